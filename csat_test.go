package cxmetrics_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
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

func TestCSATInterval(t *testing.T) {
	// Wilson score interval. Newcombe, "Two-sided confidence intervals for
	// the single proportion", Statistics in Medicine 17, 1998, Table I,
	// method 3, prints 81/263: 0.2553-0.3662, 15/148: 0.0624-0.1605,
	// 0/20: 0-0.1611, 1/29: 0.0061-0.1718 (checked below to 4 decimals);
	// the full-precision values are the same formula in mpmath at 40
	// digits, and are what R's binom.confint(x, n, methods = "wilson")
	// computes.
	tests := []struct {
		name       string
		r          cxmetrics.CSATResult
		confidence float64
		want       cxmetrics.Interval
		newcombe   cxmetrics.Interval
		wantErr    error
	}{
		{"Newcombe 81/263", cxmetrics.CSATResult{Satisfied: 81, Total: 263}, 0.95,
			cxmetrics.Interval{Lo: 25.528851987827423, Hi: 36.620957698280007}, cxmetrics.Interval{Lo: 25.53, Hi: 36.62}, nil},
		{"Newcombe 15/148", cxmetrics.CSATResult{Satisfied: 15, Total: 148}, 0.95,
			cxmetrics.Interval{Lo: 6.238639953073628, Hi: 16.048724172330804}, cxmetrics.Interval{Lo: 6.24, Hi: 16.05}, nil},
		{"Newcombe 0/20", cxmetrics.CSATResult{Satisfied: 0, Total: 20}, 0.95,
			cxmetrics.Interval{Lo: 0, Hi: 16.112515805281939}, cxmetrics.Interval{Lo: 0, Hi: 16.11}, nil},
		{"Newcombe 1/29", cxmetrics.CSATResult{Satisfied: 1, Total: 29}, 0.95,
			cxmetrics.Interval{Lo: 0.61132142927626605, Hi: 17.175521879320288}, cxmetrics.Interval{Lo: 0.61, Hi: 17.18}, nil},
		{"all satisfied", cxmetrics.CSATResult{Satisfied: 29, Total: 29}, 0.95,
			cxmetrics.Interval{Lo: 88.303020150025923, Hi: 100}, cxmetrics.Interval{Lo: 88.30, Hi: 100}, nil},
		{"bad confidence", cxmetrics.CSATResult{Satisfied: 1, Total: 2}, math.Inf(1), cxmetrics.Interval{}, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"empty", cxmetrics.CSATResult{}, 0.95, cxmetrics.Interval{}, cxmetrics.Interval{}, cxmetrics.ErrNoResponses},
		{"more satisfied than answers", cxmetrics.CSATResult{Satisfied: 3, Total: 2}, 0.95, cxmetrics.Interval{}, cxmetrics.Interval{}, cxmetrics.ErrInconsistent},
		{"negative", cxmetrics.CSATResult{Satisfied: -1, Total: 2}, 0.95, cxmetrics.Interval{}, cxmetrics.Interval{}, cxmetrics.ErrNegative},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.r.Interval(tt.confidence)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.newcombe, got, cmpopts.EquateApprox(0, 0.005)); diff != "" {
				t.Errorf("against Newcombe's table, mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompareCSAT(t *testing.T) {
	// Newcombe, "Interval estimation for the difference between independent
	// proportions", Statistics in Medicine 17, 1998, Table II, method 10:
	// 56/70 − 48/80 gives 0.0524 to 0.3339, 9/10 − 3/10 gives 0.1705 to
	// 0.8090 (checked to 4 decimals). Full precision, the pooled z test
	// (z² is R's prop.test(correct = FALSE) statistic) and its p-value:
	// mpmath at 40 digits.
	tests := []struct {
		name       string
		a, b       cxmetrics.CSATResult
		confidence float64
		want       cxmetrics.Comparison
		wantErr    error
	}{
		{"Newcombe (a) 48/80 to 56/70", cxmetrics.CSATResult{Satisfied: 48, Total: 80}, cxmetrics.CSATResult{Satisfied: 56, Total: 70}, 0.95,
			cxmetrics.Comparison{Diff: 20, StdErr: 7.5466801278695357, Z: 2.6501719512585326, P: 0.0080450813681965847,
				Interval: cxmetrics.Interval{Lo: 5.2431472402364878, Hi: 33.387265403690598}, Center: 20}, nil},
		{"Newcombe (b) 3/10 to 9/10", cxmetrics.CSATResult{Satisfied: 3, Total: 10}, cxmetrics.CSATResult{Satisfied: 9, Total: 10}, 0.95,
			cxmetrics.Comparison{Diff: 60, StdErr: 21.908902300206645, Z: 2.7386127875258306, P: 0.0061698993205441622,
				Interval: cxmetrics.Interval{Lo: 17.052272393450288, Hi: 80.901797353548798}, Center: 60}, nil},
		{"both all satisfied", cxmetrics.CSATResult{Satisfied: 5, Total: 5}, cxmetrics.CSATResult{Satisfied: 7, Total: 7}, 0.95,
			cxmetrics.Comparison{P: 1, Interval: cxmetrics.Interval{Lo: -35.433043506668746, Hi: 43.448246478317482}}, nil},
		{"bad confidence", cxmetrics.CSATResult{Satisfied: 1, Total: 2}, cxmetrics.CSATResult{Satisfied: 1, Total: 2}, 1.5, cxmetrics.Comparison{}, cxmetrics.ErrInvalidArgument},
		{"b empty", cxmetrics.CSATResult{Satisfied: 1, Total: 2}, cxmetrics.CSATResult{}, 0.95, cxmetrics.Comparison{}, cxmetrics.ErrNoResponses},
		{"totals overflow", cxmetrics.CSATResult{Total: math.MaxInt64}, cxmetrics.CSATResult{Total: 1}, 0.95, cxmetrics.Comparison{}, cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CompareCSAT(tt.a, tt.b, tt.confidence)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	got, _ := cxmetrics.CompareCSAT(cxmetrics.CSATResult{Satisfied: 48, Total: 80}, cxmetrics.CSATResult{Satisfied: 56, Total: 70}, 0.95)
	if diff := cmp.Diff(cxmetrics.Interval{Lo: 5.24, Hi: 33.39}, got.Interval, cmpopts.EquateApprox(0, 0.005)); diff != "" {
		t.Errorf("against Newcombe's Table II, mismatch (-want +got):\n%s", diff)
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
