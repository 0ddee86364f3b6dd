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

// The independent reference of these tests is mpmath at 40 digits on the
// formulas of Fader, Hardie & Shang (2010) as printed, with every sum
// taken term by term:
//
//	B = mp.beta
//	L = lambda a,b,g,d,x,tx,n: (B(a+x,b+n-x)/B(a,b)*B(g,d+n)/B(g,d)
//	        + sum(B(a+x,b+tx-x+i)/B(a,b)*B(g+1,d+tx+i)/B(g,d) for i in range(n-tx)))
//	palive = lambda a,b,g,d,x,tx,n: B(a+x,b+n-x)/B(a,b)*B(g,d+n+1)/B(g,d)/L(a,b,g,d,x,tx,n)
//	cond = lambda a,b,g,d,x,tx,n,ns: (B(a+x,b+n-x)/B(a,b)*B(g,d+n)/B(g,d)/L(a,b,g,d,x,tx,n)
//	        * (a+x)/(a+b+n) * sum(B(g,d+n+k)/B(g,d+n) for k in range(1,ns+1)))
//	pmf = lambda a,b,g,d,x,n: (mp.binomial(n,x)*B(a+x,b+n-x)/B(a,b)*B(g,d+n)/B(g,d)
//	        + sum(mp.binomial(i,x)*B(a+x,b+i-x)/B(a,b)*B(g+1,d+i)/B(g,d) for i in range(x,n)))
//	EX = lambda a,b,g,d,n: a/(a+b)*d/(g-1)*(1-mp.exp(mp.loggamma(g+d)+mp.loggamma(1+d+n)
//	        - mp.loggamma(1+d)-mp.loggamma(g+d+n)))     # d*(digamma(1+d+n)-digamma(1+d)) at g = 1
//
// at the published α 1.204, β 0.750, γ 0.657, δ 2.783 unless a case says
// otherwise. The maximum of the donations' likelihood, by scipy
// (Nelder-Mead, then BFGS with gtol 1e-9), is α 1.203522267860633,
// β 0.7497163213678341, γ 0.6567182199931513, δ 2.783442317363613, where
// the log-likelihood is −33225.581274347008 (mpmath), and the standard
// errors from the Hessian by mp.diff are 0.06939135, 0.02944771,
// 0.05100986, 0.3208190.

var publishedBGBB = cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}

func TestFitBGBBDonations(t *testing.T) {
	customers, weights := donations(t)
	for _, tc := range []struct {
		name string
		opts []cxmetrics.FitOption
	}{
		{name: "documented start"},
		{name: "two workers", opts: []cxmetrics.FitOption{cxmetrics.Workers(2)}},
		// lifetimes starts at e^0.1 for each parameter.
		{name: "start e^0.1", opts: []cxmetrics.FitOption{cxmetrics.StartAt(math.Exp(0.1), math.Exp(0.1), math.Exp(0.1), math.Exp(0.1))}},
		{name: "start far off", opts: []cxmetrics.FitOption{cxmetrics.StartAt(0.01, 50, 20, 0.05)}},
		{name: "start far off the other way", opts: []cxmetrics.FitOption{cxmetrics.StartAt(40, 0.02, 0.03, 60)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r cxmetrics.FitReport
			m, err := cxmetrics.FitBGBB(customers, weights, append(tc.opts, cxmetrics.Report(&r))...)
			if err != nil {
				t.Fatal(err)
			}
			// Published to three decimals, log-likelihood −33,225.6.
			if diff := cmp.Diff(publishedBGBB, m, cmpopts.EquateApprox(0, 0.0005)); diff != "" {
				t.Errorf("not the published estimates (-want +got):\n%s", diff)
			}
			scipy := cxmetrics.BGBB{Alpha: 1.203522267860633, Beta: 0.7497163213678341, Gamma: 0.6567182199931513, Delta: 2.783442317363613}
			if diff := cmp.Diff(scipy, m, cmpopts.EquateApprox(1e-5, 0)); diff != "" {
				t.Errorf("not scipy's maximum (-want +got):\n%s", diff)
			}
			if math.Abs(r.LogLikelihood+33225.6) > 0.05 || math.Abs(r.LogLikelihood+33225.581274347008) > 1e-7 {
				t.Errorf("log-likelihood %.9f, want −33,225.6 (−33225.581274347008)", r.LogLikelihood)
			}
			if diff := cmp.Diff([]float64{0.06939135, 0.02944771, 0.05100986, 0.3208190}, r.StdErr, cmpopts.EquateApprox(1e-4, 0)); diff != "" {
				t.Errorf("standard errors (-want +got):\n%s", diff)
			}
			if r.Customers != 11104 {
				t.Errorf("%d customers, want 11,104", r.Customers)
			}
		})
	}
}

