package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// paretoSeeds are the histories and parameters that break other
// implementations of the Pareto/NBD (NaN or overflow from ₂F₁): thousands
// of purchases, a last purchase at T, T of 1e-9 and 1e9, parameters at
// 1e-8 and 1e8, α = β and nearly so.
var paretoSeeds = []struct {
	m cxmetrics.ParetoNBD
	c cxmetrics.RFM
}{
	{cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}, cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86}},
	{cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}, cxmetrics.RFM{Frequency: 5000, Recency: 30, T: 39}},
	{cxmetrics.ParetoNBD{R: 10.465, Alpha: 7.98565181e-03, S: 3.0516, Beta: 2.820}, cxmetrics.RFM{Frequency: 400, Recency: 5, T: 6}},
	{cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}, cxmetrics.RFM{Frequency: 3, Recency: 39, T: 39}},
	{cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}, cxmetrics.RFM{T: 1e-9}},
	{cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}, cxmetrics.RFM{Frequency: 1, Recency: 5e-10, T: 1e-9}},
	{cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}, cxmetrics.RFM{Frequency: 10, Recency: 5e8, T: 1e9}},
	{cxmetrics.ParetoNBD{R: 1e-8, Alpha: 1e-8, S: 1e-8, Beta: 1e-8}, cxmetrics.RFM{Frequency: 2, Recency: 30, T: 39}},
	{cxmetrics.ParetoNBD{R: 1e8, Alpha: 1e8, S: 1e8, Beta: 1e8}, cxmetrics.RFM{Frequency: 2, Recency: 30, T: 39}},
	{cxmetrics.ParetoNBD{R: 0.5, Alpha: 1e8, S: 0.6, Beta: 1e-8}, cxmetrics.RFM{Frequency: 2, Recency: 30, T: 39}},
	{cxmetrics.ParetoNBD{R: 0.5, Alpha: 1e-8, S: 0.6, Beta: 1e8}, cxmetrics.RFM{Frequency: 2000, Recency: 1e-9, T: 1e9}},
	{cxmetrics.ParetoNBD{R: 1e8, Alpha: 1, S: 1e8, Beta: 2}, cxmetrics.RFM{Frequency: 2, Recency: 30, T: 39}},
	{cxmetrics.ParetoNBD{R: 1e-8, Alpha: 1e8, S: 1e-8, Beta: 1e-8}, cxmetrics.RFM{Frequency: 0, T: 1e9}},
	{cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 0.7, Beta: 10}, cxmetrics.RFM{Frequency: 4, Recency: 20, T: 39}},
	{cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 0.7, Beta: 10.00000000001}, cxmetrics.RFM{Frequency: 4, Recency: 20, T: 39}},
	{cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 1, Beta: 12}, cxmetrics.RFM{Frequency: 4, Recency: 20, T: 39}},
	{cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 0, Beta: 12}, cxmetrics.RFM{Frequency: 4, Recency: 20, T: 39}},
	{cxmetrics.ParetoNBD{R: math.NaN(), Alpha: 10, S: 1, Beta: 12}, cxmetrics.RFM{Frequency: 4, Recency: 40, T: 39}},
	{cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 0.6, Beta: 12}, cxmetrics.RFM{Frequency: -1, Recency: math.Inf(1), T: -3}},
}

