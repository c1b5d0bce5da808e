/* test_model.c: unit tests of the model's data files: the declared list
 * matches data/en, and a missing, malformed or odd data file or dictionary
 * (a directory, a FIFO) is an error naming it, never a silent empty list;
 * an impossible default date is refused.
 */
#include "internal.h"
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[] = "/tmp/rift-model-XXXXXX";

static bool declared(const char *name, bool *required)
{
    for (size_t i = 0; rift_data_file(i, NULL); i++)
        if (!strcmp(rift_data_file(i, required), name))
            return true;
    return false;
}

/* Every .txt and .bin file of data/en is declared; every required one is there. */
static void test_declared_list(void)
{
    DIR *d = opendir("data/en");
    struct dirent *e;
    int files = 0, undeclared = 0;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || (strcmp(e->d_name + n - 4, ".txt") && strcmp(e->d_name + n - 4, ".bin")))
            continue;
        files++;
        bool req;
        if (!declared(e->d_name, &req)) {
            undeclared++;
            printf("# data/en/%s is not declared in src/model.c\n", e->d_name);
        }
    }
    if (d)
        closedir(d);
    CHECK(files > 80 && undeclared == 0, "every data/en file is declared (%d files)", files);
    int missing = 0;
    for (size_t i = 0; rift_data_file(i, NULL); i++) {
        bool req;
        char path[256];
        snprintf(path, sizeof path, "data/en/%s", rift_data_file(i, &req));
        struct stat st;
        if (req && stat(path, &st) != 0) {
            missing++;
            printf("# declared %s is not in data/en\n", path);
        }
    }
    CHECK(missing == 0, "every required declared file is in data/en");
}

/* tmp/name removed (a link, a file, a FIFO or an empty directory); its
 * path in path.  Never written through a link into data/en. */
static const char *fresh(const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", tmp, name);
    unlink(path);
    rmdir(path);
    return path;
}

/* tmp holds a link to every declared file of data/en, but skip (NULL:
 * none) is left as it is. */
static void link_data(const char *skip)
{
    for (size_t i = 0; rift_data_file(i, NULL); i++) {
        const char *name = rift_data_file(i, NULL);
        if (skip && !strcmp(name, skip))
            continue;
        char from[256], to[256];
        snprintf(from, sizeof from, "data/en/%s", name);
        fresh(name, to, sizeof to);
        char *abs = realpath(from, NULL);
        if (abs && symlink(abs, to) != 0)
            printf("# cannot link %s\n", to);
        free(abs);
    }
}

/* Opens the model of tmp: its status, and its message in msg. */
static rift_status open_tmp(char *msg, size_t n)
{
    rift_model *m = NULL;
    rift_status st = rift_model_open(tmp, &m);
    snprintf(msg, n, "%s", rift_model_errmsg(m));
    rift_model_close(m);
    return st;
}

static void test_missing_files(void)
{
    char msg[600];
    int named = 0, required = 0, optional_ok = 0, optional = 0;
    for (size_t i = 0; rift_data_file(i, NULL); i++) {
        bool req;
        const char *name = rift_data_file(i, &req);
        link_data(name);
        fresh(name, msg, sizeof msg);
        rift_status st = open_tmp(msg, sizeof msg);
        if (req) {
            required++;
            if (st == RIFT_EIO && strstr(msg, name) && strstr(msg, "required"))
                named++;
            else
                printf("# without %s: status %d, '%s'\n", name, st, msg);
        } else {
            optional++;
            optional_ok += st == RIFT_OK;
        }
    }
    CHECK(required > 80 && named == required,
          "each of %d required data files missing: an error naming it", required);
    CHECK(optional_ok == optional, "an optional data file may be absent (%d)", optional);
}

