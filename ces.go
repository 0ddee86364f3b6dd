package cxmetrics

import (
	"fmt"
	"math"
)

// Direction says which end of a Customer Effort Score scale is the easy
// one. CES is asked in two forms whose scales run in opposite directions,
// so [CES] must be told which one a survey used.
//
// A Direction is a plain value; it is safe for concurrent use.
type Direction int

const (
	// HigherIsEasier is CES 2.0 (Gartner/CEB): "The company made it easy
	// for me to handle my issue", 1 strongly disagree to 7 strongly agree.
	// Agreeing, a high answer, means easy.
	HigherIsEasier Direction = iota + 1

	// LowerIsEasier is the original CEB question: "How much effort did you
	// personally put forth to handle your request?", 1 very low
	// effort to 5 very high effort. A low answer means easy.
	LowerIsEasier
)

// String returns the name of the direction.
func (d Direction) String() string {
	switch d {
	case HigherIsEasier:
		return "HigherIsEasier"
	case LowerIsEasier:
		return "LowerIsEasier"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// CESResult is a Customer Effort Score: the mean answer and the split of
// answers into easy, neutral and difficult.
//
// A CESResult is a plain value; it is safe for concurrent use.
type CESResult struct {
	Total     int64 // all answers
	Easy      int64 // answers on the easy side of the midpoint
	Neutral   int64 // answers at the midpoint (none on a scale with an even number of points)
	Difficult int64 // answers on the difficult side of the midpoint

	Mean        float64 // mean answer, on the survey's own scale
	EasyPercent float64 // 100 × Easy / Total, 0 to 100
	Net         float64 // EasyPercent minus the percent difficult, -100 to 100

	// StdDev is the sample standard deviation of the answers, on the
	// survey's own scale, with the n − 1 divisor; 0 when Total is 1.
	// [CESResult.Interval] and [CompareCES] use it.
	StdDev float64

	// Scale is the scale of the survey the result was computed from.
	Scale Scale
}

// CES returns the Customer Effort Score of s, read in direction d:
//
//	Mean        = Σ answer / total, on the survey's scale
//	EasyPercent = 100 × easy / total
//	Net         = 100 × (easy − difficult) / total
//	StdDev      = sqrt(Σ (answer − Mean)² / (total − 1))
//
// An answer is easy if it lies on the easy side of the scale's midpoint
// (above it for [HigherIsEasier], below it for [LowerIsEasier]), difficult
// on the other side, and neutral at the midpoint itself, which exists only
// on a scale with an odd number of points. On CES 2.0's 1-7 scale, 5-7 are
// easy, 4 neutral and 1-3 difficult. Source: Dixon, Freeman and Toman,
// "Stop Trying to Delight Your Customers", Harvard Business Review, 2010
// (the original question); CEB, "The Effortless Experience", 2013 (CES 2.0).
//
// The mean is reported on the survey's own scale and keeps its direction:
// a higher mean is easier for HigherIsEasier and harder for LowerIsEasier.
// The standard deviation is computed from the integer counts, exactly up
// to the final rounding, so it keeps its precision however many answers
// there are and however close together they lie; it is 0 for a single
// answer, for which [CESResult.Interval] returns ErrNoResponses.
//
// Special cases are:
//
//	s nil or zero-value      ErrInvalidArgument
//	d not a known Direction  ErrInvalidArgument
//	no answers               ErrNoResponses
func CES(s *Survey, d Direction) (CESResult, error) {
	if s == nil || s.counts == nil {
		return CESResult{}, fmt.Errorf("%w: nil or zero-value survey", ErrInvalidArgument)
	}
	if d != HigherIsEasier && d != LowerIsEasier {
		return CESResult{}, fmt.Errorf("%w: direction %v", ErrInvalidArgument, d)
	}
	mean, err := s.Mean()
	if err != nil {
		return CESResult{}, err
	}
	// Offsets i from Min compare with the midpoint (points − 1) / 2 as
	// 2i against points − 1, in whole numbers.
	r := CESResult{Total: s.total, Mean: mean, Scale: s.scale}
	if s.total > 1 {
		r.StdDev = math.Sqrt(sumSquaredDeviations(s) / float64(s.total-1))
	}
	last := len(s.counts) - 1
	for i, c := range s.counts {
		switch {
		case 2*i > last:
			r.Easy += c
		case 2*i < last:
			r.Difficult += c
		default:
			r.Neutral += c
		}
	}
	if d == LowerIsEasier {
		r.Easy, r.Difficult = r.Difficult, r.Easy
	}
	r.EasyPercent = percentOf(r.Easy, s.total)
	r.Net = percentOf(r.Easy-r.Difficult, s.total)
	return r, nil
}
