/* read_html.c: reduces an HTML page to its main text (paragraphs separated by
 * a blank line) and its metadata, over libxml2's HTML parser.  It never
 * parses HTML by hand, never recurses over the tree (pages may nest
 * thousands deep) and never prints: libxml2's messages are silenced.
 */
#include "internal.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- per-element facts, kept in a side array indexed through _private -- */

enum {
    F_DROP = 1,     /* boilerplate: never part of the text */
    F_SCORED = 2,   /* has received a content score */
    F_NEGCLASS = 4, /* class or id says furniture: dropped unless it holds
                       most of the page's prose */
    F_BLOCK = 8,    /* begins and ends a paragraph of output */
    F_CELL = 16,    /* td, th, img: a space around it */
    F_LIST = 32,    /* a list of links to other pages: gallery, "more stories" */
    F_HARD = 64,    /* never text, not even as a last resort: scripts, styles,
                       form controls, hidden elements */
};

typedef struct ninfo {
    size_t text;    /* visible characters (not counting white space) */
    size_t link;    /* of which inside links */
    size_t good;    /* characters in paragraphs that read like prose */
    size_t commas;
    unsigned links; /* <a> elements inside, image links included */
    unsigned kids;  /* child elements with text or links */
    unsigned items; /* of which short wrappers holding a link */
    size_t item_text; /* visible characters in those */
    size_t para_good; /* prose in child paragraphs (<p> and the like) */
    double score;
    int weight;     /* from class and id: -25, 0, +25 */
    unsigned flags;
} ninfo;

typedef struct ctx {
    ninfo *info;
    size_t n;
    const char *title;  /* the page title, to skip a heading repeating it */
    size_t top_good;    /* prose characters in the chosen content */
    bool discount;      /* lists are known: their prose counts for nothing */
    bool loose;         /* last resort: only F_HARD elements are left out */
    size_t numbered;    /* elements numbered so far (while numbering) */
} ctx;

static ninfo *info_of(const ctx *c, xmlNode *n)
{
    uintptr_t k = (uintptr_t)n->_private;
    return (k && k <= c->n) ? &c->info[k - 1] : NULL;
}

static bool is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list))
            return true;
    return false;
}

/* Elements whose content is never article text. */
static const char *const drop_tags[] = {
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "video", "audio", "map", "button", "select",
    "textarea", "input", "option", "nav", "header", "footer", "aside", "figure",
    "figcaption", "dialog", "menu", "head", "title", "meta", "link", NULL};

/* Of those, the ones a reader never sees as text (<noscript> is not one:
 * libxml2 may put the rest of a page inside one left open). */
static const char *const hard_tags[] = {
    "script", "style", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "video", "audio", "map", "button", "select", "textarea",
    "input", "option", "dialog", "head", "title", "meta", "link", NULL};

/* Elements that begin and end a paragraph of output. */
static const char *const block_tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
    "dt", "dd", "blockquote", "pre", "tr", "table", "section", "article",
    "main", "address", "center", "details", "summary", "fieldset", "hr",
    "caption", "hgroup", "body", "html", "tbody", "thead", "tfoot", NULL};

static bool is_heading(const char *s)
{
    return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && !s[2];
}

/* ---- class and id words ------------------------------------------------ */

/* Words that mark an element as page furniture wherever they appear. */
static const char *const strong_neg[] = {
    "comment", "comments", "cookie", "cookies", "consent", "gdpr", "newsletter",
    "share", "sharing", "social", "related", "recirc", "recommended", "advert",
    "advertisement", "ad", "ads", "adslot", "sponsor", "sponsored", "promo",
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs",
    "popup", "modal", "subscribe", "subscription", "outbrain",
    "taboola", "footer", "sidebar", "masthead", "skip", "hidden", "signup",
    "disqus", "trending", "popular", "most", "toolbar", "pagination", "pager",
    "print", "sr", NULL};
/* Words that mark furniture unless a content word is there too. */
static const char *const weak_neg[] = {
    "header", "meta", "tags", "tag", "widget", "banner", "tools", "byline",
    "author", "caption", "credit", "credits", "dateline", "timestamp", "date",
    "bio", "contact", "login", "follow", "more", "extra", "supplemental",
    "teaser", "rail", "inline", "embed", "video", "gallery", "photo",
    "image", "img", "figure", "media", "note", "disclaimer", "topics", NULL};
static const char *const pos_words[] = {
    "article", "body", "content", "main", "story", "entry", "post", "text",
    "prose", "blog", "hentry", "page", "articlebody", "richtext", NULL};

/* The weight of an element from the words of its class and id: -25 for
 * furniture, +25 for content, 0 otherwise.  *strong is set for words that
 * drop the element outright. */
