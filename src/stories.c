/* stories.c: groups the articles of a corpus into stories (the same news
 * told by several outlets on several days): TF-IDF over words and shared
 * actors, near-duplicates by SimHash, within a time window.  Works on plain
 * arrays (store.c loads and saves them); never sees SQL, never prints.
 *
 * Deterministic: articles are visited by date, then row id; every tie is
 * broken by the lower index.  Cost is about n * K * postings: each article
 * keeps only its K heaviest terms, and the commonest terms are stop words.
 */
#include "corpus.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOP_TERMS 120        /* terms kept per article */
#define ACTOR_TF 2           /* an actor counts like a word seen this often */
#define TITLE_TF 2           /* title words count this many times */
/* With few articles, document frequencies say little (every word of a
 * three-article story is "common"): idf is floored at IDF_FLOOR * 30 / n. */
#define IDF_FLOOR 2.0
#define MAX_POSTINGS 20000   /* a term in more stories than this is ignored */
#define DEFAULT_THRESHOLD 0.20
#define DEFAULT_WINDOW 14

/* ---- a map from 64-bit keys to 32-bit values (open addressing) --------- */

typedef struct u64map {
    uint64_t *k;
    uint32_t *v;
    size_t cap, n;
} u64map;

static void map_init(u64map *m, size_t hint)
{
    m->cap = 64;
    while (m->cap < hint * 2)
        m->cap *= 2;
    m->n = 0;
    m->k = rift_xmalloc(m->cap * sizeof *m->k);
    m->v = rift_xmalloc(m->cap * sizeof *m->v);
    memset(m->k, 0, m->cap * sizeof *m->k);
}

static void map_free(u64map *m)
{
    free(m->k);
    free(m->v);
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* The slot of key (key 0 is reserved as empty: callers never use it). */
static uint32_t *map_slot(u64map *m, uint64_t key, bool *found)
{
    if ((m->n + 1) * 2 > m->cap) {
        u64map g;
        map_init(&g, m->cap);
        for (size_t i = 0; i < m->cap; i++)
            if (m->k[i]) {
                bool f;
                *map_slot(&g, m->k[i], &f) = m->v[i];
            }
        map_free(m);
        *m = g;
    }
    size_t i = mix(key) & (m->cap - 1);
    while (m->k[i] && m->k[i] != key)
        i = (i + 1) & (m->cap - 1);
    *found = m->k[i] == key;
    if (!*found) {
        m->k[i] = key;
        m->v[i] = 0;
        m->n++;
    }
    return &m->v[i];
}

static bool map_get(const u64map *m, uint64_t key, uint32_t *v)
{
    size_t i = mix(key) & (m->cap - 1);
    while (m->k[i]) {
        if (m->k[i] == key) {
            *v = m->v[i];
            return true;
        }
        i = (i + 1) & (m->cap - 1);
    }
    return false;
}

/* ---- words --------------------------------------------------------------- */

static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

/* Calls fn for each word (lower-cased ASCII; other bytes kept; UTF-8
 * punctuation such as curly quotes and dashes split words). */
typedef void (*word_fn)(const char *w, size_t n, void *ctx);

static size_t punct_utf8(const char *s, size_t len, size_t i)
{
    /* U+2010-U+206F (dashes, quotes, bullets) and U+00A0-U+00BF: separators */
    unsigned char c = (unsigned char)s[i];
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80)
        return 3;
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0xBF)
        return 2;
    return 0;
}

static void each_word(const char *s, size_t len, word_fn fn, void *ctx)
{
    char w[64];
    size_t i = 0;
    while (i < len) {
        size_t p;
        while (i < len && (!word_byte((unsigned char)s[i]) || (p = punct_utf8(s, len, i)))) {
            if ((unsigned char)s[i] >= 0x80 && (p = punct_utf8(s, len, i)))
                i += p;
            else
                i++;
        }
        size_t n = 0;
        while (i < len && word_byte((unsigned char)s[i]) && !punct_utf8(s, len, i)) {
            char c = s[i];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            if (n < sizeof w)
                w[n++] = c;
            i++;
        }
        if (n)
            fn(w, n, ctx);
    }
}

