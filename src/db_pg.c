/* db_pg.c: the PostgreSQL backend of the store's database interface (db.h),
 * over libpq: the only file that includes libpq-fe.h.  Statements are
 * prepared once on the server; a SELECT reads through a cursor, FETCH_ROWS
 * rows at a time, inside the open transaction (or one of its own).
 */
#include "db_int.h"
#include "internal.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FETCH_ROWS 2000

typedef struct pdb {
    db base;
    PGconn *c;
    char err[512];
    char state[6];        /* SQLSTATE of the last error, "" when none */
    db_error cls;
    unsigned seq;         /* names of prepared statements and cursors */
    int cursors;          /* cursors open in own_txn */
    bool own_txn;         /* a transaction begun for cursors, not by the caller */
    bool pipe;            /* in pipeline mode: writes sent, their results not read */
    int queued;           /* commands sent in the pipeline */
    bool sticky;          /* a pipelined write failed where nobody could be told:
                           * err holds it for the next statement */
} pdb;

typedef struct pstmt {
    db_stmt base;
    char *sql;            /* in PostgreSQL's dialect */
    bool select;          /* read through a cursor */
    bool returns;         /* a write that returns rows (RETURNING) */
    bool prepared;
    char name[24];        /* of the prepared statement, or of the cursor */
    int nparams;
    char **vals;          /* text of each parameter, NULL for NULL */
    PGresult *res;        /* the current batch of rows */
    int row, nrows;
    bool started, cursor_open, exhausted;
    int runs;             /* times run before: a SELECT run again is a lookup */
} pstmt;

static pdb *P(const db *d) { return (pdb *)d; }
static pstmt *Q(db_stmt *s) { return (pstmt *)s; }

/* ---- errors ---------------------------------------------------------------- */

static void set_error(pdb *d, const PGresult *r)
{
    const char *m = r ? PQresultErrorMessage(r) : NULL;
    if (!m || !*m)
        m = PQerrorMessage(d->c);
    snprintf(d->err, sizeof d->err, "%s", m && *m ? m : "unknown PostgreSQL error");
    size_t n = strlen(d->err);
    while (n && (d->err[n - 1] == '\n' || d->err[n - 1] == ' '))
        d->err[--n] = '\0';
    const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    snprintf(d->state, sizeof d->state, "%s", st ? st : "");
    if (PQstatus(d->c) != CONNECTION_OK)
        d->cls = DB_E_CONNECT;
    else if (!strcmp(d->state, "53100"))
        d->cls = DB_E_FULL;
    else if (!strcmp(d->state, "42501") || !strcmp(d->state, "25006"))
        d->cls = DB_E_PERM;
    else if (!strcmp(d->state, "55P03") || !strcmp(d->state, "40P01") ||
             !strcmp(d->state, "40001"))
        d->cls = DB_E_BUSY;
    else
        d->cls = DB_E_OTHER;
}

static void clear_error(pdb *d)
{
    if (d->sticky)
        return;
    d->cls = DB_E_NONE;
    d->err[0] = d->state[0] = '\0';
}

/* Ends pipeline mode: reads the results of the writes sent; false (and the
 * first error) when one of them failed. */
static bool drain(pdb *d)
{
    if (d->sticky) {
        d->sticky = false;
        return false;
    }
    if (!d->pipe)
        return true;
    bool ok = true;
    if (PQpipelineSync(d->c) != 1) {
        set_error(d, NULL);
        d->pipe = false;
        return false;
    }
    /* each command's results end with NULL; the sync gives PGRES_PIPELINE_SYNC */
    for (;;) {
        PGresult *r = PQgetResult(d->c);
        if (!r) {
            if (PQstatus(d->c) != CONNECTION_OK) {
                set_error(d, NULL);
                ok = false;
                break;
            }
            continue;
        }
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_FATAL_ERROR && ok) {
            set_error(d, r);
            ok = false;
        }
        PQclear(r);
        if (t == PGRES_PIPELINE_SYNC)
            break;
    }
    PQexitPipelineMode(d->c);
    d->pipe = false;
    d->queued = 0;
    return ok;
}

/* Sends a prepared write without waiting for its result (pipeline mode,
 * inside a transaction); drains every PIPE_MAX commands so that neither
 * side's buffers fill. */
