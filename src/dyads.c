/* dyads.c: the corpus side of events: sums the events of many documents per
 * directed pair of actors and period, and finds the turning points where a
 * relationship moves between cooperation and conflict.
 * Must never print or exit; it reads documents, never files.
 */
#include "internal.h"
#include "store_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TRIG 8

typedef struct drec {
    const char *src, *tgt, *label, *trigger;
    double w;
} drec;

struct rift_dyads {
    rift_period period;
    unsigned modes;             /* modalities counted: 1u << rift_modality */
    rift_arena strs;
    RIFT_VEC(drec) recs;
    bool dirty;
    rift_dyad_row *rows; size_t n_rows;
    rift_dyad_turn *turns; size_t n_turns;
    const char **trig_store; size_t n_trig_store;
};

rift_dyads *rift_dyads_new(rift_period period)
{
    rift_dyads *a = rift_xmalloc(sizeof *a);
    memset(a, 0, sizeof *a);
    a->period = period;
    a->modes = RIFT_MODES_ASSERTED;
    rift_arena_init(&a->strs);
    return a;
}

void rift_dyads_set_modes(rift_dyads *a, unsigned modes)
{
    if (a)
        a->modes = modes & RIFT_MODES_ALL ? modes & RIFT_MODES_ALL : RIFT_MODES_ASSERTED;
}

rift_status rift_modes_parse(const char *list, unsigned *modes)
{
    if (!list || !modes)
        return RIFT_EINVAL;
    unsigned set = 0;
    for (const char *p = list;;) {
        size_t n = strcspn(p, ",");
        int k = rift_modality_parse(p, n);
        if (n == 3 && !memcmp(p, "all", 3))
            set |= RIFT_MODES_ALL;
        else if (k < 0)
            return RIFT_EINVAL;
        else
            set |= 1u << k;
        if (!p[n])
            break;
        p += n + 1;
    }
    *modes = set;
    return RIFT_OK;
}

/* ",asserted,future," for a set of modalities: what the store's queries
 * match a row's modality against */
const char *rift_modes_list(unsigned modes, char buf[RIFT_MODES_LIST_MAX])
{
    size_t k = 0;
    buf[k++] = ',';
    for (int m = 0; m < RIFT_MOD_COUNT; m++) {
        const char *name = rift_modality_name((rift_modality)m);
        size_t n = strlen(name);
        if (!(modes & (1u << m)) || k + n + 2 > RIFT_MODES_LIST_MAX)
            continue;
        memcpy(buf + k, name, n);
        k += n;
        buf[k++] = ',';
    }
    buf[k] = '\0';
    return buf;
}

static void clear_results(rift_dyads *a)
{
    free(a->rows);
    free(a->turns);
    free(a->trig_store);
    a->rows = NULL;
    a->turns = NULL;
    a->trig_store = NULL;
    a->n_rows = a->n_turns = a->n_trig_store = 0;
}

