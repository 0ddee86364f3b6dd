package main

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/cxmetrics/cxmetrics"
)

// revenueShards is the number of groups the customers are hashed into.
// Each group's rows go to one worker, which classifies its customers'
// histories with one cxmetrics.MRRLedger: a customer's whole history must
// be in one place to be classified, and one ledger per group, rather
// than one per customer, keeps the per-customer cost that of the library's
// own tables. A ledger takes 12 bytes a row (16 under -combine last or
// without -combine, which keep each row's day) and 8 a customer, plus the
// customer index, and the gathered rows about 15 bytes a row more than
// their customer IDs: a worker needs that times the rows of its group.
const revenueShards = 64

// shardMRRFn is the DoFn that reads a line of an MRR file and keys the
// row by its customer's group. The header and empty lines emit nothing.
type shardMRRFn struct {
	Layout mrrLayout
	r      *mrrReader
}

// Setup makes the reader of the layout, on the worker.
func (f *shardMRRFn) Setup() error {
	var err error
	f.r, err = newMRRReader(f.Layout)
	return err
}

// ProcessElement reads one line.
func (f *shardMRRFn) ProcessElement(line string, emit func(int, mrrRow)) error {
	row, ok, err := f.r.row(line)
	if err != nil {
		return fmt.Errorf("%s: line %q: %w", f.Layout.Table.Name, line, err)
	}
	if ok {
		h := fnv.New32a()
		h.Write([]byte(row.Customer))
		emit(int(h.Sum32()%revenueShards), row)
	}
	return nil
}

// rowPeriod is the month of an MRR row.
func rowPeriod(_ int, row mrrRow) int { return row.Period }

// gatherFn is the CombineFn that gathers the rows of one group of
// customers, so that they reach one worker together. Its accumulator is
// the rows in a compact binary form (appendRow). It stands where a
// GroupByKey of the rows would: the local runner keeps each element it
// groups in a heap of its own, which on 10⁶ rows took three times as long
// and four times the memory (README.md). A combiner is lifted instead:
// each worker gathers the rows of its part of the input before the
// shuffle, which then moves one accumulator per group and bundle.
type gatherFn struct{}

// AddInput adds a row to the group's rows.
func (*gatherFn) AddInput(rows []byte, row mrrRow) []byte { return appendRow(rows, row) }

// MergeAccumulators puts two lots of the group's rows together.
func (*gatherFn) MergeAccumulators(a, b []byte) []byte { return append(a, b...) }

// classifyFn is the DoFn that classifies the histories of one group of
// customers into movements with a cxmetrics.MRRLedger, over the months
// first to last of the whole input, and emits the group's RevenuePeriod
// of each month, keyed by the month's label.
type classifyFn struct {
	TZ      string // -tz: the months are those of this zone
	Combine string // -combine
	cal     cxmetrics.Calendar
	rule    cxmetrics.Combine
}

// Setup reads the flags, on the worker.
func (f *classifyFn) Setup() error {
	loc, err := loadZone(f.TZ)
	if err != nil {
		return err
	}
	if f.cal, err = cxmetrics.NewCalendar(cxmetrics.Monthly, loc); err != nil {
		return err
	}
	f.rule, err = combineRule(f.Combine)
	return err
}

// ProcessElement classifies one group. Every group spans every month, so
// that a customer whose last payment is before the last month churns in
// the month after it: a customer that cannot be one (the empty ID, which
// no row has) has a record of 0 in the first and the last month, and is
// then excluded from every figure, which keeps the span.
func (f *classifyFn) ProcessElement(_ int, rows []byte, first, last int, emit func(string, cxmetrics.RevenuePeriod)) error {
	ledger := cxmetrics.NewMRRLedger[string](f.cal, cxmetrics.CombineRecords(f.rule))
	for len(rows) > 0 {
		row, rest, err := nextRow(rows)
		if err != nil {
			return err
		}
		if err := ledger.Add(row.Customer, row.instant(), row.MRR); err != nil {
			return err
		}
		rows = rest
	}
	for _, p := range [...]int{first, last} {
		if err := ledger.Add("", f.cal.Start(p), 0); err != nil {
			return err
		}
	}
	if err := ledger.Exclude(""); err != nil {
		return err
	}
	periods, err := ledger.Periods()
	if errors.Is(err, cxmetrics.ErrAmbiguous) {
		return fmt.Errorf("%w; set -combine sum if they are several subscriptions, or -combine last if they are daily snapshots", err)
	}
	if err != nil {
		return err
	}
	// A month in which the group had no revenue at all adds nothing.
	nothing := cxmetrics.RevenuePeriod{}.WithBreakdown()
	for _, p := range periods {
		if p.Revenue != nothing {
			emit(p.Label, p.Revenue)
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
	register.DoFn2x1[string, func(int, mrrRow), error](&shardMRRFn{})
	register.Emitter2[int, mrrRow]()
	register.Function2x1(rowPeriod)
	register.Combiner2[[]byte, mrrRow](&gatherFn{})
	register.DoFn5x1[int, []byte, int, int, func(string, cxmetrics.RevenuePeriod), error](&classifyFn{})
	register.Iter1[mrrRow]()
	register.Emitter2[string, cxmetrics.RevenuePeriod]()
	register.Function2x2(addRevenue)
	register.Function2x2(formatRevenue)
}

// revenuePipeline adds to s the revenue pipeline: read the MRR file laid
// out as l, gather the rows by customer group, classify each group's
// histories into monthly movements with the library, combining a
// customer's rows in a month as -combine says, add the groups' movements
// up per month, and write one line per month, in no particular order, to
// the single file out.
func revenuePipeline(s beam.Scope, l mrrLayout, combine, out string) {
	s = s.Scope("revenue")
	rows := beam.ParDo(s, &shardMRRFn{Layout: l}, textio.Read(s, l.Table.Name))
	months := beam.ParDo(s, rowPeriod, rows)
	first, last := stats.Min(s, months), stats.Max(s, months)
	groups := beam.CombinePerKey(s, &gatherFn{}, rows)
	byMonth := beam.ParDo(s, &classifyFn{TZ: l.TZ, Combine: combine}, groups,
		beam.SideInput{Input: first}, beam.SideInput{Input: last})
	sums := beam.CombinePerKey(s, addRevenue, byMonth)
	textio.Write(s, out, beam.ParDo(s, formatRevenue, sums))
}