#define PIPE_MAX 1000
static bool send_write(pdb *d, pstmt *q)
{
    if (!d->pipe) {
        if (PQenterPipelineMode(d->c) != 1) {
            set_error(d, NULL);
            return false;
        }
        d->pipe = true;
    }
    if (!q->prepared) {
        snprintf(q->name, sizeof q->name, "rift_s%u", ++d->seq);
        if (PQsendPrepare(d->c, q->name, q->sql, q->nparams, NULL) != 1) {
            set_error(d, NULL);
            return false;
        }
        q->prepared = true;
        d->queued++;
    }
    if (PQsendQueryPrepared(d->c, q->name, q->nparams, (const char *const *)q->vals, NULL,
                            NULL, 0) != 1) {
        set_error(d, NULL);
        return false;
    }
    return ++d->queued < PIPE_MAX || drain(d);
}

/* Runs sql (no parameters); true when it succeeded. */
static bool run(pdb *d, const char *sql)
{
    if (!drain(d))
        return false;
    PGresult *r = PQexec(d->c, sql);
    ExecStatusType t = PQresultStatus(r);
    bool ok = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_EMPTY_QUERY;
    if (!ok)
        set_error(d, r);
    PQclear(r);
    return ok;
}

/* ---- the dialect --------------------------------------------------------- */

