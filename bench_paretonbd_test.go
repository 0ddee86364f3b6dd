package cxmetrics_test

import (
	"math"
	"math/rand/v2"
	"os"
	"sync"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// paretoSynthetic returns n customers drawn from the Pareto/NBD with the
// CDNOW estimate (weeks), each observed for 1 to 78 weeks after the first
// purchase, from a fixed seed: every customer is drawn on its own, so no
// two rows need be equal.
func paretoSynthetic(n int) []cxmetrics.RFM {
	rng := rand.New(rand.NewPCG(2005, 1987))
	m := cdnowPareto
	customers := make([]cxmetrics.RFM, n)
	for i := range customers {
		lambda := bgGamma(rng, m.R) / m.Alpha
		mu := bgGamma(rng, m.S) / m.Beta
		T := 1 + 77*rng.Float64()
		end := math.Min(T, rng.ExpFloat64()/mu)
		c := cxmetrics.RFM{T: T}
		for at := rng.ExpFloat64() / lambda; at < end; at += rng.ExpFloat64() / lambda {
			c.Frequency++
			c.Recency = at
		}
		customers[i] = c
	}
	return customers
}

var paretoBench = sync.OnceValue(func() []cxmetrics.RFM { return paretoSynthetic(100_000) })

// paretoFile returns the 10⁶ customers that the project's generator
// writes (drawn from the BG/NBD with the CDNOW estimates), from
// $CXMETRICS_BTYD_CSV or /tmp/btyd.csv, and skips b without them:
//
//	/usr/bin/python3 ../shared/bench/gen_btyd.py /tmp/btyd.csv
//	go test -run '^$' -bench 'FitParetoNBD/gen_btyd' -benchtime 3x
func paretoFile(b *testing.B) []cxmetrics.RFM {
	path := os.Getenv("CXMETRICS_BTYD_CSV")
	if path == "" {
		path = "/tmp/btyd.csv"
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no synthetic customers (%v): write them with gen_btyd.py", err)
	}
	rows := readCSV(b, path)
	customers := make([]cxmetrics.RFM, len(rows))
	for i, r := range rows {
		customers[i] = cxmetrics.RFM{Frequency: atoi(b, r[1]), Recency: atof(b, r[2]), T: atof(b, r[3])}
	}
	return customers
}

func BenchmarkFitParetoNBD(b *testing.B) {
	cdnow, _ := cdnowRFM(b)
	for _, bc := range []struct {
		name    string
		data    func(*testing.B) []cxmetrics.RFM
		workers int
	}{
		{"cdnow", func(*testing.B) []cxmetrics.RFM { return cdnow }, 1},
		{"synthetic-1e5/workers-1", func(*testing.B) []cxmetrics.RFM { return paretoBench() }, 1},
		{"synthetic-1e5/workers-2", func(*testing.B) []cxmetrics.RFM { return paretoBench() }, 2},
		{"gen_btyd-file/workers-2", paretoFile, 2},
	} {
		b.Run(bc.name, func(b *testing.B) {
			customers := bc.data(b)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cxmetrics.FitParetoNBD(customers, cxmetrics.Workers(bc.workers)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(customers)), "customers")
		})
	}
}

func BenchmarkParetoNBDLogLikelihood(b *testing.B) {
	cdnow, _ := cdnowRFM(b)
	for _, bc := range []struct {
		name      string
		customers []cxmetrics.RFM
	}{{"cdnow", cdnow}, {"synthetic-1e5", paretoBench()}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cdnowPareto.LogLikelihood(bc.customers); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bc.customers)), "ns/customer")
		})
	}
}

// BenchmarkParetoNBDPredict measures P(alive) and the 52-week conditional
// expectation of every CDNOW customer, and P(X(39) = n) for n up to 20.
func BenchmarkParetoNBDPredict(b *testing.B) {
	cdnow, _ := cdnowRFM(b)
	b.Run("alive+expected52/cdnow", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range cdnow {
				if _, err := cdnowPareto.ProbabilityAlive(c); err != nil {
					b.Fatal(err)
				}
				if _, err := cdnowPareto.ConditionalExpectedPurchases(c, 52); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(cdnow)), "ns/customer")
	})
	for _, bc := range []struct {
		name      string
		customers []cxmetrics.RFM
		workers   int
	}{{"PredictAll/cdnow", cdnow, 1}, {"PredictAll/synthetic-1e5/workers-1", paretoBench(), 1}, {"PredictAll/synthetic-1e5/workers-2", paretoBench(), 2}} {
		b.Run(bc.name, func(b *testing.B) {
			alive := make([]float64, len(bc.customers))
			expected := make([]float64, len(bc.customers))
			b.ReportAllocs()
			for b.Loop() {
				if err := cdnowPareto.PredictAll(bc.customers, 52, alive, expected, cxmetrics.Workers(bc.workers)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bc.customers)), "ns/customer")
		})
	}
	b.Run("pmf-0-20", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for n := int64(0); n <= 20; n++ {
				if _, err := cdnowPareto.ProbabilityOfPurchases(n, 39); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
