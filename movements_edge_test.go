package cxmetrics_test

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// TestMRRHistoryNobodyPays checks the cohort table of observed periods in
// which no customer pays: every cohort is there, with one cell per age up
// to the last observed period, and every cell is 0 (not absent, not a
// shorter row).
func TestMRRHistoryNobodyPays(t *testing.T) {
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[string](4, order)
			if err != nil {
				t.Fatal(err)
			}
			// Three observed periods, the second with a customer at 0.
			for p, snap := range []map[string]int64{{}, {"acme": 0}, nil} {
				if err := h.AddSnapshot(p, snap); err != nil {
					t.Fatal(err)
				}
			}
			ct, err := h.Cohorts()
			if err != nil {
				t.Fatal(err)
			}
			// 3 observed periods: cohorts 0, 1, 2 with 3, 2 and 1 ages.
			want := cxmetrics.CohortTable{Customers: ragged(3, nil), MRR: ragged(3, nil)}
			if diff := gocmp.Diff(want, ct); diff != "" {
				t.Errorf("Cohorts() mismatch (-want +got):\n%s", diff)
			}
			rev, cus, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			// Three steady periods of nothing, each with its breakdown.
			none := cxmetrics.RevenuePeriod{}.WithBreakdown()
			if diff := gocmp.Diff([]cxmetrics.RevenuePeriod{none, none, none}, rev); diff != "" {
				t.Errorf("revenue mismatch (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(make([]cxmetrics.Period, 3), cus); diff != "" {
				t.Errorf("customers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// keyedMovements returns the movements and cohorts of records keyed by K,
// added one by one in the given order.
func keyedMovements[K comparable](t *testing.T, order cxmetrics.Order, periods int, records []cxmetrics.MRRRecord[K]) ([]cxmetrics.RevenuePeriod, []cxmetrics.Period, cxmetrics.CohortTable, int) {
	t.Helper()
	h, err := cxmetrics.NewMRRHistory[K](periods, order)
	if err != nil {
		t.Fatal(err)
	}
	if order == cxmetrics.PeriodOrder {
		records = byPeriod(records)
	}
	for _, r := range records {
		if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
			t.Fatalf("Add(%+v): %v", r, err)
		}
	}
	rev, cus, err := h.Movements()
	if err != nil {
		t.Fatal(err)
	}
	ct, err := h.Cohorts()
	if err != nil {
		t.Fatal(err)
	}
	return rev, cus, ct, h.Customers()
}

// checkKeyType checks that a history keyed by the integer type K gives
// what the same history keyed by the keys' decimal strings gives, for
// keys that fill the slot table densely and keys that sit in the map.
func checkKeyType[K interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64
}](t *testing.T, keys []K) {
	t.Helper()
	var ints []cxmetrics.MRRRecord[K]
	var strs []rec
	for i, k := range keys {
		for p := range 3 {
			// Each customer pays in a pattern of its own: new, expand,
			// churn, reactivate or contract by the index.
			mrr := int64((i+1)*10) * int64([]int{1, 2, 0, 1, 3, 2}[(i+p)%6])
			ints = append(ints, cxmetrics.MRRRecord[K]{Customer: k, Period: p, MRR: mrr})
			strs = append(strs, rec{Customer: fmt.Sprint(k), Period: p, MRR: mrr})
		}
	}
	for _, order := range orders {
		ri, ci, ti, ni := keyedMovements(t, order, 3, ints)
		rs, cs, ts, ns := keyedMovements(t, order, 3, strs)
		if ni != ns || ni != len(keys) {
			t.Errorf("%T keys, %v: %d customers (string keys %d), want %d", keys[0], order, ni, ns, len(keys))
		}
		if diff := gocmp.Diff(rs, ri); diff != "" {
			t.Errorf("%T keys, %v: revenue mismatch (-string keys +integer keys):\n%s", keys[0], order, diff)
		}
		if diff := gocmp.Diff(cs, ci); diff != "" {
			t.Errorf("%T keys, %v: customers mismatch (-string keys +integer keys):\n%s", keys[0], order, diff)
		}
		if diff := gocmp.Diff(ts, ti); diff != "" {
			t.Errorf("%T keys, %v: cohorts mismatch (-string keys +integer keys):\n%s", keys[0], order, diff)
		}
	}
}

// TestMRRHistoryKeyTypes runs every built-in integer key type, with
// negative keys where the type has them (they never go in the slot
// table) and the type's extremes.
func TestMRRHistoryKeyTypes(t *testing.T) {
	checkKeyType(t, []int{0, 1, 2, -1, math.MaxInt, math.MinInt})
	checkKeyType(t, []int8{0, 1, 2, -1, math.MaxInt8, math.MinInt8})
	checkKeyType(t, []int16{0, 1, 2, -1, math.MaxInt16, math.MinInt16})
	checkKeyType(t, []int32{0, 1, 2, -1, math.MaxInt32, math.MinInt32})
	checkKeyType(t, []int64{0, 1, 2, -1, math.MaxInt64, math.MinInt64})
	checkKeyType(t, []uint{0, 1, 2, math.MaxUint})
	checkKeyType(t, []uint8{0, 1, 2, math.MaxUint8})
	checkKeyType(t, []uint16{0, 1, 2, math.MaxUint16})
	checkKeyType(t, []uint32{0, 1, 2, math.MaxUint32})
	checkKeyType(t, []uint64{0, 1, 2, math.MaxUint64})
	// A named integer type is not a built-in one: it goes to the map.
	type id int
	checkKeyType(t, []id{0, 1, 2, -1})
}

// TestMRRHistorySparseKeyMovesIntoTable checks a key that is too sparse
// for the slot table when it arrives (5000 with no customers yet), and is
// covered by the table once 1000 dense keys have grown it: the customer
// is still the same one, not a second customer.
func TestMRRHistorySparseKeyMovesIntoTable(t *testing.T) {
	var records []cxmetrics.MRRRecord[int]
	records = append(records, cxmetrics.MRRRecord[int]{Customer: 5000, Period: 0, MRR: 70})
	for k := range 1000 {
		records = append(records, cxmetrics.MRRRecord[int]{Customer: k, Period: 0, MRR: 10})
	}
	// 4999 grows the table to exactly 5000 slots, which still leaves 5000
	// in the map; 5001 grows it past 5000; then 5000 pays again.
	records = append(records,
		cxmetrics.MRRRecord[int]{Customer: 4999, Period: 1, MRR: 2},
		cxmetrics.MRRRecord[int]{Customer: 5001, Period: 1, MRR: 1},
		cxmetrics.MRRRecord[int]{Customer: 5000, Period: 1, MRR: 100})
	for _, order := range orders {
		rev, cus, _, n := keyedMovements(t, order, 2, records)
		if n != 1003 {
			t.Errorf("%v: %d customers, want 1003 (0-999, 4999, 5000, 5001)", order, n)
		}
		// Period 1: 5000 expands 70 → 100, 4999 and 5001 are new with 2
		// and 1, the 1000 dense customers churn 10 each.
		want := cxmetrics.RevenuePeriod{Start: 70 + 1000*10, End: 103, New: 3, Expansion: 30, Churned: 10000}
		if len(rev) != 2 {
			t.Fatalf("%v: %d periods, want 2", order, len(rev))
		}
		if diff := gocmp.Diff(want, rev[1]); diff != "" {
			t.Errorf("%v: period 1 revenue mismatch (-want +got):\n%s", order, diff)
		}
		if diff := gocmp.Diff(cxmetrics.Period{Start: 1001, End: 3, New: 2}, cus[1]); diff != "" {
			t.Errorf("%v: period 1 customers mismatch (-want +got):\n%s", order, diff)
		}
	}
}

// TestMRRHistoryCellOverflow checks that a customer's MRR in one period
// cannot pass int64, through Add and through AddSnapshot, and that the
// failed call adds nothing.
func TestMRRHistoryCellOverflow(t *testing.T) {
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[string](2, order)
			if err != nil {
				t.Fatal(err)
			}
			// Up to MaxInt64 exactly is fine, by Add and by AddSnapshot.
			for _, c := range []string{"b", "c"} {
				if err := h.Add(c, 1, math.MaxInt64-5); err != nil {
					t.Fatal(err)
				}
			}
			if err := h.Add("b", 1, 5); err != nil {
				t.Errorf("Add up to MaxInt64: %v", err)
			}
			if err := h.AddSnapshot(1, map[string]int64{"c": 5}); err != nil {
				t.Errorf("AddSnapshot up to MaxInt64: %v", err)
			}
			h, err = cxmetrics.NewMRRHistory[string](2, order)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.Add("a", 1, math.MaxInt64); err != nil {
				t.Fatal(err)
			}
			if err := h.Add("a", 1, 1); !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Errorf("Add: error %v, want ErrOverflow", err)
			}
			if err := h.AddSnapshot(1, map[string]int64{"a": 1}); !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Errorf("AddSnapshot: error %v, want ErrOverflow", err)
			}
			rev, _, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			if want := (cxmetrics.RevenuePeriod{End: math.MaxInt64, New: math.MaxInt64}).WithBreakdown(); rev[1] != want {
				t.Errorf("period 1 = %+v, want %+v", rev[1], want)
			}

			// Other customers' cells are their own: adding to rows 1 and 2
			// in period 1 does not look at row 0's MaxInt64. (Their sum
			// with it overflows the period's total, which Movements says.)
			for _, r := range []rec{{"x", 1, 1}, {"y", 1, 1}, {"y", 1, 1}} {
				if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
					t.Errorf("Add(%+v) beside a cell at MaxInt64: %v", r, err)
				}
			}
			if _, _, err := h.Movements(); !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Errorf("Movements() of MaxInt64 + 3: error %v, want ErrOverflow", err)
			}
		})
	}
}

