/* analyze.c: "rift analyze": reads articles from files, directories and
 * stdin, analyses them on worker threads, writes JSON Lines (or TSV or
 * CoNLL-U) in input order, and reports every skipped record as FILE:LINE:
 * reason.  Under mpirun its processes share the inputs out (mpi.h).
 */
#include "cli.h"
#include "mpi.h"

#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* An article in flight between the reader (the main thread), the workers
 * and the writer.  The reader lends its article only until its next call,
 * so a job holds its own copy. */
typedef struct job {
    rift_article a;     /* deep copy; for a raw record, parsed by the worker */
    char *store;        /* the copy's bytes */
    size_t raw_len;     /* raw: the JSON Lines record, store[0..raw_len) */
    size_t weight;      /* bytes counted in the queue bound */
    bool raw;
    rift_record *rec;   /* raw: the parsed record (the article's strings) */
    char *err;          /* a record skipped: why (reported by the writer) */
    char *out;
    size_t out_len;
    rift_status st;
    rift_doc *doc;      /* kept for the store (--db), else NULL */
    bool done;          /* analysed and rendered; the writer may take it */
    const char *date;   /* PATH@YYYY-MM-DD: its articles' default date, or NULL */
} job;

/* Bounds of the queue: memory stays the same however long the input is.
 * A job whose text alone is over the byte bound still goes in, alone. */
#define QUEUE_SLOTS_PER_THREAD 16
#define QUEUE_BYTES ((size_t)32 << 20)

typedef struct ctx {
    rift_model *model;
    rift_analyze_options aopt;
    const char *path_date;  /* the date of the PATH being read (PATH@DATE) */
    rift_reader_options ropt;
    unsigned json_flags;
    bool tsv, conllu;   /* --format tsv, conllu (else JSON) */
    int threads;
    long read, written, skipped, failed_inputs; /* the writer counts written
                                                 * and its own skips in wskipped */
    long wskipped;
    rift_store *db;     /* --db: the writer adds each article, in order */
    const char *db_path;
    bool db_json;       /* --db --json: the JSON Lines as well */
    bool no_update;     /* --no-update: no corpus passes at the end */
    bool update_only;   /* --update-only: no input, only the corpus passes */
    long db_added, db_failed;
    struct pending { rift_doc *doc; char *origin; long line; } *batch; /* to be stored */
    size_t n_batch, batch_bytes;
    long db_unstored;       /* articles not written after the store failed */
    bool db_stopped;
    size_t bytes;
    bool progress;
    double t0, last_progress;
    /* under mpirun: item i of the inputs (a file, or a record of a JSON
     * Lines file) is this process's when i % nranks == rank */
    int rank, nranks;
    long item;

    /* the queue: a ring of slots; [head, next_work) is being analysed or
     * waits for the writer, [next_work, tail) waits for a worker */
    bool pipelined;
    job *ring;
    size_t slots, head, next_work, tail, queued_bytes;
    bool closing;       /* the reader has no more articles */
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done, cv_space;
} ctx;

typedef struct pending pending;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *copy_field(char **p, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    memcpy(*p, s, n);
    char *r = *p;
    *p += n;
    return r;
}

static void copy_article(job *j, const rift_article *a)
{
    memset(j, 0, sizeof *j);
    const char *f[] = {a->id, a->url, a->title, a->date, a->source, a->author, a->origin};
    size_t total = a->text_len + 1;
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        total += f[i] ? strlen(f[i]) + 1 : 0;
    j->store = malloc(total);
    if (!j->store) {
        cli_error("out of memory");
        exit(1);
    }
    char *p = j->store;
    memcpy(p, a->text, a->text_len);
    p[a->text_len] = '\0';
    j->a.text = p;
    j->a.text_len = a->text_len;
    p += a->text_len + 1;
    j->a.id = copy_field(&p, a->id);
    j->a.url = copy_field(&p, a->url);
    j->a.title = copy_field(&p, a->title);
    j->a.date = copy_field(&p, a->date);
    j->a.source = copy_field(&p, a->source);
    j->a.author = copy_field(&p, a->author);
    j->a.origin = copy_field(&p, a->origin);
    j->a.line = a->line;
}

/* A raw JSON Lines record and where it came from, for a worker to parse. */
static void copy_raw(job *j, const char *line, size_t n, const char *origin, long lineno)
{
    memset(j, 0, sizeof *j);
    size_t on = strlen(origin) + 1;
    j->store = malloc(n + 1 + on);
    if (!j->store) {
        cli_error("out of memory");
        exit(1);
    }
    memcpy(j->store, line, n);
    j->store[n] = '\0';
    memcpy(j->store + n + 1, origin, on);
    j->raw = true;
    j->raw_len = n;
    j->a.origin = j->store + n + 1;
    j->a.line = lineno;
}

