package cxmetrics_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

// month returns an instant in the middle of month m of 2024 (13 is
// January 2025), in UTC.
func month(m int) time.Time { return time.Date(2024, time.Month(m), 15, 12, 0, 0, 0, time.UTC) }

// entry returns an MRREntry of customer c in month m of 2024.
func entry(c string, m int, mrr int64, segment string) cxmetrics.MRREntry[string] {
	return cxmetrics.MRREntry[string]{Customer: c, At: month(m), MRR: mrr, Segment: segment}
}

// ledgerOf returns a monthly ledger in UTC of entries, added in the order
// given.
func ledgerOf(t *testing.T, entries []cxmetrics.MRREntry[string], opts ...cxmetrics.LedgerOption) *cxmetrics.MRRLedger[string] {
	t.Helper()
	l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{}, opts...)
	if err := l.AddEntries(slices.Values(entries)); err != nil {
		t.Fatal(err)
	}
	return l
}

// TestMRRLedgerPeriods follows a small billing export, given out of
// order, month by month: each period has its label and start, a month with
// no record between two with records is a month in which everyone
// churned, and the movements are those of the definitions, by hand.
func TestMRRLedgerPeriods(t *testing.T) {
	l := ledgerOf(t, []cxmetrics.MRREntry[string]{
		entry("b", 2, 80, ""),
		entry("a", 1, 100, ""),
		entry("a", 2, 120, ""),
		entry("c", 4, 30, ""), // nobody pays in month 3
		entry("a", 4, 120, ""),
	})
	got, err := l.Periods()
	if err != nil {
		t.Fatal(err)
	}
	bd := func(r cxmetrics.RevenuePeriod) cxmetrics.RevenuePeriod { return r.WithBreakdown() }
	want := []cxmetrics.LedgerPeriod{
		{Label: "2024-01", Revenue: bd(cxmetrics.RevenuePeriod{End: 100, New: 100}), Customers: cxmetrics.Period{End: 1, New: 1}},
		// a expands by 20, b joins with 80.
		{Label: "2024-02", Revenue: bd(cxmetrics.RevenuePeriod{Start: 100, End: 200, New: 80, Expansion: 20}), Customers: cxmetrics.Period{Start: 1, End: 2, New: 1}},
		// No records: both churn.
		{Label: "2024-03", Revenue: bd(cxmetrics.RevenuePeriod{Start: 200, Churned: 200}), Customers: cxmetrics.Period{Start: 2}},
		// a comes back at 120 (reactivation), c is new at 30.
		{Label: "2024-04", Revenue: bd(cxmetrics.RevenuePeriod{End: 150, New: 30, Reactivation: 120}), Customers: cxmetrics.Period{End: 2, New: 2}},
	}
	for i := range want {
		want[i].Period = 2024*12 + i
		want[i].Start = time.Date(2024, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC)
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("Periods() mismatch (-want +got):\n%s", diff)
	}
	if l.Customers() != 3 {
		t.Errorf("Customers() = %d, want 3", l.Customers())
	}
}

// TestMRRLedgerOpeningBalance checks that an export that starts in the
// middle of a company's life opens with its book, not with new business.
func TestMRRLedgerOpeningBalance(t *testing.T) {
	entries := []cxmetrics.MRREntry[string]{
		entry("a", 1, 100, ""), entry("b", 1, 50, ""), // the book: 150
		entry("a", 2, 100, ""), entry("c", 2, 30, ""), // b churns, c is new
	}
	plain, err := ledgerOf(t, entries).Periods()
	if err != nil {
		t.Fatal(err)
	}
	if plain[0].Revenue.New != 150 {
		t.Fatalf("without an opening balance, the first month's new MRR is %d, want 150", plain[0].Revenue.New)
	}
	l := ledgerOf(t, entries, cxmetrics.OpeningBalance())
	got, err := l.Periods()
	if err != nil {
		t.Fatal(err)
	}
	// 150 + 30 − 50 = 130.
	want := cxmetrics.RevenuePeriod{Start: 150, End: 130, New: 30, Churned: 50}
	if len(got) != 1 || got[0].Label != "2024-02" || !got[0].Revenue.Equal(want) {
		t.Fatalf("Periods() = %+v, want only 2024-02 with %v", got, want)
	}
	open, ok, err := l.Opening()
	if err != nil || !ok || open.Label != "2024-01" || open.MRR() != 150 || open.Customers.End != 2 {
		t.Errorf("Opening() = %+v, %v, %v; want 2024-01 with 150 from 2 customers", open, ok, err)
	}
	if _, ok, _ := ledgerOf(t, entries).Opening(); ok {
		t.Error("a ledger without OpeningBalance has an opening")
	}
	cohorts, err := l.Cohorts()
	if err != nil {
		t.Fatal(err)
	}
	if !cohorts[0].Opening || cohorts[1].Opening || cohorts[0].Label != "2024-01" || cohorts[1].Label != "2024-02" {
		t.Errorf("cohorts %+v, want 2024-01 the opening one and 2024-02 not", cohorts)
	}
}

