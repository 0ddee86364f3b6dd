package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

func TestNPS(t *testing.T) {
	tests := []struct {
		name    string
		s       *cxmetrics.Survey
		want    cxmetrics.NPSResult
		wantErr error
	}{
		{
			// One answer of each score: promoters 9, 10; passives 7, 8;
			// detractors 0-6. 100 × (2 − 7) / 11.
			name: "one of each",
			s:    mustSurvey(t, cxmetrics.NPSScale, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
			want: cxmetrics.NPSResult{Promoters: 2, Passives: 2, Detractors: 7, Score: 100 * (2.0 - 7) / 11},
		},
		{
			// The bucket edges: 6 is a detractor, 7 a passive, 8 a
			// passive, 9 a promoter. 100 × (4 − 1) / 8.
			name: "edges",
			s:    mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, 0, 0, 0, 1, 2, 1, 4, 0),
			want: cxmetrics.NPSResult{Promoters: 4, Passives: 3, Detractors: 1, Score: 100 * 3.0 / 8},
		},
		{
			name: "all promoters",
			s:    mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2),
			want: cxmetrics.NPSResult{Promoters: 5, Score: 100},
		},
		{
			name: "all detractors",
			s:    mustSurvey(t, cxmetrics.NPSScale, 5),
			want: cxmetrics.NPSResult{Detractors: 5, Score: -100},
		},
		{
			// Not rounded: 100 × (1 − 0) / 3 = 33.333…, not 33.
			name: "thirds",
			s:    mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1),
			want: cxmetrics.NPSResult{Promoters: 1, Passives: 2, Score: 100.0 / 3},
		},
		{name: "1-10 scale refused", s: mustSurvey(t, cxmetrics.Scale{Min: 1, Max: 10}, 1), wantErr: cxmetrics.ErrScaleMismatch},
		{name: "1-5 scale refused", s: mustSurvey(t, cxmetrics.CSATScale, 1), wantErr: cxmetrics.ErrScaleMismatch},
		{name: "empty", s: mustSurvey(t, cxmetrics.NPSScale), wantErr: cxmetrics.ErrNoResponses},
		{name: "nil", s: nil, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "zero value", s: &cxmetrics.Survey{}, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.NPS(tt.s)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("NPS() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("NPS() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSFromCounts(t *testing.T) {
	tests := []struct {
		name          string
		pro, pas, det int64
		wantScore     float64
		wantErr       error
	}{
		// 70 promoters, 20 passives, 10 detractors:
		// 100 × (70 − 10) / 100 = 60.
		{name: "70/20/10", pro: 70, pas: 20, det: 10, wantScore: 60},
		// 100 × (45 − 20) / (45 + 35 + 20) = 25.
		{name: "45/35/20", pro: 45, pas: 35, det: 20, wantScore: 25},
		{name: "passives only", pas: 4, wantScore: 0},
		// Past 2⁵³ the count rounds as a float64, yet the score stays at
		// exactly −100: 100 × (−d / d). Scaling before dividing gave
		// −100.00000000000001 here.
		{name: "huge detractors only", det: 1044979241232755795, wantScore: -100},
		{name: "zero", wantErr: cxmetrics.ErrNoResponses},
		{name: "negative promoters", pro: -1, pas: 2, wantErr: cxmetrics.ErrNegative},
		{name: "negative detractors", pro: 1, det: -1, wantErr: cxmetrics.ErrNegative},
		{name: "total past int64", pro: math.MaxInt64, det: 1, wantErr: cxmetrics.ErrOverflow},
		{name: "pair past int64", pro: math.MaxInt64 / 2, pas: math.MaxInt64/2 + 2, wantErr: cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.NPSFromCounts(tt.pro, tt.pas, tt.det)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("NPSFromCounts() error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			want := cxmetrics.NPSResult{Promoters: tt.pro, Passives: tt.pas, Detractors: tt.det, Score: tt.wantScore}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("NPSFromCounts() mismatch (-want +got):\n%s", diff)
			}
			if got.Total() != tt.pro+tt.pas+tt.det {
				t.Errorf("Total() = %d, want %d", got.Total(), tt.pro+tt.pas+tt.det)
			}
		})
	}
}

func TestNPSStdErr(t *testing.T) {
	// Rocks' NPS package for R, tests/testthat: nps_var_ and nps_se_ of
	// counts (detractors, passives, promoters), on the -1..1 scale; here
	// in points, × 100.
	tests := []struct {
		name    string
		r       cxmetrics.NPSResult
		want    float64
		wantErr error
	}{
		{"Rocks 1:3, var 5/9", cxmetrics.NPSResult{Detractors: 1, Passives: 2, Promoters: 3}, 100 * math.Sqrt(5.0/9/6), nil},
		{"Rocks c(1,0,0)", cxmetrics.NPSResult{Detractors: 1}, 0, nil},
		{"Rocks c(0,1,0)", cxmetrics.NPSResult{Passives: 1}, 0, nil},
		{"Rocks c(0,0,1)", cxmetrics.NPSResult{Promoters: 1}, 0, nil},
		{"Rocks c(1,0,1), se 0.707", cxmetrics.NPSResult{Detractors: 1, Promoters: 1}, 100 * math.Sqrt(0.5), nil},
		{"Rocks c(0,1,1), se 0.354", cxmetrics.NPSResult{Passives: 1, Promoters: 1}, 100 * math.Sqrt(0.125), nil},
		{"Rocks c(1,1,1), se 0.471", cxmetrics.NPSResult{Detractors: 1, Passives: 1, Promoters: 1}, 100 * math.Sqrt(2.0/9), nil},
		// Near-degenerate samples, where p + d − (p − d)² cancels. Exact
		// rational variance [P(N − P) + D(N − D) + 2PD] / N², then
		// 100 × sqrt(v / N) in mpmath 1.3.0 at 50 digits.
		{"10¹² − 1 promoters and 1 detractor", cxmetrics.NPSResult{Promoters: 1e12 - 1, Detractors: 1}, 1.999999999999e-10, nil},
		{"2⁵³ promoters and 1 passive", cxmetrics.NPSResult{Promoters: 1 << 53, Passives: 1}, 1.1102230246251564e-14, nil},
		{"empty", cxmetrics.NPSResult{}, 0, cxmetrics.ErrNoResponses},
		{"negative", cxmetrics.NPSResult{Promoters: -1, Passives: 3}, 0, cxmetrics.ErrNegative},
		{"overflow", cxmetrics.NPSResult{Promoters: math.MaxInt64, Passives: 1}, 0, cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.r.StdErr()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, relApprox); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// The printed three-decimal figures of Rocks' tests, as a check on the
	// arithmetic above.
	for _, c := range []struct {
		r    cxmetrics.NPSResult
		want float64
	}{
		{cxmetrics.NPSResult{Detractors: 1, Passives: 2, Promoters: 3}, 30.4},
		{cxmetrics.NPSResult{Detractors: 1, Promoters: 1}, 70.7},
		{cxmetrics.NPSResult{Passives: 1, Promoters: 1}, 35.4},
		{cxmetrics.NPSResult{Detractors: 1, Passives: 1, Promoters: 1}, 47.1},
	} {
		if got, _ := c.r.StdErr(); math.Abs(got-c.want) > 0.1 {
			t.Errorf("StdErr(%+v) = %v, Rocks prints %v", c.r, got, c.want)
		}
	}
}

func TestNPSInterval(t *testing.T) {
	// Adjusted Wald (Rocks 2016; MeasuringU): n' = n + 3, ¾ added to
	// promoters and to detractors. Values are that arithmetic done in
	// mpmath at 40 digits; e.g. 50/30/20: p' = 50.75/103, d' = 20.75/103,
	// NPS' = 29.126213592233010, SE' = 7.6915104218147557 points.
	tests := []struct {
		name       string
		r          cxmetrics.NPSResult
		confidence float64
		want       cxmetrics.Interval
		wantErr    error
	}{
		{"50/30/20 at 95%", mustNPS(t, 50, 30, 20), 0.95, cxmetrics.Interval{Lo: 14.051130178761608, Hi: 44.201297005704412}, nil},
		{"Rocks 3/2/1 at 95%", mustNPS(t, 3, 2, 1), 0.95, cxmetrics.Interval{Lo: -26.743258794104544, Hi: 71.187703238548989}, nil},
		{"one detractor", mustNPS(t, 0, 0, 1), 0.95, cxmetrics.Interval{Lo: -98.498649420252034, Hi: 48.498649420252034}, nil},
		{"10 promoters clamped at 100", mustNPS(t, 10, 0, 0), 0.95, cxmetrics.Interval{Lo: 47.503551544790209, Hi: 100}, nil},
		// At 80% the same interval excludes the observed 100: p' = 10.75/13,
		// d' = 0.75/13 (mpmath 1.3.0 at 50 digits).
		{"10 promoters at 80% exclude the score", mustNPS(t, 10, 0, 0), 0.8, cxmetrics.Interval{Lo: 57.686683242623583, Hi: 96.159470603530263}, nil},
		{"confidence 1", mustNPS(t, 1, 1, 1), 1, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"confidence 0", mustNPS(t, 1, 1, 1), 0, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"confidence NaN", mustNPS(t, 1, 1, 1), math.NaN(), cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"confidence 95 (percent by mistake)", mustNPS(t, 1, 1, 1), 95, cxmetrics.Interval{}, cxmetrics.ErrInvalidArgument},
		{"empty", cxmetrics.NPSResult{}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrNoResponses},
		{"negative", cxmetrics.NPSResult{Detractors: -2}, 0.95, cxmetrics.Interval{}, cxmetrics.ErrNegative},
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

func TestCompareNPS(t *testing.T) {
	// a = 40/30/30 (NPS 10), b = 50/30/20 (NPS 30). Adjusted Wald in each
	// sample, as in Rocks' NPS package nps_test(test = "adjusted.wald")
	// and MeasuringU's two-NPS test, done in mpmath at 40 digits. Center is
	// 100 × (50.75 − 20.75)/103 − 100 × (40.75 − 30.75)/103 = 2000/103.
	a, b := mustNPS(t, 40, 30, 30), mustNPS(t, 50, 30, 20)
	huge := mustNPS(t, math.MaxInt64-2, 1, 1)
	tests := []struct {
		name       string
		a, b       cxmetrics.NPSResult
		confidence float64
		want       cxmetrics.Comparison
		wantErr    error
	}{
		{"10 to 30", a, b, 0.95, cxmetrics.Comparison{
			Diff: 20, StdErr: 11.208916023086054, Z: 1.7323241326960441, P: 0.083215867531571172,
			Interval: cxmetrics.Interval{Lo: -2.5515959828272609, Hi: 41.38654743913794},
			Center:   2000.0 / 103,
		}, nil},
		{"30 to 10, the sign flips", b, a, 0.95, cxmetrics.Comparison{
			Diff: -20, StdErr: 11.208916023086054, Z: -1.7323241326960441, P: 0.083215867531571172,
			Interval: cxmetrics.Interval{Lo: -41.38654743913794, Hi: 2.5515959828272609},
			Center:   -2000.0 / 103,
		}, nil},
		// One detractor against one promoter: Diff 200, but the adjusted
		// scores are ∓(1.75 − 0.75)/4, so Center = 50; SE' = sqrt(0.5625/4)
		// = 0.375 in each, StdErr = 37.5√2, Z = 50/(37.5√2) = 0.9428; the
		// interval (mpmath 1.3.0 at 50 digits) excludes
		// Diff.
		{"one answer each: the interval excludes Diff", mustNPS(t, 0, 0, 1), mustNPS(t, 1, 0, 0), 0.95, cxmetrics.Comparison{
			Diff: 200, StdErr: 37.5 * math.Sqrt2, Z: 50 / (37.5 * math.Sqrt2), P: 0.34577858615116032,
			Interval: cxmetrics.Interval{Lo: -53.942786826225826, Hi: 153.94278682622583},
			Center:   50,
		}, nil},
		// MaxInt64 − 2 promoters, 1 passive, 1 detractor against itself:
		// the adjusted variance in exact rationals, StdErr =
		// 100 × √2 × SE' in mpmath 1.3.0 at 50 digits.
		// The cancelling form gave StdErr 0 and Z = P = NaN.
		{"near MaxInt64 against itself", huge, huge, 0.95, cxmetrics.Comparison{
			StdErr: 4.7259277042315684e-17, P: 1,
			Interval: cxmetrics.Interval{Lo: -9.2626480938339339e-17, Hi: 9.2626480938339339e-17},
		}, nil},
		{"bad confidence", a, b, -0.5, cxmetrics.Comparison{}, cxmetrics.ErrInvalidArgument},
		{"a empty", cxmetrics.NPSResult{}, b, 0.95, cxmetrics.Comparison{}, cxmetrics.ErrNoResponses},
		{"b negative", a, cxmetrics.NPSResult{Passives: -1}, 0.95, cxmetrics.Comparison{}, cxmetrics.ErrNegative},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CompareNPS(tt.a, tt.b, tt.confidence)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, relApprox); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNPSResultTotalPastInt64 checks that the statistics of an NPSResult
// built by hand refuse counts whose total passes int64, on each side of
// the sum.
func TestNPSResultTotalPastInt64(t *testing.T) {
	for _, r := range []cxmetrics.NPSResult{
		{Promoters: math.MaxInt64 - 1, Passives: 1, Detractors: 1},
		{Promoters: 1, Passives: math.MaxInt64 - 1, Detractors: 1},
		{Promoters: 1, Passives: 1, Detractors: math.MaxInt64 - 1},
		{Promoters: math.MaxInt64, Passives: 1},
	} {
		if _, err := r.StdErr(); !errors.Is(err, cxmetrics.ErrOverflow) {
			t.Errorf("%+v.StdErr(): error %v, want ErrOverflow", r, err)
		}
		if _, err := r.Interval(0.95); !errors.Is(err, cxmetrics.ErrOverflow) {
			t.Errorf("%+v.Interval(0.95): error %v, want ErrOverflow", r, err)
		}
	}
}

// TestNPSSampleSizeEdges checks NPSSampleSize at the inclusive edges of
// its arguments. With z = 1.959964 at 95%, z² = 3.841459, and the variance
// v = p + d − (p − d)² on the 0-1 scale, n = ⌈(100 z √v / margin)²⌉:
func TestNPSSampleSizeEdges(t *testing.T) {
	tests := []struct {
		name               string
		p, d, margin, conf float64
		want               int64
	}{
		// No promoters: v = 0.2 − 0.04 = 0.16, n = ⌈3.841459 × 16⌉ = ⌈61.46⌉.
		{"no promoters", 0, 20, 10, 0.95, 62},
		{"no detractors", 20, 0, 10, 0.95, 62},
		// Nobody passive: v = 1 − 0.04 = 0.96, n = ⌈3.841459 × 96⌉ = ⌈368.78⌉.
		{"promoters and detractors make 100", 60, 40, 10, 0.95, 369},
		// The widest margin, 200 points: v = 0.6 − 0.04 = 0.56,
		// n = ⌈3.841459 × 0.56 / 4⌉ = ⌈0.54⌉.
		{"margin 200", 40, 20, 200, 0.95, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.NPSSampleSize(tc.p, tc.d, tc.margin, tc.conf)
			if err != nil || got != tc.want {
				t.Errorf("NPSSampleSize(%v, %v, %v, %v) = %d, %v, want %d", tc.p, tc.d, tc.margin, tc.conf, got, err, tc.want)
			}
		})
	}
}

func TestCompareNPSToBenchmark(t *testing.T) {
	// 50 promoters, 30 passives, 20 detractors: n' = 103,
	// p' = 50.75/103, d' = 20.75/103, NPS' = 30/103 = 29.126… points,
	// SE' = 100 × sqrt((71.5/103 − (30/103)²)/103) = 7.6915… . R 4.2.2,
	// the same formula written out:
	//
	//	k <- c(50, 30, 20); n <- sum(k) + 3; p <- (k[1] + .75)/n; d <- (k[3] + .75)/n
	//	se <- sqrt((p + d - (p - d)^2)/n); z <- (100*(p - d) - b)/(100*se)
	//	c(100*(p-d) - b, 100*se, z, 2*pnorm(-abs(z)),
	//	  100*(p-d) - qnorm(.975)*100*se - b, 100*(p-d) + qnorm(.975)*100*se - b)
	//
	// R's NPS package (Rocks) has nps_test(x) for one sample, but it
	// tests against 0 only, with the plain Wald variance, and its
	// documentation gives no example inputs to reproduce.
	r := mustNPS(t, 50, 30, 20)
	tests := []struct {
		name       string
		r          cxmetrics.NPSResult
		benchmark  float64
		confidence float64
		want       cxmetrics.Comparison
		wantErr    error
	}{
		{
			name: "industry 30", r: r, benchmark: 30, confidence: 0.95,
			want: cxmetrics.Comparison{
				Diff: 0, Center: -0.87378640776699257, StdErr: 7.6915104218147565,
				Z: -0.11360400751570833, P: 0.90955171038340377,
				Interval: cxmetrics.Interval{Lo: -15.948869821238393, Hi: 14.201297005704404},
			},
		},
		{
			name: "zero", r: r, benchmark: 0, confidence: 0.95,
			want: cxmetrics.Comparison{
				Diff: 30, Center: 29.126213592233007, StdErr: 7.6915104218147565,
				Z: 3.7868002505236009, P: 0.00015259967499699551,
				Interval: cxmetrics.Interval{Lo: 14.051130178761607, Hi: 44.201297005704404},
			},
		},
		{
			name: "ten", r: r, benchmark: 10, confidence: 0.95,
			want: cxmetrics.Comparison{
				Diff: 20, Center: 19.126213592233007, StdErr: 7.6915104218147565,
				Z: 2.486665497843831, P: 0.012894657799559261,
				Interval: cxmetrics.Interval{Lo: 4.051130178761607, Hi: 34.201297005704404},
			},
		},
		{name: "benchmark NaN", r: r, benchmark: math.NaN(), confidence: 0.95, wantErr: cxmetrics.ErrOutOfRange},
		{name: "benchmark 150", r: r, benchmark: 150, confidence: 0.95, wantErr: cxmetrics.ErrOutOfRange},
		{name: "benchmark -Inf", r: r, benchmark: math.Inf(-1), confidence: 0.95, wantErr: cxmetrics.ErrOutOfRange},
		{name: "bad confidence", r: r, benchmark: 30, confidence: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "no answers", r: cxmetrics.NPSResult{}, benchmark: 30, confidence: 0.95, wantErr: cxmetrics.ErrNoResponses},
		{name: "negative", r: cxmetrics.NPSResult{Promoters: -1, Passives: 2}, benchmark: 30, confidence: 0.95, wantErr: cxmetrics.ErrNegative},
		{name: "overflow", r: cxmetrics.NPSResult{Promoters: math.MaxInt64, Detractors: 1}, benchmark: 30, confidence: 0.95, wantErr: cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cxmetrics.CompareNPSToBenchmark(tt.r, tt.benchmark, tt.confidence)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("CompareNPSToBenchmark() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(1e-12, 1e-12)); diff != "" {
				t.Errorf("CompareNPSToBenchmark() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCompareNPSToBenchmarkMatchesInterval checks the duality the doc
// promises: P < 1 − confidence exactly when the benchmark lies outside
// the NPS interval, for benchmarks across the range, including one
// promoter alone, whose interval is clamped at 100.
func TestCompareNPSToBenchmarkMatchesInterval(t *testing.T) {
	for _, r := range []cxmetrics.NPSResult{mustNPS(t, 50, 30, 20), mustNPS(t, 1, 0, 0), mustNPS(t, 3, 90, 1)} {
		iv, err := r.Interval(0.9)
		if err != nil {
			t.Fatal(err)
		}
		for b := -100.0; b <= 100; b += 0.5 {
			c, err := cxmetrics.CompareNPSToBenchmark(r, b, 0.9)
			if err != nil {
				t.Fatal(err)
			}
			near := math.Abs(b-iv.Lo) < 1e-9 || math.Abs(b-iv.Hi) < 1e-9
			if !near && c.Significant(0.1) == iv.Contains(b) {
				t.Errorf("%+v, benchmark %v: P %v but interval %v", r, b, c.P, iv)
			}
			if !c.Interval.Contains(c.Center) || c.Interval.Lo < -100-b || c.Interval.Hi > 100-b {
				t.Errorf("%+v, benchmark %v: interval %v, center %v", r, b, c.Interval, c.Center)
			}
		}
	}
}
