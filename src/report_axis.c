/* report_axis.c: the report's time axes: the days a period label covers, and
 * the placement of axis labels so that no two of them overlap on the page.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool report_period_days(const char *label, int *d0, int *d1)
{
    if (!label || !digits(label, 4))
        return false;
    size_t n = strlen(label);
    int y = atoi(label);
    if (n == 4) {
        *d0 = rift_days_from_civil(y, 1, 1);
        *d1 = rift_days_from_civil(y + 1, 1, 1);
        return true;
    }
    if (label[4] != '-')
        return false;
    const char *r = label + 5;
    if (n == 7 && r[0] == 'Q' && r[1] >= '1' && r[1] <= '4') {
        int q = r[1] - '1';
        *d0 = rift_days_from_civil(y, q * 3 + 1, 1);
        *d1 = q == 3 ? rift_days_from_civil(y + 1, 1, 1) : rift_days_from_civil(y, q * 3 + 4, 1);
        return true;
    }
    if (n == 7 && digits(r, 2)) {
        int m = atoi(r);
        if (m < 1 || m > 12)
            return false;
        *d0 = rift_days_from_civil(y, m, 1);
        *d1 = m == 12 ? rift_days_from_civil(y + 1, 1, 1) : rift_days_from_civil(y, m + 1, 1);
        return true;
    }
    if (n == 8 && r[0] == 'W' && digits(r + 1, 2)) {
        int w = atoi(r + 1);
        if (w < 1 || w > 53)
            return false;
        /* ISO week 1 holds 4 January; weeks start on Monday */
        int jan4 = rift_days_from_civil(y, 1, 4);
        int wd = ((jan4 % 7) + 7 + 3) % 7; /* 0 Monday; day 0 was a Thursday */
        *d0 = jan4 - wd + (w - 1) * 7;
        *d1 = *d0 + 7;
        return true;
    }
    return false;
}

double report_text_width(const char *text, double px)
{
    /* generous: digits and most letters of a sans-serif font are narrower
     * than 0.62 em; capitals and a few letters (m, w) wider */
    double w = 0;
    for (const unsigned char *s = (const unsigned char *)text; s && *s; s++) {
        if ((*s & 0xC0) == 0x80)
            continue;
        w += (*s >= 'A' && *s <= 'Z') || *s == 'm' || *s == 'w' || *s >= 0x80 ? 0.8 : 0.62;
    }
    return w * px;
}

static int by_prio_x(const void *x, const void *y)
{
    const report_label *a = *(report_label *const *)x, *b = *(report_label *const *)y;
    if (a->prio != b->prio)
        return a->prio > b->prio ? -1 : 1;
    return a->x < b->x ? -1 : a->x > b->x;
}

void report_place_labels(report_label *v, size_t n, double px, double lo, double hi,
                         double gap)
{
    if (!n)
        return;
    report_label **ord = rift_xmalloc(n * sizeof *ord);
    RIFT_VEC(const report_label *) kept = {0};
    for (size_t i = 0; i < n; i++) {
        double w = report_text_width(v[i].text, px);
        v[i].x0 = v[i].anchor == 's' ? v[i].x : v[i].anchor == 'e' ? v[i].x - w : v[i].x - w / 2;
        v[i].x1 = v[i].x0 + w;
        v[i].keep = false;
        ord[i] = &v[i];
    }
    qsort(ord, n, sizeof *ord, by_prio_x);
    for (size_t i = 0; i < n; i++) {
        report_label *l = ord[i];
        if (l->x0 < lo || l->x1 > hi)
            continue;
        bool free_ = true;
        /* the kept boxes are disjoint, so there are few of them */
        for (size_t k = 0; k < kept.n && free_; k++)
            free_ = l->x1 + gap <= kept.v[k]->x0 || l->x0 >= kept.v[k]->x1 + gap;
        if (free_) {
            l->keep = true;
            RIFT_VEC_PUSH(kept, l);
        }
    }
    free(kept.v);
    free(ord);
}
