/* stories.c: groups the articles of a corpus into stories (the same news
 * told by several outlets on several days): average-link agglomerative
 * clustering over the cosine of TF-IDF vectors of words, actors and the
 * dates named in the text, near-duplicates by SimHash, within a time
 * window.  Works on plain arrays (store.c loads and saves them); never sees
 * SQL, never prints.
 *
 * Deterministic: every tie is broken by the lower article index.  Cost:
 * near-duplicates (wire copies) are first made one weighted node each, in
 * about n; pairs of nodes come from an inverted index over each node's
 * TOP_TERMS heaviest terms, restricted to the time window, so about sum
 * over terms of (nodes holding it within a window)^2; the agglomeration is
 * E log E for E similar pairs (neighbour lists are hash maps).
 *
 * Incremental use (store_stories.c): articles given with a story
 * (corpus_article.story) stay in it; they are clustered with the new ones
 * only to be joined, and pairs of two of them are never formed.
 */
#include "corpus.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOP_TERMS 120        /* terms kept per article */
#define ACTOR_TF 2           /* an actor counts like a word seen this often */
#define TIME_TF 2            /* a date named in the text counts this often */
#define TITLE_TF 2           /* title words count this many times */
/* With few articles, document frequencies say little (every word of a
 * three-article story is "common"): idf is floored at IDF_FLOOR * 30 / n. */
#define IDF_FLOOR 2.0
#define MAX_POSTINGS 20000   /* a term in more articles than this pairs none */
#define EDGE_MIN 0.02        /* pairs less similar than this count as 0 */
#define NEAR_DUP_SIM 0.9     /* SimHash within 3 bits: at least this similar */
/* Average similarity for articles to form one group (first pass), low:
 * the second pass cuts a group in two when its sides are alike inside at
 * least 1 / SPLIT_RATIO times more than across.  Measured on ECB+ (see
 * docs/accuracy.md, "Stories"). */
#define DEFAULT_THRESHOLD 0.025
#define SPLIT_RATIO 0.4
#define SPLIT_MIN 4          /* smaller groups are not cut */
#define SPLIT_MAX 4000       /* larger groups are not cut (the cut is m^2) */
#define SPLIT_KEPT_MAX 500   /* the same for a group holding a kept story */
#define SPLIT_DEPTH 0        /* cuts of a side already cut (0: one cut per group) */
/* An undated article (or group of them) joins a dated story at the
 * threshold, unless a dated story of another time is at least
 * UNDATED_RIVAL times as similar to it: without a date the window cannot
 * say which of the two it belongs to, and it joins neither, unless its
 * similarity reaches UNDATED_MIN (a rewrite; a copy is 0.9).  Undated
 * articles among themselves keep the threshold. */
#define UNDATED_MIN 0.8
#define UNDATED_RIVAL 0.5

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
        if (stop_words[i][0] == w[0] && strncmp(stop_words[i], w, n) == 0 &&
            stop_words[i][n] == '\0')
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

typedef corpus_term term;

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

