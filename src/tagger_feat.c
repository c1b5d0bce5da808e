/* tagger_feat.c: the tagger's features: per-word atoms (word, affixes,
 * shape) hashed once, combined into 64-bit feature hashes per template.
 */
#include "tagger_int.h"

#include <string.h>

#define FNV0 0xCBF29CE484222325ull
#define FNVP 0x100000001B3ull

static uint64_t fnv(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = FNV0 ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNVP;
    }
    return tg_fin(h + n);
}

static inline unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* One pass over a word: the hashes of its lower-cased form (lw), of its
 * form as it is (cw) and of its first 1..3 lower-cased bytes (pre). */
static void word_hashes(const rift_sw *w, uint64_t *lw, uint64_t *cw, uint64_t *pre)
{
    const unsigned char *s = (const unsigned char *)w->norm;
    size_t n = w->nlen;
    uint64_t hl = FNV0 ^ 1, hc = FNV0 ^ 3, p[3];
    for (size_t i = 0; i < n; i++) {
        hl = (hl ^ lower(s[i])) * FNVP;
        hc = (hc ^ s[i]) * FNVP;
        if (i < 3)
            p[i] = hl;
    }
    for (size_t i = n; i < 3; i++)
        p[i] = hl;
    *lw = tg_fin(hl + n);
    *cw = tg_fin(hc + n);
    if (pre)
        for (int k = 0; k < 3; k++)
            pre[k] = tg_fin(p[k] + (uint64_t)(20 + k) * 0x9E3779B97F4A7C15ull);
}

uint64_t tg_word_hash(const rift_sw *w)
{
    uint64_t lw, cw;
    word_hashes(w, &lw, &cw, NULL);
    return lw;
}

uint64_t tg_case_hash(const rift_sw *w)
{
    uint64_t lw, cw;
    word_hashes(w, &lw, &cw, NULL);
    return cw;
}

/* Xxxx-like shape: letters X/x, digits d, others as they are; runs of one
 * kind cut at two; non-ASCII bytes as 'u'. */
static uint64_t shape(const rift_sw *w, uint32_t *flags)
{
    char s[RIFT_SW_NORM];
    size_t k = 0;
    char last = 0;
    int run = 0;
    uint32_t f = 0;
    for (size_t i = 0; i < w->nlen; i++) {
        unsigned char c = (unsigned char)w->norm[i];
        char m;
        if (c >= 'A' && c <= 'Z')
            m = 'X';
        else if (c >= 'a' && c <= 'z')
            m = 'x';
        else if (c >= '0' && c <= '9') {
            m = 'd';
            f |= TG_F_DIGIT;
        } else if (c >= 0x80)
            m = 'u';
        else {
            m = (char)c;
            if (c == '-')
                f |= TG_F_HYPHEN;
        }
        run = m == last ? run + 1 : 1;
        last = m;
        if (run <= 2)
            s[k++] = m;
    }
    unsigned char c0 = (unsigned char)w->norm[0];
    if (c0 >= 'A' && c0 <= 'Z') {
        f |= TG_F_UPPER;
        bool all = true;
        for (size_t i = 0; i < w->nlen; i++) {
            unsigned char c = (unsigned char)w->norm[i];
            if (c >= 'a' && c <= 'z')
                all = false;
        }
        if (all && w->nlen > 1)
            f |= TG_F_ALLCAP;
    }
    *flags = f;
    return fnv(s, k, 2);
}

void tg_prepare(const rift_sw *w, size_t n, tg_tok *t)
{
    for (size_t i = 0; i < n; i++) {
        tg_tok *x = &t[i];
        word_hashes(&w[i], &x->lw, &x->cw, x->pre);
        /* the last 1..4 bytes, read backwards */
        const unsigned char *s = (const unsigned char *)w[i].norm;
        size_t len = w[i].nlen;
        uint64_t h = FNV0;
        for (size_t k = 0; k < 4; k++) {
            if (k < len)
                h = (h ^ lower(s[len - 1 - k])) * FNVP;
            x->suf[k] = tg_fin(h + (uint64_t)(10 + k) * 0x9E3779B97F4A7C15ull);
        }
        x->shape = shape(&w[i], &x->flags);
        x->amb = 0;
        x->ambc = 0;
        x->fixed = -1;
        x->cand = -1;
        if (i == 0 || (w[i].flags & RIFT_SWF_SENT_START))
            x->flags |= TG_F_FIRST;
    }
    /* the case of the sentence as a whole (headlines, shouting) */
    size_t alpha = 0, up = 0, caps = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i].norm[0];
        if ((c | 32) >= 'a' && (c | 32) <= 'z' && w[i].nlen > 1) {
            alpha++;
            up += (t[i].flags & TG_F_UPPER) != 0;
            caps += (t[i].flags & TG_F_ALLCAP) != 0;
        }
    }
    uint32_t sf = 0;
    if (alpha >= 3 && 10 * caps >= 6 * alpha)
        sf = TG_F_CAPS;
    else if (alpha >= 3 && 10 * up >= 6 * alpha)
        sf = TG_F_TITLE;
    for (size_t i = 0; i < n && sf; i++)
        t[i].flags |= sf;
}

