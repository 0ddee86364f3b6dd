package main

import (
	"fmt"
	"math"
	"strings"
)

// trendChart is the revenue by month, three panels on one time axis: MRR
// at the end of each month as bars; NRR and GRR as lines; and customer
// churn as a line. A figure that does not exist for a month (null in the
// report) is a gap in its line, never a point at 0.
type trendChart struct {
	frame
	Left, Right float64
	MRR         trendPanel
	Bars        []trendBar
	Last        *label // the last month's MRR, above its bar
	Retention   trendPanel
	Churn       trendPanel
	Months      []label   // the x labels, thinned to fit
	MonthTicks  []segment // a short tick under each month
	Hover       []hoverColumn
}

// trendPanel is one panel: its title, y grid and lines.
type trendPanel struct {
	Left, Right float64 // the plot's x extent, for the grid lines
	Title       label
	Top         float64
	Ticks       []tick
	Reference   *tick // the 100% line of retention
	Lines       []series
	Legend      []legendItem
	Empty       *label  // says so when no month has the panel's figures
	Lo, Hi      float64 // the range of its y axis
}

// series is one line of a panel, in as many pieces as the gaps cut it
// into, with a dot at each month it has a value for.
type series struct {
	Class string
	Paths []string // polyline points, one per run of months with values
	Dots  []label  // X, Y of each value; Text unused
	R     float64  // the dots' radius
}

// legendItem is a short line of a series' style and its name.
type legendItem struct {
	Class   string
	Line    segment
	Caption label
}

type trendBar struct {
	X, Y, W, H float64
	Class      string // mrr, or opening for the opening book
}

// hoverColumn is a transparent column over a month, whose title the
// browser shows as a tooltip.
type hoverColumn struct {
	X, Y, W, H float64
	Title      string
}

// newTrendChart lays out the months of periods at the width of f. The
// month opening, when not empty, is the opening book, drawn apart.
func newTrendChart(periods []RevenueFigure, opening string, f frame) trendChart {
	narrow := f.Width < wideWidth
	c := trendChart{frame: f, Left: 56, Right: f.Width - 12}
	h1, h2, h3 := 150.0, 70.0, 56.0
	if narrow {
		h1, h2, h3 = 110, 56, 48
	}
	n := len(periods)
	slot := (c.Right - c.Left) / float64(max(n, 1))
	x := func(i int) float64 { return c.Left + slot*(float64(i)+0.5) }

	// MRR: bars from 0, with some room above the highest.
	top := 28.0
	c.MRR = trendPanel{Left: c.Left, Right: c.Right, Title: label{X: 4, Y: 14, Text: "MRR at month end, currency units"}, Top: top}
	if narrow {
		c.MRR.Title.Text = "MRR at month end"
	}
	hi := 0.0
	for _, p := range periods {
		hi = math.Max(hi, float64(p.End))
	}
	_, hiMRR, step := niceRange(0, math.Max(hi*1.08, 1), 4)
	yMRR := scale(0, hiMRR, top+h1, top)
	for _, v := range steps(0, hiMRR, step) {
		c.MRR.Ticks = append(c.MRR.Ticks, tick{Y: yMRR(v), Text: shortMoney(v)})
	}
	for i, p := range periods {
		w := math.Max(1, math.Min(48, slot*0.7)) // a bar of a few months is not a wall
		b := trendBar{X: x(i) - w/2, W: w, Y: yMRR(float64(p.End)), Class: "mrr"}
		b.H = top + h1 - b.Y
		if p.Period == opening {
			b.Class = "opening"
		}
		c.Bars = append(c.Bars, b)
	}
	if n > 0 {
		b := c.Bars[n-1]
		c.Last = &label{X: b.X + b.W, Y: b.Y - 5, Text: shortMoney(float64(periods[n-1].End))}
	}

	// Retention, NRR and GRR, zoomed to their range and 100%; customer
	// churn from 0.
	nrr, grr, churn := make([]*float64, n), make([]*float64, n), make([]*float64, n)
	for i, p := range periods {
		nrr[i], grr[i], churn[i] = p.NRR, p.GRR, p.Churn
	}
	lo, hi := 100.0, 100.0
	for _, v := range append(append([]*float64{}, nrr...), grr...) {
		if v != nil {
			lo, hi = math.Min(lo, *v), math.Max(hi, *v)
		}
	}
	if hi-lo < 10 { // flat, or no figure at all: 10 points around them
		lo, hi = (lo+hi)/2-5, (lo+hi)/2+5
	}
	r := math.Min(3, slot/5) // the dots' radius
	top += h1 + 40
	c.Retention = c.ratePanel("Net and gross revenue retention, %", "NRR and GRR, %", "none yet: no month starts with MRR",
		top, h2, lo, hi, 3, x, r, namedSeries{"grr", grr}, namedSeries{"nrr", nrr})
	c.Retention.Reference = &tick{Y: scale(c.Retention.Lo, c.Retention.Hi, top+h2, top)(100)}
	c.Retention.Legend = []legendItem{
		newLegendItem("nrr", c.Right-112, top-12, "NRR"),
		newLegendItem("grr", c.Right-52, top-12, "GRR"),
	}
	hi = 1
	for _, v := range churn {
		if v != nil {
			hi = math.Max(hi, *v)
		}
	}
	top += h2 + 40
	c.Churn = c.ratePanel("Customer churn, % of customers at month start", "Customer churn, %", "none yet: no month starts with customers",
		top, h3, 0, hi, 2, x, r, namedSeries{"churn", churn})

	// The time axis, under the last panel, and a tooltip for each month.
	bottom := top + h3
	c.Height = bottom + 30
	names := make([]string, n)
	for i, p := range periods {
		names[i] = p.Period
	}
	show := thinLabels(n, slot, 56, periodIndex(names))
	for i, p := range periods {
		c.MonthTicks = append(c.MonthTicks, segment{X1: x(i), Y1: bottom, X2: x(i), Y2: bottom + 4})
		if show[i] {
			c.Months = append(c.Months, label{X: x(i), Y: bottom + 18, Text: p.Period})
		}
		c.Hover = append(c.Hover, hoverColumn{X: c.Left + slot*float64(i), Y: 28, W: slot, H: bottom - 28, Title: monthSummary(p, opening)})
	}
	return c
}

