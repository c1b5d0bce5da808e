/* event_tree.c: the events stage's reading of the dependency tree: who is
 * the subject, object and oblique of a predicate, how real it is, whose
 * claim it is and when.  Every walk is bounded: linear in the sentence.
 */
#include "event_doc.h"

#include <string.h>

#define CLIMB_MAX 6   /* heads climbed for a subject, a mode, a claimant */

/* The relations the stage asks about, as small codes computed once per
 * token (a string compare per question cost more than the rest). */
enum {
    R_OTHER = 0, R_ACL, R_ACL_RELCL, R_ADVCL, R_ADVMOD, R_AMOD, R_APPOS, R_AUX, R_AUX_PASS, R_CASE, R_CCOMP, R_COMPOUND, R_CONJ, R_CSUBJ, R_DET, R_FLAT, R_IOBJ, R_MARK, R_NEG, R_NMOD, R_NMOD_POSS, R_NSUBJ, R_NSUBJ_PASS, R_OBJ, R_OBL, R_OBL_AGENT, R_OBL_TMOD, R_PARATAXIS, R_XCOMP, R_N
};

static const struct { const char *name; uint8_t code; } RELS[] = {
    {"acl", R_ACL},
    {"acl:relcl", R_ACL_RELCL},
    {"advcl", R_ADVCL},
    {"advmod", R_ADVMOD},
    {"amod", R_AMOD},
    {"appos", R_APPOS},
    {"aux", R_AUX},
    {"aux:pass", R_AUX_PASS},
    {"case", R_CASE},
    {"ccomp", R_CCOMP},
    {"compound", R_COMPOUND},
    {"conj", R_CONJ},
    {"csubj", R_CSUBJ},
    {"det", R_DET},
    {"flat", R_FLAT},
    {"iobj", R_IOBJ},
    {"mark", R_MARK},
    {"neg", R_NEG},
    {"nmod", R_NMOD},
    {"nmod:poss", R_NMOD_POSS},
    {"nsubj", R_NSUBJ},
    {"nsubj:pass", R_NSUBJ_PASS},
    {"obj", R_OBJ},
    {"obl", R_OBL},
    {"obl:agent", R_OBL_AGENT},
    {"obl:tmod", R_OBL_TMOD},
    {"parataxis", R_PARATAXIS},
    {"xcomp", R_XCOMP},
};

/* The entries of RELS (sorted) by first letter: [first, end). */
static const uint8_t RELS_AT[26][2] = {
    {0, 8}, {0, 0}, {8, 13}, {13, 14}, {0, 0}, {14, 15}, {0, 0}, {0, 0}, {15, 16}, {0, 0}, {0, 0}, {0, 0}, {16, 17},
    {17, 22}, {22, 26}, {26, 27}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {27, 28}, {0, 0}, {0, 0}};

/* The code of the relation d[0..n). */
static uint8_t rel_code(const char *d, size_t n)
{
    unsigned f = (unsigned char)d[0] - 'a';
    if (!n || f >= 26)
        return R_OTHER;
    for (size_t k = RELS_AT[f][0]; k < RELS_AT[f][1]; k++)
        if (!strncmp(RELS[k].name, d, n) && RELS[k].name[n] == '\0')
            return RELS[k].code;
    return R_OTHER;
}

/* The codes of a deprel string, through a small cache keyed by the
 * string's address (the parser's labels are few and live in its model). */
static void rel_codes(ctx *c, const char *d, uint8_t *own, uint8_t *base)
{
    if (!d) {
        *own = *base = R_OTHER;
        return;
    }
    size_t h = (size_t)(((uint64_t)(uintptr_t)d * 0x9E3779B97F4A7C15ULL) >> 57) & (EVT_REL_CACHE - 1);
    if (c->rc_key[h] != d) {
        size_t n = strlen(d);
        c->rc_key[h] = d;
        const char *colon = memchr(d, ':', n);
        c->rc_own[h] = rel_code(d, n);
        c->rc_base[h] = colon ? rel_code(d, (size_t)(colon - d)) : c->rc_own[h];
    }
    *own = c->rc_own[h];
    *base = c->rc_base[h];
}

/* ---- the tree of the current sentence ----------------------------------- */

void evt_span(const ctx *cc, uint32_t t, uint32_t *lo, uint32_t *hi)
{
    ctx *c = (ctx *)cc; /* (the extents are a cache of the tree's) */
    if (c->slo[t] == UINT32_MAX) {
        /* children before parents, each token once a sentence: a walk
         * down the child lists with the tokens as the stack's links */
        int32_t top = (int32_t)t;
        c->up[t] = -1;
        c->cur[t] = c->kid[t];
        c->slo[t] = c->shi[t] = t;
        while (top >= 0) {
            int32_t k = c->cur[top];
            if (k >= 0) {
                c->cur[top] = c->sib[k];
                if (c->slo[k] == UINT32_MAX) {
                    c->up[k] = top;
                    c->cur[k] = c->kid[k];
                    c->slo[k] = c->shi[k] = (uint32_t)k;
                    top = k;
                    continue;
                }
                /* (known already: fold it in) */
                if (c->slo[k] < c->slo[top])
                    c->slo[top] = c->slo[k];
                if (c->shi[k] > c->shi[top])
                    c->shi[top] = c->shi[k];
                continue;
            }
            int32_t p = c->up[top];
            if (p >= 0) {
                if (c->slo[top] < c->slo[p])
                    c->slo[p] = c->slo[top];
                if (c->shi[top] > c->shi[p])
                    c->shi[p] = c->shi[top];
            }
            top = p;
        }
    }
    *lo = c->slo[t];
    *hi = c->shi[t];
}

