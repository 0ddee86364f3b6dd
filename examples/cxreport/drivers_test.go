package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// supportCSV is the library's example support survey (example_drivers_test.go)
// in the wide form, one respondent a row: the NPS answer and ratings of
// speed, friendliness and price on 1-5. Two more rows are not in the
// analysis: one without a price rating (left out, listwise) and one
// without an NPS answer (not a respondent of it).
const supportCSV = `date,nps,speed,friendliness,price
2026-01-05,9,5,4,3
2026-01-06,10,5,5,4
2026-01-07,6,2,4,3
2026-01-08,7,3,3,2
2026-01-09,3,1,2,3
2026-01-10,8,4,3,4
2026-01-11,5,2,3,1
2026-01-12,9,4,5,2
2026-01-13,4,2,1,2
2026-01-14,7,4,3,3
2026-01-15,8,4,4,
2026-01-16,,5,5,5
`

// supportRows are the ten complete rows of supportCSV.
var supportRows = [][4]float64{
	{9, 5, 4, 3}, {10, 5, 5, 4}, {6, 2, 4, 3}, {7, 3, 3, 2}, {3, 1, 2, 3},
	{8, 4, 3, 4}, {5, 2, 3, 1}, {9, 4, 5, 2}, {4, 2, 1, 2}, {7, 4, 3, 3},
}

// reportJSON runs cxreport with args and -format json and returns the
// report, failing the test unless it exits 0.
func reportJSON(t *testing.T, args ...string) (*Report, string) {
	t.Helper()
	code, stdout, stderr := runArgs(append(args, "-format", "json")...)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "NaN") || strings.Contains(stdout, "Inf") {
		t.Errorf("the JSON has a NaN or an infinity:\n%s", stdout)
	}
	var r Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	return &r, stdout
}

// TestDriversAgainstLibrary checks the key drivers of a small file
// against cxmetrics.RelativeWeights and ShapleyRegression on the same
// respondents, and against numpy: np.corrcoef of the ten rows, and
// numpy.linalg.eigh of the drivers' correlation matrix for Λ = P Δ^½ Pᵀ,
// β = Λ⁻¹ rxy, ε = Λ² β², give the weights 0.5301, 0.3718 and 0.0715 and
// R² 0.9734 (ExampleRelativeWeights), so shares of 54.5, 38.2 and 7.3%.
func TestDriversAgainstLibrary(t *testing.T) {
	path := writeInput(t, t.TempDir(), "support.csv", []byte(supportCSV))
	r, _ := reportJSON(t, "-answers", path, "-driver-cols", "speed, friendliness,PRICE")
	got := r.Surveys.Drivers
	if got == nil || got.Absent != "" {
		t.Fatalf("no key drivers: %+v", got)
	}
	if got.Respondents != 11 || got.Used != 10 || got.Skipped != 1 {
		t.Errorf("respondents %d, used %d, skipped %d; want 11, 10 and 1", got.Respondents, got.Used, got.Skipped)
	}

	d, err := cxmetrics.NewDrivers(3, cxmetrics.NPSScale, cxmetrics.CSATScale)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range supportRows {
		if err := d.Add(cxmetrics.Respondent{Outcome: row[0], Ratings: row[1:]}); err != nil {
			t.Fatal(err)
		}
	}
	rw, err := cxmetrics.RelativeWeights(d)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := cxmetrics.ShapleyRegression(d)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"speed", "friendliness", "price"}
	var want []DriverFigure
	for j, dr := range rw.Drivers {
		want = append(want, DriverFigure{
			Name: names[j], Share: dr.Share, Weight: dr.Weight, ShapleyShare: ptr(sh.Drivers[j].Share),
			Mean: dr.Mean, Correlation: dr.Correlation,
		})
	}
	// The quadrants by hand: the mean share is 33.3% and the mean rating
	// (3.2 + 3.3 + 2.7) / 3 = 3.07; speed 54.5% at 3.2 and friendliness
	// 38.2% at 3.3 are above both, price 7.3% at 2.7 below both.
	want[0].Quadrant, want[1].Quadrant, want[2].Quadrant = "keep up", "keep up", "watch"
	if diff := cmp.Diff(want, got.Drivers, cmpopts.EquateApprox(0, 1e-4)); diff != "" {
		t.Errorf("drivers against the library (-want +got):\n%s", diff)
	}
	numpy := []float64{0.5301, 0.3718, 0.0715}
	for j, w := range numpy {
		if math.Abs(got.Drivers[j].Weight-w) > 1e-4 || math.Abs(got.Drivers[j].Share-100*w/0.9734) > 0.05 {
			t.Errorf("%s: weight %v, share %v; numpy %v, %v", names[j], got.Drivers[j].Weight, got.Drivers[j].Share, w, 100*w/0.9734)
		}
	}
	if got.RSquared == nil || math.Abs(*got.RSquared-0.9734) > 1e-4 {
		t.Errorf("R² %v, numpy 0.9734", got.RSquared)
	}
}