static int cmp_term_t(const void *a, const void *b)
{
    const term *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

/* Document frequencies: counted over the articles clustered (m), or given
 * (ext, sorted by term). */
typedef struct dfs { const u64map *m; const corpus_df *ext; long docs; } dfs;

static uint32_t df_get(const dfs *d, uint64_t t)
{
    uint32_t v = 0;
    if (!d->ext) {
        map_get(d->m, t, &v);
        return v;
    }
    size_t lo = 0, hi = d->ext->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->ext->v[mid].t < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->ext->n && d->ext->v[lo].t == t ? (uint32_t)d->ext->v[lo].w : 0;
}

/* The TF-IDF weight of a term seen tf times, in d of docs articles. */
static double tfidf(double tf, uint32_t d, long docs)
{
    double idf = log((double)(docs + 1) / (double)(d ? d : 1));
    double floor_ = docs < 30 ? IDF_FLOOR : IDF_FLOOR * 30.0 / (double)docs;
    if (idf < floor_)
        idf = floor_;
    return (1.0 + log(tf)) * idf;
}

typedef struct order_item { int days; size_t i; } order_item;

int corpus_cmp_days(int x, int y)
{
    long dx = x == CORPUS_NO_DATE ? (long)INT_MAX + 1 : x;
    long dy = y == CORPUS_NO_DATE ? (long)INT_MAX + 1 : y;
    return (dx > dy) - (dx < dy);
}

static int cmp_order(const void *a, const void *b)
{
    const order_item *x = a, *y = b;
    int c = corpus_cmp_days(x->days, y->days);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Time features: the year, month and day of every time expression value
 * ("2013-05-02" gives y:2013, m:2013-05, d:2013-05-02).  Two reports of one
 * event name its date; two events of the same kind rarely share it. */
static void time_terms(const char *v, hvec *out)
{
    while (v && *v) {
        size_t n = strcspn(v, " ");
        bool year = n >= 4;
        for (size_t k = 0; k < 4 && year; k++)
            year = v[k] >= '0' && v[k] <= '9';
        if (year && (v[0] == '1' || v[0] == '2')) {
            uint64_t seed = 0x7133e5ULL;
            RIFT_VEC_PUSH(*out, (rift_hash(v, 4) ^ seed) | 1);
            if (n >= 7 && v[4] == '-' && v[5] >= '0' && v[5] <= '1')
                RIFT_VEC_PUSH(*out, (rift_hash(v, 7) ^ seed) | 1);
            if (n >= 10 && v[7] == '-')
                RIFT_VEC_PUSH(*out, (rift_hash(v, 10) ^ seed) | 1);
        }
        v += n;
        while (*v == ' ')
            v++;
    }
}

/* ---- nodes: near-duplicates are one weighted node ------------------------ */

/* The articles clustered, as nodes: near-duplicates (SimHash within 3 bits,
 * both with 8 terms or more, dated within one window), and chains of them,
 * are one node of weight w, so a thousand wire copies cost one article, not
 * a million pairs.  Inside a node every pair counts as similarity 1, and
 * the node's terms are its earliest member's.  Without near-duplicates
 * every article is its own node and node i is article i. */
typedef struct nodes {
    size_t n;
    uint32_t *of;       /* node of each article */
    uint32_t *rep;      /* article whose terms and SimHash stand for the node */
    uint32_t *w;        /* articles in the node */
    int *lo, *hi;       /* date range, CORPUS_NO_DATE when undated */
    uint32_t *order;    /* nodes by date (of the representative), then index */
} nodes;

static bool near_dup(const docvec *dv, const uint64_t *sh, size_t i, size_t j)
{
    return __builtin_popcountll(sh[i] ^ sh[j]) <= 3 && dv[i].n >= 8 && dv[j].n >= 8;
}

#define DUP_PROBES 16 /* earlier articles tried per SimHash block */

static uint32_t uf_find(uint32_t *up, uint32_t x)
{
    while (up[x] != x) {
        up[x] = up[up[x]];
        x = up[x];
    }
    return x;
}

/* Links near-duplicates in date order: each article to the last
 * DUP_PROBES articles that share one of the 4 blocks of 16 bits of its
 * SimHash (3 differing bits leave one block equal) and are dated within win
 * of it (or both undated); each group's representative is its earliest
 * article.  Then nodes are numbered by their lowest article index. */
static void make_nodes(const docvec *dv, const uint64_t *sh, const corpus_article *a,
                       const order_item *ord, size_t n, int win, bool collapse, nodes *nd)
{
    uint32_t *up = rift_xmalloc(n * sizeof *up);     /* union-find, root = earliest */
    uint32_t *pos = rift_xmalloc(n * sizeof *pos);   /* place in date order */
    uint32_t *next = rift_xmalloc(4 * n * sizeof *next); /* bucket chains */
    u64map head;
    map_init(&head, collapse ? n : 1);
    for (size_t oi = 0; oi < n; oi++) {
        uint32_t i = (uint32_t)ord[oi].i;
        up[i] = i;
        pos[i] = (uint32_t)oi;
        if (!collapse || dv[i].n < 8)
            continue;
        for (int b = 0; b < 4; b++) {
            bool f;
            uint64_t key = ((uint64_t)(b + 1) << 16) | ((sh[i] >> (16 * b)) & 0xffff);
            uint32_t *h = map_slot(&head, key, &f);
            uint32_t r = f ? *h : 0;
            next[4 * (size_t)i + (size_t)b] = r;
            *h = i + 1;
            for (int probe = 0; r && probe < DUP_PROBES; probe++) {
                r--;
                int dr = a[r].days, di = a[i].days;
                bool dates = dr == CORPUS_NO_DATE ? di == CORPUS_NO_DATE
                                                  : di != CORPUS_NO_DATE && di - dr <= win;
                /* only articles of one kept story, or new ones, are one node */
                if (dates && a[i].story == a[r].story && near_dup(dv, sh, i, r)) {
                    uint32_t x = uf_find(up, i), y = uf_find(up, r);
                    if (pos[x] < pos[y])
                        up[y] = x;
                    else
                        up[x] = y;
                }
                r = next[4 * (size_t)r + (size_t)b];
            }
        }
    }
    map_free(&head);
    free(next);
    /* number the nodes by their lowest article */
    uint32_t *id = rift_xmalloc(n * sizeof *id);
    for (size_t i = 0; i < n; i++)
        id[i] = UINT32_MAX;
    nd->of = rift_xmalloc(n * sizeof *nd->of);
    nd->n = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t r = uf_find(up, (uint32_t)i);
        if (id[r] == UINT32_MAX)
            id[r] = (uint32_t)nd->n++;
        nd->of[i] = id[r];
    }
    size_t m = nd->n;
    nd->rep = rift_xmalloc(m * sizeof *nd->rep);
    nd->w = rift_xmalloc(m * sizeof *nd->w);
    nd->lo = rift_xmalloc(m * sizeof *nd->lo);
    nd->hi = rift_xmalloc(m * sizeof *nd->hi);
    nd->order = rift_xmalloc(m * sizeof *nd->order);
    memset(nd->w, 0, m * sizeof *nd->w);
    size_t k = 0;
    for (size_t oi = 0; oi < n; oi++) {
        uint32_t i = (uint32_t)ord[oi].i, x = nd->of[i];
        if (nd->w[x]++ == 0) { /* the earliest member */
            nd->rep[x] = i;
            nd->lo[x] = nd->hi[x] = a[i].days;
            nd->order[k++] = x;
        } else if (a[i].days != CORPUS_NO_DATE && a[i].days > nd->hi[x]) {
            nd->hi[x] = a[i].days;
        }
    }
    free(id);
    free(pos);
    free(up);
}

static void free_nodes(nodes *nd)
{
    free(nd->of);
    free(nd->rep);
    free(nd->w);
    free(nd->lo);
    free(nd->hi);
    free(nd->order);
}

/* ---- average-link agglomeration over a sparse similarity graph ---------- */

/* The neighbours of a cluster: cluster -> summed similarity of their
 * article pairs, a hash map (linear probing) so that adding, finding and
 * removing one neighbour costs O(1) however many there are. */
#define NB_EMPTY UINT32_MAX
typedef struct nbmap { uint32_t *k; double *v; size_t cap, n; } nbmap;
typedef struct cand { double avg; uint32_t a, b; } cand; /* a < b */
typedef RIFT_VEC(cand) heap;

static size_t nb_slot(const nbmap *m, uint32_t c)
{
    size_t i = mix(c) & (m->cap - 1);
    while (m->k[i] != NB_EMPTY && m->k[i] != c)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void nb_add(nbmap *m, uint32_t c, double s)
{
    if ((m->n + 1) * 2 > m->cap) {
        nbmap g = {NULL, NULL, m->cap ? m->cap * 2 : 8, m->n};
        g.k = rift_xmalloc(g.cap * sizeof *g.k);
        g.v = rift_xmalloc(g.cap * sizeof *g.v);
        memset(g.k, 0xff, g.cap * sizeof *g.k);
        for (size_t i = 0; i < m->cap; i++)
            if (m->k[i] != NB_EMPTY) {
                size_t j = nb_slot(&g, m->k[i]);
                g.k[j] = m->k[i];
                g.v[j] = m->v[i];
            }
        free(m->k);
        free(m->v);
        *m = g;
    }
    size_t i = nb_slot(m, c);
    if (m->k[i] == c) {
        m->v[i] += s;
        return;
    }
    m->k[i] = c;
    m->v[i] = s;
    m->n++;
}

static bool nb_get(const nbmap *m, uint32_t c, double *s)
{
    if (!m->cap)
        return false;
    size_t i = nb_slot(m, c);
    *s = m->v[i];
    return m->k[i] == c;
}

/* Removes c and returns its sum (0 when absent); later entries of the
 * probe run shift back so that lookups still find them. */
static double nb_take(nbmap *m, uint32_t c)
{
    if (!m->cap)
        return 0;
    size_t mask = m->cap - 1, i = nb_slot(m, c);
    if (m->k[i] != c)
        return 0;
    double s = m->v[i];
    for (size_t j = (i + 1) & mask; m->k[j] != NB_EMPTY; j = (j + 1) & mask) {
        size_t h = mix(m->k[j]) & mask;
        bool stays = i <= j ? (h > i && h <= j) : (h > i || h <= j);
        if (!stays) {
            m->k[i] = m->k[j];
            m->v[i] = m->v[j];
            i = j;
        }
    }
    m->k[i] = NB_EMPTY;
    m->n--;
    return s;
}

static void nb_free(nbmap *m)
{
    free(m->k);
    free(m->v);
    *m = (nbmap){0};
}

static bool cand_above(const cand *x, const cand *y)
{
    if (x->avg != y->avg)
        return x->avg > y->avg;
    if (x->a != y->a)
        return x->a < y->a;
    return x->b < y->b;
}

static void heap_push(heap *h, cand c)
{
    RIFT_VEC_PUSH(*h, c);
    size_t i = h->n - 1;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!cand_above(&h->v[i], &h->v[p]))
            break;
        cand t = h->v[i];
        h->v[i] = h->v[p];
        h->v[p] = t;
        i = p;
    }
}

