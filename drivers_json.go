package cxmetrics

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// driversNames are the keys of the JSON form of a Drivers, in the order
// MarshalJSON writes them.
var driversNames = []string{"k", "count", "skipped", "outcome", "rating", "means", "comoments"}

// MarshalJSON encodes the Drivers as a JSON object a person can read: the
// number of drivers k, the count, the skipped count, the outcome and
// rating scales, the k+1 means, the outcome's first, and the full
// (k+1)×(k+1) matrix of co-moments, one array per row, in the same order
// (row and column 0 the outcome, j the driver j−1). For one driver and
// the respondents (9, 5), (6, 3) and (3, 1), with a fourth skipped:
//
//	{"k":1,"count":3,"skipped":1,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[18,12],[12,8]]}
//
// The co-moments divided by count − 1 are the sample covariances. Each
// float is written as encoding/json writes a float64, with the fewest
// digits that parse back to the same bits, so that decoding gives the
// same figures bit for bit, as [Drivers.MarshalBinary] does. The matrix
// holds each co-moment twice and each takes about 19 bytes: the JSON of k
// drivers is about 19(k+1)² bytes against the binary form's 4(k+1)²
// (1.2 MB against 267 KB at MaxDrivers). Use the binary form to store
// and send accumulators, this one to look at them.
//
// It implements [json.Marshaler]. The zero value has no shape and cannot
// be encoded ([ErrInvalidArgument]).
func (d *Drivers) MarshalJSON() ([]byte, error) {
	if err := d.argument("the Drivers encoded"); err != nil {
		return nil, err
	}
	m := len(d.mean)
	b := make([]byte, 0, 128+24*m*(m+1))
	b = append(b, `{"k":`...)
	b = strconv.AppendInt(b, int64(d.k), 10)
	b = append(b, `,"count":`...)
	b = strconv.AppendInt(b, d.n, 10)
	b = append(b, `,"skipped":`...)
	b = strconv.AppendInt(b, d.skipped, 10)
	for _, sc := range []struct {
		key   string
		scale Scale
	}{{`,"outcome":{"min":`, d.outcome}, {`},"rating":{"min":`, d.rating}} {
		b = append(b, sc.key...)
		b = strconv.AppendInt(b, int64(sc.scale.Min), 10)
		b = append(b, `,"max":`...)
		b = strconv.AppendInt(b, int64(sc.scale.Max), 10)
	}
	b = append(b, `},"means":[`...)
	for i, x := range d.mean {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONFloat(b, x)
	}
	b = append(b, `],"comoments":[`...)
	for i := range m {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j := range m {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendJSONFloat(b, d.at(i, j))
		}
		b = append(b, ']')
	}
	return append(b, ']', '}'), nil
}

// UnmarshalJSON replaces the Drivers with the one of the JSON form written
// by [Drivers.MarshalJSON]. It implements [json.Unmarshaler]. The object's
// keys may come in any order and with any white space between the
// tokens; anything else that MarshalJSON would not write is refused, so
// that what UnmarshalJSON accepts, MarshalJSON encodes back to the same
// object. It accepts the statistics [Drivers.UnmarshalBinary] accepts, no
// more and no fewer. The document is first read whole as JSON, as
// encoding/json reads any value; the means and co-moments are parsed
// only after k has been checked against [MaxDrivers], one number at a
// time into statistics of that k, so that nothing is allocated for a k
// past MaxDrivers and an array too long is refused at its first number
// too many.
//
// Special cases are:
//
//	not one JSON object with the keys "k", "count",
//	"skipped", "outcome", "rating", "means" and
//	"comoments", each once and spelled so, or a scale
//	not an object with "min" and "max"                  ErrCorrupt
//	an integer not as MarshalJSON writes it
//	(1.0, 1e3, "5", -0, 05), or past int64              ErrCorrupt
//	a float not as MarshalJSON writes it (3.50, 1e0,
//	1E+21, "3"), or past float64 (1e400)                ErrCorrupt
//	k of 0 or past MaxDrivers                           ErrCorrupt
//	a negative count or skipped count                   ErrCorrupt
//	a scale Validate refuses, or past int               ErrInvalidScale
//	other than k+1 means, or other than k+1 rows of
//	k+1 co-moments                                      ErrCorrupt
//	co-moments [i][j] and [j][i] not the same bits      ErrCorrupt
//	a mean outside its scale                            ErrCorrupt
//	a negative variance (a diagonal co-moment below 0)  ErrCorrupt
//	with no respondents, a mean or co-moment not 0      ErrCorrupt
//
// On error the Drivers is unchanged.
func (d *Drivers) UnmarshalJSON(data []byte) error {
	var head [3]int64 // k, count, skipped
	var bounds [4]int64
	var means, comoments json.RawMessage
	err := decodeObject(data, driversNames, func(i int, dec *json.Decoder) error {
		name := driversNames[i]
		switch name {
		case "outcome", "rating":
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
			}
			b := bounds[2*(i-3) : 2*(i-2)]
			err := decodeObject(raw, surveyNames[:2], func(j int, dec *json.Decoder) error {
				var err error
				b[j], err = decodeDriversInt(dec, surveyNames[j])
				return err
			})
			if err != nil {
				return fmt.Errorf("%s scale: %w", name, err)
			}
			return nil
		case "means", "comoments":
			raw := &means
			if name == "comoments" {
				raw = &comoments
			}
			if err := dec.Decode(raw); err != nil {
				return fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
			}
			return nil
		}
		var err error
		head[i], err = decodeDriversInt(dec, name)
		return err
	})
	if err != nil {
		return err
	}
	k, count, skipped := head[0], head[1], head[2]
	if !(k >= 1 && k <= MaxDrivers) {
		return fmt.Errorf("%w: %d drivers (need 1 to %d)", ErrCorrupt, k, MaxDrivers)
	}
	if count < 0 {
		return fmt.Errorf("%w: negative count %d", ErrCorrupt, count)
	}
	if skipped < 0 {
		return fmt.Errorf("%w: negative skipped count %d", ErrCorrupt, skipped)
	}
	outcome, rating, err := decodedDriverScales(bounds)
	if err != nil {
		return err
	}
	e := newDrivers(int(k), outcome, rating)
	e.n, e.skipped = count, skipped
	if err := e.decodeJSONStatistics(means, comoments); err != nil {
		return err
	}
	if err := e.checkDecoded(); err != nil {
		return err
	}
	*d = *e
	return nil
}

