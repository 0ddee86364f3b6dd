package cxmetrics_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

func TestCohortTableRetention(t *testing.T) {
	table := cxmetrics.CohortTable{
		Customers: [][]int64{{4, 3, 2}, {0, 0}, {5}},
		MRR:       [][]int64{{400, 450, 200}, {0, 0}, {500}},
	}
	tests := []struct {
		name     string
		table    cxmetrics.CohortTable
		cohort   int
		wantLogo []float64
		wantRev  []float64
		wantErr  error
	}{
		{
			name:   "cohort of four",
			table:  table,
			cohort: 0,
			// 100 × 3/4 = 75, 100 × 2/4 = 50
			wantLogo: []float64{100, 75, 50},
			// 100 × 450/400 = 112.5 (expansion), 100 × 200/400 = 50
			wantRev: []float64{100, 112.5, 50},
		},
		{name: "last cohort, age 0 only", table: table, cohort: 2, wantLogo: []float64{100}, wantRev: []float64{100}},
		{name: "empty cohort", table: table, cohort: 1, wantErr: cxmetrics.ErrZeroStart},
		{name: "cohort past the table", table: table, cohort: 3, wantErr: cxmetrics.ErrOutOfRange},
		{name: "negative cohort", table: table, cohort: -1, wantErr: cxmetrics.ErrOutOfRange},
		{
			name:    "negative cell",
			table:   cxmetrics.CohortTable{Customers: [][]int64{{2, -1}}, MRR: [][]int64{{2, -1}}},
			wantErr: cxmetrics.ErrNegative,
		},
		{
			name:    "empty row",
			table:   cxmetrics.CohortTable{Customers: [][]int64{{}}, MRR: [][]int64{{}}},
			wantErr: cxmetrics.ErrZeroStart,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logo, err := tt.table.LogoRetention(tt.cohort)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("LogoRetention: error %v, want %v", err, tt.wantErr)
			}
			rev, err := tt.table.RevenueRetention(tt.cohort)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("RevenueRetention: error %v, want %v", err, tt.wantErr)
			}
			if diff := gocmp.Diff(tt.wantLogo, logo); diff != "" {
				t.Errorf("logo mismatch (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(tt.wantRev, rev); diff != "" {
				t.Errorf("revenue mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("more customers than the cohort", func(t *testing.T) {
		bad := cxmetrics.CohortTable{Customers: [][]int64{{2, 3}}, MRR: [][]int64{{2, 3}}}
		if _, err := bad.LogoRetention(0); !errors.Is(err, cxmetrics.ErrInconsistent) {
			t.Errorf("LogoRetention: error %v, want ErrInconsistent", err)
		}
		// Revenue may pass its start.
		if _, err := bad.RevenueRetention(0); err != nil {
			t.Errorf("RevenueRetention: %v", err)
		}
	})
}

// TestCohortRetentionPast2to53 holds the retention percents within their
// bounds for counts that round as float64: a cohort keeping all its d
// customers is 100 × (d / d) = 100 exactly, where 100 × d / d gave
// 100.00000000000001 for this d.
func TestCohortRetentionPast2to53(t *testing.T) {
	const d = 1044979241232755795
	ct := cxmetrics.CohortTable{Customers: [][]int64{{d, d}}, MRR: [][]int64{{d, d}}}
	logo, err := ct.LogoRetention(0)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := ct.RevenueRetention(0)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{100, 100}
	if diff := gocmp.Diff(want, logo); diff != "" {
		t.Errorf("LogoRetention mismatch (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(want, rev); diff != "" {
		t.Errorf("RevenueRetention mismatch (-want +got):\n%s", diff)
	}
}

// TestMRRHistoryNobodyPays checks the cohort table of observed periods in
// which no customer pays: every cohort is there, with one cell per age up
// to the last observed period, and every cell is 0 (not absent, not a
// shorter row).
func TestMRRHistoryNobodyPays(t *testing.T) {
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[string](4, order)
			if err != nil {
				t.Fatal(err)
			}
			// Three observed periods, the second with a customer at 0.
			for p, snap := range []map[string]int64{{}, {"acme": 0}, nil} {
				if err := h.AddSnapshot(p, snap); err != nil {
					t.Fatal(err)
				}
			}
			ct, err := h.Cohorts()
			if err != nil {
				t.Fatal(err)
			}
			// 3 observed periods: cohorts 0, 1, 2 with 3, 2 and 1 ages.
			want := cxmetrics.CohortTable{Customers: ragged(3, nil), MRR: ragged(3, nil)}
			if diff := gocmp.Diff(want, ct); diff != "" {
				t.Errorf("Cohorts() mismatch (-want +got):\n%s", diff)
			}
			rev, cus, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			// Three steady periods of nothing, each with its breakdown.
			none := cxmetrics.RevenuePeriod{}.WithBreakdown()
			if diff := gocmp.Diff([]cxmetrics.RevenuePeriod{none, none, none}, rev); diff != "" {
				t.Errorf("revenue mismatch (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(make([]cxmetrics.Period, 3), cus); diff != "" {
				t.Errorf("customers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMRRHistoryCohortMemory checks that the cohort cells a PeriodOrder
// history keeps as it goes follow the (cohort, age) pairs in which someone
// paid, and not the square of the periods: 200 customers who each pay in
// one period of their own, 200 periods apart from the first to the last,
// leave 200 cells (16 bytes each, twice that with what growing copies),
// where a table of 200 periods has 20,100. The table that Cohorts returns
// is whole, 20,100 cells of each kind, and more than MaxCohortPeriods
// periods are refused before anything is allocated.
func TestMRRHistoryCohortMemory(t *testing.T) {
	const periods = 200
	h, err := cxmetrics.NewMRRHistory[int](periods, cxmetrics.PeriodOrder)
	if err != nil {
		t.Fatal(err)
	}
	bytes := live(func() any {
		for p := range periods {
			if err := h.Add(p, p, 100); err != nil {
				t.Fatal(err)
			}
		}
		return h
	})
	// One chunk of states (4096 customers, 80 KiB), 112 bytes a period,
	// 24 a cell, the lists and the slot table, twice that for the spare
	// room of growing slices: far from the 321,600 bytes of a table of
	// 200 periods.
	if limit := uint64(80<<10 + 2*(112*periods+24*periods+8*periods) + 4*256); bytes > limit {
		t.Errorf("200 one-period customers over 200 periods hold %d bytes, want at most %d", bytes, limit)
	}
	cells := uint64(periods * (periods + 1) / 2 * 8 * 2)
	var ct cxmetrics.CohortTable
	bytes, _ = allocated(func() {
		if ct, err = h.Cohorts(); err != nil {
			t.Fatal(err)
		}
	})
	// The table, plus the row headers (two slices of periods 24-byte
	// slice headers).
	if len(ct.Customers) != periods || !(bytes >= cells && bytes <= 2*cells) {
		t.Errorf("Cohorts(): %d cohorts in %d bytes, want %d in %d to %d", len(ct.Customers), bytes, periods, cells, 2*cells)
	}

	for _, order := range orders {
		h, err := cxmetrics.NewMRRHistory[int](cxmetrics.MaxCohortPeriods+1, order)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.AddSnapshot(cxmetrics.MaxCohortPeriods, nil); err != nil {
			t.Fatal(err)
		}
		bytes, _ := allocated(func() { _, err = h.Cohorts() })
		if !errors.Is(err, cxmetrics.ErrOutOfRange) || !strings.Contains(err.Error(), fmt.Sprint(cxmetrics.MaxCohortPeriods+1)) {
			t.Errorf("%v: Cohorts() of %d periods: error %v, want ErrOutOfRange naming the periods", order, cxmetrics.MaxCohortPeriods+1, err)
		}
		if bytes > 1<<20 {
			t.Errorf("%v: the refused Cohorts() allocated %d bytes", order, bytes)
		}
		if _, _, err := h.Movements(); err != nil {
			t.Errorf("%v: Movements() of %d periods: %v", order, cxmetrics.MaxCohortPeriods+1, err)
		}
	}
}

// TestMRRHistoryLateReturns checks that the cohort cells a history keeps
// follow the cells in which someone paid: P customers who each start a
// cohort of their own and all pay again in the last period leave 2P cells
// (24 bytes each), where rows padded out to their oldest age would hold
// P²/2 (2,000 periods: 48 MB). The table that Cohorts returns is whole,
// and checked against the plainest reading of the records.
func TestMRRHistoryLateReturns(t *testing.T) {
	const p = 2000
	var records []cxmetrics.MRRRecord[int64]
	for c := range int64(p - 1) {
		records = append(records, cxmetrics.MRRRecord[int64]{Customer: c, Period: int(c), MRR: 1})
	}
	for c := range int64(p) {
		records = append(records, cxmetrics.MRRRecord[int64]{Customer: c, Period: p - 1, MRR: 1})
	}
	for _, order := range orders {
		h, err := cxmetrics.NewMRRHistory[int64](p+1, order)
		if err != nil {
			t.Fatal(err)
		}
		held := live(func() any {
			if err := h.AddRecords(slices.Values(records)); err != nil {
				t.Fatal(err)
			}
			if err := h.AddSnapshot(p, nil); err != nil { // closes period p − 1
				t.Fatal(err)
			}
			if _, _, err := h.Movements(); err != nil { // an AnyOrder replay
				t.Fatal(err)
			}
			return h
		})
		// 2P records, P customers, P periods, 2P cells, at most a few
		// hundred bytes each with what growing slices leave: not P²/2
		// cells.
		if limit := uint64(400 * 2 * p); held > limit {
			t.Errorf("%v: %d customers returning after up to %d periods hold %d bytes, want at most %d", order, p, p, held, limit)
		}
	}
	// The whole table, on a smaller history of the same shape.
	small := records[:0:0]
	for _, r := range records {
		if r.Customer < 50 && (r.Period < 50 || r.Period == p-1) {
			small = append(small, cxmetrics.MRRRecord[int64]{Customer: r.Customer, Period: min(r.Period, 50), MRR: r.MRR})
		}
	}
	_, _, wantCoh := naiveMovements(small)
	for _, order := range orders {
		_, _, coh, _ := keyedMovements(t, order, 51, small)
		if diff := gocmp.Diff(wantCoh, coh); diff != "" {
			t.Errorf("%v: cohorts mismatch (-want +got):\n%s", order, diff)
		}
	}
}
