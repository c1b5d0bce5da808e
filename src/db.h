/* db.h: the store's database connection, SQLite (db_sqlite.c) or PostgreSQL
 * (db_pg.c), behind one small statement interface that only store*.c use.
 *
 * SQL is written once, in the dialect both accept: `?` and `?N` parameters,
 * double-quoted "end", ON CONFLICT DO NOTHING, RETURNING, IS DISTINCT FROM.
 * The PostgreSQL side rewrites parameters to $N, group_concat( to
 * string_agg( and instr( to strpos(, and in DDL (db_exec_ddl) INTEGER to
 * BIGINT, REAL to DOUBLE PRECISION, "id INTEGER PRIMARY KEY" to an identity
 * column, and drops WITHOUT ROWID.  Where the dialects differ further the
 * caller asks db_kind_of().
 */
#ifndef RIFT_DB_H
#define RIFT_DB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct db db;
typedef struct db_stmt db_stmt;

typedef enum { DB_SQLITE, DB_PG } db_kind;

enum { DB_DONE = 0, DB_ROW = 1, DB_ERROR = -1 };

/* What went wrong, for the store's messages. */
typedef enum {
    DB_E_NONE, DB_E_OTHER, DB_E_BUSY, DB_E_PERM, DB_E_CANTOPEN, DB_E_FULL, DB_E_NOTADB,
    DB_E_CONNECT
} db_error;

/* the busy callback: another writer holds the store; nonzero gives up */
typedef int (*db_busy_fn)(void *ctx, unsigned waited_s);

/* Is target a PostgreSQL connection URI (postgresql:// or postgres://)? */
bool db_is_url(const char *target);

/* SQLite: opens path read-write (created when absent) or read-only;
 * immutable: read-only, without locks.  PostgreSQL: connects to url.  Both
 * return a handle (check db_last_error) that db_close frees. */
db *db_open_sqlite(const char *path, bool read_only, bool immutable);
db *db_open_pg(const char *url, bool read_only);
void db_close(db *d);

db_kind db_kind_of(const db *d);
void db_set_busy(db *d, db_busy_fn fn, void *ctx);

/* The last error: its class, the system errno where known, the backend's
 * message, and (SQLite) the seconds waited for a busy store. */
db_error db_last_error(const db *d, int *sys_errno);
const char *db_errmsg(const db *d);
unsigned db_busy_waited(const db *d);

/* Runs one or more statements without parameters; 0 on success. */
int db_exec(db *d, const char *sql);
/* The same for schema statements, with PostgreSQL's type rewrites. */
int db_exec_ddl(db *d, const char *sql);
/* BEGIN a write transaction (SQLite: IMMEDIATE); ROLLBACK when one is open */
int db_begin(db *d);
void db_rollback(db *d);
bool db_in_txn(db *d);

/* Schema facts: user tables in the database (-1 on error), one table, one
 * column. */
long long db_table_count(db *d);
bool db_has_table(db *d, const char *table);
bool db_has_column(db *d, const char *table, const char *column);

/* Statements.  A SELECT (or WITH) on PostgreSQL inside a transaction reads
 * through a cursor, a batch of rows at a time, so that a long scan holds
 * little memory and other statements may run between its rows. */
db_stmt *db_prepare(db *d, const char *sql);
bool db_readonly(db_stmt *s);
void db_bind_int64(db_stmt *s, int i, long long v);
void db_bind_double(db_stmt *s, int i, double v);
/* len < 0: up to the NUL; t NULL binds NULL.  The text is copied. */
void db_bind_text(db_stmt *s, int i, const char *t, long len);
void db_bind_null(db_stmt *s, int i);
int db_step(db_stmt *s);               /* DB_ROW, DB_DONE or DB_ERROR */
int db_column_count(db_stmt *s);
bool db_column_null(db_stmt *s, int i);
long long db_column_int64(db_stmt *s, int i);
double db_column_double(db_stmt *s, int i);
const char *db_column_text(db_stmt *s, int i);  /* NULL for NULL */
size_t db_column_bytes(db_stmt *s, int i);
void db_reset(db_stmt *s);             /* ready to run again; bindings cleared */
void db_finalize(db_stmt *s);

#endif
