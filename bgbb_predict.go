package cxmetrics

import (
	"fmt"
	"math"
)

// ProbabilityAlive returns the probability that customer c, with x =
// c.Frequency transactions in n = c.T opportunities, the last at t_x =
// c.Recency, is still alive at the next opportunity, n + 1 (Fader, Hardie
// & Shang 2010, eq. 11):
//
//	P(alive at n+1 | x, t_x, n) = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+1)/B(γ, δ) / L(α, β, γ, δ | x, t_x, n)
//
// with L as in [BGBB.LogLikelihood]. It is a fraction in [0, 1]; a
// customer who transacted at opportunity n (t_x = n) is alive through n,
// and its P(alive) is the chance (δ+n)/(γ+δ+n) of surviving one more.
//
// Special cases are:
//
//	m with a parameter not positive and finite       ErrInvalidArgument
//	c not a possible history, or Recency or T not
//	whole                                            ErrNegative, ErrInvalidArgument or ErrInconsistent
//	c.T above MaxOpportunities                       ErrOutOfRange
func (m BGBB) ProbabilityAlive(c RFM) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := checkOpportunities(-1, c); err != nil {
		return 0, err
	}
	n := c.T
	ll, lA := m.consts(false).row(float64(c.Frequency), c.Recency, n, nil)
	p := math.Exp(lA-ll) * ((m.Delta + n) / (m.Gamma + m.Delta + n))
	return math.Min(p, 1), nil
}

// ExpectedPurchases returns E[X(t)], the expected number of transactions
// of a new customer in its first t opportunities after its first
// transaction, t a whole number (Fader, Hardie & Shang 2010, eq. 8):
//
//	E[X(t)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ) Γ(1+δ+t) / (Γ(1+δ) Γ(γ+δ+t))]
//
// the chance of a transaction while alive times the expected number of
// the t opportunities at which the customer is alive, Σ_{k=1}^{t}
// B(γ, δ+k)/B(γ, δ). Up to 64 opportunities it adds that sum up term by
// term; beyond, it takes the closed form with the log-gamma differences
// of [lnGammaRise] and expm1, and at γ = 1, where the closed form is 0/0,
// its limit δ (ψ(1+δ+t) − ψ(1+δ)). The result is in [0, t].
//
// Special cases are:
//
//	m with a parameter not positive and finite   ErrInvalidArgument
//	t < 0                                        ErrNegative
//	t NaN, ±Inf or not a whole number            ErrInvalidArgument
func (m BGBB) ExpectedPurchases(t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := checkOpportunityCount(t); err != nil {
		return 0, err
	}
	return m.Alpha / (m.Alpha + m.Beta) * aliveSum(m.Gamma, m.Delta, t), nil
}

// ConditionalExpectedPurchases returns the expected number of
// transactions of customer c in the next t opportunities, n+1 to n+t,
// given its history of x = c.Frequency transactions in n = c.T
// opportunities, the last at t_x = c.Recency (Fader, Hardie & Shang 2010,
// eq. 13):
//
//	E[X(n, n+t) | x, t_x, n] = B(α+x+1, β+n−x)/B(α, β) / L(α, β, γ, δ | x, t_x, n)
//	    · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+t)/Γ(γ+δ+n+t)]
//
// with L as in [BGBB.LogLikelihood]. It is computed as the probability of
// being alive through n, times the posterior mean (α+x)/(α+β+n) of p,
// times the expected number of the next t opportunities at which such a
// customer is alive (see [BGBB.ExpectedPurchases] for that sum). With t
// a whole number, BGBB satisfies [PurchaseModel]. The result is in
// [0, t].
//
// Special cases are those of [BGBB.ProbabilityAlive] and of
// [BGBB.ExpectedPurchases] for t.
func (m BGBB) ConditionalExpectedPurchases(c RFM, t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := checkOpportunities(-1, c); err != nil {
		return 0, err
	}
	if err := checkOpportunityCount(t); err != nil {
		return 0, err
	}
	x, n := float64(c.Frequency), c.T
	ll, lA := m.consts(false).row(x, c.Recency, n, nil)
	e := math.Exp(lA-ll) * ((m.Alpha + x) / (m.Alpha + m.Beta + n)) * aliveSum(m.Gamma, m.Delta+n, t)
	return math.Min(e, t), nil
}

