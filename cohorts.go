package cxmetrics

import "fmt"

// CohortTable is a cohort retention table: customers grouped by the first
// period they paid in (their cohort), and for each cohort and each age
// (periods since the cohort's period) the customers of the cohort who pay
// and the MRR they pay.
//
// Both tables are ragged: row c has one cell for each age 0 to periods−1−c,
// the ages that have happened by the last period. A cell that has not
// happened yet is absent, not 0, so that it cannot be mistaken for a cohort
// that lost everyone. Cell 0 of a row is the cohort's size and starting
// MRR. A customer who stops paying and later pays again counts again at
// the ages at which they pay, so a count may fall and rise but never
// passes the cohort's size; the MRR may pass its start through
// expansions.
//
// A CohortTable's methods only read it, so they are safe for concurrent
// use; a goroutine that changes the cells of its slices must not run
// beside them.
type CohortTable struct {
	// Customers[c][a] is the number of customers of cohort c who pay in
	// period c+a (logo retention).
	Customers [][]int64
	// MRR[c][a] is what the customers of cohort c pay in period c+a, in
	// minor units (revenue retention).
	MRR [][]int64
}

// LogoRetention returns, for each age of cohort, the percent of the
// cohort's customers who pay at that age:
//
//	100 × Customers[cohort][a] / Customers[cohort][0]
//
// The result has one value per age that has happened, 100 at age 0, each
// in 0 to 100. Special cases are:
//
//	cohort outside the table         ErrOutOfRange
//	a negative count                 ErrNegative
//	a cohort with no customers       ErrZeroStart
//	a count above the cohort's size  ErrInconsistent
func (t CohortTable) LogoRetention(cohort int) ([]float64, error) {
	row, err := cohortRow(t.Customers, cohort, "customers")
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(row))
	for a, n := range row {
		if n > row[0] {
			return nil, fmt.Errorf("%w: cohort %d has %d customers at age %d, more than its %d at age 0",
				ErrInconsistent, cohort, n, a, row[0])
		}
		out[a] = percentOf(n, row[0])
	}
	return out, nil
}

// RevenueRetention returns, for each age of cohort, what the cohort pays at
// that age as a percent of what it paid at age 0:
//
//	100 × MRR[cohort][a] / MRR[cohort][0]
//
// The result has one value per age that has happened, 100 at age 0; it
// may pass 100 when the cohort's expansions outweigh its churn and
// contraction. Special cases are:
//
//	cohort outside the table       ErrOutOfRange
//	a negative MRR                 ErrNegative
//	a cohort with no MRR at age 0  ErrZeroStart
func (t CohortTable) RevenueRetention(cohort int) ([]float64, error) {
	row, err := cohortRow(t.MRR, cohort, "MRR")
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(row))
	for a, v := range row {
		out[a] = percentOf(v, row[0])
	}
	return out, nil
}

// cohortRow returns row cohort of table, checked to be usable as the
// denominator and numerators of a retention.
func cohortRow(table [][]int64, cohort int, what string) ([]int64, error) {
	if !(cohort >= 0 && cohort < len(table)) {
		return nil, fmt.Errorf("%w: cohort %d of a table of %d cohorts", ErrOutOfRange, cohort, len(table))
	}
	row := table[cohort]
	for a, v := range row {
		if v < 0 {
			return nil, fmt.Errorf("%w: cohort %d has %s %d at age %d", ErrNegative, cohort, what, v, a)
		}
	}
	if len(row) == 0 || row[0] == 0 {
		return nil, fmt.Errorf("%w: cohort %d has no %s at age 0", ErrZeroStart, cohort, what)
	}
	return row, nil
}

// cohortTally accumulates a cohort table in one flat slice: cohort c has
// periods−c cells from offset c*periods − c*(c−1)/2.
type cohortTally struct {
	periods   int
	customers []int64
	mrr       []int64
}

func newCohortTally(periods int) cohortTally {
	return cohortTally{periods: periods}
}

func (c *cohortTally) offset(cohort int) int {
	return cohort*c.periods - cohort*(cohort-1)/2
}

// add counts a customer of cohort paying mrr at age. It reports false if
// the cell's MRR overflowed.
func (c *cohortTally) add(cohort, age int, mrr int64) bool {
	if c.customers == nil {
		n := c.periods * (c.periods + 1) / 2
		c.customers = make([]int64, n)
		c.mrr = make([]int64, n)
	}
	i := c.offset(cohort) + age
	c.customers[i]++
	c.mrr[i] += mrr
	return c.mrr[i] >= mrr
}

// clone returns a copy of c that can be added to without changing c.
func (c cohortTally) clone() cohortTally {
	d := cohortTally{periods: c.periods}
	if c.customers != nil {
		d.customers = append([]int64(nil), c.customers...)
		d.mrr = append([]int64(nil), c.mrr...)
	}
	return d
}

// table returns the ragged CohortTable of c's first n periods, sharing
// c's memory.
func (c cohortTally) table(n int) CohortTable {
	if c.customers == nil {
		c.customers = make([]int64, c.periods*(c.periods+1)/2)
		c.mrr = make([]int64, c.periods*(c.periods+1)/2)
	}
	t := CohortTable{Customers: make([][]int64, n), MRR: make([][]int64, n)}
	for k := range n {
		lo, hi := c.offset(k), c.offset(k)+n-k
		t.Customers[k] = c.customers[lo:hi:hi]
		t.MRR[k] = c.mrr[lo:hi:hi]
	}
	return t
}
