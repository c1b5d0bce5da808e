/* db_sqlite.c: the SQLite backend of the store's database interface (db.h):
 * the only file that includes sqlite3.h.  WAL journal, a busy handler that
 * polls and asks the caller, and SQLite's errors sorted into db_error.
 */
#include "db_int.h"
#include "internal.h"

#include <sqlite3.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct sdb {
    db base;
    sqlite3 *h;
    db_busy_fn busy;
    void *busy_ctx;
    double busy_t0;                  /* when the current wait began */
    unsigned busy_waited, busy_said; /* seconds waited; reported to busy() */
} sdb;

typedef struct sstmt {
    db_stmt base;
    sqlite3_stmt *s;
} sstmt;

static sdb *S(const db *d) { return (sdb *)d; }
static sqlite3_stmt *T(db_stmt *s) { return ((sstmt *)s)->s; }

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Another process holds the write lock: polls, and asks busy() about once
 * a second whether to go on waiting (without one, RIFT_STORE_BUSY_WAIT). */
static int on_busy(void *arg, int count)
{
    sdb *d = arg;
    double t = now_s();
    if (count == 0) {
        d->busy_t0 = t;
        d->busy_said = 0;
    }
    d->busy_waited = (unsigned)(t - d->busy_t0);
    if (d->busy_waited > d->busy_said) {
        d->busy_said = d->busy_waited;
        if (d->busy ? d->busy(d->busy_ctx, d->busy_waited) != 0
                    : d->busy_waited >= RIFT_STORE_BUSY_WAIT)
            return 0;
    }
    sqlite3_sleep(count < 20 ? 5 : 50);
    return 1;
}

static void s_close(db *d)
{
    sqlite3_close(S(d)->h);
    free(d);
}

static void s_set_busy(db *d, db_busy_fn fn, void *ctx)
{
    S(d)->busy = fn;
    S(d)->busy_ctx = ctx;
}

static db_error s_last_error(const db *d, int *sys)
{
    sqlite3 *h = S(d)->h;
    int code = h ? sqlite3_errcode(h) & 0xff : SQLITE_CANTOPEN;
    int e = h ? sqlite3_system_errno(h) : 0;
    if (sys)
        *sys = e;
    switch (code) {
    case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return DB_E_NONE;
    case SQLITE_BUSY: return DB_E_BUSY;
    case SQLITE_READONLY: case SQLITE_PERM: return DB_E_PERM;
    case SQLITE_FULL: return DB_E_FULL;
    case SQLITE_NOTADB: return DB_E_NOTADB;
    case SQLITE_CANTOPEN:
        return e == EACCES || e == EPERM || e == EROFS ? DB_E_PERM : DB_E_CANTOPEN;
    case SQLITE_IOERR:
        if (e == EACCES || e == EPERM || e == EROFS)
            return DB_E_PERM;
        if (e == ENOSPC || e == EDQUOT || e == EFBIG)
            return DB_E_FULL;
        return DB_E_OTHER;
    default: return DB_E_OTHER;
    }
}

static const char *s_errmsg(const db *d)
{
    return S(d)->h ? sqlite3_errmsg(S(d)->h) : "cannot open";
}

static unsigned s_busy_waited(const db *d) { return S(d)->busy_waited; }

