/* store_int.h: what the store's files (store.c: schema, writing, queries;
 * store_passes.c, store_actors.c, store_claims.c, store_stories.c: the
 * corpus passes) share: the handle and its helpers.
 */
#ifndef RIFT_STORE_INT_H
#define RIFT_STORE_INT_H

#include "corpus.h"
#include "db.h"

/* statements of rift_store_add_doc, prepared once per store */
enum { ST_ARTICLE, ST_PENDING, ST_SENT, ST_ENT, ST_MENTION, ST_QUOTE, ST_TIME, ST_EVENT, ST_N };

struct rift_store {
    db *db;
    char *path;          /* the file, or the URL without its password */
    char errmsg[512];
    bool in_batch;
    bool batch_lost;     /* the database rolled the open batch back after an error */
    bool read_only;
    rift_store_busy_fn busy;
    void *busy_ctx;
    db_stmt *stmt[ST_N];
};

/* PostgreSQL advisory lock keys ("rift" in ASCII, plus one): making the
 * schema, and running the corpus passes, one writer at a time */
#define STORE_PG_LOCK_SCHEMA "1919510132"
#define STORE_PG_LOCK_PASSES "1919510133"

/* errmsg from the database's last error, after what; RIFT_EIO */
rift_status store_fail(rift_store *st, const char *what);
/* runs statements without parameters; an error is named after the first word */
rift_status store_exec(rift_store *st, const char *sql);
/* a statement, or NULL with errmsg set */
db_stmt *store_prep(rift_store *st, const char *sql);
void store_bind_text(db_stmt *s, int i, const char *t);
/* steps a statement that returns no row, then resets it */
bool store_step_done(rift_store *st, db_stmt *s);
/* a column's text, copied (NULL for NULL) */
char *store_dup_col(db_stmt *s, int i);
/* bytes [start, end) of column col's text, at most max (0: all), clamped,
 * NUL-terminated in b (store_report.c); NULL when the text is NULL */
const char *store_slice(rift_buf *b, db_stmt *s, int col, long long start, long long end,
                        size_t max);
/* one integer from a query, or dflt */
long long store_query_int(rift_store *st, const char *sql, long long dflt);
/* runs fn inside a transaction unless a batch is open already */
rift_status store_in_txn(rift_store *st, rift_status (*fn)(rift_store *, const void *),
                         const void *arg);


/* ---- the corpus passes (store_passes.c, store_actors.c, store_claims.c,
 * store_stories.c) */

/* fn(ctx, id) for each pending article of this run of the passes, by date
 * (undated last) then key, until one fails. */
rift_status store_each_pending(rift_store *st, rift_status (*fn)(void *ctx, long long id),
                               void *ctx);
/* The start of an incremental pass: the n statements of sql into s;
 * *unindexed when table has rows but index none; *max_id the highest id. */
rift_status store_pass_begin(rift_store *st, const char *const *sql, int n, db_stmt **s,
                             const char *table, const char *index, bool *unindexed,
                             long long *max_id);
/* days since 1970 of a YYYY-MM-DD date, or CORPUS_NO_DATE */
int store_days_of(const char *date);
/* the passes over the pending articles: entities join actors; quotes and
 * events join claims, then disagreements (arg unused) */
rift_status store_link_actors(rift_store *st, const void *unused);
rift_status store_corroborate(rift_store *st, const void *unused);
/* The stories pass (store_stories.c): the articles of pass_pending not yet
 * in a story placed, or with all every article clustered again. */
rift_status store_stories(rift_store *st, const rift_story_options *opt, bool all);

#endif
