package cxmetrics_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// The independent figures below come from mpmath 1.2.1 at 40 digits,
// from the closed forms of Fader & Hardie (2005, "A note on deriving the
// Pareto/NBD model and related expressions", eqs. 22, 24, 27, 41) with
// mpmath's own ₂F₁, not from this package's bounded form:
//
//	import mpmath as mp
//	mp.mp.dps = 40
//	def A0(r, al, s, be, x, tx, T):
//	    a = r + s + x
//	    b, m = (s + 1, al) if al >= be else (r + x, be)
//	    z = lambda t: abs(al - be) / (m + t)
//	    return mp.hyp2f1(a, b, a + 1, z(tx)) / (m + tx) ** a - mp.hyp2f1(a, b, a + 1, z(T)) / (m + T) ** a
//	def loglik(r, al, s, be, x, tx, T):
//	    r, al, s, be, x, tx, T = map(mp.mpf, (r, al, s, be, x, tx, T))
//	    a = r + s + x
//	    return mp.log(mp.exp(mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(al) + s * mp.log(be))
//	                  * ((al + T) ** -(r + x) * (be + T) ** -s + s / a * A0(r, al, s, be, x, tx, T)))
//	def palive(r, al, s, be, x, tx, T):
//	    r, al, s, be, x, tx, T = map(mp.mpf, (r, al, s, be, x, tx, T))
//	    return 1 / (1 + s / (r + s + x) * (al + T) ** (r + x) * (be + T) ** s * A0(r, al, s, be, x, tx, T))
//	def condexp(r, al, s, be, x, tx, T, t):
//	    pa = palive(r, al, s, be, x, tx, T)
//	    r, al, s, be, x, tx, T, t = map(mp.mpf, (r, al, s, be, x, tx, T, t))
//	    return pa * (r + x) * (be + T) / ((al + T) * (s - 1)) * (1 - ((be + T) / (be + T + t)) ** (s - 1))
//	def expect(r, al, s, be, t):
//	    r, al, s, be, t = map(mp.mpf, (r, al, s, be, t))
//	    return r * be / (al * (s - 1)) * (1 - (be / (be + t)) ** (s - 1))
//	def pmf(r, al, s, be, n, t):   # the defining integral, by mpmath's quadrature
//	    r, al, s, be, t = map(mp.mpf, (r, al, s, be, t))
//	    nb = lambda u: mp.exp(mp.loggamma(r + n) - mp.loggamma(r) - mp.loggamma(n + 1)) * (al / (al + u)) ** r * (u / (al + u)) ** n
//	    return (be / (be + t)) ** s * nb(t) + mp.quad(lambda u: s * be ** s / (be + u) ** (s + 1) * nb(u), [0, t / 4, t / 2, t])
//
// The CDNOW log-likelihood is the sum of loglik over testdata/btyd/cdnow_rfm.csv.

// cdnowPareto is the published Pareto/NBD estimate on the CDNOW sample
// (Fader, Hardie & Lee 2005, "A note on implementing the Pareto/NBD model
// in MATLAB"), and btydPareto the one of the BTYD package's walkthrough
// (McCarthy & Wadsworth 2014, "Buy 'Til You Die - a walkthrough"), in
// weeks.
var (
	cdnowPareto = cxmetrics.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
	btydPareto  = cxmetrics.ParetoNBD{R: 0.5534, Alpha: 10.5802, S: 0.6061, Beta: 11.6562}
)

