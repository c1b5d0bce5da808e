/* report_lead.c: a title for a story no article titled, made from the lead
 * of its first article: its first real sentence, dateline off, cut at a word.
 */
#include "report_int.h"

#include <string.h>

static size_t words(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

static bool is_dash(const char *t, size_t n)
{
    return (n == 1 && *t == '-') || (n == 2 && !strncmp(t, "--", 2)) ||
           (n == 3 && (!strncmp(t, "\xE2\x80\x94", 3) || !strncmp(t, "\xE2\x80\x93", 3)));
}

/* The length of a dateline opening s ("PORT VELLAN (Reuters) - ",
 * "WASHINGTON, June 5 (AP) -- ", "PORT HALVARD, March 23, 2026 — "): a
 * place in capitals, then words that each begin with a capital, a digit,
 * "(" or "/", ended by a dash between spaces within 80 bytes; else 0. */
static size_t dateline(const char *s)
{
    size_t caps = 0;
    while ((s[caps] >= 'A' && s[caps] <= 'Z') || (caps && strchr(".'", s[caps])))
        caps++;
    if (caps < 2 || (s[caps] != ' ' && s[caps] != ','))
        return 0;
    for (size_t i = caps; s[i] && i < 80;) {
        while (s[i] == ' ' || s[i] == ',')
            i++;
        size_t n = 0;
        while (s[i + n] && s[i + n] != ' ' && s[i + n] != ',')
            n++;
        if (!n)
            return 0;
        if (is_dash(s + i, n))
            return s[i + n] == ' ' ? i + n + 1 : 0;
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '(' || c == '/'))
            return 0;
        i += n;
    }
    return 0;
}

bool report_lead_title(rift_buf *out, const char *const *sents, size_t n, size_t max)
{
    const char *s = NULL;
    for (size_t i = 0; i < n && !s; i++)
        if (sents[i] && words(sents[i]) >= 5)
            s = sents[i];
    for (size_t i = 0; i < n && !s; i++)
        if (sents[i] && words(sents[i]))
            s = sents[i];
    if (!s)
        return false;
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    s += dateline(s);
    size_t len = strlen(s);
    while (len && strchr(" \n\t\r.", s[len - 1]))
        len--;
    if (!len)
        return false;
    bool cut = len > max;
    if (cut) {
        size_t k = max;
        while (k > max / 2 && s[k] != ' ')
            k--;
        if (s[k] != ' ') /* one long word: cut at a character */
            for (k = max; k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80; k--)
                ;
        len = k;
        while (len && strchr(" ,;:", s[len - 1]))
            len--;
    }
    for (size_t i = 0; i < len; i++) /* one line */
        rift_buf_putc(out, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
    if (cut)
        rift_buf_puts(out, "\xE2\x80\xA6");
    return true;
}
