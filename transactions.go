package cxmetrics

import (
	"fmt"
	"math"
	"time"
)

// This file builds the RFM summaries of the "buy till you die" models
// (btyd.go) from raw purchases, one purchase at a time, in memory
// proportional to the customers.

// TransactionsConfig says how a [Transactions] reads time: the periods in
// which it groups purchases, the time unit of the RFMs it builds, and
// where the calibration and the holdout end.
//
// A TransactionsConfig is a plain value; it is safe for concurrent use.
type TransactionsConfig struct {
	// Calendar cuts time into the periods in which purchases are
	// grouped: a customer's purchases in one period are one purchase.
	// A Daily calendar groups them by day in its time zone. The zero
	// Calendar is monthly in UTC, as everywhere in the package.
	Calendar Calendar

	// PeriodsPerUnit is the time unit of the RFMs, in periods of the
	// Calendar: 7 with a Daily calendar for times in weeks, 1 (or 0) for
	// times in the calendar's own periods.
	PeriodsPerUnit int

	// CalibrationEnd is an instant in the last period of the calibration:
	// purchases in it or before make the RFMs, and T is measured to it.
	// 1997-09-30 in a Daily calendar is the whole of that day.
	CalibrationEnd time.Time

	// HoldoutEnd is an instant in the last period of the holdout, which
	// runs from the period after the calibration's last. The zero time
	// means no holdout: every purchase after the calibration is ignored.
	HoldoutEnd time.Time
}

// Transactions builds the [RFM] summaries of the "buy till you die" models
// from raw purchases (who bought, when, and for how much), streaming: its
// memory is proportional to the customers, whatever the number of
// purchases. It splits time into a calibration, on whose RFMs a model is
// fitted, and a holdout, whose purchases it counts per customer so that
// the model's conditional expectations can be checked against them.
//
// # Time
//
// Its [TransactionsConfig] says how time is read. Its Calendar cuts time
// into periods (days in a time zone, weeks, months), and the purchases of
// a customer in one period are one purchase, their amounts added up: the
// models assume at most one purchase at an instant, and a period is the
// instant here. Times are whole periods, each purchase counting at its
// period, measured in a unit of PeriodsPerUnit periods (u below):
//
//	Recency = (period of the last purchase − period of the first) / u
//	T       = (last period of the calibration − period of the first purchase) / u
//
// With a Daily calendar and 7 periods a unit, purchases are grouped by
// day and times are days/7, in weeks, as in the CDNOW sample of Fader,
// Hardie & Lee (2005): a customer whose first purchase is on 1997-01-01
// has T = 272/7 ≈ 38.857 weeks at a calibration that ends on 1997-09-30.
// A day is one of the calendar's time zone, 23 or 25 hours long where
// daylight saving time changes, and a month is one unit whatever its days.
//
// # Calibration and holdout
//
// The calibration is every period up to the one that holds
// CalibrationEnd; the holdout is the periods after it up to the one that
// holds HoldoutEnd. A customer whose first purchase is in the calibration
// has an RFM ([Transactions.RFM]):
//
//	Frequency  purchase periods in the calibration after the first
//	Recency    as above, 0 if Frequency is 0
//	T          as above
//	Monetary   spend of those Frequency periods / Frequency, 0 if Frequency is 0
//
// in the amounts' own money unit (minor units): the first purchase is
// left out of Monetary, as the Gamma-Gamma model of spend requires. The
// holdout purchases of each such customer, and their spend, are in
// [Transactions.Holdout]. A customer whose first purchase is in the
// holdout is not in the calibration and has no row in either: it is
// counted in the NewInHoldout of [Transactions.Counts]. Purchases after
// the holdout are counted and otherwise ignored.
//
// # Order
//
// Counting the distinct periods of a customer in constant memory needs
// each customer's purchases in time order: Add refuses a purchase in a
// period before the customer's latest purchase with [ErrOutOfRange].
// Purchases within one period may come in any order, and the purchases
// of different customers may interleave as they will, so a log sorted by
// time, or by customer and then time, is in order; a log in no order
// must be sorted first.
//
// # Memory
//
// 56 bytes a customer, in chunks of 4096 customers (the last one may be
// partly empty, and the first grows by doubling), plus the customer index
// (4 to 64 bytes a customer for small integer keys, a map entry
// otherwise), and nothing per purchase. It holds at most math.MaxInt32−1
// customers. The results are built when asked for: [Transactions.RFM]
// takes 32 bytes a customer, [Transactions.Holdout] 16.
//
// A call that returns an error leaves the Transactions as they were. A
// Transactions is not safe for concurrent use, and it has no Merge: it
// shards by customer, as the RFMs of disjoint sets of customers, built on
// their own goroutines, concatenate to those of all of them.
type Transactions[K comparable] struct {
	cal     Calendar
	unit    float64 // PeriodsPerUnit
	calEnd  int64   // the calibration's last period
	holdEnd int64   // the holdout's last period; calEnd if there is none

	customerIndex[K]
	chunks [][]txRow // row r is chunks[r>>txChunkBits][r&txChunkMask]

	calibrated   int   // customers whose first purchase is in the calibration
	transactions int64 // purchases taken
	after        int64 // purchases after the holdout, ignored
}

