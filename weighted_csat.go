package cxmetrics

import (
	"fmt"
	"math"
)

// WeightedCSATResult is a weighted customer satisfaction score: the sums of
// the weights of satisfied answers and of all answers, and Kish's
// effective sample size for its interval.
//
// A WeightedCSATResult is a plain value; it is safe for concurrent use.
type WeightedCSATResult struct {
	Satisfied  float64 // sum of the weights of answers in the top boxes
	Total      float64 // sum of the weights of all answers
	EffectiveN float64 // Kish's effective sample size, at least 1
	Score      float64 // weighted percent satisfied, 0 to 100
}

// WeightedCSAT returns the weighted customer satisfaction score of s, the
// weighted percent of answers in the top two boxes of its scale. It is
// WeightedCSATTopBox(s, 2); see [WeightedCSATTopBox] for the formula and
// the special cases. A two-point scale has no top two boxes to tell apart
// from the rest, so WeightedCSAT refuses it (ErrInvalidArgument), as
// [CSAT] does.
func WeightedCSAT(s *WeightedSurvey) (WeightedCSATResult, error) { return WeightedCSATTopBox(s, 2) }

// WeightedCSATTopBox returns the weighted percent of answers in the top
// boxes of the survey's scale,
//
//	CSAT = 100 × (W in the top boxes) / W total
//
// where W is a sum of weights, from 0 to 100. With equal weights it is the
// [CSATTopBox] of the same answers. The result carries Kish's effective
// sample size for its interval.
//
// Special cases are:
//
//	s nil or zero-value                ErrInvalidArgument
//	boxes outside 1 to points − 1      ErrInvalidArgument
//	no answers, or every weight zero   ErrNoResponses
func WeightedCSATTopBox(s *WeightedSurvey, boxes int) (WeightedCSATResult, error) {
	if err := s.argument("s"); err != nil {
		return WeightedCSATResult{}, err
	}
	if points := len(s.w); !(boxes >= 1 && boxes <= points-1) {
		return WeightedCSATResult{}, fmt.Errorf("%w: %d top boxes on scale %v (want 1 to %d)",
			ErrInvalidArgument, boxes, s.scale, points-1)
	}
	ne, err := s.EffectiveN()
	if err != nil {
		return WeightedCSATResult{}, err
	}
	r := WeightedCSATResult{EffectiveN: ne}
	for i, w := range s.w {
		if i >= len(s.w)-boxes {
			r.Satisfied += w
		}
		r.Total += w
	}
	r.Score = math.Min(100*(r.Satisfied/r.Total), 100)
	return r, nil
}

// Interval returns the Wilson score interval for the weighted CSAT, in
// percent, at the given two-sided confidence: the interval of
// [CSATResult.Interval] with the weighted share p = Satisfied / Total and
// Kish's effective sample size in place of the number of answers. It lies
// within [0, 100] and contains Score. Sources: Wilson, JASA 22, 1927;
// Kish, Survey Sampling, 1965.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN         ErrInvalidArgument
//	a weight negative, NaN or infinite       ErrInvalidArgument
//	EffectiveN below 1, NaN or infinite      ErrInvalidArgument
//	Total zero                               ErrNoResponses
//	Satisfied above Total                    ErrInconsistent
func (r WeightedCSATResult) Interval(confidence float64) (Interval, error) {
	if err := checkConfidence(confidence); err != nil {
		return Interval{}, err
	}
	ok := func(x float64) bool { return x >= 0 && x <= math.MaxFloat64 }
	switch {
	case !ok(r.Satisfied) || !ok(r.Total):
		return Interval{}, fmt.Errorf("%w: weights %v satisfied of %v", ErrInvalidArgument, r.Satisfied, r.Total)
	case !(r.EffectiveN >= 1 && r.EffectiveN <= math.MaxFloat64):
		return Interval{}, fmt.Errorf("%w: effective sample size %v (want at least 1)", ErrInvalidArgument, r.EffectiveN)
	case r.Total == 0:
		return Interval{}, fmt.Errorf("%w: no weight", ErrNoResponses)
	case r.Satisfied > r.Total:
		return Interval{}, fmt.Errorf("%w: weight %v satisfied of %v", ErrInconsistent, r.Satisfied, r.Total)
	}
	p := r.Satisfied / r.Total
	lo, hi := wilson(p*r.EffectiveN, r.EffectiveN, normalTwoSided(confidence))
	return Interval{Lo: 100 * lo, Hi: 100 * hi}, nil
}
