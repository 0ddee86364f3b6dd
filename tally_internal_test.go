package cxmetrics

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tallyResult is what a tally produced, in a form cmp can compare.
type tallyResult struct {
	Counts []int64
	Total  int64
	Err    string
}

// tallyBoth returns the result of Tally (fast paths included) and of the
// one-answer-at-a-time reference, tallySimple.
func tallyBoth[E Integer](t *testing.T, scale Scale, scores []E) (got, want tallyResult) {
	t.Helper()
	s, err := Tally(scale, scores)
	if err != nil {
		if !errors.Is(err, ErrOutOfRange) && !errors.Is(err, ErrInvalidScale) {
			t.Errorf("Tally error %v wraps neither ErrOutOfRange nor ErrInvalidScale", err)
		}
		got.Err = err.Error()
	} else {
		got.Counts, got.Total = s.counts, s.total
	}
	ref, err := NewSurvey(scale)
	if err != nil {
		want.Err = err.Error()
		return got, want
	}
	if err := tallySimple(ref, scores); err != nil {
		want.Err = err.Error()
	} else {
		want.Counts, want.Total = ref.counts, ref.total
	}
	return got, want
}

// randomScores returns n answers in lo..hi with, if bad is true, answers
// off the scale at a few random positions.
func randomScores[E Integer](r *rand.Rand, n int, lo, hi int64, bad bool, off []E) []E {
	s := make([]E, n)
	for i := range s {
		s[i] = E(lo + r.Int64N(hi-lo+1))
	}
	if bad && n > 0 {
		for range 1 + r.IntN(3) {
			s[r.IntN(n)] = off[r.IntN(len(off))]
		}
	}
	return s
}

// checkType compares the fast and the reference tally of random E answers
// over several scales, lengths (around the 64-answer block and the
// sub-histogram threshold) and positions of bad answers.
func checkType[E Integer](t *testing.T, off []E) {
	r := rand.New(rand.NewPCG(6, 6))
	scales := []Scale{NPSScale, CSATScale, CESScale, {Min: 1, Max: 10}, {Min: 0, Max: 1}, {Min: 3, Max: 9},
		{Min: 0, Max: 15}, {Min: 0, Max: 100}, {Min: -5, Max: 5}, {Min: 100, Max: 120}, {Min: -1000, Max: 0}}
	lengths := []int{0, 1, 7, 63, 64, 65, 127, 128, 200, 1000, histMinLen - 1, histMinLen, histMinLen + 3, 3 * histMinLen}
	for _, sc := range scales {
		// The answers drawn stay within what E holds.
		lo, hi := int64(sc.Min), int64(sc.Max)
		if int64(E(lo)) != lo {
			lo = 0
		}
		if int64(E(hi)) != hi {
			continue
		}
		for _, n := range lengths {
			for _, bad := range []bool{false, true} {
				name := fmt.Sprintf("%v/n=%d/bad=%t", sc, n, bad)
				scores := randomScores(r, n, lo, hi, bad, off)
				got, want := tallyBoth(t, sc, scores)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s: mismatch (-want +got):\n%s", name, diff)
				}
			}
		}
	}
}

func TestTallyFastMatchesSimple(t *testing.T) {
	t.Run("uint8", func(t *testing.T) { checkType(t, []uint8{11, 12, 15, 16, 128, 255}) })
	t.Run("int8", func(t *testing.T) { checkType(t, []int8{-128, -1, 11, 15, 16, 127}) })
	t.Run("uint16", func(t *testing.T) { checkType(t, []uint16{11, 15, 16, 256, 0x8000, 0xffff}) })
	t.Run("int16", func(t *testing.T) { checkType(t, []int16{-32768, -1, 11, 16, 256, 32767}) })
	t.Run("uint32", func(t *testing.T) { checkType(t, []uint32{11, 16, 256, 1 << 16, 1 << 31, 1<<32 - 1}) })
	t.Run("int32", func(t *testing.T) { checkType(t, []int32{-1 << 31, -1, 11, 256, 1 << 16, 1<<31 - 1}) })
	t.Run("uint64", func(t *testing.T) { checkType(t, []uint64{11, 256, 1 << 32, 1 << 63, 1<<64 - 1, 1<<64 - 3}) })
	t.Run("int64", func(t *testing.T) { checkType(t, []int64{-1 << 63, -1, 11, 1 << 32, 1<<63 - 1}) })
	t.Run("int", func(t *testing.T) { checkType(t, []int{-1 << 63, -1, 11, 1 << 40, 1<<63 - 1}) })
	t.Run("uint", func(t *testing.T) { checkType(t, []uint{11, 1 << 40, 1 << 63, 1<<64 - 1}) })
	type answer uint8 // a named element type takes the same paths
	t.Run("named", func(t *testing.T) { checkType(t, []answer{11, 200}) })
}

