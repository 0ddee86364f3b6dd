package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// confidenceFrom maps a fuzzed uint16 into (0, 1).
func confidenceFrom(c uint16) float64 { return (float64(c) + 0.5) / 65536 }

func FuzzNPSInterval(f *testing.F) {
	f.Add(int64(50), int64(30), int64(20), uint16(62259))
	f.Add(int64(0), int64(0), int64(1), uint16(0))
	f.Add(int64(1000000), int64(0), int64(0), uint16(65535))
	// Near 2⁵³, where float64 stops holding every count, and near
	// MaxInt64, where p + d − (p − d)² cancelled to 0.
	f.Add(int64(1<<53), int64(1), int64(0), uint16(62259))
	f.Add(int64(1<<53-1), int64(0), int64(1<<53+1), uint16(32768))
	f.Add(int64(math.MaxInt64-2), int64(1), int64(1), uint16(62259))
	f.Add(int64(math.MaxInt64), int64(0), int64(0), uint16(65535))
	f.Add(int64(0), int64(1), int64(math.MaxInt64-1), uint16(1))
	f.Fuzz(func(t *testing.T, p, pa, d int64, c uint16) {
		r, err := cxmetrics.NPSFromCounts(p, pa, d)
		if err != nil {
			return // negative, all zero or past int64
		}
		conf := confidenceFrom(c)
		iv, err := r.Interval(conf)
		if err != nil {
			t.Fatal(err)
		}
		// The interval is centred on the adjusted NPS, not the observed
		// one; computed here in another order, so allow for rounding.
		n := float64(r.Total()) + 3
		adj := 100 * ((float64(p) + 0.75) - (float64(d) + 0.75)) / n
		const tol = 1e-12
		if !(iv.Lo <= iv.Hi && iv.Lo >= -100 && iv.Hi <= 100 && iv.Lo <= adj+tol && iv.Hi >= adj-tol) {
			t.Errorf("%+v at %v: interval %+v, adjusted NPS %v", r, conf, iv, adj)
		}
		se, err := r.StdErr()
		if err != nil || !(se >= 0 && se <= 100/math.Sqrt(float64(r.Total()))*(1+1e-12)) {
			t.Errorf("StdErr %v, %v", se, err)
		}
		cmpSelf, err := cxmetrics.CompareNPS(r, r, conf)
		if err != nil || cmpSelf.Diff != 0 || cmpSelf.Z != 0 || cmpSelf.P != 1 || !cmpSelf.Interval.Contains(0) ||
			!(cmpSelf.StdErr > 0) {
			t.Errorf("self comparison %+v, %v", cmpSelf, err)
		}
		other := mustNPS(t, d, pa, p) // mirror image
		c2, err := cxmetrics.CompareNPS(r, other, conf)
		if err != nil || !(c2.P >= 0 && c2.P <= 1) || !(c2.Interval.Lo <= c2.Interval.Hi) ||
			c2.Interval.Lo < -200 || c2.Interval.Hi > 200 || !(c2.StdErr > 0) || math.IsInf(c2.StdErr, 0) ||
			math.IsNaN(c2.Z) || math.IsInf(c2.Z, 0) || math.IsNaN(c2.Diff) {
			t.Errorf("comparison %+v, %v", c2, err)
		}
	})
}

func FuzzCSATInterval(f *testing.F) {
	f.Add(uint32(81), uint32(182), uint16(62259))
	f.Add(uint32(0), uint32(1), uint16(1))
	f.Add(uint32(7), uint32(0), uint16(65535))
	f.Fuzz(func(t *testing.T, sat, unsat uint32, c uint16) {
		r := cxmetrics.CSATResult{Satisfied: int64(sat), Total: int64(sat) + int64(unsat)}
		if r.Total == 0 {
			return
		}
		r.Score = 100 * float64(r.Satisfied) / float64(r.Total)
		conf := confidenceFrom(c)
		iv, err := r.Interval(conf)
		if err != nil || !(iv.Lo <= iv.Hi && iv.Lo >= 0 && iv.Hi <= 100 && iv.Contains(r.Score)) {
			t.Errorf("%+v at %v: interval %+v, %v", r, conf, iv, err)
		}
		self, err := cxmetrics.CompareCSAT(r, r, conf)
		if err != nil || self.Diff != 0 || self.Z != 0 || self.P != 1 || !self.Interval.Contains(0) {
			t.Errorf("self comparison %+v, %v", self, err)
		}
		flip := cxmetrics.CSATResult{Satisfied: int64(unsat), Total: r.Total}
		c2, err := cxmetrics.CompareCSAT(r, flip, conf)
		if err != nil || !(c2.P >= 0 && c2.P <= 1) || !c2.Interval.Contains(c2.Diff) ||
			c2.Interval.Lo < -100 || c2.Interval.Hi > 100 {
			t.Errorf("comparison %+v, %v", c2, err)
		}
	})
}

