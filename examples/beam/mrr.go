package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
)

// An MRR file says what each customer pays: customer,month,mrr, one row
// per customer and month, or per customer and day for daily snapshots,
// or several for several subscriptions (-combine says which). The month
// (-month-col) is a month ("2024-03", "03/2024", "Mar 2024"), its first
// instant, or a date or time, which keeps its day; both read by
// exports.DateReader (-date-format, -tz) and counted in their month in
// -tz. The MRR (-mrr-col) is in currency units, read by exports.Cents:
// "49", "$1,049.00", "49.999" (rounded half up to 50.00).

// mrrOptions are the flags that say how to read an MRR file.
type mrrOptions struct {
	customerCol, monthCol, mrrCol string
	combine                       string // "sum", "last", or "" to refuse the doubt
}

// mrrLayout is where an MRR file holds what, and how to read it. It
// travels to the workers with the DoFn that reads the rows.
type mrrLayout struct {
	Table                table
	Customer, Month, MRR int
	Format               string // -date-format
	TZ                   string // -tz
}

// newMRRLayout finds the columns that o names in t's header.
func newMRRLayout(t table, o mrrOptions, format, tz string) (mrrLayout, error) {
	l := mrrLayout{Table: t, Format: format, TZ: tz}
	var err error
	if l.Customer, err = t.column(o.customerCol, "customer-col", true); err != nil {
		return l, err
	}
	if l.Month, err = t.column(o.monthCol, "month-col", true); err != nil {
		return l, err
	}
	if l.MRR, err = t.column(o.mrrCol, "mrr-col", true); err != nil {
		return l, err
	}
	return l, nil
}

// mrrRow is one row of an MRR file.
type mrrRow struct {
	Customer string
	At       int64 // Unix seconds: the month's first instant in -tz, or the row's date and time
	Period   int   // the number of At's month in -tz (cxmetrics.Calendar.Period)
	MRR      int64 // cents, non-negative
}

// instant returns the instant of the row.
func (r mrrRow) instant() time.Time { return time.Unix(r.At, 0) }

// appendRow appends row to b in a compact binary form: the customer's
// length and bytes, then At, Period and MRR, each a varint.
func appendRow(b []byte, row mrrRow) []byte {
	b = binary.AppendUvarint(b, uint64(len(row.Customer)))
	b = append(b, row.Customer...)
	b = binary.AppendVarint(b, row.At)
	b = binary.AppendVarint(b, int64(row.Period))
	return binary.AppendVarint(b, row.MRR)
}

// errCorruptRows is the error of rows that appendRow did not write.
var errCorruptRows = errors.New("corrupt rows")

// nextRow reads the first row appendRow wrote to b, and returns it and
// the rest of b.
func nextRow(b []byte) (mrrRow, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return mrrRow{}, nil, errCorruptRows
	}
	row := mrrRow{Customer: string(b[k : k+int(n)])}
	b = b[k+int(n):]
	var period int64
	for _, v := range []*int64{&row.At, &period, &row.MRR} {
		if *v, k = binary.Varint(b); k <= 0 {
			return mrrRow{}, nil, errCorruptRows
		}
		b = b[k:]
	}
	row.Period = int(period)
	return row, b, nil
}

// mrrReader reads the rows of one MRR file.
type mrrReader struct {
	l      mrrLayout
	lines  lineReader
	dates  *exports.DateReader
	cal    cxmetrics.Calendar
	months map[string]mrrRow // month cell → At and Period
}

// newMRRReader returns a reader of the rows laid out as l.
func newMRRReader(l mrrLayout) (*mrrReader, error) {
	dates, cal, err := datesIn(l.Format, l.TZ)
	if err != nil {
		return nil, err
	}
	return &mrrReader{l: l, lines: lineReader{t: l.Table}, dates: dates, cal: cal, months: map[string]mrrRow{}}, nil
}

// row reads one line. It returns ok false for the header or an empty
// line, and an error that names the bad cell for a row that cannot be
// read.
func (r *mrrReader) row(line string) (row mrrRow, ok bool, err error) {
	rec, err := r.lines.fields(line)
	if rec == nil || err != nil {
		return mrrRow{}, false, err
	}
	customer := strings.TrimSpace(rec[r.l.Customer])
	if customer == "" {
		return mrrRow{}, false, errors.New("customer is empty")
	}
	if row, err = r.month(rec[r.l.Month]); err != nil {
		return mrrRow{}, false, err
	}
	cents, err := exports.Cents(rec[r.l.MRR])
	if err != nil {
		return mrrRow{}, false, fmt.Errorf("mrr %q %v", rec[r.l.MRR], err)
	}
	row.Customer, row.MRR = customer, cents
	return row, true, nil
}

// month reads a month cell: a month ("2024-03", "03/2024", "Mar 2024") is
// its first instant in -tz; a date or a time keeps its day, which
// -combine last needs. It returns a row with At and Period set.
func (r *mrrReader) month(cell string) (mrrRow, error) {
	if row, ok := r.months[cell]; ok {
		return row, nil
	}
	t, err := r.dates.Time(cell)
	if errors.Is(err, exports.ErrAmbiguousDate) {
		return mrrRow{}, fmt.Errorf("month %q %v: set -date-format us (month first) or eu (day first)", cell, err)
	}
	if err != nil {
		if t, err = r.dates.Month(cell); err != nil {
			return mrrRow{}, fmt.Errorf("month %q is not a month such as 2024-03, 03/2024 or Mar 2024, nor a date such as 2024-03-15", cell)
		}
	}
	row := mrrRow{At: t.Unix(), Period: r.cal.Period(t)}
	if len(r.months) < maxCached {
		r.months[strings.Clone(cell)] = row
	}
	return row, nil
}

// combineRule returns the ledger's rule for -combine: sum adds up a
// customer's rows in a month, last takes those of their last day in it,
// and without -combine rows on two days of one month are an error
// (cxmetrics.SameDay), as they could be either.
func combineRule(combine string) (cxmetrics.Combine, error) {
	switch combine {
	case "sum":
		return cxmetrics.SumRecords, nil
	case "last":
		return cxmetrics.LastDay, nil
	case "":
		return cxmetrics.SameDay, nil
	}
	return 0, fmt.Errorf("-combine %q: want sum or last", combine)
}
