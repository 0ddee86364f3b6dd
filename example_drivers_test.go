package cxmetrics_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/cxmetrics/cxmetrics"
)

// supportSurvey is a small support survey: likelihood to recommend (0-10)
// and ratings (1-5) of speed, friendliness and price.
var supportSurvey = []cxmetrics.Respondent{
	{Outcome: 9, Ratings: []float64{5, 4, 3}},
	{Outcome: 10, Ratings: []float64{5, 5, 4}},
	{Outcome: 6, Ratings: []float64{2, 4, 3}},
	{Outcome: 7, Ratings: []float64{3, 3, 2}},
	{Outcome: 3, Ratings: []float64{1, 2, 3}},
	{Outcome: 8, Ratings: []float64{4, 3, 4}},
	{Outcome: 5, Ratings: []float64{2, 3, 1}},
	{Outcome: 9, Ratings: []float64{4, 5, 2}},
	{Outcome: 4, Ratings: []float64{2, 1, 2}},
	{Outcome: 7, Ratings: []float64{4, 3, 3}},
}

var driverNames = []string{"speed", "friendliness", "price"}

// surveyDrivers returns a Drivers holding supportSurvey.
func surveyDrivers() *cxmetrics.Drivers {
	d, err := cxmetrics.NewDrivers(3, cxmetrics.NPSScale, cxmetrics.CSATScale)
	if err != nil {
		panic(err)
	}
	for _, r := range supportSurvey {
		if err := d.Add(r); err != nil {
			panic(err)
		}
	}
	return d
}

func ExampleNewDrivers() {
	d, err := cxmetrics.NewDrivers(3, cxmetrics.NPSScale, cxmetrics.CSATScale)
	fmt.Println(d.Len(), d.Count(), err)
	_, err = cxmetrics.NewDrivers(0, cxmetrics.NPSScale, cxmetrics.CSATScale)
	fmt.Println(errors.Is(err, cxmetrics.ErrInvalidArgument))
	// Output:
	// 3 0 <nil>
	// true
}

func ExampleDrivers() {
	// One accumulator per shard; merged, they equal one pass.
	a, _ := cxmetrics.NewDrivers(3, cxmetrics.NPSScale, cxmetrics.CSATScale)
	b, _ := cxmetrics.NewDrivers(3, cxmetrics.NPSScale, cxmetrics.CSATScale)
	for i, r := range supportSurvey {
		shard := a
		if i%2 == 1 {
			shard = b
		}
		if err := shard.Add(r); err != nil {
			panic(err)
		}
	}
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	kd, _ := cxmetrics.RelativeWeights(a)
	fmt.Printf("%d respondents, R² %.3f\n", kd.Count, kd.RSquared)
	// Output:
	// 10 respondents, R² 0.973
}

func ExampleRespondent() {
	d, _ := cxmetrics.NewDrivers(3, cxmetrics.NPSScale, cxmetrics.CSATScale)
	// The respondent did not rate the price: listwise deletion skips it.
	r := cxmetrics.Respondent{Outcome: 8, Ratings: []float64{4, 5, 0}, Missing: []bool{false, false, true}}
	fmt.Println(d.Add(r), d.Count(), d.Skipped())
	// Output:
	// <nil> 0 1
}

func ExampleDrivers_Add() {
	d := surveyDrivers()
	err := d.Add(cxmetrics.Respondent{Outcome: 9, Ratings: []float64{80, 4, 3}}) // a percent, not 1-5
	fmt.Println(d.Count(), err)
	// Output:
	// 10 cxmetrics: out of range: rating of driver 0 80 on scale 1-5
}

func ExampleDrivers_Len() {
	fmt.Println(surveyDrivers().Len())
	// Output:
	// 3
}

func ExampleDrivers_Count() {
	fmt.Println(surveyDrivers().Count())
	// Output:
	// 10
}

func ExampleDrivers_Skipped() {
	d := surveyDrivers()
	_ = d.Add(cxmetrics.Respondent{Outcome: 6, Ratings: []float64{3, 0, 0}, Missing: []bool{false, true, true}})
	fmt.Println(d.Count(), d.Skipped())
	// Output:
	// 10 1
}

func ExampleDrivers_Merge() {
	d := surveyDrivers()
	other, _ := cxmetrics.NewDrivers(3, cxmetrics.NPSScale, cxmetrics.CESScale)
	err := d.Merge(other)
	fmt.Println(errors.Is(err, cxmetrics.ErrScaleMismatch))
	fmt.Println(d.Merge(surveyDrivers()), d.Count())
	// Output:
	// true
	// <nil> 20
}

func ExampleDrivers_MarshalBinary() {
	b, err := surveyDrivers().MarshalBinary()
	fmt.Println(len(b), err) // 8 header bytes, 4 means, 10 co-moments
	// Output:
	// 120 <nil>
}

func ExampleDrivers_UnmarshalBinary() {
	b, _ := surveyDrivers().MarshalBinary()
	var d cxmetrics.Drivers
	fmt.Println(d.UnmarshalBinary(b), d.Count())
	err := d.UnmarshalBinary(append(b, 0))
	fmt.Println(errors.Is(err, cxmetrics.ErrCorrupt), d.Count())
	// Output:
	// <nil> 10
	// true 10
}

