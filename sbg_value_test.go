package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// TestShiftedBetaGeometricLifetimes checks DEL and DERL against mpmath
// 1.2.1 at 40 digits:
//
//	DEL      = mpmath.hyp2f1(1, b, a+b, 1/(1+d))
//	DERL(n)  = (b+n)/(a+b+n) * mpmath.hyp2f1(1, b+n+1, a+b+n+1, 1/(1+d))
//
// (n renewals made), at discounts of 0.1%, 1%, 10% and 100% per period,
// for the published fits and for α near 1, at 2, near 0 and far above
// 1, where the computation takes each of its paths.
func TestShiftedBetaGeometricLifetimes(t *testing.T) {
	type row struct {
		alpha, beta, discount float64
		del, derl0, derl7     float64
	}
	tests := []row{
		{0.668, 3.806, 0.1, 53.002470676801412, 52.054473147478213, 98.068479029721483},
		{0.668, 3.806, 1, 19.821411862394855, 19.009625981018803, 32.175064324037043},
		{0.668, 3.806, 10, 5.9225964076127642, 5.4148560483740406, 7.5299495309109695},
		{0.668, 3.806, 100, 1.7668794966618964, 1.5337589933237927, 1.7933086013558729},
		{0.704, 1.182, 0.1, 21.337313275266527, 20.357650588541794, 74.770126251570688},
		{0.704, 1.182, 1, 9.418759576248782, 8.5029471720112698, 26.678781367752807},
		{0.704, 1.182, 10, 3.6951474055745741, 2.9646621461320315, 6.8426171372881297},
		{0.704, 1.182, 100, 1.5177967006737704, 1.0355934013475409, 1.7272771336344966},
		{1.0000001, 2, 0.1, 11.843155261230398, 10.853998416491628, 37.168476770584059},
		{1.0000001, 2, 1, 7.3957676928741974, 6.4597253698029394, 18.625817424852882},
		{1.0000001, 2, 10, 3.602906304624812, 2.8631969350872932, 6.0082586226091808},
		{1.0000001, 2, 100, 1.5451774182825536, 1.0903548365651071, 1.658701726133284},
		{2, 3, 0.1, 3.9388759906780849, 2.941814866668763, 9.5662752337324548},
		{2, 3, 1, 3.652416405965352, 2.6789405700250055, 7.911846026792921},
		{2, 3, 10, 2.6820816702864426, 1.8502898373150868, 4.1322296646952983},
		{2, 3, 100, 1.4578706662452503, 0.91574133249050059, 1.4539571063143453},
		{0.001, 0.5, 0.1, 992.73888363763034, 992.73062252126797, 996.5818346388522},
		{0.001, 0.5, 1, 100.39949279399462, 100.39348772193456, 100.76584462782752},
		{0.001, 0.5, 10, 10.960910050344973, 10.957001055379471, 10.991073281407399},
		{0.001, 0.5, 100, 1.9975124913685795, 1.995024982737159, 1.9995191369625695},
		{50, 0.2, 0.1, 1.0040774532656846, 0.0040815307189502844, 0.14691370344904411},
		{50, 0.2, 1, 1.0040402206097558, 0.0040806228158533913, 0.14669072107510463},
		{50, 0.2, 10, 1.0037021776744304, 0.0040723954418734215, 0.14469657947266118},
		{50, 0.2, 100, 1.0020158833185754, 0.0040317666371508414, 0.13549486869368439},
	}
	near := func(got, want float64) bool { return math.Abs(got/want-1) <= 1e-10 }
	for _, tt := range tests {
		m := cxmetrics.ShiftedBetaGeometric{Alpha: tt.alpha, Beta: tt.beta}
		del, err := m.DiscountedLifetime(tt.discount)
		if err != nil || !near(del, tt.del) {
			t.Errorf("%+v at %v%%: DEL %.17g, %v; want %.17g", m, tt.discount, del, err, tt.del)
		}
		for _, c := range []struct {
			n    int
			want float64
		}{{0, tt.derl0}, {7, tt.derl7}} {
			derl, err := m.DiscountedResidualLifetime(c.n, tt.discount)
			if err != nil || !near(derl, c.want) {
				t.Errorf("%+v at %v%%: DERL(%d) %.17g, %v; want %.17g", m, tt.discount, c.n, derl, err, c.want)
			}
		}
	}
}

