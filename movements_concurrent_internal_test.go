package cxmetrics

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// randomRecords returns the records of n customers over periods periods,
// each paying from a random start with random changes and gaps, sorted by
// period if sorted, else shuffled.
func randomRecords(rng *rand.Rand, n, periods int, sorted bool) []MRRRecord[int64] {
	var recs []MRRRecord[int64]
	for c := range n {
		start := rng.IntN(periods)
		mrr := int64(1 + rng.IntN(5)*1000)
		for p := start; p < periods; p++ {
			switch rng.IntN(10) {
			case 0:
				continue // a gap: churned, maybe to come back
			case 1:
				mrr += 500
			case 2:
				mrr = max(mrr-500, 0)
			}
			recs = append(recs, MRRRecord[int64]{Customer: int64(c * 7), Period: p, MRR: mrr})
		}
	}
	if sorted {
		sort.SliceStable(recs, func(i, j int) bool { return recs[i].Period < recs[j].Period })
	} else {
		rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	}
	return recs
}

func TestMovementsConcurrentAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	withShard(16, func() {
		for _, order := range []Order{PeriodOrder, AnyOrder} {
			recs := randomRecords(rng, 2000, 13, order == PeriodOrder)
			want, err := movementsSerial(recs, 13, order)
			if err != nil {
				t.Fatal(err)
			}
			for _, workers := range []int{0, 1, 2, 3, 7} {
				got, err := MovementsConcurrent(recs, 13, order, workers)
				if err != nil {
					t.Fatalf("%v, %d workers: %v", order, workers, err)
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%v, %d workers (-serial +concurrent):\n%s", order, workers, d)
				}
			}
			// String keys take the hashed partition.
			srecs := make([]MRRRecord[string], len(recs))
			for i, r := range recs {
				srecs[i] = MRRRecord[string]{Customer: fmt.Sprint("c", r.Customer), Period: r.Period, MRR: r.MRR}
			}
			got, err := MovementsConcurrent(srecs, 13, order, 3)
			if err != nil || !cmp.Equal(want, got) {
				t.Errorf("%v, string keys: %v, %v", order, cmp.Diff(want, got), err)
			}
		}
	})
}

func TestMovementsConcurrentErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	withShard(16, func() {
		recs := randomRecords(rng, 500, 6, true)
		// Out of period order across customers: the serial history's
		// error, naming the record, though each shard alone is in order.
		bad := append([]MRRRecord[int64](nil), recs...)
		bad[len(bad)-1] = MRRRecord[int64]{Customer: 1, Period: 0, MRR: 5}
		for _, c := range []struct {
			name string
			recs []MRRRecord[int64]
			want error
		}{
			{"out of order", bad, ErrOutOfRange},
			{"negative MRR", append(append([]MRRRecord[int64](nil), recs...), MRRRecord[int64]{Customer: 3, Period: 5, MRR: -1}), ErrNegative},
		} {
			_, werr := movementsSerial(c.recs, 6, PeriodOrder)
			_, gerr := MovementsConcurrent(c.recs, 6, PeriodOrder, 3)
			var re *RecordError
			if !errors.Is(gerr, c.want) || !errors.As(gerr, &re) || gerr.Error() != werr.Error() {
				t.Errorf("%s: %v, want the serial error %v", c.name, gerr, werr)
			}
		}
	})
}

// withBlockShift runs f with blocks of 1<<shift keys in the dense engine.
func withBlockShift(shift int, f func()) {
	old := denseBlockShift
	denseBlockShift = shift
	defer func() { denseBlockShift = old }()
	f()
}

// withWindow runs f with the dense engine cutting records sorted by
// period into windows of n records (n 0: only where that saves memory).
func withWindow(n int, f func()) {
	old := denseWindowTest
	denseWindowTest = n
	defer func() { denseWindowTest = old }()
	f()
}

