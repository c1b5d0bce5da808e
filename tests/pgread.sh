#!/bin/sh
# pgread.sh: the store's readers give the same bytes from PostgreSQL as from
# SQLite: examples/ (and ../shared/seeds when present) stored into both, then
# rift report, dyads, stories, quotes and export (every format and --what)
# compared.  Skipped with a message when PostgreSQL's server is not installed.
# Usage: sh tests/pgread.sh PATH/TO/rift
set -u
RIFT=$1
T=$(mktemp -d)
PG=$(mktemp -d)     # its own: the server's user must reach it
trap 'sh tools/pgtemp.sh stop "$PG" >/dev/null 2>&1; rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; }
skip() { n=$((n+1)); echo "skip $n - $1"; }
expect() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }

sh tools/pgtemp.sh start "$PG" > "$T/url" 2> "$T/pgerr"; rc=$?
if [ $rc -eq 3 ]; then
    skip "PostgreSQL's server (initdb, pg_ctl) is not installed: the PostgreSQL readers are not tested"
    exit 0
fi
expect "pgtemp: a private PostgreSQL server" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { sed 's/^/# /' "$T/pgerr"; exit 1; }
URL=$(sh tools/pgtemp.sh db "$PG" rd 2> "$T/pgerr")
expect "pgtemp: a database" [ -n "$URL" ]

# the same articles into both stores, in the same runs
S=../shared/seeds
store() { # DB
    "$RIFT" analyze -q --db "$1" examples/ || return 1
    if [ -f "$S/000_1ebd1db168886f4c.txt" ] && [ -f "$S/001_9bf779aee39fbfe0.txt" ] &&
       [ -f "$S/002_2a4a5e16965849b9.txt" ]; then
        "$RIFT" analyze -q --db "$1" --date 2025-06-07 "$S/000_1ebd1db168886f4c.txt" &&
        "$RIFT" analyze -q --db "$1" "$S/001_9bf779aee39fbfe0.txt" &&
        "$RIFT" analyze -q --db "$1" --date 2025-05-30 "$S/002_2a4a5e16965849b9.txt"
    fi
}
store "$T/s.db" 2> "$T/err"
expect "analyze into SQLite: exit 0" [ $? -eq 0 ]
store "$URL" 2> "$T/err"
expect "analyze into PostgreSQL: exit 0" [ $? -eq 0 ]
[ -f "$S/000_1ebd1db168886f4c.txt" ] || skip "../shared/seeds not found: examples/ only"

# every reader's output of one store into a directory
dump() { # DB DIR
    mkdir -p "$2"
    "$RIFT" report --db "$1" -o "$2/report.html" --min-events 1 &&
    "$RIFT" report --db "$1" -o "$2/report-all.html" --modes all &&
    "$RIFT" dyads --db "$1" > "$2/dyads" &&
    "$RIFT" dyads --db "$1" --modes all > "$2/dyads-all" &&
    "$RIFT" stories --db "$1" > "$2/stories" &&
    "$RIFT" quotes --db "$1" > "$2/quotes" || return 1
    for f in plover gdelt csv jsonl; do
        "$RIFT" export --db "$1" --format $f > "$2/export-$f" || return 1
    done
    for w in quotes entities; do
        for f in csv jsonl; do
            "$RIFT" export --db "$1" --format $f --what $w > "$2/export-$w-$f" || return 1
        done
    done
}
dump "$T/s.db" "$T/sq" 2> "$T/err"
expect "SQLite: every reader exits 0, nothing on stderr" [ $? -eq 0 -a ! -s "$T/err" ]
dump "$URL" "$T/pq" 2> "$T/err"
expect "PostgreSQL: every reader exits 0, nothing on stderr" [ $? -eq 0 -a ! -s "$T/err" ]
[ -s "$T/err" ] && sed 's/^/# /' "$T/err" | head -5

# the outputs hold something to compare
expect "the report shows a relationship chart" grep -q '<svg class="chart"' "$T/sq/report.html"
expect "the report shows quotes and stories" \
    sh -c "grep -q '<blockquote>' '$T/sq/report.html' && grep -q 'class=\"card story\"' '$T/sq/report.html'"
expect "the event export has rows with sentences" \
    sh -c "[ \$(wc -l < '$T/sq/export-csv') -gt 10 ] && grep -q '\"sentence\"' '$T/sq/export-jsonl'"
expect "the dyads have rows" [ -s "$T/sq/dyads" ]

for f in "$T"/sq/*; do
    b=$(basename "$f")
    expect "$b: the same bytes from PostgreSQL as from SQLite" cmp -s "$f" "$T/pq/$b"
done
