#!/bin/sh
# bench/run.sh: the throughput and memory harness behind `make bench`.  Builds
# the corpus into build-bench/ (never into the repository), times rift analyze
# and the `wc -w` floor on it, the syntax layer (stage speed in tokens per CPU
# second, the whole pipeline against wc -w, model load time and memory), and
# rewrites BENCHMARKS.md keeping its History and the "Store at scale" section
# of bench/store.sh.
# usage: sh bench/run.sh BUILDDIR     (BUILDDIR holds a built rift)
# env:   RIFT_SHARED (default ../shared)   BENCH_MB (corpus size, default 20)
#        BENCH_REPS (runs per measurement, default 3; the best is kept)
#        BENCH_FULL=1 (run the 10x pass even when it looks slow)
#        BENCH_NOTE (a line for the Notes: what else ran on the machine)
#        RIFT_DATA (the data directory, default data/en beside the rift binary)
set -u

BUILD=${1:-build}
RIFT=$BUILD/rift
SHARED=${RIFT_SHARED:-../shared}
MB=${BENCH_MB:-20}
REPS=${BENCH_REPS:-3}
OUT=build-bench
DATA=${RIFT_DATA:-data/en}   # the data directory bench-stages opens (rift itself reads RIFT_DATA too)
MD=BENCHMARKS.md

say() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -d "$SHARED/corpora" ] || [ ! -d "$SHARED/seeds" ]; then
    say "no shared corpora at $SHARED (set RIFT_SHARED); nothing measured, $MD left as it is"
    exit 0
fi
if [ ! -x "$RIFT" ]; then
    say "$RIFT not found: build first (make BUILD=$BUILD)"
    exit 2
fi

# ---- corpus -----------------------------------------------------------------
mkdir -p "$OUT"
if command -v python3 >/dev/null 2>&1; then
    maker=bench/mkcorpus.py; MAKECMD="python3 $maker"
    make_corpus() { python3 bench/mkcorpus.py "$SHARED" "$OUT" "$MB"; }
else
    say "python3 not found: falling back to bench/mkcorpus.sh (seeds and treebanks only, no Wikinews)"
    maker=bench/mkcorpus.sh; MAKECMD="sh $maker"
    make_corpus() { sh bench/mkcorpus.sh "$SHARED" "$OUT" "$MB"; }
fi
stamp=$OUT/corpus.stats
if [ -f "$stamp" ] && [ "$stamp" -nt "$maker" ] && [ -f "$OUT/corpus10.jsonl" ] \
   && grep -q "^# mb=$MB maker=$maker\$" "$stamp"; then
    say "reusing corpus in $OUT/ (delete it to rebuild)"
else
    say "building corpus in $OUT/ with $maker"
    rm -f "$stamp"
    make_corpus || { say "corpus build failed"; exit 1; }
    echo "# mb=$MB maker=$maker" >> "$stamp"
fi
# shellcheck disable=SC1090
. "./$stamp"

# ---- measuring ----------------------------------------------------------------
TIMEF=/usr/bin/time
[ -x "$TIMEF" ] || { say "/usr/bin/time not found (apt-get install time): peak RSS not measured"; TIMEF=; }
now_ns() { date +%s%N; }
tmp=$OUT/tmp
rm -rf "$tmp"
mkdir -p "$tmp"

# measure REPS CMD...: runs CMD (stdout to /dev/null, stderr to $tmp/err)
# REPS times; sets BEST (fastest wall seconds), CPU (least user+sys seconds),
# RSS (largest peak RSS, KB), RC (exit status of the last run), ALLT (all
# wall times)
measure() {
    _n=$1; shift
    BEST=; CPU=; RSS=0; RC=0; ALLT=
    i=0
    while [ "$i" -lt "$_n" ]; do
        t0=$(now_ns)
        if [ -n "$TIMEF" ]; then
            "$TIMEF" -f '%U %S %M' -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err"; RC=$?
        else
            "$@" > /dev/null 2> "$tmp/err"; RC=$?
        fi
        t1=$(now_ns)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        ALLT="$ALLT $t"
        if [ -n "$TIMEF" ]; then
            set -- $(tail -n 1 "$tmp/time") "$@"
            c=$(awk -v u="$1" -v s="$2" 'BEGIN { printf "%.2f", u + s }')
            r=$3; shift 3
            case $r in *[!0-9]*|'') r=0 ;; esac
            [ "$r" -gt "$RSS" ] && RSS=$r
            if [ -z "$CPU" ] || awk -v a="$c" -v b="$CPU" 'BEGIN { exit !(a < b) }'; then
                CPU=$c
            fi
        fi
        if [ -z "$BEST" ] || awk -v a="$t" -v b="$BEST" 'BEGIN { exit !(a < b) }'; then
            BEST=$t
        fi
        i=$((i + 1))
    done
}

