#!/bin/sh
# eval_syntax.sh: the scorer of `rift eval syntax` on hand-made CoNLL-U files
# whose right answers are counted by hand (no model needed: --gold/--system).
# Usage: sh tests/eval_syntax.sh PATH/TO/rift
set -u
RIFT=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
expect() { # description, condition command...
    d=$1; shift
    if "$@"; then ok "$d"; else nok "$d"; fi
}
# row NAME GOLD SYSTEM CORRECT: the table in $T/out has that row
row() { grep -Eq "^ +$1 +$2 +$3 +$4 " "$T/out"; }
# CoNLL-U from columns separated by spaces (comment lines kept as they are)
conllu() { awk 'BEGIN { OFS = "\t" } /^#/ || NF == 0 { print; next } { $1 = $1; print }'; }

# gold: 2 sentences, 13 words, 12 tokens ("don't" is one token of two words)
conllu > "$T/gold.conllu" <<'EOF'
# newdoc id = d1
# sent_id = s1
# text = I don't like cats.
1 I I PRON PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj _ _
2-3 don't _ _ _ _ _ _ _ _
2 do do AUX VBP Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin 4 aux _ _
3 n't not PART RB Polarity=Neg 4 advmod _ _
4 like like VERB VB VerbForm=Inf 0 root _ _
5 cats cat NOUN NNS Number=Plur 4 obj _ SpaceAfter=No
6 . . PUNCT . _ 4 punct _ _

# sent_id = s2
# text = The dog sleeps in New York.
1 The the DET DT Definite=Def|PronType=Art 2 det _ _
2 dog dog NOUN NN Number=Sing 3 nsubj _ _
3 sleeps sleep VERB VBZ Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 0 root _ _
4 in in ADP IN _ 6 case _ _
5 New New PROPN NNP Number=Sing 6 compound _ _
6 York York PROPN NNP Number=Sing 3 obl _ SpaceAfter=No
7 . . PUNCT . _ 3 punct _ _

EOF

# system 1, the gold words with known errors: I's features in another order
# (right); do VERB (UPOS, AllTags; like's aux child differs: MLAS); n't's
# lemma (Lemma, BLEX); cats' head (UAS, LAS, CLAS); dog obj (LAS, CLAS);
# sleeps without Person (UFeats, AllTags, MLAS); York obl:tmod (LAS+sub only)
conllu > "$T/sys1.conllu" <<'EOF'
# text = I don't like cats.
1 I I PRON PRP PronType=Prs|Case=Nom|Person=1|Number=Sing 4 nsubj _ _
2-3 don't _ _ _ _ _ _ _ _
2 do do VERB VBP Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin 4 aux _ _
3 n't n't PART RB Polarity=Neg 4 advmod _ _
4 like like VERB VB VerbForm=Inf 0 root _ _
5 cats cat NOUN NNS Number=Plur 1 obj _ SpaceAfter=No
6 . . PUNCT . _ 4 punct _ _

# text = The dog sleeps in New York.
1 The the DET DT Definite=Def|PronType=Art 2 det _ _
2 dog dog NOUN NN Number=Sing 3 obj _ _
3 sleeps sleep VERB VBZ Mood=Ind|Number=Sing|Tense=Pres|VerbForm=Fin 0 root _ _
4 in in ADP IN _ 6 case _ _
5 New New PROPN NNP Number=Sing 6 compound _ _
6 York York PROPN NNP Number=Sing 3 obl:tmod _ SpaceAfter=No
7 . . PUNCT . _ 3 punct _ _

EOF

# system 2, tokenised otherwise: "do" "n't" two tokens (no multiword
# token), "cats." one token, the second sentence cut after "sleeps"
conllu > "$T/sys2.conllu" <<'EOF'
1 I I PRON PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj _ _
2 do do AUX VBP Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin 4 aux _ SpaceAfter=No
3 n't not PART RB Polarity=Neg 4 advmod _ _
4 like like VERB VB VerbForm=Inf 0 root _ _
5 cats. cat NOUN NNS Number=Plur 4 obj _ _

1 The the DET DT Definite=Def|PronType=Art 2 det _ _
2 dog dog NOUN NN Number=Sing 3 nsubj _ _
3 sleeps sleep VERB VBZ Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 0 root _ _

