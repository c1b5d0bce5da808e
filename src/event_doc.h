/* event_doc.h: the events stage's document pass: its actors and context,
 * shared by the pass (event.c) and its reading of the tree (event_tree.c). */
#ifndef RIFT_EVENT_DOC_H
#define RIFT_EVENT_DOC_H

#include "event_int.h"

/* An actor of this stage: an entity mention (its title or role included),
 * or words the entity stage did not make an entity of but that name a
 * state, body or group ("Israeli troops", "the government", "Moscow"). */
typedef struct evactor {
    uint32_t tok_begin, tok_end;  /* equal for a speaker with no words here */
    int32_t entity;               /* -1 when none */
    const char *code;             /* CAMEO-style code, NULL */
    uint8_t flags;                /* RIFT_MF_POSS */
    int8_t type;                  /* rift_entity_type, -1 for a coded group */
} evactor;

typedef struct ctx {
    rift_doc *d;
    const evmodel *em;
    uint32_t tb, te;        /* tokens of the current sentence */
    int32_t *tm;            /* token -> actor, -1 */
    int32_t *tq;            /* token -> quote, -1 */
    int32_t *qa;            /* quote -> actor of its speaker, -1 */
    uint8_t *tcls;          /* token -> TC_* bits (TC_DONE set) */
    int32_t *thead;         /* token -> event head of its form, -1 */
    int32_t *tac;           /* token -> acodes value of the word alone, -1 */
    uint32_t light_at;      /* the light verb noun_event last used */
    RIFT_VEC(evactor) act;
    RIFT_VEC(rift_event) out;
    /* PETRARCH dictionaries (petrverbs.c), NULL/false when none is loaded */
    const rift_petr *petr;
    bool petr_verbs, petr_agents, petr_story_discarded;
    /* the dependency tree (stage syntax; NULL without it), per document:
     * first child and next sibling of each token (-1), and the first and
     * last token of each token's subtree (event_tree.c fills them per
     * sentence) */
    const rift_word *w;
    int32_t *kid, *sib;
    uint32_t *slo, *shi;
    int32_t *up, *cur;      /* (the walk that finds the extents) */
    uint8_t *rel, *relb;    /* relation code of each token, and of its base */
    uint32_t tree_tb;       /* first token of the sentence read so, UINT32_MAX */
    /* relation codes by the address of the parser's label */
#define EVT_REL_CACHE 128
    const char *rc_key[EVT_REL_CACHE];
    uint8_t rc_own[EVT_REL_CACHE], rc_base[EVT_REL_CACHE];
    /* what emit gives the events of the predicate being coded */
    rift_modality mod;
    int32_t obj_tok;        /* its non-actor object word, -1 */
    int32_t src_tok;        /* its non-actor subject word (a sourceless type), -1 */
    double conf;            /* its confidence */
    /* lexicons the tree reading asks (event_modes, quote_cues, event_harm_nouns) */
    const rift_lexicon *lx_modes, *lx_cues, *lx_harm;
    /* the claimant of an "according to X" in the sentence: actor, words */
    int32_t acc_actor;
    uint32_t acc_begin, acc_end;
} ctx;

/* The word list EL_* of the model (event_init made sure each is loaded). */
#define WL(c, id) ((c)->em->wl[id])

/* A token's function-word classes (TC_*), event head of its form (-1)
 * and actor-code value of the word alone (-2: a prefix only; -1), as
 * lex_tokens (event.c) found them once a document. */
static inline unsigned tok_class(const ctx *c, uint32_t t) { return c->tcls[t]; }
static inline int32_t tok_head(const ctx *c, uint32_t t) { return c->thead[t]; }
static inline int32_t tok_acode(const ctx *c, uint32_t t) { return c->tac[t]; }

/* ---- event_actors.c: the actors ------------------------------------------ */

/* The actors of the document (c->act, c->tm) and their codes. */
void evt_build_actors(ctx *c);
/* Whether an actor code names a country ("ISRMIL" yes, "---REB" no). */
bool evt_has_country(const char *code);

/* ---- event_tree.c: the dependency tree ---------------------------------- */

/* Children lists and relation codes of the sentence [c->tb, c->te) (a
 * no-op without syntax). */
void evt_sentence(ctx *c);
/* The first and last token of t's subtree (found once a sentence). */
void evt_span(const ctx *c, uint32_t t, uint32_t *lo, uint32_t *hi);
/* evt_sentence once per sentence: before any question to the tree. */
void evt_ready(ctx *c);

/* The arguments of a predicate, as actors of the stage (-1 when none). */
typedef struct evargs {
    int32_t src, tgt;
    int32_t more_src[4], more_tgt[4]; /* coordinated with src, tgt */
    uint8_t n_more_src, n_more_tgt;
    int32_t obj_tok;        /* the target slot's word when it names no actor, -1 */
    int32_t src_tok;        /* the subject or agent word, actor or not, -1 */
    int32_t tgt_in_obj;     /* the object word whose possessor or "of" is tgt, -1 */
    bool passive;
} evargs;

void evt_verb_args(const ctx *c, const evpat *p, uint32_t v, evargs *a);
/* A noun event ("X's attack on Y", "talks between X and Y"); *light gets
 * the light verb whose subject acts ("launched an attack"), UINT32_MAX. */
void evt_noun_args(const ctx *c, const evpat *p, uint32_t n, evargs *a, uint32_t *light);

/* How the stage recodes an event by the words around its predicate. */
enum { MOD_NONE, MOD_INTENT, MOD_REFUSE, MOD_MUST };

/* The modality of the predicate v from the tree; *neg gets whether it is
 * negated (or denied); *recode one of MOD_*. */
rift_modality evt_modality(const ctx *c, uint32_t v, bool *neg, int *recode);
/* Whose claim the predicate v is: the actor (-1) and its words [*b, *e)
 * (equal when none): the subject of a reporting verb above it, an
 * "according to X", the speaker of the quote holding it. */
int32_t evt_attribution(const ctx *c, uint32_t v, uint32_t *b, uint32_t *e);
/* The modality a word above a predicate gives it (event_modes.txt:
 * "threaten", "urge", "plan"), -1. */
int evt_mode_word(const ctx *c, uint32_t t);
/* Whether token t lies in a part of v's clause that is no object: an
 * oblique, a subject, another clause ("hit back on social media, and X
 * fired back": neither media nor X); other_clause_only: only a subject
 * counts. */
bool evt_in_oblique(const ctx *c, uint32_t v, uint32_t t, bool other_clause_only);
/* The time expression attached to v in the tree, -1. */
int32_t evt_time(const ctx *c, uint32_t v);
/* Whether the tagger made token t a upos (false without syntax). */
bool evt_is(const ctx *c, uint32_t t, rift_upos upos);

#endif
