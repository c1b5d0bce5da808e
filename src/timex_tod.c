/* timex_tod.c: calendar helpers of the times stage: time-zone abbreviations
 * after a clock time ("9 a.m. EST"), Easter and the nth weekday of a month. */
#include "internal.h"

#include <string.h>

/* Common zone abbreviations of English newswire and their UTC offsets. */
static const struct { const char *name; const char *off; } zones[] = {
    {"UTC", "Z"}, {"GMT", "Z"}, {"Z", "Z"},
    {"EST", "-05:00"}, {"EDT", "-04:00"}, {"CST", "-06:00"}, {"CDT", "-05:00"},
    {"MST", "-07:00"}, {"MDT", "-06:00"}, {"PST", "-08:00"}, {"PDT", "-07:00"},
    {"AKST", "-09:00"}, {"HST", "-10:00"}, {"AST", "-04:00"},
    {"BST", "+01:00"}, {"WET", "Z"}, {"CET", "+01:00"}, {"CEST", "+02:00"},
    {"EET", "+02:00"}, {"EEST", "+03:00"}, {"MSK", "+03:00"}, {"IST", "+05:30"},
    {"PKT", "+05:00"}, {"HKT", "+08:00"}, {"SGT", "+08:00"}, {"JST", "+09:00"},
    {"KST", "+09:00"}, {"AEST", "+10:00"}, {"AEDT", "+11:00"}, {"NZST", "+12:00"},
};

const char *rift_tod_zone(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
        if (strlen(zones[i].name) == n && memcmp(zones[i].name, w, n) == 0)
            return zones[i].off;
    return NULL;
}

/* Easter Sunday (Gregorian) by the anonymous computus (Meeus). */
void rift_easter(int y, int *m, int *d)
{
    int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - dd - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int mm = (a + 11 * h + 22 * l) / 451;
    *m = (h + l - 7 * mm + 114) / 31;
    *d = (h + l - 7 * mm + 114) % 31 + 1;
}

/* The day of month of the nth weekday wd (1 Monday .. 7 Sunday) of month m;
 * nth -1 is the last one. */
int rift_nth_weekday(int y, int m, int wd, int nth)
{
    if (nth < 0) {
        int last = 31;
        while (last > 28 && !rift_date_valid(y, m, last))
            last--;
        int z = rift_days_from_civil(y, m, last);
        int cur = ((z % 7) + 7 + 3) % 7 + 1;     /* 1970-01-01 was a Thursday */
        return last - (cur - wd + 7) % 7;
    }
    int z = rift_days_from_civil(y, m, 1);
    int cur = ((z % 7) + 7 + 3) % 7 + 1;
    return 1 + (wd - cur + 7) % 7 + 7 * (nth - 1);
}
