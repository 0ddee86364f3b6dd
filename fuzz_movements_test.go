package cxmetrics_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// fuzzRecords turns data into a history: data[0] picks the number of
// periods, data[1] how customer keys are spread (dense, spaced so that
// they move from the map to the slot table, sparse, negative), and each
// following three bytes are one record.
func fuzzRecords(data []byte) (int, []cxmetrics.MRRRecord[int64]) {
	if len(data) < 2 {
		return 1, nil
	}
	periods := 1 + int(data[0]%6)
	spread := []func(b byte) int64{
		func(b byte) int64 { return int64(b) },
		func(b byte) int64 { return int64(b) * 40 },
		func(b byte) int64 { return int64(b) * 1e12 },
		func(b byte) int64 { return -int64(b) },
	}[data[1]%4]
	var records []cxmetrics.MRRRecord[int64]
	for i := 2; i+3 <= len(data); i += 3 {
		records = append(records, cxmetrics.MRRRecord[int64]{
			Customer: spread(data[i]),
			Period:   int(data[i+1]) % periods,
			MRR:      int64(data[i+2]%4) * 100, // 0, 100, 200, 300
		})
	}
	return periods, records
}

func FuzzMRRHistory(f *testing.F) {
	f.Add([]byte{3, 0, 1, 0, 1, 1, 1, 2, 1, 2, 0})
	f.Add([]byte{5, 1, 200, 0, 3, 1, 0, 2, 7, 1, 1, 200, 3, 1, 7, 4, 3})
	f.Add([]byte{2, 2, 9, 0, 1, 9, 0, 2, 8, 1, 3})
	f.Add([]byte{5, 3, 1, 0, 1, 1, 3, 2, 1, 1, 0, 2, 4, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		periods, records := fuzzRecords(data)
		wantRev, wantCus, wantCoh := naiveMovements(records)
		for _, order := range orders {
			in := records
			if order == cxmetrics.PeriodOrder {
				in = byPeriod(records)
			}
			h, err := cxmetrics.NewMRRHistory[int64](periods, order)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.AddRecords(slices.Values(in)); err != nil {
				t.Fatal(err)
			}
			rev, cus, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			coh, err := h.Cohorts()
			if err != nil {
				t.Fatal(err)
			}
			for p, r := range rev {
				if r.Start+r.New+r.Reactivation+r.Expansion-r.Contraction-r.Churned != r.End {
					t.Errorf("%v: period %d does not balance: %+v", order, p, r)
				}
				c := cus[p]
				if p > 0 && (r.Start != rev[p-1].End || c.Start != cus[p-1].End) {
					t.Errorf("%v: period %d does not start where period %d ends", order, p, p-1)
				}
				if lost := c.Start + c.New - c.End; lost < 0 || c.New > c.End {
					t.Errorf("%v: period %d is inconsistent: %+v", order, p, c)
				}
				checkFiguresDefinedOrUndefined(t, r)
			}
			for c, row := range coh.Customers {
				if n := h.Observed(); len(row) != n-c || len(coh.MRR[c]) != n-c {
					t.Errorf("%v: cohort %d has %d and %d cells, want %d", order, c, len(row), len(coh.MRR[c]), n-c)
				}
				for a, n := range row {
					if n > row[0] {
						t.Errorf("%v: cohort %d has %d customers at age %d, more than its %d", order, c, n, a, row[0])
					}
				}
			}
			if diff := gocmp.Diff(wantRev, rev); diff != "" {
				t.Errorf("%v: revenue mismatch (-want +got):\n%s", order, diff)
			}
			if diff := gocmp.Diff(wantCus, cus); diff != "" {
				t.Errorf("%v: customers mismatch (-want +got):\n%s", order, diff)
			}
			if diff := gocmp.Diff(wantCoh, coh); diff != "" {
				t.Errorf("%v: cohorts mismatch (-want +got):\n%s", order, diff)
			}
		}
	})
}