// TestDriversHostile feeds the key driver analysis files that cannot
// give one: each must end in a clear message, on stderr with the file
// and line, or in the report's drivers section saying why it is absent;
// never a crash or a NaN.
func TestDriversHostile(t *testing.T) {
	// rows writes a wide answers file: the header, then one row per
	// line of cells after the date.
	rows := func(header string, lines ...string) string {
		var b strings.Builder
		b.WriteString("date," + header + "\n")
		for i, l := range lines {
			fmt.Fprintf(&b, "2026-01-%02d,%s\n", i+1, l)
		}
		return b.String()
	}
	// varied is ten respondents whose NPS and a, b, c ratings vary.
	varied := []string{"9,5,4,3", "10,5,5,4", "6,2,4,3", "7,3,3,2", "3,1,2,3", "8,4,3,4", "5,2,3,1", "9,4,5,2", "4,2,1,2", "7,4,3,3"}
	tests := []struct {
		name       string
		answers    string
		args       []string
		wantCode   int
		wantStderr string // in stderr, for a failure
		wantAbsent string // in the drivers section, for a report
	}{
		{
			name:       "a column with every cell empty",
			answers:    rows("nps,a,b,c", "9,5,,3", "6,2,,1", "7,3,,2", "3,1,,3", "8,4,,4"),
			args:       []string{"-driver-cols", "a,b,c"},
			wantAbsent: "column b has no ratings, so no respondent rated every driver",
		},
		{
			name:       "a constant column",
			answers:    rows("nps,a,b,c", "9,5,3,3", "6,2,3,1", "7,3,3,2", "3,1,3,3", "8,4,3,4", "5,2,3,1"),
			args:       []string{"-driver-cols", "a,b,c"},
			wantAbsent: "gave b the same rating, 3, so it explains nothing",
		},
		{
			name:       "more driver columns than respondents",
			answers:    rows("nps,a,b,c,d,e", "9,5,4,3,2,1", "6,2,4,3,5,1", "7,3,3,2,4,5"),
			args:       []string{"-driver-cols", "a,b,c,d,e"},
			wantAbsent: "3 respondents rated every driver, and 5 drivers need at least 7",
		},
		{
			name:       "two columns the same: collinear",
			answers:    rows("nps,a,b,c", "9,5,5,3", "6,2,2,3", "7,3,3,2", "3,1,1,3", "8,4,4,4", "5,2,2,1", "9,4,4,2"),
			args:       []string{"-driver-cols", "a,b,c"},
			wantAbsent: "no key drivers: undefined figure",
		},
		{
			name:       "every NPS answer the same",
			answers:    rows("nps,a,b,c", "8,5,4,3", "8,2,4,3", "8,3,3,2", "8,1,2,3", "8,4,3,4", "8,2,3,1"),
			args:       []string{"-driver-cols", "a,b,c"},
			wantAbsent: "no key drivers: undefined figure",
		},
		{
			name:       "no NPS answers",
			answers:    rows("csat,a,b,c", "4,5,4,3", "5,2,4,3", "3,3,3,2"),
			args:       []string{"-driver-cols", "a,b,c"},
			wantAbsent: "no row has an NPS answer",
		},
		{
			name:       "a rating that is not a number",
			answers:    rows("nps,a,b,c", "9,5,4,3", "6,2,good,3"),
			args:       []string{"-driver-cols", "a,b,c"},
			wantCode:   1,
			wantStderr: `answers.csv:3:16: rating "good" of b has no number`,
		},
		{
			name:       "a rating off the scale",
			answers:    rows("nps,a,b,c", "9,5,4,3", "6,2,4,7"),
			args:       []string{"-driver-cols", "a,b,c"},
			wantCode:   1,
			wantStderr: `answers.csv:3:18: rating "7" of c is outside 1-5 (-driver-scale)`,
		},
		{
			name:     "a bad rating skipped with -skip-bad",
			answers:  rows("nps,a,b,c", append([]string{"6,2,x,3"}, varied...)...),
			args:     []string{"-driver-cols", "a,b,c", "-skip-bad"},
			wantCode: 0,
		},
		{
			name:       "a driver column not in the file",
			answers:    rows("nps,a,b", varied[0]),
			args:       []string{"-driver-cols", "a,b,c"},
			wantCode:   1,
			wantStderr: `answers.csv:1: no column "c" in the header (date,nps,a,b); set -driver-cols`,
		},
		{
			name:       "an empty name in -driver-cols",
			answers:    rows("nps,a,b", varied[0]),
			args:       []string{"-driver-cols", "a,,b"},
			wantCode:   2,
			wantStderr: `-driver-cols "a,,b": an empty column name`,
		},
		{
			name:       "a column named twice",
			answers:    rows("nps,a,b", varied[0]),
			args:       []string{"-driver-cols", "a,b,A"},
			wantCode:   2,
			wantStderr: `-driver-cols "a,b,A": column "A" named twice`,
		},
		{
			name:       "a bad -driver-scale",
			answers:    rows("nps,a,b", varied[0]),
			args:       []string{"-driver-cols", "a,b", "-driver-scale", "5"},
			wantCode:   2,
			wantStderr: `-driver-scale "5": want MIN-MAX, such as 1-5`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeInput(t, t.TempDir(), "answers.csv", []byte(tt.answers))
			args := append([]string{"-answers", path}, tt.args...)
			code, text, stderr := runArgs(args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Fatalf("exit status %d, stderr %q; want %d and %q", code, stderr, tt.wantCode, tt.wantStderr)
			}
			if code != 0 {
				return
			}
			if strings.Contains(text, "NaN") {
				t.Errorf("the text has a NaN:\n%s", text)
			}
			r, _ := reportJSON(t, args...)
			d := r.Surveys.Drivers
			if d == nil {
				t.Fatal("no drivers section")
			}
			if !strings.Contains(d.Absent, tt.wantAbsent) || (tt.wantAbsent != "") != (d.Drivers == nil) {
				t.Errorf("absent %q with %d drivers; want %q", d.Absent, len(d.Drivers), tt.wantAbsent)
			}
			if tt.wantAbsent != "" && !strings.Contains(text, upperFirst(d.Absent)) {
				t.Errorf("the text does not say why there are no drivers (%q):\n%s", d.Absent, text)
			}
		})
	}
}

