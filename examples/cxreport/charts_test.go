package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTrendGaps checks that a month without a figure is a gap in its
// line, never a point at 0: NRR and churn do not exist for a month that
// starts with nothing, here the first and the third.
func TestTrendGaps(t *testing.T) {
	periods := []RevenueFigure{
		{Period: "2024-01", End: 100},
		{Period: "2024-02", End: 100, NRR: ptr(100.0), Churn: ptr(0.0)},
		{Period: "2024-03", End: 100},
		{Period: "2024-04", End: 100, NRR: ptr(90.0), Churn: ptr(10.0)},
		{Period: "2024-05", End: 100, NRR: ptr(95.0), Churn: ptr(5.0)},
	}
	c := newTrendChart(periods, "", frame{Width: wideWidth})
	for _, s := range append(c.Retention.Lines, c.Churn.Lines...) {
		if s.Class == "grr" {
			continue // all null: nothing drawn
		}
		// February alone is a dot; April and May a line and two dots.
		if len(s.Paths) != 1 || len(s.Dots) != 3 {
			t.Errorf("%s: %d lines and %d dots, want 1 and 3", s.Class, len(s.Paths), len(s.Dots))
		}
		for _, d := range s.Dots {
			if math.Abs(d.X-c.Hover[0].X-c.Hover[0].W/2) < 1 || math.Abs(d.X-c.Hover[2].X-c.Hover[2].W/2) < 1 {
				t.Errorf("%s: a dot at x %.1f, in a month without the figure", s.Class, d.X)
			}
		}
	}
	for _, s := range c.Retention.Lines {
		if s.Class == "grr" && (len(s.Paths) > 0 || len(s.Dots) > 0) {
			t.Errorf("GRR, null every month, is drawn: %+v", s)
		}
	}
}

// TestThinLabels checks which months are labelled on a time axis: every
// month when there is room, else every 2, 3, 4, 6 or 12, on the same
// calendar months each year.
func TestThinLabels(t *testing.T) {
	months := func(first string, n int) []string {
		m, _ := monthIndex(first)
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("%04d-%02d", (m+i)/12, (m+i)%12+1))
		}
		return out
	}
	tests := []struct {
		name   string
		names  []string
		slot   float64
		labels []string
	}{
		{"6 months, room for each", months("2026-01", 6), 90, months("2026-01", 6)},
		{"12 months in a desktop column: every 2", months("2025-07", 12), 47.7,
			[]string{"2025-07", "2025-09", "2025-11", "2026-01", "2026-03", "2026-05"}},
		{"24 months in a desktop column: quarters", months("2024-07", 24), 23.8,
			[]string{"2024-07", "2024-10", "2025-01", "2025-04", "2025-07", "2025-10", "2026-01", "2026-04"}},
		{"24 months on a phone: halves", months("2024-07", 24), 12.2,
			[]string{"2024-07", "2025-01", "2025-07", "2026-01"}},
		{"a short span with no round month: the first", months("2024-02", 2), 10, []string{"2024-02"}},
		{"quarters, every 2: Q1 and Q3", []string{"2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"}, 40, []string{"2025-Q3", "2026-Q1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for i, show := range thinLabels(len(tt.names), tt.slot, 56, periodIndex(tt.names)) {
				if show {
					got = append(got, tt.names[i])
				}
			}
			if diff := cmp.Diff(tt.labels, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHeatmapSize checks that a heatmap grows with its ages rather than
// shrinking its cells: "100" in 11-unit digits (about 21 units) fits a
// cell of every age, and the page never shows it smaller than 10 px.
func TestHeatmapSize(t *testing.T) {
	for _, ages := range []int{1, 12, 24, 60} {
		t.Run(fmt.Sprint(ages, " months"), func(t *testing.T) {
			cohorts := make([]Cohort, ages)
			for i := range cohorts {
				n := ages - i
				cohorts[i] = Cohort{Cohort: "2024-01", Customers: make([]int64, n), MRR: make([]int64, n),
					LogoRetention: make([]float64, n), RevenueRetention: make([]float64, n)}
			}
			h := newHeatmap(cohorts, logoRetention, "cohort-chart")
			if w := h.Rows[0].Cells[0].W; w < minCell-2 {
				t.Errorf("cells %.1f units wide, want %.0f or more", w, minCell-2)
			}
			if scale := h.MinWidth / h.Width; scale*heatFont < 10-1e-9 {
				t.Errorf("shown at %.2f of its size at least: %.1f px digits", scale, scale*heatFont)
			}
			if h.Span != (h.Width > wideWidth) {
				t.Errorf("%.0f units wide, spanning the grid: %v", h.Width, h.Span)
			}
		})
	}
}

// TestMoney checks the short amounts of the charts, from cents.
func TestMoney(t *testing.T) {
	tests := []struct {
		cents          float64
		short, compact string
	}{
		{98000, "980", "980"},
		{507000, "5.07k", "5.1k"},
		{1238000, "12.4k", "12k"},
		{11240000, "112.4k", "112k"},
		{135000000, "1.35M", "1.4M"},
		{-48700, "−487", "−487"},
	}
	for _, tt := range tests {
		if got := shortMoney(tt.cents); got != tt.short {
			t.Errorf("shortMoney(%v) = %q, want %q", tt.cents, got, tt.short)
		}
		if got := compactMoney(tt.cents); got != tt.compact {
			t.Errorf("compactMoney(%v) = %q, want %q", tt.cents, got, tt.compact)
		}
	}
}