// TestMRRHistoryOpenPeriodOverflow checks that two customers whose MRR in
// the open period of a PeriodOrder history sums past int64 make Movements
// and Cohorts fail with ErrOverflow naming the period and a customer,
// and that an AddSnapshot after an overflow while closing a period fails
// with the same error.
func TestMRRHistoryOpenPeriodOverflow(t *testing.T) {
	big := int64(math.MaxInt64/2 + 1)
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[int](3, order)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.AddSnapshot(0, map[int]int64{7: big, 8: big}); err != nil {
				t.Fatal(err)
			}
			_, _, err = h.Movements()
			if !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Fatalf("Movements: error %v, want ErrOverflow", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, "period 0") || !(strings.Contains(msg, "customer 7") || strings.Contains(msg, "customer 8")) {
				t.Errorf("Movements: error %q does not name period 0 and customer 7 or 8", msg)
			}
			if _, err := h.Cohorts(); !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Errorf("Cohorts: error %v, want ErrOverflow", err)
			}
			if order != cxmetrics.PeriodOrder {
				return
			}
			// Closing period 0 overflows and sticks.
			if err := h.AddSnapshot(1, map[int]int64{7: 1}); !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Fatalf("AddSnapshot closing period 0: error %v, want ErrOverflow", err)
			}
			if err := h.AddSnapshot(2, nil); !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Errorf("AddSnapshot after the overflow: error %v, want ErrOverflow", err)
			}
		})
	}
}

