package cxmetrics_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// exampleShop returns the purchases of a small shop's customers, in cents,
// in time order, and the Transactions they make with days grouped into
// weeks, a calibration to 2024-03-31 and a holdout to 2024-06-30.
func exampleShop() *cxmetrics.Transactions[string] {
	daily, _ := cxmetrics.NewCalendar(cxmetrics.Daily, time.UTC)
	tx, err := cxmetrics.NewTransactions[string](cxmetrics.TransactionsConfig{
		Calendar:       daily, // the purchases of one day are one purchase
		PeriodsPerUnit: 7,     // times in weeks
		CalibrationEnd: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		panic(err)
	}
	for _, p := range []struct {
		customer string
		date     string
		cents    int64
	}{
		{"ann", "2024-01-07", 40_00},
		{"bob", "2024-01-14", 25_00},
		{"ann", "2024-02-04", 30_00},
		{"ann", "2024-02-04", 12_00}, // the same day: one purchase of 42.00
		{"ann", "2024-03-17", 18_00},
		{"cat", "2024-03-24", 60_00},
		{"ann", "2024-04-21", 35_00}, // the holdout from here
		{"dan", "2024-05-05", 20_00}, // a first purchase in the holdout
		{"cat", "2024-06-09", 55_00},
		{"ann", "2024-07-07", 50_00}, // after the holdout
	} {
		at, _ := time.Parse(time.DateOnly, p.date)
		if err := tx.Add(p.customer, at, p.cents); err != nil {
			panic(err)
		}
	}
	return tx
}

func ExampleTransactions() {
	tx := exampleShop()
	customers, rfm, holdout := tx.Customers(), tx.RFM(), tx.Holdout()
	for i, c := range rfm {
		fmt.Printf("%s  x %d  t_x %5.2f  T %5.2f  monetary %5.2f  holdout %d\n",
			customers[i], c.Frequency, c.Recency, c.T, c.Monetary/100, holdout[i].Frequency)
	}
	// Output:
	// ann  x 2  t_x 10.00  T 12.00  monetary 30.00  holdout 1
	// bob  x 0  t_x  0.00  T 11.00  monetary  0.00  holdout 0
	// cat  x 0  t_x  0.00  T  1.00  monetary  0.00  holdout 1
}

func ExampleTransactionsConfig() {
	// Purchases grouped by day in New York, times in 30-day months, a
	// calibration that ends with 2024 and no holdout.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	days, _ := cxmetrics.NewCalendar(cxmetrics.Daily, ny)
	tx, _ := cxmetrics.NewTransactions[int](cxmetrics.TransactionsConfig{
		Calendar:       days,
		PeriodsPerUnit: 30,
		CalibrationEnd: time.Date(2024, 12, 31, 12, 0, 0, 0, ny),
	})
	// 03:00 UTC on December 1st is still November 30th in New York.
	_ = tx.Add(7, time.Date(2024, 12, 1, 3, 0, 0, 0, time.UTC), 10_00)
	fmt.Printf("T = %.4f months (31 days / 30)\n", tx.RFM()[0].T)
	// Output:
	// T = 1.0333 months (31 days / 30)
}

func ExampleNewTransactions() {
	_, err := cxmetrics.NewTransactions[string](cxmetrics.TransactionsConfig{
		CalibrationEnd: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
	})
	fmt.Println(errors.Is(err, cxmetrics.ErrInvalidArgument))
	fmt.Println(err)
	// Output:
	// true
	// cxmetrics: invalid argument: holdout ends in 2024-03, before the calibration's end in 2024-06
}

func ExampleTransactions_Add() {
	tx := exampleShop()
	// Ann bought on 2024-04-21: a purchase of 2024-03-30 comes too late.
	err := tx.Add("ann", time.Date(2024, 3, 30, 10, 0, 0, 0, time.UTC), 5_00)
	fmt.Println(errors.Is(err, cxmetrics.ErrOutOfRange))
	fmt.Println(err)
	err = tx.Add("bob", time.Date(2024, 3, 30, 10, 0, 0, 0, time.UTC), -5_00)
	fmt.Println(err)
	// Output:
	// true
	// cxmetrics: out of range: customer ann at 2024-03-30T10:00:00Z, in 2024-03-30: after a purchase in 2024-04-21 (each customer's purchases must come in time order)
	// cxmetrics: negative value: customer bob at 2024-03-30T10:00:00Z: amount -500
}

func ExampleTransactions_RFM() {
	tx := exampleShop()
	// Ann: first purchase on 2024-01-07, then 2024-02-04 (42.00 in two
	// orders) and 2024-03-17 (18.00): x = 2, t_x = 70 days = 10 weeks,
	// T = 84 days = 12 weeks, monetary (42.00 + 18.00) / 2 = 30.00.
	ann := tx.RFM()[0]
	fmt.Printf("%+v\n", ann)
	// Output:
	// {Frequency:2 Recency:10 T:12 Monetary:3000}
}

func ExampleTransactions_Customers() {
	tx := exampleShop()
	// Dan first bought in the holdout: not a customer of the calibration.
	fmt.Println(tx.Customers())
	// Output:
	// [ann bob cat]
}

func ExampleTransactions_Holdout() {
	tx := exampleShop()
	customers := tx.Customers()
	for i, h := range tx.Holdout() {
		fmt.Printf("%s: %d purchases, %.2f\n", customers[i], h.Frequency, float64(h.Spend)/100)
	}
	// Output:
	// ann: 1 purchases, 35.00
	// bob: 0 purchases, 0.00
	// cat: 1 purchases, 55.00
}

func ExampleHoldoutPurchases() {
	tx := exampleShop()
	var total cxmetrics.HoldoutPurchases
	for _, h := range tx.Holdout() {
		total.Frequency += h.Frequency
		total.Spend += h.Spend
	}
	fmt.Printf("%d purchases for %.2f in %.0f weeks\n", total.Frequency, float64(total.Spend)/100, tx.HoldoutLength())
	// Output:
	// 2 purchases for 90.00 in 13 weeks
}

func ExampleTransactions_HoldoutLength() {
	tx := exampleShop()
	// 2024-03-31 to 2024-06-30 is 91 days.
	fmt.Printf("%.0f weeks\n", tx.HoldoutLength())
	// Output:
	// 13 weeks
}

func ExampleTransactions_Counts() {
	fmt.Printf("%+v\n", exampleShop().Counts())
	// Output:
	// {Transactions:9 AfterHoldout:1 Customers:3 NewInHoldout:1}
}

func ExampleTransactionCounts() {
	c := exampleShop().Counts()
	fmt.Printf("%d customers to fit on; %d first bought in the holdout\n", c.Customers, c.NewInHoldout)
	// Output:
	// 3 customers to fit on; 1 first bought in the holdout
}
