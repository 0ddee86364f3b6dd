package main

import (
	"fmt"
	"math"
	"strconv"
)

// heatmap is the retention of each cohort at each age, logo or revenue,
// coloured on one scale from 0% to 100% that its legend shows. It is laid
// out once: a cell is at least minCell units wide, so that "100" fits in
// it, and the chart grows wider with the ages. The page shows it at most
// at its own width and at least at MinWidth CSS pixels, where its numbers
// are still 10 pixels high; below that its section scrolls sideways (a
// phone). A heatmap wider than a desktop column spans the grid's columns.
type heatmap struct {
	frame
	MinWidth  float64
	Span      bool // wider than a column: the section takes the whole row
	Headers   []label
	AgeTitle  label
	Ages      []label
	Rows      []heatRow
	Legend    heatLegend
	SizeTitle string
}

type heatRow struct {
	Cohort, Size label
	Cells        []heatCell
}

type heatCell struct {
	X, Y, W, H float64
	Fill, Ink  string
	Text       label
	Title      string // the tooltip
}

// heatLegend is the colour scale: a swatch every 10%, labelled at 0%, 50%
// and 100%.
type heatLegend struct {
	ID            string
	Width, Height float64
	Swatches      []heatCell
	Low, Mid, Top label
}

const (
	minCell  = 34.0 // units; "100" in 11-unit digits is about 21
	cellH    = 22.0
	heatFont = 11.0
	// minScale is the least a heatmap is shrunk: 11-unit numbers stay at
	// least 10 CSS pixels high, a pixel above what the browser test asks.
	minScale = 10 / heatFont
)

// retentionKind says which retention a heatmap shows.
type retentionKind int

const (
	logoRetention retentionKind = iota
	revenueRetention
)

// newHeatmap lays out the retention of cohorts of the given kind.
func newHeatmap(cohorts []Cohort, kind retentionKind, id string) heatmap {
	const left, top = 64.0, 44.0
	const sizeW = 72.0
	ages := len(cohorts)
	for _, co := range cohorts {
		ages = max(ages, len(co.Customers))
	}
	cellW := math.Max(minCell, math.Min(56, math.Floor((wideWidth-left-sizeW-8)/float64(max(ages, 1)))))
	c := heatmap{frame: frame{ID: id}, SizeTitle: "customers"}
	if kind == revenueRetention {
		c.SizeTitle = "MRR"
	}
	x0 := left + sizeW
	c.Width = x0 + math.Max(cellW*float64(ages)+8, 180) // 180: room for the title of the ages
	c.Height = top + cellH*float64(len(cohorts)) + 4
	c.MinWidth = math.Ceil(c.Width * minScale)
	c.Span = c.Width > wideWidth
	// The title of the ages starts over the first, so that a phone, which
	// scrolls the heatmap sideways, shows it whole.
	c.AgeTitle = label{X: x0, Y: 14, Text: "months since first payment →"}
	c.Headers = []label{{X: left - 6, Y: top - 8, Text: "cohort"}, {X: x0 - 6, Y: top - 8, Text: c.SizeTitle}}
	for a := range ages {
		c.Ages = append(c.Ages, label{X: x0 + cellW*(float64(a)+0.5), Y: top - 8, Text: strconv.Itoa(a)})
	}
	for i, co := range cohorts {
		y := top + cellH*float64(i)
		row := heatRow{Cohort: label{X: left - 6, Y: y + cellH/2 + 4, Text: co.Cohort}}
		values := co.LogoRetention
		var size string
		if len(co.Customers) > 0 {
			size = strconv.FormatInt(co.Customers[0], 10)
		}
		if kind == revenueRetention {
			values = co.RevenueRetention
			if len(co.MRR) > 0 {
				size = shortMoney(float64(co.MRR[0]))
			}
		}
		row.Size = label{X: x0 - 6, Y: y + cellH/2 + 4, Text: size}
		for a, v := range values {
			cell := heatColour(v)
			cell.X, cell.Y, cell.W, cell.H = x0+cellW*float64(a)+1, y+1, cellW-2, cellH-2
			cell.Text = label{X: cell.X + cell.W/2, Y: y + cellH/2 + 4, Text: cellText(v)}
			cell.Title = fmt.Sprintf("cohort %s, month %d: %s of its %s %s", co.Cohort, a, percentText(v), c.SizeTitle, size)
			row.Cells = append(row.Cells, cell)
		}
		c.Rows = append(c.Rows, row)
	}
	c.Legend = newHeatLegend(id+"-legend", kind)
	return c
}

// heatColour is the fill of a cell of v percent, from a pale blue at 0%
// to a dark one at 100% and above, with the ink that reads on it.
func heatColour(v float64) heatCell {
	t := math.Max(0, math.Min(1, v/100))
	light := 96 - 66*t
	c := heatCell{Fill: fmt.Sprintf("hsl(214, 70%%, %.0f%%)", light), Ink: "#1e293b"}
	if light < 60 {
		c.Ink = "#ffffff"
	}
	return c
}

// cellText is a cell's number: the percent, rounded, at most three digits.
func cellText(v float64) string {
	if v >= 999.5 {
		return ">999"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

func newHeatLegend(id string, kind retentionKind) heatLegend {
	const sw, left = 22.0, 4.0
	l := heatLegend{ID: id, Width: left + 11*sw + 28, Height: 34}
	for i := range 11 {
		s := heatColour(float64(10 * i))
		s.X, s.Y, s.W, s.H = left+sw*float64(i), 2, sw, 12
		s.Title = strconv.Itoa(10*i) + "%"
		l.Swatches = append(l.Swatches, s)
	}
	top := "100%"
	if kind == revenueRetention {
		top = "100%+" // revenue retention above 100% has the colour of 100%
	}
	l.Low = label{X: left, Y: 30, Text: "0%"}
	l.Mid = label{X: left + sw*5.5, Y: 30, Text: "50%"}
	l.Top = label{X: left + sw*11, Y: 30, Text: top}
	return l
}
