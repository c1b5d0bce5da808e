/* stories.c: "rift stories": lists the stories of a store (articles that
 * report the same news, from several outlets and days) with their outlets,
 * dates and articles.  Reads the store through rift.h only; writes to it
 * only when asked to recompute the corpus passes (--update).
 */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct sctx {
    rift_store *st;
    bool json, articles;
    json_t *arr;
    long shown;
} sctx;

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static int show_article(const rift_story_article_row *r, void *arg)
{
    sctx *c = arg;
    if (c->json) {
        json_t *o = json_object();
        json_object_set_new(o, "article", json_integer(r->article));
        json_object_set_new(o, "id", jstr(r->doc_id));
        json_object_set_new(o, "title", jstr(r->title));
        json_object_set_new(o, "outlet", jstr(r->outlet));
        json_object_set_new(o, "date", jstr(r->date));
        json_object_set_new(o, "url", jstr(r->url));
        json_object_set_new(o, "origin", jstr(r->origin));
        json_array_append_new(c->arr, o);
    } else {
        printf("    %-10s  %-24s  %s\n", r->date ? cli_safe(r->date) : "(undated)",
               r->outlet ? cli_safe(r->outlet) : "(outlet unknown)",
               cli_safe(r->title ? r->title : r->doc_id ? r->doc_id : r->origin ? r->origin : ""));
    }
    return 0;
}

static int show_story(const rift_story_row *s, void *arg)
{
    sctx *c = arg;
    c->shown++;
    if (c->json) {
        json_t *o = json_object();
        json_object_set_new(o, "story", json_integer(s->id));
        json_object_set_new(o, "title", jstr(s->title));
        json_object_set_new(o, "articles", json_integer(s->n_articles));
        json_object_set_new(o, "outlets", json_integer(s->n_outlets));
        json_object_set_new(o, "outlet_names", jstr(s->outlets));
        json_object_set_new(o, "first_date", jstr(s->first_date));
        json_object_set_new(o, "last_date", jstr(s->last_date));
        json_t *outer = c->arr;
        json_t *arts = json_array();
        c->arr = arts;
        rift_store_story_articles(c->st, s->id, show_article, c);
        c->arr = outer;
        json_object_set_new(o, "article_list", arts);
        char *line = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (line) {
            puts(line);
            free(line);
        }
        json_decref(o);
        return 0;
    }
    printf("story %ld: %ld article%s, %ld outlet%s", s->id, s->n_articles,
           s->n_articles == 1 ? "" : "s", s->n_outlets, s->n_outlets == 1 ? "" : "s");
    if (s->first_date)
        printf(", %s%s%s", cli_safe(s->first_date),
               s->last_date && strcmp(s->last_date, s->first_date) ? " to " : "",
               s->last_date && strcmp(s->last_date, s->first_date) ? cli_safe(s->last_date) : "");
    putchar('\n');
    if (s->title)
        printf("  %s\n", cli_safe(s->title));
    if (s->outlets)
        printf("  outlets: %s\n", cli_safe(s->outlets));
    if (c->articles)
        rift_store_story_articles(c->st, s->id, show_article, c);
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift stories --db STORE [OPTIONS]\n"
        "\n"
        "Lists the stories of a store written by rift analyze --db: articles that\n"
        "report the same news, with their outlets and dates, largest first.\n"
        "\n"
        "options:\n"
        "  --db STORE         the store (required): a file, or postgresql://...\n"
        "  --min N            only stories of at least N articles (default 1)\n"
        "  --articles         list each story's articles (date, outlet, title)\n"
        "  --json             one JSON object per story (articles included)\n"
        "  --update           recompute actors and corroboration, and cluster every\n"
        "                     article into stories again (story ids renumbered);\n"
        "                     rift analyze --db only places its new articles, each\n"
        "                     into a story of its stored neighbours or a new one\n"
        "  --threshold X      with --update: average similarity to join a story\n"
        "                     (default 0.025, the corpus pass's own)\n"
        "  --window DAYS      with --update: dated articles farther apart never share\n"
        "                     a story (default 14)\n"
        "  -h, --help         this text\n");
}

int cmd_stories(int argc, char **argv)
{
    enum { O_DB = 256, O_MIN, O_ARTICLES, O_JSON, O_UPDATE, O_THR, O_WIN };
    static const struct option lo[] = {
        {"db", required_argument, 0, O_DB}, {"min", required_argument, 0, O_MIN},
        {"articles", no_argument, 0, O_ARTICLES}, {"json", no_argument, 0, O_JSON},
        {"update", no_argument, 0, O_UPDATE}, {"threshold", required_argument, 0, O_THR},
        {"window", required_argument, 0, O_WIN}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *db = NULL;
    long min = 1;
    bool update = false;
    rift_story_options so = {0};
    so.recluster = 1; /* --update: everything again */
    sctx c = {0};
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        long days;
        switch (ch) {
        case O_DB: db = optarg; break;
        case O_MIN:
            if (!cli_opt_long("", "--min", optarg, 1, LONG_MAX, &min))
                return EXIT_USAGE;
            break;
        case O_ARTICLES: c.articles = true; break;
        case O_JSON: c.json = true; break;
        case O_UPDATE: update = true; break;
        case O_THR:
            if (!cli_opt_fraction("", "--threshold", optarg, &so.threshold))
                return EXIT_USAGE;
            break;
        case O_WIN:
            if (!cli_opt_long("", "--window", optarg, 1, 36500, &days))
                return EXIT_USAGE;
            so.window_days = (int)days;
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!db || optind < argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!(c.st = cli_store_open(db, update ? CLI_STORE_UPDATE : CLI_STORE_READ, "")))
        return 1;
    rift_status rs = RIFT_OK;
    if (update)
        rs = rift_store_update(c.st, &so);
    if (rs == RIFT_OK)
        rs = rift_store_stories(c.st, min, show_story, &c);
    if (rs != RIFT_OK) {
        cli_error("%s", rift_store_errmsg(c.st));
        rift_store_close(c.st);
        return 1;
    }
    if (!c.json && !c.shown)
        fprintf(stderr, "%s: no stories in %s (run rift analyze --db %s first)\n", cli_prog,
                db, db);
    rift_store_close(c.st);
    return 0;
}
