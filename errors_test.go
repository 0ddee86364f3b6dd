package cxmetrics_test

import (
	"errors"
	"strings"
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

// TestErrorsGiveTheLimits checks that errors for an argument outside its
// limits say what the limits are, as the package documentation promises
// ("the offending value in its message"): the caller should not have to
// look up how many top boxes a scale has or how many periods a history
// holds.
func TestErrorsGiveTheLimits(t *testing.T) {
	s := mustSurvey(t, cxmetrics.CSATScale, 1, 2, 3, 4, 5)
	_, csatErr := cxmetrics.CSATTopBox(s, 5)
	_, histErr := cxmetrics.NewMRRHistory[string](0, cxmetrics.AnyOrder)
	h, err := cxmetrics.NewMRRHistory[string](5, cxmetrics.AnyOrder)
	if err != nil {
		t.Fatal(err)
	}
	addErr := h.Add("acme", 5, 100)
	// Balanced (10 + 100 − 50 = 60), but 50 lost of the 10 there was.
	lossy := cxmetrics.RevenuePeriod{Start: 10, End: 60, New: 100, Contraction: 20, Churned: 30}
	_, nrrErr := cxmetrics.NetRevenueRetention(lossy)
	_, cmErr := cxmetrics.ChartMogulNetMRRChurn(lossy)
	// Encodings that fail part way say where: version 1, then min 0 as a
	// varint (byte 1), then max as a truncated varint (byte 2).
	var dec cxmetrics.Survey
	boundErr := dec.UnmarshalBinary([]byte{1, 0, 0x80})
	// Scale 0-1, count of 0 at byte 3, count of 1 truncated at byte 4.
	countErr := dec.UnmarshalBinary([]byte{1, 0, 2, 5, 0x80})
	// A count of 2⁶³ for score 1 of 0-1.
	bigErr := dec.UnmarshalBinary([]byte{1, 0, 2, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01})
	negErr := dec.UnmarshalJSON([]byte(`{"min": 3, "max": 4, "counts": [1, -2]}`))
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"CSATTopBox(1-5 survey, 5)", csatErr, "want 1 to 4"},
		{"NewMRRHistory(0)", histErr, "need 1 to 2147483646"},
		{"Add to period 5 of 5", addErr, "periods 0 to 4"},
		{"NetRevenueRetention losing 50 of 10", nrrErr, "50 revenue lost (contraction 20 + churned 30)"},
		{"ChartMogulNetMRRChurn losing 50 of 10", cmErr, "50 revenue lost (contraction 20 + churned 30)"},
		{"UnmarshalBinary, bad max", boundErr, "bad scale bound at byte 2"},
		{"UnmarshalBinary, bad count", countErr, "bad count of score 1 at byte 4"},
		{"UnmarshalBinary, count 2⁶³", bigErr, "count 9223372036854775808 of score 1"},
		{"UnmarshalJSON, count -2", negErr, "count -2 of score 4"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one that says %q", tc.name, tc.err, tc.want)
		}
	}
}
