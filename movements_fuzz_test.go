package cxmetrics_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

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

// fuzzRecords turns data into a history: data[0] picks the number of
// periods, data[1] how customer keys are spread (dense, spaced so that
// they move from the map to the slot table, sparse, negative), and each
// following three bytes are one record.
func fuzzRecords(data []byte) (int, []cxmetrics.MRRRecord[int64]) {
	if len(data) < 2 {
		return 1, nil
	}
	periods := 1 + int(data[0]%6)
	spread := []func(b byte) int64{
		func(b byte) int64 { return int64(b) },
		func(b byte) int64 { return int64(b) * 40 },
		func(b byte) int64 { return int64(b) * 1e12 },
		func(b byte) int64 { return -int64(b) },
	}[data[1]%4]
	var records []cxmetrics.MRRRecord[int64]
	for i := 2; i+3 <= len(data); i += 3 {
		records = append(records, cxmetrics.MRRRecord[int64]{
			Customer: spread(data[i]),
			Period:   int(data[i+1]) % periods,
			MRR:      int64(data[i+2]%4) * 100, // 0, 100, 200, 300
		})
	}
	return periods, records
}

func FuzzMRRHistory(f *testing.F) {
	f.Add([]byte{3, 0, 1, 0, 1, 1, 1, 2, 1, 2, 0})
	f.Add([]byte{5, 1, 200, 0, 3, 1, 0, 2, 7, 1, 1, 200, 3, 1, 7, 4, 3})
	f.Add([]byte{2, 2, 9, 0, 1, 9, 0, 2, 8, 1, 3})
	f.Add([]byte{5, 3, 1, 0, 1, 1, 3, 2, 1, 1, 0, 2, 4, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		periods, records := fuzzRecords(data)
		wantRev, wantCus, wantCoh := naiveMovements(records)
		for _, order := range orders {
			in := records
			if order == cxmetrics.PeriodOrder {
				in = byPeriod(records)
			}
			h, err := cxmetrics.NewMRRHistory[int64](periods, order)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.AddRecords(slices.Values(in)); err != nil {
				t.Fatal(err)
			}
			rev, cus, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			coh, err := h.Cohorts()
			if err != nil {
				t.Fatal(err)
			}
			for p, r := range rev {
				if r.Start+r.New+r.Reactivation+r.Expansion-r.Contraction-r.Churned != r.End {
					t.Errorf("%v: period %d does not balance: %+v", order, p, r)
				}
				c := cus[p]
				if p > 0 && (r.Start != rev[p-1].End || c.Start != cus[p-1].End) {
					t.Errorf("%v: period %d does not start where period %d ends", order, p, p-1)
				}
				if lost := c.Start + c.New - c.End; lost < 0 || c.New > c.End {
					t.Errorf("%v: period %d is inconsistent: %+v", order, p, c)
				}
				checkFiguresDefinedOrUndefined(t, r)
			}
			for c, row := range coh.Customers {
				if n := h.Observed(); len(row) != n-c || len(coh.MRR[c]) != n-c {
					t.Errorf("%v: cohort %d has %d and %d cells, want %d", order, c, len(row), len(coh.MRR[c]), n-c)
				}
				for a, n := range row {
					if n > row[0] {
						t.Errorf("%v: cohort %d has %d customers at age %d, more than its %d", order, c, n, a, row[0])
					}
				}
			}
			if diff := gocmp.Diff(wantRev, rev); diff != "" {
				t.Errorf("%v: revenue mismatch (-want +got):\n%s", order, diff)
			}
			if diff := gocmp.Diff(wantCus, cus); diff != "" {
				t.Errorf("%v: customers mismatch (-want +got):\n%s", order, diff)
			}
			if diff := gocmp.Diff(wantCoh, coh); diff != "" {
				t.Errorf("%v: cohorts mismatch (-want +got):\n%s", order, diff)
			}
		}
	})
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

// checkFiguresDefinedOrUndefined checks that every revenue figure of r, a
// period of a history, is finite or undefined (ErrUndefined): a history
// knows every period's breakdown, so none is ErrNoMovements, and its
// periods are consistent, so none is an error of the data.
func checkFiguresDefinedOrUndefined(t *testing.T, r cxmetrics.RevenuePeriod) {
	t.Helper()
	if !r.HasBreakdown() {
		t.Errorf("period %v of a history has no breakdown", r)
	}
	for _, fg := range revenueFigures {
		v, err := fg.f(r)
		switch {
		case err == nil && (math.IsNaN(v) || math.IsInf(v, 0)):
			t.Errorf("%s(%v) = %v", fg.name, r, v)
		case err != nil && !errors.Is(err, cxmetrics.ErrUndefined):
			t.Errorf("%s(%v) error %v, want a figure or ErrUndefined", fg.name, r, err)
		}
	}
}
