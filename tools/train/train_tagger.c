/* train_tagger.c: trains the part-of-speech tagger (averaged perceptron,
 * joint UPOS+XPOS classes) from CoNLL-U, evaluates it, or jackknifes tags.
 *
 *   train-tagger TRAIN.conllu OUT.bin           train (deterministic)
 *   train-tagger --eval FILE.conllu MODEL.bin   accuracy and speed
 *   train-tagger --jackknife K TRAIN.conllu     TRAIN with UPOS/XPOS predicted
 *                                               by K-1 folds, to stdout
 * While developing, TG_EPOCHS, TG_AMB_MIN, ... (see settings()) override the
 * settings and TG_ERRORS=1 makes --eval list the UPOS errors.
 */
#include "conllu.h"
#include "syntax.h"
#include "tagger_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* settings (the environment may override them while developing) */
static int EPOCHS = 10;
static int AMB_MIN = 1;            /* words seen this often get an ambiguity class */
static double AMB_SHARE = 5;       /* of the classes they had this % of the time */
static int DICT_MIN = 10;          /* a word seen this often ... */
static double DICT_SHARE = 0.99;   /* ... with one class this share is fixed */
static int MIN_FEAT = 2;           /* features seen fewer times (per epoch) dropped */
static double MIN_WEIGHT = 0.02;   /* averaged weights smaller than this dropped */
static int CAND_MIN = 20;          /* words seen this often are scored only ... */
static double CAND_SHARE = 0;      /* ... for the classes they had more often */

static void settings(void)
{
    const char *e;
    if ((e = getenv("TG_EPOCHS")))
        EPOCHS = atoi(e);
    if ((e = getenv("TG_AMB_MIN")))
        AMB_MIN = atoi(e);
    if ((e = getenv("TG_AMB_SHARE")))
        AMB_SHARE = atof(e);
    if ((e = getenv("TG_DICT_MIN")))
        DICT_MIN = atoi(e);
    if ((e = getenv("TG_DICT_SHARE")))
        DICT_SHARE = atof(e);
    if ((e = getenv("TG_MIN_FEAT")))
        MIN_FEAT = atoi(e);
    if ((e = getenv("TG_MIN_WEIGHT")))
        MIN_WEIGHT = atof(e);
    if ((e = getenv("TG_CAND_MIN")))
        CAND_MIN = atoi(e);
    if ((e = getenv("TG_CAND_SHARE")))
        CAND_SHARE = atof(e);
}

/* ---- the corpus ------------------------------------------------------- */

typedef struct sent {
    rift_sw *w;
    uint8_t *gu, *gx;      /* gold upos, xpos */
    int *cls;              /* gold class */
    size_t n;
} sent;

typedef struct corpus {
    sent *s;
    size_t n, cap;
    size_t ntok;
} corpus;

static void die(const char *fmt, const char *a)
{
    fprintf(stderr, "train-tagger: ");
    fprintf(stderr, fmt, a);
    fputc('\n', stderr);
    exit(1);
}

static void load_corpus(const char *path, corpus *c)
{
    conllu_reader *r = conllu_open(path);
    if (!r)
        die("%s: cannot open", path);
    conllu_sent cs;
    int rc;
    memset(c, 0, sizeof *c);
    while ((rc = conllu_next(r, &cs)) == 1) {
        if (cs.n == 0)
            continue;
        if (c->n == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 1024;
            c->s = rift_xrealloc(c->s, c->cap * sizeof *c->s);
        }
        sent *s = &c->s[c->n++];
        s->n = cs.n;
        s->w = rift_xmalloc(cs.n * sizeof *s->w);
        s->gu = rift_xmalloc(cs.n);
        s->gx = rift_xmalloc(cs.n);
        s->cls = rift_xmalloc(cs.n * sizeof *s->cls);
        memset(s->w, 0, cs.n * sizeof *s->w);
        for (size_t i = 0; i < cs.n; i++) {
            const conllu_word *cw = &cs.w[i];
            s->w[i].form = rift_xstrdup(cw->form);
            s->w[i].len = (uint32_t)strlen(cw->form);
            int u = rift_upos_id(cw->upos, strlen(cw->upos));
            int x = rift_xpos_id(cw->xpos, strlen(cw->xpos));
            s->gu[i] = (uint8_t)(u < 0 ? 0 : u);
            s->gx[i] = (uint8_t)(x < 0 ? 0 : x);
        }
        rift_sw_prepare(s->w, s->n);
        c->ntok += s->n;
    }
    if (rc < 0)
        die("%s", conllu_error(r));
    conllu_close(r);
}

