package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds what the shifted-beta-geometric model says a customer
// is worth: the discounted expected lifetime of a new customer, the
// discounted expected residual lifetime of one who has renewed, and the
// lifetime and residual values that follow from them.

// DiscountedLifetime returns the discounted expected lifetime (DEL) of a
// customer just acquired, in periods: the expected number of payments
// the customer makes, the first now and one at each renewal, each
// discounted to now at discount percent per period. With d = discount /
// 100 (Fader & Hardie 2010, "Customer-base valuation in a contractual
// setting: the perils of ignoring heterogeneity", Marketing Science
// 29(1), 85-93),
//
//	DEL = Σ_{t≥0} S(t) / (1+d)^t = ₂F₁(1, β; α+β; 1/(1+d))
//
// It is 1 or more. With a discount of 0 it is the expected lifetime,
// (α+β−1)/(α−1), which exists only for α > 1: for α ≤ 1 enough customers
// almost never leave that the expected lifetime is unbounded, and a
// discount is needed. The discount rate is in percent per period, as
// everywhere in this package ([CLVHorizon]): 10 for 10% a year with
// annual contracts, and an annual rate D becomes a monthly one as
// 100·((1 + D/100)^(1/12) − 1), not D/12. A small rate per period is
// real (0.8% a month), so it cannot be told from a fraction given by
// mistake: the unit is the guard.
//
// Special cases are:
//
//	m with a parameter not positive and finite   ErrInvalidArgument
//	discount NaN or ±Inf                         ErrInvalidArgument
//	discount outside 0-100                       ErrOutOfRange
//	discount 0 and α ≤ 1                         ErrInvalidArgument and ErrUndefined (unbounded)
//	a discount below some 0.004% per period
//	where the series in 1/(1+d) takes more
//	than 10⁶ terms and its transformation does
//	not apply (α at 2 or more, or within 0.001
//	of 1, or β far above 1/d)                    ErrNoConvergence
//	a lifetime past float64 (discount 0, α just
//	above 1 and β huge)                          ErrOverflow
func (m ShiftedBetaGeometric) DiscountedLifetime(discount float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	return m.lifetime(m.Beta, discount, false)
}

// DiscountedResidualLifetime returns the discounted expected residual
// lifetime (DERL) of a customer who has renewed renewals times, in
// periods: standing at the end of the customer's current period, just
// before the next renewal decision, the expected number of payments
// still to come, the next one (at that renewal) undiscounted and each
// later one discounted at discount percent per period. Fader & Hardie
// 2010 (eq. 6) give it for a customer at the end of period n, who has
// renewed n − 1 times; with n − 1 = renewals and d = discount / 100,
//
//	DERL = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d))
//	     = Σ_{k≥1} S(n−1+k)/S(n−1) / (1+d)^(k−1)
//
// since a customer who has survived n − 1 renewals has a churn
// probability distributed as Beta(α, β+n−1). It rises with renewals:
// those who have stayed are the loyal ones, so an old customer is worth
// more than a constant churn rate says. With a discount of 0 it is
// (β+n−1)/(α−1), for α > 1 only. The discount rate is in percent per
// period, as for [ShiftedBetaGeometric.DiscountedLifetime].
//
// Special cases are as for DiscountedLifetime, and:
//
//	renewals < 0                                 ErrOutOfRange
//	a DERL below the smallest float64 (α some
//	10³⁰⁸ times β + renewals)                    ErrOverflow
func (m ShiftedBetaGeometric) DiscountedResidualLifetime(renewals int, discount float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if renewals < 0 {
		return 0, fmt.Errorf("%w: %d renewals: a count of renewals is 0 or more", ErrOutOfRange, renewals)
	}
	return m.lifetime(m.Beta+float64(renewals), discount, true)
}

