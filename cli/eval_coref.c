/* eval_coref.c: "rift eval coref": the CoNLL coreference score (MUC, B-cubed,
 * CEAF-e and their mean) of rift's entities against the GUM and LitBank test
 * documents, mentions matched by exact token span; also restricted to the
 * person, organisation and place entities rift resolves, and GUM's "person
 * mentions in the right entity".  Uses only rift.h; never writes the corpora.
 */
#include "corefdoc.h"
#include "coref_score.h"
#include "eval.h"
#include "evalrun.h"

#include <stdlib.h>
#include <string.h>

#define GUM_TEST "ud-english-gum-open/en_gum-open-test.conllu.xz"

static int read_gum(const char *path, const void *arg, tdoc_set *s, char *err, size_t errlen)
{
    return coref_gum_read(path, s, err, errlen);
}

static int read_litbank(const char *path, const void *arg, tdoc_set *s, char *err,
                        size_t errlen)
{
    return litbank_load(path, false, s, err, errlen);
}

enum { C_GUM, C_LITBANK, C_N };
static const ev_source corpora[C_N] = {
    {"gum", "UD English GUM (open subset), test split; every Entity= mention, singletons "
     "included", GUM_TEST, false, 1, read_gum, NULL},
    {"litbank", "LitBank coreference, " LITBANK_SPLIT "; singletons included", "litbank", true,
     1, read_litbank, NULL},
};
static const ev_source all_corpora = {"all", "the corpora above together", NULL, false, 1,
                                      NULL, NULL};

typedef struct coref_stats {
    ev_head h;
    bool file;                          /* --gold/--system: no types, no rift */
    long docs, gold, rift, same;        /* mentions: gold, rift's, same span */
    long chains, covered;               /* gold entities, of covered types */
    coref_counts all, typed;
    person_coref pc;
} coref_stats;

/* one mention of either side: tokens [a, b), key and response entity */
typedef struct umention { uint32_t a, b; int key, resp; } umention;

