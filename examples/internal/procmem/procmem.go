// Package procmem reads the memory figures of the running process that the
// benchmark programs report beside their timings, as the peers' programs
// report theirs.
package procmem

import (
	"errors"
	"os"
	"strconv"
	"strings"
)

// PeakRSS returns the process's peak resident memory, its high-water mark
// VmHWM from /proc/self/status, in bytes. It fails where there is no such
// file (outside Linux) or no such line.
func PeakRSS() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	return parseHWM(string(b))
}

// parseHWM returns the VmHWM of a /proc/PID/status text, in bytes.
func parseHWM(status string) (int64, error) {
	for line := range strings.Lines(status) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) != 2 || f[1] != "kB" {
				break
			}
			kb, err := strconv.ParseInt(f[0], 10, 64)
			if err != nil {
				return 0, err
			}
			return kb * 1024, nil
		}
	}
	return 0, errors.New("no VmHWM line in kB in the process status")
}
