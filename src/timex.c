/* timex.c: stage "times": finds time expressions in the text and resolves
 * them to ISO 8601 values (TIMEX3 style) against the article date.
 * Never guesses a date it cannot anchor (value NULL), never scans the text
 * with a regex engine, never looks up a word that cannot start a date.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- model tables --------------------------------------------------------- */

enum cls {
    C_MONTH = 1, C_WEEKDAY, C_SEASON, C_HOLIDAY, C_NUM, C_ORD,
    C_UNIT, C_WORD
};

enum unitcode { U_DAY = 1, U_WEEK, U_FN, U_MONTH, U_QUARTER, U_YEAR, U_DECADE,
                U_CENTURY, U_HOUR, U_MIN, U_WEEKEND };

enum role {
    R_DAY = 1, R_NIGHT, R_LAST, R_THIS, R_NEXT, R_PAST, R_PREV, R_FOLLOW,
    R_COMING, R_AGO, R_EARLIER, R_LATER, R_MOD, R_PART, R_DAYPART, R_REF,
    R_QUANT, R_SPAN, R_RANGE, R_SAME, R_SET, R_CLOCK
};

typedef struct lexent {
    uint8_t cls;
    int8_t a, b;      /* month, weekday, number, unit code, role, ... */
    int8_t nth, wd;   /* movable holidays: nth weekday wd of month a;
                       * nth 0 and wd 0: b days after Easter */
    char tag[16];     /* season code, day part, reference value, mod name */
} lexent;


#define MAXW 12       /* longest word looked up, in bytes (README says 12) */

/* Tense cues of single words (see word_tense). */
enum tcue { TC_NONE = 0, TC_FUT, TC_PAST, TC_NOTPAST };
/* The files of data/en that hold them, in that order: a word of two lists
 * takes the first one's cue. */
static const char *const TC_FILES[3] = {"time_future_cues", "time_past_cues",
                                        "time_notpast_words"};

/* Every single word the stage cares about (lexicon words and tense cues),
 * lower-cased and packed into two integers, in one open-addressed table
 * built at model init: a word costs one probe, and most words none, since
 * a table of (first two letters, length) rejects them first. */
#define WT_BITS 10
#define KEYH_BITS 16
#define KEYH_WORDS ((1u << KEYH_BITS) / 64)
typedef struct wentry {
    uint64_t ka, kb;         /* the word, zero padded; ka == 0: empty slot */
    int16_t cap, low;        /* entry index when capitalised / lower case */
    uint8_t tcue;
} wentry;

/* The lexicons stay in the model; the stage keeps, per lexicon, its entries
 * parsed from their value column, in the lexicon's own entry order. */
typedef struct timex_data {
    const rift_lexicon *months, *weekdays, *holidays, *words;
    lexent *ents;            /* months, then weekdays, holidays, words */
    size_t base_months, base_weekdays, base_holidays, base_words, n_ents;
    uint16_t first2[32 * 32]; /* bit n: some word of n bytes starts so */
    /* key words (see weak_entry) by key_hash: in any case, or capitalised */
    uint64_t key_any[KEYH_WORDS], key_cap[KEYH_WORDS];
    wentry wt[1u << WT_BITS];
    size_t n_wt;
    bool wt_full;            /* the lexicons hold more words than the table */
    /* word lists asked about around a date (data/en/README.md) */
    const rift_lexicon *cue_lists[3]; /* TC_FILES */
    const rift_lexicon *fw_preps, *not_holiday, *outlet_names, *unit_adjs, *before_season;
} timex_data;

static const char *const unit_names[] = {
    "", "D", "W", "FN", "M", "Q", "Y", "DE", "CE", "H", "MIN", "WE"
};
static const char *const role_names[] = {
    "", "day", "night", "last", "this", "next", "past", "previous",
    "following", "coming", "ago", "earlier", "later", "mod", "part",
    "daypart", "ref", "quant", "span", "range", "same", "set", "clock"
};

/* Parse one value column into an entry; false when malformed. */
static bool parse_value(int which, const char *v, lexent *e)
{
    memset(e, 0, sizeof *e);
    if (!v)
        return false;
    if (which == 0) {
        e->cls = C_MONTH;
        e->a = (int8_t)atoi(v);
        return e->a >= 1 && e->a <= 12;
    }
    if (which == 1) {
        e->cls = C_WEEKDAY;
        e->a = (int8_t)atoi(v);
        return e->a >= 1 && e->a <= 7;
    }
    if (which == 2) {
        int mo, dd, nth, wd;
        e->cls = C_HOLIDAY;
        if (v[0] == 'E' && (v[1] == '+' || v[1] == '-')) {   /* E+1: Easter Monday */
            e->b = (int8_t)atoi(v + 1);
            e->tag[0] = 'E';
            return e->b > -60 && e->b < 60;
        }
        if (sscanf(v, "%d/%d/%d", &mo, &nth, &wd) == 3) {    /* 11/4/4 */
            e->a = (int8_t)mo; e->nth = (int8_t)nth; e->wd = (int8_t)wd;
            e->tag[0] = 'N';
            return mo >= 1 && mo <= 12 && nth >= -1 && nth <= 5 && nth && wd >= 1 && wd <= 7;
        }
        if (sscanf(v, "%d-%d", &mo, &dd) != 2 || !rift_date_valid(2000, mo, dd))
            return false;
        e->a = (int8_t)mo;
        e->b = (int8_t)dd;
        return true;
    }
    char role[16] = "", arg[16] = "";
    if (sscanf(v, "%15s %15s", role, arg) < 1)
        return false;
    if (!strcmp(role, "season")) {
        e->cls = C_SEASON;
        snprintf(e->tag, sizeof e->tag, "%s", arg);
        return strlen(arg) == 2;
    }
    if (!strcmp(role, "unit")) {
        e->cls = C_UNIT;
        for (int i = 1; i < (int)(sizeof unit_names / sizeof *unit_names); i++)
            if (!strcmp(arg, unit_names[i]))
                e->a = (int8_t)i;
        return e->a != 0;
    }
    if (!strcmp(role, "number") || !strcmp(role, "ordinal")) {
        int x = atoi(arg);
        e->cls = role[0] == 'n' ? C_NUM : C_ORD;
        e->a = (int8_t)(x > 100 ? 100 : x);
        return x > 0;
    }
    e->cls = C_WORD;
    for (int i = 1; i < (int)(sizeof role_names / sizeof *role_names); i++)
        if (!strcmp(role, role_names[i]))
            e->a = (int8_t)i;
    e->b = (int8_t)atoi(arg);
    snprintf(e->tag, sizeof e->tag, "%s", arg);
    return e->a != 0;
}

static int16_t lookup_word(const timex_data *td, const char *key, size_t n, bool cap);

/* A hash of a run of n >= 1 ASCII letters, any case: its length and its
 * first, second, middle and last letters. */
static inline unsigned key_hash(const unsigned char *p, size_t n)
{
    unsigned h = (unsigned)n * 0x2F1Bu;
    h ^= (p[0] | 32u) * 0x9E37u;
    h ^= (p[n > 1] | 32u) * 0x85EBu;
    h ^= (p[n / 2] | 32u) * 0x27D5u;
    h ^= (p[n - 1] | 32u) * 0xC2B3u;
    h ^= h >> 13;
    return h & ((1u << KEYH_BITS) - 1);
}
static bool weak_entry(const lexent *e);

static uint64_t pack_hash(uint64_t ka, uint64_t kb)
{
    return (ka * 0x9E3779B97F4A7C15ull) ^ (kb * 0xC2B2AE3D27D4EB4Full);
}

/* The word's slot: its own, or the empty one where it would go. */
static const wentry *find_slot(const timex_data *td, uint64_t ka, uint64_t kb)
{
    size_t mask = (1u << WT_BITS) - 1, i = (size_t)(pack_hash(ka, kb) >> (64 - WT_BITS));
    while (td->wt[i].ka && (td->wt[i].ka != ka || td->wt[i].kb != kb))
        i = (i + 1) & mask;
    return &td->wt[i];
}

/* Add a lower-case word of ASCII letters; NULL for any other key (it can
 * never equal a word of the text) or when the table is full. */
static wentry *add_word(timex_data *td, const char *key, size_t n)
{
    char k[16] = {0};
    if (n == 0 || n > MAXW)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (key[i] < 'a' || key[i] > 'z')
            return NULL;
        k[i] = key[i];
    }
    uint64_t ka, kb;
    memcpy(&ka, k, 8);
    memcpy(&kb, k + 8, 8);
    wentry *w = (wentry *)find_slot(td, ka, kb);
    if (!w->ka) {
        if (td->n_wt >= (1u << WT_BITS) * 3 / 4) {
            td->wt_full = true;
            return NULL;
        }
        td->n_wt++;
        w->ka = ka;
        w->kb = kb;
        w->cap = lookup_word(td, k, n, true);
        w->low = lookup_word(td, k, n, false);
        td->first2[(k[0] & 31) * 32 + (n > 1 ? (k[1] & 31) : 0)] |= (uint16_t)(1u << n);
    }
    return w;
}

static int16_t lookup_word(const timex_data *td, const char *key, size_t n, bool cap)
{
    int v;
    if (cap) {
        if (td->months && (v = rift_lexicon_find(td->months, key, n)) >= 0)
            return (int16_t)(td->base_months + (size_t)v);
        if (td->weekdays && (v = rift_lexicon_find(td->weekdays, key, n)) >= 0)
            return (int16_t)(td->base_weekdays + (size_t)v);
        if (td->holidays && (v = rift_lexicon_find(td->holidays, key, n)) >= 0)
            return (int16_t)(td->base_holidays + (size_t)v);
    }
    if (td->words && (v = rift_lexicon_find(td->words, key, n)) >= 0)
        return (int16_t)(td->base_words + (size_t)v);
    return -1;
}

static void add_key(void *ctx, const char *key, size_t len, int value)
{
    (void)value;
    add_word(ctx, key, len);
}

typedef struct cue_ctx { timex_data *td; uint8_t cue; } cue_ctx;

static void add_cue(void *ctx, const char *key, size_t len, int value)
{
    cue_ctx *x = ctx;
    (void)value;
    wentry *w = add_word(x->td, key, len);
    if (w && !w->tcue)
        w->tcue = x->cue;
}

rift_status rift_timex_init(rift_model *m)
{
    timex_data *td = rift_xmalloc(sizeof *td);
    memset(td, 0, sizeof *td);
    m->timex_data = td;
    td->months = rift_model_lexicon(m, "time_months");
    td->weekdays = rift_model_lexicon(m, "time_weekdays");
    td->holidays = rift_model_lexicon(m, "time_holidays");
    td->words = rift_model_lexicon(m, "time_words");
    struct { const char *file; const rift_lexicon **lx; } lists[] = {
        {TC_FILES[0], &td->cue_lists[0]}, {TC_FILES[1], &td->cue_lists[1]},
        {TC_FILES[2], &td->cue_lists[2]}, {"fw_time_openers", &td->fw_preps},
        {"time_not_holiday", &td->not_holiday}, {"time_outlet_names", &td->outlet_names},
        {"time_unit_adjectives", &td->unit_adjs}, {"fw_time_before_season", &td->before_season}};
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
        rift_status st = rift_lexicon_require(m, lists[k].file, lists[k].lx);
        if (st != RIFT_OK)
            return st;
    }
    const rift_lexicon *lx[4] = {td->months, td->weekdays, td->holidays, td->words};
    size_t *base[4] = {&td->base_months, &td->base_weekdays, &td->base_holidays,
                       &td->base_words};
    size_t n = 0;
    for (int k = 0; k < 4; k++)
        n += lx[k] ? lx[k]->n_values : 0;
    td->ents = rift_xmalloc((n ? n : 1) * sizeof *td->ents);
    for (int k = 0; k < 4; k++) {
        *base[k] = td->n_ents;
        for (size_t i = 0; lx[k] && i < lx[k]->n_values; i++) {
            if (!parse_value(k, lx[k]->values[i], &td->ents[td->n_ents])) {
                snprintf(m->errmsg, sizeof m->errmsg,
                         "%s.txt: entry %zu: bad value '%.100s' (see data/en/README.md)",
                         lx[k]->name ? lx[k]->name : "time lexicon", i + 1,
                         lx[k]->values[i] ? lx[k]->values[i] : "");
                return RIFT_EFORMAT;
            }
            td->n_ents++;
        }
    }
    for (int k = 0; k < 4; k++)
        if (lx[k])
            rift_strmap_each(&lx[k]->map, add_key, td);
    for (int k = 0; k < 3; k++) {
        cue_ctx x = {td, (uint8_t)(k + 1)};
        rift_strmap_each(&td->cue_lists[k]->map, add_cue, &x);
    }
    for (size_t i = 0; i < (1u << WT_BITS); i++) {
        const wentry *w = &td->wt[i];
        bool low = w->low >= 0 && !weak_entry(&td->ents[w->low]);
        bool cap = w->cap >= 0 && !weak_entry(&td->ents[w->cap]);
        if (!w->ka || !(low || cap))
            continue;
        char k[17] = {0};
        memcpy(k, &w->ka, 8);
        memcpy(k + 8, &w->kb, 8);
        unsigned h = key_hash((const unsigned char *)k, strlen(k));
        (low ? td->key_any : td->key_cap)[h / 64] |= 1ull << (h % 64);
    }
    /* a capitalised Day or Eve is a key (word_done) */
    unsigned hd = key_hash((const unsigned char *)"day", 3);
    unsigned he = key_hash((const unsigned char *)"eve", 3);
    td->key_cap[hd / 64] |= 1ull << (hd % 64);
    td->key_cap[he / 64] |= 1ull << (he % 64);
    if (td->wt_full) {
        snprintf(m->errmsg, sizeof m->errmsg,
                 "time lexicons: more than %u single words (raise WT_BITS in src/timex.c)",
                 (1u << WT_BITS) * 3 / 4);
        return RIFT_EFORMAT;
    }
    return RIFT_OK;
}

void rift_timex_fini(rift_model *m)
{
    timex_data *td = m ? m->timex_data : NULL;
    if (!td)
        return;
    free(td->ents);
    free(td);
    m->timex_data = NULL;
}

