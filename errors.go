package cxmetrics

import "errors"

// The sentinel errors. Every error a function of this package returns wraps
// one of them, with the offending value in its message, so callers test for
// a kind of failure with [errors.Is] and log the message as it is:
//
//	if _, err := s.AddN(11, 1); errors.Is(err, cxmetrics.ErrOutOfRange) {
//		// the answer is not on the survey's scale
//	}
//
// An error for a figure that does not exist for the inputs given (a rate
// of a period that starts at zero, a figure of no answers, a ratio with
// nothing to divide by) wraps [ErrUndefined] as well as its cause, so that
// a report can show "—" for it without knowing each function's causes:
//
//	nrr, err := cxmetrics.NetRevenueRetention(month)
//	switch {
//	case errors.Is(err, cxmetrics.ErrUndefined):
//		// no such figure this month: show "—"
//	case err != nil:
//		// the data is wrong
//	}
var (
	// ErrUndefined is returned, besides the error of its cause, when a
	// figure does not exist for the inputs given: every error that wraps
	// ErrZeroStart or ErrNoResponses wraps it, and so does an error for a
	// ratio whose denominator is zero (a quick ratio with no revenue lost,
	// an LTV to CAC ratio with no CAC, a lifetime value with no churn and
	// no discount, a payback that never comes). The inputs are not wrong;
	// the figure is just not there.
	ErrUndefined = errors.New("cxmetrics: undefined figure")

	// ErrInvalidScale is returned when a Scale has Min >= Max or more than
	// MaxScalePoints points.
	ErrInvalidScale = errors.New("cxmetrics: invalid scale")

	// ErrOutOfRange is returned when an answer lies outside its scale, a
	// rate lies outside 0-100, a health signal lies outside 0-100, or a
	// revenue record names a period outside its history or, in a history
	// declared in period order, a period before the latest one.
	ErrOutOfRange = errors.New("cxmetrics: out of range")

	// ErrScaleMismatch is returned when two surveys on different scales are
	// merged or compared, or when a metric that is defined on one scale
	// only (NPS on 0-10) is asked of a survey on another.
	ErrScaleMismatch = errors.New("cxmetrics: scale mismatch")

	// ErrNoResponses is returned when a figure is asked of an empty survey
	// or of counts that are all zero. It is a kind of [ErrUndefined].
	ErrNoResponses error = &kind{"cxmetrics: no responses", []error{ErrUndefined}}

	// ErrNegative is returned when a count or an amount of money is
	// negative.
	ErrNegative = errors.New("cxmetrics: negative value")

	// ErrZeroStart is returned when a period starts with no customers or no
	// revenue, so that no rate relative to the start exists. It is a kind
	// of [ErrUndefined].
	ErrZeroStart error = &kind{"cxmetrics: period starts at zero", []error{ErrUndefined}}

	// ErrInconsistent is returned when figures cannot all be true at once:
	// more new customers than customers at the end, more customers retained
	// than there were at the start, more revenue lost than there was.
	ErrInconsistent = errors.New("cxmetrics: inconsistent figures")

	// ErrUnbalanced is returned when a revenue period's movements do not
	// add up to its End: Start + New + Reactivation + Expansion −
	// Contraction − Churned ≠ End.
	ErrUnbalanced = errors.New("cxmetrics: unbalanced revenue movements")

	// ErrNoMovements is returned when a figure needs the movement breakdown
	// (expansion, contraction, churned) of a revenue period given in totals
	// form, with only Start, End and New, or when a period with its
	// breakdown is added to one in totals form. A period of an MRRHistory
	// always has its breakdown ([RevenuePeriod.HasBreakdown]).
	ErrNoMovements = errors.New("cxmetrics: no revenue movements")

	// ErrOverflow is returned when a count or a sum would pass the range of
	// int64, a count is too large for a figure to be computed exactly, or
	// a figure lies outside the range of float64: past the largest, or
	// above 0 but below the smallest (a lifetime value at a margin near
	// 0), where a silent 0 would claim a figure the inputs do not give.
	ErrOverflow = errors.New("cxmetrics: overflow")

	// ErrCorrupt is returned when an encoded Survey, RevenuePeriod or
	// Drivers cannot be decoded: it is truncated, has trailing data, an
	// unknown version, a missing, unknown or repeated key, or a key or a
	// value in another form than the encoder writes (a key in another case
	// or with escapes, a number as 1.0, 1e3, "5" or -0, a float with more
	// digits than it needs, a varint longer than it needs to be). Encoded
	// data whose values are impossible is refused with the error for that
	// (ErrInvalidScale, ErrNegative, ErrOverflow, ErrUnbalanced), except
	// the statistics of a Drivers, which are ErrCorrupt.
	ErrCorrupt = errors.New("cxmetrics: corrupt encoding")

	// ErrNoConvergence is returned by a model's fit that did not reach
	// the maximum of the likelihood within its iterations, or met a
	// likelihood that is not finite, with what it reached and why.
	ErrNoConvergence = errors.New("cxmetrics: fit did not converge")

	// ErrAmbiguous is returned when records can be read two ways and the
	// caller has not said which: an [MRRLedger] told [SameDay] whose
	// customer has records on two days of one period (several
	// subscriptions, or daily snapshots of one?).
	ErrAmbiguous = errors.New("cxmetrics: ambiguous records")

	// ErrInvalidArgument is returned for any other bad argument: a
	// confidence outside (0, 1), a NaN or infinite number, an unknown
	// Direction, bad weights, a nil Survey. It is also returned, with
	// [ErrUndefined], for a ratio whose denominator is zero, such as a quick
	// ratio with no losses.
	ErrInvalidArgument = errors.New("cxmetrics: invalid argument")

	// errUnbounded is the error of a ratio whose denominator is zero: an
	// invalid argument, and a figure that does not exist.
	errUnbounded error = &kind{"cxmetrics: invalid argument", []error{ErrInvalidArgument, ErrUndefined}}
)

// kind is a sentinel error that is a narrower kind of one or more others:
// [errors.Is] finds them through it, and its message is its own.
type kind struct {
	msg     string
	parents []error
}

func (k *kind) Error() string   { return k.msg }
func (k *kind) Unwrap() []error { return k.parents }
