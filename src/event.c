/* event.c: stage "events": finds, per sentence, who did what to whom from
 * the verb and noun patterns of data/en/event_*.txt and the entity mentions,
 * and codes each event in CAMEO, PLOVER and Goldstein (data/en/cameo.txt).
 * Must never print, exit, or loop over a document more than linearly.
 */
#include "event_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- document pass ------------------------------------------------------ */

static bool tok_prep(const ctx *c, uint32_t t);


/* One lexicon probe per token, made once per document: its function-word
 * class, the event head of its form and its actor-code value, each under
 * the length limits the questions asked of it had (classes: up to 9
 * bytes; forms: under WORD_MAX and at least 2 letters; codes: under 40). */
static void lex_tokens(ctx *c)
{
    const rift_doc *d = c->d;
    for (size_t t = 0; t < d->n_tokens; t++) {
        const rift_token *k = &d->tokens[t];
        size_t rl = k->end - k->start, low = 0;
        uint8_t v = TC_DONE;
        int32_t head = -1, ac = -1;
        const evlex *e = NULL;
        if (rl == 1) {
            unsigned char ch = (unsigned char)d->text[k->start];
            low = ch < 0x80;
            if (ch < 0x80 && c->em->lex1[ch] >= 0)
                e = &c->em->lex[c->em->lex1[ch]];
        } else if (rl < 40) {
            const unsigned char *r = (const unsigned char *)d->text + k->start;
            unsigned bit = ((r[0] & 31u) << 11) | ((r[1] & 31u) << 6) | (unsigned)rl;
            if (c->em->lexpre[bit >> 3] & (1u << (bit & 7)))
                e = lex_find(c->em, d->text + k->start, rl, d->len - k->start, &low);
        }
        if (e) {
            if (rl <= 9)
                v |= e->fw;
            if (rl < WORD_MAX && e->mod)
                v |= TC_MOD;
            if (rl < WORD_MAX && low >= 2)
                head = e->head;
            ac = e->acode;
        }
        c->tcls[t] = v;
        c->thead[t] = head;
        c->tac[t] = ac;
    }
}




static bool tok_prep(const ctx *c, uint32_t t)
{
    return tok_class(c, t) & TC_PREP;
}

static bool hard_barrier(const ctx *c, uint32_t t)
{
    const rift_token *k = &c->d->tokens[t];
    if (k->kind == RIFT_TOK_PUNCT && k->end - k->start == 1) {
        char ch = c->d->text[k->start];
        return ch == ';' || ch == ':' || ch == '.' || ch == '?' || ch == '!';
    }
    return false;
}

static bool is_comma(const ctx *c, uint32_t t)
{
    const rift_token *k = &c->d->tokens[t];
    return k->end - k->start == 1 && c->d->text[k->start] == ',';
}

/* First token of a mention, its title or role included. */
static uint32_t mention_first_tok(const ctx *c, int32_t mi)
{
    const evactor *m = &c->act.v[mi];
    uint32_t t = m->tok_begin;
    while (t > c->tb && c->tm[t - 1] == mi)
        t--;
    return t;
}

static int32_t ent_of(const ctx *c, int32_t mi)
{
    (void)c;
    return mi;
}

/* A lowercase word before a name that makes the name an object: a verb of
 * the patterns or a past tense ("praised Musk and defended ..."). */
static bool object_of_verb(const ctx *c, uint32_t t)
{
    const rift_token *k = &c->d->tokens[t];
    if (k->kind != RIFT_TOK_WORD || (k->flags & RIFT_TF_CAP))
        return false;
    char b[WORD_MAX];
    size_t n = rift_tok_lower(c->d, t, b, sizeof b);
    if (n < 3)
        return false;
    /* at the start of the sentence or after a determiner, a participle
     * describes the name ("Armed rebels attacked", "the exiled leader") */
    if (t == c->tb || (tok_class(c, t - 1) & (TC_DET | TC_PREP)))
        return false;
    if (rift_tok_in(c->d, t, WL(c, EL_PARTICIPLES)))
        return false;
    if (b[n - 2] == 'e' && b[n - 1] == 'd')
        return true;
    int h = rift_strmap_get(&c->em->forms, b, n);
    return h >= 0 && c->em->heads.v[h].verb >= 0;
}

/* "Thousands of X", "a group of X leaders", "supporters of X": a
 * quantity or a group before "of" lets the mention at f be the subject. */
static bool group_of(const ctx *c, uint32_t f)
{
    return f >= c->tb + 2 && rift_tok_is(c->d, f - 1, "of") &&
           rift_tok_in(c->d, f - 2, WL(c, EL_GROUP_HEADS));
}

/* The actor doing the action at token i: the nearest mention to the left in
 * the clause that is neither a possessor nor the object of a preposition; a
 * relative "who" takes its antecedent; "I"/"we" in a quote is its speaker.
 * Returns an entity index or -1. */
static int32_t find_subject(const ctx *c, uint32_t i)
{
    int32_t q = c->tq[i];
    uint32_t t = i, steps = 0;
    /* a pronoun subject of a reported clause ("X announced that it will
     * V"): the subject of the reporting verb, found past the "that" */
    uint32_t pron = UINT32_MAX;
    /* "X's decision to withdraw ...": the possessor acts */
    if (i >= c->tb + 3 && rift_tok_is(c->d, i - 1, "to")) {
        uint32_t pv = i - 2;
        /* "decision last week to ...": a few words may come between */
        while (pv > c->tb + 1 && pv + 5 > i && !rift_tok_in(c->d, pv, WL(c, EL_PLAN_NOUNS)) &&
               c->tm[pv] < 0 && !is_comma(c, pv) && !(tok_class(c, pv) & TC_CLAUSE) &&
               !(c->d->tokens[pv].flags & RIFT_TF_POSSESSIVE))
            pv--;
        if (rift_tok_in(c->d, pv, WL(c, EL_PLAN_NOUNS))) {
            uint32_t v = pv;
            bool clitic = false;
            if (v > c->tb && (c->d->text[c->d->tokens[v - 1].start] == '\'' ||
                              (unsigned char)c->d->text[c->d->tokens[v - 1].start] == 0xE2)) {
                v--;
                clitic = true;
            }
            int32_t pa = v > c->tb ? c->tm[v - 1] : -1;
            if (pa >= 0 && (clitic || (c->act.v[pa].flags & RIFT_MF_POSS) ||
                            (c->d->tokens[v - 1].flags & RIFT_TF_POSSESSIVE)))
                return pa;
        }
    }
    while (t > c->tb && steps++ < 48) {
        t--;
        if (c->tq[t] != q) {
            if (q >= 0)
                break;
            continue;
        }
        if (hard_barrier(c, t))
            break;
        const rift_token *k = &c->d->tokens[t];
        if (k->kind == RIFT_TOK_DASH || (k->end - k->start == 1 && c->d->text[k->start] == ')')) {
            /* skip a parenthetical back to its opening dash or bracket */
            uint32_t u = t, n = 0;
            bool dash = k->kind == RIFT_TOK_DASH;
            while (u > c->tb && n++ < 30) {
                u--;
                const rift_token *x = &c->d->tokens[u];
                if (dash ? x->kind == RIFT_TOK_DASH
                         : (x->end - x->start == 1 && c->d->text[x->start] == '(')) {
                    t = u;
                    break;
                }
            }
            continue;
        }
        int32_t mi = c->tm[t];
        if (mi >= 0) {
            uint32_t f = mention_first_tok(c, mi);
            const evactor *m = &c->act.v[mi];
            t = f;
            if (m->flags & RIFT_MF_POSS)
                continue;
            if (f > c->tb && tok_prep(c, f - 1) && !group_of(c, f))
                continue;
            if (f > c->tb && object_of_verb(c, f - 1))
                continue;
            return mi;
        }
        if (rift_tok_is(c->d, t, "who") || rift_tok_is(c->d, t, "which")) {
            uint32_t u = t;
            if (u > c->tb && is_comma(c, u - 1))
                u--;
            if (u > c->tb && c->tm[u - 1] >= 0)
                return ent_of(c, c->tm[u - 1]);
            break;
        }
        if (tok_class(c, t) & TC_CLAUSE) {
            /* (what X claims it did is not coded as done: "X claimed
             * that they attacked Y") */
            if (pron == t + 1 && rift_tok_is(c->d, t, "that") && t > c->tb &&
                c->d->tokens[t - 1].kind == RIFT_TOK_WORD && c->tm[t - 1] < 0 &&
                !(tok_class(c, t - 1) & (TC_CLAUSE | TC_PREP | TC_DET)) &&
                !rift_tok_in(c->d, t - 1, WL(c, EL_CLAIM_VERBS)))
                continue;
            break;
        }
        if (q >= 0 && (rift_tok_is(c->d, t, "i") || rift_tok_is(c->d, t, "we")))
            return c->qa[q];
        if (pron == UINT32_MAX && q < 0 && rift_tok_in(c->d, t, WL(c, EL_SUBJECT_PRONOUNS)))
            pron = t;
    }
    return -1;
}

static bool right_stop(const ctx *c, uint32_t t, int32_t q)
{
    if (c->tq[t] != q && q >= 0)
        return true;
    return hard_barrier(c, t) || (tok_class(c, t) & TC_CLAUSE);
}

