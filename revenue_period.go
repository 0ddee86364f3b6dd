package cxmetrics

import (
	"fmt"
	"math"
)

// RevenuePeriod is the recurring revenue (MRR or ARR) of one period, in
// int64 minor units of one currency (cents), with its movements as
// ChartMogul defines them:
//
//   - New: revenue of customers who paid for the first time.
//   - Expansion: increases of customers who were already paying.
//   - Contraction: decreases of customers who go on paying.
//   - Churned: revenue of customers who stopped paying entirely.
//   - Reactivation: revenue of churned customers who pay again.
//
// Every field is non-negative; Contraction and Churned are amounts lost,
// not negative numbers. A balanced period satisfies
//
//	Start + New + Reactivation + Expansion − Contraction − Churned = End
//
// # Two forms
//
// A period has its movement breakdown when the caller (or the library)
// knows how the revenue moved. A period in totals form gives only Start,
// End and New: the caller knows the totals, not how the rest moved, and
// the figures that need the breakdown ([GrossRevenueRetention],
// [GrossRevenueChurn], [QuickRatio]) return [ErrNoMovements].
//
// A literal with any of Expansion, Contraction, Churned and Reactivation
// not zero has its breakdown. A literal with all four zero is in totals
// form, as it always was: its zeros may mean "unknown". A period whose
// breakdown is known to be all zero (a steady month, or a month whose
// only movement is new business) says so with [RevenuePeriod.WithBreakdown];
// every period that [MRRHistory] produces does, so that a steady month has
// a GRR of 100% and a quick ratio that is undefined ([ErrUndefined]) for
// want of losses, not for want of a breakdown. [RevenuePeriod.HasBreakdown]
// tells the two forms apart.
//
// The flag is an unexported field rather than an eighth exported one so
// that every literal written before it keeps its meaning: a struct literal
// cannot set it, so it cannot be set by accident, and the zero value of
// every field is what it was. [RevenuePeriod.Equal] compares the amounts
// and the form, and [RevenuePeriod.Add] and the encodings carry the form.
//
// A RevenuePeriod is a plain value; it is safe for concurrent use.
type RevenuePeriod struct {
	Start, End   int64 // recurring revenue at the start and the end
	New          int64 // from customers paying for the first time
	Expansion    int64 // increases of existing customers
	Contraction  int64 // decreases of customers who go on paying
	Churned      int64 // lost with customers who stopped paying
	Reactivation int64 // from churned customers who pay again

	// breakdown is true when the movements are known to be all zero:
	// set by WithBreakdown, MRRHistory, Add and the decoders only where
	// all four are zero, so that equal periods are ==.
	breakdown bool
}

// WithBreakdown returns r marked as having its movement breakdown: its
// Expansion, Contraction, Churned and Reactivation are the movements, even
// where they are zero. Use it for a period built from per-customer data in
// which nothing moved but new business, so that its gross figures are
// defined; the periods of an [MRRHistory] come marked. The period must
// then balance, as every period with a breakdown must ([RevenuePeriod.Validate]).
func (r RevenuePeriod) WithBreakdown() RevenuePeriod {
	r.breakdown = !r.hasMovements()
	return r
}

// HasBreakdown reports whether r has its movement breakdown: whether it
// was marked with [RevenuePeriod.WithBreakdown] (every period of an
// [MRRHistory] is), or any of Expansion, Contraction, Churned and
// Reactivation is not zero. A period without one is in totals form.
func (r RevenuePeriod) HasBreakdown() bool { return r.breakdown || r.hasMovements() }

// hasMovements reports whether any of Expansion, Contraction, Churned and
// Reactivation is not zero.
func (r RevenuePeriod) hasMovements() bool {
	return r.Expansion != 0 || r.Contraction != 0 || r.Churned != 0 || r.Reactivation != 0
}

// Equal reports whether r and o hold the same seven amounts and are in the
// same form ([RevenuePeriod.HasBreakdown]). A literal with a movement
// given is equal to the same period produced by an [MRRHistory]; a steady
// literal is equal to the history's steady period only once marked with
// [RevenuePeriod.WithBreakdown].
//
// The periods that this package produces keep the mark only where it
// says something (all four movements zero), so == agrees with Equal on
// them; Equal also holds for a period marked and then given a movement by
// hand.
func (r RevenuePeriod) Equal(o RevenuePeriod) bool {
	return r.Start == o.Start && r.End == o.End && r.New == o.New &&
		r.Expansion == o.Expansion && r.Contraction == o.Contraction &&
		r.Churned == o.Churned && r.Reactivation == o.Reactivation &&
		r.HasBreakdown() == o.HasBreakdown()
}

// String formats r as its seven amounts, the way %+v formats a struct,
// and says "totals form" for a period without its breakdown:
//
//	{Start:100 End:120 New:10 Expansion:10 Contraction:0 Churned:0 Reactivation:0}
//	{Start:100 End:120 New:10 Expansion:0 Contraction:0 Churned:0 Reactivation:0 totals form}
func (r RevenuePeriod) String() string {
	form := ""
	if !r.HasBreakdown() {
		form = " totals form"
	}
	return fmt.Sprintf("{Start:%d End:%d New:%d Expansion:%d Contraction:%d Churned:%d Reactivation:%d%s}",
		r.Start, r.End, r.New, r.Expansion, r.Contraction, r.Churned, r.Reactivation, form)
}

