#!/bin/sh
# report.sh: rift report as a reader meets it: one self-contained HTML page
# from a store of examples/, with charts and tables, nothing fetched, every
# article string escaped, events and quotes linked to their articles, time
# spaced by days, unattributed quotes and untitled stories shown; the seeds show Trump and Musk turning from
# cooperation to conflict; and, when Chromium is installed, the page renders
# in headless Chromium without a console message and a screenshot is saved
# beside the rift binary (BUILD/report.png).
# Usage: sh tests/report.sh PATH/TO/rift
set -u
RIFT=$1
OUTDIR=$(dirname "$RIFT")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; }
skip() { n=$((n+1)); echo "skip $n - $1"; }
expect() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
has() { grep -q -- "$2" "$1"; }
hasnt() { ! grep -qi -- "$2" "$1"; }
count() { grep -o -- "$2" "$1" | wc -l | tr -d ' '; }

# ---- the examples ----------------------------------------------------------
"$RIFT" analyze -q --db "$T/r.db" examples/ 2> "$T/err"; rc=$?
expect "analyze --db examples/: exit 0" [ $rc -eq 0 ]
"$RIFT" report --db "$T/r.db" -o "$T/report.html" 2> "$T/err"; rc=$?
expect "report: exit 0, nothing on stderr" [ $rc -eq 0 -a ! -s "$T/err" ]
P=$T/report.html
expect "report: a complete HTML page" sh -c "head -c 15 '$P' | grep -q '<!DOCTYPE html>' && tail -n 1 '$P' | grep -q '</html>'"
expect "report: relationship charts (inline SVG)" [ "$(count "$P" '<svg class="chart"')" -ge 2 ]
expect "report: a turning point marked in a chart" has "$P" '<line class="turn"'
expect "report: the events behind a relationship" has "$P" '<table class="events">'
expect "report: a story with its timeline" has "$P" '<svg class="timeline"'
expect "report: the corpus counts in the header" has "$P" '<b>10</b><span>articles</span>'
expect "report: quotes by speaker with their outlets" has "$P" '<article class="card speaker">'
expect "report: the most active actors" has "$P" '<table class="actors">'
expect "report: the sections" sh -c "grep -c 'id=\"relations\"\\|id=\"stories\"\\|id=\"quotes\"\\|id=\"actors\"' '$P' | grep -q '^4$'"
# self-contained: no script, no external resource of any kind
expect "report: no script" hasnt "$P" '<script'
expect "report: nothing fetched (no src=, link, @import, url())" \
    sh -c "! grep -Eqi '<(img|link|iframe|object|embed)|[[:space:]]src=|@import|url\\(' '$P'"
# links: to the page's own sections, or to an article's http(s) address
expect "report: every link is to a section or an http(s) address" \
    sh -c "! grep -Eoi '(href|src|action)=\"[^\"]*\"' '$P' | grep -Eiv '^href=\"(#|https?://)'"
grep -o 'href="http[^"]*"' "$P" | sed 's/^href="//; s/"$//' | sort -u > "$T/links"
nl=$(wc -l < "$T/links" | tr -d ' ')
expect "report: articles' addresses linked ($nl), each one an article's own" \
    sh -c "[ $nl -ge 2 ] && while read -r u; do grep -rqF \"\$u\" examples/ || exit 1; done < '$T/links'"
expect "report: an event of a relationship links to its article" \
    sh -c "grep -q '<td title=\"[^\"]*\"><a href=\"https://' '$P'"
expect "report: an event of a story's timeline links to its article" \
    sh -c "grep -q 'badge [a-z]*\">event</span>.*<td><a href=\"https://' '$P'"
expect "report: a quote links to its article" \
    sh -c "grep -q '<footer>[^<]* · <a href=\"https://' '$P'"
expect "report: a Content-Security-Policy that forbids loading" has "$P" "default-src 'none'"

# usage and errors
"$RIFT" report -o "$T/x.html" > /dev/null 2>&1; rc=$?
expect "report without --db: usage error (2)" [ $rc -eq 2 ]
"$RIFT" report --db "$T/none.db" -o "$T/x.html" > /dev/null 2> "$T/err"; rc=$?
expect "report on a missing store: error 1, no store created" \
    sh -c "[ $rc -eq 1 ] && [ ! -e '$T/none.db' ] && grep -q 'no such store' '$T/err'"
"$RIFT" report --db "$T/r.db" > "$T/stdout.html" 2> /dev/null; rc=$?
expect "report to standard output when it is not a terminal" \
    sh -c "[ $rc -eq 0 ] && cmp -s '$T/stdout.html' '$P'"
"$RIFT" report --db "$T/r.db" -o "$T/again.html" --summary > "$T/summary" 2> /dev/null
expect "report is deterministic" cmp -s "$T/again.html" "$P"
expect "report --summary: the top relationships in the terminal" \
    sh -c "grep -q 'top relationships' '$T/summary' && grep -q ' -> ' '$T/summary'"

