// Clv shows the "buy till you die" models of cxmetrics on the CDNOW
// sample of Fader, Hardie & Lee (2005): 6,919 purchases of CDs by 2,357
// customers who first bought in the first quarter of 1997. It builds each
// customer's RFM from the raw purchases with a Transactions (purchases of
// one day are one, times in weeks, a 39-week calibration to 1997-09-30
// and a 39-week holdout to 1998-06-30), fits BG/NBD to the purchases and
// Gamma-Gamma to the spend of the repeat buyers, prints the parameters
// with their standard errors beside the published ones, checks the
// model's conditional expectations against what the customers bought in
// the holdout, and ranks the customers by their discounted expected
// revenue over the next year.
//
// Run it from the root of the repository:
//
//	go run ./examples/clv
//
// or give the sample's path from elsewhere (-in), and the number of
// customers to rank (-top).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

func main() {
	in := flag.String("in", "testdata/btyd/CDNOW_sample.txt", "the CDNOW sample: `file` of master id, sample id, yyyymmdd, CDs, dollars")
	top := flag.Int("top", 10, "rank the top `n` customers by expected value")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: clv [-in file] [-top n]\n\nFits BG/NBD and Gamma-Gamma to the CDNOW sample and ranks its customers.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || *top < 0 {
		flag.Usage()
		os.Exit(2)
	}
	f, err := os.Open(*in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "clv:", err, "(run it from the repository's root, or give the sample with -in)")
		os.Exit(1)
	}
	defer f.Close()
	a, err := analyse(f, *in, *top)
	if err == nil {
		err = a.print(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "clv:", err)
		os.Exit(1)
	}
}

// The time of the published analysis: purchases grouped by day, times in
// weeks, 39 weeks of calibration and 39 of holdout.
var (
	calibrationEnd = time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	holdoutEnd     = time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC)
)

// horizon is the time over which customers are ranked, in weeks.
const horizon = 52

// analysis is what the program finds.
type analysis struct {
	source    string
	counts    cxmetrics.TransactionCounts
	ids       []int
	customers []cxmetrics.RFM // Monetary in dollars
	holdout   []cxmetrics.HoldoutPurchases
	weeks     float64 // the holdout's length

	bg       cxmetrics.BGNBD
	bgReport cxmetrics.FitReport
	gg       cxmetrics.GammaGamma
	ggReport cxmetrics.FitReport

	predicted, actual float64 // holdout purchases, all customers
	byX               []xRow
	ranked            []ranked
}

// xRow compares, for the customers with x repeat purchases in the
// calibration (x = 7 and more in one row), their mean holdout purchases
// with the model's conditional expectation: Figure 4 of Fader, Hardie &
// Lee (2005).
type xRow struct {
	label             string
	customers         int
	actual, predicted float64 // means
}

// ranked is a customer's expected value over the horizon, and what goes
// into it.
type ranked struct {
	id                  int
	c                   cxmetrics.RFM
	alive, purchases    float64
	spend, value        float64 // dollars a purchase; dollars, discounted
	holdout, holdoutUSD float64
}

// analyse reads the CDNOW sample from r (named name in errors), fits the
// models and ranks the top customers.
func analyse(r io.Reader, name string, top int) (*analysis, error) {
	tx, err := read(r, name)
	if err != nil {
		return nil, err
	}
	a := &analysis{source: name, counts: tx.Counts(), ids: tx.Customers(), customers: tx.RFM(), holdout: tx.Holdout(), weeks: tx.HoldoutLength()}
	for i := range a.customers {
		a.customers[i].Monetary /= 100 // dollars, the unit of the published γ
	}
	if a.bg, err = cxmetrics.FitBGNBD(a.customers, cxmetrics.Report(&a.bgReport)); err != nil {
		return nil, fmt.Errorf("BG/NBD: %w", err)
	}
	if a.gg, err = cxmetrics.FitGammaGamma(a.customers, cxmetrics.Report(&a.ggReport)); err != nil {
		return nil, fmt.Errorf("Gamma-Gamma: %w", err)
	}
	if err := a.checkHoldout(); err != nil {
		return nil, err
	}
	return a, a.rank(top)
}

