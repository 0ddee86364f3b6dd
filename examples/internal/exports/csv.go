package exports

import (
	"bufio"
	"io"
	"strings"
)

// SkipBOM returns a reader of r without the UTF-8 byte-order mark that
// spreadsheets and survey tools write before a CSV's header (encoding/csv
// reads it as part of the first field, and a quoted first field then
// fails as a bare quote).
func SkipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	return br
}

// Header is a CSV header row, cleaned: each name without spaces around it
// or a byte-order mark.
type Header []string

// NewHeader returns the header of a CSV file from its first record.
func NewHeader(record []string) Header {
	h := make(Header, len(record))
	for i, name := range record {
		h[i] = strings.TrimSpace(strings.TrimPrefix(name, "\uFEFF"))
	}
	return h
}

// Index returns the index of the column called name, in any case, or -1.
func (h Header) Index(name string) int {
	for i, n := range h {
		if strings.EqualFold(n, strings.TrimSpace(name)) {
			return i
		}
	}
	return -1
}

// String returns the header as a CSV line would hold it, for a message.
func (h Header) String() string { return strings.Join(h, ",") }
