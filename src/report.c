/* report.c: the store as one self-contained HTML page (rift report): corpus
 * counts, stories, relationship charts in inline SVG, quotes, actors.  The
 * library's only HTML writer: every string from the store is escaped here.
 * Must never print, exit, touch files or reference anything outside the page.
 */
#include "report_int.h"
#include "store_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct rep {
    rift_store *st;
    rift_buf b;
    rift_arena ar;
    rift_report_options o;
    rift_status err;
    long stories;       /* in the store */
} rep;

/* ---- escaping ------------------------------------------------------------- */

/* Text or attribute value: markup characters as entities, control bytes as
 * spaces, invalid UTF-8 as U+FFFD; at most max bytes of the source (0: all),
 * cut at a character and marked with an ellipsis. */
static void esc_n(rift_buf *b, const char *s, size_t len, size_t max)
{
    bool cut = false;
    if (max && len > max) {
        len = max;
        cut = true;
    }
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '&': rift_buf_puts(b, "&amp;"); break;
            case '<': rift_buf_puts(b, "&lt;"); break;
            case '>': rift_buf_puts(b, "&gt;"); break;
            case '"': rift_buf_puts(b, "&quot;"); break;
            case '\'': rift_buf_puts(b, "&#39;"); break;
            default: rift_buf_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c); break;
            }
            i++;
            continue;
        }
        int n;
        int32_t cp = rift_utf8_decode(s, len, i, &n);
        if ((cp == 0xFFFD && n == 1) || (cp >= 0x80 && cp < 0xA0))
            rift_buf_puts(b, cp == 0xFFFD ? "\xEF\xBF\xBD" : " ");
        else
            rift_buf_put(b, s + i, (size_t)n);
        i += (size_t)n;
    }
    if (cut)
        rift_buf_puts(b, "\xE2\x80\xA6");
}

static void esc(rift_buf *b, const char *s)
{
    if (s)
        esc_n(b, s, strlen(s), 0);
}

static void esc_max(rift_buf *b, const char *s, size_t max)
{
    if (s)
        esc_n(b, s, strlen(s), max);
}

/* s, or a dash when it is NULL or empty */
static void esc_or_dash(rift_buf *b, const char *s)
{
    if (s && *s)
        esc(b, s);
    else
        rift_buf_puts(b, "\xE2\x80\x94");
}

/* Opens a link to an article's address when it is http(s) (nothing else is
 * ever linked: no javascript:, no file:); false, with nothing written, else. */
static bool link_open(rift_buf *b, const char *url)
{
    if (!url || (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8)) ||
        strpbrk(url, " \t\r\n\"<>"))
        return false;
    rift_buf_puts(b, "<a href=\"");
    esc(b, url);
    rift_buf_puts(b, "\" rel=\"noopener noreferrer\">");
    return true;
}

/* text (a dash when none), linked to url when it has one ("article" when
 * only the link is known) */
static void linked(rift_buf *b, const char *url, const char *text)
{
    bool a = link_open(b, url);
    esc_or_dash(b, a && (!text || !*text) ? "article" : text);
    if (a)
        rift_buf_puts(b, "</a>");
}

/* ---- store queries -------------------------------------------------------- */

/* Keeps the first error; false when there is one. */
static bool ok(rep *r, rift_status s)
{
    if (s != RIFT_OK && !r->err)
        r->err = s;
    return !r->err;
}

/* days since 1970 of a YYYY-MM-DD value, or INT_MIN-ish sentinel false */
static bool day_of(const char *s, int *z)
{
    int y, m, d;
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-' ||
        !rift_date_parse(s, 10, &y, &m, &d))
        return false;
    *z = rift_days_from_civil(y, m, d);
    return true;
}

/* ---- page frame ----------------------------------------------------------- */

static const char *const css =
    ":root{--ink:#1d2330;--muted:#5d6677;--line:#d9dee7;--bg:#f4f5f8;--card:#fff;"
    "--coop:#2f8f62;--coopbg:#e3f3ea;--conf:#c2412d;--confbg:#fbe7e3;--accent:#3559c7}"
    "*{box-sizing:border-box}"
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"
    "'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}"
    "header.top{background:#1d2330;color:#fff;padding:28px 0 22px}"
    ".wrap{max-width:1120px;margin:0 auto;padding:0 24px}"
    "h1{margin:0 0 4px;font-size:28px;letter-spacing:-.01em}"
    "h2{font-size:21px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}"
    "h3{font-size:17px;margin:0 0 4px}"
    ".sub{color:#b8c0d0;margin:0}"
    ".stats{display:flex;flex-wrap:wrap;gap:10px;margin:18px 0 0;padding:0;list-style:none}"
    ".stats li{background:#2b3345;border-radius:8px;padding:8px 14px;min-width:104px}"
    ".stats b{display:block;font-size:22px;line-height:1.2}"
    ".stats span{color:#b8c0d0;font-size:12px;text-transform:uppercase;letter-spacing:.05em}"
    "nav.toc{margin-top:16px;font-size:14px}"
    "nav.toc a{color:#c9d4ff;margin-right:18px;text-decoration:none}"
    ".card{background:var(--card);border:1px solid var(--line);border-radius:10px;"
    "padding:16px 18px;margin:0 0 16px}"
    ".meta{color:var(--muted);font-size:13px;margin:0 0 8px}"
    ".chips{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 10px;padding:0;list-style:none}"
    ".chips li{background:#eef1f7;border-radius:12px;padding:1px 10px;font-size:13px}"
    "table{border-collapse:collapse;width:100%;font-size:13.5px}"
    "th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);"
    "padding:4px 8px}"
    "td{border-bottom:1px solid #eef0f4;padding:4px 8px;vertical-align:top}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "td.d{white-space:nowrap;color:var(--muted);font-variant-numeric:tabular-nums}"
    "tr.turn td{background:#fff8e1}"
    ".pos{color:var(--coop);font-weight:600}.neg{color:var(--conf);font-weight:600}"
    "mark{background:#ffe9a8;padding:0 2px;border-radius:3px}"
    ".badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;"
    "font-weight:600;white-space:nowrap}"
    ".badge.coop{background:var(--coopbg);color:var(--coop)}"
    ".badge.conf{background:var(--confbg);color:var(--conf)}"
    ".badge.many{background:#e4e9fb;color:var(--accent)}"
    ".badge.one{background:#eef0f4;color:var(--muted)}"
    "svg{display:block;width:100%;height:auto;margin:6px 0 10px}"
    "svg text{font:11px system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;fill:#5d6677}"
    ".grid2{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}"
    ".grid2 .card{margin:0}"
    "blockquote{margin:8px 0;padding:6px 12px;border-left:3px solid var(--accent);"
    "background:#f7f8fc;border-radius:0 6px 6px 0}"
    "blockquote p{margin:0 0 2px}"
    "blockquote footer{color:var(--muted);font-size:12.5px}"
    ".bar{height:10px;background:var(--accent);border-radius:5px;opacity:.75}"
    "details summary{cursor:pointer;color:var(--accent);font-size:13.5px;margin:4px 0}"
    ".legend{font-size:12.5px;color:var(--muted)}"
    ".legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}"
    "main a{color:var(--accent);text-decoration:none}main a:hover{text-decoration:underline}"
    "footer.bottom{color:var(--muted);font-size:12.5px;margin:40px 0 30px;text-align:center}"
    ".empty{color:var(--muted);font-style:italic}";