// TestShiftedBetaGeometricLifetimeIdentities checks DEL and DERL
// against each other and their limits: DEL = 1 + DERL(0)/(1+d) (the
// first payment, then the rest seen from the first renewal, one period
// on); Gauss's sum at a discount of 0, (α+β−1)/(α−1) and (β+n)/(α−1);
// and the constant churn of DiscountedLifetimeValue where α and β are
// so large that θ hardly varies.
func TestShiftedBetaGeometricLifetimeIdentities(t *testing.T) {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.668, Beta: 3.806}
	for _, d := range []float64{0.05, 0.1, 0.7, 3, 10, 40, 100} {
		del, err1 := m.DiscountedLifetime(d)
		derl, err2 := m.DiscountedResidualLifetime(0, d)
		if err1 != nil || err2 != nil || math.Abs(del/(1+derl/(1+d/100))-1) > 1e-11 {
			t.Errorf("at %v%%: DEL %v, DERL(0) %v (%v, %v)", d, del, derl, err1, err2)
		}
	}
	g := cxmetrics.ShiftedBetaGeometric{Alpha: 3, Beta: 5}
	if del, err := g.DiscountedLifetime(0); err != nil || math.Abs(del-3.5) > 1e-15 {
		t.Errorf("DEL at 0%% = %v, %v; want (3+5−1)/(3−1) = 3.5", del, err)
	}
	if derl, err := g.DiscountedResidualLifetime(4, 0); err != nil || math.Abs(derl-4.5) > 1e-15 {
		t.Errorf("DERL(4) at 0%% = %v, %v; want (5+4)/(3−1) = 4.5", derl, err)
	}
	// θ ~ Beta(5·10⁵, 9.5·10⁶): a churn of 5% with a standard deviation
	// of 0.007 points.
	h := cxmetrics.ShiftedBetaGeometric{Alpha: 5e5, Beta: 9.5e6}
	got, err := h.LifetimeValue(10000, 80, 1)
	want, _ := cxmetrics.DiscountedLifetimeValue(10000, 80, 5, 1)
	if err != nil || math.Abs(got/want-1) > 1e-5 {
		t.Errorf("LifetimeValue = %v, %v; constant churn gives %v", got, err, want)
	}
	// Old customers are worth more: the residual lifetime rises with
	// the renewals made.
	prev := 0.0
	for n := range 50 {
		v, err := m.DiscountedResidualLifetime(n, 10)
		if err != nil || !(v > prev) {
			t.Fatalf("DERL(%d) = %v, %v after %v", n, v, err, prev)
		}
		prev = v
	}
}

// TestShiftedBetaGeometricValue checks the values by hand arithmetic on
// the mpmath DEL and DERL above: the high end at 10%, a payment of
// $100.00 (10000 cents) at 80% margin.
func TestShiftedBetaGeometricValue(t *testing.T) {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.668, Beta: 3.806}
	v, err := m.LifetimeValue(10000, 80, 10)
	if want := 10000 * 0.8 * 5.9225964076127642; err != nil || math.Abs(v/want-1) > 1e-10 {
		t.Errorf("LifetimeValue = %v, %v; want %v", v, err, want)
	}
	v, err = m.ResidualValue(7, 10000, 80, 10)
	if want := 10000 * 0.8 * 7.5299495309109695; err != nil || math.Abs(v/want-1) > 1e-10 {
		t.Errorf("ResidualValue = %v, %v; want %v", v, err, want)
	}
	if v, err := m.LifetimeValue(0, 80, 10); err != nil || v != 0 || math.Signbit(v) {
		t.Errorf("LifetimeValue of no payment = %v, %v", v, err)
	}
}

