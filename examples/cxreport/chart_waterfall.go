package main

import (
	"math"
)

// waterfall is the MRR bridge of one month: start, each movement, end.
type waterfall struct {
	frame
	Left, Right float64
	Ticks       []tick
	Bars        []wbar
	AxisNote    string // says where the y axis starts, when not at 0
}

type wbar struct {
	X, Y, W, H  float64
	Class       string // total, up or down
	Name, Value label
	Link        *segment // a dashed line to the next bar, at the level reached
}

// newWaterfall lays out the movements of p at the width of f. On a phone
// the names of the bars take two rows, every other one lower, so that
// "Reactivation" and "Contraction" do not run into their neighbours.
func newWaterfall(p RevenueFigure, f frame) waterfall {
	narrow := f.Width < wideWidth
	c := waterfall{frame: f, Left: 56, Right: f.Width - 8}
	top, bottom := 24.0, 340.0
	c.Height = 372
	amount := shortMoney
	if narrow {
		// Seven bars in 300 units: values with three digits at most.
		c.Left, c.Right = 48, f.Width-4
		top, bottom = 24, 250
		c.Height = 296
		amount = compactMoney
	}
	moves := []struct {
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
	for _, s := range moves[1 : len(moves)-1] {
		level += s.delta
		levels = append(levels, float64(level))
	}
	levels = append(levels, float64(p.End))
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
	y := scale(lo, hi, bottom, top)
	for _, v := range steps(lo, hi, step) {
		c.Ticks = append(c.Ticks, tick{Y: y(v), Text: shortMoney(v)})
	}
	slot := (c.Right - c.Left) / float64(len(moves))
	level = 0
	for i, s := range moves {
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
		b := wbar{X: c.Left + slot*float64(i) + slot*0.15, W: slot * 0.7, Class: class}
		b.Y, b.H = y(math.Max(from, to)), math.Max(1, math.Abs(y(from)-y(to)))
		b.Name = label{X: b.X + b.W/2, Y: bottom + 18, Text: s.name}
		if narrow && i%2 == 1 {
			b.Name.Y += 16
		}
		value := amount(math.Abs(float64(s.delta)))
		switch {
		case s.total:
		case s.delta < 0:
			value = "−" + value // a minus sign, not a hyphen
		default:
			value = "+" + value
		}
		b.Value = label{X: b.X + b.W/2, Y: b.Y - 6, Text: value}
		if i < len(moves)-1 {
			ly := y(float64(level))
			b.Link = &segment{X1: b.X + b.W, Y1: ly, X2: b.X + slot, Y2: ly}
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}
