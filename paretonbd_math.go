package cxmetrics

import "math"

// This file holds the numerics of the Pareto/NBD model: the function φ
// through which its likelihood, P(alive) and conditional expectations are
// computed, with its partial derivatives, and the integral of P(X(t) = n).
//
// # The function φ
//
// The Pareto/NBD likelihood (Fader & Hardie 2005, "A note on deriving the
// Pareto/NBD model and related expressions", eq. 22) is
//
//	L = Γ(r+x) αʳ βˢ / Γ(r) · [ (α+T)^−p (β+T)^−s + s/(r+s+x) · A₀ ],   p = r+x,
//	A₀ = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t_x)) / (α+t_x)^(r+s+x)
//	   − ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+T)) / (α+T)^(r+s+x)      (α ≥ β)
//
// (r+x in place of s+1 and β in place of α when α < β), where
// s/(r+s+x) · A₀ = s ∫_{t_x}^T (α+y)^−p (β+y)^−(s+1) dy, the chance of
// dying between the last purchase and T. Each ₂F₁ alone is as large as
// (1−z)^−s, which is what overflows in other implementations, and the two
// terms of A₀ nearly cancel when t_x is close to T. The integral from t
// to ∞, times the inverse of the alive term at t, is a bounded function
// of one ratio:
//
//	φ(t) = s (α+t)^p (β+t)^s ∫_t^∞ (α+y)^−p (β+y)^−(s+1) dy
//	     = s ∫_0^∞ (1+κv)^−p (1+v)^−(s+1) dv,   κ = (β+t)/(α+t),
//
// which lies in (0, 1] (it is E[(1+κV)^−p] for a Lomax variable V), is
// s/(p+s) at κ = 1 (α = β, where the published form has its removable
// singularity), and satisfies φ_{p,s}(κ) + φ_{s,p}(1/κ) = 1 (a death
// before the next purchase, or the reverse). By Euler's transformation
// (DLMF 15.8.1) of the ₂F₁, with a = p+s and z = |α−β| / (max(α, β) + t),
//
//	φ = (s/a) ₂F₁(1, p;   a+1; z)        κ ≤ 1 (α ≥ β)
//	φ = (s/a) ₂F₁(1, s+1; a+1; z) / κ    κ > 1 (α < β)
//
// two series of positive terms whose ratio is below z. Then
//
//	L = Γ(r+x) αʳ βˢ / Γ(r) · (α+t_x)^−p (β+t_x)^−s · [ φ(t_x) + E (1 − φ(T)) ],
//	E = ((α+t_x)/(α+T))^p ((β+t_x)/(β+T))^s ≤ 1,
//
// the bracket the sum of two non-negative terms, each at most the whole,
// so that every rounding error stays relative to L.
//
// Where z is close to 1 (α and β far apart, compared with t) the series
// converges slowly; there φ is the integral above taken by the trapezoidal
// rule in w = ln v, which converges geometrically for an analytic
// integrand on the real line. The integrand f = e^{g(w)},
// g(w) = w − p·sp(w + ln κ) − (s+1)·sp(w) with sp(x) = ln(1+eˣ), is
// log-concave with a curvature of at most 1 at its mode, and falls as
// e^w on the left; on the right it falls as e^(−aw) only, too slowly
// when a is small, so the rule integrates f − T̃, where T̃(w) =
// κ^−p e^(−aw) σ(w−W)^(a+1) has the same right tail to a factor
// 1 + O(e^−2w) and the known integral κ^−p e^(−aW)/a (a beta integral),
// and adds that back. The partial derivatives of φ are integrals of f
// weighted by sp(w + ln κ), sp(w) and σ(w + ln κ), taken on the same
// nodes in the same way.

// phiVal is φ and its partial derivatives with respect to p, s and ln κ.
type phiVal struct{ v, dp, ds, dl float64 }

// Tolerances of the series and the quadrature.
const (
	phiTol       = 1e-17 // relative size of the last series term or quadrature node
	phiMaxTerms  = 2048  // series terms before the quadrature takes over
	phiQuadStep  = 0.25  // trapezoidal step in ln v
	phiQuadNodes = 40000 // nodes on each side before the quadrature gives up
)

// pnbdPhi returns φ(t) for p = r+x, s, α, β at time t ≥ 0, and false
// where it could not be computed to full precision.
func pnbdPhi(p, s, alpha, beta, t float64) (phiVal, bool) {
	if alpha >= beta {
		kappa := (beta + t) / (alpha + t)
		z := (alpha - beta) / (alpha + t)
		if v, ok := phiSeries(p, s, z, kappa, false); ok {
			return v, true
		}
	} else {
		kappa := (beta + t) / (alpha + t)
		z := (beta - alpha) / (beta + t)
		if v, ok := phiSeries(p, s, z, kappa, true); ok {
			return v, true
		}
	}
	return phiQuad(p, s, math.Log(beta+t)-math.Log(alpha+t))
}

