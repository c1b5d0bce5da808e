/* test_seeds.c: the "Done when" checks of the issues that name the seed
 * articles in ../shared/seeds (dates, boilerplate, people, outlets, quote
 * speakers, time values).  Uses the public API only; skips without ../shared.
 */
#include "rift.h"
#include "test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEEDS "../shared/seeds/"

typedef struct seed {
    rift_doc *doc;
    char *text;
    size_t len;
} seed;

static rift_model *model;

static bool load(seed *s, const char *file, const char *date)
{
    char path[256];
    snprintf(path, sizeof path, SEEDS "%s", file);
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    s->text = malloc(1 << 20);
    s->len = fread(s->text, 1, 1 << 20, f);
    fclose(f);
    rift_article a = {0};
    a.text = s->text;
    a.text_len = s->len;
    a.origin = path;
    rift_analyze_options o = {0};
    o.default_date = date;
    return rift_doc_analyze(model, &a, &o, &s->doc) == RIFT_OK;
}

static void unload(seed *s)
{
    rift_doc_free(s->doc);
    free(s->text);
}

static const rift_entity *entity(const seed *s, const char *name)
{
    size_t n;
    const rift_entity *e = rift_doc_entities(s->doc, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(e[i].name, name) == 0)
            return &e[i];
    return NULL;
}

static bool has_role(const rift_entity *e, const char *role)
{
    for (size_t i = 0; e && i < e->n_roles; i++)
        if (strcmp(e->roles[i], role) == 0)
            return true;
    return false;
}

/* The quote whose text starts with the given words. */
static const rift_quote *quote(const seed *s, const char *start)
{
    size_t n;
    const rift_quote *q = rift_doc_quotes(s->doc, &n);
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(start);
        /* skip the opening mark (one to three bytes) */
        for (uint32_t off = q[i].start; off < q[i].start + 4 && off < q[i].end; off++)
            if (q[i].end - off >= k && memcmp(s->text + off, start, k) == 0)
                return &q[i];
    }
    return NULL;
}

static const char *speaker(const seed *s, const rift_quote *q)
{
    size_t n;
    const rift_entity *e = rift_doc_entities(s->doc, &n);
    if (!q || q->speaker < 0 || (size_t)q->speaker >= n)
        return NULL;
    return e[q->speaker].name;
}

static const char *via(const seed *s, const rift_quote *q)
{
    size_t n;
    const rift_entity *e = rift_doc_entities(s->doc, &n);
    if (!q)
        return NULL;
    if (q->via >= 0 && (size_t)q->via < n)
        return e[q->via].name;
    return q->via_name;
}

/* The value of the time expression whose text is exactly `text`. */
static const char *time_value(const seed *s, const char *text, const char **mod)
{
    size_t n;
    const rift_time *t = rift_doc_times(s->doc, &n);
    for (size_t i = 0; i < n; i++)
        if (t[i].end - t[i].start == strlen(text) &&
            memcmp(s->text + t[i].start, text, strlen(text)) == 0) {
            if (mod)
                *mod = t[i].mod;
            return t[i].value;
        }
    return NULL;
}

static void check_person(const seed *s, const char *name, const char *role, const char *file)
{
    const rift_entity *e = entity(s, name);
    CHECK(e && e->type == RIFT_ENT_PERSON, "%s: %s is one PERSON", file, name);
    if (role)
        CHECK(has_role(e, role), "%s: %s has the role %s", file, name, role);
}

static void check_outlet(const seed *s, const char *name, const char *file)
{
    const rift_entity *e = entity(s, name);
    CHECK(e && e->type == RIFT_ENT_OUTLET, "%s: %s is an OUTLET", file, name);
}

static void seed000(void)
{
    seed s;
    if (!load(&s, "000_1ebd1db168886f4c.txt", "2025-06-07")) {
        printf("skip - seed 000 not readable\n");
        return;
    }
    const char *f = "000";
    check_person(&s, "Donald Trump", "President", f);
    check_person(&s, "Elon Musk", NULL, f);
    check_person(&s, "Sergio Gor", "director of presidential personnel", f);
    check_person(&s, "Jared Isaacman", NULL, f);
    check_person(&s, "Chuck Schumer", "Senate Minority Leader", f);
    check_outlet(&s, "New York Post", f);

    static const char *const anon[] = {
        "Elon was always telling", "In front of the entire cabinet", "He was bragging",
        "Sergio was upset", "He\xE2\x80\x99" "d go around"};
    for (size_t i = 0; i < 5; i++) {
        const rift_quote *q = quote(&s, anon[i]);
        CHECK(q && q->speaker_kind == RIFT_SPEAKER_ANONYMOUS,
              "000: \"%s...\" is from an anonymous source", anon[i]);
        const char *v = via(&s, q);
        CHECK(v && strcmp(v, "New York Post") == 0,
              "000: \"%s...\" came via New York Post (got %s)", anon[i], v ? v : "none");
    }
    static const char *const gor[] = {"I fully support", "Those who actively",
                                      "This was never about Elon"};
    for (size_t i = 0; i < 3; i++) {
        const char *sp = speaker(&s, quote(&s, gor[i]));
        CHECK(sp && strcmp(sp, "Sergio Gor") == 0, "000: \"%s...\" is Gor's (got %s)",
              gor[i], sp ? sp : "none");
    }
    const rift_quote *stocks = quote(&s, "Stocks");
    CHECK(stocks && stocks->fragment && stocks->speaker < 0 &&
              stocks->speaker_kind == RIFT_SPEAKER_UNKNOWN,
          "000: \"Stocks\" is a fragment without a speaker");

    const char *v = time_value(&s, "March 6", NULL);
    CHECK(v && strcmp(v, "2025-03-06") == 0, "000: March 6 is 2025-03-06 (got %s)", v ? v : "none");
    v = time_value(&s, "January 20", NULL);
    CHECK(v && strcmp(v, "2025-01-20") == 0, "000: January 20 is 2025-01-20 (got %s)", v ? v : "none");
    v = time_value(&s, "Thursday", NULL);
    CHECK(v && strcmp(v, "2025-06-05") == 0, "000: Thursday is 2025-06-05 (got %s)", v ? v : "none");
    v = time_value(&s, "Friday", NULL);
    CHECK(v && strcmp(v, "2025-06-06") == 0, "000: Friday is 2025-06-06 (got %s)", v ? v : "none");
    v = time_value(&s, "last week", NULL);
    CHECK(v && strcmp(v, "2025-W22") == 0, "000: last week is 2025-W22 (got %s)", v ? v : "none");
    unload(&s);
}

