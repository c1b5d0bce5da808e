#!/bin/sh
# bench/mkcorpus.sh: fallback corpus builder for machines without python3:
# seeds and UD/GUM treebank text only (no Wikinews CSV), same output layout
# as bench/mkcorpus.py.  Reads ../shared only; never writes into the repository.
# usage: sh bench/mkcorpus.sh SHARED OUTDIR [MIN_MB]
set -eu
SHARED=$1
OUT=$2
MIN=$(awk -v m="${3:-20}" 'BEGIN { printf "%d", m * 1000000 }')
export LC_ALL=C
mkdir -p "$OUT"
base=$OUT/base.jsonl
: > "$base"
rm -rf "$OUT/txt.base" "$OUT/txt"
mkdir -p "$OUT/txt.base"

# seeds: one article per file
for f in "$SHARED"/seeds/*.txt; do
    [ -f "$f" ] || continue
    id=seed-$(basename "$f" .txt)
    cp "$f" "$OUT/txt.base/$id.txt"
    awk -v id="$id" '
        { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
          t = t $0 "\\n" }
        END { printf "{\"id\": \"%s\", \"source\": \"seeds\", \"text\": \"%s\"}\n", id, t }' \
        "$f" >> "$base"
done

# treebanks: "# newdoc" starts an article, "# newpar" a paragraph,
# "# text = " is a sentence
for f in "$SHARED"/corpora/ud-english-ewt/*.conllu.xz "$SHARED"/corpora/ud-english-gum-open/*.conllu.xz; do
    [ -f "$f" ] || continue
    xzcat "$f" | awk -v out="$OUT/txt.base" -v src="$(basename "$(dirname "$f")")" '
        function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s); return s }
        function flush() {
            if (id != "" && body != "") {
                printf "{\"id\": \"%s\", \"source\": \"%s\", \"text\": \"%s\"}\n", esc(id), src, esc(jb) "\\n"
                fn = out "/" id ".txt"; gsub(/[^A-Za-z0-9_.\/-]/, "_", fn)
                printf "%s\n", body > fn; close(fn)
            }
            body = ""; jb = ""; npar = 0; id = ""
        }
        /^# newdoc/ { flush(); id = $0; sub(/^# newdoc( id = )?/, "", id); if (id == "") id = "doc" NR; next }
        /^# newpar( |$)/ { if (body != "") npar = 1; next }
        /^# text = / {
            s = substr($0, 10)
            if (body == "") { body = s; jb = s }
            else if (npar) { body = body "\n\n" s; jb = jb "\\n\\n" s }
            else { body = body " " s; jb = jb " " s }
            npar = 0
        }
        END { flush() }' >> "$base"
done

size=$(cat "$OUT"/txt.base/* 2>/dev/null | wc -c)
n=$(wc -l < "$base")
if [ "$size" -eq 0 ]; then
    echo "mkcorpus.sh: no text found under $SHARED" >&2
    exit 1
fi
copies=$(( (MIN + size - 1) / size ))

: > "$OUT/corpus.jsonl"
mkdir -p "$OUT/txt"
k=0
while [ $k -lt $copies ]; do
    sed "s/^{\"id\": \"/{\"id\": \"r$k-/" "$base" >> "$OUT/corpus.jsonl"
    mkdir -p "$OUT/txt/r$k"
    cp "$OUT"/txt.base/* "$OUT/txt/r$k/"
    k=$((k + 1))
done
: > "$OUT/corpus10.jsonl"
k=0
while [ $k -lt $((copies * 10)) ]; do
    sed "s/^{\"id\": \"/{\"id\": \"r$k-/" "$base" >> "$OUT/corpus10.jsonl"
    k=$((k + 1))
done
rm -rf "$OUT/txt.base" "$base"
{
    echo "unique_articles=$n"
    echo "unique_bytes=$size"
    echo "copies=$copies"
    echo "articles=$((n * copies))"
    echo "text_bytes=$((size * copies))"
    echo "file_bytes=$(wc -c < "$OUT/corpus.jsonl")"
    echo "articles10=$((n * copies * 10))"
    echo "text_bytes10=$((size * copies * 10))"
    echo "file_bytes10=$(wc -c < "$OUT/corpus10.jsonl")"
    echo "txt_files=$((n * copies))"
    echo "txt_bytes=$((size * copies))"
    echo "sources='seeds and UD/GUM treebanks only (no python3: Wikinews CSV skipped)'"
} > "$OUT/corpus.stats"