func ExampleDrivers_MarshalJSON() {
	d, _ := cxmetrics.NewDrivers(1, cxmetrics.NPSScale, cxmetrics.CSATScale)
	for _, r := range []cxmetrics.Respondent{
		{Outcome: 9, Ratings: []float64{5}},
		{Outcome: 6, Ratings: []float64{3}},
		{Outcome: 3, Ratings: []float64{1}},
		{Outcome: 5, Ratings: []float64{2}, Missing: []bool{true}},
	} {
		_ = d.Add(r)
	}
	b, err := json.Marshal(d)
	fmt.Println(string(b), err)
	// Output:
	// {"k":1,"count":3,"skipped":1,"outcome":{"min":0,"max":10},"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[18,12],[12,8]]} <nil>
}

func ExampleDrivers_UnmarshalJSON() {
	// An accumulator that went through JSON gives the same figures, bit
	// for bit.
	b, _ := json.Marshal(surveyDrivers())
	var d cxmetrics.Drivers
	if err := json.Unmarshal(b, &d); err != nil {
		panic(err)
	}
	a, _ := cxmetrics.RelativeWeights(surveyDrivers())
	kd, _ := cxmetrics.RelativeWeights(&d)
	fmt.Println(d.Len(), d.Count(), kd.RSquared == a.RSquared)

	// What MarshalJSON would not write is refused, and d is unchanged.
	err := d.UnmarshalJSON([]byte(`{"k":1,"count":3,"skipped":0,"outcome":{"min":0,"max":10},` +
		`"rating":{"min":1,"max":5},"means":[6,3],"comoments":[[18,12],[12.5,8]]}`))
	fmt.Println(err)
	fmt.Println(d.Len(), d.Count())
	// Output:
	// 3 10 true
	// cxmetrics: corrupt encoding: comoments [1][0] 12.5 and [0][1] 12 differ
	// 3 10
}

// The figures agree with numpy.corrcoef and numpy.linalg.eigh on the same
// ten rows (weights 0.5301, 0.3718, 0.0715; R² 0.9734).
func ExampleRelativeWeights() {
	kd, err := cxmetrics.RelativeWeights(surveyDrivers())
	if err != nil {
		panic(err)
	}
	fmt.Printf("R² %.3f of %d respondents\n", kd.RSquared, kd.Count)
	for j, dr := range kd.Drivers {
		fmt.Printf("%-12s weight %.3f  share %5.1f%%  mean %.1f  r %.2f\n",
			driverNames[j], dr.Weight, dr.Share, dr.Mean, dr.Correlation)
	}
	// Output:
	// R² 0.973 of 10 respondents
	// speed        weight 0.530  share  54.5%  mean 3.2  r 0.95
	// friendliness weight 0.372  share  38.2%  mean 3.3  r 0.83
	// price        weight 0.072  share   7.3%  mean 2.7  r 0.43
}

func ExampleKeyDrivers() {
	// The importance × performance quadrant: importance above the mean
	// share and performance below the mean rating is where to act first.
	kd, _ := cxmetrics.RelativeWeights(surveyDrivers())
	var share, mean float64
	for _, dr := range kd.Drivers {
		share += dr.Share / float64(len(kd.Drivers))
		mean += dr.Mean / float64(len(kd.Drivers))
	}
	for j, dr := range kd.Drivers {
		quadrant := map[[2]bool]string{
			{true, false}: "fix first", {true, true}: "keep up",
			{false, false}: "watch", {false, true}: "maintain",
		}[[2]bool{dr.Share > share, dr.Mean > mean}]
		fmt.Printf("%s: %s\n", driverNames[j], quadrant)
	}
	// Output:
	// speed: keep up
	// friendliness: keep up
	// price: watch
}

func ExampleDriverImportance() {
	kd, _ := cxmetrics.ShapleyRegression(surveyDrivers())
	dr := kd.Drivers[0]
	fmt.Printf("speed explains %.1f%% of the outcome's variance, %.1f%% of what the drivers explain\n",
		100*dr.Weight, dr.Share)
	// Output:
	// speed explains 54.2% of the outcome's variance, 55.7% of what the drivers explain
}

func ExampleShapleyRegression() {
	kd, err := cxmetrics.ShapleyRegression(surveyDrivers())
	if err != nil {
		panic(err)
	}
	for j, dr := range kd.Drivers {
		fmt.Printf("%-12s %.3f (%.1f%%)\n", driverNames[j], dr.Weight, dr.Share)
	}
	fmt.Printf("R²           %.3f\n", kd.RSquared)
	// Output:
	// speed        0.542 (55.7%)
	// friendliness 0.363 (37.3%)
	// price        0.068 (7.0%)
	// R²           0.973
}

func ExampleBootstrapRelativeWeights() {
	// Resampling needs the respondents themselves; seed the source to
	// get the same intervals on every run.
	ivs, err := cxmetrics.BootstrapRelativeWeights(supportSurvey, cxmetrics.NPSScale, cxmetrics.CSATScale,
		1000, 0.90, rand.NewPCG(2024, 1))
	if err != nil {
		panic(err)
	}
	for j, iv := range ivs {
		fmt.Printf("%-12s [%.2f, %.2f]\n", driverNames[j], iv.Lo, iv.Hi)
	}
	// Output:
	// speed        [0.34, 0.64]
	// friendliness [0.24, 0.46]
	// price        [0.01, 0.25]
}
