/* quote.c: stage "quotes": finds quotations and attributes them to speakers.
 * Placeholder: adds nothing yet.
 */
#include "internal.h"

rift_status rift_quote_init(rift_model *m)
{
    (void)m;
    return RIFT_OK;
}

void rift_quote_fini(rift_model *m)
{
    (void)m;
}

void rift_stage_quotes(rift_doc *d)
{
    (void)d;
}