static void free_corpus(corpus *c)
{
    for (size_t k = 0; k < c->n; k++) {
        for (size_t i = 0; i < c->s[k].n; i++)
            free((char *)c->s[k].w[i].form);
        free(c->s[k].w);
        free(c->s[k].gu);
        free(c->s[k].gx);
        free(c->s[k].cls);
    }
    free(c->s);
}

/* ---- the classes -------------------------------------------------------- */

typedef struct classes {
    int n;
    uint8_t u[TG_MAX_CLASSES], x[TG_MAX_CLASSES];
} classes;

/* Classes = the (upos, xpos) pairs seen at least twice, most frequent
 * first; each word's gold class set (a rare pair maps to the most frequent
 * class of its xpos, else of its upos). */
static void make_classes(corpus *c, const size_t *use, size_t nuse, classes *k)
{
    static long cnt[RIFT_N_UPOS][RIFT_N_XPOS];
    memset(cnt, 0, sizeof cnt);
    for (size_t j = 0; j < nuse; j++) {
        sent *s = &c->s[use[j]];
        for (size_t i = 0; i < s->n; i++)
            cnt[s->gu[i]][s->gx[i]]++;
    }
    k->n = 0;
    for (;;) {
        long best = 1;
        int bu = -1, bx = -1;
        for (int u = 0; u < RIFT_N_UPOS; u++)
            for (int x = 0; x < RIFT_N_XPOS; x++)
                if (cnt[u][x] > best) {
                    best = cnt[u][x];
                    bu = u;
                    bx = x;
                }
        if (bu < 0 || k->n == TG_MAX_CLASSES)
            break;
        k->u[k->n] = (uint8_t)bu;
        k->x[k->n] = (uint8_t)bx;
        k->n++;
        cnt[bu][bx] = -cnt[bu][bx];
    }
    for (size_t j = 0; j < c->n; j++) {
        sent *s = &c->s[j];
        for (size_t i = 0; i < s->n; i++) {
            int by_x = -1, by_u = -1, exact = -1;
            for (int m = 0; m < k->n; m++) {
                if (k->u[m] == s->gu[i] && k->x[m] == s->gx[i])
                    exact = m;
                if (by_x < 0 && k->x[m] == s->gx[i])
                    by_x = m;
                if (by_u < 0 && k->u[m] == s->gu[i])
                    by_u = m;
            }
            s->cls[i] = exact >= 0 ? exact : by_x >= 0 ? by_x : by_u >= 0 ? by_u : 0;
        }
    }
}

/* ---- the perceptron ----------------------------------------------------- */

typedef struct wentry {
    int cls;
    int32_t w;
    int32_t ts;
    int64_t tot;
} wentry;

typedef struct feat {
    uint64_t h;
    wentry *e;
    uint32_t n, cap;
    uint32_t seen;
    float *avg;             /* after averaging: one per entry */
} feat;

/* the lexicon: word hash -> fixed class, ambiguity class */
typedef struct lex {
    uint64_t *dk;
    int *dc;                /* fixed class, -1 none, -2 empty slot */
    uint32_t *da;           /* ambiguity class */
    uint32_t *ds;           /* candidate set + 1 (0: all classes) */
    size_t dcap;
} lex;

#define LEX_FOLDS 5

typedef struct model {
    classes k;
    feat *f;                /* open addressing on h; h == 0 empty */
    size_t cap, used;
    lex lx;                 /* from all the training data: in the model */
    lex fold[LEX_FOLDS];    /* without fold k: ambiguity classes in training */
    lex cx, cfold[LEX_FOLDS];   /* the same for the words as written */
    uint64_t *ak;           /* ambiguity classes: set hash -> id */
    uint32_t *av;
    size_t acap, namb;
    uint8_t (*cs)[TG_SET];  /* candidate sets: count, classes ascending */
    size_t ncs;
    uint64_t *csk;          /* set hash -> id + 1 */
    uint32_t *csv;
    int32_t now;
} model;

