// Command mrrbench computes MRR movements and cohort tables with cxmetrics
// over the per-customer MRR history that gen_mrr.py writes (little-endian
// int64 triples: customer, month, MRR, one per month a customer pays), and
// prints the last periods, the timings and the peak memory, so that it runs
// side by side with pandas_movements.py on the very same rows:
//
//	python3 gen_mrr.py /tmp/mrr.bin
//	python3 pandas_movements.py; go run ./examples/mrrbench -in /tmp/mrr.bin
//
// To check the sums line by line against pandas' (both orders, every month
// and every cohort cell; pandas_full.py prints pandas' whole tables):
//
//	python3 examples/mrrbench/pandas_full.py BENCH_DIR > /tmp/pandas.txt
//	go run ./examples/mrrbench -in /tmp/mrr.bin -last 0 -cohorts |
//		awk '$1 ~ /^[0-9]+$/ {print $1,$2,$3,$4,$5,$6,$7,$8} $1 == "cohort"' |
//		diff -w /tmp/pandas.txt -
//
// The timings cover the computation alone, after the rows are in memory
// and warm (each word read once before the clock starts), as
// pandas_movements.py, DuckDB and polars have theirs loaded. The peak memory is the process's high-water
// mark of resident memory (VmHWM in /proc/self/status) minus the size of
// the rows.
//
// Usage:
//
//	mrrbench -in FILE [-months N] [-order period|any] [-api history|ledger] [-workers N [-shuffle]] [-reps N] [-last N] [-cohorts] [-km first|every]
//
// With -workers N the rows are decoded into records before the clock
// starts and MovementsConcurrent computes the tables on N goroutines.
// gen_mrr.py writes its rows sorted by month; -shuffle puts the records
// in a random order first (always the same one), so that -order any is
// measured on records that are in no order, as well as on sorted ones.
//
// With -api ledger the rows go into an MRRLedger as dates (month 0 is
// 2024-01), in the order of the file, the way a caller with a billing
// export's dates uses the library; the month numbers printed count from
// the first month with a row.
//
// With -km the program also builds the customers' lifetimes from the
// history (to the first churn with first, a spell per return with every)
// and their Kaplan–Meier curve, and prints the curve at a few ages, the
// median lifetime and the time both took; the peak memory then includes
// them:
//
//	go run ./examples/mrrbench -in /tmp/mrr.bin -km first
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/procmem"
)

