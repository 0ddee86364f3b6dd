package cxmetrics

import (
	"fmt"
	"math"
	"sync"
)

// This file holds the machinery of the "buy till you die" fits: a
// quasi-Newton minimiser of a model's negative log-likelihood over the
// logarithms of its parameters (which keeps them positive without
// constraints), the passes over the customers that it evaluates, on one
// goroutine or several, and the standard errors from the observed
// information matrix.

// objective returns the negative log-likelihood at theta, the logarithms
// of a model's parameters, and writes its gradient with respect to theta
// into grad. ok is false where the likelihood is not finite.
type objective func(theta, grad []float64) (nll float64, ok bool)

// minimize minimises f from the parameters start (not logarithms) with
// BFGS and a backtracking line search, and returns the parameters at the
// minimum, the minimum and the iterations taken.
//
// It stops when the gradient is small against the function (each
// component below 1e-9 × max(1, |f|), the function then being within a
// few parts in 10¹⁵ of its minimum), or when a step no longer lowers f by
// a relative 1e-15; it fails with ErrNoConvergence after o.maxIter
// iterations, or where f is not finite at the start.
func minimize(f objective, start []float64, o fitOptions) ([]float64, float64, int, error) {
	n := len(start)
	x := make([]float64, n)
	for i, p := range start {
		x[i] = math.Log(p)
	}
	g, gn, xn, d := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	s, y, hy := make([]float64, n), make([]float64, n), make([]float64, n)
	fx, ok := f(x, g)
	if !ok {
		return nil, 0, 0, fmt.Errorf("%w: the likelihood is not finite at the start %v", ErrNoConvergence, start)
	}
	h := identity(n)
	params := func() []float64 {
		p := make([]float64, n)
		for i, v := range x {
			p[i] = math.Exp(v)
		}
		return p
	}
	for it := 0; it < o.maxIter; it++ {
		if maxAbs(g) <= 1e-9*math.Max(1, math.Abs(fx)) {
			return params(), fx, it, nil
		}
		// The direction −H g, or steepest descent if H has gone wrong.
		dg := 0.0
		for i := range d {
			d[i] = 0
			for j := range g {
				d[i] -= h[i][j] * g[j]
			}
			dg += d[i] * g[i]
		}
		if !(dg < 0) {
			h = identity(n)
			dg = 0
			for i := range d {
				d[i] = -g[i]
				dg -= g[i] * g[i]
			}
		}
		// A step changes no parameter by more than a factor e⁵.
		t := math.Min(1, 5/maxAbs(d))
		var fn float64
		accepted := false
		for range 80 {
			for i := range xn {
				xn[i] = x[i] + t*d[i]
			}
			if fn, ok = f(xn, gn); ok && fn <= fx+1e-4*t*dg {
				accepted = true
				break
			}
			t /= 2
		}
		if !accepted || fx-fn <= 1e-15*math.Abs(fx) {
			if accepted {
				copy(x, xn)
				fx = fn
			}
			return params(), fx, it + 1, nil // no step lowers f: a minimum, to rounding
		}
		sy, yhy := 0.0, 0.0
		for i := range s {
			s[i], y[i] = xn[i]-x[i], gn[i]-g[i]
			sy += s[i] * y[i]
		}
		if sy > 0 {
			if it == 0 { // scale the first inverse Hessian to the curvature seen
				yy := 0.0
				for _, v := range y {
					yy += v * v
				}
				h = identity(n)
				for i := range h {
					h[i][i] = sy / yy
				}
			}
			for i := range hy {
				hy[i] = 0
				for j := range y {
					hy[i] += h[i][j] * y[j]
				}
				yhy += y[i] * hy[i]
			}
			// H ← H + (sy + yHy) ss'/sy² − (Hy s' + s y'H)/sy
			for i := range h {
				for j := range h[i] {
					h[i][j] += (sy+yhy)*s[i]*s[j]/(sy*sy) - (hy[i]*s[j]+s[i]*hy[j])/sy
				}
			}
		}
		copy(x, xn)
		copy(g, gn)
		fx = fn
	}
	return nil, 0, o.maxIter, fmt.Errorf("%w: %d iterations, the gradient still %v at %v", ErrNoConvergence, o.maxIter, maxAbs(g), params())
}

