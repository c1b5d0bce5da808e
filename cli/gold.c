/* gold.c: reads MEANTIME (CAT standoff XML, through libxml2) and GUM (CoNLL-U
 * plus the vertical XML beside it) into article text and gold byte spans for
 * "rift eval".  Never writes the corpora; never touches rift's internals.
 */
#include "gold.h"
#include "cli.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

/* ---- small helpers --------------------------------------------------- */

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = cli_xrealloc(NULL, n);
    memcpy(r, s, n);
    return r;
}

#define GROW(arr, n, cap)                                                   \
    do {                                                                    \
        if ((n) == (cap)) {                                                 \
            (cap) = (cap) ? (cap) * 2 : 16;                                 \
            (arr) = cli_xrealloc((arr), (cap) * sizeof *(arr));                 \
        }                                                                   \
    } while (0)

static void tb_str(cli_buf *b, const char *s) { cli_buf_add(b, s, strlen(s)); }

static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static gold_doc *new_doc(gold_set *s, const char *corpus)
{
    GROW(s->docs, s->n, s->cap);
    gold_doc *d = &s->docs[s->n++];
    memset(d, 0, sizeof *d);
    d->corpus = corpus;
    return d;
}

static int add_mention(gold_doc *d, size_t *cap, uint32_t st, uint32_t en, int type,
                       int named, int chain)
{
    GROW(d->ments, d->n_ments, *cap);
    d->ments[d->n_ments] = (gold_mention){st, en, type, named, chain};
    return (int)d->n_ments++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_xml(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0;
}

/* ---- detokenising: MEANTIME gives tokens only ------------------------- */

static bool no_space_before(const char *t)
{
    static const char *const w[] = {",", ".", ";", ":", "!", "?", ")", "]", "}",
        "%", "'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "'", "...", NULL};
    for (size_t i = 0; w[i]; i++)
        if (strcmp(t, w[i]) == 0)
            return true;
    return false;
}

static bool no_space_after(const char *t)
{
    return !strcmp(t, "(") || !strcmp(t, "[") || !strcmp(t, "{") || !strcmp(t, "$");
}

/* ---- MEANTIME ---------------------------------------------------------- */

/* TIMEX3 type attribute -> GOLD_TX_* (0 when absent or unknown). */
static int gold_timex_type(const char *t)
{
    static const char *const names[] = {"", "DATE", "TIME", "DURATION", "SET"};
    for (int i = 1; t && i < 5; i++)
        if (!strcmp(t, names[i]))
            return i;
    return 0;
}

enum { MK_OTHER, MK_ENTMENT, MK_EVMENT, MK_TIMEX, MK_ENTITY, MK_EVENT };

typedef struct mk {
    long id;
    int kind;
    char *syn, *etype, *cls, *value, *func;
    int tok_lo, tok_hi;     /* token indices, -1 when unanchored */
    long refers;            /* instance this mention refers to, -1 */
    int gold_idx;           /* index in d->ments for entity mentions */
} mk;

typedef struct rel { long src, dst; char *role; } rel;

static char *prop(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *r = xstrdup((const char *)v);
    xmlFree(v);
    return r;
}

static long lprop(xmlNode *n, const char *name)
{
    char *v = prop(n, name);
    long r = v ? strtol(v, NULL, 10) : -1;
    free(v);
    return r;
}

static int cmp_mk(const void *a, const void *b)
{
    long x = ((const mk *)a)->id, y = ((const mk *)b)->id;
    return (x > y) - (x < y);
}

static mk *find_mk(mk *m, size_t n, long id)
{
    mk key = {.id = id};
    return bsearch(&key, m, n, sizeof *m, cmp_mk);
}

static bool name_is(xmlNode *n, const char *s)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, s) == 0;
}

static int mt_type(const char *t)
{
    if (!t)
        return GOLD_OTHER;
    if (!strcmp(t, "PER"))
        return GOLD_PERSON;
    if (!strcmp(t, "ORG"))
        return GOLD_ORG;
    if (!strcmp(t, "LOC"))
        return GOLD_LOC;
    return GOLD_OTHER;
}

#define MT_SCORED_SENTENCES 6   /* README: gold covers sentences 0-5 */

