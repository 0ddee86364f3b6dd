package cxmetrics

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPhiSymmetry checks φ_{p,s}(κ) + φ_{s,p}(1/κ) = 1 (the probabilities
// of the two orders of a purchase and a death, paretonbd_math.go), and
// φ = s/(p+s) at κ = 1, on both methods: the series and the quadrature.
func TestPhiSymmetry(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		p := math.Exp(rng.Float64()*12 - 6)
		s := math.Exp(rng.Float64()*12 - 6)
		l := rng.Float64()*10 - 5
		if rng.IntN(5) == 0 {
			l = 0
		}
		a, okA := phiQuad(p, s, l)
		b, okB := phiQuad(s, p, -l)
		if !okA || !okB || math.Abs(a.v+b.v-1) > 1e-14 {
			t.Errorf("quadrature: φ(%g, %g, %g) + φ(%g, %g, %g) = %.17g + %.17g, %v %v", p, s, l, s, p, -l, a.v, b.v, okA, okB)
		}
		// The same through the series, where they reach.
		alpha, beta := 1.0, math.Exp(l)
		c, okC := pnbdPhi(p, s, alpha, beta, 0)
		d, okD := pnbdPhi(s, p, beta, alpha, 0)
		if !okC || !okD || math.Abs(c.v+d.v-1) > 1e-14 {
			t.Errorf("series: φ(%g, %g, %g) + φ(%g, %g, %g) = %.17g + %.17g, %v %v", p, s, l, s, p, -l, c.v, d.v, okC, okD)
		}
		if l == 0 && math.Abs(c.v-s/(p+s)) > 1e-15 {
			t.Errorf("φ(%g, %g, 0) = %.17g, want s/(p+s) = %.17g", p, s, c.v, s/(p+s))
		}
	}
}

// TestPhiSeriesMatchesQuadrature checks the two ways of computing φ and
// its derivatives against each other where both apply: the series
// (a sum of positive terms) and the trapezoidal rule in ln v (an integral
// with a tail subtracted and added back). They share nothing but φ's
// definition.
func TestPhiSeriesMatchesQuadrature(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		p := math.Exp(rng.Float64()*16 - 8)
		s := math.Exp(rng.Float64()*16 - 8)
		if rng.IntN(4) == 0 {
			p = float64(rng.IntN(3000)) + 0.3
		}
		l := rng.Float64()*4 - 2
		alpha, beta := 1.0, math.Exp(l)
		if l > 0 {
			alpha, beta = math.Exp(-l), 1.0
		}
		ser, okS := pnbdPhi(p, s, alpha, beta, 0)
		quad, okQ := phiQuad(p, s, l)
		if !okS || !okQ {
			t.Fatalf("φ(%g, %g, %g): series %v, quadrature %v", p, s, l, okS, okQ)
		}
		for j, pair := range [4][2]float64{{ser.v, quad.v}, {ser.dp, quad.dp}, {ser.ds, quad.ds}, {ser.dl, quad.dl}} {
			// Each derivative is judged on the scale at which it enters the
			// gradient of the log-likelihood: φ over its parameter.
			scale := math.Max(math.Abs(pair[0]), ser.v/[4]float64{1, p, s, 1}[j])
			if math.Abs(pair[0]-pair[1]) > 1e-12*scale {
				t.Errorf("φ(%g, %g, %g) part %d: series %.17g, quadrature %.17g", p, s, l, j, pair[0], pair[1])
			}
		}
	}
}

// pnbdTestCustomers is a mix of ordinary and hostile histories: no
// repeat purchase, a purchase at the end, thousands of purchases, a
// customer observed for a nanosecond and one for a billion time units.
var pnbdTestCustomers = []RFM{
	{Frequency: 0, Recency: 0, T: 38.86},
	{Frequency: 0, Recency: 0, T: 27},
	{Frequency: 2, Recency: 30.43, T: 38.86},
	{Frequency: 1, Recency: 1.71, T: 38.86},
	{Frequency: 7, Recency: 29.43, T: 35.71},
	{Frequency: 26, Recency: 30.86, T: 31},
	{Frequency: 3, Recency: 39, T: 39},
	{Frequency: 3, Recency: 0, T: 20},
	{Frequency: 5000, Recency: 30, T: 39},
	{Frequency: 0, Recency: 0, T: 1e-9},
	{Frequency: 1, Recency: 5e-10, T: 1e-9},
	{Frequency: 10, Recency: 5e8, T: 1e9},
}