// TestParetoNBDCDNOW reproduces the published Pareto/NBD figures on the
// CDNOW sample (2,357 customers, weeks, 39-week calibration): the
// log-likelihood −9595.0 at r 0.553, α 10.578, s 0.606, β 11.669 (Fader,
// Hardie & Lee 2005, the MATLAB note; the same estimates to two decimals
// in "Counting your customers the easy way", Marketing Science 24(2)).
//
// The log-likelihood is tested tightly: at the published parameters
// against mpmath to 1e-11, and the fit's maximum must be at least as high
// and round to the published −9595.0. The parameters are tested loosely,
// to 1% for r and α and 3% for s and β: the surface is flat along a ridge
// where s and β grow together (the standard error of β is about half its
// value), so the point where a fit stops on it depends on the optimiser
// and its tolerance, while the log-likelihood there does not.
func TestParetoNBDCDNOW(t *testing.T) {
	customers, _ := cdnowRFM(t)
	ll, err := cdnowPareto.LogLikelihood(customers)
	// Σ loglik(0.553, 10.578, 0.606, 11.669, x, t_x, T) over the fixture
	const mpmathLL = -9594.9762592726335995
	if err != nil || math.Abs(ll-mpmathLL) > 1e-11*math.Abs(mpmathLL) {
		t.Errorf("LogLikelihood at the published estimate = %.12f, %v; mpmath %.12f", ll, err, mpmathLL)
	}
	if math.Abs(ll - -9595.0) > 0.05 {
		t.Errorf("LogLikelihood at the published estimate = %.4f, published −9595.0", ll)
	}
	for _, workers := range []int{1, 2} {
		var rep cxmetrics.FitReport
		m, err := cxmetrics.FitParetoNBD(customers, cxmetrics.Workers(workers), cxmetrics.Report(&rep))
		if err != nil {
			t.Fatalf("FitParetoNBD(workers %d): %v", workers, err)
		}
		if rep.LogLikelihood < mpmathLL-1e-6 || math.Abs(rep.LogLikelihood - -9595.0) > 0.05 {
			t.Errorf("workers %d: maximum log-likelihood %.6f, want at least %.6f and −9595.0 to one decimal", workers, rep.LogLikelihood, mpmathLL)
		}
		if got, err := m.LogLikelihood(customers); err != nil || math.Abs(got-rep.LogLikelihood) > 1e-9 {
			t.Errorf("workers %d: report's log-likelihood %.9f, the model's %.9f, %v", workers, rep.LogLikelihood, got, err)
		}
		for _, p := range []struct {
			name      string
			got, want float64
			rel       float64
		}{
			{"r", m.R, 0.553, 0.01}, {"α", m.Alpha, 10.578, 0.01}, {"s", m.S, 0.606, 0.03}, {"β", m.Beta, 11.669, 0.03},
		} {
			if math.Abs(p.got-p.want) > p.rel*p.want {
				t.Errorf("workers %d: %s = %.4f, published %.4f (within %.0f%%)", workers, p.name, p.got, p.want, 100*p.rel)
			}
		}
		if len(rep.StdErr) != 4 || rep.Customers != 2357 || rep.Iterations < 1 {
			t.Errorf("workers %d: report %+v", workers, rep)
		}
		for i, se := range rep.StdErr {
			if !(se > 0) || math.IsInf(se, 0) {
				t.Errorf("workers %d: standard error %d is %v", workers, i, se)
			}
		}
		// The ridge: β's standard error is a large part of β, r's a small part of r.
		if !(rep.StdErr[3] > 0.2*m.Beta && rep.StdErr[0] < 0.2*m.R) {
			t.Errorf("workers %d: standard errors %v at %+v, want β's large and r's small", workers, rep.StdErr, m)
		}
	}
}

// TestParetoNBDTimeUnit checks that the fit does not depend on the time
// unit: the CDNOW customers in days give α and β seven times those in
// weeks and the same r and s, and a log-likelihood lower by Σx ln 7.
func TestParetoNBDTimeUnit(t *testing.T) {
	weeks, _ := cdnowRFM(t)
	days := make([]cxmetrics.RFM, len(weeks))
	sumX := 0.0
	for i, c := range weeks {
		days[i] = cxmetrics.RFM{Frequency: c.Frequency, Recency: 7 * c.Recency, T: 7 * c.T}
		sumX += float64(c.Frequency)
	}
	var rw, rd cxmetrics.FitReport
	mw, err1 := cxmetrics.FitParetoNBD(weeks, cxmetrics.Report(&rw))
	md, err2 := cxmetrics.FitParetoNBD(days, cxmetrics.Report(&rd))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if d := rw.LogLikelihood - sumX*math.Ln2*math.Log2(7) - rd.LogLikelihood; math.Abs(d) > 1e-6 {
		t.Errorf("log-likelihood in days %.9f, in weeks %.9f less Σx ln 7: differ by %g", rd.LogLikelihood, rw.LogLikelihood-sumX*math.Log(7), d)
	}
	for _, p := range [][3]float64{{mw.R, md.R, 1}, {mw.Alpha, md.Alpha, 7}, {mw.S, md.S, 1}, {mw.Beta, md.Beta, 7}} {
		if math.Abs(p[0]*p[2]-p[1]) > 1e-3*p[1] {
			t.Errorf("weeks %+v, days %+v", mw, md)
			break
		}
	}
}

