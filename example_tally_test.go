package cxmetrics_test

import (
	"errors"
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleTally_bytes() {
	// Answers to "How likely are you to recommend us?", one byte each, as
	// they come from a file or a column.
	answers := []uint8{10, 9, 9, 8, 7, 6, 10, 3, 9, 0, 10, 8}
	s, err := cxmetrics.Tally(cxmetrics.NPSScale, answers)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := cxmetrics.NPS(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("answers %d, tens %d, NPS %.2f\n", s.Total(), s.Count(10), r.Score)

	// All or nothing: one answer off the scale and there is no tally.
	_, err = cxmetrics.Tally(cxmetrics.NPSScale, []int{10, 9, 11, 12})
	fmt.Println(errors.Is(err, cxmetrics.ErrOutOfRange), err)
	// Output:
	// answers 12, tens 3, NPS 25.00
	// true cxmetrics: out of range: score 11 at index 2 on scale 0-10
}
