package cxmetrics_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// TestMRRHistoryOddKeys checks that keys a map cannot hold (a slice, a map
// or a func in an interface, which panic when hashed) and keys that are
// not equal to themselves (NaN, which would make a new customer of every
// record) are refused with ErrInvalidArgument, by Add, AddSnapshot and
// AddRecords, and change nothing.
func TestMRRHistoryOddKeys(t *testing.T) {
	type pair struct {
		Tenant any
		ID     float64
	}
	tests := []struct {
		name string
		add  func(order cxmetrics.Order) (before, after int, err error)
	}{
		{"slice in any", func(order cxmetrics.Order) (int, int, error) {
			return addOdd[any](t, order, "ok", []string{"a"})
		}},
		{"map in any", func(order cxmetrics.Order) (int, int, error) {
			return addOdd[any](t, order, "ok", map[string]int{"a": 1})
		}},
		{"func in any", func(order cxmetrics.Order) (int, int, error) {
			return addOdd[any](t, order, "ok", func() {})
		}},
		{"slice in a struct's interface", func(order cxmetrics.Order) (int, int, error) {
			return addOdd[pair](t, order, pair{"t", 1}, pair{[]int{1}, 1})
		}},
		{"NaN", func(order cxmetrics.Order) (int, int, error) {
			return addOdd[float64](t, order, 1.5, math.NaN())
		}},
		{"NaN in a struct", func(order cxmetrics.Order) (int, int, error) {
			return addOdd[pair](t, order, pair{"t", 1}, pair{"t", math.NaN()})
		}},
		{"NaN in any", func(order cxmetrics.Order) (int, int, error) {
			return addOdd[any](t, order, 7, math.NaN())
		}},
	}
	for _, tc := range tests {
		for _, order := range orders {
			t.Run(tc.name+"/"+order.String(), func(t *testing.T) {
				before, after, err := tc.add(order)
				if !errors.Is(err, cxmetrics.ErrInvalidArgument) || !strings.Contains(err.Error(), "customer key") {
					t.Errorf("error %v, want ErrInvalidArgument about the customer key", err)
				}
				if after != before {
					t.Errorf("%d customers after the refused key, %d before", after, before)
				}
			})
		}
	}
}

// addOdd adds good, then tries bad by Add, AddSnapshot and AddRecords,
// and returns the customers before and after the tries and the last
// error, after checking that all three failed.
func addOdd[K comparable](t *testing.T, order cxmetrics.Order, good, bad K) (int, int, error) {
	t.Helper()
	h, err := cxmetrics.NewMRRHistory[K](3, order)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Add(good, 0, 100); err != nil {
		t.Fatalf("Add(%v): %v", good, err)
	}
	before := h.Customers()
	errAdd := h.Add(bad, 1, 100)
	errSnap := h.AddSnapshot(1, map[K]int64{good: 5})
	if errSnap != nil {
		t.Fatalf("AddSnapshot of a good key: %v", errSnap)
	}
	errRecs := h.AddRecords(slices.Values([]cxmetrics.MRRRecord[K]{{Customer: good, Period: 1, MRR: 1}, {Customer: bad, Period: 1, MRR: 1}}))
	var re *cxmetrics.RecordError
	if !errors.As(errRecs, &re) || re.Index != 1 || !errors.Is(errRecs, cxmetrics.ErrInvalidArgument) {
		t.Errorf("AddRecords: error %v, want a RecordError at index 1", errRecs)
	}
	if !errors.Is(errAdd, cxmetrics.ErrInvalidArgument) {
		t.Errorf("Add: error %v, want ErrInvalidArgument", errAdd)
	}
	return before, h.Customers(), errAdd
}

// TestMRRHistoryPeriodOrderFailedClose checks that a PeriodOrder history
// whose closing of a period overflows is left as it was: the Add that
// closes fails, and so does every later one that needs the same close,
// but the open period can still be added to, and nothing was closed.
func TestMRRHistoryPeriodOrderFailedClose(t *testing.T) {
	big := int64(math.MaxInt64/2 + 1)
	h, err := cxmetrics.NewMRRHistory[string](4, cxmetrics.PeriodOrder)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []rec{{"a", 0, big}, {"b", 0, big}} {
		if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
			t.Fatal(err)
		}
	}
	for _, try := range []func() error{
		func() error { return h.Add("a", 1, 1) },
		func() error { return h.AddSnapshot(2, map[string]int64{"c": 1}) },
		func() error { return h.Add("c", 3, 1) },
	} {
		if err := try(); !errors.Is(err, cxmetrics.ErrOverflow) {
			t.Fatalf("adding past the period that overflows: error %v, want ErrOverflow", err)
		}
		if h.Observed() != 1 || h.Customers() != 2 {
			t.Fatalf("after a failed close: %d periods observed, %d customers; want 1 and 2", h.Observed(), h.Customers())
		}
	}
	// The open period takes more records: a customer of MRR 0 is added.
	if err := h.Add("c", 0, 0); err != nil {
		t.Errorf("Add to the open period after a failed close: %v", err)
	}
	if h.Customers() != 3 {
		t.Errorf("%d customers, want 3", h.Customers())
	}
}

