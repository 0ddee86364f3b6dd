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

// MaxCohortPeriods is the largest number of observed periods whose cohort
// table [MRRHistory.Cohorts] builds. A table of n periods has
// n × (n + 1) / 2 cells of each of its two kinds, whoever paid in them:
// 8,390,656 cells, 134 MB, at this limit (a day each for over eleven
// years, a month each for 341).
const MaxCohortPeriods = 1 << 12

// cohortCells accumulates the cells of a cohort table as a history closes
// its periods. Row c holds the customers who first paid in period c, a
// cell for each age at which some of them paid and no other, so that its
// memory follows the (cohort, age) pairs in which someone paid, 24 bytes
// each, and not the square of the periods: a cohort whose one customer
// pays again a thousand periods later holds two cells, not a thousand.
type cohortCells struct {
	rows [][]cohortCell // by cohort, then in order of age
}

// cohortCell is one cell of a cohort's row: both kinds, at one age.
type cohortCell struct {
	age            int
	customers, mrr int64
}

// add counts a customer of cohort paying mrr at age. The caller has
// checked that the cell's MRR fits: it is a part of one period's End. A
// cohort's ages arrive in increasing order, one period's close after
// another, so a row only ever grows at its end.
func (c *cohortCells) add(cohort, age int, mrr int64) {
	if cohort < len(c.rows) {
		if row := c.rows[cohort]; len(row) > 0 && row[len(row)-1].age == age {
			row[len(row)-1].customers++
			row[len(row)-1].mrr += mrr
			return
		}
	}
	c.grow(cohort, age, mrr)
}

// grow adds a customer paying mrr in a new cell of cohort at age. It is
// kept out of add, which is then small where cells are counted.
func (c *cohortCells) grow(cohort, age int, mrr int64) {
	for len(c.rows) <= cohort {
		c.rows = appendDoubling(c.rows, nil)
	}
	c.rows[cohort] = append(c.rows[cohort], cohortCell{age: age, customers: 1, mrr: mrr})
}

// table returns the ragged CohortTable of periods 0 to n−1 with c's
// cells, in memory of its own. The caller has checked n against
// MaxCohortPeriods.
func (c *cohortCells) table(n int) CohortTable {
	cells := n * (n + 1) / 2
	customers, mrr := make([]int64, cells), make([]int64, cells)
	t := CohortTable{Customers: make([][]int64, n), MRR: make([][]int64, n)}
	for k := range n {
		t.Customers[k], customers = customers[:n-k:n-k], customers[n-k:]
		t.MRR[k], mrr = mrr[:n-k:n-k], mrr[n-k:]
		if k < len(c.rows) {
			for _, cell := range c.rows[k] {
				t.Customers[k][cell.age], t.MRR[k][cell.age] = cell.customers, cell.mrr
			}
		}
	}
	return t
}
