#!/bin/sh
# meta_count.sh: how many plain-text articles rift dates, gives an outlet
# (source) and an author from their text alone.  Usage:
# sh bench/meta_count.sh [BUILD] FILE_OR_DIR...  (a bench tool, not a test)
BUILD=${1:-build}
shift
[ -x "$BUILD/rift" ] || { echo "$BUILD/rift not built" >&2; exit 2; }
command -v python3 > /dev/null || { echo "skip - python3 not found" >&2; exit 0; }
"$BUILD/rift" analyze --until blocks --input-format text "$@" | python3 -c '
import json, sys
n = date = src = auth = 0
for line in sys.stdin:
    d = json.loads(line)
    n += 1
    date += d.get("date_origin") == "text"
    src += bool(d.get("source"))
    auth += bool(d.get("author"))
print("articles %d  date %d  outlet %d  author %d" % (n, date, src, auth))
'
