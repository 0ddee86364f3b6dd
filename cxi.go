package cxmetrics

import "fmt"

// CXIResult is a CX Index with the net score of each of its three
// questions.
//
// A CXIResult is a plain value; it is safe for concurrent use.
type CXIResult struct {
	Needs     float64 // net score of "met my needs", -100 to 100
	Ease      float64 // net score of "was easy to do business with", -100 to 100
	Enjoyment float64 // net score of "was enjoyable", -100 to 100
	Score     float64 // the index, the mean of the three, -100 to 100
}

// CXIndex returns the Customer Experience Index of three surveys on the 1-5
// [CSATScale], one per question: how well the company met the customer's
// needs, how easy it was to do business with, and how enjoyable it was.
// For each question
//
//	net = 100 × (answers of 4 or 5 − answers of 1 or 2) / total
//
// and the index is the mean of the three nets, from -100 to 100. The
// questions may have different numbers of answers; each net is taken on its
// own total. Source: Forrester's original Customer Experience Index (CxPi),
// the public definition (Forrester, "The Customer Experience Index", 2007
// onward). Forrester's current CX Index is proprietary: it weights its
// questions by a model of their effect on loyalty that is not published,
// so this function does not claim to reproduce it.
//
// Special cases are:
//
//	a survey nil or zero-value ErrInvalidArgument
//	a survey not on 1-5        ErrScaleMismatch
//	a survey with no answers   ErrNoResponses
func CXIndex(needs, ease, enjoyment *Survey) (CXIResult, error) {
	var nets [3]float64
	for i, s := range [3]*Survey{needs, ease, enjoyment} {
		name := [3]string{"needs", "ease", "enjoyment"}[i]
		if err := s.argument([3]string{"the needs survey", "the ease survey", "the enjoyment survey"}[i]); err != nil {
			return CXIResult{}, err
		}
		if s.scale != CSATScale {
			return CXIResult{}, fmt.Errorf("%w: CX Index needs scale %v, %s survey is on %v", ErrScaleMismatch, CSATScale, name, s.scale)
		}
		if s.total == 0 {
			return CXIResult{}, fmt.Errorf("%w: %s survey is empty", ErrNoResponses, name)
		}
		nets[i] = percentOf(s.sumRange(4, 5)-s.sumRange(1, 2), s.total)
	}
	return CXIResult{
		Needs:     nets[0],
		Ease:      nets[1],
		Enjoyment: nets[2],
		Score:     (nets[0] + nets[1] + nets[2]) / 3,
	}, nil
}
