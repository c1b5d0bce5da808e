/* cli.h: what the rift tool's subcommand files share: the common options,
 * input walking, and messages.  The tool sees only the public rift.h.
 */
#ifndef RIFT_CLI_H
#define RIFT_CLI_H

#include "rift.h"
#include <stdbool.h>
#include <stdio.h>

#define EXIT_USAGE 2

extern const char *cli_prog;

/* "rift: MESSAGE" on stderr, control characters escaped as by cli_safe. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* s as text safe for a terminal: C0 and C1 control characters and DEL
 * written as \t \n \r, \xHH or \u00HH, so that text from articles (a
 * title, an outlet, a quote) can neither break a line of output nor move
 * the cursor or retitle the terminal.  A copy that lives until the eighth
 * next call (so one printf may take several); NULL stays NULL.  For the
 * main thread only (cli_error escapes by itself, on any thread). */
const char *cli_safe(const char *s);
/* Flushes stdout; false (said once: "error writing standard output") when
 * anything written to it failed, e.g. on a full disk.  main() checks it
 * after every command, which then exits 1. */
bool cli_stdout_ok(void);
/* The data directory: --data, else $RIFT_DATA, else beside the executable
 * (../data/en in a build tree, ../share/rift/en when installed), else NULL. */
const char *cli_datadir(const char *opt);

/* Calls fn for each input file under the paths (directories recursively, in
 * sorted order; "-" for stdin).  Unreadable paths are reported and counted
 * in *failed.  Returns false if fn asked to stop. */
typedef bool (*cli_file_fn)(const char *path, void *ctx);
bool cli_walk(char **paths, int n, cli_file_fn fn, void *ctx, long *failed);
/* Files inside directories passed over because their names do not end in
 * an article extension (.txt .jsonl .json .ndjson .html .htm .warc, maybe
 * .gz). */
extern long cli_ignored;
/* While set, cli_walk says nothing about paths it cannot read and counts
 * them nowhere: the other processes of one mpirun walk the same paths as
 * the first, which says it once (analyze.c). */
extern bool cli_walk_quiet;

/* Opens the model from cli_datadir(data); on failure says why (after the
 * prefix, e.g. "eval: ") on stderr and returns NULL. */
rift_model *cli_model_open(const char *data, const char *prefix);

/* Actor lists and PETRARCH dictionaries named on the command line
 * (--actors, --verbs, --agents, --discards), kept in order and added to a
 * model once it is open. */
typedef enum cli_dict_kind {
    CLI_DICT_ACTORS, CLI_DICT_VERBS, CLI_DICT_AGENTS, CLI_DICT_DISCARDS
} cli_dict_kind;
#define CLI_DICTS_MAX 16
typedef struct cli_dicts {
    int n;
    cli_dict_kind kind[CLI_DICTS_MAX];
    const char *path[CLI_DICTS_MAX];
} cli_dicts;
/* Notes one file; false (said, after prefix) when there are too many. */
bool cli_dicts_push(cli_dicts *d, cli_dict_kind kind, const char *path, const char *prefix);
/* Adds one file of its kind to m (rift_model_add_actors and the rest). */
rift_status cli_dict_add(rift_model *m, cli_dict_kind kind, const char *path);
/* Adds them all in order; on failure says why (after prefix) and returns
 * false.  With verbose, a line on stdout per PETRARCH dictionary added. */
bool cli_dicts_load(rift_model *m, const cli_dicts *d, const char *prefix, bool verbose);

/* Opens the store at db (db.c): CLI_STORE_READ for queries (read-only; a
 * missing file is an error that says how to make one), CLI_STORE_UPDATE to
 * rewrite the corpus passes of an existing store, CLI_STORE_CREATE to add
 * articles (created when absent).  While another process writes to it,
 * waits up to $RIFT_BUSY_WAIT seconds (default 600), saying so on a
 * terminal.  On failure says why (after prefix) and returns NULL. */
typedef enum cli_store_mode { CLI_STORE_READ, CLI_STORE_UPDATE, CLI_STORE_CREATE } cli_store_mode;
rift_store *cli_store_open(const char *db, cli_store_mode mode, const char *prefix);
/* The same with CLI_STORE_READ. */
rift_store *cli_store_open_existing(const char *db, const char *prefix);

/* Option values, checked whole: on failure each says what the option
 * wants (after prefix, e.g. "dyads: ") and returns false, a usage error.
 * A date YYYY-MM-DD that exists (the library's own reader, rift_date_read);
 * a whole number from min to max (max LONG_MAX: no upper bound); a number
 * strictly between 0 and 1, written in decimal; a size in bytes from 1 to
 * max, with an optional K, M or G (powers of 1024). */
bool cli_opt_date(const char *prefix, const char *opt, const char *s);
bool cli_opt_long(const char *prefix, const char *opt, const char *s, long min, long max,
                  long *out);
bool cli_opt_fraction(const char *prefix, const char *opt, const char *s, double *out);
bool cli_opt_size(const char *prefix, const char *opt, const char *s, size_t max, size_t *out);
/* --modes LIST: modality names (asserted, future, intended, threatened,
 * demanded, hypothetical, question) separated by commas, or all. */
bool cli_opt_modes(const char *prefix, const char *s, unsigned *out);
/* realloc that reports "out of memory" and exits (n may be 0) */
void *cli_xrealloc(void *p, size_t n);
bool cli_is_dir(const char *path);
/* A growing NUL-terminated text (free s when done). */
typedef struct cli_buf { char *s; size_t len, cap; } cli_buf;
void cli_buf_add(cli_buf *b, const char *s, size_t n);
/* PATH@YYYY-MM-DD: when path ends in @ and a date and no file of that
 * whole name exists, cuts the suffix off path (in place) and returns the
 * date; else NULL.  cli_path_dates_ok says (and returns false, a usage
 * error) when a suffix of the paths is written as a date but no such day
 * exists (a.txt@2025-04-31); call it before reading anything. */
const char *cli_path_date(char *path);
bool cli_path_dates_ok(char **paths, int n);

/* A sparkline of a pair's period scores on f (at most 40 periods): low
 * blocks for conflict, high ones for cooperation, the middle for neutral. */
void cli_sparkline(FILE *f, const rift_dyad_row *r, size_t n);

int cmd_analyze(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_dyads(int argc, char **argv);
int cmd_stories(int argc, char **argv);  /* stories.c */
int cmd_quotes(int argc, char **argv);   /* quotes.c */
int cmd_report(int argc, char **argv);   /* report.c */
int cmd_export(int argc, char **argv);   /* export.c */
/* rift eval stories (eval_stories.c) */
int cmd_eval_stories(int argc, char **argv);
/* rift eval events (eval_events.c) */
int cmd_eval_events(int argc, char **argv);
/* rift eval syntax (eval_syntax.c) */
int cmd_eval_syntax(int argc, char **argv);

#endif
