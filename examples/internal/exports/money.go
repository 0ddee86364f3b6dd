package exports

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
)

// currencySigns are the signs Cents takes before or after an amount.
var currencySigns = []string{"US$", "$", "€", "£", "¥", "₹", "CHF", "R$", "A$", "C$"}

// Cents reads an amount of money in currency units as a whole number of
// cents, exactly, without going through a float: "49", "49.5", "49.00",
// "$49.00", "49.00 €", "USD 1,049.00", "1,234,567.891". An amount with
// more than two decimals is rounded to the nearest cent, a half cent up:
// 49.994 is 49.99, 49.995 is 50.00. A comma must separate thousands
// (groups of three digits); a decimal comma ("49,99") is refused rather
// than read as thousands. Negative amounts ("-49.00", "(49.00)") are
// refused, as MRR is never negative: a refund or credit is not recurring
// revenue.
func Cents(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, ErrEmpty
	}
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") || strings.ContainsAny(s, "-−") {
		return 0, errors.New("is negative (a refund or a credit is not recurring revenue)")
	}
	s = strings.TrimSpace(trimCurrency(s))
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || hasPoint && frac == "" {
		return 0, errors.New("is not an amount such as 49.00 or $1,049.00")
	}
	digits, err := thousands(whole)
	if err != nil {
		return 0, err
	}
	for _, c := range frac {
		if c < '0' || c > '9' {
			return 0, errors.New("is not an amount such as 49.00 or $1,049.00")
		}
	}
	cents := int64(0)
	for _, c := range digits + (frac + "00")[:2] {
		d := int64(c - '0')
		if cents > (math.MaxInt64-d)/10 {
			return 0, errors.New("is too large")
		}
		cents = 10*cents + d
	}
	if len(frac) > 2 && frac[2] >= '5' { // a half cent or more: up
		if cents == math.MaxInt64 {
			return 0, errors.New("is too large")
		}
		cents++
	}
	return cents, nil
}

// trimCurrency removes one currency sign or three-letter code from the
// start or the end of s.
func trimCurrency(s string) string {
	for _, sign := range currencySigns {
		if rest, ok := strings.CutPrefix(s, sign); ok {
			return rest
		}
		if rest, ok := strings.CutSuffix(s, sign); ok {
			return rest
		}
	}
	if len(s) > 4 && isCode(s[:3]) && (s[3] == ' ' || s[3] >= '0' && s[3] <= '9') {
		return s[3:]
	}
	if n := len(s); n > 4 && isCode(s[n-3:]) && (s[n-4] == ' ' || s[n-4] >= '0' && s[n-4] <= '9') {
		return s[:n-3]
	}
	return s
}

// isCode reports whether s is three capital letters, such as USD.
func isCode(s string) bool {
	for _, c := range s {
		if !unicode.IsUpper(c) || c > unicode.MaxASCII {
			return false
		}
	}
	return len(s) == 3
}

// thousands returns the digits of a whole number written with or without
// commas between groups of three digits.
func thousands(s string) (string, error) {
	if !strings.Contains(s, ",") {
		for _, c := range s {
			if c < '0' || c > '9' {
				return "", errors.New("is not an amount such as 49.00 or $1,049.00")
			}
		}
		return s, nil
	}
	groups := strings.Split(s, ",")
	for i, g := range groups {
		ok := len(g) == 3 || i == 0 && len(g) >= 1 && len(g) <= 3
		for _, c := range g {
			ok = ok && c >= '0' && c <= '9'
		}
		if !ok {
			return "", fmt.Errorf("has a comma that does not separate thousands (a decimal comma? write 49.99)")
		}
	}
	return strings.Join(groups, ""), nil
}
