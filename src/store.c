/* store.c: the corpus in SQLite or PostgreSQL (db.h): schema v1
 * (docs/schema.md), opening, writing one analysed article at a time, and
 * the typed queries; never prints, never analyses text (the corpus passes
 * are in store_passes.c).
 */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const schema_sql =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"
    "CREATE TABLE articles(\n"
    "  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,\n"
    "  doc_id TEXT, url TEXT, title TEXT, source TEXT, author TEXT,\n"
    "  date TEXT, date_origin TEXT, outlet TEXT, origin TEXT, line INTEGER,\n"
    "  length INTEGER NOT NULL, simhash TEXT, text TEXT NOT NULL);\n"
    "CREATE TABLE sentences(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE entities(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL, type TEXT NOT NULL, roles TEXT, code TEXT,\n"
    "  n_mentions INTEGER NOT NULL, actor_id INTEGER, confidence REAL,\n"
    "  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    /* article_id too: PostgreSQL reads an actor's first articles in order
     * (an SQLite index holds the key columns anyway) */
    "CREATE INDEX entities_actor ON entities(actor_id, article_id);\n"
    "CREATE TABLE mentions(article_id INTEGER NOT NULL, entity_idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,\n"
    "  PRIMARY KEY(article_id, entity_idx, start)) WITHOUT ROWID;\n"
    "CREATE TABLE quotes(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, text TEXT NOT NULL, norm TEXT NOT NULL,\n"
    "  speaker_idx INTEGER, speaker_name TEXT, speaker_kind TEXT NOT NULL, speaker_text TEXT,\n"
    "  cue TEXT, via_idx INTEGER, via_name TEXT, fragment INTEGER NOT NULL, claim_id INTEGER,\n"
    "  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    "CREATE INDEX quotes_claim ON quotes(claim_id);\n"

    "CREATE TABLE times(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, text TEXT NOT NULL, value TEXT,\n"
    "  granularity TEXT, mod TEXT, PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE events(article_id INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  source_idx INTEGER, source_name TEXT, target_idx INTEGER, target_name TEXT,\n"
    "  plover TEXT, mode TEXT, cameo TEXT, goldstein REAL, negated INTEGER NOT NULL,\n"
    "  date TEXT, date_from_article INTEGER NOT NULL, trigger TEXT,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, claim_id INTEGER,\n"
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
    "  article_b INTEGER NOT NULL, value_b TEXT NOT NULL, claim_id INTEGER);\n"
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
    "  ev.start, ev.\"end\", sa.type AS source_type, ta.type AS target_type\n"
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
    {"disagreements", "claim_id", "INTEGER"},
};

/* Tables added to schema v1 since it was first written: made in a new
 * store with the schema, and in an older one when it is next opened for
 * writing (its articles then count as passed: they are in no pending row).
 * pending: the articles stored since the corpus passes last ran;
 * actor_keys, actor_names, claim_events, claim_outlets: the indexes of the
 * incremental passes (store_actors.c, store_claims.c), which fill an older
 * store's from its links the next time they run;
 * story_terms, story_keys, story_vectors: what the stories pass
 * (store_stories.c) keeps to place new articles without reading old ones:
 * document frequencies (term 0: the articles counted), each article's
 * heaviest terms as an inverted list, and its term counts. */
