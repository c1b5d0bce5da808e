/* entity.c: stage "entities": in-document coreference.  Gathers the
 * mentions of stage "mentions" into entities (full names, surnames, first
 * names, acronyms, outlet short forms, titles alone, descriptions, "the
 * outlet", he/she) and fills d->entities.  Never looks across documents.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

#define TYPE_UNKNOWN 255
#define TYPE_THING 254   /* products, events, works (mention.c): never output */
#define NO_ENT (-1)
#define AMBIGUOUS (-2)

typedef struct ent {
    int type;
    bool confident;
    uint8_t gender;          /* RIFT_MF_MALE / RIFT_MF_FEMALE / 0 */
    int32_t best;            /* mention giving the name */
    uint32_t best_words;
    int32_t last_mention;    /* latest mention linked so far (pass 3) */
    int32_t actor;
    bool by_first;           /* a one-word mention joined by the first word */
    RIFT_VEC(const char *) roles;
} ent;

/* The word lists of data/en the stage asks about (data/en/README.md). */
enum { EN_NAME_JOINERS, EN_PLACE_PREPS, EN_ROLE_MODS, EN_ARTICLES, EN_SUBORDINATORS,
       EN_DESC_STOPS, EN_DESC_TAIL, EN_APPOS_PREPS, EN_PP_PREPS, EN_COPULAS,
       EN_COPULA_ADVS, EN_PRED_STOPS, EN_UN_DEFINITE, EN_UN_NEW, EN_UN_QUANTIFIERS,
       EN_UN_VERBISH, EN_UN_STOPS, EN_THEY, EN_WE, EN_N };
static const char *const EN_FILES[EN_N] = {
    "fw_entity_name_joiners", "fw_entity_place_preps", "fw_entity_role_mods", "fw_articles",
    "fw_entity_subordinators", "fw_entity_desc_stops", "fw_entity_desc_tail",
    "fw_entity_appos_preps", "fw_entity_pp_preps", "fw_entity_copulas",
    "fw_entity_copula_advs", "fw_entity_pred_stops", "fw_unnamed_definite", "fw_unnamed_new",
    "fw_unnamed_quantifiers", "fw_unnamed_verbish", "fw_unnamed_stops", "fw_pronouns_they",
    "fw_pronouns_we"};

typedef struct ectx {
    rift_doc *d;
    rift_arena scratch;
    RIFT_VEC(ent) e;
    rift_strmap full, last, first, part, initials, roles;
    rift_strmap ofirst;      /* first word of an organisation's name */
    const rift_lexicon *wl[EN_N]; /* the word lists, by EN_* */
} ectx;

/* The lexicons of the word lists (the model loads them; a missing one was
 * refused by rift_entity_check_lists). */
static void entity_lists(const rift_model *m, const rift_lexicon **wl)
{
    for (int k = 0; k < EN_N; k++)
        wl[k] = rift_model_lexicon(m, EN_FILES[k]);
}

rift_status rift_entity_check_lists(rift_model *m)
{
    const rift_lexicon *lx;
    for (int k = 0; k < EN_N; k++) {
        rift_status st = rift_lexicon_require(m, EN_FILES[k], &lx);
        if (st != RIFT_OK)
            return st;
    }
    return RIFT_OK;
}

/* The stage asks only about word tokens. */
static bool word_is(const rift_doc *d, uint32_t i, const char *w)
{
    return d->tokens[i].kind == RIFT_TOK_WORD && rift_tok_is(d, i, w);
}

static bool word_in(const rift_doc *d, uint32_t i, const rift_lexicon *lx)
{
    return d->tokens[i].kind == RIFT_TOK_WORD && rift_tok_in(d, i, lx);
}

static bool word_tok(const rift_token *t) { return t->kind == RIFT_TOK_WORD; }

static uint32_t n_words(const rift_doc *d, const rift_mention *m)
{
    uint32_t n = 0;
    for (uint32_t i = m->tok_begin; i < m->tok_end; i++)
        n += word_tok(&d->tokens[i]) && (d->tokens[i].flags & RIFT_TF_SPACE_BEFORE || i == m->tok_begin);
    return n;
}

/* rift_utf8_fold of text made of ASCII, precomposed Latin-1 letters and
 * general punctuation (U+2000-U+203F) only, without utf8proc; NULL for
 * anything else.  Same result: Latin-1 capitals fold to +0x20, curly
 * apostrophes to ', dashes and hyphens to -, spaces to ' '. */
static char *latin_fold(rift_arena *a, const char *s, size_t n, size_t *len)
{
    char *o = NULL;
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        unsigned char ch = (unsigned char)s[j];
        if (ch < 0x80)
            continue;
        if (ch == 0xC3 && j + 1 < n && (unsigned char)s[j + 1] >= 0x80 &&
            (unsigned char)s[j + 1] <= 0xBF && (unsigned char)s[j + 1] != 0x9F) {
            j++;
            continue;
        }
        if (ch == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
            (unsigned char)s[j + 2] >= 0x80 && (unsigned char)s[j + 2] <= 0xBF) {
            int32_t cp = 0x2000 + ((unsigned char)s[j + 2] - 0x80);
            if (cp == 0x2000 || cp == 0x2001)
                return NULL; /* NFC maps these */
            j += 2;
            continue;
        }
        return NULL;
    }
    o = rift_arena_alloc(a, n + 1);
    for (size_t j = 0; j < n; j++) {
        unsigned char ch = (unsigned char)s[j];
        if (ch < 0x80) {
            o[k++] = (char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
        } else if (ch == 0xC3) {
            unsigned char c2 = (unsigned char)s[j + 1];
            o[k++] = (char)ch;
            o[k++] = (char)((c2 <= 0x9E && c2 != 0x97) ? c2 + 0x20 : c2);
            j++;
        } else {
            int32_t cp = 0x2000 + ((unsigned char)s[j + 2] - 0x80);
            rift_cclass cl = rift_utf8_class(cp);
            if (cp == 0x2019 || cp == 0x2018)
                o[k++] = '\'';
            else if (cl == RIFT_C_DASH || cl == RIFT_C_HYPHEN)
                o[k++] = '-';
            else if (cl == RIFT_C_SPACE)
                o[k++] = ' ';
            else {
                memcpy(o + k, s + j, 3);
                k += 3;
            }
            j += 2;
        }
    }
    *len = k;
    return o;
}

/* folded text of a span, single-spaced */
static char *fold_span(ectx *c, uint32_t s, uint32_t e, size_t *len)
{
    const char *t = c->d->text;
    char *tmp = rift_arena_alloc(&c->scratch, e - s + 1);
    size_t k = 0;
    bool sp = false;
    for (uint32_t i = s; i < e; i++) {
        char ch = t[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            sp = k > 0;
            continue;
        }
        if (sp)
            tmp[k++] = ' ';
        sp = false;
        tmp[k++] = ch;
    }
    char *f = latin_fold(&c->scratch, tmp, k, len);
    return f ? f : rift_utf8_fold(&c->scratch, tmp, k, len);
}

/* folded text of one token */
static char *fold_tok(ectx *c, uint32_t i, size_t *len)
{
    return fold_span(c, c->d->tokens[i].start, c->d->tokens[i].end, len);
}

static int32_t new_ent(ectx *c, const rift_mention *m, int32_t mi)
{
    ent e;
    memset(&e, 0, sizeof e);
    e.type = m->type;
    e.confident = m->confident;
    e.best = mi;
    e.best_words = n_words(c->d, m);
    e.last_mention = -1;
    e.actor = m->actor;
    e.gender = m->flags & (RIFT_MF_MALE | RIFT_MF_FEMALE);
    RIFT_VEC_PUSH(c->e, e);
    return (int32_t)(c->e.n - 1);
}

/* map a key to an entity; a second different entity makes it ambiguous */
static void reg(rift_strmap *m, const char *k, size_t n, int32_t e)
{
    int v = rift_strmap_get(m, k, n);
    if (v == -1)
        rift_strmap_put(m, k, n, e);
    else if (v != e)
        rift_strmap_put(m, k, n, AMBIGUOUS);
}

static bool is_conn(const ectx *c, const char *k, size_t n)
{
    return rift_word_in(c->wl[EN_NAME_JOINERS], k, n);
}

static void join(ectx *c, int32_t mi, int32_t ei)
{
    rift_mention *m = &c->d->mentions[mi];
    ent *e = &c->e.v[ei];
    m->entity = ei;
    if (m->kind == RIFT_MK_NAME || m->kind == RIFT_MK_ACRONYM) {
        uint32_t w = n_words(c->d, m);
        const rift_mention *b = &c->d->mentions[e->best];
        if (w > e->best_words ||
            (w == e->best_words && (b->kind == RIFT_MK_ACRONYM || (b->flags & RIFT_MF_IN_QUOTE)) &&
             m->kind == RIFT_MK_NAME && !(m->flags & RIFT_MF_IN_QUOTE))) {
            e->best = mi;
            e->best_words = w;
        }
        if (!e->confident && m->confident) {
            e->confident = true;
            e->type = m->type;
        }
        if (e->type == TYPE_UNKNOWN && m->type != TYPE_UNKNOWN)
            e->type = m->type;
        if (e->actor < 0)
            e->actor = m->actor;
    }
    if (!e->gender)
        e->gender = m->flags & (RIFT_MF_MALE | RIFT_MF_FEMALE);
}

/* a folded word that names a place or a nationality ("Australia" of
 * "Medical Journal of Australia"): never a short form of an organisation */
static bool known_place(ectx *c, const char *k, size_t n)
{
    const rift_lexicon *pl = rift_model_lexicon(c->d->model, "places");
    const rift_lexicon *dm = rift_model_lexicon(c->d->model, "demonyms");
    return (pl && rift_lexicon_find(pl, k, n) >= 0) || (dm && rift_lexicon_find(dm, k, n) >= 0);
}

/* names of persons: first word and last word keys; orgs: last word,
 * initials, outlet short forms */
