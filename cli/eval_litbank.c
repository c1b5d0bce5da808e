/* eval_litbank.c: "rift eval quotes --corpus litbank": rift's quotes and their
 * speakers against LitBank's quotations on the LitBank test books: how many
 * gold quotations rift finds, and for how many it names the right speaker.
 * Uses only rift.h; never writes the corpora.  docs/accuracy.md says how.
 */
#include "corefdoc.h"
#include "eval.h"
#include "evalrun.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct lq_stats {
    ev_head h;
    long docs, gold, found, linked, right, by_chain, by_name, no_speaker;
    long rift, rift_in, rift_full, rift_full_in;
} lq_stats;

/* tokens of a rift byte span, or false */
static bool tokens_of(const tdoc *d, rift_span s, uint32_t *a, uint32_t *b)
{
    return s.end > s.start && tdoc_map(d, s.start, s.end, a, b);
}

/* some mention of chain c spans exactly tokens [a, b) */
static bool chain_has(const tdoc *d, int c, uint32_t a, uint32_t b)
{
    for (size_t i = 0; i < d->nm; i++)
        if (d->m[i].chain == c && d->m[i].a == a && d->m[i].b == b)
            return true;
    return false;
}

/* the folded name of a speaker label "Name_Words-N" */
static void label_name(const char *label, char *out, size_t cap)
{
    const char *dash = strrchr(label, '-');
    size_t n = dash && dash[1] && strspn(dash + 1, "0123456789") == strlen(dash + 1)
               ? (size_t)(dash - label) : strlen(label);
    eval_fold(label, n, out, cap);
}

/* 1: right through the gold speaker's chain, 2: by name, 0: wrong */
static int speaker_right(const tdoc *d, const td_quote *g, const rift_doc *rd,
                         const rift_quote *q)
{
    size_t ne;
    const rift_entity *ents = rift_doc_entities(rd, &ne);
    const rift_entity *e = q->speaker >= 0 && (size_t)q->speaker < ne ? &ents[q->speaker] : NULL;
    uint32_t a, b;
    if (g->chain >= 0) {
        if (tokens_of(d, q->speaker_text, &a, &b) && chain_has(d, g->chain, a, b))
            return 1;
        for (size_t k = 0; e && k < e->n_mentions; k++)
            if (tokens_of(d, e->mentions[k], &a, &b) && chain_has(d, g->chain, a, b))
                return 1;
    }
    char want[256], got[256];
    label_name(g->speaker, want, sizeof want);
    if (!want[0])
        return 0;
    if (e && e->name) {
        eval_fold(e->name, strlen(e->name), got, sizeof got);
        if (!strcmp(got, want))
            return 2;
    }
    if (q->speaker_text.end > q->speaker_text.start) {
        size_t len;
        const char *text = rift_doc_text(rd, &len);
        if (q->speaker_text.end <= len) {
            eval_fold(text + q->speaker_text.start, q->speaker_text.end - q->speaker_text.start,
                      got, sizeof got);
            if (!strcmp(got, want))
                return 2;
        }
    }
    return 0;
}

static void score_doc(const tdoc *d, const rift_doc *rd, lq_stats *st, bool verbose)
{
    size_t nq;
    const rift_quote *q = rift_doc_quotes(rd, &nq);
    uint32_t *qa = cli_xrealloc(NULL, (nq + 1) * sizeof *qa), *qb = cli_xrealloc(NULL, (nq + 1) * sizeof *qb);
    char *hit = calloc(nq + 1, 1);
    if (!hit) {
        cli_error("out of memory");
        exit(1);
    }
    for (size_t j = 0; j < nq; j++)
        if (!tdoc_map(d, q[j].start, q[j].end, &qa[j], &qb[j]))
            qa[j] = qb[j] = 0;
    if (verbose)
        printf("# litbank %s\n", d->id);
    for (size_t i = 0; i < d->nq; i++) {
        const td_quote *g = &d->q[i];
        long best = -1;
        uint32_t most = 0;
        for (size_t j = 0; j < nq; j++) {
            uint32_t s = qa[j] > g->a ? qa[j] : g->a, e = qb[j] < g->b ? qb[j] : g->b;
            if (e > s && e - s > most) {
                most = e - s;
                best = (long)j;
            }
        }
        st->gold++;
        st->linked += g->chain >= 0;
        if (best < 0) {
            if (verbose) {
                printf("  quote miss ");
                tdoc_show(d, g->a, g->b, false);
                printf(" speaker %s\n", g->speaker ? g->speaker : "-");
            }
            continue;
        }
        hit[best] = 1;
        st->found++;
        const rift_quote *r = &q[best];
        int how = g->speaker ? speaker_right(d, g, rd, r) : 0;
        st->right += how > 0;
        st->by_chain += how == 1;
        st->by_name += how == 2;
        bool none = r->speaker < 0 && r->speaker_text.end <= r->speaker_text.start;
        st->no_speaker += none;
        if (verbose && !how) {
            size_t ne;
            const rift_entity *ents = rift_doc_entities(rd, &ne);
            printf("  quote speaker ");
            tdoc_show(d, g->a, g->b, false);
            printf(" gold %s rift %s", g->speaker ? g->speaker : "-",
                   r->speaker >= 0 && (size_t)r->speaker < ne ? ents[r->speaker].name : "-");
            uint32_t a, b;
            if (tokens_of(d, r->speaker_text, &a, &b)) {
                printf(" words ");
                tdoc_show(d, a, b, false);
            }
            putchar('\n');
        }
    }
    for (size_t j = 0; j < nq; j++) {
        st->rift++;
        st->rift_in += hit[j];
        if (!q[j].fragment) {
            st->rift_full++;
            st->rift_full_in += hit[j];
        }
        if (verbose && !hit[j] && qb[j] > qa[j]) {
            printf("  quote false%s ", q[j].fragment ? " (fragment)" : "");
            tdoc_show(d, qa[j], qb[j], false);
            putchar('\n');
        }
    }
    st->docs++;
    free(hit);
    free(qa);
    free(qb);
}

