package main

import (
	"fmt"
	"strings"
)

// The HTML of the tests across many figures (report_compare.go) and of
// the key drivers (report_drivers.go): sentences under the survey charts,
// tables, and the importance × performance chart.

// comparisonTable is a metric's segments compared, as an HTML table.
type comparisonTable struct {
	Title, Note, PairsNote string
	Rows                   []comparisonRow
}

type comparisonRow struct {
	Label, Diff, Interval, P, AdjustedP string
	Pair, Significant                   bool
}

// driversView is the key drivers section: its chart and table, or why
// it has none.
type driversView struct {
	Report *DriversReport
	Chart  *layouts[quadrantChart]
	Intro  string
	Note   string
	Rows   []driverRow
}

type driverRow struct {
	Name, Share, Shapley, Mean, Correlation, Quadrant string
}

// addComparisons adds to the survey charts of s the trend and the
// adjusted tests of each metric, and a table of each metric's segments
// compared. It follows addSurveys, whose charts are the metrics that
// have periods, in order.
func (p *page) addComparisons(s *SurveyReport, conf string) {
	i := 0
	for _, m := range s.Metrics {
		if len(m.Periods) == 0 {
			continue
		}
		sc := &p.Surveys[i]
		i++
		if t := m.Trend; t != nil {
			sc.Trend = upperFirst(describeTrend(*t, m.Name, s.Period, conf)) + "."
		} else if m.TrendNote != "" {
			sc.Trend = upperFirst(m.TrendNote) + "."
		}
		if m.ChangesNote != "" && sc.SegmentChange != "" {
			sc.SegmentChange = strings.TrimSuffix(sc.SegmentChange, ".") + " (" + m.ChangesNote + ")."
		}
		st := m.SegmentTests
		if st == nil {
			continue
		}
		title := metricTitles[m.Name]
		if st.Absent != "" {
			sc.SegmentTests = upperFirst(st.Absent) + "."
			continue
		}
		var sig []string
		for _, t := range st.VsRest {
			if t.Significant {
				sig = append(sig, t.Segment+" "+formatSigned(t.Diff, m.Name))
			}
		}
		if len(sig) > 0 {
			sc.SegmentTests = fmt.Sprintf("Against the rest of the segments, significantly different: %s (%s).", strings.Join(sig, ", "), st.Note)
		} else {
			sc.SegmentTests = fmt.Sprintf("No segment differs significantly from the rest (%s).", st.Note)
		}
		t := comparisonTable{Title: title, Note: "Each segment against the rest: " + st.Note + ".", PairsNote: "Pairs: " + st.PairsNote + "."}
		row := func(label string, c SegmentTest, pair bool) {
			t.Rows = append(t.Rows, comparisonRow{
				Label: label, Diff: formatSigned(c.Diff, m.Name),
				Interval: format(c.Lo, m.Name) + " to " + format(c.Hi, m.Name),
				P:        pCell(c.P), AdjustedP: pCell(c.AdjustedP), Pair: pair, Significant: c.Significant,
			})
		}
		for _, c := range st.VsRest {
			row(c.Segment+" − rest", c, false)
		}
		for _, c := range st.Pairs {
			row(c.Segment+" − "+c.Other, c, true)
		}
		p.Comparisons = append(p.Comparisons, t)
	}
}

// addDrivers adds the key drivers section.
func (p *page) addDrivers(d *DriversReport) {
	if d == nil {
		return
	}
	v := &driversView{Report: d}
	v.Intro = fmt.Sprintf("%s: %s, %d of whom rated every driver on %s", d.Method, plural(d.Respondents, "respondent"), d.Used, d.Scale)
	if d.Skipped > 0 {
		v.Intro += fmt.Sprintf("; %d left out for a missing rating", d.Skipped)
	}
	if d.RSquared != nil {
		v.Intro += fmt.Sprintf(". The drivers explain %.1f%% of the NPS answer's variance (R²\u00a0%.3f)", 100**d.RSquared, *d.RSquared)
	}
	v.Intro += "."
	if d.Absent != "" {
		v.Note = upperFirst(d.Absent) + "."
		p.Drivers = v
		return
	}
	v.Chart = ptr(bothWidths("drivers-chart", func(f frame) quadrantChart { return newQuadrantChart(d, f) }))
	v.Note = "Dots: each driver's share of R² (importance) against its mean rating (performance). Dashed lines: the mean share and the mean rating, which cut the plot into four quadrants; top left, important and rated low, is where to act first."
	for _, f := range d.Drivers {
		r := driverRow{Name: f.Name, Share: fmt.Sprintf("%.1f", f.Share), Shapley: "—",
			Mean: fmt.Sprintf("%.2f", f.Mean), Correlation: fmt.Sprintf("%.2f", f.Correlation), Quadrant: f.Quadrant}
		if f.ShapleyShare != nil {
			r.Shapley = fmt.Sprintf("%.1f", *f.ShapleyShare)
		}
		v.Rows = append(v.Rows, r)
	}
	p.Drivers = v
}
