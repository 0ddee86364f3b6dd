package cxmetrics

import (
	"fmt"
	"math"
)

// ParetoNBD is the Pareto/NBD model of repeat purchases (Schmittlein,
// Morrison & Colombo 1987, "Counting your customers: who are they and
// what will they do next?", Management Science 33(1)), for businesses
// whose customers buy when they like and leave without saying so. Each
// customer
//
//   - while alive, buys at the times of a Poisson process of rate λ, and
//     λ is gamma distributed across customers with shape R and rate
//     Alpha (mean R/Alpha purchases per time unit);
//   - stays alive for an exponential lifetime of rate μ, whatever it
//     buys, and μ is gamma distributed across customers with shape S and
//     rate Beta (mean S/Beta; the lifetimes are Pareto distributed, hence
//     the name), independently of λ.
//
// Prefer it to [BGNBD] where customers can drop out at any moment rather
// than only right after a purchase, so that buying often does not make a
// customer quicker to leave, as it does under BG/NBD (where each purchase
// is a chance to drop out); where both fit alike, BG/NBD is the cheaper
// to compute (Fader, Hardie & Lee 2005 find the two close on most data).
//
// Alpha and Beta are in the time unit of the [RFM]s the model is fitted
// on, and every t given to a method is in that unit: the same customers
// in days give Alpha and Beta seven times those in weeks, and the same R
// and S.
//
// Every method checks the parameters and returns [ErrInvalidArgument]
// unless each is positive and finite, checks the customers it is given,
// and returns a finite result or an error: probabilities in [0, 1],
// expectations at least 0. A result below the smallest float64 (a
// probability of 10⁻⁴⁰⁰) is 0. The likelihood and P(alive) go through a
// bounded form of the model's Gaussian hypergeometric functions (see
// [ParetoNBD.LogLikelihood]), so that no history and no parameters make
// them overflow: α = β, where the published form divides by zero, needs
// no special case.
//
// A ParetoNBD is a plain value; it is safe for concurrent use.
type ParetoNBD struct{ R, Alpha, S, Beta float64 }

// check returns an error unless every parameter of m is positive and
// finite.
func (m ParetoNBD) check() error {
	for _, v := range [4]float64{m.R, m.Alpha, m.S, m.Beta} {
		if !(v > 0) || !finite(v) {
			return fmt.Errorf("%w: Pareto/NBD parameters %+v, want each positive and finite", ErrInvalidArgument, m)
		}
	}
	return nil
}

// LogLikelihood returns the log-likelihood of the customers under m, the
// sum over the customers of (Fader & Hardie 2005, "A note on deriving the
// Pareto/NBD model and related expressions", eq. 22, after Schmittlein,
// Morrison & Colombo 1987, eq. 11)
//
//	L = Γ(r+x) αʳ βˢ / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ],
//	A₀ = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t_x)) / (α+t_x)^(r+s+x)
//	   − ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+T)) / (α+T)^(r+s+x)        if α ≥ β,
//
// and for α < β the same with r+x in place of s+1 and β in place of α in
// the ₂F₁ and in its argument's denominator and the powers. Each ₂F₁ is
// as large as (1−z)^−s and the two terms of A₀ nearly cancel, which is
// what overflows or loses its precision in direct implementations; here
// the bracket is rewritten as
//
//	(α+t_x)^−(r+x) (β+t_x)^−s · [ φ(t_x) + E (1 − φ(T)) ],
//	φ(t) = s/(r+s+x) · ₂F₁(1, r+x; r+s+x+1; z)          (α ≥ β, z = (α−β)/(α+t)),
//	φ(t) = s/(r+s+x) · ₂F₁(1, s+1; r+s+x+1; z) / κ      (α < β, z = (β−α)/(β+t), κ = (β+t)/(α+t)),
//	E    = ((α+t_x)/(α+T))^(r+x) ((β+t_x)/(β+T))^s,
//
// by Euler's transformation of the ₂F₁ (DLMF 15.8.1): φ lies in (0, 1],
// its series has positive terms falling faster than zᵏ, and the bracket
// is the sum of two non-negative terms, taken in logarithms. This is the
// log-space evaluation that Fader, Hardie & Lee's note on implementing
// the model in MATLAB (2005) calls for, carried one step further. Where
// α and β are so far apart that the series would need more than 2,048
// terms, φ is taken as its integral, s ∫₀^∞ (1+κv)^−(r+x) (1+v)^−(s+1) dv,
// by a quadrature accurate to about 1e-14. At α = β, z = 0 and φ = s/(r+s+x).
//
// The log-likelihood is a density of the purchase times, so it depends on
// the time unit: the same customers in days give Σx ln 7 less than in
// weeks. No customers give 0.
//
// Special cases: a customer that is not a possible history gives the
// error of [RFM]'s checks, naming customers[i]; a customer whose term
// cannot be computed to precision is [ErrNoConvergence], and one whose
// term passes the range of float64 is [ErrOverflow], each naming
// customers[i].
func (m ParetoNBD) LogLikelihood(customers []RFM) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	d, err := newPNBDSample(customers)
	if err != nil {
		return 0, err
	}
	e := &pnbdEval{d: d}
	ll, _, ok := e.eval(m, 1)
	if ok {
		return ll + 0, nil
	}
	switch e.prepare(m) {
	case pnbdNoPrecision:
		return 0, fmt.Errorf("%w: Pareto/NBD: φ(0), for the customers whose last purchase was their first, cannot be computed to precision at %+v", ErrNoConvergence, m)
	case pnbdNotFinite:
		return 0, fmt.Errorf("%w: Pareto/NBD: ln Γ(r+x) − ln Γ(r) or its derivative passes the range of float64 at %+v", ErrOverflow, m)
	}
	// Find the customer at fault, for the message.
	var acc [6]float64
	for i := range customers {
		switch e.customer(i, acc[:]) {
		case pnbdNoPrecision:
			return 0, fmt.Errorf("%w: Pareto/NBD: the likelihood of customers[%d] %+v cannot be computed to precision at %+v", ErrNoConvergence, i, customers[i], m)
		case pnbdNotFinite:
			return 0, fmt.Errorf("%w: Pareto/NBD: the log-likelihood of customers[%d] %+v passes the range of float64 at %+v", ErrOverflow, i, customers[i], m)
		}
	}
	return 0, fmt.Errorf("%w: Pareto/NBD: the log-likelihood at %+v passes the range of float64", ErrOverflow, m)
}

