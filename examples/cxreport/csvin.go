package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cxmetrics/cxmetrics/examples/internal/exports"
)

// A source is one CSV input: the name its errors give, and a way to open
// it, once per pass.
type source struct {
	name string
	open func() (io.ReadCloser, error)
}

// fileSource reads the file at path, or standard input for "-". Its name
// is the path as given, or "stdin".
func fileSource(path string, stdin io.Reader) source {
	if path == "-" {
		return source{name: "stdin", open: func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }}
	}
	return source{name: path, open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// embeddedSource reads data held in the program.
func embeddedSource(name string, data []byte) source {
	return source{name: name, open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}}
}

// rowError is a bad row, named by file, line and column (both from 1, the
// column in bytes as encoding/csv counts it) so that an editor can jump to
// it.
type rowError struct {
	file      string
	line, col int
	msg       string
}

func (e *rowError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.file, e.line, e.col, e.msg)
}

// csvFile is one pass over a source, read a record at a time so that
// memory does not grow with the file.
type csvFile struct {
	src      source
	rc       io.ReadCloser
	r        *csv.Reader
	header   exports.Header
	skipBad  bool
	progress *progress

	rows    int64        // data rows read, bad ones included
	skipped int64        // bad rows skipped under -skip-bad
	listed  []SkippedRow // the first maxListed of them
	list    io.Writer    // where every skipped row is written, if not nil
}

// maxListed is the number of skipped rows a report names; -skipped writes
// every one.
const maxListed = 100

// openCSV opens src and reads its header row. progress and list may be
// nil.
func openCSV(src source, skipBad bool, progress *progress, list io.Writer) (*csvFile, error) {
	rc, err := src.open()
	if err != nil {
		return nil, &usageError{err}
	}
	r := csv.NewReader(exports.SkipBOM(rc))
	r.ReuseRecord = true
	r.TrimLeadingSpace = true
	f := &csvFile{src: src, rc: rc, r: r, skipBad: skipBad, progress: progress, list: list}
	header, err := r.Read()
	if err == io.EOF {
		rc.Close()
		return nil, fmt.Errorf("%s:1: empty file, want a header row", src.name)
	}
	if err != nil {
		rc.Close()
		return nil, f.csvError(err)
	}
	f.header = exports.NewHeader(header)
	for i, h := range f.header {
		f.header[i] = cleanLabel(h)
	}
	return f, nil
}

// column returns the index of the header column named name, which the flag
// flagName sets. A required column that is missing is an error; an
// optional one gives -1.
func (f *csvFile) column(name, flagName string, required bool) (int, error) {
	for i, h := range f.header {
		if strings.EqualFold(h, name) {
			return i, nil
		}
	}
	if required {
		return -1, fmt.Errorf("%s:1: no column %q in the header (%s); set -%s",
			f.src.name, name, strings.Join(f.header, ","), flagName)
	}
	return -1, nil
}

// next returns the next data row, or io.EOF after the last. The record is
// reused by the following call. A row that encoding/csv cannot read (a
// stray quote, a wrong number of fields) is a bad row like any other: an
// error, or skipped and counted under -skip-bad.
func (f *csvFile) next() ([]string, error) {
	for {
		rec, err := f.r.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		f.rows++
		f.progress.tick(f.rows)
		if err == nil {
			return rec, nil
		}
		if err := f.skip(f.csvError(err)); err != nil {
			return nil, err
		}
	}
}

// pos returns the line and column of field i of the current row.
func (f *csvFile) pos(i int) (line, col int) { return f.r.FieldPos(i) }

// bad reports a bad value in field i of the current row: it returns the
// error, or nil after counting the row as skipped under -skip-bad.
func (f *csvFile) bad(i int, format string, args ...any) error {
	line, col := f.r.FieldPos(i)
	return f.skip(&rowError{file: f.src.name, line: line, col: col, msg: fmt.Sprintf(format, args...)})
}

// skip returns err, or nil after counting the row as skipped under
// -skip-bad: listed if it is among the first maxListed, and written to
// -skipped's file.
func (f *csvFile) skip(err error) error {
	if !f.skipBad {
		return err
	}
	f.skipped++
	line := int64(0)
	var re *rowError
	if errors.As(err, &re) {
		line = int64(re.line)
	}
	if len(f.listed) < maxListed {
		f.listed = append(f.listed, SkippedRow{Line: line, Reason: err.Error()})
	}
	if f.list != nil {
		fmt.Fprintln(f.list, err)
	}
	return nil
}

// noRows is the error for a file with no good rows below its header, what
// naming them ("answers", "rows"); skipped is the bad rows skipped under
// -skip-bad.
func noRows(name, what string, skipped int64) error {
	if skipped > 0 {
		return fmt.Errorf("%s:1: no %s below the header, %d bad rows skipped", name, what, skipped)
	}
	return fmt.Errorf("%s:1: no %s below the header", name, what)
}

// csvError turns an encoding/csv error into a rowError.
func (f *csvFile) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &rowError{file: f.src.name, line: pe.Line, col: pe.Column, msg: pe.Err.Error()}
	}
	return fmt.Errorf("%s: %w", f.src.name, err)
}

// close ends the pass and the progress line.
func (f *csvFile) close() error {
	f.progress.done()
	return f.rc.Close()
}
