package cxmetrics_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// TestStatsArgumentErrors checks the argument errors of the stats and
// weighted API that the tables beside them leave out: a confidence outside
// (0, 1), nil and zero-value weighted surveys, an empty one, and weights
// whose sums pass float64.
func TestStatsArgumentErrors(t *testing.T) {
	nps := mustNPS(t, 50, 30, 20)
	csat := cxmetrics.CSATResult{Satisfied: 8, Total: 10, Score: 80}
	ces := cesOf(t, cxmetrics.CESScale, map[int]int64{2: 1, 6: 3})
	empty, err := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	if err != nil {
		t.Fatal(err)
	}
	// Weights of 1e154 square to 1e308: one such answer per survey fits,
	// but two surveys' squares add past math.MaxFloat64.
	heavy := func() *cxmetrics.WeightedSurvey {
		s, err := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Add(9, 1e154); err != nil {
			t.Fatal(err)
		}
		return s
	}
	bigW := 0.75 * math.MaxFloat64
	tests := []struct {
		name    string
		call    func() error
		wantErr error
	}{
		{"NPSSampleSize confidence 1", func() error { _, err := cxmetrics.NPSSampleSize(40, 20, 5, 1); return err }, cxmetrics.ErrInvalidArgument},
		{"CSATSampleSize confidence 0", func() error { _, err := cxmetrics.CSATSampleSize(80, 5, 0); return err }, cxmetrics.ErrInvalidArgument},
		{"CompareCSAT confidence NaN", func() error { _, err := cxmetrics.CompareCSAT(csat, csat, math.NaN()); return err }, cxmetrics.ErrInvalidArgument},
		{"CompareCES confidence 1.5", func() error { _, err := cxmetrics.CompareCES(ces, ces, 1.5); return err }, cxmetrics.ErrInvalidArgument},
		{"CompareNPS confidence -0.5", func() error { _, err := cxmetrics.CompareNPS(nps, nps, -0.5); return err }, cxmetrics.ErrInvalidArgument},
		{"CompareCSAT bad a", func() error {
			_, err := cxmetrics.CompareCSAT(cxmetrics.CSATResult{Satisfied: 11, Total: 10}, csat, 0.95)
			return err
		}, cxmetrics.ErrInconsistent},
		{"CSATSampleSize margin 0", func() error { _, err := cxmetrics.CSATSampleSize(80, 0, 0.95); return err }, cxmetrics.ErrInvalidArgument},
		{"CompareCES empty a", func() error { _, err := cxmetrics.CompareCES(cxmetrics.CESResult{}, ces, 0.95); return err }, cxmetrics.ErrNoResponses},
		{"EffectiveN of nil", func() error { _, err := (*cxmetrics.WeightedSurvey)(nil).EffectiveN(); return err }, cxmetrics.ErrInvalidArgument},
		{"EffectiveN of empty", func() error { _, err := empty.EffectiveN(); return err }, cxmetrics.ErrNoResponses},
		{"WeightedCSATTopBox of nil", func() error { _, err := cxmetrics.WeightedCSATTopBox(nil, 2); return err }, cxmetrics.ErrInvalidArgument},
		{"WeightedCSAT of empty", func() error { _, err := cxmetrics.WeightedCSAT(empty); return err }, cxmetrics.ErrNoResponses},
		{"WeightedCSAT on two points", func() error {
			s, err := cxmetrics.NewWeightedSurvey(cxmetrics.Scale{Min: 0, Max: 1})
			if err != nil {
				return err
			}
			if err := s.Add(1, 1); err != nil {
				return err
			}
			_, err = cxmetrics.WeightedCSAT(s)
			return err
		}, cxmetrics.ErrInvalidArgument},
		{"Merge into zero value", func() error { var z cxmetrics.WeightedSurvey; return z.Merge(empty) }, cxmetrics.ErrInvalidScale},
		{"Merge squares past float64", func() error { return heavy().Merge(heavy()) }, cxmetrics.ErrOverflow},
		{
			"WeightedNPSResult weight past float64",
			func() error {
				_, err := cxmetrics.WeightedNPSResult{Promoters: bigW, Detractors: bigW, EffectiveN: 10}.StdErr()
				return err
			},
			cxmetrics.ErrOverflow,
		},
		{
			"WeightedCSATResult.Interval confidence 2",
			func() error {
				_, err := cxmetrics.WeightedCSATResult{Satisfied: 8, Total: 10, EffectiveN: 10}.Interval(2)
				return err
			},
			cxmetrics.ErrInvalidArgument,
		},
		{
			"WeightedCSATResult.Interval effective size below 1",
			func() error {
				_, err := cxmetrics.WeightedCSATResult{Satisfied: 8, Total: 10, EffectiveN: 0.5}.Interval(0.95)
				return err
			},
			cxmetrics.ErrInvalidArgument,
		},
		{
			"WeightedCSATResult.Interval NaN weight",
			func() error {
				_, err := cxmetrics.WeightedCSATResult{Satisfied: math.NaN(), Total: 10, EffectiveN: 10}.Interval(0.95)
				return err
			},
			cxmetrics.ErrInvalidArgument,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, tc.wantErr) {
				t.Errorf("error %v, want %v", err, tc.wantErr)
			}
		})
	}
}

