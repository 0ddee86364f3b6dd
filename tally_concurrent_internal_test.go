package cxmetrics

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// withShard runs f with TallyConcurrent splitting slices from n answers.
func withShard(n int, f func()) {
	old := concurrentMinShard
	concurrentMinShard = n
	defer func() { concurrentMinShard = old }()
	f()
}

// FuzzTallyConcurrent checks that any split of any slice over any number
// of workers gives Tally's result: the same counts, or the same error
// naming the same answer.
func FuzzTallyConcurrent(f *testing.F) {
	f.Add([]byte{0, 5, 10, 9, 7, 6, 10, 10}, uint8(3), uint8(1))
	f.Add(make([]byte, 300), uint8(4), uint8(7))
	f.Add(append(make([]byte, 200), 11, 3), uint8(2), uint8(1))
	f.Add([]byte{255}, uint8(2), uint8(1))
	f.Fuzz(func(t *testing.T, answers []byte, workers, shard uint8) {
		withShard(int(shard)+1, func() {
			want, werr := Tally(NPSScale, answers)
			got, gerr := TallyConcurrent(NPSScale, answers, int(workers))
			if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
				t.Fatalf("errors: Tally %v, TallyConcurrent %v", werr, gerr)
			}
			if werr == nil && !equalSurvey(want, got) {
				t.Fatalf("TallyConcurrent %v, Tally %v", got.counts, want.counts)
			}
		})
	})
}

func equalSurvey(a, b *Survey) bool {
	if a.scale != b.scale || a.total != b.total || len(a.counts) != len(b.counts) {
		return false
	}
	for i := range a.counts {
		if a.counts[i] != b.counts[i] {
			return false
		}
	}
	return true
}

func TestTallyConcurrentAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	answers := make([]int16, 1<<20+37)
	for i := range answers {
		answers[i] = int16(rng.IntN(11))
	}
	want, err := Tally(NPSScale, answers)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{-1, 0, 1, 2, 3, 8, 1000} {
		got, err := TallyConcurrent(NPSScale, answers, workers)
		if err != nil || !equalSurvey(want, got) {
			t.Errorf("workers %d: %v, %v; want %v", workers, got, err, want.counts)
		}
	}
	// A bad answer in the last shard: the error of Tally, naming its index.
	answers[len(answers)-5] = 12
	_, werr := Tally(NPSScale, answers)
	_, gerr := TallyConcurrent(NPSScale, answers, 4)
	if !errors.Is(gerr, ErrOutOfRange) || gerr.Error() != werr.Error() {
		t.Errorf("TallyConcurrent error %v, want Tally's %v", gerr, werr)
	}
}
