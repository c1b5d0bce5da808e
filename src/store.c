/* store.c: the corpus in SQLite: schema v1 (docs/schema.md), one analysed
 * article at a time, and the corpus passes (actors, stories, corroboration)
 * recomputed over everything stored.  The only file that includes sqlite3.h;
 * it never prints, and never analyses text itself (corpus passes live in
 * actors_corpus.c and stories.c).
 */
#include "corpus.h"

#include <sqlite3.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* statements of rift_store_add_doc, prepared once per store */
enum { ST_FIND, ST_ARTICLE, ST_SENT, ST_ENT, ST_MENTION, ST_QUOTE, ST_TIME, ST_EVENT, ST_N };

struct rift_store {
    sqlite3 *db;
    char *path;
    char errmsg[512];
    bool in_batch;
    bool batch_lost;     /* SQLite rolled the open batch back after an error */
    bool read_only;
    rift_store_busy_fn busy;
    void *busy_ctx;
    double busy_t0;      /* when the current wait for another writer began */
    unsigned busy_waited, busy_said; /* seconds waited; reported to busy() */
    sqlite3_stmt *stmt[ST_N];
};

static const char *const schema_sql =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"
    "CREATE TABLE articles(\n"
    "  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,\n"
    "  doc_id TEXT, url TEXT, title TEXT, source TEXT, author TEXT,\n"
    "  date TEXT, date_origin TEXT, outlet TEXT, origin TEXT, line INTEGER,\n"
    "  length INTEGER NOT NULL, simhash TEXT, text TEXT NOT NULL);\n"
    "CREATE TABLE sentences(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE entities(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL, type TEXT NOT NULL, roles TEXT, code TEXT,\n"
    "  n_mentions INTEGER NOT NULL, actor_id INTEGER, confidence REAL,\n"
    "  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    "CREATE INDEX entities_actor ON entities(actor_id);\n"
    "CREATE TABLE mentions(article_id INTEGER NOT NULL, entity_idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  PRIMARY KEY(article_id, entity_idx, start)) WITHOUT ROWID;\n"
    "CREATE TABLE quotes(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, norm TEXT NOT NULL,\n"
    "  speaker_idx INTEGER, speaker_name TEXT, speaker_kind TEXT NOT NULL, speaker_text TEXT,\n"
    "  cue TEXT, via_idx INTEGER, via_name TEXT, fragment INTEGER NOT NULL, claim_id INTEGER,\n"
    "  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    "CREATE INDEX quotes_claim ON quotes(claim_id);\n"
    "CREATE INDEX quotes_norm ON quotes(norm);\n"
    "CREATE TABLE times(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, value TEXT,\n"
    "  granularity TEXT, mod TEXT, PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE events(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  source_idx INTEGER, source_name TEXT, target_idx INTEGER, target_name TEXT,\n"
    "  plover TEXT, mode TEXT, cameo TEXT, goldstein REAL, negated INTEGER NOT NULL,\n"
    "  date TEXT, date_from_article INTEGER NOT NULL, trigger TEXT,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, claim_id INTEGER,\n"
    "  source_code TEXT, target_code TEXT, source_text TEXT, target_text TEXT,\n"
    "  modality TEXT, attributed_idx INTEGER, attributed_name TEXT, attribution TEXT,\n"
    "  object_text TEXT, confidence REAL, event_date_origin TEXT,\n"
    "  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    "CREATE INDEX events_claim ON events(claim_id);\n"
    "CREATE TABLE actors(id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,\n"
    "  code TEXT, n_articles INTEGER NOT NULL, n_mentions INTEGER NOT NULL,\n"
    "  first_date TEXT, last_date TEXT);\n"
    "CREATE TABLE stories(id INTEGER PRIMARY KEY, title TEXT, first_date TEXT,\n"
    "  last_date TEXT, n_articles INTEGER NOT NULL, n_outlets INTEGER NOT NULL);\n"
    /* a rowid table: SQLite 3.40 (Debian 12) reports a false "NULL value in
     * story_articles.story_id" in PRAGMA integrity_check when a WITHOUT ROWID
     * table of two columns has its key second */
    "CREATE TABLE story_articles(story_id INTEGER NOT NULL, article_id INTEGER PRIMARY KEY);\n"
    "CREATE INDEX story_articles_story ON story_articles(story_id);\n"
    "CREATE TABLE corroboration(id INTEGER PRIMARY KEY, kind TEXT NOT NULL,\n"
    "  n_articles INTEGER NOT NULL, n_outlets INTEGER NOT NULL,\n"
    "  first_article_id INTEGER NOT NULL, first_outlet TEXT, first_date TEXT);\n"
    "CREATE TABLE disagreements(id INTEGER PRIMARY KEY, story_id INTEGER, kind TEXT NOT NULL,\n"
    "  subject TEXT NOT NULL, article_a INTEGER NOT NULL, value_a TEXT NOT NULL,\n"
    "  article_b INTEGER NOT NULL, value_b TEXT NOT NULL);\n"
    /* views for readers: the store's rows with actor names and outlets */
    "CREATE VIEW quote_view AS SELECT q.article_id, q.idx, q.text, q.norm,\n"
    "  coalesce(ac.name, q.speaker_name) AS speaker, e.actor_id AS speaker_actor,\n"
    "  q.speaker_kind, q.via_name, q.fragment, a.outlet, a.date, a.title, q.claim_id,\n"
    "  c.n_articles, c.n_outlets, c.first_outlet, c.first_date\n"
    "  FROM quotes q JOIN articles a ON a.id = q.article_id\n"
    "  LEFT JOIN entities e ON e.article_id = q.article_id AND e.idx = q.speaker_idx\n"
    "  LEFT JOIN actors ac ON ac.id = e.actor_id\n"
    "  LEFT JOIN corroboration c ON c.id = q.claim_id;\n";

/* event_view, made with the schema; first %s "" or "TEMP ", the second the
 * events table (for an older store read-only: a subquery giving NULL for
 * the columns it lacks, see event_view()) */
static const char *const event_view_fmt =
    "CREATE %sVIEW event_view AS SELECT ev.article_id, ev.idx,\n"
    "  coalesce(sa.name, ev.source_name) AS source, es.actor_id AS source_actor,\n"
    "  coalesce(ta.name, ev.target_name) AS target, et.actor_id AS target_actor,\n"
    "  ev.plover, ev.mode, ev.cameo, ev.goldstein, ev.negated,\n"
    "  coalesce(ev.date, a.date) AS date, ev.trigger, a.outlet, ev.claim_id,\n"
    "  c.n_articles, c.n_outlets, c.first_outlet, c.first_date,\n"
    "  ev.source_code, ev.target_code, ev.source_text, ev.target_text,\n"
    "  coalesce(ev.modality, 'asserted') AS modality,\n"
    "  coalesce(aa.name, ev.attributed_name) AS attributed_to, ev.attribution,\n"
    "  ev.object_text, ev.confidence, ev.event_date_origin, ev.date_from_article,\n"
    "  ev.start, ev.end, sa.type AS source_type, ta.type AS target_type\n"
    "  FROM %s ev JOIN articles a ON a.id = ev.article_id\n"
    "  LEFT JOIN entities es ON es.article_id = ev.article_id AND es.idx = ev.source_idx\n"
    "  LEFT JOIN actors sa ON sa.id = es.actor_id\n"
    "  LEFT JOIN entities et ON et.article_id = ev.article_id AND et.idx = ev.target_idx\n"
    "  LEFT JOIN actors ta ON ta.id = et.actor_id\n"
    "  LEFT JOIN entities ea ON ea.article_id = ev.article_id\n"
    "    AND ea.idx = ev.attributed_idx\n"
    "  LEFT JOIN actors aa ON aa.id = ea.actor_id\n"
    "  LEFT JOIN corroboration c ON c.id = ev.claim_id;\n";

