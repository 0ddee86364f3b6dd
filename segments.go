package cxmetrics

import (
	"fmt"
	"slices"
)

// This file holds the comparisons across many segments of one survey
// question: each segment against the rest, and every pair, with the
// p-values of each family adjusted for multiplicity (multiplicity.go).

// MaxSegments is the largest number of segments [CompareSegmentsNPS],
// [CompareSegmentsCSAT] and [CompareSegmentsCES] take. All pairs of k
// segments are k(k − 1)/2 comparisons, about 50 MB at this limit; more
// segments are refused with [ErrInvalidArgument] before anything is
// allocated.
const MaxSegments = 1000

// SegmentComparison is one comparison of [SegmentComparisons]: a segment
// against the rest of the segments, or against one other segment.
//
// The embedded [Comparison] has the conventions of the two-sample
// comparison it comes from ([CompareNPS], [CompareCSAT] or [CompareCES]),
// with Segment in the place of b: Diff is Segment minus Other (or minus
// the rest), positive when Segment is higher. P is the raw p-value of
// this one test; AdjustedP is P adjusted over its family by the method
// of [SegmentComparisons.Method]. Interval is not adjusted: it has the
// confidence requested for one comparison.
//
// A SegmentComparison is a plain value; it is safe for concurrent use.
type SegmentComparison struct {
	Segment string // the segment compared (b of the Comparison)
	Other   string // the other segment of a pair (a); "" in VsRest, where Segment is compared with the rest
	Comparison
	DF        float64 // Welch–Satterthwaite degrees of freedom for CES; 0 for NPS and CSAT, whose tests are z tests
	AdjustedP float64 // P adjusted for multiplicity over the family, P to 1
}

// Significant reports whether the difference is significant at level
// alpha after the adjustment for multiplicity, that is whether
// AdjustedP < alpha. It is false for an alpha outside (0, 1) or NaN. For
// the test taken alone, use c.Comparison.Significant, which reads P.
func (c SegmentComparison) Significant(alpha float64) bool {
	return alpha > 0 && alpha < 1 && c.AdjustedP < alpha
}

// SegmentComparisons is the result of comparing a figure across
// segments: each segment against the rest, and every pair of segments.
// Each of the two lists is a family of tests whose p-values are adjusted
// together, apart from the other list: they answer two questions ("which
// segments differ from everyone else?" and "which segments differ from
// each other?").
//
// A SegmentComparisons holds slices; it is safe for concurrent reads.
type SegmentComparisons struct {
	Method Adjustment // the adjustment applied to each family

	// VsRest holds one comparison per segment, in the order of the
	// segments' names: the segment against all the other segments taken
	// together.
	VsRest []SegmentComparison

	// Pairs holds every pair of segments once, k(k − 1)/2 of them for k
	// segments, ordered by Segment's name, then Other's; Segment's name
	// sorts before Other's.
	Pairs []SegmentComparison
}

// CompareSegmentsNPS compares the NPS of each segment of segments (a
// survey on the 0-10 [NPSScale] per segment name) with that of the rest
// of the segments, and of every pair of segments, by [CompareNPS] at the
// given confidence, and adjusts each family's p-values by method (see
// [AdjustP]):
//
//	rest of s  = the answers of every segment but s, merged
//	VsRest[i]  = CompareNPS(rest of sᵢ, sᵢ), for each segment sᵢ in name order
//	Pairs      = CompareNPS(sⱼ, sᵢ) for i < j in name order
//	AdjustedP  = AdjustP(the family's P, method)
//
// so that Diff is always the segment named first minus the other.
//
// Why the rest and not the total: a segment is part of the total, so the
// two samples overlap, and the two-sample tests, which need independent
// samples, do not apply to them. The rest is independent of the segment,
// and comparing with it is the overlap-corrected comparison with the
// total: for any figure that is a mean of per-answer scores (a share, an
// NPS as the mean of +1, 0 and −1, a mean answer), with n answers in the
// segment out of N,
//
//	segment − total = (1 − n/N) × (segment − rest)
//
// so the difference from the total, with its variance corrected for the
// overlap, gives the same z statistic and p-value as the difference from
// the rest (for NPS up to the adjusted-Wald pseudo-counts). To report a
// segment's distance from the total, show the segment's score minus the
// total's beside this row's p-value.
//
// The segments need not be of similar size; each row's test uses only
// the two samples it compares. The result depends only on the counts, not
// on map order.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN         ErrInvalidArgument
//	method not one of the Adjustments        ErrInvalidArgument
//	fewer than 2 or more than MaxSegments
//	segments                                 ErrInvalidArgument
//	a segment nil or zero-value              ErrInvalidArgument, naming it: segments["EU"]
//	a segment not on 0-10                    ErrScaleMismatch, naming it
//	a segment with no answers                ErrNoResponses, naming it
//	answers of all segments past int64       ErrOverflow
func CompareSegmentsNPS(segments map[string]*Survey, confidence float64, method Adjustment) (SegmentComparisons, error) {
	return compareSegments(segments, confidence, method, NPS,
		func(a, b NPSResult) (Comparison, float64, error) {
			c, err := CompareNPS(a, b, confidence)
			return c, 0, err
		})
}