static bool word_at(const char *s, size_t i, const char *w, size_t start)
{
    size_t n = strlen(w);
    if (strncasecmp(s + i, w, n))
        return false;
    char before = i > start ? s[i - 1] : ' ', after = s[i + n];
    bool wb = !(before == '_' || (before >= 'a' && before <= 'z') ||
                (before >= 'A' && before <= 'Z') || (before >= '0' && before <= '9') ||
                before == '.');
    bool wa = !(after == '_' || (after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') ||
                (after >= '0' && after <= '9'));
    return wb && (wa || w[n - 1] == '(');
}

/* SQLite's dialect as written in store*.c to PostgreSQL's: parameters ?N
 * and ? to $N; group_concat( and instr(; in DDL the types.  Strings and
 * quoted names are copied as they are.  *nparams: the highest parameter. */
static char *translate(const char *in, bool ddl, int *nparams)
{
    static const struct { const char *from, *to; bool ddl; } rw[] = {
        {"group_concat(", "string_agg(", false},
        {"instr(", "strpos(", false},
        {"id INTEGER PRIMARY KEY", "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", true},
        {"INTEGER", "BIGINT", true},
        {"REAL", "DOUBLE PRECISION", true},
        {"WITHOUT ROWID", "", true},
    };
    rift_buf b;
    rift_buf_init(&b);
    int seq = 0, maxp = 0;
    size_t n = strlen(in);
    for (size_t i = 0; i < n;) {
        char c = in[i];
        if (c == '\'' || c == '"') {
            size_t j = i + 1;
            while (j < n && in[j] != c)
                j++;
            j = j < n ? j + 1 : n;
            rift_buf_put(&b, in + i, j - i);
            i = j;
            continue;
        }
        if (c == '?') {
            i++;
            int k = 0;
            if (in[i] >= '0' && in[i] <= '9') {
                while (in[i] >= '0' && in[i] <= '9')
                    k = k * 10 + (in[i++] - '0');
            } else {
                k = ++seq;
            }
            if (k > maxp)
                maxp = k;
            rift_buf_printf(&b, "$%d", k);
            continue;
        }
        bool done = false;
        for (size_t r = 0; r < sizeof rw / sizeof *rw && !done; r++) {
            if ((rw[r].ddl && !ddl) || !word_at(in, i, rw[r].from, 0))
                continue;
            rift_buf_puts(&b, rw[r].to);
            i += strlen(rw[r].from);
            done = true;
        }
        if (!done)
            rift_buf_putc(&b, in[i++]);
    }
    *nparams = maxp;
    char *out = rift_xstrdup(b.data ? b.data : "");
    rift_buf_free(&b);
    return out;
}

/* ---- the connection ---------------------------------------------------------- */

static void p_close(db *d)
{
    if (P(d)->c)
        PQfinish(P(d)->c);
    free(d);
}

static void p_set_busy(db *d, db_busy_fn fn, void *ctx) { (void)d; (void)fn; (void)ctx; }

static db_error p_last_error(const db *d, int *sys)
{
    if (sys)
        *sys = 0;
    return P(d)->cls;
}

static const char *p_errmsg(const db *d) { return P(d)->err; }
static unsigned p_busy_waited(const db *d) { (void)d; return 0; }

/* Inside a transaction, one statement goes down the pipeline with the writes
 * before it: a SAVEPOINT is not waited for (an error shows at the next
 * statement that is), anything else is, in the same round trip. */
static bool pipelined(pdb *d, const char *sql)
{
    if (strchr(sql, ';') || !(d->pipe || PQtransactionStatus(d->c) == PQTRANS_INTRANS))
        return false;
    if (!d->pipe) {
        if (PQenterPipelineMode(d->c) != 1)
            return false;
        d->pipe = true;
    }
    if (PQsendQueryParams(d->c, sql, 0, NULL, NULL, NULL, NULL, 0) != 1)
        return false;
    d->queued++;
    return true;
}

static int p_exec(db *d, const char *sql, bool ddl)
{
    int np;
    pdb *p = P(d);
    char *t = translate(sql, ddl, &np);
    clear_error(p);
    bool ok;
    if (!ddl && !p->sticky && pipelined(p, t))
        ok = !strncmp(t, "SAVEPOINT", 9) || drain(p);
    else
        ok = run(p, t);
    free(t);
    return ok ? 0 : -1;
}

static bool p_in_txn(db *d)
{
    if (P(d)->pipe)
        return true; /* pipelines are sent inside transactions only */
    return PQtransactionStatus(P(d)->c) != PQTRANS_IDLE;
}

static int p_begin(db *d)
{
    pdb *p = P(d);
    if (p->own_txn) { /* the cursors' transaction becomes the caller's */
        p->own_txn = false;
        p->cursors = 0;
        return 0;
    }
    clear_error(p);
    return run(p, "BEGIN") ? 0 : -1;
}

static db_stmt *p_prepare(db *d, const char *sql);

static long long one_int(db *d, const char *sql, const char *a, const char *b)
{
    db_stmt *s = p_prepare(d, sql);
    if (!s)
        return -1;
    if (a)
        db_bind_text(s, 1, a, -1);
    if (b)
        db_bind_text(s, 2, b, -1);
    long long v = db_step(s) == DB_ROW ? db_column_int64(s, 0) : -1;
    db_finalize(s);
    return v;
}

static long long p_table_count(db *d)
{
    return one_int(d, "SELECT count(*) FROM information_schema.tables"
                      " WHERE table_schema = current_schema()", NULL, NULL);
}

static bool p_has_table(db *d, const char *t)
{
    return one_int(d, "SELECT count(*) FROM information_schema.tables WHERE"
                      " table_schema = current_schema() AND table_name = ?", t, NULL) > 0;
}

static bool p_has_column(db *d, const char *t, const char *c)
{
    return one_int(d, "SELECT count(*) FROM information_schema.columns WHERE"
                      " table_schema = current_schema() AND table_name = ?1"
                      " AND column_name = ?2", t, c) > 0;
}

/* ---- statements ---------------------------------------------------------------- */

static bool is_select(const char *sql)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t' || *sql == '(')
        sql++;
    return !strncasecmp(sql, "SELECT", 6) || !strncasecmp(sql, "WITH", 4) ||
           !strncasecmp(sql, "VALUES", 6);
}

static db_stmt *p_prepare(db *d, const char *sql)
{
    pstmt *s = rift_xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->base.d = d;
    s->sql = translate(sql, false, &s->nparams);
    s->select = is_select(s->sql);
    s->returns = !s->select && strcasestr(s->sql, "RETURNING");
    s->vals = rift_xmalloc((size_t)(s->nparams + 1) * sizeof *s->vals);
    memset(s->vals, 0, (size_t)(s->nparams + 1) * sizeof *s->vals);
    return &s->base;
}

static bool p_readonly(db_stmt *s) { return Q(s)->select; }

static void set_param(db_stmt *s, int i, char *v)
{
    pstmt *q = Q(s);
    if (i < 1 || i > q->nparams) {
        free(v);
        return;
    }
    free(q->vals[i - 1]);
    q->vals[i - 1] = v;
}

static void p_bind_int64(db_stmt *s, int i, long long v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", v);
    set_param(s, i, rift_xstrdup(buf));
}

static void p_bind_double(db_stmt *s, int i, double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.17g", v);
    set_param(s, i, rift_xstrdup(buf));
}

/* PostgreSQL's text holds only UTF-8 without NUL: a NUL byte, and each byte
 * of an invalid sequence, is stored as '?', one byte for one, so that every
 * byte offset into the text still holds. */
static void p_bind_text(db_stmt *s, int i, const char *t, long len)
{
    if (!t) {
        set_param(s, i, NULL);
        return;
    }
    size_t n = len < 0 ? strlen(t) : (size_t)len;
    char *v = rift_xmalloc(n + 1);
    for (size_t k = 0; k < n;) {
        int w;
        int32_t cp = rift_utf8_decode(t, n, k, &w);
        if (cp == 0 || (cp == 0xFFFD && w == 1)) {
            v[k++] = '?';
        } else {
            memcpy(v + k, t + k, (size_t)w);
            k += (size_t)w;
        }
    }
    v[n] = '\0';
    set_param(s, i, v);
}

static void p_bind_null(db_stmt *s, int i) { set_param(s, i, NULL); }

static void close_cursor(pstmt *q)
{
    pdb *d = P(q->base.d);
    if (q->cursor_open) {
        if (!drain(d))
            d->sticky = true;
        char sql[48];
        snprintf(sql, sizeof sql, "CLOSE %s", q->name);
        if (PQtransactionStatus(d->c) == PQTRANS_INTRANS)
            PQclear(PQexec(d->c, sql));
        q->cursor_open = false;
        if (d->own_txn && --d->cursors == 0) {
            d->own_txn = false;
            PQclear(PQexec(d->c, "COMMIT"));
        }
    }
}

static bool fetch(pstmt *q)
{
    pdb *d = P(q->base.d);
    if (!drain(d))
        return false;
    char sql[48];
    snprintf(sql, sizeof sql, "FETCH %d FROM %s", FETCH_ROWS, q->name);
    PQclear(q->res);
    q->res = PQexec(d->c, sql);
    if (PQresultStatus(q->res) != PGRES_TUPLES_OK) {
        set_error(d, q->res);
        return false;
    }
    q->row = -1;
    q->nrows = PQntuples(q->res);
    q->exhausted = q->nrows < FETCH_ROWS;
    return true;
}

static int start(pstmt *q)
{
    pdb *d = P(q->base.d);
    clear_error(d);
    q->started = true;
    q->row = -1;
    if (!q->select && !q->returns &&
        (d->pipe || PQtransactionStatus(d->c) == PQTRANS_INTRANS))
        return send_write(d, q) ? DB_ROW : DB_ERROR; /* no rows: res stays NULL */
    if (!drain(d))
        return DB_ERROR;
    /* A SELECT run once is a scan: a cursor keeps its memory small.  One run
     * again and again is a lookup (the passes ask one per article or
     * entity): prepared once and read whole, one round trip and no
     * planning each time. */
    if (q->select && q->runs == 0) {
        if (PQtransactionStatus(d->c) == PQTRANS_IDLE) {
            if (!run(d, "BEGIN"))
                return DB_ERROR;
            d->own_txn = true;
            d->cursors = 0;
        }
        snprintf(q->name, sizeof q->name, "rift_c%u", ++d->seq);
        rift_buf b;
        rift_buf_init(&b);
        rift_buf_printf(&b, "DECLARE %s NO SCROLL CURSOR FOR %s", q->name, q->sql);
        PGresult *r = PQexecParams(d->c, b.data, q->nparams, NULL,
                                   (const char *const *)q->vals, NULL, NULL, 0);
        rift_buf_free(&b);
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok)
            set_error(d, r);
        PQclear(r);
        if (!ok) {
            if (d->own_txn && d->cursors == 0) {
                d->own_txn = false;
                PQclear(PQexec(d->c, "ROLLBACK"));
            }
            return DB_ERROR;
        }
        q->cursor_open = true;
        if (d->own_txn)
            d->cursors++;
        return fetch(q) ? DB_ROW : DB_ERROR;
    }
    if (!q->prepared) {
        snprintf(q->name, sizeof q->name, "rift_s%u", ++d->seq);
        PGresult *r = PQprepare(d->c, q->name, q->sql, q->nparams, NULL);
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok)
            set_error(d, r);
        PQclear(r);
        if (!ok)
            return DB_ERROR;
        q->prepared = true;
    }
    q->res = PQexecPrepared(d->c, q->name, q->nparams, (const char *const *)q->vals, NULL,
                            NULL, 0);
    ExecStatusType t = PQresultStatus(q->res);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
        set_error(d, q->res);
        return DB_ERROR;
    }
    q->nrows = t == PGRES_TUPLES_OK ? PQntuples(q->res) : 0;
    q->exhausted = true;
    return DB_ROW;
}

