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
	path := rowsFile(t, [][3]int64{{1, 0, 100}, {1, 1, 150}, {2, 1, 50}, {2, 2, 40}, {1, 3, 150}, {2, 3, 40}})
	for _, order := range []cxmetrics.Order{cxmetrics.PeriodOrder, cxmetrics.AnyOrder} {
		if err := run(path, 4, order, 0, true); err != nil {
			t.Errorf("run(%v) = %v", order, err)
		}
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	ragged := filepath.Join(dir, "ragged.bin")
	if err := os.WriteFile(ragged, make([]byte, 25), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
		months           int
	}{
		{"missing file", filepath.Join(dir, "none.bin"), "no such file", 4},
		{"not whole rows", ragged, "25 bytes is not a whole number of 24-byte rows", 4},
		{"negative MRR", rowsFile(t, [][3]int64{{1, 0, -5}}), "negative", 4},
		{"month past the history", rowsFile(t, [][3]int64{{1, 9, 5}}), "out of range", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(tt.path, tt.months, cxmetrics.AnyOrder, 0, false)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