static feat *find_feat(model *m, uint64_t h, bool add)
{
    if (h == 0)
        h = 1;
    if (add && 2 * (m->used + 1) > m->cap) {
        size_t oc = m->cap;
        feat *of = m->f;
        m->cap = oc ? 2 * oc : (1u << 20);
        m->f = rift_xmalloc(m->cap * sizeof *m->f);
        memset(m->f, 0, m->cap * sizeof *m->f);
        for (size_t i = 0; i < oc; i++) {
            if (!of[i].h)
                continue;
            size_t s = of[i].h & (m->cap - 1);
            while (m->f[s].h)
                s = (s + 1) & (m->cap - 1);
            m->f[s] = of[i];
        }
        free(of);
    }
    if (!m->cap)
        return NULL;
    size_t s = h & (m->cap - 1);
    while (m->f[s].h) {
        if (m->f[s].h == h)
            return &m->f[s];
        s = (s + 1) & (m->cap - 1);
    }
    if (!add)
        return NULL;
    m->f[s].h = h;
    m->used++;
    return &m->f[s];
}

/* the lexicon entry of word hash h: its slot, or -1 */
static long dict_slot(const lex *m, uint64_t h)
{
    if (!m->dcap)
        return -1;
    size_t s = h & (m->dcap - 1);
    while (m->dc[s] != -2) {
        if (m->dk[s] == h)
            return (long)s;
        s = (s + 1) & (m->dcap - 1);
    }
    return -1;
}

/* word hash -> counts per class, for the dictionary */
typedef struct wcount {
    uint64_t h, raw;
    int *c;
} wcount;

/* The candidate set (id + 1) of a word seen tot times, count[k] times with
 * class k: the classes it had more than CAND_SHARE of the time, when it was
 * seen CAND_MIN times and they are few; else 0 (all classes). */
static uint32_t cand_set(model *mm, const int *count, int tot)
{
    if (tot < CAND_MIN)
        return 0;
    uint8_t set[TG_SET] = {0};
    uint64_t h = 0xCA4D;
    for (int k = 0; k < mm->k.n; k++)
        if (count[k] && count[k] > CAND_SHARE * tot) {
            if (set[0] + 1 >= TG_SET)
                return 0;
            set[++set[0]] = (uint8_t)k;
            h = tg_mix(h, (uint64_t)k + 1);
        }
    if (set[0] < 2)
        return 0;
    size_t cap = 1u << 16, a = (h |= 1) & (cap - 1);
    if (!mm->csk) {
        mm->csk = rift_xmalloc(cap * sizeof *mm->csk);
        mm->csv = rift_xmalloc(cap * sizeof *mm->csv);
        memset(mm->csk, 0, cap * sizeof *mm->csk);
    }
    while (mm->csk[a] && mm->csk[a] != h)
        a = (a + 1) & (cap - 1);
    if (!mm->csk[a]) {
        if (mm->ncs + 1 >= cap / 2)
            return 0;
        mm->cs = rift_xrealloc(mm->cs, (mm->ncs + 1) * sizeof *mm->cs);
        memcpy(mm->cs[mm->ncs], set, TG_SET);
        mm->csk[a] = h;
        mm->csv[a] = (uint32_t)++mm->ncs;
    }
    return mm->csv[a];
}

/* The lexicon: each word seen AMB_MIN times gets its ambiguity class (the
 * set of classes it had at least AMB_SHARE % of the time) and, when seen
 * DICT_MIN times with one class DICT_SHARE of the time, that class. */
