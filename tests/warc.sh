#!/bin/sh
# warc.sh: rift analyze on WARC web archives the test writes itself, plain
# and gzip'd per record: each HTML page of a response is one article, with
# the record's URI and date, the text rift reads from the page alone; the
# other records are passed over; unreadable pages and broken files are
# named by record.  Pages from ../shared/corpora/article-extraction-benchmark
# when present, else pages written here.
# Usage: sh tests/warc.sh PATH/TO/rift
set -u
RIFT=$1
case $RIFT in /*) ;; *) RIFT=$(pwd)/$RIFT ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; [ -s "$T/err" ] && sed 's/^/#   /' "$T/err" | tail -5; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; } # description 'shell condition'
note() { n=$((n+1)); echo "skip $n - $1"; }
CR=$(printf '\r')

# record TYPE URI DATE CONTENT-TYPE BODYFILE [VERSION]: one WARC record on stdout
record() {
    printf 'WARC/%s\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\n' \
        "${6:-1.0}" "$1" "$2" "$3"
    printf 'WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n' "$(wc -l < "$T/ids")"
    echo >> "$T/ids"
    printf 'Content-Type: %s\r\nContent-Length: %s\r\n\r\n' "$4" "$(wc -c < "$5" | tr -d ' ')"
    cat "$5"
    printf '\r\n\r\n'
}
# http STATUS CONTENT-TYPE BODYFILE [EXTRA-HEADER]: an HTTP response into $T/http
http() {
    { printf 'HTTP/1.1 %s\r\nContent-Type: %s\r\nServer: test\r\n' "$1" "$2"
      [ -n "${4:-}" ] && printf '%s\r\n' "$4"
      printf '\r\n'; cat "$3"; } > "$T/http"
}
: > "$T/ids"

# the pages: three of the benchmark's, else three written here
SRC=../shared/corpora/article-extraction-benchmark/html
mkdir "$T/pages"
if [ -d "$SRC" ]; then
    for f in $(ls "$SRC" | head -3); do gzip -dc "$SRC/$f" > "$T/pages/${f%%.*}.html"; done
    ok "pages from $SRC"
else
    note "no $SRC: the test writes its own three pages"
    for i in 1 2 3; do
        printf '<html><head><title>Harbour story %s</title></head><body><nav>Home | World | Sport</nav><article><h1>Harbour story %s</h1><p>Governor Teodora Brask said on Monday that the harbour terminal will open in stage %s, her office said in a statement.</p><p>"We will sign the pact this week," Brask told reporters in Halden.</p></article></body></html>\n' \
            "$i" "$i" "$i" > "$T/pages/page$i.html"
    done
fi
set -- "$T"/pages/*.html
[ $# -eq 3 ] || { nok "three pages (found $#)"; exit 1; }
P1=$1 P2=$2 P3=$3

# what rift reads from each page alone: text, url, date
for p in "$P1" "$P2" "$P3"; do
    "$RIFT" analyze --text "$p" > "$p.json" 2> "$T/err" || nok "rift analyze $p"
done
field() { # FILE FIELD: the first string field FIELD of a JSON line (the article's own)
    grep -o "\"$2\":\"[^\"]*\"" "$1" | head -1 | sed "s/^\"$2\":\"//; s/\"\$//"
}

# the archive: a warcinfo record, then per page a request and a response;
# page 2's body chunked and gzip'd; an image, a redirect, a metadata record
printf 'software: tests/warc.sh\r\nformat: WARC File Format 1.0\r\n' > "$T/info"
printf 'GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n' > "$T/req"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$T/png"
printf '<html><body><p>Moved <a href="/b">here</a>.</p></body></html>' > "$T/moved"
gzip -c "$P2" > "$T/p2.gz"
size=$(wc -c < "$T/p2.gz" | tr -d ' ')
half=$((size / 2))
{ printf '%x\r\n' "$half"; head -c "$half" "$T/p2.gz"; printf '\r\n'
  printf '%x\r\n' $((size - half)); tail -c $((size - half)) "$T/p2.gz"; printf '\r\n0\r\n\r\n'
} > "$T/p2.chunked"
U1="https://news.example/2019/11/19/first-story.html?from=warc"
U2="https://news.example/2019/11/20/second-story/"
U3="https://news.example/third"
D1=2019-11-21T08:00:00Z D2=2019-11-22T09:30:00Z D3=2019-11-23T23:59:59Z
{
    record warcinfo "" 2019-11-21T08:00:00Z application/warc-fields "$T/info"
    record request "$U1" "$D1" "application/http; msgtype=request" "$T/req"
    http "200 OK" "text/html; charset=utf-8" "$P1"
    record response "$U1" "$D1" "application/http; msgtype=response" "$T/http"
    http "200 OK" "image/png" "$T/png"
    record response "https://news.example/logo.png" "$D1" "application/http; msgtype=response" "$T/http"
    record request "$U2" "$D2" "application/http; msgtype=request" "$T/req"
    http "200 OK" "text/html" "$T/p2.chunked" "Transfer-Encoding: chunked${CR}
Content-Encoding: gzip"
    record response "<$U2>" "$D2" "application/http; msgtype=response" "$T/http"
    http "301 Moved Permanently" "text/html" "$T/moved" "Location: /b"
    record response "https://news.example/a" "$D2" "application/http; msgtype=response" "$T/http"
    record metadata "$U2" "$D2" application/warc-fields "$T/info"
    http "200 OK" "text/html" "$P3"
    record response "$U3" "$D3" "application/http; msgtype=response" "$T/http" 1.1
} > "$T/news.warc"
# gzip'd record by record, as archives are
: > "$T/news.warc.gz"
# each record from its byte offset to the next one
grep -a -b -o "WARC/1\.[01]$CR" "$T/news.warc" | cut -d: -f1 > "$T/offs"
wc -c < "$T/news.warc" | tr -d ' ' >> "$T/offs"
prev=""
while read -r off; do
    [ -n "$prev" ] && tail -c +$((prev + 1)) "$T/news.warc" | head -c $((off - prev)) | gzip -c >> "$T/news.warc.gz"
    prev=$off
done < "$T/offs"
check "the gzip'd archive is one gzip member per record ($(($(wc -l < "$T/offs") - 1)) records)" \
    '[ "$(gzip -dc "$T/news.warc.gz" | cmp - "$T/news.warc" && echo same)" = same ]'

for w in news.warc news.warc.gz; do
    "$RIFT" analyze --text "$T/$w" > "$T/$w.out" 2> "$T/err"; rc=$?
    check "rift analyze $w: exit 0, three articles (the three HTML responses)" \
        '[ $rc -eq 0 ] && [ "$(wc -l < "$T/$w.out")" -eq 3 ]'
done
check "plain and gzip'd archives give the same output (but for the origin)" \
    '[ "$(sed "s/\"origin\":\"[^\"]*\"//" "$T/news.warc.out")" = "$(sed "s/\"origin\":\"[^\"]*\"//" "$T/news.warc.gz.out")" ]'
O=$T/news.warc.gz.out
sed -n 1p "$O" > "$T/a1"; sed -n 2p "$O" > "$T/a2"; sed -n 3p "$O" > "$T/a3"
check "urls are the records' WARC-Target-URIs (one ending in /, one <bracketed>, a WARC/1.1 one)" \
    '[ "$(field "$T/a1" url)" = "$U1" ] && [ "$(field "$T/a2" url)" = "$U2" ] && [ "$(field "$T/a3" url)" = "$U3" ]'
check "ids are the WARC-Record-IDs" \
    'grep -q "\"id\":\"urn:uuid:00000000-0000-4000-8000-000000000002\"" "$T/a1"'
i=0
for p in "$P1" "$P2" "$P3"; do
    i=$((i+1))
    eval "d=\$D$i"
    own=$(grep -q '"date_origin":"metadata"' "$p.json" && field "$p.json" date)
    want=${own:-${d%%T*}}
    from="the WARC-Date"; [ -n "$own" ] && from="the page's own"
    check "page $i: date $want ($from)" \
        '[ "$(field "$T/a$i" date)" = "$want" ] && grep -q "\"date_origin\":\"metadata\"" "$T/a$i"'
    # the same text as the page read alone (page 2 via chunked gzip)
    t1=$(sed 's/.*"text":\("[^"]*\(\\.[^"]*\)*"\).*/\1/' "$p.json" | cksum)
    t2=$(sed 's/.*"text":\("[^"]*\(\\.[^"]*\)*"\).*/\1/' "$T/a$i" | cksum)
    check "page $i: the text rift reads from the page alone ($(field "$p.json" title | cut -c1-40))" \
        '[ "$t1" = "$t2" ] && ! grep -q "\"length\":0," "$T/a$i"'