static int class_weight(xmlNode *n, bool *strong)
{
    *strong = false;
    bool weak = false, pos = false;
    for (xmlAttr *a = n->properties; a; a = a->next) {
        const char *an = (const char *)a->name;
        if (strcmp(an, "class") && strcmp(an, "id") && strcmp(an, "role"))
            continue;
        if (!a->children || a->children->type != XML_TEXT_NODE || !a->children->content)
            continue;
        const char *v = (const char *)a->children->content;
        if (!strcmp(an, "role")) {
            if (!strcasecmp(v, "navigation") || !strcasecmp(v, "banner") ||
                !strcasecmp(v, "complementary") || !strcasecmp(v, "contentinfo") ||
                !strcasecmp(v, "menu") || !strcasecmp(v, "dialog"))
                *strong = true;
            continue;
        }
        /* split into words at anything but a letter or digit, and also at
         * a change from lower to upper case (articleBody -> article body) */
        char w[32];
        size_t wl = 0, i = 0, len = strlen(v);
        if (len > 512)
            len = 512;
        for (;;) {
            char ch = i < len ? v[i] : 0;
            bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                         (ch >= '0' && ch <= '9');
            bool camel = alnum && wl && ch >= 'A' && ch <= 'Z' && i > 0 &&
                         v[i - 1] >= 'a' && v[i - 1] <= 'z';
            if ((!alnum || camel) && wl) {
                w[wl] = 0;
                if (wl < sizeof w - 1) {
                    if (in_list(w, strong_neg))
                        *strong = true;
                    else if (in_list(w, weak_neg))
                        weak = true;
                    else if (in_list(w, pos_words))
                        pos = true;
                }
                wl = 0;
            }
            if (!ch)
                break;
            if (alnum && wl < sizeof w - 1)
                w[wl++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
            i++;
        }
    }
    if (*strong)
        return -25;
    if (weak && !pos)
        return -25;
    return pos ? 25 : 0;
}

static const char *attr(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (!strcasecmp((const char *)a->name, name)) {
            if (a->children && a->children->type == XML_TEXT_NODE)
                return a->children->content ? (const char *)a->children->content : "";
            return "";
        }
    return NULL;
}

static bool hidden(xmlNode *n)
{
    if (attr(n, "hidden"))
        return true;
    const char *v = attr(n, "aria-hidden");
    if (v && !strcasecmp(v, "true"))
        return true;
    v = attr(n, "style");
    if (v) {
        /* display:none or visibility:hidden, spaces allowed */
        char buf[128];
        size_t k = 0;
        for (; *v && k < sizeof buf - 1; v++)
            if (*v != ' ')
                buf[k++] = (char)(*v >= 'A' && *v <= 'Z' ? *v + 32 : *v);
        buf[k] = 0;
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
            return true;
    }
    return false;
}

/* ---- iterative walk ---------------------------------------------------- */

/* Next node in document order after n within root; skip n's children when
 * `into` is false.  Calls leave(n) for each element left on the way up. */
typedef void (*leave_fn)(ctx *c, xmlNode *n);

static xmlNode *walk_next(ctx *c, xmlNode *root, xmlNode *n, bool into, leave_fn leave)
{
    if (into && n->children && n->type == XML_ELEMENT_NODE)
        return n->children;
    for (;;) {
        if (leave && n->type == XML_ELEMENT_NODE)
            leave(c, n);
        if (n == root)
            return NULL;
        if (n->next)
            return n->next;
        n = n->parent;
        if (!n)
            return NULL;
    }
}

/* A <noscript> holding NOSCRIPT_PAGE elements or more is the page itself:
 * libxml2 puts the rest of a page inside one a stray tag left open
 * ("<noscript><div></noscript>"), where a browser shows it.  Called when
 * the numbering walk leaves an element. */
#define NOSCRIPT_PAGE 50

static void number_leave(ctx *c, xmlNode *n)
{
    ninfo *in = info_of(c, n);
    if (in && is_el(n, "noscript") && !(in->flags & F_HARD) &&
        c->numbered - (size_t)(uintptr_t)n->_private >= NOSCRIPT_PAGE)
        in->flags &= ~(unsigned)F_DROP;
}

/* ---- script text outside scripts --------------------------------------- */

/* Script text that reached the tree as text: libxml2 ends a script at its
 * first "</script>", also one inside a string written by document.write in
 * an HTML comment, where browsers do not; the rest of the script becomes
 * text.  A text node reads as code when it holds two or more of these
 * marks and at least two statement ends or braces per 200 bytes.  Such
 * nodes are marked through _private (text nodes carry no ninfo) and
 * neither counted nor emitted. */
static const char *const code_marks[] = {
    "document.", "window.", "var ", "function(", "function (", "getElementBy",
    "});", "\");", "');", "==", "!=", "&&", "||", "+=", "=>", "typeof ",
    ".push(", "innerHTML", "//-->", "<!--", "px;", "!important", "@media",
    "{display:", "{ display:", NULL};
#define CODE_TEXT ((void *)1)

/* Mark m occurs in s; one ending in '.' ("document.") only when a
 * lower-case letter follows (a sentence may end "... the document."). */
static bool has_mark(const char *s, const char *m)
{
    size_t n = strlen(m);
    for (const char *p = strstr(s, m); p; p = strstr(p + 1, m))
        if (m[n - 1] != '.' || (p[n] >= 'a' && p[n] <= 'z'))
            return true;
    return false;
}

static bool code_like(const char *s)
{
    size_t len = strlen(s), ends = 0;
    if (len < 12)
        return false;
    for (size_t i = 0; i < len; i++)
        ends += s[i] == ';' || s[i] == '{' || s[i] == '}';
    if (ends < 2 || ends * 100 < len)
        return false;
    unsigned marks = 0;
    for (size_t k = 0; code_marks[k] && marks < 2; k++)
        marks += has_mark(s, code_marks[k]);
    return marks >= 2;
}

static bool code_text(const xmlNode *n)
{
    return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
           n->_private == CODE_TEXT;
}

/* ---- text measures ------------------------------------------------------ */

static void count_text(const char *s, size_t *chars, size_t *commas)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || (*p & 0xC0) == 0x80)
            continue;
        (*chars)++;
        if (*p == ',')
            (*commas)++;
    }
}

/* A list of other pages, told by its shape: at least LIST_ITEMS children,
 * two thirds of those with text or links, are short wrappers (div, li,
 * article, section, figure; under ITEM_TEXT characters) each holding a
 * link, and they hold two thirds of its text: a gallery of 50 pictures, a
 * "more stories" column of teasers.  An article's paragraphs are <p>
 * elements, and its list items are longer or not links.  Its prose does not
 * count as the page's prose. */
#define LIST_ITEMS 5
#define ITEM_TEXT 300

static bool wrapper_tag(const char *name)
{
    return !strcmp(name, "div") || !strcmp(name, "li") || !strcmp(name, "article") ||
           !strcmp(name, "section") || !strcmp(name, "figure") || !strcmp(name, "dd");
}

static void reset_counts(ninfo *in)
{
    in->text = in->link = in->good = in->commas = 0;
    in->links = in->kids = in->items = 0;
    in->item_text = in->para_good = 0;
}