static cand heap_pop(heap *h)
{
    cand top = h->v[0];
    h->v[0] = h->v[--h->n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && cand_above(&h->v[l], &h->v[m]))
            m = l;
        if (r < h->n && cand_above(&h->v[r], &h->v[m]))
            m = r;
        if (m == i)
            break;
        cand t = h->v[i];
        h->v[i] = h->v[m];
        h->v[m] = t;
        i = m;
    }
    return top;
}

typedef struct clus {
    uint32_t size;  /* articles */
    int lo, hi;     /* date range, CORPUS_NO_DATE when undated */
    long story;     /* the kept story of its articles, 0: none */
    uint32_t story_size; /* the kept story's articles, those not given included */
} clus;

static bool dates_fit(const clus *x, const clus *y, int win)
{
    if (x->lo == CORPUS_NO_DATE || y->lo == CORPUS_NO_DATE)
        return true;
    return y->lo <= x->hi + win && x->lo <= y->hi + win;
}

/* The candidate pairs of cluster a (only those with a later cluster when
 * later_only). */
static void push_pairs(heap *h, const nbmap *adj, const clus *cl, uint32_t a, bool later_only)
{
    for (size_t k = 0; k < adj[a].cap; k++) {
        uint32_t c = adj[a].k[k];
        if (c == NB_EMPTY || (later_only && c < a))
            continue;
        double avg = adj[a].v[k] / ((double)cl[a].size * cl[c].size);
        heap_push(h, (cand){avg, a < c ? a : c, a < c ? c : a});
    }
}

