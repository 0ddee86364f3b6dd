package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/cxmetrics/cxmetrics"
)

// answersHeader is the header line of an answers file. Each following line
// is one respondent: the date answered (YYYY-MM-DD), the customer segment,
// and the answers to three questions, any of which may be left empty:
//
//	nps   0-10 likelihood to recommend
//	csat  1-5 satisfaction
//	ces   1-7 "the company made it easy to handle my issue" (CES 2.0)
//
// Lines that start with # are comments.
const answersHeader = "date,segment,nps,csat,ces"

// confidence is the two-sided confidence of every interval written.
const confidence = 0.95

// The metrics the survey pipeline writes, one per question column.
const (
	metricNPS  = "NPS"
	metricCSAT = "CSAT"
	metricCES  = "CES"
)

// questions are the answer columns after the date and the segment, in
// order, with the metric each feeds and its scale.
var questions = [3]struct {
	metric string
	scale  cxmetrics.Scale
}{
	{metricNPS, cxmetrics.NPSScale},
	{metricCSAT, cxmetrics.CSATScale},
	{metricCES, cxmetrics.CESScale},
}

// answerRow is one respondent's answers, keyed by period and segment.
type answerRow struct {
	Key      string // "YYYY-MM,segment"
	Score    [3]int // in the order of questions
	Answered [3]bool
}

// parseAnswer parses one line of an answers file. It returns ok false for
// the header, a comment or a blank line, and an error that names the bad
// field for anything else that is not a valid row.
func parseAnswer(line string) (row answerRow, ok bool, err error) {
	if line == answersHeader || line == "" || strings.HasPrefix(line, "#") {
		return answerRow{}, false, nil
	}
	rec, err := splitCSV(line)
	if err != nil {
		return answerRow{}, false, err
	}
	if len(rec) != 2+len(questions) {
		return answerRow{}, false, fmt.Errorf("%d fields, want %d (%s)", len(rec), 2+len(questions), answersHeader)
	}
	date, err := time.Parse(time.DateOnly, rec[0])
	if err != nil {
		return answerRow{}, false, fmt.Errorf("date %q is not YYYY-MM-DD", rec[0])
	}
	segment := rec[1]
	if segment == "" || strings.ContainsAny(segment, ",\"\n") {
		return answerRow{}, false, fmt.Errorf("segment %q is empty or holds a comma or quote", segment)
	}
	row.Key = date.Format("2006-01") + "," + segment
	for i, q := range questions {
		field := rec[2+i]
		if field == "" {
			continue
		}
		score, err := strconv.Atoi(field)
		if err != nil || !(score >= q.scale.Min && score <= q.scale.Max) {
			return answerRow{}, false, fmt.Errorf("%s %q is not a whole number from %d to %d",
				strings.ToLower(q.metric), field, q.scale.Min, q.scale.Max)
		}
		row.Score[i], row.Answered[i] = score, true
	}
	return row, true, nil
}

// splitCSV splits one line of CSV into its fields. A line without quotes,
// the usual case, is split at its commas, several times faster than
// encoding/csv, which reads the rest.
func splitCSV(line string) ([]string, error) {
	if !strings.Contains(line, `"`) {
		return strings.Split(line, ","), nil
	}
	rec, err := csv.NewReader(strings.NewReader(line)).Read()
	if err != nil {
		return nil, fmt.Errorf("not CSV: %v", err)
	}
	return rec, nil
}

// splitAnswers is the DoFn that parses a line of an answers file and
// emits each answer, keyed by "period,segment", to the output of its
// question.
func splitAnswers(line string, nps, csat, ces func(string, int)) error {
	row, ok, err := parseAnswer(line)
	if err != nil {
		return fmt.Errorf("answers line %q: %w", line, err)
	}
	if !ok {
		return nil
	}
	for i, emit := range [3]func(string, int){nps, csat, ces} {
		if row.Answered[i] {
			emit(row.Key, row.Score[i])
		}
	}
	return nil
}

// surveyFn is the CombineFn that tallies the answers to one question into
// a cxmetrics.Survey and extracts the question's metric from it. The
// Survey is the accumulator: AddInput is Survey.Add, MergeAccumulators is
// Survey.Merge, and between workers it travels in the library's binary
// encoding (see coder.go).
type surveyFn struct {
	Metric string // metricNPS, metricCSAT or metricCES
}

