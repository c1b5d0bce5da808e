/* train_morph.c: learns the morphology model (lemma edits and UD features
 * per known word, suffix rules for the others) from CoNLL-U; evaluates it.
 *
 *   train-morph TRAIN.conllu OUT.bin
 *   train-morph --eval FILE.conllu MORPH.bin TAGGER.bin   (predicted tags)
 *   train-morph --eval FILE.conllu MORPH.bin --gold       (gold tags)
 */
#include "conllu.h"
#include "morph_int.h"
#include "syntax.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RULE_MIN 2          /* a rule longer than L=0 needs this many words */
/* EWT and GUM annotate some features differently (GUM: Number on "you",
 * Degree on adverbs); EWT's words count this many times more for features,
 * and the context model learns from EWT alone (GUM: sent_id GUM_...). */
#define EWT_WEIGHT 4

static void die(const char *fmt, const char *a)
{
    fprintf(stderr, "train-morph: ");
    fprintf(stderr, fmt, a);
    fputc('\n', stderr);
    exit(1);
}

/* ---- string map with value counts ------------------------------------- */

typedef struct vc {
    int v, c;
} vc;

typedef struct entry {
    char *s;
    size_t n;
    vc *vals;
    int nv, cap;
    int eff;                /* rules: the value in effect */
    int stored;
} entry;

typedef struct smap {
    entry *e;
    size_t n, cap;
    int *slot;
    size_t nslot;
} smap;

static int smap_id(smap *m, const char *s, size_t n, bool add)
{
    if (add && 2 * (m->n + 1) > m->nslot) {
        free(m->slot);
        m->nslot = m->nslot ? 2 * m->nslot : 1024;
        m->slot = rift_xmalloc(m->nslot * sizeof *m->slot);
        memset(m->slot, 0xFF, m->nslot * sizeof *m->slot);
        for (size_t i = 0; i < m->n; i++) {
            size_t p = rift_hash(m->e[i].s, m->e[i].n) & (m->nslot - 1);
            while (m->slot[p] >= 0)
                p = (p + 1) & (m->nslot - 1);
            m->slot[p] = (int)i;
        }
    }
    if (!m->nslot)
        return -1;
    size_t p = rift_hash(s, n) & (m->nslot - 1);
    while (m->slot[p] >= 0) {
        entry *e = &m->e[m->slot[p]];
        if (e->n == n && memcmp(e->s, s, n) == 0)
            return m->slot[p];
        p = (p + 1) & (m->nslot - 1);
    }
    if (!add)
        return -1;
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 1024;
        m->e = rift_xrealloc(m->e, m->cap * sizeof *m->e);
    }
    entry *e = &m->e[m->n];
    memset(e, 0, sizeof *e);
    e->s = rift_xmalloc(n + 1);
    memcpy(e->s, s, n);
    e->s[n] = '\0';
    e->n = n;
    e->eff = -1;
    m->slot[p] = (int)m->n;
    return (int)m->n++;
}

static void count(entry *e, int v, int c)
{
    for (int i = 0; i < e->nv; i++)
        if (e->vals[i].v == v) {
            e->vals[i].c += c;
            return;
        }
    if (e->nv == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 2;
        e->vals = rift_xrealloc(e->vals, (size_t)e->cap * sizeof *e->vals);
    }
    e->vals[e->nv++] = (vc){v, c};
}

/* the most frequent value (ties: the smallest id); support in *tot */
static int best(const entry *e, int *tot)
{
    int b = -1, bc = 0, t = 0;
    for (int i = 0; i < e->nv; i++) {
        t += e->vals[i].c;
        if (e->vals[i].c > bc || (e->vals[i].c == bc && e->vals[i].v < b)) {
            b = e->vals[i].v;
            bc = e->vals[i].c;
        }
    }
    if (tot)
        *tot = t;
    return b;
}

static void smap_free(smap *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->e[i].s);
        free(m->e[i].vals);
    }
    free(m->e);
    free(m->slot);
}

