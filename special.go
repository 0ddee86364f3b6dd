package cxmetrics

import "math"

// This file holds the special functions that the intervals and tests of
// nps.go, csat.go and ces.go stand on: the two-sided normal quantile and
// p-value, Student's t two-sided p-value (through the regularized
// incomplete beta function, evaluated by its continued fraction) and
// quantile (a Cornish–Fisher start refined by Newton's method). They
// depend on nothing else in the package, as gonum keeps its mathext apart.

// normalTwoSided returns z such that P(|Z| <= z) = c for a standard normal
// Z, that is Φ⁻¹((1 + c) / 2) = √2 · erf⁻¹(c), with no cancellation for c
// near 1. c must be in (0, 1).
func normalTwoSided(c float64) float64 { return math.Sqrt2 * math.Erfinv(c) }

// normalTwoSidedP returns P(|Z| >= |z|) = 2(1 − Φ(|z|)) = erfc(|z|/√2),
// accurate in the far tail.
func normalTwoSidedP(z float64) float64 { return math.Erfc(math.Abs(z) / math.Sqrt2) }

// tTwoSidedP returns P(|T| >= |t|) for Student's t with df > 0 degrees of
// freedom:
//
//	P = I_x(df/2, 1/2),  x = df / (df + t²)
//
// with I the regularized incomplete beta function (Abramowitz and Stegun
// 26.7.1 and 26.5.27).
func tTwoSidedP(t, df float64) float64 {
	t = math.Abs(t)
	if t == 0 {
		return 1
	}
	if math.IsInf(t, 1) {
		return 0
	}
	t2 := t * t
	if math.IsInf(t2, 1) {
		return 0
	}
	if df > largeDF {
		return normalTwoSidedP(tToNormal(t, df))
	}
	// x = df/(df+t²) and y = 1 − x = t²/(df+t²), each without cancellation;
	// log x = −log1p(t²/df).
	y := t2 / (df + t2)
	x := df / (df + t2)
	logX := -math.Log1p(t2 / df)
	return regIncBetaHalf(df/2, x, y, logX, math.Log(y))
}

// largeDF is the number of degrees of freedom above which the t
// distribution is computed from the normal one, by [tToNormal]. Up to it
// the continued fraction converges within its iteration limit.
const largeDF = 1e7

// tToNormal maps t with df degrees of freedom to the normal deviate of
// about the same tail probability (Abramowitz and Stegun 26.7.8):
//
//	z = t (1 − 1/(4 df)) / sqrt(1 + t²/(2 df))
//
// For df > largeDF the two-sided tail probability it gives has a relative
// error below 1e-9 wherever that probability exceeds 1e-15.
func tToNormal(t, df float64) float64 {
	return t * (1 - 1/(4*df)) / math.Sqrt(1+t*t/(2*df))
}

// regIncBetaHalf returns the regularized incomplete beta function
// I_x(a, 1/2), given x, y = 1 − x and their logarithms computed by the
// caller without cancellation. It evaluates the continued fraction of
// Numerical Recipes (3rd ed., §6.4) by the modified Lentz method, on
// I_x(a, b) directly when x < (a + 1)/(a + b + 2) and on
// 1 − I_y(b, a) otherwise, where the fraction converges fast.
func regIncBetaHalf(a, x, y, logX, logY float64) float64 {
	const b = 0.5
	// front = x^a y^b / B(a, b)
	front := math.Exp(a*logX + b*logY - logBetaHalf(a))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, y)/b
}

