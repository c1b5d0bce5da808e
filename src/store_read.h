/* store_read.h: the store's typed read queries for the corpus readers
 * (report.c, dyads.c): plain structs and typed row callbacks; the SQL stays
 * in store_report.c, and it runs on SQLite and on PostgreSQL alike.
 *
 * Strings of an array's structs live in the arena given (NULL for SQL
 * NULL); arrays are malloc'ed (the caller frees them).  A row callback's
 * strings are borrowed for the call; the callback returning non-zero stops.
 */
#ifndef RIFT_STORE_READ_H
#define RIFT_STORE_READ_H

#include "internal.h"

/* ---- the corpus at a glance ------------------------------------------------ */

typedef struct store_span {
    const char *first, *last;   /* the earliest and latest article dates */
    long outlets;               /* distinct outlets */
} store_span;
rift_status store_read_span(rift_store *st, rift_arena *ar, store_span *out);

/* ---- events ---------------------------------------------------------------- */

/* An event with both actors named, not negated, of a modality in modes
 * (rift_modes_list), in article and idx order; clause: at most the first
 * 600 bytes of its clause as stored (only when asked for, else NULL). */
typedef struct store_event {
    const char *source, *target, *date, *trigger, *clause;
    double goldstein;
    long article, idx;
} store_event;
typedef int (*store_event_fn)(const store_event *e, void *ctx);
rift_status store_read_events(rift_store *st, const char *modes, bool with_clause,
                              store_event_fn fn, void *ctx);

/* One event (article, idx) with its article's outlet, title and address;
 * *found false when there is none. */
typedef struct store_event_info {
    const char *date, *trigger, *outlet, *title, *clause, *plover, *url;
} store_event_info;
rift_status store_read_event_info(rift_store *st, long article, long idx, rift_arena *ar,
                                  store_event_info *out, bool *found);

/* ---- articles ------------------------------------------------------------------ */

/* Every article in id order: its story (0: none) and SimHash. */
typedef struct store_art_key {
    long id, story;
    uint64_t sh;
    bool has_sh;                /* false: no SimHash stored */
} store_art_key;
rift_status store_read_art_keys(rift_store *st, store_art_key **v, size_t *n);

/* An article's first sentences (at most max of them, each cut to 600
 * bytes), in ar; *n of them. */
rift_status store_read_lead(rift_store *st, long article, size_t max, rift_arena *ar,
                            const char ***sents, size_t *n);

/* ---- stories --------------------------------------------------------------------- */

/* The largest stories (at most limit), by articles then id; outlets: the
 * outlets' names by their first article, separated by 0x1f. */
typedef struct store_story {
    long id, n_articles, n_outlets;
    const char *title, *first_date, *last_date, *outlets;
} store_story;
rift_status store_read_top_stories(rift_store *st, long limit, rift_arena *ar,
                                   store_story **v, size_t *n);

/* A story's articles (at most max_arts), by date (undated last) then id,
 * and its dated events that are not negated (at most max_events), by date. */
typedef struct store_story_art {
    long id;
    const char *date, *outlet, *title, *doc_id, *origin, *url;
} store_story_art;
typedef struct store_story_event {
    const char *date, *source, *target, *trigger, *outlet, *plover, *url;
    double goldstein;
} store_story_event;
rift_status store_read_story(rift_store *st, long story, long max_arts, long max_events,
                             rift_arena *ar, store_story_art **arts, size_t *n_arts,
                             store_story_event **evs, size_t *n_evs);

/* ---- quotes ------------------------------------------------------------------------ */

/* The speakers quoted most (at most limit; anonymous ones left out). */
typedef struct store_speaker {
    const char *name;
    long quotes, outlets, articles;
} store_speaker;
rift_status store_read_speakers(rift_store *st, long limit, rift_arena *ar,
                                store_speaker **v, size_t *n);

/* A quote with its corroboration: n_outlets and n_articles 1 when unknown,
 * claim 0 when none; outlets: every outlet carrying its claim, by name. */
typedef struct store_quote {
    const char *text, *outlet, *date, *title, *first_outlet, *first_date, *via_name;
    const char *outlets, *url, *speaker_text, *speaker;
    long n_outlets, n_articles, claim;
} store_quote;
/* The quotes of each of n_speakers speakers (at most limit of each, one
 * scan for all), by speaker, then whole ones first, by outlets and length;
 * speakers NULL: the quotes without a named speaker that several articles
 * carry (at most limit), *claims set to the number of their claims. */
rift_status store_read_quotes(rift_store *st, const char *const *speakers, size_t n_speakers,
                              long limit, rift_arena *ar, store_quote **v, size_t *n,
                              long *claims);

/* ---- actors -------------------------------------------------------------------------- */

/* The actors mentioned most (at most limit; outlets left out), with their
 * events as source and as target and their quotes. */
typedef struct store_actor_sum {
    const char *name, *type, *first_date, *last_date;
    long n_articles, n_mentions, acts, acted_on, quotes;
} store_actor_sum;
rift_status store_read_top_actors(rift_store *st, long limit, rift_arena *ar,
                                  store_actor_sum **v, size_t *n);

#endif
