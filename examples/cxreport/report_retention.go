package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cxmetrics/cxmetrics"
)

// This file computes the retention section of the revenue report: how
// long customers stay, from the ledger's lifetimes.
//
// A lifetime is a customer's first spell (cxmetrics.FirstSpell): from the
// month of their first payment to the first month they do not pay, or,
// if they still pay in the last month, censored there at their age. A
// customer who comes back is not counted again, so that the curve
// answers "what share of new customers is still with us, unbroken, after
// t months". The opening book's customers (-opening) have no lifetime:
// when they started is not known.
//
// The Kaplan–Meier curve (cxmetrics.KaplanMeierCounts) pools every
// cohort without the bias of the young ones, whose customers are
// censored, not churned. The shifted-beta-geometric model is fitted to
// the same lifetimes. The cohort table's rows cannot be given to
// cxmetrics.FitShiftedBetaGeometric as they are: they count a customer
// who returns as retained again, so a row may rise (78% then 80%), which
// the model refuses. The first spells of each cohort would do, and the
// model's likelihood depends on cohorts only through the churn and the
// survivors at each age added over them, which the life table holds: so
// lifeTableCohorts turns the life table into cohorts with those totals,
// and the fit is the one of the cohorts' first spells.

// projectedAges is how many months past the longest lifetime observed
// the sBG projection goes.
const projectedAges = 12

// residualAges are the ages whose residual value the report gives.
var residualAges = []int{1, 3, 6, 12}

// retentionReport returns the retention section of the ledger whose last
// month is last, with intervals at confidence and values discounted at
// discount percent a month; or, when no customer has a known first
// payment, nil and why.
func retentionReport(l *cxmetrics.MRRLedger[string], last *RevenueFigure, confidence, discount float64) (*Retention, string, error) {
	table, err := l.Lifetimes(cxmetrics.FirstSpell)
	if errors.Is(err, cxmetrics.ErrNoResponses) {
		return nil, "no customer's first payment is known (the opening book's customers started before the records)", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("lifetimes: %w", err)
	}
	curve, err := cxmetrics.KaplanMeierCounts(table, confidence)
	if err != nil {
		return nil, "", fmt.Errorf("Kaplan–Meier: %w", err)
	}
	r := &Retention{
		Spells:    "first spell: from the first payment to the first month without one, or to the last month if still paying",
		Customers: curve.Subjects, Churned: curve.Churned, Censored: curve.Subjects - curve.Churned,
		MaxAge: int(curve.MaxDuration),
	}
	// The ledger's durations are whole months; at risk at age a are the
	// lifetimes of a or more.
	atRisk := curve.Subjects
	byAge := map[int]cxmetrics.LifetimeCount{}
	for _, row := range table {
		byAge[int(row.Duration)] = row
	}
	atRisk -= byAge[0].Churned + byAge[0].Censored
	for a := 1; a <= r.MaxAge; a++ {
		st, err := curve.At(float64(a))
		if err != nil {
			return nil, "", fmt.Errorf("Kaplan–Meier at %d months: %w", a, err)
		}
		row := byAge[a]
		r.Curve = append(r.Curve, SurvivalAge{
			Age: a, AtRisk: atRisk, Churned: row.Churned, Censored: row.Censored,
			Survival: round(100 * st.Survival), StdErr: round(100 * st.StdErr),
			Lo: round(100 * st.Interval.Lo), Hi: round(100 * st.Interval.Hi),
		})
		atRisk -= row.Churned + row.Censored
	}
	if m, err := curve.Median(); err == nil {
		r.Median = &MedianAge{Age: round(m.Median)}
		if m.LoReached {
			r.Median.Lo = ptr(round(m.Interval.Lo))
		}
		if m.HiReached {
			r.Median.Hi = ptr(round(m.Interval.Hi))
		}
	} else if !errors.Is(err, cxmetrics.ErrUndefined) {
		return nil, "", fmt.Errorf("median lifetime: %w", err)
	}
	r.SBG, r.NoSBG = sbgProjection(table, r.MaxAge, last, discount)
	return r, "", nil
}

