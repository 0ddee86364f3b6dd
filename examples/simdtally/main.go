//go:build goexperiment.simd && amd64

// Command simdtally measures what vector instructions would give Tally: the
// bit-plane count of cxmetrics' planes8 (tally_planes.go) on four 64-bit
// lanes at once, with AVX-512's VPOPCNTQ, through Go's experimental
// simd/archsimd package. It is a measurement, not part of the library: it
// needs GOEXPERIMENT=simd and a CPU with AVX-512 VPOPCNTDQ and VL, skips
// validation (answers must be 0-15), and the library uses neither the
// package nor assembly. It prints the counts of 0 to 10, which must equal
// tallybench's, and the best of seven runs on one core and on two:
//
//	GOEXPERIMENT=simd go run ./examples/simdtally /tmp/perf/answers.bin
//	go run ./examples/tallybench -workers 2 /tmp/perf/answers.bin
package main

import (
	"fmt"
	"math/bits"
	"os"
	"simd/archsimd"
	"sync"
	"time"
)

func sum(a archsimd.Int8x32) int64 {
	var s [4]uint64
	a.AsUint8x32().SumAbsDiff(archsimd.BroadcastUint8x32(0)).AsUint64x4().Store(&s)
	return int64(s[0] + s[1] + s[2] + s[3])
}

func hsum(a archsimd.Uint64x4) int64 {
	var s [4]uint64
	a.Store(&s)
	return int64(s[0] + s[1] + s[2] + s[3])
}

// count: the bit-plane loop of cxmetrics' planes8, on four 64-bit lanes at
// once, with AVX-512 VPOPCNTQ; values 0..15 only (no validation).
func count(b []uint8) (c [11]int64) {
	m33 := archsimd.BroadcastUint64x4(0x3333333333333333)
	m55 := archsimd.BroadcastUint64x4(0x5555555555555555)
	var m1, m2, m3, m4, m5, m6, m7, m8, m9, m10 archsimd.Uint64x4
	ld := func(p []uint8) archsimd.Uint64x4 { return archsimd.LoadUint8x32Slice(p).AsUint64x4() }
	i := 0
	for ; i+256 <= len(b); i += 256 {
		p := b[i : i+256 : i+256]
		x0, x1, x2, x3 := ld(p[0:32]), ld(p[32:64]), ld(p[64:96]), ld(p[96:128])
		x4, x5, x6, x7 := ld(p[128:160]), ld(p[160:192]), ld(p[192:224]), ld(p[224:256])
		b0, b1, b2, b3 := x0.Or(x1.ShiftAllLeft(4)), x2.Or(x3.ShiftAllLeft(4)), x4.Or(x5.ShiftAllLeft(4)), x6.Or(x7.ShiftAllLeft(4))
		t := b0.ShiftAllRight(2).Xor(b2).And(m33)
		b2 = b2.Xor(t)
		b0 = b0.Xor(t.ShiftAllLeft(2))
		t = b1.ShiftAllRight(2).Xor(b3).And(m33)
		b3 = b3.Xor(t)
		b1 = b1.Xor(t.ShiftAllLeft(2))
		t = b0.ShiftAllRight(1).Xor(b1).And(m55)
		b1 = b1.Xor(t)
		b0 = b0.Xor(t.ShiftAllLeft(1))
		t = b2.ShiftAllRight(1).Xor(b3).And(m55)
		b3 = b3.Xor(t)
		b2 = b2.Xor(t.ShiftAllLeft(1))
		b01 := b0.And(b1)
		m1 = m1.Add(b0.OnesCount())
		m2 = m2.Add(b1.OnesCount())
		m3 = m3.Add(b01.OnesCount())
		m4 = m4.Add(b2.OnesCount())
		m5 = m5.Add(b0.And(b2).OnesCount())
		m6 = m6.Add(b1.And(b2).OnesCount())
		m7 = m7.Add(b01.And(b2).OnesCount())
		m8 = m8.Add(b3.OnesCount())
		m9 = m9.Add(b0.And(b3).OnesCount())
		m10 = m10.Add(b1.And(b3).OnesCount())
	}
	m := [16]int64{0, hsum(m1), hsum(m2), hsum(m3), hsum(m4), hsum(m5), hsum(m6), hsum(m7), hsum(m8), hsum(m9), hsum(m10)}
	m[0] = int64(i)
	for v := range 11 {
		for t := v; t < 16; t = (t + 1) | v {
			if bits.OnesCount(uint(t^v))%2 == 0 {
				c[v] += m[t]
			} else {
				c[v] -= m[t]
			}
		}
	}
	for ; i < len(b); i++ {
		c[b[i]]++
	}
	return c
}

func main() {
	if len(os.Args) != 2 || !archsimd.X86.AVX512VPOPCNTDQ() || !archsimd.X86.AVX512() {
		fmt.Fprintln(os.Stderr, "usage: simdtally FILE (one answer per byte; needs AVX-512 with VPOPCNTDQ)")
		os.Exit(2)
	}
	b, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "simdtally:", err)
		os.Exit(1)
	}
	var best1, best2 time.Duration = 1 << 62, 1 << 62
	var c [11]int64
	for range 7 {
		t := time.Now()
		c = count(b)
		best1 = min(best1, time.Since(t))
		t = time.Now()
		var wg sync.WaitGroup
		var parts [2][11]int64
		h := len(b) / 2 &^ 31
		wg.Add(1)
		go func() { defer wg.Done(); parts[1] = count(b[h:]) }()
		parts[0] = count(b[:h])
		wg.Wait()
		best2 = min(best2, time.Since(t))
	}
	fmt.Println("counts of 0 to 10:", c)
	fmt.Printf("simd_planes_seconds=%.6f simd_planes_two_cores_seconds=%.6f\n", best1.Seconds(), best2.Seconds())
}
