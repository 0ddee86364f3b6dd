// Beam runs cxmetrics inside Apache Beam pipelines, with cxmetrics values
// as the accumulators of Beam's combiners: a Survey, merged with
// Survey.Merge and sent between workers in the library's binary encoding,
// and a RevenuePeriod, whose movements add up.
//
// The survey pipeline reads survey answers, keys them by month and customer
// segment, tallies each question in a cxmetrics.Survey and writes NPS, CSAT
// and CES with their 95% intervals per key. The revenue pipeline reads each
// customer's monthly recurring revenue, classifies it into movements and
// writes each month's revenue bridge and net revenue retention.
//
// By default both run on generated data on Beam's local runner, Prism,
// which starts inside this program:
//
//	go run . -n 100000
//	go run . -answers answers.csv -mrr mrr.csv
//
// Beam's own flags send the same pipelines elsewhere; see README.md.
//
// Usage:
//
//	beam [-answers file.csv] [-mrr file.csv] [-n rows] [-out dir] [-v] [Beam flags]
//
// -answers and -mrr may be globs (answers-*.csv) or, on a remote runner,
// gs:// paths. Exit status is 1 for bad data or a failed pipeline, 2 for bad usage.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

const usageLine = "usage: beam [-answers file.csv] [-mrr file.csv] [-n rows] [-out dir] [-v] [Beam flags]"

// usageError is an error in the command line, for exit status 2.
type usageError struct{ error }

func main() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "%s\n\nflags, this program's and Beam's:\n", usageLine)
		flag.PrintDefaults()
	}
	answers := flag.String("answers", "", "survey answers `file` (CSV: "+answersHeader+"); generated if empty")
	mrr := flag.String("mrr", "", "monthly recurring revenue `file` (CSV: "+mrrHeader+", MRR in cents); generated if empty")
	n := flag.Int("n", 10000, "`rows` to generate for an input not given")
	out := flag.String("out", "", "`dir`ectory for the results; a temporary one, removed after printing, if empty")
	verbose := flag.Bool("v", false, "show Beam's own log at level info (every stage of every job)")
	flag.Parse()
	if !*verbose {
		beamlog.LogLevel = "warn"
	}
	beam.Init()

	err := run(context.Background(), os.Stdout, *answers, *mrr, *n, *out)
	var bad usageError
	switch {
	case errors.As(err, &bad):
		fmt.Fprintf(os.Stderr, "beam: %v\n%s\n", err, usageLine)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "beam:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, answers, mrr string, n int, out string) error {
	if flag.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", flag.Arg(0))}
	}
	if n < 1 {
		return usageError{fmt.Errorf("-n %d: want at least 1 row", n)}
	}
	tmp, err := os.MkdirTemp("", "cxmetrics-beam-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if out == "" {
		out = tmp
	}

	if answers == "" {
		answers = filepath.Join(tmp, "answers.csv")
		if err := writeFile(answers, func(w io.Writer) error {
			return writeAnswers(w, generateAnswers(n, 1))
		}); err != nil {
			return err
		}
	} else if err := checkLocal(answers, checkLine(parseAnswer)); err != nil {
		return err
	}
	if mrr == "" {
		mrr = filepath.Join(tmp, "mrr.csv")
		if err := writeFile(mrr, func(w io.Writer) error {
			return writeMRR(w, generateMRR(n, 1))
		}); err != nil {
			return err
		}
	} else if err := checkLocal(mrr, checkLine(parseMRR)); err != nil {
		return err
	}

	pipelines := []struct {
		name, title, header, results string
		build                        func(s beam.Scope, in, out string)
		in                           string
	}{
		{"survey", "Survey metrics by month and segment, 95% intervals", surveyResultsHeader,
			joinPath(out, "survey.csv"), surveyPipeline, answers},
		{"revenue", "Revenue movements by month (cents), NRR and GRR (percent)", revenueResultsHeader,
			joinPath(out, "revenue.csv"), revenuePipeline, mrr},
	}
	for _, pl := range pipelines {
		start := time.Now()
		p, s := beam.NewPipelineWithRoot()
		pl.build(s, pl.in, pl.results)
		if err := beamx.Run(ctx, p); err != nil {
			return fmt.Errorf("%s pipeline: %w", pl.name, err)
		}
		fmt.Fprintf(os.Stderr, "%s pipeline: %v\n", pl.name, time.Since(start).Round(time.Millisecond))
	}
	for _, pl := range pipelines {
		if err := printResults(w, pl.title, pl.header, pl.results); err != nil {
			return err
		}
	}
	return nil
}

// checkLine turns a parser of one line into a check of one line.
func checkLine[R any](parse func(line string) (R, bool, error)) func(line string) error {
	return func(line string) error {
		_, _, err := parse(line)
		return err
	}
}

// checkLocal checks every line of the input files that path matches with
// check before a pipeline reads them, so that a bad row is reported with
// its line number. Inside the pipeline only the row itself can be named.
// A path that is not local (gs://...) is left to the pipeline.
func checkLocal(path string, check func(line string) error) error {
	if strings.Contains(path, "://") {
		return nil
	}
	files, err := filepath.Glob(path)
	if err != nil {
		return usageError{fmt.Errorf("%s: %w", path, err)}
	}
	if len(files) == 0 {
		return fmt.Errorf("%s: no such file", path)
	}
	for _, file := range files {
		if err := checkFile(file, check); err != nil {
			return err
		}
	}
	return nil
}

// checkFile checks every line of the file at path with check.
func checkFile(path string, check func(line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if err := check(sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
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
	if strings.Contains(path, "://") {
		fmt.Fprintf(w, "%s: written to %s\n", title, path)
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	slices.Sort(lines)
	fmt.Fprintf(w, "# %s\n%s\n%s\n\n", title, header, strings.Join(lines, "\n"))
	return nil
}