// FuzzMovementsConcurrent checks that any split of any records over any
// number of workers and blocks gives the one-goroutine figures, or its
// error.
func FuzzMovementsConcurrent(f *testing.F) {
	f.Add([]byte{1, 0, 5, 2, 0, 7, 1, 1, 0, 3, 2, 9}, uint8(2), uint8(1), uint8(0), uint8(0), false)
	f.Add([]byte{1, 3, 5, 2, 0, 7, 1, 1, 0, 3, 2, 9, 4, 4, 4}, uint8(3), uint8(2), uint8(1), uint8(2), true)
	f.Add([]byte{1, 0, 255, 2, 0, 7}, uint8(2), uint8(0), uint8(2), uint8(1), false)
	f.Add([]byte{0, 0, 9, 15, 1, 9, 7, 2, 9, 8, 3, 0, 0, 4, 1, 15, 5, 9}, uint8(4), uint8(0), uint8(1), uint8(0), true)
	// Sorted by period, in windows of 1 to 3 records that cut periods.
	f.Add([]byte{0, 0, 9, 3, 0, 4, 1, 1, 7, 3, 1, 4, 0, 3, 9, 2, 3, 1, 1, 6, 2}, uint8(2), uint8(0), uint8(0), uint8(1), false)
	f.Add([]byte{0, 0, 9, 3, 0, 4, 5, 0, 1, 1, 1, 7, 3, 1, 4, 0, 3, 9, 2, 3, 1}, uint8(3), uint8(0), uint8(1), uint8(3), true)
	f.Add([]byte{0, 0, 9, 3, 0, 4, 5, 0, 1, 1, 1, 7, 3, 1, 4, 0, 3, 9, 2, 3, 1}, uint8(1), uint8(0), uint8(2), uint8(2), false)
	f.Fuzz(func(t *testing.T, data []byte, workers, shard, block, window uint8, any bool) {
		var recs []MRRRecord[int64]
		for i := 0; i+3 <= len(data); i += 3 {
			recs = append(recs, MRRRecord[int64]{Customer: int64(data[i] % 16), Period: int(data[i+1] % 8), MRR: int64(int8(data[i+2]))})
		}
		order := PeriodOrder
		if any {
			order = AnyOrder
		}
		withBlockShift(int(block%5), func() {
			withWindow(int(window%8), func() {
				withShard(int(shard)+1, func() {
					want, werr := movementsSerial(recs, 8, order)
					got, gerr := MovementsConcurrent(recs, 8, order, int(workers%8))
					if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
						t.Fatalf("errors: serial %v, concurrent %v", werr, gerr)
					}
					if werr == nil && !cmp.Equal(want, got) {
						t.Fatalf("(-serial +concurrent):\n%s", cmp.Diff(want, got))
					}
				})
			})
		})
	})
}

// Records sorted by period are cut into windows where the state between
// windows and one window's indices cost less than all the indices.
func TestMovementsDenseWindows(t *testing.T) {
	for _, c := range []struct {
		n, span, want int
	}{
		// gen_mrr.py's rows: 21 MB of state and 5 MB of indices
		// against 41 MB.
		{10169276, 1000000, 10169276 / 8},
		// 5 records a key: 21 bytes of state a key and 5/8 of a
		// window's 4 bytes pass the 20 bytes of every record's index.
		{10169276, 10169276 / 5, 0},
		// 7 records a key: 21 + 3.5 < 28.
		{10169276, 10169276 / 7, 10169276 / 8},
		// Few records: a window's least, 2²⁰ records, is all of them.
		{1000, 10, 0},
		{1 << 20, 10, 0},
		{4_000_000, 10000, denseWindowMin},
	} {
		if got := denseWindowOf(c.n, c.span); got != c.want {
			t.Errorf("%d records over %d keys: windows of %d records, want %d", c.n, c.span, got, c.want)
		}
	}
	// Keys 0 to 3,999 over 24 periods, some 45,000 records, in windows
	// of 5,000 that cut periods, blocks of 256 keys; and the same records
	// shuffled, which are partitioned at once.
	rng := rand.New(rand.NewPCG(11, 12))
	withBlockShift(8, func() {
		withWindow(5000, func() {
			for _, sorted := range []bool{true, false} {
				recs := randomRecords(rng, 4000, 24, sorted)
				for i := range recs {
					recs[i].Customer /= 7
				}
				agreesDense[int32](t, recs, 24, AnyOrder)
				if sorted {
					agreesDense[int32](t, recs, 24, PeriodOrder)
				}
			}
		})
	})
}

