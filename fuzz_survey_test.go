package cxmetrics_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
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

// ulp is the unit roundoff of float64, 2⁻⁵³.
const ulp = 0x1p-53

// percentExact returns 100·num/den computed exactly and rounded once.
func percentExact(num, den *big.Int) float64 {
	r := new(big.Rat).SetFrac(new(big.Int).Mul(num, big.NewInt(100)), den)
	f, _ := r.Float64()
	return f
}

// withinUlps reports whether got is within k units of roundoff of want,
// relative to want. A percentOf figure is 100 × (float64(a)/float64(b)):
// two conversions (exact up to 2⁵³), a division and a multiplication,
// each rounding by at most one unit, so k = 4 bounds it for any int64.
func withinUlps(got, want float64, k float64) bool {
	return math.Abs(got-want) <= k*ulp*math.Abs(want)
}

// FuzzNPSFromCounts checks NPSFromCounts against exact rational arithmetic
// over the whole int64 range: an error exactly when a count is negative,
// the counts sum past int64 or are all zero, and otherwise a score within
// 4 units of roundoff of 100·(P − D)/N.
func FuzzNPSFromCounts(f *testing.F) {
	for _, c := range [][3]int64{
		{6, 2, 2},         // NPS 40: 100·(6 − 2)/10
		{0, 0, 0},         // no responses
		{-1, 5, 5},        // negative
		{1 << 53, 1, 1},   // past 2⁵³
		{1<<53 + 1, 0, 1}, // 2⁵³ + 1 is not a float64
		{math.MaxInt64, 0, 0},
		{math.MaxInt64, 1, 0}, // overflow
		{math.MaxInt64 / 2, math.MaxInt64 / 2, 1},
		{math.MaxInt64 / 3, 0, math.MaxInt64/3 + 7},
	} {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, p, pa, d int64) {
		r, err := cxmetrics.NPSFromCounts(p, pa, d)
		n := new(big.Int).Add(big.NewInt(p), big.NewInt(pa))
		n.Add(n, big.NewInt(d))
		switch {
		case p < 0 || pa < 0 || d < 0:
			if !errors.Is(err, cxmetrics.ErrNegative) {
				t.Fatalf("NPSFromCounts(%d, %d, %d) error %v, want ErrNegative", p, pa, d, err)
			}
			return
		case !n.IsInt64():
			if !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Fatalf("NPSFromCounts(%d, %d, %d) error %v, want ErrOverflow", p, pa, d, err)
			}
			return
		case n.Sign() == 0:
			if !errors.Is(err, cxmetrics.ErrNoResponses) {
				t.Fatalf("NPSFromCounts(0, 0, 0) error %v, want ErrNoResponses", err)
			}
			return
		case err != nil:
			t.Fatalf("NPSFromCounts(%d, %d, %d): %v", p, pa, d, err)
		}
		want := percentExact(big.NewInt(p-d), n)
		if !withinUlps(r.Score, want, 4) || !(r.Score >= -100 && r.Score <= 100) {
			t.Fatalf("NPSFromCounts(%d, %d, %d).Score = %v, want %v (exact)", p, pa, d, r.Score, want)
		}
		if n.Cmp(big.NewInt(1<<53)) <= 0 && !withinUlps(r.Score, want, 2) {
			t.Fatalf("NPSFromCounts(%d, %d, %d).Score = %v, want %v within 2 ulps below 2⁵³", p, pa, d, r.Score, want)
		}
		if r.Total() != n.Int64() || r.Promoters != p || r.Passives != pa || r.Detractors != d {
			t.Fatalf("NPSFromCounts(%d, %d, %d) = %+v", p, pa, d, r)
		}
	})
}

