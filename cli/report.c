/* report.c: "rift report": writes the report of a store (one self-contained
 * HTML page) and, with --summary, shows the top relationships and their
 * turning points in the terminal.  Uses nothing but the public rift.h; it
 * never writes to the store.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift report --db STORE [-o OUT.html] [OPTIONS]\n"
        "\n"
        "Writes the report of a store (made by rift analyze --db) as one HTML page\n"
        "that needs nothing else: no network, no script, no font.  It shows the\n"
        "corpus (articles, outlets, dates), each story with its outlets and\n"
        "timeline, each relationship (a directed pair of actors) charted over\n"
        "time with its turning point and the events behind it, quotes by speaker\n"
        "with the outlets carrying them (unnamed speakers as \"Unattributed\"), and\n"
        "the most active actors.  Time is spaced by days; events and quotes link to\n"
        "their articles' addresses; untitled stories are titled from their lead;\n"
        "events repeated in copies of one article count once.\n"
        "\n"
        "options:\n"
        "  --db STORE          the store to read (required): a file, or postgresql://...\n"
        "  -o, --output FILE   where to write the page (default: standard output\n"
        "                      when it is not a terminal)\n"
        "  --title TEXT        the page's title (default \"rift report\")\n"
        "  --period P          chart periods: week, month (default), quarter, year\n"
        "  --min-events N      relationships shown need N events (default 3); the\n"
        "                      page says how many pairs this leaves out\n"
        "  --relations N       show at most N relationships (default 12)\n"
        "  --stories N         show at most N stories (default 20)\n"
        "  --modes LIST        the event modalities the relationships count,\n"
        "                      separated by commas (asserted, future, intended,\n"
        "                      threatened, demanded, hypothetical, question) or\n"
        "                      all; default asserted\n"
        "  --summary           also print the top relationships and their turning\n"
        "                      points on standard output\n"
        "  -h, --help          this text\n");
}

/* ---- the terminal summary ------------------------------------------------- */

typedef struct pair {
    size_t row0, nrows, events;
    double coop, conf;
} pair;

static int pair_cmp(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    return a->row0 < b->row0 ? -1 : a->row0 > b->row0;
}

static int summary(rift_store *st, rift_period period, unsigned modes, long min_events,
                   long top)
{
    rift_dyads *acc = rift_dyads_new(period);
    rift_dyads_set_modes(acc, modes);
    rift_status s = rift_dyads_add_store(acc, st);
    if (s != RIFT_OK) {
        cli_error("report: %s", rift_store_errmsg(st));
        rift_dyads_free(acc);
        return 1;
    }
    size_t nr, nt;
    const rift_dyad_row *rows = rift_dyads_rows(acc, &nr);
    const rift_dyad_turn *turns = rift_dyads_turns(acc, &nt);
    pair *pairs = malloc((nr ? nr : 1) * sizeof *pairs);
    if (!pairs) {
        rift_dyads_free(acc);
        return 1;
    }
    size_t np = 0;
    for (size_t i = 0; i < nr;) {
        pair p = {i, 0, 0, 0, 0};
        while (i < nr && !strcmp(rows[i].source_name, rows[p.row0].source_name) &&
               !strcmp(rows[i].target_name, rows[p.row0].target_name)) {
            p.events += rows[i].events;
            p.coop += rows[i].cooperation;
            p.conf += rows[i].conflict;
            i++;
        }
        p.nrows = i - p.row0;
        if ((long)p.events >= min_events)
            pairs[np++] = p;
    }
    qsort(pairs, np, sizeof *pairs, pair_cmp);
    if (!np) {
        printf("No pair of actors has %ld or more dated events.\n", min_events);
    } else {
        printf("%-46s %6s %7s %8s  %s\n", "top relationships (source -> target)", "events",
               "coop", "conflict", "trend");
    }
    for (size_t i = 0; i < np && (long)i < top; i++) {
        const pair *p = &pairs[i];
        const rift_dyad_row *r = &rows[p->row0];
        char name[256];
        snprintf(name, sizeof name, "%s -> %s", cli_safe(r->source_name),
                 cli_safe(r->target_name));
        /* no "-0.0" or "+0.0": a zero sum prints as 0.0 */
        char co[32];
        snprintf(co, sizeof co, p->coop > 0.05 ? "%+.1f" : "0.0", p->coop);
        printf("%-46s %6zu %7s %8.1f  ", name, p->events, co, p->conf < -0.05 ? p->conf : 0.0);
        cli_sparkline(stdout, r, p->nrows);
        putchar('\n');
        for (size_t k = 0; k < nt; k++) {
            const rift_dyad_turn *t = &turns[k];
            if (strcmp(t->source_name, r->source_name) || strcmp(t->target_name, r->target_name))
                continue;
            printf("    turning point: %s to %s in %s (", t->from, t->to, t->turn);
            for (size_t j = 0; j < t->n_triggers; j++)
                printf("%s%s", j ? ", " : "", cli_safe(t->triggers[j]));
            printf(")\n");
        }
    }
    free(pairs);
    rift_dyads_free(acc);
    return 0;
}

