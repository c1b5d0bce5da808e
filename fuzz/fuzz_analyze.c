/* fuzz_analyze.c: libFuzzer target for the whole analysis of one article:
 * any bytes must give a document and valid output, never a crash.
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
    rift_article a = {0};
    a.text = (const char *)data;
    a.text_len = size;
    a.origin = "fuzz";
    rift_analyze_options o = {0};
    o.default_date = "2025-06-07";
    rift_doc *d = NULL;
    if (rift_doc_analyze(m, &a, &o, &d) != RIFT_OK)
        abort();
    size_t n;
    char *j = rift_doc_to_json(d, RIFT_JSON_TEXT | RIFT_JSON_TOKENS, &n);
    if (!j || n == 0 || j[n - 1] != '\n')
        abort();
    free(j);
    j = rift_doc_to_tsv(d, &n);
    free(j);
    rift_doc_free(d);
    return 0;
}
