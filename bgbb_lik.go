package cxmetrics

import "math"

// This file holds the BG/BB likelihood of one history and its gradient.
// Whole numbers are combined before they meet a parameter (b + (n − x),
// not b + n − x), so that a parameter of 10⁻⁸ is not lost to rounding
// against n and then recovered with an error.
//
// With the terms of L (see BGBB.LogLikelihood) written
//
//	A   = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ)                alive through n
//	Bᵢ  = B(α+x, β+t_x−x+i)/B(α, β) · B(γ+1, δ+t_x+i)/B(γ, δ)     died after t_x + i
//
// each ratio of beta functions is taken as log-gamma differences without
// cancellation: B(α+x, β+m)/B(α, β) as [ln Γ(α+x) − ln Γ(α)] −
// [ln Γ(α+β+m+x) − ln Γ(α+β+m)] + ln B(α, β+m) − ln B(α, β) (lnGammaRise,
// lnBetaShift), and B(γ+1, δ+j)/B(γ, δ) = γ/(γ+δ) · B(γ+1, δ+j)/B(γ+1, δ).
// The Bᵢ fall with i,
//
//	Bᵢ₊₁/Bᵢ = (β+t_x−x+i)/(α+β+t_x+i) · (δ+t_x+i)/(γ+1+δ+t_x+i) < 1
//
// so Σ Bᵢ = B₀ Σ ρᵢ with ρ₀ = 1 and ρᵢ₊₁ = ρᵢ · that ratio, and once
// ρᵢ times the number of terms left is below 10⁻¹⁷ of the sum, the rest
// cannot change it. The gradient of ln L is (A ∇ln A + Σ Bᵢ ∇ln Bᵢ)/L;
// ∇ln Bᵢ differs from one i to the next only through four digammas,
// ψ(α+β+t_x+i), ψ(β+t_x−x+i), ψ(γ+δ+t_x+i+1) and ψ(δ+t_x+i), each moved
// on by ψ(z+1) = ψ(z) + 1/z, so the loop takes no special function.

// bgbbConsts is what the likelihood of every history shares for one
// model: the model, and the digammas its gradient needs.
type bgbbConsts struct {
	a, b, g, d                     float64
	psiA, psiB, psiAB, psiD, psiGD float64
	lnG, lnGD                      float64 // ln γ, ln(γ + δ)
}

// consts returns what the likelihood of every history shares for m; the
// digammas only if grad.
func (m BGBB) consts(grad bool) *bgbbConsts {
	k := &bgbbConsts{a: m.Alpha, b: m.Beta, g: m.Gamma, d: m.Delta,
		lnG: math.Log(m.Gamma), lnGD: math.Log(m.Gamma + m.Delta)}
	if grad {
		k.psiA, k.psiB, k.psiAB = digamma(m.Alpha), digamma(m.Beta), digamma(m.Alpha+m.Beta)
		k.psiD, k.psiGD = digamma(m.Delta), digamma(m.Gamma+m.Delta)
	}
	return k
}

// row returns ln L of the history (x, t_x, n) and ln A, the log of its
// term for a customer alive through n; if grad is not nil, it writes the
// gradient of ln L with respect to (α, β, γ, δ) into it.
func (k *bgbbConsts) row(x, tx, n float64, grad *[4]float64) (ll, lA float64) {
	a, b, g, d := k.a, k.b, k.g, k.d
	riseAx := lnGammaRise(a, x)
	lA = riseAx - lnGammaRise(a+b+(n-x), x) + lnBetaShift(a, b, n-x) + lnBetaShift(g, d, n)
	terms := n - tx
	if terms < 1 {
		ll = lA
		if grad != nil {
			k.gradA(x, n, grad, 1)
		}
		return ll, lA
	}
	lB0 := riseAx - lnGammaRise(a+b+(tx-x), x) + lnBetaShift(a, b, tx-x) +
		k.lnG - k.lnGD + lnBetaShift(g+1, d, tx)
	// Σ ρᵢ, and for the gradient Σ ρᵢ ψ(·) of the four digammas that move.
	zAB, zB, zG, zD := a+b+tx, b+(tx-x), g+d+(tx+1), d+tx
	var psiAB, psiB, psiG, psiD float64
	if grad != nil {
		psiAB, psiB, psiG, psiD = digamma(zAB), digamma(zB), digamma(zG), digamma(zD)
	}
	var s, sAB, sB, sG, sD float64
	rho := 1.0
	for i := 0.0; i < terms; i++ {
		s += rho
		if grad != nil {
			sAB += rho * psiAB
			sB += rho * psiB
			sG += rho * psiG
			sD += rho * psiD
			psiAB += 1 / zAB
			psiB += 1 / zB
			psiG += 1 / zG
			psiD += 1 / zD
		}
		rho *= (zB / zAB) * (zD / zG)
		zAB++
		zB++
		zG++
		zD++
		if rho*(terms-i-1) <= 1e-17*s {
			break
		}
	}
	lB := lB0 + math.Log(s)
	hi, lo := lA, lB
	if lo > hi {
		hi, lo = lo, hi
	}
	ll = hi + math.Log1p(math.Exp(lo-hi))
	if grad != nil {
		wA, wB := math.Exp(lA-ll), math.Exp(lB0-ll)
		k.gradA(x, n, grad, wA)
		psiAx := digamma(a+x) - k.psiA
		grad[0] += wB * (s*(psiAx+k.psiAB) - sAB)
		grad[1] += wB * (sB - sAB + s*(k.psiAB-k.psiB))
		grad[2] += wB * (s*(1/g+k.psiGD) - sG)
		grad[3] += wB * (sD - sG + s*(k.psiGD-k.psiD))
	}
	return ll, lA
}

// gradA writes w times the gradient of ln A for (x, n) into grad.
func (k *bgbbConsts) gradA(x, n float64, grad *[4]float64, w float64) {
	a, b, g, d := k.a, k.b, k.g, k.d
	psiABn, psiGDn := digamma(a+b+n), digamma(g+d+n)
	grad[0] = w * (digamma(a+x) - k.psiA - psiABn + k.psiAB)
	grad[1] = w * (digamma(b+(n-x)) - k.psiB - psiABn + k.psiAB)
	grad[2] = w * (k.psiGD - psiGDn)
	grad[3] = w * (digamma(d+n) - k.psiD - psiGDn + k.psiGD)
}
