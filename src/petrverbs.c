/* petrverbs.c: PETRARCH dictionaries a user adds to a model (a CAMEO verb
 * dictionary, an agents dictionary, a discard list), compiled for the events
 * stage: the CAMEO code of a verb from the words around it, the agent code
 * of a phrase, whether a sentence is to be left uncoded (docs/petrarch.md).
 * Loaded before the model is shared; never prints, never exits.
 */
#include "cameo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PW_MAX 32     /* longest word compared, bytes */
#define WIN_BEFORE 8  /* words before a verb its patterns may name */
#define WIN_AFTER 16  /* words after it */
#define PREP_REACH 6  /* words between a preposition and its noun */

typedef struct range { uint32_t first, n; } range;

/* A code of the dictionary with what rift shows with it. */
typedef struct pcode {
    char cameo[8];             /* "" for the null code --- */
    const char *plover, *mode; /* model strings, or NULL */
    double goldstein;
} pcode;

/* A pattern element: nouns (each a sequence of slots, each slot a set of
 * alternative word sequences) before or after the verb, optionally
 * introduced by a preposition. */
typedef struct item {
    const char *prep;          /* NULL for bare nouns */
    range nouns;
    uint8_t after;
} item;

/* The frame a pattern's $ (source) and + (target) make (docs/petrarch.md):
 * before the verb the subject, after it the object, in "(PREP +)" or after
 * a bare preposition an oblique. */
typedef struct pframe {
    uint8_t src_slot, tgt_slot;
    char prep[16], src_prep[16];
} pframe;

typedef struct pattern {
    range items;
    pcode code;
    pframe frame;
    uint32_t line;
} pattern;

typedef struct block {
    pcode code;
    range pats;
} block;

/* One form of a verb: the word, the words that must stand right before
 * and after it ("+BEEF_UP", "WIRE_+TAP"), its block and code. */
typedef struct vform {
    uint32_t block;
    pcode code;
    range front, back;         /* into words */
    int32_t next;              /* next form of the same word, -1 */
} vform;

typedef struct agent { const char *code; } agent;

#define NOID UINT32_MAX
#define BLOOM_BITS 65536
#define KEY_BITS (1u << 20)
/* One key of the pattern index: the patterns of a block that need a word. */
typedef struct ixent { uint64_t key; uint32_t first, n; } ixent;
/* An alternative of a large slot by its first word. */
typedef struct sxpair { uint32_t id, alt; } sxpair;
/* A word of the word table. */
typedef struct wslot { uint64_t h; const char *s; uint32_t len, id; } wslot;

struct rift_petr {
    rift_arena strs;
    RIFT_VEC(const char *) words;
    RIFT_VEC(range) alts;      /* words of one alternative */
    RIFT_VEC(range) slots;     /* alternatives of one slot */
    RIFT_VEC(range) nouns;     /* slots of one noun */
    RIFT_VEC(item) items;
    RIFT_VEC(pattern) pats;
    RIFT_VEC(block) blocks;
    RIFT_VEC(vform) forms;
    rift_strmap syn;           /* "&NAME" -> index into synr */
    RIFT_VEC(range) synr;      /* alternatives of a synset */
    rift_strmap verbs;         /* lower-case form -> first vform */
    /* agents: lower-case phrase -> index into acodes; -2 a prefix only */
    rift_strmap agents;
    RIFT_VEC(const char *) acodes;
    size_t agent_words;
    /* discards: lower-case phrase -> 1 (sentence) or 2 (story); -2 prefix */
    rift_strmap discards;
    size_t discard_words;
    size_t n_verb_files, n_agent_files, n_discard_files;
    size_t n_bad_patterns;     /* unbalanced brackets: skipped */
    rift_strmap codes;         /* code text -> pcodes: each parsed once */
    RIFT_VEC(pcode) pcodes;
    /* compiled after each verb file (compile()): matching compares ids */
    wslot *wt;                 /* dictionary word -> id (open addressing) */
    size_t wt_cap, wt_n;
    int32_t *vfirst;           /* per id: first vform of the word, -1 */
    uint32_t *wid;             /* id of words.v[k] */
    uint32_t *prep_id;         /* id of items.v[k].prep, NOID for none */
    ixent *ix;                 /* (block, word id) -> patterns keyed on it */
    size_t ix_cap;
    uint32_t *ixp;             /* pattern indexes, by key then order */
    uint32_t *always;          /* per block: its first pattern without items */
    uint32_t *slot_sx;         /* per slot of many alternatives: into sxv, NOID */
    sxpair *sxv;               /* (first word id, alternative), sorted */
    /* filters before a word is hashed: bits of (length, first, second and
     * last byte) of every dictionary word, of every verb form */
    uint64_t bl_word[BLOOM_BITS / 64], bl_verb[BLOOM_BITS / 64];
    uint64_t *bl_key;          /* KEY_BITS: (block, filter bit of a key word) */
};

static rift_petr *get(rift_model *m)
{
    if (!m->petr_data) {
        rift_petr *p = rift_xmalloc(sizeof *p);
        memset(p, 0, sizeof *p);
        rift_arena_init(&p->strs);
        rift_strmap_init(&p->syn);
        rift_strmap_init(&p->verbs);
        rift_strmap_init(&p->agents);
        rift_strmap_init(&p->discards);
        rift_strmap_init(&p->codes);
        m->petr_data = p;
    }
    return m->petr_data;
}

void rift_petr_free(rift_model *m)
{
    rift_petr *p = m ? m->petr_data : NULL;
    if (!p)
        return;
    rift_arena_release(&p->strs);
    free(p->words.v);
    free(p->alts.v);
    free(p->slots.v);
    free(p->nouns.v);
    free(p->items.v);
    free(p->pats.v);
    free(p->blocks.v);
    free(p->forms.v);
    free(p->synr.v);
    free(p->acodes.v);
    rift_strmap_free(&p->syn);
    rift_strmap_free(&p->verbs);
    rift_strmap_free(&p->agents);
    rift_strmap_free(&p->discards);
    rift_strmap_free(&p->codes);
    free(p->pcodes.v);
    free(p->wt);
    free(p->vfirst);
    free(p->wid);
    free(p->prep_id);
    free(p->ix);
    free(p->ixp);
    free(p->always);
    free(p->slot_sx);
    free(p->sxv);
    free(p->bl_key);
    free(p);
    m->petr_data = NULL;
}

const rift_petr *rift_petr_of(const rift_model *m)
{
    return m ? m->petr_data : NULL;
}

bool rift_petr_has_verbs(const rift_petr *p)
{
    return p && p->verbs.n;
}

bool rift_petr_has_agents(const rift_petr *p)
{
    return p && p->agents.n;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct reader {
    rift_model *m;
    rift_petr *p;
    const char *path;
    long line;
    bool failed;
} reader;

static bool fail(reader *r, const char *why, const char *what, size_t n)
{
    if (!r->failed) {
        if (what)
            snprintf(r->m->errmsg, sizeof r->m->errmsg, "%.300s:%ld: %s '%.*s'", r->path,
                     r->line, why, (int)(n > 60 ? 60 : n), what);
        else
            snprintf(r->m->errmsg, sizeof r->m->errmsg, "%.300s:%ld: %s", r->path, r->line, why);
    }
    r->failed = true;
    return false;
}

static void lower(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] = (char)(s[i] + 32);
}

/* Cut a comment (#) and the line end; trims blanks both sides.  Returns the
 * start, *n its length. */
static char *clean(char *line, size_t *n)
{
    size_t k = *n;
    char *hash = memchr(line, '#', k);
    if (hash)
        k = (size_t)(hash - line);
    while (k && (line[k - 1] == '\n' || line[k - 1] == '\r' || line[k - 1] == ' ' ||
                 line[k - 1] == '\t'))
        k--;
    size_t b = 0;
    while (b < k && (line[b] == ' ' || line[b] == '\t'))
        b++;
    line[k] = '\0';
    *n = k - b;
    return line + b;
}

/* Runs fn on every non-blank line; stops at the first failure. */
static rift_status read_file(reader *r, bool (*fn)(reader *, char *, size_t, bool))
{
    FILE *f = rift_data_open(r->path, r->m->errmsg, sizeof r->m->errmsg);
    if (!f)
        return RIFT_EIO;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while (!r->failed && (got = getline(&line, &cap, f)) > 0) {
        r->line++;
        if (memchr(line, '\0', (size_t)got)) {
            fail(r, "NUL byte in a dictionary line", NULL, 0);
            break;
        }
        bool indented = line[0] == ' ' || line[0] == '\t';
        size_t n = (size_t)got;
        char *s = clean(line, &n);
        if (!n || s[0] == '<')  /* blank, or an XML-style comment line */
            continue;
        fn(r, s, n, indented);
    }
    bool read_error = !r->failed && ferror(f);
    free(line);
    fclose(f);
    if (read_error) {
        snprintf(r->m->errmsg, sizeof r->m->errmsg, "%.400s: %s", r->path, strerror(errno));
        return RIFT_EIO;
    }
    return r->failed ? RIFT_EFORMAT : RIFT_OK;
}

