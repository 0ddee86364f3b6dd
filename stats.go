package cxmetrics

import (
	"fmt"
	"math"
	"math/bits"
)

// Interval is a two-sided confidence interval, Lo to Hi, in the units of
// the figure it belongs to: points for NPS, percent for CSAT, the survey's
// own scale for a CES mean. Every interval this package returns has
// Lo <= Hi and lies within the range the figure can take.
//
// An Interval is a plain value; it is safe for concurrent use.
type Interval struct {
	Lo float64 // lower limit
	Hi float64 // upper limit
}

// Contains reports whether x lies in the closed interval [Lo, Hi]. A
// comparison whose Interval does not contain 0 is significant at the
// interval's confidence.
func (i Interval) Contains(x float64) bool { return x >= i.Lo && x <= i.Hi }

// Comparison is the result of comparing a figure measured on two
// independent samples a and b, such as last quarter's NPS and this
// quarter's.
//
// Z, P and Interval are computed on Center, the difference the test is
// about, with Z = Center / StdErr. For CSAT and CES, Center is Diff. For
// NPS it is the difference of the adjusted-Wald scores (see [CompareNPS]),
// which differs from Diff: Z is then not Diff / StdErr, and in small
// samples Interval may exclude Diff.
//
// A Comparison is a plain value; it is safe for concurrent use.
type Comparison struct {
	Diff     float64  // b minus a, in the figure's own units (points, or percentage points)
	StdErr   float64  // standard error of the difference, in the same units
	Z        float64  // test statistic, Center / StdErr; positive when b is above a
	P        float64  // two-sided p-value, 0 to 1
	Interval Interval // confidence interval for the difference, around Center, at the requested confidence
	Center   float64  // the difference the statistics are computed on: the adjusted Δ for NPS, Diff elsewhere
}

// Significant reports whether the difference is significant at level
// alpha, that is whether P < alpha. It is false for an alpha outside
// (0, 1) or NaN.
func (c Comparison) Significant(alpha float64) bool {
	return alpha > 0 && alpha < 1 && c.P < alpha
}

// checkConfidence returns an error wrapping [ErrInvalidArgument] unless
// 0 < c < 1. NaN fails the check.
func checkConfidence(c float64) error {
	if !(c > 0 && c < 1) {
		return fmt.Errorf("%w: confidence %v outside (0, 1)", ErrInvalidArgument, c)
	}
	return nil
}

// clampInterval returns [lo, hi] limited to [min, max] and widened, if
// rounding left it short, to contain est. A limit of −0 (a mean of −0
// with no spread) comes back as 0.
func clampInterval(lo, hi, est, min, max float64) Interval {
	lo, hi = math.Min(lo, est), math.Max(hi, est)
	return Interval{Lo: math.Max(lo, min) + 0, Hi: math.Min(hi, max) + 0}
}

// ---- NPS ----

// checkNPS returns an error unless r's counts can be those of a survey:
// none negative, a total that fits in int64 and is not zero.
func checkNPS(r NPSResult) (n int64, err error) {
	if r.Promoters < 0 || r.Passives < 0 || r.Detractors < 0 {
		return 0, fmt.Errorf("%w: promoters %d, passives %d, detractors %d",
			ErrNegative, r.Promoters, r.Passives, r.Detractors)
	}
	if r.Promoters > math.MaxInt64-r.Passives || r.Promoters+r.Passives > math.MaxInt64-r.Detractors {
		return 0, fmt.Errorf("%w: promoters %d + passives %d + detractors %d",
			ErrOverflow, r.Promoters, r.Passives, r.Detractors)
	}
	n = r.Total()
	if n == 0 {
		return 0, fmt.Errorf("%w: no promoters, passives or detractors", ErrNoResponses)
	}
	return n, nil
}

// npsMoments returns the NPS on the -1..1 scale and its standard error
// for prom promoters, pas passives and det detractors of n answers
// (n = prom + pas + det):
//
//	nps = p − d,  se = sqrt(v / n)
//	v = p + d − (p − d)² = p(1 − p) + d(1 − d) + 2pd
//	  = p(a + d) + d(p + a) + 2pd
//
// with p, a and d the shares of promoters, passives and detractors. The
// last form is a sum of non-negative terms, so it keeps its full relative
// precision when one category holds nearly every answer, where
// p + d − (p − d)² would subtract two numbers near 1 and lose digits in
// proportion to n (all of them, giving 0, near n = 2⁶³). Each share is
// divided separately so that no sum of counts can overflow.
func npsMoments(prom, pas, det, n float64) (nps, se float64) {
	p, a, d := prom/n, pas/n, det/n
	v := p*(a+d) + d*(p+a) + 2*p*d
	return p - d, math.Sqrt(v / n)
}

// adjustedNPS returns the adjusted-Wald NPS and its standard error, on the
// -1..1 scale: ¾ is added to promoters and to detractors, 3/2 to passives,
// 3 to the total. The standard error is above 0 for any counts that fit
// in int64: v >= d'(p' + a') >= (¾ / n')(2¼ / n') with n' < 2⁶⁴, so v / n'
// is at least about 1e-57 and cannot underflow.
func adjustedNPS(prom, pas, det, n float64) (nps, se float64) {
	return npsMoments(prom+0.75, pas+1.5, det+0.75, n+3)
}

