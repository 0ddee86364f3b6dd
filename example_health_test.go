package cxmetrics_test

import (
	"fmt"
	"math"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleLifetimeValue() {
	// ChartMogul: ARPA $100 a month, 5% monthly churn, no margin taken.
	ltv, err := cxmetrics.LifetimeValue(100_00, 100, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("$%.2f\n", ltv/100)
	// The same customer at 80% gross margin.
	ltv, _ = cxmetrics.LifetimeValue(100_00, 80, 5)
	fmt.Printf("$%.2f\n", ltv/100)
	// Output:
	// $2000.00
	// $1600.00
}

func ExampleDiscountedLifetimeValue() {
	// ARPA $100 a month, 80% margin, 5% monthly churn, 1% a month
	// discount: 100 × 0.8 × 1.01 / 0.06.
	ltv, err := cxmetrics.DiscountedLifetimeValue(100_00, 80, 5, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("$%.2f\n", ltv/100)
	// Output:
	// $1346.67
}

func ExampleLTVToCAC() {
	ltv, _ := cxmetrics.LifetimeValue(100_00, 80, 5) // $1,600
	ratio, err := cxmetrics.LTVToCAC(ltv, 500_00)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f:1\n", ratio)
	// Output:
	// 3.2:1
}

func ExampleCACPayback() {
	// CAC $1,200, ARPA $200 a month, 80% gross margin: 1200 / 160.
	months, err := cxmetrics.CACPayback(1200_00, 200_00, 80)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f months\n", months)
	// Output:
	// 7.5 months
}

func ExampleHealthScore() {
	s := cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: 90, Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10}
	r, err := cxmetrics.HealthScore(s, w)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f %v\n", r.Score, r.Band)
	// Output:
	// 77.0 green
}

func ExampleHealthWeights() {
	// Only proportions matter: 0.4 and 0.15 weigh usage 8/3 times as much
	// as each other signal, exactly as 8, 3, 3, 3, 3 would.
	w := cxmetrics.HealthWeights{Usage: 0.4, Engagement: 0.15, Support: 0.15, Sentiment: 0.15, Billing: 0.15}
	s := cxmetrics.HealthSignals{Usage: 50, Engagement: 100, Support: 100, Sentiment: 100, Billing: 100}
	r, _ := cxmetrics.HealthScore(s, w)
	fmt.Printf("%.1f\n", r.Score) // 0.4 × 50 + 0.6 × 100
	// Output:
	// 80.0
}

func ExampleHealthSignals() {
	// Sentiment unknown (no survey answered): it drops out and the other
	// weights are renormalised, so the customer is not marked down.
	s := cxmetrics.HealthSignals{Usage: 70, Engagement: 70, Support: 70, Sentiment: math.NaN(), Billing: 70}
	w := cxmetrics.HealthWeights{Usage: 1, Engagement: 1, Support: 1, Sentiment: 1, Billing: 1}
	r, _ := cxmetrics.HealthScore(s, w)
	fmt.Printf("%.1f %v\n", r.Score, r.Band)
	// Output:
	// 70.0 yellow
}

func ExampleHealthContributions() {
	s := cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: math.NaN(), Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 4, Engagement: 2, Support: 2, Sentiment: 1, Billing: 1}
	r, err := cxmetrics.HealthScore(s, w)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := r.Contributions // each w·s / 9, the known weights' sum
	fmt.Printf("usage %.2f, engagement %.2f, support %.2f, sentiment %.2f, billing %.2f\n",
		c.Usage, c.Engagement, c.Support, c.Sentiment, c.Billing)
	// Output:
	// usage 35.56, engagement 13.33, support 15.56, sentiment 0.00, billing 11.11
}

func ExampleHealthResult() {
	s := cxmetrics.HealthSignals{Usage: 30, Engagement: 40, Support: 90, Sentiment: 50, Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 3, Engagement: 2, Support: 2, Sentiment: 2, Billing: 1}
	r, err := cxmetrics.HealthScore(s, w)
	if err != nil {
		fmt.Println(err)
		return
	}
	// (3×30 + 2×40 + 2×90 + 2×50 + 1×100) / 10; usage adds 3×30 / 10.
	fmt.Printf("score %.1f (%v): usage adds %.1f points\n", r.Score, r.Band, r.Contributions.Usage)
	// Output:
	// score 55.0 (yellow): usage adds 9.0 points
}

func ExampleBand() {
	for _, score := range []float64{35, 62, 88} {
		b, _ := cxmetrics.DefaultHealthBands.Band(score)
		fmt.Println(score, b)
	}
	// Output:
	// 35 red
	// 62 yellow
	// 88 green
}

func ExampleBand_String() {
	fmt.Println(cxmetrics.BandGreen.String(), cxmetrics.Band(0).String())
	// Output:
	// green Band(0)
}

func ExampleHealthBands() {
	// A team that calls anything up to 60 red and above 85 green.
	strict := cxmetrics.HealthBands{Red: 60, Yellow: 85}
	b, _ := strict.Band(77)
	d, _ := cxmetrics.DefaultHealthBands.Band(77)
	fmt.Println(b, d)
	// Output:
	// yellow green
}

func ExampleHealthBands_Validate() {
	err := cxmetrics.HealthBands{Red: 80, Yellow: 70}.Validate()
	fmt.Println(err)
	// Output:
	// cxmetrics: invalid argument: health bands red up to 80, yellow up to 70 (need 0 <= red <= yellow <= 100)
}

func ExampleHealthBands_Band() {
	// Gainsight: 0-50 red, 51-75 yellow, 76-100 green.
	for _, score := range []float64{50, 50.5, 75, 75.5} {
		b, err := cxmetrics.DefaultHealthBands.Band(score)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(score, b)
	}
	// Output:
	// 50 red
	// 50.5 yellow
	// 75 yellow
	// 75.5 green
}

func ExampleHealthBands_Score() {
	s := cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: 90, Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10}
	r, err := cxmetrics.HealthBands{Red: 60, Yellow: 85}.Score(s, w)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f %v\n", r.Score, r.Band)
	// Output:
	// 77.0 yellow
}