mbs() { [ -n "$2" ] || { echo n/a; return; }; awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.1f", b / 1e6 / t; else print "n/a" }'; }
aps() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "n/a" }'; }
rssmb() { awk -v k="$1" 'BEGIN { if (k > 0) printf "%.1f", k / 1024; else print "n/a" }'; }

# the written count from --stats, checked against the corpus
check_written() {
    w=$(sed -n 's/.* \([0-9][0-9]*\) written.*/\1/p' "$tmp/err" | tail -n 1)
    if [ "$RC" -ne 0 ] || [ "${w:-x}" != "$1" ]; then
        say "warning: $2: exit $RC, ${w:-?} of $1 articles written; stderr:"
        head -n 5 "$tmp/err" >&2
        NOTES="$NOTES
- $2: exit status $RC, ${w:-?} of $1 articles written."
    fi
}

NOTES=
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
cat "$OUT/corpus.jsonl" "$OUT/corpus10.jsonl" > /dev/null   # warm the page cache
START=$(now_ns)

J1="$RIFT analyze -j1 -q --stats $OUT/corpus.jsonl"
say "rift -j1 on corpus.jsonl ($((text_bytes / 1000000)) MB of text, $articles articles)"
# shellcheck disable=SC2086
measure 1 $J1
first=$BEST
# keep the whole run under about five minutes on a slow build or a busy
# machine: one run per measurement when a pass takes over 6 s, and the 10x
# pass only when it should take 150 s of CPU or less (BENCH_FULL=1: always)
reps=$REPS
if awk -v t="$first" 'BEGIN { exit !(t > 6) }'; then reps=1; fi
if [ "$reps" -gt 1 ]; then
    b1=$BEST; r1=$RSS; c1=$CPU
    # shellcheck disable=SC2086
    measure $((reps - 1)) $J1
    awk -v a="$b1" -v b="$BEST" 'BEGIN { exit !(a < b) }' && BEST=$b1
    [ "$r1" -gt "$RSS" ] && RSS=$r1
    awk -v a="$c1" -v b="$CPU" 'BEGIN { exit !(a < b) }' && CPU=$c1
    ALLT=" $first$ALLT"
fi
check_written "$articles" "rift -j1 corpus.jsonl"
T1=$BEST; C1=$CPU; R1=$RSS; ALL1=$ALLT

say "rift -j2 on corpus.jsonl"
J2="$RIFT analyze -j2 -q --stats $OUT/corpus.jsonl"
# shellcheck disable=SC2086
measure "$reps" $J2
check_written "$articles" "rift -j2 corpus.jsonl"
T2=$BEST; C2=$CPU; R2=$RSS

say "rift -j1 on txt/ ($txt_files plain-text files)"
JT="$RIFT analyze -j1 -q --stats $OUT/txt"
# shellcheck disable=SC2086
measure "$reps" $JT
check_written "$txt_files" "rift -j1 txt/"
TT=$BEST; CT=$CPU; RT=$RSS

