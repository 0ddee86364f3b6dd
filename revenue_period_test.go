package cxmetrics_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

func TestRevenuePeriodBalance(t *testing.T) {
	tests := []struct {
		name         string
		r            cxmetrics.RevenuePeriod
		wantEnd      int64
		wantEndErr   error
		wantBalanced bool
		wantValidErr error
	}{
		{
			// 100 + 0 + 0 + 10 − 10 − 10
			name:    "ChartMogul example balances",
			r:       cxmetrics.RevenuePeriod{Start: 100, End: 90, Expansion: 10, Contraction: 10, Churned: 10},
			wantEnd: 90, wantBalanced: true,
		},
		{
			// 100 + 10 + 0 + 0 − 0 − 5 = 105
			name:    "unbalanced",
			r:       cxmetrics.RevenuePeriod{Start: 100, End: 110, New: 10, Churned: 5},
			wantEnd: 105, wantValidErr: cxmetrics.ErrUnbalanced,
		},
		{
			// 100 + 10 = 110, not 120; totals form need not balance.
			name:    "totals form",
			r:       cxmetrics.RevenuePeriod{Start: 100, End: 120, New: 10},
			wantEnd: 110,
		},
		{
			name:    "totals form that balances",
			r:       cxmetrics.RevenuePeriod{Start: 100, End: 110, New: 10},
			wantEnd: 110, wantBalanced: true,
		},
		{
			name:       "negative",
			r:          cxmetrics.RevenuePeriod{Start: 100, End: 110, Reactivation: -1},
			wantEndErr: cxmetrics.ErrNegative, wantValidErr: cxmetrics.ErrNegative,
		},
		{
			// MaxInt64 + 1 − 1, exactly: not 0.
			name:    "gains past int64",
			r:       cxmetrics.RevenuePeriod{Start: math.MaxInt64, Expansion: 1, Contraction: 1},
			wantEnd: math.MaxInt64, wantValidErr: cxmetrics.ErrUnbalanced,
		},
		{
			// 2 × MaxInt64 − 1 is no int64.
			name:       "implied end past int64",
			r:          cxmetrics.RevenuePeriod{Start: math.MaxInt64, End: 1, Expansion: math.MaxInt64, Contraction: 1},
			wantEndErr: cxmetrics.ErrOverflow, wantValidErr: cxmetrics.ErrOverflow,
		},
		{
			name:       "implied end below zero",
			r:          cxmetrics.RevenuePeriod{Start: 5, Contraction: 3, Churned: 3},
			wantEndErr: cxmetrics.ErrInconsistent, wantValidErr: cxmetrics.ErrInconsistent,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			end, err := tc.r.ImpliedEnd()
			if !errors.Is(err, tc.wantEndErr) || (err == nil) != (tc.wantEndErr == nil) {
				t.Errorf("ImpliedEnd() error %v, want %v", err, tc.wantEndErr)
			}
			if diff := cmp.Diff(tc.wantEnd, end); err == nil && diff != "" {
				t.Errorf("ImpliedEnd() mismatch (-want +got):\n%s", diff)
			}
			if got := tc.r.Balanced(); got != tc.wantBalanced {
				t.Errorf("Balanced() = %v, want %v", got, tc.wantBalanced)
			}
			if err := tc.r.Validate(); !errors.Is(err, tc.wantValidErr) || (err == nil) != (tc.wantValidErr == nil) {
				t.Errorf("Validate() = %v, want %v", err, tc.wantValidErr)
			}
		})
	}
}

func TestRevenuePeriodForms(t *testing.T) {
	steady := cxmetrics.RevenuePeriod{Start: 100, End: 100}
	moved := cxmetrics.RevenuePeriod{Start: 100, End: 90, Churned: 10}
	tests := []struct {
		name          string
		r             cxmetrics.RevenuePeriod
		wantBreakdown bool
		wantString    string
	}{
		{"zero value", cxmetrics.RevenuePeriod{}, false,
			"{Start:0 End:0 New:0 Expansion:0 Contraction:0 Churned:0 Reactivation:0 totals form}"},
		{"steady literal", steady, false,
			"{Start:100 End:100 New:0 Expansion:0 Contraction:0 Churned:0 Reactivation:0 totals form}"},
		{"steady, marked", steady.WithBreakdown(), true,
			"{Start:100 End:100 New:0 Expansion:0 Contraction:0 Churned:0 Reactivation:0}"},
		{"a movement given", moved, true,
			"{Start:100 End:90 New:0 Expansion:0 Contraction:0 Churned:10 Reactivation:0}"},
		{"a movement given, marked", moved.WithBreakdown(), true,
			"{Start:100 End:90 New:0 Expansion:0 Contraction:0 Churned:10 Reactivation:0}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.HasBreakdown(); got != tc.wantBreakdown {
				t.Errorf("HasBreakdown() = %v, want %v", got, tc.wantBreakdown)
			}
			if got := tc.r.String(); got != tc.wantString {
				t.Errorf("String() = %q, want %q", got, tc.wantString)
			}
			if got := fmt.Sprintf("%+v", tc.r); got != tc.wantString {
				t.Errorf("%%+v = %q, want %q", got, tc.wantString)
			}
		})
	}

	// Equal compares amounts and form; == agrees on what WithBreakdown
	// returns, since marking a period that has movements adds nothing.
	if !moved.Equal(moved.WithBreakdown()) || moved != moved.WithBreakdown() {
		t.Errorf("a period with a movement is not equal to itself marked")
	}
	if steady.Equal(steady.WithBreakdown()) {
		t.Errorf("steady totals form equals steady with its breakdown")
	}
	if steady.Equal(cxmetrics.RevenuePeriod{Start: 100, End: 101}) {
		t.Errorf("periods of different End are equal")
	}
	// Marked, then given a movement by hand: equal to the literal.
	handMoved := steady.WithBreakdown()
	handMoved.End, handMoved.Churned = 90, 10
	if !handMoved.Equal(moved) {
		t.Errorf("%v marked then moved by hand is not equal to %v", handMoved, moved)
	}
}

