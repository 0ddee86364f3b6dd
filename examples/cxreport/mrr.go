package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/cxmetrics/cxmetrics"
	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
)

// mrrConfig says how to read an MRR history file.
type mrrConfig struct {
	customerCol, monthCol, mrrCol string
	dates                         *exports.DateReader // -date-format, -tz
	cal                           cxmetrics.Calendar  // months in -tz
	combine                       string              // -combine: "sum", "last", or "" to refuse the doubt
	opening                       bool                // -opening
}

// revenue is an MRR history read from a file, in a ledger.
type revenue struct {
	source   string
	rows     int64
	skipped  int64
	listed   []SkippedRow // the first skipped rows
	excluded []string     // customers left out: a row of theirs was skipped
	combine  string
	ledger   *cxmetrics.MRRLedger[string]
}

// maxMonths is the longest span of months an MRR file may cover: 100
// years. The report and its cohort table grow with the span (the table
// with its square), however few rows the file has, so a year mistyped in
// one row is an error rather than a history of thousands of years.
const maxMonths = 100 * 12

// combineRule returns the ledger's rule for -combine.
func combineRule(combine string) cxmetrics.Combine {
	switch combine {
	case "sum":
		return cxmetrics.SumRecords
	case "last":
		return cxmetrics.LastDay
	}
	return cxmetrics.SameDay
}

// readMRR reads src in one pass, adding each row to an MRRLedger as it
// comes, so that it reads standard input as well as a file; the ledger
// keeps a few bytes a row. A customer with rows on two days of a month is
// refused unless -combine says what the rows are (see doc.go). Under
// -skip-bad, a skipped row's customer, if it can be read, is left out of
// every figure (cxmetrics.MRRLedger.Exclude): a row left out must not read
// as the customer paying nothing that month.
//
// It stops, whatever skipBad says, at the row that makes the file span
// more than maxMonths months, and, when rows add up, at the row that makes
// a month's total MRR pass int64, naming the row.
func readMRR(src source, cfg mrrConfig, skipBad bool, prog *progress, list io.Writer) (*revenue, error) {
	f, err := openCSV(src, skipBad, prog, list)
	if err != nil {
		return nil, err
	}
	defer f.close()
	customerCol, err := f.column(cfg.customerCol, "customer-col", true)
	if err != nil {
		return nil, err
	}
	monthCol, err := f.column(cfg.monthCol, "month-col", true)
	if err != nil {
		return nil, err
	}
	mrrCol, err := f.column(cfg.mrrCol, "mrr-col", true)
	if err != nil {
		return nil, err
	}
	opts := []cxmetrics.LedgerOption{cxmetrics.CombineRecords(combineRule(cfg.combine))}
	if cfg.opening {
		opts = append(opts, cxmetrics.OpeningBalance())
	}
	rev := &revenue{source: src.name, combine: cfg.combine, ledger: cxmetrics.NewMRRLedger[string](cfg.cal, opts...)}
	var (
		first, last         = math.MaxInt, math.MinInt
		firstLine, lastLine int
		totals              = map[int]int64{} // cents by month: maxMonths entries at most
		excluded            = map[string]bool{}
	)
	for {
		rec, err := f.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		customer := cleanLabel(strings.TrimSpace(rec[customerCol]))
		// bad skips the row, or stops; a skipped row's customer is
		// excluded.
		bad := func(col int, format string, args ...any) error {
			if err := f.bad(col, format, args...); err != nil {
				return err
			}
			if customer != "" && !excluded[customer] {
				excluded[customer] = true
				rev.excluded = append(rev.excluded, customer)
				return rev.ledger.Exclude(customer)
			}
			return nil
		}
		if customer == "" {
			if err := bad(customerCol, "customer is empty"); err != nil {
				return nil, err
			}
			continue
		}
		at, err := cfg.monthOf(rec[monthCol])
		if errors.Is(err, exports.ErrAmbiguousDate) {
			line, col := f.pos(monthCol)
			return nil, &rowError{file: src.name, line: line, col: col, msg: fmt.Sprintf(
				"month %q %v: set -date-format us (month first) or eu (day first)", rec[monthCol], err)}
		}
		if err != nil {
			if err := bad(monthCol, "month %q %v", rec[monthCol], err); err != nil {
				return nil, err
			}
			continue
		}
		cents, err := exports.Cents(rec[mrrCol])
		if err != nil {
			if err := bad(mrrCol, "mrr %q %v", rec[mrrCol], err); err != nil {
				return nil, err
			}
			continue
		}
		line, col := f.pos(monthCol)
		month := cfg.cal.Period(at)
		if month < first {
			first, firstLine = month, line
		}
		if month > last {
			last, lastLine = month, line
		}
		if span := last - first + 1; span > maxMonths {
			// month is a new first or last month: the other end is on
			// an earlier line.
			other, otherLine := first, firstLine
			if month == first {
				other, otherLine = last, lastLine
			}
			return nil, &rowError{file: src.name, line: line, col: col, msg: fmt.Sprintf(
				"month %q and %s on line %d span %d months; cxreport takes at most %d (%d years): is a year mistyped?",
				rec[monthCol], cfg.cal.Label(other), otherLine, span, maxMonths, maxMonths/12)}
		}
		_, mrrColPos := f.pos(mrrCol)
		if cfg.combine != "last" { // rows add up: a month's total is their sum
			if totals[month] > math.MaxInt64-cents {
				return nil, &rowError{file: src.name, line: line, col: mrrColPos, msg: fmt.Sprintf(
					"mrr %q brings the total of %s past %s, the most cxreport adds up",
					rec[mrrCol], cfg.cal.Label(month), money(math.MaxInt64))}
			}
			totals[month] += cents
		}
		if err := rev.ledger.AddEntry(cxmetrics.MRREntry[string]{Customer: customer, At: at, MRR: cents}); err != nil {
			return nil, &rowError{file: src.name, line: line, col: mrrColPos, msg: err.Error()}
		}
	}
	rev.rows, rev.skipped, rev.listed = f.rows, f.skipped, f.listed
	if last == math.MinInt {
		return nil, noRows(src.name, "rows", rev.skipped)
	}
	return rev, nil
}

// monthOf reads an MRR row's month: a month ("2024-03", "03/2024", "Mar
// 2024") is its first day; a date or a time keeps its day, which -combine
// last needs.
func (cfg mrrConfig) monthOf(s string) (time.Time, error) {
	t, err := cfg.dates.Time(s)
	if err == nil || errors.Is(err, exports.ErrAmbiguousDate) {
		return t, err
	}
	if m, err := cfg.dates.Month(s); err == nil {
		return m, nil
	}
	return time.Time{}, errors.New("is not a month such as 2024-03, 03/2024 or Mar 2024, nor a date such as 2024-03-15")
}
