/* blocks.c: stage 2.  Splits the text into paragraphs, marks what is not
 * article text (navigation, taglines, repeated titles, share lines) and what
 * is metadata (title, dateline, byline, source line), fills the metadata the
 * article's own metadata left empty, and decides how 07/06/2025 reads.
 * Never modifies d->text and never makes tokens or sentences (segment's job).
 * The cost is one memchr per line plus work on short lines only.
 * docs/metadata.md explains every rule here and why.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A zone (header before the first body paragraph, footer after the last) is
 * only trusted when it is this short; past it every block is body. */
#define ZONE_MAX 40
/* Blocks longer than this are body paragraphs (or menus); the patterns for
 * metadata, headings and navigation only look at shorter ones. */
#define LONG_MIN 300
#define SHORT_MAX 600

enum { K_UNSET = 255 };

typedef struct binfo {
    uint32_t s, e;
    uint8_t kind;      /* rift_block_kind or K_UNSET */
    bool sent;         /* reads like a body paragraph */
    bool strong;       /* decided by a pattern whatever the zone */
    bool repeated;     /* the same text appears again later in the header */
    uint16_t words;    /* counted up to 40 */
} binfo;

typedef RIFT_VEC(binfo) binfo_vec;

/* ---- white space -------------------------------------------------------- */

/* Byte length of a white-space unit starting at s[i] (i < e), 0 if none:
 * ASCII blanks, NBSP, the U+2000 spaces, narrow NBSP, ideographic space,
 * zero-width space and the BOM. */
static int space_at(const unsigned char *s, size_t i, size_t e)
{
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xC2 && i + 1 < e && s[i + 1] == 0xA0)
        return 2;
    if (c == 0xE2 && i + 2 < e && s[i + 1] == 0x80 &&
        ((s[i + 2] >= 0x80 && s[i + 2] <= 0x8B) || s[i + 2] == 0xAF))
        return 3;
    if (c == 0xE3 && i + 2 < e && s[i + 1] == 0x80 && s[i + 2] == 0x80)
        return 3;
    if (c == 0xEF && i + 2 < e && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
        return 3;
    return 0;
}

/* Same, for the unit ending at s[e-1] (e > b). */
static int space_before(const unsigned char *s, size_t b, size_t e)
{
    unsigned char c = s[e - 1];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xA0 && e - b >= 2 && s[e - 2] == 0xC2)
        return 2;
    if (e - b >= 3 && (s[e - 3] == 0xE2 || s[e - 3] == 0xE3 || s[e - 3] == 0xEF))
        return space_at(s, e - 3, e) == 3 ? 3 : 0;
    return 0;
}

static void trim(const char *t, size_t *s, size_t *e)
{
    const unsigned char *u = (const unsigned char *)t;
    int k;
    while (*s < *e && (k = space_at(u, *s, *e)) > 0)
        *s += (size_t)k;
    while (*e > *s && (k = space_before(u, *s, *e)) > 0)
        *e -= (size_t)k;
}

/* ---- shapes of one block ------------------------------------------------ */

static bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

/* Words of a block, counted as spaces followed by a non-space when the
 * block is short; a longer one is estimated at one word per seven bytes
 * (only counts below about 30 matter to the rules, and the count is the
 * only per-byte work this stage would otherwise do on body text). */
static uint16_t count_words(const char *t, size_t s, size_t e)
{
    if (e - s > 128)
        return (uint16_t)((e - s) / 7 > 60 ? 60 : (e - s) / 7);
    unsigned w = 1;
    for (size_t i = s; i + 1 < e; i++)
        w += t[i] == ' ' && t[i + 1] != ' ';
    return (uint16_t)w;
}

/* Last code point of the block, skipping closing quotes and brackets. */
static rift_cclass end_class(const char *t, size_t s, size_t e, int32_t *cp_out)
{
    int guard = 4;
    if (e > s) { /* the common case: plain ASCII punctuation or a letter */
        unsigned char c = (unsigned char)t[e - 1];
        if (c == '.' || c == '!' || c == '?' || c == ',' || c == ':' || c == ';' ||
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            *cp_out = c;
            return rift_utf8_class(c);
        }
    }
    while (e > s && guard--) {
        int n = rift_utf8_prev_len(t, e);
        if ((size_t)n > e - s)
            n = 1;
        int m;
        int32_t cp = rift_utf8_decode(t, e, e - (size_t)n, &m);
        rift_cclass c = rift_utf8_class(cp);
        *cp_out = cp;
        if (c == RIFT_C_QUOTE || c == RIFT_C_QUOTE_R || c == RIFT_C_SQUOTE_R ||
            c == RIFT_C_APOS || cp == ')' || cp == ']') {
            e -= (size_t)n;
            continue;
        }
        return c;
    }
    *cp_out = 0;
    return RIFT_C_OTHER;
}

