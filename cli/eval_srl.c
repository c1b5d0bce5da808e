/* eval_srl.c: `rift eval events --corpus qasrl|propbank`: who did what to
 * whom, scored on predicate-argument gold (QA-SRL Wikinews, PropBank EWT).
 */
#include "eval.h"
#include "conllu.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* bytes [s, e) of a sentence's text */
typedef struct srl_rng { uint32_t s, e; } srl_rng;

/* A gold predicate: its verb, and its agent and theme answers as ranges
 * [a0, a1) and [t0, t1) of the sentence's range list (none: no such role) */
typedef struct srl_pred { srl_rng verb; size_t a0, a1, t0, t1; } srl_pred;

typedef struct srl_sent {
    const char *text; size_t len;
    srl_pred *p; size_t np, pcap;
    srl_rng *r; size_t nr, rcap;
} srl_sent;

typedef struct srl_tally {
    long sents, unaligned, preds, both_gold, coded, src_ok, tgt_ok, both_ok, recall_ok;
    long src_none, tgt_none;          /* right as neither rift nor the gold has one */
    long src_loose, tgt_loose, both_loose; /* rift's words overlap the gold's */
    eval_evstats ev;
} srl_tally;

static void add_rng(srl_sent *s, srl_rng r)
{
    if (s->nr == s->rcap) {
        s->rcap = s->rcap ? 2 * s->rcap : 32;
        s->r = cli_xrealloc(s->r, s->rcap * sizeof *s->r);
    }
    s->r[s->nr++] = r;
}

static srl_pred *add_pred(srl_sent *s, srl_rng verb)
{
    if (s->np == s->pcap) {
        s->pcap = s->pcap ? 2 * s->pcap : 16;
        s->p = cli_xrealloc(s->p, s->pcap * sizeof *s->p);
    }
    srl_pred *p = &s->p[s->np++];
    p->verb = verb;
    p->a0 = p->a1 = p->t0 = p->t1 = s->nr;
    return p;
}

void eval_evstats_add(eval_evstats *s, const rift_event *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool src = e[i].source >= 0 || e[i].source_code || e[i].source_text.end > e[i].source_text.start;
        bool tgt = e[i].target >= 0 || e[i].target_code ||
                   e[i].target_text.end > e[i].target_text.start ||
                   e[i].object_text.end > e[i].object_text.start;
        s->events++;
        s->no_source += !src;
        s->no_target += !tgt;
        s->no_either += !src || !tgt;
        s->conf += e[i].confidence;
    }
}

void eval_evstats_print(const eval_evstats *s)
{
    double n = s->events ? (double)s->events : 1.0;
    printf("  coded events %ld: without a source %ld (%.1f%%), without a target %ld (%.1f%%), "
           "without one or both %ld (%.1f%%); mean confidence %.3f\n", s->events, s->no_source,
           100.0 * s->no_source / n, s->no_target, 100.0 * s->no_target / n, s->no_either,
           100.0 * s->no_either / n, s->conf / n);
}

/* The head token of the words sp: the token inside it whose syntactic head
 * lies outside it (the last such), else its last token; -1 when none. */