// StdErr returns the standard error of the NPS in points, by the plain
// (Wald) formula for the difference of two shares of one multinomial
// sample:
//
//	SE = 100 × sqrt((p + d − (p − d)²) / n)
//
// where p and d are the shares of promoters and detractors among the n
// answers. It lies from 0 (every answer in one category) to 100 / sqrt(n).
// Source: Rocks, "Interval Estimation for the Net Promoter Score", The
// American Statistician 70(4), 2016.
//
// This is the textbook figure, to report beside the score. Use
// [NPSResult.Interval] for an interval and [CompareNPS] for a test: both
// use the adjusted counts, which behave far better in small samples and
// never give a standard error of 0.
//
// Special cases are:
//
//	a negative count          ErrNegative
//	total past int64          ErrOverflow
//	all counts zero           ErrNoResponses
func (r NPSResult) StdErr() (float64, error) {
	n, err := checkNPS(r)
	if err != nil {
		return 0, err
	}
	_, se := npsMoments(float64(r.Promoters), float64(r.Passives), float64(r.Detractors), float64(n))
	return 100 * se, nil
}

// Interval returns the adjusted-Wald confidence interval for the NPS, in
// points, at the given two-sided confidence (0.95 for 95%):
//
//	n' = n + 3,  p' = (promoters + ¾) / n',  d' = (detractors + ¾) / n'
//	NPS' = p' − d',  SE' = sqrt((p' + d' − NPS'²) / n')
//	interval = 100 × (NPS' ± z × SE'),  z = Φ⁻¹((1 + confidence) / 2)
//
// clamped to [-100, 100]. The interval is centred on the adjusted score
// NPS', which lies closer to 0 than the observed score, and always
// contains it. It need not contain the observed score when the sample is
// small and the score extreme, and the lower the confidence the more
// often it does not: 10 promoters give [57.7, 96.2] at 80% confidence,
// which excludes their score of 100. Source: Rocks, "Interval Estimation for the Net
// Promoter Score", The American Statistician 70(4), 2016, which found the
// adjusted Wald the best of the methods compared; Lewis and Sauro,
// "Confidence Intervals for Net Promoter Scores", MeasuringU, 2021.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	a negative count                   ErrNegative
//	total past int64                   ErrOverflow
//	all counts zero                    ErrNoResponses
func (r NPSResult) Interval(confidence float64) (Interval, error) {
	if err := checkConfidence(confidence); err != nil {
		return Interval{}, err
	}
	n, err := checkNPS(r)
	if err != nil {
		return Interval{}, err
	}
	nps, se := adjustedNPS(float64(r.Promoters), float64(r.Passives), float64(r.Detractors), float64(n))
	z := normalTwoSided(confidence)
	est := 100 * nps
	return clampInterval(est-100*z*se, est+100*z*se, est, -100, 100), nil
}

// CompareNPS tests whether the NPS of b differs from that of a, two
// independent samples, by the adjusted-Wald z test:
//
//	Diff   = b.Score − a.Score
//	Center = 100 × (NPS'b − NPS'a)
//	StdErr = 100 × sqrt(SE'a² + SE'b²)
//	Z      = Center / StdErr
//	P      = 2 × (1 − Φ(|Z|))
//	Interval = Center ± z × StdErr, clamped to [-200, 200]
//
// where NPS' and SE' are the adjusted score and standard error of
// [NPSResult.Interval] (¾ added to promoters and to detractors, 3/2 to
// passives, 3 to the total, in each sample). Diff is the observed change
// in points; Center, the change in adjusted scores, is what Z, P and the
// interval are computed on, as in Rocks' NPS package for R. Each adjusted
// score lies closer to 0 than the observed one, so Center differs from
// Diff, Z is not Diff / StdErr, and in small samples the interval,
// centred on Center, may exclude Diff: one detractor in a
// and one promoter in b give Diff 200, Center 50, StdErr 53.0, Z 0.94 and
// a 95% interval of [-53.9, 153.9]. The adjustment keeps StdErr above 0
// for any counts, so Z is finite even when each sample is all promoters
// or all detractors. Source: Rocks, The American Statistician 70(4), 2016
// (the two-sample adjusted Wald of his NPS package); Lewis and Sauro, "How
// to Statistically Compare Two Net Promoter Scores", MeasuringU, 2021.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	a negative count                   ErrNegative
//	a total past int64                 ErrOverflow
//	a or b with no answers             ErrNoResponses
func CompareNPS(a, b NPSResult, confidence float64) (Comparison, error) {
	if err := checkConfidence(confidence); err != nil {
		return Comparison{}, err
	}
	na, err := checkNPS(a)
	if err != nil {
		return Comparison{}, fmt.Errorf("a: %w", err)
	}
	nb, err := checkNPS(b)
	if err != nil {
		return Comparison{}, fmt.Errorf("b: %w", err)
	}
	npsA, seA := adjustedNPS(float64(a.Promoters), float64(a.Passives), float64(a.Detractors), float64(na))
	npsB, seB := adjustedNPS(float64(b.Promoters), float64(b.Passives), float64(b.Detractors), float64(nb))
	se := 100 * math.Hypot(seA, seB)
	adj := 100 * (npsB - npsA)
	zs := adj / se
	z := normalTwoSided(confidence)
	return Comparison{
		Diff:     percentOf(b.Promoters-b.Detractors, nb) - percentOf(a.Promoters-a.Detractors, na),
		StdErr:   se,
		Z:        zs,
		P:        normalTwoSidedP(zs),
		Interval: clampInterval(adj-z*se, adj+z*se, adj, -200, 200),
		Center:   adj,
	}, nil
}

