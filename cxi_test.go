package cxmetrics_test

import (
	"errors"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCXIndex(t *testing.T) {
	// needs: 1 2 3 4 5 5 → 100 × (3 − 2) / 6
	needs := mustSurvey(t, cxmetrics.CSATScale, 1, 1, 1, 1, 2)
	// ease: 4 4 5 5 → 100 × (4 − 0) / 4 = 100
	ease := mustSurvey(t, cxmetrics.CSATScale, 0, 0, 0, 2, 2)
	// enjoyment: 1 1 3 → 100 × (0 − 2) / 3
	enjoy := mustSurvey(t, cxmetrics.CSATScale, 2, 0, 1)
	tests := []struct {
		name               string
		needs, ease, enjoy *cxmetrics.Survey
		want               cxmetrics.CXIResult
		wantErr            error
	}{
		{
			name: "three questions", needs: needs, ease: ease, enjoy: enjoy,
			want: cxmetrics.CXIResult{
				Needs: 100.0 / 6, Ease: 100, Enjoyment: -200.0 / 3,
				Score: (100.0/6 + 100 - 200.0/3) / 3,
			},
		},
		{name: "not 1-5", needs: needs, ease: mustSurvey(t, cxmetrics.NPSScale, 1), enjoy: enjoy, wantErr: cxmetrics.ErrScaleMismatch},
		{name: "empty", needs: needs, ease: ease, enjoy: mustSurvey(t, cxmetrics.CSATScale), wantErr: cxmetrics.ErrNoResponses},
		{name: "nil", needs: nil, ease: ease, enjoy: enjoy, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "zero value", needs: needs, ease: &cxmetrics.Survey{}, enjoy: enjoy, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CXIndex(tt.needs, tt.ease, tt.enjoy)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("CXIndex() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("CXIndex() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
