package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The survey charts: each metric by period, a line with its interval as a
// band, and by segment, bars with their intervals as whiskers. NPS is on
// -100 to 100 points, CSAT on 0 to 100%, CES on its answer scale.

// lineChart is a metric by period.
type lineChart struct {
	frame
	Metric, Title string // nps, NPS
	Left, Right   float64
	Ticks         []tick
	Zero          *tick     // the 0 line, when it is in range
	Bands         []string  // polygon points of the interval, one per run of periods that have one
	Whiskers      []segment // the interval of a period alone, between two without one
	Line          string    // polyline points of the scores
	Points        []dot
	Periods       []label
}

// dot is a score on a line chart: where it is, its tooltip, and its value
// when there is room to write it.
type dot struct {
	X, Y  float64
	Value string // empty when there is no room to write it
	Title string
}

// newLineChart lays out the figures of m by period at the width of f.
func newLineChart(m Metric, conf string, f frame) lineChart {
	narrow := f.Width < wideWidth
	c := lineChart{frame: f, Metric: m.Name, Title: metricTitles[m.Name], Left: 48, Right: f.Width - 16}
	c.Height = 300
	if narrow {
		c.Height = 250
	}
	top, bottom := 24.0, c.Height-38
	dlo, dhi := metricDomain(m)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, f := range m.Periods {
		lo, hi = math.Min(lo, f.Score), math.Max(hi, f.Score)
		if f.Lo != nil {
			lo, hi = math.Min(lo, *f.Lo), math.Max(hi, *f.Hi)
		}
	}
	lo, hi, step := niceRange(lo, hi, 5)
	lo, hi = math.Max(dlo, lo), math.Min(dhi, hi)
	if hi-lo < step {
		lo, hi = dlo, dhi
	}
	y := scale(lo, hi, bottom, top)
	for _, v := range steps(lo, hi, step) {
		c.Ticks = append(c.Ticks, tick{Y: y(v), Text: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	if lo < 0 && hi > 0 {
		c.Zero = &tick{Y: y(0)}
	}
	n := len(m.Periods)
	inner := c.Right - c.Left - 48
	slot := inner / float64(max(n-1, 1))
	x := func(i int) float64 {
		if n == 1 {
			return (c.Left + c.Right) / 2
		}
		return c.Left + 24 + float64(i)*slot
	}
	names := make([]string, n)
	for i, f := range m.Periods {
		names[i] = f.Period
	}
	show := thinLabels(n, slot, 56, periodIndex(names))
	// The interval is a band over each run of periods that have one, and
	// a whisker on a period alone between two without.
	var upper, lower, line []string
	var alone *segment
	flush := func() {
		switch {
		case len(upper) > 1:
			slices.Reverse(lower)
			c.Bands = append(c.Bands, strings.Join(append(upper, lower...), " "))
		case len(upper) == 1:
			c.Whiskers = append(c.Whiskers, *alone)
		}
		upper, lower = nil, nil
	}
	for i, f := range m.Periods {
		line = append(line, point(x(i), y(f.Score)))
		if f.Lo != nil {
			upper = append(upper, point(x(i), y(*f.Hi)))
			lower = append(lower, point(x(i), y(*f.Lo)))
			alone = &segment{X1: x(i), Y1: y(*f.Lo), X2: x(i), Y2: y(*f.Hi)}
		} else {
			flush()
		}
		p := dot{X: x(i), Y: y(f.Score), Title: figureSummary(m, f, f.Period, conf)}
		if slot >= 40 || i == n-1 {
			p.Value = scoreText(f.Score, m.Name)
		}
		c.Points = append(c.Points, p)
		if show[i] {
			c.Periods = append(c.Periods, label{X: x(i), Y: bottom + 20, Text: f.Period})
		}
	}
	flush()
	c.Line = strings.Join(line, " ")
	return c
}

// barChart is a metric by segment: horizontal bars from the scale's base
// (0, or the lowest answer of CES) with their intervals as whiskers.
type barChart struct {
	frame
	Metric, Title string
	Top, Bottom   float64 // the plot's y extent, for the grid lines
	Base          float64 // x of the bars' base
	Ticks         []tick
	Bars          []bar
}

type bar struct {
	Y, H, X0, X float64 // the bar, from X0 to X (X0 <= X)
	Lo, Hi      float64 // the whisker, when HasInterval
	HasInterval bool
	Mid         float64 // y of the whisker
	Name, Value label
	Title       string
}

// newBarChart lays out the figures of m by segment at the width of f.
func newBarChart(m Metric, conf string, f frame) barChart {
	narrow := f.Width < wideWidth
	left, right, nameLen := 128.0, f.Width-56, 18
	if narrow {
		left, nameLen = 96, 13
	}
	figures := m.Segments
	rowH := math.Max(32, math.Min(56, 210/float64(max(len(figures), 1))))
	c := barChart{frame: f, Metric: m.Name, Title: metricTitles[m.Name], Top: 12}
	c.Bottom = c.Top + rowH*float64(len(figures))
	c.Height = c.Bottom + 30

	// The axis: the whole scale for CSAT and CES, the range the figures
	// and 0 need for NPS.
	lo, hi := metricDomain(m)
	base, step := math.Max(lo, 0), 25.0
	switch m.Name {
	case "nps":
		l, h := 0.0, 0.0
		for _, f := range figures {
			l, h = math.Min(l, f.Score), math.Max(h, f.Score)
			if f.Lo != nil {
				l, h = math.Min(l, *f.Lo), math.Max(h, *f.Hi)
			}
		}
		l, h, step = niceRange(l, h, 4)
		lo, hi = math.Max(lo, l), math.Min(hi, h)
	case "ces":
		base, step = lo, math.Max(1, niceStep(hi-lo, 6))
	}
	x := scale(lo, hi, left, right)
	c.Base = x(base)
	for _, v := range steps(lo, hi, step) {
		c.Ticks = append(c.Ticks, tick{X: x(v), Y: c.Bottom + 18, Text: scoreAxisText(v, m.Name)})
	}
	for i, f := range figures {
		y := c.Top + rowH*float64(i)
		b := bar{Y: y + rowH/2 - 10, H: 20, Mid: y + rowH/2}
		b.X0, b.X = math.Min(x(base), x(f.Score)), math.Max(x(base), x(f.Score))
		end := b.X
		if f.Lo != nil {
			b.Lo, b.Hi, b.HasInterval = x(*f.Lo), x(*f.Hi), true
			end = math.Max(end, b.Hi)
		}
		b.Name = label{X: left - 8, Y: b.Mid + 4, Text: cut(f.Segment, nameLen)}
		b.Value = label{X: end + 6, Y: b.Mid + 4, Text: scoreText(f.Score, m.Name)}
		b.Title = figureSummary(m, f, f.Segment, conf)
		c.Bars = append(c.Bars, b)
	}
	return c
}

// metricDomain is the range a metric's score can take.
func metricDomain(m Metric) (lo, hi float64) {
	switch m.Name {
	case "nps":
		return -100, 100
	case "ces":
		if a, b, ok := strings.Cut(m.Scale, "-"); ok {
			l, err1 := strconv.ParseFloat(a, 64)
			h, err2 := strconv.ParseFloat(b, 64)
			if err1 == nil && err2 == nil && l < h {
				return l, h
			}
		}
		return 1, 7
	}
	return 0, 100
}

// scoreText is a score as the charts label it: 31.3, 77.3%, 5.09.
func scoreText(v float64, metric string) string {
	s := format(v, metric)
	if metric == "csat" {
		s += "%"
	}
	return s
}

func scoreAxisText(v float64, metric string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if metric == "csat" {
		s += "%"
	}
	return s
}

// figureSummary is the tooltip of a figure: "smb: CSAT 81.3% (95% interval
// 77.4% to 84.6%), 470 answers".
func figureSummary(m Metric, f Figure, name, conf string) string {
	s := fmt.Sprintf("%s: %s %s", name, metricTitles[m.Name], scoreText(f.Score, m.Name))
	if f.Lo != nil {
		s += fmt.Sprintf(" (%s interval %s to %s)", conf, scoreText(*f.Lo, m.Name), scoreText(*f.Hi, m.Name))
	}
	return s + fmt.Sprintf(", %d answers", f.Answers)
}
