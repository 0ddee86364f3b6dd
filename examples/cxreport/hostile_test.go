package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// The tests of this file feed cxreport files written to bring it down, or
// to make its time, memory or output grow faster than the file, each
// found by a review of hostile inputs. TestSpanBomb, which needs a child
// process, is in hostile_linux_test.go, and FuzzCSV in fuzz_test.go.

// writeInput writes data to the file name in dir and returns its path.
func writeInput(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runArgs runs cxreport with args and returns its exit status and output.
func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// answersCSV writes an answers file of the given segments, each with an NPS
// answer in January and one in February 2026, through encoding/csv so
// that any byte of a segment reaches cxreport as it is.
func answersCSV(t testing.TB, segments []string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	rows := [][]string{{"date", "segment", "question", "score"}}
	for i, seg := range segments {
		rows = append(rows,
			[]string{"2026-01-15", seg, "nps", fmt.Sprint(i % 11)},
			[]string{"2026-02-15", seg, "nps", fmt.Sprint((i + 4) % 11)})
	}
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// numbered returns n segment names, s0 to s(n−1).
func numbered(n int) []string {
	segs := make([]string, n)
	for i := range segs {
		segs[i] = fmt.Sprintf("s%d", i)
	}
	return segs
}

// segmentLine matches a line of the text output about one of numbered's
// segments: its row or its change.
var segmentLine = regexp.MustCompile(`(?m)^  s[0-9]+[ :]`)

// TestManySegmentsLinear checks that the time of a report grows with the
// number of segments, not with its square. Found: 20,000 segments in a
// 780 KB file took 104 s, the survey report adding up the tallies of each
// period and each segment by a scan of all the tallies.
func TestManySegmentsLinear(t *testing.T) {
	dir := t.TempDir()
	const small, large = 2_000, 20_000
	// best returns the least of three runs' times, to leave out a pause
	// of the machine.
	best := func(n int) time.Duration {
		path := writeInput(t, dir, fmt.Sprintf("answers%d.csv", n), answersCSV(t, numbered(n)))
		least := time.Duration(1<<63 - 1)
		for range 3 {
			start := time.Now()
			code, stdout, stderr := runArgs("-answers", path)
			least = min(least, time.Since(start))
			if code != 0 {
				t.Fatalf("%d segments: exit status %d: %s", n, code, stderr)
			}
			if got := len(segmentLine.FindAllString(stdout, -1)); got != 2*n { // a row and a change each
				t.Fatalf("%d segments: %d segment lines, want %d", n, got, 2*n)
			}
		}
		return least
	}
	// Ten times the segments take about ten times as long when the time
	// is linear (measured 8 to 16 here, the sort and the GC included),
	// and a hundred times when it is quadratic (measured 90). A busy
	// machine can stretch one measurement past 30 (seen once under four
	// parallel test runs), so a ratio is measured again before it fails;
	// a quadratic program fails every time.
	var ratio float64
	var tSmall, tLarge time.Duration
	for range 3 {
		tSmall, tLarge = best(small), best(large)
		ratio = float64(tLarge) / float64(tSmall)
		t.Logf("%d segments %v, %d segments %v: ratio %.1f", small, tSmall, large, tLarge, ratio)
		if ratio <= 30 {
			return
		}
	}
	t.Errorf("10 times the segments took %.0f times as long (%v, %v): want about 10, not 100", ratio, tSmall, tLarge)
}

// TestLongLabels checks that the text output stays proportional to the
// file however long its labels: a label is cut to maxLabelWidth
// characters, and the rows are padded to that at most. Found: every row
// was padded to the longest label, so 1 MB of CSV gave 304 MB of text and
// took 1 GB of memory.
func TestLongLabels(t *testing.T) {
	long := strings.Repeat("L", 100_000)
	wide := strings.Repeat("日", 50) // 50 characters in 150 bytes
	in := answersCSV(t, append(numbered(2_000), long, wide))
	path := writeInput(t, t.TempDir(), "answers.csv", in)

	code, text, stderr := runArgs("-answers", path)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	// The 2,000 short segments alone give 5 bytes of text for each byte
	// of the file (a row of 100 bytes and a change line of 100 for 44
	// bytes of CSV); the long label adds 40 characters twice.
	if len(text) > 8*len(in) {
		t.Errorf("%d bytes of text for %d bytes of CSV, more than 8 times", len(text), len(in))
	}
	for i, line := range strings.Split(text, "\n") {
		// The widest line: the label (4 bytes a character at most), then
		// the figures of the CES table or a change line.
		if n := utf8.RuneCountInString(line); n > maxLabelWidth+120 {
			t.Fatalf("line %d has %d characters: %.80q…", i+1, n, line)
		}
	}
	for _, want := range []string{
		"  " + strings.Repeat("L", maxLabelWidth-1) + "…  ", // the row, padded
		"  " + strings.Repeat("L", maxLabelWidth-1) + "…: ", // the change
		"  " + strings.Repeat("日", maxLabelWidth-1) + "…  ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(text, strings.Repeat("L", maxLabelWidth)) {
		t.Errorf("text has a label of more than %d characters", maxLabelWidth)
	}

	// JSON shows the labels whole.
	code, out, stderr := runArgs("-answers", path, "-format", "json")
	if code != 0 {
		t.Fatalf("json: exit status %d: %s", code, stderr)
	}
	var r Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	m := r.Surveys.Metrics[0]
	for _, label := range []string{long, wide} {
		if !slices.ContainsFunc(m.Segments, func(f Figure) bool { return f.Segment == label }) {
			t.Errorf("JSON segments lack the label of %d bytes whole", len(label))
		}
		if !slices.ContainsFunc(m.SegmentChanges, func(c Change) bool { return c.Segment == label }) {
			t.Errorf("JSON segment changes lack the label of %d bytes whole", len(label))
		}
	}
}

// TestControlCharacters checks that no control character nor byte of
// invalid UTF-8 in a file reaches the text, JSON or HTML output, and that
// all three show the same label for it. Found: ESC and BEL in a segment
// name reached the terminal, a quoted newline forged a report line, and
// invalid UTF-8 passed into a page that declares UTF-8.
func TestControlCharacters(t *testing.T) {
	labels := []struct {
		name, raw, want string
	}{
		{"ESC and BEL", "evil\x1b[31mred\a", `evil\x1b[31mred\a`},
		{"quoted newline", "line\nNPS on 0-10: forged", `line\nNPS on 0-10: forged`},
		{"carriage return", "over\rwrite", `over\rwrite`},
		{"tab", "a\tb", `a\tb`},
		{"invalid UTF-8", "bad\xff\xfe", `bad\xff\xfe`},
		{"truncated UTF-8", "cut\xe6\x97", `cut\xe6\x97`},
		{"C1 CSI", "c1\u009b2J", `c1\u009b2J`},
		{"NUL and DEL", "z\x00\x7f", `z\x00\x7f`},
		{"bidi override", "\u202eevil", `\u202eevil`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"other scripts and emoji kept", "ünïcödé 日本 🙂", "ünïcödé 日本 🙂"},
	}
	var raw, want []string
	for _, l := range labels {
		raw, want = append(raw, l.raw), append(want, l.want)
	}
	slices.Sort(want)
	dir := t.TempDir()
	path := writeInput(t, dir, "answers.csv", answersCSV(t, raw))
	page := filepath.Join(dir, "report.html")

	code, text, stderr := runArgs("-answers", path, "-html", page)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []struct{ name, s string }{{"text", text}, {"HTML", string(html)}} {
		if err := checkPrintable(out.s); err != nil {
			t.Errorf("%s: %v", out.name, err)
		}
	}
	if n := strings.Count(text, "\nNPS on "); n != 1 {
		t.Errorf("text has %d lines that start \"NPS on\", want 1: a label forged one", n)
	}
	for _, l := range labels {
		if !strings.Contains(text, "\n  "+l.want+" ") || !strings.Contains(text, "\n  "+l.want+": ") {
			t.Errorf("%s: text lacks the row or the change of %q", l.name, l.want)
		}
		if !strings.Contains(string(html), "<td>"+template.HTMLEscapeString(l.want)+"</td>") {
			t.Errorf("%s: HTML lacks a cell of %q", l.name, l.want)
		}
	}

	code, out, stderr := runArgs("-answers", path, "-format", "json")
	if code != 0 {
		t.Fatalf("json: exit status %d: %s", code, stderr)
	}
	if !utf8.ValidString(out) {
		t.Error("JSON is not valid UTF-8")
	}
	var r Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var segments, changes []string
	for _, f := range r.Surveys.Metrics[0].Segments {
		segments = append(segments, f.Segment)
	}
	for _, c := range r.Surveys.Metrics[0].SegmentChanges {
		changes = append(changes, c.Segment)
	}
	if diff := cmp.Diff(want, segments); diff != "" {
		t.Errorf("JSON segments mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, changes); diff != "" {
		t.Errorf("JSON segment changes mismatch (-want +got):\n%s", diff)
	}
}

// TestControlCharactersInErrors checks that the messages on stderr are as
// clean as the report: a column name in the header, and a value quoted
// from a skipped row.
func TestControlCharactersInErrors(t *testing.T) {
	tests := []struct {
		name, answers string
		args          []string
		wantCode      int
		wantStderr    string
	}{
		{
			name:       "header",
			answers:    "date,seg\x1b]0;pwned\x07ment,score\n2026-01-02,smb,9\n",
			args:       []string{"-segment-col", "seg"},
			wantCode:   1,
			wantStderr: `answers.csv:1: no column "seg" in the header (date,seg\x1b]0;pwned\ament,score); set -segment-col`,
		},
		{
			name:       "skipped value",
			answers:    "date,score\n2026-01-02,\x1b[2J\n2026-01-02,9\n",
			args:       []string{"-skip-bad"},
			wantCode:   0,
			wantStderr: `answers.csv:2:12: score "\x1b[2J" has no number`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeInput(t, t.TempDir(), "answers.csv", []byte(tt.answers))
			code, stdout, stderr := runArgs(append(tt.args, "-answers", path)...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr)
			}
			for _, out := range []struct{ name, s string }{{"stdout", stdout}, {"stderr", stderr}} {
				if err := checkPrintable(out.s); err != nil {
					t.Errorf("%s: %v", out.name, err)
				}
			}
		})
	}
}

// checkPrintable returns an error if s is not valid UTF-8, or holds a
// character that cleanLabel escapes other than a newline.
func checkPrintable(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("not valid UTF-8")
	}
	for i, r := range s {
		if r != '\n' && unsafeRune(r) {
			return fmt.Errorf("%U at byte %d: %q", r, i, s[max(0, i-20):min(len(s), i+20)])
		}
	}
	return nil
}

