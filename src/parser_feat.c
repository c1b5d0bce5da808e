/* parser_feat.c: the dependency parser's state (arc-hybrid transitions with
 * the root token last) and its feature templates, shared with the trainer.
 */
#include "parser_impl.h"

#include <string.h>

/* ---- the state ----------------------------------------------------------- */

size_t pstate_size(int32_t n)
{
    size_t m = (size_t)n + 1;
    return m * (6 * sizeof(int32_t) + sizeof(uint16_t) + 2 + 2 * sizeof(uint64_t))
           + 64;
}

void pstate_init(pstate *s, int32_t n, void *mem)
{
    size_t m = (size_t)n + 1;
    uint64_t *p64 = mem;
    s->lset = p64; p64 += m;
    s->rset = p64; p64 += m;
    int32_t *p32 = (int32_t *)p64;
    s->stack = p32; p32 += m;
    s->head = p32; p32 += m;
    s->lc1 = p32; p32 += m;
    s->lc2 = p32; p32 += m;
    s->rc1 = p32; p32 += m;
    s->rc2 = p32; p32 += m;
    uint16_t *p16 = (uint16_t *)p32;
    s->label = p16; p16 += m;
    uint8_t *p8 = (uint8_t *)p16;
    s->nl = p8; p8 += m;
    s->nr = p8;
    s->n = n;
    s->b = 0;
    s->sp = 0;
    for (size_t i = 0; i < m; i++) {
        s->head[i] = -2;
        s->lc1[i] = s->lc2[i] = s->rc1[i] = s->rc2[i] = -1;
        s->label[i] = 0;
        s->nl[i] = s->nr[i] = 0;
        s->lset[i] = s->rset[i] = 0;
    }
}

static inline uint64_t mix(uint64_t h, uint64_t a)
{
    h = (h ^ a) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 31);
}

static uint64_t hash_bytes(const char *s, size_t n, int fold)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (fold) {
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            else if (c >= '0' && c <= '9')
                c = '0';
        }
        h = (h ^ c) * 0x100000001B3ull;
    }
    return mix(h, n);
}

static uint8_t shape_of(const char *s, size_t n)
{
    if (n == 0)
        return 1;
    unsigned char c = (unsigned char)s[0];
    int up = 0, dig = 0, alpha = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char d = (unsigned char)s[i];
        if (d >= 'A' && d <= 'Z') up++, alpha++;
        else if (d >= 'a' && d <= 'z') alpha++;
        else if (d >= '0' && d <= '9') dig++;
        else if (d < 0x80) other++;
        else alpha++;
    }
    if (dig && !alpha) return 2;
    if (!alpha && !dig) return 3;                 /* punctuation */
    if (c >= 'A' && c <= 'Z') return up == (int)n ? 4 : 5;
    if (dig) return 6;
    if (other) return 7;
    return 8;
}

void pstate_atoms(pstate *s, pword *a, const rift_sw *w, size_t n)
{
    memset(&a[0], 0, sizeof a[0]);
    a[0].w = a[0].l = a[0].sfx = 0x1234567ull;
    for (size_t i = 0; i < n; i++) {
        const rift_sw *x = &w[i];
        pword *p = &a[i + 1];
        size_t len = x->nlen < RIFT_SW_NORM ? x->nlen : RIFT_SW_NORM - 1;
        p->w = hash_bytes(x->norm, len, 1);
        p->sfx = hash_bytes(x->norm + (len > 3 ? len - 3 : 0), len > 3 ? 3 : len, 1) + 7;
        p->l = x->lemma && x->lemma[0] ? hash_bytes(x->lemma, strlen(x->lemma), 0) : p->w;
        p->x = (uint8_t)(x->xpos < RIFT_N_XPOS ? x->xpos + 1 : 1);
        p->u = parser_u(x->upos);
        p->shape = shape_of(x->norm, len);
    }
    pword *r = &a[n + 1];
    memset(r, 0, sizeof *r);
    r->w = r->l = r->sfx = 0x7654321ull;
    r->x = 200;
    r->u = 200;
    r->shape = 9;
    s->a = a + 1;
}

unsigned pstate_legal(const pstate *s)
{
    unsigned m = 0;
    if (s->b < s->n)
        m |= 1u << PT_SHIFT;
    if (s->sp >= 1 && (s->b < s->n || s->sp == 1))
        m |= 1u << PT_LEFT;
    if (s->sp >= 2)
        m |= 1u << PT_RIGHT;
    return m;
}

