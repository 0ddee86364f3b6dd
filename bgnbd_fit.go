package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds the fit of BG/NBD and MBG/NBD: Newton's method on the
// likelihood of bgnbd_lik.go, from a subsample's estimate on large data.

// subsampleFrom is the least number of customers whose fit starts on a
// subsample, and subsampleStep the step of that systematic subsample.
const (
	subsampleFrom = 1 << 16
	subsampleStep = 16
)

// subsample returns every step-th customer of each frequency, in order.
func (s *bgSample) subsample(step int) *bgSample {
	sub := &bgSample{m: s.m, tMin: s.tMin, tMax: s.tMax}
	for _, g := range s.groups {
		k := (len(g.T) + step - 1) / step
		ng := bgGroup{x: g.x, start: sub.n, T: make([]float64, k)}
		if g.t != nil {
			ng.t = make([]float64, k)
		}
		for i := range k {
			ng.T[i] = g.T[i*step]
			if g.t != nil {
				ng.t[i] = g.t[i*step]
			}
			sub.sumT += ng.T[i]
		}
		sub.groups = append(sub.groups, ng)
		sub.n += k
		sub.sumX += float64(k) * float64(g.x)
	}
	return sub
}

// objective returns the negative log-likelihood of sample d over the
// logarithms of the parameters, with its gradient and Hessian, for
// newtonFit.
func (s *bgSample) objective(d *bgSample, workers int) hessObjective {
	return func(theta, grad []float64, hess [][]float64) (float64, bool) {
		var p bgParams
		for i := range p {
			p[i] = math.Exp(theta[i])
			if !(p[i] > 0) || !finite(p[i]) {
				return 0, false
			}
		}
		e, ok := d.eval(p, workers)
		if !ok {
			return 0, false
		}
		// The negative log-likelihood over θ = ln p: ∂/∂θᵢ = pᵢ ∂/∂pᵢ and
		// ∂²/∂θᵢ∂θⱼ = pᵢpⱼ ∂²/∂pᵢ∂pⱼ + [i = j] pᵢ ∂/∂pᵢ.
		for i := range 4 {
			grad[i] = -p[i] * e.grad[i]
			for j := range 4 {
				hess[i][j] = -p[i] * p[j] * e.hess[i][j]
			}
			hess[i][i] += grad[i]
		}
		return -e.ll, true
	}
}

// fitBG fits the model of the sample by maximum likelihood from the
// documented start or o.start, and fills o.report if asked.
//
// The start is r = a = b = 1 and α = ΣT / Σx, the mean age over the mean
// frequency: the scale of λ that matches the observed purchase rate,
// which puts α in the time unit of the data, so that a fit in days and a
// fit in weeks take the same steps and agree (α in days = 7 × α in weeks).
func fitBG(name string, s *bgSample, o fitOptions) (bgParams, error) {
	var zero bgParams
	if s.n == 0 {
		return zero, fmt.Errorf("%w: no customers to fit %s to", ErrNoResponses, name)
	}
	if s.sumX == 0 {
		return zero, fmt.Errorf("%w: no customer made a repeat purchase, so the %s likelihood has no maximum", ErrNoConvergence, name)
	}
	start := o.start
	if start == nil {
		alpha := s.sumT / s.sumX
		if !(alpha > 0) || !finite(alpha) {
			alpha = 1
		}
		start = []float64{1, alpha, 1, 1}
		if s.n >= subsampleFrom {
			// Most of the way on a systematic subsample, the rest on
			// all the customers: Newton's method converges
			// quadratically, so from the subsample's estimate, a few
			// standard errors away, it takes two or three passes where
			// it would take some eight from the start.
			if sub := s.subsample(subsampleStep); sub.sumX > 0 {
				if res, err := newtonFit(s.objective(sub, o.workers), start, o); err == nil {
					start = res.params
				}
			}
		}
	}
	f := s.objective(s, o.workers)
	res, err := newtonFit(f, start, o)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name, err)
	}
	var p bgParams
	copy(p[:], res.params)
	if err := checkBGParams(name, p); err != nil {
		return zero, fmt.Errorf("%w: %s: the estimate %v is not finite and positive", ErrNoConvergence, name, res.params)
	}
	// With or without Report: where the likelihood is flat or rises
	// towards an edge of the parameters, the search stops with a small
	// gradient at no maximum, and only the information matrix tells.
	se, ok := res.stdErr()
	if !ok {
		return zero, fmt.Errorf("%w: %s: the information matrix is not positive definite at the estimate %v", ErrNoConvergence, name, res.params)
	}
	if o.report != nil {
		*o.report = FitReport{LogLikelihood: -res.f + 0, StdErr: se, Iterations: res.iters, Customers: int64(s.n)}
	}
	return p, nil
}
