package cxmetrics

import (
	"fmt"
	"math"
)

// LifetimeValue returns the simple customer lifetime value (LTV), in the
// minor units of arpa, of a customer who pays arpa per period, of which
// margin percent is gross margin, and who churns with probability churn
// percent per period:
//
//	LTV = ARPA × (margin / 100) / (churn / 100)
//
// 1 / churn is the expected lifetime in periods. All three figures must be
// in one time unit: a monthly ARPA with a monthly churn rate (12 × a monthly
// ARPA with an annual churn rate is not the same LTV). To turn an annual
// churn rate into a monthly one, use [PeriodicChurn]; never divide it by
// 12. With a margin of 100 it is ChartMogul's LTV = ARPA / churn: an ARPA
// of $100 and a monthly churn of 5% give $2,000. The result is 0 when
// arpa or margin is 0 and positive otherwise; the library does not round
// it.
//
// Special cases are:
//
//	arpa < 0                                  ErrNegative
//	margin or churn NaN or ±Inf               ErrInvalidArgument
//	margin or churn outside 0-100             ErrOutOfRange
//	margin above 0, below 1 (a fraction)      ErrOutOfRange (see "Units" in the package doc)
//	churn == 0                                ErrInvalidArgument and ErrUndefined (the lifetime is unbounded)
//	a result outside the range of float64     ErrOverflow (a churn near 0, or a
//	                                          margin so near 0 that the LTV is
//	                                          below the smallest float64)
func LifetimeValue(arpa int64, margin, churn float64) (float64, error) {
	return DiscountedLifetimeValue(arpa, margin, churn, 0)
}

// DiscountedLifetimeValue returns the customer lifetime value, in the
// minor units of arpa, with future payments discounted at discount percent
// per period. With m = margin / 100, c = churn / 100, d = discount / 100
// and the retention r = 1 − c, a customer pays arpa now and in each later
// period with probability r^t, worth 1 / (1 + d)^t today, so
//
//	LTV = Σ ARPA × m × r^t / (1 + d)^t  =  ARPA × m × (1 + d) / (1 + d − r)
//	    = ARPA × m × (1 + d) / (d + c)
//
// With discount 0 it is [LifetimeValue]. ARPA, churn and discount must be
// per the same period; to turn an annual discount rate D into a monthly
// one, use (1 + D)^(1/12) − 1, not D / 12. Unlike the simple LTV, a churn
// of 0 is allowed when the discount is positive: the payments go on for
// ever but are worth less and less. The result is 0 when arpa or margin
// is 0 and positive otherwise.
//
// Special cases are:
//
//	arpa < 0                                      ErrNegative
//	margin, churn or discount NaN or ±Inf         ErrInvalidArgument
//	margin, churn or discount outside 0-100       ErrOutOfRange
//	margin above 0, below 1 (a fraction)          ErrOutOfRange
//	churn == 0 and discount == 0                  ErrInvalidArgument and ErrUndefined (unbounded)
//	a result outside the range of float64         ErrOverflow (above the largest
//	                                              float64, or positive and below
//	                                              the smallest)
func DiscountedLifetimeValue(arpa int64, margin, churn, discount float64) (float64, error) {
	if arpa < 0 {
		return 0, fmt.Errorf("%w: ARPA %d", ErrNegative, arpa)
	}
	if err := checkMargin(margin); err != nil {
		return 0, err
	}
	if err := checkRatePercent("churn rate", churn); err != nil {
		return 0, err
	}
	if err := checkRatePercent("discount rate", discount); err != nil {
		return 0, err
	}
	if churn == 0 && discount == 0 {
		return 0, fmt.Errorf("%w: churn 0%% and discount 0%%: the lifetime value is unbounded", errUnbounded)
	}
	// LTV = [ARPA × (100 + d) / 100] × m / (d + c): the percent scales
	// cancel but for the 100 in the first factor, which is a normal
	// float64 (1 to 2 × MaxInt64) when ARPA is not 0. The margin and
	// d + c may be anything from the smallest subnormal to 200, so the
	// rest is taken by mulDiv, which rounds out of the normal range only
	// once, at the end: the result is past float64, or 0 with ARPA and
	// margin positive, only when the true LTV is.
	ltv := mulDiv(float64(arpa)*((100+discount)/100), margin, discount+churn)
	switch {
	case math.IsInf(ltv, 0):
		return 0, fmt.Errorf("%w: lifetime value of ARPA %d at churn %v%% and discount %v%% is past float64",
			ErrOverflow, arpa, churn, discount)
	case ltv == 0 && arpa != 0 && margin != 0:
		return 0, fmt.Errorf("%w: lifetime value of ARPA %d at %v%% margin, churn %v%% and discount %v%% is outside the range of float64 (below %v)",
			ErrOverflow, arpa, margin, churn, discount, math.SmallestNonzeroFloat64)
	}
	return ltv + 0, nil // + 0 turns the −0 of a margin of −0 into 0
}

