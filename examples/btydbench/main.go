// Command btydbench fits BG/NBD and Gamma-Gamma with cxmetrics to the
// customers that gen_btyd.py writes (CSV: id,frequency,recency,T,
// monetary_value, time in weeks), predicts each customer's P(alive) and
// expected purchases in the next 52 weeks, and prints the figures, the
// timings and the peak memory as key=value lines, the keys of
// lifetimes_fit.py, so that the two run side by side on the very same
// rows:
//
//	python3 gen_btyd.py /tmp/btyd.csv
//	python3 lifetimes_fit.py /tmp/btyd.csv; go run ./examples/btydbench -in /tmp/btyd.csv
//
// The timings cover the computation alone, after the rows are in memory,
// as lifetimes_fit.py does; the BG/NBD fit includes its standard errors,
// as lifetimes' fit includes its Hessian. The peak memory is the
// process's high-water mark of resident memory (VmHWM in
// /proc/self/status), the rows included, as lifetimes_fit.py's is.
//
// lifetimes fits on times divided by the largest T, and reports the
// log-likelihood of that scale: the same figure in the data's own weeks
// plus Σx ln(max T). bgnbd_loglik is in lifetimes' scale, comparable line
// for line; bgnbd_loglik_weeks is in weeks.
//
// To compare the predictions customer by customer with lifetimes' at the
// same parameters (lifetimes' own, say), predict at them and write each
// customer's figures, then let lifetimes_compare.py compute its own and
// print the largest relative differences:
//
//	go run ./examples/btydbench -in /tmp/btyd.csv -params 0.243282,4.427591,0.787265,2.415336 -dump /tmp/go_pred.csv
//	python3 examples/btydbench/lifetimes_compare.py /tmp/btyd.csv /tmp/go_pred.csv 0.243282,4.427591,0.787265,2.415336
//
// Usage:
//
//	btydbench -in FILE [-workers N] [-t WEEKS] [-params r,alpha,a,b] [-dump FILE]
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/procmem"
)

func main() {
	in := flag.String("in", "", "CSV of customers: id,frequency,recency,T,monetary_value")
	workers := flag.Int("workers", 2, "goroutines for each pass over the customers")
	horizon := flag.Float64("t", 52, "predict the expected purchases in the next `t` time units")
	params := flag.String("params", "", "predict at these BG/NBD parameters `r,alpha,a,b` instead of the fitted ones")
	dump := flag.String("dump", "", "write each customer's P(alive) and expected purchases to `FILE` (id,alive,expected)")
	flag.Parse()
	if *in == "" || flag.NArg() != 0 || *workers < 1 {
		flag.Usage()
		os.Exit(2)
	}
	var at *cxmetrics.BGNBD
	if *params != "" {
		m, err := parseParams(*params)
		if err != nil {
			fmt.Fprintln(os.Stderr, "btydbench: -params:", err)
			os.Exit(2)
		}
		at = &m
	}
	customers, ids, err := readCustomers(*in)
	if err == nil {
		var res *result
		res, err = run(customers, *workers, *horizon, at)
		if err == nil {
			err = res.print(os.Stdout)
		}
		if err == nil && *dump != "" {
			err = writeDump(*dump, ids, res.alive, res.expected)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "btydbench:", err)
		os.Exit(1)
	}
}

// parseParams reads "r,alpha,a,b".
func parseParams(s string) (cxmetrics.BGNBD, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return cxmetrics.BGNBD{}, fmt.Errorf("%q: want r,alpha,a,b", s)
	}
	var v [4]float64
	for i, x := range f {
		p, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return cxmetrics.BGNBD{}, fmt.Errorf("%q: %w", s, err)
		}
		v[i] = p
	}
	return cxmetrics.BGNBD{R: v[0], Alpha: v[1], A: v[2], B: v[3]}, nil
}

// readCustomers reads the CSV of gen_btyd.py, counting its lines first
// so that the customers take one allocation of their exact size.
func readCustomers(path string) ([]cxmetrics.RFM, []int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	lines, err := countLines(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, nil, err
	}
	customers := make([]cxmetrics.RFM, 0, max(lines-1, 0))
	ids := make([]int64, 0, max(lines-1, 0))
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			if text != "id,frequency,recency,T,monetary_value" {
				return nil, nil, fmt.Errorf("%s: line 1: header %q, want id,frequency,recency,T,monetary_value", path, text)
			}
			continue
		}
		id, c, err := parseRow(text)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: line %d: %w", path, line, err)
		}
		customers = append(customers, c)
		ids = append(ids, id)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if line == 0 {
		return nil, nil, fmt.Errorf("%s: empty file", path)
	}
	return customers, ids, nil
}

