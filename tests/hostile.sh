#!/bin/sh
# hostile.sh: inputs meant to hurt (a 50 MB line, binary bytes, thousands of
# unmatched quotes, no spaces at all) finish within time and memory bounds.
# Usage: sh tests/hostile.sh PATH/TO/rift BUILDDIR
set -u
RIFT=$1
B=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
case "$B" in *san*) SLOW=4; MEMCAP=0 ;; *) SLOW=1; MEMCAP=262144 ;; esac # KiB
bounded() { # description seconds command...: runs within time (and memory)
    d=$1; s=$(( $2 * SLOW )); shift 2
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$T/rss" timeout "$s" "$@" > "$T/out" 2> "$T/err"; rc=$?
        rss=$(tail -n 1 "$T/rss" 2>/dev/null || echo 0)
    else
        timeout "$s" "$@" > "$T/out" 2> "$T/err"; rc=$?; rss=0
    fi
    n=$((n+1))
    if [ $rc -eq 124 ]; then
        echo "not ok $n - $d: over ${s}s"
    elif [ $rc -gt 2 ]; then
        echo "not ok $n - $d: exit $rc"; sed 's/^/#   /' "$T/err" | head -5
    elif [ "$MEMCAP" -gt 0 ] && [ "${rss:-0}" -gt "$MEMCAP" ]; then
        echo "not ok $n - $d: peak RSS ${rss} KiB over ${MEMCAP} KiB"
    else
        echo "ok $n - $d (exit $rc, peak ${rss} KiB)"
    fi
}

# 50 MB on one line, as JSONL: skipped with a reason, next record still read
{ printf '{"id":"big","text":"'; head -c 52428800 /dev/zero | tr '\0' 'a'; printf '"}\n{"id":"small","text":"Still here."}\n'; } > "$T/big.jsonl"
bounded "50 MB JSONL line is skipped" 30 "$RIFT" analyze "$T/big.jsonl"
n=$((n+1)); if grep -q 'big.jsonl:1: line of 52428822 bytes is longer than the limit' "$T/err" && grep -q '"id":"small"' "$T/out"; then echo "ok $n - 50 MB line reported as FILE:LINE, next record written"; else echo "not ok $n - 50 MB line reported as FILE:LINE, next record written"; sed 's/^/#   /' "$T/err"; fi

# 50 MB single-line text file: skipped by default, analysed with --max-bytes
head -c 52428800 /dev/zero | tr '\0' 'a' > "$T/big.txt"
bounded "50 MB one-line text file is skipped by default" 30 "$RIFT" analyze "$T/big.txt"
n=$((n+1)); if grep -q 'big.txt:1: article of 52428800 bytes is larger than the limit' "$T/err"; then echo "ok $n - 50 MB text file reported"; else echo "not ok $n - 50 MB text file reported"; fi
awk 'BEGIN{srand(1); for(i=0;i<600000;i++){printf "word%d ", i; if(i%13==0) printf ". "} }' > "$T/long.txt"
MEMCAP_SAVE=$MEMCAP; [ "$MEMCAP" -gt 0 ] && MEMCAP=1048576
bounded "a 5 MB line of words is analysed" 60 "$RIFT" analyze --max-bytes 64M "$T/long.txt"
MEMCAP=$MEMCAP_SAVE

# thousands of unmatched quotes
awk 'BEGIN{for(i=0;i<20000;i++) printf "He said \"no and \xe2\x80\x9cyes "; print ""}' > "$T/quotes.txt"
bounded "20,000 unmatched quotes" 30 "$RIFT" analyze "$T/quotes.txt"

# binary bytes in a text that is mostly text
{ head -c 200000 /dev/urandom | tr -d '\0'; printf '\nThe end.\n'; } > "$T/mixed.txt"
bounded "random bytes (no NUL) as text" 30 "$RIFT" analyze --input-format text "$T/mixed.txt"

# no spaces, no punctuation: one enormous token
head -c 4000000 /dev/zero | tr '\0' 'x' > "$T/token.txt"
bounded "a 4 MB single token" 30 "$RIFT" analyze "$T/token.txt"

# many tiny lines
awk 'BEGIN{for(i=0;i<200000;i++) print "A."}' > "$T/lines.txt"
bounded "200,000 one-word lines" 60 "$RIFT" analyze "$T/lines.txt"

# deeply nested HTML
{ printf '<html><body>'; i=0; while [ $i -lt 3000 ]; do printf '<div>'; i=$((i+1)); done; printf '<p>Deep text.</p></body></html>'; } > "$T/deep.html"
bounded "3,000 nested HTML elements" 30 "$RIFT" analyze "$T/deep.html"

