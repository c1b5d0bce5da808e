/* test_store.c: the corpus layer: name folding, actor identity across
 * articles, story clustering, quote normalisation, and the SQLite store
 * (dedup by content, schema version, the corpus passes, an article that
 * fails half-written, read-only and missing stores), and the incremental
 * passes (on PostgreSQL too when RIFT_TEST_PG names an empty database).
 * Writes only to temporary files.
 */
#include "corpus.h"
#include "test.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_fold(void)
{
    size_t w;
    char *k = corpus_fold_name("Mr. Donald J. Trump", &w);
    CHECK_STR(k, "donald trump", "honorific and initial dropped");
    CHECK(w == 2, "two words, got %zu", w);
    free(k);
    k = corpus_fold_name("Dr.", &w);
    CHECK_STR(k, "dr", "a lone honorific is kept");
    free(k);
}

static corpus_entity ent(long art, const char *name, int type, const char *roles)
{
    corpus_entity e = {art, name, NULL, roles, type, -1};
    return e;
}

static void test_actors(void)
{
    corpus_entity e[] = {
        ent(1, "Donald Trump", RIFT_ENT_PERSON, "President"),
        ent(1, "Elon Musk", RIFT_ENT_PERSON, NULL),
        ent(2, "Trump", RIFT_ENT_PERSON, NULL),          /* with Musk: Donald Trump */
        ent(2, "Elon Musk", RIFT_ENT_ORG, NULL),         /* mistyped once: still Musk */
        ent(3, "John Smith", RIFT_ENT_PERSON, NULL),
        ent(3, "Acme Shipping", RIFT_ENT_ORG, NULL),
        ent(4, "Jane Smith", RIFT_ENT_PERSON, NULL),
        ent(4, "Beta Mills", RIFT_ENT_ORG, NULL),
        ent(5, "Smith", RIFT_ENT_PERSON, NULL),          /* with Beta Mills: Jane */
        ent(5, "Beta Mills", RIFT_ENT_ORG, NULL),
        ent(6, "Smith", RIFT_ENT_PERSON, NULL),          /* no evidence: alone */
        ent(6, "Lake Tarn", RIFT_ENT_LOC, NULL),
        ent(7, "Trump", RIFT_ENT_PERSON, "President"),   /* a shared role: Donald */
    };
    size_t n = sizeof e / sizeof *e, na = 0;
    corpus_actor *a = corpus_link_actors(e, n, &na);
    CHECK(e[0].actor == e[2].actor, "Trump joins Donald Trump through a co-occurring actor");
    CHECK(e[0].actor == e[12].actor, "Trump joins Donald Trump through a shared role");
    CHECK(e[1].actor == e[3].actor, "Elon Musk typed ORG once is the same actor");
    CHECK_STR(a[e[1].actor].name, "Elon Musk", "actor name");
    CHECK(a[e[1].actor].type == RIFT_ENT_PERSON, "actor type by majority: PERSON");
    CHECK(e[4].actor != e[6].actor, "John Smith and Jane Smith stay apart");
    CHECK(e[8].actor == e[6].actor, "Smith next to Beta Mills is Jane Smith");
    CHECK(e[10].actor != e[6].actor && e[10].actor != e[4].actor,
          "Smith without evidence joins no Smith");
    CHECK(e[0].actor == 0 && e[1].actor == 1, "actors numbered by first appearance");
    free(a);

    corpus_entity p[] = {
        {1, "Jon Q. Public", "USAPUB", NULL, RIFT_ENT_PERSON, -1},
        {2, "J. Public", "USAPUB", NULL, RIFT_ENT_PERSON, -1},
        {3, "Jon Public", NULL, NULL, RIFT_ENT_PERSON, -1},
    };
    a = corpus_link_actors(p, 3, &na);
    CHECK(p[0].actor == p[1].actor, "the same actor code pins one identity");
    CHECK_STR(a[p[0].actor].code, "USAPUB", "the code is kept");
    free(a);
    a = corpus_link_actors(NULL, 0, &na);
    CHECK(a == NULL && na == 0, "no entities, no actors");
}

