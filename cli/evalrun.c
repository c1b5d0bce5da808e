/* evalrun.c: the run of rift eval on the name, coreference and LitBank
 * corpora: options, each corpus read and each document through rift into
 * the scorer's counts, and --gold/--system files scored without a model.
 */
#include "evalrun.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ev_parse(int argc, char **argv, const char *what, const char *which,
             void (*usage)(FILE *), ev_opts *o)
{
    static const struct option lo[] = {
        {"corpus", required_argument, 0, 'c'}, {"shared", required_argument, 0, 's'},
        {"data", required_argument, 0, 'd'}, {"gold", required_argument, 0, 'G'},
        {"system", required_argument, 0, 'S'}, {"format", required_argument, 0, 'f'},
        {"json", no_argument, 0, 'j'}, {"verbose", no_argument, 0, 'v'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "c:s:d:G:S:f:jvh", lo, NULL)) != -1) {
        if (ch == 'h') {
            usage(stdout);
            return 0;
        }
        if (ch == '?' || !strchr(which, ch)) {
            for (size_t i = 0; ch != '?' && lo[i].name; i++)
                if (lo[i].val == ch)
                    cli_error("%s: no option --%s here", what, lo[i].name);
            usage(stderr);
            return EXIT_USAGE;
        }
        switch (ch) {
        case 'c': o->corpus = optarg; break;
        case 's': o->shared = optarg; break;
        case 'd': o->data = optarg; break;
        case 'G': o->gold = optarg; break;
        case 'S': o->system = optarg; break;
        case 'f': o->format = optarg; break;
        case 'j': o->json = true; break;
        case 'v': o->verbose = true; break;
        }
    }
    if (optind < argc) {
        cli_error("%s: unexpected argument '%s'", what, argv[optind]);
        return EXIT_USAGE;
    }
    return -1;
}

static bool read_pair(const char *gold, const char *sys, ev_read_fn read, const void *arg,
                      const char *what, tdoc_set *gs, tdoc_set *ss)
{
    char err[512];
    if (read(gold, arg, gs, err, sizeof err) < 0 || read(sys, arg, ss, err, sizeof err) < 0) {
        cli_error("%s: %s", what, err);
        return false;
    }
    for (size_t i = 0; i < gs->n || i < ss->n; i++) {
        const tdoc *g = i < gs->n ? &gs->d[i] : NULL, *s = i < ss->n ? &ss->d[i] : NULL;
        if (!g || !s || s->text.len != g->text.len || memcmp(s->text.s, g->text.s, g->text.len)) {
            cli_error("%s: %s: document %zu (%s) has other tokens than in %s", what, sys, i,
                      g ? g->id : s->id, gold);
            return false;
        }
    }
    return true;
}

int ev_run_files(const char *gold, const char *sys, ev_read_fn read, const void *arg,
                 const char *what, bool json, const ev_scorer *sc,
                 void (*pair)(const tdoc *g, const tdoc *s, void *stats), void *stats)
{
    tdoc_set gs = {0}, ss = {0};
    bool ok = read_pair(gold, sys, read, arg, what, &gs, &ss);
    for (size_t i = 0; ok && i < gs.n; i++)
        pair(&gs.d[i], &ss.d[i], stats);
    if (ok) {
        ev_source file = {"file", gold, gold, false, 1, NULL, NULL};
        printf("%s", json ? "[" : "");
        sc->report(&file, stats, json, true);
        printf("%s", json ? "]\n" : "");
    }
    tdoc_set_free(&gs);
    tdoc_set_free(&ss);
    return ok ? 0 : 1;
}

/* the documents of set that count, through rift, into stats */
static bool run_docs(const rift_model *m, const tdoc_set *set, const ev_source *src,
                     const ev_scorer *sc, void *stats)
{
    bool ok = true;
    for (size_t i = 0; i < set->n; i++) {
        if (i % src->every != src->every - 1)
            continue;
        rift_doc *rd = tdoc_analyze(m, &set->d[i], src->name);
        if (!rd) {
            ok = false;
            continue;
        }
        sc->doc(&set->d[i], rd, stats);
        rift_doc_free(rd);
    }
    return ok;
}

int ev_run_sources(const ev_opts *o, const ev_source *src, size_t n, const bool *want,
                   const ev_scorer *sc, const ev_source *total_src)
{
    const char *shared = o->shared ? o->shared
                         : cli_is_dir("../shared/corpora") ? "../shared" : "/work/shared";
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpora", shared);
    if (!cli_is_dir(dir)) {
        cli_error("eval: no gold corpora at %s; skipped (use --shared DIR)", dir);
        return 0;
    }
    rift_model *m = cli_model_open(o->data, "eval: cannot open the model: ");
    if (!m)
        return 1;
    char *stats = cli_xrealloc(NULL, sc->size), *total = cli_xrealloc(NULL, sc->size);
    memset(total, 0, sc->size);
    int rc = 0, shown = 0;
    printf("%s", o->json ? "[" : "");
    for (size_t k = 0; k < n; k++) {
        char path[4400], err[512];
        snprintf(path, sizeof path, "%s/%s", dir, src[k].path);
        if (!want[k])
            continue;
        if (!(src[k].is_dir ? cli_is_dir(path) : access(path, R_OK) == 0)) {
            cli_error("eval: %s absent; skipped", path);
            continue;
        }
        memset(stats, 0, sc->size);
        *(ev_head *)stats = (ev_head){o->verbose, src[k].name};
        tdoc_set set = {0};
        if (src[k].read(path, src[k].arg, &set, err, sizeof err) < 0) {
            cli_error("eval: %s", err);
            rc = 1;
        } else if (!run_docs(m, &set, &src[k], sc, stats)) {
            rc = 1;
        }
        tdoc_set_free(&set);
        sc->report(&src[k], stats, o->json, shown++ == 0);
        sc->add(total, stats);
    }
    if (total_src && shown > 1)
        sc->report(total_src, total, o->json, false);
    printf("%s", o->json ? "]\n" : "");
    free(stats);
    free(total);
    rift_model_close(m);
    return rc;
}

const char *eval_opt_value(int argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) || strncmp(a + 2, name, n))
            continue;
        if (a[2 + n] == '=')
            return a + 3 + n;
        if (a[2 + n] == '\0' && i + 1 < argc)
            return argv[i + 1];
    }
    return NULL;
}

void ev_json_str(const char *key, const char *s, bool first)
{
    printf("%s\"%s\":\"", first ? "" : ",", key);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}
