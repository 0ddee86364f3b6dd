package cxmetrics_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var approx = cmpopts.EquateApprox(0, 1e-9)

// relApprox compares to 1e-9 relative, for figures far below 1 in size
// whose precision approx, an absolute margin, cannot see.
var relApprox = cmpopts.EquateApprox(1e-9, 0)

// Two-sided 95% and 99% quantiles of Student's t, from the t-table of
// Abramowitz and Stegun, Table 26.10 (3 decimals, as printed in every
// statistics textbook), and the same quantiles to 17 digits computed with
// mpmath 1.3.0 at 40 digits (findroot on betainc), which agree with the
// printed table to its 3 decimals.
var tTable = []struct {
	df               float64
	t975, t995       float64 // mpmath, 17 digits
	book975, book995 float64 // printed table, 3 decimals
}{
	{1, 12.706204736174705, 63.656741162871581, 12.706, 63.657},
	{2, 4.3026527297494639, 9.9248432009182931, 4.303, 9.925},
	{3, 3.1824463052837096, 5.8409093097333573, 3.182, 5.841},
	{4, 2.7764451051977944, 4.6040948713499932, 2.776, 4.604},
	{5, 2.5705818356363155, 4.0321429835552281, 2.571, 4.032},
	{6, 2.4469118511449700, 3.7074280213247798, 2.447, 3.707},
	{7, 2.3646242515927853, 3.4994832973504939, 2.365, 3.499},
	{8, 2.3060041352041667, 3.3553873313333955, 2.306, 3.355},
	{9, 2.2621571627982055, 3.2498355415921263, 2.262, 3.250},
	{10, 2.2281388519862747, 3.1692726726169512, 2.228, 3.169},
	{11, 2.2009851600916399, 3.1058065155392810, 2.201, 3.106},
	{12, 2.1788128296672289, 3.0545395893929021, 2.179, 3.055},
	{13, 2.1603686564627925, 3.0122758387165784, 2.160, 3.012},
	{14, 2.1447866879178038, 2.9768427343708347, 2.145, 2.977},
	{15, 2.1314495455597757, 2.9467128834752389, 2.131, 2.947},
	{16, 2.1199052992212547, 2.9207816224251000, 2.120, 2.921},
	{17, 2.1098155778333171, 2.8982305196774187, 2.110, 2.898},
	{18, 2.1009220402410385, 2.8784404727386081, 2.101, 2.878},
	{19, 2.0930240544083098, 2.8609346064649792, 2.093, 2.861},
	{20, 2.0859634472658648, 2.8453397097861085, 2.086, 2.845},
	{21, 2.0796138447276804, 2.8313595580230500, 2.080, 2.831},
	{22, 2.0738730679040262, 2.8187560606001435, 2.074, 2.819},
	{23, 2.0686576104190487, 2.8073356837699990, 2.069, 2.807},
	{24, 2.0638985616280258, 2.7969395047744563, 2.064, 2.797},
	{25, 2.0595385527532977, 2.7874358136769705, 2.060, 2.787},
	{26, 2.0555294386428732, 2.7787145333296832, 2.056, 2.779},
	{27, 2.0518305164802856, 2.7706829571222120, 2.052, 2.771},
	{28, 2.0484071417952452, 2.7632624554614446, 2.048, 2.763},
	{29, 2.0452296421327043, 2.7563859036706055, 2.045, 2.756},
	{30, 2.0422724563012383, 2.7499956535672253, 2.042, 2.750},
	{60, 2.0002978220142605, 2.6602830288550372, 2.000, 2.660},
	{120, 1.9799304050824408, 2.6174211451068660, 1.980, 2.617},
}

func TestTQuantileTable(t *testing.T) {
	for _, row := range tTable {
		for _, c := range []struct {
			conf, want, book float64
		}{{0.95, row.t975, row.book975}, {0.99, row.t995, row.book995}} {
			got := cxmetrics.TQuantileTwoSided(c.conf, row.df)
			if math.Abs(got-c.want) > 1e-9*c.want {
				t.Errorf("t quantile df %v conf %v = %.17g, want %.17g", row.df, c.conf, got, c.want)
			}
			if math.Abs(got-c.book) > 0.0005 {
				t.Errorf("t quantile df %v conf %v = %.6f, printed table %.3f", row.df, c.conf, got, c.book)
			}
			// The p-value at the quantile is 1 − confidence.
			if p := cxmetrics.TTwoSidedP(c.want, row.df); math.Abs(p-(1-c.conf)) > 1e-9*(1-c.conf) {
				t.Errorf("t p-value df %v at %v = %.17g, want %v", row.df, c.want, p, 1-c.conf)
			}
		}
	}
}

func TestNormalQuantiles(t *testing.T) {
	// The standard normal quantiles to 16 digits, as tabulated (for example
	// R's qnorm(0.975) = 1.959963984540054); mpmath 1.3.0 agrees.
	tests := []struct {
		conf, z float64
	}{
		{0.90, 1.6448536269514722},
		{0.95, 1.959963984540054},
		{0.99, 2.5758293035489004},
		{0.999, 3.2905267314918945},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.z, cxmetrics.NormalTwoSided(tt.conf), approx); diff != "" {
			t.Errorf("z(%v) mismatch (-want +got):\n%s", tt.conf, diff)
		}
		if diff := cmp.Diff(1-tt.conf, cxmetrics.NormalTwoSidedP(tt.z), approx); diff != "" {
			t.Errorf("p(%v) mismatch (-want +got):\n%s", tt.z, diff)
		}
	}
}

