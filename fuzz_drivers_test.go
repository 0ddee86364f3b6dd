package cxmetrics_test

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// driverFigures are the two decompositions of R² that a fuzz target
// checks.
var driverFigures = []struct {
	name string
	fn   func(*cxmetrics.Drivers) (cxmetrics.KeyDrivers, error)
}{
	{"RelativeWeights", cxmetrics.RelativeWeights},
	{"ShapleyRegression", cxmetrics.ShapleyRegression},
}

// checkKeyDrivers fails t unless kd is finite and in range: R² in (0, 1],
// every weight in [0, R²] and adding up to R² within 1e-12, shares adding
// up to 100 within 1e-9, means on the rating scale, correlations in
// [-1, 1].
func checkKeyDrivers(t *testing.T, name string, kd cxmetrics.KeyDrivers, rating cxmetrics.Scale) {
	t.Helper()
	if !(kd.RSquared > 0 && kd.RSquared <= 1) {
		t.Fatalf("%s: R² %v", name, kd.RSquared)
	}
	var sum, shares float64
	for j, dr := range kd.Drivers {
		if !(dr.Weight >= 0 && dr.Weight <= kd.RSquared*(1+1e-12)) || !(dr.Share >= 0 && dr.Share <= 100) ||
			!(dr.Mean >= float64(rating.Min) && dr.Mean <= float64(rating.Max)) ||
			!(dr.Correlation >= -1 && dr.Correlation <= 1) {
			t.Fatalf("%s: driver %d: %+v (R² %v)", name, j, dr, kd.RSquared)
		}
		sum += dr.Weight
		shares += dr.Share
	}
	if math.Abs(sum-kd.RSquared) > 1e-12 || math.Abs(shares-100) > 1e-9 {
		t.Fatalf("%s: weights add up to %v for R² %v, shares to %v", name, sum, kd.RSquared, shares)
	}
}

