#!/bin/sh
# cli.sh: behaviour of the rift command as a user meets it: exit codes,
# stdin/stdout, FILE:LINE messages, formats, gzip, directories, --stats.
# Usage: sh tests/cli.sh PATH/TO/rift
set -u
RIFT=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
expect() { # description, condition command...
    d=$1; shift
    if "$@"; then ok "$d"; else nok "$d"; fi
}
lines() { wc -l < "$1" | tr -d ' '; }

printf 'Mr. Smith spoke on Monday. He left.\n' > "$T/a.txt"
printf 'The council met. It agreed.\n' > "$T/b.txt"

"$RIFT" analyze "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
expect "one text file: exit 0" [ $rc -eq 0 ]
expect "one text file: one JSON line" [ "$(lines "$T/out")" = 1 ]
expect "one text file: nothing on stderr" [ ! -s "$T/err" ]
expect "schema fields present" grep -q '"sentences":\[\[0,26\],\[27,35\]\].*"entities":\[.*"quotes":\[.*"times":\[.*"events":\[' "$T/out"

"$RIFT" analyze < "$T/a.txt" > "$T/out2" 2>/dev/null; rc=$?
expect "stdin by default: exit 0" [ $rc -eq 0 ]
expect "stdin gives the same sentences" grep -q '"origin":"-".*"sentences":\[\[0,26\],\[27,35\]\]' "$T/out2"
cat "$T/a.txt" | "$RIFT" analyze - > "$T/out3" 2>/dev/null
expect "- reads stdin" [ "$(lines "$T/out3")" = 1 ]

mkdir -p "$T/dir/sub"
cp "$T/b.txt" "$T/dir/z.txt"; cp "$T/a.txt" "$T/dir/sub/m.txt"; cp "$T/a.txt" "$T/dir/a.txt"
printf 'hidden\n' > "$T/dir/.hidden.txt"
"$RIFT" analyze "$T/dir" > "$T/out" 2>/dev/null
order=$(sed 's/.*"origin":"\([^"]*\)".*/\1/' "$T/out" | sed "s|$T/dir/||" | tr '\n' ' ')
expect "directory read recursively in sorted order, hidden files left out" [ "$order" = "a.txt sub/m.txt z.txt " ]

printf '{"id":"x1","date":"2025-06-07","title":"T","source":"Example News","text":"First one."}\nnot json at all\n{"id":"x3","text":"Third one."}\n{"id":"x4"}\n[1,2]\n' > "$T/in.jsonl"
"$RIFT" analyze "$T/in.jsonl" > "$T/out" 2> "$T/err"; rc=$?
expect "malformed JSONL: exit 1" [ $rc -eq 1 ]
expect "malformed JSONL: the good records are written" [ "$(lines "$T/out")" = 2 ]
expect "malformed JSONL: FILE:LINE: reason" grep -q "in.jsonl:2: malformed JSON" "$T/err"
expect "record without text: FILE:LINE: reason" grep -q 'in.jsonl:4: no "text" or "html"' "$T/err"
expect "non-object record: FILE:LINE: reason" grep -q 'in.jsonl:5: a JSON value that is not an object' "$T/err"
expect "summary counts read, written, skipped" grep -q "5 articles read, 2 written, 3 skipped" "$T/err"
expect "metadata from JSONL" grep -q '"id":"x1","url":null,"title":"T","source":"Example News","author":null,"date":"2025-06-07","date_origin":"metadata"' "$T/out"

gzip -c "$T/in.jsonl" > "$T/in.jsonl.gz"
"$RIFT" analyze "$T/in.jsonl.gz" > "$T/outgz" 2>/dev/null
expect "gzip JSONL reads the same" cmp -s "$T/out" "$(sed "s|in.jsonl.gz\"|in.jsonl\"|" "$T/outgz" > "$T/outgz2"; echo "$T/outgz2")"
gzip -c "$T/a.txt" > "$T/a.txt.gz"
"$RIFT" analyze "$T/a.txt.gz" > "$T/out" 2>/dev/null; rc=$?
expect "gzip text: exit 0 and the sentences" sh -c "[ $rc -eq 0 ] && grep -q '\"sentences\":\[\[0,26\],\[27,35\]\]' '$T/out'"
head -c 30 "$T/in.jsonl.gz" > "$T/trunc.jsonl.gz"
"$RIFT" analyze "$T/trunc.jsonl.gz" > /dev/null 2> "$T/err"; rc=$?
expect "truncated gzip: exit 1 with a message" sh -c "[ $rc -eq 1 ] && grep -q 'trunc.jsonl.gz' '$T/err'"

