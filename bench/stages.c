/* bench/stages.c: times each document stage of librift on its own over a
 * corpus file (read, normalize, blocks, segment, the later stages, JSON), to
 * show where the time goes.  A measuring tool only: never part of librift.
 * usage: bench-stages [--data DIR] FILE...   (files, not directories)
 * The document set-up is the library's own (rift_doc_new, src/doc.c).
 */
#include "internal.h"

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

enum { T_READ, T_SETUP, T_STAGE0 };

static const struct {
    const char *name;
    void (*fn)(rift_doc *);
} stages[] = {
    {"normalize", rift_stage_normalize}, {"blocks", rift_stage_blocks},
    {"segment", rift_stage_segment},     {"mentions", rift_stage_mentions},
    {"entities", rift_stage_entities},   {"times", rift_stage_times},
    {"quotes", rift_stage_quotes},       {"events", rift_stage_events},
};
#define N_STAGES (sizeof stages / sizeof stages[0])
#define T_JSON (T_STAGE0 + N_STAGES)
#define N_T (T_JSON + 1)

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
    rift_model *m = NULL;
    if (rift_model_open(data, &m) != RIFT_OK) {
        fprintf(stderr, "bench-stages: %s\n", m ? rift_model_errmsg(m) : "no model");
        return 1;
    }
    double t[N_T] = {0};
    double bytes = 0;
    long n = 0;
    size_t sink = 0;
    for (; i < argc; i++) {
        rift_reader *r = NULL;
        if (rift_reader_open(argv[i], NULL, &r) != RIFT_OK) {
            fprintf(stderr, "bench-stages: %s: cannot open\n", argv[i]);
            rift_reader_close(r);
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
            for (size_t s = 0; s < N_STAGES; s++) {
                stages[s].fn(d);
                double tn = now();
                t[T_STAGE0 + s] += tn - tp;
                tp = tn;
            }
            size_t len = 0;
            char *js = rift_doc_to_json(d, 0, &len);
            sink += len;
            free(js);
            rift_doc_free(d);
            t[T_JSON] += now() - tp;
            bytes += (double)a.text_len;
            n++;
        }
        rift_reader_close(r);
    }
    rift_model_close(m);

    double total = 0, found = t[T_READ] + t[T_SETUP];
    for (size_t k = 0; k < N_T; k++)
        total += t[k];
    for (size_t s = 0; s < 3; s++)
        found += t[T_STAGE0 + s];
    printf("# %ld articles, %.1f MB of text, %.1f MB of JSON\n", n, bytes / 1e6, (double)sink / 1e6);
    printf("%-10s %9s %9s %6s\n", "stage", "CPU s", "MB/s", "share");
    for (size_t k = 0; k < N_T; k++) {
        const char *name = k == T_READ ? "read" : k == T_SETUP ? "setup"
                         : k == T_JSON ? "json" : stages[k - T_STAGE0].name;
        printf("%-10s %9.3f %9.1f %5.1f%%\n", name, t[k],
               t[k] > 0 ? bytes / 1e6 / t[k] : 0.0, total > 0 ? 100 * t[k] / total : 0.0);
    }
    printf("%-10s %9.3f %9.1f\n", "foundation", found, found > 0 ? bytes / 1e6 / found : 0.0);
    printf("%-10s %9.3f %9.1f\n", "all", total, total > 0 ? bytes / 1e6 / total : 0.0);
    return 0;
}
