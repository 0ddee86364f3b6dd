package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// spendSentinels are the errors the spend model, BG/BB and the lifetime
// value document.
var spendSentinels = []error{cxmetrics.ErrInvalidArgument, cxmetrics.ErrNegative, cxmetrics.ErrInconsistent,
	cxmetrics.ErrOverflow, cxmetrics.ErrOutOfRange, cxmetrics.ErrNoResponses, cxmetrics.ErrUndefined, cxmetrics.ErrNoConvergence}

// checkSpendErr fails t unless err is nil or wraps a documented sentinel.
func checkSpendErr(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range spendSentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("%s: error %v wraps no documented sentinel", what, err)
}

// checkFigure fails t unless v is finite, not −0, and within [lo, hi].
func checkFigure(t *testing.T, what string, v, lo, hi float64) {
	t.Helper()
	if math.IsNaN(v) || math.IsInf(v, 0) || v == 0 && math.Signbit(v) || !(v >= lo && v <= hi) {
		t.Fatalf("%s = %v, want a finite figure in [%v, %v]", what, v, lo, hi)
	}
}

func FuzzGammaGamma(f *testing.F) {
	for _, s := range []struct {
		p, q, g  float64
		x        int64
		tx, T, m float64
	}{
		{6.25, 3.74, 15.44, 2, 30.43, 38.86, 22.345},
		{6.25, 3.74, 15.44, 0, 0, 38.86, 0},
		{1e-8, 1e-8, 1e-8, 1, 1, 1, 1e-300},
		{1e8, 1e8, 1e8, 5000, 5, 5, 1e8},
		{1e-8, 1e8, 1e-8, 3000, 1e-9, 1e-9, 35},
		{1e8, 1e-8, 1e8, 1, 1e12, 1e12, 1e-8},
		{2, 1, 3, 0, 0, 1, 0},           // q = 1: no mean
		{0.1, 0.5, 3, 2, 1, 2, 30},      // px + q < 1
		{1, 2, 3, 1 << 62, 1, 2, 1e300}, // x·m past float64
		{1, 2, 3, 2, 3, 2, 5},           // recency after T
		{-1, 2, 3, 2, 1, 2, 5},
		{math.NaN(), 2, 3, 2, 1, 2, 5},
	} {
		f.Add(s.p, s.q, s.g, s.x, s.tx, s.T, s.m)
	}
	f.Fuzz(func(t *testing.T, p, q, g float64, x int64, tx, T, m float64) {
		model := cxmetrics.GammaGamma{P: p, Q: q, Gamma: g}
		checkGammaGamma(t, model, cxmetrics.RFM{Frequency: x, Recency: tx, T: T, Monetary: m})
		// The same numbers folded into a possible history, so that most
		// runs reach the arithmetic rather than the checks.
		T, tx, m = math.Abs(T), math.Abs(tx), math.Abs(m)
		x = int64(math.Mod(math.Abs(float64(x)), 1e4))
		if x == 0 {
			tx = 0
		}
		checkGammaGamma(t, model, cxmetrics.RFM{Frequency: x, Recency: math.Min(tx, T), T: T, Monetary: m})
	})
}

// checkGammaGamma checks the properties of the figures of model for c:
// each is in its range or an error that wraps a sentinel.
func checkGammaGamma(t *testing.T, model cxmetrics.GammaGamma, c cxmetrics.RFM) {
	t.Helper()
	x, m := c.Frequency, c.Monetary
	ll, err := model.LogLikelihood([]cxmetrics.RFM{c})
	checkSpendErr(t, "LogLikelihood", err)
	if err == nil {
		checkFigure(t, "LogLikelihood", ll, -math.MaxFloat64, math.MaxFloat64)
	}
	e, err := model.ConditionalExpectedSpend(c)
	checkSpendErr(t, "ConditionalExpectedSpend", err)
	mean, merr := model.MeanSpend()
	checkSpendErr(t, "MeanSpend", merr)
	if err != nil {
		return
	}
	checkFigure(t, "ConditionalExpectedSpend", e, math.SmallestNonzeroFloat64, math.MaxFloat64)
	if x == 0 && (merr != nil || e != mean) {
		t.Fatalf("x = 0: spend %v, mean %v (%v)", e, mean, merr)
	}
	// With a finite mean, the expectation is a weighted mean of the
	// population's and the customer's.
	if merr == nil && x > 0 {
		lo, hi := math.Min(mean, m), math.Max(mean, m)
		if e < lo*(1-1e-12) || e > hi*(1+1e-12) {
			t.Fatalf("%+v %+v: spend %v outside [%v, %v]", model, c, e, lo, hi)
		}
	}
}

func FuzzFitGammaGamma(f *testing.F) {
	f.Add(int64(2), 22.345, int64(1), 11.77, int64(7), 73.74)
	f.Add(int64(1), 10.0, int64(1), 10.0, int64(1), 10.0) // no spread at all
	f.Add(int64(3000), 1e-8, int64(1), 1e8, int64(2), 35.0)
	f.Add(int64(0), 0.0, int64(0), 0.0, int64(1), 5.0)
	f.Add(int64(5), 0.0, int64(1), 3.0, int64(2), 4.0)
	f.Fuzz(func(t *testing.T, x1 int64, m1 float64, x2 int64, m2 float64, x3 int64, m3 float64) {
		var customers []cxmetrics.RFM
		for _, c := range [][2]float64{{float64(x1), m1}, {float64(x2), m2}, {float64(x3), m3}} {
			x := int64(c[0])
			rec := 0.0
			if x > 0 {
				rec = 1
			}
			customers = append(customers, cxmetrics.RFM{Frequency: x, Recency: rec, T: 2, Monetary: c[1]})
		}
		m, err := cxmetrics.FitGammaGamma(customers, cxmetrics.MaxIterations(100))
		checkSpendErr(t, "FitGammaGamma", err)
		if err != nil {
			return
		}
		for _, v := range []float64{m.P, m.Q, m.Gamma} {
			checkFigure(t, "a fitted parameter", v, math.SmallestNonzeroFloat64, math.MaxFloat64)
		}
	})
}