static void page_begin(rep *r)
{
    rift_buf *b = &r->b;
    rift_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     /* nothing may be fetched: no scripts, no images, no fonts */
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'unsafe-inline'\">\n"
                     "<meta name=\"generator\" content=\"rift ");
    rift_buf_puts(b, RIFT_VERSION);
    rift_buf_puts(b, "\">\n<title>");
    esc(b, r->o.title);
    rift_buf_puts(b, "</title>\n<style>");
    rift_buf_puts(b, css);
    rift_buf_puts(b, "</style>\n</head>\n<body>\n");
}

/* ---- header: what the corpus holds ----------------------------------------- */

static void stat_item(rift_buf *b, const char *label, const char *value)
{
    rift_buf_puts(b, "<li><b>");
    esc_or_dash(b, value);
    rift_buf_puts(b, "</b><span>");
    esc(b, label);
    rift_buf_puts(b, "</span></li>");
}

static void stat_num(rift_buf *b, const char *label, long v)
{
    char t[32];
    snprintf(t, sizeof t, "%ld", v);
    stat_item(b, label, t);
}

static void header(rep *r)
{
    rift_buf *b = &r->b;
    rift_store_counts c;
    if (rift_store_count(r->st, &c) != RIFT_OK)
        memset(&c, 0, sizeof c);
    r->stories = c.stories;
    store_span sp;
    ok(r, store_read_span(r->st, &r->ar, &sp));
    const char *d0 = sp.first, *d1 = sp.last;
    long outlets = sp.outlets;
    rift_buf_puts(b, "<header class=\"top\"><div class=\"wrap\">\n<h1>");
    esc(b, r->o.title);
    rift_buf_puts(b, "</h1>\n<p class=\"sub\">Who did what to whom, who said what, and how "
                     "each relationship moved between cooperation and conflict");
    if (d0) {
        rift_buf_puts(b, ", from ");
        esc(b, d0);
        rift_buf_puts(b, " to ");
        esc(b, d1);
    }
    rift_buf_puts(b, ".</p>\n<ul class=\"stats\">");
    stat_num(b, "articles", c.articles);
    stat_num(b, "outlets", outlets);
    stat_num(b, "stories", c.stories);
    stat_num(b, "actors", c.actors);
    stat_num(b, "quotes", c.quotes);
    stat_num(b, "events", c.events);
    char range[64] = "";
    if (d0 && d1)
        snprintf(range, sizeof range, "%.10s \xE2\x80\x93 %.10s", d0, d1);
    stat_item(b, "dates", range);
    rift_buf_puts(b, "</ul>\n<nav class=\"toc\"><a href=\"#relations\">Relationships</a>"
                     "<a href=\"#stories\">Stories</a><a href=\"#quotes\">Quotes</a>"
                     "<a href=\"#actors\">Actors</a></nav>\n</div></header>\n");
}

/* ---- relationships ---------------------------------------------------------- */

typedef struct pev {        /* one counted event of a pair */
    const char *src, *tgt, *label;
    long article, idx;
    double w;
    int day;                /* its date in days, when dated to the day */
    bool has_day;
} pev;

typedef struct pairsel {    /* one relationship shown */
    const char *src, *tgt;
    size_t row0, nrows;     /* its rows in the accumulator */
    size_t ev0, nev;        /* its events in the sorted pev array */
    size_t events;
    double coop, conf;
    const rift_dyad_turn *turn; /* the latest turning point, or NULL */
    const rift_dyad_turn *turns; size_t n_turns; /* all of them */
} pairsel;

typedef struct evfeed {
    rift_dyads *acc;
    rift_arena *ar;
    RIFT_VEC(pev) evs;
    /* copies: the articles by id, each one's first copy; the events seen */
    RIFT_VEC(long) ids;
    size_t *canon;
    rift_strmap occ;    /* the events of article occ_art so far */
    long occ_art;
    report_seen seen;
    rift_buf key;
    size_t copies;      /* events left out as repeats from a copy */
} evfeed;

static long canon_of(const evfeed *f, long id)
{
    size_t lo = 0, hi = f->ids.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->ids.v[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->ids.n && f->ids.v[lo] == id ? f->ids.v[f->canon[lo]] : id;
}

/* the words of a clause, lower-case, one space between them */
static void put_norm(rift_buf *b, const char *s)
{
    bool sp = false;
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool w = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (!w) {
            sp = true;
            continue;
        }
        if (sp && b->len)
            rift_buf_putc(b, ' ');
        sp = false;
        rift_buf_putc(b, c < 0x80 ? (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c) : (char)c);
    }
}

/* Whether an event (source, target, trigger of article art, its clause)
 * repeats one already counted: the same pair and trigger, as often, in a
 * copy of its article, or the same pair in the same clause text.  The
 * events come in article order; what was counted is kept as hashes. */
static bool repeated(evfeed *f, const char *src, const char *tgt, const char *trig, long art,
                     const char *clause)
{
    rift_buf *k = &f->key;
    if (art != f->occ_art) { /* occ counts within one article */
        rift_strmap_free(&f->occ);
        f->occ_art = art;
    }
    k->len = 0;
    rift_buf_printf(k, "%s\x1f%s\x1f%s", src, tgt, trig ? trig : "");
    int nth = rift_strmap_get(&f->occ, k->data, k->len) + 1;
    rift_strmap_put(&f->occ, k->data, k->len, nth);
    k->len = 0;
    rift_buf_printf(k, "c%ld\x1f%s\x1f%s\x1f%s\x1f%d", canon_of(f, art), src, tgt,
                    trig ? trig : "", nth);
    bool seen = report_seen_add(&f->seen, rift_hash(k->data, k->len));
    k->len = 0;
    rift_buf_printf(k, "t%s\x1f%s\x1f%s\x1f", src, tgt, trig ? trig : "");
    size_t at = k->len;
    put_norm(k, clause);
    if (k->len - at >= 20)  /* a clause of a few words is no evidence of a copy */
        seen |= report_seen_add(&f->seen, rift_hash(k->data, k->len));
    return seen;
}

/* The copies among the stored articles (see report_copies). */
static void find_copies(rep *r, evfeed *f)
{
    store_art_key *k = NULL;
    size_t n = 0;
    if (!ok(r, store_read_art_keys(r->st, &k, &n)))
        return;
    report_art *a = rift_xmalloc((n ? n : 1) * sizeof *a);
    f->canon = rift_xmalloc((n ? n : 1) * sizeof *f->canon);
    for (size_t i = 0; i < n; i++) {
        RIFT_VEC_PUSH(f->ids, k[i].id);
        a[i] = (report_art){k[i].story, k[i].sh, k[i].has_sh};
    }
    report_copies(a, n, f->canon);
    free(a);
    free(k);
}

static int feed_event(const store_event *ev, void *ctx)
{
    evfeed *f = ctx;
    if (!ev->source || !ev->target)
        return 0;
    if (repeated(f, ev->source, ev->target, ev->trigger, ev->article, ev->clause)) {
        f->copies++;
        return 0;
    }
    const char *label = rift_dyads_add_event(f->acc, ev->source, ev->target, ev->date,
                                             ev->goldstein, ev->trigger);
    if (!label)
        return 0;
    pev e = {rift_arena_strndup(f->ar, ev->source, strlen(ev->source)),
             rift_arena_strndup(f->ar, ev->target, strlen(ev->target)), label, ev->article,
             ev->idx, ev->goldstein, 0, false};
    e.has_day = day_of(ev->date, &e.day);
    RIFT_VEC_PUSH(f->evs, e);
    return 0;
}

