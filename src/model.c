/* model.c: opens the data directory once, loads the data files of one
 * declared list (lexicons, syntax models: name, required or optional,
 * format) read-only for every thread to share, then has the stage table
 * compile its own tables.  Never touches articles.
 */
#include "ner_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

FILE *rift_data_open(const char *path, char *err, size_t errn)
{
    /* O_NONBLOCK: a FIFO in the place of a file must not hang the open */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    const char *why = NULL;
    if (fd < 0 || fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (S_ISDIR(st.st_mode))
        why = "a directory, not a file";
    else if (!S_ISREG(st.st_mode))
        why = "not a regular file";
    FILE *f = why ? NULL : fdopen(fd, "r");
    if (!f) {
        if (!why)
            why = strerror(errno);
        snprintf(err, errn, "%.400s: %s", path, why);
        if (fd >= 0)
            close(fd);
    }
    return f;
}

/* Calls fn on every entry line of f with its number: the end of line cut,
 * '#' comment lines and blank lines skipped.  Stops when fn returns false
 * (RIFT_EFORMAT); RIFT_EIO when reading fails. */
typedef bool (*line_fn)(void *ctx, char *line, size_t len, long lineno);
static rift_status each_line(FILE *f, line_fn fn, void *ctx)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    rift_status st = RIFT_OK;
    while (st == RIFT_OK && (got = getline(&line, &cap, f)) > 0) {
        size_t n = (size_t)got;
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        line[n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (!fn(ctx, line, n, lineno))
            st = RIFT_EFORMAT;
    }
    free(line);
    if (st == RIFT_OK && ferror(f))
        st = RIFT_EIO;
    return st;
}

typedef struct plain_lines {
    void (*fn)(void *ctx, char *line);
    void *ctx;
} plain_lines;

static bool plain_line(void *ctx, char *line, size_t len, long lineno)
{
    plain_lines *pl = ctx;
    pl->fn(pl->ctx, line);
    return true;
}

rift_status rift_model_read_lines(const rift_model *m, const char *file,
                                  void (*fn)(void *ctx, char *line), void *ctx)
{
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/%s", m->datadir ? m->datadir : ".", file);
    FILE *f = rift_data_open(path, err, sizeof err);
    if (!f)
        return RIFT_EIO;
    plain_lines pl = {fn, ctx};
    rift_status st = each_line(f, plain_line, &pl);
    fclose(f);
    return st;
}

typedef struct checked_lines {
    rift_model *m;
    const char *path;
    bool (*fn)(void *ctx, char *line, char *why, size_t whyn);
    void *ctx;
} checked_lines;

static bool checked_line(void *ctx, char *line, size_t len, long lineno)
{
    checked_lines *cl = ctx;
    char why[200] = "";
    (void)len;
    if (cl->fn(cl->ctx, line, why, sizeof why))
        return true;
    snprintf(cl->m->errmsg, sizeof cl->m->errmsg, "%.300s:%ld: %s", cl->path, lineno, why);
    return false;
}

rift_status rift_model_read_checked(rift_model *m, const char *file,
                                    bool (*fn)(void *ctx, char *line, char *why, size_t whyn),
                                    void *ctx)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", m->datadir ? m->datadir : ".", file);
    FILE *f = rift_data_open(path, m->errmsg, sizeof m->errmsg);
    if (!f)
        return RIFT_EIO;
    checked_lines cl = {m, path, fn, ctx};
    rift_status st = each_line(f, checked_line, &cl);
    if (st == RIFT_EIO)
        snprintf(m->errmsg, sizeof m->errmsg, "%.400s: %s", path, strerror(errno));
    fclose(f);
    return st;
}

/* ---- the data files, one declared list ----------------------------------- */

/* How a data file is written (data/en/README.md says what each holds).
 * Text files are UTF-8, one entry per line, columns separated by TABs;
 * '#' starts a comment line. */
typedef enum data_format {
    DATA_MODEL,     /* binary: magic and version header, its own loader */
    DATA_LIST,      /* one column: the entry */
    DATA_VALUES,    /* two columns: the entry and its value */
    DATA_OPT_VALUE, /* the entry, and a value where it has one */
    DATA_FRAMES,    /* words, argument pattern, CAMEO code, optional PLOVER, Goldstein */
    DATA_CODES      /* code, Goldstein weight, PLOVER type, mode, name */
} data_format;

static const struct {
    int min, max;       /* columns on an entry line */
    const char *name;   /* for messages */
} formats[] = {
    [DATA_MODEL] = {0, 0, "a binary model"},
    [DATA_LIST] = {1, 1, "one entry per line, no value column"},
    [DATA_VALUES] = {2, 2, "entry TAB value"},
    [DATA_OPT_VALUE] = {1, 2, "entry, optionally TAB value"},
    [DATA_FRAMES] = {3, 5, "words TAB arguments TAB CAMEO code, optionally TAB PLOVER[:mode] "
                           "TAB Goldstein weight"},
    [DATA_CODES] = {5, 5, "code TAB goldstein TAB plover TAB mode TAB name"},
};

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

