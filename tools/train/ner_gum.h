/* ner_gum.h: the names of GUM's entity layer (CoNLL-U, MISC Entity=) as
 * training sentences for the name recogniser; news documents left out, so
 * GUM news stays held out.  Included by train_ner.c only.
 */
#ifndef RIFT_NER_GUM_H
#define RIFT_NER_GUM_H

#include "conllu.h"
#include "ner_corpus.h"

typedef struct gspan { int a, z, type; } gspan;

/* GUM entity type -> NER type: person, organization, place; any other
 * named entity (event, object, abstract ...) is MISC */
static int gum_ner_type(const char *t)
{
    if (!strncmp(t, "person", 6))
        return NER_PER;
    if (!strncmp(t, "organization", 12))
        return NER_ORG;
    if (!strncmp(t, "place", 5))
        return NER_LOC;
    return NER_MISC;
}

/* the first word of [a, z] whose head lies outside it */
static int gum_head(const conllu_sent *s, int a, int z)
{
    for (int i = a; i <= z; i++)
        if (s->w[i].head - 1 < a || s->w[i].head - 1 > z)
            return i;
    return a;
}

/* A mention [a, z] is a name when its head is a proper noun (a person's
 * with no "of" modifier) and not a title; the name is the run of proper
 * nouns around the head.  Returns false if not. */
static bool gum_joiner(const char *w)
{
    return !strcmp(w, "of") || !strcmp(w, "and") || !strcmp(w, "the") || !strcmp(w, "&") ||
           !strcmp(w, "de");
}

static bool gum_named(const conllu_sent *s, int *pa, int *pz, int type,
                      const rift_lexicon *titles, rift_arena *scratch)
{
    int a = *pa, z = *pz, hd = gum_head(s, a, z);
    if (strcmp(s->w[hd].upos, "PROPN"))
        return false;
    for (int k = a; type == NER_PER && k <= z; k++)
        if (s->w[k].head - 1 == hd && !strcmp(s->w[k].deprel, "nmod"))
            return false;
    /* the run of proper nouns around the head (with "of", "and", "the",
     * "&" inside it): "Eric Temple Bell" of "Eric Temple Bell in Men of
     * Mathematics" */
    int l = hd, r = hd;
    while (l > a && !strcmp(s->w[l - 1].upos, "PROPN"))
        l--;
    for (;;) {
        if (r + 1 <= z && !strcmp(s->w[r + 1].upos, "PROPN"))
            r++;
        else if (r + 2 <= z && gum_joiner(s->w[r + 1].form) && !strcmp(s->w[r + 2].upos, "PROPN"))
            r += 2;
        else
            break;
    }
    /* titles alone ("the Chief Justice", "a President") are no names */
    bool all_titles = true;
    for (int k = l; k <= r && all_titles; k++)
        all_titles = rift_lexicon_lookup(titles, scratch, s->w[k].form, strlen(s->w[k].form)) >= 0;
    if (all_titles)
        return false;
    *pa = l;
    *pz = r;
    return true;
}

/* Reads the sentences of the non-news documents of a GUM CoNLL-U file. */
static int nc_read_gum(ncorpus *c, const char *path, int src, const rift_lexicon *titles,
                       rift_arena *scratch)
{
    conllu_reader *r = conllu_open(path);
    if (!r) {
        perror(path);
        return -1;
    }
    conllu_sent s;
    int rc;
    bool skip = false;
    RIFT_VEC(gspan) open_ = {0};
    RIFT_VEC(gspan) spans = {0};
    while ((rc = conllu_next(r, &s)) > 0) {
        if (s.newdoc) {
            skip = s.sent_id && strstr(s.sent_id, "_news_");
            c->docs++;
        }
        if (skip || !s.n)
            continue;
        int n = (int)s.n;
        open_.n = spans.n = 0;
        for (int i = 0; i < n; i++) {
            const char *e = strstr(s.w[i].misc, "Entity=");
            if (!e)
                continue;
            for (const char *p = e + 7; *p && *p != '|';) {
                if (*p == '(') {
                    int id = atoi(p + 1);
                    const char *t = strchr(p + 1, '-');
                    gspan g = {i, id, t ? gum_ner_type(t + 1) : NER_MISC};
                    RIFT_VEC_PUSH(open_, g);
                    p++;
                    while (*p && *p != '(' && *p != ')' && *p != '|')
                        p++;
                    if (*p == ')') { /* a one-word mention */
                        gspan x = open_.v[--open_.n];
                        int a = x.a, z = i;
                        if (gum_named(&s, &a, &z, x.type, titles, scratch))
                            RIFT_VEC_PUSH(spans, ((gspan){a, z, x.type}));
                        p++;
                    }
                } else if (*p >= '0' && *p <= '9') {
                    int id = atoi(p);
                    while (*p >= '0' && *p <= '9')
                        p++;
                    if (*p == ')')
                        p++;
                    for (size_t k = open_.n; k-- > 0;)
                        if (open_.v[k].z == id) {
                            gspan x = open_.v[k];
                            open_.v[k] = open_.v[--open_.n];
                            int a = x.a, z = i;
                            if (gum_named(&s, &a, &z, x.type, titles, scratch))
                                RIFT_VEC_PUSH(spans, ((gspan){a, z, x.type}));
                            break;
                        }
                } else {
                    p++;
                }
            }
        }
        /* the outermost names win */
        char **tok = rift_xmalloc((size_t)n * sizeof *tok), **tag = rift_xmalloc((size_t)n * sizeof *tag);
        uint8_t *taken = calloc((size_t)n, 1);
        for (int i = 0; i < n; i++) {
            tok[i] = s.w[i].form;
            tag[i] = rift_xstrdup("O");
        }
        static const char *const tn[NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};
        for (int want = n; want >= 1; want--)
            for (size_t k = 0; k < spans.n; k++) {
                gspan g = spans.v[k];
                if (g.z - g.a + 1 != want)
                    continue;
                bool ok = true;
                for (int i = g.a; i <= g.z && ok; i++)
                    ok = !taken[i];
                for (int i = g.a; ok && i <= g.z; i++) {
                    taken[i] = 1;
                    free(tag[i]);
                    char b[16];
                    snprintf(b, sizeof b, "%c-%s", i == g.a ? 'B' : 'I', tn[g.type]);
                    tag[i] = rift_xstrdup(b);
                }
            }
        nc_push(c, tok, tag, n, src);
        for (int i = 0; i < n; i++)
            free(tag[i]);
        free(tok);
        free(tag);
        free(taken);
    }
    free(open_.v);
    free(spans.v);
    conllu_close(r);
    return rc < 0 ? -1 : 0;
}

#endif