static int cmp_um(const void *x, const void *y)
{
    const umention *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

/* merges two lists of spans (sorted, each span once) into one list where
 * the same span is one mention with both entities */
static umention *merge(umention *g, size_t ng, umention *s, size_t ns, size_t *n, long *same)
{
    umention *u = cli_xrealloc(NULL, (ng + ns + 1) * sizeof *u);
    size_t i = 0, j = 0, k = 0;
    while (i < ng || j < ns) {
        int c = i == ng ? 1 : j == ns ? -1 : cmp_um(&g[i], &s[j]);
        if (c == 0) {
            u[k] = g[i++];
            u[k++].resp = s[j++].resp;
            (*same)++;
        } else if (c < 0) {
            u[k++] = g[i++];
        } else {
            u[k++] = s[j++];
        }
    }
    *n = k;
    return u;
}

static int cmp_um_order(const void *x, const void *y)
{
    int c = cmp_um(x, y);
    const umention *p = x, *q = y;
    return c ? c : (p->key > q->key) - (p->key < q->key);
}

/* response mentions whose key field holds their order: sorted, one per
 * span (the first in order), key then cleared */
static size_t sort_unique(umention *m, size_t n)
{
    qsort(m, n, sizeof *m, cmp_um_order);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (!w || cmp_um(&m[w - 1], &m[i]))
            m[w++] = m[i];
    for (size_t i = 0; i < w; i++)
        m[i].key = -1;
    return w;
}

static bool covered(int type) { return type == GOLD_PERSON || type == GOLD_ORG || type == GOLD_LOC; }

/* scores one document: gold spans and the response's spans (resp set) */
static void score_doc(const tdoc *d, umention *sys, size_t ns, coref_stats *st)
{
    umention *g = cli_xrealloc(NULL, (d->nm + 1) * sizeof *g);
    size_t ng = 0;
    for (size_t i = 0; i < d->nm; i++)
        if (d->m[i].chain >= 0)
            g[ng++] = (umention){d->m[i].a, d->m[i].b, d->m[i].chain, -1};
    qsort(g, ng, sizeof *g, cmp_um);
    ns = sort_unique(sys, ns);
    size_t n;
    long same = 0;
    umention *u = merge(g, ng, sys, ns, &n, &same);
    int *key = cli_xrealloc(NULL, (n + 1) * sizeof *key), *resp = cli_xrealloc(NULL, (n + 1) * sizeof *resp);
    for (size_t i = 0; i < n; i++) {
        key[i] = u[i].key;
        resp[i] = u[i].resp;
    }
    coref_counts one = {0};
    coref_score(key, resp, n, &one);
    coref_add(&st->all, &one);
    /* restricted: gold entities of covered types; rift's mentions that are
     * gold mentions of other entities are left out */
    for (size_t i = 0; i < n; i++)
        if (key[i] >= 0 && !covered(d->chain_type ? d->chain_type[key[i]] : -1))
            key[i] = resp[i] = -1;
    coref_score(key, resp, n, &st->typed);
    for (int c = 0; c < d->nchains; c++)
        st->covered += d->chain_type && covered(d->chain_type[c]);
    st->chains += d->nchains;
    st->docs++;
    st->gold += (long)ng;
    st->rift += (long)ns;
    st->same += same;
    if (st->h.verbose) {
        double v[COREF_NMETRICS][3];
        for (int m = 0; m < COREF_NMETRICS; m++)
            coref_rpf(&one, m, v[m]);
        printf("# %s %s: mentions gold %zu %s %zu same span %ld; F1 MUC %.3f B3 %.3f "
               "CEAF-e %.3f CoNLL %.3f\n", st->h.corpus, d->id, ng, st->file ? "system" : "rift",
               ns, same, v[COREF_MUC][COREF_F], v[COREF_B3][COREF_F], v[COREF_CEAFE][COREF_F],
               coref_conll(&one));
    }
    free(key);
    free(resp);
    free(u);
    free(g);
}

/* one document through rift: its entities as mentions over tokens; and
 * the person measure of rift eval entities on the same gold */
static void coref_doc(const tdoc *d, const rift_doc *rd, void *stats)
{
    coref_stats *st = stats;
    size_t ne, ns = 0, cap = 0;
    const rift_entity *ents = rift_doc_entities(rd, &ne);
    umention *sys = NULL;
    for (size_t e = 0; e < ne; e++)
        for (size_t k = 0; k < ents[e].n_mentions; k++) {
            uint32_t a, b;
            if (!tdoc_map(d, ents[e].mentions[k].start, ents[e].mentions[k].end, &a, &b))
                continue;
            if (ns == cap) {
                cap = cap ? cap * 2 : 64;
                sys = cli_xrealloc(sys, cap * sizeof *sys);
            }
            /* key holds the order of appearance (see sort_unique) */
            sys[ns] = (umention){a, b, (int)ns, (int)e};
            ns++;
        }
    score_doc(d, sys, ns, st);
    free(sys);
    gold_doc gd = {0};
    gd.corpus = st->h.corpus;
    gd.id = d->id;
    gd.text = d->text.s;
    gd.len = d->text.len;
    gd.scored_end = (uint32_t)d->text.len;
    gd.ments = cli_xrealloc(NULL, (d->nm + 1) * sizeof *gd.ments);
    for (size_t i = 0; i < d->nm; i++) {
        const td_span *m = &d->m[i];
        int t = d->chain_type && m->chain >= 0 ? d->chain_type[m->chain] : -1;
        gd.ments[gd.n_ments++] = (gold_mention){d->ts[m->a], d->te[m->b - 1],
                                                t < 0 ? GOLD_OTHER : t, 0, m->chain};
    }
    eval_person_coref(&gd, ents, ne, &st->pc, st->h.verbose);
    free(gd.ments);
}

static void add_stats(void *total, const void *stats)
{
    coref_stats *a = total;
    const coref_stats *b = stats;
    a->docs += b->docs;
    a->gold += b->gold;
    a->rift += b->rift;
    a->same += b->same;
    a->chains += b->chains;
    a->covered += b->covered;
    coref_add(&a->all, &b->all);
    coref_add(&a->typed, &b->typed);
    a->pc.total += b->pc.total;
    a->pc.found += b->pc.found;
    a->pc.right += b->pc.right;
    a->pc.purity_num += b->pc.purity_num;
    a->pc.purity_den += b->pc.purity_den;
}

static const char *const metric_name[COREF_NMETRICS] = {"MUC", "B-cubed", "CEAF-e"};
static const char *const metric_key[COREF_NMETRICS] = {"muc", "b3", "ceafe"};

static void print_counts(const char *title, const coref_counts *c)
{
    printf("  %-36s recall   prec     F1\n", title);
    for (int m = 0; m < COREF_NMETRICS; m++) {
        double v[3];
        coref_rpf(c, m, v);
        printf("    %-34s %6.3f %6.3f %6.3f\n", metric_name[m], v[COREF_R], v[COREF_P],
               v[COREF_F]);
    }
    printf("    %-34s %20.3f\n", "CoNLL (mean of the three F1)", coref_conll(c));
}

static void json_counts(const char *key, const coref_counts *c)
{
    printf("\"%s\":{", key);
    for (int m = 0; m < COREF_NMETRICS; m++) {
        double v[3];
        coref_rpf(c, m, v);
        printf("\"%s\":{\"recall\":%.4f,\"precision\":%.4f,\"f1\":%.4f},", metric_key[m],
               v[COREF_R], v[COREF_P], v[COREF_F]);
    }
    printf("\"conll\":%.4f}", coref_conll(c));
}

static double div0(long a, long b) { return b ? (double)a / (double)b : 0.0; }

static void report(const ev_source *src, const void *stats, bool json, bool first)
{
    const coref_stats *st = stats;
    const char *name = src->name, *what = src->what;
    bool typed = !st->file;
    if (json) {
        printf("%s{\"corpus\":\"%s\"", first ? "" : ",", name);
        ev_json_str("scored", what, false);
        printf(",\"documents\":%ld,\"gold_mentions\":%ld,\"predicted_mentions\":%ld,"
               "\"same_span\":%ld,\"gold_entities\":%ld,", st->docs, st->gold, st->rift,
               st->same, st->chains);
        json_counts("all", &st->all);
        if (typed) {
            printf(",\"covered_entities\":%ld,", st->covered);
            json_counts("person_org_place", &st->typed);
            printf(",\"person_mentions\":{\"total\":%ld,\"found\":%ld,\"right\":%ld,"
                   "\"right_share\":%.4f,\"purity\":%.4f}", st->pc.total, st->pc.found,
                   st->pc.right, div0(st->pc.right, st->pc.total),
                   div0(st->pc.purity_num, st->pc.purity_den));
        }
        printf("}");
        return;
    }
    printf("== %s (%ld documents)\n   %s\n", name, st->docs, what);
    printf("  mentions: gold %ld, %s %ld, the same span (tokens) %ld\n", st->gold,
           typed ? "rift" : "system", st->rift, st->same);
    char t[80];
    snprintf(t, sizeof t, "all %ld gold entities", st->chains);
    print_counts(t, &st->all);
    if (!typed)
        return;
    snprintf(t, sizeof t, "%ld person/organisation/place ones", st->covered);
    print_counts(t, &st->typed);
    printf("    (rift mentions that are gold mentions of other entities left out)\n");
    printf("  person mentions in the right entity (gold PERSON mentions in chains of 2+): %ld\n"
           "    found by rift (overlap)       %6ld  %5.3f\n"
           "    in the chain's main entity    %6ld  %5.3f of found, %5.3f of all\n"
           "    entity purity                 %6ld/%ld  %5.3f\n",
           st->pc.total, st->pc.found, div0(st->pc.found, st->pc.total), st->pc.right,
           div0(st->pc.right, st->pc.found), div0(st->pc.right, st->pc.total),
           st->pc.purity_num, st->pc.purity_den, div0(st->pc.purity_num, st->pc.purity_den));
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift eval coref [--corpus gum|litbank|all] [OPTIONS]\n"
        "       rift eval coref --gold FILE --system FILE [--json] [--verbose]\n"
        "\n"
        "The CoNLL coreference score of rift's entities: MUC, B-cubed, CEAF-e (phi4)\n"
        "and their mean, mentions matched by exact token span, singletons included;\n"
        "on the GUM test documents (UD English GUM, Entity=) and the LitBank test\n"
        "books (%s).\n"
        "Also restricted to gold person, organisation and place entities, and GUM's\n"
        "\"person mentions in the right entity\".  --gold/--system scores one\n"
        "CoNLL-2012 style file against another of the same tokens (no model).\n"
        "\n"
        "  --corpus C        gum, litbank or all (default all)\n"
        "  --shared DIR      the shared folder (default ../shared, else /work/shared)\n"
        "  --data DIR        rift's data directory\n"
        "  --json            one JSON array of results on stdout\n"
        "  --verbose         the scores of each document\n", LITBANK_SPLIT);
}

