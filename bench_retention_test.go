package cxmetrics_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// Sinks keep the compiler from dropping the benchmarked calls.
var (
	sinkFloat  float64
	sinkInt    int64
	sinkBool   bool
	sinkHealth cxmetrics.HealthResult
	sinkErr    error
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
				sinkFloat, sinkErr = bm.f(p)
			}
		})
	}
	b.Run("Lost", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInt = p.Lost()
		}
	})
	b.Run("Validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkErr = p.Validate()
		}
	})
}

func BenchmarkAnnualize(b *testing.B) {
	b.Run("AnnualizeChurn", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.AnnualizeChurn(5, 12)
		}
	})
	b.Run("PeriodicChurn", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.PeriodicChurn(45.96, 12)
		}
	})
}

func BenchmarkRevenueFigures(b *testing.B) {
	r := cxmetrics.RevenuePeriod{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60}
	for _, bm := range []struct {
		name string
		f    func(cxmetrics.RevenuePeriod) (float64, error)
	}{
		{"NetRevenueRetention", cxmetrics.NetRevenueRetention},
		{"NetRevenueChurn", cxmetrics.NetRevenueChurn},
		{"ChartMogulNetMRRChurn", cxmetrics.ChartMogulNetMRRChurn},
		{"GrossRevenueRetention", cxmetrics.GrossRevenueRetention},
		{"GrossRevenueChurn", cxmetrics.GrossRevenueChurn},
		{"QuickRatio", cxmetrics.QuickRatio},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkFloat, sinkErr = bm.f(r)
			}
		})
	}
	b.Run("ImpliedEnd", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInt, sinkErr = r.ImpliedEnd()
		}
	})
	b.Run("Balanced", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool = r.Balanced()
		}
	})
}

func BenchmarkLifetimeValue(b *testing.B) {
	b.Run("LifetimeValue", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.LifetimeValue(100_00, 80, 5)
		}
	})
	b.Run("DiscountedLifetimeValue", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.DiscountedLifetimeValue(100_00, 80, 5, 1)
		}
	})
	b.Run("LTVToCAC", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.LTVToCAC(1600_00, 500_00)
		}
	})
	b.Run("CACPayback", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.CACPayback(1200_00, 200_00, 80)
		}
	})
}

func BenchmarkHealth(b *testing.B) {
	s := cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: nan, Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10}
	b.Run("HealthScore", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkHealth, sinkErr = cxmetrics.HealthScore(s, w)
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
				sinkFloat, sinkErr = cxmetrics.WeightedScore(signals)
			}
		})
	}
	b.Run("NormalizeSignal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.NormalizeSignal(3, 10, 0)
		}
	})
	b.Run("Band", func(b *testing.B) {
		b.ReportAllocs()
		var band cxmetrics.Band
		for b.Loop() {
			band, sinkErr = cxmetrics.DefaultHealthBands.Band(62)
		}
		sinkInt = int64(band)
	})
}

func BenchmarkEngagement(b *testing.B) {
	b.Run("AverageTimeOnSite", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.AverageTimeOnSite(50*time.Hour, 1000)
		}
	})
	b.Run("PurchaseFrequency", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.PurchaseFrequency(1500, 1000)
		}
	})
	b.Run("RepeatPurchaseRate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkFloat, sinkErr = cxmetrics.RepeatPurchaseRate(280, 1000)
		}
	})
}

// TestRetentionFiguresDoNotAllocate checks the benchmarks' promise of 0
// allocations on the success path of every figure.
func TestRetentionFiguresDoNotAllocate(t *testing.T) {
	p := cxmetrics.Period{Start: 1000, End: 1050, New: 100}
	r := cxmetrics.RevenuePeriod{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60}
	s := cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: nan, Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10}
	signals := []cxmetrics.Signal{{Name: "a", Score: 50, Weight: 1}, {Name: "b", Score: nan, Weight: 2}}
	allocs := testing.AllocsPerRun(100, func() {
		sinkFloat, sinkErr = cxmetrics.RetentionRate(p)
		sinkFloat, sinkErr = cxmetrics.ChurnRate(p)
		sinkFloat, sinkErr = cxmetrics.StripeChurnRate(p)
		sinkFloat, sinkErr = cxmetrics.AnnualizeChurn(5, 12)
		sinkFloat, sinkErr = cxmetrics.PeriodicChurn(45.96, 12)
		sinkFloat, sinkErr = cxmetrics.NetRevenueRetention(r)
		sinkFloat, sinkErr = cxmetrics.NetRevenueChurn(r)
		sinkFloat, sinkErr = cxmetrics.ChartMogulNetMRRChurn(r)
		sinkFloat, sinkErr = cxmetrics.GrossRevenueRetention(r)
		sinkFloat, sinkErr = cxmetrics.GrossRevenueChurn(r)
		sinkFloat, sinkErr = cxmetrics.QuickRatio(r)
		sinkBool = r.Balanced()
		sinkFloat, sinkErr = cxmetrics.DiscountedLifetimeValue(100_00, 80, 5, 1)
		sinkFloat, sinkErr = cxmetrics.LTVToCAC(1600_00, 500_00)
		sinkFloat, sinkErr = cxmetrics.CACPayback(1200_00, 200_00, 80)
		sinkHealth, sinkErr = cxmetrics.HealthScore(s, w)
		sinkFloat, sinkErr = cxmetrics.WeightedScore(signals)
		sinkFloat, sinkErr = cxmetrics.NormalizeSignal(3, 10, 0)
		sinkFloat, sinkErr = cxmetrics.AverageTimeOnSite(50*time.Hour, 1000)
		sinkFloat, sinkErr = cxmetrics.PurchaseFrequency(1500, 1000)
		sinkFloat, sinkErr = cxmetrics.RepeatPurchaseRate(280, 1000)
	})
	if allocs != 0 {
		t.Errorf("retention, revenue, LTV, health and engagement figures allocate %v times per run, want 0", allocs)
	}
}
