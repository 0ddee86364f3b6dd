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
// 60%. The result lies between 0 and 100, and is positive for a positive
// rate. [PeriodicChurn] is the inverse. The power is computed as
// expm1(k × log1p(−rate/100)), which keeps full precision for small
// rates; a rate so small that k × rate/100 is below 2⁻⁶⁰ gives its
// first-order value k × rate, which is then the annual rate to within a
// unit in the last place and keeps the digits of a subnormal rate, never
// a silent 0. Source: the compounding of a constant per-period survival
// rate, (1 − m)^k.
//
// Special cases are:
//
//	rate NaN or ±Inf          ErrInvalidArgument
//	rate outside 0-100        ErrOutOfRange
//	periodsPerYear < 1        ErrInvalidArgument
//	AnnualizeChurn(0, k)      0
//	AnnualizeChurn(100, k)    100
func AnnualizeChurn(rate float64, periodsPerYear int) (float64, error) {
	if err := checkCompounding("churn rate", rate, periodsPerYear); err != nil {
		return 0, err
	}
	k := float64(periodsPerYear)
	if kr := k * rate; kr < 100*0x1p-60 {
		// 1 − (1 − m)^k = k·m − k(k − 1)m²/2 + …, so k × rate is the
		// annual rate within a relative k·m/2 < 2⁻⁶¹. Taken so, a
		// subnormal rate keeps its digits, which rate/100 would round
		// away (3e-322, 61 × 2⁻¹⁰⁷⁴, over 100 rounds up to 2⁻¹⁰⁷⁴, 64%
		// too high), and 0 or −0 gives 0.
		return kr + 0, nil
	}
	// Here rate >= 2⁻⁶⁰ × 100 / 2⁶³, so rate/100 and every later step
	// are normal floats.
	return -100 * math.Expm1(k*math.Log1p(-rate/100)), nil
}

// PeriodicChurn returns the churn rate per period, in percent, that
// compounds over periodsPerYear periods to annualRate percent a year. It
// is the inverse of [AnnualizeChurn]:
//
//	periodic = 100 × (1 − (1 − annualRate/100)^(1/k))    k = periodsPerYear
//
// An annual churn of 45.96% is about 5% a month, not 3.83%. The result
// lies between 0 and 100, and is positive for a positive annualRate.
//
// Special cases are:
//
//	annualRate NaN or ±Inf                 ErrInvalidArgument
//	annualRate outside 0-100               ErrOutOfRange
//	periodsPerYear < 1                     ErrInvalidArgument
//	a positive result below the smallest
//	float64 (a subnormal annualRate)       ErrOverflow
//	PeriodicChurn(0, k)                    0
//	PeriodicChurn(100, k)                  100
func PeriodicChurn(annualRate float64, periodsPerYear int) (float64, error) {
	if err := checkCompounding("annual churn rate", annualRate, periodsPerYear); err != nil {
		return 0, err
	}
	k := float64(periodsPerYear)
	if annualRate < 100*0x1p-60 {
		// 1 − (1 − A)^(1/k) = A/k + (1 − 1/k)A²/(2k) + …, so rate / k is
		// the periodic rate within a relative A/2 < 2⁻⁶¹, rounded once;
		// 0 or −0 gives 0. It is 0 for a positive rate only when the
		// true rate is below the smallest float64.
		periodic := annualRate / k
		if periodic == 0 && annualRate != 0 {
			return 0, fmt.Errorf("%w: periodic churn of %v%% a year over %d periods is outside the range of float64 (below %v)",
				ErrOverflow, annualRate, periodsPerYear, math.SmallestNonzeroFloat64)
		}
		return periodic + 0, nil
	}
	// Here annualRate/100 >= 2⁻⁶⁰ and the logarithm over k is at least
	// 2⁻¹²³: every step is a normal float.
	return -100 * math.Expm1(math.Log1p(-annualRate/100)/k), nil
}

// checkCompounding checks the rate, in percent, and the number of periods
// per year of AnnualizeChurn and PeriodicChurn.
func checkCompounding(name string, rate float64, periodsPerYear int) error {
	if err := checkRatePercent(name, rate); err != nil {
		return err
	}
	if periodsPerYear < 1 {
		return fmt.Errorf("%w: %d periods per year (need at least 1)", ErrInvalidArgument, periodsPerYear)
	}
	return nil
}
