/* store_stories.c: the stories pass over the store: each article not yet in
 * a story joins one of its stored neighbours' stories or starts one, a
 * bounded chunk at a time; or, asked, every article clustered again.
 *
 * Incremental: the articles of the pass (pass_pending, see update_all) are
 * taken in order of date, then key (a content hash), so that the same
 * articles give the same stories whatever order they were stored in, in
 * chunks of opt->batch.  For a chunk: its term counts are added to the
 * document frequencies (story_terms); each article's BLOCK_KEYS heaviest
 * terms find the KEY_ARTICLES most recent stored articles listing that term
 * within the time window (story_keys), at most NEIGHBOURS of them; those
 * come back as term vectors (story_vectors) with their stories, and the
 * chunk and its neighbours are clustered together (stories.c) with every
 * neighbour kept in its story.  The work is the chunk times a bounded
 * neighbourhood, whatever the size of the store.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 1000           /* articles clustered at once by default */
#define BLOCK_KEYS 12        /* an article's heaviest terms listed in story_keys */
#define KEY_ARTICLES 8       /* stored articles taken per key, most recent first */
#define NEIGHBOURS 24        /* stored articles taken per new article at most */
#define KEPT_TERMS 120       /* terms of an article kept in story_vectors */
#define UNDATED_DAYS (-2000000000) /* story_keys.days of an undated article */
#define IN_N 100             /* terms per df lookup statement */

typedef struct item { long id; int days; char *key; } item;
typedef RIFT_VEC(item) items_vec;
typedef RIFT_VEC(long) ids_vec;

/* By date (undated last), then key. */
static int cmp_item(const void *a, const void *b)
{
    const item *x = a, *y = b;
    int c = corpus_cmp_days(x->days, y->days);
    return c ? c : strcmp(x->key, y->key);
}

