/* segment.c: stage 3.  Tokens and sentences as byte spans over the blocks of
 * kind TEXT: words and clitics, abbreviations, numbers, quotes, dashes, URLs,
 * then sentence ends.  One pass per block with look-ahead bounded by a small
 * constant; it must never modify the text, allocate per token, or rescan.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* The segmenter's own character classes: finer than rift_cclass for ASCII
 * punctuation, the same elsewhere.  X_UP..X_DIG are the word characters. */
enum {
    X_OTHER = 0, X_SPACE, X_UP, X_LO, X_LET, X_DIG,
    X_PERIOD, X_TERM, X_ELLIPSIS,
    X_DQ, X_DQ_L, X_DQ_R, X_SQ_L, X_SQ_R, X_APOS,
    X_DASH, X_HYPHEN, X_OPEN, X_CLOSE, X_PUNCT, X_SYMBOL,
    X_AT, X_HASH, X_AMP, X_COMMA, X_SLASH, X_COLON, X_UNDERSCORE
};

#define IS_WORDC(c) ((c) >= X_UP && (c) <= X_DIG)
#define IS_LETTER(c) ((c) >= X_UP && (c) <= X_LET)

/* ASCII bytes; control characters count as white space. */
static const unsigned char atab[128] = {
    [0] = X_SPACE, [1] = X_SPACE, [2] = X_SPACE, [3] = X_SPACE, [4] = X_SPACE,
    [5] = X_SPACE, [6] = X_SPACE, [7] = X_SPACE, [8] = X_SPACE, [9] = X_SPACE,
    [10] = X_SPACE, [11] = X_SPACE, [12] = X_SPACE, [13] = X_SPACE,
    [14] = X_SPACE, [15] = X_SPACE, [16] = X_SPACE, [17] = X_SPACE,
    [18] = X_SPACE, [19] = X_SPACE, [20] = X_SPACE, [21] = X_SPACE,
    [22] = X_SPACE, [23] = X_SPACE, [24] = X_SPACE, [25] = X_SPACE,
    [26] = X_SPACE, [27] = X_SPACE, [28] = X_SPACE, [29] = X_SPACE,
    [30] = X_SPACE, [31] = X_SPACE, [' '] = X_SPACE, [127] = X_SPACE,
    ['!'] = X_TERM, ['?'] = X_TERM, ['.'] = X_PERIOD, ['"'] = X_DQ,
    ['\''] = X_APOS, ['`'] = X_APOS, ['-'] = X_HYPHEN,
    ['('] = X_OPEN, ['['] = X_OPEN, ['{'] = X_OPEN,
    [')'] = X_CLOSE, [']'] = X_CLOSE, ['}'] = X_CLOSE,
    [','] = X_COMMA, ['/'] = X_SLASH, [':'] = X_COLON, [';'] = X_PUNCT,
    ['_'] = X_UNDERSCORE, ['@'] = X_AT, ['#'] = X_HASH, ['&'] = X_AMP,
    ['$'] = X_SYMBOL, ['%'] = X_SYMBOL, ['*'] = X_SYMBOL, ['+'] = X_SYMBOL,
    ['<'] = X_SYMBOL, ['='] = X_SYMBOL, ['>'] = X_SYMBOL, ['\\'] = X_SYMBOL,
    ['^'] = X_SYMBOL, ['|'] = X_SYMBOL, ['~'] = X_SYMBOL,
    ['0'] = X_DIG, ['1'] = X_DIG, ['2'] = X_DIG, ['3'] = X_DIG, ['4'] = X_DIG,
    ['5'] = X_DIG, ['6'] = X_DIG, ['7'] = X_DIG, ['8'] = X_DIG, ['9'] = X_DIG,
    ['A'] = X_UP, ['B'] = X_UP, ['C'] = X_UP, ['D'] = X_UP, ['E'] = X_UP,
    ['F'] = X_UP, ['G'] = X_UP, ['H'] = X_UP, ['I'] = X_UP, ['J'] = X_UP,
    ['K'] = X_UP, ['L'] = X_UP, ['M'] = X_UP, ['N'] = X_UP, ['O'] = X_UP,
    ['P'] = X_UP, ['Q'] = X_UP, ['R'] = X_UP, ['S'] = X_UP, ['T'] = X_UP,
    ['U'] = X_UP, ['V'] = X_UP, ['W'] = X_UP, ['X'] = X_UP, ['Y'] = X_UP,
    ['Z'] = X_UP,
    ['a'] = X_LO, ['b'] = X_LO, ['c'] = X_LO, ['d'] = X_LO, ['e'] = X_LO,
    ['f'] = X_LO, ['g'] = X_LO, ['h'] = X_LO, ['i'] = X_LO, ['j'] = X_LO,
    ['k'] = X_LO, ['l'] = X_LO, ['m'] = X_LO, ['n'] = X_LO, ['o'] = X_LO,
    ['p'] = X_LO, ['q'] = X_LO, ['r'] = X_LO, ['s'] = X_LO, ['t'] = X_LO,
    ['u'] = X_LO, ['v'] = X_LO, ['w'] = X_LO, ['x'] = X_LO, ['y'] = X_LO,
    ['z'] = X_LO,
};

/* Class of a non-ASCII unit; *n receives its length. */
static int hi_cls(const char *t, size_t e, size_t i, int *n)
{
    int32_t cp = rift_utf8_decode(t, e, i, n);
    switch (rift_utf8_class(cp)) {
    case RIFT_C_SPACE: case RIFT_C_NEWLINE: return X_SPACE;
    case RIFT_C_UPPER: return X_UP;
    case RIFT_C_LOWER: return X_LO;
    case RIFT_C_LETTER: return X_LET;
    case RIFT_C_DIGIT: return X_DIG;
    case RIFT_C_QUOTE_L: return X_DQ_L;
    case RIFT_C_QUOTE_R: return X_DQ_R;
    case RIFT_C_QUOTE: return X_DQ;
    case RIFT_C_SQUOTE_L: return X_SQ_L;
    case RIFT_C_SQUOTE_R: return X_SQ_R;
    case RIFT_C_APOS: return X_APOS;
    case RIFT_C_DASH: return X_DASH;
    case RIFT_C_HYPHEN: return X_HYPHEN;
    case RIFT_C_PERIOD: return X_PERIOD;
    case RIFT_C_ELLIPSIS: return X_ELLIPSIS;
    case RIFT_C_TERM: return X_TERM;
    case RIFT_C_PUNCT: case RIFT_C_PRIME: return X_PUNCT;
    default: return X_SYMBOL;
    }
}

