package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds the trend tests over an ordered series of periods:
// Cochran–Armitage for CSAT, a weighted least-squares line for NPS and
// CES.

// Trend is a linear trend over an ordered series of equally spaced
// periods (months, quarters): the change of a figure per period, with its
// uncertainty. A comparison of the last two periods says whether they
// differ; a trend uses every period to say whether the figure is moving.
//
// A Trend is a plain value; it is safe for concurrent use.
type Trend struct {
	Slope    float64  // change per period, in the figure's units: points for NPS, percentage points for CSAT, the survey's scale for CES
	StdErr   float64  // standard error of Slope, in the same units
	Z        float64  // test statistic, Slope / StdErr, positive for a rising trend; for CSAT, Z² is the Cochran–Armitage chi-squared
	P        float64  // two-sided p-value of no trend, 0 to 1
	Interval Interval // Slope ± z × StdErr at the requested confidence, z = Φ⁻¹((1 + confidence) / 2)
	Periods  int      // number of periods the trend is computed over
}

// checkTrend returns an error unless confidence lies in (0, 1) and there
// are at least two periods, the arguments every trend test shares.
func checkTrend(k int, confidence float64) error {
	if err := checkConfidence(confidence); err != nil {
		return err
	}
	if k < 2 {
		return fmt.Errorf("%w: a trend needs at least 2 periods, have %d", ErrInvalidArgument, k)
	}
	return nil
}

// CSATTrend tests for a linear trend in the CSAT of an ordered series of
// periods (oldest first, equally spaced) by the Cochran–Armitage test,
// with the periods scored 1, 2, …, k. With xᵢ satisfied of nᵢ answers in
// period i, pᵢ = xᵢ / nᵢ and N = Σ nᵢ,
//
//	p̄ = Σ xᵢ / N,  t̄ = Σ nᵢ i / N,  Sₜₜ = Σ nᵢ (i − t̄)²
//	b = Σ nᵢ (i − t̄)(pᵢ − p̄) / Sₜₜ
//	Slope  = 100 × b                         (percentage points per period)
//	StdErr = 100 × sqrt(p̄ (1 − p̄) / Sₜₜ)
//	Z = Slope / StdErr,  P = 2 × (1 − Φ(|Z|))
//	Interval = Slope ± z × StdErr, clamped to [-100, 100]
//
// b is the slope of the least-squares line through the periods' CSATs
// weighted by their numbers of answers, and Z² is the Cochran–Armitage
// chi-squared on 1 degree of freedom, R's prop.trend.test(x, n). StdErr
// is the standard error under the hypothesis of no trend, the one the
// test uses, and the interval uses it too, so that it excludes 0 exactly
// when P < 1 − confidence. When every answer of every period is satisfied,
// or none is, StdErr is 0, Slope is 0, and Z is 0 with P = 1. With two
// periods the test is [CompareCSAT]'s z test. Sources: Cochran, "Some
// Methods for Strengthening the Common χ² Tests", Biometrics 10, 1954;
// Armitage, "Tests for Linear Trends in Proportions and Frequencies",
// Biometrics 11, 1955; R Core Team, prop.trend.test (stats package).
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	fewer than 2 periods               ErrInvalidArgument
//	periods[i] with a negative count   ErrNegative, naming i
//	periods[i] with no answers         ErrNoResponses, naming i
//	periods[i] with Satisfied > Total  ErrInconsistent, naming i
//	answers of all periods past int64  ErrOverflow
func CSATTrend(periods []CSATResult, confidence float64) (Trend, error) {
	if err := checkTrend(len(periods), confidence); err != nil {
		return Trend{}, err
	}
	var sat, total int64
	for i, r := range periods {
		if err := checkCSAT(r); err != nil {
			return Trend{}, fmt.Errorf("periods[%d]: %w", i, err)
		}
		if total > math.MaxInt64-r.Total {
			return Trend{}, fmt.Errorf("%w: periods[%d] takes the answers past %d", ErrOverflow, i, int64(math.MaxInt64))
		}
		sat += r.Satisfied
		total += r.Total
	}
	n := float64(total)
	pbar := float64(sat) / n
	qbar := float64(total-sat) / n // 1 − p̄ without cancellation
	var tbar float64
	for i, r := range periods {
		tbar += float64(r.Total) / n * float64(i+1)
	}
	var stt, sty float64
	for i, r := range periods {
		d := float64(i+1) - tbar
		stt += float64(r.Total) * d * d
		sty += float64(r.Total) * d * (float64(r.Satisfied)/float64(r.Total) - pbar)
	}
	// stt > 0: at least two periods have answers, at different scores.
	// The slope is a weighted mean of the slopes between pairs of
	// periods, each within ±100 points a period; the clamp undoes
	// rounding past that (−100.00000000000001 from 100% to 0%).
	slope := min(max(100*sty/stt, -100), 100)
	se := 100 * math.Sqrt(pbar*qbar/stt)
	if se == 0 {
		// No variance: every pᵢ equals p̄, 0 or 1, and sty is 0.
		return Trend{Interval: Interval{}, P: 1, Periods: len(periods)}, nil
	}
	zs := slope / se
	z := normalTwoSided(confidence)
	return Trend{
		Slope:    slope + 0,
		StdErr:   se,
		Z:        zs + 0,
		P:        normalTwoSidedP(zs),
		Interval: clampInterval(slope-z*se, slope+z*se, slope, -100, 100),
		Periods:  len(periods),
	}, nil
}

