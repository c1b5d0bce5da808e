/* mention.c: stage "mentions": finds names of people, organisations, outlets
 * and places (with the titles and roles tied to them), titles used alone,
 * descriptions, outlet references and pronouns, as spans in d->mentions.
 * Rule- and lexicon-driven, one pass over the tokens; never links mentions
 * into entities (entity.c does) and never modifies the text.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* classes of titles.txt entries */
enum { TC_NONE = 0, TC_TITLE, TC_HONORIFIC, TC_MOD, TC_NOUN };
/* classes of org_words.txt entries */
enum { OW_NONE = 0, OW_SUFFIX = 1, OW_HEAD = 2, OW_THING = 4, OW_DESC = 8, OW_PLACE = 16,
       OW_PLACEHEAD = 32 };

typedef struct mmodel {
    const rift_lexicon *titles, *first, *orgw, *orgs, *outlets, *places,
        *demonyms, *nonnames, *verbs;
    const rift_lexicon *wc[8];       /* the word classes (wclasses), in order */
    const rift_lexicon *market_verbs; /* mention_market_verbs.txt */
    uint8_t *title_class, *first_gender, *orgw_class, *verb_speech, *nonname_class;
    rift_strmap outlet_short; /* folded short form -> 1 */
    /* every token-boundary prefix and suffix of a title phrase, so a phrase
     * lookup stops at the first token that cannot continue one */
    rift_strmap title_pre, title_suf;
    /* the lexicon filter: by hash, every byte prefix of every entry of the
     * lexicons above (bit LB_PRE << lexicon), every whole entry (LB_FULL <<
     * lexicon) and every byte suffix of a title (LB_TSUF), so most lookups
     * of a token's words end at one probe of a per-token bit mask */
    struct lfslot { uint64_t h; uint32_t bits; } *lf;
    size_t lf_mask;
} mmodel;

enum { LX_TITLES, LX_FIRST, LX_ORGW, LX_ORGS, LX_OUTLETS, LX_PLACES, LX_DEMONYMS,
       LX_NONNAMES, LX_VERBS, LX_N };
#define LB_PRE(li) (1u << (li))
#define LB_FULL(li) (1u << (LX_N + (li)))
#define LB_TSUF (1u << (2 * LX_N))
/* small closed classes of words, in the same filter so one probe per token
 * answers "is this a connector / preposition / pronoun ..." */
#define WC_CONN      (1u << 19) /* of, de, van, bin ... inside a name */
#define WC_ORGCONN   (1u << 20) /* and, &, for, the, on inside an organisation */
#define WC_FUNC      (1u << 21) /* in, on, the ...: a capital one ends a run */
#define WC_DIR       (1u << 22) /* northern, east ...: before a place */
#define WC_NUMBERED  (1u << 23) /* chapter, flight ...: numbered things */
#define WC_PLACEPREP (1u << 24) /* in, at, from ...: before a place */
#define WC_OTHER     (1u << 25) /* the, he, she ...: start a non-name mention */
#define WC_FIRSTP    (1u << 26) /* i, me, my, myself, mine */
#define LB_ALL 0x7FFFFFFFu

typedef struct wclass { uint32_t bit; const char *file; } wclass;
/* the files of data/en that fill the classes above */
static const wclass wclasses[] = {{WC_CONN, "fw_name_particles"},
    {WC_ORGCONN, "fw_org_connectors"}, {WC_FUNC, "fw_mention_function"},
    {WC_DIR, "fw_directions"}, {WC_NUMBERED, "mention_numbered_nouns"},
    {WC_PLACEPREP, "fw_mention_place_preps"}, {WC_OTHER, "fw_mention_other"},
    {WC_FIRSTP, "fw_pronouns_first"}};
#define N_WCLASS (sizeof wclasses / sizeof *wclasses)

/* FNV-1a with a final mix, never 0 (the empty slot) */
static uint64_t lf_step(uint64_t h, unsigned char ch)
{
    return (h ^ ch) * 1099511628211ULL;
}
#define LF_SEED 1469598103934665603ULL
static uint64_t lf_fin(uint64_t h)
{
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ULL;
    h ^= h >> 32;
    return h ? h : 1;
}

static void lf_put(mmodel *mm, uint64_t h, uint32_t bits)
{
    size_t i = h & mm->lf_mask;
    while (mm->lf[i].h && mm->lf[i].h != h)
        i = (i + 1) & mm->lf_mask;
    mm->lf[i].h = h;
    mm->lf[i].bits |= bits;
}

static uint32_t lf_get(const mmodel *mm, uint64_t h)
{
    size_t i = h & mm->lf_mask;
    while (mm->lf[i].h) {
        if (mm->lf[i].h == h)
            return mm->lf[i].bits;
        i = (i + 1) & mm->lf_mask;
    }
    return 0;
}

typedef struct lfctx { mmodel *mm; int li; size_t count; } lfctx;

static void lf_count(void *ctx, const char *k, size_t n, int value)
{
    lfctx *x = ctx;
    (void)k;
    (void)value;
    x->count += n + (x->li == LX_TITLES ? n : 0);
}

static void lf_add(void *ctx, const char *k, size_t n, int value)
{
    lfctx *x = ctx;
    (void)value;
    uint64_t h = LF_SEED;
    for (size_t p = 0; p < n; p++) {
        h = lf_step(h, (unsigned char)k[p]);
        lf_put(x->mm, lf_fin(h), LB_PRE(x->li) | (p + 1 == n ? LB_FULL(x->li) : 0));
    }
    if (x->li == LX_TITLES)
        for (size_t q = 0; q < n; q++) {
            uint64_t g = LF_SEED;
            for (size_t p = q; p < n; p++)
                g = lf_step(g, (unsigned char)k[p]);
            lf_put(x->mm, lf_fin(g), LB_TSUF);
        }
}

typedef struct wcctx { mmodel *mm; uint32_t bit; } wcctx;

static void wc_add(void *ctx, const char *k, size_t n, int value)
{
    wcctx *y = ctx;
    (void)value;
    uint64_t h = LF_SEED;
    for (size_t p = 0; p < n; p++)
        h = lf_step(h, (unsigned char)k[p]);
    lf_put(y->mm, lf_fin(h), y->bit);
}

static void lf_build(mmodel *mm)
{
    const rift_lexicon *lx[LX_N] = {mm->titles, mm->first, mm->orgw, mm->orgs, mm->outlets,
                                    mm->places, mm->demonyms, mm->nonnames, mm->verbs};
    lfctx x = {mm, 0, 0};
    for (x.li = 0; x.li < LX_N; x.li++)
        rift_strmap_each(&lx[x.li]->map, lf_count, &x);
    for (size_t k = 0; k < N_WCLASS; k++)
        x.count += mm->wc[k]->map.n;
    size_t cap = 64;
    while (cap < x.count * 2)
        cap *= 2;
    mm->lf = rift_xmalloc(cap * sizeof *mm->lf);
    memset(mm->lf, 0, cap * sizeof *mm->lf);
    mm->lf_mask = cap - 1;
    for (x.li = 0; x.li < LX_N; x.li++)
        rift_strmap_each(&lx[x.li]->map, lf_add, &x);
    for (size_t k = 0; k < N_WCLASS; k++) {
        wcctx y = {mm, wclasses[k].bit};
        rift_strmap_each(&mm->wc[k]->map, wc_add, &y);
    }
}

static bool alnum_byte(unsigned char ch)
{
    return ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z');
}

static void title_parts(void *ctx, const char *k, size_t n, int value)
{
    mmodel *mm = ctx;
    (void)value;
    for (size_t p = 1; p <= n; p++)
        if (p == n || !alnum_byte((unsigned char)k[p]) || !alnum_byte((unsigned char)k[p - 1]))
            rift_strmap_put(&mm->title_pre, k, p, 1);
    for (size_t q = 0; q < n; q++)
        if (q == 0 || !alnum_byte((unsigned char)k[q - 1]) || !alnum_byte((unsigned char)k[q])) {
            size_t o = q;
            while (o < n && k[o] == ' ')
                o++;
            if (o < n)
                rift_strmap_put(&mm->title_suf, k + o, n - o, 1);
        }
}

static uint8_t *classes(const rift_lexicon *lx, int (*fn)(const char *))
{
    uint8_t *c = rift_xmalloc(lx->n_values + 1);
    for (size_t i = 0; i < lx->n_values; i++)
        c[i] = (uint8_t)fn(lx->values[i] ? lx->values[i] : "");
    return c;
}

static int title_cls(const char *v)
{
    if (!strcmp(v, "title")) return TC_TITLE;
    if (!strcmp(v, "honorific")) return TC_HONORIFIC;
    if (!strcmp(v, "mod")) return TC_MOD;
    if (!strcmp(v, "noun")) return TC_NOUN;
    return TC_TITLE;
}
static int gender_cls(const char *v)
{
    return v[0] == 'm' ? RIFT_MF_MALE : v[0] == 'f' ? RIFT_MF_FEMALE : 0;
}
static int orgw_cls(const char *v)
{
    /* one class or several separated by commas: "suffix,desc" */
    int r = 0;
    while (*v) {
        size_t n = strcspn(v, ",");
        if (n == 4 && !strncmp(v, "head", 4)) r |= OW_HEAD;
        else if (n == 4 && !strncmp(v, "both", 4)) r |= OW_HEAD | OW_SUFFIX;
        else if (n == 5 && !strncmp(v, "thing", 5)) r |= OW_THING;
        else if (n == 4 && !strncmp(v, "desc", 4)) r |= OW_DESC;
        else if (n == 5 && !strncmp(v, "place", 5)) r |= OW_PLACE;
        else if (n == 9 && !strncmp(v, "placehead", 9)) r |= OW_PLACEHEAD;
        else r |= OW_SUFFIX;
        v += n + (v[n] == ',');
    }
    return r ? r : OW_SUFFIX;
}
static int verb_cls(const char *v) { return !strcmp(v, "speech"); }
/* nonnames.txt classes: 1 day/month/holiday (stripped anywhere), 2 other */
static int nonname_cls(const char *v)
{
    return (!strcmp(v, "day") || !strcmp(v, "month") || !strcmp(v, "holiday")) ? 1 : 2;
}

rift_status rift_mention_init(rift_model *m)
{
    mmodel *mm = rift_xmalloc(sizeof *mm);
    memset(mm, 0, sizeof *mm);
    m->mention_data = mm;
    _Static_assert(N_WCLASS == sizeof mm->wc / sizeof *mm->wc, "one lexicon per class");
    for (size_t k = 0; k < N_WCLASS; k++) {
        rift_status st = rift_lexicon_require(m, wclasses[k].file, &mm->wc[k]);
        if (st != RIFT_OK)
            return st;
    }
    rift_status st = rift_lexicon_require(m, "mention_market_verbs", &mm->market_verbs);
    if (st != RIFT_OK)
        return st;
    mm->titles = rift_model_lexicon(m, "titles");
    mm->first = rift_model_lexicon(m, "first_names");
    mm->orgw = rift_model_lexicon(m, "org_words");
    mm->orgs = rift_model_lexicon(m, "orgs");
    mm->outlets = rift_model_lexicon(m, "outlets");
    mm->places = rift_model_lexicon(m, "places");
    mm->demonyms = rift_model_lexicon(m, "demonyms");
    mm->nonnames = rift_model_lexicon(m, "nonnames");
    mm->verbs = rift_model_lexicon(m, "name_verbs");
    mm->title_class = classes(mm->titles, title_cls);
    mm->first_gender = classes(mm->first, gender_cls);
    mm->orgw_class = classes(mm->orgw, orgw_cls);
    mm->verb_speech = classes(mm->verbs, verb_cls);
    mm->nonname_class = classes(mm->nonnames, nonname_cls);
    rift_strmap_init(&mm->outlet_short);
    rift_strmap_init(&mm->title_pre);
    rift_strmap_init(&mm->title_suf);
    rift_strmap_each(&mm->titles->map, title_parts, mm);
    lf_build(mm);

    rift_arena scratch;
    rift_arena_init(&scratch);
    for (size_t i = 0; i < mm->outlets->n_values; i++) {
        const char *v = mm->outlets->values[i];
        while (v && *v) {
            const char *bar = strchr(v, '|');
            size_t n = bar ? (size_t)(bar - v) : strlen(v);
            size_t fl;
            char *f = rift_utf8_fold(&scratch, v, n, &fl);
            if (fl)
                rift_strmap_put(&mm->outlet_short, f, fl, (int)i);
            v = bar ? bar + 1 : NULL;
        }
    }
    rift_arena_release(&scratch);
    return RIFT_OK;
}

