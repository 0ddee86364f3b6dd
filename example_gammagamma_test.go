package cxmetrics_test

import (
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleGammaGamma() {
	// The published CDNOW spend model (Fader, Hardie & Lee 2005b), in
	// dollars per transaction.
	spend := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	mean, _ := spend.MeanSpend()
	// Two repeat purchases averaging $22.35: pulled towards the mean.
	c := cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86, Monetary: 22.345}
	e, _ := spend.ConditionalExpectedSpend(c)
	fmt.Printf("population mean $%.2f, this customer $%.2f\n", mean, e)
	// Output: population mean $35.22, this customer $24.66
}

func ExampleFitGammaGamma() {
	customers := cdnowExample()
	var report cxmetrics.FitReport
	spend, err := cxmetrics.FitGammaGamma(customers, cxmetrics.Report(&report))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("p %.2f (± %.2f), q %.2f (± %.2f), γ %.2f (± %.2f)\n",
		spend.P, report.StdErr[0], spend.Q, report.StdErr[1], spend.Gamma, report.StdErr[2])
	fmt.Printf("%d repeat buyers, log-likelihood %.2f\n", report.Customers, report.LogLikelihood)

	// A repeat buyer who spent nothing has no place in the model.
	_, err = cxmetrics.FitGammaGamma([]cxmetrics.RFM{{Frequency: 2, Recency: 3, T: 4}})
	fmt.Println(err)
	// Output:
	// p 6.25 (± 1.19), q 3.74 (± 0.29), γ 15.44 (± 4.16)
	// 946 repeat buyers, log-likelihood -4055.92
	// cxmetrics: invalid argument: customers[0]: 2 repeat purchases with monetary 0: the spend model needs a positive mean spend
}

func ExampleGammaGamma_LogLikelihood() {
	customers := cdnowExample()
	published := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	ll, _ := published.LogLikelihood(customers)
	fmt.Printf("%.2f\n", ll)
	// Output: -4055.92
}

func ExampleGammaGamma_ConditionalExpectedSpend() {
	spend := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	for _, c := range []cxmetrics.RFM{
		{T: 38.86}, // no repeat purchase: the population mean
		{Frequency: 1, Recency: 1.71, T: 38.86, Monetary: 11.77},
		{Frequency: 7, Recency: 29.43, T: 38.86, Monetary: 73.74},
	} {
		e, _ := spend.ConditionalExpectedSpend(c)
		fmt.Printf("x %d, mean $%6.2f: expect $%.2f\n", c.Frequency, c.Monetary, e)
	}
	// A population whose mean spend is infinite (q ≤ 1).
	_, err := cxmetrics.GammaGamma{P: 2, Q: 0.8, Gamma: 3}.ConditionalExpectedSpend(cxmetrics.RFM{T: 1})
	fmt.Println(err)
	// Output:
	// x 0, mean $  0.00: expect $35.22
	// x 1, mean $ 11.77: expect $18.92
	// x 7, mean $ 73.74: expect $71.47
	// cxmetrics: invalid argument: {P:2 Q:0.8 Gamma:3}: q ≤ 1, the mean spend is infinite
}

func ExampleGammaGamma_MeanSpend() {
	mean, _ := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}.MeanSpend()
	fmt.Printf("$%.2f per transaction\n", mean)
	// Output: $35.22 per transaction
}
