/* ud_score.c: the CoNLL 2018 shared-task measures over aligned gold and
 * system words (definitions in ud_score.h); used by rift eval syntax.
 */
#include "ud_score.h"

#include <stdlib.h>
#include <string.h>

const char *const ud_measure_name[UD_N] = {
    "Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "AllTags",
    "Lemma", "UAS", "LAS", "LAS+sub", "CLAS", "MLAS", "BLEX"};

/* the features MLAS compares: the universal features of UD as the 2018
 * task listed them (language-specific ones and later additions left out) */
static const char *const univ_feats[] = {
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender",
    "Animacy", "Number", "Case", "Definite", "Degree", "VerbForm", "Mood",
    "Tense", "Aspect", "Voice", "Evident", "Polarity", "Person", "Polite", NULL};

static const char *const functional_rels[] = {
    "aux", "cop", "mark", "det", "clf", "case", "cc", NULL};

static int none(const char *s) { return !s || !*s || (s[0] == '_' && !s[1]); }

static int str_eq(const char *a, const char *b)
{
    if (none(a) || none(b))
        return none(a) && none(b);
    return strcmp(a, b) == 0;
}

/* length of the universal part of a relation ("obl:tmod" -> 3) */
static size_t univ_len(const char *r)
{
    const char *c = strchr(r, ':');
    return c ? (size_t)(c - r) : strlen(r);
}

int ud_deprel_univ_equal(const char *a, const char *b)
{
    if (none(a) || none(b))
        return none(a) && none(b);
    size_t la = univ_len(a), lb = univ_len(b);
    return la == lb && memcmp(a, b, la) == 0;
}

static int rel_in(const char *r, const char *const *set)
{
    if (none(r))
        return 0;
    size_t l = univ_len(r);
    for (size_t i = 0; set[i]; i++)
        if (strlen(set[i]) == l && memcmp(set[i], r, l) == 0)
            return 1;
    return 0;
}

static int is_functional(const char *r) { return rel_in(r, functional_rels); }

static int is_content(const char *r)
{
    if (none(r) || is_functional(r))
        return 0;
    size_t l = univ_len(r);
    return !(l == 5 && memcmp(r, "punct", 5) == 0);
}

/* ---- features ---------------------------------------------------------- */

typedef struct piece { const char *s; size_t n; } piece;

static int piece_cmp(const void *a, const void *b)
{
    const piece *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

static int is_univ_feat(const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n);
    size_t k = eq ? (size_t)(eq - s) : n;
    for (size_t i = 0; univ_feats[i]; i++)
        if (strlen(univ_feats[i]) == k && memcmp(univ_feats[i], s, k) == 0)
            return 1;
    return 0;
}

#define MAX_PIECES 64

/* splits a feature string into sorted pieces; returns their number (at
 * most MAX_PIECES: the rest is ignored) */
static size_t split_feats(const char *f, piece *p, int universal_only)
{
    size_t n = 0;
    if (none(f))
        return 0;
    for (const char *s = f; *s && n < MAX_PIECES;) {
        const char *e = strchr(s, '|');
        size_t l = e ? (size_t)(e - s) : strlen(s);
        if (l && (!universal_only || is_univ_feat(s, l)))
            p[n++] = (piece){s, l};
        if (!e)
            break;
        s = e + 1;
    }
    qsort(p, n, sizeof *p, piece_cmp);
    return n;
}

int ud_feats_equal(const char *a, const char *b, int universal_only)
{
    if (!universal_only && !none(a) && !none(b) && strcmp(a, b) == 0)
        return 1;
    piece pa[MAX_PIECES], pb[MAX_PIECES];
    size_t na = split_feats(a, pa, universal_only), nb = split_feats(b, pb, universal_only);
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (piece_cmp(&pa[i], &pb[i]) != 0)
            return 0;
    return 1;
}

/* ---- white space ------------------------------------------------------- */

size_t ud_space_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!n)
        return 0;
    if (u[0] < 0x80)
        return (u[0] == ' ' || (u[0] >= 9 && u[0] <= 13)) ? 1 : 0;
    if (u[0] == 0xC2 && n >= 2 && (u[1] == 0x85 || u[1] == 0xA0))
        return 2; /* U+0085, U+00A0 */
    if (n >= 3 && u[0] == 0xE1 && u[1] == 0x9A && u[2] == 0x80)
        return 3; /* U+1680 */
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
        ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xA8 || u[2] == 0xA9 || u[2] == 0xAF))
        return 3; /* U+2000..200A, U+2028, U+2029, U+202F */
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F)
        return 3; /* U+205F */
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return 3; /* U+3000 */
    return 0;
}

/* ---- alignment --------------------------------------------------------- */

void ud_align_identity(size_t n, int *g2s, int *s2g)
{
    for (size_t i = 0; i < n; i++)
        g2s[i] = s2g[i] = (int)i;
}

void ud_align_spans(const ud_word *g, size_t ng, const ud_word *s, size_t ns,
                    int *g2s, int *s2g)
{
    for (size_t i = 0; i < ng; i++)
        g2s[i] = -1;
    for (size_t j = 0; j < ns; j++)
        s2g[j] = -1;
    size_t i = 0, j = 0;
    while (i < ng && j < ns) {
        if (g[i].noalign) { i++; continue; }
        if (s[j].noalign) { j++; continue; }
        if (g[i].start == s[j].start && g[i].end == s[j].end) {
            g2s[i] = (int)j;
            s2g[j] = (int)i;
            i++;
            j++;
        } else if (g[i].start < s[j].start ||
                   (g[i].start == s[j].start && g[i].end < s[j].end)) {
            i++;
        } else {
            j++;
        }
    }
}