static const struct { const char *table, *sql; } added_tables[] = {
    {"pending", "CREATE TABLE pending(article_id INTEGER PRIMARY KEY);"},
    {"actor_keys", "CREATE TABLE actor_keys(key TEXT NOT NULL, actor_id INTEGER NOT NULL,"
                   " PRIMARY KEY(key, actor_id)) WITHOUT ROWID;"},
    {"actor_names", "CREATE TABLE actor_names(actor_id INTEGER NOT NULL, name TEXT NOT NULL,"
                    " type TEXT NOT NULL, n INTEGER NOT NULL,"
                    " PRIMARY KEY(actor_id, name, type)) WITHOUT ROWID;"},
    {"claim_events", "CREATE TABLE claim_events(src INTEGER NOT NULL, tgt INTEGER NOT NULL,"
                     " plover TEXT NOT NULL, negated INTEGER NOT NULL, days INTEGER NOT NULL,"
                     " claim_id INTEGER NOT NULL);"
                     "CREATE INDEX claim_events_key ON claim_events(src, tgt, plover, negated, days);"
                     "CREATE INDEX claim_events_claim ON claim_events(claim_id);"},
    {"claim_outlets", "CREATE TABLE claim_outlets(claim_id INTEGER NOT NULL, outlet TEXT NOT NULL,"
                      " PRIMARY KEY(claim_id, outlet)) WITHOUT ROWID;"},
    {"story_terms", "CREATE TABLE story_terms(term INTEGER PRIMARY KEY, df INTEGER NOT NULL);"},
    {"story_keys", "CREATE TABLE story_keys(term INTEGER NOT NULL, days INTEGER NOT NULL,"
                   " key TEXT NOT NULL, article_id INTEGER NOT NULL,"
                   " PRIMARY KEY(term, days, key)) WITHOUT ROWID;"},
    {"story_vectors", "CREATE TABLE story_vectors(article_id INTEGER PRIMARY KEY,"
                      " days INTEGER NOT NULL, key TEXT NOT NULL, simhash TEXT,"
                      " terms TEXT NOT NULL);"},
};

/* errmsg from the database's last error on the handle, after what; a busy
 * store, a permission problem and a full disk are named as such. */
rift_status store_fail(rift_store *st, const char *what)
{
    const char *p = st->path ? st->path : "store";
    int sys = 0;
    db_error e = st->db ? db_last_error(st->db, &sys) : DB_E_CANTOPEN;
    const char *msg = st->db ? db_errmsg(st->db) : "cannot open";
    bool sqlite = !st->db || db_kind_of(st->db) == DB_SQLITE;
    if (e == DB_E_BUSY)
        snprintf(st->errmsg, sizeof st->errmsg,
                 "%s is busy: another process is writing to it (gave up after %u s)", p,
                 db_busy_waited(st->db));
    else if (e == DB_E_PERM)
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s: permission denied (%s)%s", p, what,
                 sys ? strerror(sys) : msg,
                 sqlite && sys ? ": SQLite cannot make its files beside it" : "");
    else if (e == DB_E_CANTOPEN)
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s: cannot open or create it (%s)", p, what,
                 sys ? strerror(sys) : msg);
    else if (e == DB_E_FULL)
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s: no room to write (%s)", p, what,
                 !sys ? "the disk is full" : strerror(sys));
    else
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s: %s", p, what, msg);
    /* one line: PostgreSQL's messages end with a newline and may hold more */
    for (char *c = st->errmsg; *c; c++)
        if (*c == '\n')
            *c = c[1] ? ' ' : '\0';
    return RIFT_EIO;
}

/* Runs sql; an error is named after its first word ("commit: ..."). */
static rift_status exec_as(rift_store *st, const char *sql, bool ddl)
{
    if ((ddl ? db_exec_ddl(st->db, sql) : db_exec(st->db, sql)) == 0)
        return RIFT_OK;
    char what[16];
    size_t n = 0;
    while (n + 1 < sizeof what && sql[n] >= 'A' && sql[n] <= 'Z') {
        what[n] = (char)(sql[n] + 32);
        n++;
    }
    what[n] = '\0';
    return store_fail(st, n ? what : "write");
}

rift_status store_exec(rift_store *st, const char *sql)
{
    return exec_as(st, sql, false);
}

/* Ends the open transaction, if the database has not ended it already. */
static void rollback(rift_store *st)
{
    db_rollback(st->db);
}

db_stmt *store_prep(rift_store *st, const char *sql)
{
    db_stmt *s = db_prepare(st->db, sql);
    if (!s)
        store_fail(st, "prepare");
    return s;
}

long long store_query_int(rift_store *st, const char *sql, long long dflt)
{
    db_stmt *s = store_prep(st, sql);
    long long v = dflt;
    if (s && db_step(s) == DB_ROW && !db_column_null(s, 0))
        v = db_column_int64(s, 0);
    db_finalize(s);
    return v;
}

static int on_busy(void *arg, unsigned waited)
{
    rift_store *st = arg;
    return st->busy ? st->busy(st->busy_ctx, waited) : waited >= RIFT_STORE_BUSY_WAIT;
}

static bool has_column(rift_store *st, const char *table, const char *name)
{
    return db_has_column(st->db, table, name);
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
    rift_status rs = store_exec(st, sql.data);
    rift_buf_free(&from);
    rift_buf_free(&sql);
    return rs;
}

