package cxmetrics_test

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cxmetrics/cxmetrics"
)

// The history of ExampleMRRHistory: MRR in cents, months 0 to 3.
//
//	acme    100.00  150.00  120.00       -   (new, expansion, contraction, churned)
//	globex       -  200.00       -  200.00   (new, churned, reactivation)
//	initech      -       -   50.00   50.00   (new)
var exampleRecords = []cxmetrics.MRRRecord[string]{
	{Customer: "acme", Period: 0, MRR: 10000},
	{Customer: "acme", Period: 1, MRR: 15000},
	{Customer: "globex", Period: 1, MRR: 20000},
	{Customer: "acme", Period: 2, MRR: 12000},
	{Customer: "initech", Period: 2, MRR: 5000},
	{Customer: "globex", Period: 3, MRR: 20000},
	{Customer: "initech", Period: 3, MRR: 5000},
}

func exampleHistory() *cxmetrics.MRRHistory[string] {
	h, err := cxmetrics.NewMRRHistory[string](4, cxmetrics.PeriodOrder)
	if err != nil {
		panic(err)
	}
	if err := h.AddRecords(slices.Values(exampleRecords)); err != nil {
		panic(err)
	}
	return h
}

// ExampleMRRHistory turns per-customer MRR into the monthly revenue bridge.
func ExampleMRRHistory() {
	h := exampleHistory()
	rev, cust, err := h.Movements()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("month  start  new  react  exp  contr  churn  end  customers")
	for m, r := range rev {
		fmt.Printf("%5d %6d %4d %6d %4d %6d %6d %4d  %d→%d\n", m, r.Start/100, r.New/100,
			r.Reactivation/100, r.Expansion/100, r.Contraction/100, r.Churned/100, r.End/100,
			cust[m].Start, cust[m].End)
	}
	// Output:
	// month  start  new  react  exp  contr  churn  end  customers
	//     0      0  100      0    0      0      0  100  0→1
	//     1    100  200      0   50      0      0  350  1→2
	//     2    350   50      0    0     30    200  170  2→2
	//     3    170    0    200    0      0    120  250  2→2
}

func ExampleNewMRRHistory() {
	// Customers keyed by integer IDs, records in any order.
	h, err := cxmetrics.NewMRRHistory[int64](12, cxmetrics.AnyOrder)
	fmt.Println(h.Periods(), err)

	_, err = cxmetrics.NewMRRHistory[int64](0, cxmetrics.AnyOrder)
	fmt.Println(errors.Is(err, cxmetrics.ErrOutOfRange))
	// Output:
	// 12 <nil>
	// true
}

func ExampleMRRHistory_Add() {
	h, _ := cxmetrics.NewMRRHistory[string](2, cxmetrics.AnyOrder)
	// Two subscriptions of one customer add up.
	_ = h.Add("acme", 0, 4900)
	_ = h.Add("acme", 0, 2900)
	_ = h.Add("acme", 1, 4900)
	rev, _, _ := h.Movements()
	fmt.Printf("%+v\n", rev[1])

	err := h.Add("acme", 1, -100)
	fmt.Println(err)
	// Output:
	// {Start:7800 End:4900 New:0 Expansion:0 Contraction:2900 Churned:0 Reactivation:0}
	// cxmetrics: negative value: customer acme in period 1: MRR -100
}

func ExampleMRRHistory_AddSnapshot() {
	h, _ := cxmetrics.NewMRRHistory[string](2, cxmetrics.PeriodOrder)
	_ = h.AddSnapshot(0, map[string]int64{"acme": 10000, "globex": 5000})
	_ = h.AddSnapshot(1, map[string]int64{"acme": 12000})
	rev, _, _ := h.Movements()
	fmt.Printf("%+v\n", rev[1])
	// Output:
	// {Start:15000 End:12000 New:0 Expansion:2000 Contraction:0 Churned:5000 Reactivation:0}
}

func ExampleMRRHistory_AddRecords() {
	h, _ := cxmetrics.NewMRRHistory[string](3, cxmetrics.PeriodOrder)
	err := h.AddRecords(slices.Values([]cxmetrics.MRRRecord[string]{
		{Customer: "acme", Period: 2, MRR: 100},
		{Customer: "globex", Period: 1, MRR: 100}, // goes backwards
	}))
	fmt.Println(errors.Is(err, cxmetrics.ErrOutOfRange))
	fmt.Println(err)
	fmt.Println(h.Customers()) // acme's record, before the bad one, stays added
	// Output:
	// true
	// record 1: cxmetrics: out of range: customer globex in period 1: after a record for period 2 (records in PeriodOrder)
	// 1
}