static bool has_lower(const char *t, size_t s, size_t e)
{
    size_t lim = e - s > 300 ? s + 300 : e;
    for (size_t i = s; i < lim; i++)
        if (is_lower_ascii(t[i]))
            return true;
    return false;
}

/* Reads like a paragraph of the article: ends like a sentence and has
 * enough words, or is long whatever its end. */
static bool sentence_like(const char *t, const binfo *b)
{
    if (b->words >= 25)
        return true;
    if (b->words < 4 || !has_lower(t, b->s, b->e))
        return false;
    int32_t cp;
    rift_cclass c = end_class(t, b->s, b->e, &cp);
    if (c == RIFT_C_PERIOD || c == RIFT_C_ELLIPSIS)
        return true;
    return c == RIFT_C_TERM && b->words >= 10;
}

static bool small_word(const char *w, size_t n)
{
    static const char *const small[] = {
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on",
        "at", "for", "with", "by", "from", "as", "vs", "via", "into", "over",
        "is", "are", "be", "its", NULL};
    for (size_t k = 0; small[k]; k++)
        if (strlen(small[k]) == n && !memcmp(small[k], w, n))
            return true;
    return false;
}

static bool starts_upper(const char *t, size_t s, size_t e)
{
    int n;
    rift_cclass c = rift_utf8_class(rift_utf8_decode(t, e, s, &n));
    return c == RIFT_C_UPPER || c == RIFT_C_DIGIT;
}

/* Words capitalised among those that are not small function words. */
static void cap_counts(const char *t, size_t s, size_t e, unsigned *caps, unsigned *sig)
{
    *caps = *sig = 0;
    size_t i = s;
    while (i < e) {
        while (i < e && t[i] == ' ')
            i++;
        size_t w = i;
        while (i < e && t[i] != ' ')
            i++;
        if (i == w)
            break;
        if (small_word(t + w, i - w))
            continue;
        int n;
        rift_cclass c = rift_utf8_class(rift_utf8_decode(t, i, w, &n));
        if (c == RIFT_C_LOWER || c == RIFT_C_UPPER) {
            (*sig)++;
            *caps += c == RIFT_C_UPPER;
        }
    }
}

/* A short block that still ends like a sentence ("He declined.",
 * a one-line quote): article text wherever it stands. */
static bool short_sentence(const char *t, const binfo *b)
{
    if (b->words < 2 || !has_lower(t, b->s, b->e))
        return false;
    int32_t cp;
    rift_cclass c = end_class(t, b->s, b->e, &cp);
    return c == RIFT_C_PERIOD || c == RIFT_C_TERM || c == RIFT_C_ELLIPSIS;
}

/* A subheading: short, capitalised start, no closing punctuation,
 * title-cased (or at most four words). */
static bool heading_shape(const char *t, const binfo *b)
{
    if (b->e - b->s > 120 || b->words == 0 || b->words > 12)
        return false;
    if (!starts_upper(t, b->s, b->e))
        return false;
    int32_t cp;
    rift_cclass c = end_class(t, b->s, b->e, &cp);
    if (c == RIFT_C_PERIOD || cp == ',' || cp == ';' || cp == ':' ||
        c == RIFT_C_ELLIPSIS || c == RIFT_C_DASH || c == RIFT_C_HYPHEN)
        return false;
    /* a closing quote at the end means a quoted sentence */
    if (end_class(t, b->e - 1, b->e, &cp) == RIFT_C_QUOTE_R)
        return false;
    if (b->words <= 4)
        return true;
    unsigned caps, sig;
    cap_counts(t, b->s, b->e, &caps, &sig);
    return sig > 0 && caps + 1 >= sig && caps * 4 >= sig * 3;
}

/* A title line: like a heading but it may be long and sentence-cased. */
static bool title_shape(const char *t, const binfo *b)
{
    if (b->e - b->s > 300 || b->words < 2 || b->words > 30)
        return false;
    int n;
    rift_cclass c0 = rift_utf8_class(rift_utf8_decode(t, b->e, b->s, &n));
    if (c0 != RIFT_C_UPPER && c0 != RIFT_C_DIGIT && c0 != RIFT_C_QUOTE_L &&
        c0 != RIFT_C_QUOTE && c0 != RIFT_C_SQUOTE_L)
        return false;
    int32_t cp;
    rift_cclass c = end_class(t, b->s, b->e, &cp);
    return c != RIFT_C_PERIOD && cp != ',' && cp != ';' && cp != ':';
}

/* ---- navigation and menus ----------------------------------------------- */

/* The start of a line folded for lookups: ASCII lower case, the curly
 * apostrophe as '; stops at the first other non-ASCII byte.  Returns the
 * folded length; *src_end receives how many source bytes it covers. */
#define NAV_FOLD 48
static size_t nav_fold(const char *t, size_t s, size_t e, char *buf, size_t *src_end)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t m = 0, i = s;
    while (i < e && m < NAV_FOLD) {
        unsigned char c = u[i];
        if (c == 0xE2 && i + 2 < e && u[i + 1] == 0x80 && u[i + 2] == 0x99) {
            buf[m++] = '\'';
            i += 3;
        } else if (c >= 0x80) {
            break;
        } else {
            buf[m++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
        }
    }
    *src_end = i;
    return m;
}