void rift_dyads_free(rift_dyads *a)
{
    if (!a)
        return;
    clear_results(a);
    free(a->recs.v);
    rift_arena_release(&a->strs);
    free(a);
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* y, m (0 unknown), d (0 unknown) from an ISO value. */
static bool parse_value(const char *v, int *y, int *m, int *d)
{
    size_t n = strlen(v);
    *m = *d = 0;
    if (n < 4 || (*y = digits(v, 4)) < 0)
        return false;
    if (n == 4 || v[4] != '-')
        return n == 4;
    const char *r = v + 5;
    size_t rn = n - 5;
    if (rn >= 2 && digits(r, 2) > 0) {
        *m = digits(r, 2);
        if (*m > 12)
            return false;
        if (rn >= 5 && r[2] == '-' && digits(r + 3, 2) > 0) {
            *d = digits(r + 3, 2);
            if (!rift_date_valid(*y, *m, *d))
                *d = 0;
        }
        return true;
    }
    if (rn >= 2 && r[0] == 'W' && digits(r + 1, 2) > 0) {
        int w = digits(r + 1, 2);
        int jan4 = rift_days_from_civil(*y, 1, 4);
        int wd = ((jan4 % 7) + 7 + 3) % 7; /* 0 = Monday (1970-01-01 was a Thursday) */
        int mon = jan4 - wd + (w - 1) * 7;
        rift_civil_from_days(mon, y, m, d);
        return true;
    }
    if (rn >= 2 && r[0] == 'Q' && r[1] >= '1' && r[1] <= '4') {
        *m = (r[1] - '1') * 3 + 2;
        return true;
    }
    static const char *const seasons[] = {"WI", "SP", "SU", "FA"};
    for (int i = 0; i < 4; i++)
        if (rn >= 2 && !strncmp(r, seasons[i], 2)) {
            *m = i == 0 ? 1 : i * 3 + 1;
            return true;
        }
    return true;
}

static const char *label_of(rift_dyads *a, const char *value)
{
    int y, m, d;
    if (!value || !parse_value(value, &y, &m, &d))
        return NULL;
    switch (a->period) {
    case RIFT_PERIOD_YEAR:
        return rift_arena_printf(&a->strs, "%04d", y);
    case RIFT_PERIOD_QUARTER:
        return m ? rift_arena_printf(&a->strs, "%04d-Q%d", y, (m - 1) / 3 + 1)
                 : rift_arena_printf(&a->strs, "%04d", y);
    case RIFT_PERIOD_WEEK:
        if (d) {
            int z = rift_days_from_civil(y, m, d);
            int wd = ((z % 7) + 7 + 3) % 7;
            int thu = z - wd + 3; /* the Thursday of this ISO week */
            int ty, tm, td;
            rift_civil_from_days(thu, &ty, &tm, &td);
            int week = (thu - rift_days_from_civil(ty, 1, 1)) / 7 + 1;
            return rift_arena_printf(&a->strs, "%04d-W%02d", ty, week);
        }
        /* fall through */
    case RIFT_PERIOD_MONTH:
    default:
        return m ? rift_arena_printf(&a->strs, "%04d-%02d", y, m)
                 : rift_arena_printf(&a->strs, "%04d", y);
    }
}

void rift_dyads_add_doc(rift_dyads *a, const rift_doc *d)
{
    if (!a || !d)
        return;
    for (size_t i = 0; i < d->n_events; i++) {
        const rift_event *e = &d->events[i];
        if (e->negated || !(a->modes & (1u << e->modality)) || e->source < 0 || e->target < 0 ||
            (size_t)e->source >= d->n_entities || (size_t)e->target >= d->n_entities)
            continue;
        const char *sn = d->entities[e->source].name, *tn = d->entities[e->target].name;
        if (!sn || !tn || !strcmp(sn, tn))
            continue;
        const char *label = label_of(a, e->date);
        if (!label)
            continue;
        drec r;
        r.src = rift_arena_strndup(&a->strs, sn, strlen(sn));
        r.tgt = rift_arena_strndup(&a->strs, tn, strlen(tn));
        r.label = label;
        r.trigger = e->trigger.end > e->trigger.start && e->trigger.end <= d->len
            ? rift_arena_strndup(&a->strs, d->text + e->trigger.start,
                                 e->trigger.end - e->trigger.start)
            : "";
        r.w = e->goldstein;
        RIFT_VEC_PUSH(a->recs, r);
        a->dirty = true;
    }
}

static int by_key(const void *x, const void *y)
{
    const drec *a = x, *b = y;
    int c = strcmp(a->src, b->src);
    if (!c)
        c = strcmp(a->tgt, b->tgt);
    if (!c)
        c = strcmp(a->label, b->label);
    return c;
}

static void build(rift_dyads *a)
{
    if (!a->dirty && a->rows)
        return;
    clear_results(a);
    a->dirty = false;
    if (!a->recs.n)
        return;
    qsort(a->recs.v, a->recs.n, sizeof *a->recs.v, by_key);
    a->rows = rift_xmalloc(a->recs.n * sizeof *a->rows);
    a->trig_store = rift_xmalloc(a->recs.n * sizeof *a->trig_store);
    size_t nr = 0, nt = 0;
    for (size_t i = 0; i < a->recs.n;) {
        size_t j = i;
        rift_dyad_row *r = &a->rows[nr++];
        memset(r, 0, sizeof *r);
        r->source_name = a->recs.v[i].src;
        r->target_name = a->recs.v[i].tgt;
        r->period = a->recs.v[i].label;
        r->triggers = &a->trig_store[nt];
        for (; j < a->recs.n && !by_key(&a->recs.v[i], &a->recs.v[j]); j++) {
            double w = a->recs.v[j].w;
            r->events++;
            if (w > 0)
                r->cooperation += w;
            else
                r->conflict += w;
            if (r->n_triggers < MAX_TRIG) {
                a->trig_store[nt++] = a->recs.v[j].trigger;
                r->n_triggers++;
            }
        }
        r->score = r->cooperation + r->conflict;
        i = j;
    }
    a->n_rows = nr;
    /* turning points: sign changes of the score between a pair's periods */
    a->turns = rift_xmalloc(nr * sizeof *a->turns);
    size_t nt2 = 0;
    for (size_t i = 0; i < nr;) {
        size_t j = i;
        int sign = 0;
        for (; j < nr && !strcmp(a->rows[j].source_name, a->rows[i].source_name) &&
               !strcmp(a->rows[j].target_name, a->rows[i].target_name); j++) {
            const rift_dyad_row *r = &a->rows[j];
            int s = r->score > 0 ? 1 : r->score < 0 ? -1 : 0;
            if (!s)
                continue;
            if (sign && s != sign) {
                rift_dyad_turn *t = &a->turns[nt2++];
                t->source_name = r->source_name;
                t->target_name = r->target_name;
                t->turn = r->period;
                t->from = sign > 0 ? "cooperation" : "conflict";
                t->to = s > 0 ? "cooperation" : "conflict";
                t->events = r->events;
                t->triggers = r->triggers;
                t->n_triggers = r->n_triggers;
            }
            sign = s;
        }
        i = j;
    }
    a->n_turns = nt2;
}

const rift_dyad_row *rift_dyads_rows(rift_dyads *a, size_t *n)
{
    if (!a) {
        *n = 0;
        return NULL;
    }
    build(a);
    *n = a->n_rows;
    return a->rows;
}

const rift_dyad_turn *rift_dyads_turns(rift_dyads *a, size_t *n)
{
    if (!a) {
        *n = 0;
        return NULL;
    }
    build(a);
    *n = a->n_turns;
    return a->turns;
}

const rift_dyad_row *rift_dyads_row(rift_dyads *a, size_t i)
{
    size_t n;
    const rift_dyad_row *rows = rift_dyads_rows(a, &n);
    return i < n ? &rows[i] : NULL;
}

const rift_dyad_turn *rift_dyads_turn(rift_dyads *a, size_t i)
{
    size_t n;
    const rift_dyad_turn *turns = rift_dyads_turns(a, &n);
    return i < n ? &turns[i] : NULL;
}

const char *rift_dyads_add_event(rift_dyads *a, const char *source, const char *target,
                                 const char *date, double goldstein, const char *trigger)
{
    if (!a || !source || !target || !*source || !*target || !strcmp(source, target))
        return NULL;
    const char *label = label_of(a, date);
    if (!label)
        return NULL;
    drec r;
    r.src = rift_arena_strndup(&a->strs, source, strlen(source));
    r.tgt = rift_arena_strndup(&a->strs, target, strlen(target));
    r.label = label;
    r.trigger = trigger ? rift_arena_strndup(&a->strs, trigger, strlen(trigger)) : "";
    r.w = goldstein;
    RIFT_VEC_PUSH(a->recs, r);
    a->dirty = true;
    return label;
}

static int add_stored(const store_event *e, void *ctx)
{
    rift_dyads_add_event(ctx, e->source, e->target, e->date, e->goldstein, e->trigger);
    return 0;
}

rift_status rift_dyads_add_store(rift_dyads *a, rift_store *st)
{
    if (!a || !st)
        return RIFT_EINVAL;
    /* the actors' names across articles, the article's date when the event
     * has none of its own; negated events are not counted */
    char modes[RIFT_MODES_LIST_MAX];
    return store_read_events(st, rift_modes_list(a->modes, modes), false, add_stored, a);
}
