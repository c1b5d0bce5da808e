/* test_store_stories.c: the incremental stories pass of rift_store_update:
 * stories made earlier keep their ids and articles, a new article joins its
 * story and an unrelated one starts its own, a run with nothing new changes
 * nothing, the order articles are stored in does not matter, and a full
 * re-clustering is still there.  Writes only to temporary files.
 */
#include "test.h"

#include <rift.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

static const char *const bridge[] = {
    "Mayor Ana Ruiz said on Monday that the Hollin Creek bridge in Marlow would reopen "
    "by June after the flood repairs. Engineers from Castell Works inspected the "
    "Hollin Creek bridge piers and found the steel sound.\n",
    "The Hollin Creek bridge in Marlow will reopen by June, Mayor Ana Ruiz said, once "
    "Castell Works finishes the flood repairs on the piers. Ruiz thanked the engineers.\n",
    "Castell Works engineers began the last flood repairs on the Hollin Creek bridge "
    "piers in Marlow on Wednesday; Mayor Ana Ruiz repeated that the bridge reopens by June.\n",
};
static const char *const transfer =
    "Striker Tomas Okafor signed a four-year contract with Vardell Rovers, "
    "the club said, for a fee of twelve million. Okafor scored nineteen goals for "
    "Linwick Athletic last season and Rovers manager Petra Holm praised the striker.\n";
static const char *const volcano =
    "The Skarn volcano on the island of Eyrafell erupted overnight, sending ash "
    "eight kilometres into the sky; geologists at the Nordvik observatory said "
    "lava reached the eastern valley and flights were cancelled.\n";

/* Analyses text (dated date, doc id id) and stores it. */
static bool add(rift_store *st, rift_model *m, const char *text, const char *date,
                const char *id)
{
    rift_article a = {.text = text, .text_len = strlen(text), .date = date, .id = id,
                      .source = "Example Gazette", .origin = "test", .line = 1};
    rift_doc *d = NULL;
    bool ok = rift_doc_analyze(m, &a, NULL, &d) == RIFT_OK &&
              rift_store_add_doc(st, d, NULL) == RIFT_OK;
    rift_doc_free(d);
    return ok;
}

/* story of each article, by doc id (b0, b1, b2, t, v) */
typedef struct stories { long of[5]; int rows; } stories;

static int take(const rift_story_article_row *r, void *ctx)
{
    static const char *const ids[] = {"b0", "b1", "b2", "t", "v"};
    stories *s = ctx;
    for (int k = 0; k < 5; k++)
        if (r->doc_id && !strcmp(r->doc_id, ids[k]))
            s->of[k] = r->story;
    s->rows++;
    return 0;
}

static stories read_stories(rift_store *st)
{
    stories s = {{0, 0, 0, 0, 0}, 0};
    rift_store_story_articles(st, -1, take, &s);
    return s;
}

/* The stores live in one temporary directory, removed at the end. */
static char dir[] = "/tmp/rift-test-stories-XXXXXX";

static void clean_up(void)
{
    static const char *const files[] = {"a.db", "a.db-wal", "a.db-shm",
                                        "b.db", "b.db-wal", "b.db-shm"};
    char f[64];
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        snprintf(f, sizeof f, "%s/%s", dir, files[k]);
        unlink(f);
    }
    rmdir(dir);
}

/* Stores the first batch (two bridge articles, the transfer), runs the
 * passes, then the second (the third bridge article, the volcano). */
static stories two_batches(rift_model *m, const char *path, stories *first, bool reversed)
{
    rift_store *st = NULL;
    CHECK(rift_store_open(path, &st) == RIFT_OK, "a new store");
    if (reversed) { /* the same articles stored in another order */
        add(st, m, transfer, "2026-03-03", "t");
        add(st, m, bridge[1], "2026-03-03", "b1");
        add(st, m, bridge[0], "2026-03-02", "b0");
    } else {
        add(st, m, bridge[0], "2026-03-02", "b0");
        add(st, m, bridge[1], "2026-03-03", "b1");
        add(st, m, transfer, "2026-03-03", "t");
    }
    CHECK(rift_store_update(st, NULL) == RIFT_OK, "first pass: %s", rift_store_errmsg(st));
    *first = read_stories(st);
    add(st, m, reversed ? volcano : bridge[2], "2026-03-04", reversed ? "v" : "b2");
    add(st, m, reversed ? bridge[2] : volcano, "2026-03-04", reversed ? "b2" : "v");
    CHECK(rift_store_update(st, NULL) == RIFT_OK, "second pass: %s", rift_store_errmsg(st));
    stories s = read_stories(st);
    rift_store_close(st);
    return s;
}

int main(void)
{
    rift_model *m = NULL;
    if (rift_model_open("data/en", &m) != RIFT_OK) {
        CHECK(0, "model");
        return TEST_DONE();
    }
    if (!mkdtemp(dir)) {
        CHECK(0, "a temporary directory");
        return TEST_DONE();
    }
    char path[64], path2[64];
    snprintf(path, sizeof path, "%s/a.db", dir);
    snprintf(path2, sizeof path2, "%s/b.db", dir);
    stories first, s = two_batches(m, path, &first, false);
    CHECK(first.rows == 3 && first.of[0] && first.of[0] == first.of[1],
          "first pass: the two bridge articles share a story");
    CHECK(first.of[3] && first.of[3] != first.of[0], "first pass: the transfer stands apart");
    CHECK(s.rows == 5, "second pass: every article in a story (%d rows)", s.rows);
    CHECK(s.of[0] == first.of[0] && s.of[1] == first.of[1] && s.of[3] == first.of[3],
          "earlier stories keep their ids and articles");
    CHECK(s.of[2] == s.of[0], "the new bridge article joins the bridge story (%ld, %ld)",
          s.of[2], s.of[0]);
    CHECK(s.of[4] && s.of[4] != s.of[0] && s.of[4] != s.of[3],
          "the unrelated volcano article starts a story of its own");

    /* nothing new: nothing changes */
    rift_store *st = NULL;
    rift_store_counts c0, c1;
    CHECK(rift_store_open(path, &st) == RIFT_OK, "reopen");
    rift_store_count(st, &c0);
    CHECK(rift_store_update(st, NULL) == RIFT_OK, "a run with nothing new");
    rift_store_count(st, &c1);
    stories again = read_stories(st);
    CHECK(c1.stories == c0.stories && again.rows == s.rows &&
          !memcmp(again.of, s.of, sizeof s.of), "a run with nothing new adds nothing");

    /* the full re-clustering: the same groups */
    rift_story_options all = {0};
    all.recluster = 1;
    CHECK(rift_store_update(st, &all) == RIFT_OK, "recluster: %s", rift_store_errmsg(st));
    stories full = read_stories(st);
    CHECK(full.rows == 5 && full.of[0] == full.of[1] && full.of[1] == full.of[2] &&
          full.of[3] != full.of[0] && full.of[4] != full.of[0] && full.of[4] != full.of[3],
          "recluster: the same three stories");
    rift_store_close(st);

    /* another storing order, the same stories */
    stories first2, r = two_batches(m, path2, &first2, true);
    CHECK(!memcmp(r.of, s.of, sizeof s.of) && !memcmp(first2.of, first.of, sizeof first.of),
          "stored in another order: the same story ids");
    clean_up();
    rift_model_close(m);
    return TEST_DONE();
}
