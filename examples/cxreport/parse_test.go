package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	type ym struct {
		Year, Month int
		OK          bool
	}
	tests := []struct {
		in   string
		want ym
	}{
		{"2026-01-31", ym{2026, 1, true}},
		{"2026-01-31T09:15:00Z", ym{2026, 1, true}},
		{"2026-01-31 09:15", ym{2026, 1, true}},
		{"2024-02-29", ym{2024, 2, true}}, // leap year
		{"2026-02-29", ym{}},              // not one
		{"2000-02-29", ym{2000, 2, true}}, // divisible by 400
		{"1900-02-29", ym{}},              // by 100 only
		{"2026-04-31", ym{}},              // April has 30 days
		{"2026-13-01", ym{}},              // no month 13
		{"2026-00-10", ym{}},              // nor 0
		{"2026-1-10", ym{}},               // two digits each
		{"2026-01-31x", ym{}},             // a timestamp needs T or a space
		{"31/01/2026", ym{}},              // not ISO
		{"", ym{}},                        //
		{"２０２６-01-31", ym{}},              // ASCII digits only
		{"2026-01-3\u0661", ym{}},         // Arabic-Indic one
	}
	for _, tt := range tests {
		y, m, ok := parseDate(tt.in)
		if !ok {
			y, m = 0, 0
		}
		if diff := cmp.Diff(tt.want, ym{y, m, ok}); diff != "" {
			t.Errorf("parseDate(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"49", 4900, false},
		{"49.5", 4950, false},
		{"1299.50", 129950, false},
		{"0", 0, false},
		{" 12.34 ", 1234, false},
		{"0.07", 7, false},
		{"92233720368547758.07", 9223372036854775807, false}, // the largest int64 of cents
		{"92233720368547758.08", 0, true},                    // one past
		{"49.999", 0, true},                                  // a third decimal would be rounded away
		{"-5", 0, true},
		{"1,299.50", 0, true},
		{"$49", 0, true},
		{".5", 0, true},
		{"", 0, true},
		{"1e3", 0, true},
	}
	for _, tt := range tests {
		got, err := parseAmount(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("parseAmount(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
