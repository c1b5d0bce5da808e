#!/bin/sh
# odd.sh: rift among odd files and a careless or hostile user: a report
# written to a FIFO, a link or a device; symlink loops and FIFOs in input
# directories; a full disk on standard output; terminal escapes in stored
# text; impossible dates, odd option values, odd dictionaries and data files.
# Usage: sh tests/odd.sh PATH/TO/rift
set -u
RIFT=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; sed 's/^/#   /' "$T/err" 2>/dev/null | head -5; }
expect() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
skip() { n=$((n+1)); echo "skip $n - $1"; }
lines() { wc -l < "$1" | tr -d ' '; }
said() { grep -q -- "$1" "$T/err"; }
# a node of our own for a device (as root, never the real /dev/null: a
# broken rift would replace it); without root, the real one is safe
device() { # name major minor
    if mknod "$T/$1" c "$2" "$3" 2>/dev/null; then echo "$T/$1"
    elif [ "$(id -u)" != 0 ]; then echo "/dev/$1"; fi
}

printf 'Mr. Smith spoke on Monday. He left.\n' > "$T/a.txt"
"$RIFT" analyze -q --db "$T/s.db" examples/ 2> /dev/null
has_html() { grep -q '<html' "$1"; }

# ---- report -o: replace only a regular file (or nothing) -----------------
echo old > "$T/page.html"; ln -s page.html "$T/link.html"
"$RIFT" report --db "$T/s.db" -o "$T/link.html" 2> "$T/err"; rc=$?
expect "report -o a symlink: exit 0, still a link, the page in its target" \
    sh -c "[ $rc -eq 0 ] && [ -L '$T/link.html' ] && grep -q '<html' '$T/page.html'"
ln -s new.html "$T/dangling.html"
"$RIFT" report --db "$T/s.db" -o "$T/dangling.html" 2> "$T/err"; rc=$?
expect "report -o a dangling symlink: still a link, the page where it points" \
    sh -c "[ $rc -eq 0 ] && [ -L '$T/dangling.html' ] && grep -q '<html' '$T/new.html'"
echo old > "$T/page.html"; chmod 640 "$T/page.html"
"$RIFT" report --db "$T/s.db" -o "$T/page.html" 2> "$T/err"
expect "report -o a regular file: replaced, its mode kept" \
    sh -c "grep -q '<html' '$T/page.html' && [ \"\$(stat -c %a '$T/page.html')\" = 640 ]"
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" > "$T/from-fifo" &
reader=$!
"$RIFT" report --db "$T/s.db" -o "$T/fifo" 2> "$T/err"; rc=$?
wait $reader
expect "report -o a FIFO: exit 0, still a FIFO, the page through it" \
    sh -c "[ $rc -eq 0 ] && [ -p '$T/fifo' ] && grep -q '</html>' '$T/from-fifo'"
null=$(device null 1 3)
if [ -n "$null" ]; then
    "$RIFT" report --db "$T/s.db" -o "$null" 2> "$T/err"; rc=$?
    expect "report -o a null device: exit 0, still a character device" sh -c "[ $rc -eq 0 ] && [ -c '$null' ]"
else skip "report -o a null device: cannot make a device node"; fi
full=$(device full 1 7)
if [ -n "$full" ]; then
    "$RIFT" report --db "$T/s.db" -o "$full" 2> "$T/err"; rc=$?
    expect "report -o a full device: exit 1, cannot write, still a device" \
        sh -c "[ $rc -eq 1 ] && grep -q 'cannot write.*No space' '$T/err' && [ -c '$full' ]"
else skip "report -o a full device: cannot make a device node"; fi
"$RIFT" report --db "$T/s.db" -o "$T" 2> "$T/err"; rc=$?
expect "report -o a directory: exit 1, says so" sh -c "[ $rc -eq 1 ] && grep -q 'Is a directory' '$T/err' && [ -d '$T' ]"

