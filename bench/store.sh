#!/bin/sh
# bench/store.sh: the scale benchmark behind `make bench-store`: a synthetic
# stream (bench/mkstore.py) added batch by batch to a SQLite and a PostgreSQL
# store with `rift analyze --db`, each batch timed; then `rift report`, two
# writers against one, MPI with 2 ranks against 1.  Writes the "Store at
# scale" section of BENCHMARKS.md (the rest kept) and a line of its History.
# usage: sh bench/store.sh BUILDDIR     (BUILDDIR holds a built rift)
# env:   BENCH_STORE_N (articles, default 1000000), BENCH_STORE_STEP (per
#        batch, default 100000), BENCH_STORE_MAX_S (stop adding batches once
#        this many seconds are spent; default 0, no limit),
#        BENCH_STORE_PAIR (articles of the two-writer and MPI comparisons,
#        default the smaller of STEP and 20000), BENCH_STORE_JOBS (threads
#        of each rift, default 1), BENCH_STORE_RESERVE_MB (disk left free,
#        default 2048), BENCH_STORE_MAX_RSS_MB (stop before a batch whose
#        rift would pass it, judged by the growth of the last two; default
#        half the memory), BENCH_STORE_PG=0 (no PostgreSQL), BENCH_STORE_MPI=0
#        (no MPI), BENCH_STORE_KEEP=1 (keep the batch files), RIFT_SHARED
#        (default ../shared), BENCH_NOTE (a line for the Notes)
set -u

BUILD=${1:-build}
SHARED=${RIFT_SHARED:-../shared}
N=${BENCH_STORE_N:-1000000}
STEP=${BENCH_STORE_STEP:-100000}
MAXS=${BENCH_STORE_MAX_S:-0}
JOBS=${BENCH_STORE_JOBS:-1}
PAIR=${BENCH_STORE_PAIR:-}
RESERVE_MB=${BENCH_STORE_RESERVE_MB:-2048}
MAXRSS_MB=${BENCH_STORE_MAX_RSS_MB:-$(awk '/^MemTotal/ { printf "%d", $2 / 2048 }' /proc/meminfo 2>/dev/null || echo 4096)}
KEEP=${BENCH_STORE_KEEP:-0}
MD=BENCHMARKS.md
OUT=$(pwd)/build-bench/store
RIFT=$(cd "$BUILD" 2>/dev/null && pwd)/rift

say() { printf 'bench-store: %s\n' "$*" >&2; }
isnum() { case $1 in ''|*[!0-9]*) return 1 ;; esac; }
for v in N:N STEP:STEP MAXS:MAX_S JOBS:JOBS RESERVE_MB:RESERVE_MB MAXRSS_MB:MAX_RSS_MB; do
    x=; eval "x=\$${v%%:*}"
    isnum "$x" || { say "BENCH_STORE_${v#*:} must be a whole number (got '$x')"; exit 2; }
done
[ "$N" -gt 0 ] && [ "$STEP" -gt 0 ] && [ "$JOBS" -gt 0 ] || { say "N, STEP and JOBS must be positive"; exit 2; }
MAXRSS=$((MAXRSS_MB * 1024))
[ -n "$PAIR" ] || { PAIR=$STEP; [ "$PAIR" -gt 20000 ] && PAIR=20000; }
isnum "$PAIR" && [ "$PAIR" -ge 2 ] || { say "BENCH_STORE_PAIR must be 2 or more"; exit 2; }
[ "$PAIR" -gt "$STEP" ] && PAIR=$STEP
[ "$PAIR" -gt "$N" ] && PAIR=$N

if [ ! -d "$SHARED/corpora" ] || [ ! -d "$SHARED/seeds" ]; then
    say "no shared corpora at $SHARED (set RIFT_SHARED); nothing measured, $MD left as it is"
    exit 0
fi
[ -x "$RIFT" ] || { say "$BUILD/rift not found: build first (make BUILD=$BUILD)"; exit 2; }
command -v python3 >/dev/null 2>&1 || { say "python3 is needed for bench/mkstore.py"; exit 2; }
TIMEF=/usr/bin/time
[ -x "$TIMEF" ] || { say "/usr/bin/time not found (apt-get install time)"; exit 2; }

now_ns() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { printf f, (b - a) / 1e9 }'; }
mb() { awk -v k="$1" 'BEGIN { if (k > 0) printf "%.1f", k / 1024; else print "n/a" }'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (a != "" && b + 0 > 0) printf f, a / b; else print "n/a" }'; }

