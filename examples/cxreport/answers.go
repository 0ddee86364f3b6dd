package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
)

// A question is one of the three kinds of survey question cxreport knows.
type question int

const (
	nps question = iota
	csat
	ces
	numQuestions
)

var questionNames = [numQuestions]string{"nps", "csat", "ces"}

func (q question) String() string { return questionNames[q] }

// parseQuestion returns the question named s, in any case.
func parseQuestion(s string) (question, bool) {
	for q, name := range questionNames {
		if strings.EqualFold(s, name) {
			return question(q), true
		}
	}
	return 0, false
}

// answerConfig says how to read an answers file.
type answerConfig struct {
	dateCol, scoreCol, segmentCol, questionCol string
	// segmentSet and questionSet are true when the flags named the
	// column, which then must exist; otherwise it is optional.
	segmentSet, questionSet bool
	// questionCols name the columns of the wide form (-nps-col and the
	// others), one a question.
	questionCols [numQuestions]string
	question     question // of every row, without a question column
	scales       [numQuestions]cxmetrics.Scale
	cesDirection cxmetrics.Direction
	quarterly    bool
	// dates reads the date column (-date-format, -tz); cal makes its
	// periods, months or quarters in -tz.
	dates *exports.DateReader
	cal   cxmetrics.Calendar
	// adjust is how the report adjusts the p-values of many comparisons
	// (-adjust); driverCols and driverScale name the attribute rating
	// columns of a key driver analysis (-driver-cols, -driver-scale).
	adjust      cxmetrics.Adjustment
	driverCols  []string
	driverScale cxmetrics.Scale
}

// tallyKey names one Survey: the answers to one question, in one period,
// from one segment.
type tallyKey struct {
	period   int32  // the calendar's period
	segment  string // as cleanLabel wrote it; "" without a segment column
	question question
}

// answers holds the tallies of an answers file: one Survey per period,
// segment and question seen, however many rows the file has.
type answers struct {
	source  string
	rows    int64
	skipped int64
	listed  []SkippedRow // the first skipped rows
	empty   int64        // empty answers: questions a respondent skipped
	tallies map[tallyKey]*cxmetrics.Survey
	config  answerConfig
	drivers *driverTally // nil without -driver-cols
}

