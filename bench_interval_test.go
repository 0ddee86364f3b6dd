package cxmetrics_test

import (
	"fmt"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

var sinkInterval cxmetrics.Interval

var sinkComparison cxmetrics.Comparison

func BenchmarkStats(b *testing.B) {
	nps := mustNPS(b, 412, 301, 187)
	nps2 := mustNPS(b, 455, 290, 160)
	csat := cxmetrics.CSATResult{Satisfied: 812, Total: 1000}
	csat2 := cxmetrics.CSATResult{Satisfied: 790, Total: 950}
	ces := cesOf(b, cxmetrics.CESScale, map[int]int64{1: 3, 2: 4, 3: 8, 4: 10, 5: 20, 6: 25, 7: 30})
	ces2 := cesOf(b, cxmetrics.CESScale, map[int]int64{1: 5, 2: 4, 3: 9, 4: 12, 5: 18, 6: 20, 7: 22})
	w := weighted(b, cxmetrics.NPSScale, []wAnswer{{10, 3}, {9, 1}, {8, 2}, {3, 4}})
	wr, _ := cxmetrics.WeightedNPS(w)
	b.Run("NPSInterval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInterval, _ = nps.Interval(0.95)
		}
	})
	b.Run("CompareNPS", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkComparison, _ = cxmetrics.CompareNPS(nps, nps2, 0.95)
		}
	})
	b.Run("CSATInterval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInterval, _ = csat.Interval(0.95)
		}
	})
	b.Run("CompareCSAT", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkComparison, _ = cxmetrics.CompareCSAT(csat, csat2, 0.95)
		}
	})
	b.Run("CESInterval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInterval, _ = ces.Interval(0.95)
		}
	})
	b.Run("CompareCES", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c, _ := cxmetrics.CompareCES(ces, ces2, 0.95)
			sinkComparison = c.Comparison
		}
	})
	b.Run("WeightedNPSInterval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInterval, _ = wr.Interval(0.95)
		}
	})
}

func BenchmarkWeightedAdd(b *testing.B) {
	// Add keeps running totals, so its time does not grow with the scale.
	for _, points := range []int{11, 1001} {
		b.Run(fmt.Sprintf("points=%d", points), func(b *testing.B) {
			s, err := cxmetrics.NewWeightedSurvey(cxmetrics.Scale{Min: 0, Max: points - 1})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := s.Add(i%points, 1.5); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
