package cxmetrics_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

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

// TestTTwoSidedPLimits checks the two-sided p-value of Student's t at its
// ends: t = 0 is no evidence at all (p = 1), and an infinite t is certain
// (p = 0), whatever the degrees of freedom.
func TestTTwoSidedPLimits(t *testing.T) {
	for _, df := range []float64{1, 5, 1e6} {
		if p := cxmetrics.TTwoSidedP(0, df); p != 1 {
			t.Errorf("TTwoSidedP(0, %v) = %v, want 1", df, p)
		}
		for _, tv := range []float64{math.Inf(1), math.Inf(-1)} {
			if p := cxmetrics.TTwoSidedP(tv, df); p != 0 {
				t.Errorf("TTwoSidedP(%v, %v) = %v, want 0", tv, df, p)
			}
		}
	}
}

// TestTTwoSidedPLargeDF checks the two-sided p-value of Student's t where
// log B(df/2, 1/2) comes from Stirling's series (df/2 >= 20) against
// I_{df/(df+t²)}(df/2, 1/2) computed with mpmath 1.3.0 (betainc,
// regularized, 50 digits).
func TestTTwoSidedPLargeDF(t *testing.T) {
	tests := []struct{ t, df, want float64 }{
		{2.0, 40, 0.052322343215049214926},
		{2.0, 41, 0.052154362786918928237},
		{2.5, 57, 0.015321137101947190445},
		{3.0, 64, 0.0038439918659207795276},
		{0.5, 100, 0.61817356583088657198},
		{1.0, 1000, 0.31755241808467230708},
	}
	for _, tc := range tests {
		got := cxmetrics.TTwoSidedP(tc.t, tc.df)
		if math.Abs(got-tc.want) > 1e-13*tc.want {
			t.Errorf("TTwoSidedP(%v, %v) = %.17g, want %.17g (mpmath)", tc.t, tc.df, got, tc.want)
		}
	}
}
