/* eval_syntax.c: "rift eval syntax": scores rift's tagger, lemmatiser and
 * parser on the UD English treebanks (EWT, GUM), from gold words and from raw text.
 *
 * Two passes per corpus (docs/accuracy.md):
 *  - gold tokenization: each sentence's gold words go through
 *    rift_parse_words; every measure is then an accuracy;
 *  - raw text: each document's text is rebuilt from its "# text" lines
 *    (sentences joined by a space, a blank line at "# newpar") and runs
 *    through rift_doc_analyze up to stage "syntax"; rift's tokens are
 *    aligned with the gold words by character span over the text without
 *    white space (as the CoNLL 2018 shared task does) and each measure is
 *    an F1 over aligned words.
 * Measures and alignment are in ud_score.c.  Also scores one CoNLL-U file
 * against another (--gold/--system), with no model, for checking the scorer.
 * Uses only rift.h; never writes into the corpora.
 */
#include "cli.h"
#include "conllu.h"
#include "ud_score.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---- a treebank in memory ------------------------------------------------ */

typedef struct cword {
    const char *form, *lemma, *upos, *xpos, *feats, *deprel;
    int head;                 /* 0 = root, else 1-based in its sentence */
} cword;

/* a surface token: words [w, w + n) of the corpus */
typedef struct ctok { size_t w, n; const char *form; } ctok;

typedef struct csent {
    size_t w, n;              /* words [w, w + n) */
    size_t t, nt;             /* tokens [t, t + nt) */
    const char *text;         /* "# text = ", or NULL */
    int newdoc, newpar;
} csent;

typedef struct pool_blk { struct pool_blk *next; size_t used, cap; char data[]; } pool_blk;

typedef struct corpus {
    cword *w; size_t nw, wcap;
    ctok *t; size_t nt, tcap;
    csent *s; size_t ns, scap;
    pool_blk *pool;
} corpus;

#define GROW(arr, n, cap) \
    do { if ((n) == (cap)) { (cap) = (cap) ? 2 * (cap) : 256; \
         (arr) = cli_xrealloc((arr), (cap) * sizeof *(arr)); } } while (0)

static const char *keep(corpus *c, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!c->pool || c->pool->used + n > c->pool->cap) {
        size_t cap = n > 65536 ? n : 65536;
        pool_blk *b = cli_xrealloc(NULL, sizeof *b + cap);
        b->next = c->pool;
        b->used = 0;
        b->cap = cap;
        c->pool = b;
    }
    char *d = c->pool->data + c->pool->used;
    memcpy(d, s, n);
    c->pool->used += n;
    return d;
}

static void corpus_free(corpus *c)
{
    free(c->w);
    free(c->t);
    free(c->s);
    for (pool_blk *b = c->pool, *nx; b; b = nx) {
        nx = b->next;
        free(b);
    }
    memset(c, 0, sizeof *c);
}

/* Reads a CoNLL-U file; -1 with the reason said. */
static int corpus_load(const char *path, corpus *c)
{
    memset(c, 0, sizeof *c);
    conllu_reader *r = conllu_open(path);
    if (!r) {
        cli_error("eval syntax: %s: cannot open", path);
        return -1;
    }
    conllu_sent s;
    int got;
    while ((got = conllu_next(r, &s)) == 1) {
        GROW(c->s, c->ns, c->scap);
        csent *cs = &c->s[c->ns++];
        cs->w = c->nw;
        cs->n = s.n;
        cs->t = c->nt;
        cs->text = s.text ? keep(c, s.text) : NULL;
        cs->newdoc = s.newdoc;
        cs->newpar = s.newpar;
        for (size_t i = 0; i < s.n; i++) {
            GROW(c->w, c->nw, c->wcap);
            const conllu_word *x = &s.w[i];
            c->w[c->nw++] = (cword){keep(c, x->form), keep(c, x->lemma), keep(c, x->upos),
                                    keep(c, x->xpos), keep(c, x->feats), keep(c, x->deprel),
                                    x->head};
        }
        for (size_t i = 0; i < s.n;) {
            const conllu_mwt *m = NULL;
            for (size_t k = 0; k < s.n_mwt; k++)
                if ((size_t)s.mwt[k].first == i + 1 && s.mwt[k].last >= s.mwt[k].first &&
                    (size_t)s.mwt[k].last <= s.n)
                    m = &s.mwt[k];
            GROW(c->t, c->nt, c->tcap);
            size_t n = m ? (size_t)(m->last - m->first + 1) : 1;
            c->t[c->nt++] = (ctok){cs->w + i, n, m ? keep(c, m->form) : c->w[cs->w + i].form};
            i += n;
        }
        cs->nt = c->nt - cs->t;
    }
    if (got < 0)
        cli_error("eval syntax: %s", conllu_error(r));
    conllu_close(r);
    if (got < 0) {
        corpus_free(c);
        return -1;
    }
    if (c->ns == 0) {
        cli_error("eval syntax: %s: no sentences read (is xz installed?)", path);
        return -1;
    }
    return 0;
}

