/* store_claims.c: corroboration, incremental: the quotes and events of the
 * pending articles join the stored claims through indexes, or make new
 * ones; counts and disagreements are redone for the touched claims only.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* A claim is a quote or an event carried by one or more articles: quotes
 * with the same normalised words (of three words or more; shorter ones
 * stand alone), events with the same source and target actors, type and
 * polarity, dated within CLAIM_DAYS of the next (a chain: an event that
 * bridges two chains joins them).  An outlet is the article's source or
 * URL host; an article with neither counts as an outlet of its own.  The
 * first article of a claim is the earliest dated one, then the lowest key.
 * claim_events indexes the chainable events by (source actor, target
 * actor, type, negated, day); claim_outlets holds each claim's outlets. */
#define CLAIM_DAYS 3

enum { C_ARTICLE, C_QUOTES, C_SAME_QUOTE, C_SET_QUOTE, C_EVENTS, C_NEAR, C_CHAIN, C_SET_EVENT,
       C_NEW, C_OUTLET, C_FIRST, C_COUNT, C_SET_FIRST, C_MOVE_EVENTS, C_MOVE_CHAIN,
       C_MOVE_OUTLETS, C_DROP_OUTLETS, C_DROP_CLAIM, C_RECOUNT, C_FIRST_EVENT, C_TOUCH, C_N };

static const char *const claim_sql[C_N] = {
    [C_ARTICLE] = "SELECT outlet, date, key, coalesce(outlet, '#' || id) FROM articles WHERE id = ?",
    [C_QUOTES] = "SELECT idx, norm FROM quotes WHERE article_id = ? AND claim_id IS NULL ORDER BY idx",
    [C_SAME_QUOTE] = "SELECT claim_id FROM quotes WHERE norm = ? AND claim_id IS NOT NULL LIMIT 1",
    [C_SET_QUOTE] = "UPDATE quotes SET claim_id = ? WHERE article_id = ? AND idx = ?",
    [C_EVENTS] = "SELECT ev.idx, es.actor_id, et.actor_id, coalesce(ev.plover, ''), ev.negated,"
                 "  coalesce(ev.date, a.date)"
                 " FROM events ev JOIN articles a ON a.id = ev.article_id"
                 " LEFT JOIN entities es ON es.article_id = ev.article_id AND es.idx = ev.source_idx"
                 " LEFT JOIN entities et ON et.article_id = ev.article_id AND et.idx = ev.target_idx"
                 " WHERE ev.article_id = ? AND ev.claim_id IS NULL ORDER BY ev.idx",
    [C_NEAR] = "SELECT DISTINCT claim_id FROM claim_events WHERE src = ?1 AND tgt = ?2"
               " AND plover = ?3 AND negated = ?4 AND days BETWEEN ?5 AND ?6 ORDER BY claim_id",
    [C_CHAIN] = "INSERT INTO claim_events VALUES(?, ?, ?, ?, ?, ?)",
    [C_SET_EVENT] = "UPDATE events SET claim_id = ? WHERE article_id = ? AND idx = ?",
    [C_NEW] = "INSERT INTO corroboration(id, kind, n_articles, n_outlets, first_article_id,"
              " first_outlet, first_date) VALUES(?, ?, 0, 0, ?, ?, ?)",
    [C_OUTLET] = "INSERT INTO claim_outlets VALUES(?, ?) ON CONFLICT DO NOTHING RETURNING claim_id",
    [C_FIRST] = "SELECT c.first_date, a.key FROM corroboration c"
                " JOIN articles a ON a.id = c.first_article_id WHERE c.id = ?",
    [C_COUNT] = "UPDATE corroboration SET n_articles = n_articles + 1,"
                " n_outlets = n_outlets + ?2 WHERE id = ?1",
    [C_SET_FIRST] = "UPDATE corroboration SET first_article_id = ?2, first_outlet = ?3,"
                    " first_date = ?4 WHERE id = ?1",
    [C_MOVE_EVENTS] = "UPDATE events SET claim_id = ?1 WHERE claim_id = ?2",
    [C_MOVE_CHAIN] = "UPDATE claim_events SET claim_id = ?1 WHERE claim_id = ?2",
    [C_MOVE_OUTLETS] = "INSERT INTO claim_outlets SELECT CAST(?1 AS INTEGER), outlet FROM"
                       " claim_outlets WHERE claim_id = ?2 ON CONFLICT DO NOTHING",
    [C_DROP_OUTLETS] = "DELETE FROM claim_outlets WHERE claim_id = ?",
    [C_DROP_CLAIM] = "DELETE FROM corroboration WHERE id = ?",
    [C_RECOUNT] = "UPDATE corroboration SET"
                  " n_articles = (SELECT count(DISTINCT article_id) FROM events WHERE claim_id = ?1),"
                  " n_outlets = (SELECT count(*) FROM claim_outlets WHERE claim_id = ?1)"
                  " WHERE id = ?1",
    [C_FIRST_EVENT] = "SELECT a.id, a.outlet, a.date FROM events ev"
                      " JOIN articles a ON a.id = ev.article_id WHERE ev.claim_id = ?"
                      " ORDER BY a.date IS NULL, a.date, a.key LIMIT 1",
    [C_TOUCH] = "INSERT INTO touched_claims VALUES(?) ON CONFLICT DO NOTHING",
};

