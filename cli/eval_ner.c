/* eval_ner.c: "rift eval entities --corpus uner|crossner|wikigold|ner": rift's
 * PERSON, ORG and LOC names against IOB gold on held-out text, exact span
 * (CoNLL) and overlap, per type and micro-averaged.  Uses only rift.h;
 * never writes the corpora.  docs/accuracy.md says how every number counts.
 */
#include "eval.h"
#include "evalrun.h"
#include "iob.h"

#include <stdlib.h>
#include <string.h>

#define WIKIGOLD_FOLDS 5    /* wikigold test: document index % 5 == 4 */

static const iob_format formats[] = {IOB_UNER, IOB_CROSSNER, IOB_WIKIGOLD};

static int read_iob(const char *path, const void *format, tdoc_set *s, char *err, size_t errlen)
{
    return iob_read(path, *(const iob_format *)format, s, err, errlen);
}

static const ev_source corpora[] = {
    {"uner", "UNER English EWT, test split", "uner-english-ewt/en_ewt-ud-test.iob2", false, 1,
     read_iob, &formats[0]},
    {"crossner", "CrossNER politics, test split; each sentence a document",
     "crossner-politics/test.txt", false, 1, read_iob, &formats[1]},
    {"wikigold", "wikigold, held-out documents: index % 5 == 4 of the documents numbered 0, "
     "1, ... in file order (the text before the first -DOCSTART- is document 0)",
     "wikigold/wikigold.conll.txt", false, WIKIGOLD_FOLDS, read_iob, &formats[2]},
};
#define NC (sizeof corpora / sizeof *corpora)
static const ev_source all_corpora = {"ner", "the corpora above together", NULL, false, 1,
                                      NULL, NULL};

enum { T_MICRO = 3, T_ANY = 4, NROW = 5 };
static const char *const row_name[NROW] = {"PERSON", "ORG", "LOC", "micro", "any type"};

typedef struct ner_stats {
    ev_head h;
    long docs, sents, toks, left_out;
    long unread;                /* gold names in lines rift sets aside */
    prf r[NROW][2];             /* [row][0 exact, 1 overlap] */
} ner_stats;

typedef struct sspan { uint32_t a, b; int type; int used; } sspan;

static bool span_overlap(uint32_t a, uint32_t b, uint32_t c, uint32_t d) { return a < d && c < b; }

static uint32_t span_common(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    uint32_t s = a > c ? a : c, e = b < d ? b : d;
    return e > s ? e - s : 0;
}

/* Adds a system name unless one with its token range is there already or
 * it lies over a gold name of a type not scored (and over no scored one:
 * then it is left out and counted). */
static void add_name(const tdoc *d, sspan **p, size_t *n, size_t *cap, uint32_t a, uint32_t b,
                     int type, long *left_out)
{
    bool other = false, scored = false;
    for (size_t j = 0; j < *n; j++)
        if ((*p)[j].a == a && (*p)[j].b == b)
            return;
    for (size_t g = 0; g < d->nm; g++)
        if (span_overlap(a, b, d->m[g].a, d->m[g].b)) {
            if (d->m[g].type == GOLD_OTHER)
                other = true;
            else
                scored = true;
        }
    if (other && !scored) {
        (*left_out)++;
        return;
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *p = cli_xrealloc(*p, *cap * sizeof **p);
    }
    (*p)[(*n)++] = (sspan){a, b, type, 0};
}

/* rift's names as token spans: the named mentions of named entities */
static sspan *system_names(const tdoc *d, const rift_doc *rd, size_t *n, long *left_out)
{
    size_t ne, cap = 0;
    const rift_entity *ents = rift_doc_entities(rd, &ne);
    sspan *p = NULL;
    *n = 0;
    for (size_t i = 0; i < ne; i++) {
        if (ents[i].unnamed)
            continue;
        for (size_t k = 0; k < ents[i].n_mentions; k++) {
            rift_span m = ents[i].mentions[k];
            uint32_t a, b;
            if (eval_looks_named(d->text.s, m.start, m.end) && tdoc_map(d, m.start, m.end, &a, &b))
                add_name(d, &p, n, &cap, a, b, eval_map_type(ents[i].type), left_out);
        }
    }
    return p;
}

/* scored gold names that start in lines rift sets aside (boilerplate,
 * byline, dateline, source) or outside its blocks: names it never reads */