static long head_token(const rift_token *tok, size_t nt, const rift_word *w, rift_span sp)
{
    size_t lo = 0, hi = nt;
    while (lo < hi) { /* the first token ending after sp.start */
        size_t mid = lo + (hi - lo) / 2;
        if (tok[mid].end <= sp.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    long first = -1, last = -1, head = -1;
    for (size_t i = lo; i < nt && tok[i].start < sp.end; i++)
        if (tok[i].start >= sp.start && tok[i].end <= sp.end) {
            if (first < 0)
                first = (long)i;
            last = (long)i;
        }
    for (long i = first; w && i >= 0 && i <= last; i++)
        if (w[i].head < first || w[i].head > last)
            head = i;
    return head >= 0 ? head : last;
}

/* A rift argument sp against the gold ranges r[0, n) */
typedef struct srl_arg {
    long head;   /* its head token, -1 when none */
    bool right;  /* the head overlaps one of them, or neither has any */
    bool none;   /* neither has any */
    bool loose;  /* sp overlaps one of them, or neither has any */
} srl_arg;

static srl_arg arg_score(const rift_token *tok, size_t nt, const rift_word *w, rift_span sp,
                         const srl_rng *r, size_t n)
{
    srl_arg a = {-1, false, false, false};
    bool empty = sp.end <= sp.start;
    a.head = empty ? -1 : head_token(tok, nt, w, sp);
    a.none = a.right = a.loose = empty && n == 0;
    for (size_t i = 0; i < n && !empty; i++) {
        a.loose |= sp.start < r[i].e && r[i].s < sp.end;
        a.right |= a.head >= 0 && tok[a.head].start < r[i].e && r[i].s < tok[a.head].end;
    }
    return a;
}

static void print_rngs(const srl_sent *s, size_t a, size_t b)
{
    if (a == b)
        printf("-");
    for (size_t i = a; i < b; i++)
        printf("%s\"%.*s\"", i > a ? " / " : "", (int)(s->r[i].e - s->r[i].s), s->text + s->r[i].s);
}

static void print_arg(const char *text, rift_span sp, const rift_token *tok, long h)
{
    if (sp.end <= sp.start)
        printf("-");
    else
        printf("\"%.*s\" (head %.*s)", (int)(sp.end - sp.start), text + sp.start,
               h >= 0 ? (int)(tok[h].end - tok[h].start) : 1, h >= 0 ? text + tok[h].start : "?");
}

/* Runs rift on one sentence and scores its events on the gold predicates:
 * for each, the coded event on the verb with the most right arguments. */
static void score_sentence(const rift_model *m, const srl_sent *s, srl_tally *t, bool verbose)
{
    rift_article a;
    memset(&a, 0, sizeof a);
    a.text = s->text;
    a.text_len = s->len;
    a.origin = "eval";
    rift_analyze_options o = {0};
    o.default_date = "2000-01-01";
    rift_doc *d = NULL;
    size_t ne = 0, nt = 0, nw = 0;
    const rift_event *ev = NULL;
    const rift_token *tok = NULL;
    const rift_word *w = NULL;
    if (rift_doc_analyze(m, &a, &o, &d) == RIFT_OK) {
        ev = rift_doc_events(d, &ne);
        tok = rift_doc_tokens(d, &nt);
        w = rift_doc_words(d, &nw);
        if (nw != nt)
            w = NULL;
    }
    t->sents++;
    eval_evstats_add(&t->ev, ev, ne);
    if (verbose)
        printf("sentence: %.*s\n", (int)s->len, s->text);
    for (size_t i = 0; i < s->np; i++) {
        const srl_pred *p = &s->p[i];
        bool both_gold = p->a1 > p->a0 && p->t1 > p->t0;
        long best = -1;
        int score = -1;
        srl_arg bs = {0}, bt = {0};
        for (size_t k = 0; k < ne; k++) {
            rift_span tr = ev[k].trigger;
            if (tr.end <= tr.start || tr.end <= p->verb.s || p->verb.e <= tr.start)
                continue;
            rift_span tsp = ev[k].target_text.end > ev[k].target_text.start ? ev[k].target_text
                                                                             : ev[k].object_text;
            srl_arg so = arg_score(tok, nt, w, ev[k].source_text, s->r + p->a0, p->a1 - p->a0);
            srl_arg to = arg_score(tok, nt, w, tsp, s->r + p->t0, p->t1 - p->t0);
            int sc = 2 * (so.right && to.right) + so.right + to.right;
            if (sc > score) {
                score = sc;
                best = (long)k;
                bs = so;
                bt = to;
            }
        }
        bool sok = bs.right, tok_ok = bt.right;
        t->preds++;
        t->both_gold += both_gold;
        if (best >= 0) {
            t->coded++;
            t->src_ok += sok;
            t->tgt_ok += tok_ok;
            t->both_ok += sok && tok_ok;
            t->recall_ok += both_gold && sok && tok_ok;
            t->src_none += bs.none;
            t->tgt_none += bt.none;
            t->src_loose += bs.loose;
            t->tgt_loose += bt.loose;
            t->both_loose += bs.loose && bt.loose;
        }
        if (!verbose || (best < 0 && !both_gold))
            continue;
        printf("  verb \"%.*s\": gold agent ", (int)(p->verb.e - p->verb.s), s->text + p->verb.s);
        print_rngs(s, p->a0, p->a1);
        printf(", theme ");
        print_rngs(s, p->t0, p->t1);
        if (best < 0) {
            printf("; not coded\n");
            continue;
        }
        const rift_event *e = &ev[best];
        printf("; rift %s source ", e->cameo ? e->cameo : "?");
        print_arg(s->text, e->source_text, tok, bs.head);
        printf(" target ");
        print_arg(s->text, e->target_text.end > e->target_text.start ? e->target_text : e->object_text,
                  tok, bt.head);
        printf(": %s\n", sok && tok_ok ? "both right" : sok ? "source right" : tok_ok ? "target right"
                                                                               : "both wrong");
    }
    rift_doc_free(d);
}

static void report(const char *title, const char *path, const srl_tally *t)
{
    double c = t->coded ? (double)t->coded : 1.0;
    printf("%s (%s)\n", title, path);
    printf("  sentences %ld (left out, no text or text and words differ: %ld), gold predicates %ld, "
           "with an agent and a theme %ld\n", t->sents, t->unaligned, t->preds, t->both_gold);
    printf("  coded gold predicates (an event's trigger on the verb): %ld\n", t->coded);
    printf("  precision (source and target right / coded): %ld/%ld = %.1f%%\n", t->both_ok,
           t->coded, 100.0 * t->both_ok / c);
    printf("    source right %ld (%.1f%%), target right %ld (%.1f%%), both %ld (%.1f%%)\n",
           t->src_ok, 100.0 * t->src_ok / c, t->tgt_ok, 100.0 * t->tgt_ok / c, t->both_ok,
           100.0 * t->both_ok / c);
    printf("    of which right as neither rift nor the gold has one: source %ld, target %ld\n",
           t->src_none, t->tgt_none);
    printf("    words overlapping the gold's (any word, not the head): source %ld (%.1f%%), "
           "target %ld (%.1f%%), both %ld (%.1f%%)\n", t->src_loose, 100.0 * t->src_loose / c,
           t->tgt_loose, 100.0 * t->tgt_loose / c, t->both_loose, 100.0 * t->both_loose / c);
    printf("  recall (coded right / with an agent and a theme): %ld/%ld = %.1f%%\n", t->recall_ok,
           t->both_gold, t->both_gold ? 100.0 * t->recall_ok / t->both_gold : 0.0);
    eval_evstats_print(&t->ev);
}

static void sent_clear(srl_sent *s)
{
    s->np = s->nr = 0;
}

/* ---- QA-SRL ------------------------------------------------------------ */

/* Splits the CSV record at *p (RFC 4180 quoting) in place into at most max
 * fields; returns how many it had and moves *p past it. */
static int csv_record(char **p, char **f, int max)
{
    char *s = *p;
    int n = 0;
    if (!*s)
        return 0;
    for (;;) {
        char *start = s, *out = s;
        if (*s == '"') {
            for (s++; *s; s++) {
                if (*s == '"' && s[1] != '"') {
                    s++;
                    break;
                }
                if (*s == '"')
                    s++;
                *out++ = *s;
            }
            while (*s && *s != ',' && *s != '\n' && *s != '\r')
                s++;
        } else {
            while (*s && *s != ',' && *s != '\n' && *s != '\r')
                s++;
            out = s;
        }
        char c = *s;
        *out = '\0';
        if (n < max)
            f[n++] = start;
        if (c == ',') {
            s++;
            continue;
        }
        if (c == '\r' && s[1] == '\n')
            s++;
        if (c)
            s++;
        break;
    }
    *p = s;
    return n;
}

/* the index of each name in the header record; false when one is missing */
static bool csv_columns(char **f, int nf, const char *const *names, int *col, int n)
{
    for (int k = 0; k < n; k++) {
        col[k] = -1;
        for (int i = 0; i < nf; i++)
            if (!strcmp(f[i], names[k]))
                col[k] = i;
        if (col[k] < 0)
            return false;
    }
    return true;
}

typedef struct qa_sent { const char *id; char *tokens; } qa_sent;
/* one answer range of one question (role 0: the verb only) */
typedef struct qa_row { long sent; int verb, role, tb, te; } qa_row;

static int qa_sent_cmp(const void *a, const void *b)
{
    return strcmp(((const qa_sent *)a)->id, ((const qa_sent *)b)->id);
}

static int qa_row_cmp(const void *a, const void *b)
{
    const qa_row *x = a, *y = b;
    if (x->sent != y->sent)
        return x->sent < y->sent ? -1 : 1;
    if (x->verb != y->verb)
        return x->verb < y->verb ? -1 : 1;
    if (x->role != y->role)
        return x->role < y->role ? -1 : 1;
    return x->tb < y->tb ? -1 : x->tb > y->tb;
}

enum { QA_VERB = 0, QA_AGENT = 1, QA_THEME = 2 };

/* The role a question asks for (docs/accuracy.md): who/what with an empty
 * subject slot in the active voice, or a passive "by" question, asks for
 * the agent; who/what with the direct-object slot empty (and no stranded
 * preposition), or a passive one with an empty subject slot, for the theme. */
static int qa_role(const char *wh, const char *subj, const char *obj, const char *prep,
                   const char *obj2, const char *passive)
{
    if (strcasecmp(wh, "who") && strcasecmp(wh, "what"))
        return QA_VERB;
    bool pas = !strcasecmp(passive, "true");
    if (!*subj)
        return pas ? QA_THEME : QA_AGENT;
    if (pas && !strcmp(prep, "by") && !*obj2)
        return QA_AGENT;
    if (!pas && !*obj && (!*prep || *obj2))
        return QA_THEME;
    return QA_VERB;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    cli_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cli_buf_add(&b, chunk, n);
    fclose(f);
    if (!b.s)
        cli_buf_add(&b, "", 0);
    return b.s;
}

/* Reads the sentences file: sorted by id, tokens in place. */
static qa_sent *qa_sentences(char *x, size_t *n, const char *path)
{
    char *p = x, *f[8];
    int col[2];
    static const char *const names[] = {"qasrl_id", "tokens"};
    int nf = csv_record(&p, f, 8);
    if (!csv_columns(f, nf, names, col, 2)) {
        cli_error("eval events: %s: no qasrl_id and tokens columns", path);
        return NULL;
    }
    qa_sent *s = NULL;
    size_t ns = 0, cap = 0;
    while ((nf = csv_record(&p, f, 8)) > 0) {
        if (nf <= col[0] || nf <= col[1])
            continue;
        if (ns == cap) {
            cap = cap ? 2 * cap : 256;
            s = cli_xrealloc(s, cap * sizeof *s);
        }
        s[ns].id = f[col[0]];
        s[ns].tokens = f[col[1]];
        ns++;
    }
    if (ns)
        qsort(s, ns, sizeof *s, qa_sent_cmp);
    *n = ns;
    return s ? s : cli_xrealloc(NULL, sizeof *s);
}

enum { QC_ID, QC_VERB, QC_RANGE, QC_WH, QC_SUBJ, QC_OBJ, QC_PREP, QC_OBJ2, QC_PASSIVE, QC_N };

/* Reads the gold questions as rows; *bad counts unusable ones. */
static qa_row *qa_rows(char *x, const qa_sent *ss, size_t ns, size_t *n, long *bad, const char *path)
{
    static const char *const names[QC_N] = {"qasrl_id", "verb_idx", "answer_range", "wh", "subj",
                                            "obj", "prep", "obj2", "is_passive"};
    char *p = x, *f[32];
    int col[QC_N];
    int nf = csv_record(&p, f, 32);
    if (!csv_columns(f, nf, names, col, QC_N)) {
        cli_error("eval events: %s: a column of the QA-SRL layout is missing", path);
        return NULL;
    }
    qa_row *r = NULL;
    size_t nr = 0, cap = 0;
    while ((nf = csv_record(&p, f, 32)) > 0) {
        bool ok = true;
        for (int k = 0; k < QC_N; k++)
            ok = ok && col[k] < nf;
        qa_sent key = {ok ? f[col[QC_ID]] : "", NULL};
        const qa_sent *s = ok ? bsearch(&key, ss, ns, sizeof *ss, qa_sent_cmp) : NULL;
        if (!s) {
            (*bad)++;
            continue;
        }
        int role = qa_role(f[col[QC_WH]], f[col[QC_SUBJ]], f[col[QC_OBJ]], f[col[QC_PREP]],
                           f[col[QC_OBJ2]], f[col[QC_PASSIVE]]);
        qa_row base = {(long)(s - ss), atoi(f[col[QC_VERB]]), QA_VERB, 0, 0};
        const char *a = f[col[QC_RANGE]];
        for (bool first = true; first || role != QA_VERB; first = false) {
            if (nr + 1 >= cap) {
                cap = cap ? 2 * cap : 1024;
                r = cli_xrealloc(r, cap * sizeof *r);
            }
            qa_row row = base;
            if (!first) { /* the next "start:end" of "a:b~!~c:d" */
                char *e;
                row.role = role;
                row.tb = (int)strtol(a, &e, 10);
                if (*e != ':')
                    break;
                row.te = (int)strtol(e + 1, &e, 10);
                a = *e ? e + strspn(e, "~!") : e;
            }
            r[nr++] = row;
            if (!first && !*a)
                break;
        }
    }
    if (nr)
        qsort(r, nr, sizeof *r, qa_row_cmp);
    *n = nr;
    return r ? r : cli_xrealloc(NULL, sizeof *r);
}

/* The byte range of each space-separated token of t; their count. */
static size_t split_tokens(const char *t, srl_rng **out, size_t *cap)
{
    size_t n = 0, i = 0, len = strlen(t);
    while (i < len) {
        while (i < len && t[i] == ' ')
            i++;
        if (i == len)
            break;
        size_t s = i;
        while (i < len && t[i] != ' ')
            i++;
        if (n == *cap) {
            *cap = *cap ? 2 * *cap : 64;
            *out = cli_xrealloc(*out, *cap * sizeof **out);
        }
        (*out)[n++] = (srl_rng){(uint32_t)s, (uint32_t)i};
    }
    return n;
}

static int eval_qasrl(const rift_model *m, const char *gold, const char *sents, bool verbose)
{
    char *xs = read_file(sents), *xg = xs ? read_file(gold) : NULL;
    if (!xs || !xg) {
        cli_error("eval events: %s absent; QA-SRL skipped", xs ? gold : sents);
        free(xs);
        return 0;
    }
    size_t ns = 0, nr = 0;
    long bad = 0;
    qa_sent *ss = qa_sentences(xs, &ns, sents);
    qa_row *r = ss ? qa_rows(xg, ss, ns, &nr, &bad, gold) : NULL;
    srl_tally t = {0};
    srl_sent s = {0};
    srl_rng *tk = NULL;
    size_t tcap = 0;
    for (size_t i = 0; r && i < nr;) {
        const qa_sent *q = &ss[r[i].sent];
        size_t nt = split_tokens(q->tokens, &tk, &tcap);
        sent_clear(&s);
        s.text = q->tokens;
        s.len = strlen(q->tokens);
        size_t j = i;
        while (j < nr && r[j].sent == r[i].sent) {
            size_t v = j;
            int verb = r[v].verb;
            bool in = verb >= 0 && (size_t)verb < nt;
            srl_pred *p = in ? add_pred(&s, tk[verb]) : NULL;
            /* the rows of one verb: its questions, then agent and theme
             * answers in that order (qa_row_cmp) */
            for (; j < nr && r[j].sent == r[v].sent && r[j].verb == verb; j++) {
                if (r[j].role == QA_VERB || !in) {
                    bad += r[j].role == QA_VERB && !in;
                    continue;
                }
                if (r[j].tb < 0 || r[j].te <= r[j].tb || (size_t)r[j].te > nt) {
                    bad++;
                    continue;
                }
                add_rng(&s, (srl_rng){tk[r[j].tb].s, tk[r[j].te - 1].e});
                if (r[j].role == QA_AGENT)
                    p->a1 = p->t0 = s.nr;
                p->t1 = s.nr;
            }
        }
        score_sentence(m, &s, &t, verbose);
        i = j;
    }
    if (r) {
        report("QA-SRL Wikinews dev", gold, &t);
        if (bad)
            printf("  gold rows left out (malformed or of no sentence): %ld\n", bad);
    }
    free(tk);
    free(s.p);
    free(s.r);
    free(r);
    free(ss);
    free(xs);
    free(xg);
    return r ? 0 : 1;
}

/* ---- Universal PropBank ------------------------------------------------ */

/* The byte range of each word of s in its text (a multiword token's range
 * for each of its words); false when the text does not hold the words. */
static bool pb_align(const conllu_sent *s, srl_rng *out)
{
    size_t pos = 0, len = strlen(s->text), mi = 0;
    for (size_t i = 0; i < s->n;) {
        const char *form = s->w[i].form;
        size_t last = i;
        if (mi < s->n_mwt && s->mwt[mi].first == (int)i + 1 && s->mwt[mi].last > (int)i) {
            form = s->mwt[mi].form;
            last = (size_t)s->mwt[mi].last - 1;
            mi++;
        }
        while (pos < len && (s->text[pos] == ' ' || s->text[pos] == '\t'))
            pos++;
        size_t fl = strlen(form);
        if (last >= s->n || fl > len - pos || memcmp(s->text + pos, form, fl))
            return false;
        for (; i <= last; i++)
            out[i] = (srl_rng){(uint32_t)pos, (uint32_t)(pos + fl)};
        pos += fl;
    }
    return true;
}

/* Splits each word's extra columns (sense, then one argument column per
 * predicate) in place into cell[i * stride ...]; returns the predicates. */
static size_t pb_cells(const conllu_sent *s, char ***cell, size_t *cap, size_t *stride)
{
    size_t np = 0;
    for (size_t i = 0; i < s->n; i++) {
        const char *x = s->w[i].extra;
        size_t sl = strcspn(x, "\t");
        np += sl && !(sl == 1 && x[0] == '_');
    }
    *stride = np + 1;
    if (s->n * *stride > *cap) {
        *cap = s->n * *stride;
        *cell = cli_xrealloc(*cell, *cap * sizeof **cell);
    }
    for (size_t i = 0; i < s->n; i++) {
        char *x = s->w[i].extra;
        for (size_t k = 0; k < *stride; k++) {
            (*cell)[i * *stride + k] = *x ? x : (char *)"_";
            char *tab = strchr(x, '\t');
            if (tab) {
                *tab = '\0';
                x = tab + 1;
            } else {
                x += strlen(x);
            }
        }
    }
    return np;
}

static int eval_propbank(const rift_model *m, const char *path, bool verbose)
{
    conllu_reader *cr = conllu_open(path);
    if (!cr) {
        cli_error("eval events: %s absent; PropBank skipped", path);
        return 0;
    }
    srl_tally t = {0};
    srl_sent ps = {0};
    srl_rng *wr = NULL;
    size_t wcap = 0, ccap = 0, stride;
    char **cell = NULL;
    conllu_sent s;
    int rc;
    while ((rc = conllu_next(cr, &s)) == 1) {
        if (s.n > wcap) {
            wcap = s.n;
            wr = cli_xrealloc(wr, wcap * sizeof *wr);
        }
        if (!s.text || !pb_align(&s, wr)) {
            t.unaligned++;
            continue;
        }
        size_t np = pb_cells(&s, &cell, &ccap, &stride);
        sent_clear(&ps);
        ps.text = s.text;
        ps.len = strlen(s.text);
        size_t k = 0;
        for (size_t i = 0; i < s.n && k < np; i++) {
            if (!strcmp(cell[i * stride], "_"))
                continue;
            srl_pred *p = add_pred(&ps, wr[i]);
            for (size_t j = 0; j < s.n; j++)
                if (!strcmp(cell[j * stride + 1 + k], "ARG0"))
                    add_rng(&ps, wr[j]);
            p->a1 = p->t0 = ps.nr;
            for (size_t j = 0; j < s.n; j++)
                if (!strcmp(cell[j * stride + 1 + k], "ARG1"))
                    add_rng(&ps, wr[j]);
            p->t1 = ps.nr;
            k++;
        }
        if (np)
            score_sentence(m, &ps, &t, verbose);
    }
    if (rc < 0)
        cli_error("eval events: %s", conllu_error(cr));
    else
        report("Universal PropBank EWT dev", path, &t);
    conllu_close(cr);
    free(wr);
    free(cell);
    free(ps.p);
    free(ps.r);
    return rc < 0;
}

/* ---- the command --------------------------------------------------------- */

const char *eval_srl_corpus(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) /* the help of all modes is eval_events.c's */
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return NULL;
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--corpus") &&
            (!strcmp(argv[i + 1], "qasrl") || !strcmp(argv[i + 1], "propbank")))
            return argv[i + 1];
    return NULL;
}