// TestMRRLedgerBoardFigures checks MRR, ARR, ARPA and growth of a period.
func TestMRRLedgerBoardFigures(t *testing.T) {
	l := ledgerOf(t, []cxmetrics.MRREntry[string]{
		entry("a", 1, 100_00, ""), entry("b", 1, 50_00, ""),
		entry("a", 2, 120_00, ""), entry("b", 2, 50_00, ""), entry("c", 2, 10_00, ""),
	})
	ps, err := l.Periods()
	if err != nil {
		t.Fatal(err)
	}
	feb := ps[1]
	if feb.MRR() != 180_00 {
		t.Errorf("MRR = %d, want 18000", feb.MRR())
	}
	if arr, err := feb.ARR(); err != nil || arr != 12*180_00 {
		t.Errorf("ARR = %d, %v; want 12 × 18000", arr, err)
	}
	if arpa, err := feb.ARPA(); err != nil || arpa != 180_00.0/3 {
		t.Errorf("ARPA = %v, %v; want 18000 / 3", arpa, err)
	}
	// 100 × (180 − 150) / 150 = 20.
	if g, err := feb.Growth(); err != nil || math.Abs(g-20) > 1e-12 {
		t.Errorf("Growth = %v, %v; want 20", g, err)
	}
	if _, err := ps[0].Growth(); !errors.Is(err, cxmetrics.ErrUndefined) {
		t.Errorf("Growth of the first month: error %v, want ErrUndefined", err)
	}
	empty := cxmetrics.LedgerPeriod{Label: "2024-03"}
	if _, err := empty.ARPA(); !errors.Is(err, cxmetrics.ErrUndefined) {
		t.Errorf("ARPA of no customers: error %v, want ErrUndefined", err)
	}
	huge := cxmetrics.LedgerPeriod{Revenue: cxmetrics.RevenuePeriod{End: math.MaxInt64/12 + 1}}
	if _, err := huge.ARR(); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("ARR past int64: error %v, want ErrOverflow", err)
	}
}

