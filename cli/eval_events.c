/* eval_events.c: `rift eval events`: scores the events stage against the
 * PETRARCH-2 validation records (UniversalPetrarch) and the PLOVER gold
 * records in the shared folder.  Reads them only; never writes there.
 * --corpus qasrl|propbank goes to eval_srl.c.
 */
#include "eval.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static bool exists(const char *p)
{
    struct stat s;
    return stat(p, &s) == 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        fclose(f);
        return NULL;
    }
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

static const char *attr(const char *tag, const char *end, const char *name, char *out, size_t cap)
{
    char key[64];
    snprintf(key, sizeof key, "%s=\"", name);
    const char *p = strstr(tag, key);
    if (!p || p > end)
        return NULL;
    p += strlen(key);
    const char *q = strchr(p, '"');
    if (!q || (size_t)(q - p) >= cap)
        return NULL;
    memcpy(out, p, (size_t)(q - p));
    out[q - p] = '\0';
    return out;
}

typedef struct gev { char code[8], src[16], tgt[16]; } gev;

static void eval_petr2(rift_model *m, const char *path, bool verbose)
{
    size_t len;
    char *x = slurp(path, &len);
    if (!x) {
        cli_error("eval events: %s absent; PETR2 skipped", path);
        return;
    }
    long records = 0, gold = 0, correct = 0, country_ok = 0, extra = 0;
    /* the UniversalPetrarch way (its validation.py): a record with
     * noevents="True" is one unit, right when nothing is coded; an event
     * is right with its full code, source and target */
    long ud_units = 0, ud_found = 0, ud_extra = 0, noev = 0;
    eval_evstats st = {0};
    const char *p = x;
    while ((p = strstr(p, "<Sentence ")) != NULL) {
        const char *tend = strchr(p, '>');
        const char *next = strstr(p + 1, "<Sentence ");
        const char *text = strstr(p, "<Text>");
        if (!tend || !text || (next && text > next)) {
            p++;
            continue;
        }
        const char *tx_end = strstr(text, "</Text>");
        if (!tx_end)
            break;
        char date[16] = "", iso[16] = "2008-01-01";
        if (attr(p, tend, "date", date, sizeof date) && strlen(date) == 8)
            snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
        gev g[16];
        int ng = 0;
        for (const char *e = strstr(p, "<EventCoding"); e && e < text; e = strstr(e + 1, "<EventCoding")) {
            const char *ee = strchr(e, '>');
            if (ng < 16 && ee && attr(e, ee, "eventcode", g[ng].code, sizeof g[ng].code) &&
                attr(e, ee, "sourcecode", g[ng].src, sizeof g[ng].src) &&
                attr(e, ee, "targetcode", g[ng].tgt, sizeof g[ng].tgt))
                ng++;
        }
        records++;
        gold += ng;
        const char *nv = strstr(p, "noevents=\"True\"");
        bool no_events = nv && nv < text && !ng;
        noev += no_events;
        ud_units += no_events ? 1 : ng;
        long coded = 0, full = 0;
        /* the records are one or two sentences hard-wrapped at ~100
         * columns: unwrap them, or the blocks stage reads the first line
         * as a headline */
        size_t rl = (size_t)(tx_end - text - 6), ul = 0;
        char *un = malloc(rl + 1);
        if (!un)
            break;
        for (size_t k = 0; k < rl; k++) {
            char ch = text[6 + k];
            if (ch == '\n' || ch == '\r' || ch == '\t')
                ch = ' ';
            if (ch == ' ' && (ul == 0 || un[ul - 1] == ' '))
                continue;
            un[ul++] = ch;
        }
        while (ul && un[ul - 1] == ' ')
            ul--;
        un[ul] = '\0';
        rift_article a;
        memset(&a, 0, sizeof a);
        a.text = un;
        a.text_len = ul;
        a.origin = path;
        rift_analyze_options o = {0};
        o.default_date = iso;
        rift_doc *d = NULL;
        int used[16] = {0};
        if (verbose)
            printf("record %ld: %.*s\n", records, (int)(ul > 160 ? 160 : ul), un);
        if (rift_doc_analyze(m, &a, &o, &d) == RIFT_OK) {
            size_t ne, nen;
            const rift_event *ev = rift_doc_events(d, &ne);
            const rift_entity *en = rift_doc_entities(d, &nen);
            eval_evstats_add(&st, ev, ne);
            for (size_t i = 0; i < ne; i++) {
                const char *sc = ev[i].source_code, *tc = ev[i].target_code;
                if (!sc && ev[i].source >= 0)
                    sc = en[ev[i].source].code;
                if (!tc && ev[i].target >= 0)
                    tc = en[ev[i].target].code;
                if (ev[i].negated || !ev[i].cameo || (ev[i].source < 0 && !sc) ||
                    (ev[i].target < 0 && !tc))
                    continue;
                bool hit = false;
                coded++;
                for (int k = 0; k < ng; k++)
                    if (sc && tc && !(full >> k & 1) && !strcmp(g[k].code, ev[i].cameo) &&
                        !strcmp(g[k].src, sc) && !strcmp(g[k].tgt, tc)) {
                        full |= 1L << k;
                        break;
                    }
                for (int k = 0; k < ng; k++) {
                    if (used[k] || strncmp(g[k].code, ev[i].cameo, 2))
                        continue;
                    if (sc && tc && !strncmp(g[k].src, sc, 3) && !strncmp(g[k].tgt, tc, 3)) {
                        used[k] = 1 + (!strcmp(g[k].src, sc) && !strcmp(g[k].tgt, tc));
                        hit = true;
                        break;
                    }
                }
                if (!hit)
                    extra++;
                if (verbose) {
                    rift_span ss = ev[i].source_text, ts = ev[i].target_text;
                    printf("  %s: %s %.*s(%s) -> %.*s(%s) [%.*s]\n", hit ? "hit" : "extra",
                           ev[i].cameo, (int)(ss.end - ss.start), a.text + ss.start,
                           sc ? sc : "?", (int)(ts.end - ts.start), a.text + ts.start,
                           tc ? tc : "?", (int)(ev[i].trigger.end - ev[i].trigger.start),
                           a.text + ev[i].trigger.start);
                }
            }
        }
        {
            long nf = __builtin_popcountl((unsigned long)full);
            ud_found += no_events ? !coded : nf;
            ud_extra += coded - nf;
        }
        for (int k = 0; k < ng; k++) {
            country_ok += used[k] > 0;
            correct += used[k] == 2;
            if (verbose && !used[k])
                printf("  missed: %s %s -> %s\n", g[k].code, g[k].src, g[k].tgt);
        }
        rift_doc_free(d);
        free(un);
        p = tx_end;
    }
    free(x);
    printf("PETR2 validation (%s)\n", path);
    printf("  records %ld, gold events %ld\n", records, gold);
    printf("  correct (root code, full source and target codes): %ld = %.1f%%\n", correct,
           gold ? 100.0 * correct / gold : 0.0);
    printf("  correct at country level (first 3 letters of codes): %ld = %.1f%%\n", country_ok,
           gold ? 100.0 * country_ok / gold : 0.0);
    printf("  extra events per record: %.2f\n", records ? (double)extra / records : 0.0);
    printf("  UniversalPetrarch way (%ld events + %ld no-event records; full code): "
           "%ld/%ld = %.1f%%, extra per record %.2f\n", gold, noev, ud_found, ud_units,
           ud_units ? 100.0 * ud_found / ud_units : 0.0,
           records ? (double)ud_extra / records : 0.0);
    eval_evstats_print(&st);
}

