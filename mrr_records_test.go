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

// The tests in this file are of how MRRHistory takes one record: the
// customer's key (every integer type, in the slot table or the map, and
// keys a map cannot hold), the checks of its period and MRR, and errors
// that name the customer and the period.

// TestMRRHistoryErrorNames checks that an error for a bad record names its
// customer and period, which is what a user needs to find it.
func TestMRRHistoryErrorNames(t *testing.T) {
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[string](5, order)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.Add("acme", 4, 10); err != nil {
				t.Fatal(err)
			}
			for _, bad := range []rec{{"acme", 3, -1}, {"acme", 7, 1}, {"acme", 4, math.MaxInt64}} {
				err := h.Add(bad.Customer, bad.Period, bad.MRR)
				if err == nil {
					t.Fatalf("Add(%+v): no error", bad)
				}
				for _, want := range []string{"customer acme", fmt.Sprintf("period %d", bad.Period)} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("Add(%+v): error %q does not say %q", bad, err, want)
					}
				}
			}
		})
	}
}

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

// TestMRRHistoryIntegerKeys checks that integer keys, dense, sparse,
// negative, and keys that move from the map to the slot table as the
// customers grow, give what the same customers give as strings.
func TestMRRHistoryIntegerKeys(t *testing.T) {
	// Key 100000 is too sparse for the slot table when it comes first;
	// 20000 dense customers later make it dense enough.
	keys := []int64{100000, -7, 1 << 62}
	for k := range int64(20000) {
		keys = append(keys, k)
	}
	keys = append(keys, 100000, -7, 1<<62, 3)
	var ints []cxmetrics.MRRRecord[int64]
	var strs []rec
	for i, k := range keys {
		p, mrr := i%3, int64(100+i%7)
		ints = append(ints, cxmetrics.MRRRecord[int64]{Customer: k, Period: p, MRR: mrr})
		strs = append(strs, rec{Customer: fmt.Sprint(k), Period: p, MRR: mrr})
	}
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			hi, err := cxmetrics.NewMRRHistory[int64](3, order)
			if err != nil {
				t.Fatal(err)
			}
			hs, err := cxmetrics.NewMRRHistory[string](3, order)
			if err != nil {
				t.Fatal(err)
			}
			in, sn := ints, strs
			if order == cxmetrics.PeriodOrder {
				in, sn = byPeriod(in), byPeriod(sn)
			}
			if err := hi.AddRecords(slices.Values(in)); err != nil {
				t.Fatal(err)
			}
			if err := hs.AddRecords(slices.Values(sn)); err != nil {
				t.Fatal(err)
			}
			if hi.Customers() != 20003 || hs.Customers() != 20003 {
				t.Errorf("Customers() = %d (int64 keys), %d (string keys), want 20003", hi.Customers(), hs.Customers())
			}
			ri, ci, err := hi.Movements()
			if err != nil {
				t.Fatal(err)
			}
			rs, cs, err := hs.Movements()
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(rs, ri); diff != "" {
				t.Errorf("revenue mismatch (-string keys +int64 keys):\n%s", diff)
			}
			if diff := gocmp.Diff(cs, ci); diff != "" {
				t.Errorf("customers mismatch (-string keys +int64 keys):\n%s", diff)
			}
		})
	}
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
