package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
)

// rowsFile writes rows as little-endian int64 triples (customer, month,
// MRR), the format of gen_mrr.py, and returns the file's path.
func rowsFile(t *testing.T, rows [][3]int64) string {
	t.Helper()
	b := make([]byte, 0, 24*len(rows))
	for _, r := range rows {
		for _, v := range r {
			b = binary.LittleEndian.AppendUint64(b, uint64(v))
		}
	}
	path := filepath.Join(t.TempDir(), "mrr.bin")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRecords(t *testing.T) {
	path := rowsFile(t, [][3]int64{{7, 0, 2900}, {7, 1, 4900}, {9, 1, 900}})
	data, err := readRows(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []cxmetrics.MRRRecord[int64]
	var row int
	for r := range records(data, &row) {
		got = append(got, r)
	}
	want := []cxmetrics.MRRRecord[int64]{
		{Customer: 7, Period: 0, MRR: 2900},
		{Customer: 7, Period: 1, MRR: 4900},
		{Customer: 9, Period: 1, MRR: 900},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}
	if row != 2 {
		t.Errorf("last row = %d, want 2", row)
	}
}

func TestRun(t *testing.T) {
	// Customer 1 pays 100, 150, stops, pays 150 again; customer 2 joins
	// in month 1. Every movement kind appears once.
	rows := [][3]int64{{1, 0, 100}, {1, 1, 150}, {2, 1, 50}, {2, 2, 40}, {1, 3, 150}, {2, 3, 40}}
	path := rowsFile(t, rows)
	data, err := readRows(path)
	if err != nil {
		t.Fatal(err)
	}
	// The movements worked by hand from the rows above.
	want := []cxmetrics.RevenuePeriod{
		{Start: 0, New: 100, End: 100},
		{Start: 100, New: 50, Expansion: 50, End: 200},
		{Start: 200, Contraction: 10, Churned: 150, End: 40},
		{Start: 40, Reactivation: 150, End: 190},
	}
	wantCohorts := [][]int64{{1, 1, 0, 1}, {1, 1, 1}, {0, 0}, {0}}
	fronts := map[string]func() (*result, error){
		"history, period order": func() (*result, error) { return runHistory(data, path, 4, cxmetrics.PeriodOrder) },
		"history, any order":    func() (*result, error) { return runHistory(data, path, 4, cxmetrics.AnyOrder) },
		"ledger":                func() (*result, error) { return runLedger(data, path) },
	}
	for name, run := range fronts {
		t.Run(name, func(t *testing.T) {
			res, err := run()
			if err != nil {
				t.Fatal(err)
			}
			for i := range res.rev {
				res.rev[i] = cxmetrics.RevenuePeriod{Start: res.rev[i].Start, New: res.rev[i].New,
					Reactivation: res.rev[i].Reactivation, Expansion: res.rev[i].Expansion,
					Contraction: res.rev[i].Contraction, Churned: res.rev[i].Churned, End: res.rev[i].End}
			}
			if diff := cmp.Diff(want, res.rev); diff != "" {
				t.Errorf("movements (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantCohorts, res.cohorts); diff != "" {
				t.Errorf("cohorts (-want +got):\n%s", diff)
			}
			var b strings.Builder
			if err := res.print(&b, 0, true); err != nil {
				t.Fatal(err)
			}
			// Month 3: NRR 100 × (40 + 0 − 0 − 0) / 40; cohort 0 is customer 1
			// alone, paying 100 then 150 at age 3.
			for _, line := range []string{
				"    3           40            0          150            0            0            0          190         2         1         0  100.00%",
				"retention of cohort 0 (1 customers) at age 3: logo 100.00%, revenue 150.00%",
				"cohort 2 0 0",
			} {
				if !strings.Contains(b.String(), line) {
					t.Errorf("output lacks %q:\n%s", line, b.String())
				}
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	ragged := filepath.Join(dir, "ragged.bin")
	if err := os.WriteFile(ragged, make([]byte, 25), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readRows(ragged); err == nil || !strings.Contains(err.Error(), "25 bytes is not a whole number of 24-byte rows") {
		t.Errorf("readRows(ragged) = %v", err)
	}
	if _, err := readRows(filepath.Join(dir, "none.bin")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("readRows(missing) = %v", err)
	}
	tests := []struct {
		name, want string
		rows       [][3]int64
		ledger     bool
	}{
		{"negative MRR", "row 0: cxmetrics: negative value: customer 1 in period 0: MRR -5", [][3]int64{{1, 0, -5}}, false},
		{"month past the history", "row 0: cxmetrics: out of range: customer 1 in period 9", [][3]int64{{1, 9, 5}}, false},
		{"negative MRR, ledger", "row 1: cxmetrics: negative value: customer 1 in 2024-02: MRR -5", [][3]int64{{1, 0, 5}, {1, 1, -5}}, true},
		{"negative month, ledger", "row 0: month -1 is outside", [][3]int64{{1, -1, 5}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := rowsFile(t, tt.rows)
			data, err := readRows(path)
			if err != nil {
				t.Fatal(err)
			}
			if tt.ledger {
				_, err = runLedger(data, path)
			} else {
				_, err = runHistory(data, path, 4, cxmetrics.AnyOrder)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