void rift_mention_fini(rift_model *m)
{
    mmodel *mm = m->mention_data;
    if (mm) {
        free(mm->title_class);
        free(mm->first_gender);
        free(mm->orgw_class);
        free(mm->verb_speech);
        free(mm->nonname_class);
        rift_strmap_free(&mm->outlet_short);
        rift_strmap_free(&mm->title_pre);
        rift_strmap_free(&mm->title_suf);
        free(mm->lf);
        free(mm);
        m->mention_data = NULL;
    }
    rift_actors_free(m);
}

/* ---- per-document work ---------------------------------------------------- */

#define KLEN_NONE 0xFFFFu

typedef struct ctx {
    rift_doc *d;
    const mmodel *mm;
    const rift_model *model;
    const rift_token *t;
    size_t nt;
    rift_arena scratch;
    uint64_t *lower;      /* hash set of words seen in lower case */
    size_t lower_mask;
    uint8_t *inq;         /* per token: inside quotation marks */
    bool headline;        /* the current sentence is a title or heading */
    /* per token, computed once: the folded text (offset/length into kbuf,
     * KLEN_NONE when too long) and single-token lexicon values (-2: not
     * looked up yet) */
    char *kbuf;
    uint32_t *koff;
    uint16_t *klen;
    int32_t *lexv[LX_N];
    uint32_t *tbits;      /* per token: lexicon filter bits | 1u << 31, 0 = not yet */
    uint64_t *khash;      /* per token: hash of the folded text, 0 = not yet */
    RIFT_VEC(rift_mention) out;
} ctx;

#define KEYMAX 256

static bool is_word(const rift_token *k) { return k->kind == RIFT_TOK_WORD; }

static unsigned char first_byte(const ctx *c, size_t i)
{
    return (unsigned char)c->d->text[c->t[i].start];
}

static bool is_cap(const ctx *c, size_t i)
{
    const rift_token *k = &c->t[i];
    if (k->kind != RIFT_TOK_WORD)
        return false;
    if (k->flags & (RIFT_TF_CAP | RIFT_TF_ALLCAP))
        return true;
    unsigned char b = first_byte(c, i);
    return b >= 'A' && b <= 'Z';
}

static bool is_lower(const ctx *c, size_t i)
{
    if (c->t[i].kind != RIFT_TOK_WORD)
        return false;
    unsigned char b = first_byte(c, i);
    return b >= 'a' && b <= 'z';
}

/* Whether token i is the word w[0..n).  Not rift_tok_is on purpose: once
 * the stage has folded each token for its lexicons (kbuf, NFC and case
 * fold), a word is compared as that key, one memcmp, so it matches here
 * exactly when the lexicons would match it. */
static bool tok_is_n(const ctx *c, size_t i, const char *w, size_t n)
{
    if (c->klen)
        return c->klen[i] == n && !memcmp(c->kbuf + c->koff[i], w, n);
    const rift_token *k = &c->t[i];
    if (k->end - k->start != n)
        return false;
    for (size_t j = 0; j < n; j++) {
        char ch = c->d->text[k->start + j];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (ch != w[j])
            return false;
    }
    return true;
}