# ---- setup --------------------------------------------------------------------
PG=$OUT/pg
[ -d "$PG" ] && sh tools/pgtemp.sh stop "$PG" 2>/dev/null
rm -rf "$OUT"
mkdir -p "$OUT/tmp"
tmp=$OUT/tmp
cleanup() { [ -n "${PGURL:-}" ] && sh tools/pgtemp.sh stop "$PG" 2>/dev/null; }
trap cleanup EXIT
trap 'exit 130' INT TERM
NOTES=
note() { NOTES="$NOTES
- $*"; say "$*"; }

NB=$(( (N + STEP - 1) / STEP ))
GEN="python3 bench/mkstore.py $SHARED $OUT --n $N --step $STEP"
START=$(now_ns)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
# all batches at once, in one process (the shared texts are read once): about
# 2.8 KB a line; when the disk cannot hold them, the growth loop below stops
# at the first batch that is missing
avail=$(df -Pk "$OUT" | awk 'NR == 2 { print $4 }')
fit=$(( (avail - RESERVE_MB * 1024) / 2 / 3 / STEP ))   # half the free space: the stores need the rest
[ "$fit" -lt "$NB" ] && say "the disk holds about $fit of the $NB batch files beside the stores"
[ "$fit" -gt "$NB" ] && fit=$NB
[ "$fit" -ge 1 ] || { say "$((avail / 1024)) MB free on the disk of $OUT: not enough for one batch"; exit 1; }
say "making $fit batches of $STEP articles from $SHARED"
g0=$(now_ns)
# shellcheck disable=SC2046
$GEN $(seq 0 $((fit - 1))) || { say "bench/mkstore.py failed"; exit 1; }
GENS=$(secs "$g0" "$(now_ns)")
GENA=$(cat "$OUT"/batch_*.jsonl | wc -l | tr -d ' ')
say "$GENA articles made in $GENS s"

# run_timed CMD...: one run, stdout dropped, stderr in $tmp/err; sets
# W (wall s), C (user + sys s), R (peak RSS KB), RC
run_timed() {
    t0=$(now_ns)
    "$TIMEF" -f '%U %S %M' -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err"; RC=$?
    W=$(secs "$t0" "$(now_ns)")
    # shellcheck disable=SC2046
    set -- $(tail -n 1 "$tmp/time")
    C=$(awk -v u="${1:-0}" -v s="${2:-0}" 'BEGIN { printf "%.2f", u + s }')
    R=${3:-0}
    isnum "$R" || R=0
}

# ---- PostgreSQL: a private server, and whether this rift takes --db URL --------
PGURL=
psq() { psql -X -q -At -d "$1" -c "$2" 2>/dev/null; }
# count STORE: the articles in a store (a PostgreSQL URL or a SQLite file), ? when unreadable
count() {
    case $1 in
        postgresql://*|postgres://*) c=$(psq "$1" 'SELECT count(*) FROM articles') ;;
        *) c=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM articles").fetchone()[0])' "$1" 2>/dev/null) ;;
    esac
    echo "${c:-?}"
}
if [ "${BENCH_STORE_PG:-1}" = 0 ]; then
    note "PostgreSQL not measured: BENCH_STORE_PG=0."
elif ! command -v psql >/dev/null 2>&1; then
    note "PostgreSQL not measured: psql is not installed (Debian: postgresql)."
elif ! PGURL=$(sh tools/pgtemp.sh start "$PG" 2> "$tmp/pgerr"); then
    note "PostgreSQL not measured: tools/pgtemp.sh could not start a server ($(head -n 1 "$tmp/pgerr"))."
    PGURL=
else
    head -n 3 "$OUT/batch_0.jsonl" > "$tmp/probe.jsonl"
    u=$(sh tools/pgtemp.sh db "$PG" probe)
    mkdir -p "$tmp/probe"
    # in an empty directory, so that a rift without PostgreSQL cannot leave a
    # file named after the URL anywhere that matters
    (cd "$tmp/probe" && "$RIFT" analyze -j1 -q --db "$u" "$tmp/probe.jsonl") > /dev/null 2> "$tmp/err"; rc=$?
    got=$(count "$u")
    if [ "$rc" -ne 0 ] || [ "$got" != 3 ]; then
        note "PostgreSQL not measured: this rift does not take --db postgresql://... (\`rift analyze --db URL\` on 3 articles: exit $rc, $(head -n 1 "$tmp/err"))."
        sh tools/pgtemp.sh stop "$PG"
        PGURL=
    else
        PGDB=$(sh tools/pgtemp.sh db "$PG" grow)
        PGV=$(psq "$PGDB" 'SHOW server_version')
        say "PostgreSQL $PGV at $PG"
    fi
