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
// in the period before, not all customers: closing a period visits the
// rows on two lists, each row once (paying: those who paid in the period
// before; joining: those who did not, and have a record in the open
// period), so a history of many customers spread over many periods costs
// what its records cost.

// stream is the period-order engine. Rows are customers, numbered by the
// history in the order they are first seen.
type stream struct {
	rows    int
	open    int           // the open period: the latest one added to (0 before any)
	states  []*states     // row r at states[r>>stateShift][r&stateMask]
	paying  []int32       // rows paying in the period before the open one
	joining []int32       // rows not paying then, added to in the open period, each once
	closed  []periodTally // the movements of periods 0 to open−1
	cohorts cohortCells   // the cohort cells of the closed periods
	spare   []int32       // a list's backing array, kept for reuse

	// end is what the open period's records add up to, its End, while it
	// fits in int64; big is set once it does not. A period whose End
	// fits cannot overflow any of its sums: New, Expansion and
	// Reactivation are parts of End, and Start, Contraction and Churned
	// parts of the period before's End, which fitted.
	end int64
	big bool
}

// rowState is one row's MRR in the open period and in the one before it,
// the first period it paid in, plus one (0: has not paid in a closed
// period), and the open period plus one once the row is on the joining
// list: 24 bytes, read and written together.
type rowState struct {
	cur, prev int64
	first     int32
	mark      int32
}

// states is the state of 1<<stateShift rows. Fixed-size chunks let the
// stream grow without copying what it holds.
type states [1 << stateShift]rowState

const (
	stateShift = 12
	stateMask  = 1<<stateShift - 1
)

// grow adds one row, not yet paying.
func (s *stream) grow() {
	if s.rows>>stateShift == len(s.states) {
		s.states = append(s.states, new(states))
	}
	s.rows++
}

// row returns the state of row r.
func (s *stream) row(r int32) *rowState { return &s.states[r>>stateShift][r&stateMask] }

// put adds mrr to what the row r, of state st, pays in the open period.
// The caller has checked that the row's sum fits in int64.
func (s *stream) put(r int32, st *rowState, mrr int64) {
	st.cur += mrr
	if open := int32(s.open) + 1; st.prev == 0 && st.mark != open {
		st.mark = open
		s.joining = append(s.joining, r)
	}
	if s.end > math.MaxInt64-mrr {
		s.big = true
	} else {
		s.end += mrr
	}
}

// pass visits every row that pays in the open period or in the one
// before, once each, and classifies its move into the open period's
// movements: first the rows that paid in the period before (in the order
// they were added then), then the rows that join. It is the one place
// where a customer's move from one period to the next is classified.
//
// With commit false it changes nothing, calls cell (if not nil) with each
// paying row's cohort cell, and stops at the first sum past int64,
// returning the row. With commit true it closes the open period: each
// row's state moves on, its cohort cell is counted, and the rows paying in
// the open period become the paying list. The caller commits only a
// period whose sums it knows to fit.
func (s *stream) pass(commit bool, cell func(cohort, age int, mrr int64)) (periodTally, int32, bool) {
	var t periodTally
	open := int32(s.open) + 1
	var next []int32 // committing: the rows paying in the open period
	if commit {
		next = s.spare[:0]
	}
	for i, rows := range [2][]int32{s.paying, s.joining} {
		paid := i == 0
		for _, r := range rows {
			st := s.row(r)
			prev, cur := int64(0), st.cur
			if paid {
				prev = st.prev
			}
			if !t.step(prev, cur, st.first != 0) && !commit {
				return t, r, false
			}
			if cur > 0 {
				f := st.first
				if f == 0 {
					f = open
				}
				cohort, age := int(f-1), int(open-f)
				if commit {
					st.first = f
					s.cohorts.add(cohort, age, cur)
					next = append(next, r)
				} else if cell != nil {
					cell(cohort, age, cur)
				}
			}
			if commit {
				st.prev, st.cur = cur, 0
			}
		}
	}
	if commit {
		s.spare = s.paying
		s.paying, s.joining = next, s.joining[:0]
	}
	return t, 0, true
}

// tallyOpen returns the movements of the open period without changing the
// stream, or the row at which a sum passed int64. With cell not nil it
// also calls cell for every paying row's cohort cell of the open period.
func (s *stream) tallyOpen(cell func(cohort, age int, mrr int64)) (periodTally, int32, bool) {
	return s.pass(false, cell)
}

// closeOpen closes the open period and opens the next one. It changes
// nothing and returns the row at which a sum passed int64 if the period's
// movements do not fit.
func (s *stream) closeOpen() (int32, bool) {
	if s.big {
		if _, bad, ok := s.pass(false, nil); !ok {
			return bad, false
		}
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
	var ct CohortTable
	var cell func(cohort, age int, mrr int64)
	if cohorts {
		ct = s.cohorts.table(n)
		cell = func(cohort, age int, mrr int64) {
			ct.Customers[cohort][age]++
			ct.MRR[cohort][age] += mrr
		}
	}
	t, bad, ok := s.tallyOpen(cell)
	if !ok {
		return nil, CohortTable{}, overflow(s.open, bad)
	}
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

// rowOverflow is a sum of period that passed int64 at row.
type rowOverflow struct {
	period int
	row    int32
}

// The stream as a history's store (mrrStore).

func (s *stream) add(r int32, period int, mrr int64) (addResult, rowOverflow) {
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
	st := s.row(r)
	if st.cur > math.MaxInt64-mrr {
		return addCell, rowOverflow{}
	}
	s.put(r, st, mrr)
	return addDone, rowOverflow{}
}

func (s *stream) earliest() int { return s.open }

func (s *stream) fits(r int32, period int, mrr int64) bool {
	return period > s.open || s.row(r).cur <= math.MaxInt64-mrr
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