typedef RIFT_VEC(long long) llvec;

/* the article being read: its claims so far count it once */
typedef struct article {
    long long id;
    char *outlet, *date, *key, *outlet_key;
    llvec claims;
} article;

typedef struct pass {
    rift_store *st;
    db_stmt *s[C_N];
    long long next_id;
} pass;

static bool failed(pass *p, const char *what)
{
    store_fail(p->st, what);
    return false;
}

/* Is (date, key) earlier than (fdate, fkey)?  Undated comes last. */
static bool earlier(const char *date, const char *key, const char *fdate, const char *fkey)
{
    if (!date != !fdate)
        return date != NULL;
    int c = date ? strcmp(date, fdate) : 0;
    return c < 0 || (c == 0 && strcmp(key, fkey ? fkey : "") < 0);
}

static bool set_first(pass *p, long long claim, long long aid, const char *outlet,
                      const char *date)
{
    db_stmt *s = p->s[C_SET_FIRST];
    db_bind_int64(s, 1, claim);
    db_bind_int64(s, 2, aid);
    store_bind_text(s, 3, outlet);
    store_bind_text(s, 4, date);
    return store_step_done(p->st, s);
}

static bool has(const llvec *v, long long x)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->v[i] == x)
            return true;
    return false;
}

/* a row of article a joins claim (made now when is_new): the article and
 * its outlet count once, and it may be the claim's first article */
static bool join(pass *p, article *a, long long claim, bool is_new, const char *kind)
{
    db_stmt *s;
    if (is_new) {
        s = p->s[C_NEW];
        db_bind_int64(s, 1, claim);
        store_bind_text(s, 2, kind);
        db_bind_int64(s, 3, a->id);
        store_bind_text(s, 4, a->outlet);
        store_bind_text(s, 5, a->date);
        if (!store_step_done(p->st, s))
            return false;
    }
    if (has(&a->claims, claim))
        return true;
    RIFT_VEC_PUSH(a->claims, claim);
    s = p->s[C_OUTLET];
    db_bind_int64(s, 1, claim);
    store_bind_text(s, 2, a->outlet_key);
    int rc = db_step(s), more = 0;
    if (rc == DB_ROW)
        rc = db_step(s), more = 1;
    db_reset(s);
    if (rc != DB_DONE)
        return failed(p, "write claim outlets");
    s = p->s[C_COUNT];
    db_bind_int64(s, 1, claim);
    db_bind_int64(s, 2, more);
    if (!store_step_done(p->st, s))
        return false;
    if (is_new)
        return true;
    s = p->s[C_FIRST];
    db_bind_int64(s, 1, claim);
    if ((rc = db_step(s)) != DB_ROW) {
        db_reset(s);
        return failed(p, "read claims");
    }
    bool first = earlier(a->date, a->key, db_column_text(s, 0), db_column_text(s, 1));
    db_reset(s);
    return !first || set_first(p, claim, a->id, a->outlet, a->date);
}

