package cxmetrics_test

import (
	"errors"
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

// The examples of this file use the CDNOW sample of Fader, Hardie & Lee
// (2005), loaded by cdnowExample (example_paretonbd_test.go):
// 2,357 customers observed for the 39 weeks to 1997-09-30, in weeks.
// Their figures agree with an independent computation of the papers'
// formulas in mpmath at 30 digits (the references of bgnbd_test.go, and
// the sums over CDNOW: BG/NBD 1917.217 alive, 1653.941 purchases in 39
// weeks; MBG/NBD 1577.129).

// Two customers of CDNOW with two repeat purchases in 39 weeks: the one
// who last bought 8 weeks ago is probably still a customer, the one who
// last bought 34 weeks ago probably not.
func ExampleBGNBD() {
	// The estimate of Fader, Hardie & Lee (2005), in weeks.
	m := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	for _, c := range []cxmetrics.RFM{
		{Frequency: 2, Recency: 30.43, T: 38.86},
		{Frequency: 2, Recency: 5, T: 38.86},
	} {
		alive, _ := m.ProbabilityAlive(c)
		next, _ := m.ConditionalExpectedPurchases(c, 39)
		fmt.Printf("last purchase %4.1f weeks ago: P(alive) %.3f, %.3f purchases in the next 39 weeks\n", c.T-c.Recency, alive, next)
	}
	// Output:
	// last purchase  8.4 weeks ago: P(alive) 0.727, 1.226 purchases in the next 39 weeks
	// last purchase 33.9 weeks ago: P(alive) 0.124, 0.209 purchases in the next 39 weeks
}

func ExampleFitBGNBD() {
	customers := cdnowExample()
	var report cxmetrics.FitReport
	m, err := cxmetrics.FitBGNBD(customers, cxmetrics.Report(&report))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r %.3f (± %.3f), α %.3f (± %.3f)\n", m.R, report.StdErr[0], m.Alpha, report.StdErr[1])
	fmt.Printf("a %.3f (± %.3f), b %.3f (± %.3f)\n", m.A, report.StdErr[2], m.B, report.StdErr[3])
	fmt.Printf("log-likelihood %.1f over %d customers\n", report.LogLikelihood, report.Customers)
	// Output:
	// r 0.243 (± 0.013), α 4.414 (± 0.378)
	// a 0.793 (± 0.186), b 2.426 (± 0.705)
	// log-likelihood -9582.4 over 2357 customers
}

func ExampleBGNBD_LogLikelihood() {
	customers := cdnowExample()
	m := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	ll, _ := m.LogLikelihood(customers)
	fmt.Printf("%.1f\n", ll)
	// Output:
	// -9582.4
}

func ExampleBGNBD_ExpectedPurchases() {
	m := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	for _, weeks := range []float64{39, 78} {
		e, _ := m.ExpectedPurchases(weeks)
		fmt.Printf("%2.0f weeks: %.3f repeat purchases per new customer\n", weeks, e)
	}
	// Output:
	// 39 weeks: 1.197 repeat purchases per new customer
	// 78 weeks: 1.861 repeat purchases per new customer
}

func ExampleBGNBD_ConditionalExpectedPurchases() {
	m := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	// Fader, Hardie & Lee (2005), section 5: 1.226 purchases.
	c := cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86}
	e, _ := m.ConditionalExpectedPurchases(c, 39)
	fmt.Printf("%.3f purchases in the next 39 weeks\n", e)
	// Output:
	// 1.226 purchases in the next 39 weeks
}

func ExampleBGNBD_ProbabilityAlive() {
	m := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	for _, c := range []cxmetrics.RFM{
		{Frequency: 0, T: 38.86},                 // no repeat purchase: never seen to drop out
		{Frequency: 1, Recency: 2, T: 38.86},     // one, long ago
		{Frequency: 30, Recency: 38, T: 39},      // a regular, one week ago
		{Frequency: 2000, Recency: 30, T: 39},    // 2,000 purchases, then nine silent weeks
		{Frequency: 2, Recency: 30.43, T: 38.86}, // the paper's customer
	} {
		p, _ := m.ProbabilityAlive(c)
		fmt.Printf("x %4d, t_x %5.2f, T %5.2f: %.4f\n", c.Frequency, c.Recency, c.T, p)
	}
	// Output:
	// x    0, t_x  0.00, T 38.86: 1.0000
	// x    1, t_x  2.00, T 38.86: 0.2219
	// x   30, t_x 38.00, T 39.00: 0.9514
	// x 2000, t_x 30.00, T 39.00: 0.0000
	// x    2, t_x 30.43, T 38.86: 0.7266
}

