#!/bin/sh
# store.sh: the SQLite store as a user meets it through rift analyze --db:
# re-running adds nothing twice; a run killed with kill -9 at any moment and
# then re-run gives exactly the same database as one uninterrupted run; the
# seed articles make one story with one actor per person.  And faults: a
# full disk, a read-only file, a missing store, another writer holding the
# store, two writers and a corpus pass at once, kill -9 during the corpus
# passes; each ends with integrity_check clean and counts that match rows.
# Usage: sh tests/store.sh PATH/TO/rift
set -u
RIFT=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; }
expect() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; } # description 'shell condition'
skip() { n=$((n+1)); echo "skip $n - $1"; }

if ! command -v sqlite3 > /dev/null 2>&1; then
    skip "store: the sqlite3 shell is not installed (apt-get install sqlite3)"
    exit 0
fi
q() { sqlite3 "$1" "$2"; }
# the store is whole: integrity_check clean, no article without its layers,
# every story row points at an article and every story counts its rows
consistent() {
    [ "$(q "$1" 'PRAGMA integrity_check')" = ok ] &&
    [ "$(q "$1" 'SELECT count(*) FROM articles a WHERE length > 0 AND NOT EXISTS
        (SELECT 1 FROM sentences s WHERE s.article_id = a.id)')" = 0 ] &&
    [ "$(q "$1" 'SELECT count(*) FROM story_articles sa WHERE NOT EXISTS
        (SELECT 1 FROM articles a WHERE a.id = sa.article_id)')" = 0 ] &&
    [ "$(q "$1" 'SELECT count(*) FROM stories s WHERE n_articles <>
        (SELECT count(*) FROM story_articles sa WHERE sa.story_id = s.id)')" = 0 ]
}
# "rift: N articles added to the store (M in it)" -> "N M"
claimed() { sed -n 's/^rift: \([0-9]*\) articles added to the store (\([0-9]*\) in it).*/\1 \2/p' "$1"; }
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
# the name model's confidence: kept for every named entity, between 0 and 1
check "entities keep the name model's confidence (0..1)" \
    '[ "$(q "$T/a.db" "SELECT count(*) FROM entities WHERE confidence > 0 AND confidence <= 1")" -gt 0 ] &&
     [ "$(q "$T/a.db" "SELECT count(*) FROM entities WHERE confidence < 0 OR confidence > 1")" = 0 ]'
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
    # killed before it made the store (a slow start: a sanitizer build, a
    # loaded machine): nothing was written, which is whole too
    [ "$got" = error ] && [ "$(q "$T/b.db" 'SELECT count(*) FROM sqlite_master' 2> /dev/null)" = 0 ] &&
        { ok "killed before the store was made (after ${wait}s): nothing written"; killed_mid=1; continue; }
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
check "not a database: exit 1 and a message" '[ $rc -eq 1 ] && grep -q "not a rift store" "$T/err"'
"$RIFT" dyads --db "$T/none.db" > /dev/null 2> "$T/err"; rc=$?
check "dyads --db on a missing store: exit 1, says how to make one" \
    '[ $rc -eq 1 ] && grep -q "no such store" "$T/err" && [ ! -e "$T/none.db" ]'

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


# ---- faults -----------------------------------------------------------------

# a query on a missing store creates nothing
for c in stories quotes "stories --update"; do
    "$RIFT" $c --db "$T/typo.db" > /dev/null 2> "$T/err"; rc=$?
    check "$c on a missing store: exit 1, 'no such store', nothing created" \
        '[ $rc -eq 1 ] && grep -q "no such store" "$T/err" && [ ! -e "$T/typo.db" ]'
done

# a full disk: a 2 MB file system (tmpfs, as root), else a 1 MB file size
# limit; the batch that did not fit is rolled back and not counted
head -n 600 "$T/corpus.jsonl" > "$T/c600.jsonl"
mkdir -p "$T/full"
if mount -t tmpfs -o size=2m tmpfs "$T/full" 2> /dev/null; then
    how="a full 2 MB tmpfs"
    "$RIFT" analyze -q -j2 --db "$T/full/s.db" "$T/c600.jsonl" > /dev/null 2> "$T/err"; rc=$?
    cp "$T/full/s.db" "$T/full.db"
    [ -e "$T/full/s.db-wal" ] && cp "$T/full/s.db-wal" "$T/full.db-wal"
    umount "$T/full"
else
    how="a 1 MB file size limit"
    (trap '' XFSZ; ulimit -f 2048; exec "$RIFT" analyze -q -j2 --db "$T/full.db" "$T/c600.jsonl") \
        > /dev/null 2> "$T/err"; rc=$?
fi
set -- $(claimed "$T/err") x y; added=$1; in_it=$2
expect "$how: exit 1" [ $rc -eq 1 ]
expect "$how: says what was not stored" grep -q 'not stored' "$T/err"
check "$how: the count claimed is the count stored ($added of 600)" \
    '[ "$added" = "$(q "$T/full.db" "SELECT count(*) FROM articles")" ] && [ "$added" = "$in_it" ] && [ "$added" -lt 600 ]'
expect "$how: the store is whole" consistent "$T/full.db"

# a read-only store can be read, and writing to it says why not; as root,
# for whom permissions do not count, as the user nobody
cp "$T/s.db" "$T/ro.db" 2> /dev/null || cp "$T/a.db" "$T/ro.db"
chmod 444 "$T/ro.db"
AS=
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv > /dev/null 2>&1; then
        AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
        chmod 711 "$T"
    else
        AS=none
    fi
fi
if [ "$AS" = none ]; then
    skip "read-only store: running as root without setpriv"
else
    mkdir -p "$T/pub" && chmod 777 "$T/pub"
    for c in stories quotes dyads "report -o $T/pub/r.html"; do
        $AS "$RIFT" $c --db "$T/ro.db" > "$T/out" 2> "$T/err"; rc=$?
        check "read-only store: rift ${c%% *} reads it (exit $rc)" '[ $rc -eq 0 ] && [ -s "$T/out" -o "${c%% *}" = report ]'
    done
    $AS "$RIFT" analyze -q --db "$T/ro.db" examples/01-ledger-terminal-pact.txt > /dev/null 2> "$T/err"; rc=$?
    check "read-only store: analyze --db says permission denied, exit 1" '[ $rc -eq 1 ] && grep -q "permission denied" "$T/err"'
    chmod 000 "$T/ro.db"
    $AS "$RIFT" stories --db "$T/ro.db" > /dev/null 2> "$T/err"; rc=$?
    check "unreadable store: permission denied, exit 1" '[ $rc -eq 1 ] && grep -q "permission denied" "$T/err"'
    chmod 700 "$T"
fi

# another process holds the write lock: rift waits for it, or (with
# RIFT_BUSY_WAIT=1) says the store is busy and claims nothing
hold() { # db seconds: holds the write lock of db in the background
    rm -f "$T/locked"
    { echo 'BEGIN IMMEDIATE;'; echo ".shell touch $T/locked"; sleep "$2"; echo 'COMMIT;'; } |
        sqlite3 "$1" > /dev/null 2>&1 &
    holder=$!
    i=0; while [ ! -e "$T/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
}
cp "$T/a.db" "$T/w.db"
before=$(q "$T/w.db" 'SELECT count(*) FROM articles')
hold "$T/w.db" 4
RIFT_BUSY_WAIT=1 "$RIFT" analyze -q --db "$T/w.db" examples/wire.jsonl > /dev/null 2> "$T/err"; rc=$?
wait $holder
set -- $(claimed "$T/err") x; added=$1
check "busy store: exit 1 and says it is busy" '[ $rc -eq 1 ] && grep -q "is busy" "$T/err"'
check "busy store: nothing claimed, nothing stored" \
    '[ "$added" = 0 ] && [ "$(q "$T/w.db" "SELECT count(*) FROM articles")" = "$before" ]'
hold "$T/w.db" 2
"$RIFT" analyze -q --db "$T/w.db" examples/wire.jsonl > /dev/null 2> "$T/err"; rc=$?
wait $holder
set -- $(claimed "$T/err") 0; added=$1
after=$(q "$T/w.db" 'SELECT count(*) FROM articles')
check "a writer waits for the lock, then stores (exit $rc, $added added)" \
    '[ $rc -eq 0 ] && [ "$added" -gt 0 ] && [ "$after" = $((before + added)) ]'

# two writers and a corpus pass at once
before=$after
"$RIFT" stories --update --db "$T/w.db" > /dev/null 2>&1 & p1=$!
"$RIFT" analyze -q --db "$T/w.db" examples/kestrel-radio-threat.html 2> "$T/err1" & p2=$!
"$RIFT" analyze -q --db "$T/w.db" ../shared/seeds/000_*.txt 2> "$T/err2" & p3=$!
wait $p1; r1=$?; wait $p2; r2=$?; wait $p3; r3=$?
n1=$(claimed "$T/err1" | cut -d' ' -f1); n2=$(claimed "$T/err2" | cut -d' ' -f1)
check "two writers and a corpus pass: all exit 0 ($r1 $r2 $r3)" '[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && [ $r3 -eq 0 ]'
check "two writers and a corpus pass: both articles stored and counted (${n1:-?} + ${n2:-?})" \
    '[ "$(q "$T/w.db" "SELECT count(*) FROM articles")" = $((before + ${n1:-0} + ${n2:-0})) ] && [ "${n1:-0}" -ge 1 ] && [ "${n2:-0}" -ge 1 ]'
expect "two writers and a corpus pass: the store is whole" consistent "$T/w.db"

# kill -9 during the corpus passes: the passes roll back as one
killed=0
for wait in 0.1 0.3 0.6; do
    rm -f "$T/k.db"*
    cp "$T/a.db" "$T/k.db"
    q "$T/k.db" 'DELETE FROM story_articles; DELETE FROM stories;'
    "$RIFT" stories --update --threshold 0.5 --db "$T/k.db" > /dev/null 2>&1 &
    pid=$!
    sleep $wait
    kill -9 $pid 2> /dev/null && killed=$((killed+1))
    wait $pid 2> /dev/null
    st=$(q "$T/k.db" 'SELECT count(*) FROM stories')
    expect "kill -9 during the corpus passes (after ${wait}s): the store is whole" consistent "$T/k.db"
    check "kill -9 during the corpus passes (after ${wait}s): all stories or none ($st)" \
        '[ "$st" = 0 ] || [ "$(q "$T/k.db" "SELECT count(*) FROM story_articles")" = "$total" ]'
done
[ $killed -gt 0 ] || skip "the corpus passes finished before kill -9 (machine too fast)"

# a v1 store written before entities had a confidence column gains it the
# next time a writer opens it; readers do not need it
"$RIFT" analyze -q --db "$T/old.db" examples/*.txt 2> /dev/null
q "$T/old.db" "ALTER TABLE entities DROP COLUMN confidence"
"$RIFT" stories --db "$T/old.db" > /dev/null 2>&1; rc=$?
check "a store without the confidence column is read (exit 0)" '[ $rc -eq 0 ]'
"$RIFT" analyze -q --db "$T/old.db" examples/*.txt 2> /dev/null; rc=$?
cols=$(q "$T/old.db" "SELECT count(*) FROM pragma_table_info('entities') WHERE name='confidence'")
check "a writer adds the confidence column to an older v1 store" \
    '[ $rc -eq 0 ] && [ "$cols" = 1 ] && consistent "$T/old.db"'

# two writers making one new store at the same moment: the schema is made
# once, both runs store their articles
for k in 1 2 3; do
    rm -f "$T/race.db" "$T/race.db-wal" "$T/race.db-shm"
    "$RIFT" analyze -q --db "$T/race.db" examples/01-ledger-terminal-pact.txt 2> "$T/race1" & r1=$!
    "$RIFT" analyze -q --db "$T/race.db" examples/02-courier-port-nominee.txt 2> "$T/race2" & r2=$!
    wait $r1; c1=$?; wait $r2; c2=$?
    [ $c1 -eq 0 ] && [ $c2 -eq 0 ] && [ "$(q "$T/race.db" 'SELECT count(*) FROM articles')" = 2 ] || break
done
check "two writers creating one new store at once: both exit 0, both articles stored" \
    '[ $c1 -eq 0 ] && [ $c2 -eq 0 ] && [ "$(q "$T/race.db" "SELECT count(*) FROM articles")" = 2 ]'

# --no-update stores only; --update-only then runs the passes over them,
# giving the store one run gives
rm -f "$T/nu.db"*
"$RIFT" analyze -q --no-update --db "$T/nu.db" examples/ 2> /dev/null
pend=$(q "$T/nu.db" 'SELECT count(*) FROM pending')
"$RIFT" analyze --update-only --db "$T/nu.db" 2> "$T/nu.err"; rc=$?
rm -f "$T/one.db"*
"$RIFT" analyze -q --db "$T/one.db" examples/ 2> /dev/null
check "--no-update leaves the articles pending; --update-only runs the passes (exit $rc)" \
    '[ "$pend" -gt 0 ] && [ $rc -eq 0 ] && [ "$(q "$T/nu.db" "SELECT count(*) FROM pending")" = 0 ] &&
     [ "$(q "$T/nu.db" "SELECT count(*) FROM stories")" = "$(q "$T/one.db" "SELECT count(*) FROM stories")" ] &&
     [ "$(q "$T/nu.db" "SELECT count(*) FROM actors")" = "$(q "$T/one.db" "SELECT count(*) FROM actors")" ]'
"$RIFT" analyze --update-only examples/ 2> "$T/nu2.err"; rc=$?
check "--update-only with inputs: refused (exit $rc), says why" '[ $rc -eq 2 ] && grep -q "update-only" "$T/nu2.err"'