static void make_dict(model *mm, lex *m, corpus *c, const size_t *use, size_t nuse,
                      int skip, bool exact)
{
    size_t cap = 1u << 18;
    wcount *wc = rift_xmalloc(cap * sizeof *wc);
    memset(wc, 0, cap * sizeof *wc);
    for (size_t j = 0; j < nuse; j++) {
        if (skip >= 0 && (int)(use[j] % LEX_FOLDS) == skip)
            continue;
        sent *s = &c->s[use[j]];
        for (size_t i = 0; i < s->n; i++) {
            uint64_t raw = exact ? tg_case_hash(&s->w[i]) : tg_word_hash(&s->w[i]);
            uint64_t h = raw | 1;
            size_t p = h & (cap - 1);
            while (wc[p].h && wc[p].h != h)
                p = (p + 1) & (cap - 1);
            if (!wc[p].h) {
                wc[p].h = h;
                wc[p].raw = raw;
                wc[p].c = rift_xmalloc((size_t)mm->k.n * sizeof(int));
                memset(wc[p].c, 0, (size_t)mm->k.n * sizeof(int));
            }
            wc[p].c[s->cls[i]]++;
        }
    }
    m->dcap = 1u << 17;
    m->dk = rift_xmalloc(m->dcap * sizeof *m->dk);
    m->dc = rift_xmalloc(m->dcap * sizeof *m->dc);
    m->da = rift_xmalloc(m->dcap * sizeof *m->da);
    m->ds = rift_xmalloc(m->dcap * sizeof *m->ds);
    for (size_t s = 0; s < m->dcap; s++)
        m->dc[s] = -2;
    /* ambiguity classes: set hash -> id (1...) in order of first sight */
    size_t acap = mm->acap, nd = 0, nfix = 0;
    uint64_t *ak = mm->ak;
    uint32_t *av = mm->av;
    for (size_t p = 0; p < cap; p++) {
        if (!wc[p].h)
            continue;
        int tot = 0, best = 0;
        for (int k = 0; k < mm->k.n; k++) {
            tot += wc[p].c[k];
            if (wc[p].c[k] > wc[p].c[best])
                best = k;
        }
        if (tot >= AMB_MIN && nd < m->dcap / 2 && mm->namb + 2 < acap / 2) {
            uint64_t set = 0x5E7;
            for (int k = 0; k < mm->k.n; k++)
                if (wc[p].c[k] && 100.0 * wc[p].c[k] >= AMB_SHARE * tot)
                    set = tg_mix(set, (uint64_t)k + 1);
            set |= 1;
            size_t a = set & (acap - 1);
            while (ak[a] && ak[a] != set)
                a = (a + 1) & (acap - 1);
            if (!ak[a]) {
                ak[a] = set;
                av[a] = (uint32_t)++mm->namb;
            }
            size_t s = wc[p].raw & (m->dcap - 1);
            while (m->dc[s] != -2)
                s = (s + 1) & (m->dcap - 1);
            m->dk[s] = wc[p].raw;
            m->da[s] = av[a];
            m->dc[s] = -1;
            m->ds[s] = skip < 0 && !exact ? cand_set(mm, wc[p].c, tot) : 0;
            if (!exact && tot >= DICT_MIN && wc[p].c[best] >= DICT_SHARE * tot) {
                m->dc[s] = best;
                nfix++;
            }
            nd++;
        }
        free(wc[p].c);
    }
    free(wc);
    if (skip < 0 && !exact)
        fprintf(stderr, "train-tagger: %zu classes, %zu words in the lexicon, "
                "%zu ambiguity classes, %zu fixed words\n", (size_t)mm->k.n, nd,
                mm->namb, nfix);
}

/* the lexicon's atoms of each word */
static void lexicon(const model *m, tg_tok *tok, size_t n, int fold)
{
    for (size_t i = 0; i < n; i++) {
        long s = dict_slot(&m->lx, tok[i].lw);
        if (s >= 0)
            tok[i].fixed = m->lx.dc[s];
        const lex *l = fold >= 0 ? &m->fold[fold] : &m->lx;
        s = dict_slot(l, tok[i].lw);
        if (s >= 0)
            tok[i].amb = l->da[s];
        l = fold >= 0 ? &m->cfold[fold] : &m->cx;
        s = dict_slot(l, tok[i].cw);
        if (s >= 0)
            tok[i].ambc = l->da[s];
    }
}

static int predict(const model *m, const uint64_t *f, size_t nf, double *score)
{
    for (int k = 0; k < m->k.n; k++)
        score[k] = 0;
    for (size_t j = 0; j < nf; j++) {
        feat *ft = find_feat((model *)m, f[j], false);
        if (!ft)
            continue;
        if (ft->avg)
            for (uint32_t e = 0; e < ft->n; e++)
                score[ft->e[e].cls] += ft->avg[e];
        else
            for (uint32_t e = 0; e < ft->n; e++)
                score[ft->e[e].cls] += ft->e[e].w;
    }
    int best = 0;
    for (int k = 1; k < m->k.n; k++)
        if (score[k] > score[best])
            best = k;
    return best;
}

