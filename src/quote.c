/* quote.c: stage "quotes": finds quoted words (double and single quote
 * styles, over several sentences and paragraphs), marks short fragments,
 * and attributes each quote to a speaker through cue verbs, anonymous-source
 * phrases, outlets and channels, and continuation.  Reads the entity layer;
 * never changes it and never guesses a speaker it cannot tie to the text.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

enum mark { M_NONE, M_OPEN, M_CLOSE, M_AMBIG };

typedef struct mspan {
    uint32_t start, end;
    int32_t ent;
} mspan;

typedef struct qrec {
    uint32_t open, close;   /* token indices of the marks (close may be the
                               last token of the block when unclosed) */
    uint32_t block;
    bool closed, fragment;
    rift_quote q;
} qrec;

typedef RIFT_VEC(qrec) qvec;

/* A mention by where it ends: for "the last mention before index i that
 * ends at byte end". */
struct end_idx {
    uint32_t end, i;
};

/* The word lists of data/en the stage asks about (data/en/README.md). */
enum { QL_ANON_DET, QL_PRONOUNS, QL_OUTLET_WORDS, QL_PREPS, QL_CALLING_WORDS, QL_LINKS,
       QL_CLAUSE_WORDS, QL_N };
static const char *const QL_FILES[QL_N] = {
    "fw_quote_anon_det", "fw_quote_pronouns", "quote_outlet_words", "fw_quote_preps",
    "quote_calling_words", "fw_quote_links", "fw_quote_clause_words"};
#define QL(c, id) ((c)->wl[id])

typedef struct ctx {
    rift_doc *d;
    const rift_token *t;
    size_t nt;
    uint32_t *tok_sent;     /* sentence of each token */
    const rift_lexicon *cues, *sources, *channels;
    const rift_lexicon *const *wl; /* the word lists QL_* (quote_init) */
    mspan *m;
    size_t nm;
    qrec *q;
    size_t nq;
    /* Look-up tables that keep the stage linear in the text: no question
     * about a quote rescans its sentence or the mentions before it. */
    uint32_t *wpre;         /* word tokens among tokens [0, k) */
    uint32_t *sent_cue;     /* first cue token of each sentence + 1, on demand
                               (0: not looked for yet, UINT32_MAX: none) */
    uint32_t *next_person;  /* first PERSON mention >= i outside quotes, else nm */
    uint32_t *next_actor;   /* first non-LOC mention >= i outside quotes, else nm */
    uint32_t *prev_actor;   /* last such mention < i, else NONE */
    uint32_t *actor_run;    /* first of the run of such mentions of one entity
                               that ends at mention i */
    uint32_t *prev_outlet, *prev_org; /* last OUTLET / ORG mention < i outside
                                         quotes, else NONE */
    struct end_idx *by_end; /* mentions by (end, index), built on demand */
    uint32_t *next_text;    /* first text block after block b */
    uint32_t last_person_q; /* last full quote with a PERSON speaker + 1, or 0 */
} ctx;

#define NONE UINT32_MAX

rift_status rift_quote_init(rift_model *m)
{
    const rift_lexicon **wl = rift_xmalloc(QL_N * sizeof *wl);
    m->quote_data = wl;
    for (int k = 0; k < QL_N; k++) {
        rift_status st = rift_lexicon_require(m, QL_FILES[k], &wl[k]);
        if (st != RIFT_OK)
            return st;
    }
    return RIFT_OK;
}

void rift_quote_fini(rift_model *m)
{
    if (m) {
        free(m->quote_data);
        m->quote_data = NULL;
    }
}

/* ---- token helpers ------------------------------------------------------ */

static const char *ttext(const ctx *c, size_t k, size_t *len)
{
    *len = c->t[k].end - c->t[k].start;
    return c->d->text + c->t[k].start;
}

/* Token k's bytes are w, ASCII letters folded.  Not rift_tok_is: that
 * reads a left curly quote as an apostrophe, and "‘s" opens a quotation. */
static bool tok_bytes_are(const ctx *c, size_t k, const char *w)
{
    size_t len;
    const char *s = ttext(c, k, &len);
    if (strlen(w) != len)
        return false;
    for (size_t i = 0; i < len; i++) {
        char a = s[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != w[i])
            return false;
    }
    return true;
}

static int lex(const ctx *c, const rift_lexicon *lx, size_t k)
{
    if (c->t[k].kind != RIFT_TOK_WORD)
        return -1;
    size_t len;
    const char *s = ttext(c, k, &len);
    if (len > 40)
        return -1;
    return rift_lexicon_lookup(lx, &c->d->arena, s, len);
}

/* A cue verb: in the cue lexicon and written in lower case (a capital
 * "Post" is a name, not the verb), unless it starts the sentence. */
static int cue(const ctx *c, size_t k)
{
    if ((c->t[k].flags & RIFT_TF_CAP) && !(c->t[k].flags & RIFT_TF_SENT_START))
        return -1;
    return lex(c, c->cues, k);
}

static bool is_word(const ctx *c, size_t k)
{
    return c->t[k].kind == RIFT_TOK_WORD || c->t[k].kind == RIFT_TOK_NUMBER;
}

static bool is_punct(const ctx *c, size_t k, char p)
{
    return c->t[k].kind == RIFT_TOK_PUNCT && c->t[k].end - c->t[k].start == 1 &&
           c->d->text[c->t[k].start] == p;
}

