package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
)

// This file holds the key driver analysis: the attribute ratings of each
// respondent (-driver-cols) streamed into a cxmetrics.Drivers with the
// NPS answer as the outcome, as the rows are read, and the drivers'
// importance from it (cxmetrics.RelativeWeights and ShapleyRegression).

// DriversReport is the key driver analysis of an answers file: how much
// of the NPS answer's variance the attribute ratings explain, and how it
// is shared among them, with each attribute's mean rating.
type DriversReport struct {
	Outcome     string         `json:"outcome"` // "NPS answer, 0-10"
	Scale       string         `json:"scale"`   // of the ratings (-driver-scale)
	Method      string         `json:"method"`
	Respondents int64          `json:"respondents"` // rows with an NPS answer
	Used        int64          `json:"used"`        // of them, those who rated every driver: the figures' sample
	Skipped     int64          `json:"skipped"`     // of them, those left out for a missing rating (listwise deletion)
	RSquared    *float64       `json:"r_squared"`   // fraction of the outcome's variance explained; null when absent
	Drivers     []DriverFigure `json:"drivers"`     // in the order of -driver-cols; null when absent
	Absent      string         `json:"absent,omitempty"`
}

// DriverFigure is one attribute of a key driver analysis.
type DriverFigure struct {
	Name         string   `json:"name"`
	Share        float64  `json:"share"`         // relative weight, percent of R²; the shares add up to 100
	Weight       float64  `json:"weight"`        // relative weight, fraction of the outcome's variance; they add up to R²
	ShapleyShare *float64 `json:"shapley_share"` // Shapley value regression, percent of R²; null past maxShapley drivers
	Mean         float64  `json:"mean"`          // mean rating: the attribute's performance
	Correlation  float64  `json:"correlation"`   // with the NPS answer
	Quadrant     string   `json:"quadrant"`      // fix first, keep up, maintain or watch
}

// maxShapley is the most drivers whose Shapley values the report adds:
// they take 2^k regressions.
const maxShapley = 15

// The quadrants of the importance × performance chart, by whether a
// driver's share is above the mean share and its rating above the mean
// rating.
var quadrants = map[[2]bool]string{
	{true, false}:  "fix first", // important, rated low
	{true, true}:   "keep up",
	{false, true}:  "maintain",
	{false, false}: "watch",
}

// driverTally reads the rating columns of the respondents of an answers
// file into a cxmetrics.Drivers, in memory that does not grow with the
// rows. A nil *driverTally reads nothing.
type driverTally struct {
	names   []string // the columns, as the header has them
	cols    []int
	scale   cxmetrics.Scale
	d       *cxmetrics.Drivers
	r       cxmetrics.Respondent // the ratings of the current row
	rows    int64                // respondents: rows with an NPS answer
	given   []int64              // ratings given in each column, by respondents
	lo, hi  []float64            // least and greatest rating of each column, by respondents who gave every one
	started bool                 // lo and hi hold a respondent
}

// newDriverTally finds the columns of cfg.driverCols in f's header, or
// returns nil without them.
func newDriverTally(f *csvFile, cfg answerConfig) (*driverTally, error) {
	k := len(cfg.driverCols)
	if k == 0 {
		return nil, nil
	}
	t := &driverTally{scale: cfg.driverScale, given: make([]int64, k), lo: make([]float64, k), hi: make([]float64, k),
		r: cxmetrics.Respondent{Ratings: make([]float64, k), Missing: make([]bool, k)}}
	for _, name := range cfg.driverCols {
		i, err := f.column(name, "driver-cols", true)
		if err != nil {
			return nil, err
		}
		t.cols, t.names = append(t.cols, i), append(t.names, f.header[i])
	}
	var err error
	if t.d, err = cxmetrics.NewDrivers(k, cxmetrics.NPSScale, cfg.driverScale); err != nil {
		return nil, err // the flags were checked
	}
	return t, nil
}

// parse reads the ratings of the current row rec. An empty cell is a
// rating not given; a cell that is not a whole number on the scale is a
// bad row: an error, or false after counting it as skipped under
// -skip-bad. Every row's ratings are checked, whether it has an NPS
// answer or not.
func (t *driverTally) parse(f *csvFile, rec []string) (bool, error) {
	if t == nil {
		return true, nil
	}
	for j, col := range t.cols {
		score, err := exports.Score(rec[col])
		if errors.Is(err, exports.ErrEmpty) {
			t.r.Missing[j] = true
			continue
		}
		if err == nil && !t.scale.Contains(score) {
			err = fmt.Errorf("is outside %v (-driver-scale)", t.scale)
		}
		if err != nil {
			if err := f.bad(col, "rating %q of %s %v", rec[col], t.names[j], err); err != nil {
				return false, err
			}
			return false, nil
		}
		t.r.Missing[j], t.r.Ratings[j] = false, float64(score)
	}
	return true, nil
}

