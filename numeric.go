package cxmetrics

import (
	"math"
	"math/big"
	"math/bits"
)

// u128 is an unsigned 128-bit integer, for sums and differences of
// non-negative int64 amounts that are exact even where a partial sum
// passes int64 on the way to a result that fits: a period that gains and
// loses 5 × 10¹⁸ cents balances, though its gains alone do not fit.
type u128 struct{ hi, lo uint64 }

// sumOf returns the exact sum of vs, which must not be negative.
func sumOf(vs ...int64) u128 {
	var s u128
	for _, v := range vs {
		var c uint64
		s.lo, c = bits.Add64(s.lo, uint64(v), 0)
		s.hi += c
	}
	return s
}

// less reports whether a < b.
func (a u128) less(b u128) bool { return a.hi < b.hi || a.hi == b.hi && a.lo < b.lo }

// minus returns a − b, for a >= b.
func (a u128) minus(b u128) u128 {
	lo, borrow := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(a.hi, b.hi, borrow)
	return u128{hi, lo}
}

// int64 returns a as an int64, and whether it fits.
func (a u128) int64() (int64, bool) {
	return int64(a.lo), a.hi == 0 && a.lo <= math.MaxInt64
}

// float64 returns a as a float64, rounded.
func (a u128) float64() float64 { return u128ToFloat(a.hi, a.lo) }

// String returns a in decimal, for an error message.
func (a u128) String() string {
	v := new(big.Int).Lsh(new(big.Int).SetUint64(a.hi), 64)
	return v.Or(v, new(big.Int).SetUint64(a.lo)).String()
}
