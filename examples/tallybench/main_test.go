package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadWords(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
		want uint64
	}{
		{"empty", nil, 0},
		{"tail only", []byte{1, 2, 3}, 1 + 2 + 3},
		// little-endian words: 1 and 2 + 256×1 (= 258), then a tail byte 3.
		{"two words and a tail", []byte{1, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 3}, 1 + 258 + 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readWords(tt.b); got != tt.want {
				t.Errorf("readWords(%v) = %d, want %d", tt.b, got, tt.want)
			}
		})
	}
}

func TestScanNumpy(t *testing.T) {
	tests := []struct {
		name, in string
		want     float64
		wantErr  string
	}{
		{"numpy_nps.py output", "n=10 promoters=1 detractors=2 nps=-10.0\nnumpy_seconds=0.025576\n", 0.025576, ""},
		{"no seconds line", "n=10\n", 0, "no numpy_seconds= line in 1 lines"},
		{"bad seconds", "numpy_seconds=fast\n", 0, `line 1: bad numpy_seconds "fast"`},
		{"zero seconds", "numpy_seconds=0\n", 0, `bad numpy_seconds "0"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var echo bytes.Buffer
			got, err := scanNumpy(strings.NewReader(tt.in), &echo)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("scanNumpy() error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("scanNumpy() = %v, %v; want %v", got, err, tt.want)
			}
			if !strings.HasPrefix(tt.in, echo.String()) {
				t.Errorf("echoed %q, not a prefix of the input %q", echo.String(), tt.in)
			}
		})
	}
}

func TestReadWordsSplit(t *testing.T) {
	b := make([]byte, 1000)
	for i := range b {
		b[i] = byte(i)
	}
	// Split at multiples of 8 the words are the same words; elsewhere the
	// parts' words differ, so compare on a length that splits evenly.
	want := readWords(b)
	for _, w := range []int{1, 5} {
		if got := readWordsSplit(b, w); got != want {
			t.Errorf("readWordsSplit(b, %d) = %d, want readWords' %d", w, got, want)
		}
	}
}