static int cmp_t(const void *a, const void *b)
{
    const corpus_term *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

/* One article of a chunk, or a stored neighbour (story > 0). */
typedef struct art {
    item it;
    corpus_term *terms;
    size_t n_terms;
    uint64_t simhash;
    long story;
    long story_size;  /* the neighbour's story's articles */
} art;

typedef RIFT_VEC(art) arts_vec;

static int cmp_art(const void *a, const void *b)
{
    return cmp_item(&((const art *)a)->it, &((const art *)b)->it);
}

/* ---- reading ------------------------------------------------------------- */

typedef struct readers { db_stmt *text, *actors, *times, *keys, *vec, *df, *up, *up1; } readers;

static void readers_free(readers *r)
{
    db_stmt **s = (db_stmt **)r;
    for (size_t k = 0; k < sizeof *r / sizeof *s; k++)
        db_finalize(s[k]);
}

/* The term counts of article x->it.id from its text, title, actors and
 * times. */
static rift_status load_article(rift_store *st, readers *r, art *x)
{
    db_bind_int64(r->text, 1, x->it.id);
    if (db_step(r->text) != DB_ROW) {
        db_reset(r->text);
        return store_fail(st, "read an article");
    }
    corpus_article a = {0};
    a.id = x->it.id;
    a.len = db_column_bytes(r->text, 0);
    char *text = rift_xmalloc(a.len + 1);
    if (a.len)
        memcpy(text, db_column_text(r->text, 0), a.len);
    text[a.len] = '\0';
    a.text = text;
    char *title = store_dup_col(r->text, 1);
    a.title = title;
    const char *sh = db_column_text(r->text, 2);
    bool has = sh && strlen(sh) == 16;
    x->simhash = has ? strtoull(sh, NULL, 16) : corpus_simhash(text, a.len);
    db_reset(r->text);
    RIFT_VEC(int32_t) ids = {0};
    db_bind_int64(r->actors, 1, x->it.id);
    int rc;
    while ((rc = db_step(r->actors)) == DB_ROW)
        RIFT_VEC_PUSH(ids, (int32_t)db_column_int64(r->actors, 0));
    db_reset(r->actors);
    rift_buf tb;
    rift_buf_init(&tb);
    db_bind_int64(r->times, 1, x->it.id);
    int rt = DB_DONE;
    while (rc == DB_DONE && (rt = db_step(r->times)) == DB_ROW) {
        if (tb.len)
            rift_buf_putc(&tb, ' ');
        const char *v = db_column_text(r->times, 0);
        rift_buf_put(&tb, v, strlen(v));
    }
    db_reset(r->times);
    rift_status rs = rc == DB_DONE && rt == DB_DONE ? RIFT_OK : store_fail(st, "read actors and times");
    size_t tl;
    char *times = rift_buf_detach(&tb, &tl);
    a.times = times;
    a.actors = ids.v;
    a.n_actors = ids.n;
    if (rs == RIFT_OK)
        x->terms = corpus_story_terms(&a, &x->n_terms);
    free(text);
    free(title);
    free(times);
    free(ids.v);
    return rs;
}

/* "term:count term:count ..." (hexadecimal terms) of story_vectors.terms */
static char *encode_terms(const corpus_term *t, size_t n)
{
    rift_buf b;
    rift_buf_init(&b);
    for (size_t k = 0; k < n; k++) {
        char one[48];
        int l = snprintf(one, sizeof one, "%s%llx:%d", k ? " " : "", (unsigned long long)t[k].t,
                         (int)t[k].w);
        rift_buf_put(&b, one, (size_t)l);
    }
    size_t len;
    char *s = rift_buf_detach(&b, &len);
    return s ? s : rift_xstrdup("");
}

static corpus_term *decode_terms(const char *s, size_t *n)
{
    RIFT_VEC(corpus_term) v = {0};
    while (s && *s) {
        char *end;
        unsigned long long t = strtoull(s, &end, 16);
        if (end == s || *end != ':')
            break;
        long c = strtol(end + 1, &end, 10);
        if (t && c > 0)
            RIFT_VEC_PUSH(v, ((corpus_term){(uint64_t)t, (float)c}));
        s = end;
        while (*s == ' ')
            s++;
    }
    if (v.n)
        qsort(v.v, v.n, sizeof *v.v, cmp_t);
    *n = v.n;
    return v.v ? v.v : rift_xmalloc(sizeof *v.v);
}

/* The stored neighbours id[0..n): vectors and stories, appended to *out
 * (IN_N a statement: one round trip, not one per article). */
static rift_status load_neighbours(rift_store *st, readers *r, const long *id, size_t n,
                                   arts_vec *out)
{
    for (size_t k0 = 0; k0 < n; k0 += IN_N) {
        for (int p = 0; p < IN_N; p++) /* the last id again to fill the list */
            db_bind_int64(r->vec, p + 1, id[k0 + p < n ? k0 + p : n - 1]);
        int rc;
        while ((rc = db_step(r->vec)) == DB_ROW) {
            art x = {{0, 0, NULL}, NULL, 0, 0, 0, 0};
            int d = (int)db_column_int64(r->vec, 1);
            x.it = (item){(long)db_column_int64(r->vec, 0), d == UNDATED_DAYS ? CORPUS_NO_DATE : d,
                          store_dup_col(r->vec, 2)};
            const char *sh = db_column_text(r->vec, 3);
            x.simhash = sh ? strtoull(sh, NULL, 16) : 0;
            x.terms = decode_terms(db_column_text(r->vec, 4), &x.n_terms);
            x.story = (long)db_column_int64(r->vec, 5);
            x.story_size = (long)db_column_int64(r->vec, 6);
            RIFT_VEC_PUSH(*out, x);
        }
        db_reset(r->vec);
        if (rc != DB_DONE)
            return store_fail(st, "read story vectors");
    }
    return RIFT_OK;
}

/* ---- document frequencies ----------------------------------------------- */

/* df of the sorted, distinct terms t[0..n), into out[k] = {t[k], df} (0
 * when absent). */
static rift_status df_lookup(rift_store *st, readers *r, const uint64_t *t, size_t n,
                             corpus_term *out)
{
    for (size_t k = 0; k < n; k++)
        out[k] = (corpus_term){t[k], 0};
    for (size_t k0 = 0; k0 < n; k0 += IN_N) {
        for (int p = 0; p < IN_N; p++) /* the last term again to fill the list */
            db_bind_int64(r->df, p + 1, (long long)t[k0 + p < n ? k0 + p : n - 1]);
        int rc;
        while ((rc = db_step(r->df)) == DB_ROW) {
            corpus_term key = {(uint64_t)db_column_int64(r->df, 0), 0};
            corpus_term *hit = bsearch(&key, out + k0, n - k0 < IN_N ? n - k0 : IN_N,
                                       sizeof *out, cmp_t);
            if (hit)
                hit->w = (float)db_column_int64(r->df, 1);
        }
        db_reset(r->df);
        if (rc != DB_DONE)
            return store_fail(st, "read story_terms");
    }
    return RIFT_OK;
}

/* Adds the counts c[0..n) (term, articles) to story_terms. */
static rift_status df_add(rift_store *st, readers *r, const corpus_term *c, size_t n)
{
    size_t k = 0;
    for (; k + IN_N / 2 <= n; k += IN_N / 2) {
        for (int p = 0; p < IN_N / 2; p++) {
            db_bind_int64(r->up, 2 * p + 1, (long long)c[k + p].t);
            db_bind_int64(r->up, 2 * p + 2, (long long)c[k + p].w);
        }
        if (!store_step_done(st, r->up))
            return RIFT_EIO;
    }
    for (; k < n; k++) {
        db_bind_int64(r->up1, 1, (long long)c[k].t);
        db_bind_int64(r->up1, 2, (long long)c[k].w);
        if (!store_step_done(st, r->up1))
            return RIFT_EIO;
    }
    return RIFT_OK;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* With add, the counts of the new articles of x[0..n) (story 0) into
 * story_terms (term 0: the articles); then the df of every term of x into
 * *df (*dfv holds it). */
static rift_status chunk_df(rift_store *st, readers *r, const art *x, size_t n, bool add,
                            corpus_df *df, corpus_term **dfv)
{
    RIFT_VEC(uint64_t) all = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < x[i].n_terms; k++)
            RIFT_VEC_PUSH(all, x[i].terms[k].t);
    RIFT_VEC_PUSH(all, 0);
    qsort(all.v, all.n, sizeof *all.v, cmp_u64);
    /* counts of the new articles' terms (each article holds a term once) */
    RIFT_VEC(uint64_t) mine = {0};
    size_t n_new = 0;
    for (size_t i = 0; i < n && add; i++) {
        n_new += !x[i].story;
        for (size_t k = 0; k < x[i].n_terms && !x[i].story; k++)
            RIFT_VEC_PUSH(mine, x[i].terms[k].t);
    }
    if (mine.n)
        qsort(mine.v, mine.n, sizeof *mine.v, cmp_u64);
    RIFT_VEC(corpus_term) cnt = {0};
    RIFT_VEC_PUSH(cnt, ((corpus_term){0, (float)n_new}));
    for (size_t k = 0; k < mine.n;) {
        size_t j = k;
        while (j < mine.n && mine.v[j] == mine.v[k])
            j++;
        RIFT_VEC_PUSH(cnt, ((corpus_term){mine.v[k], (float)(j - k)}));
        k = j;
    }
    free(mine.v);
    rift_status rs = add ? df_add(st, r, cnt.v, cnt.n) : RIFT_OK;
    free(cnt.v);
    size_t u = 0;
    for (size_t k = 0; k < all.n; k++)
        if (k == 0 || all.v[k] != all.v[k - 1])
            all.v[u++] = all.v[k];
    *dfv = rift_xmalloc((u + 1) * sizeof **dfv);
    if (rs == RIFT_OK)
        rs = df_lookup(st, r, all.v, u, *dfv);
    free(all.v);
    /* term 0 (first) is the count of articles */
    *df = (corpus_df){*dfv + 1, u - 1, rs == RIFT_OK ? (long)(*dfv)[0].w : 0};
    return rs;
}

/* ---- one chunk ----------------------------------------------------------- */

typedef struct pass {
    rift_store *st;
    readers r;
    db_stmt *ins_sa, *ins_vec, *ins_key, *touch;
    int win;
    bool all;             /* every article (no neighbours to look up) */
    long next_story;      /* the next new story id */
} pass;

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The ids of the stored neighbours of the new articles x[0..n). */
static rift_status find_neighbours(pass *p, const art *x, size_t n, const corpus_df *df,
                                   ids_vec *out)
{
    db_stmt *q = p->r.keys;
    RIFT_VEC(long) mine = {0};
    for (size_t i = 0; i < n; i++) {
        size_t nk;
        corpus_term *keys = corpus_story_top(x[i].terms, x[i].n_terms, df, BLOCK_KEYS, &nk);
        bool dated = x[i].it.days != CORPUS_NO_DATE;
        long lo = dated ? (long)x[i].it.days - p->win : UNDATED_DAYS;
        long hi = dated ? (long)x[i].it.days + p->win : INT_MAX;
        mine.n = 0;
        /* every key in one statement (term 0, listed nowhere, for none),
         * rows by key weight, then most recent first */
        for (size_t k = 0; k < BLOCK_KEYS; k++)
            db_bind_int64(q, (int)k + 1, k < nk ? (long long)keys[k].t : 0);
        db_bind_int64(q, BLOCK_KEYS + 1, lo);
        db_bind_int64(q, BLOCK_KEYS + 2, hi);
        int rc;
        while ((rc = db_step(q)) == DB_ROW) {
            long id = (long)db_column_int64(q, 1);
            bool seen = mine.n >= NEIGHBOURS;
            for (size_t j = 0; j < mine.n && !seen; j++)
                seen = mine.v[j] == id;
            if (!seen)
                RIFT_VEC_PUSH(mine, id);
        }
        db_reset(q);
        if (rc == DB_ERROR) {
            free(keys);
            free(mine.v);
            return store_fail(p->st, "read story_keys");
        }
        for (size_t j = 0; j < mine.n; j++)
            RIFT_VEC_PUSH(*out, mine.v[j]);
        free(keys);
    }
    free(mine.v);
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_long);
    size_t u = 0;
    for (size_t k = 0; k < out->n; k++)
        if (k == 0 || out->v[k] != out->v[k - 1])
            out->v[u++] = out->v[k];
    out->n = u;
    return RIFT_OK;
}

