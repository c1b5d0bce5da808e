/* names.c: stage "names": the learned name recogniser (ner.c) over every
 * sentence, with the syntax, the lexicons, the document's evidence and the
 * rule-based mentions as features; it decides which names d->mentions keeps.
 */
#include "ner_int.h"

#include <stdlib.h>
#include <string.h>



/* the words of sentence [b, e) as the name model reads them */
static void sentence_sw(const rift_doc *d, size_t b, size_t e, rift_sw *sw)
{
    for (size_t i = b; i < e; i++) {
        rift_sw *w = &sw[i - b];
        const rift_word *x = d->words ? &d->words[i] : NULL;
        memset(w, 0, sizeof *w);
        w->form = d->text + d->tokens[i].start;
        w->len = d->tokens[i].end - d->tokens[i].start;
        w->head = -1;
        if (!x)
            continue;
        w->upos = (uint8_t)x->upos;
        int xp = x->xpos ? rift_xpos_id(x->xpos, strlen(x->xpos)) : 0;
        w->xpos = (uint8_t)(xp > 0 ? xp : 0);
        w->lemma = x->lemma;
        w->deprel = x->deprel;
        w->head = x->head >= (int32_t)b && (size_t)x->head < e ? x->head - (int32_t)b : -1;
    }
    if (e > b)
        sw[0].flags = RIFT_SWF_SENT_START;
    rift_sw_prepare(sw, e - b);
}

/* the rule mentions as atoms: kind, part, type, confidence, hints */
static void rule_atoms(const rift_doc *d, ner_tok *t)
{
    for (size_t k = 0; k < d->n_mentions; k++) {
        const rift_mention *m = &d->mentions[k];
        uint32_t a = m->tok_begin, b = m->tok_end;
        if (b > d->n_tokens || a >= b)
            continue;
        for (uint32_t i = a; i < b; i++) {
            unsigned part = b - a == 1 ? NER_U : i == a ? NER_B : i + 1 == b ? NER_L : NER_I;
            uint64_t v = (uint64_t)m->kind << 24 | (uint64_t)part << 20 |
                         (uint64_t)m->type << 8 | (uint64_t)(m->confident != 0) << 7 |
                         (m->hint & 0x1F);
            t[i].rule = tg_mix(0x2B1E, v);
        }
        /* the title or role before the name */
        for (uint32_t i = a; i-- > 0 && d->tokens[i].start >= m->role_start &&
                             d->tokens[i].end <= m->role_end && m->role_end > m->role_start;)
            t[i].rule = tg_mix(0x2B1F, m->kind);
    }
}

void ner_doc_atoms(const rift_doc *d, ner_tok *t, rift_arena *scratch)
{
    ner_lex lx;
    ner_lex_from_model(d->model, &lx);
    memset(t, 0, d->n_tokens * sizeof *t);
    size_t maxn = 0;
    for (size_t k = 0; k < d->n_sents; k++) {
        size_t b, e;
        if (rift_sent_range(d, k, &b, &e) && e - b > maxn)
            maxn = e - b;
    }
    rift_sw *sw = rift_arena_alloc_raw(scratch, (maxn + 1) * sizeof *sw);
    for (size_t k = 0; k < d->n_sents; k++) {
        size_t b, e;
        if (!rift_sent_range(d, k, &b, &e))
            continue;
        sentence_sw(d, b, e, sw);
        ner_prepare(&lx, sw, e - b, t + b, scratch);
    }
    ner_mark_lower(t, d->n_tokens, scratch);
    rule_atoms(d, t);
}

static const uint8_t type_of[NER_NTYPES] = {RIFT_ENT_PERSON, RIFT_ENT_ORG, RIFT_ENT_LOC, 0};

static bool is_name(const rift_mention *m)
{
    return m->kind == RIFT_MK_NAME || m->kind == RIFT_MK_ACRONYM;
}

/* How sure the model must be to remove a rule's name, and to add one. */
#define DROP_SURE 0.9f
#define ADD_SURE 0.5f
#define PEVID_SURE 0.8f
#define HINT_SURE 0.5f

/* a mention for a name only the model finds */
static rift_mention model_only(const rift_doc *d, const rift_name *n)
{
    rift_mention m;
    memset(&m, 0, sizeof m);
    m.entity = m.actor = m.link = -1;
    m.sentence = n->sentence;
    m.tok_begin = n->tok_begin;
    m.tok_end = n->tok_end;
    m.start = d->tokens[n->tok_begin].start;
    m.end = d->tokens[n->tok_end - 1].end;
    m.role_start = m.role_end = m.start;
    m.kind = RIFT_MK_NAME;
    m.type = type_of[n->type];
    m.confident = 1;
    m.learned = 1;
    m.score = n->prob;
    return m;
}

