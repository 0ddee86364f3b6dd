package cxmetrics_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

func TestRevenuePeriodEncodingsRoundTrip(t *testing.T) {
	for _, r := range revenueEncodingCases {
		t.Run(r.String(), func(t *testing.T) {
			j, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			var fromJSON cxmetrics.RevenuePeriod
			if err := json.Unmarshal(j, &fromJSON); err != nil {
				t.Fatalf("Unmarshal(%s): %v", j, err)
			}
			b, err := r.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var fromBinary cxmetrics.RevenuePeriod
			if err := fromBinary.UnmarshalBinary(b); err != nil {
				t.Fatalf("UnmarshalBinary(%v): %v", b, err)
			}
			for _, got := range []cxmetrics.RevenuePeriod{fromJSON, fromBinary} {
				if got != r {
					t.Errorf("decoded %v, want %v", got, r)
				}
			}
		})
	}
}

func TestRevenuePeriodMarshalRefusesInvalid(t *testing.T) {
	bad := cxmetrics.RevenuePeriod{Start: 100, End: 110, Churned: 5} // 95 ≠ 110
	if _, err := json.Marshal(bad); !errors.Is(err, cxmetrics.ErrUnbalanced) {
		t.Errorf("json.Marshal(%v) error %v, want ErrUnbalanced", bad, err)
	}
	if _, err := bad.MarshalBinary(); !errors.Is(err, cxmetrics.ErrUnbalanced) {
		t.Errorf("MarshalBinary(%v) error %v, want ErrUnbalanced", bad, err)
	}
}

func TestRevenuePeriodUnmarshalJSONErrors(t *testing.T) {
	const steady = `{"start":49,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`
	tests := []struct {
		name    string
		in      string
		wantErr error
	}{
		{"trailing garbage", steady + "x", cxmetrics.ErrCorrupt},
		{"a second object", steady + steady, cxmetrics.ErrCorrupt},
		{"a key twice", `{"start":49,"start":49,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`, cxmetrics.ErrCorrupt},
		// \u0073 is "s": the same key spelled another way.
		{"a key spelled with an escape", `{"\u0073tart":49,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`, cxmetrics.ErrCorrupt},
		{"a key in another case", `{"Start":49,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`, cxmetrics.ErrCorrupt},
		{"an unknown key", `{"start":49,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true,"x":1}`, cxmetrics.ErrCorrupt},
		{"a key missing", `{"start":49,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0}`, cxmetrics.ErrCorrupt},
		{"a fraction", `{"start":49.0,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`, cxmetrics.ErrCorrupt},
		{"an exponent", `{"start":4.9e1,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`, cxmetrics.ErrCorrupt},
		{"a quoted number", `{"start":"49","end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`, cxmetrics.ErrCorrupt},
		{"minus zero", `{"start":49,"end":49,"new":-0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`, cxmetrics.ErrCorrupt},
		{"breakdown not a bool", `{"start":49,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":1}`, cxmetrics.ErrCorrupt},
		{"totals form with a movement", `{"start":49,"end":0,"new":0,"expansion":0,"contraction":0,"churned":49,"reactivation":0,"breakdown":false}`, cxmetrics.ErrCorrupt},
		{"not an object", `[49]`, cxmetrics.ErrCorrupt},
		{"past int64", `{"start":9223372036854775808,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":false}`, cxmetrics.ErrOverflow},
		{"negative", `{"start":-1,"end":49,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":false}`, cxmetrics.ErrNegative},
		{"unbalanced", `{"start":49,"end":50,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`, cxmetrics.ErrUnbalanced},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := cxmetrics.RevenuePeriod{Start: 7, End: 0, Churned: 7}
			err := r.UnmarshalJSON([]byte(tc.in))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("UnmarshalJSON(%s) = %v, want %v", tc.in, err, tc.wantErr)
			}
			if want := (cxmetrics.RevenuePeriod{Start: 7, End: 0, Churned: 7}); r != want {
				t.Errorf("failed UnmarshalJSON changed the period to %v", r)
			}
		})
	}
}

func TestRevenuePeriodUnmarshalBinaryErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		wantErr error
	}{
		{"empty", nil, cxmetrics.ErrCorrupt},
		{"unknown version", []byte{2, 0, 0, 0, 0, 0, 0, 0, 0}, cxmetrics.ErrCorrupt},
		{"unknown flag", []byte{1, 2, 0, 0, 0, 0, 0, 0, 0}, cxmetrics.ErrCorrupt},
		{"truncated", []byte{1, 0, 100, 100, 0, 0, 0, 0}, cxmetrics.ErrCorrupt},
		{"trailing byte", []byte{1, 0, 100, 100, 0, 0, 0, 0, 0, 0}, cxmetrics.ErrCorrupt},
		// 0x80 0x00 is 0 in two bytes where one does: not the one form.
		{"overlong varint", []byte{1, 0, 0x80, 0x00, 0, 0, 0, 0, 0, 0}, cxmetrics.ErrCorrupt},
		{"totals flag with a movement", []byte{1, 0, 100, 90, 0, 0, 0, 10, 0}, cxmetrics.ErrCorrupt},
		// 2⁶³ as a varint: nine bytes of 0x80, then 0x01.
		{"past int64", []byte{1, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0, 0, 0, 0, 0, 0}, cxmetrics.ErrOverflow},
		{"unbalanced", []byte{1, 1, 100, 90, 0, 0, 0, 0, 0}, cxmetrics.ErrUnbalanced},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := cxmetrics.RevenuePeriod{Start: 7, End: 0, Churned: 7}
			err := r.UnmarshalBinary(tc.in)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("UnmarshalBinary(%v) = %v, want %v", tc.in, err, tc.wantErr)
			}
			if want := (cxmetrics.RevenuePeriod{Start: 7, End: 0, Churned: 7}); r != want {
				t.Errorf("failed UnmarshalBinary changed the period to %v", r)
			}
		})
	}
}
