/* event_actors.c: the events stage's actors: entity mentions with their
 * titles, and the states, bodies and groups coded from actor_codes.txt. */
#include "event_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- actors: entity mentions and coded groups ----------------------- */

/* hook: the agent phrase of a PETRARCH agents dictionary at token t
 * (petrverbs.c): its length in tokens, 0 when none */
static uint32_t petr_agent_at(const ctx *c, uint32_t t, uint32_t te, const char **code)
{
    uint32_t e = t;
    while (e < te && e < t + 8 && c->tm[e] < 0 && c->d->tokens[e].kind == RIFT_TOK_WORD)
        e++;
    return e > t ? rift_petr_agent(c->petr, c->d, t, e, code) : 0;
}

/* Whether an actor-code phrase may start at token t: the word's own
 * lexicon value, then the tests of code_at's first word. */
static inline bool may_code(const ctx *c, uint32_t t)
{
    const evmodel *em = c->em;
    const char *pcode_;
    if (c->petr_agents && petr_agent_at(c, t, c->d->n_tokens, &pcode_)) /* petrverbs.c */
        return true;
    if (tok_acode(c, t) == -1)
        return false;
    const rift_token *k = &c->d->tokens[t];
    size_t wl = k->end - k->start;
    if (!em->acode_words || k->kind != RIFT_TOK_WORD || c->tm[t] >= 0 || wl >= 40)
        return false;
    unsigned char c0 = (unsigned char)c->d->text[k->start];
    unsigned char c1 = wl > 1 ? (unsigned char)c->d->text[k->start + 1] : 0;
    unsigned bit = ((unsigned)(c0 & 31) << 10) | ((unsigned)(c1 & 31) << 5) |
                   (unsigned)(wl > 31 ? 31 : wl);
    return (em->afirst[bit >> 3] & (1u << (bit & 7))) != 0;
}

/* The actor-code phrase starting at token t (< te): its length in tokens
 * and *code, 0 when none.  A country or body needs a capital letter. */
static uint32_t code_at(const ctx *c, uint32_t t, uint32_t te, const char **code)
{
    const evmodel *em = c->em;
    char key[128];
    size_t kl = 0;
    uint32_t best = 0;
    const char *bc = NULL;
    if (t >= te || !may_code(c, t))
        return 0;
    if (c->petr_agents && (best = petr_agent_at(c, t, te, code)) != 0) /* petrverbs.c */
        return best;
    for (uint32_t n = 0; n < em->acode_words && t + n < te; n++) {
        const rift_token *k = &c->d->tokens[t + n];
        if (k->kind != RIFT_TOK_WORD || c->tm[t + n] >= 0)
            break;
        size_t wl = k->end - k->start;
        if (wl >= 40 || kl + wl + 2 > sizeof key)
            break;
        if (n)
            key[kl++] = ' ';
        if (!n) {
            unsigned char c0 = (unsigned char)c->d->text[k->start];
            unsigned char c1 = wl > 1 ? (unsigned char)c->d->text[k->start + 1] : 0;
            unsigned bit = ((unsigned)(c0 & 31) << 10) | ((unsigned)(c1 & 31) << 5) |
                           (unsigned)(wl > 31 ? 31 : wl);
            if (!(em->afirst[bit >> 3] & (1u << (bit & 7))))
                return 0;
        }
        size_t got = rift_ev_lower(c->d->text + k->start, wl, key + kl, sizeof key - kl);
        if (!got)
            break;
        kl += got;
        int v = n ? rift_strmap_get(&em->acodes, key, kl) : tok_acode(c, t);
        if (v == -1)
            break;
        if (v >= 0) {
            best = n + 1;
            bc = em->codes.v[v];
        }
    }
    if (!best)
        return 0;
    uint16_t f = c->d->tokens[t].flags;
    if (bc[0] != '+') {
        if (!(f & (RIFT_TF_CAP | RIFT_TF_ALLCAP)))
            return 0;
        /* "US", never the pronoun "us" */
        if (best == 1 && c->d->tokens[t].end - c->d->tokens[t].start == 2 &&
            !(f & RIFT_TF_ALLCAP) && !strcmp(bc, "USA"))
            return 0;
    }
    *code = bc;
    return best;
}

static const char *compose(ctx *c, const char *country, const char *agent)
{
    if (!agent)
        return country;
    return rift_arena_printf(&c->d->arena, "%s%s", country ? country : "---", agent + 1);
}

