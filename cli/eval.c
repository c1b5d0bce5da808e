/* eval.c: "rift eval": runs rift on the gold corpora (MEANTIME, GUM Wikinews)
 * and scores its entities, times and quotes against the gold spans.  Uses only
 * the public rift.h; never changes the corpora.  docs/accuracy.md says how
 * every number is counted.
 */
#include "eval.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum { M_ENTITIES = 1, M_TIMES = 2, M_QUOTES = 4 };
enum { C_MEANTIME, C_GUM, C_ALL, C_N };
static const char *const corpus_name[C_N] = {"meantime", "gum", "all"};
#define NT 4    /* PERSON, ORG, LOC, any type */
static const char *const type_name[NT] = {"PERSON", "ORG", "LOC", "any"};

typedef struct stats {
    long docs;
    prf ner[NT][2];             /* [type][0 exact, 1 overlap] */
    long coref_total, coref_found, coref_right, purity_num, purity_den;
    prf times;
    long time_matched, time_value_right, time_dct, time_dct_found, time_novalue;
    long tx_matched[GOLD_TX_N], tx_right[GOLD_TX_N];   /* by gold TIMEX3 type */
    prf quotes;
    long quote_docs;
    long full_gold, full_found, spk_gold, spk_matched, spk_right;
    long speech_total, speech_found, speech_right;
    long ent_unmarked;          /* documents whose mentions say nothing of names */
} stats;

typedef struct opts {
    int measures;
    bool json, verbose;
    const char *dump;
} opts;

typedef struct pspan { uint32_t start, end; int type; int ent; int used; } pspan;

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) {
        cli_error("out of memory");
        exit(1);
    }
    return p;
}

static bool overlaps(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    return a < d && c < b;
}

static uint32_t overlap_len(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    uint32_t s = a > c ? a : c, e = b < d ? b : d;
    return e > s ? e - s : 0;
}

static void show(const gold_doc *d, uint32_t s, uint32_t e)
{
    printf("[%u,%u) \"", s, e);
    for (uint32_t i = s; i < e && i < d->len; i++)
        putchar(d->text[i] == '\n' ? ' ' : d->text[i]);
    putchar('"');
}

int eval_map_type(rift_entity_type t)
{
    switch (t) {
    case RIFT_ENT_PERSON: return GOLD_PERSON;
    case RIFT_ENT_ORG: case RIFT_ENT_OUTLET: return GOLD_ORG;
    case RIFT_ENT_LOC: return GOLD_LOC;
    }
    return GOLD_OTHER;
}

/* rift's mentions include pronouns and descriptions ("he", "the president");
 * NER counts a predicted mention as a name when, past a leading article, it
 * starts with a capital letter and is not a pronoun. */
bool eval_looks_named(const char *t, uint32_t s, uint32_t e)
{
    static const char *const art[] = {"the ", "The ", "a ", "A ", "an ", "An ", NULL};
    static const char *const pron[] = {"he", "she", "it", "they", "him", "her", "them",
        "his", "hers", "its", "their", "theirs", "we", "us", "our", "i", "me", "my",
        "you", "your", "himself", "herself", "itself", "themselves", "who", "whom", NULL};
    for (size_t i = 0; art[i]; i++) {
        size_t n = strlen(art[i]);
        if (e - s > n && strncmp(t + s, art[i], n) == 0) {
            s += (uint32_t)n;
            break;
        }
    }
    if (s >= e)
        return false;
    unsigned char c = (unsigned char)t[s];
    if (!(isupper(c) || c >= 0x80))
        return false;
    /* "He" is a pronoun, "US" is not: only the first letter may be a capital */
    for (size_t i = 0; pron[i]; i++)
        if (strlen(pron[i]) == e - s && tolower((unsigned char)t[s]) == pron[i][0] &&
            strncmp(t + s + 1, pron[i] + 1, e - s - 1) == 0)
            return false;
    return true;
}

/* one-to-one greedy matching of gold spans against predicted spans of the
 * same type (type -1 = any): each gold span, in text order, takes the unused
 * prediction that overlaps it most (exact: the identical span). */
