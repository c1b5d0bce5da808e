/* report_copies.c: which articles of a story are copies of one article (wire
 * copies, republished pages), so that the report counts their events once.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>

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
