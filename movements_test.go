package cxmetrics_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

func TestMRRHistory(t *testing.T) {
	big := int64(math.MaxInt64/2 + 1)
	tests := []struct {
		name    string
		periods int
		only    cxmetrics.Order // 0: both orders, records sorted by period for PeriodOrder
		records []rec
		wantRev []cxmetrics.RevenuePeriod
		wantCus []cxmetrics.Period
		wantCoh cxmetrics.CohortTable
		wantErr error
	}{
		{
			// a pays 100, 150, 120, 0: new, expansion, contraction,
			// churned. b pays 0, 200, 200, 200: new in period 1, then flat.
			name:    "each movement kind",
			periods: 4,
			records: []rec{
				{"a", 0, 100}, {"a", 1, 150}, {"a", 2, 120},
				{"b", 1, 200}, {"b", 2, 200}, {"b", 3, 200},
			},
			wantRev: []cxmetrics.RevenuePeriod{
				// 0 + 100 new = 100
				{Start: 0, End: 100, New: 100},
				// 100 + 200 new (b) + 50 expansion (a: 150 − 100) = 350
				{Start: 100, End: 350, New: 200, Expansion: 50},
				// 350 − 30 contraction (a: 150 − 120) = 320
				{Start: 350, End: 320, Contraction: 30},
				// 320 − 120 churned (a's last MRR) = 200
				{Start: 320, End: 200, Churned: 120},
			},
			wantCus: []cxmetrics.Period{
				{Start: 0, End: 1, New: 1}, // a
				{Start: 1, End: 2, New: 1}, // a, b; b is new
				{Start: 2, End: 2, New: 0}, // a, b
				{Start: 2, End: 1, New: 0}, // a leaves: lost 2 + 0 − 1 = 1
			},
			wantCoh: cxmetrics.CohortTable{
				// cohort 0 is a, cohort 1 is b; a pays nothing at age 3.
				Customers: ragged(4, map[int][]int64{0: {1, 1, 1, 0}, 1: {1, 1, 1}}),
				MRR:       ragged(4, map[int][]int64{0: {100, 150, 120, 0}, 1: {200, 200, 200}}),
			},
		},
		{
			// c pays 100, stops for three periods, comes back at 250.
			name:    "reactivation after a gap of several periods",
			periods: 6,
			records: []rec{{"c", 0, 100}, {"c", 4, 250}, {"c", 5, 250}},
			wantRev: []cxmetrics.RevenuePeriod{
				{Start: 0, End: 100, New: 100},
				{Start: 100, End: 0, Churned: 100},
				{},
				{},
				// 0 + 250 reactivation (all of c's MRR, not 250 − 100) = 250
				{Start: 0, End: 250, Reactivation: 250},
				{Start: 250, End: 250},
			},
			wantCus: []cxmetrics.Period{
				{Start: 0, End: 1, New: 1},
				{Start: 1, End: 0, New: 0}, // lost 1 + 0 − 0 = 1
				{},
				{},
				{Start: 0, End: 1, New: 1}, // reactivated, counted in New
				{Start: 1, End: 1, New: 0},
			},
			wantCoh: cxmetrics.CohortTable{
				// c stays in cohort 0 and counts again from age 4.
				Customers: ragged(6, map[int][]int64{0: {1, 0, 0, 0, 1, 1}}),
				MRR:       ragged(6, map[int][]int64{0: {100, 0, 0, 0, 250, 250}}),
			},
		},
		{
			// d has two subscriptions in period 0 (100 + 50 = 150) and
			// keeps one of 100 in period 1.
			name:    "customer with two subscriptions",
			periods: 2,
			records: []rec{{"d", 0, 100}, {"d", 1, 100}, {"d", 0, 50}},
			wantRev: []cxmetrics.RevenuePeriod{
				{Start: 0, End: 150, New: 150},
				{Start: 150, End: 100, Contraction: 50}, // 150 − 100
			},
			wantCus: []cxmetrics.Period{{Start: 0, End: 1, New: 1}, {Start: 1, End: 1}},
			wantCoh: cxmetrics.CohortTable{
				Customers: ragged(2, map[int][]int64{0: {1, 1}}),
				MRR:       ragged(2, map[int][]int64{0: {150, 100}}),
			},
		},
		{
			// e joins and leaves within period 1, so the period's
			// snapshot shows MRR 0 for e: e is in no movement, no count
			// and no cohort. f pays 100 in both periods.
			name:    "customer who joins and leaves in the same period",
			periods: 2,
			records: []rec{{"f", 0, 100}, {"e", 1, 0}, {"f", 1, 100}},
			wantRev: []cxmetrics.RevenuePeriod{
				{Start: 0, End: 100, New: 100},
				{Start: 100, End: 100},
			},
			wantCus: []cxmetrics.Period{{Start: 0, End: 1, New: 1}, {Start: 1, End: 1}},
			wantCoh: cxmetrics.CohortTable{
				Customers: ragged(2, map[int][]int64{0: {1, 1}}),
				MRR:       ragged(2, map[int][]int64{0: {100, 100}}),
			},
		},
		{
			// Nothing added: no period has been observed.
			name:    "no records",
			periods: 2,
			wantRev: []cxmetrics.RevenuePeriod{},
			wantCus: []cxmetrics.Period{},
			wantCoh: cxmetrics.CohortTable{Customers: [][]int64{}, MRR: [][]int64{}},
		},
		{
			// Records up to period 1 of 0 to 4: periods 2 to 4 have not
			// happened, so they are not reported, and no cohort cell
			// shows g as lost in them.
			name:    "periods not reached yet",
			periods: 5,
			records: []rec{{"g", 0, 100}, {"g", 1, 100}},
			wantRev: []cxmetrics.RevenuePeriod{
				{Start: 0, End: 100, New: 100},
				{Start: 100, End: 100},
			},
			wantCus: []cxmetrics.Period{{Start: 0, End: 1, New: 1}, {Start: 1, End: 1}},
			wantCoh: cxmetrics.CohortTable{
				Customers: ragged(2, map[int][]int64{0: {1, 1}}),
				MRR:       ragged(2, map[int][]int64{0: {100, 100}}),
			},
		},
		{
			name:    "negative MRR",
			periods: 2,
			records: []rec{{"a", 0, 100}, {"a", 1, -5}},
			wantErr: cxmetrics.ErrNegative,
		},
		{
			name:    "period after the range",
			periods: 2,
			records: []rec{{"a", 2, 100}},
			wantErr: cxmetrics.ErrOutOfRange,
		},
		{
			name:    "negative period",
			periods: 2,
			records: []rec{{"a", -1, 100}},
			wantErr: cxmetrics.ErrOutOfRange,
		},
		{
			name:    "period going backwards with PeriodOrder",
			periods: 3,
			only:    cxmetrics.PeriodOrder,
			records: []rec{{"a", 0, 100}, {"b", 2, 100}, {"a", 1, 100}},
			wantErr: cxmetrics.ErrOutOfRange,
		},
		{
			name:    "customer's MRR past int64",
			periods: 1,
			records: []rec{{"a", 0, math.MaxInt64}, {"a", 0, 1}},
			wantErr: cxmetrics.ErrOverflow,
		},
		{
			// Each customer fits, the period's total does not: found by
			// Movements, or by PeriodOrder when period 1 closes period 0.
			name:    "period total past int64",
			periods: 2,
			records: []rec{{"a", 0, big}, {"b", 0, big}, {"a", 1, 1}},
			wantErr: cxmetrics.ErrOverflow,
		},
	}
	for _, tt := range tests {
		for _, order := range orders {
			if tt.only != 0 && tt.only != order {
				continue
			}
			t.Run(tt.name+"/"+order.String(), func(t *testing.T) {
				records := tt.records
				if order == cxmetrics.PeriodOrder && tt.only == 0 {
					records = byPeriod(records)
				}
				h, err := cxmetrics.NewMRRHistory[string](tt.periods, order)
				if err != nil {
					t.Fatal(err)
				}
				err = h.AddRecords(slices.Values(records))
				var rev []cxmetrics.RevenuePeriod
				var cus []cxmetrics.Period
				var coh cxmetrics.CohortTable
				if err == nil {
					rev, cus, err = h.Movements()
				}
				if err == nil {
					coh, err = h.Cohorts()
				}
				if tt.wantErr != nil {
					if !errors.Is(err, tt.wantErr) {
						t.Fatalf("error %v, want %v", err, tt.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if diff := gocmp.Diff(withBreakdowns(tt.wantRev), rev); diff != "" {
					t.Errorf("revenue mismatch (-want +got):\n%s", diff)
				}
				if diff := gocmp.Diff(tt.wantCus, cus); diff != "" {
					t.Errorf("customers mismatch (-want +got):\n%s", diff)
				}
				if diff := gocmp.Diff(tt.wantCoh, coh); diff != "" {
					t.Errorf("cohorts mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestNewMRRHistory(t *testing.T) {
	tests := []struct {
		name    string
		periods int
		order   cxmetrics.Order
		wantErr error
	}{
		{name: "one period", periods: 1, order: cxmetrics.AnyOrder},
		{name: "no periods", periods: 0, order: cxmetrics.AnyOrder, wantErr: cxmetrics.ErrOutOfRange},
		{name: "negative periods", periods: -3, order: cxmetrics.PeriodOrder, wantErr: cxmetrics.ErrOutOfRange},
		// The documented limit, math.MaxInt32 − 1 periods, is allowed
		// (with AnyOrder nothing is allocated per period up front).
		{name: "most periods", periods: math.MaxInt32 - 1, order: cxmetrics.AnyOrder},
		{name: "too many periods", periods: math.MaxInt32, order: cxmetrics.AnyOrder, wantErr: cxmetrics.ErrOutOfRange},
		{name: "zero Order", periods: 2, order: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "unknown Order", periods: 2, order: 3, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[int](tt.periods, tt.order)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if err == nil && h.Periods() != tt.periods {
				t.Errorf("Periods() = %d, want %d", h.Periods(), tt.periods)
			}
		})
	}
}

// TestMRRHistoryFailedCallsChangeNothing checks that an Add or AddSnapshot
// that fails leaves the history as it was.
func TestMRRHistoryFailedCallsChangeNothing(t *testing.T) {
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[string](3, order)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.AddSnapshot(1, map[string]int64{"a": 100, "b": 200}); err != nil {
				t.Fatal(err)
			}
			wantRev, wantCus, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			// A new customer and an existing one, then a bad entry.
			bad := map[string]int64{"c": 5, "a": 1, "z": -1}
			if err := h.AddSnapshot(1, bad); !errors.Is(err, cxmetrics.ErrNegative) {
				t.Fatalf("AddSnapshot: error %v, want ErrNegative", err)
			}
			if err := h.AddSnapshot(1, map[string]int64{"c": 5, "a": math.MaxInt64}); !errors.Is(err, cxmetrics.ErrOverflow) {
				t.Fatalf("AddSnapshot: error %v, want ErrOverflow", err)
			}
			if err := h.AddSnapshot(2, map[string]int64{"c": 5, "a": -1}); !errors.Is(err, cxmetrics.ErrNegative) {
				t.Fatalf("AddSnapshot: error %v, want ErrNegative", err)
			}
			if err := h.Add("d", 1, -1); !errors.Is(err, cxmetrics.ErrNegative) {
				t.Fatalf("Add: error %v, want ErrNegative", err)
			}
			if got := h.Customers(); got != 2 {
				t.Errorf("Customers() = %d after failed calls, want 2", got)
			}
			if got := h.Observed(); got != 2 {
				t.Errorf("Observed() = %d after failed calls, want 2", got)
			}
			rev, cus, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(wantRev, rev); diff != "" {
				t.Errorf("revenue mismatch (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(wantCus, cus); diff != "" {
				t.Errorf("customers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMRRHistorySnapshots checks that snapshots give what the same records
// give, and that adding after Movements goes on from where it was.
func TestMRRHistorySnapshots(t *testing.T) {
	snapshots := []map[string]int64{
		{"a": 100},
		{"a": 150, "b": 200},
		{"a": 120, "b": 200},
		{"b": 200},
		{}, // observed, and no one pays
	}
	// The records of "each movement kind" in TestMRRHistory.
	want := []cxmetrics.RevenuePeriod{
		{Start: 0, End: 100, New: 100},
		{Start: 100, End: 350, New: 200, Expansion: 50},
		{Start: 350, End: 320, Contraction: 30},
		{Start: 320, End: 200, Churned: 120},
		{Start: 200, End: 0, Churned: 200}, // the empty snapshot
	}
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[string](len(snapshots)+2, order)
			if err != nil {
				t.Fatal(err)
			}
			for p, s := range snapshots {
				if err := h.AddSnapshot(p, s); err != nil {
					t.Fatal(err)
				}
				if _, _, err := h.Movements(); err != nil {
					t.Fatal(err)
				}
			}
			got, _, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(withBreakdowns(want), got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOrderString(t *testing.T) {
	for o, want := range map[cxmetrics.Order]string{
		cxmetrics.AnyOrder: "AnyOrder", cxmetrics.PeriodOrder: "PeriodOrder", 7: "Order(7)",
	} {
		if got := o.String(); got != want {
			t.Errorf("Order(%d).String() = %q, want %q", int(o), got, want)
		}
	}
}

func TestMRRHistoryZeroValue(t *testing.T) {
	var h cxmetrics.MRRHistory[string]
	if err := h.Add("acme", 0, 100); !errors.Is(err, cxmetrics.ErrOutOfRange) {
		t.Errorf("Add: error %v, want ErrOutOfRange", err)
	}
	if err := h.AddSnapshot(0, nil); !errors.Is(err, cxmetrics.ErrOutOfRange) {
		t.Errorf("AddSnapshot: error %v, want ErrOutOfRange", err)
	}
	rev, cus, err := h.Movements()
	if err != nil || len(rev) != 0 || len(cus) != 0 {
		t.Errorf("Movements() = %v, %v, %v, want no periods", rev, cus, err)
	}
	if ct, err := h.Cohorts(); err != nil || len(ct.Customers) != 0 {
		t.Errorf("Cohorts() = %v, %v, want no cohorts", ct, err)
	}
}

// TestMRRHistoryMonthForms follows the smallest honest billing histories
// through every revenue figure: a first month, a steady month, a month of
// pure growth and a month of pure loss. Each period a history produces
// knows its breakdown, so its gross figures exist even when nothing moved.
func TestMRRHistoryMonthForms(t *testing.T) {
	// c1 pays 100 from month 0; c2 joins at 50 in month 2; in month 3
	// c1 drops to 70 and c2 leaves.
	records := []cxmetrics.MRRRecord[string]{
		{Customer: "c1", Period: 0, MRR: 100},
		{Customer: "c1", Period: 1, MRR: 100},
		{Customer: "c1", Period: 2, MRR: 100},
		{Customer: "c2", Period: 2, MRR: 50},
		{Customer: "c1", Period: 3, MRR: 70},
	}
	undefined := revFail(cxmetrics.ErrUndefined)
	want := []revenueCase{
		{
			name: "first month", // start 0, new 100
			nrr:  undefined, netChurn: undefined, chartMogulNet: undefined,
			grr: undefined, grossChurn: undefined, quick: undefined, // 100 / 0
		},
		{
			name: "steady month", // 100 to 100, nothing moved
			nrr:  revVal(100), netChurn: revVal(0), chartMogulNet: revVal(0),
			grr: revVal(100), grossChurn: revVal(0), quick: undefined, // 0 / 0
		},
		{
			name: "pure growth",                                              // 100 to 150, new 50
			nrr:  revVal(100), netChurn: revVal(0), chartMogulNet: revVal(0), // 100 × (100 + 0 − 0 − 0) / 100
			grr: revVal(100), grossChurn: revVal(0), quick: undefined, // 50 / 0
		},
		{
			name: "pure loss", // 150 to 70: contraction 30, churned 50
			nrr:  revVal(100 * 70.0 / 150), netChurn: revVal(100 * 80.0 / 150), chartMogulNet: revVal(100 * 80.0 / 150),
			grr: revVal(100 * 70.0 / 150), grossChurn: revVal(100 * 80.0 / 150), quick: revVal(0), // 0 / 80
		},
	}
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			h, err := cxmetrics.NewMRRHistory[string](4, order)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.AddRecords(slices.Values(records)); err != nil {
				t.Fatal(err)
			}
			rev, _, err := h.Movements()
			if err != nil {
				t.Fatal(err)
			}
			if len(rev) != len(want) {
				t.Fatalf("%d periods, want %d", len(rev), len(want))
			}
			for p, tc := range want {
				r := rev[p]
				wants := []revFig{tc.nrr, tc.netChurn, tc.chartMogulNet, tc.grr, tc.grossChurn, tc.quick}
				for j, fg := range revenueFigures {
					want := wants[j]
					got, err := fg.f(r)
					if want.err != nil {
						if !errors.Is(err, want.err) || errors.Is(err, cxmetrics.ErrNoMovements) {
							t.Errorf("%s: %s(%v) = %v, %v; want %v", tc.name, fg.name, r, got, err, want.err)
						}
						continue
					}
					if err != nil || math.Abs(got-want.v) > 1e-9 {
						t.Errorf("%s: %s(%v) = %v, %v; want %v", tc.name, fg.name, r, got, err, want.v)
					}
				}
			}
		})
	}
}
