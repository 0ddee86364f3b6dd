package cxmetrics

import "math"

// This file holds the any-order engine of MRRHistory: a log of the
// records, kept by period as they arrive in any order, and replayed period
// by period through the period-order engine (mrr_stream.go) whenever
// movements or cohorts are asked for. Its memory follows the records, 12
// bytes each, whatever the span of their periods or the number of
// customers; a dense customer × period table would follow their product.

// recordLog is the any-order engine.
type recordLog struct {
	byPeriod []bucket // the records of period p, in the order they came
	totals   []int64  // by row: the MRR of all the row's records

	segs *segmentNames // the history's segments, if it has any

	// The rules of an MRRLedger (ledger_rules.go); an MRRHistory leaves
	// them at their zero values: records summed, none left out, no days.
	combine  Combine
	day      int32   // the day of the record being added, set by the ledger
	excluded []bool  // by row: left out of every figure; nil for none
	scratch  []int32 // by row: a day, during one period's pass; noDay between

	// replayed is the stream of the last replay, of periods 0 to
	// replayedTo, kept until a record changes the log, so that Movements
	// and then Cohorts replay once.
	replayed   *stream
	replayedTo int
}

// bucket is the records of one period, in chunks that are never copied:
// the first holds 8 records, each next one twice as many up to 8192, so
// that a period of one record takes 96 bytes and a period of many wastes
// at most one chunk's unused half.
type bucket struct {
	chunks []chunk
}

// chunk is a run of records: row rows[i] pays mrr[i] more, in segment
// seg[i] if the history has segments (seg is nil if not), on day day[i]
// if the ledger combines records by day (day is nil if not).
type chunk struct {
	rows []int32
	mrr  []int64
	seg  []int32
	day  []int32
}

const (
	firstChunk = 8
	lastChunk  = 8192
)

// append adds one record to b, with its segment if segments is true and
// its day if days is true.
func (b *bucket) append(r int32, mrr int64, seg, day int32, segments, days bool) {
	if n := len(b.chunks); n == 0 || len(b.chunks[n-1].rows) == cap(b.chunks[n-1].rows) {
		size := firstChunk
		if n > 0 {
			size = min(2*cap(b.chunks[n-1].rows), lastChunk)
		}
		c := chunk{rows: make([]int32, 0, size), mrr: make([]int64, 0, size)}
		if segments {
			c.seg = make([]int32, 0, size)
		}
		if days {
			c.day = make([]int32, 0, size)
		}
		b.chunks = append(b.chunks, c)
	}
	c := &b.chunks[len(b.chunks)-1]
	if segments && c.seg == nil { // the history's first segment: those before were ""
		c.seg = make([]int32, len(c.rows), cap(c.rows))
	}
	c.rows = append(c.rows, r)
	c.mrr = append(c.mrr, mrr)
	if segments {
		c.seg = append(c.seg, seg)
	}
	if days {
		c.day = append(c.day, day)
	}
}

// fits reports whether mrr more for row r keeps the row's total, and so
// every one of its cells, within int64, whatever the period.
func (l *recordLog) fits(r int32, _ int, mrr int64) bool { return l.totals[r] <= math.MaxInt64-mrr }

// observe makes room for the records of period.
func (l *recordLog) observe(period int) {
	for len(l.byPeriod) <= period {
		l.byPeriod = appendDoubling(l.byPeriod, bucket{})
	}
}

// tally replays the log's periods 0 to n−1 through a stream, or reuses
// the last replay if nothing changed since, and returns what the stream's
// tally returns.
func (l *recordLog) tally(n int, cohorts bool, overflow func(period int, row int32) error) ([]periodTally, CohortTable, error) {
	if l.replayed == nil || l.replayedTo != n {
		s, err := l.replay(n, overflow)
		if err != nil {
			return nil, CohortTable{}, err
		}
		l.replayed, l.replayedTo = s, n
	}
	return l.replayed.tally(n, cohorts, overflow)
}

