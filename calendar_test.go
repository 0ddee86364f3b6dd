package cxmetrics_test

import (
	"errors"
	"testing"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// mustCalendar returns NewCalendar's calendar or fails the test.
func mustCalendar(t *testing.T, unit cxmetrics.Unit, loc *time.Location, opts ...cxmetrics.CalendarOption) cxmetrics.Calendar {
	t.Helper()
	c, err := cxmetrics.NewCalendar(unit, loc, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// mustLocation loads a time zone from the system's database or skips.
func mustLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone %s: %v", name, err)
	}
	return loc
}

// TestCalendarPeriods checks the period that holds an instant, its label
// and its bounds, for every unit. The day numbers are days since
// 1970-01-01 (Python: (date(2024, 3, 10) − date(1970, 1, 1)).days =
// 19792), and the ISO weeks are those of Python's date.isocalendar().
func TestCalendarPeriods(t *testing.T) {
	ny := mustLocation(t, "America/New_York")
	london := mustLocation(t, "Europe/London")
	utc := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name       string
		cal        cxmetrics.Calendar
		at         time.Time
		wantPeriod int
		wantLabel  string
		wantStart  time.Time
		wantEnd    time.Time
	}{
		{
			// 2024-03-10 is the day New York moves its clocks forward: 23
			// hours, from midnight EST to midnight EDT.
			name: "daylight saving starts", cal: mustCalendar(t, cxmetrics.Daily, ny),
			at:         time.Date(2024, 3, 10, 12, 0, 0, 0, ny),
			wantPeriod: 19792, wantLabel: "2024-03-10",
			wantStart: utc("2024-03-10T05:00:00Z"), wantEnd: utc("2024-03-11T04:00:00Z"),
		},
		{
			// 2024-11-03, clocks back: 25 hours.
			name: "daylight saving ends", cal: mustCalendar(t, cxmetrics.Daily, ny),
			at:         time.Date(2024, 11, 3, 1, 30, 0, 0, ny),
			wantPeriod: 20030, wantLabel: "2024-11-03",
			wantStart: utc("2024-11-03T04:00:00Z"), wantEnd: utc("2024-11-04T05:00:00Z"),
		},
		{
			// 23:30 in New York on March 31st is April 1st in UTC: the
			// calendar's zone decides the month.
			name: "the zone cuts the month", cal: mustCalendar(t, cxmetrics.Monthly, ny),
			at:         time.Date(2024, 3, 31, 23, 30, 0, 0, ny),
			wantPeriod: 2024*12 + 2, wantLabel: "2024-03",
			wantStart: utc("2024-03-01T05:00:00Z"), wantEnd: utc("2024-04-01T04:00:00Z"),
		},
		{
			name: "the same instant in UTC", cal: cxmetrics.Calendar{},
			at:         time.Date(2024, 3, 31, 23, 30, 0, 0, ny),
			wantPeriod: 2024*12 + 3, wantLabel: "2024-04",
			wantStart: utc("2024-04-01T00:00:00Z"), wantEnd: utc("2024-05-01T00:00:00Z"),
		},
		{
			name: "leap day", cal: mustCalendar(t, cxmetrics.Daily, nil),
			at:         utc("2024-02-29T10:00:00Z"),
			wantPeriod: 19782, wantLabel: "2024-02-29",
			wantStart: utc("2024-02-29T00:00:00Z"), wantEnd: utc("2024-03-01T00:00:00Z"),
		},
		{
			name: "the day before 1970", cal: mustCalendar(t, cxmetrics.Daily, nil),
			at:         utc("1969-12-31T23:59:59Z"),
			wantPeriod: -1, wantLabel: "1969-12-31",
			wantStart: utc("1969-12-31T00:00:00Z"), wantEnd: utc("1970-01-01T00:00:00Z"),
		},
		{
			// 2021-01-03, a Sunday, is in ISO week 53 of 2020, which
			// starts on Monday 2020-12-28 (day 18624).
			name: "ISO week 53", cal: mustCalendar(t, cxmetrics.Weekly, nil),
			at:         utc("2021-01-03T12:00:00Z"),
			wantPeriod: (18624 + 4 - 1) / 7, wantLabel: "2020-W53",
			wantStart: utc("2020-12-28T00:00:00Z"), wantEnd: utc("2021-01-04T00:00:00Z"),
		},
		{
			// Weeks from Sunday: 2021-01-03 starts one.
			name: "weeks from Sunday", cal: mustCalendar(t, cxmetrics.Weekly, nil, cxmetrics.WeekStart(time.Sunday)),
			at:         utc("2021-01-03T12:00:00Z"),
			wantPeriod: (18630 + 4 - 0) / 7, wantLabel: "2021-01-03",
			wantStart: utc("2021-01-03T00:00:00Z"), wantEnd: utc("2021-01-10T00:00:00Z"),
		},
		{
			name: "calendar quarter", cal: mustCalendar(t, cxmetrics.Quarterly, nil),
			at:         utc("2024-05-20T00:00:00Z"),
			wantPeriod: (2024*12 + 4) / 3, wantLabel: "2024-Q2",
			wantStart: utc("2024-04-01T00:00:00Z"), wantEnd: utc("2024-07-01T00:00:00Z"),
		},
		{
			// A fiscal year from July is named by the year it ends in:
			// August 2024 is in FY2025, its first quarter.
			name: "fiscal quarter", cal: mustCalendar(t, cxmetrics.Quarterly, nil, cxmetrics.FiscalYearStart(time.July)),
			at:         utc("2024-08-15T00:00:00Z"),
			wantPeriod: (2024*12 + 7 - 7) / 3, wantLabel: "FY2025-Q1",
			wantStart: utc("2024-07-01T00:00:00Z"), wantEnd: utc("2024-10-01T00:00:00Z"),
		},
		{
			name: "fiscal year from April", cal: mustCalendar(t, cxmetrics.Yearly, london, cxmetrics.FiscalYearStart(time.April)),
			at:         time.Date(2025, 3, 31, 23, 0, 0, 0, london),
			wantPeriod: 2024, wantLabel: "FY2025",
			wantStart: utc("2024-04-01T00:00:00+01:00"), wantEnd: utc("2025-04-01T00:00:00+01:00"),
		},
		{
			name: "calendar year", cal: mustCalendar(t, cxmetrics.Yearly, nil),
			at:         utc("2024-12-31T23:59:59Z"),
			wantPeriod: 2024, wantLabel: "2024",
			wantStart: utc("2024-01-01T00:00:00Z"), wantEnd: utc("2025-01-01T00:00:00Z"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.cal.Period(tc.at)
			if p != tc.wantPeriod {
				t.Errorf("Period = %d, want %d", p, tc.wantPeriod)
			}
			if got := tc.cal.Label(p); got != tc.wantLabel {
				t.Errorf("Label = %q, want %q", got, tc.wantLabel)
			}
			if got := tc.cal.Start(p); !got.Equal(tc.wantStart) {
				t.Errorf("Start = %v, want %v", got, tc.wantStart)
			}
			if got := tc.cal.End(p); !got.Equal(tc.wantEnd) {
				t.Errorf("End = %v, want %v", got, tc.wantEnd)
			}
			if back, err := tc.cal.Parse(tc.wantLabel); err != nil || back != p {
				t.Errorf("Parse(%q) = %d, %v; want %d", tc.wantLabel, back, err, p)
			}
		})
	}
}

