package cxmetrics

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"
)

// MRRLedger keeps each customer's recurring revenue in calendar time, as a
// billing system exports it: records of what a customer pays at an
// instant (or in a period named by its label), in any order, optionally
// split into segments (plan, region, any key). It gives each period's
// movements with its label and start ([MRRLedger.Periods]), each
// segment's with its transfers ([MRRLedger.Segments]), the cohort table
// with dated cohorts ([MRRLedger.Cohorts]), and net and gross revenue
// retention over any span ([MRRLedger.Retention]), the figures a board
// asks for.
//
// The periods are those of its [Calendar]. The ledger observes every
// period from the first one with a record to the last one with a record,
// and a period between them with no record is a real period in which no
// one pays, not a gap. It needs no declared number of periods and grows
// with what it is given, up to [MaxPeriods] periods from the first to the
// last.
//
// Movements follow [MRRHistory]'s definitions, customer by customer and
// period by period. Several records of one customer in one period add up
// unless [CombineRecords] says otherwise: daily snapshots want [LastDay],
// and a reader that cannot tell snapshots from several subscriptions
// wants [SameDay], which refuses the doubt. A customer whose record could
// not be read is left out of every figure with [MRRLedger.Exclude].
//
// With [OpeningBalance], the first period is an opening book rather than
// new business: an export that starts in the middle of a company's life
// has customers who paid long before it, and counting their MRR as new in
// the first month would be wrong. See [MRRLedger.Opening].
//
// Memory: 12 bytes a record (4 more once a record names a segment, 4
// more with LastDay or SameDay) and 8 a customer, plus the customer
// index, as an AnyOrder [MRRHistory]; the periods and figures are worked
// out when asked for and kept until the next record.
//
// A method that returns an error leaves the ledger as it was, but
// [MRRLedger.AddEntries], as [MRRHistory.AddRecords]. An MRRLedger is not
// safe for concurrent use.
type MRRLedger[K comparable] struct {
	cal     Calendar
	opening bool
	h       *MRRHistory[K] // its period p is the calendar's period origin + p
	log     *recordLog
	origin  int
	segs    segmentNames

	excluded int // customers excluded
}

// LedgerOption sets a choice of [NewMRRLedger].
type LedgerOption func(*ledgerOptions)

type ledgerOptions struct {
	opening bool
	combine Combine
}

// OpeningBalance makes the first period of an [MRRLedger] its opening
// book: what its customers pay in it is their MRR when the records begin,
// not new business. [MRRLedger.Periods] then starts with the period after
// it, and [MRRLedger.Opening] returns it.
func OpeningBalance() LedgerOption {
	return func(o *ledgerOptions) { o.opening = true }
}

// NewMRRLedger returns an empty ledger of the periods of cal.
func NewMRRLedger[K comparable](cal Calendar, opts ...LedgerOption) *MRRLedger[K] {
	var o ledgerOptions
	for _, opt := range opts {
		opt(&o)
	}
	h, _ := NewMRRHistory[K](MaxPeriods, AnyOrder) // cannot fail
	log := h.store.(*recordLog)
	log.combine = o.combine
	return &MRRLedger[K]{cal: cal, opening: o.opening, h: h, log: log}
}

// Calendar returns the ledger's calendar.
func (l *MRRLedger[K]) Calendar() Calendar { return l.cal }

// Customers returns the number of distinct customers added so far, but
// those excluded ([MRRLedger.Exclude]).
func (l *MRRLedger[K]) Customers() int { return l.h.Customers() - l.excluded }

// MRREntry is one record of an [MRRLedger]: the MRR that Customer pays in
// the period that holds At, in int64 minor units, in Segment ("" for
// none).
//
// An MRREntry is a plain value; it is safe for concurrent use.
type MRREntry[K comparable] struct {
	Customer K
	At       time.Time
	MRR      int64
	Segment  string
}

