package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCSV runs cxreport on any bytes as an answers file and as an MRR file,
// with and without -skip-bad, and checks what it promises whatever the
// file says:
//
//   - it does not panic, and exits with status 0 or 1 (2 is bad usage,
//     which naming two files that exist is not);
//   - a status 1 message (the last line on stderr) names the file and a
//     line, file:line: (and the column where there is one), or, for a
//     customer with rows on two days of a month, which is no one row's
//     fault, the file, the customer and the days;
//   - stdout and stderr are valid UTF-8 without a control character other
//     than the newline;
//   - the text output is bounded by the input: the survey section by
//     a multiple of the answers file plus a constant, and the revenue
//     section by a multiple of the MRR file plus the tables of its months,
//     which are at most maxMonths.
//
// Run it with
//
//	go test ./examples/cxreport -run XXX -fuzz '^FuzzCSV$' -fuzztime 30s
func FuzzCSV(f *testing.F) {
	sample := func(data []byte, lines int) []byte {
		s := bytes.SplitAfter(data, []byte("\n"))
		return bytes.Join(s[:min(lines, len(s))], nil)
	}
	seeds := []struct {
		answers, mrr string
		skipBad      bool
	}{
		{string(sample(sampleAnswers, 40)), string(sample(sampleMRR, 40)), false},
		{"date,segment,question,score\n2026-01-02,smb,nps,9\n2026-02-02,smb,nps,3\n2026-02-03,\"a\x1b[31m\nb\xff\",csat,4\n", "", false},
		{"date,score\n2026-01-02,11\n2026-01-02,x\n2026-02-30,4\n", "", true},
		{"\ufeffDate,Score,Question\n2026-01-02T10:00:00Z,1,ces\n2026-01-02,7,ces\n", "", false},
		{"", "customer,month,mrr\na,0000-01,1\na,9999-12,1\n", false},
		{"", "customer,month,mrr\na,2026-01,92233720368547758.07\nb,2026-01,0.01\n", true},
		{"", "customer,month,mrr\nc1,2026-02,60\nc2,2026-01,40\nc1,2026-01,50\n\"c\x1b\",2026-03,1.5\n", false},
		{"", "customer,month,mrr\nc1,2026-02-01,$60\nc1,2026-02-02,\"$1,060.995\"\n", false},
		{"Date,nps,csat\n01/02/2026,9,\n1706047200,,4\n", "", true},
		{"date,segment,score\n2026-01-01," + strings.Repeat("L", 500) + ",9\n", "customer,month,mrr\n\"x\n\",2026-01-31,1\n", false},
	}
	for _, s := range seeds {
		f.Add([]byte(s.answers), []byte(s.mrr), s.skipBad)
	}
	f.Fuzz(func(t *testing.T, answers, mrr []byte, skipBad bool) {
		if len(answers) == 0 && len(mrr) == 0 {
			t.Skip("no file: cxreport would run on its sample data")
		}
		dir := t.TempDir()
		var args []string
		if len(answers) > 0 {
			args = append(args, "-answers", writeInput(t, dir, "answers.csv", answers))
		}
		if len(mrr) > 0 {
			args = append(args, "-mrr", writeInput(t, dir, "mrr.csv", mrr))
		}
		if skipBad {
			args = append(args, "-skip-bad")
		}
		code, stdout, stderr := runArgs(args...)
		for _, out := range []struct{ name, s string }{{"stdout", stdout}, {"stderr", stderr}} {
			if err := checkPrintable(out.s); err != nil {
				t.Errorf("%s: %v", out.name, err)
			}
		}
		switch code {
		case 0:
			if err := checkTextSize(stdout, len(answers), len(mrr)); err != nil {
				t.Error(err)
			}
		case 1:
			// The error is the last line; under -skip-bad a note on the
			// skipped rows of the answers may come before it.
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			msg, ok := strings.CutPrefix(lines[len(lines)-1], "cxreport: "+dir+string(filepath.Separator))
			if !ok || !fileLine.MatchString(msg) && !twoDays.MatchString(msg) {
				t.Errorf("the message does not name the file and a line:\n%s", stderr)
			}
		default:
			t.Errorf("exit status %d; stderr:\n%s", code, stderr)
		}
	})
}

