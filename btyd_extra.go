package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds what the spend model, BG/BB and the lifetime value need
// beyond the shared foundation (btyd.go, special_gamma.go) and that other
// models may want too. Where each belongs once the foundation opens again:
// checkOneRFM and plainRFM beside checkRFM in btyd.go (checkRFM taking the
// label, "customers[3]" or "customer", would make checkOneRFM and it one
// function), and lnGammaRise and lnBetaShift in special_gamma.go.

// checkOneRFM returns an error if c, a customer given on its own to a
// prediction, is not a possible history; the checks of checkRFM, with the
// customer named by its fields rather than its index.
func checkOneRFM(c RFM) error {
	switch {
	case c.Frequency < 0:
		return fmt.Errorf("%w: customer %+v: frequency %d", ErrNegative, c, c.Frequency)
	case !finite(c.Recency) || !finite(c.T) || !finite(c.Monetary):
		return fmt.Errorf("%w: customer %+v: recency %v, T %v, monetary %v", ErrInvalidArgument, c, c.Recency, c.T, c.Monetary)
	case c.Recency < 0 || c.T < 0 || c.Monetary < 0:
		return fmt.Errorf("%w: customer %+v: recency %v, T %v, monetary %v", ErrNegative, c, c.Recency, c.T, c.Monetary)
	case c.Recency > c.T:
		return fmt.Errorf("%w: customer %+v: recency %v after T %v", ErrInconsistent, c, c.Recency, c.T)
	case c.Frequency == 0 && c.Recency != 0:
		return fmt.Errorf("%w: customer %+v: recency %v without a repeat purchase", ErrInconsistent, c, c.Recency)
	}
	return nil
}

// plainRFM reports whether c passes checkRFM, by comparisons that a NaN
// fails and that the compiler inlines, so that a pass over valid
// customers does not call checkRFM; a false is only a reason to call it.
func plainRFM(c RFM) bool {
	return c.Frequency >= 0 && c.Recency >= 0 && c.Recency <= c.T && c.T <= math.MaxFloat64 &&
		c.Monetary >= 0 && c.Monetary <= math.MaxFloat64 && (c.Frequency > 0 || c.Recency == 0)
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

// stirlingCoef holds the coefficients B₂ₖ/(2k(2k−1)) of Stirling's
// series after its first, for k = 2…6: those of z⁻³, z⁻⁵, … z⁻¹¹.
var stirlingCoef = [...]float64{-1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360}

// stirlingRest returns Σₖ₌₂…₆ B₂ₖ/(2k(2k−1)) z^(2−2k) given z⁻² (the
// series after its 1/(12z) term, times z): −1/(360z²) + 1/(1260z⁴) − ….
func stirlingRest(iz2 float64) float64 {
	c := stirlingCoef
	return iz2 * (c[0] + iz2*(c[1]+iz2*(c[2]+iz2*(c[3]+iz2*c[4]))))
}
