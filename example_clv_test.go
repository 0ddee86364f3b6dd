package cxmetrics_test

import (
	"fmt"
	"math"
	"sort"

	"github.com/cxmetrics/cxmetrics"
)

// steadyBuyer is a purchase model of customers who buy at one rate for
// ever, whatever their history: the simplest PurchaseModel.
type steadyBuyer struct{ perWeek float64 }

func (s steadyBuyer) ConditionalExpectedPurchases(_ cxmetrics.RFM, weeks float64) (float64, error) {
	return s.perWeek * weeks, nil
}

func ExamplePurchaseModel() {
	// Any type with the method is a PurchaseModel: here, one purchase a
	// month (52/12 weeks) of $35 for a year, discounted at 1% a month.
	var model cxmetrics.PurchaseModel = steadyBuyer{perWeek: 12.0 / 52}
	spend := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44} // $35.22 a purchase
	v, _ := cxmetrics.ExpectedLifetimeValue(model, spend, cxmetrics.RFM{T: 10},
		cxmetrics.CLVHorizon{Horizon: 52, Step: 52.0 / 12, DiscountRate: 1, Margin: 100})
	fmt.Printf("$%.2f\n", v)
	// Output: $396.39
}

func ExampleCLVHorizon() {
	// Two years of weeks, in monthly steps, at 10% a year turned into a
	// monthly rate (not 10/12), valued at a 30% gross margin.
	monthly := 100 * (math.Pow(1.10, 1.0/12) - 1)
	h := cxmetrics.CLVHorizon{Horizon: 104, Step: 52.0 / 12, DiscountRate: monthly, Margin: 30}
	fmt.Printf("%.0f steps of %.2f weeks at %.3f%% a step\n", h.Horizon/h.Step, h.Step, h.DiscountRate)
	// Output: 24 steps of 4.33 weeks at 0.797% a step
}

func ExampleExpectedLifetimeValue() {
	// Donors of the BG/BB paper: the value of the next five yearly
	// appeals at 10% a year, with a spend model of gifts whose mean is
	// pγ/(q − 1) = $50, and each donor's mean repeat gift as Monetary.
	donations := cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	gifts := cxmetrics.GammaGamma{P: 5, Q: 3, Gamma: 20}
	fiveYears := cxmetrics.CLVHorizon{Horizon: 5, Step: 1, DiscountRate: 10, Margin: 100}
	for _, donor := range []cxmetrics.RFM{
		{Frequency: 6, Recency: 6, T: 6, Monetary: 60}, // gave every year
		{Frequency: 2, Recency: 4, T: 6, Monetary: 40}, // twice, the last in 1999
		{T: 6}, // never again
	} {
		v, err := cxmetrics.ExpectedLifetimeValue(donations, gifts, donor, fiveYears)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("x %d, t_x %v: $%6.2f\n", donor.Frequency, donor.Recency, v)
	}
	// Output:
	// x 6, t_x 6: $170.75
	// x 2, t_x 4: $ 33.77
	// x 0, t_x 0: $  2.79
}

func ExampleExpectedLifetimeValues() {
	// The value of each CDNOW customer's next year, in monthly steps at
	// 1% a month, under a purchase model fitted elsewhere (here the
	// steady one above, half a purchase a week, the same for everyone)
	// and the spend model fitted on the customers' own spend.
	customers := cdnowExample()
	spend, err := cxmetrics.FitGammaGamma(customers)
	if err != nil {
		fmt.Println(err)
		return
	}
	values, err := cxmetrics.ExpectedLifetimeValues(steadyBuyer{perWeek: 0.5}, spend, customers,
		cxmetrics.CLVHorizon{Horizon: 52, Step: 52.0 / 12, DiscountRate: 1, Margin: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	order := make([]int, len(values))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return values[order[i]] > values[order[j]] })
	for _, i := range order[:3] {
		fmt.Printf("customers[%d]: %d repeat purchases of $%.2f: $%.2f\n", i, customers[i].Frequency, customers[i].Monetary, values[i])
	}
	// Output:
	// customers[1900]: 21 repeat purchases of $299.63: $7174.78
	// customers[1695]: 2 repeat purchases of $245.21: $5057.59
	// customers[243]: 5 repeat purchases of $194.86: $4437.56
}