static const char *const stop_words[] = {
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for",
    "with", "from", "as", "is", "was", "were", "are", "be", "been", "being", "has", "have",
    "had", "it", "its", "he", "she", "they", "them", "his", "her", "their", "this", "that",
    "these", "those", "which", "who", "whom", "what", "when", "where", "why", "how", "not",
    "no", "said", "says", "say", "will", "would", "could", "should", "can", "may", "might",
    "also", "after", "before", "about", "into", "over", "than", "then", "there", "here",
    "out", "up", "down", "so", "if", "do", "does", "did", "we", "you", "i", "me", "my",
    "our", "your", "him", "one", "two", "all", "more", "most", "some", "any", "just",
    "new", "told", "t", "s", "http", "https", "www", "com", "html", "htm", "php", "index",
    "article", "news", "story", "year", "years", "time", "last", "first", "now", "like",
    "because", "while", "other", "only", "such", "very", "even", "still", "people",
    NULL};

static bool is_stop(const char *w, size_t n)
{
    if (n < 2)
        return true;
    for (size_t i = 0; stop_words[i]; i++)
        if (strlen(stop_words[i]) == n && memcmp(stop_words[i], w, n) == 0)
            return true;
    return false;
}

typedef RIFT_VEC(uint64_t) hvec;

static void collect_word(const char *w, size_t n, void *ctx)
{
    if (is_stop(w, n))
        return;
    uint64_t h = rift_hash(w, n) | 1; /* never 0 (the empty key) */
    RIFT_VEC_PUSH(*(hvec *)ctx, h);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* ---- SimHash and quote normalisation ------------------------------------ */

typedef struct shingler {
    uint64_t last[3];
    size_t n;
    int acc[64];
} shingler;

static void shingle_word(const char *w, size_t n, void *ctx)
{
    shingler *s = ctx;
    s->last[0] = s->last[1];
    s->last[1] = s->last[2];
    s->last[2] = rift_hash(w, n);
    if (++s->n < 3)
        return;
    uint64_t h = mix(s->last[0] * 31 + mix(s->last[1]) * 17 + s->last[2]);
    for (int b = 0; b < 64; b++)
        s->acc[b] += (h >> b) & 1 ? 1 : -1;
}

uint64_t corpus_simhash(const char *text, size_t len)
{
    shingler s;
    memset(&s, 0, sizeof s);
    each_word(text, len, shingle_word, &s);
    uint64_t h = 0;
    for (int b = 0; b < 64; b++)
        if (s.acc[b] > 0)
            h |= (uint64_t)1 << b;
    return h;
}

typedef struct normer {
    rift_buf b;
    size_t words;
} normer;

static void norm_word(const char *w, size_t n, void *ctx)
{
    normer *q = ctx;
    if (q->b.len)
        rift_buf_putc(&q->b, ' ');
    rift_buf_put(&q->b, w, n);
    q->words++;
}

char *corpus_norm_quote(const char *s, size_t len, size_t *n_words)
{
    normer q;
    rift_buf_init(&q.b);
    q.words = 0;
    /* apostrophes inside words are dropped so don't == dont */
    rift_buf t;
    rift_buf_init(&t);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\'')
            continue;
        if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x99) {
            i += 2;
            continue;
        }
        rift_buf_putc(&t, s[i]);
    }
    each_word(t.data ? t.data : "", t.len, norm_word, &q);
    rift_buf_free(&t);
    if (n_words)
        *n_words = q.words;
    size_t l;
    char *r = rift_buf_detach(&q.b, &l);
    return r;
}

/* ---- clustering ----------------------------------------------------------- */

typedef struct term { uint64_t t; float w; } term;

typedef struct docvec {
    term *v;
    size_t n;
} docvec;

static int cmp_term_w(const void *a, const void *b)
{
    const term *x = a, *y = b;
    if (x->w != y->w)
        return x->w < y->w ? 1 : -1;
    return (x->t > y->t) - (x->t < y->t);
}

typedef struct posting { uint32_t story; float sum; } posting;
typedef RIFT_VEC(posting) pvec;

typedef struct story {
    double norm2;
    int lo, hi;   /* date range in days, CORPUS_NO_DATE when undated */
} story;

typedef struct order_item { int days; size_t i; } order_item;