static void seed001(void)
{
    seed s;
    if (!load(&s, "001_9bf779aee39fbfe0.txt", NULL)) {
        printf("skip - seed 001 not readable\n");
        return;
    }
    const rift_meta *m = rift_doc_meta(s.doc);
    CHECK(m->date && strcmp(m->date, "2025-06-07") == 0 && m->date_origin == RIFT_DATE_TEXT,
          "001: dated 2025-06-07 from its own text (got %s, %s)", m->date ? m->date : "none",
          rift_date_origin_name(m->date_origin));
    size_t nb, nboiler = 0, nmeta = 0;
    const rift_block *b = rift_doc_blocks(s.doc, &nb);
    for (size_t i = 0; i < nb; i++) {
        nboiler += b[i].kind == RIFT_BLOCK_BOILERPLATE;
        nmeta += b[i].kind == RIFT_BLOCK_BYLINE || b[i].kind == RIFT_BLOCK_SOURCE ||
                 b[i].kind == RIFT_BLOCK_DATELINE;
    }
    CHECK(nboiler >= 5, "001: navigation lines are boilerplate (%zu blocks)", nboiler);
    CHECK(nmeta == 3, "001: dateline, source line and byline are metadata (%zu)", nmeta);
    size_t ns;
    rift_doc_sentences(s.doc, &ns);
    CHECK(ns >= 50 && ns <= 54, "001: %zu sentences (52 by hand)", ns);
    check_person(&s, "Donald Trump", NULL, "001");
    check_person(&s, "Elon Musk", NULL, "001");
    check_person(&s, "Jared Isaacman", NULL, "001");
    check_person(&s, "Friedrich Merz", NULL, "001");
    const char *mod = NULL;
    const char *v = time_value(&s, "early May", &mod);
    CHECK(v && strcmp(v, "2025-05") == 0 && mod && strcmp(mod, "early") == 0,
          "001: early May is 2025-05, mod early (got %s %s)", v ? v : "none", mod ? mod : "");
    mod = NULL;
    v = time_value(&s, "late 2022", &mod);
    CHECK(v && strcmp(v, "2022") == 0 && mod && strcmp(mod, "late") == 0,
          "001: late 2022 is 2022, mod late (got %s %s)", v ? v : "none", mod ? mod : "");
    unload(&s);
}

static void seed002(void)
{
    seed s;
    if (!load(&s, "002_2a4a5e16965849b9.txt", "2025-05-30")) {
        printf("skip - seed 002 not readable\n");
        return;
    }
    const char *f = "002";
    check_person(&s, "Scott Bessent", "Treasury Secretary", f);
    check_person(&s, "Marco Rubio", "Secretary of State", f);
    check_person(&s, "JD Vance", "Vice President", f);
    check_person(&s, "Karoline Leavitt", "Press secretary", f);
    check_outlet(&s, "Politico", f);
    check_outlet(&s, "CBS", f);
    check_outlet(&s, "The Atlantic", f);
    static const char *const musk[] = {"It increases the budget", "I think a bill"};
    for (size_t i = 0; i < 2; i++) {
        const char *sp = speaker(&s, quote(&s, musk[i]));
        CHECK(sp && strcmp(sp, "Elon Musk") == 0, "002: \"%s...\" is Musk's (got %s)", musk[i],
              sp ? sp : "none");
    }
    const char *sp = speaker(&s, quote(&s, "Elon is going to remain"));
    CHECK(sp && strcmp(sp, "JD Vance") == 0, "002: Vance's quote is his (got %s)", sp ? sp : "none");
    sp = speaker(&s, quote(&s, "Elon Musk and President Trump"));
    CHECK(sp && strcmp(sp, "Karoline Leavitt") == 0, "002: Leavitt's quote is hers (got %s)",
          sp ? sp : "none");
    const char *v = time_value(&s, "April", NULL);
    CHECK(v && strcmp(v, "2025-04") == 0, "002: in April is 2025-04 (got %s)", v ? v : "none");
    unload(&s);
}

int main(void)
{
    FILE *f = fopen(SEEDS "000_1ebd1db168886f4c.txt", "rb");
    if (!f) {
        printf("skip - ../shared/seeds not found: seed checks not run\n");
        return 0;
    }
    fclose(f);
    if (rift_model_open("data/en", &model) != RIFT_OK) {
        CHECK(0, "model opens: %s", rift_model_errmsg(model));
        return 1;
    }
    seed000();
    seed001();
    seed002();
    rift_model_close(model);
    return TEST_DONE();
}
