package cxmetrics_test

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

func TestCES(t *testing.T) {
	// One answer at each point of 1-7, plus two more 7s:
	// 1 2 3 4 5 6 7 7 7. Mean (1+2+3+4+5+6+7+7+7) / 9 = 42 / 9.
	ces7 := mustSurvey(t, cxmetrics.CESScale, 1, 1, 1, 1, 1, 1, 3)
	// The original 1-5 effort question: 1 1 2 3 5.
	// Mean (1+1+2+3+5) / 5 = 12 / 5.
	ces5 := mustSurvey(t, cxmetrics.CSATScale, 2, 1, 1, 0, 1)
	tests := []struct {
		name    string
		s       *cxmetrics.Survey
		d       cxmetrics.Direction
		want    cxmetrics.CESResult
		wantErr error
	}{
		{
			// Easy 5-7 (1+1+3), neutral 4, difficult 1-3.
			// EasyPercent 100 × 5 / 9; Net 100 × (5 − 3) / 9.
			name: "CES 2.0 on 1-7",
			s:    ces7,
			d:    cxmetrics.HigherIsEasier,
			// StdDev: Σx² = 1+4+9+16+25+36+3×49 = 238, n·mean² =
			// 42²/9 = 196, so the sample variance is (238 − 196) / 8.
			want: cxmetrics.CESResult{Total: 9, Easy: 5, Neutral: 1, Difficult: 3,
				Mean: 42.0 / 9, EasyPercent: 500.0 / 9, Net: 200.0 / 9,
				StdDev: math.Sqrt(42.0 / 8), Scale: cxmetrics.CESScale},
		},
		{
			// Read the other way, 1-3 are easy and 5-7 difficult.
			name: "1-7 lower is easier",
			s:    ces7,
			d:    cxmetrics.LowerIsEasier,
			want: cxmetrics.CESResult{Total: 9, Easy: 3, Neutral: 1, Difficult: 5,
				Mean: 42.0 / 9, EasyPercent: 300.0 / 9, Net: -200.0 / 9,
				StdDev: math.Sqrt(42.0 / 8), Scale: cxmetrics.CESScale},
		},
		{
			// Effort 1-2 is easy (3 answers), 3 neutral, 4-5 difficult
			// (1). EasyPercent 100 × 3 / 5; Net 100 × (3 − 1) / 5.
			name: "original CES on 1-5",
			s:    ces5,
			d:    cxmetrics.LowerIsEasier,
			// StdDev: Σx² = 1+1+4+9+25 = 40, n·mean² = 12²/5 = 28.8,
			// sample variance (40 − 28.8) / 4.
			want: cxmetrics.CESResult{Total: 5, Easy: 3, Neutral: 1, Difficult: 1,
				Mean: 12.0 / 5, EasyPercent: 60, Net: 40,
				StdDev: math.Sqrt(11.2 / 4), Scale: cxmetrics.CSATScale},
		},
		{
			// An even scale has no midpoint answer: 1-2 difficult, 3-4
			// easy. Answers 1, 3, 4, 4: 100 × 3 / 4; 100 × (3 − 1) / 4.
			name: "even scale has no neutral",
			s:    mustSurvey(t, cxmetrics.Scale{Min: 1, Max: 4}, 1, 0, 1, 2),
			d:    cxmetrics.HigherIsEasier,
			// StdDev: Σx² = 1+9+16+16 = 42, n·mean² = 36, variance 6 / 3.
			want: cxmetrics.CESResult{Total: 4, Easy: 3, Difficult: 1,
				Mean: 12.0 / 4, EasyPercent: 75, Net: 50,
				StdDev: math.Sqrt2, Scale: cxmetrics.Scale{Min: 1, Max: 4}},
		},
		{name: "unknown direction", s: ces7, d: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "direction 3", s: ces7, d: 3, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "empty", s: mustSurvey(t, cxmetrics.CESScale), d: cxmetrics.HigherIsEasier, wantErr: cxmetrics.ErrNoResponses},
		{name: "nil", s: nil, d: cxmetrics.HigherIsEasier, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "zero value", s: &cxmetrics.Survey{}, d: cxmetrics.HigherIsEasier, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CES(tt.s, tt.d)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("CES() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("CES() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCESNearTopOfInt checks that CES's own result has an interval on a
// scale whose bounds float64 cannot hold: 2⁶² + 513 to 2⁶² + 1513, where
// float64 steps by 1024, so that Min and Max both round to 2⁶² + 1024.
// Mean once added float64(Min) and the offset from Min apart, two
// roundings: with every answer at Max that is 2⁶² + 1024 + 1000, which
// rounds to 2⁶² + 2048, above float64(Max), and CESResult.Interval
// refused the mean as off the scale.
func TestCESNearTopOfInt(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("the scale needs a 64-bit int")
	}
	var p62 int64 = 1 << 62 // a variable: the constant would not compile on 32 bits
	sc := cxmetrics.Scale{Min: int(p62 + 513), Max: int(p62 + 1513)}
	// The failure, computed: the old sum lies above float64(Max).
	if old := float64(sc.Min) + float64(sc.Max-sc.Min); !(old > float64(sc.Max)) {
		t.Fatalf("float64(Min) + 1000 = %v is not above float64(Max) = %v: the case no longer shows the failure", old, float64(sc.Max))
	}
	tests := []struct {
		name     string
		belowMax int64 // answers at Max − 1
		atMax    int64 // answers at Max
		wantMean float64
	}{
		// The exact mean is Max = 2⁶² + 1513, nearest float64 2⁶² + 1024.
		{"all at Max", 0, 4, float64(p62 + 1024)},
		// Max − ½ = 2⁶² + 1512.5, nearest float64 2⁶² + 1024 too.
		{"Max − 1 and Max", 1, 1, float64(p62 + 1024)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSurvey(t, sc)
			if err := s.AddN(sc.Max-1, tt.belowMax); err != nil {
				t.Fatal(err)
			}
			if err := s.AddN(sc.Max, tt.atMax); err != nil {
				t.Fatal(err)
			}
			r, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
			if err != nil {
				t.Fatal(err)
			}
			if r.Mean != tt.wantMean {
				t.Errorf("CES Mean = %v, want %v", r.Mean, tt.wantMean)
			}
			iv, err := r.Interval(0.95)
			if err != nil {
				t.Fatalf("Interval of CES's own result: %v", err)
			}
			if !(iv.Lo <= r.Mean && r.Mean <= iv.Hi && iv.Hi <= float64(sc.Max)) {
				t.Errorf("Interval %+v, want one holding the mean %v within the scale", iv, r.Mean)
			}
		})
	}
}

func TestDirectionString(t *testing.T) {
	for d, want := range map[cxmetrics.Direction]string{
		cxmetrics.HigherIsEasier: "HigherIsEasier",
		cxmetrics.LowerIsEasier:  "LowerIsEasier",
		7:                        "Direction(7)",
	} {
		if got := d.String(); got != want {
			t.Errorf("Direction(%d).String() = %q, want %q", int(d), got, want)
		}
	}
}

func TestCESStdDev(t *testing.T) {
	// Σ c (x − mean)² / (n − 1), by hand or in mpmath at 40 digits.
	tests := []struct {
		name   string
		scale  cxmetrics.Scale
		counts map[int]int64
		want   float64
	}{
		{"one answer", cxmetrics.CESScale, map[int]int64{4: 1}, 0},
		{"two answers 1 and 7: sqrt(18)", cxmetrics.CESScale, map[int]int64{1: 1, 7: 1}, math.Sqrt(18)},
		{"all the same", cxmetrics.CESScale, map[int]int64{6: 1 << 40}, 0},
		{"15 answers, mean 83/15", cxmetrics.CESScale, map[int]int64{1: 1, 4: 2, 5: 3, 6: 4, 7: 5}, 1.6417180315870613},
		// Σ c (x − mean)² = c0 c1 / n exactly for two adjacent points.
		{"2⁶² and 1: sqrt(2⁶²/(2⁶²+1)/2⁶²)", cxmetrics.CESScale, map[int]int64{1: 1 << 62, 2: 1}, 4.6566128730773926e-10},
		{"2⁶² and 2⁶² − 1: 0.5", cxmetrics.Scale{Min: 0, Max: 1000}, map[int]int64{999: 1 << 62, 1000: 1<<62 - 1}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cesOf(t, tt.scale, tt.counts).StdDev
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCESStdDevPast2To64 checks the CES standard deviation when the sum
// of squared deviations passes 2⁶⁴: 2⁶² − 1 answers of 1 and 2⁶² of 7 on
// 1-7, each about 3 from the mean of about 4, so the sample standard
// deviation is √(9 n / (n − 1)) = 3 to within 1e-18.
func TestCESStdDevPast2To64(t *testing.T) {
	s := mustSurvey(t, cxmetrics.CESScale, 1<<62-1, 0, 0, 0, 0, 0, 1<<62)
	r, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(3.0, r.StdDev, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("StdDev mismatch (-want +got):\n%s", diff)
	}
}

func TestCESInterval(t *testing.T) {
	// Mean ± t(14, 0.975) × sd / sqrt(15), with t(14, 0.975) = 2.145 in the
	// printed t-table; mpmath at 40 digits for the full figures.
	r15 := cesOf(t, cxmetrics.CESScale, map[int]int64{1: 1, 4: 2, 5: 3, 6: 4, 7: 5})
	tests := []struct {
		name       string
		r          cxmetrics.CESResult
		confidence float64
		want       cxmetrics.Interval
		wantErr    error
	}{
		{"15 answers at 95%", r15, 0.95, cxmetrics.Interval{Lo: 4.62418019098621, Hi: 6.4424864756804567}, nil},
		// 7,7,7,6: mean 6.75, sd 0.5, 6.75 + 3.182 × 0.25 passes 7.
		{"clamped at the top of the scale", cesOf(t, cxmetrics.CESScale, map[int]int64{7: 3, 6: 1}), 0.95,
			cxmetrics.Interval{Lo: 6.75 - 3.1824463052837096*0.25, Hi: 7}, nil},
		{"no spread", cesOf(t, cxmetrics.CESScale, map[int]int64{5: 9}), 0.95, cxmetrics.Interval{Lo: 5, Hi: 5}, nil},
		{"one answer", cesOf(t, cxmetrics.CESScale, map[int]int64{5: 1}), 0.95, cxmetrics.Interval{}, cxmetrics.ErrNoResponses},
		{"bad confidence", r15, 0, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"no scale", cxmetrics.CESResult{Total: 3, Mean: 2}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrInvalidScale},
		{"mean off the scale", cxmetrics.CESResult{Total: 3, Mean: 9, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrOutOfRange},
		{"NaN sd", cxmetrics.CESResult{Total: 3, Mean: 2, StdDev: math.NaN(), Scale: cxmetrics.CESScale}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"negative total", cxmetrics.CESResult{Total: -3, Mean: 2, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrNegative},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.r.Interval(tt.confidence)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompareCES(t *testing.T) {
	// R's t.test(extra ~ group, data = sleep), Welch by default, prints
	// t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832
	// 0.2054832 for group 1 − group 2; here b − a with a = group 1, so the
	// signs flip. Means 0.75 and 2.33; standard deviations of the two
	// groups' data, and the full-precision figures, from mpmath at 40
	// digits.
	sleep := cxmetrics.Scale{Min: -2, Max: 6}
	a := cxmetrics.CESResult{Total: 10, Mean: 0.75, StdDev: 1.7890096577591624, Scale: sleep}
	b := cxmetrics.CESResult{Total: 10, Mean: 2.33, StdDev: 2.002248735796829, Scale: sleep}
	tests := []struct {
		name       string
		a, b       cxmetrics.CESResult
		confidence float64
		want       cxmetrics.CESComparison
		wantErr    error
	}{
		{"R sleep", a, b, 0.95, cxmetrics.CESComparison{
			Comparison: cxmetrics.Comparison{
				Diff: 1.58, StdErr: 0.84909101723876196, Z: 1.8608134674868531, P: 0.079394140187358138,
				Interval: cxmetrics.Interval{Lo: -0.20548323071171097, Hi: 3.365483230711711},
				Center:   1.58,
			},
			DF: 17.77647351617849,
		}, nil},
		// Unequal sizes: n 3 (mean 4, sd 2) against n 30 (mean 5, sd 0.5).
		// DF = 2.03; with (na − 1) and (nb − 1) swapped it would be 29.3.
		// Welch's formulas in mpmath at 50 digits, t by findroot on
		// betainc.
		{"n 3 against n 30", cxmetrics.CESResult{Total: 3, Mean: 4, StdDev: 2, Scale: cxmetrics.CESScale},
			cxmetrics.CESResult{Total: 30, Mean: 5, StdDev: 0.5, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.CESComparison{
				Comparison: cxmetrics.Comparison{
					Diff: 1, StdErr: 1.1583033569262703, Z: 0.86333169460343126, P: 0.47797750128787933,
					Interval: cxmetrics.Interval{Lo: -3.925110473084434, Hi: 5.925110473084434},
					Center:   1,
				},
				DF: 2.0250726695240584,
			}, nil},
		// Standard deviations of 1e-160, whose squared standard errors
		// underflow: equal sizes and variances give DF = 2(n − 1) = 18,
		// StdErr = 1e-160 × √(2/10), Z = 1/StdErr (mpmath). The
		// textbook DF was 0/0 = NaN.
		{"tiny standard deviations", cxmetrics.CESResult{Total: 10, Mean: 4, StdDev: 1e-160, Scale: cxmetrics.CESScale},
			cxmetrics.CESResult{Total: 10, Mean: 5, StdDev: 1e-160, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.CESComparison{
				Comparison: cxmetrics.Comparison{
					Diff: 1, StdErr: 4.4721359549995793e-161, Z: 2.2360679774997897e+160, P: 0,
					Interval: cxmetrics.Interval{Lo: 1, Hi: 1},
					Center:   1,
				},
				DF: 18,
			}, nil},
		// One standard deviation of 1e-300, the other 0: DF = na − 1 = 9,
		// StdErr = 1e-300/√10 (mpmath). It was refused as having no
		// variance, the squared standard error having underflowed to 0.
		{"one standard deviation 1e-300", cxmetrics.CESResult{Total: 10, Mean: 4, StdDev: 1e-300, Scale: cxmetrics.CESScale},
			cxmetrics.CESResult{Total: 10, Mean: 5, StdDev: 0, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.CESComparison{
				Comparison: cxmetrics.Comparison{
					Diff: 1, StdErr: 3.1622776601683794e-301, Z: 3.1622776601683793e+300, P: 0,
					Interval: cxmetrics.Interval{Lo: 1, Hi: 1},
					Center:   1,
				},
				DF: 9,
			}, nil},
		{"t past float64", cxmetrics.CESResult{Total: 2, Mean: 1, StdDev: 5e-324, Scale: cxmetrics.CESScale},
			cxmetrics.CESResult{Total: 2, Mean: 7, StdDev: 0, Scale: cxmetrics.CESScale}, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
		{"no variance, same mean", cesOf(t, cxmetrics.CESScale, map[int]int64{5: 3}), cesOf(t, cxmetrics.CESScale, map[int]int64{5: 4}), 0.95,
			cxmetrics.CESComparison{Comparison: cxmetrics.Comparison{P: 1}, DF: 5}, nil},
		{"no variance, different means", cesOf(t, cxmetrics.CESScale, map[int]int64{5: 3}), cesOf(t, cxmetrics.CESScale, map[int]int64{6: 4}), 0.95,
			cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
		{"scales differ", a, cesOf(t, cxmetrics.CESScale, map[int]int64{5: 3, 6: 1}), 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrScaleMismatch},
		{"one answer", a, cesOf(t, sleep, map[int]int64{5: 1}), 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrNoResponses},
		{"bad confidence", a, b, math.NaN(), cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
		{"a with a negative total", cxmetrics.CESResult{Total: -10, Mean: 1, StdDev: 1, Scale: sleep}, b, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrNegative},
		{"a with no scale", cxmetrics.CESResult{Total: 10, Mean: 1, StdDev: 1}, b, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrInvalidScale},
		{"b with its mean off the scale", a, cxmetrics.CESResult{Total: 10, Mean: 7, StdDev: 1, Scale: sleep}, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrOutOfRange},
		{"b with a NaN mean", a, cxmetrics.CESResult{Total: 10, Mean: math.NaN(), StdDev: 1, Scale: sleep}, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrOutOfRange},
		// −2 to 6 is 8 wide: a standard deviation of 9 cannot be.
		{"b with its StdDev past the scale", a, cxmetrics.CESResult{Total: 10, Mean: 1, StdDev: 9, Scale: sleep}, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
		{"a with a NaN StdDev", cxmetrics.CESResult{Total: 10, Mean: 1, StdDev: math.NaN(), Scale: sleep}, b, 0.95, cxmetrics.CESComparison{}, cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CompareCES(tt.a, tt.b, tt.confidence)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, relApprox); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	got, _ := cxmetrics.CompareCES(a, b, 0.95)
	printed := cxmetrics.CESComparison{Comparison: cxmetrics.Comparison{Diff: 1.58, StdErr: got.StdErr, Z: 1.8608, P: 0.07939,
		Interval: cxmetrics.Interval{Lo: -0.2054832, Hi: 3.3654832}, Center: 1.58}, DF: 17.776}
	// R prints df to 5 significant digits, the rest to 4 or 7.
	if diff := cmp.Diff(printed, got, cmpopts.EquateApprox(0, 0.0005)); diff != "" {
		t.Errorf("against R's printed t.test, mismatch (-want +got):\n%s", diff)
	}
}

// TestCESLimits checks the CES statistics at the limits of the scale: a
// standard deviation equal to the scale's width (6 on 1-7) is allowed and
// one above it is not, and the interval of a difference is clamped to
// ±6, the largest difference two means on 1-7 can have.
func TestCESLimits(t *testing.T) {
	sc := cxmetrics.CESScale
	if _, err := (cxmetrics.CESResult{Total: 10, Mean: 4, StdDev: 6, Scale: sc}).Interval(0.95); err != nil {
		t.Errorf("StdDev 6 on 1-7: %v", err)
	}
	if _, err := (cxmetrics.CESResult{Total: 10, Mean: 4, StdDev: 7, Scale: sc}).Interval(0.95); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("StdDev 7 on 1-7: error %v, want ErrInvalidArgument", err)
	}
	// Two answers each, means 1.5 and 6.5, SD 4: the Welch interval of
	// the difference 5, with about 2 degrees of freedom, is 5 ± 4.3 × 4,
	// far wider than ±6.
	a := cxmetrics.CESResult{Total: 2, Mean: 1.5, StdDev: 4, Scale: sc}
	b := cxmetrics.CESResult{Total: 2, Mean: 6.5, StdDev: 4, Scale: sc}
	c, err := cxmetrics.CompareCES(a, b, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if c.Interval.Lo != -6 || c.Interval.Hi != 6 {
		t.Errorf("CompareCES interval %+v, want clamped to [-6, 6]", c.Interval)
	}
}
