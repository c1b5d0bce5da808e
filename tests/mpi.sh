#!/bin/sh
# mpi.sh: many processes into one store (docs/cluster.md).  Two shards
# run at once with --no-update, then rift stories --update, and mpirun -n 1
# and -n 2 of rift analyze --db, give the same store as one plain process
# (articles, actors, stories, events, quotes, compared without row ids), on
# examples/, on a JSON Lines file shared out record by record, and on
# ../shared/seeds; a bad record is said once and stops no one; no --db is
# refused.  The mpirun part is skipped without mpirun or an MPI build.
# Usage: sh tests/mpi.sh PATH/TO/rift
set -u
RIFT=$1
. "$(dirname "$0")/tap.sh"
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; } # description 'shell condition'

if ! command -v sqlite3 > /dev/null 2>&1; then
    skip "mpi: the sqlite3 shell is not installed (apt-get install sqlite3)"
    exit 0
fi
# the store without its row ids, sorted: ids follow the order of insertion,
# which differs between runs.  Articles by key (a hash of their content),
# entities with their actor's name, stories as their articles' keys,
# events and quotes (the store's views) by article key and index with
# their actors' names and their corroboration (the first article of a
# claim is left out: among articles of the same date it is the first
# inserted)
canon() {
    sqlite3 -separator '|' "$1" "
SELECT 'article', key, doc_id, url, title, source, author, date, date_origin, outlet, origin,
       line, length, simhash FROM articles;
SELECT 'actor', name, type, code, n_articles, n_mentions, first_date, last_date FROM actors;
SELECT 'entity', a.key, e.idx, e.name, e.type, e.roles, e.code, e.n_mentions, ac.name,
       ac.type, e.confidence
  FROM entities e JOIN articles a ON a.id = e.article_id LEFT JOIN actors ac ON ac.id = e.actor_id;
SELECT 'story', s.title, s.first_date, s.last_date, s.n_articles, s.n_outlets,
       (SELECT group_concat(k, ' ') FROM (SELECT a.key AS k FROM story_articles sa
          JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id ORDER BY a.key))
  FROM stories s;
SELECT 'event', a.key, v.idx, v.source, v.target, v.plover, v.mode, v.cameo, v.goldstein,
       v.negated, v.date, v.trigger, v.outlet, v.n_articles, v.n_outlets, v.first_outlet,
       v.first_date, v.source_code, v.target_code, v.source_text, v.target_text, v.modality,
       v.attributed_to, v.attribution, v.object_text, v.confidence, v.start, v.end
  FROM event_view v JOIN articles a ON a.id = v.article_id;
SELECT 'quote', a.key, v.idx, v.text, v.speaker, v.speaker_kind, v.via_name, v.fragment,
       v.n_articles, v.n_outlets, v.first_outlet, v.first_date
  FROM quote_view v JOIN articles a ON a.id = v.article_id;" | LC_ALL=C sort
}
# "rift: N articles added to the store (M in it)" -> "N M"
claimed() { sed -n 's/^rift: \([0-9]*\) articles added to the store (\([0-9]*\) in it).*/\1 \2/p' "$1"; }
count() { grep -c "^$2|" "$1"; }

# name paths...: one plain process, then mpirun -n 1 and -n 2; the same rows
same_store() {
    name=$1; shift
    "$RIFT" analyze -q --db "$T/$name-plain.db" "$@" 2> "$T/err"; rc=$?
    check "$name: one process (exit $rc)" '[ $rc -eq 0 ]'
    canon "$T/$name-plain.db" > "$T/$name-plain.txt"
    for np in 1 2; do
        mpi $np analyze -q --db "$T/$name-$np.db" "$@" > "$T/out" 2> "$T/err"; rc=$?
        check "$name: mpirun -n $np (exit $rc)" '[ $rc -eq 0 ]'
        check "$name: mpirun -n $np prints nothing on stdout" '[ ! -s "$T/out" ]'
        check "$name: mpirun -n $np says the totals once ($(claimed "$T/err"))" \
            '[ "$(claimed "$T/err")" = "$(claimed "$T/err" | head -1)" ] &&
             [ "$(claimed "$T/err")" = "$(sqlite3 "$T/$name-plain.db" "SELECT count(*) || \" \" || count(*) FROM articles")" ]'
        canon "$T/$name-$np.db" > "$T/$name-$np.txt"
        for what in article actor entity story event quote; do
            check "$name: mpirun -n $np, the same $what rows as one process ($(count "$T/$name-$np.txt" $what))" \
                '[ "$(grep "^$what|" "$T/$name-$np.txt")" = "$(grep "^$what|" "$T/$name-plain.txt")" ]'
        done
    done
    check "$name: articles, actors, stories and events all there" \
        '[ "$(count "$T/$name-plain.txt" article)" -gt 0 ] && [ "$(count "$T/$name-plain.txt" actor)" -gt 0 ] &&
         [ "$(count "$T/$name-plain.txt" story)" -gt 0 ] && [ "$(count "$T/$name-plain.txt" event)" -gt 0 ]'
}

# a scheduler's way: two processes at once, each on its own files, store
# only; then the corpus passes once.  The store is made first (two
# processes creating one new SQLite file at the same moment can collide)
"$RIFT" analyze -q --db "$T/plain.db" examples 2> /dev/null
canon "$T/plain.db" > "$T/plain.txt"
"$RIFT" analyze -q --no-update --db "$T/shards.db" examples/01-*.txt 2> /dev/null
"$RIFT" analyze -q --no-update --db "$T/shards.db" examples/0[1-3]*.txt examples/wire.jsonl \
    2> "$T/err1" & p1=$!
