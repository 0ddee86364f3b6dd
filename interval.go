package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds what every sampled figure's uncertainty is reported in
// (Interval, Comparison) and the checks and helpers that NPS, CSAT and CES
// share to compute it.

// Interval is a two-sided confidence interval, Lo to Hi, in the units of
// the figure it belongs to: points for NPS, percent for CSAT, the survey's
// own scale for a CES mean. Every interval this package returns has
// Lo <= Hi and lies within the range the figure can take.
//
// An Interval is a plain value; it is safe for concurrent use.
type Interval struct {
	Lo float64 // lower limit
	Hi float64 // upper limit
}

// Contains reports whether x lies in the closed interval [Lo, Hi]. A
// comparison whose Interval does not contain 0 is significant at the
// interval's confidence.
func (i Interval) Contains(x float64) bool { return x >= i.Lo && x <= i.Hi }

// Comparison is the result of comparing a figure measured on two
// independent samples a and b, such as last quarter's NPS and this
// quarter's.
//
// Z, P and Interval are computed on Center, the difference the test is
// about, with Z = Center / StdErr. For CSAT and CES, Center is Diff. For
// NPS it is the difference of the adjusted-Wald scores (see [CompareNPS]),
// which differs from Diff: Z is then not Diff / StdErr, and in small
// samples Interval may exclude Diff.
//
// A Comparison is a plain value; it is safe for concurrent use.
type Comparison struct {
	Diff     float64  // b minus a, in the figure's own units (points, or percentage points)
	StdErr   float64  // standard error of the difference, in the same units
	Z        float64  // test statistic, Center / StdErr; positive when b is above a
	P        float64  // two-sided p-value, 0 to 1
	Interval Interval // confidence interval for the difference, around Center, at the requested confidence
	Center   float64  // the difference the statistics are computed on: the adjusted Δ for NPS, Diff elsewhere
}

// Significant reports whether the difference is significant at level
// alpha, that is whether P < alpha. It is false for an alpha outside
// (0, 1) or NaN.
func (c Comparison) Significant(alpha float64) bool {
	return alpha > 0 && alpha < 1 && c.P < alpha
}

// checkConfidence returns an error wrapping [ErrInvalidArgument] unless
// 0 < c < 1. NaN fails the check.
func checkConfidence(c float64) error {
	if !(c > 0 && c < 1) {
		return fmt.Errorf("%w: confidence %v outside (0, 1)", ErrInvalidArgument, c)
	}
	return nil
}

// clampInterval returns [lo, hi] limited to [min, max] and widened, if
// rounding left it short, to contain est. A limit of −0 (a mean of −0
// with no spread) comes back as 0.
func clampInterval(lo, hi, est, min, max float64) Interval {
	lo, hi = math.Min(lo, est), math.Max(hi, est)
	return Interval{Lo: math.Max(lo, min) + 0, Hi: math.Min(hi, max) + 0}
}

// sampleSize returns ⌈(100 z √v / margin)²⌉, at least 1, the sample
// size for variance v (on the 0..1 scale) and a margin in points. It is
// written so that nothing underflows or overflows before the result does:
// a variance of 0 needs 1 answer whatever the margin, and a size past
// int64 is ErrOverflow with the limit, not an infinity, in the message.
func sampleSize(v, margin, confidence float64) (int64, error) {
	if v == 0 {
		return 1, nil
	}
	z := normalTwoSided(confidence)
	r := 100 * z * math.Sqrt(v) / margin
	n := math.Ceil(r * r)
	if !(n < math.MaxInt64) {
		return 0, fmt.Errorf("%w: more than %d answers needed for a margin of %v points at confidence %v",
			ErrOverflow, int64(math.MaxInt64), margin, confidence)
	}
	return max(int64(n), 1), nil
}
