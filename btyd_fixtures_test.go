package cxmetrics_test

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// cdnowRFM returns the 2,357 customers of the CDNOW sample in weeks, with
// the calibration period ending 1997-09-30, and each one's transactions in
// the 39 weeks after (testdata/btyd/README.md).
func cdnowRFM(t testing.TB) ([]cxmetrics.RFM, []int64) {
	t.Helper()
	rows := readCSV(t, "testdata/btyd/cdnow_rfm.csv")
	customers := make([]cxmetrics.RFM, len(rows))
	holdout := make([]int64, len(rows))
	for i, r := range rows {
		customers[i] = cxmetrics.RFM{Frequency: atoi(t, r[1]), Recency: atof(t, r[2]), T: atof(t, r[3]), Monetary: atof(t, r[4])}
		holdout[i] = atoi(t, r[5])
	}
	return customers, holdout
}

// donations returns the 22 rows of the donation data of Fader, Hardie &
// Shang (2010) and how many donors share each.
func donations(t testing.TB) ([]cxmetrics.RFM, []int64) {
	t.Helper()
	rows := readCSV(t, "testdata/btyd/donations.csv")
	customers := make([]cxmetrics.RFM, len(rows))
	weights := make([]int64, len(rows))
	for i, r := range rows {
		customers[i] = cxmetrics.RFM{Frequency: atoi(t, r[0]), Recency: atof(t, r[1]), T: atof(t, r[2])}
		weights[i] = atoi(t, r[3])
	}
	return customers, weights
}

// readCSV returns the rows of a CSV file below its header.
func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func atoi(t testing.TB, s string) int64 {
	t.Helper()
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