// FuzzSurveyCounts fills a survey with AddN counts anywhere in int64 and
// checks every survey metric against exact rational arithmetic: AddN fails
// with ErrOverflow exactly when the total would pass int64 (and then adds
// nothing), and NPS, CSAT, CES, the CX Index and the mean stay within a few
// units of roundoff of the exact figure however large the counts.
func FuzzSurveyCounts(f *testing.F) {
	f.Add(uint8(0), int64(6), int64(2), int64(2), int64(0))
	f.Add(uint8(1), int64(1<<53), int64(1<<53+1), int64(3), int64(1))
	f.Add(uint8(2), int64(math.MaxInt64), int64(1), int64(0), int64(0))
	f.Add(uint8(3), int64(math.MaxInt64/5), int64(math.MaxInt64/5), int64(math.MaxInt64/5), int64(math.MaxInt64/5))
	f.Fuzz(func(t *testing.T, which uint8, a, b, c, d int64) {
		scales := []cxmetrics.Scale{cxmetrics.NPSScale, cxmetrics.CSATScale, cxmetrics.CESScale, {Min: -3, Max: 3}}
		sc := scales[int(which)%len(scales)]
		s, err := cxmetrics.NewSurvey(sc)
		if err != nil {
			t.Fatal(err)
		}
		exact := make([]*big.Int, sc.Points())
		for i := range exact {
			exact[i] = new(big.Int)
		}
		total := new(big.Int)
		for i, n := range []int64{a, b, c, d} {
			// Spread the four counts over the scale, from both ends.
			score := sc.Min + (i*int(which/4+1)+i/2*7)%sc.Points()
			err := s.AddN(score, n)
			next := new(big.Int).Add(total, big.NewInt(n))
			switch {
			case n < 0:
				if !errors.Is(err, cxmetrics.ErrNegative) {
					t.Fatalf("AddN(%d, %d) error %v, want ErrNegative", score, n, err)
				}
			case !next.IsInt64():
				if !errors.Is(err, cxmetrics.ErrOverflow) {
					t.Fatalf("AddN(%d, %d) to total %v: error %v, want ErrOverflow", score, n, total, err)
				}
			case err != nil:
				t.Fatalf("AddN(%d, %d): %v", score, n, err)
			default:
				exact[score-sc.Min].Add(exact[score-sc.Min], big.NewInt(n))
				total = next
			}
			if s.Total() != total.Int64() {
				t.Fatalf("Total() = %d, want %v", s.Total(), total)
			}
		}
		for i, e := range exact {
			if s.Count(sc.Min+i) != e.Int64() {
				t.Fatalf("Count(%d) = %d, want %v", sc.Min+i, s.Count(sc.Min+i), e)
			}
		}
		if total.Sign() == 0 {
			return
		}
		sum := func(lo, hi int) *big.Int {
			n := new(big.Int)
			for v := lo; v <= hi; v++ {
				n.Add(n, exact[v-sc.Min])
			}
			return n
		}
		check := func(name string, got, want float64, k float64) {
			t.Helper()
			if !withinUlps(got, want, k) {
				t.Errorf("%s on %v %v = %v, want %v (exact)", name, sc, exact, got, want)
			}
		}

		// Mean: Min + Σ i·cᵢ / N, exactly, then rounded.
		num := new(big.Int)
		for i, e := range exact {
			num.Add(num, new(big.Int).Mul(big.NewInt(int64(sc.Min+i)), e))
		}
		mean, _ := new(big.Rat).SetFrac(num, total).Float64()
		if got, err := s.Mean(); err != nil {
			t.Fatal(err)
		} else if math.Abs(got-mean) > 4*ulp*max(math.Abs(mean), float64(sc.Max-sc.Min)) {
			t.Errorf("Mean() on %v %v = %v, want %v", sc, exact, got, mean)
		}

		csat, err := cxmetrics.CSAT(s)
		if err != nil {
			t.Fatal(err)
		}
		check("CSAT", csat.Score, percentExact(sum(sc.Max-1, sc.Max), total), 4)

		ces, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
		if err != nil {
			t.Fatal(err)
		}
		mid := sc.Min + (sc.Max-sc.Min)/2 // every scale here has an odd number of points
		easy, hard := sum(mid+1, sc.Max), sum(sc.Min, mid-1)
		check("CES EasyPercent", ces.EasyPercent, percentExact(easy, total), 4)
		check("CES Net", ces.Net, percentExact(new(big.Int).Sub(easy, hard), total), 4)
		if ces.Easy != easy.Int64() || ces.Difficult != hard.Int64() || ces.Neutral != exact[mid-sc.Min].Int64() {
			t.Errorf("CES on %v %v: easy %d, neutral %d, difficult %d", sc, exact, ces.Easy, ces.Neutral, ces.Difficult)
		}

		switch sc {
		case cxmetrics.NPSScale:
			r, err := cxmetrics.NPS(s)
			if err != nil {
				t.Fatal(err)
			}
			check("NPS", r.Score, percentExact(new(big.Int).Sub(sum(9, 10), sum(0, 6)), total), 4)
		case cxmetrics.CSATScale:
			r, err := cxmetrics.CXIndex(s, s, s)
			if err != nil {
				t.Fatal(err)
			}
			net := percentExact(new(big.Int).Sub(sum(4, 5), sum(1, 2)), total)
			check("CX Index needs", r.Needs, net, 4)
			// The mean of three equal nets adds two more roundings.
			check("CX Index", r.Score, net, 8)
		}
	})
}

// checkDecoded checks that s, as a decoder left it, is a valid Survey: its
// scale valid, no count negative, and its counts summing to its Total.
func checkDecoded(t *testing.T, s *cxmetrics.Survey) {
	t.Helper()
	if err := s.Scale().Validate(); err != nil {
		t.Fatalf("decoded an invalid scale: %v", err)
	}
	var sum int64
	for _, c := range counts(s) {
		if c < 0 {
			t.Fatalf("decoded a negative count %d", c)
		}
		sum += c
	}
	if sum != s.Total() {
		t.Fatalf("counts sum to %d, Total() = %d", sum, s.Total())
	}
}