// read adds the purchases of the CDNOW sample to a Transactions.
func read(r io.Reader, name string) (*cxmetrics.Transactions[int], error) {
	daily, err := cxmetrics.NewCalendar(cxmetrics.Daily, time.UTC)
	if err != nil {
		return nil, err
	}
	tx, err := cxmetrics.NewTransactions[int](cxmetrics.TransactionsConfig{
		Calendar:       daily, // the purchases of one day are one
		PeriodsPerUnit: 7,     // times in weeks
		CalibrationEnd: calibrationEnd,
		HoldoutEnd:     holdoutEnd,
	})
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 5 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 5 (master id, sample id, yyyymmdd, CDs, dollars)", name, line, len(fields))
		}
		id, err := strconv.Atoi(fields[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: sample id %q is not a number", name, line, fields[1])
		}
		at, err := time.Parse("20060102", fields[2])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: date %q is not yyyymmdd", name, line, fields[2])
		}
		cents, err := parseCents(fields[4])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if err := tx.Add(id, at, cents); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if tx.Counts().Customers == 0 {
		return nil, fmt.Errorf("%s: no customer bought before %s", name, calibrationEnd.Format(time.DateOnly))
	}
	return tx, nil
}

// parseCents reads an amount of dollars, "29.33", "29.3" or "29", as
// cents, exactly.
func parseCents(s string) (int64, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" || strings.ContainsAny(whole, "+-") {
		return 0, fmt.Errorf("dollars %q are not an amount such as 29.33", s)
	}
	frac += strings.Repeat("0", 2-len(frac))
	cents, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return 0, fmt.Errorf("dollars %q: %w", s, cxmetrics.ErrOverflow)
		}
		return 0, fmt.Errorf("dollars %q are not an amount such as 29.33", s)
	}
	return cents, nil
}

// checkHoldout sums the model's conditional expected purchases over the
// holdout and compares them with the purchases made, in all and by x.
func (a *analysis) checkHoldout() error {
	const rows = 8 // x = 0 to 6, and 7+
	sums := make([]xRow, rows)
	for i, c := range a.customers {
		e, err := a.bg.ConditionalExpectedPurchases(c, a.weeks)
		if err != nil {
			return fmt.Errorf("customer %d: %w", a.ids[i], err)
		}
		h := float64(a.holdout[i].Frequency)
		a.predicted += e
		a.actual += h
		k := min(int(c.Frequency), rows-1)
		sums[k].customers++
		sums[k].actual += h
		sums[k].predicted += e
	}
	for k, s := range sums {
		s.label = strconv.Itoa(k)
		if k == rows-1 {
			s.label += "+"
		}
		if s.customers > 0 {
			s.actual /= float64(s.customers)
			s.predicted /= float64(s.customers)
		}
		a.byX = append(a.byX, s)
	}
	return nil
}

// The value of a customer: the revenue expected over the next year, in
// monthly steps, discounted at 15% a year (as in Fader, Hardie & Lee 2005,
// "RFM and CLV"), turned into a monthly rate by compounding.
var horizonValue = cxmetrics.CLVHorizon{
	Horizon:      horizon,
	Step:         horizon / 12.0,
	DiscountRate: 100 * (math.Pow(1.15, 1.0/12) - 1),
	Margin:       100,
}

// rank computes each customer's discounted expected value over the
// horizon (ExpectedLifetimeValues: the expected purchases of BG/NBD, step
// by step, times the expected spend of Gamma-Gamma) and keeps the top n.
func (a *analysis) rank(n int) error {
	values, err := cxmetrics.ExpectedLifetimeValues(a.bg, a.gg, a.customers, horizonValue)
	if err != nil {
		return err
	}
	all := make([]ranked, len(a.customers))
	for i, c := range a.customers {
		alive, err := a.bg.ProbabilityAlive(c)
		if err != nil {
			return fmt.Errorf("customer %d: %w", a.ids[i], err)
		}
		purchases, err := a.bg.ConditionalExpectedPurchases(c, horizon)
		if err != nil {
			return fmt.Errorf("customer %d: %w", a.ids[i], err)
		}
		spend, err := a.gg.ConditionalExpectedSpend(c)
		if err != nil {
			return fmt.Errorf("customer %d: %w", a.ids[i], err)
		}
		all[i] = ranked{id: a.ids[i], c: c, alive: alive, purchases: purchases, spend: spend, value: values[i],
			holdout: float64(a.holdout[i].Frequency), holdoutUSD: float64(a.holdout[i].Spend) / 100}
	}
	slices.SortStableFunc(all, func(x, y ranked) int {
		switch {
		case x.value > y.value:
			return -1
		case x.value < y.value:
			return 1
		}
		return 0
	})
	a.ranked = all[:min(n, len(all))]
	return nil
}

