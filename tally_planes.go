package cxmetrics

import "math/bits"

// This file holds the bit-plane fast path of [Tally].
//
// The common surveys (NPS 0-10, CSAT 1-5, CES 1-7, 1-10) have answers from
// 0 to 10, which fit in four bits. For those, 64 answers are counted with a
// handful of word operations and ten population counts, instead of 64
// loads and stores into a histogram:
//
//  1. Eight words hold 64 answers, one per byte (wider elements are packed
//     into bytes first). OR-ing the words together and testing the high
//     nibble of every byte checks that every answer is at most 15.
//  2. Pairs of words are merged into nibbles (x0 | x1<<4), giving four words
//     of 16 answers each, and a 4×4 bit transpose across those four words
//     turns them into four bit planes: plane k holds bit k of all 64
//     answers, each answer at the same bit position in every plane.
//  3. For each set T of bits with value at most 10 (1, 2, 3 = {0,1}, 4, 5,
//     6, 7, 8, 9, 10) the AND of the planes in T, popcounted, adds the
//     number of answers that have every bit of T set: m[T]. Values 11 to 15
//     are exactly those with bits {2,3} or {0,1,3} set; OR-ing those
//     planes' ANDs into a flag catches them.
//  4. At the end, if no answer was above 10 (so m[T] is 0 for every T
//     with a value above 10), the count of each value v is the Möbius
//     inversion count(v) = Σ (−1)^|T∖v| m[T] over the sets T ⊇ v, with
//     m[∅] the number of answers. Counts of values 0..10 outside the scale
//     must then be 0.
//
// Validation costs an OR per word and three instructions per 64 answers,
// so it stays in the same pass, and a full histogram (not only NPS's three
// buckets) comes out of it. Other ways measured on 10⁸ NPS bytes, as
// multiples of the time to sum them as 64-bit words: one histogram
// increment per byte into four sub-histograms 4.2, a 64K-entry table
// counting pairs of bytes 2.5, these bit planes 1.4.

// planesMinLen is the shortest slice worth the bit-plane setup.
const planesMinLen = 64

// planeCounts accumulates, for each set T of bits numbered as a value
// 1..10, the number of answers with every bit of T set (see the comment at
// the top of this file).
type planeCounts struct {
	m    [16]int // m[T]; m[0] unused
	big  uint64  // OR of the answers' bytes; any high nibble set is bad
	wide uint64  // OR of the bits of wider answers that no byte holds
	gt   uint64  // nonzero if any answer is 11 to 15
	n    int     // answers counted
}

// add counts the 64 answers held one per byte in x0 to x7.
func (p *planeCounts) add(x0, x1, x2, x3, x4, x5, x6, x7 uint64) {
	const (
		m33 = 0x3333333333333333
		m55 = 0x5555555555555555
	)
	p.big |= x0 | x1 | x2 | x3 | x4 | x5 | x6 | x7
	// Four words of 16 nibbles, then the 4×4 transpose of the bits of
	// each nibble position across them, by delta swaps (Warren, Hacker's
	// Delight, 2nd ed., §7-3: 2×2 blocks of 2 bits, then of 1 bit):
	// b0..b3 become planes 0..3.
	b0, b1, b2, b3 := x0|x1<<4, x2|x3<<4, x4|x5<<4, x6|x7<<4
	t := (b0>>2 ^ b2) & m33
	b2 ^= t
	b0 ^= t << 2
	t = (b1>>2 ^ b3) & m33
	b3 ^= t
	b1 ^= t << 2
	t = (b0>>1 ^ b1) & m55
	b1 ^= t
	b0 ^= t << 1
	t = (b2>>1 ^ b3) & m55
	b3 ^= t
	b2 ^= t << 1
	b01 := b0 & b1
	p.gt |= b3 & (b2 | b01)
	p.m[1] += bits.OnesCount64(b0)
	p.m[2] += bits.OnesCount64(b1)
	p.m[3] += bits.OnesCount64(b01)
	p.m[4] += bits.OnesCount64(b2)
	p.m[5] += bits.OnesCount64(b0 & b2)
	p.m[6] += bits.OnesCount64(b1 & b2)
	p.m[7] += bits.OnesCount64(b01 & b2)
	p.m[8] += bits.OnesCount64(b3)
	p.m[9] += bits.OnesCount64(b0 & b3)
	p.m[10] += bits.OnesCount64(b1 & b3)
	p.n += 64
}