// CreateAccumulator returns an empty Survey on the metric's scale.
func (f *surveyFn) CreateAccumulator() (*cxmetrics.Survey, error) {
	for _, q := range questions {
		if q.metric == f.Metric {
			return cxmetrics.NewSurvey(q.scale)
		}
	}
	return nil, fmt.Errorf("unknown metric %q", f.Metric)
}

// AddInput tallies one answer.
func (f *surveyFn) AddInput(s *cxmetrics.Survey, score int) (*cxmetrics.Survey, error) {
	return s, s.Add(score)
}

// MergeAccumulators adds b's tally to a's.
func (f *surveyFn) MergeAccumulators(a, b *cxmetrics.Survey) (*cxmetrics.Survey, error) {
	return a, a.Merge(b)
}

// ExtractOutput computes the metric and its interval from the tally.
func (f *surveyFn) ExtractOutput(s *cxmetrics.Survey) (surveyMetric, error) {
	return surveyMetricOf(f.Metric, s)
}

// surveyMetric is one metric of one key's answers: NPS in points, CSAT in
// percent, CES as the mean answer on its 1-7 scale, each with its interval
// at the given confidence (adjusted Wald, Wilson, Student's t).
type surveyMetric struct {
	Metric      string
	Answers     int64
	Value       float64
	Lo, Hi      float64
	HasInterval bool // false when there are too few answers for one (a single CES answer)
}

// surveyMetricOf returns the named metric of s. Both the pipeline and the
// single-process check in the test compute metrics with it, so that they
// differ only in how the tally was put together.
func surveyMetricOf(metric string, s *cxmetrics.Survey) (surveyMetric, error) {
	m := surveyMetric{Metric: metric, Answers: s.Total()}
	var iv cxmetrics.Interval
	var err error
	switch metric {
	case metricNPS:
		var r cxmetrics.NPSResult
		if r, err = cxmetrics.NPS(s); err == nil {
			m.Value = r.Score
			iv, err = r.Interval(confidence)
		}
	case metricCSAT:
		var r cxmetrics.CSATResult
		if r, err = cxmetrics.CSAT(s); err == nil {
			m.Value = r.Score
			iv, err = r.Interval(confidence)
		}
	case metricCES:
		var r cxmetrics.CESResult
		if r, err = cxmetrics.CES(s, cxmetrics.HigherIsEasier); err == nil {
			m.Value = r.Mean
			iv, err = r.Interval(confidence)
		}
	default:
		return surveyMetric{}, fmt.Errorf("unknown metric %q", metric)
	}
	switch {
	case err == nil:
		m.Lo, m.Hi, m.HasInterval = iv.Lo, iv.Hi, true
	case errors.Is(err, cxmetrics.ErrNoResponses) && s.Total() > 0:
		// A value but no interval: one CES answer has no spread.
	default:
		return surveyMetric{}, fmt.Errorf("%s: %w", metric, err)
	}
	return m, nil
}

// surveyResultsHeader is the header of the survey pipeline's output.
const surveyResultsHeader = "period,segment,metric,answers,value,lo,hi"

// formatSurveyMetric formats one output line. Numbers are written in the
// shortest form that reads back as the same float64, so the output holds
// the library's results exactly; an interval that does not exist is left
// empty.
func formatSurveyMetric(key string, m surveyMetric) string {
	lo, hi := "", ""
	if m.HasInterval {
		lo, hi = formatFloat(m.Lo), formatFloat(m.Hi)
	}
	return strings.Join([]string{key, m.Metric, strconv.FormatInt(m.Answers, 10),
		formatFloat(m.Value), lo, hi}, ",")
}

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func init() {
	register.Function4x1(splitAnswers)
	register.Emitter2[string, int]()
	register.Combiner3[*cxmetrics.Survey, int, surveyMetric](&surveyFn{})
	register.Function2x1(formatSurveyMetric)
}

// surveyPipeline adds to s the survey pipeline: read the answers file at
// in, tally each question's answers per period and segment in a Survey,
// and write one line per key and metric, in no particular order, to the
// single file out.
func surveyPipeline(s beam.Scope, in, out string) {
	s = s.Scope("survey")
	lines := textio.Read(s, in)
	nps, csat, ces := beam.ParDo3(s, splitAnswers, lines)
	var metrics []beam.PCollection
	for i, answers := range []beam.PCollection{nps, csat, ces} {
		fn := &surveyFn{Metric: questions[i].metric}
		metrics = append(metrics, beam.CombinePerKey(s.Scope(fn.Metric), fn, answers))
	}
	formatted := beam.ParDo(s, formatSurveyMetric, beam.Flatten(s, metrics...))
	textio.Write(s, out, formatted)
}
