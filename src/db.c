/* db.c: the store's database interface (db.h) handed to the backend of each
 * connection, SQLite (db_sqlite.c) or PostgreSQL (db_pg.c).
 */
#include "db_int.h"

#include <string.h>

bool db_is_url(const char *t)
{
    return t && (!strncmp(t, "postgresql://", 13) || !strncmp(t, "postgres://", 11));
}

void db_close(db *d)
{
    if (d)
        d->ops->close(d);
}

db_kind db_kind_of(const db *d) { return d->kind; }
void db_set_busy(db *d, db_busy_fn fn, void *ctx) { d->ops->set_busy(d, fn, ctx); }
db_error db_last_error(const db *d, int *sys) { return d->ops->last_error(d, sys); }
const char *db_errmsg(const db *d) { return d->ops->errmsg(d); }
unsigned db_busy_waited(const db *d) { return d->ops->busy_waited(d); }
int db_exec(db *d, const char *sql) { return d->ops->exec(d, sql, false); }
int db_exec_ddl(db *d, const char *sql) { return d->ops->exec(d, sql, true); }
int db_begin(db *d) { return d->ops->begin(d); }
bool db_in_txn(db *d) { return d->ops->in_txn(d); }
long long db_table_count(db *d) { return d->ops->table_count(d); }
bool db_has_table(db *d, const char *t) { return d->ops->has_table(d, t); }
bool db_has_column(db *d, const char *t, const char *c) { return d->ops->has_column(d, t, c); }

void db_rollback(db *d)
{
    if (d->ops->in_txn(d))
        d->ops->exec(d, "ROLLBACK", false);
}

db_stmt *db_prepare(db *d, const char *sql) { return d->ops->prepare(d, sql); }
bool db_readonly(db_stmt *s) { return s->d->ops->readonly(s); }
void db_bind_int64(db_stmt *s, int i, long long v) { s->d->ops->bind_int64(s, i, v); }
void db_bind_double(db_stmt *s, int i, double v) { s->d->ops->bind_double(s, i, v); }
void db_bind_text(db_stmt *s, int i, const char *t, long n) { s->d->ops->bind_text(s, i, t, n); }
void db_bind_null(db_stmt *s, int i) { s->d->ops->bind_null(s, i); }
int db_step(db_stmt *s) { return s->d->ops->step(s); }
int db_column_count(db_stmt *s) { return s->d->ops->column_count(s); }
bool db_column_null(db_stmt *s, int i) { return s->d->ops->column_null(s, i); }
long long db_column_int64(db_stmt *s, int i) { return s->d->ops->column_int64(s, i); }
double db_column_double(db_stmt *s, int i) { return s->d->ops->column_double(s, i); }
const char *db_column_text(db_stmt *s, int i) { return s->d->ops->column_text(s, i); }
size_t db_column_bytes(db_stmt *s, int i) { return s->d->ops->column_bytes(s, i); }
void db_reset(db_stmt *s) { if (s) s->d->ops->reset(s); }
void db_finalize(db_stmt *s) { if (s) s->d->ops->finalize(s); }