/* ---- units: the stage's own view of a sentence ------------------------------
 * Words are runs of letters, numbers runs of ASCII digits, every other mark a
 * unit of its own.  This keeps the stage independent of how the segmenter
 * splits "mid-June", "07/06/2025" or "6th".  Units are built from the
 * segmenter's tokens: a token of plain letters or plain digits (nearly all
 * of them) is one unit as it stands, any other is split here by its bytes. */

enum ukind { K_WORD = 1, K_NUM, K_PUNCT };
#define F_CAP   0x01u
#define F_SP    0x02u   /* white space before */
#define F_NONASCII 0x04u
#define F_ALLCAP 0x08u
#define F_HOL   0x10u   /* may open a holiday name ending in Day or Eve */
#define F_KEY   0x20u   /* a number or a word no time expression goes without */

typedef struct unit {
    uint32_t s, e;
    uint8_t kind, flags;
    char c;             /* punctuation, normalised: ' - D(em dash) , . / : ... */
    uint8_t tcue;       /* words: enum tcue */
    int16_t lex;        /* index into ents, or -1 */
    int32_t num;        /* numbers: value (capped), words: length */
} unit;

typedef struct span_units { unit *v; size_t n, cap; } span_units;

static bool is_alpha(unsigned char c)
{
    return (unsigned)((c | 32) - 'a') < 26u;
}

/* ASCII letters */
static const uint8_t alpha_tab[256] = {
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
    ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
    ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static bool is_digit(unsigned char c)
{
    return (unsigned)(c - '0') < 10u;
}

/* Whether p[0..n) (n >= 1) are all ASCII letters; *lower: some is lower
 * case.  avail: bytes readable from p (the text ends in a NUL).  A word of
 * at most eight bytes costs a dozen operations on one 64-bit load. */
static inline bool pure_letters(const unsigned char *p, size_t n, size_t avail, bool *lower)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n <= 8 && avail >= 8) {
        const uint64_t H = 0x8080808080808080ull, L = 0x2020202020202020ull;
        uint64_t x, mask = n == 8 ? ~0ull : (1ull << (8 * n)) - 1;
        memcpy(&x, p, 8);
        uint64_t y = (x | L) & ~H;
        /* high bit of each byte: at least 'a', below '{', and ASCII */
        uint64_t ok = (y + 0x1f1f1f1f1f1f1f1full) & ~(y + 0x0505050505050505ull) & ~x & H;
        if ((~ok & H & mask) != 0)
            return false;
        *lower = (x & L & mask) != 0;
        return true;
    }
#endif
    (void)avail;
    unsigned low = 0;
    for (size_t j = 0; j < n; j++) {
        if (!alpha_tab[p[j]])
            return false;
        low |= p[j];
    }
    *lower = (low & 32) != 0;
    return true;
}

static unit *push_unit(span_units *u)
{
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 256;
        u->v = rift_xrealloc(u->v, u->cap * sizeof *u->v);
    }
    return &u->v[u->n++];
}

/* Lexicon words that cannot make a time expression on their own: counts,
 * ordinals, "last", "this", "next", "in", "for", "between", "early"...
 * Every other lexicon word is a key (F_KEY). */
static bool weak_entry(const lexent *e)
{
    if (e->cls == C_NUM || e->cls == C_ORD)
        return true;
    if (e->cls != C_WORD)
        return false;
    switch (e->a) {
    case R_LAST: case R_THIS: case R_NEXT: case R_MOD: case R_QUANT:
    case R_SPAN: case R_RANGE: case R_SAME:
        return true;
    case R_SET:     /* "every", "each": the weekday or unit after is the key */
        return !strcmp(e->tag, "EVERY");
    default:
        return false;
    }
}

/* A word unit just pushed: look it up (ASCII words of at most MAXW bytes),
 * mark it a key, and let a capitalised Day or Eve mark the capitalised
 * words before it as possible holiday openers ("New Year's Day"). */
static inline bool maybe_word(const timex_data *td, const unsigned char *p, size_t n)
{
    unsigned b1 = n > 1 ? (p[1] | 32) & 31 : 0;
    return n <= MAXW && ((td->first2[((p[0] | 32) & 31) * 32 + b1] >> n) & 1);
}

static void word_done(const timex_data *td, const char *t, span_units *u)
{
    unit *x = &u->v[u->n - 1];
    size_t n = (size_t)x->num;
    const unsigned char *p = (const unsigned char *)t + x->s;
    if ((x->flags & F_NONASCII) || !maybe_word(td, p, n))
        return;
    char key[16] = {0};
    for (size_t k = 0; k < n; k++)
        key[k] = (char)(p[k] | 32);
    uint64_t ka, kb;
    memcpy(&ka, key, 8);
    memcpy(&kb, key + 8, 8);
    const wentry *w = find_slot(td, ka, kb);
    if (!w->ka)
        return;
    bool cap = (x->flags & F_CAP) != 0;
    x->lex = cap ? w->cap : w->low;
    x->tcue = w->tcue;
    if (x->lex >= 0 && !weak_entry(&td->ents[x->lex]))
        x->flags |= F_KEY;
    if (cap && n == 3 && (!memcmp(key, "day", 3) || !memcmp(key, "eve", 3))) {
        x->flags |= F_KEY;
        size_t i = u->n - 1;
        for (size_t b = i; b > 0 && b + 6 > i; b--)
            if (u->v[b - 1].flags & F_CAP)
                u->v[b - 1].flags |= F_HOL;
    }
}

/* Split bytes [s, e) into units appended to u; sp says whether white space
 * came before.  Returns whether the bytes end in white space. */
static bool tokenize(const timex_data *td, const char *t, size_t s, size_t e,
                     span_units *u, bool sp)
{
    size_t i = s;
    while (i < e) {
        unsigned char c = (unsigned char)t[i];
        unit x = {0};
        x.s = (uint32_t)i;
        x.lex = -1;
        if (c < 0x80 && is_alpha(c)) {
            size_t j = i;
            unsigned fl = (c >= 'A' && c <= 'Z') ? F_CAP : 0;
            bool allcap = true;
            for (;;) {
                if (j < e && (unsigned char)t[j] < 0x80 && is_alpha((unsigned char)t[j])) {
                    if (t[j] >= 'a')
                        allcap = false;
                    j++;
                    continue;
                }
                if (j < e && (unsigned char)t[j] >= 0x80) {
                    int n;
                    int32_t cp = rift_utf8_decode(t, e, j, &n);
                    rift_cclass k = rift_utf8_class(cp);
                    if (k == RIFT_C_UPPER || k == RIFT_C_LOWER || k == RIFT_C_LETTER) {
                        fl |= F_NONASCII;
                        j += (size_t)n;
                        continue;
                    }
                }
                break;
            }
            x.kind = K_WORD;
            x.e = (uint32_t)j;
            x.flags = (uint8_t)(fl | (sp ? F_SP : 0) |
                                (allcap && j - i > 1 ? F_ALLCAP : 0));
            x.num = (int32_t)(j - i);
            *push_unit(u) = x;
            word_done(td, t, u);
            i = j;
            sp = false;
            continue;
        }
        if (c >= '0' && c <= '9') {
            size_t j = i;
            int64_t v = 0;
            while (j < e && t[j] >= '0' && t[j] <= '9') {
                if (v < 100000000)
                    v = v * 10 + (t[j] - '0');
                j++;
            }
            x.kind = K_NUM;
            x.e = (uint32_t)j;
            x.num = (int32_t)v;
            x.flags = (uint8_t)(F_KEY | (sp ? F_SP : 0));
            *push_unit(u) = x;
            i = j;
            sp = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            sp = true;
            i++;
            continue;
        }
        int n = 1;
        char pc = (char)c;
        if (c >= 0x80) {
            int32_t cp = rift_utf8_decode(t, e, i, &n);
            rift_cclass k = rift_utf8_class(cp);
            if (k == RIFT_C_SPACE || k == RIFT_C_NEWLINE) {
                sp = true;
                i += (size_t)n;
                continue;
            }
            if (k == RIFT_C_UPPER || k == RIFT_C_LOWER || k == RIFT_C_LETTER) {
                /* a word starting with a non-ASCII letter: never a candidate */
                size_t j = i + (size_t)n;
                while (j < e) {
                    int m2;
                    unsigned char cj = (unsigned char)t[j];
                    if (cj < 0x80) {
                        if (!is_alpha(cj))
                            break;
                        j++;
                        continue;
                    }
                    rift_cclass kk = rift_utf8_class(rift_utf8_decode(t, e, j, &m2));
                    if (kk != RIFT_C_UPPER && kk != RIFT_C_LOWER && kk != RIFT_C_LETTER)
                        break;
                    j += (size_t)m2;
                }
                x.kind = K_WORD;
                x.e = (uint32_t)j;
                x.flags = (uint8_t)(F_NONASCII | (sp ? F_SP : 0));
                x.num = (int32_t)(j - i);
                *push_unit(u) = x;
                i = j;
                sp = false;
                continue;
            }
            if (cp == 0x2019 || cp == 0x2018 || cp == 0x2032)
                pc = '\'';
            else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013)
                pc = '-';
            else if (cp == 0x2014 || cp == 0x2015)
                pc = 'D';
            else
                pc = '?';
        }
        x.kind = K_PUNCT;
        x.c = pc;
        x.e = (uint32_t)(i + (size_t)n);
        x.flags = sp ? F_SP : 0;
        *push_unit(u) = x;
        i += (size_t)n;
        sp = false;
    }
    return sp;
}

/* Whether the sentence's bytes [s, e) may hold a key unit (F_KEY): a digit,
 * or a run of ASCII letters that may be a key word.  Never false when
 * tokenize() would find one, and units_from_tokens() makes the same units
 * as tokenize() (the segmenter's tokens are in order, apart and inside the
 * sentence).  Most sentences have none; one pass over the bytes with a
 * table, and a lookup per word of a length and first letters some time
 * word has, costs a fraction of making their units. */
static bool may_have_key(const timex_data *td, const rift_doc *d, size_t s, size_t e)
{
    const unsigned char *p = (const unsigned char *)d->text;
    size_t i = s;
    while (i < e) {
        unsigned char c = p[i];
        if (alpha_tab[c]) {
            size_t j = i + 1;
            while (j < e && alpha_tab[p[j]])
                j++;
            size_t n = j - i;
            if (maybe_word(td, p + i, n)) {
                unsigned h = key_hash(p + i, n);
                if (((td->key_any[h / 64] >> (h % 64)) & 1) ||
                    ((c & 32) == 0 && ((td->key_cap[h / 64] >> (h % 64)) & 1)))
                    return true;
            }
            i = j;
        } else if (is_digit(c)) {
            return true;
        } else {
            i++;
        }
    }
    return false;
}

/* The units of a sentence from its tokens [tb, te), exactly as tokenize()
 * would split the sentence's bytes [s, e): plain tokens become one unit
 * directly, others (and any bytes between tokens but white space) go
 * through tokenize().  Where a unit could run on across two tokens
 * ("can" "not"), the earlier unit is split again together with the token. */
static void units_from_tokens(const timex_data *td, const rift_doc *d, size_t tb,
                              size_t te, size_t s, size_t e, span_units *u)
{
    const char *t = d->text;
    const unsigned char *p = (const unsigned char *)t;
    size_t prev = s;
    bool sp = true;
    u->n = 0;
    for (size_t k = tb; k < te; k++) {
        const rift_token *tk = &d->tokens[k];
        size_t a = tk->start < s ? s : tk->start, b = tk->end > e ? e : tk->end;
        if (a >= b || a < prev)
            continue;
        if (a > prev) {
            size_t j = prev;
            while (j < a && (p[j] == ' ' || p[j] == '\n'))
                j++;
            sp = j == a ? true : tokenize(td, t, prev, a, u, sp);
        }
        prev = b;
        unsigned char c0 = p[a];
        if (u->n && !sp) {
            const unit *l = &u->v[u->n - 1];
            if (l->e == a && ((l->kind == K_WORD && (c0 >= 0x80 || is_alpha(c0))) ||
                              (l->kind == K_NUM && is_digit(c0)))) {
                u->n--;
                sp = tokenize(td, t, l->s, b, u, (l->flags & F_SP) != 0);
                continue;
            }
        }
        if (tk->kind == RIFT_TOK_WORD && !(tk->flags & RIFT_TF_NONASCII) && is_alpha(c0)) {
            bool lower;
            if (pure_letters(p + a, b - a, d->len + 1 - a, &lower)) {
                unit *x = push_unit(u);
                x->s = (uint32_t)a;
                x->e = (uint32_t)b;
                x->kind = K_WORD;
                x->flags = (uint8_t)(((c0 & 32) ? 0 : F_CAP) | (sp ? F_SP : 0) |
                                     (!lower && b - a > 1 ? F_ALLCAP : 0));
                x->c = 0;
                x->tcue = 0;
                x->lex = -1;
                x->num = (int32_t)(b - a);
                if (maybe_word(td, p + a, b - a))
                    word_done(td, t, u);
                sp = false;
                continue;
            }
        } else if (tk->kind == RIFT_TOK_NUMBER && is_digit(c0)) {
            int64_t v = 0;
            size_t j = a;
            while (j < b && is_digit(p[j])) {
                if (v < 100000000)
                    v = v * 10 + (p[j] - '0');
                j++;
            }
            if (j == b) {
                unit *x = push_unit(u);
                x->s = (uint32_t)a;
                x->e = (uint32_t)b;
                x->kind = K_NUM;
                x->flags = (uint8_t)(F_KEY | (sp ? F_SP : 0));
                x->c = 0;
                x->tcue = 0;
                x->lex = -1;
                x->num = (int32_t)v;
                sp = false;
                continue;
            }
        } else if (b == a + 1 && c0 < 0x80 && !is_alpha(c0) && !is_digit(c0) &&
                   c0 != ' ' && !(c0 >= '\t' && c0 <= '\r')) {
            unit *x = push_unit(u);
            memset(x, 0, sizeof *x);
            x->s = (uint32_t)a;
            x->e = (uint32_t)b;
            x->kind = K_PUNCT;
            x->c = (char)c0;
            x->flags = sp ? F_SP : 0;
            x->lex = -1;
            sp = false;
            continue;
        }
        sp = tokenize(td, t, a, b, u, sp);
    }
    if (prev < e)
        tokenize(td, t, prev, e, u, sp);
}