/* Post-order: add an element's counts to its parent. */
static void measure_leave(ctx *c, xmlNode *n)
{
    ninfo *in = info_of(c, n);
    if (!in || (in->flags & F_DROP))
        return;
    const char *name = (const char *)n->name;
    if (is_el(n, "a")) {
        in->link = in->text;
        in->links++;
    }
    if (!c->discount && in->items >= LIST_ITEMS && in->items * 3 >= in->kids * 2 &&
        in->item_text * 3 >= in->text * 2)
        in->flags |= F_LIST;
    /* a paragraph that reads like prose: little of it is links */
    bool para = !strcmp(name, "p") || !strcmp(name, "pre") || !strcmp(name, "blockquote");
    /* long list items carry prose too (articles written as numbered lists) */
    bool item = !strcmp(name, "li") && in->text >= 100 && in->link * 2 < in->text;
    if (item || (para && in->text >= 25 && in->link * 4 < in->text)) {
        in->good = in->text;
    }
    if (c->discount && (in->flags & F_LIST))
        in->good = 0;
    xmlNode *p = n->parent;
    ninfo *pi = p ? info_of(c, p) : NULL;
    if (pi) {
        pi->text += in->text;
        pi->link += in->link;
        pi->good += in->good;
        if (para)
            pi->para_good += in->good;
        pi->commas += in->commas;
        pi->links += in->links;
        if (in->text || in->links) {
            pi->kids++;
            if (wrapper_tag(name) && in->links && in->text < ITEM_TEXT) {
                pi->items++;
                pi->item_text += in->text;
            }
        }
    }
}

static void measure(ctx *c, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        bool into = true;
        if (n->type == XML_ELEMENT_NODE) {
            ninfo *in = info_of(c, n);
            if (in && (in->flags & F_DROP))
                into = false;
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            ninfo *pi = n->parent ? info_of(c, n->parent) : NULL;
            if (pi && n->content && !code_text(n))
                count_text((const char *)n->content, &pi->text, &pi->commas);
        }
        n = walk_next(c, root, n, into, measure_leave);
    }
}

/* A list whose parent also holds paragraphs of prose of its own (an intro
 * before, a sign-off after) is the article written as a list ("10 things
 * in tech today"); the others (a gallery, a column of teasers beside the
 * article) are measured again with their prose left out. */
#define LIST_INLINE 150

static void discount_lists(ctx *c, xmlNode *body)
{
    size_t lists = 0;
    for (size_t i = 0; i < c->n; i++)
        lists += (c->info[i].flags & F_LIST) != 0;
    if (!lists)
        return;
    lists = 0;
    for (xmlNode *n = body; n; n = walk_next(c, body, n, true, NULL)) {
        ninfo *in = n->type == XML_ELEMENT_NODE ? info_of(c, n) : NULL;
        if (!in || !(in->flags & F_LIST))
            continue;
        ninfo *pi = n->parent ? info_of(c, n->parent) : NULL;
        if (pi && pi->para_good >= LIST_INLINE)
            in->flags &= ~(unsigned)F_LIST;
        else
            lists++;
    }
    if (!lists)
        return;
    for (size_t i = 0; i < c->n; i++)
        reset_counts(&c->info[i]);
    c->discount = true;
    measure(c, body);
}

/* ---- output ------------------------------------------------------------- */

typedef struct out {
    rift_buf b;
    int pending;     /* 0 nothing, 1 space, 2 line break, 3 paragraph break */
    int brs;         /* consecutive <br> with nothing visible in between */
    size_t cap;      /* stop after this many bytes (0: no limit) */
} out;

static void out_sep(out *o, int level)
{
    if (level > o->pending)
        o->pending = level;
}

static void out_text(out *o, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (o->cap && o->b.len >= o->cap)
            return;
        unsigned char ch = *p;
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
            ch == '\v' || ch < ' ' || ch == 0x7F) {
            out_sep(o, 1);
            continue;
        }
        /* U+00A0 no-break space counts as white space too */
        if (ch == 0xC2 && p[1] == 0xA0) {
            out_sep(o, 1);
            p++;
            continue;
        }
        if (o->pending && o->b.len) {
            if (o->pending == 3)
                rift_buf_put(&o->b, "\n\n", 2);
            else if (o->pending == 2)
                rift_buf_putc(&o->b, '\n');
            else
                rift_buf_putc(&o->b, ' ');
        }
        o->pending = 0;
        o->brs = 0;
        rift_buf_putc(&o->b, (char)ch);
    }
}

/* A heading that only repeats the page title is metadata, not text. */
static bool same_text(ctx *c, xmlNode *n, const char *t);

/* In the chosen content, containers that are mostly links are lists of
 * other pages, not the article. */
static bool skip_in_content(ctx *c, xmlNode *n, const ninfo *in)
{
    const char *name = (const char *)n->name;
    /* whatever holds a good share of the article's prose stays */
    if (in->good * 3 >= c->top_good && in->good)
        return false;
    if (in->weight < 0 || (in->flags & F_LIST))
        return true;
    if (in->text == 0)
        return false;
    double ld = (double)in->link / (double)in->text;
    if (is_heading(name)) {
        if (ld > 0.5)
            return true;
        if (c->title && same_text(c, n, c->title))
            return true;
        return false;
    }
    if (!strcmp(name, "ul") || !strcmp(name, "ol") || !strcmp(name, "dl"))
        return ld > 0.35;
    if (!strcmp(name, "p") || !strcmp(name, "li"))
        return ld > 0.7 && in->text < 200;
    if (!strcmp(name, "div") || !strcmp(name, "section") || !strcmp(name, "table") ||
        !strcmp(name, "span"))
        return in->commas < 10 && (ld > (in->weight > 0 ? 0.5 : 0.3)) && !in->good;
    return false;
}

