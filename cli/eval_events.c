/* eval_events.c: `rift eval events`: scores the events stage against the
 * PETRARCH-2 validation records (UniversalPetrarch) and the PLOVER gold
 * records in the shared folder.  Reads them only; never writes there.
 */
#include "cli.h"

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

static void eval_plover(rift_model *m, const char *path, bool verbose)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) {
        cli_error("eval events: %s: %s; PLOVER skipped", path, err.text);
        return;
    }
    long records = 0, typed = 0, any = 0, src_ok = 0, tgt_ok = 0, tgt_n = 0;
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
            for (size_t k = 0; k < ne; k++)
                if (e[k].plover && (!best || !strcmp(e[k].plover, want)))
                    if (!best || strcmp(best->plover, want))
                        best = &e[k];
            if (best) {
                any++;
                got = best->plover;
                if (!strcmp(best->plover, want))
                    typed++;
                if (best->source >= 0 && actor_match(json_object_get(r, "source"), en[best->source].name))
                    src_ok++;
                json_t *tg = json_object_get(r, "target");
                if (json_is_array(tg) && json_array_size(tg)) {
                    tgt_n++;
                    if (best->target >= 0 && actor_match(tg, en[best->target].name))
                        tgt_ok++;
                }
            }
        }
        if (verbose)
            printf("  %s want %s got %s\n", json_string_value(json_object_get(r, "id")), want,
                   got ? got : "-");
        rift_doc_free(d);
    }
    json_decref(root);
    printf("PLOVER gold records (%s)\n", path);
    printf("  records %ld, records with an event %ld\n", records, any);
    printf("  right event type: %ld = %.1f%%\n", typed, records ? 100.0 * typed / records : 0.0);
    printf("  right source (text match): %ld = %.1f%%\n", src_ok, records ? 100.0 * src_ok / records : 0.0);
    printf("  right target (text match, records with a target): %ld/%ld = %.1f%%\n", tgt_ok, tgt_n,
           tgt_n ? 100.0 * tgt_ok / tgt_n : 0.0);
}

int cmd_eval_events(int argc, char **argv)
{
    const char *shared = NULL, *data = NULL;
    const char *actors[16];
    int nactors = 0;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--shared") && i + 1 < argc) shared = argv[++i];
        else if (!strcmp(argv[i], "--data") && i + 1 < argc) data = argv[++i];
        else if (!strcmp(argv[i], "--verbose")) verbose = true;
        else if (!strcmp(argv[i], "--actors") && i + 1 < argc) {
            if (nactors == 16) {
                cli_error("eval events: --actors: at most 16 files");
                return EXIT_USAGE;
            }
            actors[nactors++] = argv[++i];
        }
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: rift eval events [--shared DIR] [--data DIR] [--actors FILE]... [--verbose]\n"
                   "Scores events on the PETRARCH-2 validation records and the PLOVER\n"
                   "gold records of the shared folder.  --actors adds an actor list\n"
                   "(rift's format or a PETRARCH/Phoenix actor dictionary); repeatable.\n");
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
    rift_status st;
    for (int i = 0; i < nactors; i++) {
        st = rift_model_add_actors(m, actors[i]);
        if (st != RIFT_OK) {
            cli_error("eval events: --actors %s: %s", actors[i], rift_model_errmsg(m));
            rift_model_close(m);
            return 1;
        }
    }
    if (nactors)
        printf("actor lists: %d file(s) added (--actors)\n", nactors);
    else
        printf("actor lists: none (rift's lexicons only)\n");
    char p[4096];
    snprintf(p, sizeof p, "%s/peers/UniversalPetrarch/UniversalPetrarch/data/text/PETR2_GSR_validation.xml", shared);
    eval_petr2(m, p, verbose);
    snprintf(p, sizeof p, "%s/peers/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt", shared);
    eval_plover(m, p, verbose);
    rift_model_close(m);
    return 0;
}
