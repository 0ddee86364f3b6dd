package main

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cxmetrics/cxmetrics"
)

// revenueCSV is six months of a small SaaS business: customer counts and
// MRR movements in cents, each month balanced.
//
//go:embed revenue.csv
var revenueCSV string

// accountsCSV holds raw health measures of a few accounts. An empty cell
// is a measure not known for that account.
//
//go:embed accounts.csv
var accountsCSV string

// revenueMonth is one row of revenue.csv.
type revenueMonth struct {
	name      string
	customers cxmetrics.Period
	mrr       cxmetrics.RevenuePeriod
}

// printRetention prints the retention, revenue and health section of the
// quickstart: a table of monthly customer and revenue retention, the
// annualised churn and lifetime value of the last month, and health scores
// of a few accounts.
func printRetention(w io.Writer) error {
	months, err := readRevenueMonths(revenueCSV)
	if err != nil {
		return fmt.Errorf("revenue.csv: %w", err)
	}

	fmt.Fprintln(w, "Retention and revenue, monthly")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "month\tcustomers\tretention\tchurn\tMRR end\tNRR\tGRR\tnet churn\tquick ratio\t")
	for _, m := range months {
		retention, err := cxmetrics.RetentionRate(m.customers)
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		churn, err := cxmetrics.ChurnRate(m.customers)
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		nrr, err := cxmetrics.NetRevenueRetention(m.mrr)
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		grr, err := cxmetrics.GrossRevenueRetention(m.mrr)
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		netChurn, err := cxmetrics.NetRevenueChurn(m.mrr)
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		quick, err := cxmetrics.QuickRatio(m.mrr)
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		fmt.Fprintf(tw, "%s\t%d → %d\t%.1f%%\t%.1f%%\t%s\t%.1f%%\t%.1f%%\t%.1f%%\t%.2f\t\n",
			m.name, m.customers.Start, m.customers.End, retention, churn,
			formatCents(float64(m.mrr.End)), nrr, grr, netChurn, quick)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// The last month, annualised and turned into a lifetime value.
	last := months[len(months)-1]
	churn, err := cxmetrics.ChurnRate(last.customers)
	if err != nil {
		return err
	}
	annual, err := cxmetrics.AnnualizeChurn(churn, 12)
	if err != nil {
		return err
	}
	arpa := last.mrr.End / last.customers.End // whole cents are plenty for ARPA
	const margin = 80                         // percent
	ltv, err := cxmetrics.LifetimeValue(arpa, margin, churn)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s: churn %.2f%% a month compounds to %.1f%% a year (not %.1f%%).\n",
		last.name, churn, annual, 12*churn)
	fmt.Fprintf(w, "ARPA %s at %d%% margin and %.2f%% monthly churn: lifetime value %s.\n",
		formatCents(float64(arpa)), margin, churn, formatCents(ltv))

	return printAccountHealth(w)
}

// printAccountHealth prints the health scores of the accounts in accounts.csv.
func printAccountHealth(w io.Writer) error {
	rows, err := csv.NewReader(strings.NewReader(accountsCSV)).ReadAll()
	if err != nil {
		return fmt.Errorf("accounts.csv: %w", err)
	}
	weights := cxmetrics.HealthWeights{Usage: 35, Engagement: 15, Support: 20, Sentiment: 20, Billing: 10}
	// The raw measure of each signal, its worst and its best value.
	bounds := [5]struct{ worst, best float64 }{
		{0, 20}, // weekly logins: more is healthier
		{0, 6},  // meetings in 90 days
		{10, 0}, // open tickets: fewer is healthier
		{0, 10}, // the account's last NPS answer
		{60, 0}, // days a payment is overdue
	}

	fmt.Fprintln(w, "\nCustomer health (unknown signals drop out)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "account\tusage\tengagement\tsupport\tsentiment\tbilling\tscore\tband\t")
	for i, row := range rows[1:] {
		line := i + 2
		if len(row) != 6 {
			return fmt.Errorf("accounts.csv line %d: %d fields, want 6", line, len(row))
		}
		var sig [5]float64
		for j, cell := range row[1:] {
			sig[j] = math.NaN()
			if cell == "" {
				continue
			}
			raw, err := strconv.ParseFloat(cell, 64)
			if err != nil {
				return fmt.Errorf("accounts.csv line %d: %s %q is not a number", line, rows[0][j+1], cell)
			}
			if sig[j], err = cxmetrics.NormalizeSignal(raw, bounds[j].worst, bounds[j].best); err != nil {
				return fmt.Errorf("accounts.csv line %d: %s: %w", line, rows[0][j+1], err)
			}
		}
		s := cxmetrics.HealthSignals{Usage: sig[0], Engagement: sig[1], Support: sig[2], Sentiment: sig[3], Billing: sig[4]}
		r, err := cxmetrics.HealthScore(s, weights)
		if err != nil {
			return fmt.Errorf("accounts.csv line %d: %w", line, err)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%v\t\n", row[0],
			formatSignal(sig[0]), formatSignal(sig[1]), formatSignal(sig[2]), formatSignal(sig[3]), formatSignal(sig[4]), r.Score, r.Band)
	}
	return tw.Flush()
}

// readRevenueMonths parses revenue.csv. Every error names the line and the
// value.
func readRevenueMonths(data string) ([]revenueMonth, error) {
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("no months")
	}
	var months []revenueMonth
	for i, row := range rows[1:] {
		line := i + 2
		if len(row) != 11 {
			return nil, fmt.Errorf("line %d: %d fields, want 11", line, len(row))
		}
		var v [10]int64
		for j, cell := range row[1:] {
			if v[j], err = strconv.ParseInt(cell, 10, 64); err != nil {
				return nil, fmt.Errorf("line %d: %s %q is not a whole number", line, rows[0][j+1], cell)
			}
		}
		m := revenueMonth{
			name:      row[0],
			customers: cxmetrics.Period{Start: v[0], New: v[1], End: v[2]},
			mrr: cxmetrics.RevenuePeriod{
				Start: v[3], New: v[4], Expansion: v[5], Contraction: v[6],
				Churned: v[7], Reactivation: v[8], End: v[9],
			},
		}
		if err := m.customers.Validate(); err != nil {
			return nil, fmt.Errorf("line %d: customers: %w", line, err)
		}
		if err := m.mrr.Validate(); err != nil {
			return nil, fmt.Errorf("line %d: MRR: %w", line, err)
		}
		months = append(months, m)
	}
	return months, nil
}

// dollars formats an amount in cents as dollars.
func formatCents(cents float64) string {
	return fmt.Sprintf("$%.2f", cents/100)
}

// signal formats a health signal, or "-" if it is unknown.
func formatSignal(s float64) string {
	if math.IsNaN(s) {
		return "-"
	}
	return strconv.FormatFloat(s, 'f', 0, 64)
}