static int cmp_order(const void *a, const void *b)
{
    const order_item *x = a, *y = b;
    /* undated articles come after dated ones */
    long dx = x->days == CORPUS_NO_DATE ? (long)INT_MAX + 1 : x->days;
    long dy = y->days == CORPUS_NO_DATE ? (long)INT_MAX + 1 : y->days;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

static bool in_window(const story *s, int days, int w)
{
    if (days == CORPUS_NO_DATE || s->lo == CORPUS_NO_DATE)
        return true;
    return days >= s->lo - w && days <= s->hi + w;
}

static void story_add_date(story *s, int days)
{
    if (days == CORPUS_NO_DATE)
        return;
    if (s->lo == CORPUS_NO_DATE || days < s->lo)
        s->lo = days;
    if (s->hi == CORPUS_NO_DATE || days > s->hi)
        s->hi = days;
}

#define REFINE_ROUNDS 4

static void refine(const docvec *dv, const corpus_article *a, size_t n, uint32_t *story_of,
                   size_t ns, double thr, int win)
{
    if (ns < 2)
        return;
    for (int round = 0; round < REFINE_ROUNDS; round++) {
        /* centroids as postings: term -> (story, sum) */
        u64map slot_of, pm;
        map_init(&slot_of, 4096);
        map_init(&pm, 4096);
        RIFT_VEC(pvec) post = {0};
        double *norm2 = rift_xmalloc(ns * sizeof *norm2);
        story *sd = rift_xmalloc(ns * sizeof *sd);
        for (size_t s = 0; s < ns; s++) {
            norm2[s] = 0;
            sd[s] = (story){0, CORPUS_NO_DATE, CORPUS_NO_DATE};
        }
        for (size_t i = 0; i < n; i++) {
            uint32_t st = story_of[i];
            story_add_date(&sd[st], a[i].days);
            for (size_t k = 0; k < dv[i].n; k++) {
                bool f;
                uint32_t *sl = map_slot(&slot_of, dv[i].v[k].t, &f);
                if (!f) {
                    pvec empty = {0};
                    RIFT_VEC_PUSH(post, empty);
                    *sl = (uint32_t)post.n - 1;
                }
                pvec *p = &post.v[*sl];
                uint32_t *pi = map_slot(&pm, ((uint64_t)(*sl + 1) << 32) | st, &f);
                if (!f) {
                    posting np = {st, 0};
                    RIFT_VEC_PUSH(*p, np);
                    *pi = (uint32_t)p->n - 1;
                }
                p->v[*pi].sum += dv[i].v[k].w;
            }
        }
        for (size_t t = 0; t < post.n; t++)
            for (size_t q = 0; q < post.v[t].n; q++)
                norm2[post.v[t].v[q].story] += (double)post.v[t].v[q].sum * post.v[t].v[q].sum;
        double *acc = rift_xmalloc(ns * sizeof *acc);
        memset(acc, 0, ns * sizeof *acc);
        RIFT_VEC(uint32_t) touched = {0};
        uint32_t *next = rift_xmalloc(n * sizeof *next);
        size_t moved = 0;
        for (size_t i = 0; i < n; i++) {
            touched.n = 0;
            double self = 0;
            for (size_t k = 0; k < dv[i].n; k++) {
                uint32_t sl;
                if (!map_get(&slot_of, dv[i].v[k].t, &sl))
                    continue;
                const pvec *p = &post.v[sl];
                self += (double)dv[i].v[k].w * dv[i].v[k].w;
                if (p->n > MAX_POSTINGS)
                    continue;
                for (size_t q = 0; q < p->n; q++) {
                    if (acc[p->v[q].story] == 0)
                        RIFT_VEC_PUSH(touched, p->v[q].story);
                    acc[p->v[q].story] += (double)dv[i].v[k].w * p->v[q].sum;
                }
            }
            uint32_t own = story_of[i];
            double own_n2 = norm2[own] - 2 * acc[own] + self;
            double stay = own_n2 > 1e-9 ? (acc[own] - self) / sqrt(own_n2) : -1;
            uint32_t best = own;
            double best_sim = stay > thr ? stay : thr;
            for (size_t t = 0; t < touched.n; t++) {
                uint32_t s = touched.v[t];
                double sim = s == own ? -1 : acc[s] / sqrt(norm2[s] > 0 ? norm2[s] : 1);
                acc[s] = 0;
                if (s == own || !in_window(&sd[s], a[i].days, win))
                    continue;
                if (sim > best_sim + 1e-9 || (sim > best_sim - 1e-12 && best != own && s < best)) {
                    best_sim = sim;
                    best = s;
                }
            }
            acc[own] = 0;
            next[i] = best;
            moved += best != own;
        }
        memcpy(story_of, next, n * sizeof *next);
        free(next);
        free(acc);
        free(touched.v);
        for (size_t t = 0; t < post.n; t++)
            free(post.v[t].v);
        free(post.v);
        free(norm2);
        free(sd);
        map_free(&slot_of);
        map_free(&pm);
        if (!moved)
            break;
    }
}

size_t corpus_cluster_stories(const corpus_article *a, size_t n,
                              const rift_story_options *opt, uint32_t *story_of)
{
    if (!n)
        return 0;
    double thr = opt && opt->threshold > 0 ? opt->threshold : DEFAULT_THRESHOLD;
    int win = opt && opt->window_days > 0 ? opt->window_days : DEFAULT_WINDOW;

    /* term counts per article */
    docvec *dv = rift_xmalloc(n * sizeof *dv);
    u64map df;
    map_init(&df, 1024);
    hvec words = {0};
    for (size_t i = 0; i < n; i++) {
        words.n = 0;
        each_word(a[i].text ? a[i].text : "", a[i].len, collect_word, &words);
        for (int r = 0; r < TITLE_TF && a[i].title; r++)
            each_word(a[i].title, strlen(a[i].title), collect_word, &words);
        qsort(words.v, words.n, sizeof *words.v, cmp_u64);
        size_t distinct = 0;
        for (size_t k = 0; k < words.n; k++)
            distinct += k == 0 || words.v[k] != words.v[k - 1];
        dv[i].v = rift_xmalloc((distinct + a[i].n_actors + 1) * sizeof *dv[i].v);
        dv[i].n = 0;
        for (size_t k = 0; k < words.n;) {
            size_t j = k;
            while (j < words.n && words.v[j] == words.v[k])
                j++;
            dv[i].v[dv[i].n++] = (term){words.v[k], (float)(j - k)};
            k = j;
        }
        for (size_t k = 0; k < a[i].n_actors; k++) {
            uint64_t t = mix(0xac7025ULL ^ ((uint64_t)(uint32_t)a[i].actors[k] << 20)) | 1;
            dv[i].v[dv[i].n++] = (term){t, (float)ACTOR_TF};
        }
        for (size_t k = 0; k < dv[i].n; k++) {
            bool f;
            uint32_t *c = map_slot(&df, dv[i].v[k].t, &f);
            (*c)++;
        }
    }
    free(words.v);
    /* TF-IDF weights, the heaviest TOP_TERMS kept, unit length */
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < dv[i].n; k++) {
            uint32_t d = 1;
            map_get(&df, dv[i].v[k].t, &d);
            double idf = log((double)(n + 1) / (double)d);
            double floor_ = n < 30 ? IDF_FLOOR : IDF_FLOOR * 30.0 / (double)n;
            if (idf < floor_)
                idf = floor_;
            dv[i].v[k].w = (float)((1.0 + log(dv[i].v[k].w)) * idf);
        }
        qsort(dv[i].v, dv[i].n, sizeof *dv[i].v, cmp_term_w);
        if (dv[i].n > TOP_TERMS)
            dv[i].n = TOP_TERMS;
        double s = 0;
        for (size_t k = 0; k < dv[i].n; k++)
            s += (double)dv[i].v[k].w * dv[i].v[k].w;
        s = s > 0 ? sqrt(s) : 1;
        for (size_t k = 0; k < dv[i].n; k++)
            dv[i].v[k].w = (float)(dv[i].v[k].w / s);
    }
    map_free(&df);

    /* near-duplicates: SimHash bands (distance <= 3 shares a 16-bit band) */
    uint64_t *sh = rift_xmalloc(n * sizeof *sh);
    for (size_t i = 0; i < n; i++)
        sh[i] = corpus_simhash(a[i].text ? a[i].text : "", a[i].len);

    /* one pass in date order: join the most similar story in the window */
    order_item *ord = rift_xmalloc(n * sizeof *ord);
    for (size_t i = 0; i < n; i++)
        ord[i] = (order_item){a[i].days, i};
    qsort(ord, n, sizeof *ord, cmp_order);
    RIFT_VEC(story) stories = {0};
    RIFT_VEC(pvec) post = {0};     /* per term slot: the stories holding it */
    u64map term_slot;              /* term -> index into post */
    map_init(&term_slot, 4096);
    u64map pmap;                   /* (term slot, story) -> index into the postings */
    map_init(&pmap, 4096);
    u64map bands;                  /* band key -> last article index + 1 */
    map_init(&bands, n * 4);
    double *acc = NULL;
    size_t acc_cap = 0;
    RIFT_VEC(uint32_t) touched = {0};
    for (size_t oi = 0; oi < n; oi++) {
        size_t i = ord[oi].i;
        int64_t pick = -1;
        /* a near-duplicate already placed wins */
        for (int b = 0; b < 4 && pick < 0; b++) {
            uint64_t key = (((sh[i] >> (16 * b)) & 0xffff) << 2 | (uint64_t)b) + 1;
            uint32_t prev;
            if (map_get(&bands, key, &prev)) {
                size_t j = prev - 1;
                if (__builtin_popcountll(sh[i] ^ sh[j]) <= 3 && dv[i].n >= 8 &&
                    in_window(&stories.v[story_of[j]], a[i].days, win))
                    pick = story_of[j];
            }
        }
        if (pick < 0) {
            if (acc_cap < stories.n + 1) {
                acc_cap = (stories.n + 1) * 2;
                acc = rift_xrealloc(acc, acc_cap * sizeof *acc);
                memset(acc, 0, acc_cap * sizeof *acc);
            }
            touched.n = 0;
            for (size_t k = 0; k < dv[i].n; k++) {
                uint32_t slot;
                if (!map_get(&term_slot, dv[i].v[k].t, &slot))
                    continue;
                const pvec *p = &post.v[slot];
                if (p->n > MAX_POSTINGS)
                    continue;
                for (size_t q = 0; q < p->n; q++) {
                    if (acc[p->v[q].story] == 0)
                        RIFT_VEC_PUSH(touched, p->v[q].story);
                    acc[p->v[q].story] += (double)dv[i].v[k].w * p->v[q].sum;
                }
            }
            double best = thr;
            for (size_t t = 0; t < touched.n; t++) {
                uint32_t s = touched.v[t];
                double sim = acc[s] / sqrt(stories.v[s].norm2);
                acc[s] = 0;
                if (!in_window(&stories.v[s], a[i].days, win))
                    continue;
                if (sim > best || (sim == best && pick >= 0 && s < (uint32_t)pick)) {
                    best = sim;
                    pick = s;
                }
            }
        }
        if (pick < 0) {
            story s = {0, CORPUS_NO_DATE, CORPUS_NO_DATE};
            RIFT_VEC_PUSH(stories, s);
            pick = (int64_t)stories.n - 1;
        }
        story_of[i] = (uint32_t)pick;
        story *st = &stories.v[pick];
        story_add_date(st, a[i].days);
        /* add the article's vector to the story's sum */
        for (size_t k = 0; k < dv[i].n; k++) {
            bool f;
            uint32_t *slot = map_slot(&term_slot, dv[i].v[k].t, &f);
            if (!f) {
                pvec empty = {0};
                RIFT_VEC_PUSH(post, empty);
                *slot = (uint32_t)post.n - 1;
            }
            pvec *p = &post.v[*slot];
            bool pf;
            uint32_t *pi = map_slot(&pmap, ((uint64_t)(*slot + 1) << 32) | (uint32_t)pick, &pf);
            if (!pf) {
                posting np = {(uint32_t)pick, 0};
                RIFT_VEC_PUSH(*p, np);
                *pi = (uint32_t)p->n - 1;
            }
            posting *e = &p->v[*pi];
            double old = e->sum;
            e->sum += dv[i].v[k].w;
            st->norm2 += (double)e->sum * e->sum - old * old;
        }
        if (st->norm2 <= 0)
            st->norm2 = 1;
        for (int b = 0; b < 4; b++) {
            uint64_t key = (((sh[i] >> (16 * b)) & 0xffff) << 2 | (uint64_t)b) + 1;
            bool f;
            *map_slot(&bands, key, &f) = (uint32_t)(i + 1);
        }
    }
    /* refinement, as in k-means: with every story's centroid known, an
     * article moves to the story it is most similar to (its own centroid
     * taken without it), when that beats staying; a few rounds */
    refine(dv, a, n, story_of, stories.n, thr, win);
    /* renumber stories by their first article in row order */
    size_t ns = stories.n;
    uint32_t *ren = rift_xmalloc((ns ? ns : 1) * sizeof *ren);
    for (size_t s = 0; s < ns; s++)
        ren[s] = UINT32_MAX;
    uint32_t next = 0; /* stories left non-empty by the refinement */
    for (size_t i = 0; i < n; i++) {
        if (ren[story_of[i]] == UINT32_MAX)
            ren[story_of[i]] = next++;
        story_of[i] = ren[story_of[i]];
    }
    free(ren);
    for (size_t p = 0; p < post.n; p++)
        free(post.v[p].v);
    free(post.v);
    free(stories.v);
    free(touched.v);
    free(acc);
    map_free(&term_slot);
    map_free(&pmap);
    map_free(&bands);
    free(ord);
    free(sh);
    for (size_t i = 0; i < n; i++)
        free(dv[i].v);
    free(dv);
    return next;
}
