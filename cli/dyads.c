/* dyads.c: `rift dyads`: reads articles like `rift analyze` and shows how
 * each directed pair of actors moves between cooperation and conflict per
 * period, with the turning points.  Uses nothing but the public rift.h.
 */
#include "cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct dctx {
    rift_model *model;
    rift_analyze_options aopt;
    rift_dyads *acc;
    long failed, articles;
} dctx;

static bool one_file(const char *path, void *vc)
{
    dctx *c = vc;
    rift_reader *r;
    rift_reader_options ropt = {0};
    rift_status st = rift_reader_open(path, &ropt, &r);
    if (st != RIFT_OK) {
        cli_error("%s: %s", path, rift_strerror(st));
        c->failed++;
        return true;
    }
    rift_article a;
    while ((st = rift_reader_next(r, &a)) != RIFT_DONE) {
        if (st == RIFT_SKIP) {
            cli_error("%s:%ld: %s", path, rift_reader_line(r), rift_reader_errmsg(r));
            c->failed++;
            continue;
        }
        if (st != RIFT_OK) {
            cli_error("%s: %s", path, rift_strerror(st));
            c->failed++;
            break;
        }
        rift_doc *d;
        if (rift_doc_analyze(c->model, &a, &c->aopt, &d) == RIFT_OK) {
            rift_dyads_add_doc(c->acc, d);
            c->articles++;
        }
        rift_doc_free(d);
    }
    rift_reader_close(r);
    return true;
}

static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            printf("\\%c", ch);
        else if (ch < 0x20)
            printf("\\u%04x", ch);
        else
            putchar(ch);
    }
    putchar('"');
}

static void json_triggers(const char *const *t, size_t n)
{
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_str(t[i]);
    }
    putchar(']');
}

/* --actor: true when a side's name contains the wanted text */
static bool name_has(const char *name, const char *want)
{
    return !want || strcasestr(name, want) != NULL;
}

static bool pair_wanted(const rift_dyad_row *r, const char *want)
{
    return !want || name_has(r->source_name, want) || name_has(r->target_name, want);
}

static bool turn_wanted(const rift_dyad_turn *t, const char *want)
{
    return !want || name_has(t->source_name, want) || name_has(t->target_name, want);
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift dyads [OPTIONS] PATH...\n"
        "       rift dyads [OPTIONS] --db STORE\n"
        "\n"
        "Reads articles (like rift analyze), codes their events, and sums them\n"
        "per directed pair of actors and period: events, cooperation (sum of the\n"
        "positive Goldstein weights), conflict (sum of the negative ones, <= 0)\n"
        "and score (their sum); turning points are the periods where a pair's\n"
        "score changes sign.  Only asserted events (done, or reported done) count,\n"
        "unless --modes says otherwise; negated events never count.\n"
        "\n"
        "A PATH may end in @YYYY-MM-DD to give that file's articles a date when\n"
        "they carry none (seeds/a.txt@2025-06-07); JSON Lines input carries its\n"
        "own dates.  With --db, the events of a store written by rift analyze\n"
        "--db are summed under the corpus-wide actor names instead.\n"
        "\n"
        "options:\n"
        "  --period P          week, month (default), quarter or year\n"
        "  --date YYYY-MM-DD   date for undated articles (all paths)\n"
        "  --date-order ORDER  read 07/06/2025 as dmy, mdy or auto (default)\n"
        "  --min-events N      show pairs with at least N events (default 1)\n"
        "  --modes LIST        the event modalities counted, separated by commas\n"
        "                      (asserted, future, intended, threatened, demanded,\n"
        "                      hypothetical, question) or all; default asserted\n"
        "  --actor NAME        only pairs where one side's name contains NAME\n"
        "                      (case-insensitive)\n"
        "  --db STORE          read the events of this store (file or postgresql://...)\n"
        "  --json              one JSON object: {period, rows, turning_points}\n"
        "  --data DIR          lexicon directory\n"
        "  --no-syntax         skip the syntax stage (as rift analyze --no-syntax)\n"
        "  --actors FILE, --verbs FILE, --agents FILE, --discards FILE\n"
        "                      add an actor list or a PETRARCH dictionary\n"
        "                      (docs/petrarch.md); repeatable\n"
        "  -h, --help          this text\n");
}

