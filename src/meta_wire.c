/* meta_wire.c: reads the forms of wire copy in plain text: the dateline that
 * opens the first paragraph ("KIEV (Reuters) -", "WASHINGTON, June 5 (AP)
 * --", "LONDON, 7 June 2025 /PRNewswire/ --"), relative publication lines
 * ("Published 3 hours ago") and closing outlet tails ("... said. -AP").
 * Pure functions over a bounded prefix or suffix of one block; never print.
 */
#include "internal.h"

#include <string.h>

#define WIRE_MAX 160   /* a wire dateline ends within this many bytes */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static bool upper_at(const char *s, size_t len, size_t i)
{
    int n;
    return rift_utf8_class(rift_utf8_decode(s, len, i, &n)) == RIFT_C_UPPER;
}

/* A dash ending a dateline at s[i]: an em or en dash, or one or two
 * hyphens after a space, a closing parenthesis or a slash.  *end receives
 * the byte after it. */
static bool dash_at(const char *s, size_t len, size_t i, size_t *end)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 &&
        (u[i + 2] == 0x94 || u[i + 2] == 0x93)) {
        *end = i + 3;
        return true;
    }
    if (s[i] != '-' || i == 0 || (s[i - 1] != ' ' && s[i - 1] != ')' && s[i - 1] != '/'))
        return false;
    size_t j = i + 1;
    if (j < len && s[j] == '-')
        j++;
    if (j < len && s[j] != ' ' && s[i - 1] == ' ')
        return false; /* " -5 degrees", " -based" */
    *end = j;
    return true;
}

/* An outlet's name as a dateline writes it between parentheses or slashes:
 * one to four words of letters, digits, '.', '&' or '-', at most 40 bytes,
 * starting with a letter. */
static bool outlet_shape(const char *s, size_t a, size_t e)
{
    if (e <= a || e - a > 40 || !is_alpha(s[a]))
        return false;
    unsigned words = 1;
    for (size_t i = a; i < e; i++) {
        char c = s[i];
        if (c == ' ')
            words++;
        else if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '&' && c != '-')
            return false;
    }
    return words <= 4;
}

/* A place: one to five words each starting with a capital ("NEW YORK",
 * "Port Halvard", "ST. PETERSBURG"), or a state after it ("Ill."). */
static bool place_shape(const char *s, size_t a, size_t e)
{
    if (e <= a || e - a > 60)
        return false;
    unsigned words = 0;
    size_t i = a;
    while (i < e) {
        while (i < e && s[i] == ' ')
            i++;
        if (i >= e)
            break;
        if (!upper_at(s, e, i))
            return false;
        while (i < e && s[i] != ' ') {
            if (is_digit(s[i]) || s[i] == ',' || s[i] == ':' || s[i] == ';')
                return false;
            i++;
        }
        words++;
    }
    return words >= 1 && words <= 5;
}

/* The first word of s[0..e) is in capitals (two letters or more). */
static bool caps_word(const char *s, size_t e)
{
    size_t i = 0;
    while (i < e && s[i] >= 'A' && s[i] <= 'Z')
        i++;
    return i >= 2 && (i == e || s[i] == ' ' || s[i] == '.');
}

/* "June 5", "5 June", "Tuesday, June 5": a day of a month without a
 * year, the whole of s[a..e). */
static bool month_day(const char *s, size_t a, size_t e, int *mo, int *day)
{
    int m = 0, d = 0, items = 0;
    size_t i = a;
    while (i < e) {
        if (s[i] == ' ' || s[i] == ',' || s[i] == '.') {
            i++;
            continue;
        }
        size_t j = i;
        if (is_digit(s[i])) {
            int v = 0;
            while (j < e && is_digit(s[j]) && j - i < 3)
                v = v * 10 + (s[j++] - '0');
            if (d || v < 1 || v > 31 || (j < e && is_alpha(s[j]) &&
                                         !(j + 2 <= e && (s[j] == 's' || s[j] == 'n' ||
                                                          s[j] == 'r' || s[j] == 't'))))
                return false;
            while (j < e && is_alpha(s[j]))
                j++; /* 5th */
            d = v;
        } else if (is_alpha(s[i])) {
            while (j < e && is_alpha(s[j]))
                j++;
            int mm = rift_month_from_word(s + i, j - i);
            if (mm && !m)
                m = mm;
            else if (items > 0 || j - i < 3)
                return false; /* only a weekday may come first */
        } else {
            return false;
        }
        items++;
        i = j;
    }
    if (!m || !d || !rift_date_valid(2000, m, d))
        return false;
    *mo = m;
    *day = d;
    return true;
}

