package cxmetrics

import (
	"fmt"
	"math"
)

// MaxDrivers is the largest number of drivers (attribute ratings per
// respondent) a [Drivers] accumulator may have. Its memory is
// 8 × ((k+1)(k+2)/2 + 2(k+1)) bytes for k drivers, about 270 KB at the
// limit, and [RelativeWeights] takes O(k³) work.
const MaxDrivers = 256

// Respondent is one respondent's answers for key driver analysis: the
// outcome (the 0-10 likelihood to recommend, a CSAT answer) and one rating
// per driver (support, price, onboarding, …), in the order the [Drivers]
// accumulator numbers its drivers.
//
// A rating the respondent did not give is marked in Missing, never by a
// special value: Missing is nil when every rating was given, or has one
// entry per rating, true for each rating not given. The value of a missing
// rating is not read. NaN and the infinities are refused as ratings
// ([ErrInvalidArgument]), so that a spreadsheet's NaN cannot pass for a
// rating or for "missing" by accident.
//
// A Respondent is a plain value; it is safe for concurrent use while no
// goroutine writes to its slices.
type Respondent struct {
	Outcome float64   // the outcome answer, on the accumulator's outcome scale
	Ratings []float64 // one rating per driver, on the accumulator's rating scale
	Missing []bool    // nil, or Missing[j] true when rating j was not given
}

// Drivers accumulates respondent-level data for key driver analysis: an
// outcome and k attribute ratings per respondent. It keeps only the
// sufficient statistics of a linear model, the count n, the means and the
// matrix of co-moments (sums of cross-products of deviations from the
// means) of the k+1 variables, so that its memory is O(k²) however many
// respondents it is given, and two accumulators of the same shape merge
// ([Drivers.Merge]) as if one had seen every respondent.
//
// Each respondent updates the statistics as Welford (1962) updates a
// variance, generalised to co-moments: with x the respondent's k+1 values
// (the outcome first), n the count after the update, δ = x − mean before
// it,
//
//	mean  += δ / n
//	C[i][j] += (n − 1)/n × δᵢ × δⱼ
//
// and two accumulators a and b merge by Chan, Golub and LeVeque (1979):
//
//	n    = na + nb,  δ = mean_b − mean_a
//	mean = mean_a + δ × nb / n
//	C    = Ca + Cb + δδᵀ × na × nb / n
//
// Both are stable: no sum of squares of raw values is formed, so ratings
// with a large mean and a small spread lose no precision to cancellation.
// Merged shards equal one pass to rounding, not bit for bit: in the tests
// the correlations agree within 1e-12 and the means within 1e-12 of the
// scale's width.
//
// Missing ratings follow listwise deletion: a respondent with any rating
// marked missing is counted ([Drivers.Skipped]) and otherwise left out.
// Pairwise deletion (each correlation from the respondents who gave both
// ratings) would need a count, two means and a co-moment per pair of
// variables to stay mergeable and exact, and yields a correlation matrix
// that need not be positive semi-definite, so that R² can exceed 1 and
// relative weights come out imaginary; listwise deletion keeps one
// consistent sample for every figure.
//
// Create a Drivers with [NewDrivers]. The zero value has no shape: every
// add to it fails with [ErrInvalidArgument]. A Drivers is not safe for
// concurrent use; give each goroutine its own and merge them. Len, Count
// and Skipped panic if called on a nil *Drivers, as a nil map would;
// Add, Merge, the marshalers and the functions that take a Drivers
// return [ErrInvalidArgument] for a nil or zero-value one instead. A
// method that returns an error leaves the Drivers as it was.
type Drivers struct {
	k                    int
	outcome, rating      Scale
	n, skipped           int64
	mean                 []float64 // k+1 means, the outcome's first
	comoment             []float64 // upper triangle of the (k+1)×(k+1) co-moments, row by row
	delta                []float64 // scratch for Add, so that it allocates nothing
	outcomeLo, outcomeHi float64
	ratingLo, ratingHi   float64
}

