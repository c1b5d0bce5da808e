/* actors.c: user actor lists (rift's own format, or PETRARCH/Phoenix actor
 * dictionaries) added to a model before it is shared.
 * Placeholder: not supported yet.
 */
#include "internal.h"

#include <stdio.h>

rift_status rift_model_add_actors(rift_model *m, const char *path)
{
    (void)path;
    snprintf(m->errmsg, sizeof m->errmsg, "actor lists are not supported yet");
    return RIFT_EINVAL;
}