void evt_ready(ctx *c)
{
    if (c->w && c->tree_tb != c->tb) {
        evt_sentence(c);
        c->tree_tb = c->tb;
    }
}

void evt_sentence(ctx *c)
{
    if (!c->w)
        return;
    size_t n = c->te - c->tb;
    memset(c->kid + c->tb, 0xFF, n * sizeof *c->kid); /* -1: no child yet */
    memset(c->slo + c->tb, 0xFF, n * sizeof *c->slo); /* (evt_span finds it when asked) */
    /* children in text order: prepended from the last token back */
    for (uint32_t t = c->te; t-- > c->tb;) {
        rel_codes(c, c->w[t].deprel, &c->rel[t], &c->relb[t]);
        int32_t h = c->w[t].head;
        c->sib[t] = -1;
        if (h >= (int32_t)c->tb && h < (int32_t)c->te && h != (int32_t)t) {
            c->sib[t] = c->kid[h];
            c->kid[h] = (int32_t)t;
        }
    }
    /* "According to X, ...": X, whatever the parser made of it */
    c->acc_actor = -1;
    c->acc_begin = c->acc_end = 0;
    for (uint32_t t = c->tb; t + 2 < c->te; t++) {
        if (c->d->tokens[t].end - c->d->tokens[t].start != 9 ||
            !rift_tok_is(c->d, t, "according") || !rift_tok_is(c->d, t + 1, "to"))
            continue;
        uint32_t u = t + 2;
        if (c->tm[u] >= 0) {
            c->acc_actor = c->tm[u];
            c->acc_begin = c->act.v[c->acc_actor].tok_begin;
            c->acc_end = c->act.v[c->acc_actor].tok_end;
        } else {
            while (u < c->te && u < t + 8 && c->d->tokens[u].kind == RIFT_TOK_WORD)
                u++;
            c->acc_begin = t + 2;
            c->acc_end = u;
        }
        break;
    }
}

/* Relation code r exactly, or (base) r and its subtypes ("obl" covers
 * "obl:tmod"). */
static bool rel_is(const ctx *c, uint32_t t, uint8_t r, bool base)
{
    return c->rel[t] == r || (base && c->relb[t] == r);
}

static int32_t head(const ctx *c, uint32_t t)
{
    int32_t h = c->w[t].head;
    return h >= (int32_t)c->tb && h < (int32_t)c->te && h != (int32_t)t ? h : -1;
}

static const char *lemma(const ctx *c, uint32_t t)
{
    return c->w[t].lemma ? c->w[t].lemma : "";
}

static bool xpos_is(const ctx *c, uint32_t t, const char *x)
{
    return c->w[t].xpos && !strcmp(c->w[t].xpos, x);
}

static bool lemma_in(const ctx *c, uint32_t t, const rift_lexicon *lx)
{
    const char *l = lemma(c, t);
    return lx && ((*l && rift_word_in(lx, l, strlen(l))) || rift_tok_in(c->d, t, lx));
}

bool evt_is(const ctx *c, uint32_t t, rift_upos upos)
{
    return c->w && c->w[t].upos == upos;
}

static int32_t child(const ctx *c, uint32_t v, uint8_t r, bool base)
{
    for (int32_t k = c->kid[v]; k >= 0; k = c->sib[k])
        if (rel_is(c, (uint32_t)k, r, base))
            return k;
    return -1;
}

/* Whether t has a R_CASE (or "mark") word w: "on" of "on Tuesday". */
static bool has_case(const ctx *c, uint32_t t, const char *w)
{
    for (int32_t k = c->kid[t]; k >= 0; k = c->sib[k])
        if ((rel_is(c, (uint32_t)k, R_CASE, true) || rel_is(c, (uint32_t)k, R_MARK, false)) &&
            (c->w[k].lemma ? !strcmp(c->w[k].lemma, w) : rift_tok_is(c->d, (uint32_t)k, w)))
            return true;
    return false;
}

static bool relative_pronoun(const ctx *c, uint32_t t)
{
    /* (who, whom, which, that: 3 to 5 letters starting w or t) */
    const rift_token *k = &c->d->tokens[t];
    unsigned ch = (unsigned char)c->d->text[k->start] | 0x20u;
    if (k->end - k->start < 3 || k->end - k->start > 5 || (ch != 'w' && ch != 't'))
        return false;
    return rift_tok_is(c->d, t, "who") || rift_tok_is(c->d, t, "which") ||
           rift_tok_is(c->d, t, "that") || rift_tok_is(c->d, t, "whom");
}

static int32_t agent_word(const ctx *c, uint32_t v);

static int32_t prep_word(const ctx *c, uint32_t t, const char *prep);