/* A word of a pattern or a verb: '_' ends removed, lower-cased, interned. */
static uint32_t push_word(rift_petr *p, const char *s, size_t n)
{
    while (n && s[n - 1] == '_')
        n--;
    char *w = rift_arena_strndup(&p->strs, s, n);
    lower(w, n);
    RIFT_VEC_PUSH(p->words, w);
    return (uint32_t)p->words.n - 1;
}

/* An alternative from a phrase "A_B C": its words, consecutive. */
static uint32_t push_alt(rift_petr *p, const char *s, size_t n)
{
    range a = {(uint32_t)p->words.n, 0};
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == '_' || s[i] == ' '))
            i++;
        size_t b = i;
        while (i < n && s[i] != '_' && s[i] != ' ')
            i++;
        if (i > b && i - b < PW_MAX) {
            push_word(p, s + b, i - b);
            a.n++;
        }
    }
    RIFT_VEC_PUSH(p->alts, a);
    return (uint32_t)p->alts.n - 1;
}

static bool code_ok(const char *s, size_t n)
{
    if (!n || n > 15)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == ':' ||
              (s[i] >= 'A' && s[i] <= 'F')))
            return false;
    return true;
}

static void parse_code_new(reader *r, const char *s, size_t n, pcode *out);

/* "[042]", "[042:043]", "[:190]", "[---]" -> the code rift uses (the part
 * before the colon, else the one after), with its PLOVER type, mode and
 * Goldstein weight from data/en/cameo.txt. */
static bool parse_code(reader *r, const char *s, size_t n, pcode *out)
{
    memset(out, 0, sizeof *out);
    if (!code_ok(s, n))
        return fail(r, "bad CAMEO code", s, n);
    int seen = rift_strmap_get(&r->p->codes, s, n);
    if (seen >= 0) {
        *out = r->p->pcodes.v[seen];
        return true;
    }
    parse_code_new(r, s, n, out);
    RIFT_VEC_PUSH(r->p->pcodes, *out);
    rift_strmap_put(&r->p->codes, s, n, (int)r->p->pcodes.n - 1);
    return true;
}

/* parse_code for a code not seen before. */
static void parse_code_new(reader *r, const char *s, size_t n, pcode *out)
{
    const char *colon = memchr(s, ':', n);
    size_t a = colon ? (size_t)(colon - s) : n;
    const char *c = s;
    size_t cl = a;
    if (!cl && colon) {
        c = colon + 1;
        cl = n - a - 1;
    }
    if (!cl || (c[0] == '-' && cl <= 3) || cl >= sizeof out->cameo)
        return;   /* the null code: no event */
    memcpy(out->cameo, c, cl);
    out->cameo[cl] = '\0';
    /* the finest code cameo.txt lists: 0352, else 035, else 03; the
     * PLOVER type of 01/02 codes as for rift's own patterns */
    size_t k = cl;
    while (k > 2 && !rift_cameo_info(r->m, &r->p->strs, c, k, &out->goldstein, &out->plover,
                                     &out->mode))
        k--;
    if (k == 2)
        rift_cameo_info(r->m, &r->p->strs, c, k, &out->goldstein, &out->plover, &out->mode);
}

/* The bracketed code at the end of s[0..n): its span, or NULL. */
static const char *last_code(const char *s, size_t n, size_t *cl, size_t *open)
{
    const char *close = NULL;
    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == ']') {
            close = s + i - 1;
            break;
        }
    if (!close)
        return NULL;
    const char *o = close;
    while (o > s && *o != '[')
        o--;
    if (*o != '[')
        return NULL;
    *cl = (size_t)(close - o - 1);
    *open = (size_t)(o - s);
    return o + 1;
}

/* ---- verb dictionary ---------------------------------------------------- */

typedef struct vstate {
    reader r;
    int mode;                  /* 0 none, 1 in a synset, 2 in a verb block */
    int32_t syn;               /* current synset (synr index), -1 */
    int32_t block;             /* current block, -1 */
} vstate;

/* Regular plural of a noun (synset members): "-s", "-es", "-ies". */
static void add_plural(rift_petr *p, uint32_t alt)
{
    range a = p->alts.v[alt];
    if (!a.n)
        return;
    const char *last = p->words.v[a.first + a.n - 1];
    size_t n = strlen(last);
    char buf[PW_MAX + 4];
    if (n + 3 >= sizeof buf)
        return;
    if (n > 1 && last[n - 1] == 'y' && !strchr("aeiou", last[n - 2]))
        snprintf(buf, sizeof buf, "%.*sies", (int)(n - 1), last);
    else if (last[n - 1] == 's' || last[n - 1] == 'x' || last[n - 1] == 'z' ||
             (n > 1 && last[n - 1] == 'h' && (last[n - 2] == 's' || last[n - 2] == 'c')))
        snprintf(buf, sizeof buf, "%ses", last);
    else
        snprintf(buf, sizeof buf, "%ss", last);
    range b = {(uint32_t)p->words.n, a.n};
    for (uint32_t k = 0; k + 1 < a.n; k++)
        RIFT_VEC_PUSH(p->words, p->words.v[a.first + k]);
    push_word(p, buf, strlen(buf));
    RIFT_VEC_PUSH(p->alts, b);
}

static void add_form(vstate *v, const char *form, size_t n, const pcode *code)
{
    rift_petr *p = v->r.p;
    /* "+CORDONED_OFF", "WIRE_+TAPPED": the '+' marks the verb word */
    const char *plus = memchr(form, '+', n);
    const char *vw = form;
    size_t vn = n;
    vform f;
    memset(&f, 0, sizeof f);
    f.block = (uint32_t)v->block;
    f.code = *code;
    f.front.first = f.back.first = (uint32_t)p->words.n;
    if (plus) {
        vw = plus + 1;
        vn = (size_t)(form + n - vw);
        const char *us = memchr(vw, '_', vn);
        if (us)
            vn = (size_t)(us - vw);
        /* words before the verb */
        f.front.first = (uint32_t)p->words.n;
        for (const char *s = form; s < plus;) {
            const char *e = memchr(s, '_', (size_t)(plus - s));
            if (!e)
                e = plus;
            if (e > s && e - s < PW_MAX) {
                push_word(p, s, (size_t)(e - s));
                f.front.n++;
            }
            s = e + 1;
        }
        f.back.first = (uint32_t)p->words.n;
        for (const char *s = vw + vn; s < form + n;) {
            if (*s == '_') {
                s++;
                continue;
            }
            const char *e = memchr(s, '_', (size_t)(form + n - s));
            if (!e)
                e = form + n;
            if (e - s < PW_MAX) {
                push_word(p, s, (size_t)(e - s));
                f.back.n++;
            }
            s = e;
        }
    } else {
        while (vn && vw[vn - 1] == '_')
            vn--;
        if (memchr(vw, '_', vn))
            return;   /* a phrase without its verb marked: PETRARCH skips it */
    }
    if (!vn || vn >= PW_MAX)
        return;
    char key[PW_MAX];
    memcpy(key, vw, vn);
    lower(key, vn);
    f.next = rift_strmap_get(&p->verbs, key, vn);
    /* compounds first: they are the more specific reading */
    if (f.next >= 0 && !f.front.n && !f.back.n) {
        int32_t k = f.next;
        while (p->forms.v[k].next >= 0)
            k = p->forms.v[k].next;
        f.next = -1;
        RIFT_VEC_PUSH(p->forms, f);
        p->forms.v[k].next = (int32_t)p->forms.n - 1;
        return;
    }
    RIFT_VEC_PUSH(p->forms, f);
    rift_strmap_put(&p->verbs, key, vn, (int)p->forms.n - 1);
}

