package cxmetrics

import (
	"fmt"
	"math"
)

// Period is the customer count of one period (a month, a quarter, a year):
// the customers at its start S, at its end E, and the new customers N
// acquired during it. All three are counts and must be non-negative.
//
// The model is the one of the customer retention rate: every customer
// counted at the end either was there at the start or is new, so the
// customers retained from the start are E − N and the customers lost are
// S − (E − N). A customer who is acquired and lost within the same period
// is counted in neither N nor the lost.
//
// The zero value is a valid period, but it starts with no customers, so no
// rate of it exists ([ErrZeroStart]).
//
// A Period is a plain value; it is safe for concurrent use.
type Period struct {
	Start int64 // S, customers at the start of the period
	End   int64 // E, customers at the end of the period
	New   int64 // N, customers acquired during the period
}

// Validate reports whether the three counts of p can all be true at once.
//
// Special cases are:
//
//	a negative count        ErrNegative
//	New > End               ErrInconsistent (more new customers than at the end)
//	End − New > Start       ErrInconsistent (more retained than at the start)
//
// A period that starts with no customers is valid; the rates of it are
// not, and return [ErrZeroStart].
func (p Period) Validate() error {
	switch {
	case p.Start < 0:
		return fmt.Errorf("%w: start %d customers", ErrNegative, p.Start)
	case p.End < 0:
		return fmt.Errorf("%w: end %d customers", ErrNegative, p.End)
	case p.New < 0:
		return fmt.Errorf("%w: %d new customers", ErrNegative, p.New)
	case p.New > p.End:
		return fmt.Errorf("%w: %d new customers but %d at the end", ErrInconsistent, p.New, p.End)
	case p.End-p.New > p.Start: // 0 <= End − New <= End: no overflow
		return fmt.Errorf("%w: %d retained (end %d − new %d) but %d at the start",
			ErrInconsistent, p.End-p.New, p.End, p.New, p.Start)
	}
	return nil
}

// Add returns the sum of p and q, count by count: the customers of two
// disjoint sets of customers over the same period, such as two shards of a
// history split by customer, or two segments.
//
// Special cases are:
//
//	a negative count in p or q    ErrNegative
//	a sum past int64              ErrOverflow
func (p Period) Add(q Period) (Period, error) {
	sum := p
	for _, f := range [...]struct {
		name string
		p    *int64
		q    int64
	}{{"start", &sum.Start, q.Start}, {"end", &sum.End, q.End}, {"new", &sum.New, q.New}} {
		switch {
		case *f.p < 0 || f.q < 0:
			return Period{}, fmt.Errorf("%w: adding %d and %d %s customers", ErrNegative, *f.p, f.q, f.name)
		case *f.p > math.MaxInt64-f.q:
			return Period{}, fmt.Errorf("%w: %d + %d %s customers", ErrOverflow, *f.p, f.q, f.name)
		}
		*f.p += f.q
	}
	return sum, nil
}

// Lost returns the number of customers lost during the period,
//
//	lost = S + N − E
//
// computed as S − (E − N) so that it cannot overflow. For a period that
// passes [Period.Validate] it lies between 0 and S. For any other period
// the result is meaningless; [ChurnRate] and the other rates validate the
// period first and return an error instead.
func (p Period) Lost() int64 {
	return p.Start - (p.End - p.New)
}

// RetentionRate returns the customer retention rate of p in percent, the
// share of the customers at the start who are still customers at the end:
//
//	retention = 100 × (E − N) / S
//
// New customers are taken out of the end count, because they were not
// there to be retained. The result lies between 0 and 100, and
// RetentionRate(p) + [ChurnRate](p) = 100. This is the customer retention
// rate (CRR) in its standard published form, CRR = ((E − N) / S) × 100,
// with S, E and N as in [Period].
//
// Special cases are:
//
//	Start == 0                ErrZeroStart
//	a negative count          ErrNegative
//	New > End                 ErrInconsistent
//	End − New > Start         ErrInconsistent
func RetentionRate(p Period) (float64, error) {
	if err := p.validateRate(); err != nil {
		return 0, err
	}
	return percentOf(p.End-p.New, p.Start), nil
}

// validateRate validates p as a period that a rate relative to its start
// can be computed of.
func (p Period) validateRate() error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Start == 0 {
		return fmt.Errorf("%w: start %d customers", ErrZeroStart, p.Start)
	}
	return nil
}