// Add returns the sum of r and o, amount by amount: the revenue of two
// disjoint sets of customers over the same period, such as two shards of a
// history split by customer, or two segments. Periods that balance add up
// to a period that balances.
//
// The sum has its breakdown if both have it ([RevenuePeriod.HasBreakdown]),
// and is in totals form if neither has. A period with its breakdown and
// one in totals form do not add up: the sum's movements would leave out
// how the second moved. The zero RevenuePeriod is the empty sum, which
// adds to either form, so that a total can start from it:
//
//	var total cxmetrics.RevenuePeriod
//	for _, p := range shards {
//		if total, err = total.Add(p); err != nil { … }
//	}
//
// Special cases are:
//
//	a negative amount in r or o                   ErrNegative
//	a sum past int64                              ErrOverflow
//	one with its breakdown, one in totals form    ErrNoMovements
func (r RevenuePeriod) Add(o RevenuePeriod) (RevenuePeriod, error) {
	if err := r.checkNonNegative(); err != nil {
		return RevenuePeriod{}, err
	}
	if err := o.checkNonNegative(); err != nil {
		return RevenuePeriod{}, err
	}
	switch {
	case r == RevenuePeriod{}:
		return o, nil
	case o == RevenuePeriod{}:
		return r, nil
	case r.HasBreakdown() != o.HasBreakdown():
		return RevenuePeriod{}, fmt.Errorf("%w: adding %v and %v", ErrNoMovements, r, o)
	}
	sum := r
	theirs := o.amounts()
	for i, p := range sum.amounts() {
		if *p > math.MaxInt64-*theirs[i] {
			return RevenuePeriod{}, fmt.Errorf("%w: %s revenue %d + %d", ErrOverflow, revenueNames[i], *p, *theirs[i])
		}
		*p += *theirs[i]
	}
	if r.HasBreakdown() {
		sum = sum.WithBreakdown()
	}
	return sum, nil
}

// ImpliedEnd returns the End that the movements of r imply,
//
//	Start + New + Reactivation + Expansion − Contraction − Churned
//
// computed exactly: the gains may pass int64 on the way to an End that
// fits, as in a period that gains and loses 5 × 10¹⁸. It does not look at
// r.End; compare the two with [RevenuePeriod.Balanced].
//
// Special cases are:
//
//	a negative field                    ErrNegative
//	an implied End past int64           ErrOverflow
//	more lost than there was            ErrInconsistent (the implied End is negative)
func (r RevenuePeriod) ImpliedEnd() (int64, error) {
	if err := r.checkNonNegative(); err != nil {
		return 0, err
	}
	gains := sumOf(r.Start, r.New, r.Reactivation, r.Expansion)
	losses := sumOf(r.Contraction, r.Churned)
	if gains.less(losses) {
		return 0, fmt.Errorf("%w: %v revenue lost (contraction %d + churned %d) but only %v there (start %d + new %d + reactivation %d + expansion %d)",
			ErrInconsistent, losses, r.Contraction, r.Churned, gains, r.Start, r.New, r.Reactivation, r.Expansion)
	}
	end, ok := gains.minus(losses).int64()
	if !ok {
		return 0, fmt.Errorf("%w: start %d + new %d + reactivation %d + expansion %d − contraction %d − churned %d",
			ErrOverflow, r.Start, r.New, r.Reactivation, r.Expansion, r.Contraction, r.Churned)
	}
	return end, nil
}

// Balanced reports whether the movements of r add up to its End:
//
//	Start + New + Reactivation + Expansion − Contraction − Churned = End
//
// It is false if [RevenuePeriod.ImpliedEnd] returns an error. A period in
// totals form ([RevenuePeriod.HasBreakdown] false) balances only if
// End = Start + New; it need not balance to be valid.
func (r RevenuePeriod) Balanced() bool {
	end, err := r.ImpliedEnd()
	return err == nil && end == r.End
}

// checkNonNegative returns an error wrapping [ErrNegative] that names the
// first negative field of r, if any.
func (r RevenuePeriod) checkNonNegative() error {
	for _, f := range [...]struct {
		name string
		v    int64
	}{
		{"start", r.Start}, {"end", r.End}, {"new", r.New}, {"expansion", r.Expansion},
		{"contraction", r.Contraction}, {"churned", r.Churned}, {"reactivation", r.Reactivation},
	} {
		if f.v < 0 {
			return fmt.Errorf("%w: %s revenue %d", ErrNegative, f.name, f.v)
		}
	}
	return nil
}

// Validate reports whether r is a usable period, in one of two forms.
//
// A period with its breakdown ([RevenuePeriod.HasBreakdown]: a movement
// given, or marked with [RevenuePeriod.WithBreakdown]) must balance. In
// totals form all four movements are zero and unmarked: the caller knows
// only Start, End and New, and the figures that need the breakdown return
// [ErrNoMovements].
//
// Special cases are:
//
//	a negative field                           ErrNegative
//	an implied End past int64                  ErrOverflow
//	more lost than there was                   ErrInconsistent
//	a breakdown that does not balance          ErrUnbalanced
//	totals form with New > End                 ErrInconsistent
//
// A period that starts at zero is valid; the rates relative to its start
// are not, and return [ErrZeroStart].
func (r RevenuePeriod) Validate() error {
	if r.HasBreakdown() {
		end, err := r.ImpliedEnd()
		if err != nil {
			return err
		}
		if end != r.End {
			return fmt.Errorf("%w: start %d + new %d + reactivation %d + expansion %d − contraction %d − churned %d = %d, not end %d",
				ErrUnbalanced, r.Start, r.New, r.Reactivation, r.Expansion, r.Contraction, r.Churned, end, r.End)
		}
		return nil
	}
	// Totals form need not balance, so Start + New is never summed.
	if err := r.checkNonNegative(); err != nil {
		return err
	}
	if r.New > r.End {
		return fmt.Errorf("%w: new revenue %d but end revenue %d", ErrInconsistent, r.New, r.End)
	}
	return nil
}
