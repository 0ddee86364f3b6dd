package main

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// billingCSV is a small SaaS business's billing export: what each
// customer paid in each month from 2025-01 to 2026-02, in dollars and
// cents, with their plan. The export begins in the middle of the
// business's life: the 40 customers of its first month were paying before
// it began. billing_gen.go wrote it.
//
//go:embed billing.csv
var billingCSV string

// accountsCSV holds raw health measures of a few accounts. An empty cell
// is a measure not known for that account.
//
//go:embed accounts.csv
var accountsCSV string

// printRetention prints the retention, revenue and health section of the
// quickstart: monthly MRR movements from the billing export, labelled by
// month, with NRR, GRR and the quick ratio; the last month's ARR;
// trailing-twelve-month NRR and GRR; the last month's churn, annualised,
// and lifetime value; and the health scores of a few accounts.
func printRetention(w io.Writer) error {
	// The first month of the export is the book the business had when it
	// began, not new business.
	ledger := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, cxmetrics.OpeningBalance())
	if err := readBilling(ledger, billingCSV); err != nil {
		return fmt.Errorf("billing.csv: %w", err)
	}
	months, err := ledger.Periods()
	if err != nil {
		return err
	}
	opening, _, err := ledger.Opening()
	if err != nil {
		return err
	}
	openARR, err := opening.ARR()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "MRR movements from a billing export (%d customers), monthly\n", ledger.Customers())
	fmt.Fprintf(w, "opening book %s: %d customers, MRR %s, ARR %s\n\n",
		opening.Label, opening.Customers.End, formatCents(float64(opening.MRR())), formatCents(float64(openARR)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "month\tcustomers\tnew\texpansion\tcontraction\tchurned\treactivation\tMRR\tNRR\tGRR\tquick ratio\t")
	for _, m := range months {
		r := m.Revenue
		fmt.Fprintf(tw, "%s\t%d → %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			m.Label, m.Customers.Start, m.Customers.End,
			formatCents(float64(r.New)), formatCents(float64(r.Expansion)), formatCents(float64(r.Contraction)),
			formatCents(float64(r.Churned)), formatCents(float64(r.Reactivation)),
			formatCents(float64(m.MRR())),
			figure(cxmetrics.NetRevenueRetention(r)), figure(cxmetrics.GrossRevenueRetention(r)), ratio(cxmetrics.QuickRatio(r)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// Trailing twelve months, on the customers paying at its start.
	last := months[len(months)-1]
	arr, err := last.ARR()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s: MRR %s, ARR %s\n", last.Label, formatCents(float64(last.MRR())), formatCents(float64(arr)))
	ttm, err := ledger.TrailingRetention(last.Start, 12)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Trailing twelve months to %s, customers paying in %s: NRR %s, GRR %s, logo retention %s\n",
		ttm.To, ttm.From, figure(ttm.NRR()), figure(ttm.GRR()), figure(ttm.LogoRetention()))

	// The last month, annualised and turned into a lifetime value.
	churn, err := cxmetrics.ChurnRate(last.Customers)
	if err != nil {
		return err
	}
	annual, err := cxmetrics.AnnualizeChurn(churn, 12)
	if err != nil {
		return err
	}
	arpa, err := last.ARPA()
	if err != nil {
		return err
	}
	const margin = 80 // percent
	ltv, err := cxmetrics.LifetimeValue(int64(arpa), margin, churn)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: churn %.2f%% a month compounds to %.1f%% a year (not %.1f%%).\n",
		last.Label, churn, annual, 12*churn)
	fmt.Fprintf(w, "ARPA %s at %d%% margin and %.2f%% monthly churn: lifetime value %s.\n",
		formatCents(arpa), margin, churn, formatCents(ltv))

	return printAccountHealth(w)
}

// readBilling adds the rows of a billing export (customer, date, mrr in
// dollars, plan) to ledger. Every error names the line and the value.
func readBilling(ledger *cxmetrics.MRRLedger[string], data string) error {
	_, rows, err := readCSV(data, 4)
	if err != nil {
		return err
	}
	for i, row := range rows {
		line := i + 2
		at, err := time.Parse(time.DateOnly, row[1])
		if err != nil {
			return fmt.Errorf("line %d: date %q is not YYYY-MM-DD", line, row[1])
		}
		cents, err := parseCents(row[2])
		if err != nil {
			return fmt.Errorf("line %d: mrr %q: %w", line, row[2], err)
		}
		e := cxmetrics.MRREntry[string]{Customer: row[0], At: at, MRR: cents, Segment: row[3]}
		if err := ledger.AddEntry(e); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	return nil
}

// readCSV returns the header and the rows below it of a CSV file, each
// row checked to have the given number of fields. Errors name the line.
func readCSV(data string, fields int) (header []string, rows [][]string, err error) {
	r := csv.NewReader(strings.NewReader(data))
	r.FieldsPerRecord = -1 // checked below, with a clearer message
	all, err := r.ReadAll()
	if err != nil {
		return nil, nil, err
	}
	if len(all) < 2 {
		return nil, nil, fmt.Errorf("no rows below the header")
	}
	for i, row := range all {
		if len(row) != fields {
			return nil, nil, fmt.Errorf("line %d: %d fields, want %d (%s)", i+1, len(row), fields, strings.Join(all[0], ","))
		}
	}
	return all[0], all[1:], nil
}

// parseCents reads dollars with two decimals, such as 49.00, as cents.
func parseCents(s string) (int64, error) {
	whole, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) != 2 {
		return 0, fmt.Errorf("want dollars and two decimals, such as 49.00")
	}
	d, err1 := strconv.ParseInt(whole, 10, 64)
	c, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil || d < 0 || c < 0 || d > math.MaxInt64/100-1 {
		return 0, fmt.Errorf("want dollars and two decimals, such as 49.00")
	}
	return d*100 + c, nil
}

// figure formats a percent, or "—" for a figure that does not exist.
func figure(x float64, err error) string { return orDash("%.1f%%", x, err) }

// ratio formats a ratio, or "—" for one that does not exist.
func ratio(x float64, err error) string { return orDash("%.2f", x, err) }

// orDash formats x by format, "—" for a figure that does not exist
// (cxmetrics.ErrUndefined), or the error.
func orDash(format string, x float64, err error) string {
	if errors.Is(err, cxmetrics.ErrUndefined) {
		return "—"
	}
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf(format, x)
}

// printAccountHealth prints the health scores of the accounts in accounts.csv.
func printAccountHealth(w io.Writer) error {
	header, rows, err := readCSV(accountsCSV, 6)
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
	for i, row := range rows {
		line := i + 2
		var sig [5]float64
		for j, cell := range row[1:] {
			sig[j] = math.NaN()
			if cell == "" {
				continue
			}
			raw, err := strconv.ParseFloat(cell, 64)
			if err != nil {
				return fmt.Errorf("accounts.csv line %d: %s %q is not a number", line, header[j+1], cell)
			}
			if sig[j], err = cxmetrics.NormalizeSignal(raw, bounds[j].worst, bounds[j].best); err != nil {
				return fmt.Errorf("accounts.csv line %d: %s: %w", line, header[j+1], err)
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

// formatCents formats an amount in cents as dollars, with a comma between
// thousands: 1234567 is $12,345.67.
func formatCents(cents float64) string {
	s := strconv.FormatFloat(math.Abs(cents)/100, 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if cents < 0 {
		b.WriteByte('-')
	}
	b.WriteByte('$')
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String() + "." + frac
}

// formatSignal formats a health signal, or "-" if it is unknown.
func formatSignal(s float64) string {
	if math.IsNaN(s) {
		return "-"
	}
	return strconv.FormatFloat(s, 'f', 0, 64)
}