/* Regular forms of a verb (or of the marked word of a compound). */
static void add_regular(vstate *v, const char *w, size_t n, const pcode *code)
{
    add_form(v, w, n, code);
    const char *plus = memchr(w, '+', n);
    size_t vb = plus ? (size_t)(plus - w) + 1 : 0, ve = vb;
    while (ve < n && w[ve] != '_')
        ve++;
    if (ve - vb < 2 || n + 4 >= 96)
        return;
    char buf[96];
    const char *root = w + vb;
    size_t rl = ve - vb;
    char last = root[rl - 1], prev = root[rl - 2];
    static const char *const sfx[3] = {"S", "ED", "ING"};
    for (int k = 0; k < 3; k++) {
        size_t cut = rl;
        const char *s = sfx[k];
        if (k == 0 && (last == 'S' || last == 'X' || last == 'Z' || last == 'H'))
            s = "ES";
        if (k == 0 && last == 'Y' && !strchr("AEIOU", prev)) {
            cut--;
            s = "IES";
        }
        if (k == 1 && last == 'E')
            s = "D";
        if (k == 1 && last == 'Y' && !strchr("AEIOU", prev)) {
            cut--;
            s = "IED";
        }
        if (k == 2 && last == 'E' && !strchr("AEIOU", prev))
            cut--;
        size_t sl = strlen(s), len = vb + cut + sl + (n - ve);
        if (len >= sizeof buf)
            continue;
        memcpy(buf, w, vb);
        memcpy(buf + vb, root, cut);
        memcpy(buf + vb + cut, s, sl);
        memcpy(buf + vb + cut + sl, w + ve, n - ve);
        add_form(v, buf, len, code);
    }
}

static bool verb_line(vstate *v, char *s, size_t n)
{
    reader *r = &v->r;
    rift_petr *p = r->p;
    pcode code = p->blocks.v[v->block].code;
    size_t cl, open;
    const char *c = last_code(s, n, &cl, &open);
    if (c) {
        if (!parse_code(r, c, cl, &code))
            return false;
        n = open;
        while (n && s[n - 1] == ' ')
            n--;
    } else if (memchr(s, '[', n)) {
        return fail(r, "'[' without ']'", s, n);
    }
    const char *brace = memchr(s, '{', n);
    size_t hn = brace ? (size_t)(brace - s) : n;
    while (hn && (s[hn - 1] == ' ' || s[hn - 1] == '\t'))
        hn--;
    if (!hn || memchr(s, ' ', hn))
        return fail(r, "a verb line wants one word or an underscore phrase", s, n);
    if (!brace) {
        add_regular(v, s, hn, &code);
        return true;
    }
    const char *close = memchr(brace, '}', (size_t)(s + n - brace));
    if (!close)
        return fail(r, "'{' without '}'", s, n);
    add_form(v, s, hn, &code);
    for (const char *t = brace + 1; t < close;) {
        while (t < close && (*t == ' ' || *t == '\t'))
            t++;
        const char *e = t;
        while (e < close && *e != ' ' && *e != '\t')
            e++;
        if (e > t)
            add_form(v, t, (size_t)(e - t), &code);
        t = e;
    }
    return true;
}

/* One noun of a pattern: a word, "A_B", "&SYN", or the words of "{...}"
 * (each a slot).  Pushes a noun; false on an unknown synset. */
static bool push_noun(vstate *v, char **words, size_t nw, bool *skip)
{
    rift_petr *p = v->r.p;
    range noun = {(uint32_t)p->slots.n, 0};
    for (size_t k = 0; k < nw; k++) {
        const char *w = words[k];
        size_t wl = strlen(w);
        if (!wl || strchr("$+^%", w[0]))
            continue;
        range slot;
        if (w[0] == '&') {
            int si = rift_strmap_get(&p->syn, w, wl);
            if (si < 0) {
                /* PETRARCH skips a pattern naming an undefined synset */
                *skip = true;
                return true;
            }
            slot = p->synr.v[si];
        } else {
            slot.first = push_alt(p, w, wl);
            slot.n = 1;
            if (!p->alts.v[slot.first].n)
                continue;
        }
        RIFT_VEC_PUSH(p->slots, slot);
        noun.n++;
    }
    if (noun.n)
        RIFT_VEC_PUSH(p->nouns, noun);
    return true;
}

/* A $ or + of a pattern into the frame: in a preposition's group or after
 * a bare preposition (prev) an oblique, else the subject before the verb,
 * the object after it; the first of each counts. */
static void frame_marker(const reader *r, pframe *f, char mark, bool after, const char *prep,
                         const char *prev)
{
    uint8_t *slot = mark == '$' ? &f->src_slot : &f->tgt_slot;
    char *fp = mark == '$' ? f->src_prep : f->prep;
    if (*slot != SLOT_NONE)
        return;
    if (!prep && after && prev[0] &&
        rift_word_in(rift_model_lexicon(r->m, "fw_event_prepositions"), prev, strlen(prev)))
        prep = prev;
    *slot = prep ? SLOT_OBL : after ? SLOT_OBJ : SLOT_SUBJ;
    snprintf(fp, sizeof f->prep, "%s", prep ? prep : "");
}

/* A pattern without $ or + has PETRARCH's default: the subject acts on the
 * object; with a + before the verb and no $, the source is not said. */
static void frame_defaults(pframe *f)
{
    if (f->src_slot == SLOT_NONE && f->tgt_slot != SLOT_SUBJ)
        f->src_slot = SLOT_SUBJ;
    if (f->tgt_slot == SLOT_NONE && f->src_slot != SLOT_OBJ)
        f->tgt_slot = SLOT_OBJ;
}

static bool pattern_line(vstate *v, char *s, size_t n)
{
    reader *r = &v->r;
    rift_petr *p = r->p;
    if (v->block < 0)
        return fail(r, "a pattern before any '--- NAME [CODE] ---' block", NULL, 0);
    size_t cl, open;
    const char *c = last_code(s, n, &cl, &open);
    if (!c)
        return fail(r, "a pattern without its [CODE]", s, n);
    pattern pt;
    memset(&pt, 0, sizeof pt);
    pt.line = (uint32_t)r->line;
    if (!code_ok(c, cl)) {
        p->n_bad_patterns++;   /* a typo in one pattern's code: skipped */
        return true;
    }
    if (!parse_code(r, c, cl, &pt.code))
        return false;
    size_t items0 = p->items.n, nouns0 = p->nouns.n, slots0 = p->slots.n;
    pt.items.first = (uint32_t)items0;
    s[open] = '\0';
    char *save = NULL;
    bool after = false, star = false, skip = false;
    char *words[16];
    size_t nw = 0;
    int depth_p = 0, depth_b = 0;
    item cur = {NULL, {(uint32_t)p->nouns.n, 0}, 0};
    bool in_prep = false;
    char prev[16] = "";        /* the last bare word, lowered (a preposition?) */
    /* tokens: separate the brackets from the words they touch */
    char buf[1024];
    size_t bl = 0;
    for (size_t i = 1; i < open && bl + 3 < sizeof buf; i++) {
        char ch = s[i];
        if (ch == '(' || ch == ')' || ch == '{' || ch == '}') {
            buf[bl++] = ' ';
            buf[bl++] = ch;
            buf[bl++] = ' ';
        } else {
            buf[bl++] = ch == '\t' ? ' ' : ch;
        }
    }
    buf[bl] = '\0';
    for (char *t = strtok_r(buf, " ", &save); t && !skip; t = strtok_r(NULL, " ", &save)) {
        if (!strcmp(t, "*")) {
            if (star || depth_p || depth_b)
                goto bad;
            star = after = true;
            continue;
        }
        if (!strcmp(t, "(")) {
            if (depth_p || depth_b)
                goto bad;
            depth_p = 1;
            in_prep = true;
            cur.prep = NULL;
            cur.nouns.first = (uint32_t)p->nouns.n;
            continue;
        }
        if (!strcmp(t, ")")) {
            if (!depth_p || depth_b)
                goto bad;
            depth_p = 0;
            in_prep = false;
            cur.nouns.n = (uint32_t)p->nouns.n - cur.nouns.first;
            cur.after = after;
            if (cur.prep)
                RIFT_VEC_PUSH(p->items, cur);
            continue;
        }
        if (!strcmp(t, "{")) {
            if (depth_b)
                goto bad;
            depth_b = 1;
            nw = 0;
            continue;
        }
        if (!strcmp(t, "}")) {
            if (!depth_b)
                goto bad;
            depth_b = 0;
            if (!push_noun(v, words, nw, &skip))
                return false;
            if (!in_prep && !skip && p->nouns.n > cur.nouns.first) {
                item it = {NULL, {(uint32_t)p->nouns.n - 1, 1}, after};
                RIFT_VEC_PUSH(p->items, it);
            }
            nw = 0;
            continue;
        }
        if (depth_b) {
            if (nw < 16)
                words[nw++] = t;
            continue;
        }
        if ((t[0] == '$' || t[0] == '+') && !t[1]) {
            frame_marker(r, &pt.frame, t[0], after, in_prep ? cur.prep : NULL, prev);
            continue;
        }
        if (!in_prep && t[0] != '^')
            snprintf(prev, sizeof prev, "%s", t[0] == '&' || strlen(t) >= sizeof prev ? "" : t);
        lower(prev, strlen(prev));
        if (in_prep && !cur.prep && t[0] != '&' && !strchr("$+^%", t[0])) {
            char *w = rift_arena_strndup(&p->strs, t, strlen(t));
            lower(w, strlen(w));
            cur.prep = w;
            continue;
        }
        size_t before = p->nouns.n;
        if (!push_noun(v, &t, 1, &skip))
            return false;
        if (!in_prep && p->nouns.n > before) {
            item it = {NULL, {(uint32_t)before, 1}, after};
            RIFT_VEC_PUSH(p->items, it);
        }
    }
    if (depth_p || depth_b) {
    bad:
        /* a pattern PETRARCH could not read either: skipped, counted */
        p->n_bad_patterns++;
        skip = true;
    }
    if (skip) {
        p->items.n = items0;
        p->nouns.n = nouns0;
        p->slots.n = slots0;
        return true;
    }
    pt.items.n = (uint32_t)(p->items.n - items0);
    frame_defaults(&pt.frame);
    block *b = &p->blocks.v[v->block];
    if (!b->pats.n)
        b->pats.first = (uint32_t)p->pats.n;
    if (b->pats.first + b->pats.n != p->pats.n)
        return fail(r, "patterns of a block must follow its verbs", NULL, 0);
    RIFT_VEC_PUSH(p->pats, pt);
    b->pats.n++;
    return true;
}

