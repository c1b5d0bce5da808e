#!/bin/sh
# export.sh: rift export on the examples store (PLOVER JSON, GDELT-like TSV,
# CSV, JSON Lines: rows, fields, quoting, validity by Python's json and csv
# modules); the events table keeps every event field, and a store of the
# previous rift (events without them) still reads, read-only, and gains
# them on write; dyads and the report count asserted events unless --modes
# says otherwise; one outlet, one name in the store and its corroboration.
# Usage: sh tests/export.sh PATH/TO/rift
set -u
RIFT=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; }
skip() { n=$((n+1)); echo "skip $n - $1"; }
expect() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; } # description 'shell condition'

if ! command -v sqlite3 > /dev/null 2>&1; then
    skip "export: the sqlite3 shell is not installed (apt-get install sqlite3)"
    exit 0
fi
q() { sqlite3 "$1" "$2"; }
PY=
command -v python3 > /dev/null 2>&1 && PY=python3

# the examples, as make demo stores them, and one article whose id holds a
# comma, quote marks and a line break (CSV must quote all three)
printf '%s\n' '{"id":"odd, \"one\"\nid","date":"2026-03-30","source":"Harbour Post","title":"Odd quote","text":"PORT HALVARD - Governor Teodora Brask said on Monday: \"The port stays public, whatever they say, and that is final.\" Her office confirmed the statement."}' > "$T/odd.jsonl"
"$RIFT" analyze -q --db "$T/e.db" examples/ "$T/odd.jsonl" 2> "$T/err"; rc=$?
expect "analyze --db examples/: exit 0" [ $rc -eq 0 ]
events=$(q "$T/e.db" 'SELECT count(*) FROM events')
quotes=$(q "$T/e.db" 'SELECT count(*) FROM quotes')
entities=$(q "$T/e.db" 'SELECT count(*) FROM entities')
check "the examples give events, quotes and entities ($events, $quotes, $entities)" \
    '[ "$events" -gt 10 ] && [ "$quotes" -gt 5 ] && [ "$entities" -gt 10 ]'

# ---- the events table keeps every event field ---------------------------------
for c in source_code target_code source_text target_text modality attributed_idx \
         attributed_name attribution object_text confidence event_date_origin; do
    [ "$(q "$T/e.db" "SELECT count(*) FROM pragma_table_info('events') WHERE name='$c'")" = 1 ] ||
        missing="${missing:-} $c"
done
check "events keeps the event fields (missing:${missing:- none})" '[ -z "${missing:-}" ]'
check "events: every row has a modality and a confidence in [0, 1]" \
    '[ "$(q "$T/e.db" "SELECT count(*) FROM events WHERE modality IS NULL OR confidence < 0 OR confidence > 1 OR confidence IS NULL")" = 0 ]'
check "events: actor codes and the words naming the actors are stored" \
    '[ "$(q "$T/e.db" "SELECT count(*) FROM events WHERE source_code IS NOT NULL OR target_code IS NOT NULL")" -gt 0 ] &&
     [ "$(q "$T/e.db" "SELECT count(*) FROM events WHERE source_text IS NOT NULL")" -gt 0 ]'
"$RIFT" analyze --db "$T/j.db" --json examples/01-ledger-terminal-pact.txt > "$T/01.json" 2> /dev/null
if [ -n "$PY" ]; then
    check "events: the stored codes are the JSON's" \
        '[ "$($PY -c "import json,sys; d=json.load(open(sys.argv[1])); print(\";\".join(str(e.get(\"source_code\")) + \",\" + str(e.get(\"target_code\")) for e in d[\"events\"]))" "$T/01.json")" = \
           "$(q "$T/j.db" "SELECT group_concat(coalesce(source_code, \"None\") || \",\" || coalesce(target_code, \"None\"), \";\") FROM (SELECT * FROM events ORDER BY idx)")" ]'
fi

# ---- exports -------------------------------------------------------------------
for f in plover gdelt csv jsonl; do
    "$RIFT" export --db "$T/e.db" --format $f -o "$T/ev.$f" 2> "$T/err"; rc=$?
    check "export --format $f: exit 0, nothing on stderr" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'
done
for w in quotes entities; do
    for f in csv jsonl; do
        "$RIFT" export --db "$T/e.db" --format $f --what $w > "$T/$w.$f"; rc=$?
        expect "export --format $f --what $w: exit 0" [ $rc -eq 0 ]
    done
