package cxmetrics

import "math"

// This file holds the period-order engine of MRRHistory: a stream of
// records in non-decreasing period order that closes each period's
// movements and cohort cells as soon as a later period starts. It is the
// store of a PeriodOrder history, and the any-order log (mrr_log.go)
// replays its records, sorted by period, through one. Its pass over the
// open period (pass) is the one place where a customer's move from one
// period to the next is classified.
//
// The work and memory of a period follow the customers who paid in it or
// in the period before, not all customers. While few of the customers pay
// (fewer than one in denseShare), closing a period visits the rows on two
// lists, each row once: paying, those who paid in the period before, and
// joining, those who did not and have MRR in the open period. While many
// pay, it visits every row in order, which is faster and needs no lists,
// and costs at most denseShare times the rows that pay. Either way a
// history of many customers spread over many periods costs what its
// records cost.

// stream is the period-order engine. Rows are customers, numbered by the
// history in the order they are first seen.
type stream struct {
	rows    int
	open    int           // the open period: the latest one added to (0 before any)
	states  []*states     // row r at states[r>>stateShift], index r&stateMask
	dense   bool          // the lists are not kept: every row is visited
	paying  []int32       // sparse: rows paying in the period before the open one
	joining []int32       // sparse: rows not paying then, with MRR in the open period
	closed  []periodTally // the movements of periods 0 to open−1
	cohorts cohortCells   // the cohort cells of the closed periods
	segs    *segmenter    // the segments, if the history has any
	spells  spellTracker  // the lifetimes of the closed periods (lifetimes_history.go)

	// end is what the open period's records add up to, its End, while it
	// fits in int64; big is set once it does not. A period whose End
	// fits cannot overflow any of its sums: New, Expansion and
	// Reactivation are parts of End, and Start, Contraction and Churned
	// parts of the period before's End, which fitted.
	end int64
	big bool
}

// states is the state of 1<<stateShift rows: each one's MRR in the open
// period and in the one before it, and the first period it paid in, plus
// one (0: has not paid in a closed period). 20 bytes a row, in arrays
// that a visit of every row reads in order; fixed-size chunks let the
// stream grow without copying what it holds.
type states struct {
	cur, prev [1 << stateShift]int64
	first     [1 << stateShift]int32
}

const (
	stateShift = 12
	stateMask  = 1<<stateShift - 1

	// denseShare: a stream visits every row while at least one row in
	// denseShare pays.
	denseShare = 8
)

// grow adds one row, not yet paying.
func (s *stream) grow() {
	if s.rows>>stateShift == len(s.states) {
		s.states = append(s.states, new(states))
	}
	if s.segs != nil {
		s.segs.grow(s.rows)
	}
	s.rows++
}

// at returns the chunk of states and the index in it of row r.
func (s *stream) at(r int32) (*states, int32) { return s.states[r>>stateShift], r & stateMask }

// put adds mrr, in segment seg, to what row r, at index i of chunk ch,
// pays in the open period. The caller has checked that the row's sum fits
// in int64.
func (s *stream) put(r int32, ch *states, i int32, mrr int64, seg int32) {
	if g := s.segs; g != nil {
		g.put(g.rows[r>>stateShift], i, mrr, seg)
	}
	if !s.dense && ch.prev[i] == 0 && ch.cur[i] == 0 && mrr > 0 {
		s.joining = append(s.joining, r) // once: cur is above 0 from now on
	}
	ch.cur[i] += mrr
	if s.end > math.MaxInt64-mrr {
		s.big = true
	} else {
		s.end += mrr
	}
}

