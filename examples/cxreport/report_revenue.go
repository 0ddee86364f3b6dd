package main

import (
	"errors"
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

// revenueReport computes the revenue section from the history.
func revenueReport(rev *revenue) (*RevenueReport, error) {
	h := rev.history
	mrr, customers, err := h.Movements()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rev.source, err)
	}
	r := &RevenueReport{Source: rev.source, Rows: rev.rows, Skipped: rev.skipped, Customers: h.Customers()}
	for i, m := range mrr {
		c := customers[i]
		f := RevenueFigure{
			Period: periodLabel(int32(rev.first+i), false),
			Start:  m.Start, New: m.New, Reactivation: m.Reactivation, Expansion: m.Expansion,
			Contraction: m.Contraction, Churned: m.Churned, End: m.End,
			CustomersStart: c.Start, CustomersNew: c.New, CustomersLost: c.Lost(), CustomersEnd: c.End,
		}
		// A figure that does not exist for a month (every rate of a
		// month that starts at 0, the quick ratio of a month that lost
		// nothing) is reported as absent; the library says which with
		// ErrUndefined.
		if f.NRR, err = optional(cxmetrics.NetRevenueRetention(m)); err != nil {
			return nil, fmt.Errorf("%s: NRR of %s: %w", rev.source, f.Period, err)
		}
		if f.GRR, err = optional(cxmetrics.GrossRevenueRetention(m)); err != nil {
			return nil, fmt.Errorf("%s: GRR of %s: %w", rev.source, f.Period, err)
		}
		if f.Churn, err = optional(cxmetrics.ChurnRate(c)); err != nil {
			return nil, fmt.Errorf("%s: churn of %s: %w", rev.source, f.Period, err)
		}
		// An ARR past int64 (a month's MRR above a twelfth of it) is
		// reported as absent rather than stopping the report.
		if arr, err := (cxmetrics.LedgerPeriod{Revenue: m, Label: f.Period}).ARR(); err == nil {
			f.ARR = &arr
		}
		if f.QuickRatio, err = optional(cxmetrics.QuickRatio(m)); err != nil {
			return nil, fmt.Errorf("%s: quick ratio of %s: %w", rev.source, f.Period, err)
		}
		r.Periods = append(r.Periods, f)
	}
	ct, err := h.Cohorts()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rev.source, err)
	}
	for c := range ct.Customers {
		co := Cohort{Cohort: periodLabel(int32(rev.first+c), false), Customers: ct.Customers[c], MRR: ct.MRR[c]}
		// A cohort of no customers has no retention (ErrUndefined).
		if co.LogoRetention, err = ct.LogoRetention(c); err != nil && !errors.Is(err, cxmetrics.ErrUndefined) {
			return nil, fmt.Errorf("%s: cohort %s: %w", rev.source, co.Cohort, err)
		}
		if co.RevenueRetention, err = ct.RevenueRetention(c); err != nil && !errors.Is(err, cxmetrics.ErrUndefined) {
			return nil, fmt.Errorf("%s: cohort %s: %w", rev.source, co.Cohort, err)
		}
		for i := range co.LogoRetention {
			co.LogoRetention[i] = round(co.LogoRetention[i])
			co.RevenueRetention[i] = round(co.RevenueRetention[i])
		}
		r.Cohorts = append(r.Cohorts, co)
	}
	return r, nil
}

// optional turns a figure that does not exist for its inputs
// (cxmetrics.ErrUndefined) into nil, shown as "—" in text and HTML and as
// null in JSON.
func optional(x float64, err error) (*float64, error) {
	if errors.Is(err, cxmetrics.ErrUndefined) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ptr(round(x)), nil
}
