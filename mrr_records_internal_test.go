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

func TestIntKey(t *testing.T) {
	// Every integer type: 0 is a key, a negative value is not (it goes to
	// the map), and the largest value keeps all its bits.
	tests := []struct {
		key    any
		v      uint64
		ok     bool
		intKey func() (uint64, bool)
	}{
		{0, 0, true, func() (uint64, bool) { return intKey(0) }},
		{-1, 0, false, func() (uint64, bool) { return intKey(-1) }},
		{int64(0), 0, true, func() (uint64, bool) { return intKey(int64(0)) }},
		{int64(-1), 0, false, func() (uint64, bool) { return intKey(int64(-1)) }},
		{int32(0), 0, true, func() (uint64, bool) { return intKey(int32(0)) }},
		{int32(-1), 0, false, func() (uint64, bool) { return intKey(int32(-1)) }},
		{int16(0), 0, true, func() (uint64, bool) { return intKey(int16(0)) }},
		{int16(-1), 0, false, func() (uint64, bool) { return intKey(int16(-1)) }},
		{int8(0), 0, true, func() (uint64, bool) { return intKey(int8(0)) }},
		{int8(-1), 0, false, func() (uint64, bool) { return intKey(int8(-1)) }},
		{int8(127), 127, true, func() (uint64, bool) { return intKey(int8(127)) }},
		{uint64(1<<64 - 1), 1<<64 - 1, true, func() (uint64, bool) { return intKey(uint64(1<<64 - 1)) }},
		{uint32(1<<32 - 1), 1<<32 - 1, true, func() (uint64, bool) { return intKey(uint32(1<<32 - 1)) }},
		{uint(7), 7, true, func() (uint64, bool) { return intKey(uint(7)) }},
		{uint16(1<<16 - 1), 1<<16 - 1, true, func() (uint64, bool) { return intKey(uint16(1<<16 - 1)) }},
		{uint8(255), 255, true, func() (uint64, bool) { return intKey(uint8(255)) }},
		{"a", 0, false, func() (uint64, bool) { return intKey("a") }},
	}
	for _, tt := range tests {
		v, ok := tt.intKey()
		if ok != tt.ok || (ok && v != tt.v) {
			t.Errorf("intKey(%T %v) = %d, %v; want %d, %v", tt.key, tt.key, v, ok, tt.v, tt.ok)
		}
	}
}

// TestSlotTableDensity checks the promise of slotFor's doc comment: a
// non-negative integer key below 8 per customer (plus 4096) lives in the
// slot table, not the map, and a sparser one lives in the map.
func TestSlotTableDensity(t *testing.T) {
	h, err := NewMRRHistory[int](2, AnyOrder)
	if err != nil {
		t.Fatal(err)
	}
	// 1,000 customers 8 apart: key 8i is below 8i + 4096, so each one
	// fits the table as it arrives.
	for i := range 1000 {
		if err := h.Add(8*i, 0, 10); err != nil {
			t.Fatal(err)
		}
	}
	if len(h.index) != 0 {
		t.Errorf("%d of 1000 keys 8 apart in the map, want all in the slot table", len(h.index))
	}
	// A key is placed after its customer is counted: the 1,001st
	// customer's limit is 8 × 1001 + 4096 = 12104, so key 12104 goes to
	// the map; the 1,002nd's is 12112, so key 12111 goes to the table.
	if err := h.Add(12104, 0, 10); err != nil {
		t.Fatal(err)
	}
	if _, inMap := h.index[12104]; !inMap {
		t.Error("key 12104 (= 8 × 1001 + 4096) not in the map")
	}
	if err := h.Add(12111, 0, 10); err != nil {
		t.Fatal(err)
	}
	if _, inMap := h.index[12111]; inMap {
		t.Error("key 12111 (< 8 × 1002 + 4096) in the map, want the slot table")
	}
	// Whatever is stored where, every customer is counted once.
	mv, _, err := h.Movements()
	if err != nil {
		t.Fatal(err)
	}
	if got := mv[0].New; got != 1002*10 {
		t.Errorf("period 0 new MRR %d, want 1002 × 10", got)
	}
}