/* A record the reader skipped, to be reported in input order. */
static void copy_skip(job *j, const char *origin, long lineno, const char *why)
{
    memset(j, 0, sizeof *j);
    size_t on = strlen(origin) + 1, wn = strlen(why) + 1;
    j->store = malloc(on + wn);
    if (!j->store) {
        cli_error("out of memory");
        exit(1);
    }
    memcpy(j->store, origin, on);
    memcpy(j->store + on, why, wn);
    j->a.origin = j->store;
    j->a.line = lineno;
    j->err = j->store + on;
}

static void run_job(ctx *c, job *j)
{
    rift_doc *d = NULL;
    if (j->err)
        return;
    if (j->raw) {
        /* the JSON parse, here on the worker rather than on the reader */
        char why[512];
        rift_article a;
        rift_status ps = rift_record_parse(j->store, j->raw_len, &j->rec, &a,
                                           why, sizeof why);
        if (ps != RIFT_OK) {
            size_t on = strlen(j->a.origin) + 1, wn = strlen(why) + 1;
            char *e = malloc(on + wn);
            if (!e) {
                cli_error("out of memory");
                exit(1);
            }
            memcpy(e, j->a.origin, on);
            memcpy(e + on, why, wn);
            free(j->store);
            j->store = e;
            j->a.origin = e;
            j->err = e + on;
            return;
        }
        a.origin = j->a.origin;
        a.line = j->a.line;
        j->a = a;
    }
    rift_analyze_options o = c->aopt;
    if (j->date)
        o.default_date = j->date;
    j->st = rift_doc_analyze(c->model, &j->a, &o, &d);
    if (j->st == RIFT_OK && (!c->db || c->db_json))
        j->out = c->tsv ? rift_doc_to_tsv(d, &j->out_len)
               : c->conllu ? rift_doc_to_conllu(d, &j->out_len)
                           : rift_doc_to_json(d, c->json_flags, &j->out_len);
    if (c->db && j->st == RIFT_OK)
        j->doc = d;
    else
        rift_doc_free(d);
}

/* The writer's side of --db: analysed articles wait in memory (at most
 * STORE_BATCH, or STORE_BATCH_BYTES of text) and go into the store in one
 * transaction, so that the store is locked only while they are written:
 * other writers (the other processes of an mpirun) analyse meanwhile and
 * take their turn.  Articles count as added once their batch is
 * committed; after a batch is lost (a full disk) nothing more is written. */
#define STORE_BATCH 64
#define STORE_BATCH_BYTES ((size_t)16 << 20)

static void store_flush(ctx *c)
{
    size_t i = 0;
    while (i < c->n_batch && !c->db_stopped) {
        if (rift_store_begin(c->db) != RIFT_OK) {
            cli_error("%s", rift_store_errmsg(c->db));
            c->db_failed++;
            c->db_stopped = true;
            break;
        }
        long added = 0, n = 0;
        while (i < c->n_batch) {
            const pending *p = &c->batch[i++];
            int a = 0;
            n++;
            if (rift_store_add_doc(c->db, p->doc, &a) != RIFT_OK) {
                cli_error("%s:%ld: %s", p->origin, p->line, rift_store_errmsg(c->db));
                c->db_failed++;
                break; /* what came before it is committed, unless the batch is lost */
            }
            added += a;
        }
        if (rift_store_commit(c->db) == RIFT_OK) {
            c->db_added += added;
        } else {
            cli_error("%s: %ld articles not stored", rift_store_errmsg(c->db), n);
            c->db_failed++;
            c->db_stopped = true;
        }
    }
    c->db_unstored += (long)(c->n_batch - i);
    for (size_t k = 0; k < c->n_batch; k++) {
        rift_doc_free(c->batch[k].doc);
        free(c->batch[k].origin);
    }
    c->n_batch = 0;
    c->batch_bytes = 0;
}

static void store_doc(ctx *c, job *j)
{
    if (c->db_stopped) {
        c->db_unstored++;
        rift_doc_free(j->doc);
    } else {
        size_t on = strlen(j->a.origin ? j->a.origin : "-") + 1;
        char *origin = cli_xrealloc(NULL, on);
        memcpy(origin, j->a.origin ? j->a.origin : "-", on);
        c->batch[c->n_batch++] = (pending){j->doc, origin, j->a.line};
        c->batch_bytes += j->a.text_len;
        if (c->n_batch == STORE_BATCH || c->batch_bytes >= STORE_BATCH_BYTES)
            store_flush(c);
    }
    j->doc = NULL;
}