// Records in no order are partitioned as copies of their keys and MRR
// where every MRR fits in 32 bits, and by index where one does not.
func TestMovementsDenseCopies(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	recs := randomRecords(rng, 3000, 11, false)
	mid, wide := slices.Clone(recs), slices.Clone(recs)
	for i := range wide {
		mid[i].MRR <<= 14  // past 16 bits, within 32
		wide[i].MRR <<= 33 // past 32 bits, and 3,000 customers' total within int64
	}
	withBlockShift(6, func() {
		for _, rs := range [][]MRRRecord[int64]{recs, mid, wide} {
			agreesDense[int64](t, rs, 11, AnyOrder)
			agreesDense[uint16](t, rs, 11, AnyOrder)
		}
	})
}

// The dense engine's workers follow the keys: asked for 300 workers,
// 3,000 records over 500 keys (one block) take one worker's state, of
// 500 keys, where each of the 300 took 16,384 keys' state (100 MB).
func TestMovementsDenseWorkersFollowKeys(t *testing.T) {
	var recs []MRRRecord[uint64]
	for i := range 3000 {
		recs = append(recs, MRRRecord[uint64]{Customer: math.MaxUint64 - uint64(i%500), Period: i / 1000, MRR: int64(i % 9)})
	}
	withShard(1, func() {
		for _, order := range []Order{PeriodOrder, AnyOrder} {
			allocs := func(workers int) float64 {
				return testing.AllocsPerRun(3, func() {
					if _, ok := movementsDense(recs, 3, order, workers); !ok {
						t.Fatal("not taken")
					}
				})
			}
			// The scan's chunks start a goroutine each (an allocation);
			// a worker's state would be four more slices a worker.
			if one, many := allocs(1), allocs(300); many > one+300 {
				t.Errorf("%v: %v allocations a call for 300 workers, %v for 1", order, many, one)
			}
		}
	})
}

// agreesConcurrent checks that MovementsConcurrent, over 1 to 3 workers
// and blocks of 2 keys, gives the one-goroutine figures or error.
func agreesConcurrent[K comparable](t *testing.T, name string, recs []MRRRecord[K], periods int, order Order) {
	t.Helper()
	want, werr := movementsSerial(recs, periods, order)
	withBlockShift(1, func() {
		withShard(1, func() {
			for _, workers := range []int{1, 2, 3} {
				got, gerr := MovementsConcurrent(recs, periods, order, workers)
				if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() || !cmp.Equal(want, got) {
					t.Errorf("%s, %d workers: %v, %v; want %v, %v", name, workers, got, gerr, want, werr)
				}
			}
		})
	})
}

// keysFrom returns records of customers base+offs[i], as integers of
// type K.
func keysFrom[K Integer](base K, recs []MRRRecord[int64]) []MRRRecord[K] {
	out := make([]MRRRecord[K], len(recs))
	for i, r := range recs {
		out[i] = MRRRecord[K]{Customer: base + K(r.Customer), Period: r.Period, MRR: r.MRR}
	}
	return out
}

