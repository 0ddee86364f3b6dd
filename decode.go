package cxmetrics

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
)

// This file holds the strict decoding shared by the encodings of Survey,
// RevenuePeriod and Drivers. A decoder refuses what an encoder never
// writes: trailing data, a repeated or unknown key, a key in another case
// or spelled with escapes, a number written as 1.0, 1e3, "5" or -0, a
// varint with more bytes than it needs. In the binary forms each value has exactly one
// encoding, so that two encodings that differ never mean the same value.
// In JSON the values, keys and numbers have one form each, but white
// space between tokens and the order of keys are JSON's own and are
// accepted as JSON defines them.

// readUvarint reads a minimal unsigned varint from the start of b and
// returns it and the number of bytes read, or n <= 0 if b holds no
// varint, or an overlong one.
func readUvarint(b []byte) (v uint64, n int) {
	v, n = binary.Uvarint(b)
	if n > 1 && b[n-1] == 0 {
		return 0, -n // a last byte of 0 adds nothing: the varint is overlong
	}
	return v, n
}

// readVarint reads a minimal signed varint (zigzag, as
// [binary.AppendVarint] writes it) from the start of b and returns it and
// the number of bytes read, or n <= 0 if b holds no varint, or an overlong
// one. A signed varint is an unsigned one underneath, so it is minimal
// when that is.
func readVarint(b []byte) (v int64, n int) {
	u, n := readUvarint(b)
	if n <= 0 {
		return 0, n
	}
	v = int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v, n
}

// decodeObject reads data as exactly one JSON object whose keys are names,
// each exactly once, in any order and in the case given, and calls value
// with the index in names and the decoder positioned at each key's value.
// Anything else is ErrCorrupt: other JSON, a missing, unknown, repeated
// or case-folded key, a key spelled with escapes ("\u006din" for "min"),
// or data after the object other than white space.
func decodeObject(data []byte, names []string, value func(i int, dec *json.Decoder) error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("%w: want a JSON object", ErrCorrupt)
	}
	seen := make([]bool, len(names))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		key, _ := tok.(string)
		i := 0
		for i < len(names) && names[i] != key {
			i++
		}
		switch {
		case i == len(names):
			return fmt.Errorf("%w: unknown key %q", ErrCorrupt, key)
		case seen[i]:
			return fmt.Errorf("%w: key %q given twice", ErrCorrupt, key)
		case !spelledPlain(data, int(dec.InputOffset()), key):
			return fmt.Errorf("%w: key %q spelled with escapes", ErrCorrupt, key)
		}
		seen[i] = true
		if err := value(i, dec); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the JSON object", ErrCorrupt)
	}
	for i, ok := range seen {
		if !ok {
			return fmt.Errorf("%w: no key %q", ErrCorrupt, names[i])
		}
	}
	return nil
}

// spelledPlain reports whether the JSON string token that ends at offset
// end of data is key in quotes, with no escape: the one way an encoder
// here writes it.
func spelledPlain(data []byte, end int, key string) bool {
	start := end - len(key) - 2
	return start >= 0 && end <= len(data) && data[start] == '"' && data[end-1] == '"' &&
		string(data[start+1:end-1]) == key
}

// decodeInts reads the next JSON value of dec as an array of integers,
// each as [decodeInt] reads one, element by element, so that a longer
// array than limit costs no more than limit elements: reading stops with
// ErrCorrupt at the first element past it. what names the array in
// errors.
func decodeInts(dec *json.Decoder, limit int, what string) ([]int64, error) {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, fmt.Errorf("%w: %s is not a JSON array", ErrCorrupt, what)
	}
	var v []int64
	for dec.More() {
		if len(v) == limit {
			return nil, fmt.Errorf("%w: %s has more than %d elements", ErrCorrupt, what, limit)
		}
		x, err := decodeInt(dec, what)
		if err != nil {
			return nil, fmt.Errorf("%w, at index %d", err, len(v))
		}
		v = append(v, x)
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return v, nil
}

// decodeInt reads the next JSON value of dec as an integer written as
// encoding/json writes an int64: digits with no sign but a minus, no
// leading zero, no fraction or exponent, not quoted, not -0. An integer
// beyond int64 is ErrOverflow; any other value is ErrCorrupt. what names
// the value in the error.
func decodeInt(dec *json.Decoder, what string) (int64, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, fmt.Errorf("%w: %s: %v", ErrCorrupt, what, err)
	}
	return parseInt(raw, what)
}

// parseInt parses the JSON number raw as decodeInt does.
func parseInt(raw []byte, what string) (int64, error) {
	digits := raw
	neg := len(digits) > 0 && digits[0] == '-'
	if neg {
		digits = digits[1:]
	}
	ok := len(digits) > 0 && (digits[0] != '0' || len(digits) == 1) && !(neg && string(digits) == "0")
	for _, c := range digits {
		ok = ok && c >= '0' && c <= '9'
	}
	if !ok {
		return 0, fmt.Errorf("%w: %s %s is not an integer in its one JSON form", ErrCorrupt, what, short(raw))
	}
	var mag uint64
	big := false
	for _, c := range digits {
		d := uint64(c - '0')
		if mag > (math.MaxUint64-d)/10 {
			big = true
			continue
		}
		mag = mag*10 + d
	}
	switch {
	case big || (!neg && mag > math.MaxInt64) || (neg && mag > 1<<63):
		return 0, fmt.Errorf("%w: %s %s is past int64", ErrOverflow, what, short(raw))
	case neg:
		return -int64(mag-1) - 1, nil // -2⁶³ included
	}
	return int64(mag), nil
}

// short returns b for an error message, cut to 40 bytes with "…".
func short(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