// txRow is one customer's state. Periods are the calendar's numbers.
type txRow struct {
	first   int64 // period of the first purchase
	last    int64 // period of the last purchase in the calibration
	latest  int64 // period of the latest purchase taken
	repeats int64 // purchase periods in the calibration after the first
	spend   int64 // their spend
	holdout int64 // purchase periods in the holdout
	hspend  int64 // their spend
}

const (
	txChunkBits = 12
	txChunkMask = 1<<txChunkBits - 1
)

// NewTransactions returns an empty Transactions that reads time as cfg
// says.
//
// Special cases are:
//
//	cfg.CalibrationEnd the zero time                     ErrInvalidArgument
//	cfg.PeriodsPerUnit < 0                               ErrInvalidArgument
//	cfg.HoldoutEnd in a period before CalibrationEnd's   ErrInvalidArgument
func NewTransactions[K comparable](cfg TransactionsConfig) (*Transactions[K], error) {
	if cfg.CalibrationEnd.IsZero() {
		return nil, fmt.Errorf("%w: no calibration end (the zero time)", ErrInvalidArgument)
	}
	if cfg.PeriodsPerUnit < 0 {
		return nil, fmt.Errorf("%w: %d periods per time unit", ErrInvalidArgument, cfg.PeriodsPerUnit)
	}
	cal := cfg.Calendar
	t := &Transactions[K]{cal: cal, unit: float64(max(cfg.PeriodsPerUnit, 1)), customerIndex: newCustomerIndex[K]()}
	t.calEnd = t.period(cfg.CalibrationEnd)
	t.holdEnd = t.calEnd
	if !cfg.HoldoutEnd.IsZero() {
		t.holdEnd = t.period(cfg.HoldoutEnd)
		if t.holdEnd < t.calEnd {
			return nil, fmt.Errorf("%w: holdout ends in %s, before the calibration's end in %s",
				ErrInvalidArgument, cal.Label(int(t.holdEnd)), cal.Label(int(t.calEnd)))
		}
	}
	return t, nil
}