done
check "the image, the redirect, the request, warcinfo and metadata records give nothing" \
    '! grep -q "logo.png\|news.example/a\"" "$O"'

# auto-detection by content, --input-format warc, directories
cp "$T/news.warc" "$T/archive.dat"
"$RIFT" analyze "$T/archive.dat" > "$T/out" 2> "$T/err"; rc=$?
check "a WARC without a .warc name is recognised by its content" '[ $rc -eq 0 ] && [ "$(wc -l < "$T/out")" -eq 3 ]'
"$RIFT" analyze --input-format warc - < "$T/news.warc.gz" > "$T/out" 2> "$T/err"; rc=$?
check "--input-format warc on standard input (gzip'd)" '[ $rc -eq 0 ] && [ "$(wc -l < "$T/out")" -eq 3 ]'
mkdir "$T/dir"; cp "$T/news.warc.gz" "$T/dir/"
"$RIFT" analyze "$T/dir" > "$T/out" 2> "$T/err"; rc=$?
check "a directory's .warc.gz files are read" '[ $rc -eq 0 ] && [ "$(wc -l < "$T/out")" -eq 3 ]'

# an unreadable page is skipped, named by file, line and record; the rest is read
http "200 OK" "text/html" "$P1" "Content-Encoding: br"
{ record response "https://news.example/brotli" "$D1" "application/http; msgtype=response" "$T/http"
  cat "$T/news.warc"; } > "$T/bad.warc"
