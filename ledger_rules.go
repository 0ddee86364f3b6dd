package cxmetrics

import (
	"fmt"
	"math"
	"time"
)

// Combine says how the records of one customer in one period of an
// [MRRLedger] make up what the customer pays in it. Billing exports come
// two ways that look alike: several subscriptions or invoices of one
// customer in a month, which add up, and snapshots of each customer's MRR
// taken every day (or week), of which only one counts. Summing snapshots
// multiplies MRR by the number of days; taking one subscription loses the
// others. The zero Combine is SumRecords.
type Combine uint8

const (
	// SumRecords adds up all of a customer's records in a period: several
	// subscriptions, invoices or line items.
	SumRecords Combine = iota
	// LastDay takes, of a customer's records in a period, those of the
	// last day on which the customer has any, added up: the customer's
	// MRR as the period ends, from daily snapshots (with several
	// subscriptions on one day, one record each).
	LastDay
	// SameDay adds up a customer's records in a period when they are all
	// of one day, and refuses them when they are not: a period in which a
	// customer has records on two days is ErrAmbiguous, naming the
	// customer, the period and both days. For a reader that cannot tell
	// snapshots from several subscriptions and would rather ask.
	SameDay
)

// String returns the Combine's name: "sum", "last day" or "same day".
func (c Combine) String() string {
	switch c {
	case SumRecords:
		return "sum"
	case LastDay:
		return "last day"
	case SameDay:
		return "same day"
	}
	return fmt.Sprintf("Combine(%d)", uint8(c))
}

// CombineRecords makes an [MRRLedger] combine the records of a customer in
// a period as c says. With LastDay or SameDay the ledger keeps each
// record's day as well, 4 bytes more a record. An unknown c is taken as
// SumRecords.
func CombineRecords(c Combine) LedgerOption {
	return func(o *ledgerOptions) {
		if c <= SameDay {
			o.combine = c
		}
	}
}

// noDay marks a row with no day yet in recordLog.scratch.
const noDay = math.MinInt32

// ambiguousDays is the log's error for a customer (row) with records on
// two days of one period under SameDay; the ledger names them
// (MRRLedger.ambiguity).
type ambiguousDays struct {
	row    int32
	period int      // of the history
	days   [2]int32 // since 1970-01-01, the earlier first
}

func (a *ambiguousDays) Error() string { return ErrAmbiguous.Error() }
func (a *ambiguousDays) Unwrap() error { return ErrAmbiguous }

// ambiguity returns the error of a, with the customer, the period and
// the days named.
func (l *MRRLedger[K]) ambiguity(a *ambiguousDays) error {
	date := func(d int32) string {
		y, m, dd := civilDate(int(d))
		return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return fmt.Errorf("%w: customer %v has records on %s and %s, both in %s: several subscriptions (SumRecords) or snapshots (LastDay)?",
		ErrAmbiguous, l.h.keyOf(a.row), date(a.days[0]), date(a.days[1]), l.cal.Label(l.origin+a.period))
}

// Exclude leaves customer out of every figure of the ledger: the records
// given for them and those given later, which are taken and ignored. A
// reader that skips a bad record excludes its customer, so that the
// record left out does not read as the customer paying nothing in its
// period (a churn and a return that never happened). The periods the
// ledger spans stay as they were. Excluding a customer twice, or one not
// yet seen, is allowed.
//
// Special cases are:
//
//	a key not comparable or not equal to itself   ErrInvalidArgument
//	more than math.MaxInt32−1 customers           ErrOverflow
func (l *MRRLedger[K]) Exclude(customer K) error {
	if l.h.odd {
		if why := oddKey(customer); why != "" {
			return fmt.Errorf("%w: customer key %s", ErrInvalidArgument, why)
		}
	}
	r, ok := l.h.lookup(customer)
	if !ok {
		if full(l.h.rows, 1) {
			return fmt.Errorf("%w: customer %v: more than %d customers", ErrOverflow, customer, maxRows)
		}
		l.log.totals = append(l.log.totals, 0) // a row with no record
		r = l.h.insert(customer)
	}
	for len(l.log.excluded) <= int(r) {
		l.log.excluded = append(l.log.excluded, false)
	}
	if !l.log.excluded[r] {
		l.log.excluded[r] = true
		l.excluded++
		l.log.replayed = nil
	}
	return nil
}