static void register_parts(ectx *c, int32_t mi, int32_t ei)
{
    const rift_mention *m = &c->d->mentions[mi];
    const rift_token *t = c->d->tokens;
    uint32_t a = m->tok_begin, b = m->tok_end;
    if (b - a < 2)
        return;
    int type = c->e.v[ei].type;
    size_t n;
    char *k;
    if (type == RIFT_ENT_PERSON) {
        /* last word: skip Jr., Sr., II */
        uint32_t l = b - 1;
        while (l > a && (!word_tok(&t[l]) || (t[l].end - t[l].start <= 3 &&
                                             (t[l - 1].kind == RIFT_TOK_PUNCT ||
                                              !strncmp(c->d->text + t[l].start, "Jr", 2) ||
                                              !strncmp(c->d->text + t[l].start, "Sr", 2) ||
                                              !strncmp(c->d->text + t[l].start, "II", 2)))))
            l--;
        /* hyphenated surnames: the whole glued word */
        uint32_t ls = l;
        while (ls > a && !(t[ls].flags & RIFT_TF_SPACE_BEFORE))
            ls--;
        k = fold_span(c, t[ls].start, t[l].end, &n);
        reg(&c->last, k, n, ei);
        k = fold_tok(c, a, &n);
        reg(&c->first, k, n, ei);
        return;
    }
    /* organisations, outlets, places: last word ("the Post"), initials */
    k = fold_tok(c, b - 1, &n);
    if ((type == RIFT_ENT_ORG || type == RIFT_ENT_OUTLET) && !known_place(c, k, n))
        reg(&c->part, k, n, ei);
    if (type == RIFT_ENT_ORG && word_tok(&t[a]) && (t[a + 1].flags & RIFT_TF_SPACE_BEFORE)) {
        size_t fn;
        char *f = fold_tok(c, a, &fn);
        if (!is_conn(c, f, fn) && !known_place(c, f, fn) && rift_strmap_get(&c->full, f, fn) == -1)
            reg(&c->ofirst, f, fn, ei);
    }
    char ini[32];
    size_t il = 0;
    for (uint32_t i = a; i < b && il + 1 < sizeof ini; i++) {
        if (!word_tok(&t[i]))
            continue;
        k = fold_tok(c, i, &n);
        if (is_conn(c, k, n))
            continue;
        ini[il++] = k[0];
    }
    if (il >= 2)
        reg(&c->initials, ini, il, ei);
    if (type == RIFT_ENT_OUTLET) {
        const rift_lexicon *lx = rift_model_lexicon(c->d->model, "outlets");
        k = fold_span(c, m->start, m->end, &n);
        int v = rift_lexicon_find(lx, k, n);
        if (v < 0 && n + 4 < 250) {
            char k2[256];
            memcpy(k2, "the ", 4);
            memcpy(k2 + 4, k, n);
            v = rift_lexicon_find(lx, k2, n + 4);
        }
        const char *s = v >= 0 && (size_t)v < lx->n_values ? lx->values[v] : NULL;
        while (s && *s) {
            const char *bar = strchr(s, '|');
            size_t l = bar ? (size_t)(bar - s) : strlen(s);
            size_t fl;
            char *f = rift_utf8_fold(&c->scratch, s, l, &fl);
            reg(&c->part, f, fl, ei);
            s = bar ? bar + 1 : NULL;
        }
    }
}

/* a place preposition or "of" right before token i */
static bool place_before(const ectx *c, uint32_t i)
{
    return i > 0 && word_in(c->d, i - 1, c->wl[EN_PLACE_PREPS]);
}

static bool is_name(const rift_mention *m)
{
    return m->kind == RIFT_MK_NAME || m->kind == RIFT_MK_ACRONYM;
}

/* the most recent entity among mentions before mi whose key matches */
static int32_t recent_with(ectx *c, size_t mi, rift_strmap *map, bool person)
{
    for (size_t q = mi, steps = 0; q-- > 0 && steps < 400; steps++) {
        const rift_mention *o = &c->d->mentions[q];
        if (o->entity < 0 || !is_name(o))
            continue;
        if (person != (c->e.v[o->entity].type == RIFT_ENT_PERSON))
            continue;
        /* does this entity own the key? compare through the map's own
         * registration: re-register is costly, so test the parts directly */
        const rift_mention *cm = &c->d->mentions[mi];
        size_t n1, n2;
        char *k1 = fold_span(c, cm->start, cm->end, &n1);
        const rift_mention *b = &c->d->mentions[c->e.v[o->entity].best];
        char *k2 = fold_span(c, b->start, b->end, &n2);
        if (n2 > n1 && (!memcmp(k2 + n2 - n1, k1, n1) && k2[n2 - n1 - 1] == ' '))
            return o->entity;
        if (n2 > n1 && !memcmp(k2, k1, n1) && k2[n1] == ' ')
            return o->entity;
    }
    (void)map;
    return NO_ENT;
}

static int32_t lookup(ectx *c, rift_strmap *map, const char *k, size_t n, size_t mi,
                      bool person)
{
    int v = rift_strmap_get(map, k, n);
    if (v == AMBIGUOUS)
        return recent_with(c, mi, map, person);
    return v;
}

/* role text folded without leading modifiers ("former", "then") */
static char *role_key(ectx *c, uint32_t s, uint32_t e, size_t *n)
{
    char *k = fold_span(c, s, e, n);
    for (;;) {
        const char *sp = memchr(k, ' ', *n);
        size_t l = sp ? (size_t)(sp - k) + 1 : 0;
        if (!l || *n <= l || !rift_word_in(c->wl[EN_ROLE_MODS], k, l - 1))
            return k;
        k += l;
        *n -= l;
    }
}

static void add_role(ectx *c, int32_t ei, uint32_t s, uint32_t e)
{
    if (e <= s)
        return;
    ent *en = &c->e.v[ei];
    size_t n;
    char *k = fold_span(c, s, e, &n);
    for (size_t i = 0; i < en->roles.n; i++) {
        size_t l;
        char *o = rift_utf8_fold(&c->scratch, en->roles.v[i], strlen(en->roles.v[i]), &l);
        if (l == n && !memcmp(o, k, n))
            return;
    }
    /* the role as written, white space collapsed */
    const char *t = c->d->text;
    char *r = rift_arena_alloc(&c->d->arena, e - s + 1);
    size_t k2 = 0;
    bool sp = false;
    for (uint32_t i = s; i < e; i++) {
        char ch = t[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            sp = k2 > 0;
            continue;
        }
        if (sp)
            r[k2++] = ' ';
        sp = false;
        r[k2++] = ch;
    }
    r[k2] = '\0';
    RIFT_VEC_PUSH(en->roles, r);
    size_t rn;
    char *rk = role_key(c, s, e, &rn);
    reg(&c->roles, rk, rn, ei);
}

static bool compatible(const ent *e, uint8_t g)
{
    return e->type == RIFT_ENT_PERSON && (!e->gender || !g || (e->gender & g));
}

/* pass 3 state: persons per sentence, in order */
typedef struct sal {
    uint32_t sent;
    int32_t subject, prev_subject;
    uint32_t prev_sent;
} sal;

static int32_t first_person_in(ectx *c, size_t from, uint32_t sent, size_t upto, uint8_t g)
{
    for (size_t q = from; q < upto; q++) {
        const rift_mention *o = &c->d->mentions[q];
        if (o->sentence != sent)
            continue;
        if (o->entity >= 0 && !(o->flags & RIFT_MF_IN_QUOTE) &&
            compatible(&c->e.v[o->entity], g))
            return o->entity;
    }
    return NO_ENT;
}

static bool tok_char(const rift_doc *d, uint32_t i, char ch)
{
    const rift_token *t = &d->tokens[i];
    return t->end == t->start + 1 && d->text[t->start] == ch;
}

static bool tok_lower(const rift_doc *d, uint32_t i)
{
    const rift_token *t = &d->tokens[i];
    unsigned char b = (unsigned char)d->text[t->start];
    return t->kind == RIFT_TOK_WORD && b >= 'a' && b <= 'z';
}

static bool is_article(const ectx *c, uint32_t i)
{
    return word_in(c->d, i, c->wl[EN_ARTICLES]);
}

static int title_word(ectx *c, uint32_t i);

/* a person mention that a pronoun of its sentence rather skips for the one
 * before: after a place preposition ("a boy from Irving"), after "a"/"an"
 * ("Atwood, a Booker Prize-winner,"), or modifying a role noun ("Foreign
 * Affairs minister", "a Trump adviser") */
static bool weak_antecedent(ectx *c, const rift_mention *o)
{
    const rift_doc *d = c->d;
    if (o->kind == RIFT_MK_PRONOUN)
        return false;
    if (o->tok_begin > 0 && (place_before(c, o->tok_begin) ||
                             word_is(d, o->tok_begin - 1, "a") ||
                             word_is(d, o->tok_begin - 1, "an")))
        return true;
    if (o->tok_end < d->n_tokens && !(o->flags & RIFT_MF_POSS) && tok_lower(d, o->tok_end) &&
        title_word(c, o->tok_end))
        return true;
    return false;
}
static int32_t quote_speaker(ectx *c, size_t mi);

/* the person entity of the mention holding token tok (-1 for none), when
 * it agrees with gender g */
static int32_t tree_person(ectx *c, int32_t tok, uint8_t g)
{
    int32_t q = tok >= 0 ? rift_tree_mention_at(c->d, (uint32_t)tok) : -1;
    int32_t e = q >= 0 ? c->d->mentions[q].entity : NO_ENT;
    return e >= 0 && compatible(&c->e.v[e], g) ? e : NO_ENT;
}

/* In a quotation, he/she is not the speaker: the people named outside the
 * quotation marks of the same sentence ("..., X said") and the speaker
 * named in an earlier sentence (He said: "...") go to excl (at most 4);
 * false when a speaker named after the pronoun is not linked yet. */
static bool quote_exclusions(ectx *c, size_t i, int32_t *excl, size_t *nex)
{
    const rift_mention *ms = c->d->mentions;
    uint32_t cur = ms[i].sentence;
    size_t n = 0;
    for (size_t q = i; q-- > 0 && ms[q].sentence == cur && i - q < 40;)
        if (ms[q].entity >= 0 && !(ms[q].flags & RIFT_MF_IN_QUOTE) && n < 4)
            excl[n++] = ms[q].entity;
    for (size_t q = i + 1; q < c->d->n_mentions && ms[q].sentence == cur && q - i < 40; q++)
        if (ms[q].kind == RIFT_MK_NAME && !(ms[q].flags & RIFT_MF_IN_QUOTE) && n < 4)
            excl[n++] = ms[q].entity >= 0 ? ms[q].entity : AMBIGUOUS;
    for (size_t x = 0; x < n; x++)
        if (excl[x] == AMBIGUOUS)
            return false;
    int32_t sp = quote_speaker(c, i);
    if (sp >= 0 && n < 4)
        excl[n++] = sp;
    *nex = n;
    return true;
}

/* "After calling ... his mother, Montalvo was ...": a pronoun in a clause
 * fronted by a subordinator looks ahead to the name after the comma when
 * no agreeing person stands before it; NO_ENT otherwise */
static int32_t fronted_clause(ectx *c, size_t i, uint8_t g)
{
    const rift_mention *ms = c->d->mentions;
    uint32_t cur = ms[i].sentence;
    const rift_sentence *st = &c->d->sents[cur];
    if (ms[i].tok_begin >= st->tok_end || !word_in(c->d, st->tok_begin, c->wl[EN_SUBORDINATORS]))
        return NO_ENT;
    uint32_t comma = UINT32_MAX;
    for (uint32_t t = ms[i].tok_end; t < st->tok_end && t < ms[i].tok_end + 30; t++)
        if (tok_char(c->d, t, ',')) {
            comma = t;
            break;
        }
    for (size_t q = i; q-- > 0 && ms[q].sentence == cur;)
        if (ms[q].entity >= 0 && compatible(&c->e.v[ms[q].entity], g))
            return NO_ENT;
    if (comma == UINT32_MAX)
        return NO_ENT;
    size_t q = i + 1;
    while (q < c->d->n_mentions && ms[q].tok_begin <= comma)
        q++;
    if (q < c->d->n_mentions && ms[q].tok_begin == comma + 1 && ms[q].kind == RIFT_MK_NAME &&
        ms[q].entity >= 0 && compatible(&c->e.v[ms[q].entity], g))
        return ms[q].entity;
    return NO_ENT;
}

