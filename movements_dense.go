package cxmetrics

import (
	"math"
	"sync"
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
//     AnyOrder and PeriodOrder. This is the only copy: 4 bytes a record.
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
	ok          bool   // every record is one the engine takes
	sorted      bool   // the periods do not decrease
	lo, hi      uint64 // the smallest and largest key
	first, last int    // the periods of the first and last record
	latest      int    // the latest period
	total       int64  // the MRR of all the records
}

// scanDense scans one chunk of records, for periods 0 to limit−1.
func scanDense[I Integer](recs []MRRRecord[I], limit int) denseScan {
	s := denseScan{ok: true, sorted: true, lo: math.MaxUint64}
	if len(recs) == 0 {
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
func (s denseScan) join(t denseScan, tEmpty bool) denseScan {
	if tEmpty {
		return s
	}
	s.ok = s.ok && t.ok && t.total <= math.MaxInt64-s.total
	s.sorted = s.sorted && t.sorted && s.last <= t.first
	s.lo, s.hi = min(s.lo, t.lo), max(s.hi, t.hi)
	s.latest = max(s.latest, t.latest)
	s.total += t.total
	s.last = t.last
	return s
}

// inParallel calls f(0) to f(n−1), f(0) on the calling goroutine and the
// others each on a goroutine of its own, and returns when all have.
func inParallel(n int, f func(j int)) {
	var wg sync.WaitGroup
	for j := 1; j < n; j++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(j)
		}()
	}
	f(0)
	wg.Wait()
}

// chunkOf returns the bounds of chunk j of n records cut into w chunks.
func chunkOf(n, w, j int) (int, int) { return n * j / w, n * (j + 1) / w }

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
	for j := 1; j < w; j++ {
		a, b := chunkOf(n, w, j)
		s = s.join(scans[j], a == b)
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
	e.partition(w)
	return e.run(w), true
}

// denseEngine holds the records and their partition into (block, period)
// buckets.
type denseEngine[I Integer] struct {
	recs    []MRRRecord[I]
	lo      uint64 // the smallest key
	span    int    // keys from lo, hi−lo+1
	periods int    // the periods observed: the latest one plus 1
	shift   int    // 1<<shift keys a block
	blocks  int

	idx   []int32 // the records' indices, by bucket
	start []int32 // bucket b's indices are idx[start[b]:start[b+1]]
}

// bucket returns the bucket of record r: its block, then its period.
func (e *denseEngine[I]) bucket(r *MRRRecord[I]) int {
	return int((uint64(r.Customer)-e.lo)>>e.shift)*e.periods + r.Period
}

// partition fills idx and start, counting and then placing the records of
// each of w chunks on a worker of its own.
func (e *denseEngine[I]) partition(w int) {
	n, buckets := len(e.recs), e.blocks*e.periods
	at := make([]int32, w*buckets) // chunk j's counts, then places, at [j*buckets:]
	inParallel(w, func(j int) {
		a, b := chunkOf(n, w, j)
		count := at[j*buckets : (j+1)*buckets]
		for i := a; i < b; i++ {
			count[e.bucket(&e.recs[i])]++
		}
	})
	// Bucket by bucket, chunk by chunk: the records of a bucket stay in
	// their order.
	e.start = make([]int32, buckets+1)
	var next int32
	for k := range buckets {
		e.start[k] = next
		for j := range w {
			c := at[j*buckets+k]
			at[j*buckets+k] = next
			next += c
		}
	}
	e.start[buckets] = next
	e.idx = make([]int32, n)
	inParallel(w, func(j int) {
		a, b := chunkOf(n, w, j)
		place := at[j*buckets : (j+1)*buckets]
		for i := a; i < b; i++ {
			k := e.bucket(&e.recs[i])
			e.idx[place[k]] = int32(i)
			place[k]++
		}
	})
}

