/* main.c: the rift command: dispatches to one file per subcommand and
 * holds the helpers they share.  Uses nothing but the public rift.h.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_prog = "rift";

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", cli_prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
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

/* Files met inside a directory are read when their name says they hold
 * articles; a file named on the command line is always read. */
static bool article_name(const char *name)
{
    static const char *const ext[] = {".txt", ".text", ".jsonl", ".ndjson", ".json",
                                      ".html", ".htm", ".xhtml", NULL};
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

static bool walk_one(const char *path, cli_file_fn fn, void *ctx, long *failed,
                     int depth)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return fn(path, ctx);
    if (stat(path, &st) != 0) {
        cli_error("%s: %s", path, strerror(errno));
        (*failed)++;
        return true;
    }
    if (!S_ISDIR(st.st_mode)) {
        const char *base = strrchr(path, '/');
        if (depth > 0 && !article_name(base ? base + 1 : path)) {
            cli_ignored++;
            return true;
        }
        return fn(path, ctx);
    }
    if (depth > 64) {
        cli_error("%s: directories nested too deep; skipped", path);
        (*failed)++;
        return true;
    }
    struct dirent **list;
    int n = scandir(path, &list, visible, by_name);
    if (n < 0) {
        cli_error("%s: %s", path, strerror(errno));
        (*failed)++;
        return true;
    }
    bool go = true;
    for (int i = 0; i < n; i++) {
        if (go) {
            size_t len = strlen(path) + strlen(list[i]->d_name) + 2;
            char *sub = malloc(len);
            if (!sub) {
                cli_error("out of memory");
                exit(1);
            }
            bool slash = path[strlen(path) - 1] == '/';
            snprintf(sub, len, "%s%s%s", path, slash ? "" : "/", list[i]->d_name);
            go = walk_one(sub, fn, ctx, failed, depth + 1);
            free(sub);
        }
        free(list[i]);
    }
    free(list);
    return go;
}

bool cli_walk(char **paths, int n, cli_file_fn fn, void *ctx, long *failed)
{
    if (n == 0)
        return walk_one("-", fn, ctx, failed, 0);
    for (int i = 0; i < n; i++)
        if (!walk_one(paths[i], fn, ctx, failed, 0))
            return false;
    return true;
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
        "  eval       score rift against the gold sets (entities, times, quotes, events, stories)\n"
        "  help       this text (rift help COMMAND for one command)\n"
        "  version    print the version\n"
        "\n"
        "rift COMMAND --help tells more; man rift tells all.\n");
}

int main(int argc, char **argv)
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
        }
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("rift %s (schema v%d)\n", rift_version(), RIFT_SCHEMA_VERSION);
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
    cli_error("unknown command '%s' (try rift --help)", cmd);
    return EXIT_USAGE;
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

bool cli_valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

const char *cli_path_date(char *path)
{
    char *at = strrchr(path, '@');
    struct stat sb;
    if (!at || !cli_valid_date(at + 1) || stat(path, &sb) == 0)
        return NULL;
    *at = '\0';
    return at + 1;
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
