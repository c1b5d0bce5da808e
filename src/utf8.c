/* utf8.c: decoding, character classes and case folding over utf8proc.
 * Invalid bytes decode as U+FFFD of length one so offsets never shift.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int32_t rift_utf8_decode(const char *s, size_t len, size_t i, int *n)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (k <= 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = (int)k;
    return cp;
}

int rift_utf8_prev_len(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    size_t j = i - 1;
    int k = 1;
    while (j > 0 && k < 4 && ((unsigned char)s[j] & 0xC0) == 0x80) {
        j--;
        k++;
    }
    /* Check that the unit starting at j really spans to i. */
    int n;
    rift_utf8_decode(s, i, j, &n);
    if ((size_t)n == (size_t)k)
        return k;
    return 1;
}

static const unsigned char ascii_class[128] = {
    ['\t'] = RIFT_C_SPACE, ['\n'] = RIFT_C_NEWLINE, ['\v'] = RIFT_C_SPACE,
    ['\f'] = RIFT_C_NEWLINE, ['\r'] = RIFT_C_NEWLINE, [' '] = RIFT_C_SPACE,
    ['!'] = RIFT_C_TERM, ['"'] = RIFT_C_QUOTE, ['#'] = RIFT_C_SYMBOL,
    ['$'] = RIFT_C_SYMBOL, ['%'] = RIFT_C_SYMBOL, ['&'] = RIFT_C_SYMBOL,
    ['\''] = RIFT_C_APOS, ['('] = RIFT_C_PUNCT, [')'] = RIFT_C_PUNCT,
    ['*'] = RIFT_C_SYMBOL, ['+'] = RIFT_C_SYMBOL, [','] = RIFT_C_PUNCT,
    ['-'] = RIFT_C_HYPHEN, ['.'] = RIFT_C_PERIOD, ['/'] = RIFT_C_PUNCT,
    ['0'] = RIFT_C_DIGIT, ['1'] = RIFT_C_DIGIT, ['2'] = RIFT_C_DIGIT,
    ['3'] = RIFT_C_DIGIT, ['4'] = RIFT_C_DIGIT, ['5'] = RIFT_C_DIGIT,
    ['6'] = RIFT_C_DIGIT, ['7'] = RIFT_C_DIGIT, ['8'] = RIFT_C_DIGIT,
    ['9'] = RIFT_C_DIGIT, [':'] = RIFT_C_PUNCT, [';'] = RIFT_C_PUNCT,
    ['<'] = RIFT_C_SYMBOL, ['='] = RIFT_C_SYMBOL, ['>'] = RIFT_C_SYMBOL,
    ['?'] = RIFT_C_TERM, ['@'] = RIFT_C_SYMBOL, ['['] = RIFT_C_PUNCT,
    ['\\'] = RIFT_C_SYMBOL, [']'] = RIFT_C_PUNCT, ['^'] = RIFT_C_SYMBOL,
    ['_'] = RIFT_C_PUNCT, ['`'] = RIFT_C_APOS, ['{'] = RIFT_C_PUNCT,
    ['|'] = RIFT_C_SYMBOL, ['}'] = RIFT_C_PUNCT, ['~'] = RIFT_C_SYMBOL,
};

rift_cclass rift_utf8_class(int32_t cp)
{
    if (cp < 128) {
        if (cp >= 'A' && cp <= 'Z')
            return RIFT_C_UPPER;
        if (cp >= 'a' && cp <= 'z')
            return RIFT_C_LOWER;
        return cp >= 0 ? (rift_cclass)ascii_class[cp] : RIFT_C_OTHER;
    }
    switch (cp) {
    case 0x201C: case 0x00AB: case 0x201E: case 0x201F: return RIFT_C_QUOTE_L;
    case 0x201D: case 0x00BB: return RIFT_C_QUOTE_R;
    case 0x2018: case 0x201A: case 0x201B: case 0x2039: return RIFT_C_SQUOTE_L;
    case 0x2019: case 0x203A: case 0x02BC: return RIFT_C_SQUOTE_R;
    case 0x2032: case 0x2033: return RIFT_C_PRIME;
    case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0x2E3A:
    case 0x2E3B: case 0xFE58: return RIFT_C_DASH;
    case 0x2010: case 0x2011: return RIFT_C_HYPHEN;
    case 0x2026: return RIFT_C_ELLIPSIS;
    case 0x00A0: case 0x2007: case 0x202F: case 0x2009: case 0x200A:
    case 0x3000: case 0xFEFF: case 0x200B: return RIFT_C_SPACE;
    case 0x2028: case 0x2029: case 0x0085: return RIFT_C_NEWLINE;
    case 0xFFFD: return RIFT_C_REPLACEMENT;
    case 0x3002: case 0xFF0E: return RIFT_C_PERIOD;
    case 0xFF01: case 0xFF1F: case 0x203C: case 0x2047: case 0x2048:
    case 0x2049: return RIFT_C_TERM;
    default: break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return RIFT_C_UPPER;
    case UTF8PROC_CATEGORY_LL: return RIFT_C_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return RIFT_C_LETTER;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return RIFT_C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: return RIFT_C_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return RIFT_C_NEWLINE;
    case UTF8PROC_CATEGORY_PD: return RIFT_C_DASH;
    case UTF8PROC_CATEGORY_PI: return RIFT_C_QUOTE_L;
    case UTF8PROC_CATEGORY_PF: return RIFT_C_QUOTE_R;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PO: return RIFT_C_PUNCT;
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO: return RIFT_C_SYMBOL;
    case UTF8PROC_CATEGORY_CF: return RIFT_C_SPACE; /* soft hyphen, ZWJ... */
    default: return RIFT_C_OTHER;
    }
}

