#!/bin/sh
# html_eval.sh: quality of rift's HTML main-text extraction on the
# article-extraction-benchmark pages (token and 4-word-shingle precision,
# recall, F1 against the gold article bodies), next to the published outputs
# of other extractors.  Usage: sh bench/html_eval.sh [BUILD] [BENCHMARK_DIR]
# Given the trafilatura evaluation corpus as BENCHMARK_DIR
# (/work/shared/corpora/trafilatura-eval), it scores those 990 pages instead
# (bench/traf_eval.py: snippets that must and must not appear in the text).
BUILD=${1:-build}
DIR=${2:-/work/shared/corpora/article-extraction-benchmark}
cd "$(dirname "$0")/.." || exit 2
if [ ! -f "$DIR/ground-truth.json.gz" ] && [ ! -f "$DIR/evaldata.json" ]; then
    echo "skip - no benchmark at $DIR" >&2
    exit 0
fi
command -v python3 > /dev/null || { echo "skip - python3 not found" >&2; exit 0; }
[ -x "$BUILD/rift" ] || { echo "$BUILD/rift not built (make BUILD=$BUILD)" >&2; exit 2; }
exec python3 bench/html_eval.py "$BUILD/rift" "$DIR"