func TestFitBGBBOneRowPerDonor(t *testing.T) {
	// The 11,104 donors one row each, shuffled by taking the rows
	// backwards: the same fit as the 22 weighted rows.
	customers, weights := donations(t)
	var each []cxmetrics.RFM
	for i := len(customers) - 1; i >= 0; i-- {
		for range weights[i] {
			each = append(each, customers[i])
		}
	}
	weighted, err := cxmetrics.FitBGBB(customers, weights)
	if err != nil {
		t.Fatal(err)
	}
	unweighted, err := cxmetrics.FitBGBB(each, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(weighted, unweighted, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("one row per donor (-weighted +unweighted):\n%s", diff)
	}
}

func TestBGBBLogLikelihood(t *testing.T) {
	customers, weights := donations(t)
	got, err := publishedBGBB.LogLikelihood(customers, weights)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(-33225.5817545186, got, cmpopts.EquateApprox(1e-13, 0)); diff != "" {
		t.Errorf("at the published estimates (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		x, tx, n float64
		want     float64 // mpmath: mp.log(L(a,b,g,d,x,tx,n))
	}{
		{0, 0, 6, -1.1672624726738938},
		{2, 4, 6, -5.195697601042647},
		{6, 6, 6, -2.1822484476182998},
		{3, 10, 1000, -10.531626753425845},
	} {
		c := cxmetrics.RFM{Frequency: int64(tc.x), Recency: tc.tx, T: tc.n}
		got, err := publishedBGBB.LogLikelihood([]cxmetrics.RFM{c}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-13, 0)); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", c, diff)
		}
	}
}

func TestBGBBPaperFigures(t *testing.T) {
	customers, weights := donations(t)
	m, err := cxmetrics.FitBGBB(customers, weights)
	if err != nil {
		t.Fatal(err)
	}
	// P(alive in 2002) for the donors whose last donation was in 1995
	// (none after the first), 1999 (two) and 2001 (six): 0.11, 0.59 and
	// 0.93 in the paper's table of P(alive in 2002) by recency and
	// frequency (its Table 6 as lifetimes' test suite quotes it).
	for _, tc := range []struct {
		x, tx float64
		want  float64
	}{{0, 0, 0.11}, {2, 4, 0.59}, {6, 6, 0.93}} {
		got, err := m.ProbabilityAlive(cxmetrics.RFM{Frequency: int64(tc.x), Recency: tc.tx, T: 6})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-tc.want) > 0.005 {
			t.Errorf("P(alive in 2002 | x %v, t_x %v) = %.4f, the paper's %.2f", tc.x, tc.tx, got, tc.want)
		}
	}
	// The spreadsheet of the model (Hardie's BG/BB workbook, as quoted by
	// lifetimes' test suite): the donors' expected donations in 2002-2006
	// add up to 12,884.2, and of the 11,104 donors, 3,454.9 are expected
	// to make no repeat donation in 1996-2001 and 1,253.1 to make six.
	total := 0.0
	for i, c := range customers {
		e, err := m.ConditionalExpectedPurchases(c, 5)
		if err != nil {
			t.Fatal(err)
		}
		total += float64(weights[i]) * e
	}
	if math.Abs(total-12884.2) > 0.05 {
		t.Errorf("expected donations in 2002-2006: %.3f, the spreadsheet's 12,884.2", total)
	}
	for _, tc := range []struct {
		x    int64
		want float64
	}{{0, 3454.9}, {6, 1253.1}} {
		p, err := m.ProbabilityOfPurchases(tc.x, 6)
		if err != nil {
			t.Fatal(err)
		}
		if got := 11104 * p; math.Abs(got-tc.want) > 0.05 {
			t.Errorf("donors with %d repeat donations: %.3f, the spreadsheet's %.1f", tc.x, got, tc.want)
		}
	}
}