/* ---- character spans ------------------------------------------------------ */

/* number of non-space bytes of s[0..n) */
static uint32_t nonspace_len(const char *s, size_t n)
{
    uint32_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t sp = ud_space_len(s + i, n - i);
        if (sp) {
            i += sp;
        } else {
            i++;
            k++;
        }
    }
    return k;
}

/* s[0..n) without white space equals t[0..m) without white space */
static bool same_nonspace(const char *s, size_t n, const char *t, size_t m)
{
    size_t i = 0, j = 0;
    for (;;) {
        size_t sp;
        while (i < n && (sp = ud_space_len(s + i, n - i)))
            i += sp;
        while (j < m && (sp = ud_space_len(t + j, m - j)))
            j += sp;
        if (i == n || j == m)
            return i == n && j == m;
        if (s[i++] != t[j++])
            return false;
    }
}

static ud_word gold_word(const cword *w, size_t sent_w0, size_t base)
{
    /* heads: index in the array that starts at word `base` of the corpus */
    int h = w->head <= 0 ? -1 : (int)(sent_w0 + (size_t)w->head - 1 - base);
    return (ud_word){w->upos, w->xpos, w->lemma, w->feats, w->deprel, h, 0, 0, 0};
}

/* Gold words of sentences [s0, s1) as ud_words (heads relative to the first
 * word), spans from position 0 over their forms; token and sentence spans
 * too.  A multiword token's words get spans of their own when their forms
 * spell the token, else none (noalign). */
static void corpus_spans(const corpus *c, size_t s0, size_t s1, ud_word *w, ud_span *tok,
                         ud_span *sent)
{
    size_t base = c->s[s0].w, tbase = c->s[s0].t;
    uint32_t pos = 0;
    for (size_t k = s0; k < s1; k++) {
        const csent *s = &c->s[k];
        uint32_t sstart = pos;
        for (size_t i = 0; i < s->n; i++)
            w[s->w + i - base] = gold_word(&c->w[s->w + i], s->w, base);
        for (size_t ti = s->t; ti < s->t + s->nt; ti++) {
            const ctok *t = &c->t[ti];
            uint32_t len = nonspace_len(t->form, strlen(t->form));
            tok[ti - tbase] = (ud_span){pos, pos + len};
            uint32_t sum = 0;
            for (size_t i = 0; i < t->n; i++)
                sum += nonspace_len(c->w[t->w + i].form, strlen(c->w[t->w + i].form));
            bool spelled = t->n == 1 || sum == len;
            if (spelled && t->n > 1) {
                /* the words' forms concatenated must be the token's form */
                char buf[512];
                size_t bl = 0;
                for (size_t i = 0; i < t->n && spelled; i++) {
                    size_t fl = strlen(c->w[t->w + i].form);
                    if (bl + fl >= sizeof buf)
                        spelled = false;
                    else {
                        memcpy(buf + bl, c->w[t->w + i].form, fl);
                        bl += fl;
                    }
                }
                spelled = spelled && same_nonspace(buf, bl, t->form, strlen(t->form));
            }
            uint32_t p = pos;
            for (size_t i = 0; i < t->n; i++) {
                ud_word *x = &w[t->w + i - base];
                if (t->n == 1) {
                    x->start = pos;
                    x->end = pos + len;
                } else if (spelled) {
                    uint32_t l = nonspace_len(c->w[t->w + i].form, strlen(c->w[t->w + i].form));
                    x->start = p;
                    x->end = p + l;
                    p += l;
                } else {
                    x->start = pos;
                    x->end = pos + len;
                    x->noalign = 1;
                }
            }
            pos += len;
        }
        sent[k - s0] = (ud_span){sstart, pos};
    }
}

/* ---- options and results --------------------------------------------------- */

