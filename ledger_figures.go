package cxmetrics

import (
	"fmt"
	"time"
)

// SpanRetention is how the customers who paid at the start of a span kept
// paying at its end, the cohort definition of net and gross revenue
// retention over a span that KeyBanc's SaaS survey and ChartMogul use:
// only the customers paying in the first period count, whatever they did
// in between, and what they pay in the last one is set against what they
// paid in the first. Customers who started within the span count in
// neither. Amounts are in minor units.
//
// A SpanRetention is a plain value; it is safe for concurrent use.
type SpanRetention struct {
	From, To  string // the labels of the first and last periods
	Customers int64  // paying in From
	Retained  int64  // of them, paying in To
	StartMRR  int64  // what they paid in From
	EndMRR    int64  // what they pay in To
	KeptMRR   int64  // Σ min(MRR in To, MRR in From) over them
}

// NRR returns the net revenue retention over the span in percent,
//
//	NRR = 100 × EndMRR / StartMRR
//
// expansion included; it may pass 100.
//
// Special cases are:
//
//	StartMRR == 0                 ErrZeroStart, ErrUndefined
//	a negative amount             ErrNegative
//	KeptMRR above StartMRR or
//	above EndMRR                  ErrInconsistent
func (s SpanRetention) NRR() (float64, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	return percentOf(s.EndMRR, s.StartMRR), nil
}

// GRR returns the gross revenue retention over the span in percent, each
// customer's MRR counted at most at what it was in From,
//
//	GRR = 100 × KeptMRR / StartMRR
//
// from 0 to 100.
//
// Special cases are those of [SpanRetention.NRR].
func (s SpanRetention) GRR() (float64, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	return percentOf(s.KeptMRR, s.StartMRR), nil
}

// LogoRetention returns the share of the customers paying in From who pay
// in To, in percent.
//
// Special cases are:
//
//	Customers == 0          ErrZeroStart, ErrUndefined
//	Retained above it, or
//	either negative         ErrInconsistent, ErrNegative
func (s SpanRetention) LogoRetention() (float64, error) {
	return RetentionRate(Period{Start: s.Customers, End: s.Retained})
}

// check validates s for NRR and GRR.
func (s SpanRetention) check() error {
	switch {
	case s.StartMRR < 0 || s.EndMRR < 0 || s.KeptMRR < 0:
		return fmt.Errorf("%w: start %d, end %d, kept %d", ErrNegative, s.StartMRR, s.EndMRR, s.KeptMRR)
	case s.KeptMRR > s.StartMRR || s.KeptMRR > s.EndMRR:
		return fmt.Errorf("%w: kept %d of start %d and end %d", ErrInconsistent, s.KeptMRR, s.StartMRR, s.EndMRR)
	case s.StartMRR == 0:
		return fmt.Errorf("%w: no MRR in %s", ErrZeroStart, s.From)
	}
	return nil
}

// Retention returns how the customers paying in the period that holds
// from kept paying in the period that holds to (see [SpanRetention]):
// NRR and GRR over a quarter, a year, any span of the ledger's periods.
//
// Special cases are:
//
//	from's period after to's                ErrInvalidArgument
//	a period outside the ledger's           ErrOutOfRange
//	a sum past int64                        ErrOverflow
func (l *MRRLedger[K]) Retention(from, to time.Time) (SpanRetention, error) {
	return l.retention(l.cal.Period(from), l.cal.Period(to), "", false)
}

// TrailingRetention returns the retention over the span of periods
// periods that ends with the period holding at: [MRRLedger.Retention]
// from periods periods before at's period to it. With a monthly calendar
// and periods 12 it is trailing-twelve-month NRR and GRR.
//
// Special cases are those of [MRRLedger.Retention], and periods < 1 is
// ErrInvalidArgument.
func (l *MRRLedger[K]) TrailingRetention(at time.Time, periods int) (SpanRetention, error) {
	if periods < 1 {
		return SpanRetention{}, fmt.Errorf("%w: a span of %d periods (need 1 or more)", ErrInvalidArgument, periods)
	}
	b := l.cal.Period(at)
	return l.retention(b-periods, b, "", false)
}

// SegmentRetention is [MRRLedger.Retention] for the customers who were in
// segment at the start of the span, wherever they are at its end: their
// move to another segment is neither a loss nor a gain.
func (l *MRRLedger[K]) SegmentRetention(segment string, from, to time.Time) (SpanRetention, error) {
	return l.retention(l.cal.Period(from), l.cal.Period(to), segment, true)
}

