/* test_entity.c: unit tests of the mention layer (src/mention.c), the
 * coreference stage (src/entity.c) and actor lists (src/actors.c), through
 * the internal structs.  Every name here is invented.
 */
#include "internal.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static rift_model *model;

static rift_doc *run(const char *text)
{
    rift_article a = {0};
    a.text = text;
    a.text_len = strlen(text);
    rift_doc *d = NULL;
    if (rift_doc_analyze(model, &a, NULL, &d) != RIFT_OK)
        return NULL;
    return d;
}

/* the entity of the first mention whose text is w, or -1 */
static int32_t ent_of(const rift_doc *d, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const rift_mention *m = &d->mentions[i];
        if (m->end - m->start == n && !memcmp(d->text + m->start, w, n))
            return m->entity;
    }
    return -2;
}

static const char *name_of(const rift_doc *d, int32_t e)
{
    return e >= 0 && (size_t)e < d->n_entities ? d->entities[e].name : NULL;
}

static void test_sorted_and_lookup(void)
{
    const char *t = "Senator Ilsa Borrowdale met Gunnar Vetch in Oslo. "
                    "Borrowdale said he was late.";
    rift_doc *d = run(t);
    CHECK(d && d->n_mentions >= 4, "mentions found (%zu)", d ? d->n_mentions : 0);
    bool sorted = true;
    for (size_t i = 1; d && i < d->n_mentions; i++)
        if (d->mentions[i].start < d->mentions[i - 1].end)
            sorted = false;
    CHECK(sorted, "mentions sorted and disjoint");
    const char *p = strstr(t, "Borrowdale said");
    int32_t e = rift_entity_at(d, (uint32_t)(p - t), (uint32_t)(p - t + 10));
    CHECK_STR(name_of(d, e), "Ilsa Borrowdale", "entity at the surname");
    CHECK(rift_entity_at(d, 0, 3) < 0 || name_of(d, rift_entity_at(d, 0, 3)) != NULL,
          "title span is no entity of its own");
    int32_t he = ent_of(d, "he");
    CHECK_STR(name_of(d, he), "Ilsa Borrowdale", "he -> subject of its sentence");
    CHECK_STR(name_of(d, ent_of(d, "Oslo")), "Oslo", "place");
    CHECK(d->entities[ent_of(d, "Oslo")].type == RIFT_ENT_LOC, "Oslo is LOC");
    rift_doc_free(d);
}

static void test_kinds(void)
{
    const char *t = "President Lorne Abernathy spoke. Later the president left, "
                    "the newspaper Weekly Fennick said.";
    rift_doc *d = run(t);
    bool title = false;
    for (size_t i = 0; d && i < d->n_mentions; i++)
        if (d->mentions[i].kind == RIFT_MK_TITLE)
            title = d->mentions[i].entity >= 0 &&
                    !strcmp(d->entities[d->mentions[i].entity].name, "Lorne Abernathy");
    CHECK(title, "the president -> Lorne Abernathy");
    const rift_entity *e = &d->entities[ent_of(d, "Lorne Abernathy")];
    CHECK(e->n_roles == 1 && !strcmp(e->roles[0], "President"), "role President");
    rift_doc_free(d);
}

static void test_hostile(void)
{
    /* thousands of capitalised words and pronouns: bounded and no crash */
    size_t n = 200000;
    char *t = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        t[i] = "Ab Cd he \"Ef\" (Gh) Ij-Kl. "[i % 27];
    t[n] = '\0';
    rift_doc *d = run(t);
    CHECK(d != NULL, "hostile input analysed (%zu entities)", d ? d->n_entities : 0);
    rift_doc_free(d);
    free(t);
}