// LifetimeValue returns the expected lifetime value of a customer just
// acquired, in the minor units of payment, for a customer who pays
// payment each period, of which margin percent is gross margin, with the
// payments discounted at discount percent per period:
//
//	value = payment × (margin/100) × DEL
//
// with DEL the [ShiftedBetaGeometric.DiscountedLifetime]. The first
// payment, made now, counts in full. It is 0 when payment or margin is
// 0 and positive otherwise.
//
// # Which lifetime value
//
// [DiscountedLifetimeValue] is the closed form for one constant churn
// rate c: payment × margin × (1+d)/(d+c). It is what an sBG with α and β
// far above 1 and α/(α+β) = c gives, and it is right where every
// customer is alike. Where they differ, as customers do, the churn of
// a cohort falls with age, and the closed form fed with one period's
// churn misstates the value: with the churn of a young cohort it
// understates what its customers will pay, and it understates most the
// value of old customers, whose residual value
// ([ShiftedBetaGeometric.ResidualValue]) it takes to be that of new
// ones (Fader & Hardie 2010). Fit the sBG to the cohorts
// ([FitShiftedBetaGeometric]) and use this where cohorts have been
// followed for a few periods; use the closed form for a quick figure, or
// where a fit finds no heterogeneity. [ExpectedLifetimeValue] is for
// customers who leave without saying so.
//
// Special cases are as for DiscountedLifetime, and:
//
//	payment < 0                                  ErrNegative
//	margin NaN or ±Inf                           ErrInvalidArgument
//	margin outside 0-100                         ErrOutOfRange
//	margin above 0, below 1 (a fraction)         ErrOutOfRange
//	a value past float64                         ErrOverflow
func (m ShiftedBetaGeometric) LifetimeValue(payment int64, margin, discount float64) (float64, error) {
	if err := checkValueArgs(payment, margin); err != nil {
		return 0, err
	}
	del, err := m.DiscountedLifetime(discount)
	if err != nil {
		return 0, err
	}
	return sbgValue(payment, margin, del)
}

// ResidualValue returns the expected residual value of a customer who
// has renewed renewals times, in the minor units of payment: the
// payments still to come, from the next renewal on, at margin percent
// gross margin, discounted at discount percent per period (Fader &
// Hardie 2010):
//
//	value = payment × (margin/100) × DERL
//
// with DERL the [ShiftedBetaGeometric.DiscountedResidualLifetime]. The
// residual value of a cohort is that times its survivors; of a customer
// base, the sum over its cohorts. [ShiftedBetaGeometric.LifetimeValue]
// says when to use this rather than the closed form.
//
// Special cases are as for LifetimeValue and DiscountedResidualLifetime.
func (m ShiftedBetaGeometric) ResidualValue(renewals int, payment int64, margin, discount float64) (float64, error) {
	if err := checkValueArgs(payment, margin); err != nil {
		return 0, err
	}
	derl, err := m.DiscountedResidualLifetime(renewals, discount)
	if err != nil {
		return 0, err
	}
	return sbgValue(payment, margin, derl)
}

// checkValueArgs checks a payment per period and a gross margin.
func checkValueArgs(payment int64, margin float64) error {
	if payment < 0 {
		return fmt.Errorf("%w: payment %d", ErrNegative, payment)
	}
	return checkMargin(margin)
}

// sbgValue returns payment × margin/100 × periods, or ErrOverflow.
func sbgValue(payment int64, margin, periods float64) (float64, error) {
	if payment == 0 || margin == 0 {
		return 0, nil // not 0 × ∞ = NaN where payment × periods overflows
	}
	v := mulDiv(float64(payment)*periods, margin, 100)
	if math.IsInf(v, 0) || (v == 0 && payment != 0 && margin != 0) {
		return 0, fmt.Errorf("%w: a value of %d at %v%% margin over %v periods is outside the range of float64", ErrOverflow, payment, margin, periods)
	}
	return v + 0, nil
}

