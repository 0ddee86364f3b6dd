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

// generatedAnswersHeader is the header of generated answers: the wide
// form, one respondent a row.
const generatedAnswersHeader = "date,segment,nps,csat,ces"

// writeAnswers writes rows as an answers file, with its header.
func writeAnswers(w io.Writer, rows []answer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, generatedAnswersHeader)
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

// payment is one generated MRR row: what a customer pays in a month.
type payment struct {
	Month    time.Time // its first day, in UTC
	Customer string
	Cents    int64
}

// generateMRR returns about n MRR rows over the twelve months from July
// 2025, from a fixed seed, in no particular order. Customers start in any
// month on one of a few plans; each month some expand, some contract,
// some churn and some of those come back later. One customer in ten has a
// second subscription, a second row in the same month.
func generateMRR(n int, seed uint64) []payment {
	r := rand.New(rand.NewPCG(seed, 2))
	first := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	const months = 12
	plans := []int64{2900, 9900, 29900, 99900}
	rows := make([]payment, 0, n)
	for c := 0; len(rows) < n; c++ {
		customer := fmt.Sprintf("cus_%06d", c)
		mrr := plans[r.IntN(len(plans))]
		second := int64(0)
		if r.IntN(10) == 0 {
			second = plans[r.IntN(2)]
		}
		paying := true
		for m := r.IntN(months); m < months && len(rows) < n; m++ {
			switch x := r.IntN(100); {
			case paying && x < 4:
				paying = false // churns
			case !paying && x < 15:
				paying = true // comes back
			case paying && x < 10:
				mrr += mrr / 2 // expands
			case paying && x < 13:
				mrr -= mrr / 3 // contracts
			}
			if !paying {
				continue
			}
			month := first.AddDate(0, m, 0)
			rows = append(rows, payment{Month: month, Customer: customer, Cents: mrr})
			if second > 0 && len(rows) < n {
				rows = append(rows, payment{Month: month, Customer: customer, Cents: second})
			}
		}
	}
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	return rows
}

// generatedMRRHeader is the header of generated MRR rows.
const generatedMRRHeader = "customer,month,mrr"

// writeMRR writes rows as an MRR file, with its header: the month as
// 2025-07 and the MRR in dollars with two decimals, as a billing export
// writes them.
func writeMRR(w io.Writer, rows []payment) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, generatedMRRHeader)
	var line []byte
	for _, row := range rows {
		line = append(line[:0], row.Customer...)
		line = append(line, ',')
		line = row.Month.AppendFormat(line, "2006-01")
		line = append(line, ',')
		line = strconv.AppendInt(line, row.Cents/100, 10)
		line = append(line, '.', byte('0'+row.Cents%100/10), byte('0'+row.Cents%10), '\n')
		bw.Write(line)
	}
	return bw.Flush()
}
