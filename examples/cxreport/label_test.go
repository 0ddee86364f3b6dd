package main

import (
	"strings"
	"testing"
)

func TestCleanLabel(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "enterprise", "enterprise"},
		{"empty", "", ""},
		{"other scripts, spaces and emoji", "ünïcödé 日本\u00a0🙂", "ünïcödé 日本\u00a0🙂"},
		{"a backslash is kept", `a\x1b`, `a\x1b`},
		{"ESC", "a\x1b[31m", `a\x1b[31m`},
		{"BEL, tab, newline, return", "\a\t\n\r", `\a\t\n\r`},
		{"NUL and DEL", "\x00\x7f", `\x00\x7f`},
		{"C1 controls", "\u0085\u009b", `\u0085\u009b`},
		{"line and paragraph separators", "\u2028\u2029", `\u2028\u2029`},
		{"bidi embeddings and overrides", "\u202a\u202b\u202c\u202d\u202e", `\u202a\u202b\u202c\u202d\u202e`},
		{"bidi isolates", "\u2066\u2067\u2068\u2069", `\u2066\u2067\u2068\u2069`},
		{"invalid bytes", "a\xff\xfeb", `a\xff\xfeb`},
		{"a truncated character", "日\xe6\x97", `日\xe6\x97`},
		{"an encoded surrogate", "\xed\xa0\x80", `\xed\xa0\x80`},
		{"the replacement character itself is kept", "\ufffd", "\ufffd"},
		{"zero-width joiner is kept", "👩\u200d💻", "👩\u200d💻"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanLabel(tt.in); got != tt.want {
				t.Errorf("cleanLabel(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestShortLabel(t *testing.T) {
	l := strings.Repeat("L", maxLabelWidth-1)
	tests := []struct {
		name, in, want string
	}{
		{"short", "smb", "smb"},
		{"empty", "", ""},
		{"one short of the width", l, l},
		{"at the width", l + "x", l + "x"},
		{"one past the width", l + "xy", l + "…"},
		{"far past", l + strings.Repeat("x", 1000), l + "…"},
		{"counted in characters, not bytes", strings.Repeat("日", maxLabelWidth), strings.Repeat("日", maxLabelWidth)},
		{"cut between characters", strings.Repeat("日", maxLabelWidth+1), strings.Repeat("日", maxLabelWidth-1) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shortLabel(tt.in); got != tt.want {
				t.Errorf("shortLabel(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
