/* db_int.h: what the two database backends (db_sqlite.c, db_pg.c) give
 * db.c: a table of operations, the first member of each handle.
 */
#ifndef RIFT_DB_INT_H
#define RIFT_DB_INT_H

#include "db.h"

typedef struct db_ops {
    void (*close)(db *d);
    void (*set_busy)(db *d, db_busy_fn fn, void *ctx);
    db_error (*last_error)(const db *d, int *sys_errno);
    const char *(*errmsg)(const db *d);
    unsigned (*busy_waited)(const db *d);
    int (*exec)(db *d, const char *sql, bool ddl);
    int (*begin)(db *d);
    bool (*in_txn)(db *d);
    long long (*table_count)(db *d);
    bool (*has_table)(db *d, const char *table);
    bool (*has_column)(db *d, const char *table, const char *column);
    db_stmt *(*prepare)(db *d, const char *sql);
    bool (*readonly)(db_stmt *s);
    void (*bind_int64)(db_stmt *s, int i, long long v);
    void (*bind_double)(db_stmt *s, int i, double v);
    void (*bind_text)(db_stmt *s, int i, const char *t, long len);
    void (*bind_null)(db_stmt *s, int i);
    int (*step)(db_stmt *s);
    int (*column_count)(db_stmt *s);
    bool (*column_null)(db_stmt *s, int i);
    long long (*column_int64)(db_stmt *s, int i);
    double (*column_double)(db_stmt *s, int i);
    const char *(*column_text)(db_stmt *s, int i);
    size_t (*column_bytes)(db_stmt *s, int i);
    void (*reset)(db_stmt *s);
    void (*finalize)(db_stmt *s);
} db_ops;

struct db {
    const db_ops *ops;
    db_kind kind;
};

struct db_stmt {
    db *d;
};

#endif
