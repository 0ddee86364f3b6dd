package cxmetrics_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// clvSteady is a purchase model whose customers buy rate purchases per
// time unit for ever, whatever their history: E[X(t) | c] = rate · t.
type clvSteady struct{ rate float64 }

func (m clvSteady) ConditionalExpectedPurchases(_ cxmetrics.RFM, t float64) (float64, error) {
	return m.rate * t, nil
}

// clvFunc is a purchase model given as a function.
type clvFunc func(c cxmetrics.RFM, t float64) (float64, error)

func (f clvFunc) ConditionalExpectedPurchases(c cxmetrics.RFM, t float64) (float64, error) {
	return f(c, t)
}

// clvBGNBD is BG/NBD's conditional expectation at r, α, a, b, written
// here from Fader, Hardie & Lee (2005a), eq. 10, as a test's own
// purchase model:
//
//	E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
//	                      / (1 + [x > 0] a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
//
// with ₂F₁ summed as its series, which converges for the t/(α+T+t) < 1
// of these tests.
type clvBGNBD struct{ r, alpha, a, b float64 }

func (m clvBGNBD) ConditionalExpectedPurchases(c cxmetrics.RFM, t float64) (float64, error) {
	x := float64(c.Frequency)
	z := t / (m.alpha + c.T + t)
	f, term := 1.0, 1.0
	for k := 0.0; k < 10000 && term > 1e-17*f; k++ {
		term *= (m.r + x + k) * (m.b + x + k) / ((m.a + m.b + x - 1 + k) * (k + 1)) * z
		f += term
	}
	num := (m.a + m.b + x - 1) / (m.a - 1) * (1 - math.Pow((m.alpha+c.T)/(m.alpha+c.T+t), m.r+x)*f)
	den := 1.0
	if x > 0 {
		den += m.a / (m.b + x - 1) * math.Pow((m.alpha+c.T)/(m.alpha+c.Recency), m.r+x)
	}
	return num / den, nil
}