/* The direct object after token `from`: the first mention before a clause
 * boundary or comma that is not the object of a preposition (but "of" is
 * allowed: "the nomination of X").  *at receives the mention. */
static int32_t find_direct(const ctx *c, uint32_t from, uint32_t limit, int32_t q,
                           int32_t *at)
{
    for (uint32_t t = from; t < c->te && t < limit; t++) {
        if (q < 0 && c->tq[t] >= 0)
            continue;
        if (right_stop(c, t, q) || is_comma(c, t))
            break;
        int32_t mi = c->tm[t];
        if (mi >= 0) {
            uint32_t f = mention_first_tok(c, mi);
            if (f > from && tok_prep(c, f - 1) && !rift_tok_is(c->d, f - 1, "of")) {
                t = c->act.v[mi].tok_end - 1;
                continue;
            }
            *at = mi;
            return mi;
        }
    }
    return -1;
}

/* The target introduced by preposition `prep` after token `from`. */
static int32_t find_prep(const ctx *c, uint32_t from, const char *prep, int32_t q,
                         int32_t *at)
{
    for (uint32_t t = from; t < c->te && t < from + 14; t++) {
        if (q < 0 && c->tq[t] >= 0)
            continue;
        if (right_stop(c, t, q))
            break;
        if (rift_tok_is(c->d, t, prep)) {
            for (uint32_t u = t + 1; u < c->te && u < t + 7; u++) {
                if (right_stop(c, u, q) || is_comma(c, u))
                    break;
                if (c->tm[u] >= 0) {
                    *at = c->tm[u];
                    return ent_of(c, c->tm[u]);
                }
            }
            return -1;
        }
    }
    return -1;
}

static bool is_negator(const ctx *c, uint32_t t)
{
    return tok_class(c, t) & TC_NEG;
}

static bool negated_before(const ctx *c, uint32_t i)
{
    for (uint32_t t = i, n = 0; t > c->tb && n < 4; n++) {
        t--;
        if (c->tm[t] >= 0 || hard_barrier(c, t) || is_comma(c, t))
            break;
        if (is_negator(c, t))
            return true;
    }
    return false;
}

static bool passive_at(const ctx *c, uint32_t i)
{
    char w[WORD_MAX];
    size_t n = rift_tok_lower(c->d, i, w, sizeof w);
    if (n < 3)
        return false;
    bool part = (w[n - 2] == 'e' && w[n - 1] == 'd') || (w[n - 2] == 'e' && w[n - 1] == 'n') ||
                (w[n - 2] == 'w' && w[n - 1] == 'n') || !strcmp(w, "met") || !strcmp(w, "shot");
    if (!part)
        return false;
    for (uint32_t t = i, k = 0; t > c->tb && k < 4; k++) {
        t--;
        if (rift_tok_in(c->d, t, WL(c, EL_PASSIVE_AUX)))
            return true;
        if (rift_tok_in(c->d, t, WL(c, EL_PASSIVE_SKIP)))
            continue;
        char b[WORD_MAX];
        size_t bn = rift_tok_lower(c->d, t, b, sizeof b);
        if (bn > 3 && b[bn - 2] == 'l' && b[bn - 1] == 'y')
            continue;
        break;
    }
    return i + 1 < c->te && rift_tok_is(c->d, i + 1, "by");
}

/* The agent of a passive: the mention after "by" following token i. */
static int32_t find_agent(const ctx *c, uint32_t i, int32_t q)
{
    for (uint32_t t = i + 1; t < c->te && t < i + 8; t++) {
        if (right_stop(c, t, q))
            break;
        if (rift_tok_is(c->d, t, "by")) {
            for (uint32_t u = t + 1; u < c->te && u < t + 5; u++)
                if (c->tm[u] >= 0)
                    return ent_of(c, c->tm[u]);
            break;
        }
    }
    return -1;
}

/* Required words of a pattern after token i, within four words each;
 * returns the token after the last one, or 0 when they are absent. */
static uint32_t match_req(const ctx *c, uint32_t i, const evpat *p)
{
    uint32_t t = i + 1;
    for (uint8_t r = 0; r < p->nreq; r++) {
        const char *w = p->req[r];
        size_t wl = strlen(w), cmp = wl > 3 && w[wl - 1] == 'e' ? wl - 1 : wl;
        bool found = false;
        for (uint32_t n = 0; t < c->te && n < 5; t++, n++) {
            if (right_stop(c, t, c->tq[i]))
                return 0;
            char b[WORD_MAX];
            size_t bl = rift_tok_lower(c->d, t, b, sizeof b);
            if (bl >= cmp && bl <= wl + 3 && !strncmp(b, w, cmp)) {
                found = true;
                t++;
                break;
            }
        }
        if (!found)
            return 0;
    }
    return t;
}

static bool same_actor(const ctx *c, int32_t a, int32_t b)
{
    if (a == b)
        return true;
    if (a < 0 || b < 0)
        return false;
    const evactor *x = &c->act.v[a], *y = &c->act.v[b];
    return x->entity >= 0 && x->entity == y->entity;
}

static rift_span actor_span(const ctx *c, int32_t a)
{
    rift_span s = {0, 0};
    if (a >= 0 && c->act.v[a].tok_end > c->act.v[a].tok_begin) {
        s.start = c->d->tokens[c->act.v[a].tok_begin].start;
        s.end = c->d->tokens[c->act.v[a].tok_end - 1].end;
    }
    return s;
}

static bool after_article(const rift_doc *d, const char *value);
static size_t sentence_of(const rift_doc *d, uint32_t off);

static void emit(ctx *c, const evpat *p, int32_t src, int32_t tgt, uint32_t trig,
                 bool neg)
{
    /* a passive without its agent keeps the target: "X was arrested" */
    if ((src < 0 && tgt < 0) || same_actor(c, src, tgt))
        return;
    rift_event e;
    memset(&e, 0, sizeof e);
    e.source = src >= 0 ? c->act.v[src].entity : -1;
    e.source_code = src >= 0 ? c->act.v[src].code : NULL;
    e.source_text = actor_span(c, src);
    if (src < 0 && c->src_tok >= 0 && c->w) {
        uint32_t b, x;
        evt_span(c, (uint32_t)c->src_tok, &b, &x);
        if (b <= trig && trig <= x) /* (the subject's phrase holds the verb: before it) */
            x = trig > b ? trig - 1 : b;
        if (x > b + 8)
            b = x - 8;
        e.source_text.start = c->d->tokens[b].start;
        e.source_text.end = c->d->tokens[x].end;
    }
    e.target = tgt >= 0 ? c->act.v[tgt].entity : -1;
    e.target_code = tgt >= 0 ? c->act.v[tgt].code : NULL;
    e.target_text = actor_span(c, tgt);
    e.cameo = p->cameo;
    e.plover = p->plover;
    e.mode = p->mode;
    e.goldstein = p->goldstein;
    e.negated = neg;
    e.trigger.start = c->d->tokens[trig].start;
    e.trigger.end = c->d->tokens[trig].end;
    evt_ready(c);
    e.modality = c->mod;
    e.confidence = c->conf;
    if (src < 0)
        e.confidence *= 0.8;
    if (tgt < 0)
        e.confidence *= 0.9;
    e.attributed_to = -1;
    if (c->w) {
        uint32_t ab, ae;
        int32_t at = evt_attribution(c, trig, &ab, &ae);
        if (at >= 0 && !same_actor(c, at, src)) {
            e.attributed_to = c->act.v[at].entity;
            e.attribution = actor_span(c, at);
        } else if (at < 0 && ae > ab) {
            e.attribution.start = c->d->tokens[ab].start;
            e.attribution.end = c->d->tokens[ae - 1].end;
        }
        int32_t ti = evt_time(c, trig);
        if (ti >= 0 && !after_article(c->d, c->d->times[ti].value)) {
            e.date = c->d->times[ti].value;
            e.date_origin = RIFT_EVDATE_CLAUSE;
        }
        if (c->obj_tok >= 0) {
            uint32_t ob, oe;
            evt_span(c, (uint32_t)c->obj_tok, &ob, &oe);
            e.object_text.start = c->d->tokens[ob].start;
            e.object_text.end = c->d->tokens[oe].end;
        }
    }
    RIFT_VEC_PUSH(c->out, e);
}

/* A lowercase word that begins a new verb phrase: an event verb of the
 * patterns, "to" before a lowercase word, or an -ing form. */
static bool starts_clause(const ctx *c, uint32_t t)
{
    const rift_token *k = &c->d->tokens[t];
    if (k->kind != RIFT_TOK_WORD || (k->flags & (RIFT_TF_CAP | RIFT_TF_ALLCAP)))
        return false;
    char b[WORD_MAX];
    size_t n = rift_tok_lower(c->d, t, b, sizeof b);
    if (n < 2)
        return false;
    if ((tok_class(c, t) & TC_TO) && t + 1 < c->te &&
        c->d->tokens[t + 1].kind == RIFT_TOK_WORD &&
        !(c->d->tokens[t + 1].flags & RIFT_TF_CAP) && !(tok_class(c, t + 1) & TC_DET))
        return true;
    if (n > 4 && !strcmp(b + n - 3, "ing"))
        return true;
    int h = rift_strmap_get(&c->em->forms, b, n);
    return h >= 0 && c->em->heads.v[h].verb >= 0 && !(tok_class(c, t - 1) & TC_DET);
}

