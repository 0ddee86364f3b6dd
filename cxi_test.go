package cxmetrics_test

import (
	"errors"
	"math"
	"strings"
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

func TestCXIndexOf(t *testing.T) {
	// Nets by hand, counts of 1 to 5:
	//   effort        5 5 10 40 40: 100 × (80 − 10) / 100 = 70
	//   empathy      10 10 20 30 30: 100 × (60 − 20) / 100 = 40
	//   understanding 2 8 10 20 10:  100 × (30 − 10) / 50 = 40
	//   effectiveness 20 20 20 20 20: 100 × (40 − 40) / 100 = 0
	effort := mustSurvey(t, cxmetrics.CSATScale, 5, 5, 10, 40, 40)
	empathy := mustSurvey(t, cxmetrics.CSATScale, 10, 10, 20, 30, 30)
	understanding := mustSurvey(t, cxmetrics.CSATScale, 2, 8, 10, 20, 10)
	effectiveness := mustSurvey(t, cxmetrics.CSATScale, 20, 20, 20, 20, 20)
	four := func(w ...float64) []cxmetrics.CXComponent {
		c := []cxmetrics.CXComponent{
			{Name: "effort", Survey: effort}, {Name: "empathy", Survey: empathy},
			{Name: "understanding", Survey: understanding}, {Name: "effectiveness", Survey: effectiveness},
		}
		for i := range w {
			c[i].Weight = w[i]
		}
		return c
	}
	scores := func(w ...float64) []cxmetrics.CXComponentScore {
		return []cxmetrics.CXComponentScore{
			{Name: "effort", Net: 70, Weight: w[0], Total: 100}, {Name: "empathy", Net: 40, Weight: w[1], Total: 100},
			{Name: "understanding", Net: 40, Weight: w[2], Total: 50}, {Name: "effectiveness", Net: 0, Weight: w[3], Total: 100},
		}
	}
	tests := []struct {
		name       string
		components []cxmetrics.CXComponent
		want       cxmetrics.CXIndexResult
		wantErr    error
		wantText   string
	}{
		{
			// Equal weights: (70 + 40 + 40 + 0) / 4 = 37.5.
			name: "four, unweighted", components: four(),
			want: cxmetrics.CXIndexResult{Score: 37.5, Components: scores(0.25, 0.25, 0.25, 0.25)},
		},
		{
			// Weights 2 1 1 0 refused below; 2 1 1 4 of 8:
			// (2 × 70 + 40 + 40 + 0) / 8 = 27.5.
			name: "four, weighted", components: four(2, 1, 1, 4),
			want: cxmetrics.CXIndexResult{Score: 27.5, Components: scores(0.25, 0.125, 0.125, 0.5)},
		},
		{
			// Weights past float64's sum: each 1e308, equal after
			// scaling, (70 + 40 + 40 + 0) / 4.
			name: "huge weights", components: four(1e308, 1e308, 1e308, 1e308),
			want: cxmetrics.CXIndexResult{Score: 37.5, Components: scores(0.25, 0.25, 0.25, 0.25)},
		},
		{
			// Forrester's three with equal weights is CXIndex: see
			// TestCXIndexOfIsCXIndex. Two components: (70 + 0) / 2.
			name:       "two",
			components: []cxmetrics.CXComponent{{Name: "a", Survey: effort}, {Name: "b", Survey: effectiveness}},
			want: cxmetrics.CXIndexResult{Score: 35, Components: []cxmetrics.CXComponentScore{
				{Name: "a", Net: 70, Weight: 0.5, Total: 100}, {Name: "b", Net: 0, Weight: 0.5, Total: 100}}},
		},
		{name: "one", components: four()[:1], wantErr: cxmetrics.ErrInvalidArgument, wantText: "1 components"},
		{name: "none", components: nil, wantErr: cxmetrics.ErrInvalidArgument, wantText: "0 components"},
		{name: "zero beside positive", components: four(1, 1, 0, 1), wantErr: cxmetrics.ErrInvalidArgument, wantText: `components[2] ("understanding")`},
		{name: "negative weight", components: four(1, -1, 1, 1), wantErr: cxmetrics.ErrInvalidArgument, wantText: `components[1] ("empathy")`},
		{name: "NaN weight", components: four(1, 1, 1, math.NaN()), wantErr: cxmetrics.ErrInvalidArgument, wantText: `components[3]`},
		{name: "infinite weight", components: four(math.Inf(1)), wantErr: cxmetrics.ErrInvalidArgument, wantText: `components[0]`},
		{
			name:       "nil survey",
			components: []cxmetrics.CXComponent{{Name: "a", Survey: effort}, {Name: "empathy"}},
			wantErr:    cxmetrics.ErrInvalidArgument, wantText: `components[1] ("empathy").Survey`,
		},
		{
			name:       "0-10 survey",
			components: []cxmetrics.CXComponent{{Name: "a", Survey: effort}, {Name: "nps", Survey: mustSurvey(t, cxmetrics.NPSScale, 1)}},
			wantErr:    cxmetrics.ErrScaleMismatch, wantText: `components[1] ("nps")`,
		},
		{
			name:       "1-7 survey",
			components: []cxmetrics.CXComponent{{Name: "ces", Survey: mustSurvey(t, cxmetrics.CESScale, 1)}, {Name: "a", Survey: effort}},
			wantErr:    cxmetrics.ErrScaleMismatch, wantText: `components[0] ("ces")`,
		},
		{
			name:       "empty survey",
			components: []cxmetrics.CXComponent{{Name: "a", Survey: effort}, {Name: "b", Survey: mustSurvey(t, cxmetrics.CSATScale)}},
			wantErr:    cxmetrics.ErrNoResponses, wantText: `components[1] ("b")`,
		},
		{
			name:       "same name",
			components: []cxmetrics.CXComponent{{Name: "a", Survey: effort}, {Name: "b", Survey: effort}, {Name: "a", Survey: empathy}},
			wantErr:    cxmetrics.ErrInvalidArgument, wantText: `components[0] and components[2] are both named "a"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CXIndexOf(tt.components)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("CXIndexOf() error = %v, want %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("CXIndexOf() error %q does not name %s", err, tt.wantText)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("CXIndexOf() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCXIndexOfIsCXIndex checks that Forrester's three questions with
// equal weights give CXIndex's score and nets.
func TestCXIndexOfIsCXIndex(t *testing.T) {
	needs := mustSurvey(t, cxmetrics.CSATScale, 3, 4, 10, 30, 53)
	ease := mustSurvey(t, cxmetrics.CSATScale, 7, 1, 12, 44, 20)
	joy := mustSurvey(t, cxmetrics.CSATScale, 9, 9, 9, 9, 1)
	want, err := cxmetrics.CXIndex(needs, ease, joy)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cxmetrics.CXIndexOf([]cxmetrics.CXComponent{{Name: "needs", Survey: needs}, {Name: "ease", Survey: ease}, {Name: "enjoyment", Survey: joy}})
	if err != nil {
		t.Fatal(err)
	}
	nets := []float64{got.Components[0].Net, got.Components[1].Net, got.Components[2].Net}
	if diff := cmp.Diff([]float64{want.Needs, want.Ease, want.Enjoyment}, nets, approx); diff != "" {
		t.Errorf("nets mismatch (-CXIndex +CXIndexOf):\n%s", diff)
	}
	if !approxEqual(got.Score, want.Score) {
		t.Errorf("Score = %v, CXIndex %v", got.Score, want.Score)
	}
}

// A positive weight so small beside the largest that its fraction of the
// sum underflows float64 is ErrOverflow naming it, not a silent weight of
// 0 that drops the component: 5e-324 / 1.8e308 and 1e-300 / 1e300 are both
// below the smallest positive float64, 5e-324.
func TestCXIndexOfWeightUnderflow(t *testing.T) {
	a := mustSurvey(t, cxmetrics.CSATScale, 1, 2, 3, 4, 5)
	b := mustSurvey(t, cxmetrics.CSATScale, 5, 4, 3, 2, 1)
	for _, w := range [][2]float64{{5e-324, math.MaxFloat64}, {1e-300, 1e300}} {
		_, err := cxmetrics.CXIndexOf([]cxmetrics.CXComponent{
			{Name: "tiny", Survey: a, Weight: w[0]},
			{Name: "huge", Survey: b, Weight: w[1]},
		})
		if !errors.Is(err, cxmetrics.ErrOverflow) || !strings.Contains(err.Error(), `components[0] ("tiny")`) {
			t.Errorf("weights %v: err %v, want ErrOverflow naming components[0]", w, err)
		}
	}
	// Weights far apart whose fraction still exists keep it: 1e-300 beside
	// 1 is 1e-300 / (1 + 1e-300) = 1e-300 of the index.
	r, err := cxmetrics.CXIndexOf([]cxmetrics.CXComponent{
		{Name: "tiny", Survey: a, Weight: 1e-300},
		{Name: "one", Survey: b, Weight: 1},
	})
	if err != nil || r.Components[0].Weight != 1e-300 || r.Components[1].Weight != 1 {
		t.Errorf("1e-300 beside 1: %+v, %v", r, err)
	}
}