// FuzzDrivers checks, for any respondents on 0-10 and 1-5 with any
// ratings missing, that merging the accumulators of two parts equals one
// pass over the whole (the same counts, and the same importances within
// 1e-9, or the same error), that the binary and JSON forms round-trip bit
// for bit, and that
// each importance is finite, non-negative and adds up to R², or an error.
func FuzzDrivers(f *testing.F) {
	f.Add(uint8(2), []byte{9, 4, 5, 3, 1, 2, 7, 3, 4, 10, 5, 5, 6, 2, 3, 8, 4, 2}, uint8(3))
	f.Add(uint8(1), []byte{0, 1, 10, 5, 5, 3, 7, 4}, uint8(1))
	f.Add(uint8(3), []byte{9, 1, 2, 3, 8, 2, 2, 4, 7, 3, 1, 4, 6, 4, 5, 9, 2, 5, 3, 8, 5, 9, 1, 10, 0, 2, 4, 6}, uint8(200))
	f.Add(uint8(2), []byte{3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, uint8(2))          // no variance
	f.Add(uint8(2), []byte{1, 1, 1, 4, 2, 2, 9, 3, 3, 6, 4, 4, 2, 5, 5}, uint8(2)) // collinear
	f.Add(uint8(4), []byte{255, 1, 2, 3, 4, 200, 5, 1, 2, 3}, uint8(0))            // missing ratings
	f.Fuzz(func(t *testing.T, kb uint8, raw []byte, cut uint8) {
		k := 1 + int(kb)%5
		var rows []cxmetrics.Respondent
		for i := 0; i+k+1 <= len(raw) && len(rows) < 200; i += k + 1 {
			r := cxmetrics.Respondent{Outcome: float64(raw[i] % 11), Ratings: make([]float64, k)}
			for j := range k {
				b := raw[i+1+j]
				r.Ratings[j] = float64(1 + b%5)
				if b >= 250 {
					if r.Missing == nil {
						r.Missing = make([]bool, k)
					}
					r.Missing[j] = true
				}
			}
			rows = append(rows, r)
		}
		c := int(cut) % (len(rows) + 1)
		build := func(rows []cxmetrics.Respondent) *cxmetrics.Drivers {
			d, err := cxmetrics.NewDrivers(k, cxmetrics.NPSScale, cxmetrics.CSATScale)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if err := d.Add(r); err != nil {
					t.Fatal(err)
				}
			}
			return d
		}
		whole, merged := build(rows), build(rows[c:])
		if err := merged.Merge(build(rows[:c])); err != nil {
			t.Fatal(err)
		}
		if whole.Count() != merged.Count() || whole.Skipped() != merged.Skipped() ||
			whole.Count()+whole.Skipped() != int64(len(rows)) {
			t.Fatalf("counts: whole %d+%d, merged %d+%d, rows %d",
				whole.Count(), whole.Skipped(), merged.Count(), merged.Skipped(), len(rows))
		}
		b := encoded(t, whole)
		var back cxmetrics.Drivers
		if err := back.UnmarshalBinary(b); err != nil || !bytes.Equal(b, encoded(t, &back)) {
			t.Fatalf("binary round trip: %v", err)
		}
		checkJSONRoundTrip(t, whole)
		checkJSONRoundTrip(t, merged)
		for _, fig := range driverFigures {
			a, errA := fig.fn(whole)
			m, errM := fig.fn(merged)
			if (errA == nil) != (errM == nil) {
				t.Fatalf("%s: one pass %v, merged %v", fig.name, errA, errM)
			}
			if errA != nil {
				if !errors.Is(errA, cxmetrics.ErrUndefined) || !errors.Is(errM, cxmetrics.ErrUndefined) {
					t.Fatalf("%s: %v, %v; want ErrUndefined", fig.name, errA, errM)
				}
				continue
			}
			checkKeyDrivers(t, fig.name+" (one pass)", a, cxmetrics.CSATScale)
			checkKeyDrivers(t, fig.name+" (merged)", m, cxmetrics.CSATScale)
			if math.Abs(a.RSquared-m.RSquared) > 1e-9 {
				t.Fatalf("%s: R² %v one pass, %v merged", fig.name, a.RSquared, m.RSquared)
			}
			for j := range a.Drivers {
				x, y := a.Drivers[j], m.Drivers[j]
				if math.Abs(x.Weight-y.Weight) > 1e-9 || math.Abs(x.Mean-y.Mean) > 1e-12 || math.Abs(x.Correlation-y.Correlation) > 1e-12 {
					t.Fatalf("%s: driver %d: one pass %+v, merged %+v", fig.name, j, x, y)
				}
			}
		}
	})
}

// FuzzDriversUnmarshalBinary checks that decoding any bytes either fails
// and changes nothing, or succeeds with the one form that encodes back to
// the same bytes, whose JSON form round-trips bit for bit, and which
// gives finite importances or an error.
func FuzzDriversUnmarshalBinary(f *testing.F) {
	d, _ := cxmetrics.NewDrivers(2, cxmetrics.NPSScale, cxmetrics.CSATScale)
	for _, r := range []cxmetrics.Respondent{{9, []float64{5, 4}, nil}, {3, []float64{1, 3}, nil}, {6, []float64{3, 1}, nil}, {8, []float64{4, 4}, nil}} {
		_ = d.Add(r)
	}
	good, _ := d.MarshalBinary()
	f.Add(good)
	f.Add(good[:20])
	f.Add([]byte{1, 1, 0, 0, 0, 20, 2, 10})
	f.Fuzz(func(t *testing.T, data []byte) {
		d := driversOf(t, correlated(10, 2, 1))
		before := encoded(t, d)
		if err := d.UnmarshalBinary(data); err != nil {
			if !bytes.Equal(before, encoded(t, d)) {
				t.Fatalf("a failed UnmarshalBinary changed the Drivers")
			}
			return
		}
		if !bytes.Equal(data, encoded(t, d)) {
			t.Fatalf("accepted %x, which encodes as %x", data, encoded(t, d))
		}
		checkJSONRoundTrip(t, d)
		checkFiniteFigures(t, d, data)
	})
}

