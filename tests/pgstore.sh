#!/bin/sh
# pgstore.sh: the store on PostgreSQL (--db postgresql://...), against a
# private server this test starts in a temporary directory (tools/pgtemp.sh):
# the same content as the SQLite store; re-running adds nothing; a run killed
# with kill -9 and re-run equals an uninterrupted one; two writers at once
# equal one; clear errors.  Skipped, with the reason, when PostgreSQL's server
# is not installed, except under CI (CI=true), where that fails.
# Usage: sh tests/pgstore.sh PATH/TO/rift
set -u
RIFT=$1
T=$(mktemp -d)
chmod 755 "$T" # the server runs as an unprivileged user when this runs as root
PG=$T/pg
trap 'sh tools/pgtemp.sh stop "$PG" > /dev/null 2>&1; [ -n "${KEEP:-}" ] && cp -r "$T" /tmp/pgkeep; rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
skip() { n=$((n+1)); echo "skip $n - $1"; }

sh tools/pgtemp.sh start "$PG" > "$T/base" 2> "$T/pgerr"; rc=$?
if [ $rc -ne 0 ]; then
    why="PostgreSQL: $(head -n 3 "$T/pgerr" | tr '\n' ' ')"
    if [ -n "${CI:-}" ]; then nok "$why (CI must have it: .ci/run installs postgresql)"
    else skip "$why"; fi
    exit 0
fi
if ! command -v sqlite3 > /dev/null 2>&1; then
    skip "pgstore: the sqlite3 shell is not installed (apt-get install sqlite3)"
    exit 0
fi
mkdb() { sh tools/pgtemp.sh db "$PG" "$1"; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$1" -c "$2"; }

# What a store holds, named by content rather than by row ids, sorted: the
# articles, each entity with its actor, the actors, the stories as sets of
# articles, each quote's and event's corroboration counts.  $1: a URL or a
# file; the SQL is what both databases accept.
canon() {
    for sql in \
        "SELECT key, coalesce(outlet, ''), coalesce(date, ''), length FROM articles" \
        "SELECT a.key, e.idx, e.name, e.type, coalesce(ac.name, '-') FROM entities e
           JOIN articles a ON a.id = e.article_id LEFT JOIN actors ac ON ac.id = e.actor_id" \
        "SELECT name, type, n_articles, n_mentions, coalesce(first_date, ''),
           coalesce(last_date, '') FROM actors" \
        "SELECT a.key, s.n_articles, s.n_outlets, coalesce(s.title, '') FROM story_articles sa
           JOIN articles a ON a.id = sa.article_id JOIN stories s ON s.id = sa.story_id" \
        "SELECT a.key, q.idx, q.speaker_kind, coalesce(c.n_articles, 0), coalesce(c.n_outlets, 0)
           FROM quotes q JOIN articles a ON a.id = q.article_id
           LEFT JOIN corroboration c ON c.id = q.claim_id" \
        "SELECT a.key, v.idx, coalesce(v.source, ''), coalesce(v.target, ''),
           coalesce(v.cameo, ''), v.negated, coalesce(v.n_articles, 0)
           FROM event_view v JOIN articles a ON a.id = v.article_id"; do
        case $1 in
            postgres*) q "$1" "$sql" ;;
            *) sqlite3 -separator '|' "$1" "$sql" ;;
        esac
    done | sort
}
# the whole database, rows sorted, with article ids replaced by their rank
# (an identity column may leave gaps where a killed run had taken ids)
dump() {
    q "$1" "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
            AND table_type = 'BASE TABLE' ORDER BY 1" | while read -r t; do
        cols=$(q "$1" "SELECT string_agg(CASE WHEN column_name IN ('article_id',
                 'first_article_id', 'article_a', 'article_b')
                   OR (column_name = 'id' AND table_name = 'articles')
                 THEN '(SELECT r.n FROM rk r WHERE r.id = t.' || quote_ident(column_name) || ')'
                 ELSE 't.' || quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
                 FROM information_schema.columns WHERE table_name = '$t'
                 AND table_schema = 'public'")
        q "$1" "WITH rk AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM articles)
                SELECT '$t', $cols FROM $t t"
    done | sort
}
added() { sed -n 's/^rift: \([0-9]*\) articles added.*/\1/p' "$1"; }

