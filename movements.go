package cxmetrics

import (
	"fmt"
	"iter"
	"math"
)

// MRRRecord is one row of per-customer recurring revenue history: the MRR
// (or ARR) that Customer pays in Period, in int64 minor units. Several
// records of one customer in one period add up, as for a customer with
// several subscriptions.
//
// An MRRRecord is a plain value; it is safe for concurrent use.
type MRRRecord[K comparable] struct {
	Customer K     // any comparable key: a string ID, an integer ID
	Period   int   // 0 to periods−1 of the MRRHistory it is added to
	MRR      int64 // minor units, non-negative; 0 is "not paying"
}

// Order says in which order the records of an [MRRHistory] arrive.
//
// An Order is a plain value; it is safe for concurrent use.
type Order int

const (
	// AnyOrder accepts records in any order. The history keeps every
	// customer's MRR in every period: 8 bytes per customer per period.
	AnyOrder Order = iota + 1

	// PeriodOrder accepts records in non-decreasing period order only (any
	// order of customers within a period), and refuses a record for a
	// period before the latest one with [ErrOutOfRange]. The history keeps
	// 20 bytes per customer whatever the number of periods, and closes each
	// period's movements and cohort cells as soon as a later period starts.
	PeriodOrder
)

// String returns the name of the Order.
func (o Order) String() string {
	switch o {
	case AnyOrder:
		return "AnyOrder"
	case PeriodOrder:
		return "PeriodOrder"
	}
	return fmt.Sprintf("Order(%d)", int(o))
}

// MRRHistory collects each customer's recurring revenue period by period and
// classifies it into movements ([MRRHistory.Movements]) and cohorts
// ([MRRHistory.Cohorts]). Customers are identified by keys of any comparable
// type; integer keys of the built-in integer types that are small and dense
// (0, 1, 2, …) are indexed without a map.
//
// The history may hold periods 0 to periods−1, and has been observed up to
// the latest period added to (by a record, even of MRR 0, or a snapshot,
// even an empty one): [MRRHistory.Movements] and [MRRHistory.Cohorts]
// report periods 0 to that one, so that a period that has not happened
// yet never shows as a period in which everyone churned. Within the
// observed periods, a customer with no record in a period pays nothing in
// it. A customer whose MRR is 0 (or absent) in every period, such as one
// who joins and leaves within one period and so never shows MRR in a
// period snapshot, is in no movement, no customer count and no cohort.
//
// Movements follow [ChartMogul's definitions], netted per customer and
// period: a customer pays in a period if their MRR in it is above 0, and
// for a customer whose MRR is prev in period m−1 (0 before period 0) and
// cur in period m:
//
//	prev = 0, cur > 0, never paid before m   New          += cur
//	prev = 0, cur > 0, paid before m−1       Reactivation += cur
//	prev > 0, cur = 0                        Churned      += prev
//	prev > 0, cur > prev                     Expansion    += cur − prev
//	prev > 0, 0 < cur < prev                 Contraction  += prev − cur
//
// An upgrade and a downgrade within one period net out, and a
// subscription taken by a customer who already pays is an expansion.
//
// Memory: with [AnyOrder] 8 bytes per customer per period, with
// [PeriodOrder] 20 bytes per customer, plus the customer index (up to 64
// bytes per customer for small integer keys, a map entry otherwise).
// The zero value holds no periods: every add to it fails with
// [ErrOutOfRange]. A method that returns an error leaves the history as it
// was, except where its documentation says otherwise.
//
// An MRRHistory is not safe for concurrent use, and it has no Merge. It
// shards by customer instead: since movements are per customer, the
// histories of disjoint sets of customers, built on their own goroutines
// over the same periods, add up period by period ([RevenuePeriod.Add],
// [Period.Add]) and cell by cell (the [CohortTable]) to the history of all
// of them.
//
// [ChartMogul's definitions]: https://help.chartmogul.com/hc/en-us/articles/203299912
type MRRHistory[K comparable] struct {
	periods int
	order   Order
	intKeys bool // K is a built-in integer type: try the slot table first

	// Customers are numbered by rows 0, 1, … in the order they are first
	// seen. A non-negative integer key v below len(slot) has slot[v] = row+1
	// (0 = not seen); every other key is in index.
	slot  []int32
	index map[K]int32
	rows  int
	seen  int // periods observed: the latest period added to, plus one

	// AnyOrder: the MRR of row r in period p is
	// chunks[r>>chunkShift][p<<chunkShift + r&(1<<chunkShift−1)]: each
	// chunk holds its rows period by period, so that records sorted by
	// period, and the scans of tally, go through memory in order.
	chunks     [][]int64
	chunkShift uint

	// PeriodOrder: open is the earliest period not yet closed; row r's
	// state is states[r>>stateShift] at r&stateMask.
	open    int
	states  []*states
	closed  []periodTally // one per closed period
	cohorts cohortTally
	err     error // sticky error of a failed close
}