/* Whether v is passive (p: its frame, NULL when unknown). */
static bool passive(const ctx *c, const evpat *p, uint32_t v)
{
    if (child(c, v, R_NSUBJ_PASS, false) >= 0 || child(c, v, R_AUX_PASS, false) >= 0)
        return true;
    /* a participle modifying a noun: "bombs dropped by forces", "soldiers
     * killed in X"; unless it has its frame's own preposition, where the
     * parser made a participle of a headline's verb ("advisor met with X") */
    if (rel_is(c, v, R_ACL, false) && xpos_is(c, v, "VBN"))
        return agent_word(c, v) >= 0 ||
               (child(c, v, R_OBJ, false) < 0 && /* (a passive has no object) */
                !(p && p->prep[0] && prep_word(c, v, p->prep) >= 0));
    /* "was arrested and charged": a bare conjunct of a passive */
    int32_t h = head(c, v);
    return h >= 0 && rel_is(c, v, R_CONJ, false) && xpos_is(c, v, "VBN") &&
           child(c, v, R_NSUBJ, true) < 0 && child(c, v, R_AUX, false) < 0 &&
           (child(c, (uint32_t)h, R_NSUBJ_PASS, false) >= 0 ||
            child(c, (uint32_t)h, R_AUX_PASS, false) >= 0);
}

/* ---- from a word to an actor ------------------------------------------ */

/* The actor a word stands for: its own mention, the noun a relative
 * pronoun stands for, or a name inside its phrase ("Israeli troops",
 * "Trump's lawyers").  -1 when none. */
static int32_t actor_of(const ctx *c, uint32_t t)
{
    if (c->tm[t] >= 0)
        return c->tm[t];
    int32_t h = head(c, t);
    if (relative_pronoun(c, t) && h >= 0 && rel_is(c, (uint32_t)h, R_ACL_RELCL, false)) {
        int32_t n = head(c, (uint32_t)h);
        return n >= 0 && c->tm[n] >= 0 ? c->tm[n] : -1;
    }
    /* "thousands of workers", "dozens of soldiers": the group; "the
     * government of France", "the people of Iraq": the place's */
    if (c->w[t].upos == RIFT_UPOS_NUM || rift_tok_in(c->d, t, c->em->wl[EL_COUNTED]) ||
        rift_tok_is(c->d, t, "group") || rift_tok_is(c->d, t, "crowd") ||
        rift_tok_in(c->d, t, c->em->wl[EL_GROUP_HEADS])) {
        /* (and a body of a place: "the government of France") */
        for (int32_t k = c->kid[t]; k >= 0; k = c->sib[k])
            if (rel_is(c, (uint32_t)k, R_NMOD, true) && has_case(c, (uint32_t)k, "of") &&
                c->tm[k] >= 0)
                return c->tm[k];
    }
    /* "forces loyal to X": X's */
    for (int32_t k = c->kid[t]; k >= 0; k = c->sib[k])
        if (rel_is(c, (uint32_t)k, R_AMOD, false) && !strcmp(lemma(c, (uint32_t)k), "loyal"))
            for (int32_t x = c->kid[k]; x >= 0; x = c->sib[x])
                if (c->tm[x] >= 0 && has_case(c, (uint32_t)x, "to"))
                    return c->tm[x];
    for (int32_t k = c->kid[t]; k >= 0; k = c->sib[k]) {
        if ((rel_is(c, (uint32_t)k, R_COMPOUND, false) || rel_is(c, (uint32_t)k, R_FLAT, true) ||
             rel_is(c, (uint32_t)k, R_AMOD, false) || rel_is(c, (uint32_t)k, R_NMOD_POSS, false) ||
             rel_is(c, (uint32_t)k, R_APPOS, false)) &&
            c->tm[k] >= 0 &&
            (c->act.v[c->tm[k]].type != RIFT_ENT_LOC || !rel_is(c, (uint32_t)k, R_NMOD_POSS, false)))
            return c->tm[k]; /* ("Darfur rebels": the place's; "Iraq's X" stays X) */
    }
    return -1;
}

/* The actors coordinated with word t ("Israel and Egypt"). */
static uint8_t coordinated(const ctx *c, uint32_t t, int32_t first, int32_t *out)
{
    uint8_t n = 0;
    for (int32_t k = c->kid[t]; k >= 0 && n < 4; k = c->sib[k]) {
        if (!rel_is(c, (uint32_t)k, R_CONJ, false) && !rel_is(c, (uint32_t)k, R_APPOS, false))
            continue;
        int32_t a = actor_of(c, (uint32_t)k);
        if (a >= 0 && a != first)
            out[n++] = a;
    }
    return n;
}

/* ---- arguments ----------------------------------------------------------- */

/* The word that is the subject of v: its own, or by control, raising,
 * coordination, a relative clause or a participle. */
