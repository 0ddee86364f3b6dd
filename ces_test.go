package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCES(t *testing.T) {
	// One answer at each point of 1-7, plus two more 7s:
	// 1 2 3 4 5 6 7 7 7. Mean (1+2+3+4+5+6+7+7+7) / 9 = 42 / 9.
	ces7 := mustSurvey(t, cxmetrics.CESScale, 1, 1, 1, 1, 1, 1, 3)
	// The original 1-5 effort question: 1 1 2 3 5.
	// Mean (1+1+2+3+5) / 5 = 12 / 5.
	ces5 := mustSurvey(t, cxmetrics.CSATScale, 2, 1, 1, 0, 1)
	tests := []struct {
		name    string
		s       *cxmetrics.Survey
		d       cxmetrics.Direction
		want    cxmetrics.CESResult
		wantErr error
	}{
		{
			// Easy 5-7 (1+1+3), neutral 4, difficult 1-3.
			// EasyPercent 100 × 5 / 9; Net 100 × (5 − 3) / 9.
			name: "CES 2.0 on 1-7",
			s:    ces7,
			d:    cxmetrics.HigherIsEasier,
			// StdDev: Σx² = 1+4+9+16+25+36+3×49 = 238, n·mean² =
			// 42²/9 = 196, so the sample variance is (238 − 196) / 8.
			want: cxmetrics.CESResult{Total: 9, Easy: 5, Neutral: 1, Difficult: 3,
				Mean: 42.0 / 9, EasyPercent: 500.0 / 9, Net: 200.0 / 9,
				StdDev: math.Sqrt(42.0 / 8), Scale: cxmetrics.CESScale},
		},
		{
			// Read the other way, 1-3 are easy and 5-7 difficult.
			name: "1-7 lower is easier",
			s:    ces7,
			d:    cxmetrics.LowerIsEasier,
			want: cxmetrics.CESResult{Total: 9, Easy: 3, Neutral: 1, Difficult: 5,
				Mean: 42.0 / 9, EasyPercent: 300.0 / 9, Net: -200.0 / 9,
				StdDev: math.Sqrt(42.0 / 8), Scale: cxmetrics.CESScale},
		},
		{
			// Effort 1-2 is easy (3 answers), 3 neutral, 4-5 difficult
			// (1). EasyPercent 100 × 3 / 5; Net 100 × (3 − 1) / 5.
			name: "original CES on 1-5",
			s:    ces5,
			d:    cxmetrics.LowerIsEasier,
			// StdDev: Σx² = 1+1+4+9+25 = 40, n·mean² = 12²/5 = 28.8,
			// sample variance (40 − 28.8) / 4.
			want: cxmetrics.CESResult{Total: 5, Easy: 3, Neutral: 1, Difficult: 1,
				Mean: 12.0 / 5, EasyPercent: 60, Net: 40,
				StdDev: math.Sqrt(11.2 / 4), Scale: cxmetrics.CSATScale},
		},
		{
			// An even scale has no midpoint answer: 1-2 difficult, 3-4
			// easy. Answers 1, 3, 4, 4: 100 × 3 / 4; 100 × (3 − 1) / 4.
			name: "even scale has no neutral",
			s:    mustSurvey(t, cxmetrics.Scale{Min: 1, Max: 4}, 1, 0, 1, 2),
			d:    cxmetrics.HigherIsEasier,
			// StdDev: Σx² = 1+9+16+16 = 42, n·mean² = 36, variance 6 / 3.
			want: cxmetrics.CESResult{Total: 4, Easy: 3, Difficult: 1,
				Mean: 12.0 / 4, EasyPercent: 75, Net: 50,
				StdDev: math.Sqrt2, Scale: cxmetrics.Scale{Min: 1, Max: 4}},
		},
		{name: "unknown direction", s: ces7, d: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "direction 3", s: ces7, d: 3, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "empty", s: mustSurvey(t, cxmetrics.CESScale), d: cxmetrics.HigherIsEasier, wantErr: cxmetrics.ErrNoResponses},
		{name: "nil", s: nil, d: cxmetrics.HigherIsEasier, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CES(tt.s, tt.d)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("CES() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("CES() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDirectionString(t *testing.T) {
	for d, want := range map[cxmetrics.Direction]string{
		cxmetrics.HigherIsEasier: "HigherIsEasier",
		cxmetrics.LowerIsEasier:  "LowerIsEasier",
		7:                        "Direction(7)",
	} {
		if got := d.String(); got != want {
			t.Errorf("Direction(%d).String() = %q, want %q", int(d), got, want)
		}
	}
}
