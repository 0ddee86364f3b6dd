package main

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/cxmetrics/cxmetrics"
)

// The sample data, used when no file is given; sample/gen.go wrote them.
var (
	//go:embed sample/answers.csv
	sampleAnswers []byte
	//go:embed sample/mrr.csv
	sampleMRR []byte
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is an error in how cxreport was called: exit status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// options are the parsed command line.
type options struct {
	answersPath, mrrPath string
	format, htmlPath     string
	confidence           float64
	skipBad              bool
	answers              answerConfig
	mrr                  mrrConfig
}

// run is the whole program: it returns the exit status, 0 on success, 1 on
// bad data and 2 on bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	opt, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2 // the flag package or parseFlags printed why
	}
	r, err := buildReport(opt, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cxreport: %v\n", err)
		var ue *usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	out := bufio.NewWriter(stdout) // the text tables write a cell at a time
	if opt.format == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		err = enc.Encode(r)
	} else {
		err = writeText(out, r)
	}
	if err == nil {
		err = out.Flush()
	}
	if err == nil && opt.htmlPath != "" {
		err = writeHTMLFile(opt.htmlPath, r)
	}
	if err != nil {
		fmt.Fprintf(stderr, "cxreport: %v\n", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var opt options
	fs := flag.NewFlagSet("cxreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cxreport [flags]

cxreport reports NPS, CSAT and CES by period and segment from a CSV of
survey answers, and MRR movements, NRR, GRR, the quick ratio and cohort
retention from a CSV of per-customer MRR. With neither -answers nor -mrr it
runs on embedded sample data.

  answers CSV: date,segment,question,score   (segment and question optional)
  MRR CSV:     customer,month,mrr            (mrr in currency units, 2 decimals)

Flags:
`)
		fs.PrintDefaults()
	}
	fs.StringVar(&opt.answersPath, "answers", "", "CSV `file` of survey answers")
	fs.StringVar(&opt.mrrPath, "mrr", "", "CSV `file` of MRR per customer and month")
	fs.StringVar(&opt.format, "format", "text", "output `format` on stdout: text or json")
	fs.StringVar(&opt.htmlPath, "html", "", "also write the report as a self-contained HTML page to `file`")
	fs.Float64Var(&opt.confidence, "confidence", 0.95, "confidence of the intervals and tests, in (0, 1)")
	fs.BoolVar(&opt.skipBad, "skip-bad", false, "skip bad rows and say how many, instead of stopping at the first")
	period := fs.String("period", "month", "survey `period`: month or quarter")
	fs.StringVar(&opt.answers.dateCol, "date-col", "date", "answers: `column` of the date (YYYY-MM-DD, or a timestamp starting so)")
	fs.StringVar(&opt.answers.scoreCol, "score-col", "score", "answers: `column` of the score")
	fs.StringVar(&opt.answers.segmentCol, "segment-col", "segment", "answers: `column` of the segment, optional")
	fs.StringVar(&opt.answers.questionCol, "question-col", "question", "answers: `column` saying nps, csat or ces, optional")
	questionName := fs.String("question", "nps", "answers: the `question` of every row when there is no question column")
	csatScale := fs.String("csat-scale", "1-5", "answers: CSAT `scale`")
	cesScale := fs.String("ces-scale", "1-7", "answers: CES `scale`")
	cesDirection := fs.String("ces-easy", "high", "answers: which end of the CES scale is easy, `high` (CES 2.0) or low")
	fs.StringVar(&opt.mrr.customerCol, "customer-col", "customer", "MRR: `column` of the customer ID")
	fs.StringVar(&opt.mrr.monthCol, "month-col", "month", "MRR: `column` of the month (YYYY-MM or a date)")
	fs.StringVar(&opt.mrr.mrrCol, "mrr-col", "mrr", "MRR: `column` of the MRR, in currency units")
	if err := fs.Parse(args); err != nil {
		return opt, err
	}
	fail := func(format string, args ...any) (options, error) {
		err := fmt.Errorf(format, args...)
		fmt.Fprintf(stderr, "cxreport: %v\nRun cxreport -h for usage.\n", err)
		return opt, err
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q: name files with -answers and -mrr", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	opt.answers.segmentSet, opt.answers.questionSet = set["segment-col"], set["question-col"]

	if opt.format != "text" && opt.format != "json" {
		return fail("-format %q: want text or json", opt.format)
	}
	if !(opt.confidence > 0 && opt.confidence < 1) {
		return fail("-confidence %v: want a fraction between 0 and 1, such as 0.95", opt.confidence)
	}
	switch *period {
	case "month":
	case "quarter":
		opt.answers.quarterly = true
	default:
		return fail("-period %q: want month or quarter", *period)
	}
	var ok bool
	if opt.answers.question, ok = parseQuestion(*questionName); !ok {
		return fail("-question %q: want nps, csat or ces", *questionName)
	}
	opt.answers.scales[nps] = cxmetrics.NPSScale
	for _, s := range []struct {
		flag, value string
		q           question
	}{{"csat-scale", *csatScale, csat}, {"ces-scale", *cesScale, ces}} {
		sc, err := parseScale(s.value)
		if err == nil && s.q == csat && sc.Points() < 3 {
			err = errors.New("CSAT counts the top two boxes, so it needs three points or more")
		}
		if err != nil {
			return fail("-%s %q: %v", s.flag, s.value, err)
		}
		opt.answers.scales[s.q] = sc
	}
	switch *cesDirection {
	case "high":
		opt.answers.cesDirection = cxmetrics.HigherIsEasier
	case "low":
		opt.answers.cesDirection = cxmetrics.LowerIsEasier
	default:
		return fail("-ces-easy %q: want high or low", *cesDirection)
	}
	return opt, nil
}

// parseScale reads a scale written "1-5".
func parseScale(s string) (cxmetrics.Scale, error) {
	minText, maxText, found := strings.Cut(s, "-")
	lo, err1 := strconv.Atoi(minText)
	hi, err2 := strconv.Atoi(maxText)
	if !found || err1 != nil || err2 != nil {
		return cxmetrics.Scale{}, errors.New("want MIN-MAX, such as 1-5")
	}
	sc := cxmetrics.Scale{Min: lo, Max: hi}
	return sc, sc.Validate()
}

// buildReport reads the inputs and computes the report. With no input
// named, it reads the embedded sample data.
func buildReport(opt options, stderr io.Writer) (*Report, error) {
	r := &Report{Confidence: opt.confidence}
	var answersSrc, mrrSrc *source
	if opt.answersPath == "" && opt.mrrPath == "" {
		answersSrc = ptr(embeddedSource("answers.csv", sampleAnswers))
		mrrSrc = ptr(embeddedSource("mrr.csv", sampleMRR))
	}
	if opt.answersPath != "" {
		answersSrc = ptr(fileSource(opt.answersPath))
	}
	if opt.mrrPath != "" {
		mrrSrc = ptr(fileSource(opt.mrrPath))
	}
	if answersSrc != nil {
		a, err := readAnswers(*answersSrc, opt.answers, opt.skipBad, newProgress(stderr, answersSrc.name))
		if err != nil {
			return nil, err
		}
		reportSkipped(stderr, answersSrc.name, a.skipped, a.firstSkip)
		if r.Surveys, err = surveyReport(a, opt.confidence); err != nil {
			return nil, err
		}
	}
	if mrrSrc != nil {
		progress := func(name string) *progress { return newProgress(stderr, name) }
		rev, err := readMRR(*mrrSrc, opt.mrr, opt.skipBad, progress)
		if err != nil {
			return nil, err
		}
		reportSkipped(stderr, mrrSrc.name, rev.skipped, rev.firstSkip)
		if r.Revenue, err = revenueReport(rev); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// reportSkipped says on stderr how many bad rows -skip-bad skipped.
func reportSkipped(stderr io.Writer, name string, n int64, first error) {
	if n > 0 {
		fmt.Fprintf(stderr, "cxreport: %s: skipped %d bad rows; the first: %v\n", name, n, first)
	}
}