: > "$T/empty.txt"
"$RIFT" analyze "$T/empty.txt" "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
expect "empty file: exit 1, reported, the other file written" sh -c "[ $rc -eq 1 ] && grep -q 'empty.txt:1: empty file' '$T/err' && [ \$(wc -l < '$T/out') -eq 1 ]"

head -c 4096 /dev/urandom > "$T/noise.bin"; printf '\0\0\0' >> "$T/noise.bin"
"$RIFT" analyze "$T/noise.bin" > "$T/out" 2> "$T/err"; rc=$?
expect "binary file: exit 1 and reported as binary" sh -c "[ $rc -eq 1 ] && grep -q 'noise.bin:1: binary file' '$T/err'"

"$RIFT" analyze "$T/does-not-exist.txt" > /dev/null 2> "$T/err"; rc=$?
expect "missing file: exit 1 with its name" sh -c "[ $rc -eq 1 ] && grep -q 'does-not-exist.txt: No such file' '$T/err'"

if [ "$(id -u)" != 0 ]; then
    cp "$T/a.txt" "$T/locked.txt"; chmod 000 "$T/locked.txt"
    "$RIFT" analyze "$T/locked.txt" > /dev/null 2> "$T/err"; rc=$?
    expect "unreadable file: exit 1" [ $rc -eq 1 ]
else
    mkdir "$T/notafile.txt.d"; ln -s "$T/nowhere" "$T/dangling.txt"
    "$RIFT" analyze "$T/dangling.txt" > /dev/null 2> "$T/err"; rc=$?
    expect "unreadable file (dangling link): exit 1 with its name" sh -c "[ $rc -eq 1 ] && grep -q 'dangling.txt' '$T/err'"
fi

"$RIFT" analyze --no-such-option > /dev/null 2>&1; rc=$?
expect "unknown option: exit 2" [ $rc -eq 2 ]
"$RIFT" frobnicate > /dev/null 2>&1; rc=$?
expect "unknown command: exit 2" [ $rc -eq 2 ]
"$RIFT" > /dev/null 2>&1; rc=$?
expect "no command: exit 2" [ $rc -eq 2 ]
"$RIFT" analyze --date 2025-13-01 "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
expect "bad --date: exit 2 naming the option" sh -c "[ $rc -eq 2 ] && grep -q -- '--date' '$T/err'"
# rift eval times: value accuracy per TIMEX3 type, when the gold has types
if [ -d ../shared/corpora/meantime-en ]; then
    "$RIFT" eval times --corpus meantime --json > "$T/ev.json"; rc=$?
    expect "eval times: per-type counts add up to the matched values" sh -c "[ $rc -eq 0 ] && python3 -c '
