package cxmetrics_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// encodedJSON returns the JSON form of d, failing t on error.
func encodedJSON(t testing.TB, d *cxmetrics.Drivers) []byte {
	t.Helper()
	b, err := d.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkJSONRoundTrip fails t unless d encodes to JSON that decodes to the
// same state bit for bit (compared by the binary form, which holds every
// bit of it) and encodes back to the same text.
func checkJSONRoundTrip(t testing.TB, d *cxmetrics.Drivers) {
	t.Helper()
	text := encodedJSON(t, d)
	if !json.Valid(text) {
		t.Fatalf("MarshalJSON wrote invalid JSON %s", text)
	}
	var back cxmetrics.Drivers
	if err := back.UnmarshalJSON(text); err != nil {
		t.Fatalf("UnmarshalJSON(%.200s): %v", text, err)
	}
	if want, got := encoded(t, d), encoded(t, &back); !bytes.Equal(want, got) {
		t.Fatalf("JSON round trip changed the state: binary %x, then %x", want, got)
	}
	if again := encodedJSON(t, &back); !bytes.Equal(text, again) {
		t.Fatalf("JSON round trip: %s, then %s", text, again)
	}
}

// randomDrivers returns an accumulator of random shape (1 to 6 drivers,
// scales from -5 to 25) fed random real-valued respondents, some with a
// rating missing, in two shards merged.
func randomDrivers(t testing.TB, r *rand.Rand) *cxmetrics.Drivers {
	t.Helper()
	k := 1 + r.IntN(6)
	scale := func() cxmetrics.Scale {
		lo := r.IntN(11) - 5
		return cxmetrics.Scale{Min: lo, Max: lo + 1 + r.IntN(20)}
	}
	outcome, rating := scale(), scale()
	shards := [2]*cxmetrics.Drivers{}
	for i := range shards {
		d, err := cxmetrics.NewDrivers(k, outcome, rating)
		if err != nil {
			t.Fatal(err)
		}
		shards[i] = d
	}
	value := func(s cxmetrics.Scale) float64 {
		lo, hi := float64(s.Min), float64(s.Max)
		if r.IntN(3) == 0 {
			return float64(s.Min + r.IntN(s.Points()))
		}
		return lo + r.Float64()*(hi-lo)
	}
	for range r.IntN(60) {
		resp := cxmetrics.Respondent{Outcome: value(outcome), Ratings: make([]float64, k)}
		for j := range resp.Ratings {
			resp.Ratings[j] = value(rating)
		}
		if r.IntN(10) == 0 {
			resp.Missing = make([]bool, k)
			resp.Missing[r.IntN(k)] = true
		}
		if err := shards[r.IntN(2)].Add(resp); err != nil {
			t.Fatal(err)
		}
	}
	if err := shards[0].Merge(shards[1]); err != nil {
		t.Fatal(err)
	}
	return shards[0]
}

// oddFloat returns a finite float of any magnitude and sign, with the
// edge cases (±0, the smallest subnormal, the largest float, the bounds
// of encoding/json's 'f' form) often.
func oddFloat(r *rand.Rand) float64 {
	edges := []float64{0, math.Copysign(0, -1), 5e-324, -5e-324, math.MaxFloat64, -math.MaxFloat64,
		1e-6, math.Nextafter(1e-6, 0), 1e21, math.Nextafter(1e21, 0), 1e20, 0.1, 1.0 / 3}
	if r.IntN(3) == 0 {
		return edges[r.IntN(len(edges))]
	}
	for {
		if x := math.Float64frombits(r.Uint64()); !math.IsNaN(x) && !math.IsInf(x, 0) {
			return x
		}
	}
}

// oddStats are the state of a Drivers on 0-10 and 1-5, written out: k,
// the counts, the means and the upper triangle of the co-moments row by
// row, as the binary form holds them.
type oddStats struct {
	k            int
	n, skipped   uint64
	means, upper []float64
}

// oddDrivers returns the state of k drivers with odd statistics: means of
// any bits within the scales, variances of any magnitude, co-moments of
// any magnitude and sign, ±0 with no respondents. Such statistics are
// ones UnmarshalBinary accepts, whether or not adds could give them.
func oddDrivers(r *rand.Rand, k int) oddStats {
	s := oddStats{k: k, n: uint64(r.Int64N(3)), skipped: uint64(r.IntN(5))}
	if s.n == 2 {
		s.n = r.Uint64() >> 1
	}
	m := k + 1
	for i := range m {
		lo, hi := 1.0, 5.0
		if i == 0 {
			lo, hi = 0, 10
		}
		switch {
		case s.n == 0 && r.IntN(2) == 0:
			s.means = append(s.means, math.Copysign(0, -1))
		case s.n == 0:
			s.means = append(s.means, 0)
		case r.IntN(4) == 0:
			s.means = append(s.means, []float64{lo, hi, math.Nextafter(hi, 0), math.Nextafter(lo, 10)}[r.IntN(4)])
		default:
			s.means = append(s.means, lo+r.Float64()*(hi-lo))
		}
	}
	for i := range m {
		for j := i; j < m; j++ {
			switch x := oddFloat(r); {
			case s.n == 0:
				s.upper = append(s.upper, math.Copysign(0, float64(r.IntN(2))-0.5))
			case i == j:
				s.upper = append(s.upper, math.Abs(x))
			default:
				s.upper = append(s.upper, x)
			}
		}
	}
	return s
}

// binary returns the binary form of s.
func (s oddStats) binary() []byte {
	b := []byte{1}
	b = binary.AppendUvarint(b, uint64(s.k))
	b = binary.AppendUvarint(b, s.n)
	b = binary.AppendUvarint(b, s.skipped)
	b = append(b, 0, 20, 2, 10) // 0-10, 1-5 as zigzag varints
	for _, x := range append(s.means[:len(s.means):len(s.means)], s.upper...) {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

// json returns the JSON form of s, written here with encoding/json's
// floats, independently of MarshalJSON.
func (s oddStats) json(t testing.TB) []byte {
	m := s.k + 1
	matrix := make([][]float64, m)
	for i := range matrix {
		matrix[i] = make([]float64, m)
	}
	p := 0
	for i := range m {
		for j := i; j < m; j++ {
			matrix[i][j], matrix[j][i] = s.upper[p], s.upper[p]
			p++
		}
	}
	type scale struct {
		Min int `json:"min"`
		Max int `json:"max"`
	}
	b, err := json.Marshal(struct {
		K         int         `json:"k"`
		Count     uint64      `json:"count"`
		Skipped   uint64      `json:"skipped"`
		Outcome   scale       `json:"outcome"`
		Rating    scale       `json:"rating"`
		Means     []float64   `json:"means"`
		Comoments [][]float64 `json:"comoments"`
	}{s.k, s.n, s.skipped, scale{0, 10}, scale{1, 5}, s.means, matrix})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDriversJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 500 {
		d := randomDrivers(t, r)
		t.Run(fmt.Sprint("random ", i), func(t *testing.T) { checkJSONRoundTrip(t, d) })
	}
	for i := range 500 {
		data := oddDrivers(r, 1+r.IntN(4)).binary()
		var d cxmetrics.Drivers
		if err := d.UnmarshalBinary(data); err != nil {
			t.Fatalf("odd statistics %x: %v", data, err)
		}
		t.Run(fmt.Sprint("odd ", i), func(t *testing.T) { checkJSONRoundTrip(t, &d) })
	}
	big, _ := cxmetrics.NewDrivers(cxmetrics.MaxDrivers, cxmetrics.NPSScale, cxmetrics.CSATScale)
	for _, row := range correlated(50, cxmetrics.MaxDrivers, 3) {
		if err := big.Add(row); err != nil {
			t.Fatal(err)
		}
	}
	for name, d := range map[string]*cxmetrics.Drivers{"MaxDrivers": big, "mtcars": mtcarsDrivers(t), "survey": driversOf(t, supportRows)} {
		t.Run(name, func(t *testing.T) { checkJSONRoundTrip(t, d) })
	}
	// The decoded accumulator goes on adding as the original does.
	d := driversOf(t, correlated(40, 3, 9))
	var back cxmetrics.Drivers
	if err := json.Unmarshal(encodedJSON(t, d), &back); err != nil {
		t.Fatal(err)
	}
	for _, row := range correlated(10, 3, 10) {
		if err := d.Add(row); err != nil {
			t.Fatal(err)
		}
		if err := back.Add(row); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(encoded(t, d), encoded(t, &back)) {
		t.Errorf("the decoded Drivers adds differently")
	}
	for _, z := range []*cxmetrics.Drivers{nil, new(cxmetrics.Drivers)} {
		if _, err := z.MarshalJSON(); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("MarshalJSON of %v: %v, want ErrInvalidArgument", z, err)
		}
	}
}

// supportRows are three respondents on 0-10 and 1-5 with two ratings.
var supportRows = []cxmetrics.Respondent{{9, []float64{5, 4}, nil}, {3, []float64{1, 3}, nil}, {6, []float64{3, 1}, nil}, {8, []float64{4, 4}, nil}}

// TestDriversJSONFloats checks that the floats are written as
// encoding/json writes a float64, for floats of every magnitude.
func TestDriversJSONFloats(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		x := oddFloat(r)
		var d cxmetrics.Drivers
		b := []byte{1, 1, 1, 0, 0, 20, 2, 10}
		for _, v := range []float64{5, 3, math.Abs(x), x, 1} {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		if err := d.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		text := encodedJSON(t, &d)
		want, _ := json.Marshal(x)
		if !bytes.Contains(text, []byte(`[`+string(want)+`,1]]`)) {
			t.Fatalf("co-moment %v: %s, want %s as encoding/json writes it", x, text, want)
		}
	}
}

// TestDriversUnmarshalJSONErrors checks that the decoder refuses what the
// encoder never writes, with the error documented for it, and leaves its
// Drivers as it was.
func TestDriversUnmarshalJSONErrors(t *testing.T) {
	// good is {"k":1,"count":3,"skipped":1,...}; doc replaces one key's
	// value in it.
	const good = `{"k":1,"count":3,"skipped":1,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[18,12],[12,8]]}`
	doc := func(key, value string) string {
		var v map[string]json.RawMessage
		if err := json.Unmarshal([]byte(good), &v); err != nil {
			t.Fatal(err)
		}
		i := strings.Index(good, `"`+key+`":`)
		end := i + len(key) + 3 + len(v[key])
		return good[:i+len(key)+3] + value + good[end:]
	}
	swap := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("%q not in the document", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	many := func(n int, x string) string { return "[" + strings.TrimSuffix(strings.Repeat(x+",", n), ",") + "]" }
	cases := []struct {
		name, data string
		wantErr    error
	}{
		// Not one object of the seven keys.
		{"empty", ``, cxmetrics.ErrCorrupt},
		{"null", `null`, cxmetrics.ErrCorrupt},
		{"array", `[]`, cxmetrics.ErrCorrupt},
		{"binary form", string(encoded(t, driversOf(t, supportRows))), cxmetrics.ErrCorrupt},
		{"truncated", good[:len(good)-1], cxmetrics.ErrCorrupt},
		{"trailing object", good + `{}`, cxmetrics.ErrCorrupt},
		{"trailing comma", good[:len(good)-1] + `,}`, cxmetrics.ErrCorrupt},
		{"unknown key", swap(`"skipped":1`, `"skipped":1,"n":3`), cxmetrics.ErrCorrupt},
		{"repeated key", swap(`"skipped":1`, `"skipped":1,"skipped":1`), cxmetrics.ErrCorrupt},
		{"missing key", swap(`"skipped":1,`, ``), cxmetrics.ErrCorrupt},
		{"case-folded key", swap(`"count"`, `"Count"`), cxmetrics.ErrCorrupt},
		{"escaped key", swap(`"means"`, `"\u006deans"`), cxmetrics.ErrCorrupt},
		{"case-folded scale key", swap(`{"min":0`, `{"MIN":0`), cxmetrics.ErrCorrupt},
		{"scale key missing", doc("rating", `{"min":1}`), cxmetrics.ErrCorrupt},
		{"scale with an extra key", doc("rating", `{"min":1,"max":5,"points":5}`), cxmetrics.ErrCorrupt},
		{"scale data after its object", doc("rating", `{"min":1,"max":5}}`), cxmetrics.ErrCorrupt},
		// Wrong types.
		{"k a string", doc("k", `"1"`), cxmetrics.ErrCorrupt},
		{"count true", doc("count", `true`), cxmetrics.ErrCorrupt},
		{"skipped null", doc("skipped", `null`), cxmetrics.ErrCorrupt},
		{"scale an array", doc("outcome", `[0,10]`), cxmetrics.ErrCorrupt},
		{"scale a string", doc("outcome", `"0-10"`), cxmetrics.ErrCorrupt},
		{"means an object", doc("means", `{"0":6,"1":3}`), cxmetrics.ErrCorrupt},
		{"means a number", doc("means", `6`), cxmetrics.ErrCorrupt},
		{"mean a string", doc("means", `[6,"3"]`), cxmetrics.ErrCorrupt},
		{"mean null", doc("means", `[6,null]`), cxmetrics.ErrCorrupt},
		{"mean an array", doc("means", `[6,[3]]`), cxmetrics.ErrCorrupt},
		{"comoments flat", doc("comoments", `[18,12,12,8]`), cxmetrics.ErrCorrupt},
		{"comoments an object", doc("comoments", `{}`), cxmetrics.ErrCorrupt},
		{"co-moment a string", doc("comoments", `[[18,"12"],[12,8]]`), cxmetrics.ErrCorrupt},
		// Numbers not in their one form.
		{"k 1.0", doc("k", `1.0`), cxmetrics.ErrCorrupt},
		{"count 3e0", doc("count", `3e0`), cxmetrics.ErrCorrupt},
		{"skipped -0", doc("skipped", `-0`), cxmetrics.ErrCorrupt},
		{"count 03", doc("count", `03`), cxmetrics.ErrCorrupt},
		{"scale bound 0.0", swap(`{"min":0`, `{"min":0.0`), cxmetrics.ErrCorrupt},
		{"mean 6.0", doc("means", `[6.0,3]`), cxmetrics.ErrCorrupt},
		{"mean 6e0", doc("means", `[6e0,3]`), cxmetrics.ErrCorrupt},
		{"mean 0.6e1", doc("means", `[0.6e1,3]`), cxmetrics.ErrCorrupt},
		{"mean +6", doc("means", `[+6,3]`), cxmetrics.ErrCorrupt},
		{"mean 3.00", doc("means", `[6,3.00]`), cxmetrics.ErrCorrupt},
		{"co-moment 1.2E1", doc("comoments", `[[18,1.2E1],[1.2E1,8]]`), cxmetrics.ErrCorrupt},
		{"co-moment with more digits than it needs", doc("comoments", `[[18,12.000000000000001],[12.000000000000001,8]]`), cxmetrics.ErrCorrupt},
		{"co-moment 1e21 as digits", doc("comoments", `[[1000000000000000000000,12],[12,8]]`), cxmetrics.ErrCorrupt},
		{"co-moment 1e-07", doc("comoments", `[[18,1e-07],[1e-07,8]]`), cxmetrics.ErrCorrupt},
		// Not finite.
		{"NaN", doc("means", `[NaN,3]`), cxmetrics.ErrCorrupt},
		{"NaN as a string", doc("means", `["NaN",3]`), cxmetrics.ErrCorrupt},
		{"Infinity", doc("comoments", `[[Infinity,12],[12,8]]`), cxmetrics.ErrCorrupt},
		{"past float64", doc("comoments", `[[1e400,12],[12,8]]`), cxmetrics.ErrCorrupt},
		{"past float64 negative", doc("comoments", `[[18,-1e309],[-1e309,8]]`), cxmetrics.ErrCorrupt},
		// Integers out of range.
		{"k 0", doc("k", `0`), cxmetrics.ErrCorrupt},
		{"k -1", doc("k", `-1`), cxmetrics.ErrCorrupt},
		{"k past MaxDrivers", doc("k", fmt.Sprint(cxmetrics.MaxDrivers+1)), cxmetrics.ErrCorrupt},
		{"k past int64", doc("k", `99999999999999999999`), cxmetrics.ErrCorrupt},
		{"count past int64", doc("count", `9223372036854775808`), cxmetrics.ErrCorrupt},
		{"negative count", doc("count", `-3`), cxmetrics.ErrCorrupt},
		{"negative skipped", doc("skipped", `-1`), cxmetrics.ErrCorrupt},
		{"scale bound past int64", swap(`"max":10`, `"max":9223372036854775808`), cxmetrics.ErrCorrupt},
		{"scale reversed", doc("outcome", `{"min":10,"max":0}`), cxmetrics.ErrInvalidScale},
		{"scale of one point", doc("rating", `{"min":1,"max":1}`), cxmetrics.ErrInvalidScale},
		// Sizes that do not match k.
		{"too few means", doc("means", `[6]`), cxmetrics.ErrCorrupt},
		{"too many means", doc("means", `[6,3,3]`), cxmetrics.ErrCorrupt},
		{"no means", doc("means", `[]`), cxmetrics.ErrCorrupt},
		{"too few rows", doc("comoments", `[[18,12]]`), cxmetrics.ErrCorrupt},
		{"too many rows", doc("comoments", `[[18,12],[12,8],[0,0]]`), cxmetrics.ErrCorrupt},
		{"short row", doc("comoments", `[[18,12],[12]]`), cxmetrics.ErrCorrupt},
		{"long row", doc("comoments", `[[18,12,0],[12,8,0]]`), cxmetrics.ErrCorrupt},
		{"upper triangle only", doc("comoments", `[[18,12],[8]]`), cxmetrics.ErrCorrupt},
		{"k 2 with the statistics of 1", doc("k", `2`), cxmetrics.ErrCorrupt},
		{"k past MaxDrivers with its means", strings.Replace(doc("k", `300`), `[6,3]`, many(301, "3"), 1), cxmetrics.ErrCorrupt},
		{"a million means", doc("means", many(1_000_000, "3")), cxmetrics.ErrCorrupt},
		// Statistics no adds could give.
		{"asymmetric", doc("comoments", `[[18,12],[12.5,8]]`), cxmetrics.ErrCorrupt},
		{"asymmetric by the sign of 0", doc("comoments", `[[18,0],[-0,8]]`), cxmetrics.ErrCorrupt},
		{"mean off the scale", doc("means", `[6,5.5]`), cxmetrics.ErrCorrupt},
		{"mean below the scale", doc("means", `[-1,3]`), cxmetrics.ErrCorrupt},
		{"negative variance", doc("comoments", `[[18,12],[12,-8]]`), cxmetrics.ErrCorrupt},
		{"means with no respondents", doc("count", `0`), cxmetrics.ErrCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := mtcarsDrivers(t)
			before := encoded(t, d)
			err := d.UnmarshalJSON([]byte(tc.data))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("UnmarshalJSON(%.120s): %v, want %v", tc.data, err, tc.wantErr)
			}
			if !bytes.Equal(before, encoded(t, d)) {
				t.Errorf("a failed UnmarshalJSON changed the Drivers")
			}
		})
	}
	// The good document, with white space and its keys in another order,
	// is accepted.
	var d cxmetrics.Drivers
	shuffled := ` { "comoments" : [ [ 18 , 12 ] , [ 12 , 8 ] ] , "means":[6,3], "rating":{"max":5,"min":1},
		"outcome":{ "max":10, "min":0 }, "skipped":1, "count":3, "k":1 }` + "\n"
	if err := d.UnmarshalJSON([]byte(shuffled)); err != nil {
		t.Fatal(err)
	}
	if got := encodedJSON(t, &d); string(got) != good {
		t.Errorf("decoded %s, want %s", got, good)
	}
	if !cmp.Equal(jsonValue(t, shuffled), jsonValue(t, good)) {
		t.Errorf("jsonValue does not see the two documents as one")
	}
}

// TestDriversJSONAndBinaryAgree checks that the two decoders accept the
// same statistics: odd statistics, some with one figure changed to an
// edge case, written in both forms, decode in both to the same state, or
// in neither with the same error.
func TestDriversJSONAndBinaryAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	edges := []float64{-1, -5e-324, math.Copysign(0, -1), 0, 5e-324, 1, 5, 10, 11, math.MaxFloat64}
	accepted := 0
	for range 5000 {
		s := oddDrivers(r, 1+r.IntN(3))
		if r.IntN(4) > 0 {
			x := edges[r.IntN(len(edges))]
			if i := r.IntN(len(s.means) + len(s.upper)); i < len(s.means) {
				s.means[i] = x
			} else {
				s.upper[i-len(s.means)] = x
			}
		}
		var fromBinary, fromJSON cxmetrics.Drivers
		errB, errJ := fromBinary.UnmarshalBinary(s.binary()), fromJSON.UnmarshalJSON(s.json(t))
		switch {
		case (errB == nil) != (errJ == nil) || errB != nil && !errors.Is(errJ, cxmetrics.ErrCorrupt):
			t.Fatalf("%+v: binary %v, JSON %v", s, errB, errJ)
		case errB == nil && !bytes.Equal(encoded(t, &fromBinary), encoded(t, &fromJSON)):
			t.Fatalf("%+v: binary and JSON decode to different states", s)
		case errB == nil:
			accepted++
			if !bytes.Equal(encodedJSON(t, &fromBinary), s.json(t)) {
				t.Fatalf("%+v: MarshalJSON %s, encoding/json %s", s, encodedJSON(t, &fromBinary), s.json(t))
			}
		}
	}
	if accepted < 1000 || accepted > 4000 {
		t.Errorf("%d of 5000 accepted: the test checks too little of one side", accepted)
	}
}