static bool load_meantime_file(const char *path, gold_set *s, char *err, size_t errlen)
{
    xmlDoc *x = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!x) {
        seterr(err, errlen, "%s: not well-formed XML", path);
        return false;
    }
    xmlNode *root = xmlDocGetRootElement(x);
    /* tokens */
    size_t nt = 0, ct = 0;
    struct tok { long tid; int sent; char *t; uint32_t st, en; } *toks = NULL;
    mk *mks = NULL;
    size_t nm = 0, cm = 0;
    rel *rels = NULL;
    size_t nr = 0, cr = 0;
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (name_is(n, "token")) {
            GROW(toks, nt, ct);
            xmlChar *c = xmlNodeGetContent(n);
            toks[nt].tid = lprop(n, "t_id");
            toks[nt].sent = (int)lprop(n, "sentence");
            toks[nt].t = xstrdup(c ? (const char *)c : "");
            xmlFree(c);
            nt++;
        } else if (name_is(n, "Markables")) {
            for (xmlNode *m = n->children; m; m = m->next) {
                if (m->type != XML_ELEMENT_NODE)
                    continue;
                GROW(mks, nm, cm);
                mk *k = &mks[nm++];
                memset(k, 0, sizeof *k);
                k->id = lprop(m, "m_id");
                k->refers = -1;
                k->gold_idx = -1;
                k->tok_lo = k->tok_hi = -1;
                const char *nn = (const char *)m->name;
                k->kind = !strcmp(nn, "ENTITY_MENTION") ? MK_ENTMENT
                        : !strcmp(nn, "EVENT_MENTION") ? MK_EVMENT
                        : !strcmp(nn, "TIMEX3") ? MK_TIMEX
                        : !strcmp(nn, "ENTITY") ? MK_ENTITY
                        : !strcmp(nn, "EVENT") ? MK_EVENT : MK_OTHER;
                k->syn = prop(m, "syntactic_type");
                k->etype = prop(m, k->kind == MK_TIMEX ? "type" : "ent_type");
                k->cls = prop(m, "class");
                k->value = prop(m, "value");
                k->func = prop(m, "functionInDocument");
                for (xmlNode *a = m->children; a; a = a->next) {
                    if (!name_is(a, "token_anchor"))
                        continue;
                    long tid = lprop(a, "t_id");
                    /* t_ids run 1..N in document order; check, then index */
                    int ti = (tid >= 1 && (size_t)tid <= nt && toks[tid - 1].tid == tid)
                             ? (int)tid - 1 : -1;
                    for (size_t q = 0; ti < 0 && q < nt; q++)
                        if (toks[q].tid == tid)
                            ti = (int)q;
                    if (ti < 0)
                        continue;
                    if (k->tok_lo < 0 || ti < k->tok_lo)
                        k->tok_lo = ti;
                    if (ti > k->tok_hi)
                        k->tok_hi = ti;
                }
            }
        } else if (name_is(n, "Relations")) {
            for (xmlNode *r = n->children; r; r = r->next) {
                if (r->type != XML_ELEMENT_NODE)
                    continue;
                bool refers = name_is(r, "REFERS_TO"), part = name_is(r, "HAS_PARTICIPANT");
                if (!refers && !part)
                    continue;
                long srcs[256], dsts[256];
                int nsrc = 0, ndst = 0;
                for (xmlNode *c = r->children; c; c = c->next) {
                    if (name_is(c, "source") && nsrc < 256)
                        srcs[nsrc++] = lprop(c, "m_id");
                    else if (name_is(c, "target") && ndst < 256)
                        dsts[ndst++] = lprop(c, "m_id");
                }
                char *role = part ? prop(r, "sem_role") : NULL;
                for (int a = 0; a < nsrc; a++)
                    for (int z = 0; z < ndst; z++) {
                        GROW(rels, nr, cr);
                        rels[nr++] = (rel){srcs[a], dsts[z],
                                           xstrdup(refers ? "=" : role ? role : "")};
                    }
                free(role);
            }
        }
    }
    char *docname = root ? prop(root, "doc_name") : NULL;
    xmlFreeDoc(x);

    gold_doc *d = new_doc(s, "meantime");
    d->id = docname ? docname : xstrdup(path);
    /* the text: title, date line, then one paragraph per sentence */
    cli_buf b = {0};
    int cur = -1;
    bool quote_open = false, glue = false;
    cli_buf title = {0};
    uint32_t scored_end = 0;
    for (size_t i = 0; i < nt; i++) {
        const char *t = toks[i].t;
        bool is_q = !strcmp(t, "``") || !strcmp(t, "''") || !strcmp(t, "\"");
        bool opens = is_q && (!strcmp(t, "``") || (!strcmp(t, "\"") && !quote_open));
        if (toks[i].sent != cur) {
            if (cur >= 0)
                tb_str(&b, "\n\n");
            cur = toks[i].sent;
            quote_open = false;
        } else if (!glue && !(is_q && !opens) && !(!is_q && no_space_before(t))) {
            tb_str(&b, " ");
        }
        toks[i].st = (uint32_t)b.len;
        tb_str(&b, is_q ? "\"" : t);
        toks[i].en = (uint32_t)b.len;
        if (is_q)
            quote_open = opens;
        glue = is_q ? opens : no_space_after(t);
        if (toks[i].sent == 0) {
            if (title.len)
                tb_str(&title, " ");
            tb_str(&title, t);
        }
        if (toks[i].sent < MT_SCORED_SENTENCES)
            scored_end = toks[i].en;
    }
    if (!b.s)
        tb_str(&b, "");
    d->text = b.s;
    d->len = b.len;
    d->title = title.s;
    d->scored_end = scored_end;
    d->has_quotes = 0;

    qsort(mks, nm, sizeof *mks, cmp_mk);
    for (size_t i = 0; i < nr; i++) {
        if (strcmp(rels[i].role, "="))
            continue;
        mk *src = find_mk(mks, nm, rels[i].src);
        if (src)
            src->refers = rels[i].dst;
    }
    size_t cap_m = 0, cap_t = 0, cap_s = 0;
    for (size_t i = 0; i < nm; i++) {
        mk *k = &mks[i];
        if (k->kind == MK_TIMEX && k->func && !strcmp(k->func, "CREATION_TIME") &&
            k->value && strlen(k->value) >= 10 && !d->date) {
            d->date = cli_xrealloc(NULL, 11);
            memcpy(d->date, k->value, 10);
            d->date[10] = '\0';
        }
        if (k->tok_lo < 0)
            continue;
        uint32_t st = toks[k->tok_lo].st, en = toks[k->tok_hi].en;
        if (k->kind == MK_ENTMENT) {
            mk *inst = k->refers >= 0 ? find_mk(mks, nm, k->refers) : NULL;
            int type = inst && inst->kind == MK_ENTITY ? mt_type(inst->etype) : GOLD_OTHER;
            /* a name is a name where it stands: PRE.NAM marks one used
             * before a noun ("U.S. government"), tagged as a name by
             * OntoNotes-style NER too (docs/accuracy.md) */
            int named = k->syn && (!strcmp(k->syn, "NAM") || !strcmp(k->syn, "PRE.NAM"));
            if (k->syn && *k->syn)
                d->names_marked = 1;
            /* a name without its article or a trailing 's, as in GUM */
            if (named && k->tok_hi > k->tok_lo && !strcasecmp(toks[k->tok_lo].t, "the"))
                st = toks[k->tok_lo + 1].st;
            if (named && k->tok_hi > k->tok_lo && !strcmp(toks[k->tok_hi].t, "'s"))
                en = toks[k->tok_hi - 1].en;
            k->gold_idx = add_mention(d, &cap_m, st, en, type, named,
                                      inst ? (int)inst->id : -1);
        } else if (k->kind == MK_TIMEX) {
            GROW(d->times, d->n_times, cap_t);
            d->times[d->n_times++] = (gold_time){st, en, xstrdup(k->value ? k->value : ""),
                k->func && !strcmp(k->func, "CREATION_TIME"), gold_timex_type(k->etype)};
        }
    }
    /* speech events: mentions of a SPEECH_COGNITIVE event with an Arg0 */
    for (size_t i = 0; i < nr; i++) {
        if (strcmp(rels[i].role, "Arg0"))
            continue;
        mk *ev = find_mk(mks, nm, rels[i].src), *ag = find_mk(mks, nm, rels[i].dst);
        if (!ev || !ag || ev->kind != MK_EVMENT || ag->kind != MK_ENTMENT ||
            ev->tok_lo < 0 || ag->gold_idx < 0 || ev->refers < 0)
            continue;
        mk *inst = find_mk(mks, nm, ev->refers);
        if (!inst || !inst->cls || strcmp(inst->cls, "SPEECH_COGNITIVE"))
            continue;
        int sent = toks[ev->tok_lo].sent;
        uint32_t ss = toks[ev->tok_lo].st, se = toks[ev->tok_hi].en;
        for (int q = ev->tok_lo; q >= 0 && toks[q].sent == sent; q--)
            ss = toks[q].st;
        for (size_t q = (size_t)ev->tok_lo; q < nt && toks[q].sent == sent; q++)
            se = toks[q].en;
        GROW(d->speech, d->n_speech, cap_s);
        d->speech[d->n_speech++] = (gold_speech){toks[ev->tok_lo].st, toks[ev->tok_hi].en,
                                                 ss, se, ag->gold_idx};
    }
    for (size_t i = 0; i < nt; i++)
        free(toks[i].t);
    free(toks);
    for (size_t i = 0; i < nm; i++) {
        free(mks[i].syn); free(mks[i].etype); free(mks[i].cls);
        free(mks[i].value); free(mks[i].func);
    }
    free(mks);
    for (size_t i = 0; i < nr; i++)
        free(rels[i].role);
    free(rels);
    return true;
}

