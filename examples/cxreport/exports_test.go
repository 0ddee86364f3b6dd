package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// jsonReport runs cxreport with args and -format json and returns the
// report, failing the test on a non-zero exit.
func jsonReport(t *testing.T, args ...string) *Report {
	t.Helper()
	code, stdout, stderr := runArgs(append(args, "-format", "json")...)
	if code != 0 {
		t.Fatalf("cxreport %q: exit status %d: %s", args, code, stderr)
	}
	var r Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// scores returns the period and score of each period of metric name.
func scores(t *testing.T, r *Report, name string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, m := range r.Surveys.Metrics {
		if m.Name == name {
			for _, p := range m.Periods {
				out[p.Period] = p.Score
			}
			return out
		}
	}
	t.Fatalf("no %s in the report", name)
	return nil
}

// surveyExport is testdata/survey_export.csv as a survey tool writes it:
// a byte-order mark, CRLF, every field quoted, the questions' text as
// column names, one respondent a row, times with a UTC offset, labels
// after the scores, "9.0", and skipped questions as empty cells.
var surveyExport = []string{"-answers", "testdata/survey_export.csv", "-date-col", "StartDate", "-segment-col", "plan",
	"-nps-col", "How likely are you to recommend us?", "-csat-col", "How satisfied are you?"}

// TestSurveyExport reads a survey tool's export in two time zones. Its
// eight respondents answer NPS 10, 9.0, 6, 0 in January and (one skipped)
// 8, 10, 7 in February, New York time; the answer of 0 is at 23:30 on
// January 31st in New York, 04:30 on February 1st in UTC.
func TestSurveyExport(t *testing.T) {
	ny := jsonReport(t, append(surveyExport, "-tz", "America/New_York")...)
	if s := ny.Surveys; s.Rows != 8 || s.Empty != 3 || s.Skipped != 0 {
		t.Errorf("rows %d, empty %d, skipped %d; want 8 rows, 3 empty answers, none skipped", s.Rows, s.Empty, s.Skipped)
	}
	// New York: January 10, 9, 6, 0: 100 × (2 − 2) / 4 = 0; February 8,
	// 10, 7: 100 × (1 − 0) / 3 = 33.33. CSAT top two of 1-5: January 5,
	// 3, 2 (one skipped): 100 × 1/3; February 4, 4, 5: 100.
	want := map[string]map[string]float64{
		"nps":  {"2024-01": 0, "2024-02": 33.3333},
		"csat": {"2024-01": 33.3333, "2024-02": 100},
	}
	for name, w := range want {
		if diff := cmp.Diff(w, scores(t, ny, name)); diff != "" {
			t.Errorf("New York %s (-want +got):\n%s", name, diff)
		}
	}
	// UTC: the 0 moves to February. January 10, 9, 6: 100 × (2 − 1) / 3;
	// February 0, 8, 10, 7: 100 × (1 − 1) / 4.
	utc := jsonReport(t, surveyExport...)
	if diff := cmp.Diff(map[string]float64{"2024-01": 33.3333, "2024-02": 0}, scores(t, utc, "nps")); diff != "" {
		t.Errorf("UTC nps (-want +got):\n%s", diff)
	}
}

// billing is testdata/billing_snapshots.csv, daily snapshots of MRR from
// 2024-01-01 to 2024-03-31 with a byte-order mark and CRLF: c1 at $49.00
// every day; c2 at "$1,049.00" to February 14th, "USD 1,299.995" to
// February 29th, then gone; c3 from February 1st with two subscriptions,
// "$20.00" and "30.00 €", every day.
var billing = []string{"-mrr", "testdata/billing_snapshots.csv", "-customer-col", "customer_id", "-month-col", "snapshot_date"}

// TestBillingSnapshots checks each reading of the snapshots: refused
// without -combine, the last day of each month with -combine last, and
// every row added up with -combine sum.
func TestBillingSnapshots(t *testing.T) {
	code, _, stderr := runArgs(billing...)
	for _, want := range []string{"customer c1", "2024-01-01 and 2024-01-02", "2024-01", "-combine"} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("without -combine: exit %d, stderr lacks %q:\n%s", code, want, stderr)
		}
	}

	last := jsonReport(t, append(billing, "-combine", "last")...).Revenue
	// January: c1 49 + c2 1,049 new. February: c2 ends at 1,299.995,
	// rounded half up to 1,300.00 (+251 expansion); c3 new at 20 + 30.
	// March: c2 churns its 1,300. NRR of March: 100 × (1,399 − 1,300) /
	// 1,399 = 7.0765.
	type month struct{ New, Expansion, Churned, End int64 }
	var got []month
	for _, p := range last.Periods {
		got = append(got, month{p.New, p.Expansion, p.Churned, p.End})
	}
	want := []month{{109800, 0, 0, 109800}, {5000, 25100, 0, 139900}, {0, 0, 130000, 9900}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("-combine last (-want +got):\n%s", diff)
	}
	if nrr := last.Periods[2].NRR; nrr == nil || *nrr != 7.0765 {
		t.Errorf("March NRR %v, want 7.0765", nrr)
	}
	if last.Combine != "last" || last.Rows != 271 || last.Customers != 3 {
		t.Errorf("combine %q, %d rows, %d customers; want last, 271, 3", last.Combine, last.Rows, last.Customers)
	}

	// Summed, January is 31 days × (49 + 1,049) = 34,038: what the
	// snapshots are not.
	sum := jsonReport(t, append(billing, "-combine", "sum")...).Revenue
	if sum.Periods[0].End != 31*109800 {
		t.Errorf("-combine sum: January %d, want 31 × 109,800", sum.Periods[0].End)
	}
}