static bool verb_file_line(reader *r, char *s, size_t n, bool indented)
{
    vstate *v = (vstate *)r;
    rift_petr *p = r->p;
    (void)indented;
    if (s[0] == '~')
        return true;   /* verb transformations: not used by rift */
    if (n >= 3 && !strncmp(s, "---", 3)) {
        block b;
        memset(&b, 0, sizeof b);
        size_t cl, open;
        const char *c = last_code(s, n, &cl, &open);
        if (c && !parse_code(r, c, cl, &b.code))
            return false;
        RIFT_VEC_PUSH(p->blocks, b);
        v->block = (int32_t)p->blocks.n - 1;
        v->mode = 2;
        return true;
    }
    if (s[0] == '&') {
        size_t e = 1;
        while (e < n && s[e] != ' ' && s[e] != '\t')
            e++;
        if (e < 2)
            return fail(r, "a synset wants a name after '&'", s, n);
        range rg = {(uint32_t)p->alts.n, 0};
        RIFT_VEC_PUSH(p->synr, rg);
        v->syn = (int32_t)p->synr.n - 1;
        /* both "&NAME_" and "&NAME" name it */
        rift_strmap_put(&p->syn, s, e, v->syn);
        if (s[e - 1] == '_')
            rift_strmap_put(&p->syn, s, e - 1, v->syn);
        v->mode = 1;
        return true;
    }
    if (s[0] == '+' && v->mode == 1) {
        range *rg = &p->synr.v[v->syn];
        if (rg->first + rg->n != p->alts.n)
            return fail(r, "synset members must follow their label", NULL, 0);
        size_t wl = n - 1;
        /* a final '_' (on the phrase or the label): no plural */
        bool noplural = s[n - 1] == '_';
        uint32_t a = push_alt(p, s + 1, wl);
        if (!p->alts.v[a].n) {
            p->alts.n--;
            return true;
        }
        rg->n++;
        (void)noplural;
        if (!noplural) {
            add_plural(p, a);
            rg->n++;
        }
        return true;
    }
    if (s[0] == '-')
        return pattern_line(v, s, n);
    if (v->mode != 2)
        return fail(r, "a verb outside a '--- NAME [CODE] ---' block", s, n);
    return verb_line(v, s, n);
}

/* ---- compiling: word ids and the pattern index -------------------------- */

/* Words so common in news that a pattern keyed on them would be tried at
 * almost every verb: a pattern is keyed on another of its words if it can. */
static const char *const COMMON[] = {
    "the", "a", "an", "to", "of", "in", "on", "for", "with", "by", "at", "from", "as",
    "and", "or", "that", "this", "is", "was", "be", "been", "it", "its", "he", "she",
    "they", "his", "her", "their", "over", "about", "into", "against", "after", "up",
    "out", "not", "no", "has", "have", "had", "said", "will", "would", "s"};

/* Lower-cases s[0..n) into out (when not NULL) and returns the hash of the
 * lower-cased word, eight bytes at a time. */
static uint64_t lower_hash(const char *s, size_t n, char *out)
{
    uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL, x = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        c = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
        if (out)
            out[i] = (char)c;
        x |= (uint64_t)c << (8 * (i & 7));
        if ((i & 7) == 7) {
            h = (h ^ x) * 0xff51afd7ed558ccdULL;
            h ^= h >> 32;
            x = 0;
        }
    }
    h = (h ^ x) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 29);
}

static uint64_t whash(const char *s, size_t n)
{
    return lower_hash(s, n, NULL);
}

/* The slot of word s[0..n) with hash h: its own, or the empty one where it
 * would go. */
static size_t wt_slot(const rift_petr *p, const char *s, size_t n, uint64_t h)
{
    size_t i = (size_t)h & (p->wt_cap - 1);
    while (p->wt[i].s && !(p->wt[i].h == h && p->wt[i].len == n && !memcmp(p->wt[i].s, s, n)))
        i = (i + 1) & (p->wt_cap - 1);
    return i;
}

static inline unsigned low(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 'A' && u <= 'Z' ? u + 32u : u;
}

/* The filter bit of a word s[0..n), n > 0 (any case). */
static inline uint32_t bloom_bit(const char *s, size_t n)
{
    uint32_t h = (uint32_t)n * 0x9e3779b1u ^ low(s[0]) * 0x85ebca77u ^
                 (n > 1 ? low(s[1]) : 0u) * 0xc2b2ae3du ^ low(s[n - 1]) * 0x27d4eb2fu;
    return (h ^ (h >> 15)) & (BLOOM_BITS - 1);
}

static inline bool bloom_has(const uint64_t *bl, const char *s, size_t n)
{
    uint32_t b = bloom_bit(s, n);
    return bl[b / 64] >> (b % 64) & 1;
}

static void bloom_add(uint64_t *bl, const char *s, size_t n)
{
    uint32_t b = bloom_bit(s, n);
    bl[b / 64] |= 1ULL << (b % 64);
}

/* The id of word s[0..n) (lower case, hash h), NOID. */
static uint32_t word_idh(const rift_petr *p, const char *s, size_t n, uint64_t h)
{
    if (!p->wt_cap)
        return NOID;
    const wslot *w = &p->wt[wt_slot(p, s, n, h)];
    return w->s ? w->id : NOID;
}

static uint32_t word_id(const rift_petr *p, const char *s, size_t n)
{
    return word_idh(p, s, n, whash(s, n));
}

static uint32_t intern_n(rift_petr *p, const char *w, size_t n)
{
    if ((p->wt_n + 1) * 2 > p->wt_cap) {
        size_t cap = p->wt_cap ? p->wt_cap * 2 : 1024;
        wslot *old = p->wt;
        size_t ocap = p->wt_cap;
        p->wt = rift_xmalloc(cap * sizeof *p->wt);
        memset(p->wt, 0, cap * sizeof *p->wt);
        p->wt_cap = cap;
        for (size_t k = 0; k < ocap; k++)
            if (old[k].s)
                p->wt[wt_slot(p, old[k].s, old[k].len, old[k].h)] = old[k];
        free(old);
    }
    uint64_t h = whash(w, n);
    wslot *sl = &p->wt[wt_slot(p, w, n, h)];
    if (!sl->s) {
        if (n)
            bloom_add(p->bl_word, w, n);
        sl->h = h;
        sl->s = rift_arena_strndup(&p->strs, w, n);
        sl->len = (uint32_t)n;
        sl->id = (uint32_t)p->wt_n++;
    }
    return sl->id;
}

static uint32_t intern(rift_petr *p, const char *w)
{
    return intern_n(p, w, strlen(w));
}

typedef struct vfill { rift_petr *p; RIFT_VEC(int32_t) v; } vfill;

static void add_vfirst(void *ctx, const char *key, size_t len, int value)
{
    vfill *f = ctx;
    uint32_t id = intern_n(f->p, key, len);
    if (len)
        bloom_add(f->p->bl_verb, key, len);
    while (f->v.n <= id)
        RIFT_VEC_PUSH(f->v, -1);
    f->v.v[id] = value;
}

