package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"os"
	"strconv"
	"strings"
)

// reportHTML is the page template: html/template, CSS and hand-made SVG,
// no script and nothing fetched from the network.
//
//go:embed report.html
var reportHTML string

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"add":     func(a, b float64) float64 { return a + b },
	"sub":     func(a, b float64) float64 { return a - b },
	"money":   money,
	"percent": optionalPercent,
	"ratio":   func(x *float64) string { return optionalFloat(x, 2) },
}).Parse(reportHTML))

// page is what the template shows: the report, and the charts and tables
// laid out from it.
type page struct {
	Report     *Report
	Confidence string // "95%"
	Period     string // of the surveys: month or quarter
	Cards      []card
	NPS        *npsChart
	NPSChange  string
	CSAT       *barChart
	CSATBy     string
	Waterfall  *waterfall
	LastMonth  string
	Heatmap    *heatmap
	Metrics    []metricTable
}

// card is one headline figure, with the change since the period before
// when there is one.
type card struct {
	Key, Value, Detail, Change string
	Significant                bool
}

// metricTable is a survey metric as an HTML table.
type metricTable struct {
	Title, Scale string
	CountNames   []string
	Rows         []metricRow
	Change       string
}

type metricRow struct {
	Label, Score, Interval string
	Answers                int64
	Counts                 []int64
}

// writeHTMLFile writes the report as a self-contained HTML page.
func writeHTMLFile(path string, r *Report) error {
	var b bytes.Buffer
	if err := writeHTML(&b, r); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func writeHTML(b *bytes.Buffer, r *Report) error {
	p := newPage(r)
	if err := pageTemplate.Execute(b, p); err != nil {
		return fmt.Errorf("HTML: %w", err)
	}
	return nil
}

func newPage(r *Report) *page {
	conf := strconv.FormatFloat(100*r.Confidence, 'f', -1, 64) + "%"
	p := &page{Report: r, Confidence: conf}
	if s := r.Surveys; s != nil {
		p.Period = s.Period
		for _, m := range s.Metrics {
			last := m.Periods[len(m.Periods)-1]
			c := card{Key: metricTitles[m.Name] + " " + last.Period, Value: format(last.Score, m.Name)}
			if m.Name == "csat" {
				c.Value += "%"
			}
			c.Detail = conf + " interval " + formatInterval(last.Lo, last.Hi, m.Name)
			if ch := m.Change; ch != nil {
				c.Change = fmt.Sprintf("%s since %s, p = %.3f", formatSigned(ch.Diff, m.Name), ch.From, ch.P)
				c.Significant = ch.Significant
			}
			p.Cards = append(p.Cards, c)
			p.Metrics = append(p.Metrics, newMetricTable(m, conf))
			switch m.Name {
			case "nps":
				p.NPS = ptr(newNPSChart(m))
				if c := m.Change; c != nil {
					p.NPSChange = fmt.Sprintf("From %s to %s: %s.", c.From, c.To, describeChange(*c, m.Name, conf))
				}
			case "csat":
				if len(m.Segments) > 0 {
					p.CSAT, p.CSATBy = ptr(newBarChart(m.Segments, func(f Figure) string { return f.Segment })), "segment"
				} else {
					p.CSAT, p.CSATBy = ptr(newBarChart(m.Periods, func(f Figure) string { return f.Period })), s.Period
				}
			}
		}
	}
	if rev := r.Revenue; rev != nil && len(rev.Periods) > 0 {
		last := rev.Periods[len(rev.Periods)-1]
		p.LastMonth = last.Period
		p.Cards = append(p.Cards,
			card{Key: "MRR " + last.Period, Value: shortMoney(float64(last.End)), Detail: fmt.Sprintf("%d customers", last.CustomersEnd)},
			card{Key: "NRR " + last.Period, Value: optionalPercent(last.NRR), Detail: "GRR " + optionalPercent(last.GRR)},
			card{Key: "Quick ratio " + last.Period, Value: optionalFloat(last.QuickRatio, 2), Detail: "gains / losses"},
		)
		p.Waterfall = ptr(newWaterfall(last))
		p.Heatmap = ptr(newHeatmap(rev.Cohorts))
	}
	return p
}

func newMetricTable(m Metric, conf string) metricTable {
	t := metricTable{Title: metricTitles[m.Name], Scale: m.Scale}
	for _, c := range countNames[m.Name] {
		t.CountNames = append(t.CountNames, strings.ReplaceAll(c, "_", " "))
	}
	row := func(label string, f Figure) {
		r := metricRow{Label: label, Answers: f.Answers, Score: format(f.Score, m.Name), Interval: formatInterval(f.Lo, f.Hi, m.Name)}
		for _, c := range countNames[m.Name] {
			r.Counts = append(r.Counts, f.Counts[c])
		}
		t.Rows = append(t.Rows, r)
	}
	for _, f := range m.Periods {
		row(f.Period, f)
	}
	for _, f := range m.Segments {
		row(f.Segment, f)
	}
	if c := m.Change; c != nil {
		t.Change = fmt.Sprintf("From %s to %s: %s.", c.From, c.To, describeChange(*c, m.Name, conf))
	}
	return t
}
