package cxmetrics

import (
	"fmt"
	"math"
)

// GammaGamma is the Gamma-Gamma model of the value of a customer's
// transactions (Fader, Hardie & Lee 2005b, "RFM and CLV: using iso-value
// curves for customer base analysis", Journal of Marketing Research
// 42(4); Hardie 2013, "The Gamma-Gamma Model of Monetary Value"). The
// value of each transaction of a customer is gamma distributed with shape
// P and a rate ν of the customer's own, and ν varies across customers as
// a gamma with shape Q and rate Gamma (the papers' p, q and γ):
//
//	zᵢⱼ ~ Gamma(p, ν),  ν ~ Gamma(q, γ),  E[Z | ν] = p / ν
//
// so that a customer's mean spend per transaction is p/ν, and the
// population's is pγ / (q − 1) ([GammaGamma.MeanSpend]). The model is
// scale-free: spend in cents gives a Gamma 100 times that in dollars and
// the same P and Q. It assumes that how much customers spend does not
// depend on how often they buy; check that the correlation between
// Frequency and Monetary across repeat buyers is small before relying on
// it.
//
// Each parameter must be positive and finite; every method checks, and
// returns an error wrapping [ErrInvalidArgument] for a model that breaks
// this (GammaGamma{Q: 0.5} has no P or Gamma). A GammaGamma is a plain
// value; it is safe for concurrent use.
type GammaGamma struct{ P, Q, Gamma float64 }

// FitGammaGamma returns the maximum-likelihood Gamma-Gamma model of the
// repeat buyers among customers: those with Frequency > 0. The others
// carry no spend beyond their first purchase and are skipped, and so is
// each one's first purchase, as in the papers (RFM.Monetary is the mean
// of the repeat purchases). The log-likelihood maximised is the sum of
// [GammaGamma.LogLikelihood]'s terms.
//
// The fit is Newton's method on the logarithms of the parameters, with
// analytic gradients and Hessians, from the start
//
//	p = 1,  q = 2,  γ = the mean Monetary of the repeat buyers
//
// at which the model's mean spend pγ/(q − 1) is the sample's, so that the
// start is right in any money unit; [StartAt] replaces it. The terms that
// depend on the data only through x are taken once per distinct
// Frequency, and [Workers] spreads the rest, one logarithm per buyer and
// evaluation, over goroutines. A fit on 10⁶ customers takes a few tens of
// milliseconds (README).
//
// Published figures: on the 946 repeat buyers of the CDNOW sample (spend
// in dollars), p 6.25, q 3.74, γ 15.44 (Fader, Hardie & Lee 2005b).
//
// Special cases are:
//
//	a customer that is not a possible history          the error of checkRFM: ErrNegative,
//	                                                   ErrInvalidArgument or ErrInconsistent, naming customers[i]
//	Frequency > 0 and Monetary 0 (a repeat buyer
//	who spent nothing: its density is 0)               ErrInvalidArgument naming customers[i]
//	Frequency × Monetary past float64                  ErrOverflow naming customers[i]
//	no repeat buyer                                    ErrNoResponses (and ErrUndefined)
//	StartAt with a wrong count or a bad value,
//	or MaxIterations below 1                           ErrInvalidArgument
//	no maximum found within MaxIterations, or a
//	likelihood that is not finite on the way           ErrNoConvergence
func FitGammaGamma(customers []RFM, opts ...FitOption) (GammaGamma, error) {
	o, err := options(3, opts)
	if err != nil {
		return GammaGamma{}, err
	}
	d, err := newGGData(customers)
	if err != nil {
		return GammaGamma{}, err
	}
	start := o.start
	if start == nil {
		start = []float64{1, 2, d.meanM}
	}
	res, err := newtonFit(d.objective(o.workers), start, o)
	if err != nil {
		return GammaGamma{}, err
	}
	se, ok := res.stdErr()
	if !ok {
		return GammaGamma{}, fmt.Errorf("%w: Gamma-Gamma: the information matrix is not positive definite at the estimate %v", ErrNoConvergence, res.params)
	}
	m := GammaGamma{P: res.params[0], Q: res.params[1], Gamma: res.params[2]}
	if o.report != nil {
		*o.report = FitReport{LogLikelihood: -res.f, StdErr: se, Iterations: res.iters, Customers: int64(d.n)}
	}
	return m, nil
}

// LogLikelihood returns the log-likelihood of m given the repeat buyers
// among customers (Frequency > 0; the others are skipped), the sum over
// them of the log of the density of a mean spend m_x over x transactions
// (Fader, Hardie & Lee 2005b; Hardie 2013, the marginal density of m_x):
//
//	f(m_x | p, q, γ; x) = Γ(px + q) / (Γ(px) Γ(q)) · γ^q x^(px) m_x^(px−1) / (γ + x m_x)^(px+q)
//
// taken in logarithms in the form
//
//	ln f = ln Γ(px + q) − ln Γ(px) − ln Γ(q) − ln m_x − q ln(x m_x / γ) − (px + q) ln(1 + γ / (x m_x))
//
// which has no large terms that cancel. Its value depends on the money
// unit of Monetary (a density in dollars is 100 times one in cents), so
// compare log-likelihoods only on the same data.
//
// Special cases are:
//
//	m with a parameter not positive and finite        ErrInvalidArgument
//	a customer that is not a possible history          ErrNegative, ErrInvalidArgument or ErrInconsistent, naming customers[i]
//	Frequency > 0 and Monetary 0                       ErrInvalidArgument naming customers[i]
//	no repeat buyer                                    ErrNoResponses (and ErrUndefined)
//	a sum past float64                                 ErrOverflow
func (m GammaGamma) LogLikelihood(customers []RFM) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	sum, n := 0.0, 0
	lgq := lgamma(m.Q)
	for i, c := range customers {
		if err := checkRFM(i, c); err != nil {
			return 0, err
		}
		if c.Frequency == 0 {
			continue
		}
		if err := checkSpend(i, c); err != nil {
			return 0, err
		}
		x := float64(c.Frequency)
		px := m.P * x
		u := x * c.Monetary
		sum += lnGammaRise(px, m.Q) - lgq - math.Log(c.Monetary) - m.Q*(math.Log(u)-math.Log(m.Gamma)) - (px+m.Q)*log1pRatio(m.Gamma, u)
		n++
	}
	switch {
	case n == 0:
		return 0, fmt.Errorf("%w: no customer with a repeat purchase among %d", ErrNoResponses, len(customers))
	case !finite(sum):
		return 0, fmt.Errorf("%w: the log-likelihood of %+v is %v", ErrOverflow, m, sum)
	}
	return sum + 0, nil
}

