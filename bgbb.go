package cxmetrics

import (
	"fmt"
	"math"
	"sort"
)

// MaxOpportunities is the most transaction opportunities a BG/BB
// history's T, or the n of [BGBB.ProbabilityOfPurchases], may have. The
// likelihood sums one term per opportunity after the last transaction, so
// the limit bounds the time a call takes (about 0.1 s at the limit);
// 10⁷ is 27,000 years of daily opportunities.
const MaxOpportunities = 10_000_000

// BGBB is the beta-geometric/beta-Bernoulli (BG/BB) model of repeat
// transactions at discrete opportunities (Fader, Hardie & Shang 2010,
// "Customer-base analysis in a discrete-time noncontractual setting",
// Marketing Science 29(6), 1086-1108): a yearly appeal to donors, an
// annual conference, a weekly draw. While alive, a customer transacts at
// each opportunity with probability p; after each opportunity it dies
// with probability θ, unobserved. Across customers p ~ Beta(α, β) and
// θ ~ Beta(γ, δ), the fields Alpha, Beta, Gamma and Delta.
//
// An [RFM] for BG/BB counts opportunities, in whole numbers: Frequency is
// x, the transactions at the T = n opportunities after the first
// transaction (which is not counted), and Recency is t_x, the opportunity
// of the last of them (0 for none). So x ≤ t_x ≤ n. Monetary is not
// used.
//
// Each parameter must be positive and finite; every method checks, and
// returns an error wrapping [ErrInvalidArgument] for a model that breaks
// this. BGBB satisfies [PurchaseModel], with t a whole number of
// opportunities. A BGBB is a plain value; it is safe for concurrent use.
type BGBB struct{ Alpha, Beta, Gamma, Delta float64 }

// FitBGBB returns the maximum-likelihood BG/BB model of customers, in
// which weights[i], if weights is not nil, is how many customers share
// the history customers[i] (the aggregated form in which such data is
// usually kept: the 11,104 donors of the paper are 22 rows). Rows with
// the same history are merged first, so a fit on one row per customer
// costs no more than one on the aggregated rows: the rows are the
// model's sufficient statistics, and the aggregated rows of several
// shards add up to those of the whole.
//
// The fit works on the logarithms of the parameters with analytic
// gradients, from the start α = β = γ = δ = 1 (uniform distributions of
// p and θ), at which the likelihood of any history is finite; [StartAt]
// replaces it. The log-likelihood maximised is the weighted sum of
// [BGBB.LogLikelihood]'s terms.
//
// Published figures: on the donation data of the paper, α 1.204, β 0.750,
// γ 0.657, δ 2.783, log-likelihood −33,225.6 (Fader, Hardie & Shang
// 2010).
//
// Special cases are:
//
//	len(weights) ≠ len(customers), weights not nil   ErrInvalidArgument
//	a negative weight                                ErrNegative naming weights[i]
//	weights adding up past int64                     ErrOverflow
//	a history that is not possible (see BGBB), or
//	whose Recency or T is not a whole number         ErrNegative, ErrInvalidArgument or ErrInconsistent, naming customers[i]
//	T above MaxOpportunities                         ErrOutOfRange naming customers[i]
//	no customers (or all weights 0)                  ErrNoResponses (and ErrUndefined)
//	no customer with an opportunity (T 0 for all)    ErrNoResponses (and ErrUndefined)
//	StartAt with a wrong count or a bad value,
//	or MaxIterations below 1                         ErrInvalidArgument
//	no maximum within MaxIterations, or an
//	information matrix that is not positive
//	definite at the estimate (a likelihood that is
//	flat or rises towards the edge of the
//	parameters: every customer buying at every
//	opportunity, or none at any)                     ErrNoConvergence
func FitBGBB(customers []RFM, weights []int64, opts ...FitOption) (BGBB, error) {
	o, err := options(4, opts)
	if err != nil {
		return BGBB{}, err
	}
	rows, total, err := bgbbRows(customers, weights)
	if err != nil {
		return BGBB{}, err
	}
	observed := false
	for _, r := range rows {
		observed = observed || r.w > 0 && r.n > 0
	}
	if !observed {
		// Every likelihood is 1: the fit would return its start.
		return BGBB{}, fmt.Errorf("%w: no customer had an opportunity to transact (T 0 for all %d rows): nothing to fit", ErrNoResponses, len(customers))
	}
	start := o.start
	if start == nil {
		start = []float64{1, 1, 1, 1}
	}
	f := func(theta, grad []float64) (float64, bool) {
		m := BGBB{math.Exp(theta[0]), math.Exp(theta[1]), math.Exp(theta[2]), math.Exp(theta[3])}
		k := m.consts(true)
		s := sumPass(len(rows), o.workers, 5, func(lo, hi int, acc []float64) {
			var g [4]float64
			for _, r := range rows[lo:hi] {
				ll, _ := k.row(r.x, r.tx, r.n, &g)
				acc[0] += r.w * ll
				for j, v := range g {
					acc[j+1] += r.w * v
				}
			}
		})
		ok := finite(s[0])
		for j := range grad {
			grad[j] = -s[j+1] * math.Exp(theta[j])
			ok = ok && finite(grad[j])
		}
		return -s[0], ok
	}
	p, nll, it, err := minimize(f, start, o)
	if err != nil {
		return BGBB{}, err
	}
	// With or without Report, as FitGammaGamma: where the likelihood is
	// flat or rises towards an edge of the parameters, the search stops
	// with a small gradient at no maximum, and only the information
	// matrix tells.
	se, err := stdErrors(f, p)
	if err != nil {
		return BGBB{}, err
	}
	if o.report != nil {
		*o.report = FitReport{LogLikelihood: -nll, StdErr: se, Iterations: it, Customers: total}
	}
	return BGBB{p[0], p[1], p[2], p[3]}, nil
}

