package cxmetrics_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// exampleLifetimes are the months ten customers stayed: seven churned,
// three still subscribe (censored).
var exampleLifetimes = []cxmetrics.Lifetime{
	{Duration: 1, Churned: true}, {Duration: 2, Churned: true}, {Duration: 2, Churned: true},
	{Duration: 3, Churned: false}, {Duration: 4, Churned: true}, {Duration: 5, Churned: true},
	{Duration: 6, Churned: false}, {Duration: 7, Churned: true}, {Duration: 9, Churned: true},
	{Duration: 12, Churned: false},
}

// ExampleLifetime: a customer who churned after 5 months, and one who
// has stayed 8 months so far.
func ExampleLifetime() {
	churned := cxmetrics.Lifetime{Duration: 5, Churned: true}
	stays := cxmetrics.Lifetime{Duration: 8}
	fmt.Printf("%+v %+v\n", churned, stays)
	// Output:
	// {Duration:5 Churned:true} {Duration:8 Churned:false}
}

// ExampleCountLifetimes turns lifetimes into a life table.
func ExampleCountLifetimes() {
	rows, err := cxmetrics.CountLifetimes(exampleLifetimes[:5])
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		fmt.Printf("%v months: %d churned, %d censored\n", r.Duration, r.Churned, r.Censored)
	}
	// Output:
	// 1 months: 1 churned, 0 censored
	// 2 months: 2 churned, 0 censored
	// 3 months: 0 churned, 1 censored
	// 4 months: 1 churned, 0 censored
}

// ExampleKaplanMeier estimates the retention curve of ten customers,
// three of whom still subscribe.
func ExampleKaplanMeier() {
	c, err := cxmetrics.KaplanMeier(exampleLifetimes, 0.95)
	if err != nil {
		panic(err)
	}
	for _, s := range c.Steps {
		fmt.Printf("month %2v: %2d at risk, %d churned, S %.3f ± %.3f, 95%% CI %.3f-%.3f\n",
			s.Time, s.AtRisk, s.Churned, s.Survival, s.StdErr, s.Interval.Lo, s.Interval.Hi)
	}
	// Output:
	// month  1: 10 at risk, 1 churned, S 0.900 ± 0.095, 95% CI 0.473-0.985
	// month  2:  9 at risk, 2 churned, S 0.700 ± 0.145, 95% CI 0.329-0.892
	// month  4:  6 at risk, 1 churned, S 0.583 ± 0.161, 95% CI 0.230-0.821
	// month  5:  5 at risk, 1 churned, S 0.467 ± 0.166, 95% CI 0.150-0.737
	// month  7:  3 at risk, 1 churned, S 0.311 ± 0.168, 95% CI 0.055-0.625
	// month  9:  2 at risk, 1 churned, S 0.156 ± 0.139, 95% CI 0.009-0.483
}

// ExampleLifetimeCount gives lifetimes already counted by month, as a
// warehouse query returns them.
func ExampleLifetimeCount() {
	rows := []cxmetrics.LifetimeCount{
		{Duration: 1, Churned: 120, Censored: 30},
		{Duration: 2, Churned: 80, Censored: 25},
		{Duration: 3, Churned: 40, Censored: 705},
	}
	c, err := cxmetrics.KaplanMeierCounts(rows, 0.95)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d customers, %d churned; S(3) = %.4f\n", c.Subjects, c.Churned, c.Steps[2].Survival)
	// Output:
	// 1000 customers, 240 churned; S(3) = 0.7544
}

// ExampleKaplanMeierCounts estimates a curve from a life table.
func ExampleKaplanMeierCounts() {
	rows := []cxmetrics.LifetimeCount{{Duration: 12, Churned: 30, Censored: 170}, {Duration: 1, Churned: 50}}
	c, err := cxmetrics.KaplanMeierCounts(rows, 0.9)
	if err != nil {
		panic(err)
	}
	for _, s := range c.Steps {
		fmt.Printf("month %v: S %.4f, 90%% CI %.4f-%.4f\n", s.Time, s.Survival, s.Interval.Lo, s.Interval.Hi)
	}
	// Output:
	// month 1: S 0.8000, 90% CI 0.7545-0.8380
	// month 12: S 0.6800, 90% CI 0.6287-0.7258
}

