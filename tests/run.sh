#!/bin/sh
# run.sh: runs every test of rift for each build directory given (plain and
# sanitizer builds) and ends with the one line "N passed, N failed".
# Each test prints TAP-like "ok"/"not ok" lines; this script counts them.
set -u
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

run() { # label command...
    label=$1; shift
    out=$("$@" 2>&1); rc=$?
    printf '%s\n' "$out" | sed "s|^|[$label] |" >> "$log"
    if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
        # a crash or an error that printed no failing test still fails
        echo "[$label] not ok - exited with status $rc" >> "$log"
    fi
}

for B in "$@"; do
    [ -x "$B/rift" ] || { echo "[$B] not ok - $B/rift not built" >> "$log"; continue; }
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    for t in "$B"/tests/*; do
        [ -x "$t" ] && run "$B/$(basename "$t")" "$t"
    done
    run "$B/cases" "$B/casetest" data/en tests/cases/*.txt
    for r in "$B"/fuzz-replay-*; do
        [ -x "$r" ] || continue
        name=${r##*/fuzz-replay-}
        run "$B/fuzz-$name" "$r" "fuzz/corpus/$name"
    done
    run "$B/cli" sh tests/cli.sh "$B/rift"
    run "$B/odd" sh tests/odd.sh "$B/rift"
    run "$B/eval_syntax" sh tests/eval_syntax.sh "$B/rift"
    run "$B/eval_srl" sh tests/eval_srl.sh "$B/rift"
    run "$B/hostile" sh tests/hostile.sh "$B/rift" "$B"
    run "$B/report" sh tests/report.sh "$B/rift"
    run "$B/layout" sh tests/layout.sh "$B/rift"
    run "$B/store" sh tests/store.sh "$B/rift"
    run "$B/pgstore" sh tests/pgstore.sh "$B/rift"
    run "$B/mpi" sh tests/mpi.sh "$B/rift"
    run "$B/export" sh tests/export.sh "$B/rift"
    run "$B/pgread" sh tests/pgread.sh "$B/rift"
    run "$B/warc" sh tests/warc.sh "$B/rift"
    run "$B/bench_store" sh tests/bench_store.sh "$B/rift"
    run "$B/python" sh tests/python.sh "$B"
done

# once, not per build: make install into a temporary prefix, and use it
run "install" sh tests/install.sh

if sh tools/lint.sh > /dev/null 2>&1; then echo "[lint] ok - tools/lint.sh" >> "$log"
else sh tools/lint.sh | sed 's/^/[lint] # /' >> "$log"; echo "[lint] not ok - tools/lint.sh" >> "$log"; fi

grep '^\[[^]]*\] not ok' "$log"
grep -q '^\[[^]]*\] # ' "$log" && grep '^\[[^]]*\] # ' "$log" | head -200
passed=$(grep -c '^\[[^]]*\] ok' "$log")
failed=$(grep -c '^\[[^]]*\] not ok' "$log")
skipped=$(grep -c '^\[[^]]*\] skip' "$log")
grep '^\[[^]]*\] skip' "$log" | sort -u | head -20
[ -n "${VERBOSE:-}" ] && cat "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || exit 1
