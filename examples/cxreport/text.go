package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// writeText writes the report as aligned text tables. A label longer than
// maxLabelWidth characters is cut short with "…" (shortLabel); the JSON
// and HTML outputs show it whole.
func writeText(w io.Writer, r *Report) error {
	conf := strconv.FormatFloat(100*r.Confidence, 'f', -1, 64) + "%"
	if s := r.Surveys; s != nil {
		fmt.Fprintf(w, "Survey answers: %s, %d rows", s.Source, s.Rows)
		if s.Skipped > 0 {
			fmt.Fprintf(w, ", %d bad rows skipped", s.Skipped)
		}
		if s.Empty > 0 {
			fmt.Fprintf(w, ", %d empty answers (skipped questions) left out", s.Empty)
		}
		fmt.Fprintf(w, "; by %s, %s intervals\n", s.Period, conf)
		for _, m := range s.Metrics {
			if err := writeMetric(w, m, conf); err != nil {
				return err
			}
			if err := writeComparisons(w, m, conf, s.Period); err != nil {
				return err
			}
		}
		if err := writeDrivers(w, s.Drivers); err != nil {
			return err
		}
	}
	if rev := r.Revenue; rev != nil {
		if r.Surveys != nil {
			fmt.Fprintln(w)
		}
		if err := writeRevenue(w, rev, conf); err != nil {
			return err
		}
	}
	return nil
}

// metricTitles are the headings of the metrics, and countNames the counts
// each shows, in order.
var (
	metricTitles = map[string]string{
		"nps":  "NPS",
		"csat": "CSAT",
		"ces":  "CES",
	}
	countNames = map[string][]string{
		"nps":  {"promoters", "passives", "detractors"},
		"csat": {"satisfied", "not_satisfied"},
		"ces":  {"easy", "neutral", "difficult"},
	}
)