static int32_t subject_word(const ctx *c, uint32_t v, int depth)
{
    int32_t h = head(c, v);
    /* (of two subjects the parser gave, the one naming an actor:
     * "European Community foreign ministers" split in two) */
    int32_t first = -1;
    for (int32_t k = c->kid[v]; k >= 0; k = c->sib[k]) {
        if (rel_is(c, (uint32_t)k, R_NSUBJ, false) || rel_is(c, (uint32_t)k, R_CSUBJ, false)) {
            if (relative_pronoun(c, (uint32_t)k) && h >= 0 && rel_is(c, v, R_ACL_RELCL, false))
                return h;
            if (actor_of(c, (uint32_t)k) >= 0)
                return k;
            if (first < 0)
                first = k;
        }
    }
    if (first >= 0)
        return first;
    if (depth >= CLIMB_MAX || h < 0)
        return -1;
    if (rel_is(c, v, R_XCOMP, false)) {
        /* "asked X to help": X; "vowed to oppose": the vower */
        int32_t o = child(c, (uint32_t)h, R_OBJ, false);
        if (o >= 0 && c->w[h].upos == RIFT_UPOS_VERB)
            return o;
        return subject_word(c, (uint32_t)h, depth + 1);
    }
    if (rel_is(c, v, R_CONJ, false) || rel_is(c, v, R_PARATAXIS, false)) {
        /* "... has put X at risk - and even threatens Y": the first
         * clause's subject */
        int32_t s = child(c, (uint32_t)h, R_NSUBJ_PASS, false);
        if (s >= 0 && !passive(c, NULL, v))
            return s; /* "X was arrested and fled" */
        return c->w[h].upos == RIFT_UPOS_VERB ? subject_word(c, (uint32_t)h, depth + 1) : -1;
    }
    if (rel_is(c, v, R_ACL, false)) {
        if (xpos_is(c, v, "VBG"))
            return h; /* "forces attacking the city" */
        if (xpos_is(c, v, "VBN") || xpos_is(c, v, "VBD"))
            return actor_of(c, (uint32_t)h) >= 0 ? h : -1; /* "X met with Y" misread */
        /* "X's decision to withdraw": the possessor */
        return child(c, (uint32_t)h, R_NMOD_POSS, false);
    }
    if (xpos_is(c, v, "VBG") && (rel_is(c, v, R_ADVCL, false) || rel_is(c, v, R_ACL, false))) {
        /* a gerund's subject is the name just before it, whatever the
         * parser hung it on: "upset about Elon dressing him down" */
        uint32_t f, fe;
        evt_span(c, v, &f, &fe);
        uint32_t g = f > c->tb ? f - 1 : f;
        if (f > c->tb && c->tm[g] >= 0) {
            /* a name of several words: the one the others hang on */
            const evactor *x = &c->act.v[c->tm[g]];
            for (uint32_t u = x->tok_begin; u < x->tok_end && u < c->te; u++) {
                int32_t hu = c->w[u].head;
                if (hu < (int32_t)x->tok_begin || hu >= (int32_t)x->tok_end) {
                    g = u;
                    break;
                }
            }
        }
        if (f > c->tb && head(c, g) == h &&
            (rel_is(c, g, R_OBL, true) || rel_is(c, g, R_NMOD, true)) &&
            (c->w[g].upos == RIFT_UPOS_PROPN || c->w[g].upos == RIFT_UPOS_PRON))
            return (int32_t)g;
    }
    if (rel_is(c, v, R_ADVCL, false) && xpos_is(c, v, "VBG") && child(c, v, R_MARK, false) < 0)
        return subject_word(c, (uint32_t)h, depth + 1);
    return -1;
}

/* The agent of a passive: "by X". */
static int32_t agent_word(const ctx *c, uint32_t v)
{
    for (int32_t k = c->kid[v]; k >= 0; k = c->sib[k])
        if (rel_is(c, (uint32_t)k, R_OBL_AGENT, false) ||
            (rel_is(c, (uint32_t)k, R_OBL, true) && has_case(c, (uint32_t)k, "by")) ||
            (rel_is(c, (uint32_t)k, R_NMOD, true) && has_case(c, (uint32_t)k, "by")))
            return k;
    return -1;
}

/* The passive subject of v (or, for a participle, the noun it modifies). */
static int32_t patient_word(const ctx *c, uint32_t v)
{
    int32_t s = child(c, v, R_NSUBJ_PASS, false);
    if (s >= 0)
        return s;
    int32_t h = head(c, v);
    if (h < 0)
        return -1;
    if (rel_is(c, v, R_ACL, false))
        return h;
    if (rel_is(c, v, R_CONJ, false))
        return child(c, (uint32_t)h, R_NSUBJ_PASS, false);
    return -1;
}

/* An oblique or nominal modifier of t introduced by prep. */
static int32_t prep_word(const ctx *c, uint32_t t, const char *prep)
{
    for (int32_t k = c->kid[t]; k >= 0; k = c->sib[k])
        if ((rel_is(c, (uint32_t)k, R_OBL, true) || rel_is(c, (uint32_t)k, R_NMOD, true)) &&
            !rel_is(c, (uint32_t)k, R_OBL_TMOD, false) && has_case(c, (uint32_t)k, prep))
            return k;
    return -1;
}

/* Whether word t is one of the words a pattern requires ("withdraw
 * NOMINATION of", "take a SHOT at"). */
static bool required(const ctx *c, const evpat *p, uint32_t t)
{
    for (uint8_t r = 0; r < p->nreq; r++)
        if (rift_tok_is(c->d, t, p->req[r]) || !strcmp(lemma(c, t), p->req[r]))
            return true;
    return false;
}

/* What a participle after a noun aims at: "sanctions targeting X",
 * "strikes aimed at X". */
static int32_t participle_target(const ctx *c, uint32_t n)
{
    for (int32_t k = c->kid[n]; k >= 0; k = c->sib[k])
        if (rel_is(c, (uint32_t)k, R_ACL, false) &&
            (xpos_is(c, (uint32_t)k, "VBG") || xpos_is(c, (uint32_t)k, "VBN"))) {
            int32_t t = child(c, (uint32_t)k, R_OBJ, false);
            if (t < 0)
                t = prep_word(c, (uint32_t)k, "at");
            if (t < 0)
                t = prep_word(c, (uint32_t)k, "against");
            if (t >= 0)
                return t;
        }
    return -1;
}

