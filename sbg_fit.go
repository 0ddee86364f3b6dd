package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds the fit of the shifted-beta-geometric model to cohorts
// of survivor counts, and its log-likelihood.

// FitShiftedBetaGeometric returns the maximum-likelihood
// [ShiftedBetaGeometric] model of cohorts, one or many at once. Each
// cohort is its count of active customers at ages 0, 1, 2, … (periods
// since it was acquired), the first being the cohort's size; cohorts may
// be observed for different numbers of periods, as the cohorts of a
// business are: a row of [CohortTable] in customers is one.
//
// Each cohort contributes, for each period t it was observed through,
// the customers it lost in t, each with the probability
//
//	P(T = t) = S(t−1) − S(t) = B(α+1, β+t−1) / B(α, β)
//
// and its survivors at its last observed age n, each with S(n): they are
// right-censored, still customers whose churn is yet to come (Fader &
// Hardie 2007, eq. 5 for one cohort; Hardie's note "Fitting the sBG
// model to multiple cohorts" for many). So the log-likelihood is
//
//	LL(α, β) = Σ_cohorts [ Σ_{t=1}^{n} (c_{t−1} − c_t) ln P(T = t) + c_n ln S(n) ]
//
// where c_t is the cohort's count at age t. Cohorts enter only through
// the totals of churn and of survivors at each age, so the cost of a
// step does not grow with the number of cohorts, and the cohorts of
// several shards can be fitted together by concatenating them.
//
// The fit is Newton's method over ln α and ln β with the exact gradient
// and Hessian, from α = β = 1 (θ uniform) unless [StartAt] says
// otherwise; on the cohorts of Fader & Hardie 2007 it takes some ten
// iterations. [Report] gives the log-likelihood, the standard errors of
// α and β from the observed information (the inverse of the negative
// Hessian of LL at the estimate), the iterations, and the customers (the
// sum of the cohorts' sizes). [Workers] has no effect: a step costs one
// pass over the ages, not over the customers.
//
// Published figures (Fader & Hardie 2007): from the seven renewals of
// the "high end" cohort of 1,000 customers (1000, 869, 743, 653, 593,
// 551, 517, 491), α 0.668 and β 3.806; from the "regular" one (1000,
// 631, 468, 382, 326, 289, 262, 241), α 0.704 and β 1.182.
//
// A cohort of size 0 (a period without new customers) and a cohort
// observed at age 0 only contribute nothing and are accepted.
//
// Special cases are:
//
//	no cohorts, or no customer observed past age 0   ErrNoResponses (and ErrUndefined)
//	a cohort with no counts                          ErrInvalidArgument naming cohorts[i]
//	a negative count                                 ErrNegative naming cohorts[i][t]
//	a count above the one before it                  ErrInconsistent naming cohorts[i][t]
//	counts adding up past int64                      ErrOverflow naming cohorts[i][t]
//	no customer lost at all (S = 1 fits best)        ErrNoConvergence: the likelihood has no maximum
//	nobody observed past the first renewal, or
//	every one lost at it (α and β not identified)    ErrNoConvergence
//	a likelihood that keeps rising towards α or β
//	of 0 or ∞ (no heterogeneity, or two classes
//	that never and always churn)                     ErrNoConvergence
//	StartAt with a wrong count or a bad value,
//	or MaxIterations below 1                         ErrInvalidArgument
//	no maximum within MaxIterations                  ErrNoConvergence
func FitShiftedBetaGeometric(cohorts [][]int64, opts ...FitOption) (ShiftedBetaGeometric, error) {
	o, err := options(2, opts)
	if err != nil {
		return ShiftedBetaGeometric{}, err
	}
	d, err := sbgTotals(cohorts)
	if err != nil {
		return ShiftedBetaGeometric{}, err
	}
	if err := d.identified(); err != nil {
		return ShiftedBetaGeometric{}, err
	}
	start := o.start
	if start == nil {
		start = []float64{1, 1}
	}
	f := func(theta, grad []float64, hess [][]float64) (float64, bool) {
		a, b := math.Exp(theta[0]), math.Exp(theta[1])
		var g [2]float64
		var h [3]float64
		ll := d.logLik(a, b, &g, &h)
		// From α and β to their logarithms: ∂/∂ln α = α ∂/∂α, and
		// ∂²/∂(ln α)² = α² ∂²/∂α² + α ∂/∂α.
		grad[0], grad[1] = -a*g[0], -b*g[1]
		hess[0][0] = -(a*a*h[0] + a*g[0])
		hess[0][1] = -a * b * h[1]
		hess[1][0] = hess[0][1]
		hess[1][1] = -(b*b*h[2] + b*g[1])
		ok := finite(ll) && finite(grad[0]) && finite(grad[1]) && finite(hess[0][0]) && finite(hess[0][1]) && finite(hess[1][1])
		return -ll, ok
	}
	r, err := newtonFit(f, start, o)
	if err != nil {
		return ShiftedBetaGeometric{}, err
	}
	m := ShiftedBetaGeometric{r.params[0], r.params[1]}
	// Where the likelihood rises for ever along a ridge (α and β to ∞:
	// retention that does not rise with age; or to 0: customers who
	// all leave at once or never), the search stops far out, on a flat
	// stretch, with a gradient that is not 0 in the parameters.
	if !(m.Alpha > 1e-8 && m.Alpha < 1e8 && m.Beta > 1e-8 && m.Beta < 1e8) {
		return ShiftedBetaGeometric{}, fmt.Errorf("%w: the likelihood rises towards the edge of the parameters (α %v, β %v): "+
			"no beta distribution of churn fits these cohorts best (retention that does not rise with age sends α and β to ∞, "+
			"where one constant churn rate and LifetimeValue fit; customers who all leave at once or never send them to 0)", ErrNoConvergence, m.Alpha, m.Beta)
	}
	if ll, geo := -r.f, d.geometricLogLik(); !(ll-geo > 1e-9*math.Max(1, math.Abs(geo))) {
		return ShiftedBetaGeometric{}, fmt.Errorf("%w: the likelihood rises towards α and β of ∞ (at α %v, β %v it is %v, and %v for one constant churn rate): "+
			"these cohorts show no heterogeneity, so one constant churn rate and LifetimeValue fit them", ErrNoConvergence, m.Alpha, m.Beta, ll, geo)
	}
	if o.report != nil {
		se, ok := r.stdErr()
		if !ok {
			return ShiftedBetaGeometric{}, fmt.Errorf("%w: the information matrix at α %v, β %v is not positive definite", ErrNoConvergence, m.Alpha, m.Beta)
		}
		*o.report = FitReport{LogLikelihood: -r.f, StdErr: se, Iterations: r.iters, Customers: d.customers}
	}
	return m, nil
}