static void match(const gold_doc *d, const gold_mention *g, size_t ng, pspan *p, size_t np,
                  int type, int exact, prf *r, bool verbose, const char *what)
{
    for (size_t j = 0; j < np; j++)
        p[j].used = 0;
    long tp = 0, ngold = 0, npred = 0;
    for (size_t i = 0; i < ng; i++) {
        if (!g[i].named || g[i].type == GOLD_OTHER || (type >= 0 && g[i].type != type))
            continue;
        ngold++;
        long best = -1;
        uint32_t bl = 0;
        for (size_t j = 0; j < np; j++) {
            if (p[j].used || (type >= 0 && p[j].type != type))
                continue;
            if (exact ? (p[j].start == g[i].start && p[j].end == g[i].end)
                      : overlaps(p[j].start, p[j].end, g[i].start, g[i].end)) {
                uint32_t l = overlap_len(p[j].start, p[j].end, g[i].start, g[i].end);
                if (best < 0 || l > bl) {
                    best = (long)j;
                    bl = l;
                }
            }
        }
        if (best >= 0) {
            p[best].used = 1;
            tp++;
        } else if (verbose) {
            printf("  %s miss %s ", what, type_name[g[i].type]);
            show(d, g[i].start, g[i].end);
            putchar('\n');
        }
    }
    for (size_t j = 0; j < np; j++) {
        if (type >= 0 && p[j].type != type)
            continue;
        npred++;
        if (!p[j].used && verbose) {
            printf("  %s false %s ", what, type_name[p[j].type]);
            show(d, p[j].start, p[j].end);
            putchar('\n');
        }
    }
    r->tp += tp;
    r->ptp += tp;
    r->fn += ngold - tp;
    r->fp += npred - tp;
}

/* ---- entities ------------------------------------------------------------ */

static void score_entities(const gold_doc *d, rift_doc *rd, stats *st, const opts *o)
{
    size_t ne;
    const rift_entity *ents = rift_doc_entities(rd, &ne);
    size_t np = 0, cap = 0;
    pspan *p = NULL;
    for (size_t i = 0; i < ne; i++) {
        int t = eval_map_type(ents[i].type);
        if (ents[i].unnamed)
            continue; /* "the girls": not a name (coreference counts it) */
        for (size_t k = 0; k < ents[i].n_mentions; k++) {
            rift_span m = ents[i].mentions[k];
            if (m.start >= d->scored_end || !eval_looks_named(d->text, m.start, m.end) ||
                t == GOLD_OTHER)
                continue;
            if (np == cap) {
                cap = cap ? cap * 2 : 32;
                p = realloc(p, cap * sizeof *p);
                if (!p) { cli_error("out of memory"); exit(1); }
            }
            p[np++] = (pspan){m.start, m.end, t, (int)i, 0};
        }
    }
    for (int t = 0; t < NT; t++)
        for (int ex = 0; ex < 2; ex++)
            match(d, d->ments, d->n_ments, p, np, t == 3 ? -1 : t, ex == 0,
                  &st->ner[t][ex], o->verbose && ex == 1 && t == 3, "ner");
    free(p);

    person_coref pc = {0};
    eval_person_coref(d, ents, ne, &pc, o->verbose);
    st->coref_total += pc.total;
    st->coref_found += pc.found;
    st->coref_right += pc.right;
    st->purity_num += pc.purity_num;
    st->purity_den += pc.purity_den;
}

