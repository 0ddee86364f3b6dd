package cxmetrics

import (
	"fmt"
	"math"
	"slices"
)

// LogRankResult is the result of the log-rank test of whether two or more
// groups of lifetimes come from one survival function, such as customers
// on the annual plan and on the monthly one.
//
// A LogRankResult is a plain value; it is safe for concurrent use.
type LogRankResult struct {
	Chi2     float64   // the test statistic, ≥ 0
	DF       int       // degrees of freedom: the groups less one
	P        float64   // p-value, P(χ²(DF) ≥ Chi2), 0 to 1
	Observed []int64   // by group: the churns seen
	Expected []float64 // by group: the churns expected if every group had the pooled survival
}

// Significant reports whether the groups differ significantly at level
// alpha, that is whether P < alpha. It is false for an alpha outside
// (0, 1) or NaN.
func (r LogRankResult) Significant(alpha float64) bool {
	return alpha > 0 && alpha < 1 && r.P < alpha
}

// MaxLogRankGroups is the largest number of groups [LogRank] and
// [LogRankCounts] compare: the test's work is the square of the groups
// at each duration.
const MaxLogRankGroups = 100

// LogRank returns the log-rank test of whether the groups of lifetimes
// have the same survival function. It is [LogRankCounts] of each group's
// [CountLifetimes], and has the special cases of both; the error names a
// lifetime as groups[g][i].
func LogRank(groups ...[]Lifetime) (LogRankResult, error) {
	if err := checkGroups(len(groups)); err != nil {
		return LogRankResult{}, err
	}
	tables := make([][]LifetimeCount, len(groups))
	for g, ls := range groups {
		rows, err := CountLifetimes(ls)
		if err != nil {
			return LogRankResult{}, fmt.Errorf("groups[%d]: %w", g, err)
		}
		tables[g] = rows
	}
	return LogRankCounts(tables...)
}

