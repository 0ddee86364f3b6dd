package cxmetrics

import (
	"fmt"
	"math"
	"slices"
)

// This file holds what the survival estimators (kaplanmeier.go,
// logrank.go) take: each subject's lifetime, observed or right-censored,
// one by one ([Lifetime]) or counted by duration ([LifetimeCount]), and
// the check and aggregation that turn the first into the second.

// Lifetime is one subject's observed lifetime: how long a customer stayed,
// from the start of the relationship to the churn that ended it, or to the
// end of observation if it had not ended then (right-censored: the
// customer stayed at least that long). Durations are in a unit the caller
// chooses, the same for every lifetime of one estimate: periods, days,
// months.
//
// A Lifetime is a plain value; it is safe for concurrent use.
type Lifetime struct {
	Duration float64 // time from the start to the churn or to the end of observation, ≥ 0
	Churned  bool    // true: churned at Duration; false: still a customer at Duration (censored)
}

// LifetimeCount is the lifetimes of many subjects that share one duration:
// Churned of them churned at Duration and Censored of them were still
// customers at Duration when observation ended. A slice of them is a
// life table, the form in which [MRRHistory.Lifetimes] returns the
// lifetimes of its customers, and in which a million lifetimes measured in
// whole periods take a few rows.
//
// A LifetimeCount is a plain value; it is safe for concurrent use.
type LifetimeCount struct {
	Duration float64 // ≥ 0, in the unit of the lifetimes
	Churned  int64   // subjects who churned at Duration (events)
	Censored int64   // subjects still customers at Duration (right-censored)
}

// Spells says what [MRRHistory.Lifetimes] does with a customer who stops
// paying and later pays again (a reactivation).
//
// A Spells is a plain value; it is safe for concurrent use.
type Spells int

const (
	// FirstSpell counts one lifetime per customer: from the first period
	// they pay in to their first churn. A return after it starts nothing:
	// the customer has churned once, and that is their lifetime. This is
	// the time to first churn of the retention literature.
	FirstSpell Spells = iota + 1

	// EverySpell counts a lifetime for each spell of paying: a customer
	// who returns starts a new lifetime at the period of their return,
	// which ends at their next churn or is censored at the end of
	// observation. A customer who churns twice has two churned lifetimes.
	EverySpell
)

// String returns the name of the Spells.
func (s Spells) String() string {
	switch s {
	case FirstSpell:
		return "FirstSpell"
	case EverySpell:
		return "EverySpell"
	}
	return fmt.Sprintf("Spells(%d)", int(s))
}

// CountLifetimes returns lifetimes counted by duration: one
// [LifetimeCount] per distinct Duration, in increasing order of
// durations, with how many churned and how many were censored at it. It
// is the life table that [KaplanMeierCounts] and [LogRankCounts] take,
// and what [KaplanMeier] and [LogRank] build from their lifetimes. A
// Duration of −0 counts as 0.
//
// Special cases are:
//
//	no lifetimes                      ErrNoResponses (and ErrUndefined)
//	a Duration NaN or infinite        ErrInvalidArgument
//	a Duration < 0                    ErrNegative
//
// The error names the lifetime by its index, lifetimes[i].
func CountLifetimes(lifetimes []Lifetime) ([]LifetimeCount, error) {
	if len(lifetimes) == 0 {
		return nil, fmt.Errorf("%w: no lifetimes", ErrNoResponses)
	}
	churned := 0
	for i, l := range lifetimes {
		if err := checkDuration("lifetimes", i, l.Duration); err != nil {
			return nil, err
		}
		if l.Churned {
			churned++
		}
	}
	// Two sorted slices of durations, merged, sort faster than one of
	// structs, and a slice of float64 has no pointers to scan.
	events := make([]float64, 0, churned)
	censored := make([]float64, 0, len(lifetimes)-churned)
	for _, l := range lifetimes {
		if l.Churned {
			events = append(events, l.Duration+0)
		} else {
			censored = append(censored, l.Duration+0)
		}
	}
	slices.Sort(events)
	slices.Sort(censored)
	var out []LifetimeCount
	add := func(d float64, churn bool) {
		if n := len(out); n == 0 || out[n-1].Duration != d {
			out = append(out, LifetimeCount{Duration: d})
		}
		if churn {
			out[len(out)-1].Churned++
		} else {
			out[len(out)-1].Censored++
		}
	}
	i, j := 0, 0
	for i < len(events) || j < len(censored) {
		if j == len(censored) || i < len(events) && events[i] <= censored[j] {
			add(events[i], true)
			i++
		} else {
			add(censored[j], false)
			j++
		}
	}
	return slices.Clip(out), nil
}

// checkDuration returns the error for a duration that is not a finite
// number ≥ 0, naming it as what[i].
func checkDuration(what string, i int, d float64) error {
	switch {
	case math.IsNaN(d) || math.IsInf(d, 0):
		return fmt.Errorf("%w: %s[%d]: duration %v", ErrInvalidArgument, what, i, d)
	case d < 0:
		return fmt.Errorf("%w: %s[%d]: duration %v", ErrNegative, what, i, d)
	}
	return nil
}

// lifeTable is a checked life table: distinct durations in increasing
// order, each with its counts, and the totals.
type lifeTable struct {
	rows              []LifetimeCount
	subjects, churned int64
}

// tableOf checks rows (the name of the argument is what) and returns them
// as a lifeTable, sorted by duration with duplicates merged, in memory of
// its own: rows itself is not changed.
func tableOf(what string, rows []LifetimeCount) (lifeTable, error) {
	var t lifeTable
	for i, r := range rows {
		if err := checkDuration(what, i, r.Duration); err != nil {
			return lifeTable{}, err
		}
		if r.Churned < 0 || r.Censored < 0 {
			return lifeTable{}, fmt.Errorf("%w: %s[%d]: %d churned, %d censored", ErrNegative, what, i, r.Churned, r.Censored)
		}
		n := r.Churned + r.Censored
		if n < 0 || t.subjects > math.MaxInt64-n {
			return lifeTable{}, fmt.Errorf("%w: %s[%d]: more than %d subjects", ErrOverflow, what, i, int64(math.MaxInt64))
		}
		t.subjects += n
		t.churned += r.Churned
	}
	if t.subjects == 0 {
		return lifeTable{}, fmt.Errorf("%w: no lifetimes in %d rows of %s", ErrNoResponses, len(rows), what)
	}
	sorted := make([]LifetimeCount, 0, len(rows))
	for _, r := range rows {
		if r.Churned+r.Censored > 0 {
			r.Duration += 0
			sorted = append(sorted, r)
		}
	}
	if !slices.IsSortedFunc(sorted, byDuration) {
		slices.SortFunc(sorted, byDuration)
	}
	merged := sorted[:0]
	for _, r := range sorted {
		if n := len(merged); n > 0 && merged[n-1].Duration == r.Duration {
			merged[n-1].Churned += r.Churned
			merged[n-1].Censored += r.Censored
			continue
		}
		merged = append(merged, r)
	}
	t.rows = merged
	return t, nil
}

// byDuration orders life-table rows by duration.
func byDuration(a, b LifetimeCount) int {
	switch {
	case a.Duration < b.Duration:
		return -1
	case a.Duration > b.Duration:
		return 1
	}
	return 0
}