static int pev_cmp(const void *x, const void *y)
{
    const pev *a = x, *b = y;
    int c = strcmp(a->src, b->src);
    if (!c)
        c = strcmp(a->tgt, b->tgt);
    if (!c)
        c = strcmp(a->label, b->label);
    if (!c)
        c = a->article < b->article ? -1 : a->article > b->article;
    if (!c)
        c = a->idx < b->idx ? -1 : a->idx > b->idx;
    return c;
}

static int pair_cmp(const void *x, const void *y)
{
    const pairsel *a = x, *b = y;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    if (!a->turn != !b->turn)
        return a->turn ? -1 : 1;
    int c = strcmp(a->src, b->src);
    return c ? c : strcmp(a->tgt, b->tgt);
}

static int str_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void fmt_signed(char *t, size_t n, double v)
{
    if (fabs(v) < 0.05)
        snprintf(t, n, "0");
    else
        snprintf(t, n, "%s%.1f", v > 0 ? "+" : "\xE2\x88\x92", fabs(v));
}

/* y-axis top: a round number at or above m */
static double nice_max(double m)
{
    static const double steps[] = {1, 2, 2.5, 5, 10};
    if (m <= 0)
        return 1;
    double p = pow(10, floor(log10(m)));
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i] * p >= m)
            return steps[i] * p;
    return 10 * p;
}

/* The shared time axis of the charts: the periods shown (sorted labels) and
 * the days [lo, hi) they cover. */
typedef struct taxis {
    const char **labels;
    size_t n;
    int lo, hi;
} taxis;

/* Writes the labels placed, on one line at y; t: extra attributes. */
static void put_labels(rift_buf *b, const report_label *v, size_t n, double y, const char *t)
{
    for (size_t i = 0; i < n; i++) {
        if (!v[i].keep)
            continue;
        rift_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", v[i].x, y,
                        v[i].anchor == 's' ? "start" : v[i].anchor == 'e' ? "end" : "middle", t);
        esc(b, v[i].text);
        rift_buf_puts(b, "</text>");
    }
}

/* The chart of one pair over the shared time axis, spaced by days: for each
 * period, cooperation bars above zero and conflict bars below, across the
 * days it covers; the score as a line; the turning points marked. */
static void chart(rep *r, const pairsel *p, const rift_dyad_row *rows, const pev *evs,
                  const taxis *ax)
{
    rift_buf *b = &r->b;
    const double W = 900, H = 220, L = 46, R = 14, T = 24, B = 40, PX = 11;
    double span = ax->hi > ax->lo ? (double)(ax->hi - ax->lo) : 1;
#define XOF(z) (L + (double)((z) - ax->lo) / span * (W - L - R))
    double mx = 0;
    for (size_t i = 0; i < p->nrows; i++) {
        const rift_dyad_row *w = &rows[p->row0 + i];
        mx = fmax(mx, fmax(w->cooperation, fmax(-w->conflict, fabs(w->score))));
    }
    mx = nice_max(mx);
    double zero = T + (H - T - B) / 2, half = (H - T - B) / 2;
#define YOF(v) (zero - (v) / mx * half)
    rift_buf_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                       "aria-label=\"", W, H);
    esc(b, p->src);
    rift_buf_puts(b, " to ");
    esc(b, p->tgt);
    rift_buf_puts(b, ": cooperation and conflict per period\">\n");
    /* grid and y labels */
    for (int k = -2; k <= 2; k++) {
        double v = mx * k / 2, y = YOF(v);
        rift_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                           "stroke-width=\"1\"/>", L, y, W - R, y, k ? "#eef0f4" : "#9aa3b2");
        char t[32];
        fmt_signed(t, sizeof t, v);
        rift_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", L - 6,
                        y + 4, t);
    }
    rift_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#2f8f62\">cooperation</text>"
                       "<text x=\"%.1f\" y=\"%.1f\" fill=\"#c2412d\">conflict</text>\n",
                    L + 4, T - 8, L + 4, H - B - 4);
    /* period boundaries and labels: at each period's middle, thinned so that
     * no two meet */
    report_label *lb = rift_xmalloc((ax->n ? ax->n : 1) * sizeof *lb);
    for (size_t i = 0; i < ax->n; i++) {
        int d0 = 0, d1 = 0;
        report_period_days(ax->labels[i], &d0, &d1);
        rift_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                           "stroke=\"#c9cfda\"/>", XOF(d0), H - B, XOF(d0), H - B + 5);
        lb[i] = (report_label){(XOF(d0) + XOF(d1)) / 2, ax->labels[i], 'm', 0, 0, 0, false};
    }
    report_place_labels(lb, ax->n, PX, 0, W, 8);
    put_labels(b, lb, ax->n, H - B + 18, "");
    free(lb);
    rift_buf_puts(b, "\n");
    /* each event dated to the day: a tick on the axis at its day */
    for (size_t i = 0; i < p->nev; i++) {
        const pev *e = &evs[p->ev0 + i];
        if (!e->has_day || e->day < ax->lo || e->day >= ax->hi)
            continue;
        double x = XOF(e->day) + 0.5 / span * (W - L - R);
        rift_buf_printf(b, "<line class=\"day\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                           "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>", x, H - B + 1, x,
                        H - B + 7, e->w > 0 ? "#2f8f62" : e->w < 0 ? "#c2412d" : "#9aa3b2");
    }
    /* bars and the score line */
    rift_buf line;
    rift_buf_init(&line);
    for (size_t i = 0; i < p->nrows; i++) {
        const rift_dyad_row *w = &rows[p->row0 + i];
        int d0, d1;
        if (!report_period_days(w->period, &d0, &d1))
            continue;
        double x = (XOF(d0) + XOF(d1)) / 2;
        double bw = fmax(fmin((XOF(d1) - XOF(d0)) * 0.7, 40), 3);
        char co[32], cf[32], sc[32];
        fmt_signed(co, sizeof co, w->cooperation);
        fmt_signed(cf, sizeof cf, w->conflict);
        fmt_signed(sc, sizeof sc, w->score);
        if (w->cooperation > 0)
            rift_buf_printf(b, "<rect class=\"coop\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                               "height=\"%.1f\" rx=\"2\" fill=\"#2f8f62\" fill-opacity=\".8\"/>",
                            x - bw / 2, YOF(w->cooperation), bw, zero - YOF(w->cooperation));
        if (w->conflict < 0)
            rift_buf_printf(b, "<rect class=\"conf\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                               "height=\"%.1f\" rx=\"2\" fill=\"#c2412d\" fill-opacity=\".8\"/>",
                            x - bw / 2, zero, bw, YOF(w->conflict) - zero);
        rift_buf_printf(&line, "%s%.1f,%.1f", line.len ? " " : "", x, YOF(w->score));
        rift_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1d2330\"><title>",
                        x, YOF(w->score));
        esc(b, w->period);
        rift_buf_printf(b, ": %zu event%s, cooperation %s, conflict %s, score %s</title></circle>",
                        w->events, w->events == 1 ? "" : "s", co, cf, sc);
    }
    if (line.len)
        rift_buf_printf(b, "\n<polyline class=\"score\" points=\"%s\" fill=\"none\" "
                           "stroke=\"#1d2330\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
                        line.data);
    rift_buf_free(&line);
    /* the turning points: a dashed line at the start of each one's period,
     * labelled where the label has room */
    report_label *tl = rift_xmalloc((p->n_turns ? p->n_turns : 1) * sizeof *tl);
    size_t ntl = 0;
    for (size_t ti = 0; ti < p->n_turns; ti++) {
        const rift_dyad_turn *tp = &p->turns[ti];
        int d0, d1;
        if (!report_period_days(tp->turn, &d0, &d1) || d0 < ax->lo || d0 > ax->hi)
            continue;
        double x = XOF(d0);
        bool right = x > W - 160;
        rift_buf_printf(b, "\n<line class=\"turn\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                           "y2=\"%.1f\" stroke=\"#d08a00\" stroke-width=\"2\" "
                           "stroke-dasharray=\"5 4\"/>", x, T - 4, x, H - B);
        /* the latest turn first: it is the one the card's badge names last */
        tl[ntl++] = (report_label){right ? x - 5 : x + 5,
                                   strcmp(tp->to, "conflict") ? "turn to cooperation"
                                                              : "turn to conflict",
                                   right ? 'e' : 's', (int)ti, 0, 0, false};
    }
    report_place_labels(tl, ntl, PX, L, W, 8);
    put_labels(b, tl, ntl, T + 8, " fill=\"#a66e00\" font-weight=\"600\"");
    free(tl);
