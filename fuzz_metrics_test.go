package cxmetrics_test

import (
	"errors"
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// ulp is the unit roundoff of float64, 2⁻⁵³.
const ulp = 0x1p-53

// percentExact returns 100·num/den computed exactly and rounded once.
func percentExact(num, den *big.Int) float64 {
	r := new(big.Rat).SetFrac(new(big.Int).Mul(num, big.NewInt(100)), den)
	f, _ := r.Float64()
	return f
}

// withinUlps reports whether got is within k units of roundoff of want,
// relative to want. A percentOf figure is 100 × (float64(a)/float64(b)):
// two conversions (exact up to 2⁵³), a division and a multiplication,
// each rounding by at most one unit, so k = 4 bounds it for any int64.
func withinUlps(got, want float64, k float64) bool {
	return math.Abs(got-want) <= k*ulp*math.Abs(want)
}

// FuzzNPSFromCounts checks NPSFromCounts against exact rational arithmetic
// over the whole int64 range: an error exactly when a count is negative,
// the counts sum past int64 or are all zero, and otherwise a score within
// 4 units of roundoff of 100·(P − D)/N.
func FuzzNPSFromCounts(f *testing.F) {
	for _, c := range [][3]int64{
		{6, 2, 2},         // NPS 40: 100·(6 − 2)/10
		{0, 0, 0},         // no responses
		{-1, 5, 5},        // negative
		{1 << 53, 1, 1},   // past 2⁵³
		{1<<53 + 1, 0, 1}, // 2⁵³ + 1 is not a float64
		{math.MaxInt64, 0, 0},
		{math.MaxInt64, 1, 0}, // overflow
		{math.MaxInt64 / 2, math.MaxInt64 / 2, 1},
		{math.MaxInt64 / 3, 0, math.MaxInt64/3 + 7},
	} {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, p, pa, d int64) {
		r, err := cxmetrics.NPSFromCounts(p, pa, d)
		n := new(big.Int).Add(big.NewInt(p), big.NewInt(pa))
		n.Add(n, big.NewInt(d))
		switch {
		case p < 0 || pa < 0 || d < 0:
			if !errors.Is(err, cxmetrics.ErrNegative) {
				t.Fatalf("NPSFromCounts(%d, %d, %d) error %v, want ErrNegative", p, pa, d, err)
			}
			return
		case !n.IsInt64():
			if !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Fatalf("NPSFromCounts(%d, %d, %d) error %v, want ErrOverflow", p, pa, d, err)
			}
			return
		case n.Sign() == 0:
			if !errors.Is(err, cxmetrics.ErrNoResponses) {
				t.Fatalf("NPSFromCounts(0, 0, 0) error %v, want ErrNoResponses", err)
			}
			return
		case err != nil:
			t.Fatalf("NPSFromCounts(%d, %d, %d): %v", p, pa, d, err)
		}
		want := percentExact(big.NewInt(p-d), n)
		if !withinUlps(r.Score, want, 4) || !(r.Score >= -100 && r.Score <= 100) {
			t.Fatalf("NPSFromCounts(%d, %d, %d).Score = %v, want %v (exact)", p, pa, d, r.Score, want)
		}
		if n.Cmp(big.NewInt(1<<53)) <= 0 && !withinUlps(r.Score, want, 2) {
			t.Fatalf("NPSFromCounts(%d, %d, %d).Score = %v, want %v within 2 ulps below 2⁵³", p, pa, d, r.Score, want)
		}
		if r.Total() != n.Int64() || r.Promoters != p || r.Passives != pa || r.Detractors != d {
			t.Fatalf("NPSFromCounts(%d, %d, %d) = %+v", p, pa, d, r)
		}
	})
}

