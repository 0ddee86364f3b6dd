// Beam runs cxmetrics inside Apache Beam pipelines, with cxmetrics values
// as the accumulators of Beam's combiners: a Survey, merged with
// Survey.Merge and sent between workers in the library's binary encoding,
// and a RevenuePeriod, whose movements add up.
//
// The survey pipeline reads survey answers, keys them by month and customer
// segment, tallies each question in a cxmetrics.Survey and writes NPS, CSAT
// and CES with their 95% intervals per key. The revenue pipeline reads each
// customer's recurring revenue, classifies it into movements with a
// cxmetrics.MRRLedger per group of customers and writes each month's
// revenue bridge and net revenue retention.
//
// Both read the files cxreport reads (see README.md), so that a file that
// outgrows one machine needs no conversion. By default they run on
// generated data on Beam's local runner, Prism, which starts inside this
// program:
//
//	go run . -n 100000
//	go run . -answers answers.csv -mrr mrr.csv -combine last
//
// Beam's own flags send the same pipelines elsewhere; see README.md.
//
// Usage:
//
//	beam [flags] [Beam's flags]
//
// -h lists this program's flags, -help-beam Beam's. -answers and -mrr may
// be globs (answers-*.csv) or, on a remote runner, gs:// paths. Exit
// status is 1 for bad data or a failed pipeline, 2 for bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // -tz on workers that have no zone database

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

// usageError is an error in the command line, for exit status 2.
type usageError struct{ error }

func main() { os.Exit(mainCode()) }

// mainCode runs the program and returns its exit status.
func mainCode() int {
	fs := flag.CommandLine
	read, names := defineFlags(fs)
	fs.Usage = func() { usage(fs.Output(), fs, names) }
	flag.Parse()
	o, err := read()
	if !o.verbose {
		beamlog.LogLevel = "warn" // before beam.Init, which sets up the log
	}
	beam.Init() // on a worker, this runs the worker and does not return
	if err == nil && o.helpBeam {
		fmt.Fprintln(os.Stdout, "Beam's flags:")
		printFlags(os.Stdout, fs, beamFlags(fs, names))
		return 0
	}
	if err == nil && o.cpuProfile != "" {
		var f *os.File
		if f, err = os.Create(o.cpuProfile); err == nil {
			defer f.Close()
			if err = pprof.StartCPUProfile(f); err == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	if err == nil {
		err = run(context.Background(), os.Stdout, os.Stderr, o)
	}
	var bad usageError
	switch {
	case errors.As(err, &bad):
		fmt.Fprintf(os.Stderr, "beam: %v\nRun beam -h for usage.\n", err)
		return 2
	case err != nil:
		fmt.Fprintln(os.Stderr, "beam:", err)
		return 1
	}
	return 0
}

// run generates the inputs not given, reads the header of each, checks
// the rows of local inputs, runs the two pipelines and prints their
// results to w, with their timings to stderr.
func run(ctx context.Context, w, stderr io.Writer, o options) error {
	tmp, err := os.MkdirTemp("", "cxmetrics-beam-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	out := o.out
	if out == "" {
		out = tmp
	}

	answers, mrr := o.answersPath, o.mrrPath
	if answers == "" {
		answers = filepath.Join(tmp, "answers.csv")
		if err := writeFile(answers, func(w io.Writer) error {
			return writeAnswers(w, generateAnswers(o.n, 1))
		}); err != nil {
			return err
		}
	}
	if mrr == "" {
		mrr = filepath.Join(tmp, "mrr.csv")
		if err := writeFile(mrr, func(w io.Writer) error {
			return writeMRR(w, generateMRR(o.n, 1))
		}); err != nil {
			return err
		}
	}
	at, err := readTable(ctx, answers)
	if err != nil {
		return err
	}
	al, err := newAnswerLayout(at, o.answers, o.dateFormat, o.tz)
	if err != nil {
		return err
	}
	mt, err := readTable(ctx, mrr)
	if err != nil {
		return err
	}
	ml, err := newMRRLayout(mt, o.mrr, o.dateFormat, o.tz)
	if err != nil {
		return err
	}
	if o.answersPath != "" {
		r, err := newAnswerReader(al)
		if err != nil {
			return err
		}
		if err := checkLocal(answers, func(line string) error { _, _, err := r.row(line); return err }); err != nil {
			return err
		}
	}
	if o.mrrPath != "" {
		r, err := newMRRReader(ml)
		if err != nil {
			return err
		}
		if err := checkLocal(mrr, func(line string) error { _, _, err := r.row(line); return err }); err != nil {
			return err
		}
	}

	pipelines := []struct {
		name, title, header, results string
		build                        func(s beam.Scope, out string)
	}{
		{"survey", "Survey metrics by month and segment, 95% intervals", surveyResultsHeader,
			joinPath(out, "survey.csv"), func(s beam.Scope, out string) { surveyPipeline(s, al, out) }},
		{"revenue", "Revenue movements by month (cents), NRR and GRR (percent)", revenueResultsHeader,
			joinPath(out, "revenue.csv"), func(s beam.Scope, out string) { revenuePipeline(s, ml, o.mrr.combine, out) }},
	}
	var empty string
	for _, pl := range pipelines {
		start := time.Now()
		p, s := beam.NewPipelineWithRoot()
		pl.build(s, pl.results)
		result, err := beamx.RunWithMetrics(ctx, p)
		if err != nil {
			return fmt.Errorf("%s pipeline: %w", pl.name, err)
		}
		fmt.Fprintf(stderr, "%s pipeline: %v\n", pl.name, time.Since(start).Round(time.Millisecond))
		if pl.name == "survey" {
			empty = emptyAnswersLine(result)
		}
	}
	for _, pl := range pipelines {
		if err := printResults(w, pl.title, pl.header, pl.results); err != nil {
			return err
		}
		if pl.name == "survey" && empty != "" {
			fmt.Fprintf(w, "%s\n\n", empty)
		}
	}
	return nil
}

// emptyAnswersLine says how many answers the survey pipeline read empty,
// from its counters, or is empty if the runner did not report them.
func emptyAnswersLine(result beam.PipelineResult) string {
	if result == nil {
		return ""
	}
	counts := map[string]int64{}
	for _, c := range result.Metrics().AllMetrics().Counters() {
		if c.Namespace() == "survey" {
			counts[c.Name()] += c.Result()
		}
	}
	var total int64
	parts := make([]string, len(questions))
	for q, question := range questions {
		n := counts["empty "+question.name]
		total += n
		parts[q] = fmt.Sprintf("%s %d", question.name, n)
	}
	return fmt.Sprintf("Empty answers, questions respondents skipped: %d (%s)", total, strings.Join(parts, ", "))
}

// writeFile creates the file at path and writes it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// joinPath joins dir and name with a slash, which suits a local directory
// and a gs:// or hdfs:// one alike.
func joinPath(dir, name string) string {
	return strings.TrimSuffix(dir, "/") + "/" + name
}

// printResults prints the lines of a pipeline's output file, sorted, under
// a title and header. Output that is not local is not printed.
func printResults(w io.Writer, title, header, path string) error {
	if !isLocal(path) {
		fmt.Fprintf(w, "%s: written to %s\n", title, path)
		return nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		b, err = nil, nil // Beam writes no file for no lines
	}
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	slices.Sort(lines)
	fmt.Fprintf(w, "# %s\n%s\n%s\n\n", title, header, strings.Join(lines, "\n"))
	return nil
}