/* More targets coordinated with the one at mention `last`: "X over A, Y
 * over B, and even with Z".  Stops at a clause boundary or a trigger. */
static void coordinated(ctx *c, const evpat *p, int32_t src, int32_t last, uint32_t trig,
                        bool neg, int32_t q)
{
    uint32_t t = c->act.v[last].tok_end;
    uint32_t since = 0;
    int added = 0;
    while (t < c->te && since < 16 && added < 6) {
        if (right_stop(c, t, q))
            return;
        int32_t mi = c->tm[t];
        if (mi < 0) {
            /* a verb, an infinitive or an -ing clause ends the list:
             * "met X Tuesday to discuss ..., Reuters reports" */
            if (starts_clause(c, t))
                return;
            t++;
            since++;
            continue;
        }
        uint32_t f = mention_first_tok(c, mi);
        uint32_t u = f;
        bool coord = false;
        while (u > c->tb) {
            uint32_t v = u - 1;
            if (is_comma(c, v) || rift_tok_is(c->d, v, "and") || rift_tok_is(c->d, v, "or")) {
                coord = true;
                u = v;
            } else if (rift_tok_is(c->d, v, "even") || rift_tok_is(c->d, v, "also") ||
                       (p->prep[0] && rift_tok_is(c->d, v, p->prep))) {
                u = v;
            } else {
                break;
            }
        }
        const evactor *m = &c->act.v[mi];
        /* a coordinated name followed by a verb starts a new clause */
        bool verb_after = false;
        if (m->tok_end < c->te) {
            char b[WORD_MAX];
            size_t bl = rift_tok_lower(c->d, m->tok_end, b, sizeof b);
            verb_after = bl > 2 && ((b[bl - 2] == 'e' && b[bl - 1] == 'd') ||
                                    !strcmp(b, "said") || !strcmp(b, "says") ||
                                    !strcmp(b, "told") || !strcmp(b, "has") ||
                                    !strcmp(b, "had") || !strcmp(b, "was") ||
                                    !strcmp(b, "is") || !strcmp(b, "will"));
        }
        if (coord && !verb_after && !(m->flags & RIFT_MF_POSS)) {
            emit(c, p, src, mi, trig, neg);
            added++;
            since = 0;
        } else {
            since++;
        }
        t = m->tok_end > t ? m->tok_end : t + 1;
    }
}

static const evpat *pick(const ctx *c, uint32_t i, int32_t chain, uint32_t *after)
{
    const evpat *fallback = NULL;
    for (int32_t k = chain; k >= 0; k = c->em->pats.v[k].next) {
        const evpat *p = &c->em->pats.v[k];
        if (p->qword)
            continue;
        if (p->nreq) {
            uint32_t a = match_req(c, i, p);
            if (a) {
                *after = a;
                return p;
            }
        } else if (!fallback) {
            fallback = p;
        }
    }
    *after = i + 1;
    return fallback;
}

/* Whether the words before i make a noun of it: a determiner or a
 * preposition, or a determiner and an adjective. */
static bool noun_context(const ctx *c, uint32_t i)
{
    if (i == c->tb)
        return false;
    unsigned k = tok_class(c, i - 1);
    if ((k & TC_DET) || ((k & TC_PREP) && !(k & TC_TO)))
        return true;
    /* "a dramatic protest", "an official protest": an adjective between */
    if (i >= c->tb + 2 && (tok_class(c, i - 2) & TC_DET) && !rift_tok_is(c->d, i - 2, "that") &&
        c->tm[i - 1] < 0 && c->d->tokens[i - 1].kind == RIFT_TOK_WORD) {
        char b[WORD_MAX];
        size_t n = rift_tok_lower(c->d, i - 1, b, sizeof b);
        static const char *const suf[] = {"ic", "al", "ive", "ful", "ous", "ent", "ant",
                                          "ary", "ile", "ian", "ish", "ese", "ern", NULL};
        for (size_t s = 0; n > 4 && suf[s]; s++) {
            size_t sl = strlen(suf[s]);
            if (!strcmp(b + n - sl, suf[s]))
                return true;
        }
    }
    return false;
}

/* Whether word i is used as a noun.  The syntax stage's tag decides when
 * it says noun or verb ("declines in the share price", "one last shot at
 * him" are nouns); otherwise, and without the stage, the words before. */
static bool noun_at(const ctx *c, uint32_t i)
{
    switch (rift_tok_upos(c->d, i)) {
    case RIFT_UPOS_NOUN: case RIFT_UPOS_PROPN:
        return true;
    case RIFT_UPOS_VERB: case RIFT_UPOS_AUX:
        return false;
    default:
        return noun_context(c, i);
    }
}

/* Actors coordinated before actor a: "X, Y and Z met" gives X and Y. */
static size_t coord_before(const ctx *c, int32_t a, int32_t *out, size_t max)
{
    size_t n = 0;
    if (a < 0 || c->act.v[a].tok_end <= c->act.v[a].tok_begin)
        return 0;
    uint32_t f = mention_first_tok(c, a);
    while (n < max && f > c->tb + 1) {
        uint32_t v = f;
        if (rift_tok_is(c->d, v - 1, "the"))
            v--;
        if (v <= c->tb + 1 || !(rift_tok_is(c->d, v - 1, "and") || is_comma(c, v - 1)))
            break;
        v--;
        if (v > c->tb + 1 && is_comma(c, v - 1))
            v--;
        int32_t pa = c->tm[v - 1];
        if (pa < 0 || (c->act.v[pa].flags & RIFT_MF_POSS) || same_actor(c, pa, a))
            break;
        out[n++] = pa;
        f = mention_first_tok(c, pa);
    }
    return n;
}

/* Events that hold both ways between coordinated actors ("X and Y met"). */
static bool symmetric(const evpat *p)
{
    return !strncmp(p->cameo, "03", 2) || !strncmp(p->cameo, "04", 2) ||
           !strncmp(p->cameo, "057", 3) || !strncmp(p->cameo, "06", 2) ||
           !strncmp(p->cameo, "19", 2);
}

/* CAMEO takes the place as target when an event that happens somewhere
 * has no other: "a protest in Beijing" (CHN), "exercises in Alaska".
 * Only protests, force postures, coercion and violence, and visits. */
/* A participle right after a name and before a preposition the frame does
 * not expect modifies the name: "10 soldiers killed in ..." is passive. */
static bool reduced_relative(const ctx *c, const evpat *p, uint32_t i)
{
    char w[WORD_MAX];
    size_t n = rift_tok_lower(c->d, i, w, sizeof w);
    if (n < 4 || i == c->tb || i + 1 >= c->te || c->tm[i - 1] < 0 ||
        (c->act.v[c->tm[i - 1]].flags & RIFT_MF_POSS))
        return false;
    if (strcmp(w + n - 2, "ed") && strcmp(w + n - 2, "en"))
        return false;
    /* only after a counted group ("10 soldiers killed in ..."): "Peru
     * agreed on a deal" is active */
    uint32_t f = mention_first_tok(c, c->tm[i - 1]);
    if (f == c->tb || !((c->d->tokens[f - 1].kind == RIFT_TOK_NUMBER) ||
                        rift_tok_in(c->d, f - 1, WL(c, EL_COUNTED))))
        return false;
    return !p->prep[0] && (tok_class(c, i + 1) & TC_PREP) && !(tok_class(c, i + 1) & TC_TO) &&
           !rift_tok_is(c->d, i + 1, "by");
}


static int32_t place_target(const ctx *c, const evpat *p, uint32_t from, int32_t q)
{
    const char *k = p->cameo;
    if (strncmp(k, "14", 2) && strncmp(k, "15", 2) && strncmp(k, "17", 2) &&
        strncmp(k, "18", 2) && strncmp(k, "19", 2) && strncmp(k, "042", 3) &&
        strncmp(k, "044", 3))
        return -1;
    int32_t at = -1;
    int32_t t = find_prep(c, from, "in", q, &at);
    if (t < 0)
        return -1;
    const evactor *a = &c->act.v[t];
    if (!a->code || !evt_has_country(a->code) || a->code[0] == '+')
        return -1;
    if (a->type == RIFT_ENT_LOC || (a->entity < 0 && strlen(a->code) == 3))
        return t;
    return -1;
}

/* Emits the events of arguments a: each source with each target, and
 * both ways between coordinated actors of a symmetric frame ("X and Y
 * met"). */
/* A symmetric event between first and each of more[0..n), both ways
 * among all of them ("X, Y and Z met"). */
/* "demanded that X withdraw": a demand or appeal (CAMEO 02, 10) is aimed
 * at the subject of the that-clause right after its verb; -1. */
static int32_t that_clause_target(const ctx *c, const evpat *p, uint32_t after)
{
    if ((strncmp(p->cameo, "02", 2) && strncmp(p->cameo, "10", 2)) || after >= c->te ||
        !rift_tok_is(c->d, after, "that"))
        return -1;
    uint32_t u = after + 1;
    if (u < c->te && (tok_class(c, u) & TC_DET))
        u++;
    if (u < c->te && c->tm[u] >= 0 && !(c->act.v[c->tm[u]].flags & RIFT_MF_POSS))
        return c->tm[u];
    return -1;
}

