package main

import (
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

func TestPrintRetention(t *testing.T) {
	var b strings.Builder
	if err := printRetention(&b); err != nil {
		t.Fatalf("printRetention: %v", err)
	}
	out := b.String()
	for _, want := range []struct{ what, text string }{
		// 40 customers paid in 2025-01; the sum of their rows is 1,724,000 cents.
		{"opening book", "opening book 2025-01: 40 customers, MRR $17,240.00, ARR $206,880.00"},
		// 2025-05 starts at 2,329,600 cents with 59,700 expansion, 242,200
		// contraction and 297,000 churned:
		// 100 × (2,329,600 + 59,700 − 242,200 − 297,000) / 2,329,600 = 79.42…
		// and 100 × (2,329,600 − 242,200 − 297,000) / 2,329,600 = 76.85…
		{"2025-05 NRR and GRR", "79.4%  76.9%"},
		// The 44 customers of 2025-02 paid 2,115,300 cents; in 2026-02 they
		// paid 2,158,000 (102.02%), of which 1,058,400 (50.04%) was at most
		// what each paid at the start; 34 of the 44 still paid (77.27%).
		{"TTM", "NRR 102.0%, GRR 50.0%, logo retention 77.3%"},
		// 2026-02: 63 customers at the start, 66 at the end after 5 new
		// (4 first payments, 1 return), so 2 left: 100 × 2/63 = 3.17%;
		// 100 × (1 − (1 − 2/63)^12) = 32.1%.
		{"2026-02 churn", "churn 3.17% a month compounds to 32.1% a year"},
		// Acme: (35×90 + 15×66.7 + 20×90 + 20×90 + 10×100) / 100.
		{"Acme health", "87.5   green"},
		// Globex has no NPS answer.
		{"unknown sentiment", "     -"},
	} {
		if !strings.Contains(out, want.text) {
			t.Errorf("%s: output lacks %q:\n%s", want.what, want.text, out)
		}
	}
}

// TestMonthsRecounted checks each printed month against a recount of
// billing.csv written out here without the library: a map of what each
// customer paid in each month, compared month to month.
func TestMonthsRecounted(t *testing.T) {
	rows, err := csv.NewReader(strings.NewReader(billingCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	paid := map[string]map[string]int64{} // month → customer → cents
	for _, row := range rows[1:] {
		cents, err := parseCents(row[2])
		if err != nil {
			t.Fatal(err)
		}
		month := row[1][:7]
		if paid[month] == nil {
			paid[month] = map[string]int64{}
		}
		paid[month][row[0]] += cents
	}
	var months []string
	for m := range paid {
		months = append(months, m)
	}
	sort.Strings(months)

	var b strings.Builder
	if err := printRetention(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for i := 1; i < len(months); i++ {
		before, after := paid[months[i-1]], paid[months[i]]
		var start, expansion, contraction, churned int64
		for c, was := range before {
			start += was
			switch now := after[c]; {
			case now == 0:
				churned += was
			case now > was:
				expansion += now - was
			default:
				contraction += was - now
			}
		}
		nrr := 100 * float64(start+expansion-contraction-churned) / float64(start)
		grr := 100 * float64(start-contraction-churned) / float64(start)
		line := fmt.Sprintf("%d → %d", len(before), len(after))
		want := fmt.Sprintf("%.1f%%  %.1f%%", nrr, grr)
		found := false
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), months[i]+" ") {
				found = strings.Contains(l, line) && strings.Contains(l, want) &&
					strings.Contains(l, formatCents(float64(expansion))) &&
					strings.Contains(l, formatCents(float64(churned)))
			}
		}
		if !found {
			t.Errorf("%s: want customers %s, expansion %s, churned %s, NRR and GRR %s in:\n%s",
				months[i], line, formatCents(float64(expansion)), formatCents(float64(churned)), want, out)
		}
	}
}

func TestReadBillingErrors(t *testing.T) {
	const header = "customer,date,mrr,plan\n"
	for _, tc := range []struct{ name, data, want string }{
		{"fields", header + "c1,2025-01-03,49.00\n", "line 2: 3 fields, want 4"},
		{"date", header + "c1,2025-13-03,49.00,basic\n", `line 2: date "2025-13-03" is not YYYY-MM-DD`},
		{"no cents", header + "c1,2025-01-03,49,basic\n", `line 2: mrr "49": want dollars and two decimals`},
		{"negative", header + "c1,2025-01-03,-49.00,basic\n", `line 2: mrr "-49.00"`},
		{"huge", header + "c1,2025-01-03,92233720368547758.07,basic\n", `line 2: mrr "92233720368547758.07"`},
		{"overflow", header + "c1,2025-01-03,90000000000000000.00,basic\nc1,2025-01-09,90000000000000000.00,basic\n",
			"line 3: cxmetrics: overflow"},
		{"empty", header, "no rows below the header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := cxmetrics.NewMRRLedger[string](cxmetrics.Calendar{})
			err := readBilling(l, tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("readBilling error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestFormatCents(t *testing.T) {
	for _, tc := range []struct {
		cents float64
		want  string
	}{
		{0, "$0.00"},
		{99, "$0.99"},
		{123456, "$1,234.56"},
		{100000000, "$1,000,000.00"},
		{-123456, "-$1,234.56"},
	} {
		if got := formatCents(tc.cents); got != tc.want {
			t.Errorf("formatCents(%v) = %q, want %q", tc.cents, got, tc.want)
		}
	}
}