// TestSkippedRowIsNotChurn checks that a row skipped under -skip-bad does
// not read as its customer paying nothing: the customer is left out of
// every figure, said so, and every skipped row is listed with -skipped.
func TestSkippedRowIsNotChurn(t *testing.T) {
	data, err := os.ReadFile("testdata/billing_snapshots.csv")
	if err != nil {
		t.Fatal(err)
	}
	// c2's snapshot of February 10th cannot be read, nor c1's of March
	// 3rd.
	bad := strings.Replace(string(data), "c2,2024-02-10,enterprise,\"$1,049.00\"", "c2,2024-02-10,enterprise,twelve", 1)
	bad = strings.Replace(bad, "c1,2024-03-03,basic,$49.00", "c1,2024-03-03,basic,$4 9", 1)
	if bad == string(data) {
		t.Fatal("the test file changed: no row to spoil")
	}
	dir := t.TempDir()
	path := writeInput(t, dir, "billing.csv", []byte(bad))
	list := filepath.Join(dir, "skipped.txt")
	r := jsonReport(t, "-mrr", path, "-customer-col", "customer_id", "-month-col", "snapshot_date",
		"-combine", "last", "-skip-bad", "-skipped", list).Revenue
	if r.Skipped != 2 || len(r.SkippedRows) != 2 || !cmp.Equal(r.Excluded, []string{"c2", "c1"}) {
		t.Errorf("skipped %d, listed %+v, excluded %q; want 2, both, c2 and c1", r.Skipped, r.SkippedRows, r.Excluded)
	}
	// With c1 and c2 out, c3 alone: new in February at 50, kept in March.
	for _, p := range r.Periods {
		if p.Churned != 0 || p.Reactivation != 0 {
			t.Errorf("%s: churned %d, reactivation %d; a skipped row read as a churn", p.Period, p.Churned, p.Reactivation)
		}
	}
	if n := len(r.Periods); r.Periods[n-1].End != 5000 || r.Customers != 1 {
		t.Errorf("last month %+v, %d customers; want c3's 5,000 alone", r.Periods[n-1], r.Customers)
	}
	listed, err := os.ReadFile(list)
	if err != nil {
		t.Fatal(err)
	}
	// The spoilt rows' lines, counted here; the columns are those of the
	// amounts, after "c2,2024-02-10,enterprise," (25 bytes) and
	// "c1,2024-03-03,basic," (20).
	lineOf := func(row string) int { return strings.Count(bad[:strings.Index(bad, row)], "\n") + 1 }
	for _, want := range []string{
		fmt.Sprintf(`billing.csv:%d:26: mrr "twelve" is not an amount`, lineOf("c2,2024-02-10,enterprise,twelve")),
		fmt.Sprintf(`billing.csv:%d:21: mrr "$4 9" is not an amount`, lineOf("c1,2024-03-03,basic,$4 9")),
	} {
		if !strings.Contains(string(listed), want) {
			t.Errorf("-skipped file lacks %q:\n%s", want, listed)
		}
	}
}