static void emit_leave(ctx *c, xmlNode *n);
static out *cur_out;   /* only set while emit() runs; see emit() */

/* Text of root's subtree (dropped elements left out).  `clean` also leaves
 * out link lists and the like inside the content. */
static void emit(ctx *c, xmlNode *root, out *o, bool clean)
{
    out *saved = cur_out;
    cur_out = o;
    xmlNode *n = root;
    while (n) {
        bool into = true;
        if (o->cap && o->b.len >= o->cap)
            break;
        if (n->type == XML_ELEMENT_NODE) {
            ninfo *in = info_of(c, n);
            const char *name = (const char *)n->name;
            if (n != root && in && (in->flags & F_DROP) &&
                (!c->loose || (in->flags & F_HARD)))
                into = false;
            else if (clean && n != root && in && skip_in_content(c, n, in))
                into = false;
            else if (!strcmp(name, "br")) {
                o->brs++;
                out_sep(o, o->brs >= 2 ? 3 : 2);
            } else if (in && (in->flags & F_BLOCK)) {
                out_sep(o, 3);
            } else if (in && (in->flags & F_CELL)) {
                out_sep(o, 1);
            }
            if (!into && in && !(in->flags & F_DROP) && (in->flags & F_BLOCK))
                out_sep(o, 3);
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content && !code_text(n))
                out_text(o, (const char *)n->content);
        }
        n = walk_next(c, root, n, into, emit_leave);
    }
    cur_out = saved;
}

static void emit_leave(ctx *c, xmlNode *n)
{
    ninfo *in = info_of(c, n);
    if (cur_out && in && (in->flags & F_BLOCK))
        out_sep(cur_out, 3);
    else if (cur_out && in && (in->flags & F_CELL))
        out_sep(cur_out, 1);
}

/* Collapsed text of an element, at most cap bytes, heap-allocated. */
static char *text_of(ctx *c, xmlNode *n, size_t cap)
{
    out o = {0};
    rift_buf_init(&o.b);
    o.cap = cap;
    emit(c, n, &o, false);
    if (!o.b.len) {
        rift_buf_free(&o.b);
        return NULL;
    }
    return rift_buf_detach(&o.b, NULL);
}

static bool same_text(ctx *c, xmlNode *n, const char *t)
{
    char *s = text_of(c, n, 1024);
    bool same = s && !strcasecmp(s, t);
    free(s);
    return same;
}

/* ---- metadata ----------------------------------------------------------- */

typedef struct meta {
    char *og_title, *tw_title, *title_tag, *h1;
    char *date[4];        /* by priority: 0 best */
    char *author[3];
    char *canonical, *og_url;
    char *site, *app;
    xmlNode *ld[4];       /* the first JSON-LD scripts, for articleBody */
    xmlNode *article;     /* the first <article> with text, for <time> */
    size_t article_text;
} meta;

static char *trimdup(const char *s, size_t cap)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s), full;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (!n)
        return NULL;
    full = n;
    if (n > cap)
        n = cap;
    /* keep whole UTF-8 characters */
    while (n && n < full && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    char *d = rift_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    /* fold white space runs into one space */
    size_t k = 0;
    bool sp = false;
    for (size_t i = 0; i < n; i++) {
        char ch = d[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            sp = true;
            continue;
        }
        if (sp && k)
            d[k++] = ' ';
        sp = false;
        d[k++] = ch;
    }
    d[k] = 0;
    return d;
}

static void set_once(char **slot, char *v)
{
    if (!*slot)
        *slot = v;
    else
        free(v);
}

/* "datePublished": "2019-11-19T..." inside a JSON-LD script, by plain
 * scanning: enough for the one field, and never fails on bad JSON. */
static char *jsonld_date(const char *s)
{
    const char *p = strstr(s, "\"datePublished\"");
    if (!p)
        return NULL;
    p += 15;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p++ != ':')
        return NULL;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p++ != '"')
        return NULL;
    const char *e = strchr(p, '"');
    if (!e || e - p > 64)
        return NULL;
    char tmp[65];
    memcpy(tmp, p, (size_t)(e - p));
    tmp[e - p] = 0;
    return trimdup(tmp, 64);
}

