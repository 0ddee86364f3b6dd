package cxmetrics_test

import (
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// MBG/NBD's predictions, log-likelihood and errors are tested with
// BG/NBD's in bgnbd_test.go; this file has what is its own.

func TestFitMBGNBDCDNOW(t *testing.T) {
	customers, _ := cdnowRFM(t)
	var rep cxmetrics.FitReport
	m, err := cxmetrics.FitMBGNBD(customers, cxmetrics.Report(&rep))
	if err != nil {
		t.Fatal(err)
	}
	// No MBG/NBD estimate on CDNOW is printed in Batislam, Denizel &
	// Filiztekin (2007), who fit a grocery panel. The reference is an
	// independent maximisation of the log-likelihood of their eq. 4
	// written with scipy.special:
	//
	//	A1 = gammaln(r+x) − gammaln(r) + r log α
	//	l1 = betaln(a, b+x+1) − betaln(a, b) − (r+x) log(α+T)
	//	l2 = betaln(a+1, b+x) − betaln(a, b) − (r+x) log(α+t_x)
	//	nll = −Σ (A1 + logaddexp(l1, l2))
	//	scipy.optimize.minimize(nll over log-parameters, zeros(4), method='Nelder-Mead',
	//	    options=dict(xatol=1e-12, fatol=1e-12, maxiter=20000, maxfev=40000)), then 'BFGS', gtol=1e-10
	//
	// → r 0.5248431113226409, α 6.183084421461282, a 0.8913594859289542,
	// b 1.6140022677870371, LL −9582.13571555375 (mpmath, 40 digits, at
	// those parameters). Rounded: r 0.525, α 6.183, a 0.891, b 1.614.
	for i, c := range [][2]float64{{m.R, 0.5248431113226409}, {m.Alpha, 6.183084421461282}, {m.A, 0.8913594859289542}, {m.B, 1.6140022677870371}} {
		if e := bgRelErr(c[0], c[1]); e > 1e-6 {
			t.Errorf("parameter %d = %.12g, the independent fit %.12g (relative difference %.2g)", i, c[0], c[1], e)
		}
	}
	if rep.LogLikelihood < -9582.13571555375-1e-9 {
		t.Errorf("log-likelihood %.12f, below the independent fit's −9582.13571555375", rep.LogLikelihood)
	}
	// The standard errors: mpmath's numerical Hessian of the
	// log-likelihood (mp.diff at 30 digits) at the maximum polished by
	// Newton steps on those derivatives (r 0.52484315910629758, α
	// 6.1830852795760049, a 0.89135939073221586, b 1.6140022401703439,
	// the gradient then 5e-25), inverted: sqrt of the diagonal of
	// mp.inverse(−H), as for BG/NBD (TestFitBGNBDPublished).
	wantSE := []float64{0.0832682065798, 0.695620642509, 0.154789927778, 0.53749479824}
	for i, se := range rep.StdErr {
		if e := bgRelErr(se, wantSE[i]); e > 1e-6 {
			t.Errorf("standard error %d = %.12g, want %.12g (mpmath)", i, se, wantSE[i])
		}
	}
}

func TestMBGNBDNoRepeatPurchase(t *testing.T) {
	// A customer without a repeat purchase may have dropped out at the
	// first: P(alive) = 1/(1 + a/b (1 + T/α)^r), below 1 and falling
	// with T, where BG/NBD holds it at 1. By hand at the rounded CDNOW
	// estimate, T = 0: 1/(1 + 0.891/1.614) = 1.614/2.505.
	prev := 1.0
	for _, T := range []float64{0, 1, 10, 100, 1e4} {
		c := cxmetrics.RFM{T: T}
		p, err := cdnowMBG.ProbabilityAlive(c)
		if err != nil || !(p < prev) || !(p > 0) {
			t.Errorf("P(alive | T = %v) = %v, %v; want in (0, %v)", T, p, err, prev)
		}
		if T == 0 && bgRelErr(p, 1.614/2.505) > 1e-15 {
			t.Errorf("P(alive | T = 0) = %.17g, want 1.614/2.505", p)
		}
		prev = p
		if pb, _ := cdnowBG.ProbabilityAlive(c); pb != 1 {
			t.Errorf("BG/NBD P(alive | x = 0, T = %v) = %v, want 1", T, pb)
		}
	}
	// E[X(t)] is b/(a+b) times BG/NBD's with b + 1 for b: the share alive
	// after the first purchase, times the expectation of those alive.
	bg := cxmetrics.BGNBD{R: cdnowMBG.R, Alpha: cdnowMBG.Alpha, A: cdnowMBG.A, B: cdnowMBG.B + 1}
	for _, tt := range []float64{1, 39, 500} {
		eb, _ := bg.ExpectedPurchases(tt)
		em, err := cdnowMBG.ExpectedPurchases(tt)
		want := cdnowMBG.B / (cdnowMBG.A + cdnowMBG.B) * eb
		if err != nil || math.Abs(em-want) > 1e-14*want {
			t.Errorf("ExpectedPurchases(%v) = %.17g, %v; want %.17g", tt, em, err, want)
		}
	}
}
