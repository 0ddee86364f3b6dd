package cxmetrics_test

import (
	"encoding/binary"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

func BenchmarkSurveyAdd(b *testing.B) {
	s, _ := cxmetrics.NewSurvey(cxmetrics.NPSScale)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := s.Add(i % 11); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkSurveyMerge(b *testing.B) {
	s, _ := cxmetrics.Tally(cxmetrics.NPSScale, answers[int](1000, cxmetrics.NPSScale))
	t, _ := cxmetrics.NewSurvey(cxmetrics.NPSScale)
	b.ReportAllocs()
	for b.Loop() {
		if err := t.Merge(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMetrics measures each metric on an existing tally: every one
// must allocate nothing.
func BenchmarkMetrics(b *testing.B) {
	nps, _ := cxmetrics.Tally(cxmetrics.NPSScale, answers[int](1000, cxmetrics.NPSScale))
	csat, _ := cxmetrics.Tally(cxmetrics.CSATScale, answers[int](1000, cxmetrics.CSATScale))
	ces, _ := cxmetrics.Tally(cxmetrics.CESScale, answers[int](1000, cxmetrics.CESScale))
	cases := []struct {
		name string
		fn   func() error
	}{
		{"Mean", func() error { _, err := nps.Mean(); return err }},
		{"NPS", func() error { _, err := cxmetrics.NPS(nps); return err }},
		{"NPSFromCounts", func() error { _, err := cxmetrics.NPSFromCounts(50, 30, 20); return err }},
		{"CSAT", func() error { _, err := cxmetrics.CSAT(csat); return err }},
		{"CES", func() error { _, err := cxmetrics.CES(ces, cxmetrics.HigherIsEasier); return err }},
		{"CXIndex", func() error { _, err := cxmetrics.CXIndex(csat, csat, csat); return err }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTallyInts tallies a thousand []int answers on the NPS scale;
// the fast paths and the larger sizes are measured in tally benchmarks of
// their own.
func BenchmarkTallyInts(b *testing.B) {
	a := answers[int](1000, cxmetrics.NPSScale)
	b.SetBytes(int64(len(a)) * 8)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cxmetrics.Tally(cxmetrics.NPSScale, a); err != nil {
			b.Fatal(err)
		}
	}
}

// huge adds the 10⁸-answer sizes to the Tally benchmarks; they need up to
// 800 MB for the []int answers, so they run only when asked:
//
//	go test -run '^$' -bench Tally -args -huge
var huge = flag.Bool("huge", false, "also benchmark 10⁸ answers (needs up to 800 MB)")

// benchSizes returns the numbers of answers to benchmark.
func benchSizes() []int {
	sizes := []int{1e3, 1e4, 1e5, 1e6, 1e7}
	if *huge {
		sizes = append(sizes, 1e8)
	}
	return sizes
}

// npsAnswers returns n answers drawn uniformly from 0..10, as numpy_nps.py
// draws them.
func npsAnswers[E cxmetrics.Integer](n int) []E {
	r := rand.New(rand.NewPCG(1, 1))
	s := make([]E, n)
	for i := range s {
		s[i] = E(r.IntN(11))
	}
	return s
}

// benchTally benchmarks Tally then NPS over n uniform 0-10 answers of type
// E; the throughput is in bytes of answers.
func benchTally[E cxmetrics.Integer](b *testing.B, width int) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("n=%.0e", float64(n)), func(b *testing.B) {
			scores := npsAnswers[E](n)
			b.SetBytes(int64(n * width))
			b.ReportAllocs()
			for b.Loop() {
				s, err := cxmetrics.Tally(cxmetrics.NPSScale, scores)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := cxmetrics.NPS(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTallyNPS(b *testing.B) {
	b.Run("uint8", func(b *testing.B) { benchTally[uint8](b, 1) })
	b.Run("int8", func(b *testing.B) { benchTally[int8](b, 1) })
	b.Run("uint16", func(b *testing.B) { benchTally[uint16](b, 2) })
	b.Run("int16", func(b *testing.B) { benchTally[int16](b, 2) })
	b.Run("uint32", func(b *testing.B) { benchTally[uint32](b, 4) })
	b.Run("int32", func(b *testing.B) { benchTally[int32](b, 4) })
	b.Run("uint64", func(b *testing.B) { benchTally[uint64](b, 8) })
	b.Run("int64", func(b *testing.B) { benchTally[int64](b, 8) })
	b.Run("int", func(b *testing.B) { benchTally[int](b, 8) })
	b.Run("uint", func(b *testing.B) { benchTally[uint](b, 8) })
}

// BenchmarkTallyWideScale benchmarks Tally on a 0-100 scale, which the bit
// planes do not cover, so the sub-histogram path runs.
func BenchmarkTallyWideScale(b *testing.B) {
	scale := cxmetrics.Scale{Min: 0, Max: 100}
	for _, n := range benchSizes() {
		for _, typ := range []string{"uint8", "int"} {
			b.Run(fmt.Sprintf("%s/n=%.0e", typ, float64(n)), func(b *testing.B) {
				r := rand.New(rand.NewPCG(1, 1))
				var run func() error
				switch typ {
				case "uint8":
					s := make([]uint8, n)
					for i := range s {
						s[i] = uint8(r.IntN(101))
					}
					b.SetBytes(int64(n))
					run = func() error { _, err := cxmetrics.Tally(scale, s); return err }
				default:
					s := make([]int, n)
					for i := range s {
						s[i] = r.IntN(101)
					}
					b.SetBytes(int64(8 * n))
					run = func() error { _, err := cxmetrics.Tally(scale, s); return err }
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// wordSink keeps the sum of BenchmarkReadWords alive.
var wordSink uint64

// BenchmarkReadWords is the floor the Tally benchmarks compare with:
// reading the same number of bytes once, as 64-bit words, and summing them
// (as examples/tallybench does).
func BenchmarkReadWords(b *testing.B) {
	for _, n := range benchSizes() {
		for _, width := range []int{1, 2, 4, 8} {
			b.Run(fmt.Sprintf("bytes=%d×%.0e", width, float64(n)), func(b *testing.B) {
				buf := make([]byte, n*width)
				b.SetBytes(int64(len(buf)))
				b.ReportAllocs()
				for b.Loop() {
					var sum uint64
					for i := 0; i+8 <= len(buf); i += 8 {
						sum += binary.LittleEndian.Uint64(buf[i:])
					}
					wordSink += sum
				}
			})
		}
	}
}

// BenchmarkTallyConcurrentNPS benchmarks TallyConcurrent then NPS over
// uniform 0-10 bytes, on one and two workers, beside BenchmarkTallyNPS.
func BenchmarkTallyConcurrentNPS(b *testing.B) {
	for _, n := range benchSizes() {
		scores := npsAnswers[uint8](n)
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("n=%.0e/workers=%d", float64(n), workers), func(b *testing.B) {
				b.SetBytes(int64(n))
				b.ReportAllocs()
				for b.Loop() {
					s, err := cxmetrics.TallyConcurrent(cxmetrics.NPSScale, scores, workers)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := cxmetrics.NPS(s); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