/* The code named by the words [b, e): the first country, the last agent. */
static const char *span_code(ctx *c, uint32_t b, uint32_t e)
{
    const char *country = NULL, *agent = NULL;
    for (uint32_t t = b; t < e;) {
        const char *cc;
        uint32_t n = c->d->tokens[t].kind == RIFT_TOK_WORD ? code_at(c, t, e, &cc) : 0;
        if (!n) {
            t++;
            continue;
        }
        if (cc[0] == '+')
            agent = cc;
        else if (!country)
            country = cc;
        t += n;
    }
    return compose(c, country, agent);
}

static int32_t push_actor(ctx *c, uint32_t b, uint32_t e, int32_t ent, const char *code,
                          uint8_t flags, int8_t type)
{
    evactor a = {b, e, ent, code, flags, type};
    RIFT_VEC_PUSH(c->act, a);
    return (int32_t)c->act.n - 1;
}

bool evt_has_country(const char *code)
{
    return code && code[0] != '-';
}

/* Words that may stand between a nationality and its agent: "Palestinian
 * security officials", "Iraq's national security advisor". */
static bool agent_modifier(const ctx *c, uint32_t t)
{
    const rift_token *k = &c->d->tokens[t];
    if (k->kind != RIFT_TOK_WORD || c->tm[t] >= 0)
        return false;
    return (tok_class(c, t) & TC_MOD) != 0;
}

/* Actors of the document: every entity mention, then the words naming a
 * country, body or group that no mention covers. */
