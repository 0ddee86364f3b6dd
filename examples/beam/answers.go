package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
)

// An answers file is read in one of two forms, told apart by its header:
//
//   - long, one answer a row, when it has the score column (-score-col):
//     date,segment,question,score, the question (nps, csat or ces, in any
//     case) in the question column (-question-col), or -question for
//     every row when there is none;
//   - wide, one respondent a row, otherwise: date,segment,nps,csat,ces,
//     with a column for each question asked (any of them; -nps-col,
//     -csat-col, -ces-col name them).
//
// The date (-date-col) is read by exports.DateReader (-date-format, -tz)
// and counts in its month in -tz. The segment column (-segment-col) is
// optional; an empty segment is "(blank)". Scores are read by
// exports.Score; an empty score is a question the respondent skipped,
// counted and not an error.

// The metrics the survey pipeline writes, one per question.
const (
	metricNPS  = "NPS"
	metricCSAT = "CSAT"
	metricCES  = "CES"
)

// questions are the three questions, in the order of every [3] array of
// this program, with the metric each feeds and its default scale.
var questions = [3]struct {
	name, metric string
	scale        cxmetrics.Scale
}{
	{"nps", metricNPS, cxmetrics.NPSScale},
	{"csat", metricCSAT, cxmetrics.CSATScale},
	{"ces", metricCES, cxmetrics.CESScale},
}

// parseQuestion returns the index of the question named s, in any case,
// or -1.
func parseQuestion(s string) int {
	s = strings.TrimSpace(s)
	for q, question := range questions {
		if strings.EqualFold(s, question.name) {
			return q
		}
	}
	return -1
}

// answerOptions are the flags that say how to read an answers file.
type answerOptions struct {
	dateCol, segmentCol, scoreCol, questionCol string
	questionCols                               [3]string // the wide form's columns
	// segmentSet and questionSet are true when the flags named the
	// column, which then must exist; otherwise it is optional.
	segmentSet, questionSet bool
	question                int // of every row, without a question column
	scales                  [3]cxmetrics.Scale
}

// answerLayout is where an answers file holds what, and how to read it.
// It travels to the workers with the DoFn that reads the rows, so its
// fields are exported.
type answerLayout struct {
	Table    table
	Date     int
	Segment  int    // -1: no segment column
	Score    int    // long form: the score column; -1 in the wide form
	Question int    // long form: the question column, or -1
	Scores   [3]int // the column of each question's score, -1 if none (long form, question column: all -1)
	Scales   [3]cxmetrics.Scale
	Format   string // -date-format
	TZ       string // -tz
}

// newAnswerLayout finds the columns that o names in t's header.
func newAnswerLayout(t table, o answerOptions, format, tz string) (answerLayout, error) {
	l := answerLayout{Table: t, Question: -1, Scores: [3]int{-1, -1, -1}, Scales: o.scales, Format: format, TZ: tz}
	var err error
	if l.Date, err = t.column(o.dateCol, "date-col", true); err != nil {
		return l, err
	}
	if l.Segment, err = t.column(o.segmentCol, "segment-col", o.segmentSet); err != nil {
		return l, err
	}
	if l.Score, _ = t.column(o.scoreCol, "score-col", false); l.Score >= 0 {
		if l.Question, err = t.column(o.questionCol, "question-col", o.questionSet); err != nil {
			return l, err
		}
		if l.Question < 0 {
			l.Scores[o.question] = l.Score
		}
		return l, nil
	}
	wide := false
	for q, name := range o.questionCols {
		l.Scores[q], _ = t.column(name, "", false)
		wide = wide || l.Scores[q] >= 0
	}
	if !wide {
		return l, fmt.Errorf("%s:1: no column %q in the header (%s), nor a column per question (%s); set -score-col, or -nps-col, -csat-col and -ces-col",
			t.Name, o.scoreCol, exports.Header(t.Header), strings.Join(o.questionCols[:], ", "))
	}
	return l, nil
}

