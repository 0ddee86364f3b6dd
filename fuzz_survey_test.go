package cxmetrics_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
)

// FuzzTally checks, for any answers on any small scale, that a tally is
// all or nothing, that merging the tallies of two halves equals the tally
// of the whole, that order does not matter, that both encodings round-trip,
// and that every metric is finite and in its range or an error.
func FuzzTally(f *testing.F) {
	f.Add(int8(0), uint8(10), []byte{0, 9, 10, 7, 3}, uint8(2))
	f.Add(int8(1), uint8(4), []byte{1, 2, 3, 4, 5, 5, 5}, uint8(3))
	f.Add(int8(1), uint8(6), []byte{7, 1, 2}, uint8(0))
	f.Add(int8(-3), uint8(6), []byte{0xfd, 0, 3}, uint8(1))
	f.Add(int8(0), uint8(0), []byte{0}, uint8(0))
	f.Fuzz(func(t *testing.T, min int8, width uint8, raw []byte, cut uint8) {
		scale := cxmetrics.Scale{Min: int(min), Max: int(min) + int(width)}
		scores := make([]int, len(raw))
		valid := true
		for i, b := range raw {
			scores[i] = int(int8(b))
			valid = valid && scale.Contains(scores[i])
		}
		whole, err := cxmetrics.Tally(scale, scores)
		switch {
		case width == 0:
			if !errors.Is(err, cxmetrics.ErrInvalidScale) {
				t.Fatalf("Tally on %v: %v, want ErrInvalidScale", scale, err)
			}
			return
		case !valid:
			if !errors.Is(err, cxmetrics.ErrOutOfRange) || whole != nil {
				t.Fatalf("Tally with an answer off %v: %v, %v; want nil, ErrOutOfRange", scale, whole, err)
			}
			return
		case err != nil:
			t.Fatalf("Tally(%v, %v): %v", scale, scores, err)
		}
		if whole.Total() != int64(len(scores)) {
			t.Fatalf("Total() = %d, want %d", whole.Total(), len(scores))
		}

		// Two halves merged, in either order, equal the whole.
		k := int(cut) % (len(scores) + 1)
		a, errA := cxmetrics.Tally(scale, scores[:k])
		b, errB := cxmetrics.Tally(scale, scores[k:])
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		ab, _ := cxmetrics.Tally(scale, scores[:k])
		if err := ab.Merge(b); err != nil {
			t.Fatal(err)
		}
		if err := b.Merge(a); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(counts(whole), counts(ab)); diff != "" {
			t.Errorf("a+b mismatch (-whole +merged):\n%s", diff)
		}
		if diff := cmp.Diff(counts(whole), counts(b)); diff != "" {
			t.Errorf("b+a mismatch (-whole +merged):\n%s", diff)
		}

		// Order does not matter.
		rev := slices.Clone(scores)
		slices.Reverse(rev)
		r, err := cxmetrics.Tally(scale, rev)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(counts(whole), counts(r)); diff != "" {
			t.Errorf("reversed mismatch (-forward +reversed):\n%s", diff)
		}

		// Encode then decode is the identity.
		bin, err := whole.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var fromBin cxmetrics.Survey
		if err := fromBin.UnmarshalBinary(bin); err != nil {
			t.Fatal(err)
		}
		js, err := json.Marshal(whole)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON cxmetrics.Survey
		if err := json.Unmarshal(js, &fromJSON); err != nil {
			t.Fatal(err)
		}
		for _, got := range []*cxmetrics.Survey{&fromBin, &fromJSON} {
			if got.Scale() != scale || got.Total() != whole.Total() || !slices.Equal(counts(got), counts(whole)) {
				t.Errorf("round trip: %v %v, want %v %v", got.Scale(), counts(got), scale, counts(whole))
			}
		}

		checkMetrics(t, whole)
	})
}

