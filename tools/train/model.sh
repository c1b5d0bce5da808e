#!/bin/sh
# model.sh: what `make model` runs: trains the tagger, the morphology (lemma
# and features) and the parser from the TRAIN splits of UD English EWT and GUM.
# model.sh BUILD SHARED.  Deterministic: one thread, fixed orders and seeds.
set -eu
B=$1
S=${2:-../shared}
EWT=$S/corpora/ud-english-ewt/en_ewt-ud-train.conllu.xz
GUM=$S/corpora/ud-english-gum-open/en_gum-open-train.conllu.xz
for f in "$EWT" "$GUM"; do
    [ -f "$f" ] || { echo "model: $f not found (make model needs ../shared beside the repository)" >&2; exit 1; }
done
W=$B/model
mkdir -p "$W"
# the two train splits, one after the other (each ends with a blank line)
{ xz -dc "$EWT"; xz -dc "$GUM"; } > "$W/train.conllu"
echo "model: training data $(grep -c '^# sent_id' "$W/train.conllu") sentences"