static void emit_pairs(ctx *c, const evpat *p, int32_t first, const int32_t *more, size_t n,
                       uint32_t i, bool neg)
{
    int32_t all[5] = {first, -1, -1, -1, -1};
    for (size_t k = 0; k < n && k < 4; k++)
        all[k + 1] = more[k];
    for (size_t x = 0; x <= n && x < 5; x++)
        for (size_t y = 0; y <= n && y < 5; y++)
            if (x != y)
                emit(c, p, all[x], all[y], i, neg);
}

static void emit_args(ctx *c, const evpat *p, const evargs *a, uint32_t i, bool neg)
{
    c->obj_tok = a->obj_tok;
    if (a->tgt < 0 && a->obj_tok < 0 && a->n_more_src && symmetric(p)) {
        emit_pairs(c, p, a->src, a->more_src, a->n_more_src, i, neg);
    } else {
        emit(c, p, a->src, a->tgt, i, neg);
        for (size_t k = 0; k < a->n_more_tgt; k++)
            emit(c, p, a->src, a->more_tgt[k], i, neg);
        for (size_t k = 0; k < a->n_more_src; k++) {
            emit(c, p, a->more_src[k], a->tgt, i, neg);
            for (size_t m = 0; m < a->n_more_tgt; m++)
                emit(c, p, a->more_src[k], a->more_tgt[m], i, neg);
        }
    }
    c->obj_tok = -1;
}

/* The PLOVER types whose events stand without a named actor. */
static bool sourceless(const evpat *p)
{
    static const char *const T[] = {"ASSAULT", "PROTEST", "MOBILIZE", "COERCE"};
    for (size_t k = 0; p->plover && k < sizeof T / sizeof *T; k++)
        if (!strcmp(p->plover, T[k]))
            return true;
    return false;
}

static void tree_verb_event(ctx *c, const evpat *p, uint32_t i, uint32_t after, bool neg)
{
    evargs a;
    evt_verb_args(c, p, i, &a);
    c->conf = a.src >= 0 && (a.tgt >= 0 || a.obj_tok >= 0) ? 0.8 : 0.6;
    int32_t q = c->tq[i];
    /* the parser may hang a name under the wrong word ("to Senator X
     * last spring"): where the tree gives no actor, the words do */
    if (a.src < 0 && !a.passive) {
        /* (only an actor inside or just before the subject's phrase:
         * "Russian aircraft ... killed", never one further back) */
        int32_t f = find_subject(c, i);
        int32_t s = a.src_tok;
        uint32_t sl = 0, sh = 0;
        if (s >= 0)
            evt_span(c, (uint32_t)s, &sl, &sh);
        if (f >= 0 && (s < 0 || (c->act.v[f].tok_begin >= sl && c->act.v[f].tok_end <= sh + 1) ||
                       c->act.v[f].tok_end == (uint32_t)s))
            a.src = f;
    }
    if (a.src < 0 && !a.passive) {
        /* violence, protest and force need no named actor: "a roadside
         * bomb killed ...": the subject's words are kept */
        if (!sourceless(p) || a.src_tok < 0 || c->w[a.src_tok].upos != RIFT_UPOS_NOUN)
            return; /* (a pronoun not resolved is somebody unknown) */
        c->src_tok = a.src_tok;
    }
    int32_t at = -1;
    if (a.tgt < 0 && !a.passive && !p->inverse) {
        int32_t t = -1;
        if (p->prep[0]) {
            t = find_prep(c, i + 1, p->prep, q, &at);
            if (t >= 0 && evt_in_oblique(c, i, c->act.v[t].tok_begin, true))
                t = at = -1;
        }
        else if (a.obj_tok < 0 && !p->deny) {
            t = find_direct(c, i + 1, after + 8, q, &at);
            if (t >= 0 && evt_in_oblique(c, i, c->act.v[t].tok_begin, false))
                t = at = -1;
        }
        if (t < 0)
            t = that_clause_target(c, p, after);
        if (t < 0 && a.obj_tok < 0 && !a.n_more_src) {
            t = place_target(c, p, i + 1, q);
            if (t >= 0 && evt_in_oblique(c, i, c->act.v[t].tok_begin, true))
                t = -1;
        }
        if (t >= 0) {
            a.tgt = t;
            a.obj_tok = -1;
            c->conf = 0.6;
        }
    }
    /* support for what harms the target is opposition to it: "endorsed
     * X's impeachment", "backed sanctions against X" */
    const evpat *against = NULL;
    if (a.tgt >= 0 && a.tgt_in_obj >= 0 && p->goldstein > 0 &&
        rift_tok_in(c->d, (uint32_t)a.tgt_in_obj, c->lx_harm))
        against = rift_ev_derived(c->em, "111");
    emit_args(c, against ? against : p, &a, i, neg);
    c->src_tok = -1;
    /* a list after the target: "clashed with X over taxes, Y over ..." */
    if (a.tgt >= 0 && !a.n_more_tgt)
        coordinated(c, p, a.src, at >= 0 ? at : a.tgt, i, neg, q);
}

static void verb_event(ctx *c, const evpat *p, uint32_t i, uint32_t after, bool neg)
{
    if (c->w) {
        evt_ready(c); /* (also when the PETRARCH pass codes first) */
        tree_verb_event(c, p, i, after, neg);
        return;
    }
    int32_t q = c->tq[i];
    int32_t src, tgt = -1, at = -1;
    int32_t more[4];
    if (p->inverse || passive_at(c, i) || reduced_relative(c, p, i)) {
        tgt = find_subject(c, i);
        src = find_agent(c, i, q);
        emit(c, p, src, tgt, i, neg);
        size_t nm = coord_before(c, tgt, more, 4);
        for (size_t k = 0; k < nm; k++)
            emit(c, p, src, more[k], i, neg);
        return;
    }
    src = find_subject(c, i);
    if (src < 0)
        return;
    size_t nm = coord_before(c, src, more, 4);
    uint32_t lim = after + 8;
    if (p->prep[0])
        tgt = find_prep(c, i + 1, p->prep, q, &at);
    if (tgt < 0 && !p->deny)
        tgt = find_direct(c, i + 1, lim, q, &at);
    if (tgt < 0)
        tgt = that_clause_target(c, p, after);
    if (tgt < 0 && (!nm || !symmetric(p)))
        tgt = place_target(c, p, i + 1, q);
    if (tgt < 0 && nm && symmetric(p)) {
        emit_pairs(c, p, src, more, nm, i, neg);
        return;
    }
    emit(c, p, src, tgt, i, neg);
    for (size_t k = 0; k < nm; k++)
        emit(c, p, more[k], tgt, i, neg);
    if (at >= 0 && tgt >= 0)
        coordinated(c, p, src, at, i, neg, q);
}

static void noun_event_words(ctx *c, const evpat *p, uint32_t i, uint32_t after, bool neg);

static void noun_event(ctx *c, const evpat *p, uint32_t i, uint32_t after, bool neg)
{
    if (c->w) {
        evt_ready(c);
        evargs a;
        uint32_t light;
        evt_noun_args(c, p, i, &a, &light);
        if (light != UINT32_MAX)
            c->light_at = light;
        c->conf = 0.6;
        if (a.src >= 0 && a.tgt < 0 && light != UINT32_MAX)
            a.tgt = place_target(c, p, i + 1, c->tq[i]); /* "a protest in Lima" */
        /* a noun with no actor acting is no event: "the attack on X"; where
         * the tree gives none, the words may ("griped about X's rebuke") */
        if (a.src >= 0 && a.tgt >= 0) {
            emit_args(c, p, &a, i, neg);
            return;
        }
        size_t n0 = c->out.n;
        c->light_at = UINT32_MAX;
        noun_event_words(c, p, i, after, neg);
        if (c->out.n == n0 && a.src >= 0 && light != UINT32_MAX) {
            c->light_at = light;
            emit_args(c, p, &a, i, neg);
        }
        return;
    }
    noun_event_words(c, p, i, after, neg);
}

