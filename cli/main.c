/* main.c: the rift command: dispatches to one file per subcommand and
 * holds the helpers they share.  Uses nothing but the public rift.h.
 */
#include "cli.h"
#include "mpi.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <search.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_prog = "rift";

/* s with control characters escaped (as cli_safe says) into out, which
 * has room for 6 * strlen(s) + 1 bytes. */
static void escape(char *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; u[i]; i++) {
        bool c1 = u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F;
        if (c1)
            out += sprintf(out, "\\u%04x", u[++i]);
        else if (u[i] == '\t' || u[i] == '\n' || u[i] == '\r')
            out += sprintf(out, "\\%c", u[i] == '\t' ? 't' : u[i] == '\n' ? 'n' : 'r');
        else if (u[i] < 0x20 || u[i] == 0x7F)
            out += sprintf(out, "\\x%02x", u[i]);
        else
            *out++ = (char)u[i];
    }
    *out = '\0';
}

void cli_error(const char *fmt, ...)
{
    /* no allocation: called from several threads, and when memory is out */
    char msg[2048], safe[6 * sizeof msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    escape(safe, msg); /* file names and reasons may carry bytes from the input */
    fprintf(stderr, "%s: %s\n", cli_prog, safe);
}

const char *cli_safe(const char *s)
{
    static cli_buf ring[8];
    static unsigned next;
    if (!s)
        return NULL;
    cli_buf *b = &ring[next++ % 8];
    size_t need = 6 * strlen(s) + 1;
    if (b->cap < need) {
        b->cap = need;
        b->s = cli_xrealloc(b->s, need);
    }
    escape(b->s, s);
    return b->s;
}

bool cli_stdout_ok(void)
{
    static bool said;
    errno = 0;
    bool flushed = fflush(stdout) == 0;
    int why = errno;
    if (flushed && !ferror(stdout))
        return true;
    if (!said && !flushed && why)
        cli_error("error writing standard output: %s", strerror(why));
    else if (!said)
        cli_error("error writing standard output");
    said = true;
    return false;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_datadir(const char *opt)
{
    static char buf[PATH_MAX + 32];
    if (opt)
        return opt;
    const char *env = getenv("RIFT_DATA");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"/../data/en", "/../share/rift/en"};
            for (size_t i = 0; i < 2; i++) {
                snprintf(buf, sizeof buf, "%s%s", exe, rel[i]);
                if (is_dir(buf))
                    return buf;
            }
        }
    }
    return NULL;
}

