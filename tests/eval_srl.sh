#!/bin/sh
# eval_srl.sh: `rift eval events --corpus qasrl|propbank` on hand-made gold
# files (their counts known by hand) and a smoke run on the real dev
# corpora when ../shared has them.  Usage: sh tests/eval_srl.sh PATH/TO/rift
set -u
RIFT=$1
. "$(dirname "$0")/tap.sh"
has() { grep -Fq -- "$1" "$T/out"; }
conllu() { awk 'BEGIN { OFS = "\t" } /^#/ || NF == 0 { print; next } { $1 = $1; print }'; }

# ---- QA-SRL: five sentences, one question row of no sentence ----------------
# Agents: an empty subject slot (active) or a passive "by" question; themes:
# the object slot (active) or an empty subject slot (passive).  t:3 has an
# agent only; t:5's gold is wrong on purpose ("French" holds no head word of
# "French police"; "in Paris" is no object), so rift cannot be right there.
cat > "$T/sents.csv" <<'EOF'
qasrl_id,tokens,sentence
t:1,Russian troops attacked Ukraine on Monday .,Russian troops attacked Ukraine on Monday .
t:2,The minister was criticized by the opposition .,The minister was criticized by the opposition .
t:3,The cat slept .,The cat slept .
t:4,"Israel , meanwhile , bombed Gaza .","Israel , meanwhile , bombed Gaza ."
t:5,French police arrested the protesters in Paris .,French police arrested the protesters in Paris .
EOF
cat > "$T/gold.csv" <<'EOF'
qasrl_id,verb_idx,verb,question,answer_range,answer,wh,subj,obj,obj2,aux,prep,is_passive
t:1,2,attacked,Who attacked something?,0:2,Russian troops,who,,something,,,,False
t:1,2,attacked,What did someone attack?,3:4,Ukraine,what,someone,,,did,,False
t:1,2,attacked,When did someone attack something?,4:6,on Monday,when,someone,something,,did,,False
t:2,3,criticized,Who was criticized?,0:2,The minister,who,,,,was,,True
t:2,3,criticized,Who was someone criticized by?,5:7,the opposition,who,someone,,,was,by,True
t:3,2,slept,What slept?,0:2,The cat,what,,,,,,False
t:4,4,bombed,Who bombed something?,0:1,Israel,who,,something,,,,False
t:4,4,bombed,"What did someone bomb, ""then""?",5:6~!~5:6,Gaza~!~Gaza,what,someone,,,did,,False
t:9,1,ran,Who ran?,0:1,Nobody,who,,,,,,False
t:5,2,arrested,Who arrested someone?,0:1,French,who,,someone,,,,False
t:5,2,arrested,Where did someone arrest someone?,5:7,in Paris,where,someone,someone,,did,,False
t:5,2,arrested,Who did someone arrest?,5:7,in Paris,who,someone,,,did,,False
EOF
"$RIFT" eval events --corpus qasrl --gold "$T/gold.csv" --sentences "$T/sents.csv" \
    > "$T/out" 2> "$T/err"; rc=$?
expect "qasrl: exit 0" [ $rc -eq 0 ]
expect "qasrl: 5 sentences, 5 gold verbs, 4 with an agent and a theme" \
    has "sentences 5 (left out, no text or text and words differ: 0), gold predicates 5, with an agent and a theme 4"
expect "qasrl: the question of no sentence left out" \
    has "gold rows left out (malformed or of no sentence): 1"
expect "qasrl: the 4 event verbs coded, 3 right" sh -c "
    grep -Fq 'coded gold predicates (an event'\''s trigger on the verb): 4' '$T/out' &&
    grep -Fq 'precision (source and target right / coded): 3/4 = 75.0%' '$T/out'"
expect "qasrl: the split (head words) and the overlap (French police overlaps French)" sh -c "
    grep -Fq 'source right 3 (75.0%), target right 3 (75.0%), both 3 (75.0%)' '$T/out' &&
    grep -Fq 'source 4 (100.0%), target 3 (75.0%), both 3 (75.0%)' '$T/out'"
