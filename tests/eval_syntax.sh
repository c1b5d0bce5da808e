#!/bin/sh
# eval_syntax.sh: the scorers of `rift eval syntax` on hand-made CoNLL-U files
# whose right answers are counted by hand (no model needed: --gold/--system);
# then those of `rift eval entities --corpus ner`, `rift eval coref` and `rift
# eval quotes --corpus litbank` the same way, their readers on a tiny shared
# folder, and smoke runs on the real corpora when ../shared has them.
# Usage: sh tests/eval_syntax.sh PATH/TO/rift
set -u
RIFT=$1
. "$(dirname "$0")/tap.sh"
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

# ==== names, coreference and LitBank quotes ====================================

# nrow LABEL GOLD PRED MATCH P R F: the table of names in $T/out has that row
nrow() { grep -Eq "^ +$1 +$2 +$3 +$4 +$5 +$6 +$7\$" "$T/out"; }
# metric NAME R P F: a coreference row of $T/out
metric() { grep -Eq "^ +$1 +$2 +$3 +$4\$" "$T/out"; }

# ---- names: --gold/--system (no model) -------------------------------------
# gold: PERSON John Smith, Mary, Ann, Paris Hilton; ORG Acme Corp; LOC New
# York, Paris; MISC French (not scored): 7 scored names
conllu > "$T/gold.iob2" <<'EOF'
# newdoc id = d1
# sent_id = d1-1
1 John B-PER - -
2 Smith I-PER - -
3 met O - -
4 Mary B-PER - -
5 in O - -
6 New B-LOC - -
7 York I-LOC - -
8 . O - -

# sent_id = d1-2
1 The O - -
2 Acme B-ORG - -
3 Corp I-ORG - -
4 hired O - -
5 Ann B-PER - -
6 . O - -

# newdoc id = d2
# sent_id = d2-1
1 Paris B-PER - -
2 Hilton I-PER - -
3 visited O - -
4 Paris B-LOC - -
5 for O - -
6 French B-MISC - -
7 wine O - -
8 . O - -

EOF
# system: John Smith PER (exact), Mary LOC (type wrong), York LOC (overlap
# only), The Acme Corp ORG (overlap only), Ann missed, Paris Hilton PER
# (exact), Paris ORG (type wrong), visited PER (false), French PER (over a
# MISC name: left out).  Typed exact: PERSON 2 of 4 gold, 3 predicted; ORG
# 0 of 1, 2; LOC 0 of 2, 2; micro 2 of 7, 7.  Any type exact adds Mary and
# Paris: 4.  Typed overlap: PERSON 2, ORG 1 (Acme), LOC 1 (New York):
# micro 4; any type overlap 6 (all but Ann).
conllu > "$T/sys.iob2" <<'EOF'
# newdoc id = d1
1 John B-PER - -
2 Smith I-PER - -
3 met O - -
4 Mary B-LOC - -
5 in O - -
6 New O - -
7 York B-LOC - -
8 . O - -

1 The B-ORG - -
2 Acme I-ORG - -
3 Corp I-ORG - -
4 hired O - -
5 Ann O - -
6 . O - -

# newdoc id = d2
1 Paris B-PER - -
2 Hilton I-PER - -
3 visited B-PER - -
4 Paris B-ORG - -
5 for O - -
6 French B-PER - -
7 wine O - -
8 . O - -

EOF
"$RIFT" eval entities --gold "$T/gold.iob2" --system "$T/sys.iob2" --format uner > "$T/out" 2> "$T/err"; rc=$?
expect "names, known errors: exit 0" [ $rc -eq 0 ]
expect "names: PERSON exact 2 of 4, 3 predicted" nrow "PERSON exact" 4 3 2 0.667 0.500 0.571
expect "names: ORG exact 0 of 1, 2 predicted" nrow "ORG exact" 1 2 0 0.000 0.000 0.000
expect "names: LOC exact 0 of 2" nrow "LOC exact" 2 2 0 0.000 0.000 0.000
expect "names: micro exact 2 of 7" nrow "micro exact" 7 7 2 0.286 0.286 0.286
expect "names: any type exact 4 of 7" nrow "any type exact" 7 7 4 0.571 0.571 0.571
expect "names: ORG overlap 1 (The Acme Corp)" nrow "ORG overlap" 1 2 1 0.500 1.000 0.667
expect "names: LOC overlap 1 (York)" nrow "LOC overlap" 2 2 1 0.500 0.500 0.500
expect "names: micro overlap 4 of 7" nrow "micro overlap" 7 7 4 0.571 0.571 0.571
expect "names: any type overlap 6 of 7" nrow "any type overlap" 7 7 6 0.857 0.857 0.857
expect "names: the name over MISC is left out" grep -q '(1 predicted names over gold names' "$T/out"

