package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsage checks that -h lists this program's flags, all of them and
// before anything of Beam's, and only points to Beam's.
func TestUsage(t *testing.T) {
	fs := flag.NewFlagSet("beam", flag.ContinueOnError)
	fs.String("runner", "", "Beam's: the pipeline runner") // as Beam defines it on flag.CommandLine
	_, groups := defineFlags(fs)
	var buf bytes.Buffer
	usage(&buf, fs, groups)
	text := buf.String()
	last := 0
	for _, g := range groups {
		for _, name := range g.names {
			i := strings.Index(text, "\n  -"+name+" ")
			if j := strings.Index(text, "\n  -"+name+"\n"); i < 0 || j >= 0 && j < i {
				i = j
			}
			if i < last {
				t.Errorf("-%s listed at %d, before the flag before it (%d) or not at all", name, i, last)
			}
			last = i
		}
	}
	if strings.Contains(text, "\n  -runner") {
		t.Errorf("usage lists Beam's -runner:\n%s", text)
	}
	if !strings.Contains(text, "beam -help-beam lists them") {
		t.Errorf("usage does not say how to list Beam's flags:\n%s", text)
	}
	if got := beamFlags(fs, groups); len(got) != 1 || got[0] != "runner" {
		t.Errorf("Beam's flags %v, want [runner]", got)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string // "" for none; any error is a usage error
	}{
		{args: nil},
		{args: []string{"-tz", "Europe/Paris", "-date-format", "eu", "-combine", "last", "-csat-scale", "0-10"}},
		{args: []string{"-question", "CES", "-date-format", "02.01.2006"}},
		{args: []string{"extra"}, wantErr: `unexpected argument "extra"`},
		{args: []string{"-n", "0"}, wantErr: "-n 0: want at least 1 row"},
		{args: []string{"-tz", "Mars/Olympus"}, wantErr: `-tz "Mars/Olympus": want an IANA time zone`},
		{args: []string{"-tz", "Local"}, wantErr: `-tz "Local": want an IANA time zone`},
		{args: []string{"-date-format", "dmy"}, wantErr: `-date-format: date format "dmy"`},
		{args: []string{"-combine", "max"}, wantErr: `-combine "max": want sum or last`},
		{args: []string{"-question", "ces2"}, wantErr: `-question "ces2": want nps, csat or ces`},
		{args: []string{"-csat-scale", "1-2"}, wantErr: "-csat-scale \"1-2\": CSAT counts the top two boxes"},
		{args: []string{"-ces-scale", "7"}, wantErr: `-ces-scale "7": want MIN-MAX`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			fs := flag.NewFlagSet("beam", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			read, _ := defineFlags(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			_, err := read()
			var bad usageError
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.wantErr != "" && (err == nil || !errors.As(err, &bad) || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want a usage error %q", err, tt.wantErr)
			}
		})
	}
}

// TestRun runs the program's main job on generated data and on files,
// and checks that bad usage is told apart from bad data, and that a bad
// row of a local file is named by its file and line before any pipeline
// runs.
func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(context.Background(), &buf, io.Discard, optionsOf(t, "-n", "500")); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		surveyResultsHeader + "\n2026-01,enterprise,CES,",
		"\nEmpty answers, questions respondents skipped: ",
		revenueResultsHeader + "\n2025-07,0,",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, buf.String())
		}
	}

	buf.Reset()
	o := optionsOf(t, "-answers", filepath.Join("testdata", "answers_wide.csv"),
		"-mrr", filepath.Join("testdata", "mrr_snapshots.csv"), "-combine", "last")
	if err := run(context.Background(), &buf, io.Discard, o); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n2026-03,smb,CES,2,6,",
		"\nEmpty answers, questions respondents skipped: 2 (nps 1, csat 0, ces 1)\n",
		"\n2026-02,20000,0,0,0,5000,0,15000,75,75\n",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, buf.String())
		}
	}

	dir := t.TempDir()
	bad := writeTemp(t, "answers.csv", "date,segment,nps\r\n2026-01-02,smb,9\r\n\r\n2026-01-03,smb,x\r\n")
	missing := filepath.Join(dir, "answers-*.csv")
	noColumn := writeTemp(t, "mrr.csv", "customer,month,amount\na,2026-01,1\n")
	for _, tt := range []struct {
		name    string
		o       options
		wantErr string // the whole error, or its start
		usage   bool
	}{
		{"a bad row", optionsOf(t, "-answers", bad), bad + `:4: score "x" has no number`, false},
		{"no file", optionsOf(t, "-answers", missing), missing + ": no such file", false},
		{"no column", optionsOf(t, "-mrr", noColumn), noColumn + `:1: no column "mrr" in the header (customer,month,amount); set -mrr-col`, false},
		{"a bad glob", optionsOf(t, "-answers", "[x"), "[x: ", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), io.Discard, io.Discard, tt.o)
			var u usageError
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) || errors.As(err, &u) != tt.usage {
				t.Errorf("error %v, want %q (usage error: %v)", err, tt.wantErr, tt.usage)
			}
		})
	}
}
