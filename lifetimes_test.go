package cxmetrics_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// TestCountLifetimes checks the life table of lifetimes, worked by hand,
// and the errors, which name the lifetime.
func TestCountLifetimes(t *testing.T) {
	negZero := -1 / inf
	for _, tc := range []struct {
		name      string
		lifetimes []cxmetrics.Lifetime
		want      []cxmetrics.LifetimeCount
		wantErr   error
	}{
		{"ties and order", []cxmetrics.Lifetime{{3, false}, {1, true}, {3, true}, {3, true}, {0.5, false}, {1, true}},
			[]cxmetrics.LifetimeCount{{0.5, 0, 1}, {1, 2, 0}, {3, 2, 1}}, nil},
		{"-0 is 0", []cxmetrics.Lifetime{{negZero, true}, {0, false}}, []cxmetrics.LifetimeCount{{0, 1, 1}}, nil},
		{"empty", nil, nil, cxmetrics.ErrNoResponses},
		{"empty is undefined", []cxmetrics.Lifetime{}, nil, cxmetrics.ErrUndefined},
		{"negative", []cxmetrics.Lifetime{{1, true}, {-2, true}}, nil, cxmetrics.ErrNegative},
		{"NaN", []cxmetrics.Lifetime{{nan, false}}, nil, cxmetrics.ErrInvalidArgument},
		{"-Inf", []cxmetrics.Lifetime{{-inf, false}}, nil, cxmetrics.ErrInvalidArgument},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.CountLifetimes(tc.lifetimes)
			if !errors.Is(err, tc.wantErr) || (err == nil) != (tc.wantErr == nil) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if diff := gocmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if _, kmErr := cxmetrics.KaplanMeier(tc.lifetimes, 0.95); !errors.Is(kmErr, tc.wantErr) {
				t.Errorf("KaplanMeier error %v, want %v", kmErr, tc.wantErr)
			}
		})
	}
	// The error names the lifetime.
	_, err := cxmetrics.CountLifetimes([]cxmetrics.Lifetime{{1, true}, {2, true}, {-3, true}})
	if err == nil || !strings.Contains(err.Error(), "lifetimes[2]") {
		t.Errorf("error %v does not name lifetimes[2]", err)
	}
	_, err = cxmetrics.KaplanMeierCounts([]cxmetrics.LifetimeCount{{1, 1, 0}, {2, -1, 0}}, 0.95)
	if !errors.Is(err, cxmetrics.ErrNegative) || !strings.Contains(err.Error(), "rows[1]") {
		t.Errorf("error %v, want ErrNegative naming rows[1]", err)
	}
	for _, c := range []float64{0, 1, nan, -0.5} {
		if _, err := cxmetrics.KaplanMeier([]cxmetrics.Lifetime{{1, true}}, c); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("confidence %v: error %v, want ErrInvalidArgument", c, err)
		}
	}
}

// TestHistoryLifetimes checks the lifetimes of a small history worked by
// hand, over periods 0 to 5:
//
//	a pays 0 1 2 . . 5    first spell 0-2, churns at age 3; returns in 5: age 0, censored
//	b pays . 1 2 3 4 5    censored at age 4
//	c pays . . . 3 . .    churns at age 1
//	d pays 0 . . . . .    churns at age 1
//	e pays . . . . . 5    censored at age 0
//	f MRR 0 only          no lifetime
//
// FirstSpell: churned at 1 (c, d), at 3 (a); censored at 0 (e), at 4 (b).
// EverySpell adds a's return, censored at 0.
func TestHistoryLifetimes(t *testing.T) {
	pays := map[string][]int{"a": {0, 1, 2, 5}, "b": {1, 2, 3, 4, 5}, "c": {3}, "d": {0}, "e": {5}}
	var records []cxmetrics.MRRRecord[string]
	for c, ps := range pays {
		for _, p := range ps {
			records = append(records, cxmetrics.MRRRecord[string]{Customer: c, Period: p, MRR: 100})
		}
	}
	records = append(records, cxmetrics.MRRRecord[string]{Customer: "f", Period: 2})
	want := map[cxmetrics.Spells][]cxmetrics.LifetimeCount{
		cxmetrics.FirstSpell: {{0, 0, 1}, {1, 2, 0}, {3, 1, 0}, {4, 0, 1}},
		cxmetrics.EverySpell: {{0, 0, 2}, {1, 2, 0}, {3, 1, 0}, {4, 0, 1}},
	}
	for _, order := range orders {
		h, err := cxmetrics.NewMRRHistory[string](6, order)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.AddRecords(slices.Values(byPeriod(records))); err != nil {
			t.Fatal(err)
		}
		for spells, w := range want {
			got, err := h.Lifetimes(spells)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(w, got); diff != "" {
				t.Errorf("%v, %v: mismatch (-want +got):\n%s", order, spells, diff)
			}
		}
		if _, err := h.Lifetimes(0); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("%v: Lifetimes(0) error %v, want ErrInvalidArgument", order, err)
		}
	}
	// Nothing paid: no lifetimes.
	empty, _ := cxmetrics.NewMRRHistory[string](3, cxmetrics.PeriodOrder)
	if _, err := empty.Lifetimes(cxmetrics.FirstSpell); !errors.Is(err, cxmetrics.ErrNoResponses) {
		t.Errorf("empty history: error %v, want ErrNoResponses", err)
	}
	_ = empty.Add("x", 1, 0)
	if _, err := empty.Lifetimes(cxmetrics.EverySpell); !errors.Is(err, cxmetrics.ErrNoResponses) {
		t.Errorf("history of MRR 0: error %v, want ErrNoResponses", err)
	}
	var zero cxmetrics.MRRHistory[int]
	if _, err := zero.Lifetimes(cxmetrics.FirstSpell); !errors.Is(err, cxmetrics.ErrNoResponses) {
		t.Errorf("zero history: error %v, want ErrNoResponses", err)
	}
}