#undef YOF
#undef XOF
    rift_buf_puts(b, "\n</svg>\n");
}

/* The events behind a pair, around its turning point when it has one. */
static void pair_events(rep *r, const pairsel *p, const pev *evs)
{
    rift_buf *b = &r->b;
    enum { MAX_SHOWN = 14 };
    const char *prev = NULL;    /* the period before the turn */
    if (p->turn)
        for (size_t i = 0; i < p->nev; i++) {
            const pev *e = &evs[p->ev0 + i];
            if (!strcmp(e->label, p->turn->turn))
                break;
            prev = e->label;
        }
    /* which events: all when few; else the turn's period and the one before,
     * then the heaviest */
    bool *pick = rift_xmalloc((p->nev ? p->nev : 1) * sizeof *pick);
    size_t n_pick = 0;
    for (size_t i = 0; i < p->nev; i++) {
        const pev *e = &evs[p->ev0 + i];
        pick[i] = p->nev <= MAX_SHOWN ||
                  (p->turn && (!strcmp(e->label, p->turn->turn) || (prev && !strcmp(e->label, prev))));
        n_pick += pick[i];
    }
    while (n_pick > MAX_SHOWN) { /* too many around the turn: keep the heaviest */
        size_t lo = SIZE_MAX;
        for (size_t i = 0; i < p->nev; i++)
            if (pick[i] && (lo == SIZE_MAX || fabs(evs[p->ev0 + i].w) < fabs(evs[p->ev0 + lo].w)))
                lo = i;
        pick[lo] = false;
        n_pick--;
    }
    while (n_pick < MAX_SHOWN && n_pick < p->nev) {
        size_t hi = SIZE_MAX;
        for (size_t i = 0; i < p->nev; i++)
            if (!pick[i] && (hi == SIZE_MAX || fabs(evs[p->ev0 + i].w) > fabs(evs[p->ev0 + hi].w)))
                hi = i;
        pick[hi] = true;
        n_pick++;
    }
    rift_buf_puts(b, "<table class=\"events\"><thead><tr><th>period</th><th>date</th>"
                     "<th>what happened</th><th>outlet</th><th class=\"n\">weight</th></tr>"
                     "</thead><tbody>\n");
    for (size_t i = 0; i < p->nev; i++) {
        if (!pick[i])
            continue;
        const pev *e = &evs[p->ev0 + i];
        store_event_info q;
        bool found = false;
        if (!ok(r, store_read_event_info(r->st, e->article, e->idx, &r->ar, &q, &found)))
            break;
        if (found) {
            const char *date = q.date, *trig = q.trigger, *outlet = q.outlet,
                       *title = q.title, *clause = q.clause, *plover = q.plover, *url = q.url;
            bool turn = false;
            for (size_t ti = 0; ti < p->n_turns; ti++)
                turn |= !strcmp(e->label, p->turns[ti].turn);
            rift_buf_puts(b, turn ? "<tr class=\"turn\"><td class=\"d\">" : "<tr><td class=\"d\">");
            esc(b, e->label);
            rift_buf_puts(b, "</td><td class=\"d\">");
            esc_or_dash(b, date);
            rift_buf_puts(b, "</td><td>");
            /* the clause with its trigger marked */
            const char *hit = clause && trig && *trig ? strstr(clause, trig) : NULL;
            if (hit && (size_t)(hit - clause) < 280) {
                size_t pre = (size_t)(hit - clause), tl = strlen(trig);
                size_t from = pre > 160 ? pre - 160 : 0;
                while (from > 0 && ((unsigned char)clause[from] & 0xC0) == 0x80)
                    from++;
                if (from)
                    rift_buf_puts(b, "\xE2\x80\xA6");
                esc_n(b, clause + from, pre - from, 0);
                rift_buf_puts(b, "<mark>");
                esc_n(b, hit, tl, 0);
                rift_buf_puts(b, "</mark>");
                esc_max(b, hit + tl, 200);
            } else if (clause && *clause) {
                esc_max(b, clause, 260);
            } else {
                rift_buf_puts(b, "<mark>");
                esc_or_dash(b, trig);
                rift_buf_puts(b, "</mark>");
            }
            if (plover) {
                rift_buf_puts(b, " <span class=\"meta\">(");
                esc(b, plover);
                rift_buf_puts(b, ")</span>");
            }
            rift_buf_puts(b, "</td><td title=\"");
            esc(b, title);
            rift_buf_puts(b, "\">");
            linked(b, url, outlet);
            char w[32];
            fmt_signed(w, sizeof w, e->w);
            rift_buf_printf(b, "</td><td class=\"n %s\">%s</td></tr>\n",
                            e->w > 0 ? "pos" : e->w < 0 ? "neg" : "", w);
        }
    }
    rift_buf_puts(b, "</tbody></table>\n");
    if (p->nev > n_pick)
        rift_buf_printf(b, "<p class=\"meta\">%zu more events of this pair are counted in the "
                           "chart.</p>\n", p->nev - n_pick);
    free(pick);
}

