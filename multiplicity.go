package cxmetrics

import (
	"cmp"
	"fmt"
	"slices"
)

// This file holds the adjustment of p-values for multiple comparisons.
// The comparisons across segments (segments.go) report their p-values
// adjusted by it, beside the raw ones.

// Adjustment names a method of adjusting p-values for multiple
// comparisons: run twenty tests at 5% on data with no differences at all
// and one will come out "significant" on average. An adjusted p-value is
// compared with alpha as a raw one is, and the method decides what the
// alpha then controls.
//
// The zero value is not a method: [AdjustP] and the segment comparisons
// refuse it with [ErrInvalidArgument], so that forgetting to choose does
// not silently mean no adjustment.
//
// An Adjustment is a plain value; it is safe for concurrent use.
type Adjustment int

const (
	// Holm is Holm's step-down method, which controls the family-wise
	// error rate (the chance of even one false alarm among the tests) at
	// alpha, as Bonferroni does, and is never less powerful than it.
	// Source: Holm, "A Simple Sequentially Rejective Multiple Test
	// Procedure", Scandinavian Journal of Statistics 6(2), 1979; R's
	// p.adjust(p, "holm").
	Holm Adjustment = iota + 1

	// BenjaminiHochberg is the step-up method of Benjamini and Hochberg,
	// which controls the false discovery rate (the expected share of
	// false alarms among the differences reported) at alpha, for
	// independent or positively dependent tests. It finds more
	// differences than Holm when many are real. Source: Benjamini and
	// Hochberg, "Controlling the False Discovery Rate", Journal of the
	// Royal Statistical Society B 57(1), 1995; R's p.adjust(p, "BH").
	BenjaminiHochberg

	// Bonferroni multiplies each p-value by the number of tests. It
	// controls the family-wise error rate under any dependence, like
	// Holm, which rejects everything it rejects and sometimes more.
	// Source: Dunn, "Multiple Comparisons Among Means", JASA 56, 1961;
	// R's p.adjust(p, "bonferroni").
	Bonferroni

	// NoAdjustment leaves each p-value as it is: the adjusted p-value is
	// the raw one. R's p.adjust(p, "none").
	NoAdjustment
)

// String returns the name of the method as a report would print it:
// "Holm", "Benjamini-Hochberg", "Bonferroni" or "none".
func (a Adjustment) String() string {
	switch a {
	case Holm:
		return "Holm"
	case BenjaminiHochberg:
		return "Benjamini-Hochberg"
	case Bonferroni:
		return "Bonferroni"
	case NoAdjustment:
		return "none"
	}
	return fmt.Sprintf("Adjustment(%d)", int(a))
}

// checkAdjustment returns an error wrapping [ErrInvalidArgument] unless a
// is one of the methods.
func checkAdjustment(a Adjustment) error {
	if !(a >= Holm && a <= NoAdjustment) {
		return fmt.Errorf("%w: p-value adjustment %v", ErrInvalidArgument, a)
	}
	return nil
}

// AdjustP returns the p-values p adjusted for multiple comparisons by
// method, in a new slice in the order of p; p is not changed. With the
// n p-values sorted in increasing order, p₍₁₎ <= … <= p₍ₙ₎,
//
//	Holm:               p̃₍ᵢ₎ = min(1, max over j <= i of (n − j + 1) p₍ⱼ₎)
//	BenjaminiHochberg:  p̃₍ᵢ₎ = min(1, min over j >= i of n p₍ⱼ₎ / j)
//	Bonferroni:         p̃₍ᵢ₎ = min(1, n p₍ᵢ₎)
//	NoAdjustment:       p̃₍ᵢ₎ = p₍ᵢ₎
//
// The running maximum and minimum make the adjusted p-values keep the
// order of the raw ones (a smaller raw p never gets a larger adjusted
// p), and each adjusted p lies from its raw p to 1. Equal raw p-values
// get equal adjusted ones. A difference is significant at level alpha,
// with the error rate the method controls, when its adjusted p is below
// alpha. The results are those of R's p.adjust(p, method) to the last
// digit or two. Sources: Holm 1979; Benjamini and Hochberg 1995; R Core
// Team, p.adjust (stats package).
//
// n is the number of p-values given: adjust the whole family of tests at
// once, not one subset at a time.
//
// Special cases are:
//
//	p empty                          an empty slice, no error
//	method not one of the constants  ErrInvalidArgument
//	p[i] outside [0, 1] or NaN       ErrOutOfRange, naming i
func AdjustP(p []float64, method Adjustment) ([]float64, error) {
	if err := checkAdjustment(method); err != nil {
		return nil, err
	}
	for i, v := range p {
		if !(v >= 0 && v <= 1) {
			return nil, fmt.Errorf("%w: p[%d] = %v is not a p-value in [0, 1]", ErrOutOfRange, i, v)
		}
	}
	out := make([]float64, len(p))
	n := float64(len(p))
	switch method {
	case NoAdjustment:
		for i, v := range p {
			out[i] = v + 0 // + 0: a raw p of −0 comes back as 0
		}
		return out, nil
	case Bonferroni:
		for i, v := range p {
			out[i] = min(1, n*v) + 0
		}
		return out, nil
	}
	// order[k] is the k-th smallest p-value with its index in p; ties
	// keep their input order, as R's order() does. Sorting the values
	// beside their indices, with the index breaking ties, took half the
	// time of a stable sort of indices alone at 10⁴ p-values.
	order := make([]indexedP, len(p))
	for i, v := range p {
		order[i] = indexedP{v, i}
	}
	slices.SortFunc(order, func(a, b indexedP) int {
		return cmp.Or(cmp.Compare(a.p, b.p), cmp.Compare(a.i, b.i))
	})
	if method == Holm {
		// Step down from the smallest: (n − k) p₍ₖ₊₁₎ for k from 0, the
		// running maximum, capped at 1.
		run := 0.0
		for k, o := range order {
			run = max(run, min(1, float64(len(p)-k)*o.p))
			out[o.i] = run
		}
		return out, nil
	}
	// Benjamini–Hochberg steps up from the largest: n / (k + 1) × p₍ₖ₊₁₎,
	// the running minimum. n / (k + 1) >= 1 rounds to at least 1, so no
	// term falls below its raw p.
	run := 1.0
	for k := len(order) - 1; k >= 0; k-- {
		o := order[k]
		run = min(run, n/float64(k+1)*o.p)
		out[o.i] = run + 0
	}
	return out, nil
}

// indexedP is a p-value and its index in the slice given to [AdjustP].
type indexedP struct {
	p float64
	i int
}