// decodeJSONStatistics reads the JSON arrays means and comoments, each
// already read whole as one JSON value, into the statistics of d, whose
// shape is set: k+1 means and k+1 rows of k+1 co-moments, the rows a
// symmetric matrix whose upper triangle d keeps. The delta scratch of d
// holds each row as it is read.
func (d *Drivers) decodeJSONStatistics(means, comoments json.RawMessage) error {
	m := len(d.mean)
	if err := decodeFloats(json.NewDecoder(bytes.NewReader(means)), d.mean, "means", d.k); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(comoments))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return fmt.Errorf("%w: comoments is not a JSON array", ErrCorrupt)
	}
	row, i := d.delta, 0
	for ; dec.More(); i++ {
		if i == m {
			return fmt.Errorf("%w: comoments is longer than %d for k = %d", ErrCorrupt, m, d.k)
		}
		if err := decodeFloats(dec, row, fmt.Sprintf("row %d of comoments", i), d.k); err != nil {
			return err
		}
		for j, x := range row {
			if j >= i {
				d.comoment[i*m-i*(i-1)/2+j-i] = x
			} else if y := d.at(j, i); math.Float64bits(x) != math.Float64bits(y) {
				return fmt.Errorf("%w: comoments [%d][%d] %v and [%d][%d] %v differ", ErrCorrupt, i, j, x, j, i, y)
			}
		}
	}
	if i < m {
		return fmt.Errorf("%w: comoments is %d long for k = %d (want %d)", ErrCorrupt, i, d.k, m)
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return fmt.Errorf("%w: comoments: %v", ErrCorrupt, err)
	}
	return nil
}

// decodeFloats reads the next JSON value of dec as an array of exactly
// len(dst) floats into dst, each as [decodeFloat] reads one, element by
// element, and stops with ErrCorrupt at the first element past len(dst).
// what names the array in errors, k the number of drivers.
func decodeFloats(dec *json.Decoder, dst []float64, what string, k int) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return fmt.Errorf("%w: %s is not a JSON array", ErrCorrupt, what)
	}
	n := 0
	for ; dec.More(); n++ {
		if n == len(dst) {
			return fmt.Errorf("%w: %s is longer than %d for k = %d", ErrCorrupt, what, len(dst), k)
		}
		x, err := decodeFloat(dec, what)
		if err != nil {
			return fmt.Errorf("%w, at index %d", err, n)
		}
		dst[n] = x
	}
	if n < len(dst) {
		return fmt.Errorf("%w: %s is %d long for k = %d (want %d)", ErrCorrupt, what, n, k, len(dst))
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, what, err)
	}
	return nil
}

// decodeFloat reads the next JSON value of dec as a finite float written
// as [appendJSONFloat] writes it, its one JSON form; any other value is
// ErrCorrupt. what names the value in the error.
func decodeFloat(dec *json.Decoder, what string) (float64, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, fmt.Errorf("%w: %s: %v", ErrCorrupt, what, err)
	}
	x, err := strconv.ParseFloat(string(raw), 64)
	switch {
	case err == nil && string(appendJSONFloat(nil, x)) == string(raw):
		return x, nil
	case math.IsInf(x, 0):
		return 0, fmt.Errorf("%w: %s %s is past float64", ErrCorrupt, what, short(raw))
	case err != nil:
		return 0, fmt.Errorf("%w: %s %s is not a number", ErrCorrupt, what, short(raw))
	}
	return 0, fmt.Errorf("%w: %s %s is not in its one JSON form %s", ErrCorrupt, what, short(raw), appendJSONFloat(nil, x))
}

// decodeDriversInt reads the next JSON value of dec as [decodeInt] does,
// except that an integer past int64 is ErrCorrupt, as it is in the binary
// form of a Drivers. what names the value in the error.
func decodeDriversInt(dec *json.Decoder, what string) (int64, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, fmt.Errorf("%w: %s: %v", ErrCorrupt, what, err)
	}
	v, err := parseInt(raw, what)
	if errors.Is(err, ErrOverflow) {
		return 0, fmt.Errorf("%w: %s %s is past int64", ErrCorrupt, what, short(raw))
	}
	return v, err
}

// appendJSONFloat appends x as encoding/json writes a float64: the fewest
// digits that parse back to x (strconv's -1 precision), in 'f' form, or
// in 'e' form with no leading 0 in the exponent below 1e-6 and from 1e21
// in magnitude. x must be finite.
func appendJSONFloat(b []byte, x float64) []byte {
	format := byte('f')
	if a := math.Abs(x); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, x, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 to e-7
		b = b[:n-1]
	}
	return b
}
