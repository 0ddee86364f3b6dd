package browsertest

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// layout is what a person sees of the page: where the browser put each
// visible chart, its section and its text, in CSS pixels from the top
// left of the window.
type layout struct {
	InnerWidth  float64 // the window, with its scrollbar
	ClientWidth float64 // the window less its scrollbar
	ScrollWidth float64 // the page; wider than the window means it scrolls sideways
	Content     box     // the page's content box, inside its margins
	Charts      []chart // the charts shown at this width, in the page's order
	Legends     []legend
	Cards       []string // the title of each headline figure
	Opening     string   // the line that says the opening book, if any
	OpeningBars int      // bars of the MRR trend drawn as the opening book
}

type box struct{ Left, Top, Right, Bottom float64 }

func (b box) width() float64 { return b.Right - b.Left }

func (b box) String() string {
	return fmt.Sprintf("[%.1f, %.1f]×[%.1f, %.1f]", b.Left, b.Right, b.Top, b.Bottom)
}

// inside reports whether b is inside o, give or take slack pixels.
func (b box) inside(o box, slack float64) bool {
	return b.Left >= o.Left-slack && b.Right <= o.Right+slack && b.Top >= o.Top-slack && b.Bottom <= o.Bottom+slack
}

// touches reports whether texts in b and o run into each other: they
// share more than a pixel of height, and are less than 2 pixels apart
// side by side.
func (b box) touches(o box) bool {
	return math.Min(b.Right, o.Right)-math.Max(b.Left, o.Left) > -2 && math.Min(b.Bottom, o.Bottom)-math.Max(b.Top, o.Top) > 1
}

// chart is one SVG chart as drawn.
type chart struct {
	ID       string
	Box      box  // the SVG
	Section  box  // the section around it
	Scroller *box // the box it scrolls in sideways, when it does
	Overflow string
	Shapes   int // rect, line, polyline, polygon, circle and text elements
	Dashed   int // polylines of the sBG projection (polyline.sbg)
	Bands    int // shaded intervals of the survival curve (polygon.km-band)
	Texts    []text
	Cells    []cell // of a heatmap
}

// name is the chart's id without the -narrow of its phone layout.
func (c chart) name() string { return strings.TrimSuffix(c.ID, "-narrow") }

// visible is the part of the page the chart takes: its box, or the box it
// scrolls in.
func (c chart) visible() box {
	if c.Scroller != nil {
		return *c.Scroller
	}
	return c.Box
}

// text is a text element: what it says, its box, and its font size in
// CSS pixels as shown (the SVG's font size times its scale).
type text struct {
	Text string
	Box  box
	Px   float64
}

// cell is a heatmap cell and its number.
type cell struct {
	Text      string
	Box, Cell box
	Px        float64
}

// legend is a colour scale: its swatches and the labels under them.
type legend struct {
	ID       string
	Swatches int
	Labels   []string
}

// measureJS measures the page into a layout.
const measureJS = `(() => {
	const box = el => { const r = el.getBoundingClientRect(); return {Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom}; };
	const shown = el => el.getClientRects().length > 0; // display: none has none
	const px = (el, scale) => parseFloat(getComputedStyle(el).fontSize) * scale;
	const main = document.querySelector("main") || document.body, ms = getComputedStyle(main), mb = box(main);
	return {
		InnerWidth: innerWidth,
		ClientWidth: document.documentElement.clientWidth,
		ScrollWidth: document.documentElement.scrollWidth,
		Content: {Left: mb.Left + parseFloat(ms.paddingLeft), Right: mb.Right - parseFloat(ms.paddingRight),
			Top: mb.Top + parseFloat(ms.paddingTop), Bottom: mb.Bottom - parseFloat(ms.paddingBottom)},
		Charts: [...document.querySelectorAll("section svg.plot")].filter(shown).map(svg => {
			const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
			const scroller = svg.closest(".scroll");
			return {
				ID: svg.id, Box: box(svg), Section: box(svg.closest("section")),
				Scroller: scroller ? box(scroller) : null,
				Overflow: scroller ? getComputedStyle(scroller).overflowX : "",
				Shapes: svg.querySelectorAll("rect, line, polyline, polygon, circle, text").length,
				Dashed: svg.querySelectorAll("polyline.sbg").length,
				Bands: svg.querySelectorAll("polygon.km-band").length,
				Texts: [...svg.querySelectorAll("text")].map(t => ({Text: t.textContent, Box: box(t), Px: px(t, scale)})),
				Cells: [...svg.querySelectorAll("g.cell")].map(g => {
					const t = g.querySelector("text");
					return {Text: t.textContent, Box: box(t), Cell: box(g.querySelector("rect")), Px: px(t, scale)};
				}),
			};
		}),
		Legends: [...document.querySelectorAll("svg.legend-scale")].filter(shown).map(svg => ({
			ID: svg.id, Swatches: svg.querySelectorAll("rect").length,
			Labels: [...svg.querySelectorAll("text")].map(t => t.textContent),
		})),
		Cards: [...document.querySelectorAll(".card .k")].map(k => k.textContent),
		Opening: document.querySelector("p.opening")?.textContent ?? "",
		OpeningBars: [...document.querySelectorAll("svg.plot")].filter(shown).map(svg => svg.querySelectorAll("rect.opening").length).reduce((a, b) => a + b, 0),
	};
})()`

