package cxmetrics_test

import (
	"errors"
	"testing"
	"time"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestAverageTimeOnSite(t *testing.T) {
	tests := []struct {
		name     string
		total    time.Duration
		visitors int64
		want     float64 // seconds
		wantErr  error
	}{
		// 50 hours over 1,000 visitors: 180,000 s / 1,000.
		{name: "50 hours over 1000 visitors", total: 50 * time.Hour, visitors: 1000, want: 180},
		// 10 s / 3 is not a whole number of nanoseconds; it is not rounded.
		{name: "not rounded", total: 10 * time.Second, visitors: 3, want: 10.0 / 3},
		{name: "no time", total: 0, visitors: 5, want: 0},
		{name: "no visitors", total: time.Minute, visitors: 0, wantErr: cxmetrics.ErrNoResponses},
		{name: "negative visitors", total: time.Minute, visitors: -1, wantErr: cxmetrics.ErrNegative},
		{name: "negative time", total: -time.Minute, visitors: 1, wantErr: cxmetrics.ErrNegative},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.AverageTimeOnSite(tc.total, tc.visitors)
			checkEngagement(t, tc.want, got, tc.wantErr, err)
		})
	}
}

func TestPurchaseFrequency(t *testing.T) {
	tests := []struct {
		name              string
		orders, customers int64
		want              float64
		wantErr           error
	}{
		// 1,500 orders from 1,000 customers: 1500 / 1000.
		{name: "1500 orders from 1000 customers", orders: 1500, customers: 1000, want: 1.5},
		{name: "one order each", orders: 7, customers: 7, want: 1},
		{name: "no customers", orders: 0, customers: 0, wantErr: cxmetrics.ErrNoResponses},
		{name: "fewer orders than customers", orders: 5, customers: 7, wantErr: cxmetrics.ErrInconsistent},
		{name: "negative orders", orders: -5, customers: 7, wantErr: cxmetrics.ErrNegative},
		{name: "negative customers", orders: 5, customers: -7, wantErr: cxmetrics.ErrNegative},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.PurchaseFrequency(tc.orders, tc.customers)
			checkEngagement(t, tc.want, got, tc.wantErr, err)
		})
	}
}

func TestRepeatPurchaseRate(t *testing.T) {
	tests := []struct {
		name              string
		repeat, customers int64
		want              float64
		wantErr           error
	}{
		// 280 of 1,000 customers bought again: 100 × 280 / 1000.
		{name: "280 of 1000", repeat: 280, customers: 1000, want: 28},
		{name: "none", repeat: 0, customers: 3, want: 0},
		{name: "all", repeat: 3, customers: 3, want: 100},
		{name: "one of three", repeat: 1, customers: 3, want: 100.0 / 3},
		{name: "no customers", repeat: 0, customers: 0, wantErr: cxmetrics.ErrNoResponses},
		{name: "more repeat than customers", repeat: 4, customers: 3, wantErr: cxmetrics.ErrInconsistent},
		{name: "negative repeat", repeat: -1, customers: 3, wantErr: cxmetrics.ErrNegative},
		{name: "negative customers", repeat: 1, customers: -3, wantErr: cxmetrics.ErrNegative},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.RepeatPurchaseRate(tc.repeat, tc.customers)
			checkEngagement(t, tc.want, got, tc.wantErr, err)
		})
	}
}

func checkEngagement(t *testing.T, want, got float64, wantErr, err error) {
	t.Helper()
	if wantErr != nil {
		if !errors.Is(err, wantErr) {
			t.Fatalf("error %v, want %v", err, wantErr)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error %v", err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