# an empty store still gives a page, saying what is missing
: > "$T/empty.txt"
"$RIFT" analyze -q --db "$T/e.db" "$T/empty.txt" > /dev/null 2>&1
"$RIFT" report --db "$T/e.db" -o "$T/e.html" 2> /dev/null; rc=$?
expect "empty store: a page that says so" \
    sh -c "[ $rc -eq 0 ] && grep -q 'No stories yet' '$T/e.html' && tail -n 1 '$T/e.html' | grep -q '</html>'"

# ---- escaping: hostile article text stays text -------------------------------
cat > "$T/hostile.txt" <<'EOF'
<script>alert("title")</script> Harbour & Sons <b>deal</b>

PORT VELLAN (Reuters) - Mara Vellin, the mayor of Port Vellan, praised Ostrik Dunmere on Monday.

"</blockquote><script>alert(1)</script><img src=x onerror=alert(2)> we will build it & more," Vellin said. "It's 'a <deal>' for us," she added.

Ostrik Dunmere thanked Mara Vellin on Tuesday. Mara Vellin later accused Ostrik Dunmere of lying <svg onload=alert(3)>.
EOF
"$RIFT" analyze -q --db "$T/h.db" --date 2026-01-05 "$T/hostile.txt" 2> /dev/null
"$RIFT" report --db "$T/h.db" -o "$T/h.html" 2> "$T/err"; rc=$?
expect "hostile: exit 0" [ $rc -eq 0 ]
expect "hostile: no raw markup from the article" \
    sh -c "! grep -Eqi '<script|<img|<b>deal|<deal>|<svg onload|<blockquote><script' '$T/h.html'"
expect "hostile: the article's markup shown as text" has "$T/h.html" '&lt;script&gt;'
expect "hostile: ampersands escaped" sh -c "! grep -q 'Harbour & Sons' '$T/h.html'"

# hostile addresses are never links
printf '%s\n' \
 '{"id": "h1", "url": "javascript:alert(1)", "title": "Vellin praises Dunmere", "date": "2026-01-05", "text": "PORT VELLAN (Reuters) - Mara Vellin praised Ostrik Dunmere on Monday. \"We will build it,\" Vellin said."}' \
 '{"id": "h2", "url": "https://x.example/a\"onmouseover=\"alert(1)", "title": "Dunmere thanks Vellin", "date": "2026-01-06", "text": "PORT VELLAN (Reuters) - Ostrik Dunmere thanked Mara Vellin on Tuesday. \"It is a deal,\" Dunmere said."}' \
 > "$T/hostile.jsonl"
"$RIFT" analyze -q --db "$T/h2.db" "$T/hostile.jsonl" 2> /dev/null
"$RIFT" report --db "$T/h2.db" -o "$T/h2.html" --min-events 1 2> /dev/null
expect "hostile: the events of those articles are shown" has "$T/h2.html" '<table class="events">'
expect "hostile: a javascript: address is not linked" sh -c "! grep -qi 'href=\"javascript' '$T/h2.html'"
expect "hostile: an address with a quote is not linked" sh -c "! grep -qi 'onmouseover' '$T/h2.html' || ! grep -q 'href=\"https://x.example' '$T/h2.html'"

# ---- unattributed quotes, untitled stories -----------------------------------
# two outlets carry one quote of an unnamed spokesperson; no article has a title
printf 'PORT VELLAN (Tidewater Wire) - Dock workers at Port Vellan stayed off the job on Monday as the strike entered its second week.\n\n"We will not go back until the cranes are safe for every crew on every shift," a union spokesperson said.\n\nThe port authority said talks would resume on Wednesday.\n' > "$T/u1.txt"
printf 'PORT VELLAN (Quayside Business) - The strike at Port Vellan went into a second week on Monday, with no talks planned before Wednesday.\n\n"We will not go back until the cranes are safe for every crew on every shift," a union spokesperson said.\n\nShipping lines have begun to divert vessels to Greywater.\n' > "$T/u2.txt"
"$RIFT" analyze -q --db "$T/u.db" --date 2026-04-06 "$T/u1.txt" "$T/u2.txt" 2> /dev/null
"$RIFT" report --db "$T/u.db" -o "$T/u.html" 2> /dev/null
sed -n '/<article class="card speaker unattributed">/,/<\/article>/p' "$T/u.html" > "$T/ua.html"
expect "unattributed: a quote two articles carry, without a named speaker, is shown" \
    sh -c "grep -q '<h3>Unattributed</h3>' '$T/ua.html' && grep -q 'We will not go back until the cranes' '$T/ua.html' && grep -q '2 articles' '$T/ua.html'"
expect "unattributed: with the words naming its speaker" has "$T/ua.html" 'said by “a union spokesperson”'
expect "untitled story: titled from the lead, dateline off" \
    has "$T/u.html" '<article class="card story"><h3>Dock workers at Port Vellan stayed off the job on Monday'
