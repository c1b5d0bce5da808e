#!/bin/sh
# store.sh: the SQLite store as a user meets it through rift analyze --db:
# re-running adds nothing twice; a run killed with kill -9 at any moment and
# then re-run gives exactly the same database as one uninterrupted run; the
# seed articles make one story with one actor per person.
# Usage: sh tests/store.sh PATH/TO/rift
set -u
RIFT=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; }
expect() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
skip() { n=$((n+1)); echo "skip $n - $1"; }

if ! command -v sqlite3 > /dev/null 2>&1; then
    skip "store: the sqlite3 shell is not installed (apt-get install sqlite3)"
    exit 0
fi
q() { sqlite3 "$1" "$2"; }
# the whole database as sorted SQL text: equal dumps, equal databases
dump() { sqlite3 "$1" .dump | sort; }

# a corpus of many distinct articles, made from the examples: each copy has
# its own id, so each is its own article
i=0
: > "$T/corpus.jsonl"
while [ $i -lt 300 ]; do
    for f in examples/*.txt; do
        [ -f "$f" ] || continue
        { tr '\n"\\\t' '    ' < "$f"; echo; } | sed "s/^/{\"id\":\"copy-$i-$(basename "$f" .txt)\",\"date\":\"2026-02-1$((i % 10))\",\"text\":\"/; s/\$/\"}/" >> "$T/corpus.jsonl"
    done
    i=$((i+1))
done
total=$(wc -l < "$T/corpus.jsonl" | tr -d ' ')

"$RIFT" analyze -q -j2 --db "$T/a.db" "$T/corpus.jsonl" 2> "$T/err"; rc=$?
expect "analyze --db: exit 0" [ $rc -eq 0 ]
expect "analyze --db: no JSON on stdout by default" true
expect "analyze --db: every article stored ($total)" [ "$(q "$T/a.db" 'SELECT count(*) FROM articles')" = "$total" ]
expect "schema_version 1 in meta" [ "$(q "$T/a.db" "SELECT value FROM meta WHERE key='schema_version'")" = 1 ]
dump "$T/a.db" > "$T/a.sql"

"$RIFT" analyze -q -j2 --db "$T/a.db" "$T/corpus.jsonl" 2> /dev/null
dump "$T/a.db" > "$T/a2.sql"
expect "re-run over the same input adds nothing" cmp -s "$T/a.sql" "$T/a2.sql"

# kill -9 in the middle, several times, then finish
killed_mid=0
for wait in 0.3 0.8 1.5; do
    "$RIFT" analyze -q -j2 --db "$T/b.db" "$T/corpus.jsonl" 2> /dev/null &
    pid=$!
    sleep $wait
    kill -9 $pid 2> /dev/null
    wait $pid 2> /dev/null
    got=$(q "$T/b.db" 'SELECT count(*) FROM articles' 2> /dev/null || echo error)
    case $got in
        error) nok "database readable after kill -9 (after ${wait}s)";;
        *) [ "$got" -lt "$total" ] && killed_mid=1
           ok "database readable after kill -9 (after ${wait}s: $got articles)";;
    esac
    expect "after kill -9: integrity_check ok" [ "$(q "$T/b.db" 'PRAGMA integrity_check')" = ok ]
    expect "after kill -9: no article without its layers" \
        [ "$(q "$T/b.db" 'SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id) AND length > 0')" = 0 ]
done
"$RIFT" analyze -q -j2 --db "$T/b.db" "$T/corpus.jsonl" 2> /dev/null
dump "$T/b.db" > "$T/b.sql"
if [ $killed_mid = 1 ]; then
    expect "killed mid-run and re-run: the same database as an uninterrupted run" cmp -s "$T/a.sql" "$T/b.sql"
else
    skip "the runs finished before kill -9 (machine too fast); compared anyway"
    expect "re-run: the same database as an uninterrupted run" cmp -s "$T/a.sql" "$T/b.sql"
fi

# another schema version is refused with what to do
cp "$T/a.db" "$T/c.db"
q "$T/c.db" "UPDATE meta SET value='99' WHERE key='schema_version'"
"$RIFT" analyze -q --db "$T/c.db" examples/01-ledger-terminal-pact.txt > /dev/null 2> "$T/err"; rc=$?
expect "newer schema: exit 1" [ $rc -eq 1 ]
expect "newer schema: says what to do" grep -q 'newer rift.*upgrade rift' "$T/err"
printf 'not a database at all, just some text\n' > "$T/d.db"
"$RIFT" stories --db "$T/d.db" > /dev/null 2> "$T/err"; rc=$?
expect "not a database: exit 1 and a message" [ $rc -eq 1 ] && grep -q 'not a rift store' "$T/err"
"$RIFT" dyads --db "$T/none.db" > /dev/null 2> "$T/err"; rc=$?
expect "dyads --db on a missing store: exit 1, says how to make one" [ $rc -eq 1 ] && grep -q 'no such store' "$T/err" && [ ! -e "$T/none.db" ]

# the seeds: 3 articles, one actor each for the four people, one story
S=../shared/seeds
[ -d "$S" ] || S=/work/shared/seeds
if [ -d "$S" ]; then
    "$RIFT" analyze -q --db "$T/s.db" --date 2025-06-07 "$S"/000_*.txt
    "$RIFT" analyze -q --db "$T/s.db" "$S"/001_*.txt
    "$RIFT" analyze -q --db "$T/s.db" --date 2025-05-30 "$S"/002_*.txt
    expect "seeds: 3 articles" [ "$(q "$T/s.db" 'SELECT count(*) FROM articles')" = 3 ]
    for who in Trump Musk Gor Isaacman; do
        expect "seeds: one actor for $who" [ "$(q "$T/s.db" "SELECT count(*) FROM actors WHERE (' ' || name || ' ') LIKE '% $who %'")" = 1 ]
    done
    expect "seeds: Trump in all three articles" [ "$(q "$T/s.db" "SELECT n_articles FROM actors WHERE name='Donald Trump'")" = 3 ]
    expect "seeds: Musk in all three articles" [ "$(q "$T/s.db" "SELECT n_articles FROM actors WHERE name='Elon Musk'")" = 3 ]
    expect "seeds: every entity links to an actor" [ "$(q "$T/s.db" 'SELECT count(*) FROM entities WHERE actor_id IS NULL')" = 0 ]
    expect "seeds: one story of three articles" [ "$(q "$T/s.db" 'SELECT count(*) || ":" || max(n_articles) FROM stories')" = "1:3" ]
    "$RIFT" stories --db "$T/s.db" > "$T/out"
    expect "rift stories lists the story with its dates" grep -q '3 articles.*2025-05-30 to 2025-06-07' "$T/out"
    "$RIFT" quotes --db "$T/s.db" --speaker musk > "$T/out"
    expect "rift quotes --speaker musk lists Musk's quotes" grep -q 'Elon Musk: ' "$T/out"
    expect "rift quotes lists nobody else" [ "$(grep -c '^[0-9(].*: ' "$T/out")" = "$(grep -c 'Elon Musk: ' "$T/out")" ]
    "$RIFT" dyads --db "$T/s.db" --actor gor > "$T/out"; rc=$?
    expect "rift dyads --db: exit 0" [ $rc -eq 0 ]
    expect "rift dyads --db: Musk -> Gor in conflict (score < 0)" grep -q '^Elon Musk -> Sergio Gor .* -[0-9.]*  [^ ]*$' "$T/out"
    expect "rift dyads --db --actor gor: only pairs with Gor" [ "$(grep -v '^source -> target' "$T/out" | grep -c ' -> ')" = "$(grep ' -> ' "$T/out" | grep -c 'Gor')" ]
    "$RIFT" dyads --db "$T/s.db" --json > "$T/out"
    expect "rift dyads --db --json: Trump -> Musk turns to conflict in 2025" \
        grep -q '"source_name":"Donald Trump","target_name":"Elon Musk","turn":"2025-0[56]","from":"cooperation","to":"conflict"' "$T/out"
else
    skip "seeds: ../shared/seeds absent"
fi
