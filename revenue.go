package cxmetrics

import (
	"fmt"
)

// validateRate validates r as a period that a rate relative to its start
// can be computed of.
func (r RevenuePeriod) validateRate() error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.Start == 0 {
		return fmt.Errorf("%w: start revenue %d", ErrZeroStart, r.Start)
	}
	return nil
}

// retained returns the revenue of the customers paying at the start that
// they still pay at the end, Start + Expansion − Contraction − Churned,
// or End − New in totals form. r must have passed validateRate.
func (r RevenuePeriod) retained() (int64, error) {
	if !r.HasBreakdown() {
		return r.End - r.New, nil
	}
	// Exact: a balanced period keeps at most its End, which fits.
	have, lost := sumOf(r.Start, r.Expansion), sumOf(r.Contraction, r.Churned)
	if have.less(lost) {
		return 0, fmt.Errorf("%w: %v revenue lost (contraction %d + churned %d) but only start %d + expansion %d there",
			ErrInconsistent, lost, r.Contraction, r.Churned, r.Start, r.Expansion)
	}
	kept, _ := have.minus(lost).int64()
	return kept, nil
}

// NetRevenueRetention returns the net revenue retention (NRR, net dollar
// retention) of r in percent: the revenue that the customers paying at the
// start still pay at the end, expansion included, as a share of the start,
//
//	NRR = 100 × (Start + Expansion − Contraction − Churned) / Start
//
// New and reactivated revenue are excluded, as ChartMogul does. In totals
// form (only Start, End and New given) the same figure is
//
//	NRR = 100 × (End − New) / Start
//
// which for a balanced period differs from the first only by counting
// reactivation as retained. The result is 0 or more and exceeds 100 when
// expansion outweighs the losses; NetRevenueRetention(r) +
// [NetRevenueChurn](r) = 100.
//
// Special cases are:
//
//	Start == 0                                   ErrZeroStart, ErrUndefined
//	a negative field                             ErrNegative
//	an implied End past int64                    ErrOverflow
//	movements that do not balance                ErrUnbalanced
//	Contraction + Churned > Start + Expansion    ErrInconsistent
//	totals form with New > End                   ErrInconsistent
func NetRevenueRetention(r RevenuePeriod) (float64, error) {
	if err := r.validateRate(); err != nil {
		return 0, err
	}
	kept, err := r.retained()
	if err != nil {
		return 0, err
	}
	return percentOf(kept, r.Start), nil
}

// NetRevenueChurn returns the net revenue churn (net MRR churn) of r in
// percent, the complement of [NetRevenueRetention]:
//
//	net churn = 100 × (Contraction + Churned − Expansion) / Start
//
// or, in totals form, 100 × (Start − (End − New)) / Start. It is at most
// 100 and negative when expansion outweighs the losses ("negative churn").
// The figure is computed from the exact integer difference, not as 100
// minus a rounded NRR.
//
// In totals form this is ChartMogul's (start − (end − new)) / start, not
// the ((start − end) − new) / start printed by some articles, which flips
// the sign of new revenue: ChartMogul's example of a start of 100, an end
// of 120 and new revenue of 10 gives −10%, not −30%. ChartMogul's Net MRR
// Churn Rate chart also offsets churn by reactivation; for that figure use
// [ChartMogulNetMRRChurn].
//
// Special cases are those of [NetRevenueRetention].
func NetRevenueChurn(r RevenuePeriod) (float64, error) {
	if err := r.validateRate(); err != nil {
		return 0, err
	}
	kept, err := r.retained()
	if err != nil {
		return 0, err
	}
	return percentOf(r.Start-kept, r.Start), nil
}

// ChartMogulNetMRRChurn returns the net MRR churn rate of r in percent as
// ChartMogul's Net MRR Churn Rate chart computes it with its Standard
// (B2B) formula, which offsets the losses by reactivation as well as by
// expansion:
//
//	net churn = 100 × (Contraction + Churned − Expansion − Reactivation) / Start
//
// In totals form it is 100 × (Start − (End − New)) / Start, ChartMogul's
// Shopify (B2C) formula over one period. It differs from [NetRevenueChurn]
// only by the reactivation term, so it is not the complement of
// [NetRevenueRetention] when there is reactivation. The result is at most
// 100.
//
// Special cases are:
//
//	Start == 0                                                  ErrZeroStart, ErrUndefined
//	a negative field                                            ErrNegative
//	an implied End past int64                                   ErrOverflow
//	movements that do not balance                               ErrUnbalanced
//	Contraction + Churned > Start + Expansion + Reactivation    ErrInconsistent
//	totals form with New > End                                  ErrInconsistent
func ChartMogulNetMRRChurn(r RevenuePeriod) (float64, error) {
	if err := r.validateRate(); err != nil {
		return 0, err
	}
	if !r.HasBreakdown() {
		return percentOf(r.Start-(r.End-r.New), r.Start), nil
	}
	// Exact: the net loss is at most Start when it is one, and a net gain
	// is at most End − Start, since the period balances.
	lost, won := sumOf(r.Contraction, r.Churned), sumOf(r.Expansion, r.Reactivation)
	if won.less(lost) {
		net, _ := lost.minus(won).int64()
		if net > r.Start {
			return 0, fmt.Errorf("%w: %v revenue lost (contraction %d + churned %d) but only start %d + expansion %d + reactivation %d there",
				ErrInconsistent, lost, r.Contraction, r.Churned, r.Start, r.Expansion, r.Reactivation)
		}
		return percentOf(net, r.Start), nil
	}
	gain, _ := won.minus(lost).int64()
	return percentOf(-gain, r.Start), nil
}