/* Columns added to schema v1 since it was first written (nothing reads
 * them as required): a store written before them gains them when it is
 * next opened for writing, and reads as if they were NULL when opened
 * read-only. */
static const struct { const char *table, *name, *type; } added_cols[] = {
    {"entities", "confidence", "REAL"},
    {"events", "source_code", "TEXT"},   {"events", "target_code", "TEXT"},
    {"events", "source_text", "TEXT"},   {"events", "target_text", "TEXT"},
    {"events", "modality", "TEXT"},      {"events", "attributed_idx", "INTEGER"},
    {"events", "attributed_name", "TEXT"}, {"events", "attribution", "TEXT"},
    {"events", "object_text", "TEXT"},   {"events", "confidence", "REAL"},
    {"events", "event_date_origin", "TEXT"},
};


/* errmsg from SQLite's last error on the handle, after what; a busy store, a
 * permission problem and a full disk are named as such. */
static rift_status fail(rift_store *st, const char *what)
{
    const char *p = st->path ? st->path : "store";
    int code = st->db ? sqlite3_errcode(st->db) & 0xff : SQLITE_CANTOPEN;
    const char *msg = st->db ? sqlite3_errmsg(st->db) : "cannot open";
    int sys = st->db ? sqlite3_system_errno(st->db) : 0;
    if (code == SQLITE_BUSY)
        snprintf(st->errmsg, sizeof st->errmsg,
                 "%s is busy: another process is writing to it (gave up after %u s)", p,
                 st->busy_waited);
    else if (code == SQLITE_READONLY || code == SQLITE_PERM ||
             ((code == SQLITE_CANTOPEN || code == SQLITE_IOERR) &&
              (sys == EACCES || sys == EPERM || sys == EROFS)))
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s: permission denied (%s)%s", p, what,
                 sys ? strerror(sys) : msg,
                 code == SQLITE_CANTOPEN ? ": SQLite cannot make its files beside it" : "");
    else if (code == SQLITE_CANTOPEN)
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s: cannot open or create it (%s)", p, what,
                 sys ? strerror(sys) : msg);
    else if (code == SQLITE_FULL ||
             (code == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT || sys == EFBIG)))
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s: no room to write (%s)", p, what,
                 code == SQLITE_FULL || !sys ? "the disk is full" : strerror(sys));
    else
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s: %s", p, what, msg);
    return RIFT_EIO;
}

/* Runs sql; an error is named after its first word ("commit: ..."). */
static rift_status exec(rift_store *st, const char *sql)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK)
        return RIFT_OK;
    char what[16];
    size_t n = 0;
    while (n + 1 < sizeof what && sql[n] >= 'A' && sql[n] <= 'Z') {
        what[n] = (char)(sql[n] + 32);
        n++;
    }
    what[n] = '\0';
    return fail(st, n ? what : "write");
}

/* Ends the open transaction, if SQLite has not ended it already. */
static void rollback(rift_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3_stmt *prep(rift_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        fail(st, "prepare");
        return NULL;
    }
    return s;
}

/* one integer from a query, or dflt */
static long long query_int(rift_store *st, const char *sql, long long dflt)
{
    sqlite3_stmt *s = prep(st, sql);
    long long v = dflt;
    if (s && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* SQLite's busy handler: another process holds the write lock.  Polls,
 * and asks st->busy about once a second whether to go on waiting. */
static int on_busy(void *arg, int count)
{
    rift_store *st = arg;
    double t = now_s();
    if (count == 0) {
        st->busy_t0 = t;
        st->busy_said = 0;
    }
    st->busy_waited = (unsigned)(t - st->busy_t0);
    if (st->busy_waited > st->busy_said) {
        st->busy_said = st->busy_waited;
        if (st->busy ? st->busy(st->busy_ctx, st->busy_waited) != 0
                     : st->busy_waited >= RIFT_STORE_BUSY_WAIT)
            return 0;
    }
    sqlite3_sleep(count < 20 ? 5 : 50);
    return 1;
}

static bool has_column(rift_store *st, const char *table, const char *name)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE name='%s'",
             table, name);
    return query_int(st, sql, 0) > 0;
}

/* Makes event_view over the events table as it is: in the store (temp
 * false), or as a temporary view for this connection only, which a store
 * opened read-only can have. */
static rift_status event_view(rift_store *st, bool temp)
{
    rift_buf from, sql;
    rift_buf_init(&from);
    rift_buf_init(&sql);
    rift_buf_puts(&from, "(SELECT *");
    bool all = true;
    for (size_t i = 0; i < sizeof added_cols / sizeof *added_cols; i++)
        if (!strcmp(added_cols[i].table, "events") &&
            !has_column(st, "events", added_cols[i].name)) {
            rift_buf_printf(&from, ", NULL AS %s", added_cols[i].name);
            all = false;
        }
    rift_buf_puts(&from, " FROM main.events)");
    rift_buf_printf(&sql, event_view_fmt, temp ? "TEMP " : "", all ? "events" : from.data);
    rift_status rs = exec(st, sql.data);
    rift_buf_free(&from);
    rift_buf_free(&sql);
    return rs;
}

/* A store written before the columns of added_cols gains them, and the
 * view over them, in one transaction. */
static rift_status add_columns(rift_store *st)
{
    size_t n = sizeof added_cols / sizeof *added_cols, missing = 0;
    for (size_t i = 0; i < n; i++)
        missing += !has_column(st, added_cols[i].table, added_cols[i].name);
    if (!missing)
        return RIFT_OK;
    if (exec(st, "BEGIN IMMEDIATE") != RIFT_OK)
        return RIFT_EIO;
    rift_status rs = RIFT_OK;
    for (size_t i = 0; rs == RIFT_OK && i < n; i++) {
        if (has_column(st, added_cols[i].table, added_cols[i].name))
            continue;
        char sql[160];
        snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", added_cols[i].table,
                 added_cols[i].name, added_cols[i].type);
        rs = exec(st, sql);
    }
    if (rs == RIFT_OK)
        rs = exec(st, "DROP VIEW IF EXISTS event_view");
    if (rs == RIFT_OK)
        rs = event_view(st, false);
    if (rs != RIFT_OK) {
        rollback(st);
        return rs;
    }
    return exec(st, "COMMIT");
}

/* An older store opened read-only reads through a temporary event_view. */
static rift_status old_columns(rift_store *st)
{
    for (size_t i = 0; i < sizeof added_cols / sizeof *added_cols; i++)
        if (!strcmp(added_cols[i].table, "events") &&
            !has_column(st, "events", added_cols[i].name))
            return event_view(st, true);
    return RIFT_OK;
}

/* The schema of a new store, in one transaction. */
static rift_status create_schema(rift_store *st)
{
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO meta VALUES('schema_version','%d'),('writer','rift');",
             RIFT_SCHEMA_VERSION);
    if (exec(st, "BEGIN IMMEDIATE") != RIFT_OK)
        return RIFT_EIO;
    if (exec(st, schema_sql) != RIFT_OK || event_view(st, false) != RIFT_OK ||
        exec(st, sql) != RIFT_OK) {
        rollback(st);
        return RIFT_EIO;
    }
    return exec(st, "COMMIT");
}

/* Opens st->db read-write (created when absent) or read-only; immutable:
 * read-only and without locks, for a store in a directory where SQLite
 * cannot make its shared-memory file. */
static int open_db(rift_store *st, bool read_only, bool immutable)
{
    if (st->db) {
        sqlite3_close(st->db);
        st->db = NULL;
    }
    if (!immutable)
        return sqlite3_open_v2(st->path, &st->db,
                               read_only ? SQLITE_OPEN_READONLY
                                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    rift_buf u;
    rift_buf_init(&u);
    rift_buf_puts(&u, "file:");
    const char *p = st->path;
    while (p[0] == '/' && p[1] == '/')
        p++; /* "file://" would start an authority */
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("/._-~", c))
            rift_buf_putc(&u, (char)c);
        else
            rift_buf_printf(&u, "%%%02X", c);
    }
    rift_buf_puts(&u, "?immutable=1");
    int rc = sqlite3_open_v2(u.data, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    rift_buf_free(&u);
    return rc;
}

