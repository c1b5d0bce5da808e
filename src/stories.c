/* stories.c: groups the articles of a corpus into stories (the same news
 * told by several outlets on several days): average-link agglomerative
 * clustering over the cosine of TF-IDF vectors of words, actors and the
 * dates named in the text, near-duplicates by SimHash, within a time
 * window.  Works on plain arrays (store.c loads and saves them); never sees
 * SQL, never prints.
 *
 * Deterministic: every tie is broken by the lower article index.  Cost:
 * pairs come from an inverted index over each article's TOP_TERMS heaviest
 * terms, restricted to the time window, so about sum over terms of
 * (articles holding it within a window)^2; the agglomeration is about
 * E log E for E similar pairs (plus neighbour-list updates).
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
#define SPLIT_DEPTH 0        /* cuts of a side already cut (0: one cut per group) */
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

/* ---- average-link agglomeration over a sparse similarity graph ---------- */

typedef struct nb { uint32_t c; double sum; } nb;      /* neighbour, summed similarity */
typedef RIFT_VEC(nb) nbvec;
typedef struct cand { double avg; uint32_t a, b; } cand; /* a < b */
typedef RIFT_VEC(cand) heap;

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

/* index of c in the sorted list, or where it would go */
static size_t nb_find(const nbvec *v, uint32_t c, bool *found)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->v[mid].c < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < v->n && v->v[lo].c == c;
    return lo;
}

static void nb_add(nbvec *v, uint32_t c, double s)
{
    bool f;
    size_t k = nb_find(v, c, &f);
    if (f) {
        v->v[k].sum += s;
        return;
    }
    nb empty = {0, 0};
    RIFT_VEC_PUSH(*v, empty);
    memmove(v->v + k + 1, v->v + k, (v->n - 1 - k) * sizeof *v->v);
    v->v[k] = (nb){c, s};
}

static double nb_take(nbvec *v, uint32_t c)
{
    bool f;
    size_t k = nb_find(v, c, &f);
    if (!f)
        return 0;
    double s = v->v[k].sum;
    memmove(v->v + k, v->v + k + 1, (v->n - k - 1) * sizeof *v->v);
    v->n--;
    return s;
}

typedef struct clus {
    uint32_t size;
    int lo, hi;     /* date range, CORPUS_NO_DATE when undated */
} clus;

static bool dates_fit(const clus *x, const clus *y, int win)
{
    if (x->lo == CORPUS_NO_DATE || y->lo == CORPUS_NO_DATE)
        return true;
    return y->lo <= x->hi + win && x->lo <= y->hi + win;
}

static void push_pairs(heap *h, const nbvec *adj, const clus *cl, uint32_t a)
{
    for (size_t k = 0; k < adj[a].n; k++) {
        uint32_t c = adj[a].v[k].c;
        double avg = adj[a].v[k].sum / ((double)cl[a].size * cl[c].size);
        heap_push(h, (cand){avg, a < c ? a : c, a < c ? c : a});
    }
}

/* Merges clusters, most similar pair first, while the average similarity
 * of their article pairs (pairs without an edge count 0) is at least thr.
 * Clusters are named by their lowest article index; parent[] receives the
 * final name of each article's cluster. */
static void average_link(nbvec *adj, clus *cl, size_t n, double thr, int win, uint32_t *name)
{
    heap h = {0};
    for (size_t i = 0; i < n; i++) {
        name[i] = (uint32_t)i;
        for (size_t k = 0; k < adj[i].n; k++)
            if (adj[i].v[k].c > i)
                heap_push(&h, (cand){adj[i].v[k].sum, (uint32_t)i, adj[i].v[k].c});
    }
    while (h.n) {
        cand c = heap_pop(&h);
        if (c.avg < thr)
            break;
        uint32_t a = c.a, b = c.b;
        if (name[a] != a || name[b] != b)
            continue; /* merged away */
        bool f;
        size_t k = nb_find(&adj[a], b, &f);
        if (!f || adj[a].v[k].sum / ((double)cl[a].size * cl[b].size) != c.avg)
            continue; /* stale */
        if (!dates_fit(&cl[a], &cl[b], win))
            continue;
        /* b into a */
        nb_take(&adj[a], b);
        nb_take(&adj[b], a);
        for (size_t q = 0; q < adj[b].n; q++) {
            uint32_t o = adj[b].v[q].c;
            double s = adj[b].v[q].sum;
            nb_add(&adj[a], o, s);
            nb_take(&adj[o], b);
            nb_add(&adj[o], a, s);
        }
        free(adj[b].v);
        adj[b] = (nbvec){0};
        cl[a].size += cl[b].size;
        if (cl[b].lo != CORPUS_NO_DATE) {
            if (cl[a].lo == CORPUS_NO_DATE || cl[b].lo < cl[a].lo)
                cl[a].lo = cl[b].lo;
            if (cl[a].hi == CORPUS_NO_DATE || cl[b].hi > cl[a].hi)
                cl[a].hi = cl[b].hi;
        }
        name[b] = a;
        push_pairs(&h, adj, cl, a);
    }
    free(h.v);
    /* path compression: every article to its final cluster */
    for (size_t i = 0; i < n; i++) {
        uint32_t r = (uint32_t)i;
        while (name[r] != r)
            r = name[r];
        name[i] = r;
    }
}

