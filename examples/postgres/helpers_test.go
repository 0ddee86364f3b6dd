package main

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// execAll runs statements on db and fails t if one fails.
func execAll(ctx context.Context, t *testing.T, db *sql.DB, statements ...string) {
	t.Helper()
	for _, s := range statements {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
}

// cell splits a table's line into its cells: tabwriter puts two spaces
// or more between them, and a cell has at most one space in a row.
var cell = regexp.MustCompile(`\s{2,}`)

// parseTables returns the tables of a report by title ("All plans",
// "Plan basic"): each the line under its title, then its lines, split
// into cells, down to the next blank line.
func parseTables(out string) map[string][][]string {
	tables := map[string][][]string{}
	var title string
	for line := range strings.Lines(out) {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			title = ""
		case title != "":
			tables[title] = append(tables[title], cell.Split(line, -1))
		case line == "All plans" || strings.HasPrefix(line, "Plan "):
			title = line
		}
	}
	return tables
}

// checkBalanced checks that each line of each plan's table balances,
//
//	start + new + reactivation + expansion + moved in − contraction − churned − moved out = MRR
//
// that each month's moves in and out net to zero over the plans, and
// that the plans add up to the whole business, movement by movement.
func checkBalanced(t *testing.T, tables map[string][][]string) {
	t.Helper()
	whole := tables["All plans"]
	if len(whole) < 2 {
		t.Fatalf("no table All plans")
	}
	type sums struct{ start, new, exp, con, churn, react, in, out, end int64 }
	byMonth := map[string]*sums{}
	for title, rows := range tables {
		if title == "All plans" {
			continue
		}
		for _, r := range rows[1:] {
			var v [9]int64 // start, new, expansion, contraction, churned, reactivation, in, out, MRR
			for i := range v {
				v[i] = cents(t, r[2+i])
			}
			if v[0]+v[1]+v[5]+v[2]+v[6]-v[3]-v[4]-v[7] != v[8] {
				t.Errorf("%s, %s does not balance: %q", title, r[0], r)
			}
			s := byMonth[r[0]]
			if s == nil {
				s = &sums{}
				byMonth[r[0]] = s
			}
			s.start += v[0]
			s.new += v[1]
			s.exp += v[2]
			s.con += v[3]
			s.churn += v[4]
			s.react += v[5]
			s.in += v[6]
			s.out += v[7]
			s.end += v[8]
		}
	}
	for _, r := range whole[1:] {
		s := byMonth[r[0]]
		if s == nil {
			t.Errorf("%s: in no plan's table", r[0])
			continue
		}
		if s.in != s.out {
			t.Errorf("%s: moved in %d ≠ moved out %d over the plans", r[0], s.in, s.out)
		}
		got := []int64{s.new, s.exp, s.con, s.churn, s.react, s.end}
		want := []int64{cents(t, r[2]), cents(t, r[3]), cents(t, r[4]), cents(t, r[5]), cents(t, r[6]), cents(t, r[7])}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: the plans do not add up to the whole (new, expansion, contraction, churned, reactivation, MRR) (-whole +plans):\n%s", r[0], diff)
		}
	}
}

// cents reads an amount as money writes it, 1,234.56, in cents.
func cents(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(strings.NewReplacer(",", "", ".", "").Replace(s), 10, 64)
	if err != nil || !strings.Contains(s, ".") {
		t.Fatalf("amount %q: %v", s, err)
	}
	return n
}
