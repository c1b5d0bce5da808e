/* store_rows.c: every row of the store's events, entities and quotes as the
 * typed rows of rift.h, for exports; the SQL is here (SQLite and PostgreSQL
 * alike), the formats in the CLI.
 */
#include "store_int.h"

#include <stdlib.h>

static const char *col(db_stmt *s, int i)
{
    return db_column_text(s, i);
}

static long num(db_stmt *s, int i)
{
    return (long)db_column_int64(s, i);
}

static double real_or(db_stmt *s, int i, double dflt)
{
    return db_column_null(s, i) ? dflt : db_column_double(s, i);
}

/* a statement of the exports, or NULL with errmsg set */
static db_stmt *prep(rift_store *st, const char *sql)
{
    return st && st->db ? store_prep(st, sql) : NULL;
}

static rift_status done(rift_store *st, db_stmt *s, int rc)
{
    db_finalize(s);
    return rc == DB_ERROR ? store_fail(st, "query") : RIFT_OK;
}

/* Events with their story and their group: one story's rows of the same
 * source, target, code, polarity and modality (rift_event_row).  A group's first row
 * is the one of the earliest dated article ('0' before a date sorts dated
 * rows first), then the lowest article id and idx. */
static const char *const events_sql =
    "WITH e AS (SELECT v.*, coalesce(sa.story_id, 0) AS story, a.doc_id, a.url,"
    "  a.date AS adate, a.text AS atext,"
    "  coalesce('#' || v.source_actor, v.source_code, v.source_text, '') AS sk,"
    "  coalesce('#' || v.target_actor, v.target_code, v.target_text, '') AS tk,"
    "  coalesce(v.cameo, v.plover, '') AS ck, coalesce(a.outlet, '#' || a.id) AS ok,"
    "  CASE WHEN a.date IS NULL THEN '1' ELSE '0' || a.date END"
    "   || '/' || substr('000000000000' || v.article_id,"
    "                    length(CAST(v.article_id AS TEXT)) + 1)"
    "   || '/' || substr('000000000' || v.idx, length(CAST(v.idx AS TEXT)) + 1) AS ord"
    "  FROM event_view v JOIN articles a ON a.id = v.article_id"
    "  LEFT JOIN story_articles sa ON sa.article_id = v.article_id),"
    " g AS (SELECT story, sk, tk, ck, negated, modality, count(*) AS nm,"
    "  count(DISTINCT ok) AS ns, count(DISTINCT article_id) AS na, min(ord) AS first"
    "  FROM e GROUP BY story, sk, tk, ck, negated, modality),"
    " gn AS (SELECT g.*, row_number() OVER (ORDER BY first) AS grp FROM g)"
    " SELECT e.article_id, e.idx, e.story, e.doc_id, e.url, e.outlet, e.adate,"
    "  e.source, e.target, e.source_type, e.target_type, e.source_code, e.target_code,"
    "  e.source_text, e.target_text, e.plover, e.mode, e.cameo, e.goldstein, e.negated,"
    "  e.date, e.event_date_origin, e.modality, e.attributed_to, e.attribution,"
    "  e.object_text, e.confidence, e.trigger, e.start, e.\"end\", e.claim_id,"
    "  gn.grp, gn.nm, gn.ns, gn.na, CASE WHEN e.ord = gn.first THEN 1 ELSE 0 END, e.atext"
    " FROM e JOIN gn ON gn.story = e.story AND gn.sk = e.sk AND gn.tk = e.tk"
    "  AND gn.ck = e.ck AND gn.negated = e.negated AND gn.modality = e.modality"
    " ORDER BY e.article_id, e.idx";