// answerRow is what one row of an answers file says: a respondent's
// answers in the wide form, one answer in the long form.
type answerRow struct {
	Key      string  // the period's label and the segment: "2026-01,smb", as the output writes them
	Score    [3]int  // by question
	Asked    [3]bool // the row has a cell for the question
	Answered [3]bool // and it is not empty
}

// answerReader reads the rows of one answers file.
type answerReader struct {
	l       answerLayout
	lines   lineReader
	dates   *exports.DateReader
	cal     cxmetrics.Calendar
	periods map[string]string // date cell → its month's label
}

// newAnswerReader returns a reader of the rows laid out as l.
func newAnswerReader(l answerLayout) (*answerReader, error) {
	dates, cal, err := datesIn(l.Format, l.TZ)
	if err != nil {
		return nil, err
	}
	return &answerReader{l: l, lines: lineReader{t: l.Table}, dates: dates, cal: cal, periods: map[string]string{}}, nil
}

// datesIn returns the date reader of the flags -date-format and -tz, and
// the calendar of months in -tz.
func datesIn(format, tz string) (*exports.DateReader, cxmetrics.Calendar, error) {
	loc, err := loadZone(tz)
	if err != nil {
		return nil, cxmetrics.Calendar{}, err
	}
	dates, err := exports.NewDateReader(format, loc)
	if err != nil {
		return nil, cxmetrics.Calendar{}, err
	}
	cal, err := cxmetrics.NewCalendar(cxmetrics.Monthly, loc)
	return dates, cal, err
}

// loadZone returns the IANA time zone tz. "Local" is refused: a worker's
// local zone is not the user's.
func loadZone(tz string) (*time.Location, error) {
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "" || tz == "Local" {
		return nil, fmt.Errorf("-tz %q: want an IANA time zone such as UTC or Europe/Paris", tz)
	}
	return loc, nil
}

// row reads one line. It returns ok false for the header or an empty
// line, and an error that names the bad cell for a row that cannot be
// read.
func (r *answerReader) row(line string) (a answerRow, ok bool, err error) {
	rec, err := r.lines.fields(line)
	if rec == nil || err != nil {
		return answerRow{}, false, err
	}
	label, err := r.period(rec[r.l.Date])
	if err != nil {
		return answerRow{}, false, err
	}
	a.Key = label
	if r.l.Segment >= 0 {
		segment := strings.TrimSpace(rec[r.l.Segment])
		if segment == "" {
			segment = "(blank)"
		}
		a.Key += "," + csvField(segment)
	} else {
		a.Key += ","
	}
	cols := r.l.Scores
	if r.l.Question >= 0 {
		q := parseQuestion(rec[r.l.Question])
		if q < 0 {
			return answerRow{}, false, fmt.Errorf("question %q is not nps, csat or ces", rec[r.l.Question])
		}
		cols[q] = r.l.Score
	}
	for q, col := range cols {
		if col < 0 {
			continue
		}
		a.Asked[q] = true
		score, err := exports.Score(rec[col])
		if errors.Is(err, exports.ErrEmpty) {
			continue
		}
		if scale := r.l.Scales[q]; err == nil && !scale.Contains(score) {
			err = fmt.Errorf("is outside %v (%s)", scale, questions[q].name)
		}
		if err != nil {
			return answerRow{}, false, fmt.Errorf("score %q %v", rec[col], err)
		}
		a.Score[q], a.Answered[q] = score, true
	}
	return a, true, nil
}

// period returns the label of the month, in -tz, of a date cell.
func (r *answerReader) period(cell string) (string, error) {
	if label, ok := r.periods[cell]; ok {
		return label, nil
	}
	t, err := r.dates.Time(cell)
	switch {
	case errors.Is(err, exports.ErrAmbiguousDate):
		return "", fmt.Errorf("date %q %v: set -date-format us (month first) or eu (day first)", cell, err)
	case err != nil:
		return "", fmt.Errorf("date %q %v", cell, err)
	}
	label := r.cal.Label(r.cal.Period(t))
	if len(r.periods) < maxCached {
		r.periods[strings.Clone(cell)] = label
	}
	return label, nil
}
