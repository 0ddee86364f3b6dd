package cxmetrics

import (
	"fmt"
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
	// record, 12 bytes each, and works out the movements when asked.
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
// # Memory
//
// Memory follows what the history has seen, never what it may hold: the
// periods given to [NewMRRHistory] are a limit, not an allocation. With
// n customers, r records and p observed periods it holds
//
//	PeriodOrder   20n + 8a + 112p + 24c bytes
//	AnyOrder      8n + 12r + 120p bytes
//
// plus the customer index (4 to 64 bytes a customer for small integer
// keys, a map entry otherwise) and what [MRRHistory.Lifetimes] needs (32
// bytes a period, and a map entry for each customer who has returned
// after a churn and pays), where c is the (cohort, age) cells in
// which someone has paid and a is the customers paying in the latest two
// periods while they are fewer than one in eight (none otherwise).
// Slices that grow may hold up to twice that; the AnyOrder records of a
// period sit in chunks of 8 to 8192 records, the last of which may be
// half empty, and PeriodOrder customers in chunks of 4096.
// [MRRHistory.Movements] and [MRRHistory.Cohorts] of an AnyOrder history
// replay its records through a PeriodOrder one, which it keeps until the
// next record. Their results take 88 bytes a period, and a cohort table
// of p periods 8p(p + 1) bytes; a table of more than [MaxCohortPeriods]
// periods is refused. Time is linear in the records and the periods.
//
// # Failed calls
//
// A method that returns an error leaves the history as it was, with one
// exception that cannot be avoided: [MRRHistory.AddRecords] consumes a
// sequence that may not be replayed, so the records before a bad one stay
// added, and its error ([RecordError]) says how many they are.
//
// An MRRHistory is not safe for concurrent use, and it has no Merge. It
// shards by customer instead: since movements are per customer, the
// histories of disjoint sets of customers, built on their own goroutines
// over the same periods, add up period by period ([RevenuePeriod.Add],
// [Period.Add]) and cell by cell (the [CohortTable]) to the history of all
// of them.
//
// The zero value holds no periods: every add to it fails with
// [ErrOutOfRange]. A method called on a nil *MRRHistory panics, as with
// any nil pointer; that is a mistake in the calling code, which no data
// can cause.
//
// [ChartMogul's definitions]: https://help.chartmogul.com/hc/en-us/articles/203299912
type MRRHistory[K comparable] struct {
	periods int
	limit   int // min(periods, MaxPeriods): the periods records may be for
	order   Order

	customerIndex[K]     // customers numbered by rows 0, 1, … in the order first seen
	seen             int // periods observed: the latest period added to, plus one

	store mrrStore
}

// mrrStore is where a history keeps its records, by row: the period-order
// stream (mrr_stream.go) or the any-order log (mrr_log.go). Rows are
// numbered from 0 in the order customers are first seen; a row equal to
// the number of rows the store holds is a new one.
type mrrStore interface {
	// add adds mrr for row r in period, all or nothing, making period
	// ready for records first: addDone, or why not, and for addClose the
	// period and row at which closing an earlier period passed int64.
	add(r int32, period int, mrr int64, seg int32) (addResult, rowOverflow)
	// ready makes period ready for records, as add does, without a
	// record.
	ready(period int) (rowOverflow, bool)
	// earliest returns the earliest period that can still be added to.
	earliest() int
	// fits reports whether mrr more for the existing row r in period
	// stays within int64 wherever the store sums it.
	fits(r int32, period int, mrr int64) bool
	// tally returns the movements and, with cohorts, the cohort table of
	// periods 0 to n−1 without changing the store; a sum past int64 is
	// the error overflow returns for its period and row.
	tally(n int, cohorts bool, overflow func(period int, row int32) error) ([]periodTally, CohortTable, error)
}

// addResult is what a store's add did.
type addResult uint8

const (
	addDone  addResult = iota
	addEarly           // the period is before the earliest one that can be added to
	addCell            // the row's sum would pass int64
	addClose           // closing an earlier period passed int64
)

// MaxPeriods is the largest number of periods an [MRRHistory] observes,
// whatever it was declared to hold: a day each for over 358 years. A
// record for period MaxPeriods or later is refused, since
// [MRRHistory.Movements] reports every period up to the latest one:
// 11.5 MB of results at this limit.
const MaxPeriods = 1 << 17

// NewMRRHistory returns an empty history that may hold periods periods,
// numbered 0 to periods−1, whose records arrive in the given order. The
// number of periods is a limit, not an allocation: the history grows with
// what is added to it, and observes at most [MaxPeriods] periods.
//
// Special cases are:
//
//	periods < 1 or > math.MaxInt32−1   ErrOutOfRange
//	order not AnyOrder or PeriodOrder  ErrInvalidArgument
func NewMRRHistory[K comparable](periods int, order Order) (*MRRHistory[K], error) {
	if !(periods >= 1 && periods <= math.MaxInt32-1) {
		return nil, fmt.Errorf("%w: %d periods (need 1 to %d)", ErrOutOfRange, periods, math.MaxInt32-1)
	}
	h := &MRRHistory[K]{periods: periods, limit: min(periods, MaxPeriods), order: order, customerIndex: newCustomerIndex[K]()}
	switch order {
	case AnyOrder:
		h.store = new(recordLog)
	case PeriodOrder:
		h.store = new(stream)
	default:
		return nil, fmt.Errorf("%w: unknown order %v", ErrInvalidArgument, order)
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
//	period MaxPeriods or later                       ErrOutOfRange
//	PeriodOrder and period before an earlier add's   ErrOutOfRange
//	mrr < 0                                          ErrNegative
//	customer a key that is not comparable (a slice
//	in an interface) or not equal to itself (NaN)    ErrInvalidArgument
//	PeriodOrder: customer's MRR in the period past int64
//	AnyOrder: customer's MRR summed over every record past int64
//	                                                 ErrOverflow
//	more than math.MaxInt32−1 customers              ErrOverflow
//	PeriodOrder: closing the periods before period
//	takes a period's total past int64                ErrOverflow
//
// The error names the customer and the period. mrr == 0 records the
// customer without any revenue. With PeriodOrder, the first add for a
// later period closes the earlier ones; if closing overflows a period's
// total, nothing is closed and nothing added.
func (h *MRRHistory[K]) Add(customer K, period int, mrr int64) error {
	return h.add(customer, period, mrr, 0)
}

// add is Add with the record's segment (0 for none).
func (h *MRRHistory[K]) add(customer K, period int, mrr int64, seg int32) error {
	if err := h.check(customer, period, mrr); err != nil {
		return err
	}
	r, ok := h.lookup(customer)
	if !ok {
		if full(h.rows, 1) {
			return fmt.Errorf("%w: customer %v in period %d: more than %d customers", ErrOverflow, customer, period, maxRows)
		}
		r = int32(h.rows)
	}
	switch res, o := h.store.add(r, period, mrr, seg); res {
	case addEarly:
		return fmt.Errorf("%w: customer %v in period %d: %s", ErrOutOfRange, customer, period, h.early())
	case addCell:
		return cellOverflow(customer, period, mrr)
	case addClose:
		return h.overflow(o.period, o.row)
	}
	if !ok {
		h.insert(customer)
	}
	h.seen = max(h.seen, period+1)
	return nil
}

// AddSnapshot adds a snapshot of period: the MRR of each customer who pays
// in it. It is Add(customer, period, mrr) for each entry of snapshot, and
// it adds to what the history already holds for the period. An empty
// snapshot marks the period as observed, one in which no one pays.
//
// The special cases are those of [MRRHistory.Add]. On error nothing of the
// snapshot is added.
func (h *MRRHistory[K]) AddSnapshot(period int, snapshot map[K]int64) error {
	if why := h.badPeriod(period); why != "" {
		return fmt.Errorf("%w: period %d: %s", ErrOutOfRange, period, why)
	}
	if period < h.store.earliest() {
		return fmt.Errorf("%w: period %d: %s", ErrOutOfRange, period, h.early())
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
		if !h.store.fits(r, period, mrr) {
			return cellOverflow(customer, period, mrr)
		}
	}
	if full(h.rows, fresh) {
		return fmt.Errorf("%w: period %d: more than %d customers", ErrOverflow, period, maxRows)
	}
	// Only closing the periods before period can fail now, and it
	// changes nothing when it does.
	if o, ok := h.store.ready(period); !ok {
		return h.overflow(o.period, o.row)
	}
	for customer, mrr := range snapshot {
		r, ok := h.lookup(customer)
		if !ok {
			r = int32(h.rows)
		}
		h.store.add(r, period, mrr, 0)
		if !ok {
			h.insert(customer)
		}
	}
	h.seen = max(h.seen, period+1)
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
// cells of each kind, in memory of its own.
//
// Cohorts does not change the history. Special cases are:
//
//	more than MaxCohortPeriods observed periods   ErrOutOfRange
//	a cell's MRR past int64                       ErrOverflow (names the period and a customer)
func (h *MRRHistory[K]) Cohorts() (CohortTable, error) {
	if h.seen > MaxCohortPeriods {
		return CohortTable{}, fmt.Errorf("%w: a cohort table of %d periods, past the %d of MaxCohortPeriods",
			ErrOutOfRange, h.seen, MaxCohortPeriods)
	}
	_, c, err := h.tally(true)
	if err != nil {
		return CohortTable{}, err
	}
	return c, nil
}

// tally returns the store's movements and, with cohorts, its cohort table.
func (h *MRRHistory[K]) tally(cohorts bool) ([]periodTally, CohortTable, error) {
	if h.store == nil {
		return (*stream)(nil).tally(0, cohorts, nil)
	}
	return h.store.tally(h.seen, cohorts, h.overflow)
}