/* The person a he/she at mention i refers to.  The tree decides first: a
 * reflexive is its clause's subject; an object pronoun is not ("X praised
 * him"); the subject of a complement clause is the subject of the verb
 * above it ("X, who had told Y he would ..."); a person inside an adjunct
 * fronted before a subject pronoun is not it ("Following the advice of X,
 * he ...").  Then the nearest person of the pronoun's own sentence before
 * it, else of the nearest earlier sentence (at most 5 back) that names one
 * of a compatible gender: its subject (not of a copula) when the pronoun is
 * a subject too, else its first person.  Mentions in quotations do not
 * count outside them.  A person whose gender is known must match; one
 * whose gender is unknown may take it. */
static int32_t pronoun_antecedent(ectx *c, size_t i, uint8_t g)
{
    const rift_doc *d = c->d;
    const rift_mention *ms = d->mentions;
    uint32_t cur = ms[i].sentence, tok = ms[i].tok_begin;
    int32_t best = NO_ENT, best_subj = NO_ENT;
    uint32_t best_sent = UINT32_MAX;
    bool refl = word_is(d, tok, "himself") || word_is(d, tok, "herself");
    int32_t bound = tree_person(c, rift_tree_binder(d, tok, refl), refl ? g : 0);
    if (refl && bound >= 0)
        return bound; /* even across quotation marks: X "turned himself in" */
    int32_t excl[4];
    size_t nex = 0;
    bool inq = (ms[i].flags & RIFT_MF_IN_QUOTE) != 0;
    if (inq && !quote_exclusions(c, i, excl, &nex))
        return NO_ENT;
    if (!inq) {
        int32_t rs = rift_tree_reporter(d, tok);
        int32_t rep = rs >= 0 && (uint32_t)rs < tok ? tree_person(c, rs, g) : NO_ENT;
        if (rep >= 0 && rep != bound)
            return rep;
        int32_t f = fronted_clause(c, i, g);
        if (f >= 0)
            return f;
    }
    bool psubj = rift_tree_is_subject(d, tok, ms[i].tok_end, true);
    for (size_t q = i, steps = 0; q-- > 0 && steps < 80; steps++) {
        const rift_mention *o = &ms[q];
        if (cur - o->sentence > 5)
            break;
        if (best != NO_ENT && o->sentence != best_sent)
            break; /* the nearest sentence with a candidate decided */
        if (o->entity < 0 || (!inq && (o->flags & RIFT_MF_IN_QUOTE)) || o->entity == bound ||
            !compatible(&c->e.v[o->entity], g))
            continue;
        bool skip = false;
        for (size_t x = 0; x < nex; x++)
            skip = skip || excl[x] == o->entity;
        /* but a person the quotation itself names before the pronoun is
         * not its speaker ("'Gloria spent ... her life', the prosecutor") */
        if (skip && !(o->sentence == cur && (o->flags & RIFT_MF_IN_QUOTE)))
            continue;
        if (o->sentence == cur) {
            if (!refl && rift_tree_in_adjunct(d, o->tok_begin, o->tok_end, tok))
                continue;
            /* "help Montalvo with his defense" */
            if (refl || !weak_antecedent(c, o))
                return o->entity;
        }
        best = o->entity;
        best_sent = o->sentence;
        if (psubj && rift_tree_is_subject(d, o->tok_begin, o->tok_end, false))
            best_subj = o->entity;
    }
    return best_subj >= 0 ? best_subj : best;
}

static void resolve_refs(ectx *c)
{
    rift_doc *d = c->d;
    int32_t last_outlet = NO_ENT;
    size_t sent_first = 0;           /* first mention of the current sentence */
    size_t prev_first = 0, prev_end = 0;
    uint32_t cur = UINT32_MAX, prev = UINT32_MAX;
    for (size_t i = 0; i < d->n_mentions; i++) {
        rift_mention *m = &d->mentions[i];
        if (m->sentence != cur) {
            /* the previous sentence is the last one that held a person */
            if (cur != UINT32_MAX && first_person_in(c, sent_first, cur, i, 0) >= 0) {
                prev = cur;
                prev_first = sent_first;
                prev_end = i;
            }
            cur = m->sentence;
            sent_first = i;
        }
        if (m->entity >= 0) {
            if (c->e.v[m->entity].type == RIFT_ENT_OUTLET)
                last_outlet = m->entity;
            continue;
        }
        switch (m->kind) {
        case RIFT_MK_OUTLET_REF:
            if (last_outlet >= 0)
                join(c, (int32_t)i, last_outlet);
            break;
        case RIFT_MK_TITLE: {
            size_t n;
            char *k = role_key(c, m->start, m->end, &n);
            int v = lookup(c, &c->roles, k, n, i, true);
            if (v == AMBIGUOUS) {
                /* the most recent person holding that role */
                v = NO_ENT;
                for (size_t q = i; q-- > 0;) {
                    const rift_mention *o = &d->mentions[q];
                    if (o->entity < 0 || o->role_end <= o->role_start)
                        continue;
                    size_t n2;
                    char *k2 = role_key(c, o->role_start, o->role_end, &n2);
                    if (n2 == n && !memcmp(k, k2, n)) {
                        v = o->entity;
                        break;
                    }
                }
            }
            if (v >= 0)
                join(c, (int32_t)i, v);
            break;
        }
        case RIFT_MK_NOMINAL: {
            size_t n = 0;
            bool norole = m->role_end <= m->role_start; /* "the boy" */
            char *k = norole ? NULL : role_key(c, m->role_start, m->role_end, &n);
            int v = norole ? NO_ENT : rift_strmap_get(&c->roles, k, n);
            if (v < 0 && prev != UINT32_MAX) {
                /* the subject of the previous sentence, unless named here */
                int32_t cand = first_person_in(c, prev_first, prev, prev_end, 0);
                bool here = false;
                for (size_t q = sent_first; q < d->n_mentions && d->mentions[q].sentence == cur; q++)
                    if (d->mentions[q].entity == cand && q != i)
                        here = true;
                if (cand >= 0 && !here)
                    v = cand;
            }
            if (v >= 0) {
                join(c, (int32_t)i, v);
                if (!norole)
                    add_role(c, v, m->role_start, m->role_end);
            }
            break;
        }
        case RIFT_MK_PRONOUN: {
            if (m->flags & RIFT_MF_FIRST)
                break; /* after all others: the speaker may be a "he" */
            uint8_t g = m->flags & (RIFT_MF_MALE | RIFT_MF_FEMALE);
            int32_t v = pronoun_antecedent(c, i, g);
            if (v >= 0)
                join(c, (int32_t)i, v);
            break;
        }
        default:
            break;
        }
    }
}

/* ---- descriptions the text ties to a person ------------------------------
 * New mentions made here (not by stage "mentions"): an apposition after a
 * person's name ("X, a practising homeopath,"), a description
 * before it ("the Crown prosecutor, X"; "Tunisia's coach X"), a predicate
 * after a copula ("X was a volunteer", "He is a legend").  Each is bounded
 * to a few tokens around one mention: linear in the document.  Only spans
 * whose first word after the article is lower case (or a number) are made,
 * so no description ever looks like a name. */

typedef RIFT_VEC(rift_mention) mvec;

/* words that never begin or continue a description: verbs of the clause,
 * relative and subordinating words, pronouns */
static bool desc_stop(const ectx *c, uint32_t i)
{
    return word_in(c->d, i, c->wl[EN_DESC_STOPS]);
}

/* class of a lower-case word in titles.txt: 1 title, 2 person noun, 0 */
static int title_word(ectx *c, uint32_t i)
{
    const rift_doc *d = c->d;
    const rift_token *t = &d->tokens[i];
    if (t->kind != RIFT_TOK_WORD || t->end - t->start > 30)
        return 0;
    const rift_lexicon *lx = rift_model_lexicon(d->model, "titles");
    size_t n;
    char *k = fold_tok(c, i, &n);
    int v = rift_lexicon_find(lx, k, n);
    if (v < 0 || (size_t)v >= lx->n_values || !lx->values[v])
        return 0;
    const char *cl = lx->values[v];
    return !strcmp(cl, "title") ? 1 : !strcmp(cl, "noun") ? 2 : 0;
}

static void push_desc(ectx *c, mvec *out, uint32_t a, uint32_t b, uint32_t sent, int32_t who)
{
    const rift_doc *d = c->d;
    /* no trailing function words or clitics */
        while (b > a + 1 && (word_in(d, b - 1, c->wl[EN_DESC_TAIL]) ||
                             d->tokens[b - 1].kind != RIFT_TOK_WORD))
        b--;
    if (b <= a || (d->tokens[b - 1].kind != RIFT_TOK_WORD &&
                   d->tokens[b - 1].kind != RIFT_TOK_NUMBER))
        return;
    rift_mention m;
    memset(&m, 0, sizeof m);
    m.start = d->tokens[a].start;
    m.end = d->tokens[b - 1].end;
    m.entity = who;
    m.sentence = sent;
    m.tok_begin = a;
    m.tok_end = b;
    m.role_start = m.role_end = m.start;
    m.actor = -1;
    m.link = -1;
    m.kind = RIFT_MK_NOMINAL;
    m.type = RIFT_ENT_PERSON;
    m.confident = 1;
    RIFT_VEC_PUSH(*out, m);
}

/* end (exclusive) of a description starting at token a: before the first
 * punctuation, quote, stop word or mention, at most 14 tokens; 0 if the
 * description runs on without an end inside its sentence */
static uint32_t desc_end(const ectx *c, uint32_t a, uint32_t lim, uint32_t next_ment)
{
    const rift_doc *d = c->d;
    uint32_t k = a;
    for (; k < lim && k < a + 14; k++) {
        const rift_token *t = &d->tokens[k];
        if (k >= next_ment)
            return k;
        if (t->kind == RIFT_TOK_QUOTE || t->kind == RIFT_TOK_DASH)
            return k;
        if (t->kind == RIFT_TOK_PUNCT && !(tok_char(d, k, '-') || tok_char(d, k, '\'') ||
                                           (k > a && (t->flags & RIFT_TF_POSSESSIVE))))
            return k;
        if (t->kind == RIFT_TOK_WORD && k > a && desc_stop(c, k))
            return k;
    }
    return k < lim ? 0 : k;
}

/* the token index of the next mention after mi (or the sentence end) */
static uint32_t next_mention_tok(const rift_doc *d, size_t mi, uint32_t lim)
{
    if (mi + 1 < d->n_mentions && d->mentions[mi + 1].tok_begin < lim)
        return d->mentions[mi + 1].tok_begin;
    return lim;
}

static bool person_ent(ectx *c, int32_t e)
{
    return e >= 0 && c->e.v[e].type == RIFT_ENT_PERSON;
}