// TestMRRLedgerRetention checks NRR and GRR over a span on the customers
// paying at its start (the cohort definition), not by compounding the
// months between, against hand arithmetic.
func TestMRRLedgerRetention(t *testing.T) {
	l := ledgerOf(t, []cxmetrics.MRREntry[string]{
		// January: a 100 (pro), b 100 (basic), c 50 (basic).
		entry("a", 1, 100, "pro"), entry("b", 1, 100, "basic"), entry("c", 1, 50, "basic"),
		// In between c leaves and comes back; d joins.
		entry("a", 2, 100, "pro"), entry("b", 2, 100, "basic"), entry("d", 2, 500, "pro"),
		// Twelve months on, in January 2025: a expanded to 150, b
		// moved to pro and contracted to 80, c is back at 50, d at 500.
		entry("a", 13, 150, "pro"), entry("b", 13, 80, "pro"), entry("c", 13, 50, "basic"), entry("d", 13, 500, "pro"),
	})
	r, err := l.TrailingRetention(month(13), 12)
	if err != nil {
		t.Fatal(err)
	}
	// a, b and c paid 250 in January; in January 2025 they pay 150 + 80
	// + 50 = 280; each at most its January MRR: 100 + 80 + 50 = 230.
	// d started within the span and does not count.
	want := cxmetrics.SpanRetention{From: "2024-01", To: "2025-01", Customers: 3, Retained: 3, StartMRR: 250, EndMRR: 280, KeptMRR: 230}
	if diff := gocmp.Diff(want, r); diff != "" {
		t.Errorf("TrailingRetention mismatch (-want +got):\n%s", diff)
	}
	if nrr, err := r.NRR(); err != nil || math.Abs(nrr-100*280.0/250) > 1e-12 {
		t.Errorf("NRR = %v, %v; want 112", nrr, err)
	}
	if grr, err := r.GRR(); err != nil || math.Abs(grr-100*230.0/250) > 1e-12 {
		t.Errorf("GRR = %v, %v; want 92", grr, err)
	}
	if logo, err := r.LogoRetention(); err != nil || logo != 100 {
		t.Errorf("LogoRetention = %v, %v; want 100", logo, err)
	}
	if same, err := l.Retention(month(1), month(13)); err != nil || same != r {
		t.Errorf("Retention(January, January 2025) = %+v, %v; want %+v", same, err, r)
	}
	// The basic segment's customers in January were b and c, 150 then;
	// b moved to pro but still counts: 80 + 50 = 130, kept 80 + 50.
	basic, err := l.SegmentRetention("basic", month(1), month(13))
	if err != nil {
		t.Fatal(err)
	}
	wantBasic := cxmetrics.SpanRetention{From: "2024-01", To: "2025-01", Customers: 2, Retained: 2, StartMRR: 150, EndMRR: 130, KeptMRR: 130}
	if diff := gocmp.Diff(wantBasic, basic); diff != "" {
		t.Errorf("SegmentRetention(basic) mismatch (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     error
	}{
		{"before the first month", month(0), month(5), cxmetrics.ErrOutOfRange},
		{"after the last month", month(5), month(14), cxmetrics.ErrOutOfRange},
		{"backwards", month(5), month(2), cxmetrics.ErrInvalidArgument},
	} {
		if _, err := l.Retention(tc.from, tc.to); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := l.TrailingRetention(month(13), 0); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("TrailingRetention over 0 periods: error %v, want ErrInvalidArgument", err)
	}
	// A span that starts in a month of no revenue has no NRR.
	if _, err := (cxmetrics.SpanRetention{From: "2024-03"}).NRR(); !errors.Is(err, cxmetrics.ErrUndefined) {
		t.Errorf("NRR of no starting MRR: error %v, want ErrUndefined", err)
	}
}

// TestMRRLedgerSegments checks each segment's bridge, by hand: a
// customer who changes plan is a transfer out of the old plan and into
// the new one, at their MRR of the month before, and the change from it is
// an expansion or contraction of the new plan.
func TestMRRLedgerSegments(t *testing.T) {
	l := ledgerOf(t, []cxmetrics.MRREntry[string]{
		entry("a", 1, 50, "basic"), entry("b", 1, 100, "pro"),
		entry("a", 2, 70, "pro"), entry("b", 2, 100, "pro"), // a upgrades: 50 out of basic, into pro, +20
		entry("c", 2, 10, "basic"),
	})
	segs, err := l.Segments()
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 2 || segs[0].Segment != "basic" || segs[1].Segment != "pro" {
		t.Fatalf("segments %+v, want basic and pro", segs)
	}
	bd := func(r cxmetrics.RevenuePeriod) cxmetrics.RevenuePeriod { return r.WithBreakdown() }
	febBasic := segs[0].Periods[1].SegmentTally
	wantBasic := cxmetrics.SegmentTally{Segment: "basic",
		Revenue:   bd(cxmetrics.RevenuePeriod{Start: 50, End: 10, New: 10}),
		Customers: cxmetrics.Period{Start: 1, End: 1, New: 1}, TransferOut: 50, CustomersOut: 1}
	febPro := segs[1].Periods[1].SegmentTally
	wantPro := cxmetrics.SegmentTally{Segment: "pro",
		Revenue:   bd(cxmetrics.RevenuePeriod{Start: 100, End: 170, Expansion: 20}),
		Customers: cxmetrics.Period{Start: 1, End: 2}, TransferIn: 50, CustomersIn: 1}
	if diff := gocmp.Diff([]cxmetrics.SegmentTally{wantBasic, wantPro}, []cxmetrics.SegmentTally{febBasic, febPro}); diff != "" {
		t.Errorf("February's tallies mismatch (-want +got):\n%s", diff)
	}
	for _, st := range []cxmetrics.SegmentTally{febBasic, febPro} {
		if !st.Balanced() {
			t.Errorf("%s does not balance: %+v", st.Segment, st)
		}
	}
	if segs[0].Periods[1].Label != "2024-02" {
		t.Errorf("label %q, want 2024-02", segs[0].Periods[1].Label)
	}
}

// TestMRRLedgerErrors checks that a bad entry is refused with a message
// that names the customer and the month by its label, and changes nothing.
func TestMRRLedgerErrors(t *testing.T) {
	l := ledgerOf(t, []cxmetrics.MRREntry[string]{entry("a", 6, 100, "")})
	before, err := l.Periods()
	if err != nil {
		t.Fatal(err)
	}
	// MaxPeriods months after June 2024 (2^17 = 10,922 years and 8 months
	// on), one more than a ledger spans.
	far := cxmetrics.MRREntry[string]{Customer: "z", At: time.Date(2024+cxmetrics.MaxPeriods/12, 6+cxmetrics.MaxPeriods%12, 1, 0, 0, 0, 0, time.UTC), MRR: 1}
	tests := []struct {
		name string
		e    cxmetrics.MRREntry[string]
		want error
		says string
	}{
		{"negative MRR", entry("b", 3, -5, "pro"), cxmetrics.ErrNegative, "customer b in 2024-03"},
		{"a span past MaxPeriods", far, cxmetrics.ErrOutOfRange, "MaxPeriods"},
		{"a customer's MRR past int64", entry("a", 2, math.MaxInt64, "x"), cxmetrics.ErrOverflow, "customer a in 2024-02"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := l.AddEntry(tc.e)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("AddEntry(%+v) = %v, want %v saying %q", tc.e, err, tc.want, tc.says)
			}
			after, err := l.Periods()
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(before, after); diff != "" || l.Customers() != 1 {
				t.Errorf("a refused entry changed the ledger (-before +after):\n%s", diff)
			}
			if segs, err := l.Segments(); err != nil || len(segs) != 1 || segs[0].Segment != "" {
				t.Errorf("a refused entry added a segment: %+v, %v", segs, err)
			}
		})
	}
	if err := l.AddLabel("c", "2024-13", 10); !errors.Is(err, cxmetrics.ErrInvalidArgument) || !strings.Contains(err.Error(), `customer c: cxmetrics: invalid argument: "2024-13"`) {
		t.Errorf("AddLabel of month 13: error %v, want ErrInvalidArgument naming the customer and label", err)
	}
	if l.Customers() != 1 {
		t.Errorf("a refused label added a customer")
	}
	odd := cxmetrics.NewMRRLedger[any](cxmetrics.Calendar{})
	if err := odd.Add([]int{1}, month(1), 10); !errors.Is(err, cxmetrics.ErrInvalidArgument) {
		t.Errorf("a slice key: error %v, want ErrInvalidArgument", err)
	}
	var re *cxmetrics.RecordError
	err = l.AddEntries(slices.Values([]cxmetrics.MRREntry[string]{entry("c", 7, 1, ""), entry("d", 7, -1, "")}))
	if !errors.As(err, &re) || re.Index != 1 || !errors.Is(err, cxmetrics.ErrNegative) {
		t.Errorf("AddEntries: error %v, want a RecordError at index 1 wrapping ErrNegative", err)
	}
}