/* A store written before the columns of added_cols gains them, and the
 * view over them, in one transaction. */
static rift_status add_columns(rift_store *st)
{
    size_t n = sizeof added_cols / sizeof *added_cols, missing = 0;
    size_t nt = sizeof added_tables / sizeof *added_tables;
    for (size_t i = 0; i < n; i++)
        missing += !has_column(st, added_cols[i].table, added_cols[i].name);
    for (size_t i = 0; i < nt; i++)
        missing += !db_has_table(st->db, added_tables[i].table);
    if (!missing)
        return RIFT_OK;
    if (db_begin(st->db) != 0)
        return store_fail(st, "begin");
    rift_status rs = RIFT_OK;
    for (size_t i = 0; rs == RIFT_OK && i < nt; i++)
        if (!db_has_table(st->db, added_tables[i].table))
            rs = exec_as(st, added_tables[i].sql, true);
    for (size_t i = 0; rs == RIFT_OK && i < n; i++) {
        if (has_column(st, added_cols[i].table, added_cols[i].name))
            continue;
        char sql[160];
        snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", added_cols[i].table,
                 added_cols[i].name, added_cols[i].type);
        rs = exec_as(st, sql, true);
    }
    if (rs == RIFT_OK)
        rs = store_exec(st, "DROP VIEW IF EXISTS event_view");
    if (rs == RIFT_OK)
        rs = event_view(st, false);
    if (rs != RIFT_OK) {
        rollback(st);
        return rs;
    }
    return store_exec(st, "COMMIT");
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
static rift_status create_schema(rift_store *st, bool *made)
{
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO meta VALUES('schema_version','%d'),('writer','rift');",
             RIFT_SCHEMA_VERSION);
    *made = false;
    if (db_begin(st->db) != 0)
        return store_fail(st, "begin");
    /* writers starting at once on an empty store make the schema once, one
     * after the other: SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock;
     * the later ones find it made */
    if (db_kind_of(st->db) == DB_PG &&
        store_exec(st, "SELECT pg_advisory_xact_lock(" STORE_PG_LOCK_SCHEMA ")") != RIFT_OK) {
        rollback(st);
        return RIFT_EIO;
    }
    if (db_table_count(st->db) != 0)
        return store_exec(st, "COMMIT");
    *made = true;
    /* a quote may be longer than a PostgreSQL B-tree row: a hash index there */
    bool ok = exec_as(st, schema_sql, true) == RIFT_OK &&
              exec_as(st, db_kind_of(st->db) == DB_PG
                              ? "CREATE INDEX quotes_norm ON quotes USING hash(norm);"
                              : "CREATE INDEX quotes_norm ON quotes(norm);", true) == RIFT_OK;
    for (size_t i = 0; ok && i < sizeof added_tables / sizeof *added_tables; i++)
        ok = exec_as(st, added_tables[i].sql, true) == RIFT_OK;
    if (!ok || event_view(st, false) != RIFT_OK ||
        store_exec(st, sql) != RIFT_OK) {
        rollback(st);
        return RIFT_EIO;
    }
    return store_exec(st, "COMMIT");
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

