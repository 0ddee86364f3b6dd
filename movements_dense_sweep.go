package cxmetrics

// This file holds the dense engine's workers (movements_dense.go): each
// takes blocks of keys through their periods, closing each period with a
// branch-free sweep, and sums what its blocks give.

// denseWorker is a worker's state for one block at a time, and its sums
// over every block it took.
type denseWorker struct {
	width     int     // keys in the block
	cur, prev []int64 // each key's MRR in the open period and the one before
	first     []int32 // the first period each key paid in, plus 1 (0: none yet)
	seen      []bool  // the key has a record
	col       []int64 // the open period's slots (see close)
	end, nEnd int64   // the MRR and customers of the block's period before

	tallies  []periodTally
	cells    []int64 // cohort cells, customers and MRR interleaved, by cohort, then age
	distinct int
}

func newDenseWorker(keys, periods int) *denseWorker {
	return &denseWorker{
		cur: make([]int64, keys), prev: make([]int64, keys),
		first: make([]int32, keys), seen: make([]bool, keys),
		col:     make([]int64, 2*payingSlot(int32(periods), 2)),
		tallies: make([]periodTally, periods),
		cells:   make([]int64, periods*(periods+1)),
	}
}

// reset clears the state of the first width keys for a new block.
func (k *denseWorker) reset(width int) {
	k.width = width
	k.end, k.nEnd = 0, 0
	clear(k.cur[:width])
	clear(k.prev[:width])
	clear(k.first[:width])
	clear(k.seen[:width])
}

// cohortAt returns the index in cells of the customers of cohort c at
// age a, over periods periods; their MRR follows.
func cohortAt(c, a, periods int) int { return 2 * (c*periods - c*(c-1)/2 + a) }

// The slots of col, where close counts each customer and adds an amount
// (customers at col[2s], amounts at col[2s+1]):
//
//	0                 pays in neither period (counted, never read)
//	churnSlot         paid in the period before, not now: what it paid
//	payingSlot(f, r)  pays now, first paid in period f−1 (f ≥ 1), r 1 if it
//	                  pays again after a gap (reactivated), else 0: what it
//	                  pays
const churnSlot = 1

func payingSlot(f int32, r int64) int64 { return 2*int64(f) + r }

// close closes period p of the block: it adds each customer's move from
// the period before to p to the tallies, and each paying customer to its
// cohort cell, and moves the state on. It reports whether anyone pays in p.
//
// The sweep has no branch on the data: whether a customer paid before,
// pays now, and paid in some earlier period are masks of all ones or all
// zeros, and they pick the customer's slot in col. Branches on them would
// mispredict about as often as they are taken on a block of customers who
// joined at random times. The sweep sums one amount besides the slots,
// up = Σ max(cur−prev, 0); classify's figures follow from them:
//
//	End, customers at End   the paying slots
//	New (first time)        the paying slots of f = p+1 (r = 0)
//	Reactivation            the paying slots with r = 1
//	Churned                 churnSlot
//	Expansion               up − New − Reactivation
//	Contraction             Start + up − Churned − End (the balance)
//	Start, customers then   End of the period before
func (k *denseWorker) close(p int) bool {
	open := int32(p + 1)
	cur := k.cur[:k.width]
	prev, first := k.prev[:len(cur)], k.first[:len(cur)]
	col := k.col[:2*payingSlot(open, 2)]
	var up int64
	for i, c := range cur {
		pv, f := prev[i], first[i]
		// For x ≥ 0, −x is negative exactly when x > 0.
		mp := -int64(uint64(-pv) >> 63) // paid in the period before
		mc := -int64(uint64(-c) >> 63)  // pays now
		mf := -int64(uint32(-f) >> 31)  // paid in a period before this one
		f |= open & int32(mc&^mf)
		first[i] = f
		s := payingSlot(f, mc&^mp&mf&1)&mc | churnSlot&(mp&^mc)
		col[2*s]++
		col[2*s+1] += c + pv&^mc
		up += max(c-pv, 0)
	}
	// The period's MRR becomes the period before's; the new open period
	// starts at 0.
	k.cur, k.prev = k.prev, k.cur
	clear(k.cur[:k.width])

	var end, nEnd, react, nReact int64
	for f := int32(1); f <= open; f++ {
		s0, s1 := 2*payingSlot(f, 0), 2*payingSlot(f, 1)
		n, m := col[s0]+col[s1], col[s0+1]+col[s1+1]
		nEnd += n
		end += m
		react += col[s1+1]
		nReact += col[s1]
		if n != 0 {
			c := int(f) - 1
			at := cohortAt(c, p-c, len(k.tallies))
			k.cells[at] += n
			k.cells[at+1] += m
		}
	}
	s := 2 * payingSlot(open, 0)
	nNew, newRev := col[s], col[s+1]
	churned := col[2*churnSlot+1]
	clear(col)

	k.tallies[p].add(periodTally{
		rev: RevenuePeriod{
			Start: k.end, New: newRev, Reactivation: react, Churned: churned, End: end,
			Expansion: up - newRev - react, Contraction: k.end + up - churned - end,
		},
		cust: Period{Start: k.nEnd, End: nEnd, New: nNew + nReact},
	})
	k.end, k.nEnd = end, nEnd
	return nEnd > 0
}

// addWorker adds the sums of o to k's.
func (k *denseWorker) addWorker(o *denseWorker) {
	for p := range k.tallies {
		k.tallies[p].add(o.tallies[p])
	}
	for i, v := range o.cells {
		k.cells[i] += v
	}
	k.distinct += o.distinct
}

// tables returns k's sums as the tables of periods periods.
func (k *denseWorker) tables(periods int) MRRTables {
	t := MRRTables{
		Revenue:   make([]RevenuePeriod, periods),
		Customers: make([]Period, periods),
		Distinct:  k.distinct,
	}
	for p, pt := range k.tallies {
		t.Revenue[p], t.Customers[p] = pt.rev.WithBreakdown(), pt.cust
	}
	t.Cohorts = (&cohortCells{}).table(periods)
	for c, row := range t.Cohorts.Customers {
		for a := range row {
			at := cohortAt(c, a, periods)
			row[a], t.Cohorts.MRR[c][a] = k.cells[at], k.cells[at+1]
		}
	}
	return t
}
