package cxmetrics

import "sync/atomic"

// TallyConcurrent returns what [Tally] returns, counting scores on up to
// workers goroutines and adding their tallies (exact counts, so the
// result is the same to the last count). The workers take contiguous
// chunks of scores in turn, about eight each, so that a worker on a
// slower core takes fewer. The goroutines start and end within the call;
// the library starts none of its own otherwise. Chunks are at least
// 65,536 answers, so a short slice is counted on the calling goroutine
// alone, as is every slice when workers is 1 or less.
//
// It is all or nothing, as Tally is: if any answer lies outside the
// scale, the error names the first such answer in scores and its index,
// the one Tally names, and no Survey is returned.
//
// On two cores it counts 10⁸ one-byte NPS answers in a little over half
// of Tally's time (the README's Performance section has the figures).
func TallyConcurrent[E Integer](scale Scale, scores []E, workers int) (*Survey, error) {
	shards := min(max(workers, 1), len(scores)/concurrentMinShard)
	if shards <= 1 {
		return Tally(scale, scores)
	}
	// The workers take chunks in turn, so that one on a slower core (a
	// core shared with other work) takes fewer of them. Chunks start on
	// multiples of 64 answers, the bit-plane block.
	chunk := max(len(scores)/(shards*tallyChunks), concurrentMinShard, 64) &^ 63
	chunks := (len(scores) + chunk - 1) / chunk
	sums, parts := make([]*Survey, shards), make([]*Survey, shards)
	for j := range sums {
		var err error
		if sums[j], err = NewSurvey(scale); err != nil {
			return nil, err
		}
		parts[j], _ = NewSurvey(scale)
	}
	failed := make([]bool, shards)
	var next atomic.Int64
	inParallel(shards, func(j int) {
		sum, part := sums[j], parts[j]
		for {
			c := int(next.Add(1) - 1)
			if c >= chunks {
				break
			}
			clear(part.counts)
			part.total = 0
			// Merge cannot fail: one scale, and totals of at most
			// len(scores).
			if tallyInto(part, scores[c*chunk:min((c+1)*chunk, len(scores))]) != nil || sum.Merge(part) != nil {
				failed[j] = true
				next.Store(int64(chunks)) // the others stop too
				break
			}
		}
	})
	for _, f := range failed {
		if f {
			// The error path: count again on one goroutine, which names
			// the first bad answer by its index in scores.
			return Tally(scale, scores)
		}
	}
	for _, p := range sums[1:] {
		if err := sums[0].Merge(p); err != nil {
			return nil, err
		}
	}
	return sums[0], nil
}

// tallyChunks is how many chunks a worker of TallyConcurrent takes, on
// cores that run at the same speed.
const tallyChunks = 8
