package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// sbgCohortsFromBytes reads cohorts from data: 0xFF starts a new cohort,
// a cohort's first byte times scale is its size, and each later byte b
// takes (b − 16) × scale customers from the count before it, so that
// bytes below 16 make counts grow and large ones make them negative.
func sbgCohortsFromBytes(data []byte, scale int64) [][]int64 {
	var cohorts [][]int64
	var cur []int64
	for _, b := range data {
		switch {
		case b == 0xFF:
			cohorts = append(cohorts, cur)
			cur = nil
		case len(cur) == 0:
			cur = append(cur, int64(b)*scale)
		default:
			cur = append(cur, cur[len(cur)-1]-(int64(b)-16)*scale)
		}
	}
	return append(cohorts, cur)
}

// FuzzShiftedBetaGeometric checks the sBG's properties on any model and
// any cohorts: survival within [0, 1] and not rising with age,
// retention within [0, 1], a fit that is finite with finite standard
// errors or an error, and lifetimes finite (DEL ≥ 1, DERL ≥ 0) or an
// error, never NaN.
func FuzzShiftedBetaGeometric(f *testing.F) {
	for _, s := range []struct {
		a, b     float64
		age      int
		renewals int
		discount float64
		cohorts  []byte
		scale    int64
	}{
		{0.668, 3.806, 7, 7, 10, []byte{100, 29, 29, 25, 22, 20, 19, 18}, 10},
		{0.704, 1.182, 12, 0, 0.1, []byte{100, 53, 32, 25, 22, 20, 19, 18, 0xFF, 100, 53, 32}, 10},
		{1, 1, math.MaxInt64, 1 << 40, 100, []byte{200, 30, 0xFF, 200, 40, 30, 20}, 1 << 50},
		{1e-8, 1e8, 1 << 30, 3, 1e-9, []byte{255, 0xFF, 10}, 1},
		{1e8, 1e-8, 5, 5, 0, []byte{50, 16, 16, 16}, 1},           // no churn
		{2, 3, 0, 0, 0, []byte{50, 66, 16, 16}, 1},                // everyone lost at once
		{1.0000001, 2, 3, 1, 0.001, []byte{50, 17, 15, 17}, 1},    // survivors grow
		{0.5, 0.5, -1, -1, -1, []byte{50, 30, 30, 30}, 1},         // negative counts
		{0.5, 0.5, 3, 2, 50, []byte{0xFF, 0xFF, 9, 20, 18}, 1},    // empty cohorts
		{3, 2, 4, 9, 1e-6, []byte{250, 40, 30, 25, 22, 21}, 1e15}, // past int64
	} {
		f.Add(s.a, s.b, s.age, s.renewals, s.discount, s.cohorts, s.scale)
	}
	f.Fuzz(func(t *testing.T, a, b float64, age, renewals int, discount float64, data []byte, scale int64) {
		if len(data) > 4096 || scale < 0 {
			return
		}
		m := cxmetrics.ShiftedBetaGeometric{Alpha: a, Beta: b}
		s, err := m.Survival(age)
		if err == nil {
			if !(s >= 0 && s <= 1) {
				t.Fatalf("%+v: Survival(%d) = %v", m, age, s)
			}
			if age < math.MaxInt {
				s2, err := m.Survival(age + 1)
				if err != nil || !(s2 <= s) {
					t.Fatalf("%+v: Survival(%d) = %v, then %v, %v", m, age, s, s2, err)
				}
			}
		}
		if r, err := m.Retention(age); err == nil && !(r >= 0 && r <= 1) {
			t.Fatalf("%+v: Retention(%d) = %v", m, age, r)
		}
		if del, err := m.DiscountedLifetime(discount); err == nil && !(del >= 1 && !math.IsInf(del, 0)) {
			t.Fatalf("%+v: DEL at %v%% = %v", m, discount, del)
		}
		if derl, err := m.DiscountedResidualLifetime(renewals, discount); err == nil && !(derl >= 0 && !math.IsInf(derl, 0)) {
			t.Fatalf("%+v: DERL(%d) at %v%% = %v", m, renewals, discount, derl)
		}
		cohorts := sbgCohortsFromBytes(data, scale)
		if ll, err := m.LogLikelihood(cohorts); err == nil && !(ll <= 0 && !math.IsInf(ll, 0)) {
			t.Fatalf("%+v: LogLikelihood = %v", m, ll)
		}
		var r cxmetrics.FitReport
		fit, err := cxmetrics.FitShiftedBetaGeometric(cohorts, cxmetrics.Report(&r))
		if err != nil {
			if fit != (cxmetrics.ShiftedBetaGeometric{}) || errors.Unwrap(err) == nil && !errors.Is(err, cxmetrics.ErrNoResponses) {
				t.Fatalf("fit %+v with error %v", fit, err)
			}
			return
		}
		ok := fit.Alpha > 0 && fit.Beta > 0 && !math.IsInf(fit.Alpha, 0) && !math.IsInf(fit.Beta, 0) &&
			r.LogLikelihood <= 0 && len(r.StdErr) == 2
		for _, se := range r.StdErr {
			ok = ok && se > 0 && !math.IsInf(se, 0)
		}
		if !ok {
			t.Fatalf("cohorts %v: fit %+v, report %+v", cohorts, fit, r)
		}
	})
}
