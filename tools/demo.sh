#!/bin/sh
# demo.sh: "make demo": runs rift analyze over examples/ and shows the result
# readably (a table per article, then the first JSON line, shortened).
# POSIX sh, awk, sed and grep only; it must never hide a failure of rift.
#   usage: sh tools/demo.sh [BUILDDIR]      (default: build)
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${1:-build}
RIFT=$BUILD/rift
OUT=$BUILD/demo.jsonl
ERR=$BUILD/demo.stderr

if [ ! -x "$RIFT" ]; then
    echo "demo: $RIFT not built; run make first" >&2
    exit 2
fi

if [ -t 1 ]; then B=$(printf '\033[1m'); N=$(printf '\033[0m'); else B=; N=; fi

# The directory: rift reads its article files (.txt .jsonl .html) in sorted
# order and passes over the rest (README.md).
echo "${B}\$ $RIFT analyze --stats examples/ > $OUT${N}"
"$RIFT" analyze --stats examples/ > "$OUT" 2> "$ERR"
rc=$?
sed 's/^/  /' "$ERR"
if [ ! -s "$OUT" ]; then
    echo "demo: rift wrote nothing (exit status $rc)" >&2
    exit $(( rc ? rc : 1 ))
fi
echo

# One row per article.  The awk below walks each JSON line once, character
# by character, tracking strings and nesting, so brackets inside quoted text
# are never miscounted; it counts the elements of the top-level arrays and
# keeps the top-level scalars.
awk -v B="$B" -v N="$N" '
function unq(v) {                      # JSON string -> text, null -> "-"
    if (v == "null" || v == "") return "-"
    v = substr(v, 2, length(v) - 2)
    gsub(/\\"/, "\"", v); gsub(/\\\//, "/", v); gsub(/\\\\/, "\\", v)
    return v
}
function shorten(s, n,    cut) {       # cut at a space, never inside a character
    if (length(s) <= n) return s
    cut = substr(s, 1, n)
    sub(/ [^ ]*$/, "", cut); sub(/ +$/, "", cut)
    return cut " ..."
}
function scan(s,    i, c, len, depth, instr, esc, key, want, val, started, cnt) {
    split("", F); split("", C)
    len = length(s); depth = 0; instr = 0; esc = 0; key = ""; want = 0
    for (i = 1; i <= len; i++) {
        c = substr(s, i, 1)
        if (instr) {
            if (esc) esc = 0
            else if (c == "\\") esc = 1
            else if (c == "\"") {
                instr = 0
                if (depth == 1 && !want) {  # a key ends; its value follows the colon
                    key = substr(s, kstart + 1, i - kstart - 1)
                }
            }
            continue
        }
        if (c == "\"") {
            instr = 1
            if (depth == 1 && !want) kstart = i
            if (depth == 2 && !started) { started = 1; cnt++ }
            continue
        }
        if (c == ":" && depth == 1) { want = 1; vstart = i + 1; continue }
        if (c == "{" || c == "[") {
            if (depth == 1 && c == "[") { started = 0; cnt = 0 }
            if (depth == 2 && !started) { started = 1; cnt++ }
            depth++
            continue
        }
        if (c == "}" || c == "]") {
            depth--
            if (depth == 1 && c == "]") { C[key] = cnt; want = 0 }
            if (depth == 0 && want) { F[key] = substr(s, vstart, i - vstart); want = 0 }
            continue
        }
        if (c == ",") {
            if (depth == 2) started = 0
            else if (depth == 1) {
                if (want && !(key in C)) F[key] = substr(s, vstart, i - vstart)
                want = 0
            }
            continue
        }
        if (depth == 2 && !started && c != " ") { started = 1; cnt++ }
    }
}
BEGIN {
    printf "%s%-3s %-36s %-10s %-8s %5s %4s %4s %4s %4s %4s%s\n", B, "#", "article",
           "date", "from", "sents", "ents", "quot", "time", "evts", "bplt", N
}
{
    scan($0)
    n++
    where = unq(F["origin"]); sub(/^.*\//, "", where)
    if (F["line"] + 0 > 1 || where ~ /\.jsonl(\.gz)?$/) where = where ":" F["line"]
    printf "%-3d %-36s %-10s %-8s %5d %4d %4d %4d %4d %4d\n", n, where,
           unq(F["date"]), unq(F["date_origin"]), C["sentences"], C["entities"],
           C["quotes"], C["times"], C["events"], C["boilerplate"]
    t = unq(F["title"]); src = unq(F["source"]); id = unq(F["id"])
    line2 = (t == "-" ? "(no title found)" : t)
    if (src != "-") line2 = line2 " (" src ")"
    printf "    %s\n", shorten(line2, 78)
    for (k in C) tot[k] += C[k]
}
END {
    printf "%s%-3s %-36s %-10s %-8s %5d %4d %4d %4d %4d %4d%s\n", B, "", n " articles", "", "",
           tot["sentences"], tot["entities"], tot["quotes"], tot["times"], tot["events"],
           tot["boilerplate"], N
}' "$OUT"

echo
echo "${B}First article as JSON (shortened; all of it is in $OUT):${N}"
head -n 1 "$OUT" | awk '{
    if (length($0) <= 700) { print; exit }
    s = substr($0, 1, 700); sub(/,[^,]*$/, ",", s)
    print s " ..."
}'
echo
echo "Fields: docs/schema.md.  Try: $RIFT analyze --format tsv examples/01-ledger-terminal-pact.txt"

if [ "$rc" -ne 0 ]; then
    echo "demo: rift exited with status $rc (see the messages above)" >&2
    exit "$rc"
fi
exit 0