// TestParetoNBDFigures checks the predictions against mpmath (the
// functions at the top of this file) and, where a figure was published,
// against it too.
func TestParetoNBDFigures(t *testing.T) {
	c1 := cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86} // the customer of Fader, Hardie & Lee 2005, section 5
	c26 := cxmetrics.RFM{Frequency: 26, Recency: 30.86, T: 31}  // customer 1516 of the BTYD walkthrough
	for _, tc := range []struct {
		name string
		got  func() (float64, error)
		want float64
		rel  float64
	}{
		// The BTYD walkthrough prints P(alive) 0.9979 for customer 1516;
		// mpmath: palive(0.5534, 10.5802, 0.6061, 11.6562, 26, 30.86, 31).
		{"P(alive) walkthrough", func() (float64, error) { return btydPareto.ProbabilityAlive(c26) }, 0.9979, 5e-5},
		{"P(alive) customer 1516", func() (float64, error) { return btydPareto.ProbabilityAlive(c26) }, 0.99791776655190670001, 1e-13},
		// condexp(0.5534, 10.5802, 0.6061, 11.6562, 26, 30.86, 31, 52)
		{"E[Y(52)] customer 1516", func() (float64, error) { return btydPareto.ConditionalExpectedPurchases(c26, 52) }, 25.454913511499725475, 1e-13},
		// palive(0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86)
		{"P(alive) x=2", func() (float64, error) { return cdnowPareto.ProbabilityAlive(c1) }, 0.869167559153011199, 1e-13},
		// condexp(0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86, 39)
		{"E[Y(39)] x=2", func() (float64, error) { return cdnowPareto.ConditionalExpectedPurchases(c1, 39) }, 1.4551231932576025029, 1e-13},
		// expect(0.553, 10.578, 0.606, 11.669, t) for t = 1, 39, 52, 78
		{"E[X(1)]", func() (float64, error) { return cdnowPareto.ExpectedPurchases(1) }, 0.050979843245990999539, 1e-14},
		{"E[X(39)]", func() (float64, error) { return cdnowPareto.ExpectedPurchases(39) }, 1.2130028442810159367, 1e-14},
		{"E[X(52)]", func() (float64, error) { return cdnowPareto.ExpectedPurchases(52) }, 1.4729968033751073286, 1e-14},
		{"E[X(78)]", func() (float64, error) { return cdnowPareto.ExpectedPurchases(78) }, 1.9093981293136854572, 1e-14},
		// pmf(0.553, 10.578, 0.606, 11.669, n, 39) for n = 0, 1, 2, 10
		{"P(X(39)=0)", func() (float64, error) { return cdnowPareto.ProbabilityOfPurchases(0, 39) }, 0.59362503160238382969, 1e-13},
		{"P(X(39)=1)", func() (float64, error) { return cdnowPareto.ProbabilityOfPurchases(1, 39) }, 0.16556294727717548405, 1e-13},
		{"P(X(39)=2)", func() (float64, error) { return cdnowPareto.ProbabilityOfPurchases(2, 39) }, 0.08248718411631658785, 1e-13},
		{"P(X(39)=10)", func() (float64, error) { return cdnowPareto.ProbabilityOfPurchases(10, 39) }, 0.0041934393320804215137, 1e-12},
		// loglik(0.553, 10.578, 0.606, 11.669, x, t_x, T) of three customers
		{"ln L x=2", func() (float64, error) { return cdnowPareto.LogLikelihood([]cxmetrics.RFM{c1}) }, -9.5542832451504057193, 1e-14},
		{"ln L x=0", func() (float64, error) {
			return cdnowPareto.LogLikelihood([]cxmetrics.RFM{{T: 38.86}})
		}, -0.52104629408089037401, 1e-14},
		{"ln L x=26", func() (float64, error) { return cdnowPareto.LogLikelihood([]cxmetrics.RFM{c26}) }, -39.131671540302774025, 1e-14},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.got()
			if err != nil || math.Abs(got-tc.want) > tc.rel*math.Abs(tc.want) {
				t.Errorf("got %.17g, %v; want %.17g (relative %g)", got, err, tc.want, tc.rel)
			}
		})
	}
}

