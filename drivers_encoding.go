package cxmetrics

import (
	"encoding/binary"
	"fmt"
	"math"
)

// driversVersion is the first byte of the binary encoding of a Drivers.
const driversVersion = 1

// MarshalBinary encodes the Drivers in a compact, versioned binary form:
// a version byte (1); k, the count and the skipped count as unsigned
// varints; the outcome scale's and the rating scale's Min and Max as
// signed varints; then the k+1 means, the outcome's first, and the
// (k+1)(k+2)/2 co-moments of the upper triangle row by row, each as the
// 8 bytes of its IEEE 754 bits, little-endian. The floats are stored
// exactly, so that decoding gives the same figures bit for bit. The form
// is stable: a later version of this package decodes what an earlier one
// encoded.
//
// It implements [encoding.BinaryMarshaler]. The zero value has no shape
// and cannot be encoded ([ErrInvalidArgument]).
func (d *Drivers) MarshalBinary() ([]byte, error) {
	if err := d.argument("the Drivers encoded"); err != nil {
		return nil, err
	}
	b := make([]byte, 0, 1+7*binary.MaxVarintLen64+8*(len(d.mean)+len(d.comoment)))
	b = append(b, driversVersion)
	b = binary.AppendUvarint(b, uint64(d.k))
	b = binary.AppendUvarint(b, uint64(d.n))
	b = binary.AppendUvarint(b, uint64(d.skipped))
	for _, v := range []int{d.outcome.Min, d.outcome.Max, d.rating.Min, d.rating.Max} {
		b = binary.AppendVarint(b, int64(v))
	}
	for _, x := range d.mean {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	for _, x := range d.comoment {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b, nil
}

// UnmarshalBinary replaces the Drivers with the one encoded in data by
// [Drivers.MarshalBinary]. It implements [encoding.BinaryUnmarshaler].
// It refuses the statistics listed below, which no adds and merges
// produce; it does not check everything they imply (that each
// correlation is within ±1, say), which [RelativeWeights] and
// [ShapleyRegression] check before they use them. The number of drivers is
// checked against [MaxDrivers], and the length of data against it, before
// anything is allocated.
//
// Special cases are:
//
//	empty, truncated, trailing bytes or an unknown version   ErrCorrupt
//	a varint longer than it needs to be, or past 64 bits     ErrCorrupt
//	k of 0 or past MaxDrivers                                ErrCorrupt
//	a count or skipped count past int64                      ErrCorrupt
//	a scale Validate refuses, or past int                    ErrInvalidScale
//	a mean or co-moment NaN or infinite                      ErrCorrupt
//	a mean outside its scale                                 ErrCorrupt
//	a negative variance (a diagonal co-moment below 0)       ErrCorrupt
//	with no respondents, a mean or co-moment not 0           ErrCorrupt
//
// On error the Drivers is unchanged.
func (d *Drivers) UnmarshalBinary(data []byte) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: empty data", ErrCorrupt)
	}
	if data[0] != driversVersion {
		return fmt.Errorf("%w: unknown version %d", ErrCorrupt, data[0])
	}
	rest := data[1:]
	var head [3]uint64
	for i, what := range []string{"number of drivers", "count", "skipped count"} {
		v, n := readUvarint(rest)
		if n <= 0 {
			return fmt.Errorf("%w: bad %s at byte %d", ErrCorrupt, what, len(data)-len(rest))
		}
		head[i], rest = v, rest[n:]
	}
	k, count, skipped := head[0], head[1], head[2]
	if !(k >= 1 && k <= MaxDrivers) {
		return fmt.Errorf("%w: %d drivers (need 1 to %d)", ErrCorrupt, k, MaxDrivers)
	}
	if count > math.MaxInt64 || skipped > math.MaxInt64 {
		return fmt.Errorf("%w: count %d or skipped count %d past int64", ErrCorrupt, count, skipped)
	}
	var bounds [4]int64
	for i := range bounds {
		v, n := readVarint(rest)
		if n <= 0 {
			return fmt.Errorf("%w: bad scale bound at byte %d", ErrCorrupt, len(data)-len(rest))
		}
		bounds[i], rest = v, rest[n:]
	}
	outcome, rating, err := decodedDriverScales(bounds)
	if err != nil {
		return err
	}
	m := int(k) + 1
	floats := m + m*(m+1)/2
	if len(rest) != 8*floats {
		return fmt.Errorf("%w: %d bytes of statistics for %d drivers (want %d)", ErrCorrupt, len(rest), k, 8*floats)
	}
	e := newDrivers(int(k), outcome, rating)
	e.n, e.skipped = int64(count), int64(skipped)
	for i := range floats {
		x := math.Float64frombits(binary.LittleEndian.Uint64(rest[8*i:]))
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%w: statistic %d is %v", ErrCorrupt, i, x)
		}
		if i < m {
			e.mean[i] = x
		} else {
			e.comoment[i-m] = x
		}
	}
	if err := e.checkDecoded(); err != nil {
		return err
	}
	*d = *e
	return nil
}

// checkDecoded returns an error wrapping [ErrCorrupt] if the statistics of
// a decoded Drivers are ones no adds could produce, as far as the means'
// ranges and the variances' signs tell; the correlations are checked
// where they are used.
func (d *Drivers) checkDecoded() error {
	for i, x := range d.mean {
		lo, hi, what := d.ratingLo, d.ratingHi, fmt.Sprintf("mean of driver %d", i-1)
		if i == 0 {
			lo, hi, what = d.outcomeLo, d.outcomeHi, "mean outcome"
		}
		if d.n == 0 && x != 0 || !(x >= lo && x <= hi) && d.n > 0 {
			return fmt.Errorf("%w: %s %v with %d respondents", ErrCorrupt, what, x, d.n)
		}
		if v := d.at(i, i); v < 0 {
			return fmt.Errorf("%w: negative variance %v of variable %d", ErrCorrupt, v, i)
		}
	}
	if d.n == 0 {
		for _, x := range d.comoment {
			if x != 0 {
				return fmt.Errorf("%w: co-moment %v with no respondents", ErrCorrupt, x)
			}
		}
	}
	return nil
}

// decodedDriverScales returns the outcome and rating scales of a decoded
// Drivers from their bounds (outcome min and max, rating min and max), as
// both encodings write them.
func decodedDriverScales(bounds [4]int64) (outcome, rating Scale, err error) {
	if outcome, err = decodedScale(bounds[0], bounds[1]); err != nil {
		return Scale{}, Scale{}, fmt.Errorf("outcome scale: %w", err)
	}
	if rating, err = decodedScale(bounds[2], bounds[3]); err != nil {
		return Scale{}, Scale{}, fmt.Errorf("rating scale: %w", err)
	}
	return outcome, rating, nil
}