/* coreference over gold PERSON mentions in chains of two or more */
void eval_person_coref(const gold_doc *d, const rift_entity *ents, size_t ne,
                       person_coref *pc, bool verbose)
{
    size_t nm = d->n_ments;
    int *found = xcalloc(nm, sizeof *found);
    int *csize = NULL;
    int maxc = -1;
    for (size_t i = 0; i < nm; i++)
        if (d->ments[i].chain > maxc)
            maxc = d->ments[i].chain;
    csize = xcalloc((size_t)maxc + 2, sizeof *csize);
    for (size_t i = 0; i < nm; i++)
        if (d->ments[i].type == GOLD_PERSON && d->ments[i].chain >= 0 &&
            d->ments[i].start < d->scored_end)
            csize[d->ments[i].chain]++;
    for (size_t i = 0; i < nm; i++) {
        const gold_mention *g = &d->ments[i];
        found[i] = -2;          /* not scored */
        if (g->type != GOLD_PERSON || g->chain < 0 || csize[g->chain] < 2)
            continue;
        found[i] = -1;
        uint32_t bl = 0;
        for (size_t e = 0; e < ne; e++) {
            if (ents[e].type != RIFT_ENT_PERSON)
                continue;
            for (size_t k = 0; k < ents[e].n_mentions; k++) {
                uint32_t l = overlap_len(ents[e].mentions[k].start, ents[e].mentions[k].end,
                                         g->start, g->end);
                if (l > bl) {
                    bl = l;
                    found[i] = (int)e;
                }
            }
        }
        pc->total++;
        if (found[i] >= 0)
            pc->found++;
    }
    /* per chain: the rift entity most of its found mentions are in */
    for (size_t i = 0; i < nm; i++) {
        if (found[i] < -1)
            continue;
        int c = d->ments[i].chain;
        bool first = true;
        for (size_t j = 0; j < i; j++)
            if (found[j] >= -1 && d->ments[j].chain == c)
                first = false;
        if (!first)
            continue;
        int best = -1, bestn = 0, nfound = 0;
        for (size_t j = i; j < nm; j++) {
            if (found[j] < 0 || d->ments[j].chain != c)
                continue;
            nfound++;
            int n = 0;
            for (size_t k = i; k < nm; k++)
                if (d->ments[k].chain == c && found[k] == found[j])
                    n++;
            if (n > bestn || (n == bestn && found[j] < best)) {
                bestn = n;
                best = found[j];
            }
        }
        pc->right += bestn;
        if (verbose && nfound > bestn) {
            printf("  coref split chain %d:", c);
            for (size_t j = i; j < nm; j++)
                if (d->ments[j].chain == c && found[j] >= -1) {
                    putchar(' ');
                    show(d, d->ments[j].start, d->ments[j].end);
                    printf("->%d", found[j]);
                }
            putchar('\n');
        }
    }
    /* purity: per rift entity, the share of its found gold mentions that
     * belong to its most frequent gold chain */
    for (size_t e = 0; e < ne; e++) {
        int total = 0, best = 0;
        for (size_t j = 0; j < nm; j++) {
            if (found[j] != (int)e)
                continue;
            total++;
            int n = 0;
            for (size_t k = 0; k < nm; k++)
                if (found[k] == (int)e && d->ments[k].chain == d->ments[j].chain)
                    n++;
            if (n > best)
                best = n;
        }
        pc->purity_num += best;
        pc->purity_den += total;
    }
    free(found);
    free(csize);
}

/* ---- times --------------------------------------------------------------- */

static void norm_value(const char *v, char *out, size_t cap)
{
    snprintf(out, cap, "%s", v ? v : "");
    size_t n = strlen(out);
    static const char *const tails[] = {"T00:00:00", "T00:00", NULL};
    for (size_t i = 0; tails[i]; i++) {
        size_t tl = strlen(tails[i]);
        if (n > tl && strcmp(out + n - tl, tails[i]) == 0) {
            out[n - tl] = '\0';
            break;
        }
    }
}

/* GUM's <date> marks calendar positions only (when, from/to, notBefore/
 * notAfter): durations ("48 hours"), reference words ("recently") and sets
 * ("annual") are outside what it annotates, so they are not scored there. */
static bool time_unscored(const gold_doc *d, const rift_time *t)
{
    return d->corpus && strcmp(d->corpus, "gum") == 0 && t->granularity &&
           (strcmp(t->granularity, "duration") == 0 ||
            strcmp(t->granularity, "reference") == 0 || strcmp(t->granularity, "set") == 0);
}

static void score_times(const gold_doc *d, rift_doc *rd, stats *st, const opts *o)
{
    size_t nt;
    const rift_time *t = rift_doc_times(rd, &nt);
    int *used = xcalloc(nt, sizeof *used);
    long npred = 0;
    for (size_t j = 0; j < nt; j++)
        if (t[j].start < d->scored_end && !time_unscored(d, &t[j]))
            npred++;
    long tp = 0;
    for (size_t i = 0; i < d->n_times; i++) {
        const gold_time *g = &d->times[i];
        long best = -1;
        uint32_t bl = 0;
        for (size_t j = 0; j < nt; j++) {
            if (used[j] || t[j].start >= d->scored_end || time_unscored(d, &t[j]))
                continue;
            uint32_t l = overlap_len(t[j].start, t[j].end, g->start, g->end);
            /* ties ("June" in "between April and June" and on its own):
             * the span closer to the gold one */
            if (l > bl || (l && l == bl && t[j].end - t[j].start < t[best].end - t[best].start)) {
                bl = l;
                best = (long)j;
            }
        }
        st->time_dct += g->dct;
        if (best < 0) {
            if (o->verbose) {
                printf("  time miss ");
                show(d, g->start, g->end);
                printf(" %s\n", g->value);
            }
            continue;
        }
        used[best] = 1;
        tp++;
        st->time_dct_found += g->dct;
        if (!g->value[0]) {     /* annotated without a value: detection only */
            st->time_novalue++;
            continue;
        }
        char a[128], b[128];
        norm_value(g->value, a, sizeof a);
        norm_value(t[best].value, b, sizeof b);
        st->time_matched++;
        st->tx_matched[g->type]++;
        if (eval_time_same(a, b, d->corpus && strcmp(d->corpus, "gum") == 0)) {
            st->time_value_right++;
            st->tx_right[g->type]++;
        } else if (o->verbose) {
            printf("  time value ");
            show(d, g->start, g->end);
            printf(" gold %s rift %s\n", a, t[best].value ? t[best].value : "null");
        }
    }
    for (size_t j = 0; j < nt && o->verbose; j++)
        if (!used[j] && t[j].start < d->scored_end && !time_unscored(d, &t[j])) {
            printf("  time false ");
            show(d, t[j].start, t[j].end);
            printf(" %s\n", t[j].value ? t[j].value : "null");
        }
    st->times.tp += tp;
    st->times.ptp += tp;
    st->times.fn += (long)d->n_times - tp;
    st->times.fp += npred - tp;
    free(used);
}