func TestRevenuePeriodAdd(t *testing.T) {
	bd := func(r cxmetrics.RevenuePeriod) cxmetrics.RevenuePeriod { return r.WithBreakdown() }
	tests := []struct {
		name    string
		a, b    cxmetrics.RevenuePeriod
		want    cxmetrics.RevenuePeriod
		wantErr error
	}{
		{
			// Field by field: 100 + 50, 90 + 80, and so on.
			name: "two shards with movements",
			a:    cxmetrics.RevenuePeriod{Start: 100, End: 90, New: 5, Churned: 15},
			b:    cxmetrics.RevenuePeriod{Start: 50, End: 80, Expansion: 20, Contraction: 2, Reactivation: 12},
			want: cxmetrics.RevenuePeriod{Start: 150, End: 170, New: 5, Expansion: 20, Contraction: 2, Churned: 15, Reactivation: 12},
		},
		{
			name: "two steady months keep their breakdown",
			a:    bd(cxmetrics.RevenuePeriod{Start: 100, End: 100}),
			b:    bd(cxmetrics.RevenuePeriod{Start: 7, End: 9, New: 2}),
			want: bd(cxmetrics.RevenuePeriod{Start: 107, End: 109, New: 2}),
		},
		{
			name: "steady with its breakdown and a movement",
			a:    bd(cxmetrics.RevenuePeriod{Start: 100, End: 100}),
			b:    cxmetrics.RevenuePeriod{Start: 10, End: 0, Churned: 10},
			want: cxmetrics.RevenuePeriod{Start: 110, End: 100, Churned: 10},
		},
		{
			name: "two totals forms",
			a:    cxmetrics.RevenuePeriod{Start: 100, End: 120, New: 10},
			b:    cxmetrics.RevenuePeriod{Start: 1, End: 2, New: 1},
			want: cxmetrics.RevenuePeriod{Start: 101, End: 122, New: 11},
		},
		{
			name: "the zero value adds to a breakdown",
			a:    cxmetrics.RevenuePeriod{},
			b:    bd(cxmetrics.RevenuePeriod{Start: 5, End: 5}),
			want: bd(cxmetrics.RevenuePeriod{Start: 5, End: 5}),
		},
		{
			name: "a breakdown adds the zero value",
			a:    bd(cxmetrics.RevenuePeriod{Start: 5, End: 5}),
			b:    cxmetrics.RevenuePeriod{},
			want: bd(cxmetrics.RevenuePeriod{Start: 5, End: 5}),
		},
		{
			name:    "a breakdown and a totals form",
			a:       bd(cxmetrics.RevenuePeriod{Start: 100, End: 100}),
			b:       cxmetrics.RevenuePeriod{Start: 10, End: 20, New: 5},
			wantErr: cxmetrics.ErrNoMovements,
		},
		{
			name:    "past int64",
			a:       cxmetrics.RevenuePeriod{Start: math.MaxInt64, End: math.MaxInt64 - 1, Churned: 1},
			b:       cxmetrics.RevenuePeriod{Start: 1, End: 0, Churned: 1},
			wantErr: cxmetrics.ErrOverflow,
		},
		{
			name:    "negative",
			a:       cxmetrics.RevenuePeriod{Start: 10, End: 10},
			b:       cxmetrics.RevenuePeriod{Start: -1},
			wantErr: cxmetrics.ErrNegative,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.a.Add(tc.b)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("Add() error %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Add() mismatch (-want +got):\n%s", diff)
			}
			if got != tc.want {
				t.Errorf("Add() = %v, not == %v", got, tc.want)
			}
			// Addition is commutative.
			if back, err := tc.b.Add(tc.a); err != nil || !back.Equal(got) {
				t.Errorf("b.Add(a) = %v, %v; want %v", back, err, got)
			}
		})
	}
}