// pass visits every row that pays in the open period or in the one
// before, once each, and classifies its move into the open period's
// movements: in order of rows while the stream is dense, otherwise first
// the rows that paid in the period before (in the order they were added
// then), then the rows that join. It is the one place where a customer's
// move from one period to the next is classified.
//
// With commit false it changes nothing, and calls each (if not nil) with
// every row that pays in the open period and its cohort cell, stopping
// early, and returning the row and false, if each returns false. With
// commit true it closes the open period: each row's state moves on, its
// cohort cell is counted, and the rows paying in the open period become
// the paying list (or the stream turns dense).
//
// pass does not check its sums: the caller first checks that the open
// period's End fits in int64 (big is false), and then none of them can
// pass it: New, Expansion and Reactivation are parts of End, Start,
// Contraction and Churned parts of the period before's End, which fitted,
// and each cohort cell a part of one period's End.
func (s *stream) pass(commit bool, each func(r int32, cohort, age int, mrr int64) bool) (periodTally, int32, bool) {
	var t periodTally
	open := int32(s.open) + 1
	// Locals, so that the loop does not reload them after every call.
	dense, chunks, paying, joining := s.dense, s.states, s.paying, s.joining
	np, n := len(paying), len(paying)+len(joining)
	if dense {
		n = s.rows
	}
	// Committing a sparse stream, the rows paying in the open period are
	// gathered in the paying list's own array: a paying row is written at
	// or before the place it is read from, and the joining rows after.
	next := paying[:0]
	if commit && !dense && cap(next) < n {
		next = make([]int32, 0, 2*n)
	}
	pays := 0
	var ch *states
	g := s.segs
	if g != nil {
		g.begin()
	}
	for k := range n {
		var r, i int32
		switch {
		case dense:
			r, i = int32(k), int32(k&stateMask)
			if i == 0 {
				ch = chunks[k>>stateShift]
			}
		case k < np:
			r = paying[k]
			ch, i = chunks[r>>stateShift], r&stateMask
		default:
			r = joining[k-np]
			ch, i = chunks[r>>stateShift], r&stateMask
		}
		// A dense stream's row that pays in neither period passes through
		// as a no-op: cheaper than a branch that is hard to predict.
		prev, cur, first := ch.prev[i], ch.cur[i], ch.first[i]
		paid := first != 0 // in a period before the one before
		if prev == cur {   // the most common moves, inlined: none, or the same MRR
			if cur > 0 {
				t.cust.Start++
				t.cust.End++
				t.rev.Start += cur
				t.rev.End += cur
			}
		} else {
			t.step(prev, cur, paid)
			if commit {
				s.spells.step(r, prev, cur, first, open)
			}
		}
		if cur > 0 {
			if first == 0 {
				first = open
			}
			cohort, age := int(first-1), int(open-first)
			if commit {
				ch.first[i] = first
				s.cohorts.add(cohort, age, cur)
				pays++
				if !dense {
					next = append(next, r)
				}
			} else if each != nil && !each(r, cohort, age, cur) {
				return t, r, false
			}
		}
		if g != nil {
			sc := g.rows[r>>stateShift]
			g.step(prev, cur, paid, sc.prev[i], sc.cur[i])
			if commit {
				g.commit(sc, i, cur)
			}
		}
		if commit {
			ch.prev[i], ch.cur[i] = cur, 0
		}
	}
	if commit {
		s.paying, s.joining = next, joining[:0]
		s.settle(pays)
		if g != nil {
			g.closed = append(g.closed, g.pack())
		}
	}
	return t, 0, true
}

// settle chooses, after a close in which pays rows paid, how the next
// close visits them: every row if at least one in denseShare pays, the
// lists otherwise, building the paying list from the rows if the stream
// was dense.
func (s *stream) settle(pays int) {
	dense := pays*denseShare >= s.rows
	switch {
	case dense:
		s.paying, s.joining = nil, nil
	case s.dense:
		s.paying = make([]int32, 0, pays)
		for k, ch := range s.states {
			for i, prev := range ch.prev[:min(s.rows-k<<stateShift, len(ch.prev))] {
				if prev > 0 {
					s.paying = append(s.paying, int32(k<<stateShift+i))
				}
			}
		}
	}
	s.dense = dense
}

// segmentTallies returns each segment's movements in periods 0 to n−1
// (n is the open period plus one): those of the closed periods and, from
// a pass that changes nothing, of the open one. The caller has checked
// that the open period's End fits (tally did).
func (s *stream) segmentTallies(n int) [][]SegmentTally {
	out := make([][]SegmentTally, 0, n)
	if n == 0 || s.segs == nil {
		return append(out, make([][]SegmentTally, n)...)
	}
	out = append(out, s.segs.closed...)
	s.pass(false, nil)
	return append(out, s.segs.pack())
}

// passing returns the row at which the open period's End passes int64,
// visiting the rows as pass does, if it does (big is set).
func (s *stream) passing() (int32, bool) {
	if !s.big {
		return 0, false
	}
	var end int64
	_, r, ok := s.pass(false, func(_ int32, _, _ int, mrr int64) bool {
		if end > math.MaxInt64-mrr {
			return false
		}
		end += mrr
		return true
	})
	return r, !ok
}

// closeOpen closes the open period and opens the next one, or changes
// nothing and returns the row at which the period's End passes int64.
func (s *stream) closeOpen() (int32, bool) {
	if bad, over := s.passing(); over {
		return bad, false
	}
	t, _, _ := s.pass(true, nil)
	s.closed = appendDoubling(s.closed, t)
	s.open++
	s.end, s.big = 0, false
	return 0, true
}

