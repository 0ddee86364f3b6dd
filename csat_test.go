package cxmetrics_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCSATTopBox(t *testing.T) {
	tests := []struct {
		name    string
		s       *cxmetrics.Survey
		boxes   int
		want    cxmetrics.CSATResult
		wantErr error
	}{
		// 1-5: top two boxes are 4 and 5. 100 × (3 + 5) / (1+1+2+3+5).
		{"1-5 top two", mustSurvey(t, cxmetrics.CSATScale, 1, 1, 2, 3, 5), 2,
			cxmetrics.CSATResult{Satisfied: 8, Total: 12, Score: 100 * 8.0 / 12}, nil},
		// Top box alone: 100 × 5 / 12.
		{"1-5 top one", mustSurvey(t, cxmetrics.CSATScale, 1, 1, 2, 3, 5), 1,
			cxmetrics.CSATResult{Satisfied: 5, Total: 12, Score: 100 * 5.0 / 12}, nil},
		// Top four of five: everything but 1. 100 × 11 / 12.
		{"1-5 top four", mustSurvey(t, cxmetrics.CSATScale, 1, 1, 2, 3, 5), 4,
			cxmetrics.CSATResult{Satisfied: 11, Total: 12, Score: 100 * 11.0 / 12}, nil},
		// 1-7: top two are 6 and 7. 100 × (2 + 1) / 10.
		{"1-7 top two", mustSurvey(t, cxmetrics.Scale{Min: 1, Max: 7}, 1, 1, 1, 1, 3, 2, 1), 2,
			cxmetrics.CSATResult{Satisfied: 3, Total: 10, Score: 30}, nil},
		// 1-10: top two are 9 and 10; one answer each of 1, 8, 9, 10.
		// 100 × (1 + 1) / 4.
		{"1-10 top two", mustSurvey(t, cxmetrics.Scale{Min: 1, Max: 10}, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1), 2,
			cxmetrics.CSATResult{Satisfied: 2, Total: 4, Score: 50}, nil},
		{"all satisfied", mustSurvey(t, cxmetrics.CSATScale, 0, 0, 0, 1, 1), 2,
			cxmetrics.CSATResult{Satisfied: 2, Total: 2, Score: 100}, nil},
		{"none satisfied", mustSurvey(t, cxmetrics.CSATScale, 2, 1, 1), 2,
			cxmetrics.CSATResult{Satisfied: 0, Total: 4, Score: 0}, nil},
		{"zero boxes", mustSurvey(t, cxmetrics.CSATScale, 1), 0, cxmetrics.CSATResult{}, cxmetrics.ErrInvalidArgument},
		{"every box", mustSurvey(t, cxmetrics.CSATScale, 1), 5, cxmetrics.CSATResult{}, cxmetrics.ErrInvalidArgument},
		{"negative boxes", mustSurvey(t, cxmetrics.CSATScale, 1), -1, cxmetrics.CSATResult{}, cxmetrics.ErrInvalidArgument},
		{"empty", mustSurvey(t, cxmetrics.CSATScale), 2, cxmetrics.CSATResult{}, cxmetrics.ErrNoResponses},
		{"nil", nil, 2, cxmetrics.CSATResult{}, cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CSATTopBox(tt.s, tt.boxes)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("CSATTopBox() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("CSATTopBox() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCSATIsTopTwo(t *testing.T) {
	for _, s := range []*cxmetrics.Survey{
		mustSurvey(t, cxmetrics.CSATScale, 1, 1, 2, 3, 5),
		mustSurvey(t, cxmetrics.Scale{Min: 1, Max: 7}, 4, 0, 0, 0, 0, 1, 1),
		mustSurvey(t, cxmetrics.CSATScale),
	} {
		got, err := cxmetrics.CSAT(s)
		want, wantErr := cxmetrics.CSATTopBox(s, 2)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || got != want {
			t.Errorf("CSAT(%v) = %+v, %v; CSATTopBox(s, 2) = %+v, %v", counts(s), got, err, want, wantErr)
		}
	}
}