func TestBGBBPredictions(t *testing.T) {
	// mpmath at the published estimates (palive, cond above).
	for _, tc := range []struct {
		x, tx, n               float64
		palive, cond5, cond100 float64
	}{
		{0, 0, 6, 0.1080165841686742, 0.072802877475043012, 0.60437599071961805},
		{2, 4, 6, 0.58951411643369789, 1.0573489419096806, 8.7776244080746138},
		{6, 6, 6, 0.93040254237288136, 3.7521156075998148, 31.148337349922032},
		{3, 4, 6, 0.43946285705575649, 1.0342284984211045, 8.5856891244166948},
		{1, 1, 6, 0.069408093206549674, 0.085635398337870302, 0.71090567442010188},
		{5, 6, 6, 0.93040254237288136, 3.2312777942183857, 26.824581471254343},
	} {
		c := cxmetrics.RFM{Frequency: int64(tc.x), Recency: tc.tx, T: tc.n}
		var got [3]float64
		var err [3]error
		got[0], err[0] = publishedBGBB.ProbabilityAlive(c)
		got[1], err[1] = publishedBGBB.ConditionalExpectedPurchases(c, 5)
		got[2], err[2] = publishedBGBB.ConditionalExpectedPurchases(c, 100)
		if e := errors.Join(err[:]...); e != nil {
			t.Fatalf("%+v: %v", c, e)
		}
		if diff := cmp.Diff([3]float64{tc.palive, tc.cond5, tc.cond100}, got, cmpopts.EquateApprox(1e-13, 0)); diff != "" {
			t.Errorf("%+v: P(alive), E[X(n, n+5)], E[X(n, n+100)] (-want +got):\n%s", c, diff)
		}
	}
	// A donor last seen at opportunity 10 of 1000 is all but dead
	// (mpmath: palive(…, 3, 10, 1000)). P(alive) is exp(ln A − ln L),
	// and ln A adds log-gamma differences near 6,000 in size, so its
	// rounding, some 1e-12, is the relative error of the result.
	long, err := publishedBGBB.ProbabilityAlive(cxmetrics.RFM{Frequency: 3, Recency: 10, T: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(1.2558895849847239e-9, long, cmpopts.EquateApprox(1e-11, 0)); diff != "" {
		t.Errorf("long history (-want +got):\n%s", diff)
	}
}

func TestBGBBExpectedPurchases(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    cxmetrics.BGBB
		n    float64
		want float64 // mpmath: EX(…)
	}{
		{"n 0", publishedBGBB, 0, 0},
		{"n 1", publishedBGBB, 1, 0.49849027635619243},
		{"n 6", publishedBGBB, 6, 2.2196313934872989},
		{"n 64, term by term", publishedBGBB, 64, 9.3181071270564232},
		{"n 65, closed form", publishedBGBB, 65, 9.3909261854082271},
		{"n 1000", publishedBGBB, 1000, 31.203076823414683},
		{"n 10⁶", publishedBGBB, 1e6, 381.61351248903303},
		{"n 10⁷", publishedBGBB, 1e7, 846.67964114112767},
		{"γ = 1, the limit", cxmetrics.BGBB{Alpha: 1.204, Beta: 0.75, Gamma: 1, Delta: 2.783}, 1000, 9.8060687862669705},
		{"γ = 1 + 2⁻⁴⁰", cxmetrics.BGBB{Alpha: 1.204, Beta: 0.75, Gamma: 1 + 0x1p-40, Delta: 2.783}, 1000, 9.8060687862412352},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.m.ExpectedPurchases(tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			// A customer with no opportunities yet is a new customer.
			cond, err := tc.m.ConditionalExpectedPurchases(cxmetrics.RFM{}, tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, cond, cmpopts.EquateApprox(1e-14, 0)); diff != "" {
				t.Errorf("ConditionalExpectedPurchases of a newcomer (-E[X(n)] +got):\n%s", diff)
			}
		})
	}
}

