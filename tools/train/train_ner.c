/* train_ner.c: trains the name recogniser (averaged perceptron over BILOU
 * labels, greedy) into data/en/ner.bin, and scores a model on a test file.
 *
 *   train-ner SHARED OUT.bin [--data DIR] [--epochs N] [--dev]
 *   train-ner SHARED --eval MODEL.bin [--data DIR] FORMAT FILE
 *
 * Training data (open licences, train and dev splits only): CrossNER
 * politics train+dev, wikigold without its test fifth (documents 4, 9, 14,
 * ... in file order), UNER English EWT dev, the names of GUM's entity layer
 * in its train split without the news documents (ner_gum.h), LitBank
 * entities (names only: capitalised spans).  The words get rift's own tags, lemmas and trees
 * (data/en/tagger.bin, morph.bin, parser.bin) and rift's lexicons as
 * features.  --dev holds out one document in ten and reports its score per
 * corpus; the final model is trained on everything.  The probability
 * temperature is fitted on the held-out tenth of a first run, then the model
 * is trained again on all the data.  Deterministic: one thread, a fixed
 * shuffle.  FORMAT for --eval: crossner, wikigold (scores the test fifth),
 * uner.  Scores are exact-span precision, recall and F1 over PER, ORG, LOC.
 */
#include "ner_gum.h"

#include <dirent.h>
#include <math.h>
#include <time.h>

enum { SRC_CROSSNER, SRC_WIKIGOLD, SRC_UNER, SRC_LITBANK, SRC_GUM, SRC_N };
static const char *const src_name[SRC_N] = {"crossner", "wikigold", "uner-dev", "litbank",
                                            "gum"};

/* A training sentence: rift's own sentence and tokens over the text the
 * corpus's words make, with the gold labels projected onto rift's tokens. */
typedef struct tsent {
    size_t off;              /* its words: t[off .. off + n), g[...] */
    int n, doc, src;
} tsent;

typedef struct prepared {
    ncorpus c;
    RIFT_VEC(tsent) s;
    RIFT_VEC(ner_tok) t;
    RIFT_VEC(uint8_t) g;
} prepared;

/* ---- rift over the corpus's documents ------------------------------------- */

typedef struct models {
    rift_model *m;
    ner_lex lx;
} models;

/* Runs rift's stages up to and including "mentions" over one document made
 * of sentences [k0, k1) of the corpus; its sentences join the training set. */
