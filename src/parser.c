/* parser.c: the dependency parser at run time: loads data/en/parser.bin and
 * parses tagged sentences greedily (arc-hybrid, see parser_impl.h).
 */
#include "parser_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* bit i set: slot i of the bucket's checks equals chk (resp. is empty);
 * the portable versions of the SSE2 code in ptrans_score and plab_find */
#ifndef __SSE2__
static inline unsigned match16(const uint16_t *c, uint16_t chk, unsigned *empty)
{
    unsigned m = 0, e = 0;
    for (unsigned i = 0; i < PB_SLOTS; i++) {
        m |= (unsigned)(c[i] == chk) << (2 * i);
        e |= (unsigned)(c[i] == 0) << (2 * i);
    }
    *empty = e;
    return m;
}

static inline unsigned match32(const uint32_t *c, uint32_t chk, unsigned *empty)
{
    unsigned m = 0, e = 0;
    for (unsigned i = 0; i < PB_SLOTS; i++) {
        m |= (unsigned)(c[i] == chk) << i;
        e |= (unsigned)(c[i] == 0) << i;
    }
    *empty = e;
    return m;
}
#endif

void ptrans_score(const pclass *c, const uint64_t *f, int nf, int32_t *scores)
{
    const ptbucket *bk = c->buckets;
    uint32_t nb = c->nbuckets;
    int32_t s0 = 0, s1 = 0, s2 = 0;
    /* (parser_tfeats has started the memory loads already) */
    for (int i = 0; i < nf; i++) {
        uint16_t chk = pclass_check16(f[i]);
        for (uint32_t j = pclass_home(f[i], nb);;) {
            const ptbucket *b = bk + j;
#ifdef __SSE2__
            __m128i v = _mm_load_si128((const __m128i *)(const void *)b->chk);
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi16(v, _mm_set1_epi16((short)chk)));
            if (m) {
                const int16_t *w = b->w[(unsigned)__builtin_ctz(m) >> 1];
                s0 += w[0];
                s1 += w[1];
                s2 += w[2];
                break;
            }
            if (_mm_movemask_epi8(_mm_cmpeq_epi16(v, _mm_setzero_si128())))
                break;
#else
            unsigned empty, m = match16(b->chk, chk, &empty);
            if (m) {
                const int16_t *w = b->w[(unsigned)__builtin_ctz(m) >> 1];
                s0 += w[0];
                s1 += w[1];
                s2 += w[2];
                break;
            }
            if (empty)
                break;
#endif
            if (++j == nb)
                j = 0;
        }
    }
    scores[0] += s0;
    scores[1] += s1;
    scores[2] += s2;
}

static void add_dense(int32_t *scores, const int16_t *row, uint32_t npad)
{
#ifdef __SSE2__
    for (uint32_t c = 0; c < npad; c += 8) {
        __m128i w = _mm_load_si128((const __m128i *)(const void *)(row + c));
        __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(w, w), 16);
        __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(w, w), 16);
        __m128i *sp = (__m128i *)(void *)(scores + c);
        _mm_storeu_si128(sp, _mm_add_epi32(_mm_loadu_si128(sp), lo));
        _mm_storeu_si128(sp + 1, _mm_add_epi32(_mm_loadu_si128(sp + 1), hi));
    }
#else
    for (uint32_t c = 0; c < npad; c++)
        scores[c] += row[c];
#endif
}

static int plab_find(const pclass *c, const uint64_t *f, int nf, uint32_t *found)
{
    const plbucket *bk = c->buckets;
    uint32_t nb = c->nbuckets;
    int nfound = 0;
    for (int i = 0; i < nf; i++) {
        uint32_t chk = pclass_check(f[i]);
        for (uint32_t j = pclass_home(f[i], nb);;) {
            const plbucket *b = bk + j;
#ifdef __SSE2__
            __m128i lo = _mm_load_si128((const __m128i *)(const void *)b->chk);
            __m128i hi = _mm_load_si128((const __m128i *)(const void *)(b->chk + 4));
            __m128i k = _mm_set1_epi32((int)chk);
            unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(lo, k))) |
                         (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(hi, k))) << 4;
            __m128i z = _mm_setzero_si128();
            unsigned empty = m ? 0 : (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi32(lo, z), _mm_cmpeq_epi32(hi, z)));
#else
            unsigned empty, m = match32(b->chk, chk, &empty);
#endif
            if (m) {
                uint32_t r = b->ref[__builtin_ctz(m)];
                found[nfound++] = r;
                if (r & PL_DENSE)
                    __builtin_prefetch(c->dense + (size_t)(r & ~PL_DENSE) * c->npad);
                else
                    __builtin_prefetch(c->entries + (r >> 8));
                break;
            }
            if (empty)
                break;
            if (++j == nb)
                j = 0;
        }
    }
    return nfound;
}

