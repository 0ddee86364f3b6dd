package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// TestLogRank reproduces R's survdiff, with options(digits = 15):
//
//	d <- survdiff(Surv(time, status) ~ grp)
//	d$chisq; pchisq(d$chisq, df, lower.tail = FALSE); d$obs; d$exp
//
// Two groups, the two arms of Gehan's 6-MP data: "Chisq= 16.8 on 1
// degrees of freedom, p= 4.17e-05", d$chisq 16.7929409892165, p
// 4.16880910933453e-05, observed 9 and 21, expected 19.2505009480311 and
// 10.7494990519689. Three groups, the same two and the maintained arm of
// survival::aml: d$chisq 28.5526918059407 on 2 degrees of freedom, p
// 6.30756526060185e-07, observed 9, 21, 7, expected 15.72768636073103,
// 8.25487414710316, 13.01743949216581.
func TestLogRank(t *testing.T) {
	mp := lifetimesOf(gehan6MP, gehan6MPStatus)
	pl := lifetimesOf(gehanPlacebo, gehanPlStatus)
	aml := lifetimesOf(amlMaintained, amlMaintainedStatus)
	for _, tc := range []struct {
		name   string
		groups [][]cxmetrics.Lifetime
		want   cxmetrics.LogRankResult
	}{
		{"6-MP vs placebo", [][]cxmetrics.Lifetime{mp, pl}, cxmetrics.LogRankResult{
			Chi2: 16.7929409892165, DF: 1, P: 4.16880910933453e-05,
			Observed: []int64{9, 21}, Expected: []float64{19.2505009480311, 10.7494990519689}}},
		// The order of the groups changes the order of the figures only.
		{"placebo vs 6-MP", [][]cxmetrics.Lifetime{pl, mp}, cxmetrics.LogRankResult{
			Chi2: 16.7929409892165, DF: 1, P: 4.16880910933453e-05,
			Observed: []int64{21, 9}, Expected: []float64{10.7494990519689, 19.2505009480311}}},
		{"three groups", [][]cxmetrics.Lifetime{mp, pl, aml}, cxmetrics.LogRankResult{
			Chi2: 28.5526918059407, DF: 2, P: 6.30756526060185e-07,
			Observed: []int64{9, 21, 7}, Expected: []float64{15.72768636073103, 8.25487414710316, 13.01743949216581}}},
		{"three groups, reordered", [][]cxmetrics.Lifetime{aml, mp, pl}, cxmetrics.LogRankResult{
			Chi2: 28.5526918059407, DF: 2, P: 6.30756526060185e-07,
			Observed: []int64{7, 9, 21}, Expected: []float64{13.01743949216581, 15.72768636073103, 8.25487414710316}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.LogRank(tc.groups...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if !got.Significant(0.001) || got.Significant(1e-9) || got.Significant(1.5) {
				t.Errorf("Significant: P %v at 0.001, 1e-9, 1.5", got.P)
			}
		})
	}
}

// TestLogRankErrors checks the special cases of LogRank and LogRankCounts.
func TestLogRankErrors(t *testing.T) {
	mp := lifetimesOf(gehan6MP, gehan6MPStatus)
	one := []cxmetrics.Lifetime{{Duration: 3, Churned: true}}
	for _, tc := range []struct {
		name    string
		groups  [][]cxmetrics.Lifetime
		wantErr error
	}{
		{"one group", [][]cxmetrics.Lifetime{mp}, cxmetrics.ErrInvalidArgument},
		{"no groups", nil, cxmetrics.ErrInvalidArgument},
		{"too many groups", make([][]cxmetrics.Lifetime, cxmetrics.MaxLogRankGroups+1), cxmetrics.ErrInvalidArgument},
		{"an empty group", [][]cxmetrics.Lifetime{mp, {}}, cxmetrics.ErrNoResponses},
		{"a NaN duration", [][]cxmetrics.Lifetime{mp, {{Duration: nan}}}, cxmetrics.ErrInvalidArgument},
		{"a negative duration", [][]cxmetrics.Lifetime{{{Duration: -1, Churned: true}}, mp}, cxmetrics.ErrNegative},
		{"no churn", [][]cxmetrics.Lifetime{{{Duration: 1}}, {{Duration: 2}}}, cxmetrics.ErrUndefined},
		// One at risk, who churns: d(n − d)/(n − 1) is 0, no variance.
		{"every churn ends its risk set", [][]cxmetrics.Lifetime{one, {{Duration: 1}}}, cxmetrics.ErrUndefined},
		// The second group leaves before anyone churns.
		{"a group never at risk", [][]cxmetrics.Lifetime{mp, {{Duration: 1}}}, cxmetrics.ErrUndefined},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.LogRank(tc.groups...)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("LogRank error %v, want %v (result %+v)", err, tc.wantErr, got)
			}
		})
	}
	for _, tc := range []struct {
		name    string
		groups  [][]cxmetrics.LifetimeCount
		wantErr error
	}{
		{"negative count", [][]cxmetrics.LifetimeCount{{{Duration: 1, Churned: 1}}, {{Duration: 1, Churned: -1}}}, cxmetrics.ErrNegative},
		{"all counts 0", [][]cxmetrics.LifetimeCount{{{Duration: 1, Churned: 1}}, {{Duration: 1}}}, cxmetrics.ErrNoResponses},
		{"overflow", [][]cxmetrics.LifetimeCount{{{Duration: 1, Churned: 1 << 62}, {Duration: 2, Censored: 1 << 62}}, {{Duration: 1, Churned: 1}}}, cxmetrics.ErrOverflow},
		{"overflow in all", [][]cxmetrics.LifetimeCount{{{Duration: 1, Churned: 1 << 62}}, {{Duration: 1, Churned: 1 << 62}}}, cxmetrics.ErrOverflow},
		{"Inf duration", [][]cxmetrics.LifetimeCount{{{Duration: inf, Churned: 1}}, {{Duration: 1, Churned: 1}}}, cxmetrics.ErrInvalidArgument},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := cxmetrics.LogRankCounts(tc.groups...); !errors.Is(err, tc.wantErr) {
				t.Fatalf("LogRankCounts error %v, want %v", err, tc.wantErr)
			}
		})
	}
}

// Counts past 2⁵³ whose difference rounds away in float64: at the one
// duration 2⁶³−2 of 2⁶³−1 at risk churn, so n − d = 1 and the variance
// d(n−d)/(n−1) · p₀(1−p₀) is some 10⁻¹⁹, not 0. U = 1 − (2⁶³−2)/(2⁶³−1)
// = 1/(2⁶³−1) and V = (2⁶³−2)/(2⁶³−1)², so Chi2 = U²/V = 1/(2⁶³−2),
// 0 to float64's rounding of U, and P = 1. It was ErrUndefined (V
// singular).
func TestLogRankCountsNearlyAllChurnPast2p53(t *testing.T) {
	r, err := cxmetrics.LogRankCounts(
		[]cxmetrics.LifetimeCount{{Duration: 1, Churned: 1}},
		[]cxmetrics.LifetimeCount{{Duration: 1, Churned: math.MaxInt64 - 3, Censored: 1}},
	)
	if err != nil {
		t.Fatal(err)
	}
	if !(r.Chi2 >= 0 && r.Chi2 < 1e-15) || math.Abs(r.P-1) > 1e-12 {
		t.Errorf("Chi2 %v, P %v, want about 1e-19 and 1", r.Chi2, r.P)
	}
}
