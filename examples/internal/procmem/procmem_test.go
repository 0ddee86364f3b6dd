package procmem

import (
	"runtime"
	"testing"
)

func TestParseHWM(t *testing.T) {
	for _, c := range []struct {
		status string
		want   int64 // 1024 × the kB written in the case
		ok     bool
	}{
		{"Name:\tx\nVmPeak:\t 9000 kB\nVmHWM:\t    1234 kB\nVmRSS:\t 1000 kB\n", 1234 * 1024, true},
		{"VmHWM:\t1234 MB\n", 0, false},
		{"VmHWM:\tx kB\n", 0, false},
		{"Name:\tx\n", 0, false},
	} {
		got, err := parseHWM(c.status)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("parseHWM(%q) = %d, %v; want %d, ok %v", c.status, got, err, c.want, c.ok)
		}
	}
}

func TestPeakRSS(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("VmHWM is Linux's")
	}
	b := make([]byte, 64<<20)
	for i := range b {
		b[i] = 1 // touch every page: 64 MB resident at least once
	}
	hwm, err := PeakRSS()
	if err != nil || hwm < 64<<20 {
		t.Errorf("PeakRSS() = %d, %v; want at least the 64 MB just touched", hwm, err)
	}
	runtime.KeepAlive(b)
}
