package cxmetrics

import (
	"fmt"
	"math"
)

// NPSResult is a Net Promoter Score with the counts it was computed from.
//
// An NPSResult is a plain value; it is safe for concurrent use.
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
	if err := s.argument("s"); err != nil {
		return NPSResult{}, err
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
	r := NPSResult{Promoters: promoters, Passives: passives, Detractors: detractors}
	n, err := checkNPS(r)
	if err != nil {
		return NPSResult{}, err
	}
	r.Score = percentOf(promoters-detractors, n)
	return r, nil
}

// checkNPS returns the total of r's counts, or an error unless they can be
// those of a survey: none negative, a total that fits in int64 and is not
// zero.
func checkNPS(r NPSResult) (n int64, err error) {
	if r.Promoters < 0 || r.Passives < 0 || r.Detractors < 0 {
		return 0, fmt.Errorf("%w: promoters %d, passives %d, detractors %d",
			ErrNegative, r.Promoters, r.Passives, r.Detractors)
	}
	if r.Promoters > math.MaxInt64-r.Passives || r.Promoters+r.Passives > math.MaxInt64-r.Detractors {
		return 0, fmt.Errorf("%w: promoters %d + passives %d + detractors %d",
			ErrOverflow, r.Promoters, r.Passives, r.Detractors)
	}
	n = r.Total()
	if n == 0 {
		return 0, fmt.Errorf("%w: no promoters, passives or detractors", ErrNoResponses)
	}
	return n, nil
}

// npsMoments returns the NPS on the -1..1 scale and its standard error
// for prom promoters, pas passives and det detractors of n answers
// (n = prom + pas + det):
//
//	nps = p − d,  se = sqrt(v / n)
//	v = p + d − (p − d)² = p(1 − p) + d(1 − d) + 2pd
//	  = p(a + d) + d(p + a) + 2pd
//
// with p, a and d the shares of promoters, passives and detractors. The
// last form is a sum of non-negative terms, so it keeps its full relative
// precision when one category holds nearly every answer, where
// p + d − (p − d)² would subtract two numbers near 1 and lose digits in
// proportion to n (all of them, giving 0, near n = 2⁶³). Each share is
// divided separately so that no sum of counts can overflow.
func npsMoments(prom, pas, det, n float64) (nps, se float64) {
	p, a, d := prom/n, pas/n, det/n
	v := p*(a+d) + d*(p+a) + 2*p*d
	return p - d, math.Sqrt(v / n)
}

// adjustedNPS returns the adjusted-Wald NPS and its standard error, on the
// -1..1 scale: ¾ is added to promoters and to detractors, 3/2 to passives,
// 3 to the total. The standard error is above 0 for any counts that fit
// in int64: v >= d'(p' + a') >= (¾ / n')(2¼ / n') with n' < 2⁶⁴, so v / n'
// is at least about 1e-57 and cannot underflow.
func adjustedNPS(prom, pas, det, n float64) (nps, se float64) {
	return npsMoments(prom+0.75, pas+1.5, det+0.75, n+3)
}

// StdErr returns the standard error of the NPS in points, by the plain
// (Wald) formula for the difference of two shares of one multinomial
// sample:
//
//	SE = 100 × sqrt((p + d − (p − d)²) / n)
//
// where p and d are the shares of promoters and detractors among the n
// answers. It lies from 0 (every answer in one category) to 100 / sqrt(n).
// Source: Rocks, "Interval Estimation for the Net Promoter Score", The
// American Statistician 70(4), 2016.
//
// This is the textbook figure, to report beside the score. Use
// [NPSResult.Interval] for an interval and [CompareNPS] for a test: both
// use the adjusted counts, which behave far better in small samples and
// never give a standard error of 0.
//
// Special cases are:
//
//	a negative count          ErrNegative
//	total past int64          ErrOverflow
//	all counts zero           ErrNoResponses
func (r NPSResult) StdErr() (float64, error) {
	n, err := checkNPS(r)
	if err != nil {
		return 0, err
	}
	_, se := npsMoments(float64(r.Promoters), float64(r.Passives), float64(r.Detractors), float64(n))
	return 100 * se, nil
}

