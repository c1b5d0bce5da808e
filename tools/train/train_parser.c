/* train_parser.c: trains the dependency parser (averaged perceptron, dynamic
 * oracle) from CoNLL-U into data/en/parser.bin, and evaluates a model.
 *
 *   train-parser TRAIN.conllu OUT.bin [--epochs N] [--min-upd K] [--min-upd-lab K]
 *                [--dev DEV.conllu [--tagger T.bin] [--morph M.bin]] [--sweep]
 *   train-parser --eval MODEL.bin FILE.conllu [--tagger T.bin] [--morph M.bin]
 *
 * Training reads UPOS, XPOS and LEMMA from the file's columns (gold, or the
 * jackknifed predictions of train-tagger --jackknife, so the parser sees at
 * training time the kind of tags it will get at run time).  The oracle is
 * the arc-hybrid dynamic oracle (Goldberg & Nivre 2013) with exploration
 * from the second epoch (the model's wrong choice is followed 9 times in
 * 10); on a non-projective sentence it picks the transitions that lose the
 * fewest gold arcs, so the parser learns the best projective tree.  The
 * labeller learns from the arcs the parser makes that are right, choosing
 * among the labels seen in training for the arc's (head UPOS, dependent
 * UPOS, direction), and is not run when there is one.  Features
 * updated fewer than --min-upd (3) / --min-upd-lab (3) times are dropped and
 * the averaged weights stored as int16.  Deterministic: one thread, a fixed
 * seed orders the sentences.  --eval scores as CoNLL 2018 does (all words,
 * punctuation too; LAS compares the whole DEPREL, subtype included) and
 * times the parser alone (CPU time, best of three passes).
 */
#include "conllu.h"
#include "parser_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the corpus ------------------------------------------------------------- */

typedef struct tsent {
    rift_sw *w;
    int32_t *gh;          /* gold head, n = root */
    uint16_t *gl;         /* gold label id */
    char **gdeprel;       /* the DEPREL as written */
    int32_t n;
} tsent;

typedef struct corpus {
    RIFT_VEC(tsent) s;
    rift_arena mem;
    size_t words;
} corpus;

static char *labels[PARSER_MAX_LABELS];
static unsigned nlabels;

static unsigned label_id(const char *s, int add)
{
    for (unsigned i = 0; i < nlabels; i++)
        if (strcmp(labels[i], s) == 0)
            return i;
    if (!add || nlabels >= PARSER_MAX_LABELS)
        return 1;
    labels[nlabels] = rift_xstrdup(s);
    return nlabels++;
}

static int load_corpus(const char *path, corpus *c, int add_labels)
{
    conllu_reader *r = conllu_open(path);
    if (!r) {
        fprintf(stderr, "train-parser: %s: cannot open\n", path);
        return -1;
    }
    rift_arena_init(&c->mem);
    conllu_sent cs;
    int rc;
    while ((rc = conllu_next(r, &cs)) == 1) {
        if (cs.n == 0)
            continue;
        tsent t;
        t.n = (int32_t)cs.n;
        t.w = rift_arena_alloc(&c->mem, cs.n * sizeof *t.w);
        t.gh = rift_arena_alloc(&c->mem, cs.n * sizeof *t.gh);
        t.gl = rift_arena_alloc(&c->mem, cs.n * sizeof *t.gl);
        t.gdeprel = rift_arena_alloc(&c->mem, cs.n * sizeof *t.gdeprel);
        for (size_t i = 0; i < cs.n; i++) {
            conllu_word *cw = &cs.w[i];
            rift_sw *w = &t.w[i];
            w->len = (uint32_t)strlen(cw->form);
            w->form = rift_arena_strndup(&c->mem, cw->form, w->len);
            int u = rift_upos_id(cw->upos, strlen(cw->upos));
            int x = rift_xpos_id(cw->xpos, strlen(cw->xpos));
            w->upos = (uint8_t)(u > 0 ? u : 0);
            w->xpos = (uint8_t)(x > 0 ? x : 0);
            w->lemma = strcmp(cw->lemma, "_") ? rift_arena_strndup(&c->mem, cw->lemma, strlen(cw->lemma)) : NULL;
            w->feats = strcmp(cw->feats, "_") ? rift_arena_strndup(&c->mem, cw->feats, strlen(cw->feats)) : NULL;
            t.gh[i] = cw->head <= 0 || cw->head > (int)cs.n ? t.n : cw->head - 1;
            t.gdeprel[i] = rift_arena_strndup(&c->mem, cw->deprel, strlen(cw->deprel));
            t.gl[i] = (uint16_t)(t.gh[i] == t.n ? 0 : label_id(cw->deprel, add_labels));
            if (t.gh[i] != t.n && t.gl[i] == 0)
                t.gl[i] = 1;
        }
        rift_sw_prepare(t.w, cs.n);
        RIFT_VEC_PUSH(c->s, t);
        c->words += cs.n;
    }
    if (rc < 0)
        fprintf(stderr, "train-parser: %s\n", conllu_error(r));
    conllu_close(r);
    return rc < 0 ? -1 : 0;
}

