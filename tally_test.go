package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

func TestTally(t *testing.T) {
	tests := []struct {
		name    string
		scale   cxmetrics.Scale
		scores  []int
		want    []int64
		wantErr error
	}{
		{"empty", cxmetrics.CSATScale, nil, []int64{0, 0, 0, 0, 0}, nil},
		{"each once", cxmetrics.CSATScale, []int{5, 4, 3, 2, 1}, []int64{1, 1, 1, 1, 1}, nil},
		{"repeats", cxmetrics.CSATScale, []int{5, 5, 1, 5}, []int64{1, 0, 0, 0, 3}, nil},
		{"last answer bad", cxmetrics.CSATScale, []int{5, 5, 6}, nil, cxmetrics.ErrOutOfRange},
		{"first answer bad", cxmetrics.CSATScale, []int{0, 5, 5}, nil, cxmetrics.ErrOutOfRange},
		{"far below", cxmetrics.CSATScale, []int{math.MinInt}, nil, cxmetrics.ErrOutOfRange},
		{"far above", cxmetrics.CSATScale, []int{math.MaxInt}, nil, cxmetrics.ErrOutOfRange},
		{"bad scale", cxmetrics.Scale{Min: 1, Max: 1}, []int{1}, nil, cxmetrics.ErrInvalidScale},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := cxmetrics.Tally(tt.scale, tt.scores)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Tally() error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if s != nil {
					t.Errorf("Tally() returned a Survey with an error")
				}
				return
			}
			if diff := cmp.Diff(tt.want, counts(s)); diff != "" {
				t.Errorf("counts mismatch (-want +got):\n%s", diff)
			}
			if s.Total() != int64(len(tt.scores)) {
				t.Errorf("Total() = %d, want %d", s.Total(), len(tt.scores))
			}
		})
	}
}

// TestTallyTypes checks every element type of Integer, including values
// that only wrap into range if converted carelessly.
func TestTallyTypes(t *testing.T) {
	check := func(name string, s *cxmetrics.Survey, err error, want []int64, wantErr error) {
		t.Helper()
		if !errors.Is(err, wantErr) {
			t.Errorf("%s: error = %v, want %v", name, err, wantErr)
			return
		}
		if err == nil {
			if diff := cmp.Diff(want, counts(s)); diff != "" {
				t.Errorf("%s: counts mismatch (-want +got):\n%s", name, diff)
			}
		}
	}
	nps := cxmetrics.NPSScale
	want := []int64{1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}
	s, err := cxmetrics.Tally(nps, []int8{0, 9, 10})
	check("int8", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []int16{0, 9, 10})
	check("int16", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []int32{0, 9, 10})
	check("int32", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []int64{0, 9, 10})
	check("int64", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint{0, 9, 10})
	check("uint", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint8{0, 9, 10})
	check("uint8", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint16{0, 9, 10})
	check("uint16", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint32{0, 9, 10})
	check("uint32", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint64{0, 9, 10})
	check("uint64", s, err, want, nil)

	// 2⁶⁴ − 1 and −1 share their bits; only one is on a scale of −1 to 1.
	pm := cxmetrics.Scale{Min: -1, Max: 1}
	s, err = cxmetrics.Tally(pm, []uint64{math.MaxUint64})
	check("uint64 max on -1..1", s, err, nil, cxmetrics.ErrOutOfRange)
	s, err = cxmetrics.Tally(pm, []int64{-1})
	check("int64 -1 on -1..1", s, err, []int64{1, 0, 0}, nil)
	s, err = cxmetrics.Tally(pm, []uint8{255})
	check("uint8 255 on -1..1", s, err, nil, cxmetrics.ErrOutOfRange)
	s, err = cxmetrics.Tally(pm, []int8{-1, 1})
	check("int8 on -1..1", s, err, []int64{1, 0, 1}, nil)
	top := cxmetrics.Scale{Min: math.MaxInt64 - 1, Max: math.MaxInt64}
	s, err = cxmetrics.Tally(top, []int64{math.MinInt64, math.MaxInt64})
	check("MinInt64 on the top of int64", s, err, nil, cxmetrics.ErrOutOfRange)
	s, err = cxmetrics.Tally(top, []uint64{math.MaxInt64})
	check("MaxInt64 as uint64", s, err, []int64{0, 1}, nil)

	// Scales that no value of the element type reaches: a uint8 is never
	// negative and an int8 never reaches 200. No answer is on the scale,
	// so an empty slice tallies to zeros and any answer is out of range.
	neg := cxmetrics.Scale{Min: -3, Max: -1}
	s, err = cxmetrics.Tally(neg, []uint8{})
	check("no uint8 on -3..-1, empty", s, err, []int64{0, 0, 0}, nil)
	s, err = cxmetrics.Tally(neg, []uint8{253})
	check("uint8 253 on -3..-1", s, err, nil, cxmetrics.ErrOutOfRange)
	high := cxmetrics.Scale{Min: 200, Max: 202}
	s, err = cxmetrics.Tally(high, []int8{-56})
	check("int8 -56 on 200..202", s, err, nil, cxmetrics.ErrOutOfRange)
}
