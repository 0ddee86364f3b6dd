package cxmetrics

import (
	"errors"
	"testing"
)

func TestFull(t *testing.T) {
	tests := []struct {
		rows, fresh int
		want        bool
	}{
		{0, 0, false},
		{0, maxRows, false},
		{0, maxRows + 1, true},
		{maxRows - 1, 1, false}, // the last customer fits
		{maxRows, 0, false},
		{maxRows, 1, true},
		{maxRows - 1, 2, true},
	}
	for _, tt := range tests {
		if got := full(tt.rows, tt.fresh); got != tt.want {
			t.Errorf("full(%d, %d) = %v, want %v", tt.rows, tt.fresh, got, tt.want)
		}
	}
}

// TestMRRHistoryCustomerLimit checks that Add and AddSnapshot refuse a
// customer past maxRows, and add nothing, on a history made to look as if
// it held that many already (filling one would take tens of gigabytes).
func TestMRRHistoryCustomerLimit(t *testing.T) {
	for _, order := range []Order{PeriodOrder, AnyOrder} {
		h, err := NewMRRHistory[int](3, order)
		if err != nil {
			t.Fatal(err)
		}
		h.rows = maxRows
		if err := h.Add(1, 0, 10); !errors.Is(err, ErrOverflow) {
			t.Errorf("%v: Add past %d customers: error %v, want ErrOverflow", order, maxRows, err)
		}
		if err := h.AddSnapshot(0, map[int]int64{1: 10}); !errors.Is(err, ErrOverflow) {
			t.Errorf("%v: AddSnapshot of 1 customer past %d: error %v, want ErrOverflow", order, maxRows, err)
		}
		h.rows = maxRows - 1
		if err := h.AddSnapshot(0, map[int]int64{1: 10, 2: 20}); !errors.Is(err, ErrOverflow) {
			t.Errorf("%v: AddSnapshot of 2 customers with room for 1: error %v, want ErrOverflow", order, err)
		}
		if h.rows != maxRows-1 || h.seen != 0 {
			t.Errorf("%v: refused records changed the history: %d rows, %d periods seen", order, h.rows, h.seen)
		}
	}
}
