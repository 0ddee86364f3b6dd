package cxmetrics_test

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
