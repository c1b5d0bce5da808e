/* bench/stages.c: times each document stage of librift on its own over a
 * corpus file (read, then every entry of the stage table, then JSON), to
 * show where the time goes; and the syntax layer's own figures: tokens per
 * CPU second of stage "syntax", the model's load time, the syntax models'
 * resident memory.  A measuring tool only: never part of librift.
 * usage: bench-stages [--data DIR] FILE...   (files, not directories)
 * The document set-up and the stage table are the library's own
 * (rift_doc_new, rift_stages in src/doc.c).
 */
#include "syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this thread: other work on the machine disturbs it less than
 * wall time */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* resident memory of the process now, in KB (VmRSS), 0 if unknown */
static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    long kb = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kb = strtol(line + 6, NULL, 10);
            break;
        }
    fclose(f);
    return kb;
}

/* The three syntax models loaded again on their own: wall seconds and the
 * resident memory they add (KB).  -1 when one does not load. */
static int syntax_load(const char *dir, double *sec, long *kb)
{
    char p[3][4096], err[512];
    const char *names[3] = {"tagger.bin", "morph.bin", "parser.bin"};
    for (int i = 0; i < 3; i++)
        snprintf(p[i], sizeof p[i], "%s/%s", dir, names[i]);
    rift_tagger *t = NULL;
    rift_morph *mo = NULL;
    rift_parser *pa = NULL;
    long r0 = rss_kb();
    double t0 = wall();
    int ok = rift_tagger_load(p[0], &t, err, sizeof err) == RIFT_OK &&
             rift_morph_load(p[1], &mo, err, sizeof err) == RIFT_OK &&
             rift_parser_load(p[2], &pa, err, sizeof err) == RIFT_OK;
    *sec = wall() - t0;
    *kb = rss_kb() - r0;
    rift_tagger_free(t);
    rift_morph_free(mo);
    rift_parser_free(pa);
    return ok ? 0 : -1;
}

enum { T_READ, T_SETUP, T_STAGE0 };
#define MAX_ENTRIES 32

int main(int argc, char **argv)
{
    const char *data = NULL;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--data") == 0) {
        data = argv[i + 1];
        i += 2;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: %s [--data DIR] FILE...\n", argv[0]);
        return 2;
    }
    size_t ne;
    const rift_stage_desc *stages = rift_stages(&ne);
    if (ne > MAX_ENTRIES)
        ne = MAX_ENTRIES;
    const size_t t_json = T_STAGE0 + ne, n_t = t_json + 1;

    rift_model *m = NULL;
    long rss0 = rss_kb();
    double w0 = wall();
    if (rift_model_open(data, &m) != RIFT_OK) {
        fprintf(stderr, "bench-stages: %s\n", m ? rift_model_errmsg(m) : "no model");
        rift_model_close(m);
        return 1;
    }
    double open_sec = wall() - w0;
    long model_kb = rss_kb() - rss0;
    double syn_sec = 0;
    long syn_kb = 0;
    int syn_ok = syntax_load(data ? data : "data/en", &syn_sec, &syn_kb);

    double t[T_STAGE0 + MAX_ENTRIES + 1] = {0};
    double bytes = 0;
    long n = 0, tokens = 0;
    size_t sink = 0;
    for (; i < argc; i++) {
        rift_reader *r = NULL;
        if (rift_reader_open(argv[i], NULL, &r) != RIFT_OK) {
            fprintf(stderr, "bench-stages: %s: cannot open\n", argv[i]);
            rift_reader_close(r);
            rift_model_close(m);
            return 1;
        }
        rift_article a;
        for (;;) {
            double t0 = now();
            rift_status st = rift_reader_next(r, &a);
            double t1 = now();
            t[T_READ] += t1 - t0;
            if (st == RIFT_DONE)
                break;
            if (st != RIFT_OK)
                continue;
            rift_doc *d = rift_doc_new(m, &a, NULL);
            double tp = now();
            t[T_SETUP] += tp - t1;
            for (size_t s = 0; s < ne; s++) {
                stages[s].run(d);
                double tn = now();
                t[T_STAGE0 + s] += tn - tp;
                tp = tn;
                if (stages[s].stage == RIFT_STAGE_SEGMENT)
                    tokens += (long)d->n_tokens;
            }
            size_t len = 0;
            char *js = rift_doc_to_json(d, 0, &len);
            sink += len;
            free(js);
            rift_doc_free(d);
            t[t_json] += now() - tp;
            bytes += (double)a.text_len;
            n++;
        }
        rift_reader_close(r);
    }
    rift_model_close(m);

    /* foundation: read + setup + normalize, blocks, segment and what runs
     * whatever the last stage (the article date) */
    double total = 0, found = t[T_READ] + t[T_SETUP], syntax = 0;
    for (size_t k = 0; k < n_t; k++)
        total += t[k];
    for (size_t s = 0; s < ne; s++) {
        if (stages[s].stage <= RIFT_STAGE_SEGMENT)
            found += t[T_STAGE0 + s];
        if (stages[s].stage == RIFT_STAGE_SYNTAX)
            syntax += t[T_STAGE0 + s];
    }
    printf("# %ld articles, %.1f MB of text, %ld tokens, %.1f MB of JSON\n", n, bytes / 1e6,
           tokens, (double)sink / 1e6);
    printf("%-22s %9s %9s %6s\n", "stage", "CPU s", "MB/s", "share");
    for (size_t k = 0; k < n_t; k++) {
        const char *name = k == T_READ ? "read" : k == T_SETUP ? "setup"
                         : k == t_json ? "json" : stages[k - T_STAGE0].name;
        printf("%-22s %9.3f %9.1f %5.1f%%\n", name, t[k],
               t[k] > 0 ? bytes / 1e6 / t[k] : 0.0, total > 0 ? 100 * t[k] / total : 0.0);
    }
    printf("%-22s %9.3f %9.1f\n", "foundation", found, found > 0 ? bytes / 1e6 / found : 0.0);
    printf("%-22s %9.3f %9.1f\n", "all", total, total > 0 ? bytes / 1e6 / total : 0.0);
    /* the syntax layer, one "key value" per line for bench/run.sh */
    printf("syntax-tokens %ld\n", tokens);
    printf("syntax-cpu-s %.3f\n", syntax);
    printf("syntax-tokens-per-cpu-s %.0f\n", syntax > 0 ? (double)tokens / syntax : 0.0);
    printf("model-open-ms %.1f\n", 1e3 * open_sec);
    printf("model-rss-mb %.1f\n", (double)model_kb / 1024);
    if (syn_ok == 0) {
        printf("syntax-load-ms %.1f\n", 1e3 * syn_sec);
        printf("syntax-rss-mb %.1f\n", (double)syn_kb / 1024);
    }
    return 0;
}
