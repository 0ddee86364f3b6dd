package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds the Pareto/NBD log-likelihood over many customers, its
// gradient, and the fit. With p = r+x, each customer's log-likelihood is
// (paretonbd_math.go)
//
//	ln L = ln Γ(r+x) − ln Γ(r) − r ln(1 + t_x/α) − x ln(α + t_x) − s ln(1 + t_x/β) + ln M,
//	M    = φ(t_x) + E (1 − φ(T)),   E = ((α+t_x)/(α+T))^p ((β+t_x)/(β+T))^s ≤ 1,
//
// and its gradient follows from the partial derivatives of φ. What
// depends only on x (the log-gamma and digamma terms, and the
// coefficients of φ's series, which depend on x but not on t) is computed
// once per distinct frequency and pass, and so is φ(0), shared by the
// customers whose only purchase was their first.

// FitParetoNBD returns the maximum-likelihood [ParetoNBD] of the
// customers, all in one time unit: the parameters that maximise the
// log-likelihood ([ParetoNBD.LogLikelihood]).
//
// The fit is quasi-Newton (BFGS) over the logarithms of the parameters,
// with the exact gradient of the log-likelihood. Unless [StartAt] says
// otherwise it starts from r = s = 1, α = ΣT/Σx (the mean age over the
// mean number of repeat purchases) and β = ΣT/n (the mean age), which
// puts α and β in the data's time unit, so that the same customers in
// days and in weeks take the same steps; on the CDNOW sample it converges
// in about 30 iterations. [Workers] splits each pass over the customers;
// [Report] gives the log-likelihood, the standard errors of the
// parameters (from the observed information), the iterations and the
// customers.
//
// The likelihood surface of the Pareto/NBD is flat along a ridge where s
// and β grow together (the mean death rate s/β nearly fixed), so that
// data sets with little sign of drop-out put the estimate far along it:
// the log-likelihood is then well determined and s and β much less so,
// as their standard errors show.
//
// Special cases:
//
//   - a customer that is not a possible history: the error of [RFM]'s
//     checks, naming customers[i] ([ErrNegative], [ErrInvalidArgument],
//     [ErrInconsistent]);
//   - no customers: [ErrInvalidArgument];
//   - no repeat purchase at all: [ErrNoConvergence], as the likelihood
//     then grows without end as the purchase rate falls to 0;
//   - no maximum within [MaxIterations], or an information matrix that
//     is not positive definite at the estimate (a likelihood that is
//     flat or rises towards an edge of the parameters, as with a few
//     customers of one history): [ErrNoConvergence].
//
// On the CDNOW sample in weeks it gives the published log-likelihood
// −9595.0 and parameters close to the published r 0.553, α 10.578,
// s 0.606, β 11.669 (Fader, Hardie & Lee 2005, "Counting your customers
// the easy way", section 5; Fader, Hardie & Lee 2005, "A note on
// implementing the Pareto/NBD model in MATLAB").
func FitParetoNBD(customers []RFM, opts ...FitOption) (ParetoNBD, error) {
	o, err := options(4, opts)
	if err != nil {
		return ParetoNBD{}, err
	}
	d, err := newPNBDSample(customers)
	if err != nil {
		return ParetoNBD{}, err
	}
	switch {
	case len(customers) == 0:
		return ParetoNBD{}, fmt.Errorf("%w: Pareto/NBD: no customers to fit", ErrInvalidArgument)
	case d.sumX == 0:
		return ParetoNBD{}, fmt.Errorf("%w: Pareto/NBD: no customer made a repeat purchase, so the purchase rate has no estimate", ErrNoConvergence)
	}
	start := o.start
	if start == nil {
		start = []float64{1, d.sumT / d.sumX, 1, d.sumT / float64(len(customers))}
		if !(start[1] > 0) || !(start[3] > 0) {
			start[1], start[3] = 1, 1 // every customer observed for no time
		}
	}
	e := &pnbdEval{d: d}
	// A point within a relative 1e-9 of the best one so far cannot be told
	// from it: the log-likelihood of 10⁶ customers has rounding errors
	// larger than the change there. The line search near the maximum would
	// otherwise spend a pass on each of its last halvings; such a point is
	// refused without one, and the search ends at the best point.
	best, bestNLL := make([]float64, 4), math.Inf(1)
	f := func(theta, grad []float64) (float64, bool) {
		near := !math.IsInf(bestNLL, 1)
		for i, v := range theta {
			near = near && math.Abs(v-best[i]) <= 1e-9
		}
		if near {
			return 0, false
		}
		m := ParetoNBD{math.Exp(theta[0]), math.Exp(theta[1]), math.Exp(theta[2]), math.Exp(theta[3])}
		if m.check() != nil {
			return 0, false
		}
		ll, g, ok := e.eval(m, o.workers)
		for i, p := range [4]float64{m.R, m.Alpha, m.S, m.Beta} {
			grad[i] = -g[i] * p
		}
		if ok && -ll < bestNLL {
			bestNLL = -ll
			copy(best, theta)
		}
		return -ll, ok
	}
	p, nll, iters, err := minimize(f, start, o)
	if err != nil {
		return ParetoNBD{}, fmt.Errorf("Pareto/NBD: %w", err)
	}
	m := ParetoNBD{R: p[0], Alpha: p[1], S: p[2], Beta: p[3]}
	// With or without Report: where the likelihood is flat or rises
	// towards an edge of the parameters, the search stops with a small
	// gradient at no maximum, and only the information matrix tells.
	se, err := stdErrors(f, p)
	if err != nil {
		return ParetoNBD{}, fmt.Errorf("Pareto/NBD: %w", err)
	}
	if o.report != nil {
		*o.report = FitReport{LogLikelihood: -nll + 0, StdErr: se, Iterations: iters, Customers: int64(len(customers))}
	}
	return m, nil
}

