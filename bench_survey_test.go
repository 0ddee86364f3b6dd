package cxmetrics_test

import (
	"math/rand/v2"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// answers returns n reproducible random answers on scale.
func answers[E cxmetrics.Integer](n int, scale cxmetrics.Scale) []E {
	r := rand.New(rand.NewPCG(1, 2))
	a := make([]E, n)
	for i := range a {
		a[i] = E(scale.Min + r.IntN(scale.Points()))
	}
	return a
}

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

// TestMetricsAllocateNothing holds the benchmarks' promise in plain go
// test: no metric on an existing tally allocates.
func TestMetricsAllocateNothing(t *testing.T) {
	nps, _ := cxmetrics.Tally(cxmetrics.NPSScale, answers[int](100, cxmetrics.NPSScale))
	csat, _ := cxmetrics.Tally(cxmetrics.CSATScale, answers[int](100, cxmetrics.CSATScale))
	sum, _ := cxmetrics.NewSurvey(cxmetrics.CSATScale)
	for name, fn := range map[string]func(){
		"Mean":    func() { _, _ = nps.Mean() },
		"NPS":     func() { _, _ = cxmetrics.NPS(nps) },
		"CSAT":    func() { _, _ = cxmetrics.CSAT(csat) },
		"CES":     func() { _, _ = cxmetrics.CES(csat, cxmetrics.LowerIsEasier) },
		"CXIndex": func() { _, _ = cxmetrics.CXIndex(csat, csat, csat) },
		"AddN":    func() { _ = nps.AddN(3, 1) },
		"Merge":   func() { _ = sum.Merge(csat) },
	} {
		if n := testing.AllocsPerRun(100, fn); n != 0 {
			t.Errorf("%s allocates %v times per call, want 0", name, n)
		}
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
