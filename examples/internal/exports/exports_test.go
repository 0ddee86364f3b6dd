package exports

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

func TestScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		err  string // "" for none
	}{
		{"9", 9, ""},
		{" 10 ", 10, ""},
		{"9.0", 9, ""},
		{"9.00", 9, ""},
		{"10 - Extremely likely", 10, ""},
		{"0 - Not at all likely", 0, ""},
		{"0 – Not at all likely", 0, ""}, // an en dash
		{"7: Agree", 7, ""},
		{"4 (Satisfied)", 4, ""},
		{"", 0, "is empty"},
		{"   ", 0, "is empty"},
		{"9.5", 0, "is not a whole number"},
		{"9.", 0, "is not a whole number"},
		{"Extremely likely", 0, "has no number"},
		{"-1", 0, "is negative"},
		{"9/10", 0, "is not a whole number, alone or before a label"},
		{"10 -", 0, "is not a whole number, alone or before a label"},
		{"99999999999999999999", 0, "above"},
	} {
		got, err := Score(tc.in)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("Score(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("Score(%q) = %d, %v; want an error containing %q", tc.in, got, err, tc.err)
		}
	}
	if _, err := Score(""); !errors.Is(err, ErrEmpty) {
		t.Errorf("Score(\"\") error %v, want ErrEmpty", err)
	}
}

func TestCents(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  string
	}{
		{"49", 4900, ""},
		{"49.5", 4950, ""},
		{"49.00", 4900, ""},
		{"$49.00", 4900, ""},
		{"US$ 49.00", 4900, ""},
		{"49.00 €", 4900, ""},
		{"€49", 4900, ""},
		{"£1,049.00", 104900, ""},
		{"USD 1,049.00", 104900, ""},
		{"1,049.00 EUR", 104900, ""},
		{"1,234,567.89", 123456789, ""},
		{"0.00", 0, ""},
		// Rounded to the nearest cent, a half cent up.
		{"49.994", 4999, ""},
		{"49.995", 5000, ""},
		{"49.999", 5000, ""},
		{"0.005", 1, ""},
		{"0.0049", 0, ""},
		// 2^63 − 1 cents is 92,233,720,368,547,758.07.
		{"92233720368547758.07", 9223372036854775807, ""},
		{"92233720368547758.08", 0, "is too large"},
		{"92233720368547758.075", 0, "is too large"},
		{"", 0, "is empty"},
		{"-49.00", 0, "is negative"},
		{"(49.00)", 0, "is negative"},
		{"49,99", 0, "decimal comma"},
		{"1,04,900", 0, "does not separate thousands"},
		{"49.", 0, "is not an amount"},
		{".50", 0, "is not an amount"},
		{"49.0a", 0, "is not an amount"},
		{"forty", 0, "is not an amount"},
		{"$", 0, "is not an amount"},
	} {
		got, err := Cents(tc.in)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("Cents(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("Cents(%q) = %d, %v; want an error containing %q", tc.in, got, err, tc.err)
		}
	}
}

