package cxmetrics_test

import (
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

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
