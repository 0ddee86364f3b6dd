package main

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestAdjustFlag checks -adjust on the embedded sample's NPS segments
// against the rest, whose raw p-values are 0.3249 (enterprise), 0.1409
// (mid-market) and 0.0326 (smb). By hand, with n = 3 and the p-values
// sorted 0.0326 < 0.1409 < 0.3249:
//
//	holm:        3 × 0.0326 = 0.0978, max(0.0978, 2 × 0.1409) = 0.2818, max(0.2818, 0.3249) = 0.3249
//	bh:          min(0.3249, 3/2 × 0.1409 = 0.21135) = 0.2114, min(0.2114, 3 × 0.0326 = 0.0978) = 0.0978
//	bonferroni:  0.9747, 0.4227, 0.0978
//	none:        the raw p-values
//
// as R's p.adjust(c(0.3249, 0.1409, 0.0326), method) gives. The raw
// p-values are rounded to 4 decimals in the JSON, so the adjusted ones
// agree to 3 × 0.00005.
func TestAdjustFlag(t *testing.T) {
	tests := []struct {
		flag string
		want []float64 // enterprise, mid-market, smb
		note string
	}{
		{"holm", []float64{0.3249, 0.2818, 0.0978}, "p-values adjusted for 3 comparisons by Holm's method"},
		{"bh", []float64{0.3249, 0.2114, 0.0978}, "p-values adjusted for 3 comparisons by the Benjamini-Hochberg method"},
		{"bonferroni", []float64{0.9747, 0.4227, 0.0978}, "p-values adjusted for 3 comparisons by Bonferroni's method"},
		{"none", []float64{0.3249, 0.1409, 0.0326}, "p-values not adjusted for 3 comparisons (-adjust none)"},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			r, _ := reportJSON(t, "-adjust", tt.flag)
			m := r.Surveys.Metrics[0]
			if m.Name != "nps" || m.SegmentTests == nil || len(m.SegmentTests.VsRest) != 3 {
				t.Fatalf("NPS segment tests %+v", m.SegmentTests)
			}
			for i, c := range m.SegmentTests.VsRest {
				if math.Abs(c.AdjustedP-tt.want[i]) > 1.5e-4 {
					t.Errorf("%s: adjusted p %v (raw %v), want %v", c.Segment, c.AdjustedP, c.P, tt.want[i])
				}
				if c.Significant != (c.AdjustedP < 0.05) {
					t.Errorf("%s: significant %v with adjusted p %v", c.Segment, c.Significant, c.AdjustedP)
				}
			}
			if m.SegmentTests.Note != tt.note {
				t.Errorf("note %q, want %q", m.SegmentTests.Note, tt.note)
			}
			// The segment changes are a family too: each is significant by
			// its adjusted p, which is never below the raw one.
			for _, c := range m.SegmentChanges {
				if c.AdjustedP == nil || *c.AdjustedP < c.P || c.Significant != (*c.AdjustedP < 0.05) {
					t.Errorf("segment change %+v: adjusted p %v", c, c.AdjustedP)
				}
			}
			_, text, _ := runArgs("-adjust", tt.flag)
			if !strings.Contains(text, tt.note) {
				t.Errorf("the text does not say %q", tt.note)
			}
		})
	}
	// The smb change of CSAT is significant alone (p 0.038) and not
	// after Holm's adjustment over the three segments (0.115).
	r, _ := reportJSON(t)
	for _, c := range r.Surveys.Metrics[1].SegmentChanges {
		if c.Segment == "smb" && (c.P > 0.05 || *c.AdjustedP < 0.05 || c.Significant) {
			t.Errorf("CSAT smb change %+v, adjusted %v: want significant alone, not after Holm", c, *c.AdjustedP)
		}
	}
	if code, _, stderr := runArgs("-adjust", "tukey"); code != 2 || !strings.Contains(stderr, `-adjust "tukey": want holm, bh, bonferroni or none`) {
		t.Errorf("-adjust tukey: exit status %d, %q", code, stderr)
	}
}

// TestTrendAndSegmentTestsAbsent checks that a trend and the segment
// tests say why they are absent rather than fail: a trend over the last
// run of consecutive months only, and CES segments of one answer.
func TestTrendAndSegmentTestsAbsent(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,segment,question,score\n")
	// NPS in January, March, April and May: the last run is 3 months.
	for _, m := range []int{1, 3, 4, 5} {
		for i := range 20 {
			fmt.Fprintf(&b, "2026-%02d-10,%s,nps,%d\n", m, []string{"a", "b"}[i%2], (i*m)%11)
		}
	}
	// CES in two months, one answer in segment a.
	b.WriteString("2026-01-10,a,ces,5\n2026-01-10,b,ces,4\n2026-02-10,b,ces,6\n")
	path := writeInput(t, t.TempDir(), "answers.csv", []byte(b.String()))
	r, _ := reportJSON(t, "-answers", path)
	for _, m := range r.Surveys.Metrics {
		switch m.Name {
		case "nps":
			if m.Trend == nil || m.Trend.Periods != 3 || m.Trend.From != "2026-03" {
				t.Errorf("NPS trend %+v (%s), want one over 2026-03 to 2026-05", m.Trend, m.TrendNote)
			}
		case "ces":
			if m.Trend != nil || !strings.Contains(m.TrendNote, "needs 3 consecutive months") {
				t.Errorf("CES trend %+v, note %q", m.Trend, m.TrendNote)
			}
			if m.SegmentTests == nil || !strings.Contains(m.SegmentTests.Absent, "segments not compared") {
				t.Errorf("CES segment tests %+v", m.SegmentTests)
			}
		}
	}
}
