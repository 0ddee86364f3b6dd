package cxmetrics_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// npsSurvey returns a 0-10 survey with p promoters (answers of 10), pa
// passives (8) and d detractors (3).
func npsSurvey(t testing.TB, p, pa, d int64) *cxmetrics.Survey {
	t.Helper()
	return mustSurvey(t, cxmetrics.NPSScale, 0, 0, 0, d, 0, 0, 0, 0, pa, 0, p)
}

// segmentRow is what the golden tests compare of a SegmentComparison.
type segmentRow struct {
	Segment, Other string
	P, AdjustedP   float64
}

func rowsOf(rows []cxmetrics.SegmentComparison) []segmentRow {
	out := make([]segmentRow, len(rows))
	for i, r := range rows {
		out[i] = segmentRow{r.Segment, r.Other, r.P, r.AdjustedP}
	}
	return out
}

// The reference values of these tests come from scripts/segments_reference.R, run with
// R 4.2.2; its lines are quoted beside each case. Each segment's
// comparison with the rest is R's test of the segment against the
// answers of the other segments pooled, and the adjusted p-values are
// p.adjust of the family's p-values.

func TestCompareSegmentsNPS(t *testing.T) {
	// Segments (promoters, passives, detractors): APAC 25/15/10, EU
	// 50/30/20, US 40/30/30. R has no adjusted-Wald NPS test without the
	// NPS package, so the script writes it out:
	//
	//	aw <- function(k) { n <- sum(k) + 3; p <- (k[1] + .75)/n; d <- (k[3] + .75)/n
	//	                    c(p - d, (p + d - (p - d)^2)/n) }
	//	ztest <- function(a, b) { A <- aw(a); B <- aw(b)
	//	                          2*pnorm(-abs((B[1] - A[1])/sqrt(A[2] + B[2]))) }
	//	prest <- sapply(nm, function(s) ztest(tot - nps[[s]], nps[[s]]))
	//	ppair <- c(ztest(nps$EU, nps$APAC), ztest(nps$US, nps$APAC), ztest(nps$US, nps$EU))
	//	p.adjust(prest, "holm"); p.adjust(ppair, "holm")
	segs := map[string]*cxmetrics.Survey{
		"US":   npsSurvey(t, 40, 30, 30),
		"EU":   npsSurvey(t, 50, 30, 20),
		"APAC": npsSurvey(t, 25, 15, 10),
	}
	got, err := cxmetrics.CompareSegmentsNPS(segs, 0.95, cxmetrics.Holm)
	if err != nil {
		t.Fatal(err)
	}
	wantRest := []segmentRow{
		{"APAC", "", 0.47863374590657798, 0.47863374590657798},
		{"EU", "", 0.20751460953637943, 0.41502921907275886},
		{"US", "", 0.056026642001669756, 0.16807992600500926},
	}
	// p.adjust(ppair, "holm"): 0.95016894008989883 × 1 stays, 0.167 × 2,
	// 0.0832 × 3.
	wantPairs := []segmentRow{
		{"APAC", "EU", 0.95016894008989883, 0.95016894008989883},
		{"APAC", "US", 0.16732567440374665, 2 * 0.16732567440374665},
		{"EU", "US", 0.083215867531571217, 3 * 0.083215867531571217},
	}
	if diff := cmp.Diff(wantRest, rowsOf(got.VsRest), approx); diff != "" {
		t.Errorf("VsRest mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPairs, rowsOf(got.Pairs), approx); diff != "" {
		t.Errorf("Pairs mismatch (-want +got):\n%s", diff)
	}
	if got.Method != cxmetrics.Holm {
		t.Errorf("Method = %v, want Holm", got.Method)
	}
	// Diff is Segment minus Other: APAC 30 − US 10 = 20 points; US 10
	// minus the rest (75 promoters, 30 detractors of 150: 30) = −20.
	if d := got.Pairs[1].Diff; !approxEqual(d, 20) {
		t.Errorf("APAC − US Diff = %v, want 20", d)
	}
	if d := got.VsRest[2].Diff; !approxEqual(d, -20) {
		t.Errorf("US − rest Diff = %v, want -20", d)
	}
	// Each row is the two-sample comparison it names: the rest of EU is
	// APAC and US merged, 65/45/40.
	c, _ := cxmetrics.CompareNPS(mustNPS(t, 65, 45, 40), mustNPS(t, 50, 30, 20), 0.95)
	if diff := cmp.Diff(c, got.VsRest[1].Comparison, approx); diff != "" {
		t.Errorf("EU against the rest is not CompareNPS(rest, EU) (-want +got):\n%s", diff)
	}
}

func TestCompareSegmentsCSAT(t *testing.T) {
	// 1-5 surveys, satisfied (4 or 5) of total: APAC 40 of 50, EU 80 of
	// 100, US 60 of 100.
	//
	//	prest <- sapply(names(x), function(s) prop.test(c(x[s], sum(x) - x[s]),
	//	                c(n[s], sum(n) - n[s]), correct = FALSE)$p.value)
	//	p.adjust(prest, "BH"); p.adjust(ppair, "BH")
	segs := map[string]*cxmetrics.Survey{
		"APAC": mustSurvey(t, cxmetrics.CSATScale, 2, 3, 5, 20, 20),
		"EU":   mustSurvey(t, cxmetrics.CSATScale, 5, 5, 10, 30, 50),
		"US":   mustSurvey(t, cxmetrics.CSATScale, 10, 10, 20, 30, 30),
	}
	got, err := cxmetrics.CompareSegmentsCSAT(segs, 0.95, cxmetrics.BenjaminiHochberg)
	if err != nil {
		t.Fatal(err)
	}
	wantRest := []segmentRow{
		{"APAC", "", 0.15895631187940323, 0.15895631187940323},
		{"EU", "", 0.021435842474559742, 0.032153763711839617},
		{"US", "", 0.00055990624800618426, 0.0016797187440185527},
	}
	// prop.test gives 0.99999999999999922 for APAC against EU, both 80%:
	// Z is 0 and P 1. BH of (1, 0.0143, 0.00203): 1, 0.0143 × 3/2,
	// 0.00203 × 3.
	wantPairs := []segmentRow{
		{"APAC", "EU", 1, 1},
		{"APAC", "US", 0.014305878435429647, 1.5 * 0.014305878435429647},
		{"EU", "US", 0.0020282311484520841, 3 * 0.0020282311484520841},
	}
	if diff := cmp.Diff(wantRest, rowsOf(got.VsRest), approx); diff != "" {
		t.Errorf("VsRest mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPairs, rowsOf(got.Pairs), approx); diff != "" {
		t.Errorf("Pairs mismatch (-want +got):\n%s", diff)
	}
	// US 60% minus the rest, 120 of 150 = 80%: −20 percentage points.
	if d := got.VsRest[2].Diff; !approxEqual(d, -20) {
		t.Errorf("US − rest Diff = %v, want -20", d)
	}
}

func TestCompareSegmentsCES(t *testing.T) {
	// 1-7 surveys (counts of 1 to 7): APAC 1 2 3 4 10 12 8, EU 3 5 8 10
	// 12 8 4, US 0 1 2 5 9 15 18; R's Welch t.test of the answers:
	//
	//	tt <- lapply(names(v), function(s) t.test(v[[s]], rest(s)))
	//	p.adjust(sapply(tt, function(t) t$p.value), "holm")
	//	pp <- c(t.test(v$APAC, v$EU)$p.value, t.test(v$APAC, v$US)$p.value, t.test(v$EU, v$US)$p.value)
	segs := map[string]*cxmetrics.Survey{
		"APAC": mustSurvey(t, cxmetrics.CESScale, 1, 2, 3, 4, 10, 12, 8),
		"EU":   mustSurvey(t, cxmetrics.CESScale, 3, 5, 8, 10, 12, 8, 4),
		"US":   mustSurvey(t, cxmetrics.CESScale, 0, 1, 2, 5, 9, 15, 18),
	}
	got, err := cxmetrics.CompareSegmentsCES(segs, cxmetrics.HigherIsEasier, 0.95, cxmetrics.Holm)
	if err != nil {
		t.Fatal(err)
	}
	wantRest := []segmentRow{
		{"APAC", "", 0.54186814719880694, 0.54186814719880694},
		{"EU", "", 1.503440686543138e-05, 4.5103220596294139e-05},
		{"US", "", 2.2184680129456785e-05, 4.5103220596294139e-05},
	}
	// Holm of (0.00637, 0.0587, 1.25e-06): × 2, × 1 (running max with
	// 0.0127 keeps 0.0587), × 3.
	wantPairs := []segmentRow{
		{"APAC", "EU", 0.0063689654379997396, 2 * 0.0063689654379997396},
		{"APAC", "US", 0.058721137412582627, 0.058721137412582627},
		{"EU", "US", 1.2498833432714615e-06, 3 * 1.2498833432714615e-06},
	}
	if diff := cmp.Diff(wantRest, rowsOf(got.VsRest), relApprox); diff != "" {
		t.Errorf("VsRest mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPairs, rowsOf(got.Pairs), relApprox); diff != "" {
		t.Errorf("Pairs mismatch (-want +got):\n%s", diff)
	}
	// t$estimate[1] − t$estimate[2] and t$parameter of the rest tests.
	wantDiff := []float64{0.1800000000000006, -1.2622222222222224, 1.1022222222222222}
	wantDF := []float64{76.49496653447865, 89.585850062850298, 124.40910742633608}
	for i, r := range got.VsRest {
		if !approxEqual(r.Diff, wantDiff[i]) || !approxEqual(r.DF, wantDF[i]) {
			t.Errorf("VsRest[%d] Diff, DF = %v, %v, want %v, %v", i, r.Diff, r.DF, wantDiff[i], wantDF[i])
		}
	}
}

// approxEqual reports whether a and b agree to 1e-9.
func approxEqual(a, b float64) bool {
	return cmp.Equal(a, b, cmpopts.EquateApprox(0, 1e-9))
}

// TestCompareSegmentsTwo checks that with two segments the rest of each
// is the other: the rows against the rest are the one pair, each way.
func TestCompareSegmentsTwo(t *testing.T) {
	segs := map[string]*cxmetrics.Survey{"a": npsSurvey(t, 5, 3, 2), "b": npsSurvey(t, 2, 3, 5)}
	got, err := cxmetrics.CompareSegmentsNPS(segs, 0.9, cxmetrics.NoAdjustment)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got.Pairs[0].Comparison, got.VsRest[0].Comparison, approx); diff != "" {
		t.Errorf("a against the rest is not a against b (-want +got):\n%s", diff)
	}
	if d := got.VsRest[1].Diff + got.VsRest[0].Diff; d != 0 {
		t.Errorf("the two rows' Diffs add up to %v, want 0", d)
	}
	for _, r := range append(got.VsRest, got.Pairs...) {
		if r.AdjustedP != r.P {
			t.Errorf("%s: AdjustedP %v with no adjustment, P %v", r.Segment, r.AdjustedP, r.P)
		}
	}
}

func TestCompareSegmentsErrors(t *testing.T) {
	ok := npsSurvey(t, 5, 3, 2)
	csat := mustSurvey(t, cxmetrics.CSATScale, 1, 2, 3, 4, 5)
	oneCES := mustSurvey(t, cxmetrics.CESScale, 0, 0, 0, 1)
	flat := mustSurvey(t, cxmetrics.CESScale, 0, 0, 0, 4)
	flat2 := mustSurvey(t, cxmetrics.CESScale, 0, 0, 0, 0, 3)
	tooMany := make(map[string]*cxmetrics.Survey, cxmetrics.MaxSegments+1)
	for i := range cxmetrics.MaxSegments + 1 {
		tooMany[strings.Repeat("x", i)] = ok
	}
	big := mustSurvey(t, cxmetrics.NPSScale)
	if err := big.AddN(10, 1<<62); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		run      func() error
		wantErr  error
		wantText string
	}{
		{"one segment", func() error {
			_, err := cxmetrics.CompareSegmentsNPS(map[string]*cxmetrics.Survey{"a": ok}, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrInvalidArgument, "1 segments"},
		{"nil map", func() error { _, err := cxmetrics.CompareSegmentsCSAT(nil, 0.95, cxmetrics.Holm); return err }, cxmetrics.ErrInvalidArgument, "0 segments"},
		{"too many", func() error { _, err := cxmetrics.CompareSegmentsNPS(tooMany, 0.95, cxmetrics.Holm); return err }, cxmetrics.ErrInvalidArgument, "1001 segments"},
		{"bad confidence", func() error {
			_, err := cxmetrics.CompareSegmentsNPS(map[string]*cxmetrics.Survey{"a": ok, "b": ok}, 95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrInvalidArgument, "confidence 95"},
		{"no method", func() error {
			_, err := cxmetrics.CompareSegmentsNPS(map[string]*cxmetrics.Survey{"a": ok, "b": ok}, 0.95, 0)
			return err
		}, cxmetrics.ErrInvalidArgument, "Adjustment(0)"},
		{"nil segment", func() error {
			_, err := cxmetrics.CompareSegmentsNPS(map[string]*cxmetrics.Survey{"a": ok, "EU": nil}, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrInvalidArgument, `segments["EU"]`},
		{"zero-value segment", func() error {
			_, err := cxmetrics.CompareSegmentsCES(map[string]*cxmetrics.Survey{"a": ok, "EU": {}}, cxmetrics.HigherIsEasier, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrInvalidArgument, `segments["EU"]`},
		{"NPS on 1-5", func() error {
			_, err := cxmetrics.CompareSegmentsNPS(map[string]*cxmetrics.Survey{"a": csat, "b": csat}, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrScaleMismatch, `segments["a"]`},
		{"mixed scales", func() error {
			_, err := cxmetrics.CompareSegmentsCSAT(map[string]*cxmetrics.Survey{"a": csat, "b": ok}, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrScaleMismatch, `segments["b"]`},
		{"empty segment", func() error {
			_, err := cxmetrics.CompareSegmentsNPS(map[string]*cxmetrics.Survey{"a": ok, "b": ok, "EU": mustSurvey(t, cxmetrics.NPSScale)}, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrNoResponses, `segments["EU"]`},
		{"CSAT on 2 points", func() error {
			yn := mustSurvey(t, cxmetrics.Scale{Min: 0, Max: 1}, 1, 1)
			_, err := cxmetrics.CompareSegmentsCSAT(map[string]*cxmetrics.Survey{"a": yn, "b": yn}, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrInvalidArgument, `segments["a"]`},
		{"CES bad direction", func() error {
			_, err := cxmetrics.CompareSegmentsCES(map[string]*cxmetrics.Survey{"a": flat, "b": flat2}, 0, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrInvalidArgument, `segments["a"]`},
		{"CES one answer", func() error {
			_, err := cxmetrics.CompareSegmentsCES(map[string]*cxmetrics.Survey{"a": flat, "EU": oneCES}, cxmetrics.HigherIsEasier, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrNoResponses, `segments["EU"]`},
		{"CES no variance", func() error {
			_, err := cxmetrics.CompareSegmentsCES(map[string]*cxmetrics.Survey{"a": flat, "b": flat2}, cxmetrics.HigherIsEasier, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrInvalidArgument, `segments["a"] against the rest`},
		{"overflow", func() error {
			_, err := cxmetrics.CompareSegmentsNPS(map[string]*cxmetrics.Survey{"a": big, "b": big, "c": big}, 0.95, cxmetrics.Holm)
			return err
		}, cxmetrics.ErrOverflow, `segments["b"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not name %s", err, tt.wantText)
			}
		})
	}
}

func TestSegmentComparisonSignificant(t *testing.T) {
	c := cxmetrics.SegmentComparison{Comparison: cxmetrics.Comparison{P: 0.01}, AdjustedP: 0.06}
	if c.Significant(0.05) {
		t.Error("Significant(0.05) with AdjustedP 0.06 = true, want false")
	}
	if !c.Comparison.Significant(0.05) {
		t.Error("Comparison.Significant(0.05) with P 0.01 = false, want true")
	}
	if !c.Significant(0.1) || c.Significant(1) || c.Significant(0) {
		t.Error("Significant outside (0, 1) or at 0.1 is wrong")
	}
}