// LogLikelihood returns the log-likelihood of m given customers, each
// history customers[i] counted weights[i] times (once each if weights is
// nil): the weighted sum of ln L, where for x transactions in n
// opportunities, the last at t_x (Fader, Hardie & Shang 2010, eq. 5),
//
//	L(α, β, γ, δ | x, t_x, n) = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ)
//	    + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α, β) · B(γ+1, δ+t_x+i)/B(γ, δ)
//
// the first term for a customer alive through opportunity n, the others
// for one who died after opportunity t_x + i. It is taken in logarithms:
// each ratio of beta functions as differences of log-gammas without
// cancellation ([lnGammaRise]), and the sum, whose terms fall, as its
// first term times a sum of ratios that stops when the rest cannot reach
// 10⁻¹⁷ of it. Its time is proportional to n − t_x at most.
//
// Special cases are as for [FitBGBB], and:
//
//	m with a parameter not positive and finite     ErrInvalidArgument
func (m BGBB) LogLikelihood(customers []RFM, weights []int64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	rows, _, err := bgbbRows(customers, weights)
	if err != nil {
		return 0, err
	}
	k := m.consts(false)
	sum := 0.0
	for _, r := range rows {
		ll, _ := k.row(r.x, r.tx, r.n, nil)
		sum += r.w * math.Min(ll, 0) // a probability's log, whatever the rounding
	}
	if !finite(sum) {
		return 0, fmt.Errorf("%w: the log-likelihood of %+v is %v", ErrOverflow, m, sum)
	}
	return sum + 0, nil
}

// check returns an error unless each parameter of m is positive and
// finite.
func (m BGBB) check() error {
	for _, p := range [...]struct {
		name string
		v    float64
	}{{"Alpha", m.Alpha}, {"Beta", m.Beta}, {"Gamma", m.Gamma}, {"Delta", m.Delta}} {
		if !(p.v > 0) || !finite(p.v) {
			return fmt.Errorf("%w: BGBB %s is %v, want positive and finite", ErrInvalidArgument, p.name, p.v)
		}
	}
	return nil
}

// bgbbRow is the histories (x, t_x, n) shared by w customers.
type bgbbRow struct{ x, tx, n, w float64 }

// bgbbRows returns customers with their weights merged by history, in
// the order of the histories, and the number of customers; it checks
// them.
func bgbbRows(customers []RFM, weights []int64) ([]bgbbRow, int64, error) {
	if weights != nil && len(weights) != len(customers) {
		return nil, 0, fmt.Errorf("%w: %d weights for %d customers", ErrInvalidArgument, len(weights), len(customers))
	}
	type key struct{ x, tx, n int64 }
	byKey := make(map[key]int64)
	var total int64
	for i, c := range customers {
		if err := checkOpportunities(i, c); err != nil {
			return nil, 0, err
		}
		w := int64(1)
		if weights != nil {
			w = weights[i]
		}
		if w < 0 {
			return nil, 0, fmt.Errorf("%w: weights[%d] is %d", ErrNegative, i, w)
		}
		if w > math.MaxInt64-total {
			return nil, 0, fmt.Errorf("%w: the weights up to weights[%d] add up past %d", ErrOverflow, i, int64(math.MaxInt64))
		}
		total += w
		if w > 0 {
			byKey[key{c.Frequency, int64(c.Recency), int64(c.T)}] += w
		}
	}
	if total == 0 {
		return nil, 0, fmt.Errorf("%w: no customers among %d rows", ErrNoResponses, len(customers))
	}
	rows := make([]bgbbRow, 0, len(byKey))
	for k, w := range byKey {
		rows = append(rows, bgbbRow{float64(k.x), float64(k.tx), float64(k.n), float64(w)})
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.n != b.n {
			return a.n < b.n
		}
		if a.x != b.x {
			return a.x < b.x
		}
		return a.tx < b.tx
	})
	return rows, total, nil
}

// checkOpportunities returns an error unless c is a possible BG/BB
// history: the checks of checkRFM, whole numbers of opportunities, at
// most MaxOpportunities, and no more transactions than opportunities up
// to the last one. i is c's index in customers, or −1 for a customer on
// its own.
func checkOpportunities(i int, c RFM) error {
	var err error
	who := fmt.Sprintf("customers[%d]", i)
	if i < 0 {
		err, who = checkOneRFM(c), fmt.Sprintf("customer %+v", c)
	} else {
		err = checkRFM(i, c)
	}
	switch {
	case err != nil:
		return err
	case c.Recency != math.Trunc(c.Recency) || c.T != math.Trunc(c.T):
		return fmt.Errorf("%w: %s: recency %v and T %v must be whole numbers of opportunities", ErrInvalidArgument, who, c.Recency, c.T)
	case c.T > MaxOpportunities:
		return fmt.Errorf("%w: %s: T %v opportunities, above MaxOpportunities %d", ErrOutOfRange, who, c.T, MaxOpportunities)
	case float64(c.Frequency) > c.Recency:
		return fmt.Errorf("%w: %s: %d transactions by opportunity %v", ErrInconsistent, who, c.Frequency, c.Recency)
	}
	return nil
}
