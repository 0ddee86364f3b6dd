package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// config is what the command line chose for the report.
type config struct {
	query   string         // the SELECT; defaultQuery if empty
	loc     *time.Location // the calendar's time zone; nil is UTC
	opening bool           // the first month is the opening book
}

// report reads the subscriptions that cfg.query returns from db into a
// ledger of calendar months and writes their monthly movements to w: for
// the whole business, then plan by plan with the transfers between plans,
// then the trailing twelve months' NRR and GRR if the data span them.
// A bad row stops it with a *rowError that names the row, before anything
// is written.
func report(ctx context.Context, db *sql.DB, w io.Writer, cfg config) error {
	cal, err := cxmetrics.NewCalendar(cxmetrics.Monthly, cfg.loc)
	if err != nil {
		return err
	}
	var opts []cxmetrics.LedgerOption
	if cfg.opening {
		// The table starts in the middle of the business's life: what its
		// customers pay in its first month is their MRR then, not new.
		opts = append(opts, cxmetrics.OpeningBalance())
	}
	ledger := cxmetrics.NewMRRLedger[string](cal, opts...)
	query := cfg.query
	if query == "" {
		query = defaultQuery
	}
	rows, err := readLedger(ctx, db, query, ledger)
	if err != nil {
		return err
	}

	bw := bufio.NewWriter(w) // keeps the first write error, for Flush
	if rows == 0 {
		fmt.Fprintln(bw, "The query returned no rows.")
		return bw.Flush()
	}
	months, err := ledger.Periods()
	if err != nil {
		return err
	}
	plans, err := ledger.Segments()
	if err != nil {
		return err
	}
	opening, hasOpening, err := ledger.Opening()
	if err != nil {
		return err
	}
	first := opening
	if !hasOpening {
		first = months[0]
	}
	last := first
	if len(months) > 0 {
		last = months[len(months)-1]
	}
	fmt.Fprintf(bw, "%s, %s, %s, %s to %s, %v\n", count(rows, "row"), count(int64(ledger.Customers()), "customer"),
		count(int64(len(plans)), "plan"), first.Label, last.Label, cal)
	if hasOpening {
		fmt.Fprintf(bw, "Opening book %s: %s, MRR %s\n",
			opening.Label, count(opening.Customers.End, "customer"), money(opening.MRR()))
	}
	if len(months) == 0 {
		fmt.Fprintln(bw, "No month after the opening book.")
		return bw.Flush()
	}

	var c cells
	fmt.Fprintln(bw, "\nAll plans")
	printMonths(bw, months, &c)
	for _, p := range plans {
		fmt.Fprintf(bw, "\nPlan %s\n", label(p.Segment))
		printPlan(bw, ledger, p, &c)
	}
	fmt.Fprintln(bw)
	if err := printTrailing(bw, ledger, first, last); err != nil {
		return err
	}
	if c.err != nil {
		return c.err
	}
	return bw.Flush()
}

// printMonths writes the whole business's movements, a month a line.
func printMonths(w io.Writer, months []cxmetrics.LedgerPeriod, c *cells) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "month\tcustomers\tnew\texpansion\tcontraction\tchurned\treactivation\tMRR\tNRR\tGRR\t")
	for _, m := range months {
		r := m.Revenue
		fmt.Fprintf(tw, "%s\t%d → %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			m.Label, m.Customers.Start, m.Customers.End,
			money(r.New), money(r.Expansion), money(r.Contraction), money(r.Churned), money(r.Reactivation),
			money(m.MRR()),
			c.percent(cxmetrics.NetRevenueRetention(r)), c.percent(cxmetrics.GrossRevenueRetention(r)))
	}
	tw.Flush() // its error is bw's, returned by report
}

