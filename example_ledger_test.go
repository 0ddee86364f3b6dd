package cxmetrics_test

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// at returns noon UTC of a day.
func at(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// exampleLedger returns a monthly ledger of four customers over three
// months, as a billing export gives them, in cents, by plan.
func exampleLedger(opts ...cxmetrics.LedgerOption) *cxmetrics.MRRLedger[string] {
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, opts...)
	for _, e := range []cxmetrics.MRREntry[string]{
		{Customer: "acme", At: at(2024, 1, 3), MRR: 49_00, Segment: "basic"},
		{Customer: "globex", At: at(2024, 1, 9), MRR: 199_00, Segment: "pro"},
		{Customer: "acme", At: at(2024, 2, 3), MRR: 199_00, Segment: "pro"}, // upgrades
		{Customer: "globex", At: at(2024, 2, 9), MRR: 199_00, Segment: "pro"},
		{Customer: "initech", At: at(2024, 2, 20), MRR: 49_00, Segment: "basic"},
		{Customer: "acme", At: at(2024, 3, 3), MRR: 199_00, Segment: "pro"},
		{Customer: "initech", At: at(2024, 3, 20), MRR: 49_00, Segment: "basic"},
	} {
		if err := l.AddEntry(e); err != nil {
			panic(err)
		}
	}
	return l
}

func ExampleMRRLedger() {
	l := exampleLedger()
	periods, err := l.Periods()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range periods {
		r := p.Revenue
		fmt.Printf("%s MRR %7.2f  new %6.2f  expansion %6.2f  churned %6.2f\n",
			p.Label, float64(p.MRR())/100, float64(r.New)/100, float64(r.Expansion)/100, float64(r.Churned)/100)
	}
	// Output:
	// 2024-01 MRR  248.00  new 248.00  expansion   0.00  churned   0.00
	// 2024-02 MRR  447.00  new  49.00  expansion 150.00  churned   0.00
	// 2024-03 MRR  248.00  new   0.00  expansion   0.00  churned 199.00
}

func ExampleNewMRRLedger() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, _ := cxmetrics.NewCalendar(cxmetrics.Monthly, ny)
	l := cxmetrics.NewMRRLedger[int64](cal)
	_ = l.Add(42, time.Date(2024, 4, 1, 2, 0, 0, 0, time.UTC), 99_00) // March 31st in New York
	periods, _ := l.Periods()
	fmt.Println(periods[0].Label)
	// Output:
	// 2024-03
}

func ExampleOpeningBalance() {
	// The export starts in January: what its customers pay then is the
	// book they had, not new business.
	l := exampleLedger(cxmetrics.OpeningBalance())
	open, _, _ := l.Opening()
	periods, _ := l.Periods()
	fmt.Printf("opening %s: %.2f from %d customers\n", open.Label, float64(open.MRR())/100, open.Customers.End)
	fmt.Printf("first movements: %s, new %.2f\n", periods[0].Label, float64(periods[0].Revenue.New)/100)
	// Output:
	// opening 2024-01: 248.00 from 2 customers
	// first movements: 2024-02, new 49.00
}

func ExampleLedgerOption() {
	plain, _ := exampleLedger().Periods()
	opened, _ := exampleLedger(cxmetrics.OpeningBalance()).Periods()
	fmt.Println(len(plain), len(opened))
	// Output:
	// 3 2
}

func ExampleMRRLedger_Opening() {
	_, ok, _ := exampleLedger().Opening()
	open, ok2, _ := exampleLedger(cxmetrics.OpeningBalance()).Opening()
	fmt.Println(ok, ok2, open.Label)
	// Output:
	// false true 2024-01
}

func ExampleMRRLedger_Add() {
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
	err := l.Add("acme", at(2024, 5, 1), -49_00)
	fmt.Println(err)
	// Output:
	// cxmetrics: negative value: customer acme in 2024-05: MRR -4900
}