int32_t pstate_apply(pstate *s, int t)
{
    if (t == PT_SHIFT) {
        s->stack[s->sp++] = s->b++;
        return -1;
    }
    int32_t d = s->stack[--s->sp];
    int32_t h = t == PT_LEFT ? s->b : s->stack[s->sp - 1];
    s->head[d] = h;
    if (d < h) {
        s->lc2[h] = s->lc1[h];
        s->lc1[h] = d;
        if (s->nl[h] < 255)
            s->nl[h]++;
    } else {
        s->rc2[h] = s->rc1[h];
        s->rc1[h] = d;
        if (s->nr[h] < 255)
            s->nr[h]++;
    }
    return d;
}

void pstate_label(pstate *s, int32_t d, unsigned label)
{
    s->label[d] = (uint16_t)(label + 1);
    int32_t h = s->head[d];
    if (h >= 0 && h < s->n) {
        uint64_t bit = 1ull << (label & 63);
        if (d < h)
            s->lset[h] |= bit;
        else
            s->rset[h] |= bit;
    }
}

/* ---- features -------------------------------------------------------------- */

/* A key is a bijective finaliser of the template id xor a sum of its atoms,
 * each rotated by its position: cheap, and atoms are either 64-bit hashes
 * or small numbers, which rotated apart never collide. */
static inline uint64_t rotl(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}

static inline uint64_t fin(uint64_t h)
{
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 29);
}

#define T(id) ((uint64_t)(id) * 0x9E3779B97F4A7C15ull)
#define R(x, r) rotl((uint64_t)(x), r)
#define EMIT(v) do {                                                         \
        uint64_t k_ = (v);                                                   \
        out[k++] = k_;                                                       \
        if (pf)                                                              \
            __builtin_prefetch((const char *)pf->buckets +                   \
                               (size_t)pclass_home(k_, pf->nbuckets) * 64);  \
    } while (0)
#define F1(id, a)          EMIT(fin(T(id) ^ (uint64_t)(a)))
#define F2(id, a, b)       EMIT(fin(T(id) ^ ((uint64_t)(a) + R(b, 21))))
#define F3(id, a, b, c)    EMIT(fin(T(id) ^ ((uint64_t)(a) + R(b, 21) + R(c, 42))))
#define F4(id, a, b, c, d) EMIT(fin(T(id) ^ ((uint64_t)(a) + R(b, 21) + R(c, 42) + R(d, 11))))

static inline uint64_t dist_bucket(int32_t d)
{
    if (d < 0) d = -d;
    return d <= 4 ? (uint64_t)d : d <= 6 ? 5 : d <= 9 ? 6 : d <= 15 ? 7 : 8;
}

static inline int32_t ch(const int32_t *arr, int32_t i)
{
    return i >= 0 ? arr[i] : -1;
}

