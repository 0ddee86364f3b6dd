package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

func TestHealthScore(t *testing.T) {
	even := cxmetrics.HealthWeights{Usage: 1, Engagement: 1, Support: 1, Sentiment: 1, Billing: 1}
	tests := []struct {
		name    string
		s       cxmetrics.HealthSignals
		w       cxmetrics.HealthWeights
		want    cxmetrics.HealthResult
		wantErr error
	}{
		{
			// (40×80 + 20×60 + 20×70 + 10×90 + 10×100) / 100
			//   = (3200 + 1200 + 1400 + 900 + 1000) / 100 = 77
			name: "weighted, green",
			s:    cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: 90, Billing: 100},
			w:    cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10},
			want: cxmetrics.HealthResult{Score: 77, Band: cxmetrics.BandGreen, Contributions: cxmetrics.HealthContributions{
				Usage: 32, Engagement: 12, Support: 14, Sentiment: 9, Billing: 10,
			}},
		},
		{
			// Only proportions matter: 4:2:2:1:1 is 40:20:20:10:10.
			name: "scaled weights score the same",
			s:    cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: 90, Billing: 100},
			w:    cxmetrics.HealthWeights{Usage: 4, Engagement: 2, Support: 2, Sentiment: 1, Billing: 1},
			want: cxmetrics.HealthResult{Score: 77, Band: cxmetrics.BandGreen, Contributions: cxmetrics.HealthContributions{
				Usage: 32, Engagement: 12, Support: 14, Sentiment: 9, Billing: 10,
			}},
		},
		{
			// Sentiment unknown: (40×80 + 20×60 + 20×70 + 10×100) / 90
			//   = 6800 / 90 = 75.6, above 75: green; usage contributes
			// 3200 / 90.
			name: "unknown signal drops out, weights renormalised",
			s:    cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: unknownSignal, Billing: 100},
			w:    cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10},
			want: cxmetrics.HealthResult{Score: 6800.0 / 90, Band: cxmetrics.BandGreen, Contributions: cxmetrics.HealthContributions{
				Usage: 3200.0 / 90, Engagement: 1200.0 / 90, Support: 1400.0 / 90, Sentiment: 0, Billing: 1000.0 / 90,
			}},
		},
		{
			// Gainsight: "0 - 50 range, scores 0 - 50 are considered as Red".
			name: "Gainsight 50 is red",
			s:    cxmetrics.HealthSignals{Usage: 50, Engagement: 50, Support: 50, Sentiment: 50, Billing: 50},
			w:    even,
			want: cxmetrics.HealthResult{Score: 50, Band: cxmetrics.BandRed, Contributions: cxmetrics.HealthContributions{
				Usage: 10, Engagement: 10, Support: 10, Sentiment: 10, Billing: 10,
			}},
		},
		{
			// Gainsight: "50 - 75 range, scores 51 - 75 are Yellow".
			// (75 + 75 + 75 + 75 + 75) / 5
			name: "Gainsight 75 is yellow",
			s:    cxmetrics.HealthSignals{Usage: 75, Engagement: 75, Support: 75, Sentiment: 75, Billing: 75},
			w:    even,
			want: cxmetrics.HealthResult{Score: 75, Band: cxmetrics.BandYellow, Contributions: cxmetrics.HealthContributions{
				Usage: 15, Engagement: 15, Support: 15, Sentiment: 15, Billing: 15,
			}},
		},
		{
			// (100 + 76 + 76 + 76 + 52) / 5 = 380 / 5 = 76: Gainsight's
			// "75 - 100 range, scores 76 - 100 are Green".
			name: "Gainsight 76 is green",
			s:    cxmetrics.HealthSignals{Usage: 100, Engagement: 76, Support: 76, Sentiment: 76, Billing: 52},
			w:    even,
			want: cxmetrics.HealthResult{Score: 76, Band: cxmetrics.BandGreen, Contributions: cxmetrics.HealthContributions{
				Usage: 20, Engagement: 15.2, Support: 15.2, Sentiment: 15.2, Billing: 10.4,
			}},
		},
		{
			// A zero weight leaves a signal out, known or not.
			name: "zero weight",
			s:    cxmetrics.HealthSignals{Usage: 20, Engagement: unknownSignal, Support: 100, Sentiment: unknownSignal, Billing: unknownSignal},
			w:    cxmetrics.HealthWeights{Usage: 1, Support: 0, Billing: 5},
			want: cxmetrics.HealthResult{Score: 20, Band: cxmetrics.BandRed, Contributions: cxmetrics.HealthContributions{Usage: 20}},
		},
		{
			// Weights near MaxFloat64 would overflow a plain sum.
			name: "huge weights",
			s:    cxmetrics.HealthSignals{Usage: 100, Engagement: 0, Support: unknownSignal, Sentiment: unknownSignal, Billing: unknownSignal},
			w:    cxmetrics.HealthWeights{Usage: math.MaxFloat64, Engagement: math.MaxFloat64},
			want: cxmetrics.HealthResult{Score: 50, Band: cxmetrics.BandRed, Contributions: cxmetrics.HealthContributions{Usage: 50}},
		},
		{
			name:    "every signal unknown",
			s:       cxmetrics.HealthSignals{Usage: unknownSignal, Engagement: unknownSignal, Support: unknownSignal, Sentiment: unknownSignal, Billing: unknownSignal},
			w:       even,
			wantErr: cxmetrics.ErrNoResponses,
		},
		{
			name:    "every weighted signal unknown",
			s:       cxmetrics.HealthSignals{Usage: unknownSignal, Engagement: 50},
			w:       cxmetrics.HealthWeights{Usage: 1},
			wantErr: cxmetrics.ErrNoResponses,
		},
		{name: "weights sum to zero", s: cxmetrics.HealthSignals{Usage: 50}, w: cxmetrics.HealthWeights{}, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "negative weight", s: cxmetrics.HealthSignals{Usage: 50}, w: cxmetrics.HealthWeights{Usage: 2, Support: -1}, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "NaN weight", s: cxmetrics.HealthSignals{Usage: 50}, w: cxmetrics.HealthWeights{Usage: unknownSignal}, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "infinite weight", s: cxmetrics.HealthSignals{Usage: 50}, w: cxmetrics.HealthWeights{Usage: math.Inf(1)}, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "signal above 100", s: cxmetrics.HealthSignals{Usage: 101}, w: even, wantErr: cxmetrics.ErrOutOfRange},
		{name: "negative signal", s: cxmetrics.HealthSignals{Billing: -1}, w: even, wantErr: cxmetrics.ErrOutOfRange},
		{name: "infinite signal", s: cxmetrics.HealthSignals{Support: math.Inf(-1)}, w: even, wantErr: cxmetrics.ErrOutOfRange},
		// An out-of-range signal is an error even if its weight is 0.
		{name: "bad signal of zero weight", s: cxmetrics.HealthSignals{Usage: 50, Support: 200}, w: cxmetrics.HealthWeights{Usage: 1}, wantErr: cxmetrics.ErrOutOfRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.HealthScore(tc.s, tc.w)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("HealthScore(%+v, %+v) = %+v, %v; want error %v", tc.s, tc.w, got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("HealthScore(%+v, %+v): %v", tc.s, tc.w, err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("HealthScore(%+v, %+v) mismatch (-want +got):\n%s", tc.s, tc.w, diff)
			}
		})
	}
}