// TestMRRLedgerMatchesHistory checks that a ledger's periods are those of
// an MRRHistory fed the same records by period number, whatever order the
// entries come in, and that a ledger of a daily calendar spans its days.
func TestMRRLedgerMatchesHistory(t *testing.T) {
	var entries []cxmetrics.MRREntry[string]
	var records []cxmetrics.MRRRecord[string]
	for i := range 200 {
		c, m, mrr := string(rune('a'+i%7)), 1+(i*7)%11, int64(10+(i*13)%90)
		entries = append(entries, entry(c, m, mrr, ""))
		records = append(records, cxmetrics.MRRRecord[string]{Customer: c, Period: m - 1, MRR: mrr})
	}
	slices.Reverse(entries)
	got, err := ledgerOf(t, entries).Periods()
	if err != nil {
		t.Fatal(err)
	}
	h, err := cxmetrics.NewMRRHistory[string](12, cxmetrics.AnyOrder)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.AddRecords(slices.Values(records)); err != nil {
		t.Fatal(err)
	}
	rev, cus, err := h.Movements()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rev) {
		t.Fatalf("%d periods, want %d", len(got), len(rev))
	}
	for i, p := range got {
		if !p.Revenue.Equal(rev[i]) || p.Customers != cus[i] {
			t.Errorf("%s: %v %v, want %v %v", p.Label, p.Revenue, p.Customers, rev[i], cus[i])
		}
	}

	daily := cxmetrics.NewMRRLedger[string](mustCalendar(t, cxmetrics.Daily, nil))
	for _, d := range []int{1, 3} {
		if err := daily.Add("a", time.Date(2024, 2, 28+d, 9, 0, 0, 0, time.UTC), 5); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := daily.Periods()
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, p := range ps {
		labels = append(labels, p.Label)
	}
	// 2024 is a leap year: February 29th, March 1st, March 2nd.
	if want := []string{"2024-02-29", "2024-03-01", "2024-03-02"}; !slices.Equal(labels, want) {
		t.Errorf("daily labels %v, want %v", labels, want)
	}
}

