/* test_timex.c: unit tests of the times stage (src/timex.c): resolution
 * against the article date, the governing time of a sentence, and hostile
 * input.  Every sentence here is invented.
 */
#include "internal.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rift_model *model;

static rift_doc *run(const char *text, const char *date, rift_date_order order)
{
    rift_article a = {0};
    a.text = text;
    a.text_len = strlen(text);
    rift_analyze_options o = {0};
    o.default_date = date;
    o.date_order = order;
    rift_doc *d = NULL;
    if (rift_doc_analyze(model, &a, &o, &d) != RIFT_OK)
        return NULL;
    return d;
}

/* The value of the time expression whose text is w; "" when none. */
static const char *value_of(const rift_doc *d, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < d->n_times; i++) {
        const rift_time *t = &d->times[i];
        if (t->end - t->start == n && memcmp(d->text + t->start, w, n) == 0)
            return t->value ? t->value : "null";
    }
    return "";
}

static const char *mod_of(const rift_doc *d, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < d->n_times; i++) {
        const rift_time *t = &d->times[i];
        if (t->end - t->start == n && memcmp(d->text + t->start, w, n) == 0)
            return t->mod;
    }
    return NULL;
}

static void test_weekdays(void)
{
    /* 2025-06-07 is a Saturday */
    rift_doc *d = run("They met on Monday. They will meet again on Monday.", "2025-06-07",
                      RIFT_DATE_ORDER_AUTO);
    CHECK(d && d->n_times == 2, "two weekdays");
    if (d && d->n_times == 2) {
        CHECK_STR(d->times[0].value, "2025-06-02", "past Monday");
        CHECK_STR(d->times[1].value, "2025-06-09", "future Monday");
    }
    rift_doc_free(d);
    /* the article's own weekday is the article's day in past reporting */
    d = run("Shares fell on Saturday.", "2025-06-07", RIFT_DATE_ORDER_AUTO);
    CHECK_STR(d ? value_of(d, "Saturday") : NULL, "2025-06-07", "same-day weekday");
    rift_doc_free(d);
}

static void test_year_turn(void)
{
    /* in January, December is last year's; a future March is this year's */
    rift_doc *d = run("The deal collapsed in December. Talks will resume in March.",
                      "2026-01-10", RIFT_DATE_ORDER_AUTO);
    CHECK_STR(d ? value_of(d, "December") : NULL, "2025-12", "December across the year");
    CHECK_STR(d ? value_of(d, "March") : NULL, "2026-03", "March ahead");
    rift_doc_free(d);
    d = run("Prices peaked last week.", "2026-01-02", RIFT_DATE_ORDER_AUTO);
    CHECK_STR(d ? value_of(d, "last week") : NULL, "2025-W52", "ISO week across the year");
    rift_doc_free(d);
    d = run("The case was filed on December 30.", "2026-01-02", RIFT_DATE_ORDER_AUTO);
    CHECK_STR(d ? value_of(d, "December 30") : NULL, "2025-12-30", "month-day across the year");
    rift_doc_free(d);
}

static void test_orders_and_mods(void)
{
    rift_doc *d = run("The memo is dated 07/06/2025.", "2025-06-07", RIFT_DATE_ORDER_MDY);
    CHECK_STR(d ? value_of(d, "07/06/2025") : NULL, "2025-07-06", "MDY");
    rift_doc_free(d);
    d = run("The memo is dated 07/06/2025.", "2025-06-07", RIFT_DATE_ORDER_DMY);
    CHECK_STR(d ? value_of(d, "07/06/2025") : NULL, "2025-06-07", "DMY");
    rift_doc_free(d);
    d = run("Work began in mid-2019 and stalled in late March.", "2025-06-07",
            RIFT_DATE_ORDER_AUTO);
    CHECK_STR(d ? value_of(d, "mid-2019") : NULL, "2019", "mid-2019 value");
    CHECK_STR(d ? mod_of(d, "mid-2019") : NULL, "mid", "mid-2019 mod");
    CHECK_STR(d ? value_of(d, "late March") : NULL, "2025-03", "late March value");
    CHECK_STR(d ? mod_of(d, "late March") : NULL, "late", "late March mod");
    rift_doc_free(d);
}

static void test_no_date(void)
{
    rift_doc *d = run("The vote came yesterday, in March 2024.", NULL, RIFT_DATE_ORDER_AUTO);
    CHECK_STR(d ? value_of(d, "yesterday") : NULL, "null", "unanchored yesterday");
    CHECK_STR(d ? value_of(d, "March 2024") : NULL, "2024-03", "absolute month");
    rift_doc_free(d);
}

static void test_governing(void)
{
    const char *text =
        "Their rivalry began in late 2022, when the two first met. They argued often. "
        "They made peace.\n\nOn March 6, the board voted. It lasted for hours.\n\n"
        "Nobody knows why.";
    rift_doc *d = run(text, "2025-06-07", RIFT_DATE_ORDER_AUTO);
    CHECK(d != NULL, "analysed");
    if (!d)
        return;
    CHECK(d->n_sents >= 6, "sentences: %zu", d->n_sents);
    int g0 = rift_time_governing(d, 0);
    CHECK(g0 >= 0 && !strcmp(d->times[g0].value, "2022"), "own time");
    int g1 = rift_time_governing(d, 1);
    CHECK(g1 == g0, "paragraph context carries on");
    int g2 = rift_time_governing(d, 2);
    CHECK(g2 == g0, "still the paragraph's time");
    int g3 = rift_time_governing(d, 3);
    CHECK(g3 >= 0 && !strcmp(d->times[g3].value, "2025-03-06"), "new paragraph, own date");
    int g4 = rift_time_governing(d, 4);
    CHECK(g4 == g3, "a duration does not date a sentence");
    CHECK(rift_time_governing(d, d->n_sents - 1) == -1, "no time in the last paragraph");
    CHECK(rift_time_governing(d, d->n_sents + 5) == -1, "out of range");
    rift_doc_free(d);
}

static void test_hostile(void)
{
    /* many candidates in one sentence, binary bytes, runs of digits */
    size_t n = 200000;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        static const char pat[] = "May 5 the day after Monday 2020 \xff\xfe 12/12/ '9";
        s[i] = pat[i % (sizeof pat - 1)];
    }
    s[n] = '\0';
    rift_doc *d = run(s, "2025-06-07", RIFT_DATE_ORDER_AUTO);
    CHECK(d != NULL && d->n_times > 1000, "hostile input analysed: %zu times",
          d ? d->n_times : 0);
    for (size_t i = 1; d && i < d->n_times; i++)
        if (d->times[i].start < d->times[i - 1].start) {
            CHECK(0, "times out of order at %zu", i);
            break;
        }
    rift_doc_free(d);
    memset(s, '9', n);
    d = run(s, "2025-06-07", RIFT_DATE_ORDER_AUTO);
    CHECK(d != NULL && d->n_times == 0, "a run of digits is no date");
    rift_doc_free(d);
    free(s);
}

int main(void)
{
    if (rift_model_open("data/en", &model) != RIFT_OK) {
        printf("not ok 1 - model: %s\n", rift_model_errmsg(model));
        return 1;
    }
    test_weekdays();
    test_year_turn();
    test_orders_and_mods();
    test_no_date();
    test_governing();
    test_hostile();
    rift_model_close(model);
    return TEST_DONE();
}