func TestBGBBProbabilityOfPurchases(t *testing.T) {
	// mpmath: pmf(…, x, 6) for x = 0…6.
	want6 := []float64{0.31121774326384935, 0.17010997840651466, 0.12148051376687113, 0.10026311502480369,
		0.091659853424921835, 0.092481147905292494, 0.11278764820774684}
	for x, want := range want6 {
		got, err := publishedBGBB.ProbabilityOfPurchases(int64(x), 6)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-13, 0)); diff != "" {
			t.Errorf("P(X(6) = %d) (-want +got):\n%s", x, diff)
		}
	}
	for _, tc := range []struct {
		x    int64
		want float64
	}{{0, 0.28745638514327315}, {3, 0.059570961402217689}} {
		got, err := publishedBGBB.ProbabilityOfPurchases(tc.x, 100)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
			t.Errorf("P(X(100) = %d) (-want +got):\n%s", tc.x, diff)
		}
	}
	// The probabilities add up to 1, and their mean is E[X(n)].
	for _, n := range []float64{0, 1, 6, 30, 200} {
		sum, mean := 0.0, 0.0
		for x := int64(0); x <= int64(n)+1; x++ {
			p, err := publishedBGBB.ProbabilityOfPurchases(x, n)
			if err != nil {
				t.Fatal(err)
			}
			sum += p
			mean += float64(x) * p
		}
		e, err := publishedBGBB.ExpectedPurchases(n)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(sum-1) > 1e-12 || math.Abs(mean-e) > 1e-11*max(1, e) {
			t.Errorf("n %v: Σ P = %v, Σ x P = %v, E[X(n)] = %v", n, sum, mean, e)
		}
	}
}