static void prepare_doc(models *md, prepared *p, size_t k0, size_t k1)
{
    RIFT_VEC(char) text = {0};
    RIFT_VEC(uint32_t) gs = {0}; /* gold spans: start, end, type */
    for (size_t k = k0; k < k1; k++) {
        const nsent *s = &p->c.s.v[k];
        if (k > k0) {
            RIFT_VEC_PUSH(text, '\n');
            RIFT_VEC_PUSH(text, '\n');
        }
        uint32_t open = 0;
        for (int i = 0; i < s->n; i++) {
            if (i)
                RIFT_VEC_PUSH(text, ' ');
            uint32_t st = (uint32_t)text.n;
            for (const char *c = s->tok[i]; *c; c++)
                RIFT_VEC_PUSH(text, *c);
            int g = s->gold[i];
            if (g && (NER_PART(g) == NER_B || NER_PART(g) == NER_U))
                open = st;
            if (g && (NER_PART(g) == NER_L || NER_PART(g) == NER_U)) {
                RIFT_VEC_PUSH(gs, open);
                RIFT_VEC_PUSH(gs, (uint32_t)text.n);
                RIFT_VEC_PUSH(gs, (uint32_t)NER_TYPE(g));
            }
        }
    }
    rift_article a = {0};
    a.text = text.v;
    a.text_len = text.n;
    rift_analyze_options opt = {0};
    rift_doc *d = rift_doc_new(md->m, &a, &opt);
    size_t ns;
    const rift_stage_desc *st = rift_stages(&ns);
    for (size_t i = 0; i < ns; i++) {
        st[i].run(d);
        if (!strcmp(st[i].name, "mentions"))
            break;
    }
    rift_arena ar;
    rift_arena_init(&ar);
    ner_tok *t = rift_arena_alloc_raw(&ar, (d->n_tokens + 1) * sizeof *t);
    ner_doc_atoms(d, t, &ar);
    uint8_t *g = rift_arena_alloc(&ar, d->n_tokens + 1);
    for (size_t q = 0; q + 2 < gs.n; q += 3) {
        uint32_t cs = gs.v[q], ce = gs.v[q + 1];
        size_t a0 = SIZE_MAX, a1 = 0;
        for (size_t i = 0; i < d->n_tokens; i++) /* documents are small */
            if (d->tokens[i].start >= cs && d->tokens[i].start < ce) {
                if (a0 == SIZE_MAX)
                    a0 = i;
                a1 = i + 1;
            }
        if (a0 != SIZE_MAX)
            nc_label(g, (int)a0, (int)a1, (int)gs.v[q + 2]);
    }
    for (size_t k = 0; k < d->n_sents; k++) {
        size_t b, e;
        if (!rift_sent_range(d, k, &b, &e))
            continue;
        /* a gold name cut by rift's sentence end: its part in this sentence
         * ends there */
        tsent ts = {p->t.n, (int)(e - b), p->c.s.v[k0].doc, p->c.s.v[k0].src};
        for (size_t i = b; i < e; i++) {
            uint8_t x = g[i];
            if (x && i == b && (NER_PART(x) == NER_I || NER_PART(x) == NER_L))
                x = (uint8_t)NER_LABEL(NER_TYPE(x), NER_PART(x) == NER_I ? NER_B : NER_U);
            if (x && i + 1 == e && (NER_PART(x) == NER_B || NER_PART(x) == NER_I))
                x = (uint8_t)NER_LABEL(NER_TYPE(x), NER_PART(x) == NER_B ? NER_U : NER_L);
            RIFT_VEC_PUSH(p->t, t[i]);
            RIFT_VEC_PUSH(p->g, x);
        }
        RIFT_VEC_PUSH(p->s, ts);
    }
    rift_arena_release(&ar);
    rift_doc_free(d);
    free(text.v);
    free(gs.v);
}

static void prepare(models *md, prepared *p)
{
    for (size_t k = 0; k < p->c.s.n;) {
        size_t j = k + 1;
        while (j < p->c.s.n && p->c.s.v[j].doc == p->c.s.v[k].doc)
            j++;
        prepare_doc(md, p, k, j);
        k = j;
    }
}

/* ---- the perceptron ------------------------------------------------------ */

typedef struct perc {
    uint64_t *keys;          /* feature hash | 1, 0 = empty */
    uint32_t *row;
    size_t cap, n;
    float *w;                /* n x NER_NCLS */
    double *wa;              /* sum of c * update */
    uint32_t *upd;
    size_t rcap;
    double c;                /* updates so far (the clock) */
} perc;

static int64_t find_row(perc *p, uint64_t h, bool add)
{
    h += !h; /* 0 marks an empty slot */
    if (add && 2 * (p->n + 1) > p->cap) {
        size_t nc = p->cap ? 2 * p->cap : 1u << 20;
        uint64_t *nk = calloc(nc, sizeof *nk);
        uint32_t *nr = rift_xmalloc(nc * sizeof *nr);
        for (size_t s = 0; s < p->cap; s++)
            if (p->keys[s]) {
                size_t t = (size_t)p->keys[s] & (nc - 1);
                while (nk[t])
                    t = (t + 1) & (nc - 1);
                nk[t] = p->keys[s];
                nr[t] = p->row[s];
            }
        free(p->keys);
        free(p->row);
        p->keys = nk;
        p->row = nr;
        p->cap = nc;
    }
    if (!p->cap)
        return -1;
    size_t s = (size_t)h & (p->cap - 1);
    while (p->keys[s] && p->keys[s] != h)
        s = (s + 1) & (p->cap - 1);
    if (p->keys[s])
        return p->row[s];
    if (!add)
        return -1;
    if (p->n == p->rcap) {
        p->rcap = p->rcap ? 2 * p->rcap : 1u << 18;
        p->w = rift_xrealloc(p->w, p->rcap * NER_NCLS * sizeof *p->w);
        p->wa = rift_xrealloc(p->wa, p->rcap * NER_NCLS * sizeof *p->wa);
        p->upd = rift_xrealloc(p->upd, p->rcap * sizeof *p->upd);
    }
    memset(p->w + p->n * NER_NCLS, 0, NER_NCLS * sizeof *p->w);
    memset(p->wa + p->n * NER_NCLS, 0, NER_NCLS * sizeof *p->wa);
    p->upd[p->n] = 0;
    p->keys[s] = h;
    p->row[s] = (uint32_t)p->n;
    return (int64_t)p->n++;
}