expect "qasrl: recall 3 of 4" has "recall (coded right / with an agent and a theme): 3/4 = 75.0%"
expect "qasrl: events lacking a source or a target, mean confidence" \
    grep -Eq '^  coded events 4: without a source 0 .*; mean confidence [01]\.[0-9]{3}$' "$T/out"
"$RIFT" eval events --corpus qasrl --gold "$T/gold.csv" --sentences "$T/sents.csv" --verbose \
    > "$T/out" 2> "$T/err"
expect "qasrl --verbose: the passive by-question's agent, the passive subject's theme" \
    has 'verb "criticized": gold agent "the opposition", theme "The minister"; rift'
expect "qasrl --verbose: rift's arguments with their head words" \
    has 'source "French police" (head police) target "protesters" (head protesters): both wrong'
"$RIFT" eval events --corpus qasrl --sentences "$T/sents.csv" --nope > "$T/out" 2>&1; rc=$?
expect "qasrl: an unknown option: exit 2" [ $rc -eq 2 ]

# ---- PropBank: the argument columns after the tenth ------------------------
# p2 has a multiword token and two predicates (see: ARG0 They, ARG1 men;
# fled: ARG0 men only); p3's text does not hold its words; p4 has no
# predicate; p5's ARG0 is wrong on purpose.
conllu > "$T/pb.conllu" <<'EOF'
# sent_id = p1
# text = Russian troops attacked Ukraine on Monday.
1 Russian Russian ADJ JJ _ 2 amod _ _ _ _
2 troops troop NOUN NNS _ 3 nsubj _ _ _ ARG0
3 attacked attack VERB VBD _ 0 root _ _ attack.01 V
4 Ukraine Ukraine PROPN NNP _ 3 obj _ _ _ ARG1
5 on on ADP IN _ 6 case _ _ _ _
6 Monday Monday PROPN NNP _ 3 obl _ SpaceAfter=No _ ARGM-TMP
7 . . PUNCT . _ 3 punct _ _ _ _

# sent_id = p2
# text = They didn't see the men who fled.
1 They they PRON PRP _ 4 nsubj _ _ _ ARG0 _
2-3 didn't _ _ _ _ _ _ _ _
2 did do AUX VBD _ 4 aux _ _ _ _ _
3 n't not PART RB _ 4 advmod _ _ _ ARGM-NEG _
4 see see VERB VB _ 0 root _ _ see.01 V _
5 the the DET DT _ 6 det _ _ _ _ _
6 men man NOUN NNS _ 4 obj _ _ _ ARG1 ARG0
7 who who PRON WP _ 8 nsubj _ _ _ _ R-ARG0
8 fled flee VERB VBD _ 6 acl:relcl _ SpaceAfter=No flee.01 _ V
9 . . PUNCT . _ 4 punct _ _ _ _ _

# sent_id = p3
# text = These are not the words.
1 Other other ADJ JJ _ 2 amod _ _ _ _
2 words word NOUN NNS _ 0 root _ _ word.01 V

# sent_id = p4
# text = Hello there.
1 Hello hello INTJ UH _ 0 root _ _ _
2 there there ADV RB _ 1 advmod _ SpaceAfter=No _
3 . . PUNCT . _ 1 punct _ _ _

# sent_id = p5
# text = Police arrested protesters in Paris.
1 Police police NOUN NNS _ 2 nsubj _ _ _ _
2 arrested arrest VERB VBD _ 0 root _ _ arrest.01 V
3 protesters protester NOUN NNS _ 2 obj _ _ _ ARG1
4 in in ADP IN _ 5 case _ _ _ _
5 Paris Paris PROPN NNP _ 2 obl _ SpaceAfter=No _ ARG0
6 . . PUNCT . _ 2 punct _ _ _

