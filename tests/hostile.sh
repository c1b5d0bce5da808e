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