/* the mention starting exactly at token a, unresolved, that a description
 * there can take over; -1 */
static int32_t mention_at_tok(const rift_doc *d, size_t from, uint32_t a)
{
    for (size_t q = from; q < d->n_mentions && q < from + 3; q++)
        if (d->mentions[q].tok_begin == a)
            return (int32_t)q;
    return -1;
}

static void appositions(ectx *c, mvec *out)
{
    rift_doc *d = c->d;
    rift_mention *ms = d->mentions;
    for (size_t i = 0; i < d->n_mentions; i++) {
        rift_mention *m = &ms[i];
        if (m->kind != RIFT_MK_NAME || !person_ent(c, m->entity) || (m->flags & RIFT_MF_POSS) ||
            m->sentence >= d->n_sents)
            continue;
        uint32_t se = d->sents[m->sentence].tok_end, sb = d->sents[m->sentence].tok_begin;
        if (se > d->n_tokens)
            se = (uint32_t)d->n_tokens;
        /* a lower-case role before the name: "Tunisia's coach X" */
        if (m->role_end > m->role_start && m->role_end <= m->start) {
            uint32_t ra = m->tok_begin;
            while (ra > sb && d->tokens[ra - 1].start >= m->role_start)
                ra--;
            bool prev_free = i == 0 || ms[i - 1].tok_end <= ra;
            if (ra < m->tok_begin && tok_lower(d, ra) && prev_free)
                push_desc(c, out, ra, m->tok_begin, m->sentence, m->entity);
        } else if (m->tok_begin >= sb + 2 && tok_char(d, m->tok_begin - 1, ',')) {
            /* "the Crown prosecutor, X": a person word right before */
            uint32_t h = m->tok_begin - 2;
            uint32_t lo = i > 0 && ms[i - 1].tok_end > sb ? ms[i - 1].tok_end : sb;
            if (h >= lo && tok_lower(d, h) && title_word(c, h)) {
                uint32_t a = h;
                while (a > lo && a + 4 > h && tok_lower(d, a - 1) && !desc_stop(c, a - 1) &&
                       !is_article(c, a - 1) && (title_word(c, a - 1) || a - 1 == lo ||
                                                 !word_is(d, a - 1, "to")))
                    a--;
                                while (a < h && word_in(d, a, c->wl[EN_APPOS_PREPS]))
                    a++;
                if (a > lo && is_article(c, a - 1))
                    a--;
                push_desc(c, out, a, h + 1, m->sentence, m->entity);
            }
        }
        /* after the name: ", a practising homeopath," */
        uint32_t t = m->tok_end;
        if (t + 1 >= se || !tok_char(d, t, ','))
            continue;
        uint32_t a = t + 1;
        uint32_t nxt = next_mention_tok(d, i, se);
        /* an age (", 42,") is left: a number is no name to list */
        uint32_t k = a;
        if (is_article(c, k))
            k++;
        /* "a 14-year-old boy": a number glued to a hyphen opens it too */
        bool num = k + 1 < se && k > a && d->tokens[k].kind == RIFT_TOK_NUMBER &&
                   tok_char(d, k + 1, '-') && !(d->tokens[k + 1].flags & RIFT_TF_SPACE_BEFORE);
        if (k >= se || (!tok_lower(d, k) && !num) || desc_stop(c, k))
            continue;
        if (nxt <= a) {
            /* ", the president," already a mention: it is this person */
            int32_t q = mention_at_tok(d, i + 1, a);
            if (q >= 0 && (ms[q].kind == RIFT_MK_TITLE || ms[q].kind == RIFT_MK_NOMINAL) &&
                ms[q].tok_end < se && tok_char(d, ms[q].tok_end, ','))
                ms[q].entity = m->entity;
            continue;
        }
        uint32_t e = desc_end(c, a, se, nxt);
        if (e <= k)
            continue;
        /* a description names a person: a role word, or an article and a
         * short phrase when the name is no object of a fronted phrase
         * ("According to X, the economy grew") */
                bool pp = m->tok_begin > sb && (word_in(d, m->tok_begin - 1, c->wl[EN_PP_PREPS]) ||
                                        tok_char(d, m->tok_begin - 1, ','));
        bool ok = k > a && !pp && e - k <= 6;
        for (uint32_t q = k; !ok && q < e && q < k + 4; q++)
            ok = title_word(c, q) != 0;
        if (!ok)
            continue;
        /* it must close: a comma, a full stop, "said", the sentence end */
        if (e < se && !(d->tokens[e].kind == RIFT_TOK_PUNCT || e == nxt ||
                        word_is(d, e, "said") || word_is(d, e, "who") ||
                        word_is(d, e, "and") || d->tokens[e].kind == RIFT_TOK_QUOTE))
            continue;
        push_desc(c, out, a, e, m->sentence, m->entity);
    }
}

/* "Ahmed Mohamed, a 14-year-old boy from Irving,", "X is the president":
 * the tree's apposition of a person's name (predicate false) or the noun
 * after a copula a person's name or he/she is the subject of (predicate
 * true), up to the next mention, where the word patterns found none */
static void tree_descriptions(ectx *c, mvec *out, bool predicate)
{
    rift_doc *d = c->d;
    const rift_mention *ms = d->mentions;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const rift_mention *m = &ms[i];
        bool he = predicate && m->kind == RIFT_MK_PRONOUN &&
                  (word_is(d, m->tok_begin, "he") || word_is(d, m->tok_begin, "she"));
        if ((m->kind != RIFT_MK_NAME && !he) || !person_ent(c, m->entity) ||
            (m->flags & RIFT_MF_POSS) || m->sentence >= d->n_sents)
            continue;
        uint32_t se = d->sents[m->sentence].tok_end;
        if (se > d->n_tokens)
            se = (uint32_t)d->n_tokens;
        uint32_t lim = next_mention_tok(d, i, se), a, b;
        if (!rift_tree_appos(d, m->tok_begin, m->tok_end, lim, predicate, &a, &b))
            continue;
        /* an article or a role word first: no number, no stray word; the
         * word after the article in lower case (or a number), so that no
         * description looks like a name */
        uint32_t k = is_article(c, a) ? a + 1 : a;
        bool ok = k < b && (k > a || title_word(c, a));
        unsigned char first = ok ? (unsigned char)d->text[d->tokens[k].start] : 0;
        ok = ok && (tok_lower(d, k) || (first >= '0' && first <= '9'));
        if (ok)
            push_desc(c, out, a, b, m->sentence, m->entity);
    }
}

/* "X was a volunteer", "He is a legend", "X was both an artist and a
 * businessperson": predicates of a copula after a person's mention */
static void predicates(ectx *c, mvec *out)
{
    rift_doc *d = c->d;
    const rift_mention *ms = d->mentions;
            for (size_t i = 0; i < d->n_mentions; i++) {
        const rift_mention *m = &ms[i];
        if (!person_ent(c, m->entity) || (m->flags & RIFT_MF_POSS) || m->sentence >= d->n_sents)
            continue;
        if (m->kind == RIFT_MK_PRONOUN && !word_is(d, m->tok_begin, "he") &&
            !word_is(d, m->tok_begin, "she"))
            continue; /* him, his, I ... are no subjects of "is" */
        uint32_t se = d->sents[m->sentence].tok_end;
        if (se > d->n_tokens)
            se = (uint32_t)d->n_tokens;
        uint32_t t = m->tok_end;
        if (t >= se || !word_in(d, t, c->wl[EN_COPULAS]))
            continue;
        uint32_t nxt = next_mention_tok(d, i, se);
        uint32_t k = t + 1;
        while (k < se && k < t + 3 && word_in(d, k, c->wl[EN_COPULA_ADVS]))
            k++;
        for (int round = 0; round < 2; round++) {
            if (k + 1 >= se || !(word_is(d, k, "a") || word_is(d, k, "an") ||
                                 word_is(d, k, "such")))
                break;
            uint32_t a = k;
            if (word_is(d, k, "such") && k + 2 < se && word_is(d, k + 1, "a"))
                k++;
            k++;
            if (!tok_lower(d, k) || desc_stop(c, k) || k >= nxt)
                break;
            uint32_t e = desc_end(c, k, se, nxt);
            if (e == 0)
                e = k + 1 < se ? k + 1 : se;
            /* the noun phrase: up to a preposition */
                        uint32_t f = k;
            while (f < e && !word_in(d, f, c->wl[EN_PRED_STOPS]))
                f++;
            push_desc(c, out, a, f, m->sentence, m->entity);
            /* "both an artist and a businessperson" */
            k = e;
            if (k < se && word_is(d, k, "and"))
                k++;
            else
                break;
        }
    }
}

