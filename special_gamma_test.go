package cxmetrics

import (
	"math"
	"testing"
)

// TestDigamma checks ψ against values from DLMF 5.4.12-5.4.13 and
// Abramowitz & Stegun table 6.1, and the recurrence ψ(x+1) = ψ(x) + 1/x.
func TestDigamma(t *testing.T) {
	const euler = 0.57721566490153286061
	for _, tc := range []struct{ x, want float64 }{
		{1, -euler},                             // ψ(1) = −γ
		{0.5, -euler - 2*math.Ln2},              // ψ(1/2) = −γ − 2 ln 2
		{2, 1 - euler},                          // ψ(2) = 1 − γ
		{10, 2.251752589066721107647456},        // ψ(10) = H₉ − γ
		{0.25, -euler - math.Pi/2 - 3*math.Ln2}, // DLMF 5.4.14 (ψ(1/4))
		{100, 4.600161852738087400},             // ψ(100) = H₉₉ − γ
	} {
		if got := digamma(tc.x); math.Abs(got-tc.want) > 1e-14*math.Max(1, math.Abs(tc.want)) {
			t.Errorf("digamma(%v) = %.17g, want %.17g", tc.x, got, tc.want)
		}
	}
	for _, x := range []float64{0.3, 1.7, 5.99, 6, 9.5, 10, 42.5, 1e6} {
		if got, want := digamma(x+1), digamma(x)+1/x; math.Abs(got-want) > 1e-13*math.Max(1, math.Abs(want)) {
			t.Errorf("digamma(%v + 1) = %.17g, digamma(%v) + 1/%v = %.17g", x, got, x, x, want)
		}
	}
}

// TestHyp2F1 checks ₂F₁ against closed forms (DLMF 15.4): ₂F₁(1,1;2;z) =
// −ln(1−z)/z, ₂F₁(a,b;b;z) = (1−z)^−a, ₂F₁(1/2,1;3/2;z²) = artanh(z)/z,
// ₂F₁(1/2,1/2;3/2;z²) = arcsin(z)/z, on both sides of z = 0.5, where the
// method changes, and near 1.
func TestHyp2F1(t *testing.T) {
	for _, z := range []float64{0, 0.1, 0.49, 0.5, 0.51, 0.75, 0.9, 0.99, 0.999} {
		for _, tc := range []struct {
			name       string
			a, b, c, x float64
			want       float64
		}{
			{"-ln(1-z)/z", 1, 1, 2, z, -math.Log1p(-z) / z},
			{"(1-z)^-a", 0.7, 2.3, 2.3, z, math.Pow(1-z, -0.7)},
			{"(1-z)^-a, a < 0", -1.5, 0.4, 0.4, z, math.Pow(1-z, 1.5)},
			{"artanh", 0.5, 1, 1.5, z * z, math.Atanh(z) / z},
			{"arcsin", 0.5, 0.5, 1.5, z * z, math.Asin(z) / z},
		} {
			if z == 0 {
				tc.want = 1
			}
			got, ok := hyp2f1(tc.a, tc.b, tc.c, tc.x)
			if !ok || math.Abs(got-tc.want) > 1e-12*math.Abs(tc.want) {
				t.Errorf("%s: hyp2f1(%v, %v, %v, %v) = %.17g, %v; want %.17g", tc.name, tc.a, tc.b, tc.c, tc.x, got, ok, tc.want)
			}
		}
	}
}
