package cxmetrics

import (
	"math"
	"sync/atomic"
)

// This file holds the engine of [MovementsConcurrent] for records whose
// keys are of a built-in integer type and fill a range (customer IDs 0, 1,
// 2, …, or any range of about as many keys as customers): state indexed
// by the key itself, with no hashing and no customer index.
//
// Every figure of an MRRTables is a sum, over customers, of what each
// customer's own records give. So the keys are cut into blocks of
// 1<<denseBlockShift consecutive keys, and each block is taken through
// every period on its own, with its customers' state in the core's cache:
//
//  1. Scan: one read of the records, in contiguous chunks, one per
//     worker, checks that the engine may take them and finds the range
//     of the keys and the latest period. It takes them if every record is
//     valid, the keys are not negative and fill their range densely
//     enough (denseSpan, denseSweep), and the MRR of all the records
//     together fits in int64, so that no sum of any kind can pass it, and
//     its cohort table is not far larger than the records.
//     Anything else goes to the histories, which name the record at
//     fault.
//  2. Partition: two more reads, in the same chunks, count the records of
//     each (block, period) and write each record's index at its place,
//     so that a block's records lie together, by period, and in their
//     order within a period: a stable counting sort, the same for
//     AnyOrder and PeriodOrder, and all the engine keeps per record:
//     4 bytes. Records sorted by period (whatever order the caller
//     declared) are partitioned a window at a time instead, where the
//     customers' state kept between windows and one window's indices
//     cost less than every record's index (movements_dense_window.go).
//     Records in no such order, each of whose MRR fits in 32 bits, are
//     placed as copies of their key (from their block's first) and MRR
//     instead, 6 bytes a record: the blocks then read their records in
//     order, where through indices they would gather them from all over
//     the records, one cache miss each.
//  3. Blocks: the workers take the blocks in turn. A block's records of a
//     period go into its customers' state, and one branch-free sweep of
//     the block's keys then closes the period: it classifies each
//     customer's move by the definitions of classify (mrr_stream.go) and
//     counts the customer in its cohort cell.
//  4. The workers' sums are added, exactly: integers, none past int64.

// denseBlockShift sets the keys in a block, 1<<denseBlockShift: 16,384
// keys keep a block's state (21 bytes a key) within a core's L2 cache. A
// variable so that the tests can cut small key ranges into many blocks.
var denseBlockShift = 14

const (
	// denseSpan: the engine takes keys whose range, hi−lo+1, is at most
	// denseSpan times the records (plus denseSlack): its state and its
	// work follow the range, which must follow the records.
	denseSpan = 4
	// denseSweep: ... and the range times the periods, the sweeps' work,
	// at most denseSweep times the records (plus denseSlack).
	denseSweep = 16
	denseSlack = 1 << 16
)

// movementsDense returns the tables of records, computed by the dense
// engine on up to workers goroutines (the calling one among them), or
// false if the engine does not take the records, which then go to the
// histories: keys of another type than a built-in integer one, or records
// that the engine does not take (see the top of this file).
func movementsDense[K comparable](records []MRRRecord[K], periods int, order Order, workers int) (MRRTables, bool) {
	switch rs := any(records).(type) {
	case []MRRRecord[int]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[int64]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[int32]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[int16]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[int8]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[uint]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[uint64]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[uint32]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[uint16]:
		return denseTables(rs, periods, order, workers)
	case []MRRRecord[uint8]:
		return denseTables(rs, periods, order, workers)
	}
	return MRRTables{}, false
}

// denseScan is what the scan of a chunk of records found.
type denseScan struct {
	empty       bool   // the chunk holds no record
	ok          bool   // every record is one the engine takes
	sorted      bool   // the periods do not decrease
	lo, hi      uint64 // the smallest and largest key
	first, last int    // the periods of the first and last record
	latest      int    // the latest period
	total       int64  // the MRR of all the records
	wide        bool   // some record's MRR passes math.MaxUint32
}

// scanDense scans one chunk of records, for periods 0 to limit−1.
func scanDense[I Integer](recs []MRRRecord[I], limit int) denseScan {
	s := denseScan{empty: len(recs) == 0, ok: true, sorted: true, lo: math.MaxUint64}
	if s.empty {
		return s
	}
	s.first = recs[0].Period
	prev := s.first
	for i := range recs {
		r := &recs[i]
		if r.Customer < 0 || uint(r.Period) >= uint(limit) || r.MRR < 0 || r.MRR > math.MaxInt64-s.total {
			s.ok = false
			return s
		}
		s.total += r.MRR
		s.wide = s.wide || r.MRR > math.MaxUint32
		v := uint64(r.Customer)
		s.lo, s.hi = min(s.lo, v), max(s.hi, v)
		s.latest = max(s.latest, r.Period)
		if r.Period < prev {
			s.sorted = false
		}
		prev = r.Period
	}
	s.last = prev
	return s
}