/* ---- calendar helpers ------------------------------------------------------ */

static int days_of(int y, int m, int d) { return rift_days_from_civil(y, m, d); }

static int iso_weekday(int days)        /* 1 Monday .. 7 Sunday */
{
    int w = (days + 3) % 7;              /* 1970-01-01 was a Thursday */
    if (w < 0)
        w += 7;
    return w + 1;
}

static void iso_week(int days, int *iy, int *wk)
{
    int thu = days - (iso_weekday(days) - 1) + 3;
    int y, m, d;
    rift_civil_from_days(thu, &y, &m, &d);
    *iy = y;
    *wk = (thu - days_of(y, 1, 1)) / 7 + 1;
}

static int season_of(int m)   /* 0 SP, 1 SU, 2 FA, 3 WI */
{
    if (m >= 3 && m <= 5) return 0;
    if (m >= 6 && m <= 8) return 1;
    if (m >= 9 && m <= 11) return 2;
    return 3;
}

static const char *const season_codes[] = {"SP", "SU", "FA", "WI"};

static int season_index(const char *code)
{
    for (int i = 0; i < 4; i++)
        if (!strcmp(code, season_codes[i]))
            return i;
    return 0;
}

/* ---- values ---------------------------------------------------------------- */

enum gran { G_NONE = 0, G_DAY, G_WEEK, G_WEEKEND, G_MONTH, G_SEASON, G_QUARTER,
            G_YEAR, G_DECADE, G_TIME, G_DURATION, G_REF, G_RANGE, G_SET };

static const char *const gran_names[] = {
    NULL, "day", "week", "week", "month", "season", "quarter", "year",
    "decade", "time", "duration", "reference", "range", "set"
};

typedef struct tval {
    int gran;
    int y, m, d;       /* day/month/year/quarter (m = quarter)/season (m idx) */
    int wk;            /* ISO week (y is then the ISO year) */
    int dec;           /* decade: y / 10 */
    char extra[64];    /* duration, reference or range value, time suffix */
    const char *mod;
    bool null;         /* needs the article date, which is unknown */
    bool floating;     /* a clock time given no day: the article's, for now */
} tval;

/* Writes v (0 <= v, at least w digits) at b; returns the end. */
static char *put_num(char *b, int v, int w)
{
    char tmp[12];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && k < 11);
    while (k < w)
        tmp[k++] = '0';
    while (k)
        *b++ = tmp[--k];
    return b;
}

/* Copies src into dst of cap >= 1 bytes, cut to fit (snprintf "%s" costs
 * several times more, and values are written for every expression). */
static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t k = strnlen(src, cap - 1);
    memcpy(dst, src, k);
    dst[k] = 0;
}

/* The ISO value; n is at least 16.  Plain formatting by hand: snprintf
 * costs more than finding the expression. */
static void fmt_val(const tval *v, char *b, size_t n)
{
    bool plain = v->y >= 0 && v->y <= 9999 && v->m >= 0 && v->m <= 99 &&
                 v->d >= 0 && v->d <= 99 && v->wk >= 0 && v->wk <= 99;
    char *p = b;
    switch (plain ? v->gran : -1) {
    case G_DAY: case G_TIME:
        p = put_num(p, v->y, 4); *p++ = '-';
        p = put_num(p, v->m, 2); *p++ = '-';
        p = put_num(p, v->d, 2); *p = 0;
        if (v->gran == G_TIME)
            copy_str(p, n - (size_t)(p - b) < 17 ? n - (size_t)(p - b) : 17, v->extra);
        return;
    case G_WEEK: case G_WEEKEND:
        p = put_num(p, v->y, 4); *p++ = '-'; *p++ = 'W';
        p = put_num(p, v->wk, 2);
        if (v->gran == G_WEEKEND) {
            *p++ = '-'; *p++ = 'W'; *p++ = 'E';
        }
        *p = 0;
        return;
    case G_MONTH:
        p = put_num(p, v->y, 4); *p++ = '-';
        p = put_num(p, v->m, 2); *p = 0;
        return;
    case G_YEAR:
        p = put_num(p, v->y, 4); *p = 0;
        return;
    default:
        break;
    }
    switch (v->gran) {
    case G_DAY:     snprintf(b, n, "%04d-%02d-%02d", v->y, v->m, v->d); break;
    case G_WEEK:    snprintf(b, n, "%04d-W%02d", v->y, v->wk); break;
    case G_WEEKEND: snprintf(b, n, "%04d-W%02d-WE", v->y, v->wk); break;
    case G_MONTH:   snprintf(b, n, "%04d-%02d", v->y, v->m); break;
    case G_SEASON:  snprintf(b, n, "%04d-%s", v->y, season_codes[v->m & 3]); break;
    case G_QUARTER: snprintf(b, n, "%04d-Q%d", v->y, v->m); break;
    case G_YEAR:    snprintf(b, n, "%04d", v->y); break;
    case G_DECADE:  snprintf(b, n, "%03d", v->dec); break;
    case G_TIME:    snprintf(b, n, "%04d-%02d-%02d%.16s", v->y, v->m, v->d, v->extra); break;
    default:        copy_str(b, n, v->extra); break;
    }
}

/* Is a value a calendar position that can anchor what follows? */
static bool anchors(const tval *v)
{
    return !v->null && v->gran >= G_DAY && v->gran <= G_TIME;
}

/* ---- matching context ------------------------------------------------------ */

enum tense { T_NONE = 0, T_PAST, T_FUTURE };

typedef struct ctx {
    const timex_data *td;
    const char *t;
    unit *u;
    size_t n;
    bool have_anchor;
    int ay, am, ad, adays;     /* article date */
    tval ref;                  /* the last anchoring expression (or the article) */
    bool have_ref;
    tval dref;                 /* the last one with a day */
    bool have_dref;
    rift_date_order order;
    bool used_anchor;          /* set by resolutions that needed the date */
    int8_t *tense;             /* per unit of the sentence, when tense_ready */
    size_t tense_cap;
    bool tense_ready;
    /* per sentence: its first day, and the clock times that had none */
    tval sday;
    bool have_sday;
    size_t fl_idx[4];
    tval fl_val[4];
    int n_fl;
    bool week_as_month;        /* --time-granularity month */
    /* the syntax of the sentence, when the syntax stage ran */
    const rift_doc *d;
    size_t tb, te;
    int8_t *stx;               /* per token of [tb, te): syntactic tense */
    size_t stx_cap;
    bool stx_ready;
} ctx;

static const lexent *LX(const ctx *c, size_t i)
{
    if (i >= c->n || c->u[i].lex < 0)
        return NULL;
    return &c->td->ents[c->u[i].lex];
}

static bool is_cls(const ctx *c, size_t i, int cls)
{
    const lexent *e = LX(c, i);
    return e && e->cls == cls;
}

static bool is_role(const ctx *c, size_t i, int role)
{
    const lexent *e = LX(c, i);
    return e && e->cls == C_WORD && e->a == role;
}

static bool is_wordn(const ctx *c, size_t i, const char *w, size_t n)
{
    if (i >= c->n || c->u[i].kind != K_WORD || (size_t)c->u[i].num != n)
        return false;
    for (size_t k = 0; k < n; k++)
        if ((c->t[c->u[i].s + k] | 32) != w[k])
            return false;
    return true;
}

/* w is a lower-case literal */
#define is_word(c, i, w) is_wordn((c), (i), "" w, sizeof(w) - 1)

/* Whether unit i is a word of the list lx, folded as is_wordn folds
 * (units are not tokens: the token layer does not know them). */
static bool is_word_in(const ctx *c, size_t i, const rift_lexicon *lx)
{
    char k[32];
    if (i >= c->n || c->u[i].kind != K_WORD || (size_t)c->u[i].num > sizeof k)
        return false;
    size_t n = (size_t)c->u[i].num;
    for (size_t j = 0; j < n; j++)
        k[j] = (char)(c->t[c->u[i].s + j] | 32);
    return rift_word_in(lx, k, n);
}

static bool is_punct(const ctx *c, size_t i, char p)
{
    return i < c->n && c->u[i].kind == K_PUNCT && c->u[i].c == p;
}

static bool is_num(const ctx *c, size_t i)
{
    return i < c->n && c->u[i].kind == K_NUM;
}

static int ndigits(const ctx *c, size_t i)
{
    return (int)(c->u[i].e - c->u[i].s);
}

static bool tight(const ctx *c, size_t i)  /* no space before unit i */
{
    return i < c->n && !(c->u[i].flags & F_SP);
}

static bool capital(const ctx *c, size_t i)
{
    return i < c->n && (c->u[i].flags & F_CAP);
}

/* Anchor getters: they record that the article date was needed. */
static void anchor(ctx *c, int *y, int *m, int *d)
{
    c->used_anchor = true;
    *y = c->ay;
    *m = c->am;
    *d = c->ad;
}

static tval ref_get(ctx *c)
{
    if (c->have_ref)
        return c->ref;
    tval v = {0};
    v.gran = G_DAY;
    anchor(c, &v.y, &v.m, &v.d);
    return v;
}

/* The anchor for shifts by days ("the day after", "two days later"): the
 * last expression that named a day, else the article date. */
static tval dref_get(ctx *c)
{
    if (c->have_dref)
        return c->dref;
    tval v = {0};
    v.gran = G_DAY;
    anchor(c, &v.y, &v.m, &v.d);
    return v;
}

static void set_day(tval *v, int days)
{
    v->gran = G_DAY;
    rift_civil_from_days(days, &v->y, &v->m, &v->d);
}

/* ---- tense around an expression --------------------------------------------
 * The nearest cue in the sentence decides: "will", "is set to", "plans",
 * "next"... for the future; "was", "said", verbs in -ed for the past. */

/* The cue words themselves are listed at the top of the file; their kind
 * (enum tcue) comes with each word's lookup. */
static int word_tense(const ctx *c, size_t i)
{
    const unit *x = &c->u[i];
    if (x->kind != K_WORD || (x->flags & F_CAP) || x->num < 2 || x->num > 10)
        return T_NONE;
    if (x->tcue == TC_FUT)
        return T_FUTURE;
    if (x->num == 2 && i > 0 && is_word(c, i, "ll") && is_punct(c, i - 1, '\''))
        return T_FUTURE;
    if (x->num <= 3 && (is_word(c, i, "set") || is_word(c, i, "is") || is_word(c, i, "are")) &&
        is_word(c, i + 1, "to"))
        return T_FUTURE;
    if (x->num == 3 && is_word(c, i, "won"))
        return is_punct(c, i + 1, '\'') ? T_FUTURE : T_PAST;
    if (x->num >= 5 && c->t[x->e - 2] == 'e' && c->t[x->e - 1] == 'd')
        return x->tcue == TC_NOTPAST ? T_NONE : T_PAST;
    if (x->tcue == TC_PAST)
        return T_PAST;
    return T_NONE;
}

/* The tense cue of each unit, computed once per sentence when first asked. */
static int tense_of(const ctx *c, size_t i)
{
    ctx *m = (ctx *)c;
    if (!m->tense_ready) {
        if (m->tense_cap < m->n) {
            m->tense_cap = m->n + 64;
            m->tense = rift_xrealloc(m->tense, m->tense_cap);
        }
        for (size_t k = 0; k < m->n; k++)
            m->tense[k] = (int8_t)word_tense(c, k);
        m->tense_ready = true;
    }
    return m->tense[i];
}

/* Aux flags per verb token, from its aux children: modal/will, perfect
 * have, a past-tense auxiliary (was, had, did). */
enum { SX_MODAL = 1, SX_PERF = 2, SX_PASTAUX = 4, SX_PRESAUX = 8 };

static bool feat_has(const char *feats, const char *f)
{
    return feats && strstr(feats, f) != NULL;
}

/* The tense of the verb governing unit i, from the syntax stage: T_FUTURE
 * for a modal ("will meet", "should be completed"), T_PAST for a past or
 * perfect verb ("met", "had met", "was completed"); T_NONE when there is no
 * syntax, no verb, or a present or bare one (the word cues decide then). */
static int token_holds(const void *key, const void *elem)
{
    uint32_t pos = *(const uint32_t *)key;
    const rift_token *t = elem;
    return pos < t->start ? -1 : pos >= t->end ? 1 : 0;
}

static int syntax_tense(const ctx *c, size_t i)
{
    const rift_doc *d = c->d;
    if (!d || !d->words || d->n_words != d->n_tokens || c->te <= c->tb || c->te > d->n_tokens)
        return T_NONE;
    ctx *m = (ctx *)c;
    size_t n = c->te - c->tb;
    if (!m->stx_ready) {
        if (m->stx_cap < n) {
            m->stx_cap = n + 64;
            m->stx = rift_xrealloc(m->stx, m->stx_cap);
        }
        memset(m->stx, 0, n);
        for (size_t k = c->tb; k < c->te; k++) {
            const rift_word *w = &d->words[k];
            if (!w->deprel || strncmp(w->deprel, "aux", 3) != 0 || w->head < (int32_t)c->tb ||
                w->head >= (int32_t)c->te)
                continue;
            int8_t *f = &m->stx[(size_t)w->head - c->tb];
            const char *lem = w->lemma ? w->lemma : "";
            if (w->xpos && !strcmp(w->xpos, "MD") && strcmp(lem, "can") != 0)
                *f |= SX_MODAL;
            else if (!strcmp(lem, "have"))
                *f |= SX_PERF;
            if (feat_has(w->feats, "Tense=Past"))
                *f |= SX_PASTAUX;
            else if (feat_has(w->feats, "Tense=Pres"))
                *f |= SX_PRESAUX;
        }
        m->stx_ready = true;
    }
    /* the token holding unit i's first byte */
    const rift_token *tk = bsearch(&c->u[i].s, d->tokens + c->tb, c->te - c->tb,
                                   sizeof *tk, token_holds);
    if (!tk)
        return T_NONE;
    size_t k = (size_t)(tk - d->tokens);
    for (int steps = 0; steps < 6; steps++) {
        const rift_word *w = &d->words[k];
        if (w->upos == RIFT_UPOS_VERB) {
            int f = m->stx[k - c->tb];
            if (f & SX_MODAL)
                return (f & SX_PERF) ? T_PAST : T_FUTURE;
            if ((f & (SX_PERF | SX_PASTAUX)) || (!(f & SX_PRESAUX) && w->xpos &&
                                                 !strcmp(w->xpos, "VBD")))
                return T_PAST;
            return T_NONE;
        }
        if (w->head < (int32_t)c->tb || w->head >= (int32_t)c->te)
            return T_NONE;
        k = (size_t)w->head;
    }
    return T_NONE;
}