// logBetaHalf returns log B(a, 1/2) = log Γ(a) + log Γ(1/2) − log Γ(a + 1/2).
// For large a the difference log Γ(a + 1/2) − log Γ(a) is taken from
// Stirling's series term by term, so that it keeps its full relative
// precision instead of losing digits to the cancellation of two large
// lgamma values.
func logBetaHalf(a float64) float64 {
	const logSqrtPi = 0.57236494292470008707171367567652935582 // log Γ(1/2)
	if a < 20 {
		la, _ := math.Lgamma(a)
		lab, _ := math.Lgamma(a + 0.5)
		return la + logSqrtPi - lab
	}
	// log Γ(z) = (z − ½) log z − z + ½ log 2π + σ(z), σ the Stirling
	// series, so log Γ(a+½) − log Γ(a) = ½ log a + a·log1p(1/(2a)) − ½ + σ(a+½) − σ(a).
	d := 0.5*math.Log(a) + (a*math.Log1p(0.5/a) - 0.5) + stirlingSeries(a+0.5) - stirlingSeries(a)
	return logSqrtPi - d
}

// stirlingSeries returns the tail of Stirling's series for log Γ(z),
// 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹), whose
// truncation error is below 1e-17 for z >= 20.
func stirlingSeries(z float64) float64 {
	w := 1 / (z * z)
	return (1.0/12 + w*(-1.0/360+w*(1.0/1260+w*(-1.0/1680+w*(1.0/1188))))) / z
}

// betaCF evaluates the continued fraction for the incomplete beta function
// by the modified Lentz method (Numerical Recipes, 3rd ed., §5.2 and §6.4):
// each iteration takes the fraction's even and then its odd term.
func betaCF(a, b, x float64) float64 {
	const (
		eps   = 1e-16
		iters = 100000
	)
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	d := 1 / lentzFloor(1-qab*x/qap)
	h := d
	for m := 1; m <= iters; m++ {
		fm := float64(m)
		m2 := 2 * fm
		c, d = lentz(fm*(b-fm)*x/((qam+m2)*(a+m2)), c, d)
		h *= d * c
		c, d = lentz(-(a+fm)*(qab+fm)*x/((a+m2)*(qap+m2)), c, d)
		del := d * c
		h *= del
		if math.Abs(del-1) <= eps {
			break
		}
	}
	return h
}

// lentz takes one term aa of a continued fraction into the modified
// Lentz method's c and d: d ← 1 / (1 + aa·d), c ← 1 + aa/c, each kept off
// zero.
func lentz(aa, c, d float64) (float64, float64) {
	return lentzFloor(1 + aa/c), 1 / lentzFloor(1+aa*d)
}

// lentzFloor returns v, or a tiny number in its place if v is nearly 0, so
// that the method never divides by zero.
func lentzFloor(v float64) float64 {
	const tiny = 1e-300
	if math.Abs(v) < tiny {
		return tiny
	}
	return v
}

// tDensity returns the density of Student's t with df degrees of freedom
// at t: (1 + t²/df)^(−(df+1)/2) / (√df · B(df/2, 1/2)).
func tDensity(t, df float64) float64 {
	return math.Exp(-(df+1)/2*math.Log1p(t*t/df) - logBetaHalf(df/2) - 0.5*math.Log(df))
}

// tQuantileTwoSided returns t such that P(|T| <= t) = c for Student's t
// with df > 0 degrees of freedom, the (1 + c)/2 quantile. It has closed
// forms for df = 1 and 2, accurate to a few ulps for every c in (0, 1),
// and otherwise solves tTwoSidedP(t) = 1 − c by Newton's method on log P
// as a function of log t, safeguarded by bisection, from the
// Cornish–Fisher expansion of Abramowitz and Stegun 26.7.5; that is
// accurate to 1e-9 relative for c >= 1e-6, and below it 1 − c rounds, so
// the relative error grows to about 1e-16 / c (a quantile near 0 either
// way, and never NaN). c must be in (0, 1).
func tQuantileTwoSided(c, df float64) float64 {
	alpha := 1 - c // exact for c >= ½
	switch df {
	case 1:
		// P(|T| <= t) = (2/π) atan t, so t = tan(πc/2) = 1/tan(πα/2).
		// The first is accurate for small c, the second near c = 1, where
		// πc/2 is close to the pole and α is exact.
		if c <= 0.5 {
			return math.Tan(math.Pi / 2 * c)
		}
		return 1 / math.Tan(math.Pi/2*alpha)
	case 2:
		// P(|T| <= t) = t / sqrt(2 + t²), so t = c sqrt(2 / ((1 − c)(1 + c))),
		// with α exact near c = 1 and close to 1 for small c.
		return c * math.Sqrt(2/(alpha*(1+c)))
	}
	z := normalTwoSided(c)
	if df > largeDF {
		// The inverse of tToNormal.
		k := 1 - 1/(4*df)
		return z / math.Sqrt(k*k-z*z/(2*df))
	}
	t, _ := tQuantileNewton(alpha, df, cornishFisherT(z, df))
	return t
}