static void train_scores(perc *p, const uint64_t *f, size_t nf, float *s)
{
    for (int c = 0; c < NER_NCLS; c++)
        s[c] = 0;
    for (size_t k = 0; k < nf; k++) {
        int64_t r = find_row(p, f[k], false);
        if (r < 0)
            continue;
        const float *w = p->w + (size_t)r * NER_NCLS;
        for (int c = 0; c < NER_NCLS; c++)
            s[c] += w[c];
    }
}

static void update(perc *p, const uint64_t *f, size_t nf, int good, int bad)
{
    for (size_t k = 0; k < nf; k++) {
        int64_t r = find_row(p, f[k], true);
        float *w = p->w + (size_t)r * NER_NCLS;
        double *wa = p->wa + (size_t)r * NER_NCLS;
        w[good] += 1;
        wa[good] += p->c;
        w[bad] -= 1;
        wa[bad] -= p->c;
        p->upd[r]++;
    }
}

static int pick(const float *s, int p1, bool last)
{
    int best = -1;
    for (int c = 0; c < NER_NCLS; c++)
        if (ner_valid(p1, c) && !(last && !ner_valid(c, -1)) && (best < 0 || s[c] > s[best]))
            best = c;
    return best;
}

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

static bool held_out(const tsent *s, bool dev)
{
    return dev && s->doc % 10 == 7;
}

static void train(perc *p, prepared *pp, int epochs, bool dev)
{
    size_t ns = pp->s.n;
    size_t *order = rift_xmalloc((ns + 1) * sizeof *order);
    uint64_t f[NER_MAX_STATIC + NER_MAX_DYN];
    for (int ep = 0; ep < epochs; ep++) {
        size_t m = 0;
        for (size_t k = 0; k < ns; k++)
            if (!held_out(&pp->s.v[k], dev))
                order[m++] = k;
        for (size_t k = m; k > 1; k--) {
            size_t j = next_rand() % k;
            size_t x = order[k - 1];
            order[k - 1] = order[j];
            order[j] = x;
        }
        size_t err = 0, words = 0;
        for (size_t q = 0; q < m; q++) {
            const tsent *s = &pp->s.v[order[q]];
            const ner_tok *t = pp->t.v + s->off;
            const uint8_t *gold = pp->g.v + s->off;
            int p1 = -1, p2 = -1;
            for (int i = 0; i < s->n; i++) {
                size_t nf = ner_static_features(t, (size_t)s->n, (size_t)i, f);
                nf += ner_dynamic_features(t, (size_t)i, p1, p2, f + nf);
                float sc[NER_NCLS];
                train_scores(p, f, nf, sc);
                int got = pick(sc, p1, i + 1 == s->n);
                p->c += 1;
                if (got != gold[i]) {
                    update(p, f, nf, gold[i], got);
                    err++;
                }
                words++;
                p2 = p1;
                p1 = got;
            }
        }
        fprintf(stderr, "train-ner: epoch %d: %.2f%% words wrong, %zu features\n", ep + 1,
                100.0 * (double)err / (double)(words ? words : 1), p->n);
    }
    free(order);
}

/* ---- the model file ------------------------------------------------------ */

static void wr32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, f);
}

static void wrf(FILE *f, float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    wr32(f, u);
}

typedef struct qrow { uint64_t h; uint32_t start, cnt; } qrow;