static int tense_at(const ctx *c, size_t from, size_t to)
{
    int st = syntax_tense(c, from);
    if (st)
        return st;
    for (size_t k = 1; k <= 40; k++) {
        if (from >= k) {
            int t = tense_of(c, from - k);
            if (t)
                return t;
        }
        if (to + k - 1 < c->n) {
            int t = tense_of(c, to + k - 1);
            if (t)
                return t;
        }
        if (from < k && to + k - 1 >= c->n)
            break;
    }
    return T_NONE;
}

/* ---- resolution helpers ---------------------------------------------------- */

static void month_shift(int *y, int *m, int k)
{
    int z = *y * 12 + (*m - 1) + k;
    *y = z / 12;
    *m = z % 12 + 1;
}

/* A month without a year: the nearest one not after the article month in the
 * past tense, not before it in the future. */
static void resolve_month(ctx *c, int mo, int tense, tval *v)
{
    int y, m, d;
    anchor(c, &y, &m, &d);
    v->gran = G_MONTH;
    v->m = mo;
    /* the nearest such month, leaning to the past (or future) by tense */
    int best = 1 << 30;
    for (int yy = y - 1; yy <= y + 1; yy++) {
        int dist = (yy * 12 + mo) - (y * 12 + m);
        int score = abs(dist) * 2 + (tense == T_NONE && dist > 0 ? 9 : 0) +
                    (tense == T_PAST && dist > 0 ? 13 : 0) +
                    (tense == T_FUTURE && dist < 0 ? 13 : 0) + (dist > 0 ? 1 : 0);
        if (score < best) {
            best = score;
            v->y = yy;
        }
    }
}

static bool resolve_month_day(ctx *c, int mo, int dd, int tense, tval *v)
{
    int y, m, d;
    anchor(c, &y, &m, &d);
    int ad = days_of(y, m, d);
    if (!rift_date_valid(2000, mo, dd))
        return false;
    /* the nearest such day, leaning to the past (or future) by tense */
    int yy = y, best = 1 << 30;
    for (int cy = y - 1; cy <= y + 1; cy++) {
        if (!rift_date_valid(cy, mo, dd))
            continue;
        int dist = days_of(cy, mo, dd) - ad;
        int score = abs(dist) + (tense != T_FUTURE && dist > 0 ? 150 : 0) +
                    (tense == T_FUTURE && dist < 0 ? 150 : 0);
        if (score < best) {
            best = score;
            yy = cy;
        }
    }
    v->gran = G_DAY;
    v->y = yy;
    v->m = mo;
    v->d = dd;
    return true;
}

static void resolve_weekday(ctx *c, int wd, int dir, tval *v)
{
    /* dir: -1 the most recent (today included), -2 strictly before,
     * +1 strictly after */
    int y, m, d;
    anchor(c, &y, &m, &d);
    int ad = days_of(y, m, d);
    int cur = iso_weekday(ad);
    int back = (cur - wd + 7) % 7;
    int days;
    if (dir == -1)
        days = ad - back;
    else if (dir == -2)
        days = ad - (back ? back : 7);
    else if (dir == 2) {
        int fwd = (wd - cur + 7) % 7;
        days = ad + fwd;
    } else {
        int fwd = (wd - cur + 7) % 7;
        days = ad + (fwd ? fwd : 7);
    }
    set_day(v, days);
}

static int two_digit_year(ctx *c, int yy)
{
    int cy = c->have_anchor ? c->ay : 2025;
    int cent = cy / 100 * 100;
    return cent + yy > cy + 10 ? cent - 100 + yy : cent + yy;
}

/* A day number with an optional suffix "6th": returns units used or 0. */
static size_t day_number(const ctx *c, size_t i, int *dd)
{
    if (!is_num(c, i) || ndigits(c, i) > 2 || c->u[i].num < 1 || c->u[i].num > 31)
        return 0;
    *dd = c->u[i].num;
    if (i + 1 < c->n && c->u[i + 1].kind == K_WORD && tight(c, i + 1) &&
        (is_word(c, i + 1, "st") || is_word(c, i + 1, "nd") ||
         is_word(c, i + 1, "rd") || is_word(c, i + 1, "th")))
        return 2;
    return 1;
}

static bool year_number(const ctx *c, size_t i, int *y)
{
    if (!is_num(c, i) || ndigits(c, i) != 4)
        return false;
    int v = c->u[i].num;
    if (v < 1000 || v > 2199)
        return false;
    /* a thousands group or a decimal: "1,2000", "2025.5" */
    if (i + 2 < c->n && (is_punct(c, i + 1, ',') || is_punct(c, i + 1, '.')) &&
        tight(c, i + 1) && is_num(c, i + 2) && tight(c, i + 2))
        return false;
    if (i >= 1 && (is_punct(c, i - 1, '$') || is_punct(c, i - 1, '#') ||
                   is_punct(c, i - 1, '?') || is_punct(c, i - 1, '.') ||
                   is_punct(c, i - 1, ',')) && tight(c, i) && i >= 2 &&
        (is_num(c, i - 2) || !is_punct(c, i - 1, ',')))
        return false;
    if (i + 1 < c->n && (is_punct(c, i + 1, '%')))
        return false;
    *y = v;
    return true;
}

/* The name rule: "Theresa May", "Donna Summer": a capitalised word just
 * before, not the sentence's first word and not a time word. */
static bool after_name(const ctx *c, size_t i)
{
    if (i == 0)
        return false;
    const unit *p = &c->u[i - 1];
    if (p->kind != K_WORD || !(p->flags & F_CAP) || (p->flags & F_ALLCAP))
        return false;
    if (c->u[i - 1].lex >= 0)
        return false;
    if (i - 1 > 0)
        return true;
    /* the sentence's first word: a name unless a function word */
    return !is_word_in(c, i - 1, c->td->fw_preps);
}

static size_t parse_expr(ctx *c, size_t i, tval *v, int depth);
static size_t parse_word(ctx *c, size_t i, tval *v, int depth);
static int unit_of(const ctx *c, size_t i, bool *plural);

/* MONTH [day] [,] [year] | MONTH year | MONTH of year | MONTH */
static size_t parse_month(ctx *c, size_t i, tval *v)
{
    const lexent *e = LX(c, i);
    if (!e || e->cls != C_MONTH || !capital(c, i))
        return 0;
    int mo = e->a;
    size_t len = (size_t)c->u[i].num;
    bool full = len >= 5 || is_word(c, i, "may") || is_word(c, i, "june") ||
                is_word(c, i, "july");
    size_t j = i + 1;
    /* Mar-a-Lago, May-based: a hyphen and a word glued on */
    if (is_punct(c, j, '-') && tight(c, j) && j + 1 < c->n &&
        c->u[j + 1].kind == K_WORD && tight(c, j + 1))
        return 0;
    if (!full) {
        if (is_punct(c, j, '.') && tight(c, j))
            j++;
        else if (!is_num(c, j))
            return 0;
    }
    if (mo == 5 && after_name(c, i))
        return 0;
    int dd, y;
    size_t k;
    if ((k = day_number(c, j, &dd)) && !(is_punct(c, j + k, ':'))) {
        size_t end = j + k;
        if (is_punct(c, end, ',') && year_number(c, end + 1, &y)) {
            if (!rift_date_valid(y, mo, dd))
                return 0;
            v->gran = G_DAY; v->y = y; v->m = mo; v->d = dd;
            return end + 2 - i;
        }
        if (year_number(c, end, &y)) {
            if (!rift_date_valid(y, mo, dd))
                return 0;
            v->gran = G_DAY; v->y = y; v->m = mo; v->d = dd;
            return end + 1 - i;
        }
        /* a range of days: June 5-7 */
        if ((is_punct(c, end, '-') && is_num(c, end + 1)) ||
            ((is_word(c, end, "to") || is_word(c, end, "and")) && is_num(c, end + 1))) {
            int d2;
            size_t k2 = day_number(c, end + 1, &d2);
            if (k2 && d2 > dd) {
                tval a = {0}, b = {0};
                if (!resolve_month_day(c, mo, dd, tense_at(c, i, end), &a))
                    return 0;
                b = a;
                b.d = d2;
                if (!rift_date_valid(b.y, b.m, b.d))
                    return 0;
                char s1[30], s2[30];
                fmt_val(&a, s1, sizeof s1);
                fmt_val(&b, s2, sizeof s2);
                v->gran = G_RANGE;
                snprintf(v->extra, sizeof v->extra, "%s/%s", s1, s2);
                return end + 1 + k2 - i;
            }
        }
        if (!resolve_month_day(c, mo, dd, tense_at(c, i, end), v))
            return 0;
        return end - i;
    }
    if (is_punct(c, j, ',') && year_number(c, j + 1, &y)) {
        v->gran = G_MONTH; v->y = y; v->m = mo;
        return j + 2 - i;
    }
    if (year_number(c, j, &y)) {
        v->gran = G_MONTH; v->y = y; v->m = mo;
        return j + 1 - i;
    }
    if (is_word(c, j, "of") && year_number(c, j + 1, &y)) {
        v->gran = G_MONTH; v->y = y; v->m = mo;
        return j + 2 - i;
    }
    bool pl;
    if (is_word(c, j, "of") && (is_role(c, j + 1, R_THIS) || is_role(c, j + 1, R_LAST) ||
                                is_role(c, j + 1, R_NEXT)) &&
        unit_of(c, j + 2, &pl) == U_YEAR && !pl) {
        int ay, am, ad;
        anchor(c, &ay, &am, &ad);
        v->gran = G_MONTH; v->m = mo;
        v->y = ay + (is_role(c, j + 1, R_LAST) ? -1 : is_role(c, j + 1, R_NEXT) ? 1 : 0);
        return j - i;     /* "next year" is an expression of its own */
    }
    if (!full)
        return 0;
    /* "May" opening a sentence: "May I ask" */
    if (mo == 5 && i == 0 && !is_punct(c, j, ',') && j < c->n)
        return 0;
    resolve_month(c, mo, tense_at(c, i, j), v);
    return j - i;
}

static size_t parse_daypart(ctx *c, size_t j, tval *v)
{
    const lexent *e = LX(c, j);
    if (!e || e->cls != C_WORD || e->a != R_DAYPART || v->gran != G_DAY)
        return 0;
    v->gran = G_TIME;
    snprintf(v->extra, sizeof v->extra, "T%s", e->tag);
    return 1;
}

static size_t parse_weekday(ctx *c, size_t i, tval *v, int dir)
{
    const lexent *e = LX(c, i);
    if (!e || e->cls != C_WEEKDAY || !capital(c, i))
        return 0;
    if (i > 0 && c->u[i - 1].kind == K_WORD && (c->u[i - 1].flags & F_CAP) &&
        is_word_in(c, i - 1, c->td->not_holiday))
        return 0;
    if (capital(c, i + 1) && is_word_in(c, i + 1, c->td->outlet_names))
        return 0;
    if (is_word(c, i + 1, "s") && tight(c, i + 1))   /* Mondays */
        return 0;
    size_t j = i + 1;
    /* Thursday, June 5, 2025: the explicit date wins */
    if (is_punct(c, j, ',') && is_cls(c, j + 1, C_MONTH)) {
        tval w = {0};
        size_t k = parse_month(c, j + 1, &w);
        if (k && w.gran == G_DAY) {
            *v = w;
            return j + 1 + k - i;
        }
    }
    if (dir == 0 && i > 0 && (is_word(c, i - 1, "until") || is_word(c, i - 1, "till") ||
                              is_word(c, i - 1, "by")))
        dir = 2;
    if (dir == 0) {
        int t = tense_at(c, i, j);
        dir = t == T_FUTURE ? 2 : -1;
    }
    resolve_weekday(c, e->a, dir, v);
    j += parse_daypart(c, j, v);
    return j - i;
}

static size_t parse_season(ctx *c, size_t i, tval *v, int shift, bool ctxok)
{
    const lexent *e = LX(c, i);
    if (!e || e->cls != C_SEASON)
        return 0;
    if (!ctxok && !capital(c, i))
        return 0;
    if (capital(c, i) && after_name(c, i))
        return 0;
    int s = season_index(e->tag);
    size_t j = i + 1;
    int y;
    v->gran = G_SEASON;
    v->m = s;
    if (is_word(c, j, "of") && year_number(c, j + 1, &y)) {
        v->y = y;
        return j + 2 - i;
    }
    if (year_number(c, j, &y)) {
        v->y = y;
        return j + 1 - i;
    }
    if (!ctxok && i == 0 && !is_punct(c, j, ','))
        ctxok = true;      /* "Spring came early": a sentence about it */
    if (!ctxok)
        return 0;
    int ay, am, ad;
    anchor(c, &ay, &am, &ad);
    int cs = season_of(am);
    /* the season's year: winter belongs to the year it starts in */
    int sy = (am <= 2) ? ay - 1 : ay;
    int base_y = (s == 3) ? sy : ay;
    if (shift == 0) {
        int t = tense_at(c, i, j);
        if (t == T_FUTURE)
            v->y = s >= cs ? base_y : base_y + 1;
        else
            v->y = s <= cs ? base_y : base_y - 1;
        if (s == 3 && cs == 3)
            v->y = sy;
    } else if (shift < 0) {
        v->y = s < cs ? base_y : base_y - 1;
    } else {
        v->y = s > cs ? base_y : base_y + 1;
    }
    return j - i;
}

/* A holiday's month and day in year y (movable feasts computed). */
static void holiday_md(const lexent *e, int y, int *m, int *d)
{
    if (e->tag[0] == 'E') {
        int em, ed;
        rift_easter(y, &em, &ed);
        rift_civil_from_days(days_of(y, em, ed) + e->b, &y, m, d);
    } else if (e->tag[0] == 'N') {
        *m = e->a;
        *d = rift_nth_weekday(y, e->a, e->wd, e->nth);
    } else {
        *m = e->a;
        *d = e->b;
    }
}

