/* store_report.c: the typed read queries of store_read.h, for the report and
 * the dyads: the SQL (in the dialect SQLite and PostgreSQL both accept) and
 * its rows as plain structs; clauses are cut from the article text here.
 */
#include "store_int.h"
#include "store_read.h"

#include <stdlib.h>
#include <string.h>

/* the longest clause or sentence the readers show or compare */
#define CLAUSE_MAX 600

/* Bytes [start, end) of column col's text, at most max of them (0: no
 * limit), clamped to the text, NUL-terminated in b: offsets are bytes, so
 * a cut may fall inside a character.  NULL when the text is NULL. */
const char *store_slice(rift_buf *b, db_stmt *s, int col, long long start, long long end,
                        size_t max)
{
    const char *t = db_column_text(s, col);
    if (!t)
        return NULL;
    size_t len = db_column_bytes(s, col);
    size_t a = start <= 0 ? 0 : (unsigned long long)start < len ? (size_t)start : len;
    size_t n = end > start ? (size_t)(end - start) : 0;
    if (max && n > max)
        n = max;
    if (n > len - a)
        n = len - a;
    b->len = 0;
    rift_buf_put(b, t + a, n);
    return b->data;
}

static const char *acol(rift_arena *ar, db_stmt *s, int i)
{
    const char *t = db_column_text(s, i);
    return t ? rift_arena_strndup(ar, t, db_column_bytes(s, i)) : NULL;
}

static long lcol(db_stmt *s, int i)
{
    return (long)db_column_int64(s, i);
}

/* ---- rows into arrays ------------------------------------------------------- */

typedef void (*fill_fn)(db_stmt *s, rift_arena *ar, void *item);

/* Steps s to its end, one item of size bytes filled per row, and finalizes
 * it: the items, malloc'ed (NULL when there is no row), *n of them. */
static void *read_rows(rift_store *st, db_stmt *s, size_t size, fill_fn fill, rift_arena *ar,
                       size_t *n, rift_status *rs)
{
    *n = 0;
    *rs = RIFT_EIO;
    if (!s)
        return NULL;
    char *v = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            v = rift_xrealloc(v, cap * size);
        }
        memset(v + *n * size, 0, size);
        fill(s, ar, v + *n * size);
        (*n)++;
    }
    db_finalize(s);
    if (rc != DB_DONE) {
        free(v);
        *n = 0;
        *rs = store_fail(st, "query");
        return NULL;
    }
    *rs = RIFT_OK;
    return v;
}

/* a statement with an integer ?1 (and ?2 when two) */
static db_stmt *prep_ints(rift_store *st, const char *sql, long a, long b, int nb)
{
    if (!st || !st->db)
        return NULL;
    db_stmt *s = store_prep(st, sql);
    if (s && nb > 0)
        db_bind_int64(s, 1, a);
    if (s && nb > 1)
        db_bind_int64(s, 2, b);
    return s;
}

/* ---- the corpus at a glance --------------------------------------------------- */

rift_status store_read_span(rift_store *st, rift_arena *ar, store_span *out)
{
    memset(out, 0, sizeof *out);
    db_stmt *s = prep_ints(st, "SELECT min(date), max(date), count(DISTINCT outlet)"
                               " FROM articles", 0, 0, 0);
    if (!s)
        return RIFT_EIO;
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->first = acol(ar, s, 0);
        out->last = acol(ar, s, 1);
        out->outlets = lcol(s, 2);
    }
    db_finalize(s);
    return rc == DB_ERROR ? store_fail(st, "query") : RIFT_OK;
}

/* ---- events -------------------------------------------------------------------- */

/* the events counted: the actors' names across articles, the article's
 * date when the event has none of its own; with their clause's span and
 * the article's text, or without */
#define EVENTS_SQL(clause, join) "SELECT ev.source, ev.target, ev.date, ev.goldstein," \
    " ev.trigger, ev.article_id, ev.idx" clause " FROM event_view ev" join \
    " WHERE ev.negated = 0 AND ev.source IS NOT NULL AND ev.target IS NOT NULL" \
    " AND instr(?1, ',' || ev.modality || ',') > 0 ORDER BY ev.article_id, ev.idx"