static size_t ix_slot(const rift_petr *p, uint64_t key)
{
    uint64_t h = key * 0x9e3779b97f4a7c15ULL;
    size_t i = (size_t)(h >> 20) & (p->ix_cap - 1);
    while (p->ix[i].n && p->ix[i].key != key)
        i = (i + 1) & (p->ix_cap - 1);
    return i;
}

typedef struct ixpair { uint64_t key; uint32_t pat, wbit; } ixpair;

/* The bit of key filter bl_key for a word (its filter bit) in block b. */
static inline uint32_t key_bit(uint32_t b, uint32_t wbit)
{
    return ((wbit ^ (b * 0x9e3779b1u)) * 0x85ebca77u) >> 12;
}

static int sx_cmp(const void *a, const void *b)
{
    const sxpair *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->alt < y->alt ? -1 : x->alt > y->alt;
}

#define SLOT_SCAN 6   /* a slot of more alternatives is looked up by word */

/* Large slots (synsets): their alternatives sorted by first word id, the
 * sorted run shared by every slot of the same synset.  Needs wid. */
static void index_slots(rift_petr *p)
{
    p->slot_sx = rift_xmalloc((p->slots.n + 1) * sizeof *p->slot_sx);
    uint32_t *by_first = rift_xmalloc((p->alts.n + 1) * sizeof *by_first);
    for (size_t k = 0; k <= p->alts.n; k++)
        by_first[k] = NOID;
    RIFT_VEC(sxpair) v = {0};
    for (size_t k = 0; k < p->slots.n; k++) {
        range sl = p->slots.v[k];
        p->slot_sx[k] = NOID;
        if (sl.n <= SLOT_SCAN)
            continue;
        if (by_first[sl.first] != NOID && v.v[by_first[sl.first]].alt == sl.n) {
            p->slot_sx[k] = by_first[sl.first];
            continue;
        }
        /* a run starts with its length and its slot's: [pairs, sl.n] */
        size_t at = v.n;
        sxpair head = {0, sl.n};
        RIFT_VEC_PUSH(v, head);
        for (uint32_t a = 0; a < sl.n; a++) {
            range r = p->alts.v[sl.first + a];
            if (!r.n)
                continue;
            sxpair q = {p->wid[r.first], a};
            RIFT_VEC_PUSH(v, q);
        }
        v.v[at].id = (uint32_t)(v.n - at - 1);
        qsort(v.v + at + 1, v.v[at].id, sizeof *v.v, sx_cmp);
        p->slot_sx[k] = (uint32_t)at;
        if (by_first[sl.first] == NOID)
            by_first[sl.first] = (uint32_t)at;
    }
    free(by_first);
    p->sxv = v.v;
}

/* The ids a slot needs one of (the first word of each alternative) and
 * their cost; UINT32_MAX when the slot can match nothing. */
static uint32_t slot_cost(const rift_petr *p, range s, const uint8_t *common)
{
    uint32_t cost = 0;
    for (uint32_t k = 0; k < s.n; k++) {
        range a = p->alts.v[s.first + k];
        if (a.n)
            cost += common[p->wid[a.first]] ? 64 : 1;
    }
    return cost ? cost : UINT32_MAX;
}

/* Every word becomes an id; each pattern is keyed on the words of its
 * cheapest necessary element (a preposition, or one slot of a noun that
 * must be present: one of its alternatives' first words), so matching
 * tries only the patterns whose key is among the words around the verb. */
static void compile(rift_petr *p)
{
    free(p->wid);
    free(p->prep_id);
    free(p->ix);
    free(p->ixp);
    free(p->always);
    free(p->slot_sx);
    free(p->sxv);
    free(p->bl_key);
    free(p->wt);
    free(p->vfirst);
    p->wt = NULL;
    p->wt_cap = p->wt_n = 0;
    memset(p->bl_word, 0, sizeof p->bl_word);
    memset(p->bl_verb, 0, sizeof p->bl_verb);
    p->wid = rift_xmalloc((p->words.n + 1) * sizeof *p->wid);
    for (size_t k = 0; k < p->words.n; k++)
        p->wid[k] = intern(p, p->words.v[k]);
    index_slots(p);
    p->prep_id = rift_xmalloc((p->items.n + 1) * sizeof *p->prep_id);
    for (size_t k = 0; k < p->items.n; k++)
        p->prep_id[k] = p->items.v[k].prep ? intern(p, p->items.v[k].prep) : NOID;
    vfill vf = {p, {0}};
    rift_strmap_each(&p->verbs, add_vfirst, &vf);
    size_t nid = p->wt_n;
    while (vf.v.n < nid + 1)
        RIFT_VEC_PUSH(vf.v, -1);
    p->vfirst = vf.v.v;
    uint8_t *common = rift_xmalloc(nid + 1);
    memset(common, 0, nid + 1);
    for (size_t k = 0; k < sizeof COMMON / sizeof *COMMON; k++) {
        uint32_t id = word_id(p, COMMON[k], strlen(COMMON[k]));
        if (id != NOID)
            common[id] = 1;
    }
    p->always = rift_xmalloc((p->blocks.n + 1) * sizeof *p->always);
    RIFT_VEC(ixpair) pairs = {0};
    for (size_t b = 0; b < p->blocks.n; b++) {
        const block *bl = &p->blocks.v[b];
        p->always[b] = NOID;
        for (uint32_t x = 0; x < bl->pats.n; x++) {
            uint32_t pi = bl->pats.first + x;
            const pattern *pt = &p->pats.v[pi];
            if (!pt->items.n) {
                if (p->always[b] == NOID)
                    p->always[b] = x;
                continue;
            }
            /* the cheapest element every match needs */
            uint32_t best = UINT32_MAX, prep = NOID, pkey = 0;
            range bslot = {0, 0};
            bool never = false;
            for (uint32_t k = 0; k < pt->items.n && !never; k++) {
                uint32_t ii = pt->items.first + k;
                const item *it = &p->items.v[ii];
                if (it->prep) {
                    uint32_t c = common[p->prep_id[ii]] ? 64 : 1;
                    if (c < best) {
                        best = c;
                        prep = p->prep_id[ii];
                        pkey = ii;
                    }
                } else if (it->nouns.n != 1) {
                    continue;   /* alternatives: none of them is needed */
                }
                for (uint32_t j = 0; j < it->nouns.n; j++) {
                    range nn = p->nouns.v[it->nouns.first + j];
                    for (uint32_t s = 0; s < nn.n; s++) {
                        range sl = p->slots.v[nn.first + s];
                        uint32_t c = slot_cost(p, sl, common);
                        if (c == UINT32_MAX)
                            never = true;
                        else if (c < best) {
                            best = c;
                            prep = NOID;
                            bslot = sl;
                        }
                    }
                }
            }
            if (never)
                continue;   /* a slot without words: it never matches */
            if (best == UINT32_MAX) {
                if (p->always[b] == NOID || p->always[b] > x)
                    p->always[b] = x;   /* not reached: items always need words */
                continue;
            }
            if (prep != NOID) {
                const char *pw = p->items.v[pkey].prep;
                ixpair q = {((uint64_t)b << 32) | prep, x, bloom_bit(pw, strlen(pw))};
                RIFT_VEC_PUSH(pairs, q);
            } else {
                for (uint32_t k = 0; k < bslot.n; k++) {
                    range a = p->alts.v[bslot.first + k];
                    if (!a.n)
                        continue;
                    const char *fw = p->words.v[a.first];
                    ixpair q = {((uint64_t)b << 32) | p->wid[a.first], x,
                                bloom_bit(fw, strlen(fw))};
                    RIFT_VEC_PUSH(pairs, q);
                }
            }
        }
    }
    free(common);
    /* the table: keys counted, then each key's patterns in order (pairs
     * come by block, then pattern) */
    p->ix_cap = 16;
    while (p->ix_cap < pairs.n * 2)
        p->ix_cap *= 2;
    p->ix = rift_xmalloc(p->ix_cap * sizeof *p->ix);
    memset(p->ix, 0, p->ix_cap * sizeof *p->ix);
    uint32_t *cnt = rift_xmalloc(p->ix_cap * sizeof *cnt);
    memset(cnt, 0, p->ix_cap * sizeof *cnt);
    p->ixp = rift_xmalloc((pairs.n + 1) * sizeof *p->ixp);
    p->bl_key = rift_xmalloc(KEY_BITS / 8);
    memset(p->bl_key, 0, KEY_BITS / 8);
    for (size_t k = 0; k < pairs.n; k++) {
        size_t sl = ix_slot(p, pairs.v[k].key);
        if (!p->ix[sl].n) {
            p->ix[sl].key = pairs.v[k].key;
            p->ix[sl].n = 1;
        }
        cnt[sl]++;
        uint32_t kb = key_bit((uint32_t)(pairs.v[k].key >> 32), pairs.v[k].wbit);
        p->bl_key[kb / 64] |= 1ULL << (kb % 64);
    }
    uint32_t off = 0;
    for (size_t sl = 0; sl < p->ix_cap; sl++)
        if (p->ix[sl].n) {
            p->ix[sl].first = off;
            off += cnt[sl];
            cnt[sl] = 0;
        }
    for (size_t k = 0; k < pairs.n; k++) {
        size_t sl = ix_slot(p, pairs.v[k].key);
        uint32_t *at = p->ixp + p->ix[sl].first;
        if (cnt[sl] && at[cnt[sl] - 1] == pairs.v[k].pat)
            continue;   /* two alternatives of one slot with the same word */
        at[cnt[sl]++] = pairs.v[k].pat;
    }
    for (size_t sl = 0; sl < p->ix_cap; sl++)
        if (p->ix[sl].n)
            p->ix[sl].n = cnt[sl];
    free(cnt);
    free(pairs.v);
}

