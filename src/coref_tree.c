/* coref_tree.c: the dependency tree of stage "syntax" as evidence for the
 * coreference of stage "entities": clause subjects (binding, subject
 * preference), fronted adjuncts, appositions and copula predicates.  Reads
 * d->words and d->mentions only; every walk is bounded, so a call costs
 * O(1) tokens. */
#include "internal.h"

#include <string.h>

#define CHILD_WINDOW 48 /* tokens either side of a head searched for its children */
#define CLAUSE_HOPS 4   /* conj / xcomp links climbed towards a subject */

static bool rel_is(const rift_word *w, const char *rel)
{
    size_t n = strlen(rel);
    return w->deprel && !strncmp(w->deprel, rel, n) && (!w->deprel[n] || w->deprel[n] == ':');
}

/* the head of token i in the same sentence, -1 for a root or without a tree */
static int32_t head_of(const rift_doc *d, uint32_t i)
{
    if (!d->words || i >= d->n_words)
        return -1;
    int32_t h = d->words[i].head;
    return h >= 0 && (size_t)h < d->n_words ? h : -1;
}

/* the first child of token p with relation rel (or a subtype of it), -1 */
static int32_t child_with(const rift_doc *d, uint32_t p, const char *rel)
{
    uint32_t lo = p > CHILD_WINDOW ? p - CHILD_WINDOW : 0;
    uint32_t hi = p + CHILD_WINDOW < d->n_words ? p + CHILD_WINDOW : (uint32_t)d->n_words;
    for (uint32_t k = lo; k < hi; k++)
        if (d->words[k].head == (int32_t)p && rel_is(&d->words[k], rel))
            return (int32_t)k;
    return -1;
}

int32_t rift_tree_subject(const rift_doc *d, uint32_t p)
{
    if (!d->words || p >= d->n_words)
        return -1;
    for (int hop = 0; hop <= CLAUSE_HOPS; hop++) {
        int32_t s = child_with(d, p, "nsubj");
        const rift_word *w = &d->words[p];
        if (s >= 0) {
            /* "Devocht, who had told ...": the relative pronoun stands for
             * the noun its clause modifies */
            const char *f = d->words[s].feats;
            if (f && strstr(f, "PronType=Rel") && rel_is(w, "acl")) {
                return head_of(d, p);
            }
            return s;
        }
        /* "X walked in and turned himself in", "X wants to see him" */
        if (!rel_is(w, "conj") && !rel_is(w, "xcomp"))
            return -1;
        int32_t h = head_of(d, p);
        if (h < 0)
            return -1;
        p = (uint32_t)h;
    }
    return -1;
}

int32_t rift_tree_mention_at(const rift_doc *d, uint32_t tok)
{
    const rift_mention *ms = d->mentions;
    size_t lo = 0, hi = d->n_mentions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ms[mid].tok_end <= tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n_mentions && ms[lo].tok_begin <= tok ? (int32_t)lo : -1;
}

int32_t rift_tree_binder(const rift_doc *d, uint32_t tok, bool oblique)
{
    if (!d->words || tok >= d->n_words)
        return -1;
    const rift_word *w = &d->words[tok];
    if (!rel_is(w, "obj") && !rel_is(w, "iobj") && !(oblique && rel_is(w, "obl")))
        return -1;
    int32_t h = head_of(d, tok);
    return h < 0 ? -1 : rift_tree_subject(d, (uint32_t)h);
}

int32_t rift_tree_reporter(const rift_doc *d, uint32_t tok)
{
    if (!d->words || tok >= d->n_words || !rel_is(&d->words[tok], "nsubj"))
        return -1;
    int32_t c = head_of(d, tok);
    if (c < 0 || !rel_is(&d->words[c], "ccomp"))
        return -1;
    int32_t v = head_of(d, (uint32_t)c);
    return v < 0 ? -1 : rift_tree_subject(d, (uint32_t)v);
}

bool rift_tree_is_subject(const rift_doc *d, uint32_t b, uint32_t e, bool copular)
{
    for (uint32_t t = b; d->words && t < e && t < d->n_words; t++) {
        int32_t h = d->words[t].head;
        if ((h < (int32_t)b || h >= (int32_t)e) && rel_is(&d->words[t], "nsubj"))
            return copular || h < 0 || child_with(d, (uint32_t)h, "cop") < 0;
    }
    return false;
}

