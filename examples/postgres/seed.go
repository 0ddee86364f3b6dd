package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// createTable is the table that doc.go describes, with the constraints a
// real one should have. The program reads tables without them too, and
// names the row that breaks one.
const createTable = `CREATE TABLE subscriptions (
	customer_id text        NOT NULL,
	billed_at   timestamptz NOT NULL,
	mrr_cents   bigint      NOT NULL CHECK (mrr_cents >= 0),
	plan        text        NOT NULL
)`

// samplePlans are the sample's plans, cheapest first, with their monthly
// price in cents.
var samplePlans = []struct {
	name  string
	cents int64
}{{"basic", 2900}, {"pro", 9900}, {"enterprise", 49900}}

// sampleMonths is how many months the sample spans, from sampleStart: 15,
// so that the trailing twelve months have a figure.
const sampleMonths = 15

// sampleStart is the sample's first month, 2025-01.
var sampleStart = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)

// seed creates the table subscriptions in db and fills it with a sample
// business's billing: 60 customers over 15 months from 2025-01, on three
// plans, who upgrade, downgrade, add seats, get discounts, leave and come
// back, and whose enterprise customers pay a support add-on as a second
// row in some months. The sample is the same on every run. It returns the
// number of rows, and fails without changing anything if the table
// exists.
func seed(ctx context.Context, db *sql.DB) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("seed: %w", err)
	}
	defer tx.Rollback() // undoes everything unless committed
	if _, err := tx.ExecContext(ctx, createTable); err != nil {
		return 0, fmt.Errorf("seed: creating the table: %w", err)
	}
	insert, err := tx.PrepareContext(ctx, `INSERT INTO subscriptions (customer_id, billed_at, mrr_cents, plan) VALUES ($1, $2, $3, $4)`)
	if err != nil {
		return 0, fmt.Errorf("seed: %w", err)
	}
	defer insert.Close()
	n := 0
	for c := range 60 {
		customer := fmt.Sprintf("cus_%04d", c+1)
		// Each customer is billed on their own day of the month.
		day := time.Duration(c%28)*24*time.Hour + 9*time.Hour
		plan, paying := 0, true // 60% start on basic, 30% on pro, 10% on enterprise
		if r := roll(c, -1); r >= 90 {
			plan = 2
		} else if r >= 60 {
			plan = 1
		}
		cents := samplePlans[plan].cents
		first := int(roll(c, -2) % 9) // the month they start in
		for m := first; m < sampleMonths; m++ {
			if m > first {
				plan, cents, paying = nextMonth(roll(c, m), plan, cents, paying)
			}
			if !paying {
				continue
			}
			at := sampleStart.AddDate(0, m, 0).Add(day)
			if _, err := insert.ExecContext(ctx, customer, at, cents, samplePlans[plan].name); err != nil {
				return 0, fmt.Errorf("seed: customer %s: %w", customer, err)
			}
			n++
			if plan == 2 && roll(c, m+100) < 40 { // a support add-on, billed apart
				if _, err := insert.ExecContext(ctx, customer, at.Add(time.Hour), 5000, samplePlans[plan].name); err != nil {
					return 0, fmt.Errorf("seed: customer %s: %w", customer, err)
				}
				n++
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("seed: %w", err)
	}
	return n, nil
}

// nextMonth returns a customer's plan, MRR and whether they pay in a
// month, from the month before and a roll of 0 to 99.
func nextMonth(r uint64, plan int, cents int64, paying bool) (int, int64, bool) {
	if !paying {
		if r < 10 { // comes back, on the cheapest plan
			return 0, samplePlans[0].cents, true
		}
		return plan, cents, false
	}
	switch {
	case r < 2: // leaves
		return plan, cents, false
	case r < 5 && plan < len(samplePlans)-1: // upgrades
		return plan + 1, samplePlans[plan+1].cents, true
	case r < 7 && plan > 0: // downgrades
		return plan - 1, samplePlans[plan-1].cents, true
	case r < 15: // adds a seat
		return plan, cents + samplePlans[plan].cents/2, true
	case r < 17 && cents > samplePlans[plan].cents/2: // gets a discount
		return plan, cents - samplePlans[plan].cents/10, true
	}
	return plan, cents, true
}

// roll returns a number from 0 to 99 fixed by a customer and a month: the
// splitmix64 hash of the two, so that the sample needs no random source.
func roll(customer, month int) uint64 {
	x := uint64(customer)<<32 ^ uint64(uint32(month)) + 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return (x ^ x>>31) % 100
}