rift_status store_read_events(rift_store *st, const char *modes, bool with_clause,
                              store_event_fn fn, void *ctx)
{
    if (!st || !st->db || !modes || !fn)
        return RIFT_EINVAL;
    db_stmt *s = store_prep(st, with_clause
        ? EVENTS_SQL(", ev.start, ev.\"end\", a.text", " JOIN articles a ON a.id = ev.article_id")
        : EVENTS_SQL("", ""));
    if (s)
        store_bind_text(s, 1, modes);
    rift_buf clause;
    rift_buf_init(&clause);
    int rc = s ? DB_DONE : DB_ERROR;
    while (s && (rc = db_step(s)) == DB_ROW) {
        store_event e = {db_column_text(s, 0), db_column_text(s, 1), db_column_text(s, 2),
                         db_column_text(s, 4), NULL, db_column_double(s, 3), lcol(s, 5),
                         lcol(s, 6)};
        if (with_clause)
            e.clause = store_slice(&clause, s, 9, db_column_int64(s, 7),
                                   db_column_int64(s, 8), CLAUSE_MAX);
        if (fn(&e, ctx))
            break;
    }
    rift_buf_free(&clause);
    if (!s)
        return RIFT_EIO;
    db_finalize(s);
    return rc == DB_ERROR ? store_fail(st, "query") : RIFT_OK;
}

rift_status store_read_event_info(rift_store *st, long article, long idx, rift_arena *ar,
                                  store_event_info *out, bool *found)
{
    memset(out, 0, sizeof *out);
    *found = false;
    db_stmt *s = prep_ints(st,
        "SELECT ev.date, ev.trigger, a.outlet, a.title, ev.start, ev.\"end\", a.text,"
        " ev.plover, a.url"
        " FROM event_view ev JOIN articles a ON a.id = ev.article_id"
        " WHERE ev.article_id = ?1 AND ev.idx = ?2", article, idx, 2);
    if (!s)
        return RIFT_EIO;
    int rc = db_step(s);
    if (rc == DB_ROW) {
        rift_buf b;
        rift_buf_init(&b);
        const char *c = store_slice(&b, s, 6, db_column_int64(s, 4), db_column_int64(s, 5),
                                    CLAUSE_MAX);
        *out = (store_event_info){acol(ar, s, 0), acol(ar, s, 1), acol(ar, s, 2),
                                  acol(ar, s, 3),
                                  c ? rift_arena_strndup(ar, c, b.len) : NULL,
                                  acol(ar, s, 7), acol(ar, s, 8)};
        rift_buf_free(&b);
        *found = true;
    }
    db_finalize(s);
    return rc == DB_ERROR ? store_fail(st, "query") : RIFT_OK;
}

/* ---- articles ------------------------------------------------------------------- */

static void fill_art_key(db_stmt *s, rift_arena *ar, void *item)
{
    (void)ar;
    store_art_key *k = item;
    const char *h = db_column_text(s, 2);
    char *end = NULL;
    k->id = lcol(s, 0);
    k->story = lcol(s, 1);
    k->sh = h ? strtoull(h, &end, 16) : 0;
    k->has_sh = h && *h && end && !*end;
}

static const char *const art_keys_sql =
    "SELECT a.id, sa.story_id, a.simhash FROM articles a"
    " LEFT JOIN story_articles sa ON sa.article_id = a.id ORDER BY a.id";

rift_status store_read_art_keys(rift_store *st, store_art_key **v, size_t *n)
{
    rift_status rs;
    *v = read_rows(st, prep_ints(st, art_keys_sql, 0, 0, 0),
                   sizeof **v, fill_art_key, NULL, n, &rs);
    return rs;
}