/* averaged, pruned (features updated fewer than min_upd times), int16 */
static int save(perc *p, const char *path, float temp, unsigned min_upd)
{
    float amax = 0;
    for (size_t r = 0; r < p->n; r++) {
        if (p->upd[r] < min_upd)
            continue;
        for (int c = 0; c < NER_NCLS; c++) {
            float a = (float)(p->w[r * NER_NCLS + c] - p->wa[r * NER_NCLS + c] / p->c);
            if (fabsf(a) > amax)
                amax = fabsf(a);
        }
    }
    float scale = amax > 0 ? 32000.0f / amax : 1.0f;
    RIFT_VEC(qrow) rows = {0};
    RIFT_VEC(uint32_t) pairs = {0};
    for (size_t s = 0; s < p->cap; s++) {
        if (!p->keys[s])
            continue;
        uint32_t r = p->row[s];
        if (p->upd[r] < min_upd)
            continue;
        qrow q = {p->keys[s], (uint32_t)pairs.n, 0};
        for (int c = 0; c < NER_NCLS; c++) {
            float a = (float)(p->w[(size_t)r * NER_NCLS + c] - p->wa[(size_t)r * NER_NCLS + c] / p->c);
            long v = lrintf(a * scale);
            if (v == 0)
                continue;
            int16_t w16 = (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v);
            RIFT_VEC_PUSH(pairs, (uint32_t)c | (uint32_t)(uint16_t)w16 << 16);
            q.cnt++;
        }
        if (q.cnt)
            RIFT_VEC_PUSH(rows, q);
    }
    uint32_t nslots = 1024;
    while (nslots < rows.n + rows.n / 2 + 1)
        nslots *= 2;
    uint32_t *slots = calloc((size_t)nslots * 2, sizeof *slots);
    size_t dropped = 0;
    for (size_t k = 0; k < rows.n; k++) {
        uint64_t h = rows.v[k].h;
        uint32_t key = (uint32_t)(h >> 32) | 1u;
        uint32_t s = (uint32_t)h & (nslots - 1);
        bool dup = false;
        while (slots[2 * s]) {
            if (slots[2 * s] == key)
                dup = true;
            s = (s + 1) & (nslots - 1);
        }
        if (dup) {
            dropped++;
            continue;
        }
        slots[2 * s] = key;
        slots[2 * s + 1] = rows.v[k].start << 8 | rows.v[k].cnt;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return -1;
    }
    fwrite(NER_MAGIC, 1, 8, f);
    wr32(f, NER_VERSION);
    wr32(f, NER_NCLS);
    wr32(f, nslots);
    wr32(f, (uint32_t)pairs.n);
    wrf(f, scale);
    wrf(f, temp);
    wr32(f, 0);
    wr32(f, 0);
    for (size_t k = 0; k < (size_t)nslots * 2; k++)
        wr32(f, slots[k]);
    for (size_t k = 0; k < pairs.n; k++) {
        wr32(f, pairs.v[k]);
    }
    int rc = fclose(f) == 0 ? 0 : -1;
    fprintf(stderr, "train-ner: %s: %zu features, %zu weights, %u slots (%zu key clashes dropped)\n",
            path, rows.n, pairs.n, nslots, dropped);
    free(slots);
    free(rows.v);
    free(pairs.v);
    return rc;
}

/* ---- scoring ------------------------------------------------------------- */

typedef struct prf { long tp[NER_NTYPES], fp[NER_NTYPES], fn[NER_NTYPES]; } prf;

static void span_score(const uint8_t *gold, const uint8_t *got, int n, prf *r)
{
    /* spans as (start, end, type); exact matches */
    for (int pass = 0; pass < 2; pass++) {
        const uint8_t *a = pass ? got : gold, *b = pass ? gold : got;
        for (int i = 0; i < n; i++) {
            if (!a[i] || (NER_PART(a[i]) != NER_B && NER_PART(a[i]) != NER_U))
                continue;
            int j = i;
            while (j < n && a[j] && NER_PART(a[j]) != NER_L && NER_PART(a[j]) != NER_U)
                j++;
            int ty = NER_TYPE(a[i]);
            bool same = true;
            for (int k = i; k <= j && k < n; k++)
                same = same && b[k] == a[k];
            if (j + 1 < n && b[j + 1] && NER_PART(b[j + 1]) != NER_B &&
                NER_PART(b[j + 1]) != NER_U)
                same = false;
            if (pass == 0 && !same)
                r->fn[ty]++;
            else if (pass == 1 && !same)
                r->fp[ty]++;
            else if (pass == 0)
                r->tp[ty]++;
        }
    }
}

