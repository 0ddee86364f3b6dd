package cxmetrics_test

import (
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleInterval() {
	iv := cxmetrics.Interval{Lo: 14.05, Hi: 44.20}
	fmt.Printf("%.1f to %.1f\n", iv.Lo, iv.Hi)
	// Output: 14.1 to 44.2
}

func ExampleInterval_Contains() {
	iv := cxmetrics.Interval{Lo: -2.55, Hi: 41.39}
	fmt.Println(iv.Contains(0))
	// Output: true
}

func ExampleComparison() {
	q1, _ := cxmetrics.NPSFromCounts(40, 30, 30)
	q2, _ := cxmetrics.NPSFromCounts(50, 30, 20)
	c, _ := cxmetrics.CompareNPS(q1, q2, 0.95)
	fmt.Printf("change %+.1f points, p = %.3f\n", c.Diff, c.P)
	// Output: change +20.0 points, p = 0.083
}

func ExampleComparison_Significant() {
	q1, _ := cxmetrics.NPSFromCounts(400, 300, 300)
	q2, _ := cxmetrics.NPSFromCounts(500, 300, 200)
	c, _ := cxmetrics.CompareNPS(q1, q2, 0.95)
	fmt.Println(c.Significant(0.05))
	// Output: true
}

func ExampleNPSResult_Interval() {
	r, _ := cxmetrics.NPSFromCounts(50, 30, 20)
	iv, _ := r.Interval(0.95)
	fmt.Printf("NPS %.0f, 95%% interval %.1f to %.1f\n", r.Score, iv.Lo, iv.Hi)
	// Output: NPS 30, 95% interval 14.1 to 44.2
}

func ExampleNPSResult_StdErr() {
	r, _ := cxmetrics.NPSFromCounts(50, 30, 20)
	se, _ := r.StdErr()
	fmt.Printf("NPS %.0f ± %.2f (standard error)\n", r.Score, se)
	// Output: NPS 30 ± 7.81 (standard error)
}

func ExampleCompareNPS() {
	// Each quarter's NPS with its interval, and whether the change is
	// more than noise.
	quarters := []cxmetrics.NPSResult{}
	for _, c := range [][3]int64{{120, 90, 70}, {130, 85, 65}, {160, 80, 50}} {
		r, _ := cxmetrics.NPSFromCounts(c[0], c[1], c[2])
		quarters = append(quarters, r)
	}
	for i, r := range quarters {
		iv, _ := r.Interval(0.95)
		fmt.Printf("Q%d NPS %5.1f [%5.1f, %5.1f]", i+1, r.Score, iv.Lo, iv.Hi)
		if i > 0 {
			c, _ := cxmetrics.CompareNPS(quarters[i-1], r, 0.95)
			fmt.Printf("  change %+5.1f, p = %.3f, significant: %v", c.Diff, c.P, c.Significant(0.05))
		}
		fmt.Println()
	}
	// Output:
	// Q1 NPS  17.9 [  8.3,  27.0]
	// Q2 NPS  23.2 [ 13.6,  32.3]  change  +5.4, p = 0.432, significant: false
	// Q3 NPS  37.9 [ 28.8,  46.3]  change +14.7, p = 0.025, significant: true
}

func ExampleNPSSampleSize() {
	// Answers needed for ±5 points at 95% when last quarter had 40%
	// promoters and 20% detractors, and when nothing is known.
	n, _ := cxmetrics.NPSSampleSize(40, 20, 5, 0.95)
	worst, _ := cxmetrics.NPSSampleSize(50, 50, 5, 0.95)
	fmt.Println(n, worst)
	// Output: 861 1537
}

func ExampleCSATResult_Interval() {
	r := cxmetrics.CSATResult{Satisfied: 81, Total: 263, Score: 100 * 81.0 / 263}
	iv, _ := r.Interval(0.95)
	fmt.Printf("CSAT %.1f%%, 95%% interval %.2f%% to %.2f%%\n", r.Score, iv.Lo, iv.Hi)
	// Output: CSAT 30.8%, 95% interval 25.53% to 36.62%
}

func ExampleCompareCSAT() {
	a := cxmetrics.CSATResult{Satisfied: 48, Total: 80}
	b := cxmetrics.CSATResult{Satisfied: 56, Total: 70}
	c, _ := cxmetrics.CompareCSAT(a, b, 0.95)
	fmt.Printf("%+.1f points [%.2f, %.2f], z = %.2f, p = %.4f\n", c.Diff, c.Interval.Lo, c.Interval.Hi, c.Z, c.P)
	// Output: +20.0 points [5.24, 33.39], z = 2.65, p = 0.0080
}

func ExampleCSATSampleSize() {
	n, _ := cxmetrics.CSATSampleSize(50, 5, 0.95)
	fmt.Println(n)
	// Output: 385
}

func ExampleCESResult_Interval() {
	s, _ := cxmetrics.Tally(cxmetrics.CESScale, []int{7, 6, 7, 5, 4, 6, 7, 1, 5, 6, 7, 6, 5, 4, 7})
	r, _ := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
	iv, _ := r.Interval(0.95)
	fmt.Printf("mean %.2f (sd %.2f), 95%% interval %.2f to %.2f\n", r.Mean, r.StdDev, iv.Lo, iv.Hi)
	// Output: mean 5.53 (sd 1.64), 95% interval 4.62 to 6.44
}

func ExampleCompareCES() {
	before, _ := cxmetrics.Tally(cxmetrics.CESScale, []int{3, 4, 5, 4, 6, 2, 5, 4})
	after, _ := cxmetrics.Tally(cxmetrics.CESScale, []int{6, 5, 7, 6, 5, 7, 6})
	a, _ := cxmetrics.CES(before, cxmetrics.HigherIsEasier)
	b, _ := cxmetrics.CES(after, cxmetrics.HigherIsEasier)
	c, _ := cxmetrics.CompareCES(a, b, 0.95)
	fmt.Printf("%+.2f, t = %.2f on %.1f df, p = %.4f\n", c.Diff, c.Z, c.DF, c.P)
	// Output: +1.88, t = 3.49 on 12.1 df, p = 0.0044
}

func ExampleCESComparison() {
	a := cxmetrics.CESResult{Total: 10, Mean: 0.75, StdDev: 1.789, Scale: cxmetrics.Scale{Min: -2, Max: 6}}
	b := cxmetrics.CESResult{Total: 10, Mean: 2.33, StdDev: 2.002, Scale: cxmetrics.Scale{Min: -2, Max: 6}}
	c, _ := cxmetrics.CompareCES(a, b, 0.95)
	fmt.Printf("t = %.3f, df = %.2f, p = %.4f\n", c.Z, c.DF, c.P)
	// Output: t = 1.861, df = 17.78, p = 0.0794
}

func ExampleWeightedSurvey() {
	// Answers weighted by each account's annual revenue, in thousands.
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	for _, a := range []struct {
		score   int
		revenue float64
	}{{10, 120}, {9, 40}, {6, 300}, {8, 25}, {10, 15}, {3, 10}} {
		_ = s.Add(a.score, a.revenue)
	}
	r, _ := cxmetrics.WeightedNPS(s)
	fmt.Printf("revenue-weighted NPS %.1f from %d answers\n", r.Score, s.Total())
	// Output: revenue-weighted NPS -26.5 from 6 answers
}

func ExampleNewWeightedSurvey() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.CSATScale)
	fmt.Println(s.Scale(), s.Total())
	// Output: 1-5 0
}