rift_status store_read_lead(rift_store *st, long article, size_t max, rift_arena *ar,
                            const char ***sents, size_t *n)
{
    *sents = rift_arena_alloc(ar, (max ? max : 1) * sizeof **sents);
    *n = 0;
    db_stmt *s = prep_ints(st,
        "SELECT s.start, s.\"end\", a.text FROM sentences s JOIN articles a ON a.id = s.article_id"
        " WHERE s.article_id = ?1 ORDER BY s.idx LIMIT ?2", article, (long)max, 2);
    if (!s)
        return RIFT_EIO;
    rift_buf b;
    rift_buf_init(&b);
    int rc = DB_DONE;
    while (*n < max && (rc = db_step(s)) == DB_ROW) {
        const char *c = store_slice(&b, s, 2, db_column_int64(s, 0), db_column_int64(s, 1),
                                    CLAUSE_MAX);
        (*sents)[(*n)++] = c ? rift_arena_strndup(ar, c, b.len) : NULL;
    }
    rift_buf_free(&b);
    db_finalize(s);
    return rc == DB_ERROR ? store_fail(st, "query") : RIFT_OK;
}

/* ---- stories ---------------------------------------------------------------------- */

static void fill_story(db_stmt *s, rift_arena *ar, void *item)
{
    *(store_story *)item = (store_story){lcol(s, 0), lcol(s, 4), lcol(s, 5), acol(ar, s, 1),
                                         acol(ar, s, 2), acol(ar, s, 3), acol(ar, s, 6)};
}

static const char *const top_stories_sql =
    "SELECT s.id, s.title, s.first_date, s.last_date, s.n_articles, s.n_outlets,"
    " (SELECT group_concat(o, '\x1f') FROM (SELECT a.outlet AS o, min(a.id) AS m"
    "   FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
    "   WHERE sa.story_id = s.id AND a.outlet IS NOT NULL GROUP BY a.outlet"
    "   ORDER BY m) t)"
    " FROM stories s ORDER BY s.n_articles DESC, s.id LIMIT ?1";

rift_status store_read_top_stories(rift_store *st, long limit, rift_arena *ar,
                                   store_story **v, size_t *n)
{
    rift_status rs;
    *v = read_rows(st, prep_ints(st, top_stories_sql, limit, 0, 1),
                   sizeof **v, fill_story, ar, n, &rs);
    return rs;
}

static void fill_story_art(db_stmt *s, rift_arena *ar, void *item)
{
    *(store_story_art *)item = (store_story_art){lcol(s, 0), acol(ar, s, 1), acol(ar, s, 2),
                                                 acol(ar, s, 3), acol(ar, s, 4),
                                                 acol(ar, s, 5), acol(ar, s, 6)};
}

static void fill_story_event(db_stmt *s, rift_arena *ar, void *item)
{
    *(store_story_event *)item = (store_story_event){
        acol(ar, s, 0), acol(ar, s, 1), acol(ar, s, 2), acol(ar, s, 3), acol(ar, s, 5),
        acol(ar, s, 6), acol(ar, s, 7), db_column_double(s, 4)};
}

static const char *const story_arts_sql =
    "SELECT a.id, a.date, a.outlet, a.title, a.doc_id, a.origin, a.url"
    " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
    " WHERE sa.story_id = ?1 ORDER BY a.date IS NULL, a.date, a.id LIMIT ?2";

static const char *const story_events_sql =
    "SELECT ev.date, ev.source, ev.target, ev.trigger, ev.goldstein, ev.outlet,"
    " ev.plover, a.url"
    " FROM event_view ev JOIN story_articles sa ON sa.article_id = ev.article_id"
    " JOIN articles a ON a.id = ev.article_id"
    " WHERE sa.story_id = ?1 AND ev.negated = 0 AND ev.date IS NOT NULL"
    " ORDER BY ev.date, ev.article_id, ev.idx LIMIT ?2";

rift_status store_read_story(rift_store *st, long story, long max_arts, long max_events,
                             rift_arena *ar, store_story_art **arts, size_t *n_arts,
                             store_story_event **evs, size_t *n_evs)
{
    rift_status rs;
    *evs = NULL;
    *n_evs = 0;
    *arts = read_rows(st, prep_ints(st, story_arts_sql, story, max_arts, 2), sizeof **arts,
                      fill_story_art, ar, n_arts, &rs);
    if (rs == RIFT_OK)
        *evs = read_rows(st, prep_ints(st, story_events_sql, story, max_events, 2),
                         sizeof **evs, fill_story_event, ar, n_evs, &rs);
    return rs;
}

/* ---- quotes --------------------------------------------------------------------------- */

