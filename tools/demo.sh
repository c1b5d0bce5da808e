#!/bin/sh
# demo.sh: "make demo", rift's main job end to end: analyses examples/ into a
# fresh store, shows its stories and the top relationships with their turning
# points in the terminal, and writes the HTML report.
# POSIX sh only; it must never hide a failure of rift.
#   usage: sh tools/demo.sh [BUILDDIR] [PATH...]   (default: build examples/)
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${1:-build}
[ $# -gt 0 ] && shift
[ $# -eq 0 ] && set -- examples/
RIFT=$BUILD/rift
DB=$BUILD/demo.db
HTML=$BUILD/report.html

if [ ! -x "$RIFT" ]; then
    echo "demo: $RIFT not built; run make first" >&2
    exit 2
fi
if [ -t 1 ]; then B=$(printf '\033[1m'); N=$(printf '\033[0m'); else B=; N=; fi
step() { echo; echo "${B}\$ $*${N}"; }
fail() { echo "demo: $1 failed (exit status $2)" >&2; exit "$2"; }

# a fresh store each time: the demo shows a run from nothing
rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"

# rift analyze shows a progress line on a terminal (standard error) for long
# runs, and ends with what it stored.
step "$RIFT analyze --db $DB $*"
"$RIFT" analyze --db "$DB" "$@"
rc=$?
[ $rc -le 1 ] || fail "rift analyze" $rc
[ -s "$DB" ] || fail "rift analyze (no store written)" 1
analyze_rc=$rc

step "$RIFT stories --db $DB"
"$RIFT" stories --db "$DB" || fail "rift stories" $?

step "$RIFT report --db $DB -o $HTML --summary"
"$RIFT" report --db "$DB" -o "$HTML" --summary || fail "rift report" $?

echo
echo "${B}The report: $HTML${N}"
echo "  open it in a browser: file://$(pwd)/$HTML"
echo "  the store: $DB (sqlite3 $DB '.tables'; fields in docs/schema.md)"
echo "  more: $RIFT quotes --db $DB --speaker NAME;  $RIFT dyads examples/"
if [ "$analyze_rc" -ne 0 ]; then
    echo "demo: rift analyze reported failed inputs (exit status $analyze_rc; see above)" >&2
    exit "$analyze_rc"
fi
exit 0