/* ---- the command --------------------------------------------------------------- */

/* What a page written to path replaces: path itself or, through symbolic
 * links, what they finally name (a link may name a file not there yet).
 * A malloc'ed path and its lstat (st_mode 0: nothing there), or NULL
 * (said). */
static char *resolve(const char *path, struct stat *st)
{
    char *p = cli_xrealloc(NULL, strlen(path) + 1);
    strcpy(p, path);
    for (int hops = 0;; hops++) {
        if (lstat(p, st) != 0) {
            if (errno == ENOENT) {
                memset(st, 0, sizeof *st);
                return p;
            }
            cli_error("report: cannot write %s: %s", p, strerror(errno));
            break;
        }
        if (!S_ISLNK(st->st_mode))
            return p;
        char to[PATH_MAX];
        ssize_t n = hops < 40 ? readlink(p, to, sizeof to - 1) : -1;
        if (n < 0) {
            cli_error("report: cannot write %s: %s", path, strerror(hops < 40 ? errno : ELOOP));
            break;
        }
        to[n] = '\0';
        /* a relative link is relative to the directory holding it */
        const char *slash = strrchr(p, '/');
        size_t keep = to[0] != '/' && slash ? (size_t)(slash - p) + 1 : 0;
        p = cli_xrealloc(p, keep + (size_t)n + 1);
        memcpy(p + keep, to, (size_t)n + 1);
    }
    free(p);
    return NULL;
}

static bool write_fd(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t k = write(fd, data, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        data += k;
        len -= (size_t)k;
    }
    return true;
}

/* A regular file (or none): written beside it, then renamed over it, so
 * that a reader never sees half a page; an existing file keeps its mode. */
static bool replace_file(const char *dest, const struct stat *old, const char *html,
                         size_t len)
{
    size_t n = strlen(dest);
    char *tmp = cli_xrealloc(NULL, n + 8);
    snprintf(tmp, n + 8, "%s.XXXXXX", dest);
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    if (ok) {
        mode_t mask = umask(0);
        umask(mask);
        ok = fchmod(fd, old->st_mode ? old->st_mode & 07777 : 0666 & ~mask) == 0 &&
             write_fd(fd, html, len);
        ok = close(fd) == 0 && ok;
        ok = ok && rename(tmp, dest) == 0;
    }
    if (!ok) {
        cli_error("report: cannot write %s: %s", dest, strerror(errno));
        if (fd >= 0)
            unlink(tmp);
    }
    free(tmp);
    return ok;
}

/* Writes the page to out.  Anything but a regular file (a FIFO, a device,
 * a terminal) is written in place, never replaced. */
