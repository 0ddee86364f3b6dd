package cxmetrics_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// BenchmarkTransactionsAdd adds n purchases of n/10 customers to a new
// Transactions, as a log sorted by date gives them: ten rounds a month
// apart, every customer buying once a round on a day of the week that
// depends on it, over a calibration that ends after the sixth round and a
// holdout that takes the rest. It reports the time and the bytes
// allocated per purchase and per customer; a customer's purchases after
// the first allocate nothing (TestTransactionsMemory).
func BenchmarkTransactionsAdd(b *testing.B) {
	cfg := cdnowConfig(b)
	cfg.CalibrationEnd, cfg.HoldoutEnd = time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	var times [70]time.Time // round r, weekday w: times[7r+w]
	for i := range times {
		times[i] = time.Date(2024, time.Month(1+i/7), 1+i%7, 9+i%11, 0, 0, 0, time.UTC)
	}
	for _, size := range []struct{ customers, purchases int }{{100_000, 1_000_000}, {1_000_000, 10_000_000}} {
		rounds := size.purchases / size.customers
		b.Run(fmt.Sprintf("int/customers=%d/purchases=%d", size.customers, size.purchases), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tx, err := cxmetrics.NewTransactions[int](cfg)
				if err != nil {
					b.Fatal(err)
				}
				for r := range rounds {
					for c := range size.customers {
						if err := tx.Add(c, times[7*r+c%7], int64(100+c%9000)); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(perOp/float64(size.purchases), "ns/purchase")
		})
	}
	const customers, purchases = 100_000, 1_000_000
	keys := make([]string, customers)
	for c := range keys {
		keys[c] = "cus_" + strconv.Itoa(c)
	}
	b.Run(fmt.Sprintf("string/customers=%d/purchases=%d", customers, purchases), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tx, err := cxmetrics.NewTransactions[string](cfg)
			if err != nil {
				b.Fatal(err)
			}
			for r := range purchases / customers {
				for c, k := range keys {
					if err := tx.Add(k, times[7*r+c%7], int64(100+c%9000)); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/purchases, "ns/purchase")
	})
}

// BenchmarkTransactionsRFM builds the RFMs, customer keys and holdout
// purchases of 10⁶ customers.
func BenchmarkTransactionsRFM(b *testing.B) {
	cfg := cdnowConfig(b)
	tx, err := cxmetrics.NewTransactions[int](cfg)
	if err != nil {
		b.Fatal(err)
	}
	for c := range 1_000_000 {
		at := time.Date(1997, 1, 1+c%90, 0, 0, 0, 0, time.UTC)
		for k := range 3 {
			if err := tx.Add(c, at.AddDate(0, 0, 60*k), 1000); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _, _ = tx.RFM(), tx.Customers(), tx.Holdout()
	}
}
