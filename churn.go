package cxmetrics

import (
	"fmt"
	"math"
	"time"
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
// 60%. The result lies between 0 and 100. [PeriodicChurn] is the inverse,
// and [ConvertChurn] converts between windows of any length. The power is
// computed as expm1(k × log1p(−rate/100)), which keeps full precision for
// small rates. Source: the compounding of a constant per-period survival
// rate, (1 − m)^k.
//
// A rate whose annual churn would be below 1% is refused: that is a
// fraction given by mistake (0.05 for a monthly churn of 5%), which read
// as a percent would give a plausible wrong figure (0.6% a year). See
// "Units" in the package doc.
//
// Special cases are:
//
//	rate NaN or ±Inf                   ErrInvalidArgument
//	rate outside 0-100                 ErrOutOfRange
//	a positive annual churn below 1%   ErrOutOfRange
//	periodsPerYear < 1                 ErrInvalidArgument
//	AnnualizeChurn(0, k)               0
//	AnnualizeChurn(100, k)             100
func AnnualizeChurn(rate float64, periodsPerYear int) (float64, error) {
	if err := checkCompounding("churn rate", rate, periodsPerYear); err != nil {
		return 0, err
	}
	annual := -100 * math.Expm1(float64(periodsPerYear)*math.Log1p(-rate/100))
	// 1 − 1e-9, so that a rate that compounds to exactly 1% (as
	// PeriodicChurn(1, k) gives) is not refused for its last bit; rate/100
	// may even round to 0.
	if rate > 0 && annual < 1-1e-9 {
		return 0, fmt.Errorf("%w: a churn rate of %v%% over %d periods a year is %v%% a year, below 1%%, taken for a fraction given for a percent",
			ErrOutOfRange, rate, periodsPerYear, annual)
	}
	return annual + 0, nil
}

// PeriodicChurn returns the churn rate per period, in percent, that
// compounds over periodsPerYear periods to annualRate percent a year. It
// is the inverse of [AnnualizeChurn]:
//
//	periodic = 100 × (1 − (1 − annualRate/100)^(1/k))    k = periodsPerYear
//
// An annual churn of 45.96% is about 5% a month, not 3.83%. The result
// lies between 0 and 100, and is positive for a positive annualRate. An
// annualRate below 1% is refused as a fraction given by mistake, as in
// [AnnualizeChurn].
//
// Special cases are:
//
//	annualRate NaN or ±Inf        ErrInvalidArgument
//	annualRate outside 0-100      ErrOutOfRange
//	annualRate above 0, below 1   ErrOutOfRange
//	periodsPerYear < 1            ErrInvalidArgument
//	PeriodicChurn(0, k)           0
//	PeriodicChurn(100, k)         100
func PeriodicChurn(annualRate float64, periodsPerYear int) (float64, error) {
	if err := checkCompounding("annual churn", annualRate, periodsPerYear); err != nil {
		return 0, err
	}
	if err := checkNotFraction("annual churn", annualRate); err != nil {
		return 0, err
	}
	// annualRate is 0 or at least 1, so every step is a normal float.
	return -100*math.Expm1(math.Log1p(-annualRate/100)/float64(periodsPerYear)) + 0, nil
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

// AverageYear and AverageMonth are the mean lengths of a year and of a
// month in the Gregorian calendar (365.2425 days, and a twelfth of that),
// the windows to convert a churn rate to with [ConvertChurn].
const (
	AverageYear  = 31_556_952 * time.Second
	AverageMonth = AverageYear / 12
)

// ConvertChurn returns the churn, in percent, over a window of length to
// of a business whose churn over a window of length from is rate percent,
// by the compounding of [AnnualizeChurn] for windows of any length:
//
//	converted = 100 × (1 − (1 − rate/100)^(to / from))
//
// A churn measured over 31-day windows (as fight-churn measures it)
// converts to an annual rate with ConvertChurn(rate, 31*24*time.Hour,
// AverageYear), and to a monthly one with AverageMonth. The result lies
// between 0 and 100. As in AnnualizeChurn, a rate whose annual churn would
// be below 1% is refused as a fraction given by mistake.
//
// Special cases are:
//
//	rate NaN or ±Inf                   ErrInvalidArgument
//	rate outside 0-100                 ErrOutOfRange
//	from <= 0 or to <= 0               ErrInvalidArgument
//	a positive annual churn below 1%   ErrOutOfRange
//	ConvertChurn(0, from, to)          0
//	ConvertChurn(100, from, to)        100
func ConvertChurn(rate float64, from, to time.Duration) (float64, error) {
	if err := checkRatePercent("churn rate", rate); err != nil {
		return 0, err
	}
	if from <= 0 || to <= 0 {
		return 0, fmt.Errorf("%w: windows of %v and %v (need both above 0)", ErrInvalidArgument, from, to)
	}
	keep := math.Log1p(-rate / 100) // log of the share kept over from
	if annual := -100 * math.Expm1(float64(AverageYear)/float64(from)*keep); rate > 0 && annual < 1-1e-9 {
		return 0, fmt.Errorf("%w: a churn rate of %v%% over %v is %v%% a year, below 1%%, taken for a fraction given for a percent",
			ErrOutOfRange, rate, from, annual)
	}
	return -100*math.Expm1(float64(to)/float64(from)*keep) + 0, nil
}