// TestHTMLComparisonsAndDrivers checks that the page (where html/template
// writes + as &#43;) says which
// correction it applied, shows the trends, and draws the key drivers, or
// says why there are none.
func TestHTMLComparisonsAndDrivers(t *testing.T) {
	dir := t.TempDir()
	page := func(args ...string) string {
		t.Helper()
		path := writeInput(t, dir, "report.html", nil)
		if code, _, stderr := runArgs(append(args, "-html", path)...); code != 0 {
			t.Fatalf("exit status %d: %s", code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sample := page()
	for _, want := range []string{
		`id="drivers-chart"`, `id="drivers-chart-narrow"`,
		"Against the rest of the segments, significantly different: enterprise -14.9, smb &#43;10.2 (p-values adjusted for 3 comparisons by Holm&#39;s method).",
		"Trend over the last 6 months (2026-01 to 2026-06): &#43;6.0 points/month (95% interval 3.6 to 8.5), p &lt; 0.001: significant.",
		"<td>support</td><td>38.5</td><td>38.6</td><td>3.23</td><td>0.65</td><td>fix first</td>",
		"Significant: the adjusted p is below 0.05.",
	} {
		if !strings.Contains(sample, want) {
			t.Errorf("the sample's page does not say %q", want)
		}
	}
	empty := writeInput(t, dir, "answers.csv", []byte("date,nps,a,b\n2026-01-01,9,4,\n2026-01-02,3,2,\n"))
	absent := page("-answers", empty, "-driver-cols", "a,b")
	if strings.Contains(absent, "drivers-chart") || !strings.Contains(absent, "No key drivers: column b has no ratings") {
		t.Errorf("the page of a file with an empty rating column does not say why it has no drivers")
	}
}
