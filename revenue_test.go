package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// allFail returns a case whose every figure fails with err.
func allFail(name string, r cxmetrics.RevenuePeriod, err error) revenueCase {
	f := revFail(err)
	return revenueCase{name: name, r: r, nrr: f, netChurn: f, chartMogulNet: f, grr: f, grossChurn: f, quick: f}
}

// zeroStartTotals returns a case of a totals-form period that starts at
// zero.
func zeroStartTotals(name string, r cxmetrics.RevenuePeriod) revenueCase {
	c := allFail(name, r, cxmetrics.ErrZeroStart)
	c.quick = revFail(cxmetrics.ErrNoMovements)
	return c
}

var revenueCases = []revenueCase{
	{
		// Totals form never sums Start + New, so a start at the top of
		// int64 is no overflow: NRR 100 × (1 − 1) / MaxInt64 = 0.
		name:          "totals form at the top of int64",
		r:             cxmetrics.RevenuePeriod{Start: math.MaxInt64, End: 1, New: 1},
		nrr:           revVal(0),
		netChurn:      revVal(100),
		chartMogulNet: revVal(100),
		grr:           revFail(cxmetrics.ErrNoMovements),
		grossChurn:    revFail(cxmetrics.ErrNoMovements),
		quick:         revFail(cxmetrics.ErrNoMovements),
	},
	{
		// ChartMogul, Net MRR Churn Rate, Shopify (B2C) formula: "$100
		// in MRR at the start of the day and $120 at the end, $10 from
		// new business: net MRR churn −10%: 1 − ((120 − 10) ÷ 100)". The
		// seed article's [(start − end) − new] / start would give −30%.
		name:          "ChartMogul totals form, start 100 end 120 new 10",
		r:             cxmetrics.RevenuePeriod{Start: 100_00, End: 120_00, New: 10_00},
		nrr:           revVal(110), // 100 × (120 − 10) / 100
		netChurn:      revVal(-10),
		chartMogulNet: revVal(-10),
		grr:           revFail(cxmetrics.ErrNoMovements),
		grossChurn:    revFail(cxmetrics.ErrNoMovements),
		quick:         revFail(cxmetrics.ErrNoMovements),
	},
	{
		// ChartMogul, MRR Churn Rate, Standard (B2B) formula: "$100 MRR
		// at the beginning of the month, $10 lost to churn, $10 to
		// contraction, one customer increased their MRR by $10: gross
		// MRR churn rate 20%: ($10 + $10) / $100; net MRR churn rate 10%:
		// (($10 + $10) − ($10 + $0)) / $100". End = 100 + 10 − 10 − 10.
		name:          "ChartMogul MRR churn rate example",
		r:             cxmetrics.RevenuePeriod{Start: 100_00, End: 90_00, Expansion: 10_00, Contraction: 10_00, Churned: 10_00},
		nrr:           revVal(90), // 100 × (100 + 10 − 10 − 10) / 100
		netChurn:      revVal(10),
		chartMogulNet: revVal(10),
		grr:           revVal(80), // 100 × (100 − 10 − 10) / 100
		grossChurn:    revVal(20),
		quick:         revVal(0.5), // (0 + 10 + 0) / (10 + 10)
	},
	{
		// ProfitWell (Paddle), SaaS Quick Ratio, example 1: "$24K (New +
		// Expansion) / $4K (Contraction + Churn) = Quick Ratio of 6",
		// split here as new 20K + expansion 4K, contraction 1K + churn
		// 3K on a start of 100K: End = 100 + 20 + 4 − 1 − 3 = 120K.
		name:          "ProfitWell quick ratio example 1",
		r:             cxmetrics.RevenuePeriod{Start: 100_000, End: 120_000, New: 20_000, Expansion: 4_000, Contraction: 1_000, Churned: 3_000},
		nrr:           revVal(100), // 100 × (100 + 4 − 1 − 3) / 100
		netChurn:      revVal(0),
		chartMogulNet: revVal(0),
		grr:           revVal(96), // 100 × (100 − 1 − 3) / 100
		grossChurn:    revVal(4),
		quick:         revVal(6),
	},
	{
		// ProfitWell example 2: "$30K / $10,000 = Quick Ratio of 3",
		// here new 25K + expansion 5K, contraction 4K + churn 6K on a
		// start of 200K: End = 200 + 25 + 5 − 4 − 6 = 220K.
		name:          "ProfitWell quick ratio example 2",
		r:             cxmetrics.RevenuePeriod{Start: 200_000, End: 220_000, New: 25_000, Expansion: 5_000, Contraction: 4_000, Churned: 6_000},
		nrr:           revVal(97.5), // 100 × (200 + 5 − 4 − 6) / 200
		netChurn:      revVal(2.5),
		chartMogulNet: revVal(2.5),
		grr:           revVal(95), // 100 × (200 − 10) / 200
		grossChurn:    revVal(5),
		quick:         revVal(3),
	},
	{
		// Reactivation is excluded from NRR (ChartMogul's NRR) but
		// offsets churn in ChartMogul's Net MRR Churn Rate chart.
		// End = 1000 + 100 + 50 + 30 − 20 − 60 = 1100.
		name:          "reactivation",
		r:             cxmetrics.RevenuePeriod{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60},
		nrr:           revVal(95), // 100 × (1000 + 30 − 20 − 60) / 1000
		netChurn:      revVal(5),
		chartMogulNet: revVal(0),  // 100 × (20 + 60 − 30 − 50) / 1000
		grr:           revVal(92), // 100 × (1000 − 80) / 1000
		grossChurn:    revVal(8),
		quick:         revVal(2.25), // (100 + 30 + 50) / (20 + 60)
	},
	{
		// Negative net churn: expansion outweighs the losses.
		// End = 100 + 30 − 5 − 5 = 120.
		name:          "negative net churn",
		r:             cxmetrics.RevenuePeriod{Start: 100, End: 120, Expansion: 30, Contraction: 5, Churned: 5},
		nrr:           revVal(120), // 100 × (100 + 30 − 10) / 100
		netChurn:      revVal(-20),
		chartMogulNet: revVal(-20),
		grr:           revVal(90),
		grossChurn:    revVal(10),
		quick:         revVal(3), // 30 / 10
	},
	{
		// A customer who expands and then churns within the period can
		// lose more than the start; GRR, a share of the start, then
		// does not exist. End = 100 + 50 − 120 = 30.
		name:          "losses above the start",
		r:             cxmetrics.RevenuePeriod{Start: 100, End: 30, Expansion: 50, Churned: 120},
		nrr:           revVal(30), // 100 × (100 + 50 − 120) / 100
		netChurn:      revVal(70),
		chartMogulNet: revVal(70),
		grr:           revFail(cxmetrics.ErrInconsistent),
		grossChurn:    revFail(cxmetrics.ErrInconsistent),
		quick:         revVal(50.0 / 120),
	},
	{
		// Losses above start + expansion, balanced by new revenue:
		// the movements cannot all belong to the customers of the start.
		// End = 100 + 200 + 10 − 150 = 160.
		name:          "losses above start and expansion",
		r:             cxmetrics.RevenuePeriod{Start: 100, End: 160, New: 200, Expansion: 10, Churned: 150},
		nrr:           revFail(cxmetrics.ErrInconsistent),
		netChurn:      revFail(cxmetrics.ErrInconsistent),
		chartMogulNet: revFail(cxmetrics.ErrInconsistent), // 150 − 10 > 100
		grr:           revFail(cxmetrics.ErrInconsistent),
		grossChurn:    revFail(cxmetrics.ErrInconsistent),
		quick:         revVal(210.0 / 150),
	},
	{
		// A first month: rates relative to the start do not exist, the
		// quick ratio does. End = 0 + 100 − 10 = 90.
		name:          "zero start with movements",
		r:             cxmetrics.RevenuePeriod{Start: 0, End: 90, New: 100, Churned: 10},
		nrr:           revFail(cxmetrics.ErrZeroStart),
		netChurn:      revFail(cxmetrics.ErrZeroStart),
		chartMogulNet: revFail(cxmetrics.ErrZeroStart),
		grr:           revFail(cxmetrics.ErrZeroStart),
		grossChurn:    revFail(cxmetrics.ErrZeroStart),
		quick:         revVal(10), // 100 / 10
	},
	{
		// End = 100 + 10 + 5 = 115: nothing lost.
		name:          "no losses",
		r:             cxmetrics.RevenuePeriod{Start: 100, End: 115, New: 10, Expansion: 5},
		nrr:           revVal(105),
		netChurn:      revVal(-5),
		chartMogulNet: revVal(-5),
		grr:           revVal(100),
		grossChurn:    revVal(0),
		quick:         revFail(cxmetrics.ErrInvalidArgument),
	},
	{
		name:          "huge amounts stay exact",
		r:             cxmetrics.RevenuePeriod{Start: math.MaxInt64 - 1, End: math.MaxInt64, Expansion: 1},
		nrr:           revVal(100 * float64(math.MaxInt64) / float64(math.MaxInt64-1)),
		netChurn:      revVal(100 * -1 / float64(math.MaxInt64-1)),
		chartMogulNet: revVal(100 * -1 / float64(math.MaxInt64-1)),
		grr:           revVal(100),
		grossChurn:    revVal(0),
		quick:         revFail(cxmetrics.ErrInvalidArgument),
	},
	{
		// A month in which nothing moved, known from per-customer data
		// (as every period of an MRRHistory is): it kept all of its
		// revenue, and lost nothing to divide the gains by.
		name:          "steady month with its breakdown",
		r:             cxmetrics.RevenuePeriod{Start: 4900, End: 4900}.WithBreakdown(),
		nrr:           revVal(100), // 100 × (4900 + 0 − 0 − 0) / 4900
		netChurn:      revVal(0),
		chartMogulNet: revVal(0),
		grr:           revVal(100), // 100 × (4900 − 0 − 0) / 4900
		grossChurn:    revVal(0),
		quick:         revFail(cxmetrics.ErrUndefined), // 0 / 0
	},
	{
		// The same figures as a literal keep the totals-form meaning:
		// only the net figures exist.
		name:          "steady month in totals form",
		r:             cxmetrics.RevenuePeriod{Start: 4900, End: 4900},
		nrr:           revVal(100), // 100 × (4900 − 0) / 4900
		netChurn:      revVal(0),
		chartMogulNet: revVal(0),
		grr:           revFail(cxmetrics.ErrNoMovements),
		grossChurn:    revFail(cxmetrics.ErrNoMovements),
		quick:         revFail(cxmetrics.ErrNoMovements),
	},
	{
		// A month whose only movement is new business.
		name:          "pure growth with its breakdown",
		r:             cxmetrics.RevenuePeriod{Start: 100, End: 150, New: 50}.WithBreakdown(),
		nrr:           revVal(100), // 100 × (100 + 0 − 0 − 0) / 100
		netChurn:      revVal(0),
		chartMogulNet: revVal(0),
		grr:           revVal(100),
		grossChurn:    revVal(0),
		quick:         revFail(cxmetrics.ErrUndefined), // 50 / 0
	},
	{
		name:          "pure growth in totals form",
		r:             cxmetrics.RevenuePeriod{Start: 100, End: 150, New: 50},
		nrr:           revVal(100), // 100 × (150 − 50) / 100
		netChurn:      revVal(0),
		chartMogulNet: revVal(0),
		grr:           revFail(cxmetrics.ErrNoMovements),
		grossChurn:    revFail(cxmetrics.ErrNoMovements),
		quick:         revFail(cxmetrics.ErrNoMovements),
	},
	{
		// Only losses: End = 150 − 30 − 50 = 70. Marking a period that
		// has movements changes nothing.
		name:          "pure loss",
		r:             cxmetrics.RevenuePeriod{Start: 150, End: 70, Contraction: 30, Churned: 50}.WithBreakdown(),
		nrr:           revVal(100 * 70.0 / 150), // 100 × (150 − 30 − 50) / 150
		netChurn:      revVal(100 * 80.0 / 150),
		chartMogulNet: revVal(100 * 80.0 / 150),
		grr:           revVal(100 * 70.0 / 150),
		grossChurn:    revVal(100 * 80.0 / 150),
		quick:         revVal(0), // 0 / (30 + 50)
	},
	{
		// A first month: nothing to keep, nothing lost.
		name:          "first month with its breakdown",
		r:             cxmetrics.RevenuePeriod{Start: 0, End: 50, New: 50}.WithBreakdown(),
		nrr:           revFail(cxmetrics.ErrUndefined),
		netChurn:      revFail(cxmetrics.ErrUndefined),
		chartMogulNet: revFail(cxmetrics.ErrUndefined),
		grr:           revFail(cxmetrics.ErrZeroStart),
		grossChurn:    revFail(cxmetrics.ErrZeroStart),
		quick:         revFail(cxmetrics.ErrUndefined),
	},
	// A breakdown of all zeros must balance: 100 + 0 ≠ 120.
	allFail("steady breakdown that does not balance", cxmetrics.RevenuePeriod{Start: 100, End: 120}.WithBreakdown(), cxmetrics.ErrUnbalanced),
	// The quick ratio needs no start, but it needs movements.
	zeroStartTotals("zero start, totals form", cxmetrics.RevenuePeriod{Start: 0, End: 10, New: 10}),
	zeroStartTotals("zero period", cxmetrics.RevenuePeriod{}),
	allFail("negative start", cxmetrics.RevenuePeriod{Start: -1, End: 10}, cxmetrics.ErrNegative),
	allFail("negative end", cxmetrics.RevenuePeriod{Start: 100, End: -10}, cxmetrics.ErrNegative),
	allFail("negative new", cxmetrics.RevenuePeriod{Start: 100, End: 90, New: -10}, cxmetrics.ErrNegative),
	allFail("negative contraction", cxmetrics.RevenuePeriod{Start: 100, End: 110, Contraction: -10}, cxmetrics.ErrNegative),
	allFail("negative churned", cxmetrics.RevenuePeriod{Start: 100, End: 110, Churned: -10}, cxmetrics.ErrNegative),
	allFail("negative expansion", cxmetrics.RevenuePeriod{Start: 100, End: 90, Expansion: -10}, cxmetrics.ErrNegative),
	allFail("negative reactivation", cxmetrics.RevenuePeriod{Start: 100, End: 90, Reactivation: -10}, cxmetrics.ErrNegative),
	// 100 + 10 − 5 = 105, not 110.
	allFail("unbalanced", cxmetrics.RevenuePeriod{Start: 100, End: 110, New: 10, Churned: 5}, cxmetrics.ErrUnbalanced),
	allFail("totals form, more new than at the end", cxmetrics.RevenuePeriod{Start: 100, End: 10, New: 20}, cxmetrics.ErrInconsistent),
	// 10 − 11 < 0: more lost than there ever was.
	allFail("more lost than there was", cxmetrics.RevenuePeriod{Start: 10, End: 0, Churned: 11}, cxmetrics.ErrInconsistent),
	// MaxInt64 + 1 − 1 = MaxInt64, exactly, and not the End of 0.
	allFail("gains past int64, unbalanced", cxmetrics.RevenuePeriod{Start: math.MaxInt64, End: 0, New: 1, Churned: 1}, cxmetrics.ErrUnbalanced),
	// MaxInt64 + 1 cannot be an End.
	allFail("implied end past int64", cxmetrics.RevenuePeriod{Start: math.MaxInt64, End: math.MaxInt64, New: 1}.WithBreakdown(), cxmetrics.ErrOverflow),
	// MaxInt64 + 1 lost of 10.
	allFail("losses past int64", cxmetrics.RevenuePeriod{Start: 10, Contraction: math.MaxInt64, Churned: 1}, cxmetrics.ErrInconsistent),
	{
		// A period that gains and loses 5 × 10¹⁸: its gains alone pass
		// int64, its End does not. End = 5e18 + 5e18 − 5e18.
		name:          "gains and losses past int64",
		r:             cxmetrics.RevenuePeriod{Start: 5e18, End: 5e18, New: 5e18, Churned: 5e18},
		nrr:           revVal(0), // 100 × (5e18 − 5e18) / 5e18
		netChurn:      revVal(100),
		chartMogulNet: revVal(100),
		grr:           revVal(0),
		grossChurn:    revVal(100),
		quick:         revVal(1), // 5e18 / 5e18
	},
	{
		// Expansion of 5 × 10¹⁸ on a start of 5 × 10¹⁸, all of it
		// churned: Start + Expansion passes int64, End = 5e18 + 5e18 −
		// 4e18 − 6e18 = 0.
		name:          "start and expansion past int64",
		r:             cxmetrics.RevenuePeriod{Start: 5e18, End: 0, Expansion: 5e18, Contraction: 4e18, Churned: 6e18},
		nrr:           revVal(0),
		netChurn:      revVal(100),
		chartMogulNet: revVal(100),                        // 100 × (4e18 + 6e18 − 5e18 − 0) / 5e18
		grr:           revFail(cxmetrics.ErrInconsistent), // 1e19 lost of 5e18
		grossChurn:    revFail(cxmetrics.ErrInconsistent),
		quick:         revVal(0.5), // 5e18 / 1e19
	},
}