/* Writes one finished job (in input order) and releases its memory. */
static void emit(ctx *c, job *j)
{
    if (j->err) {
        cli_error("%s:%ld: %s", j->a.origin, j->a.line, j->err);
        c->wskipped++;
        return;
    }
    if (j->st == RIFT_OK && j->doc) {
        store_doc(c, j);
        if (j->out)
            fwrite(j->out, 1, j->out_len, stdout);
        c->written++;
    } else if (j->st == RIFT_OK && j->out) {
        fwrite(j->out, 1, j->out_len, stdout);
        c->written++;
    } else {
        cli_error("%s:%ld: %s; skipped", j->a.origin, j->a.line,
                  j->st == RIFT_OK ? "out of memory" : rift_strerror(j->st));
        c->wskipped++;
    }
    free(j->out);
    j->out = NULL;
}

static void *worker_main(void *arg)
{
    ctx *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (c->next_work == c->tail && !c->closing)
            pthread_cond_wait(&c->cv_work, &c->mu);
        if (c->next_work == c->tail)
            break; /* closing and nothing left */
        size_t k = c->next_work++;
        job *j = &c->ring[k % c->slots];
        pthread_mutex_unlock(&c->mu);
        run_job(c, j);
        pthread_mutex_lock(&c->mu);
        j->done = true;
        if (k == c->head)
            pthread_cond_signal(&c->cv_done);
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

static void *writer_main(void *arg)
{
    ctx *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (c->head < c->tail && !c->ring[c->head % c->slots].done)
            pthread_cond_wait(&c->cv_done, &c->mu);
        if (c->head == c->tail) {
            if (c->closing)
                break;
            pthread_cond_wait(&c->cv_done, &c->mu);
            continue;
        }
        job *j = &c->ring[c->head % c->slots];
        pthread_mutex_unlock(&c->mu);
        emit(c, j);
        rift_record_free(j->rec);
        j->rec = NULL;
        free(j->store);
        j->store = NULL;
        pthread_mutex_lock(&c->mu);
        c->queued_bytes -= j->weight;
        c->head++;
        pthread_cond_signal(&c->cv_space);
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

/* Hands one article (a), raw JSON Lines record (line) or skipped record
 * (why) to the workers; blocks while the queue is full. */
static void enqueue_any(ctx *c, const rift_article *a, const char *line, size_t n,
                        const char *origin, long lineno, const char *why)
{
    size_t weight = a ? a->text_len : line ? n : 0;
    pthread_mutex_lock(&c->mu);
    while (c->tail - c->head == c->slots ||
           (c->tail > c->head && c->queued_bytes + weight > QUEUE_BYTES))
        pthread_cond_wait(&c->cv_space, &c->mu);
    job *j = &c->ring[c->tail % c->slots];
    pthread_mutex_unlock(&c->mu);
    /* the slot is free: no one else touches it */
    if (a)
        copy_article(j, a);
    else if (line)
        copy_raw(j, line, n, origin, lineno);
    else
        copy_skip(j, origin, lineno, why);
    j->weight = weight;
    j->date = c->path_date;
    pthread_mutex_lock(&c->mu);
    c->queued_bytes += weight;
    c->tail++;
    pthread_cond_signal(&c->cv_work);
    pthread_mutex_unlock(&c->mu);
}

/* One article at -j1: analysed and written on this thread, no copy. */
static void analyse_now(ctx *c, const rift_article *a)
{
    job j;
    memset(&j, 0, sizeof j);
    j.a = *a;
    j.date = c->path_date;
    run_job(c, &j);
    emit(c, &j);
}

/* Starts the workers and the writer; false (and nothing started) when the
 * threads cannot be had, and the caller analyses on its own thread. */
static bool pipeline_start(ctx *c, pthread_t *tid, int *n_started)
{
    *n_started = 0;
    c->slots = (size_t)c->threads * QUEUE_SLOTS_PER_THREAD;
    c->ring = calloc(c->slots, sizeof *c->ring);
    if (!c->ring)
        return false;
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv_work, NULL);
    pthread_cond_init(&c->cv_done, NULL);
    pthread_cond_init(&c->cv_space, NULL);
    if (pthread_create(&tid[0], NULL, writer_main, c) != 0)
        goto fail;
    *n_started = 1;
    for (int t = 0; t < c->threads; t++) {
        if (pthread_create(&tid[1 + t], NULL, worker_main, c) != 0)
            break;
        ++*n_started;
    }
    if (*n_started > 1) {
        c->pipelined = true;
        return true;
    }
    /* no worker: stop the writer again */
    pthread_mutex_lock(&c->mu);
    c->closing = true;
    pthread_cond_broadcast(&c->cv_done);
    pthread_mutex_unlock(&c->mu);
    pthread_join(tid[0], NULL);
    *n_started = 0;
fail:
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv_work);
    pthread_cond_destroy(&c->cv_done);
    pthread_cond_destroy(&c->cv_space);
    free(c->ring);
    c->ring = NULL;
    c->closing = false;
    return false;
}