static int p_step(db_stmt *s)
{
    pstmt *q = Q(s);
    if (!q->started && start(q) == DB_ERROR)
        return DB_ERROR;
    if (!q->res)
        return DB_DONE;
    if (++q->row < q->nrows)
        return DB_ROW;
    if (q->exhausted) {
        close_cursor(q);
        return DB_DONE;
    }
    if (!fetch(q))
        return DB_ERROR;
    if (q->nrows == 0) {
        close_cursor(q);
        return DB_DONE;
    }
    q->row = 0;
    return DB_ROW;
}

static int p_column_count(db_stmt *s) { return Q(s)->res ? PQnfields(Q(s)->res) : 0; }

static bool p_column_null(db_stmt *s, int i)
{
    pstmt *q = Q(s);
    return !q->res || q->row < 0 || q->row >= q->nrows || PQgetisnull(q->res, q->row, i);
}

static const char *p_column_text(db_stmt *s, int i)
{
    pstmt *q = Q(s);
    if (p_column_null(s, i))
        return NULL;
    return PQgetvalue(q->res, q->row, i);
}

static long long p_column_int64(db_stmt *s, int i)
{
    const char *v = p_column_text(s, i);
    if (!v)
        return 0;
    if (!strcmp(v, "t"))
        return 1;
    return strtoll(v, NULL, 10);
}