bool rift_meta_wire(const rift_model *m, const char *s, size_t len, rift_wire *w)
{
    memset(w, 0, sizeof *w);
    if (len < 8 || !upper_at(s, len, 0))
        return false;
    size_t lim = len < WIRE_MAX ? len : WIRE_MAX, dash = 0, after = 0;
    for (size_t i = 1; i < lim && !dash; i++) {
        if (s[i] == '.' && i + 1 < lim && s[i + 1] == ' ' && i >= 2 && !is_alpha(s[i - 2]))
            return false; /* a sentence ended first ("... 5. Then") */
        if (dash_at(s, len, i, &after))
            dash = i;
    }
    if (!dash)
        return false;
    size_t e = dash;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    /* the outlet: "(Reuters)" or "/PRNewswire/" */
    if (e > 2 && (s[e - 1] == ')' || s[e - 1] == '/')) {
        char open = s[e - 1] == ')' ? '(' : '/';
        size_t o = e - 1;
        while (o > 0 && s[o - 1] != open && e - o < 44)
            o--;
        if (o == 0 || s[o - 1] != open || !outlet_shape(s, o, e - 1))
            return false;
        w->outlet_s = o;
        w->outlet_e = e - 1;
        e = o - 1;
        while (e > 0 && s[e - 1] == ' ')
            e--;
    }
    /* the place up to the first comma, then perhaps a state, then a date */
    size_t c1 = 0;
    while (c1 < e && s[c1] != ',')
        c1++;
    if (!place_shape(s, 0, c1))
        return false;
    size_t p = c1;
    for (int part = 0; p < e && part < 2; part++) {
        size_t a = p + 1;
        while (a < e && s[a] == ' ')
            a++;
        if (a >= e)
            break;
        if (rift_meta_dateline(m, s + a, e - a, &w->date)) {
            w->has_date = true;
            break;
        }
        if (month_day(s, a, e, &w->date.m, &w->date.d)) {
            w->has_date = w->no_year = true;
            break;
        }
        /* "SPRINGFIELD, Ill., June 5": a state or country, then the rest */
        size_t c = a;
        while (c < e && s[c] != ',')
            c++;
        if (part == 1 || !place_shape(s, a, c))
            return false;
        p = c;
    }
    if (!w->has_date && !w->outlet_e)
        return false; /* a place and a dash: a sentence as likely as not */
    /* without a date, "Mr Lee (Labour) - who ..." has the same shape as
     * "KIEV (Reuters) -": the outlet must be known, or written between
     * slashes, or the place in capitals */
    if (!w->has_date && s[w->outlet_e] != '/' &&
        !rift_meta_outlet(m, s + w->outlet_s, w->outlet_e - w->outlet_s) &&
        !(c1 >= 2 && caps_word(s, c1)))
        return false;
    if (!w->has_date && p < e && c1 < e)
        return false;
    w->end = after;
    return true;
}

/* ---- "Published 3 hours ago" -------------------------------------------- */

static bool word_is(const char *s, size_t a, size_t e, const char *w)
{
    size_t n = strlen(w);
    if (e - a != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[a + i] | 32) != w[i])
            return false;
    return true;
}