# the issue-2 verdict: the foundation end to end, read + normalize + blocks
# + segment + JSON output, through rift itself (--until segment)
FT="$RIFT analyze -j1 -q --stats --until segment $OUT/txt"
say "foundation: rift -j1 --until segment on txt/"
# shellcheck disable=SC2086
measure "$REPS" $FT
check_written "$txt_files" "rift -j1 --until segment txt/"
FTT=$BEST; FTC=$CPU; FTR=$RSS
FT2="$RIFT analyze -j2 -q --stats --until segment $OUT/txt"
say "foundation: rift -j2 --until segment on txt/"
# shellcheck disable=SC2086
measure "$REPS" $FT2
check_written "$txt_files" "rift -j2 --until segment txt/"
FT2T=$BEST; FT2C=$CPU
FJ="$RIFT analyze -j1 -q --stats --until segment $OUT/corpus.jsonl"
say "foundation: rift -j1 --until segment on corpus.jsonl"
# shellcheck disable=SC2086
measure "$REPS" $FJ
check_written "$articles" "rift -j1 --until segment corpus.jsonl"
FJT=$BEST; FJC=$CPU; FJR=$RSS
FJ2="$RIFT analyze -j2 -q --stats --until segment $OUT/corpus.jsonl"
say "foundation: rift -j2 --until segment on corpus.jsonl"
# shellcheck disable=SC2086
measure "$REPS" $FJ2
check_written "$articles" "rift -j2 --until segment corpus.jsonl"
FJ2T=$BEST; FJ2C=$CPU

# the syntax layer (tagger, morphology, parser): the same pass up to stage
# syntax; its cost is the difference with --until segment
SY="$RIFT analyze -j1 -q --stats --until syntax $OUT/corpus.jsonl"
say "syntax: rift -j1 --until syntax on corpus.jsonl"
# shellcheck disable=SC2086
measure "$REPS" $SY
check_written "$articles" "rift -j1 --until syntax corpus.jsonl"
SYT=$BEST; SYC=$CPU; SYR=$RSS

J10="$RIFT analyze -j1 -q --stats $OUT/corpus10.jsonl"
est=${C1:-$first}
if [ "${BENCH_FULL:-0}" = 1 ] || awk -v t="$est" 'BEGIN { exit !(t * 10 <= 150) }'; then
    say "rift -j1 on corpus10.jsonl ($((text_bytes10 / 1000000)) MB of text)"
    # shellcheck disable=SC2086
    measure 1 $J10
    check_written "$articles10" "rift -j1 corpus10.jsonl"
    T10=$BEST; C10=$CPU; R10=$RSS
else
    say "skipping corpus10.jsonl: one pass would take about $(awk -v t="$est" 'BEGIN { printf "%.0f", t * 10 }') s (BENCH_FULL=1 runs it)"
    T10=0; C10=0; R10=0
    NOTES="$NOTES
- the 10x pass was skipped: at this speed it would take about $(awk -v t="$est" 'BEGIN { printf "%.0f", t * 10 }') s (BENCH_FULL=1 runs it)."
fi