/* Lookup of buf[0..n) without trailing punctuation. */
static int nav_find(const rift_lexicon *lx, const char *buf, size_t n)
{
    while (n && (buf[n - 1] == ':' || buf[n - 1] == '.' || buf[n - 1] == ' ' ||
                 buf[n - 1] == '>' || buf[n - 1] == '-'))
        n--;
    return n ? rift_lexicon_find(lx, buf, n) : -1;
}

static bool nav_value_is(const rift_lexicon *lx, int v, const char *what)
{
    return v >= 0 && (size_t)v < lx->n_values && lx->values[v] &&
           !strcmp(lx->values[v], what);
}

/* Site navigation, share/subscribe/follow lines, copyright lines: 1, or 2
 * for the heading of a list of links to other articles ("Related",
 * "ALSO READ"; entries marked "list"); 0 for anything else. */
static int navigation(const rift_lexicon *lx, const char *t, const binfo *b)
{
    size_t s = b->s, e = b->e, len = e - s;
    const unsigned char *u = (const unsigned char *)t;
    if ((u[s] == 0xC2 && len > 1 && u[s + 1] == 0xA9) || /* © */
        (len > 3 && (t[s] == '(' && (t[s + 1] | 32) == 'c' && t[s + 2] == ')')))
        return 1;
    if (len > 160 || !((t[s] | 32) >= 'a' && (t[s] | 32) <= 'z'))
        return 0;
    char buf[NAV_FOLD] = {0};
    size_t covered, n = nav_fold(t, s, e, buf, &covered);
    /* the whole line */
    if (covered == e) {
        int v = nav_find(lx, buf, n);
        if (v >= 0)
            return nav_value_is(lx, v, "list") || nav_value_is(lx, v, "start-list") ? 2 : 1;
    }
    /* its first one to four words: only entries marked "start" */
    size_t i = 0;
    for (int w = 0; w < 4 && i < n; w++) {
        while (i < n && buf[i] != ' ')
            i++;
        if (i == n && covered == e)
            break; /* the whole line, already looked up */
        int v = nav_find(lx, buf, i);
        if (nav_value_is(lx, v, "start") || nav_value_is(lx, v, "start-list"))
            return 1;
        while (i < n && buf[i] == ' ')
            i++;
    }
    /* "All rights reserved" anywhere in a short line */
    return len <= 120 && memmem(t + s, len, "ights reserved", 14) != NULL;
}

/* After a list heading ("Related", "ALSO READ"), the headlines that
 * follow, up to the first block that reads like a paragraph, are links to
 * other articles. */
#define LIST_MAX 30
static void mark_link_list(const char *t, binfo *B, size_t nb, size_t head)
{
    for (size_t j = head + 1; j < nb && j <= head + LIST_MAX; j++) {
        binfo *b = &B[j];
        if (b->strong && b->kind != RIFT_BLOCK_BOILERPLATE)
            break;
        if (b->sent || b->words > 20 || !title_shape(t, b))
            break;
        b->kind = RIFT_BLOCK_BOILERPLATE;
        b->strong = true;
    }
}

/* A menu: three or more items separated by | • · » with short items. */
static bool menu(const char *t, const binfo *b)
{
    size_t len = b->e - b->s;
    if (len > SHORT_MAX)
        return false;
    const unsigned char *u = (const unsigned char *)t;
    /* a menu needs two separators: first count the bytes that can begin
     * one (| and the lead bytes of • · »), which most lines lack */
    unsigned cand = 0;
    for (size_t i = b->s; i < b->e; i++)
        cand += u[i] == '|' || u[i] == 0xE2 || u[i] == 0xC2;
    if (cand < 2)
        return false;
    unsigned seps = 0, item_words = 0, max_item = 0;
    bool in = false;
    for (size_t i = b->s; i < b->e; i++) {
        bool sep = u[i] == '|' ||
                   (u[i] == 0xE2 && i + 2 < b->e && u[i + 1] == 0x80 && u[i + 2] == 0xA2) ||
                   (u[i] == 0xC2 && i + 1 < b->e && (u[i + 1] == 0xB7 || u[i + 1] == 0xBB));
        if (sep) {
            seps++;
            if (item_words > max_item)
                max_item = item_words;
            item_words = 0;
            in = false;
            continue;
        }
        bool sp = u[i] == ' ';
        if (!sp && !in)
            item_words++;
        in = !sp;
        if (u[i] == '.' && i + 1 < b->e && u[i + 1] == ' ')
            return false; /* a sentence inside */
    }
    if (item_words > max_item)
        max_item = item_words;
    return seps >= 2 && max_item <= 4;
}

/* ---- dates -------------------------------------------------------------- */

