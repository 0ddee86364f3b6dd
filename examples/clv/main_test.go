package main

import (
	"bytes"
	"errors"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

const sample = "../../testdata/btyd/CDNOW_sample.txt"

// analyseSample runs the analysis on the repository's copy of the CDNOW
// sample.
func analyseSample(t *testing.T) (*analysis, string) {
	t.Helper()
	f, err := os.Open(sample)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := analyse(f, "CDNOW_sample.txt", 10)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := a.print(&out); err != nil {
		t.Fatal(err)
	}
	return a, out.String()
}

// TestPublishedFigures checks the estimates against those of Fader, Hardie
// & Lee (2005): BG/NBD r 0.243, α 4.414, a 0.793, b 2.426, log-likelihood
// −9582.4 ("Counting your customers the easy way"), and Gamma-Gamma
// p 6.25, q 3.74, γ 15.44 on 946 repeat buyers ("RFM and CLV"), each to
// the digits published, and that the program prints them so.
func TestPublishedFigures(t *testing.T) {
	a, out := analyseSample(t)
	within := func(name string, got, want, halfDigit float64) {
		t.Helper()
		if !(math.Abs(got-want) <= halfDigit*1.0001) {
			t.Errorf("%s = %.6f, published %v", name, got, want)
		}
	}
	within("r", a.bg.R, 0.243, 0.0005)
	within("alpha", a.bg.Alpha, 4.414, 0.0005)
	within("a", a.bg.A, 0.793, 0.0005)
	within("b", a.bg.B, 2.426, 0.0005)
	within("BG/NBD log-likelihood", a.bgReport.LogLikelihood, -9582.4, 0.05)
	within("p", a.gg.P, 6.25, 0.005)
	within("q", a.gg.Q, 3.74, 0.005)
	within("gamma", a.gg.Gamma, 15.44, 0.005)
	if a.ggReport.Customers != 946 {
		t.Errorf("Gamma-Gamma fitted on %d customers, want the 946 repeat buyers", a.ggReport.Customers)
	}
	// Each parameter's line: its name, the estimate, a standard error and
	// the published figure, the estimate printed as published.
	for _, line := range []string{
		`r\s+0\.243\s+0\.\d{3}\s+0\.243`,
		`alpha\s+4\.414\s+\d\.\d{3}\s+4\.414`,
		`a\s+0\.793\s+0\.\d{3}\s+0\.793`,
		`b\s+2\.426\s+\d\.\d{3}\s+2\.426`,
		`log-likelihood\s+-9582\.4\s+-9582\.4`,
		`p\s+6\.25\s+\d+\.\d{3}\s+6\.25`,
		`q\s+3\.74\s+\d+\.\d{3}\s+3\.74`,
		`gamma\s+15\.44\s+\d+\.\d{3}\s+15\.44`,
		`Calibration: 2357 customers, 946 repeat buyers, 2457 repeat purchases .*`,
		`Holdout, 39 weeks: \d+\.\d purchases expected .*, 1882 made .*`,
	} {
		if !regexp.MustCompile(`(?m)^\s*` + line + `\s*$`).MatchString(out) {
			t.Errorf("output has no line matching %q:\n%s", line, out)
		}
	}
	for i, se := range append(append([]float64{}, a.bgReport.StdErr...), a.ggReport.StdErr...) {
		if !(se > 0) || math.IsInf(se, 0) {
			t.Errorf("standard error %d is %v", i, se)
		}
	}
	t.Logf("\n%s", out)
}

// TestHoldout checks the comparison with the holdout against
// testdata/btyd/cdnow_rfm.csv, derived independently of the library: 1,882
// purchase days from 1997-10-01 to 1998-06-30 in all, and the mean by
// calibration frequency (0.24 for the 1,411 customers who made no repeat
// purchase, 6.36 for the 64 who made 7 or more). The model's side is the
// sum of its conditional expectations, which rise with x.
func TestHoldout(t *testing.T) {
	a, _ := analyseSample(t)
	rows := readFixture(t)
	var total float64
	want := make([]xRow, len(a.byX))
	for _, r := range rows {
		k := min(int(r[0]), len(want)-1)
		want[k].customers++
		want[k].actual += float64(r[1])
		total += float64(r[1])
	}
	if a.actual != total || total != 1882 {
		t.Errorf("%v purchases in the holdout, the fixture has %v (want 1882)", a.actual, total)
	}
	var predicted float64
	for k, r := range a.byX {
		w := want[k]
		if r.customers != w.customers || math.Abs(r.actual-w.actual/float64(w.customers)) > 1e-12 {
			t.Errorf("x = %s: %d customers, mean %v; the fixture has %d, mean %v", r.label, r.customers, r.actual, w.customers, w.actual/float64(w.customers))
		}
		if k > 0 && !(r.predicted > a.byX[k-1].predicted) {
			t.Errorf("x = %s: mean expectation %v, not above x = %s's %v", r.label, r.predicted, a.byX[k-1].label, a.byX[k-1].predicted)
		}
		predicted += r.predicted * float64(r.customers)
	}
	if math.Abs(predicted-a.predicted) > 1e-9*a.predicted || !(a.predicted > 0) {
		t.Errorf("%v purchases expected in all, %v by x", a.predicted, predicted)
	}
}

// readFixture returns the calibration frequency and the holdout frequency
// of each customer of testdata/btyd/cdnow_rfm.csv.
func readFixture(t *testing.T) [][2]int64 {
	t.Helper()
	data, err := os.ReadFile("../../testdata/btyd/cdnow_rfm.csv")
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]int64
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		f := strings.Split(line, ",")
		x, err1 := strconv.ParseInt(f[1], 10, 64)
		h, err2 := strconv.ParseInt(f[len(f)-1], 10, 64)
		if err1 != nil || err2 != nil || len(f) != 6 {
			t.Fatalf("cdnow_rfm.csv:%d: %q", i+2, line)
		}
		out = append(out, [2]int64{x, h})
	}
	return out
}

