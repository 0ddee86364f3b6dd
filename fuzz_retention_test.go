package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// finite reports whether x is neither NaN nor infinite.
func finiteFigure(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// near reports whether a and b agree to about 1e-9 of the larger of them,
// or of 1 if both are small.
func nearFigure(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*max(1, math.Abs(a), math.Abs(b))
}

func FuzzPeriod(f *testing.F) {
	for _, p := range []cxmetrics.Period{
		{Start: 100, End: 110, New: 20},
		{Start: 1000, End: 1050, New: 100},
		{Start: 0, End: 5, New: 5},
		{Start: 10, End: 5, New: 6},
		{Start: -1, End: 0, New: 0},
		{Start: math.MaxInt64, End: math.MaxInt64, New: 1},
		{Start: math.MaxInt64, End: math.MinInt64, New: math.MinInt64},
	} {
		f.Add(p.Start, p.End, p.New)
	}
	f.Fuzz(func(t *testing.T, start, end, nw int64) {
		p := cxmetrics.Period{Start: start, End: end, New: nw}
		ret, rerr := cxmetrics.RetentionRate(p)
		churn, cerr := cxmetrics.ChurnRate(p)
		stripe, serr := cxmetrics.StripeChurnRate(p)
		if (rerr == nil) != (cerr == nil) {
			t.Fatalf("%+v: RetentionRate error %v but ChurnRate error %v", p, rerr, cerr)
		}
		if rerr != nil {
			if serr == nil {
				t.Fatalf("%+v: StripeChurnRate succeeded where ChurnRate failed with %v", p, cerr)
			}
			return
		}
		if !finiteFigure(ret) || !finiteFigure(churn) || !(ret >= 0 && ret <= 100) || !(churn >= 0 && churn <= 100) {
			t.Fatalf("%+v: retention %v, churn %v not in 0-100", p, ret, churn)
		}
		if !nearFigure(ret+churn, 100) {
			t.Fatalf("%+v: retention %v + churn %v = %v, want 100", p, ret, churn, ret+churn)
		}
		if lost := p.Lost(); lost < 0 || lost > p.Start {
			t.Fatalf("%+v: Lost() = %d, not in 0-%d", p, lost, p.Start)
		}
		if serr != nil {
			if !errors.Is(serr, cxmetrics.ErrOverflow) {
				t.Fatalf("%+v: StripeChurnRate error %v", p, serr)
			}
			return
		}
		if !finiteFigure(stripe) || !(stripe >= 0 && stripe <= churn*(1+1e-15)) {
			t.Fatalf("%+v: Stripe churn %v not in 0-%v", p, stripe, churn)
		}
	})
}

func FuzzRevenuePeriod(f *testing.F) {
	for _, r := range []cxmetrics.RevenuePeriod{
		{Start: 100, End: 120, New: 10},
		{Start: 100, End: 90, Expansion: 10, Contraction: 10, Churned: 10},
		{Start: 1000, End: 1100, New: 100, Reactivation: 50, Expansion: 30, Contraction: 20, Churned: 60},
		{Start: 100, End: 30, Expansion: 50, Churned: 120},
		{Start: 0, End: 90, New: 100, Churned: 10},
		{Start: math.MaxInt64, New: 1, Churned: 1},
		{Start: 10, Contraction: math.MaxInt64, Churned: 1},
	} {
		f.Add(r.Start, r.End, r.New, r.Expansion, r.Contraction, r.Churned, r.Reactivation, false)
	}
	f.Add(int64(500), int64(0), int64(7), int64(3), int64(40), int64(2), int64(1), true)
	f.Fuzz(func(t *testing.T, start, end, nw, exp, con, churned, react int64, balance bool) {
		r := cxmetrics.RevenuePeriod{Start: start, End: end, New: nw, Expansion: exp, Contraction: con, Churned: churned, Reactivation: react}
		implied, ierr := r.ImpliedEnd()
		if balance && ierr == nil {
			// Most random periods do not balance; make this one.
			r.End = implied
		}
		if r.Balanced() != (ierr == nil && implied == r.End) {
			t.Fatalf("%+v: Balanced() = %v but ImpliedEnd() = %d, %v", r, r.Balanced(), implied, ierr)
		}
		verr := r.Validate()

		nrr, nerr := cxmetrics.NetRevenueRetention(r)
		netChurn, ncerr := cxmetrics.NetRevenueChurn(r)
		if (nerr == nil) != (ncerr == nil) {
			t.Fatalf("%+v: NRR error %v but net churn error %v", r, nerr, ncerr)
		}
		if nerr == nil {
			if verr != nil {
				t.Fatalf("%+v: NRR %v of a period that fails Validate: %v", r, nrr, verr)
			}
			if !finiteFigure(nrr) || !finiteFigure(netChurn) || nrr < 0 || netChurn > 100 {
				t.Fatalf("%+v: NRR %v, net churn %v", r, nrr, netChurn)
			}
			if !nearFigure(nrr+netChurn, 100) {
				t.Fatalf("%+v: NRR %v + net churn %v = %v, want 100", r, nrr, netChurn, nrr+netChurn)
			}
		}

		cm, cmerr := cxmetrics.ChartMogulNetMRRChurn(r)
		if cmerr == nil && (!finiteFigure(cm) || cm > 100) {
			t.Fatalf("%+v: ChartMogul net MRR churn %v", r, cm)
		}

		grr, gerr := cxmetrics.GrossRevenueRetention(r)
		grossChurn, gcerr := cxmetrics.GrossRevenueChurn(r)
		if (gerr == nil) != (gcerr == nil) {
			t.Fatalf("%+v: GRR error %v but gross churn error %v", r, gerr, gcerr)
		}
		if gerr == nil {
			if !finiteFigure(grr) || !(grr >= 0 && grr <= 100) || !(grossChurn >= 0 && grossChurn <= 100) {
				t.Fatalf("%+v: GRR %v, gross churn %v not in 0-100", r, grr, grossChurn)
			}
			if !nearFigure(grr+grossChurn, 100) {
				t.Fatalf("%+v: GRR %v + gross churn %v = %v, want 100", r, grr, grossChurn, grr+grossChurn)
			}
			if nerr == nil && grr > nrr*(1+1e-12)+1e-12 {
				t.Fatalf("%+v: GRR %v above NRR %v", r, grr, nrr)
			}
		}

		q, qerr := cxmetrics.QuickRatio(r)
		if qerr == nil && (!finiteFigure(q) || q < 0) {
			t.Fatalf("%+v: quick ratio %v", r, q)
		}
		if verr != nil && (qerr == nil || gerr == nil || cmerr == nil) {
			t.Fatalf("%+v: a figure of a period that fails Validate (%v)", r, verr)
		}
	})
}
