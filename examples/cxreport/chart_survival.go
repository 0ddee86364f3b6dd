package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// survivalChart is the retention curve: the Kaplan–Meier survival by age
// as a step line over its shaded interval, and, when the sBG model fits,
// its survival as a dashed line over the ages observed and the next 12,
// past a dotted line at the longest lifetime observed.
type survivalChart struct {
	frame
	Left, Right, Top, Bottom float64
	Title                    label
	KMKey                    legendItem
	BandKey                  swatch
	BandCaption              label
	SBGKey                   *legendItem
	Ticks                    []tick  // y grid
	Ages                     []label // x labels, thinned to fit
	AgeTicks                 []segment
	AxisTitle                label
	Band                     string // polygon points
	Curve                    string // polyline points
	SBG                      string // polyline points; empty without a fit
	Divider                  *segment
	DividerNote              *label
	Hover                    []hoverColumn
}

// swatch is a small rectangle of a legend.
type swatch struct{ X, Y, W, H float64 }

// newSurvivalChart lays out r at the width of f; conf is "95%".
func newSurvivalChart(r *Retention, conf string, f frame) survivalChart {
	narrow := f.Width < wideWidth
	c := survivalChart{frame: f, Left: 48, Right: f.Width - 14, Top: 44, Title: label{X: 4, Y: 14, Text: "Customers still paying, % of those who started"}}
	height := 220.0
	if narrow {
		c.Top, height, c.Title.Text = 58, 170, "Still paying, %"
	}
	c.Bottom = c.Top + height
	c.Height = c.Bottom + 46
	maxAge := r.MaxAge
	last := maxAge
	if r.SBG != nil {
		last += projectedAges
	}
	// The y axis: from 100% down to the lowest of the band and the
	// projection, in round steps.
	lo := 100.0
	for _, a := range r.Curve {
		lo = math.Min(lo, a.Lo)
	}
	if r.SBG != nil {
		for _, a := range append(append([]AgeSurvival{}, r.SBG.Fitted...), r.SBG.Projection...) {
			lo = math.Min(lo, a.Survival)
		}
	}
	lo, hi, step := niceRange(math.Max(0, lo-2), 100, 4)
	lo = math.Max(lo, 0)
	y := scale(lo, hi, c.Bottom, c.Top)
	for _, v := range steps(lo, hi, step) {
		c.Ticks = append(c.Ticks, tick{Y: y(v), Text: percentText(v)})
	}
	slot := (c.Right - c.Left) / float64(max(last, 1))
	x := func(age int) float64 { return c.Left + slot*float64(age) }
	show := thinLabels(last+1, slot, 22, func(i int) int { return i })
	for a := 0; a <= last; a++ {
		c.AgeTicks = append(c.AgeTicks, segment{X1: x(a), Y1: c.Bottom, X2: x(a), Y2: c.Bottom + 4})
		if show[a] {
			c.Ages = append(c.Ages, label{X: x(a), Y: c.Bottom + 18, Text: strconv.Itoa(a)})
		}
	}
	c.AxisTitle = label{X: (c.Left + c.Right) / 2, Y: c.Bottom + 38, Text: "months since first payment"}

	// The curve is 100% from age 0 and drops at each age to its value
	// there; the band is its interval, step by step, up then back.
	curve := []string{point(x(0), y(100))}
	upper, lower := []string{point(x(0), y(100))}, []string{point(x(0), y(100))}
	prev := SurvivalAge{Survival: 100, Lo: 100, Hi: 100}
	for _, a := range r.Curve {
		curve = append(curve, point(x(a.Age), y(prev.Survival)), point(x(a.Age), y(a.Survival)))
		upper = append(upper, point(x(a.Age), y(prev.Hi)), point(x(a.Age), y(a.Hi)))
		lower = append(lower, point(x(a.Age), y(prev.Lo)), point(x(a.Age), y(a.Lo)))
		prev = a
	}
	for i, j := 0, len(lower)-1; i < j; i, j = i+1, j-1 {
		lower[i], lower[j] = lower[j], lower[i]
	}
	c.Curve = strings.Join(curve, " ")
	c.Band = strings.Join(append(upper, lower...), " ")

	keyY := 14.0
	keyX := c.Right - 246
	if narrow {
		keyY, keyX = 36, 4
	}
	c.KMKey = newLegendItem("km", keyX, keyY, "Kaplan–Meier")
	c.BandKey = swatch{X: keyX + 104, Y: keyY - 9, W: 18, H: 10}
	c.BandCaption = label{X: keyX + 126, Y: keyY, Text: conf + " band"}
	if p := r.SBG; p != nil {
		c.SBGKey = ptr(newLegendItem("sbg", keyX+196, keyY, "sBG"))
		var pts []string
		for _, a := range append(append([]AgeSurvival{}, p.Fitted...), p.Projection...) {
			pts = append(pts, point(x(a.Age), y(a.Survival)))
		}
		c.SBG = strings.Join(pts, " ")
		c.Divider = &segment{X1: x(maxAge), Y1: c.Top, X2: x(maxAge), Y2: c.Bottom}
		c.DividerNote = &label{X: x(maxAge) + 4, Y: c.Top + 12, Text: "projected →"}
	}

	// A tooltip for each age, over the column around it.
	for a := 1; a <= last; a++ {
		c.Hover = append(c.Hover, hoverColumn{X: x(a) - slot/2, Y: c.Top, W: slot, H: c.Bottom - c.Top, Title: ageSummary(r, a, conf)})
	}
	return c
}

// ageSummary is the tooltip of an age of the survival chart.
func ageSummary(r *Retention, age int, conf string) string {
	var parts []string
	if age <= r.MaxAge && age-1 < len(r.Curve) {
		a := r.Curve[age-1]
		parts = append(parts, fmt.Sprintf("%d months: %d at risk, %d churned; %.1f%% still paying (%s interval %.1f%% to %.1f%%)",
			age, a.AtRisk, a.Churned, a.Survival, conf, a.Lo, a.Hi))
	} else {
		parts = append(parts, fmt.Sprintf("%d months: past the longest lifetime observed", age))
	}
	if p := r.SBG; p != nil {
		all := append(append([]AgeSurvival{}, p.Fitted...), p.Projection...)
		if age < len(all) {
			parts = append(parts, fmt.Sprintf("sBG %.1f%%", all[age].Survival))
		}
	}
	return strings.Join(parts, "; ")
}