// checkRefused checks that a decoder's error err wraps one of the
// sentinels its documentation lists, and that the Survey it was given,
// three answers of 0 on 0-10, is as it was.
func checkRefused(t *testing.T, s *cxmetrics.Survey, err error, sentinels ...error) {
	t.Helper()
	known := false
	for _, e := range sentinels {
		known = known || errors.Is(err, e)
	}
	if !known {
		t.Fatalf("error %v wraps none of %v", err, sentinels)
	}
	if s.Scale() != cxmetrics.NPSScale || !slices.Equal(counts(s), []int64{3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) || s.Total() != 3 {
		t.Fatalf("failed decode changed the survey to %v %v", s.Scale(), counts(s))
	}
}

// FuzzUnmarshalBinary checks that whatever bytes UnmarshalBinary accepts
// are a valid Survey that MarshalBinary encodes back to the very same
// bytes (one encoding per value), and that bytes it refuses give one of
// its documented errors and leave the Survey as it was.
func FuzzUnmarshalBinary(f *testing.F) {
	f.Add([]byte{1, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte{1, 3, 4, 0, 0xac, 0x02, 1, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20})
	f.Add([]byte{1, 0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1})
	f.Add([]byte{2})
	f.Add([]byte{1, 2, 4, 0x80, 0x00, 0})                                                 // an overlong count
	f.Add([]byte{1, 0x82, 0x00, 4, 0, 0})                                                 // an overlong bound
	f.Add([]byte{1, 1, 0xce, 0x0f, 0})                                                    // -1 to 999, counts missing
	f.Add([]byte{1, 0, 2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0}) // a count of 2⁶³
	f.Fuzz(func(t *testing.T, data []byte) {
		s := mustSurvey(t, cxmetrics.NPSScale, 3)
		if err := s.UnmarshalBinary(data); err != nil {
			checkRefused(t, s, err, cxmetrics.ErrCorrupt, cxmetrics.ErrInvalidScale, cxmetrics.ErrOverflow)
			return
		}
		checkDecoded(t, s)
		again, err := s.MarshalBinary()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("UnmarshalBinary(%x) = %v %v, which encodes as %x, %v", data, s.Scale(), counts(s), again, err)
		}
		checkMetrics(t, s)
	})
}

// FuzzUnmarshalJSON checks that whatever text UnmarshalJSON accepts is a
// valid Survey that MarshalJSON encodes back to the same object, up to
// white space and the order of its keys (compared as decoded JSON, each
// number by its digits), and that text it refuses gives one of its
// documented errors and leaves the Survey as it was.
func FuzzUnmarshalJSON(f *testing.F) {
	f.Add(`{"min":1,"max":5,"counts":[0,1,0,4,7]}`)
	f.Add(`{"min":0,"max":1,"counts":[9223372036854775807,1]}`)
	f.Add(`{"min":1,"max":5,"counts":[1,-1,1,1,1]}`)
	f.Add(`[]`)
	f.Add(` { "counts" : [ 3 , 0 ] , "max" : -4 , "min" : -5 } `)
	f.Add(`{"min":1,"min":1,"max":5,"counts":[1,1,1,1,1]}`)
	f.Add(`{"MIN":1,"max":5,"counts":[1,1,1,1,1]}`)
	f.Add(`{"\u006din":1,"max":5,"counts":[1,1,1,1,1]}`)
	f.Add(`{"min":1,"max":5,"counts":[1,1.0,1e3,"5",-0]}`)
	f.Add(`{"min":0,"max":1,"counts":[9223372036854775808,0]}`)
	f.Add(`{"min":-9223372036854775808,"max":-9223372036854774808,"counts":[0]}`)
	f.Add(`{"min":1,"max":5,"counts":[0,1,0,4,7]}{}`)
	f.Fuzz(func(t *testing.T, in string) {
		s := mustSurvey(t, cxmetrics.NPSScale, 3)
		if err := s.UnmarshalJSON([]byte(in)); err != nil {
			checkRefused(t, s, err, cxmetrics.ErrCorrupt, cxmetrics.ErrInvalidScale, cxmetrics.ErrNegative, cxmetrics.ErrOverflow)
			return
		}
		checkDecoded(t, s)
		again, err := s.MarshalJSON()
		if err != nil {
			t.Fatalf("UnmarshalJSON(%q) = %v %v, which does not encode: %v", in, s.Scale(), counts(s), err)
		}
		back := mustSurvey(t, cxmetrics.NPSScale)
		if err := back.UnmarshalJSON(again); err != nil || back.Scale() != s.Scale() || !slices.Equal(counts(back), counts(s)) {
			t.Fatalf("UnmarshalJSON(%q) = %v %v, which encodes as %s and decodes as %v %v, %v",
				in, s.Scale(), counts(s), again, back.Scale(), counts(back), err)
		}
		if read, written := jsonValue(t, in), jsonValue(t, string(again)); !cmp.Equal(read, written) {
			t.Fatalf("UnmarshalJSON(%q) = %v %v, which encodes as %s", in, s.Scale(), counts(s), again)
		}
		checkMetrics(t, s)
	})
}

// jsonValue returns the JSON text in decoded by encoding/json, with each
// number kept as its digits (json.Number), so that two texts compare
// equal when they hold the same object, whatever their white space and
// the order of their keys.
func jsonValue(t *testing.T, in string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(in))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json cannot read %q: %v", in, err)
	}
	return v
}
