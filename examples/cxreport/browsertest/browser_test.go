// Package browsertest opens the HTML page of cxreport in a real browser,
// Debian's chromium driven by chromedp, and checks what a person sees: at
// 1400 px, a desktop with a scrollbar, and at 390 px, a phone. It is a
// module of its own so that the cxmetrics module needs nothing beyond the
// standard library:
//
//	cd examples/cxreport/browsertest && go test -count=1 ./...
//	go test ./... -screenshots ..   # also refresh the README's screenshots
//
// -count=1 runs it even when its own files have not changed: go test
// caches a result by the files of this module, and the page is built from
// files outside it.
//
// At both widths: no console error or network request; every chart shown,
// the MRR trend first; nothing wider than the window, no chart outside
// it, no text cut off, overlapping or under 9 px; the heatmaps' numbers
// fit their cells and the heatmaps have a colour legend; each headline
// figure names its period; the retention curve has its shaded band, and
// its sBG projection where the model fits; where the answers' rating
// columns are read, the key drivers' quadrant chart names every driver,
// the four quadrants and both axes, inside its section. At 1400 px the
// charts are in two columns or more that span the page; at 390 px they
// are in one.
//
// It runs on three pages: the embedded sample (12 months of MRR, and key
// drivers); a history of 24 months that history_test.go writes, where the
// cohort heatmaps are widest, with -driver-cols; and the sample with -opening, whose first month is
// an opening book that must be shown apart.
//
// Without /usr/bin/chromium (apt-get install chromium) the test skips,
// except when CI=true, where it fails.
package browsertest

