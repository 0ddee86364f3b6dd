package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds Newton's method for the fits whose likelihood has an
// exact Hessian (BG/NBD, MBG/NBD, Gamma-Gamma), over the logarithms of the
// parameters as minimize in btyd_fit.go, and the standard errors it gives
// at the estimate.

// hessObjective returns a function to minimise at theta, the logarithms
// of a model's parameters, and writes its gradient and Hessian with
// respect to theta into grad and hess. ok is false where the function is
// not finite.
type hessObjective func(theta, grad []float64, hess [][]float64) (f float64, ok bool)

// newtonResult is where newtonFit ended: the parameters (not their
// logarithms), f there with its gradient and Hessian over the logarithms,
// and the iterations taken.
type newtonResult struct {
	params []float64
	f      float64
	grad   []float64
	hess   [][]float64
	iters  int
}

// newtonFit minimises f from the parameters start (not logarithms)
// by Newton's method over their logarithms, damped where the Hessian is
// not positive definite (a multiple of the identity is added until it
// is, as Levenberg and Marquardt do) and with a backtracking line search. It converges quadratically near
// the minimum, where the likelihoods of these models are smooth and concave in the
// log-parameters, so that a fit takes some ten passes over the data
// where a quasi-Newton method takes fifty.
//
// It stops when the Newton step predicts a decrease below 1e-14 ×
// max(1, |f|) (f is then within that of its minimum, to second order),
// after that last step, or where the Hessian is not positive definite when every component of
// the gradient is below 1e-9 × max(1, |f|), or when no step lowers f, or
// three steps in a row lower it by less than 1e-15 × |f|; it fails with
// ErrNoConvergence after o.maxIter iterations, or where f is not finite
// at the start.
func newtonFit(f hessObjective, start []float64, o fitOptions) (newtonResult, error) {
	n := len(start)
	x, xn := make([]float64, n), make([]float64, n)
	for i, p := range start {
		x[i] = math.Log(p)
	}
	g, gn, d := make([]float64, n), make([]float64, n), make([]float64, n)
	h, hn, m := identity(n), identity(n), identity(n)
	params := func() []float64 {
		p := make([]float64, n)
		for i, v := range x {
			p[i] = math.Exp(v)
		}
		return p
	}
	var fx float64
	result := func(it int) newtonResult {
		return newtonResult{params: params(), f: fx, grad: g, hess: h, iters: it}
	}
	fx, ok := f(x, g, h)
	if !ok {
		return newtonResult{}, fmt.Errorf("%w: the likelihood is not finite at the start %v", ErrNoConvergence, start)
	}
	stalled := 0
	for it := 0; it < o.maxIter; it++ {
		scale := math.Max(1, math.Abs(fx))
		// The Newton direction, solving (H + μI) d = −g with the least
		// μ ≥ 0 of a sequence that makes H + μI positive definite.
		mu := 0.0
		diag := 0.0
		for i := range n {
			diag = math.Max(diag, math.Abs(h[i][i]))
		}
		solved := false
		for range 40 {
			for i := range n {
				copy(m[i], h[i])
				m[i][i] += mu
			}
			if solveSPD(m, g, d) {
				solved = true
				break
			}
			if mu == 0 {
				mu = 1e-10 * math.Max(diag, 1)
			} else {
				mu *= 10
			}
		}
		dg := 0.0
		for i := range d {
			dg += d[i] * g[i]
		}
		newton := solved && mu == 0 && dg < 0
		if !solved || !(dg < 0) {
			for i := range d {
				d[i] = -g[i]
			}
			dg = 0
			for i := range d {
				dg -= g[i] * g[i]
			}
		}
		// At a Newton step, −g'd/2 = g'H⁻¹g/2 is the decrease the
		// quadratic model predicts, f less its minimum to second order.
		if newton && -dg/2 <= 1e-14*scale {
			// f is at its minimum to 1e-14; the parameters may still be
			// some 1e-5 standard errors away, where the function is
			// flat, and one last full step takes them to rounding.
			if -dg/2 <= 1e-24*scale {
				return result(it), nil
			}
			for i := range xn {
				xn[i] = x[i] + d[i]
			}
			if fn, ok := f(xn, gn, hn); ok && fn <= fx+1e-15*scale {
				x, g, h, fx = xn, gn, hn, fn
				return result(it + 1), nil
			}
			return result(it), nil
		}
		if !newton && maxAbs(g) <= 1e-9*scale {
			return result(it), nil
		}
		// A step changes no parameter by more than a factor e⁵.
		t := math.Min(1, 5/maxAbs(d))
		// Once the decrease a full Newton step predicts is below 1e-10 ×
		// max(1, |f|), the quadratic model is closer than f's rounding
		// can tell, and the step is taken without comparing values of f.
		quadratic := newton && t == 1 && -dg/2 <= 1e-10*scale
		var fn float64
		accepted := false
		for range 80 {
			for i := range xn {
				xn[i] = x[i] + t*d[i]
			}
			if fn, ok = f(xn, gn, hn); ok && (quadratic || fn <= fx+1e-4*t*dg) {
				accepted = true
				break
			}
			t /= 2
		}
		if !accepted {
			return result(it + 1), nil // no step lowers f: a minimum, to rounding
		}
		if fx-fn <= 1e-15*scale {
			stalled++
		} else {
			stalled = 0
		}
		x, xn = xn, x
		g, gn = gn, g
		h, hn = hn, h
		fx = fn
		if stalled == 3 {
			return result(it + 1), nil // three steps without progress: a minimum, to rounding
		}
	}
	return newtonResult{iters: o.maxIter}, fmt.Errorf("%w: %d iterations, the gradient still %v at %v", ErrNoConvergence, o.maxIter, maxAbs(g), params())
}

