package cxmetrics_test

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// counts returns the Survey's counts from Min to Max.
func counts(s *cxmetrics.Survey) []int64 {
	sc := s.Scale()
	c := make([]int64, 0, sc.Points())
	for i := range sc.Points() { // not v <= Max: Max may be MaxInt
		c = append(c, s.Count(sc.Min+i))
	}
	return c
}

// mustSurvey returns a Survey on scale with the given counts from Min up.
func mustSurvey(t testing.TB, scale cxmetrics.Scale, c ...int64) *cxmetrics.Survey {
	t.Helper()
	s, err := cxmetrics.NewSurvey(scale)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range c {
		if err := s.AddN(scale.Min+i, n); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestScaleValidate(t *testing.T) {
	tests := []struct {
		name    string
		scale   cxmetrics.Scale
		points  int
		wantErr error
	}{
		{"NPS 0-10", cxmetrics.NPSScale, 11, nil},
		{"CSAT 1-5", cxmetrics.CSATScale, 5, nil},
		{"CES 1-7", cxmetrics.CESScale, 7, nil},
		{"two points", cxmetrics.Scale{Min: 0, Max: 1}, 2, nil},
		{"negative range", cxmetrics.Scale{Min: -3, Max: 3}, 7, nil},
		{"widest: 1001 points", cxmetrics.Scale{Min: 0, Max: 1000}, 1001, nil},
		{"1002 points", cxmetrics.Scale{Min: 0, Max: 1001}, 0, cxmetrics.ErrInvalidScale},
		{"zero value", cxmetrics.Scale{}, 0, cxmetrics.ErrInvalidScale},
		{"Min > Max", cxmetrics.Scale{Min: 5, Max: 1}, 0, cxmetrics.ErrInvalidScale},
		{"whole int range", cxmetrics.Scale{Min: math.MinInt, Max: math.MaxInt}, 0, cxmetrics.ErrInvalidScale},
		{"at the top of int", cxmetrics.Scale{Min: math.MaxInt - 10, Max: math.MaxInt}, 11, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.scale.Validate()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Validate() = %v, want %v", err, tt.wantErr)
			}
			if got := tt.scale.Points(); got != tt.points {
				t.Errorf("Points() = %d, want %d", got, tt.points)
			}
			_, err = cxmetrics.NewSurvey(tt.scale)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("NewSurvey() error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestScaleContains(t *testing.T) {
	for _, tt := range []struct {
		scale cxmetrics.Scale
		score int
		want  bool
	}{
		{cxmetrics.NPSScale, 0, true},
		{cxmetrics.NPSScale, 10, true},
		{cxmetrics.NPSScale, 11, false},
		{cxmetrics.NPSScale, -1, false},
		{cxmetrics.CSATScale, 0, false},
		{cxmetrics.Scale{}, 0, false},
	} {
		if got := tt.scale.Contains(tt.score); got != tt.want {
			t.Errorf("%v.Contains(%d) = %v, want %v", tt.scale, tt.score, got, tt.want)
		}
	}
}

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

func TestTally(t *testing.T) {
	tests := []struct {
		name    string
		scale   cxmetrics.Scale
		scores  []int
		want    []int64
		wantErr error
	}{
		{"empty", cxmetrics.CSATScale, nil, []int64{0, 0, 0, 0, 0}, nil},
		{"each once", cxmetrics.CSATScale, []int{5, 4, 3, 2, 1}, []int64{1, 1, 1, 1, 1}, nil},
		{"repeats", cxmetrics.CSATScale, []int{5, 5, 1, 5}, []int64{1, 0, 0, 0, 3}, nil},
		{"last answer bad", cxmetrics.CSATScale, []int{5, 5, 6}, nil, cxmetrics.ErrOutOfRange},
		{"first answer bad", cxmetrics.CSATScale, []int{0, 5, 5}, nil, cxmetrics.ErrOutOfRange},
		{"far below", cxmetrics.CSATScale, []int{math.MinInt}, nil, cxmetrics.ErrOutOfRange},
		{"far above", cxmetrics.CSATScale, []int{math.MaxInt}, nil, cxmetrics.ErrOutOfRange},
		{"bad scale", cxmetrics.Scale{Min: 1, Max: 1}, []int{1}, nil, cxmetrics.ErrInvalidScale},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := cxmetrics.Tally(tt.scale, tt.scores)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Tally() error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if s != nil {
					t.Errorf("Tally() returned a Survey with an error")
				}
				return
			}
			if diff := cmp.Diff(tt.want, counts(s)); diff != "" {
				t.Errorf("counts mismatch (-want +got):\n%s", diff)
			}
			if s.Total() != int64(len(tt.scores)) {
				t.Errorf("Total() = %d, want %d", s.Total(), len(tt.scores))
			}
		})
	}
}

// TestTallyTypes checks every element type of Integer, including values
// that only wrap into range if converted carelessly.
func TestTallyTypes(t *testing.T) {
	check := func(name string, s *cxmetrics.Survey, err error, want []int64, wantErr error) {
		t.Helper()
		if !errors.Is(err, wantErr) {
			t.Errorf("%s: error = %v, want %v", name, err, wantErr)
			return
		}
		if err == nil {
			if diff := cmp.Diff(want, counts(s)); diff != "" {
				t.Errorf("%s: counts mismatch (-want +got):\n%s", name, diff)
			}
		}
	}
	nps := cxmetrics.NPSScale
	want := []int64{1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}
	s, err := cxmetrics.Tally(nps, []int8{0, 9, 10})
	check("int8", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []int16{0, 9, 10})
	check("int16", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []int32{0, 9, 10})
	check("int32", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []int64{0, 9, 10})
	check("int64", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint{0, 9, 10})
	check("uint", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint8{0, 9, 10})
	check("uint8", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint16{0, 9, 10})
	check("uint16", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint32{0, 9, 10})
	check("uint32", s, err, want, nil)
	s, err = cxmetrics.Tally(nps, []uint64{0, 9, 10})
	check("uint64", s, err, want, nil)

	// 2⁶⁴ − 1 and −1 share their bits; only one is on a scale of −1 to 1.
	pm := cxmetrics.Scale{Min: -1, Max: 1}
	s, err = cxmetrics.Tally(pm, []uint64{math.MaxUint64})
	check("uint64 max on -1..1", s, err, nil, cxmetrics.ErrOutOfRange)
	s, err = cxmetrics.Tally(pm, []int64{-1})
	check("int64 -1 on -1..1", s, err, []int64{1, 0, 0}, nil)
	s, err = cxmetrics.Tally(pm, []uint8{255})
	check("uint8 255 on -1..1", s, err, nil, cxmetrics.ErrOutOfRange)
	s, err = cxmetrics.Tally(pm, []int8{-1, 1})
	check("int8 on -1..1", s, err, []int64{1, 0, 1}, nil)
	top := cxmetrics.Scale{Min: math.MaxInt64 - 1, Max: math.MaxInt64}
	s, err = cxmetrics.Tally(top, []int64{math.MinInt64, math.MaxInt64})
	check("MinInt64 on the top of int64", s, err, nil, cxmetrics.ErrOutOfRange)
	s, err = cxmetrics.Tally(top, []uint64{math.MaxInt64})
	check("MaxInt64 as uint64", s, err, []int64{0, 1}, nil)

	// Scales that no value of the element type reaches: a uint8 is never
	// negative and an int8 never reaches 200. No answer is on the scale,
	// so an empty slice tallies to zeros and any answer is out of range.
	neg := cxmetrics.Scale{Min: -3, Max: -1}
	s, err = cxmetrics.Tally(neg, []uint8{})
	check("no uint8 on -3..-1, empty", s, err, []int64{0, 0, 0}, nil)
	s, err = cxmetrics.Tally(neg, []uint8{253})
	check("uint8 253 on -3..-1", s, err, nil, cxmetrics.ErrOutOfRange)
	high := cxmetrics.Scale{Min: 200, Max: 202}
	s, err = cxmetrics.Tally(high, []int8{-56})
	check("int8 -56 on 200..202", s, err, nil, cxmetrics.ErrOutOfRange)
}