"$RIFT" analyze -q --no-update --db "$T/shards.db" examples/0[4-6]*.txt examples/*.html \
    2> "$T/err2" & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
check "two shards with --no-update: both exit 0 ($r1 $r2), no corpus passes run" \
    '[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && grep -q "not updated (--no-update)" "$T/err1" &&
     [ "$(sqlite3 "$T/shards.db" "SELECT count(*) FROM stories")" = 0 ]'
"$RIFT" stories --update --db "$T/shards.db" > /dev/null; rc=$?
canon "$T/shards.db" > "$T/shards.txt"
check "two shards, then rift stories --update: the same store as one run (exit $rc, $(count "$T/shards.txt" story) stories)" \
    '[ $rc -eq 0 ] && [ "$(count "$T/shards.txt" story)" -gt 0 ] && cmp -s "$T/shards.txt" "$T/plain.txt"'

if ! command -v mpirun > /dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then nok "mpi: mpirun is not installed, and CI must have it (.ci/run installs openmpi-bin)"
    else skip "mpi: mpirun is not installed (apt-get install openmpi-bin libopenmpi-dev)"; fi
    exit 0
fi
# Open MPI refuses root unless told; --oversubscribe: more processes than
# cores is fine here
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi() { # N rift-arguments...: mpirun, ended after 300 s should anything hang
    np=$1; shift
    timeout 300 mpirun --oversubscribe -n "$np" "$RIFT" "$@"
}

if ! "$RIFT" version | grep -q 'MPI'; then
    # a rift without MPI under mpirun refuses, rather than have every
    # process read every input
    mpi 2 analyze -q --db "$T/no.db" examples > /dev/null 2> "$T/err"; rc=$?
    check "built without MPI: mpirun -n 2 refuses (exit $rc) and says why" \
        '[ $rc -ne 0 ] && grep -q "built without MPI" "$T/err"'
    skip "mpi: $RIFT was built without MPI (the SAN=1 build, or no libopenmpi-dev)"
    exit 0
fi

same_store examples examples

# one JSON Lines file of many distinct articles: its records are shared out
i=0
: > "$T/corpus.jsonl"
while [ $i -lt 40 ]; do
    for f in examples/*.txt; do
        { tr '\n"\\\t' '    ' < "$f"; echo; } | sed "s/^/{\"id\":\"copy-$i-$(basename "$f" .txt)\",\"date\":\"2026-02-1$((i % 10))\",\"text\":\"/; s/\$/\"}/" >> "$T/corpus.jsonl"
    done
    i=$((i+1))
done
same_store jsonl "$T/corpus.jsonl"

S=../shared/seeds
[ -d "$S" ] || S=/work/shared/seeds
if [ -d "$S" ]; then
    same_store seeds "$S"
else
    skip "seeds: ../shared/seeds absent"
fi

# a re-run over the same inputs adds nothing
mpi 2 analyze -q --db "$T/examples-2.db" examples > /dev/null 2> "$T/err"; rc=$?
canon "$T/examples-2.db" > "$T/again.txt"
check "re-run with mpirun -n 2: exit 0, 0 articles added, the same rows" \
    '[ $rc -eq 0 ] && [ "$(claimed "$T/err" | cut -d" " -f1)" = 0 ] && cmp -s "$T/again.txt" "$T/examples-2.txt"'

# a bad record on each process (items 3 and 4): each said once, the rest
# stored, exit 1, no one waits for ever; a missing path is said once
{
    head -n 3 "$T/corpus.jsonl"
    echo 'not json at all'
    echo '{"id":"no-text"}'
    sed -n 4,6p "$T/corpus.jsonl"
} > "$T/bad.jsonl"
mpi 2 analyze -q --stats --db "$T/bad.db" "$T/bad.jsonl" "$T/missing.txt" > /dev/null 2> "$T/err"; rc=$?
check "bad records under mpirun -n 2: exit 1" '[ $rc -eq 1 ]'
check "each bad record said once" \
    '[ "$(grep -c "bad.jsonl:4: malformed JSON" "$T/err")" = 1 ] && [ "$(grep -c "bad.jsonl:5: no \"text\"" "$T/err")" = 1 ]'
check "the missing path said once" '[ "$(grep -c "missing.txt: No such file" "$T/err")" = 1 ]'
check "the good records stored (6)" '[ "$(sqlite3 "$T/bad.db" "SELECT count(*) FROM articles")" = 6 ]'
check "the totals of both processes: 8 read, 6 written, 2 skipped, 1 input failed" \
    'grep -q "8 articles read, 6 written, 2 skipped, 1 inputs failed (2 processes)" "$T/err"'

# no --db: the JSON of two processes would be interleaved
mpi 2 analyze examples > "$T/out" 2> "$T/err"; rc=$?
check "mpirun -n 2 without --db: exit 2, said once, no JSON" \
    '[ $rc -eq 2 ] && [ "$(grep -c "wants --db" "$T/err")" = 1 ] && [ ! -s "$T/out" ]'
mpi 2 analyze --db "$T/in.db" < /dev/null > /dev/null 2> "$T/err"; rc=$?
check "mpirun -n 2 reading standard input: exit 2, said once" \
    '[ $rc -eq 2 ] && [ "$(grep -c "cannot read standard input" "$T/err")" = 1 ]'
