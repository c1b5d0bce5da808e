/* fuzz_html.c: libFuzzer target for the HTML extraction: any bytes, read
 * as an HTML page, give the article text (and metadata) or a skip with a
 * reason, never a crash.
 */
#include "rift.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/rift-fuzz-html-XXXXXX";
static char path[64];

static void cleanup(void)
{
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        if (!mkdtemp(dir))
            abort();
        snprintf(path, sizeof path, "%s/page.html", dir);
        atexit(cleanup);
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    rift_reader_options o = {0};
    o.format = RIFT_FORMAT_HTML;
    o.max_bytes = 1 << 20;
    rift_reader *r = NULL;
    if (rift_reader_open(path, &o, &r) == RIFT_OK) {
        rift_article a;
        rift_status st;
        while ((st = rift_reader_next(r, &a)) == RIFT_OK || st == RIFT_SKIP) {
            if (st == RIFT_SKIP && !*rift_reader_errmsg(r))
                abort();
            if (st == RIFT_OK && !a.text && a.text_len)
                abort();
            volatile unsigned char last = st == RIFT_OK && a.text_len ? a.text[a.text_len - 1] : 0;
            (void)last; /* the text readable to its end (the sanitizers check) */
        }
    }
    rift_reader_close(r);
    return 0;
}