// replay returns a new stream of the log's periods 0 to n−1, with period
// n−1 open.
func (l *recordLog) replay(n int, overflow func(period int, row int32) error) (*stream, error) {
	s := new(stream)
	if l.segs != nil {
		s.segs = &segmenter{names: l.segs}
	}
	for range l.totals {
		s.grow()
	}
	put := func(r int32, mrr int64, seg int32) {
		ch, j := s.at(r)
		s.put(r, ch, j, mrr, seg)
	}
	for p := range n {
		if bad, ok := s.advance(p); !ok {
			return nil, overflow(s.open, bad)
		}
		if !l.plain() {
			if err := l.records(p, put); err != nil {
				return nil, err
			}
		} else if p < len(l.byPeriod) {
			for _, c := range l.byPeriod[p].chunks {
				for i, r := range c.rows {
					ch, j := s.at(r)
					var seg int32
					if c.seg != nil {
						seg = c.seg[i]
					}
					s.put(r, ch, j, c.mrr[i], seg)
				}
			}
		}
	}
	return s, nil
}

// The log as a history's store (mrrStore).

func (l *recordLog) add(r int32, period int, mrr int64, seg int32) (addResult, rowOverflow) {
	if int(r) == len(l.totals) {
		l.totals = append(l.totals, 0)
	} else if !l.fits(r, period, mrr) {
		return addCell, rowOverflow{}
	}
	l.replayed = nil
	l.observe(period)
	l.byPeriod[period].append(r, mrr, seg, l.day, l.segs != nil, l.combine != SumRecords)
	l.totals[r] += mrr
	return addDone, rowOverflow{}
}

func (l *recordLog) earliest() int { return 0 }

func (l *recordLog) ready(period int) (rowOverflow, bool) {
	l.replayed = nil
	l.observe(period)
	return rowOverflow{}, true
}

// prepend adds n empty periods before the log's first one: its periods
// are then numbered n more.
func (l *recordLog) prepend(n int) {
	l.replayed = nil
	grown := make([]bucket, n+len(l.byPeriod), n+cap(l.byPeriod))
	copy(grown[n:], l.byPeriod)
	l.byPeriod = grown
}

// segmentTallies returns each segment's movements in periods 0 to n−1.
func (l *recordLog) segmentTallies(n int, overflow func(period int, row int32) error) ([][]SegmentTally, error) {
	if _, _, err := l.tally(n, false, overflow); err != nil {
		return nil, err
	}
	return l.replayed.segmentTallies(n), nil
}

// plain reports whether the log takes every record as it is: summed,
// none left out, as an MRRHistory does.
func (l *recordLog) plain() bool { return l.combine == SumRecords && l.excluded == nil }

// records calls f for every record of period p that counts under the
// ledger's rules, in the order they came, with its segment (0 without
// segments): none of an excluded customer's, and with LastDay only those
// on each customer's last day in the period. With SameDay, a customer
// with records on two days of the period is an *ambiguousDays error, and
// f is not called.
func (l *recordLog) records(p int, f func(r int32, mrr int64, seg int32)) error {
	if p < 0 || p >= len(l.byPeriod) {
		return nil
	}
	chunks := l.byPeriod[p].chunks
	if l.combine != SumRecords {
		// First the day that counts for each customer: the last, or the
		// one, with scratch back at noDay for every row once done.
		for len(l.scratch) < len(l.totals) {
			l.scratch = append(l.scratch, noDay)
		}
		defer l.clearDays(chunks)
		for _, c := range chunks {
			for i, r := range c.rows {
				if l.out(r) {
					continue
				}
				switch d, seen := c.day[i], l.scratch[r]; {
				case seen == noDay || l.combine == LastDay && d > seen:
					l.scratch[r] = d
				case l.combine == SameDay && d != seen:
					return &ambiguousDays{row: r, period: p, days: [2]int32{min(d, seen), max(d, seen)}}
				}
			}
		}
	}
	for _, c := range chunks {
		for i, r := range c.rows {
			if l.out(r) || l.combine == LastDay && c.day[i] != l.scratch[r] {
				continue
			}
			var seg int32
			if c.seg != nil {
				seg = c.seg[i]
			}
			f(r, c.mrr[i], seg)
		}
	}
	return nil
}

// out reports whether row r is excluded.
func (l *recordLog) out(r int32) bool { return int(r) < len(l.excluded) && l.excluded[r] }

// clearDays sets the scratch day of every row with a record in chunks
// back to noDay.
func (l *recordLog) clearDays(chunks []chunk) {
	for _, c := range chunks {
		for _, r := range c.rows {
			l.scratch[r] = noDay
		}
	}
}