rift_status rift_model_add_verbs(rift_model *m, const char *path)
{
    if (!m || !path)
        return RIFT_EINVAL;
    vstate v;
    memset(&v, 0, sizeof v);
    v.r.m = m;
    v.r.p = get(m);
    v.r.path = path;
    v.syn = v.block = -1;
    rift_status st = read_file(&v.r, verb_file_line);
    if (st == RIFT_OK)
        v.r.p->n_verb_files++;
    compile(v.r.p);   /* also after a failure: what was read stays usable */
    return st;
}

/* ---- matching verbs ----------------------------------------------------- */

#define WIN_N (WIN_BEFORE + WIN_AFTER + 1)
#define BITS_MAX 4096   /* a block with more patterns tries them all */

/* The words of a window of the sentence around the verb, as the ids of the
 * dictionary words each can be: itself, itself less "s", less "es" (a
 * regular plural of the word), NOID when not a dictionary word.  Looked up
 * only when needed (UNSET until then): most words of a window are never
 * compared with anything. */
#define UNSET (NOID - 1)
/* A pattern's score: WORD for each word it matched, plus one for each
 * matched as written (not as a plural): the most words win, then the
 * fewest plurals ("SANCTIONS" before "SANCTION" for "sanctions"). */
#define WORD 64u
#ifndef PLURAL_READINGS
#define PLURAL_READINGS 1
#endif
#define NOBIT UINT32_MAX
typedef struct win {
    const rift_petr *p;
    const rift_doc *d;
    uint32_t b, e;                   /* tokens [b, e) */
    uint32_t id[WIN_N][3];
    uint32_t bit[WIN_N][3];          /* filter bits of the three, NOBIT */
} win;

static void win_fill(const rift_petr *p, win *w, const rift_doc *d, uint32_t tb, uint32_t te,
                     uint32_t i)
{
    w->p = p;
    w->d = d;
    w->b = i > tb + WIN_BEFORE ? i - WIN_BEFORE : tb;
    w->e = i + 1 + WIN_AFTER < te ? i + 1 + WIN_AFTER : te;
    for (uint32_t t = w->b; t < w->e; t++) {
        const rift_token *k = &d->tokens[t];
        uint32_t *o = w->id[t - w->b], *bt = w->bit[t - w->b];
        o[0] = o[1] = o[2] = NOID;
        bt[0] = bt[1] = bt[2] = NOBIT;
        size_t n = k->end - k->start;
        if (k->kind == RIFT_TOK_PUNCT) {
            if (n != 1)
                continue;
        } else if (n >= PW_MAX || !n) {
            continue;   /* "": no dictionary word */
        }
        const char *src = d->text + k->start;
        bool any = false;
        uint32_t x = bloom_bit(src, n);
        if (p->bl_word[x / 64] >> (x % 64) & 1) {
            bt[0] = x;
            any = true;
        }
        if (PLURAL_READINGS && k->kind != RIFT_TOK_PUNCT && n > 1 && low(src[n - 1]) == 's') {
            x = bloom_bit(src, n - 1);
            if (p->bl_word[x / 64] >> (x % 64) & 1) {
                bt[1] = x;
                any = true;
            }
            if (n > 2 && low(src[n - 2]) == 'e') {
                x = bloom_bit(src, n - 2);
                if (p->bl_word[x / 64] >> (x % 64) & 1) {
                    bt[2] = x;
                    any = true;
                }
            }
        }
        if (any)
            o[0] = UNSET;
    }
}

/* The three ids of token t, looked up on first use. */
static const uint32_t *ids(win *w, uint32_t t)
{
    uint32_t *o = w->id[t - w->b];
    if (o[0] != UNSET)
        return o;
    const uint32_t *bt = w->bit[t - w->b];
    const rift_token *k = &w->d->tokens[t];
    size_t n = k->end - k->start;
    char s[PW_MAX];
    uint64_t h = lower_hash(w->d->text + k->start, n, s);
    o[0] = bt[0] != NOBIT ? word_idh(w->p, s, n, h) : NOID;
    if (bt[1] != NOBIT)
        o[1] = word_id(w->p, s, n - 1);
    if (bt[2] != NOBIT)
        o[2] = word_id(w->p, s, n - 2);
    return o;
}

/* Token t is the dictionary word id (2), a regular plural of it (1), or
 * not (0). */
static inline int word_is(win *w, uint32_t t, uint32_t id)
{
    const uint32_t *x = w->id[t - w->b];
    if (x[0] == UNSET)
        x = ids(w, t);
    return x[0] == id ? 2 : x[1] == id || x[2] == id;
}

/* Words of alternative a matched at t (consecutive): the token after, 0;
 * *score gets WORD for each word, one more for each word as written. */
static uint32_t alt_at(const rift_petr *p, win *w, uint32_t t, uint32_t e, range a,
                       uint32_t *score)
{
    uint32_t sc = 0;
    for (uint32_t k = 0; k < a.n; k++, t++) {
        int m = t < e ? word_is(w, t, p->wid[a.first + k]) : 0;
        if (!m)
            return 0;
        sc += WORD + (m == 2);
    }
    *score = sc;
    return t;
}

/* Slot si (its range s) at t: the token after the first of its
 * alternatives found there, 0; *nwords grows by its words. */
static uint32_t slot_at(const rift_petr *p, win *w, uint32_t t, uint32_t e, uint32_t si,
                        range s, uint32_t *nwords)
{
    if (t >= e)
        return 0;
    const uint32_t *x = w->id[t - w->b];
    if (x[0] == UNSET)
        x = ids(w, t);
    if (x[0] == NOID && x[1] == NOID && x[2] == NOID)
        return 0;   /* not a dictionary word: no alternative starts here */
    uint32_t sx = p->slot_sx[si];
    if (sx != NOID) {
        /* the alternatives starting with what the token can be, in order */
        const sxpair *run = p->sxv + sx + 1;
        uint32_t n = p->sxv[sx].id, bestk = UINT32_MAX, bend = 0, bsc = 0;
        for (int v = 0; v < 3; v++) {
            uint32_t id = x[v];
            if (id == NOID)
                continue;
            uint32_t lo = 0, hi = n;
            while (lo < hi) {
                uint32_t mid = (lo + hi) / 2;
                if (run[mid].id < id)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < n && run[lo].id == id && run[lo].alt < bestk; lo++) {
                uint32_t sc;
                uint32_t end = alt_at(p, w, t, e, p->alts.v[s.first + run[lo].alt], &sc);
                if (end) {
                    bestk = run[lo].alt;
                    bend = end;
                    bsc = sc;
                    break;
                }
            }
        }
        if (bestk == UINT32_MAX)
            return 0;
        *nwords += bsc;
        return bend;
    }
    for (uint32_t k = 0; k < s.n; k++) {
        range a = p->alts.v[s.first + k];
        uint32_t sc = 0;
        uint32_t end = a.n ? alt_at(p, w, t, e, a, &sc) : 0;
        if (end) {
            *nwords += sc;
            return end;
        }
    }
    return 0;
}

/* A noun inside [b, e): its slots in order, a word or two apart.  Returns
 * the words matched, 0 when absent. */
static uint32_t noun_in(const rift_petr *p, win *w, uint32_t b, uint32_t e, range nn)
{
    for (uint32_t t = b; t < e; t++) {
        uint32_t words = 0, at = t;
        uint32_t k = 0;
        for (; k < nn.n; k++) {
            range s = p->slots.v[nn.first + k];
            uint32_t got = 0;
            for (uint32_t g = 0; g < (k ? 3u : 1u) && at + g < e; g++) {
                got = slot_at(p, w, at + g, e, nn.first + k, s, &words);
                if (got)
                    break;
            }
            if (!got)
                break;
            at = got;
        }
        if (k == nn.n)
            return words;
    }
    return 0;
}

