package cxmetrics

import (
	"fmt"
	"hash/maphash"
	"math"
	"reflect"
)

// MRRTables is what an [MRRHistory] reports, computed at once: each
// observed period's revenue movements and customer counts, as
// [MRRHistory.Movements] gives them, and the cohort table, as
// [MRRHistory.Cohorts] gives it. [MovementsConcurrent] returns one.
//
// An MRRTables is a plain value; it is safe for concurrent use as long as
// no goroutine changes its slices.
type MRRTables struct {
	Revenue   []RevenuePeriod
	Customers []Period
	Cohorts   CohortTable
	// Distinct is the number of distinct customers in the records,
	// [MRRHistory.Customers].
	Distinct int
}

// MovementsConcurrent returns the movements, customer counts and cohort
// table of records, as a new [MRRHistory] of periods periods and order
// given every record in turn would report them, computed on up to workers
// goroutines that start and end within the call. Every figure is a sum
// over customers, so it is the same to the last minor unit whatever the
// workers. With workers 1 or less, or fewer than 2¹⁶ records a worker, it
// runs on the calling goroutine.
//
// Keys of a built-in integer type that fill their range (IDs 0, 1, 2, …,
// or any range of keys up to four times the records, and times the
// periods up to sixteen times the records) take the dense
// engine: no hashing and no customer index, each customer's state at its
// key. The records are counted and placed by block of 16,384 keys and by
// period, in one stable counting sort over chunks of the records, and
// each block is then taken through its periods, its state in the core's
// cache. What is placed is each record's index (4 bytes), or, for records
// in no period order whose MRR each fit in 32 bits, a copy of its key
// within the block and MRR (6 bytes), which the blocks then read in order.
// Records already sorted by period, whichever order is declared, are
// partitioned and taken through their periods a window of an eighth of
// them (at least 2²⁰ records) at a time, where that needs less memory,
// the customers' state (21 bytes a key) kept between windows. Memory
// follows the records and the range of the keys.
//
// Other keys are split into up to 256 shards by a hash (or by ranges of
// integer keys too sparse for the dense engine), each record's shard found
// once, in parallel, into a byte a record; each worker then adds the
// records of its shard to a history of its own, and the histories'
// figures are added. An AnyOrder shard is first sorted by
// period, by counting, to stream through a PeriodOrder history.
//
// It is all or nothing, and its errors are [MRRHistory]'s: if any record
// fails, the records are added again on one goroutine, which returns the
// [*RecordError] naming the first record that fails, as
// [MRRHistory.AddRecords] does; an error of Movements or Cohorts (an
// overflow of a sum) is likewise the one-goroutine call's. The dense
// engine takes records whose MRR adds up within int64, so that none of
// its sums can overflow, and leaves any others to the histories. Keys
// that are not all hashable, or whose equality is not the identity of
// their hash (floating-point and interface keys), are added on one
// goroutine.
func MovementsConcurrent[K comparable](records []MRRRecord[K], periods int, order Order, workers int) (MRRTables, error) {
	shards := min(max(workers, 1), len(records)/concurrentMinShard)
	if t, ok := movementsDense(records, periods, order, max(shards, 1)); ok {
		return t, nil
	}
	if shards <= 1 || mayBeOdd(reflect.TypeFor[K]()) {
		return movementsSerial(records, periods, order)
	}
	shards = min(shards, maxShards)
	sorted, split := scanRecords(records, shards)
	if order == PeriodOrder && !sorted {
		return movementsSerial(records, periods, order) // it names the record out of order
	}
	ids := shardIDs(records, &split)
	hs := make([]*MRRHistory[K], shards)
	firsts := make([]K, shards)
	errs := make([]error, shards)
	inParallel(shards, func(j int) {
		hs[j], firsts[j], errs[j] = shardHistory(records, ids, j, periods, order)
	})
	seen := 0
	for j, err := range errs {
		if err != nil {
			return movementsSerial(records, periods, order)
		}
		seen = max(seen, hs[j].Observed())
	}
	t, err := sumHistories(hs, firsts, seen)
	if err != nil {
		return movementsSerial(records, periods, order)
	}
	return t, nil
}

