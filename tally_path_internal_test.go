package cxmetrics

import (
	"slices"
	"testing"
)

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
