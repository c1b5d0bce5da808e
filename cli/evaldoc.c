/* evaldoc.c: gold documents as tokens for rift eval (names, coreference,
 * LitBank quotes): builds the text, keeps token spans, maps rift's byte
 * spans back to tokens; and a line reader for the gold files.
 */
#include "evaldoc.h"
#include "gold.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define GROW(arr, n, cap)                                                   \
    do {                                                                    \
        if ((n) == (cap)) {                                                 \
            (cap) = (cap) ? (cap) * 2 : 64;                                 \
            (arr) = cli_xrealloc((arr), (cap) * sizeof *(arr));             \
        }                                                                   \
    } while (0)

tdoc *tdoc_new(tdoc_set *s, const char *id)
{
    GROW(s->d, s->n, s->cap);
    tdoc *d = &s->d[s->n++];
    memset(d, 0, sizeof *d);
    size_t n = strlen(id) + 1;
    d->id = cli_xrealloc(NULL, n);
    memcpy(d->id, id, n);
    cli_buf_add(&d->text, "", 0);
    return d;
}

void tdoc_set_free(tdoc_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        tdoc *d = &s->d[i];
        free(d->id);
        free(d->text.s);
        free(d->ts);
        free(d->te);
        free(d->sent);
        free(d->m);
        for (size_t k = 0; k < d->nq; k++)
            free(d->q[k].speaker);
        free(d->q);
        free(d->chain_type);
        free(d->chain_orig);
    }
    free(s->d);
    memset(s, 0, sizeof *s);
}

void tdoc_sentence(tdoc *d, const char *sep)
{
    if (d->text.len)
        cli_buf_add(&d->text, sep, strlen(sep));
    GROW(d->sent, d->ns, d->scap);
    d->sent[d->ns++] = (uint32_t)d->nt;
}

uint32_t tdoc_token_at(tdoc *d, uint32_t start, uint32_t end)
{
    if (d->nt == d->tcap) {
        d->tcap = d->tcap ? d->tcap * 2 : 256;
        d->ts = cli_xrealloc(d->ts, d->tcap * sizeof *d->ts);
        d->te = cli_xrealloc(d->te, d->tcap * sizeof *d->te);
    }
    d->ts[d->nt] = start;
    d->te[d->nt] = end;
    return (uint32_t)d->nt++;
}

uint32_t tdoc_token(tdoc *d, const char *form, size_t len, bool space_before)
{
    if (d->ns == 0)
        tdoc_sentence(d, "");
    bool first = d->sent[d->ns - 1] == d->nt;
    if (space_before && !first)
        cli_buf_add(&d->text, " ", 1);
    uint32_t st = (uint32_t)d->text.len;
    cli_buf_add(&d->text, form, len);
    return tdoc_token_at(d, st, (uint32_t)d->text.len);
}

void tdoc_span(tdoc *d, uint32_t a, uint32_t b, int type, int chain)
{
    GROW(d->m, d->nm, d->mcap);
    d->m[d->nm++] = (td_span){a, b, type, chain};
}

