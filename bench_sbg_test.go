package cxmetrics_test

import (
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

var (
	sbgSinkModel cxmetrics.ShiftedBetaGeometric
	sbgSinkFloat float64
	sbgSinkErr   error
)

// sbgBenchCohorts returns n monthly cohorts of 10,000 customers, cohort
// i observed for n − i months, each count the rounded expectation of
// α 0.7, β 6.
func sbgBenchCohorts(b *testing.B, n int) [][]int64 {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.7, Beta: 6}
	exp, err := m.ExpectedSurvivors(10000, n)
	if err != nil {
		b.Fatal(err)
	}
	cohorts := make([][]int64, n)
	for i := range cohorts {
		c := make([]int64, n-i+1)
		for t := range c {
			c[t] = int64(math.Round(exp[t]))
		}
		cohorts[i] = c
	}
	return cohorts
}

func BenchmarkFitShiftedBetaGeometric(b *testing.B) {
	for _, n := range []struct {
		name    string
		cohorts [][]int64
	}{
		{"FaderHardie/1x8", [][]int64{sbgHighEnd}},
		{"monthly/120x120", sbgBenchCohorts(b, 120)},
	} {
		b.Run(n.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sbgSinkModel, sbgSinkErr = cxmetrics.FitShiftedBetaGeometric(n.cohorts)
			}
		})
	}
}

func BenchmarkShiftedBetaGeometric(b *testing.B) {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.668, Beta: 3.806}
	b.Run("Survival", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sbgSinkFloat, sbgSinkErr = m.Survival(120)
		}
	})
	b.Run("Retention", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sbgSinkFloat, sbgSinkErr = m.Retention(120)
		}
	})
	for _, d := range []struct {
		name     string
		discount float64
	}{{"10%", 10}, {"1%", 1}, {"0.1%", 0.1}} {
		b.Run("DiscountedResidualLifetime/"+d.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sbgSinkFloat, sbgSinkErr = m.DiscountedResidualLifetime(7, d.discount)
			}
		})
	}
	b.Run("DiscountedResidualLifetime/alpha1/0.1%", func(b *testing.B) {
		m := cxmetrics.ShiftedBetaGeometric{Alpha: 1.0000001, Beta: 2}
		b.ReportAllocs()
		for b.Loop() {
			sbgSinkFloat, sbgSinkErr = m.DiscountedResidualLifetime(7, 0.1)
		}
	})
}
