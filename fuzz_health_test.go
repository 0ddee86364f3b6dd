package cxmetrics_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// FuzzLifetimeValue checks LifetimeValue, DiscountedLifetimeValue,
// LTVToCAC and CACPayback against their formulas computed in another
// order, that lifetime value falls as churn rises, that ErrOverflow comes
// only where the exact figure is outside the range of float64, and that
// no figure is a 0 its inputs do not give, or −0.
func FuzzLifetimeValue(f *testing.F) {
	f.Add(int64(10000), 80.0, 5.0, 1.0, int64(30000))
	f.Add(int64(0), 0.0, 0.0, 0.0, int64(0))
	f.Add(int64(math.MaxInt64), 100.0, 5e-324, 0.0, int64(1))
	f.Add(int64(-1), 50.0, 5.0, 0.0, int64(-1))
	f.Add(int64(1), 100.0, 100.0, 100.0, int64(math.MaxInt64))
	f.Add(int64(5), math.NaN(), 5.0, 0.0, int64(1))
	f.Add(int64(1), 5e-324, 100.0, 0.0, int64(1))                 // LTV below float64
	f.Add(int64(1), 5e-324, 5e-324, 0.0, int64(2))                // LTV 2⁻¹⁰⁷⁴, LTV:CAC below float64
	f.Add(int64(100), math.Copysign(0, -1), 5.0, 0.0, int64(1))   // margin −0
	f.Add(int64(math.MaxInt64), 5e-324, 100.0, 100.0, int64(100)) // subnormal margin, normal LTV
	f.Fuzz(func(t *testing.T, arpa int64, margin, churn, discount float64, cac int64) {
		rateErr := func(x float64) error {
			switch {
			case math.IsNaN(x) || math.IsInf(x, 0):
				return cxmetrics.ErrInvalidArgument
			case !(x >= 0 && x <= 100):
				return cxmetrics.ErrOutOfRange
			}
			return nil
		}
		var wantErr error
		switch {
		case arpa < 0:
			wantErr = cxmetrics.ErrNegative
		case rateErr(margin) != nil:
			wantErr = rateErr(margin)
		case margin > 0 && margin < 1: // a fraction given by mistake
			wantErr = cxmetrics.ErrOutOfRange
		case rateErr(churn) != nil:
			wantErr = rateErr(churn)
		case rateErr(discount) != nil:
			wantErr = rateErr(discount)
		case churn == 0 && discount == 0:
			wantErr = cxmetrics.ErrInvalidArgument
		}
		ltv, err := cxmetrics.DiscountedLifetimeValue(arpa, margin, churn, discount)
		if wantErr != nil {
			if !errors.Is(err, wantErr) {
				t.Fatalf("DiscountedLifetimeValue(%d, %v, %v, %v) error %v, want %v", arpa, margin, churn, discount, err, wantErr)
			}
			return
		}
		// ARPA × margin × (1 + d) / (1 + d − r) with r = 1 − c, in
		// fractions, computed in 256-bit floating point.
		// Times 100/100, so that the rates in percent are used as given.
		want := bigDiv(bigMul(bigF(float64(arpa)), bigF(margin), bigAdd(bigF(100), bigF(discount))),
			bigMul(bigF(100), bigAdd(bigF(discount), bigF(churn))))
		if errors.Is(err, cxmetrics.ErrOverflow) {
			// Past float64, or positive and nearer 0 than 2⁻¹⁰⁷⁴ (to
			// rounding); want is that figure rounded to float64.
			if want >= 1e-323 && want <= math.MaxFloat64/2 {
				t.Fatalf("DiscountedLifetimeValue(%d, %v, %v, %v): %v, but the LTV is %v", arpa, margin, churn, discount, err, want)
			}
			return
		}
		if err != nil {
			t.Fatalf("DiscountedLifetimeValue(%d, %v, %v, %v): %v", arpa, margin, churn, discount, err)
		}
		// Within 1e-12 relative, or half the smallest subnormal either
		// way for the roundings of ltv and of want.
		if !finiteFigure(ltv) || ltv < 0 || math.Signbit(ltv) || math.Abs(ltv-want) > 1e-12*want+5e-324 {
			t.Fatalf("DiscountedLifetimeValue(%d, %v, %v, %v) = %v, want %v", arpa, margin, churn, discount, ltv, want)
		}
		if ltv == 0 && arpa != 0 && margin != 0 {
			t.Fatalf("DiscountedLifetimeValue(%d, %v, %v, %v) = 0, a silent 0 (exact %v)", arpa, margin, churn, discount, want)
		}
		if discount == 0 {
			if simple, err := cxmetrics.LifetimeValue(arpa, margin, churn); err != nil || simple != ltv {
				t.Fatalf("LifetimeValue(%d, %v, %v) = %v, %v; discounted with 0 gives %v", arpa, margin, churn, simple, err, ltv)
			}
		}
		if more := min(100, churn*2+1); more > churn {
			higher, err := cxmetrics.DiscountedLifetimeValue(arpa, margin, more, discount)
			switch {
			case errors.Is(err, cxmetrics.ErrOverflow):
				// More churn took the LTV below float64, if its exact
				// value says so.
				exact := bigDiv(bigMul(bigF(float64(arpa)), bigF(margin), bigAdd(bigF(100), bigF(discount))),
					bigMul(bigF(100), bigAdd(bigF(discount), bigF(more))))
				if exact >= 1e-323 {
					t.Fatalf("churn %v: %v, but the LTV is %v", more, err, exact)
				}
			case err != nil || higher > ltv*(1+1e-12):
				t.Fatalf("churn %v gives %v, %v; churn %v gives %v: more churn, more value", more, higher, err, churn, ltv)
			}
		}

		ratio, err := cxmetrics.LTVToCAC(ltv, cac)
		switch {
		case cac < 0:
			if !errors.Is(err, cxmetrics.ErrNegative) {
				t.Fatalf("LTVToCAC(%v, %d) error %v, want ErrNegative", ltv, cac, err)
			}
		case cac == 0:
			if !errors.Is(err, cxmetrics.ErrInvalidArgument) {
				t.Fatalf("LTVToCAC(%v, 0) error %v, want ErrInvalidArgument", ltv, err)
			}
		case errors.Is(err, cxmetrics.ErrOverflow):
			// Only a positive ratio nearer 0 than the smallest float64.
			if exact := bigDiv(bigF(ltv), bigF(float64(cac))); ltv == 0 || exact >= 1e-323 {
				t.Fatalf("LTVToCAC(%v, %d): %v, but the ratio is %v", ltv, cac, err, exact)
			}
		case err != nil || math.Abs(ratio*float64(cac)-ltv) > 1e-12*ltv+float64(cac)*5e-324:
			t.Fatalf("LTVToCAC(%v, %d) = %v, %v", ltv, cac, ratio, err)
		case math.Signbit(ratio) || (ratio == 0 && ltv != 0):
			t.Fatalf("LTVToCAC(%v, %d) = %v, want a positive ratio or 0 for 0", ltv, cac, ratio)
		}

		payback, err := cxmetrics.CACPayback(cac, arpa, margin)
		switch {
		case cac < 0:
			if !errors.Is(err, cxmetrics.ErrNegative) {
				t.Fatalf("CACPayback(%d, %d, %v) error %v, want ErrNegative", cac, arpa, margin, err)
			}
		case arpa == 0 || margin == 0:
			if !errors.Is(err, cxmetrics.ErrInvalidArgument) {
				t.Fatalf("CACPayback(%d, %d, %v) error %v, want ErrInvalidArgument", cac, arpa, margin, err)
			}
		case errors.Is(err, cxmetrics.ErrOverflow):
			if exact := bigDiv(bigMul(bigF(100), bigF(float64(cac))), bigMul(bigF(float64(arpa)), bigF(margin))); exact < math.MaxFloat64/2 {
				t.Fatalf("CACPayback(%d, %d, %v): %v, but the payback is %v", cac, arpa, margin, err, exact)
			}
		case err != nil:
			t.Fatalf("CACPayback(%d, %d, %v): %v", cac, arpa, margin, err)
		default:
			// CAC / (ARPA × margin) periods, in 256-bit floating point.
			want := bigDiv(bigMul(bigF(100), bigF(float64(cac))), bigMul(bigF(float64(arpa)), bigF(margin)))
			if !finiteFigure(payback) || payback < 0 || math.Abs(payback-want) > 1e-12*want {
				t.Fatalf("CACPayback(%d, %d, %v) = %v, want %v", cac, arpa, margin, payback, want)
			}
		}
	})
}