// pnbdSample is the customers of a fit or a log-likelihood, checked, each
// pointing to its distinct frequency.
type pnbdSample struct {
	customers []RFM
	group     []int32   // customers[i]'s distinct frequency
	xs        []float64 // the distinct frequencies
	count     []float64 // customers per distinct frequency
	tmin      []float64 // per distinct frequency, the smallest recency
	zero      []bool    // per distinct frequency, whether a recency is 0
	sumX      float64   // Σ x
	sumT      float64   // Σ T
}

// newPNBDSample checks the customers and groups them by frequency.
func newPNBDSample(customers []RFM) (*pnbdSample, error) {
	d := &pnbdSample{customers: customers, group: make([]int32, len(customers))}
	var dense [256]int32 // 1 + the group of each small frequency, 0 for none yet
	var sparse map[int64]int32
	for i, c := range customers {
		if err := checkRFM(i, c); err != nil {
			return nil, err
		}
		var g int32
		if c.Frequency < int64(len(dense)) {
			g = dense[c.Frequency] - 1
		} else {
			g = sparse[c.Frequency] - 1
		}
		if g < 0 {
			g = int32(len(d.xs))
			d.xs = append(d.xs, float64(c.Frequency))
			d.count = append(d.count, 0)
			d.tmin = append(d.tmin, c.Recency)
			d.zero = append(d.zero, false)
			if c.Frequency < int64(len(dense)) {
				dense[c.Frequency] = g + 1
			} else {
				if sparse == nil {
					sparse = map[int64]int32{}
				}
				sparse[c.Frequency] = g + 1
			}
		}
		d.group[i] = g
		d.count[g]++
		d.tmin[g] = math.Min(d.tmin[g], c.Recency)
		d.zero[g] = d.zero[g] || c.Recency == 0
		d.sumX += float64(c.Frequency)
		d.sumT += c.T
	}
	return d, nil
}

// pnbdGroup is what a pass needs of one distinct frequency at the
// parameters of the pass.
type pnbdGroup struct {
	lg, dg float64 // ln Γ(r+x) − ln Γ(r) and ψ(r+x) − ψ(r)
	// The coefficients of φ's series, for z up to the group's largest:
	// cₖ, cₖ ∂ln cₖ/∂p, cₖ ∂ln cₖ/∂s and k cₖ.
	cc, ce, cs, ck []float64
	phi0           phiVal // φ(0), if the group has a recency 0
}

// pnbdEval evaluates the log-likelihood of a sample and its gradient.
type pnbdEval struct {
	d     *pnbdSample
	m     ParetoNBD
	above bool // α < β, κ > 1
	g     []pnbdGroup
}

// Failures of a customer's term.
const (
	pnbdOK          = iota
	pnbdNoPrecision // φ could not be computed to precision
	pnbdNotFinite   // the term is not finite
)

// eval returns the log-likelihood of the sample at m and its gradient
// with respect to (r, α, s, β), using workers goroutines, and false if
// it is not finite or could not be computed to precision.
func (e *pnbdEval) eval(m ParetoNBD, workers int) (float64, [4]float64, bool) {
	var grad [4]float64
	if e.prepare(m) != pnbdOK {
		return 0, grad, false
	}
	acc := sumPass(len(e.d.customers), workers, 6, func(lo, hi int, acc []float64) {
		for i := lo; i < hi; i++ {
			if e.customer(i, acc) != pnbdOK {
				acc[5]++
			}
		}
	})
	ll := acc[0]
	copy(grad[:], acc[1:5])
	for k, g := range e.g {
		ll += e.d.count[k] * g.lg
		grad[0] += e.d.count[k] * g.dg
	}
	ok := acc[5] == 0 && finite(ll)
	for _, v := range grad {
		ok = ok && finite(v)
	}
	return ll, grad, ok
}