// states is the PeriodOrder state of 1<<stateShift customers: each one's
// MRR in the open period and the one before it, and the first period they
// paid in, plus one (0 = has not paid in a closed period). Fixed-size
// chunks let the history grow without copying what it holds.
type states struct {
	cur   [1 << stateShift]int64
	prev  [1 << stateShift]int64
	first [1 << stateShift]int32
}

const (
	stateShift = 12
	stateMask  = 1<<stateShift - 1
)

// maxRows is the largest number of customers an MRRHistory holds.
const maxRows = math.MaxInt32 - 1

// full reports whether a history of rows customers has no room for fresh
// more.
func full(rows, fresh int) bool { return fresh > maxRows-rows }

// NewMRRHistory returns an empty history of periods periods, numbered 0 to
// periods−1, whose records arrive in the given order.
//
// Special cases are:
//
//	periods < 1 or > math.MaxInt32−1   ErrOutOfRange
//	order not AnyOrder or PeriodOrder  ErrInvalidArgument
func NewMRRHistory[K comparable](periods int, order Order) (*MRRHistory[K], error) {
	if !(periods >= 1 && periods <= math.MaxInt32-1) {
		return nil, fmt.Errorf("%w: %d periods (need 1 to %d)", ErrOutOfRange, periods, math.MaxInt32-1)
	}
	if order != AnyOrder && order != PeriodOrder {
		return nil, fmt.Errorf("%w: unknown order %v", ErrInvalidArgument, order)
	}
	var zero K
	_, intKeys := intKey(zero)
	h := &MRRHistory[K]{periods: periods, order: order, intKeys: intKeys, index: make(map[K]int32)}
	if order == AnyOrder {
		// Chunks of about 2^16 cells: the history grows without copying
		// what it holds, and wastes at most one chunk.
		rowsPerChunk := max(1, (1<<16)/periods)
		for 1<<(h.chunkShift+1) <= rowsPerChunk {
			h.chunkShift++
		}
	} else {
		h.closed = make([]periodTally, 0, periods)
		h.cohorts = newCohortTally(periods)
	}
	return h, nil
}

// Periods returns the number of periods the history may hold, as given
// to [NewMRRHistory].
func (h *MRRHistory[K]) Periods() int { return h.periods }

// Observed returns the number of periods observed so far: the latest
// period added to, plus one, or 0 if nothing has been added. Movements
// and Cohorts report that many periods.
func (h *MRRHistory[K]) Observed() int { return h.seen }

// Customers returns the number of distinct customers added so far,
// including those added with MRR 0 only.
func (h *MRRHistory[K]) Customers() int { return h.rows }

