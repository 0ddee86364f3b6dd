package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// writeComparisons writes, under a metric's tables, how its segment
// changes were adjusted, its trend, and its segments compared with the
// rest and with each other.
func writeComparisons(w io.Writer, m Metric, conf, period string) error {
	if m.ChangesNote != "" {
		fmt.Fprintf(w, "  (segment changes: %s; significant by the adjusted p)\n", m.ChangesNote)
	}
	if t := m.Trend; t != nil {
		fmt.Fprintf(w, "%s\n", upperFirst(describeTrend(*t, m.Name, period, conf)))
	} else if m.TrendNote != "" {
		fmt.Fprintf(w, "%s\n", upperFirst(m.TrendNote))
	}
	st := m.SegmentTests
	if st == nil {
		return nil
	}
	if st.Absent != "" {
		fmt.Fprintf(w, "%s\n", upperFirst(st.Absent))
		return nil
	}
	fmt.Fprintf(w, "Each segment against the rest, all %ss together (%s):\n", period, st.Note)
	if err := writeSegmentTests(w, m.Name, conf, st.VsRest); err != nil {
		return err
	}
	if st.Pairs == nil {
		fmt.Fprintf(w, "Pairs of segments: %s.\n", st.PairsNote)
		return nil
	}
	fmt.Fprintf(w, "Pairs of segments, the first minus the second (%s):\n", st.PairsNote)
	return writeSegmentTests(w, m.Name, conf, st.Pairs)
}

// writeSegmentTests writes comparisons of segments as a table: the
// segment (and the other of a pair), the difference with its interval,
// the raw and the adjusted p, and whether the adjusted p is significant.
func writeSegmentTests(w io.Writer, metric, conf string, tests []SegmentTest) error {
	labels := make([]string, len(tests))
	width := len("segment")
	for i, t := range tests {
		labels[i] = shortLabel(t.Segment)
		if t.Other != "" {
			labels[i] += " − " + shortLabel(t.Other)
		}
		width = max(width, utf8.RuneCountInString(labels[i]))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "segment%s\tdifference\t%s interval\tp\tadjusted p\t\n", strings.Repeat(" ", width-len("segment")), conf)
	for i, t := range tests {
		verdict := ""
		if t.Significant {
			verdict = "  significant"
		}
		fmt.Fprintf(tw, "%s%s\t%s\t%s to %s\t%s\t%s\t%s\n", labels[i], strings.Repeat(" ", width-utf8.RuneCountInString(labels[i])),
			formatSigned(t.Diff, metric), format(t.Lo, metric), format(t.Hi, metric),
			pCell(t.P), pCell(t.AdjustedP), verdict)
	}
	return tw.Flush()
}

// pCell writes a p-value for a table: 0.003, or <0.001.
func pCell(p float64) string {
	if p < 0.001 {
		return "<0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
