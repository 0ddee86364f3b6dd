package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// writeDrivers writes the key driver analysis, or why there is none.
func writeDrivers(w io.Writer, d *DriversReport) error {
	if d == nil {
		return nil
	}
	fmt.Fprintf(w, "\nKey drivers of the %s: %s\n", d.Outcome, d.Method)
	fmt.Fprintf(w, "%s, %d rated every driver on %s", plural(d.Respondents, "respondent"), d.Used, d.Scale)
	if d.Skipped > 0 {
		fmt.Fprintf(w, " (%d left out for a missing rating)", d.Skipped)
	}
	if d.RSquared != nil {
		fmt.Fprintf(w, "; the drivers explain %.1f%% of the answer's variance (R² %.3f)", 100**d.RSquared, *d.RSquared)
	}
	fmt.Fprintln(w)
	if d.Absent != "" {
		fmt.Fprintln(w, upperFirst(d.Absent))
		return nil
	}
	width := len("driver")
	for _, f := range d.Drivers {
		width = max(width, utf8.RuneCountInString(shortLabel(f.Name)))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\timportance %%\tShapley %%\tmean rating\tcorrelation\t  quadrant\n", pad("driver"))
	var share, mean float64
	for _, f := range d.Drivers {
		shapley := "—"
		if f.ShapleyShare != nil {
			shapley = fmt.Sprintf("%.1f", *f.ShapleyShare)
		}
		fmt.Fprintf(tw, "%s\t%.1f\t%s\t%.2f\t%.2f\t  %s\n", pad(shortLabel(f.Name)), f.Share, shapley, f.Mean, f.Correlation, f.Quadrant)
		share += f.Share / float64(len(d.Drivers))
		mean += f.Mean / float64(len(d.Drivers))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "Importance: each driver's share of R². Quadrants: importance above or below the mean share (%.1f%%),\n", share)
	fmt.Fprintf(w, "the mean rating above or below the mean of the drivers' (%.2f); fix first: important and rated low.\n", mean)
	return nil
}
