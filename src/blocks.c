/* blocks.c: stage 2.  Splits the text into paragraphs and marks what is not
 * article text (navigation, repeats) and what is metadata (dateline, byline).
 * Placeholder: one block per non-empty line, all text.
 */
#include "internal.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

void rift_stage_blocks(rift_doc *d)
{
    RIFT_VEC(rift_block) v = {0};
    size_t i = 0, n = d->len;
    while (i < n) {
        size_t s = i;
        while (i < n && d->text[i] != '\n')
            i++;
        size_t e = i;
        if (i < n)
            i++;
        while (s < e && is_space(d->text[s]))
            s++;
        while (e > s && is_space(d->text[e - 1]))
            e--;
        if (e > s)
            RIFT_VEC_PUSH(v, ((rift_block){(uint32_t)s, (uint32_t)e, RIFT_BLOCK_TEXT}));
    }
    d->n_blocks = v.n;
    d->blocks = rift_arena_adopt(&d->arena, v.v, v.n, sizeof *v.v);
}