/* Writes a placed new article: its story, vector and keys. */
static rift_status save_article(pass *p, const art *x, long story, const corpus_df *df)
{
    rift_store *st = p->st;
    db_bind_int64(p->ins_sa, 1, story);
    db_bind_int64(p->ins_sa, 2, x->it.id);
    db_bind_int64(p->touch, 1, story);
    if (!store_step_done(st, p->ins_sa) || !store_step_done(st, p->touch))
        return RIFT_EIO;
    size_t nt;
    corpus_term *top = corpus_story_top(x->terms, x->n_terms, df, KEPT_TERMS, &nt);
    int days = x->it.days == CORPUS_NO_DATE ? UNDATED_DAYS : x->it.days;
    char *enc = encode_terms(top, nt);
    char sh[17];
    snprintf(sh, sizeof sh, "%016llx", (unsigned long long)x->simhash);
    db_bind_int64(p->ins_vec, 1, x->it.id);
    db_bind_int64(p->ins_vec, 2, days);
    store_bind_text(p->ins_vec, 3, x->it.key);
    store_bind_text(p->ins_vec, 4, sh);
    store_bind_text(p->ins_vec, 5, enc);
    free(enc);
    rift_status rs = store_step_done(st, p->ins_vec) ? RIFT_OK : RIFT_EIO;
    /* the keys in one statement, the last again to fill it (a row already
     * there is skipped) */
    for (size_t k = 0; rs == RIFT_OK && nt && k < BLOCK_KEYS; k++) {
        size_t t = k < nt ? k : nt - 1;
        db_bind_int64(p->ins_key, 4 * (int)k + 1, (long long)top[t].t);
        db_bind_int64(p->ins_key, 4 * (int)k + 2, days);
        store_bind_text(p->ins_key, 4 * (int)k + 3, x->it.key);
        db_bind_int64(p->ins_key, 4 * (int)k + 4, x->it.id);
    }
    if (rs == RIFT_OK && nt && !store_step_done(st, p->ins_key))
        rs = RIFT_EIO;
    free(top);
    return rs;
}

