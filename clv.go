package cxmetrics

import (
	"fmt"
	"math"
)

// PurchaseModel is a model of how many purchases a customer makes, given
// its history: [BGNBD], [MBGNBD], [ParetoNBD] and [BGBB] satisfy it, and so
// does any type with the method. [ExpectedLifetimeValue] takes one.
type PurchaseModel interface {
	// ConditionalExpectedPurchases returns the expected number of
	// purchases of customer c in the t after the end of its
	// observation, t in the time unit of c's RFM.
	ConditionalExpectedPurchases(c RFM, t float64) (float64, error)
}

// CLVHorizon says over what future a customer's lifetime value is summed
// and how it is discounted and costed. Times are in the unit of the
// RFMs the models were fitted on (weeks for the CDNOW sample): the value
// is summed over Horizon, in steps of Step, and the purchases expected in
// each step are discounted at DiscountRate percent per Step.
//
// The zero value is not a horizon: Horizon, Step and Margin must be set.
type CLVHorizon struct {
	// Horizon is how far ahead the value is summed, in the RFMs' time
	// unit: 52 for a year of weeks. It must be a whole number of Steps.
	Horizon float64
	// Step is the length of one discounting period in the RFMs' time
	// unit: 52.0/12 for a month of weeks, 1 for a week.
	Step float64
	// DiscountRate is the discount rate in percent per Step, 0 to 100:
	// with monthly steps, 1 for 1% a month. An annual rate D turns into
	// a monthly one as 100·((1 + D/100)^(1/12) − 1), not D/12. A rate per
	// step below 1% is real (0.8% a month is 10% a year), so it cannot
	// be told from a fraction given by mistake: the field's name is the
	// guard.
	DiscountRate float64
	// Margin is the gross margin in percent of spend, 1 to 100: 100 for
	// the value in revenue. As for [LifetimeValue], a margin strictly
	// between 0 and 1 is refused as a fraction given for a percent, and
	// so is 0, which would make every value 0.
	Margin float64
}

// maxCLVSteps is the most steps a CLVHorizon may have, so that the time
// a lifetime value takes is bounded.
const maxCLVSteps = 100_000

// ExpectedLifetimeValue returns customer c's discounted expected
// lifetime value over h, in the unit of c.Monetary: the purchases that
// purchases expects of c in each step, times the mean spend per purchase
// that spend expects of c, times the margin, each step discounted to
// today: the decomposition of Fader, Hardie & Lee 2005b ("RFM and CLV",
// Journal of Marketing Research 42(4)), value = margin × expected spend
// × discounted expected transactions, with the discounting done per step
// rather than continuously:
//
//	CLV = (Margin/100) · E[M | c] · Σ_{k=1}^{K} (E[X(kS) | c] − E[X((k−1)S) | c]) / (1 + DiscountRate/100)^k
//
// where S = h.Step, K = h.Horizon / S, E[X(t) | c] is
// purchases.ConditionalExpectedPurchases(c, t) (0 at t = 0) and E[M | c]
// is spend.ConditionalExpectedSpend(c). The purchases of step k are
// discounted as if made at its end. The result is 0 or more.
//
// # Which lifetime value
//
// [LifetimeValue] is the closed form ARPA × margin / churn: every
// customer pays the same amount each period and leaves with the same
// observed probability, for ever. It fits a subscription business, where
// churn is seen when a contract ends and revenue per account is steady.
// ExpectedLifetimeValue is for customers who buy when they like and leave
// without saying so (shops, marketplaces, donations): nobody's churn is
// observed, so a purchase model fitted on everyone's purchase history
// says how many purchases each customer is still likely to make, a spend
// model how much each will spend, and the value differs from one
// customer to the next with their recency, frequency and spend. It is
// summed over a finite horizon, since the models' predictions far ahead
// are extrapolation. Use LifetimeValue where churn is observed, and this
// where it is not.
//
// Special cases are:
//
//	purchases nil                                          ErrInvalidArgument
//	h.Horizon or h.Step not positive and finite, or the
//	horizon not a whole number of steps (to 1e-9)          ErrInvalidArgument
//	more than 100,000 steps                                ErrOutOfRange
//	h.DiscountRate outside 0-100, h.Margin outside 1-100   ErrOutOfRange (NaN or ±Inf: ErrInvalidArgument)
//	the errors of the two models for c and its spend,
//	wrapped
//	a purchase model's expectation not finite, negative
//	or falling with t                                      ErrInvalidArgument
//	a value past float64                                   ErrOverflow
func ExpectedLifetimeValue(purchases PurchaseModel, spend GammaGamma, c RFM, h CLVHorizon) (float64, error) {
	steps, err := h.steps(purchases)
	if err != nil {
		return 0, err
	}
	v, err := lifetimeValue(purchases, spend, c, h, steps)
	if err != nil {
		return 0, fmt.Errorf("customer %+v: %w", c, err)
	}
	return v, nil
}

