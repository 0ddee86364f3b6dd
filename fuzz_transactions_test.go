package cxmetrics

// This fuzz target is in package cxmetrics, not cxmetrics_test, so that it
// holds the RFMs to checkRFM, the check every model makes of its input.

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"
)

// FuzzTransactions adds any purchases (data: three bytes of set-up, then
// six bytes a purchase: customer, day, hour, amount) and checks that
// nothing panics, that every error wraps a sentinel and leaves the
// Transactions as it was, that every RFM passes checkRFM, and that the
// results are those of a naive recount of the purchases taken: each
// customer's distinct periods, the first left out of frequency and
// monetary, with frequencies never above the purchases.
func FuzzTransactions(f *testing.F) {
	f.Add([]byte{0, 7, 1, 0, 10, 12, 5, 0, 12, 3, 9, 0, 200, 0, 7})
	f.Add([]byte{1, 1, 0, 2, 0, 0, 9, 2, 0, 23, 255, 2, 1, 0, 1, 2, 200, 4, 3})
	f.Add([]byte{2, 0, 1, 1, 100, 1, 1, 1, 90, 1, 1, 1, 120, 1, 253, 3, 0, 0, 254})
	f.Add([]byte{0, 3, 1, 4, 0, 0, 252, 4, 0, 1, 251, 5, 1, 1, 250, 0, 0, 0, 255})
	f.Add([]byte{1, 7, 1, 0, 127, 0, 1, 0, 128, 0, 1, 0, 255, 9, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 3 {
			return
		}
		cal, _ := NewCalendar([]Unit{Daily, Weekly, Monthly}[data[0]%3], time.UTC)
		cfg := TransactionsConfig{Calendar: cal, PeriodsPerUnit: int(data[1] % 9), CalibrationEnd: fuzzDay(100, 0)}
		if data[2]%2 == 1 {
			cfg.HoldoutEnd = fuzzDay(160, 0)
		}
		tx, err := NewTransactions[any](cfg)
		if err != nil {
			t.Fatal(err)
		}
		type taken struct {
			period int64
			amount int64
		}
		byCustomer := map[any][]taken{}
		var order []any
		for i := 3; i+6 <= len(data); i += 6 {
			customer, at, amount := fuzzPurchase(data[i : i+6])
			before := snapshot(tx)
			err := tx.Add(customer, at, amount)
			if err != nil {
				if !errors.Is(err, ErrNegative) && !errors.Is(err, ErrInvalidArgument) &&
					!errors.Is(err, ErrOutOfRange) && !errors.Is(err, ErrOverflow) {
					t.Fatalf("Add(%v, %v, %d) = %v, not a documented sentinel", customer, at, amount, err)
				}
				if !reflect.DeepEqual(before, snapshot(tx)) {
					t.Fatalf("Add(%v, %v, %d) = %v and changed the Transactions", customer, at, amount, err)
				}
				continue
			}
			p := int64(cal.Period(at))
			if p > tx.holdEnd {
				continue
			}
			if _, ok := byCustomer[customer]; !ok {
				order = append(order, customer)
			}
			byCustomer[customer] = append(byCustomer[customer], taken{p, amount})
		}
		rfm, holdout, keys, counts := tx.RFM(), tx.Holdout(), tx.Customers(), tx.Counts()
		if len(rfm) != counts.Customers || len(holdout) != len(rfm) || len(keys) != len(rfm) {
			t.Fatalf("%d RFMs, %d holdouts, %d keys, Counts %+v", len(rfm), len(holdout), len(keys), counts)
		}
		if counts.Customers+counts.NewInHoldout != len(order) {
			t.Fatalf("Counts %+v, %d customers taken", counts, len(order))
		}
		unit := float64(max(cfg.PeriodsPerUnit, 1))
		row := 0
		for _, customer := range order {
			purchases := byCustomer[customer]
			first := purchases[0].period
			if first > tx.calEnd {
				continue
			}
			// The naive recount, from the purchases taken.
			var want RFM
			var wantHold HoldoutPurchases
			var spend, last int64
			seen := map[int64]bool{}
			for _, pu := range purchases {
				switch {
				case pu.period > tx.calEnd:
					if !seen[pu.period] {
						wantHold.Frequency++
					}
					wantHold.Spend += pu.amount
				case pu.period != first:
					if !seen[pu.period] {
						want.Frequency++
					}
					spend += pu.amount
					last = max(last, pu.period)
				}
				seen[pu.period] = true
			}
			want.T = float64(tx.calEnd-first) / unit
			if want.Frequency > 0 {
				want.Recency = float64(last-first) / unit
				want.Monetary = float64(spend) / float64(want.Frequency)
			}
			got := rfm[row]
			if err := checkRFM(row, got); err != nil {
				t.Fatalf("customer %v: %v", customer, err)
			}
			if got.Frequency > int64(len(purchases))-1 {
				t.Fatalf("customer %v: frequency %d from %d purchases", customer, got.Frequency, len(purchases))
			}
			if keys[row] != customer || got != want || holdout[row] != wantHold {
				t.Fatalf("row %d: customer %v, %+v, %+v; the recount gives %v, %+v, %+v",
					row, keys[row], got, holdout[row], customer, want, wantHold)
			}
			row++
		}
	})
}

// fuzzDay returns hour h of day d of 2024 (from January 1st, day 0) in
// UTC.
func fuzzDay(d, h int) time.Time { return time.Date(2024, 1, 1+d, h, 0, 0, 0, time.UTC) }

// fuzzPurchase reads a purchase from six bytes: the customer (a small int,
// a string, or from time to time a key that cannot be one), the day and
// hour (from time to time the zero time or one at the edge of time.Time),
// and the amount (from time to time negative or near math.MaxInt64).
func fuzzPurchase(b []byte) (customer any, at time.Time, amount int64) {
	switch b[0] % 16 {
	case 12:
		customer = "s"
	case 13:
		customer = math.NaN()
	case 14:
		customer = []byte{1}
	case 15:
		customer = int64(-1) << 40
	default:
		customer = int(b[0] % 16)
	}
	switch b[1] {
	case 255:
		at = time.Time{}
	case 254:
		at = time.Unix(1<<62, 0)
	case 253:
		at = time.Date(-1<<40, 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		at = fuzzDay(int(b[1]), int(b[2]%24))
	}
	amount = int64(b[3])<<16 | int64(b[4])<<8 | int64(b[5])
	switch b[5] {
	case 255:
		amount = math.MaxInt64 - int64(b[4])
	case 254:
		amount = -int64(b[4]) - 1
	case 253:
		amount = math.MaxInt64 / 2
	}
	return customer, at, amount
}

// txSnapshot is what a Transactions reports, for comparing before and
// after a failed Add.
type txSnapshot struct {
	RFM     []RFM
	Holdout []HoldoutPurchases
	Keys    []any
	Counts  TransactionCounts
}

func snapshot(tx *Transactions[any]) txSnapshot {
	return txSnapshot{tx.RFM(), tx.Holdout(), tx.Customers(), tx.Counts()}
}
