package cxmetrics_test

import (
	"cmp"
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// This file holds the helpers that tests in more than one file share, by
// subject in the order of the package doc: survey answers, intervals,
// retention and revenue, lifetime value and health, benchmarks' sinks, and
// MRR movements and their memory.

// counts returns the Survey's counts from Min to Max.
func counts(s *cxmetrics.Survey) []int64 {
	sc := s.Scale()
	c := make([]int64, 0, sc.Points())
	for i := range sc.Points() { // not v <= Max: Max may be MaxInt
		c = append(c, s.Count(sc.Min+i))
	}
	return c
}

// mustSurvey returns a Survey on scale with the given counts from Min up.
func mustSurvey(t testing.TB, scale cxmetrics.Scale, c ...int64) *cxmetrics.Survey {
	t.Helper()
	s, err := cxmetrics.NewSurvey(scale)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range c {
		if err := s.AddN(scale.Min+i, n); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// answers returns n reproducible random answers on scale.
func answers[E cxmetrics.Integer](n int, scale cxmetrics.Scale) []E {
	r := rand.New(rand.NewPCG(1, 2))
	a := make([]E, n)
	for i := range a {
		a[i] = E(scale.Min + r.IntN(scale.Points()))
	}
	return a
}

// approx compares to 1e-9 absolute, for figures in percent or points.
var approx = cmpopts.EquateApprox(0, 1e-9)

// relApprox compares to 1e-9 relative, for figures far below 1 in size
// whose precision approx, an absolute margin, cannot see.
var relApprox = cmpopts.EquateApprox(1e-9, 0)

// mustNPS returns the NPSResult of counts p, pa and d, or fails t.
func mustNPS(t testing.TB, p, pa, d int64) cxmetrics.NPSResult {
	t.Helper()
	r, err := cxmetrics.NPSFromCounts(p, pa, d)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// cesOf returns the CES (HigherIsEasier) of a survey on scale with counts.
func cesOf(t testing.TB, scale cxmetrics.Scale, counts map[int]int64) cxmetrics.CESResult {
	t.Helper()
	s, err := cxmetrics.NewSurvey(scale)
	if err != nil {
		t.Fatal(err)
	}
	for score, n := range counts {
		if err := s.AddN(score, n); err != nil {
			t.Fatal(err)
		}
	}
	r, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// wAnswer is one answer with its sampling weight.
type wAnswer struct {
	score  int
	weight float64
}

// weighted returns a WeightedSurvey on scale holding answers.
func weighted(t testing.TB, scale cxmetrics.Scale, answers []wAnswer) *cxmetrics.WeightedSurvey {
	t.Helper()
	s, err := cxmetrics.NewWeightedSurvey(scale)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		if err := s.Add(a.score, a.weight); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// periodCase is one period with the figures expected of it. A figure
// whose want is NaN is not checked.
type periodCase struct {
	name    string
	p       cxmetrics.Period
	wantErr error
	lost    int64
	// retention, churn and stripe are in percent.
	retention, churn, stripe float64
}

// periodCases are the periods of the retention and churn rate tests.
var periodCases = []periodCase{
	{
		// No new customers: the shortcut and the definition agree.
		name: "no new customers",
		p:    cxmetrics.Period{Start: 200, End: 190, New: 0},
		lost: 10, // 200 + 0 − 190
		// 100 × (190 − 0) / 200, 100 × 10 / 200, 100 × 10 / (200 + 0)
		retention: 95, churn: 5, stripe: 5,
	},
	{
		// The seed article's shortcut (S − E) / S would say −10% churn
		// for this growing business; 10 customers were in fact lost.
		name: "growing business, shortcut would be negative",
		p:    cxmetrics.Period{Start: 100, End: 110, New: 20},
		lost: 10, // 100 + 20 − 110
		// 100 × (110 − 20) / 100, 100 × 10 / 100, 100 × 10 / (100 + 20)
		retention: 90, churn: 10, stripe: 100.0 / 12,
	},
	{
		// Stripe's example shape: 1,000 subscribers at the start, 50
		// cancel, 100 join.
		name: "Stripe denominator counts new subscribers",
		p:    cxmetrics.Period{Start: 1000, End: 1050, New: 100},
		lost: 50, // 1000 + 100 − 1050
		// 100 × 950 / 1000, 100 × 50 / 1000, 100 × 50 / 1100
		retention: 95, churn: 5, stripe: 5000.0 / 1100,
	},
	{
		name: "everyone lost",
		p:    cxmetrics.Period{Start: 40, End: 7, New: 7},
		lost: 40, // 40 + 7 − 7
		// 100 × 0 / 40, 100 × 40 / 40, 100 × 40 / 47
		retention: 0, churn: 100, stripe: 4000.0 / 47,
	},
	{
		name:      "everyone kept",
		p:         cxmetrics.Period{Start: 3, End: 3, New: 0},
		lost:      0,
		retention: 100, churn: 0, stripe: 0,
	},
	{
		// Counts near the top of int64 are exact in the integers.
		name: "huge counts",
		p:    cxmetrics.Period{Start: math.MaxInt64, End: math.MaxInt64, New: 0},
		lost: 0, retention: 100, churn: 0, stripe: 0,
	},
	{name: "zero start", p: cxmetrics.Period{Start: 0, End: 5, New: 5}, wantErr: cxmetrics.ErrZeroStart, lost: 0},
	{name: "zero period", p: cxmetrics.Period{}, wantErr: cxmetrics.ErrZeroStart, lost: 0},
	{name: "negative start", p: cxmetrics.Period{Start: -1, End: 5, New: 5}, wantErr: cxmetrics.ErrNegative},
	{name: "negative end", p: cxmetrics.Period{Start: 10, End: -5, New: 0}, wantErr: cxmetrics.ErrNegative},
	{name: "negative new", p: cxmetrics.Period{Start: 10, End: 5, New: -1}, wantErr: cxmetrics.ErrNegative},
	{name: "more new than at the end", p: cxmetrics.Period{Start: 10, End: 5, New: 6}, wantErr: cxmetrics.ErrInconsistent},
	{name: "more retained than at the start", p: cxmetrics.Period{Start: 10, End: 25, New: 5}, wantErr: cxmetrics.ErrInconsistent},
}

// checkPeriodFigure checks got and err, a figure of tc.p, against want.
func checkPeriodFigure(t *testing.T, tc periodCase, want, got float64, err error) {
	t.Helper()
	if tc.wantErr != nil {
		if !errors.Is(err, tc.wantErr) {
			t.Fatalf("%+v: error %v, want %v", tc.p, err, tc.wantErr)
		}
		return
	}
	if err != nil {
		t.Fatalf("%+v: unexpected error %v", tc.p, err)
	}
	if diff := gocmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("%+v: mismatch (-want +got):\n%s", tc.p, diff)
	}
}

// revFig is one expected figure: a value, or an error.
type revFig struct {
	v   float64
	err error
}

// revVal is an expected figure of value v.
func revVal(v float64) revFig { return revFig{v: v} }

// revFail is an expected figure that fails with err.
func revFail(err error) revFig { return revFig{err: err} }

// revenueCase is one revenue period with every figure expected of it.
type revenueCase struct {
	name string
	r    cxmetrics.RevenuePeriod
	// In percent, but quick, a ratio.
	nrr, netChurn, chartMogulNet, grr, grossChurn, quick revFig
}

// revenueFigures are the package's figures of one RevenuePeriod.
var revenueFigures = []struct {
	name string
	f    func(cxmetrics.RevenuePeriod) (float64, error)
}{
	{"NetRevenueRetention", cxmetrics.NetRevenueRetention},
	{"NetRevenueChurn", cxmetrics.NetRevenueChurn},
	{"ChartMogulNetMRRChurn", cxmetrics.ChartMogulNetMRRChurn},
	{"GrossRevenueRetention", cxmetrics.GrossRevenueRetention},
	{"GrossRevenueChurn", cxmetrics.GrossRevenueChurn},
	{"QuickRatio", cxmetrics.QuickRatio},
}

// revenueEncodingCases are periods of every form, each encoded and decoded
// in both forms by revenue_encoding_test.go and FuzzRevenuePeriodEncodings.
var revenueEncodingCases = []cxmetrics.RevenuePeriod{
	{},                              // the zero value: totals form
	{Start: 100, End: 120, New: 10}, // totals form
	cxmetrics.RevenuePeriod{}.WithBreakdown(),
	cxmetrics.RevenuePeriod{Start: 4900, End: 4900}.WithBreakdown(), // steady
	{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60},
	{Start: math.MaxInt64, End: math.MaxInt64 - 1, Churned: 1},
}

// unknownSignal is a health signal that is not known.
var unknownSignal = math.NaN()

// finiteFigure reports whether x is neither NaN nor infinite.
func finiteFigure(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// bigF and its kin compute in 256-bit binary floating point, far past
// float64, so that a formula checked with them is not the code's own
// float64 arithmetic in another dress.
func bigF(x float64) *big.Float { return new(big.Float).SetPrec(256).SetFloat64(x) }

// bigAdd returns a + b.
func bigAdd(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(256).Add(a, b) }

// bigMul returns the product of xs.
func bigMul(xs ...*big.Float) *big.Float {
	p := bigF(1)
	for _, x := range xs {
		p.Mul(p, x)
	}
	return p
}

// bigDiv returns a/b as a float64, +Inf past its range.
func bigDiv(a, b *big.Float) float64 {
	f, _ := new(big.Float).SetPrec(256).Quo(a, b).Float64()
	return f
}

// Sinks keep the compiler from dropping the benchmarked calls.
var (
	retSinkFloat  float64
	retSinkInt    int64
	retSinkBool   bool
	retSinkHealth cxmetrics.HealthResult
	retSinkErr    error
)

// rec is a record of a customer named by a string.
type rec = cxmetrics.MRRRecord[string]

// orders are both Orders, for tests that run a history in each.
var orders = []cxmetrics.Order{cxmetrics.AnyOrder, cxmetrics.PeriodOrder}

// byPeriod returns records sorted by period, keeping the order of the
// records of one period, as PeriodOrder needs them.
func byPeriod[K comparable](records []cxmetrics.MRRRecord[K]) []cxmetrics.MRRRecord[K] {
	return slices.SortedStableFunc(slices.Values(records), func(a, b cxmetrics.MRRRecord[K]) int {
		return cmp.Compare(a.Period, b.Period)
	})
}

// ragged returns the ragged table of periods cohorts with every cell 0,
// with rows given by rows replaced.
func ragged(periods int, rows map[int][]int64) [][]int64 {
	t := make([][]int64, periods)
	for c := range t {
		t[c] = make([]int64, periods-c)
		copy(t[c], rows[c])
	}
	return t
}

// withBreakdowns returns ps, each marked as having its movement breakdown,
// as every period of an MRRHistory is: a steady period of a history has a
// GRR, where the same literal in totals form has none.
func withBreakdowns(ps []cxmetrics.RevenuePeriod) []cxmetrics.RevenuePeriod {
	out := make([]cxmetrics.RevenuePeriod, len(ps))
	for i, p := range ps {
		out[i] = p.WithBreakdown()
	}
	return out
}

// keyedMovements returns the movements and cohorts of records keyed by K,
// added one by one in the given order.
func keyedMovements[K comparable](t *testing.T, order cxmetrics.Order, periods int, records []cxmetrics.MRRRecord[K]) ([]cxmetrics.RevenuePeriod, []cxmetrics.Period, cxmetrics.CohortTable, int) {
	t.Helper()
	h, err := cxmetrics.NewMRRHistory[K](periods, order)
	if err != nil {
		t.Fatal(err)
	}
	if order == cxmetrics.PeriodOrder {
		records = byPeriod(records)
	}
	for _, r := range records {
		if err := h.Add(r.Customer, r.Period, r.MRR); err != nil {
			t.Fatalf("Add(%+v): %v", r, err)
		}
	}
	rev, cus, err := h.Movements()
	if err != nil {
		t.Fatal(err)
	}
	ct, err := h.Cohorts()
	if err != nil {
		t.Fatal(err)
	}
	return rev, cus, ct, h.Customers()
}

// naiveMovements is the plainest reading of the movement definitions, with
// no cleverness to share a bug with: each customer's MRR per period in a
// map, then each customer and period classified on its own.
// It reports the periods up to the latest one of a record.
func naiveMovements(records []cxmetrics.MRRRecord[int64]) ([]cxmetrics.RevenuePeriod, []cxmetrics.Period, cxmetrics.CohortTable) {
	periods := 0
	for _, r := range records {
		periods = max(periods, r.Period+1)
	}
	mrr := map[int64][]int64{}
	for _, r := range records {
		if mrr[r.Customer] == nil {
			mrr[r.Customer] = make([]int64, periods)
		}
		mrr[r.Customer][r.Period] += r.MRR
	}
	rev := make([]cxmetrics.RevenuePeriod, periods)
	cus := make([]cxmetrics.Period, periods)
	coh := cxmetrics.CohortTable{Customers: ragged(periods, nil), MRR: ragged(periods, nil)}
	for _, row := range mrr {
		first := slices.IndexFunc(row, func(v int64) bool { return v > 0 })
		for p, cur := range row {
			prev := int64(0)
			if p > 0 {
				prev = row[p-1]
			}
			paidBefore := first >= 0 && first < p
			r, c := &rev[p], &cus[p]
			r.Start += prev
			r.End += cur
			if prev > 0 {
				c.Start++
			}
			if cur > 0 {
				c.End++
				coh.Customers[first][p-first]++
				coh.MRR[first][p-first] += cur
			}
			switch {
			case prev == 0 && cur > 0 && !paidBefore:
				r.New += cur
				c.New++
			case prev == 0 && cur > 0:
				r.Reactivation += cur
				c.New++
			case prev > 0 && cur == 0:
				r.Churned += prev
			case prev > 0 && cur > prev:
				r.Expansion += cur - prev
			case prev > 0 && cur < prev:
				r.Contraction += prev - cur
			}
		}
	}
	return withBreakdowns(rev), cus, coh
}

// allocated returns the bytes and allocations f makes, counting what
// growing slices copy and leave behind.
func allocated(f func()) (bytes, allocs uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}

// live returns the bytes that f leaves in use on the heap, with keep (what
// f built) still reachable.
func live(f func() (keep any)) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	keep := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(keep)
	return after.HeapAlloc - before.HeapAlloc
}

// Key drivers.

// mtcars is R's datasets::mtcars, columns mpg, cyl, disp, hp and gear,
// as Rscript -e 'write.csv(mtcars[,c("mpg","cyl","disp","hp","gear")])' prints them.
var mtcars = [][5]float64{
	{21, 6, 160, 110, 4},
	{21, 6, 160, 110, 4},
	{22.8, 4, 108, 93, 4},
	{21.4, 6, 258, 110, 3},
	{18.7, 8, 360, 175, 3},
	{18.1, 6, 225, 105, 3},
	{14.3, 8, 360, 245, 3},
	{24.4, 4, 146.7, 62, 4},
	{22.8, 4, 140.8, 95, 4},
	{19.2, 6, 167.6, 123, 4},
	{17.8, 6, 167.6, 123, 4},
	{16.4, 8, 275.8, 180, 3},
	{17.3, 8, 275.8, 180, 3},
	{15.2, 8, 275.8, 180, 3},
	{10.4, 8, 472, 205, 3},
	{10.4, 8, 460, 215, 3},
	{14.7, 8, 440, 230, 3},
	{32.4, 4, 78.7, 66, 4},
	{30.4, 4, 75.7, 52, 4},
	{33.9, 4, 71.1, 65, 4},
	{21.5, 4, 120.1, 97, 3},
	{15.5, 8, 318, 150, 3},
	{15.2, 8, 304, 150, 3},
	{13.3, 8, 350, 245, 3},
	{19.2, 8, 400, 175, 3},
	{27.3, 4, 79, 66, 4},
	{26, 4, 120.3, 91, 5},
	{30.4, 4, 95.1, 113, 5},
	{15.8, 8, 351, 264, 5},
	{19.7, 6, 145, 175, 5},
	{15, 8, 301, 335, 5},
	{21.4, 4, 121, 109, 4},
}

// mtcarsDrivers returns a Drivers of mtcars with mpg as the outcome (on
// 0-100) and cyl, disp, hp and gear as the drivers (on 0-1000).
func mtcarsDrivers(t testing.TB) *cxmetrics.Drivers {
	t.Helper()
	d, err := cxmetrics.NewDrivers(4, cxmetrics.Scale{Min: 0, Max: 100}, cxmetrics.Scale{Min: 0, Max: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range mtcars {
		if err := d.Add(cxmetrics.Respondent{Outcome: row[0], Ratings: row[1:]}); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// correlated returns n reproducible respondents with k ratings on 1-5
// (real-valued, as means of several answers are) and an outcome on 0-10
// that depends on them with weights 1, 2, …, k plus noise; the ratings
// share a common factor, so that they are correlated with each other.
func correlated(n, k int, seed uint64) []cxmetrics.Respondent {
	r := rand.New(rand.NewPCG(seed, 7))
	rows := make([]cxmetrics.Respondent, n)
	for i := range rows {
		common := r.NormFloat64()
		ratings := make([]float64, k)
		y := 0.0
		for j := range ratings {
			x := 3 + 0.6*common + 0.6*r.NormFloat64()
			ratings[j] = min(max(x, 1), 5)
			y += float64(j+1) * ratings[j]
		}
		y = 5 + (y-3*float64(k*(k+1)/2))/float64(k) + r.NormFloat64()
		rows[i] = cxmetrics.Respondent{Outcome: min(max(y, 0), 10), Ratings: ratings}
	}
	return rows
}

// driversOf returns a Drivers on 0-10 and 1-5 holding rows.
func driversOf(t testing.TB, rows []cxmetrics.Respondent) *cxmetrics.Drivers {
	t.Helper()
	d, err := cxmetrics.NewDrivers(len(rows[0].Ratings), cxmetrics.NPSScale, cxmetrics.CSATScale)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if err := d.Add(row); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	return d
}
