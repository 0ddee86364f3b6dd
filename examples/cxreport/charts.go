package main

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The charts of the HTML page are plain SVG, laid out here and in the
// chart_*.go files, one file per chart, and written out by report.html.
// Every coordinate is in SVG user units. A chart is drawn at 100% of its
// section's width, so a unit is about one CSS pixel on a desktop (where a
// chart is laid out 640 units wide) and on a phone (where most charts are
// laid out a second time, 360 units wide, and the page shows the one that
// fits: see report.html's media queries). Text is 12 units, 11 in the
// cohort cells.

// The widths the charts are laid out at: a desktop column, and a phone.
const (
	wideWidth   = 640.0
	narrowWidth = 360.0
)

// Which of a chart's layouts the page shows at a given width (report.html
// hides the other with its media queries).
const (
	onlyWide   = "only-wide"
	onlyNarrow = "only-narrow"
)

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

// segment is a straight line.
type segment struct{ X1, Y1, X2, Y2 float64 }

// frame is what every chart's SVG element needs: its id, the class that
// says at which widths the page shows it, and its size in user units.
type frame struct {
	ID, Class     string
	Width, Height float64
}

// layouts is one chart laid out for a desktop column and for a phone.
type layouts[T any] struct {
	Wide, Narrow T
}

// bothWidths lays out a chart at the two widths, with id on the desktop
// layout and id-narrow on the phone's.
func bothWidths[T any](id string, lay func(f frame) T) layouts[T] {
	return layouts[T]{
		Wide:   lay(frame{ID: id, Class: onlyWide, Width: wideWidth}),
		Narrow: lay(frame{ID: id + "-narrow", Class: onlyNarrow, Width: narrowWidth}),
	}
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

// niceRange widens lo to hi to multiples of a round step, about n of
// them, and returns the step.
func niceRange(lo, hi float64, n int) (float64, float64, float64) {
	step := niceStep(hi-lo, n)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	if hi-lo < step {
		hi = lo + step
	}
	return lo, hi, step
}

// steps returns lo, lo+step, … up to hi.
func steps(lo, hi, step float64) []float64 {
	var vs []float64
	for i := 0; ; i++ {
		v := lo + float64(i)*step
		if v > hi+step/1e6 {
			return vs
		}
		vs = append(vs, v)
	}
}

// thinLabels returns which of n evenly spaced x labels, slot units apart,
// to show so that labels width units wide do not touch: every k-th, with
// k one of 1, 2, 3, 4, 6, 12 or a multiple of 12, so that monthly labels
// fall on the same months of each year. index(i) is the calendar index
// of the i-th label (months since year 0), or i when there is none.
func thinLabels(n int, slot, width float64, index func(int) int) []bool {
	k := 1
	need := int(math.Ceil(width / math.Max(slot, 1e-9)))
	for _, c := range []int{1, 2, 3, 4, 6, 12} {
		if k = c; c >= need {
			break
		}
	}
	if need > 12 {
		k = (need + 11) / 12 * 12
	}
	show := make([]bool, n)
	shown := false
	for i := range n {
		show[i] = index(i)%k == 0
		shown = shown || show[i]
	}
	if n > 0 && !shown {
		show[0] = true // a span shorter than k, with no round month in it
	}
	return show
}

// monthIndex returns the months since year 0 of a period "YYYY-MM", or
// of the first month of "YYYY-Qn", and false for anything else.
func monthIndex(period string) (int, bool) {
	if len(period) != 7 || period[4] != '-' {
		return 0, false
	}
	y, err := strconv.Atoi(period[:4])
	if err != nil {
		return 0, false
	}
	if period[5] == 'Q' {
		q, err := strconv.Atoi(period[6:])
		return y*12 + (q-1)*3, err == nil && q >= 1 && q <= 4
	}
	m, err := strconv.Atoi(period[5:])
	return y*12 + m - 1, err == nil && m >= 1 && m <= 12
}

// periodIndex is the index for thinLabels of periods, by calendar when
// they are months or quarters and by position otherwise.
func periodIndex(periods []string) func(int) int {
	return func(i int) int {
		m, ok := monthIndex(periods[i])
		if !ok {
			return i
		}
		if periods[i][5] == 'Q' {
			return m / 3
		}
		return m
	}
}

// cut shortens s to at most n characters, the last of them "…", for a
// chart label; the page shows it whole in a tooltip and in the tables.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func point(x, y float64) string {
	return strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64)
}

// shortMoney prints cents as a short amount in units: 980, 12.3k, 1.25M.
func shortMoney(cents float64) string {
	if cents < 0 {
		return "−" + shortMoney(-cents) // a minus sign, not a hyphen
	}
	v := cents / 100
	switch {
	case v >= 1e9:
		return strconv.FormatFloat(v/1e9, 'f', 2, 64) + "B"
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 2, 64) + "M"
	case v >= 1e4:
		return strconv.FormatFloat(v/1e3, 'f', 1, 64) + "k"
	case v >= 1e3:
		return strconv.FormatFloat(v/1e3, 'f', 2, 64) + "k"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// compactMoney prints cents in at most three digits: 980, 5.1k, 12k,
// 112k, 1.3M.
func compactMoney(cents float64) string {
	if cents < 0 {
		return "−" + compactMoney(-cents)
	}
	v := cents / 100
	for _, u := range []struct {
		size float64
		name string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}} {
		if v >= u.size {
			x := v / u.size
			if x < 9.95 {
				return strconv.FormatFloat(x, 'f', 1, 64) + u.name
			}
			return strconv.FormatFloat(x, 'f', 0, 64) + u.name
		}
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// percentText prints a percent with at most one decimal: 12.5%, 100%.
func percentText(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + "%"
}