/* What --min-events left out, and the events counted once as copies. */
static void left_out(rep *r, const pairsel *fewer, size_t n, size_t copies)
{
    rift_buf *b = &r->b;
    rift_buf_printf(b, "<p class=\"legend\" id=\"min-events\">Shown: pairs with %ld or "
                       "more events (rift report --min-events %ld)", r->o.min_events,
                    r->o.min_events);
    if (!n) {
        rift_buf_puts(b, "; no pair has fewer.</p>\n");
    } else {
        rift_buf_printf(b, "; <b>%zu pair%s with fewer %s left out</b>.</p>\n"
                           "<details class=\"legend\"><summary>The pairs left out</summary>"
                           "<ul class=\"chips\">", n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
        for (size_t i = 0; i < n && i < 30; i++) {
            rift_buf_puts(b, "<li>");
            esc(b, fewer[i].src);
            rift_buf_puts(b, " \xE2\x86\x92 ");
            esc(b, fewer[i].tgt);
            rift_buf_printf(b, " (%zu)</li>", fewer[i].events);
        }
        if (n > 30)
            rift_buf_printf(b, "<li>and %zu more</li>", n - 30);
        rift_buf_puts(b, "</ul></details>\n");
    }
    if (copies)
        rift_buf_printf(b, "<p class=\"legend\" id=\"copies\">%zu event%s repeated in copies "
                           "of one article (near-identical articles of a story, or the same "
                           "clause in several articles) %s counted once.</p>\n", copies,
                        copies == 1 ? "" : "s", copies == 1 ? "is" : "are");
}

static void relations(rep *r)
{
    rift_buf *b = &r->b;
    rift_buf_puts(b, "<section id=\"relations\"><h2>Relationships</h2>\n"
                     "<p class=\"legend\">Each chart is one directed pair of actors: the "
                     "Goldstein weights of its events summed per period.<i style=\"background:"
                     "#2f8f62\"></i>cooperation<i style=\"background:#c2412d\"></i>conflict"
                     "<i style=\"background:#1d2330\"></i>score (their sum)"
                     "<i style=\"background:#d08a00\"></i>turning point (the score changes "
                     "sign)</p>\n");
    char modes[RIFT_MODES_LIST_MAX];
    const char *list = rift_modes_list(r->o.modes, modes);
    rift_buf_puts(b, "<p class=\"legend\">Events counted: those whose modality is ");
    for (int m = 0, k = 0; m < RIFT_MOD_COUNT; m++)
        if (r->o.modes & (1u << m))
            rift_buf_printf(b, "%s%s", k++ ? ", " : "", rift_modality_name((rift_modality)m));
    rift_buf_puts(b, " (rift report --modes), and not negated.</p>\n");
    rift_dyads *acc = rift_dyads_new(r->o.period);
    evfeed f;
    memset(&f, 0, sizeof f);
    f.acc = acc;
    f.ar = &r->ar;
    rift_buf_init(&f.key);
    find_copies(r, &f);
    if (!r->err)
        ok(r, store_read_events(r->st, list, true, feed_event, &f));
    size_t nr, nt;
    const rift_dyad_row *rows = rift_dyads_rows(acc, &nr);
    const rift_dyad_turn *turns = rift_dyads_turns(acc, &nt);
    if (f.evs.n)
        qsort(f.evs.v, f.evs.n, sizeof *f.evs.v, pev_cmp);
    /* pairs: runs of rows (and of events) with one source and target */
    RIFT_VEC(pairsel) pairs = {0};
    RIFT_VEC(pairsel) fewer = {0}; /* left out by --min-events */
    size_t e = 0, t = 0;
    for (size_t i = 0; i < nr;) {
        pairsel p;
        memset(&p, 0, sizeof p);
        p.src = rows[i].source_name;
        p.tgt = rows[i].target_name;
        p.row0 = i;
        while (i < nr && !strcmp(rows[i].source_name, p.src) && !strcmp(rows[i].target_name, p.tgt)) {
            p.events += rows[i].events;
            p.coop += rows[i].cooperation;
            p.conf += rows[i].conflict;
            i++;
        }
        p.nrows = i - p.row0;
        while (e < f.evs.n && (strcmp(f.evs.v[e].src, p.src) < 0 ||
                               (!strcmp(f.evs.v[e].src, p.src) && strcmp(f.evs.v[e].tgt, p.tgt) < 0)))
            e++;
        p.ev0 = e;
        while (e < f.evs.n && !strcmp(f.evs.v[e].src, p.src) && !strcmp(f.evs.v[e].tgt, p.tgt))
            e++;
        p.nev = e - p.ev0;
        for (; t < nt && (strcmp(turns[t].source_name, p.src) < 0 ||
                          (!strcmp(turns[t].source_name, p.src) &&
                           strcmp(turns[t].target_name, p.tgt) <= 0)); t++)
            if (!strcmp(turns[t].source_name, p.src) && !strcmp(turns[t].target_name, p.tgt)) {
                if (!p.n_turns++)
                    p.turns = &turns[t];
                p.turn = &turns[t];
            }
        if ((long)p.events >= r->o.min_events)
            RIFT_VEC_PUSH(pairs, p);
        else
            RIFT_VEC_PUSH(fewer, p);
    }
    if (pairs.n)
        qsort(pairs.v, pairs.n, sizeof *pairs.v, pair_cmp);
    if (fewer.n)
        qsort(fewer.v, fewer.n, sizeof *fewer.v, pair_cmp);
    left_out(r, fewer.v, fewer.n, f.copies);
    size_t shown = pairs.n < (size_t)r->o.max_relations ? pairs.n : (size_t)r->o.max_relations;
    /* one time axis for every chart shown, so they line up: from the first
     * day of the first period to the last of the last */
    RIFT_VEC(const char *) axis = {0};
    taxis ax = {NULL, 0, 0, 0};
    bool any = false;
    for (size_t i = 0; i < shown; i++)
        for (size_t k = 0; k < pairs.v[i].nrows; k++) {
            const char *lb = rows[pairs.v[i].row0 + k].period;
            int d0, d1;
            if (!report_period_days(lb, &d0, &d1))
                continue;
            RIFT_VEC_PUSH(axis, lb);
            ax.lo = any && ax.lo < d0 ? ax.lo : d0;
            ax.hi = any && ax.hi > d1 ? ax.hi : d1;
            any = true;
        }
    if (axis.n) {
        qsort(axis.v, axis.n, sizeof *axis.v, str_cmp);
        for (size_t i = 0; i < axis.n; i++)
            if (!ax.n || strcmp(axis.v[ax.n - 1], axis.v[i]))
                axis.v[ax.n++] = axis.v[i];
    }
    ax.labels = axis.v;
    if (!shown)
        rift_buf_printf(b, "<p class=\"empty\">No pair of actors has %ld or more dated events "
                           "yet.</p>\n", r->o.min_events);
    for (size_t i = 0; i < shown; i++) {
        const pairsel *p = &pairs.v[i];
        char co[32], cf[32];
        fmt_signed(co, sizeof co, p->coop);
        fmt_signed(cf, sizeof cf, p->conf);
        rift_buf_printf(b, "<article class=\"card relation\" id=\"rel-%zu\"><h3>", i + 1);
        esc(b, p->src);
        rift_buf_puts(b, " \xE2\x86\x92 ");
        esc(b, p->tgt);
        rift_buf_printf(b, "</h3>\n<p class=\"meta\">%zu event%s \xC2\xB7 cooperation "
                           "<span class=\"pos\">%s</span> \xC2\xB7 conflict <span class=\"neg\">"
                           "%s</span>", p->events, p->events == 1 ? "" : "s", co, cf);
        if (p->turn) {
            for (size_t ti = 0; ti < p->n_turns; ti++) {
                const rift_dyad_turn *tp = &p->turns[ti];
                bool to_conf = !strcmp(tp->to, "conflict");
                rift_buf_printf(b, " \xC2\xB7 <span class=\"badge %s turnbadge\">turned from %s "
                                   "to %s in ", to_conf ? "conf" : "coop", tp->from, tp->to);
                esc(b, tp->turn);
                rift_buf_puts(b, "</span>");
            }
        } else {
            double s = p->coop + p->conf;
            rift_buf_printf(b, " \xC2\xB7 <span class=\"badge %s\">%s throughout</span>",
                            s >= 0 ? "coop" : "conf", s >= 0 ? "cooperation" : "conflict");
        }
        rift_buf_puts(b, "</p>\n");
        chart(r, p, rows, f.evs.v, &ax);
        pair_events(r, p, f.evs.v);
        rift_buf_puts(b, "</article>\n");
    }
    if (pairs.n > shown)
        rift_buf_printf(b, "<p class=\"meta\">%zu more pairs with %ld or more events are not "
                           "shown.</p>\n", pairs.n - shown, r->o.min_events);
    rift_buf_puts(b, "</section>\n");
    free(axis.v);
    free(pairs.v);
    free(fewer.v);
    free(f.evs.v);
    free(f.ids.v);
    free(f.canon);
    rift_strmap_free(&f.occ);
    report_seen_free(&f.seen);
    rift_buf_free(&f.key);
    rift_dyads_free(acc);
}

/* ---- stories ---------------------------------------------------------------- */

/* A strip from the first to the last day: articles above the line, events
 * below (green cooperation, red conflict).  Only day-precise dates. */
static void timeline(rep *r, const store_story_art *arts, size_t na,
                     const store_story_event *evs, size_t ne)
{
    rift_buf *b = &r->b;
    int lo = 0, hi = 0;
    bool any = false;
    for (size_t i = 0; i < na; i++) {
        int z;
        if (day_of(arts[i].date, &z)) {
            lo = any ? (z < lo ? z : lo) : z;
            hi = any ? (z > hi ? z : hi) : z;
            any = true;
        }
    }
    for (size_t i = 0; i < ne; i++) {
        int z;
        if (day_of(evs[i].date, &z)) {
            lo = any ? (z < lo ? z : lo) : z;
            hi = any ? (z > hi ? z : hi) : z;
            any = true;
        }
    }
    if (!any)
        return;
    const double W = 900, H = 96, L = 16, R = 16, mid = 48;
    double span = hi > lo ? (double)(hi - lo) : 1;
#define XOF(z) (L + ((double)((z) - lo) + (hi > lo ? 0 : 0.5)) / span * (W - L - R))
    rift_buf_printf(b, "<svg class=\"timeline\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                       "aria-label=\"timeline of the story\">", W, H);
    rift_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9aa3b2\" "
                       "stroke-width=\"1.5\"/>", L, mid, W - R, mid);
    for (size_t i = 0; i < ne; i++) {
        int z;
        if (!day_of(evs[i].date, &z))
            continue;
        double w = evs[i].goldstein, x = XOF(z);
        double len = 6 + fmin(fabs(w), 10) * 2.4;
        rift_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                           "stroke-width=\"3\" stroke-opacity=\".75\"><title>",
                        x, mid + 3, x, mid + 3 + len, w > 0 ? "#2f8f62" : w < 0 ? "#c2412d" : "#9aa3b2");
        esc(b, evs[i].date);
        rift_buf_puts(b, ": ");
        esc(b, evs[i].source ? evs[i].source : "?");
        rift_buf_puts(b, " \xE2\x86\x92 ");
        esc(b, evs[i].target ? evs[i].target : "?");
        rift_buf_puts(b, " (");
        esc(b, evs[i].trigger);
        rift_buf_puts(b, ")</title></line>");
    }
    for (size_t i = 0; i < na; i++) {
        int z;
        if (!day_of(arts[i].date, &z))
            continue;
        rift_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#3559c7\" "
                           "fill-opacity=\".8\" stroke=\"#fff\"><title>", XOF(z), mid - 12);
        esc(b, arts[i].date);
        rift_buf_puts(b, ": ");
        esc_or_dash(b, arts[i].outlet);
        rift_buf_puts(b, ", ");
        esc_or_dash(b, arts[i].title);
        rift_buf_puts(b, "</title></circle>");
    }
    /* ticks: the first of each month, or of each year over long spans; the
     * first and last days labelled first, the ticks where they have room */
    {
        int y0, m0, dd;
        rift_civil_from_days(lo, &y0, &m0, &dd);
        bool years = hi - lo > 700;
        enum { MAXT = 400 };
        report_label *lb = rift_xmalloc((MAXT + 2) * sizeof *lb);
        char (*txt)[16] = rift_xmalloc((MAXT + 2) * sizeof *txt);
        size_t n = 0;
        int y, m, d;
        rift_civil_from_days(lo, &y, &m, &d);
        snprintf(txt[n], sizeof *txt, "%04d-%02d-%02d", y, m, d);
        lb[n] = (report_label){L, txt[n], 's', 2, 0, 0, false};
        n++;
        if (hi > lo) {
            rift_civil_from_days(hi, &y, &m, &d);
            snprintf(txt[n], sizeof *txt, "%04d-%02d-%02d", y, m, d);
            lb[n] = (report_label){W - R, txt[n], 'e', 2, 0, 0, false};
            n++;
        }
        for (int k = 1; k <= MAXT; k++) {
            int ty = years ? y0 + k : y0 + (m0 - 1 + k) / 12, tm = years ? 1 : (m0 - 1 + k) % 12 + 1;
            int z = rift_days_from_civil(ty, tm, 1);
            if (z >= hi)
                break;
            double x = XOF(z);
            rift_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                               "stroke=\"#9aa3b2\"/>", x, mid - 4, x, mid + 4);
            if (years)
                snprintf(txt[n], sizeof *txt, "%04d", ty);
            else
                snprintf(txt[n], sizeof *txt, "%04d-%02d", ty, tm);
            lb[n] = (report_label){x, txt[n], 'm', 1, 0, 0, false};
            n++;
        }
        report_place_labels(lb, n, 11, 0, W, 10);
        put_labels(b, lb, n, H - 4, "");
        free(txt);
        free(lb);
    }
    rift_buf_printf(b, "<text x=\"%.1f\" y=\"14\" text-anchor=\"middle\">articles above the "
                       "line, events below</text>", W / 2);
