package cxmetrics_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// TestRelativeWeightsMtcars reproduces the worked example of the README of
// R's rwa package (martinctc/rwa, "Basic example"):
//
//	rwa(mtcars, outcome = "mpg", predictors = c("cyl", "disp", "hp", "gear"))
//
// which prints rsquare 0.7791896, Raw.RelWeight 0.2284797, 0.2221469,
// 0.2321744, 0.0963886 and Rescaled.RelWeight 29.32274, 28.50999,
// 29.79691, 12.37037. Those 7 digits are checked to their last place; the
// full digits come from an independent numpy implementation on the same
// 32 rows X (mpg first):
//
//	R = np.corrcoef(X, rowvar=False); rxx = R[1:, 1:]; rxy = R[1:, 0]
//	w, P = np.linalg.eigh(rxx); L = P @ np.diag(np.sqrt(w)) @ P.T
//	b = np.linalg.solve(L, rxy); eps = (L**2) @ (b**2)
//
// which prints eps 0.22847972592821647 0.2221468705400008
// 0.2321744392994471 0.09638860321539112 and eps.sum()
// 0.7791896389830555; the means are X.mean(0), the correlations R[0, 1:].
func TestRelativeWeightsMtcars(t *testing.T) {
	got, err := cxmetrics.RelativeWeights(mtcarsDrivers(t))
	if err != nil {
		t.Fatal(err)
	}
	published := []float64{0.7791896, 0.2284797, 0.2221469, 0.2321744, 0.0963886, 29.32274, 28.50999, 29.79691, 12.37037}
	gotPrinted := []float64{got.RSquared}
	for _, d := range got.Drivers {
		gotPrinted = append(gotPrinted, d.Weight)
	}
	for _, d := range got.Drivers {
		gotPrinted = append(gotPrinted, d.Share)
	}
	for i, want := range published {
		// rwa prints 7 significant digits: half a unit in the last place.
		ulp := math.Pow(10, math.Floor(math.Log10(want))-6)
		if math.Abs(gotPrinted[i]-want) > ulp/2 {
			t.Errorf("figure %d = %.10g, rwa prints %.7g", i, gotPrinted[i], want)
		}
	}
	want := cxmetrics.KeyDrivers{
		RSquared: 0.7791896389830555,
		Count:    32,
		Drivers: []cxmetrics.DriverImportance{
			{Weight: 0.22847972592821647, Share: 29.322736660925376, Mean: 6.1875, Correlation: -0.8521619594266129},
			{Weight: 0.2221468705400008, Share: 28.509987739304588, Mean: 230.72187500000004, Correlation: -0.8475513792624785},
			{Weight: 0.2321744392994471, Share: 29.79691049312015, Mean: 146.6875, Correlation: -0.7761683718265862},
			{Weight: 0.09638860321539112, Share: 12.370365106649889, Mean: 3.6875, Correlation: 0.4802847573388421},
		},
	}
	if diff := gocmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// referenceCorrelations are two correlation matrices, outcome first, of
// 200 draws of correlated normals rounded to 3 places,
//
//	rng = np.random.default_rng(20)   # k = 6 first, then k = 9
//	A = rng.standard_normal((200, k+1)); A[:, 1:] += 0.8 * A[:, [0]]
//	R = np.round(np.corrcoef(A, rowvar=False), 3); np.fill_diagonal(R, 1)
//
// with the raw relative weights numpy gives for them (eps as in
// TestRelativeWeightsMtcars, from np.linalg.eigh), the eigenvalues w of
// np.linalg.eigh(rxx), and the Shapley values phi from R²(S) =
// rxy[S] @ np.linalg.solve(rxx[np.ix_(S, S)], rxy[S]) on every subset
// (itertools.combinations), weighted s!(k−s−1)!/k!.
var referenceCorrelations = []struct {
	name       string
	r          [][]float64
	eps, phi   []float64
	eigenvalue []float64 // numpy.linalg.eigh of the drivers' block, ascending
}{
	{
		name: "k=6",
		r: [][]float64{
			{1.000, 0.665, 0.604, 0.663, 0.611, 0.584, 0.685},
			{0.665, 1.000, 0.405, 0.472, 0.478, 0.374, 0.437},
			{0.604, 0.405, 1.000, 0.390, 0.358, 0.458, 0.345},
			{0.663, 0.472, 0.390, 1.000, 0.350, 0.429, 0.396},
			{0.611, 0.478, 0.358, 0.350, 1.000, 0.372, 0.416},
			{0.584, 0.374, 0.458, 0.429, 0.372, 1.000, 0.361},
			{0.685, 0.437, 0.345, 0.396, 0.416, 0.361, 1.000},
		},
		eps:        []float64{0.13830935859556764, 0.11875153438980417, 0.15473451803129182, 0.11936074787993921, 0.09932387959205992, 0.18456192250878573},
		phi:        []float64{0.14211227163822038, 0.11743599461533019, 0.15455835328806813, 0.11854341057232981, 0.09978174591524129, 0.18261018496825832},
		eigenvalue: []float64{0.4619768390263289, 0.552688781851584, 0.5894117083867325, 0.6326700372871793, 0.7473825640463356, 3.015870069401837},
	},
	{
		name: "k=9",
		r: [][]float64{
			{1.000, 0.643, 0.644, 0.696, 0.667, 0.610, 0.629, 0.624, 0.691, 0.679},
			{0.643, 1.000, 0.480, 0.504, 0.393, 0.426, 0.422, 0.431, 0.442, 0.477},
			{0.644, 0.480, 1.000, 0.543, 0.390, 0.443, 0.418, 0.431, 0.415, 0.439},
			{0.696, 0.504, 0.543, 1.000, 0.427, 0.404, 0.399, 0.461, 0.473, 0.461},
			{0.667, 0.393, 0.390, 0.427, 1.000, 0.444, 0.444, 0.444, 0.501, 0.424},
			{0.610, 0.426, 0.443, 0.404, 0.444, 1.000, 0.365, 0.379, 0.433, 0.322},
			{0.629, 0.422, 0.418, 0.399, 0.444, 0.365, 1.000, 0.359, 0.440, 0.437},
			{0.624, 0.431, 0.431, 0.461, 0.444, 0.379, 0.359, 1.000, 0.469, 0.456},
			{0.691, 0.442, 0.415, 0.473, 0.501, 0.433, 0.440, 0.469, 1.000, 0.495},
			{0.679, 0.477, 0.439, 0.461, 0.424, 0.322, 0.437, 0.456, 0.495, 1.000},
		},
		eps:        []float64{0.08284972613439341, 0.08470896349781117, 0.1119479187415302, 0.10502339684437738, 0.08689431465191233, 0.09274563158493546, 0.08038750635845007, 0.10613654169207319, 0.11111722516536336},
		phi:        []float64{0.08427254784998324, 0.08587907104338817, 0.11403473888611484, 0.10459506017175522, 0.08360381147480087, 0.09005636133650821, 0.07989284427373827, 0.10885221611387115, 0.11062457352068705},
		eigenvalue: []float64{0.418599345816723, 0.4730357234561073, 0.48778031905311225, 0.515690309641691, 0.5413749140858755, 0.6460629893258769, 0.7050615289972076, 0.7198436006896424, 4.492551268933766},
	},
}

// split returns the drivers' block of a correlation matrix r (outcome
// first), row by row, and the drivers' correlations with the outcome.
func split(r [][]float64) (rxx, rxy []float64) {
	for i, row := range r[1:] {
		rxy = append(rxy, row[0])
		rxx = append(rxx, r[i+1][1:]...)
	}
	return rxx, rxy
}

func TestRelativeWeightsReference(t *testing.T) {
	for _, tc := range referenceCorrelations {
		t.Run(tc.name, func(t *testing.T) {
			rxx, rxy := split(tc.r)
			k := len(rxy)
			got, err := cxmetrics.RelativeWeightsOf(rxx, rxy, k)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tc.eps, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			vals, vecs, err := cxmetrics.SymmetricEigen(rxx, k)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(vals)
			if diff := gocmp.Diff(tc.eigenvalue, vals, cmpopts.EquateApprox(0, 1e-13)); diff != "" {
				t.Errorf("eigenvalues mismatch (-want +got):\n%s", diff)
			}
			// P Pᵀ = I: the eigenvectors are orthonormal.
			for i := range k {
				for j := range k {
					var s float64
					for m := range k {
						s += vecs[i*k+m] * vecs[j*k+m]
					}
					if want := float64(boolInt(i == j)); math.Abs(s-want) > 1e-13 {
						t.Errorf("(P Pᵀ)[%d][%d] = %v", i, j, s)
					}
				}
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestSymmetricEigenTridiagonal checks the Jacobi solver on the matrix
// with 2 on the diagonal and −1 beside it, whose eigenvalues are
// 2 − 2 cos(jπ/(n+1)), j = 1…n (the second-difference matrix; any text on
// finite differences).
func TestSymmetricEigenTridiagonal(t *testing.T) {
	for _, n := range []int{1, 2, 5, 16, 40} {
		a := make([]float64, n*n)
		for i := range n {
			a[i*n+i] = 2
			if i > 0 {
				a[i*n+i-1], a[(i-1)*n+i] = -1, -1
			}
		}
		vals, _, err := cxmetrics.SymmetricEigen(a, n)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(vals)
		want := make([]float64, n)
		for j := range want {
			want[j] = 2 - 2*math.Cos(float64(j+1)*math.Pi/float64(n+1))
		}
		if diff := gocmp.Diff(want, vals, cmpopts.EquateApprox(0, 1e-13)); diff != "" {
			t.Errorf("n=%d: mismatch (-want +got):\n%s", n, diff)
		}
	}
}

// TestKeyDriversErrors checks the data for which importances do not
// exist: each is an error naming its cause, never NaN or a silent 0.
func TestKeyDriversErrors(t *testing.T) {
	type row = cxmetrics.Respondent
	wide := cxmetrics.Scale{Min: -100, Max: 100}
	cases := []struct {
		name    string
		k       int
		rows    []row
		wantErr []error
		wantMsg string
	}{
		{"no respondents", 2, nil, []error{cxmetrics.ErrNoResponses, cxmetrics.ErrUndefined}, "no respondents"},
		{"only skipped", 1, []row{{Outcome: 1, Ratings: []float64{0}, Missing: []bool{true}}},
			[]error{cxmetrics.ErrNoResponses}, "1 skipped"},
		// k+1 = 3 respondents fit any outcome exactly: R² would be 1.
		{"k+1 respondents", 2, []row{{1, []float64{1, 2}, nil}, {2, []float64{3, 1}, nil}, {5, []float64{2, 2}, nil}},
			[]error{cxmetrics.ErrUndefined}, "3 respondents for 2 drivers (need at least 4)"},
		{"constant outcome", 1, []row{{3, []float64{1}, nil}, {3, []float64{2}, nil}, {3, []float64{4}, nil}},
			[]error{cxmetrics.ErrUndefined}, "outcome has no variance"},
		{"constant driver 1", 2, []row{{1, []float64{1, 7}, nil}, {2, []float64{2, 7}, nil}, {4, []float64{4, 7}, nil}, {3, []float64{5, 7}, nil}},
			[]error{cxmetrics.ErrUndefined}, "driver 1 has no variance"},
		// Driver 2 = driver 0 + driver 1.
		{"collinear", 3, []row{
			{1, []float64{1, 2, 3}, nil}, {2, []float64{2, 1, 3}, nil}, {4, []float64{4, 4, 8}, nil},
			{3, []float64{5, 2, 7}, nil}, {6, []float64{3, 9, 12}, nil}, {0, []float64{0, 1, 1}, nil},
		}, []error{cxmetrics.ErrUndefined}, "drivers [0 1 2] are collinear"},
		// Outcome and driver are exactly uncorrelated: Σ(x − 1.5)(y − 1.5) = 0.
		{"R² of 0", 1, []row{{1, []float64{1}, nil}, {2, []float64{1}, nil}, {1, []float64{2}, nil}, {2, []float64{2}, nil}},
			[]error{cxmetrics.ErrUndefined}, "R² is 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := cxmetrics.NewDrivers(tc.k, wide, wide)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tc.rows {
				if err := d.Add(r); err != nil {
					t.Fatal(err)
				}
			}
			for name, f := range map[string]func(*cxmetrics.Drivers) (cxmetrics.KeyDrivers, error){
				"RelativeWeights": cxmetrics.RelativeWeights, "ShapleyRegression": cxmetrics.ShapleyRegression,
			} {
				got, err := f(d)
				for _, want := range tc.wantErr {
					if !errors.Is(err, want) {
						t.Errorf("%s: %v, want %v", name, err, want)
					}
				}
				if err == nil || !strings.Contains(err.Error(), tc.wantMsg) {
					t.Errorf("%s: error %q does not say %q", name, err, tc.wantMsg)
				}
				if got.Drivers != nil || got.RSquared != 0 {
					t.Errorf("%s: %+v beside an error", name, got)
				}
			}
		})
	}
	for name, f := range map[string]func(*cxmetrics.Drivers) (cxmetrics.KeyDrivers, error){
		"RelativeWeights": cxmetrics.RelativeWeights, "ShapleyRegression": cxmetrics.ShapleyRegression,
	} {
		if _, err := f(nil); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("%s(nil): %v, want ErrInvalidArgument", name, err)
		}
		if _, err := f(new(cxmetrics.Drivers)); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("%s(zero value): %v, want ErrInvalidArgument", name, err)
		}
	}
}

// TestKeyDriversImpossibleStatistics checks that statistics no respondents
// give (decoded, not added) are refused, not clamped into a plausible
// answer: here the one driver's co-moment with the outcome is 120 where
// the variances' co-moments 18 and 8 allow at most √(18 × 8) = 12, a
// correlation of 10.
func TestKeyDriversImpossibleStatistics(t *testing.T) {
	var d cxmetrics.Drivers
	doc := `{"k":1,"count":3,"skipped":0,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[18,120],[120,8]]}`
	if err := d.UnmarshalJSON([]byte(doc)); err != nil {
		t.Skipf("the decoder refuses the document itself: %v", err)
	}
	if _, err := cxmetrics.RelativeWeights(&d); !errors.Is(err, cxmetrics.ErrInconsistent) {
		t.Errorf("RelativeWeights: %v, want ErrInconsistent", err)
	}
	if _, err := cxmetrics.ShapleyRegression(&d); !errors.Is(err, cxmetrics.ErrInconsistent) {
		t.Errorf("ShapleyRegression: %v, want ErrInconsistent", err)
	}
}
