package browsertest

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
)

// writeHistory writes an MRR file of months months, from July 2024, to
// path: made-up customers from a fixed seed, so that every run reads the
// same file. About 40 customers join in the first month and 8 to 20 in
// each after; each month a paying customer may churn, upgrade or
// downgrade, and a churned one may return. Two years of it give the
// cohort heatmaps 24 ages, the case where their numbers are hardest to
// fit. Each customer churns at a rate of their own, from 0.5% to 12.5% a
// month, so that the survivors are the loyal ones and the sBG model fits
// (its projection is drawn).
func writeHistory(path string, months int) error {
	r := rand.New(rand.NewPCG(24, 2026))
	plans := []int64{2900, 4900, 9900, 24900, 49900, 129950} // cents
	type customer struct {
		id    string
		mrr   int64   // 0 when not paying
		churn float64 // the customer's chance of churning each month
	}
	var customers []*customer
	join := func(n int) {
		for range n {
			u := r.Float64()
			customers = append(customers, &customer{
				id:    fmt.Sprintf("cus_%05d", len(customers)+1),
				mrr:   plans[r.IntN(len(plans))],
				churn: 0.005 + 0.12*u*u,
			})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "customer,month,mrr")
	for m := range months {
		month := fmt.Sprintf("%d-%02d", 2024+(m+6)/12, (m+6)%12+1)
		if m == 0 {
			join(40)
		} else {
			for _, c := range customers {
				switch u := r.Float64(); {
				case c.mrr == 0:
					if u < 0.05 {
						c.mrr = plans[r.IntN(len(plans))]
					}
				case u < c.churn:
					c.mrr = 0
				case u < c.churn+0.05:
					c.mrr += c.mrr / 100 * int64(20+r.IntN(80))
				case u < c.churn+0.07:
					c.mrr -= c.mrr / 100 * int64(10+r.IntN(40))
				}
			}
			join(8 + r.IntN(13))
		}
		for _, c := range customers {
			if c.mrr > 0 {
				fmt.Fprintf(w, "%s,%s,%d.%02d\n", c.id, month, c.mrr/100, c.mrr%100)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
