package cxmetrics_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// The independent WLS computation the NPS and CES trends are checked
// against is scripts/trend_reference.py, numpy and scipy only (no statsmodels):
//
//	def wls(y, se, conf=0.95):
//	    t = np.arange(1, len(y) + 1.0)
//	    w = 1 / np.asarray(se) ** 2
//	    X = np.column_stack([np.ones_like(t), t])
//	    XtWX = X.T @ (w[:, None] * X)
//	    beta = np.linalg.solve(XtWX, X.T @ (w * y))
//	    b, s = beta[1], np.sqrt(np.linalg.inv(XtWX)[1, 1])
//	    z = b / s; q = norm.ppf((1 + conf) / 2)
//	    return b, s, z, 2 * norm.sf(abs(z)), b - q * s, b + q * s
//	def aw(p, a, d):   # adjusted-Wald NPS and its standard error, in points
//	    n = p + a + d + 3; pp = (p + .75) / n; dd = (d + .75) / n
//	    return 100 * (pp - dd), 100 * np.sqrt((pp + dd - (pp - dd) ** 2) / n)
//
// It solves the normal equations with both coefficients, where the code
// centres the scores and scales the weights: a different route to the
// same line.

func TestCSATTrend(t *testing.T) {
	tests := []struct {
		name       string
		periods    []cxmetrics.CSATResult
		confidence float64
		want       cxmetrics.Trend
		wantChi2   float64
		wantErr    error
		wantText   string
	}{
		{
			// R's ?prop.trend.test example, R 4.2.2:
			//	smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82)
			//	prop.trend.test(smokers, patients)
			//	X-squared = 8.2249, df = 1, p-value = 0.004132
			// to 17 digits 8.2249222851977333 and 0.004131897477641434.
			// Slope: 100 × coef(lm(freq ~ score, weights = n/p/(1-p)))
			// = 100 × -0.033415626412601387. StdErr, interval: numpy,
			// 100 × sqrt(p̄(1 − p̄)/Sₜₜ) and Slope ± 1.959964 × StdErr.
			name: "R smokers",
			periods: []cxmetrics.CSATResult{
				{Satisfied: 83, Total: 86}, {Satisfied: 90, Total: 93},
				{Satisfied: 129, Total: 136}, {Satisfied: 70, Total: 82},
			},
			confidence: 0.95,
			want: cxmetrics.Trend{
				Slope: -3.3415626412601387, StdErr: 1.1651550056687558, Z: -2.8679125309530784,
				P: 0.004131897477641434, Interval: cxmetrics.Interval{Lo: -5.6252244887774534, Hi: -1.057900793742806},
				Periods: 4,
			},
			wantChi2: 8.2249222851977333,
		},
		{
			// A rising CSAT: x <- c(40, 45, 52, 50, 61, 66);
			// n <- c(100, 110, 105, 95, 120, 115); prop.trend.test(x, n):
			// X-squared 8.8309535238453059, p 0.0029616359891530808;
			// lm slope 0.034006501422186086.
			name: "rising",
			periods: []cxmetrics.CSATResult{
				{Satisfied: 40, Total: 100}, {Satisfied: 45, Total: 110}, {Satisfied: 52, Total: 105},
				{Satisfied: 50, Total: 95}, {Satisfied: 61, Total: 120}, {Satisfied: 66, Total: 115},
			},
			confidence: 0.95,
			want: cxmetrics.Trend{
				Slope: 3.4006501422186086, StdErr: 1.1443481045048398, Z: 2.9716920304508854,
				P: 0.0029616359891530808, Interval: cxmetrics.Interval{Lo: 1.1577690716124454, Hi: 5.6435312128247732},
				Periods: 6,
			},
			wantChi2: 8.8309535238453059,
		},
		{
			// Two periods: the trend test is the two-proportion z test,
			// prop.test(c(30, 45), c(100, 100), correct = FALSE)$p.value
			// = 0.028459736916310541 (%.17g); slope 45% − 30% = 15 points; StdErr
			// 100 × sqrt(0.375 × 0.625 × (1/100 + 1/100)) = 6.846532...
			name:       "two periods",
			periods:    []cxmetrics.CSATResult{{Satisfied: 30, Total: 100}, {Satisfied: 45, Total: 100}},
			confidence: 0.95,
			want: cxmetrics.Trend{
				Slope: 15, StdErr: 100 * math.Sqrt(0.375*0.625*0.02), Z: 15 / (100 * math.Sqrt(0.375*0.625*0.02)),
				P: 0.028459736916310541, Interval: cxmetrics.Interval{Lo: 15 - 1.959963984540054*100*math.Sqrt(0.375*0.625*0.02), Hi: 15 + 1.959963984540054*100*math.Sqrt(0.375*0.625*0.02)},
				Periods: 2,
			},
			wantChi2: math.Pow(15/(100*math.Sqrt(0.375*0.625*0.02)), 2),
		},
		{
			// Everyone satisfied every period: no variance, no trend.
			name:       "all satisfied",
			periods:    []cxmetrics.CSATResult{{Satisfied: 5, Total: 5}, {Satisfied: 9, Total: 9}, {Satisfied: 1, Total: 1}},
			confidence: 0.95,
			want:       cxmetrics.Trend{P: 1, Periods: 3},
		},
		{name: "one period", periods: []cxmetrics.CSATResult{{Satisfied: 1, Total: 2}}, confidence: 0.95, wantErr: cxmetrics.ErrInvalidArgument, wantText: "have 1"},
		{name: "none", periods: nil, confidence: 0.95, wantErr: cxmetrics.ErrInvalidArgument, wantText: "have 0"},
		{name: "bad confidence", periods: []cxmetrics.CSATResult{{Satisfied: 1, Total: 2}, {Satisfied: 1, Total: 2}}, confidence: math.NaN(), wantErr: cxmetrics.ErrInvalidArgument, wantText: "confidence NaN"},
		{
			name:       "empty period",
			periods:    []cxmetrics.CSATResult{{Satisfied: 1, Total: 2}, {Satisfied: 1, Total: 2}, {Satisfied: 1, Total: 2}, {}},
			confidence: 0.95, wantErr: cxmetrics.ErrNoResponses, wantText: "periods[3]",
		},
		{
			name:       "negative",
			periods:    []cxmetrics.CSATResult{{Satisfied: 1, Total: 2}, {Satisfied: -1, Total: 2}},
			confidence: 0.95, wantErr: cxmetrics.ErrNegative, wantText: "periods[1]",
		},
		{
			name:       "inconsistent",
			periods:    []cxmetrics.CSATResult{{Satisfied: 3, Total: 2}, {Satisfied: 1, Total: 2}},
			confidence: 0.95, wantErr: cxmetrics.ErrInconsistent, wantText: "periods[0]",
		},
		{
			name:       "overflow",
			periods:    []cxmetrics.CSATResult{{Satisfied: 1, Total: math.MaxInt64}, {Satisfied: 1, Total: 2}},
			confidence: 0.95, wantErr: cxmetrics.ErrOverflow, wantText: "periods[1]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CSATTrend(tt.periods, tt.confidence)
			checkTrend(t, got, err, tt.want, tt.wantErr, tt.wantText)
			if err == nil && !approxEqual(got.Z*got.Z, tt.wantChi2) {
				t.Errorf("Z² = %v, want the chi-squared %v", got.Z*got.Z, tt.wantChi2)
			}
		})
	}
}