/* The target word of an active predicate v: the oblique with the frame's
 * preposition (on v, its object or a required word), else the object. */
static int32_t target_word(const ctx *c, const evpat *p, uint32_t v)
{
    if (p->prep[0]) {
        int32_t t = prep_word(c, v, p->prep);
        for (int32_t k = c->kid[v]; t < 0 && k >= 0; k = c->sib[k])
            if (rel_is(c, (uint32_t)k, R_OBJ, false) || required(c, p, (uint32_t)k))
                t = prep_word(c, (uint32_t)k, p->prep);
        if (t >= 0)
            return t;
    }
    if (p->deny)
        return -1;
    int32_t o = child(c, v, R_OBJ, false);
    if (o >= 0 && p->nreq && required(c, p, (uint32_t)o)) {
        /* the object is the idiom's own word: "dress down X" has X as obj,
         * "withdraw the nomination of X" has it under the noun */
        int32_t x = child(c, (uint32_t)o, R_NMOD, true);
        return x >= 0 ? x : participle_target(c, (uint32_t)o);
    }
    if (o < 0)
        o = child(c, v, R_IOBJ, false);
    for (int32_t k = c->kid[v]; o < 0 && k >= 0; k = c->sib[k])
        if (required(c, p, (uint32_t)k) && c->w[k].upos == RIFT_UPOS_VERB)
            o = child(c, (uint32_t)k, R_OBJ, false); /* "vow to punish X" */
    return o;
}

static void set_src(const ctx *c, evargs *a, int32_t w)
{
    if (w < 0)
        return;
    a->src_tok = w;
    a->src = actor_of(c, (uint32_t)w);
    if (a->src >= 0)
        a->n_more_src = coordinated(c, (uint32_t)w, a->src, a->more_src);
}

/* Whether u hangs from w through nominal relations only (a modifier, a
 * possessor, a prepositional phrase of the noun, a coordination). */
static bool in_phrase(const ctx *c, uint32_t u, uint32_t w)
{
    for (int n = 0; n < 5 && u != w; n++) {
        if (!(rel_is(c, u, R_NMOD, true) || rel_is(c, u, R_COMPOUND, true) ||
              rel_is(c, u, R_AMOD, false) || rel_is(c, u, R_FLAT, true) ||
              rel_is(c, u, R_APPOS, false) || rel_is(c, u, R_CONJ, false) ||
              rel_is(c, u, R_OBL, true)))
            return false;
        int32_t h = head(c, u);
        if (h < 0)
            return false;
        u = (uint32_t)h;
    }
    return u == w;
}

static void set_tgt(const ctx *c, evargs *a, int32_t w)
{
    if (w < 0)
        return;
    a->tgt = actor_of(c, (uint32_t)w);
    if (a->tgt >= 0 && c->tm[w] < 0) {
        a->tgt_in_obj = w; /* "X's impeachment": X, and the words stay the object */
        a->obj_tok = w;
    }
    /* a name before the object word that is not its possessor: the
     * parser hung "visit Chancellor X next month" on "month" */
    uint32_t wlo, whi;
    evt_span(c, (uint32_t)w, &wlo, &whi);
    for (uint32_t u = wlo; a->tgt < 0 && u < (uint32_t)w; u++)
        if (c->tm[u] >= 0 && !(c->act.v[c->tm[u]].flags & RIFT_MF_POSS) &&
            !(c->d->tokens[c->act.v[c->tm[u]].tok_end - 1].flags & RIFT_TF_POSSESSIVE))
            a->tgt = c->tm[u];
    /* whose or where the object is, as CAMEO codes it: "bombarded a
     * part of Syria's second city", "evacuate the settlements in the Gaza
     * Strip", "rejected a US offer", "endorsed X's impeachment" (the frame
     * decides the polarity): the first actor of the object's phrase,
     * reached through nouns only, never through a clause in it */
    for (uint32_t u = wlo; a->tgt < 0 && u <= whi && u < (uint32_t)w + 12; u++) {
        if (c->tm[u] < 0 || c->act.v[c->tm[u]].type == RIFT_ENT_OUTLET)
            continue;
        if (in_phrase(c, u, (uint32_t)w)) {
            a->tgt = c->tm[u];
            a->tgt_in_obj = w;
            a->obj_tok = w; /* (its words stay the object) */
        }
    }
    if (a->tgt >= 0)
        a->n_more_tgt = coordinated(c, (uint32_t)w, a->tgt, a->more_tgt);
    else
        a->obj_tok = w;
}

static void args_init(evargs *a)
{
    memset(a, 0, sizeof *a);
    a->src = a->tgt = a->obj_tok = a->src_tok = a->tgt_in_obj = -1;
}

/* "X announced that it will withdraw": the pronoun is the announcer,
 * unless the verb above only claims ("X claimed that they attacked"). */
