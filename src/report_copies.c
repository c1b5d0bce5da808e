/* report_copies.c: which articles of a story are copies of one article (wire
 * copies, republished pages), so that the report counts their events once;
 * the set of the events counted so far, as 64-bit hashes.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SimHashes within three bits agree on one of four 16-bit blocks: each
 * article is tried against the first article seen with each of its blocks. */
void report_copies(const report_art *a, size_t n, size_t *canon)
{
    rift_strmap first;
    rift_strmap_init(&first);
    for (size_t i = 0; i < n; i++) {
        canon[i] = i;
        if (!a[i].has_sh || !a[i].story)
            continue;
        for (int k = 0; k < 4; k++) {
            char key[64];
            int kl = snprintf(key, sizeof key, "%ld/%d/%04x", a[i].story, k,
                              (unsigned)(a[i].sh >> (16 * k)) & 0xFFFFu);
            int j = rift_strmap_get(&first, key, (size_t)kl);
            if (j < 0) {
                rift_strmap_put(&first, key, (size_t)kl, (int)i);
            } else if (canon[i] == i && __builtin_popcountll(a[i].sh ^ a[j].sh) <= 3) {
                canon[i] = canon[j];
            }
        }
    }
    rift_strmap_free(&first);
}

/* ---- the events already counted, as hashes ------------------------------------ */

bool report_seen_add(report_seen *s, uint64_t h)
{
    h = h ? h : 1; /* 0 marks an empty slot */
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        uint64_t *v = rift_xmalloc(cap * sizeof *v);
        memset(v, 0, cap * sizeof *v);
        for (size_t i = 0; i < s->cap; i++) {
            size_t j = s->v[i] & (cap - 1);
            while (s->v[i] && v[j])
                j = (j + 1) & (cap - 1);
            if (s->v[i])
                v[j] = s->v[i];
        }
        free(s->v);
        s->v = v;
        s->cap = cap;
    }
    size_t j = h & (s->cap - 1);
    for (; s->v[j]; j = (j + 1) & (s->cap - 1))
        if (s->v[j] == h)
            return true;
    s->v[j] = h;
    s->n++;
    return false;
}

void report_seen_free(report_seen *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}