static bool write_page(const char *out, const char *html, size_t len)
{
    struct stat st;
    char *dest = resolve(out, &st);
    if (!dest)
        return false;
    bool ok;
    if (!st.st_mode || S_ISREG(st.st_mode)) {
        ok = replace_file(dest, &st, html, len);
    } else if (S_ISDIR(st.st_mode)) {
        cli_error("report: cannot write %s: %s", dest, strerror(EISDIR));
        ok = false;
    } else {
        int fd = open(dest, O_WRONLY | O_CLOEXEC);
        ok = fd >= 0 && write_fd(fd, html, len);
        ok = (fd < 0 || close(fd) == 0) && ok;
        if (!ok)
            cli_error("report: cannot write %s: %s", dest, strerror(errno));
    }
    free(dest);
    return ok;
}

int cmd_report(int argc, char **argv)
{
    static const struct option lo[] = {
        {"db", required_argument, 0, 'b'}, {"output", required_argument, 0, 'o'},
        {"title", required_argument, 0, 't'}, {"period", required_argument, 0, 'p'},
        {"min-events", required_argument, 0, 'm'}, {"relations", required_argument, 0, 'r'},
        {"stories", required_argument, 0, 's'}, {"summary", no_argument, 0, 'S'},
        {"modes", required_argument, 0, 'M'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    rift_report_options opt;
    memset(&opt, 0, sizeof opt);
    const char *db = NULL, *out = NULL;
    bool want_summary = false;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'o': out = optarg; break;
        case 't': opt.title = optarg; break;
        case 'p':
            if (!strcmp(optarg, "week")) opt.period = RIFT_PERIOD_WEEK;
            else if (!strcmp(optarg, "month")) opt.period = RIFT_PERIOD_MONTH;
            else if (!strcmp(optarg, "quarter")) opt.period = RIFT_PERIOD_QUARTER;
            else if (!strcmp(optarg, "year")) opt.period = RIFT_PERIOD_YEAR;
            else {
                cli_error("report: unknown period '%s' (week, month, quarter, year)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'm': case 'r': case 's': {
            long v;
            if (!cli_opt_long("report: ", ch == 'm' ? "--min-events" : ch == 'r' ? "--relations"
                              : "--stories", optarg, 1, LONG_MAX, &v))
                return EXIT_USAGE;
            if (ch == 'm') opt.min_events = v;
            else if (ch == 'r') opt.max_relations = v;
            else opt.max_stories = v;
            break;
        }
        case 'M':
            if (!cli_opt_modes("report: ", optarg, &opt.modes))
                return EXIT_USAGE;
            break;
        case 'S': want_summary = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!db || optind < argc) {
        if (!db)
            cli_error("report: --db STORE is required");
        else
            cli_error("report: unexpected argument '%s'", argv[optind]);
        usage(stderr);
        return EXIT_USAGE;
    }
    bool to_stdout = !out || !strcmp(out, "-");
    if (to_stdout && isatty(1)) {
        cli_error("report: standard output is a terminal; write the page with -o FILE.html");
        return EXIT_USAGE;
    }
    if (to_stdout && want_summary) {
        cli_error("report: --summary needs -o FILE (the page goes to standard output)");
        return EXIT_USAGE;
    }
    rift_store *st = cli_store_open_existing(db, "report: ");
    if (!st)
        return 1;
    char *html = NULL;
    size_t len = 0;
    rift_status s = rift_report_html(st, &opt, &html, &len);
    if (s != RIFT_OK) {
        cli_error("report: %s", rift_store_errmsg(st));
        rift_store_close(st);
        return 1;
    }
    int rc = 0;
    if (to_stdout) {
        fwrite(html, 1, len, stdout);
        rc = cli_stdout_ok() ? 0 : 1;
    } else if (!write_page(out, html, len)) {
        rc = 1;
    } else if (want_summary) {
        rc = summary(st, opt.period, opt.modes, opt.min_events ? opt.min_events : 3, 8);
    }
    free(html);
    rift_store_close(st);
    return rc;
}