// movementsSerial is MovementsConcurrent on the calling goroutine.
func movementsSerial[K comparable](records []MRRRecord[K], periods int, order Order) (MRRTables, error) {
	h, err := NewMRRHistory[K](periods, order)
	if err != nil {
		return MRRTables{}, err
	}
	for i, r := range records {
		if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
			return MRRTables{}, &RecordError{Index: int64(i), Err: err}
		}
	}
	return tablesOf(h)
}

// tablesOf returns the figures of h.
func tablesOf[K comparable](h *MRRHistory[K]) (MRRTables, error) {
	rev, cust, err := h.Movements()
	if err != nil {
		return MRRTables{}, err
	}
	ct, err := h.Cohorts()
	if err != nil {
		return MRRTables{}, err
	}
	return MRRTables{Revenue: rev, Customers: cust, Cohorts: ct, Distinct: h.Customers()}, nil
}

// splitter says which shard a customer's records go to: by range of the
// key for non-negative integer keys, by a hash otherwise.
type splitter struct {
	shards  int
	byRange bool
	lo      uint64 // the smallest key
	width   uint64 // keys per shard, at least 1
	seed    maphash.Seed
}

// scanRecords reports whether records are in non-decreasing period order,
// as a PeriodOrder history requires of them all (a history per shard would
// only see its own), and returns the splitter of their customers into
// shards: by ranges of equal width between the smallest and largest key
// where every key is a non-negative integer.
func scanRecords[K comparable](records []MRRRecord[K], shards int) (bool, splitter) {
	sorted, ints := true, true
	lo, hi := uint64(math.MaxUint64), uint64(0)
	for i := range records {
		if i > 0 && records[i].Period < records[i-1].Period {
			sorted = false
		}
		if ints {
			if v, ok := intKey(records[i].Customer); ok {
				lo, hi = min(lo, v), max(hi, v)
			} else {
				ints = false
			}
		}
	}
	sp := splitter{shards: shards, byRange: ints, seed: maphash.MakeSeed()}
	if ints {
		sp.lo, sp.width = lo, max((hi-lo)/uint64(shards)+1, 1)
	}
	return sorted, sp
}

// maxShards is the most shards of the hashed path: a record's shard is a
// byte.
const maxShards = 256

// shardIDs returns the shard of every record's customer, found once, on a
// goroutine per shard, each over a contiguous chunk of the records, so
// that no shard's worker hashes every key again.
func shardIDs[K comparable](records []MRRRecord[K], sp *splitter) []uint8 {
	ids := make([]uint8, len(records))
	inParallel(sp.shards, func(j int) {
		a, b := chunkOf(len(records), sp.shards, j)
		for i := a; i < b; i++ {
			ids[i] = uint8(shardOf(sp, records[i].Customer))
		}
	})
	return ids
}

// shardOf returns the shard of customer k under sp.
func shardOf[K comparable](sp *splitter, k K) int {
	if sp.byRange {
		v, _ := intKey(k)
		return int((v - sp.lo) / sp.width)
	}
	return int((maphash.Comparable(sp.seed, k) >> 32) * uint64(sp.shards) >> 32)
}

// shardHistory reads the shards of the records, ids, in order and adds
// the records of shard j to a new history, and returns it with the
// customer of the shard's first record. An AnyOrder shard is first sorted by period, stably, by
// counting (the periods are bounded by MaxPeriods), and goes into a
// PeriodOrder history, which reports what an AnyOrder one would at the
// cost of a stream rather than a log.
func shardHistory[K comparable](records []MRRRecord[K], ids []uint8, j, periods int, order Order) (*MRRHistory[K], K, error) {
	var first K
	var idx []int32 // an AnyOrder shard's records, sorted by period
	if order == AnyOrder {
		if sorted, ok := byPeriod(records, ids, j, min(periods, MaxPeriods)); ok {
			idx, order = sorted, PeriodOrder
		}
	}
	h, err := NewMRRHistory[K](periods, order)
	if err != nil {
		return nil, first, err
	}
	have := false
	add := func(r *MRRRecord[K]) error {
		if !have {
			first, have = r.Customer, true
		}
		return h.Add(r.Customer, r.Period, r.MRR)
	}
	if idx != nil {
		for _, i := range idx {
			if err := add(&records[i]); err != nil {
				return nil, first, err
			}
		}
		return h, first, nil
	}
	for i, id := range ids {
		if int(id) == j {
			if err := add(&records[i]); err != nil {
				return nil, first, err
			}
		}
	}
	return h, first, nil
}