// ExpectedLifetimeValues returns the [ExpectedLifetimeValue] of each of
// customers, in order. An error names the first customer that failed
// (customers[i]) and wraps that error; on error no values are returned.
// It takes K calls of purchases.ConditionalExpectedPurchases per customer
// for a horizon of K steps, on the calling goroutine: to use several
// cores, split customers into parts and call it from a goroutine for
// each (the models are plain values, safe for concurrent use).
func ExpectedLifetimeValues(purchases PurchaseModel, spend GammaGamma, customers []RFM, h CLVHorizon) ([]float64, error) {
	steps, err := h.steps(purchases)
	if err != nil {
		return nil, err
	}
	values := make([]float64, len(customers))
	for i, c := range customers {
		v, err := lifetimeValue(purchases, spend, c, h, steps)
		if err != nil {
			return nil, fmt.Errorf("customers[%d]: %w", i, err)
		}
		values[i] = v
	}
	return values, nil
}

// steps returns the number of steps of h, checked, and checks purchases.
func (h CLVHorizon) steps(purchases PurchaseModel) (int, error) {
	if purchases == nil {
		return 0, fmt.Errorf("%w: no purchase model", ErrInvalidArgument)
	}
	if !(h.Horizon > 0) || !finite(h.Horizon) || !(h.Step > 0) || !finite(h.Step) {
		return 0, fmt.Errorf("%w: horizon %v in steps of %v: both must be positive and finite", ErrInvalidArgument, h.Horizon, h.Step)
	}
	k := h.Horizon / h.Step
	if k > maxCLVSteps+0.5 {
		return 0, fmt.Errorf("%w: horizon %v in steps of %v is %v steps, above %d", ErrOutOfRange, h.Horizon, h.Step, k, maxCLVSteps)
	}
	steps := math.Round(k)
	if steps < 1 || math.Abs(k-steps) > 1e-9*steps {
		return 0, fmt.Errorf("%w: horizon %v is %v steps of %v, not a whole number", ErrInvalidArgument, h.Horizon, k, h.Step)
	}
	if err := checkRatePercent("discount rate", h.DiscountRate); err != nil {
		return 0, err
	}
	if err := checkMargin(h.Margin); err != nil {
		return 0, err
	}
	if h.Margin == 0 {
		return 0, fmt.Errorf("%w: gross margin 0%%: set Margin (100 for the value in revenue)", ErrOutOfRange)
	}
	return int(steps), nil
}

// lifetimeValue returns the lifetime value of c over h's steps.
func lifetimeValue(purchases PurchaseModel, spend GammaGamma, c RFM, h CLVHorizon, steps int) (float64, error) {
	e, err := spend.ConditionalExpectedSpend(c)
	if err != nil {
		return 0, err
	}
	factor := 1 / (1 + h.DiscountRate/100)
	sum, prev, disc := 0.0, 0.0, 1.0
	for k := 1; k <= steps; k++ {
		t := h.Step * float64(k)
		if k == steps {
			t = h.Horizon // no rounding past the horizon
		}
		x, err := purchases.ConditionalExpectedPurchases(c, t)
		if err != nil {
			return 0, err
		}
		if !finite(x) || x < 0 {
			return 0, fmt.Errorf("%w: the purchase model expects %v purchases in %v", ErrInvalidArgument, x, t)
		}
		if x < prev {
			if prev-x > 1e-9*math.Max(1, prev) {
				return 0, fmt.Errorf("%w: the purchase model expects %v purchases in %v but %v in %v", ErrInvalidArgument, x, t, prev, h.Step*float64(k-1))
			}
			x = prev // a fall by rounding
		}
		disc *= factor
		sum += (x - prev) * disc
		prev = x
	}
	v := h.Margin / 100 * e * sum
	if !finite(v) {
		return 0, fmt.Errorf("%w: a lifetime value of %v purchases at a spend of %v", ErrOverflow, sum, e)
	}
	return v + 0, nil
}
