package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds the predictions of BG/NBD and MBG/NBD: the expected
// purchases of a customer alive at the end of observation, through a
// hypergeometric series that converges fast for every history, the
// probability of n purchases, and the batch form that predicts for many
// customers at once by interpolation per frequency.
//
// The expected purchases in the next t of a customer alive at T with x
// repeat purchases are (Fader, Hardie & Lee 2005, eq. 10)
//
//	E = (a+β)/(a−1) · [1 − q^R ₂F₁(R, β+1; a+β; z)],
//	q = (α+T)/(α+T+t), z = 1 − q, R = r + x,
//
// with β = b + x − 1 for BG/NBD and b + x for MBG/NBD (the posterior of
// the drop-out probability is Beta(a, β+1)). Euler's transformation
// ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) (DLMF 15.8.1)
// turns q^R ₂F₁(R, β+1; a+β; z) into q^(a−1) ₂F₁(c₁, a−1; c₂; z) with
// c₁ = a + β − R and c₂ = a + β, and taking the factor a − 1 out of
// that series leaves
//
//	E = c₂ (1 − q^(a−1))/(a−1) − q^(a−1) Σₖ≥₁ (c₁)ₖ (a)ₖ₋₁ / ((c₂+1)ₖ₋₁ k!) zᵏ,
//
// whose terms do not grow with x (c₁ = a + b − 1 − r for BG/NBD whatever
// x), which has no singularity at a = 1 ((1 − q^(a−1))/(a−1) → −ln q),
// and which needs no c₂ > 0 (E[X(t)] of BG/NBD has c₂ = a + b − 1).

// bgExpect returns E above, given a, R = r + x, β and w = −ln q = ln(1 +
// t/(α+T)), and false where it cannot be computed to about 1e-9
// relative: the series did not converge or its terms cancel, and the
// other ways do not serve either. Each way estimates its own error, and
// a result must also lie within the bounds the model sets: 0 ≤ E ≤ E[λ]
// t = R t/(α+T) = R (e^w − 1).
func bgExpect(a, R, beta, w float64) (float64, bool) {
	if w == 0 {
		return 0, true
	}
	c1, c2 := a+beta-R, a+beta
	z := -math.Expm1(-w)
	am1 := a - 1
	first := w // (1 − q^(a−1))/(a−1) = (1 − e^(−(a−1)w))/(a−1)
	if e := am1 * w; e != 0 {
		first = -math.Expm1(-e) / am1
	}
	qa := math.Exp(-am1 * w)
	bound := R * math.Expm1(w) * (1 + 1e-9)
	good := func(v float64) bool { return finite(v) && v >= -1e-300 && v <= bound }
	// The series, unless it is slow; then ₂F₁ through its transformation
	// to 1 − z, E = c₂ (1 − q^(a−1) G)/(a−1), G = ₂F₁(c₁, a−1; c₂; z);
	// then the series however long it takes.
	if v, ok := bgExpectSeries(a, c1, c2, z, c2*first, qa, 4000); ok && good(v) {
		return math.Max(v, 0), true
	}
	if z > 0.5 && math.Abs(c2) > 1e-9 && am1 != 0 {
		if g, gErr, ok := hyp2f1Near1(c1, am1, c2, math.Exp(-w)); ok {
			d := 1 - qa*g
			dErr := qa*gErr + 4e-16*(1+math.Abs(qa*g))
			if v := c2 * d / am1; dErr <= 1e-10*math.Abs(d) && good(v) {
				return math.Max(v, 0), true
			}
		}
	}
	if am1 > 1e-3 {
		// a well above 1, where the terms of the series above grow
		// with (a)ₖ: the form before Euler's transformation, whose terms
		// are all positive.
		if v, ok := bgExpectDirect(a, R, beta, w); ok && good(v) {
			return v, true
		}
	}
	if v, ok := bgExpectSeries(a, c1, c2, z, c2*first, qa, 1e6); ok && good(v) {
		return math.Max(v, 0), true
	}
	return 0, false
}