done
expect "jsonl: one line per event ($events)" [ "$(wc -l < "$T/ev.jsonl" | tr -d ' ')" = "$events" ]
expect "plover: one line per event ($events)" [ "$(wc -l < "$T/ev.plover" | tr -d ' ')" = "$events" ]
expect "jsonl --what quotes: one line per quote ($quotes)" [ "$(wc -l < "$T/quotes.jsonl" | tr -d ' ')" = "$quotes" ]
expect "jsonl --what entities: one line per entity ($entities)" [ "$(wc -l < "$T/entities.jsonl" | tr -d ' ')" = "$entities" ]
"$RIFT" export --db "$T/e.db" --format plover --what quotes > /dev/null 2> "$T/err"; rc=$?
check "plover --what quotes: a usage error that says why" '[ $rc -eq 2 ] && grep -q "csv or jsonl" "$T/err"'
"$RIFT" export --db "$T/e.db" --format xml > /dev/null 2> "$T/err"; rc=$?
check "an unknown format: a usage error naming the formats" '[ $rc -eq 2 ] && grep -q "plover, gdelt, csv or jsonl" "$T/err"'
"$RIFT" export --db "$T/none.db" --format csv > /dev/null 2> "$T/err"; rc=$?
check "a missing store: exit 1, nothing created" '[ $rc -eq 1 ] && [ ! -e "$T/none.db" ]'

# the GDELT rows: one per coded event (asserted, not negated, with a code)
# of a story, counted by hand in SQL
groups=$(q "$T/e.db" "SELECT count(*) FROM (SELECT DISTINCT coalesce(sa.story_id, 0),
    coalesce('#' || v.source_actor, v.source_code, v.source_text, ''),
    coalesce('#' || v.target_actor, v.target_code, v.target_text, ''), v.cameo
    FROM event_view v LEFT JOIN story_articles sa ON sa.article_id = v.article_id
    WHERE v.cameo IS NOT NULL AND v.negated = 0 AND v.modality = 'asserted')")
expect "gdelt: a header and one row per coded event of a story ($groups)" \
    [ "$(wc -l < "$T/ev.gdelt" | tr -d ' ')" = $((groups + 1)) ]
expect "gdelt: the header names GDELT's columns" \
    grep -q '^GlobalEventID	SQLDATE	Actor1Code	Actor1Name	Actor1CountryCode	Actor2Code	Actor2Name	Actor2CountryCode	EventCode	EventBaseCode	EventRootCode	QuadClass	GoldsteinScale	NumMentions	NumSources	NumArticles	SOURCEURL$' "$T/ev.gdelt"

if [ -z "$PY" ]; then
    skip "export: python3 absent; JSON and CSV validity not checked"
else
    cat > "$T/check.py" <<'EOF'
import csv, json, sys
d = sys.argv[1]
def lines(p):
    with open(p, encoding="utf-8") as f:
        return [json.loads(l) for l in f]
def table(p, delim=","):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=delim))
out = []
ev = lines(d + "/ev.jsonl")
pl = lines(d + "/ev.plover")
cv = table(d + "/ev.csv")
out.append("jsonl-valid %d" % len(ev))
need = ["event_type", "mode", "context", "actor", "actor_code", "actor_sector", "recipient",
        "recipient_code", "recipient_sector", "date", "story_id", "article_id", "sentence",
        "modality", "negated", "attributed_to", "confidence"]
out.append("plover-fields %s" % all(all(k in e for k in need) for e in pl))
out.append("plover-sentence %s" % all(e["sentence"] and e["trigger"] in e["sentence"] for e in pl if e["trigger"]))
out.append("csv-rows %s" % (len(cv) == len(ev)))
out.append("csv-same %s" % all(c["sentence"] == (j["sentence"] or "") and c["source"] == (j["source"] or "")
                                 and c["plover"] == (j["plover"] or "") for c, j in zip(cv, ev)))
qj = lines(d + "/quotes.jsonl")
qc = table(d + "/quotes.csv")
out.append("quotes-same %s" % (len(qj) == len(qc) and all(c["text"] == j["text"] for c, j in zip(qc, qj))))
odd = [c["doc_id"] for c in qc if "port stays public" in c["text"]]
out.append("quotes-odd %s" % (odd == ['odd, "one"\nid'] and
           sum(1 for c in table(d + "/entities.csv") if c["doc_id"] == odd[0]) >= 1))
nj = lines(d + "/entities.jsonl")
nc = table(d + "/entities.csv")
out.append("entities-same %s" % (len(nj) == len(nc) and all(c["name"] == j["name"] for c, j in zip(nc, nj))))
gd = table(d + "/ev.gdelt", "\t")
quad = {r: 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4 for r in range(1, 21)}
out.append("gdelt-quad %s" % all(int(g["QuadClass"]) == quad[int(g["EventRootCode"])] and
                                  g["EventCode"].startswith(g["EventRootCode"]) for g in gd))
