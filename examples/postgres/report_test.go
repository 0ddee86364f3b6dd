package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
)

// schema is the table of doc.go, without the constraints a real one
// would have, so that the tests can put bad rows in it.
const schema = `CREATE TABLE subscriptions (customer_id text, billed_at timestamptz, mrr_cents bigint, plan text)`

// handRows are five months of four customers on two plans, with every
// movement: a new customer, an upgrade that moves to another plan, a
// churn, a reactivation, a contraction, a downgrade that moves back, two
// rows of one customer in one month, and a row near midnight at the end
// of April in New York (EDT, UTC−4), which is May in UTC.
const handRows = `INSERT INTO subscriptions VALUES
	('a', '2025-01-05 12:00+00', 10000, 'basic'),
	('b', '2025-01-10 12:00+00',  5000, 'basic'),
	('a', '2025-02-05 12:00+00', 10000, 'basic'),
	('b', '2025-02-10 12:00+00',  5000, 'basic'),
	('c', '2025-02-15 12:00+00', 20000, 'pro'),
	('a', '2025-03-05 12:00+00', 15000, 'pro'),
	('c', '2025-03-15 12:00+00', 20000, 'pro'),
	('a', '2025-04-05 12:00+00', 10000, 'pro'),
	('a', '2025-04-20 12:00+00',  5000, 'pro'),
	('b', '2025-04-10 12:00+00',  5000, 'basic'),
	('c', '2025-04-15 12:00+00', 12000, 'pro'),
	('d', '2025-04-30 23:30-04',  3000, 'basic'),
	('a', '2025-05-05 12:00+00', 15000, 'pro'),
	('b', '2025-05-10 12:00+00',  5000, 'basic'),
	('c', '2025-05-15 12:00+00',  7000, 'basic')`

