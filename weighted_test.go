package cxmetrics_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

func TestWeightedAdd(t *testing.T) {
	tests := []struct {
		name    string
		score   int
		weight  float64
		wantErr error
	}{
		{"ok", 9, 2.5, nil},
		{"zero weight", 9, 0, nil},
		{"off the scale", 11, 1, cxmetrics.ErrOutOfRange},
		{"negative weight", 9, -1, cxmetrics.ErrInvalidArgument},
		{"NaN weight", 9, math.NaN(), cxmetrics.ErrInvalidArgument},
		{"infinite weight", 9, math.Inf(1), cxmetrics.ErrInvalidArgument},
		{"square overflows", 9, 1e200, cxmetrics.ErrOverflow},
		// 1e-170² = 1e-340 underflows to 0, and two such weights gave an
		// infinite effective sample size.
		{"square underflows", 9, 1e-170, cxmetrics.ErrInvalidArgument},
		{"just below MinWeight", 9, math.Nextafter(cxmetrics.MinWeight, 0), cxmetrics.ErrInvalidArgument},
		{"MinWeight", 9, cxmetrics.MinWeight, nil},
		{"smallest subnormal", 9, 5e-324, cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := weighted(t, cxmetrics.NPSScale, nil)
			err := s.Add(tt.score, tt.weight)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if err != nil && (s.Total() != 0 || s.TotalWeight() != 0) {
				t.Errorf("failed Add changed the survey: total %d, weight %v", s.Total(), s.TotalWeight())
			}
		})
	}
	var zero cxmetrics.WeightedSurvey
	if err := zero.Add(5, 1); !errors.Is(err, cxmetrics.ErrInvalidScale) {
		t.Errorf("zero value Add: %v, want ErrInvalidScale", err)
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

func TestWeightedNPS(t *testing.T) {
	// Answers 10 (w 3), 9 (w 1), 8 (w 2), 3 (w 4): promoters 4, passives 2,
	// detractors 4 of 10, NPS 0. Kish: 10² / (9 + 1 + 4 + 16) = 10/3.
	// SE = 100 × sqrt(0.8 / (10/3)) = 48.98979485566356; the interval is the
	// adjusted Wald on n_eff, computed in mpmath at 40 digits.
	s := weighted(t, cxmetrics.NPSScale, []wAnswer{{10, 3}, {9, 1}, {8, 2}, {3, 4}})
	got, err := cxmetrics.WeightedNPS(s)
	if err != nil {
		t.Fatal(err)
	}
	want := cxmetrics.WeightedNPSResult{Promoters: 4, Passives: 2, Detractors: 4, EffectiveN: 10.0 / 3, Score: 0}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	se, err := got.StdErr()
	if diff := cmp.Diff(48.989794855663562, se, approx); err != nil || diff != "" {
		t.Errorf("StdErr error %v, mismatch (-want +got):\n%s", err, diff)
	}
	iv, err := got.Interval(0.95)
	if diff := cmp.Diff(cxmetrics.Interval{Lo: -63.169890478359346, Hi: 63.169890478359346}, iv, approx); err != nil || diff != "" {
		t.Errorf("Interval error %v, mismatch (-want +got):\n%s", err, diff)
	}

	// Equal weights give exactly the unweighted figures.
	eq := weighted(t, cxmetrics.NPSScale, []wAnswer{{10, 2}, {9, 2}, {9, 2}, {7, 2}, {2, 2}, {0, 2}})
	wr, _ := cxmetrics.WeightedNPS(eq)
	r := mustNPS(t, 3, 1, 2)
	wiv, _ := wr.Interval(0.9)
	riv, _ := r.Interval(0.9)
	if diff := cmp.Diff(riv, wiv, approx); diff != "" || math.Abs(wr.Score-r.Score) > 1e-12 {
		t.Errorf("equal weights differ from unweighted: score %v vs %v, interval (-unweighted +weighted):\n%s", r.Score, wr.Score, diff)
	}

	errTests := []struct {
		name    string
		s       *cxmetrics.WeightedSurvey
		wantErr error
	}{
		{"nil", nil, cxmetrics.ErrInvalidArgument},
		{"wrong scale", weighted(t, cxmetrics.CSATScale, []wAnswer{{5, 1}}), cxmetrics.ErrScaleMismatch},
		{"empty", weighted(t, cxmetrics.NPSScale, nil), cxmetrics.ErrNoResponses},
		{"only zero weights", weighted(t, cxmetrics.NPSScale, []wAnswer{{10, 0}}), cxmetrics.ErrNoResponses},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := cxmetrics.WeightedNPS(tt.s); !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
		})
	}
	resultErrs := []struct {
		name    string
		r       cxmetrics.WeightedNPSResult
		conf    float64
		wantErr error
	}{
		{"bad confidence", want, 2, cxmetrics.ErrInvalidArgument},
		{"negative weight", cxmetrics.WeightedNPSResult{Promoters: -1, EffectiveN: 1}, 0.95, cxmetrics.ErrInvalidArgument},
		{"effective n below 1", cxmetrics.WeightedNPSResult{Promoters: 1, EffectiveN: 0.5}, 0.95, cxmetrics.ErrInvalidArgument},
		{"no weight", cxmetrics.WeightedNPSResult{EffectiveN: 1}, 0.95, cxmetrics.ErrNoResponses},
		// Each weight is finite, their sum 1.5 × MaxFloat64 is not.
		{"weights' sum past float64", cxmetrics.WeightedNPSResult{Promoters: 0.75 * math.MaxFloat64, Detractors: 0.75 * math.MaxFloat64, EffectiveN: 10}, 0.95, cxmetrics.ErrOverflow},
	}
	for _, tt := range resultErrs {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.r.Interval(tt.conf); !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestWeightedMergeAndKish(t *testing.T) {
	a := weighted(t, cxmetrics.NPSScale, []wAnswer{{10, 1}, {9, 1}})
	b := weighted(t, cxmetrics.NPSScale, []wAnswer{{3, 2}, {8, 2}})
	whole := weighted(t, cxmetrics.NPSScale, []wAnswer{{10, 1}, {9, 1}, {3, 2}, {8, 2}})
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	// Kish: (1 + 1 + 2 + 2)² / (1 + 1 + 4 + 4) = 3.6.
	ne, err := a.EffectiveN()
	if diff := cmp.Diff(3.6, ne, approx); err != nil || diff != "" {
		t.Errorf("EffectiveN error %v, mismatch (-want +got):\n%s", err, diff)
	}
	ra, _ := cxmetrics.WeightedNPS(a)
	rw, _ := cxmetrics.WeightedNPS(whole)
	if diff := cmp.Diff(rw, ra, approx); diff != "" || a.Total() != 4 || a.Weight(8) != 2 {
		t.Errorf("merged halves differ from the whole (-whole +merged):\n%s", diff)
	}
	if err := a.Merge(weighted(t, cxmetrics.CSATScale, nil)); !errors.Is(err, cxmetrics.ErrScaleMismatch) {
		t.Errorf("merge across scales: %v, want ErrScaleMismatch", err)
	}
	if err := a.Merge(nil); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("merge nil: %v, want ErrInvalidArgument", err)
	}
	if _, err := cxmetrics.NewWeightedSurvey(cxmetrics.Scale{}); !errors.Is(err, cxmetrics.ErrInvalidScale) {
		t.Errorf("zero scale: %v, want ErrInvalidScale", err)
	}
}

