package cxmetrics

import (
	"fmt"
	"math"
	"sync"
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

// The batch predictions interpolate, for each frequency x shared by
// enough customers, g(w) = E/w as a function of w = ln(1 + t/(α+T)), by
// polynomials on pieces of width chebWidth. g is analytic in the strip
// |Im w| < π (the series in z = 1 − e^(−w) is singular only where z is
// real and at least 1), so that on a piece of half-width 1/8 its
// Chebyshev series falls below the rounding error by its ninth term. Each
// piece is the Chebyshev interpolant at chebN points, checked to have
// negligible last coefficients (else the piece is left to the direct
// evaluation), then turned into powers of u ∈ [−1, 1] and evaluated by
// Estrin's scheme, in four multiply-add steps instead of eight in a row.
const (
	chebN     = 9
	chebWidth = 0.25
	// chebMaxX is the largest frequency interpolated; larger ones are
	// few and their series converge in a few terms.
	chebMaxX = 1 << 12
)

// chebTable is the interpolation of g for one frequency: the pieces from
// first on, each its coefficients in powers of u, or nil where the direct
// evaluation is used.
type chebTable struct {
	first  int
	pieces []*[chebN]float64
}

// eval returns g(w) from the table, and false where it has no piece.
func (c *chebTable) eval(w float64) (float64, bool) {
	s := w * (1 / chebWidth)
	k := int(s)
	i := k - c.first
	if i < 0 || i >= len(c.pieces) || c.pieces[i] == nil {
		return 0, false
	}
	u := 2*(s-float64(k)) - 1
	p := c.pieces[i]
	// Estrin's scheme for Σ pⱼ uʲ, j = 0…8.
	u2 := u * u
	u4 := u2 * u2
	q0 := p[0] + p[1]*u + (p[2]+p[3]*u)*u2
	q1 := p[4] + p[5]*u + (p[6]+p[7]*u)*u2
	return q0 + (q1+p[8]*u4)*u4, true
}

// buildCheb returns the table of g = expect(w)/w over the pieces that
// cover [lo, hi].
func buildCheb(expect func(w float64) (float64, bool), lo, hi float64) *chebTable {
	first, last := int(lo/chebWidth), int(hi/chebWidth)
	c := &chebTable{first: first, pieces: make([]*[chebN]float64, last-first+1)}
	var f, co [chebN]float64
	for i := range c.pieces {
		left := float64(first+i) * chebWidth
		ok := true
		for j := range chebN {
			u := math.Cos(math.Pi * (float64(j) + 0.5) / chebN)
			w := left + chebWidth*(u+1)/2
			v, good := expect(w)
			if !good || !(w > 0) {
				ok = false
				break
			}
			f[j] = v / w
		}
		if !ok {
			continue
		}
		norm := 0.0
		for k := range chebN {
			s := 0.0
			for j := range chebN {
				s += f[j] * math.Cos(math.Pi*float64(k)*(float64(j)+0.5)/chebN)
			}
			co[k] = 2 * s / chebN
			norm += math.Abs(co[k])
		}
		co[0] /= 2
		if !(math.Abs(co[chebN-1])+math.Abs(co[chebN-2]) <= 1e-13*norm) || !finite(norm) {
			continue
		}
		c.pieces[i] = chebToPowers(co)
	}
	return c
}

// chebToPowers returns the coefficients in powers of u of Σ cₖ Tₖ(u), by
// the recurrence Tₖ₊₁ = 2u Tₖ − Tₖ₋₁ on the coefficients of each Tₖ. On
// [−1, 1] the powers' coefficients grow to 2⁷ times the Chebyshev ones,
// but those fall so fast that the rounding this adds stays near 1e-16 of
// the sum.
func chebToPowers(c [chebN]float64) *[chebN]float64 {
	var p [chebN]float64
	var prev, cur, next [chebN]float64 // the powers of T(k−1), T(k), T(k+1)
	cur[0] = 1
	for k := range chebN {
		for j := range chebN {
			p[j] += c[k] * cur[j]
		}
		if k == 0 {
			next = [chebN]float64{}
			next[1] = 1
		} else {
			next = [chebN]float64{}
			for j := range chebN - 1 {
				next[j+1] += 2 * cur[j]
			}
			for j := range chebN {
				next[j] -= prev[j]
			}
		}
		prev, cur = cur, next
	}
	return &p
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

// predictAll fills alive and expected (either may be nil) for every
// customer, on workers goroutines.
func (md bgModel) predictAll(customers []RFM, t float64, alive, expected []float64, workers int) error {
	if err := checkBGParams(md.name, md.p); err != nil {
		return err
	}
	if alive != nil && len(alive) != len(customers) || expected != nil && len(expected) != len(customers) {
		return fmt.Errorf("%w: %d customers, %d P(alive) and %d expectations to fill", ErrInvalidArgument, len(customers), len(alive), len(expected))
	}
	if expected != nil && (!(t >= 0) || !finite(t)) {
		// The customers first, as the methods of one customer check them.
		for i, c := range customers {
			if err := checkRFM(i, c); err != nil {
				return err
			}
		}
		return fmt.Errorf("%w: %s: t %v, want finite and not negative", ErrInvalidArgument, md.name, t)
	}
	n := len(customers)
	errs := make([]error, max(1, workers))
	if expected == nil || t == 0 {
		forChunks(n, workers, func(w, lo, hi int) {
			for i := lo; i < hi; i++ {
				c := customers[i]
				if err := checkRFM(i, c); err != nil {
					errs[w] = err
					return
				}
				if alive != nil {
					alive[i] = md.alive(c)
				}
				if expected != nil {
					expected[i] = 0
				}
			}
		})
		return firstError(errs)
	}
	// Pass 1: the checks, the customers of each frequency up to chebMaxX,
	// and the range of T, which bounds the range of w for every x.
	counts := make([][]int, len(errs))
	tlo, thi := make([]float64, len(errs)), make([]float64, len(errs))
	forChunks(n, workers, func(wk, lo, hi int) {
		var k []int
		tl, th := math.Inf(1), 0.0
		for i := lo; i < hi; i++ {
			c := customers[i]
			if err := checkRFM(i, c); err != nil {
				errs[wk] = err
				return
			}
			if c.T < tl { // not math.Min, a call on amd64
				tl = c.T
			}
			if c.T > th {
				th = c.T
			}
			if x := c.Frequency; x <= chebMaxX {
				if int(x) >= len(k) {
					k = append(k, make([]int, int(x)+1-len(k))...)
				}
				k[x]++
			}
		}
		counts[wk], tlo[wk], thi[wk] = k, tl, th
	})
	if err := firstError(errs); err != nil {
		return err
	}
	var all []int
	tl, th := math.Inf(1), 0.0
	for wk, k := range counts {
		if len(k) > len(all) {
			all = append(all, make([]int, len(k)-len(all))...)
		}
		for x, v := range k {
			all[x] += v
		}
		tl, th = math.Min(tl, tlo[wk]), math.Max(th, thi[wk])
	}
	// The tables of the frequencies with customers enough to pay for them
	// (a piece costs chebN direct evaluations), and ln a − ln β of each.
	alpha := md.p[1]
	wlo, whi := horizonLog(t, alpha, th), horizonLog(t, alpha, tl)
	pieces := int(whi/chebWidth) - int(wlo/chebWidth) + 1
	tables := make([]*chebTable, len(all))
	lnabs := make([]float64, len(all))
	for x, k := range all {
		lnabs[x] = md.lnab(int64(x))
		if k >= 2*chebN*pieces {
			tables[x] = buildCheb(func(w float64) (float64, bool) { return md.expectAlive(int64(x), w) }, wlo, whi)
		}
	}
	// Pass 2: P(alive) and the expectation of each customer.
	r := md.p[0]
	forChunks(n, workers, func(wk, lo, hi int) {
		for i := lo; i < hi; i++ {
			c := customers[i]
			x := c.Frequency
			a := 1.0
			if x != 0 || md.m != 0 {
				lnab := 0.0
				if x < int64(len(lnabs)) {
					lnab = lnabs[x]
				} else {
					lnab = md.lnab(x)
				}
				a = bgAlive(lnab, r+float64(x), alpha, c)
			}
			if alive != nil {
				alive[i] = a
			}
			if a == 0 {
				expected[i] = 0
				continue
			}
			w := horizonLog(t, alpha, c.T)
			var e float64
			ok := false
			if x < int64(len(tables)) && tables[x] != nil {
				var g float64
				if g, ok = tables[x].eval(w); ok {
					if e = g * w; e < 0 {
						e = 0
					}
				}
			}
			if !ok {
				if e, ok = md.expectAlive(x, w); !ok {
					errs[wk] = fmt.Errorf("%w: %s: customers[%d]: the expected purchases in %v cannot be computed to precision at %v", ErrNoConvergence, md.name, i, t, md.p)
					return
				}
			}
			v := a * e
			if !(v <= math.MaxFloat64) {
				errs[wk] = fmt.Errorf("%w: %s: customers[%d]: the expected purchases in %v pass the range of float64", ErrOverflow, md.name, i, t)
				return
			}
			expected[i] = v
		}
	})
	return firstError(errs)
}

// forChunks runs fn over [0, n) in workers contiguous chunks, each on its
// own goroutine when workers > 1, and waits for them; w is the chunk's
// number.
func forChunks(n, workers int, fn func(w, lo, hi int)) {
	workers = max(1, min(workers, n/4096))
	if workers == 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(w, w*n/workers, (w+1)*n/workers)
		}()
	}
	wg.Wait()
}

// firstError returns the first non-nil error of the chunks, which is the
// error of the first bad customer, the chunks being in order.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
