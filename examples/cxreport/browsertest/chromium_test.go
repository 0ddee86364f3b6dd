package browsertest

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const chromium = "/usr/bin/chromium"

// viewport is a window the page is looked at in.
type viewport struct {
	name          string
	width, height int64
	// mobile emulates a phone: device pixels, touch, and scrollbars that
	// float over the page instead of taking its width.
	mobile bool
	scale  float64 // device pixels per CSS pixel
}

var (
	// desktop is the window of the README's screenshot. The browser
	// starts with this size and shows classic scrollbars, so that the
	// page is as wide as on a desktop: 1400 CSS pixels less the
	// scrollbar's 15 or so.
	desktop = viewport{name: "1400", width: 1400, height: 900, scale: 1}
	// phone is a phone held upright, as the browser's device emulation
	// has it.
	phone = viewport{name: "390", width: 390, height: 844, mobile: true, scale: 3}
)

// newBrowser starts chromium for the test, headless and quiet: no
// sandbox (CI runs as root), no GPU, and none of the background traffic
// to Google's servers. Its scrollbars are shown, as on a desktop.
func newBrowser(t *testing.T) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.Flag("hide-scrollbars", false),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(int(desktop.width), int(desktop.height)),
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

// loaded is what a page did in the browser, and what it looked like.
type loaded struct {
	errors []string
	layout layout
	png    []byte // the screenshot for the README: see screenshot
}

// load opens path in a new tab of the size of v and collects its errors,
// its layout and a screenshot.
func load(t *testing.T, browser context.Context, path string, v viewport) loaded {
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
	steps := []chromedp.Action[chromedp.Void]{enableNetwork}
	if v.mobile {
		steps = append(steps, chromedp.EmulateViewport(v.width, v.height,
			chromedp.EmulateScale(v.scale), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
	}
	steps = append(steps, chromedp.Navigate("file://"+path), chromedp.WaitReady(chromedp.CSS("body")))
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	lay, err := chromedp.Run(ctx, chromedp.Evaluate[layout](measureJS))
	if err != nil {
		t.Fatalf("measuring %s: %v", path, err)
	}
	png, err := chromedp.Run(ctx, screenshot(v, lay))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", path, err)
	}
	// Let late events (an error thrown after load) arrive.
	if err := chromedp.Do(ctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	got.layout, got.png = lay, png
	return got
}

// screenshot takes the picture of the page that the README shows: the
// top of the page, with the headline figures, down to the end of the
// second line of charts on a desktop (the revenue charts) and of the
// first chart on a phone, there at two device pixels per CSS pixel to
// keep the file small.
func screenshot(v viewport, lay layout) chromedp.Action[[]byte] {
	clip := page.Viewport{Width: float64(v.width), Height: float64(v.height), Scale: 1}
	lines := 2
	if v.mobile {
		lines, clip.Scale = 1, 2/v.scale
	}
	if r := rows(lay); len(r) > 0 {
		bottom := 0.0
		for _, s := range r[min(lines, len(r))-1] {
			bottom = math.Max(bottom, s.Bottom)
		}
		clip.Height = math.Min(math.Ceil(bottom+16), 3*float64(v.height))
	}
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			Clip:                  &clip,
			CaptureBeyondViewport: ptr(true),
			FromSurface:           ptr(true),
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}

func ptr[T any](x T) *T { return &x }
