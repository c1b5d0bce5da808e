/* timeval.c: compares a gold time value with rift's for "rift eval times":
 * GUM writes calendar spans as day intervals (TEI from/to), TimeML as weeks. */
#include "eval.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Day (y, m, d) moved by k days, through the C library's normalisation. */
static void day_add(int *y, int *m, int *d, int k)
{
    struct tm t = {0};
    t.tm_year = *y - 1900; t.tm_mon = *m - 1; t.tm_mday = *d + k; t.tm_hour = 12;
    time_t s = timegm(&t);
    struct tm o;
    gmtime_r(&s, &o);
    *y = o.tm_year + 1900; *m = o.tm_mon + 1; *d = o.tm_mday;
}

/* A calendar value of rift (week, weekend, month, decade) as the interval
 * of days it covers, "YYYY-MM-DD/YYYY-MM-DD"; false for other values. */
static bool as_days(const char *v, char *out, size_t cap)
{
    int y, w, m, n = 0;
    int y1, m1, d1, y2, m2, d2;
    if (sscanf(v, "%4d-W%2d%n", &y, &w, &n) == 2 && (v[n] == 0 || !strcmp(v + n, "-WE"))) {
        y1 = y; m1 = 1; d1 = 4;                     /* 4 January is in week 1 */
        struct tm t = {0};
        t.tm_year = y - 1900; t.tm_mday = 4; t.tm_hour = 12;
        time_t s = timegm(&t);
        struct tm o;
        gmtime_r(&s, &o);
        day_add(&y1, &m1, &d1, -((o.tm_wday + 6) % 7) + 7 * (w - 1) + (v[n] ? 5 : 0));
        y2 = y1; m2 = m1; d2 = d1;
        day_add(&y2, &m2, &d2, v[n] ? 1 : 6);
    } else if (sscanf(v, "%4d-%2d%n", &y, &m, &n) == 2 && v[n] == 0 && n == 7) {
        y1 = y2 = y; m1 = m2 = m; d1 = 1;
        y2 = m == 12 ? y + 1 : y; m2 = m == 12 ? 1 : m + 1; d2 = 1;
        day_add(&y2, &m2, &d2, -1);
    } else if (strlen(v) == 3 && sscanf(v, "%3d%n", &y, &n) == 1 && n == 3) {
        y1 = 10 * y; m1 = 1; d1 = 1; y2 = 10 * y + 9; m2 = 12; d2 = 31;
    } else {
        return false;
    }
    snprintf(out, cap, "%04d-%02d-%02d/%04d-%02d-%02d", y1, m1, d1, y2, m2, d2);
    return true;
}

bool eval_time_same(const char *gold, const char *rift, bool day_intervals)
{
    if (strcmp(gold, rift) == 0)
        return true;
    if (!day_intervals)
        return false;
    char b[64];
    if (as_days(rift, b, sizeof b) && strcmp(gold, b) == 0)
        return true;
    /* a part of a day ("2015-08-20TAF") against the day GUM marks */
    size_t g = strlen(gold);
    return g == 10 && strlen(rift) == 13 && strncmp(gold, rift, 10) == 0 && rift[10] == 'T' &&
           rift[11] >= 'A' && rift[11] <= 'Z';
}