// NPSTrend tests for a linear trend in the NPS of an ordered series of
// periods (oldest first, equally spaced) by weighted least squares on
// each period's adjusted-Wald score, weighted by the inverse of its
// variance, the one of [NPSResult.Interval]. With yᵢ = 100 × NPS'ᵢ and
// sᵢ = 100 × SE'ᵢ for period i = 1, …, k (NPS' and SE' as in
// [NPSResult.Interval]: ¾ added to promoters and to detractors, 3/2 to
// passives, 3 to the total),
//
//	wᵢ = 1 / sᵢ²,  t̄ = Σ wᵢ i / Σ wᵢ,  Sₜₜ = Σ wᵢ (i − t̄)²
//	Slope  = Σ wᵢ (i − t̄) yᵢ / Sₜₜ          (points per period)
//	StdErr = 1 / sqrt(Sₜₜ)
//	Z = Slope / StdErr,  P = 2 × (1 − Φ(|Z|))
//	Interval = Slope ± z × StdErr, clamped to [-200, 200]
//
// The variances are taken as known, so the test is a z test on the slope
// (not a t test on k − 2 degrees of freedom): the periods' scores are
// assumed to lie on a line but for their sampling error, and a trend
// that wanders more than sampling explains gives a P too small. With two
// periods, Slope and StdErr are the Center and StdErr of [CompareNPS].
// The adjusted variance is above 0 for any counts, so every period has a
// weight. Sources: Rocks, The American Statistician 70(4), 2016 (the
// adjusted-Wald variance); weighted least squares with known variances,
// Draper and Smith, Applied Regression Analysis, 3rd ed., 1998, §9.2;
// marketr's nps_trend fits a trend to per-period NPS.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	fewer than 2 periods               ErrInvalidArgument
//	periods[i] with a negative count   ErrNegative, naming i
//	periods[i] with a total past int64 ErrOverflow, naming i
//	periods[i] with no answers         ErrNoResponses, naming i
func NPSTrend(periods []NPSResult, confidence float64) (Trend, error) {
	if err := checkTrend(len(periods), confidence); err != nil {
		return Trend{}, err
	}
	ys := make([]float64, len(periods))
	ses := make([]float64, len(periods))
	for i, r := range periods {
		n, err := checkNPS(r)
		if err != nil {
			return Trend{}, fmt.Errorf("periods[%d]: %w", i, err)
		}
		y, s := adjustedNPS(float64(r.Promoters), float64(r.Passives), float64(r.Detractors), float64(n))
		ys[i], ses[i] = 100*y, 100*s
	}
	return wlsTrend(ys, ses, confidence, 200)
}