say "stage by stage (bench/stages.c)"
PK=$(sed -n 's/^PKGS *:= *//p' Makefile 2>/dev/null)
STAGES=
FOUND=
STOK=; SCPU=; STPS=; MOPEN=; MRSS=; SLOAD=; SRSS=
if ${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -g -Iinclude -Isrc $(pkg-config --cflags $PK 2>/dev/null) \
       bench/stages.c "$BUILD/librift.a" $(pkg-config --libs $PK 2>/dev/null) -lpthread -lm \
       -o "$BUILD/bench-stages" 2> "$tmp/cc"; then
    best=
    i=0
    while [ $i -lt "$reps" ]; do
        if ! "$BUILD/bench-stages" --data "$DATA" "$OUT/corpus.jsonl" > "$tmp/stages" 2> "$tmp/err"; then
            say "bench-stages failed: $(head -n 1 "$tmp/err")"
            NOTES="$NOTES
- no stage breakdown: bench-stages failed: $(head -n 1 "$tmp/err")"
            break
        fi
        f=$(awk '$1 == "all" { print $2 }' "$tmp/stages")
        if [ -z "$best" ] || awk -v a="$f" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$f; cp "$tmp/stages" "$tmp/stages.best"
        fi
        i=$((i + 1))
    done
    if [ -f "$tmp/stages.best" ]; then
        STAGES=$(grep -Ev '^(syntax|model)-' "$tmp/stages.best")
        FOUND=$(awk '$1 == "foundation" { print $3 }' "$tmp/stages.best")
        key() { awk -v k="$1" '$1 == k { print $2 }' "$tmp/stages.best"; }
        STOK=$(key syntax-tokens); SCPU=$(key syntax-cpu-s); STPS=$(key syntax-tokens-per-cpu-s)
        MOPEN=$(key model-open-ms); MRSS=$(key model-rss-mb)
        SLOAD=$(key syntax-load-ms); SRSS=$(key syntax-rss-mb)
    fi
else
    say "bench/stages.c did not compile against this tree; no stage breakdown"
    head -n 5 "$tmp/cc" >&2
    NOTES="$NOTES
- no stage breakdown: bench/stages.c did not compile against this tree."
fi

say "wc -w floor"
measure "$REPS" env LC_ALL=C wc -w "$OUT/corpus.jsonl"
TW=$BEST; CW=$CPU
measure "$REPS" env LC_ALL=C.UTF-8 wc -w "$OUT/corpus.jsonl"
TWU=$BEST; CWU=$CPU
WORDS=$(LC_ALL=C wc -w < "$OUT/corpus.jsonl")

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
if awk -v l="${LOAD1%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n * 0.75) }'; then
    NOTES="$NOTES
- the machine was busy (load average $LOAD1 after the run, $(nproc) cores): wall-time
  figures understate; the CPU-time columns are the better guide for this run."
fi
if [ -n "${BENCH_NOTE:-}" ]; then
    NOTES="$NOTES
- $BENCH_NOTE"
fi
ELAPSED=$(awk -v a="$START" -v b="$(now_ns)" 'BEGIN { printf "%.0f", (b - a) / 1e9 }')
rm -rf "$tmp"

# ---- results ---------------------------------------------------------------------
M1=$(mbs "$text_bytes" "$T1")
M2=$(mbs "$text_bytes" "$T2")
M2C=$(awk -v m="$M2" 'BEGIN { printf "%.1f", m / 2 }')
MT=$(mbs "$txt_bytes" "$TT")
M10=$(mbs "$text_bytes10" "$T10")
MW=$(mbs "$file_bytes" "$TW")
MWU=$(mbs "$file_bytes" "$TWU")
A1=$(aps "$articles" "$T1"); A2=$(aps "$articles" "$T2")
AT=$(aps "$txt_files" "$TT"); A10=$(aps "$articles10" "$T10")

met() {
    e=$(printf '%s' "$1" | sed 's#n/a#0#g')
    if awk "BEGIN { exit !($e) }"; then echo "met"; else echo "**not met**"; fi
}
MC1=$(mbs "$text_bytes" "$C1")
# foundation figures: MB of article text per CPU second (per core) and per
# wall second; plain text is the verdict, JSON Lines (jansson) beside it
FTM=$(mbs "$txt_bytes" "$FTC"); FTW=$(mbs "$txt_bytes" "$FTT")
FT2W=$(mbs "$txt_bytes" "$FT2T"); FT2M=$(mbs "$txt_bytes" "$FT2C")
FJM=$(mbs "$text_bytes" "$FJC"); FJW=$(mbs "$text_bytes" "$FJT")
FJ2W=$(mbs "$text_bytes" "$FJ2T"); FJ2M=$(mbs "$text_bytes" "$FJ2C")
TGT_SPEED=$(met "${FTM:-0} >= 200")

# the syntax layer (issue: tagging and parsing >= 1 million tokens per
# second per core; the whole pipeline at least 1/25 of the speed of wc -w on
# the same file in the same run; model load < 100 ms; peak RSS + <= 100 MB)
nz() { case ${1:-} in ''|n/a) echo 0 ;; *) echo "$1" ;; esac; }
STPS_M=$(awk -v x="$(nz "$STPS")" 'BEGIN { printf "%.2f", x / 1e6 }')
# the same by difference of two whole runs: CPU of --until syntax minus --until segment
SDIFF=$(awk -v a="$(nz "$SYC")" -v b="$(nz "$FJC")" -v n="$(nz "$STOK")" \
    'BEGIN { if (a > b && n > 0) printf "%.2f", n / (a - b) / 1e6; else print "n/a" }')
