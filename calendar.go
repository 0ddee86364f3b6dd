package cxmetrics

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Unit is the length of a [Calendar]'s periods.
type Unit int

const (
	// Monthly periods are calendar months, labelled "2024-03". It is the
	// zero Unit, so the zero Calendar is monthly.
	Monthly Unit = iota
	// Daily periods are days from midnight to midnight, labelled
	// "2024-03-05". Around a change of daylight saving time a day is 23
	// or 25 hours long.
	Daily
	// Weekly periods are seven days from the calendar's first day of the
	// week (Monday, or [WeekStart]): labelled by ISO 8601 week,
	// "2024-W05" (a year may have week 53), when weeks start on Monday,
	// and by the date of their first day, "2024-01-28", otherwise.
	Weekly
	// Quarterly periods are three months from the first month of the
	// calendar's fiscal year ([FiscalYearStart]), labelled "2024-Q1", or
	// "FY2025-Q1" for a fiscal year that does not start in January.
	Quarterly
	// Yearly periods are twelve months from the first month of the
	// calendar's fiscal year, labelled "2024", or "FY2025" for a fiscal
	// year that does not start in January.
	Yearly
)

// String returns the name of the Unit.
func (u Unit) String() string {
	switch u {
	case Monthly:
		return "Monthly"
	case Daily:
		return "Daily"
	case Weekly:
		return "Weekly"
	case Quarterly:
		return "Quarterly"
	case Yearly:
		return "Yearly"
	}
	return fmt.Sprintf("Unit(%d)", int(u))
}

// Calendar maps instants to periods and back: days, weeks, months,
// quarters or years, cut in a time zone, with weeks that start on any day
// and quarters and years that follow a fiscal year starting in any month.
// A period is numbered by an int that counts periods from a fixed origin,
// so that periods subtract: the month after 2024-12 is 2025-01, one more.
//
// The zero Calendar is monthly in UTC; [NewCalendar] makes the others,
// and every Calendar is valid, so its methods cannot fail. A fiscal year
// is named after the calendar year in which it ends, as most companies
// name theirs: with a fiscal year from July, FY2025 runs from 2024-07-01
// to 2025-06-30, and its first quarter is FY2025-Q1, July to September
// 2024.
//
// A Calendar is a plain value; it is safe for concurrent use.
type Calendar struct {
	unit        Unit
	loc         *time.Location // nil is UTC
	weekStart   time.Weekday
	fiscalStart time.Month // 0 or January: calendar quarters and years
}

// CalendarOption sets a choice of [NewCalendar].
type CalendarOption func(*Calendar)

// WeekStart makes a Weekly calendar's weeks start on d; without it they
// start on Monday, as ISO 8601 weeks do.
func WeekStart(d time.Weekday) CalendarOption {
	return func(c *Calendar) { c.weekStart = d }
}

// FiscalYearStart makes a Quarterly or Yearly calendar follow a fiscal
// year that starts in month m; without it quarters and years are those of
// the calendar year.
func FiscalYearStart(m time.Month) CalendarOption {
	return func(c *Calendar) { c.fiscalStart = m }
}

// NewCalendar returns a calendar of unit periods cut in loc (nil for UTC),
// with the options given.
//
// Special cases are:
//
//	unit not Daily, Weekly, Monthly, Quarterly or Yearly   ErrInvalidArgument
//	a WeekStart outside Sunday to Saturday                  ErrInvalidArgument
//	a FiscalYearStart outside January to December           ErrInvalidArgument
func NewCalendar(unit Unit, loc *time.Location, opts ...CalendarOption) (Calendar, error) {
	c := Calendar{unit: unit, loc: loc, weekStart: time.Monday}
	for _, opt := range opts {
		opt(&c)
	}
	switch {
	case unit < Monthly || unit > Yearly:
		return Calendar{}, fmt.Errorf("%w: calendar unit %v", ErrInvalidArgument, unit)
	case c.weekStart < time.Sunday || c.weekStart > time.Saturday:
		return Calendar{}, fmt.Errorf("%w: week start %d (need Sunday to Saturday)", ErrInvalidArgument, int(c.weekStart))
	case c.fiscalStart != 0 && (c.fiscalStart < time.January || c.fiscalStart > time.December):
		return Calendar{}, fmt.Errorf("%w: fiscal year start %d (need January to December)", ErrInvalidArgument, int(c.fiscalStart))
	}
	return c, nil
}

// Unit returns the length of c's periods.
func (c Calendar) Unit() Unit { return c.unit }

// Location returns the time zone c cuts its days in.
func (c Calendar) Location() *time.Location { return c.location() }

