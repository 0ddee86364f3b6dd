package cxmetrics_test

import (
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleNPSTrend() {
	// Six months of NPS: is it falling, or is this month's dip noise?
	var months []cxmetrics.NPSResult
	for _, c := range [][3]int64{{50, 30, 20}, {48, 30, 22}, {45, 30, 25}, {44, 28, 28}, {40, 30, 30}, {38, 30, 32}} {
		r, _ := cxmetrics.NPSFromCounts(c[0], c[1], c[2])
		months = append(months, r)
	}
	tr, _ := cxmetrics.NPSTrend(months, 0.95)
	fmt.Printf("%+.1f points a month, 95%% interval %.1f to %.1f, p = %.3f\n", tr.Slope, tr.Interval.Lo, tr.Interval.Hi, tr.P)
	// The last two months alone say much less.
	c, _ := cxmetrics.CompareNPS(months[4], months[5], 0.95)
	fmt.Printf("last month %+.1f points, p = %.3f\n", c.Diff, c.P)
	// Output:
	// -4.8 points a month, 95% interval -8.5 to -1.0, p = 0.012
	// last month -4.0 points, p = 0.737
}

func ExampleCSATTrend() {
	// R's prop.trend.test example: the share of smokers in four groups.
	periods := []cxmetrics.CSATResult{
		{Satisfied: 83, Total: 86}, {Satisfied: 90, Total: 93},
		{Satisfied: 129, Total: 136}, {Satisfied: 70, Total: 82},
	}
	tr, _ := cxmetrics.CSATTrend(periods, 0.95)
	fmt.Printf("%+.2f points a period, chi-squared %.4f, p = %.6f\n", tr.Slope, tr.Z*tr.Z, tr.P)
	// Output: -3.34 points a period, chi-squared 8.2249, p = 0.004132
}

func ExampleCESTrend() {
	var quarters []cxmetrics.CESResult
	for _, c := range [][]int64{ // answers 1 to 7 of CES 2.0, per quarter
		{4, 6, 10, 20, 30, 20, 10},
		{3, 5, 9, 18, 30, 24, 11},
		{2, 4, 8, 16, 30, 26, 14},
		{2, 3, 6, 14, 30, 29, 16},
	} {
		s, _ := cxmetrics.NewSurvey(cxmetrics.CESScale)
		for i, n := range c {
			s.AddN(i+1, n)
		}
		r, _ := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
		quarters = append(quarters, r)
	}
	tr, _ := cxmetrics.CESTrend(quarters, 0.95)
	fmt.Printf("%+.3f a quarter on 1-7 (± %.3f), p = %.4f\n", tr.Slope, tr.StdErr, tr.P)
	// Output: +0.175 a quarter on 1-7 (± 0.064), p = 0.0067
}

func ExampleTrend() {
	periods := []cxmetrics.CSATResult{{Satisfied: 40, Total: 100}, {Satisfied: 45, Total: 110}, {Satisfied: 52, Total: 105}}
	tr, _ := cxmetrics.CSATTrend(periods, 0.95)
	fmt.Printf("over %d periods: %+.1f points a period, z = %.2f, p = %.3f, rising: %v\n",
		tr.Periods, tr.Slope, tr.Z, tr.P, tr.Interval.Lo > 0)
	// Output: over 3 periods: +4.8 points a period, z = 1.38, p = 0.166, rising: false
}