rift_model *cli_model_open(const char *data, const char *prefix)
{
    rift_model *m = NULL;
    rift_status st = rift_model_open(cli_datadir(data), &m);
    if (st == RIFT_OK)
        return m;
    cli_error("%s%s", prefix, m ? rift_model_errmsg(m) : rift_strerror(st));
    rift_model_close(m);
    return NULL;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int visible(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

long cli_ignored;
bool cli_walk_quiet;

/* Files met inside a directory are read when their name says they hold
 * articles; a file named on the command line is always read. */
static bool article_name(const char *name)
{
    static const char *const ext[] = {".txt", ".text", ".jsonl", ".ndjson", ".json",
                                      ".html", ".htm", ".xhtml", ".warc", NULL};
    size_t n = strlen(name);
    if (n > 3 && strcmp(name + n - 3, ".gz") == 0)
        n -= 3;
    for (size_t i = 0; ext[i]; i++) {
        size_t k = strlen(ext[i]);
        if (n > k && strncasecmp(name + n - k, ext[i], k) == 0)
            return true;
    }
    return false;
}

/* A directory met during one walk: by device and inode, so that a link
 * back to it (a loop) or a second link to it is not read again. */
typedef struct seen_dir {
    dev_t dev;
    ino_t ino;
    char path[]; /* where it was first met */
} seen_dir;

static int seen_cmp(const void *x, const void *y)
{
    const seen_dir *a = x, *b = y;
    if (a->dev != b->dev)
        return a->dev < b->dev ? -1 : 1;
    return a->ino < b->ino ? -1 : a->ino > b->ino;
}

typedef struct walk {
    cli_file_fn fn;
    void *ctx;
    long *failed;
    void *seen; /* tsearch tree of seen_dir */
} walk;

/* A path of the walk that cannot be read: said and counted, unless
 * cli_walk_quiet. */
static void walk_error(walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void walk_error(walk *w, const char *fmt, ...)
{
    if (cli_walk_quiet)
        return;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_error("%s", msg);
    (*w->failed)++;
}

static const char *file_kind(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : "not a regular file";
}

/* False (said) when the directory was read already in this walk. */
static bool first_visit(walk *w, const char *path, const struct stat *st)
{
    size_t n = strlen(path) + 1;
    seen_dir *d = cli_xrealloc(NULL, sizeof *d + n);
    d->dev = st->st_dev;
    d->ino = st->st_ino;
    memcpy(d->path, path, n);
    seen_dir **got = tsearch(d, &w->seen, seen_cmp);
    if (!got) {
        cli_error("out of memory");
        exit(1);
    }
    if (*got == d)
        return true;
    free(d);
    if (!cli_walk_quiet)
        cli_error("%s: the same directory as %s (a link to it); not read again", path,
                  (*got)->path);
    return false;
}

static bool walk_one(walk *w, const char *path, int depth)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return w->fn(path, w->ctx);
    if (stat(path, &st) != 0) {
        walk_error(w, "%s: %s", path, strerror(errno));
        return true;
    }
    if (!S_ISDIR(st.st_mode)) {
        const char *base = strrchr(path, '/');
        if (depth > 0 && !article_name(base ? base + 1 : path)) {
            cli_ignored++;
            return true;
        }
        /* inside a directory only regular files are read: a FIFO would
         * block, a device never end; one named on the command line is read */
        if (depth > 0 && !S_ISREG(st.st_mode)) {
            walk_error(w, "%s: %s, not a regular file; skipped", path, file_kind(st.st_mode));
            return true;
        }
        return w->fn(path, w->ctx);
    }
    if (!first_visit(w, path, &st))
        return true;
    if (depth > 64) {
        walk_error(w, "%s: directories nested too deep; skipped", path);
        return true;
    }
    struct dirent **list;
    int n = scandir(path, &list, visible, by_name);
    if (n < 0) {
        walk_error(w, "%s: %s", path, strerror(errno));
        return true;
    }
    bool go = true;
    for (int i = 0; i < n; i++) {
        if (go) {
            size_t len = strlen(path) + strlen(list[i]->d_name) + 2;
            char *sub = cli_xrealloc(NULL, len);
            bool slash = path[strlen(path) - 1] == '/';
            snprintf(sub, len, "%s%s%s", path, slash ? "" : "/", list[i]->d_name);
            go = walk_one(w, sub, depth + 1);
            free(sub);
        }
        free(list[i]);
    }
    free(list);
    return go;
}

bool cli_walk(char **paths, int n, cli_file_fn fn, void *ctx, long *failed)
{
    walk w = {fn, ctx, failed, NULL};
    bool go = true;
    if (n == 0)
        go = walk_one(&w, "-", 0);
    for (int i = 0; go && i < n; i++)
        go = walk_one(&w, paths[i], 0);
    tdestroy(w.seen, free);
    return go;
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift COMMAND [OPTIONS] [PATH...]\n"
        "\n"
        "Reads news articles and writes, as data, who is who, who said what,\n"
        "what happened to whom and when.\n"
        "\n"
        "commands:\n"
        "  analyze    analyse articles; one JSON object per article on stdout\n"
        "             (or TSV, or CoNLL-U: part of speech, lemma, dependency tree)\n"
        "  dyads      relationships between actors over time: cooperation, conflict\n"
        "  stories    the stories of a store (--db): articles, outlets, dates\n"
        "  quotes     what someone said, where, and who else carried it (--db)\n"
        "  report     the store as one HTML page: stories, relationships, quotes\n"
        "  export     the store's events, quotes or entities as PLOVER JSON, GDELT-like\n"
        "             TSV, CSV or JSON Lines (--db)\n"
        "  eval       score rift against the gold sets (entities, times, quotes, events, stories)\n"
        "  help       this text (rift help COMMAND for one command)\n"
        "  version    print the version\n"
        "\n"
        "rift COMMAND --help tells more; man rift tells all.\n");
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            char *hv[] = {argv[2], "--help", NULL};
            if (!strcmp(argv[2], "analyze"))
                return cmd_analyze(2, hv);
            if (!strcmp(argv[2], "eval"))
                return cmd_eval(2, hv);
            if (!strcmp(argv[2], "dyads"))
                return cmd_dyads(2, hv);
            if (!strcmp(argv[2], "stories"))
                return cmd_stories(2, hv);
            if (!strcmp(argv[2], "quotes"))
                return cmd_quotes(2, hv);
            if (!strcmp(argv[2], "report"))
                return cmd_report(2, hv);
            if (!strcmp(argv[2], "export"))
                return cmd_export(2, hv);
        }
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        const char *mpi = cli_mpi_built();
        printf("rift %s (schema v%d%s%s)\n", rift_version(), RIFT_SCHEMA_VERSION,
               mpi ? ", " : "", mpi ? mpi : "");
        return 0;
    }
    if (!strcmp(cmd, "analyze"))
        return cmd_analyze(argc - 1, argv + 1);
    if (!strcmp(cmd, "eval"))
        return cmd_eval(argc - 1, argv + 1);
    if (!strcmp(cmd, "dyads"))
        return cmd_dyads(argc - 1, argv + 1);
    if (!strcmp(cmd, "stories"))
        return cmd_stories(argc - 1, argv + 1);
    if (!strcmp(cmd, "quotes"))
        return cmd_quotes(argc - 1, argv + 1);
    if (!strcmp(cmd, "report"))
        return cmd_report(argc - 1, argv + 1);
    if (!strcmp(cmd, "export"))
        return cmd_export(argc - 1, argv + 1);
    cli_error("unknown command '%s' (try rift --help)", cmd);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    int rc = run(argc, argv);
    /* whatever the command, output that did not arrive is an error */
    if (!cli_stdout_ok() && rc == 0)
        rc = 1;
    return rc;
}

