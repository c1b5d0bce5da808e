/* test_dyads.c: the dyad accumulator (src/dyads.c): sums per pair and
 * period, cooperation and conflict signs, turning points, period labels.
 * Builds documents by hand so that it tests the arithmetic, not the coder.
 */
#include "internal.h"
#include "test.h"

#include <stdlib.h>

/* A document with two entities and the given events (arena-owned). */
static rift_doc *doc_with(const char *const *dates, const double *w, const int *neg,
                          const int *dir, size_t n)
{
    rift_doc *d = rift_xmalloc(sizeof *d);
    memset(d, 0, sizeof *d);
    rift_arena_init(&d->arena);
    d->text = rift_arena_strndup(&d->arena, "praised rebuked", 15);
    d->len = 15;
    d->n_entities = 2;
    d->entities = rift_arena_alloc(&d->arena, 2 * sizeof *d->entities);
    d->entities[0].name = "Ada Stone";
    d->entities[1].name = "Ben Cole";
    d->n_events = n;
    d->events = rift_arena_alloc(&d->arena, n * sizeof *d->events);
    for (size_t i = 0; i < n; i++) {
        rift_event *e = &d->events[i];
        e->source = dir[i] ? 1 : 0;
        e->target = dir[i] ? 0 : 1;
        e->goldstein = w[i];
        e->negated = neg[i];
        e->date = dates[i];
        e->trigger.start = w[i] > 0 ? 0 : 8;
        e->trigger.end = w[i] > 0 ? 7 : 15;
    }
    return d;
}

static void free_doc(rift_doc *d)
{
    rift_arena_release(&d->arena);
    free(d);
}

int main(void)
{
    const char *dates[] = {"2022", "2025-05-02", "2025-05-20", "2025-06-05",
                           "2025-W23", "2025-06-01", "2025-06-01"};
    const double w[] = {3.4, 3.4, -2.0, -2.0, -5.0, -9.0, -2.0};
    const int neg[] = {0, 0, 0, 0, 0, 1, 0};
    const int dir[] = {0, 0, 0, 0, 0, 0, 1};
    rift_doc *d = doc_with(dates, w, neg, dir, 7);

    rift_dyads *acc = rift_dyads_new(RIFT_PERIOD_MONTH);
    rift_dyads_add_doc(acc, d);
    size_t nr, nt;
    const rift_dyad_row *r = rift_dyads_rows(acc, &nr);
    CHECK(nr == 4, "four rows (A->B: 2022, 2025-05, 2025-06; B->A: 2025-06), got %zu", nr);
    if (nr == 4) {
        CHECK_STR(r[0].source_name, "Ada Stone", "row 0 source");
        CHECK_STR(r[0].period, "2022", "a year-only date keeps its own label");
        CHECK_STR(r[1].period, "2025-05", "row 1 period");
        CHECK(r[1].events == 2, "2025-05 has two events, got %zu", r[1].events);
        CHECK(r[1].cooperation > 3.39 && r[1].cooperation < 3.41, "cooperation %.2f", r[1].cooperation);
        CHECK(r[1].conflict < -1.99 && r[1].conflict > -2.01, "conflict is negative: %.2f", r[1].conflict);
        CHECK(r[1].score > 1.39 && r[1].score < 1.41, "score is the sum: %.2f", r[1].score);
        CHECK_STR(r[2].period, "2025-06", "a week value falls in its month");
        CHECK(r[2].events == 2, "the negated event is not counted: %zu", r[2].events);
        CHECK(r[2].score < -6.99 && r[2].score > -7.01, "June score %.2f", r[2].score);
        CHECK_STR(r[3].source_name, "Ben Cole", "the reverse pair is its own row");
    }
    const rift_dyad_turn *t = rift_dyads_turns(acc, &nt);
    CHECK(nt == 1, "one turning point, got %zu", nt);
    if (nt == 1) {
        CHECK_STR(t[0].turn, "2025-06", "turn period");
        CHECK_STR(t[0].from, "cooperation", "turn from");
        CHECK_STR(t[0].to, "conflict", "turn to");
        CHECK(t[0].n_triggers == 2 && !strcmp(t[0].triggers[0], "rebuked"),
              "the turn lists its events' triggers");
    }
    rift_dyads_free(acc);

    acc = rift_dyads_new(RIFT_PERIOD_WEEK);
    rift_dyads_add_doc(acc, d);
    r = rift_dyads_rows(acc, &nr);
    bool w22 = false, w23 = false;
    for (size_t i = 0; i < nr; i++) {
        w22 |= !strcmp(r[i].period, "2025-W18"); /* 2025-05-02 */
        w23 |= !strcmp(r[i].period, "2025-W23"); /* 2025-06-05 and W23 */
    }
    CHECK(w22 && w23, "ISO week labels");
    rift_dyads_free(acc);

    acc = rift_dyads_new(RIFT_PERIOD_QUARTER);
    rift_dyads_add_doc(acc, d);
    r = rift_dyads_rows(acc, &nr);
    CHECK(nr >= 2 && !strcmp(r[1].period, "2025-Q2"), "quarter label");
    rift_dyads_free(acc);

    /* modalities: by default only asserted events count; --modes adds others */
    d->events[1].modality = RIFT_MOD_FUTURE;    /* 2025-05-02, +3.4 */
    d->events[2].modality = RIFT_MOD_THREATENED; /* 2025-05-20, -2.0 */
    acc = rift_dyads_new(RIFT_PERIOD_MONTH);
    rift_dyads_add_doc(acc, d);
    r = rift_dyads_rows(acc, &nr);
    bool may = false;
    for (size_t i = 0; i < nr; i++)
        may |= !strcmp(r[i].period, "2025-05");
    CHECK(nr == 3 && !may, "default: the future and threatened events of 2025-05 are not "
          "counted (%zu rows)", nr);
    rift_dyads_free(acc);
    unsigned modes = 0;
    CHECK(rift_modes_parse("asserted,future", &modes) == RIFT_OK &&
          modes == ((1u << RIFT_MOD_ASSERTED) | (1u << RIFT_MOD_FUTURE)),
          "rift_modes_parse: asserted,future");
    acc = rift_dyads_new(RIFT_PERIOD_MONTH);
    rift_dyads_set_modes(acc, modes);
    rift_dyads_add_doc(acc, d);
    r = rift_dyads_rows(acc, &nr);
    CHECK(nr == 4 && r[1].events == 1 && r[1].score > 3.39 && r[1].score < 3.41,
          "asserted,future: the future event counts, the threatened one not");
    rift_dyads_free(acc);
    CHECK(rift_modes_parse("all", &modes) == RIFT_OK && modes == RIFT_MODES_ALL,
          "rift_modes_parse: all");
    acc = rift_dyads_new(RIFT_PERIOD_MONTH);
    rift_dyads_set_modes(acc, modes);
    rift_dyads_add_doc(acc, d);
    r = rift_dyads_rows(acc, &nr);
    CHECK(nr == 4 && r[1].events == 2, "all: both count again");
    rift_dyads_free(acc);
    CHECK(rift_modes_parse("asserted,bogus", &modes) == RIFT_EINVAL, "an unknown modality");
    CHECK(rift_modes_parse("asserted,", &modes) == RIFT_EINVAL, "an empty name");
    CHECK(rift_modes_parse("", &modes) == RIFT_EINVAL, "an empty list");

    rift_dyads_free(NULL);
    free_doc(d);
    return TEST_DONE();
}
