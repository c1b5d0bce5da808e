/* eval_stories.c: "rift eval stories": clusters the 982 ECB+ articles into
 * stories through the store (the same path as rift analyze --db) and scores
 * them with B-cubed against the 86 gold stories.  The corpus is extracted
 * to a temporary directory, never into the repository, and removed after.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct gdoc {
    char *name;     /* 1_10ecb.xml */
    char *topic;    /* 1 */
    char *story;    /* 1 or 1plus */
    long pred;      /* predicted story, -1 */
} gdoc;

typedef struct gset {
    gdoc *v;
    size_t n, cap;
} gset;

static char *xstrdup(const char *s)
{
    char *r = strdup(s);
    if (!r) {
        cli_error("out of memory");
        exit(1);
    }
    return r;
}

static bool exists(const char *p)
{
    struct stat s;
    return stat(p, &s) == 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 65536 > cap) {
            cap = (n + 65536) * 2;
            b = cli_xrealloc(b, cap);
        }
        size_t r = fread(b + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    b[n] = '\0';
    *len = n;
    return b;
}

static bool load_gold(const char *tsv, gset *g)
{
    size_t len;
    char *t = slurp(tsv, &len);
    if (!t)
        return false;
    char *save = NULL;
    bool header = true;
    for (char *line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (header) {
            header = false;
            continue;
        }
        char *f[3];
        char *p = line;
        for (int i = 0; i < 3; i++) {
            f[i] = p;
            p = p ? strchr(p, '\t') : NULL;
            if (p)
                *p++ = '\0';
        }
        if (!f[2])
            continue;
        if (g->n == g->cap) {
            g->cap = g->cap ? g->cap * 2 : 1024;
            g->v = cli_xrealloc(g->v, g->cap * sizeof *g->v);
        }
        g->v[g->n++] = (gdoc){xstrdup(f[0]), xstrdup(f[1]), xstrdup(f[2]), -1};
    }
    free(t);
    return true;
}

static void put_unescaped(char **o, const char *s, size_t n)
{
    static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                         {"&quot;", "\""}, {"&apos;", "'"}};
    for (size_t i = 0; i < n;) {
        size_t k;
        for (k = 0; k < 5; k++) {
            size_t l = strlen(ent[k][0]);
            if (i + l <= n && memcmp(s + i, ent[k][0], l) == 0) {
                *(*o)++ = ent[k][1][0];
                i += l;
                break;
            }
        }
        if (k == 5)
            *(*o)++ = s[i++];
    }
}

static bool no_space_before(const char *w, size_t n)
{
    static const char *const p[] = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't",
                                    "'re", "'ve", "'ll", "'d", "'m", "'", NULL};
    for (size_t i = 0; p[i]; i++)
        if (strlen(p[i]) == n && memcmp(p[i], w, n) == 0)
            return true;
    return false;
}

/* The article text from the ECB+ tokens: one paragraph per sentence; a
 * leading sentence 0 that is a URL becomes the article's url instead. */
static char *build_text(const char *xml, size_t len, size_t *out_len, char **url)
{
    char *text = malloc(len + 1), *o = text;
    char *u = malloc(len + 1), *uo = u;
    if (!text || !u) {
        cli_error("out of memory");
        exit(1);
    }
    long cur = -1;
    bool url_sent = false, after_open = false;
    const char *p = xml;
    while ((p = strstr(p, "<token "))) {
        const char *gt = strchr(p, '>');
        if (!gt)
            break;
        const char *sa = strstr(p, "sentence=\"");
        long sent = sa && sa < gt ? strtol(sa + 10, NULL, 10) : 0;
        const char *w = gt + 1, *we = strstr(w, "</token>");
        if (!we)
            break;
        size_t wn = (size_t)(we - w);
        if (sent != cur) {
            if (cur == -1 && sent == 0 && wn >= 4 && memcmp(w, "http", 4) == 0)
                url_sent = true;
            else
                url_sent = false;
            if (o > text && !(cur == 0 && uo > u && o == text))
                *o++ = '\n', *o++ = '\n';
            cur = sent;
            after_open = true;
        }
        if (url_sent && sent == 0) {
            put_unescaped(&uo, w, wn);
        } else {
            if (!after_open && !no_space_before(w, wn) && o > text && o[-1] != '\n')
                *o++ = ' ';
            put_unescaped(&o, w, wn);
            after_open = wn == 1 && (*w == '(' || *w == '[' || *w == '$');
        }
        p = we + 8;
    }
    /* a URL sentence written first leaves two newlines at the start */
    size_t skip = 0;
    while (skip < (size_t)(o - text) && text[skip] == '\n')
        skip++;
    memmove(text, text + skip, (size_t)(o - text) - skip);
    o -= skip;
    *o = '\0';
    *uo = '\0';
    *out_len = (size_t)(o - text);
    *url = uo > u ? u : (free(u), NULL);
    return text;
}

