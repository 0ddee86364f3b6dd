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
	"strings"
	"time"
	_ "time/tzdata" // -tz works where the system has no zone files

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
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

// stdin is what -answers - and -mrr - read.
var stdin io.Reader = os.Stdin

// options are the parsed command line.
type options struct {
	answersPath, mrrPath string
	format, htmlPath     string
	confidence           float64
	discount             float64 // -discount: percent per month
	skipBad              bool
	skippedPath          string // -skipped: every skipped row goes there
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
survey answers, and MRR movements, NRR, GRR, the quick ratio, cohort
retention, the Kaplan-Meier curve of customer lifetimes and its
shifted-beta-geometric projection from a CSV of per-customer MRR. With
neither -answers nor -mrr it runs on embedded sample data.

  answers CSV: date,segment,question,score   (segment and question optional),
               or date,segment,nps,csat,ces (one respondent a row)
  MRR CSV:     customer,month,mrr            (mrr in currency units: 49.00, $1,049.00)

With -driver-cols, columns of the answers CSV that rate attributes
(support,price) are the key drivers of each row's NPS answer.

A file named - is standard input. See go doc for the forms of dates,
scores and amounts, and what -combine is for.

Flags:
`)
		fs.PrintDefaults()
	}
	fs.StringVar(&opt.answersPath, "answers", "", "CSV `file` of survey answers")
	fs.StringVar(&opt.mrrPath, "mrr", "", "CSV `file` of MRR per customer and month")
	fs.StringVar(&opt.format, "format", "text", "output `format` on stdout: text or json")
	fs.StringVar(&opt.htmlPath, "html", "", "also write the report as a self-contained HTML page to `file`")
	fs.Float64Var(&opt.confidence, "confidence", 0.95, "confidence of the intervals and tests, in (0, 1)")
	fs.Float64Var(&opt.discount, "discount", 1, "MRR: discount rate of the lifetime values, in `percent` per month (1 is about 12.7% a year)")
	fs.BoolVar(&opt.skipBad, "skip-bad", false, "skip bad rows and say how many, instead of stopping at the first")
	fs.StringVar(&opt.skippedPath, "skipped", "", "with -skip-bad, write every skipped row and why to `file` (- for stderr)")
	tz := fs.String("tz", "UTC", "time `zone` whose months and quarters count (an IANA name such as America/New_York); times without a zone are in it")
	dateFormat := fs.String("date-format", "", "`order` of dates with slashes or dots: us (01/23/2024), eu (23/01/2024) or a Go layout; ISO 8601 and epoch seconds need none")
	fs.StringVar(&opt.mrr.combine, "combine", "", "MRR: rows of one customer in one month are `sum` (several subscriptions) or last (daily snapshots: the last day counts)")
	fs.BoolVar(&opt.mrr.opening, "opening", false, "MRR: the first month is the opening book (the export starts mid-life), not new business")
	period := fs.String("period", "month", "survey `period`: month or quarter")
	fs.StringVar(&opt.answers.dateCol, "date-col", "date", "answers: `column` of the date or time")
	fs.StringVar(&opt.answers.scoreCol, "score-col", "score", "answers: `column` of the score")
	fs.StringVar(&opt.answers.segmentCol, "segment-col", "segment", "answers: `column` of the segment, optional")
	fs.StringVar(&opt.answers.questionCol, "question-col", "question", "answers: `column` saying nps, csat or ces, optional")
	questionName := fs.String("question", "nps", "answers: the `question` of every row when there is no question column")
	for q := range numQuestions {
		name := q.String()
		fs.StringVar(&opt.answers.questionCols[q], name+"-col", name,
			"answers, one respondent a row (no score column): `column` of the "+strings.ToUpper(name)+" answers")
	}
	csatScale := fs.String("csat-scale", "1-5", "answers: CSAT `scale`")
	cesScale := fs.String("ces-scale", "1-7", "answers: CES `scale`")
	cesDirection := fs.String("ces-easy", "high", "answers: which end of the CES scale is easy, `high` (CES 2.0) or low")
	adjust := fs.String("adjust", "holm", "answers: `method` of adjusting the p-values of many comparisons (segments, their changes): holm, bh (Benjamini-Hochberg), bonferroni or none")
	driverCols := fs.String("driver-cols", "", "answers: comma-separated `columns` of attribute ratings (support,price) for a key driver analysis of the NPS answer")
	driverScale := fs.String("driver-scale", "1-5", "answers: `scale` of the -driver-cols ratings")
	fs.StringVar(&opt.mrr.customerCol, "customer-col", "customer", "MRR: `column` of the customer ID")
	fs.StringVar(&opt.mrr.monthCol, "month-col", "month", "MRR: `column` of the month (2024-03, 03/2024, Mar 2024) or date")
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

	if opt.answersPath == "-" && opt.mrrPath == "-" {
		return fail("-answers - and -mrr -: standard input can hold one file")
	}
	if opt.skippedPath != "" && !opt.skipBad {
		return fail("-skipped %q: rows are skipped only with -skip-bad", opt.skippedPath)
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil || *tz == "" || *tz == "Local" {
		return fail("-tz %q: want an IANA time zone such as UTC or Europe/Paris", *tz)
	}
	dates, err := exports.NewDateReader(*dateFormat, loc)
	if err != nil {
		return fail("-date-format: %v", err)
	}
	opt.answers.dates, opt.mrr.dates = dates, dates
	switch opt.mrr.combine {
	case "", "sum", "last":
	default:
		return fail("-combine %q: want sum or last", opt.mrr.combine)
	}
	if opt.format != "text" && opt.format != "json" {
		return fail("-format %q: want text or json", opt.format)
	}
	if !(opt.confidence > 0 && opt.confidence < 1) {
		return fail("-confidence %v: want a fraction between 0 and 1, such as 0.95", opt.confidence)
	}
	if !(opt.discount >= 0 && opt.discount <= 100) {
		return fail("-discount %v: want a percent per month from 0 to 100, such as 1", opt.discount)
	}
	unit := cxmetrics.Monthly
	switch *period {
	case "month":
	case "quarter":
		opt.answers.quarterly, unit = true, cxmetrics.Quarterly
	default:
		return fail("-period %q: want month or quarter", *period)
	}
	// Neither can fail: the unit is known and loc is not nil.
	opt.answers.cal, _ = cxmetrics.NewCalendar(unit, loc)
	opt.mrr.cal, _ = cxmetrics.NewCalendar(cxmetrics.Monthly, loc)
	var ok bool
	if opt.answers.question, ok = parseQuestion(*questionName); !ok {
		return fail("-question %q: want nps, csat or ces", *questionName)
	}
	opt.answers.scales[nps] = cxmetrics.NPSScale
	for _, s := range []struct {
		flag, value string
		q           question
	}{{"csat-scale", *csatScale, csat}, {"ces-scale", *cesScale, ces}} {
		sc, err := exports.Scale(s.value)
		if err == nil && s.q == csat && sc.Points() < 3 {
			err = errors.New("CSAT counts the top two boxes, so it needs three points or more")
		}
		if err != nil {
			return fail("-%s %q: %v", s.flag, s.value, err)
		}
		opt.answers.scales[s.q] = sc
	}
	if opt.answers.adjust, ok = adjustmentNames[*adjust]; !ok {
		return fail("-adjust %q: want holm, bh, bonferroni or none", *adjust)
	}
	if opt.answers.driverCols, err = parseDriverCols(*driverCols); err != nil {
		return fail("-driver-cols %q: %v", *driverCols, err)
	}
	if opt.answers.driverScale, err = exports.Scale(*driverScale); err != nil {
		return fail("-driver-scale %q: %v", *driverScale, err)
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

// buildReport reads the inputs and computes the report. With no input
// named, it reads the embedded sample data.
func buildReport(opt options, stderr io.Writer) (*Report, error) {
	r := &Report{Confidence: opt.confidence}
	var answersSrc, mrrSrc *source
	if opt.answersPath == "" && opt.mrrPath == "" {
		answersSrc = ptr(embeddedSource("answers.csv", sampleAnswers))
		if opt.answers.driverCols == nil {
			opt.answers.driverCols = sampleDriverCols
		}
		mrrSrc = ptr(embeddedSource("mrr.csv", sampleMRR))
	}
	if opt.answersPath != "" {
		answersSrc = ptr(fileSource(opt.answersPath, stdin))
	}
	if opt.mrrPath != "" {
		mrrSrc = ptr(fileSource(opt.mrrPath, stdin))
	}
	var list io.Writer
	switch opt.skippedPath {
	case "":
	case "-":
		list = stderr
	default:
		f, err := os.Create(opt.skippedPath)
		if err != nil {
			return nil, &usageError{err}
		}
		defer f.Close()
		w := bufio.NewWriter(f)
		defer w.Flush()
		list = w
	}
	if answersSrc != nil {
		a, err := readAnswers(*answersSrc, opt.answers, opt.skipBad, newProgress(stderr, answersSrc.name), list)
		if err != nil {
			return nil, err
		}
		reportSkipped(stderr, answersSrc.name, a.skipped, a.listed, nil)
		if r.Surveys, err = surveyReport(a, opt.confidence); err != nil {
			return nil, err
		}
	}
	if mrrSrc != nil {
		rev, err := readMRR(*mrrSrc, opt.mrr, opt.skipBad, newProgress(stderr, mrrSrc.name), list)
		if err != nil {
			return nil, err
		}
		reportSkipped(stderr, mrrSrc.name, rev.skipped, rev.listed, rev.excluded)
		if r.Revenue, err = revenueReport(rev, opt.confidence, opt.discount); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// reportSkipped says on stderr how many bad rows -skip-bad skipped, the
// first few, and the customers left out for them.
func reportSkipped(stderr io.Writer, name string, n int64, listed []SkippedRow, excluded []string) {
	if n == 0 {
		return
	}
	fmt.Fprintf(stderr, "cxreport: %s: skipped %d bad rows", name, n)
	const shown = 5
	for i, row := range listed {
		if i == shown {
			fmt.Fprintf(stderr, "\n  … (-skipped FILE lists every one)")
			break
		}
		fmt.Fprintf(stderr, "\n  %s", row.Reason)
	}
	fmt.Fprintln(stderr)
	if len(excluded) > 0 {
		fmt.Fprintf(stderr, "cxreport: %s: %d customers left out of the revenue figures, as a row of theirs was skipped\n", name, len(excluded))
	}
}