// counts returns the number of answers of each value 0..15 and whether
// every answer counted was at most 10.
func (p *planeCounts) counts() (c [16]int64, ok bool) {
	if p.big&0xf0f0f0f0f0f0f0f0 != 0 || p.wide != 0 || p.gt != 0 {
		return c, false
	}
	m := p.m
	m[0] = p.n
	for v := range c {
		// Möbius inversion over the supersets t of v (inclusion and
		// exclusion on the lattice of subsets of the 4 bits). (t + 1) | v
		// is the next superset of v after t: adding 1 carries through the
		// bits of v, which the OR then sets again (Knuth, TAOCP 4A,
		// §7.1.3, on stepping through the supersets of a set).
		for t := v; t < len(m); t = (t + 1) | v {
			if bits.OnesCount(uint(t^v))%2 == 0 {
				c[v] += int64(m[t])
			} else {
				c[v] -= int64(m[t])
			}
		}
	}
	return c, true
}

// tallyPlanes counts scores, whose valid answers lie in lo..hi within
// 0..10, with bit planes (see the top of this file).
func tallyPlanes[E Integer](s *Survey, scores []E, width uint, lo, hi int64) bool {
	var p planeCounts
	var rest []E
	switch width {
	case 8:
		rest = planes8(&p, scores)
	case 16:
		rest = planes16(&p, scores)
	case 32:
		rest = planes32(&p, scores)
	default:
		rest = planes64(&p, scores)
	}
	c, ok := p.counts()
	if !ok {
		return false
	}
	for _, v := range rest {
		// Unsigned, so negative answers fail too.
		if uint64(v) > 15 {
			return false
		}
		c[v]++
	}
	for v, n := range c {
		if n != 0 && (int64(v) < lo || int64(v) > hi) {
			return false
		}
	}
	for v := lo; v <= hi; v++ {
		s.counts[v-int64(s.scale.Min)] = c[v]
	}
	s.total = int64(len(scores))
	return true
}

// The planesW functions feed every whole block of 64 answers of an E of W
// bits to p, with the answers packed one per byte, and return the answers
// left over. Packing an answer into a byte drops its high bits, so they
// are OR-ed into p.wide first; a negative answer has them all set.

func planes8[E Integer](p *planeCounts, s []E) []E {
	// The body of planeCounts.add, written out: this is the loop of the
	// 10⁸-byte NPS target, and the transpose as a function of its own is
	// past the inliner's budget and measured 10-90% slower here. The counts stay in p.m, in memory: with the
	// runtime check that guards each popcount on GOAMD64=v1, counters in
	// registers only get spilled around it, which measured slower.
	const (
		m33 = 0x3333333333333333
		m55 = 0x5555555555555555
	)
	var big, gt uint64
	m := &p.m
	i := 0
	for ; i+64 <= len(s); i += 64 {
		b := s[i : i+64 : i+64]
		x0, x1, x2, x3 := word8(b[0:]), word8(b[8:]), word8(b[16:]), word8(b[24:])
		x4, x5, x6, x7 := word8(b[32:]), word8(b[40:]), word8(b[48:]), word8(b[56:])
		big |= x0 | x1 | x2 | x3 | x4 | x5 | x6 | x7
		b0, b1, b2, b3 := x0|x1<<4, x2|x3<<4, x4|x5<<4, x6|x7<<4
		t := (b0>>2 ^ b2) & m33
		b2 ^= t
		b0 ^= t << 2
		t = (b1>>2 ^ b3) & m33
		b3 ^= t
		b1 ^= t << 2
		t = (b0>>1 ^ b1) & m55
		b1 ^= t
		b0 ^= t << 1
		t = (b2>>1 ^ b3) & m55
		b3 ^= t
		b2 ^= t << 1
		b01 := b0 & b1
		gt |= b3 & (b2 | b01)
		m[1] += bits.OnesCount64(b0)
		m[2] += bits.OnesCount64(b1)
		m[3] += bits.OnesCount64(b01)
		m[4] += bits.OnesCount64(b2)
		m[5] += bits.OnesCount64(b0 & b2)
		m[6] += bits.OnesCount64(b1 & b2)
		m[7] += bits.OnesCount64(b01 & b2)
		m[8] += bits.OnesCount64(b3)
		m[9] += bits.OnesCount64(b0 & b3)
		m[10] += bits.OnesCount64(b1 & b3)
	}
	p.big |= big
	p.gt |= gt
	p.n += i
	return s[i:]
}