// checkMetrics checks that every survey metric of s is in its range or an
// error, and an error only when s is empty.
func checkMetrics(t *testing.T, s *cxmetrics.Survey) {
	t.Helper()
	in := func(name string, v, lo, hi float64) {
		t.Helper()
		if !(v >= lo && v <= hi) {
			t.Errorf("%s = %v, want within [%v, %v]", name, v, lo, hi)
		}
	}
	empty := s.Total() == 0
	sc := s.Scale()
	if m, err := s.Mean(); empty != (err != nil) {
		t.Errorf("Mean() error = %v with %d answers", err, s.Total())
	} else if !empty {
		in("Mean", m, float64(sc.Min), float64(sc.Max))
	}
	// CSAT takes the top two boxes, so it needs three points or more.
	r, err := cxmetrics.CSAT(s)
	switch {
	case sc.Points() < 3:
		if !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("CSAT on %v: %v, want ErrInvalidArgument", sc, err)
		}
	case empty != (err != nil):
		t.Errorf("CSAT() error = %v with %d answers", err, s.Total())
	case !empty:
		in("CSAT", r.Score, 0, 100)
	}
	for _, d := range []cxmetrics.Direction{cxmetrics.HigherIsEasier, cxmetrics.LowerIsEasier} {
		r, err := cxmetrics.CES(s, d)
		if empty != (err != nil) {
			t.Errorf("CES() error = %v with %d answers", err, s.Total())
			continue
		}
		if empty {
			continue
		}
		in("CES EasyPercent", r.EasyPercent, 0, 100)
		in("CES Net", r.Net, -100, 100)
		if r.Easy+r.Neutral+r.Difficult != r.Total {
			t.Errorf("CES %d + %d + %d != %d", r.Easy, r.Neutral, r.Difficult, r.Total)
		}
	}
	n, err := cxmetrics.NPS(s)
	switch {
	case sc != cxmetrics.NPSScale:
		if !errors.Is(err, cxmetrics.ErrScaleMismatch) {
			t.Errorf("NPS on %v: %v, want ErrScaleMismatch", sc, err)
		}
	case empty != (err != nil):
		t.Errorf("NPS() error = %v with %d answers", err, s.Total())
	case !empty:
		in("NPS", n.Score, -100, 100)
		if n.Total() != s.Total() {
			t.Errorf("NPS Total() = %d, want %d", n.Total(), s.Total())
		}
	}
}

// FuzzUnmarshalBinary checks that any bytes decode to a valid Survey that
// encodes back to the same bytes, or give an error and change nothing.
func FuzzUnmarshalBinary(f *testing.F) {
	f.Add([]byte{1, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte{1, 3, 4, 0, 0xac, 0x02, 1, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20})
	f.Add([]byte{1, 0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1})
	f.Add([]byte{2})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s cxmetrics.Survey
		if err := s.UnmarshalBinary(data); err != nil {
			if s.Total() != 0 || s.Scale() != (cxmetrics.Scale{}) {
				t.Fatalf("failed decode changed the survey")
			}
			return
		}
		if err := s.Scale().Validate(); err != nil {
			t.Fatalf("decoded an invalid scale: %v", err)
		}
		var sum int64
		for _, c := range counts(&s) {
			if c < 0 {
				t.Fatalf("decoded a negative count %d", c)
			}
			sum += c
		}
		if sum != s.Total() {
			t.Fatalf("counts sum to %d, Total() = %d", sum, s.Total())
		}
		// Varints have more than one spelling, so re-encoding gives the
		// canonical form, which must decode to the same survey.
		again, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var s2 cxmetrics.Survey
		if err := s2.UnmarshalBinary(again); err != nil {
			t.Fatal(err)
		}
		if s2.Scale() != s.Scale() || !slices.Equal(counts(&s2), counts(&s)) {
			t.Fatalf("re-decoded %v %v, want %v %v", s2.Scale(), counts(&s2), s.Scale(), counts(&s))
		}
		checkMetrics(t, &s)
	})
}

// FuzzUnmarshalJSON checks that any text decodes to a valid Survey or
// gives an error, never a panic.
func FuzzUnmarshalJSON(f *testing.F) {
	f.Add(`{"min":1,"max":5,"counts":[0,1,0,4,7]}`)
	f.Add(`{"min":0,"max":1,"counts":[9223372036854775807,1]}`)
	f.Add(`{"min":1,"max":5,"counts":[1,-1,1,1,1]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, in string) {
		var s cxmetrics.Survey
		if err := s.UnmarshalJSON([]byte(in)); err != nil {
			return
		}
		if err := s.Scale().Validate(); err != nil {
			t.Fatalf("decoded an invalid scale: %v", err)
		}
		checkMetrics(t, &s)
	})
}
