package cxmetrics

import (
	"fmt"
	"math"
	"sort"
)

// SurvivalCurve is a Kaplan–Meier estimate of the survival function
// S(t), the probability that a customer is still a customer at age t,
// from lifetimes some of which are right-censored: a customer who was
// still paying when observation ended counts as at risk up to their
// duration and no further, instead of being dropped (which biases the
// curve down) or counted as staying forever (which biases it up).
//
// S(t) is a probability, so a fraction from 0 to 1 (see the package's
// units). The curve is a step function: it is 1 before the first step,
// and Steps[i].Survival from Steps[i].Time up to the next step. It is
// known up to MaxDuration, the largest duration observed.
//
// A SurvivalCurve's methods only read it, so they are safe for concurrent
// use; a goroutine that changes its Steps must not run beside them.
type SurvivalCurve struct {
	Steps       []SurvivalStep // one per distinct duration at which someone churned, in increasing order
	Subjects    int64          // lifetimes in the estimate
	Churned     int64          // of them, those that ended in churn (the rest are censored)
	MaxDuration float64        // the largest duration, churned or censored
	Confidence  float64        // the confidence of every Interval, a fraction such as 0.95
}

// SurvivalStep is one step of a [SurvivalCurve], at a duration at which
// someone churned.
//
// A SurvivalStep is a plain value; it is safe for concurrent use.
type SurvivalStep struct {
	Time     float64  // the duration at which the step falls
	AtRisk   int64    // subjects whose duration is Time or more: still customers just before Time
	Churned  int64    // subjects who churned at Time
	Survival float64  // S(Time), a fraction in [0, 1]
	StdErr   float64  // Greenwood's standard error of Survival, a fraction
	Interval Interval // log-log confidence interval of Survival, within [0, 1]
}

// KaplanMeier returns the Kaplan–Meier estimate of the survival function
// of lifetimes, with Greenwood's standard errors and log-log confidence
// intervals at confidence (a fraction such as 0.95). It is
// [KaplanMeierCounts] of [CountLifetimes](lifetimes), and has the special
// cases of both.
func KaplanMeier(lifetimes []Lifetime, confidence float64) (SurvivalCurve, error) {
	if err := checkConfidence(confidence); err != nil {
		return SurvivalCurve{}, err
	}
	rows, err := CountLifetimes(lifetimes)
	if err != nil {
		return SurvivalCurve{}, err
	}
	return kaplanMeier(lifeTable{rows: rows, subjects: int64(len(lifetimes)), churned: churnedOf(rows)}, confidence), nil
}

// churnedOf returns the churned lifetimes of rows, which CountLifetimes
// built from at most math.MaxInt lifetimes, so that the sum fits.
func churnedOf(rows []LifetimeCount) int64 {
	var n int64
	for _, r := range rows {
		n += r.Churned
	}
	return n
}

// KaplanMeierCounts returns the Kaplan–Meier estimate (Kaplan and Meier
// 1958) of the survival function of the lifetimes that rows count, in any
// order (rows of one duration add up). With nᵢ the subjects at risk at
// the i-th distinct duration tᵢ at which dᵢ > 0 of them churned:
//
//	S(t)      = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ)
//	SE(S(t))  = S(t) √(Σ_{tᵢ ≤ t} dᵢ / (nᵢ (nᵢ − dᵢ)))          (Greenwood 1926)
//	interval  = S(t)^exp(± z σ(t) / log S(t)),  σ(t) = SE(S(t)) / S(t)
//
// The interval is the log-log one (Kalbfleisch and Prentice 1980), which
// lies within [0, 1] by construction, with z the two-sided normal
// quantile of confidence; it is R's survfit(conf.type = "log-log").
// Subjects censored at a duration at which others churned count as at
// risk at it: the churns come first, the standard convention.
//
// Special cases are:
//
//	confidence outside (0, 1)                   ErrInvalidArgument
//	a Duration NaN or infinite                  ErrInvalidArgument
//	a Duration or a count < 0                   ErrNegative
//	the counts' sum past int64                  ErrOverflow
//	no lifetimes (rows empty or all counts 0)   ErrNoResponses (and ErrUndefined)
//	nobody churned                              a curve with no Steps: S(t) = 1 up to MaxDuration
//	S falls to 0 (all at risk churn at once)    that step's StdErr is 0 and its
//	                                            Interval [0, 0]: the log-log interval
//	                                            does not exist at 0 (R gives NA)
//
// The error names the row, rows[i]. Time and memory are linear in the
// rows, after a sort if they are not in order of duration.
func KaplanMeierCounts(rows []LifetimeCount, confidence float64) (SurvivalCurve, error) {
	if err := checkConfidence(confidence); err != nil {
		return SurvivalCurve{}, err
	}
	t, err := tableOf("rows", rows)
	if err != nil {
		return SurvivalCurve{}, err
	}
	return kaplanMeier(t, confidence), nil
}

