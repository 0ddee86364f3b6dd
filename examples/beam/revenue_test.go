package main

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// revenueInProcess is what the revenue pipeline must write for generated
// rows: the movements of one MRRLedger of every customer, in sorted
// lines.
func revenueInProcess(t *testing.T, rows []payment) []string {
	t.Helper()
	ledger := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, cxmetrics.CombineRecords(cxmetrics.SameDay))
	for _, row := range rows {
		if err := ledger.Add(row.Customer, row.Month, row.Cents); err != nil {
			t.Fatal(err)
		}
	}
	periods, err := ledger.Periods()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range periods {
		line, err := formatRevenue(p.Label, p.Revenue)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	return lines
}

// approxFields compares lines of CSV field by field, numbers to within
// 1e-12 of each other: the rates worked out by hand in the tests and the
// library's may differ in their last bit.
var approxFields = cmp.Options{
	cmpopts.AcyclicTransformer("fields", func(line string) []any {
		var fields []any
		for _, f := range strings.Split(line, ",") {
			if x, err := strconv.ParseFloat(f, 64); err == nil {
				fields = append(fields, x)
			} else {
				fields = append(fields, f)
			}
		}
		return fields
	}),
	cmpopts.EquateApprox(1e-12, 0),
}

func TestRevenuePipeline(t *testing.T) {
	var generated strings.Builder
	rows := generateMRR(5000, 4)
	if err := writeMRR(&generated, rows); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		data    string // the file, or
		file    string // a file of testdata
		args    []string
		want    []string
		wantErr string // a substring of the pipeline's error
	}{
		{name: "header only", data: "customer,month,mrr\n"},
		{
			// a pays $1.00 in January, $1.50 in February (expansion
			// 50 cents) and nothing after; b starts in March: February
			// ends at 150, March churns it and adds 70 new.
			name: "two customers by hand",
			data: "customer,month,mrr\na,2026-01,1.00\na,2026-02,1.50\nb,2026-03,0.70\n",
			want: []string{
				"2026-01,0,100,0,0,0,0,100,,",
				"2026-02,100,0,50,0,0,0,150,150,100",
				"2026-03,150,70,0,0,150,0,70,0,0",
			},
		},
		{
			// A steady month and a month of pure growth keep their
			// breakdown across the shuffle: GRR 100, not an error.
			name: "steady month, then pure growth",
			data: "customer,month,mrr\na,2026-01,1\na,2026-02,1\na,2026-03,1\nb,2026-03,0.7\n",
			want: []string{
				"2026-01,0,100,0,0,0,0,100,,",
				"2026-02,100,0,0,0,0,0,100,100,100",
				"2026-03,100,70,0,0,0,0,170,100,100",
			},
		},
		{name: "5000 generated rows", data: generated.String(), want: revenueInProcess(t, rows)},
		{
			// Money and months in every form, columns in another
			// order, a quoted customer with a comma. In cents, in UTC:
			//   January  Acme 104900 ($1,049.00), acme2 5000 (49.999
			//            rounded), acme3 1050 (USD 10.50): new 110950.
			//   February Acme 104900 ("1,049"), acme2 5000 (49.995, a
			//            half cent up); acme3's 23:30 at -05:00 on the
			//            28th is March 1 in UTC: churned 1050, end
			//            109900, NRR = GRR = 100 × 109900 / 110950.
			//   March    Acme and acme2 have no row: churned 109900;
			//            acme3 comes back: reactivation 1050; NRR =
			//            GRR = 100 × (109900 − 109900) / 109900 = 0.
			name: "formats, UTC",
			file: "mrr_formats.csv",
			want: []string{
				"2026-01,0,110950,0,0,0,0,110950,,",
				"2026-02,110950,0,0,0,1050,0,109900," + formatFloat(100*109900.0/110950) + "," + formatFloat(100*109900.0/110950),
				"2026-03,109900,0,0,0,109900,1050,1050,0,0",
			},
		},
		{
			// In New York acme3's row is on February 28: every
			// customer pays the same in February as in January.
			name: "formats, -tz America/New_York",
			file: "mrr_formats.csv",
			args: []string{"-tz", "America/New_York"},
			want: []string{
				"2026-01,0,110950,0,0,0,0,110950,,",
				"2026-02,110950,0,0,0,0,0,110950,100,100",
			},
		},
		{
			// Daily snapshots, the last day counts. a: January 31
			// $150.00, February 28 $150.00; b: January 10 $50.00,
			// February 27 $0.00. January: new 20000. February: a
			// steady, b churns 5000, end 15000, NRR = GRR =
			// 100 × 15000 / 20000 = 75.
			name: "snapshots, -combine last",
			file: "mrr_snapshots.csv",
			args: []string{"-combine", "last"},
			want: []string{
				"2026-01,0,20000,0,0,0,0,20000,,",
				"2026-02,20000,0,0,0,5000,0,15000,75,75",
			},
		},
		{
			// The same rows added up, as subscriptions. a: January
			// 100 + 150 = $250, February 150 + 150 = $300; b: $50,
			// then $0. January: new 30000. February: a expands 5000,
			// b churns 5000, end 30000; NRR = 100 × 30000 / 30000 =
			// 100, GRR = 100 × (30000 − 5000) / 30000 = 83.33….
			name: "snapshots, -combine sum",
			file: "mrr_snapshots.csv",
			args: []string{"-combine", "sum"},
			want: []string{
				"2026-01,0,30000,0,0,0,0,30000,,",
				"2026-02,30000,0,5000,0,5000,0,30000,100," + formatFloat(100*25000.0/30000),
			},
		},
		{
			name:    "snapshots without -combine",
			file:    "mrr_snapshots.csv",
			wantErr: "customer a has records on 2026-01-01 and 2026-01-31, both in 2026-01",
		},
		{
			name:    "negative revenue",
			data:    "customer,month,mrr\na,2026-01,1.00\nc,2026-02,-5.00\n",
			wantErr: `line "c,2026-02,-5.00": mrr "-5.00" is negative`,
		},
		{
			name:    "a month that is not one",
			data:    "customer,month,mrr\na,2026-13,1.00\n",
			wantErr: `line "a,2026-13,1.00": month "2026-13" is not a month such as 2024-03`,
		},
		{
			name:    "a line break in a quoted field",
			data:    "customer,month,mrr\n\"Acme\nInc.\",2026-01,1.00\n",
			wantErr: "has an unclosed quote",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join("testdata", tt.file)
			if tt.file == "" {
				in = writeTemp(t, "mrr.csv", tt.data)
			}
			out := filepath.Join(t.TempDir(), "revenue.csv")
			o := optionsOf(t, tt.args...)
			_, ml := layouts(t, o, "", in)
			if tt.wantErr != "" {
				quietErrors(t)
			}
			_, err := runLocal(t, func(s beam.Scope) { revenuePipeline(s, ml, o.mrr.combine, out) })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(tt.name, "-combine") && !strings.Contains(err.Error(), "set -combine sum") {
					t.Errorf("error %v does not name -combine", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, readLines(t, out), approxFields); diff != "" {
				t.Errorf("results mismatch (-want +pipeline):\n%s", diff)
			}
		})
	}
}

