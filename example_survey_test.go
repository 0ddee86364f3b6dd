package cxmetrics_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleNewSurvey() {
	s, err := cxmetrics.NewSurvey(cxmetrics.NPSScale)
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Scale(), s.Total())
	_, err = cxmetrics.NewSurvey(cxmetrics.Scale{Min: 10, Max: 0})
	fmt.Println(errors.Is(err, cxmetrics.ErrInvalidScale))
	// Output:
	// 0-10 0
	// true
}

func ExampleSurvey_Add() {
	s, _ := cxmetrics.NewSurvey(cxmetrics.CSATScale)
	for _, score := range []int{5, 4, 4, 2} {
		if err := s.Add(score); err != nil {
			panic(err)
		}
	}
	err := s.Add(6)
	fmt.Println(s.Total(), err)
	// Output:
	// 4 cxmetrics: out of range: score 6 on scale 1-5
}

func ExampleSurvey_AddN() {
	// Counts exported from a survey tool: 120 fives, 80 fours.
	s, _ := cxmetrics.NewSurvey(cxmetrics.CSATScale)
	_ = s.AddN(5, 120)
	_ = s.AddN(4, 80)
	fmt.Println(s.Count(5), s.Count(4), s.Total())
	// Output: 120 80 200
}

func ExampleSurvey_Merge() {
	// One Survey per goroutine, merged when all are done: a Survey is not
	// safe for concurrent use, and merging is exact.
	shards := [][]int{{10, 9, 3}, {8, 10}, {0, 9, 9, 7}}
	parts := make([]*cxmetrics.Survey, len(shards))
	var wg sync.WaitGroup
	for i, answers := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i], _ = cxmetrics.Tally(cxmetrics.NPSScale, answers)
		}()
	}
	wg.Wait()
	total, _ := cxmetrics.NewSurvey(cxmetrics.NPSScale)
	for _, p := range parts {
		if err := total.Merge(p); err != nil {
			panic(err)
		}
	}
	r, _ := cxmetrics.NPS(total)
	fmt.Printf("%d answers, NPS %.2f\n", total.Total(), r.Score)
	// Output: 9 answers, NPS 33.33
}

func ExampleSurvey_Scale() {
	s, _ := cxmetrics.NewSurvey(cxmetrics.CESScale)
	fmt.Println(s.Scale(), s.Scale().Points())
	// Output: 1-7 7
}

func ExampleSurvey_Count() {
	s, _ := cxmetrics.Tally(cxmetrics.NPSScale, []int{10, 10, 9, 0})
	fmt.Println(s.Count(10), s.Count(9), s.Count(5), s.Count(42))
	// Output: 2 1 0 0
}

func ExampleSurvey_Total() {
	s, _ := cxmetrics.Tally(cxmetrics.NPSScale, []int{10, 10, 9, 0})
	fmt.Println(s.Total())
	// Output: 4
}

func ExampleSurvey_Mean() {
	s, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 4, 4, 2})
	m, _ := s.Mean()
	fmt.Printf("%.2f\n", m)
	// Output: 3.75
}

func ExampleSurvey_MarshalBinary() {
	s, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 4, 4, 2})
	b, _ := s.MarshalBinary()
	var back cxmetrics.Survey
	if err := back.UnmarshalBinary(b); err != nil {
		panic(err)
	}
	fmt.Println(len(b), back.Scale(), back.Count(4))
	// Output: 8 1-5 2
}

func ExampleSurvey_MarshalJSON() {
	s, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 4, 4, 2})
	b, _ := json.Marshal(s)
	fmt.Println(string(b))
	var back cxmetrics.Survey
	err := json.Unmarshal([]byte(`{"min":1,"max":5,"counts":[1,2]}`), &back)
	fmt.Println(err)
	// Output:
	// {"min":1,"max":5,"counts":[0,1,0,2,1]}
	// cxmetrics: corrupt encoding: 2 counts for the 5 points of scale 1-5
}

func ExampleSurvey_UnmarshalBinary() {
	// A tally that arrived from another process or a store: version 1,
	// scale 1-5 as zigzag varints (2, 10), then the five counts.
	var s cxmetrics.Survey
	if err := s.UnmarshalBinary([]byte{1, 2, 10, 0, 1, 0, 2, 1}); err != nil {
		panic(err)
	}
	fmt.Println(s.Scale(), s.Total())
	fmt.Println(s.UnmarshalBinary([]byte{1, 2, 10, 0, 1}))
	// Output:
	// 1-5 4
	// cxmetrics: corrupt encoding: bad count of score 3 at byte 5
}