/* Some d/m or m/d date in the text that both orders can read. */
static bool text_has_ambiguous_slash(const char *t, size_t len)
{
    const char *p = t, *end = t + len;
    while ((p = memchr(p, '/', (size_t)(end - p))) != NULL) {
        size_t at = (size_t)(p - t);
        p++;
        if (at == 0 || at + 1 >= len)
            continue;
        int a = t[at - 1] - '0', b = t[at + 1] - '0';
        if (a < 0 || a > 9 || b < 0 || b > 9)
            continue;
        if (at >= 2 && t[at - 2] >= '0' && t[at - 2] <= '9')
            a += 10 * (t[at - 2] - '0');
        size_t y = at + 2;
        if (y < len && t[y] >= '0' && t[y] <= '9')
            b = b * 10 + (t[y++] - '0');
        if (a >= 1 && a <= 12 && b >= 1 && b <= 12 && a != b &&
            y + 1 < len && t[y] == '/' && t[y + 1] >= '0' && t[y + 1] <= '9')
            return true;
    }
    return false;
}

static const char *order_word(rift_date_order o)
{
    return o == RIFT_DATE_ORDER_DMY ? "day/month" : "month/day";
}

/* Decides d->date_order and, when the dateline is numeric and ambiguous,
 * its reading; returns the note saying why (NULL when nothing was in
 * doubt).  Evidence, strongest first: the option; the metadata date; other
 * numeric dates in the text; the content (an article is not dated before
 * the months it reports); written dates in the text; the source's country
 * domain; the closest reading after the months reported; else month/day. */
static const char *decide_order(rift_doc *d, const rift_dateline *dl, size_t dl_len,
                                const char *dl_text)
{
    const rift_model *m = d->model;
    bool amb = dl && dl->ambiguous;
    char shown[40] = "";
    if (amb)
        snprintf(shown, sizeof shown, "%.*s", (int)(dl_len < 30 ? dl_len : 30), dl_text);
    if (d->opt.date_order != RIFT_DATE_ORDER_AUTO) {
        d->date_order = d->opt.date_order;
        return amb ? rift_arena_printf(&d->arena, "%s read as %s: the date-order option",
                                       shown, order_word(d->date_order))
                   : NULL;
    }
    if (amb && d->anchor.set) {
        int y = d->anchor.y, mo = d->anchor.m, dd = d->anchor.d;
        if (y == dl->y) {
            if (mo == dl->b && dd == dl->a) {
                d->date_order = RIFT_DATE_ORDER_DMY;
                return rift_arena_printf(&d->arena, "%s read as day/month: the metadata date agrees", shown);
            }
            if (mo == dl->a && dd == dl->b) {
                d->date_order = RIFT_DATE_ORDER_MDY;
                return rift_arena_printf(&d->arena, "%s read as month/day: the metadata date agrees", shown);
            }
        }
    }
    rift_date_order tld = rift_meta_tld_order(m, d->meta.url);
    if (tld == RIFT_DATE_ORDER_AUTO)
        tld = rift_meta_tld_order(m, d->meta.source);
    if (!amb && !text_has_ambiguous_slash(d->text, d->len)) {
        /* nothing in doubt: a cheap guess for later stages */
        if (tld != RIFT_DATE_ORDER_AUTO)
            d->date_order = tld;
        else if (dl && dl->style != RIFT_DATE_ORDER_AUTO)
            d->date_order = dl->style;
        else
            d->date_order = RIFT_DATE_ORDER_MDY;
        return NULL;
    }
    rift_date_evidence ev;
    rift_meta_scan_dates(d->text, d->len, dl ? dl->y : 0, &ev);
    rift_date_order o = RIFT_DATE_ORDER_AUTO;
    const char *why = NULL;
    if (ev.numeric_dmy != ev.numeric_mdy) {
        o = ev.numeric_dmy > ev.numeric_mdy ? RIFT_DATE_ORDER_DMY : RIFT_DATE_ORDER_MDY;
        why = rift_arena_printf(&d->arena, "other numeric dates in the text are %s (%d against %d)",
                                order_word(o),
                                o == RIFT_DATE_ORDER_DMY ? ev.numeric_dmy : ev.numeric_mdy,
                                o == RIFT_DATE_ORDER_DMY ? ev.numeric_mdy : ev.numeric_dmy);
    }
    /* content: readings dated before the latest month the text reports */
    bool dmy_ok = false, mdy_ok = false;
    if (amb && ev.latest_month) {
        dmy_ok = dl->b >= ev.latest_month;
        mdy_ok = dl->a >= ev.latest_month;
    }
    if (!o && amb && dmy_ok != mdy_ok) {
        o = dmy_ok ? RIFT_DATE_ORDER_DMY : RIFT_DATE_ORDER_MDY;
        int bad_m = dmy_ok ? dl->a : dl->b, bad_d = dmy_ok ? dl->b : dl->a;
        why = rift_arena_printf(&d->arena,
            "the text reports %s, so the article cannot be dated %s %d (content)",
            rift_month_name(ev.latest_month), rift_month_name(bad_m), bad_d);
    }
    if (!o && ev.written_dmy != ev.written_mdy) {
        o = ev.written_dmy > ev.written_mdy ? RIFT_DATE_ORDER_DMY : RIFT_DATE_ORDER_MDY;
        why = rift_arena_printf(&d->arena, "the text writes dates %s (%d against %d)",
                                o == RIFT_DATE_ORDER_DMY ? "as \"7 June\"" : "as \"June 7\"",
                                o == RIFT_DATE_ORDER_DMY ? ev.written_dmy : ev.written_mdy,
                                o == RIFT_DATE_ORDER_DMY ? ev.written_mdy : ev.written_dmy);
    }
    if (!o && tld) {
        o = tld;
        why = rift_arena_printf(&d->arena, "the source's country domain writes %s",
                                order_word(o));
    }
    if (!o && amb && dmy_ok && mdy_ok) {
        o = dl->b < dl->a ? RIFT_DATE_ORDER_DMY : RIFT_DATE_ORDER_MDY;
        int cm = o == RIFT_DATE_ORDER_DMY ? dl->b : dl->a;
        int cd = o == RIFT_DATE_ORDER_DMY ? dl->a : dl->b;
        why = rift_arena_printf(&d->arena,
            "the latest month the text reports is %s; both readings follow it and "
            "%s %d is the closer (content)",
            rift_month_name(ev.latest_month), rift_month_name(cm), cd);
    }
    if (!o) {
        o = RIFT_DATE_ORDER_MDY;
        why = "no evidence either way; month/day by default";
    }
    d->date_order = o;
    if (!amb)
        return NULL;
    return rift_arena_printf(&d->arena, "%s read as %s: %s", shown, order_word(o), why);
}

