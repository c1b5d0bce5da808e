/* toklayer.c: the token layer the stages share: is token i the word W, is it
 * in lexicon L, its lowered text, and its lemma and tags once parsed. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

size_t rift_tok_lower(const rift_doc *d, size_t i, char *buf, size_t cap)
{
    const rift_token *k = &d->tokens[i];
    const unsigned char *s = (const unsigned char *)d->text + k->start;
    size_t n = k->end - k->start, o = 0;
    if (n >= cap)
        return 0;
    for (size_t j = 0; j < n; j++) {
        unsigned ch = s[j];
        if (ch == 0xE2 && j + 2 < n && s[j + 1] == 0x80 && (s[j + 2] == 0x99 || s[j + 2] == 0x98)) {
            ch = '\'';
            j += 2;
        } else if (ch >= 0x80) {
            return 0;
        }
        buf[o++] = (char)(ch - 'A' < 26u ? ch + 32 : ch);
    }
    buf[o] = '\0';
    return o;
}

/* Compared in place; lowered into a buffer only when a byte outside ASCII
 * comes first (a curly apostrophe). */
bool rift_tok_is(const rift_doc *d, size_t i, const char *w)
{
    const rift_token *k = &d->tokens[i];
    const unsigned char *s = (const unsigned char *)d->text + k->start;
    size_t n = k->end - k->start, j = 0;
    for (; j < n; j++) {
        unsigned ch = s[j];
        if (ch >= 0x80) {
            char b[64];
            return rift_tok_lower(d, i, b, sizeof b) && !strcmp(b, w);
        }
        if (ch - 'A' < 26u)
            ch += 32;
        if (!w[j] || ch != (unsigned char)w[j])
            return false;
    }
    return j > 0 && w[j] == '\0';
}

bool rift_tok_in(const rift_doc *d, size_t i, const rift_lexicon *lx)
{
    char b[64];
    size_t n = rift_tok_lower(d, i, b, sizeof b);
    return n && rift_strmap_get(&lx->map, b, n) >= 0;
}

bool rift_word_in(const rift_lexicon *lx, const char *w, size_t n)
{
    return rift_strmap_get(&lx->map, w, n) >= 0;
}

const char *rift_tok_lemma(const rift_doc *d, size_t i)
{
    return d->words && i < d->n_words ? d->words[i].lemma : NULL;
}

const char *rift_tok_xpos(const rift_doc *d, size_t i)
{
    return d->words && i < d->n_words ? d->words[i].xpos : NULL;
}

rift_upos rift_tok_upos(const rift_doc *d, size_t i)
{
    return d->words && i < d->n_words ? d->words[i].upos : RIFT_UPOS_NONE;
}

rift_status rift_lexicon_require(rift_model *m, const char *name, const rift_lexicon **out)
{
    const rift_lexicon *lx = rift_model_lexicon(m, name);
    *out = lx;
    if (lx->name)
        return RIFT_OK;
    snprintf(m->errmsg, sizeof m->errmsg, "%.400s/%.60s.txt: missing (a required word list)",
             m->datadir ? m->datadir : ".", name);
    return RIFT_EIO;
}

bool rift_sent_range(const rift_doc *d, size_t k, size_t *b, size_t *e)
{
    *b = d->sents[k].tok_begin;
    *e = d->sents[k].tok_end < d->n_tokens ? d->sents[k].tok_end : d->n_tokens;
    return *b < *e;
}