// ConditionalExpectedSpend returns the expected mean spend per
// transaction of customer c, in the unit of c.Monetary, given its x =
// c.Frequency repeat purchases of mean m_x = c.Monetary (Hardie 2013,
// eq. 5; Fader, Hardie & Lee 2005b):
//
//	E[M | p, q, γ; m_x, x] = p (γ + x m_x) / (px + q − 1)
//	                       = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · m_x
//
// a weighted mean of the population's mean spend and the customer's own,
// which weighs the customer's more the more purchases it has. For x = 0
// it is the population's mean spend pγ/(q − 1) ([GammaGamma.MeanSpend]),
// whatever c.Monetary is. The result is positive.
//
// Special cases are:
//
//	m with a parameter not positive and finite     ErrInvalidArgument
//	c not a possible history                       ErrNegative, ErrInvalidArgument or ErrInconsistent
//	x = 0 and q ≤ 1, or px + q ≤ 1                 ErrInvalidArgument and ErrUndefined: the
//	                                               expectation is infinite
//	a result past float64, or below its smallest   ErrOverflow
func (m GammaGamma) ConditionalExpectedSpend(c RFM) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := checkOneRFM(c); err != nil {
		return 0, err
	}
	if c.Frequency == 0 {
		return m.MeanSpend()
	}
	// p(γ + x m)/(px + q − 1) = (γ + x m)/d with d = x + (q − 1)/p, taken
	// as γ/d + m·(x/d), so that neither px nor x·m need fit a float64.
	x := float64(c.Frequency)
	d := x + (m.Q-1)/m.P
	if !(d > 0) {
		return 0, fmt.Errorf("%w: %+v with %d repeat purchases: px + q − 1 ≤ 0, the expected spend is infinite", errUnbounded, m, c.Frequency)
	}
	e := m.Gamma/d + c.Monetary*(x/d)
	return ggResult(m, e)
}

// MeanSpend returns the population's mean spend per transaction, in the
// unit of the Monetary the model was fitted on, the mean of p/ν over the
// gamma distribution of ν (Fader, Hardie & Lee 2005b; Hardie 2013):
//
//	E[Z] = pγ / (q − 1)
//
// It is the expected spend of a customer with no repeat purchase. It is
// positive.
//
// Special cases are:
//
//	m with a parameter not positive and finite     ErrInvalidArgument
//	q ≤ 1                                          ErrInvalidArgument and ErrUndefined: the mean is infinite
//	a result past float64, or below its smallest   ErrOverflow
func (m GammaGamma) MeanSpend() (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if !(m.Q > 1) {
		return 0, fmt.Errorf("%w: %+v: q ≤ 1, the mean spend is infinite", errUnbounded, m)
	}
	return ggResult(m, m.P*(m.Gamma/(m.Q-1)))
}

// ggResult returns e, a spend of m that is positive in exact arithmetic,
// or ErrOverflow if it is past float64 or was rounded to 0.
func ggResult(m GammaGamma, e float64) (float64, error) {
	if !finite(e) || e <= 0 {
		return 0, fmt.Errorf("%w: the expected spend of %+v is outside the range of float64", ErrOverflow, m)
	}
	return e, nil
}

// check returns an error unless each parameter of m is positive and
// finite.
func (m GammaGamma) check() error {
	for _, p := range [...]struct {
		name string
		v    float64
	}{{"P", m.P}, {"Q", m.Q}, {"Gamma", m.Gamma}} {
		if !(p.v > 0) || !finite(p.v) {
			return fmt.Errorf("%w: GammaGamma %s is %v, want positive and finite", ErrInvalidArgument, p.name, p.v)
		}
	}
	return nil
}

// checkSpend returns an error unless the repeat buyer c, at index i, has
// a mean spend the Gamma-Gamma density can take: positive, with x·m_x
// finite.
func checkSpend(i int, c RFM) error {
	if !(c.Monetary > 0) {
		return fmt.Errorf("%w: customers[%d]: %d repeat purchases with monetary %v: the spend model needs a positive mean spend",
			ErrInvalidArgument, i, c.Frequency, c.Monetary)
	}
	if !finite(float64(c.Frequency) * c.Monetary) {
		return fmt.Errorf("%w: customers[%d]: frequency %d × monetary %v is past float64", ErrOverflow, i, c.Frequency, c.Monetary)
	}
	return nil
}

// log1pRatio returns ln(1 + a/b) for a, b > 0, also where a/b is past
// float64.
func log1pRatio(a, b float64) float64 {
	if r := a / b; r <= 1e300 {
		return math.Log1p(r)
	}
	return math.Log(a) - math.Log(b)
}