/* Whether token i is an entry of lx, compared as tok_is_n compares. */
static bool tok_in_lx(const ctx *c, size_t i, const rift_lexicon *lx)
{
    if (c->klen)
        return c->klen[i] != KLEN_NONE &&
               rift_lexicon_find(lx, c->kbuf + c->koff[i], c->klen[i]) >= 0;
    const rift_token *k = &c->t[i];
    size_t n = k->end - k->start;
    char b[64];
    if (n >= sizeof b)
        return false;
    for (size_t j = 0; j < n; j++) {
        char ch = c->d->text[k->start + j];
        b[j] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    return rift_word_in(lx, b, n);
}

/* tok_is(c, i, "literal"): the token is that word, ignoring case */
#define tok_is(c, i, w) tok_is_n((c), (i), (w), sizeof(w) - 1)

/* An apostrophe token: ' or ’ */
static bool is_apos(const ctx *c, size_t i)
{
    const rift_token *k = &c->t[i];
    const char *s = c->d->text + k->start;
    size_t n = k->end - k->start;
    return (n == 1 && s[0] == '\'') || (n == 3 && !memcmp(s, "\xE2\x80\x99", 3));
}

/* The possessive clitic starting at token i: "’s" as one token, or "’" + "s"
 * glued; returns the number of tokens it takes (0 if none). */
static int clitic_at(const ctx *c, size_t i)
{
    if (i >= c->nt || (c->t[i].flags & RIFT_TF_SPACE_BEFORE))
        return 0;
    const rift_token *k = &c->t[i];
    const char *s = c->d->text + k->start;
    size_t n = k->end - k->start;
    if ((n == 2 && s[0] == '\'' && (s[1] == 's' || s[1] == 'S')) ||
        (n == 4 && !memcmp(s, "\xE2\x80\x99", 3) && (s[3] == 's' || s[3] == 'S')))
        return 1;
    if (is_apos(c, i)) {
        if (i + 1 < c->nt && !(c->t[i + 1].flags & RIFT_TF_SPACE_BEFORE) &&
            (tok_is(c, i + 1, "s")))
            return 2;
        /* plural possessive "Smiths’ " */
        if (i + 1 >= c->nt || (c->t[i + 1].flags & RIFT_TF_SPACE_BEFORE))
            return 1;
    }
    return 0;
}

/* Append the folded text of token i to key (lower-case ASCII; other text
 * through the Unicode fold).  Returns false when the key would overflow. */
static bool key_add(ctx *c, char *key, size_t *kl, size_t i)
{
    if (c->klen && c->klen[i] != KLEN_NONE) {
        size_t n = c->klen[i];
        if (*kl + n + 1 >= KEYMAX)
            return false;
        memcpy(key + *kl, c->kbuf + c->koff[i], n);
        *kl += n;
        key[*kl] = '\0';
        return true;
    }
    const rift_token *k = &c->t[i];
    const char *s = c->d->text + k->start;
    size_t n = k->end - k->start;
    bool ascii = true;
    for (size_t j = 0; j < n; j++)
        if ((unsigned char)s[j] >= 0x80) {
            ascii = false;
            break;
        }
    if (!ascii) {
        size_t fl;
        s = rift_utf8_fold(&c->scratch, s, n, &fl);
        n = fl;
    }
    if (*kl + n + 1 >= KEYMAX)
        return false;
    for (size_t j = 0; j < n; j++) {
        char ch = s[j];
        key[(*kl)++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    key[*kl] = '\0';
    return true;
}

/* Folded key of tokens [a, b): words joined by one space where the text
 * has space, glued where it has none ("Mar-a-Lago", "Sen."). */
static size_t key_of(ctx *c, size_t a, size_t b, char *key)
{
    size_t kl = 0;
    key[0] = '\0';
    for (size_t i = a; i < b; i++) {
        if (i > a && (c->t[i].flags & RIFT_TF_SPACE_BEFORE)) {
            if (kl + 2 >= KEYMAX)
                return 0;
            key[kl++] = ' ';
        }
        if (!key_add(c, key, &kl, i))
            return 0;
    }
    return kl;
}

static int lex_index(const ctx *c, const rift_lexicon *lx)
{
    const mmodel *mm = c->mm;
    return lx == mm->titles ? LX_TITLES : lx == mm->first ? LX_FIRST
         : lx == mm->orgw ? LX_ORGW : lx == mm->orgs ? LX_ORGS
         : lx == mm->outlets ? LX_OUTLETS : lx == mm->places ? LX_PLACES
         : lx == mm->demonyms ? LX_DEMONYMS : lx == mm->nonnames ? LX_NONNAMES
         : lx == mm->verbs ? LX_VERBS : -1;
}

/* The lexicon filter bits of token i (LB_ALL when its key is unknown): a
 * key starting with the token's folded text can be an entry of lexicon li
 * only when LB_PRE(li) is set. */
/* the hash of token i's folded text (klen must be known), computed once */
static uint64_t tok_hash(ctx *c, size_t i)
{
    if (!c->khash[i]) {
        const unsigned char *p = (const unsigned char *)c->kbuf + c->koff[i];
        uint64_t h = LF_SEED;
        for (size_t j = 0; j < c->klen[i]; j++)
            h = lf_step(h, p[j]);
        c->khash[i] = lf_fin(h);
    }
    return c->khash[i];
}

static uint32_t tok_bits(ctx *c, size_t i)
{
    if (!c->tbits || c->klen[i] == KLEN_NONE || !c->klen[i])
        return LB_ALL;
    if (!c->tbits[i])
        c->tbits[i] = lf_get(c->mm, tok_hash(c, i)) | 0x80000000u;
    return c->tbits[i] & LB_ALL;
}

/* the word-class bits (WC_*) of token i; 0 for punctuation-free unknowns */
static uint32_t wc_bits(ctx *c, size_t i)
{
    if (c->klen[i] == KLEN_NONE || !c->klen[i])
        return 0;
    return tok_bits(c, i);
}
#define wc_is(c, i, bit) ((wc_bits((ctx *)(c), (i)) & (bit)) != 0)

/* Whether key_of(c, a, b) would give a non-empty key, from the lengths
 * alone (false when unsure). */
static bool key_fits(const ctx *c, size_t a, size_t b)
{
    size_t kl = 0;
    for (size_t i = a; i < b; i++) {
        if (c->klen[i] == KLEN_NONE)
            return false;
        if (i > a && (c->t[i].flags & RIFT_TF_SPACE_BEFORE)) {
            if (kl + 2 >= KEYMAX)
                return false;
            kl++;
        }
        if (kl + c->klen[i] + 1 >= KEYMAX)
            return false;
        kl += c->klen[i];
    }
    return kl > 0;
}

static int lex_tokens(ctx *c, const rift_lexicon *lx, size_t a, size_t b)
{
    if (b <= a || (lx->max_words && b - a > lx->max_words + 3))
        return -1;
    if (c->klen) {
        int li = lex_index(c, lx);
        if (li >= 0 && !(tok_bits(c, a) & (b == a + 1 ? LB_FULL(li) : LB_PRE(li))))
            return -1;
    }
    if (b == a + 1 && c->klen) {
        int li = lex_index(c, lx);
        if (li >= 0) {
            /* stored as value + 2; 0 (the arena's zero) is "not yet" */
            if (!c->lexv[li])
                c->lexv[li] = rift_arena_alloc(&c->scratch, (c->nt + 1) * sizeof(int32_t));
            int32_t *v = &c->lexv[li][a];
            if (!*v)
                *v = 2 + (c->klen[a] == KLEN_NONE || !c->klen[a]
                              ? -1
                              : rift_lexicon_find(lx, c->kbuf + c->koff[a], c->klen[a]));
            return *v - 2;
        }
    }
    char key[KEYMAX];
    size_t kl = key_of(c, a, b, key);
    return kl ? rift_lexicon_find(lx, key, kl) : -1;
}

/* ---- the lower-case word set: "Stocks" is no name when "stocks" occurs ---- */

static uint64_t word_hash(ctx *c, size_t i)
{
    if (c->klen[i] != KLEN_NONE)
        return tok_hash(c, i) | 1;
    const rift_token *k = &c->t[i];
    const unsigned char *p = (const unsigned char *)c->d->text + k->start;
    size_t n = k->end - k->start;
    uint64_t h = 1469598103934665603ULL;
    size_t j = 0;
    for (; j < n && p[j] < 0x80; j++) {
        unsigned char ch = p[j];
        h ^= (ch >= 'A' && ch <= 'Z') ? ch + 32u : ch;
        h *= 1099511628211ULL;
    }
    if (j == n)
        return (h ^ (h >> 29)) | 1;
    char key[KEYMAX];
    size_t kl = 0;
    if (!key_add(c, key, &kl, i))
        return 0;
    return rift_hash(key, kl) | 1;
}

/* Lower-case a word of ASCII and precomposed Latin-1 letters (U+00C0-U+00FF)
 * into dst (same length); false when it holds anything else, for the full
 * Unicode fold. */
static bool latin1_fold(const char *s, size_t n, char *dst)
{
    for (size_t j = 0; j < n; j++) {
        unsigned char ch = (unsigned char)s[j];
        if (ch < 0x80) {
            dst[j] = (char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
        } else if (ch == 0xC3 && j + 1 < n && (unsigned char)s[j + 1] >= 0x80 &&
                   (unsigned char)s[j + 1] <= 0xBF) {
            unsigned char c2 = (unsigned char)s[j + 1];
            if (c2 == 0x9F)
                return false; /* sharp s folds to "ss" */
            dst[j] = (char)ch;
            dst[j + 1] = (char)((c2 <= 0x9E && c2 != 0x97) ? c2 + 0x20 : c2);
            j++;
        } else if (ch == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
                   (unsigned char)s[j + 2] >= 0x80 && (unsigned char)s[j + 2] <= 0xBF) {
            /* general punctuation (’ ‘ – —): no case, NFC-stable */
            memcpy(dst + j, s + j, 3);
            j += 2;
        } else {
            return false;
        }
    }
    return true;
}

/* fold every token once (lower-case ASCII, Unicode fold otherwise) */
static void keys_build(ctx *c)
{
    size_t total = 0, nonascii = 0;
    for (size_t i = 0; i < c->nt; i++) {
        total += c->t[i].end - c->t[i].start;
        nonascii += (c->t[i].flags & RIFT_TF_NONASCII) != 0;
    }
    /* words that need the full Unicode fold, by their raw bytes: the token
     * whose fold is already in kbuf (+1; 0 is empty), so a word repeated in
     * a script without Latin-1 is folded once */
    size_t fcap = 16;
    while (fcap < nonascii * 2)
        fcap *= 2;
    uint32_t *fcache = nonascii ? rift_arena_alloc(&c->scratch, fcap * sizeof *fcache) : NULL;
    c->kbuf = rift_xmalloc(total * 3 + 16); /* freed by the stage */
    c->koff = rift_arena_alloc(&c->scratch, (c->nt + 1) * sizeof *c->koff);
    c->klen = rift_arena_alloc(&c->scratch, (c->nt + 1) * sizeof *c->klen);
    c->tbits = rift_arena_alloc(&c->scratch, (c->nt + 1) * sizeof *c->tbits);
    c->khash = rift_arena_alloc(&c->scratch, (c->nt + 1) * sizeof *c->khash);
    size_t at = 0;
    for (size_t i = 0; i < c->nt; i++) {
        const rift_token *k = &c->t[i];
        const char *s = c->d->text + k->start;
        size_t n = k->end - k->start;
        c->koff[i] = (uint32_t)at;
        c->klen[i] = KLEN_NONE;
        if (n >= KEYMAX)
            continue;
        if ((k->flags & RIFT_TF_NONASCII) && k->kind == RIFT_TOK_WORD &&
            latin1_fold(s, n, c->kbuf + at)) {
            /* done: ASCII and Latin-1 letters folded in place */
        } else if ((k->flags & RIFT_TF_NONASCII) && k->kind == RIFT_TOK_WORD) {
            uint64_t h = LF_SEED;
            for (size_t j = 0; j < n; j++)
                h = lf_step(h, (unsigned char)s[j]);
            size_t slot = lf_fin(h) & (fcap - 1);
            bool hit = false;
            while (fcache[slot]) {
                size_t o = fcache[slot] - 1;
                const rift_token *ko = &c->t[o];
                if (ko->end - ko->start == n && !memcmp(c->d->text + ko->start, s, n)) {
                    memcpy(c->kbuf + at, c->kbuf + c->koff[o], c->klen[o]);
                    n = c->klen[o];
                    hit = true;
                    break;
                }
                slot = (slot + 1) & (fcap - 1);
            }
            if (!hit) {
                size_t fl;
                const char *f = rift_utf8_fold(&c->scratch, s, n, &fl);
                if (fl >= KEYMAX || fl > n * 3)
                    continue;
                memcpy(c->kbuf + at, f, fl);
                n = fl;
                fcache[slot] = (uint32_t)i + 1;
            }
        } else {
            /* fold and hash in one pass (the hash of tok_hash) */
            unsigned char hi = 0;
            uint64_t h = LF_SEED;
            for (size_t j = 0; j < n; j++) {
                unsigned char ch = (unsigned char)s[j];
                hi |= ch;
                ch = (ch >= 'A' && ch <= 'Z') ? (unsigned char)(ch + 32) : ch;
                c->kbuf[at + j] = (char)ch;
                h = lf_step(h, ch);
            }
            bool ascii = hi < 0x80;
            if (ascii || k->kind != RIFT_TOK_WORD)
                c->khash[i] = lf_fin(h);
            if (!ascii && k->kind == RIFT_TOK_WORD) {
                size_t fl;
                const char *f = rift_utf8_fold(&c->scratch, s, n, &fl);
                if (fl >= KEYMAX || fl > n * 3)
                    continue;
                memcpy(c->kbuf + at, f, fl);
                n = fl;
            }
        }
        c->klen[i] = (uint16_t)n;
        at += n;
    }
}

static void lower_build(ctx *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nt; i++)
        n += is_lower(c, i);
    size_t cap = 64;
    while (cap < n * 2)
        cap *= 2;
    c->lower = rift_arena_alloc(&c->scratch, cap * sizeof *c->lower);
    c->lower_mask = cap - 1;
    for (size_t i = 0; i < c->nt; i++) {
        if (!is_lower(c, i))
            continue;
        uint64_t h = word_hash(c, i);
        size_t s = h & c->lower_mask;
        while (c->lower[s] && c->lower[s] != h)
            s = (s + 1) & c->lower_mask;
        c->lower[s] = h;
    }
}

static bool seen_lower(ctx *c, size_t i)
{
    uint64_t h = word_hash(c, i);
    size_t s = h & c->lower_mask;
    while (c->lower[s]) {
        if (c->lower[s] == h)
            return true;
        s = (s + 1) & c->lower_mask;
    }
    return false;
}

/* ---- quotes ---------------------------------------------------------------- */

static void mark_quotes(ctx *c)
{
    c->inq = rift_arena_alloc(&c->scratch, c->nt + 1);
    bool in = false;
    uint32_t block = UINT32_MAX;
    size_t si = 0;
    for (size_t i = 0; i < c->nt; i++) {
        while (si < c->d->n_sents && c->d->sents[si].tok_end <= i)
            si++;
        if (si < c->d->n_sents && c->d->sents[si].block != block) {
            block = c->d->sents[si].block;
            in = false;
        }
        const rift_token *k = &c->t[i];
        if (k->kind == RIFT_TOK_QUOTE) {
            int n;
            int32_t cp = rift_utf8_decode(c->d->text, c->d->len, k->start, &n);
            rift_cclass cl = rift_utf8_class(cp);
            if ((k->flags & RIFT_TF_QUOTE_OPEN) || cl == RIFT_C_QUOTE_L)
                in = true;
            else if ((k->flags & RIFT_TF_QUOTE_CLOSE) || cl == RIFT_C_QUOTE_R)
                in = false;
            else
                in = !in;
            c->inq[i] = 1;
            continue;
        }
        c->inq[i] = in;
    }
}

static bool is_char(const ctx *c, size_t i, char ch)
{
    return i < c->nt && c->t[i].end - c->t[i].start == 1 && c->d->text[c->t[i].start] == ch;
}

/* ---- runs of capitalised words ---------------------------------------------- */

static bool connector(const ctx *c, size_t i)
{
    return wc_is(c, i, WC_CONN);
}

static bool org_connector(const ctx *c, size_t i)
{
    return wc_is(c, i, WC_ORGCONN);
}

static int orgw_at(ctx *c, size_t i)
{
    int v = lex_tokens(c, c->mm->orgw, i, i + 1);
    return v < 0 ? OW_NONE : c->mm->orgw_class[v];
}

static bool func_word(const ctx *c, size_t i)
{
    return wc_is(c, i, WC_FUNC);
}

static bool calendar_word(ctx *c, size_t a);
static bool nonname_word(ctx *c, size_t a, size_t b);
static bool weekday(ctx *c, size_t i);
static bool model_tok(const ctx *c, size_t i);

/* The end of the run of name tokens that starts at the capitalised token a,
 * within the sentence end e. */
static size_t run_end(ctx *c, size_t a, size_t e)
{
    size_t i = a + 1;
    bool orgish = (orgw_at(c, a) & OW_HEAD) != 0;
    bool orgword = (orgw_at(c, a) & (OW_HEAD | OW_SUFFIX)) != 0;
    while (i < e) {
        const rift_token *k = &c->t[i];
        bool space = (k->flags & RIFT_TF_SPACE_BEFORE) != 0;
        if (c->inq[i] != c->inq[a])
            break;
        /* a capitalised preposition or article starts something else:
         * "Regina Ip In the ... constituency" */
        if (space && is_cap(c, i) && c->t[i].end - c->t[i].start <= 4 && func_word(c, i))
            break;
        /* "Asia Monday", "Washington D.C. Image: ...": a weekday or a
         * caption label after a name is not part of it */
        if (space && is_cap(c, i) && (weekday(c, i) || (is_char(c, i + 1, ':') &&
                                                       nonname_word(c, i, i + 1))))
            break;
        if (is_cap(c, i) && (space || is_word(&c->t[i - 1]) == false)) {
            /* a capital after a space, or glued after a hyphen/apostrophe */
            if (!space && !(i > a && c->t[i - 1].kind != RIFT_TOK_WORD))
                break;
            int ow = orgw_at(c, i);
            if (ow & OW_HEAD)
                orgish = true;
            if (ow & (OW_HEAD | OW_SUFFIX))
                orgword = true;
            i++;
            continue;
        }
        /* initial: "J." (one token with its period, or J + .) */
        if (k->kind == RIFT_TOK_PUNCT && !space && c->d->text[k->start] == '.' &&
            k->end - k->start == 1 && c->t[i - 1].end - c->t[i - 1].start == 1 &&
            is_cap(c, i - 1) && i + 1 < e && is_cap(c, i + 1)) {
            i++;
            continue;
        }
        /* hyphen or apostrophe glued on both sides: Mar-a-Lago, O'Brien */
        if (!space && i + 1 < e && !(c->t[i + 1].flags & RIFT_TF_SPACE_BEFORE) &&
            is_word(&c->t[i + 1]) && k->end - k->start <= 3 &&
            (c->d->text[k->start] == '-' || is_apos(c, i)) && !clitic_at(c, i)) {
            if (is_cap(c, i + 1)) {
                i += 2;
                continue;
            }
            /* lower-case piece inside: -a- in Mar-a-Lago */
            if (i + 3 < e && !(c->t[i + 2].flags & RIFT_TF_SPACE_BEFORE) &&
                c->d->text[c->t[i + 2].start] == '-' && is_cap(c, i + 3) &&
                !(c->t[i + 3].flags & RIFT_TF_SPACE_BEFORE) &&
                c->t[i + 1].end - c->t[i + 1].start <= 3) {
                i += 4;
                continue;
            }
            break;
        }
        /* "Foundation for the Visual Arts", "Museum of the Air Force" */
        if (orgword && (orgw_at(c, i - 1) & (OW_HEAD | OW_SUFFIX)) &&
            k->kind == RIFT_TOK_WORD && space && i + 2 < e &&
            (tok_is(c, i, "of") || tok_is(c, i, "for") || tok_is(c, i, "on")) &&
            tok_is(c, i + 1, "the") && is_lower(c, i + 1) && is_cap(c, i + 2) &&
            c->inq[i + 2] == c->inq[a]) {
            i += 2;
            continue;
        }
        if (k->kind == RIFT_TOK_WORD && space && i + 1 < e && is_cap(c, i + 1) &&
            !func_word(c, i + 1) && !calendar_word(c, i + 1) && !model_tok(c, i + 1) &&
            (connector(c, i) || (orgish && org_connector(c, i))) &&
            !(orgish && (tok_is(c, i, "and") || tok_is(c, i, "&")) &&
              lex_tokens(c, c->mm->first, i + 1, i + 2) >= 0)) {
            i++;
            continue;
        }
        break;
    }
    /* "U.S.": the period after a final initial belongs to the name */
    if (i < e && i > a && c->t[i - 1].end - c->t[i - 1].start == 1 && is_char(c, i, '.') &&
        !(c->t[i].flags & RIFT_TF_SPACE_BEFORE) && is_char(c, i - 2, '.'))
        i++;
    return i;
}

/* ---- titles ---------------------------------------------------------------- */

/* Longest titles.txt phrase starting at token i (ending <= e): its class
 * and *end; TC_NONE if none. */
static int title_at(ctx *c, size_t i, size_t e, size_t *end)
{
    size_t maxw = c->mm->titles->max_words;
    int best = TC_NONE;
    if (i < e && c->klen && !(tok_bits(c, i) & LB_PRE(LX_TITLES)))
        return TC_NONE; /* no title starts with this word */
    char key[KEYMAX];
    size_t kl = 0;
    for (size_t w = 1; w <= maxw + 2 && i + w <= e; w++) {
        /* the key grows by one token each step */
        size_t q = i + w - 1;
        if (w > 1 && (c->t[q].flags & RIFT_TF_SPACE_BEFORE)) {
            if (kl + 2 >= KEYMAX)
                break;
            key[kl++] = ' ';
        }
        if (!key_add(c, key, &kl, q))
            break;
        if (rift_strmap_get(&c->mm->title_pre, key, kl) < 0)
            break; /* no title phrase goes on like this */
        int v = rift_lexicon_find(c->mm->titles, key, kl);
        if (v >= 0) {
            best = c->mm->title_class[v];
            *end = i + w;
        }
        /* stop early when the next token is not part of a phrase */
        const rift_token *k = &c->t[i + w - 1];
        if (k->kind != RIFT_TOK_WORD && k->kind != RIFT_TOK_PUNCT)
            break;
    }
    return best;
}

/* Title phrase ending exactly at token e (exclusive), starting >= lo. */
static int title_ending(ctx *c, size_t lo, size_t e, size_t *start)
{
    size_t maxw = c->mm->titles->max_words + 2;
    int best = TC_NONE;
    if (e > lo && c->klen && !(tok_bits(c, e - 1) & LB_TSUF))
        return TC_NONE; /* no title ends with this word */
    for (size_t w = 1; w <= maxw && w <= e - lo; w++) {
        char key[KEYMAX];
        size_t kl = key_of(c, e - w, e, key);
        if (!kl || rift_strmap_get(&c->mm->title_suf, key, kl) < 0)
            break; /* no title phrase ends like this */
        int v = rift_lexicon_find(c->mm->titles, key, kl);
        if (v >= 0) {
            best = c->mm->title_class[v];
            *start = e - w;
        }
    }
    return best;
}

/* ---- emitting ---------------------------------------------------------------- */

static rift_mention *emit(ctx *c, size_t a, size_t b, uint32_t sent, int kind,
                          int type)
{
    rift_mention m;
    memset(&m, 0, sizeof m);
    m.start = c->t[a].start;
    m.end = c->t[b - 1].end;
    m.tok_begin = (uint32_t)a;
    m.tok_end = (uint32_t)b;
    m.entity = -1;
    m.actor = -1;
    m.link = -1;
    m.sentence = sent;
    m.kind = (uint8_t)kind;
    m.type = (uint8_t)type;
    if (c->inq[a])
        m.flags |= RIFT_MF_IN_QUOTE;
    RIFT_VEC_PUSH(c->out, m);
    return &c->out.v[c->out.n - 1];
}

#define TYPE_UNKNOWN 255
#define TYPE_THING 254   /* products, events, works: found, never output */

static bool place_prep(ctx *c, size_t i)
{
    return wc_is(c, i, WC_PLACEPREP);
}


/* "(D-NY)", "(R-Texas)": a party-state tag after a name */
static bool party_tag(ctx *c, size_t i, size_t e)
{
    if (i + 3 >= e || !is_char(c, i, '('))
        return false;
    /* "(R-AZ)" as one token */
    {
        const rift_token *k = &c->t[i + 1];
        const char *x = c->d->text + k->start;
        size_t n = k->end - k->start;
        if (k->kind == RIFT_TOK_WORD && n >= 3 && n <= 12 && x[1] == '-' &&
            (x[0] == 'D' || x[0] == 'R' || x[0] == 'I') && x[2] >= 'A' && x[2] <= 'Z' &&
            (is_char(c, i + 2, ')') || is_char(c, i + 2, '.') || is_char(c, i + 2, ',')))
            return true;
    }
    if (!(tok_is(c, i + 1, "d") || tok_is(c, i + 1, "r") || tok_is(c, i + 1, "i")))
        return false;
    return c->d->text[c->t[i + 2].start] == '-' || c->d->text[c->t[i + 2].start] == ',';
}

/* Apposition: ", [a|an|the] ... TITLE-or-NOUN ... ," after a name.  Sets the
 * role span when the head is a title.  Returns the class found. */
static int apposition(ctx *c, size_t i, size_t e, size_t *rs, size_t *re)
{
    if (i + 2 >= e || !is_char(c, i, ','))
        return TC_NONE;
    size_t j = i + 1, first = j;
    if (tok_is(c, j, "a") || tok_is(c, j, "an") || tok_is(c, j, "the"))
        first = ++j;
    size_t lim = j + 12 < e ? j + 12 : e;
    int found = TC_NONE;
    size_t k = j;
    for (; k < lim; k++) {
        const rift_token *t = &c->t[k];
        if (t->kind == RIFT_TOK_PUNCT && (is_char(c, k, ',') || is_char(c, k, '.') ||
                                          is_char(c, k, ';') || is_char(c, k, ')')))
            break;
        if (t->kind == RIFT_TOK_QUOTE || t->kind == RIFT_TOK_DASH)
            return TC_NONE;
        if (found == TC_NONE && k < j + 4 && t->kind == RIFT_TOK_WORD) {
            size_t end;
            int cl = title_at(c, k, lim, &end);
            if (cl == TC_TITLE || cl == TC_NOUN) {
                /* the head must not be followed by a name: ", Chairman Mao," */
                if (end < lim && is_cap(c, end) && !tok_is(c, end, "of"))
                    return TC_NONE;
                found = cl;
                k = end - 1;
            } else if (is_cap(c, k) || tok_is(c, k, "who")) {
                return TC_NONE;
            }
        }
        /* a verb-like word ends an apposition: ", said the ..." */
        if (k == j && lex_tokens(c, c->mm->verbs, k, k + 1) >= 0)
            return TC_NONE;
    }
    if (found == TC_NONE || k >= lim || k == first)
        return TC_NONE;
    if (found == TC_TITLE) {
        *rs = first;
        *re = k;
    }
    return found;
}

static bool with_the(const rift_lexicon *lx, const char *key, size_t kl)
{
    char k2[KEYMAX + 8];
    if (kl + 4 >= sizeof k2)
        return false;
    memcpy(k2, "the ", 4);
    memcpy(k2 + 4, key, kl);
    return rift_lexicon_find(lx, k2, kl + 4) >= 0;
}

static bool all_caps(const ctx *c, size_t i)
{
    if (c->t[i].flags & RIFT_TF_ALLCAP)
        return true;
    if (c->t[i].end - c->t[i].start < 2)
        return false;
    for (uint32_t q = c->t[i].start; q < c->t[i].end; q++) {
        char ch = c->d->text[q];
        if (!(ch >= 'A' && ch <= 'Z'))
            return false;
    }
    return true;
}

static bool nonname_word(ctx *c, size_t a, size_t b)
{
    return lex_tokens(c, c->mm->nonnames, a, b) >= 0;
}

static bool weekday(ctx *c, size_t i)
{
    int v = lex_tokens(c, c->mm->nonnames, i, i + 1);
    const rift_lexicon *lx = c->mm->nonnames;
    return v >= 0 && (size_t)v < lx->n_values && lx->values[v] && !strcmp(lx->values[v], "day");
}

static bool calendar_word(ctx *c, size_t a)
{
    int v = lex_tokens(c, c->mm->nonnames, a, a + 1);
    return v >= 0 && c->mm->nonname_class[v] == 1;
}

/* a token that a plain capitalised run of a person's name never holds */
static bool unlike_person(ctx *c, size_t i)
{
    return nonname_word(c, i, i + 1) || lex_tokens(c, c->mm->places, i, i + 1) >= 0 ||
           lex_tokens(c, c->mm->demonyms, i, i + 1) >= 0 ||
           lex_tokens(c, c->mm->orgs, i, i + 1) >= 0 || orgw_at(c, i) != OW_NONE;
}

/* a word written like a brand: lower case then a capital ("iPhone", "eBay") */
static bool camel_word(const ctx *c, size_t i)
{
    const rift_token *k = &c->t[i];
    const char *s = c->d->text + k->start;
    return k->kind == RIFT_TOK_WORD && k->end - k->start >= 3 && s[0] >= 'a' &&
           s[0] <= 'z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* A market index: "the Dow Jones fell 678 points", "X (XX) was down 2.6%",
 * "X closed up 1.2 percent".  A moving verb right after the name (past an
 * acronym in parentheses), then a number of points or percent. */
static bool index_like(ctx *c, size_t b, size_t se)
{
    size_t i = b;
    if (i < se && is_char(c, i, '(')) {
        while (i < se && i < b + 5 && !is_char(c, i, ')'))
            i++;
        i++;
    }
    if (i >= se || !is_lower(c, i))
        return false;
    bool amount = false;
    for (size_t q = i + 1; q < se && q < i + 6 && !amount; q++)
        amount = c->t[q].kind == RIFT_TOK_NUMBER && q + 1 < se &&
                 (is_char(c, q + 1, '%') || tok_is(c, q + 1, "points") ||
                  tok_is(c, q + 1, "percent") || tok_is(c, q + 1, "per"));
    if (!amount)
        return false;
    return tok_in_lx(c, i, c->mm->market_verbs);
}

/* A product, event or work rather than a person or organisation: a word
 * with digits ("A380"), a brand spelling ("iPhone"), a short capital word
 * inside a mixed run ("Mac OS X"), a model number after it ("Galaxy 5"),
 * or a head such as "Conference", "Awards", "Program" (org_words "thing"). */
static bool thing_like(ctx *c, size_t a, size_t b, size_t sb, size_t se)
{
    bool mixed = false;
    for (size_t q = a; q < b; q++)
        if (is_word(&c->t[q]) && !all_caps(c, q))
            mixed = true;
    for (size_t q = a; q < b; q++) {
        const rift_token *k = &c->t[q];
        if (k->kind == RIFT_TOK_NUMBER)
            return true;
        if (k->kind != RIFT_TOK_WORD)
            continue;
        const char *s = c->d->text + k->start;
        size_t n = k->end - k->start;
        for (size_t j = 0; j < n; j++)
            if (s[j] >= '0' && s[j] <= '9')
                return true;
        if (camel_word(c, q))
            return true;
        if (q > a && mixed && n >= 2 && n <= 3 && all_caps(c, q))
            return true;
    }
    if (a > sb && camel_word(c, a - 1))
        return true;
    if (b - a <= 4 && index_like(c, b, se))
        return true;
    /* "the Hang Seng index", "the Dow Jones average": a market index */
    if (b < se && is_lower(c, b) &&
        (tok_is(c, b, "index") || tok_is(c, b, "indices") || tok_is(c, b, "indexes") ||
         tok_is(c, b, "average") || tok_is(c, b, "composite")))
        return true;
    if (b < se && c->t[b].kind == RIFT_TOK_NUMBER && (c->t[b].flags & RIFT_TF_SPACE_BEFORE) &&
        c->t[b].end - c->t[b].start <= 3 &&
        (b + 1 >= se || !(is_char(c, b + 1, ',') || c->t[b + 1].kind == RIFT_TOK_NUMBER)))
        return true;
    return (orgw_at(c, b - 1) & OW_THING) != 0;
}

/* ORG evidence around a one-word name: "X's chief executive", "X's shares",
 * "shares of X", "company X", "X Inc" is handled by the run itself. */
static bool org_context(ctx *c, size_t na, size_t b, size_t sb, size_t se, int clitic)
{
    if (na > sb && is_lower(c, na - 1) && (orgw_at(c, na - 1) & OW_DESC))
        return true;
    if (na >= sb + 2 && tok_is(c, na - 1, "of") &&
        (tok_is(c, na - 2, "shares") || tok_is(c, na - 2, "stock") ||
         tok_is(c, na - 2, "spokesman") || tok_is(c, na - 2, "spokeswoman") ||
         tok_is(c, na - 2, "spokesperson") || tok_is(c, na - 2, "employees")))
        return true;
    size_t q = b + (size_t)clitic;
    if (q < se && (tok_is(c, q, "shares") || tok_is(c, q, "stock") ||
                   tok_is(c, q, "spokesman") || tok_is(c, q, "spokeswoman") ||
                   tok_is(c, q, "spokesperson") || tok_is(c, q, "employees") ||
                   tok_is(c, q, "headquarters") || tok_is(c, q, "customers")))
        return true;
    if (clitic && q < se) {
        size_t end;
        while (q < se && is_lower(c, q) && (tok_is(c, q, "new") || tok_is(c, q, "former") ||
                                           tok_is(c, q, "then")))
            q++;
        int tc = q < se ? title_at(c, q, se, &end) : TC_NONE;
        if (tc == TC_TITLE && (tok_is(c, q, "chief") || tok_is(c, q, "ceo") ||
                               tok_is(c, q, "chairman") || tok_is(c, q, "founder") ||
                               tok_is(c, q, "co-founder") || tok_is(c, q, "cfo") ||
                               tok_is(c, q, "executive")))
            return true;
    }
    return false;
}

/* A model designation after a maker's name: "747", "A380", "787s". */
static bool model_tok(const ctx *c, size_t i)
{
    const rift_token *k = &c->t[i];
    size_t n = k->end - k->start;
    if (!(k->flags & RIFT_TF_SPACE_BEFORE) || n > 6)
        return false;
    if (k->kind == RIFT_TOK_NUMBER)
        return n >= 2 && n <= 4;
    if (k->kind != RIFT_TOK_WORD)
        return false;
    const char *s = c->d->text + k->start;
    bool digit = false;
    for (size_t j = 0; j < n; j++)
        digit |= s[j] >= '0' && s[j] <= '9';
    return digit && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9'));
}

/* "Boeing 747", "Airbus A380": one or two plain capitalised words, then a
 * model designation not followed by a unit or a count.  Not for words
 * that number things ("Chapter 11", "Flight 370", "Route 66"). */
static bool maker_before_model(ctx *c, size_t a, size_t b, size_t se)
{
    if (b - a > 2 || b >= se || !model_tok(c, b))
        return false;
    if (b + 1 < se && (c->t[b + 1].kind == RIFT_TOK_NUMBER || is_char(c, b + 1, '%') ||
                       is_char(c, b + 1, ',') || is_char(c, b + 1, ':') ||
                       (is_lower(c, b + 1) &&
                        (tok_is(c, b + 1, "percent") || tok_is(c, b + 1, "points") ||
                         tok_is(c, b + 1, "index") || tok_is(c, b + 1, "average") ||
                         tok_is(c, b + 1, "composite") || tok_is(c, b + 1, "indices") ||
                         tok_is(c, b + 1, "million") || tok_is(c, b + 1, "billion") ||
                         tok_is(c, b + 1, "people") || tok_is(c, b + 1, "years")))))
        return false;
    /* "the FTSE 100 fell 2.3%": a market index */
    if (index_like(c, b + 1, se))
        return false;
    for (size_t q = a; q < b; q++) {
        if (!is_word(&c->t[q]) || camel_word(c, q) || model_tok(c, q) || seen_lower(c, q) ||
            nonname_word(c, q, q + 1) || lex_tokens(c, c->mm->places, q, q + 1) >= 0)
            return false;
        if (wc_is(c, q, WC_NUMBERED))
            return false;
    }
    return true;
}

static bool direction_word(const ctx *c, size_t i)
{
    return wc_is(c, i, WC_DIR);
}

/* ", Texas", ", France": a state or country after a comma, then the end
 * of the phrase */
static bool state_after(ctx *c, size_t i, size_t se)
{
    if (i + 1 >= se || !is_char(c, i, ',') || !is_cap(c, i + 1) ||
        !(tok_bits(c, i + 1) & LB_PRE(LX_PLACES)))
        return false;
    const rift_lexicon *lx = c->mm->places;
    for (size_t w = 3; w >= 1; w--) {
        if (i + 1 + w > se)
            continue;
        int v = lex_tokens(c, lx, i + 1, i + 1 + w);
        if (v < 0)
            continue;
        const char *cls = (size_t)v < lx->n_values && lx->values[v] ? lx->values[v] : "";
        if (strcmp(cls, "state") && strcmp(cls, "country"))
            return false;
        size_t q = i + 1 + w;
        size_t te;
        return q >= se || (c->t[q].kind == RIFT_TOK_PUNCT && !clitic_at(c, q)) ||
               (is_lower(c, q) && title_at(c, q, se, &te) == TC_NONE);
    }
    return false;
}

static bool roman(const ctx *c, size_t i)
{
    const rift_token *k = &c->t[i];
    if (k->end - k->start < 2 || k->end - k->start > 6)
        return false;
    for (uint32_t q = k->start; q < k->end; q++)
        if (c->d->text[q] != 'I' && c->d->text[q] != 'V' && c->d->text[q] != 'X')
            return false;
    return true;
}

/* "Vessel Foundation for the Visual Arts", "Bank of America": an
 * organisation word followed by of / for / on inside the run */
static bool org_word_of(ctx *c, size_t a, size_t b)
{
    for (size_t q = a + 1; q + 2 < b + 1 && q + 1 < b; q++)
        if ((orgw_at(c, q) & (OW_HEAD | OW_SUFFIX)) &&
            (tok_is(c, q + 1, "of") || tok_is(c, q + 1, "for") || tok_is(c, q + 1, "on")))
            return true;
    return false;
}

static bool ist_word(const ctx *c, size_t i)
{
    const rift_token *k = &c->t[i];
    const char *s = c->d->text + k->start;
    size_t n = k->end - k->start;
    return k->kind == RIFT_TOK_WORD && n >= 6 && n <= 20 && !memcmp(s + n - 3, "ist", 3);
}

/* A brand spelling with a capital inside: "YouTube", "PlayStation"
 * (not "McAllen", "MacArthur") */
static bool intercap(const ctx *c, size_t i)
{
    const rift_token *k = &c->t[i];
    const char *s = c->d->text + k->start;
    size_t n = k->end - k->start;
    if (k->kind != RIFT_TOK_WORD || n < 5 || n > 20 || !(s[0] >= 'A' && s[0] <= 'Z') ||
        (s[1] == 'c' && s[0] == 'M') || (n > 3 && !memcmp(s, "Mac", 3)))
        return false;
    for (size_t j = 3; j + 1 < n; j++)
        if (s[j] >= 'A' && s[j] <= 'Z' && s[j - 1] >= 'a' && s[j - 1] <= 'z' &&
            s[j - 2] >= 'a' && s[j - 2] <= 'z' && s[j + 1] >= 'a' && s[j + 1] <= 'z')
            return true;
    return false;
}

/* "-based" or "-headquartered" glued at the end of token i: its length */
static size_t based_suffix(const ctx *c, size_t i)
{
    const rift_token *k = &c->t[i];
    size_t n = k->end - k->start;
    const char *s = c->d->text + k->start;
    if (k->kind != RIFT_TOK_WORD || n < 8 || s[n - 1] != 'd')
        return 0;
    if (!memcmp(s + n - 6, "-based", 6))
        return 6;
    if (n > 15 && !memcmp(s + n - 14, "-headquartered", 14))
        return 14;
    return 0;
}

/* Known places and organisations inside a role: "U.S. President",
 * "Texas Governor", "NATO Secretary General" */
static void known_in_role(ctx *c, size_t ra, size_t rb, uint32_t s)
{
    for (size_t q = ra; q < rb; q++) {
        if (!is_cap(c, q) ||
            !(tok_bits(c, q) & (LB_PRE(LX_PLACES) | LB_PRE(LX_ORGS) | LB_PRE(LX_OUTLETS))))
            continue;
        if (c->out.n && c->out.v[c->out.n - 1].end > c->t[q].start)
            continue;
        for (size_t w = rb - q < 4 ? rb - q : 4; w >= 1; w--) {
            int type = lex_tokens(c, c->mm->places, q, q + w) >= 0 ? RIFT_ENT_LOC
                     : lex_tokens(c, c->mm->orgs, q, q + w) >= 0 ? RIFT_ENT_ORG
                     : lex_tokens(c, c->mm->outlets, q, q + w) >= 0 ? RIFT_ENT_OUTLET : -1;
            if (type < 0)
                continue;
            rift_mention *m = emit(c, q, q + w, s, RIFT_MK_NAME, type);
            m->confident = 1;
            m->flags |= RIFT_MF_KNOWN;
            q += w - 1;
            break;
        }
    }
}

static void name_run(ctx *c, size_t a, size_t b, size_t sb, size_t se, uint32_t s,
                     bool sent_start);

/* name_run on [a, b) (not at a sentence start), then an organisation hint
 * on what it emitted without a confident type ("X-based Y", "Z of Y"). */
static void org_run(ctx *c, size_t a, size_t b, size_t sb, size_t se, uint32_t s)
{
    size_t before = c->out.n;
    name_run(c, a, b, sb, se, s, false);
    for (size_t k = before; k < c->out.n; k++)
        if (!c->out.v[k].confident || c->out.v[k].type == TYPE_UNKNOWN)
            c->out.v[k].hint |= RIFT_MH_ORG;
}

/* A run [a, b) in sentence s: split off titles, type it, emit it. */
static void name_run(ctx *c, size_t a, size_t b, size_t sb, size_t se,
                     uint32_t s, bool sent_start)
{
    const mmodel *mm = c->mm;
    /* a currency: "US$ 299", "C$", "US dollars" */
    if (b < c->nt && ((is_char(c, b, '$') && !(c->t[b].flags & RIFT_TF_SPACE_BEFORE)) ||
                      tok_is(c, b, "dollar") || tok_is(c, b, "dollars")))
        return;
    /* "Chicago-based Zentrix": a place glued to "-based", then a company */
    for (size_t q = a; q < b; q++) {
        size_t bl = based_suffix(c, q);
        if (!bl)
            continue;
        size_t pa = a;
        while (pa < q && tok_is(c, pa, "the"))
            pa++;
        if (c->t[q].end - c->t[q].start > bl) {
            rift_mention *lm = emit(c, pa, q + 1, s, RIFT_MK_NAME, RIFT_ENT_LOC);
            lm->end -= (uint32_t)bl;
            lm->confident = 1;
        }
        if (q + 1 < b) {
            org_run(c, q + 1, b, sb, se, s);
        }
        return;
    }
    /* leading nonname words at a sentence start ("The", "But", "According") */
    int det_the = a > sb && tok_is(c, a - 1, "the");
    int type = TYPE_UNKNOWN;
    bool confident = false;
    int actor = -1;
    /* whole-run lexicon matches first (with or without a leading "The") */
    for (int pass = 0; pass < 2 && type == TYPE_UNKNOWN; pass++) {
        size_t x = a;
        if (pass == 1) {
            if (!(b - a >= 2 && tok_is(c, a, "the")))
                break;
            x = a + 1;
        }
        /* nothing in the lexicons starts with the first word: no match,
         * unless the key would be empty or too long (which ends the loop) */
        if (!c->model->actor_data && !(pass == 0 && det_the) &&
            !(tok_bits(c, x) & (LB_PRE(LX_OUTLETS) | LB_PRE(LX_ORGS) | LB_PRE(LX_PLACES))) &&
            key_fits(c, x, b))
            continue;
        char key[KEYMAX];
        size_t kl = key_of(c, x, b, key);
        if (!kl)
            break;
        int32_t ac = rift_actor_find(c->model, key, kl);
        if (ac >= 0) {
            actor = ac;
            type = rift_actor_get(c->model, ac)->type;
        } else if (rift_lexicon_find(mm->outlets, key, kl) >= 0 ||
                   (pass == 0 && det_the && with_the(mm->outlets, key, kl))) {
            type = RIFT_ENT_OUTLET;
        } else if (rift_lexicon_find(mm->orgs, key, kl) >= 0) {
            type = RIFT_ENT_ORG;
        } else if (rift_lexicon_find(mm->places, key, kl) >= 0) {
            type = RIFT_ENT_LOC;
        }
        if (type != TYPE_UNKNOWN) {
            confident = true;
            a = x;
            /* "Time will tell": a one-word lexicon entry at a sentence start
             * that the article also uses in lower case */
            if (b - a == 1 && sent_start && actor < 0 && seen_lower(c, a))
                return;
        }
    }
    /* "Southern Indiana", "East Los Angeles": a direction before a known
     * place is a place */
    if (type == TYPE_UNKNOWN && b - a >= 2 && b - a <= 5 && direction_word(c, a) &&
        lex_tokens(c, mm->places, a + 1, b) >= 0) {
        type = RIFT_ENT_LOC;
        confident = true;
    }
    /* "the United States Barack Obama", "Brask Mills Ona Pell": a known
     * place, organisation or outlet glued before a first name and a
     * surname are two names */
    if (type == TYPE_UNKNOWN && b - a >= 3 && b - a <= 8) {
        for (size_t p = a + 1; p + 2 <= b; p++) {
            if (!is_cap(c, p) || lex_tokens(c, mm->first, p, p + 1) < 0)
                continue;
            char key[KEYMAX];
            size_t x = tok_is(c, a, "the") ? a + 1 : a;
            size_t kl = x < p ? key_of(c, x, p, key) : 0;
            /* or "Republic of Norland Halvar Essing": a name with "of" whose
             * last two or three words start with a first name */
            bool of_part = false, t0 = false;
            if (kl && b - p <= 3 && p >= x + 3 && is_cap(c, p - 1) && !connector(c, p - 1)) {
                size_t e0;
                t0 = title_at(c, x, b, &e0) != TC_NONE;
                for (size_t q = x + 1; q + 1 < p && !of_part; q++)
                    of_part = tok_is(c, q, "of");
            }
            /* "Apple Inc. Steve Jobs": an organisation suffix ends the first */
            size_t pe = p - 1;
            if (pe > x && is_char(c, pe, '.'))
                pe--;
            bool suffix_end = pe > x && (orgw_at(c, pe) & OW_SUFFIX) &&
                              !(orgw_at(c, pe) & OW_HEAD);
            if (kl && ((of_part && !t0) || suffix_end ||
                       rift_lexicon_find(mm->places, key, kl) >= 0 ||
                       rift_lexicon_find(mm->orgs, key, kl) >= 0 ||
                       rift_lexicon_find(mm->outlets, key, kl) >= 0)) {
                name_run(c, a, p, sb, se, s, sent_start);
                name_run(c, p, b, sb, se, s, false);
                return;
            }
        }
    }
    /* "Nick Pell of Brask Mills": a first name and a surname, then "of" and
     * the organisation: two names */
    if (type == TYPE_UNKNOWN && b - a >= 4 && b - a <= 12 &&
        lex_tokens(c, mm->first, a, a + 1) >= 0) {
        for (size_t p = a + 2; p + 1 < b && p <= a + 3; p++) {
            if (!tok_is(c, p, "of"))
                continue;
            size_t e0;
            if (title_at(c, a, b, &e0) != TC_NONE)
                break;
            name_run(c, a, p, sb, se, s, sent_start);
            org_run(c, p + 1, b, sb, se, s); /* a person "of" a body: its member */
            return;
        }
    }
    if (type == TYPE_UNKNOWN) {
        /* strip leading nonname words ("The", "But", "Citing", months) */
        while (a < b && (tok_is(c, a, "the") || (sent_start && nonname_word(c, a, a + 1)) ||
                         (a + 1 < b && calendar_word(c, a))))
            a++, sent_start = false;
        /* "Shares of Zentrix": a connector left at the front goes too */
        while (a < b && is_lower(c, a))
            a++;
        /* leading demonym: "German Chancellor ..." handled by titles below;
         * a demonym or nonname alone is never a name */
        if (a >= b)
            return;
        if ((b - a == 1 && nonname_word(c, a, b)) || lex_tokens(c, mm->demonyms, a, b) >= 0)
            return;
    }

    /* titles inside the run: the last title phrase that leaves a name */
    size_t na = a, role_a = a, role_b = a;
    bool titled = false, honor = false;
    bool kind_lexicon = type != TYPE_UNKNOWN;
    if (type == TYPE_UNKNOWN) {
        int lastcls = TC_NONE;
        size_t split = a;
        for (size_t i = a; i < b; i++) {
            size_t end;
            int cl = title_at(c, i, b, &end);
            if ((cl == TC_TITLE || cl == TC_HONORIFIC || cl == TC_MOD) && end < b &&
                !connector(c, end) && !org_connector(c, end)) {
                split = end;
                lastcls = cl;
                i = end - 1;
            }
        }
        /* "President of the United States Barack Obama", "Chief Executive of
         * Zentrix Ona Pell": a title with "of", then a known first name
         * followed by one or two more words is where the person starts */
        if (split == a && b - a >= 5) {
            size_t e0;
            int c0 = title_at(c, a, b, &e0);
            if (c0 == TC_TITLE && e0 < b && connector(c, e0)) {
                for (size_t p = b >= 3 ? b - 3 : a; p + 1 < b; p++)
                    if (p > e0 + 1 && is_cap(c, p) && !connector(c, p - 1) &&
                        lex_tokens(c, mm->first, p, p + 1) >= 0) {
                        split = p;
                        lastcls = TC_TITLE;
                        break;
                    }
            }
        }
        /* "Scientologist Tom Cruise", "Socialist Ana Pell": a word for an
         * adherent before a first name and a surname */
        if (split == a && b - a >= 3 && b - a <= 4 && ist_word(c, a) &&
            lex_tokens(c, mm->first, a + 1, a + 2) >= 0) {
            split = a + 1;
            lastcls = TC_NOUN;
        }
        /* "General Motors", "Chairman Inc.": a lone org word left is no name */
        if (split > a && b - split == 1 && (orgw_at(c, split) & OW_SUFFIX))
            split = a;
        /* "General Motors Corporation": what follows the title ends with an
         * organisation suffix and does not start with a first name */
        if (split > a && b - split >= 2 && b - split <= 4 && (orgw_at(c, b - 1) & OW_SUFFIX) &&
            lex_tokens(c, mm->first, split, split + 1) < 0)
            split = a;
        if (split > a) {
            na = split;
            role_a = a;
            role_b = split;
            titled = lastcls != TC_HONORIFIC && lastcls != TC_NOUN;
            honor = lastcls == TC_HONORIFIC || lastcls == TC_NOUN;
        }
        /* titles before the run: "former President", "Press secretary" */
        size_t lo = a;
        for (;;) {
            size_t st;
            int cl = lo > sb ? title_ending(c, sb, lo, &st) : TC_NONE;
            if (cl == TC_NONE)
                break;
            if (cl == TC_TITLE || cl == TC_MOD) {
                titled = titled || cl == TC_TITLE;
                if (role_b == role_a)
                    role_b = lo;
                role_a = st;
            } else if (cl == TC_HONORIFIC) {
                honor = true;
            } else if (cl == TC_NOUN) {
                honor = true; /* a person noun: evidence, not a role */
                if (role_b == role_a)
                    break;
            }
            lo = st;
            /* capitalised modifiers before a title: "Press secretary",
             * "Senate Minority Leader" (already in the run) */
            while (cl == TC_TITLE && lo > sb && is_cap(c, lo - 1) && !c->inq[lo - 1] &&
                   !(c->t[lo - 1].flags & RIFT_TF_SENT_START && nonname_word(c, lo - 1, lo))) {
                lo--;
                role_a = lo;
            }
        }
        if (role_a == role_b)
            titled = titled && false;
    }
    if (na >= b)
        return;
    if (type == TYPE_UNKNOWN) {
        size_t end;
        int tc = title_at(c, na, b, &end);
        if (tc != TC_NONE && end == b)
            return;
    }

    size_t n = b - na;
    /* evidence after the run */
    size_t after = b;
    int cl = clitic_at(c, after);
    bool poss = cl > 0;
    if (poss)
        after += (size_t)cl;
    bool speech = false;
    if (!poss && after < se) {
        int v = lex_tokens(c, mm->verbs, after, after + 1);
        speech = v >= 0 && mm->verb_speech[v];
        if (v >= 0 && !speech && n >= 2 && first_byte(c, after) >= 'a')
            speech = true; /* action verb after a two-word name: person-ish */
    }
    size_t ars = 0, are = 0;
    int appo = poss ? TC_NONE : apposition(c, after, se, &ars, &are);
    bool party = party_tag(c, after, se);
    bool maker = false;

    if (type == TYPE_UNKNOWN) {
        int lastw = orgw_at(c, b - 1);
        int firstw = orgw_at(c, na);
        int fg = lex_tokens(c, mm->first, na, na + 1);
        bool allcap = all_caps(c, na);
        /* "part XVII": a Roman numeral (I, V, X) alone is no name */
        if (n == 1 && roman(c, na))
            return;
        /* a one-letter word ("rival X", "on X") is nobody's name */
        bool letter = n == 1 && c->t[na].end - c->t[na].start == 1;
        if (n >= 2 && b - na <= 4 && model_tok(c, b - 1) && !model_tok(c, b - 2) &&
            !(orgw_at(c, na) & OW_HEAD)) {
            /* "Airbus A380": the maker's name without the model */
            name_run(c, a, b - 1, sb, se, s, sent_start);
            return;
        }
        if ((titled || honor || party || appo != TC_NONE) && !(letter && !titled)) {
            type = RIFT_ENT_PERSON;
            confident = true;
        } else if (n >= 2 && ((lastw & OW_SUFFIX) ||
                              ((firstw & OW_HEAD) && n >= 3 && connector(c, na + 1)) ||
                              org_word_of(c, na, b))) {
            type = RIFT_ENT_ORG;
            confident = true;
        } else if (!poss && n <= 3 && fg < 0 && state_after(c, after, se)) {
            type = RIFT_ENT_LOC; /* "Irving, Texas", "Kanata, Ontario" */
            confident = true;
        } else if (n >= 2 && (fg < 0 || n >= 3) &&
                   (((lastw & OW_PLACE) && !(lastw & OW_SUFFIX)) ||
                                        (firstw & OW_PLACEHEAD))) {
            type = RIFT_ENT_LOC; /* "Kennedy Space Center", "Lake Tana" */
            confident = true;
        } else if (maker_before_model(c, na, b, se)) {
            maker = true; /* "Boeing 747": the maker of a model */
        } else if (thing_like(c, na, b, sb, se)) {
            type = TYPE_THING;
            confident = true;
        } else if (na > sb && is_lower(c, na - 1) && (orgw_at(c, na - 1) & OW_DESC)) {
            type = RIFT_ENT_ORG; /* "rival Zentrix", "the retailer Mollo" */
            confident = true;
        } else if (n == 1 && allcap) {
            type = RIFT_ENT_ORG;
            confident = true;
        } else if (fg >= 0 && n >= 2 && n <= 4) {
            type = RIFT_ENT_PERSON;
            confident = true;
        } else if (na > sb && place_prep(c, na - 1) && !speech &&
                   !(na >= 2 && tok_is(c, na - 1, "to") && !tok_is(c, na - 2, "went"))) {
            /* one word after "in", "at": a place or a company ("at Zentrix");
             * the entity stage weighs all its mentions */
            type = tok_is(c, na - 1, "to") || tok_is(c, na - 1, "at") || n == 1
                   ? TYPE_UNKNOWN : RIFT_ENT_LOC;
            confident = n >= 2 && type == RIFT_ENT_LOC;
        } else if (speech && n >= 2) {
            /* "X Y said": a person unless a word says otherwise; weak, so
             * the entity stage can still make it an organisation */
            bool plain = true;
            for (size_t q = na; q < b; q++)
                if (is_word(&c->t[q]) && unlike_person(c, q))
                    plain = false;
            if (plain)
                type = RIFT_ENT_PERSON;
        } else if (fg >= 0 && n == 1) {
            type = RIFT_ENT_PERSON;
        } else if (n >= 2 && n <= 3 && !(na == a && det_the)) {
            /* two or three plain capitalised words, not after "the" ("the
             * Sea Org" is no person) */
            bool plain = true;
            for (size_t q = na; q < b; q++)
                if (is_word(&c->t[q]) && (unlike_person(c, q) || seen_lower(c, q) ||
                                          all_caps(c, q)))
                    plain = false;
            if (plain)
                type = RIFT_ENT_PERSON;
        }
        /* sentence-initial single words with no evidence: a common word? */
        if (n == 1 && !confident && sent_start &&
            (seen_lower(c, na) || nonname_word(c, na, b)))
            return;
        if (n == 1 && !confident && seen_lower(c, na) && !speech && fg < 0)
            return;
        /* scare quotes: “Stocks”, “Liberation Day” */
        if (!confident && na > 0 && c->t[na - 1].kind == RIFT_TOK_QUOTE &&
            (b < c->nt && c->t[b].kind == RIFT_TOK_QUOTE))
            return;
    }
    uint8_t hint = 0;
    if (type == RIFT_ENT_PERSON && na == a && (titled || honor || party || appo != TC_NONE ||
                                               (n >= 2 && lex_tokens(c, mm->first, na, na + 1) >= 0)))
        hint |= RIFT_MH_PEVID;
    else if (type == RIFT_ENT_PERSON && (titled || honor))
        hint |= RIFT_MH_PEVID;
    if (type == TYPE_UNKNOWN || !confident) {
        if (!sent_start && !c->headline)
            hint |= RIFT_MH_MIDSENT;
        if (maker || org_context(c, na, b, sb, se, cl) || (n == 1 && intercap(c, na)))
            hint |= RIFT_MH_ORG;
        if (na > sb && place_prep(c, na - 1) && !tok_is(c, na - 1, "to"))
            hint |= RIFT_MH_LOC;
        if (speech)
            hint |= RIFT_MH_PERSON;
    }
    if (type == RIFT_ENT_LOC && kind_lexicon && n == 1) {
        /* "Paris claims ...": a place name used as a person's surname; the
         * entity stage decides from all its mentions */
        if (speech && !poss)
            hint |= RIFT_MH_PERSON;
        if (na > sb && place_prep(c, na - 1))
            hint |= RIFT_MH_LOC;
    }
    if (titled && role_b > role_a) {
        /* "U.S. President" taken as a name of its own just before: the
         * role of this name now */
        while (c->out.n && c->out.v[c->out.n - 1].kind == RIFT_MK_NAME &&
               c->out.v[c->out.n - 1].link < 0 && role_b > role_a &&
               c->out.v[c->out.n - 1].start >= c->t[role_a].start &&
               c->out.v[c->out.n - 1].end <= c->t[role_b - 1].end)
            c->out.n--;
        known_in_role(c, role_a, role_b < na ? role_b : na, s);
    }
    bool known = confident && type != TYPE_UNKNOWN && na == a && !titled && !honor;
    rift_mention *m = emit(c, na, b, s, n == 1 && type == RIFT_ENT_ORG &&
                                             (c->t[na].flags & RIFT_TF_ALLCAP)
                                             ? RIFT_MK_ACRONYM : RIFT_MK_NAME,
                           type);
    m->actor = actor;
    m->confident = confident;
    m->hint = hint;
    if (known && (actor >= 0 || kind_lexicon))
        m->flags |= RIFT_MF_KNOWN;
    if (poss)
        m->flags |= RIFT_MF_POSS;
    if (titled) {
        m->flags |= RIFT_MF_TITLED;
        m->role_start = c->t[role_a].start;
        m->role_end = c->t[role_b - 1].end;
    } else if (appo == TC_TITLE && are > ars) {
        m->role_start = c->t[ars].start;
        m->role_end = c->t[are - 1].end;
    }
    if (type == RIFT_ENT_PERSON) {
        int fg = lex_tokens(c, mm->first, na, na + 1);
        if (fg >= 0 && (n >= 2 || b == na + 1))
            m->flags |= mm->first_gender[fg];
        /* an honorific before the name: Mr, Mrs, Ms */
        size_t lo = na > sb + 3 ? na - 3 : sb;
        for (size_t q = lo; q < na; q++) {
            if (tok_is(c, q, "mr") || tok_is(c, q, "mr.") || tok_is(c, q, "mister") ||
                tok_is(c, q, "sir") || tok_is(c, q, "lord") || tok_is(c, q, "king") ||
                tok_is(c, q, "prince") || tok_is(c, q, "monsieur") || tok_is(c, q, "herr"))
                m->flags = (uint8_t)((m->flags & ~RIFT_MF_FEMALE) | RIFT_MF_MALE);
            else if (tok_is(c, q, "mrs") || tok_is(c, q, "mrs.") || tok_is(c, q, "ms") ||
                     tok_is(c, q, "ms.") || tok_is(c, q, "miss") || tok_is(c, q, "madam") ||
                     tok_is(c, q, "dame") || tok_is(c, q, "lady") || tok_is(c, q, "queen") ||
                     tok_is(c, q, "princess") || tok_is(c, q, "madame") || tok_is(c, q, "frau"))
                m->flags = (uint8_t)((m->flags & ~RIFT_MF_MALE) | RIFT_MF_FEMALE);
        }
    }
    (void)speech;
    /* aliases: "Department of Government Efficiency (DOGE)", "X (formerly Twitter)" */
    if (!poss && after + 2 < se && is_char(c, after, '(') && !party_tag(c, after, se)) {
        size_t q = after + 1;
        bool formerly = tok_is(c, q, "formerly") || tok_is(c, q, "now") ||
                        tok_is(c, q, "aka");
        if (formerly)
            q++;
        if (q < se && is_cap(c, q)) {
            size_t qe = run_end(c, q, se);
            size_t self = c->out.n - 1;
            if (qe < se && is_char(c, qe, ')') && !formerly &&
                c->out.v[self].type != RIFT_ENT_LOC && lex_tokens(c, c->mm->places, q, qe) >= 0) {
                /* "Faith Kipyegon (Kenya)": a country after a name is the
                 * place it stands for, not another name of it */
                rift_mention *pl = emit(c, q, qe, s, RIFT_MK_NAME, RIFT_ENT_LOC);
                pl->confident = 1;
                pl->flags |= RIFT_MF_KNOWN;
            } else if (qe < se && is_char(c, qe, ')')) {
                if (formerly && c->out.v[self].type == TYPE_UNKNOWN) {
                    /* renamed: a company, a platform, a body */
                    c->out.v[self].type = RIFT_ENT_ORG;
                    c->out.v[self].confident = 1;
                }
                rift_mention *al = emit(c, q, qe, s, qe - q == 1 ? RIFT_MK_ACRONYM
                                                                  : RIFT_MK_NAME,
                                        c->out.v[self].type);
                al->link = (int32_t)self;
                al->confident = c->out.v[self].confident;
            }
        }
    }
}

/* Non-name mentions at token i: "the president", "the Tesla and SpaceX CEO",
 * "the outlet", pronouns.  Returns the token after what it consumed. */
static size_t other_mention(ctx *c, size_t i, size_t se, uint32_t s)
{
    /* only "the ..." and he/she/him/his/her/hers/himself/herself start one */
    {
        size_t n = c->t[i].end - c->t[i].start;
        unsigned char b0 = first_byte(c, i) | 0x20;
        if (n < 2 || n > 7 || !(b0 == 't' || b0 == 'h' || b0 == 's') ||
            !wc_is(c, i, WC_OTHER))
            return i + 1;
    }
    if (tok_is(c, i, "the") && i + 1 < se) {
        size_t j = i + 1, end;
        /* "the former president", "the vice president" */
        size_t k = j;
        while (k < se && is_lower(c, k) && (tok_is(c, k, "former") || tok_is(c, k, "then") ||
                                           tok_is(c, k, "late") || tok_is(c, k, "current")))
            k++;
        int cl = k < se ? title_at(c, k, se, &end) : TC_NONE;
        if (cl == TC_TITLE && (end >= se || !is_cap(c, end)) &&
            (end >= se || !tok_is(c, end, "of")) &&
            (!is_cap(c, k) || (end < se && is_lower(c, end) && !c->inq[k]))) {
            rift_mention *m = emit(c, i, end, s, RIFT_MK_TITLE, RIFT_ENT_PERSON);
            m->role_start = c->t[k].start;
            m->role_end = c->t[end - 1].end;
            return end;
        }
        /* "the boy", "the student": a person noun alone, no role */
        if (cl == TC_NOUN && k == j && end == j + 1 && is_lower(c, j) &&
            (end >= se || (!is_cap(c, end) && !tok_is(c, end, "of") && !tok_is(c, end, "who")))) {
            rift_mention *m = emit(c, i, end, s, RIFT_MK_NOMINAL, RIFT_ENT_PERSON);
            m->role_start = m->role_end = m->start;
            return end;
        }
        if (k == j && (tok_is(c, j, "outlet") || tok_is(c, j, "newspaper") ||
                       tok_is(c, j, "tabloid") || tok_is(c, j, "broadcaster") ||
                       tok_is(c, j, "magazine") || tok_is(c, j, "publication"))) {
            emit(c, i, j + 1, s, RIFT_MK_OUTLET_REF, RIFT_ENT_OUTLET);
            return j + 1;
        }
        /* the Tesla and SpaceX CEO: capitals (and "and") then a title */
        if (is_cap(c, j)) {
            size_t q = j;
            while (q < se && q < j + 8 && (is_cap(c, q) || tok_is(c, q, "and") ||
                                          tok_is(c, q, "&") ||
                                          (is_char(c, q, '-') && !(c->t[q].flags & RIFT_TF_SPACE_BEFORE))))
                q++;
            /* the title is the last capital word(s) or a lower-case title */
            for (size_t t0 = q; t0 > j; t0--) {
                size_t e2;
                int cl2 = title_at(c, t0 - 1, se, &e2);
                if (cl2 == TC_TITLE && t0 - 1 > j && e2 >= q &&
                    (e2 >= se || !is_cap(c, e2))) {
                    rift_mention *m = emit(c, i, e2, s, RIFT_MK_NOMINAL, RIFT_ENT_PERSON);
                    m->role_start = c->t[j].start;
                    m->role_end = c->t[e2 - 1].end;
                    return e2;
                }
                if (cl2 == TC_TITLE)
                    break;
            }
        }
        return i + 1;
    }
    typedef struct { const char *w; size_t n; } pron;
    static const pron male[] = {{"he", 2}, {"him", 3}, {"his", 3}, {"himself", 7}, {NULL, 0}};
    static const pron female[] = {{"she", 3}, {"her", 3}, {"hers", 4}, {"herself", 7}, {NULL, 0}};
    for (int g = 0; g < 2; g++) {
        const pron *w = g ? female : male;
        for (size_t k = 0; w[k].w; k++)
            if (tok_is_n(c, i, w[k].w, w[k].n)) {
                rift_mention *m = emit(c, i, i + 1, s, RIFT_MK_PRONOUN, RIFT_ENT_PERSON);
                m->flags |= g ? RIFT_MF_FEMALE : RIFT_MF_MALE;
                return i + 1;
            }
    }
    return i + 1;
}

/* Whether only a list separator lies between mentions x and y: ",", "and",
 * "or", "&", ", and", ", or". */
static bool list_gap(const ctx *c, const rift_mention *x, const rift_mention *y)
{
    if (x->sentence != y->sentence || y->tok_begin <= x->tok_end ||
        y->tok_begin - x->tok_end > 2)
        return false;
    size_t g = x->tok_end, n = y->tok_begin - x->tok_end;
    bool comma = is_char(c, g, ',');
    size_t w = comma ? g + 1 : g;
    if (w == y->tok_begin)
        return comma;
    return w + 1 == y->tok_begin &&
           (tok_is(c, w, "and") || tok_is(c, w, "or") || tok_is(c, w, "&")) && n <= 2;
}

/* "Chrysler, Ford and General Motors Corp.": names in one list are of one
 * kind; a list whose typed members agree (organisations or places) gives
 * that evidence to its untyped or weakly typed members. */
static void list_types(ctx *c)
{
    rift_mention *v = c->out.v;
    size_t n = c->out.n;
    for (size_t i = 0; i < n;) {
        if (v[i].kind != RIFT_MK_NAME && v[i].kind != RIFT_MK_ACRONYM) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && (v[j].kind == RIFT_MK_NAME || v[j].kind == RIFT_MK_ACRONYM) &&
               list_gap(c, &v[j - 1], &v[j]))
            j++;
        if (j - i >= 2) {
            int org = 0, loc = 0, other = 0;
            for (size_t k = i; k < j; k++) {
                if (!v[k].confident || v[k].type == TYPE_UNKNOWN)
                    continue;
                if (v[k].type == RIFT_ENT_ORG || v[k].type == RIFT_ENT_OUTLET)
                    org++;
                else if (v[k].type == RIFT_ENT_LOC)
                    loc++;
                else
                    other++;
            }
            uint8_t h = org && !loc && !other ? RIFT_MH_ORG
                      : loc && !org && !other ? RIFT_MH_LOC : 0;
            for (size_t k = i; h && k < j; k++)
                if (!v[k].confident || v[k].type == TYPE_UNKNOWN)
                    v[k].hint |= h;
        }
        i = j;
    }
}

/* The length of a holiday's name at token i ("New Year's Eve", "Christmas
 * Day"; data/en/time_holidays.txt), 0 if none. */
static size_t holiday_at(ctx *c, size_t i, size_t se)
{
    const rift_lexicon *h = rift_model_lexicon(c->model, "time_holidays");
    for (size_t n = 5; n >= 2; n--)
        if (i + n <= se && lex_tokens(c, h, i, i + n) >= 0)
            return n;
    return 0;
}

static int cmp_start(const void *x, const void *y)
{
    const rift_mention *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

void rift_stage_mentions(rift_doc *d)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.model = d->model;
    c.mm = d->model->mention_data;
    c.t = d->tokens;
    c.nt = d->n_tokens;
    if (!c.mm || !c.nt)
        return;
    rift_arena_init(&c.scratch);
    keys_build(&c);
    lower_build(&c);
    mark_quotes(&c);
    for (size_t s = 0; s < d->n_sents; s++) {
        size_t sb = d->sents[s].tok_begin, se = d->sents[s].tok_end;
        if (se > c.nt)
            se = c.nt;
        size_t i = sb;
        while (i < se) {
            if (i > sb && d->text[c.t[i - 1].start] == '(' && party_tag(&c, i - 1, se)) {
                while (i < se && !is_char(&c, i, ')'))
                    i++;
                continue;
            }
            if (c.inq[i] && c.t[i].kind == RIFT_TOK_WORD && c.t[i].end - c.t[i].start <= 6 &&
                wc_is(&c, i, WC_FIRSTP) &&
                (d->text[c.t[i].start] == 'I' || d->text[c.t[i].start] != 'i')) {
                /* I, me, my inside a quotation: the speaker (entities) */
                rift_mention *m = emit(&c, i, i + 1, (uint32_t)s, RIFT_MK_PRONOUN, RIFT_ENT_PERSON);
                m->flags |= RIFT_MF_FIRST;
                i++;
                continue;
            }
            if (is_cap(&c, i)) {
                size_t hl = holiday_at(&c, i, se);
                if (hl) { /* "New Year's Eve" is a date (stage times) */
                    i += hl;
                    continue;
                }
                size_t e = run_end(&c, i, se);
                c.headline = d->sents[s].block < d->n_blocks &&
                             (d->blocks[d->sents[s].block].kind == RIFT_BLOCK_TITLE ||
                              d->blocks[d->sents[s].block].kind == RIFT_BLOCK_HEADING);
                bool start = i == sb || (c.t[i].flags & RIFT_TF_SENT_START) ||
                             (i > sb && c.t[i - 1].kind == RIFT_TOK_QUOTE && c.inq[i]) ||
                             (i > sb && is_char(&c, i - 1, ':'));
                /* pronouns and determiners at the start are handled below */
                if (e == i + 1 && wc_is(&c, i, WC_OTHER)) {
                    i = other_mention(&c, i, se, (uint32_t)s);
                    continue;
                }
                size_t before = c.out.n;
                name_run(&c, i, e, sb, se, (uint32_t)s, start);
                if (c.out.n == before && e > i + 1 && tok_is(&c, i, "the"))
                    e = other_mention(&c, i, se, (uint32_t)s);
                if (c.out.n > before && c.out.v[c.out.n - 1].tok_end > e)
                    e = c.out.v[c.out.n - 1].tok_end; /* an alias in parentheses */
                i = e;
                continue;
            }
            if (c.t[i].kind == RIFT_TOK_WORD) {
                /* only "the ..." and he/she/him/his/her... start one */
                size_t n = c.t[i].end - c.t[i].start;
                unsigned char b0 = (unsigned char)d->text[c.t[i].start] | 0x20;
                if (n >= 2 && n <= 7 && (b0 == 't' || b0 == 'h' || b0 == 's'))
                    i = other_mention(&c, i, se, (uint32_t)s);
                else
                    i++;
            }
            else
                i++;
        }
    }
    /* mentions come out in order, except aliases pushed after their names */
    if (c.out.n)
        qsort(c.out.v, c.out.n, sizeof *c.out.v, cmp_start);
    /* links were indices before sorting: rebuild by position */
    for (size_t k = 0; k < c.out.n; k++) {
        rift_mention *m = &c.out.v[k];
        if (m->link >= 0) {
            /* the named mention ends right before the alias's "(" */
            m->link = -1;
            for (size_t q = k; q-- > 0 && q + 3 > k;)
                if (c.out.v[q].kind != RIFT_MK_PRONOUN && c.out.v[q].end < m->start &&
                    m->start - c.out.v[q].end <= 16) {
                    m->link = (int32_t)q;
                    break;
                }
        }
    }
    list_types(&c);
    d->n_mentions = c.out.n;
    d->mentions = rift_arena_adopt(&d->arena, c.out.v, c.out.n, sizeof *c.out.v);
    free(c.kbuf);
    rift_arena_release(&c.scratch);
}
