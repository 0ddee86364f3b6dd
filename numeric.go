package cxmetrics

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
)

// This file holds the numeric helpers shared across the package: a
// percent of two exact counts, the check of a rate given in percent, and
// 128-bit integers for sums that pass int64 on the way to a result that
// fits.

// u128 is an unsigned 128-bit integer, for sums and differences of
// non-negative int64 amounts that are exact even where a partial sum
// passes int64 on the way to a result that fits: a period that gains and
// loses 5 × 10¹⁸ cents balances, though its gains alone do not fit.
type u128 struct{ hi, lo uint64 }

// sumOf returns the exact sum of vs, which must not be negative.
func sumOf(vs ...int64) u128 {
	var s u128
	for _, v := range vs {
		s = s.plus(u128{lo: uint64(v)})
	}
	return s
}

// mul returns x × y.
func mul(x, y uint64) u128 {
	hi, lo := bits.Mul64(x, y)
	return u128{hi, lo}
}

// plus returns a + b, for a sum below 2¹²⁸.
func (a u128) plus(b u128) u128 {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	return u128{a.hi + b.hi + c, lo}
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

// u128ToFloat returns hi·2⁶⁴ + lo as a float64.
func u128ToFloat(hi, lo uint64) float64 {
	return float64(hi)*(1<<64) + float64(lo)
}

// percentOf returns 100 × num / den, dividing before it scales: rounding
// keeps order, so |num| ≤ den gives a result within [-100, 100] even for
// counts past 2⁵³, where 100 × num would round beyond it. den must not
// be 0.
func percentOf(num, den int64) float64 {
	return 100 * (float64(num) / float64(den))
}

// checkNotFraction returns an error wrapping [ErrOutOfRange] if x, a
// percent checked by checkRatePercent, lies strictly between 0 and 1,
// where the argument called name is only ever a fraction given by
// mistake (0.8 for a margin of 80%): see "Units" in the package doc.
func checkNotFraction(name string, x float64) error {
	if x > 0 && x < 1 {
		return fmt.Errorf("%w: %s %v%% is below 1%%, taken for a fraction given for a percent (%v%% is passed as %v)",
			ErrOutOfRange, name, x, 100*x, 100*x)
	}
	return nil
}

// checkRatePercent returns an error unless x, an argument called name, is
// a finite percent from 0 to 100.
func checkRatePercent(name string, x float64) error {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("%w: %s %v%%", ErrInvalidArgument, name, x)
	}
	if !(x >= 0 && x <= 100) {
		return fmt.Errorf("%w: %s %v%% (need 0-100)", ErrOutOfRange, name, x)
	}
	return nil
}
