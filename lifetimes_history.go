package cxmetrics

import "fmt"

// This file holds the lifetimes of an MRRHistory's customers: how the
// period-order engine (mrr_stream.go) follows each spell of paying as it
// closes periods, and how the open period and the customers still paying
// are added when the lifetimes are asked for.
//
// A stream knows each row's first paying period; spells needs only what
// that does not say. A churn of a row that has never come back ends the
// row's first spell, which started in its first period. A row that comes
// back starts a new spell, whose start is kept in a map until the spell
// ends, so that the map holds the returned customers who pay, no one
// else. The lifetimes of ended spells are counted by duration as they
// end. The engine's work per row that neither churns nor returns is
// unchanged, and its memory grows by a count per duration and a map
// entry per returned customer paying.

// spellTracker is the lifetimes of a stream's closed periods.
type spellTracker struct {
	back map[int32]int32 // row → the period its spell started in, plus one, for rows that returned and pay
	// ended[o] counts by duration the spells ended by churn, o = 1 of
	// those that started in period 0 (an opening book's), o = 0 of the
	// others; first counts first spells, every all of them.
	first, every [2][]int64
}

// step follows row r from prev to cur MRR (prev ≠ cur) as the period
// open − 1 closes, first being the row's first paying period plus one
// before the close (0: it has not paid before).
func (sp *spellTracker) step(r int32, prev, cur int64, first, open int32) {
	switch {
	case prev > 0 && cur == 0: // a churn: the spell ends
		if start, ok := sp.back[r]; ok {
			bump(&sp.every[0], open-start)
			delete(sp.back, r)
			return
		}
		o := b2i(first == 1)
		bump(&sp.first[o], open-first)
		bump(&sp.every[o], open-first)
	case prev == 0 && cur > 0 && first != 0: // a return: a new spell
		if sp.back == nil {
			sp.back = make(map[int32]int32)
		}
		sp.back[r] = open
	}
}

// bump adds 1 to (*h)[d], growing *h.
func bump(h *[]int64, d int32) {
	for int32(len(*h)) <= d {
		*h = appendDoubling(*h, 0)
	}
	(*h)[d]++
}

// b2i is 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lifetimes returns the life table of the stream's spells up to the open
// period, which is the last observed: the spells that ended in a closed
// period, those that end by a churn in the open period, and those still
// paying in it, censored at their age in it. Spells that start in period
// 0 are left out if opening (the first spells of an opening book, whose
// start is not known).
func (s *stream) lifetimes(spells Spells, opening bool) []LifetimeCount {
	open := int32(s.open) + 1
	churned, censored := make([]int64, open), make([]int64, open)
	sp := &s.spells
	for o := range 2 {
		if o == 1 && opening {
			continue
		}
		h := sp.first[o]
		if spells == EverySpell {
			h = sp.every[o]
		}
		for d, n := range h {
			churned[d] += n
		}
	}
	visit := func(r int32) {
		ch, i := s.at(r)
		prev, cur, first := ch.prev[i], ch.cur[i], ch.first[i]
		if prev == 0 && cur == 0 {
			return
		}
		start, back := sp.back[r]
		if !back && prev > 0 {
			start = first
		}
		switch {
		case prev == 0 && first == 0: // new in the open period
			start = open
		case prev == 0: // returns in the open period
			if spells == FirstSpell {
				return
			}
			start, back = open, true
		case back && spells == FirstSpell:
			return // paying in a later spell
		}
		if opening && start == 1 {
			return
		}
		if cur == 0 {
			churned[open-start]++
		} else {
			censored[open-start]++
		}
	}
	switch {
	case s.dense:
		for r := range int32(s.rows) {
			visit(r)
		}
	default:
		for _, r := range s.paying {
			visit(r)
		}
		for _, r := range s.joining {
			visit(r)
		}
	}
	var out []LifetimeCount
	for d := range open {
		if churned[d] > 0 || censored[d] > 0 {
			out = append(out, LifetimeCount{Duration: float64(d), Churned: churned[d], Censored: censored[d]})
		}
	}
	return out
}

// Lifetimes returns the lifetimes of the history's customers as a life
// table, the input of [KaplanMeierCounts] and [LogRankCounts]: for each
// duration in periods, how many spells of paying churned at it and how
// many were still paying, censored, at it when observation ended.
//
// A spell starts in the first period a customer pays in (MRR > 0) and
// ends by a churn in the first period after it in which they pay nothing.
// Its duration is the customer's age when last seen: for a churn, the
// periods from its start to the period of the churn, so the periods paid
// (a customer who pays in periods 3 and 4 only churns at age 2); for a
// spell still paying in the last observed period, the periods from its
// start to that one (paying in 3 and 4 of periods 0 to 4: censored at age
// 1, known to pay at ages 0 and 1). A spell that starts in the last
// observed period is censored at age 0. So the curve of a cohort with no
// returns and no censoring is its logo retention ([CohortTable]) as a
// fraction: S(a) is the share still paying at age a.
//
// spells says what a return (a customer who pays again after a churn)
// does: with [FirstSpell] nothing, each customer who paid has one
// lifetime, ended by their first churn; with [EverySpell] it starts a new
// spell, which ends at the next churn or is censored.
//
// Lifetimes does not change the history. It takes time linear in the
// customers paying in the last period, and memory of a count per period
// (a map entry per customer who has returned and pays, kept by the
// history), not per customer. For groups of customers (plans, regions,
// acquisition channels), keep a history per group, as histories shard by
// customer, and pass their life tables to [LogRankCounts].
//
// Special cases are:
//
//	spells not FirstSpell or EverySpell   ErrInvalidArgument
//	no customer has paid                  ErrNoResponses (and ErrUndefined)
//	AnyOrder: a period's total past int64 ErrOverflow, as Movements
func (h *MRRHistory[K]) Lifetimes(spells Spells) ([]LifetimeCount, error) {
	return h.lifetimes(spells, false)
}

// lifetimes is Lifetimes, leaving out the spells that start in period 0
// if opening.
func (h *MRRHistory[K]) lifetimes(spells Spells, opening bool) ([]LifetimeCount, error) {
	if spells != FirstSpell && spells != EverySpell {
		return nil, fmt.Errorf("%w: unknown spells %v", ErrInvalidArgument, spells)
	}
	var s *stream
	switch st := h.store.(type) {
	case *stream:
		s = st
	case *recordLog:
		if h.seen > 0 {
			if _, _, err := st.tally(h.seen, false, h.overflow); err != nil {
				return nil, err
			}
			s = st.replayed
		}
	}
	var out []LifetimeCount
	if s != nil && h.seen > 0 {
		out = s.lifetimes(spells, opening)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no customer has paid in %d periods observed", ErrNoResponses, h.seen)
	}
	return out, nil
}

// Lifetimes returns the lifetimes of the ledger's customers, by duration
// in periods of its calendar, as [MRRHistory.Lifetimes] does, with its
// special cases. With [OpeningBalance] the spells that start in the
// opening book are left out: its customers had paid for a time the
// records do not say, so that their ages are not known; a customer of
// the opening book who churns and returns starts a known spell under
// [EverySpell]. Customers left out with [MRRLedger.Exclude] have no
// lifetimes.
func (l *MRRLedger[K]) Lifetimes(spells Spells) ([]LifetimeCount, error) {
	return l.h.lifetimes(spells, l.opening)
}