func ExampleMRRLedger_AddLabel() {
	cal, _ := cxmetrics.NewCalendar(cxmetrics.Quarterly, time.UTC, cxmetrics.FiscalYearStart(time.April))
	l := cxmetrics.NewMRRLedger[string](cal)
	_ = l.AddLabel("acme", "FY2025-Q1", 49_00) // April to June 2024
	_ = l.AddLabel("acme", "FY2025-Q2", 99_00)
	fmt.Println(l.AddLabel("acme", "2024-Q3", 99_00))
	periods, _ := l.Periods()
	for _, p := range periods {
		fmt.Println(p.Label, p.Start.Format(time.DateOnly), p.MRR())
	}
	// Output:
	// customer acme: cxmetrics: invalid argument: "2024-Q3" is not a quarterly period label (want FYyyyy-Qn)
	// FY2025-Q1 2024-04-01 4900
	// FY2025-Q2 2024-07-01 9900
}

func ExampleMRRLedger_AddEntry() {
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
	// Two subscriptions of one customer in one month add up; the larger
	// one's plan is the customer's segment.
	_ = l.AddEntry(cxmetrics.MRREntry[string]{Customer: "acme", At: at(2024, 5, 1), MRR: 49_00, Segment: "basic"})
	_ = l.AddEntry(cxmetrics.MRREntry[string]{Customer: "acme", At: at(2024, 5, 9), MRR: 99_00, Segment: "add-ons"})
	segs, _ := l.Segments()
	for _, s := range segs {
		fmt.Println(s.Segment, s.Periods[0].Revenue.End)
	}
	// Output:
	// add-ons 14800
}

func ExampleMRRLedger_AddEntries() {
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
	entries := []cxmetrics.MRREntry[string]{
		{Customer: "acme", At: at(2024, 1, 1), MRR: 49_00},
		{Customer: "globex", At: at(2024, 1, 1), MRR: -1},
	}
	err := l.AddEntries(slices.Values(entries))
	var re *cxmetrics.RecordError
	fmt.Println(errors.As(err, &re), re.Index, l.Customers())
	// Output:
	// true 1 1
}

func ExampleMRRLedger_Calendar() {
	fmt.Println(exampleLedger().Calendar())
	// Output:
	// monthly in UTC
}

func ExampleMRRLedger_Customers() {
	fmt.Println(exampleLedger().Customers())
	// Output:
	// 3
}

func ExampleMRRLedger_Periods() {
	periods, _ := exampleLedger().Periods()
	march := periods[2]
	grr, _ := cxmetrics.GrossRevenueRetention(march.Revenue)
	fmt.Printf("%s starts %s: GRR %.1f%%\n", march.Label, march.Start.Format(time.DateOnly), grr)
	// Output:
	// 2024-03 starts 2024-03-01: GRR 55.5%
}

func ExampleLedgerPeriod() {
	periods, _ := exampleLedger().Periods()
	p := periods[1]
	fmt.Printf("%s: %d customers, %v\n", p.Label, p.Customers.End, p.Revenue)
	// Output:
	// 2024-02: 3 customers, {Start:24800 End:44700 New:4900 Expansion:15000 Contraction:0 Churned:0 Reactivation:0}
}

func ExampleLedgerPeriod_MRR() {
	periods, _ := exampleLedger().Periods()
	fmt.Println(periods[1].MRR())
	// Output:
	// 44700
}

func ExampleLedgerPeriod_ARR() {
	periods, _ := exampleLedger().Periods()
	arr, _ := periods[1].ARR()
	fmt.Printf("ARR $%.2f\n", float64(arr)/100)
	// Output:
	// ARR $5364.00
}

func ExampleLedgerPeriod_ARPA() {
	periods, _ := exampleLedger().Periods()
	arpa, _ := periods[1].ARPA() // 447 / 3
	fmt.Printf("ARPA $%.2f\n", arpa/100)
	// Output:
	// ARPA $149.00
}

func ExampleLedgerPeriod_Growth() {
	periods, _ := exampleLedger().Periods()
	g, _ := periods[1].Growth() // 100 × (447 − 248) / 248
	_, err := periods[0].Growth()
	fmt.Printf("%.1f%% %v\n", g, errors.Is(err, cxmetrics.ErrUndefined))
	// Output:
	// 80.2% true
}