static void test_stories(void)
{
    static const char *const harbour =
        "The harbour authority of Port Kelling approved a new container terminal on "
        "Tuesday after months of dispute with fishermen over dredging the estuary. ";
    static const char *const harbour2 =
        "Fishermen in Port Kelling said the container terminal approved by the harbour "
        "authority would ruin the estuary, where dredging starts in spring. ";
    static const char *const storm =
        "A winter storm closed mountain passes in the Varna highlands, stranding buses "
        "and leaving villages without power for a second night, officials said. ";
    static const char *const storm2 =
        "Power returned to most highland villages around Varna as crews cleared the "
        "mountain passes the storm had closed, stranding buses for two nights. ";
    char *t[5];
    const char *src[5] = {harbour, storm, harbour2, storm2, harbour};
    for (int i = 0; i < 5; i++) {
        t[i] = malloc(2000);
        t[i][0] = '\0';
        for (int r = 0; r < 3; r++)
            strcat(t[i], src[i]);
    }
    int day = rift_days_from_civil(2026, 1, 10);
    corpus_article a[5];
    memset(a, 0, sizeof a);
    for (int i = 0; i < 5; i++) {
        a[i].id = i + 1;
        a[i].text = t[i];
        a[i].len = strlen(t[i]);
        a[i].days = day + i;
    }
    a[4].days = day + 200; /* the same words, months later */
    uint32_t s[5];
    size_t ns = corpus_cluster_stories(a, 5, NULL, s);
    CHECK(s[0] == s[2], "two harbour articles: one story");
    CHECK(s[1] == s[3], "two storm articles: one story");
    CHECK(s[0] != s[1], "harbour and storm apart");
    CHECK(s[4] != s[0], "the same words outside the time window: another story");
    CHECK(ns == 3 && s[0] == 0 && s[1] == 1, "three stories numbered by first article, got %zu", ns);
    uint32_t s2[5];
    corpus_cluster_stories(a, 5, NULL, s2);
    CHECK(memcmp(s, s2, sizeof s) == 0, "deterministic");
    CHECK(corpus_cluster_stories(a, 0, NULL, s2) == 0, "no articles, no stories");
    CHECK(corpus_simhash(t[0], strlen(t[0])) == corpus_simhash(t[4], strlen(t[4])),
          "equal texts, equal SimHash");
    for (int i = 0; i < 5; i++)
        free(t[i]);
}

static void test_norm_quote(void)
{
    size_t w;
    char *q = corpus_norm_quote("\xE2\x80\x9CI\xE2\x80\x99m very disappointed in Elon,\xE2\x80\x9D",
                                strlen("\xE2\x80\x9CI\xE2\x80\x99m very disappointed in Elon,\xE2\x80\x9D"), &w);
    CHECK_STR(q, "im very disappointed in elon", "quote marks, case, apostrophe");
    CHECK(w == 5, "five words, got %zu", w);
    free(q);
    q = corpus_norm_quote("\"I'm  VERY disappointed in Elon\"", 32, NULL);
    CHECK_STR(q, "im very disappointed in elon", "straight marks give the same");
    free(q);
}

static rift_doc *analyze(rift_model *m, const char *text, const char *date, const char *source)
{
    rift_article a = {0};
    a.text = text;
    a.text_len = strlen(text);
    a.date = date;
    a.source = source;
    a.origin = "test";
    a.line = 1;
    rift_doc *d = NULL;
    rift_doc_analyze(m, &a, NULL, &d);
    return d;
}

static int count_quote(const rift_quote_row *q, void *ctx)
{
    (*(int *)ctx)++;
    return 0;
}

/* The model, and in path (a mkstemp template) a store yet to be made. */
static rift_model *set_up(char *path)
{
    rift_model *m = NULL;
    CHECK(rift_model_open("data/en", &m) == RIFT_OK, "model");
    int fd = mkstemp(path);
    if (fd >= 0)
        close(fd);
    unlink(path);
    return m;
}

static void remove_store(const char *path)
{
    char aux[64];
    snprintf(aux, sizeof aux, "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", path);
    unlink(aux);
    unlink(path);
}

