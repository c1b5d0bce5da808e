/* corpus.h: what the corpus passes (actors_corpus.c, stories.c) share with
 * the store (store.c): plain in-memory inputs and outputs.  The passes never
 * see SQL and never touch files; only store.c reads and writes the database.
 */
#ifndef RIFT_CORPUS_H
#define RIFT_CORPUS_H

#include "internal.h"

#include <limits.h>

/* ---- actors: one identity per real actor across articles --------------- */

typedef struct corpus_entity {
    long article;          /* article row id; entities come sorted by article */
    const char *name;      /* the entity's name, fullest form in its document */
    const char *code;      /* actor code from a user list, or NULL */
    const char *roles;     /* roles joined by "; ", or NULL */
    int type;              /* rift_entity_type */
    int32_t actor;         /* out: index into the actors */
} corpus_entity;

typedef struct corpus_actor {
    const char *name;      /* borrowed from an entity: the most frequent full name */
    const char *code;      /* borrowed, or NULL */
    int type;
} corpus_actor;

/* Links every entity to an actor (e[i].actor) and returns the actors in
 * order of first appearance (heap array, free()).  Deterministic. */
corpus_actor *corpus_link_actors(corpus_entity *e, size_t n, size_t *n_actors);

/* Does some role of a ("; "-joined) equal some role of b, ignoring case? */
bool corpus_share_role(const char *a, const char *b);

/* Appends the first and last word of a folded name of two words or more
 * ("ana maria ruiz" -> "ana ruiz"): the identity key of a full name. */
void corpus_first_last(const char *key, rift_buf *out);

/* Folds a name for comparison: lower case, periods and honorifics dropped,
 * single-letter initials dropped, runs of space collapsed.  Heap string. */
char *corpus_fold_name(const char *s, size_t *n_words);

/* ---- stories: articles that report the same story ---------------------- */

#define CORPUS_NO_DATE INT_MIN
#define CORPUS_WINDOW_DAYS 14 /* rift_story_options.window_days by default */

typedef struct corpus_article {
    long id;
    const char *text; size_t len;
    const char *title;          /* may be NULL */
    int days;                   /* publication date in days, CORPUS_NO_DATE */
    const int32_t *actors; size_t n_actors; /* actor ids, sorted, unique */
    const char *times;          /* time expression values, space-separated, or NULL */
    uint64_t simhash;           /* corpus_simhash of the text, when has_simhash */
    bool has_simhash;
    /* terms already counted (corpus_story_terms): then text, title, actors
     * and times are not read */
    const struct corpus_term *terms; size_t n_terms;
    long story;                 /* a story the article is in and stays in; 0: none */
    size_t story_size;          /* that story's articles, those not given included */
} corpus_article;

/* Orders days, undated (CORPUS_NO_DATE) last: <0, 0, >0. */
int corpus_cmp_days(int x, int y);

/* A term of an article (a hashed word, title word, date or actor, never 0)
 * and its count; or, in a corpus_df, the articles holding it. */
typedef struct corpus_term { uint64_t t; float w; } corpus_term;

/* Document frequencies: v sorted by term, docs the articles counted. */
typedef struct corpus_df { const corpus_term *v; size_t n; long docs; } corpus_df;

/* Assigns each article a story (story[i], numbered from 0 in order of the
 * first article of each story).  Returns the number of stories. */
size_t corpus_cluster_stories(const corpus_article *a, size_t n,
                              const rift_story_options *opt, uint32_t *story);

/* The same with document frequencies from df (NULL: counted over a), and
 * articles with a story (a[i].story) kept in it: two articles of
 * different stories never share one, articles of one story always do,
 * and a group holding any of them is not cut. */
size_t corpus_cluster_stories_df(const corpus_article *a, size_t n,
                                 const rift_story_options *opt, const corpus_df *df,
                                 uint32_t *story);

/* The term counts of an article (its text, title, actors and times),
 * sorted by term; heap array, *n terms. */
corpus_term *corpus_story_terms(const corpus_article *a, size_t *n);

/* The up to max heaviest terms of t[0..n) by TF-IDF under df, heaviest
 * first (ties: lower term), with their counts; heap array, *out terms. */
corpus_term *corpus_story_top(const corpus_term *t, size_t n, const corpus_df *df, size_t max,
                              size_t *out);

/* 64-bit SimHash of the word 3-shingles of a text (near-duplicates differ in
 * few bits). */
uint64_t corpus_simhash(const char *text, size_t len);

/* Normalised quote text for matching across outlets: lower-case words of
 * letters and digits, one space apart, marks and punctuation dropped.  Heap
 * string; *n_words receives the word count. */
char *corpus_norm_quote(const char *s, size_t len, size_t *n_words);

#endif