// fileLine matches the start of a message that names a file of FuzzCSV's
// and a line.
var fileLine = regexp.MustCompile(`^(answers|mrr)\.csv:[0-9]+(:[0-9]+)?: `)

// twoDays matches the message of a customer with rows on two days of a
// month, read without -combine.
var twoDays = regexp.MustCompile(`^mrr\.csv: cxmetrics: ambiguous records: customer .* has records on [0-9-]{10} and [0-9-]{10}, both in .*; set -combine`)

// checkTextSize returns an error if the text output out is larger than its
// inputs, of answers and mrr bytes, allow.
//
// The survey section has, for each period and each segment, a row of about
// 100 bytes (the label cut to maxLabelWidth characters, the figures) and a
// change line of about as many, for a row of the file of 13 bytes at
// least ("2026-01-01,9\n") or two rows of 15 for a segment with a change:
// 16 bytes a byte of the file is a bound with room, plus 4 KB of headings.
//
// The revenue section has a row for each month of the span (at most
// maxMonths, however few rows: two rows can make the span), of 400 bytes
// at most (seven amounts of 27 bytes, and an NRR and a quick ratio of 23
// when a month grows from a cent to 10¹⁷), and two cohort tables with a
// row for each month (its label, size and heading, 64 bytes) whose cells,
// one for each later month, take 24 bytes at most (a retention of 10²⁰
// percent) in the cohorts that have customers, at most one for each row
// of the file (12 bytes or more, "a,2026-01,1\n"), and none in the others.
func checkTextSize(out string, answers, mrr int) error {
	survey, revenue := out, ""
	if i := strings.Index(out, "MRR history: "); i >= 0 && (i == 0 || out[i-1] == '\n') {
		survey, revenue = out[:i], out[i:]
	}
	if limit := 16*answers + 4096; len(survey) > limit {
		return fmt.Errorf("survey section of %d bytes for %d bytes of answers, past %d", len(survey), answers, limit)
	}
	months := strings.Count(revenue, " → ") // one in each month's row
	if months > maxMonths {
		return fmt.Errorf("%d months, more than maxMonths (%d)", months, maxMonths)
	}
	cohorts := min(months, mrr/12+1)
	if limit := 4096 + 400*months + 2*(64*months+24*cohorts*months); len(revenue) > limit {
		return fmt.Errorf("revenue section of %d bytes for %d bytes of MRR and %d months, past %d", len(revenue), mrr, months, limit)
	}
	return nil
}

// FuzzCleanLabel checks cleanLabel's promises: the result is valid UTF-8
// with nothing left to escape, so cleaning it again changes nothing; it
// is at most four times as long; a label with nothing to escape is
// returned as it is; and shortLabel of it has at most maxLabelWidth
// characters, and is a prefix of it, with "…", or all of it.
func FuzzCleanLabel(f *testing.F) {
	for _, s := range []string{"smb", "a\x1b[31m\a", "bad\xff", "\u202e\u2028", "日本\xe6\x97", strings.Repeat("L", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := cleanLabel(s)
		if err := checkPrintable(c); err != nil || strings.Contains(c, "\n") {
			t.Fatalf("cleanLabel(%q) = %q: %v", s, c, err)
		}
		if again := cleanLabel(c); again != c {
			t.Errorf("cleanLabel(%q) = %q, but cleanLabel of that = %q", s, c, again)
		}
		if len(c) > 4*len(s) {
			t.Errorf("cleanLabel(%q) = %q, more than 4 times as long", s, c)
		}
		if firstUnsafe(s) < 0 && c != s {
			t.Errorf("cleanLabel(%q) = %q, want it unchanged", s, c)
		}
		short := shortLabel(c)
		if n := utf8.RuneCountInString(short); n > maxLabelWidth {
			t.Errorf("shortLabel(%q) = %q, %d characters", c, short, n)
		}
		if short != c && !strings.HasPrefix(c, strings.TrimSuffix(short, ellipsis)) {
			t.Errorf("shortLabel(%q) = %q, not a prefix and …", c, short)
		}
	})
}
