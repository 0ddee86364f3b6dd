package main

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beamlog.LogLevel = "warn" // Prism and the SDK harness log every stage at info
	beam.Init()
	os.Exit(m.Run())
}

// runLocal runs the pipeline that build adds to a new root scope on
// Beam's local runner, Prism, started in this process.
func runLocal(t *testing.T, build func(s beam.Scope)) error {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	build(s)
	_, err := prism.Execute(context.Background(), p)
	return err
}

// quietErrors discards the log records of Prism and the SDK harness until
// the test ends: a test that makes a pipeline fail on purpose checks the
// error it returns, and the several screens of the same error logged on
// the way are noise.
func quietErrors(t *testing.T) {
	old := slog.Default()
	slog.SetDefault(slog.New(slog.DiscardHandler))
	t.Cleanup(func() { slog.SetDefault(old) })
}

// readLines returns the lines of the file at path, sorted. textio.Write
// writes no file at all for an empty PCollection, so a missing file has no
// lines.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		lines = nil
	}
	slices.Sort(lines)
	return lines
}

// surveyInProcess is what the survey pipeline must write for rows: the
// same tallies made in one process with Survey.Add, in sorted lines.
func surveyInProcess(t *testing.T, rows []answer) []string {
	t.Helper()
	tallies := map[string]*[3]*cxmetrics.Survey{}
	for _, a := range rows {
		key := a.Date.Format("2006-01") + "," + a.Segment
		for q, question := range questions {
			if !a.Answered[q] {
				continue
			}
			if tallies[key] == nil {
				tallies[key] = new([3]*cxmetrics.Survey)
			}
			s := &tallies[key][q]
			if *s == nil {
				var err error
				if *s, err = cxmetrics.NewSurvey(question.scale); err != nil {
					t.Fatal(err)
				}
			}
			if err := (*s).Add(a.Score[q]); err != nil {
				t.Fatal(err)
			}
		}
	}
	var lines []string
	for key, surveys := range tallies {
		for q, s := range surveys {
			if s == nil {
				continue
			}
			m, err := surveyMetricOf(questions[q].metric, s)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, formatSurveyMetric(key, m))
		}
	}
	slices.Sort(lines)
	return lines
}

func TestSurveyPipeline(t *testing.T) {
	tests := []struct {
		name    string
		rows    []answer
		extra   string // appended to the file after the rows
		wantErr string // a substring of the pipeline's error
	}{
		{name: "no rows"},
		{name: "one respondent", rows: generateAnswers(1, 1)},
		{name: "4000 respondents", rows: generateAnswers(4000, 2)},
		{
			name:    "a score off the scale",
			rows:    generateAnswers(10, 3),
			extra:   "2026-02-03,smb,11,4,5\n",
			wantErr: `answers line "2026-02-03,smb,11,4,5": nps "11" is not a whole number from 0 to 10`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "answers.csv"), filepath.Join(dir, "results.csv")
			f, err := os.Create(in)
			if err != nil {
				t.Fatal(err)
			}
			if err := writeAnswers(f, tt.rows); err != nil {
				t.Fatal(err)
			}
			f.WriteString(tt.extra)
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			encoded := surveysEncoded.Load()

			if tt.wantErr != "" {
				quietErrors(t)
			}
			err = runLocal(t, func(s beam.Scope) { surveyPipeline(s, in, out) })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := surveyInProcess(t, tt.rows)
			if diff := cmp.Diff(want, readLines(t, out)); diff != "" {
				t.Errorf("results mismatch (-single process +pipeline):\n%s", diff)
			}
			if len(tt.rows) > 0 && surveysEncoded.Load() == encoded {
				t.Errorf("no Survey went through its binary coder")
			}
		})
	}
}

// revenueInProcess is what the revenue pipeline must write for rows: the
// movements of one MRRHistory of every customer, in sorted lines.
func revenueInProcess(t *testing.T, rows []mrrRow) []string {
	t.Helper()
	if len(rows) == 0 {
		return nil
	}
	first, last := rows[0].Month, rows[0].Month
	for _, row := range rows {
		first, last = min(first, row.Month), max(last, row.Month)
	}
	h, err := cxmetrics.NewMRRHistory[string](last-first+1, cxmetrics.AnyOrder)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if err := h.Add(row.Customer, row.Month-first, row.MRR); err != nil {
			t.Fatal(err)
		}
	}
	periods, _, err := h.Movements()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for p, r := range periods {
		if r == (cxmetrics.RevenuePeriod{}) {
			continue
		}
		line, err := formatRevenue(monthName(first+p), r)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	return lines
}

func TestRevenuePipeline(t *testing.T) {
	// A customer who pays 100 in January, 150 in February (expansion 50)
	// and nothing after, and one who starts in March: February ends at
	// 150, March churns it and adds 70 new.
	handmade := []mrrRow{
		{Month: 2026*12 + 0, Customer: "a", MRR: 100},
		{Month: 2026*12 + 1, Customer: "a", MRR: 150},
		{Month: 2026*12 + 2, Customer: "b", MRR: 70},
	}
	tests := []struct {
		name    string
		rows    []mrrRow
		extra   string
		want    []string // if nil, revenueInProcess(rows)
		wantErr string
	}{
		{name: "no rows"},
		{
			name: "two customers by hand",
			rows: handmade,
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
			rows: []mrrRow{
				{Month: 2026*12 + 0, Customer: "a", MRR: 100},
				{Month: 2026*12 + 1, Customer: "a", MRR: 100},
				{Month: 2026*12 + 2, Customer: "a", MRR: 100},
				{Month: 2026*12 + 2, Customer: "b", MRR: 70},
			},
			want: []string{
				"2026-01,0,100,0,0,0,0,100,,",
				"2026-02,100,0,0,0,0,0,100,100,100",
				"2026-03,100,70,0,0,0,0,170,100,100",
			},
		},
		{name: "5000 rows", rows: generateMRR(5000, 4)},
		{
			name:    "negative revenue",
			rows:    handmade,
			extra:   "2026-02,c,-5\n",
			wantErr: `mrr line "2026-02,c,-5": mrr "-5" is not a whole number of cents, 0 or more`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "mrr.csv"), filepath.Join(dir, "revenue.csv")
			f, err := os.Create(in)
			if err != nil {
				t.Fatal(err)
			}
			if err := writeMRR(f, tt.rows); err != nil {
				t.Fatal(err)
			}
			f.WriteString(tt.extra)
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}

			if tt.wantErr != "" {
				quietErrors(t)
			}
			err = runLocal(t, func(s beam.Scope) { revenuePipeline(s, in, out) })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == nil {
				want = revenueInProcess(t, tt.rows)
			}
			if diff := cmp.Diff(want, readLines(t, out)); diff != "" {
				t.Errorf("results mismatch (-want +pipeline):\n%s", diff)
			}
		})
	}
}