/* Every file of the data directory, declared once: rift_model_open reads
 * exactly these, in this order, and no other.  A required file that is
 * missing, not a regular file or malformed fails the open with an errmsg
 * naming it (FILE:LINE: why for a line of a text file); an optional one
 * that is absent is skipped (its lexicon is empty).  Each text file is
 * loaded as lexicon NAME (the file name without .txt); some stages read
 * theirs again through rift_model_read_lines.  The binary models come
 * first, so that a directory without them says so before anything else. */
typedef struct data_file {
    const char *file;
    bool required;
    data_format format;
    /* binary models only */
    const char *what;    /* what it is, and the stage that reads it */
    rift_status (*load)(rift_model *m, const char *path, char *err, size_t errn);
    void (*unload)(rift_model *m); /* also when load failed or never ran */
} data_file;

#define REQ(file, format) {file, true, format, NULL, NULL, NULL}
#define OPT(file, format) {file, false, format, NULL, NULL, NULL}

static const data_file data_files[] = {
    {"tagger.bin", true, DATA_MODEL, "the part-of-speech tagger (tagger.c) of stage syntax",
     load_tagger, free_tagger},
    {"morph.bin", true, DATA_MODEL, "the lemma and features model (morph.c) of stage syntax",
     load_morph, free_morph},
    {"parser.bin", true, DATA_MODEL, "the dependency parser (parser.c) of stage syntax",
     load_parser, free_parser},
    {"ner.bin", true, DATA_MODEL, "the name recogniser (ner.c) of stage names",
     load_ner, free_ner},
    /* lexicons of knowledge, with values */
    REQ("abbreviations.txt", DATA_OPT_VALUE),
    REQ("actor_codes.txt", DATA_VALUES),
    REQ("cameo.txt", DATA_CODES),
    OPT("date_order.txt", DATA_VALUES),   /* one piece of evidence among others */
    REQ("dateline.txt", DATA_LIST),
    REQ("demonyms.txt", DATA_VALUES),
    REQ("event_modes.txt", DATA_VALUES),
    REQ("first_names.txt", DATA_VALUES),
    REQ("frames.txt", DATA_FRAMES),       /* the events stage's frames (docs/events.md) */
    REQ("name_verbs.txt", DATA_VALUES),
    REQ("navigation.txt", DATA_VALUES),
    REQ("nonnames.txt", DATA_VALUES),
    REQ("org_words.txt", DATA_VALUES),
    REQ("orgs.txt", DATA_OPT_VALUE),
    REQ("outlets.txt", DATA_OPT_VALUE),
    REQ("outlet_aliases.txt", DATA_VALUES),
    REQ("person_nouns.txt", DATA_VALUES),
    REQ("places.txt", DATA_VALUES),
    REQ("quote_cues.txt", DATA_OPT_VALUE),
    REQ("time_holidays.txt", DATA_VALUES),
    REQ("time_months.txt", DATA_VALUES),
    REQ("time_weekdays.txt", DATA_VALUES),
    REQ("time_words.txt", DATA_VALUES),
    REQ("titles.txt", DATA_VALUES),
    /* word lists of the stages: one entry per line */
    REQ("event_agent_mods.txt", DATA_LIST),
    REQ("event_aim_nouns.txt", DATA_LIST),
    REQ("event_claim_verbs.txt", DATA_LIST),
    REQ("event_group_heads.txt", DATA_LIST),
    REQ("event_harm_nouns.txt", DATA_LIST),
    REQ("event_intend_words.txt", DATA_LIST),
    REQ("event_participles.txt", DATA_LIST),
    REQ("event_plan_nouns.txt", DATA_LIST),
    REQ("event_refuse_words.txt", DATA_LIST),
    REQ("fw_articles.txt", DATA_LIST),
    REQ("fw_directions.txt", DATA_LIST),
    REQ("fw_entity_appos_preps.txt", DATA_LIST),
    REQ("fw_entity_copula_advs.txt", DATA_LIST),
    REQ("fw_entity_copulas.txt", DATA_LIST),
    REQ("fw_entity_desc_stops.txt", DATA_LIST),
    REQ("fw_entity_desc_tail.txt", DATA_LIST),
    REQ("fw_entity_name_joiners.txt", DATA_LIST),
    REQ("fw_entity_place_preps.txt", DATA_LIST),
    REQ("fw_entity_pp_preps.txt", DATA_LIST),
    REQ("fw_entity_pred_stops.txt", DATA_LIST),
    REQ("fw_entity_role_mods.txt", DATA_LIST),
    REQ("fw_entity_subordinators.txt", DATA_LIST),
    REQ("fw_event_aux_before.txt", DATA_LIST),
    REQ("fw_event_clause_words.txt", DATA_LIST),
    REQ("fw_event_conditionals.txt", DATA_LIST),
    REQ("fw_event_counted.txt", DATA_LIST),
    REQ("fw_event_determiners.txt", DATA_LIST),
    REQ("fw_event_future.txt", DATA_LIST),
    REQ("fw_event_modal_skip.txt", DATA_LIST),
    REQ("fw_event_negations.txt", DATA_LIST),
    REQ("fw_event_passive_aux.txt", DATA_LIST),
    REQ("fw_event_passive_skip.txt", DATA_LIST),
    REQ("fw_event_prepositions.txt", DATA_LIST),
    REQ("fw_event_subject_pronouns.txt", DATA_LIST),
    REQ("fw_event_topic_preps.txt", DATA_LIST),
    REQ("fw_mention_function.txt", DATA_LIST),
    REQ("fw_mention_other.txt", DATA_LIST),
    REQ("fw_mention_place_preps.txt", DATA_LIST),
    REQ("fw_name_particles.txt", DATA_LIST),
    REQ("fw_org_connectors.txt", DATA_LIST),
    REQ("fw_pronouns_first.txt", DATA_LIST),
    REQ("fw_pronouns_they.txt", DATA_LIST),
    REQ("fw_pronouns_we.txt", DATA_LIST),
    REQ("fw_quote_anon_det.txt", DATA_LIST),
    REQ("fw_quote_clause_words.txt", DATA_LIST),
    REQ("fw_quote_links.txt", DATA_LIST),
    REQ("fw_quote_preps.txt", DATA_LIST),
    REQ("fw_quote_pronouns.txt", DATA_LIST),
    REQ("fw_time_before_season.txt", DATA_LIST),
    REQ("fw_time_openers.txt", DATA_LIST),
    REQ("fw_unnamed_definite.txt", DATA_LIST),
    REQ("fw_unnamed_new.txt", DATA_LIST),
    REQ("fw_unnamed_quantifiers.txt", DATA_LIST),
    REQ("fw_unnamed_stops.txt", DATA_LIST),
    REQ("fw_unnamed_verbish.txt", DATA_LIST),
    REQ("mention_market_verbs.txt", DATA_LIST),
    REQ("mention_numbered_nouns.txt", DATA_LIST),
    REQ("quote_calling_words.txt", DATA_LIST),
    REQ("quote_channels.txt", DATA_LIST),
    REQ("quote_outlet_words.txt", DATA_LIST),
    REQ("quote_sources.txt", DATA_LIST),
    REQ("time_future_cues.txt", DATA_LIST),
    REQ("time_not_holiday.txt", DATA_LIST),
    REQ("time_notpast_words.txt", DATA_LIST),
    REQ("time_outlet_names.txt", DATA_LIST),
    REQ("time_past_cues.txt", DATA_LIST),
    REQ("time_unit_adjectives.txt", DATA_LIST),
};
#define N_DATA_FILES (sizeof data_files / sizeof *data_files)

