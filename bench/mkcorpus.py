#!/usr/bin/env python3
# bench/mkcorpus.py: builds the benchmark corpus from ../shared text into an
# output directory (build-bench/), as JSON Lines and as plain-text files.
# It only reads ../shared; it must never write into the repository.
"""usage: mkcorpus.py SHARED OUTDIR [MIN_MB]

Writes into OUTDIR:
  corpus.jsonl    >= MIN_MB (default 20) of article text, one article a line
                  (id, url, title, date, source, text): the whole set of
                  unique articles repeated, with distinct ids, until the
                  text reaches MIN_MB
  corpus10.jsonl  the same ten times over (distinct ids), for the memory check
  txt/            one .txt file per article of corpus.jsonl (title line,
                  blank line, text), in sub-directories of 1000 files
  corpus.stats    shell-readable counts: articles, text bytes, file bytes
"""

import csv
import glob
import gzip
import io
import json
import lzma
import os
import re
import sys
import tarfile
import xml.etree.ElementTree as ET

csv.field_size_limit(1 << 30)


def art(id_, source, text, title=None, url=None, date=None):
    return {"id": id_, "url": url, "title": title, "date": date,
            "source": source, "text": text}


def seeds(shared):
    out = []
    for p in sorted(glob.glob(os.path.join(shared, "seeds", "*.txt"))):
        with open(p, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        out.append(art("seed-" + os.path.basename(p)[:-4], "seeds", text))
    return out


def wikinews(shared):
    out = []
    for p in sorted(glob.glob(os.path.join(
            shared, "corpora", "wikinews-sample-2019-2020", "*.csv.gz"))):
        with gzip.open(p, "rt", encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                text = row.get("text") or ""
                if not text.strip():
                    continue
                out.append(art("wn-%s-%d" % (os.path.basename(p)[:-7], i),
                               "Wikinews", text, row.get("title"),
                               row.get("url"), row.get("date") or None))
    return out


NEWPAR = re.compile(r"^# newpar(\s|$)")


def conllu_docs(lines, prefix, source):
    """Articles from CoNLL-U comment lines: '# newdoc' starts an article,
    '# newpar' a paragraph, '# text = ...' is a sentence."""
    out = []
    doc = None

    def close():
        if doc and doc["paras"]:
            paras = [" ".join(p) for p in doc["paras"] if p]
            text = "\n\n".join(paras) + "\n"
            out.append(art("%s-%s" % (prefix, doc["id"]), source, text,
                           doc["meta"].get("title"), doc["meta"].get("sourceURL"),
                           (doc["meta"].get("dateCreated") or "")[:10] or None))

    for line in lines:
        if not line.startswith("#"):
            continue
        line = line.rstrip("\n")
        if line.startswith("# newdoc"):
            close()
            m = re.match(r"# newdoc id = (.*)", line)
            doc = {"id": m.group(1).strip() if m else str(len(out)),
                   "meta": {}, "paras": [[]]}
        elif doc is None:
            continue
        elif NEWPAR.match(line):
            if doc["paras"][-1]:
                doc["paras"].append([])
        elif line.startswith("# text = "):
            doc["paras"][-1].append(line[9:])
        elif line.startswith("# meta::"):
            k, _, v = line[8:].partition(" = ")
            doc["meta"][k.strip()] = v.strip()
    close()
    return out


def treebanks(shared):
    out = []
    for sub, prefix, source in (("ud-english-ewt", "ewt", "UD English EWT"),
                                ("ud-english-gum-open", "gum", "UD English GUM")):
        for p in sorted(glob.glob(os.path.join(shared, "corpora", sub, "*.conllu.xz"))):
            with lzma.open(p, "rt", encoding="utf-8") as f:
                out += conllu_docs(f, prefix, source)
    return out


def gum_wiki(shared):
    out = []
    for p in sorted(glob.glob(os.path.join(shared, "corpora", "gum-wiki", "dep", "*.conllu"))):
        with open(p, encoding="utf-8") as f:
            out += conllu_docs(f, "gumwiki", "GUM wiki")
    return out


NOSPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%",
                  "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}


def detok(tokens):
    s = ""
    for t in tokens:
        t = {"``": "\u201c", "''": "\u201d"}.get(t, t)
        if (s and t not in NOSPACE_BEFORE and t != "\u201d"
                and not s.endswith(("(", "[", "$", "\u201c"))):
            s += " "
        s += t
    return s


def token_docs(root, prefix, source, name):
    """Articles from token-per-element XML (MEANTIME, ECB+): tokens grouped
    by their 'sentence' attribute, the first sentence taken as the title."""
    sents = {}
    order = []
    for tok in root.iter("token"):
        s = tok.get("sentence")
        if s not in sents:
            sents[s] = []
            order.append(s)
        sents[s].append(tok.text or "")
    lines = [detok(sents[s]) for s in order]
    if len(lines) < 2:
        return []
    return [art("%s-%s" % (prefix, name), source, "\n\n".join(lines[1:]) + "\n",
                lines[0])]


def meantime(shared):
    out = []
    for p in sorted(glob.glob(os.path.join(shared, "corpora", "meantime-en", "corpus_*", "*.xml"))):
        try:
            root = ET.parse(p).getroot()
        except ET.ParseError:
            continue
        out += token_docs(root, "meantime", "MEANTIME", os.path.basename(p)[:-4])
    return out


def ecbplus(shared):
    out = []
    p = os.path.join(shared, "corpora", "ecbplus", "ECBplus-xml.tar.xz")
    if not os.path.exists(p):
        return out
    docs = []
    # streaming mode: random access into an .xz archive re-decompresses it
    with tarfile.open(p, "r|xz") as tf:
        for m in tf:
            if not m.isfile() or not m.name.endswith(".xml"):
                continue
            data = tf.extractfile(m).read()
            try:
                root = ET.parse(io.BytesIO(data)).getroot()
            except ET.ParseError:
                continue
            docs.append((m.name, root))
    for name, root in sorted(docs, key=lambda d: d[0]):
        out += token_docs(root, "ecb", "ECB+", os.path.basename(name)[:-4])
    return out


def text_bytes(a):
    return len(a["text"].encode("utf-8"))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    shared, outdir = sys.argv[1], sys.argv[2]
    min_bytes = int(float(sys.argv[3]) * 1e6) if len(sys.argv) > 3 else 20 * 10**6
    os.makedirs(outdir, exist_ok=True)

    base = seeds(shared) + wikinews(shared) + treebanks(shared)
    size = sum(map(text_bytes, base))
    # the other corpora only when the required ones are not enough for one
    # quarter of the target, so that the set repeats at most a few times
    for extra in (gum_wiki, meantime, ecbplus):
        if size * 4 >= min_bytes:
            break
        more = extra(shared)
        base += more
        size += sum(map(text_bytes, more))
    if size == 0:
        sys.exit("mkcorpus: no text found under %s" % shared)

    sources = {}
    for a in base:
        sources[a["source"]] = sources.get(a["source"], 0) + 1

    def write(path, copies, txtdir=None):
        n = tb = 0
        with open(path, "w", encoding="utf-8") as f:
            for k in range(copies):
                for a in base:
                    b = dict(a)
                    b["id"] = "r%d-%s" % (k, a["id"])
                    f.write(json.dumps(b, ensure_ascii=False) + "\n")
                    if txtdir is not None:
                        d = os.path.join(txtdir, "%03d" % (n // 1000))
                        if n % 1000 == 0:
                            os.makedirs(d, exist_ok=True)
                        with open(os.path.join(d, "%06d.txt" % n), "w",
                                  encoding="utf-8") as t:
                            if a["title"]:
                                t.write(a["title"] + "\n\n")
                            t.write(a["text"])
                    n += 1
                    tb += text_bytes(a)
        return n, tb

    copies = -(-min_bytes // size)
    txtdir = os.path.join(outdir, "txt")
    if os.path.isdir(txtdir):
        for p in glob.glob(os.path.join(txtdir, "*", "*.txt")):
            os.remove(p)
    n1, tb1 = write(os.path.join(outdir, "corpus.jsonl"), copies, txtdir)
    n10, tb10 = write(os.path.join(outdir, "corpus10.jsonl"), copies * 10)
    txt_bytes = sum(os.path.getsize(p) for p in glob.glob(os.path.join(txtdir, "*", "*.txt")))
    with open(os.path.join(outdir, "corpus.stats"), "w") as f:
        f.write("unique_articles=%d\nunique_bytes=%d\ncopies=%d\n" % (len(base), size, copies))
        f.write("articles=%d\ntext_bytes=%d\nfile_bytes=%d\n"
                % (n1, tb1, os.path.getsize(os.path.join(outdir, "corpus.jsonl"))))
        f.write("articles10=%d\ntext_bytes10=%d\nfile_bytes10=%d\n"
                % (n10, tb10, os.path.getsize(os.path.join(outdir, "corpus10.jsonl"))))
        f.write("txt_files=%d\ntxt_bytes=%d\n" % (n1, txt_bytes))
        f.write("sources='%s'\n" % ", ".join(
            "%s %d" % (s, c) for s, c in sorted(sources.items())))


if __name__ == "__main__":
    main()