// FuzzSurveyCounts fills a survey with AddN counts anywhere in int64 and
// checks every survey metric against exact rational arithmetic: AddN fails
// with ErrOverflow exactly when the total would pass int64 (and then adds
// nothing), and NPS, CSAT, CES, the CX Index and the mean stay within a few
// units of roundoff of the exact figure however large the counts.
func FuzzSurveyCounts(f *testing.F) {
	f.Add(uint8(0), int64(6), int64(2), int64(2), int64(0))
	f.Add(uint8(1), int64(1<<53), int64(1<<53+1), int64(3), int64(1))
	f.Add(uint8(2), int64(math.MaxInt64), int64(1), int64(0), int64(0))
	f.Add(uint8(3), int64(math.MaxInt64/5), int64(math.MaxInt64/5), int64(math.MaxInt64/5), int64(math.MaxInt64/5))
	f.Fuzz(func(t *testing.T, which uint8, a, b, c, d int64) {
		scales := []cxmetrics.Scale{cxmetrics.NPSScale, cxmetrics.CSATScale, cxmetrics.CESScale, {Min: -3, Max: 3}}
		sc := scales[int(which)%len(scales)]
		s, err := cxmetrics.NewSurvey(sc)
		if err != nil {
			t.Fatal(err)
		}
		exact := make([]*big.Int, sc.Points())
		for i := range exact {
			exact[i] = new(big.Int)
		}
		total := new(big.Int)
		for i, n := range []int64{a, b, c, d} {
			// Spread the four counts over the scale, from both ends.
			score := sc.Min + (i*int(which/4+1)+i/2*7)%sc.Points()
			err := s.AddN(score, n)
			next := new(big.Int).Add(total, big.NewInt(n))
			switch {
			case n < 0:
				if !errors.Is(err, cxmetrics.ErrNegative) {
					t.Fatalf("AddN(%d, %d) error %v, want ErrNegative", score, n, err)
				}
			case !next.IsInt64():
				if !errors.Is(err, cxmetrics.ErrOverflow) {
					t.Fatalf("AddN(%d, %d) to total %v: error %v, want ErrOverflow", score, n, total, err)
				}
			case err != nil:
				t.Fatalf("AddN(%d, %d): %v", score, n, err)
			default:
				exact[score-sc.Min].Add(exact[score-sc.Min], big.NewInt(n))
				total = next
			}
			if s.Total() != total.Int64() {
				t.Fatalf("Total() = %d, want %v", s.Total(), total)
			}
		}
		for i, e := range exact {
			if s.Count(sc.Min+i) != e.Int64() {
				t.Fatalf("Count(%d) = %d, want %v", sc.Min+i, s.Count(sc.Min+i), e)
			}
		}
		if total.Sign() == 0 {
			return
		}
		sum := func(lo, hi int) *big.Int {
			n := new(big.Int)
			for v := lo; v <= hi; v++ {
				n.Add(n, exact[v-sc.Min])
			}
			return n
		}
		check := func(name string, got, want float64, k float64) {
			t.Helper()
			if !withinUlps(got, want, k) {
				t.Errorf("%s on %v %v = %v, want %v (exact)", name, sc, exact, got, want)
			}
		}

		// Mean: Min + Σ i·cᵢ / N, exactly, then rounded.
		num := new(big.Int)
		for i, e := range exact {
			num.Add(num, new(big.Int).Mul(big.NewInt(int64(sc.Min+i)), e))
		}
		mean, _ := new(big.Rat).SetFrac(num, total).Float64()
		if got, err := s.Mean(); err != nil {
			t.Fatal(err)
		} else if math.Abs(got-mean) > 4*ulp*max(math.Abs(mean), float64(sc.Max-sc.Min)) {
			t.Errorf("Mean() on %v %v = %v, want %v", sc, exact, got, mean)
		}

		csat, err := cxmetrics.CSAT(s)
		if err != nil {
			t.Fatal(err)
		}
		check("CSAT", csat.Score, percentExact(sum(sc.Max-1, sc.Max), total), 4)

		ces, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
		if err != nil {
			t.Fatal(err)
		}
		mid := sc.Min + (sc.Max-sc.Min)/2 // every scale here has an odd number of points
		easy, hard := sum(mid+1, sc.Max), sum(sc.Min, mid-1)
		check("CES EasyPercent", ces.EasyPercent, percentExact(easy, total), 4)
		check("CES Net", ces.Net, percentExact(new(big.Int).Sub(easy, hard), total), 4)
		if ces.Easy != easy.Int64() || ces.Difficult != hard.Int64() || ces.Neutral != exact[mid-sc.Min].Int64() {
			t.Errorf("CES on %v %v: easy %d, neutral %d, difficult %d", sc, exact, ces.Easy, ces.Neutral, ces.Difficult)
		}

		switch sc {
		case cxmetrics.NPSScale:
			r, err := cxmetrics.NPS(s)
			if err != nil {
				t.Fatal(err)
			}
			check("NPS", r.Score, percentExact(new(big.Int).Sub(sum(9, 10), sum(0, 6)), total), 4)
		case cxmetrics.CSATScale:
			r, err := cxmetrics.CXIndex(s, s, s)
			if err != nil {
				t.Fatal(err)
			}
			net := percentExact(new(big.Int).Sub(sum(4, 5), sum(1, 2)), total)
			check("CX Index needs", r.Needs, net, 4)
			// The mean of three equal nets adds two more roundings.
			check("CX Index", r.Score, net, 8)
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

// bigF and its kin compute in 256-bit binary floating point, far past
// float64, so that a formula checked with them is not the code's own
// float64 arithmetic in another dress.
func bigF(x float64) *big.Float { return new(big.Float).SetPrec(256).SetFloat64(x) }

func bigAdd(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(256).Add(a, b) }

func bigMul(xs ...*big.Float) *big.Float {
	p := bigF(1)
	for _, x := range xs {
		p.Mul(p, x)
	}
	return p
}

// bigDiv returns a/b as a float64, +Inf past its range.
func bigDiv(a, b *big.Float) float64 {
	f, _ := new(big.Float).SetPrec(256).Quo(a, b).Float64()
	return f
}

// cmpFirst keeps the first error found.
func cmpFirst(have, next error) error {
	if have != nil {
		return have
	}
	return next
}

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

// FuzzChurnRoundTrip checks that AnnualizeChurn compounds (never below the
// periodic rate, never above 100, not falling with more periods), that
// PeriodicChurn undoes it wherever the annual rate keeps the precision,
// that PeriodicChurn is ErrOverflow only where the periodic rate is below
// the smallest float64, and that neither gives −0.
func FuzzChurnRoundTrip(f *testing.F) {
	f.Add(5.0, 12)
	f.Add(0.0, 1)
	f.Add(100.0, 4)
	f.Add(5e-324, 12)
	f.Add(1e-300, 365)
	f.Add(99.99, 52)
	f.Add(-1.0, 12)
	f.Add(5.0, 0)
	f.Add(math.NaN(), 12)
	f.Add(math.Copysign(0, -1), 12)
	f.Add(3e-322, 12)
	f.Add(1e-20, math.MaxInt)
	f.Fuzz(func(t *testing.T, rate float64, k int) {
		annual, err := cxmetrics.AnnualizeChurn(rate, k)
		periodic, perr := cxmetrics.PeriodicChurn(rate, k)
		var wantErr error
		switch {
		case math.IsNaN(rate) || math.IsInf(rate, 0):
			wantErr = cxmetrics.ErrInvalidArgument
		case !(rate >= 0 && rate <= 100):
			wantErr = cxmetrics.ErrOutOfRange
		case k < 1:
			wantErr = cxmetrics.ErrInvalidArgument
		}
		if wantErr != nil {
			if !errors.Is(err, wantErr) || !errors.Is(perr, wantErr) {
				t.Fatalf("AnnualizeChurn(%v, %d), PeriodicChurn: errors %v, %v; want %v", rate, k, err, perr, wantErr)
			}
			return
		}
		if err != nil {
			t.Fatalf("AnnualizeChurn(%v, %d): %v", rate, k, err)
		}
		if perr != nil {
			// To first order the periodic rate is rate / k, computed
			// here in 256-bit floating point and rounded to float64.
			if exact := bigDiv(bigF(rate), bigF(float64(k))); !errors.Is(perr, cxmetrics.ErrOverflow) || exact >= 1e-323 {
				t.Fatalf("PeriodicChurn(%v, %d): %v, but the periodic rate is about %v", rate, k, perr, exact)
			}
			periodic = 0
		}
		if math.Signbit(annual) || math.Signbit(periodic) {
			t.Fatalf("AnnualizeChurn(%v, %d) = %v, PeriodicChurn = %v: want no −0", rate, k, annual, periodic)
		}
		if rate != 0 && annual == 0 {
			t.Fatalf("AnnualizeChurn(%v, %d) = 0, a silent 0", rate, k)
		}
		const tol = 1e-12
		// Below about 1e-300 percent, rate/100 is subnormal and loses
		// relative precision, so the bounds allow an absolute 1e-300.
		if !(annual >= rate*(1-tol)-1e-300 && annual <= 100) {
			t.Fatalf("AnnualizeChurn(%v, %d) = %v, want in [rate, 100]", rate, k, annual)
		}
		if !(periodic <= rate*(1+tol)+1e-300 && periodic >= 0) {
			t.Fatalf("PeriodicChurn(%v, %d) = %v, want in [0, rate]", rate, k, periodic)
		}
		if rate >= 1e-300 && periodic == 0 {
			t.Fatalf("PeriodicChurn(%v, %d) = 0", rate, k)
		}
		if k < math.MaxInt {
			if more, err := cxmetrics.AnnualizeChurn(rate, k+1); err != nil || more < annual*(1-tol) {
				t.Fatalf("AnnualizeChurn(%v, %d) = %v but with %d periods %v, %v", rate, k, annual, k+1, more, err)
			}
		}
		if rate == 100 && (annual != 100 || periodic != 100) {
			t.Fatalf("all customers lost per period: annual %v, periodic %v, want 100", annual, periodic)
		}
		// Back from the annual rate: the relative error of the periodic
		// rate grows as 1/(1 − annual/100), so check where that is small.
		if annual <= 99 {
			back, err := cxmetrics.PeriodicChurn(annual, k)
			if err != nil || math.Abs(back-rate) > 1e-9*rate+1e-300 {
				t.Fatalf("PeriodicChurn(AnnualizeChurn(%v, %d) = %v) = %v, %v", rate, k, annual, back, err)
			}
		}
		if periodic > 0 {
			fwd, err := cxmetrics.AnnualizeChurn(periodic, k)
			if err != nil || math.Abs(fwd-rate) > 1e-9*max(rate, 100-rate)+1e-300 {
				t.Fatalf("AnnualizeChurn(PeriodicChurn(%v, %d) = %v) = %v, %v", rate, k, periodic, fwd, err)
			}
		}
	})
}
