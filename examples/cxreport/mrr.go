package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/cxmetrics/cxmetrics"
)

// mrrConfig says how to read an MRR history file.
type mrrConfig struct {
	customerCol, monthCol, mrrCol string
}

// revenue is an MRR history read from a file: periods are the months from
// first to first+Observed()−1.
type revenue struct {
	source    string
	rows      int64
	skipped   int64
	firstSkip error
	first     int // months since year 0 of period 0
	history   *cxmetrics.MRRHistory[string]
}

// mrrRow is one parsed row of an MRR file.
type mrrRow struct {
	customer string
	month    int // months since year 0
	cents    int64

	// Where the row is, for an error about it: the line, the columns of
	// the month and the MRR, and both as written (slices of the row's
	// line: for a message, not to keep).
	line, monthCol, mrrCol int
	monthText, mrrText     string
}

// maxMonths is the longest span of months an MRR file may cover: 100
// years. The history, the report and its cohort table grow with the span
// (the table with its square), however few rows the file has, so a year
// mistyped in one row is an error rather than a history of thousands of
// years.
const maxMonths = 100 * 12

// readMRR reads src in two passes. The first checks every row and finds
// the first and last month, and whether the rows come in month order; the
// second adds the rows to an MRRHistory sized to those months, in
// PeriodOrder (a few bytes per customer) when the file is sorted by month,
// as billing exports usually are, and in AnyOrder otherwise. Neither pass
// holds the rows.
//
// The first pass also stops, whatever skipBad says, at the row that
// makes the file span more than maxMonths months, and at the row that
// makes a month's total MRR pass int64; so the second pass allocates
// nothing large and adds nothing that overflows.
func readMRR(src source, cfg mrrConfig, skipBad bool, name func(string) *progress) (*revenue, error) {
	var (
		first, last         = math.MaxInt, -1
		firstLine, lastLine int
		sorted              = true
		totals              = map[int]int64{} // cents by month: maxMonths entries at most
		rev                 revenue
	)
	err := eachMRRRow(src, cfg, skipBad, name("checking "+src.name), func(r mrrRow) error {
		if r.month < last {
			sorted = false
		}
		if r.month < first {
			first, firstLine = r.month, r.line
		}
		if r.month > last {
			last, lastLine = r.month, r.line
		}
		if span := last - first + 1; span > maxMonths {
			// r.month is a new first or last month: the other end is
			// on an earlier line.
			other, otherLine := first, firstLine
			if r.month == first {
				other, otherLine = last, lastLine
			}
			return &rowError{file: src.name, line: r.line, col: r.monthCol, msg: fmt.Sprintf(
				"month %q and %s on line %d span %d months; cxreport takes at most %d (%d years): is a year mistyped?",
				r.monthText, periodLabel(int32(other), false), otherLine, span, maxMonths, maxMonths/12)}
		}
		if totals[r.month] > math.MaxInt64-r.cents {
			return &rowError{file: src.name, line: r.line, col: r.mrrCol, msg: fmt.Sprintf(
				"mrr %q brings the total of %s past %s, the most cxreport adds up",
				r.mrrText, periodLabel(int32(r.month), false), money(math.MaxInt64))}
		}
		totals[r.month] += r.cents
		return nil
	}, &rev)
	if err != nil {
		return nil, err
	}
	if last < 0 {
		return nil, noRows(src.name, "rows", rev.skipped)
	}
	order := cxmetrics.AnyOrder
	if sorted {
		order = cxmetrics.PeriodOrder
	}
	h, err := cxmetrics.NewMRRHistory[string](last-first+1, order)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src.name, err)
	}
	// The second pass meets the same rows; the bad ones were counted (or
	// reported) by the first.
	err = eachMRRRow(src, cfg, true, name(src.name), func(r mrrRow) error {
		if err := h.Add(r.customer, r.month-first, r.cents); err != nil {
			// The first pass checked the totals, so only a file that
			// changed between the passes gets here.
			return &rowError{file: src.name, line: r.line, col: r.mrrCol, msg: err.Error()}
		}
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	rev.source, rev.first, rev.history = src.name, first, h
	return &rev, nil
}

// eachMRRRow calls fn with each good row of src. With counts not nil, it
// records there the rows read and skipped.
func eachMRRRow(src source, cfg mrrConfig, skipBad bool, prog *progress, fn func(mrrRow) error, counts *revenue) error {
	f, err := openCSV(src, skipBad, prog)
	if err != nil {
		return err
	}
	defer f.close()
	customerCol, err := f.column(cfg.customerCol, "customer-col", true)
	if err != nil {
		return err
	}
	monthCol, err := f.column(cfg.monthCol, "month-col", true)
	if err != nil {
		return err
	}
	mrrCol, err := f.column(cfg.mrrCol, "mrr-col", true)
	if err != nil {
		return err
	}
	for {
		rec, err := f.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		var r mrrRow
		if r.customer = cleanLabel(strings.TrimSpace(rec[customerCol])); r.customer == "" {
			if err := f.bad(customerCol, "customer is empty"); err != nil {
				return err
			}
			continue
		}
		year, month, ok := parseMonth(rec[monthCol])
		if !ok {
			if err := f.bad(monthCol, "month %q is not YYYY-MM or YYYY-MM-DD", rec[monthCol]); err != nil {
				return err
			}
			continue
		}
		r.month = year*12 + month - 1
		r.line, r.monthCol = f.pos(monthCol)
		_, r.mrrCol = f.pos(mrrCol)
		r.monthText, r.mrrText = rec[monthCol], rec[mrrCol]
		if r.cents, err = parseAmount(rec[mrrCol]); err != nil {
			if err := f.bad(mrrCol, "mrr %q %v", rec[mrrCol], err); err != nil {
				return err
			}
			continue
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if counts != nil {
		counts.rows, counts.skipped, counts.firstSkip = f.rows, f.skipped, f.firstSkip
	}
	return nil
}

// parseMonth reads a month written YYYY-MM, or the month of a date.
func parseMonth(s string) (year, month int, ok bool) {
	if len(s) != 7 {
		return parseDate(s)
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	return year, month, ok1 && ok2 && s[4] == '-' && month >= 1 && month <= 12
}

// parseAmount reads an amount in currency units with at most two decimals
// ("49", "49.5", "1299.50") as a whole number of cents, exactly, without
// going through a float.
func parseAmount(s string) (int64, error) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("is negative")
	}
	if whole == "" || len(frac) > 2 {
		return 0, fmt.Errorf("is not an amount with at most two decimals")
	}
	var cents int64
	for _, part := range []string{whole, (frac + "00")[:2]} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, fmt.Errorf("is not an amount with at most two decimals")
			}
			d := int64(c - '0')
			if cents > (math.MaxInt64-d)/10 {
				return 0, fmt.Errorf("is too large")
			}
			cents = 10*cents + d
		}
	}
	return cents, nil
}