func ExampleWeightedSurvey_Add() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	_ = s.Add(9, 2.5)
	err := s.Add(9, -1)
	fmt.Println(s.Weight(9), err)
	// Output: 2.5 cxmetrics: invalid argument: weight -1 of score 9 (want finite and non-negative)
}

func ExampleWeightedSurvey_Merge() {
	eu, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	us, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	_ = eu.Add(10, 1.5)
	_ = us.Add(4, 0.5)
	_ = eu.Merge(us)
	fmt.Println(eu.Total(), eu.TotalWeight())
	// Output: 2 2
}

func ExampleWeightedSurvey_EffectiveN() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	for _, w := range []float64{1, 1, 2, 2} {
		_ = s.Add(9, w)
	}
	ne, _ := s.EffectiveN()
	fmt.Printf("4 answers worth %.1f\n", ne)
	// Output: 4 answers worth 3.6
}

func ExampleWeightedSurvey_Weight() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	_ = s.Add(10, 2)
	_ = s.Add(10, 3)
	fmt.Println(s.Weight(10), s.Weight(0))
	// Output: 5 0
}

func ExampleWeightedSurvey_TotalWeight() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	_ = s.Add(10, 2)
	_ = s.Add(0, 0.5)
	fmt.Println(s.TotalWeight())
	// Output: 2.5
}