/* Whether the capitals of mention m say little: it starts its sentence, or
 * stands in a headline or a line in capitals, or is one word in capitals.
 * Elsewhere a capitalised word the rules took for a name stays one even
 * when the model doubts it (an unseen company name mid-sentence). */
static bool case_blind(const rift_doc *d, const ner_tok *t, const rift_mention *m)
{
    const ner_tok *k = &t[m->tok_begin];
    if (k->flags & (NER_F_FIRST | NER_F_HEADLINE | NER_F_CAPS_LINE))
        return true;
    if (m->tok_end == m->tok_begin + 1 && (k->flags & NER_F_ALLCAP))
        return true;
    /* after an opening quote: the quote's first word */
    return m->tok_begin > 0 && d->tokens[m->tok_begin - 1].kind == RIFT_TOK_QUOTE;
}

/* the words of mention m, folded to lower case, hashed */
static uint64_t text_key(const rift_doc *d, const ner_tok *t, const rift_mention *m)
{
    uint64_t h = 0x51ED;
    for (uint32_t i = m->tok_begin; i < m->tok_end && i < d->n_tokens; i++)
        h = tg_mix(h, t[i].lw);
    return h | 1;
}

/* Document consistency: the texts of the rule names whose capitals speak
 * (mid-sentence, in running text).  A case-blind mention with the same
 * words ("Quillo later removed it" after "posted on Quillo") is a name too. */
static uint64_t *seen_names(const rift_doc *d, const ner_tok *t, size_t *cap,
                            rift_arena *scratch)
{
    size_t n = 64;
    while (n < 6 * d->n_mentions + 2)
        n *= 2;
    uint64_t *set = rift_arena_alloc(scratch, n * sizeof *set);
    for (size_t k = 0; k < d->n_mentions; k++) {
        const rift_mention *m = &d->mentions[k];
        if (!is_name(m) || case_blind(d, t, m))
            continue;
        /* the whole name, and its first and last words (short forms) */
        uint64_t keys[3] = {text_key(d, t, m), tg_mix(0x51ED, t[m->tok_begin].lw) | 1,
                            tg_mix(0x51ED, t[m->tok_end - 1].lw) | 1};
        for (int q = 0; q < 3; q++) {
            size_t s = (size_t)keys[q] & (n - 1);
            while (set[s] && set[s] != keys[q])
                s = (s + 1) & (n - 1);
            set[s] = keys[q];
        }
    }
    *cap = n;
    return set;
}

static bool seen(const uint64_t *set, size_t cap, uint64_t h)
{
    for (size_t s = (size_t)h & (cap - 1); set[s]; s = (s + 1) & (cap - 1))
        if (set[s] == h)
            return true;
    return false;
}

/* The model and the rules decide together which names the document has:
 * - a rule name goes only where its capitals say little (case_blind), the
 *   model is sure it is no name (DROP_SURE), no lexicon or actor list typed
 *   it and the document has not written it as a name elsewhere;
 * - a rule name the model finds stays with its span; when the rules gave it
 *   no confident type, the model's type becomes evidence (hints) that the
 *   entities stage weighs with the rest of the document (where the rules saw
 *   evidence of their own, only a model surer than HINT_SURE adds its);
 * - a name only the model finds (ADD_SURE) joins, with the model's type.
 * The model's own types in place of the rules' did better on CrossNER and
 * UNER but much worse on MEANTIME and GUM (docs/accuracy.md).  Titles,
 * descriptions and pronouns stay as the rules made them; links between
 * mentions follow their moves.  Every name mention keeps the model's
 * probability that its words are (or, for a rule name the model left out,
 * are not) a name: score. */
