package cxmetrics

// Exported for the tests of package cxmetrics_test only.
var (
	TQuantileTwoSided = tQuantileTwoSided
	TTwoSidedP        = tTwoSidedP
	NormalTwoSided    = normalTwoSided
	NormalTwoSidedP   = normalTwoSidedP
)

// Key driver internals, for tests that start from a published or a
// reference correlation matrix rather than from respondents.
var (
	RelativeWeightsOf = relativeWeights
	SymmetricEigen    = symmetricEigen
)

// ShapleyOf returns the Shapley values of the k drivers whose correlation
// matrix is rxx and whose correlations with the outcome are rxy.
func ShapleyOf(rxx, rxy []float64, k int) ([]float64, error) {
	r2, err := subsetRSquared(rxx, rxy, k)
	if err != nil {
		return nil, err
	}
	return shapley(r2, k), nil
}