#undef XOF
    rift_buf_puts(b, "</svg>\n");
}

/* The lead of an article (by id) as a title, appended to out. */
static bool lead_of(rep *r, long article, rift_buf *out)
{
    const char **sents = NULL;
    size_t n = 0;
    if (!ok(r, store_read_lead(r->st, article, 6, &r->ar, &sents, &n)))
        return false;
    return report_lead_title(out, sents, n, 90);
}

static void stories(rep *r)
{
    rift_buf *b = &r->b;
    rift_buf_puts(b, "<section id=\"stories\"><h2>Stories</h2>\n");
    struct { store_story *v; size_t n; } s = {0};
    ok(r, store_read_top_stories(r->st, r->o.max_stories, &r->ar, &s.v, &s.n));
    if (!s.n)
        rift_buf_puts(b, "<p class=\"empty\">No stories yet (rift analyze --db groups the "
                         "articles into stories).</p>\n");
    rift_buf lead;
    rift_buf_init(&lead);
    for (size_t i = 0; i < s.n; i++) {
        struct { store_story_art *v; size_t n; } arts = {0};
        struct { store_story_event *v; size_t n; } evs = {0};
        ok(r, store_read_story(r->st, s.v[i].id, 200, 400, &r->ar, &arts.v, &arts.n, &evs.v,
                               &evs.n));
        rift_buf_puts(b, "<article class=\"card story\"><h3>");
        lead.len = 0;
        if (s.v[i].title && *s.v[i].title) {
            esc(b, s.v[i].title);
        } else if (arts.n && lead_of(r, arts.v[0].id, &lead)) {
            /* no article of the story has a title: its first one's lead */
            esc(b, lead.data);
            rift_buf_puts(b, " <span class=\"meta\">(untitled; from the lead)</span>");
        } else {
            rift_buf_puts(b, "Untitled story");
        }
        long na = s.v[i].n_articles, no = s.v[i].n_outlets;
        rift_buf_printf(b, "</h3>\n<p class=\"meta\">%ld article%s \xC2\xB7 %ld outlet%s", na,
                        na == 1 ? "" : "s", no, no == 1 ? "" : "s");
        if (s.v[i].first_date) {
            rift_buf_puts(b, " \xC2\xB7 ");
            esc(b, s.v[i].first_date);
            if (s.v[i].last_date && strcmp(s.v[i].first_date, s.v[i].last_date)) {
                rift_buf_puts(b, " \xE2\x80\x93 ");
                esc(b, s.v[i].last_date);
            }
        }
        rift_buf_puts(b, "</p>\n");
        if (s.v[i].outlets) {
            rift_buf_puts(b, "<ul class=\"chips\">");
            const char *o = s.v[i].outlets;
            while (*o) {
                const char *us = strchr(o, '\x1f');
                size_t n = us ? (size_t)(us - o) : strlen(o);
                rift_buf_puts(b, "<li>");
                esc_n(b, o, n, 0);
                rift_buf_puts(b, "</li>");
                o += n + (us ? 1 : 0);
            }
            rift_buf_puts(b, "</ul>\n");
        }
        timeline(r, arts.v, arts.n, evs.v, evs.n);
        /* the chronology: articles and dated events, merged by date */
        rift_buf_puts(b, i ? "<details><summary>Timeline: " : "<details open><summary>Timeline: ");
        rift_buf_printf(b, "%zu article%s and %zu dated event%s</summary>\n", arts.n,
                        arts.n == 1 ? "" : "s", evs.n, evs.n == 1 ? "" : "s");
        rift_buf_puts(b, "<table class=\"chrono\"><thead><tr><th>date</th><th></th>"
                         "<th>what</th><th>outlet</th></tr></thead><tbody>\n");
        size_t ai = 0, ei = 0;
        while (ai < arts.n || ei < evs.n) {
            const char *ad = ai < arts.n ? arts.v[ai].date : NULL;
            const char *ed = ei < evs.n ? evs.v[ei].date : NULL;
            /* undated articles come last */
            bool take_art = ai < arts.n && (ei >= evs.n || (ad && strcmp(ad, ed) <= 0));
            if (take_art) {
                rift_buf_puts(b, "<tr><td class=\"d\">");
                esc_or_dash(b, ad);
                rift_buf_puts(b, "</td><td><span class=\"badge many\">article</span></td><td>");
                lead.len = 0;
                if (arts.v[ai].title) {
                    esc(b, arts.v[ai].title);
                } else if (lead_of(r, arts.v[ai].id, &lead)) {
                    esc(b, lead.data);
                    rift_buf_puts(b, " <span class=\"meta\">(untitled; its lead)</span>");
                } else {
                    rift_buf_puts(b, "<span class=\"meta\">");
                    esc_or_dash(b, arts.v[ai].doc_id ? arts.v[ai].doc_id : arts.v[ai].origin);
                    rift_buf_puts(b, "</span>");
                }
                rift_buf_puts(b, "</td><td>");
                linked(b, arts.v[ai].url, arts.v[ai].outlet);
                rift_buf_puts(b, "</td></tr>\n");
                ai++;
            } else {
                double w = evs.v[ei].goldstein;
                rift_buf_puts(b, "<tr><td class=\"d\">");
                esc(b, ed);
                rift_buf_printf(b, "</td><td><span class=\"badge %s\">event</span></td><td>",
                                w > 0 ? "coop" : w < 0 ? "conf" : "one");
                esc_or_dash(b, evs.v[ei].source);
                rift_buf_puts(b, " <mark>");
                esc_or_dash(b, evs.v[ei].trigger);
                rift_buf_puts(b, "</mark> ");
                if (evs.v[ei].target)
                    esc(b, evs.v[ei].target);
                rift_buf_puts(b, "</td><td>");
                linked(b, evs.v[ei].url, evs.v[ei].outlet);
                rift_buf_puts(b, "</td></tr>\n");
                ei++;
            }
        }
        rift_buf_puts(b, "</tbody></table></details>\n</article>\n");
        free(arts.v);
        free(evs.v);
    }
    rift_buf_free(&lead);
    if (r->stories > (long)s.n)
        rift_buf_printf(b, "<p class=\"meta\">%ld more stories are not shown (rift stories "
                           "lists them all).</p>\n", r->stories - (long)s.n);
    free(s.v);
    rift_buf_puts(b, "</section>\n");
}