func ExampleWeightedSurvey_Total() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	_ = s.Add(10, 0)
	fmt.Println(s.Total())
	// Output: 1
}

func ExampleWeightedSurvey_Scale() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.CESScale)
	fmt.Println(s.Scale())
	// Output: 1-7
}

func ExampleWeightedNPS() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	for _, a := range [][2]float64{{10, 3}, {9, 1}, {8, 2}, {3, 4}} {
		_ = s.Add(int(a[0]), a[1])
	}
	r, _ := cxmetrics.WeightedNPS(s)
	iv, _ := r.Interval(0.95)
	fmt.Printf("NPS %.1f, effective n %.2f, 95%% interval %.1f to %.1f\n", r.Score, r.EffectiveN, iv.Lo, iv.Hi)
	// Output: NPS 0.0, effective n 3.33, 95% interval -63.2 to 63.2
}

func ExampleWeightedNPSResult() {
	r := cxmetrics.WeightedNPSResult{Promoters: 60, Passives: 20, Detractors: 20, EffectiveN: 80, Score: 40}
	se, _ := r.StdErr()
	fmt.Printf("%.1f ± %.2f\n", r.Score, se)
	// Output: 40.0 ± 8.94
}

func ExampleWeightedNPSResult_StdErr() {
	r := cxmetrics.WeightedNPSResult{Promoters: 4, Passives: 2, Detractors: 4, EffectiveN: 10.0 / 3}
	se, _ := r.StdErr()
	fmt.Printf("%.2f\n", se)
	// Output: 48.99
}

func ExampleWeightedNPSResult_Interval() {
	r := cxmetrics.WeightedNPSResult{Promoters: 60, Passives: 20, Detractors: 20, EffectiveN: 80, Score: 40}
	iv, _ := r.Interval(0.90)
	fmt.Printf("%.1f to %.1f\n", iv.Lo, iv.Hi)
	// Output: 24.1 to 53.0
}

func ExampleWeightedCSAT() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.CSATScale)
	for _, a := range [][2]float64{{5, 3}, {4, 1}, {3, 2}, {1, 4}} {
		_ = s.Add(int(a[0]), a[1])
	}
	r, _ := cxmetrics.WeightedCSAT(s)
	iv, _ := r.Interval(0.95)
	fmt.Printf("CSAT %.0f%%, 95%% interval %.1f%% to %.1f%%\n", r.Score, iv.Lo, iv.Hi)
	// Output: CSAT 40%, 95% interval 9.1% to 81.6%
}

func ExampleWeightedCSATTopBox() {
	s, _ := cxmetrics.NewWeightedSurvey(cxmetrics.CSATScale)
	for _, a := range [][2]float64{{5, 3}, {4, 1}, {3, 2}, {1, 4}} {
		_ = s.Add(int(a[0]), a[1])
	}
	r, _ := cxmetrics.WeightedCSATTopBox(s, 1)
	fmt.Printf("top box %.0f%%\n", r.Score)
	// Output: top box 30%
}

func ExampleWeightedCSATResult() {
	r := cxmetrics.WeightedCSATResult{Satisfied: 4, Total: 10, EffectiveN: 10.0 / 3, Score: 40}
	fmt.Printf("%.0f%% on an effective %.1f answers\n", r.Score, r.EffectiveN)
	// Output: 40% on an effective 3.3 answers
}

func ExampleWeightedCSATResult_Interval() {
	r := cxmetrics.WeightedCSATResult{Satisfied: 4, Total: 10, EffectiveN: 10.0 / 3, Score: 40}
	iv, _ := r.Interval(0.95)
	fmt.Printf("%.1f%% to %.1f%%\n", iv.Lo, iv.Hi)
	// Output: 9.1% to 81.6%
}

func ExampleCompareNPSToBenchmark() {
	// Is our NPS above the industry's 30?
	r, _ := cxmetrics.NPSFromCounts(260, 140, 100)
	c, _ := cxmetrics.CompareNPSToBenchmark(r, 30, 0.95)
	fmt.Printf("NPS %.0f, %+.1f points against 30, 95%% interval %+.1f to %+.1f, p = %.3f\n",
		r.Score, c.Diff, c.Interval.Lo, c.Interval.Hi, c.P)
	// Output: NPS 32, +2.0 points against 30, 95% interval -5.1 to +8.7, p = 0.606
}