/* How well pattern pt fits (WORD units, see there), 0 when it does not. */
static uint32_t pattern_fits(const rift_petr *p, win *w, uint32_t vb, uint32_t ve,
                             const pattern *pt)
{
    uint32_t score = WORD;
    for (uint32_t k = 0; k < pt->items.n; k++) {
        uint32_t ii = pt->items.first + k;
        const item *it = &p->items.v[ii];
        uint32_t b = it->after ? ve : w->b, e = it->after ? w->e : vb;
        if (!it->prep) {
            uint32_t got = 0;
            for (uint32_t j = 0; j < it->nouns.n && !got; j++)
                got = noun_in(p, w, b, e, p->nouns.v[it->nouns.first + j]);
            if (!got)
                return 0;
            score += got;
            continue;
        }
        uint32_t prep = p->prep_id[ii];
        bool ok = false;
        for (uint32_t t = b; t < e && !ok; t++) {
            if (w->id[t - w->b][0] == NOID || ids(w, t)[0] != prep)
                continue;
            uint32_t got = WORD + 1;   /* the preposition, as written */
            for (uint32_t j = 0; j < it->nouns.n; j++) {
                uint32_t pe = t + 1 + PREP_REACH < e ? t + 1 + PREP_REACH : e;
                uint32_t n = noun_in(p, w, t + 1, pe, p->nouns.v[it->nouns.first + j]);
                if (!n) {
                    got = 0;
                    break;
                }
                got += n;
            }
            if (got) {
                score += got;
                ok = true;
            }
        }
        if (!ok)
            return 0;
    }
    return score;
}

static void to_event_code(const pcode *c, rift_petr_code *out)
{
    out->cameo = c->cameo[0] ? c->cameo : NULL;
    out->plover = c->plover;
    out->mode = c->mode;
    out->goldstein = c->goldstein;
}

/* Marks in bits the patterns of block bi keyed on a word of the window
 * (and its first pattern without items); false when the block is too big
 * for the bit set. */
static bool candidates(const rift_petr *p, win *w, uint32_t bi, uint64_t *bits)
{
    const block *b = &p->blocks.v[bi];
    if (b->pats.n > BITS_MAX)
        return false;
    memset(bits, 0, ((b->pats.n + 63) / 64) * sizeof *bits);
    if (p->always[bi] != NOID)
        bits[p->always[bi] / 64] |= 1ULL << (p->always[bi] % 64);
    for (uint32_t t = w->b; t < w->e; t++)
        for (int v = 0; v < 3; v++) {
            uint32_t wb = w->bit[t - w->b][v];
            if (wb == NOBIT)
                continue;
            uint32_t kb = key_bit(bi, wb);
            if (!(p->bl_key[kb / 64] >> (kb % 64) & 1))
                continue;   /* no pattern of the block is keyed on it */
            uint32_t id = ids(w, t)[v];
            if (id == NOID)
                continue;
            const ixent *e = &p->ix[ix_slot(p, ((uint64_t)bi << 32) | id)];
            for (uint32_t j = 0; j < e->n; j++) {
                uint32_t x = p->ixp[e->first + j];
                bits[x / 64] |= 1ULL << (x % 64);
            }
        }
    return true;
}

bool rift_petr_verb(const rift_petr *p, const rift_doc *d, uint32_t tb, uint32_t te,
                    uint32_t i, rift_petr_code *out)
{
    if (!p || !p->verbs.n || !p->wid || i < tb || i >= te)
        return false;
    const rift_token *k = &d->tokens[i];
    size_t n = k->end - k->start;
    char key[PW_MAX];
    if (k->kind != RIFT_TOK_WORD || n < 2 || n >= PW_MAX)
        return false;
    if (!bloom_has(p->bl_verb, d->text + k->start, n))
        return false;
    uint32_t vid = word_idh(p, key, n, lower_hash(d->text + k->start, n, key));
    int32_t fi = vid == NOID ? -1 : p->vfirst[vid];
    if (fi < 0 || !out)   /* out NULL: only whether it is one of its verbs */
        return fi >= 0;
    win w;
    win_fill(p, &w, d, tb, te, i);
    /* the first form whose compound words stand around it */
    const vform *f = NULL;
    uint32_t vb = i, ve = i + 1;
    for (int32_t x = fi; x >= 0 && !f; x = p->forms.v[x].next) {
        const vform *c = &p->forms.v[x];
        if (c->front.n > i - w.b || ve + c->back.n > w.e)
            continue;
        bool ok = true;
        for (uint32_t j = 0; j < c->back.n && ok; j++)
            ok = w.id[ve + j - w.b][0] != NOID && ids(&w, ve + j)[0] == p->wid[c->back.first + j];
        for (uint32_t j = 0; j < c->front.n && ok; j++)
            ok = w.id[i - c->front.n + j - w.b][0] != NOID &&
                 ids(&w, i - c->front.n + j)[0] == p->wid[c->front.first + j];
        if (ok) {
            f = c;
            vb = i - c->front.n;
            ve = i + 1 + c->back.n;
        }
    }
    if (!f)
        return false;
    const block *b = &p->blocks.v[f->block];
    const pcode *best = &f->code;
    pframe frame = {SLOT_SUBJ, SLOT_OBJ, "", ""};   /* a verb without a pattern */
    const pframe *best_frame = &frame;
    uint32_t best_score = 0;
    uint64_t bits[BITS_MAX / 64];
    bool some = candidates(p, &w, f->block, bits);
    for (uint32_t x = 0; x < b->pats.n; x++) {
        if (some && !bits[x / 64]) {
            x |= 63;   /* none of these 64 */
            continue;
        }
        if (some && !(bits[x / 64] >> (x % 64) & 1))
            continue;
        const pattern *pt = &p->pats.v[b->pats.first + x];
        uint32_t s = pattern_fits(p, &w, vb, ve, pt);
        if (s > best_score) {
            best_score = s;
            best = &pt->code;
            best_frame = &pt->frame;
        }
    }
    to_event_code(best, out);
    out->src_slot = best_frame->src_slot;
    out->tgt_slot = best_frame->tgt_slot;
    memcpy(out->prep, best_frame->prep, sizeof out->prep);
    memcpy(out->src_prep, best_frame->src_prep, sizeof out->src_prep);
    out->tok_end = ve;
    out->matched = best_score > 0;
    return true;
}

/* ---- agents ------------------------------------------------------------- */

typedef struct astate {
    reader r;
    struct { char name[32]; char *list; } subst[16];
    size_t n_subst;
} astate;

static void put_agent(rift_petr *p, const char *phrase, size_t n, const char *code)
{
    char key[128];
    size_t kl = rift_phrase_key(phrase, n, key, sizeof key);
    if (!kl)
        return;
    lower(key, kl);
    if (rift_strmap_get(&p->agents, key, kl) >= 0)
        return;   /* the first entry wins, as in PETRARCH */
    RIFT_VEC_PUSH(p->acodes, code);
    rift_strmap_put(&p->agents, key, kl, (int)p->acodes.n - 1);
    size_t words = 1;
    for (size_t i = 0; i < kl; i++)
        if (key[i] == ' ') {
            words++;
            if (rift_strmap_get(&p->agents, key, i) == -1)
                rift_strmap_put(&p->agents, key, i, -2);
        }
    if (words > p->agent_words)
        p->agent_words = words;
}

/* At most this many forms come from one phrase: a member of a set may name
 * a set again ("!X! = A, B!X!"), and the forms of several markers
 * multiply; hostile dictionaries must not make that exponential. */
#define AGENT_FORMS_MAX 1024
#define AGENT_MARKERS_MAX 4

/* "CONGRESS!PERSON!": every member of the substitution set in its place
 * (depth: markers replaced so far; *budget: forms still allowed). */