/* ---- quotes by speaker ------------------------------------------------------ */

/* Up to five of the n quotes q, one per claim, with the words naming their
 * speaker when who; how many shown. */
static size_t quote_blocks(rift_buf *b, const store_quote *q, size_t n, bool who)
{
    size_t shown = 0;
    RIFT_VEC(long) seen = {0};
    for (size_t k = 0; k < n && shown < 5; k++) {
        const store_quote *x = &q[k];
        bool dup = false;
        for (size_t j = 0; x->claim && j < seen.n; j++)
            dup |= seen.v[j] == x->claim;
        if (dup)
            continue;
        if (x->claim)
            RIFT_VEC_PUSH(seen, x->claim);
        shown++;
        long no = x->n_outlets, nart = x->n_articles;
        rift_buf_puts(b, "<blockquote><p>");
        esc_max(b, x->text, 420);
        rift_buf_puts(b, "</p><footer>");
        if (who && x->speaker_text && *x->speaker_text) {
            rift_buf_puts(b, "said by \xE2\x80\x9C");
            esc_max(b, x->speaker_text, 80);
            rift_buf_puts(b, "\xE2\x80\x9D \xC2\xB7 ");
        }
        esc_or_dash(b, x->date);
        rift_buf_puts(b, " \xC2\xB7 ");
        linked(b, x->url, x->outlet);
        if (x->via_name) {
            rift_buf_puts(b, " \xC2\xB7 via ");
            esc(b, x->via_name);
        }
        rift_buf_printf(b, " \xC2\xB7 <span class=\"badge %s\">%ld outlet%s, %ld article%s"
                           "</span>", no > 1 ? "many" : "one", no, no == 1 ? "" : "s", nart,
                        nart == 1 ? "" : "s");
        if (no > 1 && x->outlets) {
            rift_buf_puts(b, " carried by ");
            esc(b, x->outlets);
            if (x->first_outlet) {
                rift_buf_puts(b, "; first ");
                esc(b, x->first_outlet);
                if (x->first_date) {
                    rift_buf_puts(b, " on ");
                    esc(b, x->first_date);
                }
            }
        }
        rift_buf_puts(b, "</footer></blockquote>\n");
    }
    free(seen.v);
    return shown;
}