func ExampleBGNBD_ProbabilityOfPurchases() {
	m := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	for _, n := range []int64{0, 1, 2, 5} {
		p, _ := m.ProbabilityOfPurchases(n, 39)
		fmt.Printf("P(X(39) = %d) = %.4f\n", n, p)
	}
	// Output:
	// P(X(39) = 0) = 0.5738
	// P(X(39) = 1) = 0.1994
	// P(X(39) = 2) = 0.0854
	// P(X(39) = 5) = 0.0180
}

// The CDNOW sample's holdout: the 39 weeks after calibration, in which
// the customers made 1,882 repeat purchases.
func ExampleBGNBD_PredictAll() {
	customers := cdnowExample()
	m := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	alive := make([]float64, len(customers))
	expected := make([]float64, len(customers))
	if err := m.PredictAll(customers, 39, alive, expected, cxmetrics.Workers(2)); err != nil {
		fmt.Println(err)
		return
	}
	sumAlive, sumExpected := 0.0, 0.0
	for i := range customers {
		sumAlive += alive[i]
		sumExpected += expected[i]
	}
	fmt.Printf("%.0f of %d customers alive, %.0f purchases expected in the next 39 weeks\n", sumAlive, len(customers), sumExpected)
	// Output:
	// 1917 of 2357 customers alive, 1654 purchases expected in the next 39 weeks
}

func ExampleMBGNBD() {
	// CDNOW's MBG/NBD estimate (mbgnbd_test.go), in weeks. Unlike
	// BG/NBD, a customer without a repeat purchase may have left.
	m := cxmetrics.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	for _, c := range []cxmetrics.RFM{
		{Frequency: 0, T: 38.86},
		{Frequency: 2, Recency: 30.43, T: 38.86},
	} {
		alive, _ := m.ProbabilityAlive(c)
		next, _ := m.ConditionalExpectedPurchases(c, 39)
		fmt.Printf("x %d: P(alive) %.3f, %.3f purchases in the next 39 weeks\n", c.Frequency, alive, next)
	}
	// Output:
	// x 0: P(alive) 0.390, 0.154 purchases in the next 39 weeks
	// x 2: P(alive) 0.706, 1.263 purchases in the next 39 weeks
}

func ExampleFitMBGNBD() {
	customers := cdnowExample()
	var report cxmetrics.FitReport
	m, err := cxmetrics.FitMBGNBD(customers, cxmetrics.Report(&report))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r %.3f, α %.3f, a %.3f, b %.3f, log-likelihood %.2f\n", m.R, m.Alpha, m.A, m.B, report.LogLikelihood)
	// Output:
	// r 0.525, α 6.183, a 0.891, b 1.614, log-likelihood -9582.14
}

func ExampleMBGNBD_LogLikelihood() {
	customers := cdnowExample()
	m := cxmetrics.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	ll, _ := m.LogLikelihood(customers)
	fmt.Printf("%.1f\n", ll)
	// Output:
	// -9582.1
}

func ExampleMBGNBD_ExpectedPurchases() {
	m := cxmetrics.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	for _, weeks := range []float64{39, 78} {
		e, _ := m.ExpectedPurchases(weeks)
		fmt.Printf("%2.0f weeks: %.3f repeat purchases per new customer\n", weeks, e)
	}
	// Output:
	// 39 weeks: 1.183 repeat purchases per new customer
	// 78 weeks: 1.805 repeat purchases per new customer
}

func ExampleMBGNBD_ConditionalExpectedPurchases() {
	m := cxmetrics.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	e, _ := m.ConditionalExpectedPurchases(cxmetrics.RFM{Frequency: 7, Recency: 35, T: 38}, 52)
	fmt.Printf("%.3f purchases in the next 52 weeks\n", e)
	// Output:
	// 5.496 purchases in the next 52 weeks
}

func ExampleMBGNBD_ProbabilityAlive() {
	m := cxmetrics.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	p, _ := m.ProbabilityAlive(cxmetrics.RFM{Frequency: 1, Recency: 2, T: 38.86})
	fmt.Printf("%.4f\n", p)
	// Output:
	// 0.1788
}

func ExampleMBGNBD_ProbabilityOfPurchases() {
	m := cxmetrics.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	for _, n := range []int64{0, 1, 2} {
		p, _ := m.ProbabilityOfPurchases(n, 39)
		fmt.Printf("P(X(39) = %d) = %.4f\n", n, p)
	}
	// Output:
	// P(X(39) = 0) = 0.5825
	// P(X(39) = 1) = 0.1828
	// P(X(39) = 2) = 0.0869
}

