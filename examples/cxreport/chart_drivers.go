package main

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// The key drivers chart: importance against performance. Each driver is a
// dot at its mean rating (x) and its share of R² (y); a dashed line at
// the mean of the ratings and one at the mean share cut the plot into
// four quadrants, named in their corners. Top left, important and rated
// low, is where to act first.

// quadrantChart is the importance × performance chart of the drivers.
type quadrantChart struct {
	frame
	Left, Right, Top, Bottom float64
	XTicks, YTicks           []tick
	MeanX, MeanY             float64 // the quadrant lines
	XTitle, YTitle           label
	Corners                  []corner
	Dots                     []driverDot
}

// corner is a quadrant's name, written in its corner.
type corner struct {
	label
	Anchor string // start or end
}

// driverDot is one driver: its dot, its label and its tooltip.
type driverDot struct {
	X, Y   float64
	Class  string // the quadrant, for its colour: q-fix, q-keep, q-maintain, q-watch
	Name   label
	Anchor string
	Title  string
}

// quadrantClasses are the CSS classes of the quadrants.
var quadrantClasses = map[string]string{
	"fix first": "q-fix", "keep up": "q-keep", "maintain": "q-maintain", "watch": "q-watch",
}

// charWidth is the width of a character of 12-unit text, a little more
// than system fonts' average, for keeping labels apart.
const charWidth = 7.0

// newQuadrantChart lays out the drivers of d at the width of f: the x
// axis spans the mean ratings with some room, within d's rating scale;
// the y axis the shares from 0.
func newQuadrantChart(d *DriversReport, f frame) quadrantChart {
	narrow := f.Width < wideWidth
	c := quadrantChart{frame: f, Left: 52, Right: f.Width - 16, Top: 28}
	c.Height = 380
	nameLen := 18
	if narrow {
		c.Height, nameLen = 320, 12
	}
	c.Bottom = c.Height - 48
	k := float64(len(d.Drivers))

	// x: the ratings, with room around them, within the scale.
	slo, shi := 1.0, 5.0
	if sc, err := parseScale(d.Scale); err == nil {
		slo, shi = sc[0], sc[1]
	}
	lo, hi, meanRating, meanShare, top := math.Inf(1), math.Inf(-1), 0.0, 0.0, 0.0
	for _, dr := range d.Drivers {
		lo, hi = math.Min(lo, dr.Mean), math.Max(hi, dr.Mean)
		meanRating += dr.Mean / k
		meanShare += dr.Share / k
		top = math.Max(top, dr.Share)
	}
	pad := math.Max(0.1, (hi-lo)*0.15)
	xlo, xhi, xstep := niceRange(math.Max(slo, lo-pad), math.Min(shi, hi+pad), 5)
	xlo, xhi = math.Max(slo, xlo), math.Min(shi, xhi)
	if narrow && len(steps(xlo, xhi, xstep)) > 6 {
		xstep *= 2
	}
	x := scale(xlo, xhi, c.Left, c.Right)
	for _, v := range steps(xlo, xhi, xstep) {
		c.XTicks = append(c.XTicks, tick{X: x(v), Y: c.Bottom + 22, Text: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	// y: the shares, from 0.
	_, yhi, ystep := niceRange(0, math.Max(top*1.1, 1), 5)
	y := scale(0, yhi, c.Bottom, c.Top)
	for _, v := range steps(0, yhi, ystep) {
		c.YTicks = append(c.YTicks, tick{X: c.Left - 6, Y: y(v) + 4, Text: percentText(v)})
	}
	c.MeanX, c.MeanY = x(meanRating), y(meanShare)
	c.XTitle = label{X: (c.Left + c.Right) / 2, Y: c.Bottom + 40, Text: "mean rating (performance)"}
	c.YTitle = label{X: 8, Y: 14, Text: "importance: share of R²"}

	// The corners' names, then each driver's label where it runs into
	// none of them nor another label.
	var taken []box
	add := func(text string, x, y float64, anchor string) box {
		w := charWidth * float64(utf8.RuneCountInString(text))
		b := box{x, y - 11, x + w, y + 3}
		switch anchor {
		case "end":
			b.x0, b.x1 = x-w, x
		case "middle":
			b.x0, b.x1 = x-w/2, x+w/2
		}
		return b
	}
	for _, q := range []struct {
		name   string
		x, y   float64
		anchor string
	}{
		{"fix first", c.Left + 6, c.Top + 14, "start"}, {"keep up", c.Right - 6, c.Top + 14, "end"},
		{"watch", c.Left + 6, c.Bottom - 6, "start"}, {"maintain", c.Right - 6, c.Bottom - 6, "end"},
	} {
		c.Corners = append(c.Corners, corner{label{X: q.x, Y: q.y, Text: q.name}, q.anchor})
		taken = append(taken, add(q.name, q.x, q.y, q.anchor))
	}
	for _, dr := range d.Drivers {
		dx, dy := x(dr.Mean), y(dr.Share)
		taken = append(taken, box{dx - 6, dy - 6, dx + 6, dy + 6})
	}
	for i, dr := range d.Drivers {
		dx, dy := x(dr.Mean), y(dr.Share)
		text := cut(dr.Name, nameLen)
		dot := driverDot{X: dx, Y: dy, Class: quadrantClasses[dr.Quadrant], Title: driverSummary(dr)}
		candidates := []struct {
			x, y   float64
			anchor string
		}{{dx + 10, dy + 4, "start"}, {dx - 10, dy + 4, "end"}, {dx, dy - 11, "middle"}, {dx, dy + 20, "middle"}}
		dot.Name, dot.Anchor = label{X: candidates[0].x, Y: candidates[0].y, Text: text}, candidates[0].anchor
		for _, p := range candidates {
			b := add(text, p.x, p.y, p.anchor)
			if b.x0 < 0 || b.x1 > f.Width || b.y0 < 0 || b.y1 > c.Bottom || b.overlapsAny(taken, i+4) {
				continue
			}
			dot.Name, dot.Anchor = label{X: p.x, Y: p.y, Text: text}, p.anchor
			break
		}
		taken = append(taken, add(text, dot.Name.X, dot.Name.Y, dot.Anchor))
		c.Dots = append(c.Dots, dot)
	}
	return c
}

// box is a rectangle of a chart, for keeping labels apart.
type box struct{ x0, y0, x1, y1 float64 }

// overlapsAny reports whether b overlaps any of boxes but the one at
// index self (its own dot), with 2 units to spare.
func (b box) overlapsAny(boxes []box, self int) bool {
	for i, o := range boxes {
		if i != self && b.x0 < o.x1+2 && o.x0 < b.x1+2 && b.y0 < o.y1+2 && o.y0 < b.y1+2 {
			return true
		}
	}
	return false
}

// parseScale reads "1-5" into its two ends.
func parseScale(s string) ([2]float64, error) {
	var lo, hi float64
	if _, err := fmt.Sscanf(s, "%g-%g", &lo, &hi); err != nil || !(lo < hi) {
		return [2]float64{}, fmt.Errorf("scale %q", s)
	}
	return [2]float64{lo, hi}, nil
}

// driverSummary is the tooltip of a driver.
func driverSummary(dr DriverFigure) string {
	s := fmt.Sprintf("%s: importance %.1f%% of R²", dr.Name, dr.Share)
	if dr.ShapleyShare != nil {
		s += fmt.Sprintf(" (Shapley %.1f%%)", *dr.ShapleyShare)
	}
	return s + fmt.Sprintf(", mean rating %.2f, correlation %.2f: %s", dr.Mean, dr.Correlation, dr.Quadrant)
}
