package cxmetrics_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// The independent reference of these tests is mpmath at 30 digits on the
// density of Hardie (2013) as printed, summed over the repeat buyers of
// testdata/btyd/cdnow_rfm.csv:
//
//	lnf = lambda p,q,g,x,m: (mp.loggamma(p*x+q) - mp.loggamma(p*x) - mp.loggamma(q)
//	        + q*mp.log(g) + (p*x-1)*mp.log(m) + p*x*mp.log(x) - (p*x+q)*mp.log(g+x*m))
//	LL = lambda p,q,g: mp.fsum(lnf(p,q,g,x,m) for x,m in repeat_buyers)
//
// and its maximum, found by scipy.optimize.minimize (Nelder-Mead, then
// BFGS with gtol 1e-10) on the same sum in float64: p 6.249572959315741,
// q 3.744224758315306, γ 15.443519765703307, where LL is
// −4055.9176948018749 (mpmath). At the published p 6.25, q 3.74, γ 15.44
// LL is −4055.9192320495407. The standard errors are the square roots of
// the diagonal of the inverse of −H, H the Hessian of LL at the maximum
// by mp.diff: 1.190058, 0.2901334, 4.159432.

func TestFitGammaGammaCDNOW(t *testing.T) {
	customers, _ := cdnowRFM(t)
	for _, tc := range []struct {
		name string
		opts []cxmetrics.FitOption
	}{
		{name: "documented start"},
		{name: "two workers", opts: []cxmetrics.FitOption{cxmetrics.Workers(2)}},
		// The start of lifetimes (each log-parameter 0.1), and starts far
		// off on either side.
		{name: "start e^0.1", opts: []cxmetrics.FitOption{cxmetrics.StartAt(math.Exp(0.1), math.Exp(0.1), math.Exp(0.1))}},
		{name: "start small p, large q and γ", opts: []cxmetrics.FitOption{cxmetrics.StartAt(0.01, 100, 1000)}},
		{name: "start large p, small γ", opts: []cxmetrics.FitOption{cxmetrics.StartAt(100, 1.5, 0.01)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r cxmetrics.FitReport
			m, err := cxmetrics.FitGammaGamma(customers, append(tc.opts, cxmetrics.Report(&r))...)
			if err != nil {
				t.Fatal(err)
			}
			// Published: p 6.25, q 3.74, γ 15.44 (Fader, Hardie & Lee 2005b).
			published := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
			if diff := cmp.Diff(published, m, cmpopts.EquateApprox(0, 0.005)); diff != "" {
				t.Errorf("not the published estimates (-want +got):\n%s", diff)
			}
			scipy := cxmetrics.GammaGamma{P: 6.249572959315741, Q: 3.744224758315306, Gamma: 15.443519765703307}
			if diff := cmp.Diff(scipy, m, cmpopts.EquateApprox(1e-6, 0)); diff != "" {
				t.Errorf("not scipy's maximum (-want +got):\n%s", diff)
			}
			want := ggReport{LogLikelihood: -4055.9176948018749, StdErr: []float64{1.190058, 0.2901334, 4.159432}, Customers: 946}
			got := ggReport{LogLikelihood: r.LogLikelihood, StdErr: r.StdErr, Customers: r.Customers}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-5, 0)); diff != "" {
				t.Errorf("report mismatch (-want +got):\n%s", diff)
			}
			if math.Abs(r.LogLikelihood+4055.9176948018749) > 1e-9 {
				t.Errorf("log-likelihood %.13f, want −4055.9176948018749 to 1e-9", r.LogLikelihood)
			}
			if r.Iterations < 1 || r.Iterations > 30 {
				t.Errorf("%d iterations", r.Iterations)
			}
		})
	}
}

// ggReport is the part of a FitReport that a test compares.
type ggReport struct {
	LogLikelihood float64
	StdErr        []float64
	Customers     int64
}