func ExampleSignal() {
	signals := []cxmetrics.Signal{
		{Name: "seats used", Score: 90, Weight: 3},
		{Name: "executive sponsor", Score: math.NaN(), Weight: 1}, // not known yet
		{Name: "open escalations", Score: 10, Weight: 1},
	}
	score, err := cxmetrics.WeightedScore(signals) // (3×90 + 1×10) / 4
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f\n", score)
	// Output:
	// 70.0
}

func ExampleWeightedScore() {
	score, err := cxmetrics.WeightedScore([]cxmetrics.Signal{
		{Name: "seats used", Score: 90, Weight: 3},
		{Name: "executive sponsor", Score: 50, Weight: 1},
		{Name: "open escalations", Score: 10, Weight: 1},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	band, _ := cxmetrics.DefaultHealthBands.Band(score)
	fmt.Printf("%.1f %v\n", score, band)
	_, err = cxmetrics.WeightedScore([]cxmetrics.Signal{{Name: "NPS", Score: 120, Weight: 1}})
	fmt.Println(err)
	// Output:
	// 66.0 yellow
	// cxmetrics: out of range: signal "NPS" scores 120 (need 0-100, or NaN if unknown)
}

func ExampleNormalizeSignal() {
	// More logins is healthier: 0 a week is worst, 20 is best.
	logins, _ := cxmetrics.NormalizeSignal(12, 0, 20)
	// Fewer open tickets is healthier: 10 is worst, 0 is best.
	tickets, _ := cxmetrics.NormalizeSignal(3, 10, 0)
	// Beyond the best bound the score is clamped.
	power, _ := cxmetrics.NormalizeSignal(35, 0, 20)
	fmt.Printf("%.0f %.0f %.0f\n", logins, tickets, power)
	// Output:
	// 60 70 100
}

func ExampleAverageTimeOnSite() {
	s, err := cxmetrics.AverageTimeOnSite(50*time.Hour, 1000)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.0f s (%v)\n", s, time.Duration(s*float64(time.Second)))
	// Output:
	// 180 s (3m0s)
}

func ExamplePurchaseFrequency() {
	f, err := cxmetrics.PurchaseFrequency(1500, 1000)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f orders per customer\n", f)
	// Output:
	// 1.50 orders per customer
}

func ExampleRepeatPurchaseRate() {
	r, err := cxmetrics.RepeatPurchaseRate(280, 1000)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f%%\n", r)
	// Output:
	// 28.0%
}
