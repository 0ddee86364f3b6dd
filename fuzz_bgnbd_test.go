package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// bgFuzzModel returns BG/NBD or MBG/NBD with the parameters given.
func bgFuzzModel(modified bool, r, alpha, a, b float64) bgModel {
	if modified {
		return cxmetrics.MBGNBD{R: r, Alpha: alpha, A: a, B: b}
	}
	return cxmetrics.BGNBD{R: r, Alpha: alpha, A: a, B: b}
}

// bgParamsValid reports whether every parameter is positive and finite.
func bgParamsValid(ps ...float64) bool {
	for _, p := range ps {
		if !(p > 0) || math.IsInf(p, 0) {
			return false
		}
	}
	return true
}

// bgCustomerErr returns the sentinel checkRFM gives for c, or nil.
func bgCustomerErr(c cxmetrics.RFM) error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case c.Frequency < 0:
		return cxmetrics.ErrNegative
	case !finite(c.Recency) || !finite(c.T) || !finite(c.Monetary):
		return cxmetrics.ErrInvalidArgument
	case c.Recency < 0 || c.T < 0 || c.Monetary < 0:
		return cxmetrics.ErrNegative
	case c.Recency > c.T || c.Frequency == 0 && c.Recency != 0:
		return cxmetrics.ErrInconsistent
	}
	return nil
}

// bgGoodFigure reports whether v is a figure a method may return: finite,
// not −0, at least lo and at most hi.
func bgGoodFigure(v, lo, hi float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && !(v == 0 && math.Signbit(v)) && v >= lo && v <= hi
}

// FuzzBGNBD checks every method of BGNBD and MBGNBD on one customer and
// any parameters: a finite figure in its range or an error wrapping a
// documented sentinel; the parameters' and the customer's checks giving
// exactly the sentinels of the rules; PredictAll agreeing with the
// methods of one customer; and the figures behaving as the model says
// they do (E[X(t)] grows with t, the conditional expectation is at most
// that of a customer with the same x and T whose last purchase is at T).
func FuzzBGNBD(f *testing.F) {
	type seed struct {
		modified       bool
		r, alpha, a, b float64
		x              int64
		tx, T, t       float64
		n              int64
	}
	for _, s := range []seed{
		{false, 0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 39, 2},
		{true, 0.525, 6.183, 0.891, 1.614, 0, 0, 38.86, 52, 0},
		{false, 0.243, 4.414, 0.793, 2.426, 5000, 38, 39, 52, 3000}, // x in the thousands
		{true, 0.243, 4.414, 0.793, 2.426, 3000, 1e9, 1e9, 1e9, 7},  // t_x = T, T and t huge
		{false, 0.243, 4.414, 0.793, 2.426, 1, 1e-9, 1e-9, 1e-9, 1}, // T tiny
		{false, 1e-8, 1e-8, 1e-8, 1e-8, 40, 3, 5, 10, 4},
		{true, 1e8, 1e8, 1e8, 1e8, 40, 3, 5, 10, 4},
		{false, 1e-8, 1e8, 1e-8, 1e8, 2000, 1e-9, 1e9, 1e9, 2000},
		{true, 1e8, 1e-8, 1e8, 1e-8, 2000, 1e-9, 1e9, 1e-9, 1},
		{false, 1, 1e-8, 1, 1, 1, 0, 1e9, 1e9, 1},  // a = 1 and z next to 1
		{false, 0.3, 1, 0.2, 0.3, 0, 0, 0, 1e5, 0}, // a + b < 1: E[X(t)]'s c₂ < 0
		{false, -1, 1, 1, 1, 1, 1, 2, 1, 1},
		{true, 1, math.NaN(), 1, 1, 1, 1, 2, 1, 1},
		{false, 1, 1, 1, 1, -3, 0, 2, 1, -1},
		{false, 1, 1, 1, 1, 2, 3, 2, -1, 1},
		{true, 1, 1, 1, 1, 0, 1, 2, math.Inf(1), 1},
	} {
		f.Add(s.modified, s.r, s.alpha, s.a, s.b, s.x, s.tx, s.T, s.t, s.n)
	}
	f.Fuzz(bgCheckModel)
}

// FuzzBGNBDExtreme runs FuzzBGNBD's checks over the valid extremes: each
// parameter 10^(e/16) for e an int8, from 1e-8 to 1e8; T = 10^(e/14),
// from 1e-9 to 1e9; t_x a fraction of T (T itself at the top); t =
// 10^(e/14); x and n up to 65535.
func FuzzBGNBDExtreme(f *testing.F) {
	f.Add(false, int8(-10), int8(10), int8(-2), int8(6), uint16(2), uint16(51000), int8(22), int8(22), uint16(2))
	f.Add(true, int8(-128), int8(127), int8(-128), int8(127), uint16(3000), uint16(65535), int8(126), int8(126), uint16(3000))
	f.Add(false, int8(127), int8(-128), int8(127), int8(-128), uint16(65535), uint16(0), int8(-126), int8(126), uint16(65535))
	f.Add(true, int8(0), int8(-128), int8(0), int8(0), uint16(1), uint16(65535), int8(-126), int8(126), uint16(1))
	f.Add(false, int8(40), int8(-20), int8(-60), int8(-60), uint16(0), uint16(0), int8(0), int8(120), uint16(0))
	f.Fuzz(func(t *testing.T, modified bool, er, ealpha, ea, eb int8, x, frac uint16, eT, et int8, n uint16) {
		p := func(e int8) float64 { return math.Pow(10, float64(e)/16) }
		T := math.Pow(10, float64(eT)/14)
		tx := 0.0
		if x > 0 {
			tx = T
			if frac < math.MaxUint16 {
				tx = T * float64(frac) / math.MaxUint16
			}
		}
		bgCheckModel(t, modified, p(er), p(ealpha), p(ea), p(eb), int64(x), tx, T, math.Pow(10, float64(et)/14), int64(n))
	})
}

