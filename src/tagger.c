/* tagger.c: the part-of-speech tagger: a greedy left-to-right averaged
 * perceptron over hashed features predicting joint (UPOS, XPOS) classes.
 */
#include "tagger_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tg_pair {
    uint16_t cls;
    int16_t w;
} tg_pair;

struct rift_tagger {
    uint32_t ncls, nslots, mask, npairs, ndense, npad, nsets;
    uint8_t upos[TG_MAX_CLASSES], xpos[TG_MAX_CLASSES];
    uint32_t *slots;        /* 2 x nslots: key, start<<8 | count */
    tg_pair *pairs;
    int32_t *dense;         /* ndense x npad, widened from the file's i16 */
    uint8_t *sets;          /* nsets x TG_SET: count, classes */
};

static rift_status fail(char *err, size_t errn, const char *path,
                        const char *why, rift_status st)
{
    if (err && errn)
        snprintf(err, errn, "%s: %s", path, why);
    return st;
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

void rift_tagger_free(rift_tagger *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t->pairs);
    free(t->dense);
    free(t->sets);
    free(t);
}

static bool read_all(FILE *f, void *p, size_t n)
{
    return fread(p, 1, n, f) == n;
}

rift_status rift_tagger_load(const char *path, rift_tagger **out,
                             char *err, size_t errn)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, errn, path, strerror(errno), RIFT_EIO);
    unsigned char h[TG_HEADER];
    rift_status st = RIFT_EFORMAT;
    const char *why = "truncated file";
    rift_tagger *t = rift_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    if (!read_all(f, h, sizeof h))
        goto bad;
    why = "not a rift tagger model";
    if (memcmp(h, TG_MAGIC, 8) != 0 || rd32(h + 8) != TG_VERSION)
        goto bad;
    t->ncls = rd32(h + 12);
    t->nslots = rd32(h + 16);
    t->npairs = rd32(h + 20);
    t->ndense = rd32(h + 28);
    t->nsets = rd32(h + 32);
    why = "bad sizes";
    if (t->ncls == 0 || t->ncls > TG_MAX_CLASSES || t->nslots == 0 ||
        (t->nslots & (t->nslots - 1)) || t->nslots > (1u << 26) ||
        t->npairs > (1u << 24) || t->ndense > (1u << 20) || t->nsets > 0xFFFFu ||
        rd32(h + 36) != 0)
        goto bad;
    t->npad = TG_PAD(t->ncls);
    /* the sizes must add up to the file's before anything is allocated */
    uint64_t want = TG_HEADER + 2 * (uint64_t)t->ncls + 8 * (uint64_t)t->nslots +
                    4 * (uint64_t)t->npairs + 2 * (uint64_t)t->ndense * t->npad +
                    (uint64_t)TG_SET * t->nsets;
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size < 0 || fseek(f, TG_HEADER, SEEK_SET) != 0)
        goto bad;
    why = (uint64_t)size < want ? "truncated file" : "trailing bytes";
    if ((uint64_t)size != want)
        goto bad;
    t->mask = t->nslots - 1;
    unsigned char cls[2 * TG_MAX_CLASSES];
    why = "truncated file";
    if (!read_all(f, cls, 2 * t->ncls))
        goto bad;
    for (uint32_t c = 0; c < t->ncls; c++) {
        t->upos[c] = cls[2 * c];
        t->xpos[c] = cls[2 * c + 1];
        if (t->upos[c] >= RIFT_N_UPOS || t->xpos[c] >= RIFT_N_XPOS) {
            why = "bad class";
            goto bad;
        }
    }
    t->slots = rift_xmalloc((size_t)t->nslots * 2 * sizeof(uint32_t));
    t->pairs = rift_xmalloc(((size_t)t->npairs + 1) * sizeof(tg_pair));
    size_t nd = (size_t)t->ndense * t->npad;
    t->dense = rift_xmalloc((nd + 1) * sizeof(int32_t));
    t->sets = rift_xmalloc((size_t)t->nsets * TG_SET + 1);
    int16_t *d16 = rift_xmalloc((nd + 1) * sizeof(int16_t));
    bool ok = read_all(f, t->slots, (size_t)t->nslots * 2 * sizeof(uint32_t)) &&
              read_all(f, t->pairs, (size_t)t->npairs * sizeof(tg_pair)) &&
              read_all(f, d16, nd * sizeof(int16_t)) &&
              read_all(f, t->sets, (size_t)t->nsets * TG_SET);
    /* widened: int32 sums need no conversion; the pads 0 */
    for (size_t k = 0; ok && k < nd; k++)
        t->dense[k] = k % t->npad < t->ncls ? d16[k] : 0;
    free(d16);
    if (!ok)
        goto bad;
    if (fgetc(f) != EOF) {
        why = "trailing bytes";
        goto bad;
    }
    why = "bad feature table";
    uint32_t used = 0;
    for (uint32_t s = 0; s < t->nslots; s++) {
        uint32_t key = t->slots[2 * s], v = t->slots[2 * s + 1];
        if (!key)
            continue;
        used++;
        uint32_t start = v >> 8, cnt = v & 0xFF;
        if (cnt == 0 ? (start & 0xFF) > t->ncls
            : cnt == TG_DENSE ? start >= t->ndense
                              : (uint64_t)start + cnt > t->npairs)
            goto bad;
    }
    if (used >= t->nslots) /* a lookup of an absent key must end */
        goto bad;
    for (uint32_t p = 0; p < t->npairs; p++)
        if (t->pairs[p].cls >= t->ncls)
            goto bad;
    why = "bad candidate set";
    for (uint32_t k = 0; k < t->nsets; k++) {
        const uint8_t *x = t->sets + (size_t)k * TG_SET;
        if (x[0] < 1 || x[0] >= TG_SET)
            goto bad;
        for (int j = 1; j <= x[0]; j++)
            if (x[j] >= t->ncls)
                goto bad;
    }
    fclose(f);
    *out = t;
    return RIFT_OK;
