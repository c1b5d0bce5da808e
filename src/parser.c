/* parser.c: the dependency parser at run time: loads data/en/parser.bin and
 * parses tagged sentences greedily (arc-hybrid, see parser_impl.h).
 */
#include "parser_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pclass_score(const pclass *c, const uint64_t *f, int nf, int32_t *scores)
{
    uint32_t idx[PARSER_MAX_FEATS];
    const uint32_t *slots = c->slots;
    uint32_t ns = c->nslots;
    /* (parser_tfeats/lfeats have started the memory loads already) */
    for (int i = 0; i < nf; i++)
        idx[i] = pclass_home(f[i], ns);
    if (c->inl) {
        for (int i = 0; i < nf; i++) {
            uint32_t chk = pclass_check16(f[i]);
            for (uint32_t j = idx[i];;) {
                const uint32_t *sl = slots + (size_t)j * 2;
                uint32_t sc = sl[0] & 0xFFFFu;
                if (sc == chk) {
                    scores[0] += (int16_t)(uint16_t)(sl[0] >> 16);
                    scores[1] += (int16_t)(uint16_t)(sl[1] & 0xFFFFu);
                    scores[2] += (int16_t)(uint16_t)(sl[1] >> 16);
                    break;
                }
                if (sc == 0)
                    break;
                if (++j == ns)
                    j = 0;
            }
        }
        return;
    }
    uint32_t found[PARSER_MAX_FEATS];
    int nfound = 0;
    for (int i = 0; i < nf; i++) {
        uint32_t chk = pclass_check(f[i]);
        for (uint32_t j = idx[i];;) {
            const uint32_t *sl = slots + (size_t)j * 2;
            if (sl[0] == chk) {
                found[nfound++] = sl[1];
                __builtin_prefetch(c->entries + (sl[1] >> 8));
                break;
            }
            if (sl[0] == 0)
                break;
            if (++j == ns)
                j = 0;
        }
    }
    for (int i = 0; i < nfound; i++) {
        const uint32_t *e = c->entries + (found[i] >> 8);
        for (uint32_t q = 0, len = found[i] & 255u; q < len; q++)
            scores[e[q] >> 16] += (int16_t)(uint16_t)(e[q] & 0xFFFFu);
    }
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

static uint32_t *rdarr(reader *r, size_t count)
{
    if (r->bad || count > (size_t)(r->end - r->p) / 4) {
        r->bad = 1;
        return NULL;
    }
    uint32_t *a = rift_xmalloc(count ? count * 4 : 4);
    const uint16_t one = 1;
    if (*(const unsigned char *)&one == 1) {     /* a little-endian host */
        memcpy(a, r->p, count * 4);
        r->p += count * 4;
    } else {
        for (size_t i = 0; i < count; i++)
            a[i] = rd32(r);
    }
    return a;
}

static const char *load_class(reader *r, pclass *c, uint32_t nclass_max)
{
    c->nclass = rd32(r);
    c->nslots = rd32(r);
    c->nentries = rd32(r);
    uint32_t sc = rd32(r);
    memcpy(&c->scale, &sc, 4);
    if (r->bad)
        return "truncated";
    if (c->nclass == 0 || c->nclass > nclass_max || c->nslots == 0 ||
        c->nslots > (1u << 28) || c->nentries > (1u << 24) ||
        (c->nclass <= PCLASS_INLINE_MAX && c->nentries != 0))
        return "bad classifier header";
    c->inl = c->nclass <= PCLASS_INLINE_MAX;
    c->slots = rdarr(r, (size_t)c->nslots * 2);
    c->entries = rdarr(r, c->nentries);
    if (r->bad)
        return "truncated";
    uint32_t used = 0;
    for (uint32_t i = 0; i < c->nslots; i++) {
        const uint32_t *sl = c->slots + (size_t)i * 2;
        if ((c->inl ? sl[0] & 0xFFFFu : sl[0]) == 0)
            continue;
        used++;
        if (!c->inl && (uint64_t)(sl[1] >> 8) + (sl[1] & 255u) > c->nentries)
            return "entry list out of range";
    }
    if (used == c->nslots)
        return "hash table full";   /* a lookup could loop forever */
    for (uint32_t i = 0; i < c->nentries; i++)
        if ((c->entries[i] >> 16) >= c->nclass)
            return "class out of range";
    return NULL;
}

static void free_class(pclass *c)
{
    free(c->slots);
    free(c->entries);
    c->slots = c->entries = NULL;
}

void rift_parser_free(rift_parser *p)
{
    if (!p)
        return;
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
    const char *why = load_class(&r, &p->trans, PT_NTRANS);
    if (!why && p->trans.nclass != PT_NTRANS)
        why = "bad transition classifier";
    if (!why)
        why = load_class(&r, &p->lab, nl);
    if (!why && p->lab.nclass != nl)
        why = "bad label classifier";
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
            pclass_score(&p->trans, f, nf, sc);
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
            int nf = parser_lfeats(&s, h, d, f, &p->lab);
            memset(sc, 0, nl * sizeof sc[0]);
            pclass_score(&p->lab, f, nf, sc);
            lab = 1;
            for (uint32_t c = 2; c < nl; c++)
                if (sc[c] > sc[lab])
                    lab = c;
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