void cli_sparkline(FILE *f, const rift_dyad_row *r, size_t n)
{
    static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    double mx = 0;
    for (size_t i = 0; i < n; i++) {
        double a = r[i].score < 0 ? -r[i].score : r[i].score;
        if (a > mx)
            mx = a;
    }
    for (size_t i = 0; i < n && i < 40; i++) {
        int k = mx > 0 ? (int)((r[i].score / mx + 1.0) * 3.5 + 0.5) : 4;
        fputs(bars[k < 0 ? 0 : k > 7 ? 7 : k], f);
    }
}

bool cli_opt_date(const char *prefix, const char *opt, const char *s)
{
    rift_status st = rift_date_read(s, NULL, NULL, NULL);
    if (st == RIFT_OK)
        return true;
    cli_error("%s%s wants a date YYYY-MM-DD%s, not '%s'", prefix, opt,
              st == RIFT_EINVAL ? " that exists" : "", s);
    return false;
}

/* The date of PATH@DATE, or NULL; *bad when the suffix is written as a
 * date but no such day exists.  With cut, the suffix is cut off path. */
static const char *path_date(char *path, bool cut, bool *bad)
{
    char *at = strrchr(path, '@');
    struct stat sb;
    *bad = false;
    if (!at || stat(path, &sb) == 0)
        return NULL; /* no suffix, or a file of that whole name */
    rift_status st = rift_date_read(at + 1, NULL, NULL, NULL);
    *bad = st == RIFT_EINVAL;
    if (st != RIFT_OK)
        return NULL; /* not a date: the path as written */
    if (cut)
        *at = '\0';
    return at + 1;
}

