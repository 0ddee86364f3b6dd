// Package exports reads the cells of CSV exports as survey tools and
// billing systems write them, for the example programs: cxreport and the
// Beam pipelines read the same files through it, so that a file that
// feeds one feeds the other.
//
// What it takes, and what it refuses rather than guess:
//
//   - Files: a UTF-8 byte-order mark before the header ([SkipBOM]), CRLF
//     line ends and quoted fields (encoding/csv), columns found by name in
//     any case and order ([Header]).
//   - Scores ([Score]): "9", "9.0", "10 - Extremely likely" (the number
//     before a label, as Qualtrics and SurveyMonkey write it); an empty
//     cell is a question the respondent skipped ([ErrEmpty]). "9.5", a
//     label without a number and a negative number are refused.
//   - Money ([Cents]): "49", "49.00", "$49.00", "USD 1,049.00", "€49",
//     "49.999". More than two decimals are rounded to the nearest cent, a
//     half cent up (49.995 is 50.00), the rule billing systems display
//     amounts by. Thousands separators must be commas between groups of
//     three digits; a decimal comma ("49,99"), a negative amount or
//     "(49.00)" is refused.
//   - Dates and times ([DateReader]): ISO 8601 dates and times, with or
//     without a zone or fraction of a second ("2024-01-23",
//     "2024-01-23T22:00:00-05:00", "2024-01-23 22:00:00"), epoch seconds
//     and milliseconds, and dates with the month's name ("Jan 23, 2024",
//     "23 January 2024"). A time without a zone is in the reader's
//     location; a time with one is that instant. A date with slashes or
//     dots in day and month order ("01/23/2024", "23/01/2024") is read
//     only with a format that says the order ("us", "eu" or a Go layout):
//     without one it is [ErrAmbiguousDate], even where the day is past 12,
//     since one file holds dates of both kinds.
//   - Months ([DateReader.Month]): "2024-03", "03/2024", "Mar 2024",
//     "March 2024", or any date, which stands for its month.
//   - Scales of the command lines ([Scale]): "1-5".
package exports
