# python_binding.py: the Python binding (python/rift) against the rift CLI of
# the same build: the same JSON per article, the same store rows.
# Usage: python3 tests/python_binding.py BUILD/rift STORE.db WORKDIR (from tests/python.sh)
import json
import os
import subprocess
import sys

import rift

RIFT, DB, WORK = sys.argv[1:4]
n = 0
failed = 0


def check(desc, cond, detail=""):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, desc))
    if not cond:
        failed += 1
        for line in str(detail).splitlines()[:5]:
            print("#   " + line)


def cli_json(*args):
    out = subprocess.run([RIFT] + list(args), check=True, capture_output=True).stdout
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


def cli_article(name, content, *options):
    """The JSON object `rift analyze OPTIONS FILE` writes for content in WORK/name."""
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(content)
    return cli_json("analyze", *options, path)[0]


LAYERS = ("title", "date", "date_origin", "blocks", "sentences", "entities", "quotes",
          "times", "events")

# one article: the dict is the CLI's JSON object, layer for layer
text = ("WASHINGTON, June 5 (AP) -- Governor Teodora Brask met Lucan Ferreira-Holt in "
        "Halden on Monday. \"We will sign the pact,\" Brask said. Ferreira-Holt "
        "criticized the port authority for the delay.\n")
want = cli_article("a.txt", text, "--date", "2025-06-07")
got = rift.analyze(text, default_date="2025-06-07")
diff = [k for k in LAYERS if got.get(k) != want.get(k)]
check("rift.analyze(text) equals `rift analyze` on the same text (%s)" % ", ".join(LAYERS),
      not diff, "differs in: %s\n%s" % (diff, [(got.get(k), want.get(k)) for k in diff[:1]]))
check("the article has entities, a quote and an event",
      {"Teodora Brask", "Lucan Ferreira-Holt"} <= {e["name"] for e in got["entities"]} and
      any(q["speaker_name"] == "Teodora Brask" for q in got["quotes"]) and got["events"],
      json.dumps(got)[:400])

# metadata in, metadata out; date is the article's own
got = rift.analyze(text, date="2024-11-03", url="https://news.example/a", title="The pact",
                   source="Example Wire", id="a1", include_text=True)
check("date, url, title, source and id are the article's metadata",
      (got["date"], got["date_origin"], got["url"], got["title"], got["source"], got["id"]) ==
      ("2024-11-03", "metadata", "https://news.example/a", "The pact", "Example Wire", "a1"),
      json.dumps({k: got.get(k) for k in ("date", "date_origin", "url", "title", "source",
                                          "id")}))
check("include_text=True gives the text", got.get("text") == text)

# HTML goes through the library's own extraction, as rift analyze reads it
html = ("<html><head><title>Harbour pact signed</title></head><body><nav>Home | World</nav>"
        "<article><p>Governor Teodora Brask signed the harbour pact on Monday, her office "
        "said.</p></article></body></html>")
want = cli_article("p.html", html)
got = rift.analyze(html=html)
check("rift.analyze(html=...) reads the page as `rift analyze page.html` does",
      got["title"] == want["title"] == "Harbour pact signed" and
      [e["name"] for e in got["entities"]] == [e["name"] for e in want["entities"]],
      (got["title"], want["title"]))

# mistakes are exceptions that say what is wrong
for desc, call, exc in [
        ("an impossible default_date is refused",
         lambda: rift.analyze("Text.", default_date="2025-02-31"), rift.RiftError),
        ("an unknown date_order is refused", lambda: rift.analyze("Text.", date_order="ymd"),
         ValueError),
        ("text and html together are refused", lambda: rift.analyze("a", html="<p>b</p>"),
         TypeError),
        ("a missing store is 'no such store', none created",
         lambda: rift.Store(os.path.join(WORK, "none.db")), rift.RiftError)]:
    try:
        call()
        check(desc, False, "no exception")
    except exc as e:
        check(desc, "none.db" not in desc or ("no such store" in str(e) and
                                              not os.path.exists(os.path.join(WORK,
                                                                              "none.db"))),
              str(e))

# the store: rows as the CLI's queries give them
with rift.Store(DB) as st:
    counts = st.counts()
    events = list(st.events())
    check("Store.events() gives every stored event (%d)" % counts["events"],
          counts["events"] > 0 and len(events) == counts["events"] and
          all(e["plover"] and "source" in e and "target" in e for e in events))
    check("Store.entities() gives every actor (%d)" % counts["actors"],
          len(st.entities()) == counts["actors"] > 0)
    want = cli_json("quotes", "--db", DB, "--json")
    quotes = st.quotes()
    check("Store.quotes() gives the quotes of `rift quotes --json` (%d), in order" % len(want),
          [(q["speaker"], q["text"], q["n_outlets"]) for q in quotes] ==
          [(q["speaker"], q["text"], q["outlets"]) for q in want] and len(want) > 0)
    some = quotes[0]["speaker"].split()[-1].lower()
    check("Store.quotes(speaker=...) filters by speaker ('%s')" % some,
          0 < len(st.quotes(speaker=some)) <= len(quotes) and
          all(some in q["speaker"].lower() for q in st.quotes(speaker=some)))
    want = cli_json("stories", "--db", DB, "--json")
    check("Store.stories() gives the stories of `rift stories --json`",
          [(s["id"], s["n_articles"], s["title"]) for s in st.stories()] ==
          [(s["story"], s["articles"], s["title"]) for s in want])
    check("Store.story_articles() places every article in a story",
          sorted(r["article"] for r in st.story_articles()) ==
          list(range(1, counts["articles"] + 1)))

print("# python %s, librift %s from %s" % (sys.version.split()[0], rift.version(),
                                          rift.library_path))
sys.exit(1 if failed else 0)