static void put_agent_forms_at(astate *a, const char *ph, size_t n, const char *code,
                               bool plurals, int depth, int *budget)
{
    if ((*budget)-- <= 0)
        return; /* every call counts: leaves and markers alike */
    rift_petr *p = a->r.p;
    const char *bang = memchr(ph, '!', n);
    const char *bang2 = bang ? memchr(bang + 1, '!', (size_t)(ph + n - bang - 1)) : NULL;
    if (bang && bang2) {
        size_t nl = (size_t)(bang2 - bang - 1);
        for (size_t s = 0; s < a->n_subst; s++) {
            if (strlen(a->subst[s].name) != nl || strncmp(a->subst[s].name, bang + 1, nl))
                continue;
            for (const char *m = a->subst[s].list; *m;) {
                const char *e = strchr(m, ',');
                size_t ml = e ? (size_t)(e - m) : strlen(m);
                char buf[256];
                int len = snprintf(buf, sizeof buf, "%.*s%.*s%.*s", (int)(bang - ph), ph,
                                   (int)ml, m, (int)(ph + n - bang2 - 1), bang2 + 1);
                if (len > 0 && (size_t)len < sizeof buf && depth < AGENT_MARKERS_MAX)
                    put_agent_forms_at(a, buf, (size_t)len, code, false, depth + 1, budget);
                m = e ? e + 1 : m + ml;
            }
            return;
        }
        return;   /* unknown marker: nothing to add */
    }
    put_agent(p, ph, n, code);
    if (plurals && n + 3 < 256) {
        char buf[256];
        char last = ph[n - 1], prev = n > 1 ? ph[n - 2] : 'A';
        if ((last == 'Y' || last == 'y') && !strchr("AEIOUaeiou", prev))
            snprintf(buf, sizeof buf, "%.*sIES", (int)(n - 1), ph);
        else if (strchr("SXZsxz", last))
            snprintf(buf, sizeof buf, "%.*sES", (int)n, ph);
        else
            snprintf(buf, sizeof buf, "%.*sS", (int)n, ph);
        put_agent(p, buf, strlen(buf), code);
    }
}

static void put_agent_forms(astate *a, const char *ph, size_t n, const char *code,
                            bool plurals)
{
    int budget = AGENT_FORMS_MAX;
    put_agent_forms_at(a, ph, n, code, plurals, 0, &budget);
}

static bool agent_line(reader *r, char *s, size_t n, bool indented)
{
    astate *a = (astate *)r;
    rift_petr *p = r->p;
    (void)indented;
    /* "!PERSON! = MAN, MEN, WOMAN" */
    if (s[0] == '!' && memchr(s, '=', n)) {
        char *close = memchr(s + 1, '!', n - 1);
        char *eq = memchr(s, '=', n);
        if (!close || !eq || eq < close)
            return fail(r, "a substitution wants '!NAME! = A, B, ...'", s, n);
        if (a->n_subst == 16)
            return fail(r, "more than 16 substitution sets", NULL, 0);
        size_t nl = (size_t)(close - s - 1);
        if (!nl || nl >= sizeof a->subst[0].name)
            return fail(r, "bad substitution name", s, n);
        memcpy(a->subst[a->n_subst].name, s + 1, nl);
        a->subst[a->n_subst].name[nl] = '\0';
        char *list = rift_arena_alloc(&p->strs, n);
        size_t ll = 0;
        for (char *c = eq + 1; c < s + n; c++)
            if (*c != ' ' && *c != '\t')
                list[ll++] = *c;
        list[ll] = '\0';
        a->subst[a->n_subst++].list = list;
        return true;
    }
    size_t cl, open;
    const char *c = last_code(s, n, &cl, &open);
    if (!c) {
        /* "HUSBAND!PERSON! [~AGR}" and similar slips: a '[' is enough */
        const char *o = memchr(s, '[', n);
        if (!o)
            return true;   /* a phrase without a code: PETRARCH codes nothing for it */
        open = (size_t)(o - s);
        c = o + 1;
        cl = n - open - 1;
        while (cl && (c[cl - 1] == '}' || c[cl - 1] == ' '))
            cl--;
    }
    char code[16];
    size_t k = 0;
    for (size_t i = 0; i < cl && k + 2 < sizeof code; i++)
        if (c[i] != '~' && c[i] != ' ')
            code[1 + k++] = c[i];
    if (!k)
        return fail(r, "an empty agent code", s, n);
    code[0] = '+';   /* rift's mark of an agent (data/en/actor_codes.txt) */
    code[k + 1] = '\0';
    const char *cs = rift_arena_strndup(&p->strs, code, k + 1);
    size_t pe = open;
    const char *brace = memchr(s, '{', open);
    if (brace)
        pe = (size_t)(brace - s);
    while (pe && (s[pe - 1] == ' ' || s[pe - 1] == '\t'))
        pe--;
    if (!pe)
        return fail(r, "an agent code without its phrase", s, n);
    put_agent_forms(a, s, pe, cs, !brace);
    if (brace) {
        const char *close = memchr(brace, '}', (size_t)(s + open - brace));
        if (!close)
            return fail(r, "'{' without '}'", s, n);
        for (const char *t = brace + 1; t < close;) {
            while (t < close && *t == ' ')
                t++;
            const char *e = t;
            while (e < close && *e != ' ')
                e++;
            if (e > t)
                put_agent_forms(a, t, (size_t)(e - t), cs, false);
            t = e;
        }
    }
    return true;
}

rift_status rift_model_add_agents(rift_model *m, const char *path)
{
    if (!m || !path)
        return RIFT_EINVAL;
    astate a;
    memset(&a, 0, sizeof a);
    a.r.m = m;
    a.r.p = get(m);
    a.r.path = path;
    rift_status st = read_file(&a.r, agent_line);
    if (st == RIFT_OK)
        a.r.p->n_agent_files++;
    return st;
}

/* Appends word token k, lower-cased, to the phrase key[0..*kl) (a blank
 * before it unless it is the first); false for a non-word or no room. */
static bool key_append(const rift_doc *d, const rift_token *k, char *key, size_t cap, size_t *kl)
{
    size_t wl = k->end - k->start;
    if (k->kind != RIFT_TOK_WORD || wl >= 40 || *kl + wl + 2 > cap)
        return false;
    if (*kl)
        key[(*kl)++] = ' ';
    memcpy(key + *kl, d->text + k->start, wl);
    lower(key + *kl, wl);
    *kl += wl;
    return true;
}

uint32_t rift_petr_agent(const rift_petr *p, const rift_doc *d, uint32_t t, uint32_t te,
                         const char **code)
{
    if (!p || !p->agents.n || t >= te)
        return 0;
    char key[128];
    size_t kl = 0;
    uint32_t best = 0;
    for (uint32_t n = 0; n < p->agent_words && t + n < te; n++) {
        if (!key_append(d, &d->tokens[t + n], key, sizeof key, &kl))
            break;
        int v = rift_strmap_get(&p->agents, key, kl);
        if (v == -1)
            break;
        if (v >= 0) {
            best = n + 1;
            *code = p->acodes.v[v];
        }
    }
    return best;
}

/* ---- discards ----------------------------------------------------------- */

static bool discard_line(reader *r, char *s, size_t n, bool indented)
{
    rift_petr *p = r->p;
    (void)indented;
    int kind = 1;
    if (s[0] == '+') {
        kind = 2;
        s++;
        n--;
    }
    char key[128];
    size_t kl = rift_phrase_key(s, n, key, sizeof key);
    if (!kl)
        return fail(r, "an empty discard phrase", NULL, 0);
    lower(key, kl);
    rift_strmap_put(&p->discards, key, kl, kind);
    size_t words = 1;
    for (size_t i = 0; i < kl; i++)
        if (key[i] == ' ') {
            words++;
            if (rift_strmap_get(&p->discards, key, i) == -1)
                rift_strmap_put(&p->discards, key, i, -2);
        }
    if (words > p->discard_words)
        p->discard_words = words;
    return true;
}

rift_status rift_model_add_discards(rift_model *m, const char *path)
{
    if (!m || !path)
        return RIFT_EINVAL;
    reader r;
    memset(&r, 0, sizeof r);
    r.m = m;
    r.p = get(m);
    r.path = path;
    rift_status st = read_file(&r, discard_line);
    if (st == RIFT_OK)
        r.p->n_discard_files++;
    return st;
}

int rift_petr_discard(const rift_petr *p, const rift_doc *d, uint32_t tb, uint32_t te)
{
    if (!p || !p->discards.n)
        return 0;
    int worst = 0;
    for (uint32_t t = tb; t < te; t++) {
        char key[128];
        size_t kl = 0;
        for (uint32_t n = 0; n < p->discard_words && t + n < te; n++) {
            if (!key_append(d, &d->tokens[t + n], key, sizeof key, &kl))
                break;
            int v = rift_strmap_get(&p->discards, key, kl);
            if (v == -1)
                break;
            if (v > worst)
                worst = v;
        }
    }
    return worst;
}

void rift_petr_counts(const rift_model *m, size_t *verbs, size_t *patterns, size_t *agents,
                      size_t *discards)
{
    const rift_petr *p = rift_petr_of(m);
    *verbs = p ? p->forms.n : 0;
    *patterns = p ? p->pats.n : 0;
    *agents = p ? p->acodes.n : 0;
    *discards = p ? p->discards.n : 0;
}
