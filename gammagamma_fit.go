package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds the Gamma-Gamma fit's view of the data and its
// objective. Written per buyer, with u = x·m_x,
//
//	ln f = [ln Γ(px + q) − ln Γ(px)] − ln Γ(q) + q ln γ + px ln u − ln m_x − (px + q) ln(γ + u)
//
// the bracket depends on the buyer only through x, and the rest is linear
// in p and q once the sums A(γ) = Σ x ln(γ + u) and B(γ) = Σ ln(γ + u)
// are known. So an evaluation takes one pass over the buyers for A, B and
// their first two derivatives in γ (one logarithm and one division each),
// and then one step per distinct x; the sums of ln m_x and x ln u do not
// depend on the parameters and are taken once. With the Hessian that
// cheap, the fit is Newton's method (newtonFit, btyd_newton.go),
// which converges in some ten passes where BFGS takes thirty. (p Σ x ln u
// − p A is a difference of two large sums, about 10⁻¹⁴ of the
// log-likelihood at 10⁶ buyers; GammaGamma.LogLikelihood computes each
// buyer's term without it.)
//
// No smaller sufficient statistic exists: A and B depend on γ through
// every buyer's u, so shards cannot be reduced to a fixed-size summary
// that a fit could combine; they can send their (x, u) lists.

// ggData is what the Gamma-Gamma likelihood needs of the repeat buyers.
type ggData struct {
	n       float64   // repeat buyers
	meanM   float64   // their mean Monetary, for the start
	sumLnM  float64   // Σ ln m_x
	sumXLnU float64   // Σ x ln(x m_x)
	groups  []ggGroup // one per distinct x
	x, u    []float64 // each buyer's x and x·m_x
}

// ggGroup is the number of buyers with one Frequency x.
type ggGroup struct{ x, count float64 }

// ggSmallX is the Frequency below which buyers are counted in an array
// rather than a map.
const ggSmallX = 1024

// newGGData returns the repeat buyers of customers, checked.
func newGGData(customers []RFM) (*ggData, error) {
	d := &ggData{}
	var small [ggSmallX]int
	large := map[int64]int{}
	sumM, sumXLnM := 0.0, 0.0
	for i, c := range customers {
		if !plainRFM(c) {
			if err := checkRFM(i, c); err != nil {
				return nil, err
			}
		}
		if c.Frequency == 0 {
			continue
		}
		if err := checkSpend(i, c); err != nil {
			return nil, err
		}
		if c.Frequency < ggSmallX {
			small[c.Frequency]++
		} else {
			large[c.Frequency]++
		}
		x := float64(c.Frequency)
		lm := math.Log(c.Monetary)
		sumM += c.Monetary
		d.sumLnM += lm
		sumXLnM += x * lm
		d.x = append(d.x, x)
		d.u = append(d.u, x*c.Monetary)
	}
	if len(d.u) == 0 {
		return nil, fmt.Errorf("%w: no customer with a repeat purchase among %d", ErrNoResponses, len(customers))
	}
	d.n = float64(len(d.u))
	d.meanM = sumM / d.n
	if !finite(d.meanM) { // the sum passed float64
		d.meanM = 0
		for _, c := range customers {
			d.meanM += c.Monetary / d.n
		}
	}
	d.sumXLnU = sumXLnM
	add := func(x int64, count int) {
		xf := float64(x)
		d.groups = append(d.groups, ggGroup{xf, float64(count)})
		d.sumXLnU += float64(count) * xf * math.Log(xf)
	}
	for x, count := range small {
		if count > 0 {
			add(int64(x), count)
		}
	}
	for x, count := range large {
		add(x, count)
	}
	return d, nil
}

// ggSums is what one pass over the buyers gives at γ: A = Σ x ln(γ + u),
// B = Σ ln(γ + u), A₁ = Σ x/(γ + u), B₁ = Σ 1/(γ + u), A₂ = Σ x/(γ + u)²
// and B₂ = Σ 1/(γ + u)².
type ggSums struct{ g, a, b, a1, b1, a2, b2 float64 }