func TestShiftedBetaGeometricValueErrors(t *testing.T) {
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 0.668, Beta: 3.806}
	tests := []struct {
		name    string
		call    func() (float64, error)
		wantErr []error
	}{
		{"bad model", func() (float64, error) { return cxmetrics.ShiftedBetaGeometric{Alpha: 1}.DiscountedLifetime(10) }, []error{cxmetrics.ErrInvalidArgument}},
		{"discount NaN", func() (float64, error) { return m.DiscountedLifetime(math.NaN()) }, []error{cxmetrics.ErrInvalidArgument}},
		{"discount negative", func() (float64, error) { return m.DiscountedLifetime(-1) }, []error{cxmetrics.ErrOutOfRange}},
		{"discount above 100", func() (float64, error) { return m.DiscountedResidualLifetime(1, 101) }, []error{cxmetrics.ErrOutOfRange}},
		{"unbounded at 0%", func() (float64, error) { return m.DiscountedLifetime(0) }, []error{cxmetrics.ErrInvalidArgument, cxmetrics.ErrUndefined}},
		{"unbounded residual at 0%", func() (float64, error) { return m.DiscountedResidualLifetime(3, 0) }, []error{cxmetrics.ErrUndefined}},
		{"negative renewals", func() (float64, error) { return m.DiscountedResidualLifetime(-1, 10) }, []error{cxmetrics.ErrOutOfRange}},
		{"negative payment", func() (float64, error) { return m.LifetimeValue(-1, 80, 10) }, []error{cxmetrics.ErrNegative}},
		{"margin as a fraction", func() (float64, error) { return m.LifetimeValue(100, 0.8, 10) }, []error{cxmetrics.ErrOutOfRange}},
		{"margin above 100", func() (float64, error) { return m.ResidualValue(2, 100, 180, 10) }, []error{cxmetrics.ErrOutOfRange}},
		{"residual, bad renewals", func() (float64, error) { return m.ResidualValue(-2, 100, 80, 10) }, []error{cxmetrics.ErrOutOfRange}},
		{"series too long", func() (float64, error) {
			return cxmetrics.ShiftedBetaGeometric{Alpha: 3, Beta: 2}.DiscountedLifetime(1e-6)
		}, []error{cxmetrics.ErrNoConvergence}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.call()
			for _, want := range tt.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("got %v, %v; want %v", v, err, want)
				}
			}
			if v != 0 {
				t.Errorf("value %v with an error", v)
			}
		})
	}
}

// Parameters at the edges of float64, each a figure that came out NaN,
// ±Inf or a silent 0.
func TestShiftedBetaGeometricFloatEdges(t *testing.T) {
	// α + β past float64: S(1) was NaN.
	for _, m := range []cxmetrics.ShiftedBetaGeometric{{Alpha: 1e300, Beta: math.MaxFloat64}, {Alpha: 1e308, Beta: 1e308}} {
		if s, err := m.Survival(1); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("%+v Survival(1) = %v, %v, want ErrInvalidArgument", m, s, err)
		}
	}
	// r(1) = β/(α+β) = 10⁻⁶⁰⁰: it was 0.
	tiny := cxmetrics.ShiftedBetaGeometric{Alpha: 1e300, Beta: 1e-300}
	if r, err := tiny.Retention(1); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("Retention(1) = %v, %v, want ErrOverflow", r, err)
	}
	// DERL(0) = r(1) · ₂F₁(…) ≈ 10⁻⁶⁰⁰: it was 0.
	if v, err := tiny.DiscountedResidualLifetime(0, 5); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("DiscountedResidualLifetime(0, 5) = %v, %v, want ErrOverflow", v, err)
	}
	// At discount 0, DEL = 1 + β/(α−1) = 1 + 10³⁰⁰/10⁻¹² = 10³¹²: it was +Inf.
	if v, err := (cxmetrics.ShiftedBetaGeometric{Alpha: 1 + 1e-12, Beta: 1e300}).DiscountedLifetime(0); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("DiscountedLifetime(0) = %v, %v, want ErrOverflow", v, err)
	}
	// At discount 0, DEL = 1 + β/(α−1) = 1 + 10³⁰⁸/(10³⁰⁰−1) ≈ 10⁸ + 1,
	// though α + β − 1 is past float64 (α + β is not): it was +Inf.
	if v, err := (cxmetrics.ShiftedBetaGeometric{Alpha: 1e300, Beta: 1e308}).DiscountedLifetime(0); err != nil || math.Abs(v-(1e8+1)) > 1e-6 {
		t.Errorf("DiscountedLifetime(0) = %v, %v, want 1e8 + 1", v, err)
	}
	// A margin of 0 is a value of 0, even where payment × DEL passes
	// float64: it was 0 × ∞ = NaN.
	m := cxmetrics.ShiftedBetaGeometric{Alpha: 1e-8, Beta: 1}
	for _, f := range []func() (float64, error){
		func() (float64, error) { return m.LifetimeValue(math.MaxInt64, 0, 1e-300) },
		func() (float64, error) { return m.ResidualValue(3, math.MaxInt64, 0, 1e-300) },
	} {
		if v, err := f(); v != 0 || err != nil {
			t.Errorf("value at margin 0 = %v, %v, want 0", v, err)
		}
	}
}
