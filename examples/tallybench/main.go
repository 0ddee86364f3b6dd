// Command tallybench times cxmetrics.Tally then cxmetrics.NPS over a file
// of one-byte NPS answers, beside the time to read the same bytes once as
// 64-bit words, so that the figures can be set against numpy's on the very
// same data:
//
//	/usr/bin/python3 ../shared/bench/numpy_nps.py 100000000 --dump /tmp/answers.bin >/tmp/numpy.txt &&
//		go run ./examples/tallybench -numpy - /tmp/answers.bin </tmp/numpy.txt
//
// The two run one after the other, not at once, so that neither slows the
// other. Each figure is the best of five runs. Given numpy's time with
// -numpy SECONDS, or with -numpy - the numpy_nps.py output on standard
// input, it prints the ratios the issue targets: numpy over Tally+NPS, and
// Tally+NPS over the word read.
//
// Exit status is 1 on bad input and 2 on bad usage.
package main

import (
	"bufio"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

func main() {
	numpy := flag.String("numpy", "", "numpy's time in seconds, or - to read numpy_nps.py's output from standard input")
	runs := flag.Int("runs", 5, "runs to take the best of")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: tallybench [-numpy SECONDS|-] [-runs N] ANSWERS.bin\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *runs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	numpySeconds, err := numpyTime(*numpy)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tallybench:", err)
		os.Exit(2)
	}
	answers, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "tallybench:", err)
		os.Exit(1)
	}
	if len(answers) == 0 {
		fmt.Fprintf(os.Stderr, "tallybench: %s: no answers\n", flag.Arg(0))
		os.Exit(1)
	}

	var res cxmetrics.NPSResult
	tally := best(*runs, func() {
		s, err := cxmetrics.Tally(cxmetrics.NPSScale, answers)
		if err == nil {
			res, err = cxmetrics.NPS(s)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "tallybench: %s: %v\n", flag.Arg(0), err)
			os.Exit(1)
		}
	})
	var sum uint64
	read := best(*runs, func() { sum += readWords(answers) })

	fmt.Printf("n=%d promoters=%d detractors=%d nps=%.6f\n", len(answers), res.Promoters, res.Detractors, res.Score)
	fmt.Printf("tally_nps_seconds=%.6f\n", tally.Seconds())
	// The sum is printed so that the compiler cannot drop the read.
	fmt.Printf("word_read_seconds=%.6f (sum %d)\n", read.Seconds(), sum%1000)
	fmt.Printf("tally_nps/word_read=%.2f (target <= 2.5)\n", tally.Seconds()/read.Seconds())
	if numpySeconds > 0 {
		fmt.Printf("numpy_seconds=%.6f\n", numpySeconds)
		fmt.Printf("numpy/tally_nps=%.2f (target >= 1.5)\n", numpySeconds/tally.Seconds())
	}
}

// best returns the shortest of runs timings of f.
func best(runs int, f func()) time.Duration {
	b := time.Duration(1<<63 - 1)
	for range runs {
		t := time.Now()
		f()
		b = min(b, time.Since(t))
	}
	return b
}

// readWords reads b once, as little-endian 64-bit words, and returns their
// sum: the floor the issue measures Tally against.
func readWords(b []byte) uint64 {
	var sum uint64
	i := 0
	for ; i+8 <= len(b); i += 8 {
		sum += binary.LittleEndian.Uint64(b[i:])
	}
	for _, c := range b[i:] {
		sum += uint64(c)
	}
	return sum
}

// numpyTime returns numpy's time from the -numpy flag: empty (none), a
// number of seconds, or "-" to read the numpy_seconds= line of
// numpy_nps.py's output from standard input, which is copied to standard
// output.
func numpyTime(flagValue string) (float64, error) {
	switch flagValue {
	case "":
		return 0, nil
	case "-":
		return scanNumpy(os.Stdin, os.Stdout)
	}
	v, err := strconv.ParseFloat(flagValue, 64)
	if err != nil || !(v > 0) {
		return 0, fmt.Errorf("-numpy %q: want seconds above 0 or -", flagValue)
	}
	return v, nil
}

// scanNumpy copies r to w and returns the value of its numpy_seconds= line.
func scanNumpy(r io.Reader, w io.Writer) (float64, error) {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		fmt.Fprintln(w, sc.Text())
		if v, ok := strings.CutPrefix(sc.Text(), "numpy_seconds="); ok {
			s, err := strconv.ParseFloat(v, 64)
			if err != nil || !(s > 0) {
				return 0, fmt.Errorf("standard input line %d: bad numpy_seconds %q", line, v)
			}
			return s, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("standard input: no numpy_seconds= line in %d lines", line)
}