// identity returns the n × n identity matrix.
func identity(n int) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
		m[i][i] = 1
	}
	return m
}

// maxAbs returns the largest absolute value of v.
func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// sumPass runs pass over [0, n) in workers pieces, each on its own
// goroutine when workers > 1, each adding into its own k sums, and returns
// the sums added up in the order of the pieces, so that the result does
// not depend on which goroutine ends first.
func sumPass(n, workers, k int, pass func(lo, hi int, acc []float64)) []float64 {
	workers = max(1, min(workers, n/4096)) // small data sets are not worth a goroutine
	if workers == 1 {
		acc := make([]float64, k)
		pass(0, n, acc)
		return acc
	}
	accs := make([][]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		accs[w] = make([]float64, k)
		wg.Add(1)
		go func() {
			defer wg.Done()
			pass(w*n/workers, (w+1)*n/workers, accs[w])
		}()
	}
	wg.Wait()
	for w := 1; w < workers; w++ {
		for i := range accs[0] {
			accs[0][i] += accs[w][i]
		}
	}
	return accs[0]
}

// stdErrors returns the standard errors of the parameters p of f (which
// takes their logarithms), the square roots of the diagonal of the
// inverse of the Hessian of f with respect to p, by central differences
// of f's gradient.
func stdErrors(f objective, p []float64) ([]float64, error) {
	n := len(p)
	hess := make([][]float64, n)
	theta, g1, g2 := make([]float64, n), make([]float64, n), make([]float64, n)
	for j := range n {
		step := 1e-4 * p[j]
		for side, g := range [2][]float64{g1, g2} {
			for i := range theta {
				theta[i] = math.Log(p[i])
			}
			theta[j] = math.Log(p[j] + step*float64(2*side-1))
			if _, ok := f(theta, g); !ok {
				return nil, fmt.Errorf("%w: the likelihood is not finite near the estimate", ErrNoConvergence)
			}
			// The gradient with respect to p_i is the one with respect to
			// log p_i over p_i.
			for i := range g {
				g[i] /= math.Exp(theta[i])
			}
		}
		hess[j] = make([]float64, n)
		for i := range n {
			hess[j][i] = (g2[i] - g1[i]) / (2 * step)
		}
	}
	for i := range n {
		for j := range i {
			hess[i][j] = (hess[i][j] + hess[j][i]) / 2
			hess[j][i] = hess[i][j]
		}
	}
	cov, ok := invertSPD(hess)
	if !ok {
		return nil, fmt.Errorf("%w: the information matrix is not positive definite at the estimate %v", ErrNoConvergence, p)
	}
	se := make([]float64, n)
	for i := range se {
		se[i] = math.Sqrt(cov[i][i])
	}
	return se, nil
}

// invertSPD returns the inverse of a symmetric positive definite matrix by
// its Cholesky factor, or false if a is not positive definite.
func invertSPD(a [][]float64) ([][]float64, bool) {
	n := len(a)
	l := make([][]float64, n)
	for i := range l {
		l[i] = make([]float64, n)
		for j := 0; j <= i; j++ {
			sum := a[i][j]
			for k := range j {
				sum -= l[i][k] * l[j][k]
			}
			if i == j {
				if !(sum > 0) {
					return nil, false
				}
				l[i][i] = math.Sqrt(sum)
			} else {
				l[i][j] = sum / l[j][j]
			}
		}
	}
	// inv(a) = inv(L)' inv(L); inv(L) is lower triangular.
	li := identity(n)
	for j := range n {
		for i := j; i < n; i++ {
			sum := li[i][j]
			for k := j; k < i; k++ {
				sum -= l[i][k] * li[k][j]
			}
			li[i][j] = sum / l[i][i]
		}
	}
	inv := make([][]float64, n)
	for i := range inv {
		inv[i] = make([]float64, n)
		for j := range inv[i] {
			for k := max(i, j); k < n; k++ {
				inv[i][j] += li[k][i] * li[k][j]
			}
		}
	}
	return inv, true
}
