/* model.c: opens the data directory once and loads the lexicons into
 * read-only maps that every thread may share.  Never touches articles.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#ifndef RIFT_DATADIR
#define RIFT_DATADIR "/usr/local/share/rift/en"
#endif

static bool is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

rift_status rift_model_read_lines(const rift_model *m, const char *file,
                                  void (*fn)(void *ctx, char *line), void *ctx)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", m->datadir ? m->datadir : ".", file);
    FILE *f = fopen(path, "r");
    if (!f)
        return RIFT_EIO;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) > 0) {
        size_t n = (size_t)got;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        line[n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        fn(ctx, line);
    }
    free(line);
    fclose(f);
    return RIFT_OK;
}

typedef struct lexicon_load {
    rift_lexicon *lx;
    rift_arena scratch;
    RIFT_VEC(char *) vals;
} lexicon_load;

/* One entry: the key (folded), and the optional value after a TAB. */
static void lexicon_line(void *ctx, char *line)
{
    lexicon_load *ld = ctx;
    size_t n = strlen(line);
    char *tab = memchr(line, '\t', n);
    size_t klen = tab ? (size_t)(tab - line) : n;
    while (klen && line[klen - 1] == ' ')
        klen--;
    if (!klen)
        return;
    size_t flen;
    char *key = rift_utf8_fold(&ld->scratch, line, klen, &flen);
    int value = (int)ld->vals.n;
    char *v = tab ? rift_xstrdup(tab + 1) : NULL;
    RIFT_VEC_PUSH(ld->vals, v);
    rift_strmap_put(&ld->lx->map, key, flen, value);
    size_t w = count_words(key, flen);
    if (w > ld->lx->max_words)
        ld->lx->max_words = w;
}

/* A lexicon file: one entry per line; '#' starts a comment line; an
 * optional second column after a TAB is a value kept per entry. */
static rift_status load_lexicon(rift_model *m, rift_lexicon *lx,
                                const char *file)
{
    size_t fl = strlen(file);
    lx->name = rift_arena_strndup(&m->names, file, fl > 4 ? fl - 4 : fl);
    rift_strmap_init(&lx->map);
    lexicon_load ld = {lx, {0}, {0}};
    rift_arena_init(&ld.scratch);
    rift_status st = rift_model_read_lines(m, file, lexicon_line, &ld);
    if (st != RIFT_OK)
        snprintf(m->errmsg, sizeof m->errmsg, "%.400s/%.100s: %s", m->datadir, file,
                 strerror(errno));
    rift_arena_release(&ld.scratch);
    lx->values = ld.vals.v;
    lx->n_values = ld.vals.n;
    return st;
}

static void free_lexicon(rift_lexicon *lx)
{
    rift_strmap_free(&lx->map);
    for (size_t i = 0; i < lx->n_values; i++)
        free(lx->values[i]);
    free(lx->values);
    memset(lx, 0, sizeof *lx);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int lexicon_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0;
}

rift_status rift_model_open(const char *datadir, rift_model **out)
{
    rift_model *m = calloc(1, sizeof *m);
    if (!m)
        return RIFT_ENOMEM;
    *out = m;
    rift_arena_init(&m->names);
    const char *dir = datadir;
    if (!dir) {
        const char *env = getenv("RIFT_DATA");
        if (env && *env)
            dir = env;
        else if (is_dir(RIFT_DATADIR))
            dir = RIFT_DATADIR;
        else
            dir = "data/en";
    }
    m->datadir = rift_xstrdup(dir);
    struct dirent **list = NULL;
    int n = is_dir(dir) ? scandir(dir, &list, lexicon_file, by_name) : -1;
    if (n < 0) {
        snprintf(m->errmsg, sizeof m->errmsg,
                 "%s: data directory not found (set RIFT_DATA or --data)", dir);
        return RIFT_EIO;
    }
    m->lex = calloc((size_t)n + 1, sizeof *m->lex);
    if (!m->lex)
        rift_oom();
    rift_status st = RIFT_OK;
    for (int i = 0; i < n; i++) {
        if (st == RIFT_OK) {
            st = load_lexicon(m, &m->lex[m->n_lex], list[i]->d_name);
            if (st == RIFT_OK)
                m->n_lex++;
        }
        free(list[i]);
    }
    free(list);
    if (st != RIFT_OK)
        return st;
    rift_entity_init(m);
    if ((st = rift_mention_init(m)) != RIFT_OK ||
        (st = rift_timex_init(m)) != RIFT_OK ||
        (st = rift_quote_init(m)) != RIFT_OK ||
        (st = rift_event_init(m)) != RIFT_OK)
        return st;
    return RIFT_OK;
}

void rift_model_close(rift_model *m)
{
    if (!m)
        return;
    rift_event_fini(m);
    rift_quote_fini(m);
    rift_timex_fini(m);
    rift_mention_fini(m);
    for (size_t i = 0; i < m->n_lex; i++)
        free_lexicon(&m->lex[i]);
    free(m->lex);
    rift_arena_release(&m->names);
    free(m->datadir);
    free(m);
}

const rift_lexicon *rift_model_lexicon(const rift_model *m, const char *name)
{
    static const rift_lexicon empty;
    size_t lo = 0, hi = m->n_lex;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(m->lex[mid].name, name);
        if (c == 0)
            return &m->lex[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return &empty;
}

int rift_lexicon_find(const rift_lexicon *lx, const char *key, size_t len)
{
    return rift_strmap_get(&lx->map, key, len);
}

int rift_lexicon_lookup(const rift_lexicon *lx, rift_arena *scratch,
                        const char *s, size_t len)
{
    char small[128];
    size_t i;
    if (len < sizeof small) {
        for (i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x80)
                break;
            small[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
        }
        if (i == len)
            return rift_strmap_get(&lx->map, small, len);
    }
    size_t flen;
    char *f = rift_utf8_fold(scratch, s, len, &flen);
    return rift_strmap_get(&lx->map, f, flen);
}

const char *rift_model_errmsg(const rift_model *m)
{
    return m ? m->errmsg : "no model";
}