// NPSSampleSize returns the number of answers needed for the NPS interval
// to have a margin of error (half-width) of at most margin points at the
// given confidence, when the survey is expected to find promoters percent
// promoters and detractors percent detractors:
//
//	n = ⌈z² × (p + d − (p − d)²) / (margin / 100)²⌉,  z = Φ⁻¹((1 + confidence) / 2)
//
// with p and d the expected shares (0 to 1). When nothing is known,
// promoters = detractors = 50 gives the largest variance, 1, and so a
// sample size that is always enough. The result is at least 1. It is
// the usual planning formula for a Wald interval (Cochran, Sampling
// Techniques, 1977), with the NPS variance of Rocks (2016); the
// adjusted-Wald interval of [NPSResult.Interval] needs about 3 fewer.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN          ErrInvalidArgument
//	margin not in (0, 200] or NaN             ErrInvalidArgument
//	promoters, detractors or their sum
//	outside 0-100, or NaN                     ErrOutOfRange
//	a size past int64                         ErrOverflow
func NPSSampleSize(promoters, detractors, margin, confidence float64) (int64, error) {
	if err := checkConfidence(confidence); err != nil {
		return 0, err
	}
	if !(margin > 0 && margin <= 200) {
		return 0, fmt.Errorf("%w: margin %v points outside (0, 200]", ErrInvalidArgument, margin)
	}
	if !(promoters >= 0 && detractors >= 0 && promoters+detractors <= 100) {
		return 0, fmt.Errorf("%w: %v%% promoters and %v%% detractors (each 0-100, sum at most 100)",
			ErrOutOfRange, promoters, detractors)
	}
	p, d := promoters/100, detractors/100
	v := p*(1-p) + d*(1-d) + 2*p*d // p + d − (p − d)², without cancellation
	return sampleSize(v, margin, confidence)
}

// sampleSize returns ⌈(100 z √v / margin)²⌉, at least 1, the sample
// size for variance v (on the 0..1 scale) and a margin in points. It is
// written so that nothing underflows or overflows before the result does:
// a variance of 0 needs 1 answer whatever the margin, and a size past
// int64 is ErrOverflow with the limit, not an infinity, in the message.
func sampleSize(v, margin, confidence float64) (int64, error) {
	if v == 0 {
		return 1, nil
	}
	z := normalTwoSided(confidence)
	r := 100 * z * math.Sqrt(v) / margin
	n := math.Ceil(r * r)
	if !(n < math.MaxInt64) {
		return 0, fmt.Errorf("%w: more than %d answers needed for a margin of %v points at confidence %v",
			ErrOverflow, int64(math.MaxInt64), margin, confidence)
	}
	return max(int64(n), 1), nil
}

// ---- CSAT ----

// checkCSAT returns an error unless r's counts can be those of a survey.
func checkCSAT(r CSATResult) error {
	switch {
	case r.Satisfied < 0 || r.Total < 0:
		return fmt.Errorf("%w: %d satisfied of %d", ErrNegative, r.Satisfied, r.Total)
	case r.Total == 0:
		return fmt.Errorf("%w: CSAT of no answers", ErrNoResponses)
	case r.Satisfied > r.Total:
		return fmt.Errorf("%w: %d satisfied of %d answers", ErrInconsistent, r.Satisfied, r.Total)
	}
	return nil
}

// wilson returns the Wilson score interval for x successes in n trials,
// on the 0..1 scale, with z the two-sided normal quantile.
func wilson(x, n, z float64) (lo, hi float64) {
	p := x / n
	z2 := z * z
	den := 1 + z2/n
	centre := (p + z2/(2*n)) / den
	half := z / den * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	iv := clampInterval(centre-half, centre+half, p, 0, 1)
	return iv.Lo, iv.Hi
}

// Interval returns the Wilson score confidence interval for the CSAT, in
// percent, at the given two-sided confidence (0.95 for 95%):
//
//	p = Satisfied / Total,  n = Total,  z = Φ⁻¹((1 + confidence) / 2)
//	centre = (p + z²/2n) / (1 + z²/n)
//	half   = z / (1 + z²/n) × sqrt(p(1 − p)/n + z²/4n²)
//	interval = 100 × (centre ± half)
//
// It lies within [0, 100] and always contains Score, also when every
// answer or none is satisfied, where the textbook Wald interval collapses
// to a point. Source: Wilson, "Probable Inference, the Law of Succession,
// and Statistical Inference", JASA 22, 1927; recommended by Agresti and
// Coull, The American Statistician 52, 1998, and by Brown, Cai and
// DasGupta, Statistical Science 16, 2001. It is R's
// binom.confint(method = "wilson") and prop.test(correct = FALSE).
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	a negative count                   ErrNegative
//	Total zero                         ErrNoResponses
//	Satisfied above Total              ErrInconsistent
func (r CSATResult) Interval(confidence float64) (Interval, error) {
	if err := checkConfidence(confidence); err != nil {
		return Interval{}, err
	}
	if err := checkCSAT(r); err != nil {
		return Interval{}, err
	}
	lo, hi := wilson(float64(r.Satisfied), float64(r.Total), normalTwoSided(confidence))
	return Interval{Lo: 100 * lo, Hi: 100 * hi}, nil
}

