package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The charts of the HTML page are plain SVG, laid out here in Go and
// written out by report.html. Every coordinate is in SVG user units, which
// the page shows at one CSS pixel each.

// label is a piece of text at a point.
type label struct {
	X, Y float64
	Text string
}

// tick is a horizontal grid line at Y with its value, or a vertical one
// at X.
type tick struct {
	X, Y float64
	Text string
}

// npsChart is the NPS by period, a line with its interval as a band.
type npsChart struct {
	Width, Height float64
	Left, Right   float64 // the plot's x extent, for the grid lines
	Ticks         []tick
	Zero          *tick   // the 0 line, when it is in range
	Band          string  // polygon points of the interval
	Line          string  // polyline points of the scores
	Points        []label // the scores, labelled
	Periods       []label
}

// newNPSChart lays out the NPS figures of m, one per period.
func newNPSChart(m Metric) npsChart {
	c := npsChart{Width: 640, Height: 300, Left: 48, Right: 624}
	top, bottom := 20.0, 262.0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, f := range m.Periods {
		lo, hi = math.Min(lo, f.Score), math.Max(hi, f.Score)
		if f.Lo != nil {
			lo, hi = math.Min(lo, *f.Lo), math.Max(hi, *f.Hi)
		}
	}
	step := niceStep(hi-lo, 6)
	lo, hi = math.Max(-100, math.Floor(lo/step)*step), math.Min(100, math.Ceil(hi/step)*step)
	if hi-lo < step {
		hi = lo + step
	}
	y := func(v float64) float64 { return bottom - (v-lo)/(hi-lo)*(bottom-top) }
	for v := lo; v <= hi+step/1e6; v += step {
		c.Ticks = append(c.Ticks, tick{Y: y(v), Text: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	if lo < 0 && hi > 0 {
		c.Zero = &tick{Y: y(0)}
	}
	n := len(m.Periods)
	x := func(i int) float64 {
		if n == 1 {
			return (c.Left + c.Right) / 2
		}
		return c.Left + 32 + float64(i)*(c.Right-c.Left-64)/float64(n-1)
	}
	var upper, lower, line []string
	for i, f := range m.Periods {
		line = append(line, point(x(i), y(f.Score)))
		if f.Lo != nil {
			upper = append(upper, point(x(i), y(*f.Hi)))
			lower = append([]string{point(x(i), y(*f.Lo))}, lower...)
		}
		c.Points = append(c.Points, label{X: x(i), Y: y(f.Score), Text: strconv.FormatFloat(f.Score, 'f', 1, 64)})
		c.Periods = append(c.Periods, label{X: x(i), Y: bottom + 20, Text: f.Period})
	}
	c.Band = strings.Join(append(upper, lower...), " ")
	c.Line = strings.Join(line, " ")
	return c
}

// barChart is a horizontal bar chart of scores in percent with their
// intervals as whiskers: CSAT by segment.
type barChart struct {
	Width, Height float64
	Top, Bottom   float64 // the plot's y extent, for the grid lines
	Ticks         []tick
	Bars          []bar
}

type bar struct {
	Y, H, X0, X float64 // the bar, from X0 to X
	Lo, Hi      float64 // the whisker, when HasInterval
	HasInterval bool
	Mid         float64 // y of the whisker
	Name, Value label
}

// newBarChart lays out figures, labelled by name.
func newBarChart(figures []Figure, name func(Figure) string) barChart {
	const left, right = 120.0, 580.0
	rowH := math.Max(36, math.Min(60, 220/float64(max(len(figures), 1))))
	c := barChart{Width: 640, Top: 12}
	c.Bottom = c.Top + rowH*float64(len(figures))
	c.Height = c.Bottom + 30
	x := func(v float64) float64 { return left + v/100*(right-left) }
	for v := 0.0; v <= 100; v += 25 {
		c.Ticks = append(c.Ticks, tick{X: x(v), Y: c.Bottom + 18, Text: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	for i, f := range figures {
		y := c.Top + rowH*float64(i)
		b := bar{Y: y + rowH/2 - 11, H: 22, X0: x(0), X: x(f.Score), Mid: y + rowH/2}
		end := b.X
		if f.Lo != nil {
			b.Lo, b.Hi, b.HasInterval = x(*f.Lo), x(*f.Hi), true
			end = math.Max(end, b.Hi)
		}
		b.Name = label{X: left - 8, Y: b.Mid + 4, Text: name(f)}
		b.Value = label{X: end + 6, Y: b.Mid + 4, Text: strconv.FormatFloat(f.Score, 'f', 1, 64) + "%"}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// waterfall is the MRR bridge of one month: start, each movement, end.
type waterfall struct {
	Width, Height float64
	Left, Right   float64
	Ticks         []tick
	Bars          []wbar
	AxisNote      string // says where the y axis starts, when not at 0
}

type wbar struct {
	X, Y, W, H  float64
	Class       string // total, up or down
	Name, Value label
	Link        *segment // a dashed line to the next bar, at the level reached
}

// segment is a straight line.
type segment struct{ X1, Y1, X2, Y2 float64 }

// newWaterfall lays out the movements of p.
func newWaterfall(p RevenueFigure) waterfall {
	c := waterfall{Width: 640, Height: 300, Left: 64, Right: 624}
	top, bottom := 24.0, 262.0
	steps := []struct {
		name  string
		delta int64
		total bool
	}{
		{"Start", p.Start, true},
		{"New", p.New, false},
		{"Reactivation", p.Reactivation, false},
		{"Expansion", p.Expansion, false},
		{"Contraction", -p.Contraction, false},
		{"Churned", -p.Churned, false},
		{"End", p.End, true},
	}
	// The levels the bars reach, to find the range of the axis. The axis
	// is zoomed to the levels, so that movements a few percent of MRR
	// are seen; it says so when it does not start at 0.
	levels := []float64{float64(p.Start)}
	level := p.Start
	for _, s := range steps[1 : len(steps)-1] {
		level += s.delta
		levels = append(levels, float64(level))
	}
	lo, hi := levels[0], levels[0]
	for _, v := range levels {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	span := math.Max(hi-lo, hi/20)
	step := niceStep(span*1.8, 5)
	lo = math.Max(0, math.Floor((lo-span*0.6)/step)*step)
	hi = math.Ceil((hi+span*0.15)/step) * step
	if hi <= lo {
		hi = lo + step
	}
	if lo > 0 {
		c.AxisNote = "axis starts at " + shortMoney(lo)
	}
	y := func(v float64) float64 { return bottom - (v-lo)/(hi-lo)*(bottom-top) }
	for v := lo; v <= hi+step/1e6; v += step {
		c.Ticks = append(c.Ticks, tick{Y: y(v), Text: shortMoney(v)})
	}
	slot := (c.Right - c.Left) / float64(len(steps))
	level = 0
	for i, s := range steps {
		from, to := float64(level), float64(level+s.delta)
		class := "up"
		switch {
		case s.total:
			from, to, class = lo, float64(s.delta), "total"
			level = s.delta
		case s.delta < 0:
			class = "down"
			level += s.delta
		default:
			level += s.delta
		}
		b := wbar{X: c.Left + slot*float64(i) + slot*0.2, W: slot * 0.6, Class: class}
		b.Y, b.H = y(math.Max(from, to)), math.Max(1, math.Abs(y(from)-y(to)))
		b.Name = label{X: b.X + b.W/2, Y: bottom + 18, Text: s.name}
		value := shortMoney(math.Abs(float64(s.delta)))
		switch {
		case s.total:
		case s.delta < 0:
			value = "−" + value // a minus sign, not a hyphen
		default:
			value = "+" + value
		}
		b.Value = label{X: b.X + b.W/2, Y: b.Y - 6, Text: value}
		if i < len(steps)-1 {
			ly := y(float64(level))
			b.Link = &segment{X1: b.X + b.W, Y1: ly, X2: b.X + slot, Y2: ly}
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// heatmap is the logo retention of each cohort at each age.
type heatmap struct {
	Width, Height float64
	Ages          []label
	AgeTitle      label
	Rows          []heatRow
}

type heatRow struct {
	Cohort, Size label
	Cells        []heatCell
}

type heatCell struct {
	X, Y, W, H float64
	Fill, Ink  string
	Text       label // empty when the cell is too narrow for it
}

// newHeatmap lays out the logo retention of cohorts.
func newHeatmap(cohorts []Cohort) heatmap {
	const left, sizeW, top, cellH = 72.0, 44.0, 44.0, 22.0
	c := heatmap{Width: 640}
	ages := len(cohorts)
	cellW := (c.Width - left - sizeW - 12) / float64(max(ages, 1))
	c.Height = top + cellH*float64(len(cohorts)) + 4
	x0 := left + sizeW
	c.AgeTitle = label{X: x0 + cellW*float64(ages)/2, Y: 14, Text: "months since first payment"}
	for a := range ages {
		c.Ages = append(c.Ages, label{X: x0 + cellW*(float64(a)+0.5), Y: top - 8, Text: strconv.Itoa(a)})
	}
	// Colour from the lowest retention shown (at most 50%) to 100%.
	floor := 50.0
	for _, co := range cohorts {
		for _, v := range co.LogoRetention {
			floor = math.Min(floor, math.Floor(v/10)*10)
		}
	}
	for i, co := range cohorts {
		y := top + cellH*float64(i)
		row := heatRow{
			Cohort: label{X: left - 8, Y: y + cellH/2 + 4, Text: co.Cohort},
			Size:   label{X: x0 - 8, Y: y + cellH/2 + 4, Text: strconv.FormatInt(co.Customers[0], 10)},
		}
		for a, v := range co.LogoRetention {
			light := 95 - (v-floor)/(100-floor)*63
			cell := heatCell{
				X: x0 + cellW*float64(a) + 1, Y: y + 1, W: cellW - 2, H: cellH - 2,
				Fill: fmt.Sprintf("hsl(214, 72%%, %.0f%%)", light), Ink: "#1e293b",
			}
			if light < 58 {
				cell.Ink = "#ffffff"
			}
			if cellW >= 26 {
				cell.Text = label{X: cell.X + cell.W/2, Y: y + cellH/2 + 4, Text: strconv.FormatFloat(v, 'f', 0, 64)}
			}
			row.Cells = append(row.Cells, cell)
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// niceStep returns a round step (1, 2, 2.5 or 5 times a power of 10) that
// cuts span into about n parts.
func niceStep(span float64, n int) float64 {
	if !(span > 0) {
		return 1
	}
	raw := span / float64(n)
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*pow >= raw {
			return m * pow
		}
	}
	return 10 * pow
}

func point(x, y float64) string {
	return strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64)
}

// shortMoney prints cents as a short amount in units: 980, 12.3k, 1.25M.
func shortMoney(cents float64) string {
	v := cents / 100
	switch {
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 2, 64) + "M"
	case v >= 1e4:
		return strconv.FormatFloat(v/1e3, 'f', 1, 64) + "k"
	case v >= 1e3:
		return strconv.FormatFloat(v/1e3, 'f', 2, 64) + "k"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}
