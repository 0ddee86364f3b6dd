package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNPS(t *testing.T) {
	tests := []struct {
		name    string
		s       *cxmetrics.Survey
		want    cxmetrics.NPSResult
		wantErr error
	}{
		{
			// One answer of each score: promoters 9, 10; passives 7, 8;
			// detractors 0-6. 100 × (2 − 7) / 11.
			name: "one of each",
			s:    mustSurvey(t, cxmetrics.NPSScale, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
			want: cxmetrics.NPSResult{Promoters: 2, Passives: 2, Detractors: 7, Score: 100 * (2.0 - 7) / 11},
		},
		{
			// The bucket edges: 6 is a detractor, 7 a passive, 8 a
			// passive, 9 a promoter. 100 × (4 − 1) / 8.
			name: "edges",
			s:    mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, 0, 0, 0, 1, 2, 1, 4, 0),
			want: cxmetrics.NPSResult{Promoters: 4, Passives: 3, Detractors: 1, Score: 100 * 3.0 / 8},
		},
		{
			name: "all promoters",
			s:    mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2),
			want: cxmetrics.NPSResult{Promoters: 5, Score: 100},
		},
		{
			name: "all detractors",
			s:    mustSurvey(t, cxmetrics.NPSScale, 5),
			want: cxmetrics.NPSResult{Detractors: 5, Score: -100},
		},
		{
			// Not rounded: 100 × (1 − 0) / 3 = 33.333…, not 33.
			name: "thirds",
			s:    mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1),
			want: cxmetrics.NPSResult{Promoters: 1, Passives: 2, Score: 100.0 / 3},
		},
		{name: "1-10 scale refused", s: mustSurvey(t, cxmetrics.Scale{Min: 1, Max: 10}, 1), wantErr: cxmetrics.ErrScaleMismatch},
		{name: "1-5 scale refused", s: mustSurvey(t, cxmetrics.CSATScale, 1), wantErr: cxmetrics.ErrScaleMismatch},
		{name: "empty", s: mustSurvey(t, cxmetrics.NPSScale), wantErr: cxmetrics.ErrNoResponses},
		{name: "nil", s: nil, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "zero value", s: &cxmetrics.Survey{}, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.NPS(tt.s)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("NPS() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("NPS() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSFromCounts(t *testing.T) {
	tests := []struct {
		name          string
		pro, pas, det int64
		wantScore     float64
		wantErr       error
	}{
		// 70 promoters, 20 passives, 10 detractors:
		// 100 × (70 − 10) / 100 = 60.
		{name: "70/20/10", pro: 70, pas: 20, det: 10, wantScore: 60},
		// 100 × (45 − 20) / (45 + 35 + 20) = 25.
		{name: "45/35/20", pro: 45, pas: 35, det: 20, wantScore: 25},
		{name: "passives only", pas: 4, wantScore: 0},
		// Past 2⁵³ the count rounds as a float64, yet the score stays at
		// exactly −100: 100 × (−d / d). Scaling before dividing gave
		// −100.00000000000001 here.
		{name: "huge detractors only", det: 1044979241232755795, wantScore: -100},
		{name: "zero", wantErr: cxmetrics.ErrNoResponses},
		{name: "negative promoters", pro: -1, pas: 2, wantErr: cxmetrics.ErrNegative},
		{name: "negative detractors", pro: 1, det: -1, wantErr: cxmetrics.ErrNegative},
		{name: "total past int64", pro: math.MaxInt64, det: 1, wantErr: cxmetrics.ErrOverflow},
		{name: "pair past int64", pro: math.MaxInt64 / 2, pas: math.MaxInt64/2 + 2, wantErr: cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.NPSFromCounts(tt.pro, tt.pas, tt.det)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("NPSFromCounts() error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			want := cxmetrics.NPSResult{Promoters: tt.pro, Passives: tt.pas, Detractors: tt.det, Score: tt.wantScore}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("NPSFromCounts() mismatch (-want +got):\n%s", diff)
			}
			if got.Total() != tt.pro+tt.pas+tt.det {
				t.Errorf("Total() = %d, want %d", got.Total(), tt.pro+tt.pas+tt.det)
			}
		})
	}
}