/* The terms of x[0..n), and the keys of the neighbours (the new
 * articles' keys belong to the pass's list). */
static void free_arts(art *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(x[i].terms);
        if (x[i].story)
            free(x[i].it.key);
    }
}

/* Places the new articles it[0..n) (in date, key order). */
static rift_status place_chunk(pass *p, const rift_story_options *opt, const item *it, size_t n)
{
    arts_vec x = {0};
    rift_status rs = RIFT_OK;
    for (size_t i = 0; i < n && rs == RIFT_OK; i++) {
        art a = {it[i], NULL, 0, 0, 0, 0};
        rs = load_article(p->st, &p->r, &a);
        RIFT_VEC_PUSH(x, a);
    }
    corpus_df df = {0};
    corpus_term *dfv = NULL;
    ids_vec nb = {0};
    if (rs == RIFT_OK && !p->all) {
        /* keys under the chunk's df first, then the neighbours' df too */
        if ((rs = chunk_df(p->st, &p->r, x.v, x.n, true, &df, &dfv)) == RIFT_OK)
            rs = find_neighbours(p, x.v, n, &df, &nb);
        free(dfv);
        dfv = NULL;
        if (rs == RIFT_OK)
            rs = load_neighbours(p->st, &p->r, nb.v, nb.n, &x);
        if (rs == RIFT_OK)
            rs = chunk_df(p->st, &p->r, x.v, x.n, false, &df, &dfv);
    } else if (rs == RIFT_OK) {
        rs = chunk_df(p->st, &p->r, x.v, x.n, true, &df, &dfv);
    }
    free(nb.v);
    if (rs != RIFT_OK) {
        free_arts(x.v, x.n);
        free(x.v);
        free(dfv);
        return rs;
    }
    /* the chunk and its neighbours in date, key order */
    if (x.n)
        qsort(x.v, x.n, sizeof *x.v, cmp_art);
    corpus_article *ca = rift_xmalloc((x.n + 1) * sizeof *ca);
    for (size_t i = 0; i < x.n; i++)
        ca[i] = (corpus_article){.id = x.v[i].it.id, .days = x.v[i].it.days,
                                 .simhash = x.v[i].simhash, .has_simhash = true,
                                 .terms = x.v[i].terms, .n_terms = x.v[i].n_terms,
                                 .story = x.v[i].story,
                                 .story_size = (size_t)x.v[i].story_size};
    uint32_t *local = rift_xmalloc((x.n + 1) * sizeof *local);
    size_t ns = corpus_cluster_stories_df(ca, x.n, opt, &df, local);
    free(ca);
    /* each local story: the kept story of its neighbours, or a new one
     * numbered in order of its first article */
    long *final = rift_xmalloc((ns + 1) * sizeof *final);
    memset(final, 0, (ns + 1) * sizeof *final);
    for (size_t i = 0; i < x.n; i++)
        if (x.v[i].story)
            final[local[i]] = x.v[i].story;
    for (size_t i = 0; i < x.n && rs == RIFT_OK; i++) {
        if (x.v[i].story)
            continue;
        if (!final[local[i]])
            final[local[i]] = p->next_story++;
        rs = save_article(p, &x.v[i], final[local[i]], &df);
    }
    free_arts(x.v, x.n);
    free(final);
    free(local);
    free(x.v);
    free(dfv);
    return rs;
}

