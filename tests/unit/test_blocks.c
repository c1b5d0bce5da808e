/* test_blocks.c: unit tests of the blocks stage and of meta.c: dateline,
 * byline, source and name shapes, the day/month evidence, the date note,
 * hostile input, and seed 001 when ../shared is present (skipped if not).
 */
#include "internal.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rift_model *model;

static rift_doc *analyze(const char *text, size_t len, rift_date_order order)
{
    rift_article a = {0};
    a.text = text;
    a.text_len = len;
    a.origin = "test";
    rift_analyze_options o = {0};
    o.date_order = order;
    rift_doc *d = NULL;
    rift_status st = rift_doc_analyze(model, &a, &o, &d);
    CHECK(st == RIFT_OK && d, "analyze returns a document");
    return d;
}

static void test_dateline(void)
{
    rift_dateline dl;
#define DL(s) rift_meta_dateline(model, s, strlen(s), &dl)
    CHECK(DL("Friday, January 4, 2019") && dl.y == 2019 && dl.m == 1 && dl.d == 4 &&
          dl.style == RIFT_DATE_ORDER_MDY, "weekday, month day, year");
    CHECK(DL("Published 5 June 2025 10:32 BST") && dl.m == 6 && dl.d == 5 &&
          dl.style == RIFT_DATE_ORDER_DMY, "published day month year time zone");
    CHECK(DL("Updated: Sept. 9, 2024 at 9:15 a.m. ET") && dl.m == 9 && dl.d == 9,
          "abbreviated month, time with a.m.");
    CHECK(DL("07/06/2025") && dl.numeric && dl.ambiguous && dl.a == 7 && dl.b == 6,
          "07/06/2025 is numeric and ambiguous");
    CHECK(DL("25/06/2025") && !dl.ambiguous && dl.m == 6 && dl.d == 25,
          "25/06/2025 can only be day/month");
    CHECK(DL("06/25/2025") && !dl.ambiguous && dl.m == 6 && dl.d == 25,
          "06/25/2025 can only be month/day");
    CHECK(DL("2025-06-07") && dl.m == 6 && dl.d == 7 && !dl.ambiguous, "ISO date");
    CHECK(DL("05.05.2025") && !dl.ambiguous, "same day and month is not ambiguous");
    CHECK(!DL("June 2025"), "a month without a day is no dateline");
    CHECK(!DL("The vote on June 5, 2025"), "a date in words is no dateline");
    CHECK(!DL("31/02/2025"), "an impossible date is no dateline");
    CHECK(!DL("12 people died"), "a number and words is no dateline");
#undef DL
}

static void test_lines(void)
{
    size_t s, e;
    const char *x = "(Source:www.example.net)";
    CHECK(rift_meta_source(x, strlen(x), &s, &e) && e - s == 15 &&
          !memcmp(x + s, "www.example.net", 15), "source line in parentheses");
    x = "Source: Wire Service";
    CHECK(rift_meta_source(x, strlen(x), &s, &e) && !memcmp(x + s, "Wire Service", 12),
          "source line with a name");
    x = "Sources said the deal was off and that both sides had walked away.";
    CHECK(!rift_meta_source(x, strlen(x), &s, &e), "a sentence about sources");
    x = "By Jane Doe | Reuters";
    CHECK(rift_meta_byline(x, strlen(x), &s, &e) && e - s == 8, "byline with an outlet");
    x = "By the time it ended, nobody cared.";
    CHECK(!rift_meta_byline(x, strlen(x), &s, &e), "'By the time' is not a byline");
    x = "By Friday the offer was gone";
    CHECK(!rift_meta_byline(x, strlen(x), &s, &e), "'By Friday' is not a byline");
    CHECK(rift_meta_name_shape("Ada K. Quill", 12), "name with an initial");
    CHECK(rift_meta_name_shape("Zoë Ndlovu-Brandt", strlen("Zoë Ndlovu-Brandt")),
          "non-ASCII hyphenated name");
    CHECK(!rift_meta_name_shape("Business Essentials for Professionals", 37),
          "a tagline is no name");
    CHECK(!rift_meta_name_shape("People", 6), "one word is no name");
    CHECK(!rift_meta_name_shape("J. Smith", 8), "an initial first is not enough");
}

static void test_evidence(void)
{
    rift_date_evidence ev;
    const char *t = "Talks began on 3 March and ended in early May. On 14/04/2025 a deal "
                    "was near; the may be later.";
    rift_meta_scan_dates(t, strlen(t), 2025, &ev);
    CHECK(ev.written_dmy == 1 && ev.written_mdy == 0, "written day-month counted");
    CHECK(ev.numeric_dmy == 1 && ev.numeric_mdy == 0, "numeric day/month counted");
    CHECK(ev.latest_month == 5, "latest month reported is May (got %d)", ev.latest_month);
    t = "The law takes effect next September; in June 2024 it passed.";
    rift_meta_scan_dates(t, strlen(t), 2025, &ev);
    CHECK(ev.latest_month == 0, "future months and other years do not count (got %d)",
          ev.latest_month);
    CHECK(rift_meta_tld_order(model, "https://news.example.co.uk/a/b") == RIFT_DATE_ORDER_DMY,
          ".uk is day/month");
    CHECK(rift_meta_tld_order(model, "www.example.com") == RIFT_DATE_ORDER_AUTO,
          ".com says nothing");
    CHECK(rift_month_from_word("Sept", 4) == 9 && rift_month_from_word("Mayor", 5) == 0,
          "month words");
}

