package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"math"
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
	"add": func(a, b float64) float64 { return a + b },
	"alpha": func(confidence float64) string {
		return strconv.FormatFloat(math.Round((1-confidence)*1e9)/1e9, 'f', -1, 64)
	},
	"css":     cssSize,
	"sub":     func(a, b float64) float64 { return a - b },
	"money":   money,
	"percent": optionalPercent,
	"ratio":   func(x *float64) string { return optionalFloat(x, 2) },
}).Parse(reportHTML))

// page is what the template shows: the report, and the charts and tables
// laid out from it.
type page struct {
	Report     *Report
	Confidence string     // "95%"
	Period     string     // of the surveys: month or quarter
	Sub        [][]string // the sub-heading: a line per source, of short pieces
	Skipped    []string   // the skipped rows and left-out customers, listed
	Opening    string     // the opening book, in a sentence
	Cards      []card
	Revenue    *revenueCharts
	Surveys    []surveyCharts
	Metrics    []metricTable
	MRRRows    []monthRow
	// The tests across many figures and the key drivers: html_compare.go.
	Comparisons []comparisonTable
	Drivers     *driversView
}

// card is one headline figure, for one period, with the change since the
// period before when there is one.
type card struct {
	Name, Period, Value, Detail, Change string
	Significant                         bool
}

// revenueCharts are the charts of the MRR file.
type revenueCharts struct {
	Trend     layouts[trendChart]
	Waterfall *layouts[waterfall]
	LastMonth string
	Logo      *heatmap
	Revenue   *heatmap
	HasOpen   bool // the first bar is the opening book
	Survival  *layouts[survivalChart]
	Retention *retentionTable
}

