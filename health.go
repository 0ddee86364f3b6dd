package cxmetrics

import (
	"fmt"
	"math"
	"strconv"
)

// HealthWeights are the weights of the five signals of a customer health
// score. Only their proportions matter: weights of 40, 20, 20, 10 and 10
// score the same as 4, 2, 2, 1 and 1. Each weight must be finite and 0 or
// more, and they must not all be 0. A weight of 0 leaves its signal out.
//
// HealthWeights is a plain value; it is safe for concurrent use.
type HealthWeights struct {
	Usage      float64 // product usage: logins, active seats, feature adoption
	Engagement float64 // engagement with the vendor: meetings, training, replies
	Support    float64 // support experience: tickets, escalations, bugs
	Sentiment  float64 // what the customer says: NPS, CSAT, survey answers
	Billing    float64 // paying on time, no failed payments or disputes
}

// HealthSignals are the five signals of a customer health score, each
// already scored from 0 (worst) to 100 (best), higher being healthier
// whatever the raw measure is; [NormalizeSignal] scores a raw value. NaN
// marks a signal that is not known for this customer: it drops out of the
// score and the other weights are renormalised.
//
// HealthSignals is a plain value; it is safe for concurrent use.
type HealthSignals struct {
	Usage      float64 // 0-100, or NaN if unknown
	Engagement float64 // 0-100, or NaN if unknown
	Support    float64 // 0-100, or NaN if unknown
	Sentiment  float64 // 0-100, or NaN if unknown
	Billing    float64 // 0-100, or NaN if unknown
}

// HealthContributions are the points each signal adds to a health score,
// wᵢ·sᵢ / Σ w over the known signals. They add up to the score (up to
// rounding). An unknown signal, or one of weight 0, contributes 0.
//
// HealthContributions is a plain value; it is safe for concurrent use.
type HealthContributions struct {
	Usage      float64
	Engagement float64
	Support    float64
	Sentiment  float64
	Billing    float64
}

// HealthResult is a customer health score with its band and the part of
// it each signal makes up.
//
// A HealthResult is a plain value; it is safe for concurrent use.
type HealthResult struct {
	Score         float64             // 0-100, the weighted mean of the known signals
	Band          Band                // the band of Score
	Contributions HealthContributions // each signal's points; they add up to Score
}

// Band is the traffic-light band of a health score.
//
// A Band is a plain value; it is safe for concurrent use.
type Band int

// The health bands, from least to most healthy. The zero Band is none of
// them.
const (
	BandRed    Band = iota + 1 // at risk
	BandYellow                 // needs attention
	BandGreen                  // healthy
)

// String returns "red", "yellow" or "green", or "Band(n)" for any other
// value.
func (b Band) String() string {
	switch b {
	case BandRed:
		return "red"
	case BandYellow:
		return "yellow"
	case BandGreen:
		return "green"
	}
	return "Band(" + strconv.Itoa(int(b)) + ")"
}

// HealthBands are the cutoffs between the bands of a health score: a
// score up to Red (inclusive) is [BandRed], a score up to Yellow is
// [BandYellow], and a score above Yellow is [BandGreen]. A valid HealthBands
// has 0 <= Red <= Yellow <= 100; Red == Yellow leaves no yellow band.
//
// HealthBands is a plain value; it is safe for concurrent use.
type HealthBands struct {
	Red    float64 // highest score that is red
	Yellow float64 // highest score that is yellow
}

// DefaultHealthBands are the bands of Gainsight's numeric 0-100 scoring
// scheme: 0-50 red, 51-75 yellow, 76-100 green. A score between 50 and 51
// is yellow and one between 75 and 76 is green.
var DefaultHealthBands = HealthBands{Red: 50, Yellow: 75}

// Validate reports whether hb are usable cutoffs. It returns an error
// wrapping [ErrInvalidArgument] unless 0 <= Red <= Yellow <= 100.
func (hb HealthBands) Validate() error {
	if !(hb.Red >= 0 && hb.Red <= hb.Yellow && hb.Yellow <= 100) {
		return fmt.Errorf("%w: health bands red up to %v, yellow up to %v (need 0 <= red <= yellow <= 100)",
			ErrInvalidArgument, hb.Red, hb.Yellow)
	}
	return nil
}

