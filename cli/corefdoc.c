/* corefdoc.c: reads coreference gold (CoNLL-2012 style files such as
 * LitBank's, GUM's CoNLL-U Entity= column) and LitBank's entity types and
 * quotations into documents of tokens.  Reads only; never writes the corpora.
 */
#include "corefdoc.h"
#include "conllu.h"
#include "gold.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* LitBank gives sentences but no paragraphs, and its quotations run over
 * several sentences: a book's sentences are joined by a space (one
 * paragraph), as a blank line after each would cut every such quotation */
#define LITBANK_SEP " "

/* mentions opened and not yet closed */
typedef struct open_m { int id, type; uint32_t first; } open_m;
typedef struct open_stack { open_m *v; size_t n, cap; } open_stack;

static void push_open(open_stack *o, int id, int type, uint32_t first)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->v = cli_xrealloc(o->v, o->cap * sizeof *o->v);
    }
    o->v[o->n++] = (open_m){id, type, first};
}

/* closes the latest open mention of id at token last; false if none */
static bool close_open(open_stack *o, tdoc *d, int id, uint32_t last)
{
    for (size_t k = o->n; k-- > 0;)
        if (o->v[k].id == id) {
            tdoc_span(d, o->v[k].first, last + 1, o->v[k].type, id);
            memmove(&o->v[k], &o->v[k + 1], (o->n - k - 1) * sizeof *o->v);
            o->n--;
            return true;
        }
    return false;
}

/* ---- CoNLL-2012 style ----------------------------------------------------- */

/* "(7|8)" at token t: false with the reason in err */
static bool conll_mentions(char *f, tdoc *d, uint32_t t, open_stack *o, char *err,
                           size_t errlen)
{
    if (!strcmp(f, "-") || !strcmp(f, "_") || !*f)
        return true;
    char *save = NULL;
    for (char *part = strtok_r(f, "|", &save); part; part = strtok_r(NULL, "|", &save)) {
        bool opens = part[0] == '(';
        char *p = part + opens, *end;
        long id = strtol(p, &end, 10);
        bool closes = *end == ')';
        if (end == p || id < 0 || id > 1000000 || end[closes] != '\0' || (!opens && !closes)) {
            eval_seterr(err, errlen, "mention mark '%s' is not (N, N) or (N)", part);
            return false;
        }
        if (opens)
            push_open(o, (int)id, -1, t);
        if (closes && !close_open(o, d, (int)id, t)) {
            eval_seterr(err, errlen, "mention %ld closes but was never opened", id);
            return false;
        }
    }
    return true;
}

int coref_conll_read(const char *path, const char *sep, tdoc_set *s, char *err,
                     size_t errlen)
{
    ev_lines r;
    if (!ev_lines_open(&r, path, err, errlen))
        return -1;
    size_t before = s->n, doc = s->n;
    open_stack o = {0};
    char *line, why[256];
    size_t len;
    bool in_sentence = false, ok = true;
    while (ok && (line = ev_lines_next(&r, &len))) {
        if (!strncmp(line, "#begin document", 15)) {
            char *a = strchr(line, '('), *b = a ? strchr(a, ')') : NULL;
            if (a && b)
                *b = '\0';
            tdoc_new(s, a && b ? a + 1 : line + 15);
            doc = s->n - 1;
            o.n = 0;
            in_sentence = false;
            continue;
        }
        if (line[0] == '#')
            continue;
        if (len == 0) {
            in_sentence = false;
            continue;
        }
        /* columns by tabs, or by spaces when the line has no tab; empty
         * columns (a trailing tab) do not count */
        char *col[64];
        int nc = 0;
        const char *delim = strchr(line, '\t') ? "\t" : " ";
        char *save = NULL;
        for (char *p = strtok_r(line, delim, &save); p && nc < 64; p = strtok_r(NULL, delim, &save))
            col[nc++] = p;
        if (nc < 5) {
            ok = ev_lines_fail(&r, "%d columns, want 5 or more", nc);
            break;
        }
        if (doc >= s->n) {
            tdoc_new(s, path);
            doc = s->n - 1;
        }
        tdoc *d = &s->d[doc];
        if (!in_sentence) {
            tdoc_sentence(d, sep);
            in_sentence = true;
        }
        uint32_t t = tdoc_token(d, col[3], strlen(col[3]), true);
        if (!conll_mentions(col[nc - 1], d, t, &o, why, sizeof why))
            ok = ev_lines_fail(&r, "%s", why);
    }
    if (ok && o.n)
        ok = ev_lines_fail(&r, "mention %d opened and never closed", o.v[0].id);
    if (!ev_lines_close(&r))
        ok = false;
    free(o.v);
    return ok ? (int)(s->n - before) : -1;
}

