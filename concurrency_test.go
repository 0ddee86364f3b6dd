package cxmetrics_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// The tests in this file are for go test -race: they tally on several
// goroutines, each with its own accumulator, hand the parts to one
// goroutine that merges them, and read shared results concurrently, as
// the concurrency notes of Survey and MRRHistory say a program may.

const shards = 8

// TestSurveyConcurrentTallyMerge tallies shards of answers on their own
// goroutines (with Tally and with AddN), merges the parts on a combiner
// goroutine as they arrive, and checks the merge against one Tally of all
// the answers. Meanwhile other goroutines read one shared Survey, which
// nobody writes.
func TestSurveyConcurrentTallyMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := make([][]uint8, shards)
	var all []uint8
	for i := range parts {
		for range 1000 + 137*i {
			parts[i] = append(parts[i], uint8(r.IntN(11)))
		}
		all = append(all, parts[i]...)
	}
	want, err := cxmetrics.Tally(cxmetrics.NPSScale, all)
	if err != nil {
		t.Fatal(err)
	}
	wantNPS, err := cxmetrics.NPS(want)
	if err != nil {
		t.Fatal(err)
	}

	tallied := make(chan *cxmetrics.Survey)
	merged := make(chan *cxmetrics.Survey)
	go func() { // the combiner
		total, _ := cxmetrics.NewSurvey(cxmetrics.NPSScale)
		for s := range tallied {
			if err := total.Merge(s); err != nil {
				t.Error(err)
			}
		}
		merged <- total
	}()

	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(2)
		go func() {
			defer wg.Done()
			var s *cxmetrics.Survey
			if i%2 == 0 {
				var err error
				if s, err = cxmetrics.Tally(cxmetrics.NPSScale, p); err != nil {
					t.Error(err)
					return
				}
			} else {
				s, _ = cxmetrics.NewSurvey(cxmetrics.NPSScale)
				for _, v := range p {
					if err := s.AddN(int(v), 1); err != nil {
						t.Error(err)
						return
					}
				}
			}
			tallied <- s
		}()
		go func() { // a reader of the shared, finished survey
			defer wg.Done()
			if got, err := cxmetrics.NPS(want); err != nil || got != wantNPS {
				t.Errorf("concurrent NPS = %+v, %v, want %+v", got, err, wantNPS)
			}
			if _, err := want.MarshalBinary(); err != nil {
				t.Error(err)
			}
			if _, err := want.Mean(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	close(tallied)
	got := <-merged
	if diff := gocmp.Diff(counts(want), counts(got)); diff != "" {
		t.Errorf("merged counts mismatch (-one tally +merged parts):\n%s", diff)
	}
	if got.Total() != int64(len(all)) {
		t.Errorf("Total() = %d, want %d", got.Total(), len(all))
	}
}

// TestMRRHistoryShardedByCustomer builds one MRRHistory per goroutine,
// each for its own customers, and checks that the periods and cohort
// tables of the shards add up, field by field and cell by cell, to those
// of one history of every customer: movements are per customer, so an
// MRRHistory has no Merge but shards by customer.
func TestMRRHistoryShardedByCustomer(t *testing.T) {
	const periods = 6
	r := rand.New(rand.NewPCG(3, 4))
	var records []cxmetrics.MRRRecord[int]
	for c := range 400 {
		for p := range periods {
			if r.IntN(3) > 0 {
				records = append(records, cxmetrics.MRRRecord[int]{Customer: c, Period: p, MRR: int64(r.IntN(5) * 100)})
			}
		}
	}
	for _, order := range orders {
		t.Run(order.String(), func(t *testing.T) {
			wantRev, wantCus, wantCo, _ := keyedMovements(t, order, periods, records)

			type result struct {
				rev []cxmetrics.RevenuePeriod
				cus []cxmetrics.Period
				co  cxmetrics.CohortTable
			}
			results := make([]result, shards)
			var wg sync.WaitGroup
			for i := range shards {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var mine []cxmetrics.MRRRecord[int]
					for _, rec := range records {
						if rec.Customer%shards == i {
							mine = append(mine, rec)
						}
					}
					h, err := cxmetrics.NewMRRHistory[int](periods, order)
					if err != nil {
						t.Error(err)
						return
					}
					if order == cxmetrics.PeriodOrder {
						mine = byPeriod(mine)
					}
					for _, rec := range mine {
						if err := h.Add(rec.Customer, rec.Period, rec.MRR); err != nil {
							t.Error(err)
							return
						}
					}
					// Every shard has observed every period, possibly
					// without a paying customer.
					if err := h.AddSnapshot(periods-1, nil); err != nil {
						t.Error(err)
						return
					}
					rev, cus, err := h.Movements()
					if err != nil {
						t.Error(err)
						return
					}
					co, err := h.Cohorts()
					if err != nil {
						t.Error(err)
						return
					}
					results[i] = result{rev, cus, co}
				}()
			}
			wg.Wait()

			rev := make([]cxmetrics.RevenuePeriod, periods)
			cus := make([]cxmetrics.Period, periods)
			co := cxmetrics.CohortTable{Customers: ragged(periods, nil), MRR: ragged(periods, nil)}
			for _, res := range results {
				for m := range periods {
					var err error
					if rev[m], err = rev[m].Add(res.rev[m]); err != nil {
						t.Fatal(err)
					}
					if cus[m], err = cus[m].Add(res.cus[m]); err != nil {
						t.Fatal(err)
					}
				}
				for k := range co.Customers {
					for a := range co.Customers[k] {
						co.Customers[k][a] += res.co.Customers[k][a]
						co.MRR[k][a] += res.co.MRR[k][a]
					}
				}
			}
			if diff := gocmp.Diff(wantRev, rev); diff != "" {
				t.Errorf("revenue mismatch (-one history +sum of shards):\n%s", diff)
			}
			if diff := gocmp.Diff(wantCus, cus); diff != "" {
				t.Errorf("customers mismatch (-one history +sum of shards):\n%s", diff)
			}
			if diff := gocmp.Diff(wantCo, co); diff != "" {
				t.Errorf("cohorts mismatch (-one history +sum of shards):\n%s", diff)
			}
		})
	}
}