// CompareCSAT tests whether the CSAT of b differs from that of a, two
// independent samples, by the two-proportion z test, and gives Newcombe's
// hybrid score interval for the difference:
//
//	Diff   = 100 × (pb − pa)
//	pooled = (Satisfied a + Satisfied b) / (Total a + Total b)
//	StdErr = 100 × sqrt(pooled (1 − pooled) (1/na + 1/nb))
//	Z      = Diff / StdErr,  P = 2 × (1 − Φ(|Z|))
//	Interval = Diff − 100 × sqrt((pb − lb)² + (ua − pa)²)
//	       to  Diff + 100 × sqrt((ub − pb)² + (pa − la)²)
//
// where [la, ua] and [lb, ub] are the Wilson intervals of a and b (see
// [CSATResult.Interval]). StdErr is the standard error under the
// hypothesis of no difference, the one the test uses; Z² is Pearson's
// chi-squared without continuity correction, R's
// prop.test(correct = FALSE). When StdErr is 0 both samples are all
// satisfied or all not, Diff is 0, and Z is 0 with P = 1. The interval
// lies within [-100, 100] and contains Diff. Sources: Fleiss, Levin and
// Paik, Statistical Methods for Rates and Proportions, 3rd ed., 2003
// (the z test); Newcombe, "Interval Estimation for the Difference Between
// Independent Proportions", Statistics in Medicine 17, 1998, method 10.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	a negative count                   ErrNegative
//	a or b with no answers             ErrNoResponses
//	Satisfied above Total              ErrInconsistent
//	a total past int64                 ErrOverflow
func CompareCSAT(a, b CSATResult, confidence float64) (Comparison, error) {
	if err := checkConfidence(confidence); err != nil {
		return Comparison{}, err
	}
	if err := checkCSAT(a); err != nil {
		return Comparison{}, fmt.Errorf("a: %w", err)
	}
	if err := checkCSAT(b); err != nil {
		return Comparison{}, fmt.Errorf("b: %w", err)
	}
	if a.Total > math.MaxInt64-b.Total {
		return Comparison{}, fmt.Errorf("%w: %d + %d answers", ErrOverflow, a.Total, b.Total)
	}
	na, nb := float64(a.Total), float64(b.Total)
	pa, pb := float64(a.Satisfied)/na, float64(b.Satisfied)/nb
	pooled := float64(a.Satisfied+b.Satisfied) / float64(a.Total+b.Total)
	se := 100 * math.Sqrt(math.Max(pooled*(1-pooled), 0)*(1/na+1/nb))
	diff := 100 * (pb - pa)
	var zs float64
	if se > 0 {
		zs = diff / se
	}
	z := normalTwoSided(confidence)
	la, ua := wilson(float64(a.Satisfied), na, z)
	lb, ub := wilson(float64(b.Satisfied), nb, z)
	lo := diff - 100*math.Hypot(pb-lb, ua-pa)
	hi := diff + 100*math.Hypot(ub-pb, pa-la)
	return Comparison{
		Diff:     diff,
		StdErr:   se,
		Z:        zs,
		P:        normalTwoSidedP(zs),
		Interval: clampInterval(lo, hi, diff, -100, 100),
		Center:   diff,
	}, nil
}

// CSATSampleSize returns the number of answers needed for a CSAT interval
// to have a margin of error (half-width) of at most margin percentage
// points at the given confidence, when the CSAT is expected to be near
// expected percent:
//
//	n = ⌈z² × p (1 − p) / (margin / 100)²⌉,  p = expected / 100
//
// When nothing is known, expected = 50 gives the largest variance and so
// a size that is always enough. The result is at least 1. Source: Cochran,
// Sampling Techniques, 3rd ed., 1977, (4.2); the Wilson interval of
// [CSATResult.Interval] is never wider than this margin at p = 50.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN   ErrInvalidArgument
//	margin not in (0, 100] or NaN      ErrInvalidArgument
//	expected outside 0-100 or NaN      ErrOutOfRange
//	a size past int64                  ErrOverflow
func CSATSampleSize(expected, margin, confidence float64) (int64, error) {
	if err := checkConfidence(confidence); err != nil {
		return 0, err
	}
	if !(margin > 0 && margin <= 100) {
		return 0, fmt.Errorf("%w: margin %v points outside (0, 100]", ErrInvalidArgument, margin)
	}
	if !(expected >= 0 && expected <= 100) {
		return 0, fmt.Errorf("%w: expected CSAT %v%% outside 0-100", ErrOutOfRange, expected)
	}
	p := expected / 100
	return sampleSize(p*(1-p), margin, confidence)
}