static int cmp_term_t(const void *a, const void *b)
{
    const term *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

/* The second pass, over one group of similar articles (mem[0..m), article
 * indices ascending): terms most of the group shares say what kind of news
 * it is (a rehab, a piracy attack); terms only part of it shares (names,
 * numbers, places, dates) say which one.  Each weight is multiplied by the
 * term's rarity inside the group, log((m + 1) / df), and the group is cut
 * in two (each article to the side it is more similar to on average, from
 * the least similar pair, until stable).  The cut stands when the two sides
 * are each much more alike inside than across (SPLIT_RATIO); then each side
 * is tried again.  name[] receives each member's cluster (an article
 * index). */
static void split_group(const docvec *dv, const uint64_t *sh, uint32_t *mem, size_t m,
                        int depth, uint32_t *name)
{
    if (m < SPLIT_MIN || m > SPLIT_MAX || depth > SPLIT_DEPTH)
        return;
    u64map ldf;
    map_init(&ldf, 256);
    for (size_t k = 0; k < m; k++)
        for (size_t q = 0; q < dv[mem[k]].n; q++) {
            bool f;
            (*map_slot(&ldf, dv[mem[k]].v[q].t, &f))++;
        }
    docvec *lv = rift_xmalloc(m * sizeof *lv);
    for (size_t k = 0; k < m; k++) {
        const docvec *d = &dv[mem[k]];
        lv[k].v = rift_xmalloc((d->n + 1) * sizeof *lv[k].v);
        lv[k].n = 0;
        double s2 = 0;
        for (size_t q = 0; q < d->n; q++) {
            uint32_t df = 1;
            map_get(&ldf, d->v[q].t, &df);
            double w = d->v[q].w * log((double)(m + 1) / df);
            if (w <= 0)
                continue;
            lv[k].v[lv[k].n++] = (term){d->v[q].t, (float)w};
            s2 += w * w;
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
            if (__builtin_popcountll(sh[mem[x]] ^ sh[mem[y]]) <= 3 && dv[mem[x]].n >= 8 &&
                dv[mem[y]].n >= 8 && dot < NEAR_DUP_SIM)
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
            cnt[side[k]]++;
        if (!cnt[0] || !cnt[1])
            break;
        for (size_t x = 0; x < m; x++) {
            double sum[2] = {0, 0};
            for (size_t y = 0; y < m; y++)
                if (y != x)
                    sum[side[y]] += S[x * m + y];
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
        cnt[side[x]]++;
        for (size_t y = x + 1; y < m; y++) {
            if (side[x] == side[y]) {
                in[side[x]] += S[x * m + y];
                nin[side[x]]++;
            } else {
                across += S[x * m + y];
                nacross++;
            }
        }
    }
    free(S);
    free(nside);
    double i0 = nin[0] ? in[0] / nin[0] : 1, i1 = nin[1] ? in[1] / nin[1] : 1;
    double ac = nacross ? across / nacross : 0;
    if (cnt[0] >= 2 && cnt[1] >= 2 && ac < SPLIT_RATIO * (i0 < i1 ? i0 : i1)) {
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
        split_group(dv, sh, part, n0, depth + 1, name);
        split_group(dv, sh, part + n0, m - n0, depth + 1, name);
        free(part);
        return;
    }
    free(side);
}

size_t corpus_cluster_stories(const corpus_article *a, size_t n,
                              const rift_story_options *opt, uint32_t *story_of)
{
    if (!n)
        return 0;
    double thr = opt && opt->threshold > 0 ? opt->threshold : DEFAULT_THRESHOLD;
    int win = opt && opt->window_days > 0 ? opt->window_days : DEFAULT_WINDOW;

    /* term counts per article: words, title words, actors, time values */
    docvec *dv = rift_xmalloc(n * sizeof *dv);
    u64map df;
    map_init(&df, 1024);
    hvec words = {0}, tt = {0};
    for (size_t i = 0; i < n; i++) {
        words.n = 0;
        each_word(a[i].text ? a[i].text : "", a[i].len, collect_word, &words);
        for (int r = 0; r < TITLE_TF && a[i].title; r++)
            each_word(a[i].title, strlen(a[i].title), collect_word, &words);
        tt.n = 0;
        time_terms(a[i].times, &tt);
        for (int r = 0; r < TIME_TF; r++)
            for (size_t k = 0; k < tt.n; k++)
                RIFT_VEC_PUSH(words, tt.v[k]);
        if (words.n) /* no words, no array: qsort wants one */
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
    free(tt.v);
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

    uint64_t *sh = rift_xmalloc(n * sizeof *sh);
    for (size_t i = 0; i < n; i++)
        sh[i] = a[i].has_simhash ? a[i].simhash
                                 : corpus_simhash(a[i].text ? a[i].text : "", a[i].len);

    /* the similarity graph: cosine of every pair that shares a term, by an
     * inverted index filled in date order.  A posting list keeps only the
     * articles within the time window of the one being added (a start
     * pointer moves past older ones), and a term in more than MAX_POSTINGS
     * articles adds nothing to any pair (its idf is near 0), so the cost is
     * about sum over terms of (postings in a window)^2, not n^2. */
    order_item *ord = rift_xmalloc(n * sizeof *ord);
    for (size_t i = 0; i < n; i++)
        ord[i] = (order_item){a[i].days, i};
    qsort(ord, n, sizeof *ord, cmp_order);
    typedef struct hit { uint32_t j; float w; } hit;
    typedef struct plist { RIFT_VEC(hit) at; size_t start; } plist;
    RIFT_VEC(plist) post = {0};
    u64map term_slot;
    map_init(&term_slot, 4096);
    double *acc = rift_xmalloc(n * sizeof *acc);
    memset(acc, 0, n * sizeof *acc);
    RIFT_VEC(uint32_t) touched = {0};
    nbvec *adj = rift_xmalloc(n * sizeof *adj);
    memset(adj, 0, n * sizeof *adj);
    for (size_t oi = 0; oi < n; oi++) {
        size_t i = ord[oi].i;
        int day = a[i].days;
        touched.n = 0;
        for (size_t k = 0; k < dv[i].n; k++) {
            uint32_t d = 0;
            map_get(&df, dv[i].v[k].t, &d);
            if (d > MAX_POSTINGS)
                continue;
            bool f;
            uint32_t *slot = map_slot(&term_slot, dv[i].v[k].t, &f);
            if (!f) {
                plist empty = {{0}, 0};
                RIFT_VEC_PUSH(post, empty);
                *slot = (uint32_t)post.n - 1;
            }
            plist *p = &post.v[*slot];
            if (day != CORPUS_NO_DATE)
                while (p->start < p->at.n && a[p->at.v[p->start].j].days != CORPUS_NO_DATE &&
                       a[p->at.v[p->start].j].days < day - win)
                    p->start++;
            for (size_t q = p->start; q < p->at.n; q++) {
                uint32_t j = p->at.v[q].j;
                if (acc[j] == 0)
                    RIFT_VEC_PUSH(touched, j);
                acc[j] += (double)dv[i].v[k].w * p->at.v[q].w;
            }
            hit h = {(uint32_t)i, dv[i].v[k].w};
            RIFT_VEC_PUSH(p->at, h);
        }
        for (size_t t = 0; t < touched.n; t++) {
            uint32_t j = touched.v[t];
            double sim = acc[j];
            acc[j] = 0;
            if (__builtin_popcountll(sh[i] ^ sh[j]) <= 3 && dv[i].n >= 8 && dv[j].n >= 8 &&
                sim < NEAR_DUP_SIM)
                sim = NEAR_DUP_SIM;
            if (sim < EDGE_MIN)
                continue;
            nb_add(&adj[i], j, sim);
            nb_add(&adj[j], (uint32_t)i, sim);
        }
    }
    clus *cl = rift_xmalloc(n * sizeof *cl);
    for (size_t i = 0; i < n; i++)
        cl[i] = (clus){1, a[i].days, a[i].days};
    uint32_t *name = rift_xmalloc(n * sizeof *name);
    average_link(adj, cl, n, thr, win, name);
    /* second pass: each group split by what only part of it shares */
    {
        uint32_t *mem = rift_xmalloc(n * sizeof *mem);
        uint32_t *first = rift_xmalloc(n * sizeof *first), *nextm = rift_xmalloc(n * sizeof *nextm);
        for (size_t i = 0; i < n; i++)
            first[i] = UINT32_MAX;
        for (size_t i = n; i-- > 0;) {
            nextm[i] = first[name[i]];
            first[name[i]] = (uint32_t)i;
        }
        for (size_t g = 0; g < n; g++) {
            if (first[g] == UINT32_MAX)
                continue;
            size_t m = 0;
            for (uint32_t k = first[g]; k != UINT32_MAX; k = nextm[k])
                mem[m++] = k;
            if (m >= SPLIT_MIN && m <= SPLIT_MAX)
                split_group(dv, sh, mem, m, 0, name);
        }
        free(mem);
        free(first);
        free(nextm);
    }

    /* renumber stories by their first article in row order */
    uint32_t *ren = rift_xmalloc(n * sizeof *ren);
    for (size_t s = 0; s < n; s++)
        ren[s] = UINT32_MAX;
    uint32_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (ren[name[i]] == UINT32_MAX)
            ren[name[i]] = next++;
        story_of[i] = ren[name[i]];
    }
    free(ren);
    free(name);
    free(cl);
    for (size_t i = 0; i < n; i++)
        free(adj[i].v);
    free(adj);
    for (size_t p = 0; p < post.n; p++)
        free(post.v[p].at.v);
    free(post.v);
    free(touched.v);
    free(acc);
    map_free(&term_slot);
    map_free(&df);
    free(ord);
    free(sh);
    for (size_t i = 0; i < n; i++)
        free(dv[i].v);
    free(dv);
    return next;
}
