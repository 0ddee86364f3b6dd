package main

import (
	"fmt"
	"strings"

	"github.com/cxmetrics/cxmetrics"
)

// This file holds the tests of a metric that look at many figures at
// once: each segment against the rest and every pair of segments
// (cxmetrics.CompareSegmentsNPS and the others), the changes of the
// segments between the last two periods, whose p-values are adjusted
// together (cxmetrics.AdjustP), and the trend over the periods
// (cxmetrics.NPSTrend and the others).

// SegmentTests are a metric's segments compared over all periods: each
// against the rest of the segments, and every pair. Each list is a family
// whose p-values are adjusted together.
type SegmentTests struct {
	Note   string        `json:"note"` // "p-values adjusted for 3 comparisons by Holm's method"
	VsRest []SegmentTest `json:"vs_rest"`
	Pairs  []SegmentTest `json:"pairs"` // null when there are more than maxPairSegments segments
	// PairsNote says how the pairs were adjusted, or why they are not shown.
	PairsNote string `json:"pairs_note"`
	Absent    string `json:"absent,omitempty"` // why there are no tests: VsRest and Pairs are then null
}

// SegmentTest is one comparison of SegmentTests: Segment minus the rest,
// or minus Other.
type SegmentTest struct {
	Segment     string  `json:"segment"`
	Other       string  `json:"other,omitempty"` // "" against the rest
	Diff        float64 `json:"diff"`
	Lo          float64 `json:"lo"` // the interval of Diff, for this one test
	Hi          float64 `json:"hi"`
	P           float64 `json:"p"`
	AdjustedP   float64 `json:"adjusted_p"`
	Significant bool    `json:"significant"` // AdjustedP < 1 − confidence
}

// TrendFigure is the linear trend of a metric over its last periods.
type TrendFigure struct {
	From        string  `json:"from"`
	To          string  `json:"to"`
	Periods     int     `json:"periods"`
	Slope       float64 `json:"slope"` // change per period, in the score's unit
	Lo          float64 `json:"lo"`
	Hi          float64 `json:"hi"`
	P           float64 `json:"p"`
	Significant bool    `json:"significant"`
}

// maxPairSegments is the most segments whose pairs the report shows: 8
// segments make 28 pairs. The pairs of more are still adjusted as one
// family of all of them, but not listed.
const maxPairSegments = 8

// adjustmentNames are the values of -adjust.
var adjustmentNames = map[string]cxmetrics.Adjustment{
	"holm":       cxmetrics.Holm,
	"bh":         cxmetrics.BenjaminiHochberg,
	"bonferroni": cxmetrics.Bonferroni,
	"none":       cxmetrics.NoAdjustment,
}

// adjustmentNote says how the p-values of n comparisons were adjusted.
func adjustmentNote(n int, method cxmetrics.Adjustment) string {
	comparisons := plural(int64(n), "comparison")
	switch method {
	case cxmetrics.Holm:
		return "p-values adjusted for " + comparisons + " by Holm's method"
	case cxmetrics.BenjaminiHochberg:
		return "p-values adjusted for " + comparisons + " by the Benjamini-Hochberg method"
	case cxmetrics.Bonferroni:
		return "p-values adjusted for " + comparisons + " by Bonferroni's method"
	}
	return "p-values not adjusted for " + comparisons + " (-adjust none)"
}

// addComparisons adds to m, the metric of question q with tallies g, the
// tests across segments and the trend, and adjusts the p-values of its
// segment changes together.
func addComparisons(m *Metric, q question, g tallyGroups, a *answers, confidence float64) error {
	method := a.config.adjust
	alpha := 1 - confidence
	if n := len(m.SegmentChanges); n > 0 {
		p := make([]float64, n)
		for i, c := range m.SegmentChanges {
			p[i] = c.P
		}
		adj, err := cxmetrics.AdjustP(p, method)
		if err != nil {
			return fmt.Errorf("%s: segment changes: %w", q, err)
		}
		for i := range m.SegmentChanges {
			c := &m.SegmentChanges[i]
			c.AdjustedP = ptr(round(adj[i]))
			c.Significant = adj[i] < alpha
		}
		m.ChangesNote = adjustmentNote(n, method)
	}
	if len(g.segments) >= 2 {
		m.SegmentTests = segmentTests(q, g, a.config, confidence)
	}
	m.Trend, m.TrendNote = metricTrend(q, *m, g.periods, a.config, confidence)
	return nil
}