out.append("gdelt-counts %s" % all(1 <= int(g["NumSources"]) <= int(g["NumArticles"]) <= int(g["NumMentions"]) for g in gd))
out.append("gdelt-mentions %s" % (sum(int(g["NumMentions"]) for g in gd) ==
           sum(1 for e in ev if e["cameo"] and not e["negated"] and e["modality"] == "asserted")))
out.append("gdelt-dates %s" % all(len(g["SQLDATE"]) == 8 and g["SQLDATE"].isdigit() for g in gd))
print("\n".join(out))
EOF
    $PY "$T/check.py" "$T" > "$T/py" 2>&1
    check "jsonl: every line is JSON ($events)" 'grep -qx "jsonl-valid $events" "$T/py"'
    expect "plover: every object has the PLOVER fields" grep -qx 'plover-fields True' "$T/py"
    expect "plover: the sentence holds the trigger" grep -qx 'plover-sentence True' "$T/py"
    expect "csv: one row per event under the header" grep -qx 'csv-rows True' "$T/py"
    expect "csv: the csv module reads back the JSON's values" grep -qx 'csv-same True' "$T/py"
    expect "csv --what quotes: the same texts as the JSON" grep -qx 'quotes-same True' "$T/py"
    expect "csv: an id with a comma, quote marks and a line break reads back whole" grep -qx 'quotes-odd True' "$T/py"
    expect "csv --what entities: the same names as the JSON" grep -qx 'entities-same True' "$T/py"
    expect "gdelt: QuadClass follows the CAMEO root" grep -qx 'gdelt-quad True' "$T/py"
    expect "gdelt: sources <= articles <= mentions" grep -qx 'gdelt-counts True' "$T/py"
    expect "gdelt: the mentions add up to the coded events" grep -qx 'gdelt-mentions True' "$T/py"
    expect "gdelt: SQLDATE is YYYYMMDD" grep -qx 'gdelt-dates True' "$T/py"
    grep -v ' True$' "$T/py" | grep -v '^jsonl-valid' | sed 's/^/# /'
fi

# ---- modalities: dyads and the report count asserted events ---------------------
total() { # the events dyads counts, from its JSON
    "$RIFT" dyads --db "$1" --json $2 | grep -o '"events":[0-9]*' | sed -n '/./p' |
        awk -F: '{s += $2} END {print s + 0}'
}
all=$(total "$T/e.db" "")
cp "$T/e.db" "$T/m.db"
q "$T/m.db" "UPDATE events SET modality = 'future' WHERE (article_id, idx) IN (SELECT
    article_id, idx FROM events WHERE negated = 0 AND source_idx IS NOT NULL
    AND target_idx IS NOT NULL ORDER BY article_id, idx LIMIT 3)"
check "dyads: future events are not counted by default ($(total "$T/m.db" "") of $all)" \
    '[ "$(total "$T/m.db" "")" -lt "$all" ]'
check "dyads --modes asserted,future counts them again" '[ "$(total "$T/m.db" "--modes asserted,future")" = "$all" ]'
check "dyads --modes all counts them again" '[ "$(total "$T/m.db" "--modes all")" = "$all" ]'
check "dyads --modes future counts only them" '[ "$(total "$T/m.db" "--modes future")" -le 3 ]'
"$RIFT" dyads --db "$T/m.db" --modes asserted,nonsense > /dev/null 2> "$T/err"; rc=$?
check "dyads --modes with an unknown name: usage error" '[ $rc -eq 2 ] && grep -q "modalities" "$T/err"'
"$RIFT" report --db "$T/m.db" -o "$T/r.html" && "$RIFT" report --db "$T/m.db" --modes all -o "$T/ra.html"
check "report: says which modalities count, and --modes changes it" \
    'grep -q "modality is asserted (" "$T/r.html" && grep -q "modality is asserted, future, intended" "$T/ra.html"'

# ---- a store of the previous rift ------------------------------------------------
cp "$T/e.db" "$T/old.db"
q "$T/old.db" "DROP VIEW event_view;
ALTER TABLE events DROP COLUMN source_code; ALTER TABLE events DROP COLUMN target_code;
ALTER TABLE events DROP COLUMN source_text; ALTER TABLE events DROP COLUMN target_text;
ALTER TABLE events DROP COLUMN modality; ALTER TABLE events DROP COLUMN attributed_idx;
ALTER TABLE events DROP COLUMN attributed_name; ALTER TABLE events DROP COLUMN attribution;
ALTER TABLE events DROP COLUMN object_text; ALTER TABLE events DROP COLUMN confidence;
ALTER TABLE events DROP COLUMN event_date_origin;
CREATE VIEW event_view AS SELECT ev.article_id, ev.idx,
  coalesce(sa.name, ev.source_name) AS source, es.actor_id AS source_actor,
  coalesce(ta.name, ev.target_name) AS target, et.actor_id AS target_actor,
  ev.plover, ev.mode, ev.cameo, ev.goldstein, ev.negated,
  coalesce(ev.date, a.date) AS date, ev.trigger, a.outlet, ev.claim_id,
  c.n_articles, c.n_outlets, c.first_outlet, c.first_date
  FROM events ev JOIN articles a ON a.id = ev.article_id
  LEFT JOIN entities es ON es.article_id = ev.article_id AND es.idx = ev.source_idx
  LEFT JOIN actors sa ON sa.id = es.actor_id
  LEFT JOIN entities et ON et.article_id = ev.article_id AND et.idx = ev.target_idx
  LEFT JOIN actors ta ON ta.id = et.actor_id
  LEFT JOIN corroboration c ON c.id = ev.claim_id;"
