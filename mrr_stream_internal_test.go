package cxmetrics

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestMRRHistoryOverflowNamesCustomerInLaterChunk checks that an overflow
// found while tallying names the right customer when the customer is not
// in the first chunk of states: a chunk holds 1<<stateShift rows, so
// customer 1<<stateShift + 1 is row 1 of chunk 1.
func TestMRRHistoryOverflowNamesCustomerInLaterChunk(t *testing.T) {
	for _, order := range []Order{AnyOrder, PeriodOrder} {
		h, err := NewMRRHistory[int](2, order)
		if err != nil {
			t.Fatal(err)
		}
		n := 1<<stateShift + 2
		for c := range n {
			mrr := int64(1)
			if c == n-2 {
				mrr = math.MaxInt64 - int64(n) + 2
			}
			if err := h.Add(c, 0, mrr); err != nil {
				t.Fatal(err)
			}
		}
		// New MRR in period 0: n − 2 ones and MaxInt64 − n + 2 make
		// MaxInt64 at customer n − 2; the last 1 passes it at n − 1.
		_, _, err = h.Movements()
		if want := fmt.Sprintf("customer %d", n-1); !errors.Is(err, ErrOverflow) || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: Movements: error %v, want ErrOverflow naming %s", order, err, want)
		}
	}
}