static void bump(model *m, feat *ft, int cls, int32_t d)
{
    wentry *e = NULL;
    for (uint32_t i = 0; i < ft->n; i++)
        if (ft->e[i].cls == cls) {
            e = &ft->e[i];
            break;
        }
    if (!e) {
        if (ft->n == ft->cap) {
            ft->cap = ft->cap ? 2 * ft->cap : 2;
            ft->e = rift_xrealloc(ft->e, ft->cap * sizeof *ft->e);
        }
        e = &ft->e[ft->n++];
        memset(e, 0, sizeof *e);
        e->cls = cls;
        e->ts = m->now;
    }
    e->tot += (int64_t)(m->now - e->ts) * e->w;
    e->ts = m->now;
    e->w += d;
}

static uint64_t rng_state;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Tags sentence s with the current (or averaged) weights; when train,
 * updates on errors.  Writes the predicted classes to out. */
static size_t run_sent(model *m, sent *s, bool train, int *out, tg_tok *tok,
                       int fold)
{
    tg_prepare(s->w, s->n, tok);
    lexicon(m, tok, s->n, fold);
    uint64_t f[TG_MAX_FEATS];
    double score[TG_MAX_CLASSES];
    int p1 = -1, p2 = -1;
    uint64_t lastv = 0;
    size_t lastv_at = 0;
    size_t right = 0;
    for (size_t i = 0; i < s->n; i++) {
        int pred = tok[i].fixed;
        if (pred < 0) {
            size_t nf = tg_features(tok, s->n, i, p1, p2,
                                    i - lastv_at <= TG_LASTV_SPAN ? lastv : 0, f);
            pred = predict(m, f, nf, score);
            if (train) {
                m->now++;
                int gold = s->cls[i];
                for (size_t j = 0; j < nf; j++) {
                    feat *ft = find_feat(m, f[j], true);
                    ft->seen++;
                    if (pred != gold) {
                        bump(m, ft, gold, 1);
                        bump(m, ft, pred, -1);
                    }
                }
            }
        }
        if (out)
            out[i] = pred;
        right += pred == s->cls[i];
        if (m->k.u[pred] == RIFT_UPOS_VERB || m->k.u[pred] == RIFT_UPOS_AUX) {
            lastv = tg_lastv(pred, &tok[i]);
            lastv_at = i;
        }
        p2 = p1;
        p1 = pred;
    }
    return right;
}

static void average(model *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        feat *ft = &m->f[i];
        if (!ft->h)
            continue;
        ft->avg = rift_xmalloc((ft->n + 1) * sizeof *ft->avg);
        for (uint32_t e = 0; e < ft->n; e++) {
            wentry *x = &ft->e[e];
            double tot = (double)x->tot + (double)(m->now - x->ts) * x->w;
            ft->avg[e] = (float)(tot / m->now);
        }
    }
}

static void train(model *m, corpus *c, const size_t *use, size_t nuse)
{
    memset(m, 0, sizeof *m);
    make_classes(c, use, nuse, &m->k);
    m->acap = 1u << 16;
    m->ak = rift_xmalloc(m->acap * sizeof *m->ak);
    m->av = rift_xmalloc(m->acap * sizeof *m->av);
    memset(m->ak, 0, m->acap * sizeof *m->ak);
    make_dict(m, &m->lx, c, use, nuse, -1, false);
    make_dict(m, &m->cx, c, use, nuse, -1, true);
    for (int k = 0; k < LEX_FOLDS; k++) {
        make_dict(m, &m->fold[k], c, use, nuse, k, false);
        make_dict(m, &m->cfold[k], c, use, nuse, k, true);
    }
    size_t *order = rift_xmalloc(nuse * sizeof *order);
    memcpy(order, use, nuse * sizeof *order);
    size_t maxn = 0;
    for (size_t j = 0; j < nuse; j++)
        if (c->s[use[j]].n > maxn)
            maxn = c->s[use[j]].n;
    tg_tok *tok = rift_xmalloc((maxn + 1) * sizeof *tok);
    rng_state = 0x2545F4914F6CDD1Dull;
    for (int ep = 0; ep < EPOCHS; ep++) {
        for (size_t j = nuse; j > 1; j--) {
            size_t r = rng() % j, t = order[j - 1];
            order[j - 1] = order[r];
            order[r] = t;
        }
        size_t right = 0, all = 0;
        for (size_t j = 0; j < nuse; j++) {
            sent *s = &c->s[order[j]];
            right += run_sent(m, s, true, NULL, tok, (int)(order[j] % LEX_FOLDS));
            all += s->n;
        }
        fprintf(stderr, "train-tagger: epoch %d: %.2f%% (%zu features)\n", ep + 1,
                100.0 * (double)right / (double)all, m->used);
    }
    average(m);
    free(tok);
    free(order);
}

