package cxmetrics

// RevenuePeriod is the recurring revenue (MRR or ARR) of one period, in
// int64 minor units of one currency (cents), with its movements as
// ChartMogul defines them:
//
//   - New: revenue of customers who paid for the first time.
//   - Expansion: increases of customers who were already paying.
//   - Contraction: decreases of customers who go on paying.
//   - Churned: revenue of customers who stopped paying entirely.
//   - Reactivation: revenue of churned customers who pay again.
//
// Every field is non-negative; Contraction and Churned are amounts lost,
// not negative numbers. A balanced period satisfies
//
//	Start + New + Reactivation + Expansion − Contraction − Churned = End
//
// A period in totals form gives only Start, End and New, with every other
// movement zero.
type RevenuePeriod struct {
	Start, End   int64 // recurring revenue at the start and the end
	New          int64 // from customers paying for the first time
	Expansion    int64 // increases of existing customers
	Contraction  int64 // decreases of customers who go on paying
	Churned      int64 // lost with customers who stopped paying
	Reactivation int64 // from churned customers who pay again
}