func ExampleRecordError() {
	h, _ := cxmetrics.NewMRRHistory[string](12, cxmetrics.AnyOrder)
	rows := []cxmetrics.MRRRecord[string]{
		{Customer: "acme", Period: 0, MRR: 100},
		{Customer: "globex", Period: 1, MRR: 200},
		{Customer: "initech", Period: 1, MRR: -5},
		{Customer: "umbrella", Period: 2, MRR: 50},
	}
	err := h.AddRecords(slices.Values(rows))
	var re *cxmetrics.RecordError
	if errors.As(err, &re) {
		// Records 0 and 1 were added; fix record 2 and go on from there.
		fmt.Printf("%d added; record %d: %v\n", re.Index, re.Index, errors.Is(re, cxmetrics.ErrNegative))
		rows[re.Index].MRR = 5
		err = h.AddRecords(slices.Values(rows[re.Index:]))
	}
	fmt.Println(err, h.Customers())
	// Output:
	// 2 added; record 2: true
	// <nil> 4
}

func ExampleRecordError_Error() {
	err := &cxmetrics.RecordError{Index: 17, Err: fmt.Errorf("%w: customer acme in period 3: MRR -5", cxmetrics.ErrNegative)}
	fmt.Println(err)
	// Output:
	// record 17: cxmetrics: negative value: customer acme in period 3: MRR -5
}

func ExampleRecordError_Unwrap() {
	h, _ := cxmetrics.NewMRRHistory[string](3, cxmetrics.AnyOrder)
	err := h.AddRecords(slices.Values([]cxmetrics.MRRRecord[string]{{Customer: "acme", Period: 7, MRR: 1}}))
	fmt.Println(errors.Unwrap(err))
	// Output:
	// cxmetrics: out of range: customer acme in period 7: history holds periods 0 to 2
}

func ExampleMRRHistory_Movements() {
	h := exampleHistory()
	rev, cust, _ := h.Movements()
	// Month 3: globex comes back. Reactivated customers count in New so
	// that Lost is the customers who stopped paying (acme).
	r, c := rev[3], cust[3]
	fmt.Printf("revenue: %d + %d new + %d reactivation + %d expansion - %d contraction - %d churned = %d\n",
		r.Start, r.New, r.Reactivation, r.Expansion, r.Contraction, r.Churned, r.End)
	fmt.Printf("customers: %d + %d new - %d lost = %d\n", c.Start, c.New, c.Start+c.New-c.End, c.End)
	// Output:
	// revenue: 17000 + 0 new + 20000 reactivation + 0 expansion - 0 contraction - 12000 churned = 25000
	// customers: 2 + 1 new - 1 lost = 2
}

func ExampleMRRHistory_Cohorts() {
	h := exampleHistory()
	t, _ := h.Cohorts()
	for c := range t.Customers {
		fmt.Println("cohort", c, "customers", t.Customers[c], "MRR", t.MRR[c])
	}
	// Output:
	// cohort 0 customers [1 1 1 0] MRR [10000 15000 12000 0]
	// cohort 1 customers [1 0 1] MRR [20000 0 20000]
	// cohort 2 customers [1 1] MRR [5000 5000]
	// cohort 3 customers [0] MRR [0]
}

func ExampleMRRHistory_Periods() {
	h, _ := cxmetrics.NewMRRHistory[string](24, cxmetrics.AnyOrder)
	fmt.Println(h.Periods())
	// Output: 24
}

func ExampleMRRHistory_Customers() {
	h := exampleHistory()
	fmt.Println(h.Customers())
	// Output: 3
}

func ExampleMRRRecord() {
	// Records may come from any iterator, such as a database cursor.
	rows := func(yield func(cxmetrics.MRRRecord[int]) bool) {
		for m, mrr := range []int64{2900, 4900, 4900} {
			if !yield(cxmetrics.MRRRecord[int]{Customer: 42, Period: m, MRR: mrr}) {
				return
			}
		}
	}
	h, _ := cxmetrics.NewMRRHistory[int](3, cxmetrics.PeriodOrder)
	if err := h.AddRecords(rows); err != nil {
		fmt.Println(err)
	}
	rev, _, _ := h.Movements()
	fmt.Println(rev[1].Expansion)
	// Output: 2000
}