// prepare computes what the groups need at m, and returns pnbdOK or why
// it could not.
func (e *pnbdEval) prepare(m ParetoNBD) int {
	e.m = m
	e.above = m.Alpha < m.Beta
	if e.g == nil {
		e.g = make([]pnbdGroup, len(e.d.xs))
	}
	r, s := m.R, m.S
	dr := digamma(r)
	for k, x := range e.d.xs {
		g := &e.g[k]
		p := r + x
		g.lg, g.dg = lnGammaRise(r, x), digamma(p)-dr
		if !finite(g.lg) || !finite(g.dg) {
			return pnbdNotFinite
		}
		// The series table, long enough for the largest z of the group.
		a, num := p+s, p
		if e.above {
			num = s + 1
		}
		zmax := math.Abs(m.Alpha-m.Beta) / (math.Max(m.Alpha, m.Beta) + e.d.tmin[k])
		thr := phiTol * (1 - zmax) * (1 - zmax)
		g.cc, g.ce, g.cs, g.ck = append(g.cc[:0], 1), append(g.ce[:0], 0), append(g.cs[:0], 0), append(g.ck[:0], 0)
		c, ep, es, zk := 1.0, 0.0, 0.0, 1.0
		for j := 0.0; j < phiMaxTerms-1; j++ {
			den := 1 / (a + 1 + j)
			if e.above {
				ep -= den
				es += 1/(num+j) - den
			} else {
				ep += 1/(num+j) - den
				es -= den
			}
			c *= (num + j) * den
			g.cc, g.ce, g.cs, g.ck = append(g.cc, c), append(g.ce, c*ep), append(g.cs, c*es), append(g.ck, (j+1)*c)
			zk *= zmax
			if (j+1)*c*zk <= thr {
				break
			}
		}
		if e.d.zero[k] {
			var ok bool
			if g.phi0, ok = e.phi(g, p, 0); !ok {
				return pnbdNoPrecision
			}
		}
	}
	return pnbdOK
}

// phi returns φ(t) for a customer of group g, p = r+x, from the group's
// series table, or by the quadrature where the table does not reach.
func (e *pnbdEval) phi(g *pnbdGroup, p, t float64) (phiVal, bool) {
	al, be, s := e.m.Alpha, e.m.Beta, e.m.S
	kappa := (be + t) / (al + t)
	z := (al - be) / (al + t)
	if e.above {
		z = (be - al) / (be + t)
	}
	thr := phiTol * (1 - z) * (1 - z)
	s0, sp, ss, sz, zk := 1.0, 0.0, 0.0, 0.0, 1.0
	cc, ce, cs, ck := g.cc, g.ce[:len(g.cc)], g.cs[:len(g.cc)], g.ck[:len(g.cc)]
	for k := 1; k < len(cc); k++ {
		sz += ck[k] * zk
		zk *= z
		s0 += cc[k] * zk
		sp += ce[k] * zk
		ss += cs[k] * zk
		if ck[k]*zk <= thr*s0 {
			return phiFromSums(p, s, kappa, e.above, s0, sp, ss, sz), true
		}
	}
	return phiQuad(p, s, math.Log(be+t)-math.Log(al+t))
}

// customer adds customer i's log-likelihood, less the terms of its
// group, and its gradient with respect to (r, α, s, β) to acc[0:5].
func (e *pnbdEval) customer(i int, acc []float64) int {
	c := e.d.customers[i]
	g := &e.g[e.d.group[i]]
	r, al, s, be := e.m.R, e.m.Alpha, e.m.S, e.m.Beta
	x, tx, T := float64(c.Frequency), c.Recency, c.T
	p := r + x
	var la, lb float64
	if tx > 0 {
		la, lb = math.Log1p(tx/al), math.Log1p(tx/be)
	}
	ll := -r*la - s*lb
	if x > 0 {
		ll -= x * math.Log(al+tx)
	}
	gr, ga, gs, gb := -la, r/al-p/(al+tx), -lb, s*tx/(be*(be+tx))
	if T > tx {
		ptx, ok := g.phi0, true
		if tx > 0 || !e.d.zero[e.d.group[i]] {
			ptx, ok = e.phi(g, p, tx)
		}
		pT, okT := e.phi(g, p, T)
		if !ok || !okT {
			return pnbdNoPrecision
		}
		d := T - tx
		lA, lB := math.Log1p(d/(al+tx)), math.Log1p(d/(be+tx))
		E := math.Exp(-p*lA - s*lB)
		q := 1 - pT.v
		M := ptx.v + E*q
		ll += math.Log(M)
		gr += (ptx.dp - E*(lA*q+pT.dp)) / M
		ga += (-ptx.dl/(al+tx) + E*(p*d/((al+T)*(al+tx))*q+pT.dl/(al+T))) / M
		gs += (ptx.ds - E*(lB*q+pT.ds)) / M
		gb += (ptx.dl/(be+tx) + E*(s*d/((be+T)*(be+tx))*q-pT.dl/(be+T))) / M
	}
	if !finite(ll) || !finite(gr) || !finite(ga) || !finite(gs) || !finite(gb) {
		return pnbdNotFinite
	}
	acc[0] += ll
	acc[1] += gr
	acc[2] += ga
	acc[3] += gs
	acc[4] += gb
	return pnbdOK
}