// sbgProjection fits the sBG model to the life table, whose longest
// lifetime is maxAge months, and projects it; or returns why it cannot.
// It never fails the report: a fit that does not converge, or a figure
// that is not finite, is a projection absent with its reason.
func sbgProjection(table []cxmetrics.LifetimeCount, maxAge int, last *RevenueFigure, discount float64) (*SBGProjection, string) {
	var churned int64
	for _, row := range table {
		churned += row.Churned
	}
	switch {
	case maxAge < 2:
		return nil, fmt.Sprintf("%s of lifetimes %s too few to fit: the model needs customers followed past their second month",
			months(float64(maxAge+1)), map[bool]string{true: "is", false: "are"}[maxAge == 0])
	case churned == 0:
		return nil, "no customer has churned yet, so there is no churn to project"
	}
	var fit cxmetrics.FitReport
	m, err := cxmetrics.FitShiftedBetaGeometric(lifeTableCohorts(table), cxmetrics.Report(&fit))
	if errors.Is(err, cxmetrics.ErrNoConvergence) {
		return nil, fmt.Sprintf("the fit does not converge: no beta distribution of churn describes these lifetimes best, "+
			"as when churn does not fall with age (customers alike, whom one constant churn rate describes: here "+
			"%.1f%% a month, the churned over the months at risk) or customers leave all at once or never",
			100*constantChurn(table))
	}
	if err != nil {
		return nil, "the model does not fit these lifetimes: " + strings.TrimPrefix(err.Error(), "cxmetrics: ")
	}
	if len(fit.StdErr) != 2 || !finite(fit.StdErr[0], fit.StdErr[1], fit.LogLikelihood) {
		return nil, fmt.Sprintf("the fit (α %v, β %v) has no finite standard errors", m.Alpha, m.Beta)
	}
	p := &SBGProjection{Alpha: round(m.Alpha), AlphaSE: round(fit.StdErr[0]), Beta: round(m.Beta), BetaSE: round(fit.StdErr[1]),
		LogLikelihood: round(fit.LogLikelihood)}
	for a := 0; a <= maxAge+projectedAges; a++ {
		s, err := m.Survival(a)
		if err != nil || !finite(s) {
			return nil, fmt.Sprintf("the fitted survival at %d months is not a number (α %v, β %v)", a, m.Alpha, m.Beta)
		}
		as := AgeSurvival{Age: a, Survival: round(100 * s)}
		if a <= maxAge {
			p.Fitted = append(p.Fitted, as)
		} else {
			p.Projection = append(p.Projection, as)
		}
	}
	p.Value, p.NoValue = sbgValue(m, last, discount)
	return p, ""
}

// sbgValue returns the lifetime and residual values of a customer by the
// model m, at the last month's ARPA and discount percent a month, or why
// there are none.
func sbgValue(m cxmetrics.ShiftedBetaGeometric, last *RevenueFigure, discount float64) (*SBGValue, string) {
	if last == nil || last.CustomersEnd == 0 {
		return nil, "no customer pays in the last month, so there is no ARPA to value"
	}
	v := &SBGValue{Discount: discount, ARPA: int64(math.Round(float64(last.End) / float64(last.CustomersEnd)))}
	del, err := m.DiscountedLifetime(discount)
	if err != nil || !finite(del) {
		return nil, fmt.Sprintf("the discounted lifetime at %v%% a month does not exist: %v", discount, err)
	}
	v.Lifetime, v.Value = round(del), int64(math.Round(float64(v.ARPA)*del))
	for _, a := range residualAges {
		derl, err := m.DiscountedResidualLifetime(a, discount)
		if err != nil || !finite(derl) {
			return nil, fmt.Sprintf("the residual lifetime at %d months does not exist: %v", a, err)
		}
		v.Residual = append(v.Residual, ResidualValue{Age: a, Lifetime: round(derl), Value: int64(math.Round(float64(v.ARPA) * derl))})
	}
	return v, ""
}

// lifeTableCohorts returns cohorts of survivor counts whose churn and
// survivors at each age add up to those of the life table, so that the
// sBG fit of the cohorts is that of the lifetimes: a cohort for each age
// at which lifetimes were censored, of those customers, all still there
// at that age; and one of every customer who churned, each lost at the
// age of their churn.
func lifeTableCohorts(table []cxmetrics.LifetimeCount) [][]int64 {
	var cohorts [][]int64
	maxChurn := 0
	for _, row := range table {
		age := int(row.Duration)
		if row.Churned > 0 {
			maxChurn = age
		}
		if row.Censored > 0 {
			c := make([]int64, age+1)
			for i := range c {
				c[i] = row.Censored
			}
			cohorts = append(cohorts, c)
		}
	}
	lost := make([]int64, maxChurn+1) // lost[a]: customers churned after age a
	for _, row := range table {
		for a := 0; a < int(row.Duration) && row.Churned > 0; a++ {
			lost[a] += row.Churned
		}
	}
	return append(cohorts, lost)
}

// constantChurn returns the churn rate per month of one constant rate
// fitted to the life table (its maximum likelihood): the churned over
// the months at risk, a churned lifetime of t months being t at risk
// and a censored one of n months n.
func constantChurn(table []cxmetrics.LifetimeCount) float64 {
	var churned, months float64
	for _, row := range table {
		churned += float64(row.Churned)
		months += row.Duration * float64(row.Churned+row.Censored)
	}
	return churned / months
}

// months says n months, or 1 month.
func months(n float64) string {
	if n == 1 {
		return "1 month"
	}
	return strconv.FormatFloat(n, 'f', -1, 64) + " months"
}

// finite reports whether every x is a number, not NaN or infinite.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
