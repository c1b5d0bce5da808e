/* meta.c: reads the metadata lines a plain-text article carries (dateline,
 * byline, source line) and decides how a numeric date like 07/06/2025 reads.
 * Pure functions over one short line or the document's text; never prints,
 * never modifies the text, and never looks at more than it is given.
 */
#include "internal.h"

#include <string.h>

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};
static const char *const weekday_names[7] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static char lower(char c) { return is_upper(c) ? (char)(c + 32) : c; }

int rift_meta_lex(const rift_lexicon *lx, const char *w, size_t n)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)w[i] >= 0x80)
            return -1;
        buf[i] = lower(w[i]);
    }
    return rift_lexicon_find(lx, buf, n);
}

/* Lower-cased ASCII copy of w[0..n) into buf (cap 32); false when longer. */
static bool fold_word(const char *w, size_t n, char *buf)
{
    if (n == 0 || n >= 32)
        return false;
    for (size_t i = 0; i < n; i++)
        buf[i] = lower(w[i]);
    buf[n] = '\0';
    return true;
}

/* A full name ("june"), or an abbreviation of at least three letters
 * ("jun", "sept"), of one of the names in the table.  Returns 1-based
 * index or 0. */
static int name_index(const char *const *names, int count, const char *w, size_t n)
{
    char buf[32];
    if (n < 3 || !fold_word(w, n, buf))
        return 0;
    for (int i = 0; i < count; i++) {
        if (names[i][0] != buf[0])
            continue; /* both tests below compare the first letter */
        size_t full = strlen(names[i]);
        if (n == full && !memcmp(buf, names[i], n))
            return i + 1;
        if (n < full && (n == 3 || (n == 4 && !memcmp(buf, "sept", 4))) &&
            !memcmp(buf, names[i], n))
            return i + 1;
    }
    return 0;
}

int rift_month_from_word(const char *w, size_t n)
{
    return name_index(month_names, 12, w, n);
}

static int weekday_from_word(const char *w, size_t n)
{
    if (n == 4 && !memcmp(w, "Tues", 4))
        return 2;
    if (n == 5 && !memcmp(w, "Thurs", 5))
        return 4;
    return name_index(weekday_names, 7, w, n);
}

const char *rift_month_name(int m)
{
    static const char *const cap[12] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    return m >= 1 && m <= 12 ? cap[m - 1] : "?";
}

/* ---- datelines ---------------------------------------------------------- */

static int year_of(int v, int ndigits)
{
    if (ndigits == 4)
        return v >= 1800 && v <= 2200 ? v : -1;
    if (ndigits == 2)
        return 2000 + v;
    return -1;
}

/* d{1,4} [/.-] d{1,2} [/.-] d{2,4} at s[*i]; fills out when it is a date. */
static bool numeric_date(const char *s, size_t len, size_t *i, rift_dateline *out)
{
    int v[3] = {0, 0, 0}, nd[3] = {0, 0, 0};
    char sep = 0;
    size_t j = *i;
    for (int k = 0; k < 3; k++) {
        while (j < len && is_digit(s[j]) && nd[k] < 5) {
            v[k] = v[k] * 10 + (s[j] - '0');
            nd[k]++;
            j++;
        }
        if (nd[k] == 0 || nd[k] > 4)
            return false;
        if (k < 2) {
            if (j >= len || (s[j] != '/' && s[j] != '.' && s[j] != '-'))
                return false;
            if (sep && s[j] != sep)
                return false;
            sep = s[j++];
        }
    }
    if (j < len && (is_digit(s[j]) || is_alpha(s[j])))
        return false;
    memset(out, 0, sizeof *out);
    if (nd[0] == 4) { /* ISO order, never ambiguous */
        if (nd[2] > 2 || !rift_date_valid(v[0], v[1], v[2]))
            return false;
        out->y = v[0], out->m = v[1], out->d = v[2];
    } else {
        int y = year_of(v[2], nd[2]);
        if (nd[0] > 2 || nd[1] > 2 || y < 0)
            return false;
        bool dmy = rift_date_valid(y, v[1], v[0]);
        bool mdy = rift_date_valid(y, v[0], v[1]);
        if (!dmy && !mdy)
            return false;
        out->numeric = true;
        out->y = y;
        out->a = v[0];
        out->b = v[1];
        out->ambiguous = dmy && mdy && v[0] != v[1];
        /* provisional reading; the blocks stage picks the order */
        if (mdy)
            out->m = v[0], out->d = v[1];
        else
            out->m = v[1], out->d = v[0];
        out->style = dmy && !mdy ? RIFT_DATE_ORDER_DMY
                   : mdy && !dmy ? RIFT_DATE_ORDER_MDY : RIFT_DATE_ORDER_AUTO;
    }
    *i = j;
    return true;
}