func TestGammaGammaLogLikelihood(t *testing.T) {
	customers, _ := cdnowRFM(t)
	published := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	got, err := published.LogLikelihood(customers)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(-4055.9192320495407, got, cmpopts.EquateApprox(1e-13, 0)); diff != "" {
		t.Errorf("LogLikelihood at the published estimates (-want +got):\n%s", diff)
	}
	// One buyer each, against mpmath's lnf above, where the density's
	// terms are far larger than the result.
	for _, tc := range []struct {
		m    cxmetrics.GammaGamma
		c    cxmetrics.RFM
		want float64
	}{
		{published, cxmetrics.RFM{Frequency: 2, Recency: 30, T: 39, Monetary: 22.345}, -3.5511891641399507},
		{published, cxmetrics.RFM{Frequency: 5000, Recency: 30, T: 39, Monetary: 35}, -3.9944516866736935},
		{cxmetrics.GammaGamma{P: 1e8, Q: 1e8, Gamma: 1e-8}, cxmetrics.RFM{Frequency: 1000, Recency: 30, T: 39, Monetary: 1e6}, -3123569152.3746118},
		{cxmetrics.GammaGamma{P: 1e-8, Q: 1e-8, Gamma: 1e8}, cxmetrics.RFM{Frequency: 1, Recency: 30, T: 39, Monetary: 1e-300}, 671.66169288173931},
	} {
		got, err := tc.m.LogLikelihood([]cxmetrics.RFM{tc.c})
		if err != nil {
			t.Fatalf("%+v %+v: %v", tc.m, tc.c, err)
		}
		if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
			t.Errorf("%+v %+v (-want +got):\n%s", tc.m, tc.c, diff)
		}
	}
}

func TestConditionalExpectedSpend(t *testing.T) {
	customers, _ := cdnowRFM(t)
	published := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	// By hand, E = p(γ + x m)/(px + q − 1) at the published estimates,
	// for the first CDNOW customers (x, m from cdnow_rfm.csv).
	for _, tc := range []struct {
		row  int
		want float64
	}{
		{0, 6.25 * (15.44 + 2*22.345) / (6.25*2 + 3.74 - 1)},             // 375.8125 / 15.24 = 24.6596…
		{1, 6.25 * (15.44 + 1*11.77) / (6.25*1 + 3.74 - 1)},              // 170.0625 / 8.99 = 18.9169…
		{2, 6.25 * 15.44 / (3.74 - 1)},                                   // x = 0: 96.5 / 2.74 = 35.2190…
		{5, 6.25 * (15.44 + 7*73.74142857142859) / (6.25*7 + 3.74 - 1)},  // 3322.6875 / 46.49 = 71.4710…
		{8, 6.25 * (15.44 + 2*25.549999999999997) / (6.25*2 + 3.74 - 1)}, // 415.875 / 15.24 = 27.2884…
	} {
		got, err := published.ConditionalExpectedSpend(customers[tc.row])
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-14, 0)); diff != "" {
			t.Errorf("customers[%d] (-want +got):\n%s", tc.row, diff)
		}
	}
	// The spreadsheet that accompanies Hardie (2013) gives, at the fitted
	// model, these conditional expectations for the first ten CDNOW
	// customers, to the cent (as quoted by lifetimes' test suite).
	fitted, err := cxmetrics.FitGammaGamma(customers)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17} {
		got, err := fitted.ConditionalExpectedSpend(customers[i])
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-want) > 0.005 {
			t.Errorf("customers[%d]: %.4f, the spreadsheet's %.2f", i, got, want)
		}
	}
}

func TestGammaGammaScaleFree(t *testing.T) {
	// The model is scale-free: spend in cents gives Gamma × 100 and the
	// same P and Q.
	customers, _ := cdnowRFM(t)
	cents := make([]cxmetrics.RFM, len(customers))
	for i, c := range customers {
		c.Monetary *= 100
		cents[i] = c
	}
	dollars, err := cxmetrics.FitGammaGamma(customers)
	if err != nil {
		t.Fatal(err)
	}
	inCents, err := cxmetrics.FitGammaGamma(cents)
	if err != nil {
		t.Fatal(err)
	}
	want := cxmetrics.GammaGamma{P: dollars.P, Q: dollars.Q, Gamma: 100 * dollars.Gamma}
	if diff := cmp.Diff(want, inCents, cmpopts.EquateApprox(1e-6, 0)); diff != "" {
		t.Errorf("fit in cents (-want +got):\n%s", diff)
	}
}

