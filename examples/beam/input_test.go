package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadTable(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string // name → content
		want    table             // Name is the glob
		wantErr string            // a substring
	}{
		{
			name:  "BOM, CRLF, spaces, a quoted name",
			files: map[string]string{"a.csv": "\uFEFFDate, Segment ,\"N,P,S\"\r\n2026-01-01,smb,9\r\n"},
			want:  table{Header: []string{"Date", "Segment", "N,P,S"}, Lines: []string{`Date, Segment ,"N,P,S"`}},
		},
		{
			name:  "blank lines before the header",
			files: map[string]string{"a.csv": "\n\r\ndate,nps\n"},
			want:  table{Header: []string{"date", "nps"}, Lines: []string{"date,nps"}},
		},
		{
			name:  "two files, one header written two ways",
			files: map[string]string{"a.csv": "date,nps\n", "b.csv": "\uFEFFDATE,NPS\r\n"},
			want:  table{Header: []string{"date", "nps"}, Lines: []string{"date,nps", "DATE,NPS"}},
		},
		{
			name:    "two files, two headers",
			files:   map[string]string{"a.csv": "date,nps\n", "b.csv": "nps,date\n"},
			wantErr: "b.csv:1: header nps,date differs from",
		},
		{
			name:    "an empty file",
			files:   map[string]string{"a.csv": "\uFEFF"},
			wantErr: "a.csv:1: empty file, want a header row",
		},
		{
			name:    "a header with a line break",
			files:   map[string]string{"a.csv": "\"da\nte\",nps\n"},
			wantErr: "a.csv:1: header has an unclosed quote",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			glob := filepath.Join(dir, "*.csv")
			got, err := readTable(context.Background(), glob)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Name = glob
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(table{})); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitLine(t *testing.T) {
	tests := []struct {
		line    string
		want    []string
		wantErr error
	}{
		{line: "a,b,,c", want: []string{"a", "b", "", "c"}},
		{line: "", want: []string{""}},
		{line: `"Acme, Inc.",  "49.00",x`, want: []string{"Acme, Inc.", "49.00", "x"}},
		{line: `"say ""hi""",1`, want: []string{`say "hi"`, "1"}},
		{line: `"Acme`, wantErr: errLineBreak},
		{line: `Inc.",2026-01,1`, wantErr: errLineBreak},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := splitLine(tt.line, nil)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := splitLine(`a"b,c"d`, nil); err == nil || !strings.HasPrefix(err.Error(), "is not CSV: ") {
		t.Errorf("a bare quote: error %v, want one saying it is not CSV", err)
	}
}

func TestCSVField(t *testing.T) {
	for in, want := range map[string]string{
		"smb": "smb", "": "", "Acme, Inc.": `"Acme, Inc."`, `say "hi"`: `"say ""hi"""`, " x": `" x"`, "a\nb": "\"a\nb\"",
	} {
		if got := csvField(in); got != want {
			t.Errorf("csvField(%q) = %s, want %s", in, got, want)
		}
	}
}
