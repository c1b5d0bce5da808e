/* event_int.h: what the events stage shares between its model (event_model.c:
 * frames, actor codes, the combined lexicon) and its document pass. */
#ifndef RIFT_EVENT_INT_H
#define RIFT_EVENT_INT_H

#include "cameo.h"

#include <string.h>

/* ---- model: compiled patterns ----------------------------------------- */

#define REQ_MAX 2
#define WORD_MAX 32

/* The word lists of data/en that the stage asks about (data/en/README.md
 * says what each holds).  The first five also fill the combined lexicon:
 * agent modifiers (TC_MOD, "Palestinian security officials") and the
 * function-word classes TC_CLAUSE, TC_NEG, TC_DET, TC_PREP. */
enum { EL_AGENT_MODS, EL_CLAUSE_WORDS, EL_NEGATIONS, EL_DETERMINERS, EL_PREPOSITIONS,
       EL_PARTICIPLES, EL_GROUP_HEADS, EL_SUBJECT_PRONOUNS, EL_CLAIM_VERBS, EL_PLAN_NOUNS,
       EL_PASSIVE_AUX, EL_PASSIVE_SKIP, EL_COUNTED, EL_TOPIC_PREPS, EL_CONDITIONALS,
       EL_AIM_NOUNS, EL_AUX_BEFORE, EL_FUTURE, EL_MODAL_SKIP, EL_INTEND_WORDS,
       EL_REFUSE_WORDS, EL_N };

/* One frame of data/en/frames.txt (a pattern of the document pass). */
typedef struct evpat {
    char cameo[8];               /* "" for a light verb */
    const char *plover, *mode;  /* from cameo.txt or the frame (model strings) or NULL */
    double goldstein;            /* cameo.txt's, or the frame's own */
    char req[REQ_MAX][WORD_MAX]; /* words that must follow the head */
    uint8_t nreq;
    char prep[16];               /* preposition introducing the target, "" */
    char src_prep[16];           /* preposition introducing the source, "" */
    uint8_t src_slot, tgt_slot;  /* SLOT_* (internal.h) */
    /* a noun frame; a light verb carrying a noun event ("launched an
     * attack on"); the target is the subject (tgt_slot SLOT_SUBJ); a
     * denial; an evaluative word of a quote ("X called Y a liar") */
    uint8_t noun, light, inverse, deny, qword;
    int32_t next;                /* next pattern of the same head and kind */
} evpat;

typedef struct evhead {
    int32_t verb, noun;          /* first pattern of each kind, -1 */
} evhead;

typedef struct evmodel {
    rift_strmap forms;           /* inflected form -> head */
    rift_strmap lemmas;          /* base form -> head */
    RIFT_VEC(evhead) heads;
    RIFT_VEC(evpat) pats;
    rift_arena strs;
    /* actor codes (actor_codes.txt, demonyms.txt): folded phrase -> index
     * into codes; -2 marks a prefix of a longer phrase only */
    rift_strmap acodes;
    RIFT_VEC(const char *) codes;
    size_t acode_words;
    uint8_t afirst[32 * 32 * 32 / 8]; /* (1st, 2nd letter, length) of first words */
    rift_strmap fw;              /* function word -> TC_* bits */
    /* every lower-case word the document pass looks up, with all it is:
     * one probe per token instead of one per question (built last) */
    struct evlex *lex;
    size_t lex_cap;              /* power of two, 0 when empty */
    int32_t lex1[128];           /* one-byte token -> lex index, -1 */
    /* (1st byte, 2nd byte, length) of the raw spellings of the words of
     * lex, 5 bits each and the length under 64: a quick "surely absent" */
    uint8_t lexpre[32 * 32 * 64 / 8];
    /* codings derived from a pattern's own by its modality (DERIVED) */
    RIFT_VEC(evpat) dpats;
    const rift_lexicon *wl[EL_N]; /* the word lists, by EL_* */
} evmodel;

/* One word of the combined lexicon. */
typedef struct evlex {
    const char *key;             /* NULL for an empty slot */
    uint64_t h;
    uint64_t w8;                 /* key packed little-endian when len <= 8 */
    uint32_t len;
    int32_t head;                /* forms: head index, -1 */
    int32_t acode;               /* acodes value of the word alone, -1 */
    uint8_t fw;                  /* TC_* bits of fw */
    uint8_t mod;                 /* in event_agent_mods.txt */
} evlex;

