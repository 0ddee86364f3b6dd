package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/cxmetrics/cxmetrics"
)

// surveyReport computes the survey section from the tallies: for each
// question with answers, its figures by period and by segment, and the
// change between its last two periods.
//
// It adds the tallies up once, by period and by segment, and finds the
// tally of a segment in one period by its key, so that its time and memory
// grow with the number of tallies (and a sort of the labels), not with the
// product of periods, segments and tallies.
func surveyReport(a *answers, confidence float64) (*SurveyReport, error) {
	r := &SurveyReport{Source: a.source, Rows: a.rows, Skipped: a.skipped, SkippedRows: a.listed, Empty: a.empty, Period: "month",
		Adjustment: a.config.adjust.String()}
	if a.config.quarterly {
		r.Period = "quarter"
	}
	groups, err := groupTallies(a.tallies)
	if err != nil {
		return nil, err
	}
	for q, g := range groups {
		if len(g.periods) == 0 {
			continue // no answers to this question
		}
		m, err := metricReport(question(q), g, a, confidence)
		if err != nil {
			return nil, err
		}
		if err := addComparisons(&m, question(q), g, a, confidence); err != nil {
			return nil, err
		}
		r.Metrics = append(r.Metrics, m)
	}
	r.Drivers = a.drivers.report()
	return r, nil
}

// tallyGroups are the tallies of one question added up by period (over all
// segments) and by segment (over all periods).
type tallyGroups struct {
	periods   []int32 // with answers, oldest first
	byPeriod  map[int32]*cxmetrics.Survey
	segments  []string // with answers, by name; none without a segment column
	bySegment map[string]*cxmetrics.Survey
}

// groupTallies adds up the tallies of each question by period and by
// segment, in one pass over them.
func groupTallies(tallies map[tallyKey]*cxmetrics.Survey) ([numQuestions]tallyGroups, error) {
	var groups [numQuestions]tallyGroups
	for q := range groups {
		groups[q] = tallyGroups{byPeriod: map[int32]*cxmetrics.Survey{}, bySegment: map[string]*cxmetrics.Survey{}}
	}
	for k, s := range tallies {
		g := &groups[k.question]
		if err := addTally(g.byPeriod, k.period, s); err != nil {
			return groups, err
		}
		if k.segment == "" { // the file has no segment column
			continue
		}
		if err := addTally(g.bySegment, k.segment, s); err != nil {
			return groups, err
		}
	}
	for q := range groups {
		groups[q].periods = slices.Sorted(maps.Keys(groups[q].byPeriod))
		groups[q].segments = slices.Sorted(maps.Keys(groups[q].bySegment))
	}
	return groups, nil
}

// addTally adds s to the sum under key in sums, starting the sum if need
// be.
func addTally[K comparable](sums map[K]*cxmetrics.Survey, key K, s *cxmetrics.Survey) error {
	sum := sums[key]
	if sum == nil {
		var err error
		if sum, err = cxmetrics.NewSurvey(s.Scale()); err != nil {
			return err
		}
		sums[key] = sum
	}
	return sum.Merge(s)
}

// metricReport computes the figures of question q from its groups g: by
// period, by segment, and the change between the last two periods, in all
// and in each segment.
func metricReport(q question, g tallyGroups, a *answers, confidence float64) (Metric, error) {
	cfg := a.config
	m := Metric{Name: q.String(), Scale: cfg.scales[q].String(), Segments: []Figure{}, SegmentChanges: []Change{}}
	m.Unit, m.Interval = metricUnits(q)
	for _, p := range g.periods {
		label := cfg.cal.Label(int(p))
		f, err := measure(q, g.byPeriod[p], cfg, confidence)
		if err != nil {
			return m, fmt.Errorf("%s %s: %w", q, label, err)
		}
		f.Period = label
		m.Periods = append(m.Periods, f)
	}
	for _, seg := range g.segments {
		f, err := measure(q, g.bySegment[seg], cfg, confidence)
		if err != nil {
			return m, fmt.Errorf("%s %s: %w", q, seg, err)
		}
		f.Segment = seg
		m.Segments = append(m.Segments, f)
	}
	n := len(g.periods)
	if n < 2 {
		return m, nil
	}
	if c, err := change(q, m.Periods[n-2], m.Periods[n-1], confidence); err == nil {
		m.Change = &c
	}
	var err error
	m.SegmentChanges, err = segmentChanges(q, g.segments, g.periods[n-2], g.periods[n-1], a, confidence)
	return m, err
}

