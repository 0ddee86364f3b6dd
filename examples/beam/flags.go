package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
)

// options are this program's flags, read and checked.
type options struct {
	answersPath, mrrPath string
	n                    int
	out                  string
	dateFormat, tz       string
	answers              answerOptions
	mrr                  mrrOptions
	verbose, helpBeam    bool
	cpuProfile           string
}

// flagGroup is a group of this program's flags under a title, as -h lists
// them.
type flagGroup struct {
	title string
	names []string
}

// defineFlags defines this program's flags on fs, where Beam's are. It
// returns a function that reads and checks them once fs is parsed, and
// their names by group, in the order -h lists them; every other flag of
// fs is Beam's.
func defineFlags(fs *flag.FlagSet) (read func() (options, error), groups []flagGroup) {
	var o options
	// Each flag is added to the last group, so that -h lists them in
	// the order they are defined here.
	group := func(title string) { groups = append(groups, flagGroup{title: title}) }
	add := func(name string) { g := &groups[len(groups)-1]; g.names = append(g.names, name) }
	str := func(p *string, name, value, usage string) { fs.StringVar(p, name, value, usage); add(name) }
	var csatScale, cesScale, question string

	group("Inputs and output")
	str(&o.answersPath, "answers", "", "CSV `file` or glob of survey answers; generated if empty")
	str(&o.mrrPath, "mrr", "", "CSV `file` or glob of MRR per customer and month; generated if empty")
	fs.IntVar(&o.n, "n", 10000, "`rows` to generate for an input not given")
	add("n")
	str(&o.out, "out", "", "`dir`ectory for the results; a temporary one, removed after printing, if empty")

	group("Answers (long form: date,segment,question,score; wide form: date,segment,nps,csat,ces)")
	str(&o.answers.dateCol, "date-col", "date", "`column` of the date or time")
	str(&o.answers.segmentCol, "segment-col", "segment", "`column` of the segment, optional")
	str(&o.answers.scoreCol, "score-col", "score", "`column` of the score: the long form if the file has it, the wide form if not")
	str(&o.answers.questionCol, "question-col", "question", "long form: `column` saying nps, csat or ces, optional")
	str(&question, "question", "nps", "long form: the `question` of every row when there is no question column")
	for q, name := range []string{"nps", "csat", "ces"} {
		str(&o.answers.questionCols[q], name+"-col", name, "wide form: `column` of the "+strings.ToUpper(name)+" answers")
	}
	str(&csatScale, "csat-scale", "1-5", "CSAT `scale`")
	str(&cesScale, "ces-scale", "1-7", "CES `scale`")

	group("MRR (customer,month,mrr; mrr in currency units: 49.00, $1,049.00)")
	str(&o.mrr.customerCol, "customer-col", "customer", "`column` of the customer ID")
	str(&o.mrr.monthCol, "month-col", "month", "`column` of the month (2024-03, 03/2024, Mar 2024) or date")
	str(&o.mrr.mrrCol, "mrr-col", "mrr", "`column` of the MRR, in currency units")
	str(&o.mrr.combine, "combine", "", "rows of one customer in one month are `sum` (several subscriptions) or last (daily snapshots: the last day counts); without it, rows on two days of a month are an error")

	group("Dates, in both files")
	str(&o.dateFormat, "date-format", "", "`order` of dates with slashes or dots: us (01/23/2024), eu (23/01/2024) or a Go layout; ISO 8601 and epoch seconds need none")
	str(&o.tz, "tz", "UTC", "time `zone` whose months count (an IANA name such as America/New_York); times without a zone are in it")

	group("Running")
	fs.BoolVar(&o.verbose, "v", false, "show Beam's own log at level info (every stage of every job)")
	add("v")
	str(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of this process, the local runner's work included, to `file`")
	fs.BoolVar(&o.helpBeam, "help-beam", false, "list Beam's flags and exit")
	add("help-beam")

	read = func() (options, error) {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		o.answers.segmentSet, o.answers.questionSet = set["segment-col"], set["question-col"]
		fail := func(format string, args ...any) (options, error) {
			return o, usageError{fmt.Errorf(format, args...)}
		}
		if fs.NArg() > 0 {
			return fail("unexpected argument %q: name files with -answers and -mrr", fs.Arg(0))
		}
		if o.n < 1 {
			return fail("-n %d: want at least 1 row", o.n)
		}
		if _, err := loadZone(o.tz); err != nil {
			return fail("%v", err)
		}
		if _, err := exports.NewDateReader(o.dateFormat, nil); err != nil {
			return fail("-date-format: %v", err)
		}
		if _, err := combineRule(o.mrr.combine); err != nil {
			return fail("%v", err)
		}
		if o.answers.question = parseQuestion(question); o.answers.question < 0 {
			return fail("-question %q: want nps, csat or ces", question)
		}
		o.answers.scales[0] = cxmetrics.NPSScale
		for _, s := range []struct {
			flag, value string
			q           int
		}{{"csat-scale", csatScale, 1}, {"ces-scale", cesScale, 2}} {
			sc, err := exports.Scale(s.value)
			if err == nil && s.q == 1 && sc.Points() < 3 {
				err = errors.New("CSAT counts the top two boxes, so it needs three points or more")
			}
			if err != nil {
				return fail("-%s %q: %v", s.flag, s.value, err)
			}
			o.answers.scales[s.q] = sc
		}
		return o, nil
	}
	return read, groups
}

// usage prints -h: this program's flags by group, then where Beam's are.
func usage(w io.Writer, fs *flag.FlagSet, groups []flagGroup) {
	fmt.Fprint(w, `usage: beam [flags] [Beam's flags]

beam runs two Apache Beam pipelines, on Beam's local runner unless Beam's
flags say otherwise: survey metrics (NPS, CSAT, CES) by month and segment
from a CSV of answers, and revenue movements, NRR and GRR by month from a
CSV of MRR per customer. It reads the files cxreport reads; with neither
-answers nor -mrr it runs on generated data.
`)
	for _, g := range groups {
		fmt.Fprintf(w, "\n%s:\n", g.title)
		printFlags(w, fs, g.names)
	}
	fmt.Fprint(w, `
Beam's flags choose and set up the runner (-runner dataflow, flink or
spark, -project, -region, -endpoint, -environment_type, ...):
beam -help-beam lists them.
`)
}

// beamFlags returns the names of the flags of fs that are not this
// program's.
func beamFlags(fs *flag.FlagSet, groups []flagGroup) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if !slices.ContainsFunc(groups, func(g flagGroup) bool { return slices.Contains(g.names, f.Name) }) {
			names = append(names, f.Name)
		}
	})
	return names
}

// isString reports whether v is a string.
func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

// printFlags prints the named flags of fs in the given order, as
// flag.PrintDefaults prints them.
func printFlags(w io.Writer, fs *flag.FlagSet, names []string) {
	for _, name := range names {
		f := fs.Lookup(name)
		typ, text := flag.UnquoteUsage(f)
		line := "  -" + name
		if typ != "" {
			line += " " + typ
		}
		switch g, _ := f.Value.(flag.Getter); {
		case f.DefValue == "" || f.DefValue == "false" || f.DefValue == "0":
		case g != nil && isString(g.Get()):
			text += fmt.Sprintf(" (default %q)", f.DefValue)
		default:
			text += fmt.Sprintf(" (default %v)", f.DefValue)
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, strings.ReplaceAll(text, "\n", "\n    \t"))
	}
}
