/* mention.c: stage "mentions": finds names of people, organisations, outlets and places, with titles and roles.
 * Placeholder: adds nothing yet.
 */
#include "internal.h"

rift_status rift_mention_init(rift_model *m)
{
    (void)m;
    return RIFT_OK;
}

void rift_mention_fini(rift_model *m)
{
    (void)m;
}

void rift_stage_mentions(rift_doc *d)
{
    (void)d;
}