/* Does path-wal hold a write not yet in the database? */
static bool wal_pending(const char *path)
{
    size_t n = strlen(path);
    char *w = rift_xmalloc(n + 5);
    memcpy(w, path, n);
    memcpy(w + n, "-wal", 5);
    struct stat sb;
    bool pending = stat(w, &sb) == 0 && sb.st_size > 0;
    free(w);
    return pending;
}

rift_status rift_store_open(const char *path, rift_store **out)
{
    return rift_store_open_with(path, NULL, out);
}

rift_status rift_store_open_with(const char *path, const rift_store_options *opt,
                                 rift_store **out)
{
    *out = NULL;
    if (!path)
        return RIFT_EINVAL;
    rift_store *st = rift_xmalloc(sizeof *st);
    memset(st, 0, sizeof *st);
    *out = st;
    st->path = rift_xstrdup(path);
    bool ro = opt && opt->read_only;
    st->read_only = ro;
    if (opt) {
        st->busy = opt->busy;
        st->busy_ctx = opt->busy_ctx;
    }
    struct stat sb = {0};
    if (stat(path, &sb) != 0 && (ro || (opt && opt->must_exist) || errno != ENOENT)) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", path,
                 errno == ENOENT ? "no such store" : strerror(errno));
        return RIFT_EIO;
    }
    if (S_ISDIR(sb.st_mode)) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s is a directory, not a store file", path);
        return RIFT_EIO;
    }
    if (access(path, ro ? R_OK : R_OK | W_OK) != 0 && errno != ENOENT) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s: permission denied: the store is not %s "
                 "by this user%s", path, ro ? "readable" : "writable",
                 ro ? "" : " (queries such as rift report open it read-only)");
        return RIFT_EIO;
    }
    if (open_db(st, ro, false) != SQLITE_OK)
        return fail(st, "open");
    sqlite3_busy_handler(st->db, on_busy, st);
    /* a file that is not a database shows here, on the first read */
    long long tables = query_int(st, "SELECT count(*) FROM sqlite_master", -1);
    int code = sqlite3_errcode(st->db) & 0xff;
    if (tables < 0 && ro && (code == SQLITE_CANTOPEN || code == SQLITE_READONLY) &&
        !wal_pending(path)) {
        /* a directory this user cannot write to, and no write pending in
         * PATH-wal: the file alone is the store */
        if (open_db(st, true, true) != SQLITE_OK)
            return fail(st, "open");
        tables = query_int(st, "SELECT count(*) FROM sqlite_master", -1);
        code = sqlite3_errcode(st->db) & 0xff;
    }
    if (tables < 0 && code != SQLITE_NOTADB)
        return fail(st, "read");
    if (tables < 0) {
        snprintf(st->errmsg, sizeof st->errmsg,
                 "%s is not a rift store (not an SQLite database); give another --db file",
                 path);
        return RIFT_EFORMAT;
    }
    if (!ro && exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;") != RIFT_OK)
        return RIFT_EIO;
    if (tables == 0 && !ro)
        return create_schema(st);
    long long has_meta = query_int(st,
        "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'", 0);
    long long v = has_meta ? query_int(st,
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key='schema_version'", 0) : 0;
    if (v == RIFT_SCHEMA_VERSION)
        return ro ? old_columns(st) : add_columns(st);
    if (v == 0 && tables == 0)
        snprintf(st->errmsg, sizeof st->errmsg, "%s is an empty database, not a rift store "
                 "(make one with rift analyze --db %s PATH...)", path, path);
    else if (v == 0)
        snprintf(st->errmsg, sizeof st->errmsg,
                 "%s holds tables but is not a rift store (no schema_version in a meta "
                 "table); give a new --db file", path);
    else if (v > RIFT_SCHEMA_VERSION)
        snprintf(st->errmsg, sizeof st->errmsg,
                 "%s was written by a newer rift (store schema v%lld); this rift %s reads "
                 "schema v%d: upgrade rift, or write to a new --db file", path, v,
                 RIFT_VERSION, RIFT_SCHEMA_VERSION);
    else
        snprintf(st->errmsg, sizeof st->errmsg,
                 "%s has store schema v%lld, older than v%d: re-run rift analyze --db NEW.db "
                 "over the same inputs (the store is rebuilt from the articles)", path, v,
                 RIFT_SCHEMA_VERSION);
    return RIFT_EFORMAT;
}

void rift_store_close(rift_store *st)
{
    if (!st)
        return;
    if (st->db) {
        if (st->in_batch)
            rollback(st);
        for (int i = 0; i < ST_N; i++)
            sqlite3_finalize(st->stmt[i]);
        sqlite3_close(st->db);
    }
    free(st->path);
    free(st);
}

const char *rift_store_errmsg(const rift_store *st)
{
    return st ? st->errmsg : "no store";
}

/* Writing to a store opened read-only is the caller's mistake. */
static bool writable(rift_store *st)
{
    if (st->read_only)
        snprintf(st->errmsg, sizeof st->errmsg, "%s: opened read-only", st->path);
    return !st->read_only;
}

rift_status rift_store_begin(rift_store *st)
{
    if (!st || !st->db || !writable(st))
        return RIFT_EINVAL;
    if (st->batch_lost)
        return RIFT_EIO; /* until commit says so */
    if (st->in_batch)
        return RIFT_OK;
    if (exec(st, "BEGIN IMMEDIATE") != RIFT_OK)
        return RIFT_EIO;
    st->in_batch = true;
    return RIFT_OK;
}

rift_status rift_store_commit(rift_store *st)
{
    if (!st || !st->db)
        return RIFT_EINVAL;
    if (st->batch_lost) { /* the errmsg of the add_doc that lost it stands */
        st->batch_lost = false;
        return RIFT_EIO;
    }
    if (!st->in_batch)
        return RIFT_OK;
    st->in_batch = false;
    if (exec(st, "COMMIT") != RIFT_OK) {
        rollback(st);
        size_t n = strlen(st->errmsg);
        snprintf(st->errmsg + n, sizeof st->errmsg - n, "; the batch was rolled back");
        return RIFT_EIO;
    }
    return RIFT_OK;
}

/* ---- writing one article ------------------------------------------------- */

static void bind_text(sqlite3_stmt *s, int i, const char *t)
{
    if (t)
        sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void bind_span(sqlite3_stmt *s, int i, const char *text, size_t len, uint32_t a,
                      uint32_t b)
{
    if (a < b && b <= len)
        sqlite3_bind_text(s, i, text + a, (int)(b - a), SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void bind_idx(sqlite3_stmt *s, int i, int32_t v)
{
    if (v >= 0)
        sqlite3_bind_int(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

static bool step_done(rift_store *st, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
        fail(st, "write");
        return false;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return true;
}

static void key_of(const rift_doc *d, char out[33])
{
    size_t len;
    const char *text = rift_doc_text(d, &len);
    const rift_meta *m = rift_doc_meta(d);
    rift_buf b;
    rift_buf_init(&b);
    rift_buf_put(&b, text, len);
    const char *f[] = {m->id, m->url, m->title, m->source, m->author, m->date};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        rift_buf_putc(&b, '\0');
        rift_buf_putc(&b, f[i] ? 1 : 0);
        if (f[i])
            rift_buf_puts(&b, f[i]);
    }
    uint64_t h1 = rift_hash(b.data, b.len);
    rift_buf_putc(&b, '\x7f'); /* a second, independent 64 bits */
    uint64_t h2 = rift_hash(b.data, b.len);
    rift_buf_free(&b);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
}

static const char *date_origin_name(rift_date_origin o)
{
    return rift_date_origin_name(o);
}

/* A statement of the cache, prepared on first use; release() after use
 * resets it for the next article. */
static sqlite3_stmt *cached(rift_store *st, int slot, const char *sql)
{
    if (!st->stmt[slot])
        st->stmt[slot] = prep(st, sql);
    return st->stmt[slot];
}

static void release(sqlite3_stmt *s)
{
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
}

static rift_status add_layers(rift_store *st, const rift_doc *d, sqlite3_int64 aid)
{
    size_t len;
    const char *text = rift_doc_text(d, &len);
    size_t n;
    sqlite3_stmt *s;

    const rift_sentence *se = rift_doc_sentences(d, &n);
    if (!(s = cached(st, ST_SENT, "INSERT INTO sentences VALUES(?,?,?,?)")))
        return RIFT_EIO;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(s, 1, aid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(s, 3, se[i].start);
        sqlite3_bind_int64(s, 4, se[i].end);
        if (!step_done(st, s))
            goto bad;
    }
    release(s);

    size_t ne;
    const rift_entity *en = rift_doc_entities(d, &ne);
    sqlite3_stmt *m = NULL;
    if (!(s = cached(st, ST_ENT, "INSERT INTO entities(article_id, idx, name, type, roles, code, "
                               "n_mentions, actor_id, confidence) VALUES(?,?,?,?,?,?,?,NULL,?)")) ||
        !(m = cached(st, ST_MENTION, "INSERT OR IGNORE INTO mentions VALUES(?,?,?,?)"))) {
        release(s);
        return RIFT_EIO;
    }
    rift_buf roles;
    rift_buf_init(&roles);
    for (size_t i = 0; i < ne; i++) {
        /* people without a name ("the girls") are this article's only: the
         * v1 store has no column to keep them out of the actors, so they
         * are not stored (they come last; no quote or event refers to them) */
        if (en[i].unnamed)
            continue;
        roles.len = 0;
        for (size_t r = 0; r < en[i].n_roles; r++) {
            if (r)
                rift_buf_puts(&roles, "; ");
            rift_buf_puts(&roles, en[i].roles[r]);
        }
        sqlite3_bind_int64(s, 1, aid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        bind_text(s, 3, en[i].name ? en[i].name : "");
        bind_text(s, 4, rift_entity_type_name(en[i].type));
        if (roles.len)
            sqlite3_bind_text(s, 5, roles.data, (int)roles.len, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(s, 5);
        bind_text(s, 6, en[i].code);
        sqlite3_bind_int64(s, 7, (sqlite3_int64)en[i].n_mentions);
        if (en[i].confidence > 0)
            sqlite3_bind_double(s, 8, en[i].confidence);
        else
            sqlite3_bind_null(s, 8);
        if (!step_done(st, s)) {
            rift_buf_free(&roles);
            release(m);
            goto bad;
        }
        for (size_t k = 0; k < en[i].n_mentions; k++) {
            sqlite3_bind_int64(m, 1, aid);
            sqlite3_bind_int64(m, 2, (sqlite3_int64)i);
            sqlite3_bind_int64(m, 3, en[i].mentions[k].start);
            sqlite3_bind_int64(m, 4, en[i].mentions[k].end);
            if (!step_done(st, m)) {
                rift_buf_free(&roles);
                release(m);
                goto bad;
            }
        }
    }
    rift_buf_free(&roles);
    release(m);
    release(s);

    const rift_quote *q = rift_doc_quotes(d, &n);
    if (!(s = cached(st, ST_QUOTE, "INSERT INTO quotes VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)")))
        return RIFT_EIO;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(s, 1, aid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(s, 3, q[i].start);
        sqlite3_bind_int64(s, 4, q[i].end);
        bind_span(s, 5, text, len, q[i].start, q[i].end);
        if (q[i].start >= q[i].end || q[i].end > len)
            bind_text(s, 5, "");
        char *norm = corpus_norm_quote(text + (q[i].end <= len ? q[i].start : 0),
                                       q[i].end <= len && q[i].start < q[i].end
                                           ? q[i].end - q[i].start : 0, NULL);
        bind_text(s, 6, norm);
        free(norm);
        bind_idx(s, 7, q[i].speaker);
        bind_text(s, 8, q[i].speaker >= 0 && (size_t)q[i].speaker < ne
                            ? en[q[i].speaker].name : NULL);
        bind_text(s, 9, rift_speaker_kind_name(q[i].speaker_kind));
        bind_span(s, 10, text, len, q[i].speaker_text.start, q[i].speaker_text.end);
        bind_span(s, 11, text, len, q[i].cue.start, q[i].cue.end);
        bind_idx(s, 12, q[i].via);
        bind_text(s, 13, q[i].via_name);
        sqlite3_bind_int(s, 14, q[i].fragment ? 1 : 0);
        if (!step_done(st, s))
            goto bad;
    }
    release(s);

    const rift_time *t = rift_doc_times(d, &n);
    if (!(s = cached(st, ST_TIME, "INSERT INTO times VALUES(?,?,?,?,?,?,?,?)")))
        return RIFT_EIO;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(s, 1, aid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(s, 3, t[i].start);
        sqlite3_bind_int64(s, 4, t[i].end);
        bind_span(s, 5, text, len, t[i].start, t[i].end);
        if (t[i].start >= t[i].end || t[i].end > len)
            bind_text(s, 5, "");
        bind_text(s, 6, t[i].value);
        bind_text(s, 7, t[i].granularity);
        bind_text(s, 8, t[i].mod);
        if (!step_done(st, s))
            goto bad;
    }
    release(s);

    const rift_event *ev = rift_doc_events(d, &n);
    if (!(s = cached(st, ST_EVENT, "INSERT INTO events(article_id, idx, source_idx, source_name, "
                     "target_idx, target_name, plover, mode, cameo, goldstein, negated, date, "
                     "date_from_article, trigger, start, end, source_code, target_code, "
                     "source_text, target_text, modality, attributed_idx, attributed_name, "
                     "attribution, object_text, confidence, event_date_origin) "
                     "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return RIFT_EIO;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(s, 1, aid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        bind_idx(s, 3, ev[i].source);
        bind_text(s, 4, ev[i].source >= 0 && (size_t)ev[i].source < ne
                            ? en[ev[i].source].name : NULL);
        bind_idx(s, 5, ev[i].target);
        bind_text(s, 6, ev[i].target >= 0 && (size_t)ev[i].target < ne
                            ? en[ev[i].target].name : NULL);
        bind_text(s, 7, ev[i].plover);
        bind_text(s, 8, ev[i].mode);
        bind_text(s, 9, ev[i].cameo);
        sqlite3_bind_double(s, 10, ev[i].goldstein);
        sqlite3_bind_int(s, 11, ev[i].negated ? 1 : 0);
        bind_text(s, 12, ev[i].date);
        sqlite3_bind_int(s, 13, ev[i].date_from_article ? 1 : 0);
        bind_span(s, 14, text, len, ev[i].trigger.start, ev[i].trigger.end);
        sqlite3_bind_int64(s, 15, ev[i].start);
        sqlite3_bind_int64(s, 16, ev[i].end);
        bind_text(s, 17, ev[i].source_code);
        bind_text(s, 18, ev[i].target_code);
        bind_span(s, 19, text, len, ev[i].source_text.start, ev[i].source_text.end);
        bind_span(s, 20, text, len, ev[i].target_text.start, ev[i].target_text.end);
        bind_text(s, 21, rift_modality_name(ev[i].modality));
        bind_idx(s, 22, ev[i].attributed_to);
        bind_text(s, 23, ev[i].attributed_to >= 0 && (size_t)ev[i].attributed_to < ne
                             ? en[ev[i].attributed_to].name : NULL);
        bind_span(s, 24, text, len, ev[i].attribution.start, ev[i].attribution.end);
        bind_span(s, 25, text, len, ev[i].object_text.start, ev[i].object_text.end);
        sqlite3_bind_double(s, 26, ev[i].confidence);
        bind_text(s, 27, rift_event_date_origin_name(ev[i].date_origin));
        if (!step_done(st, s))
            goto bad;
    }
    release(s);
    return RIFT_OK;
bad:
    release(s);
    return RIFT_EIO;
}

/* The article's rows, unless it is stored already (*is_new false). */
static rift_status write_doc(rift_store *st, const rift_doc *d, bool *is_new)
{
    *is_new = false;
    char key[33];
    key_of(d, key);
    sqlite3_stmt *s = cached(st, ST_FIND, "SELECT id FROM articles WHERE key = ?");
    if (!s)
        return RIFT_EIO;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    release(s);
    if (rc == SQLITE_ROW)
        return RIFT_OK; /* stored already */
    if (rc != SQLITE_DONE)
        return fail(st, "read");
    size_t len;
    const char *text = rift_doc_text(d, &len);
    const rift_meta *m = rift_doc_meta(d);
    if (!(s = cached(st, ST_ARTICLE, "INSERT INTO articles(key, doc_id, url, title, source, author, date, "
                       "date_origin, outlet, origin, line, length, simhash, text) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return RIFT_EIO;
    char *outlet = rift_outlet_name(d->model, m->source, m->url, m->title);
    char sh[17];
    snprintf(sh, sizeof sh, "%016llx", (unsigned long long)corpus_simhash(text, len));
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    bind_text(s, 2, m->id);
    bind_text(s, 3, m->url);
    bind_text(s, 4, m->title);
    bind_text(s, 5, m->source);
    bind_text(s, 6, m->author);
    bind_text(s, 7, m->date);
    bind_text(s, 8, date_origin_name(m->date_origin));
    bind_text(s, 9, outlet);
    bind_text(s, 10, m->origin);
    sqlite3_bind_int64(s, 11, m->line);
    sqlite3_bind_int64(s, 12, (sqlite3_int64)len);
    sqlite3_bind_text(s, 13, sh, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 14, text, (int)len, SQLITE_STATIC);
    rc = sqlite3_step(s);
    release(s);
    free(outlet);
    if (rc != SQLITE_DONE)
        return fail(st, "write article");
    *is_new = true;
    return add_layers(st, d, sqlite3_last_insert_rowid(st->db));
}

rift_status rift_store_add_doc(rift_store *st, const rift_doc *d, int *added)
{
    if (added)
        *added = 0;
    if (!st || !st->db || !d || !writable(st))
        return RIFT_EINVAL;
    if (st->batch_lost)
        return RIFT_EIO; /* the errmsg that lost the batch stands */
    bool own = !st->in_batch, is_new;
    if (own ? rift_store_begin(st) != RIFT_OK : exec(st, "SAVEPOINT article") != RIFT_OK)
        return RIFT_EIO;
    rift_status rs = write_doc(st, d, &is_new);
    if (own) {
        if (rs == RIFT_OK)
            rs = rift_store_commit(st);
        else {
            st->in_batch = false;
            rollback(st);
        }
    } else if (rs == RIFT_OK) {
        rs = exec(st, "RELEASE article");
    } else if (sqlite3_get_autocommit(st->db)) {
        /* SQLite ended the whole transaction (a full disk, an I/O error) */
        st->in_batch = false;
        st->batch_lost = true;
        size_t n = strlen(st->errmsg);
        snprintf(st->errmsg + n, sizeof st->errmsg - n, "; the batch was rolled back");
    } else {
        sqlite3_exec(st->db, "ROLLBACK TO article; RELEASE article", NULL, NULL, NULL);
    }
    if (rs == RIFT_OK && added)
        *added = is_new;
    return rs;
}

/* ---- corpus passes -------------------------------------------------------- */

static char *dup_col(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? rift_xstrdup((const char *)t) : NULL;
}

/* Runs fn inside a transaction unless a batch is open already. */
static rift_status in_txn(rift_store *st, rift_status (*fn)(rift_store *, const void *),
                          const void *arg)
{
    if (!st || !st->db)
        return RIFT_EINVAL;
    if (st->in_batch)
        return fn(st, arg);
    if (rift_store_begin(st) != RIFT_OK)
        return RIFT_EIO;
    rift_status rs = fn(st, arg);
    if (rs == RIFT_OK)
        return rift_store_commit(st);
    st->in_batch = false;
    rollback(st);
    return rs;
}

static int type_from_name(const char *t)
{
    if (!t) return RIFT_ENT_ORG;
    if (!strcmp(t, "PERSON")) return RIFT_ENT_PERSON;
    if (!strcmp(t, "OUTLET")) return RIFT_ENT_OUTLET;
    if (!strcmp(t, "LOC")) return RIFT_ENT_LOC;
    return RIFT_ENT_ORG;
}

static rift_status link_actors(rift_store *st, const void *unused)
{
    sqlite3_stmt *s = prep(st, "SELECT e.article_id, e.idx, e.name, e.type, e.code, e.roles,"
                               " e.n_mentions, a.date, coalesce(e.actor_id, 0)"
                               " FROM entities e JOIN articles a ON a.id = e.article_id"
                               " ORDER BY e.article_id, e.idx");
    if (!s)
        return RIFT_EIO;
    RIFT_VEC(corpus_entity) e = {0};
    typedef struct erow { long idx, n_mentions, old_actor; char *date; } erow;
    RIFT_VEC(erow) rows = {0};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        corpus_entity x = {0};
        x.article = (long)sqlite3_column_int64(s, 0);
        x.name = dup_col(s, 2);
        x.type = type_from_name((const char *)sqlite3_column_text(s, 3));
        x.code = dup_col(s, 4);
        x.roles = dup_col(s, 5);
        RIFT_VEC_PUSH(e, x);
        erow r = {(long)sqlite3_column_int64(s, 1), (long)sqlite3_column_int64(s, 6),
                  (long)sqlite3_column_int64(s, 8), dup_col(s, 7)};
        RIFT_VEC_PUSH(rows, r);
    }
    sqlite3_finalize(s);
    rift_status rs = RIFT_OK;
    if (rc != SQLITE_DONE)
        rs = fail(st, "read entities");
    size_t na = 0;
    corpus_actor *act = rs == RIFT_OK ? corpus_link_actors(e.v, e.n, &na) : NULL;
    /* per actor: articles, mentions, first and last date, counted here
     * rather than by a correlated query per actor */
    typedef struct astat { long articles, mentions, last_article; const char *first, *last; } astat;
    astat *as = rift_xmalloc((na + 1) * sizeof *as);
    for (size_t k = 0; k < na; k++)
        as[k] = (astat){0, 0, -1, NULL, NULL};
    for (size_t i = 0; i < e.n && rs == RIFT_OK; i++) {
        astat *t = &as[e.v[i].actor];
        if (t->last_article != e.v[i].article) {
            t->articles++;
            t->last_article = e.v[i].article;
        }
        t->mentions += rows.v[i].n_mentions;
        const char *d = rows.v[i].date;
        if (d && (!t->first || strcmp(d, t->first) < 0))
            t->first = d;
        if (d && (!t->last || strcmp(d, t->last) > 0))
            t->last = d;
    }
    if (rs == RIFT_OK)
        rs = exec(st, "DELETE FROM actors;");
    sqlite3_stmt *ia = rs == RIFT_OK ? prep(st, "INSERT INTO actors(id, name, type, code, "
                                                "n_articles, n_mentions, first_date, last_date)"
                                                " VALUES(?,?,?,?,?,?,?,?)")
                                     : NULL;
    sqlite3_stmt *ue = rs == RIFT_OK ? prep(st, "UPDATE entities SET actor_id = ? WHERE "
                                                "article_id = ? AND idx = ?")
                                     : NULL;
    if (rs == RIFT_OK && (!ia || !ue))
        rs = RIFT_EIO;
    for (size_t a = 0; rs == RIFT_OK && a < na; a++) {
        sqlite3_bind_int64(ia, 1, (sqlite3_int64)a + 1);
        bind_text(ia, 2, act[a].name);
        bind_text(ia, 3, rift_entity_type_name((rift_entity_type)act[a].type));
        bind_text(ia, 4, act[a].code);
        sqlite3_bind_int64(ia, 5, as[a].articles);
        sqlite3_bind_int64(ia, 6, as[a].mentions);
        bind_text(ia, 7, as[a].first);
        bind_text(ia, 8, as[a].last);
        if (!step_done(st, ia))
            rs = RIFT_EIO;
    }
    /* only the links that changed are written: a re-run over the same
     * articles writes none */
    for (size_t i = 0; rs == RIFT_OK && i < e.n; i++) {
        if (rows.v[i].old_actor == (long)e.v[i].actor + 1)
            continue;
        sqlite3_bind_int64(ue, 1, (sqlite3_int64)e.v[i].actor + 1);
        sqlite3_bind_int64(ue, 2, e.v[i].article);
        sqlite3_bind_int64(ue, 3, rows.v[i].idx);
        if (!step_done(st, ue))
            rs = RIFT_EIO;
    }
    sqlite3_finalize(ia);
    sqlite3_finalize(ue);
    for (size_t i = 0; i < e.n; i++) {
        free((char *)e.v[i].name);
        free((char *)e.v[i].code);
        free((char *)e.v[i].roles);
        free(rows.v[i].date);
    }
    free(as);
    free(e.v);
    free(rows.v);
    free(act);
    return rs;
}

rift_status rift_store_link_actors(rift_store *st)
{
    return in_txn(st, link_actors, NULL);
}

static int days_of(const char *date)
{
    int y, m, d;
    if (!date || !rift_date_parse(date, strlen(date), &y, &m, &d))
        return CORPUS_NO_DATE;
    return rift_days_from_civil(y, m, d);
}

static rift_status cluster_stories(rift_store *st, const void *arg)
{
    const rift_story_options *opt = arg;
    sqlite3_stmt *s = prep(st, "SELECT id, text, title, date, simhash FROM articles ORDER BY id");
    if (!s)
        return RIFT_EIO;
    RIFT_VEC(corpus_article) arts = {0};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        corpus_article a = {0};
        a.id = (long)sqlite3_column_int64(s, 0);
        const void *t = sqlite3_column_text(s, 1);
        a.len = (size_t)sqlite3_column_bytes(s, 1);
        char *copy = rift_xmalloc(a.len + 1);
        if (a.len)
            memcpy(copy, t, a.len);
        copy[a.len] = '\0';
        a.text = copy;
        a.title = dup_col(s, 2);
        const char *date = (const char *)sqlite3_column_text(s, 3);
        a.days = days_of(date);
        const char *sh = (const char *)sqlite3_column_text(s, 4);
        if (sh && strlen(sh) == 16) {
            a.simhash = strtoull(sh, NULL, 16);
            a.has_simhash = true;
        }
        RIFT_VEC_PUSH(arts, a);
    }
    sqlite3_finalize(s);
    rift_status rs = rc == SQLITE_DONE ? RIFT_OK : fail(st, "read articles");
    /* actors of each article (rows come by article id, like the articles) */
    RIFT_VEC(int32_t) ids = {0};
    size_t *from = rift_xmalloc((arts.n + 1) * sizeof *from);
    if (rs == RIFT_OK && (s = prep(st, "SELECT DISTINCT article_id, actor_id FROM entities "
                                       "WHERE actor_id IS NOT NULL "
                                       "ORDER BY article_id, actor_id"))) {
        size_t k = 0;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            long aid = (long)sqlite3_column_int64(s, 0);
            while (k < arts.n && arts.v[k].id < aid)
                from[++k] = ids.n;
            RIFT_VEC_PUSH(ids, (int32_t)sqlite3_column_int(s, 1));
        }
        while (k < arts.n)
            from[++k] = ids.n;
        sqlite3_finalize(s);
    } else if (rs == RIFT_OK) {
        rs = RIFT_EIO;
    }
    /* the time expression values of each article, space-separated */
    char **times = rift_xmalloc((arts.n + 1) * sizeof *times);
    memset(times, 0, (arts.n + 1) * sizeof *times);
    if (rs == RIFT_OK && (s = prep(st, "SELECT article_id, group_concat(value, ' ') FROM"
                                       " (SELECT article_id, value FROM times WHERE value IS NOT NULL"
                                       "  ORDER BY article_id, idx)"
                                       " GROUP BY article_id ORDER BY article_id"))) {
        size_t k = 0;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            long aid = (long)sqlite3_column_int64(s, 0);
            while (k < arts.n && arts.v[k].id < aid)
                k++;
            if (k < arts.n && arts.v[k].id == aid)
                arts.v[k].times = times[k] = dup_col(s, 1);
        }
        sqlite3_finalize(s);
    } else if (rs == RIFT_OK) {
        rs = RIFT_EIO;
    }
    uint32_t *story = rift_xmalloc((arts.n + 1) * sizeof *story);
    if (rs == RIFT_OK) {
        from[0] = 0;
        for (size_t k = 0; k < arts.n; k++) {
            arts.v[k].actors = ids.v ? ids.v + from[k] : NULL; /* no actor at all: NULL */
            arts.v[k].n_actors = from[k + 1] - from[k];
        }
        corpus_cluster_stories(arts.v, arts.n, opt, story);
        rs = exec(st, "DELETE FROM stories; DELETE FROM story_articles;");
    }
    sqlite3_stmt *ins = rs == RIFT_OK ? prep(st, "INSERT INTO story_articles VALUES(?,?)")
                                      : NULL;
    if (rs == RIFT_OK && !ins)
        rs = RIFT_EIO;
    for (size_t k = 0; rs == RIFT_OK && k < arts.n; k++) {
        sqlite3_bind_int64(ins, 1, (sqlite3_int64)story[k] + 1);
        sqlite3_bind_int64(ins, 2, arts.v[k].id);
        if (!step_done(st, ins))
            rs = RIFT_EIO;
    }
    sqlite3_finalize(ins);
    if (rs == RIFT_OK)
        rs = exec(st,
            "INSERT INTO stories(id, title, first_date, last_date, n_articles, n_outlets)"
            " SELECT sa.story_id,"
            "  (SELECT a2.title FROM story_articles s2 JOIN articles a2 ON a2.id = s2.article_id"
            "   WHERE s2.story_id = sa.story_id AND a2.title IS NOT NULL"
            "   ORDER BY a2.date IS NULL, a2.date, a2.id LIMIT 1),"
            "  min(a.date), max(a.date), count(*),"
            "  count(DISTINCT coalesce(a.outlet, '#' || a.id))"
            " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " GROUP BY sa.story_id ORDER BY sa.story_id;");
    for (size_t k = 0; k < arts.n; k++) {
        free((char *)arts.v[k].text);
        free((char *)arts.v[k].title);
        free(times[k]);
    }
    free(times);
    free(arts.v);
    free(ids.v);
    free(from);
    free(story);
    return rs;
}

rift_status rift_store_cluster_stories(rift_store *st, const rift_story_options *opt)
{
    return in_txn(st, cluster_stories, opt);
}

/* Corroboration.  A claim is a quote or an event carried by one or more
 * articles: quotes with the same normalised words (of three words or more;
 * shorter ones stand alone), events with the same source and target actors,
 * type and polarity, dated within CLAIM_DAYS of each other.  An outlet is
 * the article's source or URL host; an article with neither counts as an
 * outlet of its own. */
#define CLAIM_DAYS 3

static rift_status corroborate(rift_store *st, const void *unused)
{
    rift_status rs = exec(st,
        "UPDATE quotes SET claim_id = NULL; UPDATE events SET claim_id = NULL;"
        "DELETE FROM corroboration; DELETE FROM disagreements;"
        "CREATE TEMP TABLE IF NOT EXISTS claim_rows(kind TEXT, article_id INTEGER,"
        "  idx INTEGER, grp INTEGER);"
        "CREATE INDEX IF NOT EXISTS claim_rows_grp ON claim_rows(kind, grp);"
        "CREATE INDEX IF NOT EXISTS claim_rows_row ON claim_rows(kind, article_id, idx);"
        "DELETE FROM claim_rows;");
    if (rs != RIFT_OK)
        return rs;
    /* quotes: groups by normalised text, in order of first appearance (the
     * first of each text found once, not once per quote: a thousand copies
     * of a quote cost a thousand rows, not a million) */
    rs = exec(st,
        "INSERT INTO claim_rows SELECT 'quote', q.article_id, q.idx,"
        "  CASE WHEN length(q.norm) - length(replace(q.norm, ' ', '')) >= 2"
        "    THEN g.grp ELSE q.article_id * 1000000 + q.idx END"
        " FROM quotes q JOIN (SELECT norm, min(article_id * 1000000 + idx) AS grp"
        "   FROM quotes GROUP BY norm) g ON g.norm = q.norm;");
    if (rs != RIFT_OK)
        return rs;
    /* events: chains by (source actor, target actor, type, negated) in date order */
    sqlite3_stmt *s = prep(st,
        "SELECT ev.article_id, ev.idx, coalesce(es.actor_id, -1), coalesce(et.actor_id, -1),"
        "  coalesce(ev.plover, ''), ev.negated, coalesce(ev.date, a.date)"
        " FROM events ev JOIN articles a ON a.id = ev.article_id"
        " LEFT JOIN entities es ON es.article_id = ev.article_id AND es.idx = ev.source_idx"
        " LEFT JOIN entities et ON et.article_id = ev.article_id AND et.idx = ev.target_idx"
        " ORDER BY 3, 4, 5, 6, coalesce(ev.date, a.date), ev.article_id, ev.idx");
    sqlite3_stmt *ins = prep(st, "INSERT INTO claim_rows VALUES('event', ?, ?, ?)");
    if (!s || !ins) {
        sqlite3_finalize(s);
        sqlite3_finalize(ins);
        return RIFT_EIO;
    }
    long long p_src = -2, p_tgt = -2, p_neg = -1, grp = 0;
    char p_type[64] = "";
    int p_days = CORPUS_NO_DATE;
    int rc;
    while (rs == RIFT_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long aid = sqlite3_column_int64(s, 0), idx = sqlite3_column_int64(s, 1);
        long long src = sqlite3_column_int64(s, 2), tgt = sqlite3_column_int64(s, 3);
        const char *type = (const char *)sqlite3_column_text(s, 4);
        long long neg = sqlite3_column_int64(s, 5);
        int days = days_of((const char *)sqlite3_column_text(s, 6));
        bool same = src >= 0 && tgt >= 0 && src == p_src && tgt == p_tgt && neg == p_neg &&
                    strcmp(type ? type : "", p_type) == 0 && days != CORPUS_NO_DATE &&
                    p_days != CORPUS_NO_DATE && days - p_days <= CLAIM_DAYS;
        if (!same)
            grp = aid * 1000000 + idx;
        p_src = src;
        p_tgt = tgt;
        p_neg = neg;
        snprintf(p_type, sizeof p_type, "%s", type ? type : "");
        p_days = days;
        sqlite3_bind_int64(ins, 1, aid);
        sqlite3_bind_int64(ins, 2, idx);
        sqlite3_bind_int64(ins, 3, grp);
        if (!step_done(st, ins))
            rs = RIFT_EIO;
    }
    sqlite3_finalize(s);
    sqlite3_finalize(ins);
    if (rs != RIFT_OK)
        return rs;
    /* one corroboration row per group; the first article is the earliest
     * dated one, then the lowest row id */
    rs = exec(st,
        "CREATE TEMP TABLE IF NOT EXISTS claim_ids(kind TEXT, grp INTEGER, id INTEGER,"
        "  PRIMARY KEY(kind, grp));"
        "DELETE FROM claim_ids;"
        "INSERT INTO claim_ids SELECT kind, grp,"
        "  row_number() OVER (ORDER BY kind = 'event', grp) FROM"
        "  (SELECT DISTINCT kind, grp FROM claim_rows);"
        "INSERT INTO corroboration(id, kind, n_articles, n_outlets, first_article_id,"
        "  first_outlet, first_date)"
        " SELECT ci.id, ci.kind,"
        "  (SELECT count(DISTINCT r.article_id) FROM claim_rows r WHERE r.kind = ci.kind AND r.grp = ci.grp),"
        "  (SELECT count(DISTINCT coalesce(a.outlet, '#' || a.id)) FROM claim_rows r"
        "     JOIN articles a ON a.id = r.article_id WHERE r.kind = ci.kind AND r.grp = ci.grp),"
        "  f.id, f.outlet, f.date"
        " FROM claim_ids ci JOIN articles f ON f.id = (SELECT a.id FROM claim_rows r"
        "     JOIN articles a ON a.id = r.article_id WHERE r.kind = ci.kind AND r.grp = ci.grp"
        "     ORDER BY a.date IS NULL, a.date, a.id LIMIT 1)"
        " ORDER BY ci.id;"
        "UPDATE quotes SET claim_id = (SELECT ci.id FROM claim_rows r JOIN claim_ids ci"
        "  ON ci.kind = r.kind AND ci.grp = r.grp WHERE r.kind = 'quote'"
        "  AND r.article_id = quotes.article_id AND r.idx = quotes.idx);"
        "UPDATE events SET claim_id = (SELECT ci.id FROM claim_rows r JOIN claim_ids ci"
        "  ON ci.kind = r.kind AND ci.grp = r.grp WHERE r.kind = 'event'"
        "  AND r.article_id = events.article_id AND r.idx = events.idx);");
    if (rs != RIFT_OK)
        return rs;
    /* disagreements, kept simple: (1) a title: two articles of one story
     * give the same actor roles with none in common ("President" against
     * "former President"); (2) a date: one event claim whose articles date
     * it explicitly, differently. */
    /* pairs of distinct values, not of articles, so a value repeated by
     * a thousand articles still makes one row (the first article of each) */
    rs = exec(st,
        "INSERT INTO disagreements(story_id, kind, subject, article_a, value_a, article_b, value_b)"
        " WITH r AS (SELECT sa.story_id AS story, e.actor_id AS actor, lower(e.roles) AS lr,"
        "   min(e.article_id) AS art, e.roles AS roles FROM entities e"
        "   JOIN story_articles sa ON sa.article_id = e.article_id"
        "   WHERE e.roles IS NOT NULL AND e.actor_id IS NOT NULL"
        "   GROUP BY sa.story_id, e.actor_id, lower(e.roles))"
        " SELECT r1.story, 'title', ac.name, r1.art, r1.roles, r2.art, r2.roles"
        " FROM r r1 JOIN r r2 ON r2.story = r1.story AND r2.actor = r1.actor AND r2.lr > r1.lr"
        " JOIN actors ac ON ac.id = r1.actor"
        " WHERE instr('; ' || r2.lr || '; ', '; ' || r1.lr || '; ') = 0"
        "   AND instr('; ' || r1.lr || '; ', '; ' || r2.lr || '; ') = 0"
        " ORDER BY r1.story, r1.actor, min(r1.art, r2.art), r1.lr, r2.lr;"
        "INSERT INTO disagreements(story_id, kind, subject, article_a, value_a, article_b, value_b)"
        " WITH d AS (SELECT ev.claim_id AS claim, ev.date AS date, min(ev.article_id) AS art"
        "   FROM events ev WHERE ev.date_from_article = 0 AND ev.date IS NOT NULL"
        "   AND ev.claim_id IS NOT NULL GROUP BY ev.claim_id, ev.date)"
        " SELECT sa.story_id,"
        "  'date', coalesce(v.source, '?') || ' ' || coalesce(v.plover, '?') || ' ' ||"
        "  coalesce(v.target, '?'), d1.art, d1.date, d2.art, d2.date"
        " FROM d d1 JOIN d d2 ON d2.claim = d1.claim AND d2.date > d1.date"
        " JOIN event_view v ON v.article_id = d1.art AND v.claim_id = d1.claim"
        "   AND v.idx = (SELECT min(idx) FROM events WHERE article_id = d1.art AND claim_id = d1.claim)"
        " LEFT JOIN story_articles sa ON sa.article_id = d1.art"
        " ORDER BY d1.claim, d1.date, d2.date;");
    return rs;
}

rift_status rift_store_corroborate(rift_store *st)
{
    return in_txn(st, corroborate, NULL);
}

static rift_status update_all(rift_store *st, const void *opt)
{
    rift_status rs = link_actors(st, NULL);
    if (rs == RIFT_OK)
        rs = cluster_stories(st, opt);
    if (rs == RIFT_OK)
        rs = corroborate(st, NULL);
    return rs;
}

rift_status rift_store_update(rift_store *st, const rift_story_options *opt)
{
    return in_txn(st, update_all, opt);
}

/* ---- queries ----------------------------------------------------------------- */

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

rift_status rift_store_count(rift_store *st, rift_store_counts *c)
{
    if (!st || !st->db || !c)
        return RIFT_EINVAL;
    static const char *const table[] = {"articles", "entities", "quotes", "times", "events",
                                        "actors", "stories", "corroboration", "disagreements"};
    long *out[] = {&c->articles, &c->entities, &c->quotes, &c->times, &c->events,
                   &c->actors, &c->stories, &c->claims, &c->disagreements};
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table[i]);
        long long v = query_int(st, sql, -1);
        if (v < 0)
            return fail(st, "count");
        *out[i] = (long)v;
    }
    return RIFT_OK;
}

static rift_status finish_query(rift_store *st, sqlite3_stmt *s, int rc)
{
    sqlite3_finalize(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? RIFT_OK : fail(st, "query");
}

rift_status rift_store_stories(rift_store *st, long min_articles, rift_story_fn fn, void *ctx)
{
    if (!st || !st->db || !fn)
        return RIFT_EINVAL;
    sqlite3_stmt *s = prep(st,
        "SELECT s.id, s.n_articles, s.n_outlets, s.title, s.first_date, s.last_date,"
        " (SELECT group_concat(o, ', ') FROM (SELECT a.outlet AS o, min(a.id) AS m"
        "   FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        "   WHERE sa.story_id = s.id AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY m))"
        " FROM stories s WHERE s.n_articles >= ? ORDER BY s.n_articles DESC, s.id");
    if (!s)
        return RIFT_EIO;
    sqlite3_bind_int64(s, 1, min_articles);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rift_story_row r = {(long)sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1),
                            (long)sqlite3_column_int64(s, 2), col(s, 3), col(s, 4), col(s, 5),
                            col(s, 6)};
        if (fn(&r, ctx))
            break;
    }
    return finish_query(st, s, rc);
}

rift_status rift_store_story_articles(rift_store *st, long story, rift_story_article_fn fn,
                                      void *ctx)
{
    if (!st || !st->db || !fn)
        return RIFT_EINVAL;
    sqlite3_stmt *s = prep(st,
        "SELECT sa.story_id, a.id, a.doc_id, a.title, a.outlet, a.date, a.url, a.origin"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " WHERE ?1 < 0 OR sa.story_id = ?1"
        " ORDER BY sa.story_id, a.date IS NULL, a.date, a.id");
    if (!s)
        return RIFT_EIO;
    sqlite3_bind_int64(s, 1, story);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rift_story_article_row r = {(long)sqlite3_column_int64(s, 0),
                                    (long)sqlite3_column_int64(s, 1), col(s, 2), col(s, 3),
                                    col(s, 4), col(s, 5), col(s, 6), col(s, 7)};
        if (fn(&r, ctx))
            break;
    }
    return finish_query(st, s, rc);
}

rift_status rift_store_actors(rift_store *st, const char *name, rift_actor_fn fn, void *ctx)
{
    if (!st || !st->db || !fn)
        return RIFT_EINVAL;
    sqlite3_stmt *s = prep(st,
        "SELECT id, n_articles, n_mentions, name, type, code FROM actors"
        " WHERE ?1 IS NULL OR instr(lower(name), lower(?1)) > 0"
        " ORDER BY n_mentions DESC, n_articles DESC, id");
    if (!s)
        return RIFT_EIO;
    bind_text(s, 1, name);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rift_actor_row r = {(long)sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1),
                            (long)sqlite3_column_int64(s, 2), col(s, 3), col(s, 4), col(s, 5)};
        if (fn(&r, ctx))
            break;
    }
    return finish_query(st, s, rc);
}

rift_status rift_store_quotes(rift_store *st, const char *speaker, rift_quote_fn fn, void *ctx)
{
    if (!st || !st->db || !fn)
        return RIFT_EINVAL;
    sqlite3_stmt *s = prep(st,
        "SELECT q.article_id, q.claim_id, q.speaker, q.text, q.outlet, q.date, q.title,"
        "  a.doc_id, q.n_articles, q.n_outlets, q.first_outlet, q.first_date,"
        "  (SELECT group_concat(o, ', ') FROM (SELECT DISTINCT a2.outlet AS o FROM quotes q2"
        "     JOIN articles a2 ON a2.id = q2.article_id WHERE q2.claim_id = q.claim_id"
        "     AND q2.article_id <> q.article_id AND a2.outlet IS NOT NULL"
        "     AND a2.outlet IS NOT q.outlet ORDER BY a2.outlet))"
        " FROM quote_view q JOIN articles a ON a.id = q.article_id"
        " WHERE q.speaker IS NOT NULL AND (?1 IS NULL OR instr(lower(q.speaker), lower(?1)) > 0)"
        " ORDER BY q.date IS NULL, q.date, q.article_id, q.idx");
    if (!s)
        return RIFT_EIO;
    bind_text(s, 1, speaker);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rift_quote_row r = {(long)sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1),
                            col(s, 2), col(s, 3), col(s, 4), col(s, 5), col(s, 6), col(s, 7),
                            (long)sqlite3_column_int64(s, 8), (long)sqlite3_column_int64(s, 9),
                            col(s, 10), col(s, 11), col(s, 12)};
        if (fn(&r, ctx))
            break;
    }
    return finish_query(st, s, rc);
}

/* ---- generic read-only queries (report.c, dyads.c) --------------------------- */

rift_status rift_store_query(rift_store *st, const char *sql, const char *const *params,
                             size_t n_params, rift_store_row_fn row, void *ctx)
{
    if (!st || !st->db || !sql || !row)
        return RIFT_EINVAL;
    sqlite3_stmt *s = prep(st, sql);
    if (!s)
        return RIFT_EIO;
    if (!sqlite3_stmt_readonly(s)) {
        sqlite3_finalize(s);
        snprintf(st->errmsg, sizeof st->errmsg, "query: not a read-only statement");
        return RIFT_EINVAL;
    }
    for (size_t i = 0; i < n_params; i++)
        bind_text(s, (int)i + 1, params[i]);
    int ncol = sqlite3_column_count(s), rc;
    const char **vals = rift_xmalloc((size_t)(ncol > 0 ? ncol : 1) * sizeof *vals);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < ncol; i++)
            vals[i] = col(s, i);
        if (row(ctx, ncol, vals))
            break;
    }
    free(vals);
    return finish_query(st, s, rc);
}