enum { C_EWT, C_GUM, C_ALL, C_N };
static const char *const corpus_name[C_N] = {"ewt", "gum", "all"};
static const char *const corpus_path[2] = {
    "ud-english-ewt/en_ewt-ud-%s.conllu.xz", "ud-english-gum-open/en_gum-open-%s.conllu.xz"};

typedef struct stats {
    long docs, sents, words;
    ud_result gold;           /* gold tokenization */
    ud_result raw;            /* from raw text */
    long raw_docs, raw_syntax;    /* documents, of which with syntax */
    long unseen;              /* gold words outside every rift token */
    long rebuilt;             /* sentences whose text was rebuilt from the forms */
    long failed;
    bool no_models;           /* rift_parse_words refused: no syntax models */
    double gold_sec, raw_sec; /* CPU seconds in rift */
} stats;

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static ud_word sys_word(const rift_word *w)
{
    return (ud_word){rift_upos_name(w->upos), w->xpos, w->lemma, w->feats, w->deprel,
                     w->head < -1 ? -2 : w->head, 0, 0, 0};
}

/* ---- the most frequent errors (--verbose) --------------------------------------- */

typedef struct confusion { int kind; char gold[32], sys[32]; long n; } confusion;
enum { K_UPOS, K_XPOS, K_DEPREL, K_HEAD, K_N };
static const char *const kind_title[K_N] = {
    "UPOS gold -> rift", "XPOS gold -> rift", "relation gold -> rift (head right)",
    "wrong head, by gold relation"};
static confusion *conf;
static size_t nconf, confcap;

static void confuse(int kind, const char *g, const char *sy)
{
    g = g ? g : "_";
    sy = sy ? sy : "_";
    for (size_t i = 0; i < nconf; i++)
        if (conf[i].kind == kind && !strncmp(conf[i].gold, g, 31) &&
            !strncmp(conf[i].sys, sy, 31)) {
            conf[i].n++;
            return;
        }
    GROW(conf, nconf, confcap);
    confusion *c = &conf[nconf++];
    c->kind = kind;
    snprintf(c->gold, sizeof c->gold, "%s", g);
    snprintf(c->sys, sizeof c->sys, "%s", sy);
    c->n = 1;
}

static void note_errors(const ud_word *g, const ud_word *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const ud_word *a = &g[i], *b = &s[i];
        if (strcmp(a->upos, b->upos ? b->upos : "_"))
            confuse(K_UPOS, a->upos, b->upos);
        if (strcmp(a->xpos, b->xpos ? b->xpos : "_"))
            confuse(K_XPOS, a->xpos, b->xpos);
        if (a->head != b->head)
            confuse(K_HEAD, a->deprel, "");
        else if (strcmp(a->deprel, b->deprel ? b->deprel : "_"))
            confuse(K_DEPREL, a->deprel, b->deprel);
    }
}

static int conf_cmp(const void *x, const void *y)
{
    const confusion *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind - b->kind;
    if (a->n != b->n)
        return a->n < b->n ? 1 : -1;
    int c = strcmp(a->gold, b->gold);
    return c ? c : strcmp(a->sys, b->sys);
}

static void print_errors(void)
{
    qsort(conf, nconf, sizeof *conf, conf_cmp);
    for (int k = 0; k < K_N; k++) {
        printf("most frequent errors from the gold words: %s\n", kind_title[k]);
        int shown = 0;
        for (size_t i = 0; i < nconf && shown < 15; i++)
            if (conf[i].kind == k) {
                printf("  %6ld  %s%s%s\n", conf[i].n, conf[i].gold, k == K_HEAD ? "" : " -> ",
                       conf[i].sys);
                shown++;
            }
    }
    free(conf);
    conf = NULL;
    nconf = confcap = 0;
}

/* ---- pass 1: gold tokenization ----------------------------------------------- */