// byPeriod returns the indices of the records of shard j (ids gives each
// record's shard), sorted stably
// by period, by counting, or false if a period is outside 0 to limit−1
// (the history then names it), or if the shard's MRR summed over all its
// records passes int64: an AnyOrder history refuses a customer whose MRR
// summed over every record does, which a PeriodOrder one would not see,
// so such a shard goes into an AnyOrder history, which does. It returns
// false too for more than math.MaxInt32 records, whose indices would not
// fit the int32 it sorts.
func byPeriod[K comparable](records []MRRRecord[K], ids []uint8, j, limit int) ([]int32, bool) {
	if len(records) > math.MaxInt32 {
		return nil, false // the indices would not fit an int32
	}
	var start []int32
	n := 0
	var total int64
	for i, id := range ids {
		if int(id) != j {
			continue
		}
		r := &records[i]
		if r.Period < 0 || r.Period >= limit {
			return nil, false
		}
		if r.MRR > 0 {
			if total > math.MaxInt64-r.MRR {
				return nil, false
			}
			total += r.MRR
		}
		if r.Period+2 > len(start) {
			start = append(start, make([]int32, r.Period+2-len(start))...)
		}
		start[r.Period+1]++
		n++
	}
	for p := 1; p < len(start); p++ {
		start[p] += start[p-1]
	}
	out := make([]int32, n)
	for i, id := range ids {
		if int(id) == j {
			r := &records[i]
			out[start[r.Period]] = int32(i)
			start[r.Period]++
		}
	}
	return out, true
}

// sumHistories adds the figures of histories of disjoint customers, over
// the seen periods that the records of all of them span: a history that
// saw fewer is first told of the last period, with a record of MRR 0 for
// firsts[j], a customer it has, which changes none of its sums.
func sumHistories[K comparable](hs []*MRRHistory[K], firsts []K, seen int) (MRRTables, error) {
	var sum MRRTables
	for j, h := range hs {
		if h.Customers() == 0 {
			continue
		}
		if h.Observed() < seen {
			if err := h.Add(firsts[j], seen-1, 0); err != nil {
				return MRRTables{}, err
			}
		}
		t, err := tablesOf(h)
		if err != nil {
			return MRRTables{}, err
		}
		if sum.Revenue == nil {
			sum = t
			continue
		}
		if err := addTables(&sum, t); err != nil {
			return MRRTables{}, err
		}
	}
	return sum, nil
}

// addTables adds the figures of t, over the same periods, to sum.
func addTables(sum *MRRTables, t MRRTables) error {
	var err error
	for p := range sum.Revenue {
		if sum.Revenue[p], err = sum.Revenue[p].Add(t.Revenue[p]); err != nil {
			return fmt.Errorf("period %d: %w", p, err)
		}
		if sum.Customers[p], err = sum.Customers[p].Add(t.Customers[p]); err != nil {
			return fmt.Errorf("period %d: %w", p, err)
		}
	}
	for c := range sum.Cohorts.Customers {
		for a := range sum.Cohorts.Customers[c] {
			sum.Cohorts.Customers[c][a] += t.Cohorts.Customers[c][a] // at most the customers: no overflow
			m, n := sum.Cohorts.MRR[c][a], t.Cohorts.MRR[c][a]       // both at least 0
			if m > math.MaxInt64-n {
				return fmt.Errorf("%w: cohort %d at age %d", ErrOverflow, c, a)
			}
			sum.Cohorts.MRR[c][a] = m + n
		}
	}
	sum.Distinct += t.Distinct
	return nil
}