func TestRevenueFigures(t *testing.T) {
	figures := []struct {
		name string
		f    func(cxmetrics.RevenuePeriod) (float64, error)
		want func(revenueCase) revFig
	}{
		{"NetRevenueRetention", cxmetrics.NetRevenueRetention, func(c revenueCase) revFig { return c.nrr }},
		{"NetRevenueChurn", cxmetrics.NetRevenueChurn, func(c revenueCase) revFig { return c.netChurn }},
		{"ChartMogulNetMRRChurn", cxmetrics.ChartMogulNetMRRChurn, func(c revenueCase) revFig { return c.chartMogulNet }},
		{"GrossRevenueRetention", cxmetrics.GrossRevenueRetention, func(c revenueCase) revFig { return c.grr }},
		{"GrossRevenueChurn", cxmetrics.GrossRevenueChurn, func(c revenueCase) revFig { return c.grossChurn }},
		{"QuickRatio", cxmetrics.QuickRatio, func(c revenueCase) revFig { return c.quick }},
	}
	for _, fg := range figures {
		t.Run(fg.name, func(t *testing.T) {
			for _, tc := range revenueCases {
				t.Run(tc.name, func(t *testing.T) {
					want := fg.want(tc)
					got, err := fg.f(tc.r)
					if want.err != nil {
						if !errors.Is(err, want.err) {
							t.Fatalf("%s(%+v) = %v, %v; want error %v", fg.name, tc.r, got, err, want.err)
						}
						return
					}
					if err != nil {
						t.Fatalf("%s(%+v): unexpected error %v", fg.name, tc.r, err)
					}
					if diff := cmp.Diff(want.v, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
						t.Errorf("%s(%+v) mismatch (-want +got):\n%s", fg.name, tc.r, diff)
					}
				})
			}
		})
	}
}