// String describes c: "monthly in UTC", "weekly from Monday in
// Europe/Berlin", "quarterly, fiscal year from July, in UTC".
func (c Calendar) String() string {
	var b strings.Builder
	b.WriteString(strings.ToLower(c.unit.String()))
	switch {
	case c.unit == Weekly:
		b.WriteString(" from " + c.weekStart.String())
	case (c.unit == Quarterly || c.unit == Yearly) && c.fiscal():
		b.WriteString(", fiscal year from " + c.fiscalStart.String() + ",")
	}
	b.WriteString(" in " + c.location().String())
	return b.String()
}

// Period returns the number of the period that holds t, as t reads in the
// calendar's Location.
func (c Calendar) Period(t time.Time) int {
	y, m, d := t.In(c.location()).Date()
	switch c.unit {
	case Daily:
		return civilDay(y, m, d)
	case Weekly:
		return floorDiv(civilDay(y, m, d)+4-int(c.weekStart), 7) // 1970-01-01 was a Thursday
	case Quarterly:
		return floorDiv(c.fiscalMonth(y, m), 3)
	case Yearly:
		return floorDiv(c.fiscalMonth(y, m), 12)
	}
	return y*12 + int(m) - 1
}

// Start returns the first instant of period p, in the calendar's
// Location: its midnight, or the first instant of its first day where a
// change of daylight saving time skips midnight.
func (c Calendar) Start(p int) time.Time {
	y, m, d := c.firstDay(p)
	return time.Date(y, m, d, 0, 0, 0, 0, c.location())
}

// End returns the first instant after period p, the Start of p + 1.
func (c Calendar) End(p int) time.Time { return c.Start(p + 1) }

// Label returns the name of period p: "2024-03-05", "2024-W05" or
// "2024-01-28", "2024-03", "2024-Q1" or "FY2025-Q1", "2024" or "FY2025",
// by the calendar's Unit. [Calendar.Parse] reads it back.
func (c Calendar) Label(p int) string {
	y, m, d := c.firstDay(p)
	switch c.unit {
	case Daily:
		return fmt.Sprintf("%04d-%02d-%02d", y, int(m), d)
	case Weekly:
		if c.weekStart == time.Monday {
			iy, iw := time.Date(y, m, d, 12, 0, 0, 0, time.UTC).ISOWeek()
			return fmt.Sprintf("%04d-W%02d", iy, iw)
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, int(m), d)
	case Quarterly:
		q := mod(c.fiscalMonth(y, m), 12)/3 + 1
		if c.fiscal() {
			return fmt.Sprintf("FY%04d-Q%d", c.fiscalYear(y, m), q)
		}
		return fmt.Sprintf("%04d-Q%d", y, q)
	case Yearly:
		if c.fiscal() {
			return fmt.Sprintf("FY%04d", c.fiscalYear(y, m))
		}
		return fmt.Sprintf("%04d", y)
	}
	return fmt.Sprintf("%04d-%02d", y, int(m))
}

// Parse returns the period that label names, in the form [Calendar.Label]
// writes for the calendar's Unit; a Weekly label of a calendar whose
// weeks do not start on Monday is the date of a week's first day. Years
// run from 0 to 9999.
//
// Special cases are:
//
//	label not in the form of c's Unit         ErrInvalidArgument
//	a date that is not in the calendar        ErrInvalidArgument
//	a week label not on a first day of week   ErrInvalidArgument
func (c Calendar) Parse(label string) (int, error) {
	bad := func(want string) (int, error) {
		return 0, fmt.Errorf("%w: %q is not a %s period label (want %s)", ErrInvalidArgument, label, strings.ToLower(c.unit.String()), want)
	}
	switch c.unit {
	case Daily:
		t, err := time.Parse("2006-01-02", label)
		if err != nil {
			return bad("YYYY-MM-DD")
		}
		return civilDay(t.Date()), nil
	case Weekly:
		if c.weekStart == time.Monday {
			y, ok1 := digits(label, 0, 4)
			w, ok2 := digits(label, 6, 2)
			if !ok1 || !ok2 || len(label) != 8 || label[4:6] != "-W" || w < 1 || w > 53 {
				return bad("YYYY-Www")
			}
			// The Monday of ISO week 1 is the Monday on or before
			// January 4th.
			jan4 := civilDay(y, time.January, 4)
			p := floorDiv(jan4+4-int(time.Monday), 7) + w - 1
			if iy, iw := c.Start(p).ISOWeek(); iy != y || iw != w {
				return bad("an ISO week that the year has")
			}
			return p, nil
		}
		t, err := time.Parse("2006-01-02", label)
		if err != nil {
			return bad("YYYY-MM-DD, the first day of a week")
		}
		if t.Weekday() != c.weekStart {
			return bad("the date of a " + c.weekStart.String())
		}
		return floorDiv(civilDay(t.Date())+4-int(c.weekStart), 7), nil
	case Quarterly:
		fy, rest, ok := c.cutYear(label)
		q, okQ := digits(rest, 2, 1)
		if !ok || !okQ || len(rest) != 3 || rest[:2] != "-Q" || q < 1 || q > 4 {
			return bad(c.yearForm() + "-Qn")
		}
		return floorDiv(c.yearMonths(fy), 3) + q - 1, nil
	case Yearly:
		fy, rest, ok := c.cutYear(label)
		if !ok || rest != "" {
			return bad(c.yearForm())
		}
		return floorDiv(c.yearMonths(fy), 12), nil
	}
	y, ok1 := digits(label, 0, 4)
	mo, ok2 := digits(label, 5, 2)
	if !ok1 || !ok2 || len(label) != 7 || label[4] != '-' || mo < 1 || mo > 12 {
		return bad("YYYY-MM")
	}
	return y*12 + mo - 1, nil
}

