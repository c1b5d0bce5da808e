#!/bin/sh
# model.sh: what `make model` runs: trains the tagger, the morphology (lemma
# and features) and the parser from the TRAIN splits of UD English EWT and GUM,
# then the name recogniser (train_ner.c says from what).
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
# tagger (UPOS+XPOS), morphology (lemma, features), then the tagger again
# over 4 folds so the parser learns from tags as the tagger gives them
$B/train-tagger "$W/train.conllu" data/en/tagger.bin
$B/train-morph "$W/train.conllu" data/en/morph.bin
$B/train-tagger --jackknife 4 "$W/train.conllu" > "$W/train.jk.conllu"
# the parser, on the jackknifed tags; then its score on the EWT dev split
$B/train-parser "$W/train.jk.conllu" data/en/parser.bin
$B/train-parser --eval data/en/parser.bin "$S/corpora/ud-english-ewt/en_ewt-ud-dev.conllu.xz" \
    --tagger data/en/tagger.bin --morph data/en/morph.bin
# the name recogniser, over rift's own tokens, syntax and rule mentions of
# CrossNER politics (train, dev), wikigold (4/5), UNER EWT dev, GUM train
# documents but news, and LitBank
$B/train-ner "$S" data/en/ner.bin
echo "model: data/en/tagger.bin morph.bin parser.bin ner.bin written; score them with:"
echo "  rift eval syntax; rift eval entities --corpus ner"