// TestWeightedSurveyWeightOffScale checks that Weight of a score off the
// scale, or of a zero-value survey, is 0, as documented.
func TestWeightedSurveyWeightOffScale(t *testing.T) {
	s, err := cxmetrics.NewWeightedSurvey(cxmetrics.CSATScale)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(5, 2.5); err != nil {
		t.Fatal(err)
	}
	var zero cxmetrics.WeightedSurvey
	for _, tc := range []struct {
		name  string
		s     *cxmetrics.WeightedSurvey
		score int
		want  float64
	}{
		{"on the scale", s, 5, 2.5},
		{"above the scale", s, 6, 0},
		{"below the scale", s, 0, 0},
		{"zero value", &zero, 5, 0},
	} {
		if got := tc.s.Weight(tc.score); got != tc.want {
			t.Errorf("%s: Weight(%d) = %v, want %v", tc.name, tc.score, got, tc.want)
		}
	}
}

// TestTTwoSidedPLimits checks the two-sided p-value of Student's t at its
// ends: t = 0 is no evidence at all (p = 1), and an infinite t is certain
// (p = 0), whatever the degrees of freedom.
func TestTTwoSidedPLimits(t *testing.T) {
	for _, df := range []float64{1, 5, 1e6} {
		if p := cxmetrics.TTwoSidedP(0, df); p != 1 {
			t.Errorf("TTwoSidedP(0, %v) = %v, want 1", df, p)
		}
		for _, tv := range []float64{math.Inf(1), math.Inf(-1)} {
			if p := cxmetrics.TTwoSidedP(tv, df); p != 0 {
				t.Errorf("TTwoSidedP(%v, %v) = %v, want 0", tv, df, p)
			}
		}
	}
}

// TestSignificantEdges checks Comparison.Significant at the edges of its
// documented rule, P < alpha for alpha in (0, 1): a P equal to alpha is not
// significant, and an alpha of 1 or more is false however small P is.
func TestSignificantEdges(t *testing.T) {
	tests := []struct {
		p, alpha float64
		want     bool
	}{
		{0.04, 0.05, true},
		{0.05, 0.05, false}, // P < alpha, strictly
		{0.5, 1, false},     // alpha outside (0, 1)
		{0.5, 1.5, false},
		{0, 0, false},
		{-0.5, 0, false}, // alpha 0 is outside (0, 1) even for a hand-built P below it
		{0.01, math.NaN(), false},
	}
	for _, tc := range tests {
		if got := (cxmetrics.Comparison{P: tc.p}).Significant(tc.alpha); got != tc.want {
			t.Errorf("Comparison{P: %v}.Significant(%v) = %v, want %v", tc.p, tc.alpha, got, tc.want)
		}
	}
}

// TestNPSResultTotalPastInt64 checks that the statistics of an NPSResult
// built by hand refuse counts whose total passes int64, on each side of
// the sum.
func TestNPSResultTotalPastInt64(t *testing.T) {
	for _, r := range []cxmetrics.NPSResult{
		{Promoters: math.MaxInt64 - 1, Passives: 1, Detractors: 1},
		{Promoters: 1, Passives: math.MaxInt64 - 1, Detractors: 1},
		{Promoters: 1, Passives: 1, Detractors: math.MaxInt64 - 1},
		{Promoters: math.MaxInt64, Passives: 1},
	} {
		if _, err := r.StdErr(); !errors.Is(err, cxmetrics.ErrOverflow) {
			t.Errorf("%+v.StdErr(): error %v, want ErrOverflow", r, err)
		}
		if _, err := r.Interval(0.95); !errors.Is(err, cxmetrics.ErrOverflow) {
			t.Errorf("%+v.Interval(0.95): error %v, want ErrOverflow", r, err)
		}
	}
}

