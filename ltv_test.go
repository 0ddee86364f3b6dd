package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestLifetimeValue(t *testing.T) {
	tests := []struct {
		name          string
		arpa          int64
		margin, churn float64
		discount      float64
		want          float64 // minor units
		wantErr       error
	}{
		// ChartMogul, Customer Lifetime Value: "if your ARPA is $100 and
		// your monthly customer churn rate is 5%, your LTV will be
		// $2000" (ChartMogul takes no margin: 100%).
		{name: "ChartMogul ARPA $100 churn 5%", arpa: 100_00, margin: 100, churn: 5, want: 2000_00},
		// Treehouse, LTV review: ARPU $20, COGS 10% (margin 90%),
		// monthly churn 15%: $18 / 0.15 = $120.
		{name: "Treehouse net LTV", arpa: 20_00, margin: 90, churn: 15, want: 120_00},
		// 300 × 0.8 / 0.02 = 12,000
		{name: "2% churn at 80% margin", arpa: 300_00, margin: 80, churn: 2, want: 12_000_00},
		{name: "everyone churns", arpa: 50_00, margin: 100, churn: 100, want: 50_00},
		{name: "zero ARPA", arpa: 0, margin: 80, churn: 5, want: 0},
		{name: "zero margin", arpa: 100, margin: 0, churn: 5, want: 0},
		// 100 × 1 × 1.01 / (0.01 + 0.05): discount 1% per month.
		{name: "discounted", arpa: 100_00, margin: 100, churn: 5, discount: 1, want: 100_00 * 1.01 / 0.06},
		// With no churn only the discount ends the sum: 100 × 1.01 / 0.01.
		{name: "discounted, no churn", arpa: 100_00, margin: 100, churn: 0, discount: 1, want: 100_00 * 101},
		{name: "negative ARPA", arpa: -1, margin: 80, churn: 5, wantErr: cxmetrics.ErrNegative},
		{name: "zero churn", arpa: 100, margin: 80, churn: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "churn above 100", arpa: 100, margin: 80, churn: 101, wantErr: cxmetrics.ErrOutOfRange},
		{name: "negative churn", arpa: 100, margin: 80, churn: -5, wantErr: cxmetrics.ErrOutOfRange},
		{name: "margin above 100", arpa: 100, margin: 120, churn: 5, wantErr: cxmetrics.ErrOutOfRange},
		// A margin below 1% is a fraction given by mistake, not a figure
		// that reads 80% as 0.8% (the package doc's units rule).
		{name: "margin 0.8 is refused, not read as 0.8%", arpa: 100, margin: 0.8, churn: 5, wantErr: cxmetrics.ErrOutOfRange},
		{name: "margin of exactly 1%", arpa: 100, margin: 1, churn: 5, want: 100 * 0.01 / 0.05},
		{name: "NaN margin", arpa: 100, margin: math.NaN(), churn: 5, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "Inf churn", arpa: 100, margin: 80, churn: math.Inf(1), wantErr: cxmetrics.ErrInvalidArgument},
		{name: "negative discount", arpa: 100, margin: 80, churn: 5, discount: -1, wantErr: cxmetrics.ErrOutOfRange},
		{name: "NaN discount", arpa: 100, margin: 80, churn: 5, discount: math.NaN(), wantErr: cxmetrics.ErrInvalidArgument},
		{name: "overflow", arpa: math.MaxInt64, margin: 100, churn: 5e-324, wantErr: cxmetrics.ErrOverflow},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.DiscountedLifetimeValue(tc.arpa, tc.margin, tc.churn, tc.discount)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("DiscountedLifetimeValue(%d, %v, %v, %v) error %v, want %v", tc.arpa, tc.margin, tc.churn, tc.discount, err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatalf("DiscountedLifetimeValue(%d, %v, %v, %v): %v", tc.arpa, tc.margin, tc.churn, tc.discount, err)
			} else if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-12, 1e-9)); diff != "" {
				t.Errorf("DiscountedLifetimeValue(%d, %v, %v, %v) mismatch (-want +got):\n%s", tc.arpa, tc.margin, tc.churn, tc.discount, diff)
			}
			if tc.discount != 0 {
				return
			}
			// The simple LTV is the discounted one at discount 0.
			simple, serr := cxmetrics.LifetimeValue(tc.arpa, tc.margin, tc.churn)
			if !errors.Is(serr, tc.wantErr) || (serr == nil) != (tc.wantErr == nil) {
				t.Fatalf("LifetimeValue error %v, want %v", serr, tc.wantErr)
			}
			if diff := cmp.Diff(got, simple); diff != "" {
				t.Errorf("LifetimeValue mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLTVToCAC(t *testing.T) {
	tests := []struct {
		name    string
		ltv     float64
		cac     int64
		want    float64
		wantErr error
	}{
		// ChartMogul's LTV example: "if your LTV is $100 and it costs
		// $50 to acquire a customer" — 100 / 50.
		{name: "ChartMogul LTV $100 CAC $50", ltv: 100_00, cac: 50_00, want: 2},
		// 2000 / 600
		{name: "above the 3:1 rule", ltv: 2000_00, cac: 600_00, want: 2000.0 / 600},
		{name: "zero LTV", ltv: 0, cac: 1, want: 0},
		{name: "zero CAC", ltv: 100, cac: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "negative CAC", ltv: 100, cac: -1, wantErr: cxmetrics.ErrNegative},
		{name: "negative LTV", ltv: -100, cac: 1, wantErr: cxmetrics.ErrNegative},
		{name: "NaN LTV", ltv: math.NaN(), cac: 1, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "Inf LTV", ltv: math.Inf(1), cac: 1, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.LTVToCAC(tc.ltv, tc.cac)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("LTVToCAC(%v, %d) error %v, want %v", tc.ltv, tc.cac, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("LTVToCAC(%v, %d): %v", tc.ltv, tc.cac, err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("LTVToCAC(%v, %d) mismatch (-want +got):\n%s", tc.ltv, tc.cac, diff)
			}
		})
	}
}

func TestCACPayback(t *testing.T) {
	tests := []struct {
		name      string
		cac, arpa int64
		margin    float64
		want      float64 // periods
		wantErr   error
	}{
		// "CAC = 1200, ARPA (monthly) = 200, gross margin 80%: payback
		// 7.5 months" — 1200 / (200 × 0.8).
		{name: "CAC 1200 ARPA 200 margin 80%", cac: 1200_00, arpa: 200_00, margin: 80, want: 7.5},
		// "CAC of $600, ARPU of $120, 80% gross margin: 6.25 months" —
		// 600 / 96.
		{name: "CAC 600 ARPU 120 margin 80%", cac: 600_00, arpa: 120_00, margin: 80, want: 6.25},
		// 200 / (50 × 0.75) = 5.33…
		{name: "CAC 200 ARPU 50 margin 75%", cac: 200_00, arpa: 50_00, margin: 75, want: 200.0 / 37.5},
		{name: "free customer", cac: 0, arpa: 100, margin: 50, want: 0},
		{name: "zero ARPA", cac: 100, arpa: 0, margin: 50, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "zero margin", cac: 100, arpa: 10, margin: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "negative CAC", cac: -100, arpa: 10, margin: 50, wantErr: cxmetrics.ErrNegative},
		{name: "negative ARPA", cac: 100, arpa: -10, margin: 50, wantErr: cxmetrics.ErrNegative},
		{name: "margin above 100", cac: 100, arpa: 10, margin: 150, wantErr: cxmetrics.ErrOutOfRange},
		{name: "NaN margin", cac: 100, arpa: 10, margin: math.NaN(), wantErr: cxmetrics.ErrInvalidArgument},
		{name: "margin below 1%", cac: 100, arpa: 10, margin: 0.8, wantErr: cxmetrics.ErrOutOfRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.CACPayback(tc.cac, tc.arpa, tc.margin)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("CACPayback(%d, %d, %v) error %v, want %v", tc.cac, tc.arpa, tc.margin, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("CACPayback(%d, %d, %v): %v", tc.cac, tc.arpa, tc.margin, err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("CACPayback(%d, %d, %v) mismatch (-want +got):\n%s", tc.cac, tc.arpa, tc.margin, diff)
			}
		})
	}
}