// run takes the blocks through their periods on w workers and adds up
// what they found.
func (e *denseEngine[I]) run(w int) MRRTables {
	ws := make([]*denseWorker, w)
	var next atomic.Int64
	inParallel(w, func(j int) {
		k := newDenseWorker(1<<e.shift, e.periods)
		for {
			b := int(next.Add(1) - 1)
			if b >= e.blocks {
				break
			}
			e.block(k, b)
		}
		ws[j] = k
	})
	sum := ws[0]
	for _, k := range ws[1:] {
		sum.addWorker(k)
	}
	return sum.tables(e.periods)
}

// block takes the customers of block b through every period.
func (e *denseEngine[I]) block(k *denseWorker, b int) {
	base := e.lo + uint64(b)<<e.shift
	width := min(1<<e.shift, e.span-b<<e.shift)
	k.reset(width)
	seen := k.seen[:width]
	buckets := e.start[b*e.periods : (b+1)*e.periods+1]
	paying := false // someone paid in the period before
	for p := range e.periods {
		from, to := buckets[p], buckets[p+1]
		if from == to && !paying {
			continue // no records and no one paid before: nothing moves
		}
		cur := k.cur[:width] // close swaps cur and prev
		for _, i := range e.idx[from:to] {
			r := &e.recs[i]
			c := uint64(r.Customer) - base
			cur[c] += r.MRR
			seen[c] = true
		}
		paying = k.close(p)
	}
	for _, s := range seen {
		if s {
			k.distinct++
		}
	}
}

// denseWorker is a worker's state for one block at a time, and its sums
// over every block it took.
type denseWorker struct {
	width     int     // keys in the block
	cur, prev []int64 // each key's MRR in the open period and the one before
	first     []int32 // the first period each key paid in, plus 1 (0: none yet)
	seen      []bool  // the key has a record
	col       []int64 // the open period's slots (see close)
	end, nEnd int64   // the MRR and customers of the block's period before

	tallies  []periodTally
	cells    []int64 // cohort cells, customers and MRR interleaved, by cohort, then age
	distinct int
}

func newDenseWorker(keys, periods int) *denseWorker {
	return &denseWorker{
		cur: make([]int64, keys), prev: make([]int64, keys),
		first: make([]int32, keys), seen: make([]bool, keys),
		col:     make([]int64, 2*payingSlot(int32(periods), 2)),
		tallies: make([]periodTally, periods),
		cells:   make([]int64, periods*(periods+1)),
	}
}

// reset clears the state of the first width keys for a new block.
func (k *denseWorker) reset(width int) {
	k.width = width
	k.end, k.nEnd = 0, 0
	clear(k.cur[:width])
	clear(k.prev[:width])
	clear(k.first[:width])
	clear(k.seen[:width])
}

// cohortAt returns the index in cells of the customers of cohort c at
// age a, over periods periods; their MRR follows.
func cohortAt(c, a, periods int) int { return 2 * (c*periods - c*(c-1)/2 + a) }

// The slots of col, where close counts each customer and adds an amount
// (customers at col[2s], amounts at col[2s+1]):
//
//	0                 pays in neither period (counted, never read)
//	churnSlot         paid in the period before, not now: what it paid
//	payingSlot(f, r)  pays now, first paid in period f−1 (f ≥ 1), r 1 if it
//	                  pays again after a gap (reactivated), else 0: what it
//	                  pays
const churnSlot = 1

func payingSlot(f int32, r int64) int64 { return 2*int64(f) + r }