bool rift_meta_relative(const rift_model *m, const char *s, size_t len, int *days_back)
{
    if (len < 7 || len > 60)
        return false;
    const rift_lexicon *filler = rift_model_lexicon(m, "dateline");
    long n = -1, unit = 0;
    bool ago = false;
    size_t i = 0;
    while (i < len) {
        if (!is_alpha(s[i]) && !is_digit(s[i])) {
            if (s[i] != ' ' && s[i] != ':' && s[i] != ',')
                return false;
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && (is_alpha(s[j]) || is_digit(s[j])))
            j++;
        if (ago)
            return false; /* nothing after "ago" */
        if (is_digit(s[i])) {
            if (n >= 0 || j - i > 3)
                return false;
            n = 0;
            for (size_t k = i; k < j; k++) {
                if (!is_digit(s[k]))
                    return false;
                n = n * 10 + (s[k] - '0');
            }
        } else if (word_is(s, i, j, "a") || word_is(s, i, j, "an") || word_is(s, i, j, "one")) {
            if (n >= 0)
                return false;
            n = 1;
        } else if (n >= 0 && !unit) {
            size_t we = j - i > 1 && (s[j - 1] | 32) == 's' ? j - 1 : j;
            if (word_is(s, i, we, "minute") || word_is(s, i, we, "min") ||
                word_is(s, i, we, "second") || word_is(s, i, we, "sec"))
                unit = 1;
            else if (word_is(s, i, we, "hour") || word_is(s, i, we, "hr"))
                unit = 60;
            else if (word_is(s, i, we, "day"))
                unit = 1440;
            else if (word_is(s, i, we, "week") || word_is(s, i, we, "wk"))
                unit = 7 * 1440;
            else
                return false;
        } else if (unit && word_is(s, i, j, "ago")) {
            ago = true;
        } else if (n >= 0 || rift_meta_lex(filler, s + i, j - i) < 0) {
            return false; /* only "Published", "Updated", "last"... before */
        }
        i = j;
    }
    if (!ago || n < 0)
        return false;
    *days_back = (int)(n * unit / 1440);
    return true;
}

/* ---- "... the ministry said. -AP" --------------------------------------- */

bool rift_meta_tail_outlet(const rift_model *m, const char *s, size_t len,
                           size_t *os, size_t *oe)
{
    size_t e = len;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.'))
        e--;
    size_t a = e;
    while (a > 0 && e - a < 30 && s[a - 1] != '-' && (unsigned char)s[a - 1] != 0x94 &&
           (unsigned char)s[a - 1] != 0x93)
        a--;
    if (a == 0 || a == e || e - a >= 30)
        return false;
    size_t d = a - 1; /* the dash, or the last byte of an em or en dash */
    if ((unsigned char)s[d] >= 0x80) {
        if (d < 2 || (unsigned char)s[d - 2] != 0xE2 || (unsigned char)s[d - 1] != 0x80)
            return false;
        d -= 2;
    } else if (d > 0 && s[d - 1] == '-') {
        d--;
    }
    while (a < e && s[a] == ' ')
        a++;
    /* before the dash: the start of the line or the end of a sentence */
    size_t b = d;
    while (b > 0 && s[b - 1] == ' ')
        b--;
    if (b > 0) {
        int32_t cp = 0;
        int k = rift_utf8_prev_len(s, b), n;
        if ((size_t)k <= b)
            cp = rift_utf8_decode(s, b, b - (size_t)k, &n);
        rift_cclass c = rift_utf8_class(cp);
        if (c != RIFT_C_PERIOD && c != RIFT_C_TERM && c != RIFT_C_QUOTE_R &&
            c != RIFT_C_QUOTE && cp != ')')
            return false;
    }
    if (!outlet_shape(s, a, e))
        return false;
    /* a known outlet, or an agency's capitals ("AP", "IANS") */
    bool caps = e - a >= 2 && e - a <= 6;
    for (size_t i = a; i < e && caps; i++)
        caps = s[i] >= 'A' && s[i] <= 'Z';
    if (!caps && rift_meta_lex(rift_model_lexicon(m, "outlets"), s + a, e - a) < 0)
        return false;
    *os = a;
    *oe = e;
    return true;
}

bool rift_meta_outlet(const rift_model *m, const char *s, size_t len)
{
    return outlet_shape(s, 0, len) &&
           rift_meta_lex(rift_model_lexicon(m, "outlets"), s, len) >= 0;
}