static const char *map_old(const char *t)
{
    if (!strcmp(t, "DEMAND")) return "REQUEST";
    if (!strcmp(t, "DISAPPROVE") || !strcmp(t, "INVESTIGATE")) return "ACCUSE";
    if (!strcmp(t, "FIGHT")) return "ASSAULT";
    return t;
}

static bool actor_match(json_t *list, const char *name)
{
    if (!name)
        return false;
    size_t i;
    json_t *v;
    if (!json_is_array(list))
        return false;
    json_array_foreach(list, i, v) {
        const char *t = json_string_value(json_object_get(v, "actorText"));
        if (t && *t && (strcasestr(name, t) || strcasestr(t, name)))
            return true;
    }
    return false;
}

/* A coded group with no entity ("Israeli troops"): its words instead. */
static bool span_match(json_t *list, const char *text, rift_span sp)
{
    char b[256];
    size_t n = sp.end > sp.start ? sp.end - sp.start : 0;
    if (!n || n >= sizeof b)
        return false;
    memcpy(b, text + sp.start, n);
    b[n] = '\0';
    return actor_match(list, b);
}

/* --verbose for one PLOVER record: gold type and actors, then every event
 * rift coded (type, source -> target, trigger) and the text. */
static void plover_verbose(json_t *r, const char *want, const char *got, const rift_doc *d,
                           const char *text)
{
    const char *gs = NULL, *gt = NULL;
    json_t *s = json_object_get(r, "source"), *t = json_object_get(r, "target");
    if (json_is_array(s) && json_array_size(s))
        gs = json_string_value(json_object_get(json_array_get(s, 0), "actorText"));
    if (json_is_array(t) && json_array_size(t))
        gt = json_string_value(json_object_get(json_array_get(t, 0), "actorText"));
    printf("  %s want %s got %s%s | gold %s -> %s\n", json_string_value(json_object_get(r, "id")),
           want, got ? got : "-", got && !strcmp(got, want) ? "" : "  XX", gs ? gs : "-",
           gt ? gt : "-");
    size_t ne = 0, nen = 0;
    const rift_event *e = d ? rift_doc_events(d, &ne) : NULL;
    const rift_entity *en = d ? rift_doc_entities(d, &nen) : NULL;
    for (size_t k = 0; k < ne; k++)
        printf("    ev %s %s%s: %s -> %s [%.*s]\n", e[k].plover ? e[k].plover : "?", e[k].cameo,
               e[k].negated ? " NEG" : "", e[k].source >= 0 ? en[e[k].source].name : "?",
               e[k].target >= 0 ? en[e[k].target].name : "?",
               (int)(e[k].trigger.end - e[k].trigger.start), text + e[k].trigger.start);
    printf("    text: %.300s\n", text);
}