/* ---- the stage ---------------------------------------------------------- */

/* Splits into blocks: one per line, or, when the text is hard-wrapped
 * (most lines filled to a similar width), consecutive lines joined until a
 * blank line or a line that stops well short of the width. */
static void split(rift_doc *d, binfo_vec *out)
{
    binfo_vec lines = {0};
    const char *t = d->text;
    size_t n = d->len, i = 0;
    unsigned hist[161] = {0};
    size_t nonblank = 0, longer = 0;
    bool gap = false;
    RIFT_VEC(uint8_t) gaps = {0};
    while (i < n) {
        const char *nl = memchr(t + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - t) : n, s = i;
        i = nl ? e + 1 : n;
        trim(t, &s, &e);
        if (e == s) {
            gap = true;
            continue;
        }
        RIFT_VEC_PUSH(lines, ((binfo){(uint32_t)s, (uint32_t)e, K_UNSET, 0, 0, 0, 0}));
        RIFT_VEC_PUSH(gaps, (uint8_t)gap);
        gap = false;
        nonblank++;
        if (e - s <= 160)
            hist[e - s]++;
        else
            longer++;
    }
    /* hard-wrapped: the width W is the 80th percentile of line lengths;
     * at least half the lines lie within 25% of it, and most of those stop
     * mid-sentence (a text with one paragraph per line ends its lines with
     * a full stop) */
    size_t width = 0;
    if (nonblank >= 3 && longer * 10 < nonblank) {
        size_t want = (nonblank - longer) * 8 / 10, acc = 0, w = 0;
        for (w = 0; w <= 160; w++) {
            acc += hist[w];
            if (acc >= want)
                break;
        }
        size_t near = 0, open = 0;
        for (size_t k = 0; k < lines.n; k++) {
            size_t l = lines.v[k].e - lines.v[k].s;
            if (l * 4 < w * 3 || l > w + 5)
                continue;
            near++;
            char c = t[lines.v[k].e - 1];
            open += c != '.' && c != '!' && c != '?' && c != ':' && c != '"' &&
                    (unsigned char)c != 0x9D; /* last byte of ” */
        }
        if (w >= 30 && w <= 110 && near * 2 >= nonblank && open * 3 >= near * 2)
            width = w;
    }
    for (size_t k = 0; k < lines.n; k++) {
        binfo b = lines.v[k];
        if (width && out->n && !gaps.v[k] && k > 0) {
            binfo *prev = &out->v[out->n - 1];
            size_t prev_line = lines.v[k - 1].e - lines.v[k - 1].s;
            if (prev_line * 10 >= width * 7) {
                prev->e = b.e;
                continue;
            }
        }
        RIFT_VEC_PUSH(*out, b);
    }
    free(lines.v);
    free(gaps.v);
}

static bool same_text(const char *t, const binfo *a, const binfo *b)
{
    return a->e - a->s == b->e - b->s && !memcmp(t + a->s, t + b->s, a->e - a->s);
}