bool rift_meta_dateline(const rift_model *m, const char *s, size_t len,
                        rift_dateline *out)
{
    if (len == 0 || len > 100 || !(is_digit(s[0]) || is_upper(s[0])))
        return false;
    bool digit = false; /* every date line has a digit: a cheap first test */
    for (size_t k = 0; k < len; k++)
        digit |= is_digit(s[k]);
    if (!digit)
        return false;
    const rift_lexicon *filler = rift_model_lexicon(m, "dateline");
    rift_dateline nd;
    bool have_numeric = false;
    int month = 0, month_tok = -1, year = -1, day = -1, day_tok = -1, tok = 0;
    int ndays_before = 0; /* day numbers seen before the month */
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int n;
            rift_cclass cl = rift_utf8_class(rift_utf8_decode(s, len, i, &n));
            if (cl != RIFT_C_SPACE && cl != RIFT_C_DASH && cl != RIFT_C_PUNCT &&
                cl != RIFT_C_HYPHEN)
                return false;
            i += (size_t)n;
            continue;
        }
        if (is_digit((char)c)) {
            if (!have_numeric && numeric_date(s, len, &i, &nd)) {
                have_numeric = true;
                tok++;
                continue;
            }
            size_t j = i;
            int v = 0, k = 0;
            while (j < len && is_digit(s[j]) && k < 5) {
                v = v * 10 + (s[j] - '0');
                j++;
                k++;
            }
            if (j < len && s[j] == ':') { /* a time: 10:32 or 10:32:05 */
                while (j < len && (is_digit(s[j]) || s[j] == ':'))
                    j++;
                i = j;
                tok++;
                continue;
            }
            /* ordinal suffix */
            if (j + 1 < len && ((lower(s[j]) == 's' && lower(s[j + 1]) == 't') ||
                                (lower(s[j]) == 'n' && lower(s[j + 1]) == 'd') ||
                                (lower(s[j]) == 'r' && lower(s[j + 1]) == 'd') ||
                                (lower(s[j]) == 't' && lower(s[j + 1]) == 'h')) &&
                (j + 2 >= len || !is_alpha(s[j + 2])))
                j += 2;
            else if (j < len && is_alpha(s[j])) {
                /* "10am": an hour glued to am/pm */
                size_t w = j;
                while (w < len && (is_alpha(s[w]) || s[w] == '.'))
                    w++;
                if (rift_meta_lex(filler, s + j, w - j) < 0)
                    return false;
                i = w;
                tok++;
                continue;
            }
            if (k == 4 && year < 0 && v >= 1800 && v <= 2200)
                year = v;
            else if (k <= 2 && v >= 1 && v <= 31 && day < 0 &&
                     (month == 0 || tok == month_tok + 1))
                day = v, day_tok = tok;
            else if (k <= 2 && v <= 24) {
                /* an hour before am/pm: accepted only if am/pm follows */
                size_t w = j;
                while (w < len && s[w] == ' ')
                    w++;
                size_t e = w;
                while (e < len && (is_alpha(s[e]) || s[e] == '.'))
                    e++;
                if (e == w || rift_meta_lex(filler, s + w, e - w) < 0)
                    return false;
            } else
                return false;
            if (month == 0 && day_tok == tok)
                ndays_before++;
            i = j;
            tok++;
            continue;
        }
        if (is_alpha((char)c)) {
            size_t j = i;
            while (j < len && (is_alpha(s[j]) || (s[j] == '.' && j + 1 < len &&
                                                  is_alpha(s[j + 1]))))
                j++;
            size_t wl = j - i;
            int mo = rift_month_from_word(s + i, wl);
            if (mo && !month) {
                month = mo;
                month_tok = tok;
            } else if (mo) {
                /* a second date on the line (e.g. "Updated ..."): ignore */
            } else if (!weekday_from_word(s + i, wl) &&
                       rift_meta_lex(filler, s + i, wl) < 0) {
                return false;
            }
            if (j < len && s[j] == '.')
                j++;
            i = j;
            tok++;
            continue;
        }
        /* ASCII punctuation and spaces are separators */
        i++;
    }
    if (have_numeric && !month) {
        *out = nd;
        return true;
    }
    if (!month || year < 0 || day < 0 || !rift_date_valid(year, month, day))
        return false;
    memset(out, 0, sizeof *out);
    out->y = year;
    out->m = month;
    out->d = day;
    out->style = ndays_before ? RIFT_DATE_ORDER_DMY : RIFT_DATE_ORDER_MDY;
    return true;
}