/* sh: 0 by tense, -1 last, 1 next, 2 this (the article's year). */
static size_t parse_holiday_sh(ctx *c, size_t i, tval *v, int sh);

static size_t parse_holiday(ctx *c, size_t i, tval *v)
{
    return parse_holiday_sh(c, i, v, 0);
}

static size_t parse_holiday_sh(ctx *c, size_t i, tval *v, int sh)
{
    if (!capital(c, i) || (c->u[i].flags & F_NONASCII))
        return 0;
    const lexent *e = LX(c, i);
    bool multi = false;
    for (size_t j = i + 1; j < c->n && j <= i + 6; j++)
        if (capital(c, j) && (is_word(c, j, "day") || is_word(c, j, "eve"))) {
            multi = true;
            break;
        }
    if (!multi && !(e && e->cls == C_HOLIDAY))
        return 0;
    const rift_lexicon *lx = c->td->holidays;
    char key[96];
    size_t kl = 0, best = 0;
    const lexent *be = NULL;
    size_t words = 0;
    for (size_t j = i; j < c->n && lx && j < i + 12; j++) {
        if (words >= lx->max_words && c->u[j].kind == K_WORD &&
            !(is_punct(c, j - 1, '\'') && tight(c, j)))
            break;
        const unit *x = &c->u[j];
        size_t add = x->e - x->s;
        if (x->kind == K_WORD) {
            bool glued = j > i && is_punct(c, j - 1, '\'') && tight(c, j);
            if (j > i && !glued) {
                if (kl + 1 >= sizeof key) break;
                key[kl++] = ' ';
            }
            if (kl + add >= sizeof key || (x->flags & F_NONASCII)) break;
            for (size_t k = 0; k < add; k++)
                key[kl++] = (char)(c->t[x->s + k] | 32);
            if (!glued)
                words++;
            int h = rift_lexicon_find(lx, key, kl);
            if (h >= 0) {
                best = j + 1;
                be = &c->td->ents[c->td->base_holidays + (size_t)h];
            }
        } else if (x->kind == K_PUNCT && x->c == '\'' && tight(c, j)) {
            if (kl + 1 >= sizeof key) break;
            key[kl++] = '\'';
        } else if (x->kind == K_PUNCT && x->c == '.' && tight(c, j) && is_word(c, j - 1, "st")) {
            continue;   /* "St. Patrick's Day" */
        } else {
            break;
        }
    }
    if (!be)
        return 0;
    int y, hm, hd;
    if (year_number(c, best, &y)) {
        holiday_md(be, y, &hm, &hd);
        if (!rift_date_valid(y, hm, hd))
            return 0;
        v->gran = G_DAY; v->y = y; v->m = hm; v->d = hd;
        return best + 1 - i;
    }
    int ay, am, ad;
    anchor(c, &ay, &am, &ad);
    int adays = days_of(ay, am, ad);
    holiday_md(be, ay, &hm, &hd);
    if (sh == 2 || sh == -1 || sh == 1) {
        y = ay;
        if (sh == -1 && days_of(ay, hm, hd) >= adays)
            y--;
        if (sh == 1 && days_of(ay, hm, hd) <= adays)
            y++;
    } else {
        if (!resolve_month_day(c, hm, hd, tense_at(c, i, best), v))
            return 0;
        y = v->y;
    }
    holiday_md(be, y, &hm, &hd);
    if (!rift_date_valid(y, hm, hd))
        return 0;
    v->gran = G_DAY; v->y = y; v->m = hm; v->d = hd;
    return best - i;
}

/* A count before a unit: digits, a number word, "a"/"an", "several",
 * "a few"; X for vague ones.  Returns units used. */
static size_t cardinal(const ctx *c, size_t i, int *n, bool *vague, bool *half)
{
    *vague = false;
    *half = false;
    size_t k = 0;
    if (is_num(c, i) && ndigits(c, i) <= 4) {
        *n = c->u[i].num;
        k = 1;
        /* decimals: 2.5 years */
        if (is_punct(c, i + 1, '.') && tight(c, i + 1) && is_num(c, i + 2) &&
            tight(c, i + 2) && ndigits(c, i + 2) == 1 && c->u[i + 2].num == 5) {
            *half = true;
            k = 3;
        }
    } else if (is_cls(c, i, C_NUM)) {
        *n = LX(c, i)->a;
        k = 1;
        /* twenty-five */
        if (*n >= 20 && *n < 100 && is_punct(c, i + 1, '-') && is_cls(c, i + 2, C_NUM) &&
            LX(c, i + 2)->a < 10) {
            *n += LX(c, i + 2)->a;
            k = 3;
        }
    } else if (is_word(c, i, "a") || is_word(c, i, "an")) {
        if (is_word(c, i + 1, "few") || is_word(c, i + 1, "couple")) {
            *vague = true;
            *n = 0;
            k = 2;
            if (is_word(c, i + 2, "of"))
                k = 3;
        } else {
            *n = 1;
            k = 1;
        }
    } else if (is_role(c, i, R_QUANT)) {
        *vague = true;
        *n = 0;
        return 1;
    } else {
        return 0;
    }
    if (!*vague && (is_word(c, i + k, "and") && (is_word(c, i + k + 1, "a")) &&
                    is_word(c, i + k + 2, "half"))) {
        *half = true;
        k += 3;
    }
    return k;
}

static void fmt_duration(char *b, size_t n, int un, int q, bool vague, bool half)
{
    /* the unit letter; fortnights count as weeks, decades and centuries
     * as years (TIMEX3 corpora write P10Y, not P1DE) */
    static const char code[] = {'D', 'D', 'W', 'W', 'M', 'Q', 'Y', 'Y', 'Y', 'H', 'M'};
    int mul = un == U_FN ? 2 : un == U_DECADE ? 10 : un == U_CENTURY ? 100 : 1;
    char tmp[32], *p = tmp;
    *p++ = 'P';
    if (un == U_HOUR || un == U_MIN)
        *p++ = 'T';
    if (vague) {
        *p++ = 'X';
    } else {
        p = put_num(p, q > 0 ? q * mul : 0, 1);
        if (half && mul == 1) {
            *p++ = '.';
            *p++ = '5';
        }
    }
    *p++ = un >= U_DAY && un <= U_MIN ? code[un] : 'D';
    *p = 0;
    copy_str(b, n, tmp);
}

/* Shift a calendar value by k units (for "a year earlier", "two days ago"). */
static void shift_val(const tval *base, int un, int k, tval *v)
{
    *v = *base;
    v->mod = NULL;
    int days = rift_date_valid(base->y, base->m > 0 ? base->m : 1, base->d > 0 ? base->d : 1)
               ? days_of(base->y, base->m > 0 ? base->m : 1, base->d > 0 ? base->d : 1) : 0;
    switch (un) {
    case U_DAY:
        set_day(v, days + k);
        break;
    case U_WEEK: case U_FN:
        if (un == U_FN)
            k *= 2;
        if (base->gran == G_DAY || base->gran == G_TIME) {
            set_day(v, days + 7 * k);
        } else {
            int iy, wk;
            iso_week(days + 7 * k, &iy, &wk);
            v->gran = G_WEEK; v->y = iy; v->wk = wk;
        }
        break;
    case U_MONTH:
        if (base->gran == G_DAY) {
            int y = base->y, m = base->m;
            month_shift(&y, &m, k);
            v->y = y; v->m = m;
            v->gran = G_MONTH;
        } else {
            int y = base->y, m = base->m > 0 ? base->m : 1;
            month_shift(&y, &m, k);
            v->gran = G_MONTH; v->y = y; v->m = m;
        }
        break;
    case U_QUARTER: {
        int q = base->gran == G_QUARTER ? base->m : (base->m - 1) / 3 + 1;
        int z = base->y * 4 + (q - 1) + k;
        v->gran = G_QUARTER; v->y = z / 4; v->m = z % 4 + 1;
        break;
    }
    case U_DECADE:
        v->gran = G_DECADE; v->dec = base->y / 10 + k; v->y = base->y + 10 * k;
        break;
    default:
        v->gran = G_YEAR; v->y = base->y + k;
        break;
    }
}

/* The unit of a unit word, optionally plural check. */
static int unit_of(const ctx *c, size_t i, bool *plural)
{
    const lexent *e = LX(c, i);
    if (!e || e->cls != C_UNIT)
        return 0;
    if (plural)
        *plural = c->t[c->u[i].e - 1] == 's' && !is_word(c, i, "centuries");
    if (plural && is_word(c, i, "centuries"))
        *plural = true;
    return e->a;
}

/* cardinal UNIT [ago|earlier|later] ; NUM-UNIT adjective */
static size_t parse_duration(ctx *c, size_t i, tval *v)
{
    int q;
    bool vague, half;
    size_t k = cardinal(c, i, &q, &vague, &half);
    if (!k)
        return 0;
    size_t j = i + k;
    bool hyphen = false;
    if (is_punct(c, j, '-') && tight(c, j) && tight(c, j + 1) &&
        (is_num(c, i) || is_cls(c, i, C_NUM))) {
        hyphen = true;
        j++;
    }
    if (!hyphen) {
        /* six straight days, five trading days */
        if (is_word_in(c, j, c->td->unit_adjs) && c->u[j + (j + 1 < c->n)].lex >= 0)
            j++;
    }
    bool plural;
    int un = unit_of(c, j, &plural);
    if (!un || un == U_WEEKEND)
        return 0;
    if (is_word(c, i, "a") && is_word(c, i + 1, "half"))
        return 0;
    /* fractions: a quarter of, three quarters of */
    if (un == U_QUARTER && (is_word(c, i, "a") || is_word(c, i, "an") ||
                            (is_word(c, j + 1, "of") && j == i + k)))
        return 0;
    size_t end = j + 1;
    /* ages: 9-year-old, 9 years old */
    if ((is_punct(c, end, '-') && is_word(c, end + 1, "old")) || is_word(c, end, "old"))
        return 0;
    if (q > 500 && !vague)
        return 0;
    if (!hyphen && !vague && q == 1 && plural && !is_num(c, i))
        return 0;
    if (is_role(c, end, R_AGO)) {
        if (vague) {
            v->gran = G_REF;
            snprintf(v->extra, sizeof v->extra, "PAST_REF");
            return end + 1 - i;
        }
        tval a = {0};
        a.gran = G_DAY;
        anchor(c, &a.y, &a.m, &a.d);
        shift_val(&a, un, -q, v);
        if (un == U_HOUR || un == U_MIN)
            *v = a;
        return end + 1 - i;
    }
    if ((is_role(c, end, R_EARLIER) || is_role(c, end, R_LATER)) && !vague &&
        un != U_HOUR && un != U_MIN) {
        int sign = is_role(c, end, R_EARLIER) ? -1 : 1;
        tval r = un == U_DAY || un == U_WEEK ? dref_get(c) : ref_get(c);
        /* "(on November 11,) three days later than planned": a comparison
         * with a plan, not a shift from the day just named */
        if (is_word(c, end + 1, "than"))
            sign = 0;
        shift_val(&r, un, sign * q, v);
        return end + 1 - i;
    }
    v->gran = G_DURATION;
    fmt_duration(v->extra, sizeof v->extra, un, q, vague, half);
    return end - i;
}

/* "am", "pm", "a.m.", "p.m" (final period optional) at j: units used. */
static size_t ampm(const ctx *c, size_t j, bool *pm)
{
    if (is_word(c, j, "pm") || is_word(c, j, "am")) {
        *pm = is_word(c, j, "pm");
        return 1;
    }
    if ((is_word(c, j, "p") || is_word(c, j, "a")) && is_punct(c, j + 1, '.') &&
        tight(c, j + 1) && is_word(c, j + 2, "m") && tight(c, j + 2)) {
        *pm = is_word(c, j, "p");
        return is_punct(c, j + 3, '.') && tight(c, j + 3) ? 4 : 3;
    }
    return 0;
}

/* A zone abbreviation in capitals at j ("EST", "UTC"): its offset. */
static const char *zone_at(const ctx *c, size_t j)
{
    if (j >= c->n || c->u[j].kind != K_WORD || c->u[j].e - c->u[j].s > 4)
        return NULL;
    for (size_t k = c->u[j].s; k < c->u[j].e; k++)
        if (c->t[k] < 'A' || c->t[k] > 'Z')
            return NULL;
    return rift_tod_zone(c->t + c->u[j].s, c->u[j].e - c->u[j].s);
}

/* Numbers first: ISO dates, 07/06/2025, 16:15 UTC, 11 December, years,
 * decades, durations. */