const char *rift_data_file(size_t i, bool *required)
{
    if (i >= N_DATA_FILES)
        return NULL;
    if (required)
        *required = data_files[i].required;
    return data_files[i].file;
}

typedef struct lexicon_load {
    rift_model *m;
    const char *path;
    data_format format;
    rift_lexicon *lx;
    rift_arena scratch;
    RIFT_VEC(char *) vals;
} lexicon_load;

/* Why an entry line does not fit its file's format, or NULL. */
static const char *malformed(const char *line, size_t n, data_format format, char *why,
                             size_t whyn)
{
    if (strlen(line) != n)
        return "a NUL byte";
    int columns = 1;
    for (size_t i = 0; i < n;) {
        int len;
        if (rift_utf8_decode(line, n, i, &len) == 0xFFFD && len == 1)
            return "invalid UTF-8";
        columns += line[i] == '\t';
        i += (size_t)len;
    }
    if (line[0] == '\t' || line[0] == ' ')
        return "an entry starting with a blank";
    if (columns >= formats[format].min && columns <= formats[format].max)
        return NULL;
    snprintf(why, whyn, "%d column%s, but each line of this file is: %s", columns,
             columns == 1 ? "" : "s", formats[format].name);
    return why;
}

/* One entry: the key (folded), and the optional value after a TAB. */
static bool lexicon_line(void *ctx, char *line, size_t n, long lineno)
{
    lexicon_load *ld = ctx;
    char buf[160];
    const char *bad = malformed(line, n, ld->format, buf, sizeof buf);
    if (bad) {
        snprintf(ld->m->errmsg, sizeof ld->m->errmsg, "%.300s:%ld: %s", ld->path, lineno, bad);
        return false;
    }
    char *tab = memchr(line, '\t', n);
    size_t klen = tab ? (size_t)(tab - line) : n;
    while (klen && line[klen - 1] == ' ')
        klen--;
    size_t flen;
    char *key = rift_utf8_fold(&ld->scratch, line, klen, &flen);
    int value = (int)ld->vals.n;
    char *v = tab ? rift_xstrdup(tab + 1) : NULL;
    RIFT_VEC_PUSH(ld->vals, v);
    rift_strmap_put(&ld->lx->map, key, flen, value);
    size_t w = count_words(key, flen);
    if (w > ld->lx->max_words)
        ld->lx->max_words = w;
    return true;
}