func ExampleMRRLedger_Segments() {
	segs, _ := exampleLedger().Segments()
	for _, s := range segs {
		feb := s.Periods[1]
		fmt.Printf("%s %s: in %d, out %d, balanced %v\n", s.Segment, feb.Label, feb.TransferIn, feb.TransferOut, feb.Balanced())
	}
	// Output:
	// basic 2024-02: in 0, out 4900, balanced true
	// pro 2024-02: in 4900, out 0, balanced true
}

func ExampleLedgerSegment() {
	segs, _ := exampleLedger().Segments()
	for _, s := range segs {
		fmt.Println(s.Segment, len(s.Periods))
	}
	// Output:
	// basic 3
	// pro 3
}

func ExampleSegmentPeriod() {
	segs, _ := exampleLedger().Segments()
	p := segs[1].Periods[1] // pro in February
	fmt.Printf("%s %s: %v, %d moved in\n", p.Segment, p.Label, p.Revenue, p.CustomersIn)
	// Output:
	// pro 2024-02: {Start:19900 End:39800 New:0 Expansion:15000 Contraction:0 Churned:0 Reactivation:0}, 1 moved in
}

func ExampleSegmentTally() {
	// acme moves from basic (49) to pro (199): 49 leaves basic and enters
	// pro, and the other 150 is pro's expansion.
	segs, _ := exampleLedger().Segments()
	basic, pro := segs[0].Periods[1].SegmentTally, segs[1].Periods[1].SegmentTally
	fmt.Println(basic.TransferOut, pro.TransferIn, pro.Revenue.Expansion)
	// Output:
	// 4900 4900 15000
}

func ExampleSegmentTally_Balanced() {
	t := cxmetrics.SegmentTally{
		Revenue:     cxmetrics.RevenuePeriod{Start: 100, End: 80},
		TransferOut: 20,
	}
	fmt.Println(t.Balanced())
	// Output:
	// true
}

func ExampleMRRLedger_Retention() {
	r, err := exampleLedger().Retention(at(2024, 1, 1), at(2024, 3, 1))
	if err != nil {
		fmt.Println(err)
		return
	}
	nrr, _ := r.NRR() // acme 49 → 199, globex 199 → 0
	grr, _ := r.GRR() // acme kept 49 of 49, globex 0
	fmt.Printf("%s to %s: NRR %.1f%%, GRR %.1f%%\n", r.From, r.To, nrr, grr)
	// Output:
	// 2024-01 to 2024-03: NRR 80.2%, GRR 19.8%
}

func ExampleMRRLedger_TrailingRetention() {
	// Over the two months to March.
	r, _ := exampleLedger().TrailingRetention(at(2024, 3, 31), 2)
	fmt.Println(r.From, r.To, r.Customers, r.Retained)
	// Output:
	// 2024-01 2024-03 2 1
}

func ExampleMRRLedger_SegmentRetention() {
	// basic's customers in January (acme) went on to pay more, in pro.
	r, _ := exampleLedger().SegmentRetention("basic", at(2024, 1, 1), at(2024, 3, 1))
	nrr, _ := r.NRR()
	fmt.Printf("%.0f%%\n", nrr)
	// Output:
	// 406%
}

func ExampleSpanRetention() {
	r := cxmetrics.SpanRetention{From: "2024-01", To: "2025-01", Customers: 3, Retained: 3, StartMRR: 250, EndMRR: 280, KeptMRR: 230}
	nrr, _ := r.NRR()
	grr, _ := r.GRR()
	fmt.Printf("NRR %.0f%%, GRR %.0f%%\n", nrr, grr)
	// Output:
	// NRR 112%, GRR 92%
}

func ExampleSpanRetention_NRR() {
	_, err := cxmetrics.SpanRetention{From: "2024-01"}.NRR()
	fmt.Println(err)
	// Output:
	// cxmetrics: period starts at zero: no MRR in 2024-01
}

