package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
	_ "time/tzdata" // -tz works where the system has no zone database

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // the database/sql driver
)

// name is how the program's messages begin: not "postgres", which is the
// server's own name.
const name = "examples/postgres"

// usageLine is the synopsis shown with a usage error and by -h.
const usageLine = "usage: go run . [-dsn URL] [-query SELECT] [-tz zone] [-opening] [-seed]"

// usageError is an error in the command line, for exit status 2.
type usageError struct{ error }

// main runs the program with the command line's flags, and exits with
// status 1 for a bad row or an error of the server, 2 for bad usage.
func main() {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	err := run(context.Background(), flags, os.Args[1:], os.Stdout, os.Stderr)
	var bad usageError
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, &bad):
		fmt.Fprintf(os.Stderr, "%s: %v\n%s\n", name, err, usageLine)
		os.Exit(2)
	case err != nil:
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

// run parses the command line args into flags, connects to the server,
// seeds the sample table if asked, and writes the report to stdout. An
// error in the command line is a usageError.
func run(ctx context.Context, flags *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	flags.SetOutput(io.Discard) // main says what is wrong, once
	dsn := flags.String("dsn", "", "the server to read, as a postgres:// `URL` or key=value pairs; $DATABASE_URL if empty")
	query := flags.String("query", defaultQuery, "the `SELECT` to read; it must return customer_id, billed_at, mrr_cents and plan, in that order")
	tz := flags.String("tz", "UTC", "the time `zone` that cuts the calendar months, an IANA name such as Europe/Berlin")
	opening := flags.Bool("opening", false, "treat the first month as the opening book: its customers were paying before it")
	seedTable := flags.Bool("seed", false, "first create the table subscriptions and fill it with a sample business")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "%s\n\nflags:\n", usageLine)
			flags.SetOutput(stderr)
			flags.PrintDefaults()
			return err
		}
		return usageError{err}
	}
	if flags.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", flags.Arg(0))}
	}
	if *dsn == "" {
		*dsn = os.Getenv("DATABASE_URL")
	}
	if *dsn == "" {
		return usageError{errors.New("no server: give -dsn or set DATABASE_URL")}
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return usageError{fmt.Errorf("-tz: %w", err)}
	}

	conn, err := pgx.ParseConfig(*dsn)
	if err != nil {
		return usageError{fmt.Errorf("-dsn: %w", err)} // its message hides a password
	}
	db := stdlib.OpenDB(*conn)
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("connecting: %w", err)
	}
	if *seedTable {
		n, err := seed(ctx, db)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%s: created the table subscriptions with %d rows of a sample business\n", name, n)
	}
	return report(ctx, db, stdout, config{query: *query, loc: loc, opening: *opening})
}