// ---- CES ----

// sumSquaredDeviations returns Σ count × (answer − mean)² over the survey,
// computed exactly in integers up to one final rounding. With offsets i
// from the scale's Min, S = Σ c·i and M = Σ c·i² (both 128-bit), and
// S = q·n + r with 0 <= r < n,
//
//	Σ c (i − S/n)² = M − q²n − 2qr − r²/n
//
// and with r² = Q·n + R, 0 <= R < n, that is K − R/n for the integer
// K = M − q²n − 2qr − Q. When R > 0, K >= 1 and the sum is
// (K − 1) + (n − R)/n, two non-negative terms, so no cancellation can
// occur however close the answers are. s must have answers.
func sumSquaredDeviations(s *Survey) float64 {
	var sHi, sLo, mHi, mLo uint64
	for i, c := range s.counts {
		h, l := bits.Mul64(uint64(i), uint64(c))
		var carry uint64
		sLo, carry = bits.Add64(sLo, l, 0)
		sHi += h + carry
		// i² <= 1000² and c < 2⁶³, so i²·c < 2⁸³ and M fits in 128 bits.
		h, l = bits.Mul64(uint64(i*i), uint64(c))
		mLo, carry = bits.Add64(mLo, l, 0)
		mHi += h + carry
	}
	n := uint64(s.total)
	q, r := bits.Div64(sHi, sLo, n) // S/n < points, so sHi < n
	// K = M − q²·n − 2·q·r − Q, each product below 2¹²⁸.
	kHi, kLo := mHi, mLo
	sub := func(h, l uint64) {
		var borrow uint64
		kLo, borrow = bits.Sub64(kLo, l, 0)
		kHi, _ = bits.Sub64(kHi, h, borrow)
	}
	sub(bits.Mul64(q*q, n))
	sub(bits.Mul64(2*q, r))
	rh, rl := bits.Mul64(r, r)
	bigQ, bigR := bits.Div64(rh, rl, n) // r² / n < r < n
	sub(0, bigQ)
	if bigR == 0 {
		return u128ToFloat(kHi, kLo)
	}
	sub(0, 1)
	return u128ToFloat(kHi, kLo) + float64(n-bigR)/float64(n)
}

// u128ToFloat returns hi·2⁶⁴ + lo as a float64.
func u128ToFloat(hi, lo uint64) float64 {
	return float64(hi)*(1<<64) + float64(lo)
}

// checkCES returns an error unless r holds what a t interval needs.
func checkCES(r CESResult) error {
	switch {
	case r.Total < 0:
		return fmt.Errorf("%w: %d answers", ErrNegative, r.Total)
	case r.Total < 2:
		return fmt.Errorf("%w: a CES interval needs at least 2 answers, have %d", ErrNoResponses, r.Total)
	}
	if err := r.Scale.Validate(); err != nil {
		return err
	}
	if !(r.Mean >= float64(r.Scale.Min) && r.Mean <= float64(r.Scale.Max)) {
		return fmt.Errorf("%w: mean %v on scale %v", ErrOutOfRange, r.Mean, r.Scale)
	}
	if !(r.StdDev >= 0 && r.StdDev <= float64(r.Scale.Max-r.Scale.Min)) {
		return fmt.Errorf("%w: standard deviation %v on scale %v", ErrInvalidArgument, r.StdDev, r.Scale)
	}
	return nil
}

// Interval returns the Student's t confidence interval for the mean CES
// answer, on the survey's own scale, at the given two-sided confidence
// (0.95 for 95%):
//
//	interval = Mean ± t × StdDev / sqrt(n),  t = T⁻¹ₙ₋₁((1 + confidence) / 2)
//
// where T⁻¹ₙ₋₁ is the quantile of Student's t distribution with n − 1
// degrees of freedom, clamped to the scale's [Min, Max]. The t quantile,
// not the normal one, keeps the coverage right in the small samples CES
// often has: at n = 5 the 95% t quantile is 2.776, not 1.960. When every
// answer is the same, StdDev is 0 and the interval is the point Mean.
// Source: "Student" (Gosset), "The Probable Error of a Mean", Biometrika
// 6, 1908; the quantile is computed from the regularized incomplete beta
// function (Numerical Recipes, 3rd ed., 2007, §6.4 and §6.14) to within
// 1e-9.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN          ErrInvalidArgument
//	Total negative                            ErrNegative
//	Total 0 or 1 (no variance from one answer) ErrNoResponses
//	Scale not valid                           ErrInvalidScale
//	Mean outside the scale, or NaN            ErrOutOfRange
//	StdDev negative, NaN or past the scale    ErrInvalidArgument
func (r CESResult) Interval(confidence float64) (Interval, error) {
	if err := checkConfidence(confidence); err != nil {
		return Interval{}, err
	}
	if err := checkCES(r); err != nil {
		return Interval{}, err
	}
	n := float64(r.Total)
	t := tQuantileTwoSided(confidence, n-1)
	half := t * r.StdDev / math.Sqrt(n)
	return clampInterval(r.Mean-half, r.Mean+half, r.Mean, float64(r.Scale.Min), float64(r.Scale.Max)), nil
}