// close closes period p of the block: it adds each customer's move from
// the period before to p to the tallies, and each paying customer to its
// cohort cell, and moves the state on. It reports whether anyone pays in p.
//
// The sweep has no branch on the data: whether a customer paid before,
// pays now, and paid in some earlier period are masks of all ones or all
// zeros, and they pick the customer's slot in col. Branches on them would
// mispredict about as often as they are taken on a block of customers who
// joined at random times. The sweep sums one amount besides the slots,
// up = Σ max(cur−prev, 0); classify's figures follow from them:
//
//	End, customers at End   the paying slots
//	New (first time)        the paying slots of f = p+1 (r = 0)
//	Reactivation            the paying slots with r = 1
//	Churned                 churnSlot
//	Expansion               up − New − Reactivation
//	Contraction             Start + up − Churned − End (the balance)
//	Start, customers then   End of the period before
func (k *denseWorker) close(p int) bool {
	open := int32(p + 1)
	cur := k.cur[:k.width]
	prev, first := k.prev[:len(cur)], k.first[:len(cur)]
	col := k.col[:2*payingSlot(open, 2)]
	var up int64
	for i, c := range cur {
		pv, f := prev[i], first[i]
		// For x ≥ 0, −x is negative exactly when x > 0.
		mp := -int64(uint64(-pv) >> 63) // paid in the period before
		mc := -int64(uint64(-c) >> 63)  // pays now
		mf := -int64(uint32(-f) >> 31)  // paid in a period before this one
		f |= open & int32(mc&^mf)
		first[i] = f
		s := payingSlot(f, mc&^mp&mf&1)&mc | churnSlot&(mp&^mc)
		col[2*s]++
		col[2*s+1] += c + pv&^mc
		up += max(c-pv, 0)
	}
	// The period's MRR becomes the period before's; the new open period
	// starts at 0.
	k.cur, k.prev = k.prev, k.cur
	clear(k.cur[:k.width])

	var end, nEnd, react, nReact int64
	for f := int32(1); f <= open; f++ {
		s0, s1 := 2*payingSlot(f, 0), 2*payingSlot(f, 1)
		n, m := col[s0]+col[s1], col[s0+1]+col[s1+1]
		nEnd += n
		end += m
		react += col[s1+1]
		nReact += col[s1]
		if n != 0 {
			c := int(f) - 1
			at := cohortAt(c, p-c, len(k.tallies))
			k.cells[at] += n
			k.cells[at+1] += m
		}
	}
	s := 2 * payingSlot(open, 0)
	nNew, newRev := col[s], col[s+1]
	churned := col[2*churnSlot+1]
	clear(col)

	t := &k.tallies[p]
	t.rev.Start += k.end
	t.rev.New += newRev
	t.rev.Reactivation += react
	t.rev.Expansion += up - newRev - react
	t.rev.Contraction += k.end + up - churned - end
	t.rev.Churned += churned
	t.rev.End += end
	t.cust.Start += k.nEnd
	t.cust.End += nEnd
	t.cust.New += nNew + nReact
	k.end, k.nEnd = end, nEnd
	return nEnd > 0
}

// addWorker adds the sums of o to k's.
func (k *denseWorker) addWorker(o *denseWorker) {
	for p := range k.tallies {
		t, u := &k.tallies[p], &o.tallies[p]
		t.rev.Start += u.rev.Start
		t.rev.New += u.rev.New
		t.rev.Reactivation += u.rev.Reactivation
		t.rev.Expansion += u.rev.Expansion
		t.rev.Contraction += u.rev.Contraction
		t.rev.Churned += u.rev.Churned
		t.rev.End += u.rev.End
		t.cust.Start += u.cust.Start
		t.cust.End += u.cust.End
		t.cust.New += u.cust.New
	}
	for i, v := range o.cells {
		k.cells[i] += v
	}
	k.distinct += o.distinct
}

// tables returns k's sums as the tables of periods periods.
func (k *denseWorker) tables(periods int) MRRTables {
	t := MRRTables{
		Revenue:   make([]RevenuePeriod, periods),
		Customers: make([]Period, periods),
		Distinct:  k.distinct,
	}
	for p, pt := range k.tallies {
		t.Revenue[p], t.Customers[p] = pt.rev.WithBreakdown(), pt.cust
	}
	cells := periods * (periods + 1) / 2
	cust, mrr := make([]int64, cells), make([]int64, cells)
	t.Cohorts = CohortTable{Customers: make([][]int64, periods), MRR: make([][]int64, periods)}
	for c := range periods {
		row := periods - c
		t.Cohorts.Customers[c], cust = cust[:row:row], cust[row:]
		t.Cohorts.MRR[c], mrr = mrr[:row:row], mrr[row:]
		for a := range row {
			at := cohortAt(c, a, periods)
			t.Cohorts.Customers[c][a], t.Cohorts.MRR[c][a] = k.cells[at], k.cells[at+1]
		}
	}
	return t
}
