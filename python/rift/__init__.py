# rift: the Python binding of librift.  rift.analyze(text) gives the JSON of
# `rift analyze` as a dict; rift.Store(path) reads a store's rows as dicts.
"""Read news articles into who said what, what happened and when.

    import rift
    doc = rift.analyze(text, date="2025-06-02")     # dict: the JSON schema v1
    with rift.Store("news.db") as st:
        for e in st.events(): ...                     # dict rows

The library is found through $RIFT_LIBRARY, the installed librift.so.1, or
a source tree's build/librift.so; the data through $RIFT_DATA, the
library's installed data directory, or the source tree's data/en.
"""
import ctypes
import json
import os
import sqlite3
import threading
import urllib.parse

from . import _lib
from ._lib import RiftError

__all__ = ["analyze", "Model", "Store", "RiftError", "version", "library_path"]

library_path = _lib.path


def version():
    """The library's version ("0.1.0")."""
    return _lib.lib.rift_version().decode()


def _enc(s):
    return None if s is None else str(s).encode("utf-8")


def _default_datadir():
    """None (the library's own search) unless only a source tree has the data."""
    if os.environ.get("RIFT_DATA"):
        return None
    src = os.path.join(os.path.dirname(os.path.abspath(_lib.path)), "..", "data", "en")
    return os.path.normpath(src) if os.path.isdir(src) else None


class Model:
    """The lexicons and models of a data directory, opened once and shared
    read-only (threads may analyse with one model at the same time)."""

    def __init__(self, datadir=None, actors=None):
        self._m = ctypes.c_void_p()
        dd = datadir if datadir is not None else _default_datadir()
        st = _lib.lib.rift_model_open(_enc(dd), ctypes.byref(self._m))
        if st != 0:
            msg = _lib.lib.rift_model_errmsg(self._m) if self._m else None
            self.close()
            raise RiftError("model: " + (_lib.text_of(msg) or _lib.strerror(st)))
        for path in ([actors] if isinstance(actors, str) else actors or []):
            if _lib.lib.rift_model_add_actors(self._m, _enc(path)) != 0:
                msg = _lib.text_of(_lib.lib.rift_model_errmsg(self._m))
                self.close()
                raise RiftError("actors %s: %s" % (path, msg))

    def close(self):
        if getattr(self, "_m", None):
            _lib.lib.rift_model_close(self._m)
            self._m = None

    def __del__(self):
        self.close()

    def analyze(self, text=None, date=None, *, html=None, url=None, title=None, source=None,
                author=None, id=None, default_date=None, date_order=None, until=None,
                no_syntax=False, include_text=False, tokens=False):
        """One article: its text (or html, reduced to text as rift does) and
        metadata in; the JSON object of `rift analyze` (docs/schema.md) out,
        as a dict.  date is the article's own publication date;
        default_date the one undated articles get (rift analyze --date)."""
        if (text is None) == (html is None):
            raise TypeError("analyze: give text or html, one of them")
        if date_order not in _lib.DATE_ORDERS:
            raise ValueError("date_order: auto, dmy or mdy, not %r" % (date_order,))
        rec = {"id": id, "url": url, "title": title, "date": date, "source": source,
               "author": author, "text": text, "html": html}
        line = json.dumps({k: v for k, v in rec.items() if v is not None}).encode()
        art = _lib.Article()
        recp = ctypes.c_void_p()
        err = ctypes.create_string_buffer(512)
        try:
            st = _lib.lib.rift_record_parse(line, len(line), ctypes.byref(recp),
                                            ctypes.byref(art), err, len(err))
            if st != 0:
                raise RiftError(err.value.decode() or _lib.strerror(st))
            opt = _lib.AnalyzeOptions()
            opt.default_date = _enc(default_date)
            opt.date_order = _lib.DATE_ORDERS[date_order]
            opt.no_syntax = 1 if no_syntax else 0
            if until is not None:
                stage = _lib.lib.rift_stage_from_name(_enc(until))
                if stage < 0:
                    raise ValueError("until: no stage %r" % (until,))
                opt.last_stage = stage
            doc = ctypes.c_void_p()
            st = _lib.lib.rift_doc_analyze(self._m, ctypes.byref(art), ctypes.byref(opt),
                                           ctypes.byref(doc))
            if st != 0:
                _lib.lib.rift_doc_free(doc)
                raise RiftError("analyze: " + _lib.strerror(st))
            try:
                flags = (_lib.JSON_TEXT if include_text else 0) | \
                        (_lib.JSON_TOKENS if tokens else 0)
                n = ctypes.c_size_t()
                p = _lib.lib.rift_doc_to_json(doc, flags, ctypes.byref(n))
                if not p:
                    raise MemoryError("rift_doc_to_json")
                try:
                    out = ctypes.string_at(p, n.value)
                finally:
                    _lib.libc.free(p)
            finally:
                _lib.lib.rift_doc_free(doc)
        finally:
            _lib.lib.rift_record_free(recp)
        return json.loads(out.decode("utf-8"))


