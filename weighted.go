package cxmetrics

import (
	"fmt"
	"math"
)

// WeightedSurvey is a tally of answers that carry sampling weights: for
// each point of its [Scale], the sum of the weights of the answers there
// and the sum of their squares. Weights express how much an answer counts,
// for example the revenue of the account that gave it, or the inverse of
// its segment's response rate to correct a skewed sample.
//
// The sums of squared weights give Kish's effective sample size, which
// the intervals of [WeightedNPSResult] and [WeightedCSATResult] use in
// place of the number of answers: unequal weights make a sample worth
// fewer answers than it holds.
//
// A weight is 0 or between [MinWeight], about 1.5e-154, and the point
// where the sum of the squared weights would pass float64, about 1.3e154
// for a single answer: only the ratios of weights matter, so scale weights
// into that range.
//
// Unlike [Survey], whose integer counts are exact, a WeightedSurvey
// accumulates float64 sums, so the order of adds and merges can change the
// last bits of a result (relative differences near 1e-16 per operation).
// Merging is otherwise like Survey's: commutative and associative up to
// that rounding.
//
// Create a WeightedSurvey with [NewWeightedSurvey]. The zero value has no
// scale: every add to it fails with [ErrInvalidScale]. A WeightedSurvey
// is not safe for concurrent use; give each goroutine its own and merge
// them. A method that returns an error leaves the WeightedSurvey as it
// was.
type WeightedSurvey struct {
	scale Scale
	w     []float64 // w[i] is the sum of the weights of answers scale.Min+i
	sumW  float64   // sum of all weights, kept so that Add is O(1)
	sumW2 float64   // sum of all squared weights
	total int64     // number of answers
}

// MinWeight is the smallest non-zero weight [WeightedSurvey.Add] accepts,
// 2⁻⁵¹¹ ≈ 1.49e-154. Its square, 2⁻¹⁰²², is the smallest normal float64;
// the square of a smaller weight would lose precision or underflow to 0,
// and an effective sample size computed from it could be infinite.
const MinWeight = 0x1p-511

// argument returns an error wrapping [ErrInvalidArgument] if s, given to a
// function as what, is nil or the zero WeightedSurvey, which has no scale.
func (s *WeightedSurvey) argument(what string) error {
	if s == nil || s.w == nil {
		return fmt.Errorf("%w: %s is a nil or zero-value weighted survey", ErrInvalidArgument, what)
	}
	return nil
}

// NewWeightedSurvey returns an empty WeightedSurvey on scale. It returns
// an error wrapping [ErrInvalidScale] if the scale is not valid.
func NewWeightedSurvey(scale Scale) (*WeightedSurvey, error) {
	if err := scale.Validate(); err != nil {
		return nil, err
	}
	n := scale.Points()
	return &WeightedSurvey{scale: scale, w: make([]float64, n)}, nil
}

// Scale returns the scale the WeightedSurvey tallies.
func (s *WeightedSurvey) Scale() Scale { return s.scale }

// Total returns the number of answers added, whatever their weights.
func (s *WeightedSurvey) Total() int64 { return s.total }

// Weight returns the sum of the weights of the answers equal to score, or
// 0 if score is not on the scale.
func (s *WeightedSurvey) Weight(score int) float64 {
	if !s.scale.Contains(score) || s.w == nil {
		return 0
	}
	return s.w[score-s.scale.Min]
}

// TotalWeight returns the sum of the weights of all answers.
func (s *WeightedSurvey) TotalWeight() float64 { return s.sumW }

// Add tallies one answer with the given weight. A weight of 0 counts the
// answer in [WeightedSurvey.Total] but in no figure. Add is O(1).
//
// Special cases are:
//
//	zero-value WeightedSurvey            ErrInvalidScale
//	score outside the scale              ErrOutOfRange
//	weight negative, NaN or infinite     ErrInvalidArgument
//	weight above 0 but below MinWeight   ErrInvalidArgument
//	the sum of all weights or of their
//	squares past float64, or the number
//	of answers past int64                ErrOverflow
func (s *WeightedSurvey) Add(score int, weight float64) error {
	if s.w == nil {
		return fmt.Errorf("%w: weighted survey has no scale (use NewWeightedSurvey)", ErrInvalidScale)
	}
	if !s.scale.Contains(score) {
		return fmt.Errorf("%w: score %d on scale %v", ErrOutOfRange, score, s.scale)
	}
	if !(weight >= 0 && weight <= math.MaxFloat64) {
		return fmt.Errorf("%w: weight %v of score %d (want finite and non-negative)", ErrInvalidArgument, weight, score)
	}
	if weight != 0 && weight < MinWeight {
		return fmt.Errorf("%w: weight %v of score %d below the smallest non-zero weight %v (scale the weights up)",
			ErrInvalidArgument, weight, score, MinWeight)
	}
	if s.total == math.MaxInt64 {
		return fmt.Errorf("%w: more than %d answers", ErrOverflow, s.total)
	}
	// A score's sum of weights cannot pass float64 unless the total
	// does: rounding is monotonic, so a float64 sum of non-negative terms
	// is never below the sum of some of them, added in the same order.
	tw, tw2 := s.sumW+weight, s.sumW2+weight*weight
	if math.IsInf(tw, 0) || math.IsInf(tw2, 0) {
		return fmt.Errorf("%w: weight %v of score %d takes the sum of weights (%v) or of their squares (%v) past float64",
			ErrOverflow, weight, score, s.sumW, s.sumW2)
	}
	s.w[score-s.scale.Min] += weight
	s.sumW, s.sumW2 = tw, tw2
	s.total++
	return nil
}

