package cxmetrics

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestTransactionsCustomerLimit checks that Add refuses a customer past
// maxRows, and adds nothing, on a Transactions made to look as if it held
// that many already (filling one would take hundreds of gigabytes).
func TestTransactionsCustomerLimit(t *testing.T) {
	tx, err := NewTransactions[string](TransactionsConfig{CalibrationEnd: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	tx.rows = maxRows
	err = tx.Add("one too many", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), 1)
	if !errors.Is(err, ErrOverflow) || !strings.Contains(err.Error(), "one too many") {
		t.Errorf("Add past %d customers: error %v, want ErrOverflow naming the customer", maxRows, err)
	}
	if tx.rows != maxRows || len(tx.chunks) != 0 || tx.transactions != 0 || len(tx.index) != 0 {
		t.Errorf("a refused customer changed the Transactions: %d rows, %d chunks, %d purchases", tx.rows, len(tx.chunks), tx.transactions)
	}
}

// TestTransactionsRowSize checks the 56 bytes a customer that the
// documentation of Transactions states.
func TestTransactionsRowSize(t *testing.T) {
	if got := reflect.TypeFor[txRow]().Size(); got != 56 {
		t.Errorf("a customer's row takes %d bytes, the documentation says 56", got)
	}
}

// TestTransactionsPeriod checks the shortcut by which a Transactions
// numbers days and weeks against Calendar.Period, in zones with daylight
// saving time, half-hour offsets and none, at instants around the changes
// of offset, around midnight, and far from 1970.
func TestTransactionsPeriod(t *testing.T) {
	var instants []time.Time
	for _, base := range []time.Time{
		time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2024, 11, 3, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC),
		time.Date(-4000, 6, 1, 0, 0, 0, 0, time.UTC),
	} {
		for m := -3 * 24 * 60; m <= 3*24*60; m += 15 {
			instants = append(instants, base.Add(time.Duration(m)*time.Minute))
		}
	}
	instants = append(instants, time.Unix(1<<50, 0), time.Unix(-1<<50, 0), time.Unix(1<<50-1, 0), time.Unix(-1<<50+1, 0),
		time.Unix(1<<62, 0), time.Unix(-1<<62, 0), time.Unix(-1, 999999999), time.Unix(0, 0))
	for _, name := range []string{"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati", "America/St_Johns"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Logf("skipping %s: %v", name, err)
			continue
		}
		for _, unit := range []Unit{Daily, Weekly, Monthly} {
			for _, ws := range []time.Weekday{time.Monday, time.Sunday, time.Saturday} {
				cal, _ := NewCalendar(unit, loc, WeekStart(ws))
				tx, err := NewTransactions[int](TransactionsConfig{Calendar: cal, CalibrationEnd: time.Unix(0, 0)})
				if err != nil {
					t.Fatal(err)
				}
				for _, at := range instants {
					if got, want := tx.period(at), int64(cal.Period(at)); got != want {
						t.Fatalf("%v: period of %v = %d, Calendar.Period %d", cal, at, got, want)
					}
				}
			}
		}
	}
}
