/* outlet.c: one outlet, one name: the outlet of an article from its source,
 * URL or title tail, by data/en/outlet_aliases.txt and web host rules.
 */
#include "internal.h"

#include <string.h>
#include <strings.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s[0..n) without white space around it */
static const char *trim(const char *s, size_t *n)
{
    while (*n && is_space(*s)) {
        s++;
        (*n)--;
    }
    while (*n && is_space(s[*n - 1]))
        (*n)--;
    return s;
}

/* A web host or address: no space, and a dot inside. */
static bool host_like(const char *s, size_t n)
{
    const char *dot = memchr(s, '.', n);
    for (size_t i = 0; i < n; i++)
        if (is_space(s[i]))
            return false;
    return dot && dot > s && dot < s + n - 1;
}

/* The alias table's name for s[0..n), or NULL. */
static const char *listed(const rift_lexicon *lx, rift_arena *ar, const char *s, size_t n)
{
    if (!lx || !n)
        return NULL;
    int k = rift_lexicon_lookup(lx, ar, s, n);
    return k >= 0 && (size_t)k < lx->n_values ? lx->values[k] : NULL;
}

static bool word_ci(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    if (n != wn)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != w[i])
            return false;
    return true;
}

/* A host's name: listed (the host, else each parent domain: edition.cnn.com,
 * cnn.com), else its registered label in title case with '-' as a space
 * ("kestrel-radio.example" -> "Kestrel Radio"). */
static char *host_name(const rift_lexicon *lx, rift_arena *ar, const char *s, size_t n)
{
    const char *p = memmem(s, n, "://", 3);
    if (p) {
        n -= (size_t)(p + 3 - s);
        s = p + 3;
    }
    size_t h = 0;
    while (h < n && !strchr("/?#:", s[h]))
        h++;
    n = h;
    while (n > 4 && (!strncasecmp(s, "www.", 4) || !strncasecmp(s, "amp.", 4))) {
        s += 4;
        n -= 4;
    }
    if (n > 2 && !strncasecmp(s, "m.", 2)) {
        s += 2;
        n -= 2;
    }
    for (const char *q = s; q < s + n;) {
        const char *name = listed(lx, ar, q, n - (size_t)(q - s));
        if (name)
            return rift_xstrdup(name);
        const char *dot = memchr(q, '.', n - (size_t)(q - s));
        if (!dot)
            break;
        q = dot + 1;
    }
    /* the label before the top-level domain, or before "co.uk"-like pairs */
    size_t end = n;
    while (end && s[end - 1] != '.')
        end--;
    if (!end)
        return NULL;
    end--; /* at the dot before the top-level domain */
    size_t start = end;
    while (start && s[start - 1] != '.')
        start--;
    if (end - start <= 3 && start) { /* "co", "com", "org" before a country code */
        end = start - 1;
        start = end;
        while (start && s[start - 1] != '.')
            start--;
    }
    if (start >= end)
        return NULL;
    rift_buf b;
    rift_buf_init(&b);
    bool up = true;
    for (size_t i = start; i < end; i++) {
        char c = s[i];
        if (c == '-' || c == '_') {
            rift_buf_putc(&b, ' ');
            up = true;
            continue;
        }
        rift_buf_putc(&b, up && c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
        up = false;
    }
    return rift_buf_detach(&b, NULL);
}

/* A name: listed as written, else without a leading "the" or a trailing
 * "News" (kept when only one word would be left); else as written, less
 * such a "News". */
static char *plain_name(const rift_lexicon *lx, rift_arena *ar, const char *s, size_t n)
{
    const char *name = listed(lx, ar, s, n);
    if (name)
        return rift_xstrdup(name);
    if (n > 4 && !strncasecmp(s, "the ", 4) && (name = listed(lx, ar, s + 4, n - 4)))
        return rift_xstrdup(name);
    const char *sp = NULL;
    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == ' ') {
            sp = s + i - 1;
            break;
        }
    if (sp && word_ci(sp + 1, n - (size_t)(sp + 1 - s), "news") &&
        memchr(s, ' ', (size_t)(sp - s))) {
        n = (size_t)(sp - s);
        if ((name = listed(lx, ar, s, n)))
            return rift_xstrdup(name);
    }
    char *o = rift_xmalloc(n + 1);
    memcpy(o, s, n);
    o[n] = '\0';
    return o;
}

/* The tail of a title naming its outlet ("... | JPost.com", "... - Reuters"),
 * when it is a host or a listed outlet. */
static char *title_outlet(const rift_lexicon *lx, rift_arena *ar, const char *t)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
    const char *tail = NULL;
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        for (const char *p = strstr(t, seps[k]); p; p = strstr(p + 1, seps[k]))
            if (!tail || p + strlen(seps[k]) > tail)
                tail = p + strlen(seps[k]);
    }
    if (!tail)
        return NULL;
    size_t n = strlen(tail);
    tail = trim(tail, &n);
    if (host_like(tail, n))
        return host_name(lx, ar, tail, n);
    return listed(lx, ar, tail, n) ? plain_name(lx, ar, tail, n) : NULL;
}

char *rift_outlet_name(const rift_model *m, const char *source, const char *url,
                       const char *title)
{
    const rift_lexicon *lx = m ? rift_model_lexicon(m, "outlet_aliases") : NULL;
    rift_arena ar;
    rift_arena_init(&ar);
    char *out = NULL;
    size_t n = source ? strlen(source) : 0;
    const char *s = source ? trim(source, &n) : NULL;
    if (n)
        out = host_like(s, n) ? host_name(lx, &ar, s, n) : plain_name(lx, &ar, s, n);
    if (!out && url && *url)
        out = host_name(lx, &ar, url, strlen(url));
    if (!out && title)
        out = title_outlet(lx, &ar, title);
    rift_arena_release(&ar);
    return out;
}