// checkTrend compares a trend and its error with what a case wants.
func checkTrend(t *testing.T, got cxmetrics.Trend, err error, want cxmetrics.Trend, wantErr error, wantText string) {
	t.Helper()
	if !errors.Is(err, wantErr) {
		t.Fatalf("error = %v, want %v", err, wantErr)
	}
	if err != nil {
		if !strings.Contains(err.Error(), wantText) {
			t.Errorf("error %q does not name %s", err, wantText)
		}
		return
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-9, 1e-12)); diff != "" {
		t.Errorf("trend mismatch (-want +got):\n%s", diff)
	}
}

func TestNPSTrend(t *testing.T) {
	six := []cxmetrics.NPSResult{
		mustNPS(t, 50, 30, 20), mustNPS(t, 48, 30, 22), mustNPS(t, 45, 30, 25),
		mustNPS(t, 44, 28, 28), mustNPS(t, 40, 30, 30), mustNPS(t, 38, 30, 32),
	}
	tests := []struct {
		name       string
		periods    []cxmetrics.NPSResult
		confidence float64
		want       cxmetrics.Trend
		wantErr    error
		wantText   string
	}{
		{
			// trend.py: wls(*zip(*[aw(*c) for c in nps])) for the six
			// periods 50/30/20, 48/30/22, 45/30/25, 44/28/28, 40/30/30,
			// 38/30/32.
			name: "six months falling", periods: six, confidence: 0.95,
			want: cxmetrics.Trend{
				Slope: -4.7706898922953442, StdErr: 1.9016378591271883, Z: -2.5087268164112961,
				P: 0.012116715084052163, Interval: cxmetrics.Interval{Lo: -8.4978316078224871, Hi: -1.0435481767682022},
				Periods: 6,
			},
		},
		{
			// trend.py for 40/30/30 then 50/30/20. With two periods the
			// trend is CompareNPS: its p-value for the same counts in
			// the segment test is R's 0.083215867531571217 too.
			name: "two periods", periods: []cxmetrics.NPSResult{mustNPS(t, 40, 30, 30), mustNPS(t, 50, 30, 20)}, confidence: 0.95,
			want: cxmetrics.Trend{
				Slope: 19.417475728155338, StdErr: 11.208916023086056, Z: 1.7323241326960437,
				P: 0.08321586753157123, Interval: cxmetrics.Interval{Lo: -2.5515959828272656, Hi: 41.386547439137942},
				Periods: 2,
			},
		},
		{name: "one period", periods: six[:1], confidence: 0.95, wantErr: cxmetrics.ErrInvalidArgument, wantText: "have 1"},
		{name: "bad confidence", periods: six, confidence: 1, wantErr: cxmetrics.ErrInvalidArgument, wantText: "confidence 1"},
		{name: "empty period", periods: []cxmetrics.NPSResult{six[0], six[1], six[2], {}}, confidence: 0.95, wantErr: cxmetrics.ErrNoResponses, wantText: "periods[3]"},
		{name: "negative", periods: []cxmetrics.NPSResult{six[0], {Promoters: -1, Passives: 3}}, confidence: 0.95, wantErr: cxmetrics.ErrNegative, wantText: "periods[1]"},
		{name: "overflow", periods: []cxmetrics.NPSResult{{Promoters: math.MaxInt64, Detractors: 1}, six[0]}, confidence: 0.95, wantErr: cxmetrics.ErrOverflow, wantText: "periods[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.NPSTrend(tt.periods, tt.confidence)
			checkTrend(t, got, err, tt.want, tt.wantErr, tt.wantText)
		})
	}
	// Two periods: Slope and StdErr are CompareNPS's Center and StdErr.
	c, _ := cxmetrics.CompareNPS(six[4], six[0], 0.95)
	tr, _ := cxmetrics.NPSTrend([]cxmetrics.NPSResult{six[4], six[0]}, 0.95)
	if !approxEqual(tr.Slope, c.Center) || !approxEqual(tr.StdErr, c.StdErr) || !approxEqual(tr.P, c.P) {
		t.Errorf("two-period trend %+v, CompareNPS %+v", tr, c)
	}
}

