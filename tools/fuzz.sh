#!/bin/sh
# fuzz.sh: the fuzzing campaign behind `make fuzz`: runs each libFuzzer
# target for a bounded time, keeps the new inputs that add coverage in
# fuzz/corpus/TARGET, and minimises any crash, hang or leak into a
# regression case there (make check replays it) and then exits 1.
# Usage: sh tools/fuzz.sh BUILD SECONDS TARGET...   (from the source tree)
set -u
B=$1 secs=$2
shift 2
RIFT_DATA="$(pwd)/data/en"
export RIFT_DATA
status=0
for t in "$@"; do
    bin=$B/fuzz-$t corpus=fuzz/corpus/$t work=$B/work-$t
    mkdir -p "$corpus" "$work"
    rm -f "$B/$t"-crash-* "$B/$t"-timeout-* "$B/$t"-leak-* "$B/$t"-oom-*
    # new inputs go to the work corpus (first directory); the committed
    # corpus seeds the run
    "$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$B/$t-" "$work" "$corpus" > "$B/fuzz-$t.log" 2>&1
    rc=$?
    before=$(ls "$corpus" | wc -l)
    "$bin" -merge=1 -artifact_prefix="$B/merge-$t-" "$corpus" "$work" >> "$B/fuzz-$t.log" 2>&1
    after=$(ls "$corpus" | wc -l)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/fuzz-$t.log" | tail -n 1)
    echo "fuzz: $t: ${runs:-?} inputs in ${secs}s, corpus $before -> $after files (exit $rc)"
    for a in "$B/$t"-crash-* "$B/$t"-timeout-* "$B/$t"-leak-* "$B/$t"-oom-*; do
        [ -f "$a" ] || continue
        kind=${a#"$B/$t"-}
        kind=${kind%%-*}
        min=$B/$t-minimised
        "$bin" -minimize_crash=1 -max_total_time=60 -timeout=20 -exact_artifact_path="$min" \
            "$a" >> "$B/fuzz-$t.log" 2>&1
        [ -s "$min" ] || cp "$a" "$min"
        case=$corpus/regress-$kind-$(sha1sum < "$min" | cut -c1-12)
        mv "$min" "$case"
        echo "fuzz: $t: a $kind, minimised into $case (see $B/fuzz-$t.log)"
        status=1
    done
    if [ "$rc" -ne 0 ] && [ "$status" -eq 0 ]; then
        echo "fuzz: $t: exit $rc without an artifact; the end of $B/fuzz-$t.log:"
        tail -n 20 "$B/fuzz-$t.log" | sed 's/^/  /'
        status=1
    fi
done
exit $status