static void test_notes(void)
{
    const char *t = "09/08/2025\nThe storm that hit in late July flooded the lower town, "
                    "officials said.\n";
    rift_doc *d = analyze(t, strlen(t), RIFT_DATE_ORDER_AUTO);
    CHECK_STR(d->meta.date, "2025-08-09", "closest reading after July");
    CHECK(d->meta.date_note && strstr(d->meta.date_note, "July") &&
          strstr(d->meta.date_note, "content"), "note names the evidence: %s",
          d->meta.date_note ? d->meta.date_note : "(null)");
    CHECK(d->date_order == RIFT_DATE_ORDER_DMY, "document order is day/month");
    rift_doc_free(d);

    d = analyze(t, strlen(t), RIFT_DATE_ORDER_MDY);
    CHECK_STR(d->meta.date, "2025-09-08", "option wins");
    CHECK(d->meta.date_note && strstr(d->meta.date_note, "option"), "note says option");
    rift_doc_free(d);

    t = "The storm flooded the lower town on 7/3/2025, officials said.\n";
    d = analyze(t, strlen(t), RIFT_DATE_ORDER_AUTO);
    CHECK(d->meta.date == NULL && d->meta.date_note == NULL, "no dateline, no date");
    CHECK(d->date_order == RIFT_DATE_ORDER_MDY || d->date_order == RIFT_DATE_ORDER_DMY,
          "a document order is always decided");
    rift_doc_free(d);
}

static void test_hostile(void)
{
    /* one huge line, thousands of short lines, binary bytes, empty text */
    size_t n = 3u << 20;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)("ab /|.\xC2\xA0"[i % 8]);
    rift_doc *d = analyze(big, n, RIFT_DATE_ORDER_AUTO);
    CHECK(d->n_blocks == 1, "one huge line is one block (%zu)", d->n_blocks);
    rift_doc_free(d);
    for (size_t i = 0; i < n; i++)
        big[i] = (i % 3 == 2) ? '\n' : (char)('0' + i % 10);
    d = analyze(big, n, RIFT_DATE_ORDER_AUTO);
    CHECK(d->n_blocks > 1000000, "a million short lines (%zu)", d->n_blocks);
    int ok = 1;
    for (size_t i = 1; i < d->n_blocks; i++)
        ok &= d->blocks[i].start >= d->blocks[i - 1].end;
    CHECK(ok, "blocks are ordered and do not overlap");
    rift_doc_free(d);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 131 + (i >> 7));
    d = analyze(big, n, RIFT_DATE_ORDER_AUTO);
    ok = 1;
    for (size_t i = 0; i < d->n_blocks; i++)
        ok &= d->blocks[i].end <= n && d->blocks[i].start < d->blocks[i].end;
    CHECK(ok, "binary bytes give sane blocks");
    rift_doc_free(d);
    free(big);
    d = analyze("", 0, RIFT_DATE_ORDER_AUTO);
    CHECK(d->n_blocks == 0, "empty text has no blocks");
    rift_doc_free(d);
    d = analyze(" \xC2\xA0\n\t\n", 6, RIFT_DATE_ORDER_AUTO);
    CHECK(d->n_blocks == 0, "white space only has no blocks");
    rift_doc_free(d);
}

static void test_seed(void)
{
    const char *path = "../shared/seeds/001_9bf779aee39fbfe0.txt";
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("skip - %s absent\n", path);
        return;
    }
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    rift_doc *d = analyze(buf, n, RIFT_DATE_ORDER_AUTO);
    CHECK_STR(d->meta.date, "2025-06-07", "seed 001 date");
    CHECK(d->meta.date_origin == RIFT_DATE_TEXT, "seed 001 date from the text");
    CHECK_STR(d->meta.source, "www.tbsnews.net", "seed 001 source");
    int kinds[7] = {0};
    for (size_t i = 0; i < d->n_blocks; i++)
        kinds[d->blocks[i].kind]++;
    CHECK(kinds[RIFT_BLOCK_TITLE] == 1 && kinds[RIFT_BLOCK_DATELINE] == 1 &&
          kinds[RIFT_BLOCK_SOURCE] == 1 && kinds[RIFT_BLOCK_BYLINE] == 1 &&
          kinds[RIFT_BLOCK_BOILERPLATE] == 6 && kinds[RIFT_BLOCK_HEADING] == 5,
          "seed 001 block kinds: title %d dateline %d source %d byline %d "
          "boilerplate %d heading %d", kinds[1], kinds[3], kinds[5], kinds[4],
          kinds[6], kinds[2]);
    rift_doc_free(d);
}

int main(void)
{
    if (rift_model_open("data/en", &model) != RIFT_OK) {
        printf("not ok 1 - model: %s\n", rift_model_errmsg(model));
        return 1;
    }
    test_dateline();
    test_lines();
    test_evidence();
    test_notes();
    test_hostile();
    test_seed();
    rift_model_close(model);
    return TEST_DONE();
}