static int read_conll(const char *path, const void *sep, tdoc_set *s, char *err, size_t errlen)
{
    int n = coref_conll_read(path, sep, s, err, errlen);
    for (size_t i = 0; n > 0 && i < s->n; i++)
        tdoc_finish_chains(&s->d[i]);
    return n;
}

/* --gold/--system: a system document's clusters against the gold's */
static void file_doc(const tdoc *g, const tdoc *s, void *stats)
{
    umention *m = cli_xrealloc(NULL, (s->nm + 1) * sizeof *m);
    for (size_t k = 0; k < s->nm; k++)
        m[k] = (umention){s->m[k].a, s->m[k].b, (int)k, s->m[k].chain};
    score_doc(g, m, s->nm, stats);
    free(m);
}

static const ev_scorer scorer = {sizeof(coref_stats), coref_doc, report, add_stats};

int cmd_eval_coref(int argc, char **argv)
{
    ev_opts o = {.corpus = "all"};
    int r = ev_parse(argc, argv, "eval coref", "csdGSjv", usage, &o);
    if (r >= 0)
        return r;
    if (o.gold || o.system) {
        if (!o.gold || !o.system) {
            cli_error("eval coref: --gold FILE and --system FILE go together");
            return EXIT_USAGE;
        }
        coref_stats st = {.h = {o.verbose, "file"}, .file = true};
        return ev_run_files(o.gold, o.system, read_conll, "\n\n", "eval coref", o.json, &scorer,
                            file_doc, &st);
    }
    bool all = !strcmp(o.corpus, "all"), want[C_N], some = all;
    for (int c = 0; c < C_N; c++)
        some |= want[c] = all || !strcmp(o.corpus, corpora[c].name);
    if (!some) {
        cli_error("eval coref: unknown corpus '%s' (gum, litbank, all)", o.corpus);
        return EXIT_USAGE;
    }
    return ev_run_sources(&o, corpora, C_N, want, &scorer, all ? &all_corpora : NULL);
}
