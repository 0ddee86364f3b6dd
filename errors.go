package cxmetrics

import "errors"

// The sentinel errors. Every error a function of this package returns wraps
// exactly one of them, with the offending value in its message, so callers
// test for a kind of failure with [errors.Is] and log the message as it is:
//
//	if _, err := s.AddN(11, 1); errors.Is(err, cxmetrics.ErrOutOfRange) {
//		// the answer is not on the survey's scale
//	}
var (
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
	// or of counts that are all zero.
	ErrNoResponses = errors.New("cxmetrics: no responses")

	// ErrNegative is returned when a count or an amount of money is
	// negative.
	ErrNegative = errors.New("cxmetrics: negative value")

	// ErrZeroStart is returned when a period starts with no customers or no
	// revenue, so that no rate relative to the start exists.
	ErrZeroStart = errors.New("cxmetrics: period starts at zero")

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
	// form, with only Start, End and New.
	ErrNoMovements = errors.New("cxmetrics: no revenue movements")

	// ErrOverflow is returned when a count or a sum would pass the range of
	// int64, or a count is too large for a figure to be computed exactly.
	ErrOverflow = errors.New("cxmetrics: overflow")

	// ErrCorrupt is returned when an encoded Survey cannot be decoded: it
	// is truncated, has trailing bytes, or has an unknown version. Encoded
	// data whose scale or counts are impossible is refused with the
	// error for that (ErrInvalidScale, ErrNegative, ErrOverflow).
	ErrCorrupt = errors.New("cxmetrics: corrupt encoding")

	// ErrInvalidArgument is returned for any other bad argument: a
	// confidence outside (0, 1), a NaN or infinite number, an unknown
	// Direction, bad weights, a nil Survey, a quick ratio with no losses.
	ErrInvalidArgument = errors.New("cxmetrics: invalid argument")
)
