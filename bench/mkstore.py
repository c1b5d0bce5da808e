#!/usr/bin/env python3
# bench/mkstore.py: the synthetic news stream of `make bench-store`, up to a
# million articles varied from ../shared texts, as JSON Lines batch files.
"""usage: mkstore.py SHARED OUTDIR [options] BATCH...

Writes OUTDIR/batch_K.jsonl for each BATCH number K (0-based), each STEP
articles (the last one fewer when N is not a multiple), one JSON object a
line: id, url, title, date, source, text.  Reads ../shared at run time (the
texts bench/mkcorpus.py reads: seeds, Wikinews, the UD treebanks, GUM wiki,
MEANTIME, ECB+); writes nothing else.  Deterministic: a batch depends only
on the shared texts, --seed, --n, --step, --days, --start, --bases and K,
so batches can be made one at a time, in any order, on demand.

Each article is a base text varied: its person names swapped for names
from a list of common first and last names (one mapping per article, so a
name stays the same within it), its paragraphs after the lead shuffled and
a few dropped, an outlet (a source name and the URL host that goes with it,
popular outlets more often), and a date: article i of N falls at i/N of
--days days from --start, give or take two days, so the stream runs
forward in time as real news does.  About one draw in twelve is a wire
story: one varied text carried by 2 to 7 outlets, with a dateline naming
the agency, dated over the three days after the first copy.

options:
  --n N        articles in the whole stream (default 1000000)
  --step S     articles per batch (default 100000)
  --days D     days the stream spans (default 3650)
  --start DAY  the first day, YYYY-MM-DD (default 2015-01-01)
  --seed X     the random seed (default 17)
  --bases K    vary only the first K usable base texts (default all; the
               test uses a few, so that each recurs)
  --stats      print one line per batch on stdout: batch, articles, wire
               copies, distinct outlets, bytes of text, bytes of file
"""

import argparse
import bisect
import datetime
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkcorpus  # noqa: E402  the readers of the shared corpora

FIRST = """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth
William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen
Christopher Lisa Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra
Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle
Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy Deborah
Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia
Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen
Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha
Samuel Katherine Gregory Christine Alexander Debra Frank Rachel Patrick
Carolyn Raymond Janet Jack Catherine Dennis Maria Jerry Heather Tyler Diane
Aaron Ruth Jose Julie Adam Olivia Henry Joyce Nathan Douglas
Zachary Kelly Peter Lauren Kyle Christina Ahmed Fatima Mohammed
Aisha Wei Mei Hiroshi Yuki Carlos Sofia Luis Elena Ivan Olga Pierre Claire
Hans Ingrid Rajesh Priya Kwame Amara Mateo Lucia Omar Leila""".split()