/* ---- source lines and bylines ------------------------------------------- */

static bool word_at(const char *s, size_t len, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i + n > len)
        return false;
    for (size_t k = 0; k < n; k++)
        if (lower(s[i + k]) != w[k])
            return false;
    return i + n == len || !is_alpha(s[i + n]);
}

bool rift_meta_source(const char *s, size_t len, size_t *site_start, size_t *site_end)
{
    if (len < 8 || len > 120)
        return false;
    size_t i = 0;
    bool paren = s[0] == '(' || s[0] == '[';
    if (paren)
        i++;
    if (!word_at(s, len, i, "source") && !word_at(s, len, i, "sources"))
        return false;
    i += word_at(s, len, i, "source") ? 6 : 7;
    size_t e = len;
    if (paren && (s[e - 1] == ')' || s[e - 1] == ']'))
        e--;
    else if (paren)
        return false;
    /* a separator is required: "Source: X", "Source - X", "Source:X" */
    while (i < e && s[i] == ' ')
        i++;
    if (i >= e)
        return false;
    if (s[i] == ':' || s[i] == '-')
        i++;
    else if ((unsigned char)s[i] == 0xE2 && i + 2 < e) /* – or — */
        i += 3;
    else
        return false;
    while (i < e && s[i] == ' ')
        i++;
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == '.'))
        e--;
    if (e <= i || e - i > 80)
        return false;
    size_t words = 1;
    for (size_t k = i; k < e; k++)
        words += s[k] == ' ';
    if (words > 6)
        return false;
    *site_start = i;
    *site_end = e;
    return true;
}

/* One word of a name: a capital then letters, apostrophes or hyphens
 * (non-ASCII letters accepted).  *initial set for "J." */
static bool name_word(const char *s, size_t len, size_t i, size_t *end, bool *initial)
{
    int n;
    int32_t cp = rift_utf8_decode(s, len, i, &n);
    if (rift_utf8_class(cp) != RIFT_C_UPPER)
        return false;
    size_t j = i + (size_t)n;
    if (j < len && s[j] == '.') {
        *initial = true;
        *end = j + 1;
        return true;
    }
    size_t letters = 1;
    while (j < len && s[j] != ' ') {
        cp = rift_utf8_decode(s, len, j, &n);
        rift_cclass c = rift_utf8_class(cp);
        if (c != RIFT_C_LOWER && c != RIFT_C_UPPER && c != RIFT_C_LETTER &&
            c != RIFT_C_APOS && c != RIFT_C_SQUOTE_R && c != RIFT_C_HYPHEN)
            return false;
        letters++;
        j += (size_t)n;
    }
    *initial = false;
    *end = j;
    return letters >= 2;
}