// TestMRRLimits checks the limits of an MRR file that stop cxreport even
// with -skip-bad: a span of more than maxMonths months, found when two
// rows (a 43-byte file) sized a history of 120,000 months and the program
// died out of memory; and a month whose total passes int64. Also the
// messages of files with no rows, which name the header's line.
func TestMRRLimits(t *testing.T) {
	const head = "customer,month,mrr\n"
	tests := []struct {
		name       string
		answers    string // written to answers.csv, if not empty
		mrr        string // written to mrr.csv, if not empty
		args       []string
		wantCode   int
		wantStdout string // contained in stdout
		wantStderr string // contained in stderr
	}{
		{
			name:       "100 years",
			mrr:        head + "a,1927-01,1\nb,2026-12,1\n",
			wantStdout: "  2026-12  ",
		},
		{
			name:       "100 years and a month, the later row earlier",
			mrr:        head + "a,2026-12,1\nb,1926-12,1\n",
			wantCode:   1,
			wantStderr: `mrr.csv:3:3: month "1926-12" and 2026-12 on line 2 span 1201 months; cxreport takes at most 1200 (100 years): is a year mistyped?`,
		},
		{
			name:       "100 years and a month, the later row later",
			mrr:        head + "a,1926-12-31,1\nb,2026-12,1\n",
			wantCode:   1,
			wantStderr: `mrr.csv:3:3: month "2026-12" and 1926-12 on line 2 span 1201 months`,
		},
		{
			name:       "a span is not a bad row to skip",
			mrr:        head + "a,2026-01,1\nb,2026-02,1\nc,1026-02,1\nd,2026-03,1\n",
			args:       []string{"-skip-bad"},
			wantCode:   1,
			wantStderr: `mrr.csv:4:3: month "1026-02" and 2026-02 on line 3 span 12001 months`,
		},
		{
			name:       "a month's total past int64",
			mrr:        head + "a,2026-01,92233720368547758.07\nb,2026-02,1\nb,2026-01,0.01\n",
			args:       []string{"-skip-bad"},
			wantCode:   1,
			wantStderr: `mrr.csv:4:11: mrr "0.01" brings the total of 2026-01 past 92,233,720,368,547,758.07, the most cxreport adds up`,
		},
		{
			name:       "a month's total at int64",
			mrr:        head + "a,2026-01,92233720368547758.00\nb,2026-01,0.07\n",
			wantStdout: "92,233,720,368,547,758.07",
		},
		{
			name:       "no MRR rows",
			mrr:        head,
			wantCode:   1,
			wantStderr: "mrr.csv:1: no rows below the header",
		},
		{
			name:       "no good MRR rows",
			mrr:        head + "a,2026-13,1\n",
			args:       []string{"-skip-bad"},
			wantCode:   1,
			wantStderr: "mrr.csv:1: no rows below the header, 1 bad rows skipped",
		},
		{
			name:       "no answers",
			answers:    "date,score\n",
			wantCode:   1,
			wantStderr: "answers.csv:1: no answers below the header",
		},
		{
			name:       "empty answers file",
			answers:    "\n",
			wantCode:   1,
			wantStderr: "answers.csv:1: empty file, want a header row",
		},
		{
			// The answers report only the periods that have answers.
			name:       "answers 9,999 years apart",
			answers:    "date,score\n0001-01-01,9\n9999-12-31,10\n",
			wantStdout: "Change 0001-01 to 9999-12: ",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := tt.args
			if tt.answers != "" {
				args = append(args, "-answers", writeInput(t, dir, "answers.csv", []byte(tt.answers)))
			}
			if tt.mrr != "" {
				args = append(args, "-mrr", writeInput(t, dir, "mrr.csv", []byte(tt.mrr)))
			}
			code, stdout, stderr := runArgs(args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%.2000s", tt.wantStdout, stdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr)
			}
		})
	}
}
