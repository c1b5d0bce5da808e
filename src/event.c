/* event.c: stage "events": codes events between actors in PLOVER and CAMEO.
 * Placeholder: adds nothing yet.
 */
#include "internal.h"

rift_status rift_event_init(rift_model *m)
{
    (void)m;
    return RIFT_OK;
}

void rift_event_fini(rift_model *m)
{
    (void)m;
}

void rift_stage_events(rift_doc *d)
{
    (void)d;
}