// TestCalendarRoundTrips checks, for every unit and some zones, week
// starts and fiscal years, over periods from 1899 to 2101 (leap years,
// 1900 and 2100 that are not, week-53 years): the start of a period is in
// it, the instant before it is in the one before, and its label parses
// back to it.
func TestCalendarRoundTrips(t *testing.T) {
	ny := mustLocation(t, "America/New_York")
	kolkata := mustLocation(t, "Asia/Kolkata")
	cals := []cxmetrics.Calendar{
		mustCalendar(t, cxmetrics.Daily, ny),
		mustCalendar(t, cxmetrics.Weekly, nil),
		mustCalendar(t, cxmetrics.Weekly, kolkata, cxmetrics.WeekStart(time.Saturday)),
		mustCalendar(t, cxmetrics.Monthly, ny),
		mustCalendar(t, cxmetrics.Quarterly, nil),
		mustCalendar(t, cxmetrics.Quarterly, kolkata, cxmetrics.FiscalYearStart(time.October)),
		mustCalendar(t, cxmetrics.Yearly, nil),
		mustCalendar(t, cxmetrics.Yearly, ny, cxmetrics.FiscalYearStart(time.February)),
	}
	from, to := time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range cals {
		t.Run(c.String(), func(t *testing.T) {
			step := 1
			if c.Unit() == cxmetrics.Daily {
				step = 7 // every weekday still comes round
			}
			for p := c.Period(from); p <= c.Period(to); p += step {
				start := c.Start(p)
				if got := c.Period(start); got != p {
					t.Fatalf("Period(Start(%d) = %v) = %d", p, start, got)
				}
				if got := c.Period(start.Add(-time.Nanosecond)); got != p-1 {
					t.Fatalf("Period(Start(%d) − 1 ns) = %d, want %d", p, got, p-1)
				}
				if !c.End(p).After(start) {
					t.Fatalf("End(%d) = %v, not after Start %v", p, c.End(p), start)
				}
				label := c.Label(p)
				if back, err := c.Parse(label); err != nil || back != p {
					t.Fatalf("Parse(Label(%d) = %q) = %d, %v", p, label, back, err)
				}
			}
		})
	}
}