// minPx is the smallest text a person reads without effort, in CSS
// pixels.
const minPx = 9

// cardTitle is a headline figure's title with its period: "NPS ·
// 2026-06", "MRR · 2026-06", "CSAT · 2026-Q2".
var cardTitle = regexp.MustCompile(`^[A-Za-z ]+ · [0-9]{4}-([0-9]{2}|Q[1-4])$`)

// checkPage returns what is wrong, at any width, with a page that should
// show the charts want (by id, without -narrow) and heatmaps of ages
// months: the charts are all there and drawn, the MRR trend first; the
// page does not scroll sideways and no chart leaves the window; no text
// is cut off by its chart, runs into another or is smaller than minPx;
// each heatmap number fits its cell; the heatmaps have their legend; and
// each headline figure says its period.
func checkPage(l layout, want []string, ages int) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	shown := map[string]chart{}
	for _, c := range l.Charts {
		shown[c.name()] = c
	}
	for _, id := range want {
		c, ok := shown[id]
		switch {
		case !ok:
			fail("chart %s is not shown", id)
		case c.Box.width() < 250 || c.Box.Bottom-c.Box.Top < 100 || c.Shapes == 0:
			fail("chart %s: %s with %d shapes, want one drawn", c.ID, c.Box, c.Shapes)
		}
	}
	if len(l.Charts) == 0 || l.Charts[0].name() != "mrr-chart" {
		fail("the first chart is not the MRR trend (mrr-chart)")
	}
	if l.ScrollWidth > l.InnerWidth {
		fail("the page is %.0f px wide in a %.0f px window: it scrolls sideways", l.ScrollWidth, l.InnerWidth)
	}
	for _, c := range l.Charts {
		if v := c.visible(); v.Left < 0 || v.Right > l.ClientWidth+0.5 {
			fail("chart %s is at %s, outside the window's 0 to %.0f px", c.ID, v, l.ClientWidth)
		}
		if c.Scroller != nil && c.Box.Right > c.Scroller.Right+0.5 && c.Overflow != "auto" && c.Overflow != "scroll" {
			fail("chart %s is wider than its box, which does not scroll (overflow-x: %s)", c.ID, c.Overflow)
		}
		for i, t := range c.Texts {
			if !t.Box.inside(c.Box, 1) {
				fail("chart %s cuts off its text %q at %s (the chart is %s)", c.ID, t.Text, t.Box, c.Box)
			}
			if t.Px < minPx {
				fail("chart %s: text %q is %.1f px, under %d", c.ID, t.Text, t.Px, minPx)
			}
			for _, u := range c.Texts[i+1:] {
				if t.Box.touches(u.Box) {
					fail("chart %s: texts %q %s and %q %s run into each other", c.ID, t.Text, t.Box, u.Text, u.Box)
				}
			}
		}
	}
	for _, id := range []string{"cohort-chart", "cohort-revenue-chart"} {
		c := shown[id]
		if n := ages * (ages + 1) / 2; len(c.Cells) != n {
			fail("heatmap %s has %d cells, want %d for %d months", id, len(c.Cells), n, ages)
		}
		for _, x := range c.Cells {
			if !x.Box.inside(x.Cell, 0.5) || x.Px < minPx {
				fail("heatmap %s: %q is %.1f px at %s in a cell at %s: it does not fit, or is under %d px", id, x.Text, x.Px, x.Box, x.Cell, minPx)
			}
		}
		if !hasLegend(l.Legends, id+"-legend") {
			fail("heatmap %s has no colour legend from 0%% to 100%% (legends: %+v)", id, l.Legends)
		}
	}
	if c, ok := shown["survival-chart"]; ok && (c.Bands != 1 || c.Box.Right > l.Content.Right+0.5) {
		fail("survival chart %s: %d bands, want 1, within the content's right edge %.0f", c.Box, c.Bands, l.Content.Right)
	}
	if len(l.Cards) == 0 {
		fail("no headline figures")
	}
	for _, k := range l.Cards {
		if !cardTitle.MatchString(k) {
			fail("headline figure %q does not say its period", k)
		}
	}
	return bad
}