int gold_load_meantime(const char *dir, gold_set *s, char *err, size_t errlen)
{
    struct dirent **sub;
    int ns = scandir(dir, &sub, NULL, by_name);
    if (ns < 0) {
        seterr(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    int added = 0, rc = 0;
    for (int i = 0; i < ns; i++) {
        if (rc == 0 && strncmp(sub[i]->d_name, "corpus_", 7) == 0) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, sub[i]->d_name);
            struct dirent **files;
            int nf = scandir(path, &files, is_xml, by_name);
            for (int j = 0; j < nf; j++) {
                char fp[8192];
                snprintf(fp, sizeof fp, "%s/%s", path, files[j]->d_name);
                if (rc == 0 && load_meantime_file(fp, s, err, errlen))
                    added++;
                else if (rc == 0)
                    rc = -1;
                free(files[j]);
            }
            if (nf > 0)
                free(files);
        }
        free(sub[i]);
    }
    free(sub);
    return rc < 0 ? -1 : added;
}

/* ---- GUM --------------------------------------------------------------- */

typedef struct gword {
    char *form, *upos, *xpos, *deprel, *entity;
    int head;           /* word index in the document, -1 for the root */
    int sent;
    uint32_t st, en;
} gword;

static int gum_type(const char *t)
{
    if (!strcmp(t, "person"))
        return GOLD_PERSON;
    if (!strcmp(t, "organization"))
        return GOLD_ORG;
    if (!strcmp(t, "place"))
        return GOLD_LOC;
    return GOLD_OTHER;
}