// checkFiguresDefinedOrUndefined checks that every revenue figure of r, a
// period of a history, is finite or undefined (ErrUndefined): a history
// knows every period's breakdown, so none is ErrNoMovements, and its
// periods are consistent, so none is an error of the data.
func checkFiguresDefinedOrUndefined(t *testing.T, r cxmetrics.RevenuePeriod) {
	t.Helper()
	if !r.HasBreakdown() {
		t.Errorf("period %v of a history has no breakdown", r)
	}
	for _, fg := range revenueFigures {
		v, err := fg.f(r)
		switch {
		case err == nil && (math.IsNaN(v) || math.IsInf(v, 0)):
			t.Errorf("%s(%v) = %v", fg.name, r, v)
		case err != nil && !errors.Is(err, cxmetrics.ErrUndefined):
			t.Errorf("%s(%v) error %v, want a figure or ErrUndefined", fg.name, r, err)
		}
	}
}

// FuzzNewMRRHistorySize builds histories of any declared size and order
// and adds two records at fuzzed periods: a size or a period out of range
// is a clear error, and a history that accepts them holds two customers
// and reports every period up to the later one, in memory that follows
// the periods observed (never the declared ones).
func FuzzNewMRRHistorySize(f *testing.F) {
	f.Add(int64(4000), uint8(1), int64(0), int64(1))
	f.Add(int64(math.MaxInt32-1), uint8(2), int64(0), int64(3))
	f.Add(int64(math.MaxInt32), uint8(1), int64(0), int64(0))
	f.Add(int64(-1), uint8(2), int64(0), int64(0))
	f.Add(int64(10_000_000), uint8(1), int64(5), int64(1<<17))
	f.Add(int64(3), uint8(9), int64(0), int64(0))
	f.Fuzz(func(t *testing.T, periods int64, order uint8, p1, p2 int64) {
		o := cxmetrics.Order(order)
		if periods != int64(int(periods)) || p1 != int64(int(p1)) || p2 != int64(int(p2)) {
			return
		}
		h, err := cxmetrics.NewMRRHistory[string](int(periods), o)
		validSize := periods >= 1 && periods <= math.MaxInt32-1
		validOrder := o == cxmetrics.AnyOrder || o == cxmetrics.PeriodOrder
		switch {
		case !validSize && !errors.Is(err, cxmetrics.ErrOutOfRange):
			t.Fatalf("NewMRRHistory(%d, %v): error %v, want ErrOutOfRange", periods, o, err)
		case validSize && !validOrder && !errors.Is(err, cxmetrics.ErrInvalidArgument):
			t.Fatalf("NewMRRHistory(%d, %v): error %v, want ErrInvalidArgument", periods, o, err)
		case validSize && validOrder && err != nil:
			t.Fatalf("NewMRRHistory(%d, %v): %v", periods, o, err)
		}
		if err != nil {
			return
		}
		limit := min(periods, cxmetrics.MaxPeriods)
		added := 0
		for i, p := range []int64{p1, p2} {
			err := h.Add(fmt.Sprint("c", i), int(p), 100)
			inRange := p >= 0 && p < limit && (o == cxmetrics.AnyOrder || i == 0 || p >= p1)
			if inRange != (err == nil) {
				t.Fatalf("Add to period %d of a history of %d (%v): %v", p, periods, o, err)
			}
			if err != nil && !errors.Is(err, cxmetrics.ErrOutOfRange) {
				t.Fatalf("Add to period %d: error %v, want ErrOutOfRange", p, err)
			}
			if err == nil {
				added++
			}
		}
		if h.Customers() != added {
			t.Fatalf("%d customers, want %d", h.Customers(), added)
		}
		rev, _, err := h.Movements()
		if err != nil {
			t.Fatal(err)
		}
		if len(rev) != h.Observed() || len(rev) > int(limit) {
			t.Fatalf("%d periods of movements, %d observed, limit %d", len(rev), h.Observed(), limit)
		}
	})
}