static void test_actors(void)
{
    char path[] = "/tmp/rift-actors-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("# test\nOrla Penhallow\tPERSON\tthe Warden|Penhallow\tXPH\t2020-01-01\n"
          "Brask Mills\tORG\tBrask\n", f);
    fclose(f);
    rift_model *m = NULL;
    CHECK(rift_model_open("data/en", &m) == RIFT_OK, "model");
    CHECK(rift_model_add_actors(m, path) == RIFT_OK, "actor list loaded");
    size_t kl;
    rift_arena a;
    rift_arena_init(&a);
    char *k = rift_utf8_fold(&a, "penhallow", 9, &kl);
    int32_t i = rift_actor_find(m, k, kl);
    CHECK(i >= 0 && !strcmp(rift_actor_get(m, i)->code, "XPH"), "alias finds the actor");
    rift_arena_release(&a);
    rift_article art = {0};
    art.text = "Workers at Brask protested, and Orla Penhallow listened.";
    art.text_len = strlen(art.text);
    rift_doc *d = NULL;
    rift_doc_analyze(m, &art, NULL, &d);
    int32_t e = ent_of(d, "Brask");
    CHECK(e >= 0 && d->entities[e].type == RIFT_ENT_ORG &&
          !strcmp(d->entities[e].name, "Brask Mills"), "actor typed and named");
    rift_doc_free(d);
    /* malformed: bad type */
    f = fopen(path, "w");
    fputs("Someone\tWIZARD\n", f);
    fclose(f);
    CHECK(rift_model_add_actors(m, path) == RIFT_EFORMAT, "bad type rejected");
    /* PETRARCH format */
    f = fopen(path, "w");
    fputs("ORLA_PENHALLOW_ [XYZGOV]\n+WARDEN_PENHALLOW\n\t[XYZMIL 20100101-20151231]\n", f);
    fclose(f);
    rift_model *m2 = NULL;
    rift_model_open("data/en", &m2);
    CHECK(rift_model_add_actors(m2, path) == RIFT_OK, "PETRARCH list loaded");
    rift_arena_init(&a);
    k = rift_utf8_fold(&a, "warden penhallow", 16, &kl);
    i = rift_actor_find(m2, k, kl);
    CHECK(i >= 0 && !strcmp(rift_actor_get(m2, i)->name, "Orla Penhallow") &&
          !strcmp(rift_actor_get(m2, i)->from, "2010-01-01"), "PETRARCH synonym and dates");
    const rift_actor *pa = rift_actor_get(m2, i);
    CHECK(pa && !strcmp(rift_actor_code_on(m2, pa, "2012-06-30"), "XYZMIL") &&
          !strcmp(rift_actor_code_on(m2, pa, "2015-12-31"), "XYZMIL") &&
          !strcmp(rift_actor_code_on(m2, pa, "2016-01-01"), "XYZGOV") &&
          !strcmp(rift_actor_code_on(m2, pa, NULL), "XYZGOV"),
          "PETRARCH dated code on a date, the primary code outside its range");
    rift_model_close(m2);
    /* dated codes in order, open ranges with a blank, a typo range skipped,
     * no default: an undated article takes the last listed */
    f = fopen(path, "w");
    fputs("TAMSIN_KERROW_\n\t[ABCELI 640101-010120]\n\t[ABCGOV 010120-090120]\n"
          "\t[ABCXXX >2010050111]\n\t[ABCOPP > 090121]\n", f);
    fclose(f);
    m2 = NULL;
    rift_model_open("data/en", &m2);
    CHECK(rift_model_add_actors(m2, path) == RIFT_OK, "dated PETRARCH list loaded");
    k = rift_utf8_fold(&a, "tamsin kerrow", 13, &kl);
    pa = rift_actor_get(m2, rift_actor_find(m2, k, kl));
    CHECK(pa && !strcmp(rift_actor_code_on(m2, pa, "1999-03-01"), "ABCELI") &&
          !strcmp(rift_actor_code_on(m2, pa, "2005-03-01"), "ABCGOV") &&
          !strcmp(rift_actor_code_on(m2, pa, "2011-03-01"), "ABCOPP") &&
          !strcmp(rift_actor_code_on(m2, pa, NULL), "ABCOPP"),
          "dated codes: the range that holds the date; undated: the last");
    rift_article art2 = {0};
    art2.text = "Tamsin Kerrow spoke on Monday.";
    art2.text_len = strlen(art2.text);
    art2.date = "2005-06-01";
    d = NULL;
    rift_doc_analyze(m2, &art2, NULL, &d);
    e = ent_of(d, "Tamsin Kerrow");
    CHECK(e >= 0 && d->entities[e].code && !strcmp(d->entities[e].code, "ABCGOV"),
          "an entity takes the code valid on the article's date");
    rift_doc_free(d);
    rift_arena_release(&a);
    rift_model_close(m2);
    rift_model_close(m);
    unlink(path);
}

/* a name in the untokenised title block joins the entity of the body */
static void test_title_names(void)
{
    const char *t = "Quorvia cuts 500 jobs\n\n"
                    "The retailer Quorvia said on Monday that it would close two plants. "
                    "Shares of Quorvia fell.";
    rift_doc *d = run(t);
    CHECK(d != NULL, "title doc analysed");
    const rift_entity *q = NULL;
    for (size_t i = 0; d && i < d->n_entities; i++)
        if (!strcmp(d->entities[i].name, "Quorvia"))
            q = &d->entities[i];
    CHECK(q && q->n_mentions == 3, "Quorvia has 3 mentions (%zu)", q ? q->n_mentions : 0);
    CHECK(q && q->mentions[0].start == 0 && q->mentions[0].end == 7,
          "the first is the title word");
    bool sorted = true;
    for (size_t k = 1; q && k < q->n_mentions; k++)
        if (q->mentions[k].start < q->mentions[k - 1].end)
            sorted = false;
    CHECK(sorted, "entity mentions in text order");
    rift_doc_free(d);
}

/* I, me, my inside quotation marks: the speaker named after or before */
static void test_first_person(void)
{
    const char *t = "Ona Pellavin spoke on Monday. \u201cI am tired,\u201d Pellavin said. "
                    "Dag Rusk replied: \u201cGive me a break.\u201d";
    rift_doc *d = run(t);
    CHECK(d != NULL, "first-person doc analysed");
    int32_t i = ent_of(d, "I"), me = ent_of(d, "me");
    CHECK_STR(name_of(d, i), "Ona Pellavin", "I -> the speaker named after the quote");
    CHECK_STR(name_of(d, me), "Dag Rusk", "me -> the speaker named before the quote");
    bool flag = false;
    for (size_t k = 0; d && k < d->n_mentions; k++)
        if (d->mentions[k].kind == RIFT_MK_PRONOUN && (d->mentions[k].flags & RIFT_MF_FIRST))
            flag = true;
    CHECK(flag, "first-person pronouns carry RIFT_MF_FIRST");
    rift_doc_free(d);
}

int main(void)
{
    if (rift_model_open("data/en", &model) != RIFT_OK) {
        printf("not ok 1 - model: %s\n", rift_model_errmsg(model));
        return 1;
    }
    test_sorted_and_lookup();
    test_kinds();
    test_hostile();
    test_actors();
    test_title_names();
    test_first_person();
    rift_model_close(model);
    return TEST_DONE();
}
