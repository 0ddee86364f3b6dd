package cxmetrics

import (
	"fmt"
	"math"
)

// NPSResult is a Net Promoter Score with the counts it was computed from.
type NPSResult struct {
	Promoters  int64   // answers of 9 or 10
	Passives   int64   // answers of 7 or 8
	Detractors int64   // answers of 0 to 6
	Score      float64 // the NPS in points, -100 to 100
}

// Total returns the number of answers, Promoters + Passives + Detractors.
// For a result returned by [NPS] or [NPSFromCounts] it does not overflow.
func (r NPSResult) Total() int64 { return r.Promoters + r.Passives + r.Detractors }

// NPS returns the Net Promoter Score of a survey on the 0-10 [NPSScale]:
//
//	NPS = 100 × (promoters − detractors) / total
//
// where promoters answered 9 or 10, passives 7 or 8 and detractors 0 to 6.
// The score is in points from -100 (every answer a detractor) to 100
// (every answer a promoter) and is not rounded. Source: Reichheld, "The One
// Number You Need to Grow", Harvard Business Review, 2003; Bain & Company.
//
// NPS is defined on the 0-10 scale only, and answers on another scale are
// never re-bucketed: a 1-10 or 1-5 survey is refused.
//
// Special cases are:
//
//	s nil or zero-value       ErrInvalidArgument
//	scale other than 0-10     ErrScaleMismatch
//	no answers                ErrNoResponses
func NPS(s *Survey) (NPSResult, error) {
	if s == nil || s.counts == nil {
		return NPSResult{}, fmt.Errorf("%w: nil or zero-value survey", ErrInvalidArgument)
	}
	if s.scale != NPSScale {
		return NPSResult{}, fmt.Errorf("%w: NPS needs scale %v, survey is on %v", ErrScaleMismatch, NPSScale, s.scale)
	}
	return NPSFromCounts(s.sumRange(9, 10), s.sumRange(7, 8), s.sumRange(0, 6))
}

// NPSFromCounts returns the Net Promoter Score of the given numbers of
// promoters, passives and detractors, by the formula of [NPS].
//
// Special cases are:
//
//	a negative count          ErrNegative
//	total past int64          ErrOverflow
//	all counts zero           ErrNoResponses
func NPSFromCounts(promoters, passives, detractors int64) (NPSResult, error) {
	if promoters < 0 || passives < 0 || detractors < 0 {
		return NPSResult{}, fmt.Errorf("%w: promoters %d, passives %d, detractors %d",
			ErrNegative, promoters, passives, detractors)
	}
	if promoters > math.MaxInt64-passives || promoters+passives > math.MaxInt64-detractors {
		return NPSResult{}, fmt.Errorf("%w: promoters %d + passives %d + detractors %d",
			ErrOverflow, promoters, passives, detractors)
	}
	n := promoters + passives + detractors
	if n == 0 {
		return NPSResult{}, fmt.Errorf("%w: no promoters, passives or detractors", ErrNoResponses)
	}
	return NPSResult{
		Promoters:  promoters,
		Passives:   passives,
		Detractors: detractors,
		Score:      percentOf(promoters-detractors, n),
	}, nil
}