/* ---- the pass ------------------------------------------------------------ */

static const char *const story_sql =
    "INSERT INTO stories(id, title, first_date, last_date, n_articles, n_outlets)"
    " SELECT sa.story_id,"
    "  (SELECT a2.title FROM story_articles s2 JOIN articles a2 ON a2.id = s2.article_id"
    "   WHERE s2.story_id = sa.story_id AND a2.title IS NOT NULL"
    "   ORDER BY a2.date IS NULL, a2.date, a2.key LIMIT 1),"
    "  min(a.date), max(a.date), count(*), count(DISTINCT a.outlet)"
    " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
    " WHERE sa.story_id IN (SELECT story_id FROM story_touched)"
    " GROUP BY sa.story_id ORDER BY sa.story_id;";

/* The neighbours under an article's keys: for each key ?1..?BLOCK_KEYS
 * the KEY_ARTICLES most recent articles dated within ?BLOCK_KEYS+1 ..
 * ?BLOCK_KEYS+2 (a LIMIT per key, so an index range each). */
static char *keys_sql(void)
{
    rift_buf b;
    rift_buf_init(&b);
    for (int k = 0; k < BLOCK_KEYS; k++) {
        char one[320];
        int l = snprintf(one, sizeof one,
                         "%sSELECT k, article_id, days, key FROM (SELECT %d AS k, article_id, days,"
                         " key FROM story_keys WHERE term = ?%d AND days BETWEEN ?%d AND ?%d"
                         " ORDER BY days DESC, key DESC LIMIT %d) t%d",
                         k ? " UNION ALL " : "", k, k + 1, BLOCK_KEYS + 1, BLOCK_KEYS + 2,
                         KEY_ARTICLES, k);
        rift_buf_put(&b, one, (size_t)l);
    }
    rift_buf_puts(&b, " ORDER BY 1, 3 DESC, 4 DESC");
    size_t len;
    return rift_buf_detach(&b, &len);
}