// Add adds mrr to what customer pays in the period that holds at. It is
// AddEntry with no segment.
func (l *MRRLedger[K]) Add(customer K, at time.Time, mrr int64) error {
	return l.AddEntry(MRREntry[K]{Customer: customer, At: at, MRR: mrr})
}

// AddLabel adds mrr to what customer pays in the period of the ledger's
// calendar that label names ("2024-03" in a monthly calendar; see
// [Calendar.Parse] for every unit's form). It is Add at the period's
// start.
//
// Special cases are those of [MRRLedger.AddEntry], and:
//
//	label not a period label of the calendar   ErrInvalidArgument
func (l *MRRLedger[K]) AddLabel(customer K, label string, mrr int64) error {
	p, err := l.cal.Parse(label)
	if err != nil {
		return fmt.Errorf("customer %v: %w", customer, err)
	}
	return l.Add(customer, l.cal.Start(p), mrr)
}

// AddEntry adds e: e.MRR to what e.Customer pays in the period that holds
// e.At, in segment e.Segment. A customer belongs to one segment in each
// period, that of their largest record in it (see [SegmentTally]).
//
// Special cases are:
//
//	e.MRR < 0                                        ErrNegative
//	a key not comparable or not equal to itself      ErrInvalidArgument
//	the customer's MRR over all records past int64   ErrOverflow
//	more than math.MaxInt32−1 customers              ErrOverflow
//	a span of more than MaxPeriods periods           ErrOutOfRange
//
// The error names the customer and the period's label; on error nothing
// is added.
func (l *MRRLedger[K]) AddEntry(e MRREntry[K]) error {
	p := l.cal.Period(e.At)
	label := func() string { return l.cal.Label(p) }
	if l.h.odd {
		if why := oddKey(e.Customer); why != "" {
			return fmt.Errorf("%w: customer key %s in %s", ErrInvalidArgument, why, label())
		}
	}
	if e.MRR < 0 {
		return fmt.Errorf("%w: customer %v in %s: MRR %d", ErrNegative, e.Customer, label(), e.MRR)
	}
	r, ok := l.h.lookup(e.Customer)
	if ok && l.log.out(r) {
		return nil // excluded: its records count for nothing
	}
	if ok && !l.log.fits(r, 0, e.MRR) {
		return fmt.Errorf("%w: customer %v in %s: MRR %d more passes int64 over the customer's records",
			ErrOverflow, e.Customer, label(), e.MRR)
	} else if !ok && full(l.h.rows, 1) {
		return fmt.Errorf("%w: customer %v in %s: more than %d customers", ErrOverflow, e.Customer, label(), maxRows)
	}
	shift := 0
	if l.h.seen > 0 {
		first, last := min(l.origin, p), max(l.origin+l.h.seen-1, p)
		if last-first >= MaxPeriods {
			return fmt.Errorf("%w: customer %v in %s: the ledger would span %s to %s, more than MaxPeriods (%d) periods",
				ErrOutOfRange, e.Customer, label(), l.cal.Label(first), l.cal.Label(last), MaxPeriods)
		}
		shift = max(l.origin-p, 0)
	}
	seg := int32(0)
	if e.Segment != "" || l.segs.ids != nil {
		seg = l.segs.id(e.Segment)
		l.log.segs = &l.segs
	}
	if l.h.seen == 0 {
		l.origin = p
	} else if shift > 0 {
		l.log.prepend(shift)
		l.h.seen += shift
		l.origin = p
	}
	if l.log.combine != SumRecords {
		l.log.day = int32(l.cal.day(e.At))
	}
	// Checked above: the period, the amount, the key, the sum and the
	// customers fit, so the history cannot refuse the record.
	if err := l.h.add(e.Customer, p-l.origin, e.MRR, seg); err != nil {
		return fmt.Errorf("%s: %w", label(), err)
	}
	return nil
}

