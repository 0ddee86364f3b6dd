package cxmetrics

import (
	"math"
	"testing"
)

// Tests of the pieces inside the t quantile and p-value. The exported
// functions are checked against published tables and mpmath in
// special_test.go; these check each piece against its own definition, so
// that a wrong term cannot hide behind the safeguards of the solver, which
// would still find the right root, only slower.

// relErr returns |got − want| / |want|.
func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }

func TestLogBetaHalf(t *testing.T) {
	// log B(a, 1/2) in mpmath 1.3.0 at 50 digits, log(beta(a, 0.5)).
	// Below a = 20 it is a difference of two lgamma values of up to
	// about 40, which costs about 1.5 digits; from a = 20 on it comes from
	// Stirling's series and is good to a few ulps.
	tests := []struct{ a, want, tol float64 }{
		{0.5, 1.1447298858494001741, 4e-16}, // log π
		{1.5, 0.45158270528945486473, 4e-16},
		{19.75, -0.91288336438488433792, 1e-14},
		{20, -0.91925184440660398648, 4e-16},
		{20.25, -0.92554024111284636328, 4e-16},
		{100, -1.7289701552775226921, 4e-16},
		{1e6, -6.335390211057436965, 4e-16},
	}
	for _, tt := range tests {
		if got := logBetaHalf(tt.a); relErr(got, tt.want) > tt.tol {
			t.Errorf("logBetaHalf(%v) = %.17g, want %.17g (relative error %.2g, want at most %.2g)",
				tt.a, got, tt.want, relErr(got, tt.want), tt.tol)
		}
	}
}

func TestTDensity(t *testing.T) {
	// Closed forms of Student's t density for small df, and mpmath 1.3.0
	// at 50 digits (gamma((df+1)/2) / (sqrt(df π) gamma(df/2)) ·
	// (1 + t²/df)^(−(df+1)/2)) for the rest.
	tests := []struct{ t, df, want float64 }{
		{0, 1, 1 / math.Pi},                              // Cauchy: 1 / (π (1 + t²))
		{2, 1, 1 / (5 * math.Pi)},                        // 1 / (π · 5)
		{1, 2, math.Pow(3, -1.5)},                        // (2 + t²)^(−3/2)
		{3, 2, math.Pow(11, -1.5)},                       // (2 + 9)^(−3/2)
		{1, 3, 6 * math.Sqrt(3) / (math.Pi * 16)},        // 6√3 / (π (3 + t²)²)
		{2, 4, 3.0 / 8 * math.Pow(2, -2.5)},              // (3/8)(1 + t²/4)^(−5/2)
		{0.5, 40, 0.34891946157453687021},                // mpmath
		{3, 40, 0.00618594692519358422},                  // mpmath
		{1.5, 17.77647351617849, 0.12849346199389087238}, // mpmath, R's sleep df
		{2, 1e6, 0.053991060997102184493},                // mpmath
	}
	for _, tt := range tests {
		if got := tDensity(tt.t, tt.df); relErr(got, tt.want) > 1e-14 {
			t.Errorf("tDensity(%v, %v) = %.17g, want %.17g", tt.t, tt.df, got, tt.want)
		}
	}
}

func TestCornishFisherOrder(t *testing.T) {
	// cornishFisherT is Abramowitz and Stegun 26.7.5 up to the term in
	// 1/df⁴, so its error is that of the first omitted term, of order
	// 1/df⁵: doubling df divides it by about 2⁵ = 32. A wrong coefficient
	// in any of the four terms leaves an error of order 1/df⁴ or larger,
	// which doubling df divides by 16 at most. The quantiles are the
	// mpmath values of tTable in special_test.go.
	quantiles := map[float64][2]float64{ // df: 95%, 99%
		10:  {2.2281388519862747, 3.1692726726169512},
		15:  {2.1314495455597757, 2.9467128834752389},
		20:  {2.0859634472658648, 2.8453397097861085},
		30:  {2.0422724563012383, 2.7499956535672253},
		60:  {2.0002978220142605, 2.6602830288550372},
		120: {1.9799304050824408, 2.6174211451068660},
	}
	for _, df := range []float64{10, 15, 30, 60} {
		for i, conf := range []float64{0.95, 0.99} {
			z := normalTwoSided(conf)
			e1 := cornishFisherT(z, df) - quantiles[df][i]
			e2 := cornishFisherT(z, 2*df) - quantiles[2*df][i]
			if ratio := e1 / e2; !(ratio > 26 && ratio < 38) {
				t.Errorf("conf %v: error %.3g at df %v and %.3g at df %v: ratio %.3g, want about 32",
					conf, e1, df, e2, 2*df, ratio)
			}
		}
	}
}