static bool equals_ci(const char *t, const binfo *b, const char *s)
{
    size_t n = strlen(s);
    if (n != b->e - b->s)
        return false;
    for (size_t i = 0; i < n; i++) {
        char x = t[b->s + i], y = s[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

/* A lone name in the header needs more than its shape: an initial
 * ("Jane Q. Doe") or a first name the lexicon knows. */
static bool header_name(const rift_doc *d, const binfo *b)
{
    const char *t = d->text;
    if (!rift_meta_name_shape(t + b->s, b->e - b->s))
        return false;
    for (size_t i = b->s + 1; i + 1 < b->e; i++)
        if (t[i] == '.' && t[i - 1] >= 'A' && t[i - 1] <= 'Z' && t[i + 1] == ' ')
            return true;
    const char *names[] = {"first_names", "given_names", NULL};
    size_t w = b->s;
    while (w < b->e && t[w] != ' ')
        w++;
    char buf[64];
    if (w - b->s >= sizeof buf)
        return false;
    for (size_t k = 0; k < w - b->s; k++) {
        char c = t[b->s + k];
        buf[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (size_t k = 0; names[k]; k++)
        if (rift_lexicon_find(rift_model_lexicon(d->model, names[k]), buf, w - b->s) >= 0)
            return true;
    return false;
}

/* "By Jane Doe, Reuters", "By Jane Doe | AP": an outlet after the name. */
static void byline_outlet(const rift_model *m, const char *t, size_t s, size_t e,
                          size_t *os, size_t *oe)
{
    while (s < e && (t[s] == ' ' || t[s] == ',' || t[s] == '|' || t[s] == '-'))
        s++;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '.'))
        e--;
    if (e > s && rift_meta_outlet(m, t + s, e - s))
        *os = s, *oe = e;
}

/* The reference date for relative dates and for datelines without a
 * year: the date given for undated articles (--date), when there is one. */
static bool reference_date(const rift_doc *d, int *y, int *m, int *dd)
{
    const char *r = d->opt.default_date;
    return r && rift_date_parse(r, strlen(r), y, m, dd);
}

/* The wire dateline opening the first paragraph: its date when no
 * dateline block gave one, its outlet.  A date without a year ("June 5")
 * takes the latest year that does not put it after the reference date. */
static void wire_meta(rift_doc *d, const binfo *b, long *date_block, size_t first,
                      rift_dateline *dl, size_t *os, size_t *oe)
{
    rift_wire w;
    if (b->kind != RIFT_BLOCK_TEXT || !rift_meta_wire(d->model, d->text + b->s, b->e - b->s, &w))
        return;
    if (w.outlet_e > w.outlet_s) {
        *os = b->s + w.outlet_s;
        *oe = b->s + w.outlet_e;
    }
    int ry, rm, rd;
    if (w.has_date && w.no_year && reference_date(d, &ry, &rm, &rd)) {
        w.date.y = w.date.m > rm || (w.date.m == rm && w.date.d > rd) ? ry - 1 : ry;
        w.no_year = !rift_date_valid(w.date.y, w.date.m, w.date.d);
    }
    if (*date_block < 0 && w.has_date && !w.no_year) {
        *date_block = (long)first;
        *dl = w.date;
    }
}

/* "... said. -AP" closing a block, or "— Reuters" on a line of its own: the
 * outlet's span; *own set for the latter.  Only the last 48 bytes are read. */
static bool tail_outlet(const rift_model *m, const char *t, const binfo *b,
                        size_t *os, size_t *oe, bool *own)
{
    size_t from = b->e - b->s > 48 ? b->e - 48 : b->s, ts, te;
    if (!rift_meta_tail_outlet(m, t + from, b->e - from, &ts, &te))
        return false;
    *os = from + ts;
    *oe = from + te;
    *own = from == b->s && (t[b->s] == '-' || (unsigned char)t[b->s] == 0xE2);
    return true;
}

void rift_stage_blocks(rift_doc *d)
{
    binfo_vec v = {0};
    split(d, &v);
    const char *t = d->text;
    const rift_lexicon *nav = rift_model_lexicon(d->model, "navigation");
    size_t nb = v.n;
    binfo *B = v.v;
    long date_block = -1, src_block = -1, by_block = -1, title_block = -1;
    rift_dateline dl = {0};
    size_t by_s = 0, by_e = 0, src_s = 0, src_e = 0, out_s = 0, out_e = 0;
    size_t tail_s = 0, tail_e = 0, wire_s = 0, wire_e = 0;
    long rel_block = -1;
    int rel_days = 0;
    unsigned list_heads = 0;

    /* 1. features, and the patterns that hold in any zone.  Long blocks
     * are body paragraphs unless they look like a menu: no per-byte work
     * on them beyond the line split. */
    for (size_t i = 0; i < nb; i++) {
        binfo *b = &B[i];
        size_t len = b->e - b->s;
        if (len > LONG_MIN) {
            b->words = 60;
            int32_t cp;
            rift_cclass c = end_class(t, b->s, b->e, &cp);
            if (c != RIFT_C_PERIOD && c != RIFT_C_TERM && c != RIFT_C_ELLIPSIS &&
                menu(t, b)) {
                b->kind = RIFT_BLOCK_BOILERPLATE;
                b->strong = true;
            } else {
                b->sent = true;
            }
            size_t ts, te;
            bool own;
            if (tail_outlet(d->model, t, b, &ts, &te, &own))
                tail_s = ts, tail_e = te;
            continue;
        }
        size_t ts, te;
        bool own = false, sent;
        if (tail_outlet(d->model, t, b, &ts, &te, &own) && !own) {
            /* the paragraph without its tail decides what it is */
            tail_s = ts, tail_e = te;
            binfo cut = *b;
            size_t cs = b->s, ce = ts;
            while (ce > cs && (t[ce - 1] == ' ' || t[ce - 1] == '-'))
                ce--;
            if (ce >= cs + 3 && (unsigned char)t[ce - 3] == 0xE2)
                ce -= 3; /* an em or en dash */
            trim(t, &cs, &ce);
            cut.s = (uint32_t)cs;
            cut.e = (uint32_t)ce;
            b->words = count_words(t, cs, ce);
            cut.words = b->words;
            sent = sentence_like(t, &cut);
        } else {
            b->words = count_words(t, b->s, b->e);
            sent = sentence_like(t, b);
        }
        rift_dateline x;
        size_t ps, pe;
        int back;
        if (rift_meta_dateline(d->model, t + b->s, len, &x)) {
            b->kind = RIFT_BLOCK_DATELINE;
            if (date_block < 0)
                date_block = (long)i, dl = x;
        } else if (rift_meta_source(t + b->s, len, &ps, &pe)) {
            b->kind = RIFT_BLOCK_SOURCE;
            if (src_block < 0)
                src_block = (long)i, src_s = b->s + ps, src_e = b->s + pe;
        } else if (rift_meta_relative(d->model, t + b->s, len, &back)) {
            b->kind = RIFT_BLOCK_DATELINE;
            if (rel_block < 0)
                rel_block = (long)i, rel_days = back;
        } else if (rift_meta_byline(t + b->s, len, &ps, &pe) ||
                   rift_meta_credits(t + b->s, len, &ps, &pe)) {
            b->kind = RIFT_BLOCK_BYLINE;
            if (by_block < 0)
                by_block = (long)i, by_s = b->s + ps, by_e = b->s + pe;
            if (!out_e)
                byline_outlet(d->model, t, b->s + pe, b->e, &out_s, &out_e);
        } else if (own) {
            b->kind = RIFT_BLOCK_SOURCE; /* a line of its own: "-AP" */
            tail_s = ts, tail_e = te;
        } else {
            int nv = navigation(nav, t, b);
            if (nv || (!sent && menu(t, b)))
                b->kind = RIFT_BLOCK_BOILERPLATE;
            if (nv == 2)
                list_heads++;
        }
        b->strong = b->kind != K_UNSET;
        b->sent = !b->strong && sent;
    }
    /* headlines under "Related" or "ALSO READ" */
    for (size_t i = 0; list_heads && i < nb; i++)
        if (B[i].kind == RIFT_BLOCK_BOILERPLATE && B[i].e - B[i].s <= LONG_MIN &&
            navigation(nav, t, &B[i]) == 2)
            mark_link_list(t, B, nb, i);

    /* 2. zones: the header runs to the first body paragraph, the footer
     * from the last one; both only when short */
    size_t first = nb, last = 0;
    for (size_t i = 0; i < nb; i++)
        if (B[i].sent) {
            first = i;
            break;
        }
    for (size_t i = nb; i-- > 0;)
        if (B[i].sent) {
            last = i;
            break;
        }
    if (first == nb) { /* no paragraph at all: everything is body */
        first = 0;
        last = nb ? nb - 1 : 0;
    }
    size_t head_end = first <= ZONE_MAX ? first : 0;
    size_t foot_start = nb - last - 1 <= ZONE_MAX ? last + 1 : nb;

    /* 3. header: repeats, the title, names, the rest is site furniture */
    for (size_t i = 0; i < head_end; i++) {
        if (B[i].strong)
            continue;
        for (size_t j = 0; j < i; j++)
            if (!B[j].strong && same_text(t, &B[i], &B[j])) {
                B[i].kind = RIFT_BLOCK_BOILERPLATE;
                B[j].repeated = true;
                break;
            }
    }
    for (size_t i = 0; i < head_end && title_block < 0; i++)
        if (B[i].kind == K_UNSET && d->meta.title && equals_ci(t, &B[i], d->meta.title))
            title_block = (long)i;
    for (size_t i = 0; i < head_end && title_block < 0; i++)
        if (B[i].kind == K_UNSET && B[i].repeated && title_shape(t, &B[i]))
            title_block = (long)i;
    /* else the title-shaped block with the most words (a site's name or
     * tagline is usually shorter than a headline); on a tie the one
     * closer to the body */
    if (title_block < 0) {
        unsigned best = 0;
        for (size_t i = 0; i < head_end; i++)
            if (B[i].kind == K_UNSET && B[i].words >= 3 && B[i].words >= best &&
                title_shape(t, &B[i]) && !header_name(d, &B[i])) {
                best = B[i].words;
                title_block = (long)i;
            }
    }
    if (title_block >= 0)
        B[title_block].kind = RIFT_BLOCK_TITLE;
    for (size_t i = 0; i < head_end; i++) {
        if (B[i].kind != K_UNSET)
            continue;
        if (header_name(d, &B[i])) {
            B[i].kind = RIFT_BLOCK_BYLINE;
            if (by_block < 0)
                by_block = (long)i, by_s = B[i].s, by_e = B[i].e;
        } else {
            B[i].kind = B[i].words >= 12 || short_sentence(t, &B[i])
                            ? RIFT_BLOCK_TEXT : RIFT_BLOCK_BOILERPLATE;
        }
    }

    /* 4. body: paragraphs and subheadings */
    for (size_t i = head_end; i < foot_start; i++) {
        if (B[i].kind != K_UNSET)
            continue;
        if (!B[i].sent && i > first && i < last && heading_shape(t, &B[i]))
            B[i].kind = RIFT_BLOCK_HEADING;
        else
            B[i].kind = RIFT_BLOCK_TEXT;
    }

    /* 5. footer: a lone name is the author; short lines are furniture */
    for (size_t i = foot_start; i < nb; i++) {
        if (B[i].kind != K_UNSET)
            continue;
        if (rift_meta_name_shape(t + B[i].s, B[i].e - B[i].s)) {
            B[i].kind = RIFT_BLOCK_BYLINE;
            if (by_block < 0)
                by_block = (long)i, by_s = B[i].s, by_e = B[i].e;
        } else {
            B[i].kind = B[i].words >= 12 || short_sentence(t, &B[i])
                            ? RIFT_BLOCK_TEXT : RIFT_BLOCK_BOILERPLATE;
        }
    }

    /* 6. metadata the article's own metadata left empty */
    if (!d->meta.title && title_block >= 0)
        d->meta.title = rift_arena_strndup(&d->arena, t + B[title_block].s,
                                           B[title_block].e - B[title_block].s);
    if (!d->meta.author && by_block >= 0 && by_e > by_s)
        d->meta.author = rift_arena_strndup(&d->arena, t + by_s, by_e - by_s);
    /* wire copy: the dateline opening the first paragraph ("PORT HALVARD,
     * March 23, 2026 — ...", "KIEV (Reuters) - ...") dates the article when
     * no dateline block did and names the outlet; the block stays text */
    if (first < nb)
        wire_meta(d, &B[first], &date_block, first, &dl, &wire_s, &wire_e);
    /* the outlet: a source line, else the wire dateline's agency, else one
     * after the byline's name, else a closing tail */
    if (src_e <= src_s)
        src_s = wire_s, src_e = wire_e;
    if (src_e <= src_s)
        src_s = out_s, src_e = out_e;
    if (src_e <= src_s)
        src_s = tail_s, src_e = tail_e;
    if (!d->meta.source && src_e > src_s)
        d->meta.source = rift_arena_strndup(&d->arena, t + src_s, src_e - src_s);
    const char *note = decide_order(d, date_block >= 0 ? &dl : NULL,
                                    date_block >= 0 ? B[date_block].e - B[date_block].s : 0,
                                    date_block >= 0 ? t + B[date_block].s : NULL);
    if (date_block >= 0 && !d->meta.date) {
        int y = dl.y, mo = dl.m, dd = dl.d;
        if (dl.ambiguous) {
            mo = d->date_order == RIFT_DATE_ORDER_DMY ? dl.b : dl.a;
            dd = d->date_order == RIFT_DATE_ORDER_DMY ? dl.a : dl.b;
        }
        rift_doc_set_date(d, y, mo, dd, RIFT_DATE_TEXT);
        if (note)
            d->meta.date_note = note;
    }
    /* "Published 3 hours ago": counted back from the reference date */
    int ry, rm, rd;
    if (rel_block >= 0 && !d->meta.date && reference_date(d, &ry, &rm, &rd)) {
        int y, mo, dd;
        rift_civil_from_days(rift_days_from_civil(ry, rm, rd) - rel_days, &y, &mo, &dd);
        rift_doc_set_date(d, y, mo, dd, RIFT_DATE_TEXT);
        d->meta.date_note = rift_arena_printf(&d->arena, "\"%.*s\" counted back from %s",
            (int)(B[rel_block].e - B[rel_block].s), t + B[rel_block].s, d->opt.default_date);
    }

    rift_block *out = rift_arena_alloc(&d->arena, (nb ? nb : 1) * sizeof *out);
    for (size_t i = 0; i < nb; i++)
        out[i] = (rift_block){B[i].s, B[i].e, (rift_block_kind)B[i].kind};
    d->blocks = out;
    d->n_blocks = nb;
    free(v.v);
}