bool cli_path_dates_ok(char **paths, int n)
{
    for (int i = 0; i < n; i++) {
        bool bad;
        path_date(paths[i], false, &bad);
        if (bad) {
            cli_error("%s: %s is no date (PATH@YYYY-MM-DD wants a day that exists)", paths[i],
                      strrchr(paths[i], '@') + 1);
            return false;
        }
    }
    return true;
}

const char *cli_path_date(char *path)
{
    bool bad;
    return path_date(path, true, &bad);
}

bool cli_opt_long(const char *prefix, const char *opt, const char *s, long min, long max,
                  long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno == ERANGE || v < min || v > max) {
        if (max == LONG_MAX)
            cli_error("%s%s wants a whole number of at least %ld, not '%s'", prefix, opt, min, s);
        else
            cli_error("%s%s wants a whole number from %ld to %ld, not '%s'", prefix, opt, min,
                      max, s);
        return false;
    }
    *out = v;
    return true;
}

bool cli_opt_modes(const char *prefix, const char *s, unsigned *out)
{
    if (rift_modes_parse(s, out) == RIFT_OK)
        return true;
    cli_error("%s--modes wants modalities separated by commas (asserted, future, intended, "
              "threatened, demanded, hypothetical, question) or all, not '%s'", prefix, s);
    return false;
}

bool cli_opt_fraction(const char *prefix, const char *opt, const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    /* written as a decimal number: no nan, inf or hexadecimal */
    if (end == s || *end || !isfinite(v) || !(v > 0 && v < 1) || strpbrk(s, "xXnN")) {
        cli_error("%s%s wants a number between 0 and 1 (such as 0.25), not '%s'", prefix, opt, s);
        return false;
    }
    *out = v;
    return true;
}

bool cli_opt_size(const char *prefix, const char *opt, const char *s, size_t max, size_t *out)
{
    char *end = (char *)s;
    errno = 0;
    unsigned long long v = s[0] >= '0' && s[0] <= '9' ? strtoull(s, &end, 10) : 0;
    int shift = 0;
    if (v && *end && !end[1]) {
        switch (*end) {
        case 'k': case 'K': shift = 10; end++; break;
        case 'm': case 'M': shift = 20; end++; break;
        case 'g': case 'G': shift = 30; end++; break;
        }
    }
    bool ok = v && errno != ERANGE && *end == '\0' && v <= max >> shift;
    if (!ok) {
        cli_error("%s%s wants a size from 1 to %zuG (a number of bytes, or with K, M or G), "
                  "not '%s'", prefix, opt, max >> 30, s);
        return false;
    }
    *out = (size_t)(v << shift);
    return true;
}

bool cli_dicts_push(cli_dicts *d, cli_dict_kind kind, const char *path, const char *prefix)
{
    if (d->n == CLI_DICTS_MAX) {
        cli_error("%sat most %d actor lists and dictionaries", prefix, CLI_DICTS_MAX);
        return false;
    }
    d->kind[d->n] = kind;
    d->path[d->n++] = path;
    return true;
}

rift_status cli_dict_add(rift_model *m, cli_dict_kind kind, const char *path)
{
    switch (kind) {
    case CLI_DICT_ACTORS: return rift_model_add_actors(m, path);
    case CLI_DICT_VERBS: return rift_model_add_verbs(m, path);
    case CLI_DICT_AGENTS: return rift_model_add_agents(m, path);
    case CLI_DICT_DISCARDS: return rift_model_add_discards(m, path);
    }
    return RIFT_EINVAL;
}

bool cli_dicts_load(rift_model *m, const cli_dicts *d, const char *prefix, bool verbose)
{
    for (int i = 0; i < d->n; i++) {
        if (cli_dict_add(m, d->kind[i], d->path[i]) != RIFT_OK) {
            cli_error("%s%s", prefix, rift_model_errmsg(m));
            return false;
        }
        if (verbose && d->kind[i] != CLI_DICT_ACTORS)
            printf("PETRARCH dictionary: %s\n", d->path[i]);
    }
    return true;
}

void *cli_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        cli_error("out of memory");
        exit(1);
    }
    return p;
}

bool cli_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void cli_buf_add(cli_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = cli_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}