// bgExpectDirect returns E = (a+β)/(a−1) [1 − q^R ₂F₁(R, β+1; a+β; z)],
// the form before Euler's transformation, for a > 1:
// the terms q^R (R)ₖ (β+1)ₖ / ((a+β)ₖ k!) zᵏ are positive and taken
// through their logarithms, so that neither q^R nor ₂F₁ need be within
// the range of float64 on its own. It returns false where the series
// does not converge in 10⁶ terms or 1 − Σ loses more than half the
// digits.
func bgExpectDirect(a, R, beta, w float64) (float64, bool) {
	beta1, c2 := beta+1, a+beta
	z := -math.Expm1(-w)
	lz := math.Log(z)
	lt := -R * w // ln of the first term, q^R
	sum, tail := 0.0, 0.0
	k := 0.0
	for ; k < 1e6; k++ {
		term := math.Exp(lt)
		sum += term
		ratio := (R + k) * (beta1 + k) / ((c2 + k) * (k + 1)) * z
		if rho := math.Max(ratio, z); k > 2 && rho < 1 {
			if tail = term * rho / (1 - rho); tail <= 1e-17*sum || sum > 2 && term < 1e-300 {
				break
			}
		}
		lt += math.Log((R+k)*(beta1+k)/((c2+k)*(k+1))) + lz
	}
	d := 1 - sum
	if k >= 1e6 || !finite(d) || 4e-16*(1+sum*(1+math.Sqrt(k)))+tail > 1e-9*math.Abs(d) {
		return 0, false
	}
	return c2 / (a - 1) * d, true
}

// bgExpectSeries returns E = head − q^(a−1) Σₖ≥₁ (c₁)ₖ (a)ₖ₋₁ / ((c₂+1)ₖ₋₁ k!) zᵏ,
// given head = c₂ (1 − q^(a−1))/(a−1) and qa = q^(a−1), summing at most
// maxTerms terms, and false where it did not converge or the estimate of
// its error, rounding and truncation, passes 1e-9 of E. The truncation
// is bounded by the next terms' falling at least as fast as max(ratio,
// z), the limit of the ratio of terms.
func bgExpectSeries(a, c1, c2, z, head, qa, maxTerms float64) (float64, bool) {
	sum, sumAbs, term, tail := 0.0, 0.0, c1*z, 0.0
	for k := 1.0; ; k++ {
		sum += term
		sumAbs += math.Abs(term)
		ratio := (c1 + k) * (a + k - 1) / ((c2 + k) * (k + 1)) * z
		if term == 0 {
			break
		}
		// Past the sign changes of (c₁)ₖ and once the terms fall, the
		// rest is at most |term| ρ/(1 − ρ).
		if rho := math.Max(math.Abs(ratio), z); k > 2 && c1+k > 0 && rho < 1 {
			if tail = math.Abs(term) * rho / (1 - rho); tail <= 1e-17*math.Abs(sum) {
				break
			}
		}
		if k >= maxTerms || !finite(term) {
			return 0, false
		}
		term *= ratio
	}
	v := head - qa*sum
	errEst := 4e-16*(math.Abs(head)+qa*sumAbs) + qa*tail
	if !finite(v) || !finite(errEst) || errEst > 1e-9*math.Abs(v) {
		return 0, false
	}
	return v, true
}

// bgAlive returns P(alive) = 1 / (1 + e^d) of customer c with R = r + x,
// where d = ln a − ln β + R ln((α+T)/(α+t_x)) is the log of the odds of
// the customer's having dropped out at the last purchase against being
// alive (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD
// model", eq. 2; Batislam, Denizel & Filiztekin 2007, eq. 6), given
// lnab = ln a − ln β. The ratio is taken as 1 + (T − t_x)/(α + t_x), which
// stays finite however large α and T.
func bgAlive(lnab, R, alpha float64, c RFM) float64 {
	d := lnab + R*math.Log(1+(c.T-c.Recency)/(alpha+c.Recency))
	if d > 0 {
		e := math.Exp(-d)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(d))
}

