package cxmetrics

import "fmt"

// MaxScalePoints is the largest number of answer points a Scale may have.
// A Survey keeps one counter per point, so the bound keeps a tally small
// (at most 8 KiB of counters) whatever scale it is given.
const MaxScalePoints = 1001

// Scale is an inclusive range of whole-number answers, Min to Max. A valid
// scale has Min < Max and at most [MaxScalePoints] points.
//
// The zero value is not a valid scale.
//
// A Scale is a plain value; it is safe for concurrent use.
type Scale struct{ Min, Max int }

// The standard scales.
var (
	// NPSScale is the 0-10 "how likely are you to recommend" scale of the
	// Net Promoter Score (Bain).
	NPSScale = Scale{Min: 0, Max: 10}

	// CSATScale is the 1-5 satisfaction scale ("very dissatisfied" to
	// "very satisfied").
	CSATScale = Scale{Min: 1, Max: 5}

	// CESScale is the 1-7 agreement scale of CES 2.0 ("The company made it
	// easy for me to handle my issue", strongly disagree to strongly
	// agree).
	CESScale = Scale{Min: 1, Max: 7}
)

// Validate reports whether sc is a usable scale. It returns an error
// wrapping [ErrInvalidScale] if Min >= Max or the scale has more than
// [MaxScalePoints] points.
func (sc Scale) Validate() error {
	// The difference is taken in uint64 so that it cannot overflow
	// whatever Min and Max are.
	if sc.Min >= sc.Max || uint64(sc.Max)-uint64(sc.Min) >= MaxScalePoints {
		return fmt.Errorf("%w: %d-%d (need Min < Max and at most %d points)",
			ErrInvalidScale, sc.Min, sc.Max, MaxScalePoints)
	}
	return nil
}

// Points returns the number of answers on the scale, Max − Min + 1. It
// returns 0 for an invalid scale.
func (sc Scale) Points() int {
	if sc.Validate() != nil {
		return 0
	}
	return sc.Max - sc.Min + 1
}

// Contains reports whether score is an answer on the scale. An invalid
// scale contains nothing.
func (sc Scale) Contains(score int) bool {
	return sc.Validate() == nil && score >= sc.Min && score <= sc.Max
}

// String returns the scale as "Min-Max", for example "0-10".
func (sc Scale) String() string {
	return fmt.Sprintf("%d-%d", sc.Min, sc.Max)
}