static void eval_plover(rift_model *m, const char *path, bool verbose)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) {
        cli_error("eval events: %s: %s; PLOVER skipped", path, err.text);
        return;
    }
    long records = 0, typed = 0, any = 0, src_ok = 0, tgt_ok = 0, tgt_n = 0;
    eval_evstats st = {0};
    size_t i;
    json_t *r;
    json_array_foreach(root, i, r) {
        const char *ev = json_string_value(json_object_get(r, "event"));
        const char *text = json_string_value(json_object_get(r, "text"));
        if (!ev || !text || !strcmp(ev, "DOCUMENT"))
            continue;
        const char *want = map_old(ev);
        records++;
        rift_article a;
        memset(&a, 0, sizeof a);
        a.text = text;
        a.text_len = strlen(text);
        a.origin = path;
        rift_analyze_options o = {0};
        o.default_date = "2000-01-01";
        rift_doc *d = NULL;
        const char *got = NULL;
        if (rift_doc_analyze(m, &a, &o, &d) == RIFT_OK) {
            size_t ne, nen;
            const rift_event *e = rift_doc_events(d, &ne);
            const rift_entity *en = rift_doc_entities(d, &nen);
            const rift_event *best = NULL;
            eval_evstats_add(&st, e, ne);
            for (size_t k = 0; k < ne; k++)
                if (e[k].plover && (!best || !strcmp(e[k].plover, want)))
                    if (!best || strcmp(best->plover, want))
                        best = &e[k];
            if (best) {
                any++;
                got = best->plover;
                if (!strcmp(best->plover, want))
                    typed++;
                if (best->source >= 0 ? actor_match(json_object_get(r, "source"), en[best->source].name)
                                      : span_match(json_object_get(r, "source"), text, best->source_text))
                    src_ok++;
                json_t *tg = json_object_get(r, "target");
                if (json_is_array(tg) && json_array_size(tg)) {
                    tgt_n++;
                    if (best->target >= 0 ? actor_match(tg, en[best->target].name)
                                          : span_match(tg, text, best->target_text))
                        tgt_ok++;
                }
            }
        }
        if (verbose)
            plover_verbose(r, want, got, d, text);
        rift_doc_free(d);
    }
    json_decref(root);
    printf("PLOVER gold records (%s)\n", path);
    printf("  records %ld, records with an event %ld\n", records, any);
    printf("  right event type: %ld = %.1f%%\n", typed, records ? 100.0 * typed / records : 0.0);
    printf("  right source (text match): %ld = %.1f%%\n", src_ok, records ? 100.0 * src_ok / records : 0.0);
    printf("  right target (text match, records with a target): %ld/%ld = %.1f%%\n", tgt_ok, tgt_n,
           tgt_n ? 100.0 * tgt_ok / tgt_n : 0.0);
    eval_evstats_print(&st);
}