// TestNPSSampleSizeEdges checks NPSSampleSize at the inclusive edges of
// its arguments. With z = 1.959964 at 95%, z² = 3.841459, and the variance
// v = p + d − (p − d)² on the 0-1 scale, n = ⌈(100 z √v / margin)²⌉:
func TestNPSSampleSizeEdges(t *testing.T) {
	tests := []struct {
		name               string
		p, d, margin, conf float64
		want               int64
	}{
		// No promoters: v = 0.2 − 0.04 = 0.16, n = ⌈3.841459 × 16⌉ = ⌈61.46⌉.
		{"no promoters", 0, 20, 10, 0.95, 62},
		{"no detractors", 20, 0, 10, 0.95, 62},
		// Nobody passive: v = 1 − 0.04 = 0.96, n = ⌈3.841459 × 96⌉ = ⌈368.78⌉.
		{"promoters and detractors make 100", 60, 40, 10, 0.95, 369},
		// The widest margin, 200 points: v = 0.6 − 0.04 = 0.56,
		// n = ⌈3.841459 × 0.56 / 4⌉ = ⌈0.54⌉.
		{"margin 200", 40, 20, 200, 0.95, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.NPSSampleSize(tc.p, tc.d, tc.margin, tc.conf)
			if err != nil || got != tc.want {
				t.Errorf("NPSSampleSize(%v, %v, %v, %v) = %d, %v, want %d", tc.p, tc.d, tc.margin, tc.conf, got, err, tc.want)
			}
		})
	}
}

// TestCSATSampleSizeEdges checks CSATSampleSize at the inclusive edges of
// its arguments: an expected CSAT of 0 or 100 has no variance, so one
// answer is enough; the widest margin, 100 points, at p = 50 needs
// ⌈(100 z × 0.5 / 100)²⌉ = ⌈z²/4⌉ = ⌈0.96⌉ = 1 at 95%.
func TestCSATSampleSizeEdges(t *testing.T) {
	for _, tc := range []struct{ expected, margin float64 }{{0, 5}, {100, 5}, {50, 100}} {
		if got, err := cxmetrics.CSATSampleSize(tc.expected, tc.margin, 0.95); err != nil || got != 1 {
			t.Errorf("CSATSampleSize(%v, %v, 0.95) = %d, %v, want 1", tc.expected, tc.margin, got, err)
		}
	}
}

// TestCompareCSATTotalAtMaxInt64 checks that two CSAT results whose
// totals add up to exactly MaxInt64 compare, and one past it is refused.
func TestCompareCSATTotalAtMaxInt64(t *testing.T) {
	a := cxmetrics.CSATResult{Satisfied: 5, Total: math.MaxInt64 - 10}
	b := cxmetrics.CSATResult{Satisfied: 5, Total: 10}
	if _, err := cxmetrics.CompareCSAT(a, b, 0.95); err != nil {
		t.Errorf("CompareCSAT with totals adding to MaxInt64: %v", err)
	}
	b.Total = 11
	if _, err := cxmetrics.CompareCSAT(a, b, 0.95); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("CompareCSAT with totals past MaxInt64: error %v, want ErrOverflow", err)
	}
}

// TestCESLimits checks the CES statistics at the limits of the scale: a
// standard deviation equal to the scale's width (6 on 1-7) is allowed and
// one above it is not, and the interval of a difference is clamped to
// ±6, the largest difference two means on 1-7 can have.
func TestCESLimits(t *testing.T) {
	sc := cxmetrics.CESScale
	if _, err := (cxmetrics.CESResult{Total: 10, Mean: 4, StdDev: 6, Scale: sc}).Interval(0.95); err != nil {
		t.Errorf("StdDev 6 on 1-7: %v", err)
	}
	if _, err := (cxmetrics.CESResult{Total: 10, Mean: 4, StdDev: 7, Scale: sc}).Interval(0.95); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("StdDev 7 on 1-7: error %v, want ErrInvalidArgument", err)
	}
	// Two answers each, means 1.5 and 6.5, SD 4: the Welch interval of
	// the difference 5, with about 2 degrees of freedom, is 5 ± 4.3 × 4,
	// far wider than ±6.
	a := cxmetrics.CESResult{Total: 2, Mean: 1.5, StdDev: 4, Scale: sc}
	b := cxmetrics.CESResult{Total: 2, Mean: 6.5, StdDev: 4, Scale: sc}
	c, err := cxmetrics.CompareCES(a, b, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if c.Interval.Lo != -6 || c.Interval.Hi != 6 {
		t.Errorf("CompareCES interval %+v, want clamped to [-6, 6]", c.Interval)
	}
}