// TestParetoNBDHostile checks the histories and parameters that make the
// published form overflow or divide by zero (the NaN of other
// implementations' ₂F₁): α = β exactly and to 1e-12, thousands of
// purchases, a last purchase at T, T of 1e-9 and 1e9, parameters at 1e-8
// and 1e8. Each figure is from mpmath, the functions at the top of this
// file, with the arguments given in the case; the last from the defining
// integral, as mpmath's ₂F₁ does not converge there:
//
//	f = lambda y: mp.exp(-(r+x) * mp.log(al + y) - (s + 1) * mp.log(be + y))
//	I = mp.quad(f, [tx] + [tx + mp.mpf(10) ** k for k in range(-9, 1)] + [T])
//	loglik = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(al) + s * mp.log(be)
//	         + mp.log((al + T) ** -(r + x) * (be + T) ** -s + s * I)
//
// with (r, al, s, be, x, tx, T) = (1e8, 1, 1e8, 2, 2, 30.43, 38.86).
func TestParetoNBDHostile(t *testing.T) {
	p := cdnowPareto
	for _, tc := range []struct {
		name                string
		m                   cxmetrics.ParetoNBD
		c                   cxmetrics.RFM
		ll, alive, expected float64 // ln L, P(alive), E[Y(52)]
	}{
		{"α = β", cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 0.7, Beta: 10}, cxmetrics.RFM{Frequency: 4, Recency: 20, T: 39},
			-14.640733534682553733, 0.38586864090097088338, 1.4026234047937877706},
		{"α = β(1 − 1e-12)", cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 0.7, Beta: 10.00000000001}, cxmetrics.RFM{Frequency: 4, Recency: 20, T: 39},
			-14.640733534682210337, 0.38586864090105334277, 1.4026234047941470926},
		{"s = 1", cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 1, Beta: 12}, cxmetrics.RFM{Frequency: 4, Recency: 20, T: 39},
			-14.720615920609357727, 0.2991439960407971847, math.NaN()},
		// P(alive) is 6.87e-432 and E[Y] 2.86e-428, below the smallest float64.
		{"x = 5000", p, cxmetrics.RFM{Frequency: 5000, Recency: 30, T: 39}, 19060.171584004549449, 0, 0},
		{"t_x = T", p, cxmetrics.RFM{Frequency: 3, Recency: 39, T: 39}, -12.669676805925728602, 1, 2.9566035016886841225},
		{"T = 1e-9, x = 0", p, cxmetrics.RFM{T: 1e-9}, -5.2278313476980679509e-11, 0.99999999994806752935, 1.4729968032022746813},
		{"T = 1e-9, x = 1", p, cxmetrics.RFM{Frequency: 1, Recency: 5e-10, T: 1e-9}, -2.9511736502763706652, 0.99999999997403376468, 4.1366438253752836902},
		{"T = 1e9", p, cxmetrics.RFM{Frequency: 10, Recency: 5e8, T: 1e9}, -210.0403401860847537, 0.0079921579771093833001, 4.3857445273924412877e-9},
		{"α = 1e8, β = 1e-8", cxmetrics.ParetoNBD{R: 0.5, Alpha: 1e8, S: 0.6, Beta: 1e-8}, cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86},
			-50.23071034145370122, 0.86353409000999298426, 8.4853884749062908852e-7},
		{"α = 1e-8, β = 1e8", cxmetrics.ParetoNBD{R: 0.5, Alpha: 1e-8, S: 0.6, Beta: 1e8}, cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86},
			-18.647936219226548989, 0.99999993112206292793, 3.3453415010918597397},
		{"all 1e-8", cxmetrics.ParetoNBD{R: 1e-8, Alpha: 1e-8, S: 1e-8, Beta: 1e-8}, cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86},
			-25.740612060824526834, 0.99999999684598150852, 2.6762737946930646953},
		{"all 1e8", cxmetrics.ParetoNBD{R: 1e8, Alpha: 1e8, S: 1e8, Beta: 1e8}, cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86},
			-61.553138481691841839, 9.5241774415048119737e-8, 9.5241777272301380761e-8},
		// P(alive) 2.9e-20354433, below the smallest float64.
		{"r = s = 1e8", cxmetrics.ParetoNBD{R: 1e8, Alpha: 1, S: 1e8, Beta: 2}, cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86},
			-623369929.8199702422356546, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ln L is within 1e-13 of itself, or of 1 where it is small:
			// the likelihood is then 1 − 5e-11 and its logarithm's absolute
			// error is what matters.
			ll, err := tc.m.LogLikelihood([]cxmetrics.RFM{tc.c})
			if err != nil || math.Abs(ll-tc.ll) > 1e-13*math.Max(1, math.Abs(tc.ll)) {
				t.Errorf("LogLikelihood = %.17g, %v; mpmath %.17g", ll, err, tc.ll)
			}
			alive, err := tc.m.ProbabilityAlive(tc.c)
			if err != nil || math.Abs(alive-tc.alive) > 1e-13*tc.alive || math.Signbit(alive) {
				t.Errorf("ProbabilityAlive = %.17g, %v; mpmath %.17g", alive, err, tc.alive)
			}
			e, err := tc.m.ConditionalExpectedPurchases(tc.c, 52)
			if math.IsNaN(tc.expected) {
				return // s = 1: the closed form divides by 0; see TestParetoNBDSEqualsOne
			}
			if err != nil || math.Abs(e-tc.expected) > 1e-13*tc.expected || math.Signbit(e) {
				t.Errorf("ConditionalExpectedPurchases(52) = %.17g, %v; mpmath %.17g", e, err, tc.expected)
			}
		})
	}
}

