package cxmetrics_test

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// cdnowPurchase is one line of the CDNOW sample: a customer's purchases
// of one day.
type cdnowPurchase struct {
	id    int
	at    time.Time
	cents int64
}

// readCDNOW returns the purchases of testdata/btyd/CDNOW_sample.txt, the
// raw CDNOW sample (testdata/btyd/README.md), in the order of the file.
func readCDNOW(t testing.TB) []cdnowPurchase {
	t.Helper()
	f, err := os.Open("testdata/btyd/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []cdnowPurchase
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		// master id, sample id, yyyymmdd, CDs, dollars
		fields := strings.Fields(sc.Text())
		if len(fields) != 5 {
			t.Fatalf("CDNOW_sample.txt:%d: %d fields", line, len(fields))
		}
		id, err1 := strconv.Atoi(fields[1])
		at, err2 := time.Parse("20060102", fields[2])
		cents, err3 := parseCents(fields[4])
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatalf("CDNOW_sample.txt:%d: %v", line, err)
		}
		out = append(out, cdnowPurchase{id, at, cents})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// parseCents reads dollars written with two decimals, "29.33", as cents,
// exactly.
func parseCents(s string) (int64, error) {
	whole, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) != 2 {
		return 0, fmt.Errorf("dollars %q not written with two decimals", s)
	}
	return strconv.ParseInt(whole+frac, 10, 64)
}