// Keys at the ends of their types, and MRR at the edge of the copies' 32
// bits, in the dense engine and out of it. (From a hostile-input review
// of the engine.)
func TestMovementsConcurrentEdges(t *testing.T) {
	// Customers 0 to 5 over periods 0 to 4: no records at all in
	// period 2, records of MRR 0, churn and return.
	hist := []MRRRecord[int64]{
		{0, 0, 5}, {1, 0, 0}, {2, 0, 7}, {0, 1, 6}, {1, 1, 3}, {3, 1, 0}, {0, 3, 8},
		{3, 3, 9}, {4, 3, 1}, {5, 4, 2}, {1, 4, 3}, {5, 4, 0}, {0, 4, 0},
	}
	agreesConcurrent(t, "int8 top", keysFrom[int8](math.MaxInt8-5, hist), 5, PeriodOrder)
	agreesConcurrent(t, "int8 bottom", keysFrom[int8](math.MinInt8, hist), 5, PeriodOrder)
	agreesConcurrent(t, "uint8 top", keysFrom[uint8](math.MaxUint8-5, hist), 5, AnyOrder)
	agreesConcurrent(t, "int16 top", keysFrom[int16](math.MaxInt16-5, hist), 5, AnyOrder)
	agreesConcurrent(t, "uint32 top", keysFrom[uint32](math.MaxUint32-5, hist), 5, PeriodOrder)
	agreesConcurrent(t, "int64 top", keysFrom[int64](math.MaxInt64-5, hist), 5, AnyOrder)
	agreesConcurrent(t, "int64 bottom", keysFrom[int64](math.MinInt64, hist), 5, PeriodOrder)
	agreesConcurrent(t, "uint64 top", keysFrom[uint64](math.MaxUint64-5, hist), 5, AnyOrder)
	agreesConcurrent(t, "uint64 0 and top", []MRRRecord[uint64]{{0, 0, 1}, {math.MaxUint64, 1, 2}, {0, 1, 3}}, 2, PeriodOrder)
	// In no order: MRR at 2³²−1 (copied) and 2³² (indexed).
	edge := func(mrr ...int64) []MRRRecord[int64] {
		var recs []MRRRecord[int64]
		for i, m := range mrr {
			recs = append(recs, MRRRecord[int64]{Customer: int64(i % 4), Period: (i * 7) % 5, MRR: m})
		}
		return recs
	}
	agreesConcurrent(t, "MRR 2³²−1", edge(math.MaxUint32, math.MaxUint32, 0, math.MaxUint32, 1, math.MaxUint32-1, 0, math.MaxUint32), 5, AnyOrder)
	agreesConcurrent(t, "MRR 2³²", edge(math.MaxUint32, math.MaxUint32+1, 0, math.MaxUint32, 1, 0, 7), 5, AnyOrder)
	agreesConcurrent(t, "MRR all 0", edge(0, 0, 0, 0, 0, 0, 0), 5, AnyOrder)
}

// convertKeys returns recs with keys of type K.
func convertKeys[K Integer](recs []MRRRecord[int64]) []MRRRecord[K] {
	out := make([]MRRRecord[K], len(recs))
	for i, r := range recs {
		out[i] = MRRRecord[K]{Customer: K(r.Customer), Period: r.Period, MRR: r.MRR}
	}
	return out
}

// agreesDense checks that the dense engine takes recs, with keys of type
// K, and gives the one-goroutine figures.
func agreesDense[K Integer](t *testing.T, recs []MRRRecord[int64], periods int, order Order) {
	t.Helper()
	ks := convertKeys[K](recs)
	want, err := movementsSerial(ks, periods, order)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 3} {
		got, ok := movementsDense(ks, periods, order, workers)
		if !ok {
			t.Fatalf("%T keys, %v, %d workers: not taken", ks[0].Customer, order, workers)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%T keys, %v, %d workers (-serial +dense):\n%s", ks[0].Customer, order, workers, d)
		}
	}
}

func TestMovementsDenseKeyTypes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	withBlockShift(3, func() {
		for _, order := range []Order{PeriodOrder, AnyOrder} {
			recs := randomRecords(rng, 18, 9, order == PeriodOrder) // keys 0 to 119: every type holds them
			agreesDense[int](t, recs, 9, order)
			agreesDense[int64](t, recs, 9, order)
			agreesDense[int32](t, recs, 9, order)
			agreesDense[int16](t, recs, 9, order)
			agreesDense[int8](t, recs, 9, order)
			agreesDense[uint](t, recs, 9, order)
			agreesDense[uint64](t, recs, 9, order)
			agreesDense[uint32](t, recs, 9, order)
			agreesDense[uint16](t, recs, 9, order)
			agreesDense[uint8](t, recs, 9, order)
		}
	})
}

