package cxmetrics_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// TestEveryExportedNameIsDocumented checks the standard the package holds
// itself to: every exported function, type and method has a doc comment
// that starts with its name and at least one runnable example with an
// Output comment, and every exported variable and constant has a doc
// comment (its own or its group's).
func TestEveryExportedNameIsDocumented(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasPrefix(fi.Name(), "_") }, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, p := range pkgs {
		for _, f := range p.Files {
			files = append(files, f)
		}
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/cxmetrics/cxmetrics")
	if err != nil {
		t.Fatal(err)
	}
	check := func(name, comment string, examples []*doc.Example) {
		t.Helper()
		first := strings.TrimPrefix(name, "*")
		if i := strings.LastIndexByte(first, '.'); i >= 0 {
			first = first[i+1:]
		}
		if !strings.HasPrefix(comment, first+" ") && !strings.HasPrefix(comment, "A "+first+" ") && !strings.HasPrefix(comment, "An "+first+" ") {
			t.Errorf("%s: doc comment does not start with its name: %.40q", name, comment)
		}
		for _, ex := range examples {
			if ex.Output != "" || ex.EmptyOutput {
				return
			}
		}
		t.Errorf("%s: no runnable example with an Output comment", name)
	}
	for _, f := range p.Funcs {
		check(f.Name, f.Doc, f.Examples)
	}
	for _, ty := range p.Types {
		check(ty.Name, ty.Doc, ty.Examples)
		for _, f := range ty.Funcs {
			check(f.Name, f.Doc, f.Examples)
		}
		for _, m := range ty.Methods {
			check(ty.Name+"."+m.Name, m.Doc, m.Examples)
		}
		checkValues(t, ty.Consts)
		checkValues(t, ty.Vars)
	}
	checkValues(t, p.Consts)
	checkValues(t, p.Vars)
	if _, err := os.Stat("doc.go"); err != nil || !strings.HasPrefix(p.Doc, "Package cxmetrics ") {
		t.Errorf("the package doc does not open with \"Package cxmetrics\"")
	}
}

// checkValues checks that every exported name of a const or var group is
// documented, by the group or by its own comment.
func checkValues(t *testing.T, values []*doc.Value) {
	t.Helper()
	for _, v := range values {
		for _, spec := range v.Decl.Specs {
			vs := spec.(*ast.ValueSpec)
			for _, n := range vs.Names {
				if n.IsExported() && v.Doc == "" && vs.Doc.Text() == "" && vs.Comment.Text() == "" {
					t.Errorf("%s: no doc comment", n.Name)
				}
			}
		}
	}
}