static bool touch(pass *p, long long claim)
{
    db_bind_int64(p->s[C_TOUCH], 1, claim);
    return store_step_done(p->st, p->s[C_TOUCH]);
}

/* a step of two ids: s(keep, gone) */
static bool run2(pass *p, int which, long long keep, long long gone)
{
    db_stmt *s = p->s[which];
    db_bind_int64(s, 1, keep);
    if (gone)
        db_bind_int64(s, 2, gone);
    return store_step_done(p->st, s);
}

/* an event bridged two chains: gone's rows join keep, which is counted
 * again from its rows */
static bool merge(pass *p, article *a, long long keep, long long gone)
{
    if (!run2(p, C_MOVE_EVENTS, keep, gone) || !run2(p, C_MOVE_CHAIN, keep, gone) ||
        !run2(p, C_MOVE_OUTLETS, keep, gone) || !run2(p, C_DROP_OUTLETS, gone, 0) ||
        !run2(p, C_DROP_CLAIM, gone, 0) || !run2(p, C_RECOUNT, keep, 0) || !touch(p, gone))
        return false;
    db_stmt *s = p->s[C_FIRST_EVENT];
    db_bind_int64(s, 1, keep);
    int rc = db_step(s);
    bool ok = rc == DB_ROW || (rc == DB_DONE ? true : failed(p, "read claims"));
    long long fid = rc == DB_ROW ? db_column_int64(s, 0) : 0;
    char *outlet = rc == DB_ROW ? store_dup_col(s, 1) : NULL;
    char *date = rc == DB_ROW ? store_dup_col(s, 2) : NULL;
    db_reset(s);
    if (ok && fid)
        ok = set_first(p, keep, fid, outlet, date);
    free(outlet);
    free(date);
    /* the article counted in either claim is counted in keep now */
    for (size_t i = 0; i < a->claims.n; i++)
        if (a->claims.v[i] == gone)
            a->claims.v[i] = keep;
    return ok;
}

static bool quotes_of(pass *p, article *a)
{
    db_stmt *q = p->s[C_QUOTES];
    db_bind_int64(q, 1, a->id);
    RIFT_VEC(char *) norms = {0};
    llvec idx = {0};
    int rc;
    while ((rc = db_step(q)) == DB_ROW) {
        RIFT_VEC_PUSH(idx, db_column_int64(q, 0));
        RIFT_VEC_PUSH(norms, store_dup_col(q, 1));
    }
    db_reset(q);
    bool ok = rc == DB_DONE || failed(p, "read quotes");
    for (size_t i = 0; ok && i < idx.n; i++) {
        size_t spaces = 0;
        for (const char *c = norms.v[i] ? norms.v[i] : ""; *c; c++)
            spaces += *c == ' ';
        long long claim = 0;
        if (spaces >= 2) {
            db_stmt *s = p->s[C_SAME_QUOTE];
            store_bind_text(s, 1, norms.v[i]);
            rc = db_step(s);
            claim = rc == DB_ROW ? db_column_int64(s, 0) : 0;
            db_reset(s);
            if (rc == DB_ERROR)
                ok = failed(p, "read quotes");
        }
        bool is_new = !claim;
        if (is_new)
            claim = ++p->next_id;
        db_stmt *s = p->s[C_SET_QUOTE];
        db_bind_int64(s, 1, claim);
        db_bind_int64(s, 2, a->id);
        db_bind_int64(s, 3, idx.v[i]);
        ok = ok && store_step_done(p->st, s) && join(p, a, claim, is_new, "quote");
    }
    for (size_t i = 0; i < norms.n; i++)
        free(norms.v[i]);
    free(norms.v);
    free(idx.v);
    return ok;
}

typedef struct event_row {
    long long idx, src, tgt, neg;
    char *type;
    int days;
} event_row;

