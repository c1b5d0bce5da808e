/* morph_int.h: what the morphology model (morph.c) and its trainer share:
 * the file layout's constants and the key of a table entry.
 */
#ifndef RIFT_MORPH_INT_H
#define RIFT_MORPH_INT_H

#include "syntax.h"

#define MORPH_MAGIC "RIFTMOR"
#define MORPH_VERSION 2u
#define MORPH_SUFFIX 5      /* the longest suffix of a rule */
#define MORPH_NONE 0xFFFF   /* no edit / no features in this slot */

typedef struct morph_slot {
    uint64_t key;
    uint16_t edit, feats;
    uint32_t mask;          /* 'W' of a contextual class: the candidates seen */
} morph_slot;

/* The features of a contextual class (e.g. VBD, whose Person and Number
 * come from the subject) are chosen among its candidates by a perceptron
 * over the word's context (morph_ctx.c). */
#define MORPH_CAND 32
typedef struct morph_ctx_class {
    uint8_t upos, xpos, n, pad;
    uint16_t cand[MORPH_CAND];   /* feature-set ids */
} morph_ctx_class;

typedef struct morph_pair {
    uint16_t cand;               /* index in cand[] */
    int16_t w;
} morph_pair;

#define MORPH_MAX_CTX 64
#define MORPH_CTX_FEATS 20

struct rift_morph {
    char *pool;
    uint32_t pool_n, n_edits, n_feats, n_slots, mask;
    uint32_t *edits;             /* 2 x n_edits: offset, strip */
    uint32_t *feats;             /* n_feats offsets */
    morph_slot *slots;
    /* the context model */
    uint32_t n_ctx, n_fslots, fmask, n_fpairs;
    morph_ctx_class *ctx;
    uint8_t ctx_of[RIFT_N_UPOS][RIFT_N_XPOS];   /* 0xFF: not contextual */
    uint32_t *fslots;            /* 2 x n_fslots: key, start<<8 | count */
    morph_pair *fpairs;
};

/* The context features of word i (its class ctx; earlier words have their
 * lemmas) into f; returns the count (at most MORPH_CTX_FEATS). */
size_t morph_ctx_features(const rift_sw *w, size_t n, size_t i, unsigned ctx,
                          uint64_t *f);
/* The candidate (index in m->ctx[ctx].cand) for word i among those in mask. */
unsigned morph_ctx_choose(const rift_morph *m, const rift_sw *w, size_t n,
                          size_t i, unsigned ctx, uint32_t mask);

/* The table key: kind 'W' (a, b = upos, xpos; s = lower-cased norm), 'L'
 * (a = xpos; s = suffix) or 'F' (a, b = upos, xpos; s = suffix). */
uint64_t morph_key(char kind, unsigned a, unsigned b, const char *s, size_t n);
/* ASCII lower-casing of s[0..n) into out (NUL-terminated); returns n. */
size_t morph_lower(const char *s, size_t n, char *out);
/* Whether a word's lemma is made from its whole form, not its norm. */
bool morph_whole(const rift_sw *x);
/* NNP and NNPS: lemmas keep their case. */
bool morph_proper(unsigned xpos);

#endif