// CompareSegmentsCSAT compares the CSAT ([CSAT], the top two boxes) of
// each segment of segments with that of the rest of the segments, and of
// every pair of segments, by [CompareCSAT] at the given confidence, and
// adjusts each family's p-values by method. The rows are built as in
// [CompareSegmentsNPS], whose documentation says why each segment is
// compared with the rest rather than with the total: the difference from
// the total is (1 − n/N) times the difference from the rest, with the
// same z once the overlap is accounted for.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN         ErrInvalidArgument
//	method not one of the Adjustments        ErrInvalidArgument
//	fewer than 2 or more than MaxSegments
//	segments                                 ErrInvalidArgument
//	a segment nil or zero-value, or on a
//	scale of 2 points (no top two boxes)     ErrInvalidArgument, naming it: segments["EU"]
//	segments on different scales             ErrScaleMismatch, naming one
//	a segment with no answers                ErrNoResponses, naming it
//	answers of all segments past int64       ErrOverflow
func CompareSegmentsCSAT(segments map[string]*Survey, confidence float64, method Adjustment) (SegmentComparisons, error) {
	return compareSegments(segments, confidence, method, CSAT,
		func(a, b CSATResult) (Comparison, float64, error) {
			c, err := CompareCSAT(a, b, confidence)
			return c, 0, err
		})
}

// CompareSegmentsCES compares the mean CES answer ([CES], read in
// direction d) of each segment of segments with that of the rest of the
// segments, and of every pair of segments, by Welch's t test of
// [CompareCES] at the given confidence, and adjusts each family's
// p-values by method. Each row's DF holds the test's degrees of freedom.
// The rows are built as in [CompareSegmentsNPS], whose documentation
// says why each segment is compared with the rest rather than with the
// total.
//
// Special cases are:
//
//	confidence outside (0, 1) or NaN         ErrInvalidArgument
//	method not one of the Adjustments        ErrInvalidArgument
//	d not a known Direction                  ErrInvalidArgument
//	fewer than 2 or more than MaxSegments
//	segments                                 ErrInvalidArgument
//	a segment nil or zero-value              ErrInvalidArgument, naming it: segments["EU"]
//	segments on different scales             ErrScaleMismatch, naming one
//	a segment with fewer than 2 answers      ErrNoResponses, naming it
//	two samples whose answers are each all
//	the same, with different means           ErrInvalidArgument, naming them
//	answers of all segments past int64       ErrOverflow
func CompareSegmentsCES(segments map[string]*Survey, d Direction, confidence float64, method Adjustment) (SegmentComparisons, error) {
	return compareSegments(segments, confidence, method,
		func(s *Survey) (CESResult, error) { return CES(s, d) },
		func(a, b CESResult) (Comparison, float64, error) {
			c, err := CompareCES(a, b, confidence)
			return c.Comparison, c.DF, err
		})
}