// Interval returns the adjusted-Wald confidence interval for the NPS, in
// points, at the given two-sided confidence (0.95 for 95%):
//
//	n' = n + 3,  p' = (promoters + ¾) / n',  d' = (detractors + ¾) / n'
//	NPS' = p' − d',  SE' = sqrt((p' + d' − NPS'²) / n')
//	interval = 100 × (NPS' ± z × SE'),  z = Φ⁻¹((1 + confidence) / 2)
//
// clamped to [-100, 100]. The interval is centred on the adjusted score
// NPS', which lies closer to 0 than the observed score, and always
// contains it. It need not contain the observed score when the sample is
// small and the score extreme, and the lower the confidence the more
// often it does not: 10 promoters give [57.7, 96.2] at 80% confidence,
// which excludes their score of 100. Source: Rocks, "Interval Estimation for the Net
// Promoter Score", The American Statistician 70(4), 2016, which found the
// adjusted Wald the best of the methods compared; Lewis and Sauro,
// "Confidence Intervals for Net Promoter Scores", MeasuringU, 2021.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	a negative count                   ErrNegative
//	total past int64                   ErrOverflow
//	all counts zero                    ErrNoResponses
func (r NPSResult) Interval(confidence float64) (Interval, error) {
	if err := checkConfidence(confidence); err != nil {
		return Interval{}, err
	}
	n, err := checkNPS(r)
	if err != nil {
		return Interval{}, err
	}
	nps, se := adjustedNPS(float64(r.Promoters), float64(r.Passives), float64(r.Detractors), float64(n))
	return npsInterval(nps, se, confidence), nil
}

// npsInterval returns the interval 100 × (nps ± z × se) at confidence,
// clamped to [-100, 100], for an adjusted NPS and its standard error on
// the -1..1 scale.
func npsInterval(nps, se, confidence float64) Interval {
	z := normalTwoSided(confidence)
	est := 100 * nps
	return clampInterval(est-100*z*se, est+100*z*se, est, -100, 100)
}

// CompareNPS tests whether the NPS of b differs from that of a, two
// independent samples, by the adjusted-Wald z test:
//
//	Diff   = b.Score − a.Score
//	Center = 100 × (NPS'b − NPS'a)
//	StdErr = 100 × sqrt(SE'a² + SE'b²)
//	Z      = Center / StdErr
//	P      = 2 × (1 − Φ(|Z|))
//	Interval = Center ± z × StdErr, clamped to [-200, 200]
//
// where NPS' and SE' are the adjusted score and standard error of
// [NPSResult.Interval] (¾ added to promoters and to detractors, 3/2 to
// passives, 3 to the total, in each sample). Diff is the observed change
// in points; Center, the change in adjusted scores, is what Z, P and the
// interval are computed on, as in Rocks' NPS package for R. Each adjusted
// score lies closer to 0 than the observed one, so Center differs from
// Diff, Z is not Diff / StdErr, and in small samples the interval,
// centred on Center, may exclude Diff: one detractor in a
// and one promoter in b give Diff 200, Center 50, StdErr 53.0, Z 0.94 and
// a 95% interval of [-53.9, 153.9]. The adjustment keeps StdErr above 0
// for any counts, so Z is finite even when each sample is all promoters
// or all detractors. Source: Rocks, The American Statistician 70(4), 2016
// (the two-sample adjusted Wald of his NPS package); Lewis and Sauro, "How
// to Statistically Compare Two Net Promoter Scores", MeasuringU, 2021.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	a negative count                   ErrNegative
//	a total past int64                 ErrOverflow
//	a or b with no answers             ErrNoResponses
func CompareNPS(a, b NPSResult, confidence float64) (Comparison, error) {
	if err := checkConfidence(confidence); err != nil {
		return Comparison{}, err
	}
	na, err := checkNPS(a)
	if err != nil {
		return Comparison{}, fmt.Errorf("a: %w", err)
	}
	nb, err := checkNPS(b)
	if err != nil {
		return Comparison{}, fmt.Errorf("b: %w", err)
	}
	npsA, seA := adjustedNPS(float64(a.Promoters), float64(a.Passives), float64(a.Detractors), float64(na))
	npsB, seB := adjustedNPS(float64(b.Promoters), float64(b.Passives), float64(b.Detractors), float64(nb))
	se := 100 * math.Hypot(seA, seB)
	adj := 100 * (npsB - npsA)
	zs := adj / se
	z := normalTwoSided(confidence)
	return Comparison{
		Diff:     percentOf(b.Promoters-b.Detractors, nb) - percentOf(a.Promoters-a.Detractors, na),
		StdErr:   se,
		Z:        zs,
		P:        normalTwoSidedP(zs),
		Interval: clampInterval(adj-z*se, adj+z*se, adj, -200, 200),
		Center:   adj,
	}, nil
}