/* Function-word classes of a token (computed once per token and cached:
 * the clause and preposition tests run for every word a search crosses). */
enum { TC_CLAUSE = 1, TC_PREP = 2, TC_NEG = 4, TC_DET = 8, TC_TO = 16, TC_MUST = 32, TC_MOD = 64,
       TC_DONE = 0x80 };

/* ---- model: the combined lexicon -------------------------------------- */

#define LEX_CAP 64               /* lowered words longer than this are never looked up */

static inline uint64_t lex_hash_done(uint64_t h)
{
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h;
}

/* A word of up to 8 bytes packed little-endian, zero-padded. */
static inline uint64_t lex_pack(const char *s, size_t n)
{
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return w;
}

static inline uint64_t lex_hash8(uint64_t w, size_t n)
{
    return lex_hash_done(w ^ ((uint64_t)n << 59) ^ 0x9E3779B97F4A7C15ULL);
}

/* Short words hash by their packed bytes, longer ones byte by byte. */
static inline uint64_t lex_hash(const char *s, size_t n)
{
    if (n <= 8)
        return lex_hash8(lex_pack(s, n), n);
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return lex_hash_done(h);
}

/* lex_find for any word: byte by byte, n < LEX_CAP. */
static inline const evlex *lex_find_slow(const evmodel *em, const char *s, size_t n, size_t *low)
{
    char out[LEX_CAP];
    size_t o = 0;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80) {
            if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
                ch = '\'';
                i += 2;
            } else {
                return NULL;
            }
        } else if (ch >= 'A' && ch <= 'Z') {
            ch += 32;
        }
        out[o++] = (char)ch; /* n < LEX_CAP: o < n */
        h = (h ^ ch) * 1099511628211ULL;
    }
    *low = o;
    h = o <= 8 ? lex_hash8(lex_pack(out, o), o) : lex_hash_done(h);
    size_t i = h & (em->lex_cap - 1);
    while (em->lex[i].key) {
        if (em->lex[i].h == h && em->lex[i].len == o && !memcmp(em->lex[i].key, out, o))
            return &em->lex[i];
        i = (i + 1) & (em->lex_cap - 1);
    }
    return NULL;
}

/* The entry of the n raw bytes at s (avail bytes readable from s), lowered
 * as lower_ascii does (with room for LEX_CAP bytes); *low gets the lowered
 * length, 0 on failure. */
static inline const evlex *lex_find(const evmodel *em, const char *s, size_t n, size_t avail,
                                    size_t *low)
{
    *low = 0;
    if (!em->lex_cap || n >= LEX_CAP)
        return NULL;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n && n <= 8 && avail >= 8) {
        /* all 8 bytes readable: lower the ASCII ones in one go (the word
         * read little-endian, as lex_pack packs it) */
        const uint64_t H = 0x8080808080808080ULL, L = 0x0101010101010101ULL;
        uint64_t x;
        memcpy(&x, s, 8);
        x &= n == 8 ? ~0ULL : (1ULL << (8 * n)) - 1;
        if (!(x & H)) {
            uint64_t ge_a = x + 0x3F * L, gt_z = x + 0x25 * L;
            x |= ((ge_a & ~gt_z) & H) >> 2;
            *low = n;
            uint64_t h = lex_hash8(x, n);
            for (size_t i = h & (em->lex_cap - 1); em->lex[i].key; i = (i + 1) & (em->lex_cap - 1))
                if (em->lex[i].w8 == x && em->lex[i].len == n)
                    return &em->lex[i];
            return NULL;
        }
    }
#else
    (void)avail;
#endif
    return lex_find_slow(em, s, n, low);
}

/* Lowers ASCII letters and folds curly apostrophes into out (cap bytes,
 * NUL-terminated); 0 for non-ASCII input or no room. */
size_t rift_ev_lower(const char *s, size_t n, char *out, size_t cap);
/* The pattern derived from a pattern's own by modality (event_model.c), NULL. */
const evpat *rift_ev_derived(const evmodel *em, const char *code);

#endif
