package main

import (
	"context"
	"errors"
	"flag"
	"io"
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
func runLocal(t *testing.T, build func(s beam.Scope)) (beam.PipelineResult, error) {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	build(s)
	return prism.Execute(context.Background(), p)
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

// optionsOf returns the options of a command line of this program's
// flags.
func optionsOf(t *testing.T, args ...string) options {
	t.Helper()
	fs := flag.NewFlagSet("beam", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	read, _ := defineFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	o, err := read()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// layouts reads the headers of the files at answers and mrr, either of
// which may be empty, and lays them out as o says.
func layouts(t *testing.T, o options, answers, mrr string) (answerLayout, mrrLayout) {
	t.Helper()
	var al answerLayout
	var ml mrrLayout
	if answers != "" {
		tab, err := readTable(context.Background(), answers)
		if err != nil {
			t.Fatal(err)
		}
		if al, err = newAnswerLayout(tab, o.answers, o.dateFormat, o.tz); err != nil {
			t.Fatal(err)
		}
	}
	if mrr != "" {
		tab, err := readTable(context.Background(), mrr)
		if err != nil {
			t.Fatal(err)
		}
		if ml, err = newMRRLayout(tab, o.mrr, o.dateFormat, o.tz); err != nil {
			t.Fatal(err)
		}
	}
	return al, ml
}

// writeTemp writes data to a file named name in a new temporary
// directory and returns its path.
func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
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

// metricLine is the line the survey pipeline writes for key ("2026-01,smb")
// and the question q (0 nps, 1 csat, 2 ces, on the default scales) whose
// answers are scores: the library's figures for a Survey tallied by hand.
func metricLine(t *testing.T, key string, q int, scores ...int) string {
	t.Helper()
	s, err := cxmetrics.Tally(questions[q].scale, scores)
	if err != nil {
		t.Fatal(err)
	}
	m, err := surveyMetricOf(questions[q].metric, s)
	if err != nil {
		t.Fatal(err)
	}
	return formatSurveyMetric(key, m)
}

// surveyInProcess is what the survey pipeline must write for generated
// rows: the same tallies made in one process, in sorted lines.
func surveyInProcess(t *testing.T, rows []answer) []string {
	t.Helper()
	tallies := map[string]*[3][]int{}
	for _, a := range rows {
		key := a.Date.Format("2006-01") + "," + a.Segment
		if tallies[key] == nil {
			tallies[key] = new([3][]int)
		}
		for q := range questions {
			if a.Answered[q] {
				tallies[key][q] = append(tallies[key][q], a.Score[q])
			}
		}
	}
	var lines []string
	for key, scores := range tallies {
		for q, s := range scores {
			if len(s) > 0 {
				lines = append(lines, metricLine(t, key, q, s...))
			}
		}
	}
	slices.Sort(lines)
	return lines
}

// emptyCounts returns the survey pipeline's counts of empty answers by
// question.
func emptyCounts(result beam.PipelineResult) [3]int64 {
	var n [3]int64
	for _, c := range result.Metrics().AllMetrics().Counters() {
		for q, question := range questions {
			if c.Namespace() == "survey" && c.Name() == "empty "+question.name {
				n[q] += c.Result()
			}
		}
	}
	return n
}

func TestSurveyPipeline(t *testing.T) {
	// generated returns a file of n generated respondents, the lines
	// the pipeline must write for it, and its empty answers.
	generated := func(n int, seed uint64) (string, []string, [3]int64) {
		rows := generateAnswers(n, seed)
		var b strings.Builder
		if err := writeAnswers(&b, rows); err != nil {
			t.Fatal(err)
		}
		var empty [3]int64
		for _, a := range rows {
			for q, answered := range a.Answered {
				if !answered {
					empty[q]++
				}
			}
		}
		return b.String(), surveyInProcess(t, rows), empty
	}
	oneData, oneWant, oneEmpty := generated(1, 1)
	manyData, manyWant, manyEmpty := generated(4000, 2)
	tests := []struct {
		name      string
		data      string // the file, or
		file      string // a file of testdata
		args      []string
		want      []string
		wantEmpty [3]int64
		wantErr   string // a substring of the pipeline's error
	}{
		{name: "header only", data: "date,segment,nps,csat,ces\n"},
		{name: "one respondent", data: oneData, want: oneWant, wantEmpty: oneEmpty},
		{name: "4000 respondents", data: manyData, want: manyWant, wantEmpty: manyEmpty},
		{
			// BOM, CRLF, columns in another order and an extra one,
			// questions in any case, scores with labels, a quoted
			// segment with a comma, an empty segment and an empty score.
			// In UTC, rows 1 and 2 (23:30 at -05:00, 03:00Z) fall on
			// February 1, as does row 3, 00:30 without a zone.
			name: "long form, UTC",
			file: "answers_long.csv",
			want: []string{
				metricLine(t, `2026-01,"Acme, Inc."`, 1, 5, 4),
				metricLine(t, "2026-01,(blank)", 2, 7),
				metricLine(t, "2026-02,smb", 0, 10, 9, 6),
			},
			wantEmpty: [3]int64{0, 1, 0},
		},
		{
			// In New York rows 1 and 2 are on January 31 (23:30 and
			// 22:00 there); row 3, 00:30 without a zone, is read in
			// New York and stays in February.
			name: "long form, -tz America/New_York",
			file: "answers_long.csv",
			args: []string{"-tz", "America/New_York"},
			want: []string{
				metricLine(t, `2026-01,"Acme, Inc."`, 1, 5, 4),
				metricLine(t, "2026-01,(blank)", 2, 7),
				metricLine(t, "2026-01,smb", 0, 10, 9),
				metricLine(t, "2026-02,smb", 0, 6),
			},
			wantEmpty: [3]int64{0, 1, 0},
		},
		{
			// No csat column; an extra quoted column; an empty segment;
			// an empty nps and an empty ces, counted.
			name: "wide form",
			file: "answers_wide.csv",
			want: []string{
				metricLine(t, "2026-03,(blank)", 0, 8),
				metricLine(t, "2026-03,smb", 2, 7, 5),
				metricLine(t, "2026-03,smb", 0, 10),
			},
			wantEmpty: [3]int64{1, 0, 1},
		},
		{
			// Without a question column every row answers -question.
			name:      "long form without a question column",
			data:      "date,score\n2026-01-05,4\n2026-01-06,\n",
			args:      []string{"-question", "CSAT"},
			want:      []string{metricLine(t, "2026-01,", 1, 4)},
			wantEmpty: [3]int64{0, 1, 0},
		},
		{
			name:    "a score off the scale",
			data:    "date,segment,nps\n2026-02-03,smb,11\n",
			wantErr: `line "2026-02-03,smb,11": score "11" is outside 0-10 (nps)`,
		},
		{
			name:    "a line break in a quoted field",
			data:    "date,segment,nps\n2026-02-03,\"small\nbusiness\",9\n",
			wantErr: "has an unclosed quote: a quoted field with a line break in it",
		},
		{
			name:    "an ambiguous date",
			data:    "date,segment,nps\n01/02/2026,smb,9\n",
			wantErr: `date "01/02/2026" could be month/day or day/month: set -date-format us (month first) or eu (day first)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join("testdata", tt.file)
			if tt.file == "" {
				in = writeTemp(t, "answers.csv", tt.data)
			}
			out := filepath.Join(t.TempDir(), "results.csv")
			al, _ := layouts(t, optionsOf(t, tt.args...), in, "")
			encoded := surveysEncoded.Load()
			if tt.wantErr != "" {
				quietErrors(t)
			}
			result, err := runLocal(t, func(s beam.Scope) { surveyPipeline(s, al, out) })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, readLines(t, out)); diff != "" {
				t.Errorf("results mismatch (-want +pipeline):\n%s", diff)
			}
			if got := emptyCounts(result); got != tt.wantEmpty {
				t.Errorf("empty answers %v, want %v", got, tt.wantEmpty)
			}
			if len(tt.want) > 0 && surveysEncoded.Load() == encoded {
				t.Errorf("no Survey went through its binary coder")
			}
		})
	}
}

// TestSurveyGlob reads two files through one glob, their header written
// two ways: each file's header is passed over, wherever a worker meets it.
func TestSurveyGlob(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"answers-1.csv": "date,segment,nps\n2026-01-05,smb,10\n2026-01-06,smb,3\n",
		"answers-2.csv": "\uFEFFDATE,Segment,NPS\r\n2026-01-07,smb,9\r\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in, out := filepath.Join(dir, "answers-*.csv"), filepath.Join(dir, "results.csv")
	al, _ := layouts(t, optionsOf(t), in, "")
	if _, err := runLocal(t, func(s beam.Scope) { surveyPipeline(s, al, out) }); err != nil {
		t.Fatal(err)
	}
	want := []string{metricLine(t, "2026-01,smb", 0, 10, 3, 9)}
	if diff := cmp.Diff(want, readLines(t, out)); diff != "" {
		t.Errorf("results mismatch (-want +pipeline):\n%s", diff)
	}
}
