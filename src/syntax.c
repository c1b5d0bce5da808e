/* syntax.c: stage "syntax": every sentence tagged, lemmatised and parsed into
 * d->words (one rift_word per token), and rift_parse_words for given words.
 */
#include "syntax.h"

#include <stdlib.h>
#include <string.h>

/* The parser's unit.  A sentence longer than WINDOW tokens (hostile input:
 * 100,000 tokens without a full stop) is cut into windows of at most WINDOW
 * tokens, each tagged and parsed on its own; a window ends after a , ; : or
 * dash past WINDOW_SOFT tokens when there is one.  The root of every later
 * window is attached to the first window's root as "parataxis", so each
 * sentence stays one tree with one root, and the cost stays linear in the
 * sentence's length with memory bounded by the window. */
#define WINDOW 256
#define WINDOW_SOFT 192

/* Scratch of the tagger and parser: released once it holds this much. */
#define SCRATCH_MAX ((size_t)1 << 20)

/* Where the words come from: the document's tokens or the caller's forms. */
typedef struct words_src {
    const char *text;
    const rift_token *tokens;
    const char *const *forms;
    const size_t *lens;
} words_src;

static void form_of(const words_src *s, size_t i, const char **f, uint32_t *len)
{
    if (s->tokens) {
        *f = s->text + s->tokens[i].start;
        *len = s->tokens[i].end - s->tokens[i].start;
    } else {
        *f = s->forms[i] ? s->forms[i] : "";
        *len = s->forms[i] ? (uint32_t)(s->lens[i] > UINT32_MAX ? UINT32_MAX : s->lens[i]) : 0;
    }
}

/* A word a window may end after. */
static bool soft_end(const char *f, uint32_t len)
{
    if (len == 1)
        return *f == ',' || *f == ';' || *f == ':' || *f == '-';
    /* – and — (E2 80 93 / 94) */
    return len == 3 && (unsigned char)f[0] == 0xE2 && (unsigned char)f[1] == 0x80 &&
           ((unsigned char)f[2] == 0x93 || (unsigned char)f[2] == 0x94);
}

static size_t window_end(const words_src *s, size_t b, size_t e)
{
    if (e - b <= WINDOW)
        return e;
    for (size_t i = b + WINDOW; i > b + WINDOW_SOFT; i--) {
        const char *f;
        uint32_t len;
        form_of(s, i - 1, &f, &len);
        if (soft_end(f, len))
            return i;
    }
    return b + WINDOW;
}

typedef struct syntax_run {
    const rift_model *m;
    rift_sw *sw;          /* WINDOW words */
    rift_arena scratch;   /* tagger and parser */
    rift_arena *keep;     /* lemmas: lives as long as the words */
} syntax_run;

/* Tags, lemmatises and parses the window [b, e) of the sentence starting
 * at sb into out[b..e) (heads as indices of out); *root is the sentence's
 * root so far (-1 before the first window). */
static void run_window(syntax_run *r, const words_src *s, size_t sb, size_t b, size_t e,
                       rift_word *out, int32_t *root)
{
    size_t n = e - b;
    rift_sw *sw = r->sw;
    memset(sw, 0, n * sizeof *sw);
    for (size_t i = 0; i < n; i++)
        form_of(s, b + i, &sw[i].form, &sw[i].len);
    if (b == sb)
        sw[0].flags = RIFT_SWF_SENT_START;
    rift_sw_prepare(sw, n);
    rift_tagger_tag(r->m->tagger, sw, n, &r->scratch);
    rift_morph_run(r->m->morph, sw, n, r->keep);
    rift_parser_parse(r->m->parser, sw, n, &r->scratch); /* one tree (parser.c) */
    if (r->scratch.used_total > SCRATCH_MAX) {
        rift_arena_release(&r->scratch);
        rift_arena_init(&r->scratch);
    }
    /* the first window's root is the sentence's; a later window's root hangs
     * from it */
    int32_t wroot = -1;
    for (size_t i = 0; i < n; i++) {
        rift_word *w = &out[b + i];
        const rift_sw *x = &sw[i];
        w->upos = x->upos < RIFT_N_UPOS ? (rift_upos)x->upos : RIFT_UPOS_X;
        w->xpos = rift_xpos_name(x->xpos);
        w->lemma = x->lemma;
        w->feats = x->feats;
        w->deprel = x->deprel;
        if (x->head >= 0) {
            w->head = (int32_t)(b + (size_t)x->head);
        } else {
            wroot = (int32_t)(b + i);
            w->head = *root;
            w->deprel = *root < 0 ? "root" : "parataxis";
        }
    }
    if (*root < 0)
        *root = wroot;
}