/* the atoms of positions outside the sentence */
static const tg_tok pad_before = {.lw = 0x1111, .suf = {0x1111, 0x1111, 0x1111, 0x1111},
                                  .pre = {0x1111, 0x1111, 0x1111}, .shape = 0x1111,
                                  .amb = 0x1111, .ambc = 0x1111, .fixed = -1, .cand = -1};
static const tg_tok pad_after = {.lw = 0x2222, .suf = {0x2222, 0x2222, 0x2222, 0x2222},
                                 .pre = {0x2222, 0x2222, 0x2222}, .shape = 0x2222,
                                 .amb = 0x2222, .ambc = 0x2222, .fixed = -1, .cand = -1};

static const tg_tok *at(const tg_tok *t, size_t n, size_t i, int d)
{
    long j = (long)i + d;
    if (j < 0)
        return &pad_before;
    if ((size_t)j >= n)
        return &pad_after;
    return &t[j];
}

/* a template's id and one or two atoms (hashes or small numbers) */
#define F(id, a) (f[k++] = tg_fin((a) * 0x9E3779B97F4A7C15ull + \
                                  ((uint64_t)(id) << 48 ^ 0x5555)))
#define F2(id, a, b) (f[k++] = tg_fin(((a) * 0x9E3779B97F4A7C15ull ^  \
                                       (b) * 0xC2B2AE3D27D4EB4Full) + \
                                      ((uint64_t)(id) << 48)))

size_t tg_static_features(const tg_tok *t, size_t n, size_t i, uint64_t *f)
{
    size_t k = 0;
    const tg_tok *c = &t[i], *l1 = at(t, n, i, -1), *l2 = at(t, n, i, -2),
                 *r1 = at(t, n, i, 1), *r2 = at(t, n, i, 2);
    F(1, 0);
    F(2, c->lw);
    for (int s = 0; s < 4; s++)
        F(3 + s, c->suf[s]);
    for (int s = 0; s < 3; s++)
        F(7 + s, c->pre[s]);
    F(10, c->shape);
    F(11, c->flags);
    F(16, l1->lw);
    F(17, l1->suf[2]);
    F(18, l2->lw);
    F(19, r1->lw);
    F(20, r1->suf[2]);
    F(21, r2->lw);
    F2(22, l1->lw, c->lw);
    F2(23, c->lw, r1->lw);
    F(24, r1->shape);
    F(25, l1->shape);
    F2(27, l1->lw, r1->lw);
    F(28, r1->suf[1]);
    F(30, l1->suf[1]);
    F(31, r2->suf[2]);
    F2(32, c->shape, c->flags & TG_F_FIRST);
    F(34, c->cw);
    F2(35, l1->lw, c->suf[2]);
    F2(36, c->suf[2], r1->lw);
    F2(38, r1->lw, r2->lw);
    F2(39, l1->cw, c->cw);
    F(40, c->amb);
    F(41, r1->amb);
    F(42, r2->amb);
    F2(43, c->amb, r1->amb);
    F2(45, c->amb, r1->lw);
    F2(46, l1->lw, c->amb);
    uint64_t sc = c->flags & (TG_F_TITLE | TG_F_CAPS | TG_F_FIRST | TG_F_UPPER);
    F2(47, c->shape, sc);
    F2(48, c->amb, sc);
    F(51, c->ambc);
    F2(52, c->ambc, sc);
    F2(53, c->ambc, r1->ambc);
    return k;
}

size_t tg_dynamic_features(const tg_tok *t, size_t n, size_t i, int p1, int p2,
                           uint64_t lastv, uint64_t *f)
{
    size_t k = 0;
    const tg_tok *c = &t[i], *r1 = at(t, n, i, 1);
    uint64_t tp1 = (uint64_t)(p1 + 1000), tp2 = (uint64_t)(p2 + 1000);
    F(12, tp1);
    F(13, tp2);
    F2(14, tp1, tp2);
    F2(15, tp1, c->lw);
    F2(26, tp1, c->suf[2]);
    F2(29, tp1, r1->lw);
    F2(33, tp1, c->shape);
    F2(37, tp1, tp2 * 7 + (c->flags & 7));
    F2(44, tp1, c->amb);
    F2(49, lastv, c->suf[1]);
    F2(50, lastv, c->amb);
    return k;
}

size_t tg_features(const tg_tok *t, size_t n, size_t i, int p1, int p2,
                   uint64_t lastv, uint64_t *f)
{
    size_t k = tg_static_features(t, n, i, f);
    return k + tg_dynamic_features(t, n, i, p1, p2, lastv, f + k);
}