// add adds the ratings parse read, with outcome the row's NPS answer.
func (t *driverTally) add(outcome int) error {
	if t == nil {
		return nil
	}
	t.rows++
	complete := true
	for j, missing := range t.r.Missing {
		if missing {
			complete = false
		} else {
			t.given[j]++
		}
	}
	if complete {
		for j, x := range t.r.Ratings {
			if !t.started || x < t.lo[j] {
				t.lo[j] = x
			}
			if !t.started || x > t.hi[j] {
				t.hi[j] = x
			}
		}
		t.started = true
	}
	t.r.Outcome = float64(outcome)
	return t.d.Add(t.r) // in range: only an overflow past 2^63 respondents
}

// report computes the key drivers, or says why there are none.
func (t *driverTally) report() *DriversReport {
	if t == nil {
		return nil
	}
	r := &DriversReport{
		Outcome: "NPS answer, 0-10", Scale: t.scale.String(),
		Method:      "relative weights (Johnson 2000)",
		Respondents: t.rows, Used: t.d.Count(), Skipped: t.d.Skipped(),
	}
	k := len(t.names)
	if k <= maxShapley {
		r.Method += "; Shapley value regression (Lipovetsky and Conklin 2001) beside them"
	}
	if r.Absent = t.absent(); r.Absent != "" {
		return r
	}
	kd, err := cxmetrics.RelativeWeights(t.d)
	if err != nil {
		r.Absent = "no key drivers: " + strings.TrimPrefix(err.Error(), "cxmetrics: ")
		return r
	}
	var shapley cxmetrics.KeyDrivers
	if k <= maxShapley {
		shapley, _ = cxmetrics.ShapleyRegression(t.d) // fails only where RelativeWeights does
	}
	var meanRating float64
	for _, dr := range kd.Drivers {
		meanRating += dr.Mean / float64(k)
	}
	r.RSquared = ptr(round(kd.RSquared))
	for j, dr := range kd.Drivers {
		f := DriverFigure{
			Name: t.names[j], Share: round(dr.Share), Weight: round(dr.Weight),
			Mean: round(dr.Mean), Correlation: round(dr.Correlation),
			Quadrant: quadrants[[2]bool{dr.Share > 100/float64(k), dr.Mean > meanRating}],
		}
		if len(shapley.Drivers) == k {
			f.ShapleyShare = ptr(round(shapley.Drivers[j].Share))
		}
		r.Drivers = append(r.Drivers, f)
	}
	return r
}

// absent says why the ratings read cannot give key drivers, in the
// words of the file: a column with no ratings, a column with one rating
// only, too few respondents. It returns "" when they may.
func (t *driverTally) absent() string {
	k := len(t.names)
	if t.rows == 0 {
		return "no key drivers: no row has an NPS answer, the outcome the ratings are weighed against"
	}
	var empty []string
	for j, n := range t.given {
		if n == 0 {
			empty = append(empty, t.names[j])
		}
	}
	if len(empty) > 0 {
		return fmt.Sprintf("no key drivers: column %s has no ratings, so no respondent rated every driver", strings.Join(empty, ", "))
	}
	if t.d.Count() == 0 {
		return "no key drivers: no respondent rated every driver"
	}
	for j := range t.names {
		if t.lo[j] == t.hi[j] {
			return fmt.Sprintf("no key drivers: every respondent who rated all the drivers gave %s the same rating, %v, so it explains nothing",
				t.names[j], t.lo[j])
		}
	}
	if n := t.d.Count(); n < int64(k)+2 {
		return fmt.Sprintf("no key drivers: %s rated every driver, and %d drivers need at least %d",
			plural(n, "respondent"), k, k+2)
	}
	return ""
}

// sampleDriverCols are the rating columns of the embedded sample, which
// it reads as drivers unless -driver-cols names others.
var sampleDriverCols = []string{"support", "price", "onboarding", "product"}

// parseDriverCols reads -driver-cols: column names separated by commas,
// each named once, at most cxmetrics.MaxDrivers of them.
func parseDriverCols(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var cols []string
	seen := map[string]bool{}
	for _, c := range strings.Split(s, ",") {
		c = strings.TrimSpace(c)
		key := strings.ToLower(c)
		switch {
		case c == "":
			return nil, errors.New("an empty column name; want names separated by commas, such as support,price")
		case seen[key]:
			return nil, fmt.Errorf("column %q named twice", c)
		}
		seen[key] = true
		cols = append(cols, c)
	}
	if len(cols) > cxmetrics.MaxDrivers {
		return nil, fmt.Errorf("%d columns, at most %d", len(cols), cxmetrics.MaxDrivers)
	}
	return cols, nil
}
