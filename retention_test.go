package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// periodCase is one period with the figures expected of it. A figure
// whose want is NaN is not checked.
type periodCase struct {
	name    string
	p       cxmetrics.Period
	wantErr error
	lost    int64
	// retention, churn and stripe are in percent.
	retention, churn, stripe float64
}

var periodCases = []periodCase{
	{
		// No new customers: the shortcut and the definition agree.
		name: "no new customers",
		p:    cxmetrics.Period{Start: 200, End: 190, New: 0},
		lost: 10, // 200 + 0 − 190
		// 100 × (190 − 0) / 200, 100 × 10 / 200, 100 × 10 / (200 + 0)
		retention: 95, churn: 5, stripe: 5,
	},
	{
		// The seed article's shortcut (S − E) / S would say −10% churn
		// for this growing business; 10 customers were in fact lost.
		name: "growing business, shortcut would be negative",
		p:    cxmetrics.Period{Start: 100, End: 110, New: 20},
		lost: 10, // 100 + 20 − 110
		// 100 × (110 − 20) / 100, 100 × 10 / 100, 100 × 10 / (100 + 20)
		retention: 90, churn: 10, stripe: 100.0 / 12,
	},
	{
		// Stripe's example shape: 1,000 subscribers at the start, 50
		// cancel, 100 join.
		name: "Stripe denominator counts new subscribers",
		p:    cxmetrics.Period{Start: 1000, End: 1050, New: 100},
		lost: 50, // 1000 + 100 − 1050
		// 100 × 950 / 1000, 100 × 50 / 1000, 100 × 50 / 1100
		retention: 95, churn: 5, stripe: 5000.0 / 1100,
	},
	{
		name: "everyone lost",
		p:    cxmetrics.Period{Start: 40, End: 7, New: 7},
		lost: 40, // 40 + 7 − 7
		// 100 × 0 / 40, 100 × 40 / 40, 100 × 40 / 47
		retention: 0, churn: 100, stripe: 4000.0 / 47,
	},
	{
		name:      "everyone kept",
		p:         cxmetrics.Period{Start: 3, End: 3, New: 0},
		lost:      0,
		retention: 100, churn: 0, stripe: 0,
	},
	{
		// Counts near the top of int64 are exact in the integers.
		name: "huge counts",
		p:    cxmetrics.Period{Start: math.MaxInt64, End: math.MaxInt64, New: 0},
		lost: 0, retention: 100, churn: 0, stripe: 0,
	},
	{name: "zero start", p: cxmetrics.Period{Start: 0, End: 5, New: 5}, wantErr: cxmetrics.ErrZeroStart, lost: 0},
	{name: "zero period", p: cxmetrics.Period{}, wantErr: cxmetrics.ErrZeroStart, lost: 0},
	{name: "negative start", p: cxmetrics.Period{Start: -1, End: 5, New: 5}, wantErr: cxmetrics.ErrNegative},
	{name: "negative end", p: cxmetrics.Period{Start: 10, End: -5, New: 0}, wantErr: cxmetrics.ErrNegative},
	{name: "negative new", p: cxmetrics.Period{Start: 10, End: 5, New: -1}, wantErr: cxmetrics.ErrNegative},
	{name: "more new than at the end", p: cxmetrics.Period{Start: 10, End: 5, New: 6}, wantErr: cxmetrics.ErrInconsistent},
	{name: "more retained than at the start", p: cxmetrics.Period{Start: 10, End: 25, New: 5}, wantErr: cxmetrics.ErrInconsistent},
}

func TestRetentionRate(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.RetentionRate(tc.p)
			checkPeriodFigure(t, tc, tc.retention, got, err)
		})
	}
}

func TestChurnRate(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.ChurnRate(tc.p)
			checkPeriodFigure(t, tc, tc.churn, got, err)
		})
	}
}

func TestStripeChurnRate(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.StripeChurnRate(tc.p)
			checkPeriodFigure(t, tc, tc.stripe, got, err)
		})
	}
}

func TestStripeChurnRateOverflow(t *testing.T) {
	// A valid period whose S + N is past int64: the customer rates exist
	// (one customer lost), Stripe's denominator does not.
	p := cxmetrics.Period{Start: math.MaxInt64, End: math.MaxInt64, New: 1}
	if _, err := cxmetrics.StripeChurnRate(p); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("StripeChurnRate(%+v) error %v, want %v", p, err, cxmetrics.ErrOverflow)
	}
	got, err := cxmetrics.ChurnRate(p)
	if err != nil {
		t.Fatal(err)
	}
	// 100 × 1 / (2⁶³ − 1)
	if diff := cmp.Diff(100/float64(math.MaxInt64), got, cmpopts.EquateApprox(1e-15, 0)); diff != "" {
		t.Errorf("ChurnRate(%+v) mismatch (-want +got):\n%s", p, diff)
	}
}

func TestPeriodLost(t *testing.T) {
	for _, tc := range periodCases {
		if tc.wantErr != nil && !errors.Is(tc.wantErr, cxmetrics.ErrZeroStart) {
			continue // Lost is meaningless for an invalid period
		}
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.lost, tc.p.Lost()); diff != "" {
				t.Errorf("%+v.Lost() mismatch (-want +got):\n%s", tc.p, diff)
			}
		})
	}
}

func TestPeriodValidate(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.wantErr
			if errors.Is(want, cxmetrics.ErrZeroStart) {
				want = nil // a period may start at zero; its rates may not
			}
			if err := tc.p.Validate(); !errors.Is(err, want) || (want == nil) != (err == nil) {
				t.Errorf("%+v.Validate() = %v, want %v", tc.p, err, want)
			}
		})
	}
}

func checkPeriodFigure(t *testing.T, tc periodCase, want, got float64, err error) {
	t.Helper()
	if tc.wantErr != nil {
		if !errors.Is(err, tc.wantErr) {
			t.Fatalf("%+v: error %v, want %v", tc.p, err, tc.wantErr)
		}
		return
	}
	if err != nil {
		t.Fatalf("%+v: unexpected error %v", tc.p, err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("%+v: mismatch (-want +got):\n%s", tc.p, diff)
	}
}
