package cxmetrics

import (
	"fmt"
	"math"
	"sync"
)

// This file holds PredictAll of BG/NBD and MBG/NBD: P(alive) and the
// conditional expectation of many customers at once, with the
// expectation interpolated per frequency by Chebyshev polynomials where
// enough customers share it.

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
	// As forChunks splits them: the slices by worker below are as long,
	// not as long as any workers asked for (Workers(1<<30) made 24 GB).
	workers = max(1, min(workers, n/4096))
	errs := make([]error, workers)
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