// Merge adds every answer of other to s, as if each had been added to s
// with [WeightedSurvey.Add]. other is not changed; s may be other.
//
// Special cases are:
//
//	other nil or zero-value          ErrInvalidArgument
//	s zero-value                     ErrInvalidScale
//	other on a different scale       ErrScaleMismatch
//	the sum of all weights or of their
//	squares past float64, or the number
//	of answers past int64            ErrOverflow
func (s *WeightedSurvey) Merge(other *WeightedSurvey) error {
	if err := other.argument("the survey merged"); err != nil {
		return err
	}
	if s.w == nil {
		return fmt.Errorf("%w: weighted survey has no scale (use NewWeightedSurvey)", ErrInvalidScale)
	}
	if s.scale != other.scale {
		return fmt.Errorf("%w: merging a weighted survey on %v into one on %v", ErrScaleMismatch, other.scale, s.scale)
	}
	if s.total > math.MaxInt64-other.total {
		return fmt.Errorf("%w: merging %d answers into %d", ErrOverflow, other.total, s.total)
	}
	tw, tw2 := s.sumW+other.sumW, s.sumW2+other.sumW2
	if math.IsInf(tw, 0) || math.IsInf(tw2, 0) {
		return fmt.Errorf("%w: merging weights %v (squares %v) into %v (squares %v) passes float64",
			ErrOverflow, other.sumW, other.sumW2, s.sumW, s.sumW2)
	}
	// As in Add, no score's sum can pass float64 when the total does not.
	for i := range s.w {
		s.w[i] += other.w[i]
	}
	s.sumW, s.sumW2 = tw, tw2
	s.total += other.total
	return nil
}

// EffectiveN returns Kish's effective sample size of the weighted answers,
//
//	n_eff = (Σ w)² / Σ w²
//
// the number of unweighted answers that would give an estimate of the
// same precision. It is the number of answers with non-zero weight when
// those weights are equal, and smaller the more unequal they are; it is
// at least 1. Source: Kish, Survey Sampling, Wiley, 1965, §11.7.
//
// Special cases are:
//
//	nil or zero-value                  ErrInvalidArgument
//	no answers, or every weight zero   ErrNoResponses
func (s *WeightedSurvey) EffectiveN() (float64, error) {
	if err := s.argument("s"); err != nil {
		return 0, err
	}
	if s.sumW == 0 {
		return 0, fmt.Errorf("%w: no answers with weight", ErrNoResponses)
	}
	return kish(s.sumW, s.sumW2), nil
}

// kish returns (w / sqrt(w2))², which cannot overflow where w² could, and
// is at least 1 as Σw² <= (Σw)² for non-negative weights. Add and Merge
// keep both sums finite, and every non-zero weight at least MinWeight, so
// w2 is at least 2⁻¹⁰²² when w > 0 and the result is finite: at most the
// number of answers.
func kish(w, w2 float64) float64 {
	r := w / math.Sqrt(w2)
	return math.Max(r*r, 1)
}

// WeightedNPSResult is a weighted Net Promoter Score: the sums of the
// weights of promoters, passives and detractors, and Kish's effective
// sample size for its interval.
//
// A WeightedNPSResult is a plain value; it is safe for concurrent use.
type WeightedNPSResult struct {
	Promoters  float64 // sum of the weights of answers of 9 or 10
	Passives   float64 // sum of the weights of answers of 7 or 8
	Detractors float64 // sum of the weights of answers of 0 to 6
	EffectiveN float64 // Kish's effective sample size, at least 1
	Score      float64 // the weighted NPS in points, -100 to 100
}

