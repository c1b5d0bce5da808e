/* entity.c: stage "entities": in-document coreference: gathers mentions into entities.
 * Placeholder: adds nothing yet.
 */
#include "internal.h"

void rift_stage_entities(rift_doc *d)
{
    (void)d;
}