// ExampleSurvivalCurve reads a curve: how many were estimated from, and
// how far it is known.
func ExampleSurvivalCurve() {
	c, err := cxmetrics.KaplanMeier(exampleLifetimes, 0.95)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d lifetimes, %d churned, %d steps, known to month %v\n", c.Subjects, c.Churned, len(c.Steps), c.MaxDuration)
	// Output:
	// 10 lifetimes, 7 churned, 6 steps, known to month 12
}

// ExampleSurvivalStep prints the last step of a curve.
func ExampleSurvivalStep() {
	c, err := cxmetrics.KaplanMeier(exampleLifetimes, 0.95)
	if err != nil {
		panic(err)
	}
	s := c.Steps[len(c.Steps)-1]
	fmt.Printf("%+v\n", s)
	// Output:
	// {Time:9 AtRisk:2 Churned:1 Survival:0.15555555555555559 StdErr:0.13851059593108822 Interval:{Lo:0.008621439368647886 Hi:0.48268599039106996}}
}

// ExampleSurvivalCurve_At answers "what share is still with us after 6
// months?", and refuses an age past the data.
func ExampleSurvivalCurve_At() {
	c, err := cxmetrics.KaplanMeier(exampleLifetimes, 0.95)
	if err != nil {
		panic(err)
	}
	s, err := c.At(6)
	if err != nil {
		panic(err)
	}
	fmt.Printf("still customers at 6 months: %.1f%% (95%% CI %.1f%%-%.1f%%)\n", 100*s.Survival, 100*s.Interval.Lo, 100*s.Interval.Hi)
	_, err = c.At(24)
	fmt.Println(errors.Is(err, cxmetrics.ErrUndefined), err)
	// Output:
	// still customers at 6 months: 46.7% (95% CI 15.0%-73.7%)
	// true cxmetrics: out of range: age 24 is past the longest lifetime observed, 12
}

// ExampleSurvivalCurve_Median answers "how long does a customer stay?".
func ExampleSurvivalCurve_Median() {
	c, err := cxmetrics.KaplanMeier(exampleLifetimes, 0.95)
	if err != nil {
		panic(err)
	}
	m, err := c.Median()
	if err != nil {
		panic(err)
	}
	hi := "not reached"
	if m.HiReached {
		hi = fmt.Sprint(m.Interval.Hi)
	}
	fmt.Printf("median %v months, 95%% CI %v to %s\n", m.Median, m.Interval.Lo, hi)
	// Output:
	// median 5 months, 95% CI 1 to 9
}

// ExampleMedianLifetime shows a median whose upper limit the data do not
// reach: Gehan's 6-MP arm, as R's survfit prints it (23, 13, NA).
func ExampleMedianLifetime() {
	c, err := cxmetrics.KaplanMeier(lifetimesOf(gehan6MP, gehan6MPStatus), 0.95)
	if err != nil {
		panic(err)
	}
	m, err := c.Median()
	if err != nil {
		panic(err)
	}
	fmt.Printf("median %v (%v, reached %v; %v, reached %v)\n", m.Median, m.Interval.Lo, m.LoReached, m.Interval.Hi, m.HiReached)
	// Output:
	// median 23 (13, reached true; 35, reached false)
}

// ExampleLogRank compares the monthly plan's customers with the annual
// plan's.
func ExampleLogRank() {
	monthly := exampleLifetimes
	annual := []cxmetrics.Lifetime{
		{Duration: 12, Churned: true}, {Duration: 12}, {Duration: 10}, {Duration: 12}, {Duration: 8, Churned: true},
		{Duration: 12}, {Duration: 11}, {Duration: 12, Churned: true}, {Duration: 7}, {Duration: 12},
	}
	r, err := cxmetrics.LogRank(monthly, annual)
	if err != nil {
		panic(err)
	}
	fmt.Printf("chi2 %.3f on %d df, p %.4f; observed %v, expected %.2f\n", r.Chi2, r.DF, r.P, r.Observed, r.Expected)
	// Output:
	// chi2 8.336 on 1 df, p 0.0039; observed [7 3], expected [3.05 6.95]
}

// ExampleLogRankCounts tests Gehan's two arms and the aml trial's
// maintained arm at once, from life tables, as R's survdiff does.
func ExampleLogRankCounts() {
	var groups [][]cxmetrics.LifetimeCount
	for _, g := range [][]cxmetrics.Lifetime{
		lifetimesOf(gehan6MP, gehan6MPStatus), lifetimesOf(gehanPlacebo, gehanPlStatus), lifetimesOf(amlMaintained, amlMaintainedStatus),
	} {
		rows, err := cxmetrics.CountLifetimes(g)
		if err != nil {
			panic(err)
		}
		groups = append(groups, rows)
	}
	r, err := cxmetrics.LogRankCounts(groups...)
	if err != nil {
		panic(err)
	}
	fmt.Printf("chi2 %.1f on %d df, p %.3g\n", r.Chi2, r.DF, r.P)
	// Output:
	// chi2 28.6 on 2 df, p 6.31e-07
}

