package cxmetrics

import (
	"fmt"
	"math"
)

// ShiftedBetaGeometric is the shifted-beta-geometric (sBG) model of
// contractual retention (Fader & Hardie 2007, "How to project customer
// retention", Journal of Interactive Marketing 21(1), 76-90), for
// businesses whose customers renew a contract each period and whose
// churn is seen when it happens: subscriptions, memberships, annual
// plans. At the end of each period a customer leaves with probability
// θ, the same for that customer every period, and θ is beta distributed
// across customers with parameters Alpha and Beta (mean α/(α+β)). So
// the survival and the retention rate of a cohort at age t, in periods
// since it was acquired, are
//
//	S(t) = B(α, β+t) / B(α, β)              (S(0) = 1)
//	r(t) = S(t) / S(t−1) = (β+t−1) / (α+β+t−1)
//
// The retention rate rises with age although no customer's θ changes:
// those who stay are the loyal ones. A closed form with one constant
// churn rate ([LifetimeValue]) cannot show this, and understates how
// long old customers will stay; the sBG projects it from a few periods
// of a cohort's history with two parameters. A period is whatever the
// contract's term is (a month, a year), the same for every age given to
// a method.
//
// Both parameters must be positive and finite, and so must their sum;
// every method checks, and returns an error wrapping [ErrInvalidArgument]
// for a model that breaks this. A ShiftedBetaGeometric is a plain value; it is safe for
// concurrent use.
type ShiftedBetaGeometric struct{ Alpha, Beta float64 }

// check returns an error unless both parameters of m are positive and
// finite, and so is their sum, which every figure of the model takes
// (S(t) was NaN where α + β passed the largest float64).
func (m ShiftedBetaGeometric) check() error {
	if !(m.Alpha > 0) || !(m.Beta > 0) || !finite(m.Alpha+m.Beta) {
		return fmt.Errorf("%w: shifted-beta-geometric α %v, β %v: both must be positive, and finite with a finite sum", ErrInvalidArgument, m.Alpha, m.Beta)
	}
	return nil
}

// logSurvival returns ln S(t) = ln B(α, β+t) − ln B(α, β) for t ≥ 0,
// by rises of the log-gamma function that keep its precision at any
// age ([lnBetaShift]); it is 0 at t = 0 and falls with t.
func (m ShiftedBetaGeometric) logSurvival(t int) float64 {
	return math.Min(lnBetaShift(m.Alpha, m.Beta, float64(t)), 0)
}

// Survival returns S(t), the share of a cohort still active t periods
// after it was acquired (after t renewal decisions), as a fraction: the
// probability that a customer acquired at age 0 is still a customer at
// age t (Fader & Hardie 2007, eq. 7),
//
//	S(t) = B(α, β+t) / B(α, β) = Π_{j=1}^{t} (β+j−1)/(α+β+j−1)
//
// It is 1 at t = 0, falls with t, and tends to 0 as t grows (as
// t^(−α) Γ(α+β)/Γ(β) far out). It is computed from logarithms of the
// gamma function, in time independent of t, so that no age overflows;
// a survival below the smallest float64 is 0.
//
// Special cases are:
//
//	m with a parameter not positive and finite   ErrInvalidArgument
//	t < 0                                        ErrOutOfRange
func (m ShiftedBetaGeometric) Survival(t int) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if t < 0 {
		return 0, fmt.Errorf("%w: age %d: an age is 0 or more", ErrOutOfRange, t)
	}
	return math.Exp(m.logSurvival(t)), nil
}

// Retention returns r(t), the share of the customers active at age
// t − 1 who are still active at age t, as a fraction: the retention rate
// of the cohort's t-th renewal (Fader & Hardie 2007, eq. 8),
//
//	r(t) = S(t) / S(t−1) = (β+t−1) / (α+β+t−1)
//
// It lies in (0, 1] and rises with t towards 1: it is 1 only where α is
// below β + t − 1 by more than float64 can tell (about 10⁻¹⁶ of it). In
// percent, as [RetentionRate] gives an observed one, it is 100 × r(t).
//
// Special cases are:
//
//	m with a parameter not positive and finite   ErrInvalidArgument
//	t < 1 (there is no renewal before age 1)     ErrOutOfRange
//	r(t) below the smallest float64 (α some
//	10³⁰⁸ times β + t − 1)                       ErrOverflow
func (m ShiftedBetaGeometric) Retention(t int) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if t < 1 {
		return 0, fmt.Errorf("%w: age %d: the first renewal is at age 1", ErrOutOfRange, t)
	}
	b := m.Beta + float64(t-1)
	// β + t − 1 over itself plus α, as 1/(1 + α/b), which is never above
	// 1 and falls below it as soon as α/b is seen in float64.
	r := 1 / (1 + m.Alpha/b)
	if r == 0 {
		return 0, fmt.Errorf("%w: the retention at age %d of α %v, β %v is below the smallest float64", ErrOverflow, t, m.Alpha, m.Beta)
	}
	return r, nil
}

// MaxProjectedAges is the most ages [ShiftedBetaGeometric.ExpectedSurvivors]
// projects, so that no argument makes it allocate without bound: 10⁶
// is 83,000 years of monthly renewals.
const MaxProjectedAges = 1_000_000

// ExpectedSurvivors returns the number of a cohort of size customers
// that the model expects to be still active at each age from 0 through
// ages: element t is size × S(t), so that element 0 is size and the
// figures fall with t (Fader & Hardie 2007, the projection of their
// Figure 4). For a cohort already observed, fit the model with
// [FitShiftedBetaGeometric] and compare the projection with its counts;
// the ages past the last observed one are the forecast.
//
// Special cases are:
//
//	m with a parameter not positive and finite   ErrInvalidArgument
//	size < 0                                     ErrNegative
//	ages < 0, or above MaxProjectedAges          ErrOutOfRange
func (m ShiftedBetaGeometric) ExpectedSurvivors(size int64, ages int) ([]float64, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	if size < 0 {
		return nil, fmt.Errorf("%w: cohort size %d", ErrNegative, size)
	}
	if ages < 0 || ages > MaxProjectedAges {
		return nil, fmt.Errorf("%w: %d ages (need 0 to %d)", ErrOutOfRange, ages, MaxProjectedAges)
	}
	out := make([]float64, ages+1)
	n := float64(size)
	// ln S(t) summed one retention at a time, log1p(−α/(α+β+j)) being
	// ln r(j+1) without the cancellation of ln(β+j) − ln(α+β+j).
	ls := 0.0
	for t := range out {
		out[t] = n * math.Exp(ls)
		ls += math.Log1p(-m.Alpha / (m.Alpha + m.Beta + float64(t)))
	}
	return out, nil
}