static void test_store(void)
{
    char path[] = "/tmp/rift-test-store-XXXXXX";
    rift_model *m = set_up(path);
    rift_store *st = NULL;
    CHECK(rift_store_open(path, &st) == RIFT_OK, "a new store: %s", rift_store_errmsg(st));
    const char *t1 = "Mayor Ana Ruiz said on Monday that the bridge would reopen. "
                     "\"We will open it by June,\" Ruiz told reporters.\n";
    const char *t2 = "The bridge will reopen by June, Mayor Ana Ruiz said. "
                     "\"We will open it by June,\" said Ruiz.\n";
    rift_doc *d1 = analyze(m, t1, "2026-03-02", "Example Gazette");
    rift_doc *d2 = analyze(m, t2, "2026-03-03", "Example Herald");
    int added = -1;
    CHECK(rift_store_add_doc(st, d1, &added) == RIFT_OK && added == 1, "first article added");
    CHECK(rift_store_add_doc(st, d1, &added) == RIFT_OK && added == 0, "the same again: not added");
    CHECK(rift_store_begin(st) == RIFT_OK, "begin");
    CHECK(rift_store_add_doc(st, d2, &added) == RIFT_OK && added == 1, "second article in a batch");
    CHECK(rift_store_commit(st) == RIFT_OK, "commit");
    CHECK(rift_store_update(st, NULL) == RIFT_OK, "corpus passes: %s", rift_store_errmsg(st));
    rift_store_counts c;
    rift_store_count(st, &c);
    CHECK(c.articles == 2, "two articles, got %ld", c.articles);
    CHECK(c.stories == 1, "one story, got %ld", c.stories);
    int nq = 0;
    rift_store_quotes(st, "ruiz", count_quote, &nq);
    CHECK(nq >= 2, "Ruiz's quotes listed, got %d", nq);
    rift_store_close(st);
    /* reopen: still version 1, nothing lost */
    st = NULL;
    CHECK(rift_store_open(path, &st) == RIFT_OK, "reopen");
    rift_store_count(st, &c);
    CHECK(c.articles == 2, "reopened: two articles");
    rift_store_close(st);
    rift_doc_free(d1);
    rift_doc_free(d2);
    rift_model_close(m);
    remove_store(path);
    CHECK(rift_store_open(NULL, &st) == RIFT_EINVAL, "NULL path");
    rift_store_close(NULL);
}