// FuzzDriversUnmarshalJSON checks that decoding any text either fails
// with a documented error and changes nothing, or succeeds with a state
// that MarshalJSON encodes back to the same object, up to white space and
// the order of its keys (compared as decoded JSON, each number by its
// digits), that decodes again to the same state bit for bit, and whose
// binary form decodes to it too.
func FuzzDriversUnmarshalJSON(f *testing.F) {
	d, _ := cxmetrics.NewDrivers(2, cxmetrics.NPSScale, cxmetrics.CSATScale)
	for _, r := range supportRows {
		_ = d.Add(r)
	}
	good, _ := d.MarshalJSON()
	f.Add(string(good))
	f.Add(string(good[:40]))
	f.Add(`{"k":1,"count":3,"skipped":1,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[18,12],[12,8]]}`)
	f.Add(`{"k":1,"count":0,"skipped":0,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[-0,0],"comoments":[[0,-0],[-0,0]]}`)
	f.Add(` { "comoments" : [ [ 1e-7 , 5e-324 ] , [ 5e-324 , 1.7976931348623157e+308 ] ] , "means" : [ 10 , 1 ] , "rating" : { "max" : 5 , "min" : 1 } ,
		"outcome" : { "max" : 10 , "min" : 0 } , "skipped" : 0 , "count" : 9223372036854775807 , "k" : 1 } `)
	f.Add(`{"k":1.0,"count":3,"skipped":1,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6.0,3],"comoments":[[18,12],[12,8]]}`)
	f.Add(`{"k":1,"count":3,"skipped":1,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[18,12],[12.5,8]]}`)
	f.Add(`{"k":257,"count":3,"skipped":1,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[18,12],[12,8]]}`)
	f.Fuzz(func(t *testing.T, in string) {
		d := driversOf(t, correlated(10, 2, 1))
		before := encoded(t, d)
		if err := d.UnmarshalJSON([]byte(in)); err != nil {
			if !errors.Is(err, cxmetrics.ErrCorrupt) && !errors.Is(err, cxmetrics.ErrInvalidScale) {
				t.Fatalf("UnmarshalJSON(%q): %v, want ErrCorrupt or ErrInvalidScale", in, err)
			}
			if !bytes.Equal(before, encoded(t, d)) {
				t.Fatalf("a failed UnmarshalJSON changed the Drivers")
			}
			return
		}
		again := encodedJSON(t, d)
		if read, written := jsonValue(t, in), jsonValue(t, string(again)); !cmp.Equal(read, written) {
			t.Fatalf("accepted %q, which encodes as %s", in, again)
		}
		checkJSONRoundTrip(t, d)
		var fromBinary cxmetrics.Drivers
		if err := fromBinary.UnmarshalBinary(encoded(t, d)); err != nil || !bytes.Equal(encodedJSON(t, &fromBinary), again) {
			t.Fatalf("accepted %q, whose binary form decodes to %s, %v", in, encodedJSON(t, &fromBinary), err)
		}
		checkFiniteFigures(t, d, []byte(in))
	})
}

// checkFiniteFigures fails t unless each figure of d, decoded from data,
// is finite or an error.
func checkFiniteFigures(t *testing.T, d *cxmetrics.Drivers, data []byte) {
	t.Helper()
	for _, fig := range driverFigures {
		kd, err := fig.fn(d)
		if err != nil {
			continue
		}
		for _, dr := range kd.Drivers {
			for _, x := range []float64{kd.RSquared, dr.Weight, dr.Share, dr.Mean, dr.Correlation} {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("%s of decoded %q: %+v", fig.name, data, kd)
				}
			}
		}
	}
}