// surveyCharts are one metric's charts, by period and by segment.
type surveyCharts struct {
	Title                       string
	ByPeriod                    layouts[lineChart]
	BySegment                   *layouts[barChart]
	PeriodNote, SegmentNote     string
	PeriodChange, SegmentChange string
	Trend, SegmentTests         string // html_compare.go
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

// monthRow is a month of the MRR table.
type monthRow struct {
	RevenueFigure
	Opening bool
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
	if rev := r.Revenue; rev != nil {
		p.addRevenue(rev)
	}
	if s := r.Surveys; s != nil {
		p.addSurveys(s, conf)
		p.addComparisons(s, conf)
		p.addDrivers(s.Drivers)
	}
	p.Sub = append(p.Sub, []string{"Intervals at " + conf + " confidence"})
	return p
}

// cssSize writes the size limits of a chart width units wide. A chart is
// shown at most 1.25 times as wide, so that one alone in a wide column
// does not grow huge. A heatmap (minWidth > 0) is shown at most at its
// width, which keeps its numbers at 11 px, and at least at minWidth,
// below which its section scrolls sideways.
func cssSize(width, minWidth float64) template.CSS {
	s := fmt.Sprintf("max-width: %.0fpx", width*1.25)
	if minWidth > 0 {
		s = fmt.Sprintf("max-width: %.0fpx; min-width: %.0fpx", width, minWidth)
	}
	return template.CSS(s)
}

// addRevenue adds the revenue sub-heading, cards, charts and table. The
// opening book (-opening) is not one of the months of rev.Periods: it is
// said apart, drawn as a grey first bar of the MRR trend and put first in
// the table, with no movements.
func (p *page) addRevenue(rev *RevenueReport) {
	sub := []string{rev.Source, plural(int64(rev.Customers), "customer"), plural(rev.Rows, "row")}
	if n := len(rev.Periods); n > 0 {
		sub = append(sub, rev.Periods[0].Period+" to "+rev.Periods[n-1].Period)
	}
	if rev.Skipped > 0 {
		sub = append(sub, plural(rev.Skipped, "bad row")+" skipped")
	}
	if n := len(rev.Excluded); n > 0 {
		sub = append(sub, plural(int64(n), "customer")+" left out for a skipped row")
	}
	p.Sub = append(p.Sub, sub)
	p.Skipped = append(p.Skipped, skippedRows(rev.Source, rev.Skipped, rev.SkippedRows)...)
	if n := len(rev.Excluded); n > 0 {
		const most = 50
		list := strings.Join(rev.Excluded[:min(n, most)], ", ")
		if n > most {
			list += fmt.Sprintf(" and %d more", n-most)
		}
		p.Skipped = append(p.Skipped, fmt.Sprintf("%s: customers left out, since a row of theirs was skipped: %s.", rev.Source, list))
	}
	months := rev.Periods
	var opening string
	if o := rev.Opening; o != nil {
		opening = o.Period
		arr := "—" // past int64
		if o.ARR != nil {
			arr = money(*o.ARR)
		}
		p.Opening = fmt.Sprintf("Opening book %s: %s, MRR %s (ARR %s): what they paid when the records begin, not new business.",
			o.Period, plural(o.Customers, "customer"), money(o.MRR), arr)
		if len(months) == 0 || months[0].Period != o.Period {
			book := RevenueFigure{Period: o.Period, End: o.MRR, CustomersEnd: o.Customers, ARR: o.ARR}
			months = append([]RevenueFigure{book}, months...)
		}
	}
	for _, f := range months {
		p.MRRRows = append(p.MRRRows, monthRow{RevenueFigure: f, Opening: f.Period == opening})
	}
	if len(rev.Periods) == 0 {
		return // an opening book alone: no month to chart
	}
	p.Cards = append(p.Cards, revenueCards(rev.Periods)...)
	last := rev.Periods[len(rev.Periods)-1]
	rc := &revenueCharts{LastMonth: last.Period, HasOpen: opening != ""}
	rc.Trend = bothWidths("mrr-chart", func(f frame) trendChart { return newTrendChart(months, opening, f) })
	if last.Period != opening { // a month that is only a book has no movements
		rc.Waterfall = ptr(bothWidths("waterfall-chart", func(f frame) waterfall { return newWaterfall(last, f) }))
	}
	if len(rev.Cohorts) > 0 {
		rc.Logo = ptr(newHeatmap(rev.Cohorts, logoRetention, "cohort-chart"))
		rc.Revenue = ptr(newHeatmap(rev.Cohorts, revenueRetention, "cohort-revenue-chart"))
	}
	rc.Retention = newRetentionTable(rev.Retention, rev.NoRetention, p.Confidence)
	if r := rev.Retention; r != nil && len(r.Curve) > 0 {
		rc.Survival = ptr(bothWidths("survival-chart", func(f frame) survivalChart { return newSurvivalChart(r, p.Confidence, f) }))
	}
	p.Revenue = rc
}

// revenueCards are the headline figures of the last month of periods.
func revenueCards(periods []RevenueFigure) []card {
	last := periods[len(periods)-1]
	mrr := card{Name: "MRR", Period: last.Period, Value: shortMoney(float64(last.End)), Detail: plural(last.CustomersEnd, "customer")}
	if last.ARR != nil {
		mrr.Detail += " · ARR\u00a0" + shortMoney(float64(*last.ARR))
	}
	if n := len(periods); n > 1 && periods[n-2].End > 0 {
		prev := periods[n-2]
		mrr.Change = fmt.Sprintf("%+.1f%% since %s", 100*float64(last.End-prev.End)/float64(prev.End), prev.Period)
	}
	return []card{mrr,
		{Name: "NRR", Period: last.Period, Value: optionalPercent(last.NRR), Detail: "GRR " + optionalPercent(last.GRR)},
		{Name: "Churn", Period: last.Period, Value: optionalPercent(last.Churn),
			Detail: fmt.Sprintf("%d of %d customers lost", last.CustomersLost, last.CustomersStart)},
		{Name: "Quick ratio", Period: last.Period, Value: optionalFloat(last.QuickRatio, 2), Detail: "gains / losses"},
	}
}

// addSurveys adds the survey cards, charts and tables.
func (p *page) addSurveys(s *SurveyReport, conf string) {
	p.Period = s.Period
	sub := []string{s.Source, plural(s.Rows, "answer"), "by " + s.Period}
	if n := len(s.Metrics); n > 0 && len(s.Metrics[0].Periods) > 0 {
		ps := s.Metrics[0].Periods
		sub = append(sub, ps[0].Period+" to "+ps[len(ps)-1].Period)
	}
	if s.Skipped > 0 {
		sub = append(sub, plural(s.Skipped, "bad row")+" skipped")
	}
	if s.Empty > 0 {
		sub = append(sub, plural(s.Empty, "empty answer")+" left out")
	}
	p.Sub = append(p.Sub, sub)
	p.Skipped = append(p.Skipped, skippedRows(s.Source, s.Skipped, s.SkippedRows)...)
	for _, m := range s.Metrics {
		if len(m.Periods) == 0 {
			continue
		}
		title := metricTitles[m.Name]
		last := m.Periods[len(m.Periods)-1]
		c := card{Name: title, Period: last.Period, Value: scoreText(last.Score, m.Name)}
		c.Detail = conf + " interval " + formatInterval(last.Lo, last.Hi, m.Name)
		if ch := m.Change; ch != nil {
			c.Change = fmt.Sprintf("%s since %s, p\u00a0=\u00a0%.3f", formatSigned(ch.Diff, m.Name), ch.From, ch.P)
			c.Significant = ch.Significant
		}
		p.Cards = append(p.Cards, c)
		p.Metrics = append(p.Metrics, newMetricTable(m, conf))

		sc := surveyCharts{Title: title}
		sc.ByPeriod = bothWidths(m.Name+"-chart", func(f frame) lineChart { return newLineChart(m, conf, f) })
		sc.PeriodNote = fmt.Sprintf("Points: %s (%s). Band: %s %s interval.", title, m.Unit, conf, m.Interval)
		if c := m.Change; c != nil {
			sc.PeriodChange = fmt.Sprintf("From %s to %s: %s.", c.From, c.To, describeChange(*c, m.Name, conf))
		}
		if len(m.Segments) > 0 {
			sc.BySegment = ptr(bothWidths(m.Name+"-segment-chart", func(f frame) barChart { return newBarChart(m, conf, f) }))
			sc.SegmentNote = fmt.Sprintf("Bars: %s (%s) of each segment, all %ss together. Whiskers: %s %s interval.", title, m.Unit, s.Period, conf, m.Interval)
			unit := " points"
			if m.Name == "ces" {
				unit = "" // a difference of mean answers
			}
			var sig []string
			for _, c := range m.SegmentChanges {
				if c.Significant {
					sig = append(sig, c.Segment+" "+formatSigned(c.Diff, m.Name)+unit)
				}
			}
			if len(sig) > 0 && m.Change != nil {
				sc.SegmentChange = fmt.Sprintf("Significant changes from %s to %s: %s.", m.Change.From, m.Change.To, strings.Join(sig, ", "))
			}
		}
		p.Surveys = append(p.Surveys, sc)
	}
}

// skippedRows lists the rows -skip-bad skipped, the first 100 of them,
// and says how many more there were.
func skippedRows(source string, n int64, rows []SkippedRow) []string {
	var out []string
	for _, r := range rows[:min(len(rows), 100)] {
		out = append(out, fmt.Sprintf("%s:%d: %s", source, r.Line, r.Reason))
	}
	if more := n - int64(len(out)); more > 0 && len(out) > 0 {
		out = append(out, fmt.Sprintf("%s: %s skipped.", source, plural(more, "more row")))
	}
	return out
}

// plural writes n and a noun, with an s unless n is 1.
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.FormatInt(n, 10) + " " + noun + "s"
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
