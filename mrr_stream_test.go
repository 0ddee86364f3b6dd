package cxmetrics_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// The tests in this file are of the engines behind MRRHistory: the
// period-order stream that closes each period (and through which an
// AnyOrder history replays its log), what a close that overflows leaves,
// its dense and sparse passes, and the memory both engines take.

// TestMRRHistoryPeriodOrderSticky checks that a PeriodOrder history whose
// closing of a period overflowed keeps refusing what needs that close,
// since it is left as it was, open period and all (see also
// TestMRRHistoryPeriodOrderFailedClose).
func TestMRRHistoryPeriodOrderSticky(t *testing.T) {
	big := int64(math.MaxInt64/2 + 1)
	h, err := cxmetrics.NewMRRHistory[string](3, cxmetrics.PeriodOrder)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []rec{{"a", 0, big}, {"b", 0, big}} {
		if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Add("a", 1, 1); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Fatalf("Add closing period 0: error %v, want ErrOverflow", err)
	}
	if err := h.Add("a", 2, 1); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("Add after the overflow: error %v, want ErrOverflow", err)
	}
	if _, _, err := h.Movements(); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("Movements after the overflow: error %v, want ErrOverflow", err)
	}
	if _, err := h.Cohorts(); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("Cohorts after the overflow: error %v, want ErrOverflow", err)
	}
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
