/* test_model.c: unit tests of the model's data files: the declared list
 * matches data/en, and a missing, malformed or odd data file or dictionary
 * (a directory, a FIFO) is an error naming it, never a silent empty list;
 * an impossible default date is refused; frames.txt lines compile to the
 * frames they say, and a malformed one is an error naming FILE:LINE.
 */
#include "event_int.h"
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

/* tmp/name: data/en/name with extra appended (linked data for the rest);
 * the number of lines of data/en/name. */
static long copy_plus(const char *name, const char *extra)
{
    char path[256];
    snprintf(path, sizeof path, "data/en/%s", name);
    FILE *in = fopen(path, "r");
    FILE *out = fopen(fresh(name, path, sizeof path), "w");
    long lines = 0;
    int c;
    while (in && out && (c = fgetc(in)) != EOF) {
        fputc(c, out);
        lines += c == '\n';
    }
    if (out) {
        fputs(extra, out);
        fclose(out);
    }
    if (in)
        fclose(in);
    link_data(name);
    return lines;
}

static void test_odd_files(void)
{
    char msg[600], path[256];
    /* a directory in the place of a lexicon */
    link_data("frames.txt");
    mkdir(fresh("frames.txt", path, sizeof path), 0755);
    rift_status st = open_tmp(msg, sizeof msg);
    CHECK(st == RIFT_EIO && strstr(msg, "frames.txt: a directory"),
          "a directory as a data file: %s", msg);
    rmdir(path);
    /* a FIFO: an error at once, no hang */
    if (mkfifo(fresh("frames.txt", path, sizeof path), 0644) == 0) {
        st = open_tmp(msg, sizeof msg);
        CHECK(st == RIFT_EIO && strstr(msg, "frames.txt: not a regular file"),
              "a FIFO as a data file: %s", msg);
    }
    /* a malformed line: FILE:LINE (two columns of a three-column file) */
    long lines = copy_plus("frames.txt", "abandon\t111\n");
    st = open_tmp(msg, sizeof msg);
    char want[300];
    snprintf(want, sizeof want, "frames.txt:%ld: 2 columns", lines + 1);
    CHECK(st == RIFT_EFORMAT && strstr(msg, want), "a malformed line: %s (want %s)", msg, want);
    /* invalid UTF-8 and a NUL byte */
    static const struct { const char *line; size_t n; const char *why; } bad[] = {
        {"caf\xC3 tier\n", 10, "invalid UTF-8"},
        {"the\0re\n", 7, "a NUL byte"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        FILE *out = fopen(fresh("fw_articles.txt", path, sizeof path), "w");
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

/* The frame of lemma (a noun frame or not) whose first required word is
 * req ("" for none) in model m, NULL. */
static const evpat *frame_of(const rift_model *m, const char *lemma, bool noun, const char *req)
{
    const evmodel *em = m->event_data;
    int h = em ? rift_strmap_get(&em->lemmas, lemma, strlen(lemma)) : -1;
    if (h < 0)
        return NULL;
    int32_t k = noun ? em->heads.v[h].noun : em->heads.v[h].verb;
    for (; k >= 0; k = em->pats.v[k].next)
        if (!strcmp(em->pats.v[k].nreq ? em->pats.v[k].req[0] : "", req))
            return &em->pats.v[k];
    return NULL;
}

/* Frames compile to what their columns say: slots, prepositions, the
 * PLOVER and Goldstein columns over cameo.txt's coding. */
static void test_frames(void)
{
    copy_plus("frames.txt", "zap shot\tnsubj=src obl:at=tgt\t112\tACCUSE\t-3.5\n"
                            "zap aid\tnsubj=tgt obl:from=src\t07\n"
                            "zap (noun)\tposs=src nmod:on=tgt\t190\tASSAULT:beat\n"
                            "zapper (word)\tnsubj=src obj=tgt\t111\n"
                            "zap|zapt\tnsubj=src obj=event\t-\n");
    rift_model *m = NULL;
    rift_status st = rift_model_open(tmp, &m);
    CHECK(st == RIFT_OK, "frames.txt with five frames added opens: %s", rift_model_errmsg(m));
    const evpat *p = st == RIFT_OK ? frame_of(m, "zap", false, "shot") : NULL;
    CHECK(p && !strcmp(p->cameo, "112") && p->plover && !strcmp(p->plover, "ACCUSE") &&
          !p->mode && p->goldstein == -3.5 && p->src_slot == SLOT_SUBJ &&
          p->tgt_slot == SLOT_OBL && !strcmp(p->prep, "at") && !p->src_prep[0] &&
          !p->inverse && !p->noun && !strcmp(p->req[0], "shot"),
          "zap shot: nsubj=src obl:at=tgt, 112 ACCUSE -3.5");
    p = st == RIFT_OK ? frame_of(m, "zap", false, "aid") : NULL;
    CHECK(p && p->inverse && p->tgt_slot == SLOT_SUBJ && p->src_slot == SLOT_OBL &&
          !strcmp(p->src_prep, "from") && !p->prep[0] && p->plover &&
          !strcmp(p->plover, "AID") && p->goldstein > 0,
          "zap aid: the target the subject, the source from an oblique, cameo.txt's coding");
    p = st == RIFT_OK ? frame_of(m, "zap", true, "") : NULL;
    CHECK(p && p->noun && p->src_slot == SLOT_POSS && !strcmp(p->prep, "on") && p->mode &&
          !strcmp(p->mode, "beat") && p->goldstein == -10,
          "zap (noun): poss=src nmod:on=tgt, ASSAULT:beat, Goldstein of 190");
    p = st == RIFT_OK ? frame_of(m, "zapper", true, "") : NULL;
    CHECK(p && p->qword && p->noun, "zapper (word): an evaluative word");
    p = st == RIFT_OK ? frame_of(m, "zap", false, "") : NULL;
    const evmodel *em = m ? m->event_data : NULL;
    int h = em ? rift_strmap_get(&em->forms, "zapt", 4) : -1;
    CHECK(p && p->light && !p->cameo[0] && h >= 0 &&
          h == rift_strmap_get(&em->lemmas, "zap", 3) &&
          h == rift_strmap_get(&em->forms, "zapping", 7),
          "zap|zapt: a light verb; its irregular and regular forms");
    rift_model_close(m);
    /* malformed frames: FILE:LINE and why */
    static const struct { const char *line, *why; } bad[] = {
        {"zap\tnsubj=src obj=tgt\t999\n", "\"999\": not a CAMEO code"},
        {"zap\tnsubj=src obj:tgt\t111\n", "an argument is relation=src"},
        {"zap\tsubject=src\t111\n", "the relation is one of"},
        {"zap\tnsubj=src obl:zz=tgt\t111\n", "the relation is one of"},
        {"zap\tnsubj=src obj=src\t111\n", "the role is src or tgt (once each)"},
        {"zap\tnsubj=src obj=tgt\t111\taccuse\n", "the PLOVER column"},
        {"zap\tnsubj=src obj=tgt\t111\t-\t12\n", "the Goldstein column"},
        {"zap\tnsubj=src\t-\n", "names its noun event"},
        {"zap a b c\tnsubj=src obj=tgt\t111\n", "at most 2 required words"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        long lines = copy_plus("frames.txt", bad[i].line);
        char msg[600], want[64];
        st = open_tmp(msg, sizeof msg);
        snprintf(want, sizeof want, "frames.txt:%ld: ", lines + 1);
        CHECK(st == RIFT_EFORMAT && strstr(msg, want) && strstr(msg, bad[i].why),
              "a malformed frame: %s (want %s... %s)", msg, want, bad[i].why);
    }
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
    test_frames();
    test_dictionaries();
    for (size_t i = 0; rift_data_file(i, NULL); i++) {
        char path[256];
        fresh(rift_data_file(i, NULL), path, sizeof path);
    }
    rmdir(tmp);
    return TEST_DONE();
}
