/* internal.h: what the modules of librift share and the CLI never sees: the
 * arena, growable buffers, the document and model structs, the stages.
 * Nothing declared here may appear in include/rift.h.
 */
#ifndef RIFT_INTERNAL_H
#define RIFT_INTERNAL_H

#include "rift.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- base: out of memory aborts here and only here -------------------- */

void *rift_xmalloc(size_t n);
void *rift_xrealloc(void *p, size_t n);
char *rift_xstrdup(const char *s);
_Noreturn void rift_oom(void);

/* ---- arena: one per document, freed in one call ------------------------ */

typedef struct arena_chunk arena_chunk;
typedef struct rift_arena {
    arena_chunk *head;
    size_t used_total;
} rift_arena;

void rift_arena_init(rift_arena *a);
void rift_arena_release(rift_arena *a);
void *rift_arena_alloc(rift_arena *a, size_t n);         /* 8-aligned, zeroed */
void *rift_arena_alloc_raw(rift_arena *a, size_t n);     /* the same, not zeroed */
char *rift_arena_strndup(rift_arena *a, const char *s, size_t n);
char *rift_arena_printf(rift_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- buf: a growable byte buffer (heap), optionally capped ------------- */

typedef struct rift_buf {
    char *data;
    size_t len, cap;
} rift_buf;

void rift_buf_init(rift_buf *b);
void rift_buf_free(rift_buf *b);
void rift_buf_reserve(rift_buf *b, size_t extra);
void rift_buf_put(rift_buf *b, const void *p, size_t n);
void rift_buf_putc(rift_buf *b, char c);
void rift_buf_puts(rift_buf *b, const char *s);
void rift_buf_printf(rift_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *rift_buf_detach(rift_buf *b, size_t *len); /* NUL-terminated */

/* ---- vec: growable arrays of plain structs, in the heap ----------------- */

#define RIFT_VEC(T) struct { T *v; size_t n, cap; }
#define RIFT_VEC_PUSH(vec, item) do {                                        \
        if ((vec).n == (vec).cap) {                                          \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 16;                      \
            (vec).v = rift_xrealloc((vec).v, (vec).cap * sizeof *(vec).v);   \
        }                                                                    \
        (vec).v[(vec).n++] = (item);                                         \
    } while (0)

/* ---- utf8: decoding and character classes (over utf8proc) -------------- */

/* Decode one code point at s[i] (i < len).  Invalid or truncated sequences
 * decode as U+FFFD of length 1, so every byte belongs to exactly one unit and
 * offsets never shift.  Returns the code point; *n receives its byte length. */
int32_t rift_utf8_decode(const char *s, size_t len, size_t i, int *n);
/* Length in bytes of the unit before position i (>= 1). */
int rift_utf8_prev_len(const char *s, size_t i);

typedef enum rift_cclass {
    RIFT_C_OTHER = 0, RIFT_C_SPACE, RIFT_C_NEWLINE, RIFT_C_UPPER, RIFT_C_LOWER,
    RIFT_C_LETTER,   /* letters without case (CJK, ...) and marks */
    RIFT_C_DIGIT,
    RIFT_C_QUOTE_L,  /* opening double quote: “ « „ */
    RIFT_C_QUOTE_R,  /* closing double quote: ” » */
    RIFT_C_QUOTE,    /* straight double quote " */
    RIFT_C_SQUOTE_L, /* ‘ */
    RIFT_C_SQUOTE_R, /* ’ (also the apostrophe) */
    RIFT_C_APOS,     /* straight ' */
    RIFT_C_PRIME,    /* ′ ″ */
    RIFT_C_DASH,     /* – — ― and friends (not the hyphen) */
    RIFT_C_HYPHEN,   /* - ‐ ‑ */
    RIFT_C_PERIOD, RIFT_C_ELLIPSIS, RIFT_C_TERM, /* . … ! ? */
    RIFT_C_PUNCT,    /* other punctuation */
    RIFT_C_SYMBOL,   /* currency, math, other symbols */
    RIFT_C_REPLACEMENT /* U+FFFD, including repaired bytes */
} rift_cclass;

rift_cclass rift_utf8_class(int32_t cp);
/* Lower-case and NFC-normalize s[0..len) into dst (arena); for lookups. */
char *rift_utf8_fold(rift_arena *a, const char *s, size_t len, size_t *outlen);
/* Write s[0..len) as a JSON string (quotes included); invalid bytes become
 * U+FFFD, control characters are escaped. */
void rift_json_str(rift_buf *b, const char *s, size_t len);

/* ---- hash --------------------------------------------------------------- */

uint64_t rift_hash(const void *p, size_t n);

/* A string set/map for lexicons: keys are folded strings, values a small
 * integer (class or index).  Open addressing, built once, read-only after. */
typedef struct rift_strmap {
    struct rift_strmap_slot *slots;
    size_t cap, n;
} rift_strmap;

void rift_strmap_init(rift_strmap *m);
void rift_strmap_free(rift_strmap *m);
void rift_strmap_put(rift_strmap *m, const char *key, size_t len, int value);
/* Returns the value, or -1 when absent. */
int rift_strmap_get(const rift_strmap *m, const char *key, size_t len);
/* Calls fn on every key of the map with its value (any order). */
void rift_strmap_each(const rift_strmap *m,
                      void (*fn)(void *ctx, const char *key, size_t len, int value),
                      void *ctx);

/* ---- model -------------------------------------------------------------- */

/* A lexicon is a strmap of folded entries.  Each lexicon file is described
 * in data/en/README.md.  Value semantics are per lexicon. */
typedef struct rift_lexicon {
    const char *name;     /* file name without extension */
    rift_strmap map;
    size_t max_words;     /* longest entry in words, for phrase lookup */
    char **values;        /* optional extra column per entry (by map value) */
    size_t n_values;
} rift_lexicon;

struct rift_model {
    char *datadir;
    char errmsg[512];
    rift_arena names;      /* lexicon names and other small model strings */
    rift_lexicon *lex;     /* every data/en/NAME.txt file, sorted by name */
    size_t n_lex;
    /* compiled tables of the stages that need more than lexicons */
    void *mention_data, *timex_data, *quote_data, *event_data;
    void *actor_data;      /* user actor lists (actors.c); freed by rift_mention_fini */
    /* the syntax models (syntax.h), loaded by model.c from its list of
     * data files; read by stage "syntax" */
    struct rift_tagger *tagger;
    struct rift_morph *morph;
    struct rift_parser *parser;
    struct rift_ner *ner;      /* the name recogniser (ner.c) */
    void *petr_data;       /* PETRARCH dictionaries (petrverbs.c); freed by rift_model_close */
    /* words that can start an unnamed person's description or pronoun
     * (entity.c): bit b of unnamed_pairs[a] for first letters a, b (a-z) */
    uint32_t unnamed_pairs[26];
};

/* rift_model_open without the model file `skip` (its stage then does
 * nothing): for the trainer that builds that file. */
rift_status rift_model_open_except(const char *datadir, const char *skip, rift_model **out);

/* The lexicon loaded from data/en/NAME.txt; an empty one when absent, so a
 * stage can always look up (and a missing file shows in tests, not here). */
const rift_lexicon *rift_model_lexicon(const rift_model *m, const char *name);
/* Value of a folded key in a lexicon: -1 when absent, else the entry index;
 * the entry's second column (or NULL) is lx->values[index]. */
int rift_lexicon_find(const rift_lexicon *lx, const char *key, size_t len);
/* Look up the text s[0..len) folded (case and NFC) in a lexicon. */
int rift_lexicon_lookup(const rift_lexicon *lx, rift_arena *scratch,
                        const char *s, size_t len);

/* Per-stage model set-up and tear-down: the init and fini of the stage
 * table (doc.c), which rift_model_open and rift_model_close walk through
 * rift_stages_init / rift_stages_fini once the data files are loaded. */
rift_status rift_mention_init(rift_model *m);
/* Fills m->unnamed_pairs from person_nouns.txt (entity.c). */
rift_status rift_entity_init(rift_model *m);
void rift_mention_fini(rift_model *m);
rift_status rift_timex_init(rift_model *m);
void rift_timex_fini(rift_model *m);
rift_status rift_quote_init(rift_model *m);
void rift_quote_fini(rift_model *m);
rift_status rift_event_init(rift_model *m);
void rift_event_fini(rift_model *m);

/* ---- document ----------------------------------------------------------- */

struct rift_doc {
    rift_arena arena;
    const rift_model *model;
    rift_analyze_options opt;
    char *text;              /* arena copy, NUL-terminated */
    size_t len;
    rift_meta meta;
    /* meta.date as numbers, set with it by rift_doc_set_date (the only
     * writer): the stages read the article's date here, never reparsing */
    struct { int y, m, d; bool set; } anchor;
    bool has_invalid_utf8;
    /* how numeric dates such as 07/06/2025 read in this document: DMY or
     * MDY, decided by the blocks stage (options, source, other dates) */
    rift_date_order date_order;

    rift_block *blocks;     size_t n_blocks;
    rift_token *tokens;     size_t n_tokens;
    rift_sentence *sents;   size_t n_sents;
    rift_entity *entities;  size_t n_entities;
    rift_quote *quotes;     size_t n_quotes;
    rift_time *times;       size_t n_times;
    rift_event *events;     size_t n_events;
    rift_word *words;       size_t n_words; /* stage "syntax": one per token */

    /* stage-private layers that later stages may read (see each header) */
    struct rift_name *names; size_t n_names;
    struct rift_mention *mentions; size_t n_mentions;
};

/* ---- names: written by stage "names" (names.c), read by "mentions" ------ */

/* One name the learned recogniser found: tokens [tok_begin, tok_end) of one
 * sentence; type is NER_PER, NER_ORG, NER_LOC or NER_MISC (ner_int.h); prob
 * the lowest probability the model gave one of its labels. */
typedef struct rift_name {
    uint32_t tok_begin, tok_end, sentence;
    uint8_t type;
    float prob;
} rift_name;

/* ---- mentions: written by stage "mentions", linked by stage "entities" --- */

/* What a mention is made of (rift_mention.kind). */
enum {
    RIFT_MK_NAME = 0,   /* a proper name: "Donald Trump", "Trump", "NASA" */
    RIFT_MK_TITLE,      /* a title alone: "the president" */
    RIFT_MK_NOMINAL,    /* a description: "the Tesla and SpaceX CEO" */
    RIFT_MK_PRONOUN,    /* he, she, him, his, her */
    RIFT_MK_OUTLET_REF, /* "the outlet", "the newspaper" */
    RIFT_MK_ACRONYM     /* an acronym: "DOGE", "IRS" */
};

/* Evidence flags (rift_mention.flags). */
#define RIFT_MF_TITLED   0x01u /* a title or role stands before the name */
#define RIFT_MF_POSS     0x02u /* followed by the possessive 's */
#define RIFT_MF_SUBJECT  0x04u /* first mention of its sentence, before a verb */
#define RIFT_MF_IN_QUOTE 0x08u /* inside quotation marks */
#define RIFT_MF_FEMALE   0x10u /* gender from a first name or pronoun */
#define RIFT_MF_MALE     0x20u
#define RIFT_MF_KNOWN    0x40u /* typed by a lexicon or actor list */
#define RIFT_MF_FIRST    0x80u /* a first-person pronoun in a quotation: I, me, my */

/* One mention: sorted by start, non-overlapping.  type is a
 * rift_entity_type; entity is the index into d->entities once stage
 * "entities" has run (-1 when the mention joined no entity). */
typedef struct rift_mention {
    uint32_t start, end;     /* the words of the mention (no title, no 's) */
    int32_t entity;
    uint32_t sentence;       /* index into d->sents */
    uint32_t tok_begin, tok_end;
    uint32_t role_start, role_end; /* a title or role tied to it; equal if none */
    int32_t actor;           /* index into the model's actor list, -1 */
    int32_t link;            /* mention this one is an alias of: the
                              * expansion of an acronym, X (formerly Y); -1 */
    uint8_t kind;            /* RIFT_MK_* */
    uint8_t type;            /* rift_entity_type */
    uint8_t flags;           /* RIFT_MF_* */
    uint8_t confident;       /* typed by evidence, not by default */
    uint8_t hint;            /* weak type evidence for an untyped name:
                              * RIFT_MH_* (entity.c decides) */
    uint8_t learned;         /* span and type from the name model (names.c) */
    float score;             /* the model's probability of them; 0 if none */
} rift_mention;

/* Weak type evidence (rift_mention.hint), bits. */
#define RIFT_MH_ORG     0x01u /* "X's chief executive", "shares of X" */
#define RIFT_MH_LOC     0x02u /* after a place preposition: "in X" */
#define RIFT_MH_MIDSENT 0x04u /* capitalised inside a sentence, not a headline */
#define RIFT_MH_PERSON  0x08u /* a speech verb after it: "X said" */
#define RIFT_MH_PEVID   0x10u /* strong person evidence: title, honorific,
                               * apposition, party tag, known first name */

/* The tree as coreference evidence (coref_tree.c); -1 when there is no
 * tree or no answer.  The token of the subject of the clause headed by
 * token p, climbing conj and xcomp ("X walked in and turned himself in"),
 * a relative "who" standing for the noun it modifies; the subject that
 * binds token tok when it is an object (obj, iobj; obl too if oblique) of
 * its clause; the subject of the verb whose complement clause token tok
 * is the subject of ("X told Y he would ..."); whether the tokens [b, e)
 * are the subject of a clause; whether [b, e), neither a subject nor a
 * possessor, lies in an adjunct fronted before the subject subj of the same
 * clause ("Following the advice of X, he ...": he is not X); the index of
 * the mention holding token tok; the first apposition [*sa, *se) of the
 * tokens [b, e) after them, before token lim ("X, a 14-year-old boy from
 * Irving,"), or with predicate the noun they are the subject of after a
 * copula ("X is the president"). */
int32_t rift_tree_subject(const rift_doc *d, uint32_t p);
int32_t rift_tree_binder(const rift_doc *d, uint32_t tok, bool oblique);
int32_t rift_tree_reporter(const rift_doc *d, uint32_t tok);
bool rift_tree_is_subject(const rift_doc *d, uint32_t b, uint32_t e, bool copular);
bool rift_tree_in_adjunct(const rift_doc *d, uint32_t b, uint32_t e, uint32_t subj);
bool rift_tree_appos(const rift_doc *d, uint32_t b, uint32_t e, uint32_t lim, bool predicate,
                     uint32_t *sa, uint32_t *se);
int32_t rift_tree_mention_at(const rift_doc *d, uint32_t tok);

/* The entity of the mention overlapping [start, end), -1 if none.  Binary
 * search over d->mentions; valid after stage "entities". */
int32_t rift_entity_at(const rift_doc *d, uint32_t start, uint32_t end);

/* ---- actors: user actor lists (actors.c), read by stage "mentions" ------ */

typedef struct rift_actor {
    const char *name;        /* canonical name */
    const char *code;        /* actor code or NULL */
    const char *from, *to;   /* validity dates YYYY-MM-DD or NULL */
    uint8_t type;            /* rift_entity_type */
    uint32_t period0, n_periods; /* dated codes (PETRARCH [CODE FROM-TO]) */
} rift_actor;

/* Index of the actor a folded name or alias s[0..len) belongs to, -1. */
int32_t rift_actor_find(const rift_model *m, const char *s, size_t len);
const rift_actor *rift_actor_get(const rift_model *m, int32_t i);
/* A dictionary phrase (PETRARCH_STYLE_PHRASE or words) as a lookup key in
 * key[0..cap): underscores and tabs to single blanks, trimmed, case kept;
 * its length (actors.c; petrverbs.c uses it too). */
size_t rift_phrase_key(const char *s, size_t n, char *key, size_t cap);
size_t rift_actor_max_words(const rift_model *m);
/* The actor's code on date (YYYY-MM-DD, or NULL): the dated code whose
 * range holds the date, else the undated one, else the first (actors.c). */
const char *rift_actor_code_on(const rift_model *m, const rift_actor *ac, const char *date);
void rift_actors_free(rift_model *m);

/* ---- PETRARCH dictionaries (petrverbs.c), read by stage "events" ------- */

typedef struct rift_petr rift_petr;

/* Where an event frame's source or target stands relative to its
 * predicate (data/en/frames.txt, docs/events.md; a PETRARCH pattern's $ and
 * +): the subject, the direct or indirect object, an oblique or a noun's
 * prepositional modifier (with its preposition), a noun's possessor, a
 * clause. */
enum { SLOT_NONE, SLOT_SUBJ, SLOT_OBJ, SLOT_IOBJ, SLOT_OBL, SLOT_POSS, SLOT_COMP };

/* What a dictionary verb codes: cameo NULL for the null code (no event);
 * the frame its best pattern gives (docs/petrarch.md): the source's and
 * target's SLOT_*, and their prepositions when obliques ("" otherwise). */
typedef struct rift_petr_code {
    const char *cameo, *plover, *mode;
    double goldstein;
    uint8_t src_slot, tgt_slot;
    char prep[16], src_prep[16];
    uint32_t tok_end;   /* token after the verb (and a compound's words) */
    bool matched;       /* a pattern matched, not only the verb's own code */
} rift_petr_code;

/* NULL when no dictionary was added: the events stage then costs nothing. */
const rift_petr *rift_petr_of(const rift_model *m);
bool rift_petr_has_verbs(const rift_petr *p);
bool rift_petr_has_agents(const rift_petr *p);
/* Whether token i of the sentence [tb, te) is a verb of the verb (out NULL:
 * only that, no matching);
 * dictionary; if so *out gets the code of the best pattern around it
 * (bounded window: cost independent of the sentence length). */
bool rift_petr_verb(const rift_petr *p, const rift_doc *d, uint32_t tb, uint32_t te,
                    uint32_t i, rift_petr_code *out);
/* The agent phrase starting at token t (< te): its length in tokens and
 * *code ("+GOV", rift's agent form), 0 when none. */
uint32_t rift_petr_agent(const rift_petr *p, const rift_doc *d, uint32_t t, uint32_t te,
                         const char **code);
/* 0, or 1 when the sentence [tb, te) holds a discard phrase, 2 when the
 * phrase discards the whole story. */
int rift_petr_discard(const rift_petr *p, const rift_doc *d, uint32_t tb, uint32_t te);
void rift_petr_counts(const rift_model *m, size_t *verbs, size_t *patterns, size_t *agents,
                      size_t *discards);
void rift_petr_free(rift_model *m);

/* A document before its first stage: the text copied into its arena, the
 * metadata trimmed and its date parsed (doc.c; rift_doc_analyze then runs
 * the stages; bench/stages.c times them one by one). */
/* Sets the article date (meta.date "YYYY-MM-DD", its origin and the anchor
 * numbers) in one place (doc.c). */
void rift_doc_set_date(rift_doc *d, int y, int m, int dd, rift_date_origin origin);
rift_doc *rift_doc_new(const rift_model *m, const rift_article *a,
                       const rift_analyze_options *opt);

/* The stage table (doc.c): every document stage and every later pass that
 * refines an earlier layer is one entry, in the order they run.  An entry
 * runs when the last stage asked for (rift_analyze_options.last_stage) is
 * at least its `stage` (RIFT_STAGE_ALL: whatever the last stage is).  init
 * (may be NULL) compiles what the entry needs from the model's data once,
 * when the model opens; fini (may be NULL) undoes it and must accept a model
 * whose init never ran.  Stages never call each other. */
typedef struct rift_stage_desc {
    const char *name;
    rift_stage stage;
    rift_status (*init)(rift_model *m);
    void (*run)(rift_doc *d);
    void (*fini)(rift_model *m);
} rift_stage_desc;

const rift_stage_desc *rift_stages(size_t *n);
/* The inits in table order (stops at the first failure, errmsg set); the
 * finis in reverse order (model.c calls both). */
rift_status rift_stages_init(rift_model *m);
void rift_stages_fini(rift_model *m);

/* The stages, in order.  Each reads the layers before it and adds its own. */
void rift_stage_normalize(rift_doc *d);
void rift_stage_blocks(rift_doc *d);
void rift_stage_segment(rift_doc *d);
/* Tags, lemmatises and parses each sentence into d->words (syntax.c). */
void rift_stage_syntax(rift_doc *d);
void rift_stage_names(rift_doc *d);     /* the learned name recogniser */
void rift_stage_mentions(rift_doc *d);  /* names, titles, outlets, places */
void rift_stage_entities(rift_doc *d);  /* in-document coreference */
void rift_stage_times(rift_doc *d);
/* The index in d->times of the expression that dates sentence `sentence`:
 * the first date inside the sentence; else the last date earlier in the same
 * paragraph (block), so "in late 2022, when ..." dates what follows it there;
 * else -1 (use the article date).  Durations and PAST_REF-style values never
 * date a sentence.  O(log n) (timex.c). */
int rift_time_governing(const rift_doc *d, size_t sentence);
void rift_stage_quotes(rift_doc *d);
/* After the quotes: I, me, my in a quotation join its speaker (entity.c). */
void rift_entities_after_quotes(rift_doc *d);
/* After the events: people and groups without a name ("the girls ... they",
 * "a boy ... the boy ... he") become entities with unnamed set, appended
 * after the others so no index a quote or event holds changes (entity.c). */
void rift_entities_unnamed(rift_doc *d);
void rift_stage_events(rift_doc *d);
/* Model-time reader of a data/en file (model.c): calls fn on each entry line
 * (end of line cut; comment and blank lines skipped); RIFT_EIO if absent. */
/* Opens a data file (a lexicon, a dictionary, an actor list) for reading:
 * a regular file only, so that a directory or a FIFO given in its place is
 * an error ("PATH: a directory, not a file" in err) and never a silent
 * empty list or a hang.  NULL on failure. */
FILE *rift_data_open(const char *path, char *err, size_t errn);
/* The declared data files in loading order (model.c): the i-th file name
 * and whether it is required; NULL past the last. */
const char *rift_data_file(size_t i, bool *required);
rift_status rift_model_read_lines(const rift_model *m, const char *file,
                                  void (*fn)(void *ctx, char *line), void *ctx);
/* Like rift_model_read_lines, for a file whose lines fn checks: fn returns
 * false with why filled for a malformed line, which stops the reading with
 * RIFT_EFORMAT and m->errmsg "PATH:LINE: why". */
rift_status rift_model_read_checked(rift_model *m, const char *file,
                                    bool (*fn)(void *ctx, char *line, char *why, size_t whyn),
                                    void *ctx);

/* Copy a heap vector into the arena (the heap copy is freed). */
void *rift_arena_adopt(rift_arena *a, void *v, size_t n, size_t size);

/* Dates: parse "YYYY-MM-DD" (also "YYYY-MM-DDThh..." and a few common
 * forms) into y/m/d; returns true when valid. */
bool rift_date_parse(const char *s, size_t len, int *y, int *m, int *d);
bool rift_date_valid(int y, int m, int d);
int rift_days_from_civil(int y, int m, int d);
void rift_civil_from_days(int z, int *y, int *m, int *d);

/* Calendar helpers of the times stage (timex_tod.c): the UTC offset of a
 * zone abbreviation ("EST": "-05:00", "UTC": "Z") or NULL; Easter Sunday;
 * the day of month of the nth (-1: last) weekday wd (1 Monday) of a month. */
const char *rift_tod_zone(const char *w, size_t n);
void rift_easter(int y, int *m, int *d);
int rift_nth_weekday(int y, int m, int wd, int nth);

/* ---- metadata lines (meta.c): read by the blocks stage ------------------ */

typedef struct rift_dateline {
    int y, m, d;            /* the date; numeric: provisional month/day reading */
    int a, b;               /* numeric: first and second number as written */
    bool numeric;           /* written 07/06/2025 (not ISO) */
    bool ambiguous;         /* numeric, both readings valid and different */
    rift_date_order style;  /* order the writing itself shows, else AUTO */
} rift_dateline;

typedef struct rift_date_evidence {
    int numeric_dmy, numeric_mdy; /* 31/05/2025 against 05/31/2025 */
    int written_dmy, written_mdy; /* "7 June" against "June 7" */
    int latest_month;             /* latest month the text refers to (0 none) */
    uint32_t latest_at;           /* its offset */
} rift_date_evidence;

/* 1-12 for a month name or abbreviation ("June", "Sept"), else 0. */
int rift_month_from_word(const char *w, size_t n);
const char *rift_month_name(int m); /* "June" */
/* The whole line s[0..len) is a date line ("Friday, January 4, 2019",
 * "07/06/2025", "Published 5 June 2025 10:32 BST"). */
bool rift_meta_dateline(const rift_model *m, const char *s, size_t len,
                        rift_dateline *out);
/* "(Source: www.example.net)", "Source: Reuters": the site's span. */
bool rift_meta_source(const char *s, size_t len, size_t *site_start, size_t *site_end);
/* "By Jane Doe, Reuters": the name's span. */
bool rift_meta_byline(const char *s, size_t len, size_t *name_start, size_t *name_end);
/* A lone person name: 2-4 capitalised words, initials allowed inside. */
bool rift_meta_name_shape(const char *s, size_t len);
/* Entry index of the ASCII word or phrase w[0..n) in a lexicon (case
 * folded), -1 when absent or not plain ASCII. */
int rift_meta_lex(const rift_lexicon *lx, const char *w, size_t n);
/* Every word of s[i..ne) capitalised but joiners (and, &, de, van...):
 * a name or a list of names. */
bool rift_meta_names_ok(const char *s, size_t i, size_t ne);
/* "Reporting by Jane Doe in Kyiv; Editing by Ann Lee": the reporters. */
bool rift_meta_credits(const char *s, size_t len, size_t *name_start, size_t *name_end);

/* A wire dateline opening a paragraph (meta_wire.c): "KIEV (Reuters) -",
 * "WASHINGTON, June 5 (AP) --", "LONDON, 7 June 2025 /PRNewswire/ --". */
typedef struct rift_wire {
    rift_dateline date;     /* when has_date */
    bool has_date, no_year; /* no_year: "June 5", date.y unset */
    size_t outlet_s, outlet_e; /* the outlet's span, empty when none */
    size_t end;             /* first byte after the dash */
} rift_wire;
bool rift_meta_wire(const rift_model *m, const char *s, size_t len, rift_wire *w);
/* "Published 3 hours ago", "Updated: 2 days ago": whole days back. */
bool rift_meta_relative(const rift_model *m, const char *s, size_t len, int *days_back);
/* "... the ministry said. -AP": the outlet closing the block. */
bool rift_meta_tail_outlet(const rift_model *m, const char *s, size_t len,
                           size_t *os, size_t *oe);
/* s[0..len) names an outlet of data/en/outlets.txt. */
bool rift_meta_outlet(const rift_model *m, const char *s, size_t len);
/* One pass over the text for evidence of the day/month order; months
 * referred to count only without a year or with the given year. */
void rift_meta_scan_dates(const char *t, size_t len, int year, rift_date_evidence *ev);
/* DMY/MDY from the country TLD of a URL or host (data/en/date_order.txt). */
rift_date_order rift_meta_tld_order(const rift_model *m, const char *host);

/* ---- input helpers ------------------------------------------------------ */

/* Main text and metadata of an HTML page (read_html.c, over libxml2).
 * Paragraphs are separated by a blank line.  Strings are heap-allocated
 * (NULL when absent); free with rift_html_result_free. */
typedef struct rift_html_result {
    char *text;
    size_t text_len;
    char *title, *date, *author, *url, *source;
} rift_html_result;

bool rift_html_extract(const char *html, size_t len, rift_html_result *out);
void rift_html_result_free(rift_html_result *r);

/* WARC records (read_warc.c; reader.c frames them).  The fields of one
 * record's header block that rift reads, pointing into the block (NULL
 * when absent; a URI or id written <so> without its brackets). */
typedef struct rift_warc_head {
    const char *type, *uri, *date, *id, *ctype;
    size_t type_len, uri_len, date_len, id_len, ctype_len;
    long long length;       /* Content-Length; -1 when absent or malformed */
} rift_warc_head;

bool rift_warc_version_line(const char *s, size_t n); /* "WARC/1.0" */
void rift_warc_head_parse(const char *block, size_t n, rift_warc_head *h);
bool rift_warc_type_is(const rift_warc_head *h, const char *type);
/* The HTML page a record's content c[0..n) holds: RIFT_OK with *html, *len
 * (into c, or into buf when the HTTP body was de-chunked or decompressed,
 * at most max bytes); RIFT_DONE when the record holds no HTML page (a
 * request, metadata, an image, a redirect or error status); RIFT_SKIP with
 * why when it holds one that cannot be read. */
rift_status rift_warc_html(const rift_warc_head *h, const char *c, size_t n, size_t max,
                           rift_buf *buf, const char **html, size_t *len, char *why,
                           size_t whyn);

/* ---- token layer (toklayer.c): one way for the stages to ask about a token */

/* Token i's text lowered for word lists: ASCII letters lower-cased and the
 * curly apostrophes U+2018/U+2019 written "'"; NUL-terminated in buf.  Its
 * length, or 0 when another non-ASCII byte occurs or it needs cap bytes. */
size_t rift_tok_lower(const rift_doc *d, size_t i, char *buf, size_t cap);
/* Whether token i (any kind), lowered as rift_tok_lower does, is the word w
 * (a lower-case literal). */
bool rift_tok_is(const rift_doc *d, size_t i, const char *w);
/* Whether token i (any kind), lowered as rift_tok_lower does, is an entry
 * of the lexicon lx (a token of 64 bytes or more never is). */
bool rift_tok_in(const rift_doc *d, size_t i, const rift_lexicon *lx);
/* The tokens [*b, *e) of sentence k, clamped to the document; false when
 * there are none. */
bool rift_sent_range(const rift_doc *d, size_t k, size_t *b, size_t *e);
/* Whether the lower-case text w[0..n) is an entry of lx. */
bool rift_word_in(const rift_lexicon *lx, const char *w, size_t n);
/* Token i's lemma and tags from the syntax stage (d->words): NULL and
 * RIFT_UPOS_NONE when that stage has not run. */
const char *rift_tok_lemma(const rift_doc *d, size_t i);
const char *rift_tok_xpos(const rift_doc *d, size_t i);
rift_upos rift_tok_upos(const rift_doc *d, size_t i);
/* The lexicon data/en/NAME.txt that a stage cannot work without: RIFT_EIO
 * and m->errmsg naming the file when it was not loaded. */
rift_status rift_lexicon_require(rift_model *m, const char *name, const rift_lexicon **out);
/* The same for every word list of the entities stage (entity.c); called by
 * rift_entity_init. */
rift_status rift_entity_check_lists(rift_model *m);

/* ---- a generic store query (the readers' typed ones: store_read.h) ------- */

/* Runs one read-only SQL statement (anything that would write is refused
 * with RIFT_EINVAL) with text parameters ?1..?n (a NULL binds NULL), and
 * calls row for each result row: values as text, NULL for SQL NULL, borrowed
 * for the call.  row returning non-zero stops.  Lives in store.c; the SQL
 * must suit the store's database (SQLite or PostgreSQL). */
typedef int (*rift_store_row_fn)(void *ctx, int ncol, const char *const *vals);
rift_status rift_store_query(rift_store *st, const char *sql, const char *const *params,
                             size_t n_params, rift_store_row_fn row, void *ctx);
/* The one name of an article's outlet (outlet.c): its source, else the
 * host of its URL, else a title tail naming it ("... | JPost.com"), by the
 * model's outlet_aliases table (m may be NULL) and host rules; malloc'ed,
 * NULL when none is known. */
char *rift_outlet_name(const rift_model *m, const char *source, const char *url,
                       const char *title);
/* A set of modalities (rift_dyads_set_modes) as the text the queries match
 * a row's modality in: ",asserted,future," (dyads.c); buf is returned. */
#define RIFT_MODES_LIST_MAX 96
const char *rift_modes_list(unsigned modes, char buf[RIFT_MODES_LIST_MAX]);

#endif
