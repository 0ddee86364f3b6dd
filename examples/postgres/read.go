package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

// defaultQuery reads the table that doc.go describes. It has no ORDER BY:
// the ledger takes rows in any order, so the server need not sort them.
const defaultQuery = `SELECT customer_id, billed_at, mrr_cents, plan FROM subscriptions`

// columns are the four columns a query must return, in this order. Their
// names are only for messages: a query may call them anything.
var columns = [4]string{"customer_id", "billed_at", "mrr_cents", "plan"}

var (
	// errColumns is returned when the query does not return four columns.
	errColumns = errors.New("the query must return four columns")
	// errNull is returned for a NULL in any of the four columns.
	errNull = errors.New("is NULL")
	// errEmpty is returned for an empty customer_id or plan.
	errEmpty = errors.New("is empty")
	// errInfinite is returned for a billed_at of infinity or -infinity,
	// which falls in no month.
	errInfinite = errors.New("is not a finite time")
)

// rowError is a bad row of the query's result. Its message names the row
// by its customer and billing time, as far as they could be read:
//
//	row 3 (customer "b", billed_at 2025-03-01T00:00:00Z): mrr_cents is NULL
type rowError struct {
	Row      int64  // the row's place in the result, from 1
	Customer string // the customer_id as read; "" if it could not be
	BilledAt string // billed_at as read; "" if it could not be
	Err      error
}

// Error returns the row, its customer and billing time, and what is wrong.
func (e *rowError) Error() string {
	var name []string
	if e.Customer != "" {
		name = append(name, "customer "+strconv.Quote(e.Customer))
	}
	if e.BilledAt != "" {
		name = append(name, "billed_at "+e.BilledAt)
	}
	if len(name) == 0 {
		return fmt.Sprintf("row %d: %v", e.Row, e.Err)
	}
	return fmt.Sprintf("row %d (%s): %v", e.Row, strings.Join(name, ", "), e.Err)
}

// Unwrap returns what is wrong with the row, so that errors.Is finds
// cxmetrics.ErrNegative and the sentinels of this file.
func (e *rowError) Unwrap() error { return e.Err }

// readLedger runs query and adds each row it returns to ledger as it is
// read, one at a time: the result is never held in memory, so memory is
// what the ledger keeps (16 bytes a row and the customers' IDs). It
// returns the number of rows read, and stops at the first bad row with a
// *rowError.
//
// The query runs in a read-only transaction, so a -query that would
// change data is refused by the server.
func readLedger(ctx context.Context, db *sql.DB, query string, ledger *cxmetrics.MRRLedger[string]) (n int64, err error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, fmt.Errorf("starting a read-only transaction: %w", err)
	}
	defer tx.Rollback() // it only read; nothing to commit

	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return 0, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return 0, fmt.Errorf("query: %w", err)
	}
	if len(types) != len(columns) {
		names := make([]string, len(types))
		for i, c := range types {
			names[i] = c.Name()
		}
		return 0, fmt.Errorf("%w (%s), in this order; it returns %d: %s",
			errColumns, strings.Join(columns[:], ", "), len(types), strings.Join(names, ", "))
	}
	// A date or a timestamp without time zone is a wall-clock reading: it
	// is read in the calendar's zone, as a timestamptz is placed in it.
	loc := ledger.Calendar().Location()
	wallClock := false
	switch types[1].DatabaseTypeName() {
	case "DATE", "TIMESTAMP":
		wallClock = true
	}

	for rows.Next() {
		n++
		var customer, plan sql.NullString
		var at sql.NullTime
		var mrr sql.NullInt64
		if err := rows.Scan(&customer, &at, &mrr, &plan); err != nil {
			return n, describeRow(rows, n, loc, err)
		}
		if at.Valid && wallClock {
			t := at.Time
			at.Time = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
		}
		e := &rowError{Row: n, Customer: customer.String}
		if at.Valid {
			e.BilledAt = at.Time.In(loc).Format(time.RFC3339Nano)
		}
		switch {
		case !customer.Valid:
			e.Err = fmt.Errorf("%s %w", columns[0], errNull)
		case customer.String == "":
			e.Err = fmt.Errorf("%s %w", columns[0], errEmpty)
		case !at.Valid:
			e.Err = fmt.Errorf("%s %w", columns[1], errNull)
		case !mrr.Valid:
			e.Err = fmt.Errorf("%s %w", columns[2], errNull)
		case !plan.Valid:
			e.Err = fmt.Errorf("%s %w (coalesce it in -query to give such rows a plan)", columns[3], errNull)
		case plan.String == "":
			e.Err = fmt.Errorf("%s %w", columns[3], errEmpty)
		default:
			// The library checks the rest: a negative MRR (ErrNegative), a
			// customer's MRR past int64, a span of more than MaxPeriods months.
			e.Err = ledger.AddEntry(cxmetrics.MRREntry[string]{
				Customer: customer.String, At: at.Time, MRR: mrr.Int64, Segment: plan.String})
		}
		if e.Err != nil {
			return n, e
		}
	}
	if err := rows.Err(); err != nil {
		// The driver could not decode the next row, or the connection failed.
		return n, fmt.Errorf("reading row %d: %w", n+1, err)
	}
	return n, nil
}

// describeRow returns the rowError of row n, whose four columns could not
// be scanned as text, time, integer and text (err): it scans them again
// as whatever the driver gives, to name the customer and billing time.
func describeRow(rows *sql.Rows, n int64, loc *time.Location, err error) error {
	e := &rowError{Row: n, Err: err}
	var customer, at, mrr, plan any
	if rows.Scan(&customer, &at, &mrr, &plan) != nil {
		return e
	}
	switch c := customer.(type) {
	case string:
		e.Customer = c
	case []byte:
		e.Customer = string(c)
	case nil:
	default:
		e.Customer = fmt.Sprint(c)
	}
	switch t := at.(type) {
	case time.Time:
		e.BilledAt = t.In(loc).Format(time.RFC3339Nano)
	case string: // infinity, -infinity
		e.BilledAt = t
		if t == "infinity" || t == "-infinity" {
			e.Err = fmt.Errorf("%s %w", columns[1], errInfinite)
		}
	case nil:
	default:
		e.BilledAt = fmt.Sprint(t)
	}
	return e
}