static enum mark mark_of(const ctx *c, size_t k, bool *single)
{
    const rift_token *tk = &c->t[k];
    if (tk->kind != RIFT_TOK_QUOTE)
        return M_NONE;
    int n;
    int32_t cp = rift_utf8_decode(c->d->text, tk->end, tk->start, &n);
    *single = false;
    switch (cp) {
    case 0x201C: case 0x201E: case 0x201F: case 0x00AB: return M_OPEN;
    case 0x201D: case 0x00BB: return M_CLOSE;
    case 0x2018: case 0x201B: case 0x201A: *single = true; return M_OPEN;
    case 0x2019: *single = true; return M_CLOSE;
    case '\'': case '`': *single = true; break;
    case '"': break;
    default: return M_NONE;
    }
    if (tk->flags & RIFT_TF_QUOTE_OPEN)
        return M_OPEN;
    if (tk->flags & RIFT_TF_QUOTE_CLOSE)
        return M_CLOSE;
    return M_AMBIG;
}

/* ---- entity mentions, from the public entity layer ----------------------- */

static int by_start(const void *a, const void *b)
{
    const mspan *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static void index_mentions(ctx *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->d->n_entities; i++)
        n += c->d->entities[i].n_mentions;
    c->m = rift_arena_alloc(&c->d->arena, (n + 1) * sizeof *c->m);
    for (size_t i = 0; i < c->d->n_entities; i++)
        for (size_t k = 0; k < c->d->entities[i].n_mentions; k++) {
            rift_span s = c->d->entities[i].mentions[k];
            c->m[c->nm++] = (mspan){s.start, s.end, (int32_t)i};
        }
    qsort(c->m, c->nm, sizeof *c->m, by_start);
}

