package cxmetrics_test

import (
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

// npsBySegment returns the NPS answers of four regions, tallied: counts of
// the answers 0 to 10.
func npsBySegment() map[string]*cxmetrics.Survey {
	segs := map[string]*cxmetrics.Survey{}
	for name, c := range map[string][]int64{
		"APAC":  {2, 1, 2, 3, 4, 5, 8, 15, 20, 25, 15},
		"EU":    {1, 1, 1, 2, 2, 4, 6, 12, 18, 28, 25},
		"LATAM": {3, 2, 4, 4, 6, 8, 10, 14, 16, 18, 15},
		"NA":    {1, 1, 2, 2, 3, 5, 6, 14, 20, 26, 20},
	} {
		s, _ := cxmetrics.NewSurvey(cxmetrics.NPSScale)
		for score, n := range c {
			s.AddN(score, n)
		}
		segs[name] = s
	}
	return segs
}

func ExampleCompareSegmentsNPS() {
	res, _ := cxmetrics.CompareSegmentsNPS(npsBySegment(), 0.95, cxmetrics.Holm)
	fmt.Printf("against the rest (%v):\n", res.Method)
	for _, r := range res.VsRest {
		fmt.Printf("%-5s %+6.1f  p %.3f  adjusted %.3f  %v\n", r.Segment, r.Diff, r.P, r.AdjustedP, r.Significant(0.05))
	}
	fmt.Println("pairs:")
	for _, r := range res.Pairs {
		fmt.Printf("%-5s − %-5s %+6.1f  p %.3f  adjusted %.3f\n", r.Segment, r.Other, r.Diff, r.P, r.AdjustedP)
	}
	// Output:
	// against the rest (Holm):
	// APAC    -4.3  p 0.613  adjusted 0.613  false
	// EU     +23.7  p 0.010  adjusted 0.029  true
	// LATAM  -29.7  p 0.002  adjusted 0.007  true
	// NA     +10.3  p 0.274  adjusted 0.548  false
	// pairs:
	// APAC  − EU     -21.0  p 0.059  adjusted 0.234
	// APAC  − LATAM  +19.0  p 0.103  adjusted 0.308
	// APAC  − NA     -11.0  p 0.326  adjusted 0.651
	// EU    − LATAM  +40.0  p 0.000  adjusted 0.003
	// EU    − NA     +10.0  p 0.361  adjusted 0.651
	// LATAM − NA     -30.0  p 0.009  adjusted 0.045
}

// csatBySegment returns the 1-5 CSAT answers of three support channels.
func csatBySegment() map[string]*cxmetrics.Survey {
	segs := map[string]*cxmetrics.Survey{}
	for name, c := range map[string][]int64{ // answers 1 to 5
		"chat":  {10, 12, 20, 60, 98},
		"email": {15, 20, 35, 70, 60},
		"phone": {8, 10, 22, 55, 105},
	} {
		s, _ := cxmetrics.NewSurvey(cxmetrics.CSATScale)
		for i, n := range c {
			s.AddN(i+1, n)
		}
		segs[name] = s
	}
	return segs
}

func ExampleCompareSegmentsCSAT() {
	res, _ := cxmetrics.CompareSegmentsCSAT(csatBySegment(), 0.95, cxmetrics.BenjaminiHochberg)
	for _, r := range res.VsRest {
		fmt.Printf("%-5s %+5.1f points vs the rest, p %.4f, BH %.4f\n", r.Segment, r.Diff, r.P, r.AdjustedP)
	}
	// Output:
	// chat   +6.5 points vs the rest, p 0.0844, BH 0.0844
	// email -14.5 points vs the rest, p 0.0001, BH 0.0004
	// phone  +8.0 points vs the rest, p 0.0337, BH 0.0505
}

func ExampleCompareSegmentsCES() {
	segs := map[string]*cxmetrics.Survey{}
	for name, c := range map[string][]int64{ // answers 1 to 7, CES 2.0
		"billing": {6, 8, 10, 12, 14, 10, 5},
		"returns": {2, 3, 5, 10, 18, 22, 15},
		"setup":   {1, 2, 4, 8, 16, 24, 20},
	} {
		s, _ := cxmetrics.NewSurvey(cxmetrics.CESScale)
		for i, n := range c {
			s.AddN(i+1, n)
		}
		segs[name] = s
	}
	res, _ := cxmetrics.CompareSegmentsCES(segs, cxmetrics.HigherIsEasier, 0.95, cxmetrics.Holm)
	for _, r := range res.Pairs {
		fmt.Printf("%s − %s: %+.2f, t %.2f on %.0f df, Holm p %.4f\n", r.Segment, r.Other, r.Diff, r.Z, r.DF, r.AdjustedP)
	}
	// Output:
	// billing − returns: -1.12, t -4.05 on 127 df, Holm p 0.0002
	// billing − setup: -1.43, t -5.31 on 122 df, Holm p 0.0000
	// returns − setup: -0.31, t -1.30 on 147 df, Holm p 0.1970
}

func ExampleSegmentComparisons() {
	res, _ := cxmetrics.CompareSegmentsNPS(npsBySegment(), 0.95, cxmetrics.BenjaminiHochberg)
	fmt.Printf("%d segments against the rest, %d pairs, adjusted by %v\n", len(res.VsRest), len(res.Pairs), res.Method)
	// Output: 4 segments against the rest, 6 pairs, adjusted by Benjamini-Hochberg
}

func ExampleSegmentComparison() {
	res, _ := cxmetrics.CompareSegmentsNPS(npsBySegment(), 0.95, cxmetrics.Holm)
	r := res.VsRest[2]
	fmt.Printf("%s: %+.1f points vs the rest, 95%% interval %.1f to %.1f, p %.4f (Holm %.4f)\n",
		r.Segment, r.Diff, r.Interval.Lo, r.Interval.Hi, r.P, r.AdjustedP)
	// Output: LATAM: -29.7 points vs the rest, 95% interval -47.6 to -11.0, p 0.0017 (Holm 0.0068)
}

func ExampleSegmentComparison_Significant() {
	res, _ := cxmetrics.CompareSegmentsCSAT(csatBySegment(), 0.95, cxmetrics.BenjaminiHochberg)
	for _, r := range res.VsRest {
		fmt.Printf("%s: alone %v, after BH %v\n", r.Segment, r.Comparison.Significant(0.05), r.Significant(0.05))
	}
	// Output:
	// chat: alone false, after BH false
	// email: alone true, after BH true
	// phone: alone true, after BH false
}
