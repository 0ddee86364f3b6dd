package cxmetrics

import (
	"errors"
	"math"
	"testing"
)

// TestWeightedMergeCountLimit checks Merge at the edge of int64: two
// surveys whose answers number MaxInt64 together merge, one more does
// not, and the refused merge changes nothing. The counts are set by hand;
// adding 2⁶³ answers would take centuries.
func TestWeightedMergeCountLimit(t *testing.T) {
	a, err := NewWeightedSurvey(NPSScale)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewWeightedSurvey(NPSScale)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Add(9, 1); err != nil {
		t.Fatal(err)
	}
	a.total = math.MaxInt64 - 1
	if err := a.Merge(b); err != nil {
		t.Fatalf("merging to exactly MaxInt64 answers: %v", err)
	}
	if a.Total() != math.MaxInt64 {
		t.Errorf("Total() = %d, want MaxInt64", a.Total())
	}
	if err := a.Merge(b); !errors.Is(err, ErrOverflow) {
		t.Errorf("merging past MaxInt64 answers: error %v, want ErrOverflow", err)
	}
	if a.Total() != math.MaxInt64 || a.Weight(9) != 1 || a.TotalWeight() != 1 {
		t.Errorf("refused merge changed the survey: total %d, weight of 9 %v, total weight %v",
			a.Total(), a.Weight(9), a.TotalWeight())
	}
}

// TestWeightedAddCountLimit checks that Add refuses the answer after
// MaxInt64 and changes nothing.
func TestWeightedAddCountLimit(t *testing.T) {
	s, err := NewWeightedSurvey(NPSScale)
	if err != nil {
		t.Fatal(err)
	}
	s.total = math.MaxInt64
	if err := s.Add(9, 1); !errors.Is(err, ErrOverflow) {
		t.Errorf("Add past MaxInt64 answers: error %v, want ErrOverflow", err)
	}
	if s.Total() != math.MaxInt64 || s.Weight(9) != 0 || s.TotalWeight() != 0 {
		t.Errorf("refused Add changed the survey: total %d, weight of 9 %v, total weight %v",
			s.Total(), s.Weight(9), s.TotalWeight())
	}
}
