#!/bin/sh
# deps.sh: installs the Debian packages rift needs when run as root, and
# otherwise prints the exact apt-get line.  Used by make deps/check/demo.
# deps.sh [check]: with "check", also what the tests use (the sqlite3 shell
# for the store test, Chromium for the report's browser test, xz for the
# compressed CoNLL-U gold of the eval tests, python3 with pip and
# setuptools for the Python binding's test).
PKGS="build-essential pkg-config time gzip libutf8proc-dev libjansson-dev libxml2-dev zlib1g-dev libsqlite3-dev libpq-dev"
[ "${1:-}" = check ] && PKGS="$PKGS sqlite3 chromium clang xz-utils python3 python3-pip python3-setuptools postgresql openmpi-bin libopenmpi-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
        echo "deps: apt-get install failed" >&2; exit 1; }
else
    echo "deps: missing Debian packages; run:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
