/* ud_score.h: scores syntactic words (tags, lemmas, features, dependencies)
 * against gold ones with the measures of the CoNLL 2018 shared task.
 *
 * Two word sequences (gold and system) are first aligned: by position when
 * both share the gold tokenization, else by character span over the text
 * with all white space removed (two words align when their spans are
 * identical).  Every measure then counts gold items, system items and the
 * correct ones; precision = correct / system, recall = correct / gold, F1
 * their harmonic mean (with gold tokenization all three are the accuracy).
 *
 *   Tokens, Sentences, Words  spans identical
 *   UPOS, XPOS, Lemma         aligned and the field equal (a gold lemma "_"
 *                             accepts any lemma)
 *   UFeats                    aligned and the same feature set, in any
 *                             order ("_" and none are the empty set)
 *   AllTags                   UPOS, XPOS and UFeats all right
 *   UAS                       aligned, and the system head is the word
 *                             aligned to the gold head (or both are root)
 *   LAS                       UAS and the universal part of the relation
 *                             ("obl" of "obl:tmod") equal: CoNLL 2018
 *   LAS+sub                   UAS and the whole relation, subtype included
 *   CLAS                      LAS over content words only: gold (system)
 *                             counts gold (system) words whose relation is
 *                             not functional (aux cop mark det clf case cc)
 *                             nor punct; a pair is correct when its gold
 *                             word is a content word and LAS holds
 *   MLAS                      CLAS, and UPOS and the universal features
 *                             (UD_UNIVERSAL_FEATS below) equal, and the
 *                             functional children of the two words carry
 *                             the same multiset of (relation, UPOS,
 *                             universal features)
 *   BLEX                      CLAS and the lemma right
 * These are our reading of the published definitions, written here from
 * them; no code of the official script is used.
 */
#ifndef RIFT_UD_SCORE_H
#define RIFT_UD_SCORE_H

#include <stddef.h>
#include <stdint.h>

enum {
    UD_TOKENS, UD_SENTENCES, UD_WORDS, UD_UPOS, UD_XPOS, UD_UFEATS, UD_ALLTAGS,
    UD_LEMMA, UD_UAS, UD_LAS, UD_LAS_SUB, UD_CLAS, UD_MLAS, UD_BLEX, UD_N
};
extern const char *const ud_measure_name[UD_N];

typedef struct ud_counts { long gold, sys, correct; } ud_counts;
typedef struct ud_result { ud_counts m[UD_N]; } ud_result;

/* One word.  Strings may be NULL or "_" for none.  head: index of the head
 * in the same array, -1 for the root, -2 when unknown (never right). */
typedef struct ud_word {
    const char *upos, *xpos, *lemma, *feats, *deprel;
    int head;
    uint32_t start, end;   /* character span without white space */
    int noalign;           /* never aligned (a span that could not be known) */
} ud_word;

typedef struct ud_span { uint32_t start, end; } ud_span;

/* The alignment of two word arrays: g2s[i] is the system word aligned to
 * gold word i or -1, s2g the reverse.  ud_align_identity pairs words by
 * position (gold tokenization; ng == ns); ud_align_spans by identical
 * spans, both arrays in text order. */
void ud_align_identity(size_t n, int *g2s, int *s2g);
void ud_align_spans(const ud_word *g, size_t ng, const ud_word *s, size_t ns,
                    int *g2s, int *s2g);

/* Adds the word measures (Words .. BLEX) of one aligned pair of arrays.
 * Heads index within each array.  Allocates a little scratch (O(n)). */
void ud_score_words(ud_result *r, const ud_word *g, size_t ng, const ud_word *s,
                    size_t ns, const int *g2s, const int *s2g);
/* Adds identical-span counts of two span lists in text order into c (for
 * tokens and sentences). */
void ud_score_spans(ud_counts *c, const ud_span *g, size_t ng, const ud_span *s,
                    size_t ns);

void ud_result_add(ud_result *a, const ud_result *b);
/* precision, recall, F1 in [0, 1] (0 when a count is 0) */
void ud_prf(const ud_counts *c, double *p, double *r, double *f);

/* Feature sets equal, order-insensitive ("_" and NULL empty); with
 * universal_only, features outside UD_UNIVERSAL_FEATS are ignored. */
int ud_feats_equal(const char *a, const char *b, int universal_only);
/* The relation's universal part equal ("obl:tmod" ~ "obl") */
int ud_deprel_univ_equal(const char *a, const char *b);

/* Bytes of white space at s[0..n) (Unicode White_Space as UTF-8), 0 if none */
size_t ud_space_len(const char *s, size_t n);

#endif