static int cmp_mention(const void *x, const void *y)
{
    const rift_mention *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* Merge new mentions into d->mentions (sorted, non-overlapping); a new one
 * overlapping an old one is dropped.  Link indices are remapped. */
static void merge_mentions(ectx *c, mvec *add)
{
    rift_doc *d = c->d;
    if (!add->n)
        return;
    qsort(add->v, add->n, sizeof *add->v, cmp_mention);
    size_t n = d->n_mentions, na = add->n;
    rift_mention *o = rift_arena_alloc_raw(&d->arena, (n + na) * sizeof *o);
    int32_t *remap = rift_arena_alloc_raw(&c->scratch, (n + 1) * sizeof *remap);
    size_t i = 0, j = 0, k = 0;
    uint32_t last_end = 0;
    while (i < n || j < na) {
        if (j >= na || (i < n && d->mentions[i].start <= add->v[j].start)) {
            remap[i] = (int32_t)k;
            o[k++] = d->mentions[i];
            last_end = d->mentions[i].end;
            i++;
            continue;
        }
        const rift_mention *x = &add->v[j++];
        bool clash = (k > 0 && x->start < last_end) || (i < n && d->mentions[i].start < x->end);
        if (clash)
            continue;
        o[k++] = *x;
        last_end = x->end;
    }
    for (size_t q = 0; q < k; q++)
        if (o[q].link >= 0 && (size_t)o[q].link < n)
            o[q].link = remap[o[q].link];
    /* entities hold mention indices too */
    for (size_t e = 0; e < c->e.n; e++) {
        ent *en = &c->e.v[e];
        if (en->best >= 0 && (size_t)en->best < n)
            en->best = remap[en->best];
        if (en->last_mention >= 0 && (size_t)en->last_mention < n)
            en->last_mention = remap[en->last_mention];
    }
    d->mentions = o;
    d->n_mentions = k;
    add->n = 0;
}

/* The speaker of the quotation around token t: the person mentioned just
 * after its closing mark ("...," Pell said) or just before its opening
 * one (Pell said: "...").  Quotations longer than 400 tokens are left. */
static int32_t quote_speaker(ectx *c, size_t mi)
{
    const rift_doc *d = c->d;
    const rift_token *t = d->tokens;
    const rift_mention *ms = d->mentions;
    uint32_t tb = ms[mi].tok_begin, open = UINT32_MAX, close = UINT32_MAX;
    for (uint32_t q = tb; q-- > 0 && tb - q < 400;)
        if (t[q].kind == RIFT_TOK_QUOTE) {
            open = q;
            break;
        }
    for (uint32_t q = tb + 1; q < d->n_tokens && q - tb < 400; q++)
        if (t[q].kind == RIFT_TOK_QUOTE) {
            close = q;
            break;
        }
    if (close != UINT32_MAX) {
        for (size_t q = mi + 1; q < d->n_mentions && ms[q].tok_begin <= close + 6; q++) {
            if (ms[q].tok_begin <= close || ms[q].entity < 0 || (ms[q].flags & RIFT_MF_IN_QUOTE))
                continue;
            if (c->e.v[ms[q].entity].type == RIFT_ENT_PERSON)
                return ms[q].entity;
            break;
        }
    }
    if (open != UINT32_MAX) {
        for (size_t q = mi; q-- > 0 && ms[q].tok_end + 6 >= open;) {
            if (ms[q].tok_end > open || ms[q].entity < 0 || (ms[q].flags & RIFT_MF_IN_QUOTE))
                continue;
            if (c->e.v[ms[q].entity].type == RIFT_ENT_PERSON)
                return ms[q].entity;
            break;
        }
    }
    return NO_ENT;
}

static void resolve_first_person(ectx *c)
{
    rift_doc *d = c->d;
    for (size_t i = 0; i < d->n_mentions; i++) {
        rift_mention *m = &d->mentions[i];
        if (m->kind != RIFT_MK_PRONOUN || !(m->flags & RIFT_MF_FIRST) || m->entity >= 0)
            continue;
        int32_t v = quote_speaker(c, i);
        if (v >= 0) {
            /* the same quotation: every I, me, my in it up to its end */
            join(c, (int32_t)i, v);
        }
    }
}

static char *span_text(rift_doc *d, uint32_t s, uint32_t e)
{
    char *r = rift_arena_alloc(&d->arena, e - s + 1);
    size_t k = 0;
    bool sp = false;
    for (uint32_t i = s; i < e; i++) {
        char ch = d->text[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            sp = k > 0;
            continue;
        }
        if (sp)
            r[k++] = ' ';
        sp = false;
        r[k++] = ch;
    }
    r[k] = '\0';
    return r;
}

/* Entities that no mention typed with confidence get their type from the
 * evidence of all their mentions together: "X's chief executive" or "shares
 * of X" make an organisation; a name mostly after place prepositions is a
 * place; a one-word name that recurs inside sentences (not only at their
 * starts or in the headline) and is nobody's surname is an organisation.
 * Anything else stays untyped and is not output. */
static void decide_types(ectx *c)
{
    size_t ne = c->e.n;
    if (!ne)
        return;
    uint16_t *cnt = rift_arena_alloc(&c->scratch, ne * 6 * sizeof *cnt);
    for (size_t i = 0; i < c->d->n_mentions; i++) {
        const rift_mention *m = &c->d->mentions[i];
        if (m->entity < 0 || !is_name(m))
            continue;
        uint16_t *k = &cnt[(size_t)m->entity * 6];
        if (k[0] < UINT16_MAX) {
            k[0]++;
            k[1] += (m->hint & RIFT_MH_MIDSENT) != 0;
            k[2] += (m->hint & RIFT_MH_ORG) != 0;
            k[3] += (m->hint & RIFT_MH_LOC) != 0;
            k[4] += (m->hint & RIFT_MH_PERSON) != 0;
            k[5] += (m->hint & RIFT_MH_PEVID) != 0;
        }
    }
    for (size_t e = 0; e < ne; e++) {
        ent *en = &c->e.v[e];
        const uint16_t *k = &cnt[e * 6];
        if (en->type == RIFT_ENT_PERSON && !k[5] && en->by_first) {
            /* "Lockheed Martin" ... "Lockheed": people are not called by
             * a first word that is no first name; a company is */
            en->type = RIFT_ENT_ORG;
            continue;
        }
        if (en->type == RIFT_ENT_PERSON && !k[5]) {
            /* "Warhol Polaroids", "Warhol Factory": a name that starts with
             * another person's surname is that person's thing, not a person */
            const rift_mention *b = &c->d->mentions[en->best];
            if (b->tok_end - b->tok_begin >= 2) {
                size_t n;
                char *f = fold_tok(c, b->tok_begin, &n);
                int32_t v = rift_strmap_get(&c->last, f, n);
                if (v >= 0 && (size_t)v != e && c->e.v[v].type == RIFT_ENT_PERSON) {
                    en->type = TYPE_THING;
                    continue;
                }
            }
        }
        if (en->type == RIFT_ENT_LOC && k[4] >= 2 && !k[3] && !k[2]) {
            /* "Paris claims ...", "Paris said ...", never "in Paris" */
            en->type = RIFT_ENT_PERSON;
            continue;
        }
        if (en->confident && en->type != TYPE_UNKNOWN)
            continue;
        if (en->type == TYPE_UNKNOWN) {
            if (k[2])
                en->type = RIFT_ENT_ORG;
            else if (k[3] && k[3] * 2 >= k[0])
                en->type = RIFT_ENT_LOC;
            else if (k[0] >= 2 && k[1] >= 1)
                en->type = RIFT_ENT_ORG;
        } else if (en->type == RIFT_ENT_PERSON && k[2] && !k[4]) {
            en->type = RIFT_ENT_ORG;
        } else if (en->type == RIFT_ENT_LOC && k[2]) {
            /* "at X headquarters", "outreach from X" ... "X's chief
             * executive": a place preposition is weaker than company words */
            en->type = RIFT_ENT_ORG;
        }
    }
}

/* A name in the title: the title block is not tokenised, so its words are
 * looked up here against the names the body gave ("Apple" in "Apple
 * releases ..." joins the Apple of the body).  Longest run first, four
 * capitalised words at most; a title word the body never used is left. */
typedef struct tspan { int32_t ent; uint32_t start, end; } tspan;
typedef RIFT_VEC(tspan) tspan_vec;

/* A title name the body never used but a lexicon knows ("US" in "US
 * automaker ..."): a new entity of its own, numbered after the body's. */
typedef struct tnew { uint32_t start, end; int type; char *key; size_t kl; } tnew;
typedef RIFT_VEC(tnew) tnew_vec;

static int lexicon_type(ectx *c, const char *k, size_t n)
{
    static const struct { const char *lex; int type; } lx[] = {
        {"places", RIFT_ENT_LOC}, {"outlets", RIFT_ENT_OUTLET}, {"orgs", RIFT_ENT_ORG}};
    for (size_t i = 0; i < sizeof lx / sizeof lx[0]; i++) {
        const rift_lexicon *l = rift_model_lexicon(c->d->model, lx[i].lex);
        if (l && rift_lexicon_find(l, k, n) >= 0)
            return lx[i].type;
    }
    return -1;
}

static bool tword_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch >= 0x80 || ch == '.' || ch == '-' || ch == '&';
}

static void title_names(ectx *c, const int32_t *order, size_t n_out, tspan_vec *out,
                        tnew_vec *fresh)
{
    const rift_doc *d = c->d;
    const char *t = d->text;
    for (size_t b = 0; b < d->n_blocks && b < 8; b++) {
        if (d->blocks[b].kind != RIFT_BLOCK_TITLE)
            continue;
        uint32_t s = d->blocks[b].start, e = d->blocks[b].end;
        if (e > d->len || e - s > 400)
            break;
        /* word boundaries */
        uint32_t ws[64], we[64];
        size_t nw = 0;
        for (uint32_t i = s; i < e && nw < 64;) {
            if (!tword_byte((unsigned char)t[i])) {
                i++;
                continue;
            }
            uint32_t j = i;
            while (j < e && tword_byte((unsigned char)t[j]))
                j++;
            uint32_t k = j;
            /* trailing punctuation that is not part of "U.S." */
            while (k > i + 1 && (t[k - 1] == '-' || (t[k - 1] == '.' && !(k >= i + 3 && t[k - 3] == '.'))))
                k--;
            ws[nw] = i;
            we[nw++] = k;
            i = j;
        }
        for (size_t i = 0; i < nw;) {
            unsigned char b0 = (unsigned char)t[ws[i]];
            if (!(b0 >= 'A' && b0 <= 'Z')) {
                i++;
                continue;
            }
            size_t n = 1;
            while (n < 4 && i + n < nw && (unsigned char)t[ws[i + n]] >= 'A' &&
                   (unsigned char)t[ws[i + n]] <= 'Z' && ws[i + n] - we[i + n - 1] <= 1)
                n++;
            size_t got = 0;
            for (size_t w = n; w >= 1 && !got; w--) {
                size_t kl;
                char *k = fold_span(c, ws[i], we[i + w - 1], &kl);
                int32_t v = rift_strmap_get(&c->full, k, kl);
                if (v < 0)
                    v = rift_strmap_get(&c->last, k, kl);
                if (v < 0)
                    v = rift_strmap_get(&c->ofirst, k, kl);
                if (v >= 0 && order[v] >= 0) {
                    tspan x = {order[v], ws[i], we[i + w - 1]};
                    RIFT_VEC_PUSH(*out, x);
                    got = w;
                }
            }
            for (size_t w = n; w >= 1 && !got; w--) {
                size_t kl;
                char *k = fold_span(c, ws[i], we[i + w - 1], &kl);
                int ty = lexicon_type(c, k, kl);
                if (ty < 0)
                    continue;
                size_t f = 0;
                while (f < fresh->n && !(fresh->v[f].kl == kl && !memcmp(fresh->v[f].key, k, kl)))
                    f++;
                if (f == fresh->n) {
                    tnew fn = {ws[i], we[i + w - 1], ty, k, kl};
                    RIFT_VEC_PUSH(*fresh, fn);
                }
                tspan x = {(int32_t)(n_out + f), ws[i], we[i + w - 1]};
                RIFT_VEC_PUSH(*out, x);
                got = w;
            }
            i += got ? got : 1;
        }
        break;
    }
}

