/* fuzz_syntax.c: libFuzzer target for the syntax models on given words: any
 * bytes, split into words, must tag and parse into one tree, never crash.
 */
#include "rift.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rift_model *m;
    if (!m && rift_model_open(NULL, &m) != RIFT_OK)
        abort();
    /* words: runs of bytes above the space; every other byte separates
     * them (so words may hold invalid UTF-8, but no white space) */
    const char *s = (const char *)data;
    const char **forms = malloc((size / 2 + 1) * sizeof *forms);
    size_t *lens = malloc((size / 2 + 1) * sizeof *lens);
    size_t n = 0;
    for (size_t i = 0; i < size;) {
        if ((unsigned char)s[i] <= 0x20) {
            i++;
            continue;
        }
        size_t b = i;
        while (i < size && (unsigned char)s[i] > 0x20)
            i++;
        forms[n] = s + b;
        lens[n++] = i - b;
    }
    rift_parse *p = NULL;
    if (rift_parse_words(m, forms, lens, n, &p) != RIFT_OK)
        abort();
    size_t got;
    const rift_word *w = rift_parse_result(p, &got);
    if (got != n)
        abort();
    size_t roots = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i].head < 0) {
            roots++;
            continue;
        }
        if ((size_t)w[i].head >= n || (size_t)w[i].head == i || !w[i].deprel)
            abort();
    }
    if (n && roots != 1)
        abort();
    /* and a word walks up to the root within n steps: no cycle */
    for (size_t i = 0; i < n; i++) {
        int32_t j = (int32_t)i;
        for (size_t k = 0; j >= 0 && k <= n; k++)
            j = w[j].head;
        if (j >= 0)
            abort();
    }
    rift_parse_free(p);
    free(forms);
    free(lens);
    return 0;
}
