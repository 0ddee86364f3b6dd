package main

import (
	"fmt"
	"strconv"
)

// retentionTable is the retention section of the page in words and a
// table: what a lifetime is, the curve by age beside the sBG fit and its
// projection, the median, the model and its values, or why they are
// absent.
type retentionTable struct {
	Absent    string // why there is no curve at all
	Spells    string
	Rows      []retentionRow
	HasSBG    bool
	Median    string
	Model     string // the sBG's parameters, or why there are none
	Value     string
	Residual  []ResidualValue
	ChartNote string
}

// retentionRow is an age of the table: observed, with the fit beside it,
// or projected.
type retentionRow struct {
	Age                       int
	AtRisk, Churned, Censored string
	Survival, Interval, SBG   string
	Projected                 bool
}

// newRetentionTable lays out r, or says absent when r is nil; conf is
// "95%".
func newRetentionTable(r *Retention, absent, conf string) *retentionTable {
	if r == nil {
		return &retentionTable{Absent: "No retention curve: " + absent + "."}
	}
	t := &retentionTable{
		Spells: fmt.Sprintf("The first spell of each of %s, from the first payment to the first month without one; "+
			"a customer who returns is not counted again. %d churned; %d still pay, censored at their age in the last month.",
			plural(r.Customers, "customer"), r.Churned, r.Censored),
		Median: "Median lifetime: " + r.medianText(conf) + ".",
		HasSBG: r.SBG != nil,
	}
	t.ChartNote = fmt.Sprintf("Step line: the Kaplan–Meier estimate of the share of customers still paying at each age, "+
		"with its %s log-log interval (Greenwood) shaded.", conf)
	for _, a := range r.Curve {
		row := retentionRow{Age: a.Age, AtRisk: strconv.FormatInt(a.AtRisk, 10), Churned: strconv.FormatInt(a.Churned, 10),
			Censored: strconv.FormatInt(a.Censored, 10), Survival: pct1(a.Survival),
			Interval: pct1(a.Lo) + " to " + pct1(a.Hi)}
		if r.SBG != nil {
			row.SBG = pct1(r.SBG.Fitted[a.Age].Survival)
		}
		t.Rows = append(t.Rows, row)
	}
	p := r.SBG
	if p == nil {
		t.Model = "No projection (shifted-beta-geometric): " + r.NoSBG + "."
		t.ChartNote += " No projection: see the table."
		return t
	}
	for _, a := range p.Projection {
		t.Rows = append(t.Rows, retentionRow{Age: a.Age, SBG: pct1(a.Survival), Projected: true})
	}
	t.Model = fmt.Sprintf("Projection: the shifted-beta-geometric model (Fader & Hardie 2007) fitted to the same lifetimes, "+
		"α %.3f ± %.3f, β %.3f ± %.3f (standard errors).", p.Alpha, p.AlphaSE, p.Beta, p.BetaSE)
	t.ChartNote += fmt.Sprintf(" Dashed line: the sBG model fitted to the same lifetimes, and projected %d months past the longest observed.", projectedAges)
	v := p.Value
	if v == nil {
		t.Value = "No lifetime value: " + p.NoValue + "."
		return t
	}
	t.Value = fmt.Sprintf("Lifetime value by the model, in revenue (no margin taken off), at ARPA %s (the last month's MRR per customer) "+
		"discounted at %v%% a month: %s for a new customer (%.1f discounted months of payments). Still to come from a customer by age (months since the first payment):",
		money(v.ARPA), v.Discount, money(v.Value), v.Lifetime)
	t.Residual = v.Residual
	return t
}

// pct1 prints a percent with one decimal: 97.4%, 100.0%.
func pct1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }
