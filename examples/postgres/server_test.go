package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// This file starts a real PostgreSQL server for the tests, from Debian's
// packaged binaries, in a temporary directory: initdb makes a cluster
// there, pg_ctl starts it on a free port of 127.0.0.1 with its unix
// socket in the same directory, and stops it (pg_ctl stop -m fast) when
// the test ends, so that no process is left. PostgreSQL refuses to run as
// root; as root the commands run as the system user postgres, which
// Debian's package creates, and the directory is given to that user.

// pgServer is a PostgreSQL server of the test's own.
type pgServer struct {
	bin   string // the directory of initdb, pg_ctl and postgres
	dir   string // the test's temporary directory: data/, the log, the socket
	port  int
	runAs string // "postgres" when the test runs as root, "" otherwise
}

// postgresBin returns the directory of the newest PostgreSQL server
// binaries Debian installed (/usr/lib/postgresql/N/bin). Without them the
// test skips, or fails when CI=true.
func postgresBin(t *testing.T) string {
	t.Helper()
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	version := func(initdb string) int { // /usr/lib/postgresql/15/bin/initdb: 15
		v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
		return v
	}
	slices.SortFunc(found, func(a, b string) int { return version(b) - version(a) })
	for _, initdb := range found {
		bin := filepath.Dir(initdb)
		if isFile(filepath.Join(bin, "pg_ctl")) && isFile(filepath.Join(bin, "postgres")) {
			return bin
		}
	}
	const why = "PostgreSQL's server binaries are missing (/usr/lib/postgresql/*/bin/initdb, pg_ctl, postgres)"
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s, and CI=true: install them with apt-get install postgresql", why)
	}
	t.Skipf("%s: apt-get install postgresql to run this test against a real server", why)
	return ""
}

// isFile reports whether path is a regular file.
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// startServer makes a cluster in a temporary directory, starts its server
// and stops it when t ends.
func startServer(t *testing.T) *pgServer {
	t.Helper()
	s := &pgServer{bin: postgresBin(t), dir: t.TempDir()}
	if os.Geteuid() == 0 {
		s.runAs = "postgres"
		u, err := user.Lookup(s.runAs)
		if err != nil {
			t.Fatalf("running as root, and PostgreSQL refuses root: %v (Debian's postgresql package creates the user)", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		// t.TempDir's parent is root's, mode 0700: let the user through it.
		if err := os.Chmod(filepath.Dir(s.dir), 0o711); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(s.dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(s.dir, "data")
	s.must(t, "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync")

	// Stop the server when the test ends, however far it got: pg_ctl
	// stop finds it by its postmaster.pid.
	t.Cleanup(func() {
		pid, err := s.pid()
		if errors.Is(err, os.ErrNotExist) {
			return // never started, or already stopped
		}
		out, err2 := s.command("pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "60", "stop").CombinedOutput()
		if err2 != nil {
			t.Errorf("pg_ctl stop: %v\n%s", err2, out)
		}
		if err != nil {
			t.Errorf("postmaster.pid: %v", err)
		} else if !exited(pid, 10*time.Second) {
			t.Errorf("the server (pid %d) is still running 10 s after pg_ctl stop", pid)
		}
	})

	// A port can be taken between choosing it and the server binding it:
	// then try another.
	for attempt := 1; ; attempt++ {
		s.port = freePort(t)
		conf := fmt.Sprintf("\n# the test's server\nlisten_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\n"+
			"fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 20\n", s.port, s.dir)
		f, err := os.OpenFile(filepath.Join(data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.WriteString(conf)
		if err := errors.Join(err, f.Close()); err != nil {
			t.Fatal(err)
		}
		out, err := s.command("pg_ctl", "-D", data, "-l", filepath.Join(s.dir, "server.log"), "-w", "-t", "60", "start").CombinedOutput()
		if err == nil {
			break
		}
		log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		if attempt < 3 && strings.Contains(string(log), "could not bind") {
			continue
		}
		t.Fatalf("pg_ctl start: %v\n%s\nserver log:\n%s", err, out, log)
	}
	pid, err := s.pid()
	if err != nil {
		t.Fatalf("postmaster.pid: %v", err)
	}
	t.Logf("PostgreSQL from %s on 127.0.0.1:%d, pid %d", s.bin, s.port, pid)
	return s
}

// exited reports whether process pid has exited, waiting up to timeout
// for it: pg_ctl stop returns once the server has removed its
// postmaster.pid, a moment before its process ends. A zombie, ended but
// not yet reaped by its parent, has exited.
func exited(pid int, timeout time.Duration) bool {
	for deadline := time.Now().Add(timeout); ; time.Sleep(50 * time.Millisecond) {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil && syscall.Kill(pid, 0) == syscall.ESRCH {
			return true
		}
		// pid (comm) state …: the state follows the last ')'.
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 && bytes.HasPrefix(stat[i+1:], []byte(" Z")) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// command returns the command that runs one of the server's binaries in
// its directory, as the user postgres when the test runs as root.
func (s *pgServer) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(s.bin, name)
	var cmd *exec.Cmd
	if s.runAs != "" {
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			runuser = "/usr/sbin/runuser" // util-linux's, where root's PATH lacks /usr/sbin
		}
		cmd = exec.Command(runuser, append([]string{"-u", s.runAs, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = s.dir // a directory the user can enter
	return cmd
}

// must runs one of the server's binaries and fails t if it fails.
func (s *pgServer) must(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := s.command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

// pid returns the process ID of the running server, from the first line
// of its postmaster.pid; an error that wraps os.ErrNotExist if no server
// runs.
func (s *pgServer) pid() (int, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, "data", "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	first, _, _ := strings.Cut(string(b), "\n")
	return strconv.Atoi(first)
}

// dsn returns the connection string of database name on the server.
func (s *pgServer) dsn(name string) string {
	return fmt.Sprintf("host=127.0.0.1 port=%d user=postgres dbname=%s sslmode=disable", s.port, name)
}

// newDatabase creates an empty database on the server for one test and
// returns it open; it is closed when t ends.
func (s *pgServer) newDatabase(t *testing.T, name string) *sql.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := sql.Open("pgx", s.dsn("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("CREATE DATABASE %s: %v", name, err)
	}
	db, err := sql.Open("pgx", s.dsn(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// freePort returns a TCP port of 127.0.0.1 that nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