// cesResult returns a CESResult on the 1-7 scale with the given mean,
// standard deviation and number of answers, as a caller might build from
// a report.
func cesResult(mean, sd float64, n int64) cxmetrics.CESResult {
	return cxmetrics.CESResult{Total: n, Mean: mean, StdDev: sd, Scale: cxmetrics.CESScale}
}

func TestCESTrend(t *testing.T) {
	five := []cxmetrics.CESResult{
		cesResult(5.2, 1.4, 120), cesResult(5.0, 1.5, 100), cesResult(5.1, 1.3, 140),
		cesResult(4.8, 1.6, 90), cesResult(4.7, 1.5, 110),
	}
	tests := []struct {
		name       string
		periods    []cxmetrics.CESResult
		confidence float64
		want       cxmetrics.Trend
		wantErr    error
		wantText   string
	}{
		{
			// trend.py: wls(m, s, 0.9) for means 5.2 5.0 5.1 4.8 4.7,
			// standard deviations 1.4 1.5 1.3 1.6 1.5 and 120 100 140 90
			// 110 answers, s = sd / sqrt(n).
			name: "five periods", periods: five, confidence: 0.9,
			want: cxmetrics.Trend{
				Slope: -0.11825768728889433, StdErr: 0.044030098623531598, Z: -2.6858374381585484,
				P: 0.0072348279187620041, Interval: cxmetrics.Interval{Lo: -0.1906807547048413, Hi: -0.045834619872947346},
				Periods: 5,
			},
		},
		{name: "one period", periods: five[:1], confidence: 0.95, wantErr: cxmetrics.ErrInvalidArgument, wantText: "have 1"},
		{name: "no variance", periods: []cxmetrics.CESResult{five[0], five[1], cesResult(5, 0, 10)}, confidence: 0.95, wantErr: cxmetrics.ErrInvalidArgument, wantText: "periods[2]"},
		{name: "one answer", periods: []cxmetrics.CESResult{five[0], cesResult(5, 0, 1)}, confidence: 0.95, wantErr: cxmetrics.ErrNoResponses, wantText: "periods[1]"},
		{name: "NaN mean", periods: []cxmetrics.CESResult{five[0], cesResult(math.NaN(), 1, 10)}, confidence: 0.95, wantErr: cxmetrics.ErrOutOfRange, wantText: "periods[1]"},
		{name: "infinite sd", periods: []cxmetrics.CESResult{five[0], cesResult(4, math.Inf(1), 10)}, confidence: 0.95, wantErr: cxmetrics.ErrInvalidArgument, wantText: "periods[1]"},
		{name: "no scale", periods: []cxmetrics.CESResult{five[0], {Total: 5, Mean: 3, StdDev: 1}}, confidence: 0.95, wantErr: cxmetrics.ErrInvalidScale, wantText: "periods[1]"},
		{
			name:       "scales differ",
			periods:    []cxmetrics.CESResult{five[0], five[1], {Total: 5, Mean: 3, StdDev: 1, Scale: cxmetrics.CSATScale}},
			confidence: 0.95, wantErr: cxmetrics.ErrScaleMismatch, wantText: "periods[2]",
		},
		{
			// Standard errors 1e-200 and 1: the second period's weight
			// underflows, one weight is left, and no line is defined.
			name:       "weights past float64",
			periods:    []cxmetrics.CESResult{cesResult(5, 1e-200, 4), cesResult(4, 2, 4)},
			confidence: 0.95, wantErr: cxmetrics.ErrInvalidArgument, wantText: "too small or too far apart",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CESTrend(tt.periods, tt.confidence)
			checkTrend(t, got, err, tt.want, tt.wantErr, tt.wantText)
		})
	}
}
