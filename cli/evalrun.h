/* evalrun.h: the run shared by "rift eval entities --corpus ner", "rift eval
 * coref" and "rift eval quotes --corpus litbank": their options, the gold
 * corpora they read, rift over each document, and --gold/--system files.
 */
#ifndef RIFT_EVALRUN_H
#define RIFT_EVALRUN_H

#include "evaldoc.h"

typedef struct ev_opts {
    const char *corpus, *shared, *data, *gold, *system, *format;
    bool json, verbose;
} ev_opts;
/* Parses argv[1..] (argv[0] the measure): which holds the letters of the
 * options the command takes (c corpus, s shared, d data, G gold, S system,
 * f format, j json, v verbose).  Returns -1 to go on, else the exit status
 * (0 after --help, EXIT_USAGE after a wrong option or argument). */
int ev_parse(int argc, char **argv, const char *what, const char *which,
             void (*usage)(FILE *), ev_opts *o);
/* a reader of gold files into documents: the documents added, or -1 with
 * "FILE[:LINE]: why" in err */
typedef int (*ev_read_fn)(const char *path, const void *arg, tdoc_set *s, char *err,
                          size_t errlen);
/* One gold corpus of a run: where it lies under SHARED/corpora, how to read
 * it (read gets arg), and which documents count: index % every == every - 1. */
typedef struct ev_source {
    const char *name, *what, *path;
    bool is_dir;
    size_t every;
    ev_read_fn read;
    const void *arg;
} ev_source;

/* What a scorer gives the run: its counts for one corpus (size bytes,
 * starting with an ev_head the run fills in), a function scoring one
 * document into them, one printing them, and one adding them to a total. */
typedef struct ev_head { bool verbose; const char *corpus; } ev_head;
typedef struct ev_scorer {
    size_t size;
    void (*doc)(const tdoc *d, const rift_doc *rd, void *stats);
    void (*report)(const ev_source *src, const void *stats, bool json, bool first);
    void (*add)(void *total, const void *stats);
} ev_scorer;

/* --gold/--system: reads both files with read (arg passed on), checks that
 * the system's documents are the gold's token for token, calls pair on each
 * pair of documents with stats (made ready by the caller), and reports them
 * as corpus "file".  Returns the exit status (what: the command, for
 * messages). */
int ev_run_files(const char *gold, const char *sys, ev_read_fn read, const void *arg,
                 const char *what, bool json, const ev_scorer *sc,
                 void (*pair)(const tdoc *g, const tdoc *s, void *stats), void *stats);
/* Runs rift over each source with want[i] set, scoring and reporting each,
 * then the total (as total_src) when more than one was scored; --json
 * output is one array.  Absent folders and files are said and skipped.
 * Returns the exit status. */
int ev_run_sources(const ev_opts *o, const ev_source *src, size_t n, const bool *want,
                   const ev_scorer *sc, const ev_source *total_src);

/* "key":"s", s escaped for JSON, after a comma unless first */
void ev_json_str(const char *key, const char *s, bool first);
/* The value of --NAME in argv ("--corpus x" or "--corpus=x"), or NULL. */
const char *eval_opt_value(int argc, char **argv, const char *name);

#endif