bool rift_meta_name_shape(const char *s, size_t len)
{
    if (len < 4 || len > 50)
        return false;
    size_t i = 0, words = 0, initials = 0;
    bool last_initial = false;
    while (i < len) {
        size_t e;
        bool init;
        if (!name_word(s, len, i, &e, &init))
            return false;
        if (words == 0 && init)
            return false;
        words++;
        initials += init;
        last_initial = init;
        i = e;
        if (i < len) {
            if (s[i] != ' ' || i + 1 >= len || s[i + 1] == ' ')
                return false;
            i++;
        }
    }
    return words >= 2 && words <= 4 && !last_initial && words - initials >= 2;
}

bool rift_meta_byline(const char *s, size_t len, size_t *name_start, size_t *name_end)
{
    static const char *const lead[] = {"by ", "written by ", "reported by ",
                                       "words by ", "story by ", NULL};
    if (len < 5 || len > 160)
        return false;
    char c0 = lower(s[0]);
    if (c0 != 'b' && c0 != 'w' && c0 != 'r' && c0 != 's')
        return false;
    size_t i = 0;
    for (size_t k = 0; lead[k] && !i; k++) {
        size_t n = strlen(lead[k]), q = 0;
        while (q < n && q < len && lower(s[q]) == lead[k][q])
            q++;
        if (q == n && n < len)
            i = n;
    }
    if (!i)
        return false;
    while (i < len && s[i] == ' ')
        i++;
    /* the name runs to a comma, a bar, a dash, a parenthesis or the end */
    size_t e = i;
    while (e < len && s[e] != ',' && s[e] != '|' && s[e] != '(' &&
           !(s[e] == ' ' && e + 1 < len && s[e + 1] == '-') &&
           (unsigned char)s[e] != 0xE2)
        e++;
    size_t ne = e;
    while (ne > i && s[ne - 1] == ' ')
        ne--;
    if (ne <= i || ne - i > 60)
        return false;
    /* "By Monday, the offer was gone.": a day or month is no name, and a
     * byline does not end like a sentence (an initial aside) */
    size_t fw = i;
    while (fw < ne && is_alpha(s[fw]))
        fw++;
    if (rift_month_from_word(s + i, fw - i) || weekday_from_word(s + i, fw - i))
        return false;
    if ((s[len - 1] == '.' || s[len - 1] == '!' || s[len - 1] == '?') &&
        !(len >= 3 && is_upper(s[len - 2]) && s[len - 3] == ' '))
        return false;
    if (!rift_meta_names_ok(s, i, ne))
        return false;
    *name_start = i;
    *name_end = ne;
    return true;
}

bool rift_meta_names_ok(const char *s, size_t i, size_t ne)
{
    /* every word capitalised, except joiners; a comma may end a name in a
     * list ("Jane Doe, Tom Roe and Ann Lee") */
    size_t words = 0, k = i;
    while (k < ne) {
        size_t w = k;
        while (w < ne && s[w] != ' ')
            w++;
        size_t we = w > k && s[w - 1] == ',' ? w - 1 : w;
        bool joiner = (we - k == 3 && !memcmp(s + k, "and", 3)) ||
                      (we - k == 1 && s[k] == '&') ||
                      (we - k <= 3 && (!memcmp(s + k, "de", we - k) ||
                                       !memcmp(s + k, "van", we - k) ||
                                       !memcmp(s + k, "von", we - k) ||
                                       !memcmp(s + k, "al", we - k)));
        int n;
        if (!joiner && rift_utf8_class(rift_utf8_decode(s, ne, k, &n)) != RIFT_C_UPPER)
            return false;
        words++;
        k = w;
        while (k < ne && s[k] == ' ')
            k++;
    }
    return words >= 1 && words <= 8;
}

/* "Reporting by Jane Doe and Tom Roe in Kyiv; Editing by Ann Lee", in
 * parentheses or not: the reporters' names, up to a semicolon, a closing
 * parenthesis or the place they reported from (" in ", " at "). */