// Add adds mrr to what customer pays in period. Several adds of one
// customer in one period add up, as for several subscriptions.
//
// Special cases are:
//
//	period outside 0 to Periods()−1                  ErrOutOfRange
//	PeriodOrder and period before an earlier add's   ErrOutOfRange
//	mrr < 0                                          ErrNegative
//	customer's MRR in the period past int64          ErrOverflow
//	more than math.MaxInt32−1 customers              ErrOverflow
//
// The error names the customer and the period. mrr == 0 records the
// customer without any revenue. With PeriodOrder, the first add for a
// later period closes the earlier ones; if closing overflows a period's
// total (ErrOverflow), the history is unusable and every later call
// returns that error.
func (h *MRRHistory[K]) Add(customer K, period int, mrr int64) error {
	if h.err != nil {
		return h.err
	}
	if err := h.check(customer, period, mrr); err != nil {
		return err
	}
	r, ok := h.lookup(customer)
	if ok {
		if c := h.cell(r, period); c > math.MaxInt64-mrr {
			return fmt.Errorf("%w: customer %v in period %d: MRR %d + %d", ErrOverflow, customer, period, c, mrr)
		}
	} else if full(h.rows, 1) {
		return fmt.Errorf("%w: customer %v in period %d: more than %d customers", ErrOverflow, customer, period, maxRows)
	}
	if err := h.closeBefore(period); err != nil {
		return err
	}
	if !ok {
		r = h.insert(customer)
	}
	h.addCell(r, period, mrr)
	h.seen = max(h.seen, period+1)
	return nil
}

// AddSnapshot adds a snapshot of period: the MRR of each customer who pays
// in it. It is Add(customer, period, mrr) for each entry of snapshot, and
// it adds to what the history already holds for the period. An empty
// snapshot marks the period as observed, one in which no one pays.
//
// The special cases are those of [MRRHistory.Add]. On error (other than an
// overflow while closing a period) nothing of the snapshot is added.
func (h *MRRHistory[K]) AddSnapshot(period int, snapshot map[K]int64) error {
	if h.err != nil {
		return h.err
	}
	if why := h.badPeriod(period); why != "" {
		return fmt.Errorf("%w: period %d: %s", ErrOutOfRange, period, why)
	}
	fresh := 0
	for customer, mrr := range snapshot {
		if err := h.check(customer, period, mrr); err != nil {
			return err
		}
		r, ok := h.lookup(customer)
		if !ok {
			fresh++
			continue
		}
		if c := h.cell(r, period); c > math.MaxInt64-mrr {
			return fmt.Errorf("%w: customer %v in period %d: MRR %d + %d", ErrOverflow, customer, period, c, mrr)
		}
	}
	if full(h.rows, fresh) {
		return fmt.Errorf("%w: period %d: more than %d customers", ErrOverflow, period, maxRows)
	}
	if err := h.closeBefore(period); err != nil {
		return err
	}
	for customer, mrr := range snapshot {
		r, ok := h.lookup(customer)
		if !ok {
			r = h.insert(customer)
		}
		h.addCell(r, period, mrr)
	}
	h.seen = max(h.seen, period+1)
	return nil
}

// AddRecords adds every record of records, as Add does, and stops at the
// first one that fails. The records before it stay added; the error names
// the failing record's customer and period.
func (h *MRRHistory[K]) AddRecords(records iter.Seq[MRRRecord[K]]) error {
	for rec := range records {
		if err := h.Add(rec.Customer, rec.Period, rec.MRR); err != nil {
			return err
		}
	}
	return nil
}