static void pass_gold(const rift_model *m, const corpus *c, stats *st, bool verbose)
{
    size_t cap = 0;
    const char **forms = NULL;
    size_t *lens = NULL;
    ud_word *g = NULL, *s = NULL;
    int *g2s = NULL, *s2g = NULL;
    for (size_t k = 0; k < c->ns; k++) {
        const csent *cs = &c->s[k];
        if (cs->n > cap) {
            cap = cs->n * 2;
            forms = cli_xrealloc(forms, cap * sizeof *forms);
            lens = cli_xrealloc(lens, cap * sizeof *lens);
            g = cli_xrealloc(g, cap * sizeof *g);
            s = cli_xrealloc(s, cap * sizeof *s);
            g2s = cli_xrealloc(g2s, cap * sizeof *g2s);
            s2g = cli_xrealloc(s2g, cap * sizeof *s2g);
        }
        for (size_t i = 0; i < cs->n; i++) {
            forms[i] = c->w[cs->w + i].form;
            lens[i] = strlen(forms[i]);
            g[i] = gold_word(&c->w[cs->w + i], cs->w, cs->w);
        }
        rift_parse *p = NULL;
        double t0 = cpu_now();
        rift_status rs = rift_parse_words(m, forms, lens, cs->n, &p);
        size_t n = 0;
        const rift_word *rw = rs == RIFT_OK ? rift_parse_result(p, &n) : NULL;
        st->gold_sec += cpu_now() - t0;
        if (rs == RIFT_EINVAL && cs->n) {
            /* the model has no syntax models (parse_words refuses them all) */
            st->no_models = true;
            break;
        }
        if (rs != RIFT_OK || (n && !rw) || n != cs->n) {
            st->failed++;
            n = 0;
        }
        for (size_t i = 0; i < n; i++)
            s[i] = sys_word(&rw[i]);
        if (n == cs->n) {
            ud_align_identity(n, g2s, s2g);
        } else {
            for (size_t i = 0; i < cs->n; i++)
                g2s[i] = -1;
        }
        ud_score_words(&st->gold, g, cs->n, s, n, g2s, s2g);
        if (verbose && n == cs->n)
            note_errors(g, s, n);
        rift_parse_free(p);
    }
    free(forms);
    free(lens);
    free(g);
    free(s);
    free(g2s);
    free(s2g);
}

/* ---- pass 2: raw text ------------------------------------------------------------ */

/* The text of sentences [s0, s1): "# text" lines, or the forms when a line
 * is missing or does not spell the words */
static void doc_text(const corpus *c, size_t s0, size_t s1, cli_buf *b, long *rebuilt)
{
    cli_buf f = {0};
    b->len = 0;
    for (size_t k = s0; k < s1; k++) {
        const csent *s = &c->s[k];
        if (k > s0)
            cli_buf_add(b, s->newpar ? "\n\n" : " ", s->newpar ? 2 : 1);
        f.len = 0;
        for (size_t ti = s->t; ti < s->t + s->nt; ti++) {
            const ctok *t = &c->t[ti];
            if (ti > s->t)
                cli_buf_add(&f, " ", 1);
            cli_buf_add(&f, t->form, strlen(t->form));
        }
        if (s->text && same_nonspace(s->text, strlen(s->text), f.s ? f.s : "", f.len)) {
            cli_buf_add(b, s->text, strlen(s->text));
        } else {
            (*rebuilt)++;
            cli_buf_add(b, f.s ? f.s : "", f.len);
        }
    }
    free(f.s);
}