// TestParetoNBDSEqualsOne checks the expectations at s = 1, where the
// published forms divide by s − 1 = 0, against their limits, by hand:
// E[X(t)] = (r/α) β ln(1 + t/β), and the conditional one likewise with
// β+T for β.
func TestParetoNBDSEqualsOne(t *testing.T) {
	m := cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 1, Beta: 12}
	got, err := m.ExpectedPurchases(30)
	if want := 0.5 / 10 * 12 * math.Log(1+30.0/12); err != nil || math.Abs(got-want) > 1e-15*want {
		t.Errorf("E[X(30)] = %.17g, %v; want %.17g", got, err, want)
	}
	c := cxmetrics.RFM{Frequency: 4, Recency: 20, T: 39}
	alive, err1 := m.ProbabilityAlive(c)
	got, err2 := m.ConditionalExpectedPurchases(c, 52)
	want := alive * 4.5 * (12 + 39) / (10 + 39) * math.Log(1+52.0/(12+39))
	if err1 != nil || err2 != nil || math.Abs(got-want) > 1e-14*want {
		t.Errorf("E[Y(52)] = %.17g, %v %v; want %.17g", got, err1, err2, want)
	}
	// Either side of s = 1 joins up.
	below, _ := cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 1 - 1e-9, Beta: 12}.ExpectedPurchases(30)
	above, _ := cxmetrics.ParetoNBD{R: 0.5, Alpha: 10, S: 1 + 1e-9, Beta: 12}.ExpectedPurchases(30)
	if ew, _ := m.ExpectedPurchases(30); !(below > ew && ew > above) || math.Abs(below-above) > 1e-8 {
		t.Errorf("E[X(30)] at s = 1 − 1e-9, 1, 1 + 1e-9: %.17g, %.17g, %.17g", below, ew, above)
	}
}