// TestMRRHistoryFarPeriods checks the limit on the periods a history
// observes: MaxPeriods−1 is the last period it takes, at any declared
// size, and a record past it is refused with ErrOutOfRange naming the
// limit, before anything is allocated for it.
func TestMRRHistoryFarPeriods(t *testing.T) {
	for _, order := range orders {
		h, err := cxmetrics.NewMRRHistory[string](math.MaxInt32-1, order)
		if err != nil {
			t.Fatal(err)
		}
		err = h.Add("a", cxmetrics.MaxPeriods, 1)
		if !errors.Is(err, cxmetrics.ErrOutOfRange) || !strings.Contains(err.Error(), fmt.Sprint(cxmetrics.MaxPeriods)) {
			t.Errorf("%v: Add to period MaxPeriods: error %v, want ErrOutOfRange naming %d", order, err, cxmetrics.MaxPeriods)
		}
		if err := h.AddSnapshot(math.MaxInt32-2, nil); !errors.Is(err, cxmetrics.ErrOutOfRange) {
			t.Errorf("%v: AddSnapshot to period MaxInt32−2: error %v, want ErrOutOfRange", order, err)
		}
		if h.Observed() != 0 || h.Customers() != 0 {
			t.Errorf("%v: refused records changed the history", order)
		}
		// The last period it observes: every period up to it is real.
		bytes, _ := allocated(func() {
			for _, r := range []rec{{"a", 0, 100}, {"b", cxmetrics.MaxPeriods - 1, 50}} {
				if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
					t.Fatal(err)
				}
			}
		})
		rev, _, err := h.Movements()
		if err != nil {
			t.Fatal(err)
		}
		if len(rev) != cxmetrics.MaxPeriods || rev[1].Churned != 100 || rev[len(rev)-1].New != 50 {
			t.Errorf("%v: %d periods, period 1 churned %d, last new %d; want %d, 100, 50", order, len(rev), rev[1].Churned, rev[len(rev)-1].New, cxmetrics.MaxPeriods)
		}
		// 112 bytes a period at most (88 of a tally, 24 of a cohort row
		// header), 120 for AnyOrder, twice that with what growing copies.
		if limit := uint64(2*120*cxmetrics.MaxPeriods + 256<<10); bytes > limit {
			t.Errorf("%v: two records %d periods apart allocated %d bytes, want at most %d", order, cxmetrics.MaxPeriods, bytes, limit)
		}
		if _, err := h.Cohorts(); !errors.Is(err, cxmetrics.ErrOutOfRange) {
			t.Errorf("%v: Cohorts() of MaxPeriods periods: error %v, want ErrOutOfRange", order, err)
		}
	}
}

