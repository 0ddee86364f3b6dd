//go:build race

package cxmetrics_test

// raceEnabled is true when the tests run under the race detector, whose
// shadow memory needs an address space that a memory probe's limit would
// refuse.
const raceEnabled = true