static long count_rows(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    long v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

static bool run_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    bool ok = sqlite3_open(path, &db) == SQLITE_OK &&
              sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

/* An article whose layers fail half-way (a trigger refuses its quotes)
 * leaves nothing behind inside a batch: the batch keeps the others, and
 * the article is new when it comes again.  Missing and read-only stores. */
static void test_store_faults(void)
{
    char path[] = "/tmp/rift-test-faults-XXXXXX";
    rift_model *m = set_up(path);
    rift_store *st = NULL;
    rift_store_options ro = {1, 0, NULL, NULL}, must = {0, 1, NULL, NULL};
    struct stat sb;
    CHECK(rift_store_open_with(path, &ro, &st) != RIFT_OK &&
          strstr(rift_store_errmsg(st), "no such store") && stat(path, &sb) != 0,
          "read-only open of a missing store: 'no such store', nothing made (%s)",
          rift_store_errmsg(st));
    rift_store_close(st);
    CHECK(rift_store_open_with(path, &must, &st) != RIFT_OK && stat(path, &sb) != 0,
          "must_exist: a missing store is an error (%s)", rift_store_errmsg(st));
    rift_store_close(st);

    CHECK(rift_store_open(path, &st) == RIFT_OK, "a new store: %s", rift_store_errmsg(st));
    rift_store_close(st);
    CHECK(run_sql(path, "CREATE TRIGGER boom BEFORE INSERT ON quotes WHEN EXISTS "
                        "(SELECT 1 FROM meta WHERE key = 'boom') BEGIN SELECT RAISE(ABORT, 'boom'); END;"
                        "INSERT INTO meta VALUES('boom', '1');"), "a trigger that refuses quotes");
    rift_doc *quoted = analyze(m, "\"We will open it by June,\" Mayor Ana Ruiz said on Monday.\n",
                               "2026-03-02", "Example Gazette");
    rift_doc *plain = analyze(m, "The bridge over the Tarn reopened on Friday.\n", "2026-03-03",
                              "Example Herald");
    size_t nq = 0;
    rift_doc_quotes(quoted, &nq);
    CHECK(nq > 0, "the first article has a quote");
    st = NULL;
    CHECK(rift_store_open(path, &st) == RIFT_OK, "reopen");
    int added = -1;
    CHECK(rift_store_begin(st) == RIFT_OK, "begin");
    CHECK(rift_store_add_doc(st, quoted, &added) != RIFT_OK && added == 0,
          "an article whose quotes fail: an error, not added (%s)", rift_store_errmsg(st));
    CHECK(rift_store_add_doc(st, plain, &added) == RIFT_OK && added == 1,
          "the batch goes on: the next article added");
    CHECK(rift_store_commit(st) == RIFT_OK, "commit: %s", rift_store_errmsg(st));
    rift_store_close(st);
    CHECK(count_rows(path, "SELECT count(*) FROM articles") == 1, "one article stored");
    CHECK(count_rows(path, "SELECT count(*) FROM sentences WHERE article_id NOT IN "
                           "(SELECT id FROM articles)") == 0 &&
          count_rows(path, "SELECT count(*) FROM entities WHERE article_id NOT IN "
                           "(SELECT id FROM articles)") == 0,
          "nothing of the failed article left behind");
    CHECK(run_sql(path, "DELETE FROM meta WHERE key = 'boom'"), "the trigger lets quotes pass");
    st = NULL;
    CHECK(rift_store_open(path, &st) == RIFT_OK, "reopen");
    CHECK(rift_store_add_doc(st, quoted, &added) == RIFT_OK && added == 1,
          "the failed article is new when it comes again (added %d)", added);
    rift_store_close(st);

    /* read-only: queries answer, writes are refused */
    st = NULL;
    CHECK(rift_store_open_with(path, &ro, &st) == RIFT_OK, "read-only open: %s",
          rift_store_errmsg(st));
    rift_store_counts c;
    CHECK(rift_store_count(st, &c) == RIFT_OK && c.articles == 2, "read-only: counted");
    CHECK(rift_store_add_doc(st, plain, &added) == RIFT_EINVAL &&
          strstr(rift_store_errmsg(st), "read-only"), "read-only: add_doc refused");
    CHECK(rift_store_update(st, NULL) != RIFT_OK, "read-only: no corpus passes");
    rift_store_close(st);
    rift_doc_free(quoted);
    rift_doc_free(plain);
    rift_model_close(m);
    remove_store(path);
}

/* Many near-duplicates (one text, a line of its own each) make one story,
 * and the same words months later another. */
static void test_near_duplicates(void)
{
    enum { N = 300 };
    static const char *const body =
        "The harbour authority of Port Kelling approved a new container terminal on "
        "Tuesday after months of dispute with fishermen over dredging the estuary. "
        "Fishermen said the dredging would ruin the estuary. ";
    corpus_article *a = calloc(N + 1, sizeof *a);
    char (*t)[400] = calloc(N + 1, sizeof *t);
    int day = rift_days_from_civil(2026, 1, 10);
    for (int i = 0; i <= N; i++) {
        snprintf(t[i], sizeof t[i], "%sFiled by desk %d.", body, i);
        a[i].id = i + 1;
        a[i].text = t[i];
        a[i].len = strlen(t[i]);
        a[i].days = i == N ? day + 200 : day + i % 5;
    }
    uint32_t *s = calloc(N + 1, sizeof *s);
    size_t ns = corpus_cluster_stories(a, N + 1, NULL, s);
    size_t same = 0;
    for (int i = 0; i < N; i++)
        same += s[i] == s[0];
    CHECK(same == N, "%d near-duplicates: one story (%zu in the first)", N, same);
    CHECK(ns == 2 && s[N] != s[0], "the same words 200 days later: another story (%zu)", ns);
    free(s);
    free(t);
    free(a);
}

/* the first column of the first row of a query, as a number (-1: none) */
static int first_value(void *ctx, int ncol, const char *const *vals)
{
    *(long *)ctx = ncol > 0 && vals[0] ? atol(vals[0]) : -1;
    return 1;
}

static long value(rift_store *st, const char *sql)
{
    long v = -1;
    rift_status rs = rift_store_query(st, sql, NULL, 0, first_value, &v);
    CHECK(rs == RIFT_OK, "query %s: %s", sql, rift_store_errmsg(st));
    return rs == RIFT_OK ? v : -2;
}

#define RUIZ_QUOTE "SELECT min(claim_id) FROM quotes WHERE norm = 'we will open it by june'"

/* Articles added to a store that already passed join what it holds: a
 * quote carried already joins its claim, a known person her actor; a
 * re-run adds nothing.  target: a new store (a file or a PostgreSQL URL). */
static void incremental_on(rift_model *m, const char *target)
{
    rift_store *st = NULL;
    CHECK(rift_store_open(target, &st) == RIFT_OK, "%s: open: %s", target, rift_store_errmsg(st));
    static const char *const text[] = {
        "Mayor Ana Ruiz said on Monday that the bridge would reopen. "
        "\"We will open it by June,\" Ruiz told reporters.\n",
        "The bridge will reopen by June, Mayor Ana Ruiz said. "
        "\"We will open it by June,\" said Ruiz.\n",
        "Ana Ruiz spoke again on Wednesday about the bridge. "
        "\"We will open it by June,\" the mayor said.\n"};
    static const char *const date[] = {"2026-03-02", "2026-03-03", "2026-03-04"};
    static const char *const outlet[] = {"Example Gazette", "Example Herald", "Example Gazette"};
    long claim = 0, actor = 0, actors = 0;
    for (int i = 0; i < 3; i++) {
        rift_doc *d = analyze(m, text[i], date[i], outlet[i]);
        int added = -1;
        CHECK(rift_store_add_doc(st, d, &added) == RIFT_OK && added == 1, "article %d added", i);
        CHECK(value(st, "SELECT count(*) FROM pending") == 1, "article %d pending", i);
        CHECK(rift_store_update(st, NULL) == RIFT_OK, "passes: %s", rift_store_errmsg(st));
        CHECK(value(st, "SELECT count(*) FROM pending") == 0, "nothing pending after the passes");
        rift_doc_free(d);
        long c = value(st, RUIZ_QUOTE);
        long a = value(st, "SELECT min(actor_id) FROM entities WHERE name = 'Ana Ruiz'");
        if (i == 0) {
            claim = c;
            actor = a;
            actors = value(st, "SELECT count(*) FROM actors");
            CHECK(claim > 0 && actor > 0, "a claim (%ld) and an actor (%ld)", claim, actor);
            continue;
        }
        CHECK(c == claim, "article %d: the quote joins its claim (%ld, got %ld)", i, claim, c);
        CHECK(value(st, "SELECT count(DISTINCT claim_id) FROM quotes WHERE norm = "
                        "'we will open it by june'") == 1, "one claim for the quote");
        CHECK(value(st, "SELECT n_articles FROM corroboration WHERE id = (" RUIZ_QUOTE ")") == i + 1,
              "article %d: the claim counts %d articles", i, i + 1);
        CHECK(value(st, "SELECT n_outlets FROM corroboration WHERE id = (" RUIZ_QUOTE ")") == 2,
              "article %d: two outlets (the Gazette twice counts once)", i);
        CHECK(value(st, "SELECT first_date FROM corroboration WHERE id = (" RUIZ_QUOTE ")") == 2026,
              "the first article stays the earliest");
        CHECK(value(st, "SELECT count(DISTINCT actor_id) FROM entities WHERE name = 'Ana Ruiz'") == 1 &&
              value(st, "SELECT count(*) FROM entities WHERE name = 'Ana Ruiz' AND actor_id IS NULL") == 0,
              "article %d: Ana Ruiz links to her actor", i);
        CHECK(value(st, "SELECT n_articles FROM actors WHERE name = 'Ana Ruiz'") == i + 1,
              "article %d: her actor counts %d articles", i, i + 1);
        CHECK(value(st, "SELECT count(*) FROM actors WHERE name = 'Ana Ruiz'") == 1,
              "one actor named Ana Ruiz");
    }
    CHECK(value(st, "SELECT count(*) FROM actors") >= actors, "no actor lost");
    /* events: two chains a week apart, then one between them joins both */
    static const char *const ev_date[] = {"2026-04-01", "2026-04-07", "2026-04-04"};
    static const char *const ev_outlet[] = {"Example Gazette", "Example Herald", "Example Courier"};
    const char *accused = "SELECT count(DISTINCT claim_id) FROM events WHERE plover = 'ACCUSE'";
    for (int i = 0; i < 3; i++) {
        char t[160];
        snprintf(t, sizeof t, "Mayor Ana Ruiz accused Governor Tom Hale of lying about the "
                 "budget%s.\n", i == 0 ? "" : i == 1 ? " again" : " of the city");
        rift_doc *d = analyze(m, t, ev_date[i], ev_outlet[i]);
        CHECK(rift_store_add_doc(st, d, NULL) == RIFT_OK, "event article %d", i);
        rift_doc_free(d);
        CHECK(rift_store_update(st, NULL) == RIFT_OK, "passes: %s", rift_store_errmsg(st));
        long got = value(st, accused);
        CHECK(got == (i == 1 ? 2 : 1), "event article %d: %d claims, got %ld", i, i == 1 ? 2 : 1,
              got);
    }
    CHECK(value(st, "SELECT n_articles * 10 + n_outlets FROM corroboration WHERE id = "
                    "(SELECT min(claim_id) FROM events WHERE plover = 'ACCUSE')") == 33,
          "the joined chain: three articles, three outlets");
    CHECK(value(st, "SELECT count(*) FROM corroboration c WHERE NOT EXISTS (SELECT 1 FROM events"
                    " e WHERE e.claim_id = c.id) AND NOT EXISTS (SELECT 1 FROM quotes q"
                    " WHERE q.claim_id = c.id)") == 0, "no claim left without rows");
    /* a re-run of the passes, and the same article again: nothing changes */
    const char *sums = "SELECT (SELECT sum(n_articles) + 1000 * count(*) FROM actors) * 1000000"
                       " + (SELECT sum(n_articles) + 1000 * count(*) FROM corroboration)";
    long before = value(st, sums);
    rift_doc *d = analyze(m, text[1], date[1], outlet[1]);
    int added = -1;
    CHECK(rift_store_add_doc(st, d, &added) == RIFT_OK && added == 0, "stored already");
    rift_doc_free(d);
    CHECK(rift_store_update(st, NULL) == RIFT_OK && rift_store_link_actors(st) == RIFT_OK &&
          rift_store_corroborate(st) == RIFT_OK, "re-run: %s", rift_store_errmsg(st));
    CHECK(value(st, sums) == before && before > 0, "a re-run adds nothing (%ld)", before);
    rift_store_close(st);
}

static void test_incremental(void)
{
    char path[] = "/tmp/rift-test-incr-XXXXXX";
    rift_model *m = set_up(path);
    incremental_on(m, path);
    remove_store(path);
    /* RIFT_TEST_PG: the URL of an empty PostgreSQL database (tools/pgtemp.sh) */
    const char *pg = getenv("RIFT_TEST_PG");
    if (pg && *pg)
        incremental_on(m, pg);
    else
        printf("# skip: incremental passes on PostgreSQL (RIFT_TEST_PG unset)\n");
    rift_model_close(m);
}

int main(void)
{
    test_fold();
    test_actors();
    test_stories();
    test_norm_quote();
    test_store();
    test_store_faults();
    test_near_duplicates();
    test_incremental();
    return TEST_DONE();
}