// The dense engine takes the records it was built for and leaves every
// other kind to the histories, whose figures or errors MovementsConcurrent
// then returns.
func TestMovementsDenseTakes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	base := randomRecords(rng, 300, 7, true) // keys 0, 7, …, 2093: 4,000 records or so
	with := func(recs ...MRRRecord[int64]) []MRRRecord[int64] {
		return append(slices.Clone(base), recs...)
	}
	far := with(MRRRecord[int64]{Customer: math.MaxInt64, Period: 0, MRR: 1})
	for _, c := range []struct {
		name  string
		recs  []MRRRecord[int64]
		order Order
		takes bool
	}{
		{"dense keys", base, PeriodOrder, true},
		{"dense keys, any order", base, AnyOrder, true},
		{"a key far from the others", far, AnyOrder, false},
		{"a negative key", with(MRRRecord[int64]{Customer: -1, Period: 6, MRR: 1}), PeriodOrder, false},
		{"a negative MRR", with(MRRRecord[int64]{Customer: 1, Period: 6, MRR: -1}), PeriodOrder, false},
		{"a period past the history", with(MRRRecord[int64]{Customer: 1, Period: 7, MRR: 1}), PeriodOrder, false},
		{"out of period order", with(MRRRecord[int64]{Customer: 1, Period: 0, MRR: 1}), PeriodOrder, false},
		{"out of period order, any order", with(MRRRecord[int64]{Customer: 1, Period: 0, MRR: 1}), AnyOrder, true},
		{"MRR past int64 in all", with(MRRRecord[int64]{Customer: 1, Period: 6, MRR: math.MaxInt64}), AnyOrder, false},
	} {
		_, took := movementsDense(c.recs, 7, c.order, 2)
		if took != c.takes {
			t.Errorf("%s: taken %v, want %v", c.name, took, c.takes)
		}
		want, werr := movementsSerial(c.recs, 7, c.order)
		got, gerr := MovementsConcurrent(c.recs, 7, c.order, 2)
		if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() || !cmp.Equal(want, got) {
			t.Errorf("%s: %v, %v; want the serial %v, %v", c.name, got, gerr, want, werr)
		}
	}
	// Many periods over many keys: the sweeps would cost more than the
	// records, so the histories take them.
	sparse := []MRRRecord[int64]{{Customer: 0, Period: 0, MRR: 5}, {Customer: 4 * denseSlack, Period: 4000, MRR: 5}}
	if _, took := movementsDense(sparse, 4001, PeriodOrder, 1); took {
		t.Error("keys 0 and 262,144 over 4,001 periods: taken")
	}
	// A few records over many periods: a cohort table of 8 million cells
	// for 2 records is the histories' to build, cell by cell.
	few := []MRRRecord[int64]{{Customer: 0, Period: 0, MRR: 5}, {Customer: 1, Period: 4095, MRR: 5}}
	if _, took := movementsDense(few, 4096, PeriodOrder, 1); took {
		t.Error("2 records over 4,096 periods: taken")
	}
	// Strings are hashed: never dense.
	if _, took := movementsDense([]MRRRecord[string]{{"a", 0, 1}}, 1, PeriodOrder, 1); took {
		t.Error("string keys: taken")
	}
}

// A customer whose MRR summed over all its records passes int64, though
// no period's does, is refused by an AnyOrder history; the concurrent
// call, which streams each shard's records through a PeriodOrder
// history, returned figures for it instead of that error.
func TestMovementsConcurrentAnyOrderCustomerOverflow(t *testing.T) {
	half := int64(math.MaxInt64/2 + 1)
	recs := []MRRRecord[int64]{{0, 1, half}, {5, 0, 1}, {0, 0, half}, {5, 1, 1}}
	withShard(1, func() {
		_, werr := movementsSerial(recs, 2, AnyOrder)
		_, gerr := MovementsConcurrent(recs, 2, AnyOrder, 2)
		var re *RecordError
		if !errors.Is(werr, ErrOverflow) || !errors.Is(gerr, ErrOverflow) || !errors.As(gerr, &re) || re.Index != 2 || gerr.Error() != werr.Error() {
			t.Errorf("MovementsConcurrent: %v, want the serial ErrOverflow %v", gerr, werr)
		}
	})
}