/* ---- quotes -------------------------------------------------------------- */

/* rift names the speaker when its entity, or the words it gives as the
 * speaker, overlap a mention of the gold speaker's chain */
static bool speaker_right(const gold_doc *d, rift_doc *rd, const rift_quote *q, int gm)
{
    size_t ne;
    const rift_entity *ents = rift_doc_entities(rd, &ne);
    int chain = d->ments[gm].chain;
    for (size_t i = 0; i < d->n_ments; i++) {
        const gold_mention *g = &d->ments[i];
        if ((int)i != gm && (chain < 0 || g->chain != chain))
            continue;
        if (q->speaker_text.end > q->speaker_text.start &&
            overlaps(q->speaker_text.start, q->speaker_text.end, g->start, g->end))
            return true;
        if (q->speaker >= 0 && (size_t)q->speaker < ne) {
            const rift_entity *e = &ents[q->speaker];
            for (size_t k = 0; k < e->n_mentions; k++)
                if (overlaps(e->mentions[k].start, e->mentions[k].end, g->start, g->end))
                    return true;
        }
    }
    return false;
}

static void score_quotes(const gold_doc *d, rift_doc *rd, stats *st, const opts *o)
{
    size_t nq;
    const rift_quote *q = rift_doc_quotes(rd, &nq);
    if (d->has_quotes) {
        st->quote_docs++;
        int *used = xcalloc(nq, sizeof *used);
        long npred = 0, tp = 0;
        for (size_t j = 0; j < nq; j++)
            if (q[j].start < d->scored_end)
                npred++;
        for (size_t i = 0; i < d->n_quotes; i++) {
            const gold_quote *g = &d->quotes[i];
            long best = -1;
            uint32_t bl = 0;
            /* many to one: GUM often marks each sentence of a long quote
             * apart, and rift's one quote then covers several */
            for (size_t j = 0; j < nq; j++) {
                if (q[j].start >= d->scored_end)
                    continue;
                uint32_t l = overlap_len(q[j].start, q[j].end, g->start, g->end);
                if (l > bl) {
                    bl = l;
                    best = (long)j;
                }
            }
            if (!g->fragment)
                st->full_gold++;
            if (!g->fragment && g->speaker >= 0)
                st->spk_gold++;
            if (best < 0) {
                if (o->verbose) {
                    printf("  quote miss%s ", g->fragment ? " (fragment)" : "");
                    show(d, g->start, g->end);
                    putchar('\n');
                }
                continue;
            }
            used[best] = 1;
            tp++;
            if (g->fragment)
                continue;
            st->full_found++;
            if (g->speaker < 0)
                continue;
            st->spk_matched++;
            if (speaker_right(d, rd, &q[best], g->speaker))
                st->spk_right++;
            else if (o->verbose) {
                printf("  quote speaker ");
                show(d, g->start, g->end);
                printf(" gold ");
                show(d, d->ments[g->speaker].start, d->ments[g->speaker].end);
                printf(" rift speaker %d ", q[best].speaker);
                show(d, q[best].speaker_text.start, q[best].speaker_text.end);
                putchar('\n');
            }
        }
        for (size_t j = 0; j < nq && o->verbose; j++)
            if (!used[j] && q[j].start < d->scored_end) {
                printf("  quote false ");
                show(d, q[j].start, q[j].end);
                putchar('\n');
            }
        long pred_ok = 0;
        for (size_t j = 0; j < nq; j++)
            pred_ok += used[j] != 0;
        /* tp counts gold quotes found; precision uses the rift quotes that
         * overlap some gold quote (fp = the others) */
        st->quotes.tp += tp;
        st->quotes.fn += (long)d->n_quotes - tp;
        st->quotes.fp += npred - pred_ok;
        st->quotes.ptp += pred_ok;
        free(used);
    }
    /* speech events (MEANTIME): a rift quote whose cue is the gold cue, or
     * that lies in the cue's sentence, with the gold speaker */
    for (size_t i = 0; i < d->n_speech; i++) {
        const gold_speech *g = &d->speech[i];
        st->speech_total++;
        bool found = false, right = false;
        for (size_t j = 0; j < nq; j++) {
            bool cue = q[j].cue.end > q[j].cue.start &&
                       overlaps(q[j].cue.start, q[j].cue.end, g->cue_start, g->cue_end);
            bool here = overlaps(q[j].start, q[j].end, g->sent_start, g->sent_end);
            if (!cue && !here)
                continue;
            found = true;
            if (speaker_right(d, rd, &q[j], g->speaker))
                right = true;
        }
        st->speech_found += found;
        st->speech_right += right;
        if (o->verbose && !right) {
            printf("  speech %s cue ", found ? "wrong-speaker" : "miss");
            show(d, g->cue_start, g->cue_end);
            printf(" speaker ");
            show(d, d->ments[g->speaker].start, d->ments[g->speaker].end);
            putchar('\n');
        }
    }
}