static void print_prf(const char *name, const prf *r)
{
    long tp = 0, fp = 0, fn = 0;
    printf("%-10s", name);
    static const char *const tn[NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};
    for (int t = 0; t < NER_NTYPES; t++) {
        double P = r->tp[t] ? (double)r->tp[t] / (double)(r->tp[t] + r->fp[t]) : 0;
        double R = r->tp[t] ? (double)r->tp[t] / (double)(r->tp[t] + r->fn[t]) : 0;
        printf("  %s %.3f", tn[t], P + R > 0 ? 2 * P * R / (P + R) : 0);
        if (t < NER_MISC) {
            tp += r->tp[t];
            fp += r->fp[t];
            fn += r->fn[t];
        }
    }
    double P = tp ? (double)tp / (double)(tp + fp) : 0, R = tp ? (double)tp / (double)(tp + fn) : 0;
    printf("  | PER+ORG+LOC P %.3f R %.3f F1 %.3f (%ld gold)\n", P, R,
           P + R > 0 ? 2 * P * R / (P + R) : 0, tp + fn);
}

/* labels with the averaged training weights or a loaded model */
typedef struct labeller {
    perc *p;
    const rift_ner *m;
} labeller;

/* the averaged weights' score of each class for features f */
static void avg_scores(perc *p, const uint64_t *f, size_t nf, double *sc)
{
    for (int c = 0; c < NER_NCLS; c++)
        sc[c] = 0;
    for (size_t k = 0; k < nf; k++) {
        int64_t r = find_row(p, f[k], false);
        if (r < 0)
            continue;
        for (int c = 0; c < NER_NCLS; c++)
            sc[c] += p->w[(size_t)r * NER_NCLS + c] - p->wa[(size_t)r * NER_NCLS + c] / p->c;
    }
}

static void perc_scores(const void *ctx, const ner_tok *t, size_t n, size_t i, int p1,
                        int p2, float *score)
{
    uint64_t f[NER_MAX_STATIC + NER_MAX_DYN];
    size_t nf = ner_static_features(t, n, i, f);
    nf += ner_dynamic_features(t, i, p1, p2, f + nf);
    double sc[NER_NCLS];
    avg_scores((perc *)ctx, f, nf, sc);
    for (int c = 0; c < NER_NCLS; c++)
        score[c] = (float)sc[c];
}

static void label(const labeller *lb, const ner_tok *t, int n, uint8_t *cls, float *prob)
{
    if (lb->m)
        rift_ner_label(lb->m, t, (size_t)n, cls, prob);
    else
        ner_greedy(t, (size_t)n, perc_scores, lb->p, 1.0, cls, prob);
}

/* scores the held-out (dev) or all sentences; per corpus */
static void score(const labeller *lb, prepared *pp, bool only_held, bool dev)
{
    prf r[SRC_N + 1];
    memset(r, 0, sizeof r);
    for (size_t k = 0; k < pp->s.n; k++) {
        const tsent *s = &pp->s.v[k];
        if (only_held && !held_out(s, dev))
            continue;
        uint8_t got[4096];
        float prob[4096];
        if (s->n > 4096)
            continue;
        label(lb, pp->t.v + s->off, s->n, got, prob);
        span_score(pp->g.v + s->off, got, s->n, &r[s->src]);
        span_score(pp->g.v + s->off, got, s->n, &r[SRC_N]);
    }
    for (int c = 0; c < SRC_N; c++)
        if (r[c].tp[0] + r[c].fn[0] + r[c].tp[1] + r[c].fn[1] + r[c].tp[2] + r[c].fn[2])
            print_prf(src_name[c], &r[c]);
    print_prf("all", &r[SRC_N]);
}

/* Temperature minimising the log loss of the gold label on held-out words
 * (scores from the averaged weights, given the gold labels before). */