func TestCalendarParseErrors(t *testing.T) {
	monthly := cxmetrics.Calendar{}
	iso := mustCalendar(t, cxmetrics.Weekly, nil)
	sunday := mustCalendar(t, cxmetrics.Weekly, nil, cxmetrics.WeekStart(time.Sunday))
	fiscal := mustCalendar(t, cxmetrics.Quarterly, nil, cxmetrics.FiscalYearStart(time.July))
	daily := mustCalendar(t, cxmetrics.Daily, nil)
	tests := []struct {
		name  string
		cal   cxmetrics.Calendar
		label string
	}{
		{"month 13", monthly, "2024-13"},
		{"month 0", monthly, "2024-00"},
		{"a day for a month", monthly, "2024-03-01"},
		{"two-digit year", monthly, "24-03"},
		{"week 53 of a year of 52", iso, "2021-W53"},
		{"week 0", iso, "2024-W00"},
		{"a Monday for a Sunday week", sunday, "2024-01-29"},
		{"an ISO week for a Sunday week", sunday, "2024-W05"},
		{"calendar label for a fiscal quarter", fiscal, "2024-Q1"},
		{"quarter 5", fiscal, "FY2024-Q5"},
		{"February 30th", daily, "2024-02-30"},
		{"nothing", daily, ""},
		{"quarter 5 of a calendar year", mustCalendar(t, cxmetrics.Quarterly, nil), "2024-Q5"},
		{"fiscal year for a calendar year", mustCalendar(t, cxmetrics.Yearly, nil), "FY2024"},
		{"calendar year for a fiscal year", mustCalendar(t, cxmetrics.Yearly, nil, cxmetrics.FiscalYearStart(time.April)), "2024"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if p, err := tc.cal.Parse(tc.label); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
				t.Errorf("Parse(%q) = %d, %v; want ErrInvalidArgument", tc.label, p, err)
			}
		})
	}
}

func TestNewCalendarErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		unit cxmetrics.Unit
		opts []cxmetrics.CalendarOption
	}{
		{"unknown unit", cxmetrics.Unit(9), nil},
		{"negative unit", cxmetrics.Unit(-1), nil},
		{"weekday 7", cxmetrics.Weekly, []cxmetrics.CalendarOption{cxmetrics.WeekStart(7)}},
		{"month 13", cxmetrics.Yearly, []cxmetrics.CalendarOption{cxmetrics.FiscalYearStart(13)}},
		{"month -1", cxmetrics.Yearly, []cxmetrics.CalendarOption{cxmetrics.FiscalYearStart(-1)}},
	} {
		if _, err := cxmetrics.NewCalendar(tc.unit, nil, tc.opts...); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
			t.Errorf("%s: error %v, want ErrInvalidArgument", tc.name, err)
		}
	}
}
