package cxmetrics_test

import (
	"errors"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// TestShapleyRegressionMtcars checks the Shapley values of mtcars's mpg on
// cyl, disp, hp and gear against two independent computations that agree
// to 15 digits: R, fitting lm(mpg ~ S) for every subset S and summing
// factorial(m) * factorial(k - m - 1) / factorial(k) * (R²(S ∪ j) − R²(S))
// (print(phi, digits = 15): 0.2470520332352080 0.2434995947956402
// 0.2109128995442742 0.0777251114079334, sum 0.779189638983056), and
// numpy, solving each subset's normal equations on numpy.corrcoef
// (the digits below). Their sum is R², the same as rwa's 0.7791896.
func TestShapleyRegressionMtcars(t *testing.T) {
	got, err := cxmetrics.ShapleyRegression(mtcarsDrivers(t))
	if err != nil {
		t.Fatal(err)
	}
	const r2 = 0.7791896389830555
	phi := []float64{0.2470520332352078, 0.24349959479564023, 0.210912899544274, 0.07772511140793341}
	means := []float64{6.1875, 230.72187500000004, 146.6875, 3.6875}
	corr := []float64{-0.8521619594266129, -0.8475513792624785, -0.7761683718265862, 0.4802847573388421}
	want := cxmetrics.KeyDrivers{RSquared: r2, Count: 32}
	for j := range phi {
		want.Drivers = append(want.Drivers, cxmetrics.DriverImportance{
			Weight: phi[j], Share: 100 * phi[j] / r2, Mean: means[j], Correlation: corr[j]})
	}
	if diff := gocmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestShapleyReference(t *testing.T) {
	for _, tc := range referenceCorrelations {
		t.Run(tc.name, func(t *testing.T) {
			rxx, rxy := split(tc.r)
			got, err := cxmetrics.ShapleyOf(rxx, rxy, len(rxy))
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tc.phi, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestShapleyLimit checks that more than MaxShapleyDrivers drivers is
// refused before any subset is fitted, and that the limit itself works.
func TestShapleyLimit(t *testing.T) {
	for _, k := range []int{cxmetrics.MaxShapleyDrivers, cxmetrics.MaxShapleyDrivers + 1} {
		d := driversOf(t, correlated(100, k, 3))
		got, err := cxmetrics.ShapleyRegression(d)
		if k > cxmetrics.MaxShapleyDrivers {
			if !errors.Is(err, cxmetrics.ErrInvalidArgument) || !strings.Contains(err.Error(), "21 drivers") {
				t.Errorf("k=%d: %v, want ErrInvalidArgument naming 21", k, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("k=%d: %v", k, err)
		}
		rw, err := cxmetrics.RelativeWeights(d)
		if err != nil {
			t.Fatal(err)
		}
		// Both decompose the same R².
		if diff := gocmp.Diff(rw.RSquared, got.RSquared, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
			t.Errorf("R² mismatch (-relative weights +Shapley):\n%s", diff)
		}
		var sum float64
		for _, dr := range got.Drivers {
			sum += dr.Weight
		}
		if diff := gocmp.Diff(got.RSquared, sum, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
			t.Errorf("Σφ mismatch (-R² +sum):\n%s", diff)
		}
	}
}