// join returns the scan of two consecutive chunks, s then t.
func (s denseScan) join(t denseScan) denseScan {
	switch {
	case t.empty:
		return s
	case s.empty:
		return t
	}
	s.ok = s.ok && t.ok && t.total <= math.MaxInt64-s.total
	s.sorted = s.sorted && t.sorted && s.last <= t.first
	s.lo, s.hi = min(s.lo, t.lo), max(s.hi, t.hi)
	s.latest = max(s.latest, t.latest)
	s.total += t.total
	s.wide = s.wide || t.wide
	s.last = t.last
	return s
}

// denseTables is movementsDense for the records of one key type.
func denseTables[I Integer](recs []MRRRecord[I], periods int, order Order, workers int) (MRRTables, bool) {
	n := len(recs)
	if n == 0 || n > math.MaxInt32 || periods < 1 || periods > math.MaxInt32-1 || (order != AnyOrder && order != PeriodOrder) {
		return MRRTables{}, false
	}
	w := max(workers, 1)
	scans := make([]denseScan, w)
	limit := min(periods, MaxPeriods)
	inParallel(w, func(j int) {
		a, b := chunkOf(n, w, j)
		scans[j] = scanDense(recs[a:b], limit)
	})
	s := scans[0]
	for _, t := range scans[1:] {
		s = s.join(t)
	}
	if !s.ok || order == PeriodOrder && !s.sorted || s.hi-s.lo >= uint64(denseSpan*n+denseSlack) {
		return MRRTables{}, false
	}
	e := &denseEngine[I]{recs: recs, lo: s.lo, span: int(s.hi-s.lo) + 1, periods: s.latest + 1, shift: denseBlockShift}
	// A cohort table far larger than the records (a few records over many
	// periods) is built by the histories, which keep only the cells that
	// someone paid in; the engine's cells would double it.
	cells := e.periods * (e.periods + 1) / 2
	if e.periods > MaxCohortPeriods || e.periods*e.span > denseSweep*n+denseSlack || cells > denseSpan*n+denseSlack {
		return MRRTables{}, false
	}
	e.blocks = (e.span-1)>>e.shift + 1
	// Fewer workers where each one's counts and cohort cells would cost
	// more than the records they take.
	buckets := e.blocks * e.periods
	for w > 1 && (w*buckets > 2*n+denseSlack || w*cells > n+denseSlack) {
		w--
	}
	w = min(w, e.blocks) // a worker with no block would be state for nothing
	e.window = n
	switch {
	case s.sorted:
		if k := denseWindowOf(n, e.span); k > 0 {
			e.window, e.st = k, newDenseState(e.span, e.blocks)
		}
	case !s.wide:
		e.copies = true
	}
	return e.run(w), true
}

// denseEngine holds the records and the partition of a window of them
// into (block, period) buckets.
type denseEngine[I Integer] struct {
	recs    []MRRRecord[I]
	lo      uint64 // the smallest key
	span    int    // keys from lo, hi−lo+1
	periods int    // the periods observed: the latest one plus 1
	shift   int    // 1<<shift keys a block
	blocks  int
	window  int         // the most records a window holds
	st      *denseState // the keys' state between windows; nil: one window

	// The window partitioned: records a to b−1, in buckets of the periods
	// q0 to q0+np−1, of which those to q1 close in this window.
	a, b, q0, np, q1 int
	idx              []int32 // the records' indices, by bucket
	start            []int32 // bucket k's indices are idx[start[k]:start[k+1]]
	at               []int32 // the chunks' counts, then places, per bucket

	// With copies, the partition holds each record's key, from its
	// block's first, and MRR, instead of its index.
	copies bool
	keys   []uint16
	mrr    []uint32
}

// bucket returns the bucket of record r: its block, then its period.
func (e *denseEngine[I]) bucket(r *MRRRecord[I]) int {
	return int((uint64(r.Customer)-e.lo)>>e.shift)*e.np + r.Period - e.q0
}

