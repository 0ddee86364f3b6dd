//go:build ignore

// billing_gen writes billing.csv, the quickstart's sample billing export:
// what each of a small SaaS business's customers paid, month by month, in
// dollars and cents, with their plan. It is deterministic:
//
//	go run billing_gen.go > billing.csv
package main

import (
	"fmt"
	"os"
)

func main() {
	x := uint64(2024)
	rnd := func(n uint64) uint64 { // xorshift64
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x % n
	}
	plans := []struct {
		name string
		mrr  int64
	}{{"basic", 49_00}, {"pro", 199_00}, {"enterprise", 990_00}}
	type customer struct {
		plan   int
		mrr    int64
		start  int
		active bool
		seats  int64
	}
	var cs []customer
	for c := range 80 {
		start := 0
		if c >= 40 { // the first 40 were paying before the export began; the rest join later
			start = 1 + int(rnd(13))
		}
		p := int(rnd(10))
		switch {
		case p < 6:
			p = 0
		case p < 9:
			p = 1
		default:
			p = 2
		}
		cs = append(cs, customer{plan: p, start: start, seats: 1 + int64(rnd(3))})
	}
	fmt.Println("customer,date,mrr,plan")
	for m := range 14 { // 2025-01 to 2026-02
		y, mo := 2025+m/12, 1+m%12
		for c := range cs {
			k := &cs[c]
			r := rnd(100)
			switch {
			case m == k.start:
				k.active = true
			case k.active && m > k.start && r < 3:
				k.active = false // churns
			case !k.active && m > k.start && r < 4:
				k.active = true // comes back
			}
			if !k.active {
				continue
			}
			switch {
			case r >= 97 && k.plan < 2:
				k.plan++ // upgrades
			case r >= 94 && k.plan > 0:
				k.plan-- // downgrades
			case r >= 90:
				k.seats++ // adds a seat
			case r >= 87 && k.seats > 1:
				k.seats--
			}
			k.mrr = plans[k.plan].mrr * k.seats
			fmt.Printf("c%02d,%04d-%02d-%02d,%d.%02d,%s\n", c+1, y, mo, 1+int(rnd(28)), k.mrr/100, k.mrr%100, plans[k.plan].name)
		}
	}
	os.Exit(0)
}