"$RIFT" eval entities --gold "$T/gold.iob2" --system "$T/sys.iob2" --format uner --verbose > "$T/out" 2>&1
expect "names --verbose: a miss with its sentence" \
    grep -q '^  miss PERSON "Ann" in: The Acme Corp hired Ann .$' "$T/out"
expect "names --verbose: a false name" grep -q '^  false PERSON "visited" in: Paris Hilton' "$T/out"
"$RIFT" eval entities --gold "$T/gold.iob2" --system "$T/sys.iob2" --format uner --json > "$T/out" 2>&1
expect "names --json: one array with the counts" \
    grep -q '^\[{"corpus":"file",.*"micro":{"gold":7,"predicted":7,"matched":2,' "$T/out"

# CrossNER types: politician PERSON, politicalparty ORG, country LOC,
# election not scored; the gold against itself is all right
printf 'Obama\tB-politician\nled\tO\nthe\tO\nDemocratic\tB-politicalparty\nParty\tI-politicalparty\nin\tO\nthe\tO\nUnited\tB-country\nStates\tI-country\n2008\tB-election\nelection\tI-election\n\nHe\tO\nwon\tO\n\n' > "$T/cross.txt"
"$RIFT" eval entities --gold "$T/cross.txt" --system "$T/cross.txt" --format crossner > "$T/out" 2>&1
expect "CrossNER types mapped: 1 PERSON, 1 ORG, 1 LOC, all matched" \
    sh -c "grep -Eq '^ +PERSON exact +1 +1 +1 ' '$T/out' && grep -Eq '^ +ORG exact +1 +1 +1 ' '$T/out' &&
           grep -Eq '^ +LOC exact +1 +1 +1 ' '$T/out' && grep -q '^== file (2 documents, 2 sentences, 13 tokens)' '$T/out'"

# wikigold IO tags: consecutive I- of one type are one name
printf 'Ann I-PER\nBell I-PER\nand O\nBob I-PER\nmet O\n\n' > "$T/wg.txt"
printf 'Ann I-PER\nBell O\nand O\nBob I-PER\nmet O\n\n' > "$T/wg2.txt"
"$RIFT" eval entities --gold "$T/wg.txt" --system "$T/wg2.txt" --format wikigold > "$T/out" 2>&1
expect "wikigold IO: Ann Bell one name, Bob another; Ann alone overlaps" \
    sh -c "grep -Eq '^ +PERSON exact +2 +2 +1 ' '$T/out' && grep -Eq '^ +PERSON overlap +2 +2 +2 ' '$T/out'"

printf 'Ann\tX-PER\n' > "$T/bad.txt"
"$RIFT" eval entities --gold "$T/bad.txt" --system "$T/bad.txt" --format crossner > "$T/out" 2> "$T/err"; rc=$?
expect "a bad tag: exit 1, FILE:LINE" sh -c "[ $rc -eq 1 ] && grep -q 'bad.txt:1: tag' '$T/err'"
sed 's/Mary/Marie/' "$T/gold.iob2" > "$T/other.iob2"
"$RIFT" eval entities --gold "$T/gold.iob2" --system "$T/other.iob2" --format uner > "$T/out" 2> "$T/err"; rc=$?
expect "other tokens: exit 1, says so" sh -c "[ $rc -eq 1 ] && grep -q 'other tokens' '$T/err'"
"$RIFT" eval entities --gold "$T/gold.iob2" --format uner > "$T/out" 2> "$T/err"; rc=$?
expect "--gold without --system: exit 2" [ $rc -eq 2 ]
"$RIFT" eval entities --corpus nope > "$T/out" 2> "$T/err"; rc=$?
expect "unknown corpus: exit 2" [ $rc -eq 2 ]
"$RIFT" eval entities --corpus ner --shared "$T/none" > "$T/out" 2> "$T/err"; rc=$?
expect "no corpora: exit 0, skipped with a message" sh -c "[ $rc -eq 0 ] && grep -q skipped '$T/err'"
"$RIFT" eval entities --corpus ner --help > "$T/out"; rc=$?
expect "--help: usage on stdout" sh -c "[ $rc -eq 0 ] && grep -q 'usage: rift eval entities --corpus' '$T/out'"