// CESComparison is the result of [CompareCES]: a [Comparison] whose Z
// field holds Welch's t statistic, with the Welch–Satterthwaite degrees of
// freedom the p-value and interval were computed with.
//
// A CESComparison is a plain value; it is safe for concurrent use.
type CESComparison struct {
	Comparison
	DF float64 // Welch–Satterthwaite degrees of freedom, at least min(na, nb) − 1
}

// CompareCES tests whether the mean CES answer of b differs from that of
// a, two independent samples on the same scale, by Welch's t test:
//
//	va = sa² / na,  vb = sb² / nb
//	Diff   = Mean b − Mean a
//	StdErr = sqrt(va + vb)
//	Z      = Diff / StdErr   (Welch's t statistic, not a z)
//	DF     = (va + vb)² / (va² / (na − 1) + vb² / (nb − 1))
//	P      = 2 × (1 − Tdf(|Z|))
//	Interval = Diff ± T⁻¹df((1 + confidence) / 2) × StdErr
//
// clamped to ±(Max − Min) of the scale. Welch's test does not assume the
// two samples have the same variance, and is R's default t.test. When
// both standard deviations are 0 and the means are equal, Z is 0 and P 1.
// Sources: Welch, "The Generalization of 'Student's' Problem when Several
// Different Population Variances are Involved", Biometrika 34, 1947;
// Satterthwaite, Biometrics Bulletin 2, 1946.
//
// StdErr and DF are computed in the scale-free forms
//
//	StdErr = hypot(sa / √na, sb / √nb)
//	DF     = 1 / (ra⁴ / (na − 1) + rb⁴ / (nb − 1)),  ra = (sa / √na) / StdErr, rb likewise
//
// so that no square of a small standard deviation underflows: the
// textbook forms give DF = 0/0 = NaN for standard deviations near 1e-160.
//
// Compare results of the same Direction: the mean keeps the direction of
// its scale, and this function cannot tell.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN            ErrInvalidArgument
//	a or b with a negative Total                ErrNegative
//	a or b with fewer than 2 answers            ErrNoResponses
//	a or b with a Scale that is not valid       ErrInvalidScale
//	a or b with its Mean outside its Scale,
//	or NaN                                      ErrOutOfRange
//	a or b with its StdDev negative, NaN or
//	past the width of its Scale                 ErrInvalidArgument
//	a and b on different scales                 ErrScaleMismatch
//	both StdDev 0 with different means (no
//	variance to test against), or StdDevs so
//	small that Z is past float64                ErrInvalidArgument
func CompareCES(a, b CESResult, confidence float64) (CESComparison, error) {
	if err := checkConfidence(confidence); err != nil {
		return CESComparison{}, err
	}
	if err := checkCES(a); err != nil {
		return CESComparison{}, fmt.Errorf("a: %w", err)
	}
	if err := checkCES(b); err != nil {
		return CESComparison{}, fmt.Errorf("b: %w", err)
	}
	if a.Scale != b.Scale {
		return CESComparison{}, fmt.Errorf("%w: comparing CES on %v with CES on %v", ErrScaleMismatch, a.Scale, b.Scale)
	}
	na, nb := float64(a.Total), float64(b.Total)
	ea, eb := a.StdDev/math.Sqrt(na), b.StdDev/math.Sqrt(nb) // standard errors of the means
	se := math.Hypot(ea, eb)
	diff := b.Mean - a.Mean + 0 // + 0: means of −0 and 0 differ by 0, not −0
	width := float64(a.Scale.Max - a.Scale.Min)
	if se == 0 {
		if diff != 0 {
			return CESComparison{}, fmt.Errorf("%w: means %v and %v with standard deviations %v and %v, no variance to test against",
				ErrInvalidArgument, a.Mean, b.Mean, a.StdDev, b.StdDev)
		}
		return CESComparison{Comparison: Comparison{P: 1}, DF: na + nb - 2}, nil
	}
	ts := diff / se
	if math.IsInf(ts, 0) {
		return CESComparison{}, fmt.Errorf("%w: means %v and %v with standard deviations %v and %v, t statistic past float64",
			ErrInvalidArgument, a.Mean, b.Mean, a.StdDev, b.StdDev)
	}
	ra, rb := ea/se, eb/se // ra² + rb² = 1
	df := 1 / (ra*ra*ra*ra/(na-1) + rb*rb*rb*rb/(nb-1))
	half := tQuantileTwoSided(confidence, df) * se
	return CESComparison{
		Comparison: Comparison{
			Diff:     diff,
			StdErr:   se,
			Z:        ts,
			P:        tTwoSidedP(ts, df),
			Interval: clampInterval(diff-half, diff+half, diff, -width, width),
			Center:   diff,
		},
		DF: df,
	}, nil
}

// ---- distributions ----

// normalTwoSided returns z such that P(|Z| <= z) = c for a standard normal
// Z, that is Φ⁻¹((1 + c) / 2) = √2 · erf⁻¹(c), with no cancellation for c
// near 1. c must be in (0, 1).
func normalTwoSided(c float64) float64 { return math.Sqrt2 * math.Erfinv(c) }