int cmd_eval_srl(int argc, char **argv, const char *corpus)
{
    const char *shared = NULL, *data = NULL, *gold = NULL, *sents = NULL;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--corpus") && i + 1 < argc) i++;
        else if (!strcmp(argv[i], "--shared") && i + 1 < argc) shared = argv[++i];
        else if (!strcmp(argv[i], "--data") && i + 1 < argc) data = argv[++i];
        else if (!strcmp(argv[i], "--gold") && i + 1 < argc) gold = argv[++i];
        else if (!strcmp(argv[i], "--sentences") && i + 1 < argc && *corpus == 'q') sents = argv[++i];
        else if (!strcmp(argv[i], "--verbose")) verbose = true;
        else {
            cli_error("eval events --corpus %s: unknown option '%s'", corpus, argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!shared)
        shared = cli_is_dir("../shared/corpora") ? "../shared" : "/work/shared";
    char g[4096], st[4096];
    bool qa = *corpus == 'q';
    snprintf(g, sizeof g, "%s/corpora/%s", shared,
             qa ? "qasrl-gs-wikinews/wikinews.dev.gold.csv"
                : "universal-propbank-ewt/en_ewt-up-dev.conllu.xz");
    snprintf(st, sizeof st, "%s/corpora/qasrl-gs-wikinews/wikinews.dev.full.csv", shared);
    rift_model *m = cli_model_open(data, "eval events: ");
    if (!m)
        return 1;
    int rc = qa ? eval_qasrl(m, gold ? gold : g, sents ? sents : st, verbose)
                : eval_propbank(m, gold ? gold : g, verbose);
    rift_model_close(m);
    return rc;
}
