/* ner_int.h: what the name recogniser (ner.c), its stage (names.c) and its
 * trainer (tools/train/train_ner.c) share: labels, per-word atoms, feature
 * templates and the model file layout.
 */
#ifndef RIFT_NER_INT_H
#define RIFT_NER_INT_H

#include "syntax.h"
#include "tagger_int.h" /* tg_mix, tg_fin */

/* Labels: 0 = O, else 1 + 4 * type + part, part B I L U (BILOU). */
enum { NER_PER = 0, NER_ORG, NER_LOC, NER_MISC, NER_NTYPES };
enum { NER_B = 0, NER_I, NER_L, NER_U };
#define NER_NCLS (1 + 4 * NER_NTYPES)
#define NER_LABEL(type, part) (1 + 4 * (type) + (part))
#define NER_TYPE(cls) (((cls) - 1) / 4)
#define NER_PART(cls) (((cls) - 1) % 4)

/* Whether label b may follow label a (a = -1: the sentence start; b = -1:
 * the sentence end). */
static inline bool ner_valid(int a, int b)
{
    bool open = a > 0 && (NER_PART(a) == NER_B || NER_PART(a) == NER_I);
    if (b < 0)
        return !open;
    if (open)
        return b > 0 && NER_TYPE(b) == NER_TYPE(a) &&
               (NER_PART(b) == NER_I || NER_PART(b) == NER_L);
    return b == 0 || NER_PART(b) == NER_B || NER_PART(b) == NER_U;
}

/* Words the model does not score at run time: after a label that closes
 * (or at the start), a word with neither a capital nor a digit that no
 * lexicon or rule knows is O.  Most words of running text.  The model still
 * learns from them (training on capitalised words alone lost 1 to 3 points
 * of F1 on every held-out set): it labels them O almost always, so skipping
 * them changes little but the time. */
#define NER_SKIP_FLAGS (NER_F_UPPER | NER_F_ALLCAP | NER_F_DIGIT)

/* The lexicons the features read (rift's data files, as evidence). */
typedef struct ner_lex {
    const rift_lexicon *first, *titles, *orgw, *demonyms, *pnouns, *nonnames;
    const rift_lexicon *places, *orgs, *outlets;
} ner_lex;

/* The lexicons of the model m (empty ones where a file is absent). */
void ner_lex_from_model(const rift_model *m, ner_lex *lx);

#define NER_MAX_LEXF 6

/* the atoms of one word */
typedef struct ner_tok {
    uint64_t lw, cw, shape, sshape, lemma;
    uint64_t suf[3], pre[2];
    uint64_t dep, head_lw, head_pos;
    uint64_t rule;              /* what the mention rules made of it, 0 */
    uint64_t lexf[NER_MAX_LEXF]; /* hashed lexicon evidence */
    uint8_t nlexf;
    uint8_t upos, xpos;
    uint32_t flags;             /* NER_F_* */
} ner_tok;

#define NER_F_UPPER 0x01u     /* starts with an upper-case letter */
#define NER_F_ALLCAP 0x02u    /* all letters in capitals (2 or more) */
#define NER_F_FIRST 0x04u     /* first word of its sentence */
#define NER_F_HEADLINE 0x08u  /* most words of the sentence are capitalised */
#define NER_F_LOWER_SEEN 0x10u /* the document also has it in lower case */
#define NER_F_CAPS_LINE 0x20u /* the sentence is written in capitals */
#define NER_F_DIGIT 0x40u

/* The atoms of every token of a document after stage "mentions": its
 * sentences' words with their syntax, the lexicons, the document's lower
 * case words and the rule-based mentions (names.c).  t has d->n_tokens. */
void ner_doc_atoms(const rift_doc *d, ner_tok *t, rift_arena *scratch);

/* Fills t[0..n) from a parsed sentence w[0..n) (norm, upos, xpos, lemma,
 * head, deprel set; w[0] starts the sentence).  The caller adds
 * NER_F_LOWER_SEEN itself.  scratch holds temporary keys. */
void ner_prepare(const ner_lex *lx, const rift_sw *w, size_t n, ner_tok *t,
                 rift_arena *scratch);

/* Marks the capitalised words of a document t[0..n) (all its sentences)
 * that it also writes in lower case: NER_F_LOWER_SEEN. */
void ner_mark_lower(ner_tok *t, size_t n, rift_arena *scratch);

static inline bool ner_skip(const ner_tok *t, int p1)
{
    bool open = p1 > 0 && (NER_PART(p1) == NER_B || NER_PART(p1) == NER_I);
    return !open && !(t->flags & NER_SKIP_FLAGS) && !t->nlexf && !t->rule;
}

#define NER_MAX_STATIC 72
#define NER_MAX_DYN 6
/* Feature hashes of word i that do not depend on the labels. */
size_t ner_static_features(const ner_tok *t, size_t n, size_t i, uint64_t *f);
/* Those that do: p1, p2 the labels of the two words before (-1: none). */
size_t ner_dynamic_features(const ner_tok *t, size_t i, int p1, int p2, uint64_t *f);

/* Model file (little-endian):
 *   "RIFTNER\0" u32 version  u32 n_classes  u32 n_slots (2^k)  u32 n_pairs
 *   f32 scale  f32 temperature  u32 0  u32 0     (a 40-byte header)
 *   n_slots x (u32 key, u32 start<<8 | count)   open addressing
 *   n_pairs x (u16 class, i16 weight)           weight = value * scale
 * A feature with hash h sits at slot (h & (n_slots-1)) or after it (linear
 * probing); key = (h >> 32) | 1; key 0 = empty.  Class probabilities are
 * softmax(score / temperature) over the labels allowed at that point. */
#define NER_MAGIC "RIFTNER"
#define NER_VERSION 1u
#define NER_HEADER 40u

typedef struct rift_ner rift_ner;
rift_status rift_ner_load(const char *path, rift_ner **out, char *err, size_t errn);
void rift_ner_free(rift_ner *m);
/* Labels the n words of t: cls[i], and prob[i] the probability the model
 * gave the label chosen (greedy, left to right, BILOU-valid). */
void rift_ner_label(const rift_ner *m, const ner_tok *t, size_t n, uint8_t *cls,
                    float *prob);
/* The greedy decoder both use: word by word, the best label the BILOU
 * order allows (skipped words are O), prob from softmax(score / temp);
 * score(ctx, ...) gives the class scores of word i after labels p1, p2. */
typedef void (*ner_score_fn)(const void *ctx, const ner_tok *t, size_t n, size_t i,
                             int p1, int p2, float *score);
void ner_greedy(const ner_tok *t, size_t n, ner_score_fn score, const void *ctx,
                double temp, uint8_t *cls, float *prob);
/* The score of each class for word i, given the two labels before. */
void rift_ner_scores(const rift_ner *m, const ner_tok *t, size_t n, size_t i,
                     int p1, int p2, float *score);

#endif