static void pipeline_finish(ctx *c, pthread_t *tid, int n_started)
{
    pthread_mutex_lock(&c->mu);
    c->closing = true;
    pthread_cond_broadcast(&c->cv_work);
    pthread_cond_broadcast(&c->cv_done);
    pthread_mutex_unlock(&c->mu);
    for (int t = 1; t < n_started; t++)
        pthread_join(tid[t], NULL);
    /* the workers are gone: wake the writer for the last jobs */
    pthread_mutex_lock(&c->mu);
    pthread_cond_broadcast(&c->cv_done);
    pthread_mutex_unlock(&c->mu);
    pthread_join(tid[0], NULL);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv_work);
    pthread_cond_destroy(&c->cv_done);
    pthread_cond_destroy(&c->cv_space);
    free(c->ring);
    c->ring = NULL;
}

/* Whether the next item of the inputs is this process's. */
static bool mine(ctx *c)
{
    return c->item++ % c->nranks == c->rank;
}

/* A raw JSON Lines record (line) or a skipped one (why): to the workers,
 * or at -j1 analysed and written here. */
static void submit_raw(ctx *c, const char *line, size_t n, const char *origin, long lineno,
                       const char *why)
{
    if (c->pipelined) {
        enqueue_any(c, NULL, line, n, origin, lineno, why);
        return;
    }
    job j;
    if (line)
        copy_raw(&j, line, n, origin, lineno);
    else
        copy_skip(&j, origin, lineno, why);
    j.date = c->path_date;
    run_job(c, &j);
    emit(c, &j);
    rift_record_free(j.rec);
    free(j.store);
}

static void progress(ctx *c)
{
    double t = now();
    if (t - c->last_progress > 0.5) {
        c->last_progress = t;
        fprintf(stderr, "\r%s: %ld articles, %.1f MB, %.1f MB/s", cli_prog,
                c->read, c->bytes / 1e6, c->bytes / 1e6 / (t - c->t0 + 1e-9));
        if (c->nranks > 1) /* the other processes' counts come at the end */
            fprintf(stderr, " in process 1 of %d", c->nranks);
        fputs("   ", stderr);
    }
}

static bool one_file(const char *path, void *arg)
{
    ctx *c = arg;
    rift_reader *r = NULL;
    rift_status st = rift_reader_open(path, &c->ropt, &r);
    if (st != RIFT_OK) {
        if (mine(c)) {
            cli_error("%s: %s", path, r ? rift_reader_errmsg(r) : rift_strerror(st));
            c->failed_inputs++;
        }
        rift_reader_close(r);
        return true;
    }
    rift_article a;
    bool jsonl = rift_reader_is_jsonl(r);
    if (jsonl && (c->pipelined || c->nranks > 1)) {
        /* JSON Lines: the workers parse; every record, read or skipped,
         * goes through the queue so that reports keep input order.  Each
         * record is an item to share out: every process reads the lines,
         * and parses only its own */
        for (;;) {
            const char *line;
            size_t n;
            st = rift_reader_next_raw(r, &line, &n);
            if (st == RIFT_DONE)
                break;
            if (!mine(c)) {
                if (st != RIFT_OK && st != RIFT_SKIP)
                    break;
                continue;
            }
            c->read++;
            if (st == RIFT_SKIP) {
                submit_raw(c, NULL, 0, path, rift_reader_line(r), rift_reader_errmsg(r));
                continue;
            }
            if (st != RIFT_OK) {
                c->read--;
                cli_error("%s:%ld: %s", path, rift_reader_line(r), rift_reader_errmsg(r));
                c->failed_inputs++;
                break;
            }
            c->bytes += n;
            submit_raw(c, line, n, path, rift_reader_line(r), NULL);
            if (c->progress && (c->read & 63) == 0)
                progress(c);
        }
        rift_reader_close(r);
        return true;
    }
    /* any other file is one item, read whole by one process */
    if (c->nranks > 1 && !mine(c)) {
        rift_reader_close(r);
        return true;
    }
    for (;;) {
        st = rift_reader_next(r, &a);
        if (st == RIFT_DONE)
            break;
        if (st == RIFT_SKIP) {
            cli_error("%s:%ld: %s", path, rift_reader_line(r), rift_reader_errmsg(r));
            c->read++;
            c->skipped++;
            continue;
        }
        if (st != RIFT_OK) {
            cli_error("%s:%ld: %s", path, rift_reader_line(r), rift_reader_errmsg(r));
            c->failed_inputs++;
            break;
        }
        c->read++;
        c->bytes += a.text_len;
        if (c->pipelined)
            enqueue_any(c, &a, NULL, 0, NULL, 0, NULL);
        else
            analyse_now(c, &a);
        if (c->progress && (c->read & 63) == 0)
            progress(c);
    }
    rift_reader_close(r);
    return true;
}