/* noun_event without the tree: the words around the noun. */
static void noun_event_words(ctx *c, const evpat *p, uint32_t i, uint32_t after, bool neg)
{
    int32_t q = c->tq[i];
    int32_t src = -1, tgt = -1, at = -1;
    /* possessor: "X's (public) rebuke" */
    uint32_t t = i;
    for (int n = 0; t > c->tb && n < 4; n++) {
        uint32_t v = t - 1;
        if (c->tm[v] >= 0) {
            if (c->act.v[c->tm[v]].flags & RIFT_MF_POSS)
                src = c->tm[v];
            break;
        }
        char b[WORD_MAX];
        size_t bl = rift_tok_lower(c->d, v, b, sizeof b);
        if (!bl || c->d->tokens[v].kind != RIFT_TOK_WORD ||
            (c->d->tokens[v].flags & RIFT_TF_CAP))
            break;
        t = v;
    }
    /* the target: the preposition follows the noun closely */
    if (p->prep[0] && i + 1 < c->te && (rift_tok_is(c->d, i + 1, p->prep) ||
                                        (i + 2 < c->te && rift_tok_is(c->d, i + 2, p->prep))))
        tgt = find_prep(c, i + 1, p->prep, q, &at);
    if (tgt < 0 && p->nreq)
        tgt = find_direct(c, i + 1, after, q, &at);
    /* "... by X" */
    if (src < 0)
        src = find_agent(c, i, q);
    /* "talks between X and Y" */
    if (i + 2 < c->te && rift_tok_is(c->d, i + 1, "between") && c->tm[i + 2] >= 0 && src < 0) {
        int32_t x = c->tm[i + 2];
        uint32_t u = c->act.v[x].tok_end;
        if (u + 1 < c->te && rift_tok_is(c->d, u, "and")) {
            uint32_t w = rift_tok_is(c->d, u + 1, "the") ? u + 2 : u + 1;
            if (w < c->te && c->tm[w] >= 0) {
                int32_t y = c->tm[w];
                emit(c, p, x, y, i, neg);
                if (symmetric(p))
                    emit(c, p, y, x, i, neg);
                return;
            }
        }
    }
    /* a light verb before: "launched an attack on" */
    bool light = false;
    if (src < 0) {
        for (uint32_t v = i, n = 0; v > c->tb && n < 6; n++) {
            v--;
            char b[WORD_MAX];
            if (!rift_tok_lower(c->d, v, b, sizeof b))
                break;
            int h = rift_strmap_get(&c->em->forms, b, strlen(b));
            if (h >= 0) {
                /* a light sense anywhere in the verb's patterns ("held
                 * talks" beside "hold"); another event word between
                 * ("staged mass protests") is passed over */
                int32_t k = c->em->heads.v[h].verb;
                while (k >= 0 && !c->em->pats.v[k].light)
                    k = c->em->pats.v[k].next;
                if (k >= 0) {
                    src = find_subject(c, v);
                    light = true;
                    c->light_at = v;
                    break;
                }
                if (c->em->heads.v[h].verb >= 0 && !noun_context(c, v + 1))
                    break;
            }
            if (c->tm[v] >= 0 || right_stop(c, v, q))
                break;
        }
    }
    if (src < 0)
        return;
    if (tgt < 0)
        tgt = place_target(c, p, i + 1, q);
    /* "griped about X's rebuke": the rebuke was aimed at the griper */
    if (tgt < 0 && t > c->tb + 1) {
        uint32_t v = t;
        while (v > c->tb && (c->tm[v - 1] >= 0 || rift_tok_is(c->d, v - 1, "'s")))
            v--;
        if (v > c->tb && rift_tok_in(c->d, v - 1, WL(c, EL_TOPIC_PREPS)))
            tgt = find_subject(c, v - 1);
    }
    /* "staged a hunger strike": a light verb's subject acts even when
     * nobody is named as the target */
    if (tgt >= 0 || light)
        emit(c, p, src, tgt, i, neg);
}

/* Verbs that do not report an event of their own clause: an -ing adjunct
 * after a comma ("..., killing eight people": CAMEO codes the main
 * event), and a participle that modifies the noun before it ("two men
 * sought in the slaying", "victims killed by the crash"). */
static bool skip_verb(const ctx *c, const evpat *p, uint32_t i)
{
    /* a condition is not an event: "unless X withdraws", "if Y attacks" */
    /* a capitalised verb inside a sentence names something ("Free Tibet
     * banners"), unless a quote or a colon opens there */
    if (i > c->tb && (c->d->tokens[i].flags & RIFT_TF_CAP) &&
        c->d->tokens[i - 1].kind != RIFT_TOK_QUOTE && !hard_barrier(c, i - 1))
        return true;
    /* the purpose of an effort is not an event: "efforts to counter X" */
    if (i >= c->tb + 2 && (tok_class(c, i - 1) & TC_TO) &&
        rift_tok_in(c->d, i - 2, WL(c, EL_AIM_NOUNS)))
        return true;
    /* (with the tree, a condition is an event supposed, and a participle
     * after a noun a passive: event_tree.c) */
    for (uint32_t k = i; !c->w && k > c->tb && i - k < 8;) {
        k--;
        if (is_comma(c, k) || c->d->tokens[k].kind == RIFT_TOK_QUOTE)
            break;
        if (rift_tok_in(c->d, k, WL(c, EL_CONDITIONALS)))
            return true;
    }
    char w[WORD_MAX];
    size_t n = rift_tok_lower(c->d, i, w, sizeof w);
    if (n < 4 || i == c->tb || p->inverse || c->tq[i] >= 0)
        return false;
    if (!strcmp(w + n - 3, "ing") && is_comma(c, i - 1))
        return true;
    if (c->w || (strcmp(w + n - 2, "ed") && strcmp(w + n - 2, "en")))
        return false;
    const rift_token *pv = &c->d->tokens[i - 1];
    if (pv->kind != RIFT_TOK_WORD || c->tm[i - 1] >= 0 || (pv->flags & RIFT_TF_CAP) ||
        (tok_class(c, i - 1) & (TC_CLAUSE | TC_NEG | TC_DET | TC_PREP)))
        return false;
    /* the noun before: not an adverb, an auxiliary or a pronoun */
    char b[WORD_MAX];
    size_t bl = rift_tok_lower(c->d, i - 1, b, sizeof b);
    if (bl < 3 || (bl > 3 && !strcmp(b + bl - 2, "ly")) ||
        rift_tok_in(c->d, i - 1, WL(c, EL_AUX_BEFORE)))
        return false;
    if (i + 1 >= c->te)
        return false;
    /* followed by a preposition the frame does not expect */
    return !p->prep[0] && (tok_class(c, i + 1) & TC_PREP) && !(tok_class(c, i + 1) & TC_TO);
}

/* The modality of the verb at token i, read from the words just before it
 * in its clause: an intention or a future ("will send", "would meet",
 * "offered to help", "is ready to sign"), a refusal ("refused to allow",
 * "failed to reach"), a demand on its subject ("X must withdraw"). */

static int modality(const ctx *c, uint32_t i)
{
    for (uint32_t t = i, n = 0; t > c->tb && n < 5; n++) {
        t--;
        if (c->tm[t] >= 0 || hard_barrier(c, t) || is_comma(c, t))
            return MOD_NONE;
        if (tok_class(c, t) & TC_MUST)
            return MOD_MUST;
        if (tok_class(c, t) & TC_TO) {
            if (t == c->tb)
                return MOD_NONE;
            if (rift_tok_in(c->d, t - 1, WL(c, EL_REFUSE_WORDS)))
                return MOD_REFUSE;
            return rift_tok_in(c->d, t - 1, WL(c, EL_INTEND_WORDS)) ? MOD_INTENT : MOD_NONE;
        }
        if (rift_tok_in(c->d, t, WL(c, EL_FUTURE)))
            return t > c->tb && (tok_class(c, t - 1) & TC_DET) ? MOD_NONE : MOD_INTENT;
        if (rift_tok_in(c->d, t, WL(c, EL_MODAL_SKIP)))
            continue;
        char b[WORD_MAX];
        size_t bl = rift_tok_lower(c->d, t, b, sizeof b);
        if (bl > 3 && b[bl - 2] == 'l' && b[bl - 1] == 'y')
            continue;
        return MOD_NONE;
    }
    return MOD_NONE;
}

/* An ultimatum after the verb at i: "will withdraw ... unless X ...". */
static bool unless_after(const ctx *c, uint32_t i)
{
    for (uint32_t t = i + 1; t < c->te && t < i + 24; t++) {
        if (hard_barrier(c, t))
            return false;
        if (rift_tok_is(c->d, t, "unless"))
            return true;
    }
    return false;
}

/* Gives the events emitted since `from` the coding of d. */
static void recode(ctx *c, size_t from, const evpat *d)
{
    for (size_t k = from; d && k < c->out.n; k++) {
        rift_event *e = &c->out.v[k];
        e->cameo = d->cameo;
        e->plover = d->plover;
        e->mode = d->mode;
        e->goldstein = d->goldstein;
        /* the coded event is now the statement itself (an intent, a
         * threat, a refusal): that was made */
        e->modality = RIFT_MOD_ASSERTED;
    }
}

/* The coding of an intended event: cooperation promised is an intent to
 * cooperate (CAMEO 03), force or pressure promised a threat (13). */
static const char *intent_code(const char *k)
{
    if (!strncmp(k, "04", 2)) return "036";
    if (!strncmp(k, "05", 2)) return "032";
    if (!strncmp(k, "06", 2)) return "031";
    if (!strncmp(k, "07", 2)) return "033";
    if (!strncmp(k, "08", 2)) return "035";
    if (!strncmp(k, "14", 2)) return "133";
    if (!strncmp(k, "163", 3) || !strncmp(k, "164", 3)) return "1312";
    if (!strncmp(k, "16", 2)) return "131";
    if (!strncmp(k, "172", 3)) return "132";
    if (!strncmp(k, "17", 2)) return "137";
    if (!strncmp(k, "192", 3)) return "1382";
    if (!strncmp(k, "15", 2) || !strncmp(k, "18", 2) || !strncmp(k, "19", 2) ||
        !strncmp(k, "20", 2))
        return "138";
    return NULL;
}