// Band returns the band of score.
//
// Special cases are:
//
//	invalid cutoffs          ErrInvalidArgument
//	score NaN                ErrInvalidArgument
//	score outside 0-100      ErrOutOfRange
func (hb HealthBands) Band(score float64) (Band, error) {
	if err := hb.Validate(); err != nil {
		return 0, err
	}
	if math.IsNaN(score) {
		return 0, fmt.Errorf("%w: health score NaN", ErrInvalidArgument)
	}
	if !(score >= 0 && score <= 100) {
		return 0, fmt.Errorf("%w: health score %v (need 0-100)", ErrOutOfRange, score)
	}
	switch {
	case score <= hb.Red:
		return BandRed, nil
	case score <= hb.Yellow:
		return BandYellow, nil
	}
	return BandGreen, nil
}

// HealthScore returns the customer health score of s with weights w, in
// the [DefaultHealthBands]. It is DefaultHealthBands.Score(s, w); see
// [HealthBands.Score].
func HealthScore(s HealthSignals, w HealthWeights) (HealthResult, error) {
	return DefaultHealthBands.Score(s, w)
}

// Score returns the customer health score of s with weights w, banded by
// hb. The score is the weighted mean of the known signals, as Gainsight,
// Totango and ChurnZero compute an overall score from their measures:
//
//	score = Σ wᵢ·sᵢ / Σ wᵢ    over the signals i that are not NaN
//
// An unknown signal drops out and the weights of the others are
// renormalised, so a customer is not marked down for data that is missing.
// The score lies between 0 and 100; the result also reports the band and
// each signal's contribution wᵢ·sᵢ / Σ wᵢ.
//
// Special cases are:
//
//	invalid cutoffs                                   ErrInvalidArgument
//	a weight negative, NaN or ±Inf                    ErrInvalidArgument
//	every weight 0                                    ErrInvalidArgument
//	a signal ±Inf or outside 0-100                    ErrOutOfRange
//	every signal of positive weight unknown (NaN)     ErrNoResponses
func (hb HealthBands) Score(s HealthSignals, w HealthWeights) (HealthResult, error) {
	if err := hb.Validate(); err != nil {
		return HealthResult{}, err
	}
	signals := [...]Signal{
		{Name: "usage", Score: s.Usage, Weight: w.Usage},
		{Name: "engagement", Score: s.Engagement, Weight: w.Engagement},
		{Name: "support", Score: s.Support, Weight: w.Support},
		{Name: "sentiment", Score: s.Sentiment, Weight: w.Sentiment},
		{Name: "billing", Score: s.Billing, Weight: w.Billing},
	}
	var c [len(signals)]float64
	score, err := weightedScore(signals[:], c[:])
	if err != nil {
		return HealthResult{}, err
	}
	band, err := hb.Band(score)
	if err != nil {
		return HealthResult{}, err
	}
	return HealthResult{
		Score: score,
		Band:  band,
		Contributions: HealthContributions{
			Usage: c[0], Engagement: c[1], Support: c[2], Sentiment: c[3], Billing: c[4],
		},
	}, nil
}

// Signal is one named, weighted signal of a health score with signals of
// the caller's choosing, for [WeightedScore].
//
// A Signal is a plain value; it is safe for concurrent use.
type Signal struct {
	Name   string  // names the signal in errors
	Score  float64 // 0-100, higher is healthier; NaN if unknown
	Weight float64 // finite, 0 or more; only proportions matter
}

// WeightedScore returns the weighted mean of the known signals, for health
// scores whose signals are not the five of [HealthSignals]:
//
//	score = Σ wᵢ·sᵢ / Σ wᵢ    over the signals i whose Score is not NaN
//
// Signal i contributes wᵢ·sᵢ / Σ wᵢ points to it. The score lies between 0
// and 100; band it with [HealthBands.Band]. The order of the signals does
// not matter beyond rounding.
//
// Special cases are:
//
//	no signals, or every weight 0                     ErrInvalidArgument
//	a weight negative, NaN or ±Inf                    ErrInvalidArgument
//	a score ±Inf or outside 0-100                     ErrOutOfRange
//	every signal of positive weight unknown (NaN)     ErrNoResponses
func WeightedScore(signals []Signal) (float64, error) {
	return weightedScore(signals, nil)
}

