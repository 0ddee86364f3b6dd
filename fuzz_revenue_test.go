package cxmetrics_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// nearFigure reports whether a and b agree to about 1e-9 of the larger
// of them, or of 1 if both are small.
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

// FuzzChurnRoundTrip checks that AnnualizeChurn compounds (never below the
// periodic rate, never above 100, not falling with more periods), that
// PeriodicChurn undoes it wherever the annual rate keeps the precision,
// that PeriodicChurn is ErrOverflow only where the periodic rate is below
// the smallest float64, and that neither gives −0.
func FuzzChurnRoundTrip(f *testing.F) {
	f.Add(5.0, 12)
	f.Add(0.0, 1)
	f.Add(100.0, 4)
	f.Add(5e-324, 12)
	f.Add(1e-300, 365)
	f.Add(99.99, 52)
	f.Add(-1.0, 12)
	f.Add(5.0, 0)
	f.Add(math.NaN(), 12)
	f.Add(math.Copysign(0, -1), 12)
	f.Add(3e-322, 12)
	f.Add(1e-20, math.MaxInt)
	f.Fuzz(func(t *testing.T, rate float64, k int) {
		annual, err := cxmetrics.AnnualizeChurn(rate, k)
		periodic, perr := cxmetrics.PeriodicChurn(rate, k)
		var wantErr error
		switch {
		case math.IsNaN(rate) || math.IsInf(rate, 0):
			wantErr = cxmetrics.ErrInvalidArgument
		case !(rate >= 0 && rate <= 100):
			wantErr = cxmetrics.ErrOutOfRange
		case k < 1:
			wantErr = cxmetrics.ErrInvalidArgument
		}
		if wantErr != nil {
			if !errors.Is(err, wantErr) || !errors.Is(perr, wantErr) {
				t.Fatalf("AnnualizeChurn(%v, %d), PeriodicChurn: errors %v, %v; want %v", rate, k, err, perr, wantErr)
			}
			return
		}
		// An annual churn below 1%, given or implied, is a fraction given
		// by mistake and refused (the package doc's units rule); near 1%
		// rounding may go either way.
		rough := -100 * math.Expm1(float64(k)*math.Log1p(-rate/100))
		if refused := errors.Is(err, cxmetrics.ErrOutOfRange); math.Abs(rough-1) > 1e-9 && refused != (rate > 0 && rough < 1) {
			t.Fatalf("AnnualizeChurn(%v, %d) = %v, %v; the annual churn is about %v%%", rate, k, annual, err, rough)
		}
		if refused := errors.Is(perr, cxmetrics.ErrOutOfRange); refused != (rate > 0 && rate < 1) {
			t.Fatalf("PeriodicChurn(%v, %d) = %v, %v", rate, k, periodic, perr)
		}
		if err != nil || perr != nil {
			if !errors.Is(err, cxmetrics.ErrOutOfRange) && err != nil || !errors.Is(perr, cxmetrics.ErrOutOfRange) && perr != nil {
				t.Fatalf("AnnualizeChurn(%v, %d), PeriodicChurn: errors %v, %v", rate, k, err, perr)
			}
			return
		}
		if math.Signbit(annual) || math.Signbit(periodic) {
			t.Fatalf("AnnualizeChurn(%v, %d) = %v, PeriodicChurn = %v: want no −0", rate, k, annual, periodic)
		}
		if rate != 0 && annual == 0 {
			t.Fatalf("AnnualizeChurn(%v, %d) = 0, a silent 0", rate, k)
		}
		const tol = 1e-12
		// Below about 1e-300 percent, rate/100 is subnormal and loses
		// relative precision, so the bounds allow an absolute 1e-300.
		if !(annual >= rate*(1-tol)-1e-300 && annual <= 100) {
			t.Fatalf("AnnualizeChurn(%v, %d) = %v, want in [rate, 100]", rate, k, annual)
		}
		if !(periodic <= rate*(1+tol)+1e-300 && periodic >= 0) {
			t.Fatalf("PeriodicChurn(%v, %d) = %v, want in [0, rate]", rate, k, periodic)
		}
		if rate >= 1e-300 && periodic == 0 {
			t.Fatalf("PeriodicChurn(%v, %d) = 0", rate, k)
		}
		if k < math.MaxInt {
			if more, err := cxmetrics.AnnualizeChurn(rate, k+1); err != nil || more < annual*(1-tol) {
				t.Fatalf("AnnualizeChurn(%v, %d) = %v but with %d periods %v, %v", rate, k, annual, k+1, more, err)
			}
		}
		if rate == 100 && (annual != 100 || periodic != 100) {
			t.Fatalf("all customers lost per period: annual %v, periodic %v, want 100", annual, periodic)
		}
		// Back from the annual rate: the relative error of the periodic
		// rate grows as 1/(1 − annual/100), so check where that is small.
		if annual <= 99 {
			back, err := cxmetrics.PeriodicChurn(annual, k)
			if err != nil || math.Abs(back-rate) > 1e-9*rate+1e-300 {
				t.Fatalf("PeriodicChurn(AnnualizeChurn(%v, %d) = %v) = %v, %v", rate, k, annual, back, err)
			}
		}
		if periodic > 0 {
			fwd, err := cxmetrics.AnnualizeChurn(periodic, k)
			if err != nil || math.Abs(fwd-rate) > 1e-9*max(rate, 100-rate)+1e-300 {
				t.Fatalf("AnnualizeChurn(PeriodicChurn(%v, %d) = %v) = %v, %v", rate, k, periodic, fwd, err)
			}
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

// FuzzRevenuePeriodEncodings checks that whatever either decoder accepts
// is a valid period that encodes back to what was read: the very bytes in
// the binary form (one encoding per value), and in JSON the same object
// up to white space and the order of its keys.
func FuzzRevenuePeriodEncodings(f *testing.F) {
	for _, r := range revenueEncodingCases {
		j, _ := json.Marshal(r)
		b, _ := r.MarshalBinary()
		f.Add(j)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r cxmetrics.RevenuePeriod
		if err := r.UnmarshalJSON(data); err == nil {
			if err := r.Validate(); err != nil {
				t.Fatalf("UnmarshalJSON(%q) accepted an invalid period: %v", data, err)
			}
			again, err := json.Marshal(r)
			var back cxmetrics.RevenuePeriod
			if err != nil || back.UnmarshalJSON(again) != nil || back != r {
				t.Fatalf("UnmarshalJSON(%q) = %v, which encodes as %s (%v) and decodes as %v", data, r, again, err, back)
			}
			var read, written map[string]any
			if json.Unmarshal(data, &read) != nil || json.Unmarshal(again, &written) != nil || !cmp.Equal(read, written) {
				t.Fatalf("UnmarshalJSON(%q) read as %v, which encodes as %s", data, r, again)
			}
		}
		var s cxmetrics.RevenuePeriod
		if err := s.UnmarshalBinary(data); err == nil {
			again, err := s.MarshalBinary()
			if err != nil || !cmp.Equal(again, data) {
				t.Fatalf("UnmarshalBinary(%v) = %v, which encodes as %v, %v", data, s, again, err)
			}
		}
	})
}
