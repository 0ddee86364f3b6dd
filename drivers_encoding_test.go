package cxmetrics_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

func TestDriversBinaryRoundTrip(t *testing.T) {
	empty, _ := cxmetrics.NewDrivers(2, cxmetrics.NPSScale, cxmetrics.CSATScale)
	for name, d := range map[string]*cxmetrics.Drivers{
		"empty": empty, "mtcars": mtcarsDrivers(t), "correlated": driversOf(t, correlated(300, 6, 5)),
	} {
		t.Run(name, func(t *testing.T) {
			b := encoded(t, d)
			var got cxmetrics.Drivers
			if err := got.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, encoded(t, &got)) || got.Len() != d.Len() || got.Count() != d.Count() {
				t.Errorf("decode then encode changed the Drivers")
			}
			// The decoded accumulator goes on adding as the original does.
			r := cxmetrics.Respondent{Outcome: 7, Ratings: make([]float64, d.Len())}
			for j := range r.Ratings {
				r.Ratings[j] = 3
			}
			if name != "mtcars" {
				if err := d.Add(r); err != nil {
					t.Fatal(err)
				}
				if err := got.Add(r); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(encoded(t, d), encoded(t, &got)) {
					t.Errorf("decoded Drivers adds differently")
				}
			}
		})
	}
	if _, err := new(cxmetrics.Drivers).MarshalBinary(); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("zero value MarshalBinary: %v, want ErrInvalidArgument", err)
	}
}

// TestDriversUnmarshalBinaryErrors checks that the decoder refuses what
// the encoder never writes, and leaves its Drivers as it was.
func TestDriversUnmarshalBinaryErrors(t *testing.T) {
	good := encoded(t, driversOf(t, correlated(30, 2, 6)))
	// Layout for k = 2: version, k, n (1 byte: 30), skipped, 4 scale
	// bounds (1 byte each), then 3 means and 6 co-moments of 8 bytes.
	const floats = 8
	setFloat := func(i int, x float64) []byte {
		b := bytes.Clone(good)
		binary.LittleEndian.PutUint64(b[floats+8*i:], math.Float64bits(x))
		return b
	}
	with := func(i int, v byte) []byte { b := bytes.Clone(good); b[i] = v; return b }
	emptyEnc := encoded(t, func() *cxmetrics.Drivers {
		d, _ := cxmetrics.NewDrivers(2, cxmetrics.NPSScale, cxmetrics.CSATScale)
		return d
	}())
	nonzeroEmpty := bytes.Clone(emptyEnc)
	binary.LittleEndian.PutUint64(nonzeroEmpty[floats+8*4:], math.Float64bits(1))
	cases := []struct {
		name    string
		data    []byte
		wantErr error
	}{
		{"empty", nil, cxmetrics.ErrCorrupt},
		{"version 2", with(0, 2), cxmetrics.ErrCorrupt},
		{"k 0", with(1, 0), cxmetrics.ErrCorrupt},
		{"k past MaxDrivers", append([]byte{1, 0x81, 0x02}, good[2:]...), cxmetrics.ErrCorrupt},
		{"overlong k", append([]byte{1, 0x82, 0x00}, good[2:]...), cxmetrics.ErrCorrupt},
		{"k 3 with the floats of 2", with(1, 3), cxmetrics.ErrCorrupt},
		{"truncated", good[:len(good)-1], cxmetrics.ErrCorrupt},
		{"trailing byte", append(bytes.Clone(good), 0), cxmetrics.ErrCorrupt},
		{"bad scale", with(5, 0), cxmetrics.ErrInvalidScale}, // outcome 0-0
		{"NaN mean", setFloat(0, math.NaN()), cxmetrics.ErrCorrupt},
		{"infinite co-moment", setFloat(5, math.Inf(-1)), cxmetrics.ErrCorrupt},
		{"mean off the scale", setFloat(1, 6), cxmetrics.ErrCorrupt},
		{"negative variance", setFloat(3, -1), cxmetrics.ErrCorrupt},
		{"statistics with no respondents", nonzeroEmpty, cxmetrics.ErrCorrupt},
		{"count past int64", append(append([]byte{1, 2}, binary.AppendUvarint(nil, 1<<63)...), good[3:]...), cxmetrics.ErrCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := mtcarsDrivers(t)
			before := encoded(t, d)
			if err := d.UnmarshalBinary(tc.data); !errors.Is(err, tc.wantErr) {
				t.Fatalf("UnmarshalBinary: %v, want %v", err, tc.wantErr)
			}
			if !bytes.Equal(before, encoded(t, d)) {
				t.Errorf("a failed UnmarshalBinary changed the Drivers")
			}
		})
	}
}
