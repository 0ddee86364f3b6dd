package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2026 Q1", "2026 Q2", "NPS", "CX Index"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestReadResponsesCounts recounts the embedded NPS answers with a plain
// loop over the CSV text and checks the tallies agree.
func TestReadResponsesCounts(t *testing.T) {
	quarters, err := readResponses(responsesCSV)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][11]int64{}
	for _, line := range strings.Split(string(responsesCSV), "\n") {
		f := strings.Split(line, ",")
		if len(f) != 7 || f[0] == "date" || strings.HasPrefix(line, "#") {
			continue
		}
		q := "2026 Q1"
		if f[0] >= "2026-04" {
			q = "2026 Q2"
		}
		c := want[q]
		var score int
		for _, r := range f[1] {
			score = 10*score + int(r-'0')
		}
		c[score]++
		want[q] = c
	}
	for _, q := range quarters {
		for score := range 11 {
			if got := q.surveys[0].Count(score); got != want[q.name][score] {
				t.Errorf("%s: count of NPS %d = %d, recount %d", q.name, score, got, want[q.name][score])
			}
		}
	}
}

func TestReadResponsesErrors(t *testing.T) {
	tests := []struct {
		name, csv, want string
	}{
		{"score off the scale", "date,nps,csat,ces,needs,ease,enjoy\n2026-01-02,11,4,5,4,4,4\n", `responses.csv:2: nps "11"`},
		{"not a number", "date,nps,csat,ces,needs,ease,enjoy\n2026-01-02,9,four,5,4,4,4\n", `responses.csv:2: csat "four"`},
		{"bad date", "date,nps,csat,ces,needs,ease,enjoy\n2026-13-02,9,4,5,4,4,4\n", `responses.csv:2: date "2026-13-02"`},
		{"short row", "date,nps,csat,ces,needs,ease,enjoy\n2026-01-02,9,4\n", `responses.csv:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readResponses([]byte(tt.csv))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("readResponses() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