/* The coding of a refused or negated cooperation (CAMEO 12). */
static const char *refuse_code(const char *k)
{
    if (!strncmp(k, "03", 2)) return "120";
    if (!strncmp(k, "04", 2)) return "125";
    if (!strncmp(k, "057", 3)) return "127";
    if (!strncmp(k, "05", 2)) return "120";
    if (!strncmp(k, "06", 2)) return "121";
    if (!strncmp(k, "07", 2)) return "122";
    if (!strncmp(k, "08", 2)) return "124";
    return NULL;
}

/* The coding of a demand that the target do what the verb says (10). */
static const char *demand_code(const char *k)
{
    if (!k) return "100";
    if (!strncmp(k, "04", 2) || !strncmp(k, "03", 2)) return "106";
    if (!strncmp(k, "05", 2)) return "102";
    if (!strncmp(k, "06", 2)) return "101";
    if (!strncmp(k, "07", 2)) return "103";
    if (!strncmp(k, "08", 2)) return "105";
    return "100";
}

/* "X said (that) Y must V": a demand from X on Y, coded at "must" by what
 * Y must do (the first event verb within a few words, if any). */
static void must_event(ctx *c, uint32_t i)
{
    c->mod = RIFT_MOD_ASSERTED;
    c->conf = 0.5;
    if (i <= c->tb + 1 || c->tm[i - 1] < 0)
        return;
    int32_t tgt = c->tm[i - 1];
    if (c->act.v[tgt].flags & RIFT_MF_POSS)
        return;
    uint32_t f = mention_first_tok(c, tgt);
    /* "Kagame and his party must ...": the first of a coordination */
    int32_t more[4];
    size_t nm = coord_before(c, tgt, more, 4);
    if (nm)
        f = mention_first_tok(c, more[nm - 1]);
    if (f > c->tb + 1 && rift_tok_is(c->d, f - 1, "the"))
        f--;
    if (f > c->tb && rift_tok_is(c->d, f - 1, "that"))
        f--;
    if (f == c->tb)
        return;
    int32_t src = find_subject(c, f);
    if (src < 0)
        return;
    const char *k = NULL;
    for (uint32_t t = i + 1; t < c->te && t < i + 5; t++) {
        int32_t h = tok_head(c, t);
        if (h >= 0 && c->em->heads.v[h].verb >= 0) {
            uint32_t after;
            const evpat *p = pick(c, t, c->em->heads.v[h].verb, &after);
            k = !p || p->light ? NULL : p->cameo;
            break;
        }
    }
    const evpat *d = rift_ev_derived(c->em, demand_code(k));
    if (!d)
        return;
    bool neg = negated_before(c, f);
    emit(c, d, src, tgt, i, neg);
    for (size_t m = 0; m < nm; m++)
        emit(c, d, src, more[m], i, neg);
}

/* ---- hooks: PETRARCH dictionaries (petrverbs.c, docs/petrarch.md) ------
 * A verb dictionary decides the code of the verbs it knows; rift's own
 * frame of the verb (its preposition, passive, denial) still finds the
 * actors.  Nouns and the verbs it does not know stay with rift's patterns. */
static void petr_init(ctx *c)
{
    c->petr = rift_petr_of(c->d->model);
    c->petr_verbs = rift_petr_has_verbs(c->petr);
    c->petr_agents = rift_petr_has_agents(c->petr);
}

/* A discarded sentence (true: skip it), else *trig also set by a
 * dictionary verb. */
static bool petr_sentence(ctx *c, const rift_sentence *s, bool *trig)
{
    int dk = c->petr_story_discarded ? 2 : rift_petr_discard(c->petr, c->d, s->tok_begin, s->tok_end);
    if (dk == 2)
        c->petr_story_discarded = true;
    if (dk)
        return true;
    for (uint32_t t = s->tok_begin; t < s->tok_end && c->petr_verbs && !*trig; t++)
        *trig = c->tm[t] < 0 && rift_petr_verb(c->petr, c->d, s->tok_begin, s->tok_end, t, NULL);
    return false;
}

static bool petr_token(ctx *c, uint32_t i, int h, uint32_t *last_trig, const evpat **last_p,
                       uint32_t deny_from)
{
    rift_petr_code pc;
    if (noun_at(c, i) || !rift_petr_verb(c->petr, c->d, c->tb, c->te, i, &pc))
        return false;
    if (!pc.cameo)
        return true;   /* a verb the dictionary knows to give no event */
    /* in the document's arena: its events point at its code */
    evpat *p = rift_arena_alloc(&c->d->arena, sizeof *p);
    uint32_t after = pc.tok_end;
    const evpat *base = NULL;
    if (h >= 0 && c->em->heads.v[h].verb >= 0)
        base = pick(c, i, c->em->heads.v[h].verb, &after);
    if (base)
        *p = *base;
    else {
        memset(p, 0, sizeof *p);
        p->next = -1;
    }
    p->light = 0;
    snprintf(p->cameo, sizeof p->cameo, "%s", pc.cameo);
    p->plover = pc.plover;
    p->mode = pc.mode;
    p->goldstein = pc.goldstein;
    if (after < pc.tok_end)
        after = pc.tok_end;
    if (skip_verb(c, p, i))
        return true;
    bool neg = negated_before(c, i) || i > deny_from;
    bool infinitive = i > c->tb && (tok_class(c, i - 1) & TC_TO) && *last_trig != UINT32_MAX &&
                      i - *last_trig <= 8;
    if (infinitive && strncmp((*last_p)->cameo, "03", 2))
        return true;
    size_t before = c->out.n;
    verb_event(c, p, i, after, neg);
    /* a CAMEO event has a target */
    size_t w = before;
    for (size_t k = before; k < c->out.n; k++)
        if (c->out.v[k].target >= 0 || c->out.v[k].target_code)
            c->out.v[w++] = c->out.v[k];
    c->out.n = w;
    if (!w) {   /* the stage frees the vector only when it holds events */
        free(c->out.v);
        memset(&c->out, 0, sizeof c->out);
    }
    if (c->out.n > before) {
        *last_trig = i;
        *last_p = p;
    }
    return true;
}
/* ---- end of the PETRARCH hooks ---- */

/* Whether a verb's event is told by another verb of its clause: "X
 * vowed to oppose Y" is coded at "oppose" (intended), "X asked Y to help"
 * at "asked". */
static bool verb_trigger(const ctx *c, uint32_t t)
{
    if (c->w[t].upos != RIFT_UPOS_VERB || c->thead[t] < 0 ||
        c->em->heads.v[c->thead[t]].verb < 0)
        return false;
    /* (a light verb alone is no event: "continued to send") */
    uint32_t after;
    const evpat *p = pick(c, t, c->em->heads.v[c->thead[t]].verb, &after);
    return p && !p->light;
}

/* A verb whose complement is the event: "vowed to", "threatened to",
 * "refused to". */
static bool tells_complement(const ctx *c, uint32_t t)
{
    int m = evt_mode_word(c, t);
    if (m == RIFT_MOD_INTENDED || m == RIFT_MOD_THREATENED)
        return true;
    const char *l = c->w[t].lemma;
    if (m < 0 && ((l && rift_word_in(WL(c, EL_INTEND_WORDS), l, strlen(l))) ||
                  rift_tok_in(c->d, t, WL(c, EL_INTEND_WORDS))))
        return true;
    return (l && rift_word_in(WL(c, EL_REFUSE_WORDS), l, strlen(l))) ||
           rift_tok_in(c->d, t, WL(c, EL_REFUSE_WORDS));
}

static bool tree_skip(const ctx *c, uint32_t i)
{
    int32_t h = c->w[i].head;
    const char *r = c->w[i].deprel ? c->w[i].deprel : "";
    /* "sanctions targeting X": the noun's event, aimed by the participle */
    if (!strcmp(r, "acl") && h >= (int32_t)c->tb && h < (int32_t)c->te &&
        c->w[h].upos == RIFT_UPOS_NOUN && c->thead[h] >= 0 &&
        c->em->heads.v[c->thead[h]].noun >= 0)
        return true;
    bool purpose = false; /* "met X to discuss": one event */
    for (int32_t k = c->kid[i]; !strcmp(r, "advcl") && k >= 0; k = c->sib[k])
        purpose |= c->w[k].deprel && !strcmp(c->w[k].deprel, "mark") && rift_tok_is(c->d, (uint32_t)k, "to");
    if ((!strcmp(r, "xcomp") || purpose) && h >= (int32_t)c->tb && h < (int32_t)c->te &&
        verb_trigger(c, (uint32_t)h) && !tells_complement(c, (uint32_t)h))
        return true;
    bool comp = false;
    for (int32_t k = c->kid[i]; k >= 0 && !comp; k = c->sib[k])
        comp = c->w[k].deprel && !strcmp(c->w[k].deprel, "xcomp") && verb_trigger(c, (uint32_t)k);
    return comp && tells_complement(c, i);
}

