package cxmetrics_test

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

// probeLimit is the address space a memory probe may use beyond what the
// process had mapped when it started (the Go runtime reserves about a
// gigabyte of address space up front): far beyond what each probe needs
// (tens of MB), far below what the inputs would have allocated before
// memory followed the data (gigabytes to terabytes).
const probeLimit = 1 << 30

// memoryProbes are inputs that once made the library allocate by what was
// declared or by the square of a span, not by what was observed. Each
// runs in a child process whose address space is limited to probeLimit,
// so that a regression fails a test (the child dies of "out of memory")
// instead of taking the machine down.
var memoryProbes = map[string]func() error{
	// 170 GB in the constructor once; the cohort table of all the
	// declared periods, 40 GB for 10⁵, on the second record.
	"declared periods": func() error {
		for _, periods := range []int{100_000, 10_000_000, math.MaxInt32 - 1} {
			for _, order := range []cxmetrics.Order{cxmetrics.PeriodOrder, cxmetrics.AnyOrder} {
				h, err := cxmetrics.NewMRRHistory[string](periods, order)
				if err != nil {
					return err
				}
				if err := h.Add("a", 0, 100); err != nil {
					return err
				}
				if err := h.Add("b", 1, 100); err != nil {
					return err
				}
				if _, _, err := h.Movements(); err != nil {
					return err
				}
				if _, err := h.Cohorts(); err != nil {
					return err
				}
			}
		}
		return nil
	},
	// Two records as far apart as a history observes: movements of every
	// period between (11.5 MB), and a cohort table refused, not built.
	"the widest span": func() error {
		for _, order := range []cxmetrics.Order{cxmetrics.PeriodOrder, cxmetrics.AnyOrder} {
			h, err := cxmetrics.NewMRRHistory[string](math.MaxInt32-1, order)
			if err != nil {
				return err
			}
			if err := h.Add("a", 0, 100); err != nil {
				return err
			}
			if err := h.Add("b", cxmetrics.MaxPeriods-1, 100); err != nil {
				return err
			}
			if _, _, err := h.Movements(); err != nil {
				return err
			}
			if _, err := h.Cohorts(); err == nil {
				return fmt.Errorf("%v: Cohorts of %d periods: no error", order, cxmetrics.MaxPeriods)
			}
		}
		return nil
	},
	// Many customers and one record far away: a dense customer × period
	// table would take 10⁵ × 1.3 × 10⁵ × 8 bytes, 100 GB.
	"many customers, one far record": func() error {
		for _, order := range []cxmetrics.Order{cxmetrics.PeriodOrder, cxmetrics.AnyOrder} {
			h, err := cxmetrics.NewMRRHistory[int](cxmetrics.MaxPeriods, order)
			if err != nil {
				return err
			}
			for c := range 100_000 {
				if err := h.Add(c, 0, 100); err != nil {
					return err
				}
			}
			if err := h.Add(0, cxmetrics.MaxPeriods-1, 100); err != nil {
				return err
			}
			if _, _, err := h.Movements(); err != nil {
				return err
			}
		}
		return nil
	},
	// Each of 20,000 customers starts a cohort of their own, and all pay
	// again in the last period: cohort rows padded out to their oldest
	// age would take 20,000²/2 cells, 3.2 GB.
	"late returns": func() error {
		const p = 20_000
		for _, order := range []cxmetrics.Order{cxmetrics.PeriodOrder, cxmetrics.AnyOrder} {
			h, err := cxmetrics.NewMRRHistory[int](p+1, order)
			if err != nil {
				return err
			}
			for c := range p - 1 {
				if err := h.Add(c, c, 1); err != nil {
					return err
				}
			}
			for c := range p {
				if err := h.Add(c, p-1, 1); err != nil {
					return err
				}
			}
			if err := h.AddSnapshot(p, nil); err != nil {
				return err
			}
			if _, _, err := h.Movements(); err != nil {
				return err
			}
		}
		return nil
	},
	// A JSON survey whose counts array claims far more points than any
	// scale has: refused before it is held.
	"a long counts array": func() error {
		var s cxmetrics.Survey
		data := `{"min":0,"max":10,"counts":[` + strings.Repeat("1,", 20_000_000) + `1]}`
		if err := s.UnmarshalJSON([]byte(data)); err == nil {
			return fmt.Errorf("a counts array of 2 × 10⁷ + 1 counts for 11 points: no error")
		}
		return nil
	},
}

// TestMemoryProbes runs each memory probe in a child process with a
// limited address space, and fails if the child dies or the probe fails.
func TestMemoryProbes(t *testing.T) {
	if name := os.Getenv("CXMETRICS_PROBE"); name != "" {
		runProbeChild(t, name)
		return
	}
	if raceEnabled {
		t.Skip("the race detector's shadow memory needs more address space than a probe allows")
	}
	if testing.Short() {
		t.Skip("short")
	}
	for name := range memoryProbes {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryProbes$", "-test.count=1")
			cmd.Env = append(os.Environ(), "CXMETRICS_PROBE="+name)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("probe %q in %d MiB of address space: %v\n%s", name, probeLimit>>20, err, tail(out))
			}
		})
	}
}

// runProbeChild is the child's side: limit the address space, then run the
// probe.
func runProbeChild(t *testing.T, name string) {
	probe, ok := memoryProbes[name]
	if !ok {
		t.Fatalf("no probe %q", name)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	var mapped uint64 // kB
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmSize:"); ok {
			if _, err := fmt.Sscan(v, &mapped); err != nil {
				t.Fatalf("VmSize %q: %v", v, err)
			}
		}
	}
	if mapped == 0 {
		t.Fatal("no VmSize in /proc/self/status")
	}
	limit := mapped<<10 + probeLimit
	lim := syscall.Rlimit{Cur: limit, Max: limit}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		t.Fatalf("setrlimit: %v", err)
	}
	if err := probe(); err != nil {
		t.Fatal(err)
	}
}

// tail returns the last lines of a child's output.
func tail(out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.Join(lines[max(0, len(lines)-15):], "\n")
}