// TestWeightedSurveyConcurrentMerge adds weighted answers on several
// goroutines, each to its own WeightedSurvey, and merges the parts. The
// weights are multiples of 1/4, so every sum is exact in float64 and the
// merge must equal one survey of every answer whatever the order.
func TestWeightedSurveyConcurrentMerge(t *testing.T) {
	type answer struct {
		score  int
		weight float64
	}
	r := rand.New(rand.NewPCG(5, 6))
	parts := make([][]answer, shards)
	whole, err := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	if err != nil {
		t.Fatal(err)
	}
	for i := range parts {
		for range 500 + 31*i {
			a := answer{score: r.IntN(11), weight: float64(r.IntN(16)) / 4}
			parts[i] = append(parts[i], a)
			if err := whole.Add(a.score, a.weight); err != nil {
				t.Fatal(err)
			}
		}
	}
	surveys := make([]*cxmetrics.WeightedSurvey, shards)
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
			if err != nil {
				t.Error(err)
				return
			}
			for _, a := range p {
				if err := s.Add(a.score, a.weight); err != nil {
					t.Error(err)
					return
				}
			}
			surveys[i] = s
		}()
	}
	wg.Wait()
	got, err := cxmetrics.NewWeightedSurvey(cxmetrics.NPSScale)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range surveys {
		if err := got.Merge(s); err != nil {
			t.Fatal(err)
		}
	}
	if got.Total() != whole.Total() || got.TotalWeight() != whole.TotalWeight() {
		t.Errorf("merged %d answers of weight %v, want %d of %v", got.Total(), got.TotalWeight(), whole.Total(), whole.TotalWeight())
	}
	for v := range 11 {
		if got.Weight(v) != whole.Weight(v) {
			t.Errorf("Weight(%d) = %v merged, %v in one survey", v, got.Weight(v), whole.Weight(v))
		}
	}
	gotN, err1 := got.EffectiveN()
	wantN, err2 := whole.EffectiveN()
	if err1 != nil || err2 != nil || gotN != wantN {
		t.Errorf("EffectiveN() = %v, %v merged; %v, %v in one survey", gotN, err1, wantN, err2)
	}
}
