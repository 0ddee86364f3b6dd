package cxmetrics

// This file holds the windows of the dense engine (movements_dense.go).
//
// Partitioning all the records at once costs 4 bytes a record for their
// indices. Records sorted by period can instead be partitioned a window
// at a time: a run of consecutive records, cut anywhere, even within a
// period. The blocks then keep their customers' state between windows,
// denseStateBytes a key, in one array over the whole range of keys, and
// each window takes every block through the periods it holds, closing
// those that end in it. The engine windows the records when the state and
// one window's indices cost less than every record's index.

// denseWindows is about how many windows the records are cut into, when
// they are.
const denseWindows = 8

// denseWindowMin is the fewest records a window holds: each window costs
// three rounds of waking the workers, which take as long as a block's
// work on some 10⁵ records.
const denseWindowMin = 1 << 20

// denseStateBytes is the state of a key kept between windows: its MRR in
// the open period and the one before, the first period it paid in, and
// whether it has a record.
const denseStateBytes = 8 + 8 + 4 + 1

// denseWindowTest, when above 0, makes the engine window every sorted
// input, into windows of that many records, for the tests.
var denseWindowTest = 0

// denseWindowOf returns how many records a window holds when n records
// sorted by period, over span keys, are cut into windows, or 0 if one
// partition of them all costs less memory.
func denseWindowOf(n, span int) int {
	if denseWindowTest > 0 {
		return denseWindowTest
	}
	w := max(n/denseWindows, denseWindowMin)
	if denseStateBytes*int64(span)+4*int64(w) >= 4*int64(n) {
		return 0
	}
	return w
}

// newDenseState returns the state, all zero, of span keys in blocks
// blocks.
func newDenseState(span, blocks int) *denseState {
	return &denseState{
		mrr:    [2][]int64{make([]int64, span), make([]int64, span)},
		first:  make([]int32, span),
		seen:   make([]bool, span),
		blocks: make([]denseBlockState, blocks),
	}
}

// denseState is the state of every key between windows.
type denseState struct {
	mrr    [2][]int64 // each key's MRR in the open period and the one before, or after
	first  []int32    // as denseWorker's
	seen   []bool
	blocks []denseBlockState
}

// denseBlockState is what a block carries from one window to the next.
type denseBlockState struct {
	end, nEnd int64 // the MRR and customers of the last period closed
	paying    bool  // nEnd > 0
	held      bool  // the open period has records
	odd       bool  // mrr[1] holds the open period, mrr[0] the one before
}

// bind points k's state at the width keys of st from key base, for the
// block whose state is bs.
func (k *denseWorker) bind(st *denseState, base, width int, bs *denseBlockState) {
	cur, prev := st.mrr[0], st.mrr[1]
	if bs.odd {
		cur, prev = prev, cur
	}
	k.width = width
	k.cur, k.prev = cur[base:base+width], prev[base:base+width]
	k.first, k.seen = st.first[base:base+width], st.seen[base:base+width]
	k.end, k.nEnd = bs.end, bs.nEnd
}

// distinct returns the number of keys marked in seen: the keys with a
// record.
func distinct(seen []bool) int {
	n := 0
	for _, s := range seen {
		if s {
			n++
		}
	}
	return n
}
