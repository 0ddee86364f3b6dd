package cxmetrics_test

import (
	"testing"

	"github.com/cxmetrics/cxmetrics"
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