// naiveLifetimes returns the life table of records over periods 0 to
// last, spell by spell from each customer's MRR in every period, and,
// with opening, without the spells that start in period 0.
func naiveLifetimes(records []cxmetrics.MRRRecord[int64], last int, spells cxmetrics.Spells, opening bool) []cxmetrics.LifetimeCount {
	mrr := map[int64][]int64{}
	for _, r := range records {
		if mrr[r.Customer] == nil {
			mrr[r.Customer] = make([]int64, last+1)
		}
		mrr[r.Customer][r.Period] += r.MRR
	}
	churned, censored := make([]int64, last+1), make([]int64, last+1)
	for _, row := range mrr {
		start, spell := -1, 0
		for p := 0; p <= last; p++ {
			switch {
			case row[p] > 0 && start < 0:
				start = p
			case row[p] == 0 && start >= 0:
				if !(opening && start == 0) {
					churned[p-start]++
				}
				start, spell = -1, spell+1
			}
			if spells == cxmetrics.FirstSpell && spell > 0 {
				break
			}
		}
		if start >= 0 && !(spells == cxmetrics.FirstSpell && spell > 0) && !(opening && start == 0) {
			censored[last-start]++
		}
	}
	var out []cxmetrics.LifetimeCount
	for d := range churned {
		if churned[d]+censored[d] > 0 {
			out = append(out, cxmetrics.LifetimeCount{Duration: float64(d), Churned: churned[d], Censored: censored[d]})
		}
	}
	return out
}

// TestHistoryLifetimesRandom checks Lifetimes against naiveLifetimes on
// random histories, sparse and dense in customers, in both orders and
// through an MRRLedger, with and without an opening book; and that asking
// for them changes nothing: the lifetimes asked again after more records
// are those of all the records.
func TestHistoryLifetimesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 1))
	for trial := range 60 {
		customers := 1 + rng.IntN(300)
		periods := 1 + rng.IntN(14)
		payShare := 0.05 + 0.9*rng.Float64()
		var records []cxmetrics.MRRRecord[int64]
		for c := range customers {
			for p := range periods {
				if rng.Float64() < payShare {
					records = append(records, cxmetrics.MRRRecord[int64]{Customer: int64(c), Period: p, MRR: rng.Int64N(3)})
				}
			}
		}
		if len(records) == 0 {
			continue
		}
		last := 0
		for _, r := range records {
			last = max(last, r.Period)
		}
		half := byPeriod(records)[:len(records)/2]
		halfLast := 0
		for _, r := range half {
			halfLast = max(halfLast, r.Period)
		}
		for _, spells := range []cxmetrics.Spells{cxmetrics.FirstSpell, cxmetrics.EverySpell} {
			for _, order := range orders {
				h, _ := cxmetrics.NewMRRHistory[int64](periods, order)
				_ = h.AddRecords(slices.Values(half))
				if len(half) > 0 {
					checkLifetimes(t, trial, "half", naiveLifetimes(half, halfLast, spells, false))(h.Lifetimes(spells))
				}
				_ = h.AddRecords(slices.Values(byPeriod(records)[len(half):]))
				checkLifetimes(t, trial, order.String()+" "+spells.String(), naiveLifetimes(records, last, spells, false))(h.Lifetimes(spells))
			}
			for _, opening := range []bool{false, true} {
				var opts []cxmetrics.LedgerOption
				if opening {
					opts = append(opts, cxmetrics.OpeningBalance())
				}
				l := cxmetrics.NewMRRLedger[int64](cxmetrics.Calendar{}, opts...)
				for _, r := range records {
					_ = l.Add(r.Customer, time.Date(2024, time.Month(r.Period+1), 1, 0, 0, 0, 0, time.UTC), r.MRR)
				}
				// The ledger's periods start at the first with a record.
				first := last
				for _, r := range records {
					first = min(first, r.Period)
				}
				shifted := make([]cxmetrics.MRRRecord[int64], len(records))
				for i, r := range records {
					shifted[i] = r
					shifted[i].Period -= first
				}
				want := naiveLifetimes(shifted, last-first, spells, opening)
				got, err := l.Lifetimes(spells)
				if len(want) == 0 {
					if !errors.Is(err, cxmetrics.ErrNoResponses) {
						t.Errorf("trial %d: ledger %v opening %v: error %v, want ErrNoResponses", trial, spells, opening, err)
					}
					continue
				}
				checkLifetimes(t, trial, "ledger "+spells.String(), want)(got, err)
			}
		}
	}
}

// checkLifetimes returns a function that compares Lifetimes' results
// with want.
func checkLifetimes(t *testing.T, trial int, name string, want []cxmetrics.LifetimeCount) func([]cxmetrics.LifetimeCount, error) {
	return func(got []cxmetrics.LifetimeCount, err error) {
		t.Helper()
		if len(want) == 0 {
			if !errors.Is(err, cxmetrics.ErrNoResponses) {
				t.Errorf("trial %d, %s: error %v, want ErrNoResponses", trial, name, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("trial %d, %s: %v", trial, name, err)
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("trial %d, %s: mismatch (-naive +Lifetimes):\n%s", trial, name, diff)
		}
	}
}