// advance closes every period before period, all or none: only the first
// close can overflow, since a period with no records only loses what the
// one before it ended with, which fitted.
func (s *stream) advance(period int) (int32, bool) {
	for s.open < period {
		if bad, ok := s.closeOpen(); !ok {
			return bad, false
		}
	}
	return 0, true
}

// tally returns the movements of the periods 0 to n−1 (n is the open
// period plus one, or 0) and, with cohorts, their cohort table, without
// changing the stream. A sum past int64 is the error overflow returns for
// its period and row.
func (s *stream) tally(n int, cohorts bool, overflow func(period int, row int32) error) ([]periodTally, CohortTable, error) {
	if n == 0 {
		if cohorts {
			return nil, CohortTable{Customers: [][]int64{}, MRR: [][]int64{}}, nil
		}
		return nil, CohortTable{}, nil
	}
	if bad, over := s.passing(); over {
		return nil, CohortTable{}, overflow(s.open, bad)
	}
	var ct CohortTable
	var each func(r int32, cohort, age int, mrr int64) bool
	if cohorts {
		ct = s.cohorts.table(n)
		each = func(_ int32, cohort, age int, mrr int64) bool {
			ct.Customers[cohort][age]++
			ct.MRR[cohort][age] += mrr
			return true
		}
	}
	t, _, _ := s.pass(false, each)
	ts := make([]periodTally, n)
	copy(ts, s.closed)
	ts[n-1] = t
	return ts, ct, nil
}

// periodTally is the movements and customer counts of one period.
type periodTally struct {
	rev  RevenuePeriod
	cust Period
}

// step adds one customer going from prev to cur MRR (both non-negative),
// paid telling whether the customer paid in some period before prev's.
// The caller knows that no sum passes int64 (see pass).
func (t *periodTally) step(prev, cur int64, paid bool) { classify(&t.rev, &t.cust, prev, cur, paid) }

// add adds the movements and counts of u to t. The caller knows that no
// sum passes int64.
func (t *periodTally) add(u periodTally) {
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

// classify adds to rev and cust one customer going from prev to cur MRR,
// by ChartMogul's definitions (see MRRHistory): the classification of
// the whole and of each segment.
func classify(rev *RevenuePeriod, cust *Period, prev, cur int64, paid bool) {
	if prev > 0 {
		cust.Start++
		rev.Start += prev
		switch {
		case cur == 0:
			rev.Churned += prev
		case cur > prev:
			rev.Expansion += cur - prev
		case cur < prev:
			rev.Contraction += prev - cur
		}
	} else if cur > 0 {
		cust.New++
		if paid {
			rev.Reactivation += cur
		} else {
			rev.New += cur
		}
	}
	if cur > 0 {
		cust.End++
		rev.End += cur
	}
}

// rowOverflow is a sum of period that passed int64 at row.
type rowOverflow struct {
	period int
	row    int32
}

// The stream as a history's store (mrrStore).

func (s *stream) add(r int32, period int, mrr int64, seg int32) (addResult, rowOverflow) {
	if period != s.open {
		if period < s.open {
			return addEarly, rowOverflow{}
		}
		// A later period: the row has nothing in it yet, so mrr fits.
		if o, ok := s.ready(period); !ok {
			return addClose, o
		}
	}
	if int(r) == s.rows {
		s.grow()
	}
	ch, i := s.at(r)
	if ch.cur[i] > math.MaxInt64-mrr {
		return addCell, rowOverflow{}
	}
	s.put(r, ch, i, mrr, seg)
	return addDone, rowOverflow{}
}

func (s *stream) earliest() int { return s.open }

func (s *stream) fits(r int32, period int, mrr int64) bool {
	ch, i := s.at(r)
	return period > s.open || ch.cur[i] <= math.MaxInt64-mrr
}

func (s *stream) ready(period int) (rowOverflow, bool) {
	if bad, ok := s.advance(period); !ok {
		return rowOverflow{period: s.open, row: bad}, false
	}
	return rowOverflow{}, true
}

// appendDoubling appends v to s, doubling the capacity when s is full,
// so that a slice grown one element at a time allocates twice its final
// size in all, where append's growth of large slices by a quarter
// allocates five times.
func appendDoubling[E any](s []E, v E) []E {
	if len(s) == cap(s) {
		grown := make([]E, len(s), max(2*cap(s), 8))
		copy(grown, s)
		s = grown
	}
	return append(s, v)
}
