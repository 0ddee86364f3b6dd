package cxmetrics

import (
	"math"
	"testing"
)

func TestLnGammaRise(t *testing.T) {
	// mpmath at 40 digits: mp.loggamma(x+e) - mp.loggamma(x), with x and
	// e the float64 values and their sum exact.
	for _, tc := range []struct{ x, e, want float64 }{
		{100000000.0, 0.3, 5.5262042221357094},
		{10.0, 1e-10, 2.2517525890719795e-10},
		{0.5, -0.4, 1.6803477088095061},
		{1e-08, 1.0, -18.420680743952365},
		{3.0, 1e-12, 9.2278433509866459e-13},
		{25.0, 2.5, 8.1202614307641845},
		{1.0, 100000000.0, 1742068084.5245155},
		{2.5, -1e-09, -7.0315664040006435e-10},
		{1000000000000000.0, 0.001, 0.034538776394910685},
		{9.5, 0.7, 1.5649333234382831},
		{3.783, -0.343, -0.39062223677080932},
		{1003.783, -0.343, -2.3704256607935321},
		{12.0, -11.9, -15.249595194139676},
		{0.001, 0.5, -6.3367749878848219},
	} {
		got := lnGammaRise(tc.x, tc.e)
		if math.Abs(got-tc.want) > 4e-15*math.Abs(tc.want) {
			t.Errorf("lnGammaRise(%v, %v) = %.17g, want %.17g (relative error %.1e)", tc.x, tc.e, got, tc.want, math.Abs(got/tc.want-1))
		}
	}
	if got := lnGammaRise(7, 0); got != 0 {
		t.Errorf("lnGammaRise(7, 0) = %v", got)
	}
}

func TestAliveSum(t *testing.T) {
	// Beyond 64 opportunities aliveSum takes the closed form; here it is
	// checked against the sum it closes, term by term: term k is the one
	// before times (d + k − 1)/(γ + d + k − 1).
	for _, g := range []float64{1e-8, 0.3, 0.657, 1 - 1e-9, 1, 1 + 1e-12, 1.5, 40, 1e6} {
		for _, d := range []float64{1e-6, 0.8, 2.783, 100, 1e6} {
			for _, n := range []float64{65, 100, 777, 5000} {
				want, a := 0.0, 1.0
				for k := 0.0; k < n; k++ {
					a *= (d + k) / (g + d + k)
					want += a
				}
				got := aliveSum(g, d, n)
				// The closed form is a difference of log-gamma differences
				// that are close where d ≫ n: a relative 1e-15 × d/n.
				tol := (1e-12 + 1e-14*d/n) * want
				if !(math.Abs(got-want) <= tol) {
					t.Errorf("aliveSum(%v, %v, %v) = %.17g, term by term %.17g (relative error %.1e)", g, d, n, got, want, math.Abs(got/want-1))
				}
			}
		}
	}
}

func TestPlainRFM(t *testing.T) {
	// plainRFM says yes exactly to the possible histories, as RFM's doc
	// defines them, and checkRFM refuses the others with an error.
	ok := func(v float64) bool { return v >= 0 && !math.IsInf(v, 1) } // NaN fails
	vals := []float64{0, 1, 2.5, -1, math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, 5e-324}
	for _, x := range []int64{-1, 0, 1, 7} {
		for _, r := range vals {
			for _, tt := range vals {
				for _, m := range vals {
					c := RFM{Frequency: x, Recency: r, T: tt, Monetary: m}
					want := x >= 0 && ok(r) && ok(tt) && ok(m) && r <= tt && (x > 0 || r == 0)
					if plainRFM(c) != want || (checkRFM(0, c) == nil) != want {
						t.Errorf("%+v: plainRFM %v, checkRFM %v; want possible = %v", c, plainRFM(c), checkRFM(0, c), want)
					}
				}
			}
		}
	}
}