/* ---- the training model: key -> linked list of (class, w, u) ------------ */

typedef struct tent {
    uint32_t next;
    uint32_t cls;
    float w;
    double u;
} tent;

typedef struct tslot {
    uint64_t key;         /* 0 = empty */
    uint32_t head;        /* first entry + 1 (0 = none) */
    uint32_t nupd;
} tslot;

typedef struct tmodel {
    tslot *slots;
    size_t nslots, used;
    RIFT_VEC(tent) e;
    uint32_t nclass;
    double c;             /* the update clock */
} tmodel;

static void tm_init(tmodel *m, uint32_t nclass)
{
    memset(m, 0, sizeof *m);
    m->nslots = 1u << 20;
    m->slots = calloc(m->nslots, sizeof *m->slots);
    m->nclass = nclass;
    m->c = 1;
}

static inline uint64_t fixkey(uint64_t k) { return k ? k : 1; }

static tslot *tm_find(const tmodel *m, uint64_t k)
{
    k = fixkey(k);
    size_t mask = m->nslots - 1;
    for (size_t j = (size_t)(k ^ (k >> 29)) & mask;; j = (j + 1) & mask) {
        if (m->slots[j].key == k)
            return &m->slots[j];
        if (m->slots[j].key == 0)
            return NULL;
    }
}

static tslot *tm_add(tmodel *m, uint64_t k)
{
    if ((m->used + 1) * 2 > m->nslots) {
        tslot *old = m->slots;
        size_t on = m->nslots;
        m->nslots *= 2;
        m->slots = calloc(m->nslots, sizeof *m->slots);
        m->used = 0;
        for (size_t i = 0; i < on; i++)
            if (old[i].key) {
                tslot *s = tm_add(m, old[i].key);
                *s = old[i];
            }
        free(old);
    }
    k = fixkey(k);
    size_t mask = m->nslots - 1;
    size_t j = (size_t)(k ^ (k >> 29)) & mask;
    while (m->slots[j].key && m->slots[j].key != k)
        j = (j + 1) & mask;
    if (!m->slots[j].key) {
        m->slots[j].key = k;
        m->used++;
    }
    return &m->slots[j];
}

static void tm_score(const tmodel *m, const uint64_t *f, int nf, float *sc)
{
    for (uint32_t c = 0; c < m->nclass; c++)
        sc[c] = 0;
    for (int i = 0; i < nf; i++) {
        const tslot *s = tm_find(m, f[i]);
        if (!s)
            continue;
        for (uint32_t e = s->head; e; e = m->e.v[e - 1].next)
            sc[m->e.v[e - 1].cls] += m->e.v[e - 1].w;
    }
}

