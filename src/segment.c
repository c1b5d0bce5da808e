/* segment.c: stage 3.  Tokens and sentences as spans over the non-boilerplate
 * blocks.  Placeholder: words, numbers and punctuation; sentences end at
 * . ! ? before a space and a capital, and at the end of a block.
 */
#include "internal.h"

static bool wordish(rift_cclass c)
{
    return c == RIFT_C_UPPER || c == RIFT_C_LOWER || c == RIFT_C_LETTER ||
           c == RIFT_C_DIGIT;
}

void rift_stage_segment(rift_doc *d)
{
    RIFT_VEC(rift_token) tv = {0};
    RIFT_VEC(rift_sentence) sv = {0};
    const char *t = d->text;
    for (size_t b = 0; b < d->n_blocks; b++) {
        const rift_block *bl = &d->blocks[b];
        if (bl->kind != RIFT_BLOCK_TEXT)
            continue;
        size_t i = bl->start, sent_tok = tv.n;
        bool space = true;
        while (i < bl->end) {
            int n;
            int32_t cp = rift_utf8_decode(t, bl->end, i, &n);
            rift_cclass c = rift_utf8_class(cp);
            if (c == RIFT_C_SPACE || c == RIFT_C_NEWLINE) {
                i += (size_t)n;
                space = true;
                continue;
            }
            rift_token tok = {(uint32_t)i, 0, RIFT_TOK_PUNCT, 0};
            if (space)
                tok.flags |= RIFT_TF_SPACE_BEFORE;
            if (wordish(c)) {
                tok.kind = c == RIFT_C_DIGIT ? RIFT_TOK_NUMBER : RIFT_TOK_WORD;
                if (c == RIFT_C_UPPER)
                    tok.flags |= RIFT_TF_CAP;
                size_t j = i + (size_t)n;
                while (j < bl->end) {
                    int m;
                    rift_cclass cc = rift_utf8_class(rift_utf8_decode(t, bl->end, j, &m));
                    if (wordish(cc)) {
                        j += (size_t)m;
                        continue;
                    }
                    break;
                }
                tok.end = (uint32_t)j;
            } else {
                tok.end = (uint32_t)(i + (size_t)n);
                if (c == RIFT_C_QUOTE || c == RIFT_C_QUOTE_L || c == RIFT_C_QUOTE_R)
                    tok.kind = RIFT_TOK_QUOTE;
                else if (c == RIFT_C_DASH)
                    tok.kind = RIFT_TOK_DASH;
            }
            if (tv.n == sent_tok)
                tok.flags |= RIFT_TF_SENT_START;
            RIFT_VEC_PUSH(tv, tok);
            i = tok.end;
            space = false;
            bool end_block = i >= bl->end;
            if (c == RIFT_C_PERIOD || c == RIFT_C_TERM || end_block) {
                bool next_ok = end_block || (t[i] == ' ' && i + 1 < bl->end &&
                                             (t[i + 1] < 'a' || t[i + 1] > 'z'));
                if (next_ok) {
                    rift_sentence s = {tv.v[sent_tok].start, tok.end,
                                       (uint32_t)sent_tok, (uint32_t)tv.n,
                                       (uint32_t)b};
                    RIFT_VEC_PUSH(sv, s);
                    sent_tok = tv.n;
                }
            }
        }
    }
    d->n_tokens = tv.n;
    d->tokens = rift_arena_adopt(&d->arena, tv.v, tv.n, sizeof *tv.v);
    d->n_sents = sv.n;
    d->sents = rift_arena_adopt(&d->arena, sv.v, sv.n, sizeof *sv.v);
}