/* the claim of a chainable event: the chains within CLAIM_DAYS, joined */
static long long chain_of(pass *p, article *a, const event_row *e, bool *is_new)
{
    db_stmt *s = p->s[C_NEAR];
    db_bind_int64(s, 1, e->src);
    db_bind_int64(s, 2, e->tgt);
    store_bind_text(s, 3, e->type);
    db_bind_int64(s, 4, e->neg);
    db_bind_int64(s, 5, e->days - CLAIM_DAYS);
    db_bind_int64(s, 6, e->days + CLAIM_DAYS);
    llvec near = {0};
    int rc;
    while ((rc = db_step(s)) == DB_ROW)
        RIFT_VEC_PUSH(near, db_column_int64(s, 0));
    db_reset(s);
    long long claim = rc == DB_DONE ? 0 : (failed(p, "read claims"), -1);
    if (!claim && near.n)
        claim = near.v[0]; /* the lowest id */
    for (size_t i = 1; claim > 0 && i < near.n; i++)
        if (!merge(p, a, claim, near.v[i]))
            claim = -1;
    free(near.v);
    *is_new = claim == 0;
    return claim;
}

static bool events_of(pass *p, article *a)
{
    db_stmt *q = p->s[C_EVENTS];
    db_bind_int64(q, 1, a->id);
    RIFT_VEC(event_row) ev = {0};
    int rc;
    while ((rc = db_step(q)) == DB_ROW) {
        event_row e = {db_column_int64(q, 0),
                       db_column_null(q, 1) ? -1 : db_column_int64(q, 1),
                       db_column_null(q, 2) ? -1 : db_column_int64(q, 2),
                       db_column_int64(q, 4), store_dup_col(q, 3),
                       store_days_of(db_column_text(q, 5))};
        RIFT_VEC_PUSH(ev, e);
    }
    db_reset(q);
    bool ok = rc == DB_DONE || failed(p, "read events");
    for (size_t i = 0; ok && i < ev.n; i++) {
        const event_row *e = &ev.v[i];
        bool chain = e->src >= 0 && e->tgt >= 0 && e->days != CORPUS_NO_DATE, is_new = true;
        long long claim = chain ? chain_of(p, a, e, &is_new) : 0;
        if (claim < 0) {
            ok = false;
            break;
        }
        if (is_new)
            claim = ++p->next_id;
        db_stmt *s = p->s[C_SET_EVENT];
        db_bind_int64(s, 1, claim);
        db_bind_int64(s, 2, a->id);
        db_bind_int64(s, 3, e->idx);
        ok = store_step_done(p->st, s) && join(p, a, claim, is_new, "event") && touch(p, claim);
        if (ok && chain) {
            s = p->s[C_CHAIN];
            db_bind_int64(s, 1, e->src);
            db_bind_int64(s, 2, e->tgt);
            store_bind_text(s, 3, e->type);
            db_bind_int64(s, 4, e->neg);
            db_bind_int64(s, 5, e->days);
            db_bind_int64(s, 6, claim);
            ok = store_step_done(p->st, s);
        }
    }
    for (size_t i = 0; i < ev.n; i++)
        free(ev.v[i].type);
    free(ev.v);
    return ok;
}

static rift_status claim_article(void *ctx, long long aid)
{
    pass *p = ctx;
    article a = {.id = aid};
    db_stmt *s = p->s[C_ARTICLE];
    db_bind_int64(s, 1, aid);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        a.outlet = store_dup_col(s, 0);
        a.date = store_dup_col(s, 1);
        a.key = store_dup_col(s, 2);
        a.outlet_key = store_dup_col(s, 3);
    }
    db_reset(s);
    bool ok = rc == DB_ROW ? quotes_of(p, &a) && events_of(p, &a) : failed(p, "read articles");
    free(a.outlet);
    free(a.date);
    free(a.key);
    free(a.outlet_key);
    free(a.claims.v);
    return ok ? RIFT_OK : RIFT_EIO;
}

/* A store whose claims were made before claim_outlets and claim_events
 * existed: the indexes are filled once from the claims it holds, and every
 * date disagreement is redone. */
