package cxmetrics

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// This file holds the likelihood of BG/NBD and MBG/NBD, which share one
// structure (their fit is in bgnbd_fit.go). The customers are kept
// grouped by frequency x, structure of arrays, so that a pass over them
// computes the terms that depend on x alone (the log-gammas, digammas
// and trigammas) once per distinct x and, per customer, two logarithms,
// an exponential and a log1p; each pass gives the log-likelihood with
// its exact gradient and Hessian, which Newton's method (newtonFit) turns
// into a fit of some ten passes.

// bgSample is customers grouped by frequency, for the likelihood of
// BG/NBD (m = 0) or MBG/NBD (m = 1), where m counts the drop-out chances
// a customer has at the first purchase.
type bgSample struct {
	m      float64
	groups []bgGroup // by x, ascending
	n      int       // customers
	sumX   float64   // Σ x
	sumT   float64   // Σ T
	tMin   float64   // the least T
	tMax   float64   // the greatest T
}

// bgGroup is the customers with frequency x: their T and t_x, from
// index start of the sample's order; t is nil when x is 0.
type bgGroup struct {
	x     int64
	start int
	T, t  []float64
}

// newBGSample checks customers and groups them by frequency, with a
// counting sort where the frequencies are small and a sort otherwise.
func newBGSample(customers []RFM, m float64) (*bgSample, error) {
	n := len(customers)
	s := &bgSample{m: m, n: n, tMin: math.Inf(1)}
	maxX := int64(0)
	zeros := 0
	for i, c := range customers {
		if err := checkRFM(i, c); err != nil {
			return nil, err
		}
		maxX = max(maxX, c.Frequency)
		if c.Frequency == 0 {
			zeros++
		}
		s.sumX += float64(c.Frequency)
		s.sumT += c.T
		if c.T < s.tMin { // not math.Min, a call on amd64
			s.tMin = c.T
		}
		if c.T > s.tMax {
			s.tMax = c.T
		}
	}
	T := make([]float64, n)
	t := make([]float64, n-zeros)
	if maxX <= int64(2*n+1024) {
		// Counting sort: the position of each x, then the customers.
		pos := make([]int, maxX+2)
		for _, c := range customers {
			pos[c.Frequency+1]++
		}
		for x := int64(0); x <= maxX; x++ {
			if k := pos[x+1]; k > 0 {
				s.groups = append(s.groups, bgGroup{x: x, start: pos[x]})
			}
			pos[x+1] += pos[x]
		}
		for _, c := range customers {
			k := pos[c.Frequency]
			pos[c.Frequency]++
			T[k] = c.T
			if c.Frequency > 0 {
				t[k-zeros] = c.Recency
			}
		}
	} else {
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(i, j int) int {
			switch xi, xj := customers[i].Frequency, customers[j].Frequency; {
			case xi < xj:
				return -1
			case xi > xj:
				return 1
			}
			return 0
		})
		for k, i := range order {
			c := customers[i]
			if k == 0 || c.Frequency != customers[order[k-1]].Frequency {
				s.groups = append(s.groups, bgGroup{x: c.Frequency, start: k})
			}
			T[k] = c.T
			if c.Frequency > 0 {
				t[k-zeros] = c.Recency
			}
		}
	}
	for g := range s.groups {
		gr := &s.groups[g]
		end := n
		if g+1 < len(s.groups) {
			end = s.groups[g+1].start
		}
		gr.T = T[gr.start:end:end]
		if gr.x > 0 {
			gr.t = t[gr.start-zeros : end-zeros : end-zeros]
		}
	}
	return s, nil
}

// bgParams is a point of the parameter space: r, α, a, b.
type bgParams [4]float64

// checkBGParams returns an error unless every parameter of the model
// named is positive and finite.
func checkBGParams(name string, p bgParams) error {
	for i, v := range p {
		if !(v > 0) || !finite(v) {
			return fmt.Errorf("%w: %s parameter %s is %v, want positive and finite", ErrInvalidArgument, name, [4]string{"R", "Alpha", "A", "B"}[i], v)
		}
	}
	return nil
}

// bgEval is the log-likelihood of a sample at a point, with its gradient
// and Hessian with respect to the parameters (r, α, a, b).
type bgEval struct {
	ll   float64
	grad [4]float64
	hess [4][4]float64
}

// The sums of a pass, in order: the log-likelihood, the gradient and the
// upper triangle of the Hessian.
const (
	accLL = iota
	accGR
	accGAlpha
	accGA
	accGB
	accHRR
	accHRAlpha
	accHRA
	accHRB
	accHAlphaAlpha
	accHAlphaA
	accHAlphaB
	accHAA
	accHAB
	accHBB
	accN
)