/* ---- GUM: CoNLL-U with Entity= ------------------------------------------- */

static int gum_type(const char *t, size_t n)
{
    if (n == 6 && !strncmp(t, "person", 6))
        return GOLD_PERSON;
    if (n == 12 && !strncmp(t, "organization", 12))
        return GOLD_ORG;
    if (n == 5 && !strncmp(t, "place", 5))
        return GOLD_LOC;
    return GOLD_OTHER;
}

/* "Entity=(4-place-new-...-sgl(7-person-...)6)" of the word at token t */
static bool gum_entities(const char *misc, tdoc *d, uint32_t t, open_stack *o, char *err,
                         size_t errlen)
{
    const char *p = strstr(misc, "Entity=");
    if (!p || (p != misc && p[-1] != '|'))
        return true;
    p += 7;
    while (*p && *p != '|') {
        if (*p == '(') {
            char *end;
            long id = strtol(p + 1, &end, 10);
            if (end == p + 1 || *end != '-') {
                eval_seterr(err, errlen, "entity mark '%.20s' has no number", p);
                return false;
            }
            const char *ty = end + 1, *te = ty;
            while (isalpha((unsigned char)*te))
                te++;
            push_open(o, (int)id, gum_type(ty, (size_t)(te - ty)), t);
            p = te;
            while (*p && *p != '|' && *p != '(' && *p != ')')
                p++;
            if (*p == ')') {
                close_open(o, d, (int)id, t);
                p++;
            }
        } else if (isdigit((unsigned char)*p)) {
            char *end;
            long id = strtol(p, &end, 10);
            if (*end != ')' || !close_open(o, d, (int)id, t)) {
                eval_seterr(err, errlen, "entity %ld closes but was never opened", id);
                return false;
            }
            p = end + 1;
        } else {
            p++;
        }
    }
    return true;
}

/* the document id of a sentence id "GUM_news_nasa-12" */
static void doc_id_of(const char *sent_id, char *out, size_t cap)
{
    snprintf(out, cap, "%s", sent_id ? sent_id : "doc");
    char *dash = strrchr(out, '-');
    if (dash && dash != out)
        *dash = '\0';
}