func main() {
	in := flag.String("in", "", "file of little-endian int64 triples (customer, month, MRR)")
	months := flag.Int("months", 24, "number of months, 0 to months-1")
	orderName := flag.String("order", "period", "record order the history is told: period (rows sorted by month) or any")
	api := flag.String("api", "history", "the library's front: history (MRRHistory over month numbers) or ledger (MRRLedger over dates, month 0 = 2024-01)")
	last := flag.Int("last", 3, "print the movements of the last `N` months (0: all)")
	cohorts := flag.Bool("cohorts", false, "print the cohort table of customer counts")
	workers := flag.Int("workers", 0, "with N > 0, compute with MovementsConcurrent on N goroutines, from the rows decoded into records before the clock starts")
	shuffle := flag.Bool("shuffle", false, "with -workers, shuffle the records (a fixed seed) before the clock starts, to measure -order any on records in no order")
	reps := flag.Int("reps", 3, "timed runs; the best is reported, as duckdbbench reports its best of -reps, and every time is printed")
	km := flag.String("km", "", "also build the lifetimes and their Kaplan-Meier curve: `first` (to the first churn) or every (a spell per return)")
	flag.Parse()
	if *in == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	var order cxmetrics.Order
	switch *orderName {
	case "period":
		order = cxmetrics.PeriodOrder
	case "any":
		order = cxmetrics.AnyOrder
	default:
		fmt.Fprintf(os.Stderr, "mrrbench: -order %q: want period or any\n", *orderName)
		os.Exit(2)
	}
	var spells cxmetrics.Spells
	switch *km {
	case "":
	case "first":
		spells = cxmetrics.FirstSpell
	case "every":
		spells = cxmetrics.EverySpell
	default:
		fmt.Fprintf(os.Stderr, "mrrbench: -km %q: want first or every\n", *km)
		os.Exit(2)
	}
	if *api != "history" && *api != "ledger" {
		fmt.Fprintf(os.Stderr, "mrrbench: -api %q: want history or ledger\n", *api)
		os.Exit(2)
	}
	var data []byte
	var err error
	var recs []cxmetrics.MRRRecord[int64]
	if *workers > 0 && *api == "history" {
		recs, err = readRecords(*in)
		if *shuffle {
			rng := rand.New(rand.NewPCG(1, 2))
			rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		}
	} else {
		data, err = readRows(*in)
	}
	var res *result
	var times []time.Duration
	for range max(*reps, 1) {
		if err != nil {
			break
		}
		// What an earlier run left is garbage: collect it outside the
		// clock, so that each run starts from the same heap.
		runtime.GC()
		var r *result
		switch {
		case *api == "ledger":
			r, err = runLedger(data, *in)
		case *workers > 0:
			r, err = runConcurrent(recs, *in, *months, order, *workers)
		default:
			r, err = runHistory(data, *in, *months, order)
		}
		if err == nil {
			times = append(times, r.total())
			if res == nil || r.total() < res.total() {
				res = r
			}
		}
	}
	if err == nil {
		res.times = times
		if err == nil && spells != 0 {
			err = res.kaplanMeier(spells)
		}
		if err == nil {
			err = res.print(os.Stdout, *last, *cohorts)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mrrbench:", err)
		os.Exit(1)
	}
}

// result is what either front of the library computed, with its timings.
type result struct {
	rows, customers int
	front           string
	rev             []cxmetrics.RevenuePeriod
	cust            []cxmetrics.Period
	cohorts         [][]int64 // customer counts
	logo, revenue   []float64 // retention of the first cohort
	add, movements  time.Duration
	cohortTime      time.Duration
	times           []time.Duration // the total of every run, in order
	rowBytes        int

	// The lifetimes, their Kaplan-Meier curve and the time they took,
	// with -km.
	lifetimes            func(cxmetrics.Spells) ([]cxmetrics.LifetimeCount, error)
	table                []cxmetrics.LifetimeCount
	curve                *cxmetrics.SurvivalCurve
	tableTime, curveTime time.Duration
}

// kaplanMeier builds the lifetimes of the result's history and their
// Kaplan-Meier curve at 95%, timing each.
func (res *result) kaplanMeier(spells cxmetrics.Spells) error {
	if res.lifetimes == nil {
		return errors.New("-km needs a history: MovementsConcurrent (-workers) keeps none")
	}
	t0 := time.Now()
	table, err := res.lifetimes(spells)
	if err != nil {
		return err
	}
	t1 := time.Now()
	c, err := cxmetrics.KaplanMeierCounts(table, 0.95)
	if err != nil {
		return err
	}
	res.table, res.curve = table, &c
	res.tableTime, res.curveTime = t1.Sub(t0), time.Since(t1)
	return nil
}

// printCurve writes the life table's size, the curve at a few ages and
// the median lifetime.
func (res *result) printCurve(w io.Writer) {
	c := res.curve
	fmt.Fprintf(w, "lifetimes=%d churned=%d censored=%d table_rows=%d steps=%d\n",
		c.Subjects, c.Churned, c.Subjects-c.Churned, len(res.table), len(c.Steps))
	for _, age := range []float64{1, 3, 6, 12, 18, 23} {
		if s, err := c.At(age); err == nil {
			fmt.Fprintf(w, "S(%g) = %.6f  se %.6f  95%% CI %.6f-%.6f  at risk %d\n",
				age, s.Survival, s.StdErr, s.Interval.Lo, s.Interval.Hi, s.AtRisk)
		}
	}
	if m, err := c.Median(); err == nil {
		fmt.Fprintf(w, "median lifetime %g months (95%% CI %g to %g, upper reached %v)\n", m.Median, m.Interval.Lo, m.Interval.Hi, m.HiReached)
	} else {
		fmt.Fprintf(w, "median lifetime: %v\n", err)
	}
	fmt.Fprintf(w, "lifetimes_seconds=%.6f km_seconds=%.6f\n", res.tableTime.Seconds(), res.curveTime.Seconds())
}

// runHistory computes the movements and cohorts with an MRRHistory told
// the month numbers and the order of the rows.
func runHistory(data []byte, path string, months int, order cxmetrics.Order) (*result, error) {
	t0 := time.Now()
	h, err := cxmetrics.NewMRRHistory[int64](months, order)
	if err != nil {
		return nil, err
	}
	var row int
	if err := h.AddRecords(records(data, &row)); err != nil {
		if order == cxmetrics.PeriodOrder && errors.Is(err, cxmetrics.ErrOutOfRange) {
			err = fmt.Errorf("%w (rows not sorted by month? try -order any)", err)
		}
		return nil, fmt.Errorf("%s: row %d: %w", path, row, unwrapRecord(err))
	}
	t1 := time.Now()
	rev, cust, err := h.Movements()
	if err != nil {
		return nil, err
	}
	t2 := time.Now()
	ct, err := h.Cohorts()
	if err != nil {
		return nil, err
	}
	t3 := time.Now()
	res := &result{rows: len(data) / 24, customers: h.Customers(), front: "MRRHistory, " + order.String(),
		rev: rev, cust: cust, cohorts: ct.Customers, rowBytes: len(data),
		add: t1.Sub(t0), movements: t2.Sub(t1), cohortTime: t3.Sub(t2), lifetimes: h.Lifetimes}
	res.firstCohort(ct)
	return res, nil
}

// firstCohort keeps the logo and revenue retention of ct's first cohort,
// if it has one.
func (res *result) firstCohort(ct cxmetrics.CohortTable) {
	if len(ct.Customers) > 0 {
		res.logo, _ = ct.LogoRetention(0)
		res.revenue, _ = ct.RevenueRetention(0)
	}
}

// total returns the time of the run: the adds, the movements and the
// cohorts.
func (res *result) total() time.Duration { return res.add + res.movements + res.cohortTime }

// runConcurrent computes the movements and cohorts with
// MovementsConcurrent on workers goroutines, from the rows read straight
// into a slice of records (24 bytes each, as in the file) before the
// clock starts, as a caller holding them in memory has them; the timings
// cover the partition, the histories and the sums.
func runConcurrent(recs []cxmetrics.MRRRecord[int64], path string, months int, order cxmetrics.Order, workers int) (*result, error) {
	t0 := time.Now()
	t, err := cxmetrics.MovementsConcurrent(recs, months, order, workers)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	res := &result{rows: len(recs), customers: t.Distinct, front: fmt.Sprintf("MovementsConcurrent, %v, %d workers", order, workers),
		rev: t.Revenue, cust: t.Customers, cohorts: t.Cohorts.Customers, rowBytes: 24 * len(recs), add: time.Since(t0)}
	res.firstCohort(t.Cohorts)
	return res, nil
}

// runLedger computes the movements and cohorts with an MRRLedger over a
// monthly calendar, each row dated the first of its month from 2024-01:
// the way a caller with dates from a billing export uses the library.
// The dates are worked out before the clock starts (a caller has them
// already); turning each into its month is the ledger's work and counted.
func runLedger(data []byte, path string) (*result, error) {
	var row int
	maxMonth := -1
	for r := range records(data, &row) {
		if r.Period < 0 || r.Period > cxmetrics.MaxPeriods {
			return nil, fmt.Errorf("%s: row %d: month %d is outside 0-%d", path, row, r.Period, cxmetrics.MaxPeriods)
		}
		maxMonth = max(maxMonth, r.Period)
	}
	dates := make([]time.Time, maxMonth+1)
	for m := range dates {
		dates[m] = time.Date(2024, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	}
	entries := func(yield func(cxmetrics.MRREntry[int64]) bool) {
		for r := range records(data, &row) {
			if !yield(cxmetrics.MRREntry[int64]{Customer: r.Customer, At: dates[r.Period], MRR: r.MRR}) {
				return
			}
		}
	}

	t0 := time.Now()
	l := cxmetrics.NewMRRLedger[int64](cxmetrics.Calendar{})
	if err := l.AddEntries(entries); err != nil {
		return nil, fmt.Errorf("%s: row %d: %w", path, row, unwrapRecord(err))
	}
	t1 := time.Now()
	periods, err := l.Periods()
	if err != nil {
		return nil, err
	}
	t2 := time.Now()
	cohorts, err := l.Cohorts()
	if err != nil {
		return nil, err
	}
	t3 := time.Now()
	res := &result{rows: len(data) / 24, customers: l.Customers(), front: "MRRLedger, monthly calendar",
		rowBytes: len(data), add: t1.Sub(t0), movements: t2.Sub(t1), cohortTime: t3.Sub(t2), lifetimes: l.Lifetimes}
	for _, p := range periods {
		res.rev = append(res.rev, p.Revenue)
		res.cust = append(res.cust, p.Customers)
	}
	for _, c := range cohorts {
		res.cohorts = append(res.cohorts, c.Customers)
	}
	if len(cohorts) > 0 {
		res.logo = cohortRetention(cohorts[0].Customers)
		res.revenue = cohortRetention(cohorts[0].MRR)
	}
	return res, nil
}

// unwrapRecord returns the error of a *cxmetrics.RecordError, whose index
// the caller names as a row, or err itself.
func unwrapRecord(err error) error {
	var re *cxmetrics.RecordError
	if errors.As(err, &re) {
		return re.Err
	}
	return err
}

// cohortRetention returns 100 × each cell of a cohort row over its first,
// or nil if the first is 0.
func cohortRetention(row []int64) []float64 {
	if len(row) == 0 || row[0] == 0 {
		return nil
	}
	out := make([]float64, len(row))
	for i, v := range row {
		out[i] = 100 * float64(v) / float64(row[0])
	}
	return out
}

// print writes the movements of the last months (all if last is 0), the
// first cohort's retention, the cohort table if cohorts, and the timings
// and peak memory.
func (res *result) print(out io.Writer, last int, cohorts bool) error {
	for p, r := range res.rev {
		if !r.Balanced() {
			return fmt.Errorf("month %d does not balance: %+v", p, r)
		}
	}
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "rows=%d customers=%d months=%d cohorts=%d front=%s\n",
		res.rows, res.customers, len(res.rev), len(res.cohorts), res.front)
	fmt.Fprintf(w, "%5s %12s %12s %12s %12s %12s %12s %12s %9s %9s %9s %8s\n",
		"month", "start", "new", "reactivation", "expansion", "contraction", "churned", "end",
		"customers", "new_cust", "lost_cust", "NRR")
	from := 0
	if last > 0 {
		from = max(0, len(res.rev)-last)
	}
	for p := from; p < len(res.rev); p++ {
		r, c := res.rev[p], res.cust[p]
		nrr := "-" // no NRR for a month that starts with no revenue
		if v, err := cxmetrics.NetRevenueRetention(r); err == nil {
			nrr = fmt.Sprintf("%.2f%%", v)
		}
		fmt.Fprintf(w, "%5d %12d %12d %12d %12d %12d %12d %12d %9d %9d %9d %8s\n",
			p, r.Start, r.New, r.Reactivation, r.Expansion, r.Contraction, r.Churned, r.End,
			c.End, c.New, c.Lost(), nrr)
	}
	if n := len(res.logo); n > 0 {
		fmt.Fprintf(w, "retention of cohort 0 (%d customers) at age %d: logo %.2f%%", res.cohorts[0][0], n-1, res.logo[n-1])
		if len(res.revenue) == n {
			fmt.Fprintf(w, ", revenue %.2f%%", res.revenue[n-1])
		}
		fmt.Fprintln(w)
	}
	if cohorts {
		for c, row := range res.cohorts {
			fmt.Fprintf(w, "cohort %d", c)
			for _, n := range row {
				fmt.Fprintf(w, " %d", n)
			}
			fmt.Fprintln(w)
		}
	}
	if res.curve != nil {
		res.printCurve(w)
	}
	fmt.Fprintf(w, "add_seconds=%.3f movements_seconds=%.3f cohorts_seconds=%.3f\n",
		res.add.Seconds(), res.movements.Seconds(), res.cohortTime.Seconds())
	fmt.Fprintf(w, "go_seconds=%.3f", res.total().Seconds())
	if len(res.times) > 1 {
		sorted := slices.Clone(res.times)
		slices.Sort(sorted)
		fmt.Fprintf(w, " (best of %d runs; median %.3f; each", len(sorted), sorted[len(sorted)/2].Seconds())
		for _, t := range res.times {
			fmt.Fprintf(w, " %.3f", t.Seconds())
		}
		fmt.Fprint(w, ")")
	}
	fmt.Fprintln(w)
	if hwm, err := procmem.PeakRSS(); err == nil {
		beyond := hwm - int64(res.rowBytes)
		fmt.Fprintf(w, "rows_bytes=%d peak_rss_bytes=%d peak_beyond_rows_bytes=%d", res.rowBytes, hwm, beyond)
		if res.rowBytes > 0 {
			fmt.Fprintf(w, " (%.2f× the rows)", float64(beyond)/float64(res.rowBytes))
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintf(w, "peak memory: %v\n", err)
	}
	return w.Flush()
}