func hasLegend(legends []legend, id string) bool {
	for _, l := range legends {
		if l.ID == id && l.Swatches >= 5 && len(l.Labels) > 1 &&
			l.Labels[0] == "0%" && strings.HasPrefix(l.Labels[len(l.Labels)-1], "100%") {
			return true
		}
	}
	return false
}

// rows groups the chart sections by the line of the grid they are on.
func rows(l layout) [][]box {
	var out [][]box
	seen := map[box]bool{}
	for _, c := range l.Charts {
		s := c.Section
		if seen[s] {
			continue
		}
		seen[s] = true
		if n := len(out); n > 0 && math.Abs(out[n-1][0].Top-s.Top) < 1 {
			out[n-1] = append(out[n-1], s)
			continue
		}
		out = append(out, []box{s})
	}
	return out
}

// checkDesktop returns what is wrong with the layout on a desktop: the
// charts are in two columns or more, and each line of them spans the
// content's width.
func checkDesktop(l layout) []string {
	var bad []string
	cols := 0
	for _, r := range rows(l) {
		cols = max(cols, len(r))
		span := r[len(r)-1].Right - r[0].Left
		if len(r) > 1 && span < 0.97*l.Content.width() {
			bad = append(bad, fmt.Sprintf("a line of %d charts spans %.0f of the content's %.0f px", len(r), span, l.Content.width()))
		}
	}
	if cols < 2 {
		bad = append(bad, fmt.Sprintf("the charts are in %d column, want 2 or more side by side", cols))
	}
	return bad
}

// checkPhone returns what is wrong with the layout on a phone: one
// column as wide as the content.
func checkPhone(l layout) []string {
	var bad []string
	for _, r := range rows(l) {
		if len(r) > 1 {
			bad = append(bad, fmt.Sprintf("%d charts side by side at %.0f px", len(r), l.InnerWidth))
		}
		if w := r[0].width(); w < 0.97*l.Content.width() || w > l.Content.width()+0.5 {
			bad = append(bad, fmt.Sprintf("a chart's section is %.0f px in a content %.0f px wide", w, l.Content.width()))
		}
	}
	return bad
}

// checkDrivers returns what is wrong with the key drivers' quadrant
// chart, which the page should show when want is true: one dot and one
// name per driver of the sample (support, price, onboarding, product),
// the four quadrants named, both axes titled, and the whole chart inside
// the window and its section. checkPage has checked already that its
// texts are not cut off and do not run into each other.
func checkDrivers(l layout, want bool) []string {
	var c *chart
	for i := range l.Charts {
		if l.Charts[i].name() == "drivers-chart" {
			c = &l.Charts[i]
		}
	}
	switch {
	case c == nil && !want:
		return nil
	case c == nil:
		return []string{"the key drivers chart is not shown"}
	case !want:
		return []string{"a key drivers chart is shown without rating columns"}
	}
	var bad []string
	texts := map[string]bool{}
	for _, t := range c.Texts {
		texts[t.Text] = true
	}
	for _, s := range []string{"support", "price", "onboarding", "product", "fix first", "keep up", "maintain", "watch",
		"mean rating (performance)", "importance: share of R²"} {
		if !texts[s] {
			bad = append(bad, fmt.Sprintf("the key drivers chart does not say %q", s))
		}
	}
	if !c.Box.inside(c.Section, 0.5) || c.Box.Left < 0 || c.Box.Right > l.ClientWidth+0.5 {
		bad = append(bad, fmt.Sprintf("the key drivers chart at %s is not inside its section %s and the window's %.0f px", c.Box, c.Section, l.ClientWidth))
	}
	if c.Box.width() < 0.9*(c.Section.width()-20) {
		bad = append(bad, fmt.Sprintf("the key drivers chart is %.0f px wide in a section of %.0f px", c.Box.width(), c.Section.width()))
	}
	return bad
}