func TestDates(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	inNY := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ny) }
	for _, tc := range []struct {
		format string
		loc    *time.Location
		in     string
		want   time.Time
		err    string
	}{
		{"", nil, "2024-01-23", utc(2024, 1, 23, 0, 0), ""},
		{"", nil, "2024-01-23T22:00:00Z", utc(2024, 1, 23, 22, 0), ""},
		// A zone is an instant: 22:00 in New York is 03:00 the next day in UTC.
		{"", nil, "2024-01-23T22:00:00-05:00", utc(2024, 1, 24, 3, 0), ""},
		{"", nil, "2024-01-23T22:00:00.123-05:00", utc(2024, 1, 24, 3, 0).Add(123 * time.Millisecond), ""},
		// Without a zone, the reader's location.
		{"", ny, "2024-01-23 22:00:00", inNY(2024, 1, 23, 22, 0), ""},
		{"", ny, "2024-01-23 22:00", inNY(2024, 1, 23, 22, 0), ""},
		{"", nil, "20240123", utc(2024, 1, 23, 0, 0), ""},
		{"", nil, "2024/01/23", utc(2024, 1, 23, 0, 0), ""},
		// 1706047200 is 2024-01-23T22:00:00Z (19,745 days × 86,400 + 22 × 3,600).
		{"", nil, "1706047200", utc(2024, 1, 23, 22, 0), ""},
		{"", nil, "1706047200000", utc(2024, 1, 23, 22, 0), ""},
		{"", nil, "Jan 23, 2024", utc(2024, 1, 23, 0, 0), ""},
		{"", nil, "January 23, 2024", utc(2024, 1, 23, 0, 0), ""},
		{"", nil, "23 Jan 2024", utc(2024, 1, 23, 0, 0), ""},
		{"", nil, "01/23/2024", time.Time{}, "could be month/day or day/month"},
		{"", nil, "23/01/2024", time.Time{}, "could be month/day or day/month"},
		{"", nil, "23.01.2024 22:00", time.Time{}, "could be month/day or day/month"},
		{"us", nil, "01/23/2024 10:00:00 PM", utc(2024, 1, 23, 22, 0), ""},
		{"us", nil, "1/23/2024", utc(2024, 1, 23, 0, 0), ""},
		{"us", nil, "23/01/2024", time.Time{}, "want MM/DD/YYYY"},
		{"eu", nil, "23/01/2024", utc(2024, 1, 23, 0, 0), ""},
		{"eu", nil, "23.01.2024 22:00", utc(2024, 1, 23, 22, 0), ""},
		{"eu", nil, "2024-01-23", utc(2024, 1, 23, 0, 0), ""},
		{"02.01.2006 15h04", nil, "23.01.2024 22h00", utc(2024, 1, 23, 22, 0), ""},
		{"", nil, "2024-02-30", time.Time{}, "is not a date"},
		{"", nil, "yesterday", time.Time{}, "is not a date"},
		{"", nil, "", time.Time{}, "is empty"},
	} {
		d, err := NewDateReader(tc.format, tc.loc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := d.Time(tc.in)
		if tc.err == "" && (err != nil || !got.Equal(tc.want)) {
			t.Errorf("%q Time(%q) = %v, %v; want %v", tc.format, tc.in, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%q Time(%q) = %v, %v; want an error containing %q", tc.format, tc.in, got, err, tc.err)
		}
	}
	if _, err := NewDateReader("dd/mm", nil); err == nil {
		t.Error("NewDateReader(\"dd/mm\") took a format with no year")
	}
}

func TestMonth(t *testing.T) {
	d, err := NewDateReader("", nil)
	if err != nil {
		t.Fatal(err)
	}
	feb := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"2024-02", "02/2024", "2/2024", "Feb 2024", "February 2024", "2024-02-29", "2024-02-29T23:00:00Z", "2024/02"} {
		if got, err := d.Month(in); err != nil || !got.Equal(feb) {
			t.Errorf("Month(%q) = %v, %v; want %v", in, got, err, feb)
		}
	}
	for _, in := range []string{"2024-13", "13/2024", "Febtember 2024", ""} {
		if got, err := d.Month(in); err == nil {
			t.Errorf("Month(%q) = %v, want an error", in, got)
		}
	}
}

func TestSkipBOM(t *testing.T) {
	for _, in := range []string{"\uFEFFdate,score\n", "date,score\n"} {
		b, err := io.ReadAll(SkipBOM(strings.NewReader(in)))
		if err != nil || string(b) != "date,score\n" {
			t.Errorf("SkipBOM(%q) = %q, %v", in, b, err)
		}
	}
	h := NewHeader([]string{"\uFEFFDate", " Score "})
	if h.Index("date") != 0 || h.Index("SCORE") != 1 || h.Index("segment") != -1 || h.String() != "Date,Score" {
		t.Errorf("header %q: indexes %d %d %d", h, h.Index("date"), h.Index("SCORE"), h.Index("segment"))
	}
}

// TestISODays checks the days of every month of a leap year, a common
// year and the century years 1900 (common) and 2000 (leap): the last day
// reads, the day after is refused.
func TestISODays(t *testing.T) {
	d, err := NewDateReader("", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{2023, 2024, 1900, 2000} {
		for m := time.January; m <= time.December; m++ {
			last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC) // day 0 of the next month
			if got, err := d.Time(last.Format(time.DateOnly)); err != nil || !got.Equal(last) {
				t.Errorf("Time(%s) = %v, %v", last.Format(time.DateOnly), got, err)
			}
			after := fmt.Sprintf("%04d-%02d-%02d", y, int(m), last.Day()+1)
			if got, err := d.Time(after); err == nil {
				t.Errorf("Time(%s) = %v, want an error", after, got)
			}
		}
	}
}

func TestScale(t *testing.T) {
	for in, ok := range map[string]bool{"1-5": true, "0-10": true, "1-7": true, "5-1": false, "1-1": false, "1to5": false, "-5": false, "1-": false} {
		sc, err := Scale(in)
		if ok && (err != nil || sc.String() != in) {
			t.Errorf("Scale(%q) = %v, %v", in, sc, err)
		}
		if !ok && err == nil {
			t.Errorf("Scale(%q) = %v, want an error", in, sc)
		}
	}
}
