/* store_passes.c: the corpus passes over the stored articles, in order:
 * actors (store_actors.c), stories (store_stories.c), corroboration and
 * disagreements (store_claims.c), over the articles pending when they began.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The articles the passes work on: those pending when the passes began
 * (pass_pending), by date (undated last) then key, so that the results do
 * not depend on the order in which the articles were stored.  On
 * PostgreSQL, the passes of concurrent writers run one at a time. */
static rift_status begin_passes(rift_store *st)
{
    rift_status rs = RIFT_OK;
    if (db_kind_of(st->db) == DB_PG)
        rs = store_exec(st, "SELECT pg_advisory_xact_lock(" STORE_PG_LOCK_PASSES ")");
    if (rs == RIFT_OK)
        rs = store_exec(st,
            "CREATE TEMP TABLE IF NOT EXISTS pass_pending(article_id INTEGER PRIMARY KEY);"
            "DELETE FROM pass_pending;"
            "INSERT INTO pass_pending SELECT article_id FROM pending;");
    return rs;
}

rift_status store_each_pending(rift_store *st, rift_status (*fn)(void *ctx, long long id),
                               void *ctx)
{
    db_stmt *s = store_prep(st, "SELECT a.id FROM pass_pending p JOIN articles a"
                                " ON a.id = p.article_id ORDER BY a.date IS NULL, a.date, a.key");
    if (!s)
        return RIFT_EIO;
    RIFT_VEC(long long) ids = {0};
    int rc;
    while ((rc = db_step(s)) == DB_ROW)
        RIFT_VEC_PUSH(ids, db_column_int64(s, 0));
    db_finalize(s);
    rift_status rs = rc == DB_DONE ? RIFT_OK : store_fail(st, "read pending articles");
    for (size_t i = 0; i < ids.n && rs == RIFT_OK; i++)
        rs = fn(ctx, ids.v[i]);
    free(ids.v);
    return rs;
}

/* The start of an incremental pass: its statements, whether `table` has
 * rows made before its index table `index` existed (the caller then fills
 * the index once), and the highest id in `table`. */
rift_status store_pass_begin(rift_store *st, const char *const *sql, int n, db_stmt **s,
                             const char *table, const char *index, bool *unindexed,
                             long long *max_id)
{
    for (int i = 0; i < n; i++)
        if (!(s[i] = store_prep(st, sql[i])))
            return RIFT_EIO;
    char q[160];
    snprintf(q, sizeof q, "SELECT count(*) FROM (SELECT 1 FROM %s WHERE NOT EXISTS"
             " (SELECT 1 FROM %s) LIMIT 1) t", table, index);
    long long v = store_query_int(st, q, -1);
    snprintf(q, sizeof q, "SELECT coalesce(max(id), 0) FROM %s", table);
    *max_id = v < 0 ? -1 : store_query_int(st, q, -1);
    *unindexed = v > 0;
    return *max_id < 0 ? store_fail(st, "read the store") : RIFT_OK;
}

typedef rift_status (*pass_fn)(rift_store *, const void *);

/* one pass alone over the pending articles, which stay pending */
static rift_status pending_pass(rift_store *st, const void *fn)
{
    rift_status rs = begin_passes(st);
    return rs == RIFT_OK ? (*(const pass_fn *)fn)(st, NULL) : rs;
}

int store_days_of(const char *date)
{
    int y, m, d;
    if (!date || !rift_date_parse(date, strlen(date), &y, &m, &d))
        return CORPUS_NO_DATE;
    return rift_days_from_civil(y, m, d);
}

rift_status rift_store_link_actors(rift_store *st)
{
    static const pass_fn fn = store_link_actors;
    return store_in_txn(st, pending_pass, &fn);
}

rift_status rift_store_corroborate(rift_store *st)
{
    static const pass_fn fn = store_corroborate;
    return store_in_txn(st, pending_pass, &fn);
}

static rift_status update_all(rift_store *st, const void *opt)
{
    rift_status rs = begin_passes(st);
    if (rs == RIFT_OK)
        rs = store_link_actors(st, NULL);
    if (rs == RIFT_OK)
        rs = store_stories(st, opt, opt && ((const rift_story_options *)opt)->recluster);
    if (rs == RIFT_OK)
        rs = store_corroborate(st, NULL);
    /* the articles stored meanwhile (PostgreSQL) stay pending */
    if (rs == RIFT_OK)
        rs = store_exec(st, "DELETE FROM pending WHERE article_id IN"
                            " (SELECT article_id FROM pass_pending)");
    return rs;
}

rift_status rift_store_update(rift_store *st, const rift_story_options *opt)
{
    return store_in_txn(st, update_all, opt);
}

