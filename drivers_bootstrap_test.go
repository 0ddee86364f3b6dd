package cxmetrics_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

var wideScale = cxmetrics.Scale{Min: -100, Max: 100}

func TestBootstrapRelativeWeights(t *testing.T) {
	rows := correlated(200, 4, 8)
	a, err := cxmetrics.BootstrapRelativeWeights(rows, cxmetrics.NPSScale, cxmetrics.CSATScale, 300, 0.95, rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := cxmetrics.BootstrapRelativeWeights(rows, cxmetrics.NPSScale, cxmetrics.CSATScale, 300, 0.95, rand.NewPCG(1, 2))
	c, _ := cxmetrics.BootstrapRelativeWeights(rows, cxmetrics.NPSScale, cxmetrics.CSATScale, 300, 0.95, rand.NewPCG(3, 4))
	if !slices.Equal(a, b) {
		t.Errorf("the same seed gave %v and %v", a, b)
	}
	if slices.Equal(a, c) {
		t.Errorf("two seeds gave the same intervals %v", a)
	}
	narrow, _ := cxmetrics.BootstrapRelativeWeights(rows, cxmetrics.NPSScale, cxmetrics.CSATScale, 300, 0.5, rand.NewPCG(1, 2))
	est, err := cxmetrics.RelativeWeights(driversOf(t, rows))
	if err != nil {
		t.Fatal(err)
	}
	for j, iv := range a {
		w := est.Drivers[j].Weight
		if !iv.Contains(w) || !(iv.Lo >= 0 && iv.Hi <= 1 && iv.Lo < iv.Hi) {
			t.Errorf("driver %d: interval %v for weight %v", j, iv, w)
		}
		if !(narrow[j].Lo >= iv.Lo && narrow[j].Hi <= iv.Hi) {
			t.Errorf("driver %d: 50%% interval %v not within the 95%% one %v", j, narrow[j], iv)
		}
	}
}

func TestBootstrapRelativeWeightsErrors(t *testing.T) {
	rows := correlated(50, 2, 9)
	bad := slices.Clone(rows)
	bad[7] = cxmetrics.Respondent{Outcome: 12, Ratings: []float64{1, 2}}
	constant := make([]cxmetrics.Respondent, 30)
	for i := range constant {
		constant[i] = cxmetrics.Respondent{Outcome: float64(i % 11), Ratings: []float64{3, float64(1 + i%5)}}
	}
	src := rand.NewPCG(1, 1)
	cases := []struct {
		name       string
		rows       []cxmetrics.Respondent
		reps       int
		confidence float64
		src        rand.Source
		wantErr    error
		wantMsg    string
	}{
		{"nil source", rows, 200, 0.95, nil, cxmetrics.ErrInvalidArgument, "nil random source"},
		{"too few reps", rows, 99, 0.95, src, cxmetrics.ErrInvalidArgument, "99 resamples"},
		{"too many reps", rows, cxmetrics.MaxBootstrapReps + 1, 0.95, src, cxmetrics.ErrInvalidArgument, "100001 resamples"},
		{"confidence in percent", rows, 200, 95, src, cxmetrics.ErrInvalidArgument, "confidence 95"},
		{"no rows", nil, 200, 0.95, src, cxmetrics.ErrNoResponses, "no rows"},
		{"a bad row", bad, 200, 0.95, src, cxmetrics.ErrOutOfRange, "row 7"},
		{"constant driver", constant, 200, 0.95, src, cxmetrics.ErrUndefined, "driver 0 has no variance"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.BootstrapRelativeWeights(tc.rows, cxmetrics.NPSScale, cxmetrics.CSATScale, tc.reps, tc.confidence, tc.src)
			if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), tc.wantMsg) || got != nil {
				t.Fatalf("got %v, %v; want %v saying %q", got, err, tc.wantErr, tc.wantMsg)
			}
		})
	}
	// Five respondents with 3 drivers: most resamples repeat a row so
	// often that fewer than k + 2 distinct ones remain, or a driver is
	// constant; the weights of all five exist, those of the resamples
	// mostly do not.
	few := []cxmetrics.Respondent{
		{Outcome: 1, Ratings: []float64{1, 2, 4}}, {Outcome: 5, Ratings: []float64{2, 1, 3}},
		{Outcome: 3, Ratings: []float64{4, 4, 1}}, {Outcome: 8, Ratings: []float64{5, 2, 5}},
		{Outcome: 6, Ratings: []float64{3, 5, 2}},
	}
	_, err := cxmetrics.BootstrapRelativeWeights(few, cxmetrics.NPSScale, cxmetrics.CSATScale, 100, 0.95, rand.NewPCG(5, 5))
	if !errors.Is(err, cxmetrics.ErrUndefined) || !strings.Contains(err.Error(), "resamples without relative weights") {
		t.Errorf("five respondents: %v, want ErrUndefined for the resamples", err)
	}
}

