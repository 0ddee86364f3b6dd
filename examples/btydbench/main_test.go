package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cdnowFile writes the CDNOW sample (testdata/btyd/cdnow_rfm.csv) in
// gen_btyd.py's format and returns its path.
func cdnowFile(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("../../testdata/btyd/cdnow_rfm.csv")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("id,frequency,recency,T,monetary_value\n")
	for _, line := range strings.Split(strings.TrimSpace(string(src)), "\n")[1:] {
		f := strings.Split(line, ",") // id,frequency,recency,T,monetary,holdout_frequency
		b.WriteString(strings.Join(f[:5], ",") + "\n")
	}
	path := filepath.Join(t.TempDir(), "cdnow.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunCDNOW(t *testing.T) {
	customers, ids, err := readCustomers(cdnowFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(customers) != 2357 || ids[0] != 1 {
		t.Fatalf("%d customers, first id %d; want 2357 and 1", len(customers), ids[0])
	}
	res, err := run(customers, 2, 39, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Fader, Hardie & Lee (2005), section 5: r 0.243, α 4.414, a 0.793,
	// b 2.426; Gamma-Gamma p 6.25, q 3.74, γ 15.44 on the 946 repeat
	// buyers (Fader, Hardie & Lee 2005, "RFM and CLV").
	for _, c := range []struct {
		got, want, unit float64
	}{
		{res.model.R, 0.243, 1e-3}, {res.model.Alpha, 4.414, 1e-3}, {res.model.A, 0.793, 1e-3}, {res.model.B, 2.426, 1e-3},
		{res.spend.P, 6.25, 1e-2}, {res.spend.Q, 3.74, 1e-2}, {res.spend.Gamma, 15.44, 1e-2},
	} {
		if math.Abs(c.got-c.want) > c.unit/2 { // rounds to the printed figure
			t.Errorf("%v, want %v to %v", c.got, c.want, c.unit)
		}
	}
	if res.repeatBuyers != 946 {
		t.Errorf("%d repeat buyers, want 946", res.repeatBuyers)
	}
	var out strings.Builder
	if err := res.print(&out); err != nil {
		t.Fatal(err)
	}
	// The log-likelihood in weeks, −9582.4 in the paper.
	if !strings.Contains(out.String(), "bgnbd_loglik_weeks=-9582.4") {
		t.Errorf("output:\n%s\nwant bgnbd_loglik_weeks=-9582.4…", out.String())
	}
}

func TestReadCustomersNamesTheLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(path, []byte("id,frequency,recency,T,monetary_value\n1,2,3,4,5\n2,x,3,4,5\n"), 0o644)
	_, _, err := readCustomers(path)
	if err == nil || !strings.Contains(err.Error(), "bad.csv: line 3: frequency \"x\"") {
		t.Errorf("error %v, want one naming bad.csv line 3 and the frequency", err)
	}
	if _, err := parseParams("1,2,3"); err == nil {
		t.Error("parseParams of three numbers: no error")
	}
}
