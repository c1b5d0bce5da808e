#!/bin/sh
# tools/pgtemp.sh: a private PostgreSQL server in a temporary directory, for
# the tests and `make bench-store`: initdb, pg_ctl on a Unix socket only.
# usage: sh tools/pgtemp.sh start DIR    prints the server's conninfo base,
#                                        e.g. postgresql:///postgres?host=DIR
#        sh tools/pgtemp.sh db DIR NAME  makes database NAME, prints its URL
#        sh tools/pgtemp.sh stop DIR     stops the server, removes DIR
# Exit 3 (and a message on stderr) when PostgreSQL's server is not installed.
# Run as root, the server runs as the unprivileged user postgres (or nobody).
set -eu

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pgtemp.sh start|db|stop DIR [NAME]" >&2; exit 2; }

bin=
for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && bin=$d
done
if [ -z "$bin" ] && command -v initdb >/dev/null 2>&1; then
    bin=$(dirname "$(command -v initdb)")
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        user=postgres
        id postgres >/dev/null 2>&1 || user=nobody
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

case $cmd in
start)
    if [ -z "$bin" ]; then
        echo "pgtemp: PostgreSQL's server (initdb, pg_ctl) is not installed (Debian: postgresql)" >&2
        exit 3
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then
        user=postgres
        id postgres >/dev/null 2>&1 || user=nobody
        chown "$user" "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # a socket in DIR only; no TCP; fsync kept (the crash tests rely on it)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
        "-k $dir -c listen_addresses= -c max_connections=60 -c shared_buffers=128MB" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql:///postgres?host=$dir&user=postgres"
    ;;
db)
    name=${3:?database name}
    "$bin/createdb" -h "$dir" -U postgres "$name"
    echo "postgresql:///$name?host=$dir&user=postgres"
    ;;
stop)
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "pgtemp: unknown command $cmd" >&2
    exit 2
    ;;
esac