import (
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var screenshots = flag.String("screenshots", "", "also write the sample report's screenshots, report-1400.png and report-390.png, to `dir`")

// surveyCharts are the ids of the charts of the sample's answers, and
// revenueCharts those of any MRR file; the phone's have -narrow after
// them, except the heatmaps', which scroll sideways instead.
var (
	revenueCharts = []string{"mrr-chart", "waterfall-chart", "cohort-chart", "cohort-revenue-chart", "survival-chart"}
	surveyCharts  = []string{"nps-chart", "nps-segment-chart", "csat-chart", "csat-segment-chart", "ces-chart", "ces-segment-chart"}
	// driversChart is the key drivers' importance × performance chart,
	// of answers whose rating columns are read.
	driversChart = "drivers-chart"
)

func TestReportInBrowser(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing, and CI=true: install it with apt-get install chromium", chromium)
		}
		t.Skipf("%s is missing: apt-get install chromium to run the browser test", chromium)
	}
	dir := t.TempDir()
	history := filepath.Join(dir, "mrr-24-months.csv")
	if err := writeHistory(history, 24); err != nil {
		t.Fatal(err)
	}
	sample := filepath.Join(dir, "sample.html")
	long := filepath.Join(dir, "24-months.html")
	opening := filepath.Join(dir, "opening.html")
	cxreport(t, "-html", sample)
	cxreport(t, "-answers", "sample/answers.csv", "-driver-cols", "support,price,onboarding,product", "-mrr", history, "-html", long)
	cxreport(t, "-answers", "sample/answers.csv", "-mrr", "sample/mrr.csv", "-opening", "-html", opening)

	// A control page with an error in it shows that the listener does
	// catch one, so that "no errors" on the report means something.
	broken := filepath.Join(dir, "broken.html")
	brokenPage := `<!DOCTYPE html><title>x</title><svg id="nps-chart"></svg><script>console.error("boom"); undefinedFunction();</script>`
	if err := os.WriteFile(broken, []byte(brokenPage), 0o644); err != nil {
		t.Fatal(err)
	}
	browser := newBrowser(t)
	t.Run("control page with errors", func(t *testing.T) {
		got := load(t, browser, broken, desktop)
		if len(got.errors) == 0 {
			t.Errorf("the listener missed the control page's errors")
		}
		t.Logf("caught on the control page: %q", got.errors)
	})

	pages := []struct {
		name    string
		path    string
		ages    int  // of the cohort heatmaps: the months of MRR, less an opening book
		opening bool // the first month is the opening book (-opening)
		sbg     bool // the survival chart draws the sBG projection
		drivers bool // the answers' rating columns are read (-driver-cols, or the sample's own)
		shots   bool
	}{
		{"sample", sample, 12, false, false, true, true}, // one constant churn rate: no sBG
		{"24 months", long, 24, false, true, true, false},
		{"opening book", opening, 11, true, false, false, false},
	}
	for _, p := range pages {
		for _, v := range []viewport{desktop, phone} {
			t.Run(p.name+"/"+v.name, func(t *testing.T) {
				got := load(t, browser, p.path, v)
				for _, e := range got.errors {
					t.Errorf("browser reported: %s", e)
				}
				l := got.layout
				if l.InnerWidth != float64(v.width) {
					// A phone zooms out to show a page wider than itself.
					t.Errorf("the window is %.0f px wide, want %d: something on the page is wider than the screen", l.InnerWidth, v.width)
				}
				want := append(revenueCharts, surveyCharts...)
				if p.drivers {
					want = append(want, driversChart)
				}
				bad := checkPage(l, want, p.ages)
				bad = append(bad, checkDrivers(l, p.drivers)...)
				if p.opening && (!strings.HasPrefix(l.Opening, "Opening book 2025-07: 150 customers") || l.OpeningBars != 1) {
					bad = append(bad, fmt.Sprintf("the opening book is not shown apart: line %q, %d grey bars in the MRR trend", l.Opening, l.OpeningBars))
				}
				if !p.opening && (l.Opening != "" || l.OpeningBars != 0) {
					bad = append(bad, fmt.Sprintf("an opening book is shown without -opening: %q", l.Opening))
				}
				for _, c := range l.Charts {
					if c.name() == "survival-chart" && (c.Dashed == 1) != p.sbg {
						bad = append(bad, fmt.Sprintf("survival chart %s draws %d sBG projections, want it %v", c.ID, c.Dashed, p.sbg))
					}
				}
				if v.mobile {
					bad = append(bad, checkPhone(l)...)
				} else {
					bad = append(bad, checkDesktop(l)...)
				}
				for _, b := range bad {
					t.Error(b)
				}
				logLayout(t, l)
				if p.shots && *screenshots != "" {
					path := filepath.Join(*screenshots, "report-"+v.name+".png")
					if err := os.WriteFile(path, got.png, 0o644); err != nil {
						t.Fatal(err)
					}
					t.Logf("wrote %s (%d bytes)", path, len(got.png))
				}
			})
		}
	}
}

// cxreport runs the example with args from its directory, so that it is
// built in the cxmetrics module, exactly as a user runs it.
func cxreport(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"run", "."}, args...)...)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run . %q: %v\n%s", args, err, out)
	}
}

// logLayout says how the charts were laid out: the window, the scrollbar,
// each line of charts with their widths, and the heatmaps' numbers.
func logLayout(t *testing.T, l layout) {
	t.Helper()
	t.Logf("window %.0f px, scrollbar %.0f px, content %.0f px", l.InnerWidth, l.InnerWidth-l.ClientWidth, l.Content.width())
	for _, r := range rows(l) {
		var widths []float64
		for _, s := range r {
			widths = append(widths, s.width())
		}
		t.Logf("  charts at y %5.0f: %d side by side, %.0f px wide from x %.0f", r[0].Top, len(r), widths, r[0].Left)
	}
	for _, c := range l.Charts {
		if len(c.Cells) == 0 {
			continue
		}
		small := math.Inf(1)
		for _, x := range c.Cells {
			small = math.Min(small, x.Px)
		}
		t.Logf("  %s: %d numbers, the smallest %.1f px; drawn %.0f px wide in a box of %.0f", c.ID, len(c.Cells), small, c.Box.width(), c.visible().width())
	}
}