// healthSignal maps a fuzzed float to a signal: most values are folded
// into 0-100 so that the interesting path runs, and a few are kept as they
// are (NaN, ±Inf, out of range) to exercise the errors.
func healthSignal(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < -1000 || x > 1000 {
		return x
	}
	return math.Abs(math.Mod(x, 101))
}

// FuzzHealthScore checks that HealthScore is a weighted mean: in 0-100,
// between the least and the greatest known signal that has a weight, equal
// to WeightedScore of the same signals in any order, unchanged when every
// weight doubles, with contributions that are 0 for unknown signals and
// add up to the score, and with the band of DefaultHealthBands.
func FuzzHealthScore(f *testing.F) {
	nan := math.NaN()
	f.Add(80.0, 60.0, 40.0, 90.0, 100.0, 1.0, 1.0, 1.0, 1.0, 1.0)
	f.Add(nan, 60.0, nan, 90.0, 100.0, 5.0, 0.0, 3.0, 1.0, 1.0)
	f.Add(nan, nan, nan, nan, nan, 1.0, 1.0, 1.0, 1.0, 1.0)
	f.Add(50.0, 75.0, 75.0, 50.0, 0.0, 1e308, 1e308, 1e-308, 5e-324, 0.0)
	f.Add(101.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0)
	f.Add(10.0, 0.0, 0.0, 0.0, 0.0, -1.0, 1.0, 1.0, 1.0, 1.0)
	f.Add(10.0, 0.0, 0.0, 0.0, 0.0, math.Inf(1), 1.0, 1.0, 1.0, 1.0)
	f.Fuzz(func(t *testing.T, u, e, su, se, b, wu, we, ws, wse, wb float64) {
		s := cxmetrics.HealthSignals{Usage: healthSignal(u), Engagement: healthSignal(e),
			Support: healthSignal(su), Sentiment: healthSignal(se), Billing: healthSignal(b)}
		w := cxmetrics.HealthWeights{Usage: wu, Engagement: we, Support: ws, Sentiment: wse, Billing: wb}
		scores := []float64{s.Usage, s.Engagement, s.Support, s.Sentiment, s.Billing}
		weights := []float64{w.Usage, w.Engagement, w.Support, w.Sentiment, w.Billing}

		var wantErr error
		lo, hi := math.Inf(1), math.Inf(-1)
		anyWeight, anyKnown := false, false
		for i := range scores {
			switch {
			case !(weights[i] >= 0 && weights[i] <= math.MaxFloat64):
				wantErr = cmpFirst(wantErr, cxmetrics.ErrInvalidArgument)
			case !math.IsNaN(scores[i]) && !(scores[i] >= 0 && scores[i] <= 100):
				wantErr = cmpFirst(wantErr, cxmetrics.ErrOutOfRange)
			}
			anyWeight = anyWeight || weights[i] > 0
			if weights[i] > 0 && !math.IsNaN(scores[i]) {
				anyKnown = true
				lo, hi = min(lo, scores[i]), max(hi, scores[i])
			}
		}
		switch {
		case wantErr != nil:
		case !anyWeight:
			wantErr = cxmetrics.ErrInvalidArgument
		case !anyKnown:
			wantErr = cxmetrics.ErrNoResponses
		}

		r, err := cxmetrics.HealthScore(s, w)
		if wantErr != nil {
			if !errors.Is(err, wantErr) {
				t.Fatalf("HealthScore(%+v, %+v) error %v, want %v", s, w, err, wantErr)
			}
			return
		}
		if err != nil {
			t.Fatalf("HealthScore(%+v, %+v): %v", s, w, err)
		}
		const tol = 1e-9
		if !(r.Score >= 0 && r.Score <= 100) || r.Score < lo-tol || r.Score > hi+tol {
			t.Fatalf("HealthScore(%+v, %+v) = %v, want within the known signals %v-%v", s, w, r.Score, lo, hi)
		}
		c := r.Contributions
		contrib := []float64{c.Usage, c.Engagement, c.Support, c.Sentiment, c.Billing}
		var total float64
		for i, x := range contrib {
			if math.IsNaN(scores[i]) && x != 0 {
				t.Fatalf("unknown signal %d contributes %v", i, x)
			}
			if !(x >= 0) {
				t.Fatalf("signal %d contributes %v", i, x)
			}
			total += x
		}
		if math.Abs(total-r.Score) > tol {
			t.Fatalf("contributions %v add up to %v, not the score %v", contrib, total, r.Score)
		}
		wantBand := cxmetrics.BandGreen
		switch {
		case r.Score <= 50:
			wantBand = cxmetrics.BandRed
		case r.Score <= 75:
			wantBand = cxmetrics.BandYellow
		}
		if r.Band != wantBand {
			t.Fatalf("score %v in band %v, want %v", r.Score, r.Band, wantBand)
		}

		// The same signals through WeightedScore, in reverse order.
		signals := make([]cxmetrics.Signal, len(scores))
		for i := range scores {
			signals[i] = cxmetrics.Signal{Name: "s", Score: scores[i], Weight: weights[i]}
		}
		slices.Reverse(signals)
		if got, err := cxmetrics.WeightedScore(signals); err != nil || math.Abs(got-r.Score) > tol {
			t.Fatalf("WeightedScore in reverse order = %v, %v; HealthScore = %v", got, err, r.Score)
		}

		// Only proportions matter: doubling every weight is exact in binary
		// and must give the same score, bit for bit.
		if slices.Max(weights) <= math.MaxFloat64/2 {
			w2 := cxmetrics.HealthWeights{Usage: 2 * wu, Engagement: 2 * we, Support: 2 * ws, Sentiment: 2 * wse, Billing: 2 * wb}
			r2, err := cxmetrics.HealthScore(s, w2)
			if err != nil || r2 != r {
				t.Fatalf("doubled weights: %+v, %v; want %+v", r2, err, r)
			}
		}
	})
}

// cmpFirst keeps the first error found.
func cmpFirst(have, next error) error {
	if have != nil {
		return have
	}
	return next
}