static void fill_speaker(db_stmt *s, rift_arena *ar, void *item)
{
    *(store_speaker *)item = (store_speaker){acol(ar, s, 0), lcol(s, 1), lcol(s, 2),
                                             lcol(s, 3)};
}

/* The quotes with their article, speaker and claim: the rows of quote_view,
 * read from the tables so that SQLite scans the quotes in their order (the
 * articles then in theirs) rather than by claim. */
#define QUOTE_FROM " FROM quotes q JOIN articles a ON a.id = q.article_id" \
    " LEFT JOIN entities e ON e.article_id = q.article_id AND e.idx = q.speaker_idx" \
    " LEFT JOIN actors ac ON ac.id = e.actor_id" \
    " LEFT JOIN corroboration c ON c.id = q.claim_id"
#define SPEAKER "coalesce(ac.name, q.speaker_name)"

static const char *const speakers_sql =
    "SELECT " SPEAKER ", count(*), count(DISTINCT a.outlet), count(DISTINCT q.article_id)"
    QUOTE_FROM " WHERE " SPEAKER " IS NOT NULL AND q.speaker_kind <> 'anonymous'"
    " GROUP BY " SPEAKER " ORDER BY 2 DESC, 1 LIMIT ?1";

rift_status store_read_speakers(rift_store *st, long limit, rift_arena *ar,
                                store_speaker **v, size_t *n)
{
    rift_status rs;
    *v = read_rows(st, prep_ints(st, speakers_sql, limit, 0, 1),
                   sizeof **v, fill_speaker, ar, n, &rs);
    return rs;
}

/* quotes without a named speaker that several articles carry (a claim id
 * is never 0: coalesce keeps SQLite from walking the claim index) */
#define UNATTRIBUTED " WHERE (" SPEAKER " IS NULL OR q.speaker_kind = 'anonymous')" \
    " AND coalesce(q.claim_id, 0) <> 0 AND coalesce(c.n_articles, 1) > 1"

/* the columns of a quote (fill_quote), from the rows numbered rn below */
#define QUOTE_COLS "q.text, q.outlet, q.date, q.title, q.first_outlet, q.first_date," \
    " q.via_name," \
    " (SELECT group_concat(o, ', ') FROM (SELECT DISTINCT a2.outlet AS o" \
    "   FROM quotes q2 JOIN articles a2 ON a2.id = q2.article_id" \
    "   WHERE q2.claim_id = q.claim_id AND a2.outlet IS NOT NULL ORDER BY 1) t)," \
    " q.url, q.speaker_text, coalesce(q.n_outlets, 1), coalesce(q.n_articles, 1)," \
    " coalesce(q.claim_id, 0), q.speaker"
#define QUOTE_ROW "SELECT q.article_id, q.idx, q.text, q.via_name, q.claim_id," \
    " q.speaker_text, " SPEAKER " AS speaker, a.outlet, a.date, a.title, a.url," \
    " c.n_outlets, c.n_articles, c.first_outlet, c.first_date, row_number() OVER ("
/* the quotes' order: whole ones first, carried by more outlets, longer;
 * unattributed ones also by articles */
#define QUOTE_ORDER "ORDER BY q.fragment, coalesce(c.n_outlets, 1) DESC,"
#define QUOTE_TIES " length(q.text) DESC, q.article_id, q.idx) AS rn"

static void fill_quote(db_stmt *s, rift_arena *ar, void *item)
{
    *(store_quote *)item = (store_quote){
        acol(ar, s, 0), acol(ar, s, 1), acol(ar, s, 2), acol(ar, s, 3), acol(ar, s, 4),
        acol(ar, s, 5), acol(ar, s, 6), acol(ar, s, 7), acol(ar, s, 8), acol(ar, s, 9),
        acol(ar, s, 13), lcol(s, 10), lcol(s, 11), lcol(s, 12)};
}