// paretoSentinel reports whether err wraps one of the errors a Pareto/NBD
// method documents.
func paretoSentinel(err error) bool {
	for _, s := range []error{cxmetrics.ErrInvalidArgument, cxmetrics.ErrNegative, cxmetrics.ErrInconsistent, cxmetrics.ErrNoConvergence, cxmetrics.ErrOverflow} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzParetoNBDLikelihood checks the log-likelihood of one customer: an
// error wrapping a documented sentinel or a finite figure, additive over
// customers, and in the time unit as documented: the same history and
// parameters in a unit seven times shorter give x ln 7 less.
func FuzzParetoNBDLikelihood(f *testing.F) {
	for _, s := range paretoSeeds {
		f.Add(s.m.R, s.m.Alpha, s.m.S, s.m.Beta, s.c.Frequency, s.c.Recency, s.c.T)
	}
	f.Fuzz(func(t *testing.T, r, alpha, s, beta float64, x int64, tx, T float64) {
		m := cxmetrics.ParetoNBD{R: r, Alpha: alpha, S: s, Beta: beta}
		c := cxmetrics.RFM{Frequency: x, Recency: tx, T: T}
		ll, err := m.LogLikelihood([]cxmetrics.RFM{c})
		if err != nil {
			if !paretoSentinel(err) {
				t.Fatalf("%+v, %+v: error %v wraps no documented sentinel", m, c, err)
			}
			return
		}
		if math.IsNaN(ll) || math.IsInf(ll, 0) || (ll == 0 && math.Signbit(ll)) {
			t.Fatalf("%+v, %+v: log-likelihood %v", m, c, ll)
		}
		two, err := m.LogLikelihood([]cxmetrics.RFM{c, c})
		if err != nil || math.Abs(two-2*ll) > 1e-12*math.Max(1, math.Abs(ll)) {
			t.Fatalf("%+v, %+v: log-likelihood of two copies %v, %v; of one %v", m, c, two, err, ll)
		}
		// Seven times shorter time unit: α, β and the times times 7.
		m7 := cxmetrics.ParetoNBD{R: r, Alpha: 7 * alpha, S: s, Beta: 7 * beta}
		c7 := cxmetrics.RFM{Frequency: x, Recency: 7 * tx, T: 7 * T}
		if ll7, err := m7.LogLikelihood([]cxmetrics.RFM{c7}); err == nil {
			if want := ll - float64(x)*math.Log(7); math.Abs(ll7-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Fatalf("%+v, %+v: log-likelihood %v, in a unit 7 times shorter %v, want %v", m, c, ll, ll7, want)
			}
		}
	})
}

// FuzzParetoNBDPredictions checks the predictions for one customer and a
// horizon: an error wrapping a documented sentinel or a finite figure,
// probabilities in [0, 1], expectations at least 0 and never −0,
// P(alive) = 1 when the last purchase is at T, nothing expected in no
// time, and more expected in a longer time.
func FuzzParetoNBDPredictions(f *testing.F) {
	for i, s := range paretoSeeds {
		f.Add(s.m.R, s.m.Alpha, s.m.S, s.m.Beta, s.c.Frequency, s.c.Recency, s.c.T, []float64{39, 1e-9, 1e9, 52}[i%4], int64(i*i))
	}
	f.Fuzz(func(t *testing.T, r, alpha, s, beta float64, x int64, tx, T, horizon float64, n int64) {
		m := cxmetrics.ParetoNBD{R: r, Alpha: alpha, S: s, Beta: beta}
		c := cxmetrics.RFM{Frequency: x, Recency: tx, T: T}
		check := func(name string, v float64, err error, hi float64) bool {
			t.Helper()
			if err != nil {
				if !paretoSentinel(err) {
					t.Fatalf("%+v, %+v, t %v, n %d: %s: error %v wraps no documented sentinel", m, c, horizon, n, name, err)
				}
				return false
			}
			if !(v >= 0 && v <= hi) || math.Signbit(v) {
				t.Fatalf("%+v, %+v, t %v, n %d: %s = %v, want in [0, %v]", m, c, horizon, n, name, v, hi)
			}
			return true
		}
		alive, err := m.ProbabilityAlive(c)
		if check("P(alive)", alive, err, 1) && tx == T && alive != 1 {
			t.Fatalf("%+v, %+v: P(alive) = %v with the last purchase at T", m, c, alive)
		}
		e, err := m.ConditionalExpectedPurchases(c, horizon)
		if check("E[Y(t)]", e, err, math.MaxFloat64) {
			if e0, err := m.ConditionalExpectedPurchases(c, 0); err != nil || e0 != 0 || math.Signbit(e0) {
				t.Fatalf("%+v, %+v: E[Y(0)] = %v, %v", m, c, e0, err)
			}
			if e2, err := m.ConditionalExpectedPurchases(c, 2*horizon); err == nil && e2 < e*(1-1e-12) {
				t.Fatalf("%+v, %+v: E[Y(%v)] = %v < E[Y(%v)] = %v", m, c, 2*horizon, e2, horizon, e)
			}
		}
		ex, err := m.ExpectedPurchases(horizon)
		check("E[X(t)]", ex, err, math.MaxFloat64)
		p, err := m.ProbabilityOfPurchases(n, horizon)
		check("P(X(t) = n)", p, err, 1)
	})
}

// FuzzParetoNBDRanges maps its inputs onto the whole range the library
// promises to compute, parameters from 1e-8 to 1e8, x up to 65535, T from
// 1e-9 to 1e9 with t_x anywhere in it, and requires a figure, not an
// error, from every method there, with the properties of
// FuzzParetoNBDPredictions.
func FuzzParetoNBDRanges(f *testing.F) {
	for _, u := range [][8]uint16{
		{0, 0, 0, 0, 0, 0, 0, 0},
		{65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535},
		{32768, 32768, 32768, 32768, 2, 30000, 40000, 40000},
		{0, 65535, 0, 0, 5000, 65535, 65535, 1000},
		{65535, 0, 65535, 65535, 5000, 1, 0, 30000},
		{20000, 40000, 20000, 40000, 100, 65535, 20000, 50000},
	} {
		f.Add(u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7])
	}
	f.Fuzz(func(t *testing.T, ur, ua, us, ub, x, utx, uT, uh uint16) {
		at := func(u uint16, lo, hi float64) float64 { // log-uniform on [lo, hi]
			return lo * math.Pow(hi/lo, float64(u)/65535)
		}
		m := cxmetrics.ParetoNBD{R: at(ur, 1e-8, 1e8), Alpha: at(ua, 1e-8, 1e8), S: at(us, 1e-8, 1e8), Beta: at(ub, 1e-8, 1e8)}
		T := at(uT, 1e-9, 1e9)
		c := cxmetrics.RFM{Frequency: int64(x), T: T}
		if x > 0 {
			c.Recency = math.Min(T, T*float64(utx)/65535)
		}
		horizon := at(uh, 1e-9, 1e9)
		ll, err := m.LogLikelihood([]cxmetrics.RFM{c})
		if err != nil || math.IsNaN(ll) || math.IsInf(ll, 0) {
			t.Fatalf("%+v, %+v: log-likelihood %v, %v", m, c, ll, err)
		}
		alive, err := m.ProbabilityAlive(c)
		if err != nil || !(alive >= 0 && alive <= 1) || math.Signbit(alive) {
			t.Fatalf("%+v, %+v: P(alive) %v, %v", m, c, alive, err)
		}
		e, err := m.ConditionalExpectedPurchases(c, horizon)
		if err != nil || !(e >= 0) || math.IsInf(e, 0) || math.Signbit(e) {
			t.Fatalf("%+v, %+v: E[Y(%v)] %v, %v", m, c, horizon, e, err)
		}
		ex, err := m.ExpectedPurchases(horizon)
		if err != nil || !(ex >= 0) || math.IsInf(ex, 0) {
			t.Fatalf("%+v: E[X(%v)] %v, %v", m, horizon, ex, err)
		}
		p, err := m.ProbabilityOfPurchases(int64(x), horizon)
		if err != nil || !(p >= 0 && p <= 1) || math.Signbit(p) {
			t.Fatalf("%+v: P(X(%v) = %d) %v, %v", m, horizon, x, p, err)
		}
	})
}