// TestParetoNBDProperties checks what must hold whatever the parameters:
// P(X(t) = n) sums to 1 over n and has mean E[X(t)]; P(alive) is 1 at
// t_x = T and falls as T grows; nothing is expected in no time.
func TestParetoNBDProperties(t *testing.T) {
	for _, m := range []cxmetrics.ParetoNBD{
		cdnowPareto,
		{R: 2, Alpha: 3, S: 0.4, Beta: 50},
		{R: 0.3, Alpha: 8, S: 5, Beta: 2},
		{R: 1, Alpha: 1, S: 1, Beta: 1},
	} {
		for _, horizon := range []float64{0.5, 39, 100} {
			sum, mean, last := 0.0, 0.0, 1.0
			for n := int64(0); n < 20000 && (n < 10 || last > 1e-18); n++ {
				p, err := m.ProbabilityOfPurchases(n, horizon)
				if err != nil || !(p >= 0 && p <= 1) {
					t.Fatalf("%+v: P(X(%v) = %d) = %v, %v", m, horizon, n, p, err)
				}
				sum += p
				mean += float64(n) * p
				last = p
			}
			e, err := m.ExpectedPurchases(horizon)
			if err != nil || math.Abs(sum-1) > 1e-12 || math.Abs(mean-e) > 1e-9*e {
				t.Errorf("%+v, t = %v: Σ P(X = n) = %.15f, Σ n P(X = n) = %.12g, E[X] = %.12g, %v", m, horizon, sum, mean, e, err)
			}
		}
		prev := 1.0
		for _, T := range []float64{10, 10.5, 20, 40, 80} {
			a, err := m.ProbabilityAlive(cxmetrics.RFM{Frequency: 3, Recency: 10, T: T})
			if err != nil || a > prev || (T == 10 && a != 1) {
				t.Errorf("%+v: P(alive | x 3, t_x 10, T %v) = %v after %v, %v", m, T, a, prev, err)
			}
			prev = a
		}
		if e, err := m.ConditionalExpectedPurchases(cxmetrics.RFM{Frequency: 3, Recency: 10, T: 20}, 0); e != 0 || math.Signbit(e) || err != nil {
			t.Errorf("%+v: E[Y(0)] = %v, %v", m, e, err)
		}
		if p, err := m.ProbabilityOfPurchases(0, 0); p != 1 || err != nil {
			t.Errorf("%+v: P(X(0) = 0) = %v, %v", m, p, err)
		}
		if p, err := m.ProbabilityOfPurchases(2, 0); p != 0 || math.Signbit(p) || err != nil {
			t.Errorf("%+v: P(X(0) = 2) = %v, %v", m, p, err)
		}
	}
}

// TestParetoNBDErrors checks that every bad argument is an error wrapping
// its sentinel, from every method.
func TestParetoNBDErrors(t *testing.T) {
	good := cdnowPareto
	c := cxmetrics.RFM{Frequency: 2, Recency: 30.43, T: 38.86}
	bads := []cxmetrics.ParetoNBD{
		{R: 0.5, Alpha: 10, S: 0, Beta: 11},
		{},
		{R: math.NaN(), Alpha: 10, S: 0.6, Beta: 11},
		{R: 0.5, Alpha: math.Inf(1), S: 0.6, Beta: 11},
		{R: 0.5, Alpha: 10, S: 0.6, Beta: -11},
	}
	for _, m := range bads {
		for name, err := range map[string]error{
			"LogLikelihood":                pnbdErr(m.LogLikelihood([]cxmetrics.RFM{c})),
			"ExpectedPurchases":            pnbdErr(m.ExpectedPurchases(1)),
			"ConditionalExpectedPurchases": pnbdErr(m.ConditionalExpectedPurchases(c, 1)),
			"ProbabilityAlive":             pnbdErr(m.ProbabilityAlive(c)),
			"ProbabilityOfPurchases":       pnbdErr(m.ProbabilityOfPurchases(1, 1)),
		} {
			if !errors.Is(err, cxmetrics.ErrInvalidArgument) {
				t.Errorf("%+v.%s: %v, want ErrInvalidArgument", m, name, err)
			}
		}
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"t negative", pnbdErr(good.ExpectedPurchases(-1)), cxmetrics.ErrInvalidArgument},
		{"t NaN", pnbdErr(good.ConditionalExpectedPurchases(c, math.NaN())), cxmetrics.ErrInvalidArgument},
		{"t infinite", pnbdErr(good.ProbabilityOfPurchases(0, math.Inf(1))), cxmetrics.ErrInvalidArgument},
		{"n negative", pnbdErr(good.ProbabilityOfPurchases(-1, 1)), cxmetrics.ErrNegative},
		{"frequency negative", pnbdErr(good.ProbabilityAlive(cxmetrics.RFM{Frequency: -1, T: 1})), cxmetrics.ErrNegative},
		{"recency after T", pnbdErr(good.ConditionalExpectedPurchases(cxmetrics.RFM{Frequency: 1, Recency: 2, T: 1}, 1)), cxmetrics.ErrInconsistent},
		{"T NaN", pnbdErr(good.LogLikelihood([]cxmetrics.RFM{c, {T: math.NaN()}})), cxmetrics.ErrInvalidArgument},
		{"fit: no customers", pnbdErr(cxmetrics.FitParetoNBD(nil)), cxmetrics.ErrInvalidArgument},
		{"fit: no repeat purchase", pnbdErr(cxmetrics.FitParetoNBD([]cxmetrics.RFM{{T: 3}, {T: 5}})), cxmetrics.ErrNoConvergence},
		{"fit: bad customer", pnbdErr(cxmetrics.FitParetoNBD([]cxmetrics.RFM{c, {Frequency: 0, Recency: 1, T: 2}})), cxmetrics.ErrInconsistent},
		{"fit: StartAt of 3", pnbdErr(cxmetrics.FitParetoNBD([]cxmetrics.RFM{c}, cxmetrics.StartAt(1, 1, 1))), cxmetrics.ErrInvalidArgument},
		{"fit: StartAt 0", pnbdErr(cxmetrics.FitParetoNBD([]cxmetrics.RFM{c}, cxmetrics.StartAt(1, 0, 1, 1))), cxmetrics.ErrInvalidArgument},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	// The error names the customer.
	_, err := good.LogLikelihood([]cxmetrics.RFM{c, c, {Frequency: 1, Recency: 5, T: 4}})
	if err == nil || !strings.Contains(err.Error(), "customers[2]") {
		t.Errorf("LogLikelihood: %v, want it to name customers[2]", err)
	}
	// No customers: a log-likelihood of 0.
	if ll, err := good.LogLikelihood(nil); ll != 0 || err != nil {
		t.Errorf("LogLikelihood(nil) = %v, %v", ll, err)
	}
	// A fit that runs out of iterations.
	customers, _ := cdnowRFM(t)
	if _, err := cxmetrics.FitParetoNBD(customers, cxmetrics.MaxIterations(2)); !errors.Is(err, cxmetrics.ErrNoConvergence) {
		t.Errorf("FitParetoNBD with 2 iterations: %v, want ErrNoConvergence", err)
	}
}