// partition fills idx and start with the window's records, counting and
// then placing those of each of w chunks on a worker of its own.
func (e *denseEngine[I]) partition(w int) {
	n, buckets := e.b-e.a, e.blocks*e.np
	e.at = grown(e.at, w*buckets) // chunk j's at [j*buckets:]
	inParallel(w, func(j int) {
		a, b := chunkOf(n, w, j)
		count := e.at[j*buckets : (j+1)*buckets]
		clear(count)
		for i := e.a + a; i < e.a+b; i++ {
			count[e.bucket(&e.recs[i])]++
		}
	})
	// Bucket by bucket, chunk by chunk: the records of a bucket stay in
	// their order.
	e.start = grown(e.start, buckets+1)
	var next int32
	for k := range buckets {
		e.start[k] = next
		for j := range w {
			c := e.at[j*buckets+k]
			e.at[j*buckets+k] = next
			next += c
		}
	}
	e.start[buckets] = next
	if e.copies {
		e.keys, e.mrr = grown(e.keys, n), grown(e.mrr, n)
	} else {
		e.idx = grown(e.idx, n)
	}
	inParallel(w, func(j int) {
		a, b := chunkOf(n, w, j)
		place := e.at[j*buckets : (j+1)*buckets]
		if e.copies {
			e.placeCopies(place, e.a+a, e.a+b)
			return
		}
		for i := e.a + a; i < e.a+b; i++ {
			k := e.bucket(&e.recs[i])
			e.idx[place[k]] = int32(i)
			place[k]++
		}
	})
}

// placeCopies places the key and MRR of records from to to−1 in their
// buckets.
func (e *denseEngine[I]) placeCopies(place []int32, from, to int) {
	mask := uint64(1)<<e.shift - 1
	for i := from; i < to; i++ {
		r := &e.recs[i]
		k := e.bucket(r)
		at := place[k]
		e.keys[at], e.mrr[at] = uint16((uint64(r.Customer)-e.lo)&mask), uint32(r.MRR)
		place[k]++
	}
}

// grown returns s resliced to n elements, or a new slice if s cannot
// hold them. The elements are not cleared.
func grown[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// run takes the blocks through their periods, window by window, on w
// workers, and adds up what they found.
func (e *denseEngine[I]) run(w int) MRRTables {
	keys := min(1<<e.shift, e.span)
	if e.st != nil {
		keys = 0 // the state is e.st's
	}
	ws := make([]*denseWorker, w)
	for j := range ws {
		ws[j] = newDenseWorker(keys, e.periods)
	}
	closed := -1 // the periods up to closed have closed
	for e.a = 0; e.a < len(e.recs); e.a = e.b {
		e.b = min(e.a+e.window, len(e.recs))
		last := e.periods - 1
		if e.b < len(e.recs) { // windows cut records sorted by period
			last = e.recs[e.b-1].Period
		}
		e.q0, e.np, e.q1 = closed+1, last-closed, last
		if e.b < len(e.recs) && e.recs[e.b].Period == last {
			e.q1-- // the next window holds more of the period last
		}
		closed = e.q1
		e.partition(w)
		var next atomic.Int64
		inParallel(w, func(j int) {
			for {
				b := int(next.Add(1) - 1)
				if b >= e.blocks {
					break
				}
				e.block(ws[j], b)
			}
		})
	}
	sum := ws[0]
	for _, k := range ws[1:] {
		sum.addWorker(k)
	}
	if e.st != nil {
		sum.distinct = distinct(e.st.seen)
	}
	return sum.tables(e.periods)
}

// block takes the customers of block b through the periods of the window.
func (e *denseEngine[I]) block(k *denseWorker, b int) {
	width := min(1<<e.shift, e.span-b<<e.shift)
	var bs *denseBlockState
	paying := false // someone paid in the period before
	held := false   // the open period has records, from an earlier window
	if e.st != nil {
		bs = &e.st.blocks[b]
		k.bind(e.st, b<<e.shift, width, bs)
		paying, held = bs.paying, bs.held
	} else {
		k.reset(width)
	}
	base := e.lo + uint64(b)<<e.shift
	seen := k.seen[:width]
	buckets := e.start[b*e.np : (b+1)*e.np+1]
	closes := 0
	for p := range e.np {
		from, to := buckets[p], buckets[p+1]
		if from == to && !paying && !held {
			continue // no records and no one paid before: nothing moves
		}
		cur := k.cur[:width] // close swaps cur and prev
		if e.copies {
			mrr := e.mrr[from:to]
			for j, c := range e.keys[from:to] {
				cur[c] += int64(mrr[j])
				seen[c] = true
			}
		} else {
			for _, i := range e.idx[from:to] {
				r := &e.recs[i]
				c := uint64(r.Customer) - base
				cur[c] += r.MRR
				seen[c] = true
			}
		}
		held = true
		if e.q0+p <= e.q1 {
			paying, held = k.close(e.q0+p), false
			closes++
		}
	}
	if bs != nil {
		bs.end, bs.nEnd, bs.paying, bs.held = k.end, k.nEnd, paying, held
		bs.odd = bs.odd != (closes%2 == 1)
		return
	}
	k.distinct += distinct(seen)
}