/* The store's name in messages: a path, or a URL without its password. */
static char *shown_target(const char *t)
{
    char *s = rift_xstrdup(t);
    if (!db_is_url(t))
        return s;
    char *start = strstr(s, "://") + 3, *at = strchr(start, '@'), *slash = strchr(start, '/');
    char *colon = at ? memchr(start, ':', (size_t)(at - start)) : NULL;
    if (at && (!slash || at < slash) && colon)
        memmove(colon, at, strlen(at) + 1);
    return s;
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
    st->path = shown_target(path);
    bool ro = opt && opt->read_only;
    st->read_only = ro;
    if (opt) {
        st->busy = opt->busy;
        st->busy_ctx = opt->busy_ctx;
    }
    if (db_is_url(path)) {
        st->db = db_open_pg(path, ro);
        db_set_busy(st->db, on_busy, st);
        if (db_last_error(st->db, NULL) != DB_E_NONE)
            return store_fail(st, "connect");
        long long tables = db_table_count(st->db);
        if (tables == 0 && (ro || (opt && opt->must_exist))) {
            snprintf(st->errmsg, sizeof st->errmsg, "%s: no such store (the database holds "
                     "no tables; rift analyze --db %s PATH... makes one)", st->path, st->path);
            return RIFT_EIO;
        }
        path = st->path;
    }
    struct stat sb = {0};
    if (st->db) {
        /* a database server: no file to look at */
    } else if (stat(path, &sb) != 0 && (ro || (opt && opt->must_exist) || errno != ENOENT)) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", path,
                 errno == ENOENT ? "no such store" : strerror(errno));
        return RIFT_EIO;
    }
    if (!st->db && S_ISDIR(sb.st_mode)) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s is a directory, not a store file", path);
        return RIFT_EIO;
    }
    if (!st->db && access(path, ro ? R_OK : R_OK | W_OK) != 0 && errno != ENOENT) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s: permission denied: the store is not %s "
                 "by this user%s", path, ro ? "readable" : "writable",
                 ro ? "" : " (queries such as rift report open it read-only)");
        return RIFT_EIO;
    }
    long long tables = -1;
    if (st->db) { /* PostgreSQL, connected above */
        tables = db_table_count(st->db);
        if (tables < 0)
            return store_fail(st, "read");
    } else {
        st->db = db_open_sqlite(path, ro, false);
        db_set_busy(st->db, on_busy, st);
        /* a file that is not a database shows here, on the first read */
        tables = db_table_count(st->db);
        db_error e = db_last_error(st->db, NULL);
        if (tables < 0 && ro && (e == DB_E_CANTOPEN || e == DB_E_PERM) && !wal_pending(path)) {
            /* a directory this user cannot write to, and no write pending in
             * PATH-wal: the file alone is the store */
            db_close(st->db);
            st->db = db_open_sqlite(path, true, true);
            db_set_busy(st->db, on_busy, st);
            tables = db_table_count(st->db);
            e = db_last_error(st->db, NULL);
        }
        if (tables < 0 && e != DB_E_NOTADB)
            return store_fail(st, tables < 0 && e == DB_E_CANTOPEN ? "open" : "read");
        if (tables < 0) {
            snprintf(st->errmsg, sizeof st->errmsg,
                     "%s is not a rift store (not an SQLite database); give another --db file",
                     path);
            return RIFT_EFORMAT;
        }
        /* switching a new file to WAL wants it alone: a writer making the
         * same new store at this moment gives SQLITE_BUSY at once, without
         * the busy handler; try again for up to about 10 s */
        rift_status wal = RIFT_EIO;
        for (int tries = 0; !ro && tries < 1000; tries++) {
            wal = store_exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            if (wal == RIFT_OK || db_last_error(st->db, NULL) != DB_E_BUSY)
                break;
            nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
        }
        if (!ro && wal != RIFT_OK)
            return RIFT_EIO;
    }
    if (tables == 0 && !ro) {
        bool made;
        rift_status rs = create_schema(st, &made);
        if (rs != RIFT_OK || made)
            return rs;
        tables = db_table_count(st->db); /* another writer made it meanwhile */
    }
    long long has_meta = db_has_table(st->db, "meta");
    long long v = has_meta ? store_query_int(st,
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
            db_finalize(st->stmt[i]);
        db_close(st->db);
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
    if (db_begin(st->db) != 0)
        return store_fail(st, "begin");
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
    if (store_exec(st, "COMMIT") != RIFT_OK) {
        rollback(st);
        size_t n = strlen(st->errmsg);
        snprintf(st->errmsg + n, sizeof st->errmsg - n, "; the batch was rolled back");
        return RIFT_EIO;
    }
    return RIFT_OK;
}

/* ---- writing one article ------------------------------------------------- */

void store_bind_text(db_stmt *s, int i, const char *t)
{
    if (t)
        db_bind_text(s, i, t, -1);
    else
        db_bind_null(s, i);
}

static void bind_span(db_stmt *s, int i, const char *text, size_t len, uint32_t a,
                      uint32_t b)
{
    if (a < b && b <= len)
        db_bind_text(s, i, text + a, (int)(b - a));
    else
        db_bind_null(s, i);
}

static void bind_idx(db_stmt *s, int i, int32_t v)
{
    if (v >= 0)
        db_bind_int64(s, i, v);
    else
        db_bind_null(s, i);
}

