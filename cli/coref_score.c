/* coref_score.c: MUC, B-cubed and CEAF-e (phi4) of a response clustering
 * against a key, from the definitions (docs/accuracy.md); CEAF's best
 * one-to-one alignment by the Hungarian method, one connected group of
 * overlapping entities at a time.  Pure: no I/O.
 */
#include "coref_score.h"

#include <float.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n)
{
    void *p = calloc(n ? n : 1, 1);
    if (!p) {
        fputs("rift: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

/* ids -> 0..k-1 in order of first appearance; returns k */
static int dense(const int *id, size_t n, int *out)
{
    int max = -1;
    for (size_t i = 0; i < n; i++)
        if (id[i] > max)
            max = id[i];
    int *map = xmalloc(((size_t)max + 1) * sizeof *map);
    for (int i = 0; i <= max; i++)
        map[i] = -1;
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = -1;
        if (id[i] < 0)
            continue;
        if (map[id[i]] < 0)
            map[id[i]] = k++;
        out[i] = map[id[i]];
    }
    free(map);
    return k;
}

/* (key entity, response entity, shared mentions) */
typedef struct link { int k, r, n; } link;

static int cmp_link(const void *a, const void *b)
{
    const link *x = a, *y = b;
    if (x->k != y->k)
        return x->k < y->k ? -1 : 1;
    return (x->r > y->r) - (x->r < y->r);
}

/* ---- the Hungarian method -------------------------------------------------- */

/* Best total of w over a one-to-one assignment of rows to columns, rows <=
 * cols (w row-major, rows x cols, to be maximised): shortest augmenting
 * paths with row and column potentials, O(rows^2 cols). */
static double best_assignment(const double *w, int rows, int cols)
{
    size_t nc = (size_t)cols + 1;
    double *u = xmalloc(((size_t)rows + 1) * sizeof *u), *v = xmalloc(nc * sizeof *v);
    double *slack = xmalloc(nc * sizeof *slack);
    int *owner = xmalloc(nc * sizeof *owner), *prev = xmalloc(nc * sizeof *prev);
    char *done = xmalloc(nc);
    /* column 0 is a virtual start; owner[c] is the row (1-based) holding c */
    for (int row = 1; row <= rows; row++) {
        owner[0] = row;
        int c0 = 0;
        for (size_t c = 0; c < nc; c++) {
            slack[c] = DBL_MAX;
            done[c] = 0;
        }
        do {
            done[c0] = 1;
            int r0 = owner[c0], c1 = 0;
            double delta = DBL_MAX;
            for (int c = 1; c <= cols; c++) {
                if (done[c])
                    continue;
                double cost = -w[(size_t)(r0 - 1) * (size_t)cols + (size_t)(c - 1)] - u[r0] - v[c];
                if (cost < slack[c]) {
                    slack[c] = cost;
                    prev[c] = c0;
                }
                if (slack[c] < delta) {
                    delta = slack[c];
                    c1 = c;
                }
            }
            for (int c = 0; c <= cols; c++) {
                if (done[c]) {
                    u[owner[c]] += delta;
                    v[c] -= delta;
                } else {
                    slack[c] -= delta;
                }
            }
            c0 = c1;
        } while (owner[c0] != 0);
        /* flip the path back to the start */
        while (c0) {
            int c1 = prev[c0];
            owner[c0] = owner[c1];
            c0 = c1;
        }
    }
    double total = 0;
    for (int c = 1; c <= cols; c++)
        if (owner[c] > 0)
            total += w[(size_t)(owner[c] - 1) * (size_t)cols + (size_t)(c - 1)];
    free(u);
    free(v);
    free(slack);
    free(owner);
    free(prev);
    free(done);
    return total;
}

/* ---- CEAF-e ------------------------------------------------------------------ */

static int root(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* The phi4 total of the best alignment: entities that share no mention
 * never pair, so each group of entities linked by shared mentions is
 * aligned on its own. */
static double ceaf_e(const link *l, size_t nl, const int *ksize, int nk, const int *rsize,
                     int nr)
{
    int *parent = xmalloc(((size_t)nk + (size_t)nr) * sizeof *parent);
    for (int i = 0; i < nk + nr; i++)
        parent[i] = i;
    for (size_t i = 0; i < nl; i++) {
        int a = root(parent, l[i].k), b = root(parent, nk + l[i].r);
        if (a != b)
            parent[a] = b;
    }
    /* position of each entity inside its group's matrix */
    int *pos = xmalloc(((size_t)nk + (size_t)nr) * sizeof *pos);
    int *nkey = xmalloc(((size_t)nk + (size_t)nr) * sizeof *nkey);
    int *nresp = xmalloc(((size_t)nk + (size_t)nr) * sizeof *nresp);
    for (int i = 0; i < nk + nr; i++) {
        int g = root(parent, i);
        pos[i] = i < nk ? nkey[g]++ : nresp[g]++;
    }
    /* the links grouped: a counting sort by group */
    int *start = xmalloc(((size_t)nk + (size_t)nr + 1) * sizeof *start);
    size_t *order = xmalloc(nl * sizeof *order);
    for (size_t i = 0; i < nl; i++)
        start[root(parent, l[i].k) + 1]++;
    for (int g = 0; g < nk + nr; g++)
        start[g + 1] += start[g];
    int *fill = xmalloc(((size_t)nk + (size_t)nr) * sizeof *fill);
    for (size_t i = 0; i < nl; i++) {
        int g = root(parent, l[i].k);
        order[start[g] + fill[g]++] = i;
    }
    double total = 0;
    for (int g = 0; g < nk + nr; g++) {
        if (start[g] == start[g + 1])
            continue;
        /* rows: the smaller side */
        bool flip = nkey[g] > nresp[g];
        int rows = flip ? nresp[g] : nkey[g], cols = flip ? nkey[g] : nresp[g];
        double *w = xmalloc((size_t)rows * (size_t)cols * sizeof *w);
        for (int j = start[g]; j < start[g + 1]; j++) {
            const link *x = &l[order[j]];
            size_t a = (size_t)pos[x->k], b = (size_t)pos[nk + x->r];
            double phi = 2.0 * x->n / (ksize[x->k] + rsize[x->r]);
            w[flip ? b * (size_t)cols + a : a * (size_t)cols + b] = phi;
        }
        total += best_assignment(w, rows, cols);
        free(w);
    }
    free(fill);
    free(order);
    free(start);
    free(pos);
    free(nkey);
    free(nresp);
    free(parent);
    return total;
}

/* ---- the three measures -------------------------------------------------------- */

void coref_score(const int *key_in, const int *resp_in, size_t n, coref_counts *c)
{
    int *key = xmalloc(n * sizeof *key), *resp = xmalloc(n * sizeof *resp);
    int nk = dense(key_in, n, key), nr = dense(resp_in, n, resp);
    int *ksize = xmalloc((size_t)nk * sizeof *ksize), *rsize = xmalloc((size_t)nr * sizeof *rsize);
    link *l = xmalloc(n * sizeof *l);
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        if (key[i] >= 0)
            ksize[key[i]]++;
        if (resp[i] >= 0)
            rsize[resp[i]]++;
        if (key[i] >= 0 && resp[i] >= 0)
            l[nl++] = (link){key[i], resp[i], 1};
    }
    qsort(l, nl, sizeof *l, cmp_link);
    size_t w = 0;
    for (size_t i = 0; i < nl; i++) {
        if (w && l[w - 1].k == l[i].k && l[w - 1].r == l[i].r)
            l[w - 1].n++;
        else
            l[w++] = l[i];
    }
    nl = w;
    /* MUC: a key entity K needs |K| - 1 links; the response keeps |K| minus
     * the parts the response cuts K into (mentions it lacks are parts of
     * their own); precision the same way round */
    int *kshared = xmalloc((size_t)nk * sizeof *kshared), *kparts = xmalloc((size_t)nk * sizeof *kparts);
    int *rshared = xmalloc((size_t)nr * sizeof *rshared), *rparts = xmalloc((size_t)nr * sizeof *rparts);
    for (size_t i = 0; i < nl; i++) {
        kshared[l[i].k] += l[i].n;
        kparts[l[i].k]++;
        rshared[l[i].r] += l[i].n;
        rparts[l[i].r]++;
        /* B-cubed: each shared mention scores |K cap R| / |K| (recall) and
         * / |R| (precision); the pair holds n of them */
        c->b3_rn += (double)l[i].n * l[i].n / ksize[l[i].k];
        c->b3_pn += (double)l[i].n * l[i].n / rsize[l[i].r];
    }
    for (int k = 0; k < nk; k++) {
        int parts = kparts[k] + (ksize[k] - kshared[k]);
        c->muc_rn += ksize[k] - parts;
        c->muc_rd += ksize[k] - 1;
        c->b3_rd += ksize[k];
    }
    for (int r = 0; r < nr; r++) {
        int parts = rparts[r] + (rsize[r] - rshared[r]);
        c->muc_pn += rsize[r] - parts;
        c->muc_pd += rsize[r] - 1;
        c->b3_pd += rsize[r];
    }
    c->ceaf_sim += ceaf_e(l, nl, ksize, nk, rsize, nr);
    c->ceaf_key += nk;
    c->ceaf_resp += nr;
    free(kshared);
    free(kparts);
    free(rshared);
    free(rparts);
    free(l);
    free(ksize);
    free(rsize);
    free(key);
    free(resp);
}

void coref_add(coref_counts *a, const coref_counts *b)
{
    double *x = (double *)a;
    const double *y = (const double *)b;
    for (size_t i = 0; i < sizeof *a / sizeof(double); i++)
        x[i] += y[i];
}

static double div0(double a, double b) { return b > 0 ? a / b : 0.0; }

void coref_rpf(const coref_counts *c, int metric, double out[3])
{
    double rn, rd, pn, pd;
    switch (metric) {
    case COREF_MUC: rn = c->muc_rn; rd = c->muc_rd; pn = c->muc_pn; pd = c->muc_pd; break;
    case COREF_B3: rn = c->b3_rn; rd = c->b3_rd; pn = c->b3_pn; pd = c->b3_pd; break;
    default: rn = pn = c->ceaf_sim; rd = c->ceaf_key; pd = c->ceaf_resp; break;
    }
    out[COREF_R] = div0(rn, rd);
    out[COREF_P] = div0(pn, pd);
    out[COREF_F] = div0(2 * out[COREF_R] * out[COREF_P], out[COREF_R] + out[COREF_P]);
}

double coref_conll(const coref_counts *c)
{
    double sum = 0, v[3];
    for (int m = 0; m < COREF_NMETRICS; m++) {
        coref_rpf(c, m, v);
        sum += v[COREF_F];
    }
    return sum / COREF_NMETRICS;
}