// TestBootstrapCoverage draws 200 samples of 300 respondents from a
// population whose relative weights are known, and counts how often the
// 90% intervals cover them. The population: three drivers, standard
// normal with correlations 0.5, and outcome y = x₀ + 0.5 x₁ + 0.25 x₂ + e
// with e standard normal; its correlation matrix follows by arithmetic:
// var(y) = bᵀΣb + 1 = 1 + 0.25 + 0.0625 + 2×0.5×(0.5 + 0.25 + 0.125) + 1
// = 3.1875, cov(xⱼ, y) = (Σb)ⱼ = 1 + 0.25 + 0.125, 0.5 + 0.5 + 0.125,
// 0.5 + 0.25 + 0.25 = 1.375, 1.125, 1.0.
func TestBootstrapCoverage(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("coverage takes a second, half a minute under the race detector; it starts no goroutine")
	}
	sy := math.Sqrt(3.1875)
	rxx := []float64{1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1}
	rxy := []float64{1.375 / sy, 1.125 / sy, 1.0 / sy}
	truth, err := cxmetrics.RelativeWeightsOf(rxx, rxy, 3)
	if err != nil {
		t.Fatal(err)
	}
	// x = L z with L the Cholesky factor of Σ (correlations 0.5).
	l := [3][3]float64{{1, 0, 0}, {0.5, math.Sqrt(0.75), 0}, {0.5, 0.5 / math.Sqrt(3), math.Sqrt(2.0 / 3)}}
	r := rand.New(rand.NewPCG(11, 12))
	const samples, n = 200, 300
	covered := make([]int, 3)
	for range samples {
		rows := make([]cxmetrics.Respondent, n)
		for i := range rows {
			z := [3]float64{r.NormFloat64(), r.NormFloat64(), r.NormFloat64()}
			x := make([]float64, 3)
			for a := range 3 {
				for b := range 3 {
					x[a] += l[a][b] * z[b]
				}
			}
			rows[i] = cxmetrics.Respondent{Outcome: x[0] + 0.5*x[1] + 0.25*x[2] + r.NormFloat64(), Ratings: x}
		}
		ivs, err := cxmetrics.BootstrapRelativeWeights(rows, wideScale, wideScale, 200, 0.90, rand.NewPCG(r.Uint64(), 1))
		if err != nil {
			t.Fatal(err)
		}
		for j, iv := range ivs {
			if iv.Contains(truth[j]) {
				covered[j]++
			}
		}
	}
	for j, c := range covered {
		rate := float64(c) / samples
		t.Logf("driver %d: true weight %.4f, 90%% intervals covered it in %.1f%% of %d samples", j, truth[j], 100*rate, samples)
		// Binomial(200, 0.9) has sd 2.1%: 82% to 97% is nominal give or take
		// 3.5 sd and the percentile bootstrap's small-sample bias.
		if !(rate >= 0.82 && rate <= 0.97) {
			t.Errorf("driver %d: coverage %.1f%%, want about 90%%", j, 100*rate)
		}
	}
}
