package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A label is text taken from an input file and shown in the report: a
// segment, a column name, a customer ID. Labels are cleaned once, as they
// are read (cleanLabel), so that the text, JSON and HTML outputs and the
// error messages all show the same thing and none of them carries a byte
// that a terminal or a browser would act on; the text output also cuts
// them short (shortLabel) so that one long label does not widen every row.

// cleanLabel returns s with each character that could act on a terminal
// or forge a line written as a Go escape, and each byte of invalid UTF-8
// written \xHH:
//
//	control characters (Unicode Cc: C0, DEL, C1)   \n, \t, \x1b, \u009b
//	line and paragraph separators                  \u2028, \u2029
//	bidirectional embeddings, overrides, isolates  \u202a to \u202e, \u2066 to \u2069
//	a byte that is not UTF-8                       \xff
//
// Everything else, such as letters of any script, spaces and emoji, is
// kept as it is, and a label without any of these is returned unchanged,
// without allocating. The result is valid UTF-8, at most four times as
// long as s. A backslash is not escaped, so a label written "a\x07" in
// the file reads the same as one with a BEL byte: both are the same
// segment in the report.
func cleanLabel(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			q := strconv.QuoteRune(r) // '\x1b', '\n', '\u2028'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstUnsafe returns the index of the first byte of s that cleanLabel
// escapes, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f { // printable ASCII, the common case
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// unsafeRune reports whether cleanLabel escapes r.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) ||
		r == '\u2028' || r == '\u2029' ||
		r >= '\u202a' && r <= '\u202e' ||
		r >= '\u2066' && r <= '\u2069'
}

// maxLabelWidth is the most characters a label takes in the text output.
const maxLabelWidth = 40

// ellipsis marks a label cut short in the text output.
const ellipsis = "…"

// shortLabel returns s if it has at most maxLabelWidth characters (runes),
// and otherwise its first maxLabelWidth−1 characters followed by "…". The
// cut may fall inside an escape that cleanLabel wrote.
func shortLabel(s string) string {
	n := 0
	for i := range s {
		if n == maxLabelWidth-1 {
			if _, size := utf8.DecodeRuneInString(s[i:]); i+size < len(s) {
				return s[:i] + ellipsis // two characters or more remain
			}
			return s
		}
		n++
	}
	return s
}

// labelWidth returns the characters (runes) s takes in the text output.
func labelWidth(s string) int {
	return utf8.RuneCountInString(shortLabel(s))
}