// hessIndex maps the Hessian's (i, j), i ≤ j, to its sum.
var hessIndex = [4][4]int{
	{accHRR, accHRAlpha, accHRA, accHRB},
	{accHRAlpha, accHAlphaAlpha, accHAlphaA, accHAlphaB},
	{accHRA, accHAlphaA, accHAA, accHAB},
	{accHRB, accHAlphaB, accHAB, accHBB},
}

// eval returns the log-likelihood of the sample at p with its gradient
// and Hessian, the customers' terms summed on workers goroutines; ok is
// false where it is not finite.
//
// Each customer's log-likelihood (Fader, Hardie & Lee 2005, eq. 6, for
// m = 0; Batislam, Denizel & Filiztekin 2007, eq. 4, for m = 1) is
//
//	ℓ = K(x) + ln(e^u + [x > 0 or m = 1] e^v),
//	K(x) = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+m) − ln B(a, b),
//	u = −(r+x) ln(α+T),  v = ln a − ln(b+x−1+m) − (r+x) ln(α+t_x),
//
// the second term taken as max(u, v) + log1p(e^−|u−v|) (Fader & Hardie,
// "Overcoming the BG/NBD model's #NUM! error problem", 2013).
func (s *bgSample) eval(p bgParams, workers int) (bgEval, bool) {
	r, alpha, a, b := p[0], p[1], p[2], p[3]
	var e bgEval
	acc := make([]float64, accN)
	// The terms of x alone, once per distinct x, times its customers.
	psiR, psiAB, psiB := digamma(r), digamma(a+b), digamma(b)
	triR, triAB, triB := trigamma(r), trigamma(a+b), trigamma(b)
	lnAlpha := math.Log(alpha)
	for _, g := range s.groups {
		k := float64(len(g.T))
		x := float64(g.x)
		xm := x + s.m
		acc[accLL] += k * (lgammaDelta(r, x) + r*lnAlpha + lbetaRatio(a, b, xm))
		acc[accGR] += k * (digamma(r+x) - psiR + lnAlpha)
		acc[accGAlpha] += k * r / alpha
		acc[accHRR] += k * (trigamma(r+x) - triR)
		acc[accHRAlpha] += k / alpha
		acc[accHAlphaAlpha] -= k * r / (alpha * alpha)
		if xm > 0 {
			psiABX, triABX := digamma(a+b+xm), trigamma(a+b+xm)
			acc[accGA] += k * (psiAB - psiABX)
			acc[accGB] += k * (digamma(b+xm) - psiB + psiAB - psiABX)
			acc[accHAA] += k * (triAB - triABX)
			acc[accHAB] += k * (triAB - triABX)
			acc[accHBB] += k * (trigamma(b+xm) - triB + triAB - triABX)
		}
	}
	// The terms of each customer.
	prod := alpha+s.tMin >= 0x1p-30 && alpha+s.tMax <= 0x1p30
	sums := sumPass(s.n, workers, accN, func(lo, hi int, acc []float64) {
		gi := sort.Search(len(s.groups), func(i int) bool { return s.groups[i].start+len(s.groups[i].T) > lo })
		for ; gi < len(s.groups) && s.groups[gi].start < hi; gi++ {
			g := &s.groups[gi]
			from, to := max(lo, g.start)-g.start, min(hi, g.start+len(g.T))-g.start
			var t []float64
			if g.t != nil {
				t = g.t[from:to]
			}
			s.customerTerms(g.x, g.T[from:to], t, p, prod, acc)
		}
	})
	for i := range acc {
		acc[i] += sums[i]
	}
	e.ll = acc[accLL]
	e.grad = [4]float64{acc[accGR], acc[accGAlpha], acc[accGA], acc[accGB]}
	for i := range 4 {
		for j := range 4 {
			e.hess[i][j] = acc[hessIndex[i][j]]
		}
	}
	ok := finite(e.ll)
	for i := range 4 {
		ok = ok && finite(e.grad[i])
		for j := range 4 {
			ok = ok && finite(e.hess[i][j])
		}
	}
	return e, ok
}

