package cxmetrics

// Period is the customer count of one period (a month, a quarter, a year):
// the customers at its start S, at its end E, and the new customers N
// acquired during it. All three are counts and must be non-negative.
type Period struct {
	Start int64 // S, customers at the start of the period
	End   int64 // E, customers at the end of the period
	New   int64 // N, customers acquired during the period
}
