package cxmetrics

// Exported for the tests of package cxmetrics_test only.
var (
	TQuantileTwoSided = tQuantileTwoSided
	TTwoSidedP        = tTwoSidedP
	NormalTwoSided    = normalTwoSided
	NormalTwoSidedP   = normalTwoSidedP
)
