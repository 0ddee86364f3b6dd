package cxmetrics

import (
	"fmt"
	"math"
)

// KeyDrivers is the result of a key driver analysis: how much of the
// outcome's variance the drivers explain together, and how that is shared
// among them, with each driver's mean rating beside its importance for the
// importance × performance quadrant chart.
//
// A KeyDrivers is a plain value; it is safe for concurrent use while no
// goroutine writes to its Drivers slice.
type KeyDrivers struct {
	RSquared float64            // R² of the linear regression of the outcome on every driver, a fraction 0 to 1
	Count    int64              // respondents the figures come from (listwise complete)
	Drivers  []DriverImportance // one per driver, in the order of the ratings
}

// DriverImportance is one driver's part of a [KeyDrivers] result.
//
// A DriverImportance is a plain value; it is safe for concurrent use.
type DriverImportance struct {
	Weight      float64 // importance: the driver's part of R², a fraction 0 to R²; the Weights add up to RSquared
	Share       float64 // Weight as a percent of R², 100 × Weight / R²; the Shares add up to 100
	Mean        float64 // mean rating, the driver's performance, on the rating scale
	Correlation float64 // Pearson's correlation of the rating with the outcome, -1 to 1
}

// RelativeWeights returns the relative weights of the drivers in d by
// Johnson's (2000) method: the outcome's variance explained (R²) divided
// among correlated drivers by way of their best-fitting orthogonal
// counterparts. With Rxx the drivers' correlation matrix and rxy their
// correlations with the outcome,
//
//	Rxx = P Δ Pᵀ            (eigen-decomposition)
//	Λ   = P Δ^½ Pᵀ          (correlations of the drivers with the orthogonal Z)
//	β   = Λ⁻¹ rxy           (regression of the outcome on Z)
//	εⱼ  = Σₘ Λⱼₘ² βₘ²       (raw relative weight of driver j)
//	R²  = Σⱼ εⱼ = rxyᵀ Rxx⁻¹ rxy
//
// Each weight εⱼ is non-negative and lies in [0, R²]; Share is
// 100 × εⱼ / R² (Tonidandel and LeBreton's rescaled weight, in percent);
// Mean is the driver's mean rating. R² is that of the ordinary least
// squares fit with an intercept, so the figures equal those of R's rwa
// package (Tonidandel and LeBreton 2015) on the same respondents.
//
// The eigen-decomposition is by cyclic Jacobi rotations, to about 1e-15
// relative to the largest eigenvalue. The weights add up to R² to about
// 1e-15 × k. Work is O(k³), independent of the number of respondents.
//
// Special cases are:
//
//	d nil or zero-value                                   ErrInvalidArgument
//	no respondents                                        ErrNoResponses
//	fewer than k + 2 respondents (any k + 1 fit exactly)  ErrUndefined
//	an outcome with no variance                           ErrUndefined
//	a driver with no variance (named by its index)        ErrUndefined
//	drivers that are collinear, so that the smallest
//	eigenvalue of Rxx is below 1e-10 of the largest
//	(the drivers involved named by index)                 ErrUndefined
//	R² of 0, or below 1e-20 (no driver correlates with
//	the outcome beyond rounding), which has no shares     ErrUndefined
//	statistics no respondents give (decoded ones with a
//	correlation past ±1, or an R² past 1, beyond 1e-9)    ErrInconsistent
//
// Sources: Johnson, J. W. (2000), "A heuristic method for estimating the
// relative weight of predictor variables in multiple regression",
// Multivariate Behavioral Research 35(1), 1-19; Tonidandel, S. and
// LeBreton, J. M. (2015), "RWA Web", Journal of Business and Psychology
// 30(2), 207-216.
func RelativeWeights(d *Drivers) (KeyDrivers, error) {
	c, err := d.correlations()
	if err != nil {
		return KeyDrivers{}, err
	}
	weights, err := relativeWeights(c.rxx, c.rxy, d.k)
	if err != nil {
		return KeyDrivers{}, err
	}
	return d.result(weights, c.rxy)
}

// correlation is the correlation matrix of a Drivers: rxx the k×k
// matrix of the drivers, row by row, and rxy their correlations with the
// outcome.
type correlation struct {
	rxx, rxy []float64
}