// readAnswers reads src row by row and tallies each answer as it comes.
// A file is in the long form, one answer a row, when it has the score
// column; otherwise in the wide form, one respondent a row, with a column
// for each question it asks (-nps-col, -csat-col, -ces-col). An empty score is a
// question the respondent skipped: counted, not an error. list, if not
// nil, gets every row skipped under -skip-bad.
func readAnswers(src source, cfg answerConfig, skipBad bool, prog *progress, list io.Writer) (*answers, error) {
	f, err := openCSV(src, skipBad, prog, list)
	if err != nil {
		return nil, err
	}
	defer f.close()
	dateCol, err := f.column(cfg.dateCol, "date-col", true)
	if err != nil {
		return nil, err
	}
	segmentCol, err := f.column(cfg.segmentCol, "segment-col", cfg.segmentSet)
	if err != nil {
		return nil, err
	}
	// scoreCols[q] is the column of question q's scores: one column for
	// every question in the long form, one each in the wide form.
	var scoreCols [numQuestions]int
	questionCol := -1
	scoreCol, err := f.column(cfg.scoreCol, "score-col", false)
	if err != nil {
		return nil, err
	}
	if scoreCol >= 0 {
		if questionCol, err = f.column(cfg.questionCol, "question-col", cfg.questionSet); err != nil {
			return nil, err
		}
		for q := range scoreCols {
			scoreCols[q] = -1
		}
		scoreCols[cfg.question] = scoreCol
	} else {
		wide := false
		for q := range scoreCols {
			scoreCols[q], _ = f.column(cfg.questionCols[q], "", false)
			wide = wide || scoreCols[q] >= 0
		}
		if !wide {
			return nil, fmt.Errorf("%s:1: no column %q in the header (%s), nor a column per question (%s); set -score-col, or -nps-col, -csat-col and -ces-col",
				src.name, cfg.scoreCol, f.header, strings.Join(cfg.questionCols[:], ", "))
		}
	}

	drivers, err := newDriverTally(f, cfg)
	if err != nil {
		return nil, err
	}
	a := &answers{source: src.name, tallies: map[tallyKey]*cxmetrics.Survey{}, config: cfg, drivers: drivers}
	var (
		lastYear   int // of the last YYYY-MM-DD cell, and its period
		lastMonth  time.Month
		lastPeriod int32
	)
	for {
		rec, err := f.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		// Most cells are dates, YYYY-MM-DD, whose period (a month or a
		// quarter in -tz) follows from their year and month alone: those
		// of the row before are in its period.
		var key tallyKey
		cell := rec[dateCol]
		if y, m, _, ok := exports.ISODate(cell); ok {
			if y != lastYear || m != lastMonth {
				lastYear, lastMonth = y, m
				lastPeriod = int32(cfg.cal.Period(time.Date(y, m, 1, 0, 0, 0, 0, cfg.cal.Location())))
			}
			key.period = lastPeriod
		} else if t, err := cfg.dates.Time(cell); err == nil {
			key.period = int32(cfg.cal.Period(t))
		} else {
			if errors.Is(err, exports.ErrAmbiguousDate) {
				line, col := f.pos(dateCol)
				return nil, &rowError{file: src.name, line: line, col: col, msg: fmt.Sprintf(
					"date %q %v: set -date-format us (month first) or eu (day first)", rec[dateCol], err)}
			}
			if err := f.bad(dateCol, "date %q %v", rec[dateCol], err); err != nil {
				return nil, err
			}
			continue
		}
		if segmentCol >= 0 {
			if key.segment = cleanLabel(strings.TrimSpace(rec[segmentCol])); key.segment == "" {
				key.segment = "(blank)"
			}
		}
		cols := scoreCols
		if questionCol >= 0 {
			q, ok := parseQuestion(rec[questionCol])
			if !ok {
				if err := f.bad(questionCol, "question %q is not nps, csat or ces", rec[questionCol]); err != nil {
					return nil, err
				}
				continue
			}
			cols = [numQuestions]int{-1, -1, -1}
			cols[q] = scoreCol
		}
		// The row's answers are checked before any is tallied, so that
		// a skipped row adds nothing.
		var scores [numQuestions]int
		var empty int64
		bad := false
		for q, col := range cols {
			if col < 0 {
				continue
			}
			score, err := exports.Score(rec[col])
			if errors.Is(err, exports.ErrEmpty) {
				scores[q], empty = -1, empty+1
				continue
			}
			scale := cfg.scales[q]
			if err == nil && !scale.Contains(score) {
				err = fmt.Errorf("is outside %v (%v)", scale, question(q))
			}
			if err != nil {
				if err := f.bad(col, "score %q %v", rec[col], err); err != nil {
					return nil, err
				}
				bad = true
				break
			}
			scores[q] = score
		}
		if bad {
			continue
		}
		if ok, err := a.drivers.parse(f, rec); err != nil {
			return nil, err
		} else if !ok {
			continue // a bad rating, skipped with -skip-bad
		}
		a.empty += empty
		for q, col := range cols {
			if col < 0 || scores[q] < 0 {
				continue
			}
			key.question = question(q)
			if err := a.add(key, cfg.scales[q], scores[q]); err != nil {
				return nil, err
			}
		}
		if cols[nps] >= 0 && scores[nps] >= 0 { // a respondent of the key driver analysis
			if err := a.drivers.add(scores[nps]); err != nil {
				return nil, err
			}
		}
	}
	a.rows, a.skipped, a.listed = f.rows, f.skipped, f.listed
	if len(a.tallies) == 0 {
		return nil, noRows(src.name, "answers", a.skipped)
	}
	return a, nil
}

// add tallies one answer under key.
func (a *answers) add(key tallyKey, scale cxmetrics.Scale, score int) error {
	s := a.tallies[key]
	if s == nil {
		key.segment = strings.Clone(key.segment) // not a slice of the reused record
		var err error
		if s, err = cxmetrics.NewSurvey(scale); err != nil {
			return err // the scales were checked with the flags
		}
		a.tallies[key] = s
	}
	return s.Add(score) // in range, so only an overflow past 2^63 answers
}