// retention computes a SpanRetention from period a to period b of the
// calendar, over the customers in segment at a if bySegment.
func (l *MRRLedger[K]) retention(a, b int, segment string, bySegment bool) (SpanRetention, error) {
	out := SpanRetention{From: l.cal.Label(a), To: l.cal.Label(b)}
	if a > b {
		return SpanRetention{}, fmt.Errorf("%w: a span from %s to %s", ErrInvalidArgument, out.From, out.To)
	}
	if l.h.seen == 0 || a < l.origin || b >= l.origin+l.h.seen {
		first, last := "none", "none"
		if l.h.seen > 0 {
			first, last = l.cal.Label(l.origin), l.cal.Label(l.origin+l.h.seen-1)
		}
		return SpanRetention{}, fmt.Errorf("%w: a span from %s to %s of a ledger from %s to %s", ErrOutOfRange, out.From, out.To, first, last)
	}
	want, ok := l.segs.ids[segment]
	if bySegment && !ok && segment != "" {
		return out, nil // no customer was ever in it
	}
	rows := l.h.rows
	start, end := make([]int64, rows), make([]int64, rows)
	var top []int64
	var seg []int32
	if bySegment {
		top, seg = make([]int64, rows), make([]int32, rows)
	}
	err := l.log.records(a-l.origin, func(r int32, mrr int64, s int32) {
		start[r] += mrr // a customer's sum fits: the log checks it
		if bySegment && (mrr > top[r] || mrr == top[r] && mrr > 0 && l.segs.names[s] < l.segs.names[seg[r]]) {
			top[r], seg[r] = mrr, s
		}
	})
	if err == nil {
		err = l.log.records(b-l.origin, func(r int32, mrr int64, _ int32) { end[r] += mrr })
	}
	if err != nil {
		return SpanRetention{}, l.relabel(err)
	}
	var sumStart, sumEnd, sumKept u128
	for r, s := range start {
		if s == 0 || bySegment && seg[r] != want {
			continue
		}
		e := end[r]
		out.Customers++
		if e > 0 {
			out.Retained++
		}
		sumStart, sumEnd = sumStart.plus(u128{lo: uint64(s)}), sumEnd.plus(u128{lo: uint64(e)})
		sumKept = sumKept.plus(u128{lo: uint64(min(s, e))})
	}
	var okS, okE bool
	out.StartMRR, okS = sumStart.int64()
	out.EndMRR, okE = sumEnd.int64()
	out.KeptMRR, _ = sumKept.int64() // at most StartMRR
	if !okS || !okE {
		return SpanRetention{}, fmt.Errorf("%w: the MRR from %s to %s of the customers paying in %s: %v and %v",
			ErrOverflow, out.From, out.To, out.From, sumStart, sumEnd)
	}
	return out, nil
}

// LedgerCohort is one cohort of an [MRRLedger]: the customers who first
// paid in one period, dated, and for each age (periods since), how many
// of them pay and what they pay, as a row of a [CohortTable].
type LedgerCohort struct {
	Period    int // the Calendar's number of the cohort's period
	Label     string
	Start     time.Time
	Opening   bool // the opening book's cohort: customers of any age when the records begin
	Customers []int64
	MRR       []int64
}

// Cohorts returns the ledger's cohorts, one per period from its first to
// its last, with their labels and dates; with [OpeningBalance] the first
// is the opening book's, whose customers had paid for an unknown time
// before. The cells are those of [MRRHistory.Cohorts].
//
// Special cases are:
//
//	more than MaxCohortPeriods periods   ErrOutOfRange
//	a cell's MRR past int64              ErrOverflow
func (l *MRRLedger[K]) Cohorts() ([]LedgerCohort, error) {
	ct, err := l.h.Cohorts()
	if err != nil {
		return nil, l.relabel(err)
	}
	out := make([]LedgerCohort, len(ct.Customers))
	for c := range out {
		p := l.origin + c
		out[c] = LedgerCohort{Period: p, Label: l.cal.Label(p), Start: l.cal.Start(p),
			Opening: l.opening && c == 0, Customers: ct.Customers[c], MRR: ct.MRR[c]}
	}
	return out, nil
}