/* Under mpirun: every process writes its share to one store, so --db is
 * wanted, and neither JSON nor standard input (which only the first
 * process has) can be shared out.  False (said once) when not so. */
static bool shareable(const ctx *c, char **paths, int n)
{
    const char *why = !c->db_path ? "wants --db STORE (the JSON of several processes would be "
                                    "interleaved)"
                    : c->db_json ? "cannot write --json (the JSON of several processes would "
                                   "be interleaved)"
                    : NULL;
    for (int i = 0; i <= n && !why; i++)
        if (i == n ? n == 0 : strcmp(paths[i], "-") == 0)
            why = "cannot read standard input: name the files or directories";
    if (why && c->rank == 0)
        cli_error("analyze under mpirun with %d processes %s", c->nranks, why);
    return !why;
}

/* The model on every process, and the store: created by the first
 * process, then opened by the others.  False when any process failed
 * (each says why); what was opened is the caller's to close. */
static bool open_all(ctx *c, const char *data, const cli_dicts *dicts)
{
    if (c->db_path)
        c->batch = cli_xrealloc(NULL, STORE_BATCH * sizeof *c->batch);
    bool ok = (c->model = cli_model_open(data, "")) != NULL &&
              cli_dicts_load(c->model, dicts, "", false);
    if (ok && c->db_path && c->rank == 0)
        ok = (c->db = cli_store_open(c->db_path, CLI_STORE_CREATE, "")) != NULL;
    if (!cli_mpi_all(ok))
        return false;
    if (c->db_path && c->rank > 0)
        ok = (c->db = cli_store_open(c->db_path, CLI_STORE_CREATE, "")) != NULL;
    return cli_mpi_all(ok);
}

/* The last batch of this process's articles; the other processes of an
 * mpirun then close the store, and the first runs the corpus passes. */
static void store_finish(ctx *c)
{
    store_flush(c);
    free(c->batch);
    c->batch = NULL;
    if (c->db_unstored)
        cli_error("%s: %ld more articles not stored (after the store failed)", c->db_path,
                  c->db_unstored);
    c->failed_inputs += c->db_failed;
    if (c->rank > 0) {
        rift_store_close(c->db);
        c->db = NULL;
    }
}

/* The corpus passes over the whole store (actors, stories, corroboration),
 * unless --no-update, and the summary, with c's counts (every process's). */
static void store_update(ctx *c)
{
    if (!c->no_update && rift_store_update(c->db, NULL) != RIFT_OK) {
        cli_error("%s", rift_store_errmsg(c->db));
        c->failed_inputs++;
    }
    rift_store_counts sc;
    if (c->no_update)
        fprintf(stderr, "%s: %ld articles added to the store; its actors, stories and "
                "corroboration not updated (--no-update)\n", cli_prog, c->db_added);
    else if (rift_store_count(c->db, &sc) == RIFT_OK)
        fprintf(stderr, "%s: %ld articles added to the store (%ld in it), %ld stories, "
                "%ld actors\n", cli_prog, c->db_added, sc.articles, sc.stories, sc.actors);
    else
        cli_error("%ld articles added to the store; %s", c->db_added, rift_store_errmsg(c->db));
    rift_store_close(c->db);
    c->db = NULL;
}

