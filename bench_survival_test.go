package cxmetrics_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// randomLifetimes returns n lifetimes: continuous durations (distinct,
// the worst case for sorting) or whole months 0 to 47, about 60% churned.
func randomLifetimes(n int, whole bool) []cxmetrics.Lifetime {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]cxmetrics.Lifetime, n)
	for i := range out {
		d := rng.ExpFloat64() * 12
		if whole {
			d = float64(rng.IntN(48))
		}
		out[i] = cxmetrics.Lifetime{Duration: d, Churned: rng.Float64() < 0.6}
	}
	return out
}

// BenchmarkKaplanMeier estimates the curve of 10⁶ lifetimes, with
// durations all distinct or in whole months, and from the life table of
// the months.
func BenchmarkKaplanMeier(b *testing.B) {
	for _, whole := range []bool{false, true} {
		ls := randomLifetimes(1_000_000, whole)
		b.Run(fmt.Sprintf("lifetimes=1e6/whole=%v", whole), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cxmetrics.KaplanMeier(ls, 0.95); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	rows, err := cxmetrics.CountLifetimes(randomLifetimes(1_000_000, true))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("table=48 rows", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cxmetrics.KaplanMeierCounts(rows, 0.95); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLogRank tests two groups of 5×10⁵ lifetimes each.
func BenchmarkLogRank(b *testing.B) {
	ls := randomLifetimes(1_000_000, false)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cxmetrics.LogRank(ls[:500_000], ls[500_000:]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHistoryLifetimes builds the life table of a gen_mrr-like
// history of 10⁵ customers over 24 months, in both orders: the records
// are added once, outside the loop, so this is the cost of the question.
// The cost of following spells while periods close is in
// BenchmarkMRRHistory.
func BenchmarkHistoryLifetimes(b *testing.B) {
	records := syntheticMRR(100_000, 24)
	for _, order := range orders {
		h, err := cxmetrics.NewMRRHistory[int64](24, order)
		if err != nil {
			b.Fatal(err)
		}
		if err := h.AddRecords(slices.Values(records)); err != nil {
			b.Fatal(err)
		}
		for _, spells := range []cxmetrics.Spells{cxmetrics.FirstSpell, cxmetrics.EverySpell} {
			b.Run(fmt.Sprintf("customers=1e5/%v/%v", order, spells), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					rows, err := h.Lifetimes(spells)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := cxmetrics.KaplanMeierCounts(rows, 0.95); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