/* ---- dump ---------------------------------------------------------------- */

static const char *gtype(int t)
{
    static const char *const n[] = {"PERSON", "ORG", "LOC", "other"};
    return t >= 0 && t < 4 ? n[t] : "?";
}

static void dump_doc(const gold_doc *d)
{
    printf("# %s %s date=%s title=%s scored=[0,%u) of %zu bytes\n", d->corpus, d->id,
           d->date ? d->date : "-", d->title ? d->title : "-", d->scored_end, d->len);
    printf("--- text\n%.*s\n--- mentions (start end type named chain text)\n",
           (int)d->len, d->text);
    for (size_t i = 0; i < d->n_ments; i++) {
        const gold_mention *m = &d->ments[i];
        printf("%zu %s %s chain=%d ", i, gtype(m->type), m->named ? "NAM" : "-", m->chain);
        show(d, m->start, m->end);
        putchar('\n');
    }
    printf("--- times\n");
    for (size_t i = 0; i < d->n_times; i++) {
        show(d, d->times[i].start, d->times[i].end);
        printf(" %s%s\n", d->times[i].value, d->times[i].dct ? " (creation time)" : "");
    }
    printf("--- quotes\n");
    for (size_t i = 0; i < d->n_quotes; i++) {
        show(d, d->quotes[i].start, d->quotes[i].end);
        printf(" %s speaker=%d\n", d->quotes[i].fragment ? "fragment" : "full",
               d->quotes[i].speaker);
    }
    printf("--- speech events (cue, speaker mention)\n");
    for (size_t i = 0; i < d->n_speech; i++) {
        show(d, d->speech[i].cue_start, d->speech[i].cue_end);
        printf(" speaker=%d ", d->speech[i].speaker);
        show(d, d->ments[d->speech[i].speaker].start, d->ments[d->speech[i].speaker].end);
        putchar('\n');
    }
}

/* ---- reporting ----------------------------------------------------------- */

static double ratio(long a, long b) { return b ? (double)a / (double)b : 0.0; }

static void prf_vals(const prf *r, double *p, double *rc, double *f)
{
    *p = ratio(r->ptp, r->ptp + r->fp);
    *rc = ratio(r->tp, r->tp + r->fn);
    *f = (*p + *rc) > 0 ? 2 * *p * *rc / (*p + *rc) : 0.0;
}

void eval_prf_row(const char *label, const prf *r)
{
    double p, rc, f;
    prf_vals(r, &p, &rc, &f);
    printf("  %-22s %6ld %6ld %6ld   %5.3f  %5.3f  %5.3f\n", label, r->tp + r->fn,
           r->ptp + r->fp, r->tp, p, rc, f);
}

void eval_prf_json(const char *key, const prf *r, bool comma)
{
    double p, rc, f;
    prf_vals(r, &p, &rc, &f);
    printf("\"%s\":{\"gold\":%ld,\"predicted\":%ld,\"matched\":%ld,\"precision\":%.4f,"
           "\"recall\":%.4f,\"f1\":%.4f}%s", key, r->tp + r->fn, r->ptp + r->fp, r->tp,
           p, rc, f, comma ? "," : "");
}