static float fit_temperature(perc *p, prepared *pp)
{
    static const float grid[] = {1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128};
    double loss[sizeof grid / sizeof *grid] = {0};
    uint64_t f[NER_MAX_STATIC + NER_MAX_DYN];
    for (size_t k = 0; k < pp->s.n; k++) {
        const tsent *s = &pp->s.v[k];
        if (!held_out(s, true))
            continue;
        const ner_tok *t = pp->t.v + s->off;
        const uint8_t *gold = pp->g.v + s->off;
        for (int i = 0; i < s->n; i++) {
            int p1 = i ? gold[i - 1] : -1, p2 = i > 1 ? gold[i - 2] : -1;
            size_t nf = ner_static_features(t, (size_t)s->n, (size_t)i, f);
            nf += ner_dynamic_features(t, (size_t)i, p1, p2, f + nf);
            double sc[NER_NCLS];
            avg_scores(p, f, nf, sc);
            for (size_t g = 0; g < sizeof grid / sizeof *grid; g++) {
                double mx = -1e300, z = 0;
                for (int c = 0; c < NER_NCLS; c++)
                    if (ner_valid(p1, c) && sc[c] > mx)
                        mx = sc[c];
                for (int c = 0; c < NER_NCLS; c++)
                    if (ner_valid(p1, c))
                        z += exp((sc[c] - mx) / grid[g]);
                if (ner_valid(p1, gold[i]))
                    loss[g] += -((sc[gold[i]] - mx) / grid[g] - log(z));
            }
        }
    }
    size_t best = 0;
    for (size_t g = 1; g < sizeof grid / sizeof *grid; g++)
        if (loss[g] < loss[best])
            best = g;
    fprintf(stderr, "train-ner: temperature %.2f (held-out log loss %.1f)\n", grid[best], loss[best]);
    return grid[best];
}

/* ---- main ------------------------------------------------------------------ */

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_tsv(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 4 && !strcmp(e->d_name + n - 4, ".tsv");
}

static int load_training(ncorpus *c, const char *shared, const ner_lex *lx, rift_arena *scratch)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/corpora/crossner-politics/train.txt", shared);
    if (nc_read_columns(c, path, 0, 1, SRC_CROSSNER, 1))
        return -1;
    snprintf(path, sizeof path, "%s/corpora/crossner-politics/dev.txt", shared);
    if (nc_read_columns(c, path, 0, 1, SRC_CROSSNER, 1))
        return -1;
    /* wikigold: all but the test fifth */
    int base = c->docs;
    size_t first = c->s.n;
    snprintf(path, sizeof path, "%s/corpora/wikigold/wikigold.conll.txt", shared);
    if (nc_read_columns(c, path, 0, 1, SRC_WIKIGOLD, 0))
        return -1;
    size_t o = first;
    for (size_t k = first; k < c->s.n; k++)
        if ((c->s.v[k].doc - base - 1) % 5 != 4)
            c->s.v[o++] = c->s.v[k];
    c->s.n = o;
    snprintf(path, sizeof path, "%s/corpora/uner-english-ewt/en_ewt-ud-dev.iob2", shared);
    if (nc_read_columns(c, path, 1, 2, SRC_UNER, 0))
        return -1;
    /* GUM's train documents but its news: GUM news stays held out */
    snprintf(path, sizeof path, "%s/corpora/ud-english-gum-open/en_gum-open-train.conllu.xz", shared);
    if (nc_read_gum(c, path, SRC_GUM, lx->titles, scratch))
        return -1;
    snprintf(path, sizeof path, "%s/corpora/litbank/entities/tsv", shared);
    struct dirent **files;
    int nf = scandir(path, &files, is_tsv, by_name);
    if (nf < 0) {
        perror(path);
        return -1;
    }
    for (int i = 0; i < nf; i++) {
        char p2[4400];
        snprintf(p2, sizeof p2, "%s/%s", path, files[i]->d_name);
        if (nc_read_litbank(c, p2, SRC_LITBANK, lx->titles, scratch))
            return -1;
        free(files[i]);
    }
    free(files);
    return 0;
}