/* Merges clusters, most similar pair first, while the average similarity
 * of their article pairs (pairs without an edge count 0) is at least thr.
 * Clusters are named by their lowest node; name[] receives the final name
 * of each node's cluster.  A merge costs the neighbours of the merged
 * cluster, each in O(1). */
/* Cluster b into cluster a. */
static void merge(nbmap *adj, clus *cl, uint32_t a, uint32_t b, uint32_t *name)
{
    nb_take(&adj[a], b);
    nb_take(&adj[b], a);
    for (size_t q = 0; q < adj[b].cap; q++) {
        uint32_t o = adj[b].k[q];
        if (o == NB_EMPTY)
            continue;
        double s = adj[b].v[q];
        nb_add(&adj[a], o, s);
        nb_take(&adj[o], b);
        nb_add(&adj[o], a, s);
    }
    nb_free(&adj[b]);
    cl[a].size += cl[b].size;
    if (cl[b].lo != CORPUS_NO_DATE) {
        if (cl[a].lo == CORPUS_NO_DATE || cl[b].lo < cl[a].lo)
            cl[a].lo = cl[b].lo;
        if (cl[a].hi == CORPUS_NO_DATE || cl[b].hi > cl[a].hi)
            cl[a].hi = cl[b].hi;
    }
    if (!cl[a].story)
        cl[a].story = cl[b].story;
    name[b] = a;
}

/* Nodes of one kept story are one cluster from the start (named by the
 * lowest). */
static void merge_kept(nbmap *adj, clus *cl, size_t n, uint32_t *name)
{
    u64map first;
    map_init(&first, 64);
    for (size_t i = 0; i < n; i++) {
        if (!cl[i].story)
            continue;
        bool f;
        uint32_t *v = map_slot(&first, (uint64_t)cl[i].story, &f);
        if (!f)
            *v = (uint32_t)i;
        else
            merge(adj, cl, *v, (uint32_t)i, name);
    }
    map_free(&first);
    /* a kept story's articles not given count as dissimilar to all (as
     * pairs without an edge do) */
    for (size_t i = 0; i < n; i++)
        if (name[i] == i && cl[i].story && cl[i].story_size > cl[i].size)
            cl[i].size = cl[i].story_size;
}

/* Between an undated cluster and a dated one (a, b, similar on average
 * avg): is the undated one about as similar (UNDATED_RIVAL * avg or more)
 * to another dated cluster that no window could join to the first (a
 * report of the same kind of news in another year)?  Then its date is
 * in doubt, and it joins neither. */
static bool undated_torn(const nbmap *adj, const clus *cl, uint32_t a, uint32_t b, double avg,
                         int win)
{
    uint32_t u = cl[a].lo == CORPUS_NO_DATE ? a : b, d = u == a ? b : a;
    for (size_t k = 0; k < adj[u].cap; k++) {
        uint32_t o = adj[u].k[k];
        if (o == NB_EMPTY || o == d || cl[o].lo == CORPUS_NO_DATE || dates_fit(&cl[o], &cl[d], win))
            continue;
        if (adj[u].v[k] / ((double)cl[u].size * cl[o].size) >= UNDATED_RIVAL * avg)
            return true;
    }
    return false;
}