// cdnowConfig is the time of Fader, Hardie & Lee (2005): purchases grouped
// by day, times in weeks, calibration to 1997-09-30 and holdout to
// 1998-06-30.
func cdnowConfig(t testing.TB) cxmetrics.TransactionsConfig {
	t.Helper()
	daily, err := cxmetrics.NewCalendar(cxmetrics.Daily, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return cxmetrics.TransactionsConfig{
		Calendar:       daily,
		PeriodsPerUnit: 7,
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
	}
}

// TestTransactionsCDNOW builds the RFMs of the CDNOW sample from its raw
// purchases and checks them against testdata/btyd/cdnow_rfm.csv, which
// make_fixtures.py derived independently: frequency, recency, T and the
// holdout frequency exactly, monetary (cents here, dollars there) to
// 1e-14 relative, the difference between summing exact cents and summing
// dollars in floating point.
func TestTransactionsCDNOW(t *testing.T) {
	tx, err := cxmetrics.NewTransactions[int](cdnowConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	purchases := readCDNOW(t)
	for _, p := range purchases {
		if err := tx.Add(p.id, p.at, p.cents); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := tx.Counts(), (cxmetrics.TransactionCounts{Transactions: 6919, Customers: 2357}); got != want {
		t.Errorf("Counts() = %+v, want %+v", got, want)
	}
	if got := tx.HoldoutLength(); got != 39 {
		t.Errorf("HoldoutLength() = %v weeks, want 39 (273 days / 7)", got)
	}
	ids, rfm, holdout := tx.Customers(), tx.RFM(), tx.Holdout()
	rows := readCSV(t, "testdata/btyd/cdnow_rfm.csv")
	if len(ids) != len(rows) || len(rfm) != len(rows) || len(holdout) != len(rows) {
		t.Fatalf("%d customers, %d RFMs, %d holdouts; the fixture has %d", len(ids), len(rfm), len(holdout), len(rows))
	}
	var repeaters, holdoutTotal int64
	for i, r := range rows {
		want := cxmetrics.RFM{Frequency: atoi(t, r[1]), Recency: atof(t, r[2]), T: atof(t, r[3]), Monetary: atof(t, r[4])}
		if id := int(atoi(t, r[0])); ids[i] != id {
			t.Fatalf("row %d: customer %d, the fixture's row is customer %d", i, ids[i], id)
		}
		got := rfm[i]
		if got.Frequency != want.Frequency || got.Recency != want.Recency || got.T != want.T {
			t.Errorf("customer %d: (x, t_x, T) = (%d, %v, %v), fixture (%d, %v, %v)",
				ids[i], got.Frequency, got.Recency, got.T, want.Frequency, want.Recency, want.T)
		}
		if d := cmp.Diff(want.Monetary, got.Monetary/100, cmpopts.EquateApprox(1e-14, 0)); d != "" {
			t.Errorf("customer %d: monetary in dollars mismatch (-fixture +got):\n%s", ids[i], d)
		}
		if h := atoi(t, r[5]); holdout[i].Frequency != h {
			t.Errorf("customer %d: holdout frequency %d, fixture %d", ids[i], holdout[i].Frequency, h)
		}
		if got.Frequency > 0 {
			repeaters++
		}
		holdoutTotal += holdout[i].Frequency
	}
	// Fader, Hardie & Lee (2005), "RFM and CLV": 946 repeat buyers in
	// the calibration period.
	if repeaters != 946 {
		t.Errorf("%d repeat buyers, want 946", repeaters)
	}
	t.Logf("CDNOW: %d customers, %d repeat buyers, %d purchases in the holdout", len(rfm), repeaters, holdoutTotal)
}

// dayOf returns hour h of a day of 2024 in UTC.
func dayOf(m time.Month, d, h int) time.Time { return time.Date(2024, m, d, h, 0, 0, 0, time.UTC) }

// purchase is one purchase of a test.
type purchase struct {
	customer string
	at       time.Time
	amount   int64
}

// weeksTo is a Daily calendar in UTC, with times in weeks, whose
// calibration ends on 2024-03-31 and whose holdout ends on 2024-06-30.
func weeksTo(t testing.TB) cxmetrics.TransactionsConfig {
	t.Helper()
	daily, err := cxmetrics.NewCalendar(cxmetrics.Daily, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return cxmetrics.TransactionsConfig{Calendar: daily, PeriodsPerUnit: 7,
		CalibrationEnd: dayOf(3, 31, 0), HoldoutEnd: dayOf(6, 30, 0)}
}

func TestTransactions(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	nyDays, _ := cxmetrics.NewCalendar(cxmetrics.Daily, ny)
	weekly, _ := cxmetrics.NewCalendar(cxmetrics.Weekly, time.UTC)
	tests := []struct {
		name      string
		cfg       func(cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig // nil: weeksTo as it is
		purchases []purchase
		customers []string
		want      []cxmetrics.RFM
		holdout   []cxmetrics.HoldoutPurchases
		counts    cxmetrics.TransactionCounts
	}{
		{
			// T = (Mar 31 − Mar 3) / 7 = 28 / 7 = 4 weeks.
			name:      "one purchase",
			purchases: []purchase{{"a", dayOf(3, 3, 12), 10_00}},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{T: 4}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 1, Customers: 1},
		},
		{
			// Two days with purchases: x = 1; t_x = (Mar 10 − Mar 3) / 7 = 1;
			// monetary = 20.00 + 4.00 of Mar 10, one purchase.
			name: "purchases of one day are one",
			purchases: []purchase{
				{"a", dayOf(3, 3, 9), 10_00}, {"a", dayOf(3, 3, 21), 5_00},
				{"a", dayOf(3, 10, 0), 20_00}, {"a", dayOf(3, 10, 23), 4_00},
			},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{Frequency: 1, Recency: 1, T: 4, Monetary: 24_00}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 4, Customers: 1},
		},
		{
			// x = 2; t_x = (Mar 24 − Mar 3) / 7 = 3; monetary =
			// (10.00 + 20.00) / 2 = 15.00, the first 100.00 left out.
			name: "the first purchase is left out of monetary",
			purchases: []purchase{
				{"a", dayOf(3, 3, 12), 100_00}, {"a", dayOf(3, 17, 12), 10_00}, {"a", dayOf(3, 24, 12), 20_00},
			},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{Frequency: 2, Recency: 3, T: 4, Monetary: 15_00}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 3, Customers: 1},
		},
		{
			// The last second of Mar 31 is in the calibration: t_x = T =
			// 28 / 7 = 4; one day later is the holdout's first.
			name: "the calibration's last day is in it",
			purchases: []purchase{
				{"a", dayOf(3, 3, 12), 1_00}, {"a", time.Date(2024, 3, 31, 23, 59, 59, 999999999, time.UTC), 3_00},
				{"a", dayOf(4, 1, 0), 7_00},
			},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{Frequency: 1, Recency: 4, T: 4, Monetary: 3_00}},
			holdout:   []cxmetrics.HoldoutPurchases{{Frequency: 1, Spend: 7_00}},
			counts:    cxmetrics.TransactionCounts{Transactions: 3, Customers: 1},
		},
		{
			// First purchase on Mar 31: T = 0.
			name:      "first purchase on the calibration's last day",
			purchases: []purchase{{"a", dayOf(3, 31, 18), 5_00}},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{T: 0}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 1, Customers: 1},
		},
		{
			// Holdout: Apr 1 (5.00 + 7.00) and Jun 30 (3.00): 2 purchase
			// days, 15.00; Jul 1 is past the holdout.
			name: "holdout",
			purchases: []purchase{
				{"a", dayOf(3, 3, 12), 10_00}, {"a", dayOf(4, 1, 8), 5_00}, {"a", dayOf(4, 1, 9), 7_00},
				{"a", dayOf(6, 30, 23), 3_00}, {"a", dayOf(7, 1, 0), 100_00},
			},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{T: 4}},
			holdout:   []cxmetrics.HoldoutPurchases{{Frequency: 2, Spend: 15_00}},
			counts:    cxmetrics.TransactionCounts{Transactions: 4, AfterHoldout: 1, Customers: 1},
		},
		{
			// b first buys in the holdout: not in the calibration, counted
			// as late; c only after the holdout: not a customer at all.
			name: "late customers are in no row",
			purchases: []purchase{
				{"a", dayOf(1, 5, 12), 10_00}, {"b", dayOf(4, 2, 12), 50_00}, {"b", dayOf(5, 2, 12), 50_00},
				{"c", dayOf(8, 1, 12), 9_00},
			},
			customers: []string{"a"},
			// T = (Mar 31 − Jan 5) / 7 = (26 + 29 + 31) / 7 = 86 / 7.
			want:    []cxmetrics.RFM{{T: 86.0 / 7}},
			holdout: []cxmetrics.HoldoutPurchases{{}},
			counts:  cxmetrics.TransactionCounts{Transactions: 3, AfterHoldout: 1, Customers: 1, NewInHoldout: 1},
		},
		{
			// Rows in the order customers first appear; z's purchase on
			// Mar 17 is its second day: x = 1, t_x = (17 − 3) / 7 = 2,
			// T = (31 − 3) / 7 = 4; y: T = (31 − 10) / 7 = 3.
			name: "customers interleave",
			purchases: []purchase{
				{"z", dayOf(3, 3, 12), 1_00}, {"y", dayOf(3, 10, 12), 2_00}, {"z", dayOf(3, 17, 12), 3_00},
			},
			customers: []string{"z", "y"},
			want:      []cxmetrics.RFM{{Frequency: 1, Recency: 2, T: 4, Monetary: 3_00}, {T: 3}},
			holdout:   []cxmetrics.HoldoutPurchases{{}, {}},
			counts:    cxmetrics.TransactionCounts{Transactions: 3, Customers: 2},
		},
		{
			// A free order is a purchase: x = 1, monetary 0 / 1 = 0.
			name:      "a zero amount is a purchase",
			purchases: []purchase{{"a", dayOf(3, 3, 12), 10_00}, {"a", dayOf(3, 10, 12), 0}},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{Frequency: 1, Recency: 1, T: 4}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 2, Customers: 1},
		},
		{
			// 03:00 UTC on Mar 10 is 22:00 on Mar 9 in New York (EST, UTC−5):
			// the same day as 20:00 UTC on Mar 9. Mar 10 is 23 hours long
			// there and still one day: Mar 9 to Mar 31 is 22 days, T = 22/7.
			name: "days of a time zone",
			cfg: func(c cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig {
				c.Calendar = nyDays
				c.CalibrationEnd = time.Date(2024, 3, 31, 12, 0, 0, 0, ny)
				return c
			},
			purchases: []purchase{{"a", dayOf(3, 9, 20), 1_00}, {"a", dayOf(3, 10, 3), 2_00}},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{T: 22.0 / 7}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 2, Customers: 1},
		},
		{
			// Months in months: January, then March twice (one purchase);
			// t_x = Mar − Jan = 2, T = Jun − Jan = 5, monetary 1.00 + 2.00.
			name: "a monthly calendar in months",
			cfg: func(c cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig {
				return cxmetrics.TransactionsConfig{CalibrationEnd: dayOf(6, 15, 0)}
			},
			purchases: []purchase{{"a", dayOf(1, 20, 0), 9_00}, {"a", dayOf(3, 1, 0), 1_00}, {"a", dayOf(3, 30, 0), 2_00}},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{Frequency: 1, Recency: 2, T: 5, Monetary: 3_00}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 3, Customers: 1},
		},
		{
			// ISO weeks: Wed Jan 3 and Sun Jan 7 are week 1, Mon Jan 8 is
			// week 2, Mar 31 (a Sunday) is week 13: x = 1, t_x = 1, T = 12.
			name: "a weekly calendar in weeks",
			cfg: func(c cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig {
				c.Calendar, c.PeriodsPerUnit = weekly, 1
				return c
			},
			purchases: []purchase{{"a", dayOf(1, 3, 0), 1_00}, {"a", dayOf(1, 7, 0), 1_00}, {"a", dayOf(1, 8, 0), 5_00}},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{Frequency: 1, Recency: 1, T: 12, Monetary: 5_00}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 3, Customers: 1},
		},
		{
			// No holdout: everything after Mar 31 is ignored.
			name: "no holdout",
			cfg: func(c cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig {
				c.HoldoutEnd = time.Time{}
				return c
			},
			purchases: []purchase{{"a", dayOf(3, 3, 12), 1_00}, {"a", dayOf(4, 1, 0), 1_00}, {"b", dayOf(4, 1, 0), 1_00}},
			customers: []string{"a"},
			want:      []cxmetrics.RFM{{T: 4}},
			holdout:   []cxmetrics.HoldoutPurchases{{}},
			counts:    cxmetrics.TransactionCounts{Transactions: 1, AfterHoldout: 2, Customers: 1},
		},
		{
			name:    "nothing",
			counts:  cxmetrics.TransactionCounts{},
			want:    []cxmetrics.RFM{},
			holdout: []cxmetrics.HoldoutPurchases{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := weeksTo(t)
			if tt.cfg != nil {
				cfg = tt.cfg(cfg)
			}
			tx, err := cxmetrics.NewTransactions[string](cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.purchases {
				if err := tx.Add(p.customer, p.at, p.amount); err != nil {
					t.Fatal(err)
				}
			}
			approx := cmpopts.EquateApprox(0, 1e-12)
			if d := cmp.Diff(tt.want, tx.RFM(), approx); d != "" {
				t.Errorf("RFM() mismatch (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.holdout, tx.Holdout()); d != "" {
				t.Errorf("Holdout() mismatch (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.customers, tx.Customers(), cmpopts.EquateEmpty()); d != "" {
				t.Errorf("Customers() mismatch (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.counts, tx.Counts()); d != "" {
				t.Errorf("Counts() mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestNewTransactionsErrors(t *testing.T) {
	tests := []struct {
		name    string
		cfg     func(cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig
		wantErr error
	}{
		{"no calibration end", func(c cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig {
			c.CalibrationEnd = time.Time{}
			return c
		}, cxmetrics.ErrInvalidArgument},
		{"negative periods per unit", func(c cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig {
			c.PeriodsPerUnit = -7
			return c
		}, cxmetrics.ErrInvalidArgument},
		{"holdout ends before the calibration", func(c cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig {
			c.HoldoutEnd = dayOf(3, 30, 23)
			return c
		}, cxmetrics.ErrInvalidArgument},
		{"holdout ends in the calibration's last period", func(c cxmetrics.TransactionsConfig) cxmetrics.TransactionsConfig {
			c.HoldoutEnd = dayOf(3, 31, 23)
			return c
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx, err := cxmetrics.NewTransactions[string](tt.cfg(weeksTo(t)))
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tx != nil) {
				t.Errorf("NewTransactions() = %v, %v, want error %v", tx, err, tt.wantErr)
			}
		})
	}
}

// txState is everything a Transactions reports.
type txState struct {
	Customers []string
	RFM       []cxmetrics.RFM
	Holdout   []cxmetrics.HoldoutPurchases
	Counts    cxmetrics.TransactionCounts
}

func stateOf(tx *cxmetrics.Transactions[string]) txState {
	return txState{tx.Customers(), tx.RFM(), tx.Holdout(), tx.Counts()}
}

// TestTransactionsAddErrors checks each refused purchase: its sentinel, a
// message that names the customer and the instant, and a Transactions
// left as it was.
func TestTransactionsAddErrors(t *testing.T) {
	const huge = math.MaxInt64 - 5
	tests := []struct {
		name    string
		before  []purchase
		bad     purchase
		wantErr error
		names   []string // in the message
	}{
		{"negative amount", nil, purchase{"a", dayOf(3, 3, 12), -1}, cxmetrics.ErrNegative,
			[]string{"customer a", "2024-03-03T12:00:00Z", "-1"}},
		{"zero time", nil, purchase{"a", time.Time{}, 1}, cxmetrics.ErrInvalidArgument,
			[]string{"customer a", "zero time"}},
		{"a day before the latest", []purchase{{"a", dayOf(3, 3, 12), 1}, {"a", dayOf(3, 10, 12), 1}},
			purchase{"a", dayOf(3, 9, 23), 1}, cxmetrics.ErrOutOfRange,
			[]string{"customer a", "2024-03-09T23:00:00Z", "2024-03-10"}},
		{"a calibration day after a holdout day", []purchase{{"a", dayOf(3, 3, 12), 1}, {"a", dayOf(4, 10, 12), 1}},
			purchase{"a", dayOf(3, 20, 12), 1}, cxmetrics.ErrOutOfRange,
			[]string{"customer a", "2024-03-20T12:00:00Z", "2024-04-10"}},
		{"calibration spend past int64", []purchase{{"a", dayOf(3, 3, 12), 1}, {"a", dayOf(3, 10, 12), huge}},
			purchase{"a", dayOf(3, 17, 12), 6}, cxmetrics.ErrOverflow,
			[]string{"customer a", "2024-03-17T12:00:00Z"}},
		{"spend of one day past int64", []purchase{{"a", dayOf(3, 3, 12), 1}, {"a", dayOf(3, 10, 12), huge}},
			purchase{"a", dayOf(3, 10, 13), math.MaxInt64}, cxmetrics.ErrOverflow,
			[]string{"customer a", "2024-03-10T13:00:00Z"}},
		{"holdout spend past int64", []purchase{{"a", dayOf(3, 3, 12), 1}, {"a", dayOf(4, 10, 12), huge}},
			purchase{"a", dayOf(4, 17, 12), 6}, cxmetrics.ErrOverflow,
			[]string{"customer a", "2024-04-17T12:00:00Z"}},
		{"late customer's holdout spend past int64", []purchase{{"b", dayOf(4, 3, 12), huge}},
			purchase{"b", dayOf(4, 3, 13), 6}, cxmetrics.ErrOverflow,
			[]string{"customer b", "2024-04-03T13:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx, err := cxmetrics.NewTransactions[string](weeksTo(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.before {
				if err := tx.Add(p.customer, p.at, p.amount); err != nil {
					t.Fatal(err)
				}
			}
			before := stateOf(tx)
			err = tx.Add(tt.bad.customer, tt.bad.at, tt.bad.amount)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Add() = %v, want %v", err, tt.wantErr)
			}
			for _, s := range tt.names {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("Add() = %q, which does not name %q", err, s)
				}
			}
			if d := cmp.Diff(before, stateOf(tx)); d != "" {
				t.Errorf("a failed Add changed the Transactions (-before +after):\n%s", d)
			}
		})
	}
}

// TestTransactionsSpendUpToInt64 checks that a spend of exactly
// math.MaxInt64 is taken: 1 + (MaxInt64 − 1).
func TestTransactionsSpendUpToInt64(t *testing.T) {
	tx, _ := cxmetrics.NewTransactions[string](weeksTo(t))
	for _, p := range []purchase{{"a", dayOf(3, 3, 12), 5}, {"a", dayOf(3, 10, 12), 1}, {"a", dayOf(3, 10, 13), math.MaxInt64 - 1}} {
		if err := tx.Add(p.customer, p.at, p.amount); err != nil {
			t.Fatal(err)
		}
	}
	if got := tx.RFM()[0].Monetary; got != math.MaxInt64 {
		t.Errorf("Monetary = %v, want %v", got, float64(math.MaxInt64))
	}
}

// TestTransactionsOddKeys checks keys that a map cannot hold or that are
// not equal to themselves: refused with ErrInvalidArgument, naming the
// instant, and changing nothing.
func TestTransactionsOddKeys(t *testing.T) {
	tx, err := cxmetrics.NewTransactions[any](weeksTo(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Add("fine", dayOf(3, 3, 12), 1); err != nil {
		t.Fatal(err)
	}
	for _, k := range []any{[]int{1}, map[string]int{}, math.NaN(), [1]any{func() {}}} {
		err := tx.Add(k, dayOf(3, 4, 12), 1)
		if !errors.Is(err, cxmetrics.ErrInvalidArgument) || !strings.Contains(err.Error(), "2024-03-04T12:00:00Z") {
			t.Errorf("Add(%T) = %v, want ErrInvalidArgument naming the instant", k, err)
		}
	}
	if got := tx.Counts(); got.Transactions != 1 || got.Customers != 1 {
		t.Errorf("Counts() = %+v after refused keys, want 1 purchase of 1 customer", got)
	}
	// Comparable keys of an interface type are fine.
	if err := tx.Add(3.5, dayOf(3, 4, 12), 1); err != nil {
		t.Error(err)
	}
	if got := tx.Customers(); len(got) != 2 || got[0] != "fine" || got[1] != 3.5 {
		t.Errorf("Customers() = %v, want [fine 3.5]", got)
	}
}

// TestTransactionsIntegerKeys checks that Customers returns integer keys
// as they were given, whether the index keeps them in its table (small,
// dense) or its map (negative, sparse).
func TestTransactionsIntegerKeys(t *testing.T) {
	keys := []int64{0, 7, -3, 1 << 40, 4095, math.MaxInt64, math.MinInt64, 12}
	tx, _ := cxmetrics.NewTransactions[int64](weeksTo(t))
	for i, k := range keys {
		if err := tx.Add(k, dayOf(1, 1+i, 12), 1); err != nil {
			t.Fatal(err)
		}
	}
	if d := cmp.Diff(keys, tx.Customers()); d != "" {
		t.Errorf("Customers() mismatch (-want +got):\n%s", d)
	}
	u8, _ := cxmetrics.NewTransactions[uint8](weeksTo(t))
	for _, k := range []uint8{255, 0, 9} {
		if err := u8.Add(k, dayOf(2, 1, 12), 1); err != nil {
			t.Fatal(err)
		}
	}
	if d := cmp.Diff([]uint8{255, 0, 9}, u8.Customers()); d != "" {
		t.Errorf("Customers() of uint8 keys mismatch (-want +got):\n%s", d)
	}
}

// TestTransactionsMemory checks that memory follows the customers, not
// the purchases: once a customer is known, its purchases allocate
// nothing.
func TestTransactionsMemory(t *testing.T) {
	tx, _ := cxmetrics.NewTransactions[int](weeksTo(t))
	for c := range 1000 {
		if err := tx.Add(c, dayOf(1, 1, 12), 1); err != nil {
			t.Fatal(err)
		}
	}
	day := 0
	allocs := testing.AllocsPerRun(100, func() {
		day++
		at := dayOf(1, 1, 12).AddDate(0, 0, day)
		for c := range 1000 {
			if err := tx.Add(c, at, 1); err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations for 1000 purchases of known customers, want 0", allocs)
	}
	if x, h := tx.RFM()[0].Frequency, tx.Holdout()[0].Frequency; x+h != int64(day) {
		t.Errorf("%d purchases in the calibration and %d in the holdout after %d more days", x, h, day)
	}
}