// CompareNPSToBenchmark tests whether the NPS of r differs from a
// benchmark score in points, such as an industry's published 30, by the
// adjusted-Wald z test with the variance of [NPSResult.Interval]:
//
//	Diff   = Score − benchmark
//	Center = 100 × NPS' − benchmark
//	StdErr = 100 × SE'
//	Z      = Center / StdErr,  P = 2 × (1 − Φ(|Z|))
//	Interval = r.Interval(confidence) − benchmark
//
// where NPS' and SE' are the adjusted score and standard error of
// [NPSResult.Interval] (¾ added to promoters and to detractors, 3/2 to
// passives, 3 to the total). The benchmark is taken as a fixed number,
// not a sample: for a benchmark measured on a sample of your own, use
// [CompareNPS]. The result follows the conventions of [Comparison] with
// the benchmark as a and r as b: Z is positive when r is above the
// benchmark, and Interval, the NPS interval shifted by the benchmark,
// excludes 0 exactly when P < 1 − confidence. It lies within
// [-100 − benchmark, 100 − benchmark]. Sources: Rocks, The American
// Statistician 70(4), 2016 (the adjusted-Wald variance); R's NPS package
// by the same author has a one-sample nps_test, which tests against 0
// only, with the plain Wald variance of [NPSResult.StdErr].
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN          ErrInvalidArgument
//	benchmark outside [-100, 100], or NaN     ErrOutOfRange
//	a negative count                          ErrNegative
//	total past int64                          ErrOverflow
//	all counts zero                           ErrNoResponses
func CompareNPSToBenchmark(r NPSResult, benchmark, confidence float64) (Comparison, error) {
	if err := checkConfidence(confidence); err != nil {
		return Comparison{}, err
	}
	if !(benchmark >= -100 && benchmark <= 100) {
		return Comparison{}, fmt.Errorf("%w: benchmark NPS %v outside -100 to 100 points", ErrOutOfRange, benchmark)
	}
	n, err := checkNPS(r)
	if err != nil {
		return Comparison{}, err
	}
	nps, se := adjustedNPS(float64(r.Promoters), float64(r.Passives), float64(r.Detractors), float64(n))
	iv := npsInterval(nps, se, confidence)
	center := 100*nps - benchmark + 0
	zs := center / (100 * se)
	return Comparison{
		Diff:     percentOf(r.Promoters-r.Detractors, n) - benchmark + 0,
		StdErr:   100 * se,
		Z:        zs,
		P:        normalTwoSidedP(zs),
		Interval: clampInterval(iv.Lo-benchmark, iv.Hi-benchmark, center, -100-benchmark, 100-benchmark),
		Center:   center,
	}, nil
}

// NPSSampleSize returns the number of answers needed for the NPS interval
// to have a margin of error (half-width) of at most margin points at the
// given confidence, when the survey is expected to find promoters percent
// promoters and detractors percent detractors:
//
//	n = ⌈z² × (p + d − (p − d)²) / (margin / 100)²⌉,  z = Φ⁻¹((1 + confidence) / 2)
//
// with p and d the expected shares (0 to 1). When nothing is known,
// promoters = detractors = 50 gives the largest variance, 1, and so a
// sample size that is always enough. The result is at least 1. It is
// the usual planning formula for a Wald interval (Cochran, Sampling
// Techniques, 1977), with the NPS variance of Rocks (2016); the
// adjusted-Wald interval of [NPSResult.Interval] needs about 3 fewer.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN          ErrInvalidArgument
//	margin not in (0, 200] or NaN             ErrInvalidArgument
//	promoters, detractors or their sum
//	outside 0-100, or NaN                     ErrOutOfRange
//	a size past int64                         ErrOverflow
func NPSSampleSize(promoters, detractors, margin, confidence float64) (int64, error) {
	if err := checkConfidence(confidence); err != nil {
		return 0, err
	}
	if !(margin > 0 && margin <= 200) {
		return 0, fmt.Errorf("%w: margin %v points outside (0, 200]", ErrInvalidArgument, margin)
	}
	if !(promoters >= 0 && detractors >= 0 && promoters+detractors <= 100) {
		return 0, fmt.Errorf("%w: %v%% promoters and %v%% detractors (each 0-100, sum at most 100)",
			ErrOutOfRange, promoters, detractors)
	}
	p, d := promoters/100, detractors/100
	v := p*(1-p) + d*(1-d) + 2*p*d // p + d − (p − d)², without cancellation
	return sampleSize(v, margin, confidence)
}