func ExampleMBGNBD_PredictAll() {
	customers := cdnowExample()
	m := cxmetrics.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	expected := make([]float64, len(customers))
	if err := m.PredictAll(customers, 39, nil, expected); err != nil {
		fmt.Println(err)
		return
	}
	sum := 0.0
	for _, e := range expected {
		sum += e
	}
	fmt.Printf("%.0f purchases expected in the next 39 weeks\n", sum)
	// Output:
	// 1577 purchases expected in the next 39 weeks
}

// One customer's history, the same in weeks and in days: a model fitted
// on days has α seven times larger, and its t is in days too.
func ExampleRFM() {
	weeks := cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86}
	days := cxmetrics.RFM{Frequency: 2, Recency: 30.43 * 7, T: 38.86 * 7}
	inWeeks := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	inDays := cxmetrics.BGNBD{R: 0.243, Alpha: 4.414 * 7, A: 0.793, B: 2.426}
	w, _ := inWeeks.ConditionalExpectedPurchases(weeks, 39)
	d, _ := inDays.ConditionalExpectedPurchases(days, 39*7)
	fmt.Printf("next 39 weeks: %.3f; next 273 days: %.3f\n", w, d)
	// Output:
	// next 39 weeks: 1.226; next 273 days: 1.226
}

// Options tune a fit; most fits need none.
func ExampleFitOption() {
	customers := cdnowExample()
	var report cxmetrics.FitReport
	opts := []cxmetrics.FitOption{cxmetrics.Workers(2), cxmetrics.MaxIterations(50), cxmetrics.Report(&report)}
	m, err := cxmetrics.FitBGNBD(customers, opts...)
	fmt.Printf("r %.3f, log-likelihood %.1f, %v\n", m.R, report.LogLikelihood, err)
	// Output:
	// r 0.243, log-likelihood -9582.4, <nil>
}

// The passes over the customers split over two goroutines, in a fixed
// order, so the estimate is the same to the last bit.
func ExampleWorkers() {
	customers := cdnowExample()
	one, _ := cxmetrics.FitBGNBD(customers, cxmetrics.Workers(1))
	two, _ := cxmetrics.FitBGNBD(customers, cxmetrics.Workers(2))
	fmt.Println(one == two)
	// Output:
	// true
}

// A fit that runs out of iterations says so; it never returns NaN
// parameters.
func ExampleMaxIterations() {
	customers := cdnowExample()
	_, err := cxmetrics.FitBGNBD(customers, cxmetrics.MaxIterations(1))
	fmt.Println(errors.Is(err, cxmetrics.ErrNoConvergence))
	// Output:
	// true
}

// Refitting from last month's estimate: the start is in the parameters'
// order and units (r, α, a, b for BG/NBD).
func ExampleStartAt() {
	customers := cdnowExample()
	m, err := cxmetrics.FitBGNBD(customers, cxmetrics.StartAt(0.25, 4.5, 0.8, 2.4))
	fmt.Printf("r %.3f, α %.3f, a %.3f, b %.3f, %v\n", m.R, m.Alpha, m.A, m.B, err)
	_, err = cxmetrics.FitBGNBD(customers, cxmetrics.StartAt(0.25, 4.5))
	fmt.Println(errors.Is(err, cxmetrics.ErrInvalidArgument))
	// Output:
	// r 0.243, α 4.414, a 0.793, b 2.426, <nil>
	// true
}

func ExampleReport() {
	customers := cdnowExample()
	var report cxmetrics.FitReport
	if _, err := cxmetrics.FitBGNBD(customers, cxmetrics.Report(&report)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("log-likelihood %.2f, %d customers, %d standard errors\n", report.LogLikelihood, report.Customers, len(report.StdErr))
	// Output:
	// log-likelihood -9582.43, 2357 customers, 4 standard errors
}

// A 95% interval of each parameter from its standard error.
func ExampleFitReport() {
	customers := cdnowExample()
	var report cxmetrics.FitReport
	m, err := cxmetrics.FitBGNBD(customers, cxmetrics.Report(&report))
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, p := range []float64{m.R, m.Alpha, m.A, m.B} {
		se := report.StdErr[i]
		fmt.Printf("%.3f [%.3f, %.3f]\n", p, p-1.96*se, p+1.96*se)
	}
	// Output:
	// 0.243 [0.218, 0.267]
	// 4.414 [3.672, 5.155]
	// 0.793 [0.429, 1.157]
	// 2.426 [1.043, 3.809]
}
