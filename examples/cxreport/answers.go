package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cxmetrics/cxmetrics"
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
	question                question // of every row, without a question column
	scales                  [numQuestions]cxmetrics.Scale
	cesDirection            cxmetrics.Direction
	quarterly               bool
}

// tallyKey names one Survey: the answers to one question, in one period,
// from one segment.
type tallyKey struct {
	period   int32  // months (or quarters) since year 0
	segment  string // as cleanLabel wrote it; "" without a segment column
	question question
}

// answers holds the tallies of an answers file: one Survey per period,
// segment and question seen, however many rows the file has.
type answers struct {
	source  string
	rows    int64
	skipped int64
	// firstSkip is the first bad row skipped under -skip-bad.
	firstSkip error
	tallies   map[tallyKey]*cxmetrics.Survey
	config    answerConfig
}

// readAnswers reads src row by row and tallies each answer as it comes.
func readAnswers(src source, cfg answerConfig, skipBad bool, prog *progress) (*answers, error) {
	f, err := openCSV(src, skipBad, prog)
	if err != nil {
		return nil, err
	}
	defer f.close()
	dateCol, err := f.column(cfg.dateCol, "date-col", true)
	if err != nil {
		return nil, err
	}
	scoreCol, err := f.column(cfg.scoreCol, "score-col", true)
	if err != nil {
		return nil, err
	}
	segmentCol, err := f.column(cfg.segmentCol, "segment-col", cfg.segmentSet)
	if err != nil {
		return nil, err
	}
	questionCol, err := f.column(cfg.questionCol, "question-col", cfg.questionSet)
	if err != nil {
		return nil, err
	}

	a := &answers{source: src.name, tallies: map[tallyKey]*cxmetrics.Survey{}, config: cfg}
	for {
		rec, err := f.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		year, month, ok := parseDate(rec[dateCol])
		if !ok {
			if err := f.bad(dateCol, "date %q is not YYYY-MM-DD", rec[dateCol]); err != nil {
				return nil, err
			}
			continue
		}
		key := tallyKey{period: int32(year*12 + month - 1), question: cfg.question}
		if cfg.quarterly {
			key.period = int32(year*4 + (month-1)/3)
		}
		if segmentCol >= 0 {
			if key.segment = cleanLabel(strings.TrimSpace(rec[segmentCol])); key.segment == "" {
				key.segment = "(blank)"
			}
		}
		if questionCol >= 0 {
			if key.question, ok = parseQuestion(rec[questionCol]); !ok {
				if err := f.bad(questionCol, "question %q is not nps, csat or ces", rec[questionCol]); err != nil {
					return nil, err
				}
				continue
			}
		}
		scale := cfg.scales[key.question]
		score, err := strconv.Atoi(strings.TrimSpace(rec[scoreCol]))
		if err != nil {
			if err := f.bad(scoreCol, "score %q is not a whole number", rec[scoreCol]); err != nil {
				return nil, err
			}
			continue
		}
		if !scale.Contains(score) {
			if err := f.bad(scoreCol, "score %q is outside %v (%v)", rec[scoreCol], scale, key.question); err != nil {
				return nil, err
			}
			continue
		}
		s := a.tallies[key]
		if s == nil {
			key.segment = strings.Clone(key.segment) // not a slice of the reused record
			if s, err = cxmetrics.NewSurvey(scale); err != nil {
				return nil, err // the scales were checked with the flags
			}
			a.tallies[key] = s
		}
		if err := s.Add(score); err != nil {
			return nil, err // in range, so only an overflow past 2^63 answers
		}
	}
	a.rows, a.skipped, a.firstSkip = f.rows, f.skipped, f.firstSkip
	if len(a.tallies) == 0 {
		return nil, noRows(src.name, "answers", a.skipped)
	}
	return a, nil
}

// parseDate reads the year and month of a date written YYYY-MM-DD, alone
// or at the start of a timestamp ("2026-01-31T09:15:00Z", "2026-01-31
// 09:15"), checking that the day exists.
func parseDate(s string) (year, month int, ok bool) {
	if len(s) < 10 || len(s) > 10 && s[10] != 'T' && s[10] != ' ' || s[4] != '-' || s[7] != '-' {
		return 0, 0, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return 0, 0, false
	}
	return year, month, true
}

// digits parses a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = 10*n + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days of a month of the Gregorian calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// periodLabel names a period index: "2026-01" for a month, "2026-Q1" for a
// quarter.
func periodLabel(p int32, quarterly bool) string {
	if quarterly {
		return fmt.Sprintf("%04d-Q%d", p/4, p%4+1)
	}
	return fmt.Sprintf("%04d-%02d", p/12, p%12+1)
}