// normalTwoSidedP returns P(|Z| >= |z|) = 2(1 − Φ(|z|)) = erfc(|z|/√2),
// accurate in the far tail.
func normalTwoSidedP(z float64) float64 { return math.Erfc(math.Abs(z) / math.Sqrt2) }

// tTwoSidedP returns P(|T| >= |t|) for Student's t with df > 0 degrees of
// freedom:
//
//	P = I_x(df/2, 1/2),  x = df / (df + t²)
//
// with I the regularized incomplete beta function (Abramowitz and Stegun
// 26.7.1 and 26.5.27).
func tTwoSidedP(t, df float64) float64 {
	t = math.Abs(t)
	if t == 0 {
		return 1
	}
	if math.IsInf(t, 1) {
		return 0
	}
	t2 := t * t
	if math.IsInf(t2, 1) {
		return 0
	}
	if df > largeDF {
		return normalTwoSidedP(tToNormal(t, df))
	}
	// x = df/(df+t²) and y = 1 − x = t²/(df+t²), each without cancellation;
	// log x = −log1p(t²/df).
	y := t2 / (df + t2)
	x := df / (df + t2)
	logX := -math.Log1p(t2 / df)
	return regIncBetaHalf(df/2, x, y, logX, math.Log(y))
}

// largeDF is the number of degrees of freedom above which the t
// distribution is computed from the normal one, by [tToNormal]. Up to it
// the continued fraction converges within its iteration limit.
const largeDF = 1e7

// tToNormal maps t with df degrees of freedom to the normal deviate of
// about the same tail probability (Abramowitz and Stegun 26.7.8):
//
//	z = t (1 − 1/(4 df)) / sqrt(1 + t²/(2 df))
//
// For df > largeDF the two-sided tail probability it gives has a relative
// error below 1e-9 wherever that probability exceeds 1e-15.
func tToNormal(t, df float64) float64 {
	return t * (1 - 1/(4*df)) / math.Sqrt(1+t*t/(2*df))
}

// regIncBetaHalf returns the regularized incomplete beta function
// I_x(a, 1/2), given x, y = 1 − x and their logarithms computed by the
// caller without cancellation. It evaluates the continued fraction of
// Numerical Recipes (3rd ed., §6.4) by the modified Lentz method, on
// I_x(a, b) directly when x < (a + 1)/(a + b + 2) and on
// 1 − I_y(b, a) otherwise, where the fraction converges fast.
func regIncBetaHalf(a, x, y, logX, logY float64) float64 {
	const b = 0.5
	// front = x^a y^b / B(a, b)
	front := math.Exp(a*logX + b*logY - logBetaHalf(a))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, y)/b
}

// logBetaHalf returns log B(a, 1/2) = log Γ(a) + log Γ(1/2) − log Γ(a + 1/2).
// For large a the difference log Γ(a + 1/2) − log Γ(a) is taken from
// Stirling's series term by term, so that it keeps its full relative
// precision instead of losing digits to the cancellation of two large
// lgamma values.
func logBetaHalf(a float64) float64 {
	const logSqrtPi = 0.57236494292470008707171367567652935582 // log Γ(1/2)
	if a < 20 {
		la, _ := math.Lgamma(a)
		lab, _ := math.Lgamma(a + 0.5)
		return la + logSqrtPi - lab
	}
	// log Γ(z) = (z − ½) log z − z + ½ log 2π + σ(z), σ the Stirling
	// series, so log Γ(a+½) − log Γ(a) = ½ log a + a·log1p(1/(2a)) − ½ + σ(a+½) − σ(a).
	d := 0.5*math.Log(a) + (a*math.Log1p(0.5/a) - 0.5) + stirlingSeries(a+0.5) - stirlingSeries(a)
	return logSqrtPi - d
}

// stirlingSeries returns the tail of Stirling's series for log Γ(z),
// 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹), whose
// truncation error is below 1e-17 for z >= 20.
func stirlingSeries(z float64) float64 {
	w := 1 / (z * z)
	return (1.0/12 + w*(-1.0/360+w*(1.0/1260+w*(-1.0/1680+w*(1.0/1188))))) / z
}

// betaCF evaluates the continued fraction for the incomplete beta function
// by the modified Lentz method (Numerical Recipes, 3rd ed., §5.2 and §6.4).
func betaCF(a, b, x float64) float64 {
	const (
		eps   = 1e-16
		tiny  = 1e-300
		iters = 100000
	)
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	d := 1 - qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= iters; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) <= eps {
			break
		}
	}
	return h
}

// tDensity returns the density of Student's t with df degrees of freedom
// at t: (1 + t²/df)^(−(df+1)/2) / (√df · B(df/2, 1/2)).
func tDensity(t, df float64) float64 {
	return math.Exp(-(df+1)/2*math.Log1p(t*t/df) - logBetaHalf(df/2) - 0.5*math.Log(df))
}

