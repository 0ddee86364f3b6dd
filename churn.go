package cxmetrics

import (
	"fmt"
	"math"
)

// ChurnRate returns the customer churn rate of p in percent, the share of
// the customers at the start who were lost during the period:
//
//	churn = 100 × lost / S    where lost = S + N − E
//
// The result lies between 0 and 100, and [RetentionRate](p) +
// ChurnRate(p) = 100. The shortcut (S − E) / S that some articles print
// counts every new customer as a customer kept, so it understates churn
// whenever N > 0, and is negative for a growing business; ChurnRate does
// not use it. For Stripe's definition, whose denominator also counts the
// period's new customers, use [StripeChurnRate]. Source: the complement of
// the customer retention rate of [RetentionRate]: customers lost over
// customers at the start.
//
// Special cases are:
//
//	Start == 0                ErrZeroStart
//	a negative count          ErrNegative
//	New > End                 ErrInconsistent
//	End − New > Start         ErrInconsistent
func ChurnRate(p Period) (float64, error) {
	if err := p.validateRate(); err != nil {
		return 0, err
	}
	return percentOf(p.Lost(), p.Start), nil
}

// StripeChurnRate returns the subscriber churn rate of p in percent as
// Stripe's Billing analytics defines it: the customers lost divided by the
// customers at the start plus the new customers of the period,
//
//	churn = 100 × lost / (S + N)    where lost = S + N − E
//
// Stripe counts the new customers in the denominator because they too
// could have churned during the period. The figure is therefore never
// larger than [ChurnRate], and equal to it when N = 0; it is not the
// complement of [RetentionRate]. The result lies between 0 and 100.
//
// Special cases are:
//
//	Start == 0                ErrZeroStart
//	a negative count          ErrNegative
//	New > End                 ErrInconsistent
//	End − New > Start         ErrInconsistent
//	S + N past int64          ErrOverflow
func StripeChurnRate(p Period) (float64, error) {
	if err := p.validateRate(); err != nil {
		return 0, err
	}
	if p.Start > math.MaxInt64-p.New {
		return 0, fmt.Errorf("%w: start %d + new %d customers", ErrOverflow, p.Start, p.New)
	}
	return percentOf(p.Lost(), p.Start+p.New), nil
}

// AnnualizeChurn returns the churn over a year, in percent, of a business
// that churns rate percent in each of periodsPerYear periods (12 for a
// monthly rate, 4 for a quarterly one, 52 for a weekly one). Churn
// compounds: each period loses its share of the customers the previous
// periods left, so
//
//	annual = 100 × (1 − (1 − rate/100)^k)    k = periodsPerYear
//
// and never rate × k. A monthly churn of 5% is about 45.96% a year, not
// 60%. The result lies between 0 and 100. [PeriodicChurn] is the inverse.
// The power is computed as expm1(k × log1p(−rate/100)), which keeps full
// precision for small rates; a rate so small that rate/100 underflows
// gives its first-order value rate × k, never a silent 0. Source: the
// compounding of a constant per-period survival rate, (1 − m)^k.
//
// Special cases are:
//
//	rate NaN or ±Inf          ErrInvalidArgument
//	rate outside 0-100        ErrOutOfRange
//	periodsPerYear < 1        ErrInvalidArgument
//	AnnualizeChurn(0, k)      0
//	AnnualizeChurn(100, k)    100
func AnnualizeChurn(rate float64, periodsPerYear int) (float64, error) {
	if err := checkRatePercent("churn rate", rate); err != nil {
		return 0, err
	}
	if periodsPerYear < 1 {
		return 0, fmt.Errorf("%w: %d periods per year (need at least 1)", ErrInvalidArgument, periodsPerYear)
	}
	annual := -100 * math.Expm1(float64(periodsPerYear)*math.Log1p(-rate/100))
	if annual == 0 {
		// rate is 0, or rate/100 underflowed to 0; to first order the
		// annual rate is k × rate, which is representable (and 0 for 0).
		annual = rate * float64(periodsPerYear)
	}
	return annual, nil
}

// PeriodicChurn returns the churn rate per period, in percent, that
// compounds over periodsPerYear periods to annualRate percent a year. It
// is the inverse of [AnnualizeChurn]:
//
//	periodic = 100 × (1 − (1 − annualRate/100)^(1/k))    k = periodsPerYear
//
// An annual churn of 45.96% is about 5% a month, not 3.83%. The result
// lies between 0 and 100; it is 0 for a positive annualRate only when the
// true rate is below the smallest float64.
//
// Special cases are:
//
//	annualRate NaN or ±Inf      ErrInvalidArgument
//	annualRate outside 0-100    ErrOutOfRange
//	periodsPerYear < 1          ErrInvalidArgument
//	PeriodicChurn(0, k)         0
//	PeriodicChurn(100, k)       100
func PeriodicChurn(annualRate float64, periodsPerYear int) (float64, error) {
	if err := checkRatePercent("annual churn rate", annualRate); err != nil {
		return 0, err
	}
	if periodsPerYear < 1 {
		return 0, fmt.Errorf("%w: %d periods per year (need at least 1)", ErrInvalidArgument, periodsPerYear)
	}
	periodic := -100 * math.Expm1(math.Log1p(-annualRate/100)/float64(periodsPerYear))
	if periodic == 0 {
		// annualRate is 0, or annualRate/100 underflowed; to first order
		// the rate is rate / k (0 for 0).
		periodic = annualRate / float64(periodsPerYear)
	}
	return periodic, nil
}

// checkRatePercent checks that x, a rate named name, is a finite percent
// between 0 and 100.
func checkRatePercent(name string, x float64) error {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("%w: %s %v%%", ErrInvalidArgument, name, x)
	}
	if !(x >= 0 && x <= 100) {
		return fmt.Errorf("%w: %s %v%% (need 0-100)", ErrOutOfRange, name, x)
	}
	return nil
}
