package cxmetrics_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// Sinks keep the compiler from dropping the benchmarked calls.
var (
	retSinkFloat  float64
	retSinkInt    int64
	retSinkBool   bool
	retSinkHealth cxmetrics.HealthResult
	retSinkErr    error
)

func BenchmarkPeriodFigures(b *testing.B) {
	p := cxmetrics.Period{Start: 1000, End: 1050, New: 100}
	for _, bm := range []struct {
		name string
		f    func(cxmetrics.Period) (float64, error)
	}{
		{"RetentionRate", cxmetrics.RetentionRate},
		{"ChurnRate", cxmetrics.ChurnRate},
		{"StripeChurnRate", cxmetrics.StripeChurnRate},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				retSinkFloat, retSinkErr = bm.f(p)
			}
		})
	}
	b.Run("Lost", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkInt = p.Lost()
		}
	})
	b.Run("Validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkErr = p.Validate()
		}
	})
}

func BenchmarkAnnualize(b *testing.B) {
	b.Run("AnnualizeChurn", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.AnnualizeChurn(5, 12)
		}
	})
	b.Run("PeriodicChurn", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkFloat, retSinkErr = cxmetrics.PeriodicChurn(45.96, 12)
		}
	})
}

func BenchmarkRevenueFigures(b *testing.B) {
	r := cxmetrics.RevenuePeriod{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60}
	for _, bm := range revenueFigures {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				retSinkFloat, retSinkErr = bm.f(r)
			}
		})
	}
	b.Run("ImpliedEnd", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkInt, retSinkErr = r.ImpliedEnd()
		}
	})
	b.Run("Balanced", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			retSinkBool = r.Balanced()
		}
	})
}

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

// TestRetentionFiguresDoNotAllocate checks the benchmarks' promise of 0
// allocations on the success path of every figure.
func TestRetentionFiguresDoNotAllocate(t *testing.T) {
	p := cxmetrics.Period{Start: 1000, End: 1050, New: 100}
	r := cxmetrics.RevenuePeriod{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60}
	s := cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: unknownSignal, Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10}
	signals := []cxmetrics.Signal{{Name: "a", Score: 50, Weight: 1}, {Name: "b", Score: unknownSignal, Weight: 2}}
	allocs := testing.AllocsPerRun(100, func() {
		retSinkFloat, retSinkErr = cxmetrics.RetentionRate(p)
		retSinkFloat, retSinkErr = cxmetrics.ChurnRate(p)
		retSinkFloat, retSinkErr = cxmetrics.StripeChurnRate(p)
		retSinkFloat, retSinkErr = cxmetrics.AnnualizeChurn(5, 12)
		retSinkFloat, retSinkErr = cxmetrics.PeriodicChurn(45.96, 12)
		retSinkFloat, retSinkErr = cxmetrics.NetRevenueRetention(r)
		retSinkFloat, retSinkErr = cxmetrics.NetRevenueChurn(r)
		retSinkFloat, retSinkErr = cxmetrics.ChartMogulNetMRRChurn(r)
		retSinkFloat, retSinkErr = cxmetrics.GrossRevenueRetention(r)
		retSinkFloat, retSinkErr = cxmetrics.GrossRevenueChurn(r)
		retSinkFloat, retSinkErr = cxmetrics.QuickRatio(r)
		retSinkBool = r.Balanced()
		retSinkFloat, retSinkErr = cxmetrics.DiscountedLifetimeValue(100_00, 80, 5, 1)
		retSinkFloat, retSinkErr = cxmetrics.LTVToCAC(1600_00, 500_00)
		retSinkFloat, retSinkErr = cxmetrics.CACPayback(1200_00, 200_00, 80)
		retSinkHealth, retSinkErr = cxmetrics.HealthScore(s, w)
		retSinkFloat, retSinkErr = cxmetrics.WeightedScore(signals)
		retSinkFloat, retSinkErr = cxmetrics.NormalizeSignal(3, 10, 0)
		retSinkFloat, retSinkErr = cxmetrics.AverageTimeOnSite(50*time.Hour, 1000)
		retSinkFloat, retSinkErr = cxmetrics.PurchaseFrequency(1500, 1000)
		retSinkFloat, retSinkErr = cxmetrics.RepeatPurchaseRate(280, 1000)
	})
	if allocs != 0 {
		t.Errorf("retention, revenue, LTV, health and engagement figures allocate %v times per run, want 0", allocs)
	}
}
