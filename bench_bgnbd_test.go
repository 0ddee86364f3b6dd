package cxmetrics_test

import (
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// The benchmarks of BG/NBD, MBG/NBD and BG/BB: fits, the log-likelihood
// pass and PredictAll, on CDNOW and on 10⁵ customers drawn from the
// published CDNOW estimate (bgSimulate, bgnbd_test.go). The side-by-side
// run against lifetimes on 10⁶ customers is examples/btydbench.

func BenchmarkFitBGNBD(b *testing.B) {
	cdnow, _ := cdnowRFM(b)
	synth := bgSimulate(100_000, cdnowBG, false, 7)
	for _, bc := range []struct {
		name      string
		customers []cxmetrics.RFM
		workers   int
	}{
		{"cdnow", cdnow, 1},
		{"synthetic-1e5/workers-1", synth, 1},
		{"synthetic-1e5/workers-2", synth, 2},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cxmetrics.FitBGNBD(bc.customers, cxmetrics.Workers(bc.workers)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(bc.customers)), "customers")
		})
	}
	b.Run("mbgnbd/synthetic-1e5/workers-2", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cxmetrics.FitMBGNBD(synth, cxmetrics.Workers(2)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkBGNBDLogLikelihood(b *testing.B) {
	synth := bgSimulate(100_000, cdnowBG, false, 7)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cdnowBG.LogLikelihood(synth); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(synth)), "ns/customer")
}

// BenchmarkBGNBDPredictAll measures P(alive) and the 52-week conditional
// expectation of 10⁵ customers, and the same one customer at a time.
func BenchmarkBGNBDPredictAll(b *testing.B) {
	synth := bgSimulate(100_000, cdnowBG, false, 7)
	alive := make([]float64, len(synth))
	expected := make([]float64, len(synth))
	for _, workers := range []int{1, 2} {
		b.Run("PredictAll/workers-"+string(rune('0'+workers)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := cdnowBG.PredictAll(synth, 52, alive, expected, cxmetrics.Workers(workers)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(synth)), "ns/customer")
		})
	}
	b.Run("one-at-a-time", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i, c := range synth {
				alive[i], _ = cdnowBG.ProbabilityAlive(c)
				expected[i], _ = cdnowBG.ConditionalExpectedPurchases(c, 52)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(synth)), "ns/customer")
	})
}

func BenchmarkFitBGBB(b *testing.B) {
	rows, weights := donations(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cxmetrics.FitBGBB(rows, weights); err != nil {
			b.Fatal(err)
		}
	}
}