// cornishFisherT returns the Cornish–Fisher expansion of the t quantile
// with df degrees of freedom in terms of the normal quantile z
// (Abramowitz and Stegun 26.7.5), to the term in 1/df⁴:
//
//	t ≈ z + g₁(z)/df + g₂(z)/df² + g₃(z)/df³ + g₄(z)/df⁴
//	g₁ = (z³ + z)/4
//	g₂ = (5z⁵ + 16z³ + 3z)/96
//	g₃ = (3z⁷ + 19z⁵ + 17z³ − 15z)/384
//	g₄ = (79z⁹ + 776z⁷ + 1482z⁵ − 1920z³ − 945z)/92160
//
// It is the starting point of [tQuantileNewton]: the closer it is, the
// fewer steps the solver takes.
func cornishFisherT(z, df float64) float64 {
	z2 := z * z
	g1 := (z2 + 1) * z / 4
	g2 := ((5*z2+16)*z2 + 3) * z / 96
	g3 := (((3*z2+19)*z2+17)*z2 - 15) * z / 384
	g4 := ((((79*z2+776)*z2+1482)*z2-1920)*z2 - 945) * z / 92160
	return z + (g1+(g2+(g3+g4/df)/df)/df)/df
}

// tQuantileNewton returns t > 0 such that tTwoSidedP(t, df) = alpha,
// starting from t0, and the number of Newton steps it took. It runs
// Newton's method on f(u) = log P(eᵘ) − log α, which is nearly linear in
// u = log t, and keeps the root bracketed: a step that leaves the bracket,
// or that would more than double |u| (far from the root the p-value is 0
// or 1 to double precision and the step means nothing), is replaced by a
// bisection or, while one side of the bracket is still open, by a step to
// t = 1 or, from there, by 1 in u. A start t0 that is not a positive
// finite number is replaced by 1.
func tQuantileNewton(alpha, df, t0 float64) (t float64, steps int) {
	if !(t0 > 0) || math.IsInf(t0, 0) {
		t0 = 1
	}
	logAlpha := math.Log(alpha)
	// f(u) = log P(e^u) − log α decreases in u. Bracket the root.
	u := math.Log(t0)
	lo, hi := math.Inf(-1), math.Inf(1)
	for steps = 1; steps <= 200; steps++ {
		t := math.Exp(u)
		p := tTwoSidedP(t, df)
		f := math.Log(p) - logAlpha
		if f > 0 {
			lo = u
		} else {
			hi = u
		}
		if f == 0 {
			return t, steps
		}
		// f'(u) = −2 t density(t) / P.
		fp := -2 * t * tDensity(t, df) / p
		next := u - f/fp
		// Newton converges quadratically: the error after a step of δ is
		// of the order of δ², below 1e-17 once δ is below 1e-9, and u is
		// log t, so that is t's relative error.
		if math.Abs(next-u) <= 1e-9 {
			return math.Exp(next), steps
		}
		switch {
		case next > lo && next < hi && math.Abs(next-u) <= max(1, math.Abs(u)): // take the Newton step
		case math.IsInf(hi, 1):
			next = u + max(1, -u) // to t = 1, or by 1 in log t past it
		case math.IsInf(lo, -1):
			next = u - max(1, u)
		default:
			next = (lo + hi) / 2
			if hi-lo <= 1e-15*math.Max(1, math.Abs(u)) {
				return math.Exp(next), steps
			}
		}
		u = next
	}
	return math.Exp(u), steps - 1
}