// countLines returns the number of lines of r (a last line without a
// newline counts).
func countLines(r io.Reader) (int, error) {
	buf := make([]byte, 1<<20)
	n, last := 0, byte('\n')
	for {
		k, err := r.Read(buf)
		if k > 0 {
			n += bytes.Count(buf[:k], []byte{'\n'})
			last = buf[k-1]
		}
		if errors.Is(err, io.EOF) {
			if last != '\n' {
				n++
			}
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

// parseRow reads one row: id, frequency, recency, T, monetary value.
func parseRow(s string) (int64, cxmetrics.RFM, error) {
	f := strings.Split(s, ",")
	if len(f) != 5 {
		return 0, cxmetrics.RFM{}, fmt.Errorf("%d fields, want 5", len(f))
	}
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return 0, cxmetrics.RFM{}, fmt.Errorf("id %q: %w", f[0], err)
	}
	x, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, cxmetrics.RFM{}, fmt.Errorf("frequency %q: %w", f[1], err)
	}
	var v [3]float64
	for i, name := range []string{"recency", "T", "monetary_value"} {
		if v[i], err = strconv.ParseFloat(f[2+i], 64); err != nil {
			return 0, cxmetrics.RFM{}, fmt.Errorf("%s %q: %w", name, f[2+i], err)
		}
	}
	return id, cxmetrics.RFM{Frequency: x, Recency: v[0], T: v[1], Monetary: v[2]}, nil
}

// result is what the library computed, with its timings.
type result struct {
	customers       int
	model           cxmetrics.BGNBD
	report          cxmetrics.FitReport
	sumX, maxT      float64
	predictedAt     cxmetrics.BGNBD
	horizon         float64
	alive, expected []float64
	spend           cxmetrics.GammaGamma
	repeatBuyers    int64
	fit, predict    time.Duration
	spendFit        time.Duration
}

// run fits BG/NBD, predicts for every customer (at the fitted model, or
// at *at if given), and fits Gamma-Gamma.
func run(customers []cxmetrics.RFM, workers int, horizon float64, at *cxmetrics.BGNBD) (*result, error) {
	res := &result{customers: len(customers), horizon: horizon}
	for _, c := range customers {
		res.sumX += float64(c.Frequency)
		res.maxT = math.Max(res.maxT, c.T)
	}
	t0 := time.Now()
	m, err := cxmetrics.FitBGNBD(customers, cxmetrics.Workers(workers), cxmetrics.Report(&res.report))
	if err != nil {
		return nil, fmt.Errorf("BG/NBD fit: %w", err)
	}
	res.fit = time.Since(t0)
	res.model, res.predictedAt = m, m
	if at != nil {
		res.predictedAt = *at
	}
	res.alive = make([]float64, len(customers))
	res.expected = make([]float64, len(customers))
	t0 = time.Now()
	if err := res.predictedAt.PredictAll(customers, horizon, res.alive, res.expected, cxmetrics.Workers(workers)); err != nil {
		return nil, fmt.Errorf("BG/NBD predictions: %w", err)
	}
	res.predict = time.Since(t0)
	var rep cxmetrics.FitReport
	t0 = time.Now()
	gg, err := cxmetrics.FitGammaGamma(customers, cxmetrics.Workers(workers), cxmetrics.Report(&rep))
	if err != nil {
		return nil, fmt.Errorf("Gamma-Gamma fit: %w", err)
	}
	res.spendFit = time.Since(t0)
	res.spend, res.repeatBuyers = gg, rep.Customers
	return res, nil
}

// print writes the figures, the timings and the peak memory as key=value
// lines, with the keys of lifetimes_fit.py where it has them.
func (res *result) print(out io.Writer) error {
	w := bufio.NewWriter(out)
	m, rep := res.model, res.report
	fmt.Fprintf(w, "customers=%d repeat_buyers=%d\n", res.customers, res.repeatBuyers)
	fmt.Fprintf(w, "bgnbd_fit_seconds=%.3f\n", res.fit.Seconds())
	fmt.Fprintf(w, "bgnbd_params r=%.6f alpha=%.6f a=%.6f b=%.6f\n", m.R, m.Alpha, m.A, m.B)
	fmt.Fprintf(w, "bgnbd_stderr r=%.6f alpha=%.6f a=%.6f b=%.6f\n", rep.StdErr[0], rep.StdErr[1], rep.StdErr[2], rep.StdErr[3])
	fmt.Fprintf(w, "bgnbd_iterations=%d\n", rep.Iterations)
	fmt.Fprintf(w, "bgnbd_loglik=%.6f\n", rep.LogLikelihood+res.sumX*math.Log(res.maxT))
	fmt.Fprintf(w, "bgnbd_loglik_weeks=%.6f\n", rep.LogLikelihood)
	if res.predictedAt != m {
		p := res.predictedAt
		fmt.Fprintf(w, "bgnbd_predicted_at r=%v alpha=%v a=%v b=%v\n", p.R, p.Alpha, p.A, p.B)
	}
	fmt.Fprintf(w, "bgnbd_predict_seconds=%.3f\n", res.predict.Seconds())
	var sa, se float64
	for i := range res.alive {
		sa += res.alive[i]
		se += res.expected[i]
	}
	fmt.Fprintf(w, "bgnbd_sum_alive=%.6f bgnbd_sum_expected%g=%.6f\n", sa, res.horizon, se)
	fmt.Fprintf(w, "gammagamma_fit_seconds=%.3f\n", res.spendFit.Seconds())
	g := res.spend
	fmt.Fprintf(w, "gammagamma_params p=%.6f q=%.6f v=%.6f\n", g.P, g.Q, g.Gamma)
	if hwm, err := procmem.PeakRSS(); err == nil {
		fmt.Fprintf(w, "peak_rss_mb=%.0f\n", float64(hwm)/(1<<20))
	} else {
		fmt.Fprintf(w, "peak memory: %v\n", err)
	}
	return w.Flush()
}

// writeDump writes id,alive,expected for every customer, with 17
// significant digits.
func writeDump(path string, ids []int64, alive, expected []float64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id,alive,expected")
	for i, id := range ids {
		fmt.Fprintf(w, "%d,%.17g,%.17g\n", id, alive[i], expected[i])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