// kaplanMeier computes the curve of a checked life table.
func kaplanMeier(t lifeTable, confidence float64) SurvivalCurve {
	c := SurvivalCurve{Subjects: t.subjects, Churned: t.churned, Confidence: confidence,
		MaxDuration: t.rows[len(t.rows)-1].Duration}
	events := 0
	for _, r := range t.rows {
		if r.Churned > 0 {
			events++
		}
	}
	c.Steps = make([]SurvivalStep, 0, events)
	z := normalTwoSided(confidence)
	// S is the product, as R's survfit takes it; log S is summed from
	// log1p so that it is not 0 where S rounds to 1 (a step of one churn
	// among more than 2⁵³ at risk).
	s, logS, greenwood := 1.0, 0.0, 0.0
	atRisk := t.subjects
	for _, r := range t.rows {
		if r.Churned > 0 {
			st := SurvivalStep{Time: r.Duration, AtRisk: atRisk, Churned: r.Churned}
			if r.Churned == atRisk {
				s = 0
			} else {
				// Past 2⁵³ at risk, n − d is taken from the exact count:
				// in float64 it rounds to 0 where n and d differ by less
				// than their rounding, which made S a silent 0 and its
				// standard error NaN. Below, it is exact either way.
				n, d, left := float64(atRisk), float64(r.Churned), float64(atRisk-r.Churned)
				if atRisk <= 1<<53 || d <= left {
					s *= 1 - d/n
					logS += math.Log1p(-d / n)
				} else {
					s *= left / n
					logS += math.Log(left / n)
				}
				greenwood += d / (n * left)
				st.Survival = s
				st.StdErr = s * math.Sqrt(greenwood)
				st.Interval = logLogInterval(s, logS, math.Sqrt(greenwood), z)
			}
			c.Steps = append(c.Steps, st)
		}
		atRisk -= r.Churned + r.Censored
	}
	return c
}

// logLogInterval returns the log-log interval of a survival s in (0, 1)
// whose logarithm is logS < 0 and the standard error of whose cumulative
// hazard −log s is sigma:
//
//	exp(−exp(log(−log s) ± z σ / log s)) = s^exp(∓ z σ / log s)
//
// Where the exponent overflows the limits are 0 and 1, as they tend to.
func logLogInterval(s, logS, sigma, z float64) Interval {
	k := z * sigma / -logS
	lo := math.Exp(logS * math.Exp(k))
	hi := math.Exp(logS * math.Exp(-k))
	return clampInterval(lo, hi, s, 0, 1)
}

// At returns the step of the curve in force at age t: the last step at or
// before t, whose Survival is S(t) with its standard error and interval.
// Before the first step it returns a step at Time 0 with every subject at
// risk, no churn, Survival 1, StdErr 0 and Interval [1, 1]. As R's
// summary(fit, times = t), but that the step's own AtRisk and Churned
// are given.
//
// Special cases are:
//
//	t NaN or infinite                        ErrInvalidArgument
//	t < 0                                    ErrNegative
//	t > MaxDuration, S(MaxDuration) > 0      ErrOutOfRange (and ErrUndefined): the
//	                                         curve is not known past the data
func (c SurvivalCurve) At(t float64) (SurvivalStep, error) {
	switch {
	case math.IsNaN(t) || math.IsInf(t, 0):
		return SurvivalStep{}, fmt.Errorf("%w: age %v", ErrInvalidArgument, t)
	case t < 0:
		return SurvivalStep{}, fmt.Errorf("%w: age %v", ErrNegative, t)
	}
	i := sort.Search(len(c.Steps), func(i int) bool { return c.Steps[i].Time > t }) - 1
	if t > c.MaxDuration && !(i >= 0 && c.Steps[i].Survival == 0) {
		return SurvivalStep{}, fmt.Errorf("%w: age %v is past the longest lifetime observed, %v",
			errBeyondData, t, c.MaxDuration)
	}
	if i < 0 {
		return SurvivalStep{AtRisk: c.Subjects, Survival: 1, Interval: Interval{Lo: 1, Hi: 1}}, nil
	}
	return c.Steps[i], nil
}