/* first token whose end lies past off (token spans are in text order) */
static size_t first_ending_after(const tdoc *d, uint32_t off)
{
    size_t lo = 0, hi = d->nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->te[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool tdoc_map(const tdoc *d, uint32_t start, uint32_t end, uint32_t *a, uint32_t *b)
{
    size_t i = first_ending_after(d, start), j = i;
    while (j < d->nt && d->ts[j] < end)
        j++;
    if (j == i)
        return false;
    *a = (uint32_t)i;
    *b = (uint32_t)j;
    return true;
}

size_t tdoc_sent_of(const tdoc *d, uint32_t t)
{
    size_t lo = 0, hi = d->ns;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sent[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void put_text(const tdoc *d, uint32_t s, uint32_t e)
{
    for (uint32_t i = s; i < e && i < d->text.len; i++)
        putchar(d->text.s[i] == '\n' ? ' ' : d->text.s[i]);
}

void tdoc_show(const tdoc *d, uint32_t a, uint32_t b, bool context)
{
    if (a >= b || b > d->nt)
        return;
    putchar('"');
    put_text(d, d->ts[a], d->te[b - 1]);
    putchar('"');
    if (!context || d->ns == 0)
        return;
    size_t s0 = tdoc_sent_of(d, a), s1 = tdoc_sent_of(d, b - 1) + 1;
    uint32_t end = s1 < d->ns ? d->sent[s1] : (uint32_t)d->nt;
    if (end > d->sent[s0]) {
        printf(" in: ");
        put_text(d, d->ts[d->sent[s0]], d->te[end - 1]);
    }
}

/* spans ordered by range, then by input position (the index in chain's
 * place while sorting) */
typedef struct span_at { uint32_t a, b; size_t i; } span_at;

static int cmp_span_at(const void *x, const void *y)
{
    const span_at *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz);
    if (!p) {
        cli_error("out of memory");
        exit(1);
    }
    return p;
}

void tdoc_finish_chains(tdoc *d)
{
    size_t n = d->nm;
    td_span *m = d->m;
    span_at *v = xcalloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (span_at){m[i].a, m[i].b, i};
    qsort(v, n, sizeof *v, cmp_span_at);
    char *drop = xcalloc(n, 1);
    for (size_t i = 1; i < n; i++)
        if (v[i].a == v[i - 1].a && v[i].b == v[i - 1].b)
            drop[v[i].i] = 1;
    free(v);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (!drop[i])
            m[w++] = m[i];
    d->nm = w;
    free(drop);
    /* chains renumbered by first mention; a chain's type is the most
     * common type among its typed mentions */
    int maxc = -1;
    for (size_t i = 0; i < d->nm; i++)
        if (m[i].chain > maxc)
            maxc = m[i].chain;
    int *map = xcalloc((size_t)(maxc + 1), sizeof *map);
    for (int c = 0; c <= maxc; c++)
        map[c] = -1;
    int nc = 0;
    free(d->chain_orig);
    d->chain_orig = xcalloc((size_t)(maxc + 1), sizeof *d->chain_orig);
    for (size_t i = 0; i < d->nm; i++)
        if (m[i].chain >= 0) {
            if (map[m[i].chain] < 0) {
                d->chain_orig[nc] = m[i].chain;
                map[m[i].chain] = nc++;
            }
            m[i].chain = map[m[i].chain];
        }
    free(map);
    d->nchains = nc;
    free(d->chain_type);
    d->chain_type = xcalloc((size_t)nc, sizeof *d->chain_type);
    int (*votes)[GOLD_NTYPES] = xcalloc((size_t)nc, sizeof *votes);
    for (size_t i = 0; i < d->nm; i++)
        if (m[i].chain >= 0 && m[i].type >= 0 && m[i].type < GOLD_NTYPES)
            votes[m[i].chain][m[i].type]++;
    for (int c = 0; c < nc; c++) {
        int best = -1;
        for (int t = 0; t < GOLD_NTYPES; t++)
            if (votes[c][t] > 0 && (best < 0 || votes[c][t] > votes[c][best]))
                best = t;
        d->chain_type[c] = best;
    }
    free(votes);
}

rift_doc *tdoc_analyze(const rift_model *m, const tdoc *d, const char *origin)
{
    rift_article a = {0};
    a.id = d->id;
    a.text = d->text.s;
    a.text_len = d->text.len;
    a.origin = origin;
    a.line = 1;
    rift_doc *rd = NULL;
    if (rift_doc_analyze(m, &a, NULL, &rd) != RIFT_OK) {
        cli_error("eval: %s: %s: analysis failed", origin, d->id);
        rift_doc_free(rd);
        return NULL;
    }
    return rd;
}

void eval_seterr(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

bool ev_lines_open(ev_lines *r, const char *path, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->err = err;
    r->errlen = errlen;
    r->f = fopen(path, "r");
    if (!r->f)
        eval_seterr(err, errlen, "%s: %s", path, strerror(errno));
    return r->f != NULL;
}

char *ev_lines_next(ev_lines *r, size_t *len)
{
    ssize_t n = getline(&r->line, &r->cap, r->f);
    if (n < 0)
        return NULL;
    r->lineno++;
    while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
        r->line[--n] = '\0';
    *len = (size_t)n;
    return r->line;
}

bool ev_lines_fail(ev_lines *r, const char *fmt, ...)
{
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    eval_seterr(r->err, r->errlen, "%s:%ld: %s", r->path, r->lineno, why);
    return false;
}

bool ev_lines_close(ev_lines *r)
{
    bool ok = true;
    if (r->f && ferror(r->f)) {
        eval_seterr(r->err, r->errlen, "%s: cannot read", r->path);
        ok = false;
    }
    if (r->f)
        fclose(r->f);
    free(r->line);
    r->f = NULL;
    r->line = NULL;
    return ok;
}

int ev_split(char *s, char sep, char **col, int max)
{
    int n = 0;
    for (char *p = s; n < max; p++) {
        col[n++] = p;
        if (!(p = strchr(p, sep)))
            break;
        *p = '\0';
    }
    return n;
}

void eval_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && s[i] && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c >= 0x80)
            out[k++] = (char)tolower(c);
    }
    if (cap)
        out[k] = '\0';
}