// TestCxreportSample runs both pipelines on the sample files of cxreport,
// the format both programs read, and checks their figures against the
// files read here with encoding/csv alone: the answers of each month,
// segment and question, with NPS as 100 × (promoters − detractors) /
// answers, and each month's MRR as the sum of its rows (one per customer
// and month in the sample).
func TestCxreportSample(t *testing.T) {
	answers, mrr := filepath.Join("..", "cxreport", "sample", "answers.csv"), filepath.Join("..", "cxreport", "sample", "mrr.csv")
	if _, err := os.Stat(answers); err != nil {
		t.Skip("no cxreport sample:", err)
	}
	records := func(path string) ([]string, [][]string) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[0], recs[1:]
	}

	type tally struct{ n, promoters, detractors int }
	want := map[string]*tally{} // by "2026-01,smb,NPS"
	header, rows := records(answers)
	col := func(name string) int { return slices.Index(header, name) }
	for _, rec := range rows {
		key := rec[col("date")][:7] + "," + rec[col("segment")] + "," + strings.ToUpper(rec[col("question")])
		if want[key] == nil {
			want[key] = new(tally)
		}
		score, _ := strconv.Atoi(rec[col("score")])
		want[key].n++
		want[key].promoters += b2i(score >= 9)
		want[key].detractors += b2i(score <= 6)
	}
	out := t.TempDir()
	al, ml := layouts(t, optionsOf(t), answers, mrr)
	if _, err := runLocal(t, func(s beam.Scope) { surveyPipeline(s, al, filepath.Join(out, "survey.csv")) }); err != nil {
		t.Fatal(err)
	}
	got := readLines(t, filepath.Join(out, "survey.csv"))
	if len(got) != len(want) {
		t.Errorf("%d survey lines, want %d", len(got), len(want))
	}
	for _, line := range got {
		f := strings.Split(line, ",")
		key, n := strings.Join(f[:3], ","), f[3]
		w := want[key]
		if w == nil || n != strconv.Itoa(w.n) {
			t.Errorf("%s: %s answers, want %v", key, n, w)
			continue
		}
		if f[2] == metricNPS {
			value, _ := strconv.ParseFloat(f[4], 64)
			if nps := 100 * float64(w.promoters-w.detractors) / float64(w.n); math.Abs(value-nps) > 1e-9 {
				t.Errorf("%s: NPS %v, want %v", key, value, nps)
			}
		}
	}

	totals := map[string]int64{} // cents by month
	header, rows = records(mrr)
	for _, rec := range rows {
		dollars, cents, _ := strings.Cut(rec[slices.Index(header, "mrr")], ".")
		d, _ := strconv.ParseInt(dollars, 10, 64)
		c, _ := strconv.ParseInt((cents + "00")[:2], 10, 64)
		totals[rec[slices.Index(header, "month")]] += 100*d + c
	}
	if _, err := runLocal(t, func(s beam.Scope) { revenuePipeline(s, ml, "", filepath.Join(out, "revenue.csv")) }); err != nil {
		t.Fatal(err)
	}
	lines := readLines(t, filepath.Join(out, "revenue.csv"))
	if len(lines) != len(totals) {
		t.Errorf("%d months, want %d", len(lines), len(totals))
	}
	for _, line := range lines {
		f := strings.Split(line, ",")
		if end := f[7]; end != strconv.FormatInt(totals[f[0]], 10) {
			t.Errorf("%s: MRR %s, want %d", f[0], end, totals[f[0]])
		}
	}
}

// b2i is 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