EOF
pb_check() { # label
    expect "propbank$1: 3 sentences scored, 1 left out, 4 predicates, 3 with ARG0 and ARG1" \
        has "sentences 3 (left out, no text or text and words differ: 1), gold predicates 4, with an agent and a theme 3"
    expect "propbank$1: attacked and arrested coded, one right" sh -c "
        grep -Fq 'coded gold predicates (an event'\''s trigger on the verb): 2' '$T/out' &&
        grep -Fq 'precision (source and target right / coded): 1/2 = 50.0%' '$T/out' &&
        grep -Fq 'source right 1 (50.0%), target right 2 (100.0%), both 1 (50.0%)' '$T/out'"
    expect "propbank$1: recall 1 of 3" has "recall (coded right / with an agent and a theme): 1/3 = 33.3%"
}
"$RIFT" eval events --corpus propbank --gold "$T/pb.conllu" > "$T/out" 2> "$T/err"; rc=$?
expect "propbank: exit 0" [ $rc -eq 0 ]
pb_check ""
if command -v xz > /dev/null 2>&1; then
    xz -c "$T/pb.conllu" > "$T/pb.conllu.xz"
    "$RIFT" eval events --corpus propbank --gold "$T/pb.conllu.xz" > "$T/out" 2> "$T/err"
    pb_check " (.xz)"
else
    skip "propbank .xz: no xz"
fi
"$RIFT" eval events --corpus propbank --gold "$T/pb.conllu" --verbose > "$T/out" 2> "$T/err"
expect "propbank --verbose: gold heads and rift's arguments" \
    has 'verb "arrested": gold agent "Paris", theme "protesters"; rift'
expect "propbank --verbose: a predicate with both, not coded" \
    has 'verb "see": gold agent "They", theme "men"; not coded'
"$RIFT" eval events --corpus propbank --shared "$T/none" > "$T/out" 2> "$T/err"; rc=$?
expect "propbank: no corpus: exit 0, skipped with a message" \
    sh -c "[ $rc -eq 0 ] && grep -q 'absent; PropBank skipped' '$T/err'"
"$RIFT" eval events --corpus qasrl --help > "$T/out" 2>&1; rc=$?
expect "--help names the corpora" sh -c "[ $rc -eq 0 ] &&
    grep -q -- '--corpus qasrl' '$T/out' && grep -q -- '--corpus propbank' '$T/out'"
"$RIFT" eval events --corpus nope > "$T/out" 2>&1; rc=$?
expect "an unknown corpus: exit 2, said" sh -c "[ $rc -eq 2 ] && grep -q \"unknown corpus 'nope'\" '$T/out'"

# ---- the real dev corpora --------------------------------------------------
S=../shared
[ -d "$S/corpora" ] || S=/work/shared
if [ -f "$S/corpora/qasrl-gs-wikinews/wikinews.dev.gold.csv" ]; then
    "$RIFT" eval events --corpus qasrl --shared "$S" > "$T/out" 2> "$T/err"; rc=$?
    expect "QA-SRL Wikinews dev: 500 sentences, 1264 gold verbs" sh -c "[ $rc -eq 0 ] &&
        grep -Fq 'sentences 500 (left out, no text or text and words differ: 0), gold predicates 1264,' '$T/out'"
else
    skip "QA-SRL Wikinews dev: ../shared absent"
fi
if [ -f "$S/corpora/universal-propbank-ewt/en_ewt-up-dev.conllu.xz" ] && command -v xz > /dev/null 2>&1; then
    "$RIFT" eval events --corpus propbank --shared "$S" > "$T/out" 2> "$T/err"; rc=$?
    expect "PropBank EWT dev: 4977 predicates, every sentence aligned" sh -c "[ $rc -eq 0 ] &&
        grep -Fq '(left out, no text or text and words differ: 0), gold predicates 4977,' '$T/out'"
else
    skip "PropBank EWT dev: ../shared (or xz) absent"
fi
if [ -f "$S/peers/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt" ]; then
    "$RIFT" eval events --corpus gold --shared "$S" > "$T/out" 2> "$T/err"; rc=$?
    expect "PETR2 and PLOVER: each with its events lacking a source or a target" sh -c "[ $rc -eq 0 ] &&
        [ \$(grep -c '^  coded events [0-9]*: without a source' '$T/out') -eq 2 ]"
else
    skip "PETR2 and PLOVER: ../shared absent"
fi