/* ---- the corpus ------------------------------------------------------- */

typedef struct tok {
    rift_sw w;
    char *lemma, *feats;   /* gold */
    uint8_t gu, gx;
    int fw;                /* weight for features: EWT_WEIGHT or 1 (GUM) */
} tok;

typedef struct corpus {
    tok *t;
    size_t n, cap;
    size_t *sent;          /* start of each sentence; sent[nsent] = n */
    size_t nsent, scap;
} corpus;

static void load_corpus(const char *path, corpus *c)
{
    conllu_reader *r = conllu_open(path);
    if (!r)
        die("%s: cannot open", path);
    memset(c, 0, sizeof *c);
    conllu_sent cs;
    int rc;
    while ((rc = conllu_next(r, &cs)) == 1) {
        if (c->nsent + 2 > c->scap) {
            c->scap = c->scap ? 2 * c->scap : 1024;
            c->sent = rift_xrealloc(c->sent, c->scap * sizeof *c->sent);
        }
        c->sent[c->nsent++] = c->n;
        for (size_t i = 0; i < cs.n; i++) {
            if (c->n == c->cap) {
                c->cap = c->cap ? 2 * c->cap : 4096;
                c->t = rift_xrealloc(c->t, c->cap * sizeof *c->t);
            }
            tok *t = &c->t[c->n++];
            memset(t, 0, sizeof *t);
            const conllu_word *cw = &cs.w[i];
            t->w.form = rift_xstrdup(cw->form);
            t->w.len = (uint32_t)strlen(cw->form);
            rift_sw_prepare(&t->w, 1);
            t->lemma = rift_xstrdup(cw->lemma);
            t->feats = rift_xstrdup(cw->feats);
            int u = rift_upos_id(cw->upos, strlen(cw->upos));
            int x = rift_xpos_id(cw->xpos, strlen(cw->xpos));
            t->gu = (uint8_t)(u < 0 ? 0 : u);
            t->gx = (uint8_t)(x < 0 ? 0 : x);
            t->fw = cs.sent_id && strncmp(cs.sent_id, "GUM_", 4) == 0 ? 1 : EWT_WEIGHT;
        }
    }
    if (rc < 0)
        die("%s", conllu_error(r));
    conllu_close(r);
    if (!c->sent)
        c->sent = rift_xmalloc(sizeof *c->sent);
    c->sent[c->nsent] = c->n;
}

static void free_corpus(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free((char *)c->t[i].w.form);
        free(c->t[i].lemma);
        free(c->t[i].feats);
    }
    free(c->t);
    free(c->sent);
}

/* The base of a word as morph.c makes it (malloc'd). */
static char *base_of(const rift_sw *x, unsigned xpos, size_t *bn)
{
    bool whole = morph_whole(x);
    const char *s = whole ? x->form : x->norm;
    size_t n = whole ? x->len : x->nlen;
    char *b = rift_xmalloc(n + 1);
    if (morph_proper(xpos)) {
        memcpy(b, s, n);
        b[n] = '\0';
    } else
        morph_lower(s, n, b);
    *bn = n;
    return b;
}

/* ---- training ----------------------------------------------------------- */

typedef struct learner {
    smap edits, feats;      /* key: strip byte + append string; features */
    smap words;             /* 'W' upos xpos lnorm: edit and feats counts */
    smap lwords;            /* xpos lnorm: edit counts (rule learning) */
    smap lrules, frules;    /* 'L' xpos suffix ; 'F' upos xpos suffix */
    smap wf;                /* the same keys as words: feats counts */
} learner;

static size_t key_bytes(char *k, char kind, unsigned a, unsigned b,
                        const char *s, size_t n)
{
    size_t p = 0;
    k[p++] = kind;
    k[p++] = (char)a;
    if (kind != 'L')
        k[p++] = (char)b;
    memcpy(k + p, s, n);
    return p + n;
}