func testHandBuilt(ctx context.Context, t *testing.T, db *sql.DB) {
	execAll(ctx, t, db, schema, handRows)
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cfg    config
		tables map[string][][]string // rows by table title; absent tables unchecked
		lines  []string              // lines the report must have
	}{{
		name: "UTC",
		cfg:  config{},
		tables: map[string][][]string{
			// Amounts in dollars; NRR = (start + expansion − contraction − churned) / start,
			// GRR = (start − contraction − churned) / start.
			"All plans": {
				{"month", "customers", "new", "expansion", "contraction", "churned", "reactivation", "MRR", "NRR", "GRR"},
				// January: a pays 100, b 50, both new: MRR 150. No start, no NRR.
				{"2025-01", "0 → 2", "150.00", "0.00", "0.00", "0.00", "0.00", "150.00", "—", "—"},
				// February: c is new at 200; a and b steady: 150 + 200 = 350. NRR 150/150.
				{"2025-02", "2 → 3", "200.00", "0.00", "0.00", "0.00", "0.00", "350.00", "100.0%", "100.0%"},
				// March: start 100 + 50 + 200 = 350; a upgrades 100 → 150 (+50 expansion),
				// b churns (−50): 350 + 50 − 50 = 350. NRR (350+50−50)/350 = 100%,
				// GRR (350−50)/350 = 85.71%.
				{"2025-03", "3 → 2", "0.00", "50.00", "0.00", "50.00", "0.00", "350.00", "100.0%", "85.7%"},
				// April: b comes back at 50 (reactivation); c 200 → 120 (−80); a pays 100 + 50 in two
				// rows, steady at 150; d's row is May in UTC. 350 + 50 − 80 = 320.
				// NRR = GRR = (350−80)/350 = 77.14%.
				{"2025-04", "2 → 3", "0.00", "0.00", "80.00", "0.00", "50.00", "320.00", "77.1%", "77.1%"},
				// May: d is new at 30; c 120 → 70 (−50): 320 + 30 − 50 = 300.
				// NRR = GRR = (320−50)/320 = 84.375%.
				{"2025-05", "3 → 4", "30.00", "0.00", "50.00", "0.00", "0.00", "300.00", "84.4%", "84.4%"},
			},
			// A plan's NRR and GRR are those of the customers on it at the month's start,
			// wherever they are at its end.
			"Plan basic": {
				{"month", "customers", "start", "new", "expansion", "contraction", "churned", "reactivation", "moved in", "moved out", "MRR", "NRR", "GRR"},
				{"2025-01", "0 → 2", "0.00", "150.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "150.00", "—", "—"},
				{"2025-02", "2 → 2", "150.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "150.00", "100.0%", "100.0%"},
				// March: a moves to pro, out at February's 100; b churns 50: 150 − 100 − 50 = 0.
				// Basic's February customers a (100) and b (50) pay 150 + 0 in March:
				// NRR 150/150 = 100%, GRR (min(100,150) + min(50,0))/150 = 66.67%.
				{"2025-03", "2 → 0", "150.00", "0.00", "0.00", "0.00", "50.00", "0.00", "0.00", "100.00", "0.00", "100.0%", "66.7%"},
				// April: b comes back at 50.
				{"2025-04", "0 → 1", "0.00", "0.00", "0.00", "0.00", "0.00", "50.00", "0.00", "0.00", "50.00", "—", "—"},
				// May: c moves in from pro at April's 120 and pays 70 (−50, basic's contraction);
				// d new at 30: 50 + 120 − 50 + 30 = 150. b, basic's April customer, steady: 100%.
				{"2025-05", "1 → 3", "50.00", "30.00", "0.00", "50.00", "0.00", "0.00", "120.00", "0.00", "150.00", "100.0%", "100.0%"},
			},
			"Plan pro": {
				{"month", "customers", "start", "new", "expansion", "contraction", "churned", "reactivation", "moved in", "moved out", "MRR", "NRR", "GRR"},
				// January: no one on pro yet; the month is there, empty.
				{"2025-01", "0 → 0", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "—", "—"},
				{"2025-02", "0 → 1", "0.00", "200.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "200.00", "—", "—"},
				// March: a moves in at February's 100 and pays 150 (+50 expansion): 200 + 100 + 50 = 350.
				// Pro's February customer c, steady: 100%.
				{"2025-03", "1 → 2", "200.00", "0.00", "50.00", "0.00", "0.00", "0.00", "100.00", "0.00", "350.00", "100.0%", "100.0%"},
				// April: c 200 → 120: 350 − 80 = 270; (150 + 120)/350 = 77.14%.
				{"2025-04", "2 → 2", "350.00", "0.00", "0.00", "80.00", "0.00", "0.00", "0.00", "0.00", "270.00", "77.1%", "77.1%"},
				// May: c moves out to basic at April's 120: 270 − 120 = 150. Pro's April customers
				// a (150) and c (120) pay 150 + 70: NRR = GRR = 220/270 = 81.48%.
				{"2025-05", "2 → 1", "270.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "120.00", "150.00", "81.5%", "81.5%"},
			},
		},
		lines: []string{
			"15 rows, 4 customers, 2 plans, 2025-01 to 2025-05, monthly in UTC",
			"Trailing twelve months: the data span 5 months, 2025-01 to 2025-05; NRR and GRR over twelve need 13.",
		},
	}, {
		name: "opening book",
		cfg:  config{opening: true},
		tables: map[string][][]string{
			"All plans": {
				{"month", "customers", "new", "expansion", "contraction", "churned", "reactivation", "MRR", "NRR", "GRR"},
				// January is the book: February is the first month reported, as above.
				{"2025-02", "2 → 3", "200.00", "0.00", "0.00", "0.00", "0.00", "350.00", "100.0%", "100.0%"},
				{"2025-03", "3 → 2", "0.00", "50.00", "0.00", "50.00", "0.00", "350.00", "100.0%", "85.7%"},
				{"2025-04", "2 → 3", "0.00", "0.00", "80.00", "0.00", "50.00", "320.00", "77.1%", "77.1%"},
				{"2025-05", "3 → 4", "30.00", "0.00", "50.00", "0.00", "0.00", "300.00", "84.4%", "84.4%"},
			},
		},
		lines: []string{
			"15 rows, 4 customers, 2 plans, 2025-01 to 2025-05, monthly in UTC",
			// January: a 100 + b 50.
			"Opening book 2025-01: 2 customers, MRR 150.00",
		},
	}, {
		name: "New York",
		cfg:  config{loc: newYork},
		tables: map[string][][]string{
			"All plans": {
				{"month", "customers", "new", "expansion", "contraction", "churned", "reactivation", "MRR", "NRR", "GRR"},
				{"2025-01", "0 → 2", "150.00", "0.00", "0.00", "0.00", "0.00", "150.00", "—", "—"},
				{"2025-02", "2 → 3", "200.00", "0.00", "0.00", "0.00", "0.00", "350.00", "100.0%", "100.0%"},
				{"2025-03", "3 → 2", "0.00", "50.00", "0.00", "50.00", "0.00", "350.00", "100.0%", "85.7%"},
				// d's row, 2025-04-30 23:30 in New York, is April's: new 30,
				// 350 + 50 − 80 + 30 = 350.
				{"2025-04", "2 → 4", "30.00", "0.00", "80.00", "0.00", "50.00", "350.00", "77.1%", "77.1%"},
				// May: c 120 → 70 (−50), and d, who paid in April only, churns (−30):
				// 350 − 50 − 30 = 270; NRR = GRR = (350 − 50 − 30)/350 = 77.14%.
				{"2025-05", "4 → 3", "0.00", "0.00", "50.00", "30.00", "0.00", "270.00", "77.1%", "77.1%"},
			},
		},
		lines: []string{"15 rows, 4 customers, 2 plans, 2025-01 to 2025-05, monthly in America/New_York"},
	}, {
		name:  "no rows",
		cfg:   config{query: `SELECT customer_id, billed_at, mrr_cents, plan FROM subscriptions WHERE false`},
		lines: []string{"The query returned no rows."},
	}, {
		name: "an opening book alone",
		cfg:  config{opening: true, query: `SELECT customer_id, billed_at, mrr_cents, plan FROM subscriptions WHERE billed_at < '2025-02-01'`},
		lines: []string{
			// January's two rows, a 100 and b 50, are the book, and no month follows.
			"2 rows, 2 customers, 0 plans, 2025-01 to 2025-01, monthly in UTC",
			"Opening book 2025-01: 2 customers, MRR 150.00",
			"No month after the opening book.",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := report(ctx, db, &out, tt.cfg); err != nil {
				t.Fatal(err)
			}
			t.Logf("report:\n%s", out.String())
			got := parseTables(out.String())
			for title, want := range tt.tables {
				if diff := cmp.Diff(want, got[title]); diff != "" {
					t.Errorf("%s: mismatch (-want +got):\n%s", title, diff)
				}
			}
			lines := strings.Split(out.String(), "\n")
			for _, want := range tt.lines {
				if !slices.Contains(lines, want) {
					t.Errorf("no line %q", want)
				}
			}
			if len(tt.tables) > 0 {
				checkBalanced(t, got)
			}
		})
	}
}

// testSample seeds the sample business and checks the report against
// figures that PostgreSQL works out from the same rows, in SQL.
func testSample(ctx context.Context, t *testing.T, db *sql.DB) {
	n, err := seed(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed(ctx, db); err == nil {
		t.Error("a second seed succeeded; want an error, as the table exists")
	}
	var rows int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM subscriptions").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != n {
		t.Errorf("the table has %d rows; seed said %d (and the failed second seed must add none)", rows, n)
	}

	var out bytes.Buffer
	if err := report(ctx, db, &out, config{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("report on the sample:\n%s", out.String())
	got := parseTables(out.String())
	checkBalanced(t, got)

	// Each month's MRR, by SQL: the sum of its rows.
	want := map[string]string{}
	monthly, err := db.QueryContext(ctx, `SELECT to_char(billed_at AT TIME ZONE 'UTC', 'YYYY-MM'), sum(mrr_cents)::bigint
		FROM subscriptions GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer monthly.Close()
	for monthly.Next() {
		var month string
		var cents int64
		if err := monthly.Scan(&month, &cents); err != nil {
			t.Fatal(err)
		}
		want[month] = money(cents)
	}
	if err := monthly.Err(); err != nil {
		t.Fatal(err)
	}
	gotMRR := map[string]string{}
	for _, row := range got["All plans"][1:] {
		gotMRR[row[0]] = row[7]
	}
	if diff := cmp.Diff(want, gotMRR); diff != "" {
		t.Errorf("MRR by month: mismatch (-SQL +report):\n%s", diff)
	}

	// Trailing twelve months to the last month (2026-03), by SQL: the
	// customers paying in 2025-03, what they paid then and pay in 2026-03.
	var customers, start, end, kept int64
	err = db.QueryRowContext(ctx, `
		WITH m AS (SELECT customer_id, to_char(billed_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, sum(mrr_cents) AS mrr
		           FROM subscriptions GROUP BY 1, 2),
		     s AS (SELECT customer_id, mrr FROM m WHERE month = '2025-03'),
		     e AS (SELECT customer_id, mrr FROM m WHERE month = '2026-03')
		SELECT count(*), sum(s.mrr)::bigint, coalesce(sum(e.mrr), 0)::bigint, sum(least(s.mrr, coalesce(e.mrr, 0)))::bigint
		FROM s LEFT JOIN e USING (customer_id)`).Scan(&customers, &start, &end, &kept)
	if err != nil {
		t.Fatal(err)
	}
	span := cxmetrics.SpanRetention{From: "2025-03", To: "2026-03", StartMRR: start, EndMRR: end, KeptMRR: kept}
	var c cells
	ttm := fmt.Sprintf("Trailing twelve months to 2026-03, on the %s paying in 2025-03: NRR %s, GRR %s,",
		count(customers, "customer"), c.percent(span.NRR()), c.percent(span.GRR()))
	if c.err != nil {
		t.Fatal(c.err)
	}
	if !strings.Contains(out.String(), ttm) {
		t.Errorf("want the line %q…", ttm)
	}
}