static void average_link(nbmap *adj, clus *cl, size_t n, double thr, int win, uint32_t *name)
{
    heap h = {0};
    for (size_t i = 0; i < n; i++)
        name[i] = (uint32_t)i;
    merge_kept(adj, cl, n, name);
    for (size_t i = 0; i < n; i++)
        if (name[i] == i)
            push_pairs(&h, adj, cl, (uint32_t)i, true);
    while (h.n) {
        cand c = heap_pop(&h);
        if (c.avg < thr)
            break;
        uint32_t a = c.a, b = c.b;
        if (name[a] != a || name[b] != b)
            continue; /* merged away */
        double sum;
        if (!nb_get(&adj[a], b, &sum) || sum / ((double)cl[a].size * cl[b].size) != c.avg)
            continue; /* stale */
        if (!dates_fit(&cl[a], &cl[b], win))
            continue;
        if ((cl[a].lo == CORPUS_NO_DATE) != (cl[b].lo == CORPUS_NO_DATE) &&
            c.avg < UNDATED_MIN && undated_torn(adj, cl, a, b, c.avg, win))
            continue;
        if (cl[a].story && cl[b].story && cl[a].story != cl[b].story)
            continue; /* two kept stories stay two */
        merge(adj, cl, a, b, name);
        push_pairs(&h, adj, cl, a, false);
    }
    free(h.v);
    /* path compression: every node to its final cluster */
    for (size_t i = 0; i < n; i++) {
        uint32_t r = (uint32_t)i;
        while (name[r] != r)
            r = name[r];
        name[i] = r;
    }
}

/* The second pass, over one group of similar nodes (mem[0..m), ascending):
 * terms most of the group shares say what kind of news it is (a rehab, a
 * piracy attack); terms only part of it shares (names, numbers, places,
 * dates) say which one.  Each weight is multiplied by the term's rarity
 * inside the group, log((articles + 1) / df), and the group is cut in two
 * (each node to the side its articles are more similar to on average, from
 * the least similar pair, until stable).  The cut stands when the two sides
 * are each much more alike inside than across (SPLIT_RATIO); then each side
 * is tried again.  A node of several near-duplicates counts as that many
 * articles, alike (similarity 1) among themselves.  name[] receives each
 * member's cluster (a node). */
static void split_group(const docvec *dv, const uint64_t *sh, const nodes *nd,
                        const uint8_t *kept, uint32_t *mem, size_t m, int depth, uint32_t *name)
{
    const uint32_t *w = nd->w;
    size_t total = 0;
    for (size_t k = 0; k < m; k++)
        total += w[mem[k]];
    bool any_kept = false;
    for (size_t k = 0; k < m && !any_kept; k++)
        any_kept = kept[mem[k]];
    if (m < 2 || total < SPLIT_MIN || m > (any_kept ? SPLIT_KEPT_MAX : SPLIT_MAX) ||
        depth > SPLIT_DEPTH)
        return;
    u64map ldf;
    map_init(&ldf, 256);
    for (size_t k = 0; k < m; k++) {
        const docvec *d = &dv[nd->rep[mem[k]]];
        for (size_t q = 0; q < d->n; q++) {
            bool f;
            *map_slot(&ldf, d->v[q].t, &f) += w[mem[k]];
        }
    }
    docvec *lv = rift_xmalloc(m * sizeof *lv);
    for (size_t k = 0; k < m; k++) {
        const docvec *d = &dv[nd->rep[mem[k]]];
        lv[k].v = rift_xmalloc((d->n + 1) * sizeof *lv[k].v);
        lv[k].n = 0;
        double s2 = 0;
        for (size_t q = 0; q < d->n; q++) {
            uint32_t df = 1;
            map_get(&ldf, d->v[q].t, &df);
            double wt = d->v[q].w * log((double)(total + 1) / df);
            if (wt <= 0)
                continue;
            lv[k].v[lv[k].n++] = (term){d->v[q].t, (float)wt};
            s2 += wt * wt;
        }
        s2 = s2 > 0 ? sqrt(s2) : 1;
        for (size_t q = 0; q < lv[k].n; q++)
            lv[k].v[q].w = (float)(lv[k].v[q].w / s2);
        qsort(lv[k].v, lv[k].n, sizeof *lv[k].v, cmp_term_t);
    }
    map_free(&ldf);
    float *S = rift_xmalloc(m * m * sizeof *S);
    size_t sa = 0, sb = 1;
    for (size_t x = 0; x < m; x++) {
        S[x * m + x] = 1;
        for (size_t y = x + 1; y < m; y++) {
            double dot = 0;
            for (size_t p = 0, q = 0; p < lv[x].n && q < lv[y].n;) {
                if (lv[x].v[p].t < lv[y].v[q].t)
                    p++;
                else if (lv[x].v[p].t > lv[y].v[q].t)
                    q++;
                else
                    dot += (double)lv[x].v[p++].w * lv[y].v[q++].w;
            }
            if (near_dup(dv, sh, nd->rep[mem[x]], nd->rep[mem[y]]) && dot < NEAR_DUP_SIM)
                dot = NEAR_DUP_SIM;
            S[x * m + y] = S[y * m + x] = (float)dot;
            if (dot < S[sa * m + sb])
                sa = x, sb = y;
        }
    }
    for (size_t k = 0; k < m; k++)
        free(lv[k].v);
    free(lv);
    /* two sides from the least similar pair */
    uint8_t *side = rift_xmalloc(m), *nside = rift_xmalloc(m);
    for (size_t k = 0; k < m; k++)
        side[k] = S[k * m + sa] >= S[k * m + sb] ? 0 : 1;
    side[sa] = 0;
    side[sb] = 1;
    for (int round = 0; round < 20; round++) {
        size_t cnt[2] = {0, 0};
        for (size_t k = 0; k < m; k++)
            cnt[side[k]] += w[mem[k]];
        if (!cnt[0] || !cnt[1])
            break;
        for (size_t x = 0; x < m; x++) {
            double sum[2] = {0, 0};
            for (size_t y = 0; y < m; y++)
                if (y != x)
                    sum[side[y]] += w[mem[y]] * (double)S[x * m + y];
            if (w[mem[x]] > 1)
                sum[side[x]] += w[mem[x]] - 1;
            size_t c0 = cnt[0] - (side[x] == 0), c1 = cnt[1] - (side[x] == 1);
            double a0 = c0 ? sum[0] / c0 : 0, a1 = c1 ? sum[1] / c1 : 0;
            nside[x] = a0 >= a1 ? 0 : 1;
        }
        bool same = memcmp(side, nside, m) == 0;
        memcpy(side, nside, m);
        if (same)
            break;
    }
    double in[2] = {0, 0}, across = 0;
    size_t nin[2] = {0, 0}, nacross = 0, cnt[2] = {0, 0};
    for (size_t x = 0; x < m; x++) {
        size_t wx = w[mem[x]];
        cnt[side[x]] += wx;
        if (wx > 1) {
            in[side[x]] += (double)(wx * (wx - 1) / 2);
            nin[side[x]] += wx * (wx - 1) / 2;
        }
        for (size_t y = x + 1; y < m; y++) {
            size_t ww = wx * w[mem[y]];
            if (side[x] == side[y]) {
                in[side[x]] += ww * (double)S[x * m + y];
                nin[side[x]] += ww;
            } else {
                across += ww * (double)S[x * m + y];
                nacross += ww;
            }
        }
    }
    free(S);
    free(nside);
    double i0 = nin[0] ? in[0] / nin[0] : 1, i1 = nin[1] ? in[1] / nin[1] : 1;
    double ac = nacross ? across / nacross : 0;
    /* a kept story is not cut: its nodes must all fall on one side */
    bool kept_sides[2] = {false, false};
    for (size_t x = 0; x < m; x++)
        kept_sides[side[x]] = kept_sides[side[x]] || kept[mem[x]];
    if (cnt[0] >= 2 && cnt[1] >= 2 && ac < SPLIT_RATIO * (i0 < i1 ? i0 : i1) &&
        !(kept_sides[0] && kept_sides[1])) {
        /* accepted: each side its own cluster (named by its lowest member) */
        uint32_t *part = rift_xmalloc(m * sizeof *part);
        size_t n0 = 0;
        for (size_t k = 0; k < m; k++)
            if (side[k] == 0)
                part[n0++] = mem[k];
        size_t n1 = n0;
        for (size_t k = 0; k < m; k++)
            if (side[k] == 1)
                part[n1++] = mem[k];
        for (size_t k = 0; k < n0; k++)
            name[part[k]] = part[0];
        for (size_t k = n0; k < m; k++)
            name[part[k]] = part[n0];
        free(side);
        split_group(dv, sh, nd, kept, part, n0, depth + 1, name);
        split_group(dv, sh, nd, kept, part + n0, m - n0, depth + 1, name);
        free(part);
        return;
    }
    free(side);
}