static void tm_upd1(tmodel *m, tslot *s, uint32_t cls, float d)
{
    uint32_t e;
    for (e = s->head; e; e = m->e.v[e - 1].next)
        if (m->e.v[e - 1].cls == cls)
            break;
    if (!e) {
        tent t = {s->head, cls, 0, 0};
        RIFT_VEC_PUSH(m->e, t);
        e = (uint32_t)m->e.n;
        s->head = e;
    }
    m->e.v[e - 1].w += d;
    m->e.v[e - 1].u += m->c * d;
}

static void tm_update(tmodel *m, const uint64_t *f, int nf, uint32_t good, uint32_t bad)
{
    for (int i = 0; i < nf; i++) {
        tslot *s = tm_add(m, f[i]);
        tm_upd1(m, s, good, 1);
        tm_upd1(m, s, bad, -1);
        s->nupd++;
    }
}

/* ---- the oracle: how many reachable gold arcs a transition loses ---------- */

typedef struct gold {
    const int32_t *gh;
    int32_t *dstart, *deps;   /* gold dependents of each word (CSR) */
    uint8_t *instack;
} gold;

static int deps_in_buffer(const gold *g, const pstate *s, int32_t x)
{
    int c = 0;
    for (int32_t i = g->dstart[x]; i < g->dstart[x + 1]; i++)
        c += g->deps[i] >= s->b;
    return c;
}

static int deps_in_stack(const gold *g, int32_t x)
{
    int c = 0;
    for (int32_t i = g->dstart[x]; i < g->dstart[x + 1]; i++)
        c += g->instack[g->deps[i]];
    return c;
}

static int cost(const gold *g, const pstate *s, int t)
{
    int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
    int32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
    int32_t b0 = s->b;
    if (t == PT_SHIFT) {
        int32_t h = g->gh[b0];
        return (h < s->n && h != s0 && g->instack[h]) + deps_in_stack(g, b0);
    }
    int32_t h = g->gh[s0];
    if (t == PT_LEFT)
        return (h != b0 && (h == s1 || h > b0)) + deps_in_buffer(g, s, s0);
    return (h >= b0) + deps_in_buffer(g, s, s0);
}

/* ---- label candidates: the labels of each context in the training data ---- */

static unsigned char cseen[PARSER_NCTX][PARSER_MAX_LABELS];
static uint32_t cstart[PARSER_NCTX + 2];
static uint8_t cands[PARSER_NCTX * PARSER_MAX_LABELS + PARSER_MAX_LABELS];

static void build_cands(const corpus *c)
{
    for (size_t i = 0; i < c->s.n; i++) {
        const tsent *t = &c->s.v[i];
        for (int32_t d = 0; d < t->n; d++) {
            int32_t h = t->gh[d];
            if (h == t->n)
                continue;
            unsigned cx = parser_ctx(parser_u(t->w[h].upos), parser_u(t->w[d].upos), d < h);
            cseen[cx][t->gl[d]] = 1;
        }
    }
    uint32_t at = 0;
    for (unsigned cx = 0; cx < PARSER_NCTX; cx++) {
        cstart[cx] = at;
        for (unsigned l = 1; l < nlabels; l++)
            if (cseen[cx][l])
                cands[at++] = (uint8_t)l;
    }
    cstart[PARSER_NCTX] = at;
    for (unsigned l = 1; l < nlabels; l++)
        cands[at++] = (uint8_t)l;
    cstart[PARSER_NCTX + 1] = at;
}

/* ---- training --------------------------------------------------------------- */

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

typedef struct trainer {
    tmodel tm, lm;
    long tdec, terr, ldec, lerr;
} trainer;

static int best_legal(const float *sc, unsigned mask, int n)
{
    int b = -1;
    for (int c = 0; c < n; c++)
        if ((mask >> c & 1u) && (b < 0 || sc[c] > sc[b]))
            b = c;
    return b;
}

