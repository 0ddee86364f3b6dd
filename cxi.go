package cxmetrics

import (
	"fmt"
	"math"
)

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

// CXComponent is one question of a CX Index of the caller's own
// components, for [CXIndexOf]: a name to report it by, its survey on the
// 1-5 [CSATScale], and its weight in the index.
//
// A CXComponent holds a *Survey; it is safe for concurrent use while no
// goroutine changes the Survey.
type CXComponent struct {
	Name   string  // the component's name, such as "effort"; unique within an index
	Survey *Survey // the answers to the component's question, on 1-5
	Weight float64 // its relative weight, 0 or above; 0 in every component means equal weights
}

// CXComponentScore is one component's part of a [CXIndexResult].
//
// A CXComponentScore is a plain value; it is safe for concurrent use.
type CXComponentScore struct {
	Name   string  // the component's name
	Net    float64 // its net score, 100 × (answers of 4 or 5 − answers of 1 or 2) / total, -100 to 100
	Weight float64 // its weight in the index, as a fraction: the weights of an index add up to 1
	Total  int64   // the number of answers to its question
}

// CXIndexResult is a CX Index over the caller's own components, with the
// net score and weight of each.
//
// A CXIndexResult holds a slice; it is safe for concurrent reads.
type CXIndexResult struct {
	Score      float64            // the index, the weighted mean of the components' nets, -100 to 100
	Components []CXComponentScore // one per component, in the order given
}

// CXIndexOf returns a CX Index over two or more components of the
// caller's choosing, each a survey on the 1-5 [CSATScale], by the
// formula of [CXIndex] with weights:
//
//	netₖ  = 100 × (answers of 4 or 5 − answers of 1 or 2) / totalₖ
//	wₖ    = Weightₖ / Σ Weight   (1 / K for each of K components when every Weight is 0)
//	Score = Σ wₖ × netₖ
//
// from -100 to 100. Each net is taken on its own total, so the questions
// may have different numbers of answers. [CXIndex] is this index over
// Forrester's three questions (needs, ease, enjoyment) with equal
// weights. Another use is the four-component definition of CX that
// names customer effort, empathy, understanding and effectiveness: one
// 1-5 question each, equal weights unless the program has its own. A
// component may be weighted 0 only when every one is, which asks for
// equal weights: a zero beside positive weights is refused as the likely
// mistake it is (drop the component instead). Source: Forrester's
// original Customer Experience Index (see [CXIndex]) for the net of each
// question; the weighting is the caller's.
//
// Special cases are:
//
//	fewer than 2 components                   ErrInvalidArgument
//	components[i].Survey nil or zero-value    ErrInvalidArgument, naming i and the name
//	components[i] not on 1-5                  ErrScaleMismatch, naming i
//	components[i] with no answers             ErrNoResponses, naming i
//	components[i].Weight negative, NaN or
//	infinite                                  ErrInvalidArgument, naming i
//	a Weight of 0 beside positive weights     ErrInvalidArgument, naming i
//	two components with the same Name         ErrInvalidArgument, naming both
//	a positive Weight whose fraction of the
//	sum underflows float64 (5e-324 beside
//	1e308)                                    ErrOverflow, naming i
func CXIndexOf(components []CXComponent) (CXIndexResult, error) {
	if len(components) < 2 {
		return CXIndexResult{}, fmt.Errorf("%w: a CX Index of %d components, want 2 or more", ErrInvalidArgument, len(components))
	}
	var wmax float64
	zeros := 0
	seen := make(map[string]int, len(components))
	for i, c := range components {
		what := fmt.Sprintf("components[%d] (%q)", i, c.Name)
		if j, ok := seen[c.Name]; ok {
			return CXIndexResult{}, fmt.Errorf("%w: components[%d] and components[%d] are both named %q", ErrInvalidArgument, j, i, c.Name)
		}
		seen[c.Name] = i
		if err := c.Survey.argument(what + ".Survey"); err != nil {
			return CXIndexResult{}, err
		}
		if c.Survey.scale != CSATScale {
			return CXIndexResult{}, fmt.Errorf("%w: CX Index needs scale %v, %s is on %v", ErrScaleMismatch, CSATScale, what, c.Survey.scale)
		}
		if c.Survey.total == 0 {
			return CXIndexResult{}, fmt.Errorf("%w: %s has no answers", ErrNoResponses, what)
		}
		if !(c.Weight >= 0 && c.Weight <= math.MaxFloat64) {
			return CXIndexResult{}, fmt.Errorf("%w: %s has weight %v, want a finite weight of 0 or more", ErrInvalidArgument, what, c.Weight)
		}
		if c.Weight == 0 {
			zeros++
		}
		wmax = max(wmax, c.Weight)
	}
	if zeros > 0 && zeros < len(components) {
		for i, c := range components {
			if c.Weight == 0 {
				return CXIndexResult{}, fmt.Errorf("%w: components[%d] (%q) has weight 0 beside positive weights; drop it or weight it",
					ErrInvalidArgument, i, c.Name)
			}
		}
	}
	// Weights relative to the largest lie in (0, 1], so their sum, at
	// most the number of components, cannot overflow however large the
	// weights given.
	out := CXIndexResult{Components: make([]CXComponentScore, len(components))}
	var sum float64
	for _, c := range components {
		if zeros == 0 {
			sum += c.Weight / wmax
		} else {
			sum++
		}
	}
	for i, c := range components {
		w := 1 / sum
		if zeros == 0 {
			w = c.Weight / wmax / sum
			if w == 0 {
				// A positive weight so far below the largest that its
				// fraction is below the smallest float64: a silent 0
				// would drop a component the caller weighted.
				return CXIndexResult{}, fmt.Errorf("%w: components[%d] (%q) has weight %v, below the smallest fraction float64 holds beside the largest weight %v",
					ErrOverflow, i, c.Name, c.Weight, wmax)
			}
		}
		net := percentOf(c.Survey.sumRange(4, 5)-c.Survey.sumRange(1, 2), c.Survey.total)
		out.Components[i] = CXComponentScore{Name: c.Name, Net: net, Weight: w, Total: c.Survey.total}
		out.Score += w * net
	}
	out.Score = min(max(out.Score, -100), 100) + 0 // a weighted mean of nets within ±100, but for rounding
	return out, nil
}