typedef struct actx {
    gset *g;
} actx;

static int take_story(const rift_story_article_row *r, void *arg)
{
    actx *c = arg;
    for (size_t i = 0; i < c->g->n; i++)
        if (r->doc_id && strcmp(c->g->v[i].name, r->doc_id) == 0) {
            c->g->v[i].pred = r->story;
            break;
        }
    return 0;
}

/* B-cubed over documents: gold label by field (story or topic) */
static void bcubed(const gset *g, bool topic, double *p, double *r)
{
    double sp = 0, sr = 0;
    size_t n = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (g->v[i].pred < 0)
            continue;
        const char *gi = topic ? g->v[i].topic : g->v[i].story;
        long both = 0, pred = 0, gold = 0;
        for (size_t j = 0; j < g->n; j++) {
            if (g->v[j].pred < 0)
                continue;
            const char *gj = topic ? g->v[j].topic : g->v[j].story;
            bool sp_ = g->v[j].pred == g->v[i].pred, sg = strcmp(gi, gj) == 0;
            pred += sp_;
            gold += sg;
            both += sp_ && sg;
        }
        sp += (double)both / (double)pred;
        sr += (double)both / (double)gold;
        n++;
    }
    *p = n ? sp / (double)n : 0;
    *r = n ? sr / (double)n : 0;
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift eval stories [OPTIONS]\n"
        "\n"
        "Clusters the ECB+ articles (corpora/ecbplus in the shared folder) into\n"
        "stories through a store, as rift analyze --db does, and scores them with\n"
        "B-cubed precision, recall and F1 against the 86 gold stories (43 topics,\n"
        "each with its ECB and its ECB+ event).\n"
        "\n"
        "  --shared DIR      the shared folder (default ../shared, else /work/shared)\n"
        "  --data DIR        rift's data directory\n"
        "  --threshold X     story similarity threshold (default: the library's)\n"
        "  --window DAYS     story time window (default: the library's)\n"
        "  --db FILE         keep the store in FILE (default: a temporary file)\n"
        "  --reuse           with --db: re-cluster the articles already in FILE\n"
        "  --batches N       store the articles in N batches, the stories pass after\n"
        "                    each (the incremental path of rift analyze --db; default 1)\n"
        "  --json            one JSON object on stdout\n");
}