// tQuantileTwoSided returns t such that P(|T| <= t) = c for Student's t
// with df > 0 degrees of freedom, the (1 + c)/2 quantile. It has closed
// forms for df = 1 and 2, accurate to a few ulps for every c in (0, 1),
// and otherwise solves tTwoSidedP(t) = 1 − c by Newton's method on log P
// as a function of log t, safeguarded by bisection, from the
// Cornish–Fisher expansion of Abramowitz and Stegun 26.7.5; that is
// accurate to 1e-9 relative for c >= 1e-6, and below it 1 − c rounds, so
// the relative error grows to about 1e-16 / c (a quantile near 0 either
// way, and never NaN). c must be in (0, 1).
func tQuantileTwoSided(c, df float64) float64 {
	alpha := 1 - c // exact for c >= ½
	switch df {
	case 1:
		// P(|T| <= t) = (2/π) atan t, so t = tan(πc/2) = 1/tan(πα/2).
		// The first is accurate for small c, the second near c = 1, where
		// πc/2 is close to the pole and α is exact.
		if c <= 0.5 {
			return math.Tan(math.Pi / 2 * c)
		}
		return 1 / math.Tan(math.Pi/2*alpha)
	case 2:
		// P(|T| <= t) = t / sqrt(2 + t²), so t = c sqrt(2 / ((1 − c)(1 + c))),
		// with α exact near c = 1 and close to 1 for small c.
		return c * math.Sqrt(2/(alpha*(1+c)))
	}
	z := normalTwoSided(c)
	if df > largeDF {
		// The inverse of tToNormal.
		k := 1 - 1/(4*df)
		return z / math.Sqrt(k*k-z*z/(2*df))
	}
	t, _ := tQuantileNewton(alpha, df, cornishFisherT(z, df))
	return t
}

// cornishFisherT returns the Cornish–Fisher expansion of the t quantile
// with df degrees of freedom in terms of the normal quantile z
// (Abramowitz and Stegun 26.7.5), to the term in 1/df⁴:
//
//	t ≈ z + g₁(z)/df + g₂(z)/df² + g₃(z)/df³ + g₄(z)/df⁴
//	g₁ = (z³ + z)/4
//	g₂ = (5z⁵ + 16z³ + 3z)/96
//	g₃ = (3z⁷ + 19z⁵ + 17z³ − 15z)/384
//	g₄ = (79z⁹ + 776z⁷ + 1482z⁵ − 1920z³ − 945z)/92160
//
// It is the starting point of [tQuantileNewton]: the closer it is, the
// fewer steps the solver takes.
func cornishFisherT(z, df float64) float64 {
	z2 := z * z
	g1 := (z2 + 1) * z / 4
	g2 := ((5*z2+16)*z2 + 3) * z / 96
	g3 := (((3*z2+19)*z2+17)*z2 - 15) * z / 384
	g4 := ((((79*z2+776)*z2+1482)*z2-1920)*z2 - 945) * z / 92160
	return z + (g1+(g2+(g3+g4/df)/df)/df)/df
}

// tQuantileNewton returns t > 0 such that tTwoSidedP(t, df) = alpha,
// starting from t0, and the number of Newton steps it took. It runs
// Newton's method on f(u) = log P(eᵘ) − log α, which is nearly linear in
// u = log t, and keeps the root bracketed: a step that leaves the bracket,
// or that would more than double |u| (far from the root the p-value is 0
// or 1 to double precision and the step means nothing), is replaced by a
// bisection or, while one side of the bracket is still open, by a step to
// t = 1 or, from there, by 1 in u. A start t0 that is not a positive
// finite number is replaced by 1.
func tQuantileNewton(alpha, df, t0 float64) (t float64, steps int) {
	if !(t0 > 0) || math.IsInf(t0, 0) {
		t0 = 1
	}
	logAlpha := math.Log(alpha)
	// f(u) = log P(e^u) − log α decreases in u. Bracket the root.
	u := math.Log(t0)
	lo, hi := math.Inf(-1), math.Inf(1)
	for steps = 1; steps <= 200; steps++ {
		t := math.Exp(u)
		p := tTwoSidedP(t, df)
		f := math.Log(p) - logAlpha
		if f > 0 {
			lo = u
		} else {
			hi = u
		}
		if f == 0 {
			return t, steps
		}
		// f'(u) = −2 t density(t) / P.
		fp := -2 * t * tDensity(t, df) / p
		next := u - f/fp
		// Newton converges quadratically: the error after a step of δ is
		// of the order of δ², below 1e-17 once δ is below 1e-9, and u is
		// log t, so that is t's relative error.
		if math.Abs(next-u) <= 1e-9 {
			return math.Exp(next), steps
		}
		switch {
		case next > lo && next < hi && math.Abs(next-u) <= max(1, math.Abs(u)): // take the Newton step
		case math.IsInf(hi, 1):
			next = u + max(1, -u) // to t = 1, or by 1 in log t past it
		case math.IsInf(lo, -1):
			next = u - max(1, u)
		default:
			next = (lo + hi) / 2
			if hi-lo <= 1e-15*math.Max(1, math.Abs(u)) {
				return math.Exp(next), steps
			}
		}
		u = next
	}
	return math.Exp(u), steps - 1
}