// ExpectedPurchases returns E[X(t)], the expected repeat purchases of a
// new customer in the t time units after the first purchase
// (Schmittlein, Morrison & Colombo 1987, eq. 17; Fader & Hardie 2005,
// "A note on deriving the Pareto/NBD model", eq. 27):
//
//	E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)],
//
// computed as (r/α) β (1 − e^−(s−1)L)/(s−1) with L = ln(1 + t/β), whose
// limit at s = 1 is (r/α) β L: s = 1 needs no special case. It is 0 at
// t = 0 and grows with t; for s ≤ 1 without bound, for s > 1 towards
// rβ/(α(s−1)).
//
// Special cases: t negative, NaN or infinite is [ErrInvalidArgument]; a
// figure past the range of float64 is [ErrOverflow].
func (m ParetoNBD) ExpectedPurchases(t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := pnbdCheckT(t); err != nil {
		return 0, err
	}
	v := m.R / m.Alpha * m.Beta * pnbdExpm1Ratio(m.S-1, math.Log1p(t/m.Beta))
	if !finite(v) {
		return 0, fmt.Errorf("%w: Pareto/NBD: E[X(%v)] at %+v passes the range of float64", ErrOverflow, t, m)
	}
	return v + 0, nil
}

// ConditionalExpectedPurchases returns the expected purchases of customer
// c in the next t time units after the end of its observation, given its
// history (Schmittlein, Morrison & Colombo 1987, eq. 22; Fader & Hardie
// 2005, "A note on deriving the Pareto/NBD model", eq. 41):
//
//	E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)],
//
// with P(alive) as [ParetoNBD.ProbabilityAlive], and the bracket over
// s − 1 computed as for [ParetoNBD.ExpectedPurchases], so s = 1 needs no
// special case. With the CDNOW estimates of the BTYD package (r 0.5534,
// α 10.5802, s 0.6061, β 11.6562), the customer with x = 26, t_x = 30.86,
// T = 31 (weeks) is expected to make 25.46 purchases in the next 52
// weeks, as its walkthrough reports (McCarthy & Wadsworth 2014, "Buy 'Til
// You Die - a walkthrough").
//
// Special cases: t = 0 gives 0; t negative, NaN or infinite is
// [ErrInvalidArgument]; c not a possible history is the error of [RFM]'s
// checks; a figure that cannot be computed to precision is
// [ErrNoConvergence], one past the range of float64 [ErrOverflow].
func (m ParetoNBD) ConditionalExpectedPurchases(c RFM, t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := checkOneRFM(c); err != nil {
		return 0, err
	}
	if err := pnbdCheckT(t); err != nil {
		return 0, err
	}
	alive, err := m.alive(c)
	if err != nil {
		return 0, err
	}
	v := m.expectedFrom(c, alive, t)
	if !finite(v) {
		return 0, fmt.Errorf("%w: Pareto/NBD: the expected purchases of customer %+v in %v at %+v pass the range of float64", ErrOverflow, c, t, m)
	}
	return v, nil
}