// published are the estimates of Fader, Hardie & Lee (2005) on the CDNOW
// sample: BG/NBD r, α, a, b and its log-likelihood ("Counting your
// customers the easy way", Marketing Science 24(2)), and Gamma-Gamma p,
// q, γ ("RFM and CLV", Journal of Marketing Research 42(4)).
var published = struct {
	bg            [4]float64
	bgLL          float64
	gg            [3]float64
	repeatBuyers  int
	repeatInCalib int64
}{[4]float64{0.243, 4.414, 0.793, 2.426}, -9582.4, [3]float64{6.25, 3.74, 15.44}, 946, 2457}

// print writes the analysis.
func (a *analysis) print(w io.Writer) error {
	var repeaters int
	var repeats int64
	for _, c := range a.customers {
		if c.Frequency > 0 {
			repeaters++
			repeats += c.Frequency
		}
	}
	fmt.Fprintf(w, "CDNOW sample (%s): %d purchases by %d customers\n", a.source, a.counts.Transactions+a.counts.AfterHoldout, a.counts.Customers+a.counts.NewInHoldout)
	fmt.Fprintf(w, "Purchases of one day are one; times in weeks. Calibration to %s, holdout of %.0f weeks to %s.\n",
		calibrationEnd.Format(time.DateOnly), a.weeks, holdoutEnd.Format(time.DateOnly))
	fmt.Fprintf(w, "Calibration: %d customers, %d repeat buyers, %d repeat purchases (published: %d buyers, %d purchases).\n\n",
		len(a.customers), repeaters, repeats, published.repeatBuyers, published.repeatInCalib)

	fmt.Fprintln(w, "BG/NBD, purchases (Fader, Hardie & Lee 2005, \"Counting your customers the easy way\"):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\testimate\tstd. error\tpublished\t")
	bg := []float64{a.bg.R, a.bg.Alpha, a.bg.A, a.bg.B}
	for i, name := range []string{"r", "alpha", "a", "b"} {
		fmt.Fprintf(tw, "%s\t%.3f\t%s\t%.3f\t\n", name, bg[i], stdErr(a.bgReport, i), published.bg[i])
	}
	fmt.Fprintf(tw, "log-likelihood\t%.1f\t\t%.1f\t\n", a.bgReport.LogLikelihood, published.bgLL)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nGamma-Gamma, spend of the %d repeat buyers in dollars (Fader, Hardie & Lee 2005, \"RFM and CLV\"):\n", a.ggReport.Customers)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\testimate\tstd. error\tpublished\t")
	gg := []float64{a.gg.P, a.gg.Q, a.gg.Gamma}
	for i, name := range []string{"p", "q", "gamma"} {
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%.2f\t\n", name, gg[i], stdErr(a.ggReport, i), published.gg[i])
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nHoldout, %.0f weeks: %.1f purchases expected by BG/NBD given each customer's history, %.0f made (%+.1f%%).\n",
		a.weeks, a.predicted, a.actual, 100*(a.predicted-a.actual)/a.actual)
	fmt.Fprintln(w, "Mean holdout purchases by repeat purchases in the calibration:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "x\tcustomers\tactual\texpected\t")
	for _, r := range a.byX {
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.2f\t\n", r.label, r.customers, r.actual, r.predicted)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nTop %d customers by expected revenue over the next %d weeks, discounted at 15%% a year\n", len(a.ranked), horizon)
	fmt.Fprintln(w, "month by month (ExpectedLifetimeValue: BG/NBD purchases times Gamma-Gamma spend), in dollars;")
	fmt.Fprintln(w, "purchases and spend undiscounted, and what each customer bought in the holdout:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rank\tcustomer\tx\tt_x\tT\tmonetary\tP(alive)\tpurchases\tspend\tvalue\tholdout\t")
	for i, r := range a.ranked {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%.1f\t%.1f\t%.2f\t%.3f\t%.2f\t%.2f\t%.2f\t%.0f for %.2f\t\n", i+1, r.id, r.c.Frequency,
			r.c.Recency, r.c.T, r.c.Monetary, r.alive, r.purchases, r.spend, r.value, r.holdout, r.holdoutUSD)
	}
	return tw.Flush()
}

// stdErr formats the standard error of parameter i, or "—" if the fit did
// not report one.
func stdErr(rep cxmetrics.FitReport, i int) string {
	if i >= len(rep.StdErr) {
		return "—"
	}
	return fmt.Sprintf("%.3f", rep.StdErr[i])
}