int coref_gum_read(const char *path, tdoc_set *s, char *err, size_t errlen)
{
    conllu_reader *r = conllu_open(path);
    if (!r) {
        eval_seterr(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t before = s->n;
    open_stack o = {0};
    conllu_sent cs;
    int got;
    char why[256];
    while ((got = conllu_next(r, &cs)) == 1) {
        if (cs.newdoc || s->n == before) {
            char id[256];
            doc_id_of(cs.sent_id, id, sizeof id);
            tdoc_new(s, id);
            o.n = 0;
        }
        tdoc *d = &s->d[s->n - 1];
        tdoc_sentence(d, cs.newpar ? "\n\n" : " ");
        bool space = false;
        for (size_t i = 0; i < cs.n;) {
            const conllu_mwt *m = NULL;
            for (size_t k = 0; k < cs.n_mwt; k++)
                if ((size_t)cs.mwt[k].first == i + 1 && (size_t)cs.mwt[k].last <= cs.n &&
                    cs.mwt[k].last >= cs.mwt[k].first)
                    m = &cs.mwt[k];
            size_t nw = m ? (size_t)(m->last - m->first + 1) : 1;
            const char *form = m ? m->form : cs.w[i].form;
            uint32_t t0 = tdoc_token(d, form, strlen(form), space);
            /* the words of "don't" get their own spans when they spell it */
            if (m) {
                d->nt--;
                uint32_t st = d->ts[t0], pos = st;
                size_t flen = strlen(form);
                for (size_t k = 0; k < nw; k++) {
                    size_t wl = strlen(cs.w[i + k].form);
                    bool spelled = pos - st + wl <= flen &&
                                   !memcmp(form + (pos - st), cs.w[i + k].form, wl);
                    if (spelled) {
                        tdoc_token_at(d, pos, pos + (uint32_t)wl);
                        pos += (uint32_t)wl;
                    } else {
                        tdoc_token_at(d, st, st + (uint32_t)flen);
                    }
                }
            }
            for (size_t k = 0; k < nw; k++)
                if (!gum_entities(cs.w[i + k].misc, d, t0 + (uint32_t)k, &o, why, sizeof why)) {
                    eval_seterr(err, errlen, "%s:%ld: %s", path, cs.line, why);
                    got = -2;
                }
            space = m ? m->space_after : cs.w[i].space_after;
            i += nw;
        }
        if (got == -2)
            break;
    }
    if (got == -1)
        eval_seterr(err, errlen, "%s", conllu_error(r));
    conllu_close(r);
    free(o.v);
    for (size_t i = before; i < s->n; i++)
        tdoc_finish_chains(&s->d[i]);
    if (got < 0)
        return -1;
    if (s->n == before) {
        eval_seterr(err, errlen, "%s: no sentences read (is xz installed?)", path);
        return -1;
    }
    return (int)(s->n - before);
}

/* ---- LitBank --------------------------------------------------------------- */

static int litbank_type(const char *t)
{
    if (!strcmp(t, "PER"))
        return GOLD_PERSON;
    if (!strcmp(t, "ORG"))
        return GOLD_ORG;
    if (!strcmp(t, "GPE") || !strcmp(t, "LOC"))
        return GOLD_LOC;
    return GOLD_OTHER;
}

/* types the mention of d with exactly tokens [a, b), if there is one */
static void type_mention(tdoc *d, uint32_t a, uint32_t b, int type)
{
    for (size_t i = 0; i < d->nm; i++)
        if (d->m[i].a == a && d->m[i].b == b && d->m[i].type < 0)
            d->m[i].type = type;
}

#define LAYERS 8

bool litbank_types(const char *path, tdoc *d, char *err, size_t errlen)
{
    ev_lines r;
    if (!ev_lines_open(&r, path, err, errlen))
        return false;
    long open_at[LAYERS];
    char open_ty[LAYERS][8];
    for (int k = 0; k < LAYERS; k++)
        open_at[k] = -1;
    char *line;
    size_t len;
    uint32_t t = 0;
    bool ok = true;
    while (ok && (line = ev_lines_next(&r, &len))) {
        char *col[LAYERS + 2];
        int nc = ev_split(line, '\t', col, LAYERS + 2);
        bool blank = len == 0;
        if (!blank && (t >= d->nt || (size_t)(d->te[t] - d->ts[t]) != strlen(col[0]) ||
                       memcmp(d->text.s + d->ts[t], col[0], strlen(col[0])))) {
            ok = ev_lines_fail(&r, "token '%s' is not the coreference file's", col[0]);
            break;
        }
        for (int k = 0; k < LAYERS; k++) {
            const char *tag = !blank && k + 1 < nc ? col[k + 1] : "O";
            bool inside = tag[0] == 'I' && tag[1] == '-' && open_at[k] >= 0 &&
                          !strcmp(open_ty[k], tag + 2);
            if (open_at[k] >= 0 && !inside) {
                type_mention(d, (uint32_t)open_at[k], t, litbank_type(open_ty[k]));
                open_at[k] = -1;
            }
            if ((tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' && open_at[k] < 0) {
                open_at[k] = t;
                snprintf(open_ty[k], sizeof open_ty[k], "%s", tag + 2);
            }
        }
        if (!blank)
            t++;
    }
    if (!ev_lines_close(&r))
        ok = false;
    if (ok && t != d->nt) {
        eval_seterr(err, errlen, "%s: %u tokens, the coreference file has %zu", path, t, d->nt);
        ok = false;
    }
    return ok;
}

/* the folded text of tokens [a, b) of d */
static void fold_tokens(const tdoc *d, uint32_t a, uint32_t b, char *out, size_t cap)
{
    eval_fold(d->text.s + d->ts[a], d->te[b - 1] - d->ts[a], out, cap);
}

#define NAME_WORDS 8

int litbank_speaker_chain(const tdoc *d, const char *label)
{
    char name[256], want[256], got[256], words[NAME_WORDS][64];
    snprintf(name, sizeof name, "%s", label);
    char *dash = strrchr(name, '-');
    long num = -1;
    if (dash && dash[1] && strspn(dash + 1, "0123456789") == strlen(dash + 1)) {
        num = strtol(dash + 1, NULL, 10);
        *dash = '\0';
    }
    eval_fold(name, strlen(name), want, sizeof want);
    int best = -1;
    for (size_t i = 0; i < d->nm && want[0]; i++) {
        const td_span *m = &d->m[i];
        if (m->chain < 0)
            continue;
        fold_tokens(d, m->a, m->b, got, sizeof got);
        if (strcmp(got, want))
            continue;
        if (d->chain_orig[m->chain] == num)
            return m->chain;
        if (best < 0)
            best = m->chain;
    }
    if (best >= 0 || num < 0)
        return best;
    /* chain N, when a mention of it holds a word of the name */
    int nw = 0;
    char *save = NULL;
    for (char *w = strtok_r(name, "_", &save); w && nw < NAME_WORDS;
         w = strtok_r(NULL, "_", &save)) {
        eval_fold(w, strlen(w), words[nw], sizeof words[nw]);
        if (strlen(words[nw]) >= 3)
            nw++;
    }
    for (size_t i = 0; i < d->nm; i++) {
        int c = d->m[i].chain;
        if (c < 0 || d->chain_orig[c] != num)
            continue;
        for (uint32_t t = d->m[i].a; t < d->m[i].b; t++) {
            fold_tokens(d, t, t + 1, got, sizeof got);
            for (int k = 0; k < nw; k++)
                if (!strcmp(got, words[k]))
                    return c;
        }
    }
    return -1;
}

/* a QUOTE row: the quotation's tokens, from sentence and token numbers */
static bool add_quote(ev_lines *r, tdoc *d, char **col)
{
    long s0 = atol(col[2]), t0 = atol(col[3]), s1 = atol(col[4]), t1 = atol(col[5]);
    long a = s0 >= 0 && (size_t)s0 < d->ns && t0 >= 0 ? (long)d->sent[s0] + t0 : -1;
    long b = s1 >= 0 && (size_t)s1 < d->ns && t1 >= 0 ? (long)d->sent[s1] + t1 + 1 : -1;
    if (a < 0 || b <= a || (size_t)b > d->nt)
        return ev_lines_fail(r, "quote outside the document");
    if (d->nq == d->qcap) {
        d->qcap = d->qcap ? d->qcap * 2 : 16;
        d->q = cli_xrealloc(d->q, d->qcap * sizeof *d->q);
    }
    d->q[d->nq++] = (td_quote){(uint32_t)a, (uint32_t)b, NULL, -1};
    return true;
}

bool litbank_quotes(const char *path, tdoc *d, char *err, size_t errlen)
{
    ev_lines r;
    if (!ev_lines_open(&r, path, err, errlen))
        return false;
    char (*ids)[32] = NULL;     /* the quote id of each quotation */
    size_t cid = 0;
    char *line;
    size_t len;
    bool ok = true;
    while (ok && (line = ev_lines_next(&r, &len))) {
        char *col[8];
        int nc = ev_split(line, '\t', col, 8);
        if (len == 0)
            continue;
        if (!strcmp(col[0], "QUOTE") && nc >= 6) {
            if (!(ok = add_quote(&r, d, col)))
                break;
            if (d->nq > cid) {
                cid = d->qcap;
                ids = cli_xrealloc(ids, cid * sizeof *ids);
            }
            snprintf(ids[d->nq - 1], sizeof ids[0], "%s", col[1]);
        } else if (!strcmp(col[0], "ATTRIB") && nc >= 3) {
            size_t k = 0;
            while (k < d->nq && strcmp(ids[k], col[1]))
                k++;
            if (k == d->nq) {
                ok = ev_lines_fail(&r, "speaker of quote %s, which has no QUOTE row", col[1]);
                break;
            }
            td_quote *q = &d->q[k];
            if (q->speaker)
                continue;   /* the same row twice */
            size_t n = strlen(col[2]) + 1;
            q->speaker = cli_xrealloc(NULL, n);
            memcpy(q->speaker, col[2], n);
            q->chain = litbank_speaker_chain(d, col[2]);
        } else {
            ok = ev_lines_fail(&r, "neither a QUOTE nor an ATTRIB row");
        }
    }
    free(ids);
    if (!ev_lines_close(&r))
        ok = false;
    return ok;
}

static int is_conll(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 6 && !strcmp(e->d_name + n - 6, ".conll");
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int litbank_load(const char *dir, bool quotes, tdoc_set *s, char *err, size_t errlen)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/coref/conll", dir);
    struct dirent **files;
    int nf = scandir(path, &files, is_conll, by_name);
    if (nf < 0) {
        eval_seterr(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t before = s->n;
    int rc = 0;
    for (int i = 0; i < nf; i++) {
        const char *name = files[i]->d_name;
        int base = (int)strlen(name) - 6;
        if (rc == 0 && i % LITBANK_FOLDS == LITBANK_FOLDS - 1) {
            snprintf(path, sizeof path, "%s/coref/conll/%s", dir, name);
            size_t at = s->n;
            if (coref_conll_read(path, LITBANK_SEP, s, err, errlen) < 0 || s->n != at + 1) {
                if (s->n != at + 1)
                    eval_seterr(err, errlen, "%s: not one document", path);
                rc = -1;
            }
            if (rc == 0) {
                snprintf(path, sizeof path, "%s/entities/tsv/%.*s.tsv", dir, base, name);
                tdoc *d = &s->d[at];
                /* types first: the chains' types come from their mentions' */
                if (!litbank_types(path, d, err, errlen))
                    rc = -1;
                tdoc_finish_chains(d);
                snprintf(path, sizeof path, "%s/quotations/tsv/%.*s.ann", dir, base, name);
                if (rc == 0 && quotes && !litbank_quotes(path, d, err, errlen))
                    rc = -1;
            }
        }
        free(files[i]);
    }
    free(files);
    return rc < 0 ? -1 : (int)(s->n - before);
}
