package cxmetrics

import (
	"fmt"
	"math"
)

// CSATResult is a customer satisfaction score with the counts it was
// computed from.
//
// A CSATResult is a plain value; it is safe for concurrent use.
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
	if err := s.argument("s"); err != nil {
		return CSATResult{}, err
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

// checkCSAT returns an error unless r's counts can be those of a survey.
func checkCSAT(r CSATResult) error {
	switch {
	case r.Satisfied < 0 || r.Total < 0:
		return fmt.Errorf("%w: %d satisfied of %d", ErrNegative, r.Satisfied, r.Total)
	case r.Total == 0:
		return fmt.Errorf("%w: CSAT of no answers", ErrNoResponses)
	case r.Satisfied > r.Total:
		return fmt.Errorf("%w: %d satisfied of %d answers", ErrInconsistent, r.Satisfied, r.Total)
	}
	return nil
}

// wilson returns the Wilson score interval for x successes in n trials,
// on the 0..1 scale, with z the two-sided normal quantile.
func wilson(x, n, z float64) (lo, hi float64) {
	p := x / n
	z2 := z * z
	den := 1 + z2/n
	centre := (p + z2/(2*n)) / den
	half := z / den * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	iv := clampInterval(centre-half, centre+half, p, 0, 1)
	return iv.Lo, iv.Hi
}

// Interval returns the Wilson score confidence interval for the CSAT, in
// percent, at the given two-sided confidence (0.95 for 95%):
//
//	p = Satisfied / Total,  n = Total,  z = Φ⁻¹((1 + confidence) / 2)
//	centre = (p + z²/2n) / (1 + z²/n)
//	half   = z / (1 + z²/n) × sqrt(p(1 − p)/n + z²/4n²)
//	interval = 100 × (centre ± half)
//
// It lies within [0, 100] and always contains Score, also when every
// answer or none is satisfied, where the textbook Wald interval collapses
// to a point. Source: Wilson, "Probable Inference, the Law of Succession,
// and Statistical Inference", JASA 22, 1927; recommended by Agresti and
// Coull, The American Statistician 52, 1998, and by Brown, Cai and
// DasGupta, Statistical Science 16, 2001. It is R's
// binom.confint(method = "wilson") and prop.test(correct = FALSE).
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	a negative count                   ErrNegative
//	Total zero                         ErrNoResponses
//	Satisfied above Total              ErrInconsistent
func (r CSATResult) Interval(confidence float64) (Interval, error) {
	if err := checkConfidence(confidence); err != nil {
		return Interval{}, err
	}
	if err := checkCSAT(r); err != nil {
		return Interval{}, err
	}
	lo, hi := wilson(float64(r.Satisfied), float64(r.Total), normalTwoSided(confidence))
	return Interval{Lo: 100 * lo, Hi: 100 * hi}, nil
}

// CompareCSAT tests whether the CSAT of b differs from that of a, two
// independent samples, by the two-proportion z test, and gives Newcombe's
// hybrid score interval for the difference:
//
//	Diff   = 100 × (pb − pa)
//	pooled = (Satisfied a + Satisfied b) / (Total a + Total b)
//	StdErr = 100 × sqrt(pooled (1 − pooled) (1/na + 1/nb))
//	Z      = Diff / StdErr,  P = 2 × (1 − Φ(|Z|))
//	Interval = Diff − 100 × sqrt((pb − lb)² + (ua − pa)²)
//	       to  Diff + 100 × sqrt((ub − pb)² + (pa − la)²)
//
// where [la, ua] and [lb, ub] are the Wilson intervals of a and b (see
// [CSATResult.Interval]). StdErr is the standard error under the
// hypothesis of no difference, the one the test uses; Z² is Pearson's
// chi-squared without continuity correction, R's
// prop.test(correct = FALSE). When StdErr is 0 both samples are all
// satisfied or all not, Diff is 0, and Z is 0 with P = 1. The interval
// lies within [-100, 100] and contains Diff. Sources: Fleiss, Levin and
// Paik, Statistical Methods for Rates and Proportions, 3rd ed., 2003
// (the z test); Newcombe, "Interval Estimation for the Difference Between
// Independent Proportions", Statistics in Medicine 17, 1998, method 10.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	a negative count                   ErrNegative
//	a or b with no answers             ErrNoResponses
//	Satisfied above Total              ErrInconsistent
//	a total past int64                 ErrOverflow
func CompareCSAT(a, b CSATResult, confidence float64) (Comparison, error) {
	if err := checkConfidence(confidence); err != nil {
		return Comparison{}, err
	}
	if err := checkCSAT(a); err != nil {
		return Comparison{}, fmt.Errorf("a: %w", err)
	}
	if err := checkCSAT(b); err != nil {
		return Comparison{}, fmt.Errorf("b: %w", err)
	}
	if a.Total > math.MaxInt64-b.Total {
		return Comparison{}, fmt.Errorf("%w: %d + %d answers", ErrOverflow, a.Total, b.Total)
	}
	na, nb := float64(a.Total), float64(b.Total)
	pa, pb := float64(a.Satisfied)/na, float64(b.Satisfied)/nb
	pooled := float64(a.Satisfied+b.Satisfied) / float64(a.Total+b.Total)
	se := 100 * math.Sqrt(math.Max(pooled*(1-pooled), 0)*(1/na+1/nb))
	diff := 100 * (pb - pa)
	var zs float64
	if se > 0 {
		zs = diff / se
	}
	z := normalTwoSided(confidence)
	la, ua := wilson(float64(a.Satisfied), na, z)
	lb, ub := wilson(float64(b.Satisfied), nb, z)
	lo := diff - 100*math.Hypot(pb-lb, ua-pa)
	hi := diff + 100*math.Hypot(ub-pb, pa-la)
	return Comparison{
		Diff:     diff,
		StdErr:   se,
		Z:        zs,
		P:        normalTwoSidedP(zs),
		Interval: clampInterval(lo, hi, diff, -100, 100),
		Center:   diff,
	}, nil
}

// CSATSampleSize returns the number of answers needed for a CSAT interval
// to have a margin of error (half-width) of at most margin percentage
// points at the given confidence, when the CSAT is expected to be near
// expected percent:
//
//	n = ⌈z² × p (1 − p) / (margin / 100)²⌉,  p = expected / 100
//
// When nothing is known, expected = 50 gives the largest variance and so
// a size that is always enough. The result is at least 1. Source: Cochran,
// Sampling Techniques, 3rd ed., 1977, (4.2); the Wilson interval of
// [CSATResult.Interval] is never wider than this margin at p = 50.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	margin not in (0, 100] or NaN      ErrInvalidArgument
//	expected outside 0-100 or NaN      ErrOutOfRange
//	a size past int64                  ErrOverflow
func CSATSampleSize(expected, margin, confidence float64) (int64, error) {
	if err := checkConfidence(confidence); err != nil {
		return 0, err
	}
	if !(margin > 0 && margin <= 100) {
		return 0, fmt.Errorf("%w: margin %v points outside (0, 100]", ErrInvalidArgument, margin)
	}
	if !(expected >= 0 && expected <= 100) {
		return 0, fmt.Errorf("%w: expected CSAT %v%% outside 0-100", ErrOutOfRange, expected)
	}
	p := expected / 100
	return sampleSize(p*(1-p), margin, confidence)
}