static int32_t reported_pronoun(const ctx *c, int32_t s)
{
    if (s < 0 || c->tm[s] >= 0 || c->w[s].upos != RIFT_UPOS_PRON || relative_pronoun(c, (uint32_t)s))
        return s;
    /* the clause of the pronoun: its predicate, a complement of the verb above */
    int32_t pv = head(c, (uint32_t)s);
    int32_t h = pv >= 0 ? head(c, (uint32_t)pv) : -1;
    if (h < 0 || !rel_is(c, (uint32_t)pv, R_CCOMP, false) ||
        lemma_in(c, (uint32_t)h, c->em->wl[EL_CLAIM_VERBS]))
        return s;
    if (!rift_tok_is(c->d, (uint32_t)s, "it") && !rift_tok_is(c->d, (uint32_t)s, "they") &&
        !rift_tok_is(c->d, (uint32_t)s, "we"))
        return s;
    int32_t hs = subject_word(c, (uint32_t)h, 1);
    return hs >= 0 && actor_of(c, (uint32_t)hs) >= 0 ? hs : s;
}

/* Other subjects of v the parser gave it ("The US, Russia, and
 * Switzerland met": Switzerland as a second subject). */
static void more_subjects(const ctx *c, uint32_t v, int32_t first, evargs *a)
{
    for (int32_t k = c->kid[v]; k >= 0 && a->n_more_src < 4; k = c->sib[k]) {
        if (k == first || !rel_is(c, (uint32_t)k, R_NSUBJ, false))
            continue;
        int32_t x = actor_of(c, (uint32_t)k);
        bool dup = x == a->src;
        for (uint8_t m = 0; m < a->n_more_src; m++)
            dup |= a->more_src[m] == x;
        if (x >= 0 && !dup)
            a->more_src[a->n_more_src++] = x;
    }
}

void evt_verb_args(const ctx *c, const evpat *p, uint32_t v, evargs *a)
{
    args_init(a);
    a->passive = passive(c, p, v);
    int32_t s, t;
    if (a->passive) {
        s = agent_word(c, v);
        t = patient_word(c, v);
    } else if (p->inverse && p->src_slot == SLOT_OBL && p->src_prep[0]) {
        /* "Y received aid from X": the subject is the target, the
         * oblique (on the verb or its required object) the source */
        t = reported_pronoun(c, subject_word(c, v, 0));
        s = prep_word(c, v, p->src_prep);
        for (int32_t k = c->kid[v]; s < 0 && k >= 0; k = c->sib[k])
            if (required(c, p, (uint32_t)k))
                s = prep_word(c, (uint32_t)k, p->src_prep);
        set_src(c, a, s);
        set_tgt(c, a, t);
        return;
    } else {
        s = reported_pronoun(c, subject_word(c, v, 0));
        t = target_word(c, p, v);
    }
    if (p->inverse) {
        int32_t x = s;
        s = t;
        t = x;
    }
    set_src(c, a, s);
    set_tgt(c, a, t);
    if (a->src >= 0 && !a->passive && !p->inverse)
        more_subjects(c, v, s, a);
}

/* Whether the verb at t has a light sense ("launched an attack"). */
static bool light_verb(const ctx *c, uint32_t t)
{
    int32_t h = c->thead[t];
    if (h < 0)
        return false;
    for (int32_t k = c->em->heads.v[h].verb; k >= 0; k = c->em->pats.v[k].next)
        if (c->em->pats.v[k].light)
            return true;
    return false;
}

void evt_noun_args(const ctx *c, const evpat *p, uint32_t n, evargs *a, uint32_t *light)
{
    args_init(a);
    *light = UINT32_MAX;
    /* "talks between X and Y" */
    int32_t b = prep_word(c, n, "between");
    if (b >= 0) {
        set_src(c, a, b);
        if (a->n_more_src) {
            a->tgt = a->more_src[0];
            a->n_more_src = 0;
            return;
        }
        a->src = -1;
    }
    /* the actor: "X's attack", "Israeli strikes", "an attack by X" */
    int32_t s = child(c, n, R_NMOD_POSS, false);
    if (s < 0)
        s = agent_word(c, n);
    if (s < 0)
        for (int32_t k = c->kid[n]; s < 0 && k >= 0; k = c->sib[k])
            if ((rel_is(c, (uint32_t)k, R_COMPOUND, false) || rel_is(c, (uint32_t)k, R_AMOD, false)) &&
                c->tm[k] >= 0)
                s = k;
    set_src(c, a, s);
    int32_t h = head(c, n);
    if (a->src < 0 && h >= 0 && rel_is(c, n, R_OBJ, false) && light_verb(c, (uint32_t)h)) {
        set_src(c, a, subject_word(c, (uint32_t)h, 0));
        *light = (uint32_t)h;
    }
    int32_t t = p->prep[0] ? prep_word(c, n, p->prep) : -1;
    if (t < 0)
        t = participle_target(c, n);
    if (t < 0 && p->prep[0] && *light != UINT32_MAX)
        t = prep_word(c, *light, p->prep); /* "launched an attack yesterday on X" */
    set_tgt(c, a, t);
}

/* ---- modality, attribution, date ------------------------------------------ */


/* The modality a word above a predicate gives it (event_modes.txt):
 * "threaten" THREATENED, "urge" DEMANDED, "plan" INTENDED, ... -1. */
int evt_mode_word(const ctx *c, uint32_t t)
{
    const rift_lexicon *lx = c->lx_modes;
    if (!lx)
        return -1;
    const char *l = lemma(c, t);
    int i = *l ? rift_lexicon_find(lx, l, strlen(l)) : -1;
    if (i < 0 || (size_t)i >= lx->n_values || !lx->values[i])
        return -1;
    return rift_modality_parse(lx->values[i], strlen(lx->values[i]));
}

