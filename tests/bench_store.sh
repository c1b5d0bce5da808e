#!/bin/sh
# bench_store.sh: the generator of `make bench-store` (bench/mkstore.py) on a
# tiny stream: valid JSON Lines that rift reads, deterministic, and varied as
# documented (dates forward in time, outlets, swapped names, shuffled
# paragraphs, wire copies).  Skipped without ../shared or python3.
# Usage: sh tests/bench_store.sh PATH/TO/rift
set -u
RIFT=$1
. "$(dirname "$0")/tap.sh"
SHARED=${RIFT_SHARED:-../shared}
GEN="$(dirname "$0")/../bench/mkstore.py"
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; } # description 'shell condition'

if ! command -v python3 > /dev/null 2>&1; then
    skip "bench-store generator: python3 is not installed"; exit 0
fi
if [ ! -d "$SHARED/corpora" ] || [ ! -d "$SHARED/seeds" ]; then
    skip "bench-store generator: no shared corpora at $SHARED"; exit 0
fi

# two base texts only, so that each recurs in many variants
python3 "$GEN" "$SHARED" "$T/a" --n 300 --step 150 --bases 2 --stats 0 1 > "$T/stats" 2> "$T/out"
check "mkstore.py makes two batches" '[ -s "$T/a/batch_0.jsonl" ] && [ -s "$T/a/batch_1.jsonl" ]'
check "each batch holds its 150 articles" \
    '[ "$(wc -l < "$T/a/batch_0.jsonl")" -eq 150 ] && [ "$(wc -l < "$T/a/batch_1.jsonl")" -eq 150 ]'
python3 "$GEN" "$SHARED" "$T/b" --n 300 --step 150 --bases 2 1 2> "$T/out"
expect "a batch made alone is the same, byte for byte" cmp "$T/a/batch_1.jsonl" "$T/b/batch_1.jsonl"
python3 "$GEN" "$SHARED" "$T/c" --n 300 --step 150 --bases 2 --seed 5 1 2> "$T/out"
check "another seed makes another batch" '! cmp -s "$T/a/batch_1.jsonl" "$T/c/batch_1.jsonl"'

# the checks on the records, one TAP-like verdict each
python3 - "$T/a/batch_0.jsonl" "$T/a/batch_1.jsonl" "$GEN" > "$T/checks" 2>&1 <<'EOF'
import datetime, importlib.util, json, re, sys
spec = importlib.util.spec_from_file_location("mkstore", sys.argv[3])
mk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mk)
names = set(mk.FIRST) | set(mk.LAST)
batches = []
bad = 0
for p in sys.argv[1:3]:
    recs = []
    for line in open(p, encoding="utf-8"):
        try:
            r = json.loads(line)
        except ValueError:
            bad += 1
            continue
        if not (isinstance(r, dict) and all(isinstance(r.get(k), str) and r[k]
                                            for k in ("id", "url", "title", "date", "text"))):
            bad += 1
        recs.append(r)
    batches.append(recs)
allr = batches[0] + batches[1]
def check(ok, what):
    print(("ok" if ok else "not ok") + " - " + what)
check(bad == 0 and len(allr) == 300, "every line a JSON object with id, url, title, date, text (%d bad)" % bad)
check(len({r["id"] for r in allr}) == 300 and len({r["url"] for r in allr}) == 300, "ids and URLs unique")
d0 = sorted(r["date"] for r in batches[0])
d1 = sorted(r["date"] for r in batches[1])
check(len(set(d0 + d1)) >= 100 and d0[0] < d1[0] and d0[-1] < d1[-1] and d1[-1] >= "2023",
      "dates spread over years and moving forward (%s..%s, %s..%s)" % (d0[0], d0[-1], d1[0], d1[-1]))
srcs = {r["source"] for r in allr if "source" in r}
hosts = {r["url"].split("/")[2] for r in allr}
nosrc = sum("source" not in r for r in allr)
check(len(srcs) >= 30 and len(hosts) >= 30 and 0 < nosrc < 60,
      "outlets vary: %d sources, %d hosts, %d records with a URL only" % (len(srcs), len(hosts), nosrc))
# wire copies: one text under several outlets, dated within three days
by_text = {}
for r in allr:
    by_text.setdefault(r["text"], []).append(r)
wire = [g for g in by_text.values() if len(g) > 1]
def days(g):
    ds = [datetime.date.fromisoformat(r["date"]) for r in g]
    return (max(ds) - min(ds)).days
ok = bool(wire) and all(len({r.get("source", r["url"]) for r in g}) == len(g) and days(g) <= 3
                        for g in wire)
check(ok and any(re.match(r"[A-Z ]+ \([^)]+\) - ", g[0]["text"]) for g in wire),
      "wire copies: %d texts carried by 2 or more outlets, dated within days, with a dateline" % len(wire))
# swapped names: "First Last" from the lists, different across variants
pairs = [set(re.findall(r"\b([A-Z][a-z]+) (?=([A-Z][a-z]+)\b)", r["text"])) for r in allr]
pairs = [{p for p in ps if p[0] in mk.FIRST and p[1] in mk.LAST} for ps in pairs]
check(sum(bool(ps) for ps in pairs) >= 100 and len(set().union(*pairs)) >= 100,
      "person names swapped in: %d articles name someone from the lists, %d distinct names"
      % (sum(bool(ps) for ps in pairs), len(set().union(*pairs))))
# shuffled paragraphs: with the names masked, variants of one base share
# their lead and their paragraphs but not the order of the rest
def skel(p):
    return re.sub(r"\b[A-Z][a-z]+\b", lambda m: "X" if m.group(0) in names else m.group(0), p)
groups = {}
for r in allr:
    ps = [skel(p) for p in r["text"].rstrip("\n").split("\n\n")]
    ps[0] = re.sub(r"^[A-Z ]+ \([^)]+\) - ", "", ps[0])
    groups.setdefault(ps[0], []).append(tuple(ps[1:]))
orders = [len(set(v)) for v in groups.values() if len(v) > 1]
check(len(groups) <= 4 and orders and max(orders) >= 10,
      "paragraphs after the lead shuffled: %d leads, %s distinct orders" % (len(groups), orders))
EOF
while IFS= read -r l; do
    case $l in
        "ok - "*) ok "${l#ok - }" ;;
        "not ok - "*) nok "${l#not ok - }" ;;
        *) nok "checker: $l" ;;
    esac
done < "$T/checks"
expect "mkstore.py --stats counts wire copies and renamed articles" \
    grep -Eq '^batch 0 articles 150 wire [1-9][0-9]* outlets [1-9][0-9]* renamed [1-9]' "$T/stats"

# rift reads every record of a batch
"$RIFT" analyze -q --stats --until segment "$T/a/batch_0.jsonl" > /dev/null 2> "$T/out"
expect "rift analyze reads the 150 articles of a batch" grep -q '150 articles read, 150 written' "$T/out"
