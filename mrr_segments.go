package cxmetrics

import "slices"

// This file holds the segments of the period-order engine: how a stream
// that splits its customers by plan, region or any other key tallies each
// segment's movements in the same pass that tallies the whole.
//
// A customer belongs to one segment in each period in which they pay: the
// segment of their largest record in it (on a tie, the first by name), so
// that every unit of MRR is in exactly one segment and the segments add up
// to the whole. A customer whose segment changes from one period to the
// next, paying in both, is a transfer: their MRR of the period before
// leaves the old segment (out) and enters the new one (in), and the change
// from it to their MRR now is an expansion or a contraction of the new
// segment. So each segment's bridge balances with its transfers,
//
//	Start + New + Reactivation + Expansion − Contraction − Churned + In − Out = End
//
// the transfers net to zero across segments, and every movement of the
// segments adds up to the whole's.

// segmentNames are the segments of a history, by id: id 0 is the
// segment "" of records that name none.
type segmentNames struct {
	names []string
	ids   map[string]int32
}

// id returns the id of the segment named name, adding it.
func (n *segmentNames) id(name string) int32 {
	if n.ids == nil {
		n.ids = map[string]int32{"": 0}
		n.names = []string{""}
	}
	if id, ok := n.ids[name]; ok {
		return id
	}
	id := int32(len(n.names))
	n.names = append(n.names, name)
	n.ids[name] = id
	return id
}

// segmenter is the segment state of a stream that splits its customers
// into segments; a stream without segments has none.
type segmenter struct {
	names *segmentNames
	rows  []*segStates // row r at rows[r>>stateShift], index r&stateMask

	// tally is the open period's pass, by segment id, and active the ids
	// it has touched; stamp marks them, pass after pass.
	tally  []SegmentTally
	active []int32
	seen   []uint32
	stamp  uint32

	closed [][]SegmentTally // per closed period, its active segments in order of id
}

// segStates is the segment state of 1<<stateShift rows: the segment of
// each one's largest record in the open period and its MRR (top), and the
// segment it paid in in the period before. 16 bytes a row.
type segStates struct {
	cur, prev [1 << stateShift]int32
	top       [1 << stateShift]int64
}

// SegmentTally is one segment's movements in one period, with the
// transfers of customers who moved into it or out of it. Revenue holds
// its movements as ChartMogul defines them, and balances with the
// transfers:
//
//	Start + New + Reactivation + Expansion − Contraction − Churned + TransferIn − TransferOut = End
//
// TransferIn and TransferOut are the MRR, in the period before, of the
// customers who moved in and out; the change in the MRR of a customer who
// moved is an expansion or contraction of the segment moved into.
// Customers counts the customers of the segment as [Period] does, with
// CustomersIn and CustomersOut for those who moved.
//
// A SegmentTally is a plain value; it is safe for concurrent use.
type SegmentTally struct {
	Segment   string
	Revenue   RevenuePeriod // its transfers are apart: see TransferIn and TransferOut
	Customers Period

	TransferIn, TransferOut   int64
	CustomersIn, CustomersOut int64
}

// Balanced reports whether t's bridge balances with its transfers, as
// every tally of an [MRRLedger] does.
func (t SegmentTally) Balanced() bool {
	r := t.Revenue
	in := sumOf(r.Start, r.New, r.Reactivation, r.Expansion, t.TransferIn)
	out := sumOf(r.Contraction, r.Churned, t.TransferOut, r.End)
	return in == out
}

// grow adds the segment state of one row, the stream's row n.
func (g *segmenter) grow(n int) {
	if n>>stateShift == len(g.rows) {
		g.rows = append(g.rows, new(segStates))
	}
}

// put notes a record of mrr in segment seg for row r, of segment state at
// index i of chunk sc: the largest record of the period decides the row's
// segment, and on a tie the segment first by name.
func (g *segmenter) put(sc *segStates, i int32, mrr int64, seg int32) {
	if top := sc.top[i]; mrr > top || mrr == top && mrr > 0 && g.names.names[seg] < g.names.names[sc.cur[i]] {
		sc.top[i], sc.cur[i] = mrr, seg
	}
}

// begin starts a pass: no segment touched yet.
func (g *segmenter) begin() {
	g.stamp++
	g.active = g.active[:0]
	for len(g.tally) < len(g.names.names) {
		g.tally = append(g.tally, SegmentTally{})
		g.seen = append(g.seen, 0)
	}
}

// at returns the tally of segment seg in this pass, zeroed on first use.
func (g *segmenter) at(seg int32) *SegmentTally {
	if g.seen[seg] != g.stamp {
		g.seen[seg] = g.stamp
		g.tally[seg] = SegmentTally{Segment: g.names.names[seg]}
		g.active = append(g.active, seg)
	}
	return &g.tally[seg]
}

// step classifies, by segment, the move of a row from prev in segment ps
// to cur in segment cs; paid tells whether it paid before prev's period.
func (g *segmenter) step(prev, cur int64, paid bool, ps, cs int32) {
	switch {
	case prev > 0 && cur > 0 && ps != cs:
		out := g.at(ps)
		out.Customers.Start++
		out.Revenue.Start += prev
		out.TransferOut += prev
		out.CustomersOut++
		in := g.at(cs)
		in.TransferIn += prev
		in.CustomersIn++
		if cur > prev {
			in.Revenue.Expansion += cur - prev
		} else if cur < prev {
			in.Revenue.Contraction += prev - cur
		}
		in.Customers.End++
		in.Revenue.End += cur
	case cur > 0:
		t := g.at(cs)
		classify(&t.Revenue, &t.Customers, prev, cur, paid)
	case prev > 0:
		t := g.at(ps)
		classify(&t.Revenue, &t.Customers, prev, 0, paid)
	}
}

// pack returns the tallies of this pass's segments, in order of id.
func (g *segmenter) pack() []SegmentTally {
	slices.Sort(g.active)
	out := make([]SegmentTally, len(g.active))
	for k, id := range g.active {
		out[k] = g.tally[id]
	}
	return out
}

// commit moves the segment state of a row that paid cur in the open
// period on to the next, as the pass that closes it does.
func (g *segmenter) commit(sc *segStates, i int32, cur int64) {
	if cur > 0 {
		sc.prev[i] = sc.cur[i]
	}
	sc.top[i] = 0
}
