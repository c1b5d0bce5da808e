#!/bin/sh
# layout.sh: the report's layout as headless Chromium draws it: on a store of
# examples/ (with and without a wire copy of one article), a small script
# added to a copy of the page writes the box of every text of the charts and
# timelines into the DOM; no two boxes of one chart or timeline may meet.
# Also checks what the page says about --min-events and copies.  The layout
# part skips, saying so, when Chromium is not installed.
# Usage: sh tests/layout.sh PATH/TO/rift
set -u
RIFT=$1
. tests/tap.sh
has() { grep -q -- "$2" "$1"; }

# the counts of each relationship card: "<h3>A → B</h3>" and its events
cards() { awk '/<article class="card relation"/ { h = $0; getline; h = h ": " $0
                gsub(/<[^>]*>/, "", h); sub(/ · cooperation.*/, "", h); print h }' "$1" | sort; }

# ---- the page: --min-events and copies ------------------------------------
"$RIFT" analyze -q --db "$T/r.db" examples/ 2> /dev/null
"$RIFT" report --db "$T/r.db" -o "$T/r.html" 2> /dev/null
P=$T/r.html
expect "min-events: the threshold is in the page" has "$P" 'pairs with 3 or more events (rift report --min-events 3)'
left=$(grep -o '<b>[0-9]* pairs\? with fewer' "$P" | grep -o '[0-9][0-9]*')
"$RIFT" report --db "$T/r.db" -o "$T/r1.html" --min-events 1 2> /dev/null
all=$(grep -c '<article class="card relation"' "$T/r1.html")
shown=$(grep -c '<article class="card relation"' "$P")
expect "min-events: what is left out is counted ($shown shown + ${left:-?} left out = $all)" \
    [ -n "$left" ] && [ $((shown + left)) -eq "$all" ]
expect "min-events 1: nothing left out" has "$T/r1.html" 'no pair has fewer'

# a wire copy of one article under another name and outlet: its events must
# not count again
mkdir "$T/copy"
cp examples/*.txt examples/*.html examples/*.jsonl "$T/copy/"
{ printf 'Republished by the Greywater Courier.\n\n'; cat examples/01-ledger-terminal-pact.txt; } \
    > "$T/copy/99-courier-copy.txt"
"$RIFT" analyze -q --db "$T/c.db" "$T/copy/" 2> /dev/null
"$RIFT" report --db "$T/c.db" -o "$T/c.html" --min-events 1 2> /dev/null
cards "$T/r1.html" > "$T/cards.a"
cards "$T/c.html" > "$T/cards.b"
expect "copies: the page says events of a copy count once" has "$T/c.html" 'id="copies"'
expect "copies: every relationship counts the same events with the copy as without" \
    cmp -s "$T/cards.a" "$T/cards.b"
cmp -s "$T/cards.a" "$T/cards.b" || diff "$T/cards.a" "$T/cards.b" | head -6 | sed 's/^/# /'
expect "no copies in examples/: no such line" sh -c "! grep -q 'id=\"copies\"' '$P'"

# ---- in a browser ------------------------------------------------------------
. tests/chrome.sh
if [ -z "$CHROME" ]; then
    skip "layout: chromium is not installed (apt-get install chromium)"
    exit 0
fi

# The page with its policy removed and a script that lists, for each chart
# and timeline, its texts and every pair of text boxes that meet.
cat > "$T/probe.js" <<'EOF'
(function () {
  var out = [];
  var svgs = document.querySelectorAll('svg.chart, svg.timeline');
  for (var s = 0; s < svgs.length; s++) {
    var texts = svgs[s].querySelectorAll('text'), r = [];
    for (var i = 0; i < texts.length; i++)
      r.push({b: texts[i].getBoundingClientRect(), t: texts[i].textContent});
    var drawn = r.filter(function (x) { return x.b.width > 0 && x.b.height > 0; }).length;
    out.push('SVG ' + svgs[s].getAttribute('class') + ' ' + s + ' texts ' + drawn);
    for (var i = 0; i < r.length; i++)
      for (var j = i + 1; j < r.length; j++) {
        var a = r[i].b, b = r[j].b;
        var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5)
          out.push('OVERLAP ' + svgs[s].getAttribute('class') + ' ' + s + ': "' +
                   r[i].t + '" and "' + r[j].t + '"');
      }
  }
  var pre = document.createElement('pre');
  pre.id = 'layout';
  pre.textContent = '\n' + out.join('\n') + '\n';
  document.body.appendChild(pre);
})();
EOF
# $1 page, $2 window width; the probe's lines on standard output
probe() {
    { sed -e '/Content-Security-Policy/d' -e 's|</body>||' "$1"
      printf '<script>\n'; cat "$T/probe.js"; printf '</script>\n</body>\n'; } > "$T/probe.html"
    chrome --window-size="$2",2000 --dump-dom "file://$T/probe.html" 2> /dev/null |
        grep -E '^(SVG|OVERLAP) '
}

# the probe must be able to fail: two texts drawn over each other
printf '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<svg class="chart" viewBox="0 0 300 60" width="300"><text x="10" y="30">2026-03</text>
<text x="20" y="32">2026-04</text><text x="200" y="30">apart</text></svg></body></html>\n' \
    > "$T/bad.html"
probe "$T/bad.html" 800 > "$T/bad.out"
expect "layout: overlapping texts are found when there are some" \
    sh -c "grep -q '^OVERLAP chart 0: \"2026-03\" and \"2026-04\"' '$T/bad.out' &&
           [ \$(grep -c '^OVERLAP' '$T/bad.out') -eq 1 ]"

for page in "$P" "$T/r1.html" "$T/c.html"; do
    for width in 1280 520; do
        name="$(basename "$page") at $width px"
        probe "$page" "$width" > "$T/probe.out"
        charts=$(grep -c '^SVG chart' "$T/probe.out")
        lines=$(grep -c '^SVG timeline' "$T/probe.out")
        expect "layout $name: the charts and timelines are drawn ($charts, $lines)" \
            sh -c "[ $charts -ge 2 ] && [ $lines -ge 2 ] && ! grep -q ' texts 0$' '$T/probe.out'"
        if grep -q '^OVERLAP' "$T/probe.out"; then
            nok "layout $name: no two text boxes of a chart or timeline meet"
            grep '^OVERLAP' "$T/probe.out" | head -5 | sed 's/^/# /'
        else
            ok "layout $name: no two text boxes of a chart or timeline meet"
        fi
    done
done

# many periods on one axis: a year of weeks still has labels that never meet
"$RIFT" report --db "$T/r.db" -o "$T/w.html" --period week --min-events 1 2> /dev/null
probe "$T/w.html" 1280 > "$T/out"
expect "layout: weekly periods drawn" [ "$(grep -c '^SVG chart' "$T/out")" -ge 2 ]
expect "layout: weekly periods, no two text boxes meet" sh -c "! grep -q '^OVERLAP' '$T/out'"
exit 0
