package cxmetrics

import "fmt"

// CSATResult is a customer satisfaction score with the counts it was
// computed from.
type CSATResult struct {
	Satisfied int64   // answers in the top boxes
	Total     int64   // all answers
	Score     float64 // percent satisfied, 0 to 100
}

// CSAT returns the customer satisfaction score of s: the percent of answers
// in the top two boxes of its scale (4-5 on 1-5, 6-7 on 1-7, 9-10 on 1-10).
// It is CSATTopBox(s, 2); see [CSATTopBox] for the formula and the special
// cases. A two-point scale (yes/no) has no top two boxes to tell apart from
// the rest, so CSAT refuses it; use CSATTopBox(s, 1) for the share of yes.
//
// The mean answer is a different figure; [Survey.Mean] returns it.
func CSAT(s *Survey) (CSATResult, error) { return CSATTopBox(s, 2) }

// CSATTopBox returns the percent of answers in the top boxes of the
// survey's scale,
//
//	CSAT = 100 × (answers in the top boxes) / total
//
// from 0 to 100, not rounded. boxes = 2 is the usual "top two box" CSAT
// (ACSI; Qualtrics, SurveyMonkey); boxes = 1 counts only the highest
// answer.
//
// Special cases are:
//
//	s nil or zero-value             ErrInvalidArgument
//	boxes outside 1 to points − 1   ErrInvalidArgument (so CSAT, with
//	                                two boxes, needs three points or more)
//	no answers                      ErrNoResponses
func CSATTopBox(s *Survey, boxes int) (CSATResult, error) {
	if s == nil || s.counts == nil {
		return CSATResult{}, fmt.Errorf("%w: nil or zero-value survey", ErrInvalidArgument)
	}
	if points := len(s.counts); !(boxes >= 1 && boxes <= points-1) {
		return CSATResult{}, fmt.Errorf("%w: %d top boxes on scale %v (want 1 to %d)",
			ErrInvalidArgument, boxes, s.scale, points-1)
	}
	if s.total == 0 {
		return CSATResult{}, fmt.Errorf("%w: CSAT of an empty survey", ErrNoResponses)
	}
	sat := s.sumRange(s.scale.Max-boxes+1, s.scale.Max)
	return CSATResult{
		Satisfied: sat,
		Total:     s.total,
		Score:     percentOf(sat, s.total),
	}, nil
}