# -- the examples: the same content as in SQLite
U=$(mkdb ex)
"$RIFT" analyze -q --db "$U" examples/ 2> "$T/err"; rc=$?
check "analyze --db postgresql://: exit 0" '[ $rc -eq 0 ]'
check "analyze --db postgresql://: every example stored" \
    '[ "$(q "$U" "SELECT count(*) FROM articles")" = "$(ls examples/*.txt examples/*.html | wc -l | tr -d " ")" ] || [ "$(q "$U" "SELECT count(*) FROM articles")" -gt 6 ]'
"$RIFT" analyze -q --db "$T/ex.db" examples/ 2> /dev/null
canon "$U" > "$T/pg.canon"
canon "$T/ex.db" > "$T/sqlite.canon"
check "PostgreSQL and SQLite hold the same articles, actors, stories, claims, events" \
    '[ -s "$T/pg.canon" ] && cmp -s "$T/pg.canon" "$T/sqlite.canon"'
check "schema_version 1 in meta" '[ "$(q "$U" "SELECT value FROM meta WHERE key = '"'"'schema_version'"'"'")" = 1 ]'
check "no article is left pending after the corpus passes" '[ "$(q "$U" "SELECT count(*) FROM pending")" = 0 ]'
check "doubles keep their precision (DOUBLE PRECISION, not REAL)" \
    '[ "$(q "$U" "SELECT data_type FROM information_schema.columns WHERE table_name = '"'"'events'"'"' AND column_name = '"'"'goldstein'"'"'")" = "double precision" ]'

# -- bytes that are not UTF-8: stored as '?', one for one, offsets kept
printf 'PORT HALVARD \377\376 Governor Teodora Brask said on Monday that the port \200 would stay open.\n' > "$T/bad.txt"
U5=$(mkdb bad)
"$RIFT" analyze -q --db "$U5" "$T/bad.txt" 2> "$T/e5"; rc=$?
check "invalid UTF-8: stored (exit 0)" '[ $rc -eq 0 ] && [ "$(q "$U5" "SELECT count(*) FROM articles")" = 1 ]'
check "invalid UTF-8: each bad byte is one '?', so byte offsets hold" \
    '[ "$(q "$U5" "SELECT octet_length(text) = length AND strpos(text, '"'"'??'"'"') > 0 FROM articles")" = t ]'

# -- re-running adds nothing: the same dump, byte for byte
dump "$U" > "$T/d1"
"$RIFT" analyze -q --db "$U" examples/ 2> "$T/err2"
check "re-run: no article added" '[ "$(added "$T/err2")" = 0 ]'
dump "$U" > "$T/d2"
check "re-run: the database is unchanged (sorted dump)" '[ -s "$T/d1" ] && cmp -s "$T/d1" "$T/d2"'

# -- the read-only commands read it
"$RIFT" stories --db "$U" > "$T/st.pg" 2>&1
"$RIFT" stories --db "$T/ex.db" > "$T/st.sq" 2>&1
check "rift stories: the same from both stores" '[ -s "$T/st.pg" ] && cmp -s "$T/st.pg" "$T/st.sq"'

