/* store_passes.c: the corpus passes over the stored articles, in order:
 * actors (store_actors.c), stories (the SQL around corpus_cluster_stories,
 * stories.c), corroboration and disagreements (store_claims.c).
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
        rs = store_exec(st, "SELECT pg_advisory_xact_lock(1919510372)");
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

static rift_status cluster_stories(rift_store *st, const void *arg)
{
    const rift_story_options *opt = arg;
    db_stmt *s = store_prep(st, "SELECT id, text, title, date, simhash FROM articles ORDER BY id");
    if (!s)
        return RIFT_EIO;
    RIFT_VEC(corpus_article) arts = {0};
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        corpus_article a = {0};
        a.id = (long)db_column_int64(s, 0);
        const void *t = db_column_text(s, 1);
        a.len = (size_t)db_column_bytes(s, 1);
        char *copy = rift_xmalloc(a.len + 1);
        if (a.len)
            memcpy(copy, t, a.len);
        copy[a.len] = '\0';
        a.text = copy;
        a.title = store_dup_col(s, 2);
        const char *date = db_column_text(s, 3);
        a.days = store_days_of(date);
        const char *sh = db_column_text(s, 4);
        if (sh && strlen(sh) == 16) {
            a.simhash = strtoull(sh, NULL, 16);
            a.has_simhash = true;
        }
        RIFT_VEC_PUSH(arts, a);
    }
    db_finalize(s);
    rift_status rs = rc == DB_DONE ? RIFT_OK : store_fail(st, "read articles");
    /* actors of each article (rows come by article id, like the articles) */
    RIFT_VEC(int32_t) ids = {0};
    size_t *from = rift_xmalloc((arts.n + 1) * sizeof *from);
    if (rs == RIFT_OK && (s = store_prep(st, "SELECT DISTINCT article_id, actor_id FROM entities "
                                       "WHERE actor_id IS NOT NULL "
                                       "ORDER BY article_id, actor_id"))) {
        size_t k = 0;
        while ((rc = db_step(s)) == DB_ROW) {
            long aid = (long)db_column_int64(s, 0);
            while (k < arts.n && arts.v[k].id < aid)
                from[++k] = ids.n;
            RIFT_VEC_PUSH(ids, (int32_t)db_column_int64(s, 1));
        }
        while (k < arts.n)
            from[++k] = ids.n;
        if (rc != DB_DONE)
            rs = store_fail(st, "read actors");
        db_finalize(s);
    } else if (rs == RIFT_OK) {
        rs = RIFT_EIO;
    }
    /* the time expression values of each article, space-separated */
    char **times = rift_xmalloc((arts.n + 1) * sizeof *times);
    memset(times, 0, (arts.n + 1) * sizeof *times);
    if (rs == RIFT_OK && (s = store_prep(st, "SELECT article_id, group_concat(value, ' ') FROM"
                                       " (SELECT article_id, value FROM times WHERE value IS NOT NULL"
                                       "  ORDER BY article_id, idx) t"
                                       " GROUP BY article_id ORDER BY article_id"))) {
        size_t k = 0;
        while ((rc = db_step(s)) == DB_ROW) {
            long aid = (long)db_column_int64(s, 0);
            while (k < arts.n && arts.v[k].id < aid)
                k++;
            if (k < arts.n && arts.v[k].id == aid)
                arts.v[k].times = times[k] = store_dup_col(s, 1);
        }
        if (rc != DB_DONE)
            rs = store_fail(st, "read times");
        db_finalize(s);
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
        rs = store_exec(st, "DELETE FROM stories; DELETE FROM story_articles;");
    }
    db_stmt *ins = rs == RIFT_OK ? store_prep(st, "INSERT INTO story_articles VALUES(?,?)")
                                      : NULL;
    if (rs == RIFT_OK && !ins)
        rs = RIFT_EIO;
    for (size_t k = 0; rs == RIFT_OK && k < arts.n; k++) {
        db_bind_int64(ins, 1, (long long)story[k] + 1);
        db_bind_int64(ins, 2, arts.v[k].id);
        if (!store_step_done(st, ins))
            rs = RIFT_EIO;
    }
    db_finalize(ins);
    if (rs == RIFT_OK)
        rs = store_exec(st,
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
    return store_in_txn(st, cluster_stories, opt);
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
        rs = cluster_stories(st, opt);
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