/* --petrarch-dicts: the dictionaries the validation file's <Environment>
 * block names, from petrarch2's dictionary folder, when they exist. */
static int load_environment(rift_model *m, const char *shared)
{
    char path[4096], dir[4096];
    snprintf(path, sizeof path,
             "%s/peers/UniversalPetrarch/UniversalPetrarch/data/text/PETR2_GSR_validation.xml", shared);
    snprintf(dir, sizeof dir, "%s/peers/petrarch2/petrarch2/data/dictionaries", shared);
    size_t len;
    char *x = slurp(path, &len);
    if (!x) {
        cli_error("eval events: %s absent; no PETRARCH dictionaries", path);
        return 0;
    }
    static const struct { const char *tag; cli_dict_kind kind; } tags[] = {
        {"<Verbfile>", CLI_DICT_VERBS}, {"<Actorfile>", CLI_DICT_ACTORS},
        {"<Agentfile>", CLI_DICT_AGENTS}, {"<Discardfile>", CLI_DICT_DISCARDS}};
    const char *env = strstr(x, "<Environment>");
    const char *end = env ? strstr(env, "</Environment>") : NULL;
    int rc = 0;
    for (size_t t = 0; env && end && t < 4 && !rc; t++) {
        const char *v = strstr(env, tags[t].tag);
        if (!v || v > end)
            continue;
        v += strlen(tags[t].tag);
        const char *ve = strchr(v, '<');
        if (!ve || ve > end)
            continue;
        while (v < ve) {
            const char *comma = memchr(v, ',', (size_t)(ve - v));
            const char *fe = comma ? comma : ve;
            char f[8192];
            size_t fl = (size_t)(fe - v) < 2048 ? (size_t)(fe - v) : 2048;
            snprintf(f, sizeof f, "%s/%.*s", dir, (int)fl, v);
            if (!exists(f)) {
                printf("PETRARCH dictionary: %s absent; skipped\n", f);
            } else {
                if (cli_dict_add(m, tags[t].kind, f) != RIFT_OK) {
                    cli_error("eval events: %s", rift_model_errmsg(m));
                    rc = 1;
                    break;
                }
                printf("PETRARCH dictionary (<Environment>): %s\n", f);
            }
            v = comma ? comma + 1 : ve;
        }
    }
    free(x);
    return rc;
}