// TestRanking checks the ranking: ten customers, by value, each one's
// value at most its expected purchases times its expected spend (the
// value is discounted) and more than that discounted by a year at 15%.
func TestRanking(t *testing.T) {
	a, _ := analyseSample(t)
	if len(a.ranked) != 10 {
		t.Fatalf("%d customers ranked, want 10", len(a.ranked))
	}
	for i, r := range a.ranked {
		if i > 0 && r.value > a.ranked[i-1].value {
			t.Errorf("rank %d (%.2f) above rank %d (%.2f)", i+1, r.value, i, a.ranked[i-1].value)
		}
		if undiscounted := r.purchases * r.spend; !(r.value <= undiscounted && r.value > undiscounted/1.15) || !(r.alive >= 0 && r.alive <= 1) {
			t.Errorf("customer %d: value %v, purchases %v × spend %v, P(alive) %v", r.id, r.value, r.purchases, r.spend, r.alive)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        error
	}{
		{"short line", " 00004 0001 19970101  2\n", "x:1: 4 fields", nil},
		{"bad id", " 00004 one 19970101  2   29.33\n", `x:1: sample id "one"`, nil},
		{"bad date", " 00004 0001 19971301  2   29.33\n", `x:1: date "19971301"`, nil},
		{"bad dollars", " 00004 0001 19970101  2   29.333\n", `x:1: dollars "29.333"`, nil},
		{"negative dollars", " 00004 0001 19970101  2   -29.33\n", `x:1: dollars "-29.33"`, nil},
		{"dollars past int64", " 00004 0001 19970101  2   99999999999999999999.00\n", `x:1: dollars`, cxmetrics.ErrOverflow},
		{"out of order", " 00004 0001 19970105  2   1.00\n 00004 0001 19970101  2   1.00\n", "x:2: ", cxmetrics.ErrOutOfRange},
		{"no customer in the calibration", " 00004 0001 19971005  2   1.00\n", "x: no customer bought before 1997-09-30", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := read(strings.NewReader(tt.in), "x")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("read() = %v, want an error containing %q", err, tt.want)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("read() = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestParseCents(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{{"29.33", 2933}, {"0.00", 0}, {"7", 700}, {"7.5", 750}, {"1234.05", 123405}} {
		if got, err := parseCents(tt.in); err != nil || got != tt.want {
			t.Errorf("parseCents(%q) = %d, %v, want %d", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", ".5", "1.234", "+1.00", "1e3", "1,00", "0x10"} {
		if _, err := parseCents(in); err == nil {
			t.Errorf("parseCents(%q) took it", in)
		}
	}
}