// LogRankCounts returns the log-rank test (Mantel 1966; Peto and Peto
// 1972) of whether the groups, each a life table as [CountLifetimes]
// returns, have the same survival function. At each distinct duration t
// at which d > 0 subjects of all groups churn among n at risk, group j
// having dⱼ churns among nⱼ at risk, the test sums
//
//	Oⱼ = Σ dⱼ,  Eⱼ = Σ d nⱼ/n
//	Vⱼₖ = Σ d (n − d)/(n − 1) · (nⱼ/n) (δⱼₖ − nₖ/n)
//
// and, with U = O − E and V on the first k − 1 of the k groups,
//
//	Chi2 = Uᵀ V⁻¹ U,  DF = k − 1,  P = Q(DF/2, Chi2/2)
//
// with Q the regularized upper incomplete gamma function, the
// chi-square's upper tail. It is R's survdiff(Surv(time, status) ~ group)
// with rho = 0; for two groups Chi2 = (O₁ − E₁)² / V₁₁. Subjects censored
// at a duration at which others churn count as at risk at it.
//
// Special cases are:
//
//	fewer than 2 groups or more than MaxLogRankGroups   ErrInvalidArgument
//	a group with no lifetimes                           ErrNoResponses (and ErrUndefined)
//	a Duration NaN or infinite                          ErrInvalidArgument
//	a Duration or a count < 0                           ErrNegative
//	a group's counts past int64                         ErrOverflow
//	V singular: no churn at all, every churn ending its
//	duration's risk set, or a group at risk at no churn  ErrUndefined
//
// Where V is singular R's survdiff drops what it cannot test and lowers
// the degrees of freedom; this function refuses instead, so that DF is
// always the groups less one. The error names a row as groups[g][i].
func LogRankCounts(groups ...[]LifetimeCount) (LogRankResult, error) {
	k := len(groups)
	if err := checkGroups(k); err != nil {
		return LogRankResult{}, err
	}
	tables := make([]lifeTable, k)
	var total int64
	for g, rows := range groups {
		t, err := tableOf(fmt.Sprintf("groups[%d]", g), rows)
		if err != nil {
			return LogRankResult{}, err
		}
		if total > math.MaxInt64-t.subjects {
			return LogRankResult{}, fmt.Errorf("%w: groups[%d]: more than %d subjects in all", ErrOverflow, g, int64(math.MaxInt64))
		}
		total += t.subjects
		tables[g] = t
	}
	// Every duration of any group, in order.
	var times []float64
	for _, t := range tables {
		for _, r := range t.rows {
			times = append(times, r.Duration)
		}
	}
	slices.Sort(times)
	times = slices.Compact(times)

	res := LogRankResult{DF: k - 1, Observed: make([]int64, k), Expected: make([]float64, k)}
	atRisk := make([]int64, k)
	for g, t := range tables {
		atRisk[g] = t.subjects
	}
	next := make([]int, k) // by group: its next row
	churned := make([]int64, k)
	v := make([]float64, (k-1)*(k-1))
	for _, time := range times {
		var n, d int64
		for g, t := range tables {
			churned[g] = 0
			if i := next[g]; i < len(t.rows) && t.rows[i].Duration == time {
				churned[g] = t.rows[i].Churned
			}
			n += atRisk[g]
			d += churned[g]
		}
		if d > 0 {
			fn, fd := float64(n), float64(d)
			// d (n − d)/(n − 1), 0 where n = 1 (then d = n), with n − d
			// from the exact counts: in float64 it rounds to 0 where n
			// and d are past 2⁵³ and differ by less than their rounding,
			// which made V singular where it is not.
			w := 0.0
			if n > 1 {
				w = fd * float64(n-d) / (fn - 1)
			}
			for j := range k {
				res.Observed[j] += churned[j]
				pj := float64(atRisk[j]) / fn
				res.Expected[j] += fd * pj
				if j < k-1 && w > 0 && pj > 0 {
					for l := range k - 1 {
						pl := float64(atRisk[l]) / fn
						if l == j {
							v[j*(k-1)+l] += w * pj * (1 - pl)
						} else {
							v[j*(k-1)+l] -= w * pj * pl
						}
					}
				}
			}
		}
		for g, t := range tables {
			if i := next[g]; i < len(t.rows) && t.rows[i].Duration == time {
				atRisk[g] -= t.rows[i].Churned + t.rows[i].Censored
				next[g]++
			}
		}
	}
	u := make([]float64, k-1)
	for j := range u {
		u[j] = float64(res.Observed[j]) - res.Expected[j]
	}
	chi2, ok := quadSolve(v, u)
	if !ok {
		return LogRankResult{}, fmt.Errorf("%w: the log-rank statistic has no variance "+
			"(no churn, every churn ends its risk set, or a group is at risk at no churn)", ErrUndefined)
	}
	res.Chi2 = chi2
	res.P = chiSquareP(chi2, float64(res.DF))
	return res, nil
}

// checkGroups returns the error for a number of groups the log-rank test
// cannot compare.
func checkGroups(k int) error {
	if !(k >= 2 && k <= MaxLogRankGroups) {
		return fmt.Errorf("%w: %d groups (need 2 to %d)", ErrInvalidArgument, k, MaxLogRankGroups)
	}
	return nil
}

// quadSolve returns uᵀ A⁻¹ u for the symmetric m×m matrix a (row major)
// by its Cholesky factorization, or false if a is not positive definite
// to a relative tolerance of 1e-10 (a pivot that small is rounding, not
// variance). a is overwritten.
func quadSolve(a, u []float64) (float64, bool) {
	m := len(u)
	scale := 0.0
	for i := range m {
		scale = math.Max(scale, a[i*m+i])
	}
	if !(scale > 0) || math.IsInf(scale, 0) {
		return 0, false
	}
	for j := range m {
		s := a[j*m+j]
		for l := range j {
			s -= a[j*m+l] * a[j*m+l]
		}
		if !(s > 1e-10*scale) {
			return 0, false
		}
		a[j*m+j] = math.Sqrt(s)
		for i := j + 1; i < m; i++ {
			s := a[i*m+j]
			for l := range j {
				s -= a[i*m+l] * a[j*m+l]
			}
			a[i*m+j] = s / a[j*m+j]
		}
	}
	// Solve L y = u; then uᵀ A⁻¹ u = yᵀ y.
	q := 0.0
	y := make([]float64, m)
	for i := range m {
		s := u[i]
		for l := range i {
			s -= a[i*m+l] * y[l]
		}
		y[i] = s / a[i*m+i]
		q += y[i] * y[i]
	}
	if math.IsInf(q, 0) || math.IsNaN(q) {
		return 0, false
	}
	return q, true
}