/* the token of [b, e) whose head lies outside it, -1 */
static int32_t span_head(const rift_doc *d, uint32_t b, uint32_t e)
{
    for (uint32_t t = b; d->words && t < e && t < d->n_words; t++) {
        int32_t h = d->words[t].head;
        if (h < (int32_t)b || h >= (int32_t)e)
            return (int32_t)t;
    }
    return -1;
}

bool rift_tree_in_adjunct(const rift_doc *d, uint32_t b, uint32_t e, uint32_t subj)
{
    int32_t v = head_of(d, subj);
    int32_t t = span_head(d, b, e);
    if (v < 0 || t < 0 || !rel_is(&d->words[subj], "nsubj") || rel_is(&d->words[t], "nsubj") ||
        rel_is(&d->words[t], "nmod"))
        return false;
    for (int hop = 0; hop < 2 * CLAUSE_HOPS; hop++) {
        int32_t h = head_of(d, (uint32_t)t);
        if (h < 0)
            return false;
        if (h == v)
            return (uint32_t)t < subj && (rel_is(&d->words[t], "obl") ||
                                          rel_is(&d->words[t], "advcl"));
        /* a subject of its own: the adjunct is a clause about someone else */
        if (rel_is(&d->words[t], "nsubj"))
            return false;
        t = h;
    }
    return false;
}

/* whether token k descends from token t within a few links */
static bool descends(const rift_doc *d, uint32_t k, uint32_t t)
{
    int32_t h = (int32_t)k;
    for (int hop = 0; hop < 2 * CLAUSE_HOPS && h >= 0; hop++) {
        h = head_of(d, (uint32_t)h);
        if (h == (int32_t)t)
            return true;
    }
    return false;
}

/* the words of the subtree of t in [lo, lim), contiguous around t, after
 * its copula and without leading punctuation or adverbs */
static void subtree_span(const rift_doc *d, uint32_t t, uint32_t lo, uint32_t lim,
                         uint32_t *sa, uint32_t *se)
{
    uint32_t a = t, z = t + 1;
    while (a > lo && descends(d, a - 1, t) && !rel_is(&d->words[a - 1], "cop") &&
           !rel_is(&d->words[a - 1], "aux"))
        a--;
    /* a noun phrase, not the clause a comma or a dash goes on with */
    while (z < lim && z < t + CHILD_WINDOW / 4 && descends(d, z, t) &&
           d->words[z].upos != RIFT_UPOS_PUNCT)
        z++;
    while (a < t && (d->words[a].upos == RIFT_UPOS_PUNCT || d->words[a].upos == RIFT_UPOS_ADV))
        a++;
    *sa = a;
    *se = z;
}

bool rift_tree_appos(const rift_doc *d, uint32_t b, uint32_t e, uint32_t lim, bool predicate,
                     uint32_t *sa, uint32_t *se)
{
    if (!d->words || lim > d->n_words)
        return false;
    if (predicate) {
        /* "X is the president of Y": the noun the name is the subject of */
        int32_t s = span_head(d, b, e);
        int32_t t = s >= 0 && rel_is(&d->words[s], "nsubj") ? head_of(d, (uint32_t)s) : -1;
        if (t < (int32_t)e || t >= (int32_t)lim || d->words[t].upos != RIFT_UPOS_NOUN ||
            child_with(d, (uint32_t)t, "cop") < 0)
            return false;
        subtree_span(d, (uint32_t)t, e, lim, sa, se);
        return true;
    }
    for (uint32_t t = e; t < lim && t < e + CHILD_WINDOW; t++) {
        int32_t h = d->words[t].head;
        /* a common noun: a name in apposition is a name, an age no description */
        if (h < (int32_t)b || h >= (int32_t)e || !rel_is(&d->words[t], "appos") ||
            d->words[t].upos != RIFT_UPOS_NOUN)
            continue;
        subtree_span(d, t, e, lim, sa, se);
        return true;
    }
    return false;
}