static long unread_names(const tdoc *d, const rift_doc *rd)
{
    size_t nb, k = 0;
    const rift_block *bl = rift_doc_blocks(rd, &nb);
    long n = 0;
    for (size_t i = 0; i < d->nm; i++) {
        uint32_t at = d->ts[d->m[i].a];
        while (k < nb && bl[k].end <= at)
            k++;
        bool read = k < nb && bl[k].start <= at &&
                    (bl[k].kind == RIFT_BLOCK_TEXT || bl[k].kind == RIFT_BLOCK_TITLE ||
                     bl[k].kind == RIFT_BLOCK_HEADING);
        n += d->m[i].type != GOLD_OTHER && !read;
    }
    return n;
}

/* One to one, greedy in text order: each gold name of the type (-1: any)
 * takes the unused system name with its very span (exact) or the one it
 * overlaps most (overlap). */
static void score_type(const tdoc *d, sspan *p, size_t np, int type, bool exact, prf *r,
                       bool verbose)
{
    for (size_t j = 0; j < np; j++)
        p[j].used = 0;
    for (size_t i = 0; i < d->nm; i++) {
        const td_span *g = &d->m[i];
        if (g->type == GOLD_OTHER || (type >= 0 && g->type != type))
            continue;
        long best = -1;
        uint32_t most = 0;
        for (size_t j = 0; j < np; j++) {
            if (p[j].used || (type >= 0 && p[j].type != type))
                continue;
            uint32_t c = span_common(g->a, g->b, p[j].a, p[j].b);
            if (exact ? (p[j].a == g->a && p[j].b == g->b) : c > most) {
                best = (long)j;
                most = c;
                if (exact)
                    break;
            }
        }
        if (best >= 0) {
            p[best].used = 1;
            r->tp++;
            r->ptp++;
        } else {
            r->fn++;
            if (verbose) {
                printf("  miss %s ", row_name[g->type]);
                tdoc_show(d, g->a, g->b, true);
                putchar('\n');
            }
        }
    }
    for (size_t j = 0; j < np; j++) {
        if ((type >= 0 && p[j].type != type) || p[j].used)
            continue;
        r->fp++;
        if (verbose) {
            printf("  false %s ", row_name[p[j].type]);
            tdoc_show(d, p[j].a, p[j].b, true);
            putchar('\n');
        }
    }
}

static void prf_add(prf *a, const prf *b)
{
    a->tp += b->tp;
    a->ptp += b->ptp;
    a->fn += b->fn;
    a->fp += b->fp;
}

static void score_doc(const tdoc *d, sspan *p, size_t np, ner_stats *st, bool verbose)
{
    for (int ex = 0; ex < 2; ex++) {
        for (int t = 0; t < 3; t++) {
            prf r = {0};
            score_type(d, p, np, t, ex == 0, &r, verbose && ex == 1);
            prf_add(&st->r[t][ex], &r);
            prf_add(&st->r[T_MICRO][ex], &r);
        }
        score_type(d, p, np, -1, ex == 0, &st->r[T_ANY][ex], false);
    }
    st->docs++;
    st->sents += (long)d->ns;
    st->toks += (long)d->nt;
}

/* one document of a corpus, through rift */
static void ner_doc(const tdoc *d, const rift_doc *rd, void *stats)
{
    ner_stats *st = stats;
    if (st->h.verbose)
        printf("# %s %s\n", st->h.corpus, d->id);
    size_t np;
    sspan *p = system_names(d, rd, &np, &st->left_out);
    st->unread += unread_names(d, rd);
    score_doc(d, p, np, st, st->h.verbose);
    free(p);
}

static void add_stats(void *total, const void *stats)
{
    ner_stats *a = total;
    const ner_stats *b = stats;
    a->docs += b->docs;
    a->sents += b->sents;
    a->toks += b->toks;
    a->left_out += b->left_out;
    a->unread += b->unread;
    for (int t = 0; t < NROW; t++)
        for (int ex = 0; ex < 2; ex++)
            prf_add(&a->r[t][ex], &b->r[t][ex]);
}