// GrossRevenueRetention returns the gross revenue retention (GRR, gross
// dollar retention) of r in percent: the share of the starting revenue
// kept, with expansion not counted,
//
//	GRR = 100 × (Start − Contraction − Churned) / Start
//
// It lies between 0 and 100, never above: a business cannot keep more
// than all of its revenue. It needs the movement breakdown
// ([RevenuePeriod.HasBreakdown]); a steady period with its breakdown has
// a GRR of 100.
//
// Special cases are:
//
//	Start == 0                          ErrZeroStart, ErrUndefined
//	totals form                         ErrNoMovements
//	Contraction + Churned > Start       ErrInconsistent
//	totals form with New > End          ErrInconsistent
//	a negative field                    ErrNegative
//	an implied End past int64           ErrOverflow
//	movements that do not balance       ErrUnbalanced
func GrossRevenueRetention(r RevenuePeriod) (float64, error) {
	losses, err := r.grossLosses()
	if err != nil {
		return 0, err
	}
	return percentOf(r.Start-losses, r.Start), nil
}

// GrossRevenueChurn returns the gross revenue churn (gross MRR churn) of
// r in percent, the complement of [GrossRevenueRetention]:
//
//	gross churn = 100 × (Contraction + Churned) / Start
//
// It lies between 0 and 100. ChartMogul's example: a start of $100, $10
// lost to churn, $10 to contraction and $10 gained by expansion give a
// gross MRR churn of 20%.
//
// Special cases are those of [GrossRevenueRetention].
func GrossRevenueChurn(r RevenuePeriod) (float64, error) {
	losses, err := r.grossLosses()
	if err != nil {
		return 0, err
	}
	return percentOf(losses, r.Start), nil
}

// grossLosses validates r for the gross figures and returns Contraction +
// Churned.
func (r RevenuePeriod) grossLosses() (int64, error) {
	if err := r.validateRate(); err != nil {
		return 0, err
	}
	if !r.HasBreakdown() {
		return 0, fmt.Errorf("%w: gross figures need the movement breakdown, and start %d, end %d, new %d is in totals form (see WithBreakdown)",
			ErrNoMovements, r.Start, r.End, r.New)
	}
	losses, ok := sumOf(r.Contraction, r.Churned).int64()
	if !ok || losses > r.Start {
		return 0, fmt.Errorf("%w: %v revenue lost (contraction %d + churned %d) but start %d",
			ErrInconsistent, sumOf(r.Contraction, r.Churned), r.Contraction, r.Churned, r.Start)
	}
	return losses, nil
}

// QuickRatio returns the SaaS quick ratio of r (Mamoon Hamid): the revenue
// gained for each unit of revenue lost,
//
//	quick ratio = (New + Expansion + Reactivation) / (Contraction + Churned)
//
// It is a plain ratio, not a percent, and is 0 or more; above 4 is
// commonly read as efficient growth, below 1 as a shrinking business.
// Reactivation counts as a gain, as ChartMogul and Stripe count it in MRR
// growth. The period need not start above zero, but it needs the movement
// breakdown ([RevenuePeriod.HasBreakdown]). A period that lost nothing
// has no quick ratio, whatever it gained: that is [ErrUndefined], not
// [ErrNoMovements], when its breakdown is known.
//
// Special cases are:
//
//	totals form                          ErrNoMovements
//	Contraction + Churned == 0           ErrUndefined and ErrInvalidArgument (the ratio is unbounded)
//	more lost than there was             ErrInconsistent
//	totals form with New > End           ErrInconsistent
//	a negative field                     ErrNegative
//	an implied End past int64            ErrOverflow
//	movements that do not balance        ErrUnbalanced
func QuickRatio(r RevenuePeriod) (float64, error) {
	if err := r.Validate(); err != nil {
		return 0, err
	}
	if !r.HasBreakdown() {
		return 0, fmt.Errorf("%w: the quick ratio needs the movement breakdown, and start %d, end %d, new %d is in totals form (see WithBreakdown)",
			ErrNoMovements, r.Start, r.End, r.New)
	}
	losses := sumOf(r.Contraction, r.Churned)
	if losses == (u128{}) {
		return 0, fmt.Errorf("%w: quick ratio with no revenue lost (contraction %d, churned %d)",
			errUnbounded, r.Contraction, r.Churned)
	}
	// Exact sums, each past int64 if it must be, then one division.
	return sumOf(r.New, r.Expansion, r.Reactivation).float64() / losses.float64(), nil
}
