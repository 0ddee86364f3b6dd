package cxmetrics_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// day returns noon UTC of a day of 2024.
func day(m time.Month, d int) time.Time { return time.Date(2024, m, d, 12, 0, 0, 0, time.UTC) }

// snapshots returns daily snapshots of one customer: mrr on every day
// from the first to the last of month m.
func snapshots(c string, m time.Month, from, to int, mrr int64) []cxmetrics.MRREntry[string] {
	var out []cxmetrics.MRREntry[string]
	for d := from; d <= to; d++ {
		out = append(out, cxmetrics.MRREntry[string]{Customer: c, At: day(m, d), MRR: mrr})
	}
	return out
}

// revenue returns the Revenue of each period of l.
func revenue(t *testing.T, l *cxmetrics.MRRLedger[string]) []cxmetrics.RevenuePeriod {
	t.Helper()
	periods, err := l.Periods()
	if err != nil {
		t.Fatal(err)
	}
	var out []cxmetrics.RevenuePeriod
	for _, p := range periods {
		out = append(out, p.Revenue)
	}
	return out
}

// TestLastDay follows daily snapshots through a ledger told LastDay: each
// month's MRR is the customer's on the last day they have a record in it,
// whatever the order of the records.
func TestLastDay(t *testing.T) {
	var entries []cxmetrics.MRREntry[string]
	entries = append(entries, snapshots("a", time.March, 1, 31, 49_00)...)  // March: 49 every day
	entries = append(entries, snapshots("a", time.April, 1, 14, 49_00)...)  // April: 49, then
	entries = append(entries, snapshots("a", time.April, 15, 30, 99_00)...) // 99 from the 15th
	entries = append(entries, snapshots("b", time.March, 1, 20, 20_00)...)  // b stops on March 20th
	// On April 30th a has a second subscription of 10.
	entries = append(entries, cxmetrics.MRREntry[string]{Customer: "a", At: day(time.April, 30), MRR: 10_00})
	bd := func(r cxmetrics.RevenuePeriod) cxmetrics.RevenuePeriod { return r.WithBreakdown() }
	// March: a 49 and b 20 on their last days, both new. April: a ends at
	// 99 + 10 = 109 (expansion 60), b has no record (churned 20).
	want := []cxmetrics.RevenuePeriod{
		bd(cxmetrics.RevenuePeriod{Start: 0, New: 69_00, End: 69_00}),
		bd(cxmetrics.RevenuePeriod{Start: 69_00, Expansion: 60_00, Churned: 20_00, End: 109_00}),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 4 {
		l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, cxmetrics.CombineRecords(cxmetrics.LastDay))
		if err := l.AddEntries(slices.Values(entries)); err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, revenue(t, l)); diff != "" {
			t.Errorf("round %d: movements (-want +got):\n%s", round, diff)
		}
		rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
	}
	// Summed, the same records read as 31 × 49 in March: the mistake
	// LastDay is there to avoid.
	sum := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
	if err := sum.AddEntries(slices.Values(entries)); err != nil {
		t.Fatal(err)
	}
	if got := revenue(t, sum)[0].End; got != 31*49_00+20*20_00 {
		t.Errorf("summed March = %d, want 31 × 4900 + 20 × 2000", got)
	}
}

// TestLastDayInTheCalendarsZone checks that a record's day is its day in
// the calendar's time zone: 23:30 on March 31st in New York is April 1st
// in UTC, and still the last day of March.
func TestLastDayInTheCalendarsZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	cal, err := cxmetrics.NewCalendar(cxmetrics.Monthly, ny)
	if err != nil {
		t.Fatal(err)
	}
	l := cxmetrics.NewMRRLedger[string](cal, cxmetrics.CombineRecords(cxmetrics.LastDay))
	for _, e := range []cxmetrics.MRREntry[string]{
		{Customer: "a", At: time.Date(2024, 3, 30, 12, 0, 0, 0, ny), MRR: 10},
		{Customer: "a", At: time.Date(2024, 3, 31, 23, 30, 0, 0, ny), MRR: 30},
	} {
		if err := l.AddEntry(e); err != nil {
			t.Fatal(err)
		}
	}
	periods, err := l.Periods()
	if err != nil {
		t.Fatal(err)
	}
	if len(periods) != 1 || periods[0].Label != "2024-03" || periods[0].MRR() != 30 {
		t.Errorf("periods %+v, want March alone with the MRR of the 31st, 30", periods)
	}
}