char *rift_utf8_fold(rift_arena *a, const char *s, size_t len, size_t *outlen)
{
    /* ASCII fast path: lower-case in place of a copy. */
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            break;
    if (i == len) {
        char *p = rift_arena_alloc(a, len + 1);
        for (i = 0; i < len; i++) {
            char c = s[i];
            p[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        *outlen = len;
        return p;
    }
    /* Repair invalid bytes first so utf8proc accepts the string; map curly
     * apostrophes to ASCII so lexicon entries need only one spelling. */
    rift_buf b;
    rift_buf_init(&b);
    for (i = 0; i < len;) {
        int n;
        int32_t cp = rift_utf8_decode(s, len, i, &n);
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
            rift_buf_putc(&b, '\'');
        else if (cp == 0xFFFD && n == 1)
            rift_buf_put(&b, "\xEF\xBF\xBD", 3);
        else if (rift_utf8_class(cp) == RIFT_C_DASH ||
                 rift_utf8_class(cp) == RIFT_C_HYPHEN)
            rift_buf_putc(&b, '-');
        else if (rift_utf8_class(cp) == RIFT_C_SPACE)
            rift_buf_putc(&b, ' ');
        else
            rift_buf_put(&b, s + i, (size_t)n);
        i += (size_t)n;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)b.data,
                                      (utf8proc_ssize_t)b.len, &out,
                                      UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STABLE);
    char *p;
    if (k < 0) {
        p = rift_arena_strndup(a, b.data ? b.data : "", b.len);
        *outlen = b.len;
    } else {
        p = rift_arena_strndup(a, (const char *)out, (size_t)k);
        *outlen = (size_t)k;
    }
    free(out);
    rift_buf_free(&b);
    return p;
}

void rift_json_str(rift_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    rift_buf_reserve(b, len + 2);
    rift_buf_putc(b, '"');
    size_t run = 0; /* start of a run of bytes copied as they are */
    for (size_t i = 0; i < len;) {
        /* eight plain bytes at a time: none below 0x20, none from 0x80,
         * no '"' and no backslash (SWAR: a byte's high bit says) */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
            uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
            /* some byte below 0x20, some '"' (q zero), some backslash,
             * some byte from 0x80: never missed, rarely a false alarm */
            if ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs) | w) & high)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0x80) {
            int n;
            int32_t cp = rift_utf8_decode(s, len, i, &n);
            if (!(cp == 0xFFFD && n == 1)) {
                i += (size_t)n;
                continue;
            }
        }
        rift_buf_put(b, s + run, i - run);
        switch (c) {
        case '"': rift_buf_put(b, "\\\"", 2); break;
        case '\\': rift_buf_put(b, "\\\\", 2); break;
        case '\n': rift_buf_put(b, "\\n", 2); break;
        case '\r': rift_buf_put(b, "\\r", 2); break;
        case '\t': rift_buf_put(b, "\\t", 2); break;
        default:
            if (c >= 0x80) {
                rift_buf_put(b, "\xEF\xBF\xBD", 3);
            } else {
                char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                rift_buf_put(b, e, 6);
            }
        }
        i++;
        run = i;
    }
    rift_buf_put(b, s + run, len - run);
    rift_buf_putc(b, '"');
}