static void meta_element(ctx *c, meta *m, xmlNode *n)
{
    const char *name = (const char *)n->name;
    if (!strcmp(name, "meta")) {
        const char *content = attr(n, "content");
        if (!content)
            return;
        const char *key = attr(n, "property");
        if (!key)
            key = attr(n, "name");
        if (!key)
            key = attr(n, "itemprop");
        if (!key)
            return;
        char *v;
#define IS(k) (!strcasecmp(key, k))
        if (IS("og:title"))
            set_once(&m->og_title, trimdup(content, 1000));
        else if (IS("twitter:title"))
            set_once(&m->tw_title, trimdup(content, 1000));
        else if (IS("article:published_time") || IS("og:article:published_time"))
            set_once(&m->date[0], trimdup(content, 64));
        else if (IS("datePublished"))
            set_once(&m->date[1], trimdup(content, 64));
        else if (IS("date") || IS("pubdate") || IS("publishdate") || IS("publish-date") ||
                 IS("DC.date.issued") || IS("dcterms.date") || IS("DC.date") ||
                 IS("parsely-pub-date") || IS("sailthru.date") || IS("article.published") ||
                 IS("published_time") || IS("og:published_time") || IS("article_date_original"))
            set_once(&m->date[2], trimdup(content, 64));
        else if (IS("author") || IS("parsely-author") || IS("sailthru.author") ||
                 IS("dc.creator")) {
            v = trimdup(content, 200);
            set_once(&m->author[0], v);
        } else if (IS("article:author")) {
            if (strncasecmp(content, "http", 4))
                set_once(&m->author[1], trimdup(content, 200));
        } else if (IS("og:url"))
            set_once(&m->og_url, trimdup(content, 2000));
        else if (IS("og:site_name"))
            set_once(&m->site, trimdup(content, 200));
        else if (IS("application-name"))
            set_once(&m->app, trimdup(content, 200));
#undef IS
        return;
    }
    if (!strcmp(name, "link")) {
        const char *rel = attr(n, "rel"), *href = attr(n, "href");
        if (rel && href && !strcasecmp(rel, "canonical"))
            set_once(&m->canonical, trimdup(href, 2000));
        return;
    }
    if (!strcmp(name, "title")) {
        if (!m->title_tag)
            m->title_tag = text_of(c, n, 1000);
        return;
    }
    if (!strcmp(name, "script")) {
        const char *t = attr(n, "type");
        for (int i = 0; i < 4 && t && !strcasecmp(t, "application/ld+json"); i++)
            if (!m->ld[i]) {
                m->ld[i] = n;
                break;
            }
        if (t && !strcasecmp(t, "application/ld+json") && !m->date[1])
            for (xmlNode *k = n->children; k; k = k->next)
                if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) &&
                    k->content) {
                    set_once(&m->date[1], jsonld_date((const char *)k->content));
                    break;
                }
        return;
    }
    if (!strcmp(name, "h1")) {
        if (!m->h1)
            m->h1 = text_of(c, n, 1000);
        return;
    }
    const char *ip = attr(n, "itemprop");
    if (ip && !strcasecmp(ip, "datePublished")) {
        const char *v = attr(n, "datetime");
        if (!v)
            v = attr(n, "content");
        if (v)
            set_once(&m->date[1], trimdup(v, 64));
        else
            set_once(&m->date[1], text_of(c, n, 64));
    } else if (ip && !strcasecmp(ip, "author")) {
        const char *v = attr(n, "content");
        if (v)
            set_once(&m->author[1], trimdup(v, 200));
        else {
            /* the name inside, or the whole text when short */
            char *t = text_of(c, n, 200);
            if (t && strlen(t) < 100)
                set_once(&m->author[1], t);
            else
                free(t);
        }
    }
    const char *rel = attr(n, "rel");
    if (rel && !strcasecmp(rel, "author") && !strcmp(name, "a")) {
        char *t = text_of(c, n, 200);
        if (t && strlen(t) < 100)
            set_once(&m->author[2], t);
        else
            free(t);
    }
}

/* The first <time datetime> in the article (or the page). */
static char *time_in(ctx *c, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        if (is_el(n, "time")) {
            const char *v = attr(n, "datetime");
            if (v && *v)
                return trimdup(v, 64);
        }
        n = walk_next(c, root, n, true, NULL);
    }
    return NULL;
}

/* <title> without a " | Site" or " - Site" tail. */
static char *clean_title(const meta *m)
{
    const char *t = m->title_tag;
    size_t n = strlen(t);
    static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", NULL};
    for (const char *const *sp = seps; *sp; sp++) {
        size_t sl = strlen(*sp);
        /* the last separator in the title */
        const char *last = NULL;
        for (const char *p = strstr(t, *sp); p; p = strstr(p + 1, *sp))
            last = p;
        if (!last || last == t)
            continue;
        const char *tail = last + sl;
        bool site = (m->site && !strcasecmp(tail, m->site)) ||
                    (m->app && !strcasecmp(tail, m->app));
        size_t head = (size_t)(last - t);
        bool h1 = m->h1 && strlen(m->h1) == head && !strncasecmp(m->h1, t, head);
        if (site || h1) {
            char *d = rift_xmalloc(head + 1);
            memcpy(d, t, head);
            d[head] = 0;
            return d;
        }
    }
    (void)n;
    return rift_xstrdup(t);
}

/* ---- when nothing else is found ------------------------------------------ */

/* The first "articleBody" string in a JSON value, at most 6 levels deep. */
static const char *json_body(json_t *v, int depth)
{
    if (depth > 6)
        return NULL;
    if (json_is_object(v)) {
        json_t *b = json_object_get(v, "articleBody");
        if (json_is_string(b))
            return json_string_value(b);
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) {
            const char *r = json_body(x, depth + 1);
            if (r)
                return r;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            const char *r = json_body(x, depth + 1);
            if (r)
                return r;
        }
    }
    return NULL;
}

/* A page whose article the rules above missed (all of it in furniture a
 * site misnamed, or rendered by a script): the articleBody of its JSON-LD
 * when it has one, one paragraph per line; else, when nothing at all was
 * found, all the visible text, only scripts, styles, form controls and
 * hidden elements left out.  Replaces *o when longer. */
#define LOOSE_MIN 200
static void last_resort(ctx *c, const meta *m, xmlNode *body, out *o)
{
    out alt = {0};
    rift_buf_init(&alt.b);
    for (int i = 0; i < 4 && m->ld[i] && !alt.b.len; i++) {
        xmlNode *k = m->ld[i]->children;
        if (!k || !k->content || (k->type != XML_TEXT_NODE && k->type != XML_CDATA_SECTION_NODE))
            continue;
        json_t *v = json_loads((const char *)k->content, 0, NULL);
        const char *b = v ? json_body(v, 0) : NULL;
        for (const char *p = b; p && *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            char *line = rift_xmalloc(n + 1);
            memcpy(line, p, n);
            line[n] = 0;
            out_sep(&alt, 3);
            out_text(&alt, line);
            free(line);
            p += n + (nl != NULL);
        }
        json_decref(v);
    }
    bool loose = false;
    if (!alt.b.len && !o->b.len) {
        c->loose = loose = true;
        emit(c, body, &alt, false);
        c->loose = false;
    }
    /* a page of a few menu words has no article to find */
    if (alt.b.len > o->b.len && (!loose || alt.b.len >= LOOSE_MIN)) {
        rift_buf_free(&o->b);
        *o = alt;
    } else {
        rift_buf_free(&alt.b);
    }
}

/* ---- choosing the content ------------------------------------------------ */