// day returns the day that holds t in c's Location, as days since
// 1970-01-01.
func (c Calendar) day(t time.Time) int { return civilDay(t.In(c.location()).Date()) }

// location returns c's time zone, UTC for nil.
func (c Calendar) location() *time.Location {
	if c.loc == nil {
		return time.UTC
	}
	return c.loc
}

// fiscal reports whether c's fiscal year starts after January.
func (c Calendar) fiscal() bool { return c.fiscalStart > time.January }

// fiscalMonth returns the months from the origin to month m of year y,
// counted from the first month of a fiscal year: a multiple of 12 at the
// start of each fiscal year.
func (c Calendar) fiscalMonth(y int, m time.Month) int {
	start := max(int(c.fiscalStart), 1)
	return y*12 + int(m) - start
}

// fiscalYear returns the name (the year of its end) of the fiscal year
// that holds month m of year y.
func (c Calendar) fiscalYear(y int, m time.Month) int {
	fy := floorDiv(c.fiscalMonth(y, m), 12) // the year it starts in
	if c.fiscal() {
		fy++
	}
	return fy
}

// yearMonths returns fiscalMonth of the first month of the fiscal year
// named fy.
func (c Calendar) yearMonths(fy int) int {
	if c.fiscal() {
		fy--
	}
	return fy * 12
}

// yearForm is how c's Quarterly and Yearly labels write a year.
func (c Calendar) yearForm() string {
	if c.fiscal() {
		return "FYyyyy"
	}
	return "YYYY"
}

// cutYear reads the year at the start of a Quarterly or Yearly label,
// with its "FY" for a fiscal calendar, and returns the rest.
func (c Calendar) cutYear(label string) (year int, rest string, ok bool) {
	if c.fiscal() {
		if !strings.HasPrefix(label, "FY") {
			return 0, "", false
		}
		label = label[2:]
	}
	y, ok := digits(label, 0, 4)
	if !ok {
		return 0, "", false
	}
	return y, label[4:], true
}

// firstDay returns the civil date of the first day of period p.
func (c Calendar) firstDay(p int) (int, time.Month, int) {
	switch c.unit {
	case Daily:
		return civilDate(p)
	case Weekly:
		return civilDate(7*p - 4 + int(c.weekStart))
	case Quarterly, Yearly:
		n := 3
		if c.unit == Yearly {
			n = 12
		}
		months := n*p + max(int(c.fiscalStart), 1) - 1
		return floorDiv(months, 12), time.Month(mod(months, 12) + 1), 1
	}
	return floorDiv(p, 12), time.Month(mod(p, 12) + 1), 1
}

// civilDay returns the days from 1970-01-01 to the date y-m-d of the
// proleptic Gregorian calendar.
func civilDay(y int, m time.Month, d int) int {
	return floorDiv(int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()), 86400)
}

// civilDate returns the date days after 1970-01-01.
func civilDate(days int) (int, time.Month, int) {
	return time.Unix(int64(days)*86400, 0).UTC().Date()
}

// digits returns the n decimal digits of s from i as a number, and
// whether they are there.
func digits(s string, i, n int) (int, bool) {
	if i < 0 || i+n > len(s) {
		return 0, false
	}
	for _, r := range s[i : i+n] {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	v, err := strconv.Atoi(s[i : i+n])
	return v, err == nil
}

// floorDiv returns a/b rounded down, for b > 0.
func floorDiv(a, b int) int {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// mod returns a mod b in 0 to b−1, for b > 0.
func mod(a, b int) int { return a - floorDiv(a, b)*b }