func ExampleSpanRetention_GRR() {
	grr, _ := cxmetrics.SpanRetention{StartMRR: 200, EndMRR: 300, KeptMRR: 150}.GRR()
	fmt.Println(grr)
	// Output:
	// 75
}

func ExampleSpanRetention_LogoRetention() {
	logo, _ := cxmetrics.SpanRetention{Customers: 8, Retained: 6}.LogoRetention()
	fmt.Println(logo)
	// Output:
	// 75
}

func ExampleMRRLedger_Cohorts() {
	cohorts, _ := exampleLedger(cxmetrics.OpeningBalance()).Cohorts()
	for _, c := range cohorts {
		fmt.Println(c.Label, c.Opening, c.Customers)
	}
	// Output:
	// 2024-01 true [2 2 1]
	// 2024-02 false [1 1]
	// 2024-03 false [0]
}

func ExampleLedgerCohort() {
	cohorts, _ := exampleLedger().Cohorts()
	c := cohorts[1]
	fmt.Println(c.Label, c.Start.Format(time.DateOnly), c.MRR)
	// Output:
	// 2024-02 2024-02-01 [4900 4900]
}

func ExampleMRREntry() {
	e := cxmetrics.MRREntry[string]{Customer: "acme", At: at(2024, 7, 4), MRR: 99_00, Segment: "EMEA"}
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
	fmt.Println(l.AddEntry(e), l.Customers())
	// Output:
	// <nil> 1
}

func ExampleCombine() {
	// Daily snapshots of one customer's MRR: 49 to March 15th, 99 after;
	// summed, 15 × 49 + 16 × 99 = 2,319.
	snapshot := func(combine cxmetrics.Combine) int64 {
		l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, cxmetrics.CombineRecords(combine))
		for d := 1; d <= 31; d++ {
			mrr := int64(49_00)
			if d > 15 {
				mrr = 99_00
			}
			_ = l.Add("acme", at(2024, 3, d), mrr)
		}
		periods, err := l.Periods()
		if err != nil {
			fmt.Println(err)
			return 0
		}
		return periods[0].MRR()
	}
	fmt.Println("summed:  ", snapshot(cxmetrics.SumRecords))
	fmt.Println("last day:", snapshot(cxmetrics.LastDay))
	snapshot(cxmetrics.SameDay)
	// Output:
	// summed:   231900
	// last day: 9900
	// cxmetrics: ambiguous records: customer acme has records on 2024-03-01 and 2024-03-02, both in 2024-03: several subscriptions (SumRecords) or snapshots (LastDay)?
}

func ExampleCombine_String() {
	fmt.Println(cxmetrics.LastDay)
	// Output: last day
}

func ExampleCombineRecords() {
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, cxmetrics.CombineRecords(cxmetrics.LastDay))
	_ = l.Add("acme", at(2024, 3, 1), 49_00)
	_ = l.Add("acme", at(2024, 3, 31), 49_00) // two subscriptions on the last day
	_ = l.Add("acme", at(2024, 3, 31), 20_00)
	periods, _ := l.Periods()
	fmt.Println(periods[0].Label, periods[0].MRR())
	// Output: 2024-03 6900
}

func ExampleMRRLedger_Exclude() {
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
	_ = l.Add("acme", at(2024, 1, 5), 49_00)
	_ = l.Add("globex", at(2024, 1, 9), 99_00)
	// globex's February row could not be read: left out, globex would
	// seem to churn in February and come back in March.
	_ = l.Exclude("globex")
	_ = l.Add("acme", at(2024, 2, 5), 49_00)
	_ = l.Add("globex", at(2024, 3, 9), 99_00)
	_ = l.Add("acme", at(2024, 3, 5), 49_00)
	periods, _ := l.Periods()
	for _, p := range periods {
		fmt.Println(p.Label, p.MRR(), p.Revenue.Churned, p.Revenue.Reactivation)
	}
	fmt.Println(l.Customers(), "customer")
	// Output:
	// 2024-01 4900 0 0
	// 2024-02 4900 0 0
	// 2024-03 4900 0 0
	// 1 customer
}