static size_t parse_numeric(ctx *c, size_t i, tval *v)
{
    const unit *x = &c->u[i];
    int nd = ndigits(c, i);
    if (i > 0 && (is_punct(c, i - 1, '$') || is_punct(c, i - 1, '?')) && tight(c, i))
        return 0;          /* money: $2025, €2025 */
    if (i > 0 && is_num(c, i - 1) && tight(c, i))
        return 0;
    if (i > 1 && (is_punct(c, i - 1, ',') || is_punct(c, i - 1, '.')) && tight(c, i) &&
        is_num(c, i - 2) && tight(c, i - 1))
        return 0;          /* 100,000 and 2.5 are one number */
    if (is_punct(c, i + 1, '%') || is_word(c, i + 1, "percent"))
        return 0;
    /* YYYY-MM-DD */
    if (nd == 4 && is_punct(c, i + 1, '-') && tight(c, i + 1) && is_num(c, i + 2) &&
        tight(c, i + 2) && is_punct(c, i + 3, '-') && tight(c, i + 3) &&
        is_num(c, i + 4) && tight(c, i + 4)) {
        int y = x->num, m = c->u[i + 2].num, d = c->u[i + 4].num;
        if (rift_date_valid(y, m, d)) {
            v->gran = G_DAY; v->y = y; v->m = m; v->d = d;
            return 5;
        }
        return 0;
    }
    /* 07/06/2025, 7/8/07, 07.06.2025 */
    if (nd <= 2 && (is_punct(c, i + 1, '/') || is_punct(c, i + 1, '.') ||
                    is_punct(c, i + 1, '-')) &&
        tight(c, i + 1) && is_num(c, i + 2) && tight(c, i + 2) && ndigits(c, i + 2) <= 2 &&
        is_punct(c, i + 3, c->u[i + 1].c) && tight(c, i + 3) && is_num(c, i + 4) &&
        tight(c, i + 4) && (ndigits(c, i + 4) == 4 || ndigits(c, i + 4) == 2) &&
        !(is_num(c, i + 6) && tight(c, i + 5) && tight(c, i + 6))) {
        int a = x->num, b = c->u[i + 2].num, y = c->u[i + 4].num;
        if (ndigits(c, i + 4) == 2)
            y = two_digit_year(c, y);
        int m, d;
        if (c->order == RIFT_DATE_ORDER_DMY || (c->order != RIFT_DATE_ORDER_MDY && a > 12)) {
            d = a; m = b;
        } else {
            m = a; d = b;
        }
        if (!rift_date_valid(y, m, d)) {   /* 25/05: only one reading works */
            int tmp = m;
            m = d;
            d = tmp;
        }
        if (rift_date_valid(y, m, d)) {
            v->gran = G_DAY; v->y = y; v->m = m; v->d = d;
            return 5;
        }
        return 0;
    }
    /* clock times: 16:15 UTC, 6:40 p.m., 0800 GMT, 9 a.m. EST, 10 p.m */
    bool pm = false;
    size_t ap = 0;
    if ((nd <= 2 && is_punct(c, i + 1, ':') && tight(c, i + 1) && is_num(c, i + 2) &&
         ndigits(c, i + 2) == 2 && tight(c, i + 2)) ||
        (nd == 4 && zone_at(c, i + 1) && x->num % 100 < 60 && x->num / 100 < 24) ||
        (nd <= 2 && x->num >= 1 && x->num <= 12 && (ap = ampm(c, i + 1, &pm)) > 0)) {
        int hh, mm;
        size_t j;
        if (ap) {
            hh = x->num; mm = 0; j = i + 1;
        } else if (nd == 4) {
            hh = x->num / 100; mm = x->num % 100; j = i + 1;
        } else {
            hh = x->num; mm = c->u[i + 2].num; j = i + 3;
        }
        if (hh > 24 || mm > 59)
            return 0;
        ap = ampm(c, j, &pm);
        if (ap) {
            j += ap;
            if (pm && hh < 12)
                hh += 12;
            if (!pm && hh == 12)
                hh = 0;
        }
        const char *zone = zone_at(c, j);
        if (zone)
            j++;
        /* clock times hang on a day word right after them ("16:00 UTC
         * today", "9 a.m. EST Tuesday"), else on the sentence's day (see
         * scan_range), else on the article's */
        tval r = {0};
        r.gran = G_DAY;
        size_t dk = 0;
        if (is_role(c, j, R_DAY) || (is_role(c, j, R_LAST) && is_role(c, j + 1, R_DAYPART)))
            dk = parse_word(c, j, &r, 3);
        else if (is_cls(c, j, C_WEEKDAY))
            dk = parse_weekday(c, j, &r, 0);
        if (!dk || (r.gran != G_DAY && r.gran != G_TIME)) {
            dk = 0;
            memset(&r, 0, sizeof r);
            anchor(c, &r.y, &r.m, &r.d);
            v->floating = true;
        }
        j += dk;
        v->gran = G_TIME; v->y = r.y; v->m = r.m; v->d = r.d;
        snprintf(v->extra, sizeof v->extra, "T%02d:%02d%s", hh, mm, zone ? zone : "");
        return j - i;
    }
    /* day month [year]: 11 December, 6th of March 2025 */
    int dd;
    size_t k = day_number(c, i, &dd);
    if (k) {
        size_t j = i + k;
        if (is_word(c, j, "of") && is_cls(c, j + 1, C_MONTH))
            j++;
        const lexent *e = LX(c, j);
        if (e && e->cls == C_MONTH && capital(c, j) &&
            !(is_punct(c, j + 1, '-') && tight(c, j + 1))) {
            size_t w = (size_t)c->u[j].num;
            size_t end = j + 1;
            if (w < 5 && !is_word(c, j, "may") && !is_word(c, j, "june") &&
                !is_word(c, j, "july")) {
                if (is_punct(c, end, '.') && tight(c, end))
                    end++;
            }
            int y;
            if (year_number(c, end, &y)) {
                if (!rift_date_valid(y, e->a, dd))
                    return 0;
                v->gran = G_DAY; v->y = y; v->m = e->a; v->d = dd;
                return end + 1 - i;
            }
            if (!resolve_month_day(c, e->a, dd, tense_at(c, i, end), v))
                return 0;
            return end - i;
        }
    }
    /* decades: 1990s, 1990's */
    if (nd == 4 && x->num >= 1000 && x->num <= 2190 && x->num % 10 == 0) {
        size_t j = i + 1;
        if (is_punct(c, j, '\'') && tight(c, j))
            j++;
        if (is_word(c, j, "s") && tight(c, j)) {
            v->gran = G_DECADE; v->dec = x->num / 10; v->y = x->num;
            return j + 1 - i;
        }
    }
    /* durations: 90 days, 12-year, 33 years ago */
    size_t dl = parse_duration(c, i, v);
    if (dl)
        return dl;
    /* years: 2022, but not 2022 votes counted as a number of things */
    int y;
    if (year_number(c, i, &y) && x->num >= 1800 && i > 1 && capital(c, i + 1) &&
        c->u[i - 1].kind == K_WORD && capital(c, i - 1) && c->u[i - 1].lex < 0)
        return 0;      /* a name with a number: "Windows 2000 Server" */
    if (year_number(c, i, &y) && x->num >= 1800) {
        if (is_punct(c, i + 1, '-') && tight(c, i + 1) && is_num(c, i + 2) && tight(c, i + 2)) {
            /* 2009-2011 or 2009-11 (a season) */
            int y2 = c->u[i + 2].num;
            if (ndigits(c, i + 2) == 4 && y2 > y && y2 - y < 200) {
                v->gran = G_RANGE;
                snprintf(v->extra, sizeof v->extra, "%04d/%04d", y, y2);
                return 3;
            }
        }
        v->gran = G_YEAR; v->y = y;
        return 1;
    }
    return 0;
}

/* ORD quarter [of YEAR | of this/last/next year], third-quarter, Q3 [2009] */
static size_t parse_quarter(ctx *c, size_t j, tval *v)
{
    int qn = 0;
    size_t k;
    bool plural;
    if (j < c->n && c->u[j].kind == K_WORD && c->u[j].num == 1 &&
        c->t[c->u[j].s] == 'Q' && is_num(c, j + 1) && tight(c, j + 1) &&
        ndigits(c, j + 1) == 1 && c->u[j + 1].num >= 1 && c->u[j + 1].num <= 4) {
        qn = c->u[j + 1].num;
        k = j + 2;
        int y;
        if (year_number(c, k, &y)) {
            v->gran = G_QUARTER; v->y = y; v->m = qn;
            return k + 1 - j;
        }
    } else {
        if (is_cls(c, j, C_ORD) && LX(c, j)->a <= 4)
            qn = LX(c, j)->a;
        else if (is_word(c, j, "final") || is_role(c, j, R_LAST))
            qn = 4;
        if (!qn)
            return 0;
        k = j + 1;
        if (is_punct(c, k, '-') && tight(c, k))
            k++;
        if (unit_of(c, k, &plural) != U_QUARTER || plural)
            return 0;
        k++;
        int y;
        if (is_word(c, k, "of") && year_number(c, k + 1, &y)) {
            v->gran = G_QUARTER; v->y = y; v->m = qn;
            return k + 2 - j;
        }
        if (is_word(c, k, "of") && (is_role(c, k + 1, R_THIS) || is_role(c, k + 1, R_LAST) ||
                                    is_role(c, k + 1, R_NEXT)) &&
            unit_of(c, k + 2, &plural) == U_YEAR && !plural) {
            int ay, am, ad;
            anchor(c, &ay, &am, &ad);
            v->gran = G_QUARTER; v->m = qn;
            v->y = ay + (is_role(c, k + 1, R_LAST) ? -1 : is_role(c, k + 1, R_NEXT) ? 1 : 0);
            return k + 3 - j;
        }
    }
    if (!qn)
        return 0;
    int ay, am, ad;
    anchor(c, &ay, &am, &ad);
    int cq = (am - 1) / 3 + 1;
    int t = tense_at(c, j, k);
    v->gran = G_QUARTER;
    v->m = qn;
    int best = 1 << 30;
    for (int yy = ay - 1; yy <= ay + 1; yy++) {
        int dist = (yy * 4 + qn) - (ay * 4 + cq);
        int score = abs(dist) * 2 + (t != T_FUTURE && dist > 0 ? 3 : 0) +
                    (t == T_FUTURE && dist < 0 ? 3 : 0);
        if (score < best) {
            best = score;
            v->y = yy;
        }
    }
    return k - j;
}

/* The weekend talked about: in the past tense the last one (this week's
 * when the article is itself dated on a weekend), else the coming one. */
static void weekend(ctx *c, size_t from, size_t to, int sh, tval *v)
{
    int ay, am, ad;
    anchor(c, &ay, &am, &ad);
    int days = days_of(ay, am, ad);
    int wd = iso_weekday(days);
    int k = sh;
    if (sh == 0 && wd < 6 && tense_at(c, from, to) != T_FUTURE)
        k = -1;
    else if (sh < 0 && wd >= 6)
        k = 0;
    else if (sh < 0)
        k = -1;
    v->gran = G_WEEKEND;
    iso_week(days + 7 * k, &v->y, &v->wk);
}

/* "the ..." expressions. */
static size_t parse_deictic(ctx *c, size_t i, tval *v, int role);

/* A word in -ing at k ("after falling"). */
static bool ing_word(const ctx *c, size_t k)
{
    return k < c->n && c->u[k].kind == K_WORD && c->u[k].num > 4 &&
           c->t[c->u[k].e - 3] == 'i' && c->t[c->u[k].e - 2] == 'n' && c->t[c->u[k].e - 1] == 'g';
}

/* "a year ago", "a year earlier", "last year", "of last year", "the
 * previous year" at k: units used, 0 if none. */
static size_t year_back(const ctx *c, size_t k)
{
    bool pl;
    size_t of = is_word(c, k, "of") ? 1 : 0;
    k += of;
    if ((is_word(c, k, "a") || is_word(c, k, "one")) && unit_of(c, k + 1, &pl) == U_YEAR &&
        !pl && (is_role(c, k + 2, R_AGO) || is_role(c, k + 2, R_EARLIER) ||
                is_word(c, k + 2, "before")))
        return of + 3;
    if (is_role(c, k, R_LAST) && unit_of(c, k + 1, &pl) == U_YEAR && !pl)
        return of + 2;
    if (is_word(c, k, "the") && (is_role(c, k + 1, R_PREV) || is_role(c, k + 1, R_LAST)) &&
        unit_of(c, k + 2, &pl) == U_YEAR && !pl)
        return of + 3;
    return 0;
}