// ExampleLogRankResult prints a result whole.
func ExampleLogRankResult() {
	r, err := cxmetrics.LogRank(lifetimesOf(gehan6MP, gehan6MPStatus), lifetimesOf(gehanPlacebo, gehanPlStatus))
	if err != nil {
		panic(err)
	}
	fmt.Printf("chi2 %.1f, df %d, p %.3g, observed %v\n", r.Chi2, r.DF, r.P, r.Observed)
	// Output:
	// chi2 16.8, df 1, p 4.17e-05, observed [9 21]
}

// ExampleLogRankResult_Significant: Gehan's arms differ at 5% and at
// 0.1%, not at 1e-6.
func ExampleLogRankResult_Significant() {
	r, err := cxmetrics.LogRank(lifetimesOf(gehan6MP, gehan6MPStatus), lifetimesOf(gehanPlacebo, gehanPlStatus))
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Significant(0.05), r.Significant(0.001), r.Significant(1e-6))
	// Output:
	// true true false
}

// ExampleSpells shows the two ways to count a customer who comes back.
func ExampleSpells() {
	// acme pays in months 0-1, leaves, and returns in month 3.
	h, err := cxmetrics.NewMRRHistory[string](5, cxmetrics.PeriodOrder)
	if err != nil {
		panic(err)
	}
	for _, p := range []int{0, 1, 3, 4} {
		if err := h.Add("acme", p, 4900); err != nil {
			panic(err)
		}
	}
	for _, spells := range []cxmetrics.Spells{cxmetrics.FirstSpell, cxmetrics.EverySpell} {
		rows, err := h.Lifetimes(spells)
		if err != nil {
			panic(err)
		}
		fmt.Println(spells, rows)
	}
	// Output:
	// FirstSpell [{2 1 0}]
	// EverySpell [{1 0 1} {2 1 0}]
}

// ExampleSpells_String prints the name of a Spells.
func ExampleSpells_String() {
	fmt.Println(cxmetrics.FirstSpell, cxmetrics.EverySpell, cxmetrics.Spells(7))
	// Output:
	// FirstSpell EverySpell Spells(7)
}

// ExampleMRRHistory_Lifetimes pools every cohort of a history into one
// retention curve: young cohorts count up to their age, censored.
func ExampleMRRHistory_Lifetimes() {
	h := exampleHistory()
	rows, err := h.Lifetimes(cxmetrics.FirstSpell)
	if err != nil {
		panic(err)
	}
	fmt.Println(rows)
	c, err := cxmetrics.KaplanMeierCounts(rows, 0.95)
	if err != nil {
		panic(err)
	}
	for _, s := range c.Steps {
		fmt.Printf("age %v: S %.3f\n", s.Time, s.Survival)
	}
	// Output:
	// [{1 1 1} {3 1 0}]
	// age 1: S 0.667
	// age 3: S 0.000
}

// ExampleMRRLedger_Lifetimes counts lifetimes in calendar months, leaving
// out the opening book's customers, whose start is not known.
func ExampleMRRLedger_Lifetimes() {
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, cxmetrics.OpeningBalance())
	month := func(m time.Month) time.Time { return time.Date(2024, m, 1, 0, 0, 0, 0, time.UTC) }
	for _, e := range []struct {
		customer string
		months   []time.Month
	}{
		{"old", []time.Month{1, 2, 3}},     // in the opening book: left out
		{"a", []time.Month{2, 3, 4, 5, 6}}, // censored at age 4
		{"b", []time.Month{3, 4}},          // churns at age 2
		{"c", []time.Month{4, 5, 6}},       // censored at age 2
		{"d", []time.Month{5}},             // churns at age 1
	} {
		for _, m := range e.months {
			if err := l.Add(e.customer, month(m), 2900); err != nil {
				panic(err)
			}
		}
	}
	rows, err := l.Lifetimes(cxmetrics.FirstSpell)
	if err != nil {
		panic(err)
	}
	fmt.Println(rows)
	// Output:
	// [{1 1 0} {2 1 1} {4 0 1}]
}