static bool negated(const ctx *c, uint32_t v)
{
    const rift_lexicon *neg = c->em->wl[EL_NEGATIONS];
    for (int32_t k = c->kid[v]; k >= 0; k = c->sib[k])
        if ((rel_is(c, (uint32_t)k, R_ADVMOD, false) || rel_is(c, (uint32_t)k, R_NEG, false) ||
             rel_is(c, (uint32_t)k, R_DET, false)) &&
            rift_tok_in(c->d, (uint32_t)k, neg) && !rift_tok_is(c->d, (uint32_t)k, "no"))
            return true;
    return false;
}

/* The auxiliaries of v: will/shall FUTURE, could/might/may HYPOTHETICAL,
 * must/should DEMANDED; -1 for none of these. */
static int aux_mode(const ctx *c, uint32_t v)
{
    for (int32_t k = c->kid[v]; k >= 0; k = c->sib[k]) {
        if (!rel_is(c, (uint32_t)k, R_AUX, false))
            continue;
        const char *l = lemma(c, (uint32_t)k);
        if (!strcmp(l, "will") || !strcmp(l, "shall") || rift_tok_is(c->d, (uint32_t)k, "'ll") ||
            rift_tok_is(c->d, (uint32_t)k, "wo"))
            return RIFT_MOD_FUTURE;
        if (!strcmp(l, "would"))
            return RIFT_MOD_FUTURE;
        if (!strcmp(l, "could") || !strcmp(l, "might") || !strcmp(l, "may") ||
            !strcmp(l, "can"))
            return RIFT_MOD_HYPOTHETICAL;
        if (!strcmp(l, "must") || !strcmp(l, "should"))
            return RIFT_MOD_DEMANDED;
    }
    return -1;
}

/* Whether the sentence asks: it ends in "?" outside any quote, or the
 * predicate's quote ends in one. */
static bool question(const ctx *c, uint32_t v)
{
    const rift_doc *d = c->d;
    uint32_t last = c->te - 1;
    while (last > c->tb && d->tokens[last].kind == RIFT_TOK_PUNCT &&
           !(d->tokens[last].end - d->tokens[last].start == 1 && d->text[d->tokens[last].start] == '?'))
        last--;
    if (!(d->tokens[last].end - d->tokens[last].start == 1 && d->text[d->tokens[last].start] == '?'))
        return false;
    return c->tq[last] == c->tq[v];
}

rift_modality evt_modality(const ctx *c, uint32_t v, bool *neg, int *recode)
{
    *neg = negated(c, v);
    *recode = MOD_NONE;
    int m = question(c, v) ? RIFT_MOD_QUESTION : -1;
    if (m < 0 && (has_case(c, v, "if") || has_case(c, v, "unless")))
        m = RIFT_MOD_HYPOTHETICAL;
    int am = aux_mode(c, v);
    if (m < 0 && am >= 0) {
        m = am;
        if (am == RIFT_MOD_FUTURE)
            *recode = MOD_INTENT;
    }
    /* the verbs and nouns above: "vowed to oppose", "threatened to",
     * "refused to", "denied that", "a chance to declare" */
    uint32_t u = v;
    for (int n = 0; n < 3; n++) {
        int32_t h = head(c, u);
        if (h < 0)
            break;
        bool comp = rel_is(c, u, R_XCOMP, false) || rel_is(c, u, R_CCOMP, false) ||
                    (rel_is(c, u, R_ACL, false) && child(c, u, R_MARK, false) >= 0);
        if (!comp)
            break;
        if (lemma_in(c, (uint32_t)h, c->em->wl[EL_REFUSE_WORDS])) {
            *recode = MOD_REFUSE;
            break;
        }
        if (rel_is(c, u, R_CCOMP, false) && c->thead[h] >= 0) {
            /* "denied that he sought revenge": the denied event, negated */
            bool deny = false;
            for (int32_t k = c->em->heads.v[c->thead[h]].verb; k >= 0; k = c->em->pats.v[k].next)
                deny |= c->em->pats.v[k].deny;
            if (deny) {
                *neg = true;
                break;
            }
        }
        int hm = evt_mode_word(c, (uint32_t)h);
        if (hm < 0 && lemma_in(c, (uint32_t)h, c->em->wl[EL_INTEND_WORDS]))
            hm = RIFT_MOD_INTENDED; /* "willing to", "ready to", "sworn to" */
        if (hm > 0) {
            if (m < 0 || m == RIFT_MOD_FUTURE)
                m = hm;
            if (hm == RIFT_MOD_INTENDED || hm == RIFT_MOD_THREATENED)
                *recode = MOD_INTENT;
            break;
        }
        if (!rel_is(c, u, R_XCOMP, false))
            break; /* "said that X will": only control climbs further */
        u = (uint32_t)h;
    }
    return m < 0 ? RIFT_MOD_ASSERTED : (rift_modality)m;
}

/* A verb of saying or claiming: "said", "told", "reported", "claimed". */
static bool saying(const ctx *c, uint32_t t)
{
    return lemma_in(c, t, c->lx_cues) || lemma_in(c, t, c->em->wl[EL_CLAIM_VERBS]) ||
           !strcmp(lemma(c, t), "report");
}