func ExampleSurvey_UnmarshalJSON() {
	var s cxmetrics.Survey
	if err := json.Unmarshal([]byte(`{"min":0,"max":10,"counts":[1,0,0,0,0,0,0,2,0,3,4]}`), &s); err != nil {
		panic(err)
	}
	r, _ := cxmetrics.NPS(&s)
	fmt.Printf("%d answers, NPS %.0f\n", s.Total(), r.Score)
	// Output: 10 answers, NPS 60
}

func ExampleTally() {
	answers := []uint8{10, 9, 9, 8, 7, 6, 3, 10}
	s, err := cxmetrics.Tally(cxmetrics.NPSScale, answers)
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Total(), s.Count(9))

	// All or nothing: one bad answer and no Survey at all.
	_, err = cxmetrics.Tally(cxmetrics.NPSScale, []int{10, 11, 9})
	fmt.Println(err)
	// Output:
	// 8 2
	// cxmetrics: out of range: score 11 at index 1 on scale 0-10
}

// A large column counted on two cores; the counts are Tally's exactly.
func ExampleTallyConcurrent() {
	answers := make([]uint8, 1_000_000)
	for i := range answers {
		answers[i] = uint8(i % 11) // 0, 1, …, 10, 0, 1, …
	}
	s, err := cxmetrics.TallyConcurrent(cxmetrics.NPSScale, answers, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := cxmetrics.NPS(s)
	// 1,000,000 = 11 × 90,909 + 1: one extra 0. Promoters 2 × 90,909,
	// detractors 7 × 90,909 + 1.
	fmt.Println(s.Total(), s.Count(0), s.Count(10))
	fmt.Printf("NPS %.4f\n", r.Score)
	// Output:
	// 1000000 90910 90909
	// NPS -45.4546
}

func ExampleTally_bytes() {
	// Answers to "How likely are you to recommend us?", one byte each, as
	// they come from a file or a column.
	answers := []uint8{10, 9, 9, 8, 7, 6, 10, 3, 9, 0, 10, 8}
	s, err := cxmetrics.Tally(cxmetrics.NPSScale, answers)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := cxmetrics.NPS(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("answers %d, tens %d, NPS %.2f\n", s.Total(), s.Count(10), r.Score)

	// All or nothing: one answer off the scale and there is no tally.
	_, err = cxmetrics.Tally(cxmetrics.NPSScale, []int{10, 9, 11, 12})
	fmt.Println(errors.Is(err, cxmetrics.ErrOutOfRange), err)
	// Output:
	// answers 12, tens 3, NPS 25.00
	// true cxmetrics: out of range: score 11 at index 2 on scale 0-10
}

func ExampleScale_Validate() {
	fmt.Println(cxmetrics.Scale{Min: 1, Max: 10}.Validate())
	fmt.Println(cxmetrics.Scale{Min: 0, Max: 5000}.Validate())
	// Output:
	// <nil>
	// cxmetrics: invalid scale: 0-5000 (need Min < Max and at most 1001 points)
}

func ExampleScale_Points() {
	fmt.Println(cxmetrics.NPSScale.Points(), cxmetrics.CSATScale.Points(), cxmetrics.Scale{}.Points())
	// Output: 11 5 0
}

func ExampleScale_Contains() {
	fmt.Println(cxmetrics.NPSScale.Contains(0), cxmetrics.CSATScale.Contains(0))
	// Output: true false
}

func ExampleScale_String() {
	fmt.Println(cxmetrics.CESScale)
	// Output: 1-7
}

func ExampleNPS() {
	s, _ := cxmetrics.Tally(cxmetrics.NPSScale, []int{10, 9, 9, 8, 7, 6, 3, 10, 9, 5})
	r, err := cxmetrics.NPS(s)
	if err != nil {
		panic(err)
	}
	fmt.Printf("promoters %d, passives %d, detractors %d: NPS %.1f\n",
		r.Promoters, r.Passives, r.Detractors, r.Score)

	// NPS is defined on 0-10 only; a 1-10 survey is refused, not re-bucketed.
	other, _ := cxmetrics.NewSurvey(cxmetrics.Scale{Min: 1, Max: 10})
	_, err = cxmetrics.NPS(other)
	fmt.Println(errors.Is(err, cxmetrics.ErrScaleMismatch))
	// Output:
	// promoters 5, passives 2, detractors 3: NPS 20.0
	// true
}

func ExampleNPSFromCounts() {
	r, _ := cxmetrics.NPSFromCounts(70, 20, 10)
	fmt.Printf("%.1f\n", r.Score)
	// Output: 60.0
}

func ExampleNPSResult_Total() {
	r, _ := cxmetrics.NPSFromCounts(45, 35, 20)
	fmt.Println(r.Total())
	// Output: 100
}

func ExampleCSAT() {
	s, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 4, 4, 3, 2, 5, 5, 1})
	r, _ := cxmetrics.CSAT(s)
	fmt.Printf("%d of %d satisfied: CSAT %.1f%%\n", r.Satisfied, r.Total, r.Score)
	// Output: 5 of 8 satisfied: CSAT 62.5%
}

