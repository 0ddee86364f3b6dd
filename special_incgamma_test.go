package cxmetrics

import (
	"math"
	"testing"
)

// TestRegGammaQ checks Q(a, x) against mpmath at 40 digits:
//
//	mpmath.gammainc(a, x, mpmath.inf, regularized=True)
//
// on both sides of x = a + 1, where the method changes, far in the tail,
// and at the two log-rank statistics of logrank_test.go (chi-square 1 and
// 2 degrees of freedom: a = 0.5 and a = 1, x = χ²/2).
func TestRegGammaQ(t *testing.T) {
	for _, tc := range []struct{ a, x, want, tol float64 }{
		{0.5, 0.1, 0.65472084601857702044, 1e-14},
		{0.5, 2, 0.045500263896358414401, 1e-14},
		{0.5, 8.39647049460825, 0.000041688091093346144731, 1e-13},
		{1, 14.27634590297035, 6.3075652606018507489e-7, 1e-13},
		{1, 1e-05, 0.99999000004999983333, 1e-14},
		{3, 2.5, 0.543813115883329518, 1e-14},
		{3, 4, 0.23810330555354434382, 1e-14},
		{10, 3, 0.99889751186988452026, 1e-14},
		{10, 30, 7.1217508628155770916e-6, 1e-13},
		{50, 40, 0.92966493334060504556, 1e-13},
		{50, 60, 0.084406681093691829623, 1e-12},
		{0.5, 400, 5.3958656116079009289e-176, 1e-12},
		{100, 100, 0.48670120172085133514, 1e-12},
		{1e4, 1.01e4, 0.1586512495528203776, 1e-10},
		{2.5, 0.001, 0.99999999049146540139, 1e-14},
		{7, 100, 5.4929178255898746947e-35, 1e-12},
	} {
		if got := regGammaQ(tc.a, tc.x); !(math.Abs(got-tc.want) <= tc.tol*tc.want) {
			t.Errorf("regGammaQ(%v, %v) = %.17g, want %.17g (relative error %.2g)", tc.a, tc.x, got, tc.want, math.Abs(got-tc.want)/tc.want)
		}
	}
	for _, tc := range []struct{ a, x, want float64 }{
		{0.5, 0, 1}, {3, -1, 1}, {2, math.Inf(1), 0}, {1, math.NaN(), 1},
	} {
		if got := regGammaQ(tc.a, tc.x); got != tc.want {
			t.Errorf("regGammaQ(%v, %v) = %v, want %v", tc.a, tc.x, got, tc.want)
		}
	}
	// Q(1, x) = e^(−x) exactly, and Q(1/2, x) = erfc(√x).
	for _, x := range []float64{0.01, 0.5, 1.9, 2.1, 7, 30, 300} {
		if got, want := regGammaQ(1, x), math.Exp(-x); math.Abs(got-want) > 1e-13*want {
			t.Errorf("regGammaQ(1, %v) = %.17g, want e^-x = %.17g", x, got, want)
		}
		if got, want := regGammaQ(0.5, x), math.Erfc(math.Sqrt(x)); math.Abs(got-want) > 1e-13*want {
			t.Errorf("regGammaQ(0.5, %v) = %.17g, want erfc(√x) = %.17g", x, got, want)
		}
	}
}