/* "...(?,?,...?)": n parameters in a list, after head. */
static char *in_list(const char *head, int n, const char *one, const char *tail)
{
    rift_buf b;
    rift_buf_init(&b);
    rift_buf_puts(&b, head);
    for (int k = 0; k < n; k++) {
        if (k)
            rift_buf_putc(&b, ',');
        rift_buf_puts(&b, one);
    }
    rift_buf_puts(&b, tail);
    size_t len;
    return rift_buf_detach(&b, &len);
}

static rift_status prepare(rift_store *st, pass *p)
{
    char *in = in_list("SELECT term, df FROM story_terms WHERE term IN (", IN_N, "?", ")");
    char *up = in_list("INSERT INTO story_terms(term, df) VALUES ", IN_N / 2, "(?,?)",
                       " ON CONFLICT(term) DO UPDATE SET df = story_terms.df + excluded.df");
    char *vec = in_list("SELECT v.article_id, v.days, v.key, v.simhash, v.terms, sa.story_id,"
                        " s.n_articles FROM story_vectors v JOIN story_articles sa"
                        " ON sa.article_id = v.article_id JOIN stories s ON s.id = sa.story_id"
                        " WHERE v.article_id IN (", IN_N, "?", ")");
    char *keys = keys_sql();
    p->r.text = store_prep(st, "SELECT text, title, simhash FROM articles WHERE id = ?");
    p->r.actors = store_prep(st, "SELECT DISTINCT actor_id FROM entities WHERE article_id = ?"
                                 " AND actor_id IS NOT NULL ORDER BY actor_id");
    p->r.times = store_prep(st, "SELECT value FROM times WHERE article_id = ?"
                                " AND value IS NOT NULL ORDER BY idx");
    p->r.keys = store_prep(st, keys);
    p->r.vec = store_prep(st, vec);
    p->r.df = store_prep(st, in);
    p->r.up = store_prep(st, up);
    free(in);
    free(up);
    free(vec);
    free(keys);
    p->r.up1 = store_prep(st, "INSERT INTO story_terms(term, df) VALUES (?,?)"
                              " ON CONFLICT(term) DO UPDATE SET df = story_terms.df + excluded.df");
    p->ins_sa = store_prep(st, "INSERT INTO story_articles(story_id, article_id) VALUES(?,?)");
    p->ins_vec = store_prep(st, "INSERT INTO story_vectors(article_id, days, key, simhash, terms)"
                                " VALUES(?,?,?,?,?)");
    char *ins_key = in_list("INSERT INTO story_keys(term, days, key, article_id) VALUES ",
                            BLOCK_KEYS, "(?,?,?,?)", " ON CONFLICT DO NOTHING");
    p->ins_key = store_prep(st, ins_key);
    free(ins_key);
    p->touch = store_prep(st, "INSERT INTO story_touched VALUES(?) ON CONFLICT DO NOTHING");
    db_stmt **s = (db_stmt **)&p->r;
    for (size_t k = 0; k < sizeof p->r / sizeof *s; k++)
        if (!s[k])
            return RIFT_EIO;
    return p->ins_sa && p->ins_vec && p->ins_key && p->touch ? RIFT_OK : RIFT_EIO;
}