static void report(const ev_source *src, const void *stats, bool json, bool first)
{
    const ner_stats *st = stats;
    const char *name = src->name, *what = src->what;
    if (json) {
        printf("%s{\"corpus\":\"%s\",\"documents\":%ld,\"sentences\":%ld,\"tokens\":%ld",
               first ? "" : ",", name, st->docs, st->sents, st->toks);
        ev_json_str("scored", what, false);
        for (int ex = 0; ex < 2; ex++) {
            printf(",\"%s\":{", ex ? "overlap" : "exact");
            for (int t = 0; t < NROW; t++)
                eval_prf_json(t == T_ANY ? "any" : row_name[t], &st->r[t][ex], t < NROW - 1);
            printf("}");
        }
        printf(",\"left_out\":%ld,\"gold_set_aside\":%ld}", st->left_out, st->unread);
        return;
    }
    printf("== %s (%ld documents, %ld sentences, %ld tokens)\n   %s\n", name, st->docs,
           st->sents, st->toks, what);
    printf("  %-22s %6s %6s %6s   %5s  %5s  %5s\n", "names", "gold", "pred", "match", "prec",
           "rec", "F1");
    for (int ex = 0; ex < 2; ex++)
        for (int t = 0; t < NROW; t++) {
            char label[40];
            snprintf(label, sizeof label, "%s %s", row_name[t], ex ? "overlap" : "exact");
            eval_prf_row(label, &st->r[t][ex]);
        }
    printf("    (%ld predicted names over gold names of types not scored (MISC, ...) left "
           "out)\n", st->left_out);
    if (st->unread)
        printf("    (%ld gold names lie in lines rift sets aside as boilerplate, byline, "
               "dateline or source)\n", st->unread);
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift eval entities --corpus uner|crossner|wikigold|ner [OPTIONS]\n"
        "       rift eval entities --gold FILE --system FILE --format F [--json] [--verbose]\n"
        "\n"
        "Scores rift's PERSON, ORG and LOC names (OUTLET counts as ORG) against IOB\n"
        "gold: UNER English EWT test, CrossNER politics test, wikigold held-out\n"
        "documents (index %% 5 == 4), or all three (ner).  Gold PER/person/politician\n"
        "is PERSON, ORG/organisation/politicalparty ORG, LOC/GPE/country/location\n"
        "LOC; other types are not scored, and rift names over them are left out.\n"
        "Exact span (CoNLL) and overlap precision, recall and F1 per type and\n"
        "micro-averaged.  --gold/--system scores one IOB file against another of\n"
        "the same tokens (every document; no model).\n"
        "\n"
        "  --corpus C        uner, crossner, wikigold or ner (all three)\n"
        "  --format F        of --gold/--system: uner, crossner or wikigold\n"
        "  --shared DIR      the shared folder (default ../shared, else /work/shared)\n"
        "  --data DIR        rift's data directory\n"
        "  --json            one JSON array of results on stdout\n"
        "  --verbose         misses and false positives (overlap) with their sentence\n");
}

static int corpus_index(const char *name)
{
    for (size_t i = 0; i < NC; i++)
        if (!strcmp(name, corpora[i].name))
            return (int)i;
    return -1;
}

bool eval_ner_wanted(int argc, char **argv)
{
    const char *c = eval_opt_value(argc, argv, "corpus");
    return (c && (corpus_index(c) >= 0 || !strcmp(c, "ner"))) ||
           eval_opt_value(argc, argv, "gold") || eval_opt_value(argc, argv, "format");
}

/* --gold/--system: a system document's names against the gold's */
static void file_doc(const tdoc *g, const tdoc *s, void *stats)
{
    ner_stats *st = stats;
    sspan *p = NULL;
    size_t np = 0, cap = 0;
    for (size_t k = 0; k < s->nm; k++)
        if (s->m[k].type != GOLD_OTHER)
            add_name(g, &p, &np, &cap, s->m[k].a, s->m[k].b, s->m[k].type, &st->left_out);
    if (st->h.verbose)
        printf("# %s\n", g->id);
    score_doc(g, p, np, st, st->h.verbose);
    free(p);
}

static const ev_scorer scorer = {sizeof(ner_stats), ner_doc, report, add_stats};

int cmd_eval_ner(int argc, char **argv)
{
    ev_opts o = {.corpus = "ner"};
    int r = ev_parse(argc, argv, "eval entities", "csdGSfjv", usage, &o);
    if (r >= 0)
        return r;
    if (o.gold || o.system || o.format) {
        int fi = o.format ? corpus_index(o.format) : -1;
        if (!o.gold || !o.system || fi < 0) {
            cli_error("eval entities: --gold FILE, --system FILE and --format "
                      "uner|crossner|wikigold go together");
            return EXIT_USAGE;
        }
        ner_stats st = {.h = {o.verbose, "file"}};
        return ev_run_files(o.gold, o.system, read_iob, &formats[fi], "eval entities", o.json,
                            &scorer, file_doc, &st);
    }
    bool all = !strcmp(o.corpus, "ner");
    int only = corpus_index(o.corpus);
    if (!all && only < 0) {
        cli_error("eval entities: unknown corpus '%s' (uner, crossner, wikigold, ner)", o.corpus);
        return EXIT_USAGE;
    }
    bool want[NC];
    for (size_t c = 0; c < NC; c++)
        want[c] = all || (int)c == only;
    return ev_run_sources(&o, corpora, NC, want, &scorer, all ? &all_corpora : NULL);
}