static double p_column_double(db_stmt *s, int i)
{
    const char *v = p_column_text(s, i);
    return v ? strtod(v, NULL) : 0.0;
}

static size_t p_column_bytes(db_stmt *s, int i)
{
    pstmt *q = Q(s);
    return p_column_null(s, i) ? 0 : (size_t)PQgetlength(q->res, q->row, i);
}

static void p_reset(db_stmt *s)
{
    pstmt *q = Q(s);
    if (q->started)
        q->runs++;
    close_cursor(q);
    PQclear(q->res);
    q->res = NULL;
    q->started = false;
    q->row = -1;
    q->nrows = 0;
    for (int i = 0; i < q->nparams; i++) {
        free(q->vals[i]);
        q->vals[i] = NULL;
    }
}

static void p_finalize(db_stmt *s)
{
    pstmt *q = Q(s);
    p_reset(s);
    pdb *d = P(s->d);
    if (!drain(d))
        d->sticky = true;
    if (q->prepared && PQstatus(d->c) == CONNECTION_OK &&
        PQtransactionStatus(d->c) != PQTRANS_INERROR) {
        char sql[48];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", q->name);
        PQclear(PQexec(d->c, sql));
    }
    free(q->vals);
    free(q->sql);
    free(q);
}

static const db_ops pg_ops = {
    p_close, p_set_busy, p_last_error, p_errmsg, p_busy_waited, p_exec, p_begin, p_in_txn,
    p_table_count, p_has_table, p_has_column, p_prepare, p_readonly, p_bind_int64,
    p_bind_double, p_bind_text, p_bind_null, p_step, p_column_count, p_column_null,
    p_column_int64, p_column_double, p_column_text, p_column_bytes, p_reset, p_finalize,
};

static void quiet(void *arg, const PGresult *r) { (void)arg; (void)r; }

db *db_open_pg(const char *url, bool read_only)
{
    pdb *d = rift_xmalloc(sizeof *d);
    memset(d, 0, sizeof *d);
    d->base.ops = &pg_ops;
    d->base.kind = DB_PG;
    const char *keys[] = {"dbname", "options", "application_name", NULL};
    const char *vals[] = {url,
                          read_only ? "-c default_transaction_read_only=on -c client_min_messages=warning"
                                    : "-c client_min_messages=warning",
                          "rift", NULL};
    d->c = PQconnectdbParams(keys, vals, 1);
    if (!d->c || PQstatus(d->c) != CONNECTION_OK) {
        set_error(d, NULL);
        d->cls = DB_E_CONNECT;
        return &d->base;
    }
    PQsetNoticeReceiver(d->c, quiet, NULL);
    run(d, "SET client_encoding = 'UTF8'");
    return &d->base;
}