func TestGammaGammaManyPurchases(t *testing.T) {
	// Buyers with x ≥ 1024 take another path into the fit's groups: the
	// fit's log-likelihood must still be LogLikelihood's at its estimate.
	customers, _ := cdnowRFM(t)
	customers = append(customers[:len(customers):len(customers)],
		cxmetrics.RFM{Frequency: 1500, Recency: 38, T: 39, Monetary: 40},
		cxmetrics.RFM{Frequency: 1500, Recency: 37, T: 39, Monetary: 31},
		cxmetrics.RFM{Frequency: 4000, Recency: 39, T: 39, Monetary: 12.5})
	var r cxmetrics.FitReport
	m, err := cxmetrics.FitGammaGamma(customers, cxmetrics.Report(&r))
	if err != nil {
		t.Fatal(err)
	}
	ll, err := m.LogLikelihood(customers)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ll, r.LogLikelihood, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("fit's log-likelihood against LogLikelihood (-want +got):\n%s", diff)
	}
	if r.Customers != 949 {
		t.Errorf("%d customers, want 949", r.Customers)
	}
}

func TestGammaGammaErrors(t *testing.T) {
	good := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	buyer := cxmetrics.RFM{Frequency: 2, Recency: 10, T: 20, Monetary: 30}
	for _, tc := range []struct {
		name      string
		m         cxmetrics.GammaGamma
		customers []cxmetrics.RFM
		wantErr   error
	}{
		{"no P or Gamma", cxmetrics.GammaGamma{Q: 0.5}, []cxmetrics.RFM{buyer}, cxmetrics.ErrInvalidArgument},
		{"NaN Q", cxmetrics.GammaGamma{P: 1, Q: math.NaN(), Gamma: 1}, []cxmetrics.RFM{buyer}, cxmetrics.ErrInvalidArgument},
		{"infinite Gamma", cxmetrics.GammaGamma{P: 1, Q: 2, Gamma: math.Inf(1)}, []cxmetrics.RFM{buyer}, cxmetrics.ErrInvalidArgument},
		{"negative P", cxmetrics.GammaGamma{P: -1, Q: 2, Gamma: 1}, []cxmetrics.RFM{buyer}, cxmetrics.ErrInvalidArgument},
		{"no customers", good, nil, cxmetrics.ErrNoResponses},
		{"no repeat buyers", good, []cxmetrics.RFM{{T: 5}}, cxmetrics.ErrUndefined},
		{"negative frequency", good, []cxmetrics.RFM{buyer, {Frequency: -1, T: 3}}, cxmetrics.ErrNegative},
		{"recency after T", good, []cxmetrics.RFM{{Frequency: 1, Recency: 9, T: 3, Monetary: 1}}, cxmetrics.ErrInconsistent},
		{"NaN monetary", good, []cxmetrics.RFM{{Frequency: 1, Recency: 1, T: 3, Monetary: math.NaN()}}, cxmetrics.ErrInvalidArgument},
		{"repeat buyer who spent nothing", good, []cxmetrics.RFM{{Frequency: 3, Recency: 2, T: 3}}, cxmetrics.ErrInvalidArgument},
		{"x·m past float64", good, []cxmetrics.RFM{{Frequency: 1 << 62, Recency: 2, T: 3, Monetary: math.MaxFloat64}}, cxmetrics.ErrOverflow},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.m.LogLikelihood(tc.customers); !errors.Is(err, tc.wantErr) {
				t.Errorf("LogLikelihood error %v, want %v", err, tc.wantErr)
			}
			if tc.m != good {
				return
			}
			if _, err := cxmetrics.FitGammaGamma(tc.customers); !errors.Is(err, tc.wantErr) {
				t.Errorf("FitGammaGamma error %v, want %v", err, tc.wantErr)
			}
		})
	}
	// An error names the row.
	_, err := cxmetrics.FitGammaGamma([]cxmetrics.RFM{buyer, buyer, {Frequency: 3, Recency: 2, T: 3}})
	if err == nil || !strings.Contains(err.Error(), "customers[2]") {
		t.Errorf("error %v does not name customers[2]", err)
	}
	for _, opts := range [][]cxmetrics.FitOption{
		{cxmetrics.StartAt(1, 2)},
		{cxmetrics.StartAt(1, 2, -3)},
		{cxmetrics.StartAt(1, math.NaN(), 3)},
	} {
		if _, err := cxmetrics.FitGammaGamma([]cxmetrics.RFM{buyer}, opts...); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("bad StartAt: error %v, want ErrInvalidArgument", err)
		}
	}
}