bool rift_meta_credits(const char *s, size_t len, size_t *name_start, size_t *name_end)
{
    static const char *const lead[] = {"reporting by ", "writing by ",
                                       "additional reporting by ", NULL};
    if (len < 16 || len > 300)
        return false;
    size_t i = s[0] == '(' ? 1 : 0, at = 0;
    for (size_t k = 0; lead[k] && !at; k++) {
        size_t n = strlen(lead[k]), q = 0;
        while (q < n && i + q < len && lower(s[i + q]) == lead[k][q])
            q++;
        if (q == n)
            at = i + n;
    }
    if (!at)
        return false;
    size_t e = at;
    while (e < len && s[e] != ';' && s[e] != ')' && s[e] != '|' &&
           !(s[e] == ' ' && (word_at(s, len, e + 1, "in") || word_at(s, len, e + 1, "at") ||
                             word_at(s, len, e + 1, "from"))))
        e++;
    while (e > at && (s[e - 1] == ' ' || s[e - 1] == ',' || s[e - 1] == '.'))
        e--;
    if (e <= at || e - at > 120 || !rift_meta_names_ok(s, at, e))
        return false;
    *name_start = at;
    *name_end = e;
    return true;
}

/* ---- day/month order ---------------------------------------------------- */

static bool in_list(const char *w, size_t n, const char *const *list)
{
    char buf[32];
    if (!fold_word(w, n, buf))
        return false;
    for (size_t k = 0; list[k]; k++)
        if (!strcmp(buf, list[k]))
            return true;
    return false;
}

/* Words before a month name that make it a date reference ("in May",
 * "early May"), and those that point forward (possibly a future month). */
static const char *const month_lead[] = {
    "in", "early", "late", "mid", "since", "of", "last", "this", "on", "from",
    "through", "during", "until", "till", "by", "before", "after", "next",
    "between", "and", "to", "throughout", NULL};
static const char *const future_lead[] = {
    "next", "until", "till", "by", "coming", "upcoming", NULL};

/* Scans the whole text once for date evidence: numeric dates whose order
 * is certain (31/05/2025), written styles ("7 June" against "June 7"),
 * and months that the text refers to (for the content check). */