static void train_sent(trainer *tr, const tsent *ts, int epoch, rift_arena *scratch)
{
    int32_t n = ts->n;
    pstate s;
    pstate_init(&s, n, rift_arena_alloc_raw(scratch, pstate_size(n)));
    pword *atoms = rift_arena_alloc_raw(scratch, ((size_t)n + 2) * sizeof *atoms);
    pstate_atoms(&s, atoms, ts->w, (size_t)n);
    gold g;
    g.gh = ts->gh;
    g.dstart = rift_arena_alloc(scratch, ((size_t)n + 2) * sizeof *g.dstart);
    g.deps = rift_arena_alloc(scratch, ((size_t)n + 1) * sizeof *g.deps);
    g.instack = rift_arena_alloc(scratch, (size_t)n + 1);
    for (int32_t i = 0; i < n; i++)
        g.dstart[ts->gh[i] + 1]++;
    for (int32_t i = 0; i <= n; i++)
        g.dstart[i + 1] += g.dstart[i];
    int32_t *fill = rift_arena_alloc(scratch, ((size_t)n + 1) * sizeof *fill);
    for (int32_t i = 0; i < n; i++) {
        int32_t h = ts->gh[i];
        g.deps[g.dstart[h] + fill[h]++] = i;
    }
    uint64_t f[PARSER_MAX_FEATS];
    float sc[PARSER_MAX_LABELS];
    int explore = epoch >= 2;
    for (;;) {
        unsigned legal = pstate_legal(&s);
        if (!legal)
            break;
        int t;
        if ((legal & (legal - 1)) == 0) {
            t = legal == 1u ? 0 : legal == 2u ? 1 : 2;
        } else {
            int nf = parser_tfeats(&s, f, NULL);
            tm_score(&tr->tm, f, nf, sc);
            int p = best_legal(sc, legal, PT_NTRANS);
            int cs[PT_NTRANS], minc = 1 << 30;
            for (int c = 0; c < PT_NTRANS; c++)
                if (legal >> c & 1u) {
                    cs[c] = cost(&g, &s, c);
                    if (cs[c] < minc)
                        minc = cs[c];
                }
            unsigned gmask = 0;
            for (int c = 0; c < PT_NTRANS; c++)
                if ((legal >> c & 1u) && cs[c] == minc)
                    gmask |= 1u << c;
            int gbest = best_legal(sc, gmask, PT_NTRANS);
            tr->tdec++;
            t = gbest;
            if (!(gmask >> p & 1u)) {
                tr->terr++;
                tm_update(&tr->tm, f, nf, (uint32_t)gbest, (uint32_t)p);
                if (explore && rnd() % 10 < 9)
                    t = p;
            }
            tr->tm.c++;
        }
        if (t == PT_SHIFT) {
            g.instack[s.b] = 1;
            pstate_apply(&s, t);
            continue;
        }
        int32_t d = s.stack[s.sp - 1];
        int32_t h = t == PT_LEFT ? s.b : s.stack[s.sp - 2];
        unsigned lab = 0;
        if (h != n) {
            unsigned cx = parser_ctx(s.a[h].u, s.a[d].u, d < h);
            const uint8_t *cand = cands + cstart[cx];
            unsigned ncand = cstart[cx + 1] - cstart[cx];
            if (ncand == 0) {
                cand = cands + cstart[PARSER_NCTX];
                ncand = cstart[PARSER_NCTX + 1] - cstart[PARSER_NCTX];
            }
            lab = cand[0];
            if (ncand > 1) {
                int nf = parser_lfeats(&s, h, d, f, NULL);
                tm_score(&tr->lm, f, nf, sc);
                unsigned p = cand[0];
                for (unsigned q = 1; q < ncand; q++)
                    if (sc[cand[q]] > sc[p])
                        p = cand[q];
                lab = p;
                if (ts->gh[d] == h) {
                    tr->ldec++;
                    if (p != ts->gl[d]) {
                        tr->lerr++;
                        tm_update(&tr->lm, f, nf, ts->gl[d], p);
                    }
                    tr->lm.c++;
                    if (!explore)
                        lab = ts->gl[d];
                }
            } else if (ts->gh[d] == h && !explore) {
                lab = ts->gl[d];
            }
        }
        g.instack[d] = 0;
        pstate_apply(&s, t);
        pstate_label(&s, d, lab);
    }
}