func TestExpectedLifetimeValueByHand(t *testing.T) {
	// Half a purchase per week; a customer with no repeat purchase, so
	// its expected spend is the population's pγ/(q − 1) = 2·10/2 = 10.
	steady := clvSteady{rate: 0.5}
	spend := cxmetrics.GammaGamma{P: 2, Q: 3, Gamma: 10}
	newcomer := cxmetrics.RFM{T: 5}
	for _, tc := range []struct {
		name string
		h    cxmetrics.CLVHorizon
		want float64
	}{
		// 3 weekly steps of 0.5 purchases at 10% a week, 50% margin:
		// 0.5 × 10 × 0.5 × (1/1.1 + 1/1.1² + 1/1.1³) = 6.2171…
		{"weekly", cxmetrics.CLVHorizon{Horizon: 3, Step: 1, DiscountRate: 10, Margin: 50},
			0.5 * 10 * 0.5 * (1/1.1 + 1/(1.1*1.1) + 1/(1.1*1.1*1.1))},
		// 2 steps of 1.5 weeks, 0.75 purchases each, at 20% a step, all
		// revenue: 10 × 0.75 × (1/1.2 + 1/1.44) = 11.4583…
		{"steps of 1.5", cxmetrics.CLVHorizon{Horizon: 3, Step: 1.5, DiscountRate: 20, Margin: 100},
			10 * 0.75 * (1/1.2 + 1/1.44)},
		// No discount: 52 weeks × 0.5 × 10 × 80% = 208.
		{"undiscounted year", cxmetrics.CLVHorizon{Horizon: 52, Step: 52.0 / 12, DiscountRate: 0, Margin: 80}, 208},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.ExpectedLifetimeValue(steady, spend, newcomer, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-14, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// A repeat buyer's spend is its conditional expectation:
	// 2(10 + 4·25)/(2·4 + 3 − 1) = 220/10 = 22, so 22/10 of the above.
	buyer := cxmetrics.RFM{Frequency: 4, Recency: 3, T: 5, Monetary: 25}
	got, err := cxmetrics.ExpectedLifetimeValue(steady, spend, buyer, cxmetrics.CLVHorizon{Horizon: 3, Step: 1, DiscountRate: 10, Margin: 50})
	if err != nil {
		t.Fatal(err)
	}
	if want := 0.5 * 22 * 0.5 * (1/1.1 + 1/(1.1*1.1) + 1/(1.1*1.1*1.1)); math.Abs(got-want) > 1e-14*want {
		t.Errorf("repeat buyer: %v, want %v", got, want)
	}
}

func TestExpectedLifetimeValueCDNOW(t *testing.T) {
	// BG/NBD and Gamma-Gamma at the published CDNOW estimates, time in
	// weeks. The expected values are mpmath's (30 digits), an
	// independent computation of the same sum with mp.hyp2f1:
	//
	//	cond = lambda x,tx,T,t: ((a+b+x-1)/(a-1)*(1-((al+T)/(al+T+t))**(r+x)
	//	        * mp.hyp2f1(r+x, b+x, a+b+x-1, t/(al+T+t)))
	//	        / (1 + (a/(b+x-1)*((al+T)/(al+tx))**(r+x) if x > 0 else 0)))
	//	spend = lambda x,m: p*(g+x*m)/(p*x+q-1)
	//	clv = lambda x,tx,T,m,K,step,disc,margin: margin/100*spend(x,m)*sum(
	//	        (cond(x,tx,T,step*k)-cond(x,tx,T,step*(k-1)))/(1+disc/100)**k for k in range(1,K+1))
	//
	// (cond(…, 0) = 0) for a year in monthly steps (52/12 weeks) at 1% a
	// month, all revenue, and two years in weekly steps at 0.2% a week at
	// a 30% margin.
	customers, _ := cdnowRFM(t)
	bgnbd := clvBGNBD{r: 0.243, alpha: 4.414, a: 0.793, b: 2.426}
	spend := cxmetrics.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	rows := []int{0, 1, 2, 5}
	for _, tc := range []struct {
		name string
		h    cxmetrics.CLVHorizon
		want []float64
	}{
		{"a year by months", cxmetrics.CLVHorizon{Horizon: 52, Step: 52.0 / 12, DiscountRate: 1, Margin: 100},
			[]float64{36.20564740142016, 4.6305263633979333, 8.3496843879350421, 282.97330887583936}},
		{"two years by weeks", cxmetrics.CLVHorizon{Horizon: 104, Step: 1, DiscountRate: 0.2, Margin: 30},
			[]float64{18.025409366610264, 2.3438601341378008, 4.3590463552434093, 136.99458598982279}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			some := make([]cxmetrics.RFM, len(rows))
			for i, r := range rows {
				some[i] = customers[r]
			}
			got, err := cxmetrics.ExpectedLifetimeValues(bgnbd, spend, some, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			for i, c := range some {
				one, err := cxmetrics.ExpectedLifetimeValue(bgnbd, spend, c, tc.h)
				if err != nil || one != got[i] {
					t.Errorf("ExpectedLifetimeValue(customers[%d]) = %v, %v; ExpectedLifetimeValues gave %v", rows[i], one, err, got[i])
				}
			}
		})
	}
}

func TestExpectedLifetimeValueBGBB(t *testing.T) {
	// BG/BB is a PurchaseModel in whole opportunities: a donor's value
	// over the next 5 yearly appeals at 10% a year, per dollar of mean
	// spend (a spend model with a spend of 1 for a newcomer:
	// pγ/(q − 1) = 1·1/1), is Σₖ (E[X(6, 6+k)] − E[X(6, 6+k−1)])/1.1ᵏ.
	m := cxmetrics.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	donor := cxmetrics.RFM{T: 6}
	want, prev := 0.0, 0.0
	for k := 1; k <= 5; k++ {
		e, err := m.ConditionalExpectedPurchases(donor, float64(k))
		if err != nil {
			t.Fatal(err)
		}
		want += (e - prev) / math.Pow(1.1, float64(k))
		prev = e
	}
	got, err := cxmetrics.ExpectedLifetimeValue(m, cxmetrics.GammaGamma{P: 1, Q: 2, Gamma: 1}, donor,
		cxmetrics.CLVHorizon{Horizon: 5, Step: 1, DiscountRate: 10, Margin: 100})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-want) > 1e-15*want {
		t.Errorf("%v, want %v", got, want)
	}
	// Half-year steps are not whole opportunities.
	_, err = cxmetrics.ExpectedLifetimeValue(m, cxmetrics.GammaGamma{P: 1, Q: 2, Gamma: 1}, donor,
		cxmetrics.CLVHorizon{Horizon: 5, Step: 0.5, DiscountRate: 10, Margin: 100})
	if !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("half opportunities: error %v, want ErrInvalidArgument", err)
	}
}