static rift_status index_stored_claims(pass *p)
{
    rift_status rs = store_exec(p->st,
        "INSERT INTO claim_outlets SELECT DISTINCT q.claim_id, coalesce(a.outlet, '#' || a.id)"
        " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.claim_id IS NOT NULL"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO claim_outlets SELECT DISTINCT ev.claim_id, coalesce(a.outlet, '#' || a.id)"
        " FROM events ev JOIN articles a ON a.id = ev.article_id WHERE ev.claim_id IS NOT NULL"
        " ON CONFLICT DO NOTHING;"
        "DELETE FROM disagreements WHERE kind = 'date';"
        "INSERT INTO touched_claims SELECT id FROM corroboration WHERE kind = 'event';");
    db_stmt *s = rs == RIFT_OK ? store_prep(p->st,
        "SELECT es.actor_id, et.actor_id, coalesce(ev.plover, ''), ev.negated,"
        "  coalesce(ev.date, a.date), ev.claim_id"
        " FROM events ev JOIN articles a ON a.id = ev.article_id"
        " JOIN entities es ON es.article_id = ev.article_id AND es.idx = ev.source_idx"
        " JOIN entities et ON et.article_id = ev.article_id AND et.idx = ev.target_idx"
        " WHERE ev.claim_id IS NOT NULL AND es.actor_id IS NOT NULL"
        " AND et.actor_id IS NOT NULL") : NULL;
    if (!s)
        return RIFT_EIO;
    db_stmt *ins = p->s[C_CHAIN];
    int rc;
    bool ok = true;
    while (ok && (rc = db_step(s)) == DB_ROW) {
        int days = store_days_of(db_column_text(s, 4));
        if (days == CORPUS_NO_DATE)
            continue;
        db_bind_int64(ins, 1, db_column_int64(s, 0));
        db_bind_int64(ins, 2, db_column_int64(s, 1));
        store_bind_text(ins, 3, db_column_text(s, 2));
        db_bind_int64(ins, 4, db_column_int64(s, 3));
        db_bind_int64(ins, 5, days);
        db_bind_int64(ins, 6, db_column_int64(s, 5));
        ok = store_step_done(p->st, ins);
    }
    if (ok && rc != DB_DONE)
        ok = failed(p, "read events");
    db_finalize(s);
    return ok ? RIFT_OK : RIFT_EIO;
}

/* Disagreements, kept simple: (1) a title: two articles of one story give
 * the same actor roles with none in common ("President" against "former
 * President"), redone for the stories of the pending articles; (2) a
 * date: one event claim whose articles date it explicitly, differently,
 * redone for the touched claims.  Pairs of distinct values, not of
 * articles, so a value repeated by a thousand articles still makes one
 * row (the first article of each, by date then key). */
