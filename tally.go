package cxmetrics

import (
	"fmt"
	"math"
)

// This file holds the fast paths of [Tally]. Each one either counts every
// answer of a slice into an empty Survey, exactly as tallySimple would, or
// reports that it did not (the slice holds an answer
// outside the scale, or no fast path fits) and leaves the Survey empty;
// tallySimple then runs and names the first bad answer. A slice with a bad
// answer is thus read twice, which is fine: that is the error path.

// Integer is the set of integer types [Tally] accepts as answers.
type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64
}

// Tally returns a new Survey on scale holding every answer in scores.
//
// It is all or nothing: if any answer lies outside the scale, Tally returns
// an error wrapping [ErrOutOfRange] that names the first such answer and its
// index, and no Survey. An invalid scale is [ErrInvalidScale]. An empty
// slice gives an empty Survey.
//
// Tally reads scores once and checks every answer in the same pass. On a
// scale whose answers lie within 0 to 10 (NPS, CSAT, CES, 1-10) it counts
// 64 answers at a time with bit planes, whatever the element type; on
// other scales it counts into a histogram without a branch per answer
// (the README gives its speed beside numpy's, polars' and DuckDB's). It
// runs on the calling goroutine only ([TallyConcurrent] takes more) and
// allocates only the Survey. A slice with an answer off the scale is read
// a second time to find the first one.
func Tally[E Integer](scale Scale, scores []E) (*Survey, error) {
	s, err := NewSurvey(scale)
	if err != nil {
		return nil, err
	}
	if err := tallyInto(s, scores); err != nil {
		return nil, err
	}
	return s, nil
}

// tallyInto counts scores into the empty Survey s. On error s is left
// empty. tallySimple is the reference; tallyFast (tally.go) gives the same
// result faster when it can.
func tallyInto[E Integer](s *Survey, scores []E) error {
	if tallyFast(s, scores) {
		return nil
	}
	return tallySimple(s, scores)
}

// tallySimple counts scores into the empty Survey s one answer at a time.
// On error s is left empty.
func tallySimple[E Integer](s *Survey, scores []E) error {
	min, n := int64(s.scale.Min), uint64(len(s.counts))
	for i, v := range scores {
		// An unsigned v past MaxInt64 is out of range on any scale. For
		// the rest, the offset v − Min is taken in int64, modulo 2⁶⁴: a true offset
		// in [0, n) stays there and every other one lands at n or above,
		// since Max = Min + n − 1 fits in an int.
		if (v > 0 && uint64(v) > math.MaxInt64) || uint64(int64(v)-min) >= n {
			clear(s.counts)
			return fmt.Errorf("%w: score %d at index %d on scale %v", ErrOutOfRange, v, i, s.scale)
		}
		s.counts[int64(v)-min]++
	}
	s.total = int64(len(scores))
	return nil
}

// histMinLen is the shortest slice worth the sub-histograms of tallyHist.
const histMinLen = 4096

// tallyFast counts scores into the empty Survey s with a fast path and
// reports whether it did. When it returns false, s is still empty and
// either no fast path applies or scores holds an answer outside the scale.
func tallyFast[E Integer](s *Survey, scores []E) bool {
	width, signed := intKind[E]()
	// The range of scale values an E can hold; any other point of the
	// scale has a count of 0.
	lo, hi := int64(s.scale.Min), int64(s.scale.Max)
	if signed {
		lo = max(lo, -1<<(width-1))
		if width < 64 {
			hi = min(hi, 1<<(width-1)-1)
		}
	} else {
		lo = max(lo, 0)
		if width < 64 {
			hi = min(hi, 1<<width-1)
		}
	}
	if lo > hi {
		return false // no E is on the scale
	}
	if lo >= 0 && hi <= 10 && len(scores) >= planesMinLen {
		return tallyPlanes(s, scores, width, lo, hi)
	}
	if width == 8 && len(scores) >= histMinLen {
		return tallyHist8(s, scores, signed, lo, hi)
	}
	if len(scores) >= histMinLen {
		return tallyHist(s, scores, lo, hi)
	}
	return false
}

// intKind returns the width in bits of E and whether it is signed.
func intKind[E Integer]() (width uint, signed bool) {
	for x := E(1); x != 0; x <<= 1 {
		width++
	}
	var zero E
	return width, zero-1 < 0
}

// tallyHist counts scores, whose valid answers lie in lo..hi, into four
// sub-histograms, so that runs of equal answers do not wait on each
// other's stores. An answer off the scale goes to a spare last bin, which
// is checked once at the end instead of branching on every answer.
func tallyHist[E Integer](s *Survey, scores []E, lo, hi int64) bool {
	const size = 1024 // > MaxScalePoints, a power of two: no bounds checks
	n := uint64(hi - lo + 1)
	h := new([4][size]int64)
	ulo := uint64(lo)
	i := 0
	for ; i+4 <= len(scores); i += 4 {
		// The offset is taken modulo 2⁶⁴ as in tallyInto: it lands in
		// [0, n) exactly when the answer is in lo..hi.
		h[0][min(uint64(scores[i])-ulo, n)%size]++
		h[1][min(uint64(scores[i+1])-ulo, n)%size]++
		h[2][min(uint64(scores[i+2])-ulo, n)%size]++
		h[3][min(uint64(scores[i+3])-ulo, n)%size]++
	}
	for ; i < len(scores); i++ {
		h[0][min(uint64(scores[i])-ulo, n)%size]++
	}
	if h[0][n]+h[1][n]+h[2][n]+h[3][n] != 0 {
		return false
	}
	off := lo - int64(s.scale.Min)
	for v := range n {
		s.counts[off+int64(v)] = h[0][v] + h[1][v] + h[2][v] + h[3][v]
	}
	s.total = int64(len(scores))
	return true
}

// tallyHist8 counts 8-bit scores, whose valid answers lie in lo..hi, into
// four sub-histograms indexed by the byte itself, which needs neither an
// offset nor a bound; answers off the scale are found in the histogram
// afterwards.
func tallyHist8[E Integer](s *Survey, scores []E, signed bool, lo, hi int64) bool {
	var h [4][256]int64
	i := 0
	for ; i+4 <= len(scores); i += 4 {
		h[0][uint8(scores[i])]++
		h[1][uint8(scores[i+1])]++
		h[2][uint8(scores[i+2])]++
		h[3][uint8(scores[i+3])]++
	}
	for ; i < len(scores); i++ {
		h[0][uint8(scores[i])]++
	}
	for b := range 256 {
		v := int64(b)
		if signed {
			v = int64(int8(b))
		}
		n := h[0][b] + h[1][b] + h[2][b] + h[3][b]
		if v < lo || v > hi {
			if n != 0 {
				return false
			}
			continue
		}
		s.counts[v-int64(s.scale.Min)] = n
	}
	s.total = int64(len(scores))
	return true
}