func ExampleCSATTopBox() {
	s, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 4, 4, 3, 2, 5, 5, 1})
	top, _ := cxmetrics.CSATTopBox(s, 1)
	fmt.Printf("top box %.1f%%\n", top.Score)
	_, err := cxmetrics.CSATTopBox(s, 5)
	fmt.Println(errors.Is(err, cxmetrics.ErrInvalidArgument))
	// Output:
	// top box 37.5%
	// true
}

func ExampleCES() {
	// CES 2.0: "The company made it easy for me to handle my issue", 1-7.
	s, _ := cxmetrics.Tally(cxmetrics.CESScale, []int{7, 6, 6, 5, 4, 2, 7, 1})
	r, _ := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
	fmt.Printf("mean %.2f, easy %.1f%%, net %.1f\n", r.Mean, r.EasyPercent, r.Net)
	fmt.Println(r.Easy, r.Neutral, r.Difficult)
	// Output:
	// mean 4.75, easy 62.5%, net 37.5
	// 5 1 2
}

func ExampleDirection() {
	// The original effort question runs the other way: 1 is very low
	// effort, so low answers are the easy ones.
	s, _ := cxmetrics.Tally(cxmetrics.Scale{Min: 1, Max: 5}, []int{1, 1, 2, 4, 3})
	r, _ := cxmetrics.CES(s, cxmetrics.LowerIsEasier)
	fmt.Printf("%v: easy %.0f%%\n", cxmetrics.LowerIsEasier, r.EasyPercent)
	// Output: LowerIsEasier: easy 60%
}

func ExampleDirection_String() {
	fmt.Println(cxmetrics.HigherIsEasier, cxmetrics.Direction(0))
	// Output: HigherIsEasier Direction(0)
}

func ExampleCXIndex() {
	needs, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 4, 4, 3, 2})
	ease, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 5, 4, 4, 1})
	enjoy, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{4, 3, 3, 2, 1})
	r, _ := cxmetrics.CXIndex(needs, ease, enjoy)
	fmt.Printf("needs %.0f, ease %.0f, enjoyment %.0f: CX Index %.1f\n",
		r.Needs, r.Ease, r.Enjoyment, r.Score)
	// Output: needs 40, ease 60, enjoyment -20: CX Index 26.7
}

func ExampleScale() {
	// A 1-10 satisfaction question: 10 points, top two boxes 9-10.
	sc := cxmetrics.Scale{Min: 1, Max: 10}
	s, err := cxmetrics.NewSurvey(sc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range []int{10, 9, 7, 3} {
		_ = s.Add(a)
	}
	r, _ := cxmetrics.CSAT(s)
	fmt.Printf("%v: %d points, CSAT %.0f%%\n", sc, sc.Points(), r.Score)
	// Output:
	// 1-10: 10 points, CSAT 50%
}

func ExampleSurvey() {
	// A Survey is a tally: adding is O(1) and two tallies of one scale
	// merge exactly, as two days or two shards of answers.
	monday, _ := cxmetrics.Tally(cxmetrics.NPSScale, []int{10, 9, 3})
	tuesday, _ := cxmetrics.Tally(cxmetrics.NPSScale, []int{8, 10})
	if err := monday.Merge(tuesday); err != nil {
		fmt.Println(err)
		return
	}
	r, _ := cxmetrics.NPS(monday)
	fmt.Printf("%d answers, NPS %.0f\n", monday.Total(), r.Score)
	// Output:
	// 5 answers, NPS 40
}

func ExampleInteger() {
	// Answers as bytes straight from a file, or as any integer type.
	fromFile := []byte{10, 9, 9, 6, 8}
	fromDB := []int32{10, 9, 9, 6, 8}
	a, _ := cxmetrics.Tally(cxmetrics.NPSScale, fromFile)
	b, _ := cxmetrics.Tally(cxmetrics.NPSScale, fromDB)
	fmt.Println(a.Total(), b.Total(), a.Count(9) == b.Count(9))
	// Output:
	// 5 5 true
}

func ExampleNPSResult() {
	// 5 promoters, 3 passives and 2 detractors of 10 answers.
	r, err := cxmetrics.NPSFromCounts(5, 3, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v, of %d answers\n", r, r.Total())
	// Output:
	// {Promoters:5 Passives:3 Detractors:2 Score:30}, of 10 answers
}

func ExampleCSATResult() {
	s, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 4, 4, 3, 1})
	r, err := cxmetrics.CSAT(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d satisfied: %.0f%%\n", r.Satisfied, r.Total, r.Score)
	// Output:
	// 3 of 5 satisfied: 60%
}

func ExampleCESResult() {
	// CES 2.0: 1-7, "the company made it easy", higher is easier.
	s, _ := cxmetrics.Tally(cxmetrics.CESScale, []int{7, 6, 5, 4, 2})
	r, err := cxmetrics.CES(s, cxmetrics.HigherIsEasier)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("mean %.1f, easy %d, neutral %d, difficult %d, net %.0f\n", r.Mean, r.Easy, r.Neutral, r.Difficult, r.Net)
	// Output:
	// mean 4.8, easy 3, neutral 1, difficult 1, net 40
}

func ExampleCXIResult() {
	needs, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 4, 2, 3})
	ease, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{5, 5, 4, 1})
	enjoy, _ := cxmetrics.Tally(cxmetrics.CSATScale, []int{3, 3, 4, 2})
	r, err := cxmetrics.CXIndex(needs, ease, enjoy)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Needs 50 − 25, ease 75 − 25, enjoyment 25 − 25: the mean of 25, 50, 0.
	fmt.Printf("needs %.0f, ease %.0f, enjoyment %.0f, index %.0f\n", r.Needs, r.Ease, r.Enjoyment, r.Score)
	// Output:
	// needs 25, ease 50, enjoyment 0, index 25
}