rift_status rift_store_events(rift_store *st, rift_event_row_fn fn, void *ctx)
{
    if (!fn)
        return RIFT_EINVAL;
    db_stmt *s = prep(st, events_sql);
    if (!s)
        return RIFT_EIO;
    rift_buf sent;
    rift_buf_init(&sent);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        /* the sentence as stored: offsets are bytes */
        const char *sentence = store_slice(&sent, s, 36, db_column_int64(s, 28),
                                           db_column_int64(s, 29), 0);
        rift_event_row r = {
            .article = num(s, 0), .idx = num(s, 1), .story = num(s, 2), .doc_id = col(s, 3),
            .url = col(s, 4), .outlet = col(s, 5), .article_date = col(s, 6),
            .source = col(s, 7), .target = col(s, 8), .source_type = col(s, 9),
            .target_type = col(s, 10), .source_code = col(s, 11), .target_code = col(s, 12),
            .source_text = col(s, 13), .target_text = col(s, 14), .plover = col(s, 15),
            .mode = col(s, 16), .cameo = col(s, 17), .goldstein = real_or(s, 18, 0),
            .negated = (int)num(s, 19), .date = col(s, 20), .date_origin = col(s, 21),
            .modality = col(s, 22), .attributed_to = col(s, 23), .attribution = col(s, 24),
            .object_text = col(s, 25), .confidence = real_or(s, 26, -1),
            .trigger = col(s, 27), .sentence = sentence, .claim = num(s, 30),
            .group = num(s, 31), .n_mentions = num(s, 32), .n_sources = num(s, 33),
            .n_articles = num(s, 34), .group_first = (int)num(s, 35)};
        if (fn(&r, ctx))
            break;
    }
    rift_buf_free(&sent);
    return done(st, s, rc);
}

rift_status rift_store_entities(rift_store *st, rift_entity_row_fn fn, void *ctx)
{
    if (!fn)
        return RIFT_EINVAL;
    db_stmt *s = prep(st,
        "SELECT e.article_id, e.idx, e.actor_id, a.doc_id, e.name, e.type, e.roles, e.code,"
        "  ac.name, e.n_mentions, e.confidence"
        " FROM entities e JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN actors ac ON ac.id = e.actor_id"
        " ORDER BY e.article_id, e.idx");
    if (!s)
        return RIFT_EIO;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        rift_entity_row r = {
            .article = num(s, 0), .idx = num(s, 1), .actor = num(s, 2), .doc_id = col(s, 3),
            .name = col(s, 4), .type = col(s, 5), .roles = col(s, 6), .code = col(s, 7),
            .actor_name = col(s, 8), .n_mentions = num(s, 9), .confidence = real_or(s, 10, -1)};
        if (fn(&r, ctx))
            break;
    }
    return done(st, s, rc);
}

rift_status rift_store_quote_rows(rift_store *st, rift_quote_export_fn fn, void *ctx)
{
    if (!fn)
        return RIFT_EINVAL;
    db_stmt *s = prep(st,
        "SELECT q.article_id, q.idx, a.doc_id, a.url, a.outlet, a.date,"
        "  coalesce(ac.name, q.speaker_name), q.speaker_kind, q.speaker_text, q.cue,"
        "  q.via_name, q.text, q.fragment, q.claim_id, c.n_articles, c.n_outlets"
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN entities e ON e.article_id = q.article_id AND e.idx = q.speaker_idx"
        " LEFT JOIN actors ac ON ac.id = e.actor_id"
        " LEFT JOIN corroboration c ON c.id = q.claim_id"
        " ORDER BY q.article_id, q.idx");
    if (!s)
        return RIFT_EIO;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        rift_quote_export_row r = {
            .article = num(s, 0), .idx = num(s, 1), .doc_id = col(s, 2), .url = col(s, 3),
            .outlet = col(s, 4), .date = col(s, 5), .speaker = col(s, 6),
            .speaker_kind = col(s, 7), .speaker_text = col(s, 8), .cue = col(s, 9),
            .via_name = col(s, 10), .text = col(s, 11), .fragment = (int)num(s, 12),
            .claim = num(s, 13), .n_articles = num(s, 14), .n_outlets = num(s, 15)};
        if (fn(&r, ctx))
            break;
    }
    return done(st, s, rc);
}