/* (wrapping: plab_best lets the scores of non-candidates run on) */
static void add_sparse(int32_t *scores, const uint32_t *e, uint32_t len)
{
    for (uint32_t q = 0; q < len; q++) {
        int32_t *sp = &scores[e[q] >> 16];
        *sp = (int32_t)((uint32_t)*sp + (uint32_t)(int32_t)(int16_t)(uint16_t)(e[q] & 0xFFFFu));
    }
}

void plab_score(const pclass *c, const uint64_t *f, int nf, int32_t *scores)
{
    uint32_t found[PARSER_MAX_FEATS];
    int nfound = plab_find(c, f, nf, found);
    for (int i = 0; i < nfound; i++) {
        uint32_t r = found[i];
        if (r & PL_DENSE)
            add_dense(scores, c->dense + (size_t)(r & ~PL_DENSE) * c->npad, c->npad);
        else
            add_sparse(scores, c->entries + (r >> 8), r & 255u);
    }
}

unsigned plab_best(const pclass *c, const uint64_t *f, int nf, const uint8_t *cand,
                   unsigned ncand, int32_t *scores)
{
    /* scores must hold defined values: the caller zeroes it once */
    if (ncand > 20) {
        memset(scores, 0, c->npad * sizeof *scores);
        plab_score(c, f, nf, scores);
    } else {
        uint32_t found[PARSER_MAX_FEATS];
        int nfound = plab_find(c, f, nf, found);
        for (unsigned q = 0; q < ncand; q++)
            scores[cand[q]] = 0;
        for (int i = 0; i < nfound; i++) {
            uint32_t r = found[i];
            if (r & PL_DENSE) {
                const int16_t *row = c->dense + (size_t)(r & ~PL_DENSE) * c->npad;
                for (unsigned q = 0; q < ncand; q++)
                    scores[cand[q]] += row[cand[q]];
            } else {
                /* the other labels' scores are written but never read */
                add_sparse(scores, c->entries + (r >> 8), r & 255u);
            }
        }
    }
    unsigned best = cand[0];
    for (unsigned q = 1; q < ncand; q++)
        if (scores[cand[q]] > scores[best])
            best = cand[q];
    return best;
}

/* ---- loading ------------------------------------------------------------- */

typedef struct reader {
    const unsigned char *p, *end;
    int bad;
} reader;

