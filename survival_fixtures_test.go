package cxmetrics_test

import (
	"math"

	"github.com/cxmetrics/cxmetrics"
)

// This file holds the data sets of the survival tests: the Freireich
// 6-MP trial (Gehan 1965) and the maintained arm of R's aml data set.

// lifetimesOf returns the lifetimes of durations, churned where status
// is 1 and censored where it is 0.
func lifetimesOf(durations []float64, status []int) []cxmetrics.Lifetime {
	out := make([]cxmetrics.Lifetime, len(durations))
	for i, d := range durations {
		out[i] = cxmetrics.Lifetime{Duration: d, Churned: status[i] == 1}
	}
	return out
}

// The remission times in weeks of the 42 leukaemia patients of Freireich
// et al. (1963), as Gehan (1965) gives them: 6-MP, with 12 censored
// (6+, 9+, 10+, …), and placebo, all relapsed. R's survival package has
// them as gehan in MASS; the tests give them here, status 1 for a relapse.
var (
	gehan6MP       = []float64{6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35}
	gehan6MPStatus = []int{1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0}
	gehanPlacebo   = []float64{1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23}
	gehanPlStatus  = []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}

	// The "Maintained" arm of R's survival::aml (Miller 1981), weeks to
	// relapse: aml[aml$x == "Maintained", ].
	amlMaintained       = []float64{9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161}
	amlMaintainedStatus = []int{1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0}
)

// nan and inf are the hostile durations and ages of the survival tests.
var (
	nan = math.NaN()
	inf = math.Inf(1)
)
