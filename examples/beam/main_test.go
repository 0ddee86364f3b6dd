package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		line    string
		want    answerRow
		wantOK  bool
		wantErr string
	}{
		{line: answersHeader},
		{line: "# a comment"},
		{line: ""},
		{line: "2026-03-31,smb,10,5,7", wantOK: true,
			want: answerRow{Key: "2026-03,smb", Score: [3]int{10, 5, 7}, Answered: [3]bool{true, true, true}}},
		{line: "2026-03-31,smb,0,,1", wantOK: true,
			want: answerRow{Key: "2026-03,smb", Score: [3]int{0, 0, 1}, Answered: [3]bool{true, false, true}}},
		{line: `2026-03-31,"smb",,,`, wantOK: true, want: answerRow{Key: "2026-03,smb"}},
		{line: `2026-03-31,"s,mb",1,1,1`, wantErr: `segment "s,mb" is empty or holds a comma or quote`},
		{line: `2026-03-31,"smb,1,1,1`, wantErr: "not CSV: "},
		{line: "2026-03-31,smb,1,1", wantErr: "4 fields, want 5 (date,segment,nps,csat,ces)"},
		{line: "2026-3-31,smb,1,1,1", wantErr: `date "2026-3-31" is not YYYY-MM-DD`},
		{line: "2026-03-31,,1,1,1", wantErr: `segment "" is empty or holds a comma or quote`},
		{line: "2026-03-31,smb,1,0,1", wantErr: `csat "0" is not a whole number from 1 to 5`},
		{line: "2026-03-31,smb,1,1,8", wantErr: `ces "8" is not a whole number from 1 to 7`},
		{line: "2026-03-31,smb,9.5,1,1", wantErr: `nps "9.5" is not a whole number from 0 to 10`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok, err := parseAnswer(tt.line)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || ok != tt.wantOK {
				t.Fatalf("ok %v, error %v; want ok %v", ok, err, tt.wantOK)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseMRR(t *testing.T) {
	tests := []struct {
		line    string
		want    mrrRow
		wantOK  bool
		wantErr string
	}{
		{line: mrrHeader},
		{line: "# a comment"},
		{line: "2026-01,cus_1,9900", wantOK: true, want: mrrRow{Month: 2026 * 12, Customer: "cus_1", MRR: 9900}},
		{line: `2025-12,"Acme, Inc.",0`, wantOK: true, want: mrrRow{Month: 2025*12 + 11, Customer: "Acme, Inc."}},
		{line: "2026-01,cus_1", wantErr: "2 fields, want 3 (month,customer,mrr)"},
		{line: "2026-13,cus_1,1", wantErr: `month "2026-13" is not YYYY-MM`},
		{line: "2026-01,,1", wantErr: "empty customer"},
		{line: "2026-01,cus_1,99.00", wantErr: `mrr "99.00" is not a whole number of cents, 0 or more`},
		{line: "2026-01,cus_1,-1", wantErr: `mrr "-1" is not a whole number of cents, 0 or more`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok, err := parseMRR(tt.line)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || ok != tt.wantOK {
				t.Fatalf("ok %v, error %v; want ok %v", ok, err, tt.wantOK)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheckLocal checks that a bad row of a local input file is reported
// with its file name and line number before any pipeline runs.
func TestCheckLocal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "answers.csv")
	data := answersHeader + "\n2026-01-02,smb,9,4,\n# fine\n2026-01-03,smb,x,4,5\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	err := checkLocal(path, checkLine(parseAnswer))
	want := path + `:4: nps "x" is not a whole number from 0 to 10`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if err := checkLocal("gs://bucket/answers.csv", checkLine(parseAnswer)); err != nil {
		t.Errorf("remote path: error %v, want none (left to the pipeline)", err)
	}
}

func TestCheckLocalMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "answers-*.csv")
	err := checkLocal(path, checkLine(parseAnswer))
	if want := path + ": no such file"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

// TestRun runs the program's main job on generated data, and checks that
// bad usage is told apart from bad data.
func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(context.Background(), &buf, "", "", 500, ""); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{surveyResultsHeader + "\n2026-01,enterprise,CES,", revenueResultsHeader + "\n2025-07,0,"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, buf.String())
		}
	}

	var bad usageError
	if err := run(context.Background(), io.Discard, "", "", 0, ""); !errors.As(err, &bad) {
		t.Errorf("-n 0: error %v, want a usage error", err)
	}
	missing := filepath.Join(t.TempDir(), "answers.csv")
	if err := run(context.Background(), io.Discard, missing, "", 10, ""); err == nil || errors.As(err, &bad) {
		t.Errorf("missing input: error %v, want a data error", err)
	}
}
