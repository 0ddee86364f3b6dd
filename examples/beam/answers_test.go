package main

import (
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
)

// tableOf returns the table of one file whose header line is header.
func tableOf(t *testing.T, header string) table {
	t.Helper()
	rec, err := splitLine(header, nil)
	if err != nil {
		t.Fatal(err)
	}
	return table{Name: "in.csv", Header: rec, Lines: []string{header}}
}

func TestAnswerRow(t *testing.T) {
	long := tableOf(t, "date,segment,question,score")
	wide := tableOf(t, "Segment,CES,Date,NPS")
	tests := []struct {
		name    string
		t       table
		args    []string
		line    string
		want    answerRow
		wantOK  bool
		wantErr string
	}{
		{name: "header", t: long, line: "date,segment,question,score"},
		{name: "header with BOM and CR", t: long, line: "\uFEFFdate,segment,question,score\r"},
		{name: "empty line", t: long, line: "\r"},
		{name: "long", t: long, line: "2026-03-31,smb,CSAT,4 (Satisfied)", wantOK: true,
			want: answerRow{Key: "2026-03,smb", Score: [3]int{0, 4, 0}, Asked: [3]bool{false, true, false}, Answered: [3]bool{false, true, false}}},
		{name: "long, empty score", t: long, line: "2026-03-31, ,nps,", wantOK: true,
			want: answerRow{Key: "2026-03,(blank)", Asked: [3]bool{true, false, false}}},
		{name: "wide", t: wide, line: `"Acme, Inc.",7,2026-03-31T23:00:00-04:00,10.0`, wantOK: true,
			want: answerRow{Key: `2026-04,"Acme, Inc."`, Score: [3]int{10, 0, 7}, Asked: [3]bool{true, false, true}, Answered: [3]bool{true, false, true}}},
		{name: "wide, -tz", t: wide, args: []string{"-tz", "America/New_York"}, line: "smb,,2026-03-31T23:00:00-04:00,0", wantOK: true,
			want: answerRow{Key: "2026-03,smb", Asked: [3]bool{true, false, true}, Answered: [3]bool{true, false, false}}},
		{name: "eu dates", t: wide, args: []string{"-date-format", "eu"}, line: "smb,1,02/01/2026,", wantOK: true,
			want: answerRow{Key: "2026-01,smb", Score: [3]int{0, 0, 1}, Asked: [3]bool{true, false, true}, Answered: [3]bool{false, false, true}}},
		{name: "too few fields", t: long, line: "2026-03-31,smb,nps", wantErr: "has 3 fields, the header 4 (date,segment,question,score)"},
		{name: "bad date", t: long, line: "2026-02-30,smb,nps,1", wantErr: `date "2026-02-30" is not a date`},
		{name: "ambiguous date", t: long, line: "02/01/2026,smb,nps,1", wantErr: "could be month/day or day/month: set -date-format"},
		{name: "unknown question", t: long, line: "2026-03-31,smb,effort,1", wantErr: `question "effort" is not nps, csat or ces`},
		{name: "fraction", t: long, line: "2026-03-31,smb,nps,9.5", wantErr: `score "9.5" is not a whole number`},
		{name: "off the scale", t: wide, line: "smb,8,2026-03-31,1", wantErr: `score "8" is outside 1-7 (ces)`},
		{name: "another scale", t: wide, args: []string{"-ces-scale", "1-10"}, line: "smb,8,2026-03-31,", wantOK: true,
			want: answerRow{Key: "2026-03,smb", Score: [3]int{0, 0, 8}, Asked: [3]bool{true, false, true}, Answered: [3]bool{false, false, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := optionsOf(t, tt.args...)
			l, err := newAnswerLayout(tt.t, o.answers, o.dateFormat, o.tz)
			if err != nil {
				t.Fatal(err)
			}
			r, err := newAnswerReader(l)
			if err != nil {
				t.Fatal(err)
			}
			checkRow(t, r.row, tt.line, tt.want, tt.wantOK, tt.wantErr) // twice: the second from the cache of dates
		})
	}
}

// checkRow reads line twice with row (a reader's second read comes from
// its cache) and checks each result: the error containing wantErr if one
// is wanted, else ok and the row.
func checkRow[R any](t *testing.T, row func(string) (R, bool, error), line string, want R, wantOK bool, wantErr string) {
	t.Helper()
	for range 2 {
		got, ok, err := row(line)
		if wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), wantErr) {
				t.Fatalf("error %v, want one containing %q", err, wantErr)
			}
			return
		}
		if err != nil || ok != wantOK {
			t.Fatalf("ok %v, error %v; want ok %v", ok, err, wantOK)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	}
}

func TestAnswerLayout(t *testing.T) {
	o := optionsOf(t).answers
	if _, err := newAnswerLayout(tableOf(t, "when,score"), o, "", "UTC"); err == nil || !strings.Contains(err.Error(), `in.csv:1: no column "date" in the header (when,score); set -date-col`) {
		t.Errorf("no date column: error %v", err)
	}
	if _, err := newAnswerLayout(tableOf(t, "date,rating"), o, "", "UTC"); err == nil || !strings.Contains(err.Error(), `no column "score" in the header (date,rating), nor a column per question (nps, csat, ces)`) {
		t.Errorf("no score column: error %v", err)
	}
	o.segmentSet = true
	if _, err := newAnswerLayout(tableOf(t, "date,score"), o, "", "UTC"); err == nil || !strings.Contains(err.Error(), "set -segment-col") {
		t.Errorf("-segment-col set, no such column: error %v", err)
	}
	l, err := newAnswerLayout(tableOf(t, "date,score,nps"), optionsOf(t).answers, "", "UTC")
	if want := [3]int{1, -1, -1}; err != nil || l.Scores != want || l.Score != 1 {
		t.Errorf("a score column and an nps one: %+v, %v; want the long form", l, err)
	}
	if l.Scales != [3]cxmetrics.Scale{cxmetrics.NPSScale, cxmetrics.CSATScale, cxmetrics.CESScale} {
		t.Errorf("scales %v, want the default ones", l.Scales)
	}
}
