/* store_rows.c: every row of the store's events, entities and quotes as the
 * typed rows of rift.h, for exports; the SQL is here, the formats in the CLI.
 */
#include "internal.h"

#include <stdlib.h>

typedef struct rows_ctx {
    rift_event_row_fn ev;
    rift_entity_row_fn en;
    rift_quote_export_fn qu;
    void *ctx;
} rows_ctx;

static long num(const char *v)
{
    return v ? strtol(v, NULL, 10) : 0;
}

static double real_or(const char *v, double dflt)
{
    return v ? strtod(v, NULL) : dflt;
}

/* Events with their story and their group: one story's rows of the same
 * source, target, code, polarity and modality (rift_event_row).  A group's first row
 * is the one of the earliest dated article ('0' before a date sorts dated
 * rows first), then the lowest article id and idx. */
static const char *const events_sql =
    "WITH e AS (SELECT v.*, coalesce(sa.story_id, 0) AS story, a.doc_id, a.url,"
    "  a.date AS adate, CAST(substr(CAST(a.text AS BLOB), v.start + 1, v.end - v.start)"
    "  AS TEXT) AS sentence,"
    "  coalesce('#' || v.source_actor, v.source_code, v.source_text, '') AS sk,"
    "  coalesce('#' || v.target_actor, v.target_code, v.target_text, '') AS tk,"
    "  coalesce(v.cameo, v.plover, '') AS ck, coalesce(a.outlet, '#' || a.id) AS ok,"
    "  CASE WHEN a.date IS NULL THEN '1' ELSE '0' || a.date END"
    "   || '/' || substr('000000000000' || v.article_id, -12)"
    "   || '/' || substr('000000000' || v.idx, -9) AS ord"
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
    "  e.object_text, e.confidence, e.trigger, e.sentence, e.claim_id,"
    "  gn.grp, gn.nm, gn.ns, gn.na, e.ord = gn.first"
    " FROM e JOIN gn ON gn.story = e.story AND gn.sk = e.sk AND gn.tk = e.tk"
    "  AND gn.ck = e.ck AND gn.negated = e.negated AND gn.modality = e.modality"
    " ORDER BY e.article_id, e.idx";

static int event_row(void *vc, int ncol, const char *const *v)
{
    rows_ctx *c = vc;
    if (ncol < 35)
        return 1;
    rift_event_row r = {
        .article = num(v[0]), .idx = num(v[1]), .story = num(v[2]), .doc_id = v[3],
        .url = v[4], .outlet = v[5], .article_date = v[6], .source = v[7], .target = v[8],
        .source_type = v[9], .target_type = v[10], .source_code = v[11],
        .target_code = v[12], .source_text = v[13], .target_text = v[14], .plover = v[15],
        .mode = v[16], .cameo = v[17], .goldstein = real_or(v[18], 0),
        .negated = (int)num(v[19]), .date = v[20], .date_origin = v[21], .modality = v[22],
        .attributed_to = v[23], .attribution = v[24], .object_text = v[25],
        .confidence = real_or(v[26], -1), .trigger = v[27], .sentence = v[28],
        .claim = num(v[29]), .group = num(v[30]), .n_mentions = num(v[31]),
        .n_sources = num(v[32]), .n_articles = num(v[33]), .group_first = (int)num(v[34])};
    return c->ev(&r, c->ctx);
}

rift_status rift_store_events(rift_store *st, rift_event_row_fn fn, void *ctx)
{
    if (!fn)
        return RIFT_EINVAL;
    rows_ctx c = {.ev = fn, .ctx = ctx};
    return rift_store_query(st, events_sql, NULL, 0, event_row, &c);
}

static int entity_row(void *vc, int ncol, const char *const *v)
{
    rows_ctx *c = vc;
    if (ncol < 11)
        return 1;
    rift_entity_row r = {
        .article = num(v[0]), .idx = num(v[1]), .actor = num(v[2]), .doc_id = v[3],
        .name = v[4], .type = v[5], .roles = v[6], .code = v[7], .actor_name = v[8],
        .n_mentions = num(v[9]), .confidence = real_or(v[10], -1)};
    return c->en(&r, c->ctx);
}

rift_status rift_store_entities(rift_store *st, rift_entity_row_fn fn, void *ctx)
{
    if (!fn)
        return RIFT_EINVAL;
    rows_ctx c = {.en = fn, .ctx = ctx};
    return rift_store_query(st,
        "SELECT e.article_id, e.idx, e.actor_id, a.doc_id, e.name, e.type, e.roles, e.code,"
        "  ac.name, e.n_mentions, e.confidence"
        " FROM entities e JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN actors ac ON ac.id = e.actor_id"
        " ORDER BY e.article_id, e.idx", NULL, 0, entity_row, &c);
}

static int quote_row(void *vc, int ncol, const char *const *v)
{
    rows_ctx *c = vc;
    if (ncol < 16)
        return 1;
    rift_quote_export_row r = {
        .article = num(v[0]), .idx = num(v[1]), .doc_id = v[2], .url = v[3],
        .outlet = v[4], .date = v[5], .speaker = v[6], .speaker_kind = v[7],
        .speaker_text = v[8], .cue = v[9], .via_name = v[10], .text = v[11],
        .fragment = (int)num(v[12]), .claim = num(v[13]), .n_articles = num(v[14]),
        .n_outlets = num(v[15])};
    return c->qu(&r, c->ctx);
}

rift_status rift_store_quote_rows(rift_store *st, rift_quote_export_fn fn, void *ctx)
{
    if (!fn)
        return RIFT_EINVAL;
    rows_ctx c = {.qu = fn, .ctx = ctx};
    return rift_store_query(st,
        "SELECT q.article_id, q.idx, a.doc_id, a.url, a.outlet, a.date,"
        "  coalesce(ac.name, q.speaker_name), q.speaker_kind, q.speaker_text, q.cue,"
        "  q.via_name, q.text, q.fragment, q.claim_id, c.n_articles, c.n_outlets"
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN entities e ON e.article_id = q.article_id AND e.idx = q.speaker_idx"
        " LEFT JOIN actors ac ON ac.id = e.actor_id"
        " LEFT JOIN corroboration c ON c.id = q.claim_id"
        " ORDER BY q.article_id, q.idx", NULL, 0, quote_row, &c);
}