# ---- input directories: each directory once, only regular files ---------
mkdir -p "$T/loop/sub"; cp "$T/a.txt" "$T/loop/"; cp "$T/a.txt" "$T/loop/sub/b.txt"
ln -s .. "$T/loop/sub/up"; ln -s sub "$T/loop/twin"
timeout 60 "$RIFT" analyze "$T/loop" > "$T/out" 2> "$T/err"; rc=$?
expect "directory with symlink loops: exit 0, each article once" sh -c "[ $rc -eq 0 ] && [ \$(wc -l < '$T/out') -eq 2 ]"
expect "directory with symlink loops: the links are named" sh -c "grep -q 'up: the same directory as' '$T/err' && grep -q 'twin: the same directory as' '$T/err'"
mkdir "$T/fdir"; cp "$T/a.txt" "$T/fdir/"; mkfifo "$T/fdir/pipe.txt"
timeout 60 "$RIFT" analyze "$T/fdir" > "$T/out" 2> "$T/err"; rc=$?
expect "FIFO in a directory: skipped and said, no hang (exit 1)" \
    sh -c "[ $rc -eq 1 ] && [ \$(wc -l < '$T/out') -eq 1 ] && grep -q 'pipe.txt: a FIFO, not a regular file; skipped' '$T/err'"
mkfifo "$T/named.fifo"
(printf 'The council met on Monday.\n' > "$T/named.fifo" &)
timeout 60 "$RIFT" analyze "$T/named.fifo" > "$T/out" 2> "$T/err"; rc=$?
expect "a FIFO named on the command line is read" sh -c "[ $rc -eq 0 ] && [ \$(wc -l < '$T/out') -eq 1 ]"

# ---- standard output on a full disk: exit 1 and said ---------------------
for cmd in "stories --db $T/s.db" "stories --db $T/s.db --json" "quotes --db $T/s.db" \
           "dyads --db $T/s.db" "dyads $T/a.txt" "report --db $T/s.db -o $T/r.html --summary" \
           "help" "help analyze" "--version" "analyze $T/a.txt" "analyze --format tsv $T/a.txt"; do
    # shellcheck disable=SC2086
    "$RIFT" $cmd > /dev/full 2> "$T/err"; rc=$?
    expect "rift $cmd > /dev/full: exit 1, error writing standard output" \
        sh -c "[ $rc -eq 1 ] && grep -q 'error writing standard output' '$T/err'"
done

# ---- terminal escapes in stored text are escaped in text output ----------
printf '{"id":"x\\u001b]2;id\\u0007","source":"Evil\\u001b]0;pwned\\u0007 News","title":"Title\\u001b[2J\\u009b1m","text":"Mr. Smith said \\"hello \\u001b[31mred\\" on Monday."}\n' > "$T/evil.jsonl"
"$RIFT" analyze -q --db "$T/e.db" "$T/evil.jsonl" 2> /dev/null
no_controls() { # file: no ESC, BEL or CSI (C2 9B) byte, and the escapes visible
    [ "$(tr -d -c '\033\007' < "$1" | wc -c)" -eq 0 ] && ! grep -q "$(printf '\302\233')" "$1" &&
        grep -q '\\x1b' "$1"
}
"$RIFT" stories --db "$T/e.db" --articles > "$T/out" 2> "$T/err"
expect "stories --articles: control characters escaped (\\x1b)" no_controls "$T/out"
expect "stories --articles: C1 controls escaped (\\u009b)" grep -q 'Title\\x1b\[2J\\u009b1m' "$T/out"
"$RIFT" quotes --db "$T/e.db" > "$T/out" 2> "$T/err"
expect "quotes: control characters escaped" no_controls "$T/out"
"$RIFT" analyze --format tsv "$T/evil.jsonl" > "$T/out" 2> "$T/err"
tsv_escaped() { no_controls "$T/out" && grep -q '^x\\x1b]2;id\\x07	0	' "$T/out"; }
expect "analyze --format tsv: control characters escaped, in the id too" tsv_escaped
"$RIFT" analyze "$T/no$(printf '\033')[2Jfile.txt" > /dev/null 2> "$T/err"
expect "a message naming a file escapes its control characters" no_controls "$T/err"