static void pass_raw(const rift_model *m, const corpus *c, const char *name, stats *st)
{
    cli_buf text = {0};
    for (size_t s0 = 0; s0 < c->ns;) {
        size_t s1 = s0 + 1;
        while (s1 < c->ns && !c->s[s1].newdoc)
            s1++;
        size_t w0 = c->s[s0].w, nw = c->s[s1 - 1].w + c->s[s1 - 1].n - w0;
        size_t t0 = c->s[s0].t, nt = c->s[s1 - 1].t + c->s[s1 - 1].nt - t0;
        ud_word *g = cli_xrealloc(NULL, (nw + 1) * sizeof *g);
        ud_span *gt = cli_xrealloc(NULL, (nt + 1) * sizeof *gt);
        ud_span *gs = cli_xrealloc(NULL, (s1 - s0) * sizeof *gs);
        corpus_spans(c, s0, s1, g, gt, gs);
        doc_text(c, s0, s1, &text, &st->rebuilt);

        rift_article a = {0};
        a.text = text.s;
        a.text_len = text.len;
        a.origin = name;
        a.line = 1;
        rift_analyze_options opt = {0};
        opt.last_stage = RIFT_STAGE_SYNTAX;
        rift_doc *d = NULL;
        double tc = cpu_now();
        rift_status rs = rift_doc_analyze(m, &a, &opt, &d);
        st->raw_sec += cpu_now() - tc;
        size_t ntok = 0, nsent = 0, nword = 0;
        const rift_token *tok = rs == RIFT_OK ? rift_doc_tokens(d, &ntok) : NULL;
        const rift_sentence *sen = rs == RIFT_OK ? rift_doc_sentences(d, &nsent) : NULL;
        const rift_word *rw = rs == RIFT_OK ? rift_doc_words(d, &nword) : NULL;
        if (rs != RIFT_OK) {
            st->failed++;
            ntok = nsent = 0;
        }
        if (nword != ntok)
            rw = NULL;
        /* byte offset -> offset over the text without white space */
        uint32_t *nsp = cli_xrealloc(NULL, (text.len + 1) * sizeof *nsp);
        uint32_t k = 0;
        for (size_t i = 0; i < text.len;) {
            size_t sp = ud_space_len(text.s + i, text.len - i);
            size_t step = sp ? sp : 1;
            for (size_t j = 0; j < step && i + j <= text.len; j++)
                nsp[i + j] = k;
            if (!sp)
                k++;
            i += step;
        }
        nsp[text.len] = k;
        ud_word *s = cli_xrealloc(NULL, (ntok + 1) * sizeof *s);
        ud_span *stk = cli_xrealloc(NULL, (ntok + 1) * sizeof *stk);
        ud_span *ss = cli_xrealloc(NULL, (nsent + 1) * sizeof *ss);
        size_t nss = 0;
        for (size_t i = 0; i < ntok; i++) {
            uint32_t a0 = tok[i].start <= text.len ? nsp[tok[i].start] : k;
            uint32_t a1 = tok[i].end <= text.len ? nsp[tok[i].end] : k;
            stk[i] = (ud_span){a0, a1};
            s[i] = rw ? sys_word(&rw[i]) : (ud_word){NULL, NULL, NULL, NULL, NULL, -2, 0, 0, 0};
            s[i].start = a0;
            s[i].end = a1;
            s[i].noalign = a0 == a1;
        }
        for (size_t i = 0; i < nsent; i++)
            if (sen[i].tok_end > sen[i].tok_begin && sen[i].tok_end <= ntok)
                ss[nss++] = (ud_span){stk[sen[i].tok_begin].start, stk[sen[i].tok_end - 1].end};
        /* gold words none of whose characters is in a rift token: text the
         * segmenter never saw (a title line, boilerplate) */
        unsigned char *cov = calloc((size_t)k + 1, 1);
        if (!cov) {
            cli_error("out of memory");
            exit(1);
        }
        for (size_t i = 0; i < ntok; i++)
            for (uint32_t x = stk[i].start; x < stk[i].end && x < k; x++)
                cov[x] = 1;
        for (size_t i = 0; i < nw; i++) {
            bool seen = false;
            for (uint32_t x = g[i].start; x < g[i].end && x < k && !seen; x++)
                seen = cov[x];
            st->unseen += !seen;
        }
        free(cov);
        int *g2s = cli_xrealloc(NULL, (nw + 1) * sizeof *g2s);
        int *s2g = cli_xrealloc(NULL, (ntok + 1) * sizeof *s2g);
        ud_align_spans(g, nw, s, ntok, g2s, s2g);
        ud_result r = {0};
        ud_score_spans(&r.m[UD_TOKENS], gt, nt, stk, ntok);
        ud_score_spans(&r.m[UD_SENTENCES], gs, s1 - s0, ss, nss);
        ud_score_words(&r, g, nw, s, ntok, g2s, s2g);
        ud_result_add(&st->raw, &r);
        st->raw_docs++;
        st->raw_syntax += rw != NULL || ntok == 0;
        rift_doc_free(d);
        free(g);
        free(gt);
        free(gs);
        free(nsp);
        free(s);
        free(stk);
        free(ss);
        free(g2s);
        free(s2g);
        st->docs++;
        s0 = s1;
    }
    free(text.s);
}

/* ---- reporting ------------------------------------------------------------------- */

static void print_head(const char *title, const char *right)
{
    printf("  %s\n  %-12s %7s %7s %7s   %6s %6s %6s\n", title, "measure", "gold", "system",
           right, "prec%", "rec%", "F1%");
}

static void print_row(const char *label, const ud_counts *c)
{
    double p, r, f;
    ud_prf(c, &p, &r, &f);
    printf("  %-12s %7ld %7ld %7ld   %6.2f %6.2f %6.2f\n", label, c->gold, c->sys, c->correct,
           100 * p, 100 * r, 100 * f);
}