static int edit_id(learner *L, const char *base, size_t bn, const char *lemma)
{
    size_t p = 0, ln = strlen(lemma);
    while (p < bn && p < ln && base[p] == lemma[p])
        p++;
    while (p > 0 && p < bn && ((unsigned char)base[p] & 0xC0) == 0x80)
        p--;
    size_t strip = bn - p;
    char k[512];
    if (strip > 255 || ln - p > sizeof k - 2)
        return 0;
    k[0] = (char)strip;
    memcpy(k + 1, lemma + p, ln - p);
    return smap_id(&L->edits, k, 1 + ln - p, true);
}

/* the rule value in effect for (kind, a, b) and the suffixes of low */
static int rule_value(smap *rules, char kind, unsigned a, unsigned b,
                      const char *low, size_t ln)
{
    char k[64];
    for (size_t l = ln < MORPH_SUFFIX ? ln : MORPH_SUFFIX;; l--) {
        size_t kn = key_bytes(k, kind, a, b, low + ln - l, l);
        int id = smap_id(rules, k, kn, false);
        if (id >= 0 && rules->e[id].stored)
            return rules->e[id].eff;
        if (l == 0)
            return 0;
    }
}

/* Chooses which rules to keep: shortest first, a rule is kept when it has
 * the support and says something else than the shorter one in effect. */
static size_t select_rules(smap *rules, size_t hdr)
{
    size_t kept = 0;
    for (size_t l = 0; l <= MORPH_SUFFIX; l++)
        for (size_t i = 0; i < rules->n; i++) {
            entry *e = &rules->e[i];
            if (e->n != hdr + l)
                continue;
            int tot, b = best(e, &tot);
            int parent = 0;
            if (l > 0) {
                char k[64];
                memcpy(k, e->s, hdr);
                memcpy(k + hdr, e->s + hdr + 1, l - 1);
                int pid = smap_id(rules, k, hdr + l - 1, false);
                if (pid >= 0)
                    parent = rules->e[pid].eff;
            }
            if (l == 0 || (tot >= RULE_MIN && b != parent)) {
                e->stored = 1;
                e->eff = b;
                kept++;
            } else
                e->eff = parent;
        }
    return kept;
}

typedef struct slot_out {
    uint64_t key;
    int edit, feats;
    uint32_t mask;
} slot_out;

static void put32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, f);
}

typedef struct ctxm ctxm;
static void ctx_write(const ctxm *m, FILE *out);

