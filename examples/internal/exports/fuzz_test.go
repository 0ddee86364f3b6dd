package exports

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzCents checks that any cell either is refused or reads as cents that
// are not negative, and that a plain amount of digits and two decimals
// reads exactly as written.
func FuzzCents(f *testing.F) {
	for _, s := range []string{"49.00", "$1,049.995", "USD 1", "(1.00)", "1,2,3", "€", "0.005", "92233720368547758.07"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Cents(s)
		if err != nil {
			return
		}
		if c < 0 {
			t.Fatalf("Cents(%q) = %d", s, c)
		}
		if whole, frac, ok := strings.Cut(s, "."); ok && len(frac) == 2 && whole != "" &&
			strings.Trim(whole+frac, "0123456789") == "" && len(whole) < 17 {
			w, _ := strconv.ParseInt(whole, 10, 64)
			d, _ := strconv.ParseInt(frac, 10, 64)
			if c != 100*w+d {
				t.Fatalf("Cents(%q) = %d, want %d", s, c, 100*w+d)
			}
		}
	})
}

// FuzzScore checks that a score read is a whole number that the cell
// starts with.
func FuzzScore(f *testing.F) {
	for _, s := range []string{"9", "10 - Extremely likely", "9.0", "", "-1", "7: Agree", "4 (", "99999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Score(s)
		if err != nil {
			return
		}
		if n < 0 || n > maxScore || !strings.HasPrefix(strings.TrimSpace(s), strconv.Itoa(n)) &&
			!strings.HasPrefix(strings.TrimLeft(strings.TrimSpace(s), "0"), strconv.Itoa(n)) {
			t.Fatalf("Score(%q) = %d", s, n)
		}
	})
}

// FuzzDates checks that no cell makes a reader panic, in any format, and
// that a month read is the first instant of a month.
func FuzzDates(f *testing.F) {
	for _, s := range []string{"2024-01-23", "1706047200", "01/23/2024", "Jan 23, 2024", "2024-13", "Feb 2024", "23.01.2024 22:00"} {
		f.Add(s)
	}
	readers := []*DateReader{}
	for _, format := range []string{"", "us", "eu", "02.01.2006"} {
		d, err := NewDateReader(format, time.UTC)
		if err != nil {
			f.Fatal(err)
		}
		readers = append(readers, d)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range readers {
			_, _ = d.Time(s)
			m, err := d.Month(s)
			if err == nil && (m.Day() != 1 || m.Hour() != 0 || m.Minute() != 0 || m.Second() != 0 || m.Nanosecond() != 0) {
				t.Fatalf("Month(%q) = %v, not the start of a month", s, m)
			}
		}
	})
}