// ProbabilityAlive returns the probability that customer c is still
// alive at the end of its observation, T after its first purchase
// (Schmittlein, Morrison & Colombo 1987, eq. 18; Fader & Hardie 2005,
// "A note on deriving the Pareto/NBD model", eq. 24):
//
//	P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀),
//
// with A₀ as in [ParetoNBD.LogLikelihood], computed there as
// E / (φ(t_x) + E (1 − φ(T))). It is 1 when the last purchase is at T
// (t_x = T), and falls as the time since the last purchase grows, the
// faster the more often the customer bought. With the CDNOW estimates of
// the BTYD package (r 0.5534, α 10.5802, s 0.6061, β 11.6562), the
// customer with x = 26, t_x = 30.86, T = 31 (weeks) is alive with
// probability 0.9979, as its walkthrough reports (McCarthy & Wadsworth
// 2014, "Buy 'Til You Die - a walkthrough").
//
// Special cases: c not a possible history is the error of [RFM]'s
// checks; a figure that cannot be computed to precision is
// [ErrNoConvergence].
func (m ParetoNBD) ProbabilityAlive(c RFM) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := checkOneRFM(c); err != nil {
		return 0, err
	}
	return m.alive(c)
}

// alive returns P(alive) of c, a checked customer of a checked model.
func (m ParetoNBD) alive(c RFM) (float64, error) {
	if c.T == c.Recency {
		return 1, nil
	}
	p := m.R + float64(c.Frequency)
	ptx, ok := pnbdPhi(p, m.S, m.Alpha, m.Beta, c.Recency)
	pT, okT := pnbdPhi(p, m.S, m.Alpha, m.Beta, c.T)
	v := m.aliveFrom(c, ptx.v, pT.v)
	if !ok || !okT || !(v >= 0) {
		return 0, fmt.Errorf("%w: Pareto/NBD: P(alive) of customer %+v cannot be computed to precision at %+v", ErrNoConvergence, c, m)
	}
	return v, nil
}

// aliveFrom returns P(alive) of c, given φ(t_x) and φ(T), in [0, 1] or
// NaN.
func (m ParetoNBD) aliveFrom(c RFM, ptx, pT float64) float64 {
	if c.T == c.Recency {
		return 1
	}
	d := c.T - c.Recency
	e := math.Exp(-(m.R+float64(c.Frequency))*math.Log1p(d/(m.Alpha+c.Recency)) - m.S*math.Log1p(d/(m.Beta+c.Recency)))
	return math.Min(e/(ptx+e*(1-pT)), 1) + 0
}

// expectedFrom returns the expected purchases of c in the next t, given
// its P(alive).
func (m ParetoNBD) expectedFrom(c RFM, alive, t float64) float64 {
	bt := m.Beta + c.T
	return alive*(m.R+float64(c.Frequency))*(bt/(m.Alpha+c.T))*pnbdExpm1Ratio(m.S-1, math.Log1p(t/bt)) + 0
}

