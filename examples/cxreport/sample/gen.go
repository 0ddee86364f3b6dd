//go:build ignore

// gen.go writes the sample data that cxreport embeds: answers.csv, six
// months of survey answers in three segments, and mrr.csv, twelve months of
// per-customer MRR. The data are made up, from a fixed seed, so that every
// run writes the same files:
//
//	go run gen.go
package main

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
)

func main() {
	r := rand.New(rand.NewPCG(8, 2026))
	if err := writeAnswers(r); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := writeMRR(r); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// writeAnswers writes answers.csv: 500 answers a month, January to June
// 2026, in the long format date,segment,question,score. NPS climbs steadily
// and jumps in June; enterprise customers are the hardest to please.
//
// Each NPS answer also rates four attributes on 1-5, in the columns
// support, price, onboarding and product (empty on the CSAT and CES
// rows), for cxreport's key drivers: see ratings.
func writeAnswers(r *rand.Rand) error {
	type answer struct {
		date, segment, question string
		score                   int
		ratings                 string // ",4,3,,5": the four rating cells
	}
	// The ratings come from a source of their own, so that the answers
	// are those the file had before it had ratings.
	rr := rand.New(rand.NewPCG(20, 2026))
	segments := []struct {
		name  string
		share float64
		lift  float64 // added to the promoter and satisfied shares
	}{{"smb", 0.5, 0.04}, {"mid-market", 0.3, 0}, {"enterprise", 0.2, -0.08}}
	var rows []answer
	days := []int{31, 28, 31, 30, 31, 30}
	for m := range 6 {
		promoters := 0.38 + 0.015*float64(m) // the rest: 30% passives, detractors
		if m == 5 {
			promoters = 0.50
		}
		for range 500 {
			seg := segments[2]
			if u := r.Float64(); u < segments[0].share {
				seg = segments[0]
			} else if u < segments[0].share+segments[1].share {
				seg = segments[1]
			}
			a := answer{date: fmt.Sprintf("2026-%02d-%02d", m+1, 1+r.IntN(days[m])), segment: seg.name}
			switch u := r.Float64(); {
			case u < 0.5:
				a.question = "nps"
				switch v := r.Float64(); {
				case v < promoters+seg.lift:
					a.score = 9 + r.IntN(2)
				case v < promoters+seg.lift+0.30:
					a.score = 7 + r.IntN(2)
				default:
					a.score = []int{0, 2, 3, 4, 5, 5, 6, 6, 6}[r.IntN(9)]
				}
				a.ratings = ratings(rr, a.score)
			case u < 0.8:
				a.question = "csat"
				if r.Float64() < 0.74+seg.lift {
					a.score = 4 + r.IntN(2)
				} else {
					a.score = 1 + r.IntN(3)
				}
			default:
				a.question = "ces"
				a.score = []int{2, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7}[r.IntN(12)]
				if seg.name == "enterprise" && a.score > 2 && r.Float64() < 0.3 {
					a.score--
				}
			}
			rows = append(rows, a)
		}
	}
	slices.SortStableFunc(rows, func(a, b answer) int {
		if a.date < b.date {
			return -1
		}
		if a.date > b.date {
			return 1
		}
		return 0
	})
	f, err := os.Create("answers.csv")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "date,segment,question,score,support,price,onboarding,product")
	for _, a := range rows {
		if a.ratings == "" {
			a.ratings = ",,,,"
		}
		fmt.Fprintf(w, "%s,%s,%s,%d%s\n", a.date, a.segment, a.question, a.score, a.ratings)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// ratings draws a respondent's ratings of support, price, onboarding and
// product on 1-5, given their NPS answer: each is a mean rating, plus the
// answer's distance from 7 times the attribute's weight, plus noise, rounded
// and kept on the scale. The product and support weigh most, and support
// is rated low: the "fix first" corner of the quadrant chart. About one
// rating in 25 is left empty, a question skipped.
func ratings(r *rand.Rand, nps int) string {
	attributes := []struct{ mean, weight float64 }{
		{3.1, 0.30}, // support
		{3.0, 0.10}, // price
		{3.7, 0.12}, // onboarding
		{3.9, 0.32}, // product
	}
	var b []byte
	for _, a := range attributes {
		b = append(b, ',')
		if r.Float64() < 0.04 {
			continue
		}
		x := a.mean + a.weight*float64(nps-7) + 0.8*r.NormFloat64()
		b = fmt.Appendf(b, "%d", int(math.Round(math.Min(5, math.Max(1, x)))))
	}
	return string(b)
}

// writeMRR writes mrr.csv: customer,month,mrr for each month a customer
// pays, July 2025 to June 2026, amounts in dollars. 150 customers pay in
// the first month and about 15 join each month after; each month a paying
// customer may churn, upgrade or downgrade, and a churned one may return.
func writeMRR(r *rand.Rand) error {
	plans := []int64{2900, 4900, 9900, 24900, 49900, 129950}
	type customer struct {
		id  string
		mrr int64 // cents; 0 when not paying

	}
	var customers []*customer
	join := func(n int) {
		for range n {
			customers = append(customers, &customer{
				id:  fmt.Sprintf("cus_%04d", len(customers)+1),
				mrr: plans[r.IntN(len(plans))],
			})
		}
	}
	f, err := os.Create("mrr.csv")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "customer,month,mrr")
	for m := range 12 {
		month := fmt.Sprintf("%d-%02d", 2025+(m+6)/12, (m+6)%12+1)
		if m == 0 {
			join(150)
		} else {
			for _, c := range customers {
				switch u := r.Float64(); {
				case c.mrr == 0:
					if u < 0.12 {
						c.mrr = plans[r.IntN(len(plans))]
					}
				case u < 0.035:
					c.mrr = 0
				case u < 0.095:
					c.mrr += c.mrr / 100 * int64(20+r.IntN(80))
				case u < 0.125:
					c.mrr -= c.mrr / 100 * int64(10+r.IntN(40))
				}
			}
			join(10 + r.IntN(10))
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