/* The similarity graph over the nodes: cosine of every pair that shares a
 * term, by an inverted index filled in date order.  A posting list keeps
 * only the nodes within the time window of the one being added (a start
 * pointer moves past older ones), and a term in more than MAX_POSTINGS
 * articles adds nothing to any pair (its idf is near 0), so the cost is
 * about sum over terms of (postings in a window)^2, not n^2.  An edge holds
 * the similarity summed over the article pairs of its two nodes. */
static void build_graph(const docvec *dv, const uint64_t *sh, const dfs *df, const nodes *nd,
                        const uint8_t *kept, int win, nbmap *adj)
{
    typedef struct hit { uint32_t j; float w; } hit;
    /* per term: the nodes of new articles [0] and of kept stories [1] */
    typedef struct plist { RIFT_VEC(hit) at; size_t start; } plist;
    RIFT_VEC(plist) post = {0};
    u64map term_slot;
    map_init(&term_slot, 4096);
    double *acc = rift_xmalloc(nd->n * sizeof *acc);
    memset(acc, 0, nd->n * sizeof *acc);
    RIFT_VEC(uint32_t) touched = {0};
    for (size_t oi = 0; oi < nd->n; oi++) {
        uint32_t x = nd->order[oi];
        size_t i = nd->rep[x];
        int day = nd->lo[x];
        touched.n = 0;
        for (size_t k = 0; k < dv[i].n; k++) {
            if (df_get(df, dv[i].v[k].t) > MAX_POSTINGS)
                continue;
            bool f;
            uint32_t *slot = map_slot(&term_slot, dv[i].v[k].t, &f);
            if (!f) {
                plist empty = {{0}, 0};
                RIFT_VEC_PUSH(post, empty);
                RIFT_VEC_PUSH(post, empty);
                *slot = (uint32_t)post.n - 2;
            }
            /* kept stories never merge: a kept node meets new nodes only */
            for (int l = 0; l < (kept[x] ? 1 : 2); l++) {
                plist *p = &post.v[*slot + (uint32_t)l];
                if (day != CORPUS_NO_DATE)
                    while (p->start < p->at.n && nd->hi[p->at.v[p->start].j] != CORPUS_NO_DATE &&
                           nd->hi[p->at.v[p->start].j] < day - win)
                        p->start++;
                for (size_t q = p->start; q < p->at.n; q++) {
                    uint32_t j = p->at.v[q].j;
                    if (acc[j] == 0)
                        RIFT_VEC_PUSH(touched, j);
                    acc[j] += (double)dv[i].v[k].w * p->at.v[q].w;
                }
            }
            hit h = {x, dv[i].v[k].w};
            RIFT_VEC_PUSH(post.v[*slot + (kept[x] ? 1u : 0u)].at, h);
        }
        for (size_t t = 0; t < touched.n; t++) {
            uint32_t j = touched.v[t];
            double sim = acc[j];
            acc[j] = 0;
            if (near_dup(dv, sh, i, nd->rep[j]) && sim < NEAR_DUP_SIM)
                sim = NEAR_DUP_SIM;
            if (sim < EDGE_MIN)
                continue;
            sim *= (double)nd->w[x] * nd->w[j];
            nb_add(&adj[x], j, sim);
            nb_add(&adj[j], x, sim);
        }
    }
    for (size_t p = 0; p < post.n; p++)
        free(post.v[p].at.v);
    free(post.v);
    free(touched.v);
    free(acc);
    map_free(&term_slot);
}

