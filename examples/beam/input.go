package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
)

// The pipelines read the files cxreport reads (see README.md, and
// examples/internal/exports/doc.go for the cells): CSV with a header row,
// columns found by name. Beam reads a file as lines, several workers each
// taking a part of it, so no worker sees another's header. The program
// therefore reads the header of every file before the pipeline starts,
// and the pipeline's workers get the column layout with their DoFns and
// pass over the header line wherever they meet it.

// bom is the UTF-8 byte-order mark that spreadsheets write before a
// header.
const bom = "\uFEFF"

// errLineBreak is the error of a line with an unclosed quote: most often a
// quoted field that holds a line break, which encoding/csv reads (and so
// does cxreport) but a line-based source cuts in two.
var errLineBreak = errors.New("has an unclosed quote: a quoted field with a line break in it, " +
	"which the pipelines cannot read as they read files line by line (take the line breaks out of the field), or a stray quote")

// A table is what the pipelines know of an input before reading it: the
// header found on the first line of every file the input names, which
// must have the same columns in the same order, and each way those files
// write that line, so that a reader of lines can tell it from the rows.
type table struct {
	Name   string   // the input as given: a file or a glob
	Header []string // the column names, cleaned as exports.NewHeader does
	Lines  []string // the header line as written, without a BOM or CR; one when all files write it alike
}

// readTable reads the header of every file that glob names, on any file
// system Beam knows (a local path, gs://...).
func readTable(ctx context.Context, glob string) (table, error) {
	fsys, err := filesystem.New(ctx, glob)
	if err != nil {
		return table{}, usageError{fmt.Errorf("%s: %w", glob, err)}
	}
	defer fsys.Close()
	files, err := fsys.List(ctx, glob)
	if errors.Is(err, filepath.ErrBadPattern) {
		return table{}, usageError{fmt.Errorf("%s: %w", glob, err)}
	}
	if err != nil {
		return table{}, fmt.Errorf("%s: %w", glob, err)
	}
	if len(files) == 0 {
		return table{}, fmt.Errorf("%s: no such file", glob)
	}
	slices.Sort(files)
	t := table{Name: glob}
	first := ""
	for _, file := range files {
		line, err := headerLine(ctx, fsys, file)
		if err != nil {
			return table{}, err
		}
		rec, err := splitLine(line, nil)
		if err != nil {
			return table{}, fmt.Errorf("%s:1: header %w", file, err)
		}
		h := exports.NewHeader(rec)
		if first == "" {
			t.Header, first = h, file
		} else if !slices.EqualFunc(t.Header, h, strings.EqualFold) {
			return table{}, fmt.Errorf("%s:1: header %s differs from %s's %s: the files of one input must have the same columns in the same order",
				file, h, first, exports.Header(t.Header))
		}
		if !slices.Contains(t.Lines, line) {
			t.Lines = append(t.Lines, line)
		}
	}
	return t, nil
}

// headerLine returns the first line of file that is not empty, without a
// BOM or the line end. A file ending .gz is read through gzip, as Beam's
// text source reads it.
func headerLine(ctx context.Context, fsys filesystem.Interface, file string) (string, error) {
	rc, err := fsys.OpenRead(ctx, file)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	var r io.Reader = rc
	if strings.HasSuffix(file, ".gz") {
		gz, err := gzip.NewReader(rc)
		if err != nil {
			return "", fmt.Errorf("%s: %w", file, err)
		}
		r = gz
	}
	br := bufio.NewReaderSize(exports.SkipBOM(r), 64<<10)
	for {
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return "", fmt.Errorf("%s:1: header line longer than 64 KB", file)
		}
		if line := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"); line != "" {
			return line, nil
		}
		if err == io.EOF {
			return "", fmt.Errorf("%s:1: empty file, want a header row", file)
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", file, err)
		}
	}
}

// column returns the index of the column named name in t's header, in
// any case. A required column that is missing is an error that names the
// flag that sets name; an optional one gives -1.
func (t table) column(name, flagName string, required bool) (int, error) {
	i := exports.Header(t.Header).Index(name)
	if i < 0 && required {
		return -1, fmt.Errorf("%s:1: no column %q in the header (%s); set -%s",
			t.Name, name, exports.Header(t.Header), flagName)
	}
	return i, nil
}

// lineReader splits the lines of one input into their fields.
type lineReader struct {
	t   table
	rec []string // reused by each line
}

// fields returns the fields of line, or nil for the header or an empty
// line, as encoding/csv skips empty lines. The header is told by its
// text, wherever it is: a worker reading the middle of a file sees no
// first line, and a file made of exports put end to end repeats it. Fields may have spaces around
// them; the cell readers trim them. The slice is reused by the next call.
func (r *lineReader) fields(line string) ([]string, error) {
	line = strings.TrimSuffix(line, "\r")
	if line == "" || slices.Contains(r.t.Lines, strings.TrimPrefix(line, bom)) {
		return nil, nil
	}
	rec, err := splitLine(line, r.rec[:0])
	if err != nil {
		return nil, err
	}
	r.rec = rec
	if len(rec) != len(r.t.Header) {
		return nil, fmt.Errorf("has %d fields, the header %d (%s)", len(rec), len(r.t.Header), exports.Header(r.t.Header))
	}
	return rec, nil
}

// splitLine splits one line of CSV, without its line end, into rec. A
// line without quotes, the usual case, is cut at its commas, several
// times faster than encoding/csv, which reads the rest as cxreport does.
func splitLine(line string, rec []string) ([]string, error) {
	if !strings.Contains(line, `"`) {
		for {
			i := strings.IndexByte(line, ',')
			if i < 0 {
				return append(rec, line), nil
			}
			rec, line = append(rec, line[:i]), line[i+1:]
		}
	}
	if strings.Count(line, `"`)%2 != 0 {
		return nil, errLineBreak
	}
	r := csv.NewReader(strings.NewReader(line))
	r.TrimLeadingSpace = true
	fields, err := r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("is not CSV: %v", err)
	}
	return append(rec, fields...), nil
}

// csvField returns s as a field of a CSV line: as it is, or quoted when
// it holds a comma, a quote, a line end or spaces at either end.
func csvField(s string) string {
	if s == "" || !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// maxCached is the number of distinct cells a reader remembers the
// reading of, per column: dates and months repeat on many rows, and
// reading one is the costliest part of a row.
const maxCached = 1 << 12

// isLocal reports whether path is on this machine's file system rather
// than on one only workers may reach (gs://...).
func isLocal(path string) bool { return !strings.Contains(path, "://") }

// checkLocal checks every line of every file that glob names, when they
// are local, with check, before a pipeline reads them, so that a bad row
// is reported with its file and line number: inside the pipeline only the
// row itself can be named. A glob that is not local is left to the
// pipeline.
func checkLocal(glob string, check func(line string) error) error {
	if !isLocal(glob) {
		return nil
	}
	files, err := filepath.Glob(glob)
	if err != nil {
		return usageError{fmt.Errorf("%s: %w", glob, err)}
	}
	for _, file := range files {
		if err := checkFile(file, check); err != nil {
			return err
		}
	}
	return nil
}

// checkFile checks every line of the file at path with check.
func checkFile(path string, check func(line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 16<<20)
	for line := 1; sc.Scan(); line++ {
		if err := check(sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