// TestMRRLedgerAddLabel checks that a record given by its period's label
// lands in that period, for each unit: the period the ledger reports
// carries the very label given.
func TestMRRLedgerAddLabel(t *testing.T) {
	sunday, err := cxmetrics.NewCalendar(cxmetrics.Weekly, time.UTC, cxmetrics.WeekStart(time.Sunday))
	if err != nil {
		t.Fatal(err)
	}
	fiscal, err := cxmetrics.NewCalendar(cxmetrics.Yearly, time.UTC, cxmetrics.FiscalYearStart(time.July))
	if err != nil {
		t.Fatal(err)
	}
	iso, err := cxmetrics.NewCalendar(cxmetrics.Weekly, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	daily, err := cxmetrics.NewCalendar(cxmetrics.Daily, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cal    cxmetrics.Calendar
		labels []string
	}{
		{cxmetrics.Calendar{}, []string{"2024-02", "2024-03"}},
		{daily, []string{"2024-02-28", "2024-02-29"}},
		{iso, []string{"2020-W53", "2021-W01"}}, // 2020 has 53 ISO weeks
		{sunday, []string{"2024-03-03", "2024-03-10"}},
		{fiscal, []string{"FY2024", "FY2025"}},
	} {
		t.Run(tc.cal.String(), func(t *testing.T) {
			l := cxmetrics.NewMRRLedger[string](tc.cal)
			for i, label := range tc.labels {
				if err := l.AddLabel("a", label, int64(100*(i+1))); err != nil {
					t.Fatal(err)
				}
			}
			periods, err := l.Periods()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range periods {
				got = append(got, p.Label)
			}
			if !slices.Equal(got, tc.labels) {
				t.Errorf("periods %v, want %v", got, tc.labels)
			}
			if n := len(periods); n == 2 && periods[1].Revenue.Expansion != 100 {
				t.Errorf("second period %+v, want an expansion of 100", periods[1].Revenue)
			}
		})
	}
}

// TestMRRLedgerPeriodOverflow checks that a period whose total MRR passes
// int64, which no single record shows, is an error from every figure that
// needs it, naming the ledger's first period, and never a wrapped sum.
func TestMRRLedgerPeriodOverflow(t *testing.T) {
	half := int64(math.MaxInt64/2 + 1) // two of them pass math.MaxInt64
	for _, segment := range []string{"", "pro"} {
		l := ledgerOf(t, []cxmetrics.MRREntry[string]{
			entry("a", 3, half, segment), entry("b", 3, half, segment),
		}, cxmetrics.OpeningBalance())
		check := func(what string, err error) {
			t.Helper()
			if !errors.Is(err, cxmetrics.ErrOverflow) || !strings.Contains(err.Error(), "ledger from 2024-03") {
				t.Errorf("segment %q: %s: error %v, want ErrOverflow naming 2024-03", segment, what, err)
			}
		}
		_, err := l.Periods()
		check("Periods", err)
		_, _, err = l.Opening()
		check("Opening", err)
		_, err = l.Segments()
		check("Segments", err)
		_, err = l.Cohorts()
		check("Cohorts", err)
	}
}

// TestSpanRetentionChecks checks the figures of a SpanRetention built by
// hand with impossible sums: each is refused, with the sums named.
func TestSpanRetentionChecks(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    cxmetrics.SpanRetention
		want error
	}{
		{"negative start", cxmetrics.SpanRetention{StartMRR: -1}, cxmetrics.ErrNegative},
		{"negative kept", cxmetrics.SpanRetention{StartMRR: 10, EndMRR: 10, KeptMRR: -1}, cxmetrics.ErrNegative},
		{"kept above start", cxmetrics.SpanRetention{StartMRR: 10, EndMRR: 30, KeptMRR: 20}, cxmetrics.ErrInconsistent},
		{"kept above end", cxmetrics.SpanRetention{StartMRR: 30, EndMRR: 10, KeptMRR: 20}, cxmetrics.ErrInconsistent},
		{"no MRR at the start", cxmetrics.SpanRetention{From: "2024-03"}, cxmetrics.ErrUndefined},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if v, err := tc.s.NRR(); !errors.Is(err, tc.want) {
				t.Errorf("NRR() = %v, %v; want %v", v, err, tc.want)
			}
			if v, err := tc.s.GRR(); !errors.Is(err, tc.want) {
				t.Errorf("GRR() = %v, %v; want %v", v, err, tc.want)
			}
		})
	}
}