bool store_step_done(rift_store *st, db_stmt *s)
{
    int rc = db_step(s);
    if (rc != DB_DONE) {
        store_fail(st, "write");
        return false;
    }
    db_reset(s);
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
static db_stmt *cached(rift_store *st, int slot, const char *sql)
{
    if (!st->stmt[slot])
        st->stmt[slot] = store_prep(st, sql);
    return st->stmt[slot];
}

static void release(db_stmt *s)
{
    if (s) {
        db_reset(s);
    }
}

static rift_status add_layers(rift_store *st, const rift_doc *d, long long aid)
{
    size_t len;
    const char *text = rift_doc_text(d, &len);
    size_t n;
    db_stmt *s;

    const rift_sentence *se = rift_doc_sentences(d, &n);
    if (!(s = cached(st, ST_SENT, "INSERT INTO sentences VALUES(?,?,?,?)")))
        return RIFT_EIO;
    for (size_t i = 0; i < n; i++) {
        db_bind_int64(s, 1, aid);
        db_bind_int64(s, 2, (long long)i);
        db_bind_int64(s, 3, se[i].start);
        db_bind_int64(s, 4, se[i].end);
        if (!store_step_done(st, s))
            goto bad;
    }
    release(s);

    size_t ne;
    const rift_entity *en = rift_doc_entities(d, &ne);
    db_stmt *m = NULL;
    if (!(s = cached(st, ST_ENT, "INSERT INTO entities(article_id, idx, name, type, roles, code, "
                               "n_mentions, actor_id, confidence) VALUES(?,?,?,?,?,?,?,NULL,?)")) ||
        !(m = cached(st, ST_MENTION, "INSERT INTO mentions VALUES(?,?,?,?) ON CONFLICT DO NOTHING"))) {
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
        db_bind_int64(s, 1, aid);
        db_bind_int64(s, 2, (long long)i);
        store_bind_text(s, 3, en[i].name ? en[i].name : "");
        store_bind_text(s, 4, rift_entity_type_name(en[i].type));
        if (roles.len)
            db_bind_text(s, 5, roles.data, (int)roles.len);
        else
            db_bind_null(s, 5);
        store_bind_text(s, 6, en[i].code);
        db_bind_int64(s, 7, (long long)en[i].n_mentions);
        if (en[i].confidence > 0)
            db_bind_double(s, 8, en[i].confidence);
        else
            db_bind_null(s, 8);
        if (!store_step_done(st, s)) {
            rift_buf_free(&roles);
            release(m);
            goto bad;
        }
        for (size_t k = 0; k < en[i].n_mentions; k++) {
            db_bind_int64(m, 1, aid);
            db_bind_int64(m, 2, (long long)i);
            db_bind_int64(m, 3, en[i].mentions[k].start);
            db_bind_int64(m, 4, en[i].mentions[k].end);
            if (!store_step_done(st, m)) {
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
        db_bind_int64(s, 1, aid);
        db_bind_int64(s, 2, (long long)i);
        db_bind_int64(s, 3, q[i].start);
        db_bind_int64(s, 4, q[i].end);
        bind_span(s, 5, text, len, q[i].start, q[i].end);
        if (q[i].start >= q[i].end || q[i].end > len)
            store_bind_text(s, 5, "");
        char *norm = corpus_norm_quote(text + (q[i].end <= len ? q[i].start : 0),
                                       q[i].end <= len && q[i].start < q[i].end
                                           ? q[i].end - q[i].start : 0, NULL);
        store_bind_text(s, 6, norm);
        free(norm);
        bind_idx(s, 7, q[i].speaker);
        store_bind_text(s, 8, q[i].speaker >= 0 && (size_t)q[i].speaker < ne
                            ? en[q[i].speaker].name : NULL);
        store_bind_text(s, 9, rift_speaker_kind_name(q[i].speaker_kind));
        bind_span(s, 10, text, len, q[i].speaker_text.start, q[i].speaker_text.end);
        bind_span(s, 11, text, len, q[i].cue.start, q[i].cue.end);
        bind_idx(s, 12, q[i].via);
        store_bind_text(s, 13, q[i].via_name);
        db_bind_int64(s, 14, q[i].fragment ? 1 : 0);
        if (!store_step_done(st, s))
            goto bad;
    }
    release(s);

    const rift_time *t = rift_doc_times(d, &n);
    if (!(s = cached(st, ST_TIME, "INSERT INTO times VALUES(?,?,?,?,?,?,?,?)")))
        return RIFT_EIO;
    for (size_t i = 0; i < n; i++) {
        db_bind_int64(s, 1, aid);
        db_bind_int64(s, 2, (long long)i);
        db_bind_int64(s, 3, t[i].start);
        db_bind_int64(s, 4, t[i].end);
        bind_span(s, 5, text, len, t[i].start, t[i].end);
        if (t[i].start >= t[i].end || t[i].end > len)
            store_bind_text(s, 5, "");
        store_bind_text(s, 6, t[i].value);
        store_bind_text(s, 7, t[i].granularity);
        store_bind_text(s, 8, t[i].mod);
        if (!store_step_done(st, s))
            goto bad;
    }
    release(s);

    const rift_event *ev = rift_doc_events(d, &n);
    if (!(s = cached(st, ST_EVENT, "INSERT INTO events(article_id, idx, source_idx, source_name, "
                     "target_idx, target_name, plover, mode, cameo, goldstein, negated, date, "
                     "date_from_article, trigger, start, \"end\", source_code, target_code, "
                     "source_text, target_text, modality, attributed_idx, attributed_name, "
                     "attribution, object_text, confidence, event_date_origin) "
                     "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return RIFT_EIO;
    for (size_t i = 0; i < n; i++) {
        db_bind_int64(s, 1, aid);
        db_bind_int64(s, 2, (long long)i);
        bind_idx(s, 3, ev[i].source);
        store_bind_text(s, 4, ev[i].source >= 0 && (size_t)ev[i].source < ne
                            ? en[ev[i].source].name : NULL);
        bind_idx(s, 5, ev[i].target);
        store_bind_text(s, 6, ev[i].target >= 0 && (size_t)ev[i].target < ne
                            ? en[ev[i].target].name : NULL);
        store_bind_text(s, 7, ev[i].plover);
        store_bind_text(s, 8, ev[i].mode);
        store_bind_text(s, 9, ev[i].cameo);
        db_bind_double(s, 10, ev[i].goldstein);
        db_bind_int64(s, 11, ev[i].negated ? 1 : 0);
        store_bind_text(s, 12, ev[i].date);
        db_bind_int64(s, 13, ev[i].date_from_article ? 1 : 0);
        bind_span(s, 14, text, len, ev[i].trigger.start, ev[i].trigger.end);
        db_bind_int64(s, 15, ev[i].start);
        db_bind_int64(s, 16, ev[i].end);
        store_bind_text(s, 17, ev[i].source_code);
        store_bind_text(s, 18, ev[i].target_code);
        bind_span(s, 19, text, len, ev[i].source_text.start, ev[i].source_text.end);
        bind_span(s, 20, text, len, ev[i].target_text.start, ev[i].target_text.end);
        store_bind_text(s, 21, rift_modality_name(ev[i].modality));
        bind_idx(s, 22, ev[i].attributed_to);
        store_bind_text(s, 23, ev[i].attributed_to >= 0 && (size_t)ev[i].attributed_to < ne
                             ? en[ev[i].attributed_to].name : NULL);
        bind_span(s, 24, text, len, ev[i].attribution.start, ev[i].attribution.end);
        bind_span(s, 25, text, len, ev[i].object_text.start, ev[i].object_text.end);
        db_bind_double(s, 26, ev[i].confidence);
        store_bind_text(s, 27, rift_event_date_origin_name(ev[i].date_origin));
        if (!store_step_done(st, s))
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
    /* stored already: the insert returns no id */
    db_stmt *s;
    int rc;
    size_t len;
    const char *text = rift_doc_text(d, &len);
    const rift_meta *m = rift_doc_meta(d);
    if (!(s = cached(st, ST_ARTICLE, "INSERT INTO articles(key, doc_id, url, title, source, author, date, "
                       "date_origin, outlet, origin, line, length, simhash, text) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                       "ON CONFLICT(key) DO NOTHING RETURNING id")))
        return RIFT_EIO;
    char *outlet = rift_outlet_name(d->model, m->source, m->url, m->title);
    char sh[17];
    snprintf(sh, sizeof sh, "%016llx", (unsigned long long)corpus_simhash(text, len));
    db_bind_text(s, 1, key, -1);
    store_bind_text(s, 2, m->id);
    store_bind_text(s, 3, m->url);
    store_bind_text(s, 4, m->title);
    store_bind_text(s, 5, m->source);
    store_bind_text(s, 6, m->author);
    store_bind_text(s, 7, m->date);
    store_bind_text(s, 8, date_origin_name(m->date_origin));
    store_bind_text(s, 9, outlet);
    store_bind_text(s, 10, m->origin);
    db_bind_int64(s, 11, m->line);
    db_bind_int64(s, 12, (long long)len);
    db_bind_text(s, 13, sh, -1);
    db_bind_text(s, 14, text, (int)len);
    rc = db_step(s);
    long long aid = rc == DB_ROW ? db_column_int64(s, 0) : 0;
    if (rc == DB_ROW)
        rc = db_step(s);
    release(s);
    free(outlet);
    if (rc != DB_DONE)
        return store_fail(st, "write article");
    if (!aid)
        return RIFT_OK; /* another writer stored it meanwhile */
    *is_new = true;
    if (!(s = cached(st, ST_PENDING, "INSERT INTO pending VALUES(?)")))
        return RIFT_EIO;
    db_bind_int64(s, 1, aid);
    if (!store_step_done(st, s))
        return RIFT_EIO;
    return add_layers(st, d, aid);
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
    if (own ? rift_store_begin(st) != RIFT_OK : store_exec(st, "SAVEPOINT article") != RIFT_OK)
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
        rs = store_exec(st, "RELEASE article");
    } else if (!db_in_txn(st->db)) {
        /* SQLite ended the whole transaction (a full disk, an I/O error) */
        st->in_batch = false;
        st->batch_lost = true;
        size_t n = strlen(st->errmsg);
        snprintf(st->errmsg + n, sizeof st->errmsg - n, "; the batch was rolled back");
    } else {
        db_exec(st->db, "ROLLBACK TO article; RELEASE article");
    }
    if (rs == RIFT_OK && added)
        *added = is_new;
    return rs;
}

/* ---- corpus passes -------------------------------------------------------- */

char *store_dup_col(db_stmt *s, int i)
{
    const char *t = db_column_text(s, i);
    return t ? rift_xstrdup(t) : NULL;
}

/* Runs fn inside a transaction unless a batch is open already. */
rift_status store_in_txn(rift_store *st, rift_status (*fn)(rift_store *, const void *),
                          const void *arg)
{
    if (!st || !st->db)
        return RIFT_EINVAL;
    /* PostgreSQL: one corpus pass at a time across all writers (held to
     * the end of the transaction; SQLite's write lock does the same) */
    const char *lock = db_kind_of(st->db) == DB_PG
                           ? "SELECT pg_advisory_xact_lock(" STORE_PG_LOCK_PASSES ")" : NULL;
    if (st->in_batch)
        return lock && store_exec(st, lock) != RIFT_OK ? RIFT_EIO : fn(st, arg);
    if (rift_store_begin(st) != RIFT_OK)
        return RIFT_EIO;
    rift_status rs = lock ? store_exec(st, lock) : RIFT_OK;
    if (rs == RIFT_OK)
        rs = fn(st, arg);
    if (rs == RIFT_OK)
        return rift_store_commit(st);
    st->in_batch = false;
    rollback(st);
    return rs;
}

/* ---- queries ----------------------------------------------------------------- */

static const char *col(db_stmt *s, int i)
{
    return db_column_text(s, i);
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
        long long v = store_query_int(st, sql, -1);
        if (v < 0)
            return store_fail(st, "count");
        *out[i] = (long)v;
    }
    return RIFT_OK;
}

static rift_status finish_query(rift_store *st, db_stmt *s, int rc)
{
    db_finalize(s);
    return rc == DB_DONE || rc == DB_ROW ? RIFT_OK : store_fail(st, "query");
}

rift_status rift_store_stories(rift_store *st, long min_articles, rift_story_fn fn, void *ctx)
{
    if (!st || !st->db || !fn)
        return RIFT_EINVAL;
    db_stmt *s = store_prep(st,
        "SELECT s.id, s.n_articles, s.n_outlets, s.title, s.first_date, s.last_date,"
        " (SELECT group_concat(o, ', ') FROM (SELECT a.outlet AS o, min(a.id) AS m"
        "   FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        "   WHERE sa.story_id = s.id AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY m) t)"
        " FROM stories s WHERE s.n_articles >= ? ORDER BY s.n_articles DESC, s.id");
    if (!s)
        return RIFT_EIO;
    db_bind_int64(s, 1, min_articles);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        rift_story_row r = {(long)db_column_int64(s, 0), (long)db_column_int64(s, 1),
                            (long)db_column_int64(s, 2), col(s, 3), col(s, 4), col(s, 5),
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
    db_stmt *s = store_prep(st,
        "SELECT sa.story_id, a.id, a.doc_id, a.title, a.outlet, a.date, a.url, a.origin"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " WHERE ?1 < 0 OR sa.story_id = ?1"
        " ORDER BY sa.story_id, a.date IS NULL, a.date, a.id");
    if (!s)
        return RIFT_EIO;
    db_bind_int64(s, 1, story);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        rift_story_article_row r = {(long)db_column_int64(s, 0),
                                    (long)db_column_int64(s, 1), col(s, 2), col(s, 3),
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
    db_stmt *s = store_prep(st,
        "SELECT id, n_articles, n_mentions, name, type, code FROM actors"
        " WHERE CAST(?1 AS TEXT) IS NULL OR instr(lower(name), lower(?1)) > 0"
        " ORDER BY n_mentions DESC, n_articles DESC, id");
    if (!s)
        return RIFT_EIO;
    store_bind_text(s, 1, name);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        rift_actor_row r = {(long)db_column_int64(s, 0), (long)db_column_int64(s, 1),
                            (long)db_column_int64(s, 2), col(s, 3), col(s, 4), col(s, 5)};
        if (fn(&r, ctx))
            break;
    }
    return finish_query(st, s, rc);
}

rift_status rift_store_quotes(rift_store *st, const char *speaker, rift_quote_fn fn, void *ctx)
{
    if (!st || !st->db || !fn)
        return RIFT_EINVAL;
    db_stmt *s = store_prep(st,
        "SELECT q.article_id, q.claim_id, q.speaker, q.text, q.outlet, q.date, q.title,"
        "  a.doc_id, q.n_articles, q.n_outlets, q.first_outlet, q.first_date,"
        "  (SELECT group_concat(o, ', ') FROM (SELECT DISTINCT a2.outlet AS o FROM quotes q2"
        "     JOIN articles a2 ON a2.id = q2.article_id WHERE q2.claim_id = q.claim_id"
        "     AND q2.article_id <> q.article_id AND a2.outlet IS NOT NULL"
        "     AND a2.outlet IS DISTINCT FROM q.outlet ORDER BY a2.outlet) t)"
        " FROM quote_view q JOIN articles a ON a.id = q.article_id"
        " WHERE q.speaker IS NOT NULL AND (CAST(?1 AS TEXT) IS NULL OR instr(lower(q.speaker), lower(?1)) > 0)"
        " ORDER BY q.date IS NULL, q.date, q.article_id, q.idx");
    if (!s)
        return RIFT_EIO;
    store_bind_text(s, 1, speaker);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        rift_quote_row r = {(long)db_column_int64(s, 0), (long)db_column_int64(s, 1),
                            col(s, 2), col(s, 3), col(s, 4), col(s, 5), col(s, 6), col(s, 7),
                            (long)db_column_int64(s, 8), (long)db_column_int64(s, 9),
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
    db_stmt *s = store_prep(st, sql);
    if (!s)
        return RIFT_EIO;
    if (!db_readonly(s)) {
        db_finalize(s);
        snprintf(st->errmsg, sizeof st->errmsg, "query: not a read-only statement");
        return RIFT_EINVAL;
    }
    for (size_t i = 0; i < n_params; i++)
        store_bind_text(s, (int)i + 1, params[i]);
    int ncol = 0, rc;
    const char **vals = NULL;
    while ((rc = db_step(s)) == DB_ROW) {
        if (!vals) { /* PostgreSQL knows the columns once the query ran */
            ncol = db_column_count(s);
            vals = rift_xmalloc((size_t)(ncol > 0 ? ncol : 1) * sizeof *vals);
        }
        for (int i = 0; i < ncol; i++)
            vals[i] = col(s, i);
        if (row(ctx, ncol, vals))
            break;
    }
    free(vals);
    return finish_query(st, s, rc);
}