static void help(FILE *f)
{
    fprintf(f,
        "usage: rift analyze [OPTIONS] [PATH...]\n"
        "\n"
        "Analyses news articles and writes one JSON object per article (schema v1,\n"
        "docs/schema.md) to standard output, in input order.  PATHs are files,\n"
        "directories (read recursively, in sorted order) or - for standard input\n"
        "(the default); PATH@YYYY-MM-DD gives that path's undated articles that\n"
        "date (as --date gives all).  Formats: plain text (one article per file),\n"
        "JSON Lines (one article per line: id url title date source author, and\n"
        "text or html), HTML, and WARC web archives (each HTML page of an HTTP\n"
        "response is an article, with the record's URL and date), each optionally\n"
        "gzip-compressed.\n"
        "\n"
        "options:\n"
        "  --date YYYY-MM-DD     publication date for articles that carry none\n"
        "  --date-order ORDER    read 07/06/2025 as dmy, mdy or auto (default)\n"
        "  --time-granularity G  \"last week\" as its ISO week (week, the default:\n"
        "                        1999-W02) or the month holding it (month: 1999-01)\n"
        "  --input-format FMT    auto (default), text, jsonl, html or warc\n"
        "  --format FMT          json (default), tsv (one row per sentence) or\n"
        "                        conllu (CoNLL-U: one line per token with its part of\n"
        "                        speech, lemma, features, head and relation)\n"
        "  --text                include the article text in the JSON\n"
        "  --tokens              include the token spans in the JSON, and their\n"
        "                        syntax (\"words\": upos xpos lemma feats head deprel)\n"
        "  --max-bytes N         largest article or line accepted (default %zu)\n"
        "  -j, --jobs N          worker threads (default: the number of cores, shared\n"
        "                        by the processes of an mpirun on one machine)\n"
        "  --data DIR            data directory: lexicons, models (default: installed)\n"
        "  --actors FILE         add an actor list (docs/entities.md); repeatable\n"
        "  --verbs FILE          add a PETRARCH CAMEO verb dictionary (docs/petrarch.md)\n"
        "  --agents FILE         add a PETRARCH agents dictionary; --discards FILE a\n"
        "                        PETRARCH discard list; each repeatable\n"
        "  --until STAGE         stop after a stage: normalize, blocks, segment,\n"
        "                        syntax, entities, times, quotes, events (default: all)\n"
        "  --no-syntax           skip the syntax stage: several times faster, no\n"
        "                        part of speech or tree (no words in --tokens, no\n"
        "                        CoNLL-U columns); events read nouns from word order\n"
        "  --db FILE             also write every article to the SQLite store FILE\n"
        "                        (created if absent; docs/schema.md), then update its\n"
        "                        actors, stories and corroboration; no JSON on stdout\n"
        "                        unless --json; a summary on standard error\n"
        "  --json                with --db: write the JSON Lines as well\n"
        "  --no-update           with --db: store the articles only, and leave the\n"
        "                        corpus passes to a later run (for many runs into\n"
        "                        one store, docs/cluster.md)\n"
        "  --update-only         with --db: read no input; run the corpus passes over\n"
        "                        the articles stored since they last ran\n"
        "  --stats               print counts of articles read, written, skipped\n"
        "  -q, --quiet           no progress line on a terminal\n"
        "  --progress            the progress line even when standard error is no\n"
        "                        terminal (as under mpirun)\n"
        "  -h, --help            this text\n"
        "\n"
        "Over several processes or machines: mpirun -n N rift analyze --db STORE\n"
        "PATH... shares the inputs out (file by file; a JSON Lines file record by\n"
        "record), each process analyses and stores its share, then the first one\n"
        "runs the corpus passes and prints the totals (docs/cluster.md).  With\n"
        "more than one process --db is required; --json and standard input are\n"
        "refused.\n"
        "\n"
        "Exit status: 0 all input analysed, 1 something was skipped or could not\n"
        "be read (each reported as FILE:LINE: reason), 2 usage error.\n",
        (size_t)RIFT_DEFAULT_MAX_BYTES);
}

/* rift analyze as process rank of nranks (one, rank 0, unless mpirun
 * started several). */