rift_status store_read_quotes(rift_store *st, const char *const *speakers, size_t n_speakers,
                              long limit, rift_arena *ar, store_quote **v, size_t *n,
                              long *claims)
{
    *v = NULL;
    *n = 0;
    if (!speakers) {
        db_stmt *cs = prep_ints(st, "SELECT count(DISTINCT q.claim_id)" QUOTE_FROM
                                    UNATTRIBUTED, 0, 0, 0);
        if (!cs)
            return RIFT_EIO;
        int rc = db_step(cs);
        *claims = rc == DB_ROW ? lcol(cs, 0) : 0;
        db_finalize(cs);
        if (rc == DB_ERROR)
            return store_fail(st, "query");
        if (!*claims)
            return RIFT_OK;
    } else if (!n_speakers) {
        return RIFT_OK;
    }
    /* one scan for all the speakers: each one's first limit quotes */
    rift_buf sql;
    rift_buf_init(&sql);
    rift_buf_puts(&sql, "SELECT " QUOTE_COLS " FROM (" QUOTE_ROW);
    if (speakers) {
        rift_buf_puts(&sql, "PARTITION BY " SPEAKER " " QUOTE_ORDER QUOTE_TIES QUOTE_FROM
                            " WHERE " SPEAKER " IN (");
        for (size_t i = 0; i < n_speakers; i++)
            rift_buf_printf(&sql, "%s?%zu", i ? ", " : "", i + 2);
        rift_buf_puts(&sql, ")) q WHERE q.rn <= ?1 ORDER BY q.speaker, q.rn");
    } else {
        rift_buf_puts(&sql, QUOTE_ORDER " c.n_articles DESC," QUOTE_TIES QUOTE_FROM
                            UNATTRIBUTED ") q WHERE q.rn <= ?1 ORDER BY q.rn");
    }
    db_stmt *s = prep_ints(st, sql.data, limit, 0, 1);
    rift_buf_free(&sql);
    for (size_t i = 0; s && speakers && i < n_speakers; i++)
        store_bind_text(s, (int)i + 2, speakers[i]);
    rift_status rs;
    *v = read_rows(st, s,
                   sizeof **v, fill_quote, ar, n, &rs);
    return rs;
}

/* ---- actors ------------------------------------------------------------------------------ */

static void fill_actor(db_stmt *s, rift_arena *ar, void *item)
{
    *(store_actor_sum *)item = (store_actor_sum){
        acol(ar, s, 0), acol(ar, s, 1), acol(ar, s, 7), acol(ar, s, 8), lcol(s, 2),
        lcol(s, 3), lcol(s, 4), lcol(s, 5), lcol(s, 6)};
}

static const char *const top_actors_sql =
    "WITH top AS (SELECT id, name, type, n_articles, n_mentions, first_date, last_date"
    "   FROM actors WHERE type <> 'OUTLET'"
    "   ORDER BY n_mentions DESC, n_articles DESC, id LIMIT ?1),"
    " src AS (SELECT es.actor_id AS a, count(*) AS n FROM events ev JOIN entities es"
    "   ON es.article_id = ev.article_id AND es.idx = ev.source_idx"
    "   WHERE es.actor_id IN (SELECT id FROM top) GROUP BY es.actor_id),"
    " tgt AS (SELECT et.actor_id AS a, count(*) AS n FROM events ev JOIN entities et"
    "   ON et.article_id = ev.article_id AND et.idx = ev.target_idx"
    "   WHERE et.actor_id IN (SELECT id FROM top) GROUP BY et.actor_id),"
    " qs AS (SELECT e.actor_id AS a, count(*) AS n FROM quotes qu JOIN entities e"
    "   ON e.article_id = qu.article_id AND e.idx = qu.speaker_idx"
    "   WHERE e.actor_id IN (SELECT id FROM top) GROUP BY e.actor_id)"
    " SELECT top.name, top.type, top.n_articles, top.n_mentions, coalesce(src.n, 0),"
    "  coalesce(tgt.n, 0), coalesce(qs.n, 0), top.first_date, top.last_date"
    " FROM top LEFT JOIN src ON src.a = top.id LEFT JOIN tgt ON tgt.a = top.id"
    " LEFT JOIN qs ON qs.a = top.id"
    " ORDER BY top.n_mentions DESC, top.n_articles DESC, top.id";

rift_status store_read_top_actors(rift_store *st, long limit, rift_arena *ar,
                                  store_actor_sum **v, size_t *n)
{
    rift_status rs;
    *v = read_rows(st, prep_ints(st, top_actors_sql, limit, 0, 1),
                   sizeof **v, fill_actor, ar, n, &rs);
    return rs;
}