// segmentTests compares the segments of g, all periods together: each
// against the rest and every pair. A comparison the library cannot make
// (too many segments, a CES segment of one answer) leaves the tests
// absent, and says why.
func segmentTests(q question, g tallyGroups, cfg answerConfig, confidence float64) *SegmentTests {
	segs := g.bySegment
	var sc cxmetrics.SegmentComparisons
	var err error
	switch q {
	case nps:
		sc, err = cxmetrics.CompareSegmentsNPS(segs, confidence, cfg.adjust)
	case csat:
		sc, err = cxmetrics.CompareSegmentsCSAT(segs, confidence, cfg.adjust)
	case ces:
		sc, err = cxmetrics.CompareSegmentsCES(segs, cfg.cesDirection, confidence, cfg.adjust)
	}
	if err != nil {
		return &SegmentTests{Absent: "segments not compared: " + strings.ReplaceAll(err.Error(), "cxmetrics: ", "")}
	}
	alpha := 1 - confidence
	row := func(c cxmetrics.SegmentComparison) SegmentTest {
		return SegmentTest{
			Segment: c.Segment, Other: c.Other,
			Diff: round(c.Diff), Lo: round(c.Interval.Lo), Hi: round(c.Interval.Hi),
			P: round(c.P), AdjustedP: round(c.AdjustedP), Significant: c.Significant(alpha),
		}
	}
	t := &SegmentTests{Note: adjustmentNote(len(sc.VsRest), sc.Method)}
	for _, c := range sc.VsRest {
		t.VsRest = append(t.VsRest, row(c))
	}
	t.PairsNote = adjustmentNote(len(sc.Pairs), sc.Method)
	if len(g.segments) > maxPairSegments {
		t.PairsNote = fmt.Sprintf("%d pairs of %d segments, adjusted together but not listed (at most %d segments are)",
			len(sc.Pairs), len(g.segments), maxPairSegments)
		return t
	}
	for _, c := range sc.Pairs {
		t.Pairs = append(t.Pairs, row(c))
	}
	return t
}

// minTrendPeriods is the fewest periods a trend is reported over: with
// two, it would be the change between them.
const minTrendPeriods = 3

// metricTrend returns the trend of m over its last run of consecutive
// periods (periods are the calendar's, oldest first), or why there is
// none.
func metricTrend(q question, m Metric, periods []int32, cfg answerConfig, confidence float64) (*TrendFigure, string) {
	first := len(periods) - 1
	for first > 0 && periods[first-1] == periods[first]-1 {
		first--
	}
	figs := m.Periods[max(first, 0):]
	unit := "month"
	if cfg.quarterly {
		unit = "quarter"
	}
	if len(figs) < minTrendPeriods {
		return nil, fmt.Sprintf("no trend: it needs %d consecutive %ss with answers, the last run has %d", minTrendPeriods, unit, len(figs))
	}
	var t cxmetrics.Trend
	var err error
	switch q {
	case nps:
		t, err = cxmetrics.NPSTrend(results[cxmetrics.NPSResult](figs), confidence)
	case csat:
		t, err = cxmetrics.CSATTrend(results[cxmetrics.CSATResult](figs), confidence)
	case ces:
		t, err = cxmetrics.CESTrend(results[cxmetrics.CESResult](figs), confidence)
	}
	if err != nil {
		return nil, fmt.Sprintf("no trend over the last %d %ss: %v", len(figs), unit, err)
	}
	return &TrendFigure{
		From: figs[0].Period, To: figs[len(figs)-1].Period, Periods: t.Periods,
		Slope: round(t.Slope), Lo: round(t.Interval.Lo), Hi: round(t.Interval.Hi),
		P: round(t.P), Significant: t.P < 1-confidence,
	}, ""
}

// results returns the library's results of figs.
func results[R any](figs []Figure) []R {
	out := make([]R, len(figs))
	for i, f := range figs {
		out[i] = f.result.(R)
	}
	return out
}

// describeTrend says a trend in words: "trend over the last 6 months:
// +5.5 points/month (95% interval 3.4 to 7.6), p < 0.001: significant".
func describeTrend(t TrendFigure, metric, period, conf string) string {
	unit := " points/" + period
	if metric == "ces" {
		unit = "/" + period // mean answers
	}
	verdict := "could be noise"
	if t.Significant {
		verdict = "significant"
	}
	return fmt.Sprintf("trend over the last %d %ss (%s to %s): %s%s (%s interval %s to %s), %s: %s",
		t.Periods, period, t.From, t.To, formatSigned(t.Slope, metric), unit, conf,
		format(t.Lo, metric), format(t.Hi, metric), pText(t.P), verdict)
}

// pText writes a p-value as "p 0.003", or "p < 0.001".
func pText(p float64) string {
	if p < 0.001 {
		return "p < 0.001"
	}
	return fmt.Sprintf("p %.3f", p)
}