func ExampleOrder() {
	// AnyOrder keeps every customer's MRR in every period; PeriodOrder
	// keeps a few bytes per customer and refuses records that go back.
	for _, o := range []cxmetrics.Order{cxmetrics.AnyOrder, cxmetrics.PeriodOrder} {
		h, _ := cxmetrics.NewMRRHistory[string](3, o)
		_ = h.Add("acme", 2, 100)
		err := h.Add("acme", 0, 100)
		fmt.Println(o, err == nil)
	}
	// Output:
	// AnyOrder true
	// PeriodOrder false
}

func ExampleOrder_String() {
	fmt.Println(cxmetrics.PeriodOrder)
	// Output: PeriodOrder
}

func ExampleCohortTable() {
	t, _ := exampleHistory().Cohorts()
	// Cohort 2 (initech) has been seen at ages 0 and 1 only: the cells of
	// ages 2 and 3 have not happened and are absent, not 0.
	fmt.Println(len(t.Customers[2]), t.Customers[2])
	// Output: 2 [1 1]
}

func ExampleCohortTable_LogoRetention() {
	t := cxmetrics.CohortTable{
		Customers: [][]int64{{40, 30, 26}, {0, 0}, {25}},
		MRR:       [][]int64{{4000, 4200, 3900}, {0, 0}, {2500}},
	}
	for c := range t.Customers {
		logo, err := t.LogoRetention(c)
		if err != nil {
			fmt.Println("cohort", c, err)
			continue
		}
		fmt.Printf("cohort %d: %.1f\n", c, logo)
	}
	// Output:
	// cohort 0: [100.0 75.0 65.0]
	// cohort 1 cxmetrics: period starts at zero: cohort 1 has no customers at age 0
	// cohort 2: [100.0]
}

func ExampleCohortTable_RevenueRetention() {
	t := cxmetrics.CohortTable{
		Customers: [][]int64{{40, 30, 26}},
		MRR:       [][]int64{{4000, 4200, 3900}},
	}
	// Expansion of the customers who stay outweighs the churn at age 1.
	rev, _ := t.RevenueRetention(0)
	fmt.Printf("%.1f\n", rev)
	// Output: [100.0 105.0 97.5]
}

func ExampleMRRHistory_Observed() {
	// A year declared, three months seen so far: the months to come are
	// not reported as months in which everyone left.
	h, _ := cxmetrics.NewMRRHistory[string](12, cxmetrics.PeriodOrder)
	_ = h.AddSnapshot(0, map[string]int64{"acme": 4900})
	_ = h.AddSnapshot(1, map[string]int64{"acme": 4900})
	_ = h.AddSnapshot(2, map[string]int64{"acme": 4900})
	rev, _, _ := h.Movements()
	t, _ := h.Cohorts()
	fmt.Println(h.Periods(), h.Observed(), len(rev), t.Customers[0])
	// Output: 12 3 3 [1 1 1]
}

// A month-ordered feed of many customers, computed on two goroutines:
// the figures are those of one MRRHistory, exactly.
func ExampleMovementsConcurrent() {
	var records []cxmetrics.MRRRecord[int64]
	for month := range 3 {
		for c := range int64(100_000) {
			mrr := int64(4900)
			if c%10 == 0 && month == 2 {
				mrr = 0 // one customer in ten leaves in the third month
			}
			records = append(records, cxmetrics.MRRRecord[int64]{Customer: c, Period: month, MRR: mrr})
		}
	}
	t, err := cxmetrics.MovementsConcurrent(records, 3, cxmetrics.PeriodOrder, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	grr, _ := cxmetrics.GrossRevenueRetention(t.Revenue[2])
	fmt.Printf("%d customers; month 2: %d lost, GRR %.1f%%\n", t.Distinct, t.Customers[2].Start+t.Customers[2].New-t.Customers[2].End, grr)
	// Output:
	// 100000 customers; month 2: 10000 lost, GRR 90.0%
}

func ExampleMRRTables() {
	records := []cxmetrics.MRRRecord[string]{
		{Customer: "acme", Period: 0, MRR: 10000},
		{Customer: "bolt", Period: 0, MRR: 5000},
		{Customer: "acme", Period: 1, MRR: 12000},
	}
	t, err := cxmetrics.MovementsConcurrent(records, 2, cxmetrics.PeriodOrder, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := t.Revenue[1]
	fmt.Println(r.Start, r.Expansion, r.Churned, r.End)
	fmt.Println(t.Cohorts.Customers)
	// Output:
	// 15000 2000 5000 12000
	// [[2 1] [0]]
}