static char *misc_get(const char *misc, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = misc; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
            char *r = cli_xrealloc(NULL, n - kl);
            memcpy(r, p + kl + 1, n - kl - 1);
            r[n - kl - 1] = '\0';
            return r;
        }
        p = bar ? bar + 1 : NULL;
    }
    return NULL;
}

static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static bool genre_wanted(const char *genres, const char *g)
{
    size_t gl = strlen(g);
    for (const char *p = genres; p && *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n == gl && strncmp(p, g, n) == 0)
            return true;
        p = c ? c + 1 : NULL;
    }
    return false;
}

typedef struct open_ent { int id, type, first; } open_ent;

/* the first word of [a,b] whose head lies outside it */
static int span_head(const gword *w, int a, int b)
{
    for (int i = a; i <= b; i++)
        if (w[i].head < a || w[i].head > b)
            return i;
    return a;
}

static bool gum_xml(const char *path, gold_doc *d, gword *w, int nw, int *ment_head,
                    char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0, cap_t = 0, cap_q = 0;
    ssize_t len;
    int word = 0;
    int qstack[64], nq = 0, fstack[64], nf = 0, dstack[64], nd = 0;
    char *dval[64];
    while ((len = getline(&line, &cap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (line[0] != '<' || strchr(line, '\t')) {
            word++;
            continue;
        }
        if (!strncmp(line, "<quote", 6) && (line[6] == '>' || line[6] == ' ')) {
            if (nq < 64) qstack[nq++] = word;
        } else if (!strcmp(line, "</quote>")) {
            if (nq > 0 && word > qstack[nq - 1]) {
                int a = qstack[--nq], b = word - 1;
                bool verb = false;
                for (int i = a; i <= b && i < nw; i++)
                    verb |= !strcmp(w[i].upos, "VERB") || !strcmp(w[i].upos, "AUX");
                GROW(d->quotes, d->n_quotes, cap_q);
                gold_quote *q = &d->quotes[d->n_quotes++];
                q->start = w[a].st;
                q->end = w[b < nw ? b : nw - 1].en;
                q->fragment = !verb;
                q->speaker = -1;
                /* the reporting verb: the quote's head outside it, or a
                 * parataxis verb outside that hangs on the quote */
                int v = -1;
                for (int i = a; i <= b && i < nw && v < 0; i++) {
                    int h = w[i].head;
                    if (h >= 0 && (h < a || h > b) && !strcmp(w[h].upos, "VERB"))
                        v = h;
                }
                int s0 = w[a].sent, s1 = w[b < nw ? b : nw - 1].sent;
                for (int i = 0; i < nw && v < 0; i++)
                    if (w[i].sent >= s0 && w[i].sent <= s1 && (i < a || i > b) &&
                        w[i].head >= a && w[i].head <= b &&
                        !strncmp(w[i].deprel, "parataxis", 9) && !strcmp(w[i].upos, "VERB"))
                        v = i;
                for (int i = 0; v >= 0 && i < nw && q->speaker < 0; i++) {
                    if (w[i].head != v || strcmp(w[i].deprel, "nsubj"))
                        continue;
                    for (size_t m = 0; m < d->n_ments; m++)
                        if (ment_head[m] == i) {
                            q->speaker = (int)m;
                            break;
                        }
                }
            } else if (nq > 0) {
                nq--;
            }
        } else if (!strcmp(line, "<q>") || !strncmp(line, "<q ", 3)) {
            if (nf < 64) fstack[nf++] = word;
        } else if (!strcmp(line, "</q>")) {
            if (nf > 0 && word > fstack[nf - 1]) {
                int a = fstack[--nf];
                GROW(d->quotes, d->n_quotes, cap_q);
                d->quotes[d->n_quotes++] = (gold_quote){w[a].st, w[word - 1].en, 1, -1};
            } else if (nf > 0) {
                nf--;
            }
        } else if (!strncmp(line, "<date", 5) && (line[5] == '>' || line[5] == ' ')) {
            if (nd < 64) {
                char v[128] = "";
                const char *when = strstr(line, "when=\""), *from = strstr(line, "from=\""),
                           *to = strstr(line, " to=\"");
                if (when)
                    sscanf(when + 6, "%60[^\"]", v);
                else if (from && to) {
                    char a[61] = "", b2[61] = "";
                    sscanf(from + 6, "%60[^\"]", a);
                    sscanf(to + 5, "%60[^\"]", b2);
                    snprintf(v, sizeof v, "%s/%s", a, b2);
                }
                dstack[nd] = word;
                dval[nd++] = xstrdup(v);
            }
        } else if (!strcmp(line, "</date>")) {
            if (nd > 0) {
                int a = dstack[--nd];
                if (word > a) {
                    GROW(d->times, d->n_times, cap_t);
                    d->times[d->n_times++] = (gold_time){w[a].st, w[word - 1].en, dval[nd], 0, 0};
                } else {
                    free(dval[nd]);
                }
            }
        }
        if (word > nw)
            break;
    }
    while (nd > 0)
        free(dval[--nd]);
    free(line);
    fclose(f);
    if (word != nw) {
        seterr(err, errlen, "%s: %d tokens, the CoNLL-U has %d", path, word, nw);
        return false;
    }
    /* some GUM documents leave quotes unmarked; score quote spans only in
     * documents where every double quote mark lies inside a gold quote */
    d->has_quotes = 1;
    for (int i = 0; i < nw && d->has_quotes; i++) {
        const char *fm = w[i].form;
        if (strcmp(fm, "\"") && strcmp(fm, "\u201c") && strcmp(fm, "\u201d") && strcmp(fm, "``") &&
            strcmp(fm, "''"))
            continue;
        bool in = false;
        for (size_t q = 0; q < d->n_quotes && !in; q++)
            in = w[i].st >= d->quotes[q].start && w[i].en <= d->quotes[q].end;
        if (!in)
            d->has_quotes = 0;
    }
    return true;
}

static bool load_gum_doc(const char *dir, const char *name, const char *genres,
                         gold_set *s, char *err, size_t errlen)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/dep/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    gword *w = NULL;
    int nw = 0, cw = 0, sent = -1, sent_base = 0;
    char *id = NULL, *title = NULL, *date = NULL, *genre = NULL;
    bool newpar = false;
    cli_buf b = {0};
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    int range_end = -1;         /* last word covered by a multiword token */
    uint32_t range_st = 0, range_en = 0;
    const char *range_form = NULL;
    char *range_buf = NULL;
    size_t range_used = 0;
    bool in_sentence = false, pending = false;
    while ((len = getline(&line, &lcap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0) {
            in_sentence = false;
            continue;
        }
        if (line[0] == '#') {
            if (!strncmp(line, "# newdoc id = ", 14))
                id = xstrdup(line + 14);
            else if (!strncmp(line, "# meta::dateCreated = ", 22))
                date = xstrdup(line + 22);
            else if (!strncmp(line, "# meta::title = ", 16))
                title = xstrdup(line + 16);
            else if (!strncmp(line, "# meta::genre = ", 16))
                genre = xstrdup(line + 16);
            else if (!strcmp(line, "# newpar"))
                newpar = true;
            continue;
        }
        char *fl[10];
        if (split_tabs(line, fl, 10) < 10)
            continue;
        if (strchr(fl[0], '.'))
            continue;               /* empty nodes */
        if (!in_sentence) {
            in_sentence = true;
            sent++;
            sent_base = nw;
            if (sent > 0)
                tb_str(&b, newpar ? "\n\n" : " ");
            newpar = false;
            pending = false;
        }
        if (pending && !(nw <= range_end && !strchr(fl[0], '-'))) {
            tb_str(&b, " ");
            pending = false;
        }
        char *dash = strchr(fl[0], '-');
        char *sa = misc_get(fl[9], "SpaceAfter");
        bool space = !(sa && !strcmp(sa, "No"));
        free(sa);
        if (dash) {
            int lo = atoi(fl[0]), hi = atoi(dash + 1);
            range_end = sent_base + hi - 1;
            (void)lo;
            range_st = (uint32_t)b.len;
            tb_str(&b, fl[1]);
            range_en = (uint32_t)b.len;
            free(range_buf);
            range_buf = xstrdup(fl[1]);
            range_form = range_buf;
            range_used = 0;
            pending = space;
            continue;
        }
        if (nw == cw) { cw = cw ? cw * 2 : 256; w = cli_xrealloc(w, (size_t)cw * sizeof *w); }
        gword *g = &w[nw];
        g->form = xstrdup(fl[1]);
        g->upos = xstrdup(fl[3]);
        g->xpos = xstrdup(fl[4]);
        g->deprel = xstrdup(fl[7]);
        g->entity = misc_get(fl[9], "Entity");
        int h = atoi(fl[6]);
        g->head = h > 0 ? sent_base + h - 1 : -1;
        g->sent = sent;
        if (nw <= range_end) {
            size_t fl1 = strlen(fl[1]);
            if (range_form && strncmp(range_form + range_used, fl[1], fl1) == 0) {
                g->st = range_st + (uint32_t)range_used;
                range_used += fl1;
                g->en = g->st + (uint32_t)fl1;
            } else {
                g->st = range_st;
                g->en = range_en;
                range_form = NULL;
            }
        } else {
            g->st = (uint32_t)b.len;
            tb_str(&b, fl[1]);
            g->en = (uint32_t)b.len;
            pending = space;
        }
        nw++;
    }
    free(line);
    free(range_buf);
    fclose(f);
    bool ok = true;
    if (!genre || !genre_wanted(genres, genre) || nw == 0) {
        ok = true;
        goto out;
    }
    /* drop the trailing space of the last token */
    while (b.len > 0 && b.s[b.len - 1] == ' ')
        b.s[--b.len] = '\0';
    gold_doc *d = new_doc(s, "gum");
    d->names_marked = 1;
    d->id = id ? id : xstrdup(name);
    id = NULL;
    d->title = title;
    title = NULL;
    if (date && strlen(date) >= 10) {
        d->date = date;
        date[10] = '\0';
        date = NULL;
    }
    d->text = b.s;
    d->len = b.len;
    b.s = NULL;
    d->scored_end = (uint32_t)d->len;
    /* entities: "(ID-etype-..." opens, "ID)" closes, "(ID-etype-...)" both */
    open_ent *stack = NULL;
    size_t ns = 0, cs = 0, cap_m = 0, cap_h = 0;
    int *ment_head = NULL;
    size_t n_heads = 0;
    for (int i = 0; i < nw; i++) {
        const char *p = w[i].entity;
        while (p && *p) {
            if (*p == '(') {
                p++;
                int eid = atoi(p);
                const char *t = strchr(p, '-');
                char et[32] = "";
                if (t)
                    sscanf(t + 1, "%31[a-z]", et);
                const char *e = p;
                while (*e && *e != '(' && *e != ')')
                    e++;
                GROW(stack, ns, cs);
                stack[ns++] = (open_ent){eid, gum_type(et), i};
                p = e;
                if (*p == ')') {
                    p++;
                    goto close_top;
                }
                continue;
            }
            if (isdigit((unsigned char)*p)) {
                int eid = atoi(p);
                while (isdigit((unsigned char)*p))
                    p++;
                if (*p == ')')
                    p++;
                for (size_t k = ns; k-- > 0;)
                    if (stack[k].id == eid) {
                        open_ent tmp = stack[k];
                        stack[k] = stack[ns - 1];
                        stack[ns - 1] = tmp;
                        goto close_top;
                    }
                continue;
            }
            p++;
            continue;
        close_top:
            {
                open_ent o = stack[--ns];
                int a = o.first, z = i, hd = span_head(w, a, z);
                int named = o.type != GOLD_OTHER && !strcmp(w[hd].upos, "PROPN");
                /* "Director of the study" has a proper-noun head in GUM but is
                 * a description: a person's name takes no "of" modifier */
                for (int k = a; named && o.type == GOLD_PERSON && k <= z; k++)
                    if (w[k].head == hd && !strcmp(w[k].deprel, "nmod"))
                        named = 0;
                /* "Senior researcher Mu Li": GUM hangs the name on the noun
                 * as flat proper nouns; the name is those words */
                if (!named && o.type == GOLD_PERSON && strcmp(w[hd].upos, "PROPN")) {
                    int lo = -1, hi = -1;
                    for (int k = a; k <= z; k++)
                        if (w[k].head == hd && !strcmp(w[k].deprel, "flat") &&
                            !strcmp(w[k].upos, "PROPN")) {
                            if (lo < 0)
                                lo = k;
                            hi = k;
                        }
                    if (lo >= 0) {
                        a = lo;
                        z = hi;
                        named = 1;
                    }
                }
                if (named) {
                    /* a name is its words without determiners, possessive
                     * pronouns, a trailing 's and punctuation at the edges */
                    while (a < hd && (!strcmp(w[a].upos, "DET") || !strcmp(w[a].xpos, "PRP$") ||
                                      !strcmp(w[a].upos, "PUNCT")))
                        a++;
                    while (z > hd && (!strcmp(w[z].upos, "PUNCT") || !strcmp(w[z].xpos, "POS")))
                        z--;
                }
                add_mention(d, &cap_m, w[a].st, w[z].en, o.type, named, o.id);
                GROW(ment_head, n_heads, cap_h);
                ment_head[n_heads++] = hd;
            }
        }
    }
    free(stack);
    snprintf(path, sizeof path, "%s/xml/%.*s.xml", dir,
             (int)(strlen(name) - 7), name);
    ok = gum_xml(path, d, w, nw, ment_head, err, errlen);
    free(ment_head);
out:
    for (int i = 0; i < nw; i++) {
        free(w[i].form); free(w[i].upos); free(w[i].xpos);
        free(w[i].deprel); free(w[i].entity);
    }
    free(w);
    free(b.s);
    free(id); free(title); free(date); free(genre);
    return ok;
}

static int is_conllu(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 7 && strcmp(e->d_name + n - 7, ".conllu") == 0;
}

int gold_load_gum(const char *dir, const char *genres, gold_set *s, char *err,
                  size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/dep", dir);
    struct dirent **files;
    int nf = scandir(path, &files, is_conllu, by_name);
    if (nf < 0) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t before = s->n;
    int rc = 0;
    for (int i = 0; i < nf; i++) {
        if (rc == 0 && !load_gum_doc(dir, files[i]->d_name, genres, s, err, errlen))
            rc = -1;
        free(files[i]);
    }
    free(files);
    return rc < 0 ? -1 : (int)(s->n - before);
}

void gold_set_free(gold_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        gold_doc *d = &s->docs[i];
        free(d->id); free(d->title); free(d->date); free(d->text);
        free(d->ments);
        for (size_t j = 0; j < d->n_times; j++)
            free(d->times[j].value);
        free(d->times);
        free(d->quotes);
        free(d->speech);
    }
    free(s->docs);
    memset(s, 0, sizeof *s);
}