static uint32_t rd32(reader *r)
{
    if (r->bad || r->end - r->p < 4) {
        r->bad = 1;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 |
                 (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

/* memory for a table, 64-byte aligned (huge pages for large ones) */
static void *table_alloc(size_t bytes)
{
    size_t align = bytes >= (2u << 20) ? (2u << 20) : 64;
    size_t sz = (bytes + align - 1) / align * align;
    void *p = NULL;
    if (posix_memalign(&p, align, sz ? sz : 64) != 0)
        rift_oom();
#ifdef MADV_HUGEPAGE
    if (align > 64)
        madvise(p, sz, MADV_HUGEPAGE);
#endif
    return p;
}

/* count little-endian elements of esize (2 or 4) bytes into a new table */
static void *rdtab(reader *r, size_t count, size_t esize)
{
    if (r->bad || count > (size_t)(r->end - r->p) / esize) {
        r->bad = 1;
        return NULL;
    }
    unsigned char *a = table_alloc(count * esize);
    const uint16_t one = 1;
    if (*(const unsigned char *)&one == 1) {     /* a little-endian host */
        memcpy(a, r->p, count * esize);
    } else if (esize == 2) {
        for (size_t i = 0; i < count; i++) {
            uint16_t v = (uint16_t)(r->p[2 * i] | r->p[2 * i + 1] << 8);
            memcpy(a + 2 * i, &v, 2);
        }
    } else {
        for (size_t i = 0; i < count; i++) {
            const unsigned char *q = r->p + 4 * i;
            uint32_t v = (uint32_t)q[0] | (uint32_t)q[1] << 8 |
                         (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
            memcpy(a + 4 * i, &v, 4);
        }
    }
    r->p += count * esize;
    return a;
}

static float rdfloat(reader *r)
{
    uint32_t v = rd32(r);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

static const char *load_trans(reader *r, pclass *c)
{
    c->nclass = PT_NTRANS;
    c->nbuckets = rd32(r);
    c->scale = rdfloat(r);
    if (r->bad)
        return "truncated";
    if (c->nbuckets == 0 || c->nbuckets > (1u << 24))
        return "bad transition classifier";
    c->buckets = rdtab(r, (size_t)c->nbuckets * 32, 2);
    if (r->bad)
        return "truncated";
    const ptbucket *b = c->buckets;
    for (uint32_t i = 0; i < c->nbuckets; i++)
        for (unsigned q = 0; q < PB_SLOTS; q++)
            if (b[i].chk[q] == 0)
                return NULL;
    return "hash table full";   /* a lookup could loop forever */
}

static const char *load_lab(reader *r, pclass *c, uint32_t nl)
{
    c->nclass = rd32(r);
    c->nbuckets = rd32(r);
    c->nentries = rd32(r);
    c->ndense = rd32(r);
    c->scale = rdfloat(r);
    if (r->bad)
        return "truncated";
    if (c->nclass != nl || c->nbuckets == 0 || c->nbuckets > (1u << 24) ||
        c->nentries > (1u << 23) || c->ndense > (1u << 20))
        return "bad label classifier";
    c->npad = PARSER_LPAD(c->nclass);
    c->buckets = rdtab(r, (size_t)c->nbuckets * 16, 4);
    c->entries = rdtab(r, c->nentries, 4);
    c->dense = rdtab(r, (size_t)c->ndense * c->npad, 2);
    if (r->bad)
        return "truncated";
    const plbucket *b = c->buckets;
    int empty = 0;
    for (uint32_t i = 0; i < c->nbuckets; i++)
        for (unsigned q = 0; q < PB_SLOTS; q++) {
            uint32_t ref = b[i].ref[q];
            if (b[i].chk[q] == 0) {
                empty = 1;
                continue;
            }
            if (ref & PL_DENSE) {
                if ((ref & ~PL_DENSE) >= c->ndense)
                    return "dense row out of range";
            } else if ((uint64_t)(ref >> 8) + (ref & 255u) > c->nentries) {
                return "entry list out of range";
            }
        }
    if (!empty)
        return "hash table full";
    for (uint32_t i = 0; i < c->nentries; i++)
        if ((c->entries[i] >> 16) >= c->nclass)
            return "class out of range";
    return NULL;
}

static void free_class(pclass *c)
{
    free(c->buckets);
    free(c->entries);
    free(c->dense);
    c->buckets = NULL;
    c->entries = NULL;
    c->dense = NULL;
}

static const char *load_cands(reader *r, rift_parser *p, uint32_t nl)
{
    if (rd32(r) != PARSER_NCTX)
        return r->bad ? "truncated" : "bad label contexts";
    const unsigned char *start = r->p;
    size_t total = 0;
    for (unsigned c = 0; c < PARSER_NCTX; c++) {
        if (r->p >= r->end)
            return "truncated";
        unsigned k = *r->p++;
        if ((size_t)(r->end - r->p) < k)
            return "truncated";
        for (unsigned q = 0; q < k; q++)
            if (r->p[q] == 0 || r->p[q] >= nl || (q && r->p[q] <= r->p[q - 1]))
                return "bad label context";
        r->p += k;
        total += k;
    }
    p->cand = rift_xmalloc(total + nl);
    r->p = start;
    uint32_t at = 0;
    for (unsigned c = 0; c < PARSER_NCTX; c++) {
        unsigned k = *r->p++;
        p->cstart[c] = at;
        memcpy(p->cand + at, r->p, k);
        r->p += k;
        at += k;
    }
    p->cstart[PARSER_NCTX] = at;
    for (uint32_t l = 1; l < nl; l++)
        p->cand[at++] = (uint8_t)l;
    p->cstart[PARSER_NCTX + 1] = at;
    return NULL;
}

void rift_parser_free(rift_parser *p)
{
    if (!p)
        return;
    free(p->cand);
    for (uint32_t i = 0; i < p->nlabels; i++)
        free(p->labels[i]);
    free(p->labels);
    free_class(&p->trans);
    free_class(&p->lab);
    free(p);
}

static const char *parse_model(rift_parser *p, const unsigned char *buf, size_t len)
{
    reader r = {buf, buf + len, 0};
    if (len < 8 || memcmp(buf, PARSER_MAGIC, 8) != 0)
        return "not a parser model (bad magic)";
    r.p += 8;
    uint32_t ver = rd32(&r);
    if (r.bad)
        return "truncated";
    if (ver != PARSER_VERSION)
        return "unsupported version";
    uint32_t nl = rd32(&r);
    if (r.bad)
        return "truncated";
    if (nl < 2 || nl > PARSER_MAX_LABELS)
        return "bad label count";
    p->labels = calloc(nl, sizeof *p->labels);
    if (!p->labels)
        rift_oom();
    p->nlabels = nl;
    for (uint32_t i = 0; i < nl; i++) {
        if (r.p >= r.end)
            return "truncated";
        size_t l = *r.p++;
        if ((size_t)(r.end - r.p) < l)
            return "truncated";
        p->labels[i] = rift_xmalloc(l + 1);
        memcpy(p->labels[i], r.p, l);
        p->labels[i][l] = '\0';
        r.p += l;
    }
    const char *why = load_trans(&r, &p->trans);
    if (!why)
        why = load_lab(&r, &p->lab, nl);
    if (!why)
        why = load_cands(&r, p, nl);
    if (!why && r.p != r.end)
        why = "trailing bytes";
    return why;
}

rift_status rift_parser_load(const char *path, rift_parser **out,
                             char *err, size_t errn)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errn, "%s: %s", path, strerror(errno));
        return RIFT_EIO;
    }
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 1u << 20;
            buf = rift_xrealloc(buf, cap);
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int ioerr = ferror(f);
    fclose(f);
    if (ioerr) {
        free(buf);
        snprintf(err, errn, "%s: read error", path);
        return RIFT_EIO;
    }
    rift_parser *p = calloc(1, sizeof *p);
    if (!p)
        rift_oom();
    const char *why = parse_model(p, buf, len);
    free(buf);
    if (why) {
        rift_parser_free(p);
        snprintf(err, errn, "%s: %s", path, why);
        return RIFT_EFORMAT;
    }
    *out = p;
    return RIFT_OK;
}

/* ---- parsing --------------------------------------------------------------- */

static int best_of(const int32_t *sc, unsigned legal, int nclass)
{
    int best = -1;
    for (int c = 0; c < nclass; c++)
        if ((legal >> c & 1u) && (best < 0 || sc[c] > sc[best]))
            best = c;
    return best;
}

/* a chain, for absurdly long inputs the state's int32 indices cannot hold */
static void parse_chain(const rift_parser *p, rift_sw *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        w[i].head = i ? 0 : -1;
        w[i].label = i ? 1 : 0;
        w[i].deprel = p->labels[w[i].label];
    }
}

void rift_parser_parse(const rift_parser *p, rift_sw *w, size_t n,
                       rift_arena *scratch)
{
    if (n == 0)
        return;
    if (n > (size_t)INT32_MAX / 64) {
        parse_chain(p, w, n);
        return;
    }
    int32_t nn = (int32_t)n;
    pstate s;
    pstate_init(&s, nn, rift_arena_alloc_raw(scratch, pstate_size(nn)));
    pword *atoms = rift_arena_alloc_raw(scratch, (n + 2) * sizeof *atoms);
    pstate_atoms(&s, atoms, w, n);
    uint64_t f[PARSER_MAX_FEATS];
    int32_t sc[PARSER_MAX_LABELS];
    memset(sc, 0, sizeof sc);
    uint32_t nl = p->nlabels;
    for (;;) {
        unsigned legal = pstate_legal(&s);
        if (!legal)
            break;
        int t;
        if ((legal & (legal - 1)) == 0) {
            t = legal == 1u ? 0 : legal == 2u ? 1 : 2;
        } else {
            int nf = parser_tfeats(&s, f, &p->trans);
            sc[0] = sc[1] = sc[2] = 0;
            ptrans_score(&p->trans, f, nf, sc);
            t = best_of(sc, legal, PT_NTRANS);
        }
        if (t == PT_SHIFT) {
            pstate_apply(&s, t);
            continue;
        }
        int32_t d = s.stack[s.sp - 1];
        int32_t h = t == PT_LEFT ? s.b : s.stack[s.sp - 2];
        unsigned lab = 0;
        if (h != nn) {
            unsigned cx = parser_ctx(s.a[h].u, s.a[d].u, d < h);
            const uint8_t *cand = p->cand + p->cstart[cx];
            unsigned ncand = p->cstart[cx + 1] - p->cstart[cx];
            if (ncand == 0) {
                cand = p->cand + p->cstart[PARSER_NCTX];
                ncand = p->cstart[PARSER_NCTX + 1] - p->cstart[PARSER_NCTX];
            }
            lab = cand[0];
            if (ncand > 1) {
                int nf = parser_lfeats(&s, h, d, f, &p->lab);
                lab = plab_best(&p->lab, f, nf, cand, ncand, sc);
            }
        }
        pstate_apply(&s, t);
        pstate_label(&s, d, lab);
    }
    for (size_t i = 0; i < n; i++) {
        int32_t h = s.head[i];
        unsigned lab = s.label[i] ? s.label[i] - 1u : 0;
        w[i].head = h == nn || h < 0 ? -1 : h;
        w[i].label = (uint16_t)lab;
        w[i].deprel = p->labels[lab < nl ? lab : 0];
    }
}