// AddEntries adds every entry of entries, as AddEntry does, and stops at
// the first that fails. As with [MRRHistory.AddRecords] the entries before
// it stay added: the error is a [*RecordError] whose Index is how many.
func (l *MRRLedger[K]) AddEntries(entries iter.Seq[MRREntry[K]]) error {
	if entries == nil {
		return nil
	}
	var i int64
	for e := range entries {
		if err := l.AddEntry(e); err != nil {
			return &RecordError{Index: i, Err: err}
		}
		i++
	}
	return nil
}

// LedgerPeriod is one period of an [MRRLedger]: its calendar period, label
// and first instant, its revenue movements (with their breakdown, as
// every period of an [MRRHistory]) and its customer counts.
//
// A LedgerPeriod is a plain value; it is safe for concurrent use.
type LedgerPeriod struct {
	Period    int       // the Calendar's number of the period
	Label     string    // "2024-03"
	Start     time.Time // its first instant
	Revenue   RevenuePeriod
	Customers Period
}

// MRR returns the recurring revenue at the end of the period,
// Revenue.End, in minor units.
func (p LedgerPeriod) MRR() int64 { return p.Revenue.End }

// ARR returns the annual recurring revenue at the end of the period, 12
// times its MRR, in minor units (ChartMogul: ARR = MRR × 12).
//
// Special cases are:
//
//	12 × MRR past int64   ErrOverflow
func (p LedgerPeriod) ARR() (int64, error) {
	if p.Revenue.End > math.MaxInt64/12 {
		return 0, fmt.Errorf("%w: ARR of MRR %d in %s", ErrOverflow, p.Revenue.End, p.Label)
	}
	return 12 * p.Revenue.End, nil
}

// ARPA returns the average revenue per account at the end of the period,
// its MRR over the customers who pay (ChartMogul: ARPA = MRR / customers),
// in minor units.
//
// Special cases are:
//
//	no customer pays   ErrNoResponses, ErrUndefined
func (p LedgerPeriod) ARPA() (float64, error) {
	if p.Customers.End == 0 {
		return 0, fmt.Errorf("%w: ARPA of %s, in which no customer pays", ErrNoResponses, p.Label)
	}
	return float64(p.Revenue.End) / float64(p.Customers.End), nil
}

// Growth returns the period's MRR growth in percent,
//
//	growth = 100 × (End − Start) / Start
//
// negative when the MRR shrank.
//
// Special cases are:
//
//	Start == 0   ErrZeroStart, ErrUndefined
func (p LedgerPeriod) Growth() (float64, error) {
	if p.Revenue.Start == 0 {
		return 0, fmt.Errorf("%w: MRR growth of %s, which starts with no MRR", ErrZeroStart, p.Label)
	}
	return percentOf(p.Revenue.End-p.Revenue.Start, p.Revenue.Start), nil
}

// Periods returns every period of the ledger from the first with a record
// to the last, in order, or none if it has no record. With
// [OpeningBalance] the first of them is the opening book
// ([MRRLedger.Opening]) and is not among them.
//
// Special cases are:
//
//	a period's total past int64   ErrOverflow (names the period and a customer)
func (l *MRRLedger[K]) Periods() ([]LedgerPeriod, error) {
	rev, cus, err := l.h.Movements()
	if err != nil {
		return nil, l.relabel(err)
	}
	out := make([]LedgerPeriod, 0, len(rev))
	for i := l.skip(); i < len(rev); i++ {
		out = append(out, l.period(i, rev[i], cus[i]))
	}
	return out, nil
}

// Opening returns the opening book of a ledger made with
// [OpeningBalance]: its first period, whose Revenue.End and Customers.End
// are the MRR and the customers when the records begin. Its movements are
// not movements (the records do not say what came before them) and its
// figures are not reported; false if the ledger has no opening book or no
// record.
func (l *MRRLedger[K]) Opening() (LedgerPeriod, bool, error) {
	if !l.opening || l.h.seen == 0 {
		return LedgerPeriod{}, false, nil
	}
	rev, cus, err := l.h.Movements()
	if err != nil {
		return LedgerPeriod{}, false, l.relabel(err)
	}
	return l.period(0, rev[0], cus[0]), true, nil
}