// Movements returns, for each observed period (0 to Observed()−1), the
// revenue movements and the customer counts.
//
// Each RevenuePeriod is balanced:
//
//	Start + New + Reactivation + Expansion − Contraction − Churned = End
//
// with Start the End of the period before (0 for period 0), and has its
// movement breakdown ([RevenuePeriod.HasBreakdown]) even when nothing
// moved, so that [NetRevenueRetention], [GrossRevenueRetention],
// [NetRevenueChurn], [GrossRevenueChurn] and [QuickRatio] apply to each
// period as it is: a steady month has a GRR of 100%, and a figure that
// does not exist for a period (any rate of the first, which starts at 0;
// the quick ratio of a month that lost nothing) is [ErrUndefined].
//
// Each Period counts customers who pay (MRR > 0): Start those paying in
// the period before, End those paying in the period, and New those paying
// in the period but not in the period before, whether for the first time
// or reactivated. Counting reactivated customers in New keeps the period
// consistent, Lost = Start + New − End being exactly the customers who
// stopped paying, so that [RetentionRate] and [ChurnRate] apply; the
// revenue of the reactivated customers is told apart from the new ones in
// the RevenuePeriod.
//
// Movements does not change the history: more records may be added after
// it. Special cases are:
//
//	a period's total or movement past int64   ErrOverflow (names the period and a customer)
func (h *MRRHistory[K]) Movements() ([]RevenuePeriod, []Period, error) {
	tallies, _, err := h.tally(false)
	if err != nil {
		return nil, nil, err
	}
	rev := make([]RevenuePeriod, len(tallies))
	cust := make([]Period, len(tallies))
	for p, t := range tallies {
		rev[p], cust[p] = t.rev.WithBreakdown(), t.cust
	}
	return rev, cust, nil
}

// Cohorts returns the cohort table of the history: customers grouped by
// the first period they paid in, with, for each cohort and each age, the
// customers of the cohort who pay and what they pay, over the observed
// periods. See [CohortTable]. The table has Observed()×(Observed()+1)/2
// cells of each kind; with PeriodOrder the history keeps such a table of
// Periods() periods as it goes.
//
// Cohorts does not change the history. Special cases are:
//
//	a cell's MRR past int64   ErrOverflow (names the period and a customer)
func (h *MRRHistory[K]) Cohorts() (CohortTable, error) {
	_, c, err := h.tally(true)
	if err != nil {
		return CohortTable{}, err
	}
	return c.table(h.seen), nil
}

// badPeriod says why records cannot be added to period, or "" if they
// can.
func (h *MRRHistory[K]) badPeriod(period int) string {
	if !(period >= 0 && period < h.periods) {
		return fmt.Sprintf("history holds periods 0 to %d", h.periods-1)
	}
	if h.order == PeriodOrder && period < h.open {
		return fmt.Sprintf("after a record for period %d (records in PeriodOrder)", h.open)
	}
	return ""
}

// check validates one record without changing the history.
func (h *MRRHistory[K]) check(customer K, period int, mrr int64) error {
	if why := h.badPeriod(period); why != "" {
		return fmt.Errorf("%w: customer %v in period %d: %s", ErrOutOfRange, customer, period, why)
	}
	if mrr < 0 {
		return fmt.Errorf("%w: customer %v in period %d: MRR %d", ErrNegative, customer, period, mrr)
	}
	return nil
}

// cell returns the MRR of row r in period as it will be added to: with
// PeriodOrder, 0 for a period after the open one.
func (h *MRRHistory[K]) cell(r int32, period int) int64 {
	if h.order == AnyOrder {
		return h.chunks[r>>h.chunkShift][period<<h.chunkShift+int(r&(1<<h.chunkShift-1))]
	}
	if period > h.open {
		return 0
	}
	return h.states[r>>stateShift].cur[r&stateMask]
}

// addCell adds mrr, already checked, to row r in period.
func (h *MRRHistory[K]) addCell(r int32, period int, mrr int64) {
	if h.order == AnyOrder {
		h.chunks[r>>h.chunkShift][period<<h.chunkShift+int(r&(1<<h.chunkShift-1))] += mrr
		return
	}
	h.states[r>>stateShift].cur[r&stateMask] += mrr
}

// lookup returns the row of customer, if it has one.
func (h *MRRHistory[K]) lookup(customer K) (int32, bool) {
	if h.intKeys {
		if v, ok := intKey(customer); ok && v < uint64(len(h.slot)) {
			r := h.slot[v]
			return r - 1, r != 0
		}
	}
	r, ok := h.index[customer]
	return r, ok
}

