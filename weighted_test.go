package cxmetrics_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

type wAnswer struct {
	score  int
	weight float64
}

func weighted(t testing.TB, scale cxmetrics.Scale, answers []wAnswer) *cxmetrics.WeightedSurvey {
	t.Helper()
	s, err := cxmetrics.NewWeightedSurvey(scale)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		if err := s.Add(a.score, a.weight); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

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

func TestWeightedCSAT(t *testing.T) {
	// 5 (w 3), 4 (w 1), 3 (w 2), 1 (w 4) on 1-5: 4 of 10 satisfied, 40%;
	// n_eff = 10/3. Wilson on n_eff, mpmath at 40 digits.
	s := weighted(t, cxmetrics.CSATScale, []wAnswer{{5, 3}, {4, 1}, {3, 2}, {1, 4}})
	got, err := cxmetrics.WeightedCSAT(s)
	if err != nil {
		t.Fatal(err)
	}
	want := cxmetrics.WeightedCSATResult{Satisfied: 4, Total: 10, EffectiveN: 10.0 / 3, Score: 40}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	iv, err := got.Interval(0.95)
	if diff := cmp.Diff(cxmetrics.Interval{Lo: 9.1097732741487548, Hi: 81.598436073874747}, iv, approx); err != nil || diff != "" {
		t.Errorf("Interval error %v, mismatch (-want +got):\n%s", err, diff)
	}
	top1, _ := cxmetrics.WeightedCSATTopBox(s, 1)
	if top1.Score != 30 {
		t.Errorf("top box score %v, want 30 (3 of 10)", top1.Score)
	}
	if _, err := cxmetrics.WeightedCSATTopBox(s, 5); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("5 boxes on 1-5: %v, want ErrInvalidArgument", err)
	}
	bad := []struct {
		name    string
		r       cxmetrics.WeightedCSATResult
		wantErr error
	}{
		{"more satisfied than total", cxmetrics.WeightedCSATResult{Satisfied: 3, Total: 2, EffectiveN: 2}, cxmetrics.ErrInconsistent},
		{"no weight", cxmetrics.WeightedCSATResult{EffectiveN: 1}, cxmetrics.ErrNoResponses},
		{"NaN", cxmetrics.WeightedCSATResult{Satisfied: math.NaN(), Total: 2, EffectiveN: 2}, cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.r.Interval(0.95); !errors.Is(err, tt.wantErr) {
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

func BenchmarkWeightedAdd(b *testing.B) {
	// Add keeps running totals, so its time does not grow with the scale.
	for _, points := range []int{11, 1001} {
		b.Run(fmt.Sprintf("points=%d", points), func(b *testing.B) {
			s, err := cxmetrics.NewWeightedSurvey(cxmetrics.Scale{Min: 0, Max: points - 1})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := s.Add(i%points, 1.5); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// checkScoreWeights fails t unless every score's sum of weights in s lies
// between 0 and the total weight, which is finite.
func checkScoreWeights(t *testing.T, name string, s *cxmetrics.WeightedSurvey) {
	t.Helper()
	total := s.TotalWeight()
	for v := s.Scale().Min; v <= s.Scale().Max; v++ {
		if w := s.Weight(v); !(w >= 0 && w <= total && total <= math.MaxFloat64) {
			t.Errorf("%s: weight of score %d is %v, total %v", name, v, w, total)
		}
	}
}

func FuzzWeightedNPS(f *testing.F) {
	f.Add(uint8(10), 3.0, uint8(9), 1.0, uint8(8), 2.0, uint8(3), 4.0, uint16(62259))
	f.Add(uint8(10), 9e153, uint8(0), 9e153, uint8(5), 9e153, uint8(1), 1.0, uint16(62259))
	f.Add(uint8(10), 1e-170, uint8(0), 1e-170, uint8(5), 0.0, uint8(1), 0x1p-511, uint16(1))
	f.Add(uint8(10), 1.3e154, uint8(10), 1e-150, uint8(0), 1e150, uint8(0), 5e-324, uint16(65535))
	f.Fuzz(func(t *testing.T, s1 uint8, w1 float64, s2 uint8, w2 float64, s3 uint8, w3 float64, s4 uint8, w4 float64, c uint16) {
		answers := []wAnswer{{int(s1 % 11), w1}, {int(s2 % 11), w2}, {int(s3 % 11), w3}, {int(s4 % 11), w4}}
		whole := weighted(t, cxmetrics.NPSScale, nil)
		halves := [2]*cxmetrics.WeightedSurvey{weighted(t, cxmetrics.NPSScale, nil), weighted(t, cxmetrics.NPSScale, nil)}
		var added []wAnswer
		for _, a := range answers {
			before, beforeW := whole.Total(), whole.TotalWeight()
			beforeN, beforeErr := whole.EffectiveN()
			if err := whole.Add(a.score, a.weight); err != nil {
				n, nerr := whole.EffectiveN()
				if whole.Total() != before || whole.TotalWeight() != beforeW || n != beforeN || (nerr == nil) != (beforeErr == nil) {
					t.Fatalf("failed Add(%d, %v) changed the survey", a.score, a.weight)
				}
				continue
			}
			added = append(added, a)
			if err := halves[len(added)%2].Add(a.score, a.weight); err != nil {
				t.Fatalf("Add(%d, %v) to a half: %v", a.score, a.weight, err)
			}
		}
		// No score's sum of weights passes the total, so checking the total
		// for overflow covers every score (the argument in weighted.go).
		checkScoreWeights(t, "whole", whole)
		r, err := cxmetrics.WeightedNPS(whole)
		if err != nil {
			if !errors.Is(err, cxmetrics.ErrNoResponses) {
				t.Fatalf("WeightedNPS: %v", err)
			}
			return
		}
		if !(r.EffectiveN >= 1 && r.EffectiveN <= float64(whole.Total())*(1+1e-12)) {
			t.Errorf("n_eff %v of %d answers", r.EffectiveN, whole.Total())
		}
		if !(r.Score >= -100 && r.Score <= 100) {
			t.Errorf("score %v", r.Score)
		}
		conf := confidenceFrom(c)
		iv, err := r.Interval(conf)
		if err != nil || !(iv.Lo <= iv.Hi && iv.Lo >= -100 && iv.Hi <= 100) {
			t.Errorf("%+v at %v: interval %+v, %v", r, conf, iv, err)
		}
		se, err := r.StdErr()
		if err != nil || !(se >= 0 && se <= 100) {
			t.Errorf("StdErr %v, %v", se, err)
		}
		// Merging the halves gives the whole, up to rounding.
		if err := halves[0].Merge(halves[1]); err != nil {
			t.Fatalf("merging halves: %v", err)
		}
		checkScoreWeights(t, "merged halves", halves[0])
		m, err := cxmetrics.WeightedNPS(halves[0])
		if err != nil {
			t.Fatalf("WeightedNPS of merged halves: %v", err)
		}
		if diff := cmp.Diff(r, m, cmpopts.EquateApprox(1e-12, 1e-9)); diff != "" {
			t.Errorf("merged halves differ from the whole (-whole +merged):\n%s", diff)
		}
	})
}
