/* test_report.c: the report's helpers (src/report_*.c): period labels as
 * days, labels placed without overlap, titles from leads, article copies.
 */
#include "report_int.h"
#include "test.h"

#include <stdlib.h>

static void period(const char *label, const char *from, const char *to)
{
    int d0, d1, y, m, d;
    bool ok = report_period_days(label, &d0, &d1);
    CHECK(ok, "period %s parses", label);
    if (!ok)
        return;
    char a[16], b[16];
    rift_civil_from_days(d0, &y, &m, &d);
    snprintf(a, sizeof a, "%04d-%02d-%02d", y, m, d);
    rift_civil_from_days(d1, &y, &m, &d);
    snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
    CHECK_STR(a, from, label);
    CHECK_STR(b, to, label);
}

static void lead(const char *const *sents, size_t n, size_t max, const char *want)
{
    rift_buf b;
    rift_buf_init(&b);
    bool ok = report_lead_title(&b, sents, n, max);
    CHECK_STR(ok ? b.data : NULL, want, "lead title");
    rift_buf_free(&b);
}

int main(void)
{
    /* ---- periods: the days they cover ---- */
    period("2026", "2026-01-01", "2027-01-01");
    period("2026-Q1", "2026-01-01", "2026-04-01");
    period("2026-Q4", "2026-10-01", "2027-01-01");
    period("2026-02", "2026-02-01", "2026-03-01");
    period("2024-12", "2024-12-01", "2025-01-01");
    period("2026-W01", "2025-12-29", "2026-01-05"); /* ISO week 1 starts in the year before */
    period("2026-W07", "2026-02-09", "2026-02-16");
    period("2020-W53", "2020-12-28", "2021-01-04");
    int d0, d1;
    CHECK(!report_period_days("2026-13", &d0, &d1), "month 13 is no period");
    CHECK(!report_period_days("26-01", &d0, &d1), "a short year is no period");
    CHECK(!report_period_days("2026-Q5", &d0, &d1), "Q5 is no period");
    CHECK(!report_period_days(NULL, &d0, &d1), "NULL is no period");

    /* ---- labels: kept ones never meet, priority first ---- */
    report_label v[] = {
        {10, "2026-02-01", 's', 2, 0, 0, false},
        {50, "2026-02", 'm', 1, 0, 0, false},     /* meets the first: dropped */
        {200, "2026-03", 'm', 1, 0, 0, false},
        {225, "2026-04", 'm', 1, 0, 0, false},    /* meets the one before: dropped */
        {300, "2026-05", 'm', 1, 0, 0, false},
        {495, "2026-06", 'm', 1, 0, 0, false},    /* past the right edge: dropped */
        {490, "2026-06-30", 'e', 2, 0, 0, false},
    };
    size_t n = sizeof v / sizeof *v;
    report_place_labels(v, n, 11, 0, 500, 6);
    CHECK(v[0].keep && v[6].keep, "the end labels are kept");
    CHECK(!v[1].keep && v[2].keep && !v[3].keep && v[4].keep && !v[5].keep,
          "labels that would meet are dropped (%d %d %d %d %d)", v[1].keep, v[2].keep,
          v[3].keep, v[4].keep, v[5].keep);
    bool apart = true;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (v[i].keep && v[j].keep)
                apart &= v[i].x1 + 6 <= v[j].x0 || v[j].x1 + 6 <= v[i].x0;
    CHECK(apart, "no two kept labels meet");
    CHECK(v[0].x1 - v[0].x0 >= 10 * 11 * 0.55, "a label's box is not underestimated (%.1f)",
          v[0].x1 - v[0].x0);
    /* many labels at one place: one kept */
    enum { MANY = 1000 };
    report_label *w = malloc(MANY * sizeof *w);
    for (size_t i = 0; i < MANY; i++)
        w[i] = (report_label){100 + (double)i * 0.01, "2026-03", 'm', 0, 0, 0, false};
    report_place_labels(w, MANY, 11, 0, 900, 4);
    size_t kept = 0;
    for (size_t i = 0; i < MANY; i++)
        kept += w[i].keep;
    CHECK(kept == 1, "labels piled on one place: one kept (%zu)", kept);
    free(w);

    /* ---- titles from leads ---- */
    const char *s1[] = {"PORT VELLAN (Reuters) - Mara Vellin, the mayor of Port Vellan, praised "
                        "Ostrik Dunmere on Monday."};
    lead(s1, 1, 90, "Mara Vellin, the mayor of Port Vellan, praised Ostrik Dunmere on Monday");
    const char *s2[] = {"PORT HALVARD, March 23, 2026 \xE2\x80\x94 Six weeks ago the governor "
                        "and the magnate stood on the quay."};
    lead(s2, 1, 90, "Six weeks ago the governor and the magnate stood on the quay");
    const char *s3[] = {"Menu", "Sign in", "The strike at Port Vellan went into a second week "
                        "on Monday, with no talks planned before Wednesday."};
    lead(s3, 3, 60, "The strike at Port Vellan went into a second week on Monday\xE2\x80\xA6");
    const char *s4[] = {"Short one."};
    lead(s4, 1, 90, "Short one");
    const char *s5[] = {"NATO and the EU met in Brussels - again - on Monday to talk."};
    lead(s5, 1, 90, "NATO and the EU met in Brussels - again - on Monday to talk");
    const char *s6[] = {"The U.S. - Canada border reopened on Monday after a long closure."};
    lead(s6, 1, 90, "The U.S. - Canada border reopened on Monday after a long closure");
    const char *s8[] = {"WASHINGTON, June 5 (AP) -- The Senate passed the bill on Thursday."};
    lead(s8, 1, 90, "The Senate passed the bill on Thursday");
    const char *s7[] = {"", NULL};
    lead(s7, 2, 90, NULL);

    /* ---- copies: SimHash within three bits in one story ---- */
    report_art a[] = {
        {1, 0x9695b3849001aad5ULL, true},
        {1, 0x9695b3849001aad5ULL ^ 0x10000100ULL, true}, /* two bits off: a copy */
        {2, 0x9695b3849001aad5ULL, true},                 /* another story: not */
        {1, 0x9695b3849001aad5ULL ^ 0xF0ULL, true},       /* four bits off: not */
        {1, 0x9695b3849001aad5ULL, false},                /* no SimHash: not */
        {0, 0x9695b3849001aad5ULL, true},                 /* no story: not */
        {1, ~0x9695b3849001aad5ULL, true},
    };
    size_t canon[7];
    report_copies(a, 7, canon);
    CHECK(canon[0] == 0 && canon[1] == 0, "a near-identical article of the story is a copy");
    CHECK(canon[2] == 2 && canon[3] == 3 && canon[4] == 4 && canon[5] == 5 && canon[6] == 6,
          "others are not copies (%zu %zu %zu %zu %zu)", canon[2], canon[3], canon[4], canon[5],
          canon[6]);
    return TEST_DONE();
}