1 in in ADP IN _ 3 case _ _
2 New New PROPN NNP Number=Sing 3 compound _ _
3 York York PROPN NNP Number=Sing 0 root _ SpaceAfter=No
4 . . PUNCT . _ 3 punct _ _

EOF

"$RIFT" eval syntax --gold "$T/gold.conllu" --system "$T/gold.conllu" > "$T/out" 2> "$T/err"; rc=$?
expect "gold against itself: exit 0" [ $rc -eq 0 ]
expect "gold against itself: all 14 measures 100" \
    [ "$(grep -c '100\.00 100\.00 100\.00$' "$T/out")" = 14 ]

"$RIFT" eval syntax --gold "$T/gold.conllu" --system "$T/sys1.conllu" > "$T/out" 2> "$T/err"; rc=$?
expect "known errors: exit 0" [ $rc -eq 0 ]
expect "known errors: tokens, sentences, words all right" \
    sh -c "grep -Eq '^ +Tokens +12 +12 +12 ' '$T/out' && grep -Eq '^ +Sentences +2 +2 +2 ' '$T/out' &&
           grep -Eq '^ +Words +13 +13 +13 ' '$T/out'"
expect "known errors: UPOS 12 of 13" row UPOS 13 13 12
expect "known errors: XPOS 13 of 13" row XPOS 13 13 13
expect "known errors: UFeats 12 of 13 (order does not count)" row UFeats 13 13 12
expect "known errors: AllTags 11 of 13" row AllTags 13 13 11
expect "known errors: Lemma 12 of 13" row Lemma 13 13 12
expect "known errors: UAS 12 of 13" row UAS 13 13 12
expect "known errors: LAS 11 of 13 (subtype ignored)" row LAS 13 13 11
expect "known errors: LAS+sub 10 of 13" row 'LAS\+sub' 13 13 10
expect "known errors: CLAS 6 of 8 content words" row CLAS 8 8 6
expect "known errors: MLAS 4 of 8 (features, functional children)" row MLAS 8 8 4
expect "known errors: BLEX 5 of 8" row BLEX 8 8 5

"$RIFT" eval syntax --gold "$T/gold.conllu" --system "$T/sys2.conllu" > "$T/out" 2> "$T/err"; rc=$?
expect "other tokenization: exit 0" [ $rc -eq 0 ]
expect "other tokenization: tokens 9 of 12 gold, 12 system" row Tokens 12 12 9
expect "other tokenization: sentences 1 of 2 gold, 3 system" row Sentences 2 3 1
expect "other tokenization: words aligned by characters, 11" row Words 13 12 11
expect "other tokenization: UPOS over aligned words" row UPOS 13 12 11
expect "other tokenization: UAS 9 (York and . lose their head)" row UAS 13 12 9

"$RIFT" eval syntax --gold "$T/gold.conllu" --system "$T/sys1.conllu" --json > "$T/out" 2>&1
expect "--json: one array with the counts" \
    grep -q '^\[{.*"UAS":{"gold":13,"system":13,"correct":12,' "$T/out"

printf '1 I I PRON PRP _ 0 root _ _\n\n' | conllu > "$T/other.conllu"
"$RIFT" eval syntax --gold "$T/gold.conllu" --system "$T/other.conllu" > "$T/out" 2> "$T/err"; rc=$?
expect "another text: exit 1 and says so" sh -c "[ $rc -eq 1 ] && grep -q 'same text' '$T/err'"
"$RIFT" eval syntax --gold "$T/gold.conllu" > /dev/null 2> "$T/err"; rc=$?
expect "--gold without --system: exit 2" [ $rc -eq 2 ]
"$RIFT" eval syntax --corpus nope > /dev/null 2> "$T/err"; rc=$?
expect "unknown corpus: exit 2" [ $rc -eq 2 ]
"$RIFT" eval syntax --shared "$T/none" > "$T/out" 2> "$T/err"; rc=$?
expect "no treebanks: exit 0, skipped with a message" \
    sh -c "[ $rc -eq 0 ] && grep -q 'skipped' '$T/err'"
"$RIFT" eval syntax --help > "$T/out"; rc=$?
expect "--help: usage on stdout" sh -c "[ $rc -eq 0 ] && grep -q 'usage: rift eval syntax' '$T/out'"
