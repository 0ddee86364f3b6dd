package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
)

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