// insert gives customer, not yet seen, the next row.
func (h *MRRHistory[K]) insert(customer K) int32 {
	r := int32(h.rows)
	h.rows++
	if h.order == AnyOrder {
		if int(r)>>h.chunkShift == len(h.chunks) {
			h.chunks = append(h.chunks, make([]int64, h.periods<<h.chunkShift))
		}
	} else if int(r)>>stateShift == len(h.states) {
		h.states = append(h.states, new(states))
	}
	if h.intKeys {
		if v, ok := intKey(customer); ok && h.slotFor(v) {
			h.slot[v] = r + 1
			return r
		}
	}
	h.index[customer] = r
	return r
}

// slotFor reports whether the integer key v has a place in the slot
// table, growing the table if v is dense enough. A key goes into the
// table only if it is below 8 slots per customer (plus 4096); the table
// grows by doubling, so it never holds more than 16 slots (64 bytes) per
// customer, and sparse keys go to the map. Keys of the map that the grown
// table covers move into it, so that a key below len(h.slot) is never in
// the map.
func (h *MRRHistory[K]) slotFor(v uint64) bool {
	if v < uint64(len(h.slot)) {
		return true
	}
	if v >= 8*uint64(h.rows)+4096 {
		return false
	}
	n := max(v+1, 2*uint64(len(h.slot)))
	grown := make([]int32, n)
	copy(grown, h.slot)
	h.slot = grown
	for k, r := range h.index {
		if w, ok := intKey(k); ok && w < n {
			h.slot[w] = r + 1
			delete(h.index, k)
		}
	}
	return true
}

// keyOf returns the key of row r, for an error message.
func (h *MRRHistory[K]) keyOf(r int32) any {
	for v, s := range h.slot {
		if s == r+1 {
			return v
		}
	}
	for k, s := range h.index {
		if s == r {
			return k
		}
	}
	return "?"
}

// intKey returns k as a uint64 if K is a built-in integer type and k is
// not negative.
func intKey[K comparable](k K) (uint64, bool) {
	switch v := any(k).(type) {
	case int:
		return uint64(v), v >= 0
	case int64:
		return uint64(v), v >= 0
	case int32:
		return uint64(v), v >= 0
	case uint64:
		return v, true
	case uint32:
		return uint64(v), true
	case uint:
		return uint64(v), true
	case int16:
		return uint64(v), v >= 0
	case uint16:
		return uint64(v), true
	case int8:
		return uint64(v), v >= 0
	case uint8:
		return uint64(v), true
	}
	return 0, false
}

// periodTally is the movements and customer counts of one period.
type periodTally struct {
	rev  RevenuePeriod
	cust Period
}

// step adds one customer going from prev to cur MRR (both non-negative),
// paid telling whether the customer paid in some period before prev's. It
// reports false if a sum overflowed; the tally is then unusable.
func (t *periodTally) step(prev, cur int64, paid bool) bool {
	s := &t.rev
	ok := true
	if prev > 0 {
		t.cust.Start++
		s.Start += prev
		ok = s.Start >= prev
		switch {
		case cur == 0:
			s.Churned += prev
			ok = ok && s.Churned >= prev
		case cur > prev:
			d := cur - prev
			s.Expansion += d
			ok = ok && s.Expansion >= d
		case cur < prev:
			d := prev - cur
			s.Contraction += d
			ok = ok && s.Contraction >= d
		}
	} else if cur > 0 {
		t.cust.New++
		if paid {
			s.Reactivation += cur
			ok = s.Reactivation >= cur
		} else {
			s.New += cur
			ok = s.New >= cur
		}
	}
	if cur > 0 {
		t.cust.End++
		s.End += cur
		ok = ok && s.End >= cur
	}
	return ok
}