// PredictAll fills alive[i] with [ParetoNBD.ProbabilityAlive] of
// customers[i] and expected[i] with its
// [ParetoNBD.ConditionalExpectedPurchases] in the next t; either slice
// may be nil, and each given must have the length of customers. It is
// faster than a call per customer: the coefficients of the series that
// P(alive) needs depend on a customer's frequency but not on its times,
// and are computed once for all the customers of a frequency, as the fit
// does; its figures agree with the one-customer methods to about 1e-14
// relative. Of the options, [Workers] applies: it splits the customers
// over n goroutines, started and ended within the call.
//
// Special cases: slices of another length than customers, or t negative,
// NaN or infinite, are [ErrInvalidArgument]; a customer that is not a
// possible history is the error of [RFM]'s checks, naming customers[i],
// and a figure that cannot be computed to precision is
// [ErrNoConvergence], naming the customer; after an error the contents of
// alive and expected are unspecified.
func (m ParetoNBD) PredictAll(customers []RFM, t float64, alive, expected []float64, opts ...FitOption) error {
	o, err := options(4, opts)
	if err != nil {
		return err
	}
	if err := m.check(); err != nil {
		return err
	}
	if err := pnbdCheckT(t); err != nil {
		return err
	}
	if alive != nil && len(alive) != len(customers) || expected != nil && len(expected) != len(customers) {
		return fmt.Errorf("%w: Pareto/NBD: %d customers, %d P(alive) and %d expectations to fill", ErrInvalidArgument, len(customers), len(alive), len(expected))
	}
	d, err := newPNBDSample(customers)
	if err != nil {
		return err
	}
	e := &pnbdEval{d: d}
	if e.prepare(m) != pnbdOK {
		return fmt.Errorf("%w: Pareto/NBD: the terms of a frequency cannot be computed to precision at %+v", ErrNoConvergence, m)
	}
	acc := sumPass(len(customers), o.workers, 1, func(lo, hi int, acc []float64) {
		for i := lo; i < hi; i++ {
			c := customers[i]
			g := &e.g[d.group[i]]
			p := m.R + float64(c.Frequency)
			a := 1.0
			if c.T > c.Recency {
				ptx, ok := g.phi0, true
				if c.Recency > 0 || !d.zero[d.group[i]] {
					ptx, ok = e.phi(g, p, c.Recency)
				}
				pT, okT := e.phi(g, p, c.T)
				a = m.aliveFrom(c, ptx.v, pT.v)
				if !ok || !okT || !(a >= 0) {
					acc[0]++
					continue
				}
			}
			if alive != nil {
				alive[i] = a
			}
			if expected != nil {
				if expected[i] = m.expectedFrom(c, a, t); !finite(expected[i]) {
					acc[0]++
				}
			}
		}
	})
	if acc[0] == 0 {
		return nil
	}
	// Name the first customer at fault.
	for i, c := range customers {
		a, err := m.alive(c)
		if err != nil {
			return fmt.Errorf("customers[%d]: %w", i, err)
		}
		if expected != nil && !finite(m.expectedFrom(c, a, t)) {
			return fmt.Errorf("%w: Pareto/NBD: the expected purchases of customers[%d] %+v in %v pass the range of float64 at %+v", ErrOverflow, i, c, t, m)
		}
	}
	return fmt.Errorf("%w: Pareto/NBD: a prediction cannot be computed to precision at %+v", ErrNoConvergence, m)
}

// ProbabilityOfPurchases returns P(X(t) = n), the probability that a new
// customer makes n repeat purchases in the t time units after the first
// (Fader & Hardie 2006, "Deriving an expression for P(X(t) = x) under
// the Pareto/NBD model", eq. 13). The note's closed form is the
// difference of a ₂F₁ and a sum of n+1 others; this computes the sum of
// its two positive parts instead, the customer alive at t with n
// purchases, or dead at τ ≤ t with n purchases by then:
//
//	P(X(t) = n) = (β/(β+t))^s NB_t(n) + ∫₀ᵗ sβˢ/(β+τ)^(s+1) NB_τ(n) dτ,
//	NB_τ(n)     = Γ(r+n)/(Γ(r) n!) (α/(α+τ))^r (τ/(α+τ))^n,
//
// the integral by a quadrature in ln τ accurate to about 1e-14, so that
// a small probability keeps its relative precision. Summed over n ≥ 0 it
// is 1, and its mean is [ParetoNBD.ExpectedPurchases].
//
// Special cases: n negative is [ErrNegative]; t negative, NaN or
// infinite is [ErrInvalidArgument]; at t = 0 it is 1 for n = 0 and 0
// otherwise; a figure that cannot be computed to precision is
// [ErrNoConvergence].
func (m ParetoNBD) ProbabilityOfPurchases(n int64, t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, fmt.Errorf("%w: Pareto/NBD: %d purchases", ErrNegative, n)
	}
	if err := pnbdCheckT(t); err != nil {
		return 0, err
	}
	if t == 0 {
		if n == 0 {
			return 1, nil
		}
		return 0, nil
	}
	v, ok := pnbdPMF(m.R, m.Alpha, m.S, m.Beta, n, t)
	if !ok || !(v >= 0) {
		return 0, fmt.Errorf("%w: Pareto/NBD: P(X(%v) = %d) cannot be computed to precision at %+v", ErrNoConvergence, t, n, m)
	}
	return v + 0, nil
}

// pnbdCheckT returns an error unless t, a time ahead, is finite and
// not negative.
func pnbdCheckT(t float64) error {
	if !(t >= 0) || !finite(t) {
		return fmt.Errorf("%w: Pareto/NBD: t %v, want finite and not negative", ErrInvalidArgument, t)
	}
	return nil
}

// pnbdExpm1Ratio returns (1 − e^(−cL))/c, and its limit L at c = 0, to full
// relative precision for any c and L ≥ 0.
func pnbdExpm1Ratio(c, l float64) float64 {
	x := c * l
	if math.Abs(x) < 1e-5 {
		return l * (1 - x/2 + x*x/6)
	}
	return -math.Expm1(-x) / c
}