static void do_sentence(ctx *c, size_t si)
{
    const evmodel *em = c->em;
    size_t first_out = c->out.n;

    uint32_t deny_from = UINT32_MAX;
    size_t deny_ev = SIZE_MAX;
    uint32_t last_trig = UINT32_MAX, must_at = UINT32_MAX;
    size_t last_from = 0;
    const evpat *last_p = NULL;
    for (uint32_t i = c->tb; i < c->te; i++) {
        const rift_token *k = &c->d->tokens[i];
        if (must_at != UINT32_MAX && (is_comma(c, i) || hard_barrier(c, i) ||
                                      (tok_class(c, i) & TC_CLAUSE)))
            must_at = UINT32_MAX;
        if (k->kind != RIFT_TOK_WORD || c->tm[i] >= 0)
            continue;
        if (tok_class(c, i) & TC_CLAUSE) /* (a word is never a hard barrier) */
            last_trig = UINT32_MAX;
        if (tok_class(c, i) & TC_MUST) {
            size_t n0 = c->out.n;
            must_event(c, i);
            if (c->out.n > n0)
                must_at = i;
            continue;
        }
        /* what the target of a demand must do is not an event of its own */
        if (must_at != UINT32_MAX)
            continue;
        int h = tok_head(c, i);
        if (c->petr_verbs && petr_token(c, i, h, &last_trig, &last_p, deny_from)) /* petrverbs.c */
            continue;
        if (h < 0)
            continue;
        const evhead *hd = &em->heads.v[h];
        uint32_t after = i + 1;
        const evpat *p = NULL;
        bool noun = false;
        if (c->w) {
            /* the tagger says noun or verb; a noun modifying another
             * ("hedge fund manager") is no event */
            rift_upos u = c->w[i].upos;
            if (u == RIFT_UPOS_NOUN && hd->noun >= 0) {
                p = pick(c, i, hd->noun, &after);
                /* (unless it begins the phrase of its pattern: "hunger strike") */
                int32_t hn = c->w[i].head;
                if (p && !p->nreq && c->w[i].deprel && !strcmp(c->w[i].deprel, "compound") &&
                    !(hn >= 0 && (size_t)hn < c->d->n_tokens &&
                      (rift_tok_in(c->d, (uint32_t)hn, WL(c, EL_AIM_NOUNS)) ||
                       rift_tok_in(c->d, (uint32_t)hn, WL(c, EL_PLAN_NOUNS)))))
                    p = NULL; /* ("a mediation effort" is one) */
                noun = p != NULL;
            } else if (u == RIFT_UPOS_VERB && hd->verb >= 0) {
                p = pick(c, i, hd->verb, &after);
            }
        } else if (hd->noun >= 0 && (hd->verb < 0 || noun_at(c, i))) {
            p = pick(c, i, hd->noun, &after);
            noun = p != NULL;
        } else if (hd->verb >= 0 && !noun_at(c, i))
            p = pick(c, i, hd->verb, &after);
        if (!p || p->light)
            continue;
        evt_ready(c); /* the sentence's tree, read when a frame first needs it */
        if (!noun && skip_verb(c, p, i))
            continue;
        if (!noun && c->w && tree_skip(c, i))
            continue;
        c->mod = RIFT_MOD_ASSERTED;
        c->conf = 0.5;
        int tree_rc = MOD_NONE;
        bool neg;
        if (c->w) {
            /* a noun takes the modality of the verb it is an argument of */
            uint32_t mv = i;
            int32_t hv = c->w[i].head;
            const char *r = c->w[i].deprel ? c->w[i].deprel : "";
            if (noun && hv >= (int32_t)c->tb && hv < (int32_t)c->te &&
                (!strncmp(r, "obj", 3) || !strncmp(r, "nsubj", 5) || !strncmp(r, "obl", 3)))
                mv = (uint32_t)hv;
            c->mod = evt_modality(c, mv, &neg, &tree_rc);
        } else {
            neg = negated_before(c, i) || i > deny_from;
        }
        /* "to V" right after an event verb of this clause: CAMEO codes one
         * event; an intention ("pledged to expel") takes the coding of
         * what is intended, any other verb ("asked X to help Y", "met X to
         * discuss") keeps its own */
        bool infinitive = !noun && !c->w && i > c->tb && (tok_class(c, i - 1) & TC_TO) &&
                          last_trig != UINT32_MAX && i - last_trig <= 8;
        if (infinitive && strncmp(last_p->cameo, "03", 2))
            continue;
        (void)last_from;
        /* modality: "X must V" is coded at "must"; a refusal or a negated
         * cooperation is a rejection (the negated event is kept too); an
         * intention to cooperate or to use force is coded as such */
        int md = noun ? MOD_NONE : c->w ? tree_rc : modality(c, i);
        if (md == MOD_MUST)
            continue;
        size_t before = c->out.n;
        bool direct_neg = neg && i <= deny_from;
        /* "will not allow", "did not accept": a rejection; "never
         * praised" is only a praise that did not happen */
        /* (with the tree, a refusal of what has no refusal code of its
         * own is a plain rejection: "refused to deploy") */
        const char *rk = refuse_code(p->cameo);
        if (!rk && c->w && md == MOD_REFUSE)
            rk = "120";
        const evpat *rj = !noun && (md == MOD_REFUSE ||
                                    (direct_neg && (md == MOD_INTENT || !strncmp(p->cameo, "03", 2)))) ?
                          rift_ev_derived(em, rk) : NULL;
        const evpat *it = !noun && md == MOD_INTENT && !neg ?
                          rift_ev_derived(em, unless_after(c, i) ? "130" : intent_code(p->cameo)) : NULL;
        /* (the pattern's own frame finds the actors, then the coding is
         * replaced) */
        if (rj) {
            verb_event(c, p, i, after, false);
            recode(c, before, rj);
            if (direct_neg)
                verb_event(c, p, i, after, true);
        } else if (noun) {
            c->light_at = UINT32_MAX;
            noun_event(c, p, i, after, neg);
            /* "will impose a curfew": the light verb's modality */
            int lm = c->w ? tree_rc
                          : c->light_at != UINT32_MAX ? modality(c, c->light_at) : MOD_NONE;
            const evpat *lp = lm == MOD_INTENT && !neg ? rift_ev_derived(em, intent_code(p->cameo)) :
                              lm == MOD_REFUSE ? rift_ev_derived(em, refuse_code(p->cameo)) : NULL;
            if (lp && !unless_after(c, i))
                recode(c, before, lp);
            else if (lm == MOD_INTENT && !neg && unless_after(c, i))
                recode(c, before, rift_ev_derived(em, "130"));
        } else {
            verb_event(c, p, i, after, neg || md == MOD_REFUSE);
            recode(c, before, it);
        }
        if (!noun && c->out.n > before) {
            last_trig = i;
            last_from = before;
            last_p = p;
        }
        if (p->deny && c->out.n > before && deny_from == UINT32_MAX) {
            deny_from = i;
            deny_ev = before;
        }
        if (after > i + 1)
            i = after - 1;
    }
    /* a denial is aimed at whom the denied event was aimed */
    if (deny_ev != SIZE_MAX && c->out.v[deny_ev].target < 0) {
        for (size_t k = deny_ev + 1; k < c->out.n; k++)
            if (c->out.v[k].target >= 0 && c->out.v[k].target != c->out.v[deny_ev].source) {
                c->out.v[deny_ev].target = c->out.v[k].target;
                break;
            }
    }
    (void)first_out;
    (void)si;
}