static rift_status disagreements(rift_store *st)
{
    return store_exec(st,
        "CREATE TEMP TABLE IF NOT EXISTS touched_stories(id INTEGER PRIMARY KEY);"
        "DELETE FROM touched_stories;"
        "INSERT INTO touched_stories SELECT DISTINCT sa.story_id FROM story_articles sa"
        " JOIN pass_pending p ON p.article_id = sa.article_id;"
        /* rows of stories made again since (rift stories --update): their
         * articles' stories now are redone too; date rows move */
        "INSERT INTO touched_stories SELECT DISTINCT sa.story_id FROM disagreements d"
        " JOIN story_articles sa ON sa.article_id = d.article_a WHERE d.kind = 'title'"
        " AND d.story_id IS DISTINCT FROM sa.story_id ON CONFLICT DO NOTHING;"
        "UPDATE disagreements SET story_id = (SELECT sa.story_id FROM story_articles sa"
        "  WHERE sa.article_id = disagreements.article_a)"
        " WHERE kind = 'date' AND story_id IS DISTINCT FROM (SELECT sa.story_id"
        "  FROM story_articles sa WHERE sa.article_id = disagreements.article_a);"
        "DELETE FROM disagreements WHERE kind = 'title' AND story_id IS DISTINCT FROM"
        " (SELECT sa.story_id FROM story_articles sa WHERE sa.article_id = disagreements.article_a);"
        "DELETE FROM disagreements WHERE kind = 'title'"
        " AND story_id IN (SELECT id FROM touched_stories);"
        "DELETE FROM disagreements WHERE kind = 'date'"
        " AND claim_id IN (SELECT id FROM touched_claims);"
        "INSERT INTO disagreements(story_id, kind, subject, article_a, value_a, article_b, value_b)"
        " WITH r0 AS (SELECT sa.story_id AS story, e.actor_id AS actor, lower(e.roles) AS lr,"
        "   e.article_id AS art, e.roles AS roles, row_number() OVER (PARTITION BY"
        "   sa.story_id, e.actor_id, lower(e.roles) ORDER BY a.date IS NULL, a.date, a.key,"
        "   e.idx) AS rn"
        "   FROM touched_stories ts JOIN story_articles sa ON sa.story_id = ts.id"
        "   JOIN entities e ON e.article_id = sa.article_id JOIN articles a ON a.id = e.article_id"
        "   WHERE e.roles IS NOT NULL AND e.actor_id IS NOT NULL),"
        " r AS (SELECT story, actor, lr, art, roles FROM r0 WHERE rn = 1)"
        " SELECT r1.story, 'title', ac.name, r1.art, r1.roles, r2.art, r2.roles"
        " FROM r r1 JOIN r r2 ON r2.story = r1.story AND r2.actor = r1.actor AND r2.lr > r1.lr"
        " JOIN actors ac ON ac.id = r1.actor"
        " WHERE instr('; ' || r2.lr || '; ', '; ' || r1.lr || '; ') = 0"
        "   AND instr('; ' || r1.lr || '; ', '; ' || r2.lr || '; ') = 0"
        " ORDER BY r1.story, r1.actor, r1.lr, r2.lr;"
        "INSERT INTO disagreements(story_id, kind, subject, article_a, value_a, article_b,"
        "  value_b, claim_id)"
        " WITH d0 AS (SELECT ev.claim_id AS claim, ev.date AS date, ev.article_id AS art,"
        "   ev.idx AS idx, row_number() OVER (PARTITION BY ev.claim_id, ev.date"
        "   ORDER BY a.date IS NULL, a.date, a.key, ev.idx) AS rn"
        "   FROM touched_claims tc JOIN events ev ON ev.claim_id = tc.id"
        "   JOIN articles a ON a.id = ev.article_id"
        "   WHERE ev.date_from_article = 0 AND ev.date IS NOT NULL),"
        " d AS (SELECT claim, date, art, idx FROM d0 WHERE rn = 1)"
        " SELECT sa.story_id,"
        "  'date', coalesce(v.source, '?') || ' ' || coalesce(v.plover, '?') || ' ' ||"
        "  coalesce(v.target, '?'), d1.art, d1.date, d2.art, d2.date, d1.claim"
        " FROM d d1 JOIN d d2 ON d2.claim = d1.claim AND d2.date > d1.date"
        " JOIN event_view v ON v.article_id = d1.art AND v.idx = d1.idx"
        " LEFT JOIN story_articles sa ON sa.article_id = d1.art"
        " ORDER BY d1.claim, d1.date, d2.date;");
}

rift_status store_corroborate(rift_store *st, const void *unused)
{
    (void)unused;
    pass p = {.st = st};
    rift_status rs = store_exec(st,
        "CREATE TEMP TABLE IF NOT EXISTS touched_claims(id INTEGER PRIMARY KEY);"
        "DELETE FROM touched_claims;");
    bool unindexed = false;
    if (rs == RIFT_OK)
        rs = store_pass_begin(st, claim_sql, C_N, p.s, "corroboration", "claim_outlets",
                              &unindexed, &p.next_id);
    if (rs == RIFT_OK && unindexed)
        rs = index_stored_claims(&p);
    if (rs == RIFT_OK)
        rs = store_each_pending(st, claim_article, &p);
    for (int i = 0; i < C_N; i++)
        db_finalize(p.s[i]);
    if (rs == RIFT_OK)
        rs = disagreements(st);
    return rs;
}