static void report(const stats *st, int c, const opts *o, bool first)
{
    if (o->json) {
        printf("%s{\"corpus\":\"%s\",\"documents\":%ld", first ? "" : ",", corpus_name[c],
               st->docs);
        if (o->measures & M_ENTITIES) {
            printf(",\"entities\":{");
            for (int ex = 1; ex >= 0; ex--) {
                printf("\"%s\":{", ex ? "overlap" : "exact");
                for (int t = 0; t < NT; t++)
                    eval_prf_json(type_name[t], &st->ner[t][ex], t < NT - 1);
                printf("},");
            }
            printf("\"coref\":{\"person_mentions\":%ld,\"found\":%ld,\"right\":%ld,"
                   "\"coverage\":%.4f,\"consistency\":%.4f,\"right_share\":%.4f,"
                   "\"purity\":%.4f}}", st->coref_total, st->coref_found, st->coref_right,
                   ratio(st->coref_found, st->coref_total),
                   ratio(st->coref_right, st->coref_found),
                   ratio(st->coref_right, st->coref_total),
                   ratio(st->purity_num, st->purity_den));
        }
        if (o->measures & M_TIMES) {
            printf(",\"times\":{");
            eval_prf_json("detection", &st->times, true);
            printf("\"value_matched\":%ld,\"value_right\":%ld,\"value_accuracy\":%.4f,"
                   "\"matched_without_gold_value\":%ld,\"creation_time_lines\":%ld,"
                   "\"creation_time_found\":%ld,\"value_by_type\":{",
                   st->time_matched, st->time_value_right,
                   ratio(st->time_value_right, st->time_matched), st->time_novalue,
                   st->time_dct, st->time_dct_found);
            static const char *const txn[GOLD_TX_N] = {"", "DATE", "TIME", "DURATION", "SET"};
            for (int k = 1, sep = 0; k < GOLD_TX_N; k++)
                if (st->tx_matched[k]) {
                    printf("%s\"%s\":{\"matched\":%ld,\"right\":%ld}", sep ? "," : "",
                           txn[k], st->tx_matched[k], st->tx_right[k]);
                    sep = 1;
                }
            printf("}}");
        }
        if (o->measures & M_QUOTES) {
            printf(",\"quotes\":{\"documents\":%ld,", st->quote_docs);
            eval_prf_json("detection", &st->quotes, true);
            printf("\"full_gold\":%ld,\"full_found\":%ld,\"speaker_gold\":%ld,"
                   "\"speaker_matched\":%ld,\"speaker_right\":%ld,\"speaker_accuracy\":%.4f,"
                   "\"speech_events\":%ld,\"speech_found\":%ld,\"speech_right\":%ld}",
                   st->full_gold, st->full_found, st->spk_gold, st->spk_matched,
                   st->spk_right, ratio(st->spk_right, st->spk_matched), st->speech_total,
                   st->speech_found, st->speech_right);
        }
        printf("}");
        return;
    }
    printf("== %s (%ld documents)\n", corpus_name[c], st->docs);
    if (o->measures & M_ENTITIES) {
        printf("  entities (named mentions)   gold   pred  match   prec   rec    F1\n");
        for (int ex = 1; ex >= 0; ex--)
            for (int t = 0; t < NT; t++) {
                char label[40];
                snprintf(label, sizeof label, "%s %s", type_name[t], ex ? "overlap" : "exact");
                eval_prf_row(label, &st->ner[t][ex]);
            }
        if (st->ent_unmarked)
            printf("    (%ld documents left out: their mentions do not say which are names)\n",
                   st->ent_unmarked);
        printf("  coreference (gold PERSON mentions in chains of 2+): %ld\n"
               "    found by rift (overlap)       %6ld  %5.3f\n"
               "    in the chain's main entity    %6ld  %5.3f of found, %5.3f of all\n"
               "    entity purity                 %6ld/%ld  %5.3f\n",
               st->coref_total, st->coref_found, ratio(st->coref_found, st->coref_total),
               st->coref_right, ratio(st->coref_right, st->coref_found),
               ratio(st->coref_right, st->coref_total), st->purity_num, st->purity_den,
               ratio(st->purity_num, st->purity_den));
    }
    if (o->measures & M_TIMES) {
        printf("  times                        gold   pred  match   prec   rec    F1\n");
        eval_prf_row("detection (overlap)", &st->times);
        printf("    value exactly right: %ld of %ld matched with a gold value  %5.3f"
               " (%ld more matched have no gold value)\n", st->time_value_right,
               st->time_matched, ratio(st->time_value_right, st->time_matched),
               st->time_novalue);
        static const char *const txn[GOLD_TX_N] = {"", "DATE", "TIME", "DURATION", "SET"};
        for (int k = 1; k < GOLD_TX_N; k++)
            if (st->tx_matched[k])
                printf("      %-8s %ld of %ld  %5.3f\n", txn[k], st->tx_right[k],
                       st->tx_matched[k], ratio(st->tx_right[k], st->tx_matched[k]));
        if (st->time_dct)
            printf("    creation-time (date) lines: %ld in gold, %ld found\n", st->time_dct,
                   st->time_dct_found);
    }
    if (o->measures & M_QUOTES) {
        printf("  quotes                       gold   pred  match   prec   rec    F1\n");
        if (st->quotes.tp + st->quotes.fn + st->quotes.fp > 0) {
            eval_prf_row("detection (overlap)", &st->quotes);
            printf("    (in the %ld documents whose quotes are all marked)\n", st->quote_docs);
            printf("    full quotes found: %ld of %ld  %5.3f\n", st->full_found,
                   st->full_gold, ratio(st->full_found, st->full_gold));
            printf("    speaker right: %ld of %ld matched full quotes with a gold speaker "
                   "(%ld in gold)  %5.3f\n", st->spk_right, st->spk_matched, st->spk_gold,
                   ratio(st->spk_right, st->spk_matched));
        } else {
            printf("    (no quote spans annotated in this corpus)\n");
        }
        if (st->speech_total > 0)
            printf("    speech events: %ld; with a rift quote there %ld (%5.3f); speaker "
                   "right %ld (%5.3f)\n", st->speech_total, st->speech_found,
                   ratio(st->speech_found, st->speech_total), st->speech_right,
                   ratio(st->speech_right, st->speech_total));
    }
}