static void write_model(learner *L, slot_out *so, size_t nso, const ctxm *cm,
                        const char *path)
{
    /* the pool: "" then the edits' strings then the features */
    size_t cap = 1 << 16, n = 1;
    char *pool = rift_xmalloc(cap);
    pool[0] = '\0';
    uint32_t *eoff = rift_xmalloc(L->edits.n * sizeof *eoff);
    uint32_t *foff = rift_xmalloc(L->feats.n * sizeof *foff);
    for (int pass = 0; pass < 2; pass++) {
        smap *m = pass ? &L->feats : &L->edits;
        for (size_t i = 0; i < m->n; i++) {
            const char *s = pass ? m->e[i].s : m->e[i].s + 1;
            size_t sn = pass ? m->e[i].n : m->e[i].n - 1;
            while (n + sn + 1 > cap) {
                cap *= 2;
                pool = rift_xrealloc(pool, cap);
            }
            (pass ? foff : eoff)[i] = (uint32_t)n;
            memcpy(pool + n, s, sn);
            pool[n + sn] = '\0';
            n += sn + 1;
        }
    }
    uint32_t nslots = 16;
    while (nslots < 2 * nso)
        nslots *= 2;
    morph_slot *slots = rift_xmalloc(nslots * sizeof *slots);
    memset(slots, 0, nslots * sizeof *slots);
    for (size_t i = 0; i < nso; i++) {
        uint32_t s = (uint32_t)so[i].key & (nslots - 1);
        while (slots[s].key) {
            if (slots[s].key == so[i].key)
                break;      /* a lemma key twice (truncated): one will do */
            s = (s + 1) & (nslots - 1);
        }
        if (slots[s].key)
            continue;
        slots[s].key = so[i].key;
        slots[s].edit = (uint16_t)(so[i].edit < 0 ? MORPH_NONE : so[i].edit);
        slots[s].feats = (uint16_t)(so[i].feats < 0 ? MORPH_NONE : so[i].feats);
        slots[s].mask = so[i].mask;
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        die("%s: cannot write", path);
    fwrite(MORPH_MAGIC, 1, 8, f);
    put32(f, MORPH_VERSION);
    put32(f, (uint32_t)n);
    put32(f, (uint32_t)L->edits.n);
    put32(f, (uint32_t)L->feats.n);
    put32(f, nslots);
    put32(f, 0);
    fwrite(pool, 1, n, f);
    for (size_t i = 0; i < L->edits.n; i++) {
        put32(f, eoff[i]);
        put32(f, (uint32_t)(unsigned char)L->edits.e[i].s[0]);
    }
    for (size_t i = 0; i < L->feats.n; i++)
        put32(f, i == 0 ? 0 : foff[i]);
    for (uint32_t s = 0; s < nslots; s++) {
        put32(f, (uint32_t)slots[s].key);
        put32(f, (uint32_t)(slots[s].key >> 32));
        put32(f, (uint32_t)slots[s].edit | (uint32_t)slots[s].feats << 16);
        put32(f, slots[s].mask);
    }
    ctx_write(cm, f);
    if (fclose(f) != 0)
        die("%s: write failed", path);
    fprintf(stderr, "train-morph: wrote %s: %zu edits, %zu feature sets, %zu entries, %zu pool bytes\n",
            path, L->edits.n, L->feats.n, nso, n);
    free(pool);
    free(eoff);
    free(foff);
    free(slots);
}


#include "morph_ctx_learn.h"

static int train(const char *in, const char *out)
{
    corpus c;
    load_corpus(in, &c);
    learner L;
    memset(&L, 0, sizeof L);
    char k[600];
    k[0] = 0;
    smap_id(&L.edits, k, 1, true);          /* edit 0: keep the base */
    smap_id(&L.feats, "_", 1, true);        /* features 0: none */
    for (size_t i = 0; i < c.n; i++) {
        tok *t = &c.t[i];
        char low[RIFT_SW_NORM];
        size_t ln = morph_lower(t->w.norm, t->w.nlen, low), bn;
        char *base = base_of(&t->w, t->gx, &bn);
        int e = edit_id(&L, base, bn, t->lemma);
        free(base);
        int f = smap_id(&L.feats, t->feats, strlen(t->feats), true);
        size_t kn = key_bytes(k, 'W', t->gu, t->gx, low, ln);
        { int id_ = smap_id(&L.words, k, kn, true); count(&L.words.e[id_], e, 1); }
        { int id_ = smap_id(&L.wf, k, kn, true); count(&L.wf.e[id_], f, t->fw); }
        kn = key_bytes(k, 'L', t->gx, 0, low, ln);
        { int id_ = smap_id(&L.lwords, k, kn, true); count(&L.lwords.e[id_], e, 1); }
    }
    /* rules from word types (each counts once, with its usual value) */
    for (size_t i = 0; i < L.lwords.n; i++) {
        entry *e = &L.lwords.e[i];
        int b = best(e, NULL);
        size_t ln = e->n - 2;
        for (size_t l = 0; l <= ln && l <= MORPH_SUFFIX; l++) {
            size_t kn = key_bytes(k, 'L', (unsigned char)e->s[1], 0, e->s + 2 + ln - l, l);
            { int id_ = smap_id(&L.lrules, k, kn, true); count(&L.lrules.e[id_], b, 1); }
        }
    }
    for (size_t i = 0; i < L.wf.n; i++) {
        entry *e = &L.wf.e[i];
        int b = best(e, NULL);
        size_t ln = e->n - 3;
        for (size_t l = 0; l <= ln && l <= MORPH_SUFFIX; l++) {
            size_t kn = key_bytes(k, 'F', (unsigned char)e->s[1], (unsigned char)e->s[2],
                                  e->s + 3 + ln - l, l);
            { int id_ = smap_id(&L.frules, k, kn, true); count(&L.frules.e[id_], b, 1); }
        }
    }
    size_t nl = select_rules(&L.lrules, 2), nf = select_rules(&L.frules, 3);
    ctxm *cm = rift_xmalloc(sizeof *cm);
    memset(cm, 0, sizeof *cm);
    uint32_t *masks = rift_xmalloc((L.wf.n + 1) * sizeof *masks);
    ctx_classes(&L, &c, cm, masks);
    ctx_train(&L, &c, cm, masks);
    /* the table: kept rules, and the words the rules get wrong */
    size_t cap = nl + nf + L.words.n, nso = 0;
    slot_out *so = rift_xmalloc(cap * sizeof *so);
    for (size_t i = 0; i < L.lrules.n; i++)
        if (L.lrules.e[i].stored) {
            entry *e = &L.lrules.e[i];
            so[nso++] = (slot_out){morph_key('L', (unsigned char)e->s[1], 0, e->s + 2, e->n - 2),
                                   e->eff, -1, 0};
        }
    for (size_t i = 0; i < L.frules.n; i++)
        if (L.frules.e[i].stored) {
            entry *e = &L.frules.e[i];
            so[nso++] = (slot_out){morph_key('F', (unsigned char)e->s[1], (unsigned char)e->s[2],
                                             e->s + 3, e->n - 3),
                                   -1, e->eff, 0};
        }
    size_t nwl = 0, nwf = 0;
    for (size_t i = 0; i < L.words.n; i++) {
        entry *e = &L.words.e[i];
        unsigned up = (unsigned char)e->s[1], xp = (unsigned char)e->s[2];
        const char *low = e->s + 3;
        size_t ln = e->n - 3;
        int be = best(e, NULL);
        int bf = best(&L.wf.e[i], NULL);
        int re = rule_value(&L.lrules, 'L', xp, 0, low, ln);
        int rf = rule_value(&L.frules, 'F', up, xp, low, ln);
        if (be == re && bf == rf && !masks[i])
            continue;
        nwl += be != re;
        nwf += bf != rf;
        so[nso++] = (slot_out){morph_key('W', up, xp, low, ln), be != re ? be : -1,
                               bf != rf ? bf : -1, masks[i]};
    }
    /* the lemmas of training (not of proper nouns), for the rules' check */
    smap lem;
    memset(&lem, 0, sizeof lem);
    for (size_t i = 0; i < c.n; i++)
        if (!morph_proper(c.t[i].gx))
            smap_id(&lem, c.t[i].lemma, strlen(c.t[i].lemma), true);
    so = rift_xrealloc(so, (nso + lem.n) * sizeof *so);
    for (size_t i = 0; i < lem.n; i++)
        so[nso++] = (slot_out){morph_key('K', 0, 0, lem.e[i].s, lem.e[i].n), -1, -1, 0};
    size_t nlem = lem.n;
    smap_free(&lem);

    fprintf(stderr, "train-morph: %zu known lemmas\n", nlem);
    fprintf(stderr, "train-morph: %zu words; %zu lemma rules, %zu feature rules; "
                    "%zu word lemmas, %zu word features\n",
            c.n, nl, nf, nwl, nwf);
    if (L.edits.n >= MORPH_NONE || L.feats.n >= MORPH_NONE)
        die("%s", "too many edits or feature sets");
    write_model(&L, so, nso, cm, out);
    free(so);
    free(masks);
    ctx_free(cm);
    free(cm);
    smap_free(&L.edits);
    smap_free(&L.feats);
    smap_free(&L.words);
    smap_free(&L.wf);
    smap_free(&L.lwords);
    smap_free(&L.lrules);
    smap_free(&L.frules);
    free_corpus(&c);
    return 0;
}

/* ---- evaluation ----------------------------------------------------------- */

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int eval(const char *file, const char *mpath, const char *tpath)
{
    char err[512];
    rift_morph *m;
    rift_tagger *tg = NULL;
    if (rift_morph_load(mpath, &m, err, sizeof err) != RIFT_OK)
        die("%s", err);
    if (strcmp(tpath, "--gold") != 0 &&
        rift_tagger_load(tpath, &tg, err, sizeof err) != RIFT_OK)
        die("%s", err);
    corpus c;
    load_corpus(file, &c);
    rift_sw *all = rift_xmalloc((c.n + 1) * sizeof *all);
    rift_arena a;
    rift_arena_init(&a);
    size_t ok_u = 0, ok_x = 0, ok_l = 0, ok_f = 0, ok_all = 0;
    bool show = getenv("MORPH_ERRORS") != NULL;
    for (size_t s = 0; s < c.nsent; s++) {
        size_t b = c.sent[s], n = c.sent[s + 1] - b;
        rift_sw *w = all + b;
        for (size_t i = 0; i < n; i++) {
            w[i] = c.t[b + i].w;
            w[i].upos = c.t[b + i].gu;
            w[i].xpos = c.t[b + i].gx;
        }
        if (tg)
            rift_tagger_tag(tg, w, n, &a);
        rift_morph_run(m, w, n, &a);
        for (size_t i = 0; i < n; i++) {
            const tok *t = &c.t[b + i];
            bool u = w[i].upos == t->gu, x = w[i].xpos == t->gx;
            bool l = strcmp(w[i].lemma, t->lemma) == 0;
            bool f = strcmp(w[i].feats ? w[i].feats : "_", t->feats) == 0;
            ok_u += u;
            ok_x += x;
            ok_l += l;
            ok_f += f;
            ok_all += u && x && l && f;
            if (show && (!l || !f))
                printf("ERR %s %s/%s lemma %s (%s) feats %s (%s)\n", t->w.form,
                       rift_upos_name((rift_upos)w[i].upos), rift_xpos_name(w[i].xpos),
                       w[i].lemma, t->lemma, w[i].feats ? w[i].feats : "_", t->feats);
        }
    }
    rift_arena_release(&a);
    rift_arena_init(&a);
    int reps = 5;
    double t0 = now_sec();
    for (int r = 0; r < reps; r++) {
        for (size_t s = 0; s < c.nsent; s++)
            rift_morph_run(m, all + c.sent[s], c.sent[s + 1] - c.sent[s], &a);
        rift_arena_release(&a);
        rift_arena_init(&a);
    }
    double tm = (now_sec() - t0) / reps;
    double n = (double)c.n;
    printf("%s: %zu words, %s tags\n", file, c.n, tg ? "predicted" : "gold");
    printf("UPOS %.2f  XPOS %.2f  Lemma %.2f  UFeats %.2f  AllTags %.2f\n",
           100 * ok_u / n, 100 * ok_x / n, 100 * ok_l / n, 100 * ok_f / n,
           100 * ok_all / n);
    printf("speed %.0f words/s (morphology alone)\n", n / tm);
    rift_arena_release(&a);
    free(all);
    free_corpus(&c);
    rift_morph_free(m);
    rift_tagger_free(tg);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--eval") == 0)
        return eval(argv[2], argv[3], argv[4]);
    if (argc != 3) {
        fprintf(stderr, "usage: train-morph TRAIN.conllu OUT.bin\n"
                        "       train-morph --eval FILE.conllu MORPH.bin TAGGER.bin|--gold\n");
        return 2;
    }
    return train(argv[1], argv[2]);
}
