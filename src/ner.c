/* ner.c: the name recogniser's model: loads data/en/ner.bin and labels a
 * sentence's words with BILOU name labels, greedy left to right.
 */
#include "ner_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ner_pair {
    uint16_t cls;
    int16_t w;
} ner_pair;

struct rift_ner {
    uint32_t ncls, nslots, mask, npairs;
    float scale, temp;
    uint32_t *slots;
    ner_pair *pairs;
};

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static float rdf(const unsigned char *p)
{
    uint32_t u = rd32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

void rift_ner_free(rift_ner *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m->pairs);
    free(m);
}

rift_status rift_ner_load(const char *path, rift_ner **out, char *err, size_t errn)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err && errn)
            snprintf(err, errn, "%s: %s", path, strerror(errno));
        return RIFT_EIO;
    }
    rift_ner *m = rift_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    unsigned char h[NER_HEADER];
    const char *why = "truncated file";
    if (fread(h, 1, sizeof h, f) != sizeof h)
        goto bad;
    why = "not a rift name model";
    if (memcmp(h, NER_MAGIC, 8) != 0 || rd32(h + 8) != NER_VERSION)
        goto bad;
    m->ncls = rd32(h + 12);
    m->nslots = rd32(h + 16);
    m->npairs = rd32(h + 20);
    m->scale = rdf(h + 24);
    m->temp = rdf(h + 28);
    why = "bad sizes";
    if (m->ncls != NER_NCLS || m->nslots == 0 || (m->nslots & (m->nslots - 1)) ||
        m->nslots > (1u << 26) || m->npairs > (1u << 26) || !(m->scale > 0) ||
        !(m->temp > 0) || !isfinite(m->scale) || !isfinite(m->temp) ||
        rd32(h + 32) != 0 || rd32(h + 36) != 0)
        goto bad;
    uint64_t want = NER_HEADER + 8 * (uint64_t)m->nslots + 4 * (uint64_t)m->npairs;
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size < 0 || fseek(f, NER_HEADER, SEEK_SET) != 0)
        goto bad;
    why = (uint64_t)size < want ? "truncated file" : "trailing bytes";
    if ((uint64_t)size != want)
        goto bad;
    m->mask = m->nslots - 1;
    m->slots = rift_xmalloc((size_t)m->nslots * 2 * sizeof(uint32_t));
    m->pairs = rift_xmalloc(((size_t)m->npairs + 1) * sizeof(ner_pair));
    why = "truncated file";
    if (fread(m->slots, sizeof(uint32_t), (size_t)m->nslots * 2, f) != (size_t)m->nslots * 2 ||
        fread(m->pairs, sizeof(ner_pair), m->npairs, f) != m->npairs)
        goto bad;
    why = "bad feature table";
    uint32_t used = 0;
    for (uint32_t s = 0; s < m->nslots; s++) {
        uint32_t key = m->slots[2 * s], v = m->slots[2 * s + 1];
        if (!key)
            continue;
        used++;
        if ((uint64_t)(v >> 8) + (v & 0xFF) > m->npairs || (v & 0xFF) > m->ncls)
            goto bad;
    }
    if (used >= m->nslots)
        goto bad;
    for (uint32_t p = 0; p < m->npairs; p++)
        if (m->pairs[p].cls >= m->ncls)
            goto bad;
    fclose(f);
    *out = m;
    return RIFT_OK;
bad:
    fclose(f);
    rift_ner_free(m);
    if (err && errn)
        snprintf(err, errn, "%s: %s", path, why);
    return RIFT_EFORMAT;
}

static inline uint32_t lookup(const rift_ner *m, uint64_t h)
{
    uint32_t key = (uint32_t)(h >> 32) | 1u;
    for (uint32_t s = (uint32_t)h & m->mask;; s = (s + 1) & m->mask) {
        uint32_t k = m->slots[2 * s];
        if (k == key)
            return m->slots[2 * s + 1];
        if (k == 0)
            return 0;
    }
}

/* The features' weights summed into acc: their slots prefetched first,
 * then their weights, so that the cache misses overlap. */
static void add(const rift_ner *m, const uint64_t *f, size_t nf, int32_t *acc)
{
    uint32_t v[NER_MAX_STATIC + NER_MAX_DYN];
    for (size_t k = 0; k < nf; k++)
        __builtin_prefetch(&m->slots[2 * ((uint32_t)f[k] & m->mask)]);
    for (size_t k = 0; k < nf; k++) {
        v[k] = lookup(m, f[k]);
        __builtin_prefetch(m->pairs + (v[k] >> 8));
    }
    for (size_t k = 0; k < nf; k++) {
        const ner_pair *p = m->pairs + (v[k] >> 8);
        for (uint32_t j = 0; j < (v[k] & 0xFF); j++)
            acc[p[j].cls] += p[j].w;
    }
}

void rift_ner_scores(const rift_ner *m, const ner_tok *t, size_t n, size_t i,
                     int p1, int p2, float *score)
{
    uint64_t f[NER_MAX_STATIC + NER_MAX_DYN];
    int32_t acc[NER_NCLS] = {0};
    size_t nf = ner_static_features(t, n, i, f);
    nf += ner_dynamic_features(t, i, p1, p2, f + nf);
    add(m, f, nf, acc);
    for (int c = 0; c < NER_NCLS; c++)
        score[c] = (float)acc[c] / m->scale;
}

void ner_greedy(const ner_tok *t, size_t n, ner_score_fn score, const void *ctx,
                double temp, uint8_t *cls, float *prob)
{
    int p1 = -1, p2 = -1;
    for (size_t i = 0; i < n; i++) {
        if (ner_skip(&t[i], p1)) {
            cls[i] = 0;
            prob[i] = 1;
            p2 = p1;
            p1 = 0;
            continue;
        }
        float s[NER_NCLS];
        score(ctx, t, n, i, p1, p2, s);
        int best = -1;
        for (int c = 0; c < NER_NCLS; c++) {
            /* a label must leave the rest of the sentence a valid path:
             * at the last word no name may stay open */
            if (!ner_valid(p1, c) || (i + 1 == n && !ner_valid(c, -1)))
                continue;
            if (best < 0 || s[c] > s[best])
                best = c;
        }
        double z = 0;
        for (int c = 0; c < NER_NCLS; c++)
            if (ner_valid(p1, c) && !(i + 1 == n && !ner_valid(c, -1)))
                z += exp((double)(s[c] - s[best]) / temp);
        cls[i] = (uint8_t)best;
        prob[i] = (float)(1.0 / z);
        p2 = p1;
        p1 = best;
    }
}

static void model_scores(const void *ctx, const ner_tok *t, size_t n, size_t i, int p1,
                         int p2, float *score)
{
    rift_ner_scores(ctx, t, n, i, p1, p2, score);
}

void rift_ner_label(const rift_ner *m, const ner_tok *t, size_t n, uint8_t *cls,
                    float *prob)
{
    ner_greedy(t, n, model_scores, m, m->temp, cls, prob);
}
