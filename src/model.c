/* model.c: opens the data directory once, loads the data files of one
 * declared list (lexicons, syntax models) read-only for every thread to
 * share, then has the stage table compile its own tables.  Never touches
 * articles.
 */
#include "ner_int.h"

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

/* ---- the data files, one declared list ----------------------------------- */

static rift_status load_tagger(rift_model *m, const char *path, char *err, size_t errn)
{
    return rift_tagger_load(path, &m->tagger, err, errn);
}
static void free_tagger(rift_model *m)
{
    rift_tagger_free(m->tagger);
    m->tagger = NULL;
}
static rift_status load_morph(rift_model *m, const char *path, char *err, size_t errn)
{
    return rift_morph_load(path, &m->morph, err, errn);
}
static void free_morph(rift_model *m)
{
    rift_morph_free(m->morph);
    m->morph = NULL;
}
static rift_status load_parser(rift_model *m, const char *path, char *err, size_t errn)
{
    return rift_parser_load(path, &m->parser, err, errn);
}
static void free_parser(rift_model *m)
{
    rift_parser_free(m->parser);
    m->parser = NULL;
}

static rift_status load_ner(rift_model *m, const char *path, char *err, size_t errn)
{
    return rift_ner_load(path, &m->ner, err, errn);
}

static void free_ner(rift_model *m)
{
    rift_ner_free(m->ner);
    m->ner = NULL;
}

/* Every data file the model reads besides the lexicons (every other
 * data/en/NAME.txt, loaded as lexicon NAME; the stages' inits read some of
 * them again through rift_model_read_lines).  A required file that is
 * missing or malformed fails rift_model_open with an errmsg naming it
 * ("data/en/parser.bin: truncated file"); an optional one that is absent is
 * skipped. */
typedef struct model_file {
    const char *file;    /* under the data directory */
    const char *stage;   /* the stage that reads it */
    bool required;
    const char *format;  /* "binary" (magic + version header) or "text" */
    const char *what;    /* for messages; data/en/README.md says more */
    rift_status (*load)(rift_model *m, const char *path, char *err, size_t errn);
    void (*unload)(rift_model *m); /* also when load failed or never ran */
} model_file;

static const model_file model_files[] = {
    {"tagger.bin", "syntax", true, "binary", "the part-of-speech tagger (tagger.c)",
     load_tagger, free_tagger},
    {"morph.bin", "syntax", true, "binary", "the lemma and features model (morph.c)",
     load_morph, free_morph},
    {"parser.bin", "syntax", true, "binary", "the dependency parser (parser.c)",
     load_parser, free_parser},
    {"ner.bin", "names", true, "binary", "the name recogniser (ner.c)", load_ner, free_ner},
};
#define N_MODEL_FILES (sizeof model_files / sizeof *model_files)

static int lexicon_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    if (e->d_name[0] == '.' || n <= 4 || strcmp(e->d_name + n - 4, ".txt") != 0)
        return 0;
    for (size_t i = 0; i < N_MODEL_FILES; i++) /* a model file of its own */
        if (strcmp(e->d_name, model_files[i].file) == 0)
            return 0;
    return 1;
}

static rift_status load_lexicons(rift_model *m, const char *dir)
{
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
    return st;
}

static rift_status load_model_files(rift_model *m, const char *dir, const char *skip)
{
    for (size_t i = 0; i < N_MODEL_FILES; i++) {
        const model_file *f = &model_files[i];
        if (skip && !strcmp(skip, f->file))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, f->file);
        struct stat sb;
        if (stat(path, &sb) != 0) {
            if (!f->required)
                continue;
            snprintf(m->errmsg, sizeof m->errmsg, "%.400s: %s: %s of stage %s "
                     "(`make model` builds it)", path, strerror(errno), f->what, f->stage);
            return RIFT_EIO;
        }
        m->errmsg[0] = '\0';
        rift_status st = f->load(m, path, m->errmsg, sizeof m->errmsg);
        if (st != RIFT_OK) {
            if (!m->errmsg[0])
                snprintf(m->errmsg, sizeof m->errmsg, "%.400s: %s", path,
                         rift_strerror(st));
            return st;
        }
    }
    return RIFT_OK;
}

rift_status rift_model_open(const char *datadir, rift_model **out)
{
    return rift_model_open_except(datadir, NULL, out);
}

rift_status rift_model_open_except(const char *datadir, const char *skip, rift_model **out)
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
    rift_status st = load_lexicons(m, dir);
    if (st == RIFT_OK)
        st = load_model_files(m, dir, skip);
    if (st == RIFT_OK)
        st = rift_stages_init(m);
    return st;
}

void rift_model_close(rift_model *m)
{
    if (!m)
        return;
    rift_stages_fini(m);
    for (size_t i = N_MODEL_FILES; i-- > 0;)
        model_files[i].unload(m);
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