// TestSameDay checks that records of one day add up and records on two
// days of a period are ErrAmbiguous from every figure, naming the customer,
// the period and both days, and that the ledger stays usable.
func TestSameDay(t *testing.T) {
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, cxmetrics.CombineRecords(cxmetrics.SameDay))
	for _, e := range []cxmetrics.MRREntry[string]{
		{Customer: "a", At: day(time.March, 5), MRR: 49_00},
		{Customer: "a", At: day(time.March, 5), MRR: 10_00}, // a second subscription, same day
		{Customer: "b", At: day(time.March, 9), MRR: 20_00},
	} {
		if err := l.AddEntry(e); err != nil {
			t.Fatal(err)
		}
	}
	if got := revenue(t, l); len(got) != 1 || got[0].End != 79_00 {
		t.Fatalf("March %+v, want an MRR of 49 + 10 + 20", got)
	}
	if err := l.AddEntry(cxmetrics.MRREntry[string]{Customer: "b", At: day(time.March, 10), MRR: 20_00}); err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error) {
		t.Helper()
		const says = "customer b has records on 2024-03-09 and 2024-03-10, both in 2024-03"
		if !errors.Is(err, cxmetrics.ErrAmbiguous) || !strings.Contains(err.Error(), says) {
			t.Errorf("%s: error %v, want ErrAmbiguous saying %q", what, err, says)
		}
	}
	_, err := l.Periods()
	check("Periods", err)
	_, err = l.Cohorts()
	check("Cohorts", err)
	_, err = l.Retention(day(time.March, 1), day(time.March, 1))
	check("Retention", err)
	if err := l.Exclude("b"); err != nil {
		t.Fatal(err)
	}
	if got := revenue(t, l); len(got) != 1 || got[0].End != 59_00 {
		t.Errorf("without b, March %+v, want an MRR of 59", got)
	}
}

// TestExclude checks that an excluded customer is in no figure, whether
// excluded before, between or after their records, and that the ledger
// then gives what it gives without their records at all.
func TestExclude(t *testing.T) {
	others := []cxmetrics.MRREntry[string]{entry("a", 1, 100, "pro"), entry("a", 2, 150, "pro"), entry("a", 3, 150, "pro"), entry("c", 2, 40, "basic")}
	// b pays in January and March; its February row was bad and skipped.
	bs := []cxmetrics.MRREntry[string]{entry("b", 1, 50, "basic"), entry("b", 3, 50, "basic")}
	want := ledgerOf(t, others)
	wantPeriods, err := want.Periods()
	if err != nil {
		t.Fatal(err)
	}
	wantSegments, err := want.Segments()
	if err != nil {
		t.Fatal(err)
	}
	wantCohorts, err := want.Cohorts()
	if err != nil {
		t.Fatal(err)
	}
	wantTTM, err := want.Retention(month(1), month(3))
	if err != nil {
		t.Fatal(err)
	}
	for at := 0; at <= len(bs); at++ {
		l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
		for i, e := range append(slices.Clone(bs[:at]), others...) {
			if err := l.AddEntry(e); err != nil {
				t.Fatal(i, err)
			}
		}
		if err := l.Exclude("b"); err != nil {
			t.Fatal(err)
		}
		for _, e := range bs[at:] {
			if err := l.AddEntry(e); err != nil {
				t.Fatal(err)
			}
		}
		if l.Customers() != 2 {
			t.Errorf("excluded after %d of b's records: %d customers, want 2", at, l.Customers())
		}
		periods, err := l.Periods()
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(wantPeriods, periods); diff != "" {
			t.Errorf("excluded after %d of b's records: periods (-want +got):\n%s", at, diff)
		}
		segments, err := l.Segments()
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(wantSegments, segments); diff != "" {
			t.Errorf("excluded after %d of b's records: segments (-want +got):\n%s", at, diff)
		}
		cohorts, err := l.Cohorts()
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(wantCohorts, cohorts); diff != "" {
			t.Errorf("excluded after %d of b's records: cohorts (-want +got):\n%s", at, diff)
		}
		ttm, err := l.Retention(month(1), month(3))
		if err != nil {
			t.Fatal(err)
		}
		if ttm != wantTTM {
			t.Errorf("excluded after %d of b's records: retention %+v, want %+v", at, ttm, wantTTM)
		}
	}
	odd := cxmetrics.NewMRRLedger[any](cxmetrics.Calendar{})
	if err := odd.Exclude([]int{1}); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("Exclude of a slice key: error %v, want ErrInvalidArgument", err)
	}
	if err := odd.Exclude("twice"); err != nil {
		t.Fatal(err)
	}
	if err := odd.Exclude("twice"); err != nil || odd.Customers() != 0 {
		t.Errorf("Exclude twice: %v, %d customers; want no error and none", err, odd.Customers())
	}
}

func TestCombineString(t *testing.T) {
	for c, want := range map[cxmetrics.Combine]string{
		cxmetrics.SumRecords: "sum", cxmetrics.LastDay: "last day", cxmetrics.SameDay: "same day", 7: "Combine(7)",
	} {
		if got := c.String(); got != want {
			t.Errorf("Combine(%d).String() = %q, want %q", c, got, want)
		}
	}
}