func TestWeightedExtremeWeights(t *testing.T) {
	// Kish's n_eff of k equal non-zero weights is (k w)² / (k w²) = k
	// whatever w, so each survey below that keeps two equal weights has
	// n_eff = 2, up to rounding.
	t.Run("total of squares past float64", func(t *testing.T) {
		// 9e153² = 8.1e307, and two of them fit below MaxFloat64 ≈
		// 1.8e308, but three on different scores sum past it; only each
		// score's sum was checked, and n_eff came out as 1 instead of 3.
		s := weighted(t, cxmetrics.NPSScale, []wAnswer{{10, 9e153}, {0, 9e153}})
		if err := s.Add(5, 9e153); !errors.Is(err, cxmetrics.ErrOverflow) {
			t.Errorf("third Add: %v, want ErrOverflow", err)
		}
		ne, err := s.EffectiveN()
		if err != nil || math.Abs(ne-2) > 1e-9 || s.Total() != 2 || s.Weight(5) != 0 {
			t.Errorf("after the failed Add: n_eff %v (%v), total %d, weight of 5 %v; want 2, 2, 0", ne, err, s.Total(), s.Weight(5))
		}
	})
	t.Run("merge with a total of squares past float64", func(t *testing.T) {
		a := weighted(t, cxmetrics.NPSScale, []wAnswer{{10, 9e153}, {9, 9e153}})
		b := weighted(t, cxmetrics.NPSScale, []wAnswer{{0, 9e153}})
		if err := a.Merge(b); !errors.Is(err, cxmetrics.ErrOverflow) {
			t.Errorf("Merge: %v, want ErrOverflow", err)
		}
		ne, err := a.EffectiveN()
		if err != nil || math.Abs(ne-2) > 1e-9 || a.Total() != 2 || a.Weight(0) != 0 || a.TotalWeight() != 1.8e154 {
			t.Errorf("after the failed Merge: n_eff %v (%v), total %d, weight of 0 %v, total weight %v; want 2, 2, 0, 1.8e154",
				ne, err, a.Total(), a.Weight(0), a.TotalWeight())
		}
	})
	t.Run("smallest weights give a finite n_eff", func(t *testing.T) {
		s := weighted(t, cxmetrics.NPSScale, []wAnswer{{10, cxmetrics.MinWeight}, {0, cxmetrics.MinWeight}})
		r, err := cxmetrics.WeightedNPS(s)
		if err != nil || math.Abs(r.EffectiveN-2) > 1e-9 || r.Score != 0 {
			t.Fatalf("WeightedNPS %+v, %v; want n_eff 2, score 0", r, err)
		}
		// One promoter and one detractor: the interval of NPSFromCounts(1, 0, 1).
		want, _ := mustNPS(t, 1, 0, 1).Interval(0.95)
		got, err := r.Interval(0.95)
		if diff := cmp.Diff(want, got, approx); err != nil || diff != "" {
			t.Errorf("Interval error %v, mismatch (-unweighted +weighted):\n%s", err, diff)
		}
	})
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