func TestHealthBands(t *testing.T) {
	custom := cxmetrics.HealthBands{Red: 40, Yellow: 70}
	tests := []struct {
		name    string
		hb      cxmetrics.HealthBands
		score   float64
		want    cxmetrics.Band
		wantErr error
	}{
		// Gainsight's numeric scheme: 0-50 red, 51-75 yellow, 76-100 green.
		{name: "Gainsight 0", hb: cxmetrics.DefaultHealthBands, score: 0, want: cxmetrics.BandRed},
		{name: "Gainsight 45 is poor", hb: cxmetrics.DefaultHealthBands, score: 45, want: cxmetrics.BandRed},
		{name: "Gainsight 50", hb: cxmetrics.DefaultHealthBands, score: 50, want: cxmetrics.BandRed},
		{name: "Gainsight 50.5", hb: cxmetrics.DefaultHealthBands, score: 50.5, want: cxmetrics.BandYellow},
		{name: "Gainsight 51", hb: cxmetrics.DefaultHealthBands, score: 51, want: cxmetrics.BandYellow},
		{name: "Gainsight 75", hb: cxmetrics.DefaultHealthBands, score: 75, want: cxmetrics.BandYellow},
		{name: "Gainsight 75.01", hb: cxmetrics.DefaultHealthBands, score: 75.01, want: cxmetrics.BandGreen},
		{name: "Gainsight 100", hb: cxmetrics.DefaultHealthBands, score: 100, want: cxmetrics.BandGreen},
		{name: "custom 40", hb: custom, score: 40, want: cxmetrics.BandRed},
		{name: "custom 41", hb: custom, score: 41, want: cxmetrics.BandYellow},
		{name: "custom 71", hb: custom, score: 71, want: cxmetrics.BandGreen},
		{name: "no yellow band", hb: cxmetrics.HealthBands{Red: 60, Yellow: 60}, score: 60.5, want: cxmetrics.BandGreen},
		// The widest bands allowed: only 0 is red, only nothing is green.
		{name: "red up to 0", hb: cxmetrics.HealthBands{Red: 0, Yellow: 100}, score: 0, want: cxmetrics.BandRed},
		{name: "yellow above 0", hb: cxmetrics.HealthBands{Red: 0, Yellow: 100}, score: 0.5, want: cxmetrics.BandYellow},
		{name: "yellow up to 100", hb: cxmetrics.HealthBands{Red: 0, Yellow: 100}, score: 100, want: cxmetrics.BandYellow},
		{name: "red below 0", hb: cxmetrics.HealthBands{Red: -1, Yellow: 50}, score: 50, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "score above 100", hb: cxmetrics.DefaultHealthBands, score: 100.5, wantErr: cxmetrics.ErrOutOfRange},
		{name: "score below 0", hb: cxmetrics.DefaultHealthBands, score: -1, wantErr: cxmetrics.ErrOutOfRange},
		{name: "score NaN", hb: cxmetrics.DefaultHealthBands, score: unknownSignal, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "red above yellow", hb: cxmetrics.HealthBands{Red: 80, Yellow: 70}, score: 50, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "yellow above 100", hb: cxmetrics.HealthBands{Red: 80, Yellow: 170}, score: 50, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "NaN cutoff", hb: cxmetrics.HealthBands{Red: unknownSignal, Yellow: 70}, score: 50, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.hb.Band(tc.score)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("%+v.Band(%v) = %v, %v; want error %v", tc.hb, tc.score, got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%+v.Band(%v): %v", tc.hb, tc.score, err)
			}
			if got != tc.want {
				t.Errorf("%+v.Band(%v) = %v, want %v", tc.hb, tc.score, got, tc.want)
			}
		})
	}
}

