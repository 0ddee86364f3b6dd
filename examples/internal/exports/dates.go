package exports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrAmbiguousDate is the error of a date whose day and month could be
// either way round ("01/02/2024"), read without a format that says which.
var ErrAmbiguousDate = errors.New("could be month/day or day/month")

// DateReader reads the dates and times of an export's cells, in one
// location and, for dates in day and month order, one order.
type DateReader struct {
	loc     *time.Location
	layouts []string // the format's, tried after ISO 8601
	order   string   // "", "us", "eu" or "layout"
}

// isoLayouts are the ISO 8601 forms every reader takes: with a zone, the
// instant; without, a time in the reader's location.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"20060102",
	"2006/01/02",
}

// namedLayouts are the dates with the month's name, which are never
// ambiguous.
var namedLayouts = []string{
	"Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "January 2 2006",
	"2 Jan 2006", "2 January 2006", "02-Jan-2006", "Mon, 02 Jan 2006 15:04:05 -0700",
}

// orderLayouts are the dates in day and month order, for the formats
// "us" (month first) and "eu" (day first), with or without a time.
var orderLayouts = map[string][]string{
	"us": {"1/2/2006", "1/2/2006 15:04", "1/2/2006 15:04:05", "1/2/2006 3:04 PM", "1/2/2006 3:04:05 PM",
		"1-2-2006", "1/2/06"},
	"eu": {"2/1/2006", "2/1/2006 15:04", "2/1/2006 15:04:05", "2.1.2006", "2.1.2006 15:04", "2.1.2006 15:04:05",
		"2-1-2006", "2/1/06"},
}

// NewDateReader returns a reader of dates in loc (nil for UTC), in the
// given format: "" for ISO 8601, epoch seconds or milliseconds and dates
// with the month's name; "us" for those and month/day/year dates
// ("01/23/2024 10:00:00 PM"); "eu" for those and day/month/year dates
// ("23/01/2024", "23.01.2024 22:00"); or a Go time layout
// ("02.01.2006 15:04"), which is tried first.
func NewDateReader(format string, loc *time.Location) (*DateReader, error) {
	if loc == nil {
		loc = time.UTC
	}
	d := &DateReader{loc: loc, order: format}
	switch {
	case format == "":
	case orderLayouts[format] != nil:
		d.layouts = orderLayouts[format]
	case strings.Contains(format, "2006") || strings.Contains(format, "06"):
		d.layouts, d.order = []string{format}, "layout"
	default:
		return nil, fmt.Errorf("date format %q: want us, eu or a Go layout such as 02.01.2006", format)
	}
	return d, nil
}

// Location returns the reader's location.
func (d *DateReader) Location() *time.Location { return d.loc }

// Time reads a date or a date and time (see the package doc for the
// forms).
func (d *DateReader) Time(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, ErrEmpty
	}
	if d.order == "layout" {
		if t, err := time.ParseInLocation(d.layouts[0], s, d.loc); err == nil {
			return t, nil
		}
	}
	if t, ok := d.isoDate(s); ok {
		return t, nil
	}
	if t, ok := epoch(s); ok {
		return t.In(d.loc), nil
	}
	for _, layouts := range [][]string{isoLayouts, namedLayouts, d.layouts} {
		for _, l := range layouts {
			if t, err := time.ParseInLocation(l, s, d.loc); err == nil {
				return t, nil
			}
		}
	}
	if d.order == "" && dayMonth(s) {
		return time.Time{}, ErrAmbiguousDate
	}
	return time.Time{}, fmt.Errorf("is not a date (%s)", d.forms())
}

// Month reads a month, "2024-03", "03/2024", "Mar 2024", "March 2024", or
// any date Time reads, as the first instant of the month in the reader's
// location.
func (d *DateReader) Month(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range []string{"2006-01", "2006/01", "01/2006", "1/2006", "Jan 2006", "January 2006", "Jan-2006", "01-2006"} {
		if t, err := time.ParseInLocation(l, s, d.loc); err == nil {
			return t, nil
		}
	}
	t, err := d.Time(s)
	if err != nil {
		return time.Time{}, err
	}
	y, m, _ := t.In(d.loc).Date()
	return time.Date(y, m, 1, 0, 0, 0, 0, d.loc), nil
}

// forms describes what the reader takes, for an error message.
func (d *DateReader) forms() string {
	switch d.order {
	case "us":
		return "want MM/DD/YYYY, ISO 8601 such as 2024-01-23, or epoch seconds"
	case "eu":
		return "want DD/MM/YYYY, ISO 8601 such as 2024-01-23, or epoch seconds"
	case "layout":
		return fmt.Sprintf("want the layout %s, ISO 8601 such as 2024-01-23, or epoch seconds", d.layouts[0])
	}
	return "want ISO 8601 such as 2024-01-23 or 2024-01-23T22:00:00Z, epoch seconds, or Jan 23, 2024"
}

// isoDate reads the commonest cell, a date written YYYY-MM-DD, without
// trying layouts: a file of 10⁷ answers spends its time here.
func (d *DateReader) isoDate(s string) (time.Time, bool) {
	y, m, day, ok := ISODate(s)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(y, m, day, 0, 0, 0, 0, d.loc), true
}

// ISODate reads a date written YYYY-MM-DD, checking that the day exists,
// in a few nanoseconds: for a reader that buckets by month, the year and
// month are all it needs of most cells.
func ISODate(s string) (year int, month time.Month, day int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	n := func(i, j int) int {
		v := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = 10*v + int(c-'0')
		}
		return v
	}
	y, m, dd := n(0, 4), n(5, 7), n(8, 10)
	if y < 0 || m < 1 || m > 12 || dd < 1 || dd > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, time.Month(m), dd, true
}

// daysIn returns the number of days of month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// epoch reads seconds (9 or 10 digits: 1973 to 2286) or milliseconds (12
// or 13 digits) since 1970.
func epoch(s string) (time.Time, bool) {
	n := len(s)
	if n != 9 && n != 10 && n != 12 && n != 13 || strings.ContainsFunc(s, func(c rune) bool { return c < '0' || c > '9' }) {
		return time.Time{}, false
	}
	v, err := strconv.ParseInt(s, 10, 64) // 13 digits fit
	if err != nil {
		return time.Time{}, false
	}
	if n >= 12 {
		return time.UnixMilli(v), true
	}
	return time.Unix(v, 0), true
}

// dayMonth reports whether s starts like a date in day and month order:
// two numbers of one or two digits and a year, separated by slashes, dots
// or dashes.
func dayMonth(s string) bool {
	date, _, _ := strings.Cut(s, " ")
	for _, sep := range []string{"/", ".", "-"} {
		parts := strings.Split(date, sep)
		if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 && len(parts[2]) != 2 {
			continue
		}
		ok := true
		for _, p := range parts {
			_, err := strconv.Atoi(p)
			ok = ok && err == nil && p != ""
		}
		if ok {
			return true
		}
	}
	return false
}
