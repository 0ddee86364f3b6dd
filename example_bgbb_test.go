package cxmetrics_test

import (
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

// donationRows returns the donation data of Fader, Hardie & Shang (2010):
// donors who first gave in 1995, by their repeat donations in the six
// yearly appeals of 1996-2001 (x), the appeal of the last (t_x), and how
// many donors share that history.
func donationRows() ([]cxmetrics.RFM, []int64) {
	rows := [][4]int64{
		{0, 0, 6, 3464}, {1, 1, 6, 1091}, {1, 2, 6, 277}, {1, 3, 6, 129}, {1, 4, 6, 78}, {1, 5, 6, 119},
		{1, 6, 6, 129}, {2, 2, 6, 613}, {2, 3, 6, 255}, {2, 4, 6, 155}, {2, 5, 6, 173}, {2, 6, 6, 234},
		{3, 3, 6, 322}, {3, 4, 6, 181}, {3, 5, 6, 225}, {3, 6, 6, 357}, {4, 4, 6, 240}, {4, 5, 6, 284},
		{4, 6, 6, 512}, {5, 5, 6, 335}, {5, 6, 6, 728}, {6, 6, 6, 1203},
	}
	customers := make([]cxmetrics.RFM, len(rows))
	weights := make([]int64, len(rows))
	for i, r := range rows {
		customers[i] = cxmetrics.RFM{Frequency: r[0], Recency: float64(r[1]), T: float64(r[2])}
		weights[i] = r[3]
	}
	return customers, weights
}

func ExampleBGBB() {
	// The published model of the donations (Fader, Hardie & Shang 2010).
	m := cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	// A donor who gave in 1996 and 1999 (opportunities 1 and 4 of 6).
	donor := cxmetrics.RFM{Frequency: 2, Recency: 4, T: 6}
	alive, _ := m.ProbabilityAlive(donor)
	next5, _ := m.ConditionalExpectedPurchases(donor, 5)
	fmt.Printf("P(alive in 2002) %.2f, expected donations 2002-2006 %.2f\n", alive, next5)
	// Output: P(alive in 2002) 0.59, expected donations 2002-2006 1.06
}

func ExampleFitBGBB() {
	customers, weights := donationRows()
	var report cxmetrics.FitReport
	m, err := cxmetrics.FitBGBB(customers, weights, cxmetrics.Report(&report))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("α %.3f, β %.3f, γ %.3f, δ %.3f\n", m.Alpha, m.Beta, m.Gamma, m.Delta)
	fmt.Printf("%d donors, log-likelihood %.1f\n", report.Customers, report.LogLikelihood)

	// Opportunities are whole numbers.
	_, err = cxmetrics.FitBGBB([]cxmetrics.RFM{{Frequency: 1, Recency: 2.5, T: 6}}, nil)
	fmt.Println(err)
	// Output:
	// α 1.204, β 0.750, γ 0.657, δ 2.783
	// 11104 donors, log-likelihood -33225.6
	// cxmetrics: invalid argument: customers[0]: recency 2.5 and T 6 must be whole numbers of opportunities
}

func ExampleBGBB_LogLikelihood() {
	customers, weights := donationRows()
	m := cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	ll, _ := m.LogLikelihood(customers, weights)
	fmt.Printf("%.1f\n", ll)
	// Output: -33225.6
}

func ExampleBGBB_ProbabilityAlive() {
	m := cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	// The paper's P(alive in 2002) for a donor with six repeat donations,
	// the last in 2001, and for one with two, the last in 1999.
	for _, c := range []cxmetrics.RFM{{Frequency: 6, Recency: 6, T: 6}, {Frequency: 2, Recency: 4, T: 6}, {T: 6}} {
		p, _ := m.ProbabilityAlive(c)
		fmt.Printf("x %d, t_x %v: %.2f\n", c.Frequency, c.Recency, p)
	}
	// Output:
	// x 6, t_x 6: 0.93
	// x 2, t_x 4: 0.59
	// x 0, t_x 0: 0.11
}

func ExampleBGBB_ExpectedPurchases() {
	m := cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	for _, n := range []float64{1, 6, 10, 100} {
		e, _ := m.ExpectedPurchases(n)
		fmt.Printf("E[X(%v)] = %.3f\n", n, e)
	}
	// Output:
	// E[X(1)] = 0.498
	// E[X(6)] = 2.220
	// E[X(10)] = 3.179
	// E[X(100)] = 11.590
}

func ExampleBGBB_ConditionalExpectedPurchases() {
	customers, weights := donationRows()
	m := cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	// Expected donations in the five appeals of 2002-2006, by donor and
	// in total.
	total := 0.0
	for i, c := range customers {
		e, err := m.ConditionalExpectedPurchases(c, 5)
		if err != nil {
			fmt.Println(err)
			return
		}
		total += float64(weights[i]) * e
	}
	best, _ := m.ConditionalExpectedPurchases(cxmetrics.RFM{Frequency: 6, Recency: 6, T: 6}, 5)
	fmt.Printf("a donor every year: %.2f; all 11,104 donors: %.0f\n", best, total)
	// Output: a donor every year: 3.75; all 11,104 donors: 12882
}

func ExampleBGBB_ProbabilityOfPurchases() {
	m := cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	// How many of 11,104 new donors make x repeat donations in six appeals.
	for x := int64(0); x <= 6; x++ {
		p, _ := m.ProbabilityOfPurchases(x, 6)
		fmt.Printf("%d: %6.1f\n", x, 11104*p)
	}
	// Output:
	// 0: 3455.8
	// 1: 1888.9
	// 2: 1348.9
	// 3: 1113.3
	// 4: 1017.8
	// 5: 1026.9
	// 6: 1252.4
}
