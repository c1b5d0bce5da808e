/* timex.c: stage "times": finds time expressions and resolves them against the article date.
 * Placeholder: adds nothing yet.
 */
#include "internal.h"

rift_status rift_timex_init(rift_model *m)
{
    (void)m;
    return RIFT_OK;
}

void rift_timex_fini(rift_model *m)
{
    (void)m;
}

void rift_stage_times(rift_doc *d)
{
    (void)d;
}
