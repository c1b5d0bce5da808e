/* store_input.h: what the store and report fuzz targets share: up to four
 * articles whose metadata and text are cut from the input, analysed and
 * written to a fresh SQLite store in memory, then the corpus passes.
 * Header-only; aborts when the library refuses what it must take.
 */
#ifndef RIFT_FUZZ_STORE_INPUT_H
#define RIFT_FUZZ_STORE_INPUT_H

#include "rift.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_FIELDS 5 /* id, title, source, date, text */
#define FUZZ_ARTICLES 4

/* Pieces of the input between 0xFF bytes fill the fields of the articles
 * in turn; the store of them (NULL if nothing was stored), *added the
 * articles that were new. */
static rift_store *fuzz_store_input(const uint8_t *data, size_t size, long *added)
{
    static rift_model *m;
    if (!m && rift_model_open(NULL, &m) != RIFT_OK)
        abort();
    char *copy = malloc(size + 1);
    if (!copy)
        abort();
    memcpy(copy, data, size);
    copy[size] = '\0';
    const char *field[FUZZ_ARTICLES * FUZZ_FIELDS] = {0};
    size_t flen[FUZZ_ARTICLES * FUZZ_FIELDS] = {0};
    size_t nf = 0, start = 0;
    for (size_t i = 0; i <= size && nf < FUZZ_ARTICLES * FUZZ_FIELDS; i++) {
        if (i < size && data[i] != 0xFF)
            continue;
        copy[i] = '\0';
        field[nf] = copy + start;
        flen[nf++] = i - start;
        start = i + 1;
    }
    rift_store *st = NULL;
    if (rift_store_open(":memory:", &st) != RIFT_OK || rift_store_begin(st) != RIFT_OK)
        abort();
    *added = 0;
    for (size_t k = 0; k + FUZZ_FIELDS <= nf || (k == 0 && nf); k += FUZZ_FIELDS) {
        const char **f = field + k;
        rift_article a = {0};
        a.id = f[0];
        a.title = f[1];
        a.source = f[2];
        a.date = f[3];
        a.text = f[4] ? f[4] : "";
        a.text_len = f[4] ? flen[k + 4] : 0;
        a.origin = "fuzz";
        rift_doc *d = NULL;
        if (rift_doc_analyze(m, &a, NULL, &d) != RIFT_OK)
            abort();
        int new_one = 0;
        if (rift_store_add_doc(st, d, &new_one) != RIFT_OK)
            abort();
        *added += new_one;
        rift_doc_free(d);
    }
    if (rift_store_commit(st) != RIFT_OK || rift_store_update(st, NULL) != RIFT_OK)
        abort();
    free(copy);
    return st;
}

#endif