void ud_score_spans(ud_counts *c, const ud_span *g, size_t ng, const ud_span *s, size_t ns)
{
    size_t i = 0, j = 0;
    long right = 0;
    while (i < ng && j < ns) {
        if (g[i].start == s[j].start && g[i].end == s[j].end) {
            right++;
            i++;
            j++;
        } else if (g[i].start < s[j].start ||
                   (g[i].start == s[j].start && g[i].end < s[j].end)) {
            i++;
        } else {
            j++;
        }
    }
    c->gold += (long)ng;
    c->sys += (long)ns;
    c->correct += right;
}

/* ---- words ------------------------------------------------------------- */

/* head of system word j maps onto the head of gold word i */
static int head_right(const ud_word *g, size_t i, const ud_word *s, size_t ns, size_t j,
                      const int *s2g)
{
    int gh = g[i].head, sh = s[j].head;
    if (gh < -1 || sh < -1)
        return 0;
    if (gh == -1 || sh == -1)
        return gh == sh;
    return (size_t)sh < ns && s2g[sh] == gh;
}

/* first-child / next-sibling lists of the functional children */
static void child_lists(const ud_word *w, size_t n, int *first, int *next)
{
    for (size_t i = 0; i < n; i++)
        first[i] = next[i] = -1;
    for (size_t i = n; i-- > 0;) {
        int h = w[i].head;
        if (h < 0 || (size_t)h >= n || !is_functional(w[i].deprel))
            continue;
        next[i] = first[h];
        first[h] = (int)i;
    }
}

static int child_same(const ud_word *a, const ud_word *b)
{
    return ud_deprel_univ_equal(a->deprel, b->deprel) && str_eq(a->upos, b->upos) &&
           ud_feats_equal(a->feats, b->feats, 1);
}

/* the functional children of g[i] and s[j] match one to one */
static int children_same(const ud_word *g, const int *gfirst, const int *gnext, size_t i,
                         const ud_word *s, const int *sfirst, const int *snext, size_t j)
{
    enum { MAXC = 32 };
    int sc[MAXC], used[MAXC];
    size_t nsc = 0;
    for (int c = sfirst[j]; c >= 0; c = snext[c]) {
        if (nsc == MAXC)
            return 0;
        sc[nsc] = c;
        used[nsc++] = 0;
    }
    size_t ngc = 0;
    for (int c = gfirst[i]; c >= 0; c = gnext[c]) {
        ngc++;
        size_t k = 0;
        while (k < nsc && (used[k] || !child_same(&g[c], &s[sc[k]])))
            k++;
        if (k == nsc)
            return 0;
        used[k] = 1;
    }
    return ngc == nsc;
}

void ud_score_words(ud_result *r, const ud_word *g, size_t ng, const ud_word *s,
                    size_t ns, const int *g2s, const int *s2g)
{
    int *buf = malloc((2 * ng + 2 * ns + 1) * sizeof *buf);
    if (!buf)
        abort();
    int *gfirst = buf, *gnext = buf + ng, *sfirst = buf + 2 * ng, *snext = sfirst + ns;
    child_lists(g, ng, gfirst, gnext);
    child_lists(s, ns, sfirst, snext);

    for (int k = UD_WORDS; k <= UD_LAS_SUB; k++) {
        r->m[k].gold += (long)ng;
        r->m[k].sys += (long)ns;
    }
    for (size_t i = 0; i < ng; i++)
        if (is_content(g[i].deprel))
            for (int k = UD_CLAS; k <= UD_BLEX; k++)
                r->m[k].gold++;
    for (size_t j = 0; j < ns; j++)
        if (is_content(s[j].deprel))
            for (int k = UD_CLAS; k <= UD_BLEX; k++)
                r->m[k].sys++;

    for (size_t i = 0; i < ng; i++) {
        if (g2s[i] < 0)
            continue;
        size_t j = (size_t)g2s[i];
        const ud_word *a = &g[i], *b = &s[j];
        r->m[UD_WORDS].correct++;
        int upos = str_eq(a->upos, b->upos), xpos = str_eq(a->xpos, b->xpos);
        int feats = ud_feats_equal(a->feats, b->feats, 0);
        int lemma = none(a->lemma) || str_eq(a->lemma, b->lemma);
        r->m[UD_UPOS].correct += upos;
        r->m[UD_XPOS].correct += xpos;
        r->m[UD_UFEATS].correct += feats;
        r->m[UD_ALLTAGS].correct += upos && xpos && feats;
        r->m[UD_LEMMA].correct += lemma;
        if (!head_right(g, i, s, ns, j, s2g))
            continue;
        r->m[UD_UAS].correct++;
        if (!ud_deprel_univ_equal(a->deprel, b->deprel))
            continue;
        r->m[UD_LAS].correct++;
        r->m[UD_LAS_SUB].correct += str_eq(a->deprel, b->deprel);
        if (!is_content(a->deprel))
            continue;
        r->m[UD_CLAS].correct++;
        r->m[UD_BLEX].correct += lemma;
        r->m[UD_MLAS].correct += upos && ud_feats_equal(a->feats, b->feats, 1) &&
                                 children_same(g, gfirst, gnext, i, s, sfirst, snext, j);
    }
    free(buf);
}

void ud_result_add(ud_result *a, const ud_result *b)
{
    for (int k = 0; k < UD_N; k++) {
        a->m[k].gold += b->m[k].gold;
        a->m[k].sys += b->m[k].sys;
        a->m[k].correct += b->m[k].correct;
    }
}

void ud_prf(const ud_counts *c, double *p, double *r, double *f)
{
    *p = c->sys ? (double)c->correct / (double)c->sys : 0.0;
    *r = c->gold ? (double)c->correct / (double)c->gold : 0.0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}
