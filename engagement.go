package cxmetrics

import (
	"fmt"
	"time"
)

// AverageTimeOnSite returns the mean time a visitor spent on a site or in
// an app, in seconds: the total time of all visits divided by the number
// of visitors,
//
//	average = total / visitors
//
// Count visitors the way the total was summed (unique visitors, or
// sessions for the mean session length). The result is 0 or more and is
// not rounded to a whole second or nanosecond.
//
// Special cases are:
//
//	total < 0 or visitors < 0     ErrNegative
//	visitors == 0                 ErrNoResponses
func AverageTimeOnSite(total time.Duration, visitors int64) (float64, error) {
	if total < 0 {
		return 0, fmt.Errorf("%w: total time %v", ErrNegative, total)
	}
	if visitors < 0 {
		return 0, fmt.Errorf("%w: %d visitors", ErrNegative, visitors)
	}
	if visitors == 0 {
		return 0, fmt.Errorf("%w: average time of 0 visitors", ErrNoResponses)
	}
	return float64(total) / (float64(time.Second) * float64(visitors)), nil
}

// PurchaseFrequency returns the mean number of orders per customer over a
// period, the orders placed divided by the unique customers who placed
// them:
//
//	frequency = orders / customers
//
// It is a count per customer, not a percent, and is at least 1, since
// every customer counted placed an order.
//
// Special cases are:
//
//	orders < 0 or customers < 0     ErrNegative
//	customers == 0                  ErrNoResponses
//	orders < customers              ErrInconsistent
func PurchaseFrequency(orders, customers int64) (float64, error) {
	if err := checkCustomers(customers); err != nil {
		return 0, err
	}
	if orders < 0 {
		return 0, fmt.Errorf("%w: %d orders", ErrNegative, orders)
	}
	if orders < customers {
		return 0, fmt.Errorf("%w: %d orders from %d customers who each placed one", ErrInconsistent, orders, customers)
	}
	return float64(orders) / float64(customers), nil
}

// RepeatPurchaseRate returns the share of customers who bought more than
// once in a period, in percent, of the unique customers who bought at all:
//
//	repeat rate = 100 × repeat customers / customers
//
// The result lies between 0 and 100.
//
// Special cases are:
//
//	repeat < 0 or customers < 0     ErrNegative
//	customers == 0                  ErrNoResponses
//	repeat > customers              ErrInconsistent
func RepeatPurchaseRate(repeat, customers int64) (float64, error) {
	if err := checkCustomers(customers); err != nil {
		return 0, err
	}
	if repeat < 0 {
		return 0, fmt.Errorf("%w: %d repeat customers", ErrNegative, repeat)
	}
	if repeat > customers {
		return 0, fmt.Errorf("%w: %d repeat customers of %d", ErrInconsistent, repeat, customers)
	}
	return percentOf(repeat, customers), nil
}

// checkCustomers checks a count of customers that a figure is divided by.
func checkCustomers(customers int64) error {
	if customers < 0 {
		return fmt.Errorf("%w: %d customers", ErrNegative, customers)
	}
	if customers == 0 {
		return fmt.Errorf("%w: 0 customers", ErrNoResponses)
	}
	return nil
}