// phiSeries sums the series of φ in z: for κ ≤ 1 (above false)
// (s/a) Σ (p)ₖ/(a+1)ₖ zᵏ, for κ > 1 (s/(aκ)) Σ (s+1)ₖ/(a+1)ₖ zᵏ, with
// the derivatives of each coefficient's logarithm kept as running sums.
// It returns false if the series would need more than phiMaxTerms terms.
func phiSeries(p, s, z, kappa float64, above bool) (phiVal, bool) {
	a := p + s
	if z > 0 && math.Log(phiTol*(1-z)*(1-z))/math.Log(z) > phiMaxTerms {
		return phiVal{}, false
	}
	num := p // the coefficient's rising factorial: (p)ₖ below, (s+1)ₖ above
	if above {
		num = s + 1
	}
	thr := phiTol * (1 - z) * (1 - z)
	s0, sp, ss, sz := 1.0, 0.0, 0.0, 0.0
	c, ep, es, zk := 1.0, 0.0, 0.0, 1.0
	for k := 0.0; k < phiMaxTerms; k++ {
		den := 1 / (a + 1 + k)
		if above {
			ep -= den
			es += 1/(num+k) - den
		} else {
			ep += 1/(num+k) - den
			es -= den
		}
		c *= (num + k) * den
		sz += (k + 1) * c * zk // Σ k cₖ z^(k−1)
		zk *= z
		term := c * zk
		s0 += term
		sp += ep * term
		ss += es * term
		if (k+1)*term <= thr*s0 {
			return phiFromSums(p, s, kappa, above, s0, sp, ss, sz), true
		}
	}
	return phiVal{}, false
}

// phiFromSums turns the sums S₀ = Σ cₖzᵏ, Sₚ = Σ cₖ ∂ln cₖ/∂p zᵏ,
// Sₛ = Σ cₖ ∂ln cₖ/∂s zᵏ and S_z = Σ k cₖ z^(k−1) into φ and its
// derivatives.
func phiFromSums(p, s, kappa float64, above bool, s0, sp, ss, sz float64) phiVal {
	a := p + s
	pre := s / a // s/a, or s/(aκ) above
	if above {
		pre /= kappa
	}
	v := phiVal{
		v:  pre * s0,
		dp: pre * (sp - s0/a),
		ds: pre * (p*s0/(a*s) + ss),
	}
	if above {
		// z = 1 − 1/κ, dz/d ln κ = 1/κ; the prefactor 1/κ gives −φ.
		v.dl = pre * (sz/kappa - s0)
	} else {
		// z = 1 − κ, dz/d ln κ = −κ.
		v.dl = -pre * sz * kappa
	}
	return v
}