// Add adds a purchase of amount, in minor units, by customer at the
// instant at. A purchase in a period of the customer that already has
// one adds its amount to that purchase; a purchase after the holdout is
// counted and ignored.
//
// Special cases are:
//
//	amount < 0                                        ErrNegative
//	at the zero time (a date never set)               ErrInvalidArgument
//	a key not comparable or not equal to itself       ErrInvalidArgument
//	at in a period before the customer's latest
//	purchase (in the calibration or the holdout)      ErrOutOfRange
//	the customer's spend in the calibration or in
//	the holdout past int64                            ErrOverflow
//	more than math.MaxInt32−1 customers               ErrOverflow
//
// The error names the customer and the instant (and, for a purchase out
// of order, the period of the customer's latest purchase); on error
// nothing is added.
func (t *Transactions[K]) Add(customer K, at time.Time, amount int64) error {
	if t.odd {
		if why := oddKey(customer); why != "" {
			return fmt.Errorf("%w: customer key %s at %s", ErrInvalidArgument, why, instant(at))
		}
	}
	if amount < 0 {
		return fmt.Errorf("%w: customer %v at %s: amount %d", ErrNegative, customer, instant(at), amount)
	}
	if at.IsZero() {
		return fmt.Errorf("%w: customer %v at the zero time (a date never set?)", ErrInvalidArgument, customer)
	}
	p := t.period(at)
	if p > t.holdEnd {
		t.after++
		return nil
	}
	r, ok := t.lookup(customer)
	if !ok {
		return t.first(customer, at, p, amount)
	}
	row := &t.chunks[r>>txChunkBits][r&txChunkMask]
	if p < row.latest {
		return fmt.Errorf("%w: customer %v at %s, in %s: after a purchase in %s (each customer's purchases must come in time order)",
			ErrOutOfRange, customer, instant(at), t.cal.Label(int(p)), t.cal.Label(int(row.latest)))
	}
	switch {
	case p == row.first && p <= t.calEnd:
		// More of the first purchase, which Monetary leaves out.
	case p <= t.calEnd:
		if row.spend > math.MaxInt64-amount {
			return t.overflow(customer, at, amount, "calibration")
		}
		row.spend += amount
		if p > row.latest {
			row.repeats++
			row.last = p
		}
	default:
		if row.hspend > math.MaxInt64-amount {
			return t.overflow(customer, at, amount, "holdout")
		}
		row.hspend += amount
		if p > row.latest {
			row.holdout++
		}
	}
	row.latest = p
	t.transactions++
	return nil
}

// period returns the number of the calendar's period that holds at, as
// [Calendar.Period] does. Days and weeks are counted from the Unix time
// and the zone's offset at that instant (the civil date in a zone is the
// UTC date of the Unix time plus the offset, as package time computes
// it), several times faster than through the date; times more than 2⁵⁰
// seconds from 1970 take the calendar's way.
func (t *Transactions[K]) period(at time.Time) int64 {
	if u := t.cal.unit; u == Daily || u == Weekly {
		if s := at.Unix(); s > -1<<50 && s < 1<<50 {
			_, off := at.In(t.cal.location()).Zone()
			d := floorDiv64(s+int64(off), 86400)
			if u == Weekly {
				d = floorDiv64(d+4-int64(t.cal.weekStart), 7) // 1970-01-01 was a Thursday
			}
			return d
		}
	}
	return int64(t.cal.Period(at))
}

// floorDiv64 returns a/b rounded down, for b > 0.
func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// first adds the first purchase of customer, not yet seen, in period p.
func (t *Transactions[K]) first(customer K, at time.Time, p, amount int64) error {
	if full(t.rows, 1) {
		return fmt.Errorf("%w: customer %v at %s: more than %d customers", ErrOverflow, customer, instant(at), maxRows)
	}
	row := txRow{first: p, last: p, latest: p}
	if p > t.calEnd {
		row.holdout, row.hspend = 1, amount
	} else {
		t.calibrated++
	}
	r := t.insert(customer)
	if r&txChunkMask == 0 && r > 0 {
		// The first chunk grows as append grows it; the others are
		// made whole, so that no row is copied twice.
		t.chunks = append(t.chunks, make([]txRow, 0, 1<<txChunkBits))
	} else if r == 0 {
		t.chunks = append(t.chunks, nil)
	}
	last := &t.chunks[len(t.chunks)-1]
	*last = append(*last, row)
	t.transactions++
	return nil
}