/* The term counts of article a into d (sorted by term); words and tt are
 * scratch. */
static void count_terms(const corpus_article *a, hvec *words, hvec *tt, docvec *d)
{
    words->n = 0;
    each_word(a->text ? a->text : "", a->len, collect_word, words);
    for (int r = 0; r < TITLE_TF && a->title; r++)
        each_word(a->title, strlen(a->title), collect_word, words);
    tt->n = 0;
    time_terms(a->times, tt);
    for (int r = 0; r < TIME_TF; r++)
        for (size_t k = 0; k < tt->n; k++)
            RIFT_VEC_PUSH(*words, tt->v[k]);
    if (words->n) /* no words, no array: qsort wants one */
        qsort(words->v, words->n, sizeof *words->v, cmp_u64);
    size_t distinct = 0;
    for (size_t k = 0; k < words->n; k++)
        distinct += k == 0 || words->v[k] != words->v[k - 1];
    d->v = rift_xmalloc((distinct + a->n_actors + 1) * sizeof *d->v);
    d->n = 0;
    for (size_t k = 0; k < words->n;) {
        size_t j = k;
        while (j < words->n && words->v[j] == words->v[k])
            j++;
        d->v[d->n++] = (term){words->v[k], (float)(j - k)};
        k = j;
    }
    for (size_t k = 0; k < a->n_actors; k++) {
        uint64_t t = mix(0xac7025ULL ^ ((uint64_t)(uint32_t)a->actors[k] << 20)) | 1;
        d->v[d->n++] = (term){t, (float)ACTOR_TF};
    }
    if (a->n_actors)
        qsort(d->v, d->n, sizeof *d->v, cmp_term_t);
}

corpus_term *corpus_story_terms(const corpus_article *a, size_t *n)
{
    hvec words = {0}, tt = {0};
    docvec d;
    count_terms(a, &words, &tt, &d);
    free(words.v);
    free(tt.v);
    *n = d.n;
    return d.v;
}

corpus_term *corpus_story_top(const corpus_term *t, size_t n, const corpus_df *df, size_t max,
                              size_t *out)
{
    dfs D = {NULL, df, df->docs};
    term *w = rift_xmalloc((n + 1) * sizeof *w);
    for (size_t k = 0; k < n; k++)
        w[k] = (term){t[k].t, (float)tfidf(t[k].w, df_get(&D, t[k].t), D.docs)};
    if (n)
        qsort(w, n, sizeof *w, cmp_term_w);
    size_t m = n < max ? n : max;
    for (size_t k = 0; k < m; k++) { /* back to counts */
        term key = {w[k].t, 0};
        const term *c = bsearch(&key, t, n, sizeof *t, cmp_term_t);
        w[k].w = c ? c->w : 1;
    }
    *out = m;
    return w;
}

size_t corpus_cluster_stories(const corpus_article *a, size_t n,
                              const rift_story_options *opt, uint32_t *story_of)
{
    return corpus_cluster_stories_df(a, n, opt, NULL, story_of);
}

