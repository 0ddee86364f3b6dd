package cxmetrics_test

import (
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleAdjustP() {
	// Five segments tested against the rest; two look significant at 5%
	// on their own.
	p := []float64{0.04, 0.01, 0.03, 0.20, 0.50}
	holm, _ := cxmetrics.AdjustP(p, cxmetrics.Holm)
	bh, _ := cxmetrics.AdjustP(p, cxmetrics.BenjaminiHochberg)
	for i := range p {
		fmt.Printf("raw %.2f  Holm %.3f  BH %.3f\n", p[i], holm[i], bh[i])
	}
	// Output:
	// raw 0.04  Holm 0.120  BH 0.067
	// raw 0.01  Holm 0.050  BH 0.050
	// raw 0.03  Holm 0.120  BH 0.067
	// raw 0.20  Holm 0.400  BH 0.250
	// raw 0.50  Holm 0.500  BH 0.500
}

func ExampleAdjustment() {
	p := []float64{0.001, 0.012, 0.03, 0.04}
	for _, m := range []cxmetrics.Adjustment{cxmetrics.NoAdjustment, cxmetrics.Bonferroni, cxmetrics.Holm, cxmetrics.BenjaminiHochberg} {
		adj, _ := cxmetrics.AdjustP(p, m)
		n := 0
		for _, v := range adj {
			if v < 0.05 {
				n++
			}
		}
		fmt.Printf("%-18s %d of 4 significant at 5%%\n", m, n)
	}
	// Output:
	// none               4 of 4 significant at 5%
	// Bonferroni         2 of 4 significant at 5%
	// Holm               2 of 4 significant at 5%
	// Benjamini-Hochberg 4 of 4 significant at 5%
}

func ExampleAdjustment_String() {
	fmt.Println(cxmetrics.BenjaminiHochberg)
	// Output: Benjamini-Hochberg
}