static void litbank_doc(const tdoc *d, const rift_doc *rd, void *stats)
{
    lq_stats *st = stats;
    score_doc(d, rd, st, st->h.verbose);
}

static void add_stats(void *total, const void *stats)
{
    long *a = (long *)&((lq_stats *)total)->docs;
    const long *b = &((const lq_stats *)stats)->docs;
    for (size_t i = 0; i < (sizeof(lq_stats) - offsetof(lq_stats, docs)) / sizeof(long); i++)
        a[i] += b[i];
}

static double div0(long a, long b) { return b ? (double)a / (double)b : 0.0; }

static void report(const ev_source *src, const void *stats, bool json, bool first)
{
    const lq_stats *st = stats;
    if (json) {
        printf("{\"corpus\":\"litbank\",\"scored\":\"%s\",\"documents\":%ld,"
               "\"gold_quotes\":%ld,\"found\":%ld,\"recall\":%.4f,\"rift_quotes\":%ld,"
               "\"rift_quotes_on_gold\":%ld,\"precision\":%.4f,\"rift_full_quotes\":%ld,"
               "\"rift_full_quotes_on_gold\":%ld,\"speaker_linked\":%ld,"
               "\"speaker_right\":%ld,\"speaker_right_share\":%.4f,"
               "\"speaker_right_of_found\":%.4f,\"right_by_entity\":%ld,\"right_by_name\":%ld,"
               "\"found_without_speaker\":%ld}", LITBANK_SPLIT, st->docs, st->gold,
               st->found, div0(st->found, st->gold), st->rift, st->rift_in,
               div0(st->rift_in, st->rift), st->rift_full, st->rift_full_in, st->linked,
               st->right, div0(st->right, st->gold), div0(st->right, st->found),
               st->by_chain, st->by_name, st->no_speaker);
        return;
    }
    printf("== litbank quotations (%ld documents)\n   %s\n", st->docs, LITBANK_SPLIT);
    printf("  gold quotations found (a rift quote overlaps): %ld of %ld  %5.3f\n", st->found,
           st->gold, div0(st->found, st->gold));
    printf("  rift quotes on a gold quotation: %ld of %ld  %5.3f (not fragments: %ld of %ld  "
           "%5.3f)\n", st->rift_in, st->rift, div0(st->rift_in, st->rift), st->rift_full_in,
           st->rift_full, div0(st->rift_full_in, st->rift_full));
    printf("  speaker right: %ld of %ld gold quotations  %5.3f (%5.3f of those found)\n"
           "    by the speaker's entity %ld, by name only %ld; found with no rift speaker %ld;\n"
           "    gold speakers linked to a coreference entity: %ld of %ld\n",
           st->right, st->gold, div0(st->right, st->gold), div0(st->right, st->found),
           st->by_chain, st->by_name, st->no_speaker, st->linked, st->gold);
    printf("    (right: rift's speaker entity has a mention, or its speaker words are a\n"
           "     mention, with the very tokens of a mention of the gold speaker's entity;\n"
           "     or rift's speaker name or words spell the gold speaker's name, letters\n"
           "     and digits, case-folded)\n");
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift eval quotes --corpus litbank [OPTIONS]\n"
        "\n"
        "rift's quotes against LitBank's quotations (%s):\n"
        "the gold quotations a rift quote overlaps, and those whose speaker rift\n"
        "names right (docs/accuracy.md).\n"
        "\n"
        "  --shared DIR      the shared folder (default ../shared, else /work/shared)\n"
        "  --data DIR        rift's data directory\n"
        "  --json            one JSON array of results on stdout\n"
        "  --verbose         misses, false quotes and wrong speakers per document\n",
        LITBANK_SPLIT);
}

bool eval_litbank_wanted(int argc, char **argv)
{
    const char *c = eval_opt_value(argc, argv, "corpus");
    return c && !strcmp(c, "litbank");
}

static int read_litbank(const char *path, const void *arg, tdoc_set *s, char *err,
                        size_t errlen)
{
    return litbank_load(path, true, s, err, errlen);
}

int cmd_eval_litbank(int argc, char **argv)
{
    ev_opts o = {0};
    int r = ev_parse(argc, argv, "eval quotes", "csdjv", usage, &o);
    if (r >= 0)
        return r;
    static const ev_source litbank = {"litbank", LITBANK_SPLIT, "litbank", true, 1,
                                      read_litbank, NULL};
    static const ev_scorer sc = {sizeof(lq_stats), litbank_doc, report, add_stats};
    static const bool want = true;
    return ev_run_sources(&o, &litbank, 1, &want, &sc, NULL);
}