_model = None
_model_lock = threading.Lock()


def _default_model():
    global _model
    with _model_lock:
        if _model is None:
            _model = Model()
        return _model


def analyze(text=None, date=None, **kw):
    """rift.analyze(text, date=None, ...): Model.analyze with a model opened
    once from the default data directory."""
    return _default_model().analyze(text, date, **kw)


class Store:
    """A store written by `rift analyze --db`, opened read-only.  Each query
    gives dict rows: a list (the library's query runs whole, its strings
    copied out), or for events() an iterator."""

    def __init__(self, path):
        self.path = str(path)
        self._st = ctypes.c_void_p()
        opt = _lib.StoreOptions(read_only=1, must_exist=1)
        st = _lib.lib.rift_store_open_with(_enc(self.path), ctypes.byref(opt),
                                           ctypes.byref(self._st))
        if st != 0:
            msg = _lib.lib.rift_store_errmsg(self._st) if self._st else None
            self.close()
            raise RiftError(_lib.text_of(msg) or "%s: %s" % (self.path, _lib.strerror(st)))
        self._db = None

    def close(self):
        if getattr(self, "_st", None):
            _lib.lib.rift_store_close(self._st)
            self._st = None
        if getattr(self, "_db", None):
            self._db.close()
            self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def _query(self, fn, row, *args):
        rows = []
        names = [f for f, _ in row._fields_]

        def take(r, _ctx):
            r = r.contents
            rows.append({k: _lib.text_of(v) if isinstance(v, bytes) else v
                         for k, v in ((k, getattr(r, k)) for k in names)})
            return 0
        cb = _lib.callback_type(row)(take)
        st = fn(self._st, *args, cb, None)
        if st != 0:
            raise RiftError(_lib.text_of(_lib.lib.rift_store_errmsg(self._st)) or
                            _lib.strerror(st))
        return rows

    def counts(self):
        """Rows per table: articles, entities, quotes, events, actors, stories..."""
        c = _lib.StoreCounts()
        if _lib.lib.rift_store_count(self._st, ctypes.byref(c)) != 0:
            raise RiftError(_lib.text_of(_lib.lib.rift_store_errmsg(self._st)))
        return {k: getattr(c, k) for k, _ in c._fields_}

    def stories(self, min_articles=1):
        """Stories, largest first (rift_store_stories)."""
        return self._query(_lib.lib.rift_store_stories, _lib.StoryRow, min_articles)

    def story_articles(self, story=-1):
        """The articles of one story, or of every story (rift_store_story_articles)."""
        return self._query(_lib.lib.rift_store_story_articles, _lib.StoryArticleRow, story)

    def entities(self, name=None):
        """The corpus's entities, one per actor across articles (name, type,
        code, n_articles, n_mentions), most mentioned first; name filters by
        a case-insensitive substring (rift_store_actors)."""
        return self._query(_lib.lib.rift_store_actors, _lib.ActorRow, _enc(name))

    actors = entities

    def quotes(self, speaker=None):
        """Attributed quotes with their corroboration, by date and article;
        speaker filters by a case-insensitive substring (rift_store_quotes)."""
        return self._query(_lib.lib.rift_store_quotes, _lib.QuoteRow, _enc(speaker))

    def events(self):
        """Every stored event as a row of the store's event_view (source and
        target actor names, PLOVER type, mode, CAMEO code, Goldstein, date,
        outlet, corroboration; docs/schema.md), by article and position.
        librift has no event query, so this one reads the store with
        Python's sqlite3, read-only."""
        if self._db is None:
            uri = "file:%s?mode=ro" % urllib.parse.quote(os.path.abspath(self.path))
            self._db = sqlite3.connect(uri, uri=True)
            self._db.row_factory = sqlite3.Row
        cur = self._db.execute("SELECT * FROM event_view ORDER BY article_id, idx")
        for r in cur:
            yield dict(r)
