/* event_patterns.c: model-time file reading for the events stage: hands
 * each entry line of a data/en pattern file to the stage's parser.
 * Runs only when a model opens; must never run per document or print.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

rift_status rift_event_read_lines(const rift_model *m, const char *file,
                                  void (*fn)(void *ctx, char *line), void *ctx)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", m->datadir ? m->datadir : ".", file);
    FILE *f = fopen(path, "r");
    if (!f)
        return RIFT_EIO;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) > 0) {
        size_t n = (size_t)got;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        line[n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        fn(ctx, line);
    }
    free(line);
    fclose(f);
    return RIFT_OK;
}
