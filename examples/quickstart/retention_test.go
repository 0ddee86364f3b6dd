package main

import (
	"strings"
	"testing"
)

func TestPrintRetention(t *testing.T) {
	var b strings.Builder
	if err := printRetention(&b); err != nil {
		t.Fatalf("printRetention: %v", err)
	}
	out := b.String()
	for _, want := range []struct{ what, text string }{
		// January: 100 × (3,000,000 + 120,000 − 45,000 − 150,000) / 3,000,000.
		{"January NRR", "97.5%"},
		// (350,000 + 120,000 + 25,000) / (45,000 + 150,000) = 2.538…
		{"January quick ratio", "2.54"},
		// June: 100 × (156 + 13 − 164) / 156 = 3.205…% churn.
		{"June churn", "churn 3.21% a month"},
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

func TestReadMonthsErrors(t *testing.T) {
	header := "month,customers_start,customers_new,customers_end,mrr_start_cents,new_cents,expansion_cents,contraction_cents,churned_cents,reactivation_cents,mrr_end_cents\n"
	for _, tc := range []struct{ name, data, want string }{
		{"not a number", header + "2026-01,120,14,x,3000000,0,0,0,0,0,3000000\n", `line 2: customers_end "x" is not a whole number`},
		{"unbalanced", header + "2026-01,120,0,120,3000000,0,0,0,1,0,3000000\n", "line 2: MRR: cxmetrics: unbalanced"},
		{"impossible customers", header + "2026-01,10,20,15,3000000,0,0,0,0,0,3000000\n", "line 2: customers: cxmetrics: inconsistent"},
		{"no months", header, "no months"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readRevenueMonths(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("readRevenueMonths error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
