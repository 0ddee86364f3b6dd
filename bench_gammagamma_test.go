package cxmetrics_test

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// The Gamma-Gamma benchmarks run on the CDNOW sample, and on the 10⁶
// synthetic customers of ../shared/bench/gen_btyd.py when they are there:
//
//	/usr/bin/python3 ../shared/bench/gen_btyd.py /tmp/btyd.csv
//	go test -run '^$' -bench GammaGamma -benchtime 20x
//
// (CXMETRICS_BTYD_CSV names another file). Without the file those cases
// are skipped.

var (
	ggSinkModel cxmetrics.GammaGamma
	ggSinkFloat float64
	ggSinkErr   error
)

// ggBenchCustomers returns the customers of the synthetic file, or skips
// b without it.
func ggBenchCustomers(b *testing.B) []cxmetrics.RFM {
	b.Helper()
	path := os.Getenv("CXMETRICS_BTYD_CSV")
	if path == "" {
		path = "/tmp/btyd.csv"
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("no synthetic customers (%v): write them with gen_btyd.py", err)
	}
	defer f.Close()
	var customers []cxmetrics.RFM
	sc := bufio.NewScanner(f)
	sc.Scan() // the header
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ",")
		if len(fields) != 5 {
			b.Fatalf("%s: line %q", path, sc.Text())
		}
		x, err1 := strconv.ParseInt(fields[1], 10, 64)
		tx, err2 := strconv.ParseFloat(fields[2], 64)
		T, err3 := strconv.ParseFloat(fields[3], 64)
		m, err4 := strconv.ParseFloat(fields[4], 64)
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				b.Fatalf("%s: line %q: %v", path, sc.Text(), err)
			}
		}
		customers = append(customers, cxmetrics.RFM{Frequency: x, Recency: tx, T: T, Monetary: m})
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return customers
}

func BenchmarkFitGammaGamma(b *testing.B) {
	cdnow, _ := cdnowRFM(b)
	for _, data := range []struct {
		name string
		load func(*testing.B) []cxmetrics.RFM
	}{
		{"CDNOW", func(*testing.B) []cxmetrics.RFM { return cdnow }},
		{"synthetic1e6", ggBenchCustomers},
	} {
		for _, workers := range []int{1, 2} {
			b.Run(data.name+"/workers="+strconv.Itoa(workers), func(b *testing.B) {
				customers := data.load(b)
				b.ReportAllocs()
				for b.Loop() {
					ggSinkModel, ggSinkErr = cxmetrics.FitGammaGamma(customers, cxmetrics.Workers(workers))
				}
				if ggSinkErr != nil {
					b.Fatal(ggSinkErr)
				}
			})
		}
	}
}

func BenchmarkGammaGammaPredictions(b *testing.B) {
	customers, _ := cdnowRFM(b)
	m := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	b.Run("ConditionalExpectedSpend", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ggSinkFloat, ggSinkErr = m.ConditionalExpectedSpend(customers[5])
		}
	})
	b.Run("LogLikelihood/CDNOW", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ggSinkFloat, ggSinkErr = m.LogLikelihood(customers)
		}
	})
}
