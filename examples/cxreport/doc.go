// Cxreport reports customer-experience and SaaS retention metrics from CSV
// exports: NPS, CSAT and CES with confidence intervals by period and by
// segment, whether the last change is more than noise, the trend over the
// periods, which segments differ with p-values adjusted for the many
// comparisons, and the key drivers of the NPS answer, from a survey
// tool's answers; MRR movements, net and gross revenue retention, the
// quick ratio, cohort retention and the retention curve with its
// projection from a billing system's per-customer MRR. It is an example
// of the cxmetrics library at work.
//
//	go run ./examples/cxreport                       # embedded sample data, as text
//	go run ./examples/cxreport -format json          # the same as JSON
//	go run ./examples/cxreport -html report.html     # and a page with charts
//	go run ./examples/cxreport -answers answers.csv -mrr mrr.csv
//	go run ./examples/cxreport -answers answers.csv -driver-cols support,price,onboarding -adjust bh
//
// # Reading the code
//
// cxreport is a program to copy from. The library is used in four files;
// the rest is input and presentation:
//
//   - answers.go: survey answers into cxmetrics.Survey tallies, one per
//     period, segment and question, as they are read (Survey.Add).
//   - mrr.go: MRR rows into a cxmetrics.MRRLedger (NewMRRLedger with
//     CombineRecords and OpeningBalance, AddEntry, Exclude).
//   - report_surveys.go: the survey figures from the tallies (NPS, CSAT,
//     CES, their Interval and the Compare functions).
//   - report_compare.go: the tests across many figures: each segment
//     against the rest and every pair (CompareSegmentsNPS, CSAT, CES),
//     the segment changes adjusted together (AdjustP), and the trend
//     (NPSTrend, CSATTrend, CESTrend).
//   - report_drivers.go: the rating columns into a cxmetrics.Drivers as
//     they are read (Drivers.Add), and the key drivers from it
//     (RelativeWeights, ShapleyRegression).
//   - report_revenue.go: the revenue figures from the ledger (Periods,
//     Opening, Cohorts, NetRevenueRetention, GrossRevenueRetention,
//     ChurnRate, QuickRatio), with a figure that does not exist
//     (cxmetrics.ErrUndefined) shown as absent.
//   - report_retention.go: the retention curve from the ledger's
//     lifetimes (MRRLedger.Lifetimes, KaplanMeierCounts, Median) and the
//     sBG model fitted to them (FitShiftedBetaGeometric, Survival,
//     DiscountedLifetime, DiscountedResidualLifetime).
//   - report.go: the report's types, which are its JSON form.
//   - csvin.go, label.go, progress.go: reading CSV (cells through
//     examples/internal/exports), cleaning labels, progress on a terminal.
//   - text.go, text_*.go; html.go, html_compare.go, charts.go and a
//     chart_*.go per chart, with the template report.html: the three
//     outputs.
//   - main.go: flags and exit statuses.
//
// # Input
//
// Both files have a header row; columns are found by name (in any case,
// in any order, others ignored). A byte-order mark, CRLF line ends and
// quoted fields are read as spreadsheets and survey tools write them. A
// file named - is standard input. The cells are read by
// examples/internal/exports, which the Beam pipelines share, so that one
// file feeds both; its package doc lists every form it takes.
//
// The answers file comes in two shapes. In the long form, one answer a
// row, it has a date (-date-col), a score (-score-col) and optionally a
// segment (-segment-col) and the question (-question-col: nps, csat or
// ces; without it every row answers -question). In the wide form, one
// respondent a row as survey tools export, it has no score column but one
// column for each question asked (-nps-col, -csat-col, -ces-col, which
// may be the question's text). A score is a whole number, alone or before
// a label ("9", "9.0", "10 - Extremely likely"); an empty score is a
// question the respondent skipped, counted and left out, not an error.
// NPS is on 0-10, CSAT on -csat-scale (1-5), CES on -ces-scale (1-7,
// higher is easier; -ces-easy low for the original "how much effort"
// question).
//
// Dates are ISO 8601 dates or times, with or without a zone
// ("2024-01-23", "2024-01-23T22:00:00-05:00"), epoch seconds or
// milliseconds, or dates with the month's name ("Jan 23, 2024"). A date
// with slashes or dots ("01/23/2024", "23.01.2024 22:00") needs
// -date-format us or eu (or a Go layout): it is never guessed, even where
// the day is past 12. Periods are cut in -tz (an IANA zone, UTC if not
// given): a time with a zone is that instant, so 23:30 on January 31st in
// New York is January with -tz America/New_York and February in UTC; a
// time without a zone is a time in -tz.
//
// The MRR file has a row per customer and month, or per customer and day:
// customer (-customer-col), month (-month-col: a month such as 2024-03,
// 03/2024 or Mar 2024, or a date) and MRR (-mrr-col, in currency units:
// "49.00", "$1,049.00", "USD 49", "49.999"; more than two decimals are
// rounded to the nearest cent, a half cent up; a negative amount or a
// decimal comma is a bad row). A month without a row is a month the
// customer did not pay. Several rows of one customer in one month are
// ambiguous: several subscriptions add up (-combine sum), daily snapshots
// do not (-combine last takes the customer's rows of their last day in
// the month). Without -combine, rows on one day add up and rows on two
// days of a month stop cxreport with a message that names the customer,
// the month, both days and the flag. -opening makes the first month the
// opening book of an export that starts in the middle of a business's
// life: its customers are not new business, and the report shows it
// apart (and leaves its cohort out of the cohort table).
//
// The months of one MRR file span 100 years (1200 months) at most: the
// report and its cohort table grow with the span, so a year mistyped in
// one row is an error (see Errors) rather than a history of thousands of
// years. The answers file has no such limit, since only the periods that
// have answers are reported.
//
// Both files are read once, as a stream: answers are tallied as they are
// read, so memory grows with periods and segments, not rows; MRR rows go
// straight into the library's MRRLedger, which keeps 12 to 16 bytes a
// row and 8 a customer. On a terminal, a file that takes more than a
// second to read shows a line of progress on stderr.
//
// # Retention curve
//
// The revenue report ends with how long customers stay. A customer's
// lifetime is their first spell: from the month of their first payment
// to the first month without one, or, if they still pay in the last
// month, censored there at their age (they have stayed at least that
// long). A customer who returns is not counted again; the opening book's
// customers (-opening) have no lifetime, as when they started is not
// known. The Kaplan–Meier curve gives, by age in months, the customers
// at risk, those who churned and those censored, the share still paying
// with Greenwood's standard error and its log-log interval at
// -confidence, and the median lifetime with its interval (Brookmeyer and
// Crowley), or "not reached" while the curve stays above 50%.
//
// The shifted-beta-geometric model (Fader & Hardie 2007) is fitted to the
// same lifetimes, as one would fit each cohort's row of first spells (the
// cohort table's rows count a customer who returns again, so they can
// rise, which the model refuses): α and β with their standard errors,
// its survival beside the curve's, and the next 12 months projected.
// With customers paying in the last month it also gives what a customer
// is worth by the model, in revenue before any margin, at that month's
// MRR per customer (ARPA): a new customer's discounted lifetime and
// value, and those still to come from customers aged 1, 3, 6 and 12
// months. -discount is the rate, in percent per month, 1 by default
// (about 12.7% a year); with -discount 0 the value exists only for
// α > 1. Where the model does not fit (fewer than three months, no churn
// yet, or churn that does not fall with age, as in the sample data,
// whose customers all churn at one rate), the report says why and
// leaves the projection out; it never fails for it.
//
// # Many comparisons, trends and key drivers
//
// Each metric's segments, all periods together, are compared with the
// rest of the segments (the overlap-free form of "against the total")
// and, with up to 8 segments, in every pair. Each of the two lists, and
// the segments' changes between the last two periods, is a family of
// tests whose p-values are adjusted together by -adjust: holm (the
// default; Holm's step-down method, which bounds the chance of any false
// alarm in the family), bh (Benjamini-Hochberg, which bounds the share
// of false alarms among the differences reported), bonferroni, or none.
// The report shows the raw and the adjusted p side by side, says which
// correction it applied ("p-values adjusted for 3 comparisons by Holm's
// method"), and calls a difference significant by its adjusted p. The
// change of all segments together is one test, and is not adjusted.
//
// The trend of each metric is a linear trend over its last run of
// consecutive periods with answers, three at least: Cochran-Armitage for
// CSAT, weighted least squares on the periods' scores for NPS and CES. It
// is said as a slope per period with its interval and p-value: "trend
// over the last 6 months (2026-01 to 2026-06): +6.0 points/month (95%
// interval 3.6 to 8.5), p < 0.001".
//
// -driver-cols names columns of the answers file that rate attributes of
// the experience (support,price,onboarding), on -driver-scale (1-5). The
// respondents are the rows with an NPS answer: the answer is the outcome
// and the row's ratings its drivers. An empty rating is one not given,
// and its respondent is left out of the analysis (listwise deletion), as
// the report counts; a rating that is not a whole number on the scale is
// a bad row. The respondents stream into a cxmetrics.Drivers, so memory
// does not grow with them. The report shows each driver's importance, its
// share of R² by relative weights (Johnson 2000) and, with up to 15
// drivers, by Shapley value regression; its mean rating (performance)
// and its correlation with the answer; and the importance × performance
// quadrant it falls in, cut at the mean share and the mean rating: fix
// first (important, rated low), keep up, maintain, watch. Where the data
// cannot give drivers (a column with no ratings or one rating only, fewer
// respondents than drivers + 2, collinear drivers) the section says why
// instead. The embedded sample has four such columns (support, price,
// onboarding and product) and reads them unless -driver-cols says other.
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
// stay short whatever the file; JSON and the HTML tables show labels
// whole (a chart cuts a long segment name to fit, and shows it whole when
// pointed at).
//
// # Errors
//
// A bad row stops cxreport with exit status 1 and a message that names the
// file, line, column and value:
//
//	cxreport: answers.csv:118:20: score "11" is outside 0-10 (nps)
//
// With -skip-bad, bad rows are counted and skipped instead; stderr names
// the first five, the report the first 100, and -skipped FILE writes
// every one with its reason (- for stderr). A skipped MRR row never reads
// as its customer paying nothing that month (a churn, then a return):
// the customer of a skipped row, if its customer cell can be read, is
// left out of every revenue figure, and the report names them
// ("excluded"). Some errors stop cxreport even with -skip-bad, since none
// is the fault of one row alone: a date that could be day/month or
// month/day, a customer with rows on two days of a month without
// -combine, a row whose month makes the file span more than 1200 months,
// and a row that brings the total MRR of a month past the largest int64
// of cents:
//
//	cxreport: mrr.csv:3:3: month "9999-12" and 0000-01 on line 2 span 120000 months; cxreport takes at most 1200 (100 years): is a year mistyped?
//
// Bad usage (an unknown flag, a file that cannot be opened) exits with
// status 2.
//
// # HTML
//
// -html writes one self-contained page: CSS and SVG, no script, nothing
// fetched from the network. It opens with the headline figures, each
// named with its period ("NPS · 2026-06", "MRR · 2026-06"), then shows
// the revenue charts: MRR by month, with NRR, GRR and customer churn on
// the same months below it (a month without the figure is a gap, never
// 0); the last month's MRR movements; and logo and revenue retention by
// cohort, as heatmaps with a colour scale from 0% to 100%; the retention
// curve, a step line over its shaded interval with the sBG projection
// dashed past the longest lifetime, and its table. Then each
// survey metric by period, its interval a band, and by segment, its
// interval a whisker, with the trend and the segments' tests under them;
// the key drivers' importance × performance chart; then the tables. The opening book (-opening) is
// said apart and drawn as a grey first bar, not as new business; skipped
// rows and customers left out are counted under the title and listed.
// The charts sit in two columns on a desktop and in one on a phone, for
// which each is laid out again; a heatmap wider than the screen scrolls
// sideways within its box. browsertest/ checks both widths in a real
// browser.
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
//	    "empty": 0,                  // empty answers: skipped questions, left out
//	    "skipped_rows": [{"line": 118, "reason": "answers.csv:118:20: …"}],  // the first 100; null if none
//	    "period": "month",           // or "quarter"
//	    "adjustment": "Holm",        // -adjust: Holm, Benjamini-Hochberg, Bonferroni or none
//	    "metrics": [{                // nps, csat, ces: those with answers
//	      "name": "nps", "scale": "0-10",
//	      "unit": "points, -100 to 100", "interval": "adjusted Wald (Rocks 2016)",
//	      "periods":  [Figure],      // all segments, oldest first
//	      "segments": [Figure],      // all periods, by name; [] without segments
//	      "change": Change,          // last period against the one before; null if one period
//	      "segment_changes": [Change],            // with adjusted_p
//	      "segment_changes_note": "p-values adjusted for 3 comparisons by Holm's method",
//	      "segment_tests": {         // null with fewer than 2 segments
//	        "note": "…", "vs_rest": [SegmentTest], "pairs": [SegmentTest] or null (more than 8 segments),
//	        "pairs_note": "…", "absent": "why there are no tests"   // absent only then
//	      },
//	      "trend": {"from": "2026-01", "to": "2026-06", "periods": 6,
//	                "slope": 6.03, "lo": 3.61, "hi": 8.46,   // per period, in the score's unit
//	                "p": 0, "significant": true} or null,
//	      "trend_note": "why there is no trend"   // absent when there is one
//	    }],
//	    "drivers": {                 // with -driver-cols
//	      "outcome": "NPS answer, 0-10", "scale": "1-5", "method": "relative weights (Johnson 2000); …",
//	      "respondents": 1485, "used": 1261, "skipped": 224,   // rows with an NPS answer; those who rated all; left out
//	      "r_squared": 0.664 or null,
//	      "drivers": [{"name": "support", "share": 38.5, "weight": 0.2556,  // percent of R², fraction of variance
//	                   "shapley_share": 38.6 or null, "mean": 3.23, "correlation": 0.65,
//	                   "quadrant": "fix first"}] or null,
//	      "absent": "why there are no drivers"   // absent when there are
//	    }
//	  },
//	  "revenue": {                   // absent without MRR
//	    "source": "mrr.csv", "rows": 2543, "skipped": 0, "customers": 324,
//	    "skipped_rows": [SkippedRow] or null,
//	    "excluded": ["cus_0042"] or null,   // customers left out: a row of theirs was skipped
//	    "combine": "one day",        // or "sum", "last": how rows of a month were read
//	    "opening": {"period": "2025-07", "customers": 150, "mrr": cents, "arr": cents or null},  // with -opening
//	    "periods": [{
//	      "period": "2026-06",
//	      "mrr_start", "new", "reactivation", "expansion", "contraction",
//	      "churned", "mrr_end": cents (movements are non-negative amounts),
//	      "customers_start", "customers_new", "customers_lost", "customers_end",
//	      "arr": cents, 12 × mrr_end, or null past int64,
//	      "churn": customer churn, percent or null,
//	      "nrr", "grr": percent or null, "quick_ratio": ratio or null
//	    }],
//	    "cohorts": [{
//	      "cohort": "2025-07",       // first month paid
//	      "customers": [150, 147, …], "mrr": [cents, …],   // by age in months
//	      "logo_retention": [100, 98, …], "revenue_retention": [100, 101.2, …]
//	    }],
//	    "retention": {               // null, with "retention_absent": why, if no first payment is known
//	      "spells": "first spell: …", "customers": 324, "churned": 88, "censored": 236,
//	      "max_age": 11,             // months: the longest lifetime
//	      "curve": [{"age": 1, "at_risk": 306, "churned": 8, "censored": 12,
//	                 "survival": 97.3856, "std_err": 0.9122, "lo": 94.8405, "hi": 98.6839}],  // percent; ages 1 to max_age
//	      "median": {"age": 2, "lo": 1, "hi": null} or null,   // months; null: not reached
//	      "sbg": {                   // null, with "sbg_absent": why, when the model does not fit
//	        "alpha", "alpha_se", "beta", "beta_se", "log_likelihood",
//	        "fitted": [{"age": 0, "survival": 100}, …],       // ages 0 to max_age, percent
//	        "projection": [{"age": 12, "survival": 61.2}, …], // the next 12 ages
//	        "value": {"discount": 1, "arpa": cents, "lifetime": months, "value": cents,
//	                  "residual": [{"age": 1, "lifetime": months, "value": cents}, …]}
//	                 or null, with "value_absent": why
//	      }
//	    }
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
//	  "adjusted_p": 0.912,               // in segment_changes only: adjusted over them
//	  "significant": false               // adjusted_p, or p, < 1 − confidence
//	}
//
//	SegmentTest: {
//	  "segment": "smb", "other": "mid-market",   // other absent against the rest
//	  "diff", "lo", "hi",                // segment minus the other, or the rest; interval for this test alone
//	  "p", "adjusted_p", "significant"   // significant: adjusted_p < 1 − confidence
//	}
//
// A change that cannot be tested (a segment with no answers in one of the
// two periods, or one CES answer) is left out of segment_changes.
package main
