package cxmetrics_test

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// encoded returns d's binary form, for comparing states exactly.
func encoded(t testing.TB, d *cxmetrics.Drivers) []byte {
	t.Helper()
	b, err := d.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNewDrivers(t *testing.T) {
	cases := []struct {
		name            string
		k               int
		outcome, rating cxmetrics.Scale
		wantErr         error
	}{
		{"NPS and CSAT", 10, cxmetrics.NPSScale, cxmetrics.CSATScale, nil},
		{"one driver", 1, cxmetrics.NPSScale, cxmetrics.CSATScale, nil},
		{"MaxDrivers", cxmetrics.MaxDrivers, cxmetrics.NPSScale, cxmetrics.CSATScale, nil},
		{"no drivers", 0, cxmetrics.NPSScale, cxmetrics.CSATScale, cxmetrics.ErrInvalidArgument},
		{"negative", -3, cxmetrics.NPSScale, cxmetrics.CSATScale, cxmetrics.ErrInvalidArgument},
		{"past MaxDrivers", cxmetrics.MaxDrivers + 1, cxmetrics.NPSScale, cxmetrics.CSATScale, cxmetrics.ErrInvalidArgument},
		{"bad outcome scale", 2, cxmetrics.Scale{}, cxmetrics.CSATScale, cxmetrics.ErrInvalidScale},
		{"bad rating scale", 2, cxmetrics.NPSScale, cxmetrics.Scale{Min: 5, Max: 1}, cxmetrics.ErrInvalidScale},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := cxmetrics.NewDrivers(tc.k, tc.outcome, tc.rating)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("NewDrivers: %v, want %v", err, tc.wantErr)
			}
			if err == nil && (d.Len() != tc.k || d.Count() != 0 || d.Skipped() != 0) {
				t.Errorf("Len, Count, Skipped = %d, %d, %d", d.Len(), d.Count(), d.Skipped())
			}
		})
	}
}

// TestDriversAddErrors checks that every bad respondent is refused with
// its sentinel and a message naming the value, and changes nothing.
func TestDriversAddErrors(t *testing.T) {
	type row = cxmetrics.Respondent
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name    string
		r       row
		wantErr error
		wantMsg string
	}{
		{"too few ratings", row{Outcome: 9, Ratings: []float64{4, 5}}, cxmetrics.ErrInvalidArgument, "2 ratings for 3 drivers"},
		{"too many ratings", row{Outcome: 9, Ratings: []float64{4, 5, 3, 1}}, cxmetrics.ErrInvalidArgument, "4 ratings"},
		{"short mask", row{Outcome: 9, Ratings: []float64{4, 5, 3}, Missing: []bool{true}}, cxmetrics.ErrInvalidArgument, "1 missing flags"},
		{"NaN outcome", row{Outcome: nan, Ratings: []float64{4, 5, 3}}, cxmetrics.ErrInvalidArgument, "outcome is NaN"},
		{"infinite rating", row{Outcome: 9, Ratings: []float64{4, inf, 3}}, cxmetrics.ErrInvalidArgument, "rating of driver 1 is +Inf"},
		{"NaN rating", row{Outcome: 9, Ratings: []float64{4, 5, nan}}, cxmetrics.ErrInvalidArgument, "rating of driver 2 is NaN"},
		{"outcome off the scale", row{Outcome: 11, Ratings: []float64{4, 5, 3}}, cxmetrics.ErrOutOfRange, "outcome 11 on scale 0-10"},
		{"percent for a rating", row{Outcome: 9, Ratings: []float64{80, 5, 3}}, cxmetrics.ErrOutOfRange, "rating of driver 0 80 on scale 1-5"},
		{"rating below the scale", row{Outcome: 9, Ratings: []float64{4, 0.5, 3}}, cxmetrics.ErrOutOfRange, "driver 1 0.5"},
		// A gap beside bad data does not hide it.
		{"bad rating beside a missing one", row{Outcome: 9, Ratings: []float64{4, 9, 3}, Missing: []bool{true, false, false}},
			cxmetrics.ErrOutOfRange, "driver 1 9"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := driversOf(t, correlated(20, 3, 1))
			before := encoded(t, d)
			err := d.Add(tc.r)
			if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Fatalf("Add: %v, want %v saying %q", err, tc.wantErr, tc.wantMsg)
			}
			if !bytes.Equal(before, encoded(t, d)) {
				t.Errorf("a failed Add changed the Drivers")
			}
		})
	}
	var zero cxmetrics.Drivers
	if err := zero.Add(row{Outcome: 1, Ratings: []float64{1}}); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("zero value Add: %v, want ErrInvalidArgument", err)
	}
}

// TestDriversMissing checks listwise deletion: a respondent with a
// missing rating is counted and leaves the statistics as they were, and
// the value of a missing rating, even NaN, is not read.
func TestDriversMissing(t *testing.T) {
	rows := correlated(50, 3, 2)
	want := encoded(t, driversOf(t, rows))
	d := driversOf(t, rows[:20])
	for _, m := range [][]bool{{true, false, false}, {false, false, true}, {true, true, true}} {
		if err := d.Add(cxmetrics.Respondent{Outcome: 7, Ratings: []float64{math.NaN(), 2, 3}, Missing: m}); m[0] && err != nil {
			t.Fatal(err)
		} else if !m[0] && !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Fatalf("NaN in a rating not marked missing: %v", err)
		}
	}
	for _, r := range rows[20:] {
		if err := d.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if d.Count() != 50 || d.Skipped() != 2 {
		t.Errorf("Count, Skipped = %d, %d; want 50, 2", d.Count(), d.Skipped())
	}
	got := encoded(t, d)
	// The forms differ only in the skipped count, the fourth byte (k, n
	// and skipped are one-byte varints here).
	if got[3] != 2 || want[3] != 0 || !bytes.Equal(got[:3], want[:3]) || !bytes.Equal(got[4:], want[4:]) {
		t.Errorf("statistics with skipped respondents differ from those without them")
	}
}