// TestLogLikelihoodGradient checks the analytic gradient of the
// log-likelihood against central differences of the log-likelihood, at
// parameters on both sides of α = β, at α = β, and far apart (where φ
// comes from the quadrature).
func TestLogLikelihoodGradient(t *testing.T) {
	d, err := newPNBDSample(pnbdTestCustomers)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []ParetoNBD{
		{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669},
		{R: 0.553, Alpha: 11.669, S: 0.606, Beta: 10.578},
		{R: 2, Alpha: 5, S: 1, Beta: 5},
		{R: 0.3, Alpha: 0.01, S: 2.5, Beta: 400},
		{R: 0.3, Alpha: 400, S: 0.05, Beta: 0.01},
		{R: 40, Alpha: 3, S: 30, Beta: 7},
	} {
		e := &pnbdEval{d: d}
		ll, grad, ok := e.eval(m, 1)
		if !ok {
			t.Fatalf("%+v: not finite", m)
		}
		at := func(i int, f float64) float64 {
			q := [4]float64{m.R, m.Alpha, m.S, m.Beta}
			q[i] *= f
			v, _, ok := e.eval(ParetoNBD{q[0], q[1], q[2], q[3]}, 1)
			if !ok {
				t.Fatalf("%+v: not finite at %v", m, q)
			}
			return v
		}
		for i, p := range [4]float64{m.R, m.Alpha, m.S, m.Beta} {
			const h = 1e-5
			num := (at(i, 1+h) - at(i, 1-h)) / (2 * h * p)
			if math.Abs(num-grad[i]) > 1e-6*math.Max(1, math.Abs(grad[i])) {
				t.Errorf("%+v: ∂ll/∂θ%d = %.12g, central difference %.12g (ll %g)", m, i, grad[i], num, ll)
			}
		}
	}
}

// TestSeriesTableMatchesDirect checks that a pass's φ, summed from the
// coefficients it shares across a frequency's customers, is the φ that
// the predictions compute customer by customer.
func TestSeriesTableMatchesDirect(t *testing.T) {
	d, err := newPNBDSample(pnbdTestCustomers)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []ParetoNBD{
		{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669},
		{R: 0.553, Alpha: 21, S: 0.606, Beta: 2},
		{R: 1, Alpha: 3, S: 1, Beta: 3},
		{R: 0.2, Alpha: 1e-3, S: 3, Beta: 1e3},
	} {
		e := &pnbdEval{d: d}
		if e.prepare(m) != pnbdOK {
			t.Fatalf("%+v: prepare failed", m)
		}
		for i, c := range pnbdTestCustomers {
			p := m.R + float64(c.Frequency)
			for _, at := range []float64{c.Recency, c.T} {
				got, ok1 := e.phi(&e.g[d.group[i]], p, at)
				want, ok2 := pnbdPhi(p, m.S, m.Alpha, m.Beta, at)
				if !ok1 || !ok2 || math.Abs(got.v-want.v) > 1e-14*want.v {
					t.Errorf("%+v, %+v at %v: table %+v, direct %+v", m, c, at, got, want)
				}
			}
		}
	}
}