fi
# CPU of the server (postmaster, its live processes, and its exited
# backends), clock ticks: the rift process's own CPU leaves this out
pg_ticks() {
    pm=$(head -n 1 "$PG/data/postmaster.pid" 2>/dev/null)
    isnum "$pm" || { echo 0; return; }
    { cat "/proc/$pm/stat"; for c in $(ps -o pid= --ppid "$pm"); do cat "/proc/$c/stat"; done; } 2>/dev/null |
        awk -v pm="$pm" '{ sub(/^.*\) /, ""); t += $12 + $13; if ($2 + 0 != pm) t += $14 + $15 } END { print t + 0 }'
}
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
pg_bytes() { psq "$PGDB" 'SELECT pg_database_size(current_database())'; }

# ---- MPI: only when this rift says it has it ----------------------------------
MPI=
MPIRUN="mpirun --oversubscribe -n 2"
[ "$(id -u)" = 0 ] && MPIRUN="$MPIRUN --allow-run-as-root"
if [ "${BENCH_STORE_MPI:-1}" = 0 ]; then
    note "MPI not measured: BENCH_STORE_MPI=0."
elif ! command -v mpirun >/dev/null 2>&1; then
    note "MPI not measured: mpirun is not installed (Debian: openmpi-bin)."
elif ! { "$RIFT" --version; "$RIFT" analyze --help; } 2>&1 | grep -qiw 'mpi'; then
    note "MPI not measured: neither \`rift --version\` nor \`rift analyze --help\` mentions MPI (without it, each rank would analyse every article)."
else
    MPI=1
fi

# ---- two writers and MPI: PAIR articles into fresh stores ----------------------
head -n "$PAIR" "$OUT/batch_0.jsonl" > "$tmp/pair.jsonl"
half=$((PAIR / 2))
head -n "$half" "$tmp/pair.jsonl" > "$tmp/half1.jsonl"
tail -n +"$((half + 1))" "$tmp/pair.jsonl" > "$tmp/half2.jsonl"
A="$RIFT analyze -j$JOBS -q --stats"
PAIRROWS=
SP2=; SPM=
# pair_row LABEL ARTICLES-STORED: a row of the comparison table from W C R
pair_row() {
    PAIRROWS="$PAIRROWS
| $1 | $PAIR | $2 | $W | $C | $(mb "$R") | $(div "$PAIR" "$W" %.0f) | ${3:-} |"
}
# fresh_pg NAME: a new database holding the schema (an empty input run
# first, so that two writers starting at once find it); prints its URL
fresh_pg() {
    u=$(sh tools/pgtemp.sh db "$PG" "$1") || return 1
    : > "$tmp/empty.jsonl"
    $A --db "$u" "$tmp/empty.jsonl" > /dev/null 2>&1
    echo "$u"
}
if [ -n "$PGURL" ]; then
    U_one=$(fresh_pg wone); U_two=$(fresh_pg wtwo)
    say "PostgreSQL, one writer: $PAIR articles"
    # shellcheck disable=SC2086
    run_timed $A --db "$U_one" "$tmp/pair.jsonl"
    [ "$RC" -eq 0 ] || note "one writer: exit $RC: $(head -n 1 "$tmp/err")"
    W1=$W
    c1=$(count "$U_one")
    pair_row "PostgreSQL, one writer" "$c1" 1.00
    say "PostgreSQL, two writers at once: $half + $((PAIR - half)) articles"
    t0=$(now_ns)
    # shellcheck disable=SC2086
    "$TIMEF" -f '%U %S %M' -o "$tmp/t1" $A --db "$U_two" "$tmp/half1.jsonl" > /dev/null 2> "$tmp/e1" &
    p1=$!
    # shellcheck disable=SC2086
    "$TIMEF" -f '%U %S %M' -o "$tmp/t2" $A --db "$U_two" "$tmp/half2.jsonl" > /dev/null 2> "$tmp/e2" &
    p2=$!
    wait $p1; r1=$?
    wait $p2; r2=$?
    W=$(secs "$t0" "$(now_ns)")
    C=$(cat "$tmp/t1" "$tmp/t2" | awk 'NF == 3 { c += $1 + $2 } END { printf "%.2f", c }')
    R=$(cat "$tmp/t1" "$tmp/t2" | awk 'NF == 3 && $3 > r { r = $3 } END { print r + 0 }')
    [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ] || note "two writers: exit $r1 and $r2: $(cat "$tmp/e1" "$tmp/e2" | grep -v '^rift: [0-9]* articles' | head -n 2 | tr '\n' ' ')"
    c2=$(count "$U_two")
    SP2=$(div "$W1" "$W")
    # a speedup counts only when every run stored every article without an error
    [ "$RC" -eq 0 ] && [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ] && [ "$c1" = "$PAIR" ] && [ "$c2" = "$PAIR" ] || SP2="$SP2 (failed)"
    pair_row "PostgreSQL, two writers at once (halves)" "$c2" "$SP2"
    psq "$PGURL" 'DROP DATABASE wone' > /dev/null; psq "$PGURL" 'DROP DATABASE wtwo' > /dev/null
