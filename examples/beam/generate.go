package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// segments are the customer segments of generated data.
var segments = []string{"smb", "mid-market", "enterprise"}

// answer is one generated respondent.
type answer struct {
	Date     time.Time
	Segment  string
	Score    [3]int // in the order of questions
	Answered [3]bool
}

// generateAnswers returns n respondents spread over the first half of
// 2026 and over segments, from a fixed seed. Each question is left
// unanswered by about one respondent in ten. Scores lean the way real
// answers do: more high than low.
func generateAnswers(n int, seed uint64) []answer {
	r := rand.New(rand.NewPCG(seed, 1))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([]answer, n)
	for i := range rows {
		a := &rows[i]
		a.Date = start.AddDate(0, 0, r.IntN(181))
		a.Segment = segments[r.IntN(len(segments))]
		for q, question := range questions {
			if r.IntN(10) == 0 {
				continue
			}
			// The larger of two uniform draws leans towards the top.
			points := question.scale.Max - question.scale.Min + 1
			a.Score[q] = question.scale.Min + max(r.IntN(points), r.IntN(points))
			a.Answered[q] = true
		}
	}
	return rows
}

// writeAnswers writes rows as an answers file, with its header.
func writeAnswers(w io.Writer, rows []answer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, answersHeader)
	var line []byte
	for _, a := range rows {
		line = a.Date.AppendFormat(line[:0], time.DateOnly)
		line = append(line, ',')
		line = append(line, a.Segment...)
		for q := range questions {
			line = append(line, ',')
			if a.Answered[q] {
				line = strconv.AppendInt(line, int64(a.Score[q]), 10)
			}
		}
		line = append(line, '\n')
		bw.Write(line)
	}
	return bw.Flush()
}
