package cxmetrics_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// The example of R's ?p.adjust (R 4.2.2), printed to 17 digits:
//
//	set.seed(123)
//	x <- rnorm(50, mean = c(rep(0, 25), rep(3, 25)))
//	p <- 2*pnorm(sort(-abs(x)))
//	sprintf("%.17g", p); sprintf("%.17g", p.adjust(p, "holm"))
//	sprintf("%.17g", p.adjust(p, "BH")); sprintf("%.17g", p.adjust(p, "bonferroni"))
//
// R prints round(p.adjust(p), 3) as 0.000 0.001 0.001 0.005 0.005 0.006
// 0.006 0.007 0.009 0.016 0.024 0.063 0.125 … 0.635 1.000 …, and
// round(p.adjust(p, "BH"), 3) as 0.000 0.000 0.000 0.001 … 0.930 0.944.
var (
	rExampleP = []float64{
		2.3540535079793408e-07, 2.1015902407242859e-05, 2.5768418740401113e-05,
		9.8147833236073584e-05, 0.00010526095883054314, 0.0001241480728928015, 0.00013259880192358452,
		0.00015685033125567761, 0.00022545573276267595, 0.00037953803092710003, 0.00061149431534094181,
		0.0016139537290707732, 0.0033024296231373793, 0.0035383417761100746, 0.0052369965805745761,
		0.0068319089314331019, 0.0070592256589326078, 0.0088051286010114201, 0.0094010398396727739,
		0.01129798083228886, 0.021150168138838837, 0.049227364030420349, 0.06053297750530709,
		0.062622394673603865, 0.073951528932168428, 0.082811032824038747, 0.086333312789586975,
		0.11906543306177111, 0.18907962539672907, 0.20584937780834683, 0.22092137198443099,
		0.28560004255989702, 0.30488948730835402, 0.46606820025984125, 0.48308093523371298,
		0.4921754604884912, 0.53194528606277292, 0.5751550464079549, 0.57831946234574394,
		0.61858943409521261, 0.63636200475135141, 0.64485872428665469, 0.65584143928443872,
		0.68858840005799427, 0.71898636230424384, 0.81795385305609414, 0.82744865669079792,
		0.89712997590579502, 0.91186795243409247, 0.94378902178378343,
	}
	rExampleHolm = []float64{
		1.1770267539896705e-05, 0.0010297792179549, 0.0012368840995392533, 0.0046129481620954581,
		0.0048420041062049845, 0.0055866632801760676, 0.0058343472846377189, 0.0067445642439941372,
		0.0094691407760323903, 0.015561059268011102, 0.024459772613637673, 0.062944195433760147,
		0.12549232567922042, 0.13091864571607276, 0.18853187690068474, 0.23911681260015857,
		0.24001367240370866, 0.29056924383337684, 0.30083327486952877, 0.35023740580095469,
		0.63450504416516507, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1,
	}
	rExampleBH = []float64{
		1.1770267539896705e-05, 0.0004294736456733519, 0.0004294736456733519,
		0.00094713429945417519, 0.00094713429945417519, 0.00094713429945417519, 0.00094713429945417519,
		0.00098031457034798513, 0.0012525318486815331, 0.0018976901546355002, 0.0027795196151860994,
		0.0067248072044615555, 0.012636934914678839, 0.012636934914678839, 0.017456655268581922,
		0.020762428408625317, 0.020762428408625317, 0.024458690558365054, 0.024739578525454671,
		0.028244952080722151, 0.050357543187711518, 0.11188037279640989, 0.13046332223667473,
		0.13046332223667473, 0.14790305786433686, 0.15925198620007452, 0.15987650516590179,
		0.21261684475316273, 0.32599935413229147, 0.34308229634724474, 0.35632479352327578,
		0.44625006649983912, 0.46195376864902127, 0.6835770284562378, 0.6835770284562378,
		0.6835770284562378, 0.71884498116590934, 0.74143520813556918, 0.74143520813556918,
		0.76260632474934742, 0.76260632474934742, 0.76260632474934742, 0.76260632474934742,
		0.78248681824772082, 0.79887373589360433, 0.88026452839446589, 0.88026452839446589,
		0.93047750248376782, 0.93047750248376782, 0.94378902178378343,
	}
	rExampleBonferroni = []float64{
		1.1770267539896705e-05, 0.001050795120362143, 0.0012884209370200557, 0.0049073916618036792,
		0.0052630479415271573, 0.0062074036446400751, 0.006629940096179226, 0.007842516562783881,
		0.011272786638133797, 0.018976901546355, 0.030574715767047091, 0.080697686453538656,
		0.16512148115686898, 0.17691708880550372, 0.26184982902872883, 0.34159544657165508,
		0.35296128294663037, 0.44025643005057102, 0.47005199198363867, 0.56489904161444304, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	}
)

// reversed returns a copy of v in reverse order.
func reversed(v []float64) []float64 {
	r := slices.Clone(v)
	slices.Reverse(r)
	return r
}