func TestTLargeAndFractionalDF(t *testing.T) {
	// Values computed with mpmath 1.3.0 at 50 digits,
	// betainc(df/2, 1/2, 0, df/(df+t²), regularized=True).
	tests := []struct {
		name     string
		t, df, p float64
	}{
		{"Welch df of R's sleep example", 1.8608134674868531, 17.77647351617849, 0.079394140187358138},
		{"df 1e6 via continued fraction", 2, 1e6, 0.045500533851319208},
		{"df 1e9 via normal deviate", 2, 1e9, 0.045500264166313247},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.p, cxmetrics.TTwoSidedP(tt.t, tt.df), cmpopts.EquateApprox(1e-9, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func mustNPS(t testing.TB, p, pa, d int64) cxmetrics.NPSResult {
	t.Helper()
	r, err := cxmetrics.NPSFromCounts(p, pa, d)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestNPSStdErr(t *testing.T) {
	// Rocks' NPS package for R, tests/testthat: nps_var_ and nps_se_ of
	// counts (detractors, passives, promoters), on the -1..1 scale; here
	// in points, × 100.
	tests := []struct {
		name    string
		r       cxmetrics.NPSResult
		want    float64
		wantErr error
	}{
		{"Rocks 1:3, var 5/9", cxmetrics.NPSResult{Detractors: 1, Passives: 2, Promoters: 3}, 100 * math.Sqrt(5.0/9/6), nil},
		{"Rocks c(1,0,0)", cxmetrics.NPSResult{Detractors: 1}, 0, nil},
		{"Rocks c(0,1,0)", cxmetrics.NPSResult{Passives: 1}, 0, nil},
		{"Rocks c(0,0,1)", cxmetrics.NPSResult{Promoters: 1}, 0, nil},
		{"Rocks c(1,0,1), se 0.707", cxmetrics.NPSResult{Detractors: 1, Promoters: 1}, 100 * math.Sqrt(0.5), nil},
		{"Rocks c(0,1,1), se 0.354", cxmetrics.NPSResult{Passives: 1, Promoters: 1}, 100 * math.Sqrt(0.125), nil},
		{"Rocks c(1,1,1), se 0.471", cxmetrics.NPSResult{Detractors: 1, Passives: 1, Promoters: 1}, 100 * math.Sqrt(2.0/9), nil},
		// Near-degenerate samples, where p + d − (p − d)² cancels. Exact
		// rational variance [P(N − P) + D(N − D) + 2PD] / N², then
		// 100 × sqrt(v / N) in mpmath 1.3.0 at 50 digits.
		{"10¹² − 1 promoters and 1 detractor", cxmetrics.NPSResult{Promoters: 1e12 - 1, Detractors: 1}, 1.999999999999e-10, nil},
		{"2⁵³ promoters and 1 passive", cxmetrics.NPSResult{Promoters: 1 << 53, Passives: 1}, 1.1102230246251564e-14, nil},
		{"empty", cxmetrics.NPSResult{}, 0, cxmetrics.ErrNoResponses},
		{"negative", cxmetrics.NPSResult{Promoters: -1, Passives: 3}, 0, cxmetrics.ErrNegative},
		{"overflow", cxmetrics.NPSResult{Promoters: math.MaxInt64, Passives: 1}, 0, cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.r.StdErr()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, relApprox); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// The printed three-decimal figures of Rocks' tests, as a check on the
	// arithmetic above.
	for _, c := range []struct {
		r    cxmetrics.NPSResult
		want float64
	}{
		{cxmetrics.NPSResult{Detractors: 1, Passives: 2, Promoters: 3}, 30.4},
		{cxmetrics.NPSResult{Detractors: 1, Promoters: 1}, 70.7},
		{cxmetrics.NPSResult{Passives: 1, Promoters: 1}, 35.4},
		{cxmetrics.NPSResult{Detractors: 1, Passives: 1, Promoters: 1}, 47.1},
	} {
		if got, _ := c.r.StdErr(); math.Abs(got-c.want) > 0.1 {
			t.Errorf("StdErr(%+v) = %v, Rocks prints %v", c.r, got, c.want)
		}
	}
}

func TestNPSInterval(t *testing.T) {
	// Adjusted Wald (Rocks 2016; MeasuringU): n' = n + 3, ¾ added to
	// promoters and to detractors. Values are that arithmetic done in
	// mpmath at 40 digits; e.g. 50/30/20: p' = 50.75/103, d' = 20.75/103,
	// NPS' = 29.126213592233010, SE' = 7.6915104218147557 points.
	tests := []struct {
		name       string
		r          cxmetrics.NPSResult
		confidence float64
		want       cxmetrics.Interval
		wantErr    error
	}{
		{"50/30/20 at 95%", mustNPS(t, 50, 30, 20), 0.95, cxmetrics.Interval{Lo: 14.051130178761608, Hi: 44.201297005704412}, nil},
		{"Rocks 3/2/1 at 95%", mustNPS(t, 3, 2, 1), 0.95, cxmetrics.Interval{Lo: -26.743258794104544, Hi: 71.187703238548989}, nil},
		{"one detractor", mustNPS(t, 0, 0, 1), 0.95, cxmetrics.Interval{Lo: -98.498649420252034, Hi: 48.498649420252034}, nil},
		{"10 promoters clamped at 100", mustNPS(t, 10, 0, 0), 0.95, cxmetrics.Interval{Lo: 47.503551544790209, Hi: 100}, nil},
		// At 80% the same interval excludes the observed 100: p' = 10.75/13,
		// d' = 0.75/13 (mpmath 1.3.0 at 50 digits).
		{"10 promoters at 80% exclude the score", mustNPS(t, 10, 0, 0), 0.8, cxmetrics.Interval{Lo: 57.686683242623583, Hi: 96.159470603530263}, nil},
		{"confidence 1", mustNPS(t, 1, 1, 1), 1, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"confidence 0", mustNPS(t, 1, 1, 1), 0, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"confidence NaN", mustNPS(t, 1, 1, 1), math.NaN(), cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"confidence 95 (percent by mistake)", mustNPS(t, 1, 1, 1), 95, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"empty", cxmetrics.NPSResult{}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrNoResponses},
		{"negative", cxmetrics.NPSResult{Detractors: -2}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrNegative},
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
		})
	}
}

func TestCompareNPS(t *testing.T) {
	// a = 40/30/30 (NPS 10), b = 50/30/20 (NPS 30). Adjusted Wald in each
	// sample, as in Rocks' NPS package nps_test(test = "adjusted.wald")
	// and MeasuringU's two-NPS test, done in mpmath at 40 digits. Center is
	// 100 × (50.75 − 20.75)/103 − 100 × (40.75 − 30.75)/103 = 2000/103.
	a, b := mustNPS(t, 40, 30, 30), mustNPS(t, 50, 30, 20)
	huge := mustNPS(t, math.MaxInt64-2, 1, 1)
	tests := []struct {
		name       string
		a, b       cxmetrics.NPSResult
		confidence float64
		want       cxmetrics.Comparison
		wantErr    error
	}{
		{"10 to 30", a, b, 0.95, cxmetrics.Comparison{
			Diff: 20, StdErr: 11.208916023086054, Z: 1.7323241326960441, P: 0.083215867531571172,
			Interval: cxmetrics.Interval{Lo: -2.5515959828272609, Hi: 41.38654743913794},
			Center:   2000.0 / 103,
		}, nil},
		{"30 to 10, the sign flips", b, a, 0.95, cxmetrics.Comparison{
			Diff: -20, StdErr: 11.208916023086054, Z: -1.7323241326960441, P: 0.083215867531571172,
			Interval: cxmetrics.Interval{Lo: -41.38654743913794, Hi: 2.5515959828272609},
			Center:   -2000.0 / 103,
		}, nil},
		// One detractor against one promoter: Diff 200, but the adjusted
		// scores are ∓(1.75 − 0.75)/4, so Center = 50; SE' = sqrt(0.5625/4)
		// = 0.375 in each, StdErr = 37.5√2, Z = 50/(37.5√2) = 0.9428; the
		// interval (mpmath 1.3.0 at 50 digits) excludes
		// Diff.
		{"one answer each: the interval excludes Diff", mustNPS(t, 0, 0, 1), mustNPS(t, 1, 0, 0), 0.95, cxmetrics.Comparison{
			Diff: 200, StdErr: 37.5 * math.Sqrt2, Z: 50 / (37.5 * math.Sqrt2), P: 0.34577858615116032,
			Interval: cxmetrics.Interval{Lo: -53.942786826225826, Hi: 153.94278682622583},
			Center:   50,
		}, nil},
		// MaxInt64 − 2 promoters, 1 passive, 1 detractor against itself:
		// the adjusted variance in exact rationals, StdErr =
		// 100 × √2 × SE' in mpmath 1.3.0 at 50 digits.
		// The cancelling form gave StdErr 0 and Z = P = NaN.
		{"near MaxInt64 against itself", huge, huge, 0.95, cxmetrics.Comparison{
			StdErr: 4.7259277042315684e-17, P: 1,
			Interval: cxmetrics.Interval{Lo: -9.2626480938339339e-17, Hi: 9.2626480938339339e-17},
		}, nil},
		{"bad confidence", a, b, -0.5, cxmetrics.Comparison{}, cxmetrics.ErrInvalidArgument},
		{"a empty", cxmetrics.NPSResult{}, b, 0.95, cxmetrics.Comparison{}, cxmetrics.ErrNoResponses},
		{"b negative", a, cxmetrics.NPSResult{Passives: -1}, 0.95, cxmetrics.Comparison{}, cxmetrics.ErrNegative},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CompareNPS(tt.a, tt.b, tt.confidence)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, relApprox); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
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

func cesOf(t testing.TB, scale cxmetrics.Scale, counts map[int]int64) cxmetrics.CESResult {
	t.Helper()
	s, err := cxmetrics.NewSurvey(scale)
	if err != nil {
		t.Fatal(err)
	}
	for score, n := range counts {
		if err := s.AddN(score, n); err != nil {
			t.Fatal(err)
		}
	}
	r, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCESStdDev(t *testing.T) {
	// Σ c (x − mean)² / (n − 1), by hand or in mpmath at 40 digits.
	tests := []struct {
		name   string
		scale  cxmetrics.Scale
		counts map[int]int64
		want   float64
	}{
		{"one answer", cxmetrics.CESScale, map[int]int64{4: 1}, 0},
		{"two answers 1 and 7: sqrt(18)", cxmetrics.CESScale, map[int]int64{1: 1, 7: 1}, math.Sqrt(18)},
		{"all the same", cxmetrics.CESScale, map[int]int64{6: 1 << 40}, 0},
		{"15 answers, mean 83/15", cxmetrics.CESScale, map[int]int64{1: 1, 4: 2, 5: 3, 6: 4, 7: 5}, 1.6417180315870613},
		// Σ c (x − mean)² = c0 c1 / n exactly for two adjacent points.
		{"2⁶² and 1: sqrt(2⁶²/(2⁶²+1)/2⁶²)", cxmetrics.CESScale, map[int]int64{1: 1 << 62, 2: 1}, 4.6566128730773926e-10},
		{"2⁶² and 2⁶² − 1: 0.5", cxmetrics.Scale{Min: 0, Max: 1000}, map[int]int64{999: 1 << 62, 1000: 1<<62 - 1}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cesOf(t, tt.scale, tt.counts).StdDev
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCESInterval(t *testing.T) {
	// Mean ± t(14, 0.975) × sd / sqrt(15), with t(14, 0.975) = 2.145 in the
	// printed t-table; mpmath at 40 digits for the full figures.
	r15 := cesOf(t, cxmetrics.CESScale, map[int]int64{1: 1, 4: 2, 5: 3, 6: 4, 7: 5})
	tests := []struct {
		name       string
		r          cxmetrics.CESResult
		confidence float64
		want       cxmetrics.Interval
		wantErr    error
	}{
		{"15 answers at 95%", r15, 0.95, cxmetrics.Interval{Lo: 4.62418019098621, Hi: 6.4424864756804567}, nil},
		// 7,7,7,6: mean 6.75, sd 0.5, 6.75 + 3.182 × 0.25 passes 7.
		{"clamped at the top of the scale", cesOf(t, cxmetrics.CESScale, map[int]int64{7: 3, 6: 1}), 0.95,
			cxmetrics.Interval{Lo: 6.75 - 3.1824463052837096*0.25, Hi: 7}, nil},
		{"no spread", cesOf(t, cxmetrics.CESScale, map[int]int64{5: 9}), 0.95, cxmetrics.Interval{Lo: 5, Hi: 5}, nil},
		{"one answer", cesOf(t, cxmetrics.CESScale, map[int]int64{5: 1}), 0.95, cxmetrics.Interval{}, cxmetrics.ErrNoResponses},
		{"bad confidence", r15, 0, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"no scale", cxmetrics.CESResult{Total: 3, Mean: 2}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrInvalidScale},
		{"mean off the scale", cxmetrics.CESResult{Total: 3, Mean: 9, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrOutOfRange},
		{"NaN sd", cxmetrics.CESResult{Total: 3, Mean: 2, StdDev: math.NaN(), Scale: cxmetrics.CESScale}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"negative total", cxmetrics.CESResult{Total: -3, Mean: 2, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrNegative},
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
		})
	}
}

func TestCompareCES(t *testing.T) {
	// R's t.test(extra ~ group, data = sleep), Welch by default, prints
	// t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832
	// 0.2054832 for group 1 − group 2; here b − a with a = group 1, so the
	// signs flip. Means 0.75 and 2.33; standard deviations of the two
	// groups' data, and the full-precision figures, from mpmath at 40
	// digits.
	sleep := cxmetrics.Scale{Min: -2, Max: 6}
	a := cxmetrics.CESResult{Total: 10, Mean: 0.75, StdDev: 1.7890096577591624, Scale: sleep}
	b := cxmetrics.CESResult{Total: 10, Mean: 2.33, StdDev: 2.002248735796829, Scale: sleep}
	tests := []struct {
		name       string
		a, b       cxmetrics.CESResult
		confidence float64
		want       cxmetrics.CESComparison
		wantErr    error
	}{
		{"R sleep", a, b, 0.95, cxmetrics.CESComparison{
			Comparison: cxmetrics.Comparison{
				Diff: 1.58, StdErr: 0.84909101723876196, Z: 1.8608134674868531, P: 0.079394140187358138,
				Interval: cxmetrics.Interval{Lo: -0.20548323071171097, Hi: 3.365483230711711},
				Center:   1.58,
			},
			DF: 17.77647351617849,
		}, nil},
		// Unequal sizes: n 3 (mean 4, sd 2) against n 30 (mean 5, sd 0.5).
		// DF = 2.03; with (na − 1) and (nb − 1) swapped it would be 29.3.
		// Welch's formulas in mpmath at 50 digits, t by findroot on
		// betainc.
		{"n 3 against n 30", cxmetrics.CESResult{Total: 3, Mean: 4, StdDev: 2, Scale: cxmetrics.CESScale},
			cxmetrics.CESResult{Total: 30, Mean: 5, StdDev: 0.5, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.CESComparison{
				Comparison: cxmetrics.Comparison{
					Diff: 1, StdErr: 1.1583033569262703, Z: 0.86333169460343126, P: 0.47797750128787933,
					Interval: cxmetrics.Interval{Lo: -3.925110473084434, Hi: 5.925110473084434},
					Center:   1,
				},
				DF: 2.0250726695240584,
			}, nil},
		// Standard deviations of 1e-160, whose squared standard errors
		// underflow: equal sizes and variances give DF = 2(n − 1) = 18,
		// StdErr = 1e-160 × √(2/10), Z = 1/StdErr (mpmath). The
		// textbook DF was 0/0 = NaN.
		{"tiny standard deviations", cxmetrics.CESResult{Total: 10, Mean: 4, StdDev: 1e-160, Scale: cxmetrics.CESScale},
			cxmetrics.CESResult{Total: 10, Mean: 5, StdDev: 1e-160, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.CESComparison{
				Comparison: cxmetrics.Comparison{
					Diff: 1, StdErr: 4.4721359549995793e-161, Z: 2.2360679774997897e+160, P: 0,
					Interval: cxmetrics.Interval{Lo: 1, Hi: 1},
					Center:   1,
				},
				DF: 18,
			}, nil},
		// One standard deviation of 1e-300, the other 0: DF = na − 1 = 9,
		// StdErr = 1e-300/√10 (mpmath). It was refused as having no
		// variance, the squared standard error having underflowed to 0.
		{"one standard deviation 1e-300", cxmetrics.CESResult{Total: 10, Mean: 4, StdDev: 1e-300, Scale: cxmetrics.CESScale},
			cxmetrics.CESResult{Total: 10, Mean: 5, StdDev: 0, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.CESComparison{
				Comparison: cxmetrics.Comparison{
					Diff: 1, StdErr: 3.1622776601683794e-301, Z: 3.1622776601683793e+300, P: 0,
					Interval: cxmetrics.Interval{Lo: 1, Hi: 1},
					Center:   1,
				},
				DF: 9,
			}, nil},
		{"t past float64", cxmetrics.CESResult{Total: 2, Mean: 1, StdDev: 5e-324, Scale: cxmetrics.CESScale},
			cxmetrics.CESResult{Total: 2, Mean: 7, StdDev: 0, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
		{"no variance, same mean", cesOf(t, cxmetrics.CESScale, map[int]int64{5: 3}), cesOf(t, cxmetrics.CESScale, map[int]int64{5: 4}), 0.95,
			cxmetrics.CESComparison{Comparison: cxmetrics.Comparison{P: 1}, DF: 5}, nil},
		{"no variance, different means", cesOf(t, cxmetrics.CESScale, map[int]int64{5: 3}), cesOf(t, cxmetrics.CESScale, map[int]int64{6: 4}), 0.95,
			cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
		{"scales differ", a, cesOf(t, cxmetrics.CESScale, map[int]int64{5: 3, 6: 1}), 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrScaleMismatch},
		{"one answer", a, cesOf(t, sleep, map[int]int64{5: 1}), 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrNoResponses},
		{"bad confidence", a, b, math.NaN(), cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
		{"a with a negative total", cxmetrics.CESResult{Total: -10, Mean: 1, StdDev: 1, Scale: sleep}, b, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrNegative},
		{"a with no scale", cxmetrics.CESResult{Total: 10, Mean: 1, StdDev: 1}, b, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrInvalidScale},
		{"b with its mean off the scale", a, cxmetrics.CESResult{Total: 10, Mean: 7, StdDev: 1, Scale: sleep}, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrOutOfRange},
		{"b with a NaN mean", a, cxmetrics.CESResult{Total: 10, Mean: math.NaN(), StdDev: 1, Scale: sleep}, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrOutOfRange},
		// −2 to 6 is 8 wide: a standard deviation of 9 cannot be.
		{"b with its StdDev past the scale", a, cxmetrics.CESResult{Total: 10, Mean: 1, StdDev: 9, Scale: sleep}, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
		{"a with a NaN StdDev", cxmetrics.CESResult{Total: 10, Mean: 1, StdDev: math.NaN(), Scale: sleep}, b, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CompareCES(tt.a, tt.b, tt.confidence)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, relApprox); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	got, _ := cxmetrics.CompareCES(a, b, 0.95)
	printed := cxmetrics.CESComparison{Comparison: cxmetrics.Comparison{Diff: 1.58, StdErr: got.StdErr, Z: 1.8608, P: 0.07939,
		Interval: cxmetrics.Interval{Lo: -0.2054832, Hi: 3.3654832}, Center: 1.58}, DF: 17.776}
	// R prints df to 5 significant digits, the rest to 4 or 7.
	if diff := cmp.Diff(printed, got, cmpopts.EquateApprox(0, 0.0005)); diff != "" {
		t.Errorf("against R's printed t.test, mismatch (-want +got):\n%s", diff)
	}
}

func TestSampleSize(t *testing.T) {
	// z(0.95)² = 3.8414588206941; the familiar "385 answers for ±5% at 95%"
	// of survey planning tables is ⌈3.8414588 × 0.25 / 0.05²⌉.
	tests := []struct {
		name    string
		f       func() (int64, error)
		want    int64
		wantErr error
	}{
		{"CSAT 50% ±5 at 95%: 385", func() (int64, error) { return cxmetrics.CSATSampleSize(50, 5, 0.95) }, 385, nil},
		// 3.8414588 × 0.8 × 0.2 / 0.03² = 682.9
		{"CSAT 80% ±3 at 95%: 683", func() (int64, error) { return cxmetrics.CSATSampleSize(80, 3, 0.95) }, 683, nil},
		{"CSAT 100% needs 1", func() (int64, error) { return cxmetrics.CSATSampleSize(100, 5, 0.95) }, 1, nil},
		// Worst case variance 1: 3.8414588 / 0.1² = 384.1
		{"NPS worst case ±10 at 95%: 385", func() (int64, error) { return cxmetrics.NPSSampleSize(50, 50, 10, 0.95) }, 385, nil},
		// 40% promoters, 20% detractors: var = 0.6 − 0.04 = 0.56;
		// 2.5758293² × 0.56 / 0.05² = 1486.2
		{"NPS 40/20 ±5 at 99%: 1487", func() (int64, error) { return cxmetrics.NPSSampleSize(40, 20, 5, 0.99) }, 1487, nil},
		{"NPS shares sum past 100", func() (int64, error) { return cxmetrics.NPSSampleSize(60, 50, 5, 0.95) }, 0, cxmetrics.ErrOutOfRange},
		{"NPS NaN share", func() (int64, error) { return cxmetrics.NPSSampleSize(math.NaN(), 50, 5, 0.95) }, 0, cxmetrics.ErrOutOfRange},
		{"NPS zero margin", func() (int64, error) { return cxmetrics.NPSSampleSize(40, 20, 0, 0.95) }, 0, cxmetrics.ErrInvalidArgument},
		{"CSAT bad confidence", func() (int64, error) { return cxmetrics.CSATSampleSize(50, 5, 1) }, 0, cxmetrics.ErrInvalidArgument},
		{"CSAT expected 120", func() (int64, error) { return cxmetrics.CSATSampleSize(120, 5, 0.95) }, 0, cxmetrics.ErrOutOfRange},
		{"CSAT tiny margin overflows", func() (int64, error) { return cxmetrics.CSATSampleSize(50, 1e-300, 0.95) }, 0, cxmetrics.ErrOverflow},
		{"NPS tiny margin overflows", func() (int64, error) { return cxmetrics.NPSSampleSize(40, 20, 1e-300, 0.95) }, 0, cxmetrics.ErrOverflow},
		// z and margin both tiny: z = √2 erf⁻¹(c) = √(π/2) c (1 + O(c²)),
		// so (z / (margin/100))² × 1 = (π/2)(100c/margin)² = π/2 and
		// n = ⌈1.5708⌉ = 2. z² and margin² underflowed to 0/0 = NaN.
		{"NPS tiny margin at tiny confidence: 2", func() (int64, error) { return cxmetrics.NPSSampleSize(50, 50, 1e-298, 1e-300) }, 2, nil},
		// Variance 0 needs 1 answer whatever the margin; 0 × ∞ was NaN.
		{"CSAT 100% with a tiny margin needs 1", func() (int64, error) { return cxmetrics.CSATSampleSize(100, 1e-300, 0.95) }, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if errors.Is(err, cxmetrics.ErrOverflow) && (strings.Contains(err.Error(), "Inf") || strings.Contains(err.Error(), "NaN")) {
				t.Errorf("error %q does not give a finite size", err)
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestIntervalAndComparisonHelpers(t *testing.T) {
	iv := cxmetrics.Interval{Lo: -1, Hi: 2}
	if !iv.Contains(0) || !iv.Contains(2) || iv.Contains(2.5) || iv.Contains(math.NaN()) {
		t.Errorf("Contains wrong for %+v", iv)
	}
	c := cxmetrics.Comparison{P: 0.03}
	if !c.Significant(0.05) || c.Significant(0.01) || c.Significant(math.NaN()) || c.Significant(1.5) {
		t.Errorf("Significant wrong for %+v", c)
	}
}

// confidenceFrom maps a fuzzed uint16 into (0, 1).
func confidenceFrom(c uint16) float64 { return (float64(c) + 0.5) / 65536 }

func FuzzNPSInterval(f *testing.F) {
	f.Add(int64(50), int64(30), int64(20), uint16(62259))
	f.Add(int64(0), int64(0), int64(1), uint16(0))
	f.Add(int64(1000000), int64(0), int64(0), uint16(65535))
	// Near 2⁵³, where float64 stops holding every count, and near
	// MaxInt64, where p + d − (p − d)² cancelled to 0.
	f.Add(int64(1<<53), int64(1), int64(0), uint16(62259))
	f.Add(int64(1<<53-1), int64(0), int64(1<<53+1), uint16(32768))
	f.Add(int64(math.MaxInt64-2), int64(1), int64(1), uint16(62259))
	f.Add(int64(math.MaxInt64), int64(0), int64(0), uint16(65535))
	f.Add(int64(0), int64(1), int64(math.MaxInt64-1), uint16(1))
	f.Fuzz(func(t *testing.T, p, pa, d int64, c uint16) {
		r, err := cxmetrics.NPSFromCounts(p, pa, d)
		if err != nil {
			return // negative, all zero or past int64
		}
		conf := confidenceFrom(c)
		iv, err := r.Interval(conf)
		if err != nil {
			t.Fatal(err)
		}
		// The interval is centred on the adjusted NPS, not the observed
		// one; computed here in another order, so allow for rounding.
		n := float64(r.Total()) + 3
		adj := 100 * ((float64(p) + 0.75) - (float64(d) + 0.75)) / n
		const tol = 1e-12
		if !(iv.Lo <= iv.Hi && iv.Lo >= -100 && iv.Hi <= 100 && iv.Lo <= adj+tol && iv.Hi >= adj-tol) {
			t.Errorf("%+v at %v: interval %+v, adjusted NPS %v", r, conf, iv, adj)
		}
		se, err := r.StdErr()
		if err != nil || !(se >= 0 && se <= 100/math.Sqrt(float64(r.Total()))*(1+1e-12)) {
			t.Errorf("StdErr %v, %v", se, err)
		}
		cmpSelf, err := cxmetrics.CompareNPS(r, r, conf)
		if err != nil || cmpSelf.Diff != 0 || cmpSelf.Z != 0 || cmpSelf.P != 1 || !cmpSelf.Interval.Contains(0) ||
			!(cmpSelf.StdErr > 0) {
			t.Errorf("self comparison %+v, %v", cmpSelf, err)
		}
		other := mustNPS(t, d, pa, p) // mirror image
		c2, err := cxmetrics.CompareNPS(r, other, conf)
		if err != nil || !(c2.P >= 0 && c2.P <= 1) || !(c2.Interval.Lo <= c2.Interval.Hi) ||
			c2.Interval.Lo < -200 || c2.Interval.Hi > 200 || !(c2.StdErr > 0) || math.IsInf(c2.StdErr, 0) ||
			math.IsNaN(c2.Z) || math.IsInf(c2.Z, 0) || math.IsNaN(c2.Diff) {
			t.Errorf("comparison %+v, %v", c2, err)
		}
	})
}

func FuzzCSATInterval(f *testing.F) {
	f.Add(uint32(81), uint32(182), uint16(62259))
	f.Add(uint32(0), uint32(1), uint16(1))
	f.Add(uint32(7), uint32(0), uint16(65535))
	f.Fuzz(func(t *testing.T, sat, unsat uint32, c uint16) {
		r := cxmetrics.CSATResult{Satisfied: int64(sat), Total: int64(sat) + int64(unsat)}
		if r.Total == 0 {
			return
		}
		r.Score = 100 * float64(r.Satisfied) / float64(r.Total)
		conf := confidenceFrom(c)
		iv, err := r.Interval(conf)
		if err != nil || !(iv.Lo <= iv.Hi && iv.Lo >= 0 && iv.Hi <= 100 && iv.Contains(r.Score)) {
			t.Errorf("%+v at %v: interval %+v, %v", r, conf, iv, err)
		}
		self, err := cxmetrics.CompareCSAT(r, r, conf)
		if err != nil || self.Diff != 0 || self.Z != 0 || self.P != 1 || !self.Interval.Contains(0) {
			t.Errorf("self comparison %+v, %v", self, err)
		}
		flip := cxmetrics.CSATResult{Satisfied: int64(unsat), Total: r.Total}
		c2, err := cxmetrics.CompareCSAT(r, flip, conf)
		if err != nil || !(c2.P >= 0 && c2.P <= 1) || !c2.Interval.Contains(c2.Diff) ||
			c2.Interval.Lo < -100 || c2.Interval.Hi > 100 {
			t.Errorf("comparison %+v, %v", c2, err)
		}
	})
}

func FuzzCESInterval(f *testing.F) {
	f.Add(uint16(1), uint16(0), uint16(0), uint16(2), uint16(3), uint16(4), uint16(5), uint16(62259))
	f.Add(uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(2), uint16(100))
	f.Add(uint16(65535), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(1), uint16(65535))
	f.Fuzz(func(t *testing.T, c1, c2, c3, c4, c5, c6, c7, c uint16) {
		counts := []uint16{c1, c2, c3, c4, c5, c6, c7}
		s, _ := cxmetrics.NewSurvey(cxmetrics.CESScale)
		var n, sum float64
		for i, k := range counts {
			_ = s.AddN(i+1, int64(k))
			n += float64(k)
			sum += float64(k) * float64(i+1)
		}
		if n < 2 {
			return
		}
		r, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
		if err != nil {
			t.Fatal(err)
		}
		// Two-pass float sum of squares, exact enough at these sizes.
		mean := sum / n
		var ss float64
		for i, k := range counts {
			d := float64(i+1) - mean
			ss += float64(k) * d * d
		}
		if want := math.Sqrt(ss / (n - 1)); math.Abs(r.StdDev-want) > 1e-9*math.Max(want, 1e-3) {
			t.Errorf("StdDev %v, two-pass %v", r.StdDev, want)
		}
		conf := confidenceFrom(c)
		iv, err := r.Interval(conf)
		if err != nil || !(iv.Lo <= iv.Hi && iv.Lo >= 1 && iv.Hi <= 7 && iv.Contains(r.Mean)) {
			t.Errorf("%+v at %v: interval %+v, %v", r, conf, iv, err)
		}
		self, err := cxmetrics.CompareCES(r, r, conf)
		if err != nil || self.Diff != 0 || self.Z != 0 || self.P != 1 || !self.Interval.Contains(0) {
			t.Errorf("self comparison %+v, %v", self, err)
		}
	})
}

func FuzzTQuantile(f *testing.F) {
	f.Add(1.0, uint16(62259))
	f.Add(17.776, uint16(65535))
	f.Add(3e7, uint16(32768))
	f.Fuzz(func(t *testing.T, df float64, c uint16) {
		if !(df >= 1 && df <= 1e12) {
			return
		}
		conf := confidenceFrom(c)
		q := cxmetrics.TQuantileTwoSided(conf, df)
		if !(q > 0) || math.IsInf(q, 0) {
			t.Fatalf("quantile(%v, %v) = %v", conf, df, q)
		}
		// The quantile is at least the normal one, and its tail is 1 − conf.
		if z := cxmetrics.NormalTwoSided(conf); q < z*(1-1e-12) {
			t.Errorf("t quantile %v below normal %v (df %v, conf %v)", q, z, df, conf)
		}
		if p := cxmetrics.TTwoSidedP(q, df); math.Abs(p-(1-conf)) > 1e-9*(1-conf) {
			t.Errorf("P(|T| > %v; df %v) = %.17g, want %.17g", q, df, p, 1-conf)
		}
	})
}

var sinkInterval cxmetrics.Interval
var sinkComparison cxmetrics.Comparison

func BenchmarkStats(b *testing.B) {
	nps := mustNPS(b, 412, 301, 187)
	nps2 := mustNPS(b, 455, 290, 160)
	csat := cxmetrics.CSATResult{Satisfied: 812, Total: 1000}
	csat2 := cxmetrics.CSATResult{Satisfied: 790, Total: 950}
	ces := cesOf(b, cxmetrics.CESScale, map[int]int64{1: 3, 2: 4, 3: 8, 4: 10, 5: 20, 6: 25, 7: 30})
	ces2 := cesOf(b, cxmetrics.CESScale, map[int]int64{1: 5, 2: 4, 3: 9, 4: 12, 5: 18, 6: 20, 7: 22})
	w := weighted(b, cxmetrics.NPSScale, []wAnswer{{10, 3}, {9, 1}, {8, 2}, {3, 4}})
	wr, _ := cxmetrics.WeightedNPS(w)
	b.Run("NPSInterval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInterval, _ = nps.Interval(0.95)
		}
	})
	b.Run("CompareNPS", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkComparison, _ = cxmetrics.CompareNPS(nps, nps2, 0.95)
		}
	})
	b.Run("CSATInterval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInterval, _ = csat.Interval(0.95)
		}
	})
	b.Run("CompareCSAT", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkComparison, _ = cxmetrics.CompareCSAT(csat, csat2, 0.95)
		}
	})
	b.Run("CESInterval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInterval, _ = ces.Interval(0.95)
		}
	})
	b.Run("CompareCES", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c, _ := cxmetrics.CompareCES(ces, ces2, 0.95)
			sinkComparison = c.Comparison
		}
	})
	b.Run("WeightedNPSInterval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInterval, _ = wr.Interval(0.95)
		}
	})
}

func TestTQuantileExtremeConfidence(t *testing.T) {
	// df 1: P(|T| <= t) = (2/π) atan t, so t = tan(πc/2); df 2:
	// P(|T| <= t) = t / sqrt(2 + t²), so t = c sqrt(2 / (1 − c²)); other
	// df by findroot on betainc. All in mpmath 1.3.0 at 50 digits
	// with c the float64 given. 1/tan(π(1 − c)/2)
	// gave 6.1e-17 for c = 1e-17.
	tests := []struct {
		c, df, want float64
	}{
		{1e-300, 1, 1.5707963267948967e-300},
		{1e-17, 1, 1.5707963267948967e-17},
		{1e-9, 1, 1.5707963267948967e-9},
		{0.3, 1, 0.50952544949442879},
		{0.5, 1, 1},
		{1 - 1e-10, 1, 6366197196.9342955},
		{1 - 1e-10, 2, 99999.995855481706},
		{1e-300, 2, 1.4142135623730951e-300},
		{1e-17, 2, 1.4142135623730951e-17},
		{0.3, 2, 0.44474958999666069},
		// Other df are accurate for confidence down to 1e-6 (below it,
		// 1 − c rounds), as documented.
		{1e-6, 3, 1.3603495231762227e-6},
		{1e-4, 3, 0.00013603495287698767},
		{0.3, 3, 0.42420162241991634},
		{1e-6, 5, 1.3171527620705932e-6},
		{0.3, 5, 0.40822873307641395},
		{1e-6, 30, 1.263800113062027e-6},
		{0.3, 30, 0.38903222593050475},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("c %v df %v", tt.c, tt.df), func(t *testing.T) {
			got := cxmetrics.TQuantileTwoSided(tt.c, tt.df)
			if diff := cmp.Diff(tt.want, got, relApprox); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