// LTVToCAC returns the ratio of a customer's lifetime value to the cost of
// acquiring one (CAC), both in the same minor units: the lifetime value
// won per unit spent on acquisition,
//
//	LTV:CAC = LTV / CAC
//
// It is a plain ratio, not a percent: 0 when ltv is 0 and positive
// otherwise; 3 or more is the common rule of thumb for a sound SaaS
// business (David Skok). ltv is typically the result of [LifetimeValue].
//
// Special cases are:
//
//	ltv NaN or ±Inf                         ErrInvalidArgument
//	ltv < 0 or cac < 0                      ErrNegative
//	cac == 0                                ErrInvalidArgument and ErrUndefined (the ratio is unbounded)
//	a positive ratio below the smallest
//	float64 (a subnormal ltv)               ErrOverflow
func LTVToCAC(ltv float64, cac int64) (float64, error) {
	if math.IsNaN(ltv) || math.IsInf(ltv, 0) {
		return 0, fmt.Errorf("%w: lifetime value %v", ErrInvalidArgument, ltv)
	}
	if ltv < 0 {
		return 0, fmt.Errorf("%w: lifetime value %v", ErrNegative, ltv)
	}
	if cac < 0 {
		return 0, fmt.Errorf("%w: CAC %d", ErrNegative, cac)
	}
	if cac == 0 {
		return 0, fmt.Errorf("%w: CAC 0: the LTV to CAC ratio is unbounded", errUnbounded)
	}
	ratio := ltv / float64(cac)
	if ratio == 0 && ltv != 0 {
		return 0, fmt.Errorf("%w: LTV to CAC ratio of lifetime value %v to CAC %d is outside the range of float64 (below %v)",
			ErrOverflow, ltv, cac, math.SmallestNonzeroFloat64)
	}
	return ratio + 0, nil // + 0 turns the −0 of an ltv of −0 into 0
}

// CACPayback returns the number of periods it takes the gross margin of a
// customer paying arpa per period to earn back cac, the cost of acquiring
// the customer, both in the same minor units:
//
//	payback = CAC / (ARPA × margin / 100)
//
// The result is in the period of arpa (months for a monthly ARPA) and is 0
// or more; it ignores churn, so it is the payback of a customer who stays.
// A CAC of $1,200 and an ARPA of $200 a month at 80% gross margin pay back
// in 1200 / (200 × 0.8) = 7.5 months. Source: David Skok, "SaaS Metrics
// 2.0", For Entrepreneurs ("months to recover CAC").
//
// Special cases are:
//
//	cac < 0 or arpa < 0                   ErrNegative
//	margin NaN or ±Inf                    ErrInvalidArgument
//	margin outside 0-100                  ErrOutOfRange
//	margin above 0, below 1 (a fraction)  ErrOutOfRange
//	arpa == 0 or margin == 0              ErrInvalidArgument and ErrUndefined (it never pays back)
//	a result past the range of float64    ErrOverflow (a margin near 0)
func CACPayback(cac, arpa int64, margin float64) (float64, error) {
	if cac < 0 {
		return 0, fmt.Errorf("%w: CAC %d", ErrNegative, cac)
	}
	if arpa < 0 {
		return 0, fmt.Errorf("%w: ARPA %d", ErrNegative, arpa)
	}
	if err := checkMargin(margin); err != nil {
		return 0, err
	}
	if arpa == 0 || margin == 0 {
		return 0, fmt.Errorf("%w: ARPA %d at %v%% margin never pays back CAC %d", errUnbounded, arpa, margin, cac)
	}
	periods := 100 * float64(cac) / (float64(arpa) * margin)
	if math.IsInf(periods, 0) {
		return 0, fmt.Errorf("%w: payback of CAC %d by ARPA %d at %v%% margin is past float64",
			ErrOverflow, cac, arpa, margin)
	}
	return periods, nil
}

// mulDiv returns x × y / z for finite x, y >= 0 and z > 0, computed on
// the significands and the exponents apart: the significands' product and
// quotient lie between ¼ and 2, so nothing overflows, underflows or loses
// digits to the subnormal range before the last step, math.Ldexp, which
// rounds once more. The result is +Inf only when x × y / z is past the
// largest float64, and 0 only when x or y is 0 or x × y / z is below half
// the smallest positive float64 (each to within those few roundings).
func mulDiv(x, y, z float64) float64 {
	fx, ex := math.Frexp(x)
	fy, ey := math.Frexp(y)
	fz, ez := math.Frexp(z)
	return math.Ldexp(fx*fy/fz, ex+ey-ez)
}

// checkMargin checks a gross margin in percent: 0 to 100, and not a
// fraction given by mistake (below 1%).
func checkMargin(margin float64) error {
	if err := checkRatePercent("gross margin", margin); err != nil {
		return err
	}
	return checkNotFraction("gross margin", margin)
}