// TestMRRLedgerSegmentEdges covers a downgrade that moves a customer
// between segments, records that name a segment after others in the same
// month that name none, a segment never seen, and an empty ledger.
func TestMRRLedgerSegmentEdges(t *testing.T) {
	l := ledgerOf(t, []cxmetrics.MRREntry[string]{
		entry("a", 1, 199, "pro"), entry("b", 1, 30, ""), entry("c", 1, 40, "basic"),
		entry("a", 2, 49, "basic"), entry("b", 2, 30, ""), entry("c", 2, 40, "basic"), // a downgrades: 199 out of pro, into basic, −150
	})
	segs, err := l.Segments()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range segs {
		names = append(names, s.Segment)
	}
	if want := []string{"", "basic", "pro"}; !slices.Equal(names, want) {
		t.Fatalf("segments %q, want %q", names, want)
	}
	bd := func(r cxmetrics.RevenuePeriod) cxmetrics.RevenuePeriod { return r.WithBreakdown() }
	want := []cxmetrics.SegmentTally{
		{Segment: "", Revenue: bd(cxmetrics.RevenuePeriod{Start: 30, End: 30}), Customers: cxmetrics.Period{Start: 1, End: 1}},
		// basic: 40 + 199 in − 150 = 89.
		{Segment: "basic", Revenue: bd(cxmetrics.RevenuePeriod{Start: 40, End: 89, Contraction: 150}),
			Customers: cxmetrics.Period{Start: 1, End: 2}, TransferIn: 199, CustomersIn: 1},
		{Segment: "pro", Revenue: bd(cxmetrics.RevenuePeriod{Start: 199}), Customers: cxmetrics.Period{Start: 1},
			TransferOut: 199, CustomersOut: 1},
	}
	var got []cxmetrics.SegmentTally
	for _, s := range segs {
		got = append(got, s.Periods[1].SegmentTally)
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("February's tallies mismatch (-want +got):\n%s", diff)
	}
	for _, st := range got {
		if !st.Balanced() {
			t.Errorf("segment %q does not balance: %+v", st.Segment, st)
		}
	}

	never, err := l.SegmentRetention("enterprise", month(1), month(2))
	if err != nil || never.Customers != 0 || never.StartMRR != 0 {
		t.Errorf("a segment never seen: %+v, %v; want no customers", never, err)
	}
	if _, err := never.NRR(); !errors.Is(err, cxmetrics.ErrUndefined) {
		t.Errorf("NRR of a segment never seen: error %v, want ErrUndefined", err)
	}

	empty := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
	if segs, err := empty.Segments(); segs != nil || err != nil {
		t.Errorf("Segments of an empty ledger = %v, %v; want none", segs, err)
	}
	if err := empty.AddEntries(nil); err != nil || empty.Customers() != 0 {
		t.Errorf("AddEntries(nil) = %v, want nothing added", err)
	}
}

// TestMRRLedgerSpanOverflow checks that a span whose starting customers'
// MRR sums past int64 is ErrOverflow naming the span, never a wrapped sum.
func TestMRRLedgerSpanOverflow(t *testing.T) {
	half := int64(math.MaxInt64/2 + 1) // two of them pass math.MaxInt64
	l := ledgerOf(t, []cxmetrics.MRREntry[string]{
		entry("a", 1, half, ""), entry("b", 1, half, ""), entry("a", 2, 1, ""),
	})
	r, err := l.Retention(month(1), month(2))
	if !errors.Is(err, cxmetrics.ErrOverflow) || !strings.Contains(err.Error(), "2024-01 to 2024-02") {
		t.Errorf("Retention = %+v, %v; want ErrOverflow naming 2024-01 to 2024-02", r, err)
	}
}
