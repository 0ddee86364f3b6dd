package cxmetrics_test

import (
	"slices"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// FuzzMRRLedgerSegments builds a ledger from any entries (data: four
// bytes an entry: customer, month, MRR, segment) and checks the segment
// bridge in every period: each segment's tally balances with its
// transfers, the transfers net to zero, and the segments add up to the
// whole, movement by movement and customer count by customer count; and
// the whole is what an MRRHistory of the same records gives.
func FuzzMRRLedgerSegments(f *testing.F) {
	f.Add([]byte{0, 0, 5, 0, 0, 1, 7, 1, 1, 1, 3, 0, 0, 3, 2, 2})
	f.Add([]byte{1, 4, 9, 2, 1, 0, 9, 1, 2, 2, 1, 1, 2, 3, 1, 0, 1, 5, 9, 0})
	f.Add([]byte{3, 2, 0, 1, 3, 2, 4, 2, 3, 3, 4, 1, 4, 0, 2, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var entries []cxmetrics.MRREntry[string]
		var records []cxmetrics.MRRRecord[string]
		first := 99
		for i := 0; i+4 <= len(data); i += 4 {
			c, m, mrr := string(rune('a'+data[i]%6)), 1+int(data[i+1]%8), int64(data[i+2]%4)*25
			seg := []string{"", "basic", "pro"}[data[i+3]%3]
			entries = append(entries, entry(c, m, mrr, seg))
			records = append(records, cxmetrics.MRRRecord[string]{Customer: c, Period: m, MRR: mrr})
			first = min(first, m)
		}
		if len(entries) == 0 {
			return
		}
		l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
		if err := l.AddEntries(slices.Values(entries)); err != nil {
			t.Fatal(err)
		}
		periods, err := l.Periods()
		if err != nil {
			t.Fatal(err)
		}
		segs, err := l.Segments()
		if err != nil {
			t.Fatal(err)
		}
		h, err := cxmetrics.NewMRRHistory[string](10, cxmetrics.AnyOrder)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range records {
			if err := h.Add(r.Customer, r.Period-first, r.MRR); err != nil {
				t.Fatal(err)
			}
		}
		rev, cus, err := h.Movements()
		if err != nil {
			t.Fatal(err)
		}
		if len(periods) != len(rev) {
			t.Fatalf("%d periods, the history has %d", len(periods), len(rev))
		}
		for i, p := range periods {
			if !p.Revenue.Equal(rev[i]) || p.Customers != cus[i] {
				t.Fatalf("%s: %v %v, the history gives %v %v", p.Label, p.Revenue, p.Customers, rev[i], cus[i])
			}
			var sum cxmetrics.RevenuePeriod
			var sumCus cxmetrics.Period
			var in, out, cin, cout int64
			for _, s := range segs {
				st := s.Periods[i].SegmentTally
				if s.Periods[i].Label != p.Label {
					t.Fatalf("segment %q period %d is %s, want %s", s.Segment, i, s.Periods[i].Label, p.Label)
				}
				if !st.Balanced() {
					t.Fatalf("%s, segment %q does not balance: %+v", p.Label, s.Segment, st)
				}
				r := st.Revenue
				sum.Start += r.Start
				sum.End += r.End
				sum.New += r.New
				sum.Expansion += r.Expansion
				sum.Contraction += r.Contraction
				sum.Churned += r.Churned
				sum.Reactivation += r.Reactivation
				sumCus.Start += st.Customers.Start
				sumCus.End += st.Customers.End
				sumCus.New += st.Customers.New
				in, out, cin, cout = in+st.TransferIn, out+st.TransferOut, cin+st.CustomersIn, cout+st.CustomersOut
			}
			if !sum.WithBreakdown().Equal(p.Revenue) || sumCus != p.Customers {
				t.Fatalf("%s: the segments add up to %v %v, the whole is %v %v", p.Label, sum, sumCus, p.Revenue, p.Customers)
			}
			if in != out || cin != cout {
				t.Fatalf("%s: transfers in %d (%d customers), out %d (%d)", p.Label, in, cin, out, cout)
			}
		}
	})
}
