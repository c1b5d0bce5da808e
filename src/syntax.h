/* syntax.h: the syntax models' working form of a sentence (rift_sw) and the
 * tagger, morphology (lemma + features) and dependency parser over it.
 *
 * Internal to the library (never in rift.h).  The three models are loaded
 * once from binary/text files under data/en/ and are read-only afterwards,
 * so any number of threads may share them.  Each works on one sentence at a
 * time, an array of rift_sw, and fills its own fields:
 *
 *   rift_sw_prepare   form -> norm            (syntax.c, shared by all)
 *   rift_tagger_tag   norm -> upos, xpos      (tagger.c)
 *   rift_morph_run    norm, upos, xpos -> lemma, feats        (morph.c)
 *   rift_parser_parse norm, upos, xpos, lemma -> head, deprel (parser.c)
 *
 * The trainers (tools/train/) use the very same feature functions, so
 * training and inference cannot drift apart.
 */
#ifndef RIFT_SYNTAX_H
#define RIFT_SYNTAX_H

#include "internal.h"

/* Penn Treebank tags as used by UD English (EWT, GUM): XPOS ids.  Index 0 is
 * "_" (none).  rift_xpos_name(id), rift_xpos_id("VBD") -> id or -1. */
enum { RIFT_N_XPOS = 51 };
const char *rift_xpos_name(unsigned id);
int rift_xpos_id(const char *name, size_t len);
/* rift_upos_id("NOUN") -> rift_upos or -1 (rift_upos_name is public). */
int rift_upos_id(const char *name, size_t len);

#define RIFT_SW_NORM 32

typedef struct rift_sw {
    const char *form;       /* the word as written, not NUL-terminated */
    uint32_t len;
    /* rift_sw_prepare: NUL-terminated normal form, at most RIFT_SW_NORM-1
     * bytes (longer words are cut at a character boundary): curly quotes
     * and apostrophes -> ' and ", dashes -> - or --, other bytes as they
     * are (case kept: features fold it themselves). */
    char norm[RIFT_SW_NORM];
    uint8_t nlen;
    uint8_t upos;           /* rift_upos (tagger) */
    uint8_t xpos;           /* RIFT xpos id (tagger) */
    uint8_t flags;          /* RIFT_SWF_* (the caller: what rift knows) */
    const char *lemma;      /* morph: NUL-terminated; model or arena memory */
    const char *feats;      /* morph: "Number=Sing", NULL when none */
    int32_t head;           /* parser: index in the sentence, -1 = root */
    uint16_t label;         /* parser: its label id */
    const char *deprel;     /* parser: "nsubj:pass"; model memory */
} rift_sw;

/* what the caller may tell the models about a word (features only) */
#define RIFT_SWF_SENT_START 0x01u /* first word of a sentence in running text */

/* Fills norm/nlen of every word (form/len must be set). */
void rift_sw_prepare(rift_sw *w, size_t n);

/* ---- tagger: UPOS + XPOS (tagger.c) ------------------------------------ */

typedef struct rift_tagger rift_tagger;
/* Loads a tagger file; on failure err says FILE:...: why. */
rift_status rift_tagger_load(const char *path, rift_tagger **out,
                             char *err, size_t errn);
void rift_tagger_free(rift_tagger *t);
/* Sets upos and xpos of the n words (norm prepared).  Never fails; uses
 * at most O(n) stack-free work (scratch from the arena when needed). */
void rift_tagger_tag(const rift_tagger *t, rift_sw *w, size_t n,
                     rift_arena *scratch);

/* ---- morphology: lemma + features (morph.c) ---------------------------- */

typedef struct rift_morph rift_morph;
rift_status rift_morph_load(const char *path, rift_morph **out,
                            char *err, size_t errn);
void rift_morph_free(rift_morph *m);
/* Sets lemma and feats (after the tagger).  New lemma strings go to arena. */
void rift_morph_run(const rift_morph *m, rift_sw *w, size_t n, rift_arena *arena);

/* ---- dependency parser (parser.c) -------------------------------------- */

typedef struct rift_parser rift_parser;
rift_status rift_parser_load(const char *path, rift_parser **out,
                             char *err, size_t errn);
void rift_parser_free(rift_parser *p);
/* Sets head, label and deprel of the n words (tagged, lemmatised): exactly
 * one root per sentence, a tree.  Linear in n; scratch from the arena. */
void rift_parser_parse(const rift_parser *p, rift_sw *w, size_t n,
                       rift_arena *scratch);

/* The three models on one prepared sentence (the trainers' way; the stage
 * cuts long sentences into windows first).  Nothing when a model is absent. */
void rift_syntax_sw(const rift_model *m, rift_sw *sw, size_t n, rift_arena *arena);

#endif