static int tag_base(const char *name)
{
    if (!strcmp(name, "div") || !strcmp(name, "article") || !strcmp(name, "section") ||
        !strcmp(name, "main"))
        return 5;
    if (!strcmp(name, "pre") || !strcmp(name, "td") || !strcmp(name, "blockquote"))
        return 3;
    if (!strcmp(name, "ol") || !strcmp(name, "ul") || !strcmp(name, "dl") ||
        !strcmp(name, "dd") || !strcmp(name, "dt") || !strcmp(name, "li") ||
        !strcmp(name, "address"))
        return -3;
    if (is_heading(name) || !strcmp(name, "th"))
        return -5;
    return 0;
}

static void add_score(ctx *c, xmlNode *n, double s)
{
    ninfo *in = info_of(c, n);
    if (!in || (in->flags & F_DROP))
        return;
    if (!(in->flags & F_SCORED)) {
        in->flags |= F_SCORED;
        in->score = tag_base((const char *)n->name) + in->weight;
    }
    in->score += s;
}

/* Readability-style scores: each paragraph gives points (more for length
 * and commas) to its parent, half to its grandparent, less further up. */
static void score_paragraphs(ctx *c, xmlNode *body)
{
    xmlNode *n = body;
    while (n) {
        bool into = true;
        if (n->type == XML_ELEMENT_NODE) {
            ninfo *in = info_of(c, n);
            if (!in || (in->flags & F_DROP)) {
                into = false;
            } else {
                const char *name = (const char *)n->name;
                bool p = !strcmp(name, "p") || !strcmp(name, "pre") ||
                         (!strcmp(name, "li") && in->text >= 100);
                size_t own = 0;
                if (!p && (!strcmp(name, "div") || !strcmp(name, "td") ||
                           !strcmp(name, "section") || !strcmp(name, "article"))) {
                    /* text not inside a child block: a paragraph made with <br> */
                    own = in->text;
                    for (xmlNode *k = n->children; k; k = k->next)
                        if (k->type == XML_ELEMENT_NODE) {
                            ninfo *ki = info_of(c, k);
                            if (ki && (ki->flags & F_BLOCK) && !(ki->flags & F_DROP))
                                own -= ki->text <= own ? ki->text : own;
                        }
                }
                size_t len = p ? in->text : own;
                if (len >= 25 && in->link * 2 < in->text + 1) {
                    double s = 1.0 + (double)in->commas + (double)(len / 100 > 3 ? 3 : len / 100);
                    xmlNode *a = p ? n->parent : n;
                    for (int level = 0; a && level < 5; level++, a = a->parent) {
                        ninfo *ai = a->type == XML_ELEMENT_NODE ? info_of(c, a) : NULL;
                        if (!ai || (ai->flags & F_LIST))
                            break; /* a teaser's prose scores no article */
                        add_score(c, a, level == 0 ? s : level == 1 ? s / 2 : s / (level * 3));
                    }
                }
                if (p)
                    into = false;
            }
        }
        n = walk_next(c, body, n, into, NULL);
    }
}

static double final_score(const ninfo *in)
{
    if (!(in->flags & F_SCORED))
        return 0;
    double ld = in->text ? (double)in->link / (double)in->text : 0;
    return in->score * (1.0 - ld);
}

/* Pick the element holding the article; *top receives it, or NULL. */
static xmlNode *choose(ctx *c, xmlNode *body)
{
    xmlNode *best = NULL;
    double bs = 0;
    xmlNode *n = body;
    while (n) {
        bool into = true;
        if (n->type == XML_ELEMENT_NODE) {
            ninfo *in = info_of(c, n);
            if (!in || (in->flags & F_DROP))
                into = false;
            else if (in->flags & F_SCORED) {
                double s = final_score(in);
                if (s > bs) {
                    bs = s;
                    best = n;
                }
            }
        }
        n = walk_next(c, body, n, into, NULL);
    }
    if (!best)
        return NULL;
    /* an article split over sibling containers: climb while the parent
     * holds clearly more prose than the candidate */
    for (;;) {
        ninfo *bi = info_of(c, best);
        xmlNode *p = best->parent, *up = NULL;
        /* look a few levels up: each paragraph may sit in its own wrapper */
        for (int level = 0; level < 3 && p && p->type == XML_ELEMENT_NODE && best != body;
             level++, p = p->parent) {
            ninfo *pi = info_of(c, p);
            if (!bi || !pi)
                break;
            if ((double)pi->good > 1.3 * (double)bi->good + 50) {
                up = p;
                break;
            }
            if (p == body)
                break;
        }
        if (!up)
            break;
        best = up;
    }
    return best;
}

/* Siblings of the top candidate that belong with it (readability's rule). */
static bool sibling_ok(ctx *c, xmlNode *s, double top)
{
    ninfo *in = info_of(c, s);
    if (!in || (in->flags & (F_DROP | F_LIST)) || in->weight < 0)
        return false;
    double th = top * 0.2 > 10 ? top * 0.2 : 10;
    if ((in->flags & F_SCORED) && final_score(in) >= th)
        return true;
    if (is_el(s, "p") && in->text) {
        double ld = (double)in->link / (double)in->text;
        if (in->text > 80 && ld < 0.25)
            return true;
        if (in->text > 0 && in->text <= 80 && ld == 0 && in->good)
            return true;
    }
    return false;
}

/* ---- encoding ------------------------------------------------------------ */

/* The charset a page declares in its first bytes (<meta charset>, <meta
 * http-equiv content="...; charset=...">, <?xml encoding>), or NULL. */