func FuzzCESInterval(f *testing.F) {
	f.Add(uint16(1), uint16(0), uint16(0), uint16(2), uint16(3), uint16(4), uint16(5), uint16(62259))
	f.Add(uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(2), uint16(100))
	f.Add(uint16(65535), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(1), uint16(65535))
	f.Fuzz(func(t *testing.T, c1, c2, c3, c4, c5, c6, c7, c uint16) {
		counts := []uint16{c1, c2, c3, c4, c5, c6, c7}
		s, _ := cxmetrics.NewSurvey(cxmetrics.CESScale)
		var n, sum float64
		for i, k := range counts {
			_ = s.AddN(i+1, int64(k))
			n += float64(k)
			sum += float64(k) * float64(i+1)
		}
		if n < 2 {
			return
		}
		r, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
		if err != nil {
			t.Fatal(err)
		}
		// Two-pass float sum of squares, exact enough at these sizes.
		mean := sum / n
		var ss float64
		for i, k := range counts {
			d := float64(i+1) - mean
			ss += float64(k) * d * d
		}
		if want := math.Sqrt(ss / (n - 1)); math.Abs(r.StdDev-want) > 1e-9*math.Max(want, 1e-3) {
			t.Errorf("StdDev %v, two-pass %v", r.StdDev, want)
		}
		conf := confidenceFrom(c)
		iv, err := r.Interval(conf)
		if err != nil || !(iv.Lo <= iv.Hi && iv.Lo >= 1 && iv.Hi <= 7 && iv.Contains(r.Mean)) {
			t.Errorf("%+v at %v: interval %+v, %v", r, conf, iv, err)
		}
		self, err := cxmetrics.CompareCES(r, r, conf)
		if err != nil || self.Diff != 0 || self.Z != 0 || self.P != 1 || !self.Interval.Contains(0) {
			t.Errorf("self comparison %+v, %v", self, err)
		}
	})
}

func FuzzTQuantile(f *testing.F) {
	f.Add(1.0, uint16(62259))
	f.Add(17.776, uint16(65535))
	f.Add(3e7, uint16(32768))
	f.Fuzz(func(t *testing.T, df float64, c uint16) {
		if !(df >= 1 && df <= 1e12) {
			return
		}
		conf := confidenceFrom(c)
		q := cxmetrics.TQuantileTwoSided(conf, df)
		if !(q > 0) || math.IsInf(q, 0) {
			t.Fatalf("quantile(%v, %v) = %v", conf, df, q)
		}
		// The quantile is at least the normal one, and its tail is 1 − conf.
		if z := cxmetrics.NormalTwoSided(conf); q < z*(1-1e-12) {
			t.Errorf("t quantile %v below normal %v (df %v, conf %v)", q, z, df, conf)
		}
		if p := cxmetrics.TTwoSidedP(q, df); math.Abs(p-(1-conf)) > 1e-9*(1-conf) {
			t.Errorf("P(|T| > %v; df %v) = %.17g, want %.17g", q, df, p, 1-conf)
		}
	})
}

// checkScoreWeights fails t unless every score's sum of weights in s lies
// between 0 and the total weight, which is finite.
func checkScoreWeights(t *testing.T, name string, s *cxmetrics.WeightedSurvey) {
	t.Helper()
	total := s.TotalWeight()
	for v := s.Scale().Min; v <= s.Scale().Max; v++ {
		if w := s.Weight(v); !(w >= 0 && w <= total && total <= math.MaxFloat64) {
			t.Errorf("%s: weight of score %d is %v, total %v", name, v, w, total)
		}
	}
}

