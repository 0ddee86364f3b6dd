// Postgres reads a service's billing from PostgreSQL and prints its monthly
// MRR movements with the cxmetrics library: new, expansion, contraction,
// churned and reactivation MRR, the MRR at each month's end, and net and
// gross revenue retention (NRR, GRR), for the whole business and plan by
// plan with the MRR that moved between plans, then the trailing twelve
// months' NRR and GRR when the data span them. It is an example of the
// library at work in a Go service: database/sql with the pgx driver
// (github.com/jackc/pgx/v5/stdlib), the rows streamed one at a time into a
// cxmetrics.MRRLedger.
//
// It is a module of its own, so that the cxmetrics module needs nothing
// beyond the standard library; its go.mod points the library at the
// repository root. From this directory, with Go 1.25 or later:
//
//	go run . -dsn postgres://user:password@localhost:5432/billing
//	DATABASE_URL=postgres://… go run . -opening -tz Europe/Berlin
//	go run . -dsn postgres://… -seed     # first create a sample table, then report on it
//
// # The table
//
// By default it reads this table, and -seed creates it with a sample
// business in it (60 customers on three plans over 15 months, 2025-01 to
// 2026-03):
//
//	CREATE TABLE subscriptions (
//		customer_id text        NOT NULL,
//		billed_at   timestamptz NOT NULL,
//		mrr_cents   bigint      NOT NULL CHECK (mrr_cents >= 0),
//		plan        text        NOT NULL
//	);
//
// One row per customer per billing date: what the customer pays a month
// as of billed_at, in cents (the currency's minor unit), on plan. Rows of
// one customer in one month add up, as a plan and an add-on billed apart;
// a month in which a customer has no row is a month they did not pay, so
// they churned, or were reactivated when they pay again. A customer is on
// the plan of their largest row of the month. The rows may come in any
// order. A month is a calendar month in the -tz time zone.
//
// Any other table or shape is read through -query: a SELECT that returns
// the four columns in this order, under any names. customer_id may be of
// any type that reads as text, mrr_cents of any integer type; billed_at a
// timestamptz, or a date or a timestamp without time zone, which is read
// as a wall-clock time in the -tz zone:
//
//	go run . -query "SELECT account_id, period_start, amount_cents, coalesce(tier, 'none') FROM invoices WHERE paid"
//
// The query runs in a read-only transaction, so a -query that would
// change data is refused by the server.
//
// # Flags
//
//	-dsn URL        the server, as a postgres:// URL or key=value pairs
//	                (host=… dbname=… user=…); $DATABASE_URL if empty. The
//	                driver also reads the PG* variables (PGPASSWORD) and ~/.pgpass.
//	-query SELECT   the rows to read; by default
//	                SELECT customer_id, billed_at, mrr_cents, plan FROM subscriptions
//	-tz zone        the time zone whose calendar months cut the rows, an IANA
//	                name such as Europe/Berlin; UTC by default
//	-opening        the first month is the opening book, not new business:
//	                for a table that starts in the middle of the business's
//	                life (cxmetrics.OpeningBalance)
//	-seed           first create the table subscriptions and fill it with
//	                the sample; fails, changing nothing, if it exists
//
// # Output
//
// On the rows of its test (four customers, two plans):
//
//	15 rows, 4 customers, 2 plans, 2025-01 to 2025-05, monthly in UTC
//
//	All plans
//	    month  customers     new  expansion  contraction  churned  reactivation     MRR     NRR     GRR
//	  2025-01      0 → 2  150.00       0.00         0.00     0.00          0.00  150.00       —       —
//	  2025-02      2 → 3  200.00       0.00         0.00     0.00          0.00  350.00  100.0%  100.0%
//	  2025-03      3 → 2    0.00      50.00         0.00    50.00          0.00  350.00  100.0%   85.7%
//	  …
//	Plan basic
//	    month  customers   start     new  expansion  contraction  churned  reactivation  moved in  moved out     MRR     NRR     GRR
//	  …
//	  2025-03      2 → 0  150.00    0.00       0.00         0.00    50.00          0.00      0.00     100.00    0.00  100.0%   66.7%
//
// Amounts are in the currency's main unit (cents / 100). A figure that
// does not exist, the NRR of a month that starts with no MRR, is "—". Each
// plan's line balances,
//
//	start + new + reactivation + expansion + moved in − contraction − churned − moved out = MRR
//
// where moved in and moved out are the MRR, the month before, of the
// customers who changed plan; the change in what they pay is the
// expansion or contraction of the plan they moved to. A plan's NRR and GRR
// are those of the customers on it at the month's start, wherever they
// are at its end, so that a move is neither revenue lost nor kept.
//
// # Errors
//
// A bad row stops the program with exit status 1, before it prints
// anything, and a message that names the row by its place in the result,
// its customer and its billed_at: a NULL in any column, an empty
// customer_id or plan, a billed_at of infinity, a value of the wrong type,
// and what the library refuses, such as a negative MRR
// (cxmetrics.ErrNegative):
//
//	examples/postgres: row 2 (customer "b", billed_at 2025-01-06T12:00:00Z): mrr_cents is NULL
//	examples/postgres: row 2 (customer "b", billed_at 2025-01-06T12:00:00Z): cxmetrics: negative value: customer b in 2025-01: MRR -10000
//
// A query the server refuses, or that does not return four columns, is
// exit status 1 too; bad usage (an unknown flag, a -dsn that does not
// parse, an unknown -tz) is exit status 2.
//
// # Memory
//
// The rows are read with rows.Next, one at a time, as the server sends
// them, and each goes straight into the ledger: the result is never held
// in memory. Memory is what the ledger keeps, 16 bytes a row and each
// customer's ID once, as the library's MRRLedger documents.
//
// # Reading the code
//
// The library is used in two files; the rest is the command line and
// the sample:
//
//   - read.go: the query's rows into a cxmetrics.MRRLedger[string]
//     (MRRLedger.AddEntry, one MRREntry a row, the plan as its segment),
//     and the error that names a bad row.
//   - report.go: the figures from the ledger (MRRLedger.Periods,
//     Segments, Opening, SegmentRetention and TrailingRetention;
//     NetRevenueRetention and GrossRevenueRetention), with a figure that
//     does not exist (cxmetrics.ErrUndefined) shown as "—".
//   - seed.go: the sample table.
//   - main.go: flags and exit statuses.
//
// # The test
//
// go test ./... runs against a real PostgreSQL server, never a mock. It
// finds Debian's server binaries (/usr/lib/postgresql/*/bin: initdb,
// pg_ctl, postgres), runs initdb into a temporary directory, starts the
// server with pg_ctl on a free port of 127.0.0.1, listening there only and
// with its unix socket in the same directory, and stops it with pg_ctl
// stop -m fast when the test ends, so that no process is left.
// PostgreSQL refuses to run as root: as root, the test runs those
// commands as the system user postgres that Debian's package creates,
// with runuser, and gives it the directory. It creates tables, inserts
// rows built by hand, and checks the printed figures against values
// worked out by hand in its comments; it checks each error above, and
// that every plan's lines balance and add up to the whole, on the hand
// rows and on the sample. Without the binaries the test skips (apt-get
// install postgresql), except when CI=true, where it fails:
//
//	cd examples/postgres && go test ./...
package main