fi
if [ -n "$MPI" ]; then
    if [ -n "$PGURL" ]; then
        m1=$(fresh_pg mpi1); m2=$(fresh_pg mpi2); MB_=PostgreSQL
    else
        m1=$tmp/mpi1.db; m2=$tmp/mpi2.db; MB_=SQLite
    fi
    say "MPI: $PAIR articles, 1 process then $MPIRUN ($MB_)"
    # shellcheck disable=SC2086
    run_timed $A --db "$m1" "$tmp/pair.jsonl"
    WM1=$W; RM1=$RC
    n1=$(count "$m1")
    pair_row "$MB_, 1 process" "$n1" 1.00
    # shellcheck disable=SC2086
    run_timed $MPIRUN $A --db "$m2" "$tmp/pair.jsonl"
    [ "$RC" -eq 0 ] || note "$MPIRUN: exit $RC: $(head -n 2 "$tmp/err" | tr '\n' ' ')"
    n2=$(count "$m2")
    SPM=$(div "$WM1" "$W")
    [ "$RM1" -eq 0 ] && [ "$RC" -eq 0 ] && [ "$n1" = "$PAIR" ] && [ "$n2" = "$PAIR" ] || SPM="$SPM (failed)"
    pair_row "$MB_, $MPIRUN" "$n2" "$SPM"
fi

