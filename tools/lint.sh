#!/bin/sh
# lint.sh: keeps the dependency arrows of DESIGN.md one way, by grep:
# the CLI sees only rift.h; only db_sqlite.c includes sqlite3.h and only
# db_pg.c libpq-fe.h; only the store's files (store*.c) and the database
# backends (db*.c) include db.h; only report.c
# writes HTML; stages never open files; the library never prints or exits.
cd "$(dirname "$0")/.." || exit 2
bad=0
fail() { echo "lint: $*"; bad=1; }

grep -n '#include "internal.h"' cli/*.c cli/*.h 2>/dev/null && fail "the CLI includes internal.h"
for f in src/*.c; do
    case $f in src/db_sqlite.c) ;; *) grep -q 'sqlite3.h' "$f" && fail "$f includes sqlite3.h (only db_sqlite.c may)";; esac
    case $f in src/db_pg.c) ;; *) grep -q 'libpq-fe.h' "$f" && fail "$f includes libpq-fe.h (only db_pg.c may)";; esac
    case $f in src/store*.c|src/db*.c) ;; *) grep -qE '#include "(db|store_int)\.h"' "$f" && fail "$f includes db.h (only store*.c and db*.c may)";; esac
done
# stages and base never do file I/O (readers, model, actors and store may)
for f in src/normalize.c src/blocks.c src/segment.c src/mention.c src/entity.c \
         src/timex.c src/quote.c src/event.c src/meta.c src/arena.c src/buf.c \
         src/hash.c src/utf8.c src/date.c src/json.c; do
    [ -f "$f" ] || continue
    grep -nE '\b(fopen|gzopen|open|opendir|scandir)\(' "$f" && fail "$f does file I/O"
done
# the library never prints (arena.c's out-of-memory message is the one exception)
for f in src/*.c; do
    [ "$f" = src/arena.c ] && continue
    grep -nE '\b(printf|puts|perror|exit)\(|fprintf\(std(err|out)' "$f" && fail "$f prints or exits"
done
# each source file starts with a header comment
for f in src/*.c src/*.h cli/*.c cli/*.h include/*.h tests/unit/*.c fuzz/*.c; do
    head -n 1 "$f" | grep -q '^/\*' || fail "$f has no header comment"
done
[ $bad = 0 ] && echo "lint: ok"
exit $bad