import json,sys
t=json.load(open(sys.argv[1]))[0][\"times\"]; b=t[\"value_by_type\"]
assert set(b) <= {\"DATE\",\"TIME\",\"DURATION\",\"SET\"} and \"DATE\" in b
assert sum(x[\"matched\"] for x in b.values()) == t[\"value_matched\"]
assert sum(x[\"right\"] for x in b.values()) == t[\"value_right\"]
' '$T/ev.json'"
fi
printf 'Prices fell last week.\n' > "$T/week.txt"
"$RIFT" analyze --date 1999-01-15 --time-granularity bogus "$T/week.txt" > /dev/null 2> "$T/err"; rc=$?
expect "bad --time-granularity: exit 2 naming the option" sh -c "[ $rc -eq 2 ] && grep -q -- '--time-granularity' '$T/err'"
"$RIFT" analyze --date 1999-01-15 "$T/week.txt" > "$T/out"; rc=$?
expect "last week is its ISO week by default" sh -c "[ $rc -eq 0 ] && grep -q '\"value\":\"1999-W01\",\"granularity\":\"week\"' '$T/out'"
"$RIFT" analyze --date 1999-01-15 --time-granularity month "$T/week.txt" > "$T/out"; rc=$?
expect "--time-granularity month: last week as its month" sh -c "[ $rc -eq 0 ] && grep -q '\"value\":\"1999-01\",\"granularity\":\"month\"' '$T/out'"
"$RIFT" analyze --help > "$T/out"; rc=$?
expect "--help: exit 0, usage on stdout" sh -c "[ $rc -eq 0 ] && grep -q 'usage: rift analyze' '$T/out'"
"$RIFT" --version > "$T/out"; rc=$?
expect "--version" sh -c "[ $rc -eq 0 ] && grep -q '^rift [0-9]' '$T/out'"

"$RIFT" analyze --date 2025-06-07 "$T/a.txt" > "$T/out" 2>/dev/null
expect "--date gives undated articles a date" grep -q '"date":"2025-06-07","date_origin":"default"' "$T/out"
"$RIFT" analyze --stats "$T/a.txt" "$T/b.txt" > /dev/null 2> "$T/err"; rc=$?
expect "--stats: exit 0 and counts" sh -c "[ $rc -eq 0 ] && grep -q '2 articles read, 2 written, 0 skipped' '$T/err'"
"$RIFT" analyze --format tsv "$T/a.txt" > "$T/out" 2>/dev/null
expect "--format tsv: a row per sentence" [ "$(lines "$T/out")" = 2 ]
# --format conllu: valid CoNLL-U whatever the text holds (a tab and line
# breaks inside a sentence, invalid bytes): ten columns, IDs 1..n, one root
# per sentence, heads inside it, a blank line after each sentence
conllu_ok() { # file: prints why not and fails, else succeeds
    awk -F'\t' '
        function fail(m) { print "#   line " NR ": " m; bad = 1; exit 1 }
        /^# text = / { text = 1 }
        /^#/ { if (n) fail("comment inside a sentence"); next }
        /^$/ { if (!n) fail("empty sentence"); if (!text) fail("no # text");
               if (roots != 1) fail(roots " roots");
               for (i = 1; i <= n; i++) if (h[i] !~ /^[0-9]+$/ || h[i] + 0 > n) fail("head " h[i]);
               n = 0; roots = 0; text = 0; sents++; next }
        { if (NF != 10) fail(NF " columns"); n++; if ($1 != n) fail("ID " $1 " after " n - 1);
          for (i = 1; i <= 10; i++) if ($i == "") fail("empty column " i);
          h[n] = $7; if ($7 == "0") { roots++; if ($8 != "root") fail("root is " $8) } }
        END { if (bad) exit 1; if (n) fail("no blank line at the end");
              if (!sents) fail("no sentence") }' "$1"
}
printf 'Governor Brask\tsigned the pact on Monday. "We are done,"\nshe said\r\nlater \377\376 today.\n\nA new paragraph.\n' > "$T/c.txt"
"$RIFT" analyze --format conllu "$T/c.txt" examples/ > "$T/out" 2> "$T/err"; rc=$?
njson=$("$RIFT" analyze "$T/c.txt" examples/ 2>/dev/null | wc -l | tr -d ' ')
expect "--format conllu: exit 0, one # newdoc per article" sh -c "[ $rc -eq 0 ] && [ \$(grep -c '^# newdoc id = ' '$T/out') -eq $njson ]"
expect "--format conllu: valid CoNLL-U (columns, IDs, one root, heads)" conllu_ok "$T/out"
expect "--format conllu: a tab in a sentence never splits a column" grep -q '^1	Governor	' "$T/out"
expect "--format conllu: SpaceAfter=No where no space follows" grep -q '	Monday	.*SpaceAfter=No$' "$T/out"
"$RIFT" analyze --format conllu --until segment "$T/c.txt" > "$T/out" 2>/dev/null
expect "--format conllu --until segment: _ for the syntax" grep -q '^1	Governor	_	_	_	_	_	_	_	_$' "$T/out"
"$RIFT" analyze --tokens --until syntax "$T/a.txt" > "$T/out" 2>/dev/null
expect "--tokens: words with upos, head and deprel" grep -q '"words":\[{"upos":"[A-Z]*","xpos":"[^"]*","lemma":.*"head":-\{0,1\}[0-9]*,"deprel":' "$T/out"
"$RIFT" analyze --text "$T/a.txt" > "$T/out" 2>/dev/null
expect "--text includes the text" grep -q '"text":"Mr. Smith spoke on Monday. He left.\\n"' "$T/out"
"$RIFT" analyze -j 1 "$T/dir" > "$T/o1" 2>/dev/null; "$RIFT" analyze -j 2 "$T/dir" > "$T/o2" 2>/dev/null
expect "-j 1 and -j 2 give the same output" cmp -s "$T/o1" "$T/o2"
"$RIFT" analyze --data "$T/nowhere" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
expect "missing data directory: exit 1 and says so" sh -c "[ $rc -eq 1 ] && grep -q 'data directory not found' '$T/err'"

printf '<html><head><title>Page title</title><meta property="article:published_time" content="2025-05-30T10:00:00Z"></head><body><nav>Home | World</nav><article><p>The mayor spoke on Friday.</p><p>She said little.</p></article></body></html>' > "$T/page.html"
"$RIFT" analyze "$T/page.html" > "$T/out" 2> "$T/err"; rc=$?
expect "HTML page: exit 0" [ $rc -eq 0 ]
expect "HTML page: title and date from the head" grep -q '"title":"Page title".*"date":"2025-05-30","date_origin":"metadata"' "$T/out"

"$RIFT" analyze "$T/a.txt" > /dev/full 2> "$T/err"; rc=$?
expect "a full disk is an error, not silence" sh -c "[ $rc -eq 1 ] && grep -q 'error writing' '$T/err'"

# PATH@YYYY-MM-DD: a date for that path's undated articles only
for j in 1 2; do
    "$RIFT" analyze -j $j "$T/a.txt@2024-02-29" "$T/b.txt" "$T/a.txt@2024-03-01" > "$T/out" 2> "$T/err"; rc=$?
    expect "PATH@DATE (-j $j): exit 0, three articles" sh -c "[ $rc -eq 0 ] && [ \$(wc -l < '$T/out') -eq 3 ]"
    expect "PATH@DATE (-j $j): each path its own date, the plain path none" sh -c \
        "sed -n 1p '$T/out' | grep -q '\"date\":\"2024-02-29\",\"date_origin\":\"default\"' &&
         sed -n 2p '$T/out' | grep -q '\"date\":null' &&
         sed -n 3p '$T/out' | grep -q '\"date\":\"2024-03-01\",\"date_origin\":\"default\"'"
done
"$RIFT" analyze "$T/a.txt@June-7" > /dev/null 2> "$T/err"; rc=$?
expect "PATH@ with no date is a path: exit 1, not found" sh -c "[ $rc -eq 1 ] && grep -q 'a.txt@June-7' '$T/err'"
"$RIFT" analyze "$T/a.txt@2024-13-01" > /dev/null 2> "$T/err"; rc=$?
expect "PATH@ with a date that does not exist: exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'a.txt@2024-13-01: 2024-13-01 is no date' '$T/err'"

# --no-syntax: the stage is skipped (no words); the other layers still come
"$RIFT" analyze --no-syntax --tokens "$T/a.txt" > "$T/out" 2>/dev/null; rc=$?
expect "--no-syntax: exit 0, no words, sentences and entities still there" sh -c \
    "[ $rc -eq 0 ] && ! grep -q '\"words\"' '$T/out' && grep -q '\"sentences\":\[\[' '$T/out' && grep -q '\"entities\":\[{' '$T/out'"
"$RIFT" analyze --tokens "$T/a.txt" > "$T/out2" 2>/dev/null
expect "without --no-syntax the same article has words" grep -q '"words":\[{' "$T/out2"
"$RIFT" dyads --no-syntax "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
expect "rift dyads --no-syntax is accepted" [ $rc -eq 0 ]