func FuzzWeightedNPS(f *testing.F) {
	f.Add(uint8(10), 3.0, uint8(9), 1.0, uint8(8), 2.0, uint8(3), 4.0, uint16(62259))
	f.Add(uint8(10), 9e153, uint8(0), 9e153, uint8(5), 9e153, uint8(1), 1.0, uint16(62259))
	f.Add(uint8(10), 1e-170, uint8(0), 1e-170, uint8(5), 0.0, uint8(1), 0x1p-511, uint16(1))
	f.Add(uint8(10), 1.3e154, uint8(10), 1e-150, uint8(0), 1e150, uint8(0), 5e-324, uint16(65535))
	f.Fuzz(func(t *testing.T, s1 uint8, w1 float64, s2 uint8, w2 float64, s3 uint8, w3 float64, s4 uint8, w4 float64, c uint16) {
		answers := []wAnswer{{int(s1 % 11), w1}, {int(s2 % 11), w2}, {int(s3 % 11), w3}, {int(s4 % 11), w4}}
		whole := weighted(t, cxmetrics.NPSScale, nil)
		halves := [2]*cxmetrics.WeightedSurvey{weighted(t, cxmetrics.NPSScale, nil), weighted(t, cxmetrics.NPSScale, nil)}
		var added []wAnswer
		for _, a := range answers {
			before, beforeW := whole.Total(), whole.TotalWeight()
			beforeN, beforeErr := whole.EffectiveN()
			if err := whole.Add(a.score, a.weight); err != nil {
				n, nerr := whole.EffectiveN()
				if whole.Total() != before || whole.TotalWeight() != beforeW || n != beforeN || (nerr == nil) != (beforeErr == nil) {
					t.Fatalf("failed Add(%d, %v) changed the survey", a.score, a.weight)
				}
				continue
			}
			added = append(added, a)
			if err := halves[len(added)%2].Add(a.score, a.weight); err != nil {
				t.Fatalf("Add(%d, %v) to a half: %v", a.score, a.weight, err)
			}
		}
		// No score's sum of weights passes the total, so checking the total
		// for overflow covers every score (the argument in weighted.go).
		checkScoreWeights(t, "whole", whole)
		r, err := cxmetrics.WeightedNPS(whole)
		if err != nil {
			if !errors.Is(err, cxmetrics.ErrNoResponses) {
				t.Fatalf("WeightedNPS: %v", err)
			}
			return
		}
		if !(r.EffectiveN >= 1 && r.EffectiveN <= float64(whole.Total())*(1+1e-12)) {
			t.Errorf("n_eff %v of %d answers", r.EffectiveN, whole.Total())
		}
		if !(r.Score >= -100 && r.Score <= 100) {
			t.Errorf("score %v", r.Score)
		}
		conf := confidenceFrom(c)
		iv, err := r.Interval(conf)
		if err != nil || !(iv.Lo <= iv.Hi && iv.Lo >= -100 && iv.Hi <= 100) {
			t.Errorf("%+v at %v: interval %+v, %v", r, conf, iv, err)
		}
		se, err := r.StdErr()
		if err != nil || !(se >= 0 && se <= 100) {
			t.Errorf("StdErr %v, %v", se, err)
		}
		// Merging the halves gives the whole, up to rounding.
		if err := halves[0].Merge(halves[1]); err != nil {
			t.Fatalf("merging halves: %v", err)
		}
		checkScoreWeights(t, "merged halves", halves[0])
		m, err := cxmetrics.WeightedNPS(halves[0])
		if err != nil {
			t.Fatalf("WeightedNPS of merged halves: %v", err)
		}
		if diff := cmp.Diff(r, m, cmpopts.EquateApprox(1e-12, 1e-9)); diff != "" {
			t.Errorf("merged halves differ from the whole (-whole +merged):\n%s", diff)
		}
	})
}
