package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5/pgconn"
)

// testErrors checks that each kind of bad row or bad query stops the
// report with an error that names what is wrong, and writes nothing.
func testErrors(ctx context.Context, t *testing.T, db *sql.DB) {
	execAll(ctx, t, db, `CREATE TABLE cases (id serial, name text, customer_id text, billed_at timestamptz, mrr_cents bigint, plan text)`,
		`INSERT INTO cases (name, customer_id, billed_at, mrr_cents, plan) VALUES
			('good',           'a',  '2025-01-05 12:00+00',    10000, 'basic'),
			('null mrr',       'b',  '2025-01-06 12:00+00',    NULL,  'basic'),
			('negative mrr',   'b',  '2025-01-06 12:00+00',   -10000, 'basic'),
			('null customer',  NULL, '2025-01-06 12:00+00',    10000, 'basic'),
			('empty customer', '',   '2025-01-06 12:00+00',    10000, 'basic'),
			('null billed_at', 'b',  NULL,                     10000, 'basic'),
			('infinity',       'b',  'infinity',               10000, 'basic'),
			('null plan',      'b',  '2025-01-06 12:00+00',    10000, NULL),
			('year 20000',     'b',  '20000-01-06 12:00+00',   10000, 'basic')`)
	// query returns the good row and then the case's.
	query := func(name string) string {
		return fmt.Sprintf(`SELECT customer_id, billed_at, mrr_cents, plan FROM cases WHERE name IN ('good', '%s') ORDER BY id`, name)
	}
	jan6 := "2025-01-06T12:00:00Z"
	tests := []struct {
		name      string
		query     string
		wantRow   *rowError // its Row, Customer and BilledAt; nil for an error of the query
		wantErr   error     // errors.Is; nil if none to check
		wantCode  string    // PostgreSQL's SQLSTATE, for an error of the server
		wantTypes bool      // a Scan error: the column's type
	}{
		{name: "null mrr", query: query("null mrr"), wantRow: &rowError{Row: 2, Customer: "b", BilledAt: jan6}, wantErr: errNull},
		{name: "negative mrr", query: query("negative mrr"), wantRow: &rowError{Row: 2, Customer: "b", BilledAt: jan6}, wantErr: cxmetrics.ErrNegative},
		{name: "null customer", query: query("null customer"), wantRow: &rowError{Row: 2, BilledAt: jan6}, wantErr: errNull},
		{name: "empty customer", query: query("empty customer"), wantRow: &rowError{Row: 2, BilledAt: jan6}, wantErr: errEmpty},
		{name: "null billed_at", query: query("null billed_at"), wantRow: &rowError{Row: 2, Customer: "b"}, wantErr: errNull},
		{name: "infinite billed_at", query: query("infinity"), wantRow: &rowError{Row: 2, Customer: "b", BilledAt: "infinity"}, wantErr: errInfinite},
		{name: "null plan", query: query("null plan"), wantRow: &rowError{Row: 2, Customer: "b", BilledAt: jan6}, wantErr: errNull},
		// 2025 to 20000 is more than MaxPeriods (131072) months.
		{name: "span past MaxPeriods", query: query("year 20000"), wantRow: &rowError{Row: 2, Customer: "b", BilledAt: "20000-01-06T12:00:00Z"}, wantErr: cxmetrics.ErrOutOfRange},
		{name: "mrr not whole cents", query: `SELECT customer_id, billed_at, 12.5 AS mrr_cents, plan FROM cases WHERE name = 'good'`,
			wantRow: &rowError{Row: 1, Customer: "a", BilledAt: "2025-01-05T12:00:00Z"}, wantTypes: true},
		{name: "three columns", query: `SELECT customer_id, billed_at, mrr_cents FROM cases`, wantErr: errColumns},
		{name: "syntax error", query: `SELECT customer_id, billed_at, mrr_cents, plan FROM`, wantCode: "42601"},
		{name: "no such table", query: `SELECT customer_id, billed_at, mrr_cents, plan FROM no_such_table`, wantCode: "42P01"},
		{name: "a query that writes", query: `DELETE FROM cases RETURNING customer_id, billed_at, mrr_cents, plan`, wantCode: "25006"},
		{name: "two statements", query: query("good") + `; SELECT 1`, wantCode: "42601"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := report(ctx, db, &out, config{query: tt.query})
			if err == nil {
				t.Fatalf("no error; report:\n%s", out.String())
			}
			t.Logf("error: %v", err)
			if out.Len() > 0 {
				t.Errorf("wrote %q before the error", out.String())
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("errors.Is(err, %v) is false", tt.wantErr)
			}
			var re *rowError
			switch {
			case tt.wantRow == nil && errors.As(err, &re):
				t.Errorf("a row error, want an error of the query")
			case tt.wantRow != nil && !errors.As(err, &re):
				t.Errorf("not a *rowError")
			case tt.wantRow != nil:
				got := rowError{Row: re.Row, Customer: re.Customer, BilledAt: re.BilledAt}
				if diff := cmp.Diff(*tt.wantRow, got); diff != "" {
					t.Errorf("the row named: mismatch (-want +got):\n%s", diff)
				}
			}
			if tt.wantTypes && !strings.Contains(err.Error(), "mrr_cents") {
				t.Errorf("the error does not name the column mrr_cents")
			}
			var pg *pgconn.PgError
			if tt.wantCode != "" && (!errors.As(err, &pg) || pg.Code != tt.wantCode) {
				t.Errorf("want the server's error %s", tt.wantCode)
			}
		})
	}
	// The table is as it was: the DELETE was refused.
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM cases").Scan(&n); err != nil || n != 9 {
		t.Errorf("cases has %d rows (%v), want 9", n, err)
	}
}
