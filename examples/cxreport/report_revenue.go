package main

import (
	"errors"
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

// revenueReport computes the revenue section from the ledger: each
// month's movements and figures, the opening book with -opening, the
// cohorts (without the opening book's, whose customers joined at any time
// before the records), and the retention curve with its intervals at
// confidence and its values discounted at discount percent a month
// (report_retention.go).
func revenueReport(rev *revenue, confidence, discount float64) (*RevenueReport, error) {
	l := rev.ledger
	months, err := l.Periods()
	if errors.Is(err, cxmetrics.ErrAmbiguous) {
		return nil, fmt.Errorf("%s: %w; set -combine sum (several subscriptions add up) or last (daily snapshots: the last day counts)", rev.source, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rev.source, err)
	}
	r := &RevenueReport{Source: rev.source, Rows: rev.rows, Skipped: rev.skipped, SkippedRows: rev.listed,
		Excluded: rev.excluded, Customers: l.Customers(), Combine: rev.combine}
	if r.Combine == "" {
		r.Combine = "one day"
	}
	if o, ok, err := l.Opening(); err != nil {
		return nil, fmt.Errorf("%s: %w", rev.source, err)
	} else if ok {
		r.Opening = &OpeningBook{Period: o.Label, Customers: o.Customers.End, MRR: o.MRR()}
		if arr, err := o.ARR(); err == nil {
			r.Opening.ARR = &arr
		}
	}
	for _, m := range months {
		if f, err := revenueFigure(m); err != nil {
			return nil, fmt.Errorf("%s: %w", rev.source, err)
		} else {
			r.Periods = append(r.Periods, f)
		}
	}
	cohorts, err := l.Cohorts()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rev.source, err)
	}
	if len(cohorts) > 0 && cohorts[0].Opening {
		cohorts = cohorts[1:]
	}
	table := cxmetrics.CohortTable{}
	for _, c := range cohorts {
		table.Customers = append(table.Customers, c.Customers)
		table.MRR = append(table.MRR, c.MRR)
	}
	for i, c := range cohorts {
		co := Cohort{Cohort: c.Label, Customers: c.Customers, MRR: c.MRR}
		// A cohort of no customers has no retention (ErrUndefined).
		if co.LogoRetention, err = table.LogoRetention(i); err != nil && !errors.Is(err, cxmetrics.ErrUndefined) {
			return nil, fmt.Errorf("%s: cohort %s: %w", rev.source, co.Cohort, err)
		}
		if co.RevenueRetention, err = table.RevenueRetention(i); err != nil && !errors.Is(err, cxmetrics.ErrUndefined) {
			return nil, fmt.Errorf("%s: cohort %s: %w", rev.source, co.Cohort, err)
		}
		for i := range co.LogoRetention {
			co.LogoRetention[i] = round(co.LogoRetention[i])
			co.RevenueRetention[i] = round(co.RevenueRetention[i])
		}
		r.Cohorts = append(r.Cohorts, co)
	}
	var last *RevenueFigure
	if n := len(r.Periods); n > 0 {
		last = &r.Periods[n-1]
	}
	if r.Retention, r.NoRetention, err = retentionReport(l, last, confidence, discount); err != nil {
		return nil, fmt.Errorf("%s: %w", rev.source, err)
	}
	return r, nil
}

// revenueFigure returns the report's figures of one month. A figure that
// does not exist for a month (every rate of a month that starts at 0, the
// quick ratio of a month that lost nothing) is absent; the library says
// which with ErrUndefined. An ARR past int64 is absent too.
func revenueFigure(m cxmetrics.LedgerPeriod) (RevenueFigure, error) {
	r, c := m.Revenue, m.Customers
	f := RevenueFigure{
		Period: m.Label,
		Start:  r.Start, New: r.New, Reactivation: r.Reactivation, Expansion: r.Expansion,
		Contraction: r.Contraction, Churned: r.Churned, End: r.End,
		CustomersStart: c.Start, CustomersNew: c.New, CustomersLost: c.Lost(), CustomersEnd: c.End,
	}
	if arr, err := m.ARR(); err == nil {
		f.ARR = &arr
	}
	var err error
	if f.Churn, err = optional(cxmetrics.ChurnRate(c)); err != nil {
		return f, fmt.Errorf("churn of %s: %w", f.Period, err)
	}
	if f.NRR, err = optional(cxmetrics.NetRevenueRetention(r)); err != nil {
		return f, fmt.Errorf("NRR of %s: %w", f.Period, err)
	}
	if f.GRR, err = optional(cxmetrics.GrossRevenueRetention(r)); err != nil {
		return f, fmt.Errorf("GRR of %s: %w", f.Period, err)
	}
	if f.QuickRatio, err = optional(cxmetrics.QuickRatio(r)); err != nil {
		return f, fmt.Errorf("quick ratio of %s: %w", f.Period, err)
	}
	return f, nil
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