/* A text data file as lexicon NAME: one entry per line; an optional
 * second column after a TAB is a value kept per entry. */
static rift_status load_lexicon(rift_model *m, rift_lexicon *lx, const data_file *df,
                                const char *path, FILE *f)
{
    size_t fl = strlen(df->file);
    lx->name = rift_arena_strndup(&m->names, df->file, fl - 4);
    rift_strmap_init(&lx->map);
    lexicon_load ld = {m, path, df->format, lx, {0}, {0}};
    rift_arena_init(&ld.scratch);
    rift_status st = each_line(f, lexicon_line, &ld);
    if (st == RIFT_EIO)
        snprintf(m->errmsg, sizeof m->errmsg, "%.400s: %s", path, strerror(errno));
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

static int lexicon_cmp(const void *a, const void *b)
{
    return strcmp(((const rift_lexicon *)a)->name, ((const rift_lexicon *)b)->name);
}

/* Opens a declared file: NULL with *st RIFT_OK when an optional one is
 * absent, NULL with *st RIFT_EIO (errmsg set) when it cannot be read. */
static FILE *open_data_file(rift_model *m, const data_file *df, const char *path,
                            rift_status *st)
{
    struct stat sb;
    *st = RIFT_OK;
    if (!df->required && stat(path, &sb) != 0 && errno == ENOENT)
        return NULL;
    FILE *f = rift_data_open(path, m->errmsg, sizeof m->errmsg);
    if (!f) {
        size_t k = strlen(m->errmsg);
        snprintf(m->errmsg + k, sizeof m->errmsg - k, " (a required data file: %s%s)",
                 df->what ? df->what : formats[df->format].name,
                 df->load ? "; `make model` builds it" : "");
        *st = RIFT_EIO;
    }
    return f;
}

/* One declared file: a binary model through its loader, a text file as a
 * lexicon. */
static rift_status load_data_file(rift_model *m, const data_file *df, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, df->file);
    m->errmsg[0] = '\0';
    rift_status st;
    FILE *f = open_data_file(m, df, path, &st);
    if (!f)
        return st;
    if (df->load) {
        fclose(f); /* the loader opens it again, now known to be a file */
        st = df->load(m, path, m->errmsg, sizeof m->errmsg);
    } else {
        st = load_lexicon(m, &m->lex[m->n_lex], df, path, f);
        m->n_lex++; /* freed with the others even when it failed */
        fclose(f);
    }
    if (st != RIFT_OK && !m->errmsg[0])
        snprintf(m->errmsg, sizeof m->errmsg, "%.400s: %s", path, rift_strerror(st));
    return st;
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
    if (!is_dir(dir)) {
        snprintf(m->errmsg, sizeof m->errmsg,
                 "%.400s: data directory not found (set RIFT_DATA or --data)", dir);
        return RIFT_EIO;
    }
    m->lex = calloc(N_DATA_FILES, sizeof *m->lex);
    if (!m->lex)
        rift_oom();
    rift_status st = RIFT_OK;
    /* every file there and a file, before the long loads begin */
    for (size_t i = 0; i < N_DATA_FILES && st == RIFT_OK; i++) {
        if (skip && !strcmp(skip, data_files[i].file))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, data_files[i].file);
        FILE *f = open_data_file(m, &data_files[i], path, &st);
        if (f)
            fclose(f);
    }
    for (size_t i = 0; i < N_DATA_FILES && st == RIFT_OK; i++)
        if (!skip || strcmp(skip, data_files[i].file))
            st = load_data_file(m, &data_files[i], dir);
    /* looked up by name (rift_model_lexicon) */
    qsort(m->lex, m->n_lex, sizeof *m->lex, lexicon_cmp);
    if (st == RIFT_OK)
        st = rift_stages_init(m);
    return st;
}

void rift_model_close(rift_model *m)
{
    if (!m)
        return;
    rift_stages_fini(m);
    rift_petr_free(m); /* the PETRARCH dictionaries a user added (petrverbs.c) */
    for (size_t i = N_DATA_FILES; i-- > 0;)
        if (data_files[i].unload)
            data_files[i].unload(m);
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