// sums returns the sums of d at γ = g, on workers goroutines.
func (d *ggData) sums(g float64, workers int) ggSums {
	s := sumPass(len(d.u), workers, 6, func(lo, hi int, acc []float64) {
		var a, b, a1, b1, a2, b2 float64
		us := d.u[lo:hi]
		xs := d.x[lo:hi]
		xs = xs[:len(us)]
		for i, u := range us {
			x := xs[i]
			v := g + u
			l, r := math.Log(v), 1/v
			a += x * l
			b += l
			a1 += x * r
			b1 += r
			a2 += x * r * r
			b2 += r * r
		}
		acc[0], acc[1], acc[2], acc[3], acc[4], acc[5] = a, b, a1, b1, a2, b2
	})
	return ggSums{g, s[0], s[1], s[2], s[3], s[4], s[5]}
}

// ll returns the log-likelihood ℓ of d at (p, q, s.g), and writes its
// gradient and, if hess is not nil, its Hessian with respect to (p, q, γ)
// into grad and hess.
func (d *ggData) ll(p, q float64, s ggSums, grad []float64, hess [][]float64) float64 {
	g, n := s.g, d.n
	lng := math.Log(g)
	ll := -n*lgamma(q) - d.sumLnM + p*d.sumXLnU + q*n*lng - p*s.a - q*s.b
	dp := d.sumXLnU - s.a
	dq := -n*digamma(q) + n*lng - s.b
	var hpp, hpq, hqq float64
	for _, gr := range d.groups {
		px := p * gr.x
		ll += gr.count * lnGammaRise(px, q)
		psi := digamma(px + q)
		dp += gr.count * gr.x * (psi - digamma(px))
		dq += gr.count * psi
		if hess != nil {
			tri := trigamma(px + q)
			hpp += gr.count * gr.x * gr.x * (tri - trigamma(px))
			hpq += gr.count * gr.x * tri
			hqq += gr.count * tri
		}
	}
	grad[0], grad[1], grad[2] = dp, dq, n*q/g-p*s.a1-q*s.b1
	if hess != nil {
		hqq -= n * trigamma(q)
		hpg, hqg := -s.a1, n/g-s.b1
		hgg := -n*q/(g*g) + p*s.a2 + q*s.b2
		hess[0][0], hess[0][1], hess[0][2] = hpp, hpq, hpg
		hess[1][0], hess[1][1], hess[1][2] = hpq, hqq, hqg
		hess[2][0], hess[2][1], hess[2][2] = hpg, hqg, hgg
	}
	return ll
}

// objective returns the negative log-likelihood of d over θ = (ln p,
// ln q, ln γ), with its gradient and Hessian with respect to θ:
//
//	∂f/∂θᵢ = −pᵢ ∂ℓ/∂pᵢ,  ∂²f/∂θᵢ∂θⱼ = −pᵢ pⱼ ∂²ℓ/∂pᵢ∂pⱼ − [i = j] pᵢ ∂ℓ/∂pᵢ
func (d *ggData) objective(workers int) hessObjective {
	var gp [3]float64
	return func(theta, grad []float64, hess [][]float64) (float64, bool) {
		p := [3]float64{math.Exp(theta[0]), math.Exp(theta[1]), math.Exp(theta[2])}
		ll := d.ll(p[0], p[1], d.sums(p[2], workers), gp[:], hess)
		ok := finite(ll)
		for i := range grad {
			grad[i] = -p[i] * gp[i]
			ok = ok && finite(grad[i])
			if hess == nil {
				continue
			}
			for j := range hess[i] {
				hess[i][j] *= -p[i] * p[j]
				ok = ok && finite(hess[i][j])
			}
			hess[i][i] += grad[i]
		}
		return -ll, ok
	}
}