func TestExpectedLifetimeValueErrors(t *testing.T) {
	steady := clvSteady{rate: 0.5}
	spend := cxmetrics.GammaGamma{P: 2, Q: 3, Gamma: 10}
	c := cxmetrics.RFM{T: 5}
	year := cxmetrics.CLVHorizon{Horizon: 52, Step: 1, DiscountRate: 0.2, Margin: 100}
	with := func(f func(*cxmetrics.CLVHorizon)) cxmetrics.CLVHorizon {
		h := year
		f(&h)
		return h
	}
	for _, tc := range []struct {
		name      string
		purchases cxmetrics.PurchaseModel
		spend     cxmetrics.GammaGamma
		c         cxmetrics.RFM
		h         cxmetrics.CLVHorizon
		wantErr   error
	}{
		{"nil purchase model", nil, spend, c, year, cxmetrics.ErrInvalidArgument},
		{"zero horizon", steady, spend, c, cxmetrics.CLVHorizon{}, cxmetrics.ErrInvalidArgument},
		{"negative step", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.Step = -1 }), cxmetrics.ErrInvalidArgument},
		{"NaN horizon", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.Horizon = math.NaN() }), cxmetrics.ErrInvalidArgument},
		{"horizon not whole steps", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.Step = 5 }), cxmetrics.ErrInvalidArgument},
		{"too many steps", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.Step = 1e-6 }), cxmetrics.ErrOutOfRange},
		{"discount above 100", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.DiscountRate = 120 }), cxmetrics.ErrOutOfRange},
		{"negative discount", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.DiscountRate = -1 }), cxmetrics.ErrOutOfRange},
		{"Inf discount", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.DiscountRate = math.Inf(1) }), cxmetrics.ErrInvalidArgument},
		{"margin 0.8, a fraction", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.Margin = 0.8 }), cxmetrics.ErrOutOfRange},
		{"margin 0", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.Margin = 0 }), cxmetrics.ErrOutOfRange},
		{"margin above 100", steady, spend, c, with(func(h *cxmetrics.CLVHorizon) { h.Margin = 101 }), cxmetrics.ErrOutOfRange},
		{"bad spend model", steady, cxmetrics.GammaGamma{Q: 0.5}, c, year, cxmetrics.ErrInvalidArgument},
		{"spend undefined", steady, cxmetrics.GammaGamma{P: 1, Q: 0.5, Gamma: 1}, c, year, cxmetrics.ErrUndefined},
		{"bad customer", steady, spend, cxmetrics.RFM{Frequency: -1}, year, cxmetrics.ErrNegative},
		{"model error", clvFunc(func(cxmetrics.RFM, float64) (float64, error) {
			return 0, fmt.Errorf("%w: stub", cxmetrics.ErrOutOfRange)
		}), spend, c, year, cxmetrics.ErrOutOfRange},
		{"model NaN", clvFunc(func(cxmetrics.RFM, float64) (float64, error) { return math.NaN(), nil }), spend, c, year, cxmetrics.ErrInvalidArgument},
		{"model negative", clvFunc(func(cxmetrics.RFM, float64) (float64, error) { return -1, nil }), spend, c, year, cxmetrics.ErrInvalidArgument},
		{"model falls", clvFunc(func(_ cxmetrics.RFM, t float64) (float64, error) { return 100 - t, nil }), spend, c, year, cxmetrics.ErrInvalidArgument},
		{"value past float64", clvSteady{rate: 1e300}, cxmetrics.GammaGamma{P: 1e300, Q: 2, Gamma: 1e10}, c, year, cxmetrics.ErrOverflow},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := cxmetrics.ExpectedLifetimeValue(tc.purchases, tc.spend, tc.c, tc.h); !errors.Is(err, tc.wantErr) {
				t.Errorf("ExpectedLifetimeValue error %v, want %v", err, tc.wantErr)
			}
			if _, err := cxmetrics.ExpectedLifetimeValues(tc.purchases, tc.spend, []cxmetrics.RFM{c, tc.c}, tc.h); !errors.Is(err, tc.wantErr) {
				t.Errorf("ExpectedLifetimeValues error %v, want %v", err, tc.wantErr)
			}
		})
	}
	// The many-customer form names the row.
	_, err := cxmetrics.ExpectedLifetimeValues(steady, spend, []cxmetrics.RFM{c, c, {Frequency: -1}}, year)
	if err == nil || !strings.Contains(err.Error(), "customers[2]") {
		t.Errorf("error %v does not name customers[2]", err)
	}
	// A fall within rounding is no fall: 1e-12 less than before.
	wobbly := clvFunc(func(_ cxmetrics.RFM, t float64) (float64, error) {
		if t == 2 {
			return 1 - 1e-12, nil
		}
		return math.Min(t, 1), nil
	})
	v, err := cxmetrics.ExpectedLifetimeValue(wobbly, spend, c, cxmetrics.CLVHorizon{Horizon: 3, Step: 1, Margin: 100})
	if err != nil || math.Abs(v-10) > 1e-12 {
		t.Errorf("wobbly model: %v, %v; want 10", v, err)
	}
}