// pnbdErr returns the error of a call's two results.
func pnbdErr[T any](_ T, err error) error { return err }

// TestParetoNBDPredictAll checks that the batch predictions are the
// one-customer methods' figures, with one worker or two, and its errors.
func TestParetoNBDPredictAll(t *testing.T) {
	customers, _ := cdnowRFM(t)
	customers = append(customers, paretoSynthetic(5000)...)
	customers = append(customers, cxmetrics.RFM{Frequency: 5000, Recency: 30, T: 39}, cxmetrics.RFM{Frequency: 3, Recency: 39, T: 39}, cxmetrics.RFM{T: 1e-9})
	for _, m := range []cxmetrics.ParetoNBD{cdnowPareto, {R: 0.5, Alpha: 1e-3, S: 0.6, Beta: 1e3}, {R: 2, Alpha: 7, S: 3, Beta: 7}} {
		for _, workers := range []int{1, 2} {
			alive := make([]float64, len(customers))
			expected := make([]float64, len(customers))
			if err := m.PredictAll(customers, 52, alive, expected, cxmetrics.Workers(workers)); err != nil {
				t.Fatalf("%+v, workers %d: %v", m, workers, err)
			}
			for i, c := range customers {
				a, err1 := m.ProbabilityAlive(c)
				e, err2 := m.ConditionalExpectedPurchases(c, 52)
				if err1 != nil || err2 != nil || math.Abs(alive[i]-a) > 1e-13*a || math.Abs(expected[i]-e) > 1e-13*e {
					t.Fatalf("%+v, workers %d, customers[%d] %+v: PredictAll %.17g, %.17g; one at a time %.17g, %.17g, %v %v", m, workers, i, c, alive[i], expected[i], a, e, err1, err2)
				}
			}
		}
	}
	// Either slice may be nil.
	alive := make([]float64, 3)
	if err := cdnowPareto.PredictAll(customers[:3], 52, alive, nil); err != nil || alive[0] == 0 {
		t.Errorf("PredictAll with expected nil: %v, %v", alive, err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"short slice", cdnowPareto.PredictAll(customers[:3], 52, make([]float64, 2), nil), cxmetrics.ErrInvalidArgument},
		{"t NaN", cdnowPareto.PredictAll(customers[:3], math.NaN(), nil, nil), cxmetrics.ErrInvalidArgument},
		{"bad model", cxmetrics.ParetoNBD{R: 1}.PredictAll(customers[:3], 52, nil, nil), cxmetrics.ErrInvalidArgument},
		{"bad customer", cdnowPareto.PredictAll([]cxmetrics.RFM{customers[0], {Frequency: -2}}, 52, nil, nil), cxmetrics.ErrNegative},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}