// closeBefore closes, with PeriodOrder, every period before period.
func (h *MRRHistory[K]) closeBefore(period int) error {
	for h.order == PeriodOrder && h.open < period {
		if err := h.closeOpen(); err != nil {
			h.err = err
			return err
		}
	}
	return nil
}

// closeOpen tallies the open period's movements and cohort cells and moves
// on to the next period.
func (h *MRRHistory[K]) closeOpen() error {
	m := h.open
	var t periodTally
	for k, st := range h.states {
		n := min(h.rows-k<<stateShift, len(st.cur))
		cur, prev, first := st.cur[:n], st.prev[:n], st.first[:n]
		for i, c := range cur {
			f := first[i]
			if !t.step(prev[i], c, f != 0) {
				return h.overflow(m, int32(k<<stateShift+i))
			}
			if c > 0 {
				if f == 0 {
					f = int32(m) + 1
					first[i] = f
				}
				if !h.cohorts.add(int(f-1), m-int(f-1), c) {
					return h.overflow(m, int32(k<<stateShift+i))
				}
			}
			prev[i], cur[i] = c, 0
		}
	}
	h.closed = append(h.closed, t)
	h.open++
	return nil
}

// overflow returns the error for a sum past int64 in period at row r.
func (h *MRRHistory[K]) overflow(period int, r int32) error {
	return fmt.Errorf("%w: period %d: a revenue total passes int64 at customer %v", ErrOverflow, period, h.keyOf(r))
}

// tally returns the movements of every period and, if cohorts is true, the
// cohort table, without changing the history.
func (h *MRRHistory[K]) tally(cohorts bool) ([]periodTally, cohortTally, error) {
	if h.err != nil {
		return nil, cohortTally{}, h.err
	}
	if h.order == PeriodOrder {
		return h.tallyOpen(cohorts)
	}
	ts := make([]periodTally, h.seen)
	co := newCohortTally(h.seen)
	size := 1 << h.chunkShift
	first := make([]int32, size) // first paying period + 1, 0 = none yet
	zero := make([]int64, size)  // the MRR before period 0
	for k, chunk := range h.chunks {
		n := min(h.rows-k*size, size)
		first := first[:n]
		clear(first)
		prev := zero[:n]
		for p := range h.seen {
			col := chunk[p*size : p*size+n]
			for i, cur := range col {
				f := first[i]
				if !ts[p].step(prev[i], cur, f != 0) {
					return nil, cohortTally{}, h.overflow(p, int32(k*size+i))
				}
				if cur > 0 {
					if f == 0 {
						f = int32(p) + 1
						first[i] = f
					}
					if cohorts && !co.add(int(f-1), p-int(f-1), cur) {
						return nil, cohortTally{}, h.overflow(p, int32(k*size+i))
					}
				}
			}
			prev = col
		}
	}
	return ts, co, nil
}

// tallyOpen is tally for PeriodOrder: the closed periods as they are, then
// the open period, the latest one added to, from the customers' state.
func (h *MRRHistory[K]) tallyOpen(cohorts bool) ([]periodTally, cohortTally, error) {
	var co cohortTally
	if cohorts {
		co = h.cohorts.clone()
	}
	if h.seen == 0 {
		return nil, co, nil
	}
	ts := make([]periodTally, h.seen) // h.seen == h.open+1
	copy(ts, h.closed)
	m := h.open
	t := &ts[m]
	for k, st := range h.states {
		n := min(h.rows-k<<stateShift, len(st.cur))
		for i, c := range st.cur[:n] {
			f := st.first[i]
			if !t.step(st.prev[i], c, f != 0) {
				return nil, cohortTally{}, h.overflow(m, int32(k<<stateShift+i))
			}
			if c > 0 && cohorts {
				fp := m
				if f != 0 {
					fp = int(f - 1)
				}
				if !co.add(fp, m-fp, c) {
					return nil, cohortTally{}, h.overflow(m, int32(k<<stateShift+i))
				}
			}
		}
	}
	return ts, co, nil
}
