# _lib.py: finds and loads librift.so and declares, with ctypes, the part
# of include/rift.h the binding calls (structs mirror the header's).
import ctypes
import ctypes.util
import os

SONAME = "librift.so.1"


class RiftError(Exception):
    """A librift call failed; the message is the library's own."""


def _candidates():
    env = os.environ.get("RIFT_LIBRARY")
    if env:
        return [env]  # asked for: that one only, so that a typo fails loudly
    here = os.path.dirname(os.path.abspath(__file__))
    return [SONAME,
            os.path.join(here, "..", "..", "build", "librift.so"),
            os.path.join(os.getcwd(), "build", "librift.so")]


def _load():
    tried = []
    for path in _candidates():
        if path != SONAME and not os.path.exists(path):
            tried.append(path + " (absent)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise RiftError("librift not found; set RIFT_LIBRARY to librift.so, or make install: tried "
                    + "; ".join(tried))


lib, path = _load()
libc = ctypes.CDLL(ctypes.util.find_library("c") or None)
libc.free.argtypes = [ctypes.c_void_p]
libc.free.restype = None

c_char_p, c_int, c_long, c_size_t, c_void_p = (
    ctypes.c_char_p, ctypes.c_int, ctypes.c_long, ctypes.c_size_t, ctypes.c_void_p)
P = ctypes.POINTER


class Article(ctypes.Structure):
    _fields_ = [("id", c_char_p), ("url", c_char_p), ("title", c_char_p), ("date", c_char_p),
                ("source", c_char_p), ("author", c_char_p), ("text", c_char_p),
                ("text_len", c_size_t), ("origin", c_char_p), ("line", c_long)]


class AnalyzeOptions(ctypes.Structure):
    _fields_ = [("default_date", c_char_p), ("date_order", c_int), ("last_stage", c_int),
                ("no_syntax", c_int), ("time_granularity", c_int)]


class StoreOptions(ctypes.Structure):
    _fields_ = [("read_only", c_int), ("must_exist", c_int), ("busy", c_void_p),
                ("busy_ctx", c_void_p)]


class StoreCounts(ctypes.Structure):
    _fields_ = [(k, c_long) for k in ("articles", "entities", "quotes", "times", "events",
                                      "actors", "stories", "claims", "disagreements")]


def _row(name, fields):
    """A query row struct: (field, ctype) pairs, read into a dict."""
    return type(name, (ctypes.Structure,), {"_fields_": fields})


StoryRow = _row("StoryRow", [("id", c_long), ("n_articles", c_long), ("n_outlets", c_long),
                             ("title", c_char_p), ("first_date", c_char_p),
                             ("last_date", c_char_p), ("outlets", c_char_p)])
StoryArticleRow = _row("StoryArticleRow", [("story", c_long), ("article", c_long)] +
                       [(k, c_char_p) for k in ("doc_id", "title", "outlet", "date", "url",
                                                "origin")])
ActorRow = _row("ActorRow", [("id", c_long), ("n_articles", c_long), ("n_mentions", c_long),
                             ("name", c_char_p), ("type", c_char_p), ("code", c_char_p)])
QuoteRow = _row("QuoteRow", [("article", c_long), ("claim", c_long), ("speaker", c_char_p),
                             ("text", c_char_p), ("outlet", c_char_p), ("date", c_char_p),
                             ("title", c_char_p), ("doc_id", c_char_p),
                             ("n_articles", c_long), ("n_outlets", c_long),
                             ("first_outlet", c_char_p), ("first_date", c_char_p),
                             ("also", c_char_p)])


def callback_type(row):
    return ctypes.CFUNCTYPE(c_int, P(row), c_void_p)


def _declare(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


_declare("rift_version", c_char_p)
_declare("rift_strerror", c_char_p, c_int)
_declare("rift_model_open", c_int, c_char_p, P(c_void_p))
_declare("rift_model_close", None, c_void_p)
_declare("rift_model_errmsg", c_char_p, c_void_p)
_declare("rift_model_add_actors", c_int, c_void_p, c_char_p)
_declare("rift_record_parse", c_int, c_char_p, c_size_t, P(c_void_p), P(Article),
         c_char_p, c_size_t)
_declare("rift_record_free", None, c_void_p)
_declare("rift_date_read", c_int, c_char_p, P(c_int), P(c_int), P(c_int))
_declare("rift_stage_from_name", c_int, c_char_p)
_declare("rift_doc_analyze", c_int, c_void_p, P(Article), P(AnalyzeOptions), P(c_void_p))
_declare("rift_doc_free", None, c_void_p)
_declare("rift_doc_to_json", c_void_p, c_void_p, ctypes.c_uint, P(c_size_t))
_declare("rift_store_open_with", c_int, c_char_p, P(StoreOptions), P(c_void_p))
_declare("rift_store_close", None, c_void_p)
_declare("rift_store_errmsg", c_char_p, c_void_p)
_declare("rift_store_count", c_int, c_void_p, P(StoreCounts))
_declare("rift_store_stories", c_int, c_void_p, c_long, callback_type(StoryRow), c_void_p)
_declare("rift_store_story_articles", c_int, c_void_p, c_long, callback_type(StoryArticleRow),
         c_void_p)
_declare("rift_store_actors", c_int, c_void_p, c_char_p, callback_type(ActorRow), c_void_p)
_declare("rift_store_quotes", c_int, c_void_p, c_char_p, callback_type(QuoteRow), c_void_p)

JSON_TEXT, JSON_TOKENS = 0x1, 0x2
DATE_ORDERS = {None: 0, "auto": 0, "dmy": 1, "mdy": 2}


def strerror(st):
    return lib.rift_strerror(st).decode()


def text_of(b):
    return None if b is None else b.decode("utf-8", "replace")
