package cxmetrics_test

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// pValuesFrom reads p-values from data, two bytes each: 0xFFFF is 1, 0xFFFE
// is 0, and the rest spread over [0, 1], with ties wherever two pairs of
// bytes agree.
func pValuesFrom(data []byte) []float64 {
	p := make([]float64, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		switch v := binary.LittleEndian.Uint16(data[i:]); v {
		case 0xFFFF:
			p = append(p, 1)
		case 0xFFFE:
			p = append(p, 0)
		default:
			p = append(p, float64(v)/0xFFFD)
		}
	}
	return p
}

func FuzzAdjustP(f *testing.F) {
	f.Add([]byte{1, 0, 2, 0, 3, 0})
	f.Add([]byte{0xFF, 0xFF, 0xFE, 0xFF, 0x10, 0x27, 0x10, 0x27, 0x00, 0x00})
	f.Add([]byte{0x20, 0x03, 0x20, 0x03, 0x20, 0x03, 0x90, 0x01})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := pValuesFrom(data)
		adj := map[cxmetrics.Adjustment][]float64{}
		for _, m := range []cxmetrics.Adjustment{cxmetrics.Holm, cxmetrics.BenjaminiHochberg, cxmetrics.Bonferroni, cxmetrics.NoAdjustment} {
			a, err := cxmetrics.AdjustP(p, m)
			if err != nil {
				t.Fatalf("%v: %v", m, err)
			}
			if len(a) != len(p) {
				t.Fatalf("%v: %d adjusted p-values of %d", m, len(a), len(p))
			}
			for i := range p {
				// In [raw, 1].
				if !(a[i] >= p[i] && a[i] <= 1) {
					t.Fatalf("%v: p[%d] = %v adjusted to %v", m, i, p[i], a[i])
				}
				// Monotone in the raw order, equal for equal raw p.
				for j := range p {
					if p[i] < p[j] && a[i] > a[j] || p[i] == p[j] && a[i] != a[j] {
						t.Fatalf("%v: p %v, %v adjusted to %v, %v", m, p[i], p[j], a[i], a[j])
					}
				}
			}
			adj[m] = a
		}
		// Bonferroni >= Holm >= BH: (n − j + 1) j >= n for 1 <= j <= n.
		for i := range p {
			if !(adj[cxmetrics.Bonferroni][i] >= adj[cxmetrics.Holm][i] && adj[cxmetrics.Holm][i] >= adj[cxmetrics.BenjaminiHochberg][i]) {
				t.Fatalf("p[%d] = %v: Bonferroni %v, Holm %v, BH %v", i, p[i],
					adj[cxmetrics.Bonferroni][i], adj[cxmetrics.Holm][i], adj[cxmetrics.BenjaminiHochberg][i])
			}
		}
		// The order of the input does not matter: reversed in, reversed out.
		r := slices.Clone(p)
		slices.Reverse(r)
		for _, m := range []cxmetrics.Adjustment{cxmetrics.Holm, cxmetrics.BenjaminiHochberg} {
			a, _ := cxmetrics.AdjustP(r, m)
			slices.Reverse(a)
			if !slices.Equal(a, adj[m]) {
				t.Fatalf("%v: reversed input gives %v, want %v", m, a, adj[m])
			}
		}
	})
}

// checkTrendResult fails t unless tr is finite, within its range, and its
// interval contains its slope.
func checkTrendResult(t *testing.T, what string, tr cxmetrics.Trend, width float64, k int) {
	t.Helper()
	for _, v := range []float64{tr.Slope, tr.StdErr, tr.Z, tr.P, tr.Interval.Lo, tr.Interval.Hi} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Signbit(v) && v == 0 {
			t.Fatalf("%s: not finite, or −0: %+v", what, tr)
		}
	}
	if !(tr.P >= 0 && tr.P <= 1) || tr.StdErr < 0 || !tr.Interval.Contains(tr.Slope) ||
		tr.Interval.Lo < -width || tr.Interval.Hi > width || tr.Periods != k {
		t.Fatalf("%s: %+v", what, tr)
	}
}

// FuzzTrend checks the three trend tests on periods read from data, three
// bytes a period: results finite and in range or an error, and the trend
// of the periods in reverse order the negated slope with the same P.
func FuzzTrend(f *testing.F) {
	f.Add([]byte{10, 5, 3, 12, 6, 2, 15, 4, 1})
	f.Add([]byte{0, 0, 1, 0, 0, 1})
	f.Add([]byte{255, 0, 0, 0, 0, 255, 7, 7, 7, 1, 2, 3})
	f.Add([]byte{5, 5, 5})
	f.Fuzz(func(t *testing.T, data []byte) {
		k := len(data) / 3
		npsP := make([]cxmetrics.NPSResult, k)
		csatP := make([]cxmetrics.CSATResult, k)
		cesP := make([]cxmetrics.CESResult, k)
		var cesErr error
		for i := range k {
			a, b, c := int64(data[3*i]), int64(data[3*i+1]), int64(data[3*i+2])
			npsP[i] = cxmetrics.NPSResult{Promoters: a, Passives: b, Detractors: c}
			csatP[i] = cxmetrics.CSATResult{Satisfied: a, Total: a + b + c}
			s := mustSurvey(t, cxmetrics.CESScale, c, 0, 0, b, 0, 0, a)
			var err error
			if cesP[i], err = cxmetrics.CES(s, cxmetrics.HigherIsEasier); err != nil {
				cesErr = err
			}
		}
		rev := func(t cxmetrics.Trend) func(cxmetrics.Trend) bool {
			return func(r cxmetrics.Trend) bool {
				return math.Abs(r.Slope+t.Slope) <= 1e-9*(1+math.Abs(t.Slope)) && math.Abs(r.P-t.P) <= 1e-9
			}
		}
		if tr, err := cxmetrics.NPSTrend(npsP, 0.95); err == nil {
			checkTrendResult(t, "NPS", tr, 200, k)
			r, err := cxmetrics.NPSTrend(reversedOf(npsP), 0.95)
			if err != nil || !rev(tr)(r) {
				t.Fatalf("NPS reversed: %+v, %v; forward %+v", r, err, tr)
			}
		}
		if tr, err := cxmetrics.CSATTrend(csatP, 0.95); err == nil {
			checkTrendResult(t, "CSAT", tr, 100, k)
			r, err := cxmetrics.CSATTrend(reversedOf(csatP), 0.95)
			if err != nil || !rev(tr)(r) {
				t.Fatalf("CSAT reversed: %+v, %v; forward %+v", r, err, tr)
			}
		}
		if cesErr != nil {
			return
		}
		if tr, err := cxmetrics.CESTrend(cesP, 0.95); err == nil {
			checkTrendResult(t, "CES", tr, 6, k)
			r, err := cxmetrics.CESTrend(reversedOf(cesP), 0.95)
			if err != nil || !rev(tr)(r) {
				t.Fatalf("CES reversed: %+v, %v; forward %+v", r, err, tr)
			}
		}
	})
}

// reversedOf returns a copy of v in reverse order.
func reversedOf[E any](v []E) []E {
	r := slices.Clone(v)
	slices.Reverse(r)
	return r
}