// printPlan writes one plan's movements, a month a line, with the MRR of
// the customers who moved in from another plan and out to one (valued at
// what they paid the month before). Each line balances:
//
//	start + new + reactivation + expansion + in − contraction − churned − out = MRR
//
// Its NRR and GRR are those of the customers on the plan at the month's
// start, wherever they are at its end (MRRLedger.SegmentRetention), so
// that a move to another plan is neither lost nor kept revenue.
func printPlan(w io.Writer, ledger *cxmetrics.MRRLedger[string], p cxmetrics.LedgerSegment, c *cells) {
	cal := ledger.Calendar()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "month\tcustomers\tstart\tnew\texpansion\tcontraction\tchurned\treactivation\tmoved in\tmoved out\tMRR\tNRR\tGRR\t")
	for _, m := range p.Periods {
		r := m.Revenue
		nrr, grr := "—", "—"
		if r.Start > 0 { // so the month before is in the ledger
			span, err := ledger.SegmentRetention(p.Segment, cal.Start(m.Period-1), m.Start)
			if err != nil {
				c.keep(err)
				nrr, grr = "?", "?"
			} else {
				nrr, grr = c.percent(span.NRR()), c.percent(span.GRR())
			}
		}
		fmt.Fprintf(tw, "%s\t%d → %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			m.Label, m.Customers.Start, m.Customers.End, money(r.Start),
			money(r.New), money(r.Expansion), money(r.Contraction), money(r.Churned), money(r.Reactivation),
			money(m.TransferIn), money(m.TransferOut), money(r.End), nrr, grr)
	}
	tw.Flush()
}

// printTrailing writes the net and gross revenue retention of the twelve
// months to the last, on the customers who paid twelve months before it,
// or why there is none: the data must span thirteen months.
func printTrailing(w io.Writer, ledger *cxmetrics.MRRLedger[string], first, last cxmetrics.LedgerPeriod) error {
	if span := last.Period - first.Period + 1; span < 13 {
		fmt.Fprintf(w, "Trailing twelve months: the data span %d months, %s to %s; NRR and GRR over twelve need 13.\n",
			span, first.Label, last.Label)
		return nil
	}
	ttm, err := ledger.TrailingRetention(last.Start, 12)
	if err != nil {
		return err
	}
	var c cells
	fmt.Fprintf(w, "Trailing twelve months to %s, on the %s paying in %s: NRR %s, GRR %s, logo retention %s\n",
		ttm.To, count(ttm.Customers, "customer"), ttm.From, c.percent(ttm.NRR()), c.percent(ttm.GRR()), c.percent(ttm.LogoRetention()))
	return c.err
}

// cells formats figures for a table and keeps the first error that is
// not cxmetrics.ErrUndefined: a figure that does not exist (the NRR of a
// month that starts with no MRR) is shown as "—", but any other error is
// a fault to report.
type cells struct{ err error }

// percent formats a percent with one decimal, "—" for a figure that does
// not exist, or "?" after keeping err.
func (c *cells) percent(x float64, err error) string {
	switch {
	case errors.Is(err, cxmetrics.ErrUndefined):
		return "—"
	case err != nil:
		c.keep(err)
		return "?"
	}
	return strconv.FormatFloat(x, 'f', 1, 64) + "%"
}

// keep keeps err if it is the first.
func (c *cells) keep(err error) {
	if c.err == nil {
		c.err = err
	}
}

// money formats an amount in cents in the currency's main unit, with a
// comma between thousands: 123456789 is 1,234,567.89.
func money(cents int64) string {
	u := uint64(cents)
	sign := ""
	if cents < 0 {
		u, sign = -u, "-" // exact, even for math.MinInt64
	}
	whole := strconv.FormatUint(u/100, 10)
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	fmt.Fprintf(&b, ".%02d", u%100)
	return b.String()
}

// count returns n and noun, in the plural unless n is 1: "1 plan",
// "3 plans".
func count(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.FormatInt(n, 10) + " " + noun + "s"
}

// label returns a plan's name as it can be printed: as it is if every
// character is printable, quoted as Go does otherwise, so that a name
// holding a terminal's escape sequence shows as text.
func label(s string) string {
	for _, r := range s {
		if !strconv.IsPrint(r) || r == '"' {
			return strconv.Quote(s)
		}
	}
	return s
}
