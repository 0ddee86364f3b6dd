// Cxreport reports customer-experience and SaaS retention metrics from CSV
// exports: NPS, CSAT and CES with confidence intervals by period and by
// segment, and whether the last change is more than noise, from a survey
// tool's answers; MRR movements, net and gross revenue retention, the
// quick ratio and cohort retention from a billing system's per-customer
// MRR. It is an example of the cxmetrics library at work.
//
//	go run ./examples/cxreport                       # embedded sample data, as text
//	go run ./examples/cxreport -format json          # the same as JSON
//	go run ./examples/cxreport -html report.html     # and a page with charts
//	go run ./examples/cxreport -answers answers.csv -mrr mrr.csv
//
// # Reading the code
//
// cxreport is a program to copy from. The library is used in four files;
// the rest is input and presentation:
//
//   - answers.go: survey answers into cxmetrics.Survey tallies, one per
//     period, segment and question, as they are read (Survey.Add).
//   - mrr.go: MRR rows into a cxmetrics.MRRHistory (NewMRRHistory, Add).
//   - report_surveys.go: the survey figures from the tallies (NPS, CSAT,
//     CES, their Interval and the Compare functions).
//   - report_revenue.go: the revenue figures from the history (Movements,
//     Cohorts, NetRevenueRetention, GrossRevenueRetention, QuickRatio),
//     with a figure that does not exist (cxmetrics.ErrUndefined) shown as
//     absent.
//   - report.go: the report's types, which are its JSON form.
//   - csvin.go, label.go, progress.go: reading CSV, cleaning labels,
//     progress on a terminal.
//   - text.go, html.go, charts.go, report.html: the three outputs.
//   - main.go: flags and exit statuses.
//
// # Input
//
// The answers file has a header row and one answer per row. The columns
// are found by name (in any case, in any order, others ignored): a date
// (-date-col, YYYY-MM-DD or a timestamp that starts so), a score
// (-score-col, a whole number), and optionally a segment (-segment-col)
// and the question (-question-col: nps, csat or ces). Without a question
// column every row answers -question. NPS is on 0-10, CSAT on -csat-scale
// (1-5), CES on -ces-scale (1-7, higher is easier; -ces-easy low for the
// original "how much effort" question).
//
// The MRR file has a header row and a row per customer and month:
// customer (-customer-col), month (-month-col, YYYY-MM or a date) and MRR
// (-mrr-col, in currency units with at most two decimals). Several rows of
// one customer in one month add up; a month without a row is a month the
// customer did not pay. The months of one file span 100 years (1200
// months) at most: the history, the report and its cohort table grow with
// the span, so a year mistyped in one row is an error (see Errors) rather
// than a history of thousands of years. The answers file has no such
// limit, since only the periods that have answers are reported.
//
// Both files are read as a stream: answers are tallied as they are read,
// and MRR rows go straight into the library's MRRHistory, so memory does
// not grow with the number of rows (the tallies grow with periods and
// segments, the MRR history with customers and months). The MRR file is
// read twice, to size the history and to see whether it is sorted by
// month. On a terminal, a file that takes more than a second to read shows
// a line of progress on stderr.
//
// # Labels
//
// Text taken from a file (segments, column names, customer IDs) is
// cleaned as it is read, so that the text, JSON and HTML outputs and the
// error messages show the same label and none carries a byte that a
// terminal or a browser would act on. Each control character (C0, DEL and
// C1, so ESC, BEL, a tab or a quoted newline), line or paragraph
// separator (U+2028, U+2029) and bidirectional embedding, override or
// isolate (U+202A-U+202E, U+2066-U+2069) is written as a Go escape (\x1b,
// \a, \n, \u2028), and each byte of invalid UTF-8 as \xHH (\xff):
// "evil<ESC>[31m" becomes evil\x1b[31m. A backslash in the file is kept as
// it is, so a segment written with the four characters \x1b and one with
// an ESC byte are the same segment. Letters of any script, spaces and
// emoji are kept. A value that an error message quotes is escaped as Go's
// %q does.
//
// The text output cuts a label longer than 40 characters to its first 39
// and "…", and pads labels to the widest of them as cut, so that its lines
// stay short whatever the file; JSON and HTML show labels whole.
//
// # Errors
//
// A bad row stops cxreport with exit status 1 and a message that names the
// file, line, column and value:
//
//	cxreport: answers.csv:118:20: score "11" is outside 0-10 (nps)
//
// With -skip-bad, bad rows are counted and skipped instead, and stderr and
// the report say how many. Two errors of the MRR file stop cxreport even
// with -skip-bad, since neither is the fault of one row alone: a row
// whose month makes the file span more than 1200 months, and a row that
// brings the total MRR of a month past the largest int64 of cents:
//
//	cxreport: mrr.csv:3:3: month "9999-12" and 0000-01 on line 2 span 120000 months; cxreport takes at most 1200 (100 years): is a year mistyped?
//
// Bad usage (an unknown flag, a file that cannot be opened) exits with
// status 2.
//
// # JSON
//
// -format json writes one object. Field names are stable; scores are
// rounded to 4 decimals, amounts are integer cents. A figure that does not
// exist (NRR of a month that starts with no MRR, the interval of a CES
// with one answer) is null, never 0.
//
//	{
//	  "confidence": 0.95,            // of every interval and test
//	  "surveys": {                   // absent without answers
//	    "source": "answers.csv", "rows": 3000, "skipped": 0,
//	    "period": "month",           // or "quarter"
//	    "metrics": [{                // nps, csat, ces: those with answers
//	      "name": "nps", "scale": "0-10",
//	      "unit": "points, -100 to 100", "interval": "adjusted Wald (Rocks 2016)",
//	      "periods":  [Figure],      // all segments, oldest first
//	      "segments": [Figure],      // all periods, by name; [] without segments
//	      "change": Change,          // last period against the one before; null if one period
//	      "segment_changes": [Change]
//	    }]
//	  },
//	  "revenue": {                   // absent without MRR
//	    "source": "mrr.csv", "rows": 2543, "skipped": 0, "customers": 324,
//	    "periods": [{
//	      "period": "2026-06",
//	      "mrr_start", "new", "reactivation", "expansion", "contraction",
//	      "churned", "mrr_end": cents (movements are non-negative amounts),
//	      "customers_start", "customers_new", "customers_lost", "customers_end",
//	      "nrr", "grr": percent or null, "quick_ratio": ratio or null
//	    }],
//	    "cohorts": [{
//	      "cohort": "2025-07",       // first month paid
//	      "customers": [150, 147, …], "mrr": [cents, …],   // by age in months
//	      "logo_retention": [100, 98, …], "revenue_retention": [100, 101.2, …]
//	    }]
//	  }
//	}
//
//	Figure: {
//	  "period": "2026-06" or "segment": "smb",
//	  "answers": 252, "score": 31.3492,  // NPS points, CSAT percent, CES mean answer
//	  "lo": 21.6, "hi": 40.3,            // the interval; null if none
//	  "counts": {"promoters", "passives", "detractors"}   // nps
//	            {"satisfied", "not_satisfied"}            // csat
//	            {"easy", "neutral", "difficult"},         // ces
//	  "easy_percent", "net"                               // ces only
//	}
//
//	Change: {
//	  "segment": "smb",                  // in segment_changes only
//	  "from": "2026-05", "to": "2026-06",
//	  "diff": 0.8,                       // to minus from, in the score's unit
//	  "lo", "hi",                        // interval of the change: around diff for CSAT and CES,
//	                                     // around the adjusted-Wald difference for NPS
//	  "p": 0.912,                        // two-sided p-value
//	  "significant": false               // p < 1 − confidence
//	}
//
// A change that cannot be tested (a segment with no answers in one of the
// two periods, or one CES answer) is left out of segment_changes.
package main
