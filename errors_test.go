package cxmetrics_test

import (
	"errors"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// TestUndefinedFigures checks that every error for a figure that does not
// exist for its inputs wraps ErrUndefined as well as its own cause, as the
// documentation of ErrUndefined lists them, and that errors of wrong data
// do not.
func TestUndefinedFigures(t *testing.T) {
	empty := mustSurvey(t, cxmetrics.NPSScale)
	steady := cxmetrics.RevenuePeriod{Start: 100, End: 100}.WithBreakdown()
	ct := cxmetrics.CohortTable{Customers: [][]int64{{0}}, MRR: [][]int64{{0}}}
	call := func(_ any, err error) error { return err }
	tests := []struct {
		name  string
		err   error
		cause error // also wrapped; nil for ErrUndefined alone
	}{
		{"RetentionRate of a period of no customers", call(cxmetrics.RetentionRate(cxmetrics.Period{})), cxmetrics.ErrZeroStart},
		{"ChurnRate of a period of no customers", call(cxmetrics.ChurnRate(cxmetrics.Period{End: 3, New: 3})), cxmetrics.ErrZeroStart},
		{"NetRevenueRetention of a first month", call(cxmetrics.NetRevenueRetention(cxmetrics.RevenuePeriod{End: 5, New: 5})), cxmetrics.ErrZeroStart},
		{"QuickRatio of a steady month", call(cxmetrics.QuickRatio(steady)), cxmetrics.ErrInvalidArgument},
		{"NPS of no answers", call(cxmetrics.NPS(empty)), cxmetrics.ErrNoResponses},
		{"NPSFromCounts(0, 0, 0)", call(cxmetrics.NPSFromCounts(0, 0, 0)), cxmetrics.ErrNoResponses},
		{"Mean of no answers", call(empty.Mean()), cxmetrics.ErrNoResponses},
		{"PurchaseFrequency of no customers", call(cxmetrics.PurchaseFrequency(3, 0)), cxmetrics.ErrNoResponses},
		{"LifetimeValue with no churn", call(cxmetrics.LifetimeValue(100, 80, 0)), cxmetrics.ErrInvalidArgument},
		{"DiscountedLifetimeValue with no churn and no discount", call(cxmetrics.DiscountedLifetimeValue(100, 80, 0, 0)), cxmetrics.ErrInvalidArgument},
		{"LTVToCAC with no CAC", call(cxmetrics.LTVToCAC(1000, 0)), cxmetrics.ErrInvalidArgument},
		{"CACPayback with no margin", call(cxmetrics.CACPayback(1000, 100, 0)), cxmetrics.ErrInvalidArgument},
		{"LogoRetention of an empty cohort", call(ct.LogoRetention(0)), cxmetrics.ErrZeroStart},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, cxmetrics.ErrUndefined) {
				t.Errorf("error %v, want one wrapping ErrUndefined", tc.err)
			}
			if !errors.Is(tc.err, tc.cause) {
				t.Errorf("error %v, want one wrapping %v too", tc.err, tc.cause)
			}
		})
	}

	// Wrong data is not an undefined figure.
	for _, err := range []error{
		call(cxmetrics.NetRevenueRetention(cxmetrics.RevenuePeriod{Start: 100, End: 110, Churned: 5})), // unbalanced
		call(cxmetrics.GrossRevenueRetention(cxmetrics.RevenuePeriod{Start: 100, End: 100})),           // totals form
		call(cxmetrics.LifetimeValue(100, 80, 101)),                                                    // out of range
		call(cxmetrics.NPSFromCounts(-1, 0, 3)),                                                        // negative
	} {
		if err == nil || errors.Is(err, cxmetrics.ErrUndefined) {
			t.Errorf("error %v, want an error that does not wrap ErrUndefined", err)
		}
	}
}

// TestUndefinedMessages checks that wrapping ErrUndefined leaves the
// message of the cause as it was.
func TestUndefinedMessages(t *testing.T) {
	_, err := cxmetrics.RetentionRate(cxmetrics.Period{})
	if want := "cxmetrics: period starts at zero: start 0 customers"; err == nil || err.Error() != want {
		t.Errorf("RetentionRate(Period{}) error %q, want %q", err, want)
	}
	_, err = cxmetrics.QuickRatio(cxmetrics.RevenuePeriod{Start: 100, End: 100}.WithBreakdown())
	if want := "cxmetrics: invalid argument: quick ratio with no revenue lost (contraction 0, churned 0)"; err == nil || err.Error() != want {
		t.Errorf("QuickRatio(steady) error %q, want %q", err, want)
	}
}