func TestHealthBandsScore(t *testing.T) {
	// 0.5 × 60 + 0.5 × 80 = 70: yellow by default, green with cutoffs
	// 40/65.
	s := cxmetrics.HealthSignals{Usage: 60, Engagement: 80, Support: unknownSignal, Sentiment: unknownSignal, Billing: unknownSignal}
	w := cxmetrics.HealthWeights{Usage: 1, Engagement: 1}
	got, err := cxmetrics.HealthBands{Red: 40, Yellow: 65}.Score(s, w)
	if err != nil {
		t.Fatal(err)
	}
	want := cxmetrics.HealthResult{Score: 70, Band: cxmetrics.BandGreen, Contributions: cxmetrics.HealthContributions{Usage: 30, Engagement: 40}}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("Score mismatch (-want +got):\n%s", diff)
	}
	if _, err := (cxmetrics.HealthBands{Red: 90, Yellow: 10}).Score(s, w); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("Score with bad cutoffs: error %v, want %v", err, cxmetrics.ErrInvalidArgument)
	}
}

func TestBandString(t *testing.T) {
	for b, want := range map[cxmetrics.Band]string{
		cxmetrics.BandRed: "red", cxmetrics.BandYellow: "yellow", cxmetrics.BandGreen: "green", 0: "Band(0)", 7: "Band(7)",
	} {
		if got := b.String(); got != want {
			t.Errorf("Band(%d).String() = %q, want %q", int(b), got, want)
		}
	}
}

