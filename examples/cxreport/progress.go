package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress writes a "rows read" line to a terminal while a file is read,
// once the file has taken more than a second, so that small files print
// nothing and a pipe or a log never sees carriage returns. A nil *progress
// does nothing.
type progress struct {
	w       io.Writer
	name    string
	start   time.Time
	last    time.Time // of the last line written
	printed bool
}

// newProgress returns a progress line for the file name on stderr, or nil
// when stderr is not a terminal.
func newProgress(stderr io.Writer, name string) *progress {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progress{w: stderr, name: name, start: time.Now()}
}

// tick is called with the rows read so far; it looks at the clock only
// every 65536 rows, and rewrites the line four times a second at most.
func (p *progress) tick(rows int64) {
	if p == nil || rows%(1<<16) != 0 {
		return
	}
	now := time.Now()
	if now.Sub(p.start) > time.Second && now.Sub(p.last) >= time.Second/4 {
		fmt.Fprintf(p.w, "\r%s: %d rows read, %.0f s", p.name, rows, now.Sub(p.start).Seconds())
		p.last, p.printed = now, true
	}
}

// done clears the line, if one was written.
func (p *progress) done() {
	if p != nil && p.printed {
		fmt.Fprint(p.w, "\r\033[K")
		p.printed = false
	}
}
