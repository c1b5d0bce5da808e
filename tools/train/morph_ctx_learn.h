/* morph_ctx_learn.h: the part of train_morph.c that learns the context
 * model of the features (morph_ctx.c); included once, by train_morph.c.
 */
#ifndef RIFT_MORPH_CTX_LEARN_H
#define RIFT_MORPH_CTX_LEARN_H

/* ---- the context model ---------------------------------------------------- */

#define CTX_EPOCHS 10
#define CTX_MIN_ERR 30      /* a class is contextual when the word table ... */
#define CTX_MIN_RATE 0.01   /* ... gets this many of its words wrong */

typedef struct pentry {
    int cand;
    int32_t w, ts;
    int64_t tot;
} pentry;

typedef struct pfeat {
    uint64_t h;
    pentry *e;
    uint32_t n, cap;
    float *avg;
} pfeat;

struct ctxm {
    uint32_t n;
    morph_ctx_class cls[MORPH_MAX_CTX];
    int of[RIFT_N_UPOS][RIFT_N_XPOS];
    pfeat *f;
    size_t cap, used;
    int32_t now;
};

static pfeat *pfind(ctxm *m, uint64_t h, bool add)
{
    h |= 1;
    if (add && 2 * (m->used + 1) > m->cap) {
        size_t oc = m->cap;
        pfeat *of = m->f;
        m->cap = oc ? 2 * oc : (1u << 16);
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

static void pbump(ctxm *m, pfeat *f, int cand, int32_t d)
{
    pentry *e = NULL;
    for (uint32_t i = 0; i < f->n; i++)
        if (f->e[i].cand == cand)
            e = &f->e[i];
    if (!e) {
        if (f->n == f->cap) {
            f->cap = f->cap ? 2 * f->cap : 2;
            f->e = rift_xrealloc(f->e, f->cap * sizeof *f->e);
        }
        e = &f->e[f->n++];
        memset(e, 0, sizeof *e);
        e->cand = cand;
        e->ts = m->now;
    }
    e->tot += (int64_t)(m->now - e->ts) * e->w;
    e->ts = m->now;
    e->w += d;
}

/* Which classes are contextual, their candidates, and each known word's
 * candidate mask (masks[i] for the word of entry i of L->wf). */
static void ctx_classes(learner *L, corpus *c, ctxm *m, uint32_t *masks)
{
    static long tokens[RIFT_N_UPOS][RIFT_N_XPOS], errs[RIFT_N_UPOS][RIFT_N_XPOS];
    smap cf;
    memset(&cf, 0, sizeof cf);
    for (size_t i = 0; i < c->n; i++) {
        tok *t = &c->t[i];
        tokens[t->gu][t->gx]++;
        char k[2] = {(char)t->gu, (char)t->gx};
        int id = smap_id(&cf, k, 2, true);
        count(&cf.e[id], smap_id(&L->feats, t->feats, strlen(t->feats), false), t->fw);
    }
    for (size_t i = 0; i < L->wf.n; i++) {
        entry *e = &L->wf.e[i];
        int tot, b = best(e, &tot), bc = 0;
        for (int v = 0; v < e->nv; v++)
            if (e->vals[v].v == b)
                bc = e->vals[v].c;
        errs[(unsigned char)e->s[1]][(unsigned char)e->s[2]] += tot - bc;
    }
    memset(m->of, 0xFF, sizeof m->of);
    for (size_t i = 0; i < cf.n && m->n < MORPH_MAX_CTX; i++) {
        unsigned u = (unsigned char)cf.e[i].s[0], x = (unsigned char)cf.e[i].s[1];
        if (errs[u][x] < CTX_MIN_ERR || errs[u][x] < CTX_MIN_RATE * tokens[u][x])
            continue;
        morph_ctx_class *cc = &m->cls[m->n];
        memset(cc, 0, sizeof *cc);
        cc->upos = (uint8_t)u;
        cc->xpos = (uint8_t)x;
        /* candidates: the feature sets seen twice, most frequent first */
        entry *e = &cf.e[i];
        bool *taken = calloc((size_t)e->nv, 1);
        while (cc->n < MORPH_CAND) {
            int bi = -1;
            for (int v = 0; v < e->nv; v++)
                if (!taken[v] && e->vals[v].c >= 2 &&
                    (bi < 0 || e->vals[v].c > e->vals[bi].c ||
                     (e->vals[v].c == e->vals[bi].c && e->vals[v].v < e->vals[bi].v)))
                    bi = v;
            if (bi < 0)
                break;
            taken[bi] = true;
            cc->cand[cc->n++] = (uint16_t)e->vals[bi].v;
        }
        free(taken);
        if (cc->n < 2)
            continue;
        m->of[u][x] = (int)m->n;
        fprintf(stderr, "train-morph: contextual %s/%s: %u candidates, %ld of %ld words\n",
                rift_upos_name((rift_upos)u), rift_xpos_name(x), cc->n, errs[u][x], tokens[u][x]);
        m->n++;
    }
    for (size_t i = 0; i < L->wf.n; i++) {
        entry *e = &L->wf.e[i];
        int ci = m->of[(unsigned char)e->s[1]][(unsigned char)e->s[2]];
        masks[i] = 0;
        if (ci < 0)
            continue;
        for (int v = 0; v < e->nv; v++)
            for (unsigned k = 0; k < m->cls[ci].n; k++)
                if (m->cls[ci].cand[k] == e->vals[v].v)
                    masks[i] |= 1u << k;
    }
    smap_free(&cf);
}

static void ctx_train(learner *L, corpus *c, ctxm *m, const uint32_t *masks)
{
    /* per token: class, gold candidate, mask; sentences as rift_sw */
    int *ci = rift_xmalloc(c->n * sizeof *ci), *gold = rift_xmalloc(c->n * sizeof *gold);
    uint32_t *mk = rift_xmalloc(c->n * sizeof *mk);
    rift_sw *w = rift_xmalloc((c->n + 1) * sizeof *w);
    char k[64];
    bool ewt = false;
    for (size_t i = 0; i < c->n; i++)
        ewt = ewt || c->t[i].fw > 1;
    for (size_t i = 0; i < c->n; i++) {
        tok *t = &c->t[i];
        w[i] = t->w;
        w[i].upos = t->gu;
        w[i].xpos = t->gx;
        w[i].lemma = t->lemma;
        ci[i] = m->of[t->gu][t->gx];
        gold[i] = -1;
        if (ci[i] < 0 || (ewt && t->fw == 1))
            continue;
        int fid = smap_id(&L->feats, t->feats, strlen(t->feats), false);
        const morph_ctx_class *cc = &m->cls[ci[i]];
        for (unsigned j = 0; j < cc->n; j++)
            if (cc->cand[j] == fid)
                gold[i] = (int)j;
        char low[RIFT_SW_NORM];
        size_t ln = morph_lower(t->w.norm, t->w.nlen, low);
        int id = smap_id(&L->wf, k, key_bytes(k, 'W', t->gu, t->gx, low, ln), false);
        mk[i] = id >= 0 ? masks[id] : 0;
        if (!mk[i])
            mk[i] = cc->n == MORPH_CAND ? 0xFFFFFFFFu : (1u << cc->n) - 1;
    }
    size_t *order = rift_xmalloc(c->nsent * sizeof *order);
    for (size_t s = 0; s < c->nsent; s++)
        order[s] = s;
    uint64_t rs = 0x9E3779B97F4A7C15ull;
    uint64_t f[MORPH_CTX_FEATS];
    for (int ep = 0; ep < CTX_EPOCHS; ep++) {
        for (size_t j = c->nsent; j > 1; j--) {
            rs ^= rs << 13;
            rs ^= rs >> 7;
            rs ^= rs << 17;
            size_t r = rs % j, tmp = order[j - 1];
            order[j - 1] = order[r];
            order[r] = tmp;
        }
        size_t right = 0, all = 0;
        for (size_t j = 0; j < c->nsent; j++) {
            size_t b = c->sent[order[j]], n = c->sent[order[j] + 1] - b;
            for (size_t i = 0; i < n; i++) {
                if (gold[b + i] < 0 || (mk[b + i] & (mk[b + i] - 1)) == 0)
                    continue;
                size_t nf = morph_ctx_features(w + b, n, i, (unsigned)ci[b + i], f);
                double score[MORPH_CAND] = {0};
                for (size_t q = 0; q < nf; q++) {
                    pfeat *pf = pfind(m, f[q], false);
                    for (uint32_t e = 0; pf && e < pf->n; e++)
                        score[pf->e[e].cand] += pf->e[e].w;
                }
                int pred = -1;
                for (int q = 0; q < MORPH_CAND; q++)
                    if ((mk[b + i] >> q & 1) && (pred < 0 || score[q] > score[pred]))
                        pred = q;
                m->now++;
                all++;
                if (pred == gold[b + i]) {
                    right++;
                    continue;
                }
                for (size_t q = 0; q < nf; q++) {
                    pfeat *pf = pfind(m, f[q], true);
                    pbump(m, pf, gold[b + i], 1);
                    pbump(m, pf, pred, -1);
                }
            }
        }
        fprintf(stderr, "train-morph: context epoch %d: %.2f%% of %zu\n", ep + 1,
                100.0 * (double)right / (double)(all ? all : 1), all);
    }
    for (size_t i = 0; i < m->cap; i++) {
        pfeat *pf = &m->f[i];
        if (!pf->h)
            continue;
        pf->avg = rift_xmalloc((pf->n + 1) * sizeof *pf->avg);
        for (uint32_t e = 0; e < pf->n; e++) {
            double tot = (double)pf->e[e].tot + (double)(m->now - pf->e[e].ts) * pf->e[e].w;
            pf->avg[e] = (float)(tot / (m->now ? m->now : 1));
        }
    }
    free(ci);
    free(gold);
    free(mk);
    free(w);
    free(order);
}

/* the context model's sections of the file */
static void ctx_write(const ctxm *m, FILE *out)
{
    float maxw = 0;
    size_t nfeat = 0, npairs = 0;
    for (size_t i = 0; i < m->cap; i++)
        for (uint32_t e = 0; m->f[i].h && e < m->f[i].n; e++)
            if (fabsf(m->f[i].avg[e]) > maxw)
                maxw = fabsf(m->f[i].avg[e]);
    float scale = maxw > 0 ? 32000.0f / maxw : 1;
    for (size_t i = 0; i < m->cap; i++) {
        size_t k = 0;
        for (uint32_t e = 0; m->f[i].h && e < m->f[i].n; e++)
            k += lrintf(m->f[i].avg[e] * scale) != 0;
        nfeat += k > 0;
        npairs += k;
    }
    uint32_t nslots = 16;
    while (nslots < 2 * nfeat)
        nslots *= 2;
    uint32_t *slots = rift_xmalloc((size_t)nslots * 2 * sizeof *slots);
    memset(slots, 0, (size_t)nslots * 2 * sizeof *slots);
    morph_pair *pairs = rift_xmalloc((npairs + 1) * sizeof *pairs);
    size_t np = 0;
    for (size_t i = 0; i < m->cap; i++) {
        const pfeat *pf = &m->f[i];
        if (!pf->h)
            continue;
        size_t start = np;
        for (uint32_t e = 0; e < pf->n; e++) {
            long q = lrintf(pf->avg[e] * scale);
            if (q != 0)
                pairs[np++] = (morph_pair){(uint16_t)pf->e[e].cand, (int16_t)q};
        }
        if (np == start)
            continue;
        uint64_t h = pf->h;
        uint32_t s = (uint32_t)h & (nslots - 1);
        while (slots[2 * s])
            s = (s + 1) & (nslots - 1);
        slots[2 * s] = (uint32_t)(h >> 32) | 1u;
        slots[2 * s + 1] = (uint32_t)start << 8 | (uint32_t)(np - start);
    }
    put32(out, m->n);
    put32(out, nslots);
    put32(out, (uint32_t)np);
    put32(out, 0);
    for (uint32_t c = 0; c < m->n; c++) {
        const morph_ctx_class *cc = &m->cls[c];
        fputc(cc->upos, out);
        fputc(cc->xpos, out);
        fputc(cc->n, out);
        fputc(0, out);
        for (int k = 0; k < MORPH_CAND; k++) {
            fputc(cc->cand[k] & 0xFF, out);
            fputc(cc->cand[k] >> 8, out);
        }
    }
    for (size_t s = 0; s < 2 * (size_t)nslots; s++)
        put32(out, slots[s]);
    for (size_t p = 0; p < np; p++)
        put32(out, (uint32_t)pairs[p].cand | (uint32_t)(uint16_t)pairs[p].w << 16);
    fprintf(stderr, "train-morph: context model: %u classes, %zu features, %zu pairs\n",
            m->n, nfeat, np);
    free(slots);
    free(pairs);
}

static void ctx_free(ctxm *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->f[i].e);
        free(m->f[i].avg);
    }
    free(m->f);
}

#endif