// LogLikelihood returns the log-likelihood of m given cohorts, as
// [FitShiftedBetaGeometric] defines it and maximises it: 0 or less.
//
// Special cases are as for FitShiftedBetaGeometric's checks of the
// cohorts, and:
//
//	m with a parameter not positive and finite     ErrInvalidArgument
//	a log-likelihood past float64                  ErrOverflow
func (m ShiftedBetaGeometric) LogLikelihood(cohorts [][]int64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	d, err := sbgTotals(cohorts)
	if err != nil {
		return 0, err
	}
	ll := d.logLik(m.Alpha, m.Beta, nil, nil)
	if !finite(ll) {
		return 0, fmt.Errorf("%w: the log-likelihood of %+v is %v", ErrOverflow, m, ll)
	}
	return math.Min(ll, 0) + 0, nil
}

// sbgData is what cohorts tell the sBG model: at each age t ≥ 1, the
// customers lost in period t and the survivors of the cohorts last
// observed at age t, in float64 (rounded, past 2⁵³, by a relative 1e-16
// that moves the fit by less).
type sbgData struct {
	churn     []float64 // churn[t]: customers lost between ages t−1 and t
	censored  []float64 // censored[t]: customers still active at age t, their cohort's last
	atRisk    []int64   // atRisk[t]: customers active at age t−1 in cohorts observed at age t
	customers int64     // the sum of the cohorts' sizes
}

// sbgTotals checks cohorts and adds them up by age.
func sbgTotals(cohorts [][]int64) (sbgData, error) {
	var d sbgData
	if len(cohorts) == 0 {
		return d, fmt.Errorf("%w: no cohorts", ErrNoResponses)
	}
	ages := 0
	for i, c := range cohorts {
		if len(c) == 0 {
			return d, fmt.Errorf("%w: cohorts[%d] has no counts: a cohort starts with its size", ErrInvalidArgument, i)
		}
		for t, n := range c {
			if n < 0 {
				return d, fmt.Errorf("%w: cohorts[%d][%d] is %d", ErrNegative, i, t, n)
			}
			if t > 0 && n > c[t-1] {
				return d, fmt.Errorf("%w: cohorts[%d][%d]: %d customers active at age %d, more than the %d at age %d", ErrInconsistent, i, t, n, t, c[t-1], t-1)
			}
		}
		if c[0] > math.MaxInt64-d.customers {
			return d, fmt.Errorf("%w: cohorts[%d][0]: the cohorts' sizes add up past %d", ErrOverflow, i, int64(math.MaxInt64))
		}
		d.customers += c[0]
		ages = max(ages, len(c)-1)
	}
	d.churn = make([]float64, ages+1)
	d.censored = make([]float64, ages+1)
	d.atRisk = make([]int64, ages+1)
	// Every total is at most the sum of the sizes, which fits in int64.
	for _, c := range cohorts {
		for t := 1; t < len(c); t++ {
			d.churn[t] += float64(c[t-1] - c[t])
			d.atRisk[t] += c[t-1]
		}
		d.censored[len(c)-1] += float64(c[len(c)-1])
	}
	d.censored[0] = 0 // a cohort seen at age 0 only says nothing
	return d, nil
}