void evt_build_actors(ctx *c)
{
    rift_doc *d = c->d;
    int32_t *ment = rift_arena_alloc(&d->arena, (d->n_mentions + 1) * sizeof *ment);
    for (size_t mi = 0; mi < d->n_mentions; mi++) {
        const rift_mention *m = &d->mentions[mi];
        ment[mi] = -1;
        if (m->entity < 0 || (size_t)m->entity >= d->n_entities || m->tok_end > d->n_tokens ||
            m->tok_begin >= m->tok_end)
            continue;
        uint32_t b = m->tok_begin;
        uint32_t rs = m->role_end > m->role_start && m->role_start < m->start ? m->role_start : m->start;
        while (b > 0 && d->tokens[b - 1].start >= rs && c->tm[b - 1] < 0)
            b--;
        int32_t a = push_actor(c, b, m->tok_end, m->entity, NULL,
                               (uint8_t)(m->flags & RIFT_MF_POSS),
                               (int8_t)d->entities[m->entity].type);
        ment[mi] = a;
        for (uint32_t t = b; t < m->tok_end; t++)
            c->tm[t] = a;
    }
    /* codes of the mentions, then of each entity (the first with a country) */
    const char **ecode = rift_arena_alloc(&d->arena, (d->n_entities + 1) * sizeof *ecode);
    for (size_t i = 0; i < c->act.n; i++) {
        evactor *a = &c->act.v[i];
        /* code_at stops at covered tokens: look with this actor's words open */
        for (uint32_t t = a->tok_begin; t < a->tok_end; t++)
            c->tm[t] = -1;
        a->code = span_code(c, a->tok_begin, a->tok_end);
        for (uint32_t t = a->tok_begin; t < a->tok_end; t++)
            c->tm[t] = (int32_t)i;
        const char **ec = &ecode[a->entity];
        if (a->code && (!*ec || (!evt_has_country(*ec) && evt_has_country(a->code))))
            *ec = a->code;
    }
    for (size_t i = 0; i < c->act.n; i++) {
        evactor *a = &c->act.v[i];
        const char *list = d->entities[a->entity].code;
        if (list)
            a->code = list;
        else if (!evt_has_country(a->code) && ecode[a->entity])
            a->code = ecode[a->entity];
    }
    /* quote speakers */
    c->qa = rift_arena_alloc(&d->arena, (d->n_quotes + 1) * sizeof *c->qa);
    for (size_t q = 0; q < d->n_quotes; q++) {
        int32_t e = d->quotes[q].speaker;
        c->qa[q] = -1;
        if (e >= 0 && (size_t)e < d->n_entities)
            c->qa[q] = push_actor(c, 0, 0, e,
                                  d->entities[e].code ? d->entities[e].code : ecode[e], 0,
                                  (int8_t)d->entities[e].type);
    }
    /* coded groups the entity stage left alone */
    for (size_t si = 0; si < d->n_sents; si++) {
        const rift_sentence *s = &d->sents[si];
        if (s->tok_end > d->n_tokens)
            continue;
        uint32_t te = s->tok_end;
        for (uint32_t t = s->tok_begin; t < te; t++) {
            const rift_token *k = &d->tokens[t];
            if (k->end - k->start < 2 || !may_code(c, t))
                continue;
            const char *cc;
            uint32_t n = code_at(c, t, te, &cc);
            if (!n)
                continue;
            uint32_t b = t, e = t + n;
            const char *country = cc[0] != '+' ? cc : NULL, *agent = country ? NULL : cc;
            uint8_t fl = 0;
            bool poss = (d->tokens[e - 1].flags & RIFT_TF_POSSESSIVE) != 0;
            uint32_t u = e;
            if (poss && u < te && (d->text[d->tokens[u].start] == '\'' ||
                                   (unsigned char)d->text[d->tokens[u].start] == 0xE2))
                u++; /* the clitic 's */
            /* the agent after a nationality, a few modifiers apart */
            for (int k2 = 0; u < te && k2 < 3; k2++) {
                const char *ac;
                uint32_t an = c->tm[u] < 0 && d->tokens[u].kind == RIFT_TOK_WORD ?
                              code_at(c, u, te, &ac) : 0;
                if (an && ac[0] == '+') {
                    agent = ac;
                    e = u + an;
                    poss = (d->tokens[e - 1].flags & RIFT_TF_POSSESSIVE) != 0;
                    break;
                }
                if (an || !agent_modifier(c, u))
                    break;
                u++;
            }
            /* a nationality before a person's title: "the U.S. president" */
            if (!agent && u < te && c->tm[u] >= 0 && !poss) {
                evactor *ma = &c->act.v[c->tm[u]];
                if (ma->entity >= 0 && ma->type == RIFT_ENT_PERSON && ma->tok_begin == u) {
                    if (!evt_has_country(ma->code))
                        ma->code = compose(c, country, ma->code ? ma->code + 2 : NULL);
                    for (uint32_t x = b; x < u; x++)
                        c->tm[x] = c->tm[u];
                    ma->tok_begin = b;
                    t = u;
                    continue;
                }
            }
            /* agents in a row: "government forces" */
            for (const char *ac; e < te && c->tm[e] < 0 && d->tokens[e].kind == RIFT_TOK_WORD;) {
                uint32_t an = code_at(c, e, te, &ac);
                if (!an || ac[0] != '+')
                    break;
                agent = ac;
                e += an;
                poss = (d->tokens[e - 1].flags & RIFT_TF_POSSESSIVE) != 0;
            }
            /* a capitalised word after: part of a name ("the Beijing
             * Olympics", "Minister Ann Lee") */
            if (!poss && e < te && d->tokens[e].kind == RIFT_TOK_WORD &&
                (d->tokens[e].flags & RIFT_TF_CAP) && c->tm[e] < 0) {
                t = e - 1;
                continue;
            }
            if (poss)
                fl = RIFT_MF_POSS;
            /* an agent after a country the entity stage found: "the US
             * leader", "Iraq's national security adviser" */
            if (!country) {
                uint32_t v = b;
                while (v > s->tok_begin && agent_modifier(c, v - 1))
                    v--;
                if (v > s->tok_begin && (d->text[d->tokens[v - 1].start] == '\'' ||
                                         (unsigned char)d->text[d->tokens[v - 1].start] == 0xE2) &&
                    v - 1 > s->tok_begin)
                    v--; /* the clitic 's */
                int32_t pa = v > s->tok_begin ? c->tm[v - 1] : -1;
                const char *pc = pa >= 0 ? c->act.v[pa].code : NULL;
                if (pc && evt_has_country(pc) && c->act.v[pa].type != RIFT_ENT_PERSON &&
                    c->act.v[pa].type != RIFT_ENT_OUTLET && strlen(pc) <= 9 &&
                    !(pc[3] && strchr("GMCROJLBEH", pc[3]) && strlen(pc) == 6)) {
                    country = pc;
                    /* a bare place before the agent joins it */
                    if (!(c->act.v[pa].flags & RIFT_MF_POSS) && c->act.v[pa].tok_end == b) {
                        for (uint32_t x = c->act.v[pa].tok_begin; x < b; x++)
                            c->tm[x] = -1;
                        b = c->act.v[pa].tok_begin;
                    }
                }
            }
            int32_t a = push_actor(c, b, e, -1, compose(c, country, agent), fl, -1);
            for (uint32_t x = b; x < e; x++)
                c->tm[x] = a;
            /* "US and British activists": the first nationality shares the agent */
            if (agent && country && b >= 2 &&
                (rift_tok_is(c->d, b - 1, "and") || rift_tok_is(c->d, b - 1, "or"))) {
                int32_t pa = c->tm[b - 2];
                if (pa >= 0 && c->act.v[pa].entity < 0 && c->act.v[pa].code &&
                    !strchr(c->act.v[pa].code, '-') && strlen(c->act.v[pa].code) == 3 &&
                    c->act.v[pa].tok_end == b - 1)
                    c->act.v[pa].code = compose(c, c->act.v[pa].code, agent);
            }
            t = e - 1;
        }
    }
}
