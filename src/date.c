/* date.c: civil-calendar arithmetic and parsing of metadata dates, and the
 * one reader of a YYYY-MM-DD date that the library and the CLI share.
 * Pure functions; the time-expression stage builds on them.
 */
#include "internal.h"

#include <string.h>

bool rift_date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01. */
int rift_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

void rift_civil_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

static int digits(const char *s, size_t len, size_t *i, int max)
{
    int v = 0, k = 0;
    while (*i < len && k < max && s[*i] >= '0' && s[*i] <= '9') {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    return k ? v : -1;
}

bool rift_date_parse(const char *s, size_t len, int *y, int *m, int *d)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t start = i;
    int a = digits(s, len, &i, 4);
    if (a < 0 || i - start != 4 || i >= len || (s[i] != '-' && s[i] != '/'))
        return false;
    char sep = s[i++];
    int b = digits(s, len, &i, 2);
    if (b < 0 || i >= len || s[i] != sep)
        return false;
    i++;
    int c = digits(s, len, &i, 2);
    if (c < 0)
        return false;
    /* What may follow: end, a time ("T..." or " hh:mm"), or a zone. */
    if (i < len && s[i] != 'T' && s[i] != ' ' && s[i] != 'Z' && s[i] != '+')
        return false;
    if (!rift_date_valid(a, b, c))
        return false;
    *y = a;
    *m = b;
    *d = c;
    return true;
}

rift_status rift_date_read(const char *s, int *y, int *m, int *d)
{
    if (!s)
        return RIFT_EFORMAT;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return RIFT_EFORMAT; /* also stops at the NUL of a short string */
    }
    if (s[10])
        return RIFT_EFORMAT;
    int yy, mm, dd;
    if (!rift_date_parse(s, 10, &yy, &mm, &dd))
        return RIFT_EINVAL;     /* the form is right, the day does not exist */
    if (y)
        *y = yy;
    if (m)
        *m = mm;
    if (d)
        *d = dd;
    return RIFT_OK;
}
