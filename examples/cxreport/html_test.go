package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// htmlReport is a small report made by hand: two months of MRR after an
// opening book, with skipped rows and a customer left out, and NPS by
// quarter, so that the cards are of two kinds of period.
func htmlReport() *Report {
	return &Report{
		Confidence: 0.95,
		Surveys: &SurveyReport{
			Source: "answers.csv", Rows: 40, Skipped: 1, Empty: 4, Period: "quarter",
			SkippedRows: []SkippedRow{{Line: 7, Reason: `score "11" is outside 0-10 (nps)`}},
			Metrics: []Metric{{
				Name: "nps", Scale: "0-10", Unit: "points, -100 to 100", Interval: "adjusted Wald (Rocks 2016)",
				Periods:  []Figure{{Period: "2024-Q1", Answers: 20, Score: 10, Lo: ptr(-20.0), Hi: ptr(38.0)}, {Period: "2024-Q2", Answers: 20, Score: 30}},
				Segments: []Figure{{Segment: "smb", Answers: 40, Score: 20, Lo: ptr(-1.0), Hi: ptr(40.0)}},
			}},
		},
		Revenue: &RevenueReport{
			Source: "mrr.csv", Rows: 9, Customers: 3, Skipped: 3,
			SkippedRows: []SkippedRow{{Line: 4, Reason: `mrr "x" is not an amount`}, {Line: 8, Reason: `month "2024-13" is not a month`}},
			Excluded:    []string{"cus_9"},
			Opening:     &OpeningBook{Period: "2024-01", Customers: 2, MRR: 10000, ARR: ptr(int64(120000))},
			Periods: []RevenueFigure{
				{Period: "2024-02", Start: 10000, New: 5000, End: 15000, CustomersStart: 2, CustomersNew: 1, CustomersEnd: 3,
					NRR: ptr(100.0), GRR: ptr(100.0), Churn: ptr(0.0)},
				{Period: "2024-03", Start: 15000, Churned: 5000, End: 10000, CustomersStart: 3, CustomersLost: 1, CustomersEnd: 2,
					NRR: ptr(66.7), GRR: ptr(66.7), Churn: ptr(33.3), QuickRatio: ptr(0.0)},
			},
			Cohorts: []Cohort{
				{Cohort: "2024-02", Customers: []int64{1, 0}, MRR: []int64{5000, 0}, LogoRetention: []float64{100, 0}, RevenueRetention: []float64{100, 0}},
				{Cohort: "2024-03", Customers: []int64{0}, MRR: []int64{0}},
			},
		},
	}
}

// TestHTMLPage checks what the page says about its data: the opening book
// apart from new business, what was skipped, and the period of each
// headline figure.
func TestHTMLPage(t *testing.T) {
	var b bytes.Buffer
	if err := writeHTML(&b, htmlReport()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	tests := []struct {
		name  string
		want  string
		count int // times want is in the page; 0 means at least once
	}{
		{"opening book, said", "Opening book 2024-01: 2 customers, MRR 100.00 (ARR 1,200.00): what they paid when the records begin, not new business.", 1},
		{"opening book, first in the table, without movements", `<tr><td>2024-01 <span class="tag">opening book</span></td><td colspan="6"></td><td>100.00</td><td>2</td>`, 1},
		{"opening book, a grey bar in both layouts of the trend", `<rect class="opening"`, 2},
		{"months after it, as they are", `<tr><td>2024-02</td><td>100.00</td><td>50.00</td>`, 1},
		{"skipped MRR rows, counted", "3 bad rows skipped", 1},
		{"customers left out, counted", "1 customer left out for a skipped row", 1},
		{"skipped answers and empty ones, counted", "1 bad row skipped</span> · <span class=\"nowrap\">4 empty answers left out", 1},
		{"skipped rows, listed", "<li>mrr.csv:8: month &#34;2024-13&#34; is not a month</li>", 1},
		{"skipped rows beyond those listed", "<li>mrr.csv: 1 more row skipped.</li>", 1},
		{"customers left out, listed", "<li>mrr.csv: customers left out, since a row of theirs was skipped: cus_9.</li>", 1},
		{"NPS card, of its quarter", `NPS · <span class="nowrap">2024-Q2</span>`, 1},
		{"MRR card, of its month", `MRR · <span class="nowrap">2024-03</span>`, 1},
		{"NPS by segment", `<svg id="nps-segment-chart"`, 1},
		{"heatmap legend", `<svg id="cohort-chart-legend"`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := strings.Count(page, tt.want)
			if n == 0 || tt.count > 0 && n != tt.count {
				t.Errorf("page has %q %d times, want %d", tt.want, n, tt.count)
			}
		})
	}
	// Every card names its period.
	cards := regexp.MustCompile(`<div class="k">([^<]*)<span class="nowrap">([^<]*)</span>`).FindAllStringSubmatch(page, -1)
	if len(cards) != 5 {
		t.Errorf("%d cards, want 5 (NPS, MRR, NRR, churn, quick ratio)", len(cards))
	}
	for _, c := range cards {
		if _, ok := monthIndex(c[2]); !ok {
			t.Errorf("card %q%q does not name a month or quarter", c[1], c[2])
		}
	}
	for _, bad := range []string{"<script", "http://", "https://", "src=", "@import", "url(", "ZgotmplZ"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q; it must be self-contained and escaped", bad)
		}
	}
}

// TestHTMLOpeningBookAlone checks a file of one month read with
// -opening: a book and no month after it, so nothing to chart, and no
// waterfall that would show the book as new business.
func TestHTMLOpeningBookAlone(t *testing.T) {
	r := htmlReport()
	r.Revenue.Periods, r.Revenue.Cohorts = nil, nil
	var b bytes.Buffer
	if err := writeHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, "Opening book 2024-01") {
		t.Error("page does not say the opening book")
	}
	for _, id := range []string{"mrr-chart", "waterfall-chart", "cohort-chart"} {
		if strings.Contains(page, `<svg id="`+id+`"`) {
			t.Errorf("page draws %s with no month of movements", id)
		}
	}
}
