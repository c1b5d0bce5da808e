#!/usr/bin/env python3
# html_eval.py: scores rift's HTML main-text extraction against the gold
# article bodies of the article-extraction-benchmark (bench/html_eval.sh runs
# it).  A bench tool only: tests never use python.
import gzip, json, os, re, subprocess, sys
from collections import Counter

WORD = re.compile(r'\w+', re.UNICODE)

def grams(text, n):
    toks = WORD.findall(text or '')
    if n == 1:
        return Counter(toks)
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])

def counts(gold, pred, n):
    g, p = grams(gold, n), grams(pred, n)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)

def prec(tp, fp, fn):
    if fp == fn == 0: return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)

def rec(tp, fp, fn):
    if fp == fn == 0: return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)

def score(gold, pred, n):
    rows = [counts(gold[k].get('articleBody', ''), pred.get(k, ''), n) for k in gold]
    P = [prec(*r) for r in rows if r[0] + r[1] > 0]
    R = [rec(*r) for r in rows if r[0] + r[2] > 0]
    p = sum(P) / len(P) if P else 0.0
    r = sum(R) / len(R) if R else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f

def rift_text(rift, html, *args):
    """The main text rift takes out of the page bytes html ('' for none)."""
    r = subprocess.run([rift, 'analyze', '--text', '--input-format', 'html', '-q'] +
                       list(args) + ['-'], input=html, capture_output=True)
    text = ''
    for line in r.stdout.decode('utf8', 'replace').splitlines():
        try:
            text = json.loads(line).get('text') or ''
        except ValueError:
            pass
    return text

def main():
    rift, root = sys.argv[1], sys.argv[2]
    if os.path.exists(os.path.join(root, 'evaldata.json')):
        import traf_eval
        return traf_eval.main(rift, root, rift_text)
    gold = json.load(gzip.open(os.path.join(root, 'ground-truth.json.gz'), 'rt', encoding='utf8'))
    pred, failed = {}, 0
    for k in gold:
        html = gzip.open(os.path.join(root, 'html', k + '.html.gz')).read()
        text = rift_text(rift, html)
        if not text:
            failed += 1
        pred[k] = text
        if os.environ.get('DUMP'):
            with open(os.path.join(os.environ['DUMP'], k + '.txt'), 'w') as f:
                f.write(text)
    systems = [('rift', pred)]
    outdir = os.path.join(root, 'output')
    for fn in sorted(os.listdir(outdir)) if os.path.isdir(outdir) else []:
        d = json.load(gzip.open(os.path.join(outdir, fn), 'rt', encoding='utf8'))
        d = d.get('output', d)
        systems.append((fn.split('.')[0], {k: (v or {}).get('articleBody') or '' for k, v in d.items()}))
    print('%d pages, rift gave no text for %d' % (len(gold), failed))
    print('%-16s %27s   %27s' % ('', 'words (bag of words) P/R/F1', '4-word shingles P/R/F1'))
    for name, pr in systems:
        a, b = score(gold, pr, 1), score(gold, pr, 4)
        print('%-16s  %.3f  %.3f  %.3f          %.3f  %.3f  %.3f' % ((name,) + a + b))

if __name__ == '__main__':
    main()
