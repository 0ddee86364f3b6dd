package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// spanBombLimit is the address space TestSpanBomb's child may map beyond
// what it had mapped when it started (the Go runtime reserves about a
// gigabyte of address space up front): some hundred times what cxreport
// needs for the largest span it takes, far below the 115 GB of cohort
// table a history of 120,000 months once asked for.
const spanBombLimit = 1 << 30

// spanBombEnv names, in the environment of TestSpanBomb's child, the MRR
// file the child runs cxreport on.
const spanBombEnv = "CXREPORT_SPAN_BOMB"

// TestSpanBomb runs cxreport on a 43-byte MRR file of two rows, one in
// 0000-01 and one in 9999-12, which once sized a history of 120,000
// months and died with "fatal error: out of memory". It must stop at the
// second row with exit status 1, before allocating anything large. The
// run is in a child process (this test binary again, with spanBombEnv
// set) whose address space is limited, so that a regression fails this
// test instead of taking the machine's memory.
func TestSpanBomb(t *testing.T) {
	if path := os.Getenv(spanBombEnv); path != "" {
		spanBombChild(t, path)
		return
	}
	if raceEnabled {
		t.Skip("the race detector's shadow memory needs more address space than the child may map")
	}
	const bomb = "customer,month,mrr\na,0000-01,1\na,9999-12,1\n"
	if len(bomb) != 43 {
		t.Fatalf("the file has %d bytes, want the 43 of the report", len(bomb))
	}
	path := writeInput(t, t.TempDir(), "mrr.csv", []byte(bomb))
	cmd := exec.Command(os.Args[0], "-test.run=^TestSpanBomb$", "-test.count=1")
	cmd.Env = append(os.Environ(), spanBombEnv+"="+path)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("child: %v, want exit status 1; stderr:\n%s", err, head(stderr.String()))
	}
	want := "cxreport: " + path + `:3:3: month "9999-12" and 0000-01 on line 2 span 120000 months; cxreport takes at most 1200 (100 years): is a year mistyped?` + "\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout is not empty:\n%s", head(stdout.String()))
	}
}

// spanBombChild is the child's side of TestSpanBomb: it limits its address
// space, runs cxreport on the file at path and exits with its status.
func spanBombChild(t *testing.T, path string) {
	mapped, err := vmSize()
	if err != nil {
		t.Fatal(err)
	}
	limit := mapped + spanBombLimit
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatalf("setrlimit: %v", err)
	}
	os.Exit(run([]string{"-mrr", path}, os.Stdout, os.Stderr))
}

// vmSize returns the address space the process has mapped, in bytes.
func vmSize() (uint64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmSize:"); ok {
			var kB uint64
			if _, err := fmt.Sscan(v, &kB); err != nil {
				return 0, fmt.Errorf("VmSize %q: %v", v, err)
			}
			return kB << 10, nil
		}
	}
	return 0, errors.New("no VmSize in /proc/self/status")
}

// head returns the first lines of a child's output: the error, without
// the goroutine dump of a runtime crash.
func head(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return strings.Join(lines[:min(len(lines), 5)], "\n")
}