// identified returns an error unless the likelihood of d has a maximum
// that the data can locate: someone observed past age 0, someone lost,
// and someone at risk after the first renewal.
func (d sbgData) identified() error {
	if len(d.atRisk) < 2 || d.atRisk[1] == 0 {
		return fmt.Errorf("%w: no customer observed past age 0: nothing to fit", ErrNoResponses)
	}
	lost := false
	for _, c := range d.churn {
		lost = lost || c > 0
	}
	if !lost {
		return fmt.Errorf("%w: no customer was lost, so retention of 100%% fits best and the likelihood has no maximum", ErrNoConvergence)
	}
	later := int64(0)
	for _, n := range d.atRisk[min(2, len(d.atRisk)):] {
		later += n
	}
	if later == 0 {
		return fmt.Errorf("%w: no customer observed at the second renewal or later: the first renewal's rate fixes α/(α+β) but not α and β", ErrNoConvergence)
	}
	return nil
}

// geometricLogLik returns the log-likelihood of d's best geometric
// model, one churn probability θ for every customer, the limit of the
// sBG as α and β grow with α/(α+β) = θ: with D customers lost and E
// renewals made in all, LL = D ln θ + E ln(1 − θ), highest at θ = D/(D+E).
func (d sbgData) geometricLogLik() float64 {
	var lost, renewed float64
	for t := 1; t < len(d.churn); t++ {
		lost += d.churn[t]
		renewed += d.churn[t]*float64(t-1) + d.censored[t]*float64(t)
	}
	theta := lost / (lost + renewed)
	return lost*math.Log(theta) + renewed*math.Log1p(-theta)
}

// logLik returns the log-likelihood of α and β given d, and, if g and h
// are not nil, writes its gradient (∂/∂α, ∂/∂β) into g and its Hessian
// (∂²/∂α², ∂²/∂α∂β, ∂²/∂β²) into h. It walks the ages once, keeping
// ln S(t) and its derivatives as running sums:
//
//	ln S(t)   = Σ_{j<t} ln(1 − α/(α+β+j))
//	ln P(T=t) = ln S(t−1) + ln α − ln(α+β+t−1)
//
// with ∂ ln(β+j)/(α+β+j) / ∂β = α/((β+j)(α+β+j)) taken in that form,
// without the cancellation of 1/(β+j) − 1/(α+β+j).
func (d sbgData) logLik(a, b float64, g *[2]float64, h *[3]float64) float64 {
	var ll, ga, gb, haa, hab, hbb float64
	var ls, sa, sb, saa, sab, sbb float64 // ln S(t−1) and its derivatives
	la := math.Log(a)
	for t := 1; t < len(d.churn); t++ {
		v := b + float64(t-1)
		u := a + v
		if c := d.churn[t]; c > 0 {
			ll += c * (ls + la - math.Log(u))
			if g != nil {
				u2 := 1 / (u * u)
				ga += c * (sa + 1/a - 1/u)
				gb += c * (sb - 1/u)
				haa += c * (saa - 1/(a*a) + u2)
				hab += c * (sab + u2)
				hbb += c * (sbb + u2)
			}
		}
		ls += math.Log1p(-a / u)
		if g != nil {
			u2 := 1 / (u * u)
			sa -= 1 / u
			sb += a / (u * v)
			saa += u2
			sab += u2
			sbb -= a * (u + v) * u2 / (v * v)
		}
		if c := d.censored[t]; c > 0 {
			ll += c * ls
			ga += c * sa
			gb += c * sb
			haa += c * saa
			hab += c * sab
			hbb += c * sbb
		}
	}
	if g != nil {
		*g = [2]float64{ga, gb}
		*h = [3]float64{haa, hab, hbb}
	}
	return ll
}