static int analyze(int argc, char **argv, int rank, int nranks)
{
    enum { O_DATE = 256, O_DATE_ORDER, O_INPUT_FORMAT, O_FORMAT, O_TEXT,
           O_TOKENS, O_MAX, O_DATA, O_STATS, O_ACTORS, O_DB, O_JSON, O_UNTIL,
           O_VERBS, O_AGENTS, O_DISCARDS, O_NO_SYNTAX, O_TIME_GRAN, O_PROGRESS,
           O_NO_UPDATE, O_UPDATE_ONLY };
    static const struct option opts[] = {
        {"date", required_argument, 0, O_DATE},
        {"date-order", required_argument, 0, O_DATE_ORDER},
        {"time-granularity", required_argument, 0, O_TIME_GRAN},
        {"input-format", required_argument, 0, O_INPUT_FORMAT},
        {"format", required_argument, 0, O_FORMAT},
        {"text", no_argument, 0, O_TEXT},
        {"tokens", no_argument, 0, O_TOKENS},
        {"max-bytes", required_argument, 0, O_MAX},
        {"jobs", required_argument, 0, 'j'},
        {"data", required_argument, 0, O_DATA},
        {"actors", required_argument, 0, O_ACTORS},
        {"verbs", required_argument, 0, O_VERBS},
        {"agents", required_argument, 0, O_AGENTS},
        {"discards", required_argument, 0, O_DISCARDS},
        {"stats", no_argument, 0, O_STATS},
        {"db", required_argument, 0, O_DB},
        {"json", no_argument, 0, O_JSON},
        {"until", required_argument, 0, O_UNTIL},
        {"no-syntax", no_argument, 0, O_NO_SYNTAX},
        {"quiet", no_argument, 0, 'q'},
        {"progress", no_argument, 0, O_PROGRESS},
        {"no-update", no_argument, 0, O_NO_UPDATE},
        {"update-only", no_argument, 0, O_UPDATE_ONLY},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    ctx c = {0};
    c.rank = rank;
    c.nranks = nranks;
    const char *data = NULL;
    cli_dicts dicts = {0}; /* actor lists, PETRARCH dictionaries (docs/petrarch.md) */
    bool stats = false, quiet = false, show_progress = false;
    const char *db_path = NULL;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    c.threads = ncpu > 0 ? (int)(ncpu > 64 ? 64 : ncpu) : 1;
    /* the processes of an mpirun on this machine share its cores */
    c.threads = c.threads / cli_mpi_local() > 0 ? c.threads / cli_mpi_local() : 1;
    int ch;
    optind = 1;
    opterr = rank == 0; /* under mpirun the first process says what is wrong */
    while ((ch = getopt_long(argc, argv, "j:qh", opts, NULL)) != -1) {
        switch (ch) {
        case O_DATE:
            if (!cli_opt_date("", "--date", optarg))
                return EXIT_USAGE;
            c.aopt.default_date = optarg;
            break;
        case O_DATE_ORDER:
            if (!strcmp(optarg, "dmy")) c.aopt.date_order = RIFT_DATE_ORDER_DMY;
            else if (!strcmp(optarg, "mdy")) c.aopt.date_order = RIFT_DATE_ORDER_MDY;
            else if (!strcmp(optarg, "auto")) c.aopt.date_order = RIFT_DATE_ORDER_AUTO;
            else {
                cli_error("--date-order wants dmy, mdy or auto, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_TIME_GRAN:
            if (!strcmp(optarg, "week")) c.aopt.time_granularity = RIFT_TIME_GRANULARITY_WEEK;
            else if (!strcmp(optarg, "month")) c.aopt.time_granularity = RIFT_TIME_GRANULARITY_MONTH;
            else {
                cli_error("--time-granularity wants week or month, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_INPUT_FORMAT:
            if (!strcmp(optarg, "text")) c.ropt.format = RIFT_FORMAT_TEXT;
            else if (!strcmp(optarg, "jsonl")) c.ropt.format = RIFT_FORMAT_JSONL;
            else if (!strcmp(optarg, "html")) c.ropt.format = RIFT_FORMAT_HTML;
            else if (!strcmp(optarg, "warc")) c.ropt.format = RIFT_FORMAT_WARC;
            else if (!strcmp(optarg, "auto")) c.ropt.format = RIFT_FORMAT_AUTO;
            else {
                cli_error("--input-format wants auto, text, jsonl, html or warc, not '%s'",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case O_FORMAT:
            c.tsv = !strcmp(optarg, "tsv");
            c.conllu = !strcmp(optarg, "conllu");
            if (!c.tsv && !c.conllu && strcmp(optarg, "json") != 0) {
                cli_error("--format wants json, tsv or conllu, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_TEXT: c.json_flags |= RIFT_JSON_TEXT; break;
        case O_TOKENS: c.json_flags |= RIFT_JSON_TOKENS; break;
        case O_MAX:
            if (!cli_opt_size("", "--max-bytes", optarg, (size_t)1 << 31, &c.ropt.max_bytes))
                return EXIT_USAGE;
            break;
        case 'j': {
            long v;
            if (!cli_opt_long("", "--jobs", optarg, 1, 64, &v))
                return EXIT_USAGE;
            c.threads = (int)v;
            break;
        }
        case O_DATA: data = optarg; break;
        case O_ACTORS: case O_VERBS: case O_AGENTS: case O_DISCARDS:
            if (!cli_dicts_push(&dicts, ch == O_ACTORS ? CLI_DICT_ACTORS
                                      : ch == O_VERBS ? CLI_DICT_VERBS
                                      : ch == O_AGENTS ? CLI_DICT_AGENTS : CLI_DICT_DISCARDS,
                                optarg, ""))
                return EXIT_USAGE;
            break;
        case O_STATS: stats = true; break;
        case O_DB: db_path = optarg; break;
        case O_JSON: c.db_json = true; break;
        case O_UNTIL: {
            int st = rift_stage_from_name(optarg);
            if (st < 0) {
                cli_error("--until wants normalize, blocks, segment, syntax, entities, "
                          "times, quotes, events or all, not '%s'", optarg);
                return EXIT_USAGE;
            }
            c.aopt.last_stage = (rift_stage)st;
            break;
        }
        case O_NO_SYNTAX: c.aopt.no_syntax = 1; break;
        case 'q': quiet = true; break;
        case O_PROGRESS: show_progress = true; break;
        case O_NO_UPDATE: c.no_update = true; break;
        case O_UPDATE_ONLY: c.update_only = true; break;
        case 'h': help(stdout); return 0;
        default:
            if (rank == 0)
                help(stderr);
            return EXIT_USAGE;
        }
    }
    opterr = 1;
    if (!cli_path_dates_ok(argv + optind, argc - optind))
        return EXIT_USAGE;
    c.db_path = db_path;
    if (c.update_only && (!db_path || c.no_update || optind < argc)) {
        if (rank == 0)
            cli_error("--update-only wants --db STORE, and neither inputs nor --no-update");
        return EXIT_USAGE;
    }
    if (c.nranks > 1 && !shareable(&c, argv + optind, argc - optind))
        return EXIT_USAGE;
    if (!open_all(&c, data, &dicts)) {
        free(c.batch);
        rift_store_close(c.db);
        rift_model_close(c.model);
        return 1;
    }
    c.progress = !quiet && (show_progress || isatty(2)) && c.rank == 0;
    c.t0 = c.last_progress = now();
    /* the other processes walk the same paths: the first says what it
     * cannot read */
    cli_walk_quiet = c.rank > 0;
    /* -j1 analyses on this thread; -j N reads here, analyses on N workers
     * and writes from one more thread, in input order */
    pthread_t tid[65];
    int n_started = 0;
    if (c.threads > 1)
        pipeline_start(&c, tid, &n_started);
    if (optind >= argc && !c.update_only)
        cli_walk(argv + optind, 0, one_file, &c, &c.failed_inputs);
    for (int i = c.update_only ? argc : optind; i < argc; i++) {
        /* PATH@YYYY-MM-DD: a date for this path's undated articles */
        c.path_date = cli_path_date(argv[i]);
        cli_walk(argv + i, 1, one_file, &c, &c.failed_inputs);
    }
    if (c.pipelined)
        pipeline_finish(&c, tid, n_started);
    c.skipped += c.wskipped;
    if (c.db)
        store_finish(&c);
    /* the totals of all processes; once every process has them, every
     * article is in the store */
    long tot[] = {c.read, c.written, c.skipped, c.failed_inputs, c.db_added};
    cli_mpi_sum(tot, (int)(sizeof tot / sizeof *tot));
    c.read = tot[0], c.written = tot[1], c.skipped = tot[2], c.failed_inputs = tot[3];
    c.db_added = tot[4];
    if (c.progress && c.read)
        fputc('\n', stderr);
    if (c.db)
        store_update(&c);
    rift_model_close(c.model);
    if (!cli_stdout_ok())
        return 1;
    if (c.rank == 0 && (stats || c.skipped || c.failed_inputs)) {
        fprintf(stderr, "%s: %ld articles read, %ld written, %ld skipped, %ld inputs failed",
                cli_prog, c.read, c.written, c.skipped, c.failed_inputs);
        if (c.nranks > 1)
            fprintf(stderr, " (%d processes)", c.nranks);
        if (cli_ignored)
            fprintf(stderr, ", %ld files in directories ignored (not .txt .jsonl .html ...)",
                    cli_ignored);
        fputc('\n', stderr);
    }
    return (c.skipped || c.failed_inputs) ? 1 : 0;
}

int cmd_analyze(int argc, char **argv)
{
    int rank, nranks;
    if (!cli_mpi_start(&rank, &nranks))
        return 1;
    int rc = analyze(argc, argv, rank, nranks);
    cli_mpi_end();
    return rc;
}
