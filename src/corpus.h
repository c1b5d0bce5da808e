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

typedef struct corpus_article {
    long id;
    const char *text; size_t len;
    const char *title;          /* may be NULL */
    int days;                   /* publication date in days, CORPUS_NO_DATE */
    const int32_t *actors; size_t n_actors; /* actor ids, sorted, unique */
    const char *times;          /* time expression values, space-separated, or NULL */
    uint64_t simhash;           /* corpus_simhash of the text, when has_simhash */
    bool has_simhash;
} corpus_article;

/* Assigns each article a story (story[i], numbered from 0 in order of the
 * first article of each story).  Returns the number of stories. */
size_t corpus_cluster_stories(const corpus_article *a, size_t n,
                              const rift_story_options *opt, uint32_t *story);

/* 64-bit SimHash of the word 3-shingles of a text (near-duplicates differ in
 * few bits). */
uint64_t corpus_simhash(const char *text, size_t len);

/* Normalised quote text for matching across outlets: lower-case words of
 * letters and digits, one space apart, marks and punctuation dropped.  Heap
 * string; *n_words receives the word count. */
char *corpus_norm_quote(const char *s, size_t len, size_t *n_words);

#endif