expect "untitled story: no dash for a title" sh -c "! grep -q '<article class=\"card story\"><h3>—' '$T/u.html'"

# ---- the time axis: x positions proportional to days --------------------------
# with weekly periods every chart's points lie on one line of week number
"$RIFT" report --db "$T/r.db" -o "$T/w.html" --period week --min-events 1 2> /dev/null
grep -o '<circle cx="[0-9.]*" cy="[0-9.]*" r="4" fill="#1d2330"><title>[0-9]*-W[0-9]*' "$T/w.html" |
    sed 's/<circle cx="\([0-9.]*\)".*<title>[0-9]*-W\([0-9]*\)/\2 \1/' > "$T/wx"
expect "time axis: weekly points found ($(wc -l < "$T/wx" | tr -d ' '))" [ "$(wc -l < "$T/wx")" -ge 6 ]
expect "time axis: one week is the same width everywhere, in every chart" awk '
    { w[NR] = $1 + 0; x[NR] = $2 + 0 }
    END { lo = hi = 1
          for (i = 1; i <= NR; i++) { if (w[i] < w[lo]) lo = i; if (w[i] > w[hi]) hi = i }
          if (w[hi] == w[lo]) exit 1
          k = (x[hi] - x[lo]) / (w[hi] - w[lo])
          for (i = 1; i <= NR; i++) { d = x[lo] + k * (w[i] - w[lo]) - x[i]; if (d > 0.5 || d < -0.5) exit 1 }
          exit 0 }' "$T/wx"

# ---- the seeds: Trump and Musk turn from cooperation to conflict --------------
S=../shared/seeds
if [ -f "$S/000_1ebd1db168886f4c.txt" ] && [ -f "$S/001_9bf779aee39fbfe0.txt" ] &&
   [ -f "$S/002_2a4a5e16965849b9.txt" ]; then
    "$RIFT" analyze -q --db "$T/s.db" --date 2025-06-07 "$S/000_1ebd1db168886f4c.txt" 2> /dev/null &&
    "$RIFT" analyze -q --db "$T/s.db" "$S/001_9bf779aee39fbfe0.txt" 2> /dev/null &&
    "$RIFT" analyze -q --db "$T/s.db" --date 2025-05-30 "$S/002_2a4a5e16965849b9.txt" 2> /dev/null
    expect "seeds: three runs into one store" [ $? -eq 0 ]
    "$RIFT" report --db "$T/s.db" -o "$T/s.html" 2> /dev/null
    # the card of the pair, from its heading to its end
    awk '/<article class="card relation"/ { card = "" } { card = card $0 "\n" }
         /<\/article>/ && card ~ /<h3>Donald Trump → Elon Musk<\/h3>|<h3>Elon Musk → Donald Trump<\/h3>/ {
             printf "%s", card; card = "" }' "$T/s.html" > "$T/tm.html"
    expect "seeds: a Trump-Musk relationship with a chart" has "$T/tm.html" '<svg class="chart"'
    expect "seeds: Trump-Musk turns from cooperation to conflict" \
        has "$T/tm.html" 'turned from cooperation to conflict'
    expect "seeds: the events behind the turn" has "$T/tm.html" '<tr class="turn">'
else
    skip "seeds: ../shared/seeds not found"
fi

# ---- in a browser ------------------------------------------------------------
. tests/chrome.sh
if [ -z "$CHROME" ]; then
    skip "browser: chromium is not installed (apt-get install chromium)"
    exit 0
fi
# $1 page, $2 what to dump; console messages go to stderr with the logging on
browse() {
    chrome --enable-logging=stderr --v=0 --window-size=1280,2000 "$2" "file://$1" \
        2> "$T/console" > "$T/dom"
}
# the check itself must be able to fail: a page with a broken script
printf '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script>nosuch();</script></body></html>\n' \
    > "$T/broken.html"
browse "$T/broken.html" --dump-dom
expect "browser: a console error is seen when there is one" grep -q 'CONSOLE.*nosuch' "$T/console"

browse "$P" --dump-dom; rc=$?
expect "browser: the page loads ($CHROME exit 0)" [ $rc -eq 0 ]
if grep -q 'CONSOLE' "$T/console"; then
    nok "browser: no console message"
    grep 'CONSOLE' "$T/console" | head -5 | sed 's/^/# /'
else
    ok "browser: no console message"
fi
expect "browser: the DOM holds the charts" [ "$(count "$T/dom" '<svg class="chart"')" -ge 2 ]
expect "browser: the DOM holds the tables" [ "$(count "$T/dom" '<table')" -ge 3 ]
rm -f "$OUTDIR/report.png"
browse "$P" --screenshot="$OUTDIR/report.png"
expect "browser: a screenshot ($OUTDIR/report.png)" \
    sh -c "[ -s '$OUTDIR/report.png' ] && head -c 4 '$OUTDIR/report.png' | grep -q PNG"
exit 0