size_t corpus_cluster_stories_df(const corpus_article *a, size_t n,
                                 const rift_story_options *opt, const corpus_df *ext,
                                 uint32_t *story_of)
{
    if (!n)
        return 0;
    double thr = opt && opt->threshold > 0 ? opt->threshold : DEFAULT_THRESHOLD;
    int win = opt && opt->window_days > 0 ? opt->window_days : CORPUS_WINDOW_DAYS;

    /* term counts per article: words, title words, actors, time values */
    docvec *dv = rift_xmalloc(n * sizeof *dv);
    u64map df;
    map_init(&df, ext ? 1 : 1024);
    hvec words = {0}, tt = {0};
    for (size_t i = 0; i < n; i++) {
        if (a[i].terms) {
            dv[i].v = rift_xmalloc((a[i].n_terms + 1) * sizeof *dv[i].v);
            memcpy(dv[i].v, a[i].terms, a[i].n_terms * sizeof *dv[i].v);
            dv[i].n = a[i].n_terms;
        } else {
            count_terms(&a[i], &words, &tt, &dv[i]);
        }
        for (size_t k = 0; k < dv[i].n && !ext; k++) {
            bool f;
            uint32_t *c = map_slot(&df, dv[i].v[k].t, &f);
            (*c)++;
        }
    }
    free(words.v);
    free(tt.v);
    dfs D = {&df, ext, ext ? ext->docs : (long)n};
    /* TF-IDF weights, the heaviest TOP_TERMS kept, unit length */
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < dv[i].n; k++)
            dv[i].v[k].w = (float)tfidf(dv[i].v[k].w, df_get(&D, dv[i].v[k].t), D.docs);
        if (dv[i].n)
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

    uint64_t *sh = rift_xmalloc(n * sizeof *sh);
    for (size_t i = 0; i < n; i++)
        sh[i] = a[i].has_simhash ? a[i].simhash
                                 : corpus_simhash(a[i].text ? a[i].text : "", a[i].len);
    order_item *ord = rift_xmalloc(n * sizeof *ord);
    for (size_t i = 0; i < n; i++)
        ord[i] = (order_item){a[i].days, i};
    qsort(ord, n, sizeof *ord, cmp_order);
    /* near-duplicates are one node when they would join anyway (their
     * similarity, at least NEAR_DUP_SIM, reaches the threshold) */
    nodes nd;
    make_nodes(dv, sh, a, ord, n, win, thr <= NEAR_DUP_SIM, &nd);
    free(ord);
    size_t nn = nd.n;
    nbmap *adj = rift_xmalloc(nn * sizeof *adj);
    memset(adj, 0, nn * sizeof *adj);
    uint8_t *kept = rift_xmalloc(nn + 1);
    for (size_t x = 0; x < nn; x++)
        kept[x] = a[nd.rep[x]].story != 0;
    build_graph(dv, sh, &D, &nd, kept, win, adj);
    map_free(&df);
    clus *cl = rift_xmalloc(nn * sizeof *cl);
    for (size_t x = 0; x < nn; x++)
        cl[x] = (clus){nd.w[x], nd.lo[x], nd.hi[x], a[nd.rep[x]].story,
                       (uint32_t)a[nd.rep[x]].story_size};
    uint32_t *name = rift_xmalloc(nn * sizeof *name);
    average_link(adj, cl, nn, thr, win, name);
    free(cl);
    for (size_t x = 0; x < nn; x++)
        nb_free(&adj[x]);
    free(adj);
    /* second pass: each group split by what only part of it shares (new
     * articles may leave a kept story they joined, never the reverse) */
    {
        uint32_t *mem = rift_xmalloc(nn * sizeof *mem);
        uint32_t *first = rift_xmalloc(nn * sizeof *first), *nextm = rift_xmalloc(nn * sizeof *nextm);
        for (size_t x = 0; x < nn; x++)
            first[x] = UINT32_MAX;
        for (size_t x = nn; x-- > 0;) {
            nextm[x] = first[name[x]];
            first[name[x]] = (uint32_t)x;
        }
        for (size_t g = 0; g < nn; g++) {
            if (first[g] == UINT32_MAX)
                continue;
            size_t m = 0;
            for (uint32_t k = first[g]; k != UINT32_MAX; k = nextm[k])
                mem[m++] = k;
            split_group(dv, sh, &nd, kept, mem, m, 0, name);
        }
        free(kept);
        free(mem);
        free(first);
        free(nextm);
    }

    /* renumber stories by their first article in row order */
    uint32_t *ren = rift_xmalloc(nn * sizeof *ren);
    for (size_t s = 0; s < nn; s++)
        ren[s] = UINT32_MAX;
    uint32_t next = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t g = name[nd.of[i]];
        if (ren[g] == UINT32_MAX)
            ren[g] = next++;
        story_of[i] = ren[g];
    }
    free(ren);
    free(name);
    free_nodes(&nd);
    free(sh);
    for (size_t i = 0; i < n; i++)
        free(dv[i].v);
    free(dv);
    return next;
}
