/* ner_corpus.h: reads the name-annotated training corpora (CoNLL-style BIO
 * or IO columns, LitBank's nested TSV) into sentences with BILOU labels.
 * Included by train_ner.c only.
 */
#ifndef RIFT_NER_CORPUS_H
#define RIFT_NER_CORPUS_H

#include "ner_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct nsent {
    char **tok;
    uint8_t *gold;          /* BILOU class per word */
    int n;
    int doc;                /* document number within the whole corpus */
    int src;                /* which corpus */
} nsent;

typedef struct ncorpus {
    RIFT_VEC(nsent) s;
    rift_arena mem;
    int docs;
} ncorpus;

/* gold type names of all the corpora -> NER type, -1 for none */
static int nc_type(const char *t)
{
    static const struct { const char *name; int type; } map[] = {
        {"PER", NER_PER}, {"person", NER_PER}, {"politician", NER_PER},
        {"ORG", NER_ORG}, {"organisation", NER_ORG}, {"organization", NER_ORG},
        {"politicalparty", NER_ORG},
        {"LOC", NER_LOC}, {"GPE", NER_LOC}, {"FAC", NER_LOC}, {"country", NER_LOC},
        {"location", NER_LOC},
        {"MISC", NER_MISC}, {"misc", NER_MISC}, {"election", NER_MISC},
        {"event", NER_MISC}, {"VEH", NER_MISC},
    };
    for (size_t k = 0; k < sizeof map / sizeof *map; k++)
        if (!strcmp(map[k].name, t))
            return map[k].type;
    return NER_MISC;
}

/* spans [a, b) of type ty -> BILOU labels */
static void nc_label(uint8_t *g, int a, int b, int ty)
{
    for (int k = a; k < b; k++)
        g[k] = (uint8_t)NER_LABEL(ty, b - a == 1 ? NER_U : k == a ? NER_B
                                                 : k + 1 == b ? NER_L : NER_I);
}

/* One sentence from words and BIO/IO tags ("O", "B-X", "I-X"). */
static void nc_push(ncorpus *c, char **tok, char **tag, int n, int src)
{
    if (n <= 0)
        return;
    nsent s = {0};
    s.n = n;
    s.doc = c->docs;
    s.src = src;
    s.tok = rift_arena_alloc(&c->mem, (size_t)n * sizeof *s.tok);
    s.gold = rift_arena_alloc(&c->mem, (size_t)n);
    for (int i = 0; i < n; i++)
        s.tok[i] = rift_arena_strndup(&c->mem, tok[i], strlen(tok[i]));
    for (int i = 0; i < n;) {
        const char *t = tag[i];
        if (strlen(t) < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-') {
            i++;
            continue;
        }
        int j = i + 1;
        while (j < n && tag[j][0] == 'I' && tag[j][1] == '-' && !strcmp(tag[j] + 2, t + 2))
            j++;
        nc_label(s.gold, i, j, nc_type(t + 2));
        i = j;
    }
    RIFT_VEC_PUSH(c->s, s);
}

/* Cuts line at sep into at most max fields; their count. */
static int nc_split(char *line, char sep, char **fld, int max)
{
    int nf = 0;
    for (char *p = line; nf < max;) {
        fld[nf++] = p;
        char *e = strchr(p, sep);
        if (!e)
            break;
        *e = '\0';
        p = e + 1;
    }
    return nf;
}

/* Columns: tokcol and tagcol (0-based) of tab- or space-separated lines;
 * blank lines end sentences; "-DOCSTART-" and "# newdoc" start documents;
 * other "#" lines are comments.  every_sentence_a_doc: no boundaries in the
 * file (CrossNER). */