static void free_model(model *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->f[i].e);
        free(m->f[i].avg);
    }
    free(m->f);
    for (int k = -2; k < 2 * LEX_FOLDS; k++) {
        lex *l = k == -2 ? &m->cx : k == -1 ? &m->lx
                 : k < LEX_FOLDS ? &m->fold[k] : &m->cfold[k - LEX_FOLDS];
        free(l->dk);
        free(l->dc);
        free(l->da);
        free(l->ds);
    }
    free(m->cs);
    free(m->csk);
    free(m->csv);
    free(m->ak);
    free(m->av);
}

/* ---- writing the model ------------------------------------------------- */

static void put32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, f);
}

typedef struct tg_pair {
    uint16_t cls;
    int16_t w;
} tg_pair;

static const feat *sort_feats;

/* most seen first, then by hash (deterministic) */
static int by_seen(const void *a, const void *b)
{
    const feat *x = &sort_feats[*(const size_t *)a], *y = &sort_feats[*(const size_t *)b];
    if (x->seen != y->seen)
        return x->seen > y->seen ? -1 : 1;
    return x->h < y->h ? -1 : x->h > y->h;
}

static void write_model(const model *m, const char *path)
{
    /* the features kept and their pairs */
    size_t nkeep = 0, npairs = 0;
    float maxw = 0;
    for (size_t i = 0; i < m->cap; i++) {
        const feat *ft = &m->f[i];
        if (!ft->h || ft->seen < (uint32_t)(MIN_FEAT * EPOCHS))
            continue;
        size_t k = 0;
        for (uint32_t e = 0; e < ft->n; e++)
            if (fabsf(ft->avg[e]) >= MIN_WEIGHT) {
                k++;
                if (fabsf(ft->avg[e]) > maxw)
                    maxw = fabsf(ft->avg[e]);
            }
        if (k) {
            nkeep++;
            npairs += k;
        }
    }
    size_t ndict = 0;
    for (size_t s = 0; s < m->lx.dcap; s++)
        ndict += (m->lx.dc[s] != -2) + (m->cx.dc[s] != -2) +
                 (m->lx.dc[s] != -2 && m->lx.dc[s] < 0 && m->lx.ds[s]);
    uint32_t nslots = 1;
    while (nslots < 2 * (nkeep + ndict) || nslots < 16)
        nslots *= 2;
    uint32_t *slots = rift_xmalloc((size_t)nslots * 2 * sizeof *slots);
    memset(slots, 0, (size_t)nslots * 2 * sizeof *slots);
    tg_pair *pairs = rift_xmalloc((npairs + 1) * sizeof *pairs);
    float scale = maxw > 0 ? 32767.0f / maxw : 1.0f;
    size_t np = 0, nd = 0, npad = TG_PAD((size_t)m->k.n), dcap = 0;
    int16_t *dense = NULL;
#define PLACE(hash, value) do {                                     \
        uint64_t h_ = (hash);                                       \
        uint32_t s_ = (uint32_t)h_ & (nslots - 1);                  \
        while (slots[2 * s_])                                       \
            s_ = (s_ + 1) & (nslots - 1);                           \
        slots[2 * s_] = (uint32_t)(h_ >> 32) | 1u;                  \
        slots[2 * s_ + 1] = (value);                                \
    } while (0)
    for (size_t s = 0; s < m->lx.dcap; s++)
        if (m->lx.dc[s] != -2)
            PLACE(tg_mix(TG_DICT_ID, m->lx.dk[s]),
                  m->lx.da[s] << 16 | (uint32_t)(m->lx.dc[s] + 1) << 8);
    for (size_t s = 0; s < m->lx.dcap; s++)
        if (m->lx.dc[s] == -1 && m->lx.ds[s])
            PLACE(tg_mix(TG_SET_ID, m->lx.dk[s]), (m->lx.ds[s] - 1) << 16);
    for (size_t s = 0; s < m->cx.dcap; s++)
        if (m->cx.dc[s] != -2)
            PLACE(tg_mix(TG_CDICT_ID, m->cx.dk[s]), m->cx.da[s] << 16);
    /* the pairs and rows of the most frequent features first: those read
     * most share cache lines */
    size_t *order = rift_xmalloc((m->used + 1) * sizeof *order), nord = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->f[i].h && m->f[i].seen >= (uint32_t)(MIN_FEAT * EPOCHS))
            order[nord++] = i;
    sort_feats = m->f;
    qsort(order, nord, sizeof *order, by_seen);
    for (size_t o = 0; o < nord; o++) {
        const feat *ft = &m->f[order[o]];
        size_t start = np;
        for (uint32_t e = 0; e < ft->n; e++)
            if (fabsf(ft->avg[e]) >= MIN_WEIGHT) {
                long q = lrintf(ft->avg[e] * scale);
                if (q == 0)
                    continue;
                pairs[np].cls = (uint16_t)ft->e[e].cls;
                pairs[np].w = (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
                np++;
            }
        if (np - start >= TG_DENSE_MIN) {
            /* a dense row instead */
            if ((nd + 1) * npad > dcap) {
                dcap = dcap ? 2 * dcap : 1024 * npad;
                dense = rift_xrealloc(dense, dcap * sizeof *dense);
            }
            int16_t *row = dense + nd * npad;
            memset(row, 0, npad * sizeof *row);
            for (size_t p = start; p < np; p++)
                row[pairs[p].cls] = pairs[p].w;
            np = start;
            PLACE(ft->h, (uint32_t)nd << 8 | TG_DENSE);
            nd++;
        } else if (np > start)
            PLACE(ft->h, (uint32_t)start << 8 | (uint32_t)(np - start));
    }
#undef PLACE
    free(order);
    FILE *f = fopen(path, "wb");
    if (!f)
        die("%s: cannot write", path);
    fwrite(TG_MAGIC, 1, 8, f);
    put32(f, TG_VERSION);
    put32(f, (uint32_t)m->k.n);
    put32(f, nslots);
    put32(f, (uint32_t)np);
    uint32_t sc;
    memcpy(&sc, &scale, 4);
    put32(f, sc);
    put32(f, (uint32_t)nd);
    put32(f, (uint32_t)m->ncs);
    put32(f, 0);
    for (int k = 0; k < m->k.n; k++) {
        fputc(m->k.u[k], f);
        fputc(m->k.x[k], f);
    }
    for (size_t s = 0; s < 2 * (size_t)nslots; s++)
        put32(f, slots[s]);
    for (size_t p = 0; p < np; p++) {
        put32(f, (uint32_t)pairs[p].cls | (uint32_t)(uint16_t)pairs[p].w << 16);
    }
    for (size_t p = 0; p < nd * npad; p++) {
        fputc((uint16_t)dense[p] & 0xFF, f);
        fputc((uint16_t)dense[p] >> 8, f);
    }
    if (m->ncs)
        fwrite(m->cs, TG_SET, m->ncs, f);
    if (fclose(f) != 0)
        die("%s: write failed", path);
    fprintf(stderr, "train-tagger: wrote %s: %zu features, %zu pairs, %zu dense, "
            "%u slots, %zu dict, %zu candidate sets\n",
            path, nkeep, np, nd, nslots, ndict, m->ncs);
    free(dense);
    free(slots);
    free(pairs);
}

#include "tagger_eval.h"

int main(int argc, char **argv)
{
    settings();
    if (argc == 4 && strcmp(argv[1], "--eval") == 0)
        return eval(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "--jackknife") == 0) {
        int K = atoi(argv[2]);
        if (K < 2 || K > 100)
            die("--jackknife %s: K must be 2..100", argv[2]);
        return jackknife(K, argv[3]);
    }
    if (argc != 3) {
        fprintf(stderr, "usage: train-tagger TRAIN.conllu OUT.bin\n"
                        "       train-tagger --eval FILE.conllu MODEL.bin\n"
                        "       train-tagger --jackknife K TRAIN.conllu > OUT.conllu\n");
        return 2;
    }
    corpus c;
    load_corpus(argv[1], &c);
    fprintf(stderr, "train-tagger: %zu sentences, %zu words\n", c.n, c.ntok);
    size_t *use = rift_xmalloc(c.n * sizeof *use);
    for (size_t j = 0; j < c.n; j++)
        use[j] = j;
    model m;
    train(&m, &c, use, c.n);
    write_model(&m, argv[2]);
    free_model(&m);
    free(use);
    free_corpus(&c);
    return 0;
}