func TestWeightedScore(t *testing.T) {
	tests := []struct {
		name    string
		signals []cxmetrics.Signal
		want    float64
		wantErr error
	}{
		{
			// (3×90 + 1×50 + 1×10) / 5 = 330 / 5
			name: "three signals",
			signals: []cxmetrics.Signal{
				{Name: "seats used", Score: 90, Weight: 3},
				{Name: "exec sponsor", Score: 50, Weight: 1},
				{Name: "open escalations", Score: 10, Weight: 1},
			},
			want: 66,
		},
		{
			// (3×90 + 1×10) / 4: the unknown one drops out.
			name: "unknown signal",
			signals: []cxmetrics.Signal{
				{Name: "seats used", Score: 90, Weight: 3},
				{Name: "exec sponsor", Score: unknownSignal, Weight: 1},
				{Name: "open escalations", Score: 10, Weight: 1},
			},
			want: 70,
		},
		{name: "one signal", signals: []cxmetrics.Signal{{Name: "a", Score: 42.5, Weight: 0.1}}, want: 42.5},
		{
			// The only known signal has a tiny weight beside an unknown
			// one of 1e308; the score is that signal's own, 50, not
			// "all unknown" from its weight underflowing to 0.
			name: "huge unknown weight",
			signals: []cxmetrics.Signal{
				{Name: "usage", Score: unknownSignal, Weight: 1e308},
				{Name: "engagement", Score: 50, Weight: 1e-20},
			},
			want: 50,
		},
		{
			// (1e-20×50 + 2e-20×80) / 3e-20 = 70, beside an unknown 1e308.
			name: "tiny known weights keep their ratio",
			signals: []cxmetrics.Signal{
				{Name: "usage", Score: unknownSignal, Weight: 1e308},
				{Name: "engagement", Score: 50, Weight: 1e-20},
				{Name: "support", Score: 80, Weight: 2e-20},
			},
			want: 70,
		},
		{name: "no signals", signals: nil, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "all unknown", signals: []cxmetrics.Signal{{Name: "a", Score: unknownSignal, Weight: 1}}, wantErr: cxmetrics.ErrNoResponses},
		{name: "zero weights", signals: []cxmetrics.Signal{{Name: "a", Score: 1, Weight: 0}}, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "negative weight", signals: []cxmetrics.Signal{{Name: "a", Score: 1, Weight: -0.5}}, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "score out of range", signals: []cxmetrics.Signal{{Name: "a", Score: 100.1, Weight: 1}}, wantErr: cxmetrics.ErrOutOfRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.WeightedScore(tc.signals)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("WeightedScore = %v, %v; want error %v", got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("WeightedScore: %v", err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("WeightedScore mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalizeSignal(t *testing.T) {
	tests := []struct {
		name               string
		value, worst, best float64
		want               float64
		wantErr            error
	}{
		// More logins is healthier: 100 × (12 − 0) / (20 − 0).
		{name: "logins, more is better", value: 12, worst: 0, best: 20, want: 60},
		// Fewer tickets is healthier: 100 × (3 − 10) / (0 − 10).
		{name: "tickets, fewer is better", value: 3, worst: 10, best: 0, want: 70},
		{name: "at worst", value: 10, worst: 10, best: 0, want: 0},
		{name: "at best", value: 0, worst: 10, best: 0, want: 100},
		{name: "beyond best clamps", value: 35, worst: 0, best: 20, want: 100},
		{name: "beyond worst clamps", value: 25, worst: 10, best: 0, want: 0},
		{name: "negative bounds", value: -5, worst: -10, best: 0, want: 50},
		{name: "bounds far apart", value: 0, worst: -math.MaxFloat64, best: math.MaxFloat64, want: 50},
		// A quarter of the way from the middle: 100 × (M/2 + M) / (2M).
		{name: "bounds far apart, off centre", value: math.MaxFloat64 / 2, worst: -math.MaxFloat64, best: math.MaxFloat64, want: 75},
		{name: "bounds far apart, reversed", value: -math.MaxFloat64 / 2, worst: math.MaxFloat64, best: -math.MaxFloat64, want: 75},
		{name: "value far beyond", value: math.MaxFloat64, worst: -math.MaxFloat64 / 2, best: 0, want: 100},
		{name: "equal bounds", value: 1, worst: 5, best: 5, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "NaN value", value: unknownSignal, worst: 0, best: 1, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "Inf value", value: math.Inf(1), worst: 0, best: 1, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "NaN bound", value: 1, worst: unknownSignal, best: 1, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "Inf bound", value: 1, worst: 0, best: math.Inf(1), wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.NormalizeSignal(tc.value, tc.worst, tc.best)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("NormalizeSignal(%v, %v, %v) = %v, %v; want error %v", tc.value, tc.worst, tc.best, got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("NormalizeSignal(%v, %v, %v): %v", tc.value, tc.worst, tc.best, err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("NormalizeSignal(%v, %v, %v) mismatch (-want +got):\n%s", tc.value, tc.worst, tc.best, diff)
			}
		})
	}
}