static void add_stats(stats *a, const stats *b)
{
    long *x = (long *)a;
    const long *y = (const long *)b;
    for (size_t i = 0; i < sizeof *a / sizeof(long); i++)
        x[i] += y[i];
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift eval MEASURE [OPTIONS]\n"
        "\n"
        "Scores rift against the gold corpora in the shared folder.\n"
        "MEASURE: entities, times, quotes or all (MEANTIME and GUM), events\n"
        "(PETRARCH-2 and PLOVER gold records; who did what to whom on QA-SRL and\n"
        "PropBank with --corpus qasrl|propbank; rift eval events --help), stories\n"
        "(ECB+; rift eval stories --help), syntax (UD English EWT and GUM: tags,\n"
        "lemmas, features, dependencies; rift eval syntax --help) or coref (GUM\n"
        "and LitBank test documents; rift eval coref --help).  Names on UNER,\n"
        "CrossNER and wikigold: rift eval entities --corpus ner (--help there);\n"
        "LitBank quotations: rift eval quotes --corpus litbank.\n"
        "\n"
        "  --corpus C        meantime, gum or all (default all)\n"
        "  --shared DIR      the shared folder (default ../shared, else /work/shared)\n"
        "  --gum-genres L    GUM genres to use (default news)\n"
        "  --data DIR        rift's data directory\n"
        "  --json            one JSON array of results on stdout\n"
        "  --verbose         list misses and false positives per document\n"
        "  --dump DOC        print a document's built text and gold spans, then exit\n");
}

