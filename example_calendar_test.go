package cxmetrics_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

func ExampleCalendar() {
	// The zero Calendar is monthly in UTC.
	var c cxmetrics.Calendar
	p := c.Period(time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC))
	fmt.Println(c, p, c.Label(p), c.Label(p+10))
	// Output:
	// monthly in UTC 24290 2024-03 2025-01
}

func ExampleNewCalendar() {
	c, err := cxmetrics.NewCalendar(cxmetrics.Quarterly, nil, cxmetrics.FiscalYearStart(time.July))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := c.Period(time.Date(2024, 8, 20, 0, 0, 0, 0, time.UTC))
	fmt.Println(c.Label(p), c.Start(p).Format(time.DateOnly))
	_, err = cxmetrics.NewCalendar(cxmetrics.Weekly, nil, cxmetrics.WeekStart(9))
	fmt.Println(errors.Is(err, cxmetrics.ErrInvalidArgument))
	// Output:
	// FY2025-Q1 2024-07-01
	// true
}

func ExampleCalendarOption() {
	// Retail weeks from Sunday; a fiscal year from April.
	weeks, _ := cxmetrics.NewCalendar(cxmetrics.Weekly, nil, cxmetrics.WeekStart(time.Sunday))
	years, _ := cxmetrics.NewCalendar(cxmetrics.Yearly, nil, cxmetrics.FiscalYearStart(time.April))
	fmt.Println(weeks)
	fmt.Println(years)
	// Output:
	// weekly from Sunday in UTC
	// yearly, fiscal year from April, in UTC
}

func ExampleWeekStart() {
	c, _ := cxmetrics.NewCalendar(cxmetrics.Weekly, nil, cxmetrics.WeekStart(time.Sunday))
	p := c.Period(time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)) // a Wednesday
	fmt.Println(c.Label(p))
	// Output:
	// 2024-01-28
}

func ExampleFiscalYearStart() {
	c, _ := cxmetrics.NewCalendar(cxmetrics.Yearly, nil, cxmetrics.FiscalYearStart(time.July))
	p := c.Period(time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(c.Label(p), c.Start(p).Format(time.DateOnly), c.End(p).Format(time.DateOnly))
	// Output:
	// FY2025 2024-07-01 2025-07-01
}

func ExampleUnit() {
	for _, u := range []cxmetrics.Unit{cxmetrics.Daily, cxmetrics.Weekly, cxmetrics.Monthly, cxmetrics.Quarterly, cxmetrics.Yearly} {
		c, _ := cxmetrics.NewCalendar(u, nil)
		fmt.Println(c.Label(c.Period(time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC))))
	}
	// Output:
	// 2020-12-31
	// 2020-W53
	// 2020-12
	// 2020-Q4
	// 2020
}

func ExampleUnit_String() {
	fmt.Println(cxmetrics.Monthly, cxmetrics.Unit(9))
	// Output:
	// Monthly Unit(9)
}

func ExampleCalendar_Period() {
	// A calendar cuts days in its own zone: 23:30 in New York on March
	// 31st is already April in UTC.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	inNY, _ := cxmetrics.NewCalendar(cxmetrics.Monthly, ny)
	var inUTC cxmetrics.Calendar
	at := time.Date(2024, 3, 31, 23, 30, 0, 0, ny)
	fmt.Println(inNY.Label(inNY.Period(at)), inUTC.Label(inUTC.Period(at)))
	// Output:
	// 2024-03 2024-04
}

func ExampleCalendar_Start() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := cxmetrics.NewCalendar(cxmetrics.Daily, ny)
	p := c.Period(time.Date(2024, 3, 10, 12, 0, 0, 0, ny)) // clocks go forward
	fmt.Println(c.Start(p), c.End(p).Sub(c.Start(p)))
	// Output:
	// 2024-03-10 00:00:00 -0500 EST 23h0m0s
}

func ExampleCalendar_End() {
	var c cxmetrics.Calendar
	p, _ := c.Parse("2024-02")
	fmt.Println(c.End(p).Sub(c.Start(p)).Hours() / 24) // a leap February
	// Output:
	// 29
}

func ExampleCalendar_Label() {
	c, _ := cxmetrics.NewCalendar(cxmetrics.Weekly, nil)
	for _, d := range []string{"2020-12-28", "2021-01-03", "2021-01-04"} {
		at, _ := time.Parse(time.DateOnly, d)
		fmt.Println(d, c.Label(c.Period(at)))
	}
	// Output:
	// 2020-12-28 2020-W53
	// 2021-01-03 2020-W53
	// 2021-01-04 2021-W01
}

func ExampleCalendar_Parse() {
	c, _ := cxmetrics.NewCalendar(cxmetrics.Quarterly, nil, cxmetrics.FiscalYearStart(time.July))
	p, err := c.Parse("FY2025-Q3")
	fmt.Println(c.Start(p).Format(time.DateOnly), err)
	_, err = c.Parse("2025-Q3")
	fmt.Println(err)
	// Output:
	// 2025-01-01 <nil>
	// cxmetrics: invalid argument: "2025-Q3" is not a quarterly period label (want FYyyyy-Qn)
}

func ExampleCalendar_Unit() {
	c, _ := cxmetrics.NewCalendar(cxmetrics.Daily, nil)
	fmt.Println(c.Unit(), cxmetrics.Calendar{}.Unit())
	// Output:
	// Daily Monthly
}

func ExampleCalendar_Location() {
	fmt.Println(cxmetrics.Calendar{}.Location())
	// Output:
	// UTC
}

func ExampleCalendar_String() {
	c, _ := cxmetrics.NewCalendar(cxmetrics.Weekly, time.UTC)
	fmt.Println(c)
	// Output:
	// weekly from Monday in UTC
}

func ExampleConvertChurn() {
	// A churn of 3% measured over 31-day windows, as fight-churn
	// measures it, over a year and over an average month:
	// 1 − 0.97^(365.2425/31) and 1 − 0.97^(30.436875/31).
	window := 31 * 24 * time.Hour
	annual, _ := cxmetrics.ConvertChurn(3, window, cxmetrics.AverageYear)
	monthly, _ := cxmetrics.ConvertChurn(3, window, cxmetrics.AverageMonth)
	fmt.Printf("%.2f%% a year, %.3f%% a month\n", annual, monthly)
	_, err := cxmetrics.ConvertChurn(0.03, window, cxmetrics.AverageYear) // 3% as a fraction
	fmt.Println(errors.Is(err, cxmetrics.ErrOutOfRange))
	// Output:
	// 30.15% a year, 2.946% a month
	// true
}
