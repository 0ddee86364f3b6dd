//go:build race

package main

// raceEnabled is true when the tests run under the race detector, whose
// shadow memory needs more address space than TestSpanBomb's child may
// map.
const raceEnabled = true
