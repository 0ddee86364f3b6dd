package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// retentionOf runs cxreport -format json on the MRR file mrr with args
// and returns its retention section, and its text report.
func retentionOf(t *testing.T, mrr string, args ...string) (*RevenueReport, string) {
	t.Helper()
	path := writeInput(t, t.TempDir(), "mrr.csv", []byte(mrr))
	code, stdout, stderr := runArgs(append([]string{"-mrr", path, "-format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	var r Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	code, text, stderr := runArgs(append([]string{"-mrr", path}, args...)...)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	return r.Revenue, text
}

// TestRetentionByHand checks the Kaplan–Meier curve of five customers
// over four months against arithmetic by hand.
func TestRetentionByHand(t *testing.T) {
	// First spells (age in months since the first payment):
	//   a pays Jan, Feb:              churned at 2
	//   b pays Jan to Apr:            censored at 3 (still paying in the last month)
	//   c pays Feb:                   churned at 1
	//   d pays Jan, then Mar and Apr: churned at 1 (the return is not counted)
	//   e pays Mar, Apr:              censored at 1
	// Age 1: 5 at risk, 2 churned: S = 3/5 = 0.6; Greenwood Σ = 2/(5·3)
	// = 0.133333, SE = 0.6 √0.133333 = 0.219089; log-log limits
	// 0.6^exp(±1.959964 · 0.365148 / ln 0.6) = 0.125730 and 0.881756.
	// Age 2: 2 at risk (a, b), 1 churned: S = 0.6 · 1/2 = 0.3; Σ = 0.133333
	// + 1/(2·1) = 0.633333, SE = 0.3 √0.633333 = 0.238747; limits 0.012302
	// and 0.719218. Age 3: b alone, censored: S stays 0.3.
	// The median is 2, the first age with S ≤ 0.5; the lower limit 1, where
	// the lower curve is first at or below 0.5; the upper curve never is.
	const mrr = "customer,month,mrr\n" +
		"a,2024-01,10\na,2024-02,10\n" +
		"b,2024-01,10\nb,2024-02,10\nb,2024-03,10\nb,2024-04,10\n" +
		"c,2024-02,10\n" +
		"d,2024-01,10\nd,2024-03,10\nd,2024-04,10\n" +
		"e,2024-03,10\ne,2024-04,10\n"
	rev, text := retentionOf(t, mrr)
	r := rev.Retention
	if r == nil {
		t.Fatalf("no retention: %s", rev.NoRetention)
	}
	want := []SurvivalAge{
		{Age: 1, AtRisk: 5, Churned: 2, Censored: 1, Survival: 60, StdErr: 21.9089, Lo: 12.573, Hi: 88.1756},
		{Age: 2, AtRisk: 2, Churned: 1, Censored: 0, Survival: 30, StdErr: 23.8747, Lo: 1.2302, Hi: 71.9218},
		{Age: 3, AtRisk: 1, Churned: 0, Censored: 1, Survival: 30, StdErr: 23.8747, Lo: 1.2302, Hi: 71.9218},
	}
	if diff := cmp.Diff(want, r.Curve, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("curve mismatch (-want +got):\n%s", diff)
	}
	if got := [4]int64{r.Customers, r.Churned, r.Censored, int64(r.MaxAge)}; got != [4]int64{5, 3, 2, 3} {
		t.Errorf("customers, churned, censored, max age %v, want [5 3 2 3]", got)
	}
	if diff := cmp.Diff(&MedianAge{Age: 2, Lo: ptr(1.0)}, r.Median); diff != "" {
		t.Errorf("median mismatch (-want +got):\n%s", diff)
	}
	for _, line := range []string{
		"    1        5        2         1      60.0  12.6 to 88.2",
		"Median lifetime: 2 months (95% interval 1 to not reached).",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("text lacks %q:\n%s", line, text)
		}
	}
}

// fhRegular is the "regular" cohort of Fader & Hardie 2007 (Table 1): of
// 1,000 customers, those still active at ages 0 to 7.
var fhRegular = []int64{1000, 631, 468, 382, 326, 289, 262, 241}

// cohortCSV writes an MRR file of one cohort whose customers still pay
// at each age are survivors, from January 2024, each paying 50.00.
func cohortCSV(survivors []int64) string {
	var b strings.Builder
	b.WriteString("customer,month,mrr\n")
	id := 0
	for i := range survivors {
		// The customers lost after age i pay for ages 0 to i; those of
		// the last age, for every age.
		n := survivors[i]
		if i+1 < len(survivors) {
			n -= survivors[i+1]
		}
		for range n {
			for a := 0; a <= i; a++ {
				fmt.Fprintf(&b, "c%d,%d-%02d,50.00\n", id, 2024+a/12, a%12+1)
			}
			id++
		}
	}
	return b.String()
}

// TestRetentionSBG runs cxreport on the "regular" cohort of Fader &
// Hardie 2007 written as an MRR file, and checks the sBG fit against
// their published α 0.704 and β 1.182, and against the fit of the
// cohort's row as it is, which the report does not make: it fits the
// life table turned into cohorts (lifeTableCohorts).
func TestRetentionSBG(t *testing.T) {
	rev, text := retentionOf(t, cohortCSV(fhRegular), "-discount", "1")
	r := rev.Retention
	if r == nil || r.SBG == nil {
		t.Fatalf("no sBG: %+v %q", r, rev.NoRetention)
	}
	p := r.SBG
	if math.Abs(p.Alpha-0.704) > 0.0005 || math.Abs(p.Beta-1.182) > 0.0005 {
		t.Errorf("α %v, β %v; Fader & Hardie 2007 give 0.704 and 1.182", p.Alpha, p.Beta)
	}
	m, err := cxmetrics.FitShiftedBetaGeometric([][]int64{fhRegular})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Alpha-m.Alpha) > 1e-4 || math.Abs(p.Beta-m.Beta) > 1e-4 {
		t.Errorf("α %v, β %v from the life table; %v, %v from the cohort's row", p.Alpha, p.Beta, m.Alpha, m.Beta)
	}
	if len(p.Fitted) != 8 || len(p.Projection) != projectedAges || p.Projection[0].Age != 8 {
		t.Fatalf("%d fitted ages and %d projected from %d, want 8 and %d from 8", len(p.Fitted), len(p.Projection), p.Projection[0].Age, projectedAges)
	}
	// S(t) = Π_{j=1}^{t} (β+j−1)/(α+β+j−1), Fader & Hardie 2007 eq. 7.
	s := 1.0
	for j := 1; j <= 8; j++ {
		s *= (m.Beta + float64(j) - 1) / (m.Alpha + m.Beta + float64(j) - 1)
	}
	if math.Abs(p.Projection[0].Survival-100*s) > 1e-3 {
		t.Errorf("projected survival at 8 months %v, want 100 × %v", p.Projection[0].Survival, s)
	}
	v := p.Value
	if v == nil || v.ARPA != 5000 || v.Discount != 1 || len(v.Residual) != len(residualAges) {
		t.Fatalf("value %+v, want ARPA 5000 at 1%% and %d residual values", v, len(residualAges))
	}
	// Residual lifetimes rise with age: those who stayed are the loyal ones.
	for i := 1; i < len(v.Residual); i++ {
		if !(v.Residual[i].Lifetime > v.Residual[i-1].Lifetime) {
			t.Errorf("residual lifetimes %+v do not rise with age", v.Residual)
		}
	}
	if math.Abs(float64(v.Value)-5000*v.Lifetime) > 1 { // Lifetime is rounded to 4 decimals
		t.Errorf("value %d is not ARPA 5000 × %v months", v.Value, v.Lifetime)
	}
	for _, want := range []string{"α 0.704 ± ", "β 1.182 ± ", " age    8    9   10", " sBG 22.0 "} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

// TestLifeTableCohorts checks that the cohorts made of a life table have
// its churn and survivors at each age.
func TestLifeTableCohorts(t *testing.T) {
	table := []cxmetrics.LifetimeCount{{Duration: 0, Censored: 4}, {Duration: 1, Churned: 2, Censored: 1}, {Duration: 3, Churned: 5, Censored: 7}}
	got := lifeTableCohorts(table)
	want := [][]int64{{4}, {1, 1}, {7, 7, 7, 7}, {7, 5, 5, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cohorts mismatch (-want +got):\n%s", diff)
	}
}

// TestRetentionHostile feeds the retention section the files where it has
// least to go on: the report is still written, in every format, says why
// a figure is absent, and prints no NaN or Inf.
func TestRetentionHostile(t *testing.T) {
	const head = "customer,month,mrr\n"
	tests := []struct {
		name     string
		mrr      string
		args     []string
		wantText []string // each contained in the text report
	}{
		{
			name:     "one customer, one month",
			mrr:      head + "a,2026-01,10\n",
			wantText: []string{"Median lifetime: not reached: 100.0% still pay at 0 months", "1 month of lifetimes is too few to fit"},
		},
		{
			name:     "one period, many customers",
			mrr:      head + "a,2026-01,10\nb,2026-01,20\nc,2026-01,30\n",
			wantText: []string{"The first spell of each of 3 customers", "too few to fit"},
		},
		{
			name:     "no churn",
			mrr:      head + "a,2026-01,10\na,2026-02,10\na,2026-03,10\nb,2026-02,10\nb,2026-03,10\n",
			wantText: []string{"    2        1        0         1     100.0  100.0 to 100.0", "no customer has churned yet"},
		},
		{
			name:     "everyone churns at once",
			mrr:      head + "a,2026-01,10\nb,2026-01,10\nc,2026-02,10\n",
			wantText: []string{"    1        2        2         0       0.0  0.0 to 0.0", "Median lifetime: 1 month (no interval", "too few to fit"},
		},
		{
			name:     "all but one churn in their first month",
			mrr:      head + "a,2026-01,10\nb,2026-01,10\nc,2026-01,10\nd,2026-01,10\nd,2026-02,10\nd,2026-03,10\n",
			wantText: []string{"    2        1        0         1      25.0", "Projection (shifted-beta-geometric): none: the fit does not converge"},
		},
		{
			name:     "one customer who stays",
			mrr:      head + "a,2026-01,10\na,2026-02,10\na,2026-03,10\na,2026-04,10\n",
			wantText: []string{"    3        1        0         1     100.0", "no customer has churned yet"},
		},
		{
			name:     "only an opening book",
			mrr:      head + "a,2026-01,10\nb,2026-01,20\n",
			args:     []string{"-opening"},
			wantText: []string{"None: no customer's first payment is known"},
		},
		{
			name:     "an opening book that stays",
			mrr:      head + "a,2026-01,10\na,2026-02,10\nb,2026-02,10\n",
			args:     []string{"-opening"},
			wantText: []string{"The first spell of each of 1 customer", "too few to fit"},
		},
		{
			name:     "no discount, so no value when α ≤ 1",
			mrr:      head + "a,2026-01,10\n",
			args:     []string{"-discount", "0"},
			wantText: []string{"too few to fit"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeInput(t, dir, "mrr.csv", []byte(tt.mrr))
			page := filepath.Join(dir, "report.html")
			for _, format := range []string{"text", "json"} {
				code, stdout, stderr := runArgs(append([]string{"-mrr", path, "-format", format, "-html", page}, tt.args...)...)
				if code != 0 {
					t.Fatalf("%s: exit status %d: %s", format, code, stderr)
				}
				html, err := os.ReadFile(page)
				if err != nil {
					t.Fatal(err)
				}
				for _, out := range []string{stdout, string(html)} {
					if m := regexp.MustCompile(`NaN|[-+]?Inf\b|ZgotmplZ`).FindString(out); m != "" {
						t.Errorf("%s: output has %q:\n%.3000s", format, m, out)
					}
				}
				if format == "text" {
					for _, want := range tt.wantText {
						if !strings.Contains(stdout, want) {
							t.Errorf("text lacks %q:\n%s", want, stdout)
						}
					}
				}
			}
		})
	}
}