/* Evaluative words inside quotes with a known speaker. */
static void quote_events(ctx *c)
{
    rift_doc *d = c->d;
    c->mod = RIFT_MOD_ASSERTED;
    c->conf = 0.5;
    for (size_t qi = 0; qi < d->n_quotes; qi++) {
        const rift_quote *qt = &d->quotes[qi];
        if (qt->speaker < 0)
            continue;
        /* first token of the quote */
        size_t lo = 0, hi = d->n_tokens;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (d->tokens[mid].start < qt->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        const evpat *hit = NULL;
        uint32_t trig = 0;
        for (size_t t = lo; t < d->n_tokens && d->tokens[t].start < qt->end && t < lo + 400; t++) {
            char w[WORD_MAX];
            const rift_token *k = &d->tokens[t];
            if (k->kind != RIFT_TOK_WORD || k->end - k->start >= WORD_MAX)
                continue;
            size_t wl = rift_ev_lower(d->text + k->start, k->end - k->start, w, sizeof w);
            if (wl < 3)
                continue;
            int h = rift_strmap_get(&c->em->forms, w, wl);
            if (h < 0)
                continue;
            for (int32_t p = c->em->heads.v[h].noun; p >= 0; p = c->em->pats.v[p].next)
                if (c->em->pats.v[p].qword) {
                    bool neg = false;
                    for (size_t u = t; u > lo && u + 4 > t; u--)
                        if (is_negator(c, (uint32_t)(u - 1)))
                            neg = true;
                    if (!neg) {
                        hit = &c->em->pats.v[p];
                        trig = (uint32_t)t;
                    }
                    break;
                }
            if (hit)
                break;
        }
        if (!hit)
            continue;
        /* target: an actor named in the quote, else (a fragment) the
         * nearest actor before it in its sentence */
        int32_t tgt = -1;
        for (size_t t = lo; t < d->n_tokens && d->tokens[t].start < qt->end && t < lo + 400; t++) {
            int32_t mi = c->tm[t];
            if (mi >= 0 && c->act.v[mi].entity != qt->speaker &&
                c->act.v[mi].type != RIFT_ENT_LOC && c->act.v[mi].entity >= 0) {
                tgt = mi;
                break;
            }
        }
        if (tgt < 0 && qt->fragment) {
            for (size_t t = lo, n = 0; t > 0 && n < 12; n++) {
                t--;
                if (d->tokens[t].flags & RIFT_TF_SENT_START && c->tm[t] < 0)
                    break;
                int32_t mi = c->tm[t];
                if (mi >= 0 && c->act.v[mi].entity != qt->speaker &&
                    c->act.v[mi].type != RIFT_ENT_OUTLET && c->act.v[mi].entity >= 0) {
                    tgt = mi;
                    break;
                }
                if (d->tokens[t].flags & RIFT_TF_SENT_START)
                    break;
            }
        }
        if (tgt < 0)
            continue;
        /* the tree of the trigger's sentence */
        size_t si = sentence_of(d, d->tokens[trig].start);
        if (si < d->n_sents) {
            c->tb = d->sents[si].tok_begin;
            c->te = d->sents[si].tok_end;
            evt_ready(c);
        }
        if (trig < c->tb || trig >= c->te)
            continue;
        emit(c, hit, c->qa[qi], tgt, trig, false);
    }
}

static bool same_code(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static int by_pos(const void *a, const void *b)
{
    const rift_event *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->trigger.start != y->trigger.start)
        return x->trigger.start < y->trigger.start ? -1 : 1;
    if (x->source_text.start != y->source_text.start)
        return x->source_text.start < y->source_text.start ? -1 : 1;
    if (x->target_text.start != y->target_text.start)
        return x->target_text.start < y->target_text.start ? -1 : 1;
    return strcmp(x->cameo ? x->cameo : "", y->cameo ? y->cameo : "");
}

static size_t sentence_of(const rift_doc *d, uint32_t off)
{
    size_t lo = 0, hi = d->n_sents;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sents[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first day a time value covers (2025-06-07, 2025-06, 2025-W22,
 * 2025-SP, 2025, a range's start), or -1 when it names no calendar time. */
static int value_first_day(const char *v)
{
    int y = 0, i = 0;
    for (; i < 4; i++) {
        if (v[i] < '0' || v[i] > '9')
            return -1;
        y = y * 10 + (v[i] - '0');
    }
    if (v[4] != '-')
        return (v[4] == '\0' || v[4] == '/') ? rift_days_from_civil(y, 1, 1) : -1;
    const char *p = v + 5;
    if (p[0] == 'W' && p[1] >= '0' && p[1] <= '9') {
        int w = atoi(p + 1);
        return rift_days_from_civil(y, 1, 4) + (w - 1) * 7 - 3;
    }
    static const char *const seasons[] = {"WI", "SP", "SU", "FA"};
    for (int k = 0; k < 4; k++)
        if (p[0] == seasons[k][0] && p[1] == seasons[k][1])
            return rift_days_from_civil(y, k == 0 ? 1 : 3 * k, 1);
    if (p[0] == 'Q' && p[1] >= '1' && p[1] <= '4')
        return rift_days_from_civil(y, 3 * (p[1] - '1') + 1, 1);
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
        return -1;
    int m = (p[0] - '0') * 10 + (p[1] - '0'), dd = 1;
    if (p[2] == '-' && p[3] >= '0' && p[3] <= '9')
        dd = (p[3] - '0') * 10 + (p[4] - '0');
    if (!rift_date_valid(y, m, dd))
        return -1;
    return rift_days_from_civil(y, m, dd);
}

/* A time after the article's date is what the event is about, not when it
 * happened ("said he would back her in the autumn"): the report of it is
 * dated by the article. */
static bool after_article(const rift_doc *d, const char *value)
{
    if (!d->anchor.set)
        return false;
    int first = value_first_day(value);
    return first >= 0 && first > rift_days_from_civil(d->anchor.y, d->anchor.m, d->anchor.d);
}

void rift_stage_events(rift_doc *d)
{
    const evmodel *em = d->model ? d->model->event_data : NULL;
    if (!em || !d->n_tokens || !d->n_sents)
        return;
    ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.em = em;
    petr_init(&c); /* petrverbs.c */
    c.tm = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.tm);
    c.tq = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.tq);
    c.tcls = rift_arena_alloc_raw(&d->arena, d->n_tokens);
    c.thead = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.thead);
    c.tac = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.tac);
    if (d->words && d->n_words == d->n_tokens) {
        c.w = d->words;
        c.kid = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.kid);
        c.sib = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.sib);
        c.slo = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.slo);
        c.shi = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.shi);
        c.up = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.up);
        c.cur = rift_arena_alloc_raw(&d->arena, d->n_tokens * sizeof *c.cur);
        c.rel = rift_arena_alloc_raw(&d->arena, d->n_tokens);
        c.lx_modes = rift_model_lexicon(d->model, "event_modes");
        c.lx_cues = rift_model_lexicon(d->model, "quote_cues");
        c.lx_harm = rift_model_lexicon(d->model, "event_harm_nouns");
        c.relb = rift_arena_alloc_raw(&d->arena, d->n_tokens);
    }
    c.tree_tb = UINT32_MAX;
    c.mod = RIFT_MOD_ASSERTED;
    c.obj_tok = -1;
    c.src_tok = -1;
    c.conf = 0.5;
    lex_tokens(&c);
    for (size_t t = 0; t < d->n_tokens; t++)
        c.tm[t] = c.tq[t] = -1;
    evt_build_actors(&c);
    {
        size_t t = 0;
        for (size_t qi = 0; qi < d->n_quotes; qi++) {
            const rift_quote *q = &d->quotes[qi];
            while (t < d->n_tokens && d->tokens[t].start < q->start)
                t++;
            for (size_t u = t; u < d->n_tokens && d->tokens[u].end <= q->end; u++)
                c.tq[u] = (int32_t)qi;
        }
    }
    for (size_t si = 0; si < d->n_sents; si++) {
        const rift_sentence *s = &d->sents[si];
        if (s->tok_end > d->n_tokens || s->tok_begin >= s->tok_end)
            continue;
        if (s->block < d->n_blocks && d->blocks[s->block].kind == RIFT_BLOCK_BOILERPLATE)
            continue;
        /* an event needs a trigger and an actor: a mention, a coded group
         * or the speaker of a quote in the sentence */
        bool trig = false, actor = false;
        for (uint32_t t = s->tok_begin; t < s->tok_end && !actor; t++)
            actor = c.tm[t] >= 0 || c.tq[t] >= 0;
        for (uint32_t t = s->tok_begin; t < s->tok_end && actor && !trig; t++)
            trig = c.tm[t] < 0 && d->tokens[t].kind == RIFT_TOK_WORD &&
                   (tok_head(&c, t) >= 0 || (tok_class(&c, t) & TC_MUST));
        if (c.petr && actor && petr_sentence(&c, s, &trig)) /* petrverbs.c */
            continue;
        if (!trig || !actor)
            continue;
        c.tb = s->tok_begin;
        c.te = s->tok_end;
        do_sentence(&c, si);
    }
    quote_events(&c);
    free(c.act.v);
    if (!c.out.n)
        return;
    /* sentence span and date; then order and drop repeats of one sentence */
    for (size_t k = 0; k < c.out.n; k++) {
        rift_event *e = &c.out.v[k];
        size_t si = sentence_of(d, e->trigger.start);
        if (si >= d->n_sents)
            si = d->n_sents - 1;
        e->start = d->sents[si].start;
        e->end = d->sents[si].end;
        if (e->date_origin == RIFT_EVDATE_CLAUSE)
            continue;
        int ti = rift_time_governing(d, si);
        if (ti >= 0 && d->times[ti].value && !after_article(d, d->times[ti].value)) {
            e->date = d->times[ti].value;
            e->date_origin = RIFT_EVDATE_SENTENCE;
        } else {
            e->date = d->meta.date;
            e->date_from_article = e->date != NULL;
            e->date_origin = e->date ? RIFT_EVDATE_ARTICLE : RIFT_EVDATE_NONE;
        }
    }
    qsort(c.out.v, c.out.n, sizeof *c.out.v, by_pos);
    size_t w = 0;
    for (size_t k = 0; k < c.out.n; k++) {
        const rift_event *e = &c.out.v[k];
        /* a supposed or asked event aimed at nobody and nothing tells nothing */
        bool dup = e->modality != RIFT_MOD_ASSERTED && e->target < 0 && !e->target_code &&
                   e->object_text.end <= e->object_text.start;
        for (size_t j = w; j > 0 && w - j < 64; j--) {
            const rift_event *o = &c.out.v[j - 1];
            if (o->start != e->start)
                break;
            if (dup)
                break;
            if (o->source == e->source && o->target == e->target &&
                same_code(o->source_code, e->source_code) &&
                same_code(o->target_code, e->target_code) &&
                !strncmp(o->cameo, e->cameo, 2) && o->negated == e->negated) {
                dup = true;
                break;
            }
        }
        if (!dup)
            c.out.v[w++] = *e;
    }
    d->n_events = w;
    d->events = rift_arena_adopt(&d->arena, c.out.v, w, sizeof *c.out.v);
}