func TestAdjustP(t *testing.T) {
	tests := []struct {
		name    string
		p       []float64
		method  cxmetrics.Adjustment
		want    []float64
		wantErr error
	}{
		{name: "R example, holm", p: rExampleP, method: cxmetrics.Holm, want: rExampleHolm},
		{name: "R example, BH", p: rExampleP, method: cxmetrics.BenjaminiHochberg, want: rExampleBH},
		{name: "R example, bonferroni", p: rExampleP, method: cxmetrics.Bonferroni, want: rExampleBonferroni},
		{name: "R example, none", p: rExampleP, method: cxmetrics.NoAdjustment, want: rExampleP},
		// The same p-values largest first: the adjustment follows each
		// p-value to its place, whatever the input order.
		{name: "R example reversed, holm", p: reversed(rExampleP), method: cxmetrics.Holm, want: reversed(rExampleHolm)},
		{name: "R example reversed, BH", p: reversed(rExampleP), method: cxmetrics.BenjaminiHochberg, want: reversed(rExampleBH)},
		// Unsorted with ties, by hand and by R 4.2.2:
		// q <- c(0.04, 0.01, 0.03, 0.01, 0.5)
		// Holm, sorted 0.01 0.01 0.03 0.04 0.5 times 5 4 3 2 1 =
		// 0.05 0.04 0.09 0.08 0.5, running max 0.05 0.05 0.09 0.09 0.5;
		// p.adjust(q, "holm") = 0.09 0.05 0.09 0.05 0.50.
		{name: "ties, holm", p: []float64{0.04, 0.01, 0.03, 0.01, 0.5}, method: cxmetrics.Holm,
			want: []float64{0.09, 0.05, 0.09, 0.05, 0.5}},
		// BH, sorted times 5/1 5/2 5/3 5/4 5/5 = 0.05 0.025 0.05 0.05 0.5,
		// running min from the top 0.025 0.025 0.05 0.05 0.5;
		// p.adjust(q, "BH") = 0.050 0.025 0.050 0.025 0.500.
		{name: "ties, BH", p: []float64{0.04, 0.01, 0.03, 0.01, 0.5}, method: cxmetrics.BenjaminiHochberg,
			want: []float64{0.05, 0.025, 0.05, 0.025, 0.5}},
		// Bonferroni: 5 × q capped at 1; p.adjust(q, "bonferroni") =
		// 0.20 0.05 0.15 0.05 1.00.
		{name: "ties, bonferroni", p: []float64{0.04, 0.01, 0.03, 0.01, 0.5}, method: cxmetrics.Bonferroni,
			want: []float64{0.2, 0.05, 0.15, 0.05, 1}},
		// One test needs no adjustment: n = 1.
		{name: "one, holm", p: []float64{0.03}, method: cxmetrics.Holm, want: []float64{0.03}},
		{name: "one, BH", p: []float64{0.03}, method: cxmetrics.BenjaminiHochberg, want: []float64{0.03}},
		// −0 comes back as 0, 0 and 1 stay.
		{name: "edges, BH", p: []float64{math.Copysign(0, -1), 1, 0}, method: cxmetrics.BenjaminiHochberg, want: []float64{0, 1, 0}},
		{name: "edges, none", p: []float64{math.Copysign(0, -1)}, method: cxmetrics.NoAdjustment, want: []float64{0}},
		{name: "empty", p: []float64{}, method: cxmetrics.Holm, want: []float64{}},
		{name: "nil", p: nil, method: cxmetrics.BenjaminiHochberg, want: []float64{}},
		{name: "NaN", p: []float64{0.1, math.NaN()}, method: cxmetrics.Holm, wantErr: cxmetrics.ErrOutOfRange},
		{name: "above 1", p: []float64{1.5}, method: cxmetrics.BenjaminiHochberg, wantErr: cxmetrics.ErrOutOfRange},
		{name: "negative", p: []float64{-0.1}, method: cxmetrics.Bonferroni, wantErr: cxmetrics.ErrOutOfRange},
		{name: "percent for a fraction", p: []float64{5}, method: cxmetrics.NoAdjustment, wantErr: cxmetrics.ErrOutOfRange},
		{name: "infinite", p: []float64{math.Inf(1)}, method: cxmetrics.Holm, wantErr: cxmetrics.ErrOutOfRange},
		{name: "zero method", p: []float64{0.1}, method: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "unknown method", p: []float64{0.1}, method: 99, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.p)
			got, err := cxmetrics.AdjustP(tt.p, tt.method)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("AdjustP() error = %v, want %v", err, tt.wantErr)
			}
			if !slices.Equal(in, tt.p) && !slices.ContainsFunc(in, math.IsNaN) {
				t.Errorf("AdjustP() changed its input: %v, was %v", tt.p, in)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, got, relApprox); diff != "" {
				t.Errorf("AdjustP() mismatch (-want +got):\n%s", diff)
			}
			for i, v := range got {
				if math.Signbit(v) {
					t.Errorf("AdjustP()[%d] = −0", i)
				}
			}
		})
	}
}

func TestAdjustPErrorNamesIndex(t *testing.T) {
	_, err := cxmetrics.AdjustP([]float64{0.1, 0.2, 0.3, math.NaN()}, cxmetrics.Holm)
	if err == nil || !strings.Contains(err.Error(), "p[3]") {
		t.Errorf("AdjustP() error = %v, want it to name p[3]", err)
	}
}

func TestAdjustmentString(t *testing.T) {
	for a, want := range map[cxmetrics.Adjustment]string{
		cxmetrics.Holm:              "Holm",
		cxmetrics.BenjaminiHochberg: "Benjamini-Hochberg",
		cxmetrics.Bonferroni:        "Bonferroni",
		cxmetrics.NoAdjustment:      "none",
		0:                           "Adjustment(0)",
	} {
		if got := a.String(); got != want {
			t.Errorf("Adjustment(%d).String() = %q, want %q", int(a), got, want)
		}
	}
}
