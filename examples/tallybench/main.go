// Command tallybench times cxmetrics.Tally then cxmetrics.NPS over a file
// of one-byte NPS answers, on one goroutine and with TallyConcurrent on
// -workers, beside the floor: one read of the same bytes as 64-bit words
// with four running sums (4-way unrolled, as ../shared/bench/wordread
// reads), on one goroutine and split over -workers. The input is warm for
// every figure: the file is read into memory before any clock starts, and
// each figure is the best of -runs runs, so that the figures can be set
// against numpy's and polars' on the very same data, which load theirs
// before timing too:
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
	"sync"
	"time"

	"github.com/cxmetrics/cxmetrics"
)

func main() {
	numpy := flag.String("numpy", "", "numpy's time in seconds, or - to read numpy_nps.py's output from standard input")
	runs := flag.Int("runs", 5, "runs to take the best of")
	workers := flag.Int("workers", 2, "goroutines for TallyConcurrent and the split read")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: tallybench [-numpy SECONDS|-] [-runs N] ANSWERS.bin\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *runs < 1 || *workers < 1 {
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
	var resW cxmetrics.NPSResult
	tallyW := best(*runs, func() {
		s, err := cxmetrics.TallyConcurrent(cxmetrics.NPSScale, answers, *workers)
		if err == nil {
			resW, err = cxmetrics.NPS(s)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "tallybench: %s: %v\n", flag.Arg(0), err)
			os.Exit(1)
		}
	})
	if resW != res {
		fmt.Fprintf(os.Stderr, "tallybench: TallyConcurrent gave %+v, Tally %+v\n", resW, res)
		os.Exit(1)
	}
	var sum uint64
	read := best(*runs, func() { sum += readWords(answers) })
	readW := best(*runs, func() { sum += readWordsSplit(answers, *workers) })

	fmt.Printf("n=%d promoters=%d detractors=%d nps=%.6f (input warm: in memory before every clock)\n", len(answers), res.Promoters, res.Detractors, res.Score)
	fmt.Printf("tally_nps_seconds=%.6f\n", tally.Seconds())
	fmt.Printf("tally_concurrent_nps_seconds=%.6f workers=%d\n", tallyW.Seconds(), *workers)
	// The sum is printed so that the compiler cannot drop the read.
	fmt.Printf("word_read_seconds=%.6f word_read_split_seconds=%.6f (sum %d)\n", read.Seconds(), readW.Seconds(), sum%1000)
	fmt.Printf("tally_nps/word_read=%.2f tally_concurrent_nps/word_read_split=%.2f\n", tally.Seconds()/read.Seconds(), tallyW.Seconds()/readW.Seconds())
	if numpySeconds > 0 {
		fmt.Printf("numpy_seconds=%.6f\n", numpySeconds)
		fmt.Printf("numpy/tally_nps=%.2f numpy/tally_concurrent_nps=%.2f\n", numpySeconds/tally.Seconds(), numpySeconds/tallyW.Seconds())
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

// readWords reads b once, as little-endian 64-bit words in four running
// sums (4-way unrolled, so that no sum waits for the one before), and
// returns their total: the floor Tally is measured against.
func readWords(b []byte) uint64 {
	var s0, s1, s2, s3 uint64
	i := 0
	for ; i+32 <= len(b); i += 32 {
		w := b[i : i+32 : i+32]
		s0 += binary.LittleEndian.Uint64(w[0:])
		s1 += binary.LittleEndian.Uint64(w[8:])
		s2 += binary.LittleEndian.Uint64(w[16:])
		s3 += binary.LittleEndian.Uint64(w[24:])
	}
	sum := s0 + s1 + s2 + s3
	for ; i+8 <= len(b); i += 8 {
		sum += binary.LittleEndian.Uint64(b[i:])
	}
	for _, c := range b[i:] {
		sum += uint64(c)
	}
	return sum
}

// readWordsSplit is readWords over workers contiguous parts of b, each on
// a goroutine of its own.
func readWordsSplit(b []byte, workers int) uint64 {
	sums := make([]uint64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[w] = readWords(b[len(b)*w/workers : len(b)*(w+1)/workers])
		}()
	}
	wg.Wait()
	var sum uint64
	for _, s := range sums {
		sum += s
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
