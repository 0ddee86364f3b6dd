package exports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cxmetrics/cxmetrics"
)

// ErrEmpty is the error of an empty cell: for a score, a question the
// respondent skipped.
var ErrEmpty = errors.New("is empty")

// maxScore bounds the scores Score reads: no survey scale is longer.
const maxScore = 1_000_000

// Score reads a survey answer as a whole number: "9", " 9 ", "9.0",
// "10 - Extremely likely", "0 – Not at all likely", "7: Agree",
// "4 (Satisfied)". An empty cell is ErrEmpty. A number with a fraction
// ("9.5"), a label without a number, a negative number and any other text
// after the number are errors that say why.
func Score(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, ErrEmpty
	}
	n, i := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if n = 10*n + int(s[i]-'0'); n > maxScore {
			return 0, fmt.Errorf("is not a score (above %d)", maxScore)
		}
	}
	if i == 0 {
		if s[0] == '-' || strings.HasPrefix(s, "−") {
			return 0, fmt.Errorf("is negative")
		}
		return 0, fmt.Errorf("has no number")
	}
	rest := s[i:]
	if frac, ok := strings.CutPrefix(rest, "."); ok {
		j := 0
		for j < len(frac) && frac[j] >= '0' && frac[j] <= '9' {
			if frac[j] != '0' {
				return 0, fmt.Errorf("is not a whole number")
			}
			j++
		}
		if j == 0 {
			return 0, fmt.Errorf("is not a whole number")
		}
		rest = frac[j:]
	}
	if label := strings.TrimLeft(rest, " \t"); label != "" && !labelAfter(label) {
		return 0, fmt.Errorf("is not a whole number, alone or before a label such as \"10 - Extremely likely\"")
	}
	return n, nil
}

// labelAfter reports whether rest, the text after a score, is a label:
// a dash, colon, equals sign or bracket, then text.
func labelAfter(rest string) bool {
	for _, sep := range []string{"-", "–", "—", ":", "=", "("} {
		if after, ok := strings.CutPrefix(rest, sep); ok {
			return strings.TrimSpace(after) != ""
		}
	}
	return false
}

// Scale reads a survey scale written "MIN-MAX", such as "1-5", as the
// flags of the example programs give it.
func Scale(s string) (cxmetrics.Scale, error) {
	minText, maxText, found := strings.Cut(s, "-")
	lo, err1 := strconv.Atoi(minText)
	hi, err2 := strconv.Atoi(maxText)
	if !found || err1 != nil || err2 != nil {
		return cxmetrics.Scale{}, errors.New("want MIN-MAX, such as 1-5")
	}
	sc := cxmetrics.Scale{Min: lo, Max: hi}
	return sc, sc.Validate()
}
