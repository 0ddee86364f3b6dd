package cxmetrics_test

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

func TestSurveyAddN(t *testing.T) {
	type add struct {
		score int
		n     int64
	}
	tests := []struct {
		name       string
		adds       []add
		wantCounts []int64 // of CSATScale, 1 to 5
		wantErr    error   // of the last add
	}{
		{"one each", []add{{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}}, []int64{1, 1, 1, 1, 1}, nil},
		{"zero adds nothing", []add{{3, 0}}, []int64{0, 0, 0, 0, 0}, nil},
		{"counts add up", []add{{5, 2}, {5, 3}}, []int64{0, 0, 0, 0, 5}, nil},
		{"above the scale", []add{{5, 1}, {6, 1}}, []int64{0, 0, 0, 0, 1}, cxmetrics.ErrOutOfRange},
		{"below the scale", []add{{0, 1}}, []int64{0, 0, 0, 0, 0}, cxmetrics.ErrOutOfRange},
		{"negative count", []add{{2, 4}, {2, -1}}, []int64{0, 4, 0, 0, 0}, cxmetrics.ErrNegative},
		{"total reaches MaxInt64", []add{{1, math.MaxInt64 - 1}, {2, 1}}, []int64{math.MaxInt64 - 1, 1, 0, 0, 0}, nil},
		{"total past MaxInt64", []add{{1, math.MaxInt64}, {2, 1}}, []int64{math.MaxInt64, 0, 0, 0, 0}, cxmetrics.ErrOverflow},
		{"count past MaxInt64", []add{{1, math.MaxInt64}, {1, 1}}, []int64{math.MaxInt64, 0, 0, 0, 0}, cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := cxmetrics.NewSurvey(cxmetrics.CSATScale)
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range tt.adds {
				err = s.AddN(a.score, a.n)
				if i < len(tt.adds)-1 && err != nil {
					t.Fatalf("AddN(%d, %d) = %v", a.score, a.n, err)
				}
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("last AddN error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantCounts, counts(s)); diff != "" {
				t.Errorf("counts mismatch (-want +got):\n%s", diff)
			}
			var total int64
			for _, c := range tt.wantCounts {
				total += c
			}
			if s.Total() != total {
				t.Errorf("Total() = %d, want %d", s.Total(), total)
			}
		})
	}
}

func TestZeroSurvey(t *testing.T) {
	var s cxmetrics.Survey
	if err := s.Add(1); !errors.Is(err, cxmetrics.ErrInvalidScale) {
		t.Errorf("Add on zero Survey = %v, want ErrInvalidScale", err)
	}
	if got := s.Count(0); got != 0 {
		t.Errorf("Count on zero Survey = %d, want 0", got)
	}
	if _, err := s.Mean(); !errors.Is(err, cxmetrics.ErrNoResponses) {
		t.Errorf("Mean on zero Survey = %v, want ErrNoResponses", err)
	}
	if _, err := s.MarshalBinary(); !errors.Is(err, cxmetrics.ErrInvalidScale) {
		t.Errorf("MarshalBinary on zero Survey = %v, want ErrInvalidScale", err)
	}
	if _, err := s.MarshalJSON(); !errors.Is(err, cxmetrics.ErrInvalidScale) {
		t.Errorf("MarshalJSON on zero Survey = %v, want ErrInvalidScale", err)
	}
	other := mustSurvey(t, cxmetrics.CSATScale, 1)
	if err := s.Merge(other); !errors.Is(err, cxmetrics.ErrInvalidScale) {
		t.Errorf("Merge into zero Survey = %v, want ErrInvalidScale", err)
	}
	if err := other.Merge(&s); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("Merge of zero Survey = %v, want ErrInvalidArgument", err)
	}
}