int cmd_eval_stories(int argc, char **argv)
{
    enum { O_SHARED = 256, O_DATA, O_THR, O_WIN, O_DB, O_JSON, O_REUSE, O_BATCHES };
    static const struct option lo[] = {
        {"shared", required_argument, 0, O_SHARED}, {"data", required_argument, 0, O_DATA},
        {"threshold", required_argument, 0, O_THR}, {"window", required_argument, 0, O_WIN},
        {"db", required_argument, 0, O_DB}, {"json", no_argument, 0, O_JSON},
        {"reuse", no_argument, 0, O_REUSE}, {"batches", required_argument, 0, O_BATCHES},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *shared = NULL, *data = NULL, *dbpath = NULL;
    rift_story_options so = {0};
    bool json = false, reuse = false;
    long batches = 1;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (ch) {
        case O_SHARED: shared = optarg; break;
        case O_DATA: data = optarg; break;
        case O_THR:
            if (!cli_opt_fraction("eval stories: ", "--threshold", optarg, &so.threshold))
                return EXIT_USAGE;
            break;
        case O_WIN: {
            long days;
            if (!cli_opt_long("eval stories: ", "--window", optarg, 1, 36500, &days))
                return EXIT_USAGE;
            so.window_days = (int)days;
            break;
        }
        case O_DB: dbpath = optarg; break;
        case O_JSON: json = true; break;
        case O_REUSE: reuse = true; break;
        case O_BATCHES:
            if (!cli_opt_long("eval stories: ", "--batches", optarg, 1, 1000, &batches))
                return EXIT_USAGE;
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!shared)
        shared = exists("../shared/corpora") ? "../shared" : "/work/shared";
    char tsv[4096], tarball[4096];
    snprintf(tsv, sizeof tsv, "%s/corpora/ecbplus/ecbplus-doc-clusters.tsv", shared);
    snprintf(tarball, sizeof tarball, "%s/corpora/ecbplus/ECBplus-xml.tar.xz", shared);
    if (!exists(tsv) || !exists(tarball)) {
        cli_error("eval stories: no ECB+ corpus at %s/corpora/ecbplus; skipped", shared);
        return 0;
    }
    gset g = {0};
    if (!load_gold(tsv, &g) || !g.n) {
        cli_error("eval stories: cannot read %s", tsv);
        return 1;
    }
    char tmp[] = "/tmp/rift-ecbplus-XXXXXX";
    if (!mkdtemp(tmp)) {
        cli_error("eval stories: cannot make a temporary directory");
        return 1;
    }
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "tar -xJf '%s' -C '%s'", tarball, tmp);
    int rc = 1;
    rift_model *model = NULL;
    rift_store *st = NULL;
    if (system(cmd) != 0) {
        cli_error("eval stories: cannot extract %s", tarball);
        goto out;
    }
    if (!(model = cli_model_open(data, "eval stories: ")))
        goto out;
    rift_status rs;
    char db[4200];
    if (dbpath) {
        snprintf(db, sizeof db, "%s", dbpath);
        if (!reuse || !exists(db))
            reuse = false, unlink(db);
    } else {
        reuse = false;
        snprintf(db, sizeof db, "%s/stories.db", tmp);
    }
    if ((rs = rift_store_open(db, &st)) != RIFT_OK || (rs = rift_store_begin(st)) != RIFT_OK) {
        cli_error("eval stories: %s", st ? rift_store_errmsg(st) : rift_strerror(rs));
        goto out;
    }
    long docs = 0;
    so.recluster = reuse; /* nothing new in a reused store: all again */
    size_t per = (g.n + (size_t)batches - 1) / (size_t)batches;
    for (size_t i = 0; i < g.n && !reuse; i++) {
        if (i && i % per == 0 && ((rs = rift_store_commit(st)) != RIFT_OK ||
                                  (rs = rift_store_update(st, &so)) != RIFT_OK ||
                                  (rs = rift_store_begin(st)) != RIFT_OK)) {
            cli_error("eval stories: %s", rift_store_errmsg(st));
            goto out;
        }
        char path[8400];
        snprintf(path, sizeof path, "%s/ECB+/%s/%s", tmp, g.v[i].topic, g.v[i].name);
        size_t len, tl;
        char *xml = slurp(path, &len);
        if (!xml) {
            cli_error("eval stories: %s missing", path);
            continue;
        }
        char *url = NULL;
        char *text = build_text(xml, len, &tl, &url);
        free(xml);
        rift_article a = {0};
        a.id = g.v[i].name;
        a.url = url;
        a.text = text;
        a.text_len = tl;
        a.origin = g.v[i].name;
        a.line = 1;
        rift_doc *d = NULL;
        if (rift_doc_analyze(model, &a, NULL, &d) == RIFT_OK) {
            if (rift_store_add_doc(st, d, NULL) != RIFT_OK)
                cli_error("eval stories: %s: %s", g.v[i].name, rift_store_errmsg(st));
            else
                docs++;
        }
        rift_doc_free(d);
        free(text);
        free(url);
    }
    if ((rs = rift_store_commit(st)) != RIFT_OK || (rs = rift_store_update(st, &so)) != RIFT_OK) {
        cli_error("eval stories: %s", rift_store_errmsg(st));
        goto out;
    }
    actx c = {&g};
    rift_store_story_articles(st, -1, take_story, &c);
    rift_store_counts counts;
    rift_store_count(st, &counts);
    if (reuse)
        docs = counts.articles;
    double p, r, tp, tr;
    bcubed(&g, false, &p, &r);
    bcubed(&g, true, &tp, &tr);
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0, tf = tp + tr > 0 ? 2 * tp * tr / (tp + tr) : 0;
    if (json) {
        printf("{\"corpus\":\"ecbplus\",\"articles\":%ld,\"stories\":%ld,\"gold_stories\":86,"
               "\"bcubed_p\":%.4f,\"bcubed_r\":%.4f,\"bcubed_f1\":%.4f,"
               "\"topic_bcubed_f1\":%.4f}\n", docs, counts.stories, p, r, f, tf);
    } else {
        printf("ecbplus: %ld articles, %ld stories found (gold: 86 stories in 43 topics)\n",
               docs, counts.stories);
        printf("  stories (86)   B-cubed precision %.4f  recall %.4f  F1 %.4f\n", p, r, f);
        printf("  topics (43)    B-cubed precision %.4f  recall %.4f  F1 %.4f\n", tp, tr, tf);
    }
    rc = 0;
out:
    rift_store_close(st);
    rift_model_close(model);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        cli_error("eval stories: could not remove %s", tmp);
    for (size_t i = 0; i < g.n; i++) {
        free(g.v[i].name);
        free(g.v[i].topic);
        free(g.v[i].story);
    }
    free(g.v);
    return rc;
}