/* First mention index with start >= pos. */
static size_t mention_from(const ctx *c, uint32_t pos)
{
    size_t lo = 0, hi = c->nm;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->m[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static rift_entity_type etype(const ctx *c, int32_t e)
{
    return c->d->entities[e].type;
}

/* The entity mentioned in [a, b); the last one when last, else the first. */
static int32_t entity_in(const ctx *c, uint32_t a, uint32_t b, bool last)
{
    size_t i = mention_from(c, a > 256 ? a - 256 : 0);
    int32_t found = -1;
    for (; i < c->nm && c->m[i].start < b; i++) {
        if (c->m[i].end <= a)
            continue;
        found = c->m[i].ent;
        if (!last)
            return found;
    }
    return found;
}

static bool inside_quote(const ctx *c, uint32_t pos)
{
    size_t lo = 0, hi = c->nq;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->q[mid].q.start <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && pos < c->q[lo - 1].q.end;
}

/* The mention tables of ctx, once the quotes (and so what lies inside
 * them) are known: one pass forwards, one backwards. */
static void index_quoted_mentions(ctx *c)
{
    rift_arena *a = &c->d->arena;
    size_t nm = c->nm, sz = (nm + 1) * sizeof(uint32_t);
    bool *inq = rift_arena_alloc_raw(a, nm + 1);
    for (size_t i = 0; i < nm; i++)
        inq[i] = inside_quote(c, c->m[i].start);
    c->prev_actor = rift_arena_alloc_raw(a, sz);
    c->actor_run = rift_arena_alloc_raw(a, sz);
    c->prev_outlet = rift_arena_alloc_raw(a, sz);
    c->prev_org = rift_arena_alloc_raw(a, sz);
    uint32_t actor = NONE, outlet = NONE, org = NONE;
    for (size_t i = 0; i <= nm; i++) {
        c->prev_actor[i] = actor;
        c->prev_outlet[i] = outlet;
        c->prev_org[i] = org;
        if (i == nm || inq[i])
            continue;
        rift_entity_type ty = etype(c, c->m[i].ent);
        if (ty == RIFT_ENT_OUTLET)
            outlet = (uint32_t)i;
        else if (ty == RIFT_ENT_ORG)
            org = (uint32_t)i;
        if (ty == RIFT_ENT_LOC)
            continue;
        c->actor_run[i] = actor != NONE && c->m[actor].ent == c->m[i].ent ? c->actor_run[actor]
                                                                         : (uint32_t)i;
        actor = (uint32_t)i;
    }
    c->next_person = rift_arena_alloc_raw(a, sz);
    c->next_actor = rift_arena_alloc_raw(a, sz);
    uint32_t person = (uint32_t)nm;
    actor = (uint32_t)nm;
    for (size_t i = nm + 1; i-- > 0;) {
        if (i < nm && !inq[i]) {
            rift_entity_type ty = etype(c, c->m[i].ent);
            if (ty == RIFT_ENT_PERSON)
                person = (uint32_t)i;
            if (ty != RIFT_ENT_LOC)
                actor = (uint32_t)i;
        }
        c->next_person[i] = person;
        c->next_actor[i] = actor;
    }
}

/* First PERSON mention outside quotes in bytes [a, b). */
static int32_t person_in(const ctx *c, uint32_t a, uint32_t b)
{
    size_t i = c->next_person[mention_from(c, a)];
    return i < c->nm && c->m[i].start < b ? c->m[i].ent : -1;
}

/* Most recent OUTLET (else ORG) mention outside quotes before pos, within
 * 4 KB. */
static int32_t outlet_before(const ctx *c, uint32_t pos)
{
    size_t i = mention_from(c, pos);
    uint32_t o = c->prev_outlet[i];
    if (o == NONE || c->m[o].start + 4096 < pos)
        o = c->prev_org[i];
    return o == NONE || c->m[o].start + 4096 < pos ? -1 : c->m[o].ent;
}

static int by_end_idx(const void *a, const void *b)
{
    const struct end_idx *x = a, *y = b;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static uint32_t mention_ending_at(ctx *c, uint32_t end, size_t hi)
{
    if (!c->by_end) {
        c->by_end = rift_arena_alloc_raw(&c->d->arena, (c->nm + 1) * sizeof *c->by_end);
        for (size_t i = 0; i < c->nm; i++)
            c->by_end[i] = (struct end_idx){c->m[i].end, (uint32_t)i};
        qsort(c->by_end, c->nm, sizeof *c->by_end, by_end_idx);
    }
    struct end_idx key = {end, (uint32_t)hi};
    size_t lo = 0, up = c->nm;
    while (lo < up) {
        size_t mid = (lo + up) / 2;
        if (by_end_idx(&c->by_end[mid], &key) < 0)
            lo = mid + 1;
        else
            up = mid;
    }
    return lo > 0 && c->by_end[lo - 1].end == end ? c->by_end[lo - 1].i : NONE;
}

/* ---- finding the quotes ------------------------------------------------- */

static void add_quote(ctx *c, qvec *v, size_t open, size_t close,
                      uint32_t block, bool closed)
{
    qrec r;
    memset(&r, 0, sizeof r);
    r.open = (uint32_t)open;
    r.close = (uint32_t)close;
    r.block = block;
    r.closed = closed;
    r.q.start = c->t[open].start;
    r.q.end = c->t[close].end;
    r.q.speaker = -1;
    r.q.via = -1;
    RIFT_VEC_PUSH(*v, r);
}

/* Does the document quote with single marks (‘…’) rather than double? */
static bool single_style(const ctx *c)
{
    size_t dbl = 0, sgl_open = 0;
    for (size_t k = 0; k < c->nt; k++) {
        bool single;
        enum mark m = mark_of(c, k, &single);
        if (m == M_NONE)
            continue;
        if (!single)
            dbl++;
        else if (m == M_OPEN || (m == M_AMBIG && (c->t[k].flags & RIFT_TF_SPACE_BEFORE)))
            sgl_open++;
    }
    return dbl == 0 && sgl_open > 0;
}

static void find_quotes(ctx *c)
{
    qvec v = {0};
    bool use_single = single_style(c);
    const rift_doc *d = c->d;
    size_t k = 0;
    while (k < c->nt) {
        uint32_t block = d->sents[c->tok_sent[k]].block;
        size_t end = k;
        while (end < c->nt && d->sents[c->tok_sent[end]].block == block)
            end++;
        long open = -1, sopen = -1;
        size_t after = k; /* first token after the last quote of the block */
        for (size_t i = k; i < end; i++) {
            bool single;
            enum mark m = mark_of(c, i, &single);
            if (m == M_NONE)
                continue;
            if (single != use_single) {
                /* 'scare quotes' in single marks in a document that quotes
                 * speech in double marks: a few words, outside any quote */
                if (!single || open >= 0)
                    continue;
                if (sopen < 0) {
                    if ((m == M_OPEN || m == M_AMBIG) &&
                        (i == k || (c->t[i].flags & RIFT_TF_SPACE_BEFORE)))
                        sopen = (long)i;
                } else if (m == M_CLOSE || m == M_AMBIG) {
                    size_t words = 0;
                    bool plain = true;
                    for (size_t j = (size_t)sopen + 1; j < i; j++) {
                        words += is_word(c, j);
                        plain &= is_word(c, j) || c->t[j].kind == RIFT_TOK_DASH ||
                                 is_punct(c, j, '-');
                    }
                    if (plain && words >= 1 && words <= 5)
                        add_quote(c, &v, (size_t)sopen, i, block, true);
                    sopen = -1;
                }
                continue;
            }
            if (open < 0) {
                if (m == M_OPEN || m == M_AMBIG) {
                    open = (long)i;
                } else if (!single && i > after + 4 && c->t[i - 1].kind == RIFT_TOK_PUNCT &&
                           (is_punct(c, i - 1, '.') || is_punct(c, i - 1, ',') ||
                            is_punct(c, i - 1, '!') || is_punct(c, i - 1, '?'))) {
                    /* a closing mark after a sentence's end with no opening
                     * one: the quote began where the paragraph, or the
                     * quote before, left off (not `16"` or `Jones"`) */
                    add_quote(c, &v, after, i, block, true);
                    after = i + 1;
                }
            } else if (m == M_CLOSE || m == M_AMBIG) {
                add_quote(c, &v, (size_t)open, i, block, true);
                open = -1;
                after = i + 1;
            } else if (i > (size_t)open + 1) { /* a new opening: the old one ran out */
                add_quote(c, &v, (size_t)open, i - 1, block, false);
                open = (long)i;
            }
        }
        if (open >= 0 && end > (size_t)open + 1)
            add_quote(c, &v, (size_t)open, end - 1, block, false);
        k = end;
    }
    c->q = rift_arena_adopt(&c->d->arena, v.v, v.n, sizeof *v.v);
    c->nq = v.n;
}

/* ---- fragments ---------------------------------------------------------- */

static size_t sent_first(const ctx *c, size_t k)
{
    return c->d->sents[c->tok_sent[k]].tok_begin;
}

static size_t sent_last(const ctx *c, size_t k)
{
    return c->d->sents[c->tok_sent[k]].tok_end - 1;
}

/* Word tokens among tokens [a, b). */
static size_t words_in(const ctx *c, size_t a, size_t b)
{
    return a < b ? c->wpre[b] - c->wpre[a] : 0;
}

/* Is there a cue verb among tokens [first of k's sentence, k)? */
static bool cue_before(ctx *c, size_t k)
{
    uint32_t s = c->tok_sent[k];
    if (c->sent_cue[s] == 0) {
        c->sent_cue[s] = NONE;
        for (size_t j = c->d->sents[s].tok_begin; j < c->d->sents[s].tok_end && j < c->nt; j++)
            if (cue(c, j) >= 0) {
                c->sent_cue[s] = (uint32_t)j + 1;
                break;
            }
    }
    return c->sent_cue[s] != NONE && c->sent_cue[s] - 1 < k;
}

static void mark_fragment(ctx *c, qrec *r)
{
    size_t first = sent_first(c, r->open);
    size_t words = words_in(c, r->open + 1, r->close);
    /* Words before the opening mark in its sentence, other than an intro
     * that ends in a colon or comma ("X said: “...”"). */
    if (words_in(c, first, r->open) == 0 || words == 0) {
        r->fragment = false;
        return;
    }
    size_t p = r->open;
    while (p > first && c->t[p - 1].kind == RIFT_TOK_DASH)
        p--;
    if (p > first && is_punct(c, p - 1, ':')) {
        r->fragment = false; /* a colon introduces a full quote */
        return;
    }
    /* "“…,” he said": a quote that ends in a comma or stop and is followed
     * by a cue verb within a few words is a full quote. */
    if (r->closed && r->close > r->open + 1 &&
        (is_punct(c, r->close - 1, ',') || is_punct(c, r->close - 1, '.') ||
         is_punct(c, r->close - 1, '!') || is_punct(c, r->close - 1, '?'))) {
        size_t end = sent_last(c, r->close) + 1;
        for (size_t k = r->close + 1; k < end && k < r->close + 6; k++)
            if (cue(c, k) >= 0) {
                r->fragment = false;
                return;
            }
    }
    /* An intro with a cue verb is a full quote; "such as, “x”" is not. */
    if (p > first && is_punct(c, p - 1, ',') && cue_before(c, p)) {
        r->fragment = false;
        return;
    }
    r->fragment = r->closed && words <= 12;
}

/* ---- speakers ----------------------------------------------------------- */

typedef struct who {
    int32_t ent;
    rift_speaker_kind kind;
    rift_span text;
} who;

/* The speaker of the last full quote with a PERSON speaker, within two
 * paragraphs (quotes are attributed in order, so it is before qi). */
static int32_t previous_person_speaker(const ctx *c, size_t qi)
{
    if (c->last_person_q == 0)
        return -1;
    const qrec *p = &c->q[c->last_person_q - 1];
    return c->q[qi].block > p->block + 2 ? -1 : p->q.speaker;
}

/* Who the words of tokens [a, b) name: an entity, an anonymous source, a
 * pronoun resolved through the text, or unknown with the words kept. */
static who resolve_np(const ctx *c, size_t a, size_t b, size_t qi, bool last)
{
    who w = {-1, RIFT_SPEAKER_UNKNOWN, {0, 0}};
    while (a < b && !is_word(c, a))
        a++;
    while (b > a && !is_word(c, b - 1))
        b--;
    if (a >= b || b - a > 10)
        return w;
    w.text = (rift_span){c->t[a].start, c->t[b - 1].end};
    /* "he said ..., and added: “…”": the subject is the earlier one */
    bool linked = true;
    for (size_t k = a; k < b; k++)
        linked &= rift_tok_in(c->d, k, QL(c, QL_LINKS));
    bool pron = b - a == 1 && rift_tok_in(c->d, a, QL(c, QL_PRONOUNS));
    bool plural = pron && (rift_tok_is(c->d, a, "they") || rift_tok_is(c->d, a, "we"));
    if (linked || (pron && !plural)) {
        if (linked)
            w.text = (rift_span){0, 0};
        /* the subject nearest before: this sentence before the quote, the
         * sentence before, else the speaker of the quote before */
        size_t s = c->tok_sent[c->q[qi].open];
        int32_t p = person_in(c, c->d->sents[s].start, c->q[qi].q.start);
        if (p < 0 && s > 0)
            p = person_in(c, c->d->sents[s - 1].start, c->d->sents[s - 1].end);
        if (p < 0)
            p = previous_person_speaker(c, qi);
        if (p < 0 && pron) {
            int32_t e = entity_in(c, c->t[a].start, c->t[a].end, false);
            if (e >= 0 && etype(c, e) == RIFT_ENT_PERSON)
                p = e;
        }
        if (p >= 0) {
            w.ent = p;
            w.kind = RIFT_SPEAKER_PERSON;
        }
        return w;
    }
    if (plural) {
        int32_t e = entity_in(c, c->t[a].start, c->t[a].end, false);
        if (e >= 0) {
            w.ent = e;
            w.kind = etype(c, e) == RIFT_ENT_PERSON ? RIFT_SPEAKER_PERSON
                                                    : RIFT_SPEAKER_ORGANIZATION;
        }
        return w;
    }
    /* unnamed sources: "one source", "a GOP source", "one former adviser to
     * the governor", "another", "the aide", "the mayor's chief aide" */
    bool src = false, poss = false;
    for (size_t k = a; k < b && !src; k++) {
        if (lex(c, c->sources, k) >= 0)
            src = true;
        else if (rift_tok_in(c->d, k, QL(c, QL_PREPS)))
            break;
        else if (tok_bytes_are(c, k, "'s") || tok_bytes_are(c, k, "\xE2\x80\x99s") ||
                 (c->t[k].flags & RIFT_TF_POSSESSIVE))
            poss = true;
    }
    if ((src && (rift_tok_in(c->d, a, QL(c, QL_ANON_DET)) || poss)) ||
        (b - a == 1 && (rift_tok_is(c->d, a, "another") || rift_tok_is(c->d, a, "others")))) {
        w.kind = RIFT_SPEAKER_ANONYMOUS;
        return w;
    }
    int32_t e = entity_in(c, c->t[a].start, c->t[b - 1].end, last);
    if (e >= 0) {
        w.ent = e;
        w.kind = etype(c, e) == RIFT_ENT_PERSON ? RIFT_SPEAKER_PERSON
                                                : RIFT_SPEAKER_ORGANIZATION;
        return w;
    }
    if (b - a == 2 && rift_tok_is(c->d, a, "the") &&
        rift_tok_in(c->d, a + 1, QL(c, QL_OUTLET_WORDS))) {
        int32_t o = outlet_before(c, c->t[a].start);
        if (o >= 0) {
            w.ent = o;
            w.kind = RIFT_SPEAKER_ORGANIZATION;
        }
    }
    return w;
}

/* Tokens [a, b) after a cue: the listener of "told X", and channels
 * ("in a statement", "on X", "in an interview with CBS"). */
static void find_via(ctx *c, qrec *r, size_t a, size_t b, bool tell)
{
    if (tell && a < b) {
        size_t e = a;
        while (e < b && e < a + 5 && is_word(c, e) && !rift_tok_in(c->d, e, QL(c, QL_PREPS)))
            e++;
        if (e > a) {
            int32_t ent = entity_in(c, c->t[a].start, c->t[e - 1].end, false);
            if (ent >= 0 && etype(c, ent) != RIFT_ENT_PERSON) {
                r->q.via = ent;
                return;
            }
        }
        a = e;
    }
    for (size_t k = a; k + 1 < b && k < a + 12; k++) {
        if (!rift_tok_is(c->d, k, "in") && !rift_tok_is(c->d, k, "on") &&
            !rift_tok_is(c->d, k, "via") && !rift_tok_is(c->d, k, "through") &&
            !rift_tok_is(c->d, k, "during"))
            continue;
        size_t s = k + 1;
        bool det = false;
        if (s < b && (rift_tok_is(c->d, s, "a") || rift_tok_is(c->d, s, "an") ||
                      rift_tok_is(c->d, s, "the") || rift_tok_is(c->d, s, "his") ||
                      rift_tok_is(c->d, s, "her") || rift_tok_is(c->d, s, "their"))) {
            s++;
            det = true;
        }
        if (s >= b)
            break;
        /* one- or two-word channel names */
        for (size_t w = 2; w >= 1; w--) {
            if (s + w > b)
                continue;
            size_t len = c->t[s + w - 1].end - c->t[s].start;
            if (len > 40)
                continue;
            if (rift_lexicon_lookup(c->channels, &c->d->arena,
                                    c->d->text + c->t[s].start, len) >= 0) {
                size_t from = det ? s - 1 : s;
                int32_t ent = entity_in(c, c->t[s].start, c->t[s + w - 1].end, false);
                /* "an interview with CBS": the outlet is the channel */
                size_t after = s + w;
                if (after + 1 < b && rift_tok_is(c->d, after, "with")) {
                    int32_t o = entity_in(c, c->t[after + 1].start,
                                          c->t[after + 1].end, false);
                    if (o >= 0 && etype(c, o) != RIFT_ENT_PERSON)
                        ent = o;
                }
                if (ent >= 0 && etype(c, ent) != RIFT_ENT_PERSON)
                    r->q.via = ent;
                else
                    r->q.via_name = rift_arena_strndup(
                        &c->d->arena, c->d->text + c->t[from].start,
                        c->t[s + w - 1].end - c->t[from].start);
                return;
            }
        }
    }
}

/* The person whose name is the whole of tokens [a, b): the name in an
 * apposition ("Ryan's spokeswoman, AshLee Strong, said"); -1 if none. */
static int32_t name_is(const ctx *c, size_t a, size_t b)
{
    while (a < b && !is_word(c, a))
        a++;
    while (b > a && !is_word(c, b - 1))
        b--;
    if (a >= b || b - a > 5)
        return -1;
    uint32_t s = c->t[a].start, e = c->t[b - 1].end;
    for (size_t i = mention_from(c, s); i < c->nm && c->m[i].start == s; i++)
        if (c->m[i].end == e && etype(c, c->m[i].ent) == RIFT_ENT_PERSON)
            return c->m[i].ent;
    return -1;
}

/* A role with a name in apposition is the named person: w (the role's
 * reading, anonymous or unknown) becomes the person of [a, b). */
static void appos_name(const ctx *c, who *w, size_t a, size_t b)
{
    if (w->kind == RIFT_SPEAKER_PERSON || w->kind == RIFT_SPEAKER_ORGANIZATION)
        return;
    int32_t p = name_is(c, a, b);
    if (p < 0)
        return;
    w->ent = p;
    w->kind = RIFT_SPEAKER_PERSON;
    w->text = (rift_span){c->t[a].start, c->t[b - 1].end};
}

static void set_speaker(qrec *r, who w, size_t cue_tok, const ctx *c)
{
    r->q.speaker = w.ent;
    r->q.speaker_kind = w.kind;
    r->q.speaker_text = w.text;
    r->q.cue = (rift_span){c->t[cue_tok].start, c->t[cue_tok].end};
}

/* "“Why?” Mr. X said." and "“No!” X fumed.": a quote ending in ? or !
 * ends its sentence for the segmenter, and the cue is the next sentence, a
 * short one in the same paragraph: [*a, *end) become its tokens. */
static bool next_sentence_cue(const ctx *c, const qrec *r, size_t *a, size_t *end)
{
    size_t last = r->close; /* the mark before the closing quote */
    while (last > r->open + 1 && c->t[last - 1].kind == RIFT_TOK_QUOTE)
        last--;
    if (last <= r->open + 1 || !(is_punct(c, last - 1, '?') || is_punct(c, last - 1, '!')))
        return false;
    size_t s = c->tok_sent[r->close] + 1;
    if (s >= c->d->n_sents || c->d->sents[s].block != c->d->sents[s - 1].block)
        return false;
    size_t b = c->d->sents[s].tok_begin, e = c->d->sents[s].tok_end;
    if (e > c->nt || e <= b || e - b > 14 || c->t[b].kind == RIFT_TOK_QUOTE)
        return false;
    *a = b;
    *end = e;
    return true;
}

/* "“…,” X said ..." and "“…,” said X ..." */
static bool tail_cue(ctx *c, size_t qi)
{
    qrec *r = &c->q[qi];
    if (!r->closed)
        return false;
    size_t a = r->close + 1, end = sent_last(c, r->close) + 1;
    /* "“…” — he said" / "“…,” he said" */
    while (a < end && (c->t[a].kind == RIFT_TOK_PUNCT || c->t[a].kind == RIFT_TOK_DASH) &&
           !is_punct(c, a, '.'))
        a++;
    if (a >= end && !next_sentence_cue(c, r, &a, &end))
        return false;
    /* a new quote right after ends the search: "“…,” “…”" */
    size_t lim = a + 24 < end ? a + 24 : end;
    for (size_t k = a; k < lim; k++) {
        if (c->t[k].kind == RIFT_TOK_QUOTE || is_punct(c, k, '.') || is_punct(c, k, ';'))
            break;
        int cv = cue(c, k);
        if (cv < 0)
            continue;
        if (rift_tok_is(c->d, k, "according") && k + 1 < end && rift_tok_is(c->d, k + 1, "to")) {
            size_t s = k + 2, e = s;
            while (e < end && e < s + 8 && (is_word(c, e)) &&
                   !rift_tok_in(c->d, e, QL(c, QL_PREPS)))
                e++;
            who w = resolve_np(c, s, e, qi, false);
            set_speaker(r, w, k, c);
            r->q.cue.end = c->t[k + 1].end;
            return true;
        }
        const char *val = c->cues->values[cv];
        bool tell = val && strcmp(val, "tell") == 0;
        who w;
        size_t after;
        if (k == a) { /* said X */
            size_t s = k + 1, e = s;
            while (e < end && e < s + 8 && is_word(c, e) && !rift_tok_in(c->d, e, QL(c, QL_PREPS)))
                e++;
            w = resolve_np(c, s, e, qi, false);
            after = e;
            /* "said Ryan's spokeswoman, AshLee Strong." */
            if (e + 1 < end && is_punct(c, e, ',')) {
                size_t n2 = e + 1;
                while (n2 < end && n2 < e + 6 && is_word(c, n2))
                    n2++;
                size_t before = w.kind;
                appos_name(c, &w, e + 1, n2);
                if (w.kind != before)
                    after = n2;
            }
        } else {      /* X said */
            /* "X, the editor of the Gazette, said": X is before the comma */
            size_t np_end = k;
            for (size_t j = a; j < k; j++)
                if (is_punct(c, j, ',')) {
                    np_end = j;
                    break;
                }
            bool clause = false;
            for (size_t j = a; j < np_end; j++)
                clause |= rift_tok_in(c->d, j, QL(c, QL_CLAUSE_WORDS));
            if (clause || np_end - a > 7)
                return false;
            w = resolve_np(c, a, np_end, qi, np_end == k);
            if (np_end + 1 < k && is_punct(c, k - 1, ','))
                appos_name(c, &w, np_end + 1, k - 1);
            after = k + 1;
        }
        set_speaker(r, w, k, c);
        find_via(c, r, after, end, tell);
        return true;
    }
    return false;
}

/* "X said: “…”", "Another told the Post: “…”", "According to X, “…”" */
static bool head_cue(ctx *c, size_t qi, bool far_ok)
{
    qrec *r = &c->q[qi];
    size_t first = sent_first(c, r->open);
    if (r->open == first)
        return false;
    size_t p = r->open;
    while (p > first && (c->t[p - 1].kind == RIFT_TOK_DASH || is_punct(c, p - 1, ':') ||
                         is_punct(c, p - 1, ',')))
        p--;
    /* Near the quote any cue verb; farther back (to the sentence start)
     * only one that reports a clause the quote ends: "X told the Post
     * that on Monday, after the vote, Y “…”". */
    size_t near = p > first + 14 ? p - 14 : first;
    size_t from = p > first + 40 ? p - 40 : first;
    for (size_t k = p; k-- > from;) {
        if (c->t[k].kind == RIFT_TOK_QUOTE)
            break;
        if (k < near) {
            if (!far_ok)
                break;
            bool that = false;
            for (size_t j = k + 1; j < k + 6 && j < p && !that; j++)
                that = rift_tok_is(c->d, j, "that");
            if (!that)
                continue;
        }
        if (rift_tok_is(c->d, k, "according") && k + 1 < p && rift_tok_is(c->d, k + 1, "to")) {
            who w = resolve_np(c, k + 2, p, qi, false);
            set_speaker(r, w, k, c);
            r->q.cue.end = c->t[k + 1].end;
            return true;
        }
        int cv = cue(c, k);
        if (cv < 0)
            continue;
        const char *val = c->cues->values[cv];
        bool tell = val && strcmp(val, "tell") == 0;
        /* the speaker: words before the cue back to a clause boundary,
         * passing over an apposition between commas ("X, the editor of
         * the Gazette, said") */
        size_t ke = k, appos = k;
        if (ke > first && is_punct(c, ke - 1, ',')) {
            size_t j = ke - 1, lim = j > first + 20 ? j - 20 : first;
            while (j > lim && !is_punct(c, j - 1, ',') && c->t[j - 1].kind != RIFT_TOK_QUOTE)
                j--;
            if (j > lim && is_punct(c, j - 1, ',')) {
                ke = j - 1;
                appos = j;
            }
        }
        size_t s = ke;
        while (s > first && (is_word(c, s - 1) || c->t[s - 1].kind == RIFT_TOK_SYMBOL) &&
               ke - s < 10)
            s--;
        /* skip adverbs between speaker and cue: "Musk also said" */
        size_t e = ke;
        while (e > s + 1) {
            size_t len;
            const char *w = ttext(c, e - 1, &len);
            if (len > 2 && w[len - 2] == 'l' && w[len - 1] == 'y')
                e--;
            else if (rift_tok_is(c->d, e - 1, "also") || rift_tok_is(c->d, e - 1, "later") ||
                     rift_tok_is(c->d, e - 1, "then") || rift_tok_is(c->d, e - 1, "once") ||
                     rift_tok_is(c->d, e - 1, "had") || rift_tok_is(c->d, e - 1, "has") ||
                     rift_tok_is(c->d, e - 1, "have") || rift_tok_is(c->d, e - 1, "would") ||
                     rift_tok_is(c->d, e - 1, "will"))
                e--;
            else
                break;
        }
        who w = resolve_np(c, s, e, qi, true);
        if (appos < k)
            appos_name(c, &w, appos, k - 1);
        set_speaker(r, w, k, c);
        find_via(c, r, k + 1, p, tell);
        return true;
    }
    return false;
}

static bool fragment_speaker(ctx *c, size_t qi)
{
    qrec *r = &c->q[qi];
    size_t first = sent_first(c, r->open), p = r->open;
    /* coordinated fragments: as “volatile” and “unpredictable” */
    if (qi > 0 && c->q[qi - 1].fragment && c->q[qi - 1].q.speaker >= 0 &&
        c->tok_sent[c->q[qi - 1].close] == c->tok_sent[r->open] &&
        r->open - c->q[qi - 1].close <= 3) {
        r->q.speaker = c->q[qi - 1].q.speaker;
        r->q.speaker_kind = c->q[qi - 1].q.speaker_kind;
        r->q.speaker_text = c->q[qi - 1].q.speaker_text;
        r->q.cue = c->q[qi - 1].q.cue;
        return true;
    }
    size_t k = p;
    while (k > first && (rift_tok_is(c->d, k - 1, "a") || rift_tok_is(c->d, k - 1, "an") ||
                         rift_tok_is(c->d, k - 1, "the") || rift_tok_is(c->d, k - 1, "him") ||
                         rift_tok_is(c->d, k - 1, "her") || rift_tok_is(c->d, k - 1, "them") ||
                         rift_tok_is(c->d, k - 1, "it")))
        k--;
    /* "as “…”", "called him “…”", or a calling verb a short object away:
     * "called the proposal “…”" */
    size_t v = k;
    if (k > first && rift_tok_in(c->d, k - 1, QL(c, QL_CALLING_WORDS))) {
        v = k - 1;
    } else {
        for (size_t j = k; j-- > first && j + 4 >= k;) {
            if (!is_word(c, j))
                break;
            if (rift_tok_in(c->d, j, QL(c, QL_CALLING_WORDS)) && !rift_tok_is(c->d, j, "as")) {
                v = j;
                break;
            }
        }
    }
    if (v == k)
        return false;
    uint32_t sent_start = c->d->sents[c->tok_sent[p]].start;
    /* "X referred to Y as “…”": Y ends right before "as"; the speaker is
     * the nearest other actor before Y. */
    int32_t object = -1;
    uint32_t limit = c->t[v].start;
    size_t lo = mention_from(c, sent_start);
    if (rift_tok_is(c->d, v, "as") && v > first) {
        uint32_t o = mention_ending_at(c, c->t[v - 1].end, mention_from(c, c->t[v].start));
        if (o != NONE && o >= lo) {
            object = c->m[o].ent;
            limit = c->m[o].start;
        }
    }
    /* the actors (outside quotes, not places) of the sentence before limit:
     * with no object the first, else the last that is not the object */
    size_t hi = mention_from(c, limit);
    uint32_t i = c->next_actor[lo];
    if (object >= 0) {
        i = c->prev_actor[hi];
        if (i != NONE && c->m[i].ent == object)
            i = c->prev_actor[c->actor_run[i]];
        if (i == NONE || i < lo)
            i = (uint32_t)hi;
    }
    if (i >= hi)
        return false;
    int32_t found = c->m[i].ent;
    uint32_t fs = c->m[i].start, fe = c->m[i].end;
    r->q.speaker = found;
    r->q.speaker_kind = etype(c, found) == RIFT_ENT_PERSON ? RIFT_SPEAKER_PERSON
                                                          : RIFT_SPEAKER_ORGANIZATION;
    r->q.speaker_text = (rift_span){fs, fe};
    r->q.cue = (rift_span){c->t[v].start, c->t[v].end};
    return true;
}

/* Quote i's speaker; prev is the full (not fragment) quote before it + 1,
 * or 0. */
static void attribute_one(ctx *c, size_t i, size_t prev)
{
    qrec *r = &c->q[i];
    if (r->fragment) {
        /* a calling verb ("called it “…”"), else a cue of the sentence
         * ("X said the plan was “…”"); a cue far back only for longer
         * fragments, so a quoted name ("the “Stocks” app") stays
         * without a speaker */
        if (!fragment_speaker(c, i) &&
            head_cue(c, i, words_in(c, r->open + 1, r->close) >= 4) &&
            r->q.speaker_kind == RIFT_SPEAKER_UNKNOWN) {
            r->q.cue = (rift_span){0, 0};
            r->q.speaker_text = (rift_span){0, 0};
        }
        return;
    }
    if ((tail_cue(c, i) || head_cue(c, i, true)) && r->q.speaker_kind != RIFT_SPEAKER_UNKNOWN)
        return;
    /* No cue, but a colon after a clause about someone: "Sunak
     * defended the record: “…”" is Sunak's. */
    if (r->q.speaker_kind == RIFT_SPEAKER_UNKNOWN && r->q.cue.end == r->q.cue.start) {
        size_t first = sent_first(c, r->open), p = r->open;
        while (p > first && c->t[p - 1].kind == RIFT_TOK_DASH)
            p--;
        if (p > first + 1 && is_punct(c, p - 1, ':')) {
            int32_t who_ = person_in(c, c->t[first].start, c->t[p - 1].start);
            if (who_ >= 0) {
                r->q.speaker = who_;
                r->q.speaker_kind = RIFT_SPEAKER_PERSON;
                return;
            }
        }
    }
    /* No cue (or one naming nobody): a quote continues the speaker of
     * the quote before it in the same or the next paragraph. */
    if (prev == 0)
        return;
    const qrec *p = &c->q[prev - 1];
    if (p->q.speaker_kind != RIFT_SPEAKER_UNKNOWN &&
        (p->block == r->block || c->next_text[p->block] == r->block) &&
        r->q.cue.end == r->q.cue.start) {
        r->q.speaker = p->q.speaker;
        r->q.speaker_kind = p->q.speaker_kind;
        r->q.speaker_text = p->q.speaker_text;
        r->q.via = p->q.via;
        r->q.via_name = p->q.via_name;
    }
}

static void attribute(ctx *c)
{
    size_t nb = c->d->n_blocks;
    c->next_text = rift_arena_alloc_raw(&c->d->arena, (nb + 1) * sizeof *c->next_text);
    c->next_text[nb] = (uint32_t)nb;
    for (size_t b = nb; b-- > 0;)
        c->next_text[b] = b + 1 < nb && c->d->blocks[b + 1].kind == RIFT_BLOCK_TEXT
                              ? (uint32_t)(b + 1) : c->next_text[b + 1];
    size_t prev = 0;
    for (size_t i = 0; i < c->nq; i++) {
        attribute_one(c, i, prev);
        const qrec *r = &c->q[i];
        if (r->fragment)
            continue;
        prev = i + 1;
        if (r->q.speaker >= 0 && etype(c, r->q.speaker) == RIFT_ENT_PERSON)
            c->last_person_q = (uint32_t)(i + 1);
    }
}

void rift_stage_quotes(rift_doc *d)
{
    if (d->n_tokens == 0 || d->n_sents == 0)
        return;
    ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.t = d->tokens;
    c.nt = d->n_tokens;
    c.cues = rift_model_lexicon(d->model, "quote_cues");
    c.wl = d->model->quote_data;
    c.sources = rift_model_lexicon(d->model, "quote_sources");
    c.channels = rift_model_lexicon(d->model, "quote_channels");
    bool any = false;
    for (size_t k = 0; k < c.nt && !any; k++)
        any = c.t[k].kind == RIFT_TOK_QUOTE;
    if (!any)
        return;
    c.tok_sent = rift_arena_alloc(&d->arena, c.nt * sizeof *c.tok_sent);
    for (size_t s = 0; s < d->n_sents; s++)
        for (uint32_t k = d->sents[s].tok_begin; k < d->sents[s].tok_end && k < c.nt; k++)
            c.tok_sent[k] = (uint32_t)s;
    c.wpre = rift_arena_alloc_raw(&d->arena, (c.nt + 1) * sizeof *c.wpre);
    c.wpre[0] = 0;
    for (size_t k = 0; k < c.nt; k++)
        c.wpre[k + 1] = c.wpre[k] + is_word(&c, k);
    c.sent_cue = rift_arena_alloc(&d->arena, d->n_sents * sizeof *c.sent_cue);
    index_mentions(&c);
    find_quotes(&c);
    index_quoted_mentions(&c);
    for (size_t i = 0; i < c.nq; i++)
        mark_fragment(&c, &c.q[i]);
    attribute(&c);
    d->quotes = rift_arena_alloc(&d->arena, (c.nq + 1) * sizeof *d->quotes);
    for (size_t i = 0; i < c.nq; i++) {
        d->quotes[i] = c.q[i].q;
        d->quotes[i].fragment = c.q[i].fragment;
    }
    d->n_quotes = c.nq;
}
