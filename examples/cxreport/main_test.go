package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden runs cxreport on the embedded sample data and compares its
// output with testdata/*.golden. After a deliberate change, rewrite them
// with
//
//	go test ./examples/cxreport -run TestGolden -update
//
// and review the diff by hand. The golden files were checked by hand
// against the CSV with awk, independently of cxmetrics:
//
//   - NPS of 2026-06: awk -F, '$1 ~ /^2026-06/ && $3 == "nps" {n++;
//     p += $4 >= 9; d += $4 <= 6} END {print n, p, d, 100*(p-d)/n}'
//     sample/answers.csv gives 252 answers, 125 promoters, 46 detractors,
//     NPS 31.3492: the golden's 252, 125, 46 and 31.3. Its adjusted-Wald
//     interval by hand: n' = 255, NPS' = (125.75 − 46.75) / 255 = 0.30980,
//     SE' = sqrt((172.5/255 − 0.30980²) / 255) = 0.047713, and
//     0.30980 ± 1.95996 × 0.047713 gives 21.6 to 40.3, as in the golden.
//   - CSAT of enterprise: awk -F, '$2 == "enterprise" && $3 == "csat"
//     {n++; s += $4 >= 4} END {print n, s, 100*s/n}' gives 189, 122,
//     64.5503: the golden's 189, 122 and 64.6.
//   - MRR of 2025-07: awk -F, '$2 == "2025-07" {s += $3; n++} END {print
//     n, s}' sample/mrr.csv gives 150 customers and 50330, the golden's
//     first month (all new) and the cohort 2025-07's size.
//   - Churned MRR of 2026-04: the sum over customers paying in 2026-03 and
//     not in 2026-04 of their 2026-03 MRR, by awk over the two months,
//     is 7736.49, the golden's -7,736.49.
//   - NRR and quick ratio of 2026-06 from the golden's own movements:
//     100 × (101602.97 + 5071.84 − 487.28 − 4069.07) / 101602.97 = 100.507
//     and (6353.50 + 3893 + 5071.84) / (487.28 + 4069.07) = 3.362, the
//     golden's 100.5 and 3.36.
//   - The retention curve, by a Python script of a few lines over
//     sample/mrr.csv, without cxmetrics: each customer's first spell (from
//     the first month paid to the first month unpaid, or censored at the
//     last month), then S = Π (1 − d/n), Greenwood's S √Σ d/(n(n − d))
//     and the log-log limits S^exp(∓1.959964 √Σ d/(n(n − d)) / log S).
//     It gives 324 lifetimes and 88 churns; at 1 month 306 at risk, 8
//     churned, 97.3856 (SE 0.9122, 94.8405 to 98.6839); at 11 months 102,
//     2, 63.364 (SE 3.2511, 56.6216 to 69.3487): the golden's to the
//     last digit. The sample's churn is one constant rate (sample/gen.go),
//     so the sBG has no maximum, and the golden says so.
//   - The key drivers, the NPS and CSAT trends and Holm's adjustment of
//     the NPS segments against the rest, by base R in
//     testdata/check_sample.R: R² 0.664 of 1261 complete respondents out
//     of 1485, shares 38.5, 5.7, 11.3 and 44.4, means 3.23, 3.08, 3.72
//     and 3.95; NPS +6.03 points a month (3.61 to 8.46); CSAT's
//     prop.trend.test p 0.148; p.adjust(c(0.3249, 0.1409, 0.0326),
//     "holm") 0.325, 0.282 and 0.098: the golden's figures.
func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"text", nil, "report.txt.golden"},
		{"json", []string{"-format", "json"}, "report.json.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit status %d, stderr:\n%s", code, stderr.String())
			}
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), stdout.String()); diff != "" {
				t.Errorf("output differs from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestJSONFields checks that the JSON output has the field names doc.go
// documents, so that renaming a Go field cannot change them silently.
func TestJSONFields(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-format", "json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	var r map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	keys := func(v any) []string {
		var ks []string
		for k := range v.(map[string]any) {
			ks = append(ks, k)
		}
		return ks
	}
	surveys := r["surveys"].(map[string]any)
	metric := surveys["metrics"].([]any)[0].(map[string]any)
	revenue := r["revenue"].(map[string]any)
	for _, tt := range []struct {
		name string
		obj  any
		want string
	}{
		{"report", r, "confidence revenue surveys"},
		{"surveys", surveys, "adjustment drivers empty metrics period rows skipped skipped_rows source"},
		{"metric", metric, "change interval name periods scale segment_changes segment_changes_note segment_tests segments trend unit"},
		{"segment change", metric["segment_changes"].([]any)[0], "adjusted_p diff from hi lo p segment significant to"},
		{"segment tests", metric["segment_tests"], "note pairs pairs_note vs_rest"},
		{"segment test", metric["segment_tests"].(map[string]any)["pairs"].([]any)[0], "adjusted_p diff hi lo other p segment significant"},
		{"trend", metric["trend"], "from hi lo p periods significant slope to"},
		{"drivers", surveys["drivers"], "drivers method outcome r_squared respondents scale skipped used"},
		{"driver", surveys["drivers"].(map[string]any)["drivers"].([]any)[0], "correlation mean name quadrant shapley_share share weight"},
		{"figure", metric["periods"].([]any)[0], "answers counts hi lo period score"},
		{"change", metric["change"], "diff from hi lo p significant to"},
		{"revenue", revenue, "cohorts combine customers excluded periods retention rows skipped skipped_rows source"},
		{"retention", revenue["retention"], "censored churned curve customers max_age median sbg sbg_absent spells"},
		{"retention age", revenue["retention"].(map[string]any)["curve"].([]any)[0], "age at_risk censored churned hi lo std_err survival"},
		{"revenue period", revenue["periods"].([]any)[1], "arr churn churned contraction customers_end customers_lost customers_new customers_start expansion grr mrr_end mrr_start new nrr period quick_ratio reactivation"},
		{"cohort", revenue["cohorts"].([]any)[0], "cohort customers logo_retention mrr revenue_retention"},
	} {
		got := keys(tt.obj)
		if diff := cmp.Diff(strings.Fields(tt.want), got, cmpSorted); diff != "" {
			t.Errorf("%s fields (-want +got):\n%s", tt.name, diff)
		}
	}
}

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

// TestInputs runs cxreport on small files as a user would write them, and
// checks the exit status and what it says.
func TestInputs(t *testing.T) {
	const answersHeader = "date,segment,question,score\n"
	tests := []struct {
		name       string
		answers    string // written to answers.csv, if not empty
		mrr        string // written to mrr.csv, if not empty
		args       []string
		wantCode   int
		wantStdout string // contained in stdout
		wantStderr string // contained in stderr
	}{
		{
			name:       "score off the scale",
			answers:    answersHeader + "2026-01-02,smb,nps,9\n2026-01-03,smb,nps,11\n",
			wantCode:   1,
			wantStderr: `answers.csv:3:20: score "11" is outside 0-10 (nps)`,
		},
		{
			name:       "score not a number",
			answers:    answersHeader + "2026-01-02,smb,csat,four\n",
			wantCode:   1,
			wantStderr: `answers.csv:2:21: score "four" has no number`,
		},
		{
			name:       "CSAT off its scale",
			answers:    answersHeader + "2026-01-02,smb,csat,0\n",
			wantCode:   1,
			wantStderr: `answers.csv:2:21: score "0" is outside 1-5 (csat)`,
		},
		{
			name:       "bad date",
			answers:    answersHeader + "2026-02-30,smb,nps,9\n",
			wantCode:   1,
			wantStderr: `answers.csv:2:1: date "2026-02-30" is not a date (want ISO 8601`,
		},
		{
			name:       "unknown question",
			answers:    answersHeader + "2026-01-02,smb,nsp,9\n",
			wantCode:   1,
			wantStderr: `answers.csv:2:16: question "nsp" is not nps, csat or ces`,
		},
		{
			name:       "short row",
			answers:    answersHeader + "2026-01-02,smb,9\n",
			wantCode:   1,
			wantStderr: `answers.csv:2:1: wrong number of fields`,
		},
		{
			name:       "missing column",
			answers:    "when,segment,question,score\n2026-01-02,smb,nps,9\n",
			wantCode:   1,
			wantStderr: `answers.csv:1: no column "date" in the header (when,segment,question,score); set -date-col`,
		},
		{
			name:       "skip bad rows",
			answers:    answersHeader + "2026-01-02,smb,nps,9\n2026-01-03,smb,nps,11\n2026-01-04,smb,nps,x\n2026-01-05,smb,nps,6\n",
			args:       []string{"-skip-bad"},
			wantCode:   0,
			wantStdout: "answers.csv, 4 rows, 2 bad rows skipped",
			wantStderr: "skipped 2 bad rows\n  %DIR%/answers.csv:3:20: score \"11\" is outside 0-10 (nps)\n  %DIR%/answers.csv:4:20: score \"x\" has no number\n",
		},
		{
			name:       "own column names, no question column, timestamps",
			answers:    "Submitted At,Plan,Rating\n2026-01-02T10:00:00Z,pro,10\n2026-01-02 11:00,free,3\n",
			args:       []string{"-date-col", "submitted at", "-segment-col", "Plan", "-score-col", "rating", "-question", "nps"},
			wantCode:   0,
			wantStdout: "2026-01        2     0.0  -73.3 to 73.3",
		},
		{
			name:       "quarters",
			answers:    answersHeader + "2026-01-02,smb,nps,10\n2026-03-31,smb,nps,10\n2026-04-01,smb,nps,0\n",
			args:       []string{"-period", "quarter"},
			wantCode:   0,
			wantStdout: "Change 2026-Q1 to 2026-Q2: -200.0 points",
		},
		{
			name:       "segment column named but absent",
			answers:    "date,score\n2026-01-02,9\n",
			args:       []string{"-segment-col", "plan"},
			wantCode:   1,
			wantStderr: `no column "plan"`,
		},
		{
			name:       "MRR amount",
			mrr:        "customer,month,mrr\nc1,2026-01,\"49,99\"\n",
			wantCode:   1,
			wantStderr: `mrr.csv:2:12: mrr "49,99" has a comma that does not separate thousands (a decimal comma? write 49.99)`,
		},
		{
			name:       "MRR negative",
			mrr:        "customer,month,mrr\nc1,2026-01,-5\n",
			wantCode:   1,
			wantStderr: `mrr.csv:2:12: mrr "-5" is negative`,
		},
		{
			name:       "MRR month",
			mrr:        "customer,month,mrr\nc1,2026-13,5\n",
			wantCode:   1,
			wantStderr: `mrr.csv:2:4: month "2026-13" is not a month such as 2024-03, 03/2024 or Mar 2024, nor a date such as 2024-03-15`,
		},
		{
			name:       "MRR in any order",
			mrr:        "customer,month,mrr\nc1,2026-02,60\nc2,2026-01,40\nc1,2026-01,50\n",
			wantCode:   0,
			wantStdout: "2026-02      90.00   +0.00         +0.00     +10.00        -0.00   -40.00    60.00      2 → 1     1   66.7   55.6         0.25",
		},
		{
			name:       "unknown flag",
			args:       []string{"-colour"},
			wantCode:   2,
			wantStderr: "flag provided but not defined: -colour",
		},
		{
			name:       "missing file",
			args:       []string{"-answers", "nonexistent.csv"},
			wantCode:   2,
			wantStderr: "nonexistent.csv: no such file",
		},
		{
			name:       "bad format",
			args:       []string{"-format", "yaml"},
			wantCode:   2,
			wantStderr: `-format "yaml": want text or json`,
		},
		{
			name:       "bad confidence",
			args:       []string{"-confidence", "95"},
			wantCode:   2,
			wantStderr: "-confidence 95: want a fraction",
		},
		{
			name:       "positional argument",
			args:       []string{"answers.csv"},
			wantCode:   2,
			wantStderr: `unexpected argument "answers.csv"`,
		},
		{
			name:       "bad scale",
			args:       []string{"-csat-scale", "1-1"},
			wantCode:   2,
			wantStderr: `-csat-scale "1-1"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := tt.args
			if tt.answers != "" {
				path := filepath.Join(dir, "answers.csv")
				if err := os.WriteFile(path, []byte(tt.answers), 0o644); err != nil {
					t.Fatal(err)
				}
				args = append(args, "-answers", path)
			}
			if tt.mrr != "" {
				path := filepath.Join(dir, "mrr.csv")
				if err := os.WriteFile(path, []byte(tt.mrr), 0o644); err != nil {
					t.Fatal(err)
				}
				args = append(args, "-mrr", path)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantStdout, stdout.String())
			}
			wantStderr := strings.ReplaceAll(tt.wantStderr, "%DIR%", dir)
			if !strings.Contains(stderr.String(), wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", wantStderr, stderr.String())
			}
		})
	}
}

// TestHTML checks the page -html writes: every chart is there, and
// nothing in it runs a script or loads from the network. The browser test
// in browsertest/ checks that it renders.
func TestHTML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.html")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-html", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"nps-chart", "csat-chart", "waterfall-chart", "cohort-chart", "survival-chart"} {
		if !bytes.Contains(page, []byte(`<svg id="`+id+`"`)) {
			t.Errorf("page lacks the chart %s", id)
		}
	}
	for _, bad := range []string{"<script", "http://", "https://", "src=", "@import", "url("} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("page contains %q; it must be self-contained", bad)
		}
	}
	if bytes.Contains(page, []byte("ZgotmplZ")) {
		t.Error("html/template refused a value (ZgotmplZ) somewhere in the page")
	}
}

// TestUndefinedMonthFigures runs cxreport on the smallest honest billing
// files: a first month, a steady month, a month of pure growth and one of
// pure loss. A figure that does not exist for a month (any rate of the
// first, the quick ratio of a month that lost nothing) shows as "—" in
// text and HTML and as null in JSON, and never stops the report.
func TestUndefinedMonthFigures(t *testing.T) {
	// c1 pays 49 in January and February (steady); c2 joins at 10 in
	// March (pure growth); in April c1 drops to 40 and c2 leaves.
	const mrr = "customer,month,mrr\nc1,2024-01,49.00\nc1,2024-02,49.00\nc1,2024-03,49.00\nc2,2024-03,10.00\nc1,2024-04,40.00\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "mrr.csv")
	if err := os.WriteFile(path, []byte(mrr), 0o644); err != nil {
		t.Fatal(err)
	}
	// Each month's NRR, GRR and quick ratio, by hand; "—" is undefined.
	want := []struct{ month, nrr, grr, quick string }{
		{"2024-01", "—", "—", "—"},          // starts at 0
		{"2024-02", "100.0", "100.0", "—"},  // 49 kept of 49; 0 / 0
		{"2024-03", "100.0", "100.0", "—"},  // 49 kept of 49; 10 / 0
		{"2024-04", "67.8", "67.8", "0.00"}, // 100 × 40 / 59; 0 / (9 + 10)
	}

	t.Run("text", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-mrr", path}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit status %d: %s", code, stderr.String())
		}
		for _, w := range want {
			var row []string
			for _, line := range strings.Split(stdout.String(), "\n") {
				if f := strings.Fields(line); len(f) > 0 && f[0] == w.month {
					row = f
					break
				}
			}
			if len(row) < 3 {
				t.Fatalf("no row for %s in:\n%s", w.month, stdout.String())
			}
			got := row[len(row)-3:]
			if diff := cmp.Diff([]string{w.nrr, w.grr, w.quick}, got); diff != "" {
				t.Errorf("%s: NRR, GRR, quick ratio (-want +got):\n%s", w.month, diff)
			}
		}
	})

	t.Run("json", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-mrr", path, "-format", "json"}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit status %d: %s", code, stderr.String())
		}
		var r struct {
			Revenue struct {
				Periods []struct {
					Period     string
					NRR, GRR   *float64
					QuickRatio *float64 `json:"quick_ratio"`
				}
			}
		}
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		show := func(x *float64, decimals int) string { return optionalFloat(x, decimals) }
		for i, w := range want {
			p := r.Revenue.Periods[i]
			got := []string{p.Period, show(p.NRR, 1), show(p.GRR, 1), show(p.QuickRatio, 2)}
			if diff := cmp.Diff([]string{w.month, w.nrr, w.grr, w.quick}, got); diff != "" {
				t.Errorf("%s (-want +got, null as —):\n%s", w.month, diff)
			}
		}
	})

	t.Run("html", func(t *testing.T) {
		out := filepath.Join(dir, "report.html")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-mrr", path, "-html", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit status %d: %s", code, stderr.String())
		}
		page, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			pct := func(s string) string {
				if s == "—" {
					return s
				}
				return s + "%"
			}
			cells := "<td>" + pct(w.nrr) + "</td><td>" + pct(w.grr) + "</td><td>" + w.quick + "</td></tr>"
			i := bytes.Index(page, []byte("<tr><td>"+w.month+"</td>"))
			if i < 0 {
				t.Fatalf("no table row for %s", w.month)
			}
			row := page[i:]
			row = row[:bytes.Index(row, []byte("</tr>"))+len("</tr>")]
			if !bytes.HasSuffix(row, []byte(cells)) {
				t.Errorf("%s: row %s, want it to end %s", w.month, row, cells)
			}
		}
	})
}
