package cxmetrics

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// revenueNames are the keys of the JSON form of a RevenuePeriod, in the
// order of its fields and of the binary form.
var revenueNames = []string{"start", "end", "new", "expansion", "contraction", "churned", "reactivation", "breakdown"}

// amounts returns pointers to the seven amounts of r, in the order of
// revenueNames.
func (r *RevenuePeriod) amounts() [7]*int64 {
	return [7]*int64{&r.Start, &r.End, &r.New, &r.Expansion, &r.Contraction, &r.Churned, &r.Reactivation}
}

// MarshalJSON encodes r as a JSON object of its seven amounts and its form
// ([RevenuePeriod.HasBreakdown]), every key always written:
//
//	{"start":100,"end":120,"new":10,"expansion":10,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}
//
// It implements [json.Marshaler]. A period that [RevenuePeriod.Validate]
// refuses is not encoded: the error is Validate's.
func (r RevenuePeriod) MarshalJSON() ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	b := []byte{'{'}
	for i, p := range r.amounts() {
		b = append(b, '"')
		b = append(b, revenueNames[i]...)
		b = append(b, '"', ':')
		b = strconv.AppendInt(b, *p, 10)
		b = append(b, ',')
	}
	b = append(b, `"breakdown":`...)
	b = strconv.AppendBool(b, r.HasBreakdown())
	return append(b, '}'), nil
}

// UnmarshalJSON sets r to the period encoded in data by
// [RevenuePeriod.MarshalJSON]. It implements [json.Unmarshaler]. The keys
// may come in any order, with white space between the tokens, as JSON
// allows; each key and each number has the one form MarshalJSON writes.
//
// Special cases are:
//
//	not one JSON object of the eight keys, each once
//	and spelled as MarshalJSON spells it                ErrCorrupt
//	an amount not an integer as MarshalJSON writes it   ErrCorrupt
//	"breakdown" false with a movement not zero          ErrCorrupt
//	an amount past int64                                ErrOverflow
//	a period that Validate refuses                      Validate's error
//
// On error r is unchanged.
func (r *RevenuePeriod) UnmarshalJSON(data []byte) error {
	var v RevenuePeriod
	var breakdown bool
	amounts := v.amounts()
	err := decodeObject(data, revenueNames, func(i int, dec *json.Decoder) error {
		if i == len(amounts) {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil || (string(raw) != "true" && string(raw) != "false") {
				return fmt.Errorf("%w: breakdown %s is not true or false", ErrCorrupt, short(raw))
			}
			breakdown = string(raw) == "true"
			return nil
		}
		var err error
		*amounts[i], err = decodeInt(dec, revenueNames[i])
		return err
	})
	if err != nil {
		return err
	}
	return r.decoded(v, breakdown)
}

// decoded sets r to v with the form breakdown, after checking that the
// two agree and that v is valid.
func (r *RevenuePeriod) decoded(v RevenuePeriod, breakdown bool) error {
	if !breakdown && v.hasMovements() {
		return fmt.Errorf("%w: a period with movements %v marked as totals form", ErrCorrupt, v)
	}
	if breakdown {
		v = v.WithBreakdown()
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*r = v
	return nil
}

// revenueVersion is the first byte of the binary encoding of a
// RevenuePeriod.
const revenueVersion = 1

// MarshalBinary encodes r in a compact, versioned binary form: a version
// byte (1), a byte of flags (1 if r has its breakdown, else 0), then the
// seven amounts as unsigned varints in the order Start, End, New,
// Expansion, Contraction, Churned, Reactivation. A period of small amounts
// takes 9 bytes. The form is stable: a later version of this package
// decodes what an earlier one encoded.
//
// It implements [encoding.BinaryMarshaler]. A period that
// [RevenuePeriod.Validate] refuses is not encoded: the error is Validate's.
func (r RevenuePeriod) MarshalBinary() ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	b := make([]byte, 2, 2+7*binary.MaxVarintLen64)
	b[0] = revenueVersion
	if r.HasBreakdown() {
		b[1] = 1
	}
	for _, p := range r.amounts() {
		b = binary.AppendUvarint(b, uint64(*p))
	}
	return b, nil
}

// UnmarshalBinary sets r to the period encoded in data by
// [RevenuePeriod.MarshalBinary]. It implements
// [encoding.BinaryUnmarshaler].
//
// Special cases are:
//
//	truncated, trailing bytes, an unknown version or flag   ErrCorrupt
//	a varint longer than it needs to be                     ErrCorrupt
//	the totals-form flag with a movement not zero           ErrCorrupt
//	an amount past int64                                    ErrOverflow
//	a period that Validate refuses                          Validate's error
//
// On error r is unchanged.
func (r *RevenuePeriod) UnmarshalBinary(data []byte) error {
	if len(data) < 2 {
		return fmt.Errorf("%w: %d bytes, want at least 9", ErrCorrupt, len(data))
	}
	if data[0] != revenueVersion {
		return fmt.Errorf("%w: unknown version %d", ErrCorrupt, data[0])
	}
	if data[1] > 1 {
		return fmt.Errorf("%w: unknown flags %#x", ErrCorrupt, data[1])
	}
	var v RevenuePeriod
	rest := data[2:]
	for i, p := range v.amounts() {
		u, n := readUvarint(rest)
		if n <= 0 {
			return fmt.Errorf("%w: bad %s at byte %d", ErrCorrupt, revenueNames[i], len(data)-len(rest))
		}
		if u > math.MaxInt64 {
			return fmt.Errorf("%w: %s %d", ErrOverflow, revenueNames[i], u)
		}
		*p, rest = int64(u), rest[n:]
	}
	if len(rest) != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(rest))
	}
	return r.decoded(v, data[1] == 1)
}