// TestStdin reads the MRR file from standard input.
func TestStdin(t *testing.T) {
	data, err := os.ReadFile("testdata/billing_snapshots.csv")
	if err != nil {
		t.Fatal(err)
	}
	stdin = strings.NewReader(string(data))
	t.Cleanup(func() { stdin = os.Stdin })
	r := jsonReport(t, "-mrr", "-", "-customer-col", "customer_id", "-month-col", "snapshot_date", "-combine", "last").Revenue
	if r.Source != "stdin" || len(r.Periods) != 3 || r.Periods[2].End != 9900 {
		t.Errorf("from stdin: source %q, %d months, last %+v", r.Source, len(r.Periods), r.Periods[len(r.Periods)-1])
	}
}

// TestCellForms reads the forms of dates, months and amounts that exports
// write, each in a small file, and the errors that name the flag to set.
func TestCellForms(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, answers, mrr string
		args               []string
		code               int
		want               string // in stdout, or stderr if the exit is not 0
	}{
		{name: "US dates", answers: "date,score\n01/23/2024 10:00:00 PM,10\n02/01/2024 9:00:00 AM,0\n",
			args: []string{"-date-format", "us"}, want: "2024-02 1 -100.0"},
		{name: "European dates", answers: "date,score\n23/01/2024,10\n01/02/2024,0\n",
			args: []string{"-date-format", "eu"}, want: "2024-02 1 -100.0"},
		{name: "day and month unknown", answers: "date,score\n01/02/2024,10\n", code: 1,
			want: `answers.csv:2:1: date "01/02/2024" could be month/day or day/month: set -date-format us (month first) or eu (day first)`},
		// 1706047200 is 2024-01-23T22:00:00Z; in Tokyo (UTC+9) it is the
		// 24th, still January; 1706745600 is 2024-02-01T00:00:00Z, in
		// Los Angeles (UTC−8) January 31st.
		{name: "epoch seconds", answers: "date,score\n1706047200,10\n1706745600,9\n",
			args: []string{"-tz", "America/Los_Angeles"}, want: "2024-01 2 100.0"},
		{name: "named months and slashes", mrr: "customer,month,mrr\nc1,Jan 2024,$49.00\nc1,02/2024,\"$1,049.00\"\n",
			want: "2024-02 49.00 +0.00 +0.00 +1,000.00"},
		{name: "bad zone", answers: "date,score\n2024-01-01,9\n", args: []string{"-tz", "Mars/Olympus"}, code: 2,
			want: `-tz "Mars/Olympus": want an IANA time zone`},
		{name: "bad combine", mrr: "customer,month,mrr\nc1,2024-01,1\n", args: []string{"-combine", "mean"}, code: 2,
			want: `-combine "mean": want sum or last`},
		{name: "opening book", mrr: "customer,month,mrr\nc1,2024-01,100\nc2,2024-01,50\nc1,2024-02,100\n",
			args: []string{"-opening"}, want: "Opening book 2024-01: 2 customers, MRR 150.00 (ARR 1,800.00), what they paid when the records begin, not new business " +
				"month MRR start new reactivation expansion contraction churned MRR end customers lost NRR % GRR % quick ratio " +
				"2024-02 150.00 +0.00 +0.00 +0.00 -0.00 -50.00 100.00 2 → 1 1 66.7 66.7 0.00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if tc.answers != "" {
				args = append(args, "-answers", writeInput(t, dir, "answers.csv", []byte(tc.answers)))
			}
			if tc.mrr != "" {
				args = append(args, "-mrr", writeInput(t, dir, "mrr.csv", []byte(tc.mrr)))
			}
			code, stdout, stderr := runArgs(args...)
			out := stdout
			if tc.code != 0 {
				out = stderr
			}
			// Compared with spaces collapsed: the tables align columns.
			if code != tc.code || !strings.Contains(strings.Join(strings.Fields(out), " "), tc.want) {
				t.Errorf("exit %d (want %d); output lacks %q:\n%s%s", code, tc.code, tc.want, stdout, stderr)
			}
		})
	}
}