static int32_t claimant(const ctx *c, int32_t w, uint32_t *b, uint32_t *e)
{
    if (w < 0)
        return -1;
    int32_t a = actor_of(c, (uint32_t)w);
    if (a >= 0 && c->act.v[a].tok_end > c->act.v[a].tok_begin) {
        *b = c->act.v[a].tok_begin;
        *e = c->act.v[a].tok_end;
    } else if (c->d->tokens[w].flags & (RIFT_TF_CAP | RIFT_TF_ALLCAP)) {
        evt_span(c, (uint32_t)w, b, e);
        (*e)++;
    }
    return a;
}

int32_t evt_attribution(const ctx *c, uint32_t v, uint32_t *b, uint32_t *e)
{
    *b = *e = 0;
    uint32_t u = v;
    for (int n = 0; n < CLIMB_MAX; n++) {
        /* "according to X, ..." on the predicate or a clause above it */
        for (int32_t k = c->kid[u]; k >= 0; k = c->sib[k])
            if ((rel_is(c, (uint32_t)k, R_OBL, true) || rel_is(c, (uint32_t)k, R_NMOD, true)) &&
                has_case(c, (uint32_t)k, "according")) {
                int32_t a = claimant(c, k, b, e);
                if (a >= 0 || *e > *b)
                    return a;
            }
        /* "..., Reuters reported.": a reporting clause after the
         * predicate's, whatever the parser hung on what */
        for (int32_t k = c->kid[u]; k >= 0; k = c->sib[k])
            if ((uint32_t)k > v && (rel_is(c, (uint32_t)k, R_CCOMP, false) ||
                                            rel_is(c, (uint32_t)k, R_PARATAXIS, false)) &&
                saying(c, (uint32_t)k)) {
                int32_t a = claimant(c, child(c, (uint32_t)k, R_NSUBJ, false), b, e);
                if (a >= 0 || *e > *b)
                    return a;
            }
        int32_t h = head(c, u);
        if (h < 0)
            break;
        if ((rel_is(c, u, R_CCOMP, false) || rel_is(c, u, R_PARATAXIS, false)) &&
            saying(c, (uint32_t)h)) {
            int32_t a = claimant(c, subject_word(c, (uint32_t)h, 0), b, e);
            if (a >= 0 || *e > *b)
                return a;
        }
        u = (uint32_t)h;
    }
    if (c->acc_end > c->acc_begin && v > c->acc_begin) {
        *b = c->acc_begin;
        *e = c->acc_end;
        return c->acc_actor;
    }
    int32_t q = c->tq[v];
    if (q >= 0 && c->qa[q] >= 0) {
        int32_t a = c->qa[q];
        *b = c->act.v[a].tok_begin;
        *e = c->act.v[a].tok_end;
        return a;
    }
    return -1;
}

bool evt_in_oblique(const ctx *c, uint32_t v, uint32_t t, bool other_clause_only)
{
    /* the branch of v's clause that holds t; a subject of any clause on
     * the way is no object of v */
    bool subject = false;
    for (int n = 0; n < 12; n++) {
        int32_t h = head(c, t);
        if (h < 0)
            return false; /* (not under v: the tree cannot tell) */
        subject |= rel_is(c, t, R_NSUBJ, true) || rel_is(c, t, R_CSUBJ, true);
        if (h == (int32_t)v)
            break;
        t = (uint32_t)h;
    }
    if (subject)
        return true;
    if (head(c, t) != (int32_t)v)
        return false;
    /* (an oblique without its preposition is the parser's slip:
     * "dressed down X" read X so) */
    if (rel_is(c, t, R_OBL, true) || rel_is(c, t, R_ADVMOD, false))
        return !other_clause_only && child(c, t, R_CASE, false) >= 0;
    if (rel_is(c, t, R_NSUBJ, true) || rel_is(c, t, R_CSUBJ, true))
        return true;
    /* another clause with a subject of its own: "..., and Y fired back at her" */
    bool clause = rel_is(c, t, R_CONJ, false) || rel_is(c, t, R_CCOMP, false) ||
                  rel_is(c, t, R_ADVCL, false) || rel_is(c, t, R_PARATAXIS, false);
    if (clause && (child(c, t, R_NSUBJ, true) >= 0 || child(c, t, R_CSUBJ, true) >= 0))
        return true;
    return !other_clause_only && (clause || rel_is(c, t, R_ACL, true));
}

/* The time expression holding the byte at off, -1. */
static int32_t time_at(const rift_doc *d, uint32_t off)
{
    size_t lo = 0, hi = d->n_times;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->times[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n_times && d->times[lo].start <= off ? (int32_t)lo : -1;
}

int32_t evt_time(const ctx *c, uint32_t v)
{
    for (int32_t k = c->kid[v]; k >= 0; k = c->sib[k]) {
        if (!(rel_is(c, (uint32_t)k, R_OBL, true) || rel_is(c, (uint32_t)k, R_NMOD, true) ||
              rel_is(c, (uint32_t)k, R_ADVMOD, false)))
            continue;
        int32_t ti = time_at(c->d, c->d->tokens[k].start);
        const rift_time *tm = ti >= 0 ? &c->d->times[ti] : NULL;
        /* a date, as rift_time_governing takes one: no duration ("for six
         * weeks": P6W), no reference ("now") */
        if (tm && tm->value && tm->value[0] >= '0' && tm->value[0] <= '9' &&
            !(tm->granularity && !strcmp(tm->granularity, "duration")))
            return ti;
    }
    return -1;
}