void rift_meta_scan_dates(const char *t, size_t len, int year, rift_date_evidence *ev)
{
    memset(ev, 0, sizeof *ev);
    /* numeric dates: every '/' found by memchr, digits on both sides */
    const char *p = t, *end = t + len;
    while ((p = memchr(p, '/', (size_t)(end - p))) != NULL) {
        size_t at = (size_t)(p - t);
        p++;
        if (at == 0 || !is_digit(t[at - 1]))
            continue;
        size_t a0 = at;
        while (a0 > 0 && is_digit(t[a0 - 1]) && at - a0 < 3)
            a0--;
        if (at - a0 > 2 || (a0 > 0 && (is_digit(t[a0 - 1]) || t[a0 - 1] == '/')))
            continue;
        size_t b = at + 1, b0 = b;
        int va = 0, vb = 0;
        for (size_t k = a0; k < at; k++)
            va = va * 10 + (t[k] - '0');
        while (b < len && is_digit(t[b]) && b - b0 < 3)
            vb = vb * 10 + (t[b++] - '0');
        if (b == b0 || b - b0 > 2)
            continue;
        /* a following /year is optional; a fraction like 1/2 is not a date
         * unless a year follows */
        if (b >= len || t[b] != '/' || b + 1 >= len || !is_digit(t[b + 1]))
            continue;
        if (va >= 1 && va <= 31 && vb >= 1 && vb <= 31) {
            if (va > 12 && vb <= 12)
                ev->numeric_dmy++;
            else if (vb > 12 && va <= 12)
                ev->numeric_mdy++;
        }
        p = t + b;
    }
    /* month names: capitalised words only */
    size_t i = 0;
    size_t prev_s = 0, prev_e = 0; /* previous word */
    while (i < len) {
        char c = t[i];
        if (!is_alpha(c)) {
            i++;
            continue;
        }
        size_t s = i;
        while (i < len && is_alpha(t[i]))
            i++;
        size_t wl = i - s;
        int mo = 0;
        if (is_upper(c) && wl >= 3 && wl <= 9 && (s == 0 || !is_alpha(t[s - 1])))
            mo = rift_month_from_word(t + s, wl);
        if (mo && wl == 3 && mo != 5 && !(i < len && t[i] == '.'))
            mo = 0; /* "Mar" and the like only as "Mar." */
        if (mo) {
            /* what follows: a day number, a year */
            size_t j = i;
            if (j < len && t[j] == '.')
                j++;
            while (j < len && t[j] == ' ')
                j++;
            int v = 0, k = 0;
            while (j + k < len && is_digit(t[j + k]) && k < 5)
                v = v * 10 + (t[j + k] - '0'), k++;
            size_t after = j + (size_t)k;
            bool day_after = k >= 1 && k <= 2 && v >= 1 && v <= 31 &&
                             !(after < len && (t[after] == ':' ||
                                               (t[after] == '.' && after + 1 < len &&
                                                is_digit(t[after + 1]))));
            int mention_year = k == 4 ? v : -1;
            if (day_after) { /* "June 7, 2025" */
                size_t y = j + (size_t)k;
                while (y < len && (t[y] == ',' || t[y] == ' '))
                    y++;
                int yv = 0, yk = 0;
                while (y + yk < len && is_digit(t[y + yk]) && yk < 5)
                    yv = yv * 10 + (t[y + yk] - '0'), yk++;
                if (yk == 4)
                    mention_year = yv;
            }
            /* a day number just before: "7 June" */
            bool day_before = false;
            if (s >= 2 && t[s - 1] == ' ') {
                size_t q = s - 1, d0;
                /* skip an ordinal suffix */
                if (q >= 3 && is_alpha(t[q - 1]) && is_alpha(t[q - 2]) && is_digit(t[q - 3]))
                    q -= 2;
                d0 = q;
                while (d0 > 0 && is_digit(t[d0 - 1]) && q - d0 < 3)
                    d0--;
                if (q > d0 && q - d0 <= 2 && (d0 == 0 || !is_digit(t[d0 - 1]))) {
                    int dv = 0;
                    for (size_t r = d0; r < q; r++)
                        dv = dv * 10 + (t[r] - '0');
                    day_before = dv >= 1 && dv <= 31;
                }
                if (day_before && k == 4)
                    mention_year = v;
            }
            bool lead = prev_e > prev_s && in_list(t + prev_s, prev_e - prev_s, month_lead);
            if (day_before)
                ev->written_dmy++;
            else if (day_after)
                ev->written_mdy++;
            if (day_before || day_after || lead || mention_year > 0) {
                bool future = prev_e > prev_s &&
                              in_list(t + prev_s, prev_e - prev_s, future_lead);
                if (!future && (mention_year < 0 || mention_year == year) &&
                    mo > ev->latest_month) {
                    ev->latest_month = mo;
                    ev->latest_at = (uint32_t)s;
                }
            }
        }
        prev_s = s;
        prev_e = i;
    }
}

rift_date_order rift_meta_tld_order(const rift_model *m, const char *host)
{
    if (!host)
        return RIFT_DATE_ORDER_AUTO;
    size_t n = strlen(host);
    /* the host part of a URL or a bare site name */
    const char *h = strstr(host, "://");
    h = h ? h + 3 : host;
    const char *he = h;
    while (*he && *he != '/' && *he != ':' && *he != ' ' && *he != ')')
        he++;
    (void)n;
    const char *dot = NULL;
    for (const char *q = h; q < he; q++)
        if (*q == '.')
            dot = q;
    if (!dot || he - dot < 3 || he - dot > 12)
        return RIFT_DATE_ORDER_AUTO;
    const rift_lexicon *lx = rift_model_lexicon(m, "date_order");
    int v = rift_meta_lex(lx, dot, (size_t)(he - dot));
    if (v < 0 || (size_t)v >= lx->n_values || !lx->values[v])
        return RIFT_DATE_ORDER_AUTO;
    if (!strcmp(lx->values[v], "dmy"))
        return RIFT_DATE_ORDER_DMY;
    if (!strcmp(lx->values[v], "mdy"))
        return RIFT_DATE_ORDER_MDY;
    return RIFT_DATE_ORDER_AUTO;
}