// horizonLog returns w = ln(1 + t/(α+T)), with log1p where the ratio is
// small, so that w keeps its relative precision as t falls to 0.
func horizonLog(t, alpha, T float64) float64 {
	y := t / (alpha + T)
	if y > 1 {
		return math.Log(1 + y)
	}
	return math.Log1p(y)
}

// bgPurchases returns P(X(t) = n) for a new customer (Fader, Hardie & Lee
// 2005, eq. 8, for m = 0; Batislam, Denizel & Filiztekin 2007, eq. 8, for
// m = 1):
//
//	P = B(a, b+n+m)/B(a, b) · NB(n) + [n > 0 or m = 1] B(a+1, b+n−1+m)/B(a, b) · P(N ≥ n),
//
// N negative binomial with Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j.
func bgPurchases(p bgParams, m float64, n int64, t float64) float64 {
	r, alpha, a, b := p[0], p[1], p[2], p[3]
	if t == 0 {
		if n == 0 {
			return 1
		}
		return 0
	}
	x := float64(n)
	lp, lq := -math.Log1p(t/alpha), -math.Log1p(alpha/t) // ln α/(α+t), ln t/(α+t)
	nb := lgammaDelta(r, x) - lgamma(x+1) + r*lp
	if n > 0 {
		nb += x * lq
	}
	v := math.Exp(lbetaRatio(a, b, x+m) + nb)
	if n > 0 || m == 1 {
		// B(a+1, b+n−1+m)/B(a, b) = a/(a+b) · B(a+1, b+n−1+m)/B(a+1, b).
		w := math.Log(a/(a+b)) + lbetaRatio(a+1, b, x-1+m)
		v += math.Exp(w) * nbdTail(x, r, 1/(1+t/alpha), 1/(1+alpha/t))
	}
	return clamp01(v)
}

// bgModel is what the predictions of BG/NBD and MBG/NBD need of a model.
type bgModel struct {
	p    bgParams
	m    float64 // 0 BG/NBD, 1 MBG/NBD
	name string
}

// beta returns β of a customer with x repeat purchases: b + x − 1 + m.
func (md bgModel) beta(x int64) float64 { return md.p[3] + float64(x) - 1 + md.m }

// alive returns P(alive) of c.
func (md bgModel) alive(c RFM) float64 {
	if c.Frequency == 0 && md.m == 0 {
		return 1
	}
	return bgAlive(md.lnab(c.Frequency), md.p[0]+float64(c.Frequency), md.p[1], c)
}

// lnab returns ln a − ln β of a customer with x repeat purchases.
func (md bgModel) lnab(x int64) float64 {
	return math.Log(md.p[2]) - math.Log(md.beta(x))
}

// expectAlive returns the expected purchases in the next t of a customer
// with x repeat purchases alive at age T, given w = ln(1 + t/(α+T)).
func (md bgModel) expectAlive(x int64, w float64) (float64, bool) {
	a := md.p[2]
	beta := md.beta(x)
	return bgExpect(a, md.p[0]+float64(x), beta, w)
}

// conditional returns the expected purchases of c in the next t.
func (md bgModel) conditional(c RFM, t float64) (float64, error) {
	if t == 0 {
		return 0, nil
	}
	alive := md.alive(c)
	if alive == 0 {
		return 0, nil
	}
	e, ok := md.expectAlive(c.Frequency, horizonLog(t, md.p[1], c.T))
	if !ok {
		return 0, fmt.Errorf("%w: %s: customer %+v: the expected purchases in %v cannot be computed to precision at %v", ErrNoConvergence, md.name, c, t, md.p)
	}
	v := alive * e
	if !finite(v) {
		return 0, fmt.Errorf("%w: %s: customer %+v: the expected purchases in %v pass the range of float64", ErrOverflow, md.name, c, t)
	}
	return v, nil
}