func TestTQuantileNewtonSteps(t *testing.T) {
	// From the Cornish–Fisher start Newton's method lands within 1e-9 of
	// the root in at most two steps and confirms it in the third, over
	// df from 3 to 1e7 and confidence from 1e-6 to 1 − 1e-15. A wrong
	// derivative or start shows here as more steps, though the bracket
	// would still lead to the same root.
	for _, df := range []float64{3, 3.5, 4, 5, 7, 10, 17.77, 30, 60, 120, 1000, 1e5, 1e7} {
		for _, c := range []float64{1e-6, 1e-3, 0.1, 0.3, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1 - 1e-6, 1 - 1e-10, 1 - 1e-15} {
			alpha := 1 - c
			got, steps := tQuantileNewton(alpha, df, cornishFisherT(normalTwoSided(c), df))
			if steps < 1 || steps > 3 {
				t.Errorf("df %v confidence %v: %d steps, want 1 to 3", df, c, steps)
			}
			// The p-value at the root is alpha, to the 1e-9 the p-value
			// is documented to (for df near 1e7 it is good to about
			// 2e-10, the continued fraction's own rounding).
			if p := tTwoSidedP(got, df); relErr(p, alpha) > 1e-9 {
				t.Errorf("df %v confidence %v: P(|T| >= %.17g) = %.17g, want %.17g", df, c, got, p, alpha)
			}
		}
	}
}

func TestTQuantileNewtonBadStart(t *testing.T) {
	// A start that is not a positive finite number is replaced, and a
	// start far from the root, where the p-value is 0 or 1 to double
	// precision and Newton's step is no use, is brought back to t = 1 and
	// walked in by the bracket: the root is the same, in at most 20 steps.
	// The roots are the 95% quantiles of tTable (mpmath), found here by
	// the iteration instead of a closed form or the Cornish–Fisher start.
	roots := map[float64]float64{1: 12.706204736174705, 3: 3.1824463052837096, 30: 2.0422724563012383}
	for _, t0 := range []float64{math.NaN(), 0, -1, math.Inf(1), math.Inf(-1), 1e-300, 1e-3, 1e3, 1e300} {
		for df, want := range roots {
			got, steps := tQuantileNewton(0.05, df, t0)
			if relErr(got, want) > 1e-14 {
				t.Errorf("df %v from %v: %.17g after %d steps, want %.17g", df, t0, got, steps, want)
			}
			if steps < 1 || steps > 20 {
				t.Errorf("df %v from %v: %d steps, want 1 to 20", df, t0, steps)
			}
		}
	}
	// Far out in the tail Newton's step from t = 1 overshoots the bracket
	// and the solver bisects (these cases were found by a random search
	// for starts that reach the bisection). Quantiles by findroot on
	// betainc in mpmath 1.3.0 at 50 digits.
	tail := []struct{ df, alpha, want float64 }{
		{14, 1e-8, 11.937638324302872709},
		{250, 1e-10, 6.7543041462355552744},
	}
	for _, tc := range tail {
		for _, t0 := range []float64{1e100, 1e200} {
			got, steps := tQuantileNewton(tc.alpha, tc.df, t0)
			if relErr(got, tc.want) > 1e-14 || steps < 1 || steps > 20 {
				t.Errorf("df %v alpha %v from %v: %.17g after %d steps, want %.17g in 1 to 20",
					tc.df, tc.alpha, t0, got, steps, tc.want)
			}
		}
	}
}
