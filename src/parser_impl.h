/* parser_impl.h: the internals of the dependency parser shared by parser.c,
 * parser_feat.c and its trainer (tools/train/train_parser.c).
 *
 * The parser is arc-hybrid (Kuhlmann et al. 2011) with the root token at the
 * END of the buffer: SHIFT moves b0 onto the stack, LEFT makes b0 the head of
 * s0, RIGHT makes s1 the head of s0 (both pop s0).  LEFT onto the root token
 * is allowed only when the stack holds one word and SHIFT never moves the
 * root, so every parse is a tree with exactly one root in 2n transitions.
 * When an arc is made, a second classifier chooses its label, so the labels
 * of children are features of later transitions.  Both classifiers are
 * linear over hashed features (64-bit keys mixed from a template id and its
 * atoms, no strings): a key maps to the three transition weights, or to a
 * short list of (label, weight) pairs.  Greedy: one pass, no beam.
 */
#ifndef RIFT_PARSER_IMPL_H
#define RIFT_PARSER_IMPL_H

#include "syntax.h"

enum { PT_SHIFT = 0, PT_LEFT = 1, PT_RIGHT = 2, PT_NTRANS = 3 };
enum { PARSER_MAX_FEATS = 128, PARSER_MAX_LABELS = 250 };

/* the atoms of one word the features read (precomputed once per sentence) */
typedef struct pword {
    uint64_t w;        /* lower-cased norm, digits folded */
    uint64_t l;        /* lemma (the word when none) */
    uint64_t sfx;      /* last three bytes of the lower-cased norm */
    uint8_t x, u;      /* xpos, upos (+1; 0 = no word) */
    uint8_t shape;     /* capitalised, digits, punctuation ... */
} pword;

/* The parse state.  Arrays have n+1 entries (index n is the root token);
 * atoms (a) has n+2 so that a[-1] is the "no word" atom. */
typedef struct pstate {
    int32_t n;
    int32_t b;                /* buffer front: b..n (n = the root token) */
    int32_t sp;               /* stack size */
    int32_t *stack;
    int32_t *head;            /* -2 = none yet, n = the root token */
    int32_t *lc1, *lc2, *rc1, *rc2; /* leftmost/2nd, rightmost/2nd child */
    uint16_t *label;          /* label id + 1 (0 = none) */
    uint8_t *nl, *nr;         /* numbers of left/right children (max 255) */
    uint64_t *lset, *rset;    /* label sets of the left/right children */
    const pword *a;           /* a[-1] valid */
} pstate;

/* Memory of a state for n words: pstate_size bytes, then pstate_init. */
size_t pstate_size(int32_t n);
void pstate_init(pstate *s, int32_t n, void *mem);
/* Fills the n+2 atoms at a (a[0] = none, a[1..n] = the words, a[n+1] = root)
 * and points s->a at a+1.  lemma may be NULL.  (The features string is not
 * used: what it adds to XPOS and the word is little, and the morphology's
 * errors in it cost more than that.) */
void pstate_atoms(pstate *s, pword *a, const rift_sw *w, size_t n);
/* Legal transitions as a bit mask (1 << PT_*); 0 when terminal. */
unsigned pstate_legal(const pstate *s);
/* Applies transition t (legal) and returns the dependent of the arc made
 * (-1 for SHIFT); the caller then sets its label with pstate_label. */
int32_t pstate_apply(pstate *s, int t);
void pstate_label(pstate *s, int32_t d, unsigned label);

/* ---- the model file ------------------------------------------------------
 * "RIFTDEP1", uint32 version, uint32 nlabels, the labels (uint8 length +
 * bytes; label 0 is "root"), then two classifiers (transitions, labels):
 * uint32 nclass, uint32 nslots, uint32 nentries, float scale, then the
 * slots and the entries.  A key k lives at slot (low32(k) * nslots) >> 32 or
 * after it (linear probing); its check is pclass_check(k), 0 when empty.
 * With at most 3 classes (transitions) a slot holds the weights itself:
 * {uint16 check16 | int16 w0 << 16, int16 w1 | int16 w2 << 16} (check16 =
 * pclass_check16(k), 0 when empty) and nentries is 0;
 * otherwise a slot is {uint32 check, uint32 off << 8 | len} and the entries
 * are nentries x uint32 (class << 16 | (uint16)int16 weight).  Weights are
 * the averaged perceptron's times 1/scale.  Little-endian throughout. */
#define PARSER_MAGIC "RIFTDEP1"
#define PARSER_VERSION 3u

enum { PCLASS_INLINE_MAX = 3 };

typedef struct pclass {
    uint32_t nclass, nslots, nentries;
    uint32_t inl;             /* the weights are in the slots */
    float scale;
    uint32_t *slots;
    uint32_t *entries;
} pclass;

struct rift_parser {
    uint32_t nlabels;
    char **labels;
    pclass trans, lab;
};

/* slot check of a key: never 0 */
static inline uint32_t pclass_check(uint64_t k)
{
    return (uint32_t)(k >> 32) | 1u;
}

static inline uint32_t pclass_check16(uint64_t k)
{
    return (uint32_t)(k >> 48) | 1u;
}

static inline uint32_t pclass_home(uint64_t k, uint32_t nslots)
{
    return (uint32_t)(((uint64_t)(uint32_t)k * nslots) >> 32);
}

/* Feature keys of the transition classifier and of the labeller (arc h->d,
 * about to be made).  Return the count (<= PARSER_MAX_FEATS).  With pf, each
 * key's slot in pf is prefetched as soon as the key is known. */
int parser_tfeats(const pstate *s, uint64_t *out, const pclass *pf);
int parser_lfeats(const pstate *s, int32_t h, int32_t d, uint64_t *out,
                  const pclass *pf);

/* Adds the weights of the features to scores[nclass] (int32). */
void pclass_score(const pclass *c, const uint64_t *f, int nf, int32_t *scores);

#endif