// WeightedNPS returns the weighted Net Promoter Score of a weighted survey
// on the 0-10 [NPSScale]:
//
//	NPS = 100 × (W promoters − W detractors) / W total
//
// where W is a sum of weights, in points from -100 to 100. With equal
// weights it is the [NPS] of the same answers. The result carries Kish's
// effective sample size ([WeightedSurvey.EffectiveN]) for its interval.
//
// Special cases are:
//
//	s nil or zero-value                ErrInvalidArgument
//	scale other than 0-10              ErrScaleMismatch
//	no answers, or every weight zero   ErrNoResponses
func WeightedNPS(s *WeightedSurvey) (WeightedNPSResult, error) {
	if err := s.argument("s"); err != nil {
		return WeightedNPSResult{}, err
	}
	if s.scale != NPSScale {
		return WeightedNPSResult{}, fmt.Errorf("%w: NPS needs scale %v, weighted survey is on %v", ErrScaleMismatch, NPSScale, s.scale)
	}
	ne, err := s.EffectiveN()
	if err != nil {
		return WeightedNPSResult{}, err
	}
	r := WeightedNPSResult{EffectiveN: ne}
	for i, w := range s.w {
		switch {
		case i >= 9:
			r.Promoters += w
		case i >= 7:
			r.Passives += w
		default:
			r.Detractors += w
		}
	}
	r.Score = 100 * ((r.Promoters - r.Detractors) / (r.Promoters + r.Passives + r.Detractors))
	return r, nil
}

// shares returns the shares of promoters, passives and detractors after
// checking that r could have come from [WeightedNPS].
func (r WeightedNPSResult) shares() (p, a, d float64, err error) {
	ok := func(x float64) bool { return x >= 0 && x <= math.MaxFloat64 }
	if !ok(r.Promoters) || !ok(r.Passives) || !ok(r.Detractors) {
		return 0, 0, 0, fmt.Errorf("%w: weights %v, %v, %v of promoters, passives, detractors",
			ErrInvalidArgument, r.Promoters, r.Passives, r.Detractors)
	}
	if !(r.EffectiveN >= 1 && r.EffectiveN <= math.MaxFloat64) {
		return 0, 0, 0, fmt.Errorf("%w: effective sample size %v (want at least 1)", ErrInvalidArgument, r.EffectiveN)
	}
	w := r.Promoters + r.Passives + r.Detractors
	if w == 0 {
		return 0, 0, 0, fmt.Errorf("%w: no weight", ErrNoResponses)
	}
	if math.IsInf(w, 0) {
		return 0, 0, 0, fmt.Errorf("%w: total weight past float64", ErrOverflow)
	}
	// + 0 turns a weight of −0 into 0, whose share would otherwise carry
	// its sign through to a standard error of −0.
	return r.Promoters/w + 0, r.Passives/w + 0, r.Detractors/w + 0, nil
}

// StdErr returns the standard error of the weighted NPS in points, the
// formula of [NPSResult.StdErr] with the weighted shares p and d and
// Kish's effective sample size in place of n:
//
//	SE = 100 × sqrt((p + d − (p − d)²) / n_eff)
//
// Sources: Rocks, The American Statistician 70(4), 2016; Kish, Survey
// Sampling, 1965.
//
// Special cases are:
//
//	a weight negative, NaN or infinite    ErrInvalidArgument
//	EffectiveN below 1, NaN or infinite   ErrInvalidArgument
//	all weights zero                      ErrNoResponses
//	the weights' sum past float64         ErrOverflow
func (r WeightedNPSResult) StdErr() (float64, error) {
	p, a, d, err := r.shares()
	if err != nil {
		return 0, err
	}
	_, se := npsMoments(p*r.EffectiveN, a*r.EffectiveN, d*r.EffectiveN, r.EffectiveN)
	return 100 * se, nil
}

// Interval returns the adjusted-Wald confidence interval for the weighted
// NPS, in points, at the given two-sided confidence: the interval of
// [NPSResult.Interval] computed on n_eff answers of which the weighted
// shares p and d are promoters and detractors,
//
//	n' = n_eff + 3,  p' = (p × n_eff + ¾) / n',  d' = (d × n_eff + ¾) / n'
//	interval = 100 × (p' − d' ± z × sqrt((p' + d' − (p' − d')²) / n'))
//
// clamped to [-100, 100]. Sources: Rocks, The American Statistician
// 70(4), 2016; Kish, Survey Sampling, 1965.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN      ErrInvalidArgument
//	a weight negative, NaN or infinite    ErrInvalidArgument
//	EffectiveN below 1, NaN or infinite   ErrInvalidArgument
//	all weights zero                      ErrNoResponses
//	the weights' sum past float64         ErrOverflow
func (r WeightedNPSResult) Interval(confidence float64) (Interval, error) {
	if err := checkConfidence(confidence); err != nil {
		return Interval{}, err
	}
	p, a, d, err := r.shares()
	if err != nil {
		return Interval{}, err
	}
	ne := r.EffectiveN
	nps, se := adjustedNPS(p*ne, a*ne, d*ne, ne)
	return npsInterval(nps, se, confidence), nil
}