// lifetime returns Σ_{k≥0} (b)_k/(α+b)_k z^k = ₂F₁(1, b; α+b; z) with
// z = 1/(1 + discount/100): the DEL for b = β, and, if residual, the
// DERL for b = β+n−1 as b/(α+b) · ₂F₁(1, b+1; α+b+1; z).
func (m ShiftedBetaGeometric) lifetime(b, discount float64, residual bool) (float64, error) {
	if err := checkRatePercent("discount rate", discount); err != nil {
		return 0, err
	}
	a := m.Alpha
	factor := 1.0
	if residual {
		factor = 1 / (1 + a/b) // b/(α+b), below 1 whatever the rounding
		b++
	}
	if discount == 0 {
		if !(a > 1) {
			return 0, fmt.Errorf("%w: discount 0%% with α %v ≤ 1: the expected lifetime is unbounded", errUnbounded, a)
		}
		// Gauss: ₂F₁(1, b; α+b; 1) = (α+b−1)/(α−1), as 1 + b/(α−1) so
		// that α + b does not overflow.
		return lifetimeOf(factor*(1+b/(a-1)), a, b, discount)
	}
	f, ok := hyp2f1One(a, b, discount/100)
	if !ok {
		return 0, fmt.Errorf("%w: the discounted lifetime at α %v, β %v and a discount of %v%% did not converge in 10⁶ terms", ErrNoConvergence, a, b, discount)
	}
	if !residual {
		f = math.Max(f, 1) // the first payment, whatever the rounding
	}
	return lifetimeOf(factor*f, a, b, discount)
}

// lifetimeOf returns a discounted lifetime v, or ErrOverflow where it is
// past float64 (α just above 1 with a huge β, at no discount) or rounds
// to 0 (a residual lifetime of a β some 10³⁰⁸ times below α).
func lifetimeOf(v, a, b, discount float64) (float64, error) {
	if !(v > 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%w: the discounted lifetime at α %v, β %v and a discount of %v%% is outside the range of float64", ErrOverflow, a, b, discount)
	}
	return v, nil
}

// hyp2f1One returns ₂F₁(1, b; a+b; 1/(1+d)) for a, b, d > 0. Its series
// in z = 1/(1+d), with terms S(k) z^k that fall like k^(−a) z^k, needs
// some 40/d terms, each product adding a rounding: 4·10⁴ terms and an
// error of some 10⁻¹² at d = 0.1%. Where d is smaller than 1 and a is
// below 2 and not within 0.001 of 1, it uses instead the transformation
// to w = 1 − z = d/(1+d) (DLMF 15.8.4), which with a first parameter 1
// closes its second series, ₂F₁(a+b−1, a; a; w) = (1−w)^(1−a−b):
//
//	₂F₁(1, b; a+b; z) = (a+b−1)/(a−1) · ₂F₁(1, b; 2−a; w)
//	                  + Γ(a+b) Γ(1−a) / Γ(b) · d^(a−1) (1+d)^b
//
// a series in w that converges fast for a small discount, with the
// singular part d^(a−1) as d → 0 written out. Its two terms can cancel:
// as a nears 1, and where b·w is large (a customer of many renewals at
// a high discount), so the result is taken only where they are less
// than 10³ times its size, losing at most three digits; elsewhere the
// series in z is summed. ok is false where the series did not converge
// in 10⁶ terms.
func hyp2f1One(a, b, d float64) (float64, bool) {
	if d < 1 && a < 2 && math.Abs(a-1) > 1e-3 {
		w := d / (1 + d)
		if f1, ok := hyp2f1Series(1, b, 2-a, w); ok {
			// Γ(a+b)/Γ(b) by a rise of ln Γ, Γ(1−a) for 1 − a in (−1, 1).
			g, sign := math.Lgamma(1 - a)
			head := (a + b - 1) / (a - 1) * f1
			tail := float64(sign) * math.Exp(lnGammaRise(b, a)+g+(a-1)*math.Log(d)+b*math.Log1p(d))
			v := head + tail
			if finite(v) && v > 0 && math.Abs(head)+math.Abs(tail) <= 1e3*v {
				return v, true
			}
		}
	}
	return hyp2f1Series(1, b, a+b, 1/(1+d))
}
