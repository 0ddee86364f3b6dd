#!/bin/sh
# mutation.sh runs mutation testing (gremlins) on the library package and
# prints the test efficacy, killed / (killed + lived), per file and overall.
#
#	scripts/mutation.sh                 every library file
#	scripts/mutation.sh nps.go ltv.go only these files
#
# It is not part of CI: each mutant is a build and a run of the tests, and
# the whole package (about 1,420 mutants) takes about 45 minutes on 2 cores.
# The module is copied to a temporary directory first, so the working tree
# can be edited while it runs. Environment:
#
#	GREMLINS  the gremlins binary (default: gremlins on PATH, else ~/go/bin)
#	WORKERS   parallel mutants (default: number of CPUs)
#	LOG       where to keep the full log (default: a temporary file)
#
# Install gremlins with: go install github.com/go-gremlins/gremlins/cmd/gremlins@latest
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
gremlins=${GREMLINS:-$(command -v gremlins || echo "$HOME/go/bin/gremlins")}
workers=${WORKERS:-$(getconf _NPROCESSORS_ONLN)}
work=$(mktemp -d)
log=${LOG:-$work.log}
trap 'rm -rf "$work"' EXIT

cp -R "$root/." "$work"
rm -rf "$work/.git"
cd "$work"

# Example programs are not the library; restrict to the named files if any.
set -- "$@"
excl="--exclude-files ^examples/ --exclude-files ^scripts/"
if [ $# -gt 0 ]; then
	for f in *.go; do
		case $f in *_test.go) continue ;; esac
		keep=no
		for want in "$@"; do [ "$f" = "$want" ] && keep=yes; done
		[ $keep = no ] && excl="$excl --exclude-files ^$(echo "$f" | sed 's/\./\\./')\$"
	done
fi

# A generous timeout coefficient: under load a slow test run is not a
# mutant that hangs.
# shellcheck disable=SC2086
"$gremlins" unleash $excl --workers "$workers" --timeout-coefficient 20 . >"$log" 2>&1 || true

echo "gremlins log: $log"
summarize() {
	tally='
	/^ *(KILLED|LIVED|TIMED OUT|NOT COVERED|NOT VIABLE)/ {
		status = $1; if (status == "TIMED" || status == "NOT") status = $1 "_" $2
		n = split($NF, at, ":"); file = (by_file ? at[1] : "total")
		count[file, status]++; files[file] = 1
	}
	END {
		for (f in files) {
			k = count[f, "KILLED"]; l = count[f, "LIVED"]
			printf "%-14s %7d %6d %9d %11d %8.2f%%\n", f, k, l, count[f, "TIMED_OUT"], count[f, "NOT_COVERED"], (k + l) ? 100 * k / (k + l) : 100
		}
	}'
	printf "%-14s %7s %6s %9s %11s %9s\n" file killed lived "timed out" "not covered" efficacy
	awk -v by_file=1 "$tally" "$1" | sort
	awk -v by_file=0 "$tally" "$1"
}
summarize "$log"
echo
echo "lived:"
grep -E '^ *LIVED' "$log" || echo "(none)"