// TestTTwoSidedPLargeDF checks the two-sided p-value of Student's t where
// log B(df/2, 1/2) comes from Stirling's series (df/2 >= 20) against
// I_{df/(df+t²)}(df/2, 1/2) computed with mpmath 1.3.0 (betainc,
// regularized, 50 digits).
func TestTTwoSidedPLargeDF(t *testing.T) {
	tests := []struct{ t, df, want float64 }{
		{2.0, 40, 0.052322343215049214926},
		{2.0, 41, 0.052154362786918928237},
		{2.5, 57, 0.015321137101947190445},
		{3.0, 64, 0.0038439918659207795276},
		{0.5, 100, 0.61817356583088657198},
		{1.0, 1000, 0.31755241808467230708},
	}
	for _, tc := range tests {
		got := cxmetrics.TTwoSidedP(tc.t, tc.df)
		if math.Abs(got-tc.want) > 1e-13*tc.want {
			t.Errorf("TTwoSidedP(%v, %v) = %.17g, want %.17g (mpmath)", tc.t, tc.df, got, tc.want)
		}
	}
}

// TestWeightedLargestWeight checks that math.MaxFloat64 is a finite
// weight: Add accepts it as a weight and refuses it only because its
// square passes float64 (ErrOverflow, not ErrInvalidArgument), and a
// WeightedNPSResult holding it computes.
func TestWeightedLargestWeight(t *testing.T) {
	s, err := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(9, math.MaxFloat64); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("Add(9, MaxFloat64): error %v, want ErrOverflow", err)
	}
	// All promoters: the NPS is 100 points on the -1..1 scale's 1 with
	// variance p + d − (p − d)² = 1 − 1 = 0, so the standard error is 0.
	se, err := cxmetrics.WeightedNPSResult{Promoters: math.MaxFloat64, EffectiveN: 10}.StdErr()
	if err != nil || se != 0 {
		t.Errorf("StdErr of promoters weighing MaxFloat64 = %v, %v, want 0", se, err)
	}
}

// TestWeightedInclusiveLimits checks the weighted API at the inclusive
// ends of its arguments: the most top boxes a scale has (4 on 1-5), and
// an effective sample size or weights of math.MaxFloat64, which are
// finite.
func TestWeightedInclusiveLimits(t *testing.T) {
	s, err := cxmetrics.NewWeightedSurvey(cxmetrics.CSATScale)
	if err != nil {
		t.Fatal(err)
	}
	for v, w := range map[int]float64{1: 1, 2: 1, 5: 2} {
		if err := s.Add(v, w); err != nil {
			t.Fatal(err)
		}
	}
	// Top 4 boxes of 1-5 are 2 to 5: weight 3 of 4.
	if r, err := cxmetrics.WeightedCSATTopBox(s, 4); err != nil || r.Score != 75 {
		t.Errorf("WeightedCSATTopBox(s, 4) = %+v, %v, want score 75", r, err)
	}
	_, err = cxmetrics.WeightedCSATTopBox(s, 5)
	if !errors.Is(err, cxmetrics.ErrInvalidArgument) || !strings.Contains(err.Error(), "want 1 to 4") {
		t.Errorf("WeightedCSATTopBox(s, 5): error %v, want ErrInvalidArgument saying \"want 1 to 4\"", err)
	}
	if _, err := (cxmetrics.WeightedNPSResult{Promoters: 1, Detractors: 1, EffectiveN: math.MaxFloat64}).StdErr(); err != nil {
		t.Errorf("StdErr with EffectiveN MaxFloat64: %v", err)
	}
	r := cxmetrics.WeightedCSATResult{Satisfied: math.MaxFloat64, Total: math.MaxFloat64, EffectiveN: 10}
	if _, err := r.Interval(0.95); err != nil {
		t.Errorf("Interval of weights MaxFloat64: %v", err)
	}
}