// overflow returns the error for amount more that takes customer's spend
// in the calibration or the holdout past int64.
func (t *Transactions[K]) overflow(customer K, at time.Time, amount int64, part string) error {
	return fmt.Errorf("%w: customer %v at %s: amount %d more passes int64 over the customer's %s purchases",
		ErrOverflow, customer, instant(at), amount, part)
}

// instant formats at for an error message.
func instant(at time.Time) string { return at.Format(time.RFC3339Nano) }

// RFM returns the RFM of each customer whose first purchase is in the
// calibration, in the order the customers were first added (see
// [Transactions] for each field). [Transactions.Customers] and
// [Transactions.Holdout] return the same customers in the same order.
func (t *Transactions[K]) RFM() []RFM {
	out := make([]RFM, 0, t.calibrated)
	t.each(func(_ int32, row *txRow) {
		c := RFM{Frequency: row.repeats, T: float64(t.calEnd-row.first) / t.unit}
		if row.repeats > 0 {
			c.Recency = float64(row.last-row.first) / t.unit
			c.Monetary = float64(row.spend) / float64(row.repeats)
		}
		out = append(out, c)
	})
	return out
}

// Customers returns the key of each customer whose first purchase is in
// the calibration, in the order of [Transactions.RFM].
func (t *Transactions[K]) Customers() []K {
	keys := t.keys()
	out := make([]K, 0, t.calibrated)
	t.each(func(r int32, _ *txRow) { out = append(out, keys[r]) })
	return out
}

// HoldoutPurchases is what a customer bought in the holdout: the purchase
// periods (as many purchases, grouped as in the calibration) and their
// spend in minor units. Frequency is the figure to compare with a model's
// conditional expected purchases over the holdout's length
// ([Transactions.HoldoutLength]).
//
// A HoldoutPurchases is a plain value; it is safe for concurrent use.
type HoldoutPurchases struct {
	Frequency int64
	Spend     int64
}

// Holdout returns the holdout purchases of each customer whose first
// purchase is in the calibration, in the order of [Transactions.RFM]; a
// customer who bought nothing in the holdout has a zero HoldoutPurchases.
func (t *Transactions[K]) Holdout() []HoldoutPurchases {
	out := make([]HoldoutPurchases, 0, t.calibrated)
	t.each(func(_ int32, row *txRow) {
		out = append(out, HoldoutPurchases{Frequency: row.holdout, Spend: row.hspend})
	})
	return out
}

// HoldoutLength returns the length of the holdout in the time unit, the t
// over which a model's conditional expectation is compared with
// [Transactions.Holdout]:
//
//	(last period of the holdout − last period of the calibration) / PeriodsPerUnit
//
// 0 without a holdout; 273/7 = 39 weeks from 1997-09-30 to 1998-06-30 in
// a Daily calendar with 7 periods a unit.
func (t *Transactions[K]) HoldoutLength() float64 {
	return float64(t.holdEnd-t.calEnd) / t.unit
}

// TransactionCounts says what a [Transactions] has been given.
//
// A TransactionCounts is a plain value; it is safe for concurrent use.
type TransactionCounts struct {
	Transactions int64 // purchases taken, in the calibration or the holdout
	AfterHoldout int64 // purchases after the holdout, ignored
	Customers    int   // customers whose first purchase is in the calibration: the rows of RFM
	NewInHoldout int   // customers whose first purchase is in the holdout: in no row
}

// Counts returns how many purchases and customers t has been given.
func (t *Transactions[K]) Counts() TransactionCounts {
	return TransactionCounts{Transactions: t.transactions, AfterHoldout: t.after, Customers: t.calibrated, NewInHoldout: t.rows - t.calibrated}
}

// each calls f for every customer whose first purchase is in the
// calibration, with its row number, in order.
func (t *Transactions[K]) each(f func(r int32, row *txRow)) {
	for c, chunk := range t.chunks {
		for i := range chunk {
			if row := &chunk[i]; row.first <= t.calEnd {
				f(int32(c<<txChunkBits|i), row)
			}
		}
	}
}
