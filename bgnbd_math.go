package cxmetrics

import (
	"math"
)

// This file holds the numerics that BG/NBD and MBG/NBD need beyond the
// shared ones of special_gamma.go and btyd_fit.go: the trigamma function,
// differences of log-gamma without cancellation, the upper tail of the
// negative binomial, and a damped Newton minimiser for objectives whose
// Hessian is known. Each is general; they live here until another model
// needs them.

// trigamma returns ψ′(x) = d² ln Γ(x) / dx² for x > 0: the recurrence
// ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series
// ψ′(x) ~ 1/x + 1/(2x²) + Σ B₂ₖ / x^(2k+1) (Abramowitz & Stegun 6.4.12),
// to about 1e-15 relative.
func trigamma(x float64) float64 {
	s := 0.0
	for x < 10 {
		s += 1 / (x * x)
		x++
	}
	inv := 1 / x
	inv2 := inv * inv
	// B₂, B₄, … B₁₂: 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730.
	series := inv2 * inv * (1.0/6 - inv2*(1.0/30-inv2*(1.0/42-inv2*(1.0/30-inv2*(5.0/66-inv2*691.0/2730)))))
	return s + inv + inv2/2 + series
}

// lgammaDelta returns ln Γ(x + n) − ln Γ(x) for x > 0 and n ≥ 0. For
// x ≥ 20 it takes the difference from Stirling's series term by term,
//
//	(x − ½) ln(1 + n/x) + n ln(x + n) − n + σ(x + n) − σ(x),
//
// so that it keeps its relative precision where the two log-gammas are
// large and close (x = 10⁸, n = 3); below, the log-gammas are small and
// their difference is exact to rounding.
func lgammaDelta(x, n float64) float64 {
	if n == 0 {
		return 0
	}
	if x < 20 {
		return lgamma(x+n) - lgamma(x)
	}
	return (x-0.5)*math.Log1p(n/x) + n*(math.Log(x+n)-1) + stirlingSeries(x+n) - stirlingSeries(x)
}

// lbetaRatio returns ln B(a, b + n) − ln B(a, b) = ln Γ(b + n) − ln Γ(b)
// − (ln Γ(a + b + n) − ln Γ(a + b)), for a, b > 0 and n ≥ 0.
func lbetaRatio(a, b, n float64) float64 {
	return lgammaDelta(b, n) - lgammaDelta(a+b, n)
}

// nbdTail returns P(N ≥ n) of a negative binomial N with shape r and
// P(N = j) = Γ(r + j) / (Γ(r) j!) p^r q^j, where p + q = 1 are given
// apart, so that neither is computed as 1 minus the other: the regularized
// incomplete beta function I_q(n, r) (DLMF 8.17.5 and 8.17.20), by the
// continued fraction of Numerical Recipes (3rd ed., §6.4) on whichever
// side it converges fast. It is 1 for n ≤ 0.
func nbdTail(n, r, p, q float64) float64 {
	if n <= 0 {
		return 1
	}
	if q == 0 {
		return 0
	}
	if p == 0 {
		return 1
	}
	// front = qⁿ pʳ / B(n, r)
	front := math.Exp(n*math.Log(q) + r*math.Log(p) - lbeta(n, r))
	if q < (n+1)/(n+r+2) {
		return clamp01(front * betaCF(n, r, q) / n)
	}
	return clamp01(1 - front*betaCF(r, n, p)/r)
}

// hyp2f1Near1 returns ₂F₁(a, b; c; z) for z near 1, where its series
// is slow, given y = 1 − z computed without cancellation, by the
// transformation to 1 − z (DLMF 15.8.4),
//
//	₂F₁(a, b; c; z) = Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) ₂F₁(a, b; 1−m; 1−z)
//	                + (1−z)^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) ₂F₁(c−a, c−b; 1+m; 1−z),   m = c − a − b,
//
// with an estimate of its absolute error: the rounding of the two
// series (1e-16 times the magnitudes of their terms), of the gamma
// functions (1e-16 times their logarithms) and of the power, times the
// magnitudes of the two terms, which cancel where m is near an integer.
// ok is false where m is within 1e-9 of an integer, a series does not
// converge in 10⁵ terms, or a figure is not finite. It is hyp2f1's
// transformation with the error estimate its callers here need, and
// belongs beside it in special_gamma.go.
func hyp2f1Near1(a, b, c, y float64) (v, errAbs float64, ok bool) {
	m := c - a - b
	if math.Abs(m-math.Round(m)) < 1e-9 {
		return 0, 0, false
	}
	f1, a1, ok1 := hypSeries(a, b, 1-m, y)
	f2, a2, ok2 := hypSeries(c-a, c-b, 1+m, y)
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	lsum := func(xs ...float64) float64 {
		s := 0.0
		for _, x := range xs {
			l, _ := math.Lgamma(x)
			s += math.Abs(l)
		}
		return s
	}
	g1 := gammaRatio([]float64{c, m}, []float64{c - a, c - b})
	p2 := math.Pow(y, m)
	g2 := p2 * gammaRatio([]float64{c, -m}, []float64{a, b})
	t1, t2 := g1*f1, g2*f2
	v = t1 + t2
	errAbs = 1e-16 * (math.Abs(g1)*a1*(4+lsum(c, m, c-a, c-b)) +
		math.Abs(g2)*a2*(4+lsum(c, -m, a, b)+math.Abs(m*math.Log(y))))
	return v, errAbs, finite(v) && finite(errAbs)
}

// hypSeries returns the sum of the series of ₂F₁(a, b; c; z) for |z| < 1
// and the sum of the magnitudes of its terms, and false where it has not
// converged in 10⁵ terms or is not finite.
func hypSeries(a, b, c, z float64) (sum, abs float64, ok bool) {
	sum, abs = 1, 1
	term := 1.0
	for k := 0.0; k < 1e5; k++ {
		ratio := (a + k) * (b + k) / ((c + k) * (k + 1)) * z
		term *= ratio
		sum += term
		abs += math.Abs(term)
		if term == 0 || math.Abs(term) <= 1e-17*math.Abs(sum) && a+k > 0 && b+k > 0 && math.Abs(ratio) < 1 {
			return sum, abs, finite(sum) && finite(abs)
		}
	}
	return 0, 0, false
}

// clamp01 returns v within [0, 1], and 0 for −0 or NaN.
func clamp01(v float64) float64 {
	if !(v > 0) {
		return 0
	}
	return math.Min(v, 1)
}
