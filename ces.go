package cxmetrics

import (
	"fmt"
	"math"
	"math/bits"
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
	if err := s.argument("s"); err != nil {
		return CESResult{}, err
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

// sumSquaredDeviations returns Σ count × (answer − mean)² over the survey,
// computed exactly in integers up to one final rounding. With offsets i
// from the scale's Min, S = Σ c·i and M = Σ c·i² (both 128-bit), and
// S = q·n + r with 0 <= r < n,
//
//	Σ c (i − S/n)² = M − q²n − 2qr − r²/n
//
// and with r² = Q·n + R, 0 <= R < n, that is K − R/n for the integer
// K = M − q²n − 2qr − Q. When R > 0, K >= 1 and the sum is
// (K − 1) + (n − R)/n, two non-negative terms, so no cancellation can
// occur however close the answers are. s must have answers.
func sumSquaredDeviations(s *Survey) float64 {
	sum, squares := s.offsetSum(1), s.offsetSum(2)
	n := uint64(s.total)
	q, r := bits.Div64(sum.hi, sum.lo, n) // S/n < points, so S.hi < n
	// K = M − q²·n − 2·q·r − Q, each product below 2¹²⁸.
	k := squares.minus(mul(q*q, n)).minus(mul(2*q, r))
	r2 := mul(r, r)
	bigQ, bigR := bits.Div64(r2.hi, r2.lo, n) // r² / n < r < n
	k = k.minus(u128{lo: bigQ})
	if bigR == 0 {
		return k.float64()
	}
	return k.minus(u128{lo: 1}).float64() + float64(n-bigR)/float64(n)
}

// checkCES returns an error unless r holds what a t interval needs.
func checkCES(r CESResult) error {
	switch {
	case r.Total < 0:
		return fmt.Errorf("%w: %d answers", ErrNegative, r.Total)
	case r.Total < 2:
		return fmt.Errorf("%w: a CES interval needs at least 2 answers, have %d", ErrNoResponses, r.Total)
	}
	if err := r.Scale.Validate(); err != nil {
		return err
	}
	if !(r.Mean >= float64(r.Scale.Min) && r.Mean <= float64(r.Scale.Max)) {
		return fmt.Errorf("%w: mean %v on scale %v", ErrOutOfRange, r.Mean, r.Scale)
	}
	if !(r.StdDev >= 0 && r.StdDev <= float64(r.Scale.Max-r.Scale.Min)) {
		return fmt.Errorf("%w: standard deviation %v on scale %v", ErrInvalidArgument, r.StdDev, r.Scale)
	}
	return nil
}

// Interval returns the Student's t confidence interval for the mean CES
// answer, on the survey's own scale, at the given two-sided confidence
// (0.95 for 95%):
//
//	interval = Mean ± t × StdDev / sqrt(n),  t = T⁻¹ₙ₋₁((1 + confidence) / 2)
//
// where T⁻¹ₙ₋₁ is the quantile of Student's t distribution with n − 1
// degrees of freedom, clamped to the scale's [Min, Max]. The t quantile,
// not the normal one, keeps the coverage right in the small samples CES
// often has: at n = 5 the 95% t quantile is 2.776, not 1.960. When every
// answer is the same, StdDev is 0 and the interval is the point Mean.
// Source: "Student" (Gosset), "The Probable Error of a Mean", Biometrika
// 6, 1908; the quantile is computed from the regularized incomplete beta
// function (Numerical Recipes, 3rd ed., 2007, §6.4 and §6.14) to within
// 1e-9.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN          ErrInvalidArgument
//	Total negative                            ErrNegative
//	Total 0 or 1 (no variance from one answer) ErrNoResponses
//	Scale not valid                           ErrInvalidScale
//	Mean outside the scale, or NaN            ErrOutOfRange
//	StdDev negative, NaN or past the scale    ErrInvalidArgument
func (r CESResult) Interval(confidence float64) (Interval, error) {
	if err := checkConfidence(confidence); err != nil {
		return Interval{}, err
	}
	if err := checkCES(r); err != nil {
		return Interval{}, err
	}
	n := float64(r.Total)
	t := tQuantileTwoSided(confidence, n-1)
	half := t * r.StdDev / math.Sqrt(n)
	return clampInterval(r.Mean-half, r.Mean+half, r.Mean, float64(r.Scale.Min), float64(r.Scale.Max)), nil
}

// CESComparison is the result of [CompareCES]: a [Comparison] whose Z
// field holds Welch's t statistic, with the Welch–Satterthwaite degrees of
// freedom the p-value and interval were computed with.
//
// A CESComparison is a plain value; it is safe for concurrent use.
type CESComparison struct {
	Comparison
	DF float64 // Welch–Satterthwaite degrees of freedom, at least min(na, nb) − 1
}

// CompareCES tests whether the mean CES answer of b differs from that of
// a, two independent samples on the same scale, by Welch's t test:
//
//	va = sa² / na,  vb = sb² / nb
//	Diff   = Mean b − Mean a
//	StdErr = sqrt(va + vb)
//	Z      = Diff / StdErr   (Welch's t statistic, not a z)
//	DF     = (va + vb)² / (va² / (na − 1) + vb² / (nb − 1))
//	P      = 2 × (1 − Tdf(|Z|))
//	Interval = Diff ± T⁻¹df((1 + confidence) / 2) × StdErr
//
// clamped to ±(Max − Min) of the scale. Welch's test does not assume the
// two samples have the same variance, and is R's default t.test. When
// both standard deviations are 0 and the means are equal, Z is 0 and P 1.
// Sources: Welch, "The Generalization of 'Student's' Problem when Several
// Different Population Variances are Involved", Biometrika 34, 1947;
// Satterthwaite, Biometrics Bulletin 2, 1946.
//
// StdErr and DF are computed in the scale-free forms
//
//	StdErr = hypot(sa / √na, sb / √nb)
//	DF     = 1 / (ra⁴ / (na − 1) + rb⁴ / (nb − 1)),  ra = (sa / √na) / StdErr, rb likewise
//
// so that no square of a small standard deviation underflows: the
// textbook forms give DF = 0/0 = NaN for standard deviations near 1e-160.
//
// Compare results of the same Direction: the mean keeps the direction of
// its scale, and this function cannot tell.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN            ErrInvalidArgument
//	a or b with a negative Total                ErrNegative
//	a or b with fewer than 2 answers            ErrNoResponses
//	a or b with a Scale that is not valid       ErrInvalidScale
//	a or b with its Mean outside its Scale,
//	or NaN                                      ErrOutOfRange
//	a or b with its StdDev negative, NaN or
//	past the width of its Scale                 ErrInvalidArgument
//	a and b on different scales                 ErrScaleMismatch
//	both StdDev 0 with different means (no
//	variance to test against), or StdDevs so
//	small that Z is past float64                ErrInvalidArgument
func CompareCES(a, b CESResult, confidence float64) (CESComparison, error) {
	if err := checkConfidence(confidence); err != nil {
		return CESComparison{}, err
	}
	if err := checkCES(a); err != nil {
		return CESComparison{}, fmt.Errorf("a: %w", err)
	}
	if err := checkCES(b); err != nil {
		return CESComparison{}, fmt.Errorf("b: %w", err)
	}
	if a.Scale != b.Scale {
		return CESComparison{}, fmt.Errorf("%w: comparing CES on %v with CES on %v", ErrScaleMismatch, a.Scale, b.Scale)
	}
	na, nb := float64(a.Total), float64(b.Total)
	ea, eb := a.StdDev/math.Sqrt(na), b.StdDev/math.Sqrt(nb) // standard errors of the means
	se := math.Hypot(ea, eb)
	diff := b.Mean - a.Mean + 0 // + 0: means of −0 and 0 differ by 0, not −0
	width := float64(a.Scale.Max - a.Scale.Min)
	if se == 0 {
		if diff != 0 {
			return CESComparison{}, fmt.Errorf("%w: means %v and %v with standard deviations %v and %v, no variance to test against",
				ErrInvalidArgument, a.Mean, b.Mean, a.StdDev, b.StdDev)
		}
		return CESComparison{Comparison: Comparison{P: 1}, DF: na + nb - 2}, nil
	}
	ts := diff / se
	if math.IsInf(ts, 0) {
		return CESComparison{}, fmt.Errorf("%w: means %v and %v with standard deviations %v and %v, t statistic past float64",
			ErrInvalidArgument, a.Mean, b.Mean, a.StdDev, b.StdDev)
	}
	ra, rb := ea/se, eb/se // ra² + rb² = 1
	df := 1 / (ra*ra*ra*ra/(na-1) + rb*rb*rb*rb/(nb-1))
	half := tQuantileTwoSided(confidence, df) * se
	return CESComparison{
		Comparison: Comparison{
			Diff:     diff,
			StdErr:   se,
			Z:        ts,
			P:        tTwoSidedP(ts, df),
			Interval: clampInterval(diff-half, diff+half, diff, -width, width),
			Center:   diff,
		},
		DF: df,
	}, nil
}
