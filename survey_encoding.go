package cxmetrics

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// binaryVersion is the first byte of the binary encoding of a Survey.
const binaryVersion = 1

// MarshalBinary encodes the Survey in a compact, versioned binary form:
// a version byte (1), the scale's Min and Max as signed varints, then each
// point's count as an unsigned varint, from Min to Max. An empty 0-10
// survey takes 14 bytes. The form is stable: a later version of this
// package decodes what an earlier one encoded.
//
// It implements [encoding.BinaryMarshaler]. A zero-value Survey has no
// scale and cannot be encoded ([ErrInvalidScale]).
func (s *Survey) MarshalBinary() ([]byte, error) {
	if s.counts == nil {
		return nil, errNoScale()
	}
	b := make([]byte, 0, 1+2*binary.MaxVarintLen64+len(s.counts))
	b = append(b, binaryVersion)
	b = binary.AppendVarint(b, int64(s.scale.Min))
	b = binary.AppendVarint(b, int64(s.scale.Max))
	for _, c := range s.counts {
		b = binary.AppendUvarint(b, uint64(c))
	}
	return b, nil
}

// UnmarshalBinary replaces the Survey's scale and counts with those encoded
// in data by [Survey.MarshalBinary]. It implements
// [encoding.BinaryUnmarshaler]. Each Survey has one binary form, and
// UnmarshalBinary accepts that form only: what it accepts, MarshalBinary
// encodes back to the same bytes.
//
// Special cases are:
//
//	empty, truncated, trailing bytes or an unknown version   ErrCorrupt
//	a varint longer than it needs to be                      ErrCorrupt
//	a scale bound or a count past 64 bits                    ErrCorrupt
//	a scale that Validate refuses, or past int               ErrInvalidScale
//	a count past int64                                       ErrOverflow
//	counts whose sum passes int64                            ErrOverflow
//
// On error the Survey is unchanged.
func (s *Survey) UnmarshalBinary(data []byte) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: empty data", ErrCorrupt)
	}
	if data[0] != binaryVersion {
		return fmt.Errorf("%w: unknown version %d", ErrCorrupt, data[0])
	}
	rest := data[1:]
	var bounds [2]int64
	for i := range bounds {
		v, n := readVarint(rest)
		if n <= 0 {
			return fmt.Errorf("%w: bad scale bound at byte %d", ErrCorrupt, len(data)-len(rest))
		}
		bounds[i], rest = v, rest[n:]
	}
	scale, err := decodedScale(bounds[0], bounds[1])
	if err != nil {
		return err
	}
	counts := make([]int64, scale.Points())
	for i := range counts {
		v, n := readUvarint(rest)
		if n <= 0 {
			return fmt.Errorf("%w: bad count of score %d at byte %d", ErrCorrupt, scale.Min+i, len(data)-len(rest))
		}
		if v > math.MaxInt64 {
			return fmt.Errorf("%w: count %d of score %d", ErrOverflow, v, scale.Min+i)
		}
		counts[i], rest = int64(v), rest[n:]
	}
	if len(rest) != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(rest))
	}
	return s.replace(scale, counts)
}

// surveyNames are the keys of the JSON form of a Survey, in the order
// MarshalJSON writes them.
var surveyNames = []string{"min", "max", "counts"}

// MarshalJSON encodes the Survey as a JSON object with the scale and one
// count per point, from Min to Max:
//
//	{"min":1,"max":5,"counts":[0,1,0,4,7]}
//
// It implements [json.Marshaler]. A zero-value Survey has no scale and
// cannot be encoded ([ErrInvalidScale]).
func (s *Survey) MarshalJSON() ([]byte, error) {
	if s.counts == nil {
		return nil, errNoScale()
	}
	b := make([]byte, 0, 32+4*len(s.counts))
	b = append(b, `{"min":`...)
	b = strconv.AppendInt(b, int64(s.scale.Min), 10)
	b = append(b, `,"max":`...)
	b = strconv.AppendInt(b, int64(s.scale.Max), 10)
	b = append(b, `,"counts":[`...)
	for i, c := range s.counts {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, c, 10)
	}
	return append(b, ']', '}'), nil
}

// UnmarshalJSON replaces the Survey's scale and counts with those of the
// JSON form written by [Survey.MarshalJSON]. It implements
// [json.Unmarshaler]. The object's keys may come in any order and with
// any white space between the tokens; anything else that MarshalJSON
// would not write is refused, so that what UnmarshalJSON accepts,
// MarshalJSON encodes back to the same object. The counts are read one by
// one, and reading stops at the first past [MaxScalePoints], so that a
// longer array, however long, costs no more to refuse than the counts of
// the largest scale.
//
// Special cases are:
//
//	not one JSON object with the keys "min", "max"
//	and "counts", each once and spelled so             ErrCorrupt
//	a number not an integer as MarshalJSON writes it
//	(1.0, 1e3, "5", -0, 05)                            ErrCorrupt
//	more than MaxScalePoints counts, or not as many
//	as the scale has points                            ErrCorrupt
//	a scale that Validate refuses, or past int         ErrInvalidScale
//	a number past int64                                ErrOverflow
//	counts whose sum passes int64                      ErrOverflow
//	a negative count                                   ErrNegative
//
// On error the Survey is unchanged.
func (s *Survey) UnmarshalJSON(data []byte) error {
	var bounds [2]int64
	var counts []int64
	err := decodeObject(data, surveyNames, func(i int, dec *json.Decoder) error {
		var err error
		if i < len(bounds) {
			bounds[i], err = decodeInt(dec, surveyNames[i])
		} else {
			counts, err = decodeInts(dec, MaxScalePoints, "counts")
		}
		return err
	})
	if err != nil {
		return err
	}
	scale, err := decodedScale(bounds[0], bounds[1])
	if err != nil {
		return err
	}
	if len(counts) != scale.Points() {
		return fmt.Errorf("%w: %d counts for the %d points of scale %v", ErrCorrupt, len(counts), scale.Points(), scale)
	}
	return s.replace(scale, counts)
}

// decodedScale returns the scale lo-hi read from an encoding, or an error
// wrapping [ErrInvalidScale] if it does not fit in int or is not valid.
func decodedScale(lo, hi int64) (Scale, error) {
	if lo != int64(int(lo)) || hi != int64(int(hi)) {
		return Scale{}, fmt.Errorf("%w: %d-%d does not fit in int", ErrInvalidScale, lo, hi)
	}
	scale := Scale{Min: int(lo), Max: int(hi)}
	if err := scale.Validate(); err != nil {
		return Scale{}, err
	}
	return scale, nil
}

// replace sets the Survey to scale and counts after checking that every
// count is non-negative and that their total fits in int64. On error the
// Survey is unchanged.
func (s *Survey) replace(scale Scale, counts []int64) error {
	var total int64
	for i, c := range counts {
		if c < 0 {
			return fmt.Errorf("%w: count %d of score %d", ErrNegative, c, scale.Min+i)
		}
		if total > math.MaxInt64-c {
			return fmt.Errorf("%w: counts sum past %d", ErrOverflow, int64(math.MaxInt64))
		}
		total += c
	}
	s.scale, s.counts, s.total = scale, counts, total
	return nil
}
