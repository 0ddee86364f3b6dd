package cxmetrics

import "math"

// This file holds the special functions of the "buy till you die" models:
// the log-gamma, log-beta and digamma functions, differences of
// log-gammas and log-betas without cancellation, and the Gaussian
// hypergeometric function ₂F₁ on [0, 1).

// lgamma returns ln Γ(x) for x > 0.
func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// lbeta returns ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
func lbeta(a, b float64) float64 { return lgamma(a) + lgamma(b) - lgamma(a+b) }

// digamma returns ψ(x) = d ln Γ(x) / dx for x > 0: the recurrence
// ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series
// ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ) (Abramowitz & Stegun 6.3.18),
// to 1e-15 relative.
func digamma(x float64) float64 {
	s := 0.0
	for x < 10 {
		s -= 1 / x
		x++
	}
	inv := 1 / x
	inv2 := inv * inv
	// B₂/2, B₄/4, … B₁₂/12: 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760.
	series := inv2 * (1.0/12 - inv2*(1.0/120-inv2*(1.0/252-inv2*(1.0/240-inv2*(1.0/132-inv2*691.0/32760)))))
	return s + math.Log(x) - inv/2 - series
}

// hyp2f1 returns the Gaussian hypergeometric function
//
//	₂F₁(a, b; c; z) = Σₖ (a)ₖ (b)ₖ / ((c)ₖ k!) zᵏ
//
// for c > 0 and 0 ≤ z < 1, where the series converges; a and b may be of
// either sign. Up to z = 0.5 it sums the series; above, where the series
// slows, it uses the transformation to 1 − z (DLMF 15.8.4), unless c − a
// − b is within 1e-9 of an integer (where that transformation has a
// removable singularity) and then sums the series. ok is false where the
// series did not reach full precision in 10⁶ terms or the result is not
// finite.
func hyp2f1(a, b, c, z float64) (float64, bool) {
	if z <= 0.5 {
		return hyp2f1Series(a, b, c, z)
	}
	m := c - a - b
	if math.Abs(m-math.Round(m)) < 1e-9 {
		return hyp2f1Series(a, b, c, z)
	}
	// ₂F₁(a,b;c;z) = Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) ₂F₁(a,b;1−m;1−z)
	//             + (1−z)^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) ₂F₁(c−a,c−b;1+m;1−z)
	f1, ok1 := hyp2f1Series(a, b, 1-m, 1-z)
	f2, ok2 := hyp2f1Series(c-a, c-b, 1+m, 1-z)
	if !ok1 || !ok2 {
		return 0, false
	}
	g1 := gammaRatio([]float64{c, m}, []float64{c - a, c - b})
	g2 := gammaRatio([]float64{c, -m}, []float64{a, b})
	v := g1*f1 + math.Pow(1-z, m)*g2*f2
	return v, finite(v)
}

// hyp2f1Series sums the hypergeometric series of ₂F₁(a, b; c; z) for
// |z| < 1 until a term is below 1e-17 of the sum, with c not a
// non-positive integer.
func hyp2f1Series(a, b, c, z float64) (float64, bool) {
	sum, term := 1.0, 1.0
	for k := 0.0; k < 1e6; k++ {
		term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
		sum += term
		if math.Abs(term) <= 1e-17*math.Abs(sum) && k > 2 || term == 0 {
			return sum, finite(sum)
		}
	}
	return 0, false
}

// gammaRatio returns Π Γ(num) / Π Γ(den), through ln |Γ| and its sign, so
// that large arguments do not overflow; a pole in the denominator gives 0.
func gammaRatio(num, den []float64) float64 {
	logv, sign := 0.0, 1.0
	for _, x := range num {
		l, s := math.Lgamma(x)
		logv += l
		sign *= float64(s)
	}
	for _, x := range den {
		if x <= 0 && x == math.Trunc(x) {
			return 0 // 1/Γ at a pole is 0
		}
		l, s := math.Lgamma(x)
		logv -= l
		sign *= float64(s)
	}
	return sign * math.Exp(logv)
}