// NewDrivers returns an empty accumulator for k drivers, with outcomes on
// the scale outcome (such as [NPSScale]) and ratings on the scale rating
// (such as [CSATScale]). A value between two points of a scale, such as a
// mean of several answers, is accepted: the scale bounds the values, it
// does not round them.
//
// Special cases are:
//
//	k < 1 or k > MaxDrivers     ErrInvalidArgument
//	a scale Validate refuses    ErrInvalidScale
func NewDrivers(k int, outcome, rating Scale) (*Drivers, error) {
	if !(k >= 1 && k <= MaxDrivers) {
		return nil, fmt.Errorf("%w: %d drivers (need 1 to %d)", ErrInvalidArgument, k, MaxDrivers)
	}
	if err := outcome.Validate(); err != nil {
		return nil, fmt.Errorf("outcome scale: %w", err)
	}
	if err := rating.Validate(); err != nil {
		return nil, fmt.Errorf("rating scale: %w", err)
	}
	return newDrivers(k, outcome, rating), nil
}

// newDrivers returns an empty Drivers of a shape already checked.
func newDrivers(k int, outcome, rating Scale) *Drivers {
	m := k + 1
	return &Drivers{
		k: k, outcome: outcome, rating: rating,
		mean:      make([]float64, m),
		comoment:  make([]float64, m*(m+1)/2),
		delta:     make([]float64, m),
		outcomeLo: float64(outcome.Min), outcomeHi: float64(outcome.Max),
		ratingLo: float64(rating.Min), ratingHi: float64(rating.Max),
	}
}

// argument returns an error wrapping [ErrInvalidArgument] if d, given to a
// function as what, is nil or the zero Drivers.
func (d *Drivers) argument(what string) error {
	if d == nil || d.mean == nil {
		return fmt.Errorf("%w: %s is a nil or zero-value Drivers (use NewDrivers)", ErrInvalidArgument, what)
	}
	return nil
}

// Len returns the number of drivers k, or 0 for the zero value.
func (d *Drivers) Len() int { return d.k }

// Count returns the number of respondents in the statistics: those added
// with every rating given, and those of merged accumulators.
func (d *Drivers) Count() int64 { return d.n }

// Skipped returns the number of respondents left out by listwise deletion
// because a rating was marked missing.
func (d *Drivers) Skipped() int64 { return d.skipped }

// Add adds one respondent to the statistics, or, if any of its ratings is
// marked missing, counts it in [Drivers.Skipped] and leaves the statistics
// as they were (listwise deletion). The values of a respondent with a
// missing rating are still checked, except the missing ones, so that bad
// data is not hidden by a gap beside it. Add allocates nothing and takes
// O(k²) time.
//
// Special cases are:
//
//	zero-value Drivers                              ErrInvalidArgument
//	len(Ratings) != k, or Missing not nil or k long ErrInvalidArgument
//	an outcome or a rating NaN or infinite          ErrInvalidArgument
//	an outcome or a rating outside its scale        ErrOutOfRange
//	the count would pass int64                      ErrOverflow
//
// On error the Drivers is unchanged.
func (d *Drivers) Add(r Respondent) error {
	if err := d.argument("the accumulator"); err != nil {
		return err
	}
	if len(r.Ratings) != d.k {
		return fmt.Errorf("%w: %d ratings for %d drivers", ErrInvalidArgument, len(r.Ratings), d.k)
	}
	if r.Missing != nil && len(r.Missing) != d.k {
		return fmt.Errorf("%w: %d missing flags for %d drivers", ErrInvalidArgument, len(r.Missing), d.k)
	}
	if err := checkValue(r.Outcome, d.outcomeLo, d.outcomeHi, d.outcome, -1); err != nil {
		return err
	}
	incomplete := false
	for j, x := range r.Ratings {
		if r.Missing != nil && r.Missing[j] {
			incomplete = true
			continue
		}
		if err := checkValue(x, d.ratingLo, d.ratingHi, d.rating, j); err != nil {
			return err
		}
	}
	if incomplete {
		if d.skipped == math.MaxInt64 {
			return fmt.Errorf("%w: more than %d skipped respondents", ErrOverflow, d.skipped)
		}
		d.skipped++
		return nil
	}
	if d.n == math.MaxInt64 {
		return fmt.Errorf("%w: more than %d respondents", ErrOverflow, d.n)
	}
	d.n++
	n := float64(d.n)
	delta := d.delta
	delta[0] = r.Outcome - d.mean[0]
	d.mean[0] = clamp(d.mean[0]+delta[0]/n, d.outcomeLo, d.outcomeHi)
	for j, x := range r.Ratings {
		delta[j+1] = x - d.mean[j+1]
		d.mean[j+1] = clamp(d.mean[j+1]+delta[j+1]/n, d.ratingLo, d.ratingHi)
	}
	f := (n - 1) / n
	c := d.comoment
	p := 0
	for i, di := range delta {
		s := f * di
		row := c[p : p+len(delta)-i]
		for j, dj := range delta[i:] {
			row[j] += s * dj
		}
		p += len(delta) - i
	}
	return nil
}