static int nc_read_columns(ncorpus *c, const char *path, int tokcol, int tagcol,
                           int src, int every_sentence_a_doc)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    RIFT_VEC(char *) tok = {0};
    RIFT_VEC(char *) tag = {0};
    bool doc_open = false;
    for (;;) {
        ssize_t got = getline(&line, &cap, f);
        size_t len = got > 0 ? (size_t)got : 0;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        bool newdoc = got > 0 && (!strncmp(line, "-DOCSTART-", 10) ||
                                  (line[0] == '#' && strstr(line, "newdoc")));
        if (got <= 0 || len == 0 || newdoc) {
            if (tok.n) {
                if (!doc_open || every_sentence_a_doc) {
                    c->docs++;
                    doc_open = true;
                }
                nc_push(c, tok.v, tag.v, (int)tok.n, src);
                for (size_t k = 0; k < tok.n; k++)
                    free(tok.v[k]), free(tag.v[k]);
                tok.n = tag.n = 0;
            }
            if (newdoc)
                doc_open = false;
            if (got <= 0)
                break;
            continue;
        }
        if (line[0] == '#')
            continue;
        char *fld[12];
        int nf = nc_split(line, strchr(line, '\t') ? '\t' : ' ', fld, 12);
        if (nf <= tokcol || nf <= tagcol)
            continue;
        RIFT_VEC_PUSH(tok, rift_xstrdup(fld[tokcol]));
        RIFT_VEC_PUSH(tag, rift_xstrdup(fld[tagcol]));
    }
    free(tok.v);
    free(tag.v);
    free(line);
    fclose(f);
    return 0;
}

static bool nc_capital(const char *w)
{
    unsigned char ch = (unsigned char)w[0];
    return isupper(ch) || ch >= 0xC3;
}

/* LitBank: nested BIO columns 1..; a span is a name when its words are
 * capitalised (linking words allowed inside) after a leading "the" and
 * titles (titles lexicon) are dropped; the longest names win. */
static int nc_read_litbank(ncorpus *c, const char *path, int src, const rift_lexicon *titles,
                           rift_arena *scratch)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    c->docs++;
    char *line = NULL;
    size_t cap = 0;
    RIFT_VEC(char *) tok = {0};
    RIFT_VEC(char *) tags = {0};  /* 4 per word */
    for (;;) {
        ssize_t got = getline(&line, &cap, f);
        size_t len = got > 0 ? (size_t)got : 0;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (got <= 0 || len == 0) {
            int n = (int)tok.n;
            if (n) {
                char **bio = rift_xmalloc((size_t)n * sizeof *bio);
                uint8_t *taken = calloc((size_t)n, 1);
                for (int i = 0; i < n; i++)
                    bio[i] = rift_xstrdup("O");
                /* candidate spans of all layers, longest first */
                for (int want = n; want >= 1; want--)
                    for (int layer = 0; layer < 4; layer++)
                        for (int i = 0; i < n; i++) {
                            const char *t = tags.v[(size_t)i * 4 + (size_t)layer];
                            if (t[0] != 'B')
                                continue;
                            int j = i + 1;
                            while (j < n && tags.v[(size_t)j * 4 + (size_t)layer][0] == 'I')
                                j++;
                            int a = i, b = j;
                            while (a < b && (!strcasecmp(tok.v[a], "the") ||
                                             rift_lexicon_lookup(titles, scratch, tok.v[a],
                                                                 strlen(tok.v[a])) >= 0))
                                a++;
                            if (b - a != want || !nc_capital(tok.v[a]) ||
                                !nc_capital(tok.v[b - 1]) || !strcmp(tok.v[a], "I"))
                                continue;
                            bool ok = true;
                            for (int k = a; k < b && ok; k++)
                                ok = !taken[k] && (nc_capital(tok.v[k]) || !strcmp(tok.v[k], "of") ||
                                                   !strcmp(tok.v[k], "de") || !strcmp(tok.v[k], "the"));
                            if (!ok)
                                continue;
                            for (int k = a; k < b; k++) {
                                taken[k] = 1;
                                free(bio[k]);
                                char buf[16];
                                snprintf(buf, sizeof buf, "%c-%s", k == a ? 'B' : 'I', t + 2);
                                bio[k] = rift_xstrdup(buf);
                            }
                        }
                nc_push(c, tok.v, bio, n, src);
                for (int i = 0; i < n; i++)
                    free(bio[i]), free(tok.v[i]);
                for (size_t k = 0; k < tags.n; k++)
                    free(tags.v[k]);
                free(bio);
                free(taken);
                tok.n = tags.n = 0;
            }
            if (got <= 0)
                break;
            continue;
        }
        char *fld[6];
        int nf = nc_split(line, '\t', fld, 6);
        if (nf < 5)
            continue;
        RIFT_VEC_PUSH(tok, rift_xstrdup(fld[0]));
        for (int l = 1; l <= 4; l++)
            RIFT_VEC_PUSH(tags, rift_xstrdup(fld[l]));
    }
    free(tok.v);
    free(tags.v);
    free(line);
    fclose(f);
    return 0;
}

#endif
