package cxmetrics_test

import (
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleFitShiftedBetaGeometric() {
	// Fader & Hardie 2007: a cohort of 1,000 "high end" customers over
	// seven annual renewals.
	highEnd := []int64{1000, 869, 743, 653, 593, 551, 517, 491}
	var report cxmetrics.FitReport
	m, err := cxmetrics.FitShiftedBetaGeometric([][]int64{highEnd}, cxmetrics.Report(&report))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("α %.3f (± %.3f), β %.3f (± %.3f)\n", m.Alpha, report.StdErr[0], m.Beta, report.StdErr[1])

	// Cohorts acquired later have been seen for fewer years; they are
	// fitted together, their survivors right-censored.
	m, _ = cxmetrics.FitShiftedBetaGeometric([][]int64{highEnd, {1000, 880, 760, 675}, {1000, 862}})
	fmt.Printf("α %.3f, β %.3f\n", m.Alpha, m.Beta)

	_, err = cxmetrics.FitShiftedBetaGeometric([][]int64{{100, 90, 95}})
	fmt.Println(err)
	// Output:
	// α 0.668 (± 0.104), β 3.806 (± 0.786)
	// α 0.796, β 4.865
	// cxmetrics: inconsistent figures: cohorts[0][2]: 95 customers active at age 2, more than the 90 at age 1
}

func ExampleShiftedBetaGeometric_Survival() {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.668, Beta: 3.806}
	for _, year := range []int{0, 7, 12} {
		s, _ := m.Survival(year)
		fmt.Printf("year %d: %.1f%% still active\n", year, 100*s)
	}
	// Output:
	// year 0: 100.0% still active
	// year 7: 48.9% still active
	// year 12: 37.8% still active
}

func ExampleShiftedBetaGeometric_Retention() {
	// Retention rises with age although no customer changes: the ones
	// who stay are the loyal ones.
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.704, Beta: 1.182}
	for _, year := range []int{1, 2, 5, 10} {
		r, _ := m.Retention(year)
		fmt.Printf("renewal %d: %.1f%%\n", year, 100*r)
	}
	// Output:
	// renewal 1: 62.7%
	// renewal 2: 75.6%
	// renewal 5: 88.0%
	// renewal 10: 93.5%
}

func ExampleShiftedBetaGeometric_ExpectedSurvivors() {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.704, Beta: 1.182}
	n, _ := m.ExpectedSurvivors(1000, 12)
	fmt.Printf("%.0f\n", n)
	// Output: [1000 627 474 388 332 292 262 239 220 204 191 180 170]
}

func ExampleShiftedBetaGeometric_LogLikelihood() {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.668, Beta: 3.806}
	ll, _ := m.LogLikelihood([][]int64{{1000, 869, 743, 653, 593, 551, 517, 491}})
	fmt.Printf("%.2f\n", ll)
	// Output: -1611.16
}

func ExampleShiftedBetaGeometric_DiscountedLifetime() {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.668, Beta: 3.806}
	del, _ := m.DiscountedLifetime(10) // 10% a year, annual contracts
	fmt.Printf("%.3f years\n", del)

	// Undiscounted, the lifetime is unbounded for α ≤ 1.
	_, err := m.DiscountedLifetime(0)
	fmt.Println(err)
	// Output:
	// 5.923 years
	// cxmetrics: invalid argument: discount 0% with α 0.668 ≤ 1: the expected lifetime is unbounded
}

func ExampleShiftedBetaGeometric_DiscountedResidualLifetime() {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.668, Beta: 3.806}
	for _, renewals := range []int{0, 1, 7} {
		derl, _ := m.DiscountedResidualLifetime(renewals, 10)
		fmt.Printf("after %d renewals: %.3f years to come\n", renewals, derl)
	}
	// Output:
	// after 0 renewals: 5.415 years to come
	// after 1 renewals: 5.902 years to come
	// after 7 renewals: 7.530 years to come
}

func ExampleShiftedBetaGeometric_LifetimeValue() {
	// $100.00 a year at 80% margin, discounted at 10% a year.
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.704, Beta: 1.182}
	v, _ := m.LifetimeValue(10000, 80, 10)
	fmt.Printf("sBG: $%.2f\n", v/100)

	// The closed form with the first year's churn, 37.3%, sees every
	// customer as a new one.
	c, _ := cxmetrics.DiscountedLifetimeValue(10000, 80, 37.3, 10)
	fmt.Printf("constant churn: $%.2f\n", c/100)
	// Output:
	// sBG: $295.61
	// constant churn: $186.05
}

func ExampleShiftedBetaGeometric_ResidualValue() {
	// The 241 regular customers left after seven renewals, at $100.00 a
	// year, 80% margin and 10% a year.
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.704, Beta: 1.182}
	v, _ := m.ResidualValue(7, 10000, 80, 10)
	fmt.Printf("each $%.2f, the cohort $%.0f\n", v/100, 241*v/100)
	// Output: each $547.41, the cohort $131926
}

func ExampleShiftedBetaGeometric() {
	// Fit monthly cohorts of different ages, project the youngest, and
	// value its survivors.
	cohorts := [][]int64{
		{400, 352, 318, 296, 280, 268, 259},
		{380, 331, 300, 281},
		{420, 370},
	}
	m, err := cxmetrics.FitShiftedBetaGeometric(cohorts)
	if err != nil {
		fmt.Println(err)
		return
	}
	n, _ := m.ExpectedSurvivors(420, 6)
	fmt.Printf("the youngest cohort at 6 months: %.0f of 420\n", n[6])
	v, _ := m.ResidualValue(1, 4900, 75, 0.8) // $49 a month, 75% margin, 0.8% a month
	fmt.Printf("each of its 370 customers: $%.2f\n", v/100)
	// Output:
	// the youngest cohort at 6 months: 271 of 420
	// each of its 370 customers: $1847.54
}
