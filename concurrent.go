package cxmetrics

import "sync"

// This file holds what the concurrent forms (TallyConcurrent,
// MovementsConcurrent) share. The library starts goroutines only inside
// those calls, through inParallel, and ends them before returning.

// concurrentMinShard is the fewest answers or records worth a goroutine of
// their own in the concurrent forms: below it, starting and joining one
// costs more than counting them. A variable so that the tests can split
// short slices.
var concurrentMinShard = 1 << 16

// inParallel calls f(0) to f(n−1), f(0) on the calling goroutine and the
// others each on a goroutine of its own, and returns when all have.
func inParallel(n int, f func(j int)) {
	var wg sync.WaitGroup
	for j := 1; j < n; j++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(j)
		}()
	}
	f(0)
	wg.Wait()
}

// chunkOf returns the bounds of chunk j of n items cut into w contiguous
// chunks.
func chunkOf(n, w, j int) (int, int) { return n * j / w, n * (j + 1) / w }
