package cxmetrics_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

var sinkPs []float64

var sinkSegments cxmetrics.SegmentComparisons

var sinkTrend cxmetrics.Trend

func BenchmarkAdjustP(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	p := make([]float64, 10_000)
	for i := range p {
		p[i] = r.Float64()
	}
	for _, m := range []cxmetrics.Adjustment{cxmetrics.Holm, cxmetrics.BenjaminiHochberg, cxmetrics.Bonferroni} {
		b.Run(fmt.Sprintf("%v/n=%d", m, len(p)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkPs, _ = cxmetrics.AdjustP(p, m)
			}
		})
	}
}

func BenchmarkCompareSegments(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, k := range []int{10, 50} {
		nps := make(map[string]*cxmetrics.Survey, k)
		csat := make(map[string]*cxmetrics.Survey, k)
		for i := range k {
			s := mustSurvey(b, cxmetrics.NPSScale)
			c := mustSurvey(b, cxmetrics.CSATScale)
			for range 200 + r.IntN(800) {
				s.Add(r.IntN(11))
				c.Add(1 + r.IntN(5))
			}
			nps[fmt.Sprintf("segment %02d", i)] = s
			csat[fmt.Sprintf("segment %02d", i)] = c
		}
		b.Run(fmt.Sprintf("NPS/segments=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkSegments, _ = cxmetrics.CompareSegmentsNPS(nps, 0.95, cxmetrics.Holm)
			}
		})
		b.Run(fmt.Sprintf("CSAT/segments=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkSegments, _ = cxmetrics.CompareSegmentsCSAT(csat, 0.95, cxmetrics.BenjaminiHochberg)
			}
		})
		b.Run(fmt.Sprintf("CES/segments=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkSegments, _ = cxmetrics.CompareSegmentsCES(csat, cxmetrics.HigherIsEasier, 0.95, cxmetrics.Holm)
			}
		})
	}
}

func BenchmarkTrend(b *testing.B) {
	nps := make([]cxmetrics.NPSResult, 24)
	csat := make([]cxmetrics.CSATResult, 24)
	for i := range nps {
		nps[i] = mustNPS(b, int64(400+i), 300, int64(200-i))
		csat[i] = cxmetrics.CSATResult{Satisfied: int64(700 + i), Total: 1000}
	}
	b.Run("NPS/periods=24", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkTrend, _ = cxmetrics.NPSTrend(nps, 0.95)
		}
	})
	b.Run("CSAT/periods=24", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkTrend, _ = cxmetrics.CSATTrend(csat, 0.95)
		}
	})
}