// bgCheckModel checks every method of a BG/NBD (or MBG/NBD, if modified)
// with the parameters given on one customer, as FuzzBGNBD says.
func bgCheckModel(t *testing.T, modified bool, r, alpha, a, b float64, x int64, tx, T, tt float64, n int64) {
	{
		m := bgFuzzModel(modified, r, alpha, a, b)
		c := cxmetrics.RFM{Frequency: x, Recency: tx, T: T}
		paramsOK := bgParamsValid(r, alpha, a, b)
		customerErr := bgCustomerErr(c)
		tOK := tt >= 0 && !math.IsInf(tt, 0)
		// allowed says whether err is nil or a sentinel the method may
		// return for inputs that pass every check.
		allowed := func(err error) bool {
			return err == nil || errors.Is(err, cxmetrics.ErrNoConvergence) || errors.Is(err, cxmetrics.ErrOverflow)
		}
		check := func(name string, v float64, err error, lo, hi float64, wantErr error) {
			t.Helper()
			switch {
			case wantErr != nil:
				if !errors.Is(err, wantErr) {
					t.Fatalf("%T%v.%s(%+v, t %v): error %v, want %v", m, m, name, c, tt, err, wantErr)
				}
			case !allowed(err):
				t.Fatalf("%T%v.%s(%+v, t %v): error %v", m, m, name, c, tt, err)
			case err == nil && !bgGoodFigure(v, lo, hi):
				t.Fatalf("%T%v.%s(%+v, t %v) = %v, want a figure in [%v, %v]", m, m, name, c, tt, v, lo, hi)
			}
		}
		var paramErr error
		if !paramsOK {
			paramErr = cxmetrics.ErrInvalidArgument
		}
		firstErr := func(errs ...error) error {
			for _, e := range errs {
				if e != nil {
					return e
				}
			}
			return nil
		}
		var tErr error
		if !tOK {
			tErr = cxmetrics.ErrInvalidArgument
		}
		var nErr error
		if n < 0 {
			nErr = cxmetrics.ErrNegative
		}

		ll, err := m.LogLikelihood([]cxmetrics.RFM{c})
		check("LogLikelihood", ll, err, -math.MaxFloat64, math.MaxFloat64, firstErr(paramErr, customerErr))
		alive, err := m.ProbabilityAlive(c)
		check("ProbabilityAlive", alive, err, 0, 1, firstErr(paramErr, customerErr))
		cond, condErr := m.ConditionalExpectedPurchases(c, tt)
		check("ConditionalExpectedPurchases", cond, condErr, 0, math.MaxFloat64, firstErr(paramErr, customerErr, tErr))
		e, eErr := m.ExpectedPurchases(tt)
		check("ExpectedPurchases", e, eErr, 0, math.MaxFloat64, firstErr(paramErr, tErr))
		p, err := m.ProbabilityOfPurchases(n, tt)
		check("ProbabilityOfPurchases", p, err, 0, 1, firstErr(paramErr, nErr, tErr))

		// PredictAll agrees with the methods of one customer, and fails
		// as they do.
		as, es := make([]float64, 1), make([]float64, 1)
		err = m.PredictAll([]cxmetrics.RFM{c}, tt, as, es)
		want := firstErr(paramErr, customerErr, tErr)
		if want == nil && condErr != nil {
			want = cxmetrics.ErrOverflow
			if errors.Is(condErr, cxmetrics.ErrNoConvergence) {
				want = cxmetrics.ErrNoConvergence
			}
		}
		if want != nil {
			if !errors.Is(err, want) {
				t.Fatalf("%T%v.PredictAll(%+v, %v): error %v, want %v", m, m, c, tt, err, want)
			}
		} else if err != nil || as[0] != alive || bgRelErr(es[0], cond) > 1e-12 {
			t.Fatalf("%T%v.PredictAll(%+v, %v) = %v, %v, %v; the methods of one customer %v, %v", m, m, c, tt, as[0], es[0], err, alive, cond)
		}

		if paramsOK && tOK && eErr == nil {
			// E[X(t)] grows with t.
			if e2, err := m.ExpectedPurchases(2 * tt); err == nil && e2 < e*(1-1e-9) {
				t.Fatalf("%T%v: E[X(%v)] = %v > E[X(%v)] = %v", m, m, tt, e, 2*tt, e2)
			}
		}
		if paramsOK && customerErr == nil && tOK && condErr == nil && alive > 0 {
			// A customer whose last purchase is at T is the likeliest
			// alive of those with its x and T, and the expectation of
			// those alive depends on x and T alone: it expects at least
			// as much.
			sure, err := m.ConditionalExpectedPurchases(cxmetrics.RFM{Frequency: x, Recency: T, T: T}, tt)
			if err == nil && cond > sure*(1+1e-9)+1e-300 {
				t.Fatalf("%T%v: conditional expectation %v of %+v above %v of a customer alive at T", m, m, cond, c, sure)
			}
		}
	}
}