bad:
    fclose(f);
    rift_tagger_free(t);
    return fail(err, errn, path, why, st);
}

/* the value of feature h, or 0 when absent */
static inline uint32_t lookup(const rift_tagger *t, uint64_t h)
{
    uint32_t key = (uint32_t)(h >> 32) | 1u;
    for (uint32_t s = (uint32_t)h & t->mask;; s = (s + 1) & t->mask) {
        uint32_t k = t->slots[2 * s];
        if (k == key)
            return t->slots[2 * s + 1];
        if (k == 0)
            return 0;
    }
}

/* The static features of a word in flight: hashed and prefetched (stage
 * 1), then looked up with their pairs prefetched (stage 2), then summed
 * with the features of the tags before it (stage 3).  Three words are in
 * flight at once so that their cache misses overlap. */
typedef struct flight {
    uint64_t f[TG_MAX_STATIC];
    uint32_t v[TG_MAX_STATIC];
    size_t nf;
} flight;

static void stage1(const rift_tagger *t, const tg_tok *tok, size_t n, size_t i,
                   flight *fl)
{
    fl->nf = 0;
    if (i >= n || (tok[i].fixed >= 0 && (uint32_t)tok[i].fixed < t->ncls))
        return;
    fl->nf = tg_static_features(tok, n, i, fl->f);
    for (size_t k = 0; k < fl->nf; k++)
        __builtin_prefetch(&t->slots[2 * ((uint32_t)fl->f[k] & t->mask)]);
}

static void stage2(const rift_tagger *t, flight *fl)
{
    for (size_t k = 0; k < fl->nf; k++) {
        uint32_t v = fl->v[k] = lookup(t, fl->f[k]);
        if ((v & 0xFF) == TG_DENSE)
            __builtin_prefetch(t->dense + (size_t)(v >> 8) * t->npad);
        else
            __builtin_prefetch(t->pairs + (v >> 8));
    }
}

/* Adds the dense rows to score (which holds the sums of the sparse
 * features) and returns the first class with the highest score; one block
 * of 8 classes at a time so that the sums stay in registers (the loops
 * vectorise).  The rows are 0 at the pads. */
static int dense_best(int32_t *restrict score, const int32_t *const *rows,
                      size_t nr, uint32_t ncls, uint32_t npad)
{
    for (uint32_t c = ncls; c < npad; c++)
        score[c] = INT32_MIN;
    int32_t m[8];
    for (int j = 0; j < 8; j++)
        m[j] = INT32_MIN;
    for (uint32_t c = 0; c < npad; c += 8) {
        int32_t acc[8];
        memcpy(acc, score + c, sizeof acc);
        for (size_t k = 0; k < nr; k++) {
            const int32_t *r = rows[k] + c;
            for (int j = 0; j < 8; j++)
                acc[j] += r[j];
        }
        memcpy(score + c, acc, sizeof acc);
        for (int j = 0; j < 8; j++)
            m[j] = acc[j] > m[j] ? acc[j] : m[j];
    }
    int32_t b = m[0];
    for (int j = 1; j < 8; j++)
        b = m[j] > b ? m[j] : b;
    for (uint32_t c = 0; c < ncls; c++)
        if (score[c] == b)
            return (int)c;
    return 0;
}

/* the best of the classes of a candidate set: score (sparse features)
 * plus the dense rows */
static int best_of_set(const uint8_t *set, const int32_t *score,
                       const int32_t *const *rows, size_t nr)
{
    int best = set[1];
    int32_t bv = INT32_MIN;
    for (int j = 1; j <= set[0]; j++) {
        int c = set[j];
        int32_t v = score[c];
        for (size_t k = 0; k < nr; k++)
            v += rows[k][c];
        if (v > bv) {
            bv = v;
            best = c;
        }
    }
    return best;
}

