// Quickstart shows what cxmetrics does, on sample data embedded in the
// program: it tallies a few hundred survey responses over two quarters and
// prints each quarter's NPS, CSAT, CES and CX Index with their intervals and
// whether the change between quarters is significant; then a billing export
// of 80 customers over fourteen months, turned into monthly MRR movements
// with NRR, GRR, the quick ratio, ARR, trailing-twelve-month retention,
// churn and lifetime value; then the health scores of a few accounts.
//
// Run it from the root of the repository:
//
//	go run ./examples/quickstart
//
// It takes no arguments.
package main

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

//go:embed responses.csv
var responsesCSV []byte

func main() {
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: quickstart\n\nPrints cxmetrics' figures for embedded sample data.")
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	quarters, err := readResponses(responsesCSV)
	if err != nil {
		return err
	}
	if err := printSurveys(w, quarters); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return printRetention(w)
}

// questions are the CSV columns after the date, with the scale of each.
var questions = []struct {
	column string
	scale  cxmetrics.Scale
}{
	{"nps", cxmetrics.NPSScale},
	{"csat", cxmetrics.CSATScale},
	{"ces", cxmetrics.CESScale},
	{"needs", cxmetrics.CSATScale},
	{"ease", cxmetrics.CSATScale},
	{"enjoy", cxmetrics.CSATScale},
}

// quarter holds one Survey per question for the responses of one quarter.
type quarter struct {
	name    string
	surveys []*cxmetrics.Survey // in the order of questions
}

// readResponses tallies the CSV rows into one quarter per calendar
// quarter, in the order they first appear.
func readResponses(data []byte) ([]*quarter, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = 1 + len(questions)
	if _, err := r.Read(); err != nil { // the header
		return nil, fmt.Errorf("responses.csv: %w", err)
	}
	var quarters []*quarter
	byName := map[string]*quarter{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("responses.csv: %w", err)
		}
		line, _ := r.FieldPos(0)
		date, err := time.Parse(time.DateOnly, rec[0])
		if err != nil {
			return nil, fmt.Errorf("responses.csv:%d: date %q is not YYYY-MM-DD", line, rec[0])
		}
		name := fmt.Sprintf("%d Q%d", date.Year(), (int(date.Month())+2)/3)
		q := byName[name]
		if q == nil {
			q = &quarter{name: name}
			for _, question := range questions {
				s, err := cxmetrics.NewSurvey(question.scale)
				if err != nil {
					return nil, err
				}
				q.surveys = append(q.surveys, s)
			}
			byName[name] = q
			quarters = append(quarters, q)
		}
		for i, question := range questions {
			score, err := strconv.Atoi(rec[1+i])
			if err == nil {
				err = q.surveys[i].Add(score)
			}
			if err != nil {
				return nil, fmt.Errorf("responses.csv:%d: %s %q: %v", line, question.column, rec[1+i], err)
			}
		}
	}
	return quarters, nil
}

// printSurveys prints one row of survey metrics per quarter.
func printSurveys(w io.Writer, quarters []*quarter) error {
	fmt.Fprintln(w, "Survey metrics by quarter")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "quarter\tanswers\tNPS\t95% interval\tCSAT %\t95% interval\tCES mean\tCES easy %\tCX Index\t")
	var npsByQuarter []cxmetrics.NPSResult
	var csatByQuarter []cxmetrics.CSATResult
	for _, q := range quarters {
		nps, err := cxmetrics.NPS(q.surveys[0])
		if err != nil {
			return err
		}
		npsCI, err := nps.Interval(0.95)
		if err != nil {
			return err
		}
		csat, err := cxmetrics.CSAT(q.surveys[1])
		if err != nil {
			return err
		}
		csatCI, err := csat.Interval(0.95)
		if err != nil {
			return err
		}
		ces, err := cxmetrics.CES(q.surveys[2], cxmetrics.HigherIsEasier)
		if err != nil {
			return err
		}
		cxi, err := cxmetrics.CXIndex(q.surveys[3], q.surveys[4], q.surveys[5])
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f to %.1f\t%.1f\t%.1f to %.1f\t%.2f\t%.1f\t%.1f\t\n",
			q.name, nps.Total(), nps.Score, npsCI.Lo, npsCI.Hi,
			csat.Score, csatCI.Lo, csatCI.Hi, ces.Mean, ces.EasyPercent, cxi.Score)
		npsByQuarter = append(npsByQuarter, nps)
		csatByQuarter = append(csatByQuarter, csat)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "NPS in points (-100 to 100), interval by adjusted Wald; CSAT: percent")
	fmt.Fprintln(w, "answering 4-5 of 5, Wilson interval; CES 2.0 on 1-7, easy = 5-7;")
	fmt.Fprintln(w, "CX Index: mean of three nets (-100 to 100).")
	for i := 1; i < len(quarters); i++ {
		nps, err := cxmetrics.CompareNPS(npsByQuarter[i-1], npsByQuarter[i], 0.95)
		if err != nil {
			return err
		}
		csat, err := cxmetrics.CompareCSAT(csatByQuarter[i-1], csatByQuarter[i], 0.95)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nFrom %s to %s:\n", quarters[i-1].name, quarters[i].name)
		fmt.Fprintf(w, "  NPS  %+5.1f points, p = %.3f: %s\n", nps.Diff, nps.P, verdict(nps))
		fmt.Fprintf(w, "  CSAT %+5.1f points, p = %.3f: %s\n", csat.Diff, csat.P, verdict(csat))
	}
	return nil
}

// verdict says in words whether a change is significant at the 5% level.
func verdict(c cxmetrics.Comparison) string {
	if c.Significant(0.05) {
		return "a real change (significant at 5%)"
	}
	return "could be noise (not significant at 5%)"
}