/* Quotes that several articles carry but nobody named said: shown as
 * unattributed rather than left out. */
static void unattributed(rep *r)
{
    rift_buf *b = &r->b;
    store_quote *q = NULL;
    size_t n = 0;
    long claims = 0;
    if (!ok(r, store_read_quotes(r->st, NULL, 0, 40, &r->ar, &q, &n, &claims)) || !claims) {
        free(q);
        return;
    }
    rift_buf_printf(b, "<article class=\"card speaker unattributed\"><h3>Unattributed</h3>\n"
                       "<p class=\"meta\">%ld quote%s carried by several articles without a "
                       "named speaker</p>\n", claims, claims == 1 ? "" : "s");
    size_t shown = quote_blocks(b, q, n, true);
    if (claims > (long)shown)
        rift_buf_printf(b, "<p class=\"meta\">and %ld more (rift export --format csv).</p>\n",
                        claims - (long)shown);
    rift_buf_puts(b, "</article>\n");
    free(q);
}

static void quotes(rep *r)
{
    rift_buf *b = &r->b;
    rift_buf_puts(b, "<section id=\"quotes\"><h2>Quotes by speaker</h2>\n");
    store_speaker *sp = NULL;
    size_t nsp = 0;
    ok(r, store_read_speakers(r->st, r->o.max_speakers, &r->ar, &sp, &nsp));
    if (!nsp)
        rift_buf_puts(b, "<p class=\"empty\">No attributed quotes yet.</p>\n");
    rift_buf_puts(b, "<div class=\"grid2\">\n");
    /* every speaker's quotes at once: one scan of the quotes */
    const char **names = rift_xmalloc((nsp ? nsp : 1) * sizeof *names);
    for (size_t i = 0; i < nsp; i++)
        names[i] = sp[i].name;
    store_quote *q = NULL;
    size_t nq_all = 0;
    ok(r, store_read_quotes(r->st, names, nsp, 40, &r->ar, &q, &nq_all, NULL));
    free(names);
    for (size_t i = 0; i < nsp; i++) {
        long nq = sp[i].quotes, na = sp[i].articles;
        rift_buf_puts(b, "<article class=\"card speaker\"><h3>");
        esc(b, sp[i].name);
        rift_buf_printf(b, "</h3>\n<p class=\"meta\">%ld quote%s in %ld article%s</p>\n", nq,
                        nq == 1 ? "" : "s", na, na == 1 ? "" : "s");
        size_t k0 = 0;  /* the speaker's run of quotes */
        while (k0 < nq_all && strcmp(q[k0].speaker, sp[i].name))
            k0++;
        size_t k1 = k0;
        while (k1 < nq_all && !strcmp(q[k1].speaker, sp[i].name))
            k1++;
        size_t shown = quote_blocks(b, q + k0, k1 - k0, false);
        if (nq > (long)shown)
            rift_buf_printf(b, "<p class=\"meta\">and %ld more (rift quotes --speaker).</p>\n",
                            nq - (long)shown);
        rift_buf_puts(b, "</article>\n");
    }
    free(q);
    unattributed(r);
    rift_buf_puts(b, "</div>\n</section>\n");
    free(sp);
}

/* ---- actors ----------------------------------------------------------------- */

static void actors(rep *r)
{
    rift_buf *b = &r->b;
    rift_buf_puts(b, "<section id=\"actors\"><h2>Most active actors</h2>\n");
    store_actor_sum *q = NULL;
    size_t n = 0;
    ok(r, store_read_top_actors(r->st, r->o.max_actors, &r->ar, &q, &n));
    if (!n) {
        rift_buf_puts(b, "<p class=\"empty\">No actors yet.</p>\n");
    } else {
        long mx = 1;
        for (size_t i = 0; i < n; i++)
            if (q[i].n_mentions > mx)
                mx = q[i].n_mentions;
        rift_buf_puts(b, "<div class=\"card\"><table class=\"actors\"><thead><tr><th>actor</th>"
                         "<th>type</th><th class=\"n\">articles</th><th class=\"n\">mentions</th>"
                         "<th style=\"width:28%\"></th><th class=\"n\">acts</th>"
                         "<th class=\"n\">acted on</th><th class=\"n\">quotes</th>"
                         "<th>dates</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < n; i++) {
            rift_buf_puts(b, "<tr><td>");
            esc(b, q[i].name);
            rift_buf_puts(b, "</td><td class=\"d\">");
            esc(b, q[i].type);
            long men = q[i].n_mentions;
            rift_buf_printf(b, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
                               "<td><div class=\"bar\" style=\"width:%.1f%%\"></div></td>"
                               "<td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
                               "<td class=\"n\">%ld</td><td class=\"d\">",
                            q[i].n_articles, men, 100.0 * (double)men / (double)mx,
                            q[i].acts, q[i].acted_on, q[i].quotes);
            esc_or_dash(b, q[i].first_date);
            if (q[i].last_date && q[i].first_date && strcmp(q[i].first_date, q[i].last_date)) {
                rift_buf_puts(b, " \xE2\x80\x93 ");
                esc(b, q[i].last_date);
            }
            rift_buf_puts(b, "</td></tr>\n");
        }
        rift_buf_puts(b, "</tbody></table></div>\n");
    }
    free(q);
    rift_buf_puts(b, "</section>\n");
}

/* ---- the page ------------------------------------------------------------------ */

rift_status rift_report_html(rift_store *st, const rift_report_options *opt, char **html,
                             size_t *len)
{
    if (html)
        *html = NULL;
    if (len)
        *len = 0;
    if (!st || !html)
        return RIFT_EINVAL;
    rep r;
    memset(&r, 0, sizeof r);
    r.st = st;
    if (opt)
        r.o = *opt;
    if (!r.o.title || !*r.o.title)
        r.o.title = "rift report";
    if (r.o.min_events <= 0)
        r.o.min_events = 3;
    if (r.o.max_relations <= 0)
        r.o.max_relations = 12;
    if (r.o.max_stories <= 0)
        r.o.max_stories = 20;
    if (r.o.max_speakers <= 0)
        r.o.max_speakers = 12;
    if (r.o.max_actors <= 0)
        r.o.max_actors = 20;
    r.o.modes &= RIFT_MODES_ALL;
    if (!r.o.modes)
        r.o.modes = RIFT_MODES_ASSERTED;
    rift_buf_init(&r.b);
    rift_arena_init(&r.ar);
    page_begin(&r);
    header(&r);
    rift_buf_puts(&r.b, "<main class=\"wrap\">\n");
    relations(&r);
    stories(&r);
    quotes(&r);
    actors(&r);
    rift_buf_puts(&r.b, "</main>\n<footer class=\"bottom\">Made by rift " RIFT_VERSION
                        " from a store of schema v1. Event weights are Goldstein scores "
                        "(\xE2\x88\x92" "10 conflict to +10 cooperation); negated events "
                        "are not counted.</footer>\n</body>\n</html>\n");
    rift_arena_release(&r.ar);
    if (r.err) {
        rift_buf_free(&r.b);
        return r.err;
    }
    *html = rift_buf_detach(&r.b, len);
    return RIFT_OK;
}