// segmentChanges compares, in each of segments, the answers to q in
// period from with those in period to. A segment without answers in one
// of the two periods is left out, and so is a change that cannot be
// tested (one CES answer, no variance).
func segmentChanges(q question, segments []string, from, to int32, a *answers, confidence float64) ([]Change, error) {
	changes := []Change{}
	for _, seg := range segments {
		var f [2]Figure
		ok := true
		for i, p := range [2]int32{from, to} {
			s := a.tallies[tallyKey{period: p, segment: seg, question: q}]
			if s == nil {
				ok = false
				break
			}
			var err error
			if f[i], err = measure(q, s, a.config, confidence); err != nil {
				return nil, err
			}
			f[i].Period = a.config.cal.Label(int(p))
		}
		if !ok {
			continue // the segment has no answers in one of the periods
		}
		if c, err := change(q, f[0], f[1], confidence); err == nil {
			c.Segment = seg
			changes = append(changes, c)
		}
	}
	return changes, nil
}

// metricUnits returns the unit of a metric's score and its interval's
// method.
func metricUnits(q question) (unit, method string) {
	switch q {
	case nps:
		return "points, -100 to 100", "adjusted Wald (Rocks 2016)"
	case csat:
		return "percent in the top two boxes", "Wilson score"
	}
	return "mean answer, higher is easier", "Student's t"
}

// measure computes one figure of question q from s.
func measure(q question, s *cxmetrics.Survey, cfg answerConfig, confidence float64) (Figure, error) {
	f := Figure{Answers: s.Total()}
	var iv cxmetrics.Interval
	var ivErr error
	switch q {
	case nps:
		r, err := cxmetrics.NPS(s)
		if err != nil {
			return f, err
		}
		f.Score, f.result = r.Score, r
		f.Counts = map[string]int64{"promoters": r.Promoters, "passives": r.Passives, "detractors": r.Detractors}
		iv, ivErr = r.Interval(confidence)
	case csat:
		r, err := cxmetrics.CSAT(s)
		if err != nil {
			return f, err
		}
		f.Score, f.result = r.Score, r
		f.Counts = map[string]int64{"satisfied": r.Satisfied, "not_satisfied": r.Total - r.Satisfied}
		iv, ivErr = r.Interval(confidence)
	case ces:
		r, err := cxmetrics.CES(s, cfg.cesDirection)
		if err != nil {
			return f, err
		}
		f.Score, f.result = r.Mean, r
		f.Counts = map[string]int64{"easy": r.Easy, "neutral": r.Neutral, "difficult": r.Difficult}
		f.EasyPercent, f.Net = ptr(round(r.EasyPercent)), ptr(round(r.Net))
		iv, ivErr = r.Interval(confidence)
	}
	f.Score = round(f.Score)
	if errors.Is(ivErr, cxmetrics.ErrUndefined) {
		return f, nil // a CES of one answer has no interval
	}
	if ivErr != nil {
		return f, ivErr
	}
	f.Lo, f.Hi = ptr(round(iv.Lo)), ptr(round(iv.Hi))
	return f, nil
}

// change compares the figures a and b of question q.
func change(q question, a, b Figure, confidence float64) (Change, error) {
	var c cxmetrics.Comparison
	var err error
	switch q {
	case nps:
		c, err = cxmetrics.CompareNPS(a.result.(cxmetrics.NPSResult), b.result.(cxmetrics.NPSResult), confidence)
	case csat:
		c, err = cxmetrics.CompareCSAT(a.result.(cxmetrics.CSATResult), b.result.(cxmetrics.CSATResult), confidence)
	case ces:
		var cc cxmetrics.CESComparison
		cc, err = cxmetrics.CompareCES(a.result.(cxmetrics.CESResult), b.result.(cxmetrics.CESResult), confidence)
		c = cc.Comparison
	}
	if err != nil {
		return Change{}, err
	}
	return Change{
		From: a.Period, To: b.Period,
		Diff: round(c.Diff), Lo: round(c.Interval.Lo), Hi: round(c.Interval.Hi),
		P: round(c.P), Significant: c.Significant(1 - confidence),
	}, nil
}
