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

// chunk is a run of records: row rows[i] pays mrr[i] more.
type chunk struct {
	rows []int32
	mrr  []int64
}

const (
	firstChunk = 8
	lastChunk  = 8192
)

// append adds one record to b.
func (b *bucket) append(r int32, mrr int64) {
	if n := len(b.chunks); n == 0 || len(b.chunks[n-1].rows) == cap(b.chunks[n-1].rows) {
		size := firstChunk
		if n > 0 {
			size = min(2*cap(b.chunks[n-1].rows), lastChunk)
		}
		b.chunks = append(b.chunks, chunk{rows: make([]int32, 0, size), mrr: make([]int64, 0, size)})
	}
	c := &b.chunks[len(b.chunks)-1]
	c.rows = append(c.rows, r)
	c.mrr = append(c.mrr, mrr)
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
	for range l.totals {
		s.grow()
	}
	for p := range n {
		if bad, ok := s.advance(p); !ok {
			return nil, overflow(s.open, bad)
		}
		if p < len(l.byPeriod) {
			for _, c := range l.byPeriod[p].chunks {
				for i, r := range c.rows {
					ch, j := s.at(r)
					s.put(r, ch, j, c.mrr[i])
				}
			}
		}
	}
	return s, nil
}

// The log as a history's store (mrrStore).

func (l *recordLog) add(r int32, period int, mrr int64) (addResult, rowOverflow) {
	if int(r) == len(l.totals) {
		l.totals = append(l.totals, 0)
	} else if !l.fits(r, period, mrr) {
		return addCell, rowOverflow{}
	}
	l.replayed = nil
	l.observe(period)
	l.byPeriod[period].append(r, mrr)
	l.totals[r] += mrr
	return addDone, rowOverflow{}
}

func (l *recordLog) earliest() int { return 0 }

func (l *recordLog) ready(period int) (rowOverflow, bool) {
	l.replayed = nil
	l.observe(period)
	return rowOverflow{}, true
}