static const char *declared_charset(const char *s, size_t len, char *buf, size_t cap)
{
    size_t lim = len < 16384 ? len : 16384;
    for (size_t i = 0; i + 8 < lim; i++) {
        if (strncasecmp(s + i, "charset", 7) && strncasecmp(s + i, "encoding", 8))
            continue;
        size_t j = i + (s[i] == 'e' || s[i] == 'E' ? 8 : 7);
        while (j < lim && (s[j] == ' ' || s[j] == '\t'))
            j++;
        if (j >= lim || s[j] != '=')
            continue;
        j++;
        while (j < lim && (s[j] == ' ' || s[j] == '"' || s[j] == '\''))
            j++;
        size_t k = 0;
        while (j < lim && k < cap - 1 &&
               ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                (s[j] >= '0' && s[j] <= '9') || s[j] == '-' || s[j] == '_' ||
                s[j] == '.' || s[j] == ':'))
            buf[k++] = s[j++];
        buf[k] = 0;
        if (k)
            return buf;
    }
    return NULL;
}

static bool have_encoding(const char *name)
{
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name);
    if (!h)
        return false;
    xmlCharEncCloseFunc(h);   /* frees iconv handlers, keeps built-in ones */
    return true;
}

/* The encoding to read the page in.  The bytes are checked against the
 * declaration: bytes that are valid UTF-8 with multibyte sequences are
 * UTF-8 whatever the page declares, a stray invalid byte per ten valid
 * sequences allowed (a page declared iso-8859-1 whose
 * bytes are UTF-8 would otherwise be mis-decoded, and cut short at the
 * first byte windows-1252 lacks); bytes invalid as UTF-8 without any valid
 * multibyte sequence are windows-1252 when the page declares UTF-8 or
 * nothing (old news sites). */