func TestBGBBErrors(t *testing.T) {
	ok := cxmetrics.RFM{Frequency: 2, Recency: 4, T: 6}
	for _, tc := range []struct {
		name      string
		customers []cxmetrics.RFM
		weights   []int64
		wantErr   error
		row       string // the row the error names
	}{
		{"no customers", nil, nil, cxmetrics.ErrNoResponses, ""},
		{"all weights 0", []cxmetrics.RFM{ok}, []int64{0}, cxmetrics.ErrUndefined, ""},
		{"weights of another length", []cxmetrics.RFM{ok}, []int64{1, 2}, cxmetrics.ErrInvalidArgument, ""},
		{"negative weight", []cxmetrics.RFM{ok, ok}, []int64{3, -1}, cxmetrics.ErrNegative, "weights[1]"},
		{"weights past int64", []cxmetrics.RFM{ok, ok}, []int64{math.MaxInt64, 1}, cxmetrics.ErrOverflow, ""},
		{"recency not whole", []cxmetrics.RFM{ok, {Frequency: 1, Recency: 2.5, T: 6}}, nil, cxmetrics.ErrInvalidArgument, "customers[1]"},
		{"T not whole", []cxmetrics.RFM{{Frequency: 1, Recency: 2, T: 6.01}}, nil, cxmetrics.ErrInvalidArgument, "customers[0]"},
		{"more transactions than opportunities", []cxmetrics.RFM{ok, ok, {Frequency: 5, Recency: 4, T: 6}}, nil, cxmetrics.ErrInconsistent, "customers[2]"},
		{"recency after T", []cxmetrics.RFM{{Frequency: 1, Recency: 7, T: 6}}, nil, cxmetrics.ErrInconsistent, "customers[0]"},
		{"NaN T", []cxmetrics.RFM{{T: math.NaN()}}, nil, cxmetrics.ErrInvalidArgument, "customers[0]"},
		{"T past MaxOpportunities", []cxmetrics.RFM{{Frequency: 1, Recency: 1, T: cxmetrics.MaxOpportunities + 1}}, nil, cxmetrics.ErrOutOfRange, "customers[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ferr := cxmetrics.FitBGBB(tc.customers, tc.weights)
			_, lerr := publishedBGBB.LogLikelihood(tc.customers, tc.weights)
			for _, err := range []error{ferr, lerr} {
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("error %v, want %v", err, tc.wantErr)
				} else if !strings.Contains(err.Error(), tc.row) {
					t.Errorf("error %v does not name %s", err, tc.row)
				}
			}
		})
	}
	bad := []cxmetrics.BGBB{{}, {Alpha: 1, Beta: 1, Gamma: 1, Delta: math.NaN()}, {Alpha: 1, Beta: -1, Gamma: 1, Delta: 1}, {Alpha: math.Inf(1), Beta: 1, Gamma: 1, Delta: 1}}
	for _, m := range bad {
		_, e1 := m.LogLikelihood([]cxmetrics.RFM{ok}, nil)
		_, e2 := m.ProbabilityAlive(ok)
		_, e3 := m.ExpectedPurchases(3)
		_, e4 := m.ConditionalExpectedPurchases(ok, 3)
		_, e5 := m.ProbabilityOfPurchases(1, 3)
		for i, err := range []error{e1, e2, e3, e4, e5} {
			if !errors.Is(err, cxmetrics.ErrInvalidArgument) {
				t.Errorf("%+v: method %d: error %v, want ErrInvalidArgument", m, i, err)
			}
		}
	}
	m := publishedBGBB
	for _, tc := range []struct {
		name    string
		f       func() (float64, error)
		wantErr error
	}{
		{"E[X(t)], t not whole", func() (float64, error) { return m.ExpectedPurchases(2.5) }, cxmetrics.ErrInvalidArgument},
		{"E[X(t)], t negative", func() (float64, error) { return m.ExpectedPurchases(-1) }, cxmetrics.ErrNegative},
		{"E[X(t)], t +Inf", func() (float64, error) { return m.ExpectedPurchases(math.Inf(1)) }, cxmetrics.ErrInvalidArgument},
		{"conditional, t not whole", func() (float64, error) { return m.ConditionalExpectedPurchases(ok, 0.5) }, cxmetrics.ErrInvalidArgument},
		{"conditional, history not whole", func() (float64, error) { return m.ConditionalExpectedPurchases(cxmetrics.RFM{T: 0.5}, 1) }, cxmetrics.ErrInvalidArgument},
		{"P(alive), x > t_x", func() (float64, error) { return m.ProbabilityAlive(cxmetrics.RFM{Frequency: 3, Recency: 2, T: 4}) }, cxmetrics.ErrInconsistent},
		{"P(X = x), x negative", func() (float64, error) { return m.ProbabilityOfPurchases(-1, 3) }, cxmetrics.ErrNegative},
		{"P(X = x), t NaN", func() (float64, error) { return m.ProbabilityOfPurchases(1, math.NaN()) }, cxmetrics.ErrInvalidArgument},
		{"P(X = x), t past MaxOpportunities", func() (float64, error) { return m.ProbabilityOfPurchases(1, 2e7) }, cxmetrics.ErrOutOfRange},
	} {
		if _, err := tc.f(); !errors.Is(err, tc.wantErr) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.wantErr)
		}
	}
	// More transactions than opportunities is a probability of 0, not an
	// error.
	if p, err := m.ProbabilityOfPurchases(7, 6); p != 0 || err != nil {
		t.Errorf("P(X(6) = 7) = %v, %v; want 0", p, err)
	}
}

// Histories that determine no maximum: the fit returned an estimate
// without Report (its start for customers without opportunities, one
// run off towards the edge of the parameters for customers who buy at
// every opportunity) and ErrNoConvergence with it.
func TestFitBGBBNoMaximumWithoutReport(t *testing.T) {
	for _, c := range []struct {
		name      string
		customers []cxmetrics.RFM
		want      error
	}{
		{"no opportunities", []cxmetrics.RFM{{}, {}}, cxmetrics.ErrNoResponses},
		{"buying at every opportunity", []cxmetrics.RFM{{Frequency: 6, Recency: 6, T: 6}, {Frequency: 6, Recency: 6, T: 6}, {Frequency: 3, Recency: 3, T: 3}}, cxmetrics.ErrNoConvergence},
		{"never buying", []cxmetrics.RFM{{T: 6}, {T: 6}}, cxmetrics.ErrNoConvergence},
	} {
		var rep cxmetrics.FitReport
		for _, opts := range [][]cxmetrics.FitOption{nil, {cxmetrics.Report(&rep)}} {
			if m, err := cxmetrics.FitBGBB(c.customers, nil, opts...); !errors.Is(err, c.want) {
				t.Errorf("%s, %d options: %+v, %v, want %v", c.name, len(opts), m, err, c.want)
			}
		}
	}
}
