/* normalize.c: stage 1.  Checks the text's encoding without changing a byte:
 * invalid sequences are read as U+FFFD by every later stage (rift_utf8_decode)
 * so offsets into the received text never shift.  NFC is applied to keys at
 * lookup time (rift_utf8_fold), not to the text.
 */
#include "internal.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s[i] (s[i] >= 0x80, i < n), or 0:
 * the rules of utf8proc_iterate (no overlong forms, no surrogates, nothing
 * above U+10FFFF), without the call. */
static size_t utf8_valid_len(const unsigned char *s, size_t i, size_t n)
{
    unsigned c = s[i];
    if (c - 0xC2u > 0xF4u - 0xC2u)
        return 0;
    size_t left = n - i - 1;
    if (c < 0xE0)
        return left >= 1 && (s[i + 1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (left < 2 || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[i + 1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[i + 1] > 0x9F)
            return 0; /* surrogate */
        return 3;
    }
    if (left < 3 || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
        (s[i + 3] & 0xC0) != 0x80)
        return 0;
    if (c == 0xF0 && s[i + 1] < 0x90)
        return 0;
    if (c == 0xF4 && s[i + 1] > 0x8F)
        return 0;
    return 4;
}

void rift_stage_normalize(rift_doc *d)
{
    const unsigned char *s = (const unsigned char *)d->text;
    size_t n = d->len, i = 0;
    while (i < n) {
        /* Skip ASCII sixteen, then eight bytes at a time. */
        while (i + 16 <= n) {
            uint64_t w, v;
            memcpy(&w, s + i, 8);
            memcpy(&v, s + i + 8, 8);
            if ((w | v) & 0x8080808080808080ULL)
                break;
            i += 16;
        }
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
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
        size_t k = utf8_valid_len(s, i, n);
        if (!k) {
            d->has_invalid_utf8 = true;
            return;
        }
        i += k;
    }
}