cols() { q "$1" "SELECT count(*) FROM pragma_table_info('events')"; }
old_cols=$(cols "$T/old.db")
chmod 444 "$T/old.db"
"$RIFT" export --db "$T/old.db" --format jsonl > "$T/old.jsonl" 2> "$T/err"; rc=$?
check "an older store, read-only: export reads every event (exit $rc)" \
    '[ $rc -eq 0 ] && [ "$(wc -l < "$T/old.jsonl" | tr -d " ")" = "$events" ]'
check "an older store: its events read as asserted, without codes" \
    '[ "$(grep -c "\"modality\":\"asserted\"" "$T/old.jsonl")" = "$events" ] && ! grep -q "\"source_code\":\"" "$T/old.jsonl"'
check "an older store: dyads and the report read it" \
    '[ "$(total "$T/old.db" "")" = "$all" ] && "$RIFT" report --db "$T/old.db" -o "$T/old.html"'
expect "an older store: reading it changes nothing" [ "$(cols "$T/old.db")" = "$old_cols" ]
chmod 644 "$T/old.db"
"$RIFT" analyze -q --db "$T/old.db" "$T/odd.jsonl" examples/wire.jsonl 2> /dev/null; rc=$?
check "an older store gains the event columns on write ($old_cols -> $(cols "$T/old.db"))" \
    '[ $rc -eq 0 ] && [ "$(cols "$T/old.db")" = "$(cols "$T/e.db")" ] && [ "$(q "$T/old.db" "PRAGMA integrity_check")" = ok ]'
check "an older store, once written: its view has the new columns" \
    '[ "$(q "$T/old.db" "SELECT count(*) FROM event_view WHERE modality = '"'asserted'"'")" = "$events" ]'

# ---- one outlet, one name ---------------------------------------------------------
Q='\"We will open the harbour to every shipping line by the end of the year\", the governor said.'
{
    printf '{"id":"o1","date":"2026-04-01","source":"Reuters","title":"Port opens","text":"PORT HALVARD - Teodora Brask spoke on Wednesday. %s"}\n' "$Q"
    printf '{"id":"o2","date":"2026-04-01","url":"https://www.reuters.com/world/port-opens","title":"Port to open","text":"PORT HALVARD - Governor Teodora Brask spoke to reporters. %s"}\n' "$Q"
    printf '{"id":"o3","date":"2026-04-02","source":"www.reuters.com","title":"Harbour opening","text":"Governor Teodora Brask spoke again on Thursday. %s"}\n' "$Q"
    printf '{"id":"o4","date":"2026-04-02","source":"Kestrel Radio News","title":"Port opening","text":"Teodora Brask, the governor, spoke at the port. %s"}\n' "$Q"
    printf '{"id":"o5","date":"2026-04-02","url":"http://kestrel-radio.example/port","title":"Brask on the port","text":"Teodora Brask spoke at the harbour on Thursday. %s"}\n' "$Q"
} > "$T/outlets.jsonl"
"$RIFT" analyze -q --db "$T/o.db" "$T/outlets.jsonl" 2> /dev/null
expect "outlets: five articles of two outlets spelled five ways store two names" \
    [ "$(q "$T/o.db" 'SELECT group_concat(o, "|") FROM (SELECT DISTINCT outlet AS o FROM articles ORDER BY o)')" = "Kestrel Radio|Reuters" ]
check "outlets: corroboration counts two outlets for the quote in five articles" \
    '[ "$(q "$T/o.db" "SELECT max(n_articles) || \":\" || max(n_outlets) FROM corroboration WHERE kind = '"'quote'"'")" = "5:2" ]'
"$RIFT" stories --db "$T/o.db" > "$T/out"
check "outlets: rift stories lists each outlet once" \
    '[ "$(grep -c "outlets: Reuters, Kestrel Radio$" "$T/out")" -ge 1 ] || [ "$(grep -c "outlets: Kestrel Radio, Reuters$" "$T/out")" -ge 1 ]'
