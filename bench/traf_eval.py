#!/usr/bin/env python3
# traf_eval.py: scores rift's HTML main text on the trafilatura evaluation
# pages (bench/html_eval.sh runs it when given that corpus): for each page,
# snippets that must appear in the text and boilerplate snippets that must
# not; precision, recall and F1 over all snippets, as trafilatura's
# evaluation counts them.  A bench tool only: tests never use python.
import json, os, re, tarfile, tempfile

SPACE = re.compile(r'\s+')

def norm(s):
    return SPACE.sub(' ', s or '').strip()

def main(rift, root, rift_text):
    data = json.load(open(os.path.join(root, 'evaldata.json'), encoding='utf8'))
    tp = fn = fp = tn = failed = pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(os.path.join(root, 'html-eval-cache.tar.xz')) as t:
            t.extractall(tmp, filter='data')
        for url, item in sorted(data.items()):
            paths = [os.path.join(tmp, sub, item['file']) for sub in ('eval', 'cache')]
            paths = [p for p in paths if os.path.exists(p)]
            if not paths:
                continue
            pages += 1
            with open(paths[-1], 'rb') as f:
                text = rift_text(rift, f.read(), '--until', 'normalize')
            if not text:
                failed += 1
            text = norm(text)
            for s in item.get('with', []):
                if norm(s) in text:
                    tp += 1
                else:
                    fn += 1
            for s in item.get('without', []):
                if norm(s) in text:
                    fp += 1
                else:
                    tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    acc = (tp + tn) / (tp + tn + fp + fn) if tp + tn + fp + fn else 0.0
    print('%d pages, rift gave no text for %d' % (pages, failed))
    print('precision %.3f  recall %.3f  F1 %.3f  accuracy %.3f' % (p, r, f, acc))