static const char *pick_encoding(const char *s, size_t len, char *buf, size_t cap)
{
    size_t bad = 0, good = 0;
    for (size_t i = 0; i < len;) {
        int k;
        int32_t cp = rift_utf8_decode(s, len, i, &k);
        if (cp == 0xFFFD && k == 1)
            bad++;
        else if (k > 1)
            good++;
        i += (size_t)k;
    }
    if (good && bad * 10 < good)
        return "UTF-8";
    const char *cs = declared_charset(s, len, buf, cap);
    bool say_utf8 = cs && (!strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8"));
    if ((!cs || say_utf8) && bad && !good && have_encoding("windows-1252"))
        return "windows-1252";
    if (!cs)
        return "UTF-8";
    if (!strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8"))
        return "UTF-8";
    /* browsers read these labels as windows-1252, and so do pages */
    if (!strcasecmp(cs, "iso-8859-1") || !strcasecmp(cs, "latin1") ||
        !strcasecmp(cs, "latin-1") || !strcasecmp(cs, "us-ascii") ||
        !strcasecmp(cs, "ascii") || !strcasecmp(cs, "iso8859-1") ||
        !strcasecmp(cs, "cp1252"))
        cs = "windows-1252";
    /* UTF-16 declared in an ASCII-readable page is a lie */
    if (!strncasecmp(cs, "utf-16", 6) || !strncasecmp(cs, "utf-32", 6))
        return "UTF-8";
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(cs);
    if (!h) {
        if (!strcmp(cs, "windows-1252") && have_encoding("ISO-8859-1"))
            return "ISO-8859-1";
        return "UTF-8";
    }
    xmlCharEncCloseFunc(h);
    return cs;
}

/* ---- the whole ---------------------------------------------------------- */

static void silent(void *data, xmlErrorPtr err)
{
    (void)data;
    (void)err;
}

static void silent_generic(void *data, const char *msg, ...)
{
    (void)data;
    (void)msg;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void)
{
    xmlInitParser();
}

/* Valid UTF-8 without control characters: invalid bytes become U+FFFD. */
static char *repair_utf8(char *s, size_t *len)
{
    size_t n = *len;
    bool ok = true;
    for (size_t i = 0; i < n;) {
        int k;
        int32_t cp = rift_utf8_decode(s, n, i, &k);
        if (cp == 0xFFFD && k == 1) {
            ok = false;
            break;
        }
        i += (size_t)k;
    }
    if (ok)
        return s;
    rift_buf b;
    rift_buf_init(&b);
    for (size_t i = 0; i < n;) {
        int k;
        int32_t cp = rift_utf8_decode(s, n, i, &k);
        if (cp == 0xFFFD && k == 1)
            rift_buf_put(&b, "\xEF\xBF\xBD", 3);
        else
            rift_buf_put(&b, s + i, (size_t)k);
        i += (size_t)k;
    }
    free(s);
    return rift_buf_detach(&b, len);
}

bool rift_html_extract(const char *html, size_t len, rift_html_result *out_r)
{
    memset(out_r, 0, sizeof *out_r);
    if (!html || !len || len > INT32_MAX)
        return false;
    pthread_once(&init_once, init_libxml);
    /* libxml2 reports some errors through per-thread handlers, whatever
     * the parse options: route them nowhere for the time of this call. */
    xmlStructuredErrorFunc old_s = xmlStructuredError;
    void *old_sc = xmlStructuredErrorContext;
    xmlGenericErrorFunc old_g = xmlGenericError;
    void *old_gc = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(NULL, silent);
    xmlSetGenericErrorFunc(NULL, silent_generic);

    char csbuf[48];
    const char *enc = pick_encoding(html, len, csbuf, sizeof csbuf);
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, enc, opts);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (doc)
            xmlFreeDoc(doc);
        xmlSetStructuredErrorFunc(old_sc, old_s);
        xmlSetGenericErrorFunc(old_gc, old_g);
        return false;
    }

    /* number the elements and mark the boilerplate */
    ctx c = {0};
    size_t count = 0;
    for (xmlNode *n = root; n; n = walk_next(&c, root, n, true, NULL))
        if (n->type == XML_ELEMENT_NODE)
            count++;
    c.info = calloc(count ? count : 1, sizeof *c.info);
    if (!c.info)
        rift_oom();
    c.n = count;
    size_t k = 0;
    xmlNode *body = NULL;
    for (xmlNode *n = root; n; n = walk_next(&c, root, n, true, number_leave)) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            n->_private = n->content && code_like((const char *)n->content) ? CODE_TEXT
                                                                            : NULL;
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        n->_private = (void *)(uintptr_t)(k + 1);
        ninfo *in = &c.info[k++];
        c.numbered = k;
        const char *name = (const char *)n->name;
        if (!body && !strcmp(name, "body"))
            body = n;
        bool strong = false;
        in->weight = class_weight(n, &strong);
        bool keep_tag = !strcmp(name, "html") || !strcmp(name, "body") ||
                        !strcmp(name, "main") || !strcmp(name, "article");
        if (in_list(name, block_tags))
            in->flags |= F_BLOCK;
        else if (!strcmp(name, "td") || !strcmp(name, "th") || !strcmp(name, "img"))
            in->flags |= F_CELL;
        if (in_list(name, hard_tags) || hidden(n))
            in->flags |= F_DROP | F_HARD;
        else if (in_list(name, drop_tags))
            in->flags |= F_DROP;
        else if ((!keep_tag && strong) || !strcmp(name, "form"))
            in->flags |= F_NEGCLASS;   /* ASP.NET pages wrap all in a form */
        if (keep_tag && in->weight < 0)
            in->weight = 0;
    }
    if (!body)
        body = root;

    /* metadata from the whole page */
    meta m = {0};
    for (xmlNode *n = root; n; n = walk_next(&c, root, n, true, NULL))
        if (n->type == XML_ELEMENT_NODE)
            meta_element(&c, &m, n);

    /* measures; a class such as "page-ad-margins" may wrap the whole
     * article, so furniture classes drop only what holds little prose */
    measure(&c, body);
    size_t all_good = info_of(&c, body) ? info_of(&c, body)->good : 0;
    for (size_t i = 0; i < c.n; i++) {
        ninfo *in = &c.info[i];
        if ((in->flags & F_NEGCLASS) && in->good * 2 < all_good + 1)
            in->flags |= F_DROP;
        in->flags &= ~(unsigned)F_LIST;
        reset_counts(in);
    }
    measure(&c, body);
    discount_lists(&c, body);
    for (xmlNode *n = body; n; n = walk_next(&c, body, n, true, NULL))
        if (is_el(n, "article")) {
            ninfo *in = info_of(&c, n);
            if (in && !(in->flags & F_DROP) && in->good > m.article_text) {
                m.article = n;
                m.article_text = in->good;
            }
        }

    /* title */
    if (m.og_title)
        out_r->title = rift_xstrdup(m.og_title);
    else if (m.tw_title)
        out_r->title = rift_xstrdup(m.tw_title);
    else if (m.title_tag)
        out_r->title = clean_title(&m);
    else if (m.h1)
        out_r->title = rift_xstrdup(m.h1);
    c.title = out_r->title;

    score_paragraphs(&c, body);
    xmlNode *top = choose(&c, body);
    out o = {0};
    rift_buf_init(&o.b);
    if (top) {
        xmlNode *parent = top->parent;
        double ts = final_score(info_of(&c, top));
        c.top_good = info_of(&c, top)->good;
        if (parent && top != body) {
            for (xmlNode *s = parent->children; s; s = s->next) {
                if (s->type != XML_ELEMENT_NODE)
                    continue;
                if (s == top || sibling_ok(&c, s, ts)) {
                    out_sep(&o, 3);
                    emit(&c, s, &o, true);
                    out_sep(&o, 3);
                }
            }
        } else {
            emit(&c, top, &o, true);
        }
    }
    if (o.b.len < 200) {
        /* no clear content: the whole body, boilerplate left out */
        size_t chosen = o.b.len;
        out all = {0};
        rift_buf_init(&all.b);
        emit(&c, body, &all, false);
        if (all.b.len > chosen) {
            rift_buf_free(&o.b);
            o = all;
        } else {
            rift_buf_free(&all.b);
        }
    }
    if (o.b.len < 200)
        last_resort(&c, &m, body, &o);

    /* dates: the head first, then JSON-LD and names, then a <time> */
    char *date = NULL;
    for (int i = 0; i < 4 && !date; i++)
        if (m.date[i])
            date = rift_xstrdup(m.date[i]);
    if (!date)
        date = time_in(&c, m.article ? m.article : (top ? top : body));
    out_r->date = date;
    for (int i = 0; i < 3 && !out_r->author; i++)
        if (m.author[i])
            out_r->author = rift_xstrdup(m.author[i]);
    if (m.canonical)
        out_r->url = rift_xstrdup(m.canonical);
    else if (m.og_url)
        out_r->url = rift_xstrdup(m.og_url);
    if (m.site)
        out_r->source = rift_xstrdup(m.site);
    else if (m.app)
        out_r->source = rift_xstrdup(m.app);

    free(m.og_title);
    free(m.tw_title);
    free(m.title_tag);
    free(m.h1);
    for (int i = 0; i < 4; i++)
        free(m.date[i]);
    for (int i = 0; i < 3; i++)
        free(m.author[i]);
    free(m.canonical);
    free(m.og_url);
    free(m.site);
    free(m.app);
    free(c.info);
    xmlFreeDoc(doc);
    xmlSetStructuredErrorFunc(old_sc, old_s);
    xmlSetGenericErrorFunc(old_gc, old_g);

    /* metadata strings must be valid UTF-8 as well */
    char **fields[] = {&out_r->title, &out_r->date, &out_r->author, &out_r->url,
                       &out_r->source};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (*fields[i]) {
            size_t fl = strlen(*fields[i]);
            *fields[i] = repair_utf8(*fields[i], &fl);
        }

    if (!o.b.len) {
        rift_buf_free(&o.b);
        rift_html_result_free(out_r);
        return false;
    }
    size_t tl;
    char *text = rift_buf_detach(&o.b, &tl);
    out_r->text = repair_utf8(text, &tl);
    out_r->text_len = tl;
    return true;
}

void rift_html_result_free(rift_html_result *r)
{
    free(r->text);
    free(r->title);
    free(r->date);
    free(r->author);
    free(r->url);
    free(r->source);
    memset(r, 0, sizeof *r);
}