// FuzzFitBGNBD fits BG/NBD and MBG/NBD to small made-up data sets: a fit
// returns positive finite parameters whose log-likelihood is at least
// that of the start, or an error wrapping a documented sentinel, never
// NaN parameters.
func FuzzFitBGNBD(f *testing.F) {
	f.Add(uint8(3), int64(2), 30.43, 38.86, int64(0), 0.0, 38.86, int64(5), 10.0, 20.0)
	f.Add(uint8(1), int64(5000), 38.0, 39.0, int64(0), 0.0, 1e-9, int64(1), 1e9, 1e9)
	f.Add(uint8(2), int64(0), 0.0, 1.0, int64(0), 0.0, 2.0, int64(0), 0.0, 3.0) // no repeat purchase
	f.Add(uint8(4), int64(1), 1e-9, 1e-9, int64(3000), 1e-9, 1e9, int64(2), 1.0, 1.0)
	f.Add(uint8(0), int64(1), 1.0, 1.0, int64(1), 1.0, 1.0, int64(1), 1.0, 1.0)
	f.Add(uint8(3), int64(-1), 1.0, 1.0, int64(1), 2.0, 1.0, int64(1), 1.0, 1.0)
	f.Fuzz(func(t *testing.T, copies uint8, x1 int64, tx1, T1 float64, x2 int64, tx2, T2 float64, x3 int64, tx3, T3 float64) {
		base := []cxmetrics.RFM{{Frequency: x1, Recency: tx1, T: T1}, {Frequency: x2, Recency: tx2, T: T2}, {Frequency: x3, Recency: tx3, T: T3}}
		var customers []cxmetrics.RFM
		for range int(copies % 8) {
			customers = append(customers, base...)
		}
		var badErr error
		repeat := false
		for _, c := range customers {
			if err := bgCustomerErr(c); err != nil && badErr == nil {
				badErr = err
			}
			repeat = repeat || c.Frequency > 0
		}
		for _, modified := range []bool{false, true} {
			var rep cxmetrics.FitReport
			var p [4]float64
			var err error
			if modified {
				var m cxmetrics.MBGNBD
				m, err = cxmetrics.FitMBGNBD(customers, cxmetrics.Report(&rep), cxmetrics.MaxIterations(200))
				p = [4]float64{m.R, m.Alpha, m.A, m.B}
			} else {
				var m cxmetrics.BGNBD
				m, err = cxmetrics.FitBGNBD(customers, cxmetrics.Report(&rep), cxmetrics.MaxIterations(200))
				p = [4]float64{m.R, m.Alpha, m.A, m.B}
			}
			switch {
			case badErr != nil:
				if !errors.Is(err, badErr) {
					t.Fatalf("fit of %+v: error %v, want %v", customers, err, badErr)
				}
			case len(customers) == 0:
				if !errors.Is(err, cxmetrics.ErrNoResponses) {
					t.Fatalf("fit of no customers: error %v, want ErrNoResponses", err)
				}
			case !repeat:
				if !errors.Is(err, cxmetrics.ErrNoConvergence) {
					t.Fatalf("fit of %+v: error %v, want ErrNoConvergence", customers, err)
				}
			case err != nil:
				if !errors.Is(err, cxmetrics.ErrNoConvergence) {
					t.Fatalf("fit of %+v: error %v, want nil or ErrNoConvergence", customers, err)
				}
			default:
				if !bgParamsValid(p[:]...) || !bgGoodFigure(rep.LogLikelihood, -math.MaxFloat64, math.MaxFloat64) {
					t.Fatalf("fit of %+v (modified %v) = %v, %+v", customers, modified, p, rep)
				}
				for _, se := range rep.StdErr {
					if !bgGoodFigure(se, 0, math.Inf(1)) {
						t.Fatalf("fit of %+v (modified %v): standard errors %v", customers, modified, rep.StdErr)
					}
				}
				start := bgFuzzModel(modified, p[0], p[1], p[2], p[3])
				ll, err := start.LogLikelihood(customers)
				if err != nil || bgRelErr(ll, rep.LogLikelihood) > 1e-9 && math.Abs(ll-rep.LogLikelihood) > 1e-9 {
					t.Fatalf("fit of %+v: report's log-likelihood %v, LogLikelihood at the estimate %v, %v", customers, rep.LogLikelihood, ll, err)
				}
			}
		}
	})
}