func writeMetric(w io.Writer, m Metric, conf string) error {
	title := metricTitles[m.Name]
	fmt.Fprintf(w, "\n%s on %s: %s; interval: %s\n", title, m.Scale, m.Unit, m.Interval)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	// The labels are padded to be left-aligned, to the widest of them as
	// shortLabel cuts them, so that one long label cannot widen every row
	// beyond maxLabelWidth.
	width := 0
	for _, f := range m.Periods {
		width = max(width, labelWidth(f.Period))
	}
	for _, f := range m.Segments {
		width = max(width, labelWidth(f.Segment))
	}
	head := []string{fmt.Sprintf("%-*s", width, "period"), "answers", title, conf + " interval"}
	for _, c := range countNames[m.Name] {
		head = append(head, strings.ReplaceAll(c, "_", " "))
	}
	if m.Name == "ces" {
		head = append(head, "easy %", "net")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	row := func(label string, f Figure) {
		cells := []string{fmt.Sprintf("%-*s", width, shortLabel(label)), strconv.FormatInt(f.Answers, 10), format(f.Score, m.Name), formatInterval(f.Lo, f.Hi, m.Name)}
		for _, c := range countNames[m.Name] {
			cells = append(cells, strconv.FormatInt(f.Counts[c], 10))
		}
		if f.EasyPercent != nil {
			cells = append(cells, fmt.Sprintf("%.1f", *f.EasyPercent), fmt.Sprintf("%+.1f", *f.Net))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	for _, f := range m.Periods {
		row(f.Period, f)
	}
	if len(m.Segments) > 0 {
		// The same columns, by segment over all periods.
		fmt.Fprintln(tw, fmt.Sprintf("%-*s", width, "segment")+strings.Repeat("\t", len(head)))
	}
	for _, f := range m.Segments {
		row(f.Segment, f)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if m.Change == nil {
		return nil
	}
	c := m.Change
	fmt.Fprintf(w, "Change %s to %s: %s\n", c.From, c.To, describeChange(*c, m.Name, conf))
	for _, c := range m.SegmentChanges {
		fmt.Fprintf(w, "  %s: %s\n", shortLabel(c.Segment), describeChange(c, m.Name, conf))
	}
	return nil
}

// describeChange says a change in words, with its interval and p-value.
func describeChange(c Change, metric, conf string) string {
	verdict := "could be noise"
	if c.Significant {
		verdict = "significant"
	}
	unit := " points"
	if metric == "ces" {
		unit = "" // a difference of mean answers
	}
	p := fmt.Sprintf("p = %.3f", c.P)
	if c.AdjustedP != nil {
		p += fmt.Sprintf(", adjusted %.3f", *c.AdjustedP)
	}
	return fmt.Sprintf("%s%s (%s interval %s to %s), %s: %s",
		formatSigned(c.Diff, metric), unit, conf, format(c.Lo, metric), format(c.Hi, metric), p, verdict)
}

// format prints a score: CES means with two decimals, the rest with one.
func format(x float64, metric string) string {
	decimals := 1
	if metric == "ces" {
		decimals = 2
	}
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-") // not "-0.0" for a tiny negative
	}
	return s
}

func formatSigned(x float64, metric string) string {
	if x >= 0 {
		return "+" + format(x, metric)
	}
	return format(x, metric)
}

func formatInterval(lo, hi *float64, metric string) string {
	if lo == nil {
		return "-"
	}
	return format(*lo, metric) + " to " + format(*hi, metric)
}

func writeRevenue(w io.Writer, r *RevenueReport, conf string) error {
	fmt.Fprintf(w, "MRR history: %s, %d rows", r.Source, r.Rows)
	if r.Skipped > 0 {
		fmt.Fprintf(w, ", %d bad rows skipped", r.Skipped)
	}
	fmt.Fprintf(w, ", %d customers; by month, amounts in currency units\n", r.Customers)
	if n := len(r.Excluded); n > 0 {
		fmt.Fprintf(w, "%d customers left out, as a row of theirs was skipped: %s\n", n, shortList(r.Excluded, 5))
	}
	if o := r.Opening; o != nil {
		arr := "—"
		if o.ARR != nil {
			arr = money(*o.ARR)
		}
		fmt.Fprintf(w, "Opening book %s: %d customers, MRR %s (ARR %s), what they paid when the records begin, not new business\n",
			o.Period, o.Customers, money(o.MRR), arr)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "month\tMRR start\tnew\treactivation\texpansion\tcontraction\tchurned\tMRR end\tcustomers\tlost\tNRR %\tGRR %\tquick ratio\t")
	for _, p := range r.Periods {
		fmt.Fprintf(tw, "%s\t%s\t+%s\t+%s\t+%s\t-%s\t-%s\t%s\t%d → %d\t%d\t%s\t%s\t%s\t\n",
			p.Period, money(p.Start), money(p.New), money(p.Reactivation), money(p.Expansion),
			money(p.Contraction), money(p.Churned), money(p.End),
			p.CustomersStart, p.CustomersEnd, p.CustomersLost,
			optionalFloat(p.NRR, 1), optionalFloat(p.GRR, 1), optionalFloat(p.QuickRatio, 2))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "NRR and GRR do not exist for a month that starts with no MRR, nor the")
	fmt.Fprintln(w, "quick ratio for a month that loses none: they show as —.")

	for _, kind := range []string{"logo", "revenue"} {
		if kind == "logo" {
			fmt.Fprintln(w, "\nLogo retention by cohort: percent of each month's new customers paying, by months since")
		} else {
			fmt.Fprintln(w, "\nRevenue retention by cohort: MRR as a percent of the cohort's first month, by months since")
		}
		tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
		head := "cohort\tsize\t"
		for a := range r.Cohorts {
			head += strconv.Itoa(a) + "\t"
		}
		fmt.Fprintln(tw, head)
		for _, c := range r.Cohorts {
			cells := c.LogoRetention
			size := strconv.FormatInt(c.Customers[0], 10)
			if kind == "revenue" {
				cells, size = c.RevenueRetention, money(c.MRR[0])
			}
			line := c.Cohort + "\t" + size + "\t"
			for _, v := range cells {
				line += strconv.FormatFloat(v, 'f', 0, 64) + "\t"
			}
			fmt.Fprintln(tw, line)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return writeRetention(w, r.Retention, r.NoRetention, conf)
}

// writeRetention writes the Kaplan–Meier curve by age, the median
// lifetime, and the sBG fit, projection and values, or why there are
// none.
func writeRetention(w io.Writer, r *Retention, absent, conf string) error {
	fmt.Fprintln(w, "\nRetention by age (Kaplan–Meier)")
	if r == nil {
		wrap(w, "None: "+absent+".")
		return nil
	}
	wrap(w, fmt.Sprintf("The first spell of each of %d customers, from the first payment to the first month without "+
		"one; a customer who returns is not counted again. %d churned; %d still pay, censored at their age in the "+
		"last month. Survival in percent, with %s log-log intervals (Greenwood).",
		r.Customers, r.Churned, r.Censored, conf))
	if len(r.Curve) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		head := "age\tat risk\tchurned\tcensored\tsurvival\tinterval\t"
		if r.SBG != nil {
			head += "sBG fit\t"
		}
		fmt.Fprintln(tw, head)
		for _, a := range r.Curve {
			fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%.1f\t%.1f to %.1f\t", a.Age, a.AtRisk, a.Churned, a.Censored, a.Survival, a.Lo, a.Hi)
			if r.SBG != nil {
				fmt.Fprintf(tw, "%.1f\t", r.SBG.Fitted[a.Age].Survival)
			}
			fmt.Fprintln(tw)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	wrap(w, "Median lifetime: "+r.medianText(conf)+".")
	p := r.SBG
	if p == nil {
		wrap(w, "Projection (shifted-beta-geometric): none: "+r.NoSBG+".")
		return nil
	}
	wrap(w, fmt.Sprintf("Projection: the shifted-beta-geometric model (Fader & Hardie 2007) fitted to the same "+
		"lifetimes: α %.3f ± %.3f, β %.3f ± %.3f (standard errors), log-likelihood %.1f. Survival in percent:",
		p.Alpha, p.AlphaSE, p.Beta, p.BetaSE, p.LogLikelihood))
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	ages, survival := "age\t", "sBG\t"
	for _, a := range p.Projection {
		ages += strconv.Itoa(a.Age) + "\t"
		survival += strconv.FormatFloat(a.Survival, 'f', 1, 64) + "\t"
	}
	fmt.Fprintln(tw, ages)
	fmt.Fprintln(tw, survival)
	if err := tw.Flush(); err != nil {
		return err
	}
	v := p.Value
	if v == nil {
		wrap(w, "Lifetime value: none: "+p.NoValue+".")
		return nil
	}
	wrap(w, fmt.Sprintf("Lifetime value by the model, in revenue (no margin taken off), at ARPA %s (the last month's "+
		"MRR per customer) and -discount %v%% a month: a new customer %s (%.1f discounted months of payments); "+
		"still to come from a customer by age (months since the first payment):",
		money(v.ARPA), v.Discount, money(v.Value), v.Lifetime))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "age\tdiscounted months to come\tvalue\t")
	for _, rv := range v.Residual {
		fmt.Fprintf(tw, "%d\t%.1f\t%s\t\n", rv.Age, rv.Lifetime, money(rv.Value))
	}
	return tw.Flush()
}

// medianText says the median lifetime with its interval, or that it is
// not reached.
func (r *Retention) medianText(conf string) string {
	m := r.Median
	if m == nil {
		s := 100.0
		if n := len(r.Curve); n > 0 {
			s = r.Curve[n-1].Survival
		}
		return fmt.Sprintf("not reached: %.1f%% still pay at %s, the longest lifetime observed", s, months(float64(r.MaxAge)))
	}
	if m.Lo == nil && m.Hi == nil {
		return months(m.Age) + " (no interval: every customer at risk churned at once)"
	}
	limit := func(x *float64, past string) string {
		if x == nil {
			return past
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	}
	return fmt.Sprintf("%s (%s interval %s to %s)", months(m.Age), conf,
		limit(m.Lo, "not reached"), limit(m.Hi, "not reached"))
}

// wrap writes text in lines of at most 90 bytes, broken at spaces.
func wrap(w io.Writer, text string) {
	const width = 90
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			fmt.Fprintln(w, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	fmt.Fprintln(w, line)
}

// money prints cents as units with a thousands separator: 1,299.50.
func money(cents int64) string {
	s := strconv.FormatInt(cents/100, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("%s.%02d", s, cents%100)
}

func optionalFloat(x *float64, decimals int) string {
	if x == nil {
		return "—"
	}
	return strconv.FormatFloat(*x, 'f', decimals, 64)
}

// optionalPercent formats a percent with one decimal and its sign, or "—"
// for a figure that does not exist.
func optionalPercent(x *float64) string {
	if x == nil {
		return "—"
	}
	return optionalFloat(x, 1) + "%"
}

// shortList joins the first n of names, cut short, and says how many
// more there are.
func shortList(names []string, n int) string {
	var parts []string
	for i, name := range names {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(names)-n))
			break
		}
		parts = append(parts, shortLabel(name))
	}
	return strings.Join(parts, ", ")
}
