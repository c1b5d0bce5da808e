/* store_passes.c: the corpus passes over the stored articles: actors linked
 * across articles, stories, corroboration of quotes and events, and the
 * disagreements between articles; the SQL around corpus_link_actors
 * (actors_corpus.c).  The stories pass is in store_stories.c.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    db_stmt *s = store_prep(st, "SELECT e.article_id, e.idx, e.name, e.type, e.code, e.roles,"
                               " e.n_mentions, a.date, coalesce(e.actor_id, 0)"
                               " FROM entities e JOIN articles a ON a.id = e.article_id"
                               " ORDER BY e.article_id, e.idx");
    if (!s)
        return RIFT_EIO;
    RIFT_VEC(corpus_entity) e = {0};
    typedef struct erow { long idx, n_mentions, old_actor; char *date; } erow;
    RIFT_VEC(erow) rows = {0};
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        corpus_entity x = {0};
        x.article = (long)db_column_int64(s, 0);
        x.name = store_dup_col(s, 2);
        x.type = type_from_name(db_column_text(s, 3));
        x.code = store_dup_col(s, 4);
        x.roles = store_dup_col(s, 5);
        RIFT_VEC_PUSH(e, x);
        erow r = {(long)db_column_int64(s, 1), (long)db_column_int64(s, 6),
                  (long)db_column_int64(s, 8), store_dup_col(s, 7)};
        RIFT_VEC_PUSH(rows, r);
    }
    db_finalize(s);
    rift_status rs = RIFT_OK;
    if (rc != DB_DONE)
        rs = store_fail(st, "read entities");
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
        rs = store_exec(st, "DELETE FROM actors;");
    db_stmt *ia = rs == RIFT_OK ? store_prep(st, "INSERT INTO actors(id, name, type, code, "
                                                "n_articles, n_mentions, first_date, last_date)"
                                                " VALUES(?,?,?,?,?,?,?,?)")
                                     : NULL;
    db_stmt *ue = rs == RIFT_OK ? store_prep(st, "UPDATE entities SET actor_id = ? WHERE "
                                                "article_id = ? AND idx = ?")
                                     : NULL;
    if (rs == RIFT_OK && (!ia || !ue))
        rs = RIFT_EIO;
    for (size_t a = 0; rs == RIFT_OK && a < na; a++) {
        db_bind_int64(ia, 1, (long long)a + 1);
        store_bind_text(ia, 2, act[a].name);
        store_bind_text(ia, 3, rift_entity_type_name((rift_entity_type)act[a].type));
        store_bind_text(ia, 4, act[a].code);
        db_bind_int64(ia, 5, as[a].articles);
        db_bind_int64(ia, 6, as[a].mentions);
        store_bind_text(ia, 7, as[a].first);
        store_bind_text(ia, 8, as[a].last);
        if (!store_step_done(st, ia))
            rs = RIFT_EIO;
    }
    /* only the links that changed are written: a re-run over the same
     * articles writes none */
    for (size_t i = 0; rs == RIFT_OK && i < e.n; i++) {
        if (rows.v[i].old_actor == (long)e.v[i].actor + 1)
            continue;
        db_bind_int64(ue, 1, (long long)e.v[i].actor + 1);
        db_bind_int64(ue, 2, e.v[i].article);
        db_bind_int64(ue, 3, rows.v[i].idx);
        if (!store_step_done(st, ue))
            rs = RIFT_EIO;
    }
    db_finalize(ia);
    db_finalize(ue);
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
    return store_in_txn(st, link_actors, NULL);
}

