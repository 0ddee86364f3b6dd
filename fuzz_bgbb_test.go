package cxmetrics_test

import (
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

func FuzzBGBB(f *testing.F) {
	for _, s := range []struct {
		a, b, g, d float64
		x          int64
		tx, n, t   float64
		w          int64
	}{
		{1.204, 0.750, 0.657, 2.783, 2, 4, 6, 5, 613},
		{1.204, 0.750, 0.657, 2.783, 0, 0, 6, 100, 3464},
		{1e-8, 1e-8, 1e-8, 1e-8, 3, 10, 1000, 64, 1},
		{1e8, 1e8, 1e8, 1e8, 5000, 5000, 5000, 65, math.MaxInt64},
		{1e-8, 1e8, 1e-8, 1e8, 1, 1, 1e6, 1e7, 1 << 40},
		{1e8, 1e-8, 1e8, 1e-8, 2000, 3000, 4000, 1e4, 7},
		{1, 1, 1, 1, 0, 0, 0, 0, 1},            // no opportunities yet
		{0.5, 2, 1, 3, 3, 3, 3, 70, 1},         // γ = 1 exactly
		{0.5, 2, 1 + 1e-12, 3, 3, 3, 3, 70, 1}, // γ next to 1
		{1, 1, 1, 1, 3, 2, 6, 1, 1},            // x > t_x
		{1, 1, 1, 1, 1, 2.5, 6, 1, 1},          // not whole
		{1, 1, 1, 1, 1, 2, 6, -1, -1},          // negative t and weight
		{1, 1, 1, 1, 1, 2, 2e7, 1, 1},          // past MaxOpportunities
		{0, 1, 1, 1, 1, 2, 6, 1, 1},
		// Found by fuzzing: folded to no transaction in 4,801
		// opportunities with α = γ = 10⁻⁸, where ln L is −10⁻¹³ or so.
		{1e-08, 1.00000099e+08, 1e-08, 9.9999853e+07, 78, 1.0 / 3, 1e+06, 3.3333333333333335e+06, 1 << 40},
		// And 16 of 16 with parameters near 10⁻⁸, where α + β + 16 − 16
		// had lost α + β to rounding.
		{2.0000000000000004e-08, 1e-08, 1e-08, 3.3333333333333334e-09, -22, 10, 1000, 16, 1},
	} {
		f.Add(s.a, s.b, s.g, s.d, s.x, s.tx, s.n, s.t, s.w)
	}
	f.Fuzz(func(t *testing.T, a, b, g, d float64, x int64, tx, n, horizon float64, w int64) {
		m := cxmetrics.BGBB{Alpha: a, Beta: b, Gamma: g, Delta: d}
		checkBGBB(t, m, cxmetrics.RFM{Frequency: x, Recency: tx, T: n}, horizon, w)
		// The same numbers folded into a possible history of up to 5,000
		// opportunities, and a horizon in whole opportunities, so that
		// most runs reach the arithmetic rather than the checks.
		nv := math.Mod(math.Abs(math.Trunc(n)), 5001)
		txv := math.Mod(math.Abs(math.Trunc(tx)), nv+1)
		xv := int64(0)
		if txv > 0 {
			xv = 1 + int64(math.Mod(math.Abs(float64(x)), txv))
		}
		hv := math.Mod(math.Abs(math.Trunc(horizon)), 1e6)
		if math.IsNaN(nv) || math.IsNaN(txv) || math.IsNaN(hv) {
			return
		}
		checkBGBB(t, m, cxmetrics.RFM{Frequency: xv, Recency: txv, T: nv}, hv, max(w, 1))
	})
}

// checkBGBB checks the properties of m's figures for customer c, horizon
// and weight w: each is in its range or an error that wraps a sentinel.
func checkBGBB(t *testing.T, m cxmetrics.BGBB, c cxmetrics.RFM, horizon float64, w int64) {
	t.Helper()
	ll, err := m.LogLikelihood([]cxmetrics.RFM{c}, []int64{w})
	checkSpendErr(t, "LogLikelihood", err)
	if err == nil {
		// A log of probabilities, weighted by a positive count.
		checkFigure(t, "LogLikelihood", ll, -math.MaxFloat64, 1e-9*math.Abs(ll))
	}
	p, err := m.ProbabilityAlive(c)
	checkSpendErr(t, "ProbabilityAlive", err)
	if err == nil {
		checkFigure(t, "ProbabilityAlive", p, 0, 1)
	}
	e, err := m.ExpectedPurchases(horizon)
	checkSpendErr(t, "ExpectedPurchases", err)
	if err == nil {
		checkFigure(t, "ExpectedPurchases", e, 0, horizon)
	}
	ce, err := m.ConditionalExpectedPurchases(c, horizon)
	checkSpendErr(t, "ConditionalExpectedPurchases", err)
	if err == nil {
		checkFigure(t, "ConditionalExpectedPurchases", ce, 0, horizon)
	}
	if horizon > 2000 {
		return // P(X(t) = x) takes time proportional to t
	}
	px, err := m.ProbabilityOfPurchases(c.Frequency, horizon)
	checkSpendErr(t, "ProbabilityOfPurchases", err)
	if err != nil || horizon > 40 {
		return
	}
	checkFigure(t, "ProbabilityOfPurchases", px, 0, 1)
	// Over a short horizon, the probabilities of every count add up to
	// 1 and their mean is E[X(t)].
	sum, mean := 0.0, 0.0
	for k := int64(0); k <= int64(horizon); k++ {
		pk, err := m.ProbabilityOfPurchases(k, horizon)
		if err != nil {
			t.Fatalf("P(X(%v) = %d): %v", horizon, k, err)
		}
		sum += pk
		mean += float64(k) * pk
	}
	if math.Abs(sum-1) > 1e-9 || math.Abs(mean-e) > 1e-9*math.Max(1, e) {
		t.Fatalf("%+v, t %v: Σ P = %v, Σ x P = %v, E[X(t)] = %v", m, horizon, sum, mean, e)
	}
}

func FuzzFitBGBB(f *testing.F) {
	f.Add(int64(2), 4.0, int64(613), int64(0), 0.0, int64(3464), 6.0)
	f.Add(int64(6), 6.0, int64(1203), int64(6), 6.0, int64(1), 6.0) // everyone every time
	f.Add(int64(0), 0.0, int64(5), int64(0), 0.0, int64(5), 3.0)    // nobody ever again
	f.Add(int64(1), 1.0, int64(math.MaxInt64), int64(0), 0.0, int64(1), 2.0)
	f.Fuzz(func(t *testing.T, x1 int64, tx1 float64, w1 int64, x2 int64, tx2 float64, w2 int64, n float64) {
		if n > 1000 {
			n = 1000 // keep each fuzz run short
		}
		customers := []cxmetrics.RFM{{Frequency: x1, Recency: tx1, T: n}, {Frequency: x2, Recency: tx2, T: n}}
		m, err := cxmetrics.FitBGBB(customers, []int64{w1, w2}, cxmetrics.MaxIterations(200))
		checkSpendErr(t, "FitBGBB", err)
		if err != nil {
			return
		}
		for _, v := range []float64{m.Alpha, m.Beta, m.Gamma, m.Delta} {
			checkFigure(t, "a fitted parameter", v, math.SmallestNonzeroFloat64, math.MaxFloat64)
		}
	})
}