# ---- coreference: --gold/--system (no model) --------------------------------
# mentions a..i are tokens 0..8; key {a b c} {d e f g}; response {a b} {c d}
# {f g h i} (e missing): MUC R = P = 2/5; B-cubed R 5/12, P 1/2, F 5/11;
# CEAF-e best alignment K1R1 (4/5) + K2R3 (4/8) = 1.3: R 0.65, P 1.3/3,
# F 0.52; CoNLL (0.4 + 0.4545 + 0.52) / 3 = 0.458 (tests/unit/test_coref_score.c)
coref() { # word mark ...: one CoNLL-2012 line per pair
    echo "#begin document (x); part 0"
    i=0
    while [ $# -gt 1 ]; do printf 'x\t0\t%d\t%s\t_\t%s\n' $i "$1" "$2"; i=$((i+1)); shift 2; done
    printf '\n#end document\n'
}
coref a '(0)' b '(0)' c '(0)' d '(1)' e '(1)' f '(1)' g '(1)' h - i - > "$T/key.conll"
coref a '(5)' b '(5)' c '(7)' d '(7)' e - f '(9)' g '(9)' h '(9)' i '(9)' > "$T/resp.conll"
"$RIFT" eval coref --gold "$T/key.conll" --system "$T/resp.conll" > "$T/out" 2> "$T/err"; rc=$?
expect "coref, known clusters: exit 0" [ $rc -eq 0 ]
expect "coref: mentions 7 gold, 8 system, 6 the same" grep -q 'mentions: gold 7, system 8, the same span (tokens) 6' "$T/out"
expect "coref: MUC 0.400 0.400 0.400" metric MUC 0.400 0.400 0.400
expect "coref: B-cubed 0.417 0.500 0.455" metric B-cubed 0.417 0.500 0.455
expect "coref: CEAF-e 0.650 0.433 0.520" metric CEAF-e 0.650 0.433 0.520
expect "coref: CoNLL 0.458" grep -Eq 'CoNLL \(mean of the three F1\) +0\.458$' "$T/out"
"$RIFT" eval coref --gold "$T/key.conll" --system "$T/key.conll" --json > "$T/out" 2>&1
expect "coref: the key against itself is 1 everywhere (--json)" \
    grep -q '"muc":{"recall":1.0000,"precision":1.0000,"f1":1.0000},"b3":{"recall":1.0000,"precision":1.0000,"f1":1.0000},"ceafe":{"recall":1.0000,"precision":1.0000,"f1":1.0000},"conll":1.0000' "$T/out"
coref a '(0' b '-' > "$T/open.conll"
"$RIFT" eval coref --gold "$T/open.conll" --system "$T/open.conll" > "$T/out" 2> "$T/err"; rc=$?
expect "coref: a mention never closed: exit 1, says which" sh -c "[ $rc -eq 1 ] && grep -q 'never closed' '$T/err'"
coref a '(x)' > "$T/bad.conll"
"$RIFT" eval coref --gold "$T/bad.conll" --system "$T/bad.conll" > "$T/out" 2> "$T/err"; rc=$?
expect "coref: a bad mark: exit 1, FILE:LINE" sh -c "[ $rc -eq 1 ] && grep -q 'bad.conll:2: ' '$T/err'"
"$RIFT" eval coref --gold "$T/key.conll" > "$T/out" 2> "$T/err"; rc=$?
expect "coref: --gold without --system: exit 2" [ $rc -eq 2 ]
"$RIFT" eval coref --corpus nope > "$T/out" 2> "$T/err"; rc=$?
expect "coref: unknown corpus: exit 2" [ $rc -eq 2 ]

# ---- the readers through rift, on a tiny shared folder ----------------------
S=$T/shared/corpora
mkdir -p "$S/wikigold" "$S/litbank/coref/conll" "$S/litbank/entities/tsv" \
         "$S/litbank/quotations/tsv" "$S/ud-english-gum-open"
# wikigold: document 0 before the first -DOCSTART-, then 1..5; only 4 is test
{
    printf 'Zed I-PER\nran O\n. O\n\n'
    for d in 1 2 3 4 5; do
        printf -- '-DOCSTART- O\n\n'
        if [ $d = 4 ]; then
            printf 'Barack I-PER\nObama I-PER\nvisited O\nParis I-LOC\n. O\n\n'
            printf 'He O\nlikes O\nFrench I-MISC\nwine O\n. O\n\n'
        else
            printf 'Ann%d I-PER\nsang O\n. O\n\n' $d
        fi
    done
} > "$S/wikigold/wikigold.conll.txt"
"$RIFT" eval entities --corpus ner --shared "$T/shared" > "$T/out" 2> "$T/err"; rc=$?
expect "wikigold held-out: exit 0" [ $rc -eq 0 ]
expect "wikigold held-out: document 4 only (index % 5 == 4)" \
    grep -q '^== wikigold (1 documents, 2 sentences, 10 tokens)' "$T/out"
expect "wikigold held-out: its 2 scored gold names" grep -Eq '^ +micro exact +2 ' "$T/out"
expect "wikigold held-out: the convention printed" grep -q 'index % 5 == 4' "$T/out"
expect "wikigold held-out: UNER and CrossNER absent, said" \
    sh -c "grep -q 'uner-english-ewt.* absent; skipped' '$T/err'"

# LitBank: ten books, the tenth (number 9) is the test one
for b in 0 1 2 3 4 5 6 7 8; do : > "$S/litbank/coref/conll/0${b}_book.conll"; done
B=09_test_book
{
    echo "#begin document ($B); part 0"
    i=0
    while read -r w tag mark; do
        if [ -z "$w" ]; then echo; i=0; continue; fi
        printf '%s\t0\t%d\t%s\t_\t_\t_\t_\t_\t_\t_\t_\t%s\n' "$B" $i "$w" "$mark"
        printf '%s\t%s\tO\tO\tO\t\n' "$w" "$tag" >> "$S/litbank/entities/tsv/$B.tsv"
        i=$((i+1))
    done <<'EOF'
“ O -
I O (0)
am O -
here O -
, O -
” O -
said O -
John B-PER (0
Smith I-PER 0)
. O -

John B-PER (0
Smith I-PER 0)
smiled O -
at O -
Mary B-PER (1)
in O -
London B-GPE (2)
. O -

“ O -
Go O -
home O -
, O -
” O -
Mary B-PER (1)
said O -
. O -
EOF
    printf '\n#end document\n'
} > "$S/litbank/coref/conll/$B.conll"
# the tsv's blank lines between sentences
awk 'NR == 11 || NR == 19 { print "" } { print }' "$S/litbank/entities/tsv/$B.tsv" > "$T/tsv" &&
    mv "$T/tsv" "$S/litbank/entities/tsv/$B.tsv"
printf 'QUOTE\tQ1\t0\t0\t0\t5\t“ I am here , ”\nQUOTE\tQ2\t2\t0\t2\t4\t“ Go home , ”\nATTRIB\tQ1\tJohn_Smith-0\nATTRIB\tQ2\tMary-1\n' \
    > "$S/litbank/quotations/tsv/$B.ann"
"$RIFT" eval coref --corpus litbank --shared "$T/shared" > "$T/out" 2> "$T/err"; rc=$?
expect "LitBank coref: exit 0" [ $rc -eq 0 ]
expect "LitBank coref: the tenth book only" grep -q '^== litbank (1 documents)' "$T/out"
expect "LitBank coref: 6 gold mentions of 3 entities, all of covered types" \
    sh -c "grep -q 'mentions: gold 6,' '$T/out' && grep -q 'all 3 gold entities' '$T/out' &&
           grep -q '3 person/organisation/place ones' '$T/out'"
expect "LitBank coref: the person measure counts John's 3 and Mary's 2 mentions" \
    grep -q '(gold PERSON mentions in chains of 2+): 5$' "$T/out"
"$RIFT" eval quotes --corpus litbank --shared "$T/shared" > "$T/out" 2> "$T/err"; rc=$?
expect "LitBank quotes: exit 0" [ $rc -eq 0 ]
expect "LitBank quotes: both quotations found" grep -q 'found (a rift quote overlaps): 2 of 2 ' "$T/out"
expect "LitBank quotes: both speakers linked to their entity" \
    grep -q 'gold speakers linked to a coreference entity: 2 of 2' "$T/out"
expect "LitBank quotes: both speakers right (said John Smith; Mary said)" \
    grep -q 'speaker right: 2 of 2 gold quotations' "$T/out"
"$RIFT" eval quotes --corpus litbank --shared "$T/shared" --json > "$T/out" 2>&1
expect "LitBank quotes --json" grep -q '^\[{"corpus":"litbank",.*"gold_quotes":2,"found":2,' "$T/out"
printf 'QUOTE\tQ1\t7\t0\t7\t5\tx\n' > "$S/litbank/quotations/tsv/$B.ann"
"$RIFT" eval quotes --corpus litbank --shared "$T/shared" > "$T/out" 2> "$T/err"; rc=$?
expect "LitBank quotes: a quotation outside the book: exit 1, FILE:LINE" \
    sh -c "[ $rc -eq 1 ] && grep -q '$B.ann:1: quote outside' '$T/err'"

# GUM: Entity= in CoNLL-U (xz); "Kim Lee's dog" holds "Kim Lee", written
# as the multiword token "Lee's"; Kim Lee, her and She one person chain
if command -v xz > /dev/null 2>&1; then
    conllu <<'EOF' | xz -c > "$S/ud-english-gum-open/en_gum-open-test.conllu.xz"
# newdoc id = GUM_news_tiny
# sent_id = GUM_news_tiny-1
# newpar
# text = Kim Lee's dog saw her.
1 Kim Kim PROPN NNP _ 2 compound _ Entity=(2-animal-new-x-cf1-1-sgl(1-person-new-x-cf2-1-coref
2-3 Lee's _ _ _ _ _ _ _ _
2 Lee Lee PROPN NNP _ 4 nmod:poss _ Entity=1)
3 's 's PART POS _ 2 case _ _
4 dog dog NOUN NN _ 5 nsubj _ Entity=2)
5 saw see VERB VBD _ 0 root _ _
6 her she PRON PRP _ 5 obj _ Entity=(1-person-giv-x-cf2-1-coref)|SpaceAfter=No
7 . . PUNCT . _ 5 punct _ _

# sent_id = GUM_news_tiny-2
# text = She smiled.
1 She she PRON PRP _ 2 nsubj _ Entity=(1-person-giv-x-cf2-1-coref)
2 smiled smile VERB VBD _ 0 root _ SpaceAfter=No
3 . . PUNCT . _ 2 punct _ _

EOF
    "$RIFT" eval coref --corpus gum --shared "$T/shared" --verbose > "$T/out" 2> "$T/err"; rc=$?
    expect "GUM coref: exit 0" [ $rc -eq 0 ]
    expect "GUM coref: 4 gold mentions of 2 entities, 1 a person" \
        sh -c "grep -q 'mentions: gold 4,' '$T/out' && grep -q 'all 2 gold entities' '$T/out' &&
               grep -q '1 person/organisation/place ones' '$T/out'"
    expect "GUM coref: 3 person mentions in a chain" grep -q 'chains of 2+): 3$' "$T/out"
    expect "GUM coref --verbose: the document by its id" grep -q '^# gum GUM_news_tiny: ' "$T/out"
else
    skip "GUM coref reader: no xz"
fi

# ---- the real corpora: smoke runs ---------------------------------------------
R=$(cd "$(dirname "$0")/.." && pwd)/../shared
[ -d "$R/corpora" ] || R=/work/shared
if [ -d "$R/corpora/uner-english-ewt" ] && [ -d "$R/corpora/crossner-politics" ] &&
   [ -d "$R/corpora/wikigold" ]; then
    "$RIFT" eval entities --corpus ner --shared "$R" > "$T/out" 2> "$T/err"; rc=$?
    expect "real names: exit 0, UNER 316, CrossNER 651, wikigold 29 documents" \
        sh -c "[ $rc -eq 0 ] && grep -q '^== uner (316 documents' '$T/out' &&
               grep -q '^== crossner (651 documents' '$T/out' && grep -q '^== wikigold (29 documents' '$T/out'"
else
    skip "real names: UNER, CrossNER or wikigold absent from $R/corpora"
fi
if [ -d "$R/corpora/litbank" ] && [ -f "$R/corpora/ud-english-gum-open/en_gum-open-test.conllu.xz" ]; then
    "$RIFT" eval coref --shared "$R" > "$T/out" 2> "$T/err"; rc=$?
    expect "real coref: exit 0, GUM 20 and LitBank 10 documents" \
        sh -c "[ $rc -eq 0 ] && grep -q '^== gum (20 documents)' '$T/out' && grep -q '^== litbank (10 documents)' '$T/out'"
    "$RIFT" eval quotes --corpus litbank --shared "$R" > "$T/out" 2> "$T/err"; rc=$?
    expect "real LitBank quotes: exit 0, 10 documents" \
        sh -c "[ $rc -eq 0 ] && grep -q '^== litbank quotations (10 documents)' '$T/out'"
else
    skip "real coref and quotes: LitBank or GUM test absent from $R/corpora"
fi