// weightedScore is WeightedScore that also stores each signal's
// contribution in contrib, if contrib is not nil; contrib must then be as
// long as signals. contrib is written only on success.
func weightedScore(signals []Signal, contrib []float64) (float64, error) {
	// Weights are divided by the largest weight of a known signal before
	// they are summed, so that no sum or product can overflow however
	// large the weights are, and no known signal's weight underflows to 0
	// beside an unknown one's.
	var maxW, maxKnown float64
	for _, sg := range signals {
		if !(sg.Weight >= 0 && sg.Weight <= math.MaxFloat64) {
			return 0, fmt.Errorf("%w: weight %v of signal %q (need finite and 0 or more)", ErrInvalidArgument, sg.Weight, sg.Name)
		}
		if !math.IsNaN(sg.Score) && !(sg.Score >= 0 && sg.Score <= 100) {
			return 0, fmt.Errorf("%w: signal %q scores %v (need 0-100, or NaN if unknown)", ErrOutOfRange, sg.Name, sg.Score)
		}
		maxW = max(maxW, sg.Weight)
		if !math.IsNaN(sg.Score) {
			maxKnown = max(maxKnown, sg.Weight)
		}
	}
	if maxW == 0 {
		return 0, fmt.Errorf("%w: %d signals, every weight 0", ErrInvalidArgument, len(signals))
	}
	if maxKnown == 0 {
		return 0, fmt.Errorf("%w: every signal with a weight is unknown", ErrNoResponses)
	}
	// The known signal of weight maxKnown adds 1 to sumW, so sumW >= 1.
	var sumW, sum float64
	for _, sg := range signals {
		if math.IsNaN(sg.Score) {
			continue
		}
		wn := sg.Weight / maxKnown
		sumW += wn
		sum += wn * sg.Score
	}
	if contrib != nil {
		for i, sg := range signals {
			contrib[i] = 0
			if !math.IsNaN(sg.Score) {
				// + 0 turns the −0 of a weight or a score of −0 into 0.
				contrib[i] = sg.Weight/maxKnown*sg.Score/sumW + 0
			}
		}
	}
	// A mean of values in [0, 100] lies in [0, 100]; the clamp only
	// undoes rounding at the ends.
	return min(max(sum/sumW, 0), 100), nil
}

// NormalizeSignal scores a raw measure 0-100 for a health signal: value at
// worst scores 0, value at best scores 100, and values between score
// linearly, clamped outside:
//
//	score = 100 × (value − worst) / (best − worst),    clamped to 0-100
//
// This is min-max scaling, the usual way raw measures are put on one
// 0-100 scale before they are weighted into a health score. The direction follows from the bounds. For a measure where more is
// healthier (logins per week) give worst < best, NormalizeSignal(logins, 0,
// 20); for one where less is healthier (open support tickets) give
// worst > best, NormalizeSignal(tickets, 10, 0).
//
// Special cases are:
//
//	value, worst or best NaN or ±Inf     ErrInvalidArgument
//	worst == best                        ErrInvalidArgument
func NormalizeSignal(value, worst, best float64) (float64, error) {
	for _, v := range [...]float64{value, worst, best} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("%w: value %v between worst %v and best %v", ErrInvalidArgument, value, worst, best)
		}
	}
	if worst == best {
		return 0, fmt.Errorf("%w: worst %v equals best", ErrInvalidArgument, worst)
	}
	// Finite distinct floats have a non-zero difference, so den is not 0.
	// It overflows only for bounds far apart, whose halves are exact and
	// cannot; an overflowing num alone gives ±Inf, which the clamp takes.
	num, den := value-worst, best-worst
	if math.IsInf(den, 0) {
		num, den = value/2-worst/2, best/2-worst/2
	}
	return min(max(100*(num/den), 0), 100), nil
}
