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
 * short list of (label, weight) pairs or a dense row of label weights; the
 * labeller only weighs the labels seen in training for the arc's (head UPOS,
 * dependent UPOS, direction) and is skipped when there is one.  The
 * templates are those that paid their way on EWT dev (about 50 for the
 * transitions, 15 for the labels).  Greedy: one pass, no beam.
 */
#ifndef RIFT_PARSER_IMPL_H
#define RIFT_PARSER_IMPL_H

#include "syntax.h"

enum { PT_SHIFT = 0, PT_LEFT = 1, PT_RIGHT = 2, PT_NTRANS = 3 };
enum { PARSER_MAX_FEATS = 128, PARSER_MAX_LABELS = 248 };

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
 * bytes; label 0 is "root"), then the transition classifier: uint32
 * nbuckets, float scale, nbuckets x ptbucket; then the labeller: uint32
 * nclass, nbuckets, nentries, ndense, float scale, nbuckets x plbucket,
 * nentries x uint32 (class << 16 | (uint16)int16 weight), ndense rows of
 * PARSER_LPAD(nclass) x int16.  Both tables are bucketed open addressing:
 * a bucket is one 64-byte cache line of 8 slots; a key's home bucket is
 * (low32(k) * nbuckets) >> 32 and it lives there or in a following one
 * (wrapping); a lookup stops at the first bucket with an empty slot (check
 * 0).  A transition slot holds the three weights itself; a label slot holds
 * off << 8 | len (a list of len entries at off) or PL_DENSE | row (a dense
 * row of weights, for the features with many labels).  Weights are the
 * averaged perceptron's times 1/scale.  Little-endian throughout. */
#define PARSER_MAGIC "RIFTDEP1"
#define PARSER_VERSION 4u

enum { PB_SLOTS = 8 };
#define PL_DENSE 0x80000000u
#define PARSER_LPAD(n) (((n) + 7u) & ~7u)

typedef struct ptbucket {
    uint16_t chk[PB_SLOTS];           /* pclass_check16, 0 = empty */
    int16_t w[PB_SLOTS][3];
} ptbucket;

typedef struct plbucket {
    uint32_t chk[PB_SLOTS];           /* pclass_check, 0 = empty */
    uint32_t ref[PB_SLOTS];
} plbucket;

typedef struct pclass {
    uint32_t nclass, nbuckets, nentries, ndense, npad;
    float scale;
    void *buckets;            /* ptbucket or plbucket, 64-byte aligned */
    uint32_t *entries;
    int16_t *dense;
} pclass;

/* The labels an arc may get: those seen in training for its context (head
 * UPOS, dependent UPOS, direction), in the file after the labeller as
 * uint32 PARSER_NCTX, then per context uint8 count + count label ids
 * (ascending); an unseen context allows every label but root. */
enum { PARSER_NU = RIFT_N_UPOS + 1, PARSER_NCTX = PARSER_NU * PARSER_NU * 2 };

static inline uint8_t parser_u(unsigned upos)
{
    return (uint8_t)(upos < RIFT_N_UPOS ? upos + 1 : 1);
}

static inline unsigned parser_ctx(unsigned hu, unsigned du, int left)
{
    return ((hu % PARSER_NU) * PARSER_NU + du % PARSER_NU) * 2 + (left ? 1u : 0u);
}

struct rift_parser {
    uint32_t nlabels;
    char **labels;
    pclass trans, lab;
    uint32_t cstart[PARSER_NCTX + 2];  /* context c: cand[cstart[c]..cstart[c+1]) */
    uint8_t *cand;                     /* context PARSER_NCTX: all labels */
};

/* slot check of a key: never 0 */
static inline uint32_t pclass_check(uint64_t k)
{
    return (uint32_t)(k >> 32) | 1u;
}

static inline uint16_t pclass_check16(uint64_t k)
{
    return (uint16_t)((k >> 48) | 1u);
}

static inline uint32_t pclass_home(uint64_t k, uint32_t nbuckets)
{
    return (uint32_t)(((uint64_t)(uint32_t)k * nbuckets) >> 32);
}

/* Feature keys of the transition classifier and of the labeller (arc h->d,
 * about to be made).  Return the count (<= PARSER_MAX_FEATS).  With pf, each
 * key's slot in pf is prefetched as soon as the key is known. */
int parser_tfeats(const pstate *s, uint64_t *out, const pclass *pf);
int parser_lfeats(const pstate *s, int32_t h, int32_t d, uint64_t *out,
                  const pclass *pf);

/* Adds the weights of the features to scores: [3] for the transitions,
 * [PARSER_LPAD(nclass)] for the labels (int32). */
void ptrans_score(const pclass *c, const uint64_t *f, int nf, int32_t *scores);
void plab_score(const pclass *c, const uint64_t *f, int nf, int32_t *scores);
/* The best of the ncand candidate labels for the features; scores is
 * scratch of PARSER_LPAD(nclass). */
unsigned plab_best(const pclass *c, const uint64_t *f, int nf, const uint8_t *cand,
                   unsigned ncand, int32_t *scores);

#endif
