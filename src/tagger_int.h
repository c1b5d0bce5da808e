/* tagger_int.h: what the tagger (tagger.c) and its trainer share: the
 * per-word atoms, the hashed feature templates and the model file layout.
 */
#ifndef RIFT_TAGGER_INT_H
#define RIFT_TAGGER_INT_H

#include "syntax.h"

/* Model file (little-endian, read as is on a little-endian host):
 *   "RIFTTAG\0" u32 version  u32 n_classes  u32 n_slots (2^k)  u32 n_pairs
 *   f32 scale  u32 n_dense  u32 n_sets  u32 0   (a 40-byte header)
 *   n_classes x (u8 upos, u8 xpos)
 *   n_slots x (u32 key, u32 start<<8 | count)   features, open addressing
 *   n_pairs x (u16 class, i16 weight)           weight = value * scale
 *   n_dense x TG_PAD(n_classes) x i16           dense rows: count 255, start
 *                                               = the row
 *   n_sets x TG_SET x u8                        candidate sets: count (2 ..
 *                                               TG_SET-1), classes ascending
 * A feature with 64-bit hash h sits at slot (h & (n_slots-1)) or after it
 * (linear probing); key = (h >> 32) | 1; key 0 = empty.  A slot with count
 * 0 is a lexicon entry (feature tg_mix(TG_DICT_ID, word hash)) of a word
 * seen in training: value = amb << 16 | (fixed + 1) << 8, where amb is the
 * id of the set of classes the word had (its ambiguity class, a feature) and
 * fixed, when not -1, the class the word always gets (the tag dictionary).
 * Entries tg_mix(TG_CDICT_ID, hash of the norm as written) give the
 * ambiguity class of the word as written (fixed + 1 = 0).  Entries
 * tg_mix(TG_SET_ID, word hash), value set << 16, say that the (frequent)
 * word is scored only for the classes of candidate set `set`. */
#define TG_MAGIC "RIFTTAG"
#define TG_VERSION 4u
#define TG_HEADER 40u
/* features with this many classes or more are dense rows (summed with
 * vector instructions); n_classes padded to a multiple of 8 */
#define TG_DENSE_MIN 24
#define TG_DENSE 255
#define TG_PAD(n) (((n) + 7u) & ~7u)
#define TG_MAX_CLASSES 250
#define TG_DICT_ID 0xD1C7D1C7D1C7ull
#define TG_CDICT_ID 0xC0D1C7D1C7D1ull
#define TG_SET_ID 0x5E75E75E75E7ull
#define TG_SET 8

/* the atoms of one word, hashed once per sentence */
typedef struct tg_tok {
    uint64_t lw;            /* lower-cased norm */
    uint64_t cw;            /* the norm as it is */
    uint64_t suf[4];        /* its last 1..4 bytes */
    uint64_t pre[3];        /* its first 1..3 bytes */
    uint64_t shape;         /* Xxxx, dd, ... */
    uint64_t amb;           /* its ambiguity class (0: unknown word) */
    uint64_t ambc;          /* the same for the word as written */
    uint32_t flags;         /* TG_F_* */
    int fixed;              /* the dictionary's class, or -1 */
    int cand;               /* its candidate set, or -1: all classes */
    uint64_t setk;          /* (the tagger's lookup key of the set) */
} tg_tok;

#define TG_F_UPPER 0x01u    /* starts with an upper-case letter */
#define TG_F_ALLCAP 0x02u
#define TG_F_DIGIT 0x04u
#define TG_F_HYPHEN 0x08u
#define TG_F_FIRST 0x10u    /* first word of the sentence */
#define TG_F_TITLE 0x20u    /* most words of the sentence are capitalised */
#define TG_F_CAPS 0x40u     /* most words of the sentence are in capitals */

#define TG_MAX_FEATS 64

/* Fills t[0..n) from prepared words (amb = 0, fixed = -1: the caller
 * looks them up). */
void tg_prepare(const rift_sw *w, size_t n, tg_tok *t);
/* Hash of the lower-cased norm of one word (the tag dictionary's key) and
 * of the norm as it is (tg_tok's lw and cw). */
uint64_t tg_word_hash(const rift_sw *w);
uint64_t tg_case_hash(const rift_sw *w);
/* The feature hashes of word i given the classes of the two words before
 * it (p1 = i-1, p2 = i-2; -1 for none: before the sentence) and lastv,
 * tg_lastv() of the last verb or auxiliary in the four words before it (0
 * when none).  Returns the count (at most TG_MAX_FEATS). */
size_t tg_features(const tg_tok *t, size_t n, size_t i, int p1, int p2,
                   uint64_t lastv, uint64_t *f);
#define tg_lastv(cls, tok) tg_mix((uint64_t)(cls) + 77, (tok)->lw)
#define TG_LASTV_SPAN 4
/* The same in two parts: those that do not depend on the tags (at most
 * TG_MAX_STATIC) and those that do.  The counts are fixed by the templates
 * (now 42 + 11): raise the limits when adding one. */
#define TG_MAX_STATIC 44
size_t tg_static_features(const tg_tok *t, size_t n, size_t i, uint64_t *f);
size_t tg_dynamic_features(const tg_tok *t, size_t n, size_t i, int p1, int p2,
                           uint64_t lastv, uint64_t *f);
/* a cheap finaliser: a 64-bit value to a hash (a bijection) */
static inline uint64_t tg_fin(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xD6E8FEB86659FD93ull;
    x ^= x >> 32;
    return x;
}
/* mixes two 64-bit values into a hash (inline: called per feature) */
static inline uint64_t tg_mix(uint64_t a, uint64_t b)
{
    uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 32;
    return x;
}

#endif