# -- a corpus of distinct articles: kill -9 mid-run, re-run, same as one run
i=0
: > "$T/corpus.jsonl"
while [ $i -lt 60 ]; do
    for f in examples/*.txt; do
        { tr '\n"\\\t' '    ' < "$f"; echo; } | sed "s/^/{\"id\":\"copy-$i-$(basename "$f" .txt)\",\"date\":\"2026-02-1$((i % 10))\",\"source\":\"Outlet $((i % 7))\",\"text\":\"/; s/\$/\"}/" >> "$T/corpus.jsonl"
    done
    i=$((i+1))
done
total=$(wc -l < "$T/corpus.jsonl" | tr -d ' ')
U1=$(mkdb whole)
"$RIFT" analyze -q --db "$U1" "$T/corpus.jsonl" 2> /dev/null
check "the corpus: every article stored ($total)" '[ "$(q "$U1" "SELECT count(*) FROM articles")" = "$total" ]'
dump "$U1" > "$T/whole"
U2=$(mkdb killed)
"$RIFT" analyze -q --db "$U2" "$T/corpus.jsonl" 2> /dev/null &
pid=$!
# kill once some articles are in (a batch committed), well before the end
k=0
while [ $k -lt 200 ] && [ "$(q "$U2" "SELECT count(*) FROM articles" 2> /dev/null || echo 0)" -lt 1 ]; do
    sleep 0.05; k=$((k+1))
done
kill -9 $pid 2> /dev/null; wait $pid 2> /dev/null
part=$(q "$U2" "SELECT count(*) FROM articles")
check "kill -9: a part was stored ($part of $total)" '[ "$part" -ge 0 ] && [ "$part" -le "$total" ]'
"$RIFT" analyze -q --db "$U2" "$T/corpus.jsonl" 2> "$T/err3"; rc=$?
check "kill -9, re-run: exit 0" '[ $rc -eq 0 ]'
check "kill -9, re-run: adds what was missing ($((total - part)))" '[ "$(added "$T/err3")" = "$((total - part))" ]'
dump "$U2" > "$T/killed"
check "kill -9, re-run: the same database as one run (sorted dump)" \
    '[ -s "$T/whole" ] && cmp -s "$T/whole" "$T/killed"'

# -- two writers at once: the same content as one
U3=$(mkdb two)
half=$((total / 2))
head -n $half "$T/corpus.jsonl" > "$T/h1.jsonl"
tail -n +$((half + 1)) "$T/corpus.jsonl" > "$T/h2.jsonl"
"$RIFT" analyze -q --db "$U3" "$T/h1.jsonl" 2> "$T/w1" & p1=$!
"$RIFT" analyze -q --db "$U3" "$T/h2.jsonl" 2> "$T/w2" & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
check "two writers: both exit 0" '[ $r1 -eq 0 ] && [ $r2 -eq 0 ]'
check "two writers: every article stored once" '[ "$(q "$U3" "SELECT count(*) FROM articles")" = "$total" ]'
"$RIFT" stories --update --db "$U3" > /dev/null 2>&1
canon "$U1" > "$T/c1"
canon "$U3" > "$T/c3"
check "two writers: the same articles, actors, stories, claims, events as one" \
    '[ -s "$T/c1" ] && cmp -s "$T/c1" "$T/c3"'

# -- mpirun -n 2 into PostgreSQL: the same as one process into SQLite
if command -v mpirun > /dev/null 2>&1 && "$RIFT" version | grep -q MPI; then
    U6=$(mkdb mpi)
    OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 timeout 300 \
        mpirun --oversubscribe -n 2 "$RIFT" analyze -q --db "$U6" examples/ > /dev/null 2> "$T/e6"; rc=$?
    check "mpirun -n 2 into PostgreSQL: exit 0" '[ $rc -eq 0 ]'
    canon "$U6" > "$T/mpi.canon"
    check "mpirun -n 2 into PostgreSQL: the same content as one process into SQLite" \
        '[ -s "$T/mpi.canon" ] && cmp -s "$T/mpi.canon" "$T/sqlite.canon"'
elif [ -n "${CI:-}" ] && ! "$RIFT" version | grep -q MPI && [ "${RIFT#build-san}" = "$RIFT" ]; then
    nok "mpirun into PostgreSQL: $RIFT was built without MPI, and CI has Open MPI"
else
    skip "mpirun into PostgreSQL: no mpirun, or $RIFT built without MPI (the SAN=1 build)"
fi

# -- the store's unit tests of the incremental passes, on this server
UT=$(dirname "$RIFT")/tests/test_store
if [ -x "$UT" ]; then
    RIFT_TEST_PG=$(mkdb unit) "$UT" > "$T/unit" 2>&1; rc=$?
    check "the incremental passes' unit tests on PostgreSQL (test_store, exit $rc)" \
        '[ $rc -eq 0 ] && ! grep -q "^not ok" "$T/unit" && ! grep -q "skip.*PostgreSQL" "$T/unit"'
fi

# -- errors
"$RIFT" stories --db "postgresql://rift:secret@/nosuchdb?host=$PG&user=postgres" > /dev/null 2> "$T/e1"; rc=$?
check "a database that does not exist: exit non-zero, a message naming it" \
    '[ $rc -ne 0 ] && grep -q "nosuchdb" "$T/e1"'
check "the password is not shown" '! grep -q secret "$T/e1"'
U4=$(mkdb empty)
"$RIFT" stories --db "$U4" > /dev/null 2> "$T/e2"; rc=$?
check "an empty database is no store: exit non-zero, says so" \
    '[ $rc -ne 0 ] && grep -q "no such store" "$T/e2"'