// correlations returns the correlations of d's variables, after checking
// that d has enough respondents and that no variable is constant.
func (d *Drivers) correlations() (correlation, error) {
	if err := d.argument("the Drivers"); err != nil {
		return correlation{}, err
	}
	k := d.k
	switch {
	case d.n == 0:
		return correlation{}, fmt.Errorf("%w: no respondents with every rating (%d skipped)", ErrNoResponses, d.skipped)
	case d.n < int64(k)+2:
		return correlation{}, fmt.Errorf("%w: %d respondents for %d drivers (need at least %d)", ErrUndefined, d.n, k, k+2)
	}
	sd := make([]float64, k+1)
	for i := range sd {
		v := d.at(i, i)
		if !(v > 0) {
			if i == 0 {
				return correlation{}, fmt.Errorf("%w: the outcome has no variance (every outcome %v)", ErrUndefined, d.mean[0])
			}
			return correlation{}, fmt.Errorf("%w: driver %d has no variance (every rating %v)", ErrUndefined, i-1, d.mean[i])
		}
		sd[i] = math.Sqrt(v)
	}
	c := correlation{rxx: make([]float64, k*k), rxy: make([]float64, k)}
	// A correlation is within ±1 to rounding for any statistics that adds
	// produce; one past that (from statistics decoded, not added) is
	// refused rather than clamped into a plausible figure.
	corr := func(i, j int) (float64, error) {
		r := d.at(i, j) / sd[i] / sd[j]
		if !(math.Abs(r) <= 1+maxCorrelationExcess) {
			return 0, fmt.Errorf("%w: the correlation of variables %d and %d is %.6g, beyond ±1: statistics no respondents give",
				ErrInconsistent, i, j, r)
		}
		return clamp(r, -1, 1), nil
	}
	for i := range k {
		r, err := corr(0, i+1)
		if err != nil {
			return correlation{}, err
		}
		c.rxy[i] = r
		c.rxx[i*k+i] = 1
		for j := i + 1; j < k; j++ {
			r, err := corr(i+1, j+1)
			if err != nil {
				return correlation{}, err
			}
			c.rxx[i*k+j], c.rxx[j*k+i] = r, r
		}
	}
	return c, nil
}

// maxCorrelationExcess is how far past ±1 a correlation, or past 1 an R²,
// may be from rounding before the statistics are refused as impossible.
const maxCorrelationExcess = 1e-9

// conditionLimit is the largest ratio of the largest to the smallest
// eigenvalue of a correlation matrix that is taken as non-singular.
const conditionLimit = 1e10

// relativeWeights returns Johnson's raw weights of the k drivers whose
// correlation matrix is rxx (row by row) and whose correlations with the
// outcome are rxy.
func relativeWeights(rxx, rxy []float64, k int) ([]float64, error) {
	vals, vecs, err := symmetricEigen(rxx, k)
	if err != nil {
		return nil, err
	}
	if err := checkCondition(vals, vecs, k); err != nil {
		return nil, err
	}
	// Λ = P Δ^½ Pᵀ, and β = Λ⁻¹ rxy = P Δ^-½ Pᵀ rxy.
	sqrtVals := make([]float64, k)
	pr := make([]float64, k) // Δ^-½ Pᵀ rxy
	for m := range k {
		sqrtVals[m] = math.Sqrt(vals[m])
		for i := range k {
			pr[m] += vecs[i*k+m] * rxy[i]
		}
		pr[m] /= sqrtVals[m]
	}
	lambda := make([]float64, k*k)
	beta := make([]float64, k)
	for i := range k {
		for m := range k {
			beta[i] += vecs[i*k+m] * pr[m]
		}
		for j := i; j < k; j++ {
			var l float64
			for m := range k {
				l += vecs[i*k+m] * sqrtVals[m] * vecs[j*k+m]
			}
			lambda[i*k+j], lambda[j*k+i] = l, l
		}
	}
	eps := make([]float64, k)
	for j := range k {
		for m := range k {
			l := lambda[j*k+m]
			eps[j] += l * l * beta[m] * beta[m]
		}
	}
	return eps, nil
}

// checkCondition returns an error wrapping [ErrUndefined] that names the
// drivers involved if the eigenvalues vals of a correlation matrix show it
// to be singular or nearly so. The drivers named are those with a loading
// of at least 0.1 on the eigenvector of the smallest eigenvalue: the
// combination of them that is (nearly) constant.
func checkCondition(vals, vecs []float64, k int) error {
	lo, hi := 0, 0
	for m, v := range vals {
		if v < vals[lo] {
			lo = m
		}
		if v > vals[hi] {
			hi = m
		}
	}
	if vals[lo] > vals[hi]/conditionLimit {
		return nil
	}
	var involved []int
	for i := range k {
		if math.Abs(vecs[i*k+lo]) >= 0.1 {
			involved = append(involved, i)
		}
	}
	return fmt.Errorf("%w: drivers %v are collinear (smallest eigenvalue of their correlation matrix %.3g, largest %.3g)",
		ErrUndefined, involved, vals[lo], vals[hi])
}