// lnGammaRise returns ln Γ(x + e) − ln Γ(x) for x > 0 and x + e > 0,
// without the cancellation of two large log-gammas that are close (x =
// 10⁸, e = 0.3) or the loss of relative precision where e is small
// (e = 10⁻¹⁰). Where x and x + e are both 10 or more it subtracts
// Stirling's series (Abramowitz & Stegun 6.1.40) term by term,
//
//	(x − ½) ln(1 + e/x) + e ln(x + e) − e + Σₖ B₂ₖ/(2k(2k−1)) ((x+e)^(1−2k) − x^(1−2k))
//
// to a few units in 10¹⁵ of the result, or of e·ln x where that is
// larger. Below 10, a rise |e| ≥ 1 is the plain difference of the
// log-gammas, which are then far enough apart, and a smaller one first
// moves x and x + e up by the recurrence ln Γ(z + 1) = ln Γ(z) + ln z,
// one ln(1 + e/z) per step.
func lnGammaRise(x, e float64) float64 {
	if e == 0 {
		return 0
	}
	s := 0.0
	if x < 10 || x+e < 10 {
		if math.Abs(e) >= 1 {
			return lgamma(x+e) - lgamma(x)
		}
		for x < 10 || x+e < 10 {
			s -= math.Log1p(e / x)
			x++
		}
	}
	y := x + e
	l := math.Log1p(e / x)
	// The series' first term, 1/(12z), differenced exactly. The rest are
	// below 3e-6 at z ≥ 10: they subtract without loss unless e is so
	// small that the difference is below 1e-22 or so, and there each is
	// taken as x^(−m) expm1(−m ln(1 + e/x)) = y^(−m) − x^(−m).
	tail := -e / (12 * x * y)
	if math.Abs(e) < 1e-6*x {
		x2 := 1 / (x * x)
		pow := x2 / x
		for k, c := range stirlingCoef {
			tail += c * pow * math.Expm1(-float64(2*k+3)*l)
			pow *= x2
		}
	} else {
		tail += stirlingRest(1/(y*y))/y - stirlingRest(1/(x*x))/x
	}
	return s + (x-0.5)*l + e*math.Log(y) - e + tail
}

// lnBetaShift returns ln B(a, b+n) − ln B(a, b) for a, b > 0 and n ≥ 0,
// that is
//
//	[ln Γ(b+n) − ln Γ(b)] − [ln Γ(a+b+n) − ln Γ(a+b)]
//	    = [ln Γ(a+b) − ln Γ(b)] − [ln Γ(a+b+n) − ln Γ(b+n)]
//
// by whichever pair of rises is the smaller, n or a: where a is far
// below n (a customer almost sure not to buy, α = 10⁻⁸, over a thousand
// opportunities), the second pair keeps the result's precision where the
// first would leave an error of some 10⁻¹⁶ × n ln b.
func lnBetaShift(a, b, n float64) float64 {
	if n == 0 {
		return 0
	}
	if a < n {
		return lnGammaRise(b, a) - lnGammaRise(b+n, a)
	}
	return lnGammaRise(b, n) - lnGammaRise(a+b, n)
}

// stirlingRest returns Σₖ₌₂…₆ B₂ₖ/(2k(2k−1)) z^(2−2k) given z⁻² (the
// series after its 1/(12z) term, times z): −1/(360z²) + 1/(1260z⁴) − ….
func stirlingRest(iz2 float64) float64 {
	c := stirlingCoef
	return iz2 * (c[0] + iz2*(c[1]+iz2*(c[2]+iz2*(c[3]+iz2*c[4]))))
}

// stirlingCoef holds the coefficients B₂ₖ/(2k(2k−1)) of Stirling's
// series after its first, for k = 2…6: those of z⁻³, z⁻⁵, … z⁻¹¹.
var stirlingCoef = [...]float64{-1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360}