int parser_tfeats(const pstate *s, uint64_t *out, const pclass *pf)
{
    int k = 0;
    const pword *a = s->a;
    int32_t n = s->n;
    int32_t s0 = s->sp > 0 ? s->stack[s->sp - 1] : -1;
    int32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
    int32_t s2 = s->sp > 2 ? s->stack[s->sp - 3] : -1;
    int32_t b0 = s->b;
    int32_t b1 = b0 + 1 <= n ? b0 + 1 : -1;
    int32_t b2 = b0 + 2 <= n ? b0 + 2 : -1;
    int32_t s0l1 = ch(s->lc1, s0), s0l2 = ch(s->lc2, s0);
    int32_t s0r1 = ch(s->rc1, s0);
    int32_t s1l1 = ch(s->lc1, s1), s1r1 = ch(s->rc1, s1);
    int32_t b0l1 = b0 < n ? s->lc1[b0] : -1, b0l2 = b0 < n ? s->lc2[b0] : -1;
#define L(i) ((uint64_t)((i) >= 0 ? s->label[i] : 0))
    const pword *S0 = &a[s0], *S1 = &a[s1], *S2 = &a[s2];
    const pword *B0 = &a[b0], *B1 = &a[b1], *B2 = &a[b2];
    const pword *S0L1 = &a[s0l1], *S0L2 = &a[s0l2], *S0R1 = &a[s0r1];
    const pword *S1L1 = &a[s1l1], *S1R1 = &a[s1r1];
    const pword *B0L1 = &a[b0l1], *B0L2 = &a[b0l2];
    uint64_t d = s0 >= 0 ? dist_bucket(b0 - s0) : 0;
    uint64_t d10 = s1 >= 0 ? dist_bucket(s0 - s1) : 0;
    uint64_t s0vl = s0 >= 0 ? s->nl[s0] : 0, s0vr = s0 >= 0 ? s->nr[s0] : 0;
    uint64_t b0vl = b0 < n ? s->nl[b0] : 0, s1vr = s1 >= 0 ? s->nr[s1] : 0;
    uint64_t s0t = S0->x, b0t = B0->x, s1t = S1->x;

    F1(1, S0->w); F1(2, s0t); F2(3, S0->w, s0t); F1(4, S0->l);
    F1(6, b0t); F2(7, B0->w, b0t); F1(8, B0->l);
    F1(10, B1->x); F2(11, B1->w, B1->x);
    F1(12, B2->w);
    F1(15, s1t); F2(16, S1->w, s1t);

    F2(24, S0->w, B0->w);
    F2(26, b0t, B1->x);

    F3(33, b0t, B1->x, B2->x); F3(34, s0t, b0t, B1->x); F3(35, s1t, s0t, b0t);
    F3(36, s0t, S0L1->x, b0t);
    F3(38, s0t, b0t, B0L1->x); F3(39, s1t, s0t, S0L1->x);
    F3(42, S2->x, s1t, s0t); F3(43, s1t, S1L1->x, s0t);

    F2(45, s0t, d);
    F3(48, s0t, b0t, d); F3(49, s1t, s0t, d10);
    F2(51, S0->w, s0vr);
    F2(54, s0t, s0vl); F2(56, b0t, b0vl);
    F2(57, s1t, s1vr);

    F1(58, S0L1->w); F1(60, L(s0l1));
    F1(62, S0R1->x);
    F1(64, S0L2->x); F1(65, L(s0l2));
    F1(68, B0L1->w); F1(70, L(b0l1));
    F1(72, L(b0l2));
    F2(74, S1R1->x, L(s1r1));

    F3(76, s0t, L(s0l1), L(s0l2));
    F3(78, b0t, L(b0l1), L(b0l2));
    F3(81, b0t, B0L1->x, B0L2->x);
    

    F3(86, S0->u, B0->u, B1->u);
    F3(87, s0t, a[s0 >= 0 ? s0 + 1 : -1].x, b0t);
    F3(88, a[b0 > 0 ? b0 - 1 : -1].x, b0t, s0t);
    F2(91, s0t, B0->sfx);
    F3(92, S0->l, s0t, b0t);
    /* coarse tags and word shapes: robust to tagging errors */
    F2(94, S0->u, B0->u); F3(95, S1->u, S0->u, B0->u); F3(96, B0->u, B1->u, B2->u);
    F2(97, B0->sfx, B0->shape); F2(98, S0->sfx, S0->shape);
    F2(99, B0->w, B1->w); F2(100, S0->w, B1->w);
#undef L
    return k;
}

int parser_lfeats(const pstate *s, int32_t h, int32_t d, uint64_t *out,
                  const pclass *pf)
{
    int k = 0;
    const pword *a = s->a;
    int32_t n = s->n;
    const pword *D = &a[d], *H = &a[h];
    uint64_t dir = d < h ? 1 : 2;
    uint64_t dist = dist_bucket(h - d);
    int32_t hh = h < n ? h : -1;
    int32_t dl1 = s->lc1[d];
    int32_t hl1 = ch(s->lc1, hh);
#define L(i) ((uint64_t)((i) >= 0 ? s->label[i] : 0))
    uint64_t dls = s->lset[d];
    uint64_t hls = hh >= 0 ? s->lset[hh] : 0;
    uint64_t dt = D->x, ht = H->x;

    F1(2, dt); F1(3, D->l);
    F2(6, H->w, dir); F2(8, H->l, dir);
    F3(15, D->u, H->u, dir);
    F2(18, dls, dt);
    F2(21, L(dl1), dt); F3(22, a[dl1].l, dt, dir);
    F3(27, hls, ht, dir);
    F3(29, L(hl1), ht, dir);
    F3(32, a[d + 1 < n ? d + 1 : -1].x, dt, dir);
    F3(34, a[dl1].l, ht, dir); F3(35, a[dl1].l, H->l, dir);
    
    F2(42, D->u, dir); F4(44, D->u, H->u, dir, dist);
#undef L
    return k;
}
