package cxmetrics

import (
	"fmt"
	"iter"
	"math"
	"reflect"
)

// mayBeOdd reports whether a value of type t may be a key that a map
// cannot hold (a slice, map or func in an interface panics when hashed)
// or that is not equal to itself (a NaN), so that keys need checking.
func mayBeOdd(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface, reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return true
	case reflect.Array:
		return mayBeOdd(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if mayBeOdd(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

// oddKey says why k cannot be a customer key, or "" if it can.
func oddKey[K comparable](k K) string {
	if !reflect.ValueOf(&k).Elem().Comparable() {
		return fmt.Sprintf("of type %T is not comparable", k)
	}
	if k != k {
		return fmt.Sprintf("%v is not equal to itself", k)
	}
	return ""
}

// customerIndex numbers customers by rows 0, 1, … in the order they are
// first seen, for an [MRRHistory] and for [Transactions]. A non-negative
// integer key v below len(slot) has slot[v] = row+1 (0 = not seen); every
// other key is in index.
type customerIndex[K comparable] struct {
	intKeys bool // K is a built-in integer type: try the slot table first
	odd     bool // K may hold a value that is not comparable, or not equal to itself
	slot    []int32
	index   map[K]int32
	rows    int
}

// newCustomerIndex returns an empty index of keys of type K.
func newCustomerIndex[K comparable]() customerIndex[K] {
	var zero K
	_, intKeys := intKey(zero)
	return customerIndex[K]{intKeys: intKeys, odd: mayBeOdd(reflect.TypeFor[K]()), index: make(map[K]int32)}
}

// lookup returns the row of customer, if it has one.
func (h *customerIndex[K]) lookup(customer K) (int32, bool) {
	if h.intKeys {
		if v, ok := intKey(customer); ok && v < uint64(len(h.slot)) {
			r := h.slot[v]
			return r - 1, r != 0
		}
	}
	r, ok := h.index[customer]
	return r, ok
}

// insert gives customer, not yet seen, the next row, which the store has
// just added.
func (h *customerIndex[K]) insert(customer K) int32 {
	r := int32(h.rows)
	h.rows++
	if h.intKeys {
		if v, ok := intKey(customer); ok && h.slotFor(v) {
			h.slot[v] = r + 1
			return r
		}
	}
	h.index[customer] = r
	return r
}

// slotFor reports whether the integer key v has a place in the slot
// table, growing the table if v is dense enough. A key goes into the
// table only if it is below 8 slots per customer (plus 4096); the table
// grows by doubling, so it never holds more than 16 slots (64 bytes) per
// customer, and sparse keys go to the map. Keys of the map that the grown
// table covers move into it, so that a key below len(h.slot) is never in
// the map.
func (h *customerIndex[K]) slotFor(v uint64) bool {
	if v < uint64(len(h.slot)) {
		return true
	}
	if v >= 8*uint64(h.rows)+4096 {
		return false
	}
	n := max(v+1, 2*uint64(len(h.slot)))
	grown := make([]int32, n)
	copy(grown, h.slot)
	h.slot = grown
	for k, r := range h.index {
		if w, ok := intKey(k); ok && w < n {
			h.slot[w] = r + 1
			delete(h.index, k)
		}
	}
	return true
}

// keyOf returns the key of row r, for an error message.
func (h *customerIndex[K]) keyOf(r int32) any {
	for v, s := range h.slot {
		if s == r+1 {
			return v
		}
	}
	for k, s := range h.index {
		if s == r {
			return k
		}
	}
	return "?"
}

// keys returns the key of every row, by row.
func (h *customerIndex[K]) keys() []K {
	out := make([]K, h.rows)
	for v, s := range h.slot {
		if s != 0 {
			out[s-1] = fromIntKey[K](uint64(v))
		}
	}
	for k, r := range h.index {
		out[r] = k
	}
	return out
}

// fromIntKey returns the key of K, a built-in integer type, whose intKey
// is v.
func fromIntKey[K comparable](v uint64) K {
	var k K
	switch p := any(&k).(type) {
	case *int:
		*p = int(v)
	case *int64:
		*p = int64(v)
	case *int32:
		*p = int32(v)
	case *uint64:
		*p = v
	case *uint32:
		*p = uint32(v)
	case *uint:
		*p = uint(v)
	case *int16:
		*p = int16(v)
	case *uint16:
		*p = uint16(v)
	case *int8:
		*p = int8(v)
	case *uint8:
		*p = uint8(v)
	}
	return k
}

// intKey returns k as a uint64 if K is a built-in integer type and k is
// not negative.
func intKey[K comparable](k K) (uint64, bool) {
	switch v := any(k).(type) {
	case int:
		return uint64(v), v >= 0
	case int64:
		return uint64(v), v >= 0
	case int32:
		return uint64(v), v >= 0
	case uint64:
		return v, true
	case uint32:
		return uint64(v), true
	case uint:
		return uint64(v), true
	case int16:
		return uint64(v), v >= 0
	case uint16:
		return uint64(v), true
	case int8:
		return uint64(v), v >= 0
	case uint8:
		return uint64(v), true
	}
	return 0, false
}

// maxRows is the largest number of customers an MRRHistory holds.
const maxRows = math.MaxInt32 - 1

// full reports whether a history of rows customers has no room for fresh
// more.
func full(rows, fresh int) bool { return fresh > maxRows-rows }

// badPeriod says why records cannot be added to period, or "" if they
// can.
func (h *MRRHistory[K]) badPeriod(period int) string {
	if !(period >= 0 && period < h.periods) {
		if h.periods == 0 {
			return "the zero MRRHistory holds no periods"
		}
		return fmt.Sprintf("history holds periods 0 to %d", h.periods-1)
	}
	if period >= MaxPeriods {
		return fmt.Sprintf("a history observes periods 0 to %d (MaxPeriods %d)", MaxPeriods-1, MaxPeriods)
	}
	return ""
}

// early says why a period before the store's earliest cannot be added to.
func (h *MRRHistory[K]) early() string {
	return fmt.Sprintf("after a record for period %d (records in PeriodOrder)", h.store.earliest())
}

// check validates one record without changing the history.
func (h *MRRHistory[K]) check(customer K, period int, mrr int64) error {
	if uint(period) < uint(h.limit) && mrr >= 0 && !h.odd {
		return nil // the common case, in a few instructions
	}
	if h.odd {
		if why := oddKey(customer); why != "" {
			return fmt.Errorf("%w: customer key %s in period %d", ErrInvalidArgument, why, period)
		}
	}
	if why := h.badPeriod(period); why != "" {
		return fmt.Errorf("%w: customer %v in period %d: %s", ErrOutOfRange, customer, period, why)
	}
	if mrr < 0 {
		return fmt.Errorf("%w: customer %v in period %d: MRR %d", ErrNegative, customer, period, mrr)
	}
	return nil
}

// overflow returns the error for a sum past int64 in period at row r.
func (h *MRRHistory[K]) overflow(period int, r int32) error {
	return fmt.Errorf("%w: period %d: a revenue total passes int64 at customer %v", ErrOverflow, period, h.keyOf(r))
}

// cellOverflow returns the error for mrr more that takes what customer
// pays (in period, or over the history) past int64.
func cellOverflow(customer any, period int, mrr int64) error {
	return fmt.Errorf("%w: customer %v in period %d: MRR %d more passes int64", ErrOverflow, customer, period, mrr)
}

// RecordError is the error of [MRRHistory.AddRecords] for a record it
// could not add. The Index records before it in the sequence were added;
// it and the records after it were not. Err says why, and wraps one of the
// sentinel errors, so that errors.Is sees through a RecordError.
type RecordError struct {
	Index int64 // position of the record in the sequence, from 0
	Err   error // what Add returned for it
}

// Error returns the record's position and what went wrong with it.
func (e *RecordError) Error() string { return fmt.Sprintf("record %d: %v", e.Index, e.Err) }

// Unwrap returns Err.
func (e *RecordError) Unwrap() error { return e.Err }

// AddRecords adds every record of records, as Add does, and stops at the
// first one that fails. A sequence cannot be rewound, so what it added
// before the failing record stays added: the error is a [*RecordError]
// whose Index is the number of records added, and which wraps the error
// of the record (a sentinel error, as Add's). To add all or nothing, keep
// the records in a slice and add them to a new history. A nil sequence
// adds nothing.
func (h *MRRHistory[K]) AddRecords(records iter.Seq[MRRRecord[K]]) error {
	if records == nil {
		return nil // no sequence: no records
	}
	var i int64
	for rec := range records {
		if err := h.Add(rec.Customer, rec.Period, rec.MRR); err != nil {
			return &RecordError{Index: i, Err: err}
		}
		i++
	}
	return nil
}