// cxSurvey returns a 1-5 survey with the given counts of 1 to 5.
func cxSurvey(c ...int64) *cxmetrics.Survey {
	s, _ := cxmetrics.NewSurvey(cxmetrics.CSATScale)
	for i, n := range c {
		s.AddN(i+1, n)
	}
	return s
}

func ExampleCXIndexOf() {
	// The four components of effort, empathy, understanding and
	// effectiveness, one 1-5 question each, equally weighted.
	r, _ := cxmetrics.CXIndexOf([]cxmetrics.CXComponent{
		{Name: "effort", Survey: cxSurvey(5, 5, 10, 40, 40)},
		{Name: "empathy", Survey: cxSurvey(10, 10, 20, 30, 30)},
		{Name: "understanding", Survey: cxSurvey(2, 8, 10, 20, 10)},
		{Name: "effectiveness", Survey: cxSurvey(20, 20, 20, 20, 20)},
	})
	for _, c := range r.Components {
		fmt.Printf("%-13s %+5.1f\n", c.Name, c.Net)
	}
	fmt.Printf("CX Index %.1f\n", r.Score)
	// Output:
	// effort        +70.0
	// empathy       +40.0
	// understanding +40.0
	// effectiveness  +0.0
	// CX Index 37.5
}

func ExampleCXComponent() {
	// Weights are relative: 2 and 1 weigh the first question twice.
	r, _ := cxmetrics.CXIndexOf([]cxmetrics.CXComponent{
		{Name: "resolved", Survey: cxSurvey(5, 5, 10, 40, 40), Weight: 2},
		{Name: "courteous", Survey: cxSurvey(10, 10, 20, 30, 30), Weight: 1},
	})
	fmt.Printf("%.1f = (2 × 70 + 40) / 3\n", r.Score)
	// Output: 60.0 = (2 × 70 + 40) / 3
}

func ExampleCXComponentScore() {
	r, _ := cxmetrics.CXIndexOf([]cxmetrics.CXComponent{
		{Name: "ease", Survey: cxSurvey(1, 2, 3, 4, 10)},
		{Name: "needs", Survey: cxSurvey(2, 2, 2, 2, 2), Weight: 0},
	})
	c := r.Components[0]
	fmt.Printf("%s: net %.0f on %d answers, weight %.2f\n", c.Name, c.Net, c.Total, c.Weight)
	// Output: ease: net 55 on 20 answers, weight 0.50
}

func ExampleCXIndexResult() {
	r, _ := cxmetrics.CXIndexOf([]cxmetrics.CXComponent{
		{Name: "needs", Survey: cxSurvey(3, 4, 10, 30, 53), Weight: 1},
		{Name: "ease", Survey: cxSurvey(7, 1, 12, 44, 20), Weight: 1},
		{Name: "enjoyment", Survey: cxSurvey(9, 9, 9, 9, 1), Weight: 2},
	})
	fmt.Printf("index %.2f over %d components\n", r.Score, len(r.Components))
	// Output: index 24.86 over 3 components
}