# ---- dictionaries and data files: a directory, a missing or bad file -----
mkdir "$T/dict"
for opt in --verbs --agents --discards --actors; do
    "$RIFT" analyze $opt "$T/dict" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
    expect "analyze $opt DIR: exit 1, the directory named" sh -c "[ $rc -eq 1 ] && grep -q 'dict: a directory, not a file' '$T/err'"
done
mkdir "$T/data"
for f in data/en/*; do ln -s "$(pwd)/$f" "$T/data/"; done
rm "$T/data/frames.txt"
"$RIFT" analyze --data "$T/data" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
expect "data directory without frames.txt: exit 1, the file named" \
    sh -c "[ $rc -eq 1 ] && grep -q 'frames.txt: No such file.*required' '$T/err'"
{ cat data/en/frames.txt; printf 'abandon\t111\n'; } > "$T/data/frames.txt"
bad=$(($(lines data/en/frames.txt) + 1))
"$RIFT" analyze --data "$T/data" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
expect "a malformed data file: exit 1, FILE:LINE" sh -c "[ $rc -eq 1 ] && grep -q 'frames.txt:$bad: 2 columns' '$T/err'"
{ cat data/en/frames.txt; printf 'abandon\tnsubj=src obl:at=tgt\t9999\n'; } > "$T/data/frames.txt"
"$RIFT" analyze --data "$T/data" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
expect "a frame with an unknown CAMEO code: exit 1, FILE:LINE" sh -c "[ $rc -eq 1 ] && grep -q 'frames.txt:$bad: \"9999\": not a CAMEO code' '$T/err'"
mkdir "$T/empty"
"$RIFT" analyze --data "$T/empty" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
expect "an empty data directory: exit 1, a missing file named" sh -c "[ $rc -eq 1 ] && grep -q 'empty/.*: No such file' '$T/err'"

# ---- dates that do not exist: usage errors (exit 2) ----------------------
for args in "analyze --date 2025-02-31 $T/a.txt" "analyze $T/a.txt@2025-04-31" \
            "dyads --date 2023-02-29 $T/a.txt" "dyads $T/a.txt@2025-13-01"; do
    # shellcheck disable=SC2086
    "$RIFT" $args > "$T/out" 2> "$T/err"; rc=$?
    expect "rift $args: exit 2, nothing written" sh -c "[ $rc -eq 2 ] && [ ! -s '$T/out' ] && grep -q 'exists' '$T/err'"
done
"$RIFT" analyze "$T/a.txt@2024-02-29" > "$T/out" 2> "$T/err"; rc=$?
expect "PATH@2024-02-29 (a leap day) dates the path" sh -c "[ $rc -eq 0 ] && grep -q '\"date\":\"2024-02-29\"' '$T/out'"

# ---- option values: what the message promises, nothing else --------------
while read -r want args; do
    # shellcheck disable=SC2086
    "$RIFT" $args > /dev/null 2> "$T/err"; rc=$?
    expect "rift $args: exit $want" [ $rc -eq "$want" ]
done <<EOF
0 analyze --max-bytes 1G $T/a.txt
0 analyze --max-bytes 2g $T/a.txt
0 analyze --max-bytes 64k $T/a.txt
2 analyze --max-bytes 3G $T/a.txt
2 analyze --max-bytes -1 $T/a.txt
2 analyze --max-bytes 0 $T/a.txt
2 analyze --max-bytes 99999999999999999999K $T/a.txt
2 analyze --jobs 99999999999999999999 $T/a.txt
0 stories --db $T/s.db --update --threshold 0.3
2 stories --db $T/s.db --update --threshold nan
2 stories --db $T/s.db --update --threshold inf
2 stories --db $T/s.db --update --threshold 0x0.4p0
2 stories --db $T/s.db --update --threshold 1
2 stories --db $T/s.db --update --window 99999999999
2 stories --db $T/s.db --min 99999999999999999999999
2 dyads --db $T/s.db --min-events 99999999999999999999999
2 report --db $T/s.db -o $T/r.html --relations 99999999999999999999999
EOF