static void json_measures(const ud_result *r, int from, int to)
{
    for (int k = from; k <= to; k++) {
        double p, rc, f;
        ud_prf(&r->m[k], &p, &rc, &f);
        printf("%s\"%s\":{\"gold\":%ld,\"system\":%ld,\"correct\":%ld,\"precision\":%.4f,"
               "\"recall\":%.4f,\"f1\":%.4f}", k == from ? "" : ",", ud_measure_name[k],
               r->m[k].gold, r->m[k].sys, r->m[k].correct, p, rc, f);
    }
}

typedef struct eopts {
    bool json, gold, raw;
    const char *split;
    bool files;               /* --gold/--system */
    bool verbose;             /* the most frequent errors */
} eopts;

static void report(const stats *st, const char *name, const eopts *o, bool first)
{
    bool syn = st->raw_syntax == st->raw_docs && st->raw_docs > 0;
    if (o->json) {
        printf("%s{\"corpus\":\"%s\",\"split\":\"%s\",\"documents\":%ld,\"sentences\":%ld,"
               "\"words\":%ld,\"failed\":%ld", first ? "" : ",", name, o->split, st->docs,
               st->sents, st->words, st->failed);
        if (o->gold && !st->no_models) {
            printf(",\"gold_tokenization\":{");
            json_measures(&st->gold, UD_UPOS, UD_BLEX);
            printf("}");
        }
        if (o->raw) {
            printf(",\"raw_text\":{\"syntax\":%s,\"unsegmented_words\":%ld,",
                   syn ? "true" : "false", st->unseen);
            json_measures(&st->raw, UD_TOKENS, syn ? UD_BLEX : UD_WORDS);
            printf("}");
        }
        printf("}");
        return;
    }
    if (o->files)
        printf("== %s (%ld sentences, %ld words in the gold file)\n", name, st->sents,
               st->words);
    else
        printf("== %s %s (%ld documents, %ld sentences, %ld words)\n", name, o->split,
               st->docs, st->sents, st->words);
    if (o->gold && st->no_models)
        printf("  gold tokenization: not scored, the model has no syntax layer "
               "(make model)\n");
    else if (o->gold) {
        print_head("from the gold words (rift_parse_words): accuracy", "right");
        for (int k = UD_UPOS; k <= UD_BLEX; k++)
            print_row(ud_measure_name[k], &st->gold.m[k]);
    }
    if (o->raw) {
        print_head(o->files ? "the system file's words aligned by characters with the gold ones"
                            : "from raw text (rift_doc_analyze up to syntax), aligned by "
                              "characters", "match");
        for (int k = UD_TOKENS; k <= (syn ? UD_BLEX : UD_WORDS); k++)
            print_row(ud_measure_name[k], &st->raw.m[k]);
        if (!syn)
            printf("    (no syntax layer in this build: tokens, sentences and words only)\n");
        if (st->unseen)
            printf("    (%ld gold words lie outside every rift token: text rift did not "
                   "segment,\n     such as a first line taken for a title)\n", st->unseen);
        if (st->rebuilt)
            printf("    (%ld sentences without a usable \"# text\" line: their words were "
                   "joined by spaces)\n", st->rebuilt);
    }
    if (st->failed)
        printf("    (%ld sentences or documents failed in rift: scored as empty)\n",
               st->failed);
}

static void add_stats(stats *a, const stats *b)
{
    a->docs += b->docs;
    a->sents += b->sents;
    a->words += b->words;
    ud_result_add(&a->gold, &b->gold);
    ud_result_add(&a->raw, &b->raw);
    a->raw_docs += b->raw_docs;
    a->raw_syntax += b->raw_syntax;
    a->rebuilt += b->rebuilt;
    a->unseen += b->unseen;
    a->failed += b->failed;
    a->no_models |= b->no_models;
    a->gold_sec += b->gold_sec;
    a->raw_sec += b->raw_sec;
}

/* ---- a system file against a gold file (no model) ----------------------------------- */