static size_t parse_the(ctx *c, size_t i, tval *v, int depth)
{
    size_t j = i + 1;
    const lexent *e = LX(c, j);
    bool plural;
    int un;
    /* the day after, the year before (not "the day after falling") */
    if ((un = unit_of(c, j, &plural)) && !plural &&
        (is_word(c, j + 1, "after") || is_word(c, j + 1, "before")) && !ing_word(c, j + 2) &&
        un != U_WEEKEND && un != U_HOUR && un != U_MIN) {
        tval r = un == U_DAY || un == U_WEEK ? dref_get(c) : ref_get(c);
        shift_val(&r, un, is_word(c, j + 1, "after") ? 1 : -1, v);
        return j + 2 - i;
    }
    /* "the day" closing a clause: the day just talked about */
    if (unit_of(c, j, &plural) == U_DAY && !plural &&
        (j + 1 >= c->n || (c->u[j + 1].kind == K_PUNCT && c->u[j + 1].c != '-' &&
                           c->u[j + 1].c != '\'') ||
         is_word(c, j + 1, "at") || is_word(c, j + 1, "on") || is_word(c, j + 1, "with") ||
         is_word(c, j + 1, "as") || is_word(c, j + 1, "and") || is_word(c, j + 1, "but") ||
         is_word(c, j + 1, "while") || is_word(c, j + 1, "in") || is_word(c, j + 1, "to") ||
         ((is_word(c, j + 1, "after") || is_word(c, j + 1, "before")) && ing_word(c, j + 2)))) {
        tval r = ref_get(c);
        if (r.gran != G_DAY && r.gran != G_TIME)
            r = dref_get(c);    /* the last day talked about, else the article's */
        set_day(v, days_of(r.y, r.m, r.d));
        return 2;
    }
    if (e && e->cls == C_WORD) {
        switch (e->a) {
        case R_FOLLOW: case R_NEXT: case R_PREV: case R_SAME: {
            int sh = e->a == R_PREV ? -1 : e->a == R_SAME ? 0 : 1;
            un = unit_of(c, j + 1, &plural);
            if (un && !plural && un != U_HOUR && un != U_MIN) {
                if (un == U_WEEKEND) {
                    tval r = ref_get(c);
                    int days = days_of(r.y, r.m > 0 ? r.m : 1, r.d > 0 ? r.d : 1) + 7 * sh;
                    v->gran = G_WEEKEND;
                    iso_week(days, &v->y, &v->wk);
                } else {
                    tval r = un == U_DAY || un == U_WEEK ? dref_get(c) : ref_get(c);
                    shift_val(&r, un, sh, v);
                }
                size_t yb = e->a == R_SAME ? year_back(c, j + 2) : 0;
                if (yb)
                    v->y--;     /* the same month a year ago */
                return j + 2 + yb - i;
            }
            /* the same period last year: the time just talked about, a year back */
            size_t yb;
            if (e->a == R_SAME && c->have_ref && c->ref.gran >= G_MONTH && (is_word(c, j + 1, "period") ||
                                                 is_word(c, j + 1, "time")) &&
                (yb = year_back(c, j + 2)) > 0) {
                *v = c->ref;
                v->y--;
                if (v->gran == G_DAY && !rift_date_valid(v->y, v->m, v->d))
                    v->d = 28;      /* 29 February */
                return j + 2 + yb - i;
            }
            if (e->a == R_NEXT || e->a == R_PREV)
                goto past_next;
            return 0;
        }
        case R_PAST: case R_LAST: case R_COMING:
        past_next: {
            /* the past nine days, the next six months: durations */
            int q;
            bool vague, half;
            size_t k = cardinal(c, j + 1, &q, &vague, &half);
            if (!k && is_role(c, j + 1, R_QUANT)) {
                k = 1;
                vague = true;
            }
            if (k && (un = unit_of(c, j + 1 + k, &plural)) && un != U_WEEKEND) {
                v->gran = G_DURATION;
                fmt_duration(v->extra, sizeof v->extra, un, q, vague, half);
                return j + 2 + k - i;
            }
            if ((un = unit_of(c, j + 1, &plural)) && !plural && e->a == R_LAST &&
                !is_word(c, j + 2, "of") && un != U_HOUR && un != U_MIN &&
                un != U_WEEKEND && un != U_DAY) {
                /* the last quarter, the last year: the previous one */
                size_t k2 = parse_deictic(c, j, v, R_LAST);
                return k2 ? 1 + k2 : 0;
            }
            if ((un = unit_of(c, j + 1, &plural)) && un != U_WEEKEND &&
                !(e->a == R_LAST && is_word(c, j + 2, "of"))) {
                v->gran = G_DURATION;
                fmt_duration(v->extra, sizeof v->extra, un, 1, plural, false);
                if (un == U_DECADE && !plural)
                    snprintf(v->extra, sizeof v->extra, "P10Y");
                return j + 2 - i;
            }
            if (e->a == R_PAST && !is_num(c, j + 1) && !(j + 1 < c->n && c->u[j + 1].kind == K_WORD &&
                                                        c->u[j + 1].lex >= 0)) {
                v->gran = G_REF;
                snprintf(v->extra, sizeof v->extra, "PAST_REF");
                return j + 1 - i;
            }
            return 0;
        }
        case R_REF:
            if (is_word(c, j, "future")) {
                v->gran = G_REF;
                snprintf(v->extra, sizeof v->extra, "FUTURE_REF");
                return 2;
            }
            return 0;
        case R_PART:
            if (is_word(c, j + 1, "of") && depth < 3) {
                size_t k;
                /* the end of the year, the beginning of the month */
                if (is_word(c, j + 2, "the") && (un = unit_of(c, j + 3, &plural)) && !plural &&
                    (un == U_YEAR || un == U_MONTH || un == U_WEEK || un == U_DAY ||
                     un == U_QUARTER)) {
                    tval r = ref_get(c);
                    shift_val(&r, un, 0, v);
                    if (un == U_DAY) set_day(v, days_of(r.y, r.m, r.d > 0 ? r.d : 1));
                    k = 2;
                } else {
                    k = parse_expr(c, j + 2, v, depth + 1);
                }
                if (!k || v->gran == G_DURATION || v->gran == G_REF || v->gran == G_RANGE)
                    return 0;
                v->mod = e->tag;
                return j + 2 + k - i;
            }
            return 0;
        case R_MOD: {
            size_t k = parse_expr(c, j, v, depth + 1);
            if (k && v->gran == G_DECADE)
                return j + k - i;
            return 0;
        }
        default:
            return 0;
        }
    }
    /* the 1990s, the '90s, the 70s */
    if (is_punct(c, j, '\'') && is_num(c, j + 1) && ndigits(c, j + 1) == 2)
        j++;
    if (is_num(c, j) && ndigits(c, j) == 2 && c->u[j].num % 10 == 0 &&
        is_word(c, j + 1, "s") && tight(c, j + 1)) {
        int y = two_digit_year(c, c->u[j].num);
        v->gran = G_DECADE; v->dec = y / 10; v->y = y;
        return j + 2 - i;
    }
    j = i + 1;
    if (is_num(c, j) && ndigits(c, j) == 4) {
        size_t k = parse_numeric(c, j, v);
        if (k && v->gran == G_DECADE)
            return 1 + k;
        return 0;
    }
    /* the last week of March, the first week of May */
    {
        bool pl;
        int wpos = 0;
        if (is_cls(c, j, C_ORD) && LX(c, j)->a <= 4)
            wpos = LX(c, j)->a;
        else if (is_role(c, j, R_LAST) || is_word(c, j, "final"))
            wpos = 9;
        if (wpos && unit_of(c, j + 1, &pl) == U_WEEK && !pl && is_word(c, j + 2, "of") &&
            is_cls(c, j + 3, C_MONTH) && depth < 3) {
            tval mv = {0};
            size_t mk = parse_month(c, j + 3, &mv);
            if (mk && mv.gran == G_MONTH) {
                int dd0;
                if (wpos == 9) {
                    int last = 31;
                    while (last > 28 && !rift_date_valid(mv.y, mv.m, last))
                        last--;
                    dd0 = days_of(mv.y, mv.m, last) - 3;
                } else {
                    dd0 = days_of(mv.y, mv.m, 4) + 7 * (wpos - 1);
                }
                v->gran = G_WEEK;
                iso_week(dd0, &v->y, &v->wk);
                return j + 3 + mk - i;
            }
        }
    }
    /* the third quarter [of 2009 | of this year | of last year] */
    size_t k = parse_quarter(c, j, v);
    if (k)
        return 1 + k;
    /* the weekend */
    if (unit_of(c, j, &plural) == U_WEEKEND && !plural) {
        weekend(c, i, j + 1, 0, v);
        return 2;
    }
    /* the spring [of 2024] */
    k = parse_season(c, j, v, 0, true);
    if (k)
        return 1 + k;
    /* the 6th of March */
    int dd;
    if ((k = day_number(c, j, &dd)) && is_word(c, j + k, "of") && is_cls(c, j + k + 1, C_MONTH)) {
        size_t m = parse_numeric(c, j, v);
        if (m && v->gran == G_DAY)
            return 1 + m;
    }
    return 0;
}

/* this/last/next + unit, weekday, month or season */
static size_t parse_deictic(ctx *c, size_t i, tval *v, int role)
{
    size_t j = i + 1;
    int sh = role == R_LAST ? -1 : role == R_NEXT || role == R_COMING ? 1 : 0;
    bool plural;
    int un = unit_of(c, j, &plural);
    if (un && !plural) {
        int ay, am, ad;
        anchor(c, &ay, &am, &ad);
        tval a = {0};
        a.gran = G_DAY; a.y = ay; a.m = am; a.d = ad;
        int days = days_of(ay, am, ad);
        switch (un) {
        case U_WEEK: case U_FN:
            if (c->week_as_month) {     /* the month of the week's Thursday */
                int thu = days + 7 * sh - (iso_weekday(days) - 1) + 3;
                rift_civil_from_days(thu, &v->y, &v->m, &v->d);
                v->gran = G_MONTH;
                return 2;
            }
            v->gran = G_WEEK;
            iso_week(days + 7 * sh, &v->y, &v->wk);
            return 2;
        case U_WEEKEND:
            weekend(c, i, j + 1, sh, v);
            return 2;
        case U_DAY:
            if (sh)
                return 0;
            *v = a;
            return 2;
        case U_HOUR: case U_MIN:
            return 0;
        default:
            shift_val(&a, un, sh, v);
            return 2;
        }
    }
    /* last two weeks, next three years: durations */
    if (sh != 0 || role == R_PAST) {
        int q;
        bool vague, half;
        size_t k = cardinal(c, j, &q, &vague, &half);
        if (k && !is_word(c, j, "a") && !is_word(c, j, "an") &&
            (un = unit_of(c, j + k, &plural)) && plural && un != U_WEEKEND) {
            v->gran = G_DURATION;
            fmt_duration(v->extra, sizeof v->extra, un, q, vague, half);
            return 1 + k + 1;
        }
    }
    if (role == R_PAST || role == R_COMING)
        return 0;
    size_t k;
    if (is_cls(c, j, C_WEEKDAY)) {
        k = parse_weekday(c, j, v, sh < 0 ? -2 : sh > 0 ? 1 : 0);
        return k ? 1 + k : 0;
    }
    if (is_cls(c, j, C_MONTH) && capital(c, j)) {
        const lexent *e = LX(c, j);
        int ay, am, ad;
        anchor(c, &ay, &am, &ad);
        v->gran = G_MONTH;
        v->m = e->a;
        if (sh < 0)
            v->y = e->a < am ? ay : ay - 1;
        else if (sh > 0)
            v->y = e->a > am ? ay : ay + 1;
        else
            resolve_month(c, e->a, tense_at(c, i, j + 1), v);
        return 2;
    }
    if (is_cls(c, j, C_SEASON)) {
        k = parse_season(c, j, v, sh, true);
        return k ? 1 + k : 0;
    }
    if (capital(c, j) && (role == R_LAST || role == R_THIS || role == R_NEXT)) {
        /* last Thanksgiving, this Christmas */
        k = parse_holiday_sh(c, j, v, role == R_THIS ? 2 : sh);
        if (k)
            return 1 + k;
    }
    if (is_role(c, j, R_DAYPART) && sh < 0 && role == R_LAST && !strcmp(LX(c, j)->tag, "NI")) {
        /* last night */
        int ay, am, ad;
        anchor(c, &ay, &am, &ad);
        set_day(v, days_of(ay, am, ad) - 1);
        v->gran = G_TIME;
        snprintf(v->extra, sizeof v->extra, "TNI");
        return 2;
    }
    if (is_role(c, j, R_DAYPART) && sh == 0) {
        /* this morning */
        int ay, am, ad;
        anchor(c, &ay, &am, &ad);
        v->gran = G_TIME; v->y = ay; v->m = am; v->d = ad;
        snprintf(v->extra, sizeof v->extra, "T%s", LX(c, j)->tag);
        return 2;
    }
    return 0;
}

/* Words that start an expression. */
static size_t parse_word(ctx *c, size_t i, tval *v, int depth)
{
    const lexent *e = LX(c, i);
    if (is_word(c, i, "the"))
        return parse_the(c, i, v, depth);
    if (is_word(c, i, "that") || is_word(c, i, "this")) {
        /* that day, that week: the time just talked about */
        bool plural;
        int un = unit_of(c, i + 1, &plural);
        if (is_word(c, i, "that") && un && !plural && un != U_HOUR && un != U_MIN &&
            un != U_WEEKEND) {
            tval r = ref_get(c);
            shift_val(&r, un, 0, v);
            if (un == U_DAY && (r.gran == G_DAY || r.gran == G_TIME))
                set_day(v, days_of(r.y, r.m, r.d));
            else if (un == U_DAY)
                return 0;
            return 2;
        }
        if (is_word(c, i, "that"))
            return 0;
    }
    size_t k;
    if (capital(c, i) && (k = parse_holiday(c, i, v)) > 0)
        return k;
    if (!e) {
        if (is_word(c, i, "a") || is_word(c, i, "an"))
            return parse_duration(c, i, v);
        if (i < c->n && c->u[i].kind == K_WORD && c->t[c->u[i].s] == 'Q')
            return parse_quarter(c, i, v);
        return 0;
    }
    switch (e->cls) {
    case C_MONTH:
        return parse_month(c, i, v);
    case C_WEEKDAY:
        return parse_weekday(c, i, v, 0);
    case C_SEASON: {
        bool ok = false;
        if (i > 0) {
            ok = is_word_in(c, i - 1, c->td->before_season);
        }
        return parse_season(c, i, v, 0, ok);
    }
    case C_HOLIDAY:
        return parse_holiday(c, i, v);
    case C_NUM:
        return parse_duration(c, i, v);
    case C_ORD:
        return parse_quarter(c, i, v);
    case C_UNIT: {
        /* decades-long, years-long */
        bool pl;
        int u2 = unit_of(c, i, &pl);
        if (pl && u2 != U_WEEKEND && is_punct(c, i + 1, '-') && tight(c, i + 1) &&
            is_word(c, i + 2, "long")) {
            v->gran = G_DURATION;
            fmt_duration(v->extra, sizeof v->extra, u2, 0, true, false);
            return 3;
        }
        return 0;
    }
    default:
        break;
    }
    bool plural;
    int un;
    switch (e->a) {
    case R_DAY: case R_NIGHT: {
        int ay, am, ad;
        anchor(c, &ay, &am, &ad);
        set_day(v, days_of(ay, am, ad) + e->b);
        if (e->a == R_NIGHT) {
            v->gran = G_TIME;
            snprintf(v->extra, sizeof v->extra, "TNI");
            return 1;
        }
        return 1 + parse_daypart(c, i + 1, v);
    }
    case R_LAST: case R_THIS: case R_NEXT: case R_COMING: case R_PAST:
        return parse_deictic(c, i, v, e->a);
    case R_EARLIER: case R_LATER:
        /* earlier this year, later today */
        if (is_role(c, i + 1, R_THIS) || is_role(c, i + 1, R_DAY)) {
            k = parse_word(c, i + 1, v, depth + 1);
            return k ? 1 + k : 0;
        }
        return 0;
    case R_MOD: {
        if (depth >= 3)
            return 0;
        size_t j = i + 1;
        if (is_punct(c, j, '-') && tight(c, j))
            j++;
        else if (is_word(c, j, "in") && (is_word(c, j + 1, "the") || is_num(c, j + 1)))
            return 0;
        k = parse_expr(c, j, v, depth + 1);
        if (!k || v->gran == G_DURATION || v->gran == G_REF || v->gran == G_RANGE ||
            (v->gran == G_TIME && !(v->extra[1] >= 'A' && v->extra[1] <= 'Z')))
            return 0;
        v->mod = e->tag;
        return j + k - i;
    }
    case R_SET:
        if (!strcmp(e->tag, "EVERY")) {
            /* every Monday: XXXX-WXX-1; every week: P1W */
            const lexent *n = LX(c, i + 1);
            v->gran = G_SET;
            if (n && n->cls == C_WEEKDAY && capital(c, i + 1)) {
                snprintf(v->extra, sizeof v->extra, "XXXX-WXX-%d", n->a);
                return 2;
            }
            un = unit_of(c, i + 1, &plural);
            if (!un || plural || un == U_WEEKEND || un == U_FN)
                return 0;
            fmt_duration(v->extra, sizeof v->extra, un, 1, false, false);
            return 2;
        }
        if (is_punct(c, i + 1, '-') && tight(c, i + 1))
            return 0;      /* weekly-ish compounds */
        v->gran = G_SET;
        copy_str(v->extra, sizeof v->extra, e->tag);
        return 1;
    case R_REF:
        if (is_word(c, i, "future"))
            return 0;
        /* "at present" (not "the present plan"); "now", not "now that" nor
         * a sentence's opening "Now ..." (a discourse marker) */
        if (is_word(c, i, "present") && !(i > 0 && is_word(c, i - 1, "at")))
            return 0;
        if (is_word(c, i, "now") && (capital(c, i) || is_word(c, i + 1, "that") ||
                                     (i > 0 && (is_word(c, i - 1, "from") ||
                                                is_word(c, i - 1, "until") ||
                                                is_word(c, i - 1, "by")))))
            return 0;
        v->gran = G_REF;
        copy_str(v->extra, sizeof v->extra, e->tag);
        return 1;
    case R_QUANT:
        if (is_word(c, i, "recent") && (un = unit_of(c, i + 1, &plural)) && plural) {
            v->gran = G_DURATION;
            fmt_duration(v->extra, sizeof v->extra, un, 0, true, false);
            return 2;
        }
        return parse_duration(c, i, v);
    case R_SPAN:
        /* over the years */
        if (is_word(c, i + 1, "the") && (un = unit_of(c, i + 2, &plural)) && plural &&
            un != U_WEEKEND) {
            v->gran = G_DURATION;
            fmt_duration(v->extra, sizeof v->extra, un, 0, true, false);
            return 3;
        }
        /* for months, over decades: a vague duration */
        if ((un = unit_of(c, i + 1, &plural)) && plural && un != U_WEEKEND &&
            !is_word(c, i + 2, "ago") && !is_word(c, i + 2, "old")) {
            v->gran = G_DURATION;
            fmt_duration(v->extra, sizeof v->extra, un, 0, true, false);
            return 0x10000 | 1;   /* the expression starts one unit later */
        }
        return 0;
    case R_CLOCK: {
        /* noon, midnight: on the sentence's day (see scan_range) */
        int ay, am, ad;
        anchor(c, &ay, &am, &ad);
        v->gran = G_TIME; v->y = ay; v->m = am; v->d = ad;
        v->floating = true;
        snprintf(v->extra, sizeof v->extra, "T%s", e->tag);
        return 1;
    }
    case R_RANGE: {
        /* between X and Y, from X to Y */
        if (depth >= 2)
            return 0;
        tval a = {0}, b = {0};
        size_t ka = parse_expr(c, i + 1, &a, depth + 1);
        if (!ka || a.gran == G_DURATION || a.gran == G_REF || a.gran == G_RANGE)
            return 0;
        size_t j = i + 1 + ka;
        bool between = is_word(c, i, "between");
        if (!(between ? is_word(c, j, "and")
                      : (is_word(c, j, "to") || is_word(c, j, "until") ||
                         is_word(c, j, "through") || is_word(c, j, "till"))))
            return 0;
        size_t kb = parse_expr(c, j + 1, &b, depth + 1);
        if (!kb || b.gran == G_DURATION || b.gran == G_REF || b.gran == G_RANGE)
            return 0;
        if (a.null || b.null) {
            v->null = true;
        } else {
            char s1[30], s2[30];
            /* "between March and May 2025": the year of the end */
            if (a.gran == G_MONTH && b.gran == G_MONTH && a.y != b.y && a.m < b.m)
                a.y = b.y;
            fmt_val(&a, s1, sizeof s1);
            fmt_val(&b, s2, sizeof s2);
            snprintf(v->extra, sizeof v->extra, "%s/%s", s1, s2);
        }
        v->gran = G_RANGE;
        return j + 1 + kb - i;
    }
    default:
        return 0;
    }
}