LAST = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez
Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore
Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores
Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez
Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris
Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey
Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood
James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel
Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell
Coleman Butler Henderson Barnes Fisher Vasquez Simmons Graham Murray Ford
Hamilton Wallace Okafor Mensah Tanaka Sato Nakamura Chen Wang Zhang Singh
Kumar Khan Ali Hassan Ivanov Petrov Kowalski Novak Schmidt Muller Dubois
Rossi Silva Santos Olsen Larsen Lindqvist Byrne Walsh""".split()

# words that open a person's name: honorifics and titles
TITLES = """Mr Mrs Ms Dr Sir Lady President Senator Governor Mayor Minister
Judge Justice General Colonel Captain Sergeant Officer Detective Professor
Rev Father Chancellor Premier Secretary Representative Rep Sen Gov Gen Col
Lt Capt Sgt Det Prof""".split()

CITIES = """Halden Ashford Brookfield Carlton Dunmore Elmstead Fairhaven Glenrock
Harwick Ironbridge Kingsport Lakemont Marlow Newbury Oakridge Pinecrest
Queensbury Riverton Stanmore Thornbury Upton Valemount Westbury Yarmouth
Aberdeen Auckland Baltimore Bristol Calgary Cardiff Chicago Cork Dallas
Denver Dublin Durban Edinburgh Glasgow Houston Leeds Lisbon Liverpool Lyon
Madrid Manchester Melbourne Montreal Nairobi Oslo Ottawa Perth Portland
Seattle Sydney Toronto Vancouver Wellington Winnipeg""".split()

PAPERS = """Herald Times Post Gazette Chronicle Tribune Courier Journal Observer
Record Star Sentinel Examiner Register Ledger Independent Express Mirror
Standard Telegraph Dispatch Bulletin Monitor Review""".split()

TLDS = [".com", ".com", ".com", ".co.uk", ".net", ".org", ".com.au", ".ca",
        ".ie", ".co.nz"]

AGENCIES = [("Meridian Wire", "MW"), ("Continental Press", "CP Wire"),
            ("Northstar News Service", "NNS"), ("Atlas Newswire", "Atlas"),
            ("Harbour Press Agency", "HPA"), ("Globe Wire Service", "GWS")]

CAP = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
DATELINE = re.compile(r"^\w+day, \w+ \d{1,2}, \d{4}\W*$")
PARA = re.compile(r"\n\s*\n")


def outlets(rng):
    """About 300 outlets: (source, host), popular ones first; weights fall
    off as 1/rank, so a few outlets carry much of the stream."""
    pairs = [(c, p) for c in CITIES for p in PAPERS]
    rng.shuffle(pairs)
    out = []
    for i, (c, p) in enumerate(pairs[:300]):
        host = "www.%s%s%s" % (c.lower(), p.lower(), TLDS[i % len(TLDS)])
        out.append(("The %s %s" % (c, p), host))
    return out


def surnames_of(text, firsts, titles):
    """The surnames of a text: capitalized words after a first name of the
    list or after a title ("Donald Trump", "President Trump")."""
    words = [(m.start(), m.end(), m.group(0)) for m in CAP.finditer(text)]
    out = set()
    for (s0, e0, w0), (s1, e1, w1) in zip(words, words[1:]):
        if (w0 in firsts or w0 in titles) and text[e0:s1] in (" ", ". ") and \
                w1 not in titles and w1 not in firsts:
            out.add(w1)
    return out


def template(text, firsts, surnames):
    """A text as pieces: literal strings and name slots ('f', name) or
    ('l', name), one for every first name of the list and every surname
    of the article, wherever it stands."""
    pieces, last = [], 0
    for m in CAP.finditer(text):
        w = m.group(0)
        kind = "f" if w in firsts else "l" if w in surnames else None
        if kind:
            if m.start() > last:
                pieces.append(text[last:m.start()])
            pieces.append((kind, w))
            last = m.end()
    if last < len(text):
        pieces.append(text[last:])
    return pieces


def split_paras(text):
    paras = [p.strip() for p in PARA.split(text) if p.strip()]
    if len(paras) == 1:
        paras = [p.strip() for p in text.split("\n") if p.strip()]
    # a bare "Monday, January 7, 2019" line (Wikinews) would contradict the date given
    return [p for p in paras if not DATELINE.match(p)]


class Base:
    """The base texts, each as a title template and paragraph templates."""

    def __init__(self, shared, limit=0):
        firsts, titles = set(FIRST), set(TITLES)
        self.items = []
        for a in self.articles(shared):
            paras = split_paras(a["text"])
            if len(paras) < 2 or sum(map(len, paras)) < 400:
                continue
            title = a["title"] or paras[0].split(". ")[0][:120]
            sur = surnames_of(title + "\n\n" + "\n\n".join(paras), firsts, titles)
            self.items.append((template(title, firsts, sur),
                               [template(p, firsts, sur) for p in paras]))
            if len(self.items) == limit:
                break
        if not self.items:
            sys.exit("mkstore: no usable text under %s" % shared)

    @staticmethod
    def articles(shared):
        """The shared articles, corpus by corpus, read as they are asked for
        (with --bases, only the corpora it takes)."""
        for read in (mkcorpus.seeds, mkcorpus.wikinews, mkcorpus.treebanks,
                     mkcorpus.gum_wiki, mkcorpus.meantime, mkcorpus.ecbplus):
            yield from read(shared)


def fill(pieces, names, rng):
    out = []
    for p in pieces:
        if isinstance(p, str):
            out.append(p)
            continue
        v = names.get(p)
        if v is None:
            v = names[p] = rng.choice(FIRST if p[0] == "f" else LAST)
        out.append(v)
    return "".join(out)


def variant(item, rng):
    """One varied text from a base item: (title, text, number of names)."""
    title_t, paras_t = item
    names = {}
    rest = list(range(1, len(paras_t)))
    rng.shuffle(rest)
    drop = rng.randrange(len(rest) // 5 + 1)
    keep = [0] + rest[drop:]
    paras = [fill(paras_t[i], names, rng) for i in keep]
    return fill(title_t, names, rng), paras, len(names)


def slug(title, n):
    s = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    return "%s-%d" % (s or "story", n)


def batch(base, outs, cum, k, a):
    """Writes batch k; returns its counts."""
    rng = random.Random("%d/%d/%d/%d/%s/%d" % (a.seed, a.n, a.step, a.days, a.start, k))
    first = k * a.step
    end = min(a.n, first + a.step)
    start = datetime.date.fromisoformat(a.start)
    path = os.path.join(a.outdir, "batch_%d.jsonl" % k)
    n = wire = tbytes = renamed = 0
    seen = set()
    total = cum[-1]

    def pick_outlet():
        return outs[bisect.bisect(cum, rng.random() * total)]

    with open(path + ".tmp", "w", encoding="utf-8") as f:
        g = first
        while g < end:
            title, paras, nn = variant(rng.choice(base.items), rng)
            renamed += nn > 0
            day = start + datetime.timedelta(
                days=max(0, g * a.days // a.n + rng.randint(-2, 2)))
            copies = rng.randint(2, 7) if rng.random() < 1 / 12 else 1
            agency = rng.choice(AGENCIES) if copies > 1 else None
            city = rng.choice(CITIES)
            used = set()
            for c in range(min(copies, end - g)):
                src, host = pick_outlet()
                while src in used:
                    src, host = pick_outlet()
                used.add(src)
                d = day + datetime.timedelta(days=rng.randint(0, 3) if c else 0)
                body = paras
                if agency:
                    body = ["%s (%s) - %s" % (city.upper(), agency[1], paras[0])] + paras[1:]
                    wire += 1
                text = "\n\n".join(body) + "\n"
                iso = d.isoformat()
                rec = {"id": "s%d-%d" % (k, g), "url": "https://%s/%s/%s" % (
                    host, iso.replace("-", "/"), slug(title, g)),
                    "title": title, "date": iso, "source": src, "text": text}
                # one article in twenty carries only its URL: the outlet is the host
                if rng.random() < 0.05:
                    del rec["source"]
                f.write(json.dumps(rec, ensure_ascii=False))
                f.write("\n")
                seen.add(src)
                tbytes += len(text.encode("utf-8"))
                n += 1
                g += 1
    os.replace(path + ".tmp", path)
    return n, wire, len(seen), renamed, tbytes, os.path.getsize(path)


def main():
    usage, _, rest = __doc__.partition("\n")
    ap = argparse.ArgumentParser(usage=usage[len("usage: "):], description=rest,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared")
    ap.add_argument("outdir")
    ap.add_argument("batches", nargs="+", type=int, metavar="BATCH")
    ap.add_argument("--n", type=int, default=1000000)
    ap.add_argument("--step", type=int, default=100000)
    ap.add_argument("--days", type=int, default=3650)
    ap.add_argument("--start", default="2015-01-01")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--bases", type=int, default=0)
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args()
    if a.n < 1 or a.step < 1 or a.days < 1:
        ap.error("--n, --step and --days must be positive")
    nb = -(-a.n // a.step)
    for k in a.batches:
        if not 0 <= k < nb:
            ap.error("batch %d out of range (%d batches of %d)" % (k, nb, a.step))
    os.makedirs(a.outdir, exist_ok=True)
    base = Base(a.shared, a.bases)
    outs = outlets(random.Random(a.seed))
    cum, t = [], 0.0
    for r in range(len(outs)):
        t += 1.0 / (r + 1)
        cum.append(t)
    for k in a.batches:
        counts = batch(base, outs, cum, k, a)
        if a.stats:
            print("batch %d articles %d wire %d outlets %d renamed %d text_bytes %d file_bytes %d"
                  % ((k,) + counts))


if __name__ == "__main__":
    main()
