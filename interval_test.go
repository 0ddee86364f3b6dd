package cxmetrics_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

func TestIntervalAndComparisonHelpers(t *testing.T) {
	iv := cxmetrics.Interval{Lo: -1, Hi: 2}
	if !iv.Contains(0) || !iv.Contains(2) || iv.Contains(2.5) || iv.Contains(math.NaN()) {
		t.Errorf("Contains wrong for %+v", iv)
	}
	c := cxmetrics.Comparison{P: 0.03}
	if !c.Significant(0.05) || c.Significant(0.01) || c.Significant(math.NaN()) || c.Significant(1.5) {
		t.Errorf("Significant wrong for %+v", c)
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

func TestSampleSize(t *testing.T) {
	// z(0.95)² = 3.8414588206941; the familiar "385 answers for ±5% at 95%"
	// of survey planning tables is ⌈3.8414588 × 0.25 / 0.05²⌉.
	tests := []struct {
		name    string
		f       func() (int64, error)
		want    int64
		wantErr error
	}{
		{"CSAT 50% ±5 at 95%: 385", func() (int64, error) { return cxmetrics.CSATSampleSize(50, 5, 0.95) }, 385, nil},
		// 3.8414588 × 0.8 × 0.2 / 0.03² = 682.9
		{"CSAT 80% ±3 at 95%: 683", func() (int64, error) { return cxmetrics.CSATSampleSize(80, 3, 0.95) }, 683, nil},
		{"CSAT 100% needs 1", func() (int64, error) { return cxmetrics.CSATSampleSize(100, 5, 0.95) }, 1, nil},
		// Worst case variance 1: 3.8414588 / 0.1² = 384.1
		{"NPS worst case ±10 at 95%: 385", func() (int64, error) { return cxmetrics.NPSSampleSize(50, 50, 10, 0.95) }, 385, nil},
		// 40% promoters, 20% detractors: var = 0.6 − 0.04 = 0.56;
		// 2.5758293² × 0.56 / 0.05² = 1486.2
		{"NPS 40/20 ±5 at 99%: 1487", func() (int64, error) { return cxmetrics.NPSSampleSize(40, 20, 5, 0.99) }, 1487, nil},
		{"NPS shares sum past 100", func() (int64, error) { return cxmetrics.NPSSampleSize(60, 50, 5, 0.95) }, 0, cxmetrics.ErrOutOfRange},
		{"NPS NaN share", func() (int64, error) { return cxmetrics.NPSSampleSize(math.NaN(), 50, 5, 0.95) }, 0, cxmetrics.ErrOutOfRange},
		{"NPS zero margin", func() (int64, error) { return cxmetrics.NPSSampleSize(40, 20, 0, 0.95) }, 0, cxmetrics.ErrInvalidArgument},
		{"CSAT bad confidence", func() (int64, error) { return cxmetrics.CSATSampleSize(50, 5, 1) }, 0, cxmetrics.ErrInvalidArgument},
		{"CSAT expected 120", func() (int64, error) { return cxmetrics.CSATSampleSize(120, 5, 0.95) }, 0, cxmetrics.ErrOutOfRange},
		{"CSAT tiny margin overflows", func() (int64, error) { return cxmetrics.CSATSampleSize(50, 1e-300, 0.95) }, 0, cxmetrics.ErrOverflow},
		{"NPS tiny margin overflows", func() (int64, error) { return cxmetrics.NPSSampleSize(40, 20, 1e-300, 0.95) }, 0, cxmetrics.ErrOverflow},
		// z and margin both tiny: z = √2 erf⁻¹(c) = √(π/2) c (1 + O(c²)),
		// so (z / (margin/100))² × 1 = (π/2)(100c/margin)² = π/2 and
		// n = ⌈1.5708⌉ = 2. z² and margin² underflowed to 0/0 = NaN.
		{"NPS tiny margin at tiny confidence: 2", func() (int64, error) { return cxmetrics.NPSSampleSize(50, 50, 1e-298, 1e-300) }, 2, nil},
		// Variance 0 needs 1 answer whatever the margin; 0 × ∞ was NaN.
		{"CSAT 100% with a tiny margin needs 1", func() (int64, error) { return cxmetrics.CSATSampleSize(100, 1e-300, 0.95) }, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if errors.Is(err, cxmetrics.ErrOverflow) && (strings.Contains(err.Error(), "Inf") || strings.Contains(err.Error(), "NaN")) {
				t.Errorf("error %q does not give a finite size", err)
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

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