/* One expression at unit i.  A result with bit 0x10000 set says the
 * expression is the single unit at i + (result & 0xffff) ("for months"). */
static size_t parse_top(ctx *c, size_t i, tval *v, int depth)
{
    if (i >= c->n || depth > 4)
        return 0;
    memset(v, 0, sizeof *v);
    size_t k;
    if (c->u[i].kind == K_NUM)
        k = parse_numeric(c, i, v);
    else if (c->u[i].kind == K_PUNCT && c->u[i].c == '\'' && is_num(c, i + 1) &&
             ndigits(c, i + 1) == 2 && tight(c, i + 1) &&
             (i == 0 || !tight(c, i) || c->u[i - 1].kind != K_WORD)) {
        /* '82, '90s */
        int y = two_digit_year(c, c->u[i + 1].num);
        if (is_word(c, i + 2, "s") && tight(c, i + 2) && y % 10 == 0) {
            v->gran = G_DECADE; v->dec = y / 10; v->y = y;
            return 3;
        }
        if (i + 2 < c->n && c->u[i + 2].kind == K_WORD && tight(c, i + 2))
            return 0;
        v->gran = G_YEAR; v->y = y;
        return 2;
    } else if (c->u[i].kind == K_WORD)
        k = parse_word(c, i, v, depth);
    else
        return 0;
    return k;
}

static size_t parse_expr(ctx *c, size_t i, tval *v, int depth)
{
    size_t k = parse_top(c, i, v, depth);
    return (k & 0x10000) ? 0 : k;   /* a preposition-led duration cannot nest */
}

/* ---- the stage ---------------------------------------------------------------- */

static bool candidate(const ctx *c, size_t i)
{
    const unit *x = &c->u[i];
    if (x->kind == K_NUM)
        return true;
    if (x->kind == K_PUNCT)
        return x->c == '\'' && is_num(c, i + 1);
    if (x->lex >= 0 || (x->flags & F_HOL))
        return true;
    if (x->num == 1)
        return c->t[x->s] == 'Q' || (c->t[x->s] | 32) == 'a';
    if (x->num == 2)
        return is_word(c, i, "an");
    if (x->num == 3)
        return is_word(c, i, "the");
    return x->num == 4 && is_word(c, i, "that");
}

typedef RIFT_VEC(rift_time) time_vec;

static void emit(rift_doc *d, ctx *c, time_vec *out, size_t a, size_t b, tval *v)
{
    rift_time t = {0};
    t.start = c->u[a].s;
    t.end = c->u[b - 1].e;
    if (v->null || (c->used_anchor && !c->have_anchor)) {
        t.value = NULL;
        v->null = true;
    } else {
        char buf[64];
        fmt_val(v, buf, sizeof buf);
        t.value = rift_arena_strndup(&d->arena, buf, strlen(buf));
    }
    t.granularity = gran_names[v->gran];
    t.mod = v->mod;
    RIFT_VEC_PUSH(*out, t);
    if (v->floating && !v->null && c->n_fl < 4) {
        c->fl_idx[c->n_fl] = out->n - 1;
        c->fl_val[c->n_fl++] = *v;
    } else if (!v->null && !v->floating && (v->gran == G_DAY || v->gran == G_TIME) &&
               !c->have_sday) {
        c->sday = *v;
        c->have_sday = true;
    }
    if (anchors(v)) {
        c->ref = *v;
        c->ref.mod = NULL;
        if (c->ref.gran == G_WEEKEND)
            c->ref.gran = G_WEEK;
        if (c->ref.gran == G_WEEK || c->ref.gran == G_SEASON || c->ref.gran == G_DECADE) {
            /* a week or season anchors by its first day; keep it coarse */
            c->have_ref = false;
            return;
        }
        c->have_ref = true;
        if (v->gran == G_DAY || v->gran == G_TIME) {
            c->dref = c->ref;
            c->dref.gran = G_DAY;
            c->have_dref = true;
        }
    }
}

/* How far after its first unit an expression finds its first key unit (F_KEY)
 * at the latest: "for the past several years", "in the first half of 2020".
 * Units with no key this close are not tried. */
#define KEY_REACH 10

/* Find the expressions of one sentence (tokens [tb, te)), or of bytes
 * [s, e) split here when the segmenter gave them no tokens (tb == te). */
static void scan_range(rift_doc *d, ctx *c, span_units *u, time_vec *out,
                       size_t tb, size_t te, size_t s, size_t e)
{
    if (tb < te && te <= d->n_tokens) {
        if (!may_have_key(c->td, d, s, e))
            return;
        units_from_tokens(c->td, d, tb, te, s, e, u);
    } else {
        u->n = 0;
        tokenize(c->td, d->text, s, e, u, true);
    }
    c->u = u->v;
    c->n = u->n;
    c->tense_ready = false;
    c->stx_ready = false;
    c->tb = tb < te && te <= d->n_tokens ? tb : 0;
    c->te = tb < te && te <= d->n_tokens ? te : 0;
    c->have_sday = false;
    c->n_fl = 0;
    size_t i = 0, key = 0;
    while (i < c->n) {
        /* the next key unit at or after i; none left: nothing more here */
        if (key < i)
            key = i;
        while (key < c->n && !(c->u[key].flags & F_KEY))
            key++;
        if (key == c->n)
            break;
        if (key - i >= KEY_REACH)
            i = key - (KEY_REACH - 1);
        if (!candidate(c, i)) {
            i++;
            continue;
        }
        tval v;
        memset(&v, 0, sizeof v);
        c->used_anchor = false;
        size_t k = parse_top(c, i, &v, 0);
        if (!k) {
            i++;
            continue;
        }
        size_t a = i, b;
        if (k & 0x10000) {
            a = i + (k & 0xffff);
            b = a + 1;
        } else {
            b = i + k;
        }
        if (b > c->n)
            b = c->n;
        emit(d, c, out, a, b, &v);
        /* "between 2014 and 2016": the range, then each end on its own
         * (as TIMEX3 corpora annotate them) */
        if (v.gran == G_RANGE && is_role(c, i, R_RANGE)) {
            i++;
            continue;
        }
        i = b;
    }
    /* "made its first flight Tuesday ... at 18:00 UTC": a clock time with
     * no day of its own takes the sentence's day */
    for (int f = 0; f < c->n_fl && c->have_sday; f++) {
        tval *v = &c->fl_val[f];
        if (v->y == c->sday.y && v->m == c->sday.m && v->d == c->sday.d)
            continue;
        v->y = c->sday.y; v->m = c->sday.m; v->d = c->sday.d;
        char buf[64];
        fmt_val(v, buf, sizeof buf);
        out->v[c->fl_idx[f]].value = rift_arena_strndup(&d->arena, buf, strlen(buf));
    }
}

void rift_stage_times(rift_doc *d)
{
    const timex_data *td = d->model ? d->model->timex_data : NULL;
    if (!td || !d->text)
        return;
    ctx c;
    memset(&c, 0, sizeof c);
    c.td = td;
    c.t = d->text;
    c.order = d->date_order;
    c.d = d;
    c.week_as_month = d->opt.time_granularity == RIFT_TIME_GRANULARITY_MONTH;
    if (d->anchor.set) {
        c.have_anchor = true;
        c.ay = d->anchor.y; c.am = d->anchor.m; c.ad = d->anchor.d;
    } else {
        c.ay = 2000; c.am = 1; c.ad = 1;     /* never shown: values go null */
    }
    c.adays = days_of(c.ay, c.am, c.ad);
    span_units u = {0};
    time_vec out = {0};
    if (d->n_blocks == 0) {
        if (d->n_sents == 0 && d->len)
            scan_range(d, &c, &u, &out, 0, 0, 0, d->len);
        for (size_t s = 0; s < d->n_sents; s++)
            if (d->sents[s].start < d->sents[s].end && d->sents[s].end <= d->len)
                scan_range(d, &c, &u, &out, d->sents[s].tok_begin, d->sents[s].tok_end,
                           d->sents[s].start, d->sents[s].end);
    }
    /* blocks in order: their sentences, or the whole block when the
     * segmenter gave it none (titles, datelines, headings) */
    size_t si = 0;
    for (size_t b = 0; b < d->n_blocks; b++) {
        const rift_block *bl = &d->blocks[b];
        bool skip = bl->kind == RIFT_BLOCK_BOILERPLATE || bl->kind == RIFT_BLOCK_BYLINE ||
                    bl->kind == RIFT_BLOCK_SOURCE;
        bool any = false;
        while (si < d->n_sents && d->sents[si].block <= b) {
            const rift_sentence *st = &d->sents[si++];
            any = true;
            if (!skip && st->start < st->end && st->end <= d->len)
                scan_range(d, &c, &u, &out, st->tok_begin, st->tok_end, st->start, st->end);
        }
        if (!any && !skip && bl->start < bl->end && bl->end <= d->len)
            scan_range(d, &c, &u, &out, 0, 0, bl->start, bl->end);
    }
    for (; si < d->n_sents && d->n_blocks; si++) {
        const rift_sentence *st = &d->sents[si];
        if (st->start < st->end && st->end <= d->len)
            scan_range(d, &c, &u, &out, st->tok_begin, st->tok_end, st->start, st->end);
    }
    free(u.v);
    free(c.tense);
    free(c.stx);
    d->n_times = out.n;
    d->times = out.n ? rift_arena_adopt(&d->arena, out.v, out.n, sizeof *out.v) : NULL;
    if (!out.n)
        free(out.v);
}

static bool is_date(const rift_time *t)
{
    return t->value && t->value[0] >= '0' && t->value[0] <= '9' &&
           t->granularity && strcmp(t->granularity, "duration") != 0;
}

/* The time expression that dates a sentence: the first date in the sentence
 * itself; else the last date earlier in the same paragraph (block), since a
 * paragraph that opens "in late 2022, when ..." goes on about that time;
 * else -1 (the caller then uses the article date).  Durations ("for months")
 * and reference values (PAST_REF) never date a sentence.  O(log n). */
int rift_time_governing(const rift_doc *d, size_t sentence)
{
    if (!d || sentence >= d->n_sents || !d->n_times)
        return -1;
    const rift_sentence *s = &d->sents[sentence];
    size_t lo = 0, hi = d->n_times;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->times[mid].start < s->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo, steps = 0; k < d->n_times && d->times[k].start < s->end &&
                                   steps < 64; k++, steps++)
        if (is_date(&d->times[k]))
            return (int)k;
    uint32_t bstart = s->start;
    if (s->block < d->n_blocks)
        bstart = d->blocks[s->block].start;
    for (size_t k = lo, steps = 0; k > 0 && steps < 64; k--, steps++) {
        const rift_time *t = &d->times[k - 1];
        if (t->start < bstart)
            break;
        if (is_date(t))
            return (int)(k - 1);
    }
    return -1;
}