// TestTallyFastTaken checks that valid answers of every element type do go
// through a fast path, so that the comparison above is not vacuous.
func TestTallyFastTaken(t *testing.T) {
	tests := []struct {
		name  string
		scale Scale
		n     int
		run   func(*Survey, int) bool
	}{
		{"uint8 planes", NPSScale, 64, func(s *Survey, n int) bool { return tallyFast(s, make([]uint8, n)) }},
		{"int8 planes", CSATScale, 100, func(s *Survey, n int) bool { return tallyFast(s, fill[int8](n, 5)) }},
		{"uint16 planes", NPSScale, 64, func(s *Survey, n int) bool { return tallyFast(s, make([]uint16, n)) }},
		{"int32 planes", NPSScale, 64, func(s *Survey, n int) bool { return tallyFast(s, make([]int32, n)) }},
		{"int planes", NPSScale, 64, func(s *Survey, n int) bool { return tallyFast(s, make([]int, n)) }},
		{"uint64 planes", NPSScale, 64, func(s *Survey, n int) bool { return tallyFast(s, make([]uint64, n)) }},
		{"uint8 hist", Scale{Min: 0, Max: 100}, histMinLen, func(s *Survey, n int) bool { return tallyFast(s, make([]uint8, n)) }},
		{"int8 hist", Scale{Min: -5, Max: 5}, histMinLen, func(s *Survey, n int) bool { return tallyFast(s, fill[int8](n, -5)) }},
		{"uint16 hist", Scale{Min: 0, Max: 100}, histMinLen, func(s *Survey, n int) bool { return tallyFast(s, fill[uint16](n, 100)) }},
		{"int hist", Scale{Min: -5, Max: 5}, histMinLen, func(s *Survey, n int) bool { return tallyFast(s, signedAnswers[int](n, 5)) }},
		{"int64 hist", Scale{Min: -5, Max: 5}, histMinLen + 3, func(s *Survey, n int) bool { return tallyFast(s, signedAnswers[int64](n, 5)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSurvey(tt.scale)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.run(s, tt.n) {
				t.Fatalf("no fast path for %d answers on %v", tt.n, tt.scale)
			}
			if s.Total() != int64(tt.n) {
				t.Errorf("Total() = %d, want %d", s.Total(), tt.n)
			}
		})
	}
}

func fill[E Integer](n int, v E) []E {
	s := make([]E, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// fastPathOf reports whether tallyFast takes a fast path for scores on
// scale, and checks that what it counts is what tallySimple counts.
func fastPathOf[E Integer](t *testing.T, scale Scale, scores []E) bool {
	t.Helper()
	fast, err := NewSurvey(scale)
	if err != nil {
		t.Fatal(err)
	}
	ok := tallyFast(fast, scores)
	if !ok {
		return false
	}
	ref, err := NewSurvey(scale)
	if err != nil {
		t.Fatal(err)
	}
	if err := tallySimple(ref, scores); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fast.counts, ref.counts) || fast.total != ref.total {
		t.Errorf("%T on %v: fast path counted %v (total %d), want %v (total %d)", scores[0], scale, fast.counts, fast.total, ref.counts, ref.total)
	}
	return true
}

// signedAnswers returns n answers cycling through -k..k.
func signedAnswers[E Integer](n, k int) []E {
	s := make([]E, n)
	for i := range s {
		s[i] = E(i%(2*k+1) - k)
	}
	return s
}

// TestTallyFastSignedClamp checks that a signed element type narrower
// than the scale still takes a fast path: tallyFast clamps the scale to
// the range the type holds (−2ʷ⁻¹ to 2ʷ⁻¹ − 1) instead of giving up, which
// is the point of the fast path for int8 answers on a wide scale.
func TestTallyFastSignedClamp(t *testing.T) {
	wide := Scale{Min: -500, Max: 500}
	n := 3*histMinLen + 3 // and a remainder after the blocks of 4
	if !fastPathOf(t, wide, signedAnswers[int8](n, 100)) {
		t.Error("int8 on -500..500: no fast path")
	}
	if !fastPathOf(t, wide, signedAnswers[int16](n, 400)) {
		t.Error("int16 on -500..500: no fast path")
	}
	if !fastPathOf(t, wide, signedAnswers[int32](n, 400)) {
		t.Error("int32 on -500..500: no fast path")
	}
	// The type's extremes are on the clamped scale.
	ext := append(signedAnswers[int8](n, 3), -128, 127)
	if !fastPathOf(t, wide, ext) {
		t.Error("int8 -128 and 127 on -500..500: no fast path")
	}
	// Unsigned: clamped to 0..2ʷ − 1, and a scale whose only point an E
	// can hold is 0 still counts its answers there.
	u8 := make([]uint8, n)
	for i := range u8 {
		u8[i] = uint8(i % 256)
	}
	if !fastPathOf(t, Scale{Min: 0, Max: 500}, u8) {
		t.Error("uint8 on 0..500: no fast path")
	}
	if !fastPathOf(t, Scale{Min: -5, Max: 0}, make([]uint8, n)) {
		t.Error("uint8 zeros on -5..0: no fast path")
	}
}

// FuzzTallyBytes checks that the fast tally of any bytes on any small
// scale, read as uint8 and as int8, equals the reference tally: the same
// counts, or the same error naming the same first bad answer.
func FuzzTallyBytes(f *testing.F) {
	seed := make([]byte, 200)
	for i := range seed {
		seed[i] = byte(i % 11)
	}
	f.Add(seed, 0, 10)
	f.Add(seed[:64], 0, 10)
	f.Add(seed[:130], 1, 5)
	f.Add(append(append([]byte{}, seed[:70]...), 11), 0, 10)
	f.Add(append(append([]byte{}, seed[:100]...), 255), 0, 10)
	f.Add(append([]byte{12}, seed...), 0, 10)
	f.Add(seed, 3, 10)
	f.Add(seed, -3, 7)
	f.Add(seed, 0, 200)
	f.Add([]byte{}, 0, 10)
	f.Fuzz(func(t *testing.T, data []byte, lo, hi int) {
		sc := Scale{Min: lo, Max: hi}
		if sc.Validate() != nil {
			return
		}
		got, want := tallyBoth(t, sc, data)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("uint8 on %v: mismatch (-want +got):\n%s", sc, diff)
		}
		signed := make([]int8, len(data))
		for i, b := range data {
			signed[i] = int8(b)
		}
		got, want = tallyBoth(t, sc, signed)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("int8 on %v: mismatch (-want +got):\n%s", sc, diff)
		}
	})
}
