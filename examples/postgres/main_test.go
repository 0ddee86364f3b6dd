package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
	"time"
)

// TestReport runs the report against a real PostgreSQL server, started
// for it (server_test.go), one database per subtest.
func TestReport(t *testing.T) {
	srv := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	t.Run("hand-built months", func(t *testing.T) { testHandBuilt(ctx, t, srv.newDatabase(t, "hand")) })
	t.Run("errors", func(t *testing.T) { testErrors(ctx, t, srv.newDatabase(t, "errors")) })
	t.Run("sample", func(t *testing.T) { testSample(ctx, t, srv.newDatabase(t, "sample")) })
	t.Run("command line", func(t *testing.T) { testCommandLine(ctx, t, srv) })
}

// testCommandLine runs the program's command line (run, which main calls)
// against the server: -seed on an empty database, then the usage errors.
func testCommandLine(ctx context.Context, t *testing.T, srv *pgServer) {
	srv.newDatabase(t, "cli")
	dsn := srv.dsn("cli")
	tests := []struct {
		name      string
		args      []string
		env       string // DATABASE_URL
		wantUsage bool   // a usageError, exit status 2
		wantErr   bool   // another error, exit status 1
		wantOut   string // in stdout
	}{
		{name: "seed and report", args: []string{"-dsn", dsn, "-seed", "-opening", "-tz", "Europe/Berlin"},
			wantOut: "monthly in Europe/Berlin"},
		{name: "DATABASE_URL", env: dsn, wantOut: "All plans"},
		{name: "seed again", args: []string{"-dsn", dsn, "-seed"}, wantErr: true},
		{name: "bad time zone", args: []string{"-dsn", dsn, "-tz", "Mars/Olympus_Mons"}, wantUsage: true},
		{name: "no server", wantUsage: true},
		{name: "an argument", args: []string{"-dsn", dsn, "extra"}, wantUsage: true},
		{name: "unknown flag", args: []string{"-dsn", dsn, "-format", "json"}, wantUsage: true},
		{name: "bad dsn", args: []string{"-dsn", "postgres://[::1"}, wantUsage: true},
		{name: "bad row", args: []string{"-dsn", dsn, "-query", `SELECT 'x', now(), -1, 'basic'`}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("DATABASE_URL", tt.env)
			var stdout, stderr bytes.Buffer
			err := run(ctx, flag.NewFlagSet("test", flag.ContinueOnError), tt.args, &stdout, &stderr)
			t.Logf("err: %v\nstderr: %s", err, stderr.String())
			var usage usageError
			if got := errors.As(err, &usage); got != tt.wantUsage {
				t.Errorf("a usage error: %v, want %v", got, tt.wantUsage)
			}
			if got := err != nil && !tt.wantUsage; got != tt.wantErr {
				t.Errorf("an error: %v, want %v", got, tt.wantErr)
			}
			if !strings.Contains(stdout.String(), tt.wantOut) {
				t.Errorf("stdout has no %q:\n%s", tt.wantOut, stdout.String())
			}
		})
	}
}
