package cxmetrics_test

import (
	"encoding/binary"
	"fmt"
	"iter"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// syntheticMRR returns a month-sorted history like gen_mrr.py's: each
// customer starts in some month, then may expand, contract, churn or come
// back. Deterministic.
func syntheticMRR(customers, months int) []cxmetrics.MRRRecord[int64] {
	x := uint64(7)
	rnd := func(n uint64) uint64 { // xorshift64
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x % n
	}
	start := make([]int, customers)
	mrr := make([]int64, customers)
	active := make([]bool, customers)
	for c := range customers {
		start[c] = int(rnd(uint64(months)))
		mrr[c] = []int64{2900, 4900, 9900, 29900}[rnd(4)]
	}
	var out []cxmetrics.MRRRecord[int64]
	for m := range months {
		for c := range customers {
			r := rnd(100)
			switch {
			case start[c] == m:
				active[c] = true
			case active[c] && start[c] < m && r < 3:
				active[c] = false
			case !active[c] && start[c] < m && r < 1:
				active[c] = true
			}
			if active[c] && r >= 97 {
				mrr[c] += 1000
			} else if active[c] && r >= 94 {
				mrr[c] = max(mrr[c]-1000, 900)
			}
			if active[c] {
				out = append(out, cxmetrics.MRRRecord[int64]{Customer: int64(c), Period: m, MRR: mrr[c]})
			}
		}
	}
	return out
}

func benchmarkMRR(b *testing.B, months int, order cxmetrics.Order, rows int, records iter.Seq[cxmetrics.MRRRecord[int64]]) {
	b.SetBytes(int64(rows) * 24)
	b.ReportAllocs()
	for b.Loop() {
		h, err := cxmetrics.NewMRRHistory[int64](months, order)
		if err != nil {
			b.Fatal(err)
		}
		if err := h.AddRecords(records); err != nil {
			b.Fatal(err)
		}
		if _, _, err := h.Movements(); err != nil {
			b.Fatal(err)
		}
		if _, err := h.Cohorts(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMRRHistory times records to movements and cohorts, 24 months,
// by number of customers and order.
func BenchmarkMRRHistory(b *testing.B) {
	for _, customers := range []int{1_000, 100_000} {
		records := syntheticMRR(customers, 24)
		for _, order := range orders {
			b.Run(fmt.Sprintf("customers=%d/%v", customers, order), func(b *testing.B) {
				benchmarkMRR(b, 24, order, len(records), slices.Values(records))
			})
		}
	}
}

// BenchmarkMRRHistoryFile times the 10⁷-row job of examples/mrrbench on
// the rows that gen_mrr.py wrote to $CXMETRICS_MRR_FILE (24 months). It is
// skipped when the variable is not set.
//
//	python3 gen_mrr.py /tmp/mrr.bin
//	CXMETRICS_MRR_FILE=/tmp/mrr.bin go test -run '^$' -bench MRRHistoryFile
func BenchmarkMRRHistoryFile(b *testing.B) {
	path := os.Getenv("CXMETRICS_MRR_FILE")
	if path == "" {
		b.Skip("CXMETRICS_MRR_FILE not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skip(err)
	}
	records := func(yield func(cxmetrics.MRRRecord[int64]) bool) {
		for i := 0; i+24 <= len(data); i += 24 {
			if !yield(cxmetrics.MRRRecord[int64]{
				Customer: int64(binary.LittleEndian.Uint64(data[i:])),
				Period:   int(binary.LittleEndian.Uint64(data[i+8:])),
				MRR:      int64(binary.LittleEndian.Uint64(data[i+16:])),
			}) {
				return
			}
		}
	}
	for _, order := range orders {
		b.Run(order.String(), func(b *testing.B) {
			benchmarkMRR(b, 24, order, len(data)/24, records)
		})
	}
}

// BenchmarkMRRHistoryDeclared times a history of two records in periods 0
// and 1, from NewMRRHistory to its movements and its 3-cell cohort table,
// by the number of periods declared: the time and the bytes follow the
// two periods observed, not the declared ones.
func BenchmarkMRRHistoryDeclared(b *testing.B) {
	for _, declared := range []int{24, 4000, math.MaxInt32 - 1} {
		for _, order := range orders {
			b.Run(fmt.Sprintf("periods=%d/%v", declared, order), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					h, err := cxmetrics.NewMRRHistory[string](declared, order)
					if err != nil {
						b.Fatal(err)
					}
					if err := h.Add("a", 0, 100); err != nil {
						b.Fatal(err)
					}
					if err := h.Add("b", 1, 100); err != nil {
						b.Fatal(err)
					}
					if _, _, err := h.Movements(); err != nil {
						b.Fatal(err)
					}
					if _, err := h.Cohorts(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkMovementsConcurrent times MovementsConcurrent on 100,000
// customers over 24 months (about 10⁶ records, keys 0 to 99,999: the
// dense engine), by order and workers.
func BenchmarkMovementsConcurrent(b *testing.B) {
	benchConcurrent(b, syntheticMRR(100_000, 24))
}

// BenchmarkMovementsConcurrentStrings times MovementsConcurrent on the
// records of BenchmarkMovementsConcurrent with string keys ("cus_000042"),
// which take the hashed shards.
func BenchmarkMovementsConcurrentStrings(b *testing.B) {
	records := syntheticMRR(100_000, 24)
	names := make([]cxmetrics.MRRRecord[string], len(records))
	for i, r := range records {
		names[i] = cxmetrics.MRRRecord[string]{Customer: fmt.Sprintf("cus_%06d", r.Customer), Period: r.Period, MRR: r.MRR}
	}
	benchConcurrent(b, names)
}

// benchConcurrent times MovementsConcurrent on records, sorted by period,
// in PeriodOrder, and on the same records shuffled, in AnyOrder, on 1 and
// 2 workers.
func benchConcurrent[K comparable](b *testing.B, records []cxmetrics.MRRRecord[K]) {
	shuffled := slices.Clone(records)
	for i := range shuffled { // a fixed permutation: AnyOrder's records
		j := (i * 7919) % len(shuffled)
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	}
	for _, order := range orders {
		recs := records
		if order == cxmetrics.AnyOrder {
			recs = shuffled
		}
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%v/workers=%d", order, workers), func(b *testing.B) {
				b.SetBytes(int64(len(recs)) * 24)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := cxmetrics.MovementsConcurrent(recs, 24, order, workers); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
