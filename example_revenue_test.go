package cxmetrics_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cxmetrics/cxmetrics"
)

func ExamplePeriod() {
	// March: 1,000 customers on the 1st, 100 new ones, 1,050 on the 31st.
	p := cxmetrics.Period{Start: 1000, End: 1050, New: 100}
	retention, _ := cxmetrics.RetentionRate(p)
	churn, _ := cxmetrics.ChurnRate(p)
	fmt.Printf("lost %d, retention %.1f%%, churn %.1f%%\n", p.Lost(), retention, churn)
	// Output:
	// lost 50, retention 95.0%, churn 5.0%
}

func ExamplePeriod_Add() {
	// The customers of two shards of a history, split by customer.
	a := cxmetrics.Period{Start: 120, End: 118, New: 10}
	b := cxmetrics.Period{Start: 80, End: 85, New: 7}
	total, err := a.Add(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	churn, _ := cxmetrics.ChurnRate(total)
	fmt.Printf("%+v, churn %.1f%%\n", total, churn)
	// Output:
	// {Start:200 End:203 New:17}, churn 7.0%
}

func ExamplePeriod_Lost() {
	// 100 + 20 − 110: the business grew, and still lost 10 customers.
	p := cxmetrics.Period{Start: 100, End: 110, New: 20}
	fmt.Println(p.Lost())
	// Output:
	// 10
}

func ExamplePeriod_Validate() {
	p := cxmetrics.Period{Start: 10, End: 25, New: 5} // 20 retained of 10?
	err := p.Validate()
	fmt.Println(errors.Is(err, cxmetrics.ErrInconsistent))
	fmt.Println(err)
	// Output:
	// true
	// cxmetrics: inconsistent figures: 20 retained (end 25 − new 5) but 10 at the start
}

func ExampleRetentionRate() {
	r, err := cxmetrics.RetentionRate(cxmetrics.Period{Start: 100, End: 110, New: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f%%\n", r) // 100 × (110 − 20) / 100
	_, err = cxmetrics.RetentionRate(cxmetrics.Period{Start: 0, End: 5, New: 5})
	fmt.Println(err)
	// Output:
	// 90.0%
	// cxmetrics: period starts at zero: start 0 customers
}

func ExampleChurnRate() {
	// The shortcut (S − E) / S would say −10% for this growing business.
	c, err := cxmetrics.ChurnRate(cxmetrics.Period{Start: 100, End: 110, New: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f%%\n", c)
	// Output:
	// 10.0%
}

func ExampleStripeChurnRate() {
	p := cxmetrics.Period{Start: 1000, End: 1050, New: 100}
	stripe, _ := cxmetrics.StripeChurnRate(p) // 50 / (1000 + 100)
	churn, _ := cxmetrics.ChurnRate(p)        // 50 / 1000
	fmt.Printf("Stripe %.2f%%, start-based %.2f%%\n", stripe, churn)
	// Output:
	// Stripe 4.55%, start-based 5.00%
}

func ExampleAnnualizeChurn() {
	a, err := cxmetrics.AnnualizeChurn(5, 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("5%% a month is %.2f%% a year, not 60%%\n", a)
	q, _ := cxmetrics.AnnualizeChurn(10, 4)
	fmt.Printf("10%% a quarter is %.2f%% a year\n", q)
	// Output:
	// 5% a month is 45.96% a year, not 60%
	// 10% a quarter is 34.39% a year
}

func ExamplePeriodicChurn() {
	m, err := cxmetrics.PeriodicChurn(45.96, 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("45.96%% a year is %.2f%% a month\n", m)
	_, err = cxmetrics.PeriodicChurn(30, 0)
	fmt.Println(errors.Is(err, cxmetrics.ErrInvalidArgument))
	// Output:
	// 45.96% a year is 5.00% a month
	// true
}

func ExampleRevenuePeriod() {
	// A month of MRR in cents, with ChartMogul's movements.
	r := cxmetrics.RevenuePeriod{
		Start:        1000_00,
		New:          100_00,
		Reactivation: 50_00,
		Expansion:    30_00,
		Contraction:  20_00,
		Churned:      60_00,
		End:          1100_00,
	}
	nrr, _ := cxmetrics.NetRevenueRetention(r)
	grr, _ := cxmetrics.GrossRevenueRetention(r)
	quick, _ := cxmetrics.QuickRatio(r)
	fmt.Printf("balanced %v, NRR %.1f%%, GRR %.1f%%, quick ratio %.2f\n", r.Balanced(), nrr, grr, quick)
	// Output:
	// balanced true, NRR 95.0%, GRR 92.0%, quick ratio 2.25
}

func ExampleRevenuePeriod_WithBreakdown() {
	// A month in which nothing moved. As a literal it is in totals form:
	// the zeros may mean "unknown", so GRR is not defined.
	steady := cxmetrics.RevenuePeriod{Start: 49_00, End: 49_00}
	_, err := cxmetrics.GrossRevenueRetention(steady)
	fmt.Println(errors.Is(err, cxmetrics.ErrNoMovements))

	// Known from per-customer data to have moved nowhere, it keeps all
	// of its revenue; its quick ratio is undefined for want of losses.
	grr, _ := cxmetrics.GrossRevenueRetention(steady.WithBreakdown())
	_, err = cxmetrics.QuickRatio(steady.WithBreakdown())
	fmt.Printf("GRR %.0f%%, quick ratio undefined: %v\n", grr, errors.Is(err, cxmetrics.ErrUndefined))
	// Output:
	// true
	// GRR 100%, quick ratio undefined: true
}

func ExampleRevenuePeriod_HasBreakdown() {
	h, _ := cxmetrics.NewMRRHistory[string](2, cxmetrics.PeriodOrder)
	_ = h.Add("c1", 0, 49_00)
	_ = h.Add("c1", 1, 49_00)
	rev, _, _ := h.Movements()
	literal := cxmetrics.RevenuePeriod{Start: 49_00, End: 49_00}
	fmt.Println(rev[1].HasBreakdown(), literal.HasBreakdown())
	// Output:
	// true false
}

func ExampleRevenuePeriod_Equal() {
	h, _ := cxmetrics.NewMRRHistory[string](2, cxmetrics.PeriodOrder)
	_ = h.Add("c1", 0, 49_00)
	_ = h.Add("c1", 1, 59_00)
	rev, _, _ := h.Movements()
	fmt.Println(rev[1].Equal(cxmetrics.RevenuePeriod{Start: 49_00, End: 59_00, Expansion: 10_00}))
	// A steady literal is in totals form; the history's first month,
	// new business only, has its breakdown.
	first := cxmetrics.RevenuePeriod{End: 49_00, New: 49_00}
	fmt.Println(rev[0].Equal(first), rev[0].Equal(first.WithBreakdown()))
	// Output:
	// true
	// false true
}

func ExampleRevenuePeriod_String() {
	moved := cxmetrics.RevenuePeriod{Start: 100, End: 90, Churned: 10}
	fmt.Println(moved)
	fmt.Println(cxmetrics.RevenuePeriod{Start: 100, End: 120, New: 10})
	// Output:
	// {Start:100 End:90 New:0 Expansion:0 Contraction:0 Churned:10 Reactivation:0}
	// {Start:100 End:120 New:10 Expansion:0 Contraction:0 Churned:0 Reactivation:0 totals form}
}

func ExampleRevenuePeriod_Add() {
	// The same month of two regions: the company's month is their sum.
	emea := cxmetrics.RevenuePeriod{Start: 1000, End: 1100, New: 150, Churned: 50}
	amer := cxmetrics.RevenuePeriod{Start: 2000, End: 2000}.WithBreakdown()
	var total cxmetrics.RevenuePeriod // the empty sum
	for _, r := range []cxmetrics.RevenuePeriod{emea, amer} {
		var err error
		if total, err = total.Add(r); err != nil {
			fmt.Println(err)
			return
		}
	}
	grr, _ := cxmetrics.GrossRevenueRetention(total)
	fmt.Printf("%v\nGRR %.2f%%\n", total, grr)
	// Output:
	// {Start:3000 End:3100 New:150 Expansion:0 Contraction:0 Churned:50 Reactivation:0}
	// GRR 98.33%
}

func ExampleRevenuePeriod_MarshalJSON() {
	b, err := json.Marshal(cxmetrics.RevenuePeriod{Start: 4900, End: 4900}.WithBreakdown())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// {"start":4900,"end":4900,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}
}

func ExampleRevenuePeriod_UnmarshalJSON() {
	var r cxmetrics.RevenuePeriod
	err := json.Unmarshal([]byte(`{"start":4900,"end":4900,"new":0,"expansion":0,"contraction":0,"churned":0,"reactivation":0,"breakdown":true}`), &r)
	if err != nil {
		fmt.Println(err)
		return
	}
	grr, _ := cxmetrics.GrossRevenueRetention(r)
	fmt.Printf("GRR %.0f%%\n", grr)
	// A key given twice is refused, not read as the last one.
	err = json.Unmarshal([]byte(`{"start":1,"start":2}`), &r)
	fmt.Println(err)
	// Output:
	// GRR 100%
	// cxmetrics: corrupt encoding: key "start" given twice
}

func ExampleRevenuePeriod_MarshalBinary() {
	b, err := cxmetrics.RevenuePeriod{Start: 100, End: 90, Churned: 10}.MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b)
	// Output:
	// [1 1 100 90 0 0 0 10 0]
}

func ExampleRevenuePeriod_UnmarshalBinary() {
	var r cxmetrics.RevenuePeriod
	if err := r.UnmarshalBinary([]byte{1, 1, 100, 90, 0, 0, 0, 10, 0}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r)
	// Output:
	// {Start:100 End:90 New:0 Expansion:0 Contraction:0 Churned:10 Reactivation:0}
}

func ExampleRevenuePeriod_ImpliedEnd() {
	r := cxmetrics.RevenuePeriod{Start: 100_00, End: 110_00, New: 10_00, Churned: 5_00}
	end, err := r.ImpliedEnd()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("movements imply $%.2f, the period says $%.2f\n", float64(end)/100, float64(r.End)/100)
	// Output:
	// movements imply $105.00, the period says $110.00
}

func ExampleRevenuePeriod_Balanced() {
	ok := cxmetrics.RevenuePeriod{Start: 100, End: 90, Expansion: 10, Contraction: 10, Churned: 10}
	off := cxmetrics.RevenuePeriod{Start: 100, End: 110, New: 10, Churned: 5}
	fmt.Println(ok.Balanced(), off.Balanced())
	// Output:
	// true false
}

func ExampleRevenuePeriod_Validate() {
	r := cxmetrics.RevenuePeriod{Start: 100, End: 110, New: 10, Churned: 5}
	err := r.Validate()
	fmt.Println(errors.Is(err, cxmetrics.ErrUnbalanced))
	fmt.Println(err)
	// Output:
	// true
	// cxmetrics: unbalanced revenue movements: start 100 + new 10 + reactivation 0 + expansion 0 − contraction 0 − churned 5 = 105, not end 110
}

func ExampleNetRevenueRetention() {
	// Movement form: 100 × (100 + 30 − 5 − 5) / 100.
	nrr, err := cxmetrics.NetRevenueRetention(cxmetrics.RevenuePeriod{Start: 100, End: 120, Expansion: 30, Contraction: 5, Churned: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f%%\n", nrr)
	// Totals form: 100 × (End − New) / Start.
	nrr, _ = cxmetrics.NetRevenueRetention(cxmetrics.RevenuePeriod{Start: 100, End: 120, New: 10})
	fmt.Printf("%.1f%%\n", nrr)
	// Output:
	// 120.0%
	// 110.0%
}

func ExampleNetRevenueChurn() {
	// ChartMogul: start $100, end $120, $10 of it new business.
	c, err := cxmetrics.NetRevenueChurn(cxmetrics.RevenuePeriod{Start: 100_00, End: 120_00, New: 10_00})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f%%\n", c)
	// Output:
	// -10.0%
}

func ExampleChartMogulNetMRRChurn() {
	r := cxmetrics.RevenuePeriod{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60}
	cm, _ := cxmetrics.ChartMogulNetMRRChurn(r) // (20 + 60 − 30 − 50) / 1000
	net, _ := cxmetrics.NetRevenueChurn(r)      // (20 + 60 − 30) / 1000
	fmt.Printf("ChartMogul %.1f%%, complement of NRR %.1f%%\n", cm, net)
	// Output:
	// ChartMogul 0.0%, complement of NRR 5.0%
}

func ExampleGrossRevenueRetention() {
	r := cxmetrics.RevenuePeriod{Start: 100_00, End: 90_00, Expansion: 10_00, Contraction: 10_00, Churned: 10_00}
	grr, err := cxmetrics.GrossRevenueRetention(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f%%\n", grr)
	_, err = cxmetrics.GrossRevenueRetention(cxmetrics.RevenuePeriod{Start: 100, End: 120, New: 10})
	fmt.Println(errors.Is(err, cxmetrics.ErrNoMovements))
	// Output:
	// 80.0%
	// true
}

func ExampleGrossRevenueChurn() {
	// ChartMogul: $100 MRR, $10 churned, $10 contraction, $10 expansion.
	r := cxmetrics.RevenuePeriod{Start: 100_00, End: 90_00, Expansion: 10_00, Contraction: 10_00, Churned: 10_00}
	c, err := cxmetrics.GrossRevenueChurn(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f%%\n", c)
	// Output:
	// 20.0%
}

func ExampleQuickRatio() {
	// ProfitWell: $24K new and expansion against $4K lost.
	r := cxmetrics.RevenuePeriod{Start: 100_000, End: 120_000, New: 20_000, Expansion: 4_000, Contraction: 1_000, Churned: 3_000}
	q, err := cxmetrics.QuickRatio(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f\n", q)
	_, err = cxmetrics.QuickRatio(cxmetrics.RevenuePeriod{Start: 100, End: 115, New: 10, Expansion: 5})
	fmt.Println(err)
	// Output:
	// 6.0
	// cxmetrics: invalid argument: quick ratio with no revenue lost (contraction 0, churned 0)
}