// solveSPD solves a·x = −b for a symmetric positive definite a by its
// Cholesky factor, overwriting a with the factor, and reports false if a
// is not positive definite.
func solveSPD(a [][]float64, b, x []float64) bool {
	n := len(a)
	for i := range n {
		for j := 0; j <= i; j++ {
			sum := a[i][j]
			for k := range j {
				sum -= a[i][k] * a[j][k]
			}
			if i == j {
				if !(sum > 0) {
					return false
				}
				a[i][i] = math.Sqrt(sum)
			} else {
				a[i][j] = sum / a[j][j]
			}
		}
	}
	// L y = −b, then L' x = y.
	for i := range n {
		sum := -b[i]
		for k := range i {
			sum -= a[i][k] * x[k]
		}
		x[i] = sum / a[i][i]
	}
	for i := n - 1; i >= 0; i-- {
		sum := x[i]
		for k := i + 1; k < n; k++ {
			sum -= a[k][i] * x[k]
		}
		x[i] = sum / a[i][i]
	}
	for _, v := range x {
		if !finite(v) {
			return false
		}
	}
	return true
}

// stdErr returns the standard errors of the parameters at r, the square
// roots of the diagonal of the inverse of the observed information: the
// Hessian of the negative log-likelihood with respect to the parameters,
// obtained from the one over their logarithms as (Hθ − diag(gθ))ᵢⱼ/(pᵢpⱼ).
// It reports false where that matrix is not positive definite.
func (r newtonResult) stdErr() ([]float64, bool) {
	n := len(r.params)
	info := make([][]float64, n)
	for i := range info {
		info[i] = make([]float64, n)
		for j := range info[i] {
			v := r.hess[i][j]
			if i == j {
				v -= r.grad[i]
			}
			info[i][j] = v / (r.params[i] * r.params[j])
		}
	}
	cov, ok := invertSPD(info)
	if !ok {
		return nil, false
	}
	se := make([]float64, n)
	for i := range se {
		se[i] = math.Sqrt(cov[i][i])
	}
	return se, true
}
