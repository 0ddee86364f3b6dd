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
// The timings cover the computation alone, after the rows are in memory, as
// pandas_movements.py does. The peak memory is the process's high-water
// mark of resident memory (VmHWM in /proc/self/status) minus the size of
// the rows.
//
// Usage:
//
//	mrrbench -in FILE [-months N] [-order period|any] [-last N] [-cohorts]
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

func main() {
	in := flag.String("in", "", "file of little-endian int64 triples (customer, month, MRR)")
	months := flag.Int("months", 24, "number of months, 0 to months-1")
	orderName := flag.String("order", "period", "record order the history is told: period (rows sorted by month) or any")
	last := flag.Int("last", 3, "print the movements of the last `N` months (0: all)")
	cohorts := flag.Bool("cohorts", false, "print the cohort table of customer counts")
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
	if err := run(*in, *months, order, *last, *cohorts); err != nil {
		fmt.Fprintln(os.Stderr, "mrrbench:", err)
		os.Exit(1)
	}
}

// records yields the rows of data, 24 bytes each, and keeps in *row the
// index of the last row yielded.
func records(data []byte, row *int) iter.Seq[cxmetrics.MRRRecord[int64]] {
	return func(yield func(cxmetrics.MRRRecord[int64]) bool) {
		for i := 0; i+24 <= len(data); i += 24 {
			*row = i / 24
			row := data[i : i+24]
			rec := cxmetrics.MRRRecord[int64]{
				Customer: int64(binary.LittleEndian.Uint64(row[0:])),
				Period:   int(int64(binary.LittleEndian.Uint64(row[8:]))),
				MRR:      int64(binary.LittleEndian.Uint64(row[16:])),
			}
			if !yield(rec) {
				return
			}
		}
	}
}

func run(path string, months int, order cxmetrics.Order, last int, cohorts bool) error {
	data, err := readRows(path)
	if err != nil {
		return err
	}
	rows := len(data) / 24

	t0 := time.Now()
	h, err := cxmetrics.NewMRRHistory[int64](months, order)
	if err != nil {
		return err
	}
	var row int
	if err := h.AddRecords(records(data, &row)); err != nil {
		if order == cxmetrics.PeriodOrder && errors.Is(err, cxmetrics.ErrOutOfRange) {
			err = fmt.Errorf("%w (rows not sorted by month? try -order any)", err)
		}
		return fmt.Errorf("%s: row %d: %w", path, row, err)
	}
	t1 := time.Now()
	rev, cust, err := h.Movements()
	if err != nil {
		return err
	}
	t2 := time.Now()
	ct, err := h.Cohorts()
	if err != nil {
		return err
	}
	t3 := time.Now()

	for p, r := range rev {
		if !r.Balanced() {
			return fmt.Errorf("month %d does not balance: %+v", p, r)
		}
	}
	fmt.Printf("rows=%d customers=%d months=%d cohorts=%d order=%v\n", rows, h.Customers(), h.Observed(), len(ct.Customers), order)
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "%5s %12s %12s %12s %12s %12s %12s %12s %9s %9s %9s %8s\n",
		"month", "start", "new", "reactivation", "expansion", "contraction", "churned", "end",
		"customers", "new_cust", "lost_cust", "NRR")
	from := 0
	if last > 0 {
		from = max(0, len(rev)-last)
	}
	for p := from; p < len(rev); p++ {
		r, c := rev[p], cust[p]
		nrr := "-" // no NRR for a month that starts with no revenue
		if v, err := cxmetrics.NetRevenueRetention(r); err == nil {
			nrr = fmt.Sprintf("%.2f%%", v)
		}
		fmt.Fprintf(w, "%5d %12d %12d %12d %12d %12d %12d %12d %9d %9d %9d %8s\n",
			p, r.Start, r.New, r.Reactivation, r.Expansion, r.Contraction, r.Churned, r.End,
			c.End, c.New, c.Lost(), nrr)
	}
	if logo, err := ct.LogoRetention(0); err == nil {
		fmt.Fprintf(w, "retention of cohort 0 (%d customers) at age %d: logo %.2f%%", ct.Customers[0][0], len(logo)-1, logo[len(logo)-1])
		if rr, err := ct.RevenueRetention(0); err == nil {
			fmt.Fprintf(w, ", revenue %.2f%%", rr[len(rr)-1])
		}
		fmt.Fprintln(w)
	}
	if cohorts {
		for c, row := range ct.Customers {
			fmt.Fprintf(w, "cohort %d", c)
			for _, n := range row {
				fmt.Fprintf(w, " %d", n)
			}
			fmt.Fprintln(w)
		}
	}
	w.Flush()

	fmt.Printf("add_seconds=%.3f movements_seconds=%.3f cohorts_seconds=%.3f\n",
		t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), t3.Sub(t2).Seconds())
	fmt.Printf("go_seconds=%.3f\n", t3.Sub(t0).Seconds())
	if hwm, err := peakRSS(); err == nil {
		beyond := hwm - int64(len(data))
		fmt.Printf("rows_bytes=%d peak_rss_bytes=%d peak_beyond_rows_bytes=%d", len(data), hwm, beyond)
		if len(data) > 0 {
			fmt.Printf(" (%.2f× the rows)", float64(beyond)/float64(len(data)))
		}
		fmt.Println()
	} else {
		fmt.Printf("peak memory: %v\n", err)
	}
	return nil
}

// readRows reads the whole file into one buffer of exactly its size.
func readRows(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size()%24 != 0 {
		return nil, fmt.Errorf("%s: %d bytes is not a whole number of 24-byte rows", path, st.Size())
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// peakRSS returns the process's peak resident memory, VmHWM, in bytes.
func peakRSS() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) != 2 || f[1] != "kB" {
				break
			}
			kb, err := strconv.ParseInt(f[0], 10, 64)
			if err != nil {
				return 0, err
			}
			return kb * 1024, nil
		}
	}
	return 0, errors.New("no VmHWM in /proc/self/status")
}
