package cxmetrics_test

import (
	"testing"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// TestMetricsOnTallyAllocateNothing checks that every metric of an existing
// Survey is computed without allocating, as the package promises for
// every metric of an existing tally.
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

// TestRetentionFiguresDoNotAllocate checks the benchmarks' promise of 0
// allocations on the success path of every figure.
func TestRetentionFiguresDoNotAllocate(t *testing.T) {
	p := cxmetrics.Period{Start: 1000, End: 1050, New: 100}
	r := cxmetrics.RevenuePeriod{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60}
	s := cxmetrics.HealthSignals{Usage: 80, Engagement: 60, Support: 70, Sentiment: unknownSignal, Billing: 100}
	w := cxmetrics.HealthWeights{Usage: 40, Engagement: 20, Support: 20, Sentiment: 10, Billing: 10}
	signals := []cxmetrics.Signal{{Name: "a", Score: 50, Weight: 1}, {Name: "b", Score: unknownSignal, Weight: 2}}
	allocs := testing.AllocsPerRun(100, func() {
		retSinkFloat, retSinkErr = cxmetrics.RetentionRate(p)
		retSinkFloat, retSinkErr = cxmetrics.ChurnRate(p)
		retSinkFloat, retSinkErr = cxmetrics.StripeChurnRate(p)
		retSinkFloat, retSinkErr = cxmetrics.AnnualizeChurn(5, 12)
		retSinkFloat, retSinkErr = cxmetrics.PeriodicChurn(45.96, 12)
		retSinkFloat, retSinkErr = cxmetrics.NetRevenueRetention(r)
		retSinkFloat, retSinkErr = cxmetrics.NetRevenueChurn(r)
		retSinkFloat, retSinkErr = cxmetrics.ChartMogulNetMRRChurn(r)
		retSinkFloat, retSinkErr = cxmetrics.GrossRevenueRetention(r)
		retSinkFloat, retSinkErr = cxmetrics.GrossRevenueChurn(r)
		retSinkFloat, retSinkErr = cxmetrics.QuickRatio(r)
		retSinkBool = r.Balanced()
		retSinkFloat, retSinkErr = cxmetrics.DiscountedLifetimeValue(100_00, 80, 5, 1)
		retSinkFloat, retSinkErr = cxmetrics.LTVToCAC(1600_00, 500_00)
		retSinkFloat, retSinkErr = cxmetrics.CACPayback(1200_00, 200_00, 80)
		retSinkHealth, retSinkErr = cxmetrics.HealthScore(s, w)
		retSinkFloat, retSinkErr = cxmetrics.WeightedScore(signals)
		retSinkFloat, retSinkErr = cxmetrics.NormalizeSignal(3, 10, 0)
		retSinkFloat, retSinkErr = cxmetrics.AverageTimeOnSite(50*time.Hour, 1000)
		retSinkFloat, retSinkErr = cxmetrics.PurchaseFrequency(1500, 1000)
		retSinkFloat, retSinkErr = cxmetrics.RepeatPurchaseRate(280, 1000)
	})
	if allocs != 0 {
		t.Errorf("retention, revenue, LTV, health and engagement figures allocate %v times per run, want 0", allocs)
	}
}