int cmd_eval(int argc, char **argv)
{
    static const struct option lo[] = {
        {"corpus", required_argument, 0, 'c'}, {"shared", required_argument, 0, 's'},
        {"gum-genres", required_argument, 0, 'g'}, {"data", required_argument, 0, 'd'},
        {"json", no_argument, 0, 'j'}, {"verbose", no_argument, 0, 'v'},
        {"dump", required_argument, 0, 'D'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    if (argc > 1 && !strcmp(argv[1], "events"))
        return cmd_eval_events(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "stories"))
        return cmd_eval_stories(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "syntax"))
        return cmd_eval_syntax(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "coref"))
        return cmd_eval_coref(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "entities") && eval_ner_wanted(argc, argv))
        return cmd_eval_ner(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "quotes") && eval_litbank_wanted(argc, argv))
        return cmd_eval_litbank(argc - 1, argv + 1);
    opts o = {0};
    const char *corpus = "all", *shared = NULL, *genres = "news", *data = NULL;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "c:s:g:d:jvD:h", lo, NULL)) != -1) {
        switch (ch) {
        case 'c': corpus = optarg; break;
        case 's': shared = optarg; break;
        case 'g': genres = optarg; break;
        case 'd': data = optarg; break;
        case 'j': o.json = true; break;
        case 'v': o.verbose = true; break;
        case 'D': o.dump = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    const char *m = optind < argc ? argv[optind] : (o.dump ? "all" : NULL);
    if (!m) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(m, "entities")) o.measures = M_ENTITIES;
    else if (!strcmp(m, "times")) o.measures = M_TIMES;
    else if (!strcmp(m, "quotes")) o.measures = M_QUOTES;
    else if (!strcmp(m, "all")) o.measures = M_ENTITIES | M_TIMES | M_QUOTES;
    else {
        cli_error("eval: unknown measure '%s' (entities, times, quotes, all, events, stories, "
                  "syntax)", m);
        return EXIT_USAGE;
    }
    bool want[2] = {!strcmp(corpus, "meantime") || !strcmp(corpus, "all"),
                    !strcmp(corpus, "gum") || !strcmp(corpus, "all")};
    if (!want[0] && !want[1]) {
        cli_error("eval: unknown corpus '%s' (meantime, gum, all; after the measure also "
                  "entities --corpus uner|crossner|wikigold|ner, quotes --corpus litbank)",
                  corpus);
        return EXIT_USAGE;
    }
    if (!shared)
        shared = cli_is_dir("../shared/corpora") ? "../shared" : "/work/shared";
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpora", shared);
    if (!cli_is_dir(dir)) {
        cli_error("eval: no gold corpora at %s; skipped (use --shared DIR)", dir);
        return 0;
    }
    gold_set sets[2] = {{0}};
    char err[512];
    for (int c = 0; c < 2; c++) {
        if (!want[c])
            continue;
        char cd[4200];
        snprintf(cd, sizeof cd, "%s/%s", dir, c == C_MEANTIME ? "meantime-en" : "gum-wiki");
        if (!cli_is_dir(cd)) {
            cli_error("eval: %s absent; skipped", cd);
            continue;
        }
        int n = c == C_MEANTIME ? gold_load_meantime(cd, &sets[c], err, sizeof err)
                                : gold_load_gum(cd, genres, &sets[c], err, sizeof err);
        if (n < 0) {
            cli_error("eval: %s", err);
            gold_set_free(&sets[0]);
            gold_set_free(&sets[1]);
            return 1;
        }
    }
    if (o.dump) {
        int shown = 0;
        for (int c = 0; c < 2; c++)
            for (size_t i = 0; i < sets[c].n; i++)
                if (strstr(sets[c].docs[i].id, o.dump)) {
                    dump_doc(&sets[c].docs[i]);
                    shown++;
                }
        gold_set_free(&sets[0]);
        gold_set_free(&sets[1]);
        if (!shown) {
            cli_error("eval: no document matches '%s'", o.dump);
            return 1;
        }
        return 0;
    }
    rift_model *model = cli_model_open(data, "eval: cannot open the model: ");
    if (!model) {
        gold_set_free(&sets[0]);
        gold_set_free(&sets[1]);
        return 1;
    }
    stats st[C_N];
    memset(st, 0, sizeof st);
    int rc = 0;
    for (int c = 0; c < 2; c++) {
        for (size_t i = 0; i < sets[c].n; i++) {
            const gold_doc *d = &sets[c].docs[i];
            rift_article a = {0};
            a.id = d->id;
            a.date = d->date;
            a.text = d->text;
            a.text_len = d->len;
            a.origin = corpus_name[c];
            a.line = 1;
            rift_doc *rd = NULL;
            if (rift_doc_analyze(model, &a, NULL, &rd) != RIFT_OK) {
                cli_error("eval: %s: analysis failed", d->id);
                rc = 1;
                continue;
            }
            if (o.verbose)
                printf("# %s %s\n", corpus_name[c], d->id);
            st[c].docs++;
            /* MEANTIME documents whose mentions carry no syntactic_type
             * cannot say which mentions are names: not scored for NER */
            if ((o.measures & M_ENTITIES) && d->names_marked)
                score_entities(d, rd, &st[c], &o);
            else if (o.measures & M_ENTITIES)
                st[c].ent_unmarked++;
            if (o.measures & M_TIMES)
                score_times(d, rd, &st[c], &o);
            if (o.measures & M_QUOTES)
                score_quotes(d, rd, &st[c], &o);
            rift_doc_free(rd);
        }
        add_stats(&st[C_ALL], &st[c]);
    }
    if (o.json)
        printf("[");
    bool first = true;
    for (int c = 0; c < C_N; c++) {
        if (c == C_ALL ? !(want[0] && want[1]) : !want[c])
            continue;
        report(&st[c], c, &o, first);
        first = false;
    }
    if (o.json)
        printf("]\n");
    rift_model_close(model);
    gold_set_free(&sets[0]);
    gold_set_free(&sets[1]);
    return rc;
}
