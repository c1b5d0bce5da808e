/* normalize.c: stage 1.  Checks the text's encoding without changing a byte:
 * invalid sequences are read as U+FFFD by every later stage (rift_utf8_decode)
 * so offsets into the received text never shift.  NFC is applied to keys at
 * lookup time (rift_utf8_fold), not to the text.
 */
#include "internal.h"

#include <utf8proc.h>

void rift_stage_normalize(rift_doc *d)
{
    const unsigned char *s = (const unsigned char *)d->text;
    size_t n = d->len, i = 0;
    while (i < n) {
        /* Skip ASCII eight bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            __builtin_memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            d->has_invalid_utf8 = true;
            return;
        }
        i += (size_t)k;
    }
}
