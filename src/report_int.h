/* report_int.h: the report's helpers shared by report.c and its parts: the
 * real-time axis, label placement, story titles from leads, article copies.
 */
#ifndef RIFT_REPORT_INT_H
#define RIFT_REPORT_INT_H

#include "internal.h"

/* ---- report_axis.c: time on an axis, labels that never overlap ------------ */

/* The days [*d0, *d1) of a period label of the dyads accumulator ("2026",
 * "2026-Q1", "2026-03", "2026-W07"); false for anything else. */
bool report_period_days(const char *label, int *d0, int *d1);

/* A text label on one line of an SVG: anchored at x ('s'tart, 'm'iddle or
 * 'e'nd), n bytes of UTF-8; prio: higher ones are placed first. */
typedef struct report_label {
    double x;
    const char *text;
    char anchor;
    int prio;
    double x0, x1;      /* out: its estimated box */
    bool keep;          /* out: placed */
} report_label;

/* The estimated width of text in the report's SVG font (11 px). */
double report_text_width(const char *text, double px);
/* Keeps the labels whose boxes (at px per font size) lie in [lo, hi] and
 * meet no label already kept, by priority then left to right: no two kept
 * boxes come nearer than gap.  Linear in n for a bounded number kept. */
void report_place_labels(report_label *v, size_t n, double px, double lo, double hi,
                         double gap);

/* ---- report_lead.c: a story's title from its lead ------------------------- */

/* A headline from an article's first sentences (n of them): the first of
 * five words or more (else the first), without a dateline ("PORT VELLAN
 * (Reuters) -"), cut at a word to at most max bytes with an ellipsis.
 * Appends it to out (unescaped); false when there is no text. */
bool report_lead_title(rift_buf *out, const char *const *sents, size_t n, size_t max);

/* ---- report_copies.c: copies of one article ------------------------------- */

/* Articles of one story whose SimHash differs in three bits or fewer are
 * copies; canon[i] is the index of the first of a's copies (itself when it
 * has none).  a holds n articles in id order: story id (0: none) and
 * SimHash (has_sh false: unknown, never a copy). */
typedef struct report_art {
    long story;
    uint64_t sh;
    bool has_sh;
} report_art;
void report_copies(const report_art *a, size_t n, size_t *canon);

/* A set of 64-bit hashes (of the events already counted): at most 32 bytes
 * an entry.  report_seen_add adds h and says whether it was there already. */
typedef struct report_seen {
    uint64_t *v;
    size_t cap, n;
} report_seen;
bool report_seen_add(report_seen *s, uint64_t h);
void report_seen_free(report_seen *s);

#endif