# rift's speed over wc's on corpus.jsonl: wc's wall time over rift's (1/X)
WCX=$(awk -v r="$(nz "$T1")" -v w="$(nz "$TW")" 'BEGIN { if (w > 0) printf "%.1f", r / w; else print "n/a" }')
WCXU=$(awk -v r="$(nz "$T1")" -v w="$(nz "$TWU")" 'BEGIN { if (w > 0) printf "%.1f", r / w; else print "n/a" }')
WCXF=$(awk -v a="$WCX" -v b="$WCXU" 'BEGIN { print (a + 0 > b + 0) ? a : b }')
SGROW=$(awk -v s="$(nz "$SRSS")" -v a="$(nz "$SYR")" -v b="$(nz "$FJR")" \
    'BEGIN { d = (a - b) / 1024; printf "%.1f", s + (d > 0 ? d : 0) }')
TGT_STOK=$(met "$(nz "$STPS") >= 1000000")
TGT_WC=$(met "$(nz "$WCXF") > 0 && $(nz "$WCXF") <= 25")
TGT_LOAD=$(met "$(nz "$SLOAD") > 0 && $(nz "$SLOAD") < 100")
TGT_GROW=$(if [ -n "$SRSS" ] && [ "$SYR" -gt 0 ]; then met "$SGROW <= 100"; else echo "not measured"; fi)
if [ "$R1" -gt 0 ] && [ "$R10" -gt 0 ]; then
    TGT_RSS=$(met "$R1 < 65536 && $R10 < 65536")
    # "the same": within 10% or 2 MB of the 1x peak
    TGT_CONST=$(met "$R10 <= $R1 * 1.1 || $R10 - $R1 <= 2048")
else
    TGT_RSS="not measured"; TGT_CONST="not measured"
fi

DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && ! git diff-index --quiet HEAD -- 2>/dev/null; then
    COMMIT="$COMMIT (plus uncommitted changes)"
fi
VERSION=$("$RIFT" --version 2>/dev/null | head -n 1)
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
CCV=$(${CC:-cc} --version 2>/dev/null | head -n 1)

HIST=
STORE=
if [ -f "$MD" ]; then
    HIST=$(sed -n '/^## History/,$p' "$MD" | sed '1d' | sed '/^$/d')
    # the "Store at scale" section, written by bench/store.sh, kept as it is
    STORE=$(awk '/^## Store at scale/ { on = 1; print; next } on && /^## / { on = 0 } on' "$MD")
fi
LINE="- $DATE, $COMMIT: foundation (--until segment) text $FTM MB per CPU s, JSONL $FJM; stages ${FOUND:-n/a} MB/s; syntax stage $STPS_M M tokens per CPU s, whole pipeline 1/$WCXF of wc -w, syntax models load ${SLOAD:-n/a} ms, ${SRSS:-n/a} MB; -j1 $M1 MB/s ($MC1 MB per CPU s, $A1 articles/s), -j2 $M2 MB/s, txt $MT MB/s, peak RSS $(rssmb "$R1") MB (10x: $(rssmb "$R10") MB), wc -w $MW MB/s"