static int days_of(const char *date)
{
    int y, m, d;
    if (!date || !rift_date_parse(date, strlen(date), &y, &m, &d))
        return CORPUS_NO_DATE;
    return rift_days_from_civil(y, m, d);
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
    rift_status rs = store_exec(st,
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
    rs = store_exec(st,
        "INSERT INTO claim_rows SELECT 'quote', q.article_id, q.idx,"
        "  CASE WHEN length(q.norm) - length(replace(q.norm, ' ', '')) >= 2"
        "    THEN g.grp ELSE q.article_id * 1000000 + q.idx END"
        " FROM quotes q JOIN (SELECT norm, min(article_id * 1000000 + idx) AS grp"
        "   FROM quotes GROUP BY norm) g ON g.norm = q.norm;");
    if (rs != RIFT_OK)
        return rs;
    /* events: chains by (source actor, target actor, type, negated) in date order */
    db_stmt *s = store_prep(st,
        "SELECT ev.article_id, ev.idx, coalesce(es.actor_id, -1), coalesce(et.actor_id, -1),"
        "  coalesce(ev.plover, ''), ev.negated, coalesce(ev.date, a.date)"
        " FROM events ev JOIN articles a ON a.id = ev.article_id"
        " LEFT JOIN entities es ON es.article_id = ev.article_id AND es.idx = ev.source_idx"
        " LEFT JOIN entities et ON et.article_id = ev.article_id AND et.idx = ev.target_idx"
        " ORDER BY 3, 4, 5, 6, coalesce(ev.date, a.date), ev.article_id, ev.idx");
    db_stmt *ins = store_prep(st, "INSERT INTO claim_rows VALUES('event', ?, ?, ?)");
    if (!s || !ins) {
        db_finalize(s);
        db_finalize(ins);
        return RIFT_EIO;
    }
    long long p_src = -2, p_tgt = -2, p_neg = -1, grp = 0;
    char p_type[64] = "";
    int p_days = CORPUS_NO_DATE;
    int rc;
    while (rs == RIFT_OK && (rc = db_step(s)) == DB_ROW) {
        long long aid = db_column_int64(s, 0), idx = db_column_int64(s, 1);
        long long src = db_column_int64(s, 2), tgt = db_column_int64(s, 3);
        const char *type = db_column_text(s, 4);
        long long neg = db_column_int64(s, 5);
        int days = days_of(db_column_text(s, 6));
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
        db_bind_int64(ins, 1, aid);
        db_bind_int64(ins, 2, idx);
        db_bind_int64(ins, 3, grp);
        if (!store_step_done(st, ins))
            rs = RIFT_EIO;
    }
    if (rs == RIFT_OK && rc != DB_DONE)
        rs = store_fail(st, "read events");
    db_finalize(s);
    db_finalize(ins);
    if (rs != RIFT_OK)
        return rs;
    /* one corroboration row per group; the first article is the earliest
     * dated one, then the lowest row id */
    rs = store_exec(st,
        "CREATE TEMP TABLE IF NOT EXISTS claim_ids(kind TEXT, grp INTEGER, id INTEGER,"
        "  PRIMARY KEY(kind, grp));"
        "DELETE FROM claim_ids;"
        "INSERT INTO claim_ids SELECT kind, grp,"
        "  row_number() OVER (ORDER BY kind = 'event', grp) FROM"
        "  (SELECT DISTINCT kind, grp FROM claim_rows) t;"
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
    rs = store_exec(st,
        "INSERT INTO disagreements(story_id, kind, subject, article_a, value_a, article_b, value_b)"
        " WITH r0 AS (SELECT sa.story_id AS story, e.actor_id AS actor, lower(e.roles) AS lr,"
        "   e.article_id AS art, e.roles AS roles, row_number() OVER (PARTITION BY"
        "   sa.story_id, e.actor_id, lower(e.roles) ORDER BY e.article_id, e.idx) AS rn"
        "   FROM entities e JOIN story_articles sa ON sa.article_id = e.article_id"
        "   WHERE e.roles IS NOT NULL AND e.actor_id IS NOT NULL),"
        " r AS (SELECT story, actor, lr, art, roles FROM r0 WHERE rn = 1)"
        " SELECT r1.story, 'title', ac.name, r1.art, r1.roles, r2.art, r2.roles"
        " FROM r r1 JOIN r r2 ON r2.story = r1.story AND r2.actor = r1.actor AND r2.lr > r1.lr"
        " JOIN actors ac ON ac.id = r1.actor"
        " WHERE instr('; ' || r2.lr || '; ', '; ' || r1.lr || '; ') = 0"
        "   AND instr('; ' || r1.lr || '; ', '; ' || r2.lr || '; ') = 0"
        " ORDER BY r1.story, r1.actor, CASE WHEN r1.art < r2.art THEN r1.art ELSE r2.art END, r1.lr, r2.lr;"
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
    return store_in_txn(st, corroborate, NULL);
}

static rift_status update_all(rift_store *st, const void *arg)
{
    const rift_story_options *opt = arg;
    /* the pending articles read once: a writer's articles stored meanwhile
     * stay pending for the next run */
    rift_status rs = store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS pass_pending("
                                    "article_id INTEGER PRIMARY KEY); DELETE FROM pass_pending;"
                                    " INSERT INTO pass_pending SELECT article_id FROM pending;");
    if (rs == RIFT_OK)
        rs = link_actors(st, NULL);
    if (rs == RIFT_OK)
        rs = store_stories(st, opt, opt && opt->recluster);
    if (rs == RIFT_OK)
        rs = corroborate(st, NULL);
    if (rs == RIFT_OK)
        rs = store_exec(st, "DELETE FROM pending WHERE article_id IN"
                            " (SELECT article_id FROM pass_pending)");
    return rs;
}

rift_status rift_store_update(rift_store *st, const rift_story_options *opt)
{
    return store_in_txn(st, update_all, opt);
}