static int cmp_span(const void *x, const void *y)
{
    const rift_span *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

void rift_stage_entities(rift_doc *d)
{
    if (!d->n_mentions)
        return;
    ectx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    entity_lists(d->model, c.wl);
    rift_arena_init(&c.scratch);
    rift_strmap_init(&c.full);
    rift_strmap_init(&c.last);
    rift_strmap_init(&c.first);
    rift_strmap_init(&c.part);
    rift_strmap_init(&c.initials);
    rift_strmap_init(&c.roles);
    rift_strmap_init(&c.ofirst);
    rift_mention *ms = d->mentions;
    size_t nm = d->n_mentions;

    /* the words that begin a product, index or event name ("Dow Jones" of
     * "Dow Jones Industrial Average") name the same thing when used alone */
    rift_strmap things;
    rift_strmap_init(&things);
    for (size_t i = 0; i < nm; i++) {
        rift_mention *m = &ms[i];
        if (!is_name(m) || m->type != TYPE_THING || n_words(d, m) < 3)
            continue;
        size_t n;
        char *k = fold_span(&c, m->start, m->end, &n);
        /* prefixes of two words or more: "Google" of "Google Science
         * Fair" is the company */
        bool second = false;
        for (size_t j = 1; j + 1 < n; j++)
            if (k[j] == ' ') {
                if (second)
                    rift_strmap_put(&things, k, j, 1);
                second = true;
            }
    }
    if (things.n) {
        for (size_t i = 0; i < nm; i++) {
            rift_mention *m = &ms[i];
            if (!is_name(m) || m->type == TYPE_THING || (m->flags & RIFT_MF_KNOWN) ||
                (m->confident && m->type != RIFT_ENT_PERSON) || (m->hint & RIFT_MH_PEVID))
                continue;
            size_t n;
            char *k = fold_span(&c, m->start, m->end, &n);
            if (rift_strmap_get(&things, k, n) >= 0) {
                m->type = TYPE_THING;
                m->confident = 1;
            }
        }
    }
    rift_strmap_free(&things);
    /* pass 1: names of two words or more, and aliases of them */
    for (size_t i = 0; i < nm; i++) {
        rift_mention *m = &ms[i];
        if (!is_name(m))
            continue;
        size_t n;
        char *k;
        if (m->link >= 0 && ms[m->link].entity >= 0) {
            join(&c, (int32_t)i, ms[m->link].entity);
            k = fold_span(&c, m->start, m->end, &n);
            reg(&c.full, k, n, ms[m->link].entity);
            continue;
        }
        if (n_words(d, m) < 2)
            continue;
        k = fold_span(&c, m->start, m->end, &n);
        int v = rift_strmap_get(&c.full, k, n);
        if (v < 0 && m->type == RIFT_ENT_OUTLET) {
            /* "The Times" after "The New York Times": a short form */
            size_t off = n > 4 && !memcmp(k, "the ", 4) ? 4 : 0;
            v = rift_strmap_get(&c.part, k + off, n - off);
            if (v >= 0 && c.e.v[v].type != RIFT_ENT_OUTLET)
                v = NO_ENT;
        }
        if (v < 0) {
            v = new_ent(&c, m, (int32_t)i);
            rift_strmap_put(&c.full, k, n, v);
        }
        join(&c, (int32_t)i, v);
        if (c.e.v[v].type != TYPE_UNKNOWN)
            register_parts(&c, (int32_t)i, v);
    }
    /* pass 2: single words: the same name, a surname, a first name, the
     * last word of an organisation, an acronym's initials */
    for (size_t i = 0; i < nm; i++) {
        rift_mention *m = &ms[i];
        if (!is_name(m) || m->entity >= 0)
            continue;
        size_t n;
        char *k = fold_span(&c, m->start, m->end, &n);
        if (m->link >= 0 && ms[m->link].entity >= 0) {
            join(&c, (int32_t)i, ms[m->link].entity);
            reg(&c.full, k, n, ms[m->link].entity);
            continue;
        }
        int32_t v = rift_strmap_get(&c.full, k, n);
        if (v == AMBIGUOUS)
            v = NO_ENT;
        bool nonperson = ((m->flags & RIFT_MF_KNOWN) || m->confident) &&
                         m->type != RIFT_ENT_PERSON && m->type != TYPE_UNKNOWN;
        if (nonperson && m->type == RIFT_ENT_LOC && v < 0 && !place_before(&c, m->tok_begin)) {
            /* "Valeska Paris" ... "Paris said": a place name that is the
             * surname of a person of the article, not after "in", "at" */
            int32_t p = rift_strmap_get(&c.last, k, n);
            if (p >= 0 && c.e.v[p].type == RIFT_ENT_PERSON) {
                m->type = RIFT_ENT_PERSON;
                v = p;
            }
        }
        if (v < 0 && !nonperson && !(m->hint & (RIFT_MH_PERSON | RIFT_MH_PEVID)) &&
            !(m->flags & (RIFT_MF_TITLED | RIFT_MF_MALE | RIFT_MF_FEMALE))) {
            /* "Ford Motor Company" ... "Ford's plants": the first word of an
             * organisation named before any person of that surname */
            int32_t o = rift_strmap_get(&c.ofirst, k, n);
            int32_t p = rift_strmap_get(&c.last, k, n);
            if (o >= 0 && (p == NO_ENT || (p >= 0 && o < p))) {
                v = o;
                reg(&c.full, k, n, v);
            }
        }
        if (v < 0 && !nonperson)
            v = lookup(&c, &c.last, k, n, i, true);
        if (v < 0 && !nonperson) {
            v = lookup(&c, &c.first, k, n, i, true);
            /* "Elon is going to ..." inside a quote, "Elon said": a
             * person's first name, not a company's first word */
            if (v >= 0 && !(m->flags & (RIFT_MF_MALE | RIFT_MF_FEMALE | RIFT_MF_IN_QUOTE)) &&
                !(m->hint & RIFT_MH_PERSON))
                c.e.v[v].by_first = true;
        }
        if (v < 0 && m->type != RIFT_ENT_PERSON)
            v = lookup(&c, &c.part, k, n, i, false);
        if (v < 0 && m->kind == RIFT_MK_ACRONYM)
            v = lookup(&c, &c.initials, k, n, i, false);
        if (v < 0) {
            v = new_ent(&c, m, (int32_t)i);
            rift_strmap_put(&c.full, k, n, v);
        }
        join(&c, (int32_t)i, v);
    }
    decide_types(&c);
    /* organisations typed only now: their first word for the title */
    for (size_t e = 0; e < c.e.n; e++) {
        const rift_mention *b = &ms[c.e.v[e].best];
        const rift_token *t = d->tokens;
        if (c.e.v[e].type != RIFT_ENT_ORG || b->kind != RIFT_MK_NAME ||
            b->tok_end - b->tok_begin < 2 || !word_tok(&t[b->tok_begin]) ||
            !(t[b->tok_begin + 1].flags & RIFT_TF_SPACE_BEFORE))
            continue;
        size_t n;
        char *f = fold_tok(&c, b->tok_begin, &n);
        if (rift_strmap_get(&c.ofirst, f, n) == -1 && !is_conn(&c, f, n) &&
            !known_place(&c, f, n) && rift_strmap_get(&c.full, f, n) == -1 &&
            rift_strmap_get(&c.last, f, n) == -1)
            rift_strmap_put(&c.ofirst, f, n, (int)e);
    }
    /* roles of named mentions */
    for (size_t i = 0; i < nm; i++)
        if (ms[i].entity >= 0 && is_name(&ms[i]) && ms[i].role_end > ms[i].role_start)
            add_role(&c, ms[i].entity, ms[i].role_start, ms[i].role_end);
    /* descriptions tied to a named person by the text */
    mvec add = {0};
    appositions(&c, &add);
    tree_descriptions(&c, &add, false);
    merge_mentions(&c, &add);
    /* pass 3: titles alone, descriptions, "the outlet", pronouns */
    resolve_refs(&c);
    resolve_first_person(&c);
    predicates(&c, &add);
    tree_descriptions(&c, &add, true);
    merge_mentions(&c, &add);
    free(add.v);
    ms = d->mentions;
    nm = d->n_mentions;

    /* output: entities in order of first mention, typed ones only */
    size_t ne = c.e.n;
    int32_t *order = rift_arena_alloc(&c.scratch, (ne + 1) * sizeof *order);
    uint32_t *count = rift_arena_alloc(&c.scratch, (ne + 1) * sizeof *count);
    for (size_t i = 0; i < ne; i++)
        order[i] = -1;
    for (size_t i = 0; i < nm; i++)
        if (ms[i].entity >= 0)
            count[ms[i].entity]++;
    size_t out = 0;
    for (size_t i = 0; i < nm; i++) {
        int32_t e = ms[i].entity;
        if (e >= 0 && order[e] == -1) {
            if (c.e.v[e].type == TYPE_UNKNOWN || c.e.v[e].type == TYPE_THING) {
                order[e] = -2;
                continue;
            }
            order[e] = (int32_t)out++;
        }
    }
    tspan_vec ts = {0};
    tnew_vec fresh = {0};
    title_names(&c, order, out, &ts, &fresh);
    size_t body_out = out;
    out += fresh.n;
    uint32_t *tcount = rift_arena_alloc(&c.scratch, (out + 1) * sizeof *tcount);
    for (size_t k = 0; k < ts.n; k++)
        tcount[ts.v[k].ent]++;
    rift_entity *ents = rift_arena_alloc(&d->arena, (out + 1) * sizeof *ents);
    rift_span **spans = rift_arena_alloc(&c.scratch, (out + 1) * sizeof *spans);
    for (size_t f = 0; f < fresh.n; f++) {
        rift_entity *o = &ents[body_out + f];
        o->name = span_text(d, fresh.v[f].start, fresh.v[f].end);
        o->type = (rift_entity_type)fresh.v[f].type;
        spans[body_out + f] = rift_arena_alloc(&d->arena, tcount[body_out + f] *
                                                              sizeof(rift_span) + 1);
    }
    free(fresh.v);
    for (size_t e = 0; e < ne; e++) {
        if (order[e] < 0)
            continue;
        rift_entity *o = &ents[order[e]];
        ent *en = &c.e.v[e];
        const rift_mention *b = &ms[en->best];
        const rift_actor *ac = en->actor >= 0 ? rift_actor_get(d->model, en->actor) : NULL;
        o->name = ac ? ac->name : span_text(d, b->start, b->end);
        o->code = ac ? rift_actor_code_on(d->model, ac, d->meta.date) : NULL;
        o->type = (rift_entity_type)en->type;
        o->n_roles = en->roles.n;
        if (en->roles.n) {
            const char **r = rift_arena_alloc(&d->arena, en->roles.n * sizeof *r);
            memcpy(r, en->roles.v, en->roles.n * sizeof *r);
            o->roles = r;
        }
        spans[order[e]] = rift_arena_alloc(&d->arena, (count[e] + tcount[order[e]]) *
                                                          sizeof(rift_span) + 1);
    }
    for (size_t i = 0; i < nm; i++) {
        int32_t e = ms[i].entity;
        if (e < 0)
            continue;
        if (order[e] < 0) {
            ms[i].entity = -1;
            continue;
        }
        rift_entity *o = &ents[order[e]];
        spans[order[e]][o->n_mentions++] = (rift_span){ms[i].start, ms[i].end};
        if ((ms[i].kind == RIFT_MK_NAME || ms[i].kind == RIFT_MK_ACRONYM) &&
            ms[i].score > o->confidence)
            o->confidence = ms[i].score;
        ms[i].entity = order[e];
    }
    for (size_t k = 0; k < ts.n; k++) {
        rift_entity *o = &ents[ts.v[k].ent];
        spans[ts.v[k].ent][o->n_mentions++] = (rift_span){ts.v[k].start, ts.v[k].end};
    }
    for (size_t k = 0; k < out; k++) {
        ents[k].mentions = spans[k];
        if (tcount[k])
            qsort(spans[k], ents[k].n_mentions, sizeof *spans[k], cmp_span);
    }
    free(ts.v);
    d->entities = ents;
    d->n_entities = out;

    for (size_t e = 0; e < ne; e++)
        free(c.e.v[e].roles.v);
    free(c.e.v);
    rift_strmap_free(&c.full);
    rift_strmap_free(&c.last);
    rift_strmap_free(&c.first);
    rift_strmap_free(&c.part);
    rift_strmap_free(&c.initials);
    rift_strmap_free(&c.roles);
    rift_strmap_free(&c.ofirst);
    rift_arena_release(&c.scratch);
}

/* After stage "quotes": I, me, my inside a quotation are its speaker.  The
 * quotes stage knows the speaker of quotations the entities stage cannot
 * (a speaker named two sentences before, a continued quotation), so the
 * first-person mentions are settled here, once the quotes are known (called
 * by rift_doc_analyze right after rift_stage_quotes).  A speaker that is not
 * a person (a ministry, a statement) takes no I.  O(n log n). */
typedef struct fpchange { int32_t from, to; rift_span s; } fpchange;

static int cmp_qstart(const void *x, const void *y)
{
    const rift_quote *a = *(const rift_quote *const *)x, *b = *(const rift_quote *const *)y;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* entity e's spans without the removed ones (sorted, like its spans), with
 * the added ones */
static void respan(rift_doc *d, int32_t e, const rift_span *rm, size_t nrm,
                   const rift_span *ad, size_t nad)
{
    rift_entity *en = &d->entities[e];
    rift_span *o = rift_arena_alloc(&d->arena, (en->n_mentions + nad + 1) * sizeof *o);
    size_t n = 0, r = 0;
    for (size_t i = 0; i < en->n_mentions; i++) {
        rift_span x = en->mentions[i];
        while (r < nrm && rm[r].start < x.start)
            r++;
        if (r < nrm && rm[r].start == x.start && rm[r].end == x.end) {
            r++;
            continue;
        }
        o[n++] = x;
    }
    for (size_t k = 0; k < nad; k++)
        o[n++] = ad[k];
    if (nad)
        qsort(o, n, sizeof *o, cmp_span);
    en->mentions = o;
    en->n_mentions = n;
}

void rift_entities_after_quotes(rift_doc *d)
{
    if (!d->n_quotes || !d->n_mentions || !d->n_entities)
        return;
    const rift_quote **qs = rift_xmalloc(d->n_quotes * sizeof *qs);
    for (size_t i = 0; i < d->n_quotes; i++)
        qs[i] = &d->quotes[i];
    qsort(qs, d->n_quotes, sizeof *qs, cmp_qstart);
    RIFT_VEC(fpchange) ch = {0};
    size_t q = 0;
    for (size_t i = 0; i < d->n_mentions; i++) {
        rift_mention *m = &d->mentions[i];
        if (m->kind != RIFT_MK_PRONOUN || !(m->flags & RIFT_MF_FIRST))
            continue;
        while (q < d->n_quotes && qs[q]->end <= m->start)
            q++;
        /* the innermost quotation holding the mention starts at or before it */
        const rift_quote *hold = NULL;
        for (size_t k = q; k < d->n_quotes && k < q + 4 && qs[k]->start <= m->start; k++)
            if (qs[k]->end >= m->end)
                hold = qs[k];
        if (!hold || hold->speaker < 0 || (size_t)hold->speaker >= d->n_entities ||
            d->entities[hold->speaker].type != RIFT_ENT_PERSON || hold->speaker == m->entity)
            continue;
        fpchange x = {m->entity, hold->speaker, {m->start, m->end}};
        RIFT_VEC_PUSH(ch, x);
        m->entity = hold->speaker;
    }
    if (ch.n) {
        /* bucket the changes by entity (mention order keeps them sorted) */
        size_t ne = d->n_entities;
        size_t *rs = rift_xmalloc((ne + 1) * sizeof *rs), *as = rift_xmalloc((ne + 1) * sizeof *as);
        memset(rs, 0, (ne + 1) * sizeof *rs);
        memset(as, 0, (ne + 1) * sizeof *as);
        for (size_t k = 0; k < ch.n; k++) {
            if (ch.v[k].from >= 0)
                rs[ch.v[k].from + 1]++;
            as[ch.v[k].to + 1]++;
        }
        for (size_t e = 0; e < ne; e++) {
            rs[e + 1] += rs[e];
            as[e + 1] += as[e];
        }
        rift_span *rm = rift_xmalloc(ch.n * sizeof *rm), *ad = rift_xmalloc(ch.n * sizeof *ad);
        size_t *rf = rift_xmalloc((ne + 1) * sizeof *rf), *af = rift_xmalloc((ne + 1) * sizeof *af);
        memcpy(rf, rs, (ne + 1) * sizeof *rf);
        memcpy(af, as, (ne + 1) * sizeof *af);
        for (size_t k = 0; k < ch.n; k++) {
            if (ch.v[k].from >= 0)
                rm[rf[ch.v[k].from]++] = ch.v[k].s;
            ad[af[ch.v[k].to]++] = ch.v[k].s;
        }
        for (size_t e = 0; e < ne; e++)
            if (rs[e + 1] > rs[e] || as[e + 1] > as[e])
                respan(d, (int32_t)e, rm + rs[e], rs[e + 1] - rs[e], ad + as[e],
                       as[e + 1] - as[e]);
        free(rs);
        free(as);
        free(rf);
        free(af);
        free(rm);
        free(ad);
    }
    free(ch.v);
    free(qs);
}

int32_t rift_entity_at(const rift_doc *d, uint32_t start, uint32_t end)
{
    const rift_mention *ms = d->mentions;
    size_t lo = 0, hi = d->n_mentions;
    /* first mention ending after start */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ms[mid].end <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < d->n_mentions && ms[i].start < end; i++)
        if (ms[i].entity >= 0)
            return ms[i].entity;
    return -1;
}

/* ---- people without a name (after the events) ---------------------------
 * "the girls ... they", "a 12-year-old boy ... the boy ... he", "we" in a
 * quotation: people and groups the article never names.  A description is
 * an optional determiner, up to three modifiers and a person noun of
 * data/en/person_nouns.txt, outside every mention of the earlier stages.  A
 * description joins the latest chain with the same head unless it opens a
 * new referent ("a", "another", "other", a possessive); unresolved pronouns
 * join the latest agreeing chain of the last sentences when no person
 * mention stands between.  Chains of two mentions or more become entities
 * appended after the others (no index held by a quote or an event moves).
 * One pass over the tokens: O(tokens). */

#define UN_LOOKBACK 2   /* sentences a pronoun looks back for its chain */

enum { UN_S = 1, UN_M = 2, UN_F = 4, UN_P = 8, UN_WE = 16 };

typedef struct uitem { int32_t chain, mention; rift_span s; } uitem;
typedef struct uchain {
    uint8_t kind;            /* UN_S (+UN_M / UN_F), UN_P, UN_WE */
    uint32_t n, sent, tok;   /* mentions; sentence and token of the latest */
    int32_t out;             /* index among the new entities, -1 */
    rift_span name;
} uchain;
typedef struct ulast { int32_t chain; } ulast;

/* the token folded to ASCII lower case in buf (cap 24); 0 when it is not
 * a plain ASCII word of at most 23 letters */
static size_t un_fold(const rift_doc *d, uint32_t i, char *buf)
{
    const rift_token *t = &d->tokens[i];
    size_t n = t->end - t->start;
    if (t->kind != RIFT_TOK_WORD || n == 0 || n > 23)
        return 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char ch = (unsigned char)d->text[t->start + k];
        if (ch >= 0x80)
            return 0;
        buf[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    buf[n] = '\0';
    return n;
}

/* start token of the description whose head is h (sentence from sb), and
 * what its determiner says: 'd' definite, 'n' a new referent, 'q' a
 * quantifier (no description), 0 none */
static uint32_t un_start(const rift_doc *d, const rift_lexicon *const *wl,
                         const int32_t *tokm, uint32_t sb, uint32_t h, char *det)
{
    char buf[24];
    uint32_t st = h, anchor = h;
    bool verbish = false;
    *det = 0;
    for (uint32_t j = h, k = 0; j > sb && k < 4; k++) {
        j--;
        const rift_token *t = &d->tokens[j];
        if (tokm[j] >= 0) {
            /* "her parents", "Gloria's parents": a possessive opens */
            if (d->mentions[tokm[j]].kind == RIFT_MK_PRONOUN ||
                (d->mentions[tokm[j]].flags & RIFT_MF_POSS))
                *det = 'n';
            break;
        }
        if (t->kind == RIFT_TOK_NUMBER) {
            st = anchor = j;
            continue;
        }
        if (t->kind == RIFT_TOK_DASH || (t->kind == RIFT_TOK_PUNCT && tok_char(d, j, '-'))) {
            if (j > sb && (d->tokens[j - 1].kind == RIFT_TOK_WORD ||
                           d->tokens[j - 1].kind == RIFT_TOK_NUMBER) &&
                !(t->flags & RIFT_TF_SPACE_BEFORE))
                continue; /* "14-year-old" */
            break;
        }
        size_t bn = un_fold(d, j, buf);
        if (!bn)
            break;
        if (rift_word_in(wl[EN_UN_DEFINITE], buf, bn)) {
            st = j;
            *det = 'd';
            break;
        }
        if (rift_word_in(wl[EN_UN_NEW], buf, bn)) {
            st = j;
            *det = 'n';
            break;
        }
        if (rift_word_in(wl[EN_UN_QUANTIFIERS], buf, bn)) {
            if (!strcmp(buf, "every") || !strcmp(buf, "each") || !strcmp(buf, "any") ||
                !strcmp(buf, "no") || !strcmp(buf, "neither") || !strcmp(buf, "either"))
                *det = 'q';
            else if (!strcmp(buf, "other") || !strcmp(buf, "more"))
                *det = 'n';
            st = j;
            break;
        }
        if (rift_word_in(wl[EN_UN_STOPS], buf, bn) || (t->flags & RIFT_TF_ALLCAP)) {
            verbish = rift_word_in(wl[EN_UN_VERBISH], buf, bn);
            break;
        }
        if ((t->flags & RIFT_TF_CAP) && j != sb && !(t->flags & RIFT_TF_SENT_START))
            break; /* a name before it: "Australian woman" is left to names */
        st = j;
    }
    /* with no determiner, the first word after a modal, an auxiliary,
     * "to" or a subject pronoun is a verb, not a modifier ("can buy
     * people", "to help students", "they killed protesters") */
    if (!*det && verbish && st < h && st < anchor)
        st++;
    /* the span starts at a word or number, never at a hyphen */
    while (st < h && d->tokens[st].kind != RIFT_TOK_WORD && d->tokens[st].kind != RIFT_TOK_NUMBER)
        st++;
    return st;
}

static int cmp_qptr(const void *x, const void *y)
{
    const rift_quote *a = *(const rift_quote *const *)x, *b = *(const rift_quote *const *)y;
    return a->start < b->start ? -1 : a->start > b->start;
}

static void pair_key(void *ctx, const char *k, size_t n, int v)
{
    uint32_t *pairs = ctx;
    (void)v;
    if (n >= 2 && k[0] >= 'a' && k[0] <= 'z' && k[1] >= 'a' && k[1] <= 'z')
        pairs[k[0] - 'a'] |= 1u << (k[1] - 'a');
}

rift_status rift_entity_init(rift_model *m)
{
    rift_status st = rift_entity_check_lists(m);
    if (st != RIFT_OK)
        return st;
    memset(m->unnamed_pairs, 0, sizeof m->unnamed_pairs);
    const rift_lexicon *lx = rift_model_lexicon(m, "person_nouns");
    if (lx)
        rift_strmap_each(&lx->map, pair_key, m->unnamed_pairs);
    /* they, them, their; we, us, our */
    rift_strmap_each(&rift_model_lexicon(m, "fw_pronouns_they")->map, pair_key, m->unnamed_pairs);
    rift_strmap_each(&rift_model_lexicon(m, "fw_pronouns_we")->map, pair_key, m->unnamed_pairs);
    return RIFT_OK;
}

/* false when token t cannot start a word this pass looks up: a cheap test
 * on its first two letters before folding it */
static bool un_maybe(const rift_doc *d, const rift_token *t)
{
    if (t->kind != RIFT_TOK_WORD || t->end - t->start < 2)
        return false;
    unsigned a = (unsigned char)d->text[t->start] | 0x20, b = (unsigned char)d->text[t->start + 1] | 0x20;
    if (a < 'a' || a > 'z' || b < 'a' || b > 'z')
        return false;
    return (d->model->unnamed_pairs[a - 'a'] >> (b - 'a')) & 1u;
}

void rift_entities_unnamed(rift_doc *d)
{
    const rift_lexicon *lx = rift_model_lexicon(d->model, "person_nouns");
    if (!d->n_tokens || !d->n_sents || !lx->n_values)
        return;
    const rift_lexicon *wl[EN_N];
    entity_lists(d->model, wl);
    rift_arena scratch;
    rift_arena_init(&scratch);
    size_t nt = d->n_tokens;
    int32_t *tokm = rift_arena_alloc_raw(&scratch, nt * sizeof *tokm);
    for (size_t i = 0; i < nt; i++)
        tokm[i] = -1;
    for (size_t k = 0; k < d->n_mentions; k++) {
        const rift_mention *m = &d->mentions[k];
        /* a description no entity took ("the boy") is free words here */
        if (m->entity < 0 && m->kind == RIFT_MK_NOMINAL)
            continue;
        for (uint32_t i = m->tok_begin; i < m->tok_end && i < nt; i++)
            tokm[i] = (int32_t)k;
    }
    const rift_quote **qs = rift_arena_alloc(&scratch, (d->n_quotes + 1) * sizeof *qs);
    for (size_t i = 0; i < d->n_quotes; i++)
        qs[i] = &d->quotes[i];
    if (d->n_quotes > 1)
        qsort(qs, d->n_quotes, sizeof *qs, cmp_qptr);

    RIFT_VEC(uchain) ch = {0};
    RIFT_VEC(uitem) it = {0};
    rift_strmap heads, wes;
    rift_strmap_init(&heads);
    rift_strmap_init(&wes);
    /* the latest singular chain of each gender (0 none, 1 male, 2 female),
     * the latest plural chain, and where the latest person mention stood */
    int32_t last_s[3] = {-1, -1, -1}, last_p = -1;
    uint32_t person_tok = 0;
    bool person_seen = false;
    size_t q = 0;
    char buf[24];

    for (size_t s = 0; s < d->n_sents; s++) {
        uint32_t sb = d->sents[s].tok_begin, se = d->sents[s].tok_end;
        if (se > nt)
            se = (uint32_t)nt;
        for (uint32_t i = sb; i < se; i++) {
            const rift_token *t = &d->tokens[i];
            int32_t chain = -1, mi = -1;
            uint32_t a = i;
            if (tokm[i] >= 0) {
                rift_mention *m = &d->mentions[tokm[i]];
                if (m->kind == RIFT_MK_PRONOUN && !(m->flags & RIFT_MF_FIRST) && m->entity < 0) {
                    /* he, she that the named resolution left alone */
                    int g = (m->flags & RIFT_MF_FEMALE) ? 2 : (m->flags & RIFT_MF_MALE) ? 1 : 0;
                    int32_t c0 = last_s[0], cg = g ? last_s[g] : -1;
                    int32_t c = c0 < 0 ? cg : cg < 0 ? c0 : (ch.v[cg].tok > ch.v[c0].tok ? cg : c0);
                    if (c >= 0 && ch.v[c].sent + UN_LOOKBACK >= s &&
                        !(person_seen && person_tok > ch.v[c].tok)) {
                        chain = c;
                        mi = tokm[i];
                        if (!(ch.v[c].kind & (UN_M | UN_F)) && g) {
                            ch.v[c].kind |= g == 1 ? UN_M : UN_F;
                            last_s[0] = -1;
                        }
                    }
                } else if (m->entity >= 0 && (size_t)m->entity < d->n_entities &&
                           d->entities[m->entity].type == RIFT_ENT_PERSON) {
                    person_seen = true;
                    person_tok = i;
                }
                if (chain < 0) {
                    if (d->mentions[tokm[i]].tok_end > i + 1)
                        i = d->mentions[tokm[i]].tok_end - 1;
                    continue;
                }
            } else {
                if (!un_maybe(d, t))
                    continue;
                size_t n = un_fold(d, i, buf);
                if (!n || (t->flags & RIFT_TF_ALLCAP))
                    continue;
                bool cap = (t->flags & RIFT_TF_CAP) != 0;
                bool opener = i == sb || (t->flags & RIFT_TF_SENT_START) ||
                              d->tokens[i - 1].kind == RIFT_TOK_QUOTE;
                if (cap && !opener && !(i > sb && i - 1 == sb))
                    continue;
                if (n < 3) {
                    if (!(n == 2 && ((buf[0] == 'w' && buf[1] == 'e') ||
                                     (buf[0] == 'u' && buf[1] == 's'))))
                        continue; /* no person noun or pronoun is shorter */
                }
                if (buf[0] == 't' && buf[1] == 'h' && rift_word_in(wl[EN_THEY], buf, n)) {
                    if (last_p >= 0 && ch.v[last_p].sent + UN_LOOKBACK >= s)
                        chain = last_p;
                } else if ((buf[0] == 'w' || buf[0] == 'u' || buf[0] == 'o') &&
                           rift_word_in(wl[EN_WE], buf, n)) {
                    while (q < d->n_quotes && qs[q]->end <= t->start)
                        q++;
                    const rift_quote *hold = NULL;
                    for (size_t k = q; k < d->n_quotes && k < q + 4 && qs[k]->start <= t->start; k++)
                        if (qs[k]->end >= t->end)
                            hold = qs[k];
                    if (!hold)
                        continue;
                    /* one "we" per speaker, or per quotation when unknown */
                    char key[32];
                    int kn = hold->speaker >= 0
                                 ? snprintf(key, sizeof key, "s%d", (int)hold->speaker)
                                 : snprintf(key, sizeof key, "q%u", (unsigned)hold->start);
                    chain = rift_strmap_get(&wes, key, (size_t)kn);
                    if (chain < 0) {
                        uchain x = {UN_WE, 0, 0, 0, -1, {t->start, t->end}};
                        chain = (int32_t)ch.n;
                        RIFT_VEC_PUSH(ch, x);
                        rift_strmap_put(&wes, key, (size_t)kn, chain);
                    }
                } else {
                    int v = rift_lexicon_find(lx, buf, n);
                    if (v < 0 || !lx->values[v])
                        continue;
                    /* "student activists": the head is the last noun */
                    char nb[24];
                    size_t nn = i + 1 < se && tokm[i + 1] < 0 ? un_fold(d, i + 1, nb) : 0;
                    if (nn && rift_lexicon_find(lx, nb, nn) >= 0)
                        continue;
                    char det;
                    a = un_start(d, wl, tokm, sb, i, &det);
                    if (det == 'q')
                        continue;
                    if (cap && a != i && !opener && a != sb)
                        continue;
                    const char *val = lx->values[v];
                    uint8_t kind = val[0] == 'p' ? UN_P
                                 : (uint8_t)(UN_S | (val[1] == 'm' ? UN_M : val[1] == 'f' ? UN_F : 0));
                    chain = det == 'n' ? -1 : rift_strmap_get(&heads, buf, n);
                    /* "a boy" opens; so does a singular without a determiner
                     * when the chain of its head is far away */
                    if (chain >= 0 && (ch.v[chain].kind & UN_P) != (kind & UN_P))
                        chain = -1;
                    if (chain < 0) {
                        uchain x = {kind, 0, 0, 0, -1, {d->tokens[a].start, t->end}};
                        chain = (int32_t)ch.n;
                        RIFT_VEC_PUSH(ch, x);
                        rift_strmap_put(&heads, buf, n, chain);
                    }
                }
                if (chain < 0)
                    continue;
            }
            uchain *c = &ch.v[chain];
            c->n++;
            c->sent = (uint32_t)s;
            c->tok = i;
            uitem x = {chain, mi, {d->tokens[a].start, t->end}};
            RIFT_VEC_PUSH(it, x);
            if (c->kind & UN_P)
                last_p = chain;
            else if (c->kind & UN_S)
                last_s[(c->kind & UN_M) ? 1 : (c->kind & UN_F) ? 2 : 0] = chain;
        }
    }

    size_t nnew = 0;
    for (size_t k = 0; k < ch.n; k++)
        if (ch.v[k].n >= 2)
            ch.v[k].out = (int32_t)nnew++;
    if (nnew) {
        size_t ne = d->n_entities;
        rift_entity *ents = rift_arena_alloc(&d->arena, (ne + nnew) * sizeof *ents);
        if (ne)
            memcpy(ents, d->entities, ne * sizeof *ents);
        for (size_t k = 0; k < ch.n; k++) {
            if (ch.v[k].out < 0)
                continue;
            rift_entity *o = &ents[ne + (size_t)ch.v[k].out];
            o->name = span_text(d, ch.v[k].name.start, ch.v[k].name.end);
            o->type = RIFT_ENT_PERSON;
            o->unnamed = 1;
            o->mentions = rift_arena_alloc(&d->arena, ch.v[k].n * sizeof(rift_span));
        }
        for (size_t k = 0; k < it.n; k++) {
            int32_t out = ch.v[it.v[k].chain].out;
            if (out < 0)
                continue;
            rift_entity *o = &ents[ne + (size_t)out];
            ((rift_span *)o->mentions)[o->n_mentions++] = it.v[k].s;
            if (it.v[k].mention >= 0)
                d->mentions[it.v[k].mention].entity = (int32_t)(ne + (size_t)out);
        }
        d->entities = ents;
        d->n_entities = ne + nnew;
    }
    free(ch.v);
    free(it.v);
    rift_strmap_free(&heads);
    rift_strmap_free(&wes);
    rift_arena_release(&scratch);
}