// compareSegments is the body of the CompareSegments functions: figure
// computes a segment's result from its survey, compare tests b against a.
func compareSegments[R any](segments map[string]*Survey, confidence float64, method Adjustment,
	figure func(*Survey) (R, error), compare func(a, b R) (Comparison, float64, error)) (SegmentComparisons, error) {
	if err := checkConfidence(confidence); err != nil {
		return SegmentComparisons{}, err
	}
	if err := checkAdjustment(method); err != nil {
		return SegmentComparisons{}, err
	}
	if k := len(segments); k < 2 || k > MaxSegments {
		return SegmentComparisons{}, fmt.Errorf("%w: %d segments, want 2 to %d", ErrInvalidArgument, k, MaxSegments)
	}
	names := make([]string, 0, len(segments))
	for name := range segments {
		names = append(names, name)
	}
	slices.Sort(names)

	// The whole: every segment's counts added up, exactly.
	var whole *Survey
	for _, name := range names {
		s := segments[name]
		if err := s.argument(fmt.Sprintf("segments[%q]", name)); err != nil {
			return SegmentComparisons{}, err
		}
		if whole == nil {
			whole = &Survey{scale: s.scale, counts: make([]int64, len(s.counts))}
		}
		if s.scale != whole.scale {
			return SegmentComparisons{}, fmt.Errorf("%w: segments[%q] is on %v, segments[%q] on %v",
				ErrScaleMismatch, name, s.scale, names[0], whole.scale)
		}
		if err := whole.Merge(s); err != nil {
			return SegmentComparisons{}, fmt.Errorf("segments[%q]: %w", name, err)
		}
	}

	// Each segment's figure, and that of the rest of the segments: the
	// whole minus the segment, in one buffer reused for each.
	figures := make([]R, len(names))
	rests := make([]R, len(names))
	rest := &Survey{scale: whole.scale, counts: make([]int64, len(whole.counts))}
	for i, name := range names {
		f, err := figure(segments[name])
		if err != nil {
			return SegmentComparisons{}, fmt.Errorf("segments[%q]: %w", name, err)
		}
		figures[i] = f
	}
	for i, name := range names {
		s := segments[name]
		for j, c := range s.counts {
			rest.counts[j] = whole.counts[j] - c
		}
		rest.total = whole.total - s.total
		var err error
		if rests[i], err = figure(rest); err != nil {
			return SegmentComparisons{}, fmt.Errorf("the rest of segments[%q]: %w", name, err)
		}
	}

	out := SegmentComparisons{
		Method: method,
		VsRest: make([]SegmentComparison, 0, len(names)),
		Pairs:  make([]SegmentComparison, 0, len(names)*(len(names)-1)/2),
	}
	for i, name := range names {
		c, df, err := compare(rests[i], figures[i])
		if err != nil {
			return SegmentComparisons{}, fmt.Errorf("segments[%q] against the rest: %w", name, err)
		}
		out.VsRest = append(out.VsRest, SegmentComparison{Segment: name, Comparison: c, DF: df})
	}
	for i, name := range names {
		for j := i + 1; j < len(names); j++ {
			c, df, err := compare(figures[j], figures[i])
			if err != nil {
				return SegmentComparisons{}, fmt.Errorf("segments[%q] against segments[%q]: %w", name, names[j], err)
			}
			out.Pairs = append(out.Pairs, SegmentComparison{Segment: name, Other: names[j], Comparison: c, DF: df})
		}
	}
	if err := adjustRows(out.VsRest, method); err != nil {
		return SegmentComparisons{}, err
	}
	if err := adjustRows(out.Pairs, method); err != nil {
		return SegmentComparisons{}, err
	}
	return out, nil
}

// adjustRows sets each row's AdjustedP, adjusting the rows' P together.
func adjustRows(rows []SegmentComparison, method Adjustment) error {
	p := make([]float64, len(rows))
	for i, r := range rows {
		p[i] = r.P
	}
	adj, err := AdjustP(p, method)
	if err != nil {
		return err // no test returns a P outside [0, 1]; kept so that a bug is an error, not a wrong row
	}
	for i := range rows {
		rows[i].AdjustedP = adj[i]
	}
	return nil
}