func TestSurveyMerge(t *testing.T) {
	tests := []struct {
		name    string
		a, b    *cxmetrics.Survey
		want    []int64
		wantErr error
	}{
		{
			name: "counts add",
			a:    mustSurvey(t, cxmetrics.CSATScale, 1, 0, 2, 0, 3),
			b:    mustSurvey(t, cxmetrics.CSATScale, 0, 4, 1, 0, 1),
			want: []int64{1 + 0, 0 + 4, 2 + 1, 0, 3 + 1},
		},
		{
			name: "empty into full",
			a:    mustSurvey(t, cxmetrics.CSATScale, 1, 2, 3, 4, 5),
			b:    mustSurvey(t, cxmetrics.CSATScale),
			want: []int64{1, 2, 3, 4, 5},
		},
		{
			name:    "different scales",
			a:       mustSurvey(t, cxmetrics.CSATScale, 1, 2, 3, 4, 5),
			b:       mustSurvey(t, cxmetrics.Scale{Min: 1, Max: 7}, 1),
			want:    []int64{1, 2, 3, 4, 5},
			wantErr: cxmetrics.ErrScaleMismatch,
		},
		{
			name:    "nil",
			a:       mustSurvey(t, cxmetrics.CSATScale, 1, 2, 3, 4, 5),
			want:    []int64{1, 2, 3, 4, 5},
			wantErr: cxmetrics.ErrInvalidArgument,
		},
		{
			name:    "total overflows, nothing merged",
			a:       mustSurvey(t, cxmetrics.CSATScale, 1, 0, 0, 0, math.MaxInt64-1),
			b:       mustSurvey(t, cxmetrics.CSATScale, 1, 1),
			want:    []int64{1, 0, 0, 0, math.MaxInt64 - 1},
			wantErr: cxmetrics.ErrOverflow,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.Merge(tt.b)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Merge() = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, counts(tt.a)); diff != "" {
				t.Errorf("counts mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSurveyMergeSelf(t *testing.T) {
	s := mustSurvey(t, cxmetrics.CSATScale, 1, 2, 3, 4, 5)
	if err := s.Merge(s); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{2, 4, 6, 8, 10}, counts(s)); diff != "" {
		t.Errorf("counts mismatch (-want +got):\n%s", diff)
	}
	if s.Total() != 30 {
		t.Errorf("Total() = %d, want 2 × 15 = 30", s.Total())
	}
}

func TestSurveyMean(t *testing.T) {
	tests := []struct {
		name    string
		s       *cxmetrics.Survey
		want    float64
		wantErr error
	}{
		{"one answer", mustSurvey(t, cxmetrics.CSATScale, 0, 0, 1), 3, nil},
		// (1×1 + 2×2 + 3×3 + 4×4 + 5×5) / 15 = 55 / 15
		{"1 to 5", mustSurvey(t, cxmetrics.CSATScale, 1, 2, 3, 4, 5), 55.0 / 15, nil},
		// (−2×1 + 2×3) / 4 = 1
		{"negative scale", mustSurvey(t, cxmetrics.Scale{Min: -2, Max: 2}, 1, 0, 0, 0, 3), 1, nil},
		// Σ score × count = 10 × (MaxInt64/2) passes int64; mean (0 + 10) / 2.
		{"huge counts", mustSurvey(t, cxmetrics.NPSScale, math.MaxInt64/2, 0, 0, 0, 0, 0, 0, 0, 0, 0, math.MaxInt64/2), 5, nil},
		{"empty", mustSurvey(t, cxmetrics.CSATScale), 0, cxmetrics.ErrNoResponses},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.s.Mean()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Mean() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("Mean() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSurveyMeanAtIntLimits checks Mean on scales whose bounds float64
// cannot hold exactly (past 2⁵³ it steps by 2, past 2⁶² by 1024): the
// mean must lie within [float64(Min), float64(Max)], the range that
// CESResult.Interval checks it against, and be the exact mean, computed
// as a fraction with math/big, rounded to float64 (within an ulp).
func TestSurveyMeanAtIntLimits(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("the scales need a 64-bit int")
	}
	var p62, p53 int64 = 1 << 62, 1 << 53 // variables: constants past int32 would not compile
	tests := []struct {
		name                   string
		min, max               int64
		atMin, belowMax, atMax int64 // answers at Min, at Max − 1 and at Max
	}{
		{"2⁶² + 513 to 2⁶² + 1513, all at Max", p62 + 513, p62 + 1513, 0, 0, 2},
		{"2⁶² + 513 to 2⁶² + 1513, Max − ½", p62 + 513, p62 + 1513, 0, 1, 1},
		{"2⁶² − 10 to 2⁶², all at Max", p62 - 10, p62, 0, 0, 3},
		{"2⁶² − 10 to 2⁶², Max − ¾", p62 - 10, p62, 0, 3, 1},
		{"2⁵³ − 500 to 2⁵³ + 500, Max − ¼", p53 - 500, p53 + 500, 0, 1, 3},
		{"top of int, all at Max", math.MaxInt64 - 1000, math.MaxInt64, 0, 0, 5},
		{"top of int, Min and Max", math.MaxInt64 - 1000, math.MaxInt64, 1, 0, 1},
		{"bottom of int, all at Min", math.MinInt64, math.MinInt64 + 1000, 7, 0, 0},
		{"bottom of int, Min + ⅓ of the way", math.MinInt64, math.MinInt64 + 1000, 2, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := cxmetrics.Scale{Min: int(tt.min), Max: int(tt.max)}
			s := mustSurvey(t, sc)
			for _, a := range []struct {
				score int
				n     int64
			}{{sc.Min, tt.atMin}, {sc.Max - 1, tt.belowMax}, {sc.Max, tt.atMax}} {
				if err := s.AddN(a.score, a.n); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Mean()
			if err != nil {
				t.Fatal(err)
			}
			if !(got >= float64(sc.Min) && got <= float64(sc.Max)) {
				t.Errorf("Mean() = %v, outside [%v, %v]", got, float64(sc.Min), float64(sc.Max))
			}
			// (Min × atMin + (Max − 1) × belowMax + Max × atMax) / total
			sum := new(big.Int).Mul(big.NewInt(tt.min), big.NewInt(tt.atMin))
			sum.Add(sum, new(big.Int).Mul(big.NewInt(tt.max-1), big.NewInt(tt.belowMax)))
			sum.Add(sum, new(big.Int).Mul(big.NewInt(tt.max), big.NewInt(tt.atMax)))
			want, _ := new(big.Rat).SetFrac(sum, big.NewInt(tt.atMin+tt.belowMax+tt.atMax)).Float64()
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0x1p-52, 0)); diff != "" {
				t.Errorf("Mean() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSurveyAtMaxInt64 checks a survey of exactly math.MaxInt64 answers:
// Merge may reach that total, the mean's 128-bit sum carries past 2⁶⁴
// correctly, and both encodings round-trip a count of MaxInt64.
func TestSurveyAtMaxInt64(t *testing.T) {
	s := mustSurvey(t, cxmetrics.NPSScale, math.MaxInt64-1)
	if err := s.Merge(mustSurvey(t, cxmetrics.NPSScale, 0, 1)); err != nil || s.Total() != math.MaxInt64 {
		t.Errorf("Merge up to MaxInt64: total %d, %v", s.Total(), err)
	}

	// 2⁶² − 1 threes and 2⁶² sevens: Σ answers = 10 × 2⁶² − 3, past 2⁶⁴
	// (the low words 3 × 2⁶² − 3 and 7 × 2⁶² mod 2⁶⁴ carry), over
	// 2⁶³ − 1 answers: 5 + 2/(2⁶³ − 1), which is 5 in float64.
	m := mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, 1<<62-1, 0, 0, 0, 1<<62)
	if got, err := m.Mean(); err != nil || got != 5 {
		t.Errorf("Mean() of 2⁶² − 1 threes and 2⁶² sevens = %v, %v, want 5", got, err)
	}

	one := mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, math.MaxInt64)
	bin, err := one.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	js, err := one.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var fromBin, fromJSON cxmetrics.Survey
	if err := fromBin.UnmarshalBinary(bin); err != nil || fromBin.Count(10) != math.MaxInt64 {
		t.Errorf("UnmarshalBinary of a count of MaxInt64: count %d, %v", fromBin.Count(10), err)
	}
	if err := fromJSON.UnmarshalJSON(js); err != nil || fromJSON.Count(10) != math.MaxInt64 {
		t.Errorf("UnmarshalJSON of a count of MaxInt64: count %d, %v", fromJSON.Count(10), err)
	}
}

// TestSurveyAddNearMaxInt64 checks that AddN and Merge refuse a total past
// math.MaxInt64 with ErrOverflow and leave the survey as it was.
func TestSurveyAddNearMaxInt64(t *testing.T) {
	s := mustSurvey(t, cxmetrics.NPSScale, math.MaxInt64-1)
	if err := s.AddN(10, 2); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("AddN past MaxInt64: error %v, want ErrOverflow", err)
	}
	if err := s.Add(10); err != nil {
		t.Errorf("Add up to MaxInt64: %v", err)
	}
	one := mustSurvey(t, cxmetrics.NPSScale, 1)
	if err := s.Merge(one); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("Merge past MaxInt64: error %v, want ErrOverflow", err)
	}
	want := make([]int64, 11)
	want[0], want[10] = math.MaxInt64-1, 1
	if diff := cmp.Diff(want, counts(s)); diff != "" || s.Total() != math.MaxInt64 {
		t.Errorf("after the failed calls: total %d, counts mismatch (-want +got):\n%s", s.Total(), diff)
	}
}
