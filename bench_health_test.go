package cxmetrics_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

func BenchmarkLifetimeValue(b *testing.B) {
	b.Run("LifetimeValue", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.LifetimeValue(100_00, 80, 5)
		}
	})
	b.Run("DiscountedLifetimeValue", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.DiscountedLifetimeValue(100_00, 80, 5, 1)
		}
	})
	b.Run("LTVToCAC", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.LTVToCAC(1600_00, 500_00)
		}
	})
	b.Run("CACPayback", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.CACPayback(1200_00, 200_00, 80)
		}
	})
}

func BenchmarkHealth(b *testing.B) {
	s := cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: unknownSignal, Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10}
	b.Run("HealthScore", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkHealth, retSinkErr = cxmetrics.HealthScore(s, w)
		}
	})
	for _, n := range []int{5, 50} {
		signals := make([]cxmetrics.Signal, n)
		for i := range signals {
			signals[i] = cxmetrics.Signal{Name: "s", Score: float64(i % 101), Weight: float64(i%3 + 1)}
		}
		b.Run("WeightedScore/signals="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				retSinkFloat, retSinkErr = cxmetrics.WeightedScore(signals)
			}
		})
	}
	b.Run("NormalizeSignal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.NormalizeSignal(3, 10, 0)
		}
	})
	b.Run("Band", func(b *testing.B) {
		b.ReportAllocs()
		var band cxmetrics.Band
		for b.Loop() {
			band, retSinkErr = cxmetrics.DefaultHealthBands.Band(62)
		}
		retSinkInt = int64(band)
	})
}

func BenchmarkEngagement(b *testing.B) {
	b.Run("AverageTimeOnSite", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.AverageTimeOnSite(50*time.Hour, 1000)
		}
	})
	b.Run("PurchaseFrequency", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.PurchaseFrequency(1500, 1000)
		}
	})
	b.Run("RepeatPurchaseRate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.RepeatPurchaseRate(280, 1000)
		}
	})
}