// namedSeries is the values of a line, nil where the month has none, and
// its class.
type namedSeries struct {
	class  string
	values []*float64
}

// ratePanel lays out a panel of percent lines from top, height units
// high, on an axis from lo to hi widened to about n round steps. Its title
// is wide, or short on a phone; it says empty when no month has a value.
func (c *trendChart) ratePanel(wide, short, empty string, top, height, lo, hi float64, n int, x func(int) float64, r float64, lines ...namedSeries) trendPanel {
	p := trendPanel{Left: c.Left, Right: c.Right, Title: label{X: 4, Y: top - 12, Text: wide}, Top: top}
	if c.Width < wideWidth {
		p.Title.Text = short
	}
	lo, hi, step := niceRange(lo, hi, n)
	p.Lo, p.Hi = lo, hi
	y := scale(lo, hi, top+height, top)
	for _, v := range steps(lo, hi, step) {
		p.Ticks = append(p.Ticks, tick{Y: y(v), Text: percentText(v)})
	}
	dots := 0
	for _, l := range lines {
		s := newSeries(l.class, l.values, x, y, r)
		dots += len(s.Dots)
		p.Lines = append(p.Lines, s)
	}
	if dots == 0 {
		p.Empty = &label{X: (c.Left + c.Right) / 2, Y: top + 24, Text: empty}
	}
	return p
}

// scale maps lo to hi onto the pixels from to to.
func scale(lo, hi, from, to float64) func(float64) float64 {
	return func(v float64) float64 { return from + (v-lo)/(hi-lo)*(to-from) }
}

// newSeries draws values, cut at each nil: a polyline for each run of two
// or more months with values, and a dot for every value, so that a month
// alone between two gaps is still seen.
func newSeries(class string, values []*float64, x func(int) float64, y func(float64) float64, r float64) series {
	s := series{Class: class, R: r}
	var run []string
	flush := func() {
		if len(run) > 1 {
			s.Paths = append(s.Paths, strings.Join(run, " "))
		}
		run = run[:0]
	}
	for i, v := range values {
		if v == nil {
			flush()
			continue
		}
		run = append(run, point(x(i), y(*v)))
		s.Dots = append(s.Dots, label{X: x(i), Y: y(*v)})
	}
	flush()
	return s
}

func newLegendItem(class string, x, y float64, text string) legendItem {
	return legendItem{
		Class:   class,
		Line:    segment{X1: x, Y1: y - 4, X2: x + 18, Y2: y - 4},
		Caption: label{X: x + 22, Y: y, Text: text},
	}
}

// monthSummary is the tooltip of a month.
func monthSummary(p RevenueFigure, opening string) string {
	if p.Period == opening {
		return fmt.Sprintf("%s: opening book, MRR %s, %d customers", p.Period, money(p.End), p.CustomersEnd)
	}
	return fmt.Sprintf("%s: MRR %s, %d customers; NRR %s, GRR %s, customer churn %s",
		p.Period, money(p.End), p.CustomersEnd, optionalPercent(p.NRR), optionalPercent(p.GRR), optionalPercent(p.Churn))
}
