/* store_int.h: what the store's files (store.c: schema, writing, queries;
 * store_passes.c, store_stories.c: the corpus passes) share: the handle and its helpers.
 */
#ifndef RIFT_STORE_INT_H
#define RIFT_STORE_INT_H

#include "corpus.h"
#include "db.h"

/* statements of rift_store_add_doc, prepared once per store */
enum { ST_FIND, ST_ARTICLE, ST_PENDING, ST_SENT, ST_ENT, ST_MENTION, ST_QUOTE, ST_TIME, ST_EVENT, ST_N };

struct rift_store {
    db *db;
    char *path;          /* the file, or the URL without its password */
    char errmsg[512];
    bool in_batch;
    bool batch_lost;     /* the database rolled the open batch back after an error */
    bool read_only;
    rift_store_busy_fn busy;
    void *busy_ctx;
    db_stmt *stmt[ST_N];
};

/* errmsg from the database's last error, after what; RIFT_EIO */
rift_status store_fail(rift_store *st, const char *what);
/* runs statements without parameters; an error is named after the first word */
rift_status store_exec(rift_store *st, const char *sql);
/* a statement, or NULL with errmsg set */
db_stmt *store_prep(rift_store *st, const char *sql);
void store_bind_text(db_stmt *s, int i, const char *t);
/* steps a statement that returns no row, then resets it */
bool store_step_done(rift_store *st, db_stmt *s);
/* a column's text, copied (NULL for NULL) */
char *store_dup_col(db_stmt *s, int i);
/* runs fn inside a transaction unless a batch is open already */
rift_status store_in_txn(rift_store *st, rift_status (*fn)(rift_store *, const void *),
                         const void *arg);

/* The stories pass (store_stories.c): the articles of pass_pending not yet
 * in a story placed, or with all every article clustered again. */
rift_status store_stories(rift_store *st, const rift_story_options *opt, bool all);

#endif