// checkValue returns an error unless x is finite and within lo to hi, the
// bounds of scale. driver is the index of the driver rated, or −1 for the
// outcome.
func checkValue(x, lo, hi float64, scale Scale, driver int) error {
	if x >= lo && x <= hi {
		return nil
	}
	name := "outcome"
	if driver >= 0 {
		name = fmt.Sprintf("rating of driver %d", driver)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("%w: %s is %v", ErrInvalidArgument, name, x)
	}
	return fmt.Errorf("%w: %s %v on scale %v", ErrOutOfRange, name, x, scale)
}

// Merge adds the statistics of other to d, as if every respondent other
// was given had been added to d, by the pairwise update of Chan, Golub
// and LeVeque (1979) in the [Drivers] doc. The skipped counts add up.
// Merging is commutative and associative to rounding. other is not
// changed; d may be other, which counts every respondent twice.
//
// Special cases are:
//
//	d or other nil or zero-value                   ErrInvalidArgument
//	other with another number of drivers           ErrInvalidArgument
//	other with another outcome or rating scale     ErrScaleMismatch
//	the count would pass int64                     ErrOverflow
//	a co-moment would pass float64 (only decoded
//	statistics near the largest float64 can)       ErrOverflow
//
// On error d is unchanged.
func (d *Drivers) Merge(other *Drivers) error {
	if err := other.argument("the Drivers merged"); err != nil {
		return err
	}
	if err := d.argument("the accumulator"); err != nil {
		return err
	}
	if d.k != other.k {
		return fmt.Errorf("%w: merging %d drivers into %d", ErrInvalidArgument, other.k, d.k)
	}
	if d.outcome != other.outcome || d.rating != other.rating {
		return fmt.Errorf("%w: merging outcome %v, ratings %v into outcome %v, ratings %v",
			ErrScaleMismatch, other.outcome, other.rating, d.outcome, d.rating)
	}
	if d.n > math.MaxInt64-other.n || d.skipped > math.MaxInt64-other.skipped {
		return fmt.Errorf("%w: merging %d respondents (%d skipped) into %d (%d skipped)",
			ErrOverflow, other.n, other.skipped, d.n, d.skipped)
	}
	d.skipped += other.skipped
	switch {
	case other.n == 0:
		return nil
	case d.n == 0:
		copy(d.mean, other.mean)
		copy(d.comoment, other.comoment)
		d.n = other.n
		return nil
	}
	na, nb := float64(d.n), float64(other.n)
	n := na + nb
	delta := d.delta
	for i := range delta {
		delta[i] = other.mean[i] - d.mean[i]
	}
	f := na * nb / n
	// A decoded Drivers may hold co-moments near the largest float64,
	// whose sum is infinite: check every sum before changing any, so
	// that d is unchanged on error and never holds an infinity.
	p := 0
	for i, di := range delta {
		s := f * di
		for j := i; j < len(delta); j++ {
			if x := d.comoment[p] + (other.comoment[p] + s*delta[j]); math.IsInf(x, 0) {
				return fmt.Errorf("%w: co-moment of variables %d and %d, %v + %v, past float64", ErrOverflow, i, j, d.comoment[p], other.comoment[p])
			}
			p++
		}
	}
	p = 0
	for i, di := range delta {
		s := f * di
		for j := i; j < len(delta); j++ {
			d.comoment[p] += other.comoment[p] + s*delta[j]
			p++
		}
	}
	for i, di := range delta {
		d.mean[i] += di * (nb / n)
	}
	d.mean[0] = clamp(d.mean[0], d.outcomeLo, d.outcomeHi)
	for j := 1; j < len(d.mean); j++ {
		d.mean[j] = clamp(d.mean[j], d.ratingLo, d.ratingHi)
	}
	d.n += other.n
	return nil
}

// clamp returns x limited to [lo, hi]: a mean of values in that range can
// only leave it by rounding.
func clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }

// at returns the co-moment of variables i and j (0 the outcome, j the
// driver j−1), from the upper triangle.
func (d *Drivers) at(i, j int) float64 {
	if i > j {
		i, j = j, i
	}
	m := d.k + 1
	return d.comoment[i*m-i*(i-1)/2+j-i]
}