static void decide(rift_doc *d, const ner_tok *t, const uint8_t *cls, const float *prob,
                   rift_arena *scratch)
{
    size_t nm = d->n_mentions, nn = d->n_names;
    const rift_mention *v = d->mentions;
    size_t scap;
    const uint64_t *names_seen = seen_names(d, t, &scap, scratch);
    int32_t *newidx = rift_xmalloc((nm + 1) * sizeof *newidx);
    uint8_t *used = calloc(nn + 1, 1);
    RIFT_VEC(rift_mention) out = {0};
    size_t q = 0; /* first name not yet passed */
    for (size_t k = 0; k <= nm; k++) {
        uint32_t mb = k < nm ? v[k].tok_begin : UINT32_MAX;
        /* names before this mention that no mention overlapped */
        for (; q < nn && d->names[q].tok_end <= mb; q++)
            if (!used[q] && d->names[q].type != NER_MISC && d->names[q].prob >= ADD_SURE &&
                !(out.n && out.v[out.n - 1].tok_end > d->names[q].tok_begin)) {
                used[q] = 1;
                RIFT_VEC_PUSH(out, model_only(d, &d->names[q]));
            }
        if (k == nm)
            break;
        rift_mention m = v[k];
        newidx[k] = -1;
        int32_t hit = -1;
        for (size_t j = q; j < nn && d->names[j].tok_begin < m.tok_end; j++)
            if (d->names[j].tok_end > m.tok_begin) {
                if (hit < 0)
                    hit = (int32_t)j;
                if (!is_name(&m))
                    used[j] = 1; /* inside a title or description */
            }
        if (!is_name(&m)) {
            newidx[k] = (int32_t)out.n;
            RIFT_VEC_PUSH(out, m);
            continue;
        }
        if (hit < 0 || used[hit] || d->names[hit].type == NER_MISC) {
            if (hit >= 0)
                used[hit] = 1;
            /* the model's "no name" must be sure to undo the rules' name */
            float sure = 1;
            for (uint32_t i = m.tok_begin; i < m.tok_end; i++)
                if (!cls[i] && prob[i] < sure)
                    sure = prob[i];
                else if (cls[i] && NER_TYPE(cls[i]) != NER_MISC)
                    sure = 0;
            m.score = 1 - sure;
            if (m.actor >= 0 || m.confident || m.type == RIFT_ENT_OUTLET ||
                (m.flags & RIFT_MF_KNOWN) || sure < DROP_SURE || !case_blind(d, t, &m) ||
                seen(names_seen, scap, text_key(d, t, &m))) {
                newidx[k] = (int32_t)out.n;
                RIFT_VEC_PUSH(out, m);
            }
            continue;
        }
        const rift_name *n = &d->names[hit];
        used[hit] = 1;
        if (m.actor < 0 && !m.confident && (!m.hint || n->prob >= HINT_SURE) &&
            !case_blind(d, t, &m)) {
            /* the model's type is evidence for the entities stage, which
             * weighs it with the rest of the document; where the rules
             * saw some too, only a surer model's joins theirs */
            static const uint8_t hint_of[NER_NTYPES] = {RIFT_MH_PERSON, RIFT_MH_ORG, RIFT_MH_LOC, 0};
            m.hint |= hint_of[n->type];
            if (n->type == NER_PER && n->prob >= PEVID_SURE)
                m.hint |= RIFT_MH_PEVID;
        }
        m.learned = 1;
        m.score = 1;
        for (uint32_t i = m.tok_begin; i < m.tok_end; i++) {
            float p = cls[i] ? prob[i] : 1 - prob[i];
            if (p < m.score)
                m.score = p;
        }
        newidx[k] = (int32_t)out.n;
        RIFT_VEC_PUSH(out, m);
    }
    for (size_t k = 0; k < out.n; k++)
        out.v[k].link = out.v[k].link >= 0 && (size_t)out.v[k].link < nm ? newidx[out.v[k].link] : -1;
    d->n_mentions = out.n;
    d->mentions = rift_arena_adopt(&d->arena, out.v, out.n, sizeof *out.v);
    free(newidx);
    free(used);
}

void rift_stage_names(rift_doc *d)
{
    const rift_model *m = d->model;
    if (!m->ner || !d->words || !d->n_tokens)
        return;
    rift_arena scratch;
    rift_arena_init(&scratch);
    ner_tok *t = rift_arena_alloc_raw(&scratch, d->n_tokens * sizeof *t);
    ner_doc_atoms(d, t, &scratch);
    uint8_t *cls = rift_arena_alloc(&scratch, d->n_tokens + 1);
    float *prob = rift_arena_alloc(&scratch, (d->n_tokens + 1) * sizeof *prob);
    RIFT_VEC(rift_name) out = {0};
    for (size_t k = 0; k < d->n_sents; k++) {
        size_t b, e;
        if (!rift_sent_range(d, k, &b, &e))
            continue;
        rift_ner_label(m->ner, t + b, e - b, cls + b, prob + b);
        for (size_t i = b; i < e; i++) {
            if (!cls[i] || (NER_PART(cls[i]) != NER_B && NER_PART(cls[i]) != NER_U))
                continue;
            size_t j = i;
            float p = prob[i];
            while (j + 1 < e && NER_PART(cls[j]) != NER_U && NER_PART(cls[j]) != NER_L) {
                j++;
                if (prob[j] < p)
                    p = prob[j];
            }
            rift_name nm = {(uint32_t)i, (uint32_t)j + 1, (uint32_t)k,
                            (uint8_t)NER_TYPE(cls[i]), p};
            RIFT_VEC_PUSH(out, nm);
            i = j;
        }
    }
    d->n_names = out.n;
    d->names = rift_arena_adopt(&d->arena, out.v, out.n, sizeof *out.v);
    decide(d, t, cls, prob, &scratch);
    rift_arena_release(&scratch);
}