// errBeyondData is the error of a figure asked of a curve past the data
// it was estimated from: out of range, and a figure that does not exist.
var errBeyondData error = &kind{"cxmetrics: out of range", []error{ErrOutOfRange, ErrUndefined}}

// MedianLifetime is the median of a [SurvivalCurve] with its confidence
// limits, in the unit of the lifetimes.
//
// A limit the data do not reach is not a number that could be mistaken
// for one: its flag is false, and it holds the bound it is known to pass.
// An upper limit not reached (R's NA, common with few churns) is given as
// the curve's MaxDuration, which it lies beyond; a lower limit not reached
// (only when S falls from above 0.5 straight to 0) as the Median.
//
// A MedianLifetime is a plain value; it is safe for concurrent use.
type MedianLifetime struct {
	Median    float64  // the median lifetime: the first age at which S ≤ 0.5
	Interval  Interval // confidence limits of the median, Lo ≤ Median ≤ Hi
	LoReached bool     // false: the lower confidence curve never falls to 0.5
	HiReached bool     // false: the upper confidence curve never falls to 0.5 (Hi is MaxDuration)
}

// Median returns the median lifetime: the first age t at which S(t) ≤ 0.5,
// with the confidence interval of Brookmeyer and Crowley (1982) on the
// curve's log-log intervals: its lower limit is the first age at which the
// lower confidence curve is at or below 0.5, its upper limit the first at
// which the upper one is. Where a curve stays at exactly 0.5 from a step
// to the next (within 1.5e-8), the age is the midpoint of the two steps
// (or of the step and MaxDuration if it is the last): R's
// quantile.survfit, whose figures these are. Steps with S = 0, which have
// no interval, take no part in the limits (R's NA).
//
// Special cases are:
//
//	S(t) > 0.5 at every step (no steps: nobody churned)   ErrUndefined: the median
//	                                                      lies past the data
func (c SurvivalCurve) Median() (MedianLifetime, error) {
	x := make([]float64, 0, len(c.Steps))
	y := make([]float64, 0, len(c.Steps))
	curve := func(v func(SurvivalStep) float64, skipZero bool) (float64, bool) {
		x, y = x[:0], y[:0]
		for _, st := range c.Steps {
			if skipZero && st.Survival == 0 {
				continue
			}
			if n := len(y); n > 0 && y[n-1] == 1-v(st) {
				continue // R drops repeated values, keeping the first time
			}
			x, y = append(x, st.Time), append(y, 1-v(st))
		}
		return crossHalf(x, y, c.MaxDuration)
	}
	median, ok := curve(func(s SurvivalStep) float64 { return s.Survival }, false)
	if !ok {
		return MedianLifetime{}, fmt.Errorf("%w: survival stays above 0.5 up to the longest lifetime observed, %v",
			ErrUndefined, c.MaxDuration)
	}
	m := MedianLifetime{Median: median}
	lo, loOK := curve(func(s SurvivalStep) float64 { return s.Interval.Lo }, true)
	hi, hiOK := curve(func(s SurvivalStep) float64 { return s.Interval.Hi }, true)
	m.Interval, m.LoReached, m.HiReached = Interval{Lo: median, Hi: c.MaxDuration}, loOK, hiOK
	if loOK {
		m.Interval.Lo = math.Min(lo, median)
	}
	if hiOK {
		m.Interval.Hi = math.Max(hi, median)
	}
	return m, nil
}

// crossHalf returns the first x at which y, a curve of 1 − S at the ages
// x with no value repeated, reaches 0.5, as R's survival:::findq does for
// the probability 0.5: where y is within tol of 0.5 the age is the
// midpoint of its x and the next (or xmax if there is none). It returns
// false if y never reaches 0.5.
func crossHalf(x, y []float64, xmax float64) (float64, bool) {
	const p, tol = 0.5, 1.4901161193847656e-08 // R's sqrt(.Machine$double.eps)
	i1, i2, maxY := -1, -1, math.Inf(-1)
	for k, v := range y {
		maxY = math.Max(maxY, v)
		if i1 < 0 && v+tol >= p {
			i1 = k
		}
		if i2 < 0 && v-tol >= p {
			i2 = k
		}
	}
	switch {
	case len(y) == 0 || maxY < p:
		return 0, false
	case i2 >= 0:
		return midpoint(x[i1], x[i2]), true
	case math.Abs(p-y[len(y)-1]) < tol:
		return midpoint(x[i1], xmax), true
	}
	return 0, false
}

// midpoint returns (a + b) / 2 for 0 ≤ a ≤ b without overflow.
func midpoint(a, b float64) float64 { return a + (b-a)/2 }
