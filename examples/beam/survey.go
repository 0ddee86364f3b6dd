package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/cxmetrics/cxmetrics"
)

// confidence is the two-sided confidence of every interval written.
const confidence = 0.95

// emptyAnswers count, per question, the empty answers the survey pipeline
// read: questions respondents skipped.
var emptyAnswers = [3]beam.Counter{
	beam.NewCounter("survey", "empty nps"),
	beam.NewCounter("survey", "empty csat"),
	beam.NewCounter("survey", "empty ces"),
}

// splitAnswersFn is the DoFn that reads a line of an answers file and
// emits each answer, keyed by "period,segment", to the output of its
// question, and counts the empty ones. The header and empty lines emit
// nothing.
type splitAnswersFn struct {
	Layout answerLayout
	r      *answerReader
}

// Setup makes the reader of the layout, on the worker.
func (f *splitAnswersFn) Setup() error {
	var err error
	f.r, err = newAnswerReader(f.Layout)
	return err
}

// ProcessElement reads one line.
func (f *splitAnswersFn) ProcessElement(ctx context.Context, line string, nps, csat, ces func(string, int)) error {
	row, ok, err := f.r.row(line)
	if err != nil {
		return fmt.Errorf("%s: line %q: %w", f.Layout.Table.Name, line, err)
	}
	if !ok {
		return nil
	}
	for q, emit := range [3]func(string, int){nps, csat, ces} {
		switch {
		case row.Answered[q]:
			emit(row.Key, row.Score[q])
		case row.Asked[q]:
			emptyAnswers[q].Inc(ctx, 1)
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
	Metric string          // metricNPS, metricCSAT or metricCES
	Scale  cxmetrics.Scale // the question's
}

// CreateAccumulator returns an empty Survey on the question's scale.
func (f *surveyFn) CreateAccumulator() (*cxmetrics.Survey, error) {
	return cxmetrics.NewSurvey(f.Scale)
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
// percent, CES as the mean answer on its scale (1-7 by default), each
// with its interval at the given confidence (adjusted Wald, Wilson,
// Student's t).
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
	register.DoFn5x1[context.Context, string, func(string, int), func(string, int), func(string, int), error](&splitAnswersFn{})
	register.Emitter2[string, int]()
	register.Combiner3[*cxmetrics.Survey, int, surveyMetric](&surveyFn{})
	register.Function2x1(formatSurveyMetric)
}

// surveyPipeline adds to s the survey pipeline: read the answers file
// laid out as l, tally each question's answers per period and segment in
// a Survey, and write one line per key and metric, in no particular
// order, to the single file out.
func surveyPipeline(s beam.Scope, l answerLayout, out string) {
	s = s.Scope("survey")
	lines := textio.Read(s, l.Table.Name)
	nps, csat, ces := beam.ParDo3(s, &splitAnswersFn{Layout: l}, lines)
	var metrics []beam.PCollection
	for q, answers := range []beam.PCollection{nps, csat, ces} {
		fn := &surveyFn{Metric: questions[q].metric, Scale: l.Scales[q]}
		metrics = append(metrics, beam.CombinePerKey(s.Scope(fn.Metric), fn, answers))
	}
	formatted := beam.ParDo(s, formatSurveyMetric, beam.Flatten(s, metrics...))
	textio.Write(s, out, formatted)
}
