package cxmetrics

import "math"

// This file holds the regularized upper incomplete gamma function and the
// chi-square survival function that the log-rank test (logrank.go) takes
// its p-value from.

// chiSquareP returns P(X >= x) for X chi-square with df > 0 degrees of
// freedom: Q(df/2, x/2), with Q the regularized upper incomplete gamma
// function (Abramowitz and Stegun 26.4.19). It is 1 for x <= 0.
func chiSquareP(x, df float64) float64 { return regGammaQ(df/2, x/2) }

// regGammaQ returns the regularized upper incomplete gamma function
//
//	Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x),  a > 0, x ≥ 0
//
// by the series for P(a, x) when x < a + 1 and the continued fraction
// for Q(a, x) otherwise (Numerical Recipes, 3rd ed., §6.2), each where it
// converges fast and Q has no cancellation to fear: below a + 1, Q is
// not small. Both start from the common factor x^a e^(−x) / Γ(a), taken
// in logarithms, which underflows to 0 only when Q does.
func regGammaQ(a, x float64) float64 {
	switch {
	case !(x > 0):
		return 1
	case math.IsInf(x, 1):
		return 0
	}
	front := math.Exp(a*math.Log(x) - x - lgamma(a))
	if x < a+1 {
		return 1 - front*gammaSeries(a, x)
	}
	return front * gammaCF(a, x)
}

// gammaSeries returns Σₙ xⁿ / (a (a+1) … (a+n)), so that P(a, x) is
// x^a e^(−x) / Γ(a) times it (A&S 6.5.29).
func gammaSeries(a, x float64) float64 {
	const iters = 100000
	ap, del := a, 1/a
	sum := del
	for range iters {
		ap++
		del *= x / ap
		sum += del
		if math.Abs(del) < math.Abs(sum)*1e-17 {
			break
		}
	}
	return sum
}

// gammaCF returns the continued fraction
//
//	1/(x+1−a−) 1·(1−a)/(x+3−a−) 2·(2−a)/(x+5−a−) …
//
// by the modified Lentz method, so that Q(a, x) is x^a e^(−x) / Γ(a)
// times it (A&S 6.5.31).
func gammaCF(a, x float64) float64 {
	const iters = 100000
	b := x + 1 - a
	c := 1 / 1e-300
	d := 1 / lentzFloor(b)
	h := d
	for i := 1; i <= iters; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = 1 / lentzFloor(an*d+b)
		c = lentzFloor(b + an/c)
		del := d * c
		h *= del
		if math.Abs(del-1) <= 1e-16 {
			break
		}
	}
	return h
}