// ProbabilityOfPurchases returns P(X(t) = x), the probability that a new
// customer makes x transactions in its first t opportunities after its
// first transaction, t a whole number (Fader, Hardie & Shang 2010,
// eq. 7):
//
//	P(X(t) = x) = C(t, x) B(α+x, β+t−x)/B(α, β) · B(γ, δ+t)/B(γ, δ)
//	    + Σ_{i=x}^{t−1} C(i, x) B(α+x, β+i−x)/B(α, β) · B(γ+1, δ+i)/B(γ, δ)
//
// for a customer alive through t, or who died after opportunity i. It is
// a fraction in [0, 1], and 0 for x > t. The sum is taken term by term
// from each term's ratio to the one before, in time proportional to
// t − x.
//
// Special cases are:
//
//	m with a parameter not positive and finite   ErrInvalidArgument
//	x < 0 or t < 0                               ErrNegative
//	t NaN, ±Inf or not a whole number            ErrInvalidArgument
//	t above MaxOpportunities                     ErrOutOfRange
func (m BGBB) ProbabilityOfPurchases(x int64, t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if x < 0 {
		return 0, fmt.Errorf("%w: %d transactions", ErrNegative, x)
	}
	if err := checkOpportunityCount(t); err != nil {
		return 0, err
	}
	if t > MaxOpportunities {
		return 0, fmt.Errorf("%w: %v opportunities, above MaxOpportunities %d", ErrOutOfRange, t, MaxOpportunities)
	}
	xf := float64(x)
	if xf > t {
		return 0, nil
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	riseAx := lnGammaRise(a, xf)
	lnFact := lgamma(xf + 1)
	// Alive through t: C(t, x) = Γ(t+1)/(Γ(x+1) Γ(t−x+1)).
	first := lnGammaRise(t-xf+1, xf) - lnFact + riseAx - lnGammaRise(a+b+(t-xf), xf) + lnBetaShift(a, b, t-xf) +
		lnBetaShift(g, d, t)
	lp := first
	if xf < t {
		// Died after opportunity i, from i = x: C(x, x) = 1.
		l0 := riseAx - lnGammaRise(a+b, xf) + math.Log(g) - math.Log(g+d) + lnBetaShift(g+1, d, xf)
		s, rho, off := 0.0, 1.0, 0.0
		for i := xf; i < t; i++ {
			s += rho
			rho *= (i + 1) / (i + 1 - xf) * ((b + (i - xf)) / (a + b + i)) * ((d + i) / (g + 1 + d + i))
			if rho > 1e250 { // keep the terms in range, relative to off
				rho, s, off = rho*1e-250, s*1e-250, off+250*math.Ln10
			}
		}
		lB := l0 + off + math.Log(s)
		hi, lo := max(first, lB), min(first, lB)
		lp = hi + math.Log1p(math.Exp(lo-hi))
	}
	return math.Min(math.Exp(lp), 1), nil
}

// checkOpportunityCount returns an error unless t is a whole number of
// opportunities, 0 or more.
func checkOpportunityCount(t float64) error {
	switch {
	case !finite(t) || t != math.Trunc(t):
		return fmt.Errorf("%w: %v opportunities, want a whole number", ErrInvalidArgument, t)
	case t < 0:
		return fmt.Errorf("%w: %v opportunities", ErrNegative, t)
	}
	return nil
}

// aliveSum returns Σ_{k=1}^{N} B(γ, d+k)/B(γ, d), the expected number of
// the next N opportunities at which a customer whose dropout is
// Beta(γ, d) is alive (Fader, Hardie & Shang 2010, the sum behind eqs. 8
// and 13):
//
//	d/(γ−1) · [1 − Γ(γ+d) Γ(1+d+N) / (Γ(1+d) Γ(γ+d+N))]
//
// term by term up to 64 opportunities, where each term is the one before
// times (d+k−1)/(γ+d+k−1); beyond, the closed form, and its limit
// d (ψ(1+d+N) − ψ(1+d)) at γ = 1. The result is in [0, N]. Its relative
// error is some 1e-15 × (1 + d/N): where d is far above N, the closed
// form is a small difference of log-gamma differences.
func aliveSum(g, d, N float64) float64 {
	var s float64
	switch {
	case N <= 64:
		a := 1.0
		for k := 0.0; k < N; k++ {
			a *= (d + k) / (g + d + k)
			s += a
		}
	case g == 1:
		s = d * (digamma(1+d+N) - digamma(1+d))
	default:
		// ln Γ(γ+d) − ln Γ(1+d), from γ + d as it is where it is far
		// below 1 + d (γ and d both small), rather than from 1 + d and
		// γ − 1, whose sum has lost its low digits.
		r0 := lnGammaRise(1+d, g-1)
		if g+d < 0.5*(1+d) {
			r0 = lgamma(g+d) - lgamma(1+d)
		}
		r := r0 - lnGammaRise(1+d+N, g-1)
		s = d * (-math.Expm1(r) / (g - 1))
	}
	if !(s >= 0) { // NaN or below 0 by rounding
		return 0
	}
	return math.Min(s, N)
}