int cmd_dyads(int argc, char **argv)
{
    static const struct option lo[] = {
        {"period", required_argument, 0, 'p'}, {"date", required_argument, 0, 'D'},
        {"date-order", required_argument, 0, 'o'}, {"min-events", required_argument, 0, 'm'},
        {"json", no_argument, 0, 'j'}, {"data", required_argument, 0, 'd'},
        {"actor", required_argument, 0, 'a'}, {"db", required_argument, 0, 'b'},
        {"actors", required_argument, 0, 'A'}, {"verbs", required_argument, 0, 'V'},
        {"agents", required_argument, 0, 'G'}, {"discards", required_argument, 0, 'X'},
        {"no-syntax", no_argument, 0, 'N'}, {"modes", required_argument, 0, 'M'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    dctx c;
    memset(&c, 0, sizeof c);
    rift_period period = RIFT_PERIOD_MONTH;
    const char *pname = "month", *data = NULL, *actor = NULL, *db = NULL;
    long min_events = 1;
    unsigned modes = RIFT_MODES_ASSERTED;
    bool json = false;
    cli_dicts dicts = {0};
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (ch) {
        case 'p':
            pname = optarg;
            if (!strcmp(optarg, "week")) period = RIFT_PERIOD_WEEK;
            else if (!strcmp(optarg, "month")) period = RIFT_PERIOD_MONTH;
            else if (!strcmp(optarg, "quarter")) period = RIFT_PERIOD_QUARTER;
            else if (!strcmp(optarg, "year")) period = RIFT_PERIOD_YEAR;
            else {
                cli_error("dyads: unknown period '%s' (week, month, quarter, year)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'D':
            if (!cli_opt_date("dyads: ", "--date", optarg))
                return EXIT_USAGE;
            c.aopt.default_date = optarg;
            break;
        case 'o':
            if (!strcmp(optarg, "dmy")) c.aopt.date_order = RIFT_DATE_ORDER_DMY;
            else if (!strcmp(optarg, "mdy")) c.aopt.date_order = RIFT_DATE_ORDER_MDY;
            else if (!strcmp(optarg, "auto")) c.aopt.date_order = RIFT_DATE_ORDER_AUTO;
            else {
                cli_error("dyads: --date-order wants dmy, mdy or auto");
                return EXIT_USAGE;
            }
            break;
        case 'm':
            if (!cli_opt_long("dyads: ", "--min-events", optarg, 1, LONG_MAX, &min_events))
                return EXIT_USAGE;
            break;
        case 'M':
            if (!cli_opt_modes("dyads: ", optarg, &modes))
                return EXIT_USAGE;
            break;
        case 'a': actor = optarg; break;
        case 'b': db = optarg; break;
        case 'A': case 'V': case 'G': case 'X': /* actor lists, PETRARCH dictionaries */
            if (!cli_dicts_push(&dicts, ch == 'A' ? CLI_DICT_ACTORS : ch == 'V' ? CLI_DICT_VERBS
                                      : ch == 'G' ? CLI_DICT_AGENTS : CLI_DICT_DISCARDS,
                                optarg, "dyads: "))
                return EXIT_USAGE;
            break;
        case 'j': json = true; break;
        case 'N': c.aopt.no_syntax = 1; break;
        case 'd': data = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (db ? optind < argc : optind >= argc) {
        if (db)
            cli_error("dyads: --db reads a store; no PATH wanted ('%s')", argv[optind]);
        else
            usage(stderr);
        return EXIT_USAGE;
    }
    if (!db && !cli_path_dates_ok(argv + optind, argc - optind))
        return EXIT_USAGE;
    c.acc = rift_dyads_new(period);
    rift_dyads_set_modes(c.acc, modes);
    if (db) {
        rift_store *st = cli_store_open_existing(db, "dyads: ");
        if (!st) {
            rift_dyads_free(c.acc);
            return 1;
        }
        rift_status s = rift_dyads_add_store(c.acc, st);
        if (s != RIFT_OK)
            cli_error("dyads: %s", rift_store_errmsg(st));
        rift_store_close(st);
        if (s != RIFT_OK) {
            rift_dyads_free(c.acc);
            return 1;
        }
    } else if (!(c.model = cli_model_open(data, ""))) {
        rift_dyads_free(c.acc);
        return 1;
    }
    if (c.model && !cli_dicts_load(c.model, &dicts, "dyads: ", false)) {
        rift_model_close(c.model);
        rift_dyads_free(c.acc);
        return 1;
    }
    const char *global_date = c.aopt.default_date;
    for (int i = optind; !db && i < argc; i++) {
        /* PATH@YYYY-MM-DD: a date for this path's undated articles */
        char *path = argv[i];
        const char *pd = cli_path_date(path);
        c.aopt.default_date = pd ? pd : global_date;
        cli_walk(&path, 1, one_file, &c, &c.failed);
    }
    size_t nr, nt;
    const rift_dyad_row *rows = rift_dyads_rows(c.acc, &nr);
    const rift_dyad_turn *turns = rift_dyads_turns(c.acc, &nt);
    /* pairs: runs of rows with one source and target */
    if (json) {
        printf("{\"period\":");
        json_str(pname);
        printf(",\"rows\":[");
        bool first = true;
        for (size_t i = 0; i < nr;) {
            size_t j = i, total = 0;
            while (j < nr && !strcmp(rows[j].source_name, rows[i].source_name) &&
                   !strcmp(rows[j].target_name, rows[i].target_name))
                total += rows[j++].events;
            bool show = (long)total >= min_events && pair_wanted(&rows[i], actor);
            for (size_t k = i; k < j && show; k++) {
                const rift_dyad_row *r = &rows[k];
                printf(first ? "{\"source_name\":" : ",{\"source_name\":");
                first = false;
                json_str(r->source_name);
                printf(",\"target_name\":");
                json_str(r->target_name);
                printf(",\"period\":");
                json_str(r->period);
                printf(",\"events\":%zu,\"cooperation\":%.1f,\"conflict\":%.1f,\"score\":%.1f,"
                       "\"triggers\":", r->events, r->cooperation, r->conflict, r->score);
                json_triggers(r->triggers, r->n_triggers);
                putchar('}');
            }
            i = j;
        }
        printf("],\"turning_points\":[");
        for (size_t i = 0, k = 0; i < nt; i++) {
            const rift_dyad_turn *t = &turns[i];
            if (!turn_wanted(t, actor))
                continue;
            printf(k++ ? ",{\"source_name\":" : "{\"source_name\":");
            json_str(t->source_name);
            printf(",\"target_name\":");
            json_str(t->target_name);
            printf(",\"turn\":");
            json_str(t->turn);
            printf(",\"from\":");
            json_str(t->from);
            printf(",\"to\":");
            json_str(t->to);
            printf(",\"events\":%zu,\"triggers\":", t->events);
            json_triggers(t->triggers, t->n_triggers);
            putchar('}');
        }
        printf("]}\n");
    } else {
        printf("%-44s %6s %8s %8s %8s  %s\n", "source -> target", "events", "coop",
               "conflict", "score", "trend (per period)");
        for (size_t i = 0; i < nr;) {
            size_t j = i, total = 0;
            double co = 0, cf = 0;
            while (j < nr && !strcmp(rows[j].source_name, rows[i].source_name) &&
                   !strcmp(rows[j].target_name, rows[i].target_name)) {
                total += rows[j].events;
                co += rows[j].cooperation;
                cf += rows[j].conflict;
                j++;
            }
            if ((long)total >= min_events && pair_wanted(&rows[i], actor)) {
                char pair[256];
                snprintf(pair, sizeof pair, "%s -> %s", cli_safe(rows[i].source_name),
                         cli_safe(rows[i].target_name));
                printf("%-44s %6zu %8.1f %8.1f %8.1f  ", pair, total, co, cf, co + cf);
                cli_sparkline(stdout, &rows[i], j - i);
                printf("\n    ");
                for (size_t k = i; k < j; k++)
                    printf("%s %s%+.1f (%zu)", k > i ? " |" : "", rows[k].period,
                           rows[k].score, rows[k].events);
                putchar('\n');
            }
            i = j;
        }
        size_t shown = 0;
        for (size_t i = 0; i < nt; i++)
            shown += turn_wanted(&turns[i], actor);
        if (shown) {
            printf("\nturning points:\n");
            for (size_t i = 0; i < nt; i++) {
                const rift_dyad_turn *t = &turns[i];
                if (!turn_wanted(t, actor))
                    continue;
                printf("  %s -> %s: %s to %s in %s (", cli_safe(t->source_name),
                       cli_safe(t->target_name), t->from, t->to, t->turn);
                for (size_t k = 0; k < t->n_triggers; k++)
                    printf("%s%s", k ? ", " : "", cli_safe(t->triggers[k]));
                printf(")\n");
            }
        }
    }
    rift_dyads_free(c.acc);
    if (c.model)
        rift_model_close(c.model);
    return c.failed ? 1 : 0;
}