/* A store whose stories were made before story_terms existed: its
 * articles have stories but no vectors to compare new ones with. */
static bool index_missing(rift_store *st)
{
    db_stmt *s = store_prep(st, "SELECT (SELECT count(*) FROM story_terms WHERE term = 0),"
                                " (SELECT count(*) FROM (SELECT 1 FROM story_articles LIMIT 1) t)");
    bool missing = s && db_step(s) == DB_ROW && db_column_int64(s, 0) == 0 &&
                   db_column_int64(s, 1) > 0;
    db_finalize(s);
    return missing;
}

/* The articles to place, in date then key order. */
static rift_status list_items(rift_store *st, bool all, items_vec *out)
{
    db_stmt *s = store_prep(st, all ? "SELECT id, date, key FROM articles"
                                    : "SELECT a.id, a.date, a.key FROM pass_pending p"
                                      " JOIN articles a ON a.id = p.article_id"
                                      " WHERE NOT EXISTS (SELECT 1 FROM story_articles sa"
                                      "  WHERE sa.article_id = a.id)");
    if (!s)
        return RIFT_EIO;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        item it = {(long)db_column_int64(s, 0), store_days_of(db_column_text(s, 1)),
                   store_dup_col(s, 2)};
        if (!it.key)
            it.key = rift_xstrdup("");
        RIFT_VEC_PUSH(*out, it);
    }
    db_finalize(s);
    if (rc != DB_DONE)
        return store_fail(st, "read pending articles");
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_item);
    return RIFT_OK;
}

rift_status store_stories(rift_store *st, const rift_story_options *opt, bool all)
{
    rift_status rs = store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS story_touched("
                                    "story_id INTEGER PRIMARY KEY); DELETE FROM story_touched;");
    if (rs == RIFT_OK && !all && index_missing(st))
        all = true;
    if (rs == RIFT_OK && all)
        rs = store_exec(st, "DELETE FROM stories; DELETE FROM story_articles;"
                            " DELETE FROM story_terms; DELETE FROM story_keys;"
                            " DELETE FROM story_vectors;");
    items_vec items = {0};
    if (rs == RIFT_OK)
        rs = list_items(st, all, &items);
    pass p = {st, {0}, NULL, NULL, NULL, NULL, 0, all, 1};
    p.win = opt && opt->window_days > 0 ? opt->window_days : CORPUS_WINDOW_DAYS;
    if (rs == RIFT_OK && items.n)
        rs = prepare(st, &p);
    if (rs == RIFT_OK && items.n) {
        db_stmt *s = store_prep(st, "SELECT coalesce(max(story_id), 0) FROM story_articles");
        if (s && db_step(s) == DB_ROW)
            p.next_story = (long)db_column_int64(s, 0) + 1;
        else
            rs = s ? store_fail(st, "read story ids") : RIFT_EIO;
        db_finalize(s);
    }
    size_t batch = all ? items.n : opt && opt->batch > 0 ? (size_t)opt->batch : BATCH;
    /* the stories a chunk touched are counted again before the next one
     * reads their sizes */
    for (size_t k = 0; rs == RIFT_OK && k < items.n; k += batch) {
        rs = place_chunk(&p, opt, items.v + k, items.n - k < batch ? items.n - k : batch);
        if (rs == RIFT_OK)
            rs = store_exec(st, "DELETE FROM stories WHERE id IN"
                                " (SELECT story_id FROM story_touched);");
        if (rs == RIFT_OK)
            rs = store_exec(st, story_sql);
        if (rs == RIFT_OK)
            rs = store_exec(st, "DELETE FROM story_touched;");
    }
    readers_free(&p.r);
    db_finalize(p.ins_sa);
    db_finalize(p.ins_vec);
    db_finalize(p.ins_key);
    db_finalize(p.touch);
    for (size_t k = 0; k < items.n; k++)
        free(items.v[k].key);
    free(items.v);
    return rs;
}

static rift_status cluster_all(rift_store *st, const void *opt)
{
    return store_stories(st, opt, true);
}

rift_status rift_store_cluster_stories(rift_store *st, const rift_story_options *opt)
{
    return store_in_txn(st, cluster_all, opt);
}