// TestPhiAgainstMpmath checks φ and its derivatives against mpmath 1.2.1
// at 30 digits, from Euler's form of the ₂F₁ (not this package's way of
// taking it) and mpmath's numerical derivatives:
//
//	import mpmath as mp
//	mp.mp.dps = 30
//	def phi(p, s, l):   # l = ln κ
//	    a = p + s
//	    if l <= 0:
//	        return s/a * mp.hyp2f1(1, p, a+1, 1-mp.exp(l), maxterms=10**6, maxprec=20000)
//	    return s/a/mp.exp(l) * mp.hyp2f1(1, s+1, a+1, 1-mp.exp(-l), maxterms=10**6, maxprec=20000)
//	dp = mp.diff(lambda q: phi(q, s, l), p, h=p*mp.mpf('1e-12'))
//	ds = mp.diff(lambda q: phi(p, q, l), s, h=s*mp.mpf('1e-12'))
//	dl = mp.diff(lambda q: phi(p, s, q), l)
//
// on a grid of p from 1e-8 to 1e8, s from 1e-8 to 1e8 and κ from e^−37 to
// e^37, and at random moderate points. φ must agree to 1e-13; each
// derivative to 1e-13 of itself or of φ over its parameter, the scale at
// which it enters the gradient of the log-likelihood.
func TestPhiAgainstMpmath(t *testing.T) {
	for _, c := range [][7]float64{ // p, s, ln κ, φ, ∂φ/∂p, ∂φ/∂s, ∂φ/∂ln κ
		{1.0e-8, 1.0e-8, -37.0, 0.50000018499996561051, -24999990.750001727699, 25000009.249994849802, -4.9999981500003438949e-9},
		{1.0e-8, 1.0e-8, 37.0, 0.49999981500003417238, -25000009.249994849802, 24999990.750001727699, -4.9999981500003439308e-9},
		{1.0e-8, 0.6, 37.0, 0.99999962036603640092, -37.963389083982897982, 3.6362082406595282899e-8, -9.9999962036603498398e-9},
		{1.0e-8, 1.0, 20.0, 0.99999980000001975226, -19.99999600832479362, 1.644933685947118797e-8, -9.9999976083810450422e-9},
		{1.0e-8, 3.0, 20.0, 0.99999981500001602933, -18.499996675617954175, 3.9493395526442848714e-9, -9.9999970266715290525e-9},
		{1.0e-8, 100000000.0, 37.0, 0.9999998199789782689, -18.002100501085546044, 9.999996713661829762e-17, -9.9999966636618395948e-9},
		{0.5, 1.0e-8, -37.0, 3.8386286960684192127e-7, -4.9348002221133932179e-8, 38.386279560249448486, -9.9999961613712884073e-9},
		{0.5, 1.0e-8, 37.0, 2.9020303422984551894e-16, -1.0737512318741112429e-14, 2.9020303020677735443e-8, -1.4510151626161804078e-16},
		{0.5, 0.6, 37.0, 1.0459644492770468208e-8, -3.7090155926688846696e-7, 1.1682003191001403157e-8, -5.2298221951869504669e-9},
		{0.5, 1.0, 20.0, 0.000071309920820885099417, -0.0012836610207740742649, 0.000043761708238806961941, -0.000035652899477286915674},
		{0.5, 3.0, 20.0, 0.00013370146449467183817, -0.0022642456122203463489, 0.00002411415002440265043, -0.000066844549750983262879},
		{0.5, 100000000.0, 37.0, 0.0001637124673561577673, -0.0027205328253421867553, 8.184770223208135505e-13, -0.00008184770202741944522},
		{1.0, 1.0e-8, -37.0, 3.6999993138551512357e-7, -1.644933446202166991e-8, 36.999986277103872729, -9.9999963000006554259e-9},
		{1.0, 1.0e-8, 37.0, 3.1572276201216745131e-23, -5.8549073952594349781e-22, 3.1572276187180444973e-15, -3.0718971438642341544e-23},
		{1.0, 0.6, 37.0, 1.8583307068558822041e-15, -3.3789754376429828807e-14, 3.0532676033948657866e-15, -1.8071324211014180809e-15},
		{1.0, 1.0, 20.0, 3.9161918992018415204e-8, -3.7439811530366584193e-7, 3.7832610883387431031e-8, -3.7100765526768965829e-8},
		{1.0, 3.0, 20.0, 1.1233287338727782262e-7, -1.0263201294729776676e-6, 3.5689283218857292768e-8, -1.0614941343335832386e-7},
		{1.0, 100000000.0, 37.0, 1.5361280864776104286e-7, -1.3896949964590752425e-6, 1.4507976237546763051e-15, -1.4507976233280240527e-7},
		{2.0, 1.0e-8, -37.0, 3.5999993508551446815e-7, -6.4493383265143289355e-9, 35.999987017103669957, -9.9999964000005885602e-9},
		{2.0, 1.0e-8, 37.0, 8.5330476257440395816e-25, -8.5330476257435669204e-25, 8.5330476257440395816e-17, -8.5330476257440140971e-25},
		{2.0, 0.6, 37.0, 5.1198285754464145419e-17, -5.1198285754459690718e-17, 8.5330476257440089793e-17, -5.1198285754463903062e-17},
		{2.0, 1.0, 20.0, 2.0611534652494493752e-9, -2.0611520025841143678e-9, 2.0611533900105344749e-9, -2.0611533165570484785e-9},
		{2.0, 3.0, 20.0, 6.1834599539194987626e-9, -6.183451723840980121e-9, 2.061153100907220552e-9, -6.1834590915035657967e-9},
		{2.0, 100000000.0, 37.0, 8.5330463149586412989e-9, -8.5330344566249457799e-9, 8.5330450769861201455e-17, -8.5330450769861081299e-9},
		{5000.5, 1.0e-8, -37.0, 2.7905587240192505582e-7, -1.9999994351957785986e-12, 27.905583338357479621, -9.9999972093222050756e-9},
		{5000.5, 1.0e-8, 37.0, 1.7067802031691300718e-28, -3.4139017965179119348e-32, 1.7067802031691300718e-20, -1.7067802031691300718e-28},
		{5000.5, 0.6, 37.0, 1.0240681219014780431e-20, -2.0483410779107471608e-24, 1.7067802031691300718e-20, -1.0240681219014780431e-20},
		{5000.5, 1.0, 20.0, 4.1227195168253984925e-13, -8.2462636600099965375e-17, 4.1227195168236984708e-13, -4.1227195168219984491e-13},
		{5000.5, 3.0, 20.0, 1.2368158550465995347e-12, -2.4738790979989180931e-16, 4.1227195168168983842e-13, -1.2368158550445595088e-12},
		{5000.5, 100000000.0, 37.0, 1.7067802031662163904e-12, -3.4139017965062548774e-16, 1.7067802031633027089e-20, -1.7067802031633027089e-12},
		{100000000.0, 1.0e-8, -37.0, 1.8002102129688701888e-7, -9.999996713661829762e-17, 18.002100501085546044, -9.999996663661839523e-9},
		{100000000.0, 0.6, -37.0, 0.99996805776221699647, -1.9156809933097290414e-13, 0.00051204371536375706834, -0.000019156809894741007592},
		{100000000.0, 1.0, -37.0, 0.99999984638719135224, -1.4507976237546763051e-15, 1.3896949964590752425e-6, -1.4507976233280240527e-7},
		{100000000.0, 3.0, -37.0, 0.99999999573347622353, -4.2665237400591472167e-17, 2.1332618518263985477e-9, -4.2665237400591468526e-9},
		{100000000.0, 100000000.0, -37.0, 0.99999999999999991467, -8.5330477110745414488e-25, 8.5330477964050194128e-25, -8.5330477110745414488e-17},
		{100000000.0, 100000000.0, 37.0, 8.5330477110745421769e-17, -8.5330477964050194128e-25, 8.5330477110745414488e-25, -8.5330477110745414488e-17},
		{2.5694728953685668227, 0.012362139197435215978, 0.050000000000000002776, 0.0046187656237122619408, -0.0018071686854039080182, 0.37187878521493180163, -0.0033396295613318159359},
		{1674.0505635940632345, 0.60609999999999997211, -1.5, 0.0016166510944332829145, -9.6216690240069658439e-7, 0.002662997691834406834, -0.0016097579724660617551},
		{0.013687198844951749273, 4.7771153015405707354, -1.5, 0.99924617281523060273, -0.055025751492582742793, 0.00018375277466965357803, -0.0007071901741023124004},
		{3.0, 0.94027193234285491419, 0.0, 0.23863122862786187641, -0.060562121783806330283, 0.19322746867357304425, -0.14490977332579404281},
		{3.7471292600623393731, 2.0, 1.0000000000000000623e-9, 0.34799982885152177672, -0.060551940496905812195, 0.11344797398043254199, -0.1932674314296886342},
		{1.0928441241387603221, 4.4122027439368620705, 0.5, 0.72700406026155982442, -0.18484094424034748979, 0.042723182855043715346, -0.16247209360020558165},
		{1.3488627713499568017, 0.60609999999999997211, 3.0, 0.047068071372689583879, -0.056093890920513506309, 0.069236752050997921686, -0.036552597105493860252},
		{9.5617445656806715482, 0.16381512453931643074, -3.0, 0.14515303920247071393, -0.0083385717941504727964, 0.79159963774181266727, -0.074653349869192912287},
		{0.019191906432989292286, 40.0, -1.5, 0.99989084687240441734, -0.0056868230268299567934, 2.7819206866692051442e-6, -0.00010851157973140513418},
		{0.2999999999999999889, 1.1500930315942896609, 0.5, 0.74177881265855517643, -0.65677216605742945465, 0.15165372323070502321, -0.10777751086933875969},
	} {
		p, s, l := c[0], c[1], c[2]
		alpha, beta := 1.0, math.Exp(l)
		if l > 0 {
			alpha, beta = math.Exp(-l), 1.0
		}
		got, ok := pnbdPhi(p, s, alpha, beta, 0)
		quad, okQ := phiQuad(p, s, l)
		for _, v := range []struct {
			name string
			v    phiVal
			ok   bool
		}{{"pnbdPhi", got, ok}, {"phiQuad", quad, okQ}} {
			g := [4]float64{v.v.v, v.v.dp, v.v.ds, v.v.dl}
			for j := range 4 {
				scale := math.Abs(c[3+j])
				if j > 0 {
					scale = math.Max(scale, c[3]/[4]float64{1, p, s, 1}[j])
				}
				if !v.ok || !(math.Abs(g[j]-c[3+j]) <= 1e-13*scale) {
					t.Errorf("%s(p %g, s %g, ln κ %g) part %d = %.17g, %v; mpmath %.17g", v.name, p, s, l, j, g[j], v.ok, c[3+j])
				}
			}
		}
	}
}