static int s_exec(db *d, const char *sql, bool ddl)
{
    return sqlite3_exec(S(d)->h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int s_begin(db *d) { return s_exec(d, "BEGIN IMMEDIATE", false); }
static bool s_in_txn(db *d) { return !sqlite3_get_autocommit(S(d)->h); }

static db_stmt *s_prepare(db *d, const char *sql)
{
    sqlite3_stmt *p = NULL;
    if (sqlite3_prepare_v2(S(d)->h, sql, -1, &p, NULL) != SQLITE_OK)
        return NULL;
    sstmt *s = rift_xmalloc(sizeof *s);
    s->base.d = d;
    s->s = p;
    return &s->base;
}

static long long one_int(db *d, const char *sql, const char *a, const char *b)
{
    db_stmt *s = s_prepare(d, sql);
    if (!s)
        return -1;
    if (a)
        sqlite3_bind_text(T(s), 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(T(s), 2, b, -1, SQLITE_TRANSIENT);
    long long v = sqlite3_step(T(s)) == SQLITE_ROW ? sqlite3_column_int64(T(s), 0) : -1;
    sqlite3_finalize(T(s));
    free(s);
    return v;
}

static long long s_table_count(db *d)
{
    return one_int(d, "SELECT count(*) FROM sqlite_master", NULL, NULL);
}

static bool s_has_table(db *d, const char *t)
{
    return one_int(d, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?", t,
                   NULL) > 0;
}

static bool s_has_column(db *d, const char *t, const char *c)
{
    return one_int(d, "SELECT count(*) FROM pragma_table_info(?1) WHERE name=?2", t, c) > 0;
}

static bool s_readonly(db_stmt *s) { return sqlite3_stmt_readonly(T(s)) != 0; }
static void s_bind_int64(db_stmt *s, int i, long long v) { sqlite3_bind_int64(T(s), i, v); }
static void s_bind_double(db_stmt *s, int i, double v) { sqlite3_bind_double(T(s), i, v); }
static void s_bind_null(db_stmt *s, int i) { sqlite3_bind_null(T(s), i); }

static void s_bind_text(db_stmt *s, int i, const char *t, long n)
{
    if (t)
        sqlite3_bind_text(T(s), i, t, n < 0 ? -1 : (int)n, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(T(s), i);
}

static int s_step(db_stmt *s)
{
    int rc = sqlite3_step(T(s));
    return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : DB_ERROR;
}

static int s_column_count(db_stmt *s) { return sqlite3_column_count(T(s)); }
static bool s_column_null(db_stmt *s, int i) { return sqlite3_column_type(T(s), i) == SQLITE_NULL; }
static long long s_column_int64(db_stmt *s, int i) { return sqlite3_column_int64(T(s), i); }
static double s_column_double(db_stmt *s, int i) { return sqlite3_column_double(T(s), i); }
static const char *s_column_text(db_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(T(s), i);
}
static size_t s_column_bytes(db_stmt *s, int i) { return (size_t)sqlite3_column_bytes(T(s), i); }

static void s_reset(db_stmt *s)
{
    sqlite3_reset(T(s));
    sqlite3_clear_bindings(T(s));
}

static void s_finalize(db_stmt *s)
{
    sqlite3_finalize(T(s));
    free(s);
}

static const db_ops sqlite_ops = {
    s_close, s_set_busy, s_last_error, s_errmsg, s_busy_waited, s_exec, s_begin, s_in_txn,
    s_table_count, s_has_table, s_has_column, s_prepare, s_readonly, s_bind_int64,
    s_bind_double, s_bind_text, s_bind_null, s_step, s_column_count, s_column_null,
    s_column_int64, s_column_double, s_column_text, s_column_bytes, s_reset, s_finalize,
};

db *db_open_sqlite(const char *path, bool read_only, bool immutable)
{
    sdb *d = rift_xmalloc(sizeof *d);
    memset(d, 0, sizeof *d);
    d->base.ops = &sqlite_ops;
    d->base.kind = DB_SQLITE;
    int rc;
    if (!immutable) {
        rc = sqlite3_open_v2(path, &d->h,
                             read_only ? SQLITE_OPEN_READONLY
                                       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    } else {
        /* a URI: file:PATH?immutable=1, PATH percent-encoded */
        rift_buf u;
        rift_buf_init(&u);
        rift_buf_puts(&u, "file:");
        const char *p = path;
        while (p[0] == '/' && p[1] == '/')
            p++; /* "file://" would start an authority */
        for (; *p; p++) {
            unsigned char c = (unsigned char)*p;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                strchr("/._-~", c))
                rift_buf_putc(&u, (char)c);
            else
                rift_buf_printf(&u, "%%%02X", c);
        }
        rift_buf_puts(&u, "?immutable=1");
        rc = sqlite3_open_v2(u.data, &d->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        rift_buf_free(&u);
    }
    (void)rc; /* the error shows in db_last_error */
    if (d->h)
        sqlite3_busy_handler(d->h, on_busy, d);
    /* readers (rift report, export, ...) scan and look up much of the file:
     * a page cache of 16 MiB and the first 64 MiB mapped rather than read a
     * page at a time (a bound on the memory either way) */
    if (d->h && read_only)
        sqlite3_exec(d->h, "PRAGMA cache_size=-16384; PRAGMA mmap_size=67108864;", NULL, NULL,
                     NULL);
    return &d->base;
}