# ---- growth --------------------------------------------------------------------
ROWS_S=
ROWS_P=
STOP=
ADDED=0
est_batch_kb=$(( $(wc -c < "$OUT/batch_0.jsonl") / 1024 ))
grow_s=$((est_batch_kb * 4)); grow_p=$((est_batch_kb * 4))
[ -n "$PGURL" ] || grow_p=0
W1S=; C1S=; W1P=; C1P=; PEAKS=0; PEAKP=0; LASTR=0; PREVR=0
k=0
while [ "$k" -lt "$NB" ]; do
    spent=$(( ($(now_ns) - START) / 1000000000 ))
    if [ "$MAXS" -gt 0 ] && [ "$spent" -ge "$MAXS" ]; then
        STOP="stopped after batch $k of $NB: $spent s spent, BENCH_STORE_MAX_S=$MAXS"
        break
    fi
    avail=$(df -Pk "$OUT" | awk 'NR == 2 { print $4 }')
    need=$((RESERVE_MB * 1024 + est_batch_kb + 2 * (grow_s + grow_p)))
    if [ "$avail" -lt "$need" ]; then
        STOP="stopped after batch $k of $NB: $((avail / 1024)) MB free on the disk of $OUT, the next batch needs about $((need / 1024)) MB (its file, twice the last growth of each store, BENCH_STORE_RESERVE_MB=$RESERVE_MB kept free)"
        break
    fi
    # memory: the next batch's peak, if it grows as the last one did
    nextr=$((LASTR + LASTR - PREVR))
    if [ "$k" -gt 1 ] && [ "$nextr" -gt "$MAXRSS" ]; then
        STOP="stopped after batch $k of $NB: the peak RSS of rift analyze --db grows by $(mb $((LASTR - PREVR))) MB a batch, to about $(mb "$nextr") MB for the next one, over BENCH_STORE_MAX_RSS_MB=$((MAXRSS / 1024))"
        break
    fi
    b=$OUT/batch_$k.jsonl
    if [ ! -f "$b" ]; then
        STOP="stopped after batch $k of $NB: the disk of $OUT had room for $k batch files only"
        break
    fi
    arts=$(wc -l < "$b" | tr -d ' ')
    est_batch_kb=$(( $(wc -c < "$b") / 1024 ))
    cat "$b" > /dev/null
    WW=
    for _ in 1 2 3; do   # the best of three: a short run, noisy on a busy machine
        t0=$(now_ns)
        LC_ALL=C wc -w "$b" > /dev/null
        w=$(secs "$t0" "$(now_ns)" %.3f)
        { [ -z "$WW" ] || awk -v a="$w" -v b="$WW" 'BEGIN { exit !(a < b) }'; } && WW=$w
    done

    before=$(stat -c %s "$OUT/store.db" "$OUT/store.db-wal" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
    say "batch $((k + 1)) of $NB: SQLite, $arts articles"
    # shellcheck disable=SC2086
    run_timed $A --db "$OUT/store.db" "$b"
    [ "$RC" -eq 0 ] || note "SQLite batch $((k + 1)): exit $RC: $(grep -v '^rift: [0-9]* articles' "$tmp/err" | head -n 1)"
    size=$(stat -c %s "$OUT/store.db" "$OUT/store.db-wal" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
    grow_s=$(( (size - before) / 1024 ))
    [ -n "$W1S" ] || { W1S=$W; C1S=$C; }
    [ "$R" -gt "$PEAKS" ] && PEAKS=$R
    BR=$R
    LASTS_W=$W; LASTS_C=$C; LASTS_A=$(div "$arts" "$W" %.0f); LASTS_AC=$(div "$arts" "$C" %.0f)
    ROWS_S="$ROWS_S
| $((k + 1)) | $(count "$OUT/store.db") | $(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1e6 }') | $W | $C | $(mb "$R") | $LASTS_A | $(div "$W" "$W1S") | $(div "$C" "$C1S") | $(div "$W" "$WW" %.0f) |"
    say "  $W s wall, $C s CPU, $(mb "$R") MB peak, $LASTS_A articles/s; wc -w $WW s"

    if [ -n "$PGURL" ]; then
        dk0=$(du -sk "$PG" 2>/dev/null | cut -f1)
        s0=$(pg_ticks)
        say "batch $((k + 1)) of $NB: PostgreSQL"
        # shellcheck disable=SC2086
        run_timed $A --db "$PGDB" "$b"
        [ "$RC" -eq 0 ] || note "PostgreSQL batch $((k + 1)): exit $RC: $(grep -v '^rift: [0-9]* articles' "$tmp/err" | head -n 1)"
        sc=$(awk -v a="$s0" -v b="$(pg_ticks)" -v hz="$HZ" 'BEGIN { printf "%.2f", (b - a) / hz }')
        grow_p=$(( $(du -sk "$PG" 2>/dev/null | cut -f1) - dk0 ))
        [ "$grow_p" -gt 0 ] || grow_p=0
        [ -n "$W1P" ] || { W1P=$W; C1P=$C; }
        [ "$R" -gt "$PEAKP" ] && PEAKP=$R
        [ "$R" -gt "$BR" ] && BR=$R
        LASTP_W=$W; LASTP_A=$(div "$arts" "$W" %.0f)
        ROWS_P="$ROWS_P
| $((k + 1)) | $(count "$PGDB") | $(awk -v b="$(pg_bytes)" 'BEGIN { printf "%.1f", b / 1e6 }') | $W | $C | $sc | $(mb "$R") | $LASTP_A | $(div "$W" "$W1P") | $(div "$C" "$C1P") | $(div "$W" "$WW" %.0f) |"
        say "  $W s wall, $C s CPU (server $sc s), $(mb "$R") MB peak, $LASTP_A articles/s"
    fi
    PREVR=$LASTR; LASTR=$BR
    [ "$KEEP" = 1 ] || rm -f "$b"
    ADDED=$((ADDED + arts))
    k=$((k + 1))
done
[ -n "$STOP" ] && say "$STOP"

# ---- report --------------------------------------------------------------------
REPROWS=
rep() { # LABEL STORE
    say "rift report on the $1 store"
    run_timed "$RIFT" report --db "$2" -o "$tmp/report.html"
    if [ "$RC" -ne 0 ]; then
        note "rift report on the $1 store: exit $RC: $(head -n 1 "$tmp/err")"
    else
        REPROWS="$REPROWS
| $1 | $ADDED | $W | $C | $(mb "$R") | $(wc -c < "$tmp/report.html" | awk '{ printf "%.1f", $1 / 1e6 }') |"
        eval "REP_$1_W=\$W; REP_$1_R=\$R"
    fi
    rm -f "$tmp/report.html"
}
REP_SQLite_W=; REP_SQLite_R=
[ -f "$OUT/store.db" ] && rep SQLite "$OUT/store.db"
[ -n "$PGURL" ] && [ "$ADDED" -gt 0 ] && rep PostgreSQL "$PGDB"

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
if awk -v l="${LOAD1%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n * 0.75) }'; then
    note "the machine was busy (load average $LOAD1 after the run, $(nproc) cores): wall times understate; the CPU columns are the better guide."
fi
[ -n "${BENCH_NOTE:-}" ] && NOTES="$NOTES
- $BENCH_NOTE"
ELAPSED=$(( ($(now_ns) - START) / 1000000000 ))

# ---- BENCHMARKS.md ---------------------------------------------------------------
met() { if awk "BEGIN { exit !($1) }" 2>/dev/null; then echo met; else echo "**not met**"; fi; }
tgt() { # DESCRIPTION VALUE-OR-EMPTY CONDITION: a target row, "not measured" without a value
    if [ -z "$2" ] || [ "$2" = n/a ]; then echo "| $1 | not measured | |"
    else echo "| $1 | $2 | $(met "$3") |"; fi
}
# judged on CPU time, which other work on the machine disturbs less
LIN=; [ "$ADDED" -gt "$STEP" ] && LIN=$(div "$LASTS_C" "$C1S")
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && ! git diff-index --quiet HEAD -- 2>/dev/null; then
    COMMIT="$COMMIT (plus uncommitted changes)"
fi
VERSION=$("$RIFT" --version 2>/dev/null | head -n 1)
HEAD_S="| batch | articles in store | store MB | wall s | CPU s | peak RSS MB | articles/s | wall / batch 1 | CPU / batch 1 | wall / wc -w |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
HEAD_P="| batch | articles in store | database MB | wall s | CPU s (rift) | CPU s (server) | peak RSS MB | articles/s | wall / batch 1 | CPU / batch 1 | wall / wc -w |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"

{
cat <<EOF
## Store at scale

Written by \`make bench-store\` (bench/store.sh); every run rewrites this
section and adds a line to the History.  $DATE, $VERSION, commit $COMMIT;
$(nproc) cores, load average $LOAD0 before and $LOAD1 after; $ELAPSED s in all.

The stream: $N articles in batches of $STEP, made by \`bench/mkstore.py\` from
the texts of \`../shared\` (not part of the repository) into \`build-bench/store/\`:
each a base text with its person names swapped for common first and last
names, its paragraphs after the lead shuffled, about 300 outlets (source
and URL host), dates running over ten years from 2015 give or take two
days, and about one draw in twelve a wire story carried by 2 to 7 outlets
within three days.  Making the $GENA articles took $GENS s (one process).

Each batch is added with \`rift analyze -j$JOBS --db\` (the corpus passes
included, as the command runs them); "store MB" is the file with its WAL
(SQLite) or \`pg_database_size\` (PostgreSQL); "wall / batch 1" is the
growth of the time of adding the same number of articles to a bigger
store (1.0 is linear); "wall / wc -w" is rift's wall time over that of
\`LC_ALL=C wc -w\` on the same batch in the same run.
EOF
[ -n "$STOP" ] && printf '\n**%s.**\n' "$STOP"
printf '\n### SQLite\n\n%s%s\n' "$HEAD_S" "$ROWS_S"
if [ -n "$PGURL" ]; then
    printf '\n### PostgreSQL %s\n\nA private server (tools/pgtemp.sh: Unix socket, fsync on, shared_buffers 128MB).\nCPU s (server) is the CPU of the server'"'"'s processes during the batch.\n\n%s%s\n' "$PGV" "$HEAD_P" "$ROWS_P"
fi
if [ -n "$REPROWS" ]; then
    printf '\n### rift report on the final store\n\n| store | articles | wall s | CPU s | peak RSS MB | page MB |\n| --- | ---: | ---: | ---: | ---: | ---: |%s\n' "$REPROWS"
fi
if [ -n "$PAIRROWS" ]; then
    cat <<EOF

### Two writers and MPI

The first $PAIR articles of the stream into fresh stores, each process
\`rift analyze -j$JOBS --db\`; two writers run at once on the two halves; the
speedup is the one-process wall time over this one's.

| run | articles | articles in store after | wall s | CPU s | peak RSS MB | articles/s | speedup |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |$PAIRROWS
EOF
fi
cat <<EOF

### Targets (issue 17)

| target | measured | |
| --- | --- | --- |
$(tgt "adding a batch to the biggest store <= 1.2 x adding it to the first (SQLite, CPU time)" "${LIN:+$LIN (wall: $(div "$LASTS_W" "$W1S"))}" "$LIN <= 1.2")
$(tgt "peak RSS of rift analyze --db < 200 MB (SQLite, largest)" "$([ "$PEAKS" -gt 0 ] && echo "$(mb "$PEAKS") MB")" "$PEAKS < 204800")
$(tgt ">= 2,000 articles per second of one core into SQLite (per CPU s), last batch" "${LASTS_AC:+$LASTS_AC per CPU s ($LASTS_A per wall s)}" "${LASTS_AC:-0} >= 2000")
$(tgt "PostgreSQL, two writers >= 1.6 x one" "${SP2:-}" "${SP2%% *} >= 1.6 && \"$SP2\" !~ /failed/")
$(tgt "MPI, 2 ranks >= 1.6 x 1" "${SPM:-}" "${SPM%% *} >= 1.6 && \"$SPM\" !~ /failed/")
$(tgt "rift report < 30 s and < 300 MB (SQLite)" "${REP_SQLite_W:+$REP_SQLite_W s, $(mb "$REP_SQLite_R") MB at $ADDED articles}" "${REP_SQLite_W:-99} < 30 && ${REP_SQLite_R:-0} < 307200")
EOF
[ -n "$NOTES" ] && printf '\n### Notes\n%s\n' "$NOTES"
cat <<EOF

### Commands

\`\`\`sh
make bench-store       # BENCH_STORE_N=$N BENCH_STORE_STEP=$STEP sh bench/store.sh $BUILD
$GEN K             # batch K (0-based): build-bench/store/batch_K.jsonl
/usr/bin/time -f '%U %S %M' $A --db build-bench/store/store.db build-bench/store/batch_K.jsonl
/usr/bin/time -f '%U %S %M' $A --db 'postgresql:///grow?host=build-bench/store/pg&user=postgres' build-bench/store/batch_K.jsonl
LC_ALL=C wc -w build-bench/store/batch_K.jsonl
/usr/bin/time -f '%U %S %M' $RIFT report --db STORE -o report.html
/usr/bin/time -f '%U %S %M' $MPIRUN $A --db STORE pair.jsonl   # when rift has MPI
\`\`\`
EOF
} | sed "s#$RIFT#$BUILD/rift#g; s#$(pwd)/##g" > "$tmp/section"

LINE="- $DATE, $COMMIT: store at scale (make bench-store), $ADDED of $N articles in batches of $STEP: SQLite batch 1 ${W1S:-n/a} s, last ${LASTS_W:-n/a} s (${LASTS_A:-n/a} articles/s), peak RSS $(mb "$PEAKS") MB${PGURL:+; PostgreSQL batch 1 ${W1P:-n/a} s, last ${LASTP_W:-n/a} s, peak RSS $(mb "$PEAKP") MB}${SP2:+; two writers: speedup $SP2}${SPM:+; MPI 2 ranks: speedup $SPM}${REP_SQLite_W:+; report ${REP_SQLite_W} s, $(mb "$REP_SQLite_R") MB}${STOP:+; $STOP}"

# the section replaces the old one, or goes before the History; the line
# joins the History
touch "$MD"
awk -v sec="$tmp/section" -v line="$LINE" '
    function put() { while ((getline l < sec) > 0) print l; print ""; done = 1 }
    /^## Store at scale/ { skip = 1; if (!done) put(); next }
    skip && /^## / { skip = 0 }
    skip { next }
    /^## History/ { if (!done) put(); hist = 1 }
    { print }
    END { if (!done) put(); if (!hist) print "## History\n"; print line }
' "$MD" > "$MD.tmp" && mv "$MD.tmp" "$MD"

say "$ADDED articles in $ELAPSED s; wrote the \"Store at scale\" section of $MD"
[ "$KEEP" = 1 ] || rm -rf "$tmp"