"$RIFT" analyze "$T/bad.warc" > "$T/out" 2> "$T/err"; rc=$?
check "a page in an unsupported Content-Encoding: exit 1, FILE:1: WARC record 1 (URI), the other three read" \
    '[ $rc -eq 1 ] && grep -q "bad.warc:1: WARC record 1 (https://news.example/brotli): HTTP Content-Encoding .br. is not supported; skipped" "$T/err" && [ "$(wc -l < "$T/out")" -eq 3 ]'
head -c $(( $(wc -c < "$T/news.warc") - 300 )) "$T/news.warc" > "$T/cut.warc"
"$RIFT" analyze "$T/cut.warc" > "$T/out" 2> "$T/err"; rc=$?
check "a file cut inside a record: exit 1, the record named, the records before it read" \
    '[ $rc -eq 1 ] && grep -q "cut.warc:[0-9]*: WARC record 9: the input ends inside its content" "$T/err" && [ "$(wc -l < "$T/out")" -eq 2 ]'
max=$(( $(wc -c < "$P1") - 1 ))
"$RIFT" analyze --max-bytes $max "$T/news.warc" > "$T/out" 2> "$T/err"; rc=$?
check "a page over --max-bytes is skipped by record, the small image still passed over in silence" \
    '[ $rc -eq 1 ] && grep -q "WARC record 3 (https://news.example/2019/11/19/first-story.html?from=warc): record of [0-9]* bytes is larger than the limit of $max bytes" "$T/err" && ! grep -q "logo.png" "$T/err"'
