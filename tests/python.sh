#!/bin/sh
# python.sh: the Python binding (python/) with Debian's python3: installs it
# with pip into a temporary directory and runs tests/python_binding.py.
# Usage: sh tests/python.sh BUILD (the directory holding rift and librift.so)
set -u
export PYTHONDONTWRITEBYTECODE=1
cd "$(dirname "$0")/.." || exit 2
B=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; [ -s "$T/err" ] && sed 's/^/#   /' "$T/err" | tail -5; }
skip() { n=$((n+1)); echo "skip $n - $1"; }

PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 2>/dev/null)
if [ -z "$PY" ]; then
    skip "python: no python3 (apt-get install python3 python3-pip)"
    exit 0
fi
# a sanitizer build cannot be loaded into an uninstrumented python3
if readelf -d "$B/librift.so" 2>/dev/null | grep -q 'libasan'; then
    skip "python: $B/librift.so is built with ASan, which python3 cannot load; tested in the plain build"
    exit 0
fi
SRC=$(pwd)
BDIR=$(cd "$B" && pwd)
# as a user installs it: pip install ./python (offline: no build isolation)
if "$PY" -m pip --version > /dev/null 2>&1; then
    cp -R python "$T/pkg" # setuptools writes beside the sources: not in the tree
    "$PY" -m pip install -q --no-build-isolation --no-deps --no-index --target "$T/site" \
        "$T/pkg" > "$T/err" 2>&1
    if [ -f "$T/site/rift/__init__.py" ]; then ok "pip install ./python"
    else nok "pip install ./python"; fi
    SITE=$T/site
else
    skip "python: no pip (apt-get install python3-pip); the package is used from python/"
    SITE=$(pwd)/python
fi

# RIFT_LIBRARY names the library; one that is not there is an error naming it
(cd / && RIFT_LIBRARY=$T/nowhere.so PYTHONPATH=$SITE "$PY" -c 'import rift') > "$T/err" 2>&1
if grep -q "RiftError: librift not found.*nowhere.so" "$T/err"; then
    ok "RIFT_LIBRARY naming no file: RiftError naming it"
else nok "RIFT_LIBRARY naming no file: RiftError naming it"; fi

"$BDIR/rift" analyze --db "$T/ex.db" examples/ > "$T/err" 2>&1 ||
    { nok "rift analyze --db over examples/"; exit 1; }
# from another directory, the data found through RIFT_DATA
(cd / && RIFT_LIBRARY=$BDIR/librift.so RIFT_DATA=$SRC/data/en PYTHONPATH=$SITE \
    "$PY" "$SRC/tests/python_binding.py" "$BDIR/rift" "$T/ex.db" "$T") > "$T/out" 2>&1
rc=$?
cat "$T/out"
[ $rc -ne 0 ] && ! grep -q '^not ok' "$T/out" && echo "not ok - tests/python_binding.py exited with $rc"
exit 0
