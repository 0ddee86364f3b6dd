package cxmetrics_test

import (
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// TestMetricsOnTallyAllocateNothing checks that every metric of an existing
// Survey is computed without allocating, as the design's performance
// section asks.
func TestMetricsOnTallyAllocateNothing(t *testing.T) {
	tally := func(scale cxmetrics.Scale, answers []int) *cxmetrics.Survey {
		t.Helper()
		s, err := cxmetrics.Tally(scale, answers)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	nps := tally(cxmetrics.NPSScale, []int{0, 6, 7, 8, 9, 10, 10})
	csat := tally(cxmetrics.CSATScale, []int{1, 2, 3, 4, 5, 5})
	ces := tally(cxmetrics.CESScale, []int{1, 4, 5, 6, 7})
	tests := []struct {
		name string
		f    func()
	}{
		{"NPS", func() { _, _ = cxmetrics.NPS(nps) }},
		{"CSAT", func() { _, _ = cxmetrics.CSAT(csat) }},
		{"CSATTopBox", func() { _, _ = cxmetrics.CSATTopBox(csat, 3) }},
		{"CES", func() { _, _ = cxmetrics.CES(ces, cxmetrics.HigherIsEasier) }},
		{"CXIndex", func() { _, _ = cxmetrics.CXIndex(csat, csat, csat) }},
		{"Mean", func() { _, _ = nps.Mean() }},
		{"Count", func() { _ = nps.Count(9) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testing.AllocsPerRun(100, tt.f); got != 0 {
				t.Errorf("%s allocates %v times per call, want 0", tt.name, got)
			}
		})
	}
}

// TestMarshalBinaryAllocatesOnce checks that MarshalBinary sizes its
// buffer for the version, two scale bounds and one byte per small count up
// front, so that encoding a survey is one allocation.
func TestMarshalBinaryAllocatesOnce(t *testing.T) {
	for _, sc := range []cxmetrics.Scale{cxmetrics.NPSScale, {Min: -1 << 40, Max: -1<<40 + 1000}} {
		s, err := cxmetrics.NewSurvey(sc)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddN(sc.Max, 100); err != nil {
			t.Fatal(err)
		}
		if got := testing.AllocsPerRun(100, func() { _, _ = s.MarshalBinary() }); got != 1 {
			t.Errorf("MarshalBinary on %v allocates %v times per call, want 1", sc, got)
		}
	}
}