# ---- doubling the input at most about doubles the time ------------------
# Each input at two sizes, N and 2N, timed in this run (CPU time, which
# other work on the machine disturbs far less than wall time; the best of
# two runs, less the time on a one-line input: the start-up); the ratio
# must stay under 3.5 (linear is about 2, quadratic about 4).  No absolute
# time is ever asserted, so a slow or busy machine only makes every run
# slower.
ms() { # command...: time in ms of the best of two runs
    best=
    for _ in 1 2; do
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f '%U %S' -o "$T/cpu" "$@" > /dev/null 2>&1
            t=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$T/cpu")
        else
            t0=$(date +%s%N)
            "$@" > /dev/null 2>&1
            t1=$(date +%s%N)
            t=$(( (t1 - t0) / 1000000 ))
        fi
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    echo "$best"
}
doubles() { # description tiny small big command...: the command on each file
    d=$1; tiny=$2; small=$3; big=$4; shift 4
    z=$(ms "$@" "$tiny"); a=$(ms "$@" "$small"); b=$(ms "$@" "$big")
    a=$((a - z)); b=$((b - z)); [ "$a" -lt 1 ] && a=1
    n=$((n+1))
    if [ $((b * 10)) -lt $((a * 35)) ]; then
        echo "ok $n - $d: doubling the input takes $(( b * 100 / a ))% of the time (${a} ms -> ${b} ms)"
    else
        echo "not ok $n - $d: doubling the input takes $(( b * 100 / a ))% of the time (${a} ms -> ${b} ms), over 350%"
    fi
}
echo 'One line.' > "$T/one.txt"
mkq() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s; print "" }'; }
mkq 131072 '"' > "$T/q1.txt"; mkq 262144 '"' > "$T/q2.txt"
doubles "a text of quote marks only" "$T/one.txt" "$T/q1.txt" "$T/q2.txt" "$RIFT" analyze
mkq 100000 '\342\200\234' > "$T/c1.txt"; mkq 200000 '\342\200\234' > "$T/c2.txt"
doubles "unbalanced curly quotes" "$T/one.txt" "$T/c1.txt" "$T/c2.txt" "$RIFT" analyze
mkq 20000 'said "yes" and "no" ' > "$T/w1.txt"; mkq 40000 'said "yes" and "no" ' > "$T/w2.txt"
doubles "one sentence of repeated quoted words" "$T/one.txt" "$T/w1.txt" "$T/w2.txt" "$RIFT" analyze
mkq 10000 'Bob Smith referred to Alice Jones as "x" and ' > "$T/r1.txt"
mkq 20000 'Bob Smith referred to Alice Jones as "x" and ' > "$T/r2.txt"
doubles "quoted names between many mentions" "$T/one.txt" "$T/r1.txt" "$T/r2.txt" "$RIFT" analyze
mkq 20000 'such as, "x y", ' > "$T/m1.txt"; mkq 40000 'such as, "x y", ' > "$T/m2.txt"
doubles "quotes after commas in one sentence" "$T/one.txt" "$T/m1.txt" "$T/m2.txt" "$RIFT" analyze

# near-duplicates (wire copies: one article, a line of its own each) into a
# store: the corpus passes over 4,000 and over 8,000 of them
dups() { # N: JSON Lines of N near-duplicate articles
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
        printf "{\"id\":\"c%d\",\"date\":\"2026-02-%02d\",\"source\":\"Outlet %d\",\"text\":\"Harbour officials in Brask said on Monday that the new terminal will open in March, after the council approved the fees. The mayor, Ana Ferreira-Holt, called the plan a fair deal and said more ships would come. Dock workers welcomed the decision. Filed by desk %d.\"}\n", i, 10 + i % 5, i % 53, i }'
}
dups 1 > "$T/d0.jsonl"; dups 4000 > "$T/d1.jsonl"; dups 8000 > "$T/d2.jsonl"
"$RIFT" analyze -q --no-syntax --db "$T/d0.db" "$T/d0.jsonl" 2> /dev/null
"$RIFT" analyze -q --no-syntax --db "$T/d1.db" "$T/d1.jsonl" 2> /dev/null
"$RIFT" analyze -q --no-syntax --db "$T/d2.db" "$T/d2.jsonl" 2> /dev/null
doubles "corpus passes over near-duplicate articles" "$T/d0.db" "$T/d1.db" "$T/d2.db" "$RIFT" stories --update --db
n=$((n+1))
if [ "$("$RIFT" stories --db "$T/d2.db" | grep -c '^story')" = 1 ]; then
    echo "ok $n - 8,000 near-duplicates make one story"
else
    echo "not ok $n - 8,000 near-duplicates make one story"
fi