// TestMRRHistorySparseInTime checks that work follows the records, not
// customers × periods: 20,000 customers who each pay in one period of
// their own, spread over 20,000 periods, give their movements quickly (a
// history that visited every customer at every period would make
// 4 × 10⁸ visits). In period p customer p joins with 100 and customer
// p − 1 leaves with its 100.
func TestMRRHistorySparseInTime(t *testing.T) {
	const n = 20_000
	var records []cxmetrics.MRRRecord[int64]
	wantRev := make([]cxmetrics.RevenuePeriod, n)
	wantCus := make([]cxmetrics.Period, n)
	for c := range n {
		records = append(records, cxmetrics.MRRRecord[int64]{Customer: int64(c), Period: c, MRR: 100})
		wantRev[c] = cxmetrics.RevenuePeriod{Start: 100, End: 100, New: 100, Churned: 100}
		wantCus[c] = cxmetrics.Period{Start: 1, End: 1, New: 1}
	}
	wantRev[0] = cxmetrics.RevenuePeriod{End: 100, New: 100}.WithBreakdown()
	wantCus[0] = cxmetrics.Period{End: 1, New: 1}
	for _, order := range orders {
		h, err := cxmetrics.NewMRRHistory[int64](n, order)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.AddRecords(slices.Values(records)); err != nil {
			t.Fatal(err)
		}
		rev, cus, err := h.Movements() // Cohorts refuses 20,000 periods
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(wantRev, rev); diff != "" {
			t.Errorf("%v: revenue mismatch (-want +got):\n%s", order, diff)
		}
		if diff := gocmp.Diff(wantCus, cus); diff != "" {
			t.Errorf("%v: customers mismatch (-want +got):\n%s", order, diff)
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

// TestMRRHistoryDenseAndSparse follows a history whose paying customers go
// from all to few and back, so that a period-order history visits every
// customer in some closes and only the paying ones in others, and checks
// every movement and cohort against the plainest reading of the records,
// in both orders.
func TestMRRHistoryDenseAndSparse(t *testing.T) {
	const customers = 1000
	var records []cxmetrics.MRRRecord[int64]
	add := func(c int64, p int, mrr int64) {
		records = append(records, cxmetrics.MRRRecord[int64]{Customer: c, Period: p, MRR: mrr})
	}
	for c := range int64(customers) {
		add(c, 0, 100) // period 0: everyone pays
	}
	for p := 1; p <= 3; p++ { // periods 1-3: ten customers, changing
		for c := range int64(10) {
			add(c, p, 100+int64(p)*10*(c%3-1))
		}
	}
	add(500, 2, 70) // a reactivation among the few
	for c := range int64(customers) {
		if c%7 != 0 {
			add(c, 4, 100+c%5) // period 4: most come back
		}
	}
	add(999, 5, 1) // period 5: one pays
	wantRev, wantCus, wantCoh := naiveMovements(records)
	for _, order := range orders {
		rev, cus, coh, _ := keyedMovements(t, order, 6, records)
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
}

// TestMRRHistoryLateReturns checks that the cohort cells a history keeps
// follow the cells in which someone paid: P customers who each start a
// cohort of their own and all pay again in the last period leave 2P cells
// (24 bytes each), where rows padded out to their oldest age would hold
// P²/2 (2,000 periods: 48 MB). The table that Cohorts returns is whole,
// and checked against the plainest reading of the records.
func TestMRRHistoryLateReturns(t *testing.T) {
	const p = 2000
	var records []cxmetrics.MRRRecord[int64]
	for c := range int64(p - 1) {
		records = append(records, cxmetrics.MRRRecord[int64]{Customer: c, Period: int(c), MRR: 1})
	}
	for c := range int64(p) {
		records = append(records, cxmetrics.MRRRecord[int64]{Customer: c, Period: p - 1, MRR: 1})
	}
	for _, order := range orders {
		h, err := cxmetrics.NewMRRHistory[int64](p+1, order)
		if err != nil {
			t.Fatal(err)
		}
		held := live(func() any {
			if err := h.AddRecords(slices.Values(records)); err != nil {
				t.Fatal(err)
			}
			if err := h.AddSnapshot(p, nil); err != nil { // closes period p − 1
				t.Fatal(err)
			}
			if _, _, err := h.Movements(); err != nil { // an AnyOrder replay
				t.Fatal(err)
			}
			return h
		})
		// 2P records, P customers, P periods, 2P cells, at most a few
		// hundred bytes each with what growing slices leave: not P²/2
		// cells.
		if limit := uint64(400 * 2 * p); held > limit {
			t.Errorf("%v: %d customers returning after up to %d periods hold %d bytes, want at most %d", order, p, p, held, limit)
		}
	}
	// The whole table, on a smaller history of the same shape.
	small := records[:0:0]
	for _, r := range records {
		if r.Customer < 50 && (r.Period < 50 || r.Period == p-1) {
			small = append(small, cxmetrics.MRRRecord[int64]{Customer: r.Customer, Period: min(r.Period, 50), MRR: r.MRR})
		}
	}
	_, _, wantCoh := naiveMovements(small)
	for _, order := range orders {
		_, _, coh, _ := keyedMovements(t, order, 51, small)
		if diff := gocmp.Diff(wantCoh, coh); diff != "" {
			t.Errorf("%v: cohorts mismatch (-want +got):\n%s", order, diff)
		}
	}
}

// TestMRRHistoryNilRecords checks that a nil sequence adds nothing.
func TestMRRHistoryNilRecords(t *testing.T) {
	h, err := cxmetrics.NewMRRHistory[string](3, cxmetrics.AnyOrder)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.AddRecords(nil); err != nil || h.Customers() != 0 || h.Observed() != 0 {
		t.Errorf("AddRecords(nil) = %v, leaving %d customers and %d periods; want nil, 0, 0", err, h.Customers(), h.Observed())
	}
}