// phiQuad returns φ for p, s and l = ln κ by the trapezoidal rule in
// w = ln v described at the top of this file, and false if the rule did
// not reach its tolerance within phiQuadNodes nodes on a side.
func phiQuad(p, s, l float64) (phiVal, bool) {
	a := p + s
	if !(a > 0) || !finite(l) {
		return phiVal{}, false
	}
	// The mode of g: g'(w) = 1 − p σ(w+l) − (s+1) σ(w) falls from 1 to −a.
	// It is ≥ 0 where p e^(w+l) + (s+1) e^w ≤ 1, and ≤ 0 where σ(w) ≥
	// 1/(s+1) or σ(w+l) ≥ 1/p.
	lo := -pnbdLogAddExp(math.Log(p)+l, math.Log1p(s))
	hi := -math.Log(s)
	if p > 1 {
		hi = math.Min(hi, -l-math.Log(p-1))
	}
	for range 200 {
		if hi-lo < 1e-3 {
			break
		}
		mid := lo + (hi-lo)/2
		if 1-p*pnbdSigmoid(mid+l)-(s+1)*pnbdSigmoid(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	mode := lo
	// T̃(w) = exp(tc − a (w−W) − (a+1) sp(W−w)), with e^W = (p/κ + s+1)/(a+1)
	// and tc = −p(l+W) − sW, so that ∫T̃ = e^tc / a.
	// W = ln(1 + p(1/κ − 1)/(a+1)) and l + W = ln(1 + (s+1)(κ − 1)/(a+1)),
	// in forms that keep their precision when s or p is large.
	w0 := math.Log1p(p * math.Expm1(-l) / (a + 1))
	lw := math.Log1p((s + 1) * math.Expm1(l) / (a + 1))
	tc := -p*lw - s*w0
	k0 := math.Exp(tc - math.Log(a))
	var i0, i1, i2, i3 float64 // sums of the differences on the nodes
	mass := 0.0                // sum of f on the nodes, for the stopping rule
	// node adds the nodes' values at w and returns how large they were
	// on the left (f and T̃ with their weights) and on the right (the
	// differences only: f itself falls slowly there). The weights of T̃
	// match those of f on the right, up to terms in e^−w, and have known
	// integrals against T̃ (below).
	// Right of the bends, f and T̃ agree to a factor 1 + O(e^−2w) and
	// their difference is taken from the logarithm of their ratio,
	// ln(f/T̃) = (a+1) sp(W−w) − p sp(−w−l) − (s+1) sp(−w), whose terms are
	// small there, so that it falls with them instead of stopping at the
	// rounding errors of f and T̃; the weights' differences likewise.
	tail := math.Max(math.Max(0, -l), w0)
	node := func(w float64) (left, right float64) {
		sp1, sp2 := pnbdSoftplus(w+l), pnbdSoftplus(w)
		f := math.Exp(w - p*sp1 - (s+1)*sp2)
		// ln T̃ = tc − a u − (a+1) sp(−u) = tc + u − (a+1) sp(u), u = w − W,
		// each form where its terms do not cancel.
		u := w - w0
		spu, sgu := pnbdSoftplus(u), pnbdSigmoid(u)
		lt := tc + u - (a+1)*spu
		if u > 0 {
			lt = tc - a*u - (a+1)*pnbdSoftplus(-u)
		}
		tt := math.Exp(lt)
		var d0, d1, d2, d3 float64
		var sa, sb, sc, rho float64
		if w > tail {
			sa, sb, sc = pnbdSoftplus(-w-l), pnbdSoftplus(-w), pnbdSoftplus(-u)
			rho = (a+1)*sc - p*sa - (s+1)*sb
		}
		if w > tail && math.Abs(rho) < 1 {
			d0 = tt * math.Expm1(rho)
			gu := pnbdSigmoid(-u)
			d1 = sp1*d0 + (sa-sc+lw*gu)*tt
			d2 = sp2*d0 + (sb-sc+w0*gu)*tt
			d3 = pnbdSigmoid(w+l)*d0 + (gu-pnbdSigmoid(-w-l))*tt
		} else {
			d0 = f - tt
			d1 = sp1*f - (spu+lw*sgu)*tt
			d2 = sp2*f - (spu+w0*sgu)*tt
			d3 = pnbdSigmoid(w+l)*f - sgu*tt
		}
		i0 += d0
		i1 += d1
		i2 += d2
		i3 += d3
		mass += f
		return (1 + sp1 + sp2 + spu + math.Abs(w0) + math.Abs(lw)) * (f + tt), math.Abs(d0) + math.Abs(d1) + math.Abs(d2) + math.Abs(d3)
	}
	node(mode)
	// Beyond these, the integrands fall monotonically.
	bound := [2]float64{math.Min(mode, w0) - 2, math.Max(math.Max(mode, w0), math.Max(0, -l)) + 2}
	for side := range 2 {
		quiet := 0
		for k := 1; quiet < 4; k++ {
			if k > phiQuadNodes {
				return phiVal{}, false
			}
			w := mode + float64(k)*phiQuadStep
			if side == 0 {
				w = mode - float64(k)*phiQuadStep
			}
			left, right := node(w)
			size := left
			if side == 1 {
				size = right
			}
			scale := (phiQuadStep*mass + k0) * (1 + math.Abs(w0) + math.Abs(lw))
			if (side == 0 && w < bound[0] || side == 1 && w > bound[1]) && phiQuadStep*size <= phiTol*scale {
				quiet++
			} else {
				quiet = 0
			}
		}
	}
	h := phiQuadStep
	// ∫T̃ = K₀, ∫σ(u)T̃ = K₀/(a+1), ∫sp(u)T̃ = K₀/a (beta integrals and
	// the derivative of one in its first parameter).
	I0 := h*i0 + k0
	I1 := h*i1 + k0*(1/a+lw/(a+1))
	I2 := h*i2 + k0*(1/a+w0/(a+1))
	I3 := h*i3 + k0/(a+1)
	v := phiVal{v: s * I0, dp: -s * I1, ds: I0 - s*I2, dl: -s * p * I3}
	return v, finite(v.v) && finite(v.dp) && finite(v.ds) && finite(v.dl)
}

// pnbdSoftplus returns ln(1 + eˣ) without overflow.
func pnbdSoftplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

// pnbdSigmoid returns 1/(1 + e⁻ˣ) without overflow.
func pnbdSigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// pnbdLogAddExp returns ln(eˣ + eʸ) without overflow.
func pnbdLogAddExp(x, y float64) float64 {
	if x < y {
		x, y = y, x
	}
	if math.IsInf(y, -1) {
		return x
	}
	return x + math.Log1p(math.Exp(y-x))
}

// pnbdPMF returns P(X(t) = n) of a new customer, for t > 0 (Fader &
// Hardie, "Deriving an expression for P(X(t) = x) under the Pareto/NBD
// model", 2006, eq. 13, in the form of its derivation): the customer is
// alive at t and its purchases are negative binomial, or it died at
// τ ≤ t with n purchases by then,
//
//	P(X(t) = n) = (β/(β+t))^s NB_t(n) + ∫_0^t sβ^s/(β+τ)^(s+1) NB_τ(n) dτ,
//	NB_τ(n)     = Γ(r+n)/(Γ(r) n!) (α/(α+τ))^r (τ/(α+τ))^n,
//
// both terms positive, so that no cancellation loses a small probability
// (the note's closed form subtracts two ₂F₁ series). In v = ln(τ/α) the
// integrand is (sα/β)·Γ(r+n)/(Γ(r) n!)·e^{H(v)} with
//
//	H(v) = (n+1)v − (r+n) sp(v) − (s+1) sp(v + ln(α/β)),
//
// log-concave with a curvature of at most n+1 at its mode. The integral
// over (−∞, ln(t/α)] is taken by the trapezoidal rule after the map
// v = V − c·sp(−y) from the real line onto it, which turns the end at V
// into a tail falling as e^−y, c = min(1, 1/√(−H”))) scaling the peak to
// a width of about one. It returns false if the rule did not reach its
// tolerance.
func pnbdPMF(r, alpha, s, beta float64, n int64, t float64) (float64, bool) {
	fn := float64(n)
	lnb := lnGammaRise(r, fn) - lgamma(fn+1) // ln Γ(r+n)/(Γ(r) n!)
	if n > 0 && fn+1 >= 10 {
		lnb = lnGammaRise(fn+1, r-1) - lgamma(r) // the same, without cancelling large log-gammas
	}
	first := math.Exp(lnb - s*math.Log1p(t/beta) - r*math.Log1p(t/alpha) - fn*math.Log1p(alpha/t))
	delta := math.Log(alpha) - math.Log(beta)
	V := math.Log(t) - math.Log(alpha)
	rn, s1 := r+fn, s+1
	H := func(v float64) float64 {
		if v > 0 {
			return (1-r)*v - rn*pnbdSoftplus(-v) - s1*pnbdSoftplus(v+delta)
		}
		return (fn+1)*v - rn*pnbdSoftplus(v) - s1*pnbdSoftplus(v+delta)
	}
	dH := func(v float64) float64 { return fn + 1 - rn*pnbdSigmoid(v) - s1*pnbdSigmoid(v+delta) }
	curv := func(v float64) float64 {
		a, b := pnbdSigmoid(v), pnbdSigmoid(v+delta)
		return rn*a*(1-a) + s1*b*(1-b)
	}
	// The mode: H' falls from n+1 to −(r+s); it is ≥ 0 where
	// (r+n)eᵛ + (s+1)e^(v+δ) ≤ n+1, and ≤ 0 where both sigmoids are at
	// least (n+1)/(n+r+s+1).
	lo := math.Log(fn+1) - pnbdLogAddExp(math.Log(rn), math.Log(s1)+delta)
	hi := math.Log(fn+1) - math.Log(r+s) + math.Max(0, -delta)
	for range 200 {
		if hi-lo < 1e-3 {
			break
		}
		mid := lo + (hi-lo)/2
		if dH(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	mode := lo
	c := math.Min(1, 1/math.Sqrt(curv(math.Min(mode, V))))
	// Start at the peak: the mode's image, or, where the mode is at or
	// beyond V, the peak of e^(−S sp(−y)) σ(−y), S = H'(V)c, at y = ln S.
	var y0 float64
	if mode < V-c {
		d := (V - mode) / c // V − c·sp(−y0) = mode
		y0 = -(d + math.Log1p(-math.Exp(-d)))
	} else {
		y0 = math.Max(math.Log(math.Max(dH(V)*c, 0)), -2)
	}
	lnF := func(y float64) float64 {
		v := V - c*pnbdSoftplus(-y)
		return H(v) + math.Log(c) - pnbdSoftplus(y) // ln(c σ(−y)) = ln c − sp(y)
	}
	h0 := lnF(y0)
	sum := 1.0
	for _, dir := range [2]float64{-1, 1} {
		quiet := 0
		for k := 1; quiet < 4; k++ {
			if k > phiQuadNodes {
				return 0, false
			}
			term := math.Exp(lnF(y0+dir*float64(k)*phiQuadStep) - h0)
			sum += term
			if term <= phiTol*sum {
				quiet++
			} else {
				quiet = 0
			}
		}
	}
	second := math.Exp(math.Log(s) + delta + lnb + h0 + math.Log(phiQuadStep*sum))
	v := first + second
	return math.Min(v, 1), finite(v)
}
