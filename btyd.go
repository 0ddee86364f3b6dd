package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds what the "buy till you die" models share: the RFM
// summary of a customer, its checks, and the options of a fit. Each model
// has a file of its own (bgnbd.go, paretonbd.go, gammagamma.go, bgbb.go);
// the minimizer and the standard errors are in btyd_fit.go.

// RFM is one customer's purchase history, summarised for the "buy till you
// die" models, in one time unit the caller chooses (days, weeks) and keeps
// for every t given to a model fitted on it:
//
//   - Frequency is x, the number of repeat purchases: purchases after the
//     first, counting the purchases of one time unit as one, as the models
//     assume (at most one purchase in an instant);
//   - Recency is t_x, the time from the first purchase to the last, 0 if
//     x is 0;
//   - T is the time from the first purchase to the end of observation;
//   - Monetary is the mean value of the repeat purchases, in any one money
//     unit (the spend model is scale-free), 0 if x is 0.
//
// [Transactions] builds them from raw purchases. For BG/BB the times are
// whole numbers of opportunities: x purchases in T opportunities, the
// last at opportunity t_x.
//
// An RFM is a plain value; it is safe for concurrent use.
type RFM struct {
	Frequency int64
	Recency   float64
	T         float64
	Monetary  float64
}

// checkRFM returns an error if c, the customer at index i, is not a
// possible history: a negative or non-finite field, a recency past T, or
// a recency without a repeat purchase. The error names customers[i].
func checkRFM(i int, c RFM) error {
	if plainRFM(c) {
		return nil
	}
	return rfmError(fmt.Sprintf("customers[%d]", i), c)
}

// checkOneRFM returns checkRFM's error for c, a customer given on its own
// to a prediction, naming it by its fields rather than an index.
func checkOneRFM(c RFM) error {
	if plainRFM(c) {
		return nil
	}
	return rfmError(fmt.Sprintf("customer %+v", c), c)
}

// rfmError returns the error of c, named name, which plainRFM refused.
func rfmError(name string, c RFM) error {
	switch {
	case c.Frequency < 0:
		return fmt.Errorf("%w: %s: frequency %d", ErrNegative, name, c.Frequency)
	case !finite(c.Recency) || !finite(c.T) || !finite(c.Monetary):
		return fmt.Errorf("%w: %s: recency %v, T %v, monetary %v", ErrInvalidArgument, name, c.Recency, c.T, c.Monetary)
	case c.Recency < 0 || c.T < 0 || c.Monetary < 0:
		return fmt.Errorf("%w: %s: recency %v, T %v, monetary %v", ErrNegative, name, c.Recency, c.T, c.Monetary)
	case c.Recency > c.T:
		return fmt.Errorf("%w: %s: recency %v after T %v", ErrInconsistent, name, c.Recency, c.T)
	default: // c.Frequency == 0 && c.Recency != 0
		return fmt.Errorf("%w: %s: recency %v without a repeat purchase", ErrInconsistent, name, c.Recency)
	}
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// FitOption sets a choice of a model's fit ([FitBGNBD] and the others).
type FitOption func(*fitOptions)

type fitOptions struct {
	workers   int
	maxIter   int
	start     []float64
	report    *FitReport
	tolerance float64
}

// Workers makes a fit use n goroutines for each pass over the customers,
// started and ended within the call: on a large data set (10⁵ customers
// and more) two cores nearly halve the time. The default is 1: the
// library starts no goroutine unless asked; an n below 1 is 1, as the
// workers of [TallyConcurrent] and [MovementsConcurrent] are. The sums
// are added in a fixed order for a given n, so a fit gives the same
// result every time with the same n, and results with different n agree
// to rounding.
func Workers(n int) FitOption {
	return func(o *fitOptions) { o.workers = max(n, 1) }
}

// MaxIterations sets the most iterations a fit makes before it gives up
// with [ErrNoConvergence]; the default is 500. An n below 1 makes the fit
// fail with [ErrInvalidArgument].
func MaxIterations(n int) FitOption {
	return func(o *fitOptions) { o.maxIter = n }
}

// StartAt sets the parameters a fit starts from, in the order of the
// model's fields (r, α, a, b for BG/NBD), instead of the model's
// documented start. Each must be positive and finite.
func StartAt(params ...float64) FitOption {
	return func(o *fitOptions) { o.start = append([]float64(nil), params...) }
}

// Report makes a fit fill r with how it went: the log-likelihood at the
// estimate, the standard errors of the parameters and the iterations.
func Report(r *FitReport) FitOption {
	return func(o *fitOptions) { o.report = r }
}

// FitReport is how a fit went: the maximised log-likelihood, the standard
// errors of the parameters (in the order of the model's fields) from the
// observed information matrix, the inverse of the negative log-likelihood's
// Hessian at the estimate, and the iterations it took.
//
// A FitReport is a plain value; it is safe for concurrent use.
type FitReport struct {
	LogLikelihood float64
	StdErr        []float64
	Iterations    int
	Customers     int64 // customers (or weighted rows) the fit used
}

// options returns the options of a fit of a model with k parameters,
// checked.
func options(k int, opts []FitOption) (fitOptions, error) {
	o := fitOptions{workers: 1, maxIter: 500, tolerance: 1e-12}
	for _, opt := range opts {
		opt(&o)
	}
	if o.maxIter < 1 {
		return o, fmt.Errorf("%w: MaxIterations(%d), want 1 or more", ErrInvalidArgument, o.maxIter)
	}
	if o.start != nil {
		if len(o.start) != k {
			return o, fmt.Errorf("%w: StartAt with %d parameters, want %d", ErrInvalidArgument, len(o.start), k)
		}
		for i, p := range o.start {
			if !(p > 0) || !finite(p) {
				return o, fmt.Errorf("%w: StartAt parameter %d is %v, want positive and finite", ErrInvalidArgument, i, p)
			}
		}
	}
	return o, nil
}

// plainRFM reports whether c is a possible history, by comparisons that a
// NaN fails and that the compiler inlines, so that a pass over valid
// customers builds no error; checkRFM says what is wrong with the others.
func plainRFM(c RFM) bool {
	return c.Frequency >= 0 && c.Recency >= 0 && c.Recency <= c.T && c.T <= math.MaxFloat64 &&
		c.Monetary >= 0 && c.Monetary <= math.MaxFloat64 && (c.Frequency > 0 || c.Recency == 0)
}
