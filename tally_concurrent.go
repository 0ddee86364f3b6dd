package cxmetrics

// TallyConcurrent returns what [Tally] returns, counting scores on up to
// workers goroutines, each over one contiguous shard, and merging their
// tallies ([Survey.Merge] of exact counts, so the result is the same to
// the last count). The goroutines start and end within the call; the
// library starts none of its own otherwise. Shards are at least 65,536
// answers, so a short slice is counted on the calling goroutine alone,
// as is every slice when workers is 1 or less.
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
	parts := make([]*Survey, shards)
	for i := range parts {
		s, err := NewSurvey(scale)
		if err != nil {
			return nil, err
		}
		parts[i] = s
	}
	// Shard boundaries on multiples of 64 answers, the bit-plane block.
	bounds := make([]int, shards+1)
	for i := range bounds {
		bounds[i] = len(scores) * i / shards &^ 63
	}
	bounds[shards] = len(scores)
	failed := make([]bool, shards)
	inParallel(shards, func(i int) {
		failed[i] = tallyInto(parts[i], scores[bounds[i]:bounds[i+1]]) != nil
	})
	for _, f := range failed {
		if f {
			// The error path: count again on one goroutine, which names
			// the first bad answer by its index in scores.
			return Tally(scale, scores)
		}
	}
	for _, p := range parts[1:] {
		if err := parts[0].Merge(p); err != nil {
			return nil, err
		}
	}
	return parts[0], nil
}