{
cat <<EOF
# Benchmarks

Written by \`make bench\` (bench/run.sh); every run regenerates this file and
adds a line to the History at the bottom.  Numbers from a shared 2-core
machine: other work running at the same time lowers them, so each figure is
the best of $reps run(s) (one run for the 10x corpus).

- date: $DATE
- rift: $VERSION, commit $COMMIT
- machine: $(nproc) cores, $CPU, $MEM memory, $(uname -sr)
- compiler: $CCV, default flags of the Makefile (-O2 -g)
- load average before and after the run: $LOAD0; $LOAD1
- whole measurement: $ELAPSED s

## Corpus

Built by \`$maker\` from \`../shared\` into \`$OUT/\` (not part of the
repository): $unique_articles distinct articles ($(mbs "$unique_bytes" 1) MB of text;
$sources), repeated $copies times with distinct ids.

| file | articles | text MB | file MB |
| --- | ---: | ---: | ---: |
| corpus.jsonl (JSON Lines: id, url, title, date, source, text) | $articles | $(mbs "$text_bytes" 1) | $(mbs "$file_bytes" 1) |
| corpus10.jsonl (ten times corpus.jsonl) | $articles10 | $(mbs "$text_bytes10" 1) | $(mbs "$file_bytes10" 1) |
| txt/ (one .txt file per article: title, blank line, text) | $txt_files | $(mbs "$txt_bytes" 1) | $(mbs "$txt_bytes" 1) |

MB/s counts the article text (the \`text\` field, or the whole .txt file),
10^6 bytes, over wall time; the JSON output is written to /dev/null.  "MB
per CPU s" divides by user + system time instead, which other work on the
machine disturbs less; at -j2 it is the throughput per core actually used.

## Results

| measurement | wall s (best) | MB/s | MB/s per core | articles/s | CPU s | MB per CPU s | peak RSS MB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| rift analyze -j1, corpus.jsonl | $T1 | $M1 | $M1 | $A1 | $C1 | $(mbs "$text_bytes" "$C1") | $(rssmb "$R1") |
| rift analyze -j2, corpus.jsonl | $T2 | $M2 | $M2C | $A2 | $C2 | $(mbs "$text_bytes" "$C2") | $(rssmb "$R2") |
| rift analyze -j1, txt/ | $TT | $MT | $MT | $AT | $CT | $(mbs "$txt_bytes" "$CT") | $(rssmb "$RT") |
| rift analyze -j1, corpus10.jsonl (10x) | $T10 | $M10 | $M10 | $A10 | $C10 | $(mbs "$text_bytes10" "$C10") | $(rssmb "$R10") |
| floor: wc -w (LC_ALL=C), corpus.jsonl | $TW | $MW | $MW | | $CW | $(mbs "$file_bytes" "$CW") | |
| floor: wc -w (LC_ALL=C.UTF-8), corpus.jsonl | $TWU | $MWU | $MWU | | $CWU | $(mbs "$file_bytes" "$CWU") | |

### Foundation: read + normalize + blocks + segment + JSON (\`--until segment\`)

| measurement | wall s (best) | MB/s | CPU s | MB per CPU s | peak RSS MB |
| --- | ---: | ---: | ---: | ---: | ---: |
| rift analyze -j1 --until segment, txt/ | $FTT | $FTW | $FTC | $FTM | $(rssmb "$FTR") |
| rift analyze -j2 --until segment, txt/ | $FT2T | $FT2W | $FT2C | $FT2M | |
| rift analyze -j1 --until segment, corpus.jsonl | $FJT | $FJW | $FJC | $FJM | $(rssmb "$FJR") |
| rift analyze -j2 --until segment, corpus.jsonl | $FJ2T | $FJ2W | $FJ2C | $FJ2M | |

At -j2 the reading (and for JSON Lines the jansson parse) stays on one
thread, so the foundation alone scales little; the whole pipeline, where
the later stages dominate, is where -j2 pays (table above).

All -j1 runs on corpus.jsonl (s):$ALL1.  \`wc -w\` counts $WORDS words in
corpus.jsonl; its MB/s is over the whole file ($(mbs "$file_bytes" 1) MB).

## Targets (issue 2)

| target | measured | |
| --- | --- | --- |
| >= 200 MB/s per core, read + normalize + blocks + segment | plain text (txt/): $FTM MB per CPU s with \`rift analyze -j1 --until segment\` (JSON output included; $FTW MB/s wall); JSON Lines: $FJM MB per CPU s ($FJW MB/s wall; jansson's parse alone is most of it, see the stage table); stages alone (bench/stages.c, JSONL): ${FOUND:-n/a} MB/s | $TGT_SPEED |
| peak RSS < 64 MB | $(rssmb "$R1") MB (1x), $(rssmb "$R10") MB (10x) | $TGT_RSS |
| peak RSS the same for a 10x corpus (within 10% or 2 MB) | $(rssmb "$R1") MB vs $(rssmb "$R10") MB | $TGT_CONST |

## The syntax layer: tagger, lemmas and features, dependency parser

| measurement | wall s (best) | MB/s | CPU s | MB per CPU s | peak RSS MB |
| --- | ---: | ---: | ---: | ---: | ---: |
| rift analyze -j1 --until segment, corpus.jsonl | $FJT | $FJW | $FJC | $FJM | $(rssmb "$FJR") |
| rift analyze -j1 --until syntax, corpus.jsonl | $SYT | $(mbs "$text_bytes" "$SYT") | $SYC | $(mbs "$text_bytes" "$SYC") | $(rssmb "$SYR") |
| rift analyze -j1 (everything), corpus.jsonl | $T1 | $M1 | $C1 | $MC1 | $(rssmb "$R1") |

Stage "syntax" (bench/stages.c, a timer around the stage alone, one thread):
${STOK:-n/a} tokens in ${SCPU:-n/a} CPU s.  By difference of the two whole runs
above (CPU of \`--until syntax\` minus \`--until segment\`): $SDIFF M tokens
per CPU s.  Opening the whole model (data/en: lexicons, patterns, syntax
models) took ${MOPEN:-n/a} ms and ${MRSS:-n/a} MB of resident memory; the three
syntax models alone, loaded again on their own, ${SLOAD:-n/a} ms and ${SRSS:-n/a} MB.

| target | measured | |
| --- | --- | --- |
| tagging + parsing (stage syntax) >= 1 million tokens per second per core | $STPS_M M tokens per CPU s (stage alone); $SDIFF M by difference of whole runs | $TGT_STOK |
| whole pipeline >= 1/25 of the speed of \`wc -w\` on the same text, same run | rift analyze -j1 corpus.jsonl $T1 s; wc -w $TW s (LC_ALL=C), $TWU s (C.UTF-8): 1/$WCX and 1/$WCXU of wc's speed | $TGT_WC |
| model load < 100 ms | syntax models ${SLOAD:-n/a} ms (whole model with lexicons ${MOPEN:-n/a} ms) | $TGT_LOAD |
| peak RSS grows by <= 100 MB | syntax models ${SRSS:-n/a} MB resident + stage syntax $(awk -v a="$SYR" -v b="$FJR" 'BEGIN { d = (a - b) / 1024; printf "%.1f", (d > 0 ? d : 0) }') MB (peak of --until syntax minus --until segment) = $SGROW MB; whole pipeline peak $(rssmb "$R1") MB | $TGT_GROW |

The ratio to \`wc -w\` is never asserted in tests: both are timed here,
in the same run, on the same file.
EOF
if [ -n "$STAGES" ]; then
cat <<EOF

## Where the time goes

\`bench/stages.c\` (built against \`$BUILD/librift.a\`) runs the reader and
each stage on its own over corpus.jsonl, one thread, best of $reps run(s);
"foundation" is read + setup + normalize + blocks + segment, "json" the
writer (output discarded).  Seconds are CPU time of the thread, so other
work on the machine disturbs them less; MB/s is article text over them.

\`\`\`
$STAGES
\`\`\`
EOF
fi
if [ -n "$NOTES" ]; then
    printf '\n## Notes\n%s\n' "$NOTES"
fi
cat <<EOF

## Commands

\`\`\`sh
make bench                       # or: make BUILD=DIR && sh bench/run.sh DIR
$MAKECMD ../shared $OUT $MB
/usr/bin/time -f %M $J1 > /dev/null
/usr/bin/time -f %M $J2 > /dev/null
/usr/bin/time -f %M $JT > /dev/null
/usr/bin/time -f %M $FT > /dev/null
/usr/bin/time -f %M $FT2 > /dev/null
/usr/bin/time -f %M $FJ > /dev/null
/usr/bin/time -f %M $FJ2 > /dev/null
/usr/bin/time -f %M $SY > /dev/null
/usr/bin/time -f %M $J10 > /dev/null
$BUILD/bench-stages --data $DATA $OUT/corpus.jsonl
LC_ALL=C wc -w $OUT/corpus.jsonl
LC_ALL=C.UTF-8 wc -w $OUT/corpus.jsonl
\`\`\`

Wall time is taken with \`date +%s%N\` around each command, peak RSS
(maximum resident set size) with \`/usr/bin/time -f %M\`.

EOF
[ -n "$STORE" ] && printf '%s\n\n' "$STORE"
printf '## History\n\n'
[ -n "$HIST" ] && printf '%s\n' "$HIST"
printf '%s\n' "$LINE"
} > "$MD.tmp" && mv "$MD.tmp" "$MD"

say "-j1 $M1 MB/s ($A1 articles/s), -j2 $M2 MB/s, txt $MT MB/s, peak RSS $(rssmb "$R1") MB, 10x $(rssmb "$R10") MB, wc -w $MW MB/s"
say "wrote $MD in $ELAPSED s"
