package cxmetrics_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// BenchmarkDriversAdd measures adding one respondent with 10 ratings: it
// must allocate nothing.
func BenchmarkDriversAdd(b *testing.B) {
	rows := correlated(1024, 10, 1)
	d := driversOf(b, rows[:1])
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := d.Add(rows[i&1023]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkDriversStream adds 10⁷ respondents × 10 ratings per operation
// and reports the bytes allocated while streaming them (0: the memory is
// the accumulator's, fixed when it is created) and the size of the
// accumulator's binary form, which holds all of its state.
func BenchmarkDriversStream(b *testing.B) {
	const n = 10_000_000
	rows := correlated(4096, 10, 2)
	b.ReportAllocs()
	var size int
	var streamed uint64
	for b.Loop() {
		d, err := cxmetrics.NewDrivers(10, cxmetrics.NPSScale, cxmetrics.CSATScale)
		if err != nil {
			b.Fatal(err)
		}
		bytes, _ := allocated(func() {
			for i := range n {
				if err := d.Add(rows[i&4095]); err != nil {
					b.Fatal(err)
				}
			}
		})
		streamed = max(streamed, bytes)
		enc, _ := d.MarshalBinary()
		size = len(enc)
	}
	b.ReportMetric(float64(streamed), "B-while-streaming")
	b.ReportMetric(float64(size), "B-accumulator")
}

// BenchmarkKeyDrivers measures the importances of k = 10 and 15 drivers
// from an accumulator: the work depends on k only, not on respondents.
func BenchmarkKeyDrivers(b *testing.B) {
	for _, k := range []int{10, 15} {
		d := driversOf(b, correlated(2000, k, 3))
		for _, fig := range []struct {
			name string
			fn   func(*cxmetrics.Drivers) (cxmetrics.KeyDrivers, error)
		}{{"RelativeWeights", cxmetrics.RelativeWeights}, {"ShapleyRegression", cxmetrics.ShapleyRegression}} {
			b.Run(fmt.Sprintf("%s/k=%d", fig.name, k), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := fig.fn(d); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkBootstrapRelativeWeights measures 1000 resamples of 1000
// respondents with 10 ratings.
func BenchmarkBootstrapRelativeWeights(b *testing.B) {
	rows := correlated(1000, 10, 4)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cxmetrics.BootstrapRelativeWeights(rows, cxmetrics.NPSScale, cxmetrics.CSATScale, 1000, 0.95, rand.NewPCG(1, 2)); err != nil {
			b.Fatal(err)
		}
	}
}
