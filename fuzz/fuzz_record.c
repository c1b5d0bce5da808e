/* fuzz_record.c: libFuzzer target for one JSON Lines record (the parse
 * that workers run on rift_reader_next_raw lines): any bytes give an
 * article with its text, or a skip with a reason, never a crash.
 */
#include "rift.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const char *s)
{
    return s ? strlen(s) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rift_record *rec = NULL;
    rift_article a;
    char why[512];
    rift_status st = rift_record_parse((const char *)data, size, &rec, &a, why, sizeof why);
    if (st == RIFT_OK) {
        if (!a.text && a.text_len)
            abort();
        /* every field readable to its end (the sanitizers check) */
        volatile size_t sink = touch(a.id) + touch(a.url) + touch(a.title) + touch(a.date) +
                               touch(a.source) + touch(a.author);
        if (a.text_len)
            sink += (unsigned char)a.text[a.text_len - 1];
        (void)sink;
    } else if (st != RIFT_SKIP || !why[0]) {
        abort(); /* a skip always says why */
    }
    rift_record_free(rec);
    return 0;
}
