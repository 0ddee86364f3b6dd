package cxmetrics_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"github.com/cxmetrics/cxmetrics"
)

// cdnowExample reads the CDNOW sample's calibration summaries
// (testdata/btyd/cdnow_rfm.csv; weeks, dollars): one RFM per row.
func cdnowExample() []cxmetrics.RFM {
	f, err := os.Open("testdata/btyd/cdnow_rfm.csv")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		panic(err)
	}
	var customers []cxmetrics.RFM
	for _, r := range rows[1:] { // id,frequency,recency,T,monetary,holdout_frequency
		x, _ := strconv.ParseInt(r[1], 10, 64)
		tx, _ := strconv.ParseFloat(r[2], 64)
		T, _ := strconv.ParseFloat(r[3], 64)
		m, _ := strconv.ParseFloat(r[4], 64)
		customers = append(customers, cxmetrics.RFM{Frequency: x, Recency: tx, T: T, Monetary: m})
	}
	return customers
}

// Two customers with three purchases each in 39 weeks: the one who last
// bought 8 weeks ago is probably still a customer, the one who last
// bought 34 weeks ago probably not, and is expected to buy far less.
func ExampleParetoNBD() {
	// The Pareto/NBD estimate of the CDNOW sample, in weeks.
	m := cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
	for _, c := range []cxmetrics.RFM{
		{Frequency: 2, Recency: 30.43, T: 38.86},
		{Frequency: 2, Recency: 5, T: 38.86},
	} {
		alive, _ := m.ProbabilityAlive(c)
		next, _ := m.ConditionalExpectedPurchases(c, 52)
		fmt.Printf("last purchase %4.1f weeks ago: P(alive) %.3f, %.2f purchases next year\n", c.T-c.Recency, alive, next)
	}
	// Output:
	// last purchase  8.4 weeks ago: P(alive) 0.869, 1.85 purchases next year
	// last purchase 33.9 weeks ago: P(alive) 0.130, 0.28 purchases next year
}

func ExampleFitParetoNBD() {
	customers := cdnowExample()
	var report cxmetrics.FitReport
	m, err := cxmetrics.FitParetoNBD(customers, cxmetrics.Report(&report))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r %.3f (± %.3f), α %.3f (± %.2f)\n", m.R, report.StdErr[0], m.Alpha, report.StdErr[1])
	fmt.Printf("s %.3f (± %.3f), β %.3f (± %.2f)\n", m.S, report.StdErr[2], m.Beta, report.StdErr[3])
	fmt.Printf("log-likelihood %.1f over %d customers\n", report.LogLikelihood, report.Customers)
	// Output:
	// r 0.553 (± 0.048), α 10.578 (± 0.84)
	// s 0.606 (± 0.187), β 11.669 (± 6.21)
	// log-likelihood -9595.0 over 2357 customers
}

func ExampleParetoNBD_LogLikelihood() {
	customers := cdnowExample()
	// The published estimate, and the same with the purchase rates of the
	// BG/NBD estimate: less likely.
	published := cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
	other := cxmetrics.ParetoNBD{R: 0.243, Alpha: 4.414, S: 0.606, Beta: 11.669}
	for _, m := range []cxmetrics.ParetoNBD{published, other} {
		ll, _ := m.LogLikelihood(customers)
		fmt.Printf("r %.3f, α %.3f: %.2f\n", m.R, m.Alpha, ll)
	}
	// Output:
	// r 0.553, α 10.578: -9594.98
	// r 0.243, α 4.414: -9684.37
}

func ExampleParetoNBD_ExpectedPurchases() {
	m := cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
	for _, weeks := range []float64{13, 26, 39, 52} {
		e, _ := m.ExpectedPurchases(weeks)
		fmt.Printf("%2.0f weeks: %.3f repeat purchases\n", weeks, e)
	}
	// Output:
	// 13 weeks: 0.531 repeat purchases
	// 26 weeks: 0.909 repeat purchases
	// 39 weeks: 1.213 repeat purchases
	// 52 weeks: 1.473 repeat purchases
}

func ExampleParetoNBD_ConditionalExpectedPurchases() {
	// The estimate and customer 1516 of the BTYD package's walkthrough.
	m := cxmetrics.ParetoNBD{R: 0.5534, Alpha: 10.5802, S: 0.6061, Beta: 11.6562}
	c := cxmetrics.RFM{Frequency: 26, Recency: 30.86, T: 31}
	e, _ := m.ConditionalExpectedPurchases(c, 52)
	fmt.Printf("%.2f purchases in the next 52 weeks\n", e)
	// Output:
	// 25.45 purchases in the next 52 weeks
}

func ExampleParetoNBD_ProbabilityAlive() {
	m := cxmetrics.ParetoNBD{R: 0.5534, Alpha: 10.5802, S: 0.6061, Beta: 11.6562}
	for _, weeksSince := range []float64{0, 4, 12, 26} {
		c := cxmetrics.RFM{Frequency: 26, Recency: 31 - weeksSince, T: 31}
		alive, _ := m.ProbabilityAlive(c)
		fmt.Printf("26 repeat purchases, the last %2.0f weeks ago: %.4f\n", weeksSince, alive)
	}
	// Output:
	// 26 repeat purchases, the last  0 weeks ago: 1.0000
	// 26 repeat purchases, the last  4 weeks ago: 0.7595
	// 26 repeat purchases, the last 12 weeks ago: 0.0045
	// 26 repeat purchases, the last 26 weeks ago: 0.0000
}

func ExampleParetoNBD_ProbabilityOfPurchases() {
	m := cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
	for n := int64(0); n <= 3; n++ {
		p, _ := m.ProbabilityOfPurchases(n, 39)
		fmt.Printf("P(X(39) = %d) = %.4f\n", n, p)
	}
	// Output:
	// P(X(39) = 0) = 0.5936
	// P(X(39) = 1) = 0.1656
	// P(X(39) = 2) = 0.0825
	// P(X(39) = 3) = 0.0490
}

func ExampleParetoNBD_PredictAll() {
	customers := cdnowExample()
	m := cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
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
	// 1052 of 2357 customers alive, 1666 purchases expected in the next 39 weeks
}
