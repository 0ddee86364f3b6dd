package main

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestMRRRow(t *testing.T) {
	tab := tableOf(t, "plan,MRR,Customer,Month")
	// at is the row of an instant, as the reader in UTC holds it.
	at := func(customer string, cents int64, s string) mrrRow {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return mrrRow{Customer: customer, At: tm.Unix(), Period: tm.Year()*12 + int(tm.Month()) - 1, MRR: cents}
	}
	tests := []struct {
		name    string
		args    []string
		line    string
		want    mrrRow
		wantOK  bool
		wantErr string
	}{
		{name: "header", line: "plan,MRR,Customer,Month"},
		{name: "month, dollars", line: "pro,$1049.00,cus_1,2026-01", wantOK: true, want: at("cus_1", 104900, "2026-01-01T00:00:00Z")},
		{name: "month name, thousands", line: `pro,"USD 1,049",cus_1,Mar 2026`, wantOK: true, want: at("cus_1", 104900, "2026-03-01T00:00:00Z")},
		{name: "MM/YYYY, half a cent up", line: "pro,49.995,cus_1,03/2026", wantOK: true, want: at("cus_1", 5000, "2026-03-01T00:00:00Z")},
		{name: "a date keeps its day", line: "pro,49,  cus_1 ,2026-03-15", wantOK: true, want: at("cus_1", 4900, "2026-03-15T00:00:00Z")},
		{name: "a time with a zone", line: "pro,49,cus_1,2026-03-31T22:00:00-05:00", wantOK: true, want: at("cus_1", 4900, "2026-04-01T03:00:00Z")},
		{name: "a month in -tz", args: []string{"-tz", "Asia/Tokyo"}, line: "pro,49,cus_1,2026-04", wantOK: true,
			want: mrrRow{Customer: "cus_1", At: time.Date(2026, 3, 31, 15, 0, 0, 0, time.UTC).Unix(), Period: 2026*12 + 3, MRR: 4900}},
		{name: "us dates", args: []string{"-date-format", "us"}, line: "pro,49,cus_1,04/02/2026", wantOK: true, want: at("cus_1", 4900, "2026-04-02T00:00:00Z")},
		{name: "empty customer", line: "pro,49, ,2026-01", wantErr: "customer is empty"},
		{name: "negative", line: "pro,-49.00,cus_1,2026-01", wantErr: `mrr "-49.00" is negative`},
		{name: "decimal comma", line: `pro,"49,99",cus_1,2026-01`, wantErr: `mrr "49,99" has a comma that does not separate thousands`},
		{name: "empty mrr", line: "pro,,cus_1,2026-01", wantErr: `mrr "" is empty`},
		{name: "not a month", line: "pro,49,cus_1,2026-13", wantErr: `month "2026-13" is not a month such as 2024-03, 03/2024 or Mar 2024, nor a date`},
		{name: "ambiguous date", line: "pro,49,cus_1,04/02/2026", wantErr: `month "04/02/2026" could be month/day or day/month: set -date-format`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := optionsOf(t, tt.args...)
			l, err := newMRRLayout(tab, o.mrr, o.dateFormat, o.tz)
			if err != nil {
				t.Fatal(err)
			}
			r, err := newMRRReader(l)
			if err != nil {
				t.Fatal(err)
			}
			checkRow(t, r.row, tt.line, tt.want, tt.wantOK, tt.wantErr) // twice: the second from the cache of months
		})
	}
}

func TestMRRLayout(t *testing.T) {
	o := optionsOf(t, "-month-col", "Period").mrr
	l, err := newMRRLayout(tableOf(t, "PERIOD,customer,x,mrr"), o, "", "UTC")
	if err != nil || l.Month != 0 || l.Customer != 1 || l.MRR != 3 {
		t.Errorf("layout %+v, %v; want month 0, customer 1, mrr 3", l, err)
	}
	_, err = newMRRLayout(tableOf(t, "customer,month,amount"), o, "", "UTC")
	if err == nil || !strings.Contains(err.Error(), `no column "Period" in the header`) {
		t.Errorf("no month column: error %v", err)
	}
}

// TestRowEncoding checks that rows read back as appendRow wrote them, and
// that rows cut short are an error, not a panic.
func TestRowEncoding(t *testing.T) {
	rows := []mrrRow{
		{Customer: "cus_1", At: 1767225600, Period: 2026 * 12, MRR: 4900},
		{Customer: "Acme, Inc. ✓", At: -1, Period: -5, MRR: 1<<63 - 1},
		{},
	}
	var b []byte
	for _, row := range rows {
		b = appendRow(b, row)
	}
	var got []mrrRow
	for rest := b; len(rest) > 0; {
		row, next, err := nextRow(rest)
		if err != nil {
			t.Fatal(err)
		}
		got, rest = append(got, row), next
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Errorf("mismatch (-wrote +read):\n%s", diff)
	}
	for n := range len(b) {
		rest := b[:n]
		for len(rest) > 0 {
			var err error
			if _, rest, err = nextRow(rest); err != nil {
				break
			}
		}
	}
}
