/* quotes.c: "rift quotes": what someone said, where, and who else carried
 * it, from a store written by rift analyze --db.  Reads the store through
 * rift.h only; never writes to it.
 */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct qctx {
    bool json;
    long shown;
} qctx;

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static int show_quote(const rift_quote_row *q, void *arg)
{
    qctx *c = arg;
    c->shown++;
    if (c->json) {
        json_t *o = json_object();
        json_object_set_new(o, "speaker", jstr(q->speaker));
        json_object_set_new(o, "text", jstr(q->text));
        json_object_set_new(o, "article", json_integer(q->article));
        json_object_set_new(o, "id", jstr(q->doc_id));
        json_object_set_new(o, "outlet", jstr(q->outlet));
        json_object_set_new(o, "date", jstr(q->date));
        json_object_set_new(o, "title", jstr(q->title));
        json_object_set_new(o, "claim", json_integer(q->claim));
        json_object_set_new(o, "articles", json_integer(q->n_articles));
        json_object_set_new(o, "outlets", json_integer(q->n_outlets));
        json_object_set_new(o, "first_outlet", jstr(q->first_outlet));
        json_object_set_new(o, "first_date", jstr(q->first_date));
        json_object_set_new(o, "also", jstr(q->also));
        char *line = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (line) {
            puts(line);
            free(line);
        }
        json_decref(o);
        return 0;
    }
    printf("%s  %s: %s\n", q->date ? cli_safe(q->date) : "(undated)",
           q->speaker ? cli_safe(q->speaker) : "?", q->text ? cli_safe(q->text) : "");
    printf("    in %s", cli_safe(q->outlet ? q->outlet : q->doc_id ? q->doc_id
                                                                 : "(outlet unknown)"));
    if (q->n_articles > 1) {
        printf("; carried by %ld articles, %ld outlet%s", q->n_articles, q->n_outlets,
               q->n_outlets == 1 ? "" : "s");
        if (q->first_outlet || q->first_date)
            printf("; first: %s%s%s%s",
                   q->first_outlet ? cli_safe(q->first_outlet) : "an article",
                   q->first_date ? " (" : "", q->first_date ? cli_safe(q->first_date) : "",
                   q->first_date ? ")" : "");
        if (q->also)
            printf("; also in %s", cli_safe(q->also));
    } else {
        printf("; no other article carries it");
    }
    putchar('\n');
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift quotes --db STORE [--speaker NAME] [--json]\n"
        "\n"
        "Lists the quotes of a store written by rift analyze --db, by date: who\n"
        "said it, where, how many articles and independent outlets carry the same\n"
        "words, which outlet had it first, and the others.\n"
        "\n"
        "options:\n"
        "  --db STORE         the store (required): a file, or postgresql://...\n"
        "  --speaker NAME     only speakers whose name contains NAME (any case)\n"
        "  --json             one JSON object per quote\n"
        "  -h, --help         this text\n");
}

int cmd_quotes(int argc, char **argv)
{
    enum { O_DB = 256, O_SPEAKER, O_JSON };
    static const struct option lo[] = {
        {"db", required_argument, 0, O_DB}, {"speaker", required_argument, 0, O_SPEAKER},
        {"json", no_argument, 0, O_JSON}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *db = NULL, *speaker = NULL;
    qctx c = {0};
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (ch) {
        case O_DB: db = optarg; break;
        case O_SPEAKER: speaker = optarg; break;
        case O_JSON: c.json = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!db || optind < argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    rift_store *st = cli_store_open_existing(db, "");
    if (!st)
        return 1;
    rift_status rs = rift_store_quotes(st, speaker, show_quote, &c);
    if (rs != RIFT_OK) {
        cli_error("%s", rift_store_errmsg(st));
        rift_store_close(st);
        return 1;
    }
    if (!c.shown && !c.json)
        fprintf(stderr, "%s: no quotes%s%s in %s\n", cli_prog, speaker ? " by " : "",
                speaker ? speaker : "", db);
    rift_store_close(st);
    return 0;
}