static void test_odd_files(void)
{
    char msg[600], path[256];
    /* a directory in the place of a lexicon */
    link_data("event_verbs.txt");
    mkdir(fresh("event_verbs.txt", path, sizeof path), 0755);
    rift_status st = open_tmp(msg, sizeof msg);
    CHECK(st == RIFT_EIO && strstr(msg, "event_verbs.txt: a directory"),
          "a directory as a data file: %s", msg);
    rmdir(path);
    /* a FIFO: an error at once, no hang */
    if (mkfifo(fresh("event_verbs.txt", path, sizeof path), 0644) == 0) {
        st = open_tmp(msg, sizeof msg);
        CHECK(st == RIFT_EIO && strstr(msg, "event_verbs.txt: not a regular file"),
              "a FIFO as a data file: %s", msg);
    }
    /* a malformed line: FILE:LINE */
    FILE *in = fopen("data/en/event_verbs.txt", "r");
    FILE *out = fopen(fresh("event_verbs.txt", path, sizeof path), "w");
    long lines = 0;
    int c;
    while (in && out && (c = fgetc(in)) != EOF) {
        fputc(c, out);
        lines += c == '\n';
    }
    if (out)
        fputs("abandon\t111\n", out); /* two columns of a three-column file */
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    st = open_tmp(msg, sizeof msg);
    char want[300];
    snprintf(want, sizeof want, "event_verbs.txt:%ld: 2 columns", lines + 1);
    CHECK(st == RIFT_EFORMAT && strstr(msg, want), "a malformed line: %s (want %s)", msg, want);
    /* invalid UTF-8 and a NUL byte */
    static const struct { const char *line; size_t n; const char *why; } bad[] = {
        {"caf\xC3 tier\n", 10, "invalid UTF-8"},
        {"the\0re\n", 7, "a NUL byte"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        out = fopen(fresh("fw_articles.txt", path, sizeof path), "w");
        if (out) {
            fputs("# articles\nthe\n", out);
            fwrite(bad[i].line, 1, bad[i].n, out);
            fclose(out);
        }
        link_data("fw_articles.txt");
        st = open_tmp(msg, sizeof msg);
        CHECK(st == RIFT_EFORMAT && strstr(msg, "fw_articles.txt:3: ") &&
              strstr(msg, bad[i].why), "%s in a word list: %s", bad[i].why, msg);
    }
    link_data(NULL);
    CHECK(open_tmp(msg, sizeof msg) == RIFT_OK, "the linked data directory opens: %s", msg);
}

/* --verbs, --agents, --discards, --actors given a directory or a FIFO */
static void test_dictionaries(void)
{
    rift_model *m = NULL;
    if (rift_model_open("data/en", &m) != RIFT_OK) {
        CHECK(0, "model: %s", rift_model_errmsg(m));
        rift_model_close(m);
        return;
    }
    rift_status (*add[])(rift_model *, const char *) = {
        rift_model_add_verbs, rift_model_add_agents, rift_model_add_discards,
        rift_model_add_actors};
    char fifo[300];
    snprintf(fifo, sizeof fifo, "%s/dict.fifo", tmp);
    bool have_fifo = mkfifo(fifo, 0644) == 0;
    for (size_t i = 0; i < 4; i++) {
        rift_status st = add[i](m, tmp);
        CHECK(st == RIFT_EIO && strstr(rift_model_errmsg(m), "a directory"),
              "dictionary loader %zu given a directory: %s", i, rift_model_errmsg(m));
        if (have_fifo) {
            st = add[i](m, fifo);
            CHECK(st == RIFT_EIO && strstr(rift_model_errmsg(m), "not a regular file"),
                  "dictionary loader %zu given a FIFO: %s", i, rift_model_errmsg(m));
        }
    }
    unlink(fifo);

    /* a default date that does not exist is refused, not left unused */
    rift_article a = {0};
    a.text = "The council met.";
    a.text_len = strlen(a.text);
    rift_analyze_options o = {0};
    o.default_date = "2025-02-31";
    rift_doc *doc = NULL;
    CHECK(rift_doc_analyze(m, &a, &o, &doc) == RIFT_EINVAL && !doc,
          "default_date 2025-02-31: RIFT_EINVAL");
    o.default_date = "2024-02-29";
    CHECK(rift_doc_analyze(m, &a, &o, &doc) == RIFT_OK && doc && doc->meta.date &&
          !strcmp(doc->meta.date, "2024-02-29"), "default_date 2024-02-29 dates the article");
    rift_doc_free(doc);
    rift_model_close(m);
}

int main(void)
{
    if (!mkdtemp(tmp)) {
        CHECK(0, "temporary directory");
        return TEST_DONE();
    }
    test_declared_list();
    test_missing_files();
    test_odd_files();
    test_dictionaries();
    for (size_t i = 0; rift_data_file(i, NULL); i++) {
        char path[256];
        fresh(rift_data_file(i, NULL), path, sizeof path);
    }
    rmdir(tmp);
    return TEST_DONE();
}