// customerTerms adds to acc the terms ln(e^u + e^v) of the customers with
// frequency x, ages T and recencies t (nil: all 0), and their derivatives.
//
// With p₃ and p₄ = 1 − p₃ the shares of e^u and e^v in the sum, the
// gradient is p₃∇u + p₄∇v and the Hessian p₃∇²u + p₄∇²v + p₃p₄(∇u −
// ∇v)(∇u − ∇v)'; the sums below are those of p₃, p₄ and p₃p₄ times the
// factors of these, which depend on the customer only through L =
// ln(α+T), D = ln((α+T)/(α+t_x)) = L − ln(α+t_x), 1/(α+T) and 1/(α+t_x).
//
// Each customer costs one logarithm (of D) and one exponential: the sums
// of ln(α+T) and of ln(1 + e^−|u−v|) are taken as the logarithms of
// products, renormalised every 32 factors, where prod says that α + T
// lies within [2⁻³⁰, 2³⁰] for every customer, so that no product of 32
// overflows; each product adds a rounding of 1e-16 relative per factor,
// and its logarithm an error of 32 × 1e-16 per 32 customers, absolute,
// far below the rounding of the sum itself.
func (s *bgSample) customerTerms(x int64, T, t []float64, p bgParams, prod bool, acc []float64) {
	r, alpha, a, b := p[0], p[1], p[2], p[3]
	R := r + float64(x)
	if x == 0 && s.m == 0 {
		// BG/NBD without a repeat purchase: ℓ = K − r ln(α+T).
		var sL, sI, sI2 float64
		if prod {
			pr, ex := 1.0, 0
			for i, Ti := range T {
				aT := alpha + Ti
				iT := 1 / aT
				pr *= aT
				sI += iT
				sI2 += iT * iT
				if i&31 == 31 {
					f, e := math.Frexp(pr)
					pr, ex = f, ex+e
				}
			}
			sL = math.Log(pr) + float64(ex)*math.Ln2
		} else {
			for _, Ti := range T {
				aT := alpha + Ti
				iT := 1 / aT
				sL += math.Log(aT)
				sI += iT
				sI2 += iT * iT
			}
		}
		acc[accLL] -= R * sL
		acc[accGR] -= sL
		acc[accGAlpha] -= R * sI
		acc[accHRAlpha] -= sI
		acc[accHAlphaAlpha] += R * sI2
		return
	}
	beta := b + float64(x) - 1 + s.m
	c := math.Log(a) - math.Log(beta)
	var sL, sPos, sp4, sp4D, siT3, sit4, siT3sq, sit4sq, sw, swD, swi, swDD, swDi, swii float64
	prT, exT, prE, exE := 1.0, 0, 1.0, 0
	at, it := alpha, 1/alpha
	for i, Ti := range T {
		if t != nil {
			at = alpha + t[i]
			it = 1 / at
		}
		aT := alpha + Ti
		iT := 1 / aT
		D := math.Log(aT * it)
		d := c + R*D // v − u
		var e, p3, p4 float64
		if d <= 0 {
			e = math.Exp(d)
			p3 = 1 / (1 + e)
			p4 = e * p3
		} else {
			e = math.Exp(-d)
			p4 = 1 / (1 + e)
			p3 = e * p4
			sPos += d
		}
		prE *= 1 + e
		if prod {
			prT *= aT
		} else {
			sL += math.Log(aT)
		}
		if i&31 == 31 {
			f, ex := math.Frexp(prE)
			prE, exE = f, exE+ex
			f, ex = math.Frexp(prT)
			prT, exT = f, exT+ex
		}
		sp4 += p4
		sp4D += p4 * D
		siT3 += p3 * iT
		sit4 += p4 * it
		siT3sq += p3 * iT * iT
		sit4sq += p4 * it * it
		w := p3 * p4
		di := it - iT
		sw += w
		swD += w * D
		swi += w * di
		swDD += w * D * D
		swDi += w * D * di
		swii += w * di * di
	}
	sL += math.Log(prT) + float64(exT)*math.Ln2
	// Σℓ = Σ(u + max(d, 0) + ln(1 + e^−|d|)), u = −R L.
	acc[accLL] += -R*sL + sPos + math.Log(prE) + float64(exE)*math.Ln2
	// ∇u − ∇v = (−D, R(1/(α+t) − 1/(α+T)), −1/a, 1/β).
	acc[accGR] -= sL - sp4D
	acc[accGAlpha] -= R * (siT3 + sit4)
	acc[accGA] += sp4 / a
	acc[accGB] -= sp4 / beta
	acc[accHRR] += swDD
	acc[accHRAlpha] += -(siT3 + sit4) - R*swDi
	acc[accHRA] += swD / a
	acc[accHRB] -= swD / beta
	acc[accHAlphaAlpha] += R*(siT3sq+sit4sq) + R*R*swii
	acc[accHAlphaA] -= R * swi / a
	acc[accHAlphaB] += R * swi / beta
	acc[accHAA] += (sw - sp4) / (a * a)
	acc[accHAB] -= sw / (a * beta)
	acc[accHBB] += (sp4 + sw) / (beta * beta)
}
