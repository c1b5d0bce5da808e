/* morph_ctx.c: the morphology's context model: picks the features of words
 * whose features depend on their context (verb agreement, pronoun case).
 */
#include "morph_int.h"

#include <string.h>

static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x7F4A7C159E3779B9ull);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 32;
    return x;
}

/* the lower-cased norm of a word, hashed */
static uint64_t lw(const rift_sw *x)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < x->nlen; i++) {
        unsigned char c = (unsigned char)x->norm[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h ^= c;
        h *= 0x100000001B3ull;
    }
    return h;
}

static uint64_t str(const char *s)
{
    uint64_t h = 0x84222325CBF29CE4ull;
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001B3ull;
    }
    return h;
}

static bool nominal(unsigned u)
{
    return u == RIFT_UPOS_PRON || u == RIFT_UPOS_NOUN || u == RIFT_UPOS_PROPN;
}

/* a nominal: a pronoun by its word, a noun by its tag */
static uint64_t nominal_atom(const rift_sw *x)
{
    return x->upos == RIFT_UPOS_PRON ? lw(x) : 0x100u + x->xpos;
}

size_t morph_ctx_features(const rift_sw *w, size_t n, size_t i, unsigned ctx,
                          uint64_t *f)
{
    size_t k = 0;
    uint64_t c = 0xC7C7ull << 16 | ctx;
    uint64_t me = lw(&w[i]);
    uint64_t l1 = i > 0 ? lw(&w[i - 1]) : 1, l2 = i > 1 ? lw(&w[i - 2]) : 1;
    uint64_t r1 = i + 1 < n ? lw(&w[i + 1]) : 2;
    unsigned x1 = i > 0 ? w[i - 1].xpos : 255, x2 = i > 1 ? w[i - 2].xpos : 255;
    unsigned y1 = i + 1 < n ? w[i + 1].xpos : 255;
    /* the nearest nominal before (the subject, mostly) and after */
    uint64_t subj = 3, after = 4, aux = 5;
    for (size_t j = i, d = 0; j > 0 && d < 8; j--, d++)
        if (nominal(w[j - 1].upos)) {
            subj = nominal_atom(&w[j - 1]);
            break;
        }
    for (size_t j = i + 1; j < n && j < i + 4; j++)
        if (nominal(w[j].upos)) {
            after = nominal_atom(&w[j]);
            break;
        }
    /* the nearest auxiliary or verb before, within three words */
    for (size_t j = i, d = 0; j > 0 && d < 3; j--, d++)
        if (w[j - 1].upos == RIFT_UPOS_AUX || w[j - 1].upos == RIFT_UPOS_VERB) {
            aux = mix(str(w[j - 1].lemma), w[j - 1].xpos);
            break;
        }
    bool first = i == 0 || w[i - 1].upos == RIFT_UPOS_PUNCT;
    f[k++] = mix(c, 1);
    f[k++] = mix(mix(c, 2), me);
    f[k++] = mix(mix(c, 3), l1);
    f[k++] = mix(mix(c, 4), x1);
    f[k++] = mix(mix(c, 5), x1 << 8 | x2);
    f[k++] = mix(mix(c, 6), r1);
    f[k++] = mix(mix(c, 7), y1);
    f[k++] = mix(mix(c, 8), subj);
    f[k++] = mix(mix(c, 9), aux);
    f[k++] = mix(mix(c, 10), (uint64_t)first << 8 | y1);
    f[k++] = mix(mix(c, 11), l2);
    f[k++] = mix(mix(c, 12), after);
    f[k++] = mix(mix(mix(c, 13), me), subj);
    f[k++] = mix(mix(mix(c, 14), me), aux);
    f[k++] = mix(mix(mix(c, 15), me), x1);
    f[k++] = mix(mix(mix(c, 16), me), y1);
    f[k++] = mix(mix(mix(c, 17), subj), aux);
    for (size_t j = 0; j < k; j++)
        f[j] |= 1;     /* the trainer's tables keep odd keys */
    return k;
}

static uint32_t flookup(const rift_morph *m, uint64_t h)
{
    uint32_t key = (uint32_t)(h >> 32) | 1u;
    for (uint32_t s = (uint32_t)h & m->fmask;; s = (s + 1) & m->fmask) {
        uint32_t k = m->fslots[2 * s];
        if (k == key)
            return m->fslots[2 * s + 1];
        if (k == 0)
            return 0;
    }
}

unsigned morph_ctx_choose(const rift_morph *m, const rift_sw *w, size_t n,
                          size_t i, unsigned ctx, uint32_t mask)
{
    int32_t score[MORPH_CAND] = {0};
    uint64_t f[MORPH_CTX_FEATS];
    size_t nf = morph_ctx_features(w, n, i, ctx, f);
    uint32_t v[MORPH_CTX_FEATS];
    for (size_t k = 0; k < nf; k++)   /* start the cache misses together */
        __builtin_prefetch(&m->fslots[2 * ((uint32_t)f[k] & m->fmask)]);
    for (size_t k = 0; k < nf; k++) {
        v[k] = flookup(m, f[k]);
        __builtin_prefetch(m->fpairs + (v[k] >> 8));
    }
    for (size_t k = 0; k < nf; k++) {
        const morph_pair *p = m->fpairs + (v[k] >> 8);
        for (uint32_t c = v[k] & 0xFF; c; c--, p++)
            score[p->cand] += p->w;
    }
    unsigned nc = m->ctx[ctx].n, best = MORPH_CAND;
    for (unsigned c = 0; c < nc; c++)
        if ((mask >> c & 1) && (best == MORPH_CAND || score[c] > score[best]))
            best = c;
    return best == MORPH_CAND ? 0 : best;
}
