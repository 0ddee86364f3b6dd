package cxmetrics

import (
	"fmt"
	"hash/maphash"
	"math"
	"reflect"
	"sync"
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
// goroutines that start and end within the call.
//
// The records are partitioned by customer in one pass (each worker
// partitions a contiguous part of the slice, keeping the records' order),
// each partition goes into a history of its own on its own goroutine, and
// the histories' figures are added: a customer's movements depend on its
// records alone, so the sums are exact, the same to the last minor unit
// as on one goroutine. Records in AnyOrder are sorted by period within
// each partition, by counting, so that they stream through a PeriodOrder
// history instead of a log: AnyOrder then costs little more than
// PeriodOrder. With workers 1 or less, or fewer than 2¹⁶ records
// a worker, it runs on the calling goroutine.
//
// It is all or nothing, and its errors are [MRRHistory]'s: if any record
// fails, the records are added again on one goroutine, which returns the
// [*RecordError] naming the first record that fails, as
// [MRRHistory.AddRecords] does; an error of Movements or Cohorts (an
// overflow of a sum) is likewise the one-goroutine call's. Keys that are
// not all hashable, or whose equality is not the identity of their hash
// (floating-point and interface keys), are added on one goroutine.
func MovementsConcurrent[K comparable](records []MRRRecord[K], periods int, order Order, workers int) (MRRTables, error) {
	shards := min(max(workers, 1), len(records)/concurrentMinShard)
	if shards <= 1 || mayBeOdd(reflect.TypeFor[K]()) {
		return movementsSerial(records, periods, order)
	}
	if order == PeriodOrder && !periodSorted(records) {
		return movementsSerial(records, periods, order) // it names the record out of order
	}
	parts := partitionByCustomer(records, shards)
	hs := make([]*MRRHistory[K], shards)
	firsts := make([]K, shards)
	errs := make([]error, shards)
	var wg sync.WaitGroup
	for j := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hs[j], firsts[j], errs[j] = shardHistory(records, parts, j, periods, order)
		}()
	}
	wg.Wait()
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

// periodSorted reports whether records are in non-decreasing period
// order, as a PeriodOrder history requires of them all; a history per
// shard would only see each shard's order.
func periodSorted[K comparable](records []MRRRecord[K]) bool {
	for i := 1; i < len(records); i++ {
		if records[i].Period < records[i-1].Period {
			return false
		}
	}
	return true
}

// partitionByCustomer returns, for each of shards contiguous parts of
// records and each shard, the indices of the part's records whose
// customer hashes to the shard, in order: parts[p][s]. Each part is
// partitioned on a goroutine of its own.
func partitionByCustomer[K comparable](records []MRRRecord[K], shards int) [][][]int32 {
	parts := make([][][]int32, shards)
	seed := maphash.MakeSeed()
	var wg sync.WaitGroup
	for p := range shards {
		lo, hi := len(records)*p/shards, len(records)*(p+1)/shards
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := make([][]int32, shards)
			for s := range out {
				out[s] = make([]int32, 0, (hi-lo)/shards+(hi-lo)/(8*shards)+16)
			}
			for i := lo; i < hi; i++ {
				var h uint64
				if v, ok := intKey(records[i].Customer); ok {
					h = v * 0x9e3779b97f4a7c15 // Fibonacci hashing: consecutive ids spread evenly
				} else {
					h = maphash.Comparable(seed, records[i].Customer)
				}
				s := int((h >> 32) * uint64(shards) >> 32)
				out[s] = append(out[s], int32(i))
			}
			parts[p] = out
		}()
	}
	wg.Wait()
	return parts
}

// shardHistory adds the records of shard j, in order, to a new history,
// and returns it with the customer of the shard's first record. An
// AnyOrder shard is first sorted by period, stably, by counting (the
// periods are bounded by MaxPeriods), and goes into a PeriodOrder
// history, which reports what an AnyOrder one would at the cost of a
// stream rather than a log.
func shardHistory[K comparable](records []MRRRecord[K], parts [][][]int32, j, periods int, order Order) (*MRRHistory[K], K, error) {
	var first K
	lists := make([][]int32, len(parts))
	for p, part := range parts {
		lists[p] = part[j]
	}
	if order == AnyOrder {
		if sorted, ok := byPeriod(records, lists, min(periods, MaxPeriods)); ok {
			lists, order = [][]int32{sorted}, PeriodOrder
		}
	}
	h, err := NewMRRHistory[K](periods, order)
	if err != nil {
		return nil, first, err
	}
	have := false
	for _, list := range lists {
		for _, i := range list {
			r := &records[i]
			if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
				return nil, first, err
			}
			if !have {
				first, have = r.Customer, true
			}
		}
	}
	return h, first, nil
}

// byPeriod returns the indices of records in lists, in order, sorted
// stably by period, by counting, or false if a period is outside 0 to
// limit−1 (the history then names it).
func byPeriod[K comparable](records []MRRRecord[K], lists [][]int32, limit int) ([]int32, bool) {
	hi, n := -1, 0
	for _, list := range lists {
		for _, i := range list {
			p := records[i].Period
			if p < 0 || p >= limit {
				return nil, false
			}
			hi = max(hi, p)
		}
		n += len(list)
	}
	start := make([]int32, hi+2)
	for _, list := range lists {
		for _, i := range list {
			start[records[i].Period+1]++
		}
	}
	for p := 1; p < len(start); p++ {
		start[p] += start[p-1]
	}
	out := make([]int32, n)
	for _, list := range lists {
		for _, i := range list {
			p := records[i].Period
			out[start[p]] = i
			start[p]++
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
