package cxmetrics_test

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// FuzzKaplanMeier estimates a curve from any lifetimes (data: nine bytes
// a lifetime, a float64 duration's bits and a status byte, so that NaN,
// infinities, −0, negatives and subnormals all come) at any confidence,
// and checks that the result is a curve or a clear error: Survival
// non-increasing in [0, 1], each Interval within [0, 1] and containing
// its Survival, everything finite, AtRisk falling, the median within its
// interval and within the data, At agreeing with the steps, and the
// log-rank test of the lifetimes split in two finite or an error.
func FuzzKaplanMeier(f *testing.F) {
	seed := func(conf float64, ls ...cxmetrics.Lifetime) []byte {
		var b []byte
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(conf))
		for _, l := range ls {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(l.Duration))
			b = append(b, map[bool]byte{true: 1, false: 0}[l.Churned])
		}
		return b
	}
	f.Add(seed(0.95, lifetimesOf(gehan6MP, gehan6MPStatus)...))
	f.Add(seed(0.9, lifetimesOf(gehanPlacebo, gehanPlStatus)...))
	f.Add(seed(0.95, lifetimesOf([]float64{1, 2, 3, 4}, []int{1, 1, 0, 1})...))
	f.Add(seed(0.999999, cxmetrics.Lifetime{Duration: 5, Churned: true}, cxmetrics.Lifetime{Duration: 5, Churned: true}))
	f.Add(seed(1e-9, cxmetrics.Lifetime{Duration: 1e308, Churned: true}, cxmetrics.Lifetime{Duration: 5e-324}))
	f.Add(seed(0.95, cxmetrics.Lifetime{Duration: math.NaN()}))
	f.Add(seed(0.95, cxmetrics.Lifetime{Duration: math.Copysign(0, -1), Churned: true}, cxmetrics.Lifetime{Duration: -1}))
	f.Add(seed(math.NaN(), cxmetrics.Lifetime{Duration: 1}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 8 {
			return
		}
		conf := math.Float64frombits(binary.LittleEndian.Uint64(data))
		var ls []cxmetrics.Lifetime
		for i := 8; i+9 <= len(data); i += 9 {
			d := math.Float64frombits(binary.LittleEndian.Uint64(data[i:]))
			ls = append(ls, cxmetrics.Lifetime{Duration: d, Churned: data[i+8]&1 == 1})
		}
		c, err := cxmetrics.KaplanMeier(ls, conf)
		if err != nil {
			if !knownSurvivalError(err) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		checkCurve(t, c)
		if len(ls) >= 2 {
			r, err := cxmetrics.LogRank(ls[:len(ls)/2], ls[len(ls)/2:])
			switch {
			case err != nil && !knownSurvivalError(err):
				t.Fatalf("LogRank error %v wraps no sentinel", err)
			case err == nil && !(r.Chi2 >= 0 && !math.IsInf(r.Chi2, 0) && r.P >= 0 && r.P <= 1 && r.DF == 1):
				t.Fatalf("LogRank %+v", r)
			}
		}
	})
}

// knownSurvivalError reports whether err wraps one of the sentinels the
// survival functions return.
func knownSurvivalError(err error) bool {
	for _, s := range []error{cxmetrics.ErrInvalidArgument, cxmetrics.ErrNegative, cxmetrics.ErrNoResponses,
		cxmetrics.ErrOverflow, cxmetrics.ErrUndefined, cxmetrics.ErrOutOfRange} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// checkCurve checks the properties every SurvivalCurve has.
func checkCurve(t *testing.T, c cxmetrics.SurvivalCurve) {
	t.Helper()
	fin := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	prevS, prevT, prevN := 1.0, math.Inf(-1), c.Subjects+1
	for i, s := range c.Steps {
		if !(s.Survival >= 0 && s.Survival <= prevS) || !fin(s.StdErr) || s.StdErr < 0 ||
			!(s.Interval.Lo >= 0 && s.Interval.Hi <= 1) || !s.Interval.Contains(s.Survival) ||
			!(s.Time > prevT) || !fin(s.Time) || !(s.AtRisk < prevN) || !(s.Churned >= 1 && s.Churned <= s.AtRisk) {
			t.Fatalf("step %d %+v after S %v at %v with %d at risk", i, s, prevS, prevT, prevN)
		}
		prevS, prevT, prevN = s.Survival, s.Time, s.AtRisk
		at, err := c.At(s.Time)
		if err != nil || at != s {
			t.Fatalf("At(%v) = %+v, %v; want step %d %+v", s.Time, at, err, i, s)
		}
	}
	if !(c.MaxDuration >= prevT) || c.Churned > c.Subjects {
		t.Fatalf("curve %+v", c)
	}
	m, err := c.Median()
	if err != nil {
		if !errors.Is(err, cxmetrics.ErrUndefined) {
			t.Fatalf("Median error %v", err)
		}
		return
	}
	if !fin(m.Median) || !(m.Interval.Lo <= m.Median && m.Median <= m.Interval.Hi && m.Interval.Hi <= c.MaxDuration) || m.Interval.Lo < 0 {
		t.Fatalf("median %+v of a curve to %v", m, c.MaxDuration)
	}
	if !slices.ContainsFunc(c.Steps, func(s cxmetrics.SurvivalStep) bool { return s.Survival <= 0.5+1e-8 }) {
		t.Fatalf("median %+v of a curve that stays above 0.5", m)
	}
}