int cmd_eval_events(int argc, char **argv)
{
    const char *shared = NULL, *data = NULL;
    cli_dicts actors = {0};
    bool verbose = false;
    /* PETRARCH dictionaries: --verbs/--agents/--discards, or those the
     * validation file's <Environment> names (--petrarch-dicts) */
    cli_dicts pd = {0};
    bool petr_env = false;
    const char *corpus = eval_srl_corpus(argc, argv);
    if (corpus)
        return cmd_eval_srl(argc, argv, corpus);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--corpus") && i + 1 < argc) { /* qasrl, propbank: --help */
            i++;
            if (strcmp(argv[i], "gold") && strcmp(argv[i], "qasrl") && strcmp(argv[i], "propbank")) {
                cli_error("eval events: unknown corpus '%s' (gold, qasrl or propbank)", argv[i]);
                return EXIT_USAGE;
            }
        }
        else if (!strcmp(argv[i], "--shared") && i + 1 < argc) shared = argv[++i];
        else if (!strcmp(argv[i], "--data") && i + 1 < argc) data = argv[++i];
        else if (!strcmp(argv[i], "--verbose")) verbose = true;
        else if (!strcmp(argv[i], "--petrarch-dicts")) petr_env = true;
        else if ((!strcmp(argv[i], "--verbs") || !strcmp(argv[i], "--agents") ||
                  !strcmp(argv[i], "--discards")) && i + 1 < argc) {
            cli_dict_kind k = argv[i][2] == 'v' ? CLI_DICT_VERBS
                              : argv[i][2] == 'a' ? CLI_DICT_AGENTS : CLI_DICT_DISCARDS;
            if (!cli_dicts_push(&pd, k, argv[i + 1], "eval events: "))
                return EXIT_USAGE;
            i++;
        }
        else if (!strcmp(argv[i], "--actors") && i + 1 < argc) {
            if (!cli_dicts_push(&actors, CLI_DICT_ACTORS, argv[++i], "eval events: "))
                return EXIT_USAGE;
        }
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: rift eval events [--corpus gold] [--shared DIR] [--data DIR]\n"
                   "       [--actors FILE]... [--verbs FILE]... [--agents FILE]...\n"
                   "       [--discards FILE]... [--petrarch-dicts] [--verbose]\n"
                   "   or: rift eval events --corpus qasrl [--gold CSV] [--sentences CSV]\n"
                   "       [--shared DIR] [--data DIR] [--verbose]\n"
                   "   or: rift eval events --corpus propbank [--gold CONLLU[.xz]]\n"
                   "       [--shared DIR] [--data DIR] [--verbose]\n"
                   "Scores events on the PETRARCH-2 validation records and the PLOVER\n"
                   "gold records of the shared folder (--corpus gold, the default).\n"
                   "--actors adds an actor list (rift's format or a PETRARCH/Phoenix actor\n"
                   "dictionary); repeatable.  --verbs, --agents, --discards add PETRARCH\n"
                   "dictionaries (docs/petrarch.md); --petrarch-dicts adds those the\n"
                   "validation file's <Environment> names.\n"
                   "--corpus qasrl and propbank score who did what to whom: for each gold\n"
                   "verb an event is coded on, whether the head word of its source lies in\n"
                   "the gold agent (QA-SRL subject answer, PropBank ARG0) and that of its\n"
                   "target (or object) in the theme (QA-SRL object answer, ARG1); dev\n"
                   "portions only (docs/accuracy.md).  --gold and --sentences read other\n"
                   "files in the same layouts.  --verbose prints each scored predicate.\n");
            return 0;
        } else {
            cli_error("eval events: unknown option '%s'", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!shared)
        shared = exists("../shared/peers") ? "../shared" : "/work/shared";
    rift_model *m = cli_model_open(data, "");
    if (!m)
        return 1;
    if (!cli_dicts_load(m, &actors, "eval events: --actors: ", false)) {
        rift_model_close(m);
        return 1;
    }
    char p[4096];
    if (petr_env && load_environment(m, shared) != 0) {
        rift_model_close(m);
        return 1;
    }
    if (!cli_dicts_load(m, &pd, "eval events: ", true)) {
        rift_model_close(m);
        return 1;
    }
    if (actors.n)
        printf("actor lists: %d file(s) added (--actors)\n", actors.n);
    else if (petr_env)
        printf("actor lists: those of <Environment>\n");
    else
        printf("actor lists: none (rift's lexicons only)\n");
    snprintf(p, sizeof p, "%s/peers/UniversalPetrarch/UniversalPetrarch/data/text/PETR2_GSR_validation.xml", shared);
    eval_petr2(m, p, verbose);
    snprintf(p, sizeof p, "%s/peers/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt", shared);
    eval_plover(m, p, verbose);
    rift_model_close(m);
    return 0;
}
