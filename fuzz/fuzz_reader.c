/* fuzz_reader.c: libFuzzer target for the readers: the input is written to
 * a file (plain, JSON Lines or HTML by its first byte) and read back; every
 * record must come out as an article or as a skip with a message.
 */
#include "rift.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"in.txt", "in.jsonl", "in.html", "in"};
    char dir[] = "/tmp/rift-fuzz-XXXXXX";
    if (!mkdtemp(dir))
        return 0;
    const char *name = names[size ? data[0] % 4 : 0];
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        if (size > 1)
            fwrite(data + 1, 1, size - 1, f);
        fclose(f);
        rift_reader_options o = {0};
        o.max_bytes = 1 << 16;
        rift_reader *r = NULL;
        if (rift_reader_open(path, &o, &r) == RIFT_OK) {
            rift_article a;
            rift_status st;
            int guard = 0;
            while ((st = rift_reader_next(r, &a)) != RIFT_DONE && st != RIFT_EIO &&
                   guard++ < 100000) {
                if (st == RIFT_OK && a.text_len && !a.text)
                    abort();
                if (st == RIFT_SKIP && !*rift_reader_errmsg(r))
                    abort();
            }
        }
        rift_reader_close(r);
        unlink(path);
    }
    rmdir(dir);
    return 0;
}