// period returns the LedgerPeriod of the history's period i.
func (l *MRRLedger[K]) period(i int, rev RevenuePeriod, cus Period) LedgerPeriod {
	p := l.origin + i
	return LedgerPeriod{Period: p, Label: l.cal.Label(p), Start: l.cal.Start(p), Revenue: rev, Customers: cus}
}

// skip returns the number of leading periods Periods leaves out: the
// opening book, if the ledger has one.
func (l *MRRLedger[K]) skip() int {
	if l.opening && l.h.seen > 0 {
		return 1
	}
	return 0
}

// relabel returns err with the history's period numbers named by label.
func (l *MRRLedger[K]) relabel(err error) error {
	if a, ok := err.(*ambiguousDays); ok {
		return l.ambiguity(a)
	}
	return fmt.Errorf("ledger from %s: %w (periods counted from it)", l.cal.Label(l.origin), err)
}

// LedgerSegment is one segment of an [MRRLedger] and its movements,
// period by period.
type LedgerSegment struct {
	Segment string
	Periods []SegmentPeriod
}

// SegmentPeriod is one segment's movements in one period of an
// [MRRLedger], with the period's number, label and first instant.
type SegmentPeriod struct {
	Period int
	Label  string
	Start  time.Time
	SegmentTally
}

// Segments returns the movements of each segment that has any, in order
// of name, period by period over the periods of [MRRLedger.Periods]: a
// period in which a segment has no customer and no movement is there,
// with zero tallies. Each period's tallies balance with their transfers
// ([SegmentTally.Balanced]), the transfers net to zero across segments,
// and the segments add up to the period of [MRRLedger.Periods], movement
// by movement. Records that name no segment are in the segment "".
//
// Special cases are those of [MRRLedger.Periods].
func (l *MRRLedger[K]) Segments() ([]LedgerSegment, error) {
	n := l.h.seen
	if n == 0 {
		return nil, nil
	}
	if l.log.segs == nil { // no record named a segment: all in ""
		rev, cus, err := l.h.Movements()
		if err != nil {
			return nil, l.relabel(err)
		}
		seg := LedgerSegment{Segment: ""}
		for i := l.skip(); i < n; i++ {
			p := l.period(i, rev[i], cus[i])
			seg.Periods = append(seg.Periods, SegmentPeriod{Period: p.Period, Label: p.Label, Start: p.Start,
				SegmentTally: SegmentTally{Revenue: rev[i], Customers: cus[i]}})
		}
		return []LedgerSegment{seg}, nil
	}
	tallies, err := l.log.segmentTallies(n, l.h.overflow)
	if err != nil {
		return nil, l.relabel(err)
	}
	// The segments with a tally in some period, by name; index[id] is
	// each one's place in out.
	index := make([]int, len(l.segs.names))
	var out []LedgerSegment
	for i := l.skip(); i < n; i++ {
		for _, t := range tallies[i] {
			if id := l.segs.ids[t.Segment]; index[id] == 0 {
				index[id] = -1
				out = append(out, LedgerSegment{Segment: t.Segment})
			}
		}
	}
	slices.SortFunc(out, func(a, b LedgerSegment) int { return strings.Compare(a.Segment, b.Segment) })
	for k := range out {
		index[l.segs.ids[out[k].Segment]] = k
	}
	for i := l.skip(); i < n; i++ {
		p := l.origin + i
		label, start := l.cal.Label(p), l.cal.Start(p)
		for k := range out {
			out[k].Periods = append(out[k].Periods, SegmentPeriod{Period: p, Label: label, Start: start,
				SegmentTally: SegmentTally{Segment: out[k].Segment, Revenue: RevenuePeriod{}.WithBreakdown()}})
		}
		for _, t := range tallies[i] {
			seg := &out[index[l.segs.ids[t.Segment]]]
			t.Revenue = t.Revenue.WithBreakdown()
			seg.Periods[len(seg.Periods)-1].SegmentTally = t
		}
	}
	return out, nil
}