/* The words [b, e) as one sentence. */
static void run_sentence(syntax_run *r, const words_src *s, size_t b, size_t e,
                         rift_word *out)
{
    int32_t root = -1;
    for (size_t wb = b; wb < e;) {
        size_t we = window_end(s, wb, e);
        run_window(r, s, b, wb, we, out, &root);
        wb = we;
    }
}

static bool has_models(const rift_model *m)
{
    return m->tagger && m->morph && m->parser;
}

static void run_init(syntax_run *r, const rift_model *m, rift_arena *keep)
{
    r->m = m;
    r->sw = rift_xmalloc(WINDOW * sizeof *r->sw);
    rift_arena_init(&r->scratch);
    r->keep = keep;
}

static void run_fini(syntax_run *r)
{
    free(r->sw);
    rift_arena_release(&r->scratch);
}

void rift_stage_syntax(rift_doc *d)
{
    if (!has_models(d->model) || d->n_tokens == 0)
        return;
    rift_word *words = rift_arena_alloc(&d->arena, d->n_tokens * sizeof *words);
    for (size_t i = 0; i < d->n_tokens; i++) { /* tokens outside any sentence */
        words[i].xpos = rift_xpos_name(0);
        words[i].head = -1;
    }
    words_src src = {d->text, d->tokens, NULL, NULL};
    syntax_run r;
    run_init(&r, d->model, &d->arena);
    for (size_t k = 0; k < d->n_sents; k++) {
        const rift_sentence *s = &d->sents[k];
        size_t b = s->tok_begin, e = s->tok_end < d->n_tokens ? s->tok_end : d->n_tokens;
        if (b < e)
            run_sentence(&r, &src, b, e, words);
    }
    run_fini(&r);
    d->words = words;
    d->n_words = d->n_tokens;
}

void rift_syntax_sw(const rift_model *m, rift_sw *sw, size_t n, rift_arena *arena)
{
    if (!has_models(m) || !n)
        return;
    rift_tagger_tag(m->tagger, sw, n, arena);
    rift_morph_run(m->morph, sw, n, arena);
    rift_parser_parse(m->parser, sw, n, arena);
}

/* ---- rift_parse_words: one sentence of given words ----------------------- */

struct rift_parse {
    rift_arena arena;
    rift_word *words;
    size_t n;
};

rift_status rift_parse_words(const rift_model *m, const char *const *forms,
                             const size_t *lens, size_t n, rift_parse **out)
{
    if (!out)
        return RIFT_EINVAL;
    *out = NULL;
    if (!m || (n && (!forms || !lens)) || n > (size_t)INT32_MAX)
        return RIFT_EINVAL;
    if (!has_models(m))
        return RIFT_EINVAL;
    rift_parse *p = rift_xmalloc(sizeof *p);
    rift_arena_init(&p->arena);
    p->n = n;
    p->words = n ? rift_arena_alloc(&p->arena, n * sizeof *p->words) : NULL;
    if (n) {
        words_src src = {NULL, NULL, forms, lens};
        syntax_run r;
        run_init(&r, m, &p->arena);
        run_sentence(&r, &src, 0, n, p->words);
        run_fini(&r);
    }
    *out = p;
    return RIFT_OK;
}

const rift_word *rift_parse_result(const rift_parse *p, size_t *n)
{
    if (n)
        *n = p ? p->n : 0;
    return p ? p->words : NULL;
}

void rift_parse_free(rift_parse *p)
{
    if (!p)
        return;
    rift_arena_release(&p->arena);
    free(p);
}