static int load_test(ncorpus *c, const char *format, const char *path)
{
    if (!strcmp(format, "crossner"))
        return nc_read_columns(c, path, 0, 1, SRC_CROSSNER, 1);
    if (!strcmp(format, "uner"))
        return nc_read_columns(c, path, 1, 2, SRC_UNER, 0);
    if (!strcmp(format, "wikigold")) {
        if (nc_read_columns(c, path, 0, 1, SRC_WIKIGOLD, 0))
            return -1;
        size_t o = 0;
        for (size_t k = 0; k < c->s.n; k++)
            if ((c->s.v[k].doc - 1) % 5 == 4)
                c->s.v[o++] = c->s.v[k];
        c->s.n = o;
        return 0;
    }
    fprintf(stderr, "train-ner: unknown format %s (crossner, wikigold, uner)\n", format);
    return -1;
}

static void perc_free(perc *p)
{
    free(p->keys);
    free(p->row);
    free(p->w);
    free(p->wa);
    free(p->upd);
    memset(p, 0, sizeof *p);
}

int main(int argc, char **argv)
{
    const char *shared = NULL, *out = NULL, *eval = NULL, *data = "data/en", *fmt = NULL,
               *file = NULL;
    int epochs = 12;
    bool dev = false;
    unsigned min_upd = 2;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--epochs") && i + 1 < argc)
            epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--min-upd") && i + 1 < argc)
            min_upd = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--eval") && i + 1 < argc)
            eval = argv[++i];
        else if (!strcmp(argv[i], "--dev"))
            dev = true;
        else if (!shared)
            shared = argv[i];
        else if (eval && !fmt)
            fmt = argv[i];
        else if (eval && !file)
            file = argv[i];
        else if (!out)
            out = argv[i];
        else {
            fprintf(stderr, "usage: train-ner SHARED OUT.bin [--data DIR] [--epochs N] [--dev]\n"
                            "       train-ner SHARED --eval MODEL.bin FORMAT FILE\n");
            return 2;
        }
    }
    if (!shared || (!eval && !out) || (eval && !file)) {
        fprintf(stderr, "usage: train-ner SHARED OUT.bin [--data DIR] [--epochs N] [--dev]\n"
                        "       train-ner SHARED --eval MODEL.bin FORMAT FILE\n");
        return 2;
    }
    models md = {0};
    rift_status st = rift_model_open_except(data, "ner.bin", &md.m);
    if (st != RIFT_OK) {
        fprintf(stderr, "train-ner: %s\n", md.m ? rift_model_errmsg(md.m) : "cannot open the data");
        return 1;
    }
    ner_lex_from_model(md.m, &md.lx);
    prepared pp = {0};
    rift_arena_init(&pp.c.mem);
    rift_arena scratch;
    rift_arena_init(&scratch);
    clock_t t0 = clock();
    int rc = eval ? load_test(&pp.c, fmt, file) : load_training(&pp.c, shared, &md.lx, &scratch);
    if (rc)
        return 1;
    prepare(&md, &pp);
    fprintf(stderr, "train-ner: %zu sentences, %zu words, %d documents, prepared in %.1f s\n",
            pp.s.n, pp.t.n, pp.c.docs, (double)(clock() - t0) / CLOCKS_PER_SEC);
    if (eval) {
        rift_ner *m = NULL;
        char err[512];
        if (rift_ner_load(eval, &m, err, sizeof err) != RIFT_OK) {
            fprintf(stderr, "train-ner: %s\n", err);
            return 1;
        }
        labeller lb = {NULL, m};
        score(&lb, &pp, false, false);
        rift_ner_free(m);
    } else {
        /* a first run without the held-out tenth fits the temperature (and
         * with --dev reports the held-out score); then all the data */
        perc p = {0};
        train(&p, &pp, epochs, true);
        labeller lb = {&p, NULL};
        if (dev)
            score(&lb, &pp, true, true);
        float temp = fit_temperature(&p, &pp);
        perc_free(&p);
        if (!dev) {
            rng = 12345;
            train(&p, &pp, epochs, false);
            rc = save(&p, out, temp, min_upd);
        }
        perc_free(&p);
    }
    fprintf(stderr, "train-ner: %.1f s\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
    free(pp.t.v);
    free(pp.g.v);
    free(pp.s.v);
    free(pp.c.s.v);
    rift_arena_release(&pp.c.mem);
    rift_arena_release(&scratch);
    rift_model_close(md.m);
    return rc ? 1 : 0;
}