// CESTrend tests for a linear trend in the mean CES answer of an ordered
// series of periods (oldest first, equally spaced, all on one scale) by
// weighted least squares on each period's mean, weighted by the inverse
// of its variance, StdDev² / Total, the one of [CESResult.Interval]:
//
//	yᵢ = Meanᵢ,  sᵢ = StdDevᵢ / sqrt(Totalᵢ),  wᵢ = 1 / sᵢ²
//	t̄ = Σ wᵢ i / Σ wᵢ,  Sₜₜ = Σ wᵢ (i − t̄)²
//	Slope  = Σ wᵢ (i − t̄) yᵢ / Sₜₜ          (scale units per period)
//	StdErr = 1 / sqrt(Sₜₜ)
//	Z = Slope / StdErr,  P = 2 × (1 − Φ(|Z|))
//	Interval = Slope ± z × StdErr, clamped to ±(Max − Min) of the scale
//
// As in [NPSTrend] the variances are taken as known and the test is a z
// test on the slope; with periods of fewer than about 30 answers the
// sample variances are themselves uncertain and P comes out too small.
// The slope keeps the direction of the scale: positive is easier for
// [HigherIsEasier] and harder for [LowerIsEasier]. A period whose
// answers are all the same has no variance to weight it by and is
// refused. Source: weighted least squares with known variances, Draper
// and Smith, Applied Regression Analysis, 3rd ed., 1998, §9.2.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN            ErrInvalidArgument
//	fewer than 2 periods                        ErrInvalidArgument
//	periods[i] with a negative Total            ErrNegative, naming i
//	periods[i] with fewer than 2 answers        ErrNoResponses, naming i
//	periods[i] with a Scale not valid           ErrInvalidScale, naming i
//	periods[i] with its Mean outside its Scale  ErrOutOfRange, naming i
//	periods[i] with its StdDev negative, NaN or
//	past the width of its Scale                 ErrInvalidArgument, naming i
//	periods[i] with StdDev 0 (no variance)      ErrInvalidArgument, naming i
//	periods on different scales                 ErrScaleMismatch, naming i
//	standard deviations so small or so far
//	apart that the statistic is past float64    ErrInvalidArgument
func CESTrend(periods []CESResult, confidence float64) (Trend, error) {
	if err := checkTrend(len(periods), confidence); err != nil {
		return Trend{}, err
	}
	ys := make([]float64, len(periods))
	ses := make([]float64, len(periods))
	for i, r := range periods {
		if err := checkCES(r); err != nil {
			return Trend{}, fmt.Errorf("periods[%d]: %w", i, err)
		}
		if r.Scale != periods[0].Scale {
			return Trend{}, fmt.Errorf("%w: periods[%d] is on %v, periods[0] on %v", ErrScaleMismatch, i, r.Scale, periods[0].Scale)
		}
		ys[i], ses[i] = r.Mean, r.StdDev/math.Sqrt(float64(r.Total))
		if ses[i] == 0 {
			return Trend{}, fmt.Errorf("%w: periods[%d] has standard deviation %v over %d answers, no variance to weight it by",
				ErrInvalidArgument, i, r.StdDev, r.Total)
		}
	}
	t, err := wlsTrend(ys, ses, confidence, float64(periods[0].Scale.Max-periods[0].Scale.Min))
	if err != nil {
		return Trend{}, fmt.Errorf("periods' standard deviations too small or too far apart: %w", err)
	}
	return t, nil
}

// wlsTrend returns the weighted least-squares trend of ys at 1, 2, …, k
// with standard errors ses (all above 0), as documented at [NPSTrend],
// its interval clamped to ±width. The weights are taken relative to the
// smallest standard error, wᵢ = (s₀ / sᵢ)² <= 1, so that no square of a
// small standard error underflows or of a large weight overflows; then
// StdErr = s₀ / sqrt(Sₜₜ). The only error is a statistic past float64.
func wlsTrend(ys, ses []float64, confidence, width float64) (Trend, error) {
	s0 := ses[0]
	for _, s := range ses {
		s0 = min(s0, s)
	}
	var sw, swt float64
	for i, s := range ses {
		w := (s0 / s) * (s0 / s)
		sw += w
		swt += w * float64(i+1)
	}
	tbar := swt / sw
	var stt, sty float64
	for i, s := range ses {
		w := (s0 / s) * (s0 / s)
		d := float64(i+1) - tbar
		stt += w * d * d
		sty += w * d * ys[i]
	}
	// A weight underflows to 0 only for a standard error past 1e154
	// times the smallest, a period that then counts for nothing, as its
	// weight says. If fewer than two periods keep a weight, stt is 0 and
	// the statistic NaN: an error, not a result.
	// As for CSATTrend, the slope is within ±width but for rounding.
	slope := min(max(sty/stt, -width), width)
	se := s0 / math.Sqrt(stt)
	zs := slope / se
	if math.IsInf(zs, 0) || math.IsNaN(zs) {
		return Trend{}, fmt.Errorf("%w: slope %v with standard error %v", ErrInvalidArgument, slope, se)
	}
	z := normalTwoSided(confidence)
	return Trend{
		Slope:    slope + 0,
		StdErr:   se,
		Z:        zs + 0,
		P:        normalTwoSidedP(zs),
		Interval: clampInterval(slope-z*se, slope+z*se, slope, -width, width),
		Periods:  len(ys),
	}, nil
}