static int score_files(const char *gpath, const char *spath, const eopts *o)
{
    corpus gc, sc;
    if (corpus_load(gpath, &gc) < 0)
        return 1;
    if (corpus_load(spath, &sc) < 0) {
        corpus_free(&gc);
        return 1;
    }
    ud_word *g = cli_xrealloc(NULL, (gc.nw + 1) * sizeof *g);
    ud_word *s = cli_xrealloc(NULL, (sc.nw + 1) * sizeof *s);
    ud_span *gt = cli_xrealloc(NULL, (gc.nt + 1) * sizeof *gt);
    ud_span *stk = cli_xrealloc(NULL, (sc.nt + 1) * sizeof *stk);
    ud_span *gs = cli_xrealloc(NULL, (gc.ns + 1) * sizeof *gs);
    ud_span *ss = cli_xrealloc(NULL, (sc.ns + 1) * sizeof *ss);
    corpus_spans(&gc, 0, gc.ns, g, gt, gs);
    corpus_spans(&sc, 0, sc.ns, s, stk, ss);
    int rc = 0;
    uint32_t gl = gc.ns ? gs[gc.ns - 1].end : 0, sl = sc.ns ? ss[sc.ns - 1].end : 0;
    if (gl != sl) {
        cli_error("eval syntax: %s and %s do not spell the same text (%u and %u characters "
                  "without white space)", gpath, spath, gl, sl);
        rc = 1;
    } else {
        int *g2s = cli_xrealloc(NULL, (gc.nw + 1) * sizeof *g2s);
        int *s2g = cli_xrealloc(NULL, (sc.nw + 1) * sizeof *s2g);
        ud_align_spans(g, gc.nw, s, sc.nw, g2s, s2g);
        stats st = {0};
        st.docs = 1;
        st.sents = (long)gc.ns;
        st.words = (long)gc.nw;
        st.raw_docs = st.raw_syntax = 1;
        ud_score_spans(&st.raw.m[UD_TOKENS], gt, gc.nt, stk, sc.nt);
        ud_score_spans(&st.raw.m[UD_SENTENCES], gs, gc.ns, ss, sc.ns);
        ud_score_words(&st.raw, g, gc.nw, s, sc.nw, g2s, s2g);
        eopts fo = *o;
        fo.gold = false;
        fo.raw = true;
        fo.split = "file";
        fo.files = true;
        if (o->json)
            printf("[");
        report(&st, spath, &fo, true);
        if (o->json)
            printf("]\n");
        free(g2s);
        free(s2g);
    }
    free(g);
    free(s);
    free(gt);
    free(stk);
    free(gs);
    free(ss);
    corpus_free(&gc);
    corpus_free(&sc);
    return rc;
}