// TestMRRHistoryKeysInOrder checks that keyed histories fed in sorted and
// in reverse order of keys give one answer.
func TestMRRHistoryKeysInOrder(t *testing.T) {
	var records []cxmetrics.MRRRecord[uint16]
	for k := range uint16(300) {
		records = append(records, cxmetrics.MRRRecord[uint16]{Customer: k * 7, Period: int(k % 2), MRR: int64(k) + 1})
	}
	r1, c1, t1, _ := keyedMovements(t, cxmetrics.AnyOrder, 2, records)
	slices.Reverse(records)
	r2, c2, t2, _ := keyedMovements(t, cxmetrics.AnyOrder, 2, records)
	if diff := gocmp.Diff([]any{r1, c1, t1}, []any{r2, c2, t2}); diff != "" {
		t.Errorf("mismatch (-sorted +reversed):\n%s", diff)
	}
}

// allocated returns the bytes and allocations f makes, counting what
// growing slices copy and leave behind.
func allocated(f func()) (bytes, allocs uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}

// live returns the bytes that f leaves in use on the heap, with keep (what
// f built) still reachable.
func live(f func() (keep any)) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	keep := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(keep)
	return after.HeapAlloc - before.HeapAlloc
}

// TestMRRHistoryMemory checks the memory that MRRHistory documents for
// each order, counting every byte allocated (what growing slices copy
// too), on 4096 dense customers over 16 periods (65,536 records):
//
//	PeriodOrder  20 bytes a customer (these are all paying, so there are
//	             no lists), 112 a period and 24 a cohort cell: 20 × 4096 +
//	             112 × 16 + 24 × 16 = 84,096 bytes, twice that with what
//	             growing slices copy;
//	AnyOrder     12 bytes a record, up to twice that in the chunks still
//	             filling, 8 a customer and 120 a period: 24 × 65,536 +
//	             16 × 4096 + 240 × 16 = 1,642,240 bytes with what growing
//	             slices copy;
//
// plus the slot table of small integer keys, 4 bytes a customer, twice
// that with what its growth copies (32 KiB), and a tenth for the size
// classes of the allocator. Neither takes one allocation per customer.
func TestMRRHistoryMemory(t *testing.T) {
	const customers, periods = 4096, 16
	const slot = 2 * 4 * customers
	for _, tc := range []struct {
		order     cxmetrics.Order
		maxBytes  uint64
		maxAllocs uint64
	}{
		{cxmetrics.PeriodOrder, (2*(20*customers+112*periods+24*periods) + slot) * 11 / 10, 200},
		{cxmetrics.AnyOrder, (24*customers*periods + 16*customers + 240*periods + slot) * 11 / 10, 600},
	} {
		h, err := cxmetrics.NewMRRHistory[int](periods, tc.order)
		if err != nil {
			t.Fatal(err)
		}
		bytes, allocs := allocated(func() {
			for p := range periods {
				for c := range customers {
					if err := h.Add(c, p, 100); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
		t.Logf("%v: %d bytes in %d allocations", tc.order, bytes, allocs)
		if bytes > tc.maxBytes {
			t.Errorf("%v: %d customers × %d periods allocated %d bytes, want at most %d", tc.order, customers, periods, bytes, tc.maxBytes)
		}
		if allocs > tc.maxAllocs {
			t.Errorf("%v: %d customers × %d periods took %d allocations, want at most %d", tc.order, customers, periods, allocs, tc.maxAllocs)
		}
	}
}

// TestMRRHistoryMemoryFollowsObserved checks that what a history may hold
// is a limit, not an allocation: declared periods cost nothing, and two
// records in two early periods of a history declared for the most periods
// (or for MaxPeriods, or 4,000) take well under 1 MB and 1 ms to add and
// to give their movements and their 3-cell cohort table. What they take
// is the first chunk of 4096 customers' states (80 KiB), twice for an
// AnyOrder history, which replays its records through one.
func TestMRRHistoryMemoryFollowsObserved(t *testing.T) {
	for _, declared := range []int{4000, cxmetrics.MaxPeriods, math.MaxInt32 - 1} {
		for _, order := range orders {
			var ct cxmetrics.CohortTable
			start := time.Now()
			bytes, _ := allocated(func() {
				h, err := cxmetrics.NewMRRHistory[string](declared, order)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range []rec{{"a", 0, 100}, {"b", 1, 50}} {
					if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
						t.Fatal(err)
					}
				}
				if _, _, err := h.Movements(); err != nil {
					t.Fatal(err)
				}
				if ct, err = h.Cohorts(); err != nil {
					t.Fatal(err)
				}
			})
			elapsed := time.Since(start)
			if bytes > 256<<10 {
				t.Errorf("%v, %d periods declared, 2 records: %d bytes, want under 256 KiB", order, declared, bytes)
			}
			if elapsed > 100*time.Millisecond { // 1 ms in the benchmark; a loaded machine here
				t.Errorf("%v, %d periods declared, 2 records: %v", order, declared, elapsed)
			}
			// a pays in period 0 only, b from period 1.
			if want := [][]int64{{1, 0}, {1}}; !slices.EqualFunc(want, ct.Customers, slices.Equal) {
				t.Errorf("%v: cohort customers %v, want %v", order, ct.Customers, want)
			}
		}
	}
}

// TestMRRHistoryOverflowNamesCustomer checks that the ErrOverflow of a
// period's total names the customer at whom the total passed int64, for
// keys in the map (strings) as well as in the slot table (small ints):
// rows are tallied in the order customers arrived, so it is the third.
func TestMRRHistoryOverflowNamesCustomer(t *testing.T) {
	big := int64(math.MaxInt64/2 + 1)
	for _, order := range orders {
		hs, err := cxmetrics.NewMRRHistory[string](2, order)
		if err != nil {
			t.Fatal(err)
		}
		hi, err := cxmetrics.NewMRRHistory[int](2, order)
		if err != nil {
			t.Fatal(err)
		}
		for i, mrr := range []int64{1, big, big} {
			if err := hs.Add(fmt.Sprint("c", i), 0, mrr); err != nil {
				t.Fatal(err)
			}
			if err := hi.Add(i, 0, mrr); err != nil {
				t.Fatal(err)
			}
		}
		_, _, errS := hs.Movements()
		_, _, errI := hi.Movements()
		type namedErr struct {
			call string
			err  error
			want string
		}
		tests := []namedErr{{"Movements()", errS, "customer c2"}, {"Movements()", errI, "customer 2"}}
		if order == cxmetrics.PeriodOrder {
			// Closing the period overflows too, at the same customer.
			tests = append(tests,
				namedErr{"Add closing period 0", hs.Add("c0", 1, 1), "customer c2"},
				namedErr{"Add closing period 0", hi.Add(0, 1, 1), "customer 2"})
		}
		for _, tc := range tests {
			if !errors.Is(tc.err, cxmetrics.ErrOverflow) || !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("%v: %s: error %v, want ErrOverflow naming %q", order, tc.call, tc.err, tc.want)
			}
		}
	}
}

// TestMRRHistoryCohortMemory checks that the cohort cells a PeriodOrder
// history keeps as it goes follow the (cohort, age) pairs in which someone
// paid, and not the square of the periods: 200 customers who each pay in
// one period of their own, 200 periods apart from the first to the last,
// leave 200 cells (16 bytes each, twice that with what growing copies),
// where a table of 200 periods has 20,100. The table that Cohorts returns
// is whole, 20,100 cells of each kind, and more than MaxCohortPeriods
// periods are refused before anything is allocated.
func TestMRRHistoryCohortMemory(t *testing.T) {
	const periods = 200
	h, err := cxmetrics.NewMRRHistory[int](periods, cxmetrics.PeriodOrder)
	if err != nil {
		t.Fatal(err)
	}
	bytes := live(func() any {
		for p := range periods {
			if err := h.Add(p, p, 100); err != nil {
				t.Fatal(err)
			}
		}
		return h
	})
	// One chunk of states (4096 customers, 80 KiB), 112 bytes a period,
	// 24 a cell, the lists and the slot table, twice that for the spare
	// room of growing slices: far from the 321,600 bytes of a table of
	// 200 periods.
	if limit := uint64(80<<10 + 2*(112*periods+24*periods+8*periods) + 4*256); bytes > limit {
		t.Errorf("200 one-period customers over 200 periods hold %d bytes, want at most %d", bytes, limit)
	}
	cells := uint64(periods * (periods + 1) / 2 * 8 * 2)
	var ct cxmetrics.CohortTable
	bytes, _ = allocated(func() {
		if ct, err = h.Cohorts(); err != nil {
			t.Fatal(err)
		}
	})
	// The table, plus the row headers (two slices of periods 24-byte
	// slice headers).
	if len(ct.Customers) != periods || !(bytes >= cells && bytes <= 2*cells) {
		t.Errorf("Cohorts(): %d cohorts in %d bytes, want %d in %d to %d", len(ct.Customers), bytes, periods, cells, 2*cells)
	}

	for _, order := range orders {
		h, err := cxmetrics.NewMRRHistory[int](cxmetrics.MaxCohortPeriods+1, order)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.AddSnapshot(cxmetrics.MaxCohortPeriods, nil); err != nil {
			t.Fatal(err)
		}
		bytes, _ := allocated(func() { _, err = h.Cohorts() })
		if !errors.Is(err, cxmetrics.ErrOutOfRange) || !strings.Contains(err.Error(), fmt.Sprint(cxmetrics.MaxCohortPeriods+1)) {
			t.Errorf("%v: Cohorts() of %d periods: error %v, want ErrOutOfRange naming the periods", order, cxmetrics.MaxCohortPeriods+1, err)
		}
		if bytes > 1<<20 {
			t.Errorf("%v: the refused Cohorts() allocated %d bytes", order, bytes)
		}
		if _, _, err := h.Movements(); err != nil {
			t.Errorf("%v: Movements() of %d periods: %v", order, cxmetrics.MaxCohortPeriods+1, err)
		}
	}
}
