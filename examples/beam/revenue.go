package main

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/cxmetrics/cxmetrics"
)

// mrrHeader is the header line of an MRR file. Each following line is
// what one customer pays in one month: the month (YYYY-MM), the customer's
// ID, and the monthly recurring revenue in cents. A customer with no line
// in a month pays nothing in it; several lines of one customer in one
// month add up, as for several subscriptions. Lines that start with # are
// comments.
const mrrHeader = "month,customer,mrr"

// mrrRow is one line of an MRR file. Month counts months from year 0
// (year × 12 + month − 1), so that months subtract.
type mrrRow struct {
	Month    int
	Customer string
	MRR      int64 // cents, non-negative
}

// parseMRR parses one line of an MRR file. It returns ok false for the
// header, a comment or a blank line, and an error that names the bad
// field for anything else that is not a valid row.
func parseMRR(line string) (row mrrRow, ok bool, err error) {
	if line == mrrHeader || line == "" || strings.HasPrefix(line, "#") {
		return mrrRow{}, false, nil
	}
	rec, err := splitCSV(line)
	if err != nil {
		return mrrRow{}, false, err
	}
	if len(rec) != 3 {
		return mrrRow{}, false, fmt.Errorf("%d fields, want 3 (%s)", len(rec), mrrHeader)
	}
	month, err := time.Parse("2006-01", rec[0])
	if err != nil {
		return mrrRow{}, false, fmt.Errorf("month %q is not YYYY-MM", rec[0])
	}
	if rec[1] == "" {
		return mrrRow{}, false, errors.New("empty customer")
	}
	mrr, err := strconv.ParseInt(rec[2], 10, 64)
	if err != nil || mrr < 0 {
		return mrrRow{}, false, fmt.Errorf("mrr %q is not a whole number of cents, 0 or more", rec[2])
	}
	return mrrRow{Month: monthIndex(month), Customer: rec[1], MRR: mrr}, true, nil
}

// monthIndex returns t's month counted from January of year 0.
func monthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

// monthName returns the YYYY-MM name of a month counted by monthIndex.
func monthName(month int) string { return fmt.Sprintf("%04d-%02d", month/12, month%12+1) }

// revenueShards is the number of groups the customers are hashed into.
// Each group's rows go to one worker, which classifies its customers'
// histories with one cxmetrics.MRRHistory: a customer's whole history must
// be in one place to be classified, and one history per group, rather
// than one per customer, keeps the per-customer cost that of the library's
// own tables. A history takes 8 bytes per customer per month, so a worker
// needs that times the customers of its group.
const revenueShards = 64

// shardMRR is the DoFn that parses a line of an MRR file and keys it by
// its customer's group.
func shardMRR(line string, emit func(int, mrrRow)) error {
	row, ok, err := parseMRR(line)
	if err != nil {
		return fmt.Errorf("mrr line %q: %w", line, err)
	}
	if ok {
		h := fnv.New32a()
		h.Write([]byte(row.Customer))
		emit(int(h.Sum32()%revenueShards), row)
	}
	return nil
}

// rowMonth is the month of an MRR row.
func rowMonth(_ int, row mrrRow) int { return row.Month }

// classifyShard is the DoFn that classifies the histories of one group of
// customers into movements with cxmetrics.MRRHistory, over the months
// first to last of the whole input, and emits the group's RevenuePeriod of
// each month. Every group spans every month, so that a customer whose last
// payment is before the last month churns in the month after it.
func classifyShard(_ int, rows func(*mrrRow) bool, first, last int, emit func(string, cxmetrics.RevenuePeriod)) error {
	h, err := cxmetrics.NewMRRHistory[string](last-first+1, cxmetrics.AnyOrder)
	if err != nil {
		return err
	}
	var row mrrRow
	for rows(&row) {
		if err := h.Add(row.Customer, row.Month-first, row.MRR); err != nil {
			return err
		}
	}
	// An empty snapshot marks the last month as observed.
	if err := h.AddSnapshot(last-first, nil); err != nil {
		return err
	}
	periods, _, err := h.Movements()
	if err != nil {
		return err
	}
	// A month in which the group had no revenue at all adds nothing.
	nothing := cxmetrics.RevenuePeriod{}.WithBreakdown()
	for p, r := range periods {
		if r != nothing {
			emit(monthName(first+p), r)
		}
	}
	return nil
}

// addRevenue is the combiner of the groups' RevenuePeriods of one month:
// the movements of disjoint sets of customers add up period by period,
// with RevenuePeriod.Add checking every sum. The RevenuePeriod travels
// between workers in the library's binary encoding (coder.go), which
// keeps its breakdown: a steady month keeps its GRR of 100%.
func addRevenue(a, b cxmetrics.RevenuePeriod) (cxmetrics.RevenuePeriod, error) {
	return a.Add(b)
}

// revenueResultsHeader is the header of the revenue pipeline's output.
const revenueResultsHeader = "month,start,new,expansion,contraction,churned,reactivation,end,nrr,grr"

// formatRevenue formats one output line: the month's movements in cents,
// and its net and gross revenue retention in percent, in the shortest form
// that reads back as the same float64. A figure that does not exist
// (cxmetrics.ErrUndefined: any retention of a month that starts with no
// revenue, such as the first) is left empty.
func formatRevenue(month string, r cxmetrics.RevenuePeriod) (string, error) {
	f := []string{month}
	for _, v := range [...]int64{r.Start, r.New, r.Expansion, r.Contraction, r.Churned, r.Reactivation, r.End} {
		f = append(f, strconv.FormatInt(v, 10))
	}
	for _, rate := range [...]func(cxmetrics.RevenuePeriod) (float64, error){
		cxmetrics.NetRevenueRetention, cxmetrics.GrossRevenueRetention,
	} {
		x, err := rate(r)
		switch {
		case err == nil:
			f = append(f, formatFloat(x))
		case errors.Is(err, cxmetrics.ErrUndefined):
			f = append(f, "")
		default:
			return "", fmt.Errorf("month %s: %w", month, err)
		}
	}
	return strings.Join(f, ","), nil
}

func init() {
	register.Function2x1(shardMRR)
	register.Emitter2[int, mrrRow]()
	register.Function2x1(rowMonth)
	register.Function5x1(classifyShard)
	register.Iter1[mrrRow]()
	register.Emitter2[string, cxmetrics.RevenuePeriod]()
	register.Function2x2(addRevenue)
	register.Function2x2(formatRevenue)
}

// revenuePipeline adds to s the revenue pipeline: read the MRR file at in,
// group the rows by customer group, classify each group's histories into
// monthly movements with the library, add the groups' movements up per
// month, and write one line per month, in no particular order, to the
// single file out.
func revenuePipeline(s beam.Scope, in, out string) {
	s = s.Scope("revenue")
	rows := beam.ParDo(s, shardMRR, textio.Read(s, in))
	months := beam.ParDo(s, rowMonth, rows)
	first, last := stats.Min(s, months), stats.Max(s, months)
	groups := beam.GroupByKey(s, rows)
	byMonth := beam.ParDo(s, classifyShard, groups, beam.SideInput{Input: first}, beam.SideInput{Input: last})
	sums := beam.CombinePerKey(s, addRevenue, byMonth)
	textio.Write(s, out, beam.ParDo(s, formatRevenue, sums))
}