/* adds the sparse feature with value v (dense rows are summed apart) */
static inline void add_sparse(const rift_tagger *t, uint32_t v, int32_t *score)
{
    if ((v & 0xFF) == TG_DENSE)
        return;
    const tg_pair *p = t->pairs + (v >> 8);
    for (uint32_t c = v & 0xFF; c; c--, p++)
        score[p->cls] += p->w;
}

void rift_tagger_tag(const rift_tagger *t, rift_sw *w, size_t n,
                     rift_arena *scratch)
{
    if (n == 0)
        return;
    tg_tok buf[128];
    tg_tok *tok = buf;
    tg_tok *heap = NULL;
    if (n > 128) {
        if (scratch)
            tok = rift_arena_alloc_raw(scratch, n * sizeof *tok);
        else
            tok = heap = rift_xmalloc(n * sizeof *tok);
    }
    tg_prepare(w, n, tok);
    for (size_t i = 0; i < n; i++) {
        tok[i].amb = tg_mix(TG_DICT_ID, tok[i].lw);    /* for now: the keys */
        tok[i].ambc = tg_mix(TG_CDICT_ID, tok[i].cw);
        tok[i].setk = tg_mix(TG_SET_ID, tok[i].lw);
        __builtin_prefetch(&t->slots[2 * ((uint32_t)tok[i].amb & t->mask)]);
        __builtin_prefetch(&t->slots[2 * ((uint32_t)tok[i].ambc & t->mask)]);
        __builtin_prefetch(&t->slots[2 * ((uint32_t)tok[i].setk & t->mask)]);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t d = lookup(t, tok[i].amb);
        tok[i].amb = 0;
        if (d && (d & 0xFF) == 0) {
            tok[i].amb = d >> 16;
            tok[i].fixed = (int)((d >> 8) & 0xFF) - 1;
        }
        d = lookup(t, tok[i].ambc);
        tok[i].ambc = d && (d & 0xFF) == 0 ? d >> 16 : 0;
        if (tok[i].fixed < 0 && tok[i].amb) {
            d = lookup(t, tok[i].setk);
            if (d && (d & 0xFFFF) == 0 && (d >> 16) < t->nsets)
                tok[i].cand = (int)(d >> 16);
        }
    }
    int32_t score[TG_PAD(TG_MAX_CLASSES)];
    uint64_t f[TG_MAX_FEATS];
    flight fl[3];
    int p1 = -1, p2 = -1;
    uint64_t lastv = 0;
    size_t lastv_at = 0;
    stage1(t, tok, n, 0, &fl[0]);
    stage1(t, tok, n, 1, &fl[1]);
    stage2(t, &fl[0]);
    for (size_t i = 0; i < n; i++) {
        stage1(t, tok, n, i + 2, &fl[(i + 2) % 3]);
        stage2(t, &fl[(i + 1) % 3]);
        int best = tok[i].fixed;
        if (best < 0 || (uint32_t)best >= t->ncls) {
            const flight *x = &fl[i % 3];
            size_t nf = tg_dynamic_features(tok, n, i, p1, p2,
                                            i - lastv_at <= TG_LASTV_SPAN ? lastv : 0, f);
            /* their misses overlap with the sum of the static features */
            for (size_t k = 0; k < nf; k++)
                __builtin_prefetch(&t->slots[2 * ((uint32_t)f[k] & t->mask)]);
            const int32_t *rows[TG_MAX_FEATS];
            size_t nr = 0;
            for (size_t k = 0; k < x->nf; k++)
                if ((x->v[k] & 0xFF) == TG_DENSE)
                    rows[nr++] = t->dense + (size_t)(x->v[k] >> 8) * t->npad;
            uint32_t dv[TG_MAX_FEATS];
            for (size_t k = 0; k < nf; k++) {
                dv[k] = lookup(t, f[k]);
                if ((dv[k] & 0xFF) == TG_DENSE)
                    rows[nr++] = t->dense + (size_t)(dv[k] >> 8) * t->npad;
            }
            memset(score, 0, t->npad * sizeof *score);
            for (size_t k = 0; k < x->nf; k++)
                add_sparse(t, x->v[k], score);
            for (size_t k = 0; k < nf; k++)
                add_sparse(t, dv[k], score);
            if (tok[i].cand >= 0)
                best = best_of_set(t->sets + (size_t)tok[i].cand * TG_SET, score,
                                   rows, nr);
            else
                best = dense_best(score, rows, nr, t->ncls, t->npad);
        }
        w[i].upos = t->upos[best];
        w[i].xpos = t->xpos[best];
        if (w[i].upos == RIFT_UPOS_VERB || w[i].upos == RIFT_UPOS_AUX) {
            lastv = tg_lastv(best, &tok[i]);
            lastv_at = i;
        }
        p2 = p1;
        p1 = best;
    }
    free(heap);
}