/* ---- the command --------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift eval syntax [OPTIONS]\n"
        "\n"
        "Scores rift's part-of-speech tags, lemmas, features and dependency trees on\n"
        "the Universal Dependencies English treebanks of the shared folder (EWT and\n"
        "GUM), with the CoNLL 2018 measures (docs/accuracy.md): once from the gold\n"
        "words (rift_parse_words), once from the raw text through the whole pipeline\n"
        "up to stage syntax, aligned by characters.  Speed goes to stderr.\n"
        "\n"
        "  --corpus C        ewt, gum or all (default all)\n"
        "  --split S         test or dev (default test)\n"
        "  --shared DIR      the shared folder (default ../shared, else /work/shared)\n"
        "  --data DIR        rift's data directory\n"
        "  --only P          gold or raw: one of the two passes\n"
        "  --json            one JSON array of results on stdout\n"
        "  --verbose         the most frequent tag, relation and head errors\n"
        "  --gold FILE --system FILE\n"
        "                    score a CoNLL-U file against a gold one (no model needed)\n");
}

int cmd_eval_syntax(int argc, char **argv)
{
    enum { O_CORPUS = 1, O_SPLIT, O_SHARED, O_DATA, O_ONLY, O_JSON, O_GOLD, O_SYSTEM, O_VERBOSE, O_HELP };
    static const struct option lo[] = {
        {"corpus", required_argument, 0, O_CORPUS}, {"split", required_argument, 0, O_SPLIT},
        {"shared", required_argument, 0, O_SHARED}, {"data", required_argument, 0, O_DATA},
        {"only", required_argument, 0, O_ONLY},     {"json", no_argument, 0, O_JSON},
        {"gold", required_argument, 0, O_GOLD},     {"system", required_argument, 0, O_SYSTEM},
        {"verbose", no_argument, 0, O_VERBOSE},     {"help", no_argument, 0, O_HELP},
        {0, 0, 0, 0}};
    const char *corp = "all", *shared = NULL, *data = NULL, *gfile = NULL, *sfile = NULL;
    eopts o = {false, true, true, "test", false, false};
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (ch) {
        case O_CORPUS: corp = optarg; break;
        case O_SPLIT: o.split = optarg; break;
        case O_SHARED: shared = optarg; break;
        case O_DATA: data = optarg; break;
        case O_JSON: o.json = true; break;
        case O_GOLD: gfile = optarg; break;
        case O_SYSTEM: sfile = optarg; break;
        case O_VERBOSE: o.verbose = true; break;
        case O_ONLY:
            if (!strcmp(optarg, "gold")) o.raw = false;
            else if (!strcmp(optarg, "raw")) o.gold = false;
            else {
                cli_error("eval syntax: --only gold or raw, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': case O_HELP: usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("eval syntax: unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (gfile || sfile) {
        if (!gfile || !sfile) {
            cli_error("eval syntax: --gold and --system go together");
            return EXIT_USAGE;
        }
        return score_files(gfile, sfile, &o);
    }
    bool want[2] = {!strcmp(corp, "ewt") || !strcmp(corp, "all"),
                    !strcmp(corp, "gum") || !strcmp(corp, "all")};
    if (!want[0] && !want[1]) {
        cli_error("eval syntax: unknown corpus '%s' (ewt, gum, all)", corp);
        return EXIT_USAGE;
    }
    if (strcmp(o.split, "test") != 0 && strcmp(o.split, "dev") != 0) {
        cli_error("eval syntax: unknown split '%s' (test, dev)", o.split);
        return EXIT_USAGE;
    }
    if (!shared)
        shared = cli_is_dir("../shared/corpora") ? "../shared" : "/work/shared";
    char path[2][4096];
    for (int c = 0; c < 2; c++) {
        if (!want[c])
            continue;
        char rel[256];
        snprintf(rel, sizeof rel, corpus_path[c], o.split);
        snprintf(path[c], sizeof path[c], "%s/corpora/%s", shared, rel);
        struct stat sb;
        if (stat(path[c], &sb) != 0) {
            cli_error("eval syntax: %s absent; %s skipped (use --shared DIR)", path[c],
                      corpus_name[c]);
            want[c] = false;
        }
    }
    if (!want[0] && !want[1])
        return 0;
    rift_model *model = cli_model_open(data, "eval syntax: cannot open the model: ");
    if (!model)
        return 1;
    stats st[C_N];
    memset(st, 0, sizeof st);
    int rc = 0;
    for (int c = 0; c < 2; c++) {
        if (!want[c])
            continue;
        corpus cp;
        if (corpus_load(path[c], &cp) < 0) {
            rc = 1;
            want[c] = false;
            continue;
        }
        st[c].sents = (long)cp.ns;
        st[c].words = (long)cp.nw;
        if (o.gold)
            pass_gold(model, &cp, &st[c], o.verbose && !o.json);
        if (o.raw)
            pass_raw(model, &cp, corpus_name[c], &st[c]);
        else
            for (size_t k = 0; k < cp.ns; k++)
                st[c].docs += k == 0 || cp.s[k].newdoc;
        corpus_free(&cp);
        if (st[c].failed)
            rc = 1;
        add_stats(&st[C_ALL], &st[c]);
    }
    if (o.json)
        printf("[");
    bool first = true;
    for (int c = 0; c < C_N; c++) {
        if (c == C_ALL ? !(want[0] && want[1]) : !want[c])
            continue;
        report(&st[c], corpus_name[c], &o, first);
        first = false;
    }
    if (o.json)
        printf("]\n");
    if (o.verbose && !o.json && o.gold)
        print_errors();
    const stats *t = &st[C_ALL];
    if (!(want[0] && want[1]))
        t = want[0] ? &st[C_EWT] : &st[C_GUM];
    fflush(stdout);
    if (o.gold && t->gold_sec > 0 && !t->no_models)
        fprintf(stderr, "eval syntax: gold words: %ld words in %.3f s CPU, %.0f words/s "
                "(rift_parse_words: tag + morph + parse)\n", t->words, t->gold_sec,
                (double)t->words / t->gold_sec);
    if (o.raw && t->raw_sec > 0)
        fprintf(stderr, "eval syntax: raw text: %ld words in %.3f s CPU, %.0f words/s "
                "(rift_doc_analyze up to syntax)\n", t->words, t->raw_sec,
                (double)t->words / t->raw_sec);
    rift_model_close(model);
    return rc;
}