func planes16[E Integer](p *planeCounts, s []E) []E {
	var big uint64
	for len(s) >= 64 {
		b := s[:64:64]
		var x [8]uint64
		for k := range x {
			w0, w1 := word16(b[8*k:]), word16(b[8*k+4:])
			big |= w0 | w1
			x[k] = w0 | w1<<8
		}
		p.add(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])
		s = s[64:]
	}
	p.wide |= big & 0xff00ff00ff00ff00
	return s
}

func planes32[E Integer](p *planeCounts, s []E) []E {
	var big uint64
	for len(s) >= 64 {
		b := s[:64:64]
		var x [8]uint64
		for k := range x {
			w0, w1, w2, w3 := word32(b[8*k:]), word32(b[8*k+2:]), word32(b[8*k+4:]), word32(b[8*k+6:])
			big |= w0 | w1 | w2 | w3
			x[k] = w0 | w1<<8 | w2<<16 | w3<<24
		}
		p.add(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])
		s = s[64:]
	}
	p.wide |= big & 0xffffff00ffffff00
	return s
}

func planes64[E Integer](p *planeCounts, s []E) []E {
	var big uint64
	for len(s) >= 64 {
		b := s[:64:64]
		var x [8]uint64
		for k := range x {
			v := b[8*k : 8*k+8 : 8*k+8]
			w0, w1, w2, w3 := uint64(v[0]), uint64(v[1]), uint64(v[2]), uint64(v[3])
			w4, w5, w6, w7 := uint64(v[4]), uint64(v[5]), uint64(v[6]), uint64(v[7])
			big |= w0 | w1 | w2 | w3 | w4 | w5 | w6 | w7
			x[k] = w0 | w1<<8 | w2<<16 | w3<<24 | w4<<32 | w5<<40 | w6<<48 | w7<<56
		}
		p.add(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])
		s = s[64:]
	}
	p.wide |= big &^ 0xff
	return s
}

// word8 returns s[0:8], 8-bit answers, as one little-endian word. The
// compiler turns it into a single load.
func word8[E Integer](s []E) uint64 {
	_ = s[7]
	return uint64(uint8(s[0])) | uint64(uint8(s[1]))<<8 | uint64(uint8(s[2]))<<16 | uint64(uint8(s[3]))<<24 |
		uint64(uint8(s[4]))<<32 | uint64(uint8(s[5]))<<40 | uint64(uint8(s[6]))<<48 | uint64(uint8(s[7]))<<56
}

// word16 returns s[0:4], 16-bit answers, as one word (a single load).
func word16[E Integer](s []E) uint64 {
	_ = s[3]
	return uint64(uint16(s[0])) | uint64(uint16(s[1]))<<16 | uint64(uint16(s[2]))<<32 | uint64(uint16(s[3]))<<48
}

// word32 returns s[0:2], 32-bit answers, as one word (a single load).
func word32[E Integer](s []E) uint64 {
	_ = s[1]
	return uint64(uint32(s[0])) | uint64(uint32(s[1]))<<32
}
