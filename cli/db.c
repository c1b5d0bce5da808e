/* db.c: opens a store for the subcommands: read-only for queries, never
 * creating one by mistake, and waiting (with progress on a terminal) while
 * another process writes to it.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* the one store a command has open, for the busy messages */
static struct {
    const char *db;
    unsigned limit;
} busy;

static int on_busy(void *ctx, unsigned waited)
{
    (void)ctx;
    if (waited >= busy.limit)
        return 1;
    if (isatty(2) && (waited == 1 || waited % 10 == 0))
        fprintf(stderr, "%s: %s is busy (another process is writing to it): waited %u s, "
                "waiting up to %u s\n", cli_prog, busy.db, waited, busy.limit);
    return 0;
}

rift_store *cli_store_open(const char *db, cli_store_mode mode, const char *prefix)
{
    struct stat sb;
    bool server = !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11);
    if (mode != CLI_STORE_CREATE && !server && stat(db, &sb) != 0) {
        cli_error("%s%s: no such store (make one with rift analyze --db %s PATH...)", prefix, db,
                  db);
        return NULL;
    }
    const char *env = getenv("RIFT_BUSY_WAIT");
    char *end = NULL;
    unsigned long limit = env && *env ? strtoul(env, &end, 10) : RIFT_STORE_BUSY_WAIT;
    busy.db = db;
    busy.limit = end && *end ? RIFT_STORE_BUSY_WAIT : (unsigned)limit;
    rift_store_options opt = {mode == CLI_STORE_READ, mode == CLI_STORE_UPDATE, on_busy, NULL};
    rift_store *st = NULL;
    rift_status s = rift_store_open_with(db, &opt, &st);
    if (s != RIFT_OK) {
        cli_error("%s%s", prefix, st ? rift_store_errmsg(st) : rift_strerror(s));
        rift_store_close(st);
        return NULL;
    }
    return st;
}

rift_store *cli_store_open_existing(const char *db, const char *prefix)
{
    return cli_store_open(db, CLI_STORE_READ, prefix);
}