/* Code point at t[i] (>= 0x80, i < e): valid two- and three-byte
 * sequences decoded here, the rest by rift_utf8_decode (the
 * same result, U+FFFD of length 1 for invalid bytes). */
static inline int32_t decode_hi(const char *t, size_t e, size_t i, int *n)
{
    const unsigned char *u = (const unsigned char *)t;
    unsigned c = u[i];
    if (c - 0xC2u <= 0xDFu - 0xC2u && i + 1 < e && (u[i + 1] & 0xC0) == 0x80) {
        *n = 2;
        return (int32_t)(((c & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu));
    }
    if (c - 0xE0u <= 0xEFu - 0xE0u && i + 2 < e &&
        (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80 &&
        (c != 0xE0 || u[i + 1] >= 0xA0) &&    /* not overlong */
        (c != 0xED || u[i + 1] <= 0x9F)) {    /* not a surrogate */
        *n = 3;
        return (int32_t)(((c & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu));
    }
    return rift_utf8_decode(t, e, i, n);
}

/* hi_cls through a small per-document cache of code point classes (the
 * same few quotes, dashes and accented letters recur in a text). */
#define CCACHE 64
typedef struct ccache {
    int32_t cp[CCACHE];
    unsigned char cls[CCACHE];
} ccache;

static int hi_cls_cached(ccache *cc, const char *t, size_t e, size_t i, int *n)
{
    int32_t cp = decode_hi(t, e, i, n);
    unsigned h = ((unsigned)cp ^ ((unsigned)cp >> 6)) & (CCACHE - 1);
    if (cc->cp[h] == cp)
        return cc->cls[h];
    int m, c = hi_cls(t, e, i, &m);
    cc->cp[h] = cp;
    cc->cls[h] = (unsigned char)c;
    return c;
}

static inline int cls_at(const char *t, size_t e, size_t i, int *n)
{
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80) {
        *n = 1;
        return atab[c];
    }
    return hi_cls(t, e, i, n);
}

typedef RIFT_VEC(rift_sentence) sentvec;

typedef struct seg {
    const char *t;
    size_t be;                  /* end of the current block */
    const rift_lexicon *abbr;
    rift_arena *scratch;
    rift_arena *arena;
    struct { rift_token *v; size_t n, cap; } tv; /* in the arena */
    RIFT_VEC(uint32_t) ends;    /* tokens of the block that may end a sentence */
    size_t tb;                  /* first token of the current block */
    bool dq_open, sq_open;      /* a quote of that kind is open in the block */
    bool after_opener;          /* last token was ( [ { a dash or an opening quote */
    size_t no_domain_until;     /* domain_at failed for every start before this */
    bool stop_at_end;           /* t[be] is not an ASCII word character */
    ccache cc;                  /* classes of non-ASCII code points */
} seg;

/* The token array lives in the document arena, sized from the text up front;
 * when a dense text outgrows it, it moves to a block twice the size. */
static void grow_tokens(seg *s)
{
    size_t cap = s->tv.cap * 2 + 64;
    rift_token *v = rift_arena_alloc_raw(s->arena, cap * sizeof *v);
    if (s->tv.n)
        memcpy(v, s->tv.v, s->tv.n * sizeof *v);
    s->tv.v = v;
    s->tv.cap = cap;
}

static inline void push(seg *s, size_t a, size_t b, int kind, unsigned flags)
{
    if (s->tv.n == s->tv.cap)
        grow_tokens(s);
    rift_token *k = &s->tv.v[s->tv.n++];
    k->start = (uint32_t)a;
    k->end = (uint32_t)b;
    k->kind = (uint16_t)kind;
    k->flags = (uint16_t)flags;
    s->after_opener = false;
}

/* The token just pushed may end a sentence (. ! ? … or an abbreviation). */
static inline void mark_end(seg *s)
{
    RIFT_VEC_PUSH(s->ends, (uint32_t)(s->tv.n - 1));
}

static inline bool ascii_alpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static inline bool ascii_digit(unsigned char c)
{
    return (unsigned char)(c - '0') < 10;
}

/* Class at i, or X_SPACE at the end of the block. */
static inline int cls_or_space(const seg *s, size_t i)
{
    int n;
    return i < s->be ? cls_at(s->t, s->be, i, &n) : X_SPACE;
}

/* CAP, ALLCAP and NONASCII of the word t[a..b). */
static unsigned word_flags(const char *t, size_t a, size_t b)
{
    unsigned f = 0;
    size_t up = 0, lo = 0;
    bool first = true;
    for (size_t p = a; p < b;) {
        unsigned char c = (unsigned char)t[p];
        int k, n = 1;
        if (c < 0x80) {
            k = atab[c];
        } else {
            k = hi_cls(t, b, p, &n);
            f |= RIFT_TF_NONASCII;
        }
        p += (size_t)n;
        if (k == X_UP) {
            up++;
            if (first)
                f |= RIFT_TF_CAP;
        } else if (k == X_LO) {
            lo++;
        } else if (k != X_LET && k != X_DIG) {
            continue;
        }
        first = false;
    }
    if (up >= 2 && lo == 0)
        f |= RIFT_TF_ALLCAP;
    return f;
}

static unsigned nonascii(const char *t, size_t a, size_t b)
{
    for (size_t p = a; p < b; p++)
        if ((unsigned char)t[p] >= 0x80)
            return RIFT_TF_NONASCII;
    return 0;
}

/* ---- URLs and e-mail addresses ----------------------------------------- */

static bool known_tld(const char *p, size_t n)
{
    static const char tlds[] =
        "|com|net|org|gov|edu|mil|int|info|biz|io|co|us|uk|ca|de|fr|au|ru|cn|jp"
        "|in|eu|ch|it|es|nl|be|se|no|dk|fi|pl|br|mx|za|nz|ie|at|tv|me|ly|news"
        "|online|site|app|ai|ua|il|kr|sg|hk|tw|ng|ke|pk|";
    char low[8];
    if (n < 2 || n > 6)
        return false;
    low[0] = '|';
    for (size_t i = 0; i < n; i++)
        low[i + 1] = (char)(p[i] | 0x20);
    low[n + 1] = '|';
    return memmem(tlds, sizeof tlds - 1, low, n + 2) != NULL;
}

/* Trailing punctuation is the sentence's, not the URL's. */
static size_t trim_url(const char *t, size_t a, size_t e)
{
    while (e > a) {
        char c = t[e - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
            c == '?' || c == '\'' || c == '"' || c == ')' || c == ']') {
            if (c == ')' && memchr(t + a, '(', e - a))
                break;
            e--;
            continue;
        }
        break;
    }
    return e;
}

/* The rest of a URL from i: printable ASCII up to white space. */
static size_t url_rest(const seg *s, size_t i)
{
    const char *t = s->t;
    while (i < s->be) {
        unsigned char c = (unsigned char)t[i];
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>')
            break;
        i++;
    }
    return i;
}

/* A domain name (x.example.com) or an e-mail address starting at a; returns
 * its end, or 0.  Look-ahead is capped so failure costs a constant. */
static size_t domain_at(seg *s, size_t a)
{
    const char *t = s->t;
    if (a < s->no_domain_until)
        return 0;
    size_t lim = s->be - a > 254 ? a + 254 : s->be;
    size_t i = a, at = 0, dots = 0, last = a, label = 0;
    for (; i < lim; i++) {
        unsigned char c = (unsigned char)t[i];
        if (ascii_alpha(c) || ascii_digit(c) || c == '-' || c == '_' ||
            (c == '+' && !at) || (c == '%' && !at)) {
            label++;
            continue;
        }
        if (c == '.' && label && i + 1 < lim &&
            (ascii_alpha((unsigned char)t[i + 1]) || ascii_digit((unsigned char)t[i + 1]))) {
            dots++;
            last = i + 1;
            label = 0;
            continue;
        }
        if (c == '@' && !at && label && i + 1 < lim && ascii_alpha((unsigned char)t[i + 1])) {
            at = i;
            dots = 0;
            last = i + 1;
            label = 0;
            continue;
        }
        break;
    }
    /* a later start inside the same run would fail the same way */
    s->no_domain_until = i;
    if (i < s->be && (unsigned char)t[i] < 0x80 && IS_WORDC(atab[(unsigned char)t[i]]))
        return 0;
    if (!dots || !label)
        return 0;
    if (at) {
        for (size_t p = last; p < i; p++)
            if (!ascii_alpha((unsigned char)t[p]))
                return 0;
        if (i - last < 2)
            return 0;
        return i;
    }
    if (!known_tld(t + last, i - last))
        return 0;
    if (i < s->be && t[i] == '/')
        i = trim_url(t, a, url_rest(s, i));
    return i;
}

static bool prefix_ci(const char *t, size_t i, size_t e, const char *p)
{
    size_t n = strlen(p); /* a literal: folded at compile time */
    if (e - i < n)
        return false;
    for (size_t k = 0; k < n; k++)
        if ((t[i + k] | 0x20) != p[k] && t[i + k] != p[k])
            return false;
    return true;
}

/* ---- words --------------------------------------------------------------- */

/* Pronouns and the like whose 's is "is"/"has"/"us", not a possessive. */
static bool clitic_not_possessive(const char *t, size_t a, size_t b)
{
    static const char *const w[] = {"he", "she", "it", "that", "there", "here",
                                     "what", "who", "where", "how", "let", "this"};
    size_t n = b - a;
    if (n > 5)
        return false;
    for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
        if (strlen(w[i]) != n)
            continue;
        size_t k = 0;
        while (k < n && (t[a + k] | 0x20) == w[i][k])
            k++;
        if (k == n)
            return true;
    }
    return false;
}

/* NUMBER when the token has no letters, or is digits with an ordinal or
 * plural suffix (1st, 22nd, 1990s). */
static int number_or_word(const char *t, size_t a, size_t b, bool letters)
{
    if (!letters)
        return RIFT_TOK_NUMBER;
    if (!ascii_digit((unsigned char)t[a]))
        return RIFT_TOK_WORD;
    size_t p = b;
    while (p > a && ascii_alpha((unsigned char)t[p - 1]))
        p--;
    size_t n = b - p;
    if (n == 0 || n > 2)
        return RIFT_TOK_WORD;
    for (size_t q = a; q < p; q++)
        if (!ascii_digit((unsigned char)t[q]) && t[q] != ',' && t[q] != '.')
            return RIFT_TOK_WORD;
    char s0 = (char)(t[p] | 0x20), s1 = n == 2 ? (char)(t[p + 1] | 0x20) : 0;
    if ((n == 1 && s0 == 's') || (n == 2 && ((s0 == 's' && s1 == 't') ||
        (s0 == 'n' && s1 == 'd') || (s0 == 'r' && s1 == 'd') || (s0 == 't' && s1 == 'h'))))
        return RIFT_TOK_NUMBER;
    return RIFT_TOK_WORD;
}

/* How abbreviations.txt says an entry is used: the first letter of its
 * second column (t)itle, (i)nner, (n)umber, (c)ap, or 0 for none. */
static char abbrev_use(const rift_lexicon *lx, int idx)
{
    if (idx < 0 || (size_t)idx >= lx->n_values || !lx->values[idx])
        return 0;
    return lx->values[idx][0];
}

/* Does the word t[i..j) keep the period at j? */
static bool takes_period(const seg *s, size_t i, size_t j, bool initialism)
{
    const char *t = s->t;
    if (j + 2 < s->be && t[j + 1] == '.' && t[j + 2] == '.')
        return false; /* an ellipsis follows */
    if (initialism)
        return true;
    int n;
    if (cls_at(t, j, i, &n) == X_UP && i + (size_t)n == j)
        return true; /* a single initial: J. */
    if (j - i > 7 || (unsigned char)t[i] >= 0x80 || ascii_digit((unsigned char)t[i]))
        return false;
    int idx = rift_lexicon_lookup(s->abbr, s->scratch, t + i, j + 1 - i);
    if (idx < 0)
        return false;
    switch (abbrev_use(s->abbr, idx)) {
    case 'n': /* No. 5: only before a number */
        for (size_t k = j + 1; k < s->be && k < j + 3; k++)
            if (t[k] != ' ')
                return ascii_digit((unsigned char)t[k]);
        return false;
    case 'c': /* Wash., Sun.: only capitalised */
        return atab[(unsigned char)t[i]] == X_UP;
    default:
        return true;
    }
}

/* Length of an apostrophe at j (' ’ ʼ), or 0. */
static inline int apos_len(const char *t, size_t e, size_t j)
{
    unsigned char c = (unsigned char)t[j];
    if (c == '\'')
        return 1;
    if (c == 0xE2 && j + 2 < e && (unsigned char)t[j + 1] == 0x80 &&
        (unsigned char)t[j + 2] == 0x99)
        return 3;
    if (c == 0xCA && j + 1 < e && (unsigned char)t[j + 1] == 0xBC)
        return 2;
    return 0;
}

/* Word characters for the inner loop: W_UP, W_LO, W_DIG for ASCII; bytes
 * >= 0x80 are 0 here and take the slow path. */
enum { W_UP = 1, W_LO = 2, W_DIG = 4, W_LET = 8 };
static const unsigned char wtab[256] = {
    ['A'] = W_UP, ['B'] = W_UP, ['C'] = W_UP, ['D'] = W_UP, ['E'] = W_UP,
    ['F'] = W_UP, ['G'] = W_UP, ['H'] = W_UP, ['I'] = W_UP, ['J'] = W_UP,
    ['K'] = W_UP, ['L'] = W_UP, ['M'] = W_UP, ['N'] = W_UP, ['O'] = W_UP,
    ['P'] = W_UP, ['Q'] = W_UP, ['R'] = W_UP, ['S'] = W_UP, ['T'] = W_UP,
    ['U'] = W_UP, ['V'] = W_UP, ['W'] = W_UP, ['X'] = W_UP, ['Y'] = W_UP,
    ['Z'] = W_UP, ['a'] = W_LO, ['b'] = W_LO, ['c'] = W_LO, ['d'] = W_LO,
    ['e'] = W_LO, ['f'] = W_LO, ['g'] = W_LO, ['h'] = W_LO, ['i'] = W_LO,
    ['j'] = W_LO, ['k'] = W_LO, ['l'] = W_LO, ['m'] = W_LO, ['n'] = W_LO,
    ['o'] = W_LO, ['p'] = W_LO, ['q'] = W_LO, ['r'] = W_LO, ['s'] = W_LO,
    ['t'] = W_LO, ['u'] = W_LO, ['v'] = W_LO, ['w'] = W_LO, ['x'] = W_LO,
    ['y'] = W_LO, ['z'] = W_LO, ['0'] = W_DIG, ['1'] = W_DIG, ['2'] = W_DIG,
    ['3'] = W_DIG, ['4'] = W_DIG, ['5'] = W_DIG, ['6'] = W_DIG, ['7'] =
    W_DIG, ['8'] = W_DIG, ['9'] = W_DIG,
};

/* For tokenize's fast path: F_WSTART, an ASCII letter or digit (F_DIGIT;
 * F_URL for h w f, which may begin a URL); F_WEND, an ASCII byte that ends
 * a word with nothing more to decide (white space, , ; ) ] } ! ?). */
enum { F_WSTART = 1, F_WEND = 2, F_URL = 4, F_DIGIT = 8 };
static const unsigned char ftab[256] = {
    [0] = F_WEND, [1] = F_WEND, [2] = F_WEND, [3] = F_WEND, [4] = F_WEND,
    [5] = F_WEND, [6] = F_WEND, [7] = F_WEND, [8] = F_WEND, [9] = F_WEND,
    [10] = F_WEND, [11] = F_WEND, [12] = F_WEND, [13] = F_WEND, [14] = F_WEND,
    [15] = F_WEND, [16] = F_WEND, [17] = F_WEND, [18] = F_WEND, [19] = F_WEND,
    [20] = F_WEND, [21] = F_WEND, [22] = F_WEND, [23] = F_WEND, [24] = F_WEND,
    [25] = F_WEND, [26] = F_WEND, [27] = F_WEND, [28] = F_WEND, [29] = F_WEND,
    [30] = F_WEND, [31] = F_WEND, [' '] = F_WEND, [127] = F_WEND,
    [','] = F_WEND, [';'] = F_WEND, [')'] = F_WEND, [']'] = F_WEND,
    ['}'] = F_WEND, ['!'] = F_WEND, ['?'] = F_WEND,
    ['A'] = F_WSTART, ['B'] = F_WSTART, ['C'] = F_WSTART, ['D'] = F_WSTART,
    ['E'] = F_WSTART, ['F'] = F_WSTART | F_URL, ['G'] = F_WSTART,
    ['H'] = F_WSTART | F_URL, ['I'] = F_WSTART, ['J'] = F_WSTART,
    ['K'] = F_WSTART, ['L'] = F_WSTART, ['M'] = F_WSTART, ['N'] = F_WSTART,
    ['O'] = F_WSTART, ['P'] = F_WSTART, ['Q'] = F_WSTART, ['R'] = F_WSTART,
    ['S'] = F_WSTART, ['T'] = F_WSTART, ['U'] = F_WSTART, ['V'] = F_WSTART,
    ['W'] = F_WSTART | F_URL, ['X'] = F_WSTART, ['Y'] = F_WSTART,
    ['Z'] = F_WSTART, ['a'] = F_WSTART, ['b'] = F_WSTART, ['c'] = F_WSTART,
    ['d'] = F_WSTART, ['e'] = F_WSTART, ['f'] = F_WSTART | F_URL,
    ['g'] = F_WSTART, ['h'] = F_WSTART | F_URL, ['i'] = F_WSTART,
    ['j'] = F_WSTART, ['k'] = F_WSTART, ['l'] = F_WSTART, ['m'] = F_WSTART,
    ['n'] = F_WSTART, ['o'] = F_WSTART, ['p'] = F_WSTART, ['q'] = F_WSTART,
    ['r'] = F_WSTART, ['s'] = F_WSTART, ['t'] = F_WSTART, ['u'] = F_WSTART,
    ['v'] = F_WSTART, ['w'] = F_WSTART | F_URL, ['x'] = F_WSTART,
    ['y'] = F_WSTART, ['z'] = F_WSTART, ['0'] = F_WSTART | F_DIGIT,
    ['1'] = F_WSTART | F_DIGIT, ['2'] = F_WSTART | F_DIGIT,
    ['3'] = F_WSTART | F_DIGIT, ['4'] = F_WSTART | F_DIGIT,
    ['5'] = F_WSTART | F_DIGIT, ['6'] = F_WSTART | F_DIGIT,
    ['7'] = F_WSTART | F_DIGIT, ['8'] = F_WSTART | F_DIGIT,
    ['9'] = F_WSTART | F_DIGIT,
};

/* CAP and ALLCAP of the ASCII word u[a..b) whose W_* bits are acc (W_UP
 * among them). */
static inline unsigned word_caps(const unsigned char *u, size_t a, size_t b, unsigned acc)
{
    unsigned f = wtab[u[a]] == W_UP ? RIFT_TF_CAP : 0;
    if (!(acc & W_LO)) {
        unsigned nup = 0;
        for (size_t p = a; p < b && nup < 2; p++)
            nup += wtab[u[p]] == W_UP;
        if (nup >= 2)
            f |= RIFT_TF_ALLCAP;
    }
    return f;
}

/* A word, number, initialism, clitic pair or address starting at i (a word
 * character).  Pushes its token(s) and returns where it ends. */
static size_t scan_word(seg *s, size_t i, unsigned sp)
{
    const char *t = s->t;
    size_t be = s->be, j = i, seg_start = i, nup = 0;
    unsigned acc = 0;           /* W_* bits seen */
    bool initialism = false, hi = false;
    unsigned char b0 = (unsigned char)t[i];

    unsigned char l0 = b0 | 0x20;
    if ((l0 == 'h' || l0 == 'w' || l0 == 'f') && be - i > 6 &&
        (t[i + 3] == '.' || t[i + 3] == ':' || t[i + 4] == ':' || t[i + 5] == ':') &&
        (((b0 | 0x20) == 'h' && (prefix_ci(t, i, be, "http://") ||
                                 prefix_ci(t, i, be, "https://"))) ||
         ((b0 | 0x20) == 'w' && prefix_ci(t, i, be, "www.") &&
          IS_WORDC(cls_or_space(s, i + 4))) ||
         ((b0 | 0x20) == 'f' && prefix_ci(t, i, be, "ftp://")))) {
        size_t e = trim_url(t, i, url_rest(s, i));
        push(s, i, e, RIFT_TOK_URL, sp);
        return e;
    }

    for (;;) {
        if (s->stop_at_end) {
            /* t[be] is no word character: the table alone ends the run */
            unsigned w;
            while ((w = wtab[(unsigned char)t[j]]) != 0) {
                acc |= w;
                j++;
            }
        } else {
            while (j < be) {
                unsigned w = wtab[(unsigned char)t[j]];
                if (!w)
                    break;
                acc |= w;
                j++;
            }
        }
        if (j >= be)
            break;
        unsigned char b = (unsigned char)t[j];
        int c, n = 1;
        if (b < 0x80) {
            c = atab[b];
        } else {
            c = hi_cls_cached(&s->cc, t, be, j, &n);
            if (IS_WORDC(c)) {
                hi = true;
                acc |= c == X_UP ? W_UP : c == X_LO ? W_LO : c == X_DIG ? W_DIG : W_LET;
                nup += c == X_UP;
                j += (size_t)n;
                continue;
            }
        }
        if (c == X_SPACE || c == X_PUNCT || c == X_CLOSE || c == X_TERM || c == X_DQ_R)
            break;
        size_t k = j + (size_t)n;
        if (k >= be)
            break;
        unsigned char nb = (unsigned char)t[k];
        bool letters = (acc & (W_UP | W_LO | W_LET)) != 0;
        if (c == X_HYPHEN) {
            if (IS_WORDC(cls_or_space(s, k))) {
                hi |= b >= 0x80;
                j = k;
                continue;
            }
            break;
        }
        if (c == X_PERIOD && b == '.') {
            if (!letters && ascii_digit(nb) && ascii_digit((unsigned char)t[j - 1])) {
                j = k;              /* 3.5 */
                continue;
            }
            if (ascii_alpha(nb)) {
                /* U.S., Ph.D., e.g.: short segments each closed by a period */
                size_t r = k;
                while (r < be && r - k < 3 && ascii_alpha((unsigned char)t[r]))
                    r++;
                if (j - seg_start <= 2 && r - k <= 2 && r < be && t[r] == '.' &&
                    ascii_alpha((unsigned char)t[seg_start]) &&
                    (j - seg_start == 1 || ascii_alpha((unsigned char)t[seg_start + 1]))) {
                    initialism = true;
                    seg_start = k;
                    j = k;
                    continue;
                }
            }
            if (ascii_alpha(nb) || ascii_digit(nb)) {
                size_t e = domain_at(s, i);
                if (e > j) {
                    push(s, i, e, RIFT_TOK_URL, sp);
                    return e;
                }
            }
            break;
        }
        if (c == X_AT) {
            size_t e = domain_at(s, i);
            if (e > j) {
                push(s, i, e, RIFT_TOK_URL, sp);
                return e;
            }
            break;
        }
        if (c == X_COMMA) {
            /* 100,000: exactly three digits after each comma */
            if (!letters && ascii_digit((unsigned char)t[j - 1]) && k + 3 <= be &&
                ascii_digit(nb) && ascii_digit((unsigned char)t[k + 1]) &&
                ascii_digit((unsigned char)t[k + 2]) &&
                (k + 3 == be || !ascii_digit((unsigned char)t[k + 3]))) {
                j = k + 3;
                continue;
            }
            break;
        }
        if (c == X_SLASH || c == X_COLON) {
            if (!letters && ascii_digit(nb) && ascii_digit((unsigned char)t[j - 1])) {
                j = k;              /* 07/06/2025, 10:30 */
                continue;
            }
            break;
        }
        if (c == X_AMP) {
            if (nb < 0x80 && atab[nb] == X_UP && atab[(unsigned char)t[j - 1]] == X_UP) {
                j = k;              /* AT&T, M&A */
                continue;
            }
            break;
        }
        if (c == X_APOS || c == X_SQ_R) {
            if (!apos_len(t, be, j) || !IS_LETTER(cls_or_space(s, k)))
                break;
            /* letters after the apostrophe: a clitic when 1-2 ASCII letters */
            size_t r = k;
            while (r < be && r - k < 3 && ascii_alpha((unsigned char)t[r]))
                r++;
            bool ends = r - k <= 2 && (r >= be || !IS_WORDC(cls_or_space(s, r)));
            size_t split = 0;
            bool poss = false;
            if (ends) {
                char c0 = (char)(t[k] | 0x20), c1 = r - k == 2 ? (char)(t[k + 1] | 0x20) : 0;
                if (r - k == 1 && c0 == 's') {
                    split = j;
                    poss = !clitic_not_possessive(t, i, j);
                } else if (r - k == 1 && c0 == 't' && j - i >= 2 &&
                           (t[j - 1] | 0x20) == 'n') {
                    split = j - 1;  /* does|n't */
                } else if (r - k == 1 && (c0 == 'm' || c0 == 'd')) {
                    split = j;
                } else if (r - k == 2 && ((c0 == 'l' && c1 == 'l') || (c0 == 'r' && c1 == 'e') ||
                                          (c0 == 'v' && c1 == 'e'))) {
                    split = j;
                }
            }
            if (split > i) {
                int kind = number_or_word(t, i, split, letters);
                unsigned f = kind == RIFT_TOK_WORD ? word_flags(t, i, split)
                                                   : nonascii(t, i, split);
                push(s, i, split, kind, sp | f | (poss ? RIFT_TF_POSSESSIVE : 0));
                push(s, split, r, RIFT_TOK_WORD, nonascii(t, split, r));
                return r;
            }
            hi |= b >= 0x80;
            j = k;                  /* O'Brien, rock'n'roll */
            continue;
        }
        break;
    }
    unsigned f = sp | (hi ? RIFT_TF_NONASCII : 0);
    bool letters = (acc & (W_UP | W_LO | W_LET)) != 0;
    if (j < be && t[j] == '.' && takes_period(s, i, j, initialism)) {
        j++;
        f |= RIFT_TF_ABBREV;
        letters = true;
    }
    int kind = !letters ? RIFT_TOK_NUMBER
               : !ascii_digit(b0) ? RIFT_TOK_WORD : number_or_word(t, i, j, letters);
    if (kind == RIFT_TOK_WORD) {
        int n;
        if (b0 < 0x80 ? atab[b0] == X_UP : cls_at(t, be, i, &n) == X_UP)
            f |= RIFT_TF_CAP;
        if ((acc & (W_UP | W_LO)) == W_UP) {
            /* no lower case: count the capitals (rare, so a second look) */
            for (size_t p = i; p < j && nup < 2; p++)
                nup += (unsigned char)t[p] < 0x80 && atab[(unsigned char)t[p]] == X_UP;
            if (nup >= 2)
                f |= RIFT_TF_ALLCAP;
        }
    }
    push(s, i, j, kind, f);
    if (f & RIFT_TF_ABBREV)
        mark_end(s);
    return j;
}

/* ---- quotes -------------------------------------------------------------- */

/* Open or close, for a mark with no direction of its own: space (or an
 * opener) before and a word after opens; a word or punctuation before and
 * space or punctuation after closes; otherwise the state decides. */
static bool opens_by_context(bool before_space, int after, bool is_open)
{
    bool after_space = after == X_SPACE;
    bool after_word = IS_WORDC(after) || after == X_SYMBOL || after == X_DQ_L ||
                      after == X_SQ_L || after == X_ELLIPSIS || after == X_HYPHEN ||
                      after == X_AT || after == X_HASH || after == X_OPEN;
    if (before_space && !after_space)
        return true;
    if (!before_space && (after_space || !after_word))
        return false;
    return !is_open;
}

static size_t scan_quote(seg *s, size_t i, int c, int n, unsigned sp)
{
    const char *t = s->t;
    size_t e = i + (size_t)n;
    bool before = sp || s->after_opener;
    int after = cls_or_space(s, e);
    unsigned f = sp | nonascii(t, i, e);

    if (c == X_SQ_L || c == X_SQ_R || c == X_APOS) {
        int al = apos_len(t, s->be, i);
        /* '90s, ’08: an elided century stays in the word */
        if (before && e + 1 < s->be && ascii_digit((unsigned char)t[e]) &&
            ascii_digit((unsigned char)t[e + 1])) {
            size_t r = e + 2;
            if (r < s->be && (t[r] == 's' || t[r] == 'S'))
                r++;
            if (!IS_WORDC(cls_or_space(s, r))) {
                push(s, i, r, RIFT_TOK_NUMBER, f);
                return r;
            }
        }
        /* rock ’n’ roll */
        if (al && before && e + 1 < s->be && (t[e] | 0x20) == 'n') {
            int al2 = apos_len(t, s->be, e + 1);
            if (al2 && !IS_WORDC(cls_or_space(s, e + 1 + (size_t)al2))) {
                size_t r = e + 1 + (size_t)al2;
                push(s, i, r, RIFT_TOK_WORD, f);
                return r;
            }
        }
        /* Democrats’ plan: the plural possessive */
        if (al && !sp && !s->sq_open && s->tv.n > s->tb) {
            rift_token *prev = &s->tv.v[s->tv.n - 1];
            if (prev->end == i && prev->kind == RIFT_TOK_WORD &&
                (t[i - 1] == 's' || t[i - 1] == 'S') && !IS_WORDC(after)) {
                prev->flags |= RIFT_TF_POSSESSIVE;
                push(s, i, e, RIFT_TOK_WORD, f);
                return e;
            }
        }
        bool open = c == X_SQ_L ? true : opens_by_context(before, after, s->sq_open);
        if (c == X_SQ_R && open && !before)
            open = false;
        s->sq_open = open;
        push(s, i, e, RIFT_TOK_QUOTE, f | (open ? RIFT_TF_QUOTE_OPEN : RIFT_TF_QUOTE_CLOSE));
        s->after_opener = open;
        return e;
    }
    bool open = c == X_DQ_L ? true : c == X_DQ_R ? false
                                                 : opens_by_context(before, after, s->dq_open);
    s->dq_open = open;
    push(s, i, e, RIFT_TOK_QUOTE, f | (open ? RIFT_TF_QUOTE_OPEN : RIFT_TF_QUOTE_CLOSE));
    s->after_opener = open;
    return e;
}

/* ---- one block ------------------------------------------------------------ */

static void tokenize(seg *s, size_t bs, size_t be)
{
    const char *t = s->t;
    size_t i = bs;
    unsigned sp = RIFT_TF_SPACE_BEFORE; /* a block starts after white space */
    s->be = be;
    s->stop_at_end = wtab[(unsigned char)t[be]] == 0; /* the text ends in a NUL */
    s->dq_open = s->sq_open = s->after_opener = false;
    const unsigned char *u = (const unsigned char *)t;
    while (i < be) {
        unsigned char b = u[i];
        if (b == ' ') {
            i++;
            sp = RIFT_TF_SPACE_BEFORE;
            continue;
        }
        unsigned fl = ftab[b];
        if (fl & F_WSTART) {
            /* The common case in one tight loop: an ASCII word of letters
             * and digits ended by a space, a comma or other plain
             * punctuation.  Anything else (a period, an apostrophe, a
             * hyphen, a non-ASCII byte...) goes to scan_word, which would
             * read this word the same way. */
            size_t j = i + 1;
            unsigned acc = wtab[b], w;
            if (s->stop_at_end) {
                for (;;) {
                    if (!(w = wtab[u[j]]))
                        break;
                    acc |= w;
                    if (!(w = wtab[u[j + 1]])) {
                        j++;
                        break;
                    }
                    acc |= w;
                    j += 2;
                }
            } else {
                while (j < be && (w = wtab[u[j]]) != 0) {
                    acc |= w;
                    j++;
                }
            }
            bool letters = (acc & (W_UP | W_LO)) != 0;
            if (fl & F_URL) {
                /* what scan_word looks at before a URL */
                if (be - i > 6 && (u[i + 3] == '.' || u[i + 3] == ':' ||
                                   u[i + 4] == ':' || u[i + 5] == ':'))
                    goto slow;
            }
            if (j >= be || ((ftab[u[j]] & F_WEND) && (letters || u[j] != ','))) {
                /* a plain end */
                int kind = !letters ? RIFT_TOK_NUMBER
                           : !(fl & F_DIGIT) ? RIFT_TOK_WORD
                                             : number_or_word(t, i, j, true);
                unsigned f = sp;
                if (kind == RIFT_TOK_WORD && (acc & W_UP))
                    f |= word_caps(u, i, j, acc);
                push(s, i, j, kind, f);
                if (j < be && u[j] == ' ') { /* the space after it, at once */
                    i = j + 1;
                    sp = RIFT_TF_SPACE_BEFORE;
                } else {
                    i = j;
                    sp = 0;
                }
                continue;
            }
            if (u[j] == '.' && letters && !(fl & F_DIGIT) &&
                (j + 1 >= be || !(wtab[u[j + 1]] & (W_UP | W_LO | W_DIG)))) {
                /* a word and a period that no initialism, number or
                 * address continues: the period is the word's or the
                 * sentence's */
                unsigned f = sp;
                if (takes_period(s, i, j, false)) {
                    j++;
                    f |= RIFT_TF_ABBREV;
                }
                if (acc & W_UP)
                    f |= word_caps(u, i, j, acc);
                push(s, i, j, RIFT_TOK_WORD, f);
                if (f & RIFT_TF_ABBREV)
                    mark_end(s);
                i = j;
                sp = 0;
                continue;
            }
        slow:
            i = scan_word(s, i, sp);
            sp = 0;
            continue;
        }
        int n, c;
        if (b < 0x80) {
            n = 1;
            c = atab[b];
        } else {
            c = hi_cls_cached(&s->cc, t, be, i, &n);
        }
        size_t e = i + (size_t)n;
        switch (c) {
        case X_SPACE:
            i = e;
            sp = RIFT_TF_SPACE_BEFORE;
            continue;
        case X_UP: case X_LO: case X_LET: case X_DIG:
            i = scan_word(s, i, sp);
            break;
        case X_DQ: case X_DQ_L: case X_DQ_R: case X_SQ_L: case X_SQ_R: case X_APOS:
            i = scan_quote(s, i, c, n, sp);
            break;
        case X_PERIOD:
            if (b == '.' && e + 1 < be && t[e] == '.' && t[e + 1] == '.') {
                while (e < be && t[e] == '.')
                    e++;
            }
            push(s, i, e, RIFT_TOK_PUNCT, sp | nonascii(t, i, e));
            mark_end(s);
            i = e;
            break;
        case X_TERM: case X_ELLIPSIS:
            push(s, i, e, RIFT_TOK_PUNCT, sp | nonascii(t, i, e));
            mark_end(s);
            i = e;
            break;
        case X_DASH:
            while (e < be && cls_at(t, be, e, &n) == X_DASH)
                e += (size_t)n;
            push(s, i, e, RIFT_TOK_DASH, sp | nonascii(t, i, e));
            s->after_opener = true;
            i = e;
            break;
        case X_HYPHEN:
            if (e < be && t[e] == '-' && b == '-') {
                while (e < be && t[e] == '-')
                    e++;
                push(s, i, e, RIFT_TOK_DASH, sp);
                s->after_opener = true;
            } else if (sp && cls_or_space(s, e) == X_SPACE) {
                push(s, i, e, RIFT_TOK_DASH, sp | nonascii(t, i, e));
                s->after_opener = true;
            } else {
                push(s, i, e, RIFT_TOK_PUNCT, sp | nonascii(t, i, e));
            }
            i = e;
            break;
        case X_AT: case X_HASH:
            /* @handles and #tags are words */
            if (e < be && (ascii_alpha((unsigned char)t[e]) || ascii_digit((unsigned char)t[e]) ||
                           t[e] == '_')) {
                while (e < be && (ascii_alpha((unsigned char)t[e]) ||
                                  ascii_digit((unsigned char)t[e]) || t[e] == '_'))
                    e++;
                push(s, i, e, RIFT_TOK_WORD, sp | word_flags(t, i, e));
            } else {
                push(s, i, e, RIFT_TOK_SYMBOL, sp);
            }
            i = e;
            break;
        case X_OPEN:
            push(s, i, e, RIFT_TOK_PUNCT, sp);
            s->after_opener = true;
            i = e;
            break;
        case X_SYMBOL: case X_AMP: case X_OTHER:
            push(s, i, e, RIFT_TOK_SYMBOL, sp | nonascii(t, i, e));
            i = e;
            break;
        default:
            push(s, i, e, RIFT_TOK_PUNCT, sp | nonascii(t, i, e));
            i = e;
            break;
        }
        sp = 0;
    }
}

/* ---- sentences ----------------------------------------------------------- */

/* Capitalised words that commonly open a sentence: after an abbreviation
 * such as U.S. or Inc. one of these means the period was also a full stop. */
static bool starter(const char *t, size_t a, size_t b)
{
    static const char *const w[] = {
        "A", "After", "Also", "Although", "An", "And", "Among", "As", "At",
        "Because", "Before", "Both", "But", "By", "Despite", "During", "Each",
        "Earlier", "Even", "For", "From", "He", "Her", "Here", "His", "How",
        "However", "I", "If", "In", "Instead", "It", "Its", "Last", "Later",
        "Many", "Meanwhile", "Most", "My", "No", "Now", "On", "One", "Only",
        "Our", "Since", "So", "Some", "She", "Still", "That", "The", "Their",
        "Then", "There", "These", "They", "This", "Those", "Thus", "To",
        "Today", "Under", "We", "What", "When", "Where", "While", "Who", "Why",
        "With", "Yet", "You",
    };
    size_t n = b - a;
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (w[i][0] == t[a] && strlen(w[i]) == n && !memcmp(w[i], t + a, n))
            return true;
    return false;
}

/* 1 for . ! ? … ..., 2 for an abbreviation that may end a sentence, 0. */
static int terminal(const seg *s, const rift_token *k)
{
    if (k->kind == RIFT_TOK_WORD)
        return (k->flags & RIFT_TF_ABBREV) ? 2 : 0;
    if (k->kind != RIFT_TOK_PUNCT)
        return 0;
    int n, c = cls_at(s->t, k->end, k->start, &n);
    return c == X_PERIOD || c == X_TERM || c == X_ELLIPSIS;
}

/* Tokens that stay with the sentence they follow: closing quotes and
 * brackets and further end marks, written without a space. */
static bool closer(const seg *s, const rift_token *k)
{
    if (k->flags & RIFT_TF_SPACE_BEFORE)
        return false;
    if (k->kind == RIFT_TOK_QUOTE)
        return (k->flags & RIFT_TF_QUOTE_CLOSE) != 0;
    if (k->kind != RIFT_TOK_PUNCT)
        return false;
    char c = s->t[k->start];
    return c == ')' || c == ']' || c == '}' || terminal(s, k) == 1;
}

static bool starts_sentence(const seg *s, const rift_token *k)
{
    switch (k->kind) {
    case RIFT_TOK_WORD:
        return (k->flags & RIFT_TF_CAP) || ascii_digit((unsigned char)s->t[k->start]);
    case RIFT_TOK_NUMBER: case RIFT_TOK_DASH: case RIFT_TOK_SYMBOL:
        return true;
    case RIFT_TOK_QUOTE:
        return (k->flags & RIFT_TF_QUOTE_OPEN) != 0;
    case RIFT_TOK_PUNCT:
        return s->t[k->start] == '(' || s->t[k->start] == '[';
    default:
        return false;
    }
}

/* May the abbreviation tok end its sentence, given the next token?  After
 * a closing quote or bracket (closed) any plausible start will do. */
static bool abbrev_ends(seg *s, const rift_token *tok, const rift_token *next, bool closed)
{
    const char *t = s->t;
    if (closed) {
        char use = abbrev_use(s->abbr, rift_lexicon_lookup(s->abbr, s->scratch, t + tok->start,
                                                           tok->end - tok->start));
        return use != 't' && use != 'i';
    }
    bool quote = next->kind == RIFT_TOK_QUOTE && (next->flags & RIFT_TF_QUOTE_OPEN);
    bool start = next->kind == RIFT_TOK_WORD && (next->flags & RIFT_TF_CAP) &&
                 starter(t, next->start, next->end);
    if (!quote && !start)
        return false;
    int n;
    if (cls_at(t, tok->end, tok->start, &n) == X_UP && tok->start + (uint32_t)n + 1 == tok->end)
        return start; /* an initial: only before a clear sentence opener */
    int idx = rift_lexicon_lookup(s->abbr, s->scratch, t + tok->start, tok->end - tok->start);
    char use = abbrev_use(s->abbr, idx);
    return use != 't' && use != 'i'; /* Mr., Sen., e.g., vs. never end one */
}

static void split_sentences(seg *s, size_t b, sentvec *sv)
{
    rift_token *tv = s->tv.v;
    size_t te = s->tv.n, begin = s->tb;
    for (size_t e = 0; e < s->ends.n; e++) {
        size_t k = s->ends.v[e];
        if (k < begin)
            continue;
        int term = terminal(s, &tv[k]);
        if (!term)
            continue;
        size_t m = k + 1;
        while (m < te && closer(s, &tv[m]))
            m++;
        if (m >= te)
            break;
        if (!(tv[m].flags & RIFT_TF_SPACE_BEFORE) || !starts_sentence(s, &tv[m]))
            continue;
        if (term == 2 && !abbrev_ends(s, &tv[k], &tv[m], m != k + 1))
            continue;
        rift_sentence st = {tv[begin].start, tv[m - 1].end, (uint32_t)begin,
                            (uint32_t)m, (uint32_t)b};
        tv[begin].flags |= RIFT_TF_SENT_START;
        RIFT_VEC_PUSH(*sv, st);
        begin = m;
    }
    s->ends.n = 0;
    if (begin < te) {
        rift_sentence st = {tv[begin].start, tv[te - 1].end, (uint32_t)begin,
                            (uint32_t)te, (uint32_t)b};
        tv[begin].flags |= RIFT_TF_SENT_START;
        RIFT_VEC_PUSH(*sv, st);
    }
}

void rift_stage_segment(rift_doc *d)
{
    sentvec sv = {0};
    seg s;
    memset(&s, 0, sizeof s);
    memset(s.cc.cp, 0xFF, sizeof s.cc.cp); /* -1: no code point */
    s.t = d->text;
    s.abbr = rift_model_lexicon(d->model, "abbreviations");
    s.scratch = &d->arena;
    s.arena = &d->arena;
    size_t text_bytes = 0;
    for (size_t b = 0; b < d->n_blocks; b++)
        if (d->blocks[b].kind == RIFT_BLOCK_TEXT)
            text_bytes += d->blocks[b].end - d->blocks[b].start;
    s.tv.cap = text_bytes / 4 + 64; /* English news: one token per ~5.5 bytes */
    s.tv.v = rift_arena_alloc_raw(&d->arena, s.tv.cap * sizeof *s.tv.v);
    sv.cap = text_bytes / 80 + 16;
    sv.v = rift_xmalloc(sv.cap * sizeof *sv.v);
    for (size_t b = 0; b < d->n_blocks; b++) {
        const rift_block *bl = &d->blocks[b];
        if (bl->kind != RIFT_BLOCK_TEXT || bl->end <= bl->start)
            continue;
        s.tb = s.tv.n;
        tokenize(&s, bl->start, bl->end);
        split_sentences(&s, b, &sv);
    }
    free(s.ends.v);
    d->n_tokens = s.tv.n;
    d->tokens = s.tv.n ? s.tv.v : NULL;
    d->n_sents = sv.n;
    d->sents = rift_arena_adopt(&d->arena, sv.v, sv.n, sizeof *sv.v);
}
