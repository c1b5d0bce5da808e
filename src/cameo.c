/* cameo.c: CAMEO codings shared by the events stage and the PETRARCH loader:
 * Goldstein weight, PLOVER type and mode of a code, and the derived codes.
 */
#include "cameo.h"

#include <stdlib.h>
#include <string.h>

const char *rift_cameo_plover(const char *code, size_t n)
{
    /* PLOVER drops CAMEO 01 and 02; its manual suggests 015 as AGREE and
     * 016 as REJECT.  rift also maps 019 (express accord) to AGREE and the
     * 02 appeals to REQUEST (see data/en/README.md). */
    if (n >= 3 && (!strncmp(code, "015", 3) || !strncmp(code, "019", 3)))
        return "AGREE";
    if (n >= 3 && !strncmp(code, "016", 3))
        return "REJECT";
    if (n >= 2 && !strncmp(code, "02", 2))
        return "REQUEST";
    return NULL;
}

bool rift_cameo_info(const rift_model *m, rift_arena *a, const char *code, size_t n,
                     double *goldstein, const char **plover, const char **mode)
{
    const rift_lexicon *cam = rift_model_lexicon(m, "cameo");
    int idx = cam ? rift_lexicon_find(cam, code, n) : -1;
    bool found = idx >= 0 && (size_t)idx < cam->n_values && cam->values[idx];
    if (found) {
        /* goldstein TAB plover TAB mode TAB name */
        const char *v = cam->values[idx];
        *goldstein = strtod(v, NULL);
        const char *t1 = strchr(v, '\t');
        const char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        const char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
        if (t1 && t2 && t2 > t1 + 1)
            *plover = rift_arena_strndup(a, t1 + 1, (size_t)(t2 - t1 - 1));
        if (t2 && t3 && t3 > t2 + 1)
            *mode = rift_arena_strndup(a, t2 + 1, (size_t)(t3 - t2 - 1));
    }
    if (!*plover)
        *plover = rift_cameo_plover(code, n);
    return found;
}

const char *const rift_cameo_derived[] = {
    "030", "031", "032", "033", "035", "036", "130", "131", "1312", "132", "133", "137",
    "138", "1382", "111", "120", "121", "122", "124", "125", "127", "100", "101", "102",
    "103", "105", "106", NULL};

bool rift_cameo_well_formed(const char *code, size_t n)
{
    if (n < 2 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return true;
}