func TestConditionalExpectedSpendErrors(t *testing.T) {
	buyer := cxmetrics.RFM{Frequency: 2, Recency: 10, T: 20, Monetary: 30}
	newcomer := cxmetrics.RFM{T: 20}
	for _, tc := range []struct {
		name    string
		m       cxmetrics.GammaGamma
		c       cxmetrics.RFM
		want    float64
		wantErr []error
	}{
		// x = 0 is the population mean pγ/(q − 1), which needs q > 1.
		{name: "q = 1, x = 0", m: cxmetrics.GammaGamma{P: 2, Q: 1, Gamma: 3}, c: newcomer, wantErr: []error{cxmetrics.ErrInvalidArgument, cxmetrics.ErrUndefined}},
		{name: "q = 0.5, x = 0", m: cxmetrics.GammaGamma{P: 2, Q: 0.5, Gamma: 3}, c: newcomer, wantErr: []error{cxmetrics.ErrUndefined}},
		// With x = 2, px + q − 1 = 4 + 0.5 − 1 = 3.5 > 0: 2(3 + 60)/3.5 = 36.
		{name: "q = 0.5, x = 2", m: cxmetrics.GammaGamma{P: 2, Q: 0.5, Gamma: 3}, c: buyer, want: 36},
		// p x + q − 1 = 0.2 + 0.5 − 1 < 0: no finite expectation.
		{name: "px + q ≤ 1", m: cxmetrics.GammaGamma{P: 0.1, Q: 0.5, Gamma: 3}, c: buyer, wantErr: []error{cxmetrics.ErrUndefined}},
		{name: "zero model", c: buyer, wantErr: []error{cxmetrics.ErrInvalidArgument}},
		{name: "negative frequency", m: cxmetrics.GammaGamma{P: 2, Q: 3, Gamma: 3}, c: cxmetrics.RFM{Frequency: -2, T: 1}, wantErr: []error{cxmetrics.ErrNegative}},
		{name: "Inf T", m: cxmetrics.GammaGamma{P: 2, Q: 3, Gamma: 3}, c: cxmetrics.RFM{T: math.Inf(1)}, wantErr: []error{cxmetrics.ErrInvalidArgument}},
		// q barely above 1: a huge but finite mean, 1e300 × 1e300 is not.
		{name: "mean past float64", m: cxmetrics.GammaGamma{P: 1e300, Q: 1 + 1e-15, Gamma: 1e300}, c: newcomer, wantErr: []error{cxmetrics.ErrOverflow}},
		{name: "mean below the smallest float64", m: cxmetrics.GammaGamma{P: 1e-300, Q: 1e300, Gamma: 1e-300}, c: newcomer, wantErr: []error{cxmetrics.ErrOverflow}},
		// Repeat buyer with Monetary 0: the limit p γ/(px + q − 1) = 2·3/(4 + 2) = 1.
		{name: "x > 0, monetary 0", m: cxmetrics.GammaGamma{P: 2, Q: 3, Gamma: 3}, c: cxmetrics.RFM{Frequency: 2, Recency: 1, T: 3}, want: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.m.ConditionalExpectedSpend(tc.c)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-15, 0)); diff != "" {
					t.Errorf("mismatch (-want +got):\n%s", diff)
				}
				return
			}
			for _, want := range tc.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("error %v, want %v", err, want)
				}
			}
		})
	}
}

func TestMeanSpend(t *testing.T) {
	// 6.25 × 15.44 / 2.74 = 96.5 / 2.74.
	got, err := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}.MeanSpend()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(96.5/2.74, got, cmpopts.EquateApprox(1e-15, 0)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if _, err := (cxmetrics.GammaGamma{P: 1, Q: 0.9, Gamma: 1}).MeanSpend(); !errors.Is(err, cxmetrics.ErrUndefined) {
		t.Errorf("q < 1: error %v, want ErrUndefined", err)
	}
}