/* ---- export -------------------------------------------------------------- */

static void put32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, f);
}

static void put16(FILE *f, uint16_t v)
{
    unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    fwrite(b, 1, 2, f);
}

static void putf(FILE *f, float x)
{
    uint32_t bits;
    memcpy(&bits, &x, 4);
    put32(f, bits);
}

/* the scale that maps the largest averaged weight to 32000 */
static double weight_scale(const tmodel *m)
{
    double maxw = 0;
    for (size_t i = 0; i < m->e.n; i++) {
        double a = fabs(m->e.v[i].w - m->e.v[i].u / m->c);
        if (a > maxw)
            maxw = a;
    }
    return maxw > 0 ? maxw / 32000.0 : 1.0;
}

static int16_t quant(const tmodel *m, const tent *t, double scale)
{
    long q = lround((t->w - t->u / m->c) / scale);
    return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

static size_t count_kept(const tmodel *m, uint32_t min_upd)
{
    size_t nf = 0;
    for (size_t i = 0; i < m->nslots; i++)
        if (m->slots[i].key && m->slots[i].nupd >= min_upd)
            nf++;
    return nf;
}

/* the first free slot at or after k's home bucket (load < 1: one exists) */
static uint32_t free_slot(const uint16_t *chk16, const uint32_t *chk32,
                          uint64_t k, uint32_t nb, uint32_t *slot)
{
    for (uint32_t j = pclass_home(k, nb);; j = j + 1 == nb ? 0 : j + 1)
        for (uint32_t q = 0; q < PB_SLOTS; q++)
            if (chk16 ? chk16[(size_t)j * PB_SLOTS + q] == 0
                      : chk32[(size_t)j * PB_SLOTS + q] == 0) {
                *slot = q;
                return j;
            }
}

/* the transition classifier, averaged, pruned and int16-quantised */
static void export_trans(FILE *out, const tmodel *m, uint32_t min_upd)
{
    double scale = weight_scale(m);
    size_t nf = count_kept(m, min_upd);
    uint32_t nb = (uint32_t)(nf * 10 / (7 * PB_SLOTS) + 2);   /* load 0.7 */
    uint16_t *chk = calloc((size_t)nb * PB_SLOTS, 2);
    int16_t *w = calloc((size_t)nb * PB_SLOTS * 3, 2);
    size_t kept = 0;
    for (size_t i = 0; i < m->nslots; i++) {
        const tslot *s = &m->slots[i];
        if (!s->key || s->nupd < min_upd)
            continue;
        int16_t w3[3] = {0, 0, 0};
        int any = 0;
        for (uint32_t e = s->head; e; e = m->e.v[e - 1].next) {
            const tent *t = &m->e.v[e - 1];
            w3[t->cls] = quant(m, t, scale);
            any |= w3[t->cls] != 0;
        }
        if (!any)
            continue;
        uint32_t q, j = free_slot(chk, NULL, s->key, nb, &q);
        size_t at = (size_t)j * PB_SLOTS + q;
        chk[at] = pclass_check16(s->key);
        memcpy(w + at * 3, w3, sizeof w3);
        kept++;
    }
    put32(out, nb);
    putf(out, (float)scale);
    for (uint32_t j = 0; j < nb; j++) {
        for (uint32_t q = 0; q < PB_SLOTS; q++)
            put16(out, chk[(size_t)j * PB_SLOTS + q]);
        for (uint32_t q = 0; q < PB_SLOTS * 3; q++)
            put16(out, (uint16_t)w[(size_t)j * PB_SLOTS * 3 + q]);
    }
    fprintf(stderr, "train-parser: transitions: %zu features kept of %zu, %u buckets\n",
            kept, m->used, nb);
    free(chk);
    free(w);
}

/* the labeller: short lists of (label, weight), dense rows for long ones */
static void export_lab(FILE *out, const tmodel *m, uint32_t min_upd)
{
    double scale = weight_scale(m);
    size_t nf = count_kept(m, min_upd);
    uint32_t npad = PARSER_LPAD(m->nclass);
    uint32_t nb = (uint32_t)(nf * 10 / (8 * PB_SLOTS) + 2);
    uint32_t *chk = calloc((size_t)nb * PB_SLOTS, 4);
    uint32_t *ref = calloc((size_t)nb * PB_SLOTS, 4);
    RIFT_VEC(uint32_t) ent = {0};
    RIFT_VEC(int16_t) dense = {0};
    size_t kept = 0, ndense = 0;
    int16_t row[PARSER_MAX_LABELS];
    for (size_t i = 0; i < m->nslots; i++) {
        const tslot *s = &m->slots[i];
        if (!s->key || s->nupd < min_upd)
            continue;
        memset(row, 0, sizeof row);
        uint32_t len = 0;
        for (uint32_t e = s->head; e; e = m->e.v[e - 1].next) {
            const tent *t = &m->e.v[e - 1];
            row[t->cls] = quant(m, t, scale);
            len += row[t->cls] != 0;
        }
        if (len == 0)
            continue;
        uint32_t r;
        if (len * 4 >= npad) {
            r = PL_DENSE | (uint32_t)ndense++;
            for (uint32_t c = 0; c < npad; c++)
                RIFT_VEC_PUSH(dense, row[c]);
        } else {
            r = (uint32_t)ent.n << 8 | len;
            for (uint32_t c = 0; c < m->nclass; c++)
                if (row[c]) {
                    uint32_t v = c << 16 | (uint16_t)row[c];
                    RIFT_VEC_PUSH(ent, v);
                }
        }
        uint32_t q, j = free_slot(NULL, chk, s->key, nb, &q);
        size_t at = (size_t)j * PB_SLOTS + q;
        chk[at] = pclass_check(s->key);
        ref[at] = r;
        kept++;
    }
    put32(out, m->nclass);
    put32(out, nb);
    put32(out, (uint32_t)ent.n);
    put32(out, (uint32_t)ndense);
    putf(out, (float)scale);
    for (uint32_t j = 0; j < nb; j++) {
        for (uint32_t q = 0; q < PB_SLOTS; q++)
            put32(out, chk[(size_t)j * PB_SLOTS + q]);
        for (uint32_t q = 0; q < PB_SLOTS; q++)
            put32(out, ref[(size_t)j * PB_SLOTS + q]);
    }
    for (size_t i = 0; i < ent.n; i++)
        put32(out, ent.v[i]);
    for (size_t i = 0; i < dense.n; i++)
        put16(out, (uint16_t)dense.v[i]);
    fprintf(stderr, "train-parser: labels: %zu features kept of %zu, %zu weights, %zu dense rows, %u buckets\n",
            kept, m->used, ent.n, ndense, nb);
    free(chk);
    free(ref);
    free(ent.v);
    free(dense.v);
}

static int write_model(const char *path, const trainer *tr, uint32_t min_upd,
                       uint32_t min_upd_lab)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return -1;
    }
    fwrite(PARSER_MAGIC, 1, 8, f);
    put32(f, PARSER_VERSION);
    put32(f, nlabels);
    for (unsigned i = 0; i < nlabels; i++) {
        size_t l = strlen(labels[i]);
        fputc((int)l, f);
        fwrite(labels[i], 1, l, f);
    }
    export_trans(f, &tr->tm, min_upd);
    export_lab(f, &tr->lm, min_upd_lab);
    put32(f, PARSER_NCTX);
    for (unsigned cx = 0; cx < PARSER_NCTX; cx++) {
        fputc((int)(cstart[cx + 1] - cstart[cx]), f);
        fwrite(cands + cstart[cx], 1, cstart[cx + 1] - cstart[cx], f);
    }
    if (fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

/* ---- evaluation ------------------------------------------------------------- */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* CPU time of this thread: the speed on a shared machine */
static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int evaluate(const char *model, const char *path, const char *tagger_path,
                    const char *morph_path)
{
    char err[512];
    rift_parser *p;
    double t0 = now();
    if (rift_parser_load(model, &p, err, sizeof err) != RIFT_OK) {
        fprintf(stderr, "train-parser: %s\n", err);
        return 1;
    }
    double tload = now() - t0;
    rift_tagger *tg = NULL;
    rift_morph *mo = NULL;
    if (tagger_path && rift_tagger_load(tagger_path, &tg, err, sizeof err) != RIFT_OK) {
        fprintf(stderr, "train-parser: %s\n", err);
        return 1;
    }
    if (morph_path && rift_morph_load(morph_path, &mo, err, sizeof err) != RIFT_OK) {
        fprintf(stderr, "train-parser: %s\n", err);
        return 1;
    }
    corpus c = {0};
    if (load_corpus(path, &c, 0) < 0)
        return 1;
    rift_arena scratch;
    rift_arena_init(&scratch);
    long words = 0, uas = 0, las = 0, tagok = 0;
    double tparse = 0;
    for (size_t i = 0; i < c.s.n; i++) {
        tsent *t = &c.s.v[i];
        size_t n = (size_t)t->n;
        if (tg) {
            uint8_t gx[1024];
            for (size_t k = 0; k < n && k < sizeof gx; k++)
                gx[k] = t->w[k].xpos;
            rift_tagger_tag(tg, t->w, n, &scratch);
            for (size_t k = 0; k < n && k < sizeof gx; k++)
                tagok += gx[k] == t->w[k].xpos;
        }
        if (mo)
            rift_morph_run(mo, t->w, n, &scratch);
        double a = cpu_now();
        rift_parser_parse(p, t->w, n, &scratch);
        tparse += cpu_now() - a;
        for (size_t k = 0; k < n; k++) {
            int32_t gh = t->gh[k] == t->n ? -1 : t->gh[k];
            words++;
            if (t->w[k].head == gh) {
                uas++;
                las += strcmp(t->w[k].deprel, t->gdeprel[k]) == 0;
            }
        }
        rift_arena_release(&scratch);
        rift_arena_init(&scratch);
    }
    /* speed: the best of three more passes over the (now tagged) sentences */
    for (int pass = 0; pass < 3; pass++) {
        double a = cpu_now();
        for (size_t i = 0; i < c.s.n; i++) {
            rift_parser_parse(p, c.s.v[i].w, (size_t)c.s.v[i].n, &scratch);
            if (i % 64 == 63) {
                rift_arena_release(&scratch);
                rift_arena_init(&scratch);
            }
        }
        double el = cpu_now() - a;
        if (el < tparse)
            tparse = el;
    }
    rift_arena_release(&scratch);
    printf("%s: %ld words, UAS %.2f LAS %.2f", path, words, 100.0 * uas / words,
           100.0 * las / words);
    if (tg)
        printf(" (predicted tags: XPOS %.2f)", 100.0 * tagok / words);
    printf(", parse %.0f tokens/s (CPU time), load %.1f ms\n", words / tparse, tload * 1000);
    fflush(stdout);
    rift_parser_free(p);
    rift_tagger_free(tg);
    rift_morph_free(mo);
    rift_arena_release(&c.mem);
    free(c.s.v);
    return 0;
}

/* ---- main ------------------------------------------------------------------- */

static int usage(void)
{
    fprintf(stderr,
            "usage: train-parser TRAIN.conllu OUT.bin [--epochs N] [--min-upd K] [--min-upd-lab K]\n"
            "                    [--dev DEV.conllu [--tagger T.bin] [--morph M.bin]] [--sweep]\n"
            "       train-parser --eval MODEL.bin FILE.conllu [--tagger T.bin] [--morph M.bin]\n");
    return 2;
}


int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "--eval") == 0) {
        const char *tg = NULL, *mo = NULL;
        for (int i = 4; i + 1 < argc; i += 2) {
            if (strcmp(argv[i], "--tagger") == 0)
                tg = argv[i + 1];
            else if (strcmp(argv[i], "--morph") == 0)
                mo = argv[i + 1];
            else
                return usage();
        }
        return evaluate(argv[2], argv[3], tg, mo);
    }
    if (argc < 3)
        return usage();
    int epochs = 12;
    uint32_t min_upd = 3, min_upd_lab = 3;
    const char *dev = NULL, *dev_tagger = NULL, *dev_morph = NULL;
    int sweep = 0;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--sweep") == 0) {   /* OUT.minK for K = 1..8 */
            sweep = 1;
            continue;
        }
        if (strcmp(argv[i], "--epochs") == 0 && i + 1 < argc)
            epochs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--min-upd") == 0 && i + 1 < argc)
            min_upd = (uint32_t)atoi(argv[++i]);
        else if (strcmp(argv[i], "--min-upd-lab") == 0 && i + 1 < argc)
            min_upd_lab = (uint32_t)atoi(argv[++i]);
        else if (strcmp(argv[i], "--dev") == 0 && i + 1 < argc)
            dev = argv[++i];
        else if (strcmp(argv[i], "--tagger") == 0 && i + 1 < argc)
            dev_tagger = argv[++i];
        else if (strcmp(argv[i], "--morph") == 0 && i + 1 < argc)
            dev_morph = argv[++i];
        else
            return usage();
    }
    labels[0] = rift_xstrdup("root");
    labels[1] = rift_xstrdup("dep");
    nlabels = 2;
    corpus c = {0};
    double t0 = now();
    if (load_corpus(argv[1], &c, 1) < 0)
        return 1;
    fprintf(stderr, "train-parser: %zu sentences, %zu words, %u labels\n",
            c.s.n, c.words, nlabels);
    build_cands(&c);
    trainer tr;
    memset(&tr, 0, sizeof tr);
    tm_init(&tr.tm, PT_NTRANS);
    tm_init(&tr.lm, nlabels);
    size_t *order = rift_xmalloc(c.s.n * sizeof *order);
    for (size_t i = 0; i < c.s.n; i++)
        order[i] = i;
    rift_arena scratch;
    rift_arena_init(&scratch);
    for (int ep = 1; ep <= epochs; ep++) {
        for (size_t i = c.s.n; i > 1; i--) {
            size_t j = (size_t)(rnd() % i);
            size_t x = order[i - 1];
            order[i - 1] = order[j];
            order[j] = x;
        }
        tr.tdec = tr.terr = tr.ldec = tr.lerr = 0;
        for (size_t i = 0; i < c.s.n; i++) {
            train_sent(&tr, &c.s.v[order[i]], ep, &scratch);
            if (i % 64 == 63) {
                rift_arena_release(&scratch);
                rift_arena_init(&scratch);
            }
        }
        fprintf(stderr, "train-parser: epoch %d: transition errors %.2f%%, label errors %.2f%%, %.0f s\n",
                ep, 100.0 * tr.terr / (tr.tdec ? tr.tdec : 1),
                100.0 * tr.lerr / (tr.ldec ? tr.ldec : 1), now() - t0);
        if (dev && !sweep && (ep % 3 == 0 || ep == epochs)) {
            if (write_model(argv[2], &tr, min_upd, min_upd_lab) < 0)
                return 1;
            evaluate(argv[2], dev, dev_tagger, dev_morph);
        }
    }
    rift_arena_release(&scratch);
    for (uint32_t k = 1; sweep && k <= 8; k++) {
        char name[4096];
        snprintf(name, sizeof name, "%s.min%u", argv[2], k);
        if (write_model(name, &tr, k, k < min_upd_lab ? k : min_upd_lab) < 0)
            return 1;
        if (dev)
            evaluate(name, dev, dev_tagger, dev_morph);
    }
    if (write_model(argv[2], &tr, min_upd, min_upd_lab) < 0)
        return 1;
    fprintf(stderr, "train-parser: wrote %s in %.0f s\n", argv[2], now() - t0);
    return 0;
}