// TestDriversMerge checks that shards merged in any grouping equal one
// pass, to the documented tolerance (1e-12), and the special cases.
func TestDriversMerge(t *testing.T) {
	rows := correlated(1000, 5, 3)
	whole := driversOf(t, rows)
	want, err := cxmetrics.RelativeWeights(whole)
	if err != nil {
		t.Fatal(err)
	}
	for _, cuts := range [][]int{{0, 1000}, {0, 1, 1000}, {0, 500, 1000}, {0, 7, 300, 301, 999, 1000}} {
		merged, _ := cxmetrics.NewDrivers(5, cxmetrics.NPSScale, cxmetrics.CSATScale)
		for i := len(cuts) - 1; i > 0; i-- { // in reverse order
			if cuts[i-1] == cuts[i] {
				continue
			}
			if err := merged.Merge(driversOf(t, rows[cuts[i-1]:cuts[i]])); err != nil {
				t.Fatal(err)
			}
		}
		got, err := cxmetrics.RelativeWeights(merged)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
			t.Errorf("cuts %v: mismatch (-one pass +merged):\n%s", cuts, diff)
		}
	}
	// Merging a Drivers into itself counts every respondent twice: the
	// same correlations and means, twice the count.
	twice := driversOf(t, rows)
	if err := twice.Merge(twice); err != nil {
		t.Fatal(err)
	}
	got, err := cxmetrics.RelativeWeights(twice)
	if err != nil {
		t.Fatal(err)
	}
	want.Count *= 2
	if diff := gocmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("self-merge: mismatch (-want +got):\n%s", diff)
	}

	other, _ := cxmetrics.NewDrivers(4, cxmetrics.NPSScale, cxmetrics.CSATScale)
	otherScale, _ := cxmetrics.NewDrivers(5, cxmetrics.NPSScale, cxmetrics.CESScale)
	for _, tc := range []struct {
		name    string
		into    *cxmetrics.Drivers
		other   *cxmetrics.Drivers
		wantErr error
	}{
		{"nil", whole, nil, cxmetrics.ErrInvalidArgument},
		{"zero value merged", whole, new(cxmetrics.Drivers), cxmetrics.ErrInvalidArgument},
		{"into zero value", new(cxmetrics.Drivers), whole, cxmetrics.ErrInvalidArgument},
		{"other k", whole, other, cxmetrics.ErrInvalidArgument},
		{"other scale", whole, otherScale, cxmetrics.ErrScaleMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before []byte
			if tc.into.Len() > 0 {
				before = encoded(t, tc.into)
			}
			if err := tc.into.Merge(tc.other); !errors.Is(err, tc.wantErr) {
				t.Fatalf("Merge: %v, want %v", err, tc.wantErr)
			}
			if before != nil && !bytes.Equal(before, encoded(t, tc.into)) {
				t.Errorf("a failed Merge changed the Drivers")
			}
		})
	}
}

// TestDriversStable checks the numerical stability the doc promises:
// ratings near 10⁶ with a spread near 1 give the same correlations as the
// same ratings shifted to near 0, where a sum of raw squares (10¹² per
// respondent) would have lost most of the digits of the variance.
func TestDriversStable(t *testing.T) {
	rows := correlated(2000, 3, 4)
	const shift = 1_000_000
	far, _ := cxmetrics.NewDrivers(3, cxmetrics.Scale{Min: shift, Max: shift + 10}, cxmetrics.Scale{Min: shift, Max: shift + 5})
	for _, r := range rows {
		s := cxmetrics.Respondent{Outcome: r.Outcome + shift, Ratings: make([]float64, 3)}
		for j, x := range r.Ratings {
			s.Ratings[j] = x + shift
		}
		if err := far.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	want, err := cxmetrics.RelativeWeights(driversOf(t, rows))
	if err != nil {
		t.Fatal(err)
	}
	got, err := cxmetrics.RelativeWeights(far)
	if err != nil {
		t.Fatal(err)
	}
	for j := range want.Drivers {
		want.Drivers[j].Mean += shift
	}
	// The shifted values themselves carry rounding of 1e6 × 2⁻⁵³ ≈ 1e-10
	// against a spread near 1.
	if diff := gocmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-8)); diff != "" {
		t.Errorf("mismatch (-near 0 +near 10⁶):\n%s", diff)
	}
}

// TestDriversMergeOverflow checks that merging decoded statistics whose
// co-moments add up past float64 (1e308 + 1e308) is ErrOverflow and leaves
// the accumulator as it was, rather than storing +Inf, which MarshalJSON
// would write as the non-JSON "+Inf" and UnmarshalBinary would refuse.
func TestDriversMergeOverflow(t *testing.T) {
	const doc = `{"k":1,"count":4,"skipped":0,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[1e+308,1e+308],[1e+308,1e+308]]}`
	var d, other cxmetrics.Drivers
	if err := d.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	if err := other.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	before := encoded(t, &d)
	for name, o := range map[string]*cxmetrics.Drivers{"another": &other, "itself": &d} {
		if err := d.Merge(o); !errors.Is(err, cxmetrics.ErrOverflow) {
			t.Errorf("merging %s: %v, want ErrOverflow", name, err)
		}
		if !bytes.Equal(before, encoded(t, &d)) {
			t.Errorf("merging %s: a failed Merge changed the Drivers", name)
		}
	}
	if d.Count() != 4 {
		t.Errorf("count %d after failed merges, want 4", d.Count())
	}
}
