// Package browsertest opens the HTML page of cxreport in a real browser,
// Debian's chromium driven by chromedp, and checks that it renders every
// chart without a console error. It is a module of its own so that the
// cxmetrics module needs nothing beyond the standard library:
//
//	cd examples/cxreport/browsertest && go test ./...
//	go test ./... -screenshot ../report.png   # also refresh the README's screenshot
//
// Without /usr/bin/chromium (apt-get install chromium) the test skips,
// except when CI=true, where it fails.
package browsertest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const chromium = "/usr/bin/chromium"

var screenshot = flag.String("screenshot", "", "also write the report's screenshot (PNG) to `file`")

// charts are the ids of the SVG charts the page must show.
var charts = []string{"nps-chart", "csat-chart", "waterfall-chart", "cohort-chart"}

func TestReportInBrowser(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing, and CI=true: install it with apt-get install chromium", chromium)
		}
		t.Skipf("%s is missing: apt-get install chromium to run the browser test", chromium)
	}
	dir := t.TempDir()
	report := filepath.Join(dir, "report.html")
	// go run from the example's directory builds it in the cxmetrics
	// module, exactly as a user runs it.
	cmd := exec.Command("go", "run", ".", "-html", report)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run . -html: %v\n%s", err, out)
	}
	// A control page with an error in it shows that the listener does
	// catch one, so that "no errors" on the report means something.
	broken := filepath.Join(dir, "broken.html")
	brokenPage := `<!DOCTYPE html><title>x</title><svg id="nps-chart"></svg><script>console.error("boom"); undefinedFunction();</script>`
	if err := os.WriteFile(broken, []byte(brokenPage), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name       string
		page       string
		wantErrors bool
		wantCharts []string
	}{
		{"report", report, false, charts},
		{"control page with errors", broken, true, nil},
	}
	browser := newBrowser(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := load(t, browser, tt.page)
			if tt.wantErrors {
				if len(got.errors) == 0 {
					t.Errorf("the listener missed the control page's errors")
				}
				t.Logf("caught on the control page: %q", got.errors)
				return
			}
			for _, e := range got.errors {
				t.Errorf("browser reported: %s", e)
			}
			for _, id := range tt.wantCharts {
				c := got.charts[id]
				if c.Width < 100 || c.Height < 100 || c.Shapes == 0 {
					t.Errorf("chart %s: %.0f × %.0f px with %d shapes, want one drawn", id, c.Width, c.Height, c.Shapes)
				}
			}
			path := filepath.Join(dir, "report.png")
			if err := os.WriteFile(path, got.png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot of the whole page: %s (%d bytes)", path, len(got.png))
			if *screenshot != "" {
				if err := os.WriteFile(*screenshot, got.top, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// newBrowser starts chromium for the test, headless and quiet: no
// sandbox (CI runs as root), no GPU, and none of the background traffic
// to Google's servers.
func newBrowser(t *testing.T) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1400, 1180), // the charts, for the README's screenshot
	)
	ctx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return ctx
}

// chart is what the browser drew for one SVG chart.
type chart struct {
	Width, Height float64
	Shapes        int // rect, line, polyline, polygon, circle and text elements
}

// loaded is what a page did in the browser.
type loaded struct {
	errors []string
	charts map[string]chart
	png    []byte // the whole page
	top    []byte // the window: the headline figures and the charts
}

// load opens path in a new tab and collects its errors, its charts and a
// full-page screenshot.
func load(t *testing.T, browser context.Context, path string) loaded {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	var mu sync.Mutex
	var got loaded
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		got.errors = append(got.errors, fmt.Sprintf(format, args...))
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value))
				}
				report("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil {
				text += " " + d.Exception.Description
			}
			report("exception at line %d: %s", d.LineNumber+1, text)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
				report("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				report("network request to %s: the page must be self-contained", u)
			}
		}
	})
	if err != nil {
		t.Fatalf("listening to %s: %v", path, err)
	}
	enableNetwork := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{})
		return err
	})
	if err := chromedp.Do(ctx,
		enableNetwork,
		chromedp.Navigate("file://"+path),
		chromedp.WaitReady(chromedp.CSS("body")),
	); err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	measured, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]chart](`Object.fromEntries(`+jsArray(charts)+`.map(id => {
			const svg = document.getElementById(id);
			if (!svg || svg.tagName.toLowerCase() !== "svg") return [id, {Width: 0, Height: 0, Shapes: 0}];
			const box = svg.getBoundingClientRect();
			return [id, {Width: box.width, Height: box.height,
				Shapes: svg.querySelectorAll("rect, line, polyline, polygon, circle, text").length}];
		}))`))
	if err != nil {
		t.Fatalf("measuring the charts of %s: %v", path, err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG
	if err != nil {
		t.Fatalf("screenshot of %s: %v", path, err)
	}
	top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot of %s: %v", path, err)
	}
	// Let late events (an error thrown after load) arrive.
	if err := chromedp.Do(ctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	got.charts, got.png, got.top = measured, png, top
	return got
}

// jsArray writes ids as a JavaScript array literal.
func jsArray(ids []string) string {
	return `["` + strings.Join(ids, `", "`) + `"]`
}