// minRSquared is the smallest R² that is told from 0: the correlations
// of uncorrelated variables come out of rounding near 1e-16, their
// squares near 1e-32.
const minRSquared = 1e-20

// result returns the KeyDrivers of d whose raw weights are w, from which
// R² is their sum. A sum past 1 by rounding is scaled back to 1; one
// further past it comes from statistics no respondents give, and is
// ErrInconsistent.
func (d *Drivers) result(w, rxy []float64) (KeyDrivers, error) {
	var r2 float64
	for _, x := range w {
		r2 += x
	}
	if r2 > 1+maxCorrelationExcess {
		return KeyDrivers{}, fmt.Errorf("%w: R² is %.6g, past 1: statistics no respondents give", ErrInconsistent, r2)
	}
	if r2 > 1 {
		for j := range w {
			w[j] /= r2
		}
		r2 = 1
	}
	if !(r2 > minRSquared) {
		return KeyDrivers{}, fmt.Errorf("%w: R² is 0 (%.3g: no driver correlates with the outcome beyond rounding), so it has no shares",
			ErrUndefined, r2)
	}
	out := KeyDrivers{RSquared: r2, Count: d.n, Drivers: make([]DriverImportance, d.k)}
	for j := range out.Drivers {
		out.Drivers[j] = DriverImportance{
			Weight:      w[j],
			Share:       min(100*(w[j]/r2), 100),
			Mean:        d.mean[j+1],
			Correlation: rxy[j],
		}
	}
	return out, nil
}

// symmetricEigen returns the eigenvalues of the symmetric k×k matrix a
// (row by row, not changed) and the eigenvectors as the columns of a k×k
// matrix, by cyclic Jacobi rotations (Golub and Van Loan, Matrix
// Computations, 4th ed., §8.5). Each rotation sets one off-diagonal entry
// to zero; sweeps repeat until every off-diagonal entry is negligible
// beside its diagonal entries, which takes under ten sweeps for the
// matrices here. The eigenvalues come out accurate to about 1e-15 of the
// largest.
func symmetricEigen(a []float64, k int) (vals, vecs []float64, err error) {
	m := make([]float64, k*k)
	copy(m, a)
	vecs = make([]float64, k*k)
	for i := range k {
		vecs[i*k+i] = 1
	}
	const maxSweeps = 60
	for sweep := 0; ; sweep++ {
		off := 0.0
		for p := range k {
			for q := p + 1; q < k; q++ {
				off += m[p*k+q] * m[p*k+q]
			}
		}
		if off == 0 {
			break
		}
		if sweep == maxSweeps || math.IsNaN(off) || math.IsInf(off, 0) {
			return nil, nil, fmt.Errorf("%w: Jacobi eigenvalues after %d sweeps, off-diagonal sum of squares %g",
				ErrNoConvergence, sweep, off)
		}
		for p := range k {
			for q := p + 1; q < k; q++ {
				apq := m[p*k+q]
				if apq == 0 {
					continue
				}
				app, aqq := m[p*k+p], m[q*k+q]
				g := 100 * math.Abs(apq)
				if sweep > 3 && math.Abs(app)+g == math.Abs(app) && math.Abs(aqq)+g == math.Abs(aqq) {
					m[p*k+q], m[q*k+p] = 0, 0
					continue
				}
				theta := (aqq - app) / (2 * apq)
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for r := range k { // columns p and q: A J
					arp, arq := m[r*k+p], m[r*k+q]
					m[r*k+p], m[r*k+q] = c*arp-s*arq, s*arp+c*arq
				}
				for r := range k { // rows p and q: Jᵀ (A J)
					apr, aqr := m[p*k+r], m[q*k+r]
					m[p*k+r], m[q*k+r] = c*apr-s*aqr, s*apr+c*aqr
				}
				m[p*k+q], m[q*k+p] = 0, 0
				for r := range k {
					vrp, vrq := vecs[r*k+p], vecs[r*k+q]
					vecs[r*k+p], vecs[r*k+q] = c*vrp-s*vrq, s*vrp+c*vrq
				}
			}
		}
	}
	vals = make([]float64, k)
	for i := range k {
		vals[i] = m[i*k+i]
	}
	return vals, vecs, nil
}
